/*
 * imds MODE [ADDR [PORT]] - a stand-in for a cloud instance metadata
 * service, for the e2e tests: listens on ADDR:PORT (default
 * 169.254.169.254:80, which the tests add to an interface INSIDE a
 * network namespace of their own), prints "ready <pid>", and answers
 * each request:
 *   v1: 200 to any GET (IMDSv1: no token needed);
 *   v2: 200 to PUT /latest/api/token (a token), 200 to a GET carrying
 *       X-aws-ec2-metadata-token, 401 to a GET without one (IMDSv2).
 * Stops after 120 s or when its parent dies.  The request is read until
 * its empty line (at most 8 KiB).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

static void
reply(int c, const char *status, const char *body)
{
	char out[1024];
	int n = snprintf(out, sizeof(out), "HTTP/1.1 %s\r\nServer: EC2ws\r\n"
	    "Content-Type: text/plain\r\nContent-Length: %zu\r\n"
	    "Connection: close\r\n\r\n%s", status, strlen(body), body);

	if (write(c, out, (size_t)n) < 0)
		perror("imds: write");
}

int
main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int fd, one = 1, v2;

	if (argc < 2 || (strcmp(argv[1], "v1") != 0 &&
	    strcmp(argv[1], "v2") != 0)) {
		fprintf(stderr, "usage: imds v1|v2 [ADDR [PORT]]\n");
		return 2;
	}
	v2 = strcmp(argv[1], "v2") == 0;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	alarm(120);
	sa.sin_port = htons((uint16_t)(argc > 3 ? atoi(argv[3]) : 80));
	if (inet_pton(AF_INET, argc > 2 ? argv[2] : "169.254.169.254",
	    &sa.sin_addr) != 1)
		return 2;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(fd, 16) != 0) {
		perror("imds: bind/listen");
		return 1;
	}
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	for (;;) {
		char req[8192];
		size_t got = 0;
		int c = accept(fd, NULL, NULL);

		if (c < 0)
			continue;
		while (got < sizeof(req) - 1) {
			ssize_t r = read(c, req + got, sizeof(req) - 1 - got);

			if (r <= 0)
				break;
			got += (size_t)r;
			req[got] = '\0';
			if (strstr(req, "\r\n\r\n"))
				break;
		}
		req[got] = '\0';
		if (strncmp(req, "PUT /latest/api/token", 21) == 0)
			reply(c, "200 OK", "AQAEAtesttoken==");
		else if (strncmp(req, "GET ", 4) != 0)
			reply(c, "405 Method Not Allowed", "");
		else if (v2 && strcasestr(req, "\nX-aws-ec2-metadata-token:") ==
		    NULL)
			reply(c, "401 Unauthorized", "");
		else
			reply(c, "200 OK", "ami-id\nhostname\niam/\n"
			    "instance-id\n");
		close(c);
	}
}
