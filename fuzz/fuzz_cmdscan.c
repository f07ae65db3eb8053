/*
 * fuzz_cmdscan.c - the streaming /proc/PID/cmdline scanner.
 *
 * Input: byte 0 picks how many bytes to keep, bytes 1-4 seed the chunk
 * sizes, the rest is the cmdline, fed in chunks as read() would return
 * it.  The result must not depend on the chunking, and must equal a
 * plain model of "argv joined by spaces, cut at keep".
 */
#include "collect/proc_parse.h"
#include "core/limits.h"
#include "fuzz.h"

#define HDR 5

struct result {
	char *out;
	size_t keep, len, argv0_len;
	uint32_t argc;
};

static void
scan(const char *s, size_t n, size_t keep, uint32_t seed, bool chunked,
     struct result *res)
{
	struct fuzz_chunks ch;
	struct cmdscan c;
	size_t off = 0;

	res->out = malloc(keep + 1);
	if (res->out == NULL)
		abort();
	cmdscan_init(&c, res->out, keep);
	fuzz_chunks_init(&ch, seed);
	while (off < n) {
		size_t k = chunked ? fuzz_chunks_next(&ch, n - off) : n;
		char *part = fuzz_dup((const uint8_t *)s + off, k);

		cmdscan_feed(&c, part, k);
		free(part);
		off += k;
	}
	cmdscan_finish(&c);
	FUZZ_CHECK(c.out == res->out && c.keep == keep);
	res->keep = keep;
	res->len = c.len;
	res->argv0_len = c.argv0_len;
	res->argc = c.argc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct result a, b;
	const char *s, *z;
	char *in;
	size_t n, keep, m, a0, nuls = 0;
	uint32_t seed;

	if (size < HDR || size > HDR + 8192)
		return 0;
	keep = data[0] == 0xff ? RM_CMDLINE_KEEP : data[0];
	seed = (uint32_t)data[1] | (uint32_t)data[2] << 8 |
	    (uint32_t)data[3] << 16 | (uint32_t)data[4] << 24;
	n = size - HDR;
	in = fuzz_dup(data + HDR, n);
	s = in;

	scan(s, n, keep, seed, true, &a);
	FUZZ_CHECK(a.len <= a.keep);
	FUZZ_CHECK(a.argv0_len <= a.len);
	FUZZ_CHECK(a.out[a.len] == '\0');
	FUZZ_CHECK(memchr(a.out, '\0', a.len) == NULL);

	/* the same bytes in one read give the same answer */
	scan(s, n, keep, seed, false, &b);
	FUZZ_CHECK(a.len == b.len && a.argv0_len == b.argv0_len &&
	    a.argc == b.argc && memcmp(a.out, b.out, a.len + 1) == 0);

	/* the model: NULs become spaces, cut at keep, argv[0] ends at the
	 * first NUL, trailing separators after argv[0] are dropped */
	for (size_t i = 0; i < n; i++)
		nuls += s[i] == '\0';
	FUZZ_CHECK(a.argc == nuls + (n > 0 && s[n - 1] != '\0'));
	m = n < keep ? n : keep;
	z = memchr(s, '\0', n);
	a0 = z ? (size_t)(z - s) : n;
	a0 = a0 < keep ? a0 : keep;
	FUZZ_CHECK(a.argv0_len == a0);
	while (m > a0 && (s[m - 1] == '\0' || s[m - 1] == ' '))
		m--;
	FUZZ_CHECK(a.len == m);
	for (size_t i = 0; i < m; i++)
		FUZZ_CHECK(a.out[i] == (s[i] ? s[i] : ' '));

	free(a.out);
	free(b.out);
	free(in);
	return 0;
}
