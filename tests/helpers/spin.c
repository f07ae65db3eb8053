/*
 * spin [SECS] - burn one CPU in user space, like a miner, for at most SECS
 * seconds (default 20, never more than 120), then exit by itself.  Prints
 * "ready <pid>" first.  Dies with its parent (PR_SET_PDEATHSIG).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	long secs = argc > 1 ? strtol(argv[1], NULL, 10) : 20;
	volatile unsigned long x = 0;
	struct timespec t0, now;

	if (secs <= 0 || secs > 120)
		secs = 20;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		return 0;
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		for (int i = 0; i < 1000000; i++)
			x = x * 6364136223846793005ul + 1442695040888963407ul;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - t0.tv_sec >= secs)
			break;
	}
	return 0;
}
