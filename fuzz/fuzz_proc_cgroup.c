/*
 * fuzz_proc_cgroup.c - procparse_cgroup() on /proc/PID/cgroup text.
 *
 * Cgroup paths are names a container runtime (or an attacker with
 * cgroupfs access) chose: they can hold colons, newlines and long runs of
 * hex digits.
 */
#include <ctype.h>

#include "collect/proc_parse.h"
#include "core/err.h"
#include "core/limits.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	char cid[65];
	size_t plen;
	char *buf;
	int r;

	if (size > RM_CGROUP_MAX)
		return 0;
	buf = fuzz_dup(data, size);
	memset(cid, 'x', sizeof(cid));
	r = procparse_cgroup(buf, size, &path, &plen, cid);
	FUZZ_CHECK(r == RM_OK);
	FUZZ_CHECK(path != NULL && plen > 0);
	if (!fuzz_within(path, plen, buf, size))
		FUZZ_CHECK(plen == 1 && path[0] == '/');
	else
		FUZZ_CHECK(memchr(path, '\n', plen) == NULL);
	if (cid[0] != '\0') {
		FUZZ_CHECK(cid[64] == '\0');
		for (int i = 0; i < 64; i++)
			FUZZ_CHECK(isxdigit((unsigned char)cid[i]) &&
			    !isupper((unsigned char)cid[i]));
	}
	free(buf);
	return 0;
}
