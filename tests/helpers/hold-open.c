/*
 * hold-open FILE... - open every FILE read-only, print "ready <pid>" and
 * sleep with them open (at most 120 s; dies with its parent).  A stand-in
 * for a tool caught reading credential files (cat, tar, a stealer), so the
 * scanner sees the files among the process's descriptors.  It reads
 * nothing.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	alarm(120);
	for (int i = 1; i < argc; i++)
		if (open(argv[i], O_RDONLY) < 0) {
			perror(argv[i]);
			return 1;
		}
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	for (;;)
		pause();
}
