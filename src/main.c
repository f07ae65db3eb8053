/*
 * main.c - rookmelder: find the miner, then the fire behind it.
 * argv -> cmd_table[]; nothing else lives here.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

#ifndef RM_VERSION
#define RM_VERSION "0.0.0"
#endif

static const struct cmd_entry *const cmd_table[] = {
	&cmd_scan_entry,
	&cmd_rules_entry,
	&cmd_yara_entry,
	NULL,
};

static void
usage(FILE *f)
{
	fputs("usage: rookmelder COMMAND [options]\n"
	    "       rookmelder help COMMAND | --version\n\n"
	    "Commands:\n", f);
	for (const struct cmd_entry *const *c = cmd_table; *c; c++)
		fprintf(f, "  %-8s %s\n", (*c)->name, (*c)->summary);
	fputs("\n`rookmelder COMMAND --help` describes each command's "
	    "options.\n", f);
}

static const struct cmd_entry *
find_cmd(const char *name)
{
	for (const struct cmd_entry *const *c = cmd_table; *c; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

int
main(int argc, char **argv)
{
	const struct cmd_entry *c;

	if (argc < 2) {
		usage(stderr);
		return EXIT_ERROR;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("rookmelder %s\n", RM_VERSION);
		return EXIT_CLEAN;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc > 2 && (c = find_cmd(argv[2])) != NULL) {
			c->usage(stdout);
			return EXIT_CLEAN;
		}
		usage(argc > 2 ? stderr : stdout);
		return argc > 2 ? EXIT_ERROR : EXIT_CLEAN;
	}
	if ((c = find_cmd(argv[1])) == NULL) {
		cmd_error("unknown command '%s'", argv[1]);
		usage(stderr);
		return EXIT_ERROR;
	}
	return c->exec(argc - 1, argv + 1);
}
