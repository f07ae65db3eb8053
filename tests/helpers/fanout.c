/*
 * fanout MODE ... - network fan-out stand-ins for the abuse and lateral-
 * movement e2e tests.  Every mode prints "ready <pid> <count>" when set
 * up, then holds its sockets until killed (at most 300 s); it dies with
 * its parent.  It refuses any address outside 127.0.0.0/8 and
 * 10.77.0.0/16: the tests run it inside network namespaces of their own,
 * where those addresses live on lo.
 *
 *   fanout listen PORT...        listen on 0.0.0.0:PORT, accept and hold
 *   fanout connect PORT ADDR...  one TCP connection to each ADDR:PORT
 *   fanout pairs N               N connected TCP pairs on 127.0.0.1 (2N
 *                                sockets in this process; RLIMIT_NOFILE
 *                                raised to 2N+64, or to the hard limit
 *                                when that is not permitted); "ready PID
 *                                SOCKETS PORT"
 *   fanout raw                   a raw IPv4 socket (IPPROTO_TCP) and an
 *                                AF_PACKET socket (ETH_P_ALL); sends
 *                                nothing (needs CAP_NET_RAW)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

static int
addr_ok(const char *s, struct in_addr *a)
{
	uint32_t h;

	if (inet_pton(AF_INET, s, a) != 1)
		return 0;
	h = ntohl(a->s_addr);
	return (h >> 24) == 127 || (h >> 16) == ((10u << 8) | 77u);
}

static void
hold(void)
{
	for (;;)
		pause();
}

static int
do_listen(int argc, char **argv)
{
	struct pollfd pf[16];
	int n = 0, held = 0, one = 1;

	for (int i = 0; i < argc && n < 16; i++) {
		struct sockaddr_in sa = { .sin_family = AF_INET };
		int fd = socket(AF_INET, SOCK_STREAM, 0);

		sa.sin_port = htons((uint16_t)atoi(argv[i]));
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
		    listen(fd, 4096)) {
			perror("listen");
			return 1;
		}
		pf[n].fd = fd;
		pf[n].events = POLLIN;
		n++;
	}
	printf("ready %d %d\n", (int)getpid(), n);
	fflush(stdout);
	for (;;) {
		if (poll(pf, (nfds_t)n, -1) < 0 && errno != EINTR)
			return 1;
		for (int i = 0; i < n; i++)
			if (pf[i].revents & POLLIN) {
				int c = accept(pf[i].fd, NULL, NULL);

				if (c >= 0)
					held++;  /* kept open */
			}
	}
}

static int
do_connect(int argc, char **argv)
{
	int port, ok = 0;

	if (argc < 2)
		return 2;
	port = atoi(argv[0]);
	for (int i = 1; i < argc; i++) {
		struct sockaddr_in sa = { .sin_family = AF_INET };
		int fd;

		if (!addr_ok(argv[i], &sa.sin_addr)) {
			fprintf(stderr, "fanout: refusing %s\n", argv[i]);
			return 2;
		}
		sa.sin_port = htons((uint16_t)port);
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0 || connect(fd, (struct sockaddr *)&sa,
		    sizeof(sa)) != 0) {
			fprintf(stderr, "fanout: connect %s:%d: %s\n", argv[i],
			    port, strerror(errno));
			continue;
		}
		ok++;
	}
	printf("ready %d %d\n", (int)getpid(), ok);
	fflush(stdout);
	hold();
	return 0;
}

static int
do_pairs(long n)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t sl = sizeof(sa);
	struct rlimit rl;
	int lfd;
	long made = 0;

	/* room for 2N fds: root may raise the hard limit, others get it */
	rl.rlim_cur = rl.rlim_max = (rlim_t)n * 2 + 64;
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0 &&
	    getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(lfd, 4096) || getsockname(lfd, (struct sockaddr *)&sa,
	    &sl)) {
		perror("pairs listen");
		return 1;
	}
	for (; made < n; made++) {
		int c = socket(AF_INET, SOCK_STREAM, 0), a;

		if (c < 0 || connect(c, (struct sockaddr *)&sa, sizeof(sa))) {
			fprintf(stderr, "fanout: pair %ld: %s\n", made,
			    strerror(errno));
			break;
		}
		if ((a = accept(lfd, NULL, NULL)) < 0) {
			fprintf(stderr, "fanout: accept %ld: %s\n", made,
			    strerror(errno));
			break;
		}
	}
	printf("ready %d %ld %d\n", (int)getpid(), made * 2,
	    (int)ntohs(sa.sin_port));
	fflush(stdout);
	hold();
	return 0;
}

static int
do_raw(void)
{
	int r = socket(AF_INET, SOCK_RAW, IPPROTO_TCP);
	int p = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));

	if (r < 0 || p < 0) {
		perror("fanout: raw socket");
		return 1;
	}
	printf("ready %d 2\n", (int)getpid());
	fflush(stdout);
	hold();
	return 0;
}

int
main(int argc, char **argv)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	alarm(300);
	if (argc >= 3 && strcmp(argv[1], "listen") == 0)
		return do_listen(argc - 2, argv + 2);
	if (argc >= 4 && strcmp(argv[1], "connect") == 0)
		return do_connect(argc - 2, argv + 2);
	if (argc == 3 && strcmp(argv[1], "pairs") == 0)
		return do_pairs(strtol(argv[2], NULL, 10));
	if (argc == 2 && strcmp(argv[1], "raw") == 0)
		return do_raw();
	fprintf(stderr, "usage: fanout listen PORT... | connect PORT ADDR... "
	    "| pairs N | raw\n");
	return 2;
}
