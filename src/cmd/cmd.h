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

/* "rookmelder: " + message on stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Open --output FILE for writing without following a planted link, mode
 * 0600 (reports can name secrets' locations).  NULL on error (printed). */
FILE *cmd_open_output(const char *path);

#endif
