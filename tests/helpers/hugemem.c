/*
 * hugemem -m MIB [-b] [-t SECS] - a database's memory habits: it maps MIB
 * MiB of explicit huge pages (mmap MAP_SHARED|MAP_ANONYMOUS|MAP_HUGETLB,
 * as PostgreSQL does with huge_pages=on), touches every page so they are
 * really held (HugetlbPages in /proc/PID/status), prints "ready <pid>
 * <MiB>" and sleeps; with -b it also keeps one core busy, as a database
 * answering a heavy query does.  Exits after SECS (default 60, at most
 * 600) or with its parent.  The huge pages must have been reserved
 * (vm.nr_hugepages) by the caller; without them it fails with ENOMEM.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	long mib = 0, secs = 60;
	int opt, burn = 0;
	size_t len;
	char *p;
	struct timespec t0, t;
	volatile unsigned long x = 1;

	while ((opt = getopt(argc, argv, "m:t:b")) != -1) {
		switch (opt) {
		case 'm': mib = strtol(optarg, NULL, 10); break;
		case 't': secs = strtol(optarg, NULL, 10); break;
		case 'b': burn = 1; break;
		default: mib = 0; break;
		}
	}
	if (mib <= 0 || mib > 65536 || secs <= 0 || secs > 600) {
		fprintf(stderr, "usage: hugemem -m MIB [-b] [-t SECS]\n");
		return 2;
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		return 0;
	len = (size_t)mib << 20;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	if (p == MAP_FAILED) {
		fprintf(stderr, "hugemem: mmap %ld MiB of huge pages: %s\n",
		    mib, strerror(errno));
		return 1;
	}
	for (size_t off = 0; off < len; off += 4096)
		p[off] = (char)off;
	printf("ready %d %ld\n", (int)getpid(), mib);
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec >= secs)
			break;
		if (burn)
			for (int i = 0; i < 1000000; i++)
				x = x * 6364136223846793005ul +
				    (unsigned char)p[i & 4095];
		else
			sleep(1);
	}
	return 0;
}
