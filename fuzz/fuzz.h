/*
 * fuzz.h - helpers shared by the libFuzzer targets in fuzz/fuzz_*.c.
 *
 * Every target copies the fuzzer's input into a malloc'd buffer of
 * exactly the input's size, so AddressSanitizer reports a parser that
 * reads one byte past the end, and stops on a broken invariant with
 * FUZZ_CHECK(), which prints the condition and aborts: libFuzzer then
 * saves the input as a crash.
 */
#ifndef RM_FUZZ_H
#define RM_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(e) do {						\
	if (!(e)) {							\
		fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
		    __FILE__, __LINE__, #e);				\
		abort();						\
	}								\
} while (0)

#define FUZZ_FAIL(msg) do {						\
	fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, (msg));	\
	abort();							\
} while (0)

/* A copy of data in a buffer of exactly size bytes (never NULL). */
static inline char *
fuzz_dup(const uint8_t *data, size_t size)
{
	char *p = malloc(size ? size : 1);

	if (p == NULL)
		abort();
	if (size)
		memcpy(p, data, size);
	return p;
}

/* A copy of data plus a NUL: size + 1 bytes, for string parsers. */
static inline char *
fuzz_dupz(const uint8_t *data, size_t size)
{
	char *p = malloc(size + 1);

	if (p == NULL)
		abort();
	if (size)
		memcpy(p, data, size);
	p[size] = '\0';
	return p;
}

/* True if p lies in [base, base + len]. */
static inline int
fuzz_within(const char *p, size_t n, const char *base, size_t len)
{
	uintptr_t a = (uintptr_t)p, b = (uintptr_t)base;

	return a >= b && a - b <= len && n <= len - (a - b);
}

/*
 * Chunk sizes for the streaming scanners, from a small generator seeded
 * by input bytes: a process's /proc file arrives in reads of any size,
 * including reads of zero and one byte.
 */
struct fuzz_chunks {
	uint32_t state;
	int zeros;                 /* empty chunks in a row */
};

static inline void
fuzz_chunks_init(struct fuzz_chunks *c, uint32_t seed)
{
	c->state = seed;
	c->zeros = 0;
}

static inline size_t
fuzz_chunks_next(struct fuzz_chunks *c, size_t left)
{
	size_t n;

	c->state = c->state * 1103515245u + 12345u;
	switch ((c->state >> 16) & 3) {
	case 0:
		n = (c->state >> 20) & 1;         /* 0 or 1 byte */
		break;
	case 1:
		n = (c->state >> 20) & 15;
		break;
	default:
		n = (c->state >> 18) & 1023;
		break;
	}
	if (n == 0 && ++c->zeros > 2)
		n = 1;                            /* always make progress */
	if (n)
		c->zeros = 0;
	return n < left ? n : left;
}

#endif
