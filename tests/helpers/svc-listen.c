/*
 * svc-listen - listen on the TCP addresses in $SVC_LISTEN ("ADDR:PORT",
 * comma-separated, IPv4), print "ready <pid>" and accept-and-close until
 * killed, or for at most 120 s.  Its own arguments are ignored, so the
 * e2e tests copy it under a service's name and give it that service's
 * command line ("dockerd -H tcp://0.0.0.0:2375", "redis-server
 * /x/redis.conf").  Dies with its parent.  Used only inside network
 * namespaces the tests create.
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

#define MAXL 8

int
main(int argc, char **argv)
{
	const char *spec = getenv("SVC_LISTEN");
	struct pollfd pf[MAXL];
	char *copy, *tok, *save = NULL;
	int n = 0, one = 1;

	(void)argc;
	(void)argv;
	if (spec == NULL || *spec == '\0') {
		fprintf(stderr, "svc-listen: set SVC_LISTEN=ADDR:PORT[,...]\n");
		return 2;
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	alarm(120);
	copy = strdup(spec);
	for (tok = strtok_r(copy, ",", &save); tok && n < MAXL;
	    tok = strtok_r(NULL, ",", &save)) {
		struct sockaddr_in sa = { .sin_family = AF_INET };
		char *colon = strrchr(tok, ':');
		int fd;

		if (colon == NULL)
			return 2;
		*colon = '\0';
		sa.sin_port = htons((uint16_t)atoi(colon + 1));
		if (inet_pton(AF_INET, tok, &sa.sin_addr) != 1)
			return 2;
		fd = socket(AF_INET, SOCK_STREAM, 0);
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
		    listen(fd, 16) != 0) {
			perror("svc-listen: bind/listen");
			return 1;
		}
		pf[n].fd = fd;
		pf[n].events = POLLIN;
		n++;
	}
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	for (;;) {
		if (poll(pf, (nfds_t)n, -1) <= 0)
			continue;
		for (int i = 0; i < n; i++)
			if (pf[i].revents & POLLIN) {
				int c = accept(pf[i].fd, NULL, NULL);

				if (c >= 0)
					close(c);
			}
	}
}
