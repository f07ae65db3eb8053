/*
 * sigscan [-t SECS] - a security scanner at work: it carries a table of
 * cryptominer signatures in its binary (stratum method names, pool URL
 * schemes, XMRig's option and host names, as rookmelder itself, its fuzz
 * targets, YARA rule sets and antivirus engines do) and burns one core
 * matching them against pseudo-random data.  Nothing in it mines or talks
 * to anyone.  Prints "ready <pid>", exits after SECS (default 60, at most
 * 600) or with its parent.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

static const char *const signatures[] = {
	"stratum+tcp://", "stratum+ssl://", "mining.subscribe",
	"mining.authorize", "mining.notify", "mining.submit",
	"mining.set_difficulty", "donate.v2.xmrig.com", "donate.ssl.xmrig.com",
	"--donate-level", "--randomx-1gb-pages", "--randomx-wrmsr",
	"\"donate-level\"", "\"max-threads-hint\"", "XMRig/", "cpuminer",
	"minerd", "xmr-stak", "cryptonight", "randomx",
};
#define NSIG_ (sizeof(signatures) / sizeof(signatures[0]))

int
main(int argc, char **argv)
{
	static char buf[1 << 16];
	unsigned long x = 88172645463325252ul, hits = 0;
	struct timespec t0, t;
	long secs = 60;
	int opt;

	while ((opt = getopt(argc, argv, "t:")) != -1)
		secs = opt == 't' ? strtol(optarg, NULL, 10) : -1;
	if (secs <= 0 || secs > 600) {
		fprintf(stderr, "usage: sigscan [-t SECS]\n");
		return 2;
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		return 0;
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		for (size_t i = 0; i < sizeof(buf); i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[i] = (char)(x & 0x7f);
		}
		for (size_t k = 0; k < NSIG_; k++)
			if (memmem(buf, sizeof(buf), signatures[k],
			    strlen(signatures[k])))
				hits++;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec >= secs)
			break;
	}
	return hits == 12345 ? 1 : 0;
}
