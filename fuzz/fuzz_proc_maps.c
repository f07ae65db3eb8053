/*
 * fuzz_proc_maps.c - procparse_maps() on /proc/PID/maps text.
 *
 * A process names its own anonymous mappings (prctl PR_SET_VMA_ANON_NAME
 * gives "[anon:anything]") and controls their layout; the parser must keep
 * to one line at a time and never return a region it should not read.
 */
#include "collect/proc_parse.h"
#include "core/limits.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct maps_region v[64];
	uint64_t skip = 1u << 20;
	size_t n;
	char *buf;

	if (size > 65536)
		return 0;
	buf = fuzz_dup(data, size);
	n = procparse_maps(buf, size, skip, v, 64);
	FUZZ_CHECK(n <= 64);
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(v[i].start < v[i].end);
		FUZZ_CHECK(v[i].end - v[i].start <= skip);
		FUZZ_CHECK(v[i].rank >= 0 && v[i].rank <= 2);
	}
	/* every region needs its own line: at most one per newline + 1 */
	{
		size_t lines = 1;

		for (size_t i = 0; i < size; i++)
			lines += buf[i] == '\n';
		FUZZ_CHECK(n <= lines);
	}
	free(buf);
	return 0;
}
