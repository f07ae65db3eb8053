/*
 * cmd.h - subcommands, one file each, listed in main.c's cmd_table[]
 * (tmux's cmd_entry pattern).  exec returns the process exit status:
 * 0 nothing at or above --fail-on, 1 something was, 2 usage or runtime
 * error.
 */
#ifndef RM_CMD_H
#define RM_CMD_H

#include <stdio.h>

#define EXIT_CLEAN 0
#define EXIT_FOUND 1
#define EXIT_ERROR 2

struct cmd_entry {
	const char *name;
	const char *summary;
	void (*usage)(FILE *f);
	int (*exec)(int argc, char **argv);
};

extern const struct cmd_entry cmd_scan_entry;
extern const struct cmd_entry cmd_rules_entry;
extern const struct cmd_entry cmd_yara_entry;

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct snapshot;
struct findings;
struct yara_ruleset;
struct yara_scan_opts;

/* "64M", "512k", "1G" or bytes; false unless 1 .. 2^34-ish. */
bool cmd_parse_size(const char *s, uint64_t *out);
/* Load the YARA rules (built-ins when builtin) into rs, the load notes
 * into s's skipped list and the counts into s->yara.  rm_err and a
 * message when a named path cannot be read. */
int cmd_yara_load(struct snapshot *s, struct yara_ruleset *rs, bool builtin,
		  const char *const *paths, size_t npaths, bool cache);
/* scan's YARA step, after its detectors: executables, the memory of the
 * processes fs flags (and odd-place images), the default file targets;
 * then RM-YAR-001/002 into fs. */
void cmd_yara_scan_host(struct snapshot *s, struct findings *fs,
			const struct yara_scan_opts *yo, const char *procfs,
			const char *const *paths, size_t npaths, bool cache,
			bool memory);

/* "rookmelder: " + message on stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * --output FILE.  The report is written to a new temporary file (mode 0600:
 * reports can say where secrets are) in FILE's directory and renamed over
 * FILE only when it is complete, so a failed run never leaves a truncated
 * report, and cron jobs never read half of one.  An existing FILE that is
 * a symbolic link, FIFO or anything but a regular file is refused.
 * "-" or NULL means stdout.
 */
struct cmd_out {
	FILE *f;
	char *path;   /* final name, or NULL for stdout */
	char *tmp;    /* temporary name while writing */
};

/* Returns 0, or -1 with a message printed. */
int cmd_out_open(struct cmd_out *o, const char *path);
/* Flush and, if ok, move into place.  Returns 0 or -1 (printed). */
int cmd_out_close(struct cmd_out *o, int ok);

#endif
