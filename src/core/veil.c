/* veil.c - unveil embedded data (veil.h). */
#include <string.h>

#include "veil.h"
#include "xmalloc.h"

void
veil_flip(char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c != 0x00 && c != 0x80)
			p[i] = (char)(c ^ 0x80);
	}
}

const char *
veil_open(const char *veiled, const char **cache)
{
	if (!*cache) {
		size_t n = strlen(veiled);
		char *c = xmalloc(n + 1);

		memcpy(c, veiled, n + 1);
		veil_flip(c, n);
		*cache = c;
	}
	return *cache;
}
