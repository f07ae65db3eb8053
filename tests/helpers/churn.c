/*
 * churn [SECS] - make processes come and go as fast as possible, so a
 * scanner sees pids vanish between listing /proc and reading them, and pids
 * reused.  Forks children that live 0-2 ms (some exec /bin/true), keeps up
 * to 32 alive, reaps them, for at most SECS seconds (default 30, at most
 * 120) or until SIGTERM/SIGINT/SIGHUP.  Prints "ready <pid>" first.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
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
	long secs = argc > 1 ? strtol(argv[1], NULL, 10) : 30;
	struct sigaction sa = { 0 };
	struct timespec t0, now;
	unsigned long forks = 0;
	int alive = 0;

	if (secs <= 0 || secs > 120)
		secs = 30;
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		return 0;
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!stop) {
		pid_t p;

		while (alive > 0 && waitpid(-1, NULL, alive >= 32 ? 0 :
		    WNOHANG) > 0)
			alive--;
		p = fork();
		if (p == 0) {
			struct timespec ts = { 0, (long)(forks % 2000) * 1000 };

			prctl(PR_SET_PDEATHSIG, SIGKILL);
			nanosleep(&ts, NULL);
			if (forks % 7 == 0)
				execl("/bin/true", "true", (char *)NULL);
			_exit(0);
		}
		if (p > 0) {
			alive++;
			forks++;
		} else if (errno != EAGAIN) {
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - t0.tv_sec >= secs)
			break;
	}
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return 0;
}
