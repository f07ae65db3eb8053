/*
 * imds-client ADDR PORT - a stand-in for a credential stealer asking the
 * instance metadata service for the role's keys, with the service itself.
 *
 * A forked child listens on ADDR:PORT and answers every request with a
 * fake IMDS credential document; the parent connects to ADDR:PORT, sends
 * "GET /latest/meta-data/iam/security-credentials/role", reads the answer
 * and keeps the connection open.  It prints "ready <client-pid>
 * <server-pid>" and both wait until killed (at most 120 s); both die with
 * their parent.  The e2e tests run it inside a network namespace of their
 * own where ADDR (169.254.169.254) sits on lo: nothing leaves the
 * namespace.  Run it under any name (a copy named kworker-upd in /tmp, or
 * one over an agent's path in a private mount namespace).
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

static const char answer[] = "HTTP/1.0 200 OK\r\nContent-Type: text/plain"
	"\r\n\r\n{\"Code\":\"Success\",\"AccessKeyId\":\"ASIATESTTESTTESTTEST\","
	"\"SecretAccessKey\":\"not-a-real-secret\",\"Token\":\"x\"}\n";

static int
addr(const char *ip, int port, struct sockaddr_in *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, ip, &sa->sin_addr) == 1 ? 0 : -1;
}

static void
serve(int lfd)
{
	int nheld = 0;

	for (;;) {
		char buf[2048];
		int c = accept(lfd, NULL, NULL);

		if (c < 0)
			continue;
		if (recv(c, buf, sizeof(buf), 0) > 0 &&
		    send(c, answer, sizeof(answer) - 1, 0) < 0)
			perror("imds-client: send");
		if (nheld < 64)
			nheld++;             /* keep the connection up */
		else
			close(c);
	}
}

int
main(int argc, char **argv)
{
	struct sockaddr_in sa;
	char buf[2048];
	int lfd, fd, one = 1;
	pid_t srv;

	if (argc != 3 || addr(argv[1], (int)strtol(argv[2], NULL, 10), &sa) != 0) {
		fprintf(stderr, "usage: imds-client ADDR PORT\n");
		return 2;
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	alarm(120);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(lfd, 8) != 0) {
		perror("imds-client: listen");
		return 1;
	}
	srv = fork();
	if (srv < 0) {
		perror("imds-client: fork");
		return 1;
	}
	if (srv == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		serve(lfd);
		return 0;
	}
	close(lfd);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		perror("imds-client: connect");
		kill(srv, SIGKILL);
		return 1;
	}
	snprintf(buf, sizeof(buf), "GET /latest/meta-data/iam/security-"
	    "credentials/role HTTP/1.0\r\nHost: %s\r\n\r\n", argv[1]);
	if (send(fd, buf, strlen(buf), 0) < 0 || recv(fd, buf, sizeof(buf),
	    0) <= 0) {
		perror("imds-client: exchange");
		kill(srv, SIGKILL);
		return 1;
	}
	printf("ready %d %d\n", (int)getpid(), (int)srv);
	fflush(stdout);
	for (;;)
		pause();
}
