/* allow.c - the administrator's allow-list (see allow.h). */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/err.h"
#include "../core/limits.h"
#include "../core/xmalloc.h"
#include "allow.h"
#include "detector.h"

static const char *
next_tok(const char **p, const char *end, size_t *n)
{
	const char *s;

	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
	s = *p;
	while (*p < end && **p != ' ' && **p != '\t')
		(*p)++;
	*n = (size_t)(*p - s);
	return *n ? s : NULL;
}

static void
rule_free(struct allow_rule *r)
{
	free(r->pattern);
	for (size_t k = 0; k < r->nrules; k++)
		free(r->rules[k]);
	free(r->rules);
	free(r->where);
}

void
allow_parse(struct allow *a, const char *text, size_t n, const char *name,
	    struct buf *warn)
{
	const char *p = text, *end = text + n;
	unsigned lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *q = p, *t;
		struct allow_rule r;
		size_t tl;
		bool bad;

		p = nl ? nl + 1 : end;
		lineno++;
		if (le > q && le[-1] == '\r')
			le--;
		t = next_tok(&q, le, &tl);
		if (t == NULL || *t == '#')
			continue;
		memset(&r, 0, sizeof(r));
		if (tl == 3 && memcmp(t, "exe", 3) == 0)
			r.field = ALLOW_EXE;
		else if (tl == 4 && memcmp(t, "path", 4) == 0)
			r.field = ALLOW_PATH;
		else if (tl == 4 && memcmp(t, "pool", 4) == 0)
			r.field = ALLOW_POOL;
		else {
			buf_printf(warn, "%s%s:%u: unknown field '%.*s' (exe, "
			    "path, pool)", warn->len ? "; " : "", name, lineno,
			    (int)(tl > 32 ? 32 : tl), t);
			continue;
		}
		t = next_tok(&q, le, &tl);
		if (t == NULL || tl > 1024) {
			buf_printf(warn, "%s%s:%u: a pattern is missing",
			    warn->len ? "; " : "", name, lineno);
			continue;
		}
		r.pattern = xmemdup0(t, tl);
		bad = false;
		while ((t = next_tok(&q, le, &tl)) != NULL && *t != '#') {
			char *id = xmemdup0(t, tl);

			if (detector_find(id) == NULL) {
				buf_printf(warn, "%s%s:%u: unknown rule id "
				    "'%.32s': line ignored", warn->len ? "; " :
				    "", name, lineno, id);
				free(id);
				bad = true;  /* never widen a line */
				continue;
			}
			r.rules = xreallocarray(r.rules, r.nrules + 1,
			    sizeof(*r.rules));
			r.rules[r.nrules++] = id;
		}
		r.where = xasprintf("%s:%u", name, lineno);
		if (bad) {
			rule_free(&r);
			continue;
		}
		a->v = xreallocarray(a->v, a->n + 1, sizeof(*a->v));
		a->v[a->n++] = r;
	}
}

int
allow_load(struct allow *a, const char *path, struct buf *warn)
{
	struct stat st;
	struct buf b;
	char chunk[16384];
	ssize_t n;
	int fd, r = RM_OK;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return RM_OK;
		buf_printf(warn, "%s%s ignored: %s", warn->len ? "; " : "",
		    path, errno == ELOOP ? "a symbolic link" : strerror(errno));
		return rm_from_errno(errno);
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (st.st_uid != 0 && st.st_uid != geteuid()) ||
	    (st.st_mode & 022)) {
		buf_printf(warn, "%s%s ignored: not a regular file owned by "
		    "root (or you) and writable only by its owner",
		    warn->len ? "; " : "", path);
		close(fd);
		return RM_EPERM;
	}
	buf_init(&b, RM_SMALLFILE_MAX);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		if ((r = buf_append(&b, chunk, (size_t)n)) != RM_OK)
			break;
	close(fd);
	if (r == RM_OK && b.data)
		allow_parse(a, b.data, b.len, path, warn);
	else if (r != RM_OK)
		buf_printf(warn, "%s%s ignored: %s", warn->len ? "; " : "",
		    path, rm_strerror(r));
	buf_free(&b);
	return r;
}

static bool
glob(const char *pat, const char *s)
{
	return s && fnmatch(pat, s, 0) == 0;
}

/* "host:port" forms of the finding's pool, for `pool` lines. */
static bool
pool_match(const char *pat, const struct finding *f)
{
	const struct evidence *e;
	char hp[300];

	if (f->dest_ip && f->dest_port >= 0) {
		snprintf(hp, sizeof(hp), "%s:%d", f->dest_ip, f->dest_port);
		if (glob(pat, hp))
			return true;
		if ((e = finding_ev_get(f, "pool_name")) && e->type == EV_STR) {
			snprintf(hp, sizeof(hp), "%s:%d", e->s, f->dest_port);
			if (glob(pat, hp))
				return true;
		}
	}
	if ((e = finding_ev_get(f, "pool_url")) && e->type == EV_STR) {
		const char *u = strstr(e->s, "://");

		u = u ? u + 3 : e->s;
		if (glob(pat, u))
			return true;
	}
	return false;
}

static bool
rule_match(const struct allow_rule *r, const struct finding *f)
{
	if (r->nrules) {
		size_t i;

		for (i = 0; i < r->nrules; i++)
			if (strcmp(r->rules[i], f->rule->id) == 0)
				break;
		if (i == r->nrules)
			return false;
	}
	switch (r->field) {
	case ALLOW_EXE: return glob(r->pattern, f->process.executable);
	case ALLOW_PATH: return glob(r->pattern, f->file_path);
	case ALLOW_POOL: return pool_match(r->pattern, f);
	}
	return false;
}

void
allow_apply(const struct allow *a, struct findings *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		struct finding *f = fs->v[i];

		for (size_t k = 0; k < a->n; k++) {
			if (!rule_match(&a->v[k], f))
				continue;
			finding_ev_str(f, "allowed_by", a->v[k].where);
			finding_ev_str(f, "severity_before_allow",
			    severity_name(f->severity));
			f->severity = SEV_INFO;
			break;
		}
	}
}

void
allow_free(struct allow *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->n; i++)
		rule_free(&a->v[i]);
	free(a->v);
	memset(a, 0, sizeof(*a));
}
