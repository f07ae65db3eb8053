/*
 * jsonchat -l PORT [-a ADDR] [-t SECS]
 * jsonchat -c PORT [-a ADDR] [-t SECS] [-b]
 *
 * A look-alike of a miner's pool connection that is not one: a CI agent
 * polling its job server over HTTP/1.1 with JSON bodies, on a long-lived
 * keep-alive connection, once a second.  The bodies are JSON-RPC with
 * "method", "user", "agent", "job_id" and "target" fields - everything a
 * stratum matcher might trip on - but no stratum method and no hashing
 * blob.  -l serves (many clients, poll()), -c is the client; with -b the
 * client also burns one core between its requests (a busy agent), so a
 * scanner sees CPU and a connection to a "pool port" such as 8080.
 *
 * Prints "ready <pid> <port>" (server: once listening; client: after its
 * first answer), exits after SECS (default 60, at most 600) or with its
 * parent.  ADDR is 127.0.0.1 (default) or ::1; the tests run it inside a
 * network namespace of their own.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXCLI 32

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static socklen_t
mkaddr(const char *addr, int port, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (strchr(addr, ':')) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, addr, &s6->sin6_addr) != 1)
			return 0;
		return sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, addr, &s4->sin_addr) != 1)
			return 0;
		return sizeof(*s4);
	}
}

static int
sendall(int fd, const char *b, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, b, n, MSG_NOSIGNAL);

		if (w <= 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* One HTTP message (headers + Content-Length body) from fd into buf. */
static int
read_msg(int fd, char *buf, size_t cap, size_t *have)
{
	for (;;) {
		char *hend = strstr(buf, "\r\n\r\n");
		ssize_t r;

		if (hend) {
			const char *cl = strstr(buf, "Content-Length: ");
			size_t body = cl ? strtoul(cl + 16, NULL, 10) : 0;
			size_t total = (size_t)(hend + 4 - buf) + body;

			if (*have >= total) {
				memmove(buf, buf + total, *have - total);
				*have -= total;
				buf[*have] = '\0';
				return 0;
			}
		}
		if (*have + 1 >= cap)
			return -1;
		r = recv(fd, buf + *have, cap - 1 - *have, 0);
		if (r <= 0)
			return -1;
		*have += (size_t)r;
		buf[*have] = '\0';
	}
}

struct peer {
	int fd;
	size_t have;
	char buf[8192];
};

/* Answer every whole request in p's buffer; false when p is done. */
static bool
answer(struct peer *p, unsigned *job)
{
	for (;;) {
		char body[512], msg[1024], *hend = strstr(p->buf, "\r\n\r\n");
		const char *cl = strstr(p->buf, "Content-Length: ");
		size_t want;
		int bl, ml;

		if (hend == NULL)
			return true;
		want = (size_t)(hend + 4 - p->buf) +
		    (cl ? strtoul(cl + 16, NULL, 10) : 0);
		if (p->have < want)
			return true;
		memmove(p->buf, p->buf + want, p->have - want);
		p->have -= want;
		p->buf[p->have] = '\0';
		++*job;
		bl = snprintf(body, sizeof(body), "{\"jsonrpc\":\"2.0\","
		    "\"id\":%u,\"result\":{\"job_id\":\"build-%u\","
		    "\"target\":\"linux-x86_64\",\"state\":\"queued\","
		    "\"artifacts\":[\"app.tar.gz\"]}}", *job, *job);
		ml = snprintf(msg, sizeof(msg), "HTTP/1.1 200 OK\r\n"
		    "Content-Type: application/json\r\nContent-Length: %d\r\n"
		    "Connection: keep-alive\r\n\r\n%s", bl, body);
		if (sendall(p->fd, msg, (size_t)ml) != 0)
			return false;
	}
}

static int
serve(const char *addr, int port, double end)
{
	struct sockaddr_storage ss;
	socklen_t sl = mkaddr(addr, port, &ss);
	struct peer *c = calloc(MAXCLI, sizeof(*c));
	int lfd, one = 1;
	unsigned job = 4100;

	if (sl == 0 || c == NULL)
		return 2;
	for (int i = 0; i < MAXCLI; i++)
		c[i].fd = -1;
	lfd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0)
		return 1;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (struct sockaddr *)&ss, sl) != 0 ||
	    listen(lfd, 16) != 0) {
		perror("jsonchat: listen");
		return 1;
	}
	sl = sizeof(ss);
	getsockname(lfd, (struct sockaddr *)&ss, &sl);
	printf("ready %d %d\n", (int)getpid(), ntohs(ss.ss_family == AF_INET6 ?
	    ((struct sockaddr_in6 *)&ss)->sin6_port :
	    ((struct sockaddr_in *)&ss)->sin_port));
	fflush(stdout);
	while (now() < end) {
		struct pollfd p[MAXCLI + 1];
		int np = 0, map[MAXCLI + 1];

		p[np].fd = lfd;
		p[np].events = POLLIN;
		map[np++] = -1;
		for (int i = 0; i < MAXCLI; i++)
			if (c[i].fd >= 0) {
				p[np].fd = c[i].fd;
				p[np].events = POLLIN;
				map[np++] = i;
			}
		if (poll(p, (nfds_t)np, 500) <= 0)
			continue;
		for (int k = 0; k < np; k++) {
			struct peer *q;
			ssize_t r;

			if (!(p[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (map[k] < 0) {
				int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);

				for (int j = 0; fd >= 0 && j < MAXCLI; j++)
					if (c[j].fd < 0) {
						c[j].fd = fd;
						c[j].have = 0;
						c[j].buf[0] = '\0';
						fd = -1;
					}
				if (fd >= 0)
					close(fd);
				continue;
			}
			q = &c[map[k]];
			r = recv(q->fd, q->buf + q->have,
			    sizeof(q->buf) - 1 - q->have, 0);
			if (r > 0) {
				q->have += (size_t)r;
				q->buf[q->have] = '\0';
			}
			if (r <= 0 || q->have >= sizeof(q->buf) - 1 ||
			    !answer(q, &job)) {
				close(q->fd);
				q->fd = -1;
			}
		}
	}
	return 0;
}

static int
client(const char *addr, int port, double end, int burn)
{
	struct sockaddr_storage ss;
	socklen_t sl = mkaddr(addr, port, &ss);
	char *buf = malloc(8192);
	size_t have = 0;
	volatile unsigned long x = 1;
	int fd = -1, seq = 1, ready = 0;

	if (sl == 0 || buf == NULL)
		return 2;
	buf[0] = '\0';
	for (int i = 0; i < 100 && fd < 0; i++) {
		fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&ss, sl) != 0) {
			close(fd);
			fd = -1;
			usleep(100000);
		}
	}
	if (fd < 0) {
		perror("jsonchat: connect");
		return 1;
	}
	while (now() < end) {
		char body[512], msg[1024];
		int bl, ml;
		double next = now() + 1;

		bl = snprintf(body, sizeof(body), "{\"jsonrpc\":\"2.0\","
		    "\"id\":%d,\"method\":\"jobs.poll\",\"params\":{\"user\":"
		    "\"ci-runner-7\",\"agent\":\"ci-agent/4.2 (linux; amd64)\","
		    "\"labels\":[\"x86_64\",\"docker\"]}}", seq++);
		ml = snprintf(msg, sizeof(msg), "POST /api/v1/rpc HTTP/1.1\r\n"
		    "Host: %s:%d\r\nUser-Agent: ci-agent/4.2\r\n"
		    "Content-Type: application/json\r\nContent-Length: %d\r\n"
		    "\r\n%s", addr, port, bl, body);
		if (sendall(fd, msg, (size_t)ml) != 0 ||
		    read_msg(fd, buf, 8192, &have) != 0) {
			fprintf(stderr, "jsonchat: the server went away\n");
			return 1;
		}
		if (!ready) {
			printf("ready %d %d\n", (int)getpid(), port);
			fflush(stdout);
			ready = 1;
		}
		while (now() < next) {
			if (burn)
				for (int i = 0; i < 100000; i++)
					x = x * 6364136223846793005ul + 1;
			else
				usleep(50000);
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *addr = "127.0.0.1";
	int opt, port = -1, listen_mode = 0, burn = 0;
	long secs = 60;

	while ((opt = getopt(argc, argv, "l:c:a:t:b")) != -1) {
		switch (opt) {
		case 'l': listen_mode = 1; port = atoi(optarg); break;
		case 'c': port = atoi(optarg); break;
		case 'a': addr = optarg; break;
		case 't': secs = strtol(optarg, NULL, 10); break;
		case 'b': burn = 1; break;
		default: port = -1; opterr = 0; break;
		}
	}
	if (port < 0 || port > 65535 || secs <= 0 || secs > 600) {
		fprintf(stderr, "usage: jsonchat -l PORT | -c PORT [-a ADDR] "
		    "[-t SECS] [-b]\n");
		return 2;
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		return 0;
	signal(SIGPIPE, SIG_IGN);
	return listen_mode ? serve(addr, port, now() + (double)secs) :
	    client(addr, port, now() + (double)secs, burn);
}
