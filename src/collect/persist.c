/*
 * persist.c - where cron, anacron and at look for jobs, read inside the
 * root (the live host or a disk image): every file, its owner, mode and
 * kind, and each job line with what its command does (cron_parse.c).
 *
 * Files are hostile: read through root_open (links cannot leave the root,
 * FIFOs and devices are refused), at most RM_CONFIG_MAX bytes each, at most
 * RM_CRON_FILES_MAX files and RM_CRON_JOBS_MAX jobs per scan; what did not
 * fit is said in scan.skipped.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "cron_parse.h"
#include "auth_parse.h"
#include "ssh_parse.h"
#include "../core/sort.h"

struct cron_acc {
	struct snapshot *s;
	struct cron_file *files;
	size_t nfiles, afiles;
	struct cron_job *jobs;
	size_t *jobfile;           /* index into files, per job */
	size_t njobs, ajobs;
	bool files_capped, jobs_capped;
};

static void
add_job(struct cron_acc *a, size_t fi, uint32_t lineno,
	const struct cron_line *l, const char *cmd, size_t cmdlen,
	enum cron_file_kind kind)
{
	struct snapshot *s = a->s;
	struct cron_cmd c;
	struct cron_job *j;

	cronparse_command(cmd, cmdlen, &c);
	if ((kind == CRONF_SCRIPT || kind == CRONF_AT) && c.flags == 0)
		return;  /* script lines: only those worth a look */
	if (a->njobs >= RM_CRON_JOBS_MAX) {
		a->jobs_capped = true;
		return;
	}
	if (a->njobs == a->ajobs) {
		a->ajobs = a->ajobs ? a->ajobs * 2 : 64;
		a->jobs = xreallocarray(a->jobs, a->ajobs, sizeof(*a->jobs));
		a->jobfile = xreallocarray(a->jobfile, a->ajobs,
		    sizeof(*a->jobfile));
	}
	j = &a->jobs[a->njobs];
	memset(j, 0, sizeof(*j));
	a->jobfile[a->njobs++] = fi;
	j->line = lineno;
	j->interval = l ? l->interval : CRON_RARE;
	if (l && l->sched)
		j->schedule = arena_strndup(&s->arena, l->sched, l->schedlen);
	if (l && l->user)
		j->user = arena_strndup(&s->arena, l->user, l->userlen);
	j->command = arena_strndup(&s->arena, cmd, cmdlen < RM_CRON_CMD_MAX ?
	    cmdlen : RM_CRON_CMD_MAX);
	j->flags = c.flags;
	if (c.path[0])
		j->path = arena_strdup(&s->arena, c.path);
	if (c.url[0])
		j->url = arena_strdup(&s->arena, c.url);
}

static void
parse_file(struct cron_acc *a, size_t fi, const char *buf, size_t n)
{
	struct cron_file *f = &a->files[fi];
	const char *p = buf, *end = buf + n;
	enum cron_format fmt = f->kind == CRONF_SYSTEM ? CRON_SYSTEM :
	    f->kind == CRONF_ANACRON ? CRON_ANACRON : CRON_USER;
	uint32_t lineno = 0;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t len;

		if (e == NULL)
			e = end;  /* a last line without newline still counts */
		len = (size_t)(e - p);
		lineno++;
		if (f->kind == CRONF_SCRIPT || f->kind == CRONF_AT) {
			const char *q = p;

			while (q < e && (*q == ' ' || *q == '\t'))
				q++;
			if (q < e && *q != '#') {
				f->njobs++;
				add_job(a, fi, lineno, NULL, q, (size_t)(e - q),
				    f->kind);
			}
		} else {
			struct cron_line l;

			cronparse_line(p, len, fmt, &l);
			if (l.kind == CRONL_JOB) {
				f->njobs++;
				add_job(a, fi, lineno, &l, l.cmd, l.cmdlen,
				    f->kind);
			} else if (l.kind == CRONL_INVALID) {
				f->ninvalid++;
			}
		}
		p = e + 1;
	}
}

/* Read one file (path relative to the root). */
static void
read_one(struct cron_acc *a, const char *path, enum cron_file_kind kind,
	 const char *user)
{
	struct snapshot *s = a->s;
	struct cron_file *f;
	struct stat st;
	struct buf b;
	bool trunc = false;
	char shown[1100];
	int r;

	if (root_lstat(s->rootfd, path, &st) != RM_OK || S_ISDIR(st.st_mode))
		return;
	if (a->nfiles >= RM_CRON_FILES_MAX) {
		a->files_capped = true;
		return;
	}
	if (a->nfiles == a->afiles) {
		a->afiles = a->afiles ? a->afiles * 2 : 32;
		a->files = xreallocarray(a->files, a->afiles,
		    sizeof(*a->files));
	}
	f = &a->files[a->nfiles];
	memset(f, 0, sizeof(*f));
	snprintf(shown, sizeof(shown), "/%s", path);
	f->path = arena_strdup(&s->arena, shown);
	f->kind = kind;
	f->user = user ? arena_strdup(&s->arena, user) : NULL;
	f->mode = st.st_mode;
	f->uid = st.st_uid;
	f->gid = st.st_gid;
	f->mtime = st.st_mtime;
	f->size = (uint64_t)st.st_size;
	buf_init(&b, RM_CONFIG_MAX);
	r = root_read_file(s->rootfd, path, &b, &st, &trunc);
	if (r == RM_OK) {
		/* a link: describe what it points to */
		f->mode = st.st_mode;
		f->uid = st.st_uid;
		f->gid = st.st_gid;
		f->mtime = st.st_mtime;
		f->size = (uint64_t)st.st_size;
		f->truncated = trunc;
		f->magic = cronparse_magic(b.data, b.len);
	} else {
		f->read_err = r;
	}
	a->nfiles++;
	if (r == RM_OK)
		parse_file(a, a->nfiles - 1, b.data, b.len);
	buf_free(&b);
}

struct dir_ctx {
	struct cron_acc *a;
	const char *dir;
	enum cron_file_kind kind;
	bool user_named;
	size_t n;
};

static int
dir_entry(const char *name, unsigned char type, void *arg)
{
	struct dir_ctx *c = arg;
	char path[1024];

	(void)type;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return 0;
	if (++c->n > RM_CRON_FILES_MAX) {
		c->a->files_capped = true;
		return 1;
	}
	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	read_one(c->a, path, c->kind, c->user_named ? name : NULL);
	return 0;
}

static void
read_dir(struct cron_acc *a, const char *dir, enum cron_file_kind kind,
	 bool user_named)
{
	struct dir_ctx c = { a, dir, kind, user_named, 0 };
	int dfd = root_open(a->s->rootfd, dir, O_RDONLY | O_DIRECTORY);

	if (dfd < 0) {
		if (dfd != RM_ENOENT)
			snapshot_skip(a->s, "persistence: cron", "/%s could "
			    "not be listed (%s)", dir, rm_strerror(dfd));
		return;
	}
	io_list_dir(dfd, dir_entry, &c);
	close(dfd);
}

void
persist_collect_cron(struct snapshot *s)
{
	static const char *const scripts[] = {
		"etc/cron.hourly", "etc/cron.daily", "etc/cron.weekly",
		"etc/cron.monthly", "etc/cron.yearly", NULL,
	};
	struct cron_acc a = { .s = s };
	struct stat rst;
	bool owners_unknown = !s->live && fstat(s->rootfd, &rst) == 0 &&
	    rst.st_uid != 0;

	read_one(&a, "etc/crontab", CRONF_SYSTEM, NULL);
	read_dir(&a, "etc/cron.d", CRONF_SYSTEM, false);
	read_one(&a, "etc/anacrontab", CRONF_ANACRON, NULL);
	for (int i = 0; scripts[i]; i++)
		read_dir(&a, scripts[i], CRONF_SCRIPT, false);
	/* Debian's spool, then RHEL's (its regular files are crontabs;
	 * read_one skips the directories crontabs/, atjobs/, atspool/) */
	read_dir(&a, "var/spool/cron/crontabs", CRONF_USER, true);
	read_dir(&a, "var/spool/cron", CRONF_USER, true);
	read_dir(&a, "var/spool/cron/atjobs", CRONF_AT, false);
	read_dir(&a, "var/spool/at", CRONF_AT, false);

	s->cron_files = arena_alloc(&s->arena, (a.nfiles ? a.nfiles : 1) *
	    sizeof(*s->cron_files));
	if (a.nfiles)
		memcpy(s->cron_files, a.files, a.nfiles * sizeof(*a.files));
	for (size_t i = 0; i < a.nfiles; i++)
		s->cron_files[i].owners_unknown = owners_unknown;
	s->ncron_files = a.nfiles;
	s->cron_jobs = arena_alloc(&s->arena, (a.njobs ? a.njobs : 1) *
	    sizeof(*s->cron_jobs));
	for (size_t i = 0; i < a.njobs; i++) {
		s->cron_jobs[i] = a.jobs[i];
		s->cron_jobs[i].file = &s->cron_files[a.jobfile[i]];
	}
	s->ncron_jobs = a.njobs;
	if (a.files_capped)
		snapshot_skip(s, "persistence: cron files", "more than %u "
		    "files in cron directories; the rest were not read",
		    RM_CRON_FILES_MAX);
	if (a.jobs_capped)
		snapshot_skip(s, "persistence: cron jobs", "more than %u cron "
		    "jobs; the rest were not kept", RM_CRON_JOBS_MAX);
	free(a.files);
	free(a.jobs);
	free(a.jobfile);
}

/* ---- SSH authorized keys ------------------------------------------------- */

struct key_acc {
	struct snapshot *s;
	struct ssh_key *keys;
	size_t n, alloc;
	bool capped;
};

static void
read_keys(struct key_acc *k, const struct account *a, const char *rel,
	  const char *pattern)
{
	struct snapshot *s = k->s;
	struct stat st;
	struct buf b;
	const char *p, *end;
	uint32_t lineno = 0;
	char shown[1100];

	buf_init(&b, RM_CONFIG_MAX);
	if (root_read_file(s->rootfd, rel, &b, &st, NULL) != RM_OK) {
		buf_free(&b);
		return;
	}
	snprintf(shown, sizeof(shown), "/%s", rel);
	p = b.data;
	end = b.data + b.len;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		struct ssh_key_line l;
		struct ssh_key *key;

		if (e == NULL)
			e = end;
		lineno++;
		sshparse_key_line(p, (size_t)(e - p), &l);
		p = e + 1;
		if (l.kind != SSHL_KEY)
			continue;
		if (k->n >= RM_SSH_KEYS_MAX) {
			k->capped = true;
			break;
		}
		if (k->n == k->alloc) {
			k->alloc = k->alloc ? k->alloc * 2 : 16;
			k->keys = xreallocarray(k->keys, k->alloc,
			    sizeof(*k->keys));
		}
		key = &k->keys[k->n++];
		memset(key, 0, sizeof(*key));
		key->path = arena_strdup(&s->arena, shown);
		key->user = a->name;
		key->uid = a->uid;
		key->shell = a->shell;
		key->line = lineno;
		key->type = arena_strdup(&s->arena, l.type);
		key->fingerprint = arena_strdup(&s->arena, l.fingerprint);
		key->comment = arena_strdup(&s->arena, l.comment);
		if (l.command[0])
			key->command = arena_strdup(&s->arena, l.command);
		if (l.from[0])
			key->from = arena_strdup(&s->arena, l.from);
		key->environment = l.environment;
		key->tunnel = l.tunnel;
		key->has_options = l.has_options;
		key->file_mode = st.st_mode;
		key->file_uid = st.st_uid;
		key->file_mtime = st.st_mtime;
		key->config_pattern = pattern;
	}
	buf_free(&b);
}

/* A key file to read: for which account, named by which pattern. */
struct key_cand {
	char *rel;                 /* relative to the root, malloc'd */
	size_t acct;               /* in s->accounts */
	size_t seq;                /* order of discovery */
	const char *pattern;       /* AuthorizedKeysFile entry, or NULL */
	bool dup;                  /* an earlier candidate has this path */
};

static int
cmp_cand_rel(const void *a, const void *b)
{
	const struct key_cand *x = a, *y = b;
	int c = strcmp(x->rel, y->rel);

	return c ? c : x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
cmp_cand_seq(const void *a, const void *b)
{
	const struct key_cand *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

#define KEY_PATTERNS_MAX 32

/* sshd's defaults, then every AuthorizedKeysFile word of sshd_config
 * (Match blocks included: a key file for some logins is still one). */
static size_t
key_patterns(struct snapshot *s, const char **pat, const char **cfg)
{
	static const char *const defaults[] = { ".ssh/authorized_keys",
		".ssh/authorized_keys2", NULL };
	size_t n = 0;

	for (int i = 0; defaults[i]; i++) {
		pat[n] = defaults[i];
		cfg[n++] = NULL;
	}
	for (size_t i = 0; i < s->nsshd_opts; i++) {
		char w[KEY_PATTERNS_MAX][SSHD_WORD_MAX];
		size_t nw;

		if (strcmp(s->sshd_opts[i].keyword, "authorizedkeysfile") != 0)
			continue;
		nw = authparse_words(s->sshd_opts[i].value, w,
		    KEY_PATTERNS_MAX);
		for (size_t j = 0; j < nw && n < KEY_PATTERNS_MAX; j++) {
			const char *x = w[j];
			bool dup = strcmp(x, "none") == 0;

			if (strncmp(x, "%h/", 3) == 0)
				x += 3;
			for (size_t k = 0; k < n && !dup; k++)
				dup = strcmp(pat[k], x) == 0;
			if (dup)
				continue;
			pat[n] = arena_strdup(&s->arena, x);
			cfg[n++] = arena_strdup(&s->arena, w[j]);
		}
	}
	return n;
}

/* "/a//b" -> "a/b" */
static void
rel_path(const char *abs, char *out, size_t cap)
{
	size_t o = 0;

	while (*abs == '/')
		abs++;
	for (; *abs && o + 1 < cap; abs++) {
		if (*abs == '/' && (abs[1] == '/' || abs[1] == '\0'))
			continue;
		out[o++] = *abs;
	}
	out[o] = '\0';
}

void
persist_collect_ssh(struct snapshot *s)
{
	struct key_acc k = { .s = s };
	const char *pat[KEY_PATTERNS_MAX], *cfg[KEY_PATTERNS_MAX];
	size_t npat = key_patterns(s, pat, cfg);
	struct key_cand *c = NULL;
	size_t nc = 0, ac = 0;
	bool paths_capped = false;

	/* every (account, pattern) path; each path read once, for the
	 * first account that has it (accounts share "/", "/nonexistent"),
	 * in /etc/passwd order; sorting keeps a hostile passwd of a million
	 * lines cheap */
	for (size_t i = 0; i < s->naccounts && !paths_capped; i++) {
		const struct account *a = &s->accounts[i];

		for (size_t j = 0; j < npat; j++) {
			char abs[1024];

			if (!authparse_keys_path(pat[j], a->home, a->name,
			    a->uid, abs, sizeof(abs)))
				continue;
			if (nc >= RM_SSH_PATHS_MAX) {
				paths_capped = true;
				break;
			}
			if (nc == ac) {
				ac = ac ? ac * 2 : 64;
				c = xreallocarray(c, ac, sizeof(*c));
			}
			rel_path(abs, abs, sizeof(abs));
			c[nc].rel = xstrdup(abs);
			c[nc].acct = i;
			c[nc].seq = nc;
			c[nc].pattern = cfg[j];
			c[nc].dup = false;
			nc++;
		}
	}
	xqsort(c, nc, sizeof(*c), cmp_cand_rel);
	for (size_t i = 1; i < nc; i++)
		c[i].dup = strcmp(c[i].rel, c[i - 1].rel) == 0;
	xqsort(c, nc, sizeof(*c), cmp_cand_seq);
	for (size_t i = 0; i < nc; i++) {
		if (!c[i].dup && c[i].rel[0])
			read_keys(&k, &s->accounts[c[i].acct], c[i].rel,
			    c[i].pattern);
		free(c[i].rel);
	}
	free(c);
	s->ssh_keys = arena_alloc(&s->arena, (k.n ? k.n : 1) *
	    sizeof(*s->ssh_keys));
	if (k.n)
		memcpy(s->ssh_keys, k.keys, k.n * sizeof(*k.keys));
	s->nssh_keys = k.n;
	free(k.keys);
	if (paths_capped)
		snapshot_skip(s, "persistence: ssh keys", "more than %u key "
		    "file paths (accounts x AuthorizedKeysFile entries); the "
		    "rest were not read", RM_SSH_PATHS_MAX);
	if (k.capped)
		snapshot_skip(s, "persistence: ssh keys", "more than %u "
		    "authorized keys; the rest were not kept",
		    RM_SSH_KEYS_MAX);
}
