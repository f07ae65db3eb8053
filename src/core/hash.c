/*
 * hash.c - MD5 and SHA-256 of a file descriptor, with a size cap.  MD5
 * (dpkg's md5sums) is libmd's; SHA-256 is OpenSSL's libcrypto (already
 * linked by libyara), which uses the CPU's SHA instructions: 6x libmd's
 * speed here, and every matched YARA target is hashed.  libmd is the
 * fallback should libcrypto fail to make a context.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

#include <md5.h>
#include <openssl/evp.h>
#include <sha2.h>

#include "err.h"
#include "hash.h"

static void
tohex(const uint8_t *d, size_t n, char *out)
{
	static const char hx[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hx[d[i] >> 4];
		out[2 * i + 1] = hx[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Read fd from 0 in chunks, calling upd; RM_ETOOBIG past max. */
static int
each_chunk(int fd, uint64_t max, void (*upd)(void *, const uint8_t *, size_t),
	   void *ctx)
{
	uint8_t buf[65536];
	uint64_t off = 0;

	for (;;) {
		ssize_t n = pread(fd, buf, sizeof(buf), (off_t)off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return rm_from_errno(errno);
		}
		if (n == 0)
			return RM_OK;
		off += (uint64_t)n;
		if (off > max)
			return RM_ETOOBIG;
		upd(ctx, buf, (size_t)n);
	}
}

static void
md5_upd(void *c, const uint8_t *p, size_t n)
{
	MD5Update(c, p, n);
}

static void
sha256_upd(void *c, const uint8_t *p, size_t n)
{
	SHA256Update(c, p, n);
}

int
hash_md5_fd(int fd, uint64_t max, char hex[33])
{
	MD5_CTX c;
	uint8_t d[MD5_DIGEST_LENGTH];
	int r;

	MD5Init(&c);
	if ((r = each_chunk(fd, max, md5_upd, &c)) != RM_OK)
		return r;
	MD5Final(d, &c);
	tohex(d, sizeof(d), hex);
	return RM_OK;
}

static void
evp_upd(void *c, const uint8_t *p, size_t n)
{
	EVP_DigestUpdate(c, p, n);
}

int
hash_sha256_fd(int fd, uint64_t max, char hex[65])
{
	EVP_MD_CTX *e = EVP_MD_CTX_new();
	SHA2_CTX c;
	uint8_t d[SHA256_DIGEST_LENGTH];
	int r;

	if (e && EVP_DigestInit_ex(e, EVP_sha256(), NULL) == 1) {
		unsigned int len = 0;

		r = each_chunk(fd, max, evp_upd, e);
		if (r == RM_OK && (EVP_DigestFinal_ex(e, d, &len) != 1 ||
		    len != sizeof(d)))
			r = RM_ENOMEM;
		EVP_MD_CTX_free(e);
		if (r != RM_OK)
			return r;
	} else {
		EVP_MD_CTX_free(e);
		SHA256Init(&c);
		if ((r = each_chunk(fd, max, sha256_upd, &c)) != RM_OK)
			return r;
		SHA256Final(d, &c);
	}
	tohex(d, sizeof(d), hex);
	return RM_OK;
}

void
hash_sha256_mem(const void *p, size_t n, uint8_t out[32])
{
	unsigned int len = 0;
	SHA2_CTX c;

	if (EVP_Digest(p, n, out, &len, EVP_sha256(), NULL) == 1 &&
	    len == 32)
		return;
	SHA256Init(&c);
	SHA256Update(&c, p, n);
	SHA256Final(out, &c);
}
