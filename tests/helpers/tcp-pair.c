/*
 * tcp-pair ADDR - one established loopback TCP connection whose two ends
 * live in two processes: the parent holds the client end, a forked child
 * the accepted (server) end.  The client sends 1000 bytes and the server
 * 2000, each reads the other's, then the parent prints
 * "ready <parent-pid> <child-pid> <server-port> <client-port>" and both
 * wait until killed (at most 120 s).  Both die with their parent.  ADDR is
 * 127.0.0.1 or ::1: the e2e tests never talk to anything else.
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

static int
xfer(int fd, size_t nsend, size_t nrecv)
{
	char buf[4096];

	memset(buf, 'x', sizeof(buf));
	while (nsend > 0) {
		ssize_t w = send(fd, buf, nsend < sizeof(buf) ? nsend :
		    sizeof(buf), 0);

		if (w <= 0)
			return -1;
		nsend -= (size_t)w;
	}
	while (nrecv > 0) {
		ssize_t r = recv(fd, buf, nrecv < sizeof(buf) ? nrecv :
		    sizeof(buf), 0);

		if (r <= 0)
			return -1;
		nrecv -= (size_t)r;
	}
	return 0;
}

static int
port_of(int fd, int peer)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);

	if ((peer ? getpeername(fd, (struct sockaddr *)&ss, &sl) :
	    getsockname(fd, (struct sockaddr *)&ss, &sl)) != 0)
		return -1;
	return ntohs(ss.ss_family == AF_INET6 ?
	    ((struct sockaddr_in6 *)&ss)->sin6_port :
	    ((struct sockaddr_in *)&ss)->sin_port);
}

int
main(int argc, char **argv)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int lfd, cfd, sfd, pfd[2];
	pid_t child;
	char c;

	if (argc != 2) {
		fprintf(stderr, "usage: tcp-pair ADDR\n");
		return 2;
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	alarm(120);
	memset(&ss, 0, sizeof(ss));
	if (strchr(argv[1], ':')) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		if (inet_pton(AF_INET6, argv[1], &s6->sin6_addr) != 1)
			return 2;
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		if (inet_pton(AF_INET, argv[1], &s4->sin_addr) != 1)
			return 2;
		sl = sizeof(*s4);
	}
	lfd = socket(ss.ss_family, SOCK_STREAM, 0);
	cfd = socket(ss.ss_family, SOCK_STREAM, 0);
	if (lfd < 0 || cfd < 0 || bind(lfd, (struct sockaddr *)&ss, sl) != 0 ||
	    listen(lfd, 1) != 0) {
		perror("tcp-pair: listen");
		return 1;
	}
	sl = sizeof(ss);
	getsockname(lfd, (struct sockaddr *)&ss, &sl);
	if (connect(cfd, (struct sockaddr *)&ss, sl) != 0 ||
	    (sfd = accept(lfd, NULL, NULL)) < 0) {
		perror("tcp-pair: connect/accept");
		return 1;
	}
	close(lfd);
	if (pipe(pfd) != 0)
		return 1;
	child = fork();
	if (child < 0)
		return 1;
	if (child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(cfd);
		if (xfer(sfd, 2000, 1000) != 0)
			_exit(1);
		c = 'k';
		if (write(pfd[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(sfd);
	if (xfer(cfd, 1000, 2000) != 0 || read(pfd[0], &c, 1) != 1) {
		kill(child, SIGKILL);
		fprintf(stderr, "tcp-pair: transfer failed\n");
		return 1;
	}
	printf("ready %d %d %d %d\n", (int)getpid(), (int)child,
	    port_of(cfd, 1), port_of(cfd, 0));
	fflush(stdout);
	for (;;)
		pause();
}
