/*
 * fuzz_meminfo.c - hostparse_meminfo() on /proc/meminfo text (a fixture
 * procfs or a preload hook may hand over anything).
 *
 * Checked against a model: each field is the last line that starts with
 * its key and has a decimal number below INT64_MAX after blanks, or -1.
 */
#include "collect/host_parse.h"
#include "fuzz.h"

static int64_t
model(const char *buf, size_t len, const char *key)
{
	const char *p = buf, *end = buf + len;
	size_t kl = strlen(key);
	int64_t r = -1;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *q;

		if ((size_t)(le - p) > kl && memcmp(p, key, kl) == 0) {
			uint64_t v = 0;
			bool any = false, over = false;

			for (q = p + kl; q < le && (*q == ' ' || *q == '\t'); q++)
				;
			for (; q < le && *q >= '0' && *q <= '9'; q++) {
				if (v > (UINT64_MAX - 9) / 10) {
					over = true;
					break;
				}
				v = v * 10 + (uint64_t)(*q - '0');
				any = true;
			}
			if (any && !over && v < INT64_MAX)
				r = (int64_t)v;
		}
		p = nl ? nl + 1 : end;
	}
	return r;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t t = 5, f = 5, k = 5;
	char *buf;

	if (size > 65536)
		return 0;
	buf = fuzz_dup(data, size);
	hostparse_meminfo(buf, size, &t, &f, &k);
	FUZZ_CHECK(t == model(buf, size, "HugePages_Total:"));
	FUZZ_CHECK(f == model(buf, size, "HugePages_Free:"));
	FUZZ_CHECK(k == model(buf, size, "Hugepagesize:"));
	free(buf);
	return 0;
}
