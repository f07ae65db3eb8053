/*
 * fuzz_proc_stat.c - procparse_stat() on /proc/PID/stat text.
 *
 * A process picks its own comm (any bytes but NUL, ')' and newlines
 * included), so the whole line is hostile.
 */
#include "collect/proc_parse.h"
#include "core/err.h"
#include "core/limits.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stat_fields sf;
	char *buf;
	int r;

	if (size > RM_STAT_MAX)
		return 0;
	buf = fuzz_dup(data, size);
	r = procparse_stat(buf, size, &sf);
	FUZZ_CHECK(r == RM_OK || r == RM_EPARSE);
	if (r == RM_OK) {
		const char *end = buf + size;

		/* comm lies between the first '(' and the last ')' */
		FUZZ_CHECK(fuzz_within(sf.comm, sf.comm_len, buf, size));
		FUZZ_CHECK(sf.comm > buf && sf.comm[-1] == '(');
		FUZZ_CHECK(sf.comm + sf.comm_len < end);
		FUZZ_CHECK(sf.comm[sf.comm_len] == ')');
		FUZZ_CHECK(memchr(buf, '(', (size_t)(sf.comm - 1 - buf)) ==
		    NULL);
		FUZZ_CHECK(memchr(sf.comm + sf.comm_len + 1, ')',
		    (size_t)(end - (sf.comm + sf.comm_len + 1))) == NULL);
	}
	free(buf);
	return 0;
}
