/* etc_parse.c - /etc/passwd, /etc/group and /proc/modules parsers. */
#include <stdbool.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "../core/limits.h"
#include "../core/xmalloc.h"
#include "etc_parse.h"

/* Split [p, end) at c into at most max fields; returns the field count. */
static int
split(const char *p, const char *end, char c, const char **f, size_t *fl,
      int max)
{
	int n = 0;

	while (n < max) {
		const char *q = memchr(p, c, (size_t)(end - p));

		f[n] = p;
		if (q == NULL || n == max - 1) {
			fl[n++] = (size_t)(end - p);
			break;
		}
		fl[n++] = (size_t)(q - p);
		p = q + 1;
	}
	return n;
}

static bool
u32_field(const char *s, size_t n, uint32_t *v)
{
	uint64_t x = 0;

	if (n == 0 || n > 10)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	if (x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

/* Iterate lines; calls fn for each non-blank, non-comment line. */
typedef void line_fn(const char *p, const char *end, uint32_t lineno,
		     void *arg);

static void
each_line(const char *buf, size_t len, line_fn *fn, void *arg)
{
	const char *p = buf, *end = buf + len;
	uint32_t lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		lineno++;
		if (le > p && le[-1] == '\r')
			le--;
		if (le > p && *p != '#')
			fn(p, le, lineno, arg);
		p = nl ? nl + 1 : end;
	}
}

struct vec {
	struct arena *a;
	void *v;
	size_t n, alloc, size, bad;
};

static void *
vec_push(struct vec *v)
{
	if (v->n >= RM_ACCOUNTS_MAX)
		return NULL;
	if (v->n == v->alloc) {
		v->alloc = v->alloc ? v->alloc * 2 : 64;
		v->v = xreallocarray(v->v, v->alloc, v->size);
	}
	memset((char *)v->v + v->n * v->size, 0, v->size);
	return (char *)v->v + v->n++ * v->size;
}

static void *
vec_finish(struct vec *v, size_t *n)
{
	void *out = v->n ? arena_memdup(v->a, v->v, v->n * v->size) : NULL;

	*n = v->n;
	free(v->v);
	return out;
}

static void
passwd_line(const char *p, const char *end, uint32_t lineno, void *arg)
{
	struct vec *v = arg;
	const char *f[7];
	size_t fl[7];
	int n = split(p, end, ':', f, fl, 7);
	struct account *a = vec_push(v);

	if (a == NULL)
		return;
	a->line = lineno;
	a->name = arena_strndup(v->a, f[0], fl[0]);
	a->passwd = n > 1 ? arena_strndup(v->a, f[1], fl[1]) : "";
	a->gecos = n > 4 ? arena_strndup(v->a, f[4], fl[4]) : "";
	a->home = n > 5 ? arena_strndup(v->a, f[5], fl[5]) : "";
	a->shell = n > 6 ? arena_strndup(v->a, f[6], fl[6]) : "";
	/* glibc takes the uid of a line with missing or extra fields, so
	 * the uid is kept whenever its field is a number */
	a->uid_valid = n > 2 && u32_field(f[2], fl[2], &a->uid);
	if (n < 7 || !a->uid_valid || !u32_field(f[3], fl[3], &a->gid) ||
	    memchr(f[6], ':', fl[6])) {
		a->malformed = true;
		v->bad++;
	}
}

size_t
etcparse_passwd(const char *buf, size_t len, struct arena *a,
		struct account **out, size_t *n)
{
	struct vec v = { .a = a, .size = sizeof(struct account) };

	each_line(buf, len, passwd_line, &v);
	*out = vec_finish(&v, n);
	return v.bad;
}

static void
group_line(const char *p, const char *end, uint32_t lineno, void *arg)
{
	struct vec *v = arg;
	const char *f[4];
	size_t fl[4];
	int n = split(p, end, ':', f, fl, 4);
	struct group *g = vec_push(v);

	if (g == NULL)
		return;
	g->line = lineno;
	g->name = arena_strndup(v->a, f[0], fl[0]);
	g->members = n > 3 ? arena_strndup(v->a, f[3], fl[3]) : "";
	if (n < 4 || !u32_field(f[2], fl[2], &g->gid))
		v->bad++;
}

size_t
etcparse_group(const char *buf, size_t len, struct arena *a,
	       struct group **out, size_t *n)
{
	struct vec v = { .a = a, .size = sizeof(struct group) };

	each_line(buf, len, group_line, &v);
	*out = vec_finish(&v, n);
	return v.bad;
}

static void
module_line(const char *p, const char *end, uint32_t lineno, void *arg)
{
	struct vec *v = arg;
	const char *f[7];
	size_t fl[7];
	int n = split(p, end, ' ', f, fl, 7);
	struct kmod *m;
	uint64_t size = 0;

	(void)lineno;
	if (n < 5) {
		v->bad++;
		return;
	}
	m = vec_push(v);
	if (m == NULL)
		return;
	for (size_t i = 0; i < fl[1] && f[1][i] >= '0' && f[1][i] <= '9' &&
	    size < UINT64_MAX / 10; i++)
		size = size * 10 + (uint64_t)(f[1][i] - '0');
	m->name = arena_strndup(v->a, f[0], fl[0]);
	m->size = size;
	m->state = arena_strndup(v->a, f[4], fl[4]);
	if (n == 7 && fl[6] > 0 && f[6][0] == '(')
		m->taint = arena_strndup(v->a, f[6], fl[6]);
}

size_t
etcparse_modules(const char *buf, size_t len, struct arena *a,
		 struct kmod **out, size_t *n)
{
	struct vec v = { .a = a, .size = sizeof(struct kmod) };

	each_line(buf, len, module_line, &v);
	*out = vec_finish(&v, n);
	return v.bad;
}
