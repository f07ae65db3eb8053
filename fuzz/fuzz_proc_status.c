/*
 * fuzz_proc_status.c - procparse_status() on /proc/PID/status text.
 *
 * The Name: line carries the process's chosen comm, so a line can be
 * forged to look like "Uid:" if the parser is careless about line starts.
 */
#include "collect/proc_parse.h"
#include "core/err.h"
#include "core/limits.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct status_fields sf;
	char *buf;
	int r;

	if (size > RM_STATUS_MAX)
		return 0;
	buf = fuzz_dup(data, size);
	r = procparse_status(buf, size, &sf);
	FUZZ_CHECK(r == RM_OK || r == RM_EPARSE);
	FUZZ_CHECK((r == RM_OK) == sf.has_uid);
	/* without a line that starts with "Uid:" there are no uids */
	if (sf.has_uid)
		FUZZ_CHECK((size >= 4 && memcmp(buf, "Uid:", 4) == 0) ||
		    memmem(buf, size, "\nUid:", 5) != NULL);
	if (sf.has_gid)
		FUZZ_CHECK((size >= 4 && memcmp(buf, "Gid:", 4) == 0) ||
		    memmem(buf, size, "\nGid:", 5) != NULL);
	free(buf);
	return 0;
}
