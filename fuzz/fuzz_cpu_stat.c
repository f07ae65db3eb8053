/*
 * fuzz_cpu_stat.c - cpuparse_stat() on /proc/stat text (the "cpu " line
 * and the per-CPU lines after it).  With --procfs or a container's
 * procfs (lxcfs) this is not necessarily the kernel's own text.
 */
#include "collect/collect.h"
#include "core/err.h"
#include "fuzz.h"

/* True if no run of digits on the first line is longer than 18, so the
 * sums the parser forms cannot wrap. */
static bool
small_numbers(const char *buf, size_t len)
{
	size_t run = 0;

	for (size_t i = 0; i < len && buf[i] != '\n'; i++) {
		run = buf[i] >= '0' && buf[i] <= '9' ? run + 1 : 0;
		if (run > 18)
			return false;
	}
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cpu_times ct;
	size_t lines = 0;
	char *buf;
	int r;

	if (size > 65536)
		return 0;
	buf = fuzz_dup(data, size);
	memset(&ct, 0xa5, sizeof(ct));
	r = cpuparse_stat(buf, size, &ct);
	FUZZ_CHECK(r == RM_OK || r == RM_EPARSE);
	if (r == RM_OK) {
		FUZZ_CHECK(size >= 4 && memcmp(buf, "cpu ", 4) == 0);
		for (size_t i = 0; i < size; i++)
			lines += buf[i] == '\n';
		FUZZ_CHECK(ct.ncpu <= lines);
		if (small_numbers(buf, size))
			FUZZ_CHECK(ct.busy <= ct.total);
	}
	free(buf);
	return 0;
}
