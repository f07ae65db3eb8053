/*
 * sleeper [-n COMM] [-0 ARGV0] [-t SECS] [--] [ARG...] - a benign stand-in
 * for a disguised payload.  It sets its kernel task name (comm) with
 * prctl(PR_SET_NAME), optionally overwrites its whole argv area in place
 * with ARGV0 (as malware does to look like "[kworker/0:1]" in ps), prints
 * "ready <pid>" on stdout and sleeps SECS seconds (default 60).  ARGs are
 * ignored: they only make the command line long or strange.  It dies with
 * its parent (PR_SET_PDEATHSIG), so nothing outlives a killed test.
 * Used by the e2e tests (kernel-thread masquerade, hostile names, a
 * command line of megabytes).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: sleeper [-n COMM] [-0 ARGV0] [-t SECS] "
	    "[--] [ARG...]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *comm = NULL, *argv0 = NULL;
	struct timespec ts;
	long secs = 60;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (argv[i][0] != '-')
			break;
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "-n") == 0)
			comm = argv[++i];
		else if (strcmp(argv[i], "-0") == 0)
			argv0 = argv[++i];
		else if (strcmp(argv[i], "-t") == 0)
			secs = strtol(argv[++i], NULL, 10);
		else
			usage();
	}
	if (secs <= 0 || secs > 3600)
		usage();
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		return 0;
	if (comm != NULL && prctl(PR_SET_NAME, comm) != 0) {
		perror("sleeper: prctl(PR_SET_NAME)");
		return 1;
	}
	if (argv0 != NULL) {
		/* argv strings are contiguous: [argv[0], end of the last) */
		char *start = argv[0];
		char *end = argv[argc - 1] + strlen(argv[argc - 1]) + 1;
		size_t room = (size_t)(end - start), n = strlen(argv0);
		char *copy = strdup(argv0);

		if (copy == NULL)
			return 1;
		if (n >= room)
			n = room - 1;
		memset(start, 0, room);
		memcpy(start, copy, n);
		free(copy);
	}
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	ts.tv_sec = secs;
	ts.tv_nsec = 0;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	return 0;
}
