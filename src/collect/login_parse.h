/*
 * login_parse.h - login records as bytes: wtmp's fixed-size binary
 * records and the sshd and sudo lines of a syslog text file (auth.log,
 * secure).  Pure: bytes in, one record out; every input is hostile (a
 * log an intruder could write to, an image's owner).
 *
 * wtmp is parsed with a fixed layout, the struct utmp of glibc on x86-64
 * (and every 64-bit glibc target with 32-bit ut_tv), never through
 * <utmp.h>, so a scan reads an image the same on any build host:
 *
 *   0 ut_type int32    4 ut_pid int32    8 ut_line[32]    40 ut_id[4]
 *  44 ut_user[32]     76 ut_host[256]  332 ut_exit       336 ut_session
 * 340 ut_tv.tv_sec int32  344 ut_tv.tv_usec int32  348 ut_addr_v6[4]
 *
 * The char arrays need not end in NUL (they are read up to the first NUL
 * or their end).  Syslog lines carry no year: the caller supplies the
 * year and month of the file's modification time, and a line of a later
 * month is taken to be of the year before.
 */
#ifndef RM_LOGIN_PARSE_H
#define RM_LOGIN_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/facts.h"

#define WTMP_REC_SIZE 384
#define WTMP_OFF_TYPE 0
#define WTMP_OFF_PID 4
#define WTMP_OFF_LINE 8
#define WTMP_LINE_LEN 32
#define WTMP_OFF_ID 40
#define WTMP_OFF_USER 44
#define WTMP_USER_LEN 32
#define WTMP_OFF_HOST 76
#define WTMP_HOST_LEN 256
#define WTMP_OFF_EXIT 332
#define WTMP_OFF_SESSION 336
#define WTMP_OFF_TV_SEC 340
#define WTMP_OFF_TV_USEC 344
#define WTMP_OFF_ADDR 348

/* ut_type values (as <utmp.h> numbers them) */
#define WTMP_BOOT_TIME 2
#define WTMP_USER_PROCESS 7
#define WTMP_DEAD_PROCESS 8
#define WTMP_TYPE_MAX 9           /* ACCOUNTING */

#define LP_PID_MAX 4194304u       /* the kernel's PID_MAX_LIMIT */

enum lp_result {
	LP_EVENT,          /* out holds a login record */
	LP_IGNORED,        /* a valid record or line of no interest */
	LP_CORRUPT,        /* malformed: skip it and count it */
};

/* A piece of the input (or of rec.addr): not NUL-terminated. */
struct lp_str {
	const char *p;     /* NULL: absent */
	size_t n;
};

struct login_rec {
	int64_t time;      /* UTC seconds */
	int32_t usec;
	uint32_t pid;
	uint16_t port;
	uint8_t kind;      /* enum login_kind */
	uint8_t tz;        /* enum login_tz */
	bool invalid_user;
	struct lp_str user, from, line, method, key_fp, target, detail;
	char addr[48];     /* wtmp: ut_addr_v6 as text when ut_host is
			    * empty; rec.from may point here, so copy the
			    * strings out before the rec is moved */
};

/* One wtmp record: rec points to n bytes (a record is WTMP_REC_SIZE; a
 * shorter one is LP_CORRUPT).  USER_PROCESS, DEAD_PROCESS and BOOT_TIME
 * are events; the other valid types are LP_IGNORED.  A type outside
 * 0..WTMP_TYPE_MAX, a negative time or pid, a pid above LP_PID_MAX or
 * microseconds outside 0..999999 are LP_CORRUPT. */
enum lp_result loginparse_wtmp(const unsigned char *rec, size_t n,
			       struct login_rec *out);

/* How a syslog line's time is read. */
struct lp_clock {
	int year;          /* of the file's mtime (in the zone below) */
	int mon;           /* 1..12, of the file's mtime */
	bool local;        /* "Mmm dd hh:mm:ss" is the local zone
			    * (mktime); else UTC (timegm) */
	uint8_t tz;        /* what to record for such a stamp (enum
			    * login_tz): LTZ_LOCAL or LTZ_ASSUMED_UTC */
};

/* The year rule: year of a line of month mon (1..12) in a file whose
 * mtime is in ck's year and month. */
int loginparse_year(const struct lp_clock *ck, int mon);

/* One syslog line (n bytes, no newline needed, only the first
 * RM_LOGIN_LINE_MAX looked at) in the traditional form "Nov 28 04:12:33
 * host sshd[1234]: ..." or RFC 3339 "2026-11-28T04:12:33.123456+00:00
 * host sshd[1234]: ...".  sshd (and sshd-session) lines: Accepted,
 * Failed, Invalid user, Connection closed by authenticating/invalid
 * user, Disconnected from user; sudo command lines.  A line whose stamp
 * does not parse is LP_CORRUPT; a known message with a malformed or
 * oversized field is LP_CORRUPT; any other line is LP_IGNORED. */
enum lp_result loginparse_syslog(const char *line, size_t n,
				 const struct lp_clock *ck,
				 struct login_rec *out);

/* "SHA256:" and 43 base64 characters. */
bool loginparse_is_fp(const char *p, size_t n);

/* Static names for the enums ("session", "wtmp", "utc"); never NULL. */
const char *login_kind_name(uint8_t kind);
const char *login_source_name(uint8_t source);
const char *login_tz_name(uint8_t tz);

#endif
