/*
 * testpool [-a ADDR] [-p PORT] [-t SECS] [-j SECS] - a stratum mining pool
 * for the tests, speaking both dialects on one port: XMRig's
 * ({"method":"login"} answered with a RandomX job, then a "job" pushed every
 * -j seconds, "submit" and "keepalived" accepted) and Bitcoin's
 * (mining.subscribe / mining.authorize answered, then mining.set_difficulty
 * and mining.notify pushed, mining.submit accepted).  Newline-delimited
 * JSON-RPC over plain TCP, poll()-based, up to 64 clients at once.
 *
 * It listens on ADDR (default 127.0.0.1; ::1 works too) and PORT (default
 * 0: a free one), prints "ready PORT", then one line per event on stdout
 * ("login N LOGIN AGENT", "subscribe N", "authorize N USER", "submit N",
 * "msubmit N", "keepalived N", "job N COUNT", "close N") so a test can wait
 * for a miner to be really mining.  It exits after SECS seconds (default
 * 120, at most 600), on SIGTERM or SIGINT, or when its parent dies.  The
 * e2e tests only ever run it on loopback inside a network namespace of
 * their own.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXCLI 64
#define LINEMAX 16384

enum dialect { D_NONE, D_XMRIG, D_BTC };

struct client {
	int fd;
	int n;                  /* client number, for the log */
	enum dialect d;
	int ready;              /* logged in / authorized: gets jobs */
	unsigned jobs;
	size_t len;
	char buf[LINEMAX];
};

static volatile sig_atomic_t stop;
static struct client cli[MAXCLI];
static unsigned seq;            /* job counter */
static const char seed_hash[] =
    "7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5";

static void
on_sig(int sig)
{
	(void)sig;
	stop = 1;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void logf_(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static void sendf(struct client *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
logf_(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void
drop(struct client *c)
{
	if (c->fd < 0)
		return;
	logf_("close %d", c->n);
	close(c->fd);
	c->fd = -1;
}

static void
sendf(struct client *c, const char *fmt, ...)
{
	char out[4096];
	va_list ap;
	int n;
	size_t off = 0;

	va_start(ap, fmt);
	n = vsnprintf(out, sizeof(out) - 1, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(out) - 1)
		return;
	out[n++] = '\n';
	while (off < (size_t)n) {
		ssize_t w = send(c->fd, out + off, (size_t)n - off,
		    MSG_NOSIGNAL);

		if (w <= 0) {
			drop(c);
			return;
		}
		off += (size_t)w;
	}
}

/* The string value of "key" in a JSON line (first occurrence), or "". */
static void
jstr(const char *line, const char *key, char *out, size_t cap)
{
	char pat[64];
	const char *p;
	size_t n = 0;

	out[0] = '\0';
	snprintf(pat, sizeof(pat), "\"%s\"", key);
	/* the key, not the same word as a value: "key" then ':' */
	for (p = strstr(line, pat); p; p = strstr(p + 1, pat)) {
		const char *q = p + strlen(pat);

		while (*q == ' ')
			q++;
		if (*q == ':')
			break;
	}
	if (p == NULL)
		return;
	p += strlen(pat);
	while (*p == ' ' || *p == ':')
		p++;
	if (*p != '"')
		return;
	p++;
	while (p[n] && p[n] != '"' && n + 1 < cap)
		n++;
	memcpy(out, p, n);
	out[n] = '\0';
}

/* The "id" of a request, as its JSON text (a number, a string or null). */
static void
jid(const char *line, char *out, size_t cap)
{
	const char *p = strstr(line, "\"id\"");
	size_t n = 0;

	snprintf(out, cap, "null");
	if (p == NULL)
		return;
	p += 4;
	while (*p == ' ' || *p == ':')
		p++;
	while (p[n] && p[n] != ',' && p[n] != '}' && p[n] != ' ' &&
	    n + 1 < cap)
		n++;
	if (n) {
		memcpy(out, p, n);
		out[n] = '\0';
	}
}

/* The first string of "params":[...], for mining.authorize. */
static void
jparam0(const char *line, char *out, size_t cap)
{
	const char *p = strstr(line, "\"params\"");
	size_t n = 0;

	out[0] = '\0';
	if (p == NULL)
		return;
	p += 8;
	while (*p == ' ' || *p == ':' || *p == '[')
		p++;
	if (*p != '"')
		return;
	p++;
	while (p[n] && p[n] != '"' && n + 1 < cap)
		n++;
	memcpy(out, p, n);
	out[n] = '\0';
}

/* A 76-byte RandomX hashing blob (152 hex digits) for job number k. */
static void
blob(unsigned k, char *out)
{
	unsigned long long x = 0x9e3779b97f4a7c15ull ^ (unsigned long long)k;

	memcpy(out, "1010", 4);  /* major/minor version 16 */
	for (int i = 4; i < 152; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		out[i] = "0123456789abcdef"[(x >> 33) & 15];
	}
	/* the nonce (bytes 39..42) starts at zero */
	memset(out + 78, '0', 8);
	out[152] = '\0';
}

static void
xmrig_job(struct client *c, int reply, const char *id)
{
	char b[160];

	blob(++seq, b);
	if (reply)
		sendf(c, "{\"id\":%s,\"jsonrpc\":\"2.0\",\"error\":null,"
		    "\"result\":{\"id\":\"rm-e2e-%d\",\"job\":{\"blob\":"
		    "\"%s\",\"job_id\":\"%u\",\"target\":\"b88d0600\","
		    "\"algo\":\"rx/0\",\"height\":1,\"seed_hash\":\"%s\","
		    "\"id\":\"rm-e2e-%d\"},\"extensions\":[\"algo\","
		    "\"keepalive\"],\"status\":\"OK\"}}",
		    id, c->n, b, seq, seed_hash, c->n);
	else
		sendf(c, "{\"jsonrpc\":\"2.0\",\"method\":\"job\",\"params\":"
		    "{\"blob\":\"%s\",\"job_id\":\"%u\",\"target\":"
		    "\"b88d0600\",\"algo\":\"rx/0\",\"height\":1,"
		    "\"seed_hash\":\"%s\",\"id\":\"rm-e2e-%d\"}}", b, seq,
		    seed_hash, c->n);
	c->jobs++;
}

static void
btc_job(struct client *c)
{
	char b[160];

	blob(++seq, b);
	b[64] = '\0';
	sendf(c, "{\"id\":null,\"method\":\"mining.set_difficulty\","
	    "\"params\":[1024]}");
	if (c->fd < 0)
		return;
	sendf(c, "{\"params\":[\"%x\",\"%s\",\"01000000010000000000000000"
	    "00000000000000000000000000000000000000000000ffffffff20020862062f"
	    "503253482f04b8864e5008\",\"072f736c7573682f000000000100f2052a01"
	    "0000001976a914d23fcdf86f7e756a64a7a9688ef9903327048ed988ac000000"
	    "00\",[],\"20000000\",\"1d00ffff\",\"%08x\",true],\"id\":null,"
	    "\"method\":\"mining.notify\"}", seq, b,
	    (unsigned)time(NULL));
	c->jobs++;
}

static void
handle(struct client *c, char *line)
{
	char method[64], id[64], a[256], b[256];

	jstr(line, "method", method, sizeof(method));
	jid(line, id, sizeof(id));
	if (strcmp(method, "login") == 0) {
		jstr(line, "login", a, sizeof(a));
		jstr(line, "agent", b, sizeof(b));
		logf_("login %d %s %s", c->n, a[0] ? a : "-", b[0] ? b : "-");
		c->d = D_XMRIG;
		c->ready = 1;
		xmrig_job(c, 1, id);
		if (c->fd >= 0)
			logf_("job %d %u", c->n, c->jobs);
	} else if (strcmp(method, "submit") == 0) {
		logf_("submit %d", c->n);
		sendf(c, "{\"id\":%s,\"jsonrpc\":\"2.0\",\"error\":null,"
		    "\"result\":{\"status\":\"OK\"}}", id);
	} else if (strcmp(method, "keepalived") == 0) {
		logf_("keepalived %d", c->n);
		sendf(c, "{\"id\":%s,\"jsonrpc\":\"2.0\",\"error\":null,"
		    "\"result\":{\"status\":\"KEEPALIVED\"}}", id);
	} else if (strcmp(method, "mining.subscribe") == 0) {
		logf_("subscribe %d", c->n);
		c->d = D_BTC;
		sendf(c, "{\"id\":%s,\"result\":[[[\"mining.set_difficulty\","
		    "\"b4b6693b72a50c7116db18d6497cac52\"],[\"mining.notify\","
		    "\"ae6812eb4cd7735a302a8a9dd95cf71f\"]],\"08000002\",4],"
		    "\"error\":null}", id);
	} else if (strcmp(method, "mining.extranonce.subscribe") == 0) {
		sendf(c, "{\"id\":%s,\"result\":true,\"error\":null}", id);
	} else if (strcmp(method, "mining.authorize") == 0) {
		jparam0(line, a, sizeof(a));
		logf_("authorize %d %s", c->n, a[0] ? a : "-");
		c->d = D_BTC;
		sendf(c, "{\"id\":%s,\"result\":true,\"error\":null}", id);
		if (c->fd >= 0) {
			c->ready = 1;
			btc_job(c);
			if (c->fd >= 0)
				logf_("job %d %u", c->n, c->jobs);
		}
	} else if (strcmp(method, "mining.submit") == 0) {
		logf_("msubmit %d", c->n);
		sendf(c, "{\"id\":%s,\"result\":true,\"error\":null}", id);
	} else {
		logf_("unknown %d %.60s", c->n, method[0] ? method : "-");
		sendf(c, "{\"id\":%s,\"jsonrpc\":\"2.0\",\"error\":"
		    "{\"code\":-1,\"message\":\"Unknown method\"},"
		    "\"result\":null}", id);
	}
}

static void
readable(struct client *c)
{
	ssize_t r = recv(c->fd, c->buf + c->len, sizeof(c->buf) - 1 - c->len,
	    0);
	char *p, *nl;

	if (r <= 0) {
		drop(c);
		return;
	}
	c->len += (size_t)r;
	c->buf[c->len] = '\0';
	p = c->buf;
	while (c->fd >= 0 && (nl = strchr(p, '\n')) != NULL) {
		*nl = '\0';
		if (nl > p)
			handle(c, p);
		p = nl + 1;
	}
	if (c->fd < 0)
		return;
	c->len -= (size_t)(p - c->buf);
	memmove(c->buf, p, c->len);
	if (c->len >= sizeof(c->buf) - 1) {
		logf_("overlong %d", c->n);
		drop(c);
	}
}

int
main(int argc, char **argv)
{
	const char *addr = "127.0.0.1";
	struct sockaddr_storage ss;
	struct sigaction sa;
	socklen_t sl;
	double t_end, t_job, jobsecs = 1;
	long secs = 120, port = 0;
	int lfd, one = 1, opt, nextn = 1;

	while ((opt = getopt(argc, argv, "a:p:t:j:")) != -1) {
		switch (opt) {
		case 'a': addr = optarg; break;
		case 'p': port = strtol(optarg, NULL, 10); break;
		case 't': secs = strtol(optarg, NULL, 10); break;
		case 'j': jobsecs = strtod(optarg, NULL); break;
		default:
			fprintf(stderr, "usage: testpool [-a ADDR] [-p PORT] "
			    "[-t SECS] [-j SECS]\n");
			return 2;
		}
	}
	if (secs <= 0 || secs > 600 || port < 0 || port > 65535 ||
	    jobsecs < 0.1 || jobsecs > 60) {
		fprintf(stderr, "testpool: bad -p, -t or -j\n");
		return 2;
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		return 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	memset(&ss, 0, sizeof(ss));
	if (strchr(addr, ':')) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, addr, &s6->sin6_addr) != 1)
			return 2;
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, addr, &s4->sin_addr) != 1)
			return 2;
		sl = sizeof(*s4);
	}
	lfd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0)
		return 1;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (struct sockaddr *)&ss, sl) != 0 ||
	    listen(lfd, 64) != 0) {
		perror("testpool: listen");
		return 1;
	}
	sl = sizeof(ss);
	getsockname(lfd, (struct sockaddr *)&ss, &sl);
	port = ntohs(ss.ss_family == AF_INET6 ?
	    ((struct sockaddr_in6 *)&ss)->sin6_port :
	    ((struct sockaddr_in *)&ss)->sin_port);
	for (int i = 0; i < MAXCLI; i++)
		cli[i].fd = -1;
	logf_("ready %ld", port);

	t_end = now() + (double)secs;
	t_job = now() + jobsecs;
	while (!stop && now() < t_end) {
		struct pollfd pfd[MAXCLI + 1];
		int map[MAXCLI + 1], np = 0, ms;
		double t = now();

		if (t >= t_job) {
			for (int i = 0; i < MAXCLI; i++) {
				struct client *c = &cli[i];

				if (c->fd < 0 || !c->ready)
					continue;
				if (c->d == D_XMRIG)
					xmrig_job(c, 0, NULL);
				else
					btc_job(c);
				if (c->fd >= 0)
					logf_("job %d %u", c->n, c->jobs);
			}
			t_job = t + jobsecs;
		}
		pfd[np].fd = lfd;
		pfd[np].events = POLLIN;
		map[np++] = -1;
		for (int i = 0; i < MAXCLI; i++) {
			if (cli[i].fd < 0)
				continue;
			pfd[np].fd = cli[i].fd;
			pfd[np].events = POLLIN;
			map[np++] = i;
		}
		ms = (int)((t_job - t) * 1000) + 1;
		if (poll(pfd, (nfds_t)np, ms < 1 ? 1 : ms) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		for (int k = 0; k < np; k++) {
			if (!(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (map[k] < 0) {
				int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
				int slot = -1;

				if (fd < 0)
					continue;
				for (int i = 0; i < MAXCLI; i++)
					if (cli[i].fd < 0) {
						slot = i;
						break;
					}
				if (slot < 0) {
					close(fd);
					continue;
				}
				memset(&cli[slot], 0, sizeof(cli[slot]));
				cli[slot].fd = fd;
				cli[slot].n = nextn++;
				logf_("accept %d", cli[slot].n);
			} else {
				readable(&cli[map[k]]);
			}
		}
	}
	for (int i = 0; i < MAXCLI; i++)
		if (cli[i].fd >= 0)
			close(cli[i].fd);
	close(lfd);
	return 0;
}
