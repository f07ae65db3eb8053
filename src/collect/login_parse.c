/*
 * login_parse.c - wtmp records and sshd/sudo syslog lines (see
 * login_parse.h).  Every field is bounded by the record or line it is in
 * and by the caps of limits.h; nothing here allocates.
 */
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "../core/limits.h"
#include "login_parse.h"

#define LP_METHOD_MAX 32

/* ---- wtmp ---------------------------------------------------------------- */

static int32_t
rd32(const unsigned char *p)
{
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	    (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;

	return (int32_t)v;
}

/* A fixed char array: up to its first NUL or its end; empty is absent. */
static struct lp_str
fixed_str(const unsigned char *p, size_t max)
{
	const unsigned char *z = memchr(p, '\0', max);
	struct lp_str s = { (const char *)p, z ? (size_t)(z - p) : max };

	if (s.n == 0)
		s.p = NULL;
	return s;
}

static void
wtmp_addr(const unsigned char *rec, struct login_rec *out)
{
	const unsigned char *a = rec + WTMP_OFF_ADDR;
	bool v6 = false, any = false;

	for (int i = 0; i < 16; i++) {
		if (a[i])
			any = true;
		if (i >= 4 && a[i])
			v6 = true;
	}
	if (!any)
		return;
	if (inet_ntop(v6 ? AF_INET6 : AF_INET, a, out->addr,
	    sizeof(out->addr)) == NULL)
		return;
	out->from.p = out->addr;
	out->from.n = strlen(out->addr);
}

enum lp_result
loginparse_wtmp(const unsigned char *rec, size_t n, struct login_rec *out)
{
	int32_t type, pid, sec, usec;

	memset(out, 0, sizeof(*out));
	if (rec == NULL || n < WTMP_REC_SIZE)
		return LP_CORRUPT;
	type = rd32(rec + WTMP_OFF_TYPE);
	pid = rd32(rec + WTMP_OFF_PID);
	sec = rd32(rec + WTMP_OFF_TV_SEC);
	usec = rd32(rec + WTMP_OFF_TV_USEC);
	if (type < 0 || type > WTMP_TYPE_MAX || pid < 0 ||
	    (uint32_t)pid > LP_PID_MAX || sec < 0 || usec < 0 ||
	    usec > 999999)
		return LP_CORRUPT;
	switch (type) {
	case WTMP_USER_PROCESS:
		out->kind = LOGIN_SESSION;
		break;
	case WTMP_DEAD_PROCESS:
		out->kind = LOGIN_LOGOUT;
		break;
	case WTMP_BOOT_TIME:
		out->kind = LOGIN_BOOT;
		break;
	default:
		return LP_IGNORED;
	}
	out->time = sec;
	out->usec = usec;
	out->pid = (uint32_t)pid;
	out->tz = LTZ_UTC;
	if (type == WTMP_BOOT_TIME) {
		/* ut_user "reboot", ut_line "~", ut_host the kernel release */
		out->detail = fixed_str(rec + WTMP_OFF_HOST, WTMP_HOST_LEN);
		return LP_EVENT;
	}
	out->line = fixed_str(rec + WTMP_OFF_LINE, WTMP_LINE_LEN);
	out->user = fixed_str(rec + WTMP_OFF_USER, WTMP_USER_LEN);
	out->from = fixed_str(rec + WTMP_OFF_HOST, WTMP_HOST_LEN);
	if (out->from.p == NULL)
		wtmp_addr(rec, out);
	return LP_EVENT;
}

/* ---- time -------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
mdays(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

int
loginparse_year(const struct lp_clock *ck, int mon)
{
	return mon > ck->mon ? ck->year - 1 : ck->year;
}

static bool
digits(const char *p, const char *end, int k, int *v)
{
	int x = 0;

	if (end - p < k)
		return false;
	for (int i = 0; i < k; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		x = x * 10 + (p[i] - '0');
	}
	*v = x;
	return true;
}

static bool
civil_ok(int y, int mo, int d, int h, int mi, int s)
{
	return y >= 1970 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 &&
	    d <= mdays(y, mo) && h < 24 && mi < 60 && s < 61;
}

/* "hh:mm:ss" at p. */
static bool
hms(const char *p, const char *end, int *h, int *mi, int *s)
{
	return end - p >= 8 && digits(p, end, 2, h) && p[2] == ':' &&
	    digits(p + 3, end, 2, mi) && p[5] == ':' &&
	    digits(p + 6, end, 2, s);
}

/* "Nov 28 04:12:33" or "Nov  1 04:12:33"; *pp moves past it.  out->time
 * is the stamp read as UTC; in the local zone, *tm is set for mktime,
 * which the caller runs only for an event (it costs). */
static bool
stamp_bsd(const char **pp, const char *end, const struct lp_clock *ck,
	  struct login_rec *out, struct tm *tm)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	const char *p = *pp;
	int mo = 0, d, h, mi, s, y;

	if (end - p < 15)
		return false;
	for (int i = 0; i < 12; i++)
		if (memcmp(p, months + 3 * i, 3) == 0)
			mo = i + 1;
	if (mo == 0 || p[3] != ' ')
		return false;
	p += 4;
	if (*p == ' ')
		p++;
	if (p < end && p + 1 < end && p[1] == ' ') {
		if (!digits(p, end, 1, &d))
			return false;
		p += 1;
	} else {
		if (!digits(p, end, 2, &d))
			return false;
		p += 2;
	}
	if (p >= end || *p != ' ')
		return false;
	p++;
	if (!hms(p, end, &h, &mi, &s))
		return false;
	p += 8;
	y = loginparse_year(ck, mo);
	if (!civil_ok(y, mo, d, h, mi, s))
		return false;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	tm->tm_hour = h;
	tm->tm_min = mi;
	tm->tm_sec = s;
	tm->tm_isdst = -1;
	out->time = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	out->tz = ck->tz;
	*pp = p;
	return true;
}

/* "2026-11-28T04:12:33[.ffffff](Z|+hh:mm|-hh:mm)" */
static bool
stamp_rfc3339(const char **pp, const char *end, struct login_rec *out)
{
	const char *p = *pp;
	int y, mo, d, h, mi, s, oh, om, usec = 0, off = 0;

	if (!digits(p, end, 4, &y) || end - p < 19 || p[4] != '-' ||
	    !digits(p + 5, end, 2, &mo) || p[7] != '-' ||
	    !digits(p + 8, end, 2, &d) || (p[10] != 'T' && p[10] != 't') ||
	    !hms(p + 11, end, &h, &mi, &s))
		return false;
	p += 19;
	if (p < end && *p == '.') {
		int k = 0;

		p++;
		while (p < end && *p >= '0' && *p <= '9') {
			if (k < 6)
				usec = usec * 10 + (*p - '0');
			k++;
			p++;
		}
		if (k == 0 || k > 9)
			return false;
		for (; k < 6; k++)
			usec *= 10;
	}
	if (p < end && (*p == 'Z' || *p == 'z')) {
		p++;
	} else if (p < end && (*p == '+' || *p == '-')) {
		if (!digits(p + 1, end, 2, &oh) || end - p < 6 ||
		    p[3] != ':' || !digits(p + 4, end, 2, &om) || oh > 23 ||
		    om > 59)
			return false;
		off = (oh * 60 + om) * 60;
		if (*p == '-')
			off = -off;
		p += 6;
	} else {
		return false;
	}
	if (!civil_ok(y, mo, d, h, mi, s))
		return false;
	out->time = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
	    s - off;
	out->usec = usec;
	out->tz = LTZ_UTC;
	*pp = p;
	return true;
}

/* ---- sshd and sudo messages ------------------------------------------- */

static bool
starts(const char *p, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

/* A run of non-space bytes at p (may be empty). */
static const char *
token_end(const char *p, const char *end)
{
	while (p < end && *p != ' ')
		p++;
	return p;
}

static bool
parse_port(const char *p, const char *e, uint16_t *port)
{
	uint32_t v = 0;

	if (p == e || e - p > 5)
		return false;
	for (; p < e; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (uint32_t)(*p - '0');
	}
	if (v > 65535)
		return false;
	*port = (uint16_t)v;
	return true;
}

bool
loginparse_is_fp(const char *p, size_t n)
{
	if (n != 7 + 43 || memcmp(p, "SHA256:", 7) != 0)
		return false;
	for (size_t i = 7; i < n; i++) {
		char c = p[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '+' || c == '/'))
			return false;
	}
	return true;
}

/* What may follow "port N": nothing, " ssh2", " ssh2: TYPE SHA256:...
 * ...", " [preauth]".  Takes the fingerprint. */
static bool
port_rest(const char *p, const char *end, struct login_rec *out)
{
	if (p == end)
		return true;
	if (starts(p, end, " [preauth]"))
		return p + 10 == end;
	if (!starts(p, end, " ssh2"))
		return false;
	p += 5;
	if (p == end)
		return true;
	if (!starts(p, end, ": "))
		return starts(p, end, " [preauth]") && p + 10 == end;
	p += 2;
	p = token_end(p, end);          /* the key type */
	if (p < end) {
		const char *fp = p + 1, *e = token_end(fp, end);

		if (loginparse_is_fp(fp, (size_t)(e - fp))) {
			out->key_fp.p = fp;
			out->key_fp.n = (size_t)(e - fp);
		}
	}
	return true;
}

/* "HOST port N<rest>" exactly from p to end. */
static bool
host_port(const char *p, const char *end, struct login_rec *out)
{
	const char *h = p, *he = token_end(p, end), *q, *pe;

	if (he == h || he == end || (size_t)(he - h) > RM_LOGIN_HOST_MAX ||
	    !starts(he, end, " port "))
		return false;
	q = he + 6;
	pe = q;
	while (pe < end && *pe >= '0' && *pe <= '9')
		pe++;
	if (!parse_port(q, pe, &out->port) || !port_rest(pe, end, out))
		return false;
	out->from.p = h;
	out->from.n = (size_t)(he - h);
	return true;
}

static bool
set_user(struct login_rec *out, const char *p, const char *e)
{
	if ((size_t)(e - p) > RM_LOGIN_USER_MAX)
		return false;
	out->user.p = e > p ? p : NULL;
	out->user.n = (size_t)(e - p);
	return true;
}

/* "USER from HOST port N..." where USER is the client's word (spaces and
 * " from " included): the rightmost " from " whose tail parses.  The
 * host has no spaces, so each try costs its token: linear in all. */
static bool
user_from_host(const char *p, const char *end, struct login_rec *out,
	       bool port_optional)
{
	for (const char *q = end; q - p >= 6; ) {
		const char *f = NULL;

		for (const char *r = q - 6; r >= p; r--)
			if (memcmp(r, " from ", 6) == 0) {
				f = r;
				break;
			}
		if (f == NULL)
			break;
		if (host_port(f + 6, end, out) ||
		    (port_optional && token_end(f + 6, end) == end &&
		    f + 6 < end && end - (f + 6) <= RM_LOGIN_HOST_MAX)) {
			if (out->from.p == NULL) {
				out->from.p = f + 6;
				out->from.n = (size_t)(end - (f + 6));
			}
			return set_user(out, p, f);
		}
		out->key_fp.p = NULL;
		out->port = 0;
		q = f + 5;   /* the next try ends before this " from" */
	}
	return false;
}

/* "USER HOST port N[ [preauth]]": the host is the token before the last
 * " port N". */
static bool
user_host(const char *p, const char *end, struct login_rec *out)
{
	const char *q = end, *pe, *hs;

	if (end - p >= 10 && memcmp(end - 10, " [preauth]", 10) == 0)
		q = end - 10;
	pe = q;
	while (pe > p && pe[-1] >= '0' && pe[-1] <= '9')
		pe--;
	if (!parse_port(pe, q, &out->port) || pe - p < 6 ||
	    memcmp(pe - 6, " port ", 6) != 0)
		return false;
	hs = pe - 6;
	while (hs > p && hs[-1] != ' ')
		hs--;
	if (hs == pe - 6 || hs == p || (size_t)(pe - 6 - hs) >
	    RM_LOGIN_HOST_MAX)
		return false;
	out->from.p = hs;
	out->from.n = (size_t)(pe - 6 - hs);
	return set_user(out, p, hs - 1);
}

/* "METHOD for " at p: the method (up to '/': "keyboard-interactive/pam"
 * is "keyboard-interactive"). */
static const char *
method_for(const char *p, const char *end, struct login_rec *out)
{
	const char *e = token_end(p, end), *slash;

	if (e == p || (size_t)(e - p) > LP_METHOD_MAX ||
	    !starts(e, end, " for "))
		return NULL;
	slash = memchr(p, '/', (size_t)(e - p));
	out->method.p = p;
	out->method.n = (size_t)((slash ? slash : e) - p);
	if (out->method.n == 0)
		return NULL;
	return e + 5;
}

static enum lp_result
sshd_msg(const char *p, const char *end, struct login_rec *out)
{
	if (starts(p, end, "Accepted ")) {
		const char *u, *ue;

		out->kind = LOGIN_ACCEPTED;
		if ((u = method_for(p + 9, end, out)) == NULL)
			return LP_CORRUPT;
		/* an account that exists: one word */
		ue = token_end(u, end);
		if (ue == u || !set_user(out, u, ue) ||
		    !starts(ue, end, " from ") || !host_port(ue + 6, end, out))
			return LP_CORRUPT;
		return LP_EVENT;
	}
	if (starts(p, end, "Failed ")) {
		const char *u;

		out->kind = LOGIN_FAILED;
		if ((u = method_for(p + 7, end, out)) == NULL)
			return LP_CORRUPT;
		if (starts(u, end, "invalid user ")) {
			out->invalid_user = true;
			u += 13;
		}
		return user_from_host(u, end, out, false) ? LP_EVENT :
		    LP_CORRUPT;
	}
	if (starts(p, end, "Invalid user ")) {
		out->kind = LOGIN_FAILED;
		out->invalid_user = true;
		return user_from_host(p + 13, end, out, true) ? LP_EVENT :
		    LP_CORRUPT;
	}
	{
		static const struct {
			const char *lit;
			uint8_t kind;
			bool invalid;
		} closed[] = {
			{ "Connection closed by authenticating user ",
			  LOGIN_FAILED, false },
			{ "Connection closed by invalid user ", LOGIN_FAILED,
			  true },
			{ "Disconnected from authenticating user ",
			  LOGIN_FAILED, false },
			{ "Disconnected from invalid user ", LOGIN_FAILED,
			  true },
			{ "Disconnected from user ", LOGIN_LOGOUT, false },
		};

		for (size_t i = 0; i < sizeof(closed) / sizeof(closed[0]);
		    i++)
			if (starts(p, end, closed[i].lit)) {
				out->kind = closed[i].kind;
				out->invalid_user = closed[i].invalid;
				return user_host(p + strlen(closed[i].lit), end,
				    out) ? LP_EVENT : LP_CORRUPT;
			}
	}
	return LP_IGNORED;
}

/* "   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id"
 * or with a refusal first: "alice : user NOT in sudoers ; TTY=..." */
static enum lp_result
sudo_msg(const char *p, const char *end, struct login_rec *out)
{
	const char *u, *ue, *seg;
	bool first = true;

	while (p < end && *p == ' ')
		p++;
	u = p;
	ue = token_end(u, end);
	if (ue == u || !starts(ue, end, " : "))
		return LP_IGNORED;     /* pam_unix(sudo:session): ... */
	if (!set_user(out, u, ue))
		return LP_CORRUPT;
	out->kind = LOGIN_SUDO;
	seg = ue + 3;
	while (seg < end) {
		const char *se = seg;

		if (starts(seg, end, "COMMAND=")) {
			seg += 8;
			out->detail.p = seg;
			out->detail.n = (size_t)(end - seg);
			if (out->detail.n > RM_LOGIN_CMD_MAX)
				out->detail.n = RM_LOGIN_CMD_MAX;
			return LP_EVENT;
		}
		while (se < end && !starts(se, end, " ; "))
			se++;
		if (starts(seg, end, "TTY=")) {
			if (!(se - seg == 11 && memcmp(seg, "TTY=unknown",
			    11) == 0) && se - seg > 4) {
				out->line.p = seg + 4;
				out->line.n = (size_t)(se - seg - 4);
			}
		} else if (starts(seg, end, "USER=")) {
			if ((size_t)(se - seg - 5) > RM_LOGIN_USER_MAX)
				return LP_CORRUPT;
			out->target.p = se - seg > 5 ? seg + 5 : NULL;
			out->target.n = (size_t)(se - seg - 5);
		} else if (first && memchr(seg, '=', (size_t)(se - seg)) ==
		    NULL) {
			out->kind = LOGIN_SUDO_DENIED;
		}
		first = false;
		seg = se < end ? se + 3 : end;
	}
	return LP_IGNORED;             /* no command: not a command line */
}

enum lp_result
loginparse_syslog(const char *line, size_t n, const struct lp_clock *ck,
		  struct login_rec *out)
{
	const char *p = line, *end, *tag, *te, *pid = NULL, *pe = NULL;
	enum lp_result r;
	struct tm tm;
	bool sshd, bsd;

	memset(out, 0, sizeof(*out));
	if (line == NULL)
		return LP_CORRUPT;
	if (n > RM_LOGIN_LINE_MAX)
		n = RM_LOGIN_LINE_MAX;
	end = line + n;
	while (end > p && (end[-1] == '\r' || end[-1] == '\n'))
		end--;
	if (p == end)
		return LP_IGNORED;
	bsd = !(p[0] >= '0' && p[0] <= '9');
	if (!(bsd ? stamp_bsd(&p, end, ck, out, &tm) :
	    stamp_rfc3339(&p, end, out)))
		return LP_CORRUPT;
	/* " host tag[pid]: message" */
	if (p >= end || *p != ' ')
		return LP_CORRUPT;
	p = token_end(p + 1, end);
	if (p >= end || *p != ' ')
		return LP_IGNORED;
	tag = ++p;
	while (p < end && *p != '[' && *p != ':' && *p != ' ')
		p++;
	te = p;
	if (p < end && *p == '[') {
		pid = ++p;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
		pe = p;
		if (p >= end || *p != ']')
			return LP_IGNORED;
		p++;
	}
	if (!starts(p, end, ": "))
		return LP_IGNORED;
	p += 2;
	/* rsyslog's "message repeated 3 times: [ Failed password ...]" */
	if (starts(p, end, "message repeated ")) {
		const char *b = p + 17;

		while (b < end && *b >= '0' && *b <= '9')
			b++;
		if (!starts(b, end, " times: [ ") || end[-1] != ']')
			return LP_IGNORED;
		p = b + 10;
		end--;
	}
	sshd = (te - tag == 4 && memcmp(tag, "sshd", 4) == 0) ||
	    (te - tag == 12 && memcmp(tag, "sshd-session", 12) == 0);
	if (!sshd && !(te - tag == 4 && memcmp(tag, "sudo", 4) == 0))
		return LP_IGNORED;
	if (pid) {
		uint64_t v = 0;

		if (pe == pid || pe - pid > 10)
			return LP_CORRUPT;
		for (const char *q = pid; q < pe; q++)
			v = v * 10 + (uint64_t)(*q - '0');
		if (v > LP_PID_MAX)
			return LP_CORRUPT;
		out->pid = (uint32_t)v;
	}
	r = sshd ? sshd_msg(p, end, out) : sudo_msg(p, end, out);
	if (r == LP_EVENT && bsd && ck->local) {
		time_t t = mktime(&tm);

		if (t == (time_t)-1)
			r = LP_CORRUPT;
		else
			out->time = (int64_t)t;
	}
	if (r != LP_EVENT) {
		int64_t t = out->time;
		int32_t us = out->usec;
		uint8_t tz = out->tz;
		uint32_t pv = out->pid;

		memset(out, 0, sizeof(*out));
		out->time = t;
		out->usec = us;
		out->tz = tz;
		out->pid = pv;
	}
	return r;
}

/* ---- names ------------------------------------------------------------ */

const char *
login_kind_name(uint8_t kind)
{
	static const char *const names[] = { "unknown", "session", "accepted",
		"failed", "logout", "boot", "sudo", "sudo_denied" };

	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] :
	    "unknown";
}

const char *
login_source_name(uint8_t source)
{
	return source == LS_WTMP ? "wtmp" : source == LS_AUTHLOG ? "authlog" :
	    "unknown";
}

const char *
login_tz_name(uint8_t tz)
{
	return tz == LTZ_UTC ? "utc" : tz == LTZ_LOCAL ? "local" :
	    tz == LTZ_ASSUMED_UTC ? "assumed_utc" : "unknown";
}
