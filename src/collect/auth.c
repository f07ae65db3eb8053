/*
 * auth.c - who may log in and become root, read inside the root (the
 * live host or a disk image): the password state of every account from
 * /etc/shadow (the hash is classified, never kept), its login shell as
 * found in the root and in /etc/shells, duplicate account names, every
 * line of /etc/sudoers and the files it includes, every keyword of
 * /etc/ssh/sshd_config and the files it includes, and the reference time
 * file ages are judged against.
 *
 * Files are hostile: read through root_open (links cannot leave the
 * root), at most RM_CONFIG_MAX bytes each (shadow: RM_FILE_MAX), at most
 * RM_AUTH_FILES_MAX included files nested RM_INCLUDE_DEPTH deep, at most
 * RM_AUTH_LINES_MAX rules and options; what did not fit goes to
 * scan.skipped.  Runs after users_collect and before persist_collect_ssh
 * (which reads the AuthorizedKeysFile entries found here).
 */
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "../core/xmalloc.h"
#include "auth_parse.h"
#include "collect.h"
#include "../core/sort.h"

/* ---- accounts: names, shadow, shells ----------------------------------------- */

/* Account indexes by name, then by place in /etc/passwd. */
static int
cmp_name(const void *a, const void *b, void *arg)
{
	const struct snapshot *s = arg;
	const struct account *x = &s->accounts[*(const size_t *)a];
	const struct account *y = &s->accounts[*(const size_t *)b];
	int c = strcmp(x->name, y->name);

	return c ? c : x->line < y->line ? -1 : x->line > y->line;
}

/* The first account (by line) named [name, name+n), or NULL. */
static struct account *
find_name(struct snapshot *s, const size_t *ord, size_t n, const char *name,
	  size_t namelen)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = s->accounts[ord[mid]].name;
		int c = strncmp(m, name, namelen);

		if (c == 0 && m[namelen] != '\0')
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n) {
		const char *m = s->accounts[ord[lo]].name;

		if (strncmp(m, name, namelen) == 0 && m[namelen] == '\0')
			return &s->accounts[ord[lo]];
	}
	return NULL;
}

static void
read_shadow(struct snapshot *s, const size_t *ord, size_t n)
{
	struct buf b;
	bool trunc;
	const char *p, *end;
	uint32_t lineno = 0;
	int r;

	buf_init(&b, RM_FILE_MAX);
	r = root_read_file(s->rootfd, "etc/shadow", &b, NULL, &trunc);
	if (r != RM_OK) {
		if (r != RM_ENOENT)
			snapshot_skip(s, "accounts: /etc/shadow", "cannot read: "
			    "%s; password states are unknown", rm_strerror(r));
		buf_free(&b);
		return;
	}
	s->shadow_read = true;
	if (trunc)
		snapshot_skip(s, "accounts: /etc/shadow", "larger than %u "
		    "bytes; only the start was read", RM_FILE_MAX);
	p = b.data;
	end = b.data + b.len;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		struct shadow_line l;
		struct account *a;

		if (e == NULL)
			e = end;
		lineno++;
		authparse_shadow_line(p, (size_t)(e - p), &l);
		p = e + 1;
		if (!l.valid)
			continue;
		a = find_name(s, ord, n, l.name, l.namelen);
		if (a == NULL || a->shadow_line != 0)
			continue;  /* no such account, or a later line */
		a->shadow_line = lineno;
		a->pw_changed_day = l.changed_day;
		if (strcmp(a->passwd, "x") == 0) {
			a->pw_state = (uint8_t)l.state;
			a->pw_kind = l.kind;
		}
	}
	buf_free(&b);
}

/* /etc/shells as glibc's getusershell() reads it: from the first '/' to
 * the first blank or '#'. */
static char **
read_shells(struct snapshot *s, size_t *n)
{
	struct buf b;
	char **v = NULL;
	size_t nv = 0;
	const char *p, *end;

	*n = 0;
	buf_init(&b, RM_SMALLFILE_MAX);
	if (root_read_file(s->rootfd, "etc/shells", &b, NULL, NULL) !=
	    RM_OK) {
		buf_free(&b);
		return NULL;
	}
	s->shells_read = true;
	p = b.data;
	end = b.data + b.len;
	while (p < end && nv < 1024) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *q, *w;

		if (e == NULL)
			e = end;
		for (q = p; q < e && *q != '#' && *q != '/'; q++)
			;
		if (q < e && *q == '/') {
			for (w = q; w < e && *w != '#' && *w != ' ' &&
			    *w != '\t' && *w != '\r' && *w != '\0'; w++)
				;
			v = xreallocarray(v, nv + 1, sizeof(*v));
			v[nv++] = arena_strndup(&s->arena, q, (size_t)(w - q));
		}
		p = e + 1;
	}
	buf_free(&b);
	*n = nv;
	return v;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static uint8_t
shell_look(struct snapshot *s, const char *sh)
{
	struct stat st;
	int fd;

	if (sh[0] != '/')
		return SHELL_MISSING;  /* login(1) cannot exec a relative one */
	fd = root_open(s->rootfd, sh, O_PATH);
	if (fd == RM_ENOENT || fd == RM_EPARSE)
		return SHELL_MISSING;
	if (fd < 0)
		return SHELL_UNCHECKED;  /* a link we may not follow, EACCES */
	if (fstat(fd, &st) != 0) {
		close(fd);
		return SHELL_UNCHECKED;
	}
	close(fd);
	if (S_ISREG(st.st_mode) && (st.st_mode & 0111))
		return SHELL_FOUND;
	return SHELL_NOT_EXEC;
}

static void
check_shells(struct snapshot *s)
{
	size_t nsh = 0, nu = 0;
	char **shells = read_shells(s, &nsh);
	const char **u = xreallocarray(NULL, s->naccounts ? s->naccounts : 1,
	    sizeof(*u));
	uint8_t *state;
	bool *listed, found = false;

	for (size_t i = 0; i < s->naccounts; i++)
		u[i] = s->accounts[i].shell;
	xqsort(u, s->naccounts, sizeof(*u), cmp_str);
	for (size_t i = 0; i < s->naccounts; i++)
		if (nu == 0 || strcmp(u[i], u[nu - 1]) != 0)
			u[nu++] = u[i];
	state = xreallocarray(NULL, nu ? nu : 1, sizeof(*state));
	listed = xreallocarray(NULL, nu ? nu : 1, sizeof(*listed));
	for (size_t i = 0; i < nu; i++) {
		state[i] = i < RM_SHELLS_MAX && u[i][0] ? shell_look(s, u[i]) :
		    SHELL_UNCHECKED;
		listed[i] = false;
		for (size_t k = 0; k < nsh; k++)
			if (strcmp(shells[k], u[i]) == 0)
				listed[i] = true;
	}
	if (nu > RM_SHELLS_MAX)
		snapshot_skip(s, "accounts: login shells", "more than %u "
		    "distinct shells; the rest were not looked up",
		    RM_SHELLS_MAX);
	/* no shell at all found: an image of /etc alone (or a chroot
	 * without binaries); "missing" would say nothing */
	for (size_t i = 0; i < nu; i++)
		found |= state[i] == SHELL_FOUND || state[i] == SHELL_NOT_EXEC;
	if (!found && nu > 0) {
		memset(state, SHELL_UNCHECKED, nu * sizeof(*state));
		snapshot_skip(s, "accounts: login shells", "no login shell "
		    "exists in the root; shells were not judged");
	}
	for (size_t i = 0; i < s->naccounts; i++) {
		const char *sh = s->accounts[i].shell;
		const char **hit = xbsearch(&sh, u, nu, sizeof(*u), cmp_str);

		if (hit == NULL)
			continue;
		s->accounts[i].shell_state = state[hit - u];
		s->accounts[i].shell_listed = listed[hit - u];
	}
	free(u);
	free(state);
	free(listed);
	free(shells);
}

static void
collect_accounts(struct snapshot *s)
{
	size_t n = s->naccounts;
	size_t *ord = xreallocarray(NULL, n ? n : 1, sizeof(*ord));

	for (size_t i = 0; i < n; i++) {
		struct account *a = &s->accounts[i];

		ord[i] = i;
		a->pw_changed_day = -1;
		/* a field other than "x" is the password itself */
		if (strcmp(a->passwd, "x") != 0) {
			a->pw_state = (uint8_t)authparse_pw_field(a->passwd,
			    strlen(a->passwd), &a->pw_kind);
			a->pw_in_passwd = a->pw_state == PW_SET;
		}
	}
	xqsort_r(ord, n, sizeof(*ord), cmp_name, s);
	for (size_t i = 1; i < n; i++) {
		struct account *a = &s->accounts[ord[i]];
		const struct account *prev = &s->accounts[ord[i - 1]];

		if (strcmp(a->name, prev->name) == 0)
			a->dup_line = prev->dup_line ? prev->dup_line :
			    prev->line;
	}
	read_shadow(s, ord, n);
	s->accounts_by_name = n ? arena_memdup(&s->arena, ord,
	    n * sizeof(*ord)) : NULL;
	free(ord);
	check_shells(s);
}

/* ---- included configuration files ------------------------------------------- */

struct file_meta {
	uint32_t mode, uid;
	int64_t mtime;
};

struct conf_acc {
	struct snapshot *s;
	bool owners_unknown;
	size_t nfiles;
	bool files_capped, lines_capped, depth_capped;
	/* sudoers */
	struct sudo_rule *rules;
	size_t nrules, arules;
	/* sshd_config */
	struct sshd_opt *opts;
	size_t nopts, aopts;
	const char *match;         /* the current Match criteria, or NULL */
};

/* Read a config file into b; false if absent or unreadable. */
static bool
conf_read(struct conf_acc *c, const char *rel, struct buf *b,
	  struct file_meta *m, const char *check)
{
	struct stat st;
	bool trunc = false;
	int r;

	if (c->nfiles >= RM_AUTH_FILES_MAX) {
		c->files_capped = true;
		return false;
	}
	buf_init(b, RM_CONFIG_MAX);
	r = root_read_file(c->s->rootfd, rel, b, &st, &trunc);
	if (r != RM_OK) {
		if (r != RM_ENOENT)
			snapshot_skip(c->s, check, "/%s could not be read (%s)",
			    rel, rm_strerror(r));
		buf_free(b);
		return false;
	}
	if (trunc)
		snapshot_skip(c->s, check, "/%s is larger than %u bytes; only "
		    "the start was read", rel, RM_CONFIG_MAX);
	c->nfiles++;
	m->mode = st.st_mode;
	m->uid = st.st_uid;
	m->mtime = st.st_mtime;
	return true;
}

typedef void conf_file_fn(struct conf_acc *c, const char *rel, int depth);

struct glob_ctx {
	const char *pattern;
	bool sudo;                 /* includedir rules: no '.', no '~' */
	char **names;
	size_t n;
};

static int
glob_entry(const char *name, unsigned char type, void *arg)
{
	struct glob_ctx *g = arg;

	(void)type;
	if (name[0] == '.' || g->n >= RM_AUTH_FILES_MAX)
		return 0;
	if (g->sudo) {
		size_t l = strlen(name);

		if (strchr(name, '.') || (l && name[l - 1] == '~'))
			return 0;
	} else if (fnmatch(g->pattern, name, FNM_PERIOD) != 0) {
		return 0;
	}
	g->names = xreallocarray(g->names, g->n + 1, sizeof(*g->names));
	g->names[g->n++] = xstrdup(name);
	return 0;
}

/* Every file of dir (relative to the root) whose name matches pattern
 * (NULL: sudo's includedir rules), sorted, to fn. */
static void
conf_dir(struct conf_acc *c, const char *dir, const char *pattern,
	 conf_file_fn *fn, int depth, const char *check)
{
	struct glob_ctx g = { pattern, pattern == NULL, NULL, 0 };
	int dfd = root_open(c->s->rootfd, dir, O_RDONLY | O_DIRECTORY);

	if (dfd < 0) {
		if (dfd != RM_ENOENT)
			snapshot_skip(c->s, check, "/%s could not be listed "
			    "(%s)", dir, rm_strerror(dfd));
		return;
	}
	io_list_dir(dfd, glob_entry, &g);
	close(dfd);
	xqsort(g.names, g.n, sizeof(*g.names), cmp_str);
	for (size_t i = 0; i < g.n; i++) {
		char rel[1024];

		snprintf(rel, sizeof(rel), "%s/%s", dir, g.names[i]);
		fn(c, rel, depth);
		free(g.names[i]);
	}
	free(g.names);
}

/* An include target as a path relative to the root: absolute, or taken
 * from base (a directory relative to the root). */
static void
conf_target(const char *base, const char *path, char *out, size_t cap)
{
	while (*path == '/' && path[1] == '/')
		path++;
	if (path[0] == '/')
		snprintf(out, cap, "%s", path + 1);
	else
		snprintf(out, cap, "%s/%s", base, path);
}

static const char *
shown_path(struct snapshot *s, const char *rel)
{
	char shown[1100];

	snprintf(shown, sizeof(shown), "/%s", rel);
	return arena_strdup(&s->arena, shown);
}

/* ---- sudoers ------------------------------------------------------------------- */

static struct sudo_rule *
sudo_add(struct conf_acc *c, const char *file, uint32_t line,
	 const struct file_meta *m, enum sudo_kind kind)
{
	struct sudo_rule *r;

	if (c->nrules >= RM_AUTH_LINES_MAX) {
		c->lines_capped = true;
		return NULL;
	}
	if (c->nrules == c->arules) {
		c->arules = c->arules ? c->arules * 2 : 32;
		c->rules = xreallocarray(c->rules, c->arules,
		    sizeof(*c->rules));
	}
	r = &c->rules[c->nrules++];
	memset(r, 0, sizeof(*r));
	r->file = file;
	r->line = line;
	r->kind = (uint8_t)kind;
	r->file_mode = m->mode;
	r->file_uid = m->uid;
	r->file_mtime = m->mtime;
	r->owners_unknown = c->owners_unknown;
	return r;
}

static void sudo_file(struct conf_acc *c, const char *rel, int depth);

static void
sudo_file(struct conf_acc *c, const char *rel, int depth)
{
	struct snapshot *s = c->s;
	struct file_meta m;
	struct buf b;
	const char *p, *end, *file;
	char line[2048], dir[1024];
	uint32_t lineno = 1;
	char *slash;

	if (depth > RM_INCLUDE_DEPTH) {
		c->depth_capped = true;
		return;
	}
	if (!conf_read(c, rel, &b, &m, "accounts: sudoers"))
		return;
	if (depth == 0)
		s->sudoers_read = true;
	file = shown_path(s, rel);
	sudo_add(c, file, 0, &m, SUDO_FILE);
	snprintf(dir, sizeof(dir), "%s", rel);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	p = b.data;
	end = b.data + b.len;
	for (;;) {
		struct sudo_line l;
		struct sudo_rule *r;
		size_t len, used;
		uint32_t nl;
		char target[1024];

		used = authparse_sudoers_next(p, end, line, sizeof(line), &len,
		    &nl);
		if (used == 0)
			break;
		p += used;
		authparse_sudoers_line(line, len, &l);
		switch (l.kind) {
		case SUDOL_INCLUDE:
			conf_target(dir, l.path, target, sizeof(target));
			sudo_file(c, target, depth + 1);
			break;
		case SUDOL_INCLUDEDIR:
			conf_target(dir, l.path, target, sizeof(target));
			if (depth + 1 > RM_INCLUDE_DEPTH)
				c->depth_capped = true;
			else
				conf_dir(c, target, NULL, sudo_file, depth + 1,
				    "accounts: sudoers");
			break;
		case SUDOL_RULE:
		case SUDOL_DEFAULTS:
		case SUDOL_ALIAS:
			r = sudo_add(c, file, lineno, &m, l.kind == SUDOL_RULE ?
			    SUDO_RULE : l.kind == SUDOL_DEFAULTS ?
			    SUDO_DEFAULTS : SUDO_ALIAS);
			if (r == NULL)
				break;
			r->users = arena_strdup(&s->arena, l.users);
			r->hosts = arena_strdup(&s->arena, l.hosts);
			if (l.runas[0])
				r->runas = arena_strdup(&s->arena, l.runas);
			r->commands = arena_strdup(&s->arena, l.commands);
			r->text = arena_strndup(&s->arena, line,
			    len < 512 ? len : 512);
			r->flags = l.flags;
			break;
		case SUDOL_INVALID:
			s->parse_errors++;
			break;
		default:
			break;
		}
		lineno += nl;
	}
	buf_free(&b);
}

static int
cmp_alias(const void *a, const void *b)
{
	const struct sudo_rule *const *x = a, *const *y = b;
	int c = strcmp((*x)->users, (*y)->users);

	return c ? c : (*x)->line < (*y)->line ? -1 : (*x)->line > (*y)->line;
}

/* Each rule's users with User_Alias names replaced (the first definition
 * of a name wins; sudo refuses duplicates anyway). */
static void
sudo_members(struct snapshot *s, struct sudo_rule *r, size_t n)
{
	const struct sudo_rule **al = xreallocarray(NULL, n ? n : 1,
	    sizeof(*al));
	const char **names, **members;
	size_t na = 0, nu = 0;
	char out[SUDO_CMDS_MAX];

	for (size_t i = 0; i < n; i++)
		if (r[i].kind == SUDO_ALIAS)
			al[na++] = &r[i];
	xqsort(al, na, sizeof(*al), cmp_alias);
	names = xreallocarray(NULL, na ? na : 1, sizeof(*names));
	members = xreallocarray(NULL, na ? na : 1, sizeof(*members));
	for (size_t i = 0; i < na; i++)
		if (nu == 0 || strcmp(al[i]->users, names[nu - 1]) != 0) {
			names[nu] = al[i]->users;
			members[nu++] = al[i]->commands;
		}
	for (size_t i = 0; i < n; i++) {
		if (r[i].kind != SUDO_RULE)
			continue;
		authparse_sudo_expand(r[i].users, names, members, nu, out,
		    sizeof(out));
		r[i].members = arena_strdup(&s->arena, out);
	}
	free(al);
	free(names);
	free(members);
}

/* ---- sshd_config ------------------------------------------------------------------ */

static void sshd_file(struct conf_acc *c, const char *rel, int depth);

/* One Include word: a path or a glob in its last component. */
static void
sshd_include(struct conf_acc *c, const char *word, int depth)
{
	char target[1024], *slash;

	conf_target("etc/ssh", word, target, sizeof(target));
	slash = strrchr(target, '/');
	if (strpbrk(target, "*?[") == NULL) {
		sshd_file(c, target, depth + 1);
		return;
	}
	if (slash == NULL || strpbrk(slash + 1, "*?[") == NULL ||
	    memchr(target, '*', (size_t)(slash - target)) ||
	    memchr(target, '?', (size_t)(slash - target)) ||
	    memchr(target, '[', (size_t)(slash - target))) {
		snapshot_skip(c->s, "ssh: sshd_config", "Include %s: a "
		    "wildcard before the last component is not followed", word);
		return;
	}
	*slash = '\0';
	if (depth + 1 > RM_INCLUDE_DEPTH) {
		c->depth_capped = true;
		return;
	}
	conf_dir(c, target, slash + 1, sshd_file, depth + 1, "ssh: sshd_config");
}

static void
sshd_file(struct conf_acc *c, const char *rel, int depth)
{
	struct snapshot *s = c->s;
	struct file_meta m;
	struct buf b;
	const char *p, *end, *file, *saved_match = c->match;
	uint32_t lineno = 0;
	bool first = true;

	if (depth > RM_INCLUDE_DEPTH) {
		c->depth_capped = true;
		return;
	}
	if (!conf_read(c, rel, &b, &m, "ssh: sshd_config"))
		return;
	if (depth == 0)
		s->sshd_config_read = true;
	file = shown_path(s, rel);
	p = b.data;
	end = b.data + b.len;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		struct sshd_line l;
		struct sshd_opt *o;

		if (e == NULL)
			e = end;
		lineno++;
		authparse_sshd_line(p, (size_t)(e - p), &l);
		p = e + 1;
		if (l.kind == SSHDL_INVALID)
			s->parse_errors++;
		if (l.kind != SSHDL_OPT && l.kind != SSHDL_MATCH)
			continue;
		if (l.kind == SSHDL_MATCH) {
			c->match = strcasecmp(l.value, "all") == 0 ? NULL :
			    arena_strdup(&s->arena, l.value);
		}
		if (c->nopts >= RM_AUTH_LINES_MAX) {
			c->lines_capped = true;
			break;
		}
		if (c->nopts == c->aopts) {
			c->aopts = c->aopts ? c->aopts * 2 : 64;
			c->opts = xreallocarray(c->opts, c->aopts,
			    sizeof(*c->opts));
		}
		o = &c->opts[c->nopts++];
		memset(o, 0, sizeof(*o));
		o->file = file;
		o->line = lineno;
		o->keyword = arena_strdup(&s->arena, l.keyword);
		o->value = arena_strdup(&s->arena, l.value);
		o->match = l.kind == SSHDL_MATCH ? NULL : c->match;
		o->file_first = first;
		first = false;
		o->file_mode = m.mode;
		o->file_uid = m.uid;
		o->file_mtime = m.mtime;
		o->owners_unknown = c->owners_unknown;
		if (strcmp(l.keyword, "include") == 0) {
			char w[8][SSHD_WORD_MAX];
			size_t nw = authparse_words(l.value, w, 8);

			for (size_t i = 0; i < nw; i++)
				sshd_include(c, w[i], depth);
		}
	}
	c->match = saved_match;
	buf_free(&b);
}

/* Which options sshd uses: outside Match, the first value of a keyword
 * (every value of Port & co). */
static void
sshd_effective(struct sshd_opt *o, size_t n)
{
	const char **seen = xreallocarray(NULL, n ? n : 1, sizeof(*seen));
	size_t nseen = 0;

	for (size_t i = 0; i < n; i++) {
		bool dup = false;

		if (o[i].match || strcmp(o[i].keyword, "match") == 0)
			continue;
		if (authparse_sshd_multi(o[i].keyword)) {
			o[i].effective = true;
			continue;
		}
		/* few distinct keywords (sshd knows ~100): linear is fine,
		 * and bounded by the keywords seen */
		for (size_t k = 0; k < nseen && !dup; k++)
			dup = strcmp(seen[k], o[i].keyword) == 0;
		if (dup)
			continue;
		o[i].effective = true;
		if (nseen < 256)
			seen[nseen++] = o[i].keyword;
	}
	free(seen);
}

/* ---- the reference time ---------------------------------------------------------- */

static void
ref_time(struct snapshot *s)
{
	static const char *const dated[] = {
		"var/log/wtmp", "var/log/lastlog", "var/log/btmp",
		"var/log/auth.log", "var/log/syslog", "var/log/messages",
		"var/log/secure", "var/lib/dpkg/status", "var/log/dpkg.log",
		"var/lib/rpm/rpmdb.sqlite", "var/log/journal", "etc/shadow",
		NULL,
	};
	int64_t now = (int64_t)time(NULL), best = 0;

	if (s->live) {
		s->ref_time = now;
		return;
	}
	for (int i = 0; dated[i]; i++) {
		struct stat st;

		if (root_lstat(s->rootfd, dated[i], &st) == RM_OK &&
		    st.st_mtime > best)
			best = st.st_mtime;
	}
	s->ref_time = best > now ? now : best;
}

void
auth_collect(struct snapshot *s)
{
	struct conf_acc c = { .s = s };
	struct stat rst;

	c.owners_unknown = !s->live && fstat(s->rootfd, &rst) == 0 &&
	    rst.st_uid != 0;
	ref_time(s);
	collect_accounts(s);

	sudo_file(&c, "etc/sudoers", 0);
	sudo_members(s, c.rules, c.nrules);
	s->sudo_rules = arena_alloc(&s->arena, (c.nrules ? c.nrules : 1) *
	    sizeof(*s->sudo_rules));
	if (c.nrules)
		memcpy(s->sudo_rules, c.rules, c.nrules * sizeof(*c.rules));
	s->nsudo_rules = c.nrules;

	c.nfiles = 0;
	c.match = NULL;
	sshd_file(&c, "etc/ssh/sshd_config", 0);
	sshd_effective(c.opts, c.nopts);
	s->sshd_opts = arena_alloc(&s->arena, (c.nopts ? c.nopts : 1) *
	    sizeof(*s->sshd_opts));
	if (c.nopts)
		memcpy(s->sshd_opts, c.opts, c.nopts * sizeof(*c.opts));
	s->nsshd_opts = c.nopts;

	if (c.files_capped)
		snapshot_skip(s, "accounts: sudoers and sshd_config", "more "
		    "than %u included files; the rest were not read",
		    RM_AUTH_FILES_MAX);
	if (c.lines_capped)
		snapshot_skip(s, "accounts: sudoers and sshd_config", "more "
		    "than %u rules or options; the rest were not kept",
		    RM_AUTH_LINES_MAX);
	if (c.depth_capped)
		snapshot_skip(s, "accounts: sudoers and sshd_config", "includes "
		    "nested deeper than %u were not followed",
		    RM_INCLUDE_DEPTH);
	free(c.rules);
	free(c.opts);
}
