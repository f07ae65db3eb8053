/*
 * spawn-sleepers N - start N child processes that sleep in pause(), print
 * "ready <pid-of-parent>" on stdout, then wait.  On EOF of stdin or on
 * SIGTERM/SIGINT/SIGHUP the parent kills every child with SIGKILL, reaps
 * them and exits 0.  Children also die with the parent (PR_SET_PDEATHSIG),
 * so nothing outlives a killed test.  Used by the e2e tests (10,000
 * processes) and by bench/ (100, 1,000, 10,000 processes).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	pid_t *kids;
	long n;
	char c;

	if (argc != 2 || (n = strtol(argv[1], NULL, 10)) < 0 || n > 1000000) {
		fprintf(stderr, "usage: spawn-sleepers N\n");
		return 2;
	}
	kids = calloc((size_t)n + 1, sizeof(*kids));
	if (kids == NULL)
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	for (long i = 0; i < n && !stop; i++) {
		pid_t p = fork();

		if (p < 0) {
			fprintf(stderr, "spawn-sleepers: fork %ld: %s\n", i,
			    strerror(errno));
			n = i;
			stop = 1;
			break;
		}
		if (p == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() == 1)
				_exit(0);
			for (;;)
				pause();
		}
		kids[i] = p;
	}
	if (!stop) {
		printf("ready %d\n", (int)getpid());
		fflush(stdout);
		while (!stop && read(0, &c, 1) > 0)
			;
	}
	for (long i = 0; i < n; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGKILL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	free(kids);
	return 0;
}
