/*
 * fuzz_kmsg.c - hostparse_kmsg_msr() on /dev/kmsg records.  The comm in
 * the kernel's "msr: Write to unrecognized MSR 0x.. by COMM (pid: N)"
 * warning is the writer's own name: any bytes, including " (pid: ".
 *
 * Checked on a match: the comm lies inside the record, right after
 * " by " and right before the last " (pid: ", which is followed by the
 * pid's digits and ')'; the MSR is the hex after the key; the timestamp
 * is the third header field when it fits.
 */
#include <inttypes.h>

#include "collect/host_parse.h"
#include "fuzz.h"

static const char key[] = "Write to unrecognized MSR 0x";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *comm = NULL, *semi, *k, *tail;
	size_t cl = 0;
	int64_t pid = -1;
	uint64_t usec = 77;
	uint32_t msr = 0;
	char *rec;
	bool ok;

	if (size > 8192)
		return 0;
	rec = fuzz_dup(data, size);
	ok = hostparse_kmsg_msr(rec, size, &msr, &comm, &cl, &pid, &usec);
	semi = memchr(rec, ';', size);
	if (semi == NULL)
		FUZZ_CHECK(!ok);
	if (ok) {
		char num[32];
		uint64_t v = 0;
		const char *p;

		k = memmem(semi, size - (size_t)(semi - rec), key,
		    sizeof(key) - 1);
		FUZZ_CHECK(k != NULL);
		/* the MSR: the hex digits after the key */
		p = k + sizeof(key) - 1;
		while (p < rec + size && strchr("0123456789abcdefABCDEF", *p) &&
		    *p) {
			v = v << 4 | (uint64_t)(*p <= '9' ? *p - '0' :
			    (*p | 0x20) - 'a' + 10);
			FUZZ_CHECK(v <= 0xffffffffu);
			p++;
		}
		FUZZ_CHECK(v == msr);
		FUZZ_CHECK(p + 4 <= rec + size && memcmp(p, " by ", 4) == 0);
		FUZZ_CHECK(comm == p + 4);
		FUZZ_CHECK(fuzz_within(comm, cl, rec, size));
		tail = comm + cl;
		FUZZ_CHECK((size_t)(rec + size - tail) >= 9 &&
		    memcmp(tail, " (pid: ", 7) == 0);
		/* the last one: no " (pid: " starts after it */
		FUZZ_CHECK(memmem(tail + 1, (size_t)(rec + size - tail - 1),
		    " (pid: ", 7) == NULL);
		FUZZ_CHECK(pid >= 0 && pid <= INT32_MAX);
		snprintf(num, sizeof(num), "%" PRId64 ")", pid);
		FUZZ_CHECK(memcmp(tail + 7, num, strlen(num)) == 0 ||
		    tail[7] == '0');   /* leading zeros are digits too */
	}
	/* the timestamp is read whenever there is a header */
	FUZZ_CHECK(semi != NULL || usec == 77);
	free(rec);
	return 0;
}
