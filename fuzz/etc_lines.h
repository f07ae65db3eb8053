/*
 * etc_lines.h - the line model the etcparse fuzz targets check against:
 * lines split at '\n', a trailing '\r' dropped, blank lines and lines
 * starting with '#' skipped.
 */
#ifndef RM_FUZZ_ETC_LINES_H
#define RM_FUZZ_ETC_LINES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Number of lines the parsers must look at. */
static inline size_t
etc_count_lines(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	size_t n = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if (le > p && le[-1] == '\r')
			le--;
		if (le > p && *p != '#')
			n++;
		p = nl ? nl + 1 : end;
	}
	return n;
}

/* Total number of lines (for line numbers). */
static inline size_t
etc_total_lines(const char *buf, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += buf[i] == '\n';
	return n + (len > 0 && buf[len - 1] != '\n');
}

/* A walk over the lines of a buffer, forwards only. */
struct etc_cursor {
	const char *p, *end;
	uint32_t lineno;           /* of the line at p, 1-based */
};

static inline void
etc_cursor_init(struct etc_cursor *c, const char *buf, size_t len)
{
	c->p = buf;
	c->end = buf + len;
	c->lineno = 1;
}

/* Start of line lineno (>= the cursor's); *n gets its length without the
 * "\n". */
static inline const char *
etc_line(struct etc_cursor *c, uint32_t lineno, size_t *n)
{
	const char *nl;

	while (c->lineno < lineno && c->p < c->end) {
		nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
		c->p = nl ? nl + 1 : c->end;
		c->lineno++;
	}
	nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	*n = (size_t)((nl ? nl : c->end) - c->p);
	return c->p;
}

/* Field k (0-based) of a line split at c; NULL if it has fewer fields. */
static inline const char *
etc_field(const char *p, size_t n, char c, int k, size_t *fl)
{
	const char *end = p + n;

	for (int i = 0; i < k; i++) {
		const char *q = memchr(p, c, (size_t)(end - p));

		if (q == NULL)
			return NULL;
		p = q + 1;
	}
	{
		const char *q = memchr(p, c, (size_t)(end - p));

		*fl = (size_t)((q ? q : end) - p);
	}
	return p;
}

#endif
