/*
 * cron_parse.h - crontab lines and the shell commands they run, as text.
 * Pure: bytes in, facts out; every input is hostile (a crontab planted by
 * an intruder, a Redis dump written into a cron directory).
 *
 * Three formats: a user's crontab (/var/spool/cron/crontabs/USER: five
 * time fields, then the command), a system crontab (/etc/crontab, files
 * in /etc/cron.d: five fields, a user, the command) and anacrontab
 * (period, delay, job id, command).  "@reboot" and the other nicknames
 * stand for the five fields.
 */
#ifndef RM_CRON_PARSE_H
#define RM_CRON_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cron_format { CRON_USER, CRON_SYSTEM, CRON_ANACRON };

enum cron_line_kind {
	CRONL_BLANK,       /* empty or a comment */
	CRONL_ENV,         /* NAME=value */
	CRONL_JOB,
	CRONL_INVALID,     /* what cron would reject (or binary noise) */
};

/* The shortest interval a schedule fires at, in minutes. */
#define CRON_AT_REBOOT 0u        /* @reboot: at every boot */
#define CRON_RARE      (1u << 20) /* at most daily, or unknown */

struct cron_line {
	enum cron_line_kind kind;
	uint32_t interval;         /* minutes, CRON_AT_REBOOT or CRON_RARE */
	const char *sched;         /* the schedule text, in the line */
	size_t schedlen;
	const char *user;          /* system format only */
	size_t userlen;
	const char *cmd;           /* the command, to the end of the line */
	size_t cmdlen;
};

/* Parse one line (without its newline). */
void cronparse_line(const char *line, size_t n, enum cron_format fmt,
		    struct cron_line *out);

/* What a command does, as far as its text tells. */
enum cron_cmd_flag {
	CMD_DOWNLOAD = 1 << 0,     /* curl, wget, fetch, tftp, /dev/tcp/ ... */
	CMD_SHELL_PIPE = 1 << 1,   /* ... | sh, | bash, | python ... */
	CMD_DECODE = 1 << 2,       /* base64 -d, xxd -r, openssl enc -d */
	CMD_WRITABLE = 1 << 3,     /* a path in /tmp, /var/tmp, /dev/shm */
	CMD_HIDDEN = 1 << 4,       /* a path through a dot-directory */
	CMD_EXEC_FETCHED = 1 << 5, /* chmod +x or run what it downloaded */
	CMD_INLINE = 1 << 6,       /* sh -c / python -c / perl -e code */
	CMD_URL = 1 << 7,          /* an http(s)/ftp URL or a bare IP */
};

struct cron_cmd {
	unsigned flags;
	char path[256];            /* the first writable or hidden path */
	char url[256];             /* the first URL or IP:port */
};

/* Look at a command (n bytes, no NUL needed). */
void cronparse_command(const char *cmd, size_t n, struct cron_cmd *out);

/* What a file in a cron directory is. */
enum cron_magic {
	CRONM_TEXT,
	CRONM_REDIS,               /* "REDIS" and 4 digits: an RDB dump */
	CRONM_ELF,                 /* an executable */
	CRONM_BINARY,              /* NUL bytes or mostly non-text */
};
enum cron_magic cronparse_magic(const char *buf, size_t n);

#endif
