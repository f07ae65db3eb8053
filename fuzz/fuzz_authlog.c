/*
 * fuzz_authlog.c - loginparse_syslog on each line of an auth.log or
 * secure file (text sshd and sudo write, with names and commands a
 * client or a local user chose), each line copied into a buffer of
 * exactly its size.
 *
 * Input: byte 0 picks the clock (the mtime's month 1..12, the zone: UTC
 * or the local zone through mktime), byte 1 the mtime's year offset from
 * 2020; the rest is the file, split at '\n'.  Checked: an event has a
 * known kind and time zone, microseconds below a million, a pid within
 * LP_PID_MAX; every string lies inside the line's first
 * RM_LOGIN_LINE_MAX bytes and is within its cap; a host is one word; a
 * method one word without '/'; a key fingerprint is "SHA256:" and 43
 * base64 characters; sshd kinds carry a host, sudo kinds a command; a
 * line that is not an event leaves no string behind; the same line
 * parses the same twice.
 */
#include "collect/login_parse.h"
#include "core/limits.h"
#include "fuzz.h"

static void
inside(struct lp_str s, const char *line, size_t n, size_t cap)
{
	if (s.p == NULL) {
		FUZZ_CHECK(s.n == 0);
		return;
	}
	FUZZ_CHECK(s.p >= line && s.p + s.n <= line + n);
	FUZZ_CHECK(s.p + s.n <= line + RM_LOGIN_LINE_MAX);
	FUZZ_CHECK(s.n <= cap);
}

static void
one_word(struct lp_str s)
{
	if (s.p)
		FUZZ_CHECK(s.n > 0 && memchr(s.p, ' ', s.n) == NULL);
}

static void
check_line(const char *line, size_t n, const struct lp_clock *ck)
{
	struct login_rec r, r2;
	enum lp_result res = loginparse_syslog(line, n, ck, &r);

	FUZZ_CHECK(res == LP_EVENT || res == LP_IGNORED || res == LP_CORRUPT);
	FUZZ_CHECK(loginparse_syslog(line, n, ck, &r2) == res);
	if (res != LP_EVENT) {
		FUZZ_CHECK(r.user.p == NULL && r.from.p == NULL &&
		    r.line.p == NULL && r.method.p == NULL &&
		    r.key_fp.p == NULL && r.target.p == NULL &&
		    r.detail.p == NULL && r.kind == 0 && r.port == 0);
		return;
	}
	FUZZ_CHECK(r2.time == r.time && r2.kind == r.kind &&
	    r2.user.p == r.user.p && r2.from.p == r.from.p);
	FUZZ_CHECK(r.kind >= LOGIN_ACCEPTED && r.kind <= LOGIN_SUDO_DENIED &&
	    r.kind != LOGIN_BOOT);
	FUZZ_CHECK(r.tz == LTZ_UTC || r.tz == ck->tz);
	FUZZ_CHECK(r.usec >= 0 && r.usec < 1000000);
	FUZZ_CHECK(r.pid <= LP_PID_MAX);
	inside(r.user, line, n, RM_LOGIN_USER_MAX);
	inside(r.from, line, n, RM_LOGIN_HOST_MAX);
	inside(r.line, line, n, RM_LOGIN_LINE_MAX);
	inside(r.method, line, n, 32);
	inside(r.key_fp, line, n, 50);
	inside(r.target, line, n, RM_LOGIN_USER_MAX);
	inside(r.detail, line, n, RM_LOGIN_CMD_MAX);
	one_word(r.from);
	one_word(r.method);
	if (r.method.p)
		FUZZ_CHECK(memchr(r.method.p, '/', r.method.n) == NULL);
	if (r.key_fp.p)
		FUZZ_CHECK(loginparse_is_fp(r.key_fp.p, r.key_fp.n));
	if (r.kind == LOGIN_SUDO || r.kind == LOGIN_SUDO_DENIED) {
		FUZZ_CHECK(r.detail.p != NULL || r.detail.n == 0);
		FUZZ_CHECK(r.user.p != NULL && r.from.p == NULL &&
		    r.method.p == NULL && r.port == 0);
		one_word(r.user);
	} else {
		FUZZ_CHECK(r.from.p != NULL && r.detail.p == NULL &&
		    r.target.p == NULL && r.line.p == NULL);
		if (r.kind == LOGIN_ACCEPTED) {
			FUZZ_CHECK(r.method.p != NULL && r.user.p != NULL);
			one_word(r.user);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lp_clock ck;
	const char *p, *end;
	char *s;

	if (size < 2 || size > (1u << 20))
		return 0;
	ck.mon = data[0] % 12 + 1;
	ck.local = (data[0] / 12) & 1;
	ck.tz = ck.local ? LTZ_LOCAL : LTZ_ASSUMED_UTC;
	ck.year = 2020 + data[1] % 16;
	s = fuzz_dup(data + 2, size - 2);
	p = s;
	end = s + size - 2;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		char *line;
		size_t n;

		if (e == NULL)
			e = end;
		n = (size_t)(e - p);
		line = fuzz_dup((const uint8_t *)p, n);
		check_line(line, n, &ck);
		free(line);
		p = e + 1;
	}
	free(s);
	return 0;
}
