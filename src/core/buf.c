/* buf.c - capped growable buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "xmalloc.h"

void
buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->alloc = 0;
	b->max = max;
	b->overflow = false;
}

int
buf_append(struct buf *b, const void *p, size_t n)
{
	size_t need;

	if (b->overflow || n > b->max || b->len > b->max - n) {
		buf_free(b);
		b->overflow = true;
		return RM_ETOOBIG;
	}
	need = b->len + n + 1;
	if (need > b->alloc) {
		size_t a = b->alloc ? b->alloc : 64;

		while (a < need)
			a *= 2;
		if (a > b->max + 1)
			a = b->max + 1;
		b->data = xreallocarray(b->data, a, 1);
		b->alloc = a;
	}
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return RM_OK;
}

int
buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	char tmp[512], *p = tmp;
	va_list ap;
	int n, r;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return RM_EPARSE;
	if ((size_t)n >= sizeof(tmp)) {
		p = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	r = buf_append(b, p, (size_t)n);
	if (p != tmp)
		free(p);
	return r;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->overflow = false;
	if (b->data)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->alloc = 0;
}

char *
buf_steal(struct buf *b, size_t *len)
{
	char *p = b->data ? b->data : xstrdup("");

	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->alloc = 0;
	return p;
}
