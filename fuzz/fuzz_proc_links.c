/*
 * fuzz_proc_links.c - the readlink parsers: procparse_ns_link() for
 * /proc/PID/ns/ links, procparse_socket_link() and procparse_is_msr() for
 * /proc/PID/fd/ targets.  An fd can point at any path the process opened,
 * so the text after "/dev/cpu/" or "socket:[" is hostile.  Also
 * credpath_kind() and credpath_is_environ() (core/credpath.h), which sort
 * the same fd targets: a kind in range, a .pub never an SSH key, an
 * environ pid positive and the path /proc/N/environ.
 */
#include "collect/proc_parse.h"
#include "core/credpath.h"
#include "core/limits.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t ino;
	char *s;
	bool ok;

	if (size > RM_LINK_MAX)
		return 0;
	/* readlink() text: NUL-terminated, stops at the first NUL */
	s = fuzz_dupz(data, size);
	ino = 0;
	ok = procparse_ns_link(s, &ino);
	if (ok) {
		const char *b = strchr(s, '[');

		FUZZ_CHECK(b != NULL && s[strlen(s) - 1] == ']');
		FUZZ_CHECK(strtoull(b + 1, NULL, 10) == ino);
	}
	ino = 0;
	ok = procparse_socket_link(s, &ino);
	if (ok)
		FUZZ_CHECK(strncmp(s, "socket:[", 8) == 0 &&
		    strtoull(s + 8, NULL, 10) == ino);
	if (procparse_is_msr(s)) {
		size_t n = strlen(s);

		FUZZ_CHECK(strncmp(s, "/dev/cpu/", 9) == 0);
		FUZZ_CHECK(n > 13 && strcmp(s + n - 4, "/msr") == 0);
	}
	{
		enum cred_kind k = credpath_kind(s);
		size_t n = strlen(s);
		long pid = -1;

		FUZZ_CHECK((unsigned)k < CRED_KIND_COUNT);
		FUZZ_CHECK(credpath_kind_name(k) != NULL);
		if (n > 4 && strcmp(s + n - 4, ".pub") == 0)
			FUZZ_CHECK(k != CRED_SSH_KEY);
		if (credpath_is_environ(s, &pid)) {
			FUZZ_CHECK(strncmp(s, "/proc/", 6) == 0 && pid >= 0);
			FUZZ_CHECK(n >= 14 && strcmp(s + n - 8, "/environ") == 0);
		}
	}
	free(s);
	return 0;
}
