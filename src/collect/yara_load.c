/*
 * yara_load.c - compile (or load from the cache) the YARA rules of a scan.
 *
 * Each source (the built-ins, then every user file in order) is first
 * compiled alone in a throw-away compiler: libyara's compiler is unusable
 * after an error, so a file is only added to the real one once it is known
 * to compile.  A file that fails is split into its imports, includes and
 * rules (yara_split.h) and rebuilt part by part, keeping what compiles;
 * each part is tried together with the kept parts it names.
 *
 * Hostile inputs: user rule files (capped at RM_YARA_FILE_MAX, at most
 * RM_YARA_FILES_MAX of them, walked without following links), and the
 * cache, which is only read from a directory and files owned by the
 * effective user and writable by no one else.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yara.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/hash.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/sort.h"
#include "../core/xmalloc.h"
#include "yara_load.h"
#include "yara_split.h"

#define CACHE_MAGIC "rookmelder-yara-cache 1"

struct source {
	char *name;                /* as reported: the path, or "built-in" */
	char *ns;
	char *dir;                 /* includes are taken relative to it */
	char *text;                /* NUL-terminated */
	size_t len;
	bool builtin;
	bool bad;                  /* failed in the real compiler: left out */
};

struct include_dep {
	char *path;
	char sha[65];
};

struct load {
	struct yara_ruleset *rs;
	struct source *src;
	size_t nsrc;
	struct include_dep *inc;
	size_t ninc;
	/* the compile in progress */
	const struct source *cur;
	bool record;               /* keep the notes of this compile */
	bool failed;               /* an error was reported */
	char err[512];             /* the first error's text */
	int err_line;
};

/* ---- notes ----------------------------------------------------------- */

static void
note(struct yara_ruleset *rs, bool warning, const char *where,
     const char *fmt, ...)
{
	struct yara_note *n;
	char buf[1024];
	va_list ap;

	if (rs->nnotes >= RM_YARA_NOTES_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rs->notes = xreallocarray(rs->notes, rs->nnotes + 1,
	    sizeof(*rs->notes));
	n = &rs->notes[rs->nnotes++];
	n->where = xstrdup(where);
	n->what = xstrdup(buf);
	n->warning = warning;
}

static void
compiler_cb(int level, const char *file, int line, const YR_RULE *rule,
	    const char *msg, void *arg)
{
	struct load *l = arg;
	char where[600];

	(void)file;
	(void)rule;
	if (level == YARA_ERROR_LEVEL_ERROR) {
		if (!l->failed) {
			snprintf(l->err, sizeof(l->err), "%s", msg);
			l->err_line = line;
		}
		l->failed = true;
		return;
	}
	if (!l->record || !l->cur)
		return;
	snprintf(where, sizeof(where), "%s:%d", l->cur->name, line);
	note(l->rs, true, where, "%s", msg);
}

/* ---- reading rule files ---------------------------------------------- */

static int
read_text(int fd, char **out, size_t *len)
{
	struct stat st;
	size_t cap, n = 0;
	char *b;

	if (fstat(fd, &st) != 0)
		return rm_from_errno(errno);
	if (!S_ISREG(st.st_mode))
		return RM_EPARSE;
	if ((uint64_t)st.st_size > RM_YARA_FILE_MAX)
		return RM_ETOOBIG;
	cap = (size_t)st.st_size + 1;
	b = xmalloc(cap + 1);
	for (;;) {
		ssize_t r = read(fd, b + n, cap - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(b);
			return rm_from_errno(errno);
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == cap) {  /* grew while read: keep the cap */
			free(b);
			return RM_ETOOBIG;
		}
	}
	b[n] = '\0';
	*out = b;
	*len = n;
	return RM_OK;
}

static bool
rule_file_name(const char *n)
{
	size_t l = strlen(n);

	return (l > 4 && strcmp(n + l - 4, ".yar") == 0) ||
	    (l > 5 && strcmp(n + l - 5, ".yara") == 0);
}

static char *
ns_of(const char *rel)
{
	char *ns = xstrdup(rel);
	char *dot = strrchr(ns, '.');
	char *slash = strrchr(ns, '/');

	if (dot && (!slash || dot > slash) && dot != ns)
		*dot = '\0';
	return ns;
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xmemdup0(path, (size_t)(slash - path));
}

static void
add_source(struct load *l, const char *name, const char *ns, char *text,
	   size_t len)
{
	struct source *s;
	char *u;

	/* libyara reads text up to a NUL: a NUL byte would silently cut
	 * the file short */
	if (memchr(text, '\0', len)) {
		note(l->rs, false, name, "holds NUL bytes: not a rule file, "
		    "not loaded");
		l->rs->nfailed++;
		free(text);
		return;
	}
	u = xstrdup(ns);

	/* a namespace twice (two rule dirs with the same layout) would
	 * make rule names collide: the later one gets a suffix */
	for (unsigned k = 2; ; k++) {
		bool dup = false;

		for (size_t i = 0; i < l->nsrc && !dup; i++)
			dup = strcmp(l->src[i].ns, u) == 0;
		if (!dup)
			break;
		free(u);
		u = xasprintf("%s#%u", ns, k);
	}
	l->src = xreallocarray(l->src, l->nsrc + 1, sizeof(*l->src));
	s = &l->src[l->nsrc++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	s->ns = u;
	s->dir = dir_of(name);
	s->text = text;
	s->len = len;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Rule files under dirfd (path: its name for reports, rel: relative to
 * the directory the user named), sorted, without following links. */
static void
walk_rules(struct load *l, int dfd0, const char *path, const char *rel,
	   unsigned depth)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	if (depth > 16) {
		note(l->rs, false, path, "deeper than 16 directories: not read");
		return;
	}
	d = fdopendir(dfd0);
	if (!d) {
		close(dfd0);
		return;
	}
	while ((e = readdir(d)) != NULL && n < RM_YARA_FILES_MAX) {
		if (e->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	xqsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", path, names[i]);
		char *r = rel[0] ? xasprintf("%s/%s", rel, names[i]) :
		    xstrdup(names[i]);
		struct stat st;
		int fd;

		if (fstatat(dirfd(d), names[i], &st, AT_SYMLINK_NOFOLLOW) != 0)
			goto next;
		if (S_ISDIR(st.st_mode)) {
			fd = openat(dirfd(d), names[i], O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
			if (fd >= 0)
				walk_rules(l, fd, p, r, depth + 1);
		} else if (S_ISREG(st.st_mode) && rule_file_name(names[i])) {
			char *text, *ns;
			size_t len;
			int e2;

			if (l->nsrc >= RM_YARA_FILES_MAX) {
				note(l->rs, false, p, "more than %u rule "
				    "files: the rest were not read",
				    (unsigned)RM_YARA_FILES_MAX);
				goto next;
			}
			fd = openat(dirfd(d), names[i], O_RDONLY | O_NOFOLLOW |
			    O_NONBLOCK | O_CLOEXEC);
			if (fd < 0) {
				note(l->rs, false, p, "cannot open: %s",
				    strerror(errno));
				goto next;
			}
			e2 = read_text(fd, &text, &len);
			close(fd);
			if (e2 != RM_OK) {
				note(l->rs, false, p, "not read: %s",
				    e2 == RM_ETOOBIG ? "bigger than the cap" :
				    rm_strerror(e2));
				goto next;
			}
			ns = ns_of(r);
			add_source(l, p, ns, text, len);
			free(ns);
		}
next:
		free(p);
		free(r);
		free(names[i]);
	}
	free(names);
	closedir(d);
}

static int
add_path(struct load *l, const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return errno == ENOENT ? RM_ENOENT : rm_from_errno(errno);
	if (fstat(fd, &st) != 0) {
		close(fd);
		return rm_from_errno(errno);
	}
	if (S_ISDIR(st.st_mode)) {
		walk_rules(l, fd, path, "", 0);
	} else {
		const char *base = strrchr(path, '/');
		char *text, *ns;
		size_t len;
		int e = read_text(fd, &text, &len);

		close(fd);
		if (e != RM_OK) {
			note(l->rs, false, path, "not read: %s", e ==
			    RM_ETOOBIG ? "bigger than the cap" : rm_strerror(e));
			return RM_OK;
		}
		ns = ns_of(base ? base + 1 : path);
		add_source(l, path, ns, text, len);
		free(ns);
	}
	return RM_OK;
}

/* ---- includes --------------------------------------------------------- */

static const char *
include_cb(const char *name, const char *caller, const char *caller_ns,
	   void *arg)
{
	struct load *l = arg;
	char *path, *text;
	size_t len;
	uint8_t d[32];
	int fd, e;

	(void)caller;
	(void)caller_ns;
	if (!l->cur || l->cur->builtin)
		return NULL;
	path = name[0] == '/' ? xstrdup(name) :
	    xasprintf("%s/%s", l->cur->dir, name);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	e = read_text(fd, &text, &len);
	close(fd);
	if (e != RM_OK) {
		free(path);
		return NULL;
	}
	if (l->ninc < RM_YARA_FILES_MAX) {
		struct include_dep *dep;

		l->inc = xreallocarray(l->inc, l->ninc + 1, sizeof(*l->inc));
		dep = &l->inc[l->ninc++];
		dep->path = path;
		hash_sha256_mem(text, len, d);
		for (int i = 0; i < 32; i++)
			snprintf(dep->sha + 2 * i, 3, "%02x", d[i]);
	} else {
		free(path);
	}
	return text;
}

static void
include_free(const char *p, void *arg)
{
	(void)arg;
	free((void *)p);
}

/* ---- compiling --------------------------------------------------------- */

static YR_COMPILER *
new_compiler(struct load *l)
{
	static const char *const ext[] = {
		"filename", "filepath", "extension", "filetype", "owner",
	};
	YR_COMPILER *c;

	if (yr_compiler_create(&c) != ERROR_SUCCESS)
		return NULL;
	yr_compiler_set_callback(c, compiler_cb, l);
	yr_compiler_set_include_callback(c, include_cb, include_free, l);
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		yr_compiler_define_string_variable(c, ext[i], "");
	return c;
}

/* Does text (len bytes) compile alone?  Notes (warnings) are kept when
 * record is set. */
static bool
trial(struct load *l, const struct source *src, const char *text,
      bool record)
{
	YR_COMPILER *c = new_compiler(l);
	bool ok;

	if (!c)
		return false;
	l->cur = src;
	l->record = record;
	l->failed = false;
	l->err[0] = '\0';
	ok = yr_compiler_add_string(c, text, src->ns) == 0 && !l->failed;
	yr_compiler_destroy(c);
	l->record = false;
	return ok;
}

static void
cat(char **b, size_t *len, size_t *cap, const char *p, size_t n)
{
	if (*len + n + 2 > *cap) {
		*cap = (*len + n + 2) * 2;
		*b = xreallocarray(*b, *cap, 1);
	}
	memcpy(*b + *len, p, n);
	*len += n;
	(*b)[(*len)++] = '\n';
	(*b)[*len] = '\0';
}

/*
 * Rebuild src from the parts that compile; replaces src->text.  A part is
 * tried with the kept imports and includes and the kept rules it names.
 */
static void
salvage(struct load *l, struct source *src, const char *first_err,
	int first_line)
{
	struct yara_part *parts;
	bool *keep, *want;
	size_t *idx, *refs, nidx;
	long np;
	size_t n, kept = 0, outlen = 0, outcap = 0;
	char *out = NULL, *t = NULL;

	parts = xcalloc(RM_YARA_PARTS_MAX, sizeof(*parts));
	np = yara_split(src->text, src->len, parts, RM_YARA_PARTS_MAX);
	if (np < 0 || np > (long)RM_YARA_PARTS_MAX) {
		char where[600];

		snprintf(where, sizeof(where), "%s:%d", src->name, first_line);
		note(l->rs, false, where, "%s; the file %s, so none of its "
		    "rules were loaded", first_err, np < 0 ? "could not be "
		    "split into rules" : "has too many rules to retry one "
		    "by one");
		l->rs->nfailed++;
		free(parts);
		src->len = 0;
		src->text[0] = '\0';
		return;
	}
	n = (size_t)np;
	keep = xcalloc(n ? n : 1, sizeof(*keep));
	want = xcalloc(n ? n : 1, sizeof(*want));
	idx = xcalloc(n ? n : 1, sizeof(*idx));
	refs = xcalloc(n ? n : 1, sizeof(*refs));
	nidx = yara_split_index(parts, n, idx);
	for (size_t i = 0; i < n; i++) {
		size_t tl = 0, tc = 0, nr = 0;

		/* with the kept imports, includes and global rules, and the
		 * kept rules its condition names */
		memset(want, 0, n * sizeof(*want));
		if (parts[i].kind == YP_RULE)
			nr = yara_split_refs(src->text, src->len, parts, n,
			    idx, nidx, i, refs, n, NULL);
		for (size_t k = 0; k < nr; k++)
			want[refs[k]] = true;
		/* and what those name, in turn (earlier kept rules only) */
		for (size_t j = i; j-- > 0; ) {
			size_t m;

			if (!want[j] || !keep[j])
				continue;
			m = yara_split_refs(src->text, src->len, parts, n,
			    idx, nidx, j, refs, n, NULL);
			for (size_t k = 0; k < m; k++)
				if (refs[k] < j)
					want[refs[k]] = true;
		}
		for (size_t j = 0; j < i; j++)
			if (keep[j] && (parts[j].kind != YP_RULE ||
			    parts[j].is_global || want[j]))
				cat(&t, &tl, &tc, src->text + parts[j].off,
				    parts[j].len);
		cat(&t, &tl, &tc, src->text + parts[i].off, parts[i].len);
		if (trial(l, src, t, true)) {
			keep[i] = true;
			kept++;
		} else {
			char where[600];

			snprintf(where, sizeof(where), "%s:%u", src->name,
			    parts[i].line);
			note(l->rs, false, where, "%s %s: %s; left out",
			    parts[i].kind == YP_RULE ? "rule" :
			    parts[i].kind == YP_IMPORT ? "import" : "include",
			    parts[i].name, l->err[0] ? l->err : "does not "
			    "compile");
			l->rs->nfailed++;
		}
		free(t);
		t = NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (keep[i])
			cat(&out, &outlen, &outcap, src->text + parts[i].off,
			    parts[i].len);
	free(src->text);
	src->text = out ? out : xstrdup("");
	src->len = outlen;
	(void)kept;
	free(keep);
	free(want);
	free(idx);
	free(refs);
	free(parts);
}

static uint32_t
count_rules(YR_RULES *r)
{
	YR_RULE *rule;
	uint32_t n = 0;

	yr_rules_foreach(r, rule)
		n++;
	return n;
}

static int
compile_all(struct load *l, YR_RULES **out)
{
	for (size_t i = 0; i < l->nsrc; i++) {
		struct source *src = &l->src[i];

		if (!trial(l, src, src->text, true)) {
			if (src->builtin) {
				/* our own rules always compile (tests) */
				note(l->rs, false, src->name, "%s", l->err);
				src->bad = true;
				continue;
			}
			salvage(l, src, l->err, l->err_line);
		}
	}
	for (unsigned round = 0; round <= l->nsrc; round++) {
		YR_COMPILER *c = new_compiler(l);
		size_t i;

		if (!c)
			return RM_ENOMEM;
		for (i = 0; i < l->nsrc; i++) {
			struct source *src = &l->src[i];

			if (src->bad || src->len == 0)
				continue;
			l->cur = src;
			l->failed = false;
			if (yr_compiler_add_string(c, src->text, src->ns) != 0 ||
			    l->failed)
				break;
		}
		if (i == l->nsrc) {
			int e = yr_compiler_get_rules(c, out);

			yr_compiler_destroy(c);
			return e == ERROR_SUCCESS ? RM_OK : RM_ENOMEM;
		}
		/* compiled alone but not with the rest: leave it out */
		note(l->rs, false, l->src[i].name, "%s (together with the "
		    "other rule files); the file was left out", l->err);
		l->src[i].bad = true;
		l->rs->nfailed++;
		yr_compiler_destroy(c);
	}
	return RM_EPARSE;
}

/* ---- the cache ------------------------------------------------------- */

bool
yara_cache_dir(char *out, size_t cap)
{
	const char *e = getenv("ROOKMELDER_CACHE_DIR");
	int n;

	if (e)
		return *e && strcmp(e, "0") != 0 &&
		    (size_t)snprintf(out, cap, "%s", e) < cap;
	if (geteuid() == 0)
		n = snprintf(out, cap, "/var/cache/rookmelder");
	else if ((e = getenv("XDG_CACHE_HOME")) && e[0] == '/')
		n = snprintf(out, cap, "%s/rookmelder", e);
	else if ((e = getenv("HOME")) && e[0] == '/')
		n = snprintf(out, cap, "%s/.cache/rookmelder", e);
	else
		return false;
	return n > 0 && (size_t)n < cap;
}

/* The cache directory, created 0700 if missing; -1 unless it is ours and
 * writable by nobody else. */
static int
cache_open(const char *dir)
{
	struct stat st;
	int fd;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || st.st_uid != geteuid() ||
	    (st.st_mode & 022)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
cache_key(const struct load *l, char hex[65])
{
	struct buf b;
	uint8_t d[32];

	buf_init(&b, (size_t)1 << 31);
	buf_printf(&b, "%s\n%s\n", CACHE_MAGIC, YR_VERSION);
	for (size_t i = 0; i < l->nsrc; i++) {
		const struct source *s = &l->src[i];

		buf_printf(&b, "%s%c%s%c%zu%c", s->ns, 0, s->name, 0, s->len, 0);
		buf_append(&b, s->text, s->len);
	}
	hash_sha256_mem(b.data, b.len, d);
	buf_free(&b);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

static size_t
stream_read(void *p, size_t size, size_t count, void *arg)
{
	return fread(p, size, count, arg);
}

static size_t
stream_write(const void *p, size_t size, size_t count, void *arg)
{
	return fwrite(p, size, count, arg);
}

static FILE *
cache_file(int dfd, const char *name)
{
	struct stat st;
	FILE *f;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 022) ||
	    (uint64_t)st.st_size > RM_YARA_CACHE_MAX ||
	    !(f = fdopen(fd, "r"))) {
		close(fd);
		return NULL;
	}
	return f;
}

/* hex.meta: counts, include files and their digests, then the notes. */
static bool
cache_load(struct load *l, int dfd, const char *hex, YR_RULES **out)
{
	char name[80], line[2048], *tab;
	unsigned nr, nf, nx;
	FILE *f;
	YR_STREAM st;
	int e;

	snprintf(name, sizeof(name), "%s.meta", hex);
	if (!(f = cache_file(dfd, name)))
		return false;
	if (!fgets(line, sizeof(line), f) ||
	    strncmp(line, CACHE_MAGIC "\n", sizeof(CACHE_MAGIC)) != 0 ||
	    !fgets(line, sizeof(line), f) ||
	    sscanf(line, "N %u %u %u", &nr, &nf, &nx) != 3)
		goto bad;
	while (fgets(line, sizeof(line), f)) {
		size_t n = strlen(line);

		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (line[0] == 'I' && n > 68 && line[66] == ' ') {
			char hexf[65];
			int fd = open(line + 67, O_RDONLY | O_NONBLOCK |
			    O_CLOEXEC);

			if (fd < 0)
				goto bad;
			e = hash_sha256_fd(fd, RM_YARA_FILE_MAX, hexf);
			close(fd);
			if (e != RM_OK || memcmp(hexf, line + 2, 64) != 0)
				goto bad;  /* an included file changed */
		} else if ((line[0] == 'W' || line[0] == 'E') &&
		    (tab = strchr(line + 2, '\t'))) {
			*tab = '\0';
			note(l->rs, line[0] == 'W', line + 2, "%s", tab + 1);
		}
	}
	fclose(f);
	snprintf(name, sizeof(name), "%s.yarc", hex);
	if (!(f = cache_file(dfd, name)))
		return false;
	st.user_data = f;
	st.read = stream_read;
	st.write = NULL;
	e = yr_rules_load_stream(&st, out);
	fclose(f);
	if (e != ERROR_SUCCESS)
		return false;
	l->rs->nfailed = nx;
	return true;
bad:
	fclose(f);
	for (size_t i = 0; i < l->rs->nnotes; i++) {
		free(l->rs->notes[i].where);
		free(l->rs->notes[i].what);
	}
	l->rs->nnotes = 0;
	return false;
}

static void
oneline(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\n' || *s == '\t' || *s == '\r' ? ' ' : *s, f);
}

static bool
cache_write(int dfd, const char *name, bool meta, struct load *l,
	    YR_RULES *r)
{
	char tmp[96];
	FILE *f;
	int fd;
	bool ok;

	snprintf(tmp, sizeof(tmp), ".%s.%ld", name, (long)getpid());
	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	if (meta) {
		fprintf(f, "%s\nN %u %u %u\n", CACHE_MAGIC, l->rs->nrules,
		    l->rs->nfiles, l->rs->nfailed);
		for (size_t i = 0; i < l->ninc; i++)
			if (!strchr(l->inc[i].path, '\n'))
				fprintf(f, "I %s %s\n", l->inc[i].sha,
				    l->inc[i].path);
		for (size_t i = 0; i < l->rs->nnotes; i++) {
			fputc(l->rs->notes[i].warning ? 'W' : 'E', f);
			fputc(' ', f);
			oneline(f, l->rs->notes[i].where);
			fputc('\t', f);
			oneline(f, l->rs->notes[i].what);
			fputc('\n', f);
		}
		ok = true;
	} else {
		YR_STREAM st = { .user_data = f, .write = stream_write };

		ok = yr_rules_save_stream(r, &st) == ERROR_SUCCESS;
	}
	ok = fclose(f) == 0 && ok;
	if (ok && renameat(dfd, tmp, dfd, name) == 0)
		return true;
	unlinkat(dfd, tmp, 0);
	return false;
}

/* Keep the newest RM_YARA_CACHE_KEEP compiled sets. */
static void
cache_prune(int dfd)
{
	struct { char name[80]; int64_t t; } v[64];
	size_t n = 0;
	DIR *d;
	struct dirent *e;
	int fd = dup(dfd);

	if (fd < 0 || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL && n < 64) {
		size_t l = strlen(e->d_name);
		struct stat st;

		if (l != 69 || strcmp(e->d_name + 64, ".yarc") != 0 ||
		    fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		memcpy(v[n].name, e->d_name, 64);
		v[n].name[64] = '\0';
		v[n].t = (int64_t)st.st_mtime;
		n++;
	}
	closedir(d);
	while (n > RM_YARA_CACHE_KEEP) {
		size_t old = 0;
		char name[80];

		for (size_t i = 1; i < n; i++)
			if (v[i].t < v[old].t)
				old = i;
		snprintf(name, sizeof(name), "%.64s.meta", v[old].name);
		unlinkat(dfd, name, 0);
		snprintf(name, sizeof(name), "%.64s.yarc", v[old].name);
		unlinkat(dfd, name, 0);
		v[old] = v[--n];
	}
}

/* ---- the entry points --------------------------------------------------- */

static void
load_free(struct load *l)
{
	for (size_t i = 0; i < l->nsrc; i++) {
		free(l->src[i].name);
		free(l->src[i].ns);
		free(l->src[i].dir);
		free(l->src[i].text);
	}
	free(l->src);
	for (size_t i = 0; i < l->ninc; i++)
		free(l->inc[i].path);
	free(l->inc);
}

int
yara_load(struct yara_ruleset *rs, const struct yara_load_opts *o,
	  const char **bad)
{
	struct load l = { .rs = rs };
	uint64_t t0 = io_now_ns();
	YR_RULES *r = NULL;
	char hex[65], dir[4096];
	int e, dfd = -1;

	memset(rs, 0, sizeof(*rs));
	if (yr_initialize() != ERROR_SUCCESS)
		return RM_ENOMEM;
	if (o->builtin) {
		size_t n;
		const char *b = yara_builtin_source(&n);

		add_source(&l, "built-in rules", YARA_BUILTIN_NS,
		    xmemdup0(b, n), n);
		l.src[0].builtin = true;
	}
	for (size_t i = 0; i < o->npaths; i++) {
		e = add_path(&l, o->paths[i]);
		if (e != RM_OK) {
			*bad = o->paths[i];
			load_free(&l);
			yara_ruleset_free(rs);
			return e;
		}
	}
	rs->nfiles = (uint32_t)l.nsrc;
	cache_key(&l, hex);
	if (o->cache_dir && (dfd = cache_open(o->cache_dir)) >= 0 &&
	    cache_load(&l, dfd, hex, &r)) {
		rs->cached = true;
	} else {
		e = compile_all(&l, &r);
		if (e != RM_OK) {
			if (dfd >= 0)
				close(dfd);
			load_free(&l);
			rs->ms = (io_now_ns() - t0) / 1000000u;
			return RM_OK;  /* nothing compiled: the notes say why */
		}
		rs->nrules = count_rules(r);
		if (dfd >= 0) {
			char name[80];

			snprintf(name, sizeof(name), "%s.yarc", hex);
			if (cache_write(dfd, name, false, &l, r)) {
				snprintf(name, sizeof(name), "%s.meta", hex);
				cache_write(dfd, name, true, &l, r);
				cache_prune(dfd);
			}
		}
	}
	if (dfd >= 0)
		close(dfd);
	rs->rules = r;
	rs->nrules = count_rules(r);
	load_free(&l);
	rs->ms = (io_now_ns() - t0) / 1000000u;
	(void)dir;
	return RM_OK;
}

void
yara_ruleset_free(struct yara_ruleset *rs)
{
	if (!rs)
		return;
	if (rs->rules)
		yr_rules_destroy(rs->rules);
	for (size_t i = 0; i < rs->nnotes; i++) {
		free(rs->notes[i].where);
		free(rs->notes[i].what);
	}
	free(rs->notes);
	memset(rs, 0, sizeof(*rs));
	yr_finalize();
}

long
yara_compile_text(const char *text, size_t len, const char *ns,
		  struct yara_ruleset *rs)
{
	struct load l = { .rs = rs };
	YR_RULES *r = NULL;

	memset(rs, 0, sizeof(*rs));
	if (yr_initialize() != ERROR_SUCCESS)
		return -1;
	add_source(&l, "input", ns, xmemdup0(text, len), len);
	if (compile_all(&l, &r) == RM_OK) {
		rs->rules = r;
		rs->nrules = count_rules(r);
	}
	rs->nfiles = 1;
	load_free(&l);
	return rs->nrules;
}
