/*
 * buf.h - a growable byte buffer with a mandatory cap (curl's dynbuf).
 *
 * Data whose size the host controls grows only through a struct buf.
 * Appending past the cap frees the buffer and returns RM_ETOOBIG, so a
 * caller can never keep working on half of something it thinks is whole;
 * the overflow is sticky (later appends fail too) until buf_reset().
 * The data is always NUL-terminated (the NUL is not counted in len).
 */
#ifndef RM_BUF_H
#define RM_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len, alloc, max;
	bool overflow;   /* sticky: set when an append exceeded max */
};

void buf_init(struct buf *b, size_t max);
int buf_append(struct buf *b, const void *p, size_t n);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);          /* len = 0, keeps memory */
void buf_free(struct buf *b);           /* NULL-safe */
/* Hand the data to the caller (who frees it); the buf is reset. */
char *buf_steal(struct buf *b, size_t *len);

#endif
