/*
 * threads N [SECS] - a process with N extra threads that sleep; prints
 * "ready <pid> <tid>..." and lives SECS seconds (default 60), or until
 * its parent dies.  Thread ids answer kill(tid, 0) but are not listed in
 * /proc: the hidden-process probe must not take them for hidden
 * processes (tests/e2e/35-hidden-process.sh).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long started;
static pid_t tids[64];

static void *
run(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	tids[started++] = (pid_t)syscall(SYS_gettid);
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	for (;;)
		pause();
	return NULL;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 4;
	long secs = argc > 2 ? strtol(argv[2], NULL, 10) : 60;

	if (n < 1 || n > 64 || secs < 1) {
		fprintf(stderr, "usage: threads N(1-64) [SECS]\n");
		return 2;
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	for (long i = 0; i < n; i++) {
		pthread_t t;

		if (pthread_create(&t, NULL, run, NULL) != 0)
			return 1;
	}
	pthread_mutex_lock(&lock);
	while (started < n)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	printf("ready %d", (int)getpid());
	for (long i = 0; i < n; i++)
		printf(" %d", (int)tids[i]);
	printf("\n");
	fflush(stdout);
	sleep((unsigned)secs);
	return 0;
}
