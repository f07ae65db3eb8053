/*
 * xmalloc.h - allocation that never returns NULL.
 *
 * Running out of memory is not a condition rookmelder handles locally: the
 * x* functions print a message and abort (as OpenSSH, Redis and htop do).
 * Sizes that come from the host are capped before they get here (limits.h).
 * Every returned pointer is owned by the caller and freed with free().
 */
#ifndef RM_XMALLOC_H
#define RM_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* Copy at most n bytes of s and terminate; NUL bytes inside are kept. */
char *xmemdup0(const void *s, size_t n);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
