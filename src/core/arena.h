/*
 * arena.h - bump allocator for the facts of one scan.
 *
 * Collectors copy host strings into the scan's arena; everything is freed
 * at once by arena_free().  Findings never point into an arena: they
 * deep-copy what they keep, so they can outlive the facts.
 */
#ifndef RM_ARENA_H
#define RM_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used;  /* bytes handed out, for statistics */
};

void *arena_alloc(struct arena *a, size_t n);           /* zeroed, aligned */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void *arena_memdup(struct arena *a, const void *p, size_t n);
void arena_free(struct arena *a);                       /* NULL-safe */

#endif
