/*
 * tcp-listen ADDR PORT - listen on ADDR:PORT (IPv4 or IPv6 literal; PORT 0
 * picks a free one), print "ready <pid> <port>" and accept-and-close
 * connections until killed, or for at most 120 s.  Dies with its parent.
 * The e2e tests run it inside `unshare -n` to put a listener in a network
 * namespace of their own; they only ever use loopback addresses.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd, one = 1, port;

	if (argc != 3) {
		fprintf(stderr, "usage: tcp-listen ADDR PORT\n");
		return 2;
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	alarm(120);
	memset(&ss, 0, sizeof(ss));
	port = atoi(argv[2]);
	if (strchr(argv[1], ':')) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, argv[1], &s6->sin6_addr) != 1)
			return 2;
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, argv[1], &s4->sin_addr) != 1)
			return 2;
		sl = sizeof(*s4);
	}
	fd = socket(ss.ss_family, SOCK_STREAM, 0);
	if (fd < 0) {
		perror("tcp-listen: socket");
		return 1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, sl) != 0 || listen(fd, 16) != 0) {
		perror("tcp-listen: bind/listen");
		return 1;
	}
	sl = sizeof(ss);
	getsockname(fd, (struct sockaddr *)&ss, &sl);
	port = ntohs(ss.ss_family == AF_INET6 ?
	    ((struct sockaddr_in6 *)&ss)->sin6_port :
	    ((struct sockaddr_in *)&ss)->sin_port);
	printf("ready %d %d\n", (int)getpid(), port);
	fflush(stdout);
	for (;;) {
		int c = accept(fd, NULL, NULL);

		if (c >= 0)
			close(c);
	}
}
