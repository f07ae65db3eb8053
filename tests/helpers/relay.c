/*
 * relay - the shapes of access-resale processes, for the e2e tests (run
 * inside a network namespace of the test's own; addresses are given by the
 * test and are never outside it).
 *
 *   relay hold IP PORT
 *       listen on IP:PORT, accept connections and keep them open (a peer
 *       that does not hang up); prints "ready <pid> <port>".
 *   relay proxy LIP LPORT PIP PPORT
 *       a relay's sockets: listen on LIP:LPORT and hold one connection to
 *       PIP:PPORT; prints "ready <pid> <local-port-of-the-connection>".
 *   relay get PIP PPORT
 *       connect to PIP:PPORT, send one HTTP request and wait (a client
 *       whose request a reverse proxy is still forwarding).
 *   relay pipe PIP PPORT
 *       netcat's client: connect to PIP:PPORT and copy stdin to the socket
 *       and the socket to stdout (the nc of a mkfifo reverse shell); prints
 *       "ready <pid>" on stderr (its stdout belongs to the pipeline).
 *   relay shell PIP PPORT
 *       a reverse shell's shape: connect to PIP:PPORT, print "ready <pid>",
 *       make the socket fds 0, 1 and 2 and exec /bin/sh -c 'sleep 60; true'
 *       (the shell stays the process: it has work after the sleep).
 *
 * Everything dies with its parent and after at most 120 s.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

static int
addr(const char *ip, const char *port, struct sockaddr_storage *ss,
     socklen_t *sl)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
	int p = atoi(port);

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, ip, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)p);
		*sl = sizeof(*a4);
		return AF_INET;
	}
	if (inet_pton(AF_INET6, ip, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)p);
		*sl = sizeof(*a6);
		return AF_INET6;
	}
	fprintf(stderr, "relay: bad address %s\n", ip);
	exit(2);
}

static int
listen_on(const char *ip, const char *port)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fam = addr(ip, port, &ss, &sl), one = 1;
	int fd = socket(fam, SOCK_STREAM, 0);

	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
	    sizeof(one)) != 0 || bind(fd, (struct sockaddr *)&ss, sl) != 0 ||
	    listen(fd, 16) != 0) {
		perror("relay: listen");
		exit(1);
	}
	return fd;
}

static int
connect_to(const char *ip, const char *port)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fam = addr(ip, port, &ss, &sl);
	int fd = socket(fam, SOCK_STREAM, 0);

	if (fd < 0 || connect(fd, (struct sockaddr *)&ss, sl) != 0) {
		perror("relay: connect");
		exit(1);
	}
	return fd;
}

static int
port_of(int fd)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &sl) != 0)
		return -1;
	return ntohs(ss.ss_family == AF_INET6 ?
	    ((struct sockaddr_in6 *)&ss)->sin6_port :
	    ((struct sockaddr_in *)&ss)->sin_port);
}

int
main(int argc, char **argv)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	alarm(120);
	if (argc == 4 && strcmp(argv[1], "hold") == 0) {
		int l = listen_on(argv[2], argv[3]);
		int n = 0;

		printf("ready %d %d\n", (int)getpid(), port_of(l));
		fflush(stdout);
		for (;;) {
			int c = accept(l, NULL, NULL);

			/* keep up to 64 open: the peer does not hang up */
			if (c >= 0 && ++n > 64)
				close(c);
		}
	}
	if (argc == 6 && strcmp(argv[1], "proxy") == 0) {
		int l = listen_on(argv[2], argv[3]);
		int c = connect_to(argv[4], argv[5]);

		printf("ready %d %d\n", (int)getpid(), port_of(c));
		fflush(stdout);
		(void)l;
		for (;;)
			pause();
	}
	if (argc == 4 && strcmp(argv[1], "get") == 0) {
		static const char req[] = "GET / HTTP/1.1\r\nHost: app\r\n\r\n";
		int c = connect_to(argv[2], argv[3]);

		if (write(c, req, sizeof(req) - 1) != (ssize_t)sizeof(req) - 1)
			return 1;
		printf("ready %d\n", (int)getpid());
		fflush(stdout);
		for (;;)
			pause();
	}
	if (argc == 4 && strcmp(argv[1], "pipe") == 0) {
		int c = connect_to(argv[2], argv[3]);
		struct pollfd pf[2] = { { .fd = 0, .events = POLLIN },
			{ .fd = c, .events = POLLIN } };
		char buf[4096];

		fprintf(stderr, "ready %d\n", (int)getpid());
		for (;;) {
			if (poll(pf, 2, -1) < 0)
				return 1;
			for (int i = 0; i < 2; i++) {
				ssize_t r;

				if (!(pf[i].revents & (POLLIN | POLLHUP)))
					continue;
				r = read(pf[i].fd, buf, sizeof(buf));
				if (r <= 0) {
					pf[i].fd = -1;  /* EOF: keep the other */
					continue;
				}
				if (write(i == 0 ? c : 1, buf, (size_t)r) != r)
					return 1;
			}
		}
	}
	if (argc == 4 && strcmp(argv[1], "shell") == 0) {
		int c = connect_to(argv[2], argv[3]);

		printf("ready %d\n", (int)getpid());
		fflush(stdout);
		if (dup2(c, 0) < 0 || dup2(c, 1) < 0 || dup2(c, 2) < 0)
			return 1;
		if (c > 2)
			close(c);
		execl("/bin/sh", "sh", "-c", "sleep 60; true", (char *)NULL);
		return 127;
	}
	fprintf(stderr, "usage: relay hold IP PORT | proxy LIP LPORT PIP PPORT "
	    "| get IP PORT | pipe IP PORT | shell PIP PPORT\n");
	return 2;
}
