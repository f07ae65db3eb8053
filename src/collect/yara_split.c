/* yara_split.c - YARA rule source cut into top-level parts (see yara_split.h). */
#include <stdlib.h>
#include <string.h>

#include "yara_split.h"

struct lex {
	const char *s;
	size_t n;
	size_t i;
};

static bool
idstart(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool
idchar(unsigned char c)
{
	return idstart(c) || (c >= '0' && c <= '9');
}

static bool
space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	    c == '\v';
}

/*
 * At a '/': skip a comment if one starts here.  Returns 1 when skipped,
 * 0 when no comment starts here, -1 for a block comment left open.
 */
static int
comment(struct lex *l)
{
	if (l->i + 1 >= l->n || l->s[l->i] != '/')
		return 0;
	if (l->s[l->i + 1] == '/') {
		const char *e = memchr(l->s + l->i, '\n', l->n - l->i);

		l->i = e ? (size_t)(e - l->s) : l->n;
		return 1;
	}
	if (l->s[l->i + 1] == '*') {
		const char *p = l->s + l->i + 2;
		const char *end = l->s + l->n;

		while (p < end) {
			const char *st = memchr(p, '*', (size_t)(end - p));

			if (st == NULL || st + 1 >= end)
				return -1;
			if (st[1] == '/') {
				l->i = (size_t)(st + 2 - l->s);
				return 1;
			}
			p = st + 1;
		}
		return -1;
	}
	return 0;
}

/*
 * At an opening quote or slash: skip to just past the closing one, a
 * backslash escaping the next byte (1).  A newline ends it (0, left at the
 * newline: YARA rejects it there, and the parts after it keep their
 * bounds).  -1: open at the end.
 */
static int
quoted(struct lex *l, char q)
{
	size_t i = l->i + 1;

	while (i < l->n) {
		char c = l->s[i];

		if (c == '\\') {
			if (i + 1 < l->n && l->s[i + 1] == '\n') {
				i++;
				break;
			}
			i += 2;
			continue;
		}
		if (c == '\n')
			break;
		i++;
		if (c == q) {
			l->i = i;
			return 1;
		}
	}
	if (i >= l->n)
		return -1;
	l->i = i;               /* at the newline */
	return 0;
}

/* Skip whitespace and comments; -1 for a comment left open. */
static int
skip_blank(struct lex *l)
{
	while (l->i < l->n) {
		unsigned char c = (unsigned char)l->s[l->i];
		int r;

		if (space(c)) {
			l->i++;
			continue;
		}
		if (c != '/')
			return 0;
		r = comment(l);
		if (r <= 0)
			return r;
	}
	return 0;
}

static size_t
word(const struct lex *l)
{
	size_t i = l->i;

	while (i < l->n && idchar((unsigned char)l->s[i]))
		i++;
	return i - l->i;
}

static bool
is_kw(const struct lex *l, size_t wl, const char *kw)
{
	return wl == strlen(kw) && memcmp(l->s + l->i, kw, wl) == 0;
}

/* Copy n bytes to a name: NUL-terminated, cut at a NUL or the size. */
static void
set_name(struct yara_part *p, const char *s, size_t n)
{
	const char *z = memchr(s, '\0', n);
	size_t k = z ? (size_t)(z - s) : n;

	p->name_cut = z != NULL;
	if (k >= sizeof(p->name)) {
		k = sizeof(p->name) - 1;
		p->name_cut = true;
	}
	memcpy(p->name, s, k);
	p->name[k] = '\0';
}

/*
 * Token callback of body(): an identifier at s[off, off+len) that stands
 * on its own (not $a, #a, @a, !a, a module's member).
 */
typedef void body_id_fn(void *ctx, size_t off, size_t len);

/*
 * At a rule body's '{': skip to just past its closing '}'.  Braces nest
 * by count (a hex string is one level down); strings and regexes are
 * skipped only at the body's own level, comments at every level.
 * -1: out of balance or something left open at the end.
 */
static int
body(struct lex *l, body_id_fn *fn, void *ctx)
{
	size_t depth = 0;

	while (l->i < l->n) {
		unsigned char c = (unsigned char)l->s[l->i];
		int r;

		switch (c) {
		case '{':
			depth++;
			l->i++;
			break;
		case '}':
			l->i++;
			if (--depth == 0)
				return 1;
			break;
		case '/':
			r = comment(l);
			if (r < 0)
				return -1;
			if (r > 0)
				break;
			if (depth == 1) {
				if (quoted(l, '/') < 0)
					return -1;
				/* modifiers (i, s) are identifiers' bytes */
				while (l->i < l->n &&
				    idchar((unsigned char)l->s[l->i]))
					l->i++;
			} else {
				l->i++;
			}
			break;
		case '"':
			if (depth == 1) {
				if (quoted(l, '"') < 0)
					return -1;
			} else {
				l->i++;
			}
			break;
		default:
			if (idchar(c)) {     /* 200KB, 0x457f: one word */
				size_t st = l->i, wl = word(l);
				char pc = st ? l->s[st - 1] : ' ';

				l->i += wl;
				if (fn && depth == 1 && idstart(c) &&
				    pc != '$' && pc != '#' &&
				    pc != '@' && pc != '!' && pc != '.')
					fn(ctx, st, wl);
			} else {
				l->i++;
			}
			break;
		}
	}
	return -1;
}

/*
 * After `rule`: the name, tags and the body.  p (may be NULL) gets the
 * name, body and len.  -1: no name, something else than tags before the
 * '{', or a bad body.
 */
static int
rule(struct lex *l, struct yara_part *p)
{
	size_t wl;

	if (skip_blank(l) < 0 || l->i >= l->n ||
	    !idstart((unsigned char)l->s[l->i]))
		return -1;
	wl = word(l);
	if (p) {
		set_name(p, l->s + l->i, wl);
	}
	l->i += wl;
	if (skip_blank(l) < 0 || l->i >= l->n)
		return -1;
	if (l->s[l->i] == ':') {
		l->i++;
		for (;;) {
			if (skip_blank(l) < 0 || l->i >= l->n)
				return -1;
			if (!idstart((unsigned char)l->s[l->i]))
				break;
			l->i += word(l);
		}
	}
	if (l->s[l->i] != '{')
		return -1;
	if (p)
		p->body = l->i;
	return body(l, NULL, NULL);
}

/* Advance the line count from *lpos to off. */
static void
lines_to(const char *s, size_t off, size_t *lpos, unsigned *line)
{
	const char *p = s + *lpos, *end = s + off;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (nl == NULL)
			break;
		(*line)++;
		p = nl + 1;
	}
	*lpos = off;
}

long
yara_split(const char *src, size_t len, struct yara_part *v, size_t max)
{
	struct lex l = { src, len, 0 };
	size_t found = 0, lpos = 0;
	unsigned line = 1;

	if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0)
		l.i = 3;
	for (;;) {
		struct yara_part tmp, *p;
		size_t wl, start;
		bool priv = false, glob = false;
		unsigned char c;
		int r;

		if (skip_blank(&l) < 0)
			return -1;
		if (l.i >= l.n)
			break;
		c = (unsigned char)src[l.i];
		if (c == '"') {                 /* stray string */
			if (quoted(&l, '"') < 0)
				return -1;
			continue;
		}
		if (c == '{') {                 /* stray block: skip whole */
			if (body(&l, NULL, NULL) < 0)
				return -1;
			continue;
		}
		if (c == '}')
			return -1;
		if (!idstart(c)) {
			l.i++;
			continue;
		}
		/* a word at top level; a digit run before it is one word */
		if (l.i > 0 && idchar((unsigned char)src[l.i - 1])) {
			l.i += word(&l);
			continue;
		}
		start = l.i;
		p = found < max ? &v[found] : &tmp;
		memset(p, 0, sizeof(*p));
		wl = word(&l);
		if (is_kw(&l, wl, "import") || is_kw(&l, wl, "include")) {
			struct lex q;

			p->kind = src[l.i + 2] == 'p' ? YP_IMPORT : YP_INCLUDE;
			l.i += wl;
			if (skip_blank(&l) < 0)
				return -1;
			if (l.i >= l.n || src[l.i] != '"')
				continue;       /* YARA's error; not a part */
			q = l;
			r = quoted(&l, '"');
			if (r < 0)
				return -1;
			if (r == 0 || l.i - q.i == 2)
				continue;       /* cut by a newline, or "" */
			set_name(p, src + q.i + 1, l.i - q.i - 2);
		} else {
			for (;;) {
				if (is_kw(&l, wl, "private"))
					priv = true;
				else if (is_kw(&l, wl, "global"))
					glob = true;
				else
					break;
				l.i += wl;
				if (skip_blank(&l) < 0)
					return -1;
				wl = word(&l);
			}
			if (!is_kw(&l, wl, "rule")) {
				l.i += wl;      /* some other word */
				continue;
			}
			l.i += wl;
			p->kind = YP_RULE;
			p->is_private = priv;
			p->is_global = glob;
			if (rule(&l, p) < 0)
				return -1;
		}
		p->off = start;
		p->len = l.i - start;
		lines_to(src, start, &lpos, &line);
		p->line = line;
		found++;
	}
	return (long)found;
}

/* ---- references between rules ------------------------------------------ */

static int
cmp_name(const void *a, const void *b, void *ctx)
{
	const struct yara_part *v = ctx;

	return strcmp(v[*(const size_t *)a].name, v[*(const size_t *)b].name);
}

size_t
yara_split_index(const struct yara_part *v, size_t n, size_t *idx)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i].kind == YP_RULE && !v[i].name_cut)
			idx[k++] = i;
	qsort_r(idx, k, sizeof(*idx), cmp_name, (void *)v);
	return k;
}

struct refs {
	const char *src;
	const struct yara_part *v;
	const size_t *idx;
	size_t nidx, self;
	size_t *out, max, nout;
	bool more;
};

static void
ref_id(void *ctx, size_t off, size_t len)
{
	struct refs *r = ctx;
	size_t lo = 0, hi = r->nidx;
	char name[YARA_NAME_MAX];

	if (len >= sizeof(name))
		return;
	memcpy(name, r->src + off, len);
	name[len] = '\0';
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, r->v[r->idx[mid]].name);

		if (c == 0) {
			size_t k = r->idx[mid];

			/* equal names: the first defined one (YARA rejects
			 * a second) */
			while (mid > 0 &&
			    strcmp(name, r->v[r->idx[mid - 1]].name) == 0)
				k = r->idx[--mid] < k ? r->idx[mid] : k;
			if (k == r->self)
				return;
			for (size_t j = 0; j < r->nout; j++)
				if (r->out[j] == k)
					return;
			if (r->nout < r->max)
				r->out[r->nout++] = k;
			else
				r->more = true;
			return;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
}

size_t
yara_split_refs(const char *src, size_t len, const struct yara_part *v,
		size_t n, const size_t *idx, size_t nidx, size_t i,
		size_t *out, size_t max, bool *more)
{
	struct refs r = { src, v, idx, nidx, i, out, max, 0, false };
	struct lex l;

	if (more)
		*more = false;
	if (i >= n || v[i].kind != YP_RULE || v[i].body >= len ||
	    v[i].off + v[i].len > len)
		return 0;
	l.s = src;
	l.n = v[i].off + v[i].len;
	l.i = v[i].body;
	(void)body(&l, ref_id, &r);
	if (more)
		*more = r.more;
	return r.nout;
}
