/*
 * sort.h - qsort and bsearch for arrays that may be empty.
 *
 * The C library declares their base pointer nonnull, even for zero
 * elements, and an empty list is often a NULL pointer here (nothing was
 * read from a hostile or empty host).  These take any count.
 */
#ifndef RM_SORT_H
#define RM_SORT_H

#include <stdlib.h>

static inline void
xqsort(void *base, size_t n, size_t size,
       int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

static inline void
xqsort_r(void *base, size_t n, size_t size,
	 int (*cmp)(const void *, const void *, void *), void *arg)
{
	if (n > 1)
		qsort_r(base, n, size, cmp, arg);
}

static inline void *
xbsearch(const void *key, const void *base, size_t n, size_t size,
	 int (*cmp)(const void *, const void *))
{
	return n ? bsearch(key, base, n, size, cmp) : NULL;
}

#endif
