/* b64.c - base64 decoding and unpadded encoding (see b64.h). */
#include "b64.h"

static int
b64val(unsigned char c, unsigned flags)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || (c == '-' && (flags & B64_URL)))
		return 62;
	if (c == '/' || (c == '_' && (flags & B64_URL)))
		return 63;
	return -1;
}

long
b64_decode(const char *in, size_t n, uint8_t *out, size_t cap,
	   unsigned flags)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t o = 0;

	if (!(flags & B64_LAX))
		while (n && in[n - 1] == '=')
			n--;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];
		int v;

		if ((flags & B64_LAX) && (c == '=' || c == '\n' || c == '\r' ||
		    c == ' ' || c == '\t'))
			continue;
		v = b64val(c, flags);
		if (v < 0)
			return -1;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= cap)
				return (flags & B64_TRUNCATE) ? (long)o : -1;
			out[o++] = (uint8_t)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	return (long)o;
}

size_t
b64_encode_nopad(const uint8_t *in, size_t n, char *out, size_t outsz)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0;

	if (outsz == 0)
		return 0;
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		size_t k = n - i >= 3 ? 4 : n - i + 1;

		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		if (i + 2 < n)
			v |= in[i + 2];
		for (size_t j = 0; j < k && o + 1 < outsz; j++)
			out[o++] = tab[(v >> (18 - 6 * j)) & 63];
	}
	out[o] = '\0';
	return o;
}
