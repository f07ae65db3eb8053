/*
 * b64.h - base64 (RFC 4648) for hostile bytes: SSH key blobs in
 * authorized_keys and private keys, JWT segments.  Bounded: the decoder
 * never writes past cap, the encoder never past outsz.
 */
#ifndef RM_B64_H
#define RM_B64_H

#include <stddef.h>
#include <stdint.h>

enum b64_flags {
	/* also the URL alphabet ('-' for '+', '_' for '/', RFC 4648 §5);
	 * the two may be mixed */
	B64_URL = 1 << 0,
	/* skip '=', space, tab, CR and LF anywhere (PEM bodies, padded
	 * JWTs); without it only a run of '=' at the very end is skipped
	 * and any other byte outside the alphabet is an error */
	B64_LAX = 1 << 1,
	/* at cap, return the cap bytes decoded so far instead of -1 */
	B64_TRUNCATE = 1 << 2,
};

/* Decode in[0..n) into out (cap bytes).  Padding is optional; bits left
 * over at the end (fewer than 8) are dropped.  Returns the decoded length,
 * or -1 when a byte is not base64 (see flags) or the result exceeds cap
 * (unless B64_TRUNCATE). */
long b64_decode(const char *in, size_t n, uint8_t *out, size_t cap,
		unsigned flags);

/* Encode in[0..n) with the standard alphabet and no '=' padding (as
 * OpenSSH prints fingerprints).  out gets at most outsz-1 characters and
 * a NUL (when outsz > 0); returns the length written.  4*ceil(n/3)+1
 * bytes are always enough. */
size_t b64_encode_nopad(const uint8_t *in, size_t n, char *out,
			size_t outsz);

#endif
