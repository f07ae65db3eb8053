/*
 * planted [-c ADDR:PORT] [-t SECS] - a process that is no miner but has a
 * miner's words in its memory: a stratum login request
 * {"method":"login","params":{"login":"4...","agent":"XMRig/6.0"}} with a
 * Monero-shaped address it makes up, held in a heap buffer, as a web
 * server holds a request a scanner sent it, or a security tool its
 * signatures.  It does nothing else: no CPU, no traffic.  With -c it keeps
 * an idle TCP connection to ADDR:PORT open (the tests point it at a "pool
 * port" inside a namespace of their own), so a scanner looks at it.
 *
 * The strings are assembled at run time: the binary itself carries no
 * miner string.  Prints "ready <pid> <address>" and sleeps until SECS
 * (default 60, at most 600) have passed or its parent dies.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* every byte one more than the text it stands for */
static char *
plus1(const char *s)
{
	char *d = strdup(s);

	for (char *p = d; p && *p; p++)
		*p = (char)(*p - 1);
	return d;
}

static int
dial(char *target)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	char *colon = strrchr(target, ':');
	int fd, port;

	if (colon == NULL)
		return -1;
	*colon = '\0';
	port = atoi(colon + 1);
	memset(&ss, 0, sizeof(ss));
	if (strchr(target, ':')) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, target, &s6->sin6_addr) != 1)
			return -1;
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, target, &s4->sin_addr) != 1)
			return -1;
		sl = sizeof(*s4);
	}
	for (int i = 0; i < 100; i++) {
		fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&ss, sl) == 0)
			return fd;
		if (fd >= 0)
			close(fd);
		usleep(100000);
	}
	return -1;
}

int
main(int argc, char **argv)
{
	static const char b58[] =
	    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
	char wallet[96], *target = NULL, *agent, *held;
	struct timespec ts;
	long secs = 60;
	size_t n;
	int opt, fd = -1;

	while ((opt = getopt(argc, argv, "c:t:")) != -1) {
		switch (opt) {
		case 'c': target = optarg; break;
		case 't': secs = strtol(optarg, NULL, 10); break;
		default: secs = -1; break;
		}
	}
	if (secs <= 0 || secs > 600) {
		fprintf(stderr, "usage: planted [-c ADDR:PORT] [-t SECS]\n");
		return 2;
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		return 0;
	clock_gettime(CLOCK_REALTIME, &ts);
	srandom((unsigned)(ts.tv_nsec ^ getpid()));
	wallet[0] = '4';
	wallet[1] = "123456789AB"[random() % 11];
	for (int i = 2; i < 95; i++)
		wallet[i] = b58[random() % (sizeof(b58) - 1)];
	wallet[95] = '\0';
	agent = plus1("YNSjh07/1");                 /* XMRig/6.0 */
	n = 256;
	held = malloc(n);
	if (held == NULL || agent == NULL)
		return 1;
	snprintf(held, n, "{\"method\":\"login\",\"params\":{\"login\":\"%s\","
	    "\"agent\":\"%s\"}}", wallet, agent);
	if (target && (fd = dial(target)) < 0) {
		fprintf(stderr, "planted: cannot connect\n");
		return 1;
	}
	printf("ready %d %s\n", (int)getpid(), wallet);
	fflush(stdout);
	ts.tv_sec = secs;
	ts.tv_nsec = 0;
	while (nanosleep(&ts, &ts) != 0)
		;
	/* keep the buffer and the connection alive to the end */
	return held[0] == '{' && fd != -2 ? 0 : 1;
}
