/*
 * fuzz_wtmp.c - loginparse_wtmp on the records of a wtmp file (an
 * image's, or one an intruder rewrote), each copied into a buffer of
 * exactly its size; the last record may be short.
 *
 * Checked: a short record is LP_CORRUPT; an event has a known kind, UTC
 * time >= 0, microseconds below a million and a pid within LP_PID_MAX;
 * every string lies inside its field of the record (or, for a host
 * rebuilt from ut_addr_v6, is the NUL-terminated text in rec.addr), is
 * non-empty and holds no NUL; a boot has no user, line or host; the same
 * record parses the same twice.
 */
#include "collect/login_parse.h"
#include "fuzz.h"

static void
in_field(struct lp_str s, const unsigned char *rec, size_t off, size_t len)
{
	if (s.p == NULL) {
		FUZZ_CHECK(s.n == 0);
		return;
	}
	FUZZ_CHECK(s.n > 0 && s.n <= len);
	FUZZ_CHECK((const unsigned char *)s.p == rec + off);
	FUZZ_CHECK(memchr(s.p, '\0', s.n) == NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * WTMP_REC_SIZE)
		return 0;
	for (size_t off = 0; off < size; off += WTMP_REC_SIZE) {
		size_t n = size - off < WTMP_REC_SIZE ? size - off :
		    WTMP_REC_SIZE;
		unsigned char *rec = (unsigned char *)fuzz_dup(data + off, n);
		struct login_rec r, r2;
		enum lp_result res = loginparse_wtmp(rec, n, &r);

		FUZZ_CHECK(res == LP_EVENT || res == LP_IGNORED ||
		    res == LP_CORRUPT);
		if (n < WTMP_REC_SIZE)
			FUZZ_CHECK(res == LP_CORRUPT);
		if (res == LP_EVENT) {
			FUZZ_CHECK(r.kind == LOGIN_SESSION ||
			    r.kind == LOGIN_LOGOUT || r.kind == LOGIN_BOOT);
			FUZZ_CHECK(r.time >= 0 && r.time <= INT32_MAX);
			FUZZ_CHECK(r.usec >= 0 && r.usec < 1000000);
			FUZZ_CHECK(r.pid <= LP_PID_MAX);
			FUZZ_CHECK(r.tz == LTZ_UTC);
			in_field(r.line, rec, WTMP_OFF_LINE, WTMP_LINE_LEN);
			in_field(r.user, rec, WTMP_OFF_USER, WTMP_USER_LEN);
			if (r.from.p == r.addr) {
				FUZZ_CHECK(memchr(r.addr, '\0',
				    sizeof(r.addr)) != NULL);
				FUZZ_CHECK(r.from.n == strlen(r.addr) &&
				    r.from.n > 0);
			} else {
				in_field(r.from, rec, WTMP_OFF_HOST,
				    WTMP_HOST_LEN);
			}
			in_field(r.detail, rec, WTMP_OFF_HOST, WTMP_HOST_LEN);
			FUZZ_CHECK(r.method.p == NULL && r.key_fp.p == NULL &&
			    r.target.p == NULL);
			if (r.kind == LOGIN_BOOT)
				FUZZ_CHECK(r.user.p == NULL &&
				    r.line.p == NULL && r.from.p == NULL);
			else
				FUZZ_CHECK(r.detail.p == NULL);
			FUZZ_CHECK(loginparse_wtmp(rec, n, &r2) == res);
			FUZZ_CHECK(r2.time == r.time && r2.pid == r.pid &&
			    r2.kind == r.kind && r2.user.n == r.user.n &&
			    r2.from.n == r.from.n && r2.line.n == r.line.n);
		}
		free(rec);
	}
	return 0;
}
