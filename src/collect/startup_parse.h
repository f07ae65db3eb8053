/*
 * startup_parse.h - start-up files as text: systemd unit files, udev rule
 * lines, environment assignments and the shell commands they run.
 * Pure: bytes in, facts out; every input is hostile (a unit, a udev rule
 * or a profile.d script planted by an intruder).
 *
 * The command reading is cron's (cronparse_command in cron_parse.h:
 * download-and-run, decode pipelines, programs in writable or hidden
 * directories); startup_cmd adds what matters in start-up files: a program
 * run and deleted by the same line (k4spreader's and Hadooken's "copy,
 * run the copy, delete it"), the absolute programs it runs (for package
 * ownership), and environment tricks (LD_PRELOAD, a PATH through /tmp,
 * shell history switched off).
 */
#ifndef RM_STARTUP_PARSE_H
#define RM_STARTUP_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cron_parse.h"

/* What startup_cmd and startup_env add to cron's flags. */
enum startup_flag {
	SCMD_RUN_DELETE = 1 << 0,   /* runs a program the same line deletes */
	SCMD_LD_PRELOAD = 1 << 1,   /* sets LD_PRELOAD or LD_AUDIT */
	SCMD_PATH_WRITABLE = 1 << 2, /* PATH with /tmp, /var/tmp, /dev/shm, . */
	SCMD_HISTORY_OFF = 1 << 3,  /* HISTFILE=/dev/null, unset HISTFILE ... */
	SCMD_BACKGROUND = 1 << 4,   /* starts something in the background (&) */
	SCMD_PROG_UNOWNED = 1 << 5, /* set by the collector: a program in a
				     * system directory no package owns */
};

#define STARTUP_PROGS 4

struct startup_cmd {
	struct cron_cmd cron;       /* cronparse_command's reading */
	unsigned flags;             /* enum startup_flag */
	char lib[256];              /* the LD_PRELOAD value (first library) */
	char progs[STARTUP_PROGS][256];  /* absolute programs run, in order */
	unsigned nprogs;
	/* the names of the programs it runs (absolute or ./x) and of the
	 * files it removes (rm operands), basenames: a script's later line
	 * that removes what an earlier one ran is "run and deleted" too */
	char runs[STARTUP_PROGS][128];
	unsigned nruns;
	char rms[STARTUP_PROGS][128];
	unsigned nrms;
	char deleted[128];          /* SCMD_RUN_DELETE: the name run and removed */
};

/* The name in runs[0..nruns) (what earlier lines ran) that c removes, or
 * NULL. */
const char *startup_ran_deleted(char runs[][128], unsigned nruns,
				const struct startup_cmd *c);

/* Look at a shell command or script line (n bytes, no NUL needed). */
void startup_cmd(const char *cmd, size_t n, struct startup_cmd *out);

/* Environment tricks only (an /etc/environment line, a unit's
 * Environment= value): LD_PRELOAD/LD_AUDIT, PATH, history.  Sets
 * out->flags and out->lib; leaves the rest alone. */
void startup_env(const char *s, size_t n, struct startup_cmd *out);

/*
 * Call cb for every command line of a shell script or rules file (buf, n
 * bytes): blank lines and comments are skipped, a line ending in a
 * backslash continues on the next (joined with a space, up to
 * STARTUP_ITEM_MAX bytes; line is where it starts), and the body of a
 * here-document is skipped unless it feeds an interpreter (cat >FILE
 * <<EOF writes data; bash <<EOF runs code).  A cb returning non-zero
 * stops.  text is NUL-terminated (a NUL byte ends it).
 */
typedef int shell_line_fn(uint32_t line, const char *text, size_t len,
			  void *arg);
void startup_shell_lines(const char *buf, size_t n, shell_line_fn *cb,
			 void *arg);

/* ---- systemd unit files ---------------------------------------------------- */

enum unit_key {
	UK_OTHER,
	UK_EXEC,                    /* ExecStart*, ExecStop*, ExecReload,
				     * ExecCondition: a command */
	UK_RESTART,                 /* Restart= */
	UK_WORKDIR,                 /* WorkingDirectory= */
	UK_ENV,                     /* Environment= */
	UK_ENVFILE,                 /* EnvironmentFile= */
	UK_TIMER,                   /* [Timer] OnCalendar= / On*Sec= */
	UK_USER,                    /* User= */
};

struct unit_item {
	uint32_t line;              /* 1-based line where the item starts */
	const char *section;        /* "Service", NUL-terminated, <= 63 */
	const char *key;            /* "ExecStart", NUL-terminated */
	enum unit_key kind;
	const char *value;          /* NUL-terminated; Exec prefixes (@-:+!)
				     * stripped; continuation lines joined */
	size_t valuelen;
	bool truncated;             /* longer than the item buffer */
};

/*
 * Call cb for every key=value item of a unit file (buf, n bytes), in
 * order.  Comments (# ;), blank lines and section headers are not items;
 * a line ending in a backslash continues on the next (systemd's rule),
 * up to STARTUP_ITEM_MAX bytes.  A cb returning non-zero stops.  Returns
 * the number of lines that are neither items, comments nor sections
 * (what systemd would reject).
 */
#define STARTUP_ITEM_MAX 4096
typedef int unit_item_fn(const struct unit_item *it, void *arg);
uint32_t startup_unit_parse(const char *buf, size_t n, unit_item_fn *cb,
			    void *arg);

/* ---- udev rules --------------------------------------------------------------- */

#define UDEV_CMDS_MAX 4

/* The programs a rule line runs: RUN+=, RUN=, RUN{program}+=, PROGRAM=,
 * IMPORT{program}=.  Pointers into the line (the value between quotes). */
struct udev_line {
	unsigned ncmds;
	const char *cmd[UDEV_CMDS_MAX];
	size_t cmdlen[UDEV_CMDS_MAX];
	const char *key[UDEV_CMDS_MAX];  /* "RUN", "PROGRAM", "IMPORT" */
	bool builtin[UDEV_CMDS_MAX];     /* RUN{builtin}: no program */
};
void startup_udev_line(const char *line, size_t n, struct udev_line *out);

#endif
