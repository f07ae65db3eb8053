/*
 * fakeminer -c CONFIG [-t SECS] [-T THREADS] [-n COMM] [-0 ARGV0] [-N NICE]
 *           [-- IGNORED...]
 * fakeminer -E  <plain.json >obscured
 *
 * A cryptominer of the tests' own, built to hide the way real ones do and
 * to keep what a real one cannot avoid keeping.  It reads its pool, user
 * (wallet), password, agent and dialect from CONFIG: an XMRig-style JSON
 * ({"user-agent":"...","pools":[{"url":"stratum+tcp://127.0.0.1:3333",
 * "user":"4...","pass":"x","dialect":"xmrig|btc","order":"slush"}]}) in
 * clear or obscured (XOR with a key, then base64, as -E writes it: the
 * file then holds no pool, wallet or miner string, like PwnRig's encrypted
 * config).  No option ever names the pool or the wallet.
 *
 * It connects (numeric IPv4/IPv6 only; the tests use loopback in a network
 * namespace of their own), speaks the chosen dialect - XMRig's login/job/
 * submit/keepalived or Bitcoin's mining.subscribe/authorize/notify/submit,
 * the latter with cpuminer's field order or, with "order":"slush", with
 * "params" first as in the slush pool manual - and burns THREADS cores
 * (default: all online CPUs) in a real double-SHA-256 loop over the job,
 * submitting its best share every 2 s (keepalived after 60 s, as XMRig).
 * Like XMRig it keeps the decoded config, its login (or subscribe and
 * authorize) requests for reconnects, its last job and, in one reused send
 * buffer, the last message it sent in heap memory.  With "residue":true
 * its login request is built in a growing buffer, which leaves truncated
 * copies in freed heap chunks as real miners' string buffers do.  Its own
 * binary carries no miner strings (they are assembled at run time), as a
 * packed miner's would not.
 *
 * -n COMM renames the task (prctl PR_SET_NAME), -0 ARGV0 overwrites the
 * whole argv area (what ps shows), -N NICE lowers its priority, -t SECS
 * bounds its life (default 30, at most 600).  It prints "ready <pid>"
 * once it has its first job, dies with its parent and reconnects when the
 * pool goes away.  Arguments after "--" are ignored: they only make the
 * command line look like a miner's.
 *
 * pthreads: in glibc 2.34 and later they are part of libc, so the
 * Makefile's helper rule needs no -pthread.
 * helper-ldflags: -pthread
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXTHREADS 64
#define RECVMAX (64 * 1024)
#define SENDMAX 4096

/* ---- SHA-256 (FIPS 180-4) ---------------------------------------------- */

static const uint32_t K256[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void
sha256_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, k;

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
		    (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^
		    (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; k = h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = k + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		    ((e & f) ^ (~e & g)) + K256[i] + w[i];
		uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		    ((a & b) ^ (a & c) ^ (b & c));

		k = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void
sha256(const unsigned char *msg, size_t n, unsigned char out[32])
{
	uint32_t h[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	unsigned char blk[64];
	size_t i = 0;
	uint64_t bits = (uint64_t)n * 8;

	for (; i + 64 <= n; i += 64)
		sha256_block(h, msg + i);
	memset(blk, 0, sizeof(blk));
	memcpy(blk, msg + i, n - i);
	blk[n - i] = 0x80;
	if (n - i >= 56) {
		sha256_block(h, blk);
		memset(blk, 0, sizeof(blk));
	}
	for (int j = 0; j < 8; j++)
		blk[63 - j] = (unsigned char)(bits >> (8 * j));
	sha256_block(h, blk);
	for (int j = 0; j < 8; j++) {
		out[4 * j] = (unsigned char)(h[j] >> 24);
		out[4 * j + 1] = (unsigned char)(h[j] >> 16);
		out[4 * j + 2] = (unsigned char)(h[j] >> 8);
		out[4 * j + 3] = (unsigned char)h[j];
	}
}

/* ---- the obscured config: XOR with a key, then base64 ------------------ */

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char xkey[] = "rookmelder-e2e/not-a-secret";

static unsigned char
xk(size_t i)
{
	return (unsigned char)(xkey[i % (sizeof(xkey) - 1)] ^ (i * 131));
}

static int
encode(void)
{
	unsigned char in[65536];
	size_t n = fread(in, 1, sizeof(in), stdin);

	if (n == 0 || n == sizeof(in))
		return 2;
	for (size_t i = 0; i < n; i++)
		in[i] ^= xk(i);
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		size_t k = n - i;

		if (k > 1)
			v |= (uint32_t)in[i + 1] << 8;
		if (k > 2)
			v |= in[i + 2];
		putchar(b64[v >> 18 & 63]);
		putchar(b64[v >> 12 & 63]);
		putchar(k > 1 ? b64[v >> 6 & 63] : '=');
		putchar(k > 2 ? b64[v & 63] : '=');
	}
	putchar('\n');
	return 0;
}

/* Decode base64 text (whitespace ignored) and un-XOR it: a heap string. */
static char *
decode(const char *t)
{
	size_t n = strlen(t), o = 0;
	char *out = malloc(n + 1);
	uint32_t acc = 0;
	int bits = 0;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const char *p = strchr(b64, t[i]);

		if (t[i] == '=' || t[i] == '\0')
			break;
		if (p == NULL)
			continue;
		acc = acc << 6 | (uint32_t)(p - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o] = (char)((acc >> bits & 0xff) ^ xk(o));
			o++;
		}
	}
	out[o] = '\0';
	return out;
}

/* ---- strings a miner would carry, assembled at run time --------------- */

/* Masked literals: '~' stands for '.', so the binary never holds the
 * protocol's method names (a packed miner's binary would not either). */
static char *
unmask(const char *m)
{
	char *s = strdup(m);

	for (char *p = s; p && *p; p++)
		if (*p == '~')
			*p = '.';
	return s;
}

static char *M_SUBSCRIBE, *M_AUTHORIZE, *M_NOTIFY, *M_SUBMIT;

/* ---- config ----------------------------------------------------------- */

struct config {
	char *text;                 /* the decoded config, kept (as XMRig) */
	char url[256], user[256], pass[128], agent[256], dialect[16];
	char order[16];
	bool residue;               /* "residue":true */
	char host[128];
	int port;
};

/* "key" : "value" in JSON text (the first), or false. */
static bool
jget(const char *text, const char *key, char *out, size_t cap)
{
	char pat[64];
	const char *p;
	size_t n = 0;

	snprintf(pat, sizeof(pat), "\"%s\"", key);
	/* the key, not the same word as a value: "key" then ':' */
	for (p = strstr(text, pat); p; p = strstr(p + 1, pat)) {
		const char *q = p + strlen(pat);

		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == ':')
			break;
	}
	if (p == NULL)
		return false;
	p += strlen(pat);
	while (*p == ' ' || *p == ':' || *p == '\t')
		p++;
	if (*p != '"')
		return false;
	p++;
	while (p[n] && p[n] != '"' && n + 1 < cap)
		n++;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

static int
load_config(const char *path, struct config *c)
{
	FILE *f = fopen(path, "r");
	char raw[65536], *p, *colon;
	size_t n;

	memset(c, 0, sizeof(*c));
	if (f == NULL) {
		perror("fakeminer: config");
		return -1;
	}
	n = fread(raw, 1, sizeof(raw) - 1, f);
	fclose(f);
	raw[n] = '\0';
	for (p = raw; *p == ' ' || *p == '\n' || *p == '\t'; p++)
		;
	c->text = *p == '{' ? strdup(p) : decode(p);
	memset(raw, 0, sizeof(raw));
	if (c->text == NULL || !jget(c->text, "url", c->url, sizeof(c->url)) ||
	    !jget(c->text, "user", c->user, sizeof(c->user))) {
		fprintf(stderr, "fakeminer: the config has no url or user\n");
		return -1;
	}
	if (!jget(c->text, "pass", c->pass, sizeof(c->pass)))
		snprintf(c->pass, sizeof(c->pass), "x");
	if (!jget(c->text, "user-agent", c->agent, sizeof(c->agent)))
		snprintf(c->agent, sizeof(c->agent), "fakeminer/1.0");
	if (!jget(c->text, "dialect", c->dialect, sizeof(c->dialect)))
		snprintf(c->dialect, sizeof(c->dialect), "xmrig");
	jget(c->text, "order", c->order, sizeof(c->order));
	c->residue = strstr(c->text, "\"residue\":true") != NULL;
	/* scheme://host:port, host:port or [v6]:port */
	p = strstr(c->url, "://");
	p = p ? p + 3 : c->url;
	if (*p == '[') {
		char *e = strchr(p, ']');

		if (e == NULL || e[1] != ':')
			return -1;
		snprintf(c->host, sizeof(c->host), "%.*s", (int)(e - p - 1),
		    p + 1);
		c->port = atoi(e + 2);
	} else {
		colon = strrchr(p, ':');
		if (colon == NULL)
			return -1;
		snprintf(c->host, sizeof(c->host), "%.*s", (int)(colon - p), p);
		c->port = atoi(colon + 1);
	}
	if (c->port <= 0 || c->port > 65535) {
		fprintf(stderr, "fakeminer: bad port in the pool url\n");
		return -1;
	}
	return 0;
}

/* ---- the job the workers hash ------------------------------------------ */

static pthread_mutex_t jlock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char jblob[128];
static size_t jlen;
static char jid[64];
static atomic_uint jgen;
static atomic_int quit;
static atomic_ullong hashes;
static unsigned char best[32];
static uint32_t best_nonce;
static unsigned best_gen;

static int
unhex(const char *h, unsigned char *out, size_t cap)
{
	size_t n = 0;

	while (h[0] && h[1] && n < cap) {
		unsigned v;

		if (sscanf(h, "%2x", &v) != 1)
			break;
		out[n++] = (unsigned char)v;
		h += 2;
	}
	return (int)n;
}

static void
set_job(const char *id, const char *hexblob)
{
	pthread_mutex_lock(&jlock);
	snprintf(jid, sizeof(jid), "%s", id);
	jlen = (size_t)unhex(hexblob, jblob, sizeof(jblob));
	if (jlen < 43)
		jlen = 80;   /* too short to carry a nonce: hash zeros */
	memset(best, 0xff, sizeof(best));
	atomic_fetch_add(&jgen, 1);
	best_gen = atomic_load(&jgen);
	pthread_mutex_unlock(&jlock);
}

static void *
worker(void *arg)
{
	unsigned char b[128], h1[32], h2[32];
	uint32_t nonce = (uint32_t)(uintptr_t)arg << 24;
	unsigned gen = 0;
	size_t len = 0;

	while (!atomic_load(&quit)) {
		if (gen != atomic_load(&jgen)) {
			pthread_mutex_lock(&jlock);
			gen = atomic_load(&jgen);
			memcpy(b, jblob, sizeof(b));
			len = jlen;
			pthread_mutex_unlock(&jlock);
		}
		if (len == 0) {
			usleep(10000);
			continue;
		}
		for (int i = 0; i < 4096; i++, nonce++) {
			memcpy(b + 39, &nonce, 4);  /* XMRig's nonce offset */
			sha256(b, len, h1);
			sha256(h1, 32, h2);
			if (memcmp(h2 + 28, best + 28, 4) < 0) {
				pthread_mutex_lock(&jlock);
				if (gen == best_gen &&
				    memcmp(h2 + 28, best + 28, 4) < 0) {
					memcpy(best, h2, 32);
					best_nonce = nonce;
				}
				pthread_mutex_unlock(&jlock);
			}
		}
		atomic_fetch_add(&hashes, 4096);
	}
	return NULL;
}

/* ---- the pool connection ----------------------------------------------- */

struct conn {
	int fd;
	char *rbuf;                 /* heap, like XMRig's line reader */
	char *sbuf;                 /* heap, the last message sent */
	size_t rlen;
	char *login_req;            /* kept for the session (heap) */
	char *sub_req;              /* mining.subscribe, kept likewise */
	char *last_job;             /* the last job message (heap) */
	char sid[64];
	int seq;
	bool have_job;
};

static void
xsend(struct conn *k, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static char *mkstr(bool residue, const char *f, ...)
    __attribute__((format(printf, 2, 3)));

static void
xsend(struct conn *k, const char *fmt, ...)
{
	va_list ap;
	int n;
	size_t off = 0;

	if (k->fd < 0)
		return;
	/* one send buffer, reused for every message, as XMRig's client does:
	 * the last message stays in the heap */
	va_start(ap, fmt);
	n = vsnprintf(k->sbuf, SENDMAX, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= SENDMAX)
		return;
	while (off < (size_t)n) {
		ssize_t w = send(k->fd, k->sbuf + off, (size_t)n - off,
		    MSG_NOSIGNAL);

		if (w <= 0) {
			close(k->fd);
			k->fd = -1;
			break;
		}
		off += (size_t)w;
	}
}

/*
 * Build a copy of s the way a growing string buffer does (rapidjson's
 * StringBuffer, std::string): start small, and on each growth allocate
 * twice the room, copy, free the old one.  The freed buffers keep
 * truncated prefixes of s in the heap, as real miners' heaps do.
 */
static char *
grown_copy(const char *s)
{
	size_t len = strlen(s), cap = 32;
	char *b = malloc(cap);

	if (b == NULL)
		return NULL;
	memcpy(b, s, len + 1 < cap ? len + 1 : cap);
	while (cap < len + 1) {
		char *nb = malloc(cap * 2);

		if (nb == NULL) {
			free(b);
			return NULL;
		}
		memcpy(nb, s, len + 1 < cap * 2 ? len + 1 : cap * 2);
		free(b);
		b = nb;
		cap *= 2;
	}
	return b;
}

/*
 * The request as one heap string.  Formatted on the stack first, so the
 * heap holds exactly one whole copy (vasprintf would leave a truncated
 * scratch copy behind: the tests' assertions stay deterministic), or, with
 * residue, the copies a growing buffer leaves.
 */
static char *
mkstr(bool residue, const char *f, ...)
{
	char line[2048];
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsnprintf(line, sizeof(line), f, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(line))
		return NULL;
	return residue ? grown_copy(line) : strdup(line);
}

static int
dial(const struct config *c)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd;

	memset(&ss, 0, sizeof(ss));
	if (strchr(c->host, ':')) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)c->port);
		if (inet_pton(AF_INET6, c->host, &s6->sin6_addr) != 1)
			return -2;
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)c->port);
		if (inet_pton(AF_INET, c->host, &s4->sin_addr) != 1)
			return -2;  /* numeric addresses only: no DNS */
		sl = sizeof(*s4);
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&ss, sl) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
hello(struct conn *k, const struct config *c)
{
	char *req = NULL, *sub = NULL;
	bool slush = strcmp(c->order, "slush") == 0;

	k->seq = 1;
	if (strcmp(c->dialect, "btc") == 0) {
		if (slush) {
			sub = mkstr(false, "{\"params\": [\"%s\"], \"id\": 1, "
			    "\"method\": \"%s\"}\n", c->agent, M_SUBSCRIBE);
			req = mkstr(c->residue, "{\"params\": [\"%s\", "
			    "\"%s\"], \"id\": 2, \"method\": \"%s\"}\n",
			    c->user, c->pass, M_AUTHORIZE);
		} else {
			sub = mkstr(false, "{\"id\": 1, \"method\": \"%s\", "
			    "\"params\": [\"%s\"]}\n", M_SUBSCRIBE, c->agent);
			req = mkstr(c->residue, "{\"id\": 2, \"method\": "
			    "\"%s\", \"params\": [\"%s\", \"%s\"]}\n",
			    M_AUTHORIZE, c->user, c->pass);
		}
		if (sub) {
			xsend(k, "%s", sub);
			free(k->sub_req);
			k->sub_req = sub;
		}
		k->seq = 3;
	} else {
		req = mkstr(c->residue, "{\"id\":1,\"jsonrpc\":\"2.0\","
		    "\"method\":\"login\",\"params\":{\"login\":\"%s\","
		    "\"pass\":\"%s\",\"agent\":\"%s\",\"algo\":[\"rx/0\"]}}\n",
		    c->user, c->pass, c->agent);
		k->seq = 2;
	}
	if (req) {
		xsend(k, "%s", req);
		free(k->login_req);
		k->login_req = req;
	}
}

static void
keep_job(struct conn *k, const char *line)
{
	free(k->last_job);
	k->last_job = strdup(line);
}

/* The n-th string of "params":[...] (n from 0), or false. */
static bool
param_n(const char *line, int n, char *out, size_t cap)
{
	const char *p = strstr(line, "\"params\"");

	if (p == NULL || (p = strchr(p, '[')) == NULL)
		return false;
	p++;
	for (int i = 0; i <= n; i++) {
		const char *q = strchr(p, '"'), *e;

		if (q == NULL || (e = strchr(q + 1, '"')) == NULL)
			return false;
		if (i == n) {
			snprintf(out, cap, "%.*s", (int)(e - q - 1), q + 1);
			return true;
		}
		p = e + 1;
	}
	return false;
}

static void
on_line(struct conn *k, const struct config *c, const char *line)
{
	char id[64], hex[512];

	if (strcmp(c->dialect, "btc") == 0) {
		if (strstr(line, M_NOTIFY) &&
		    param_n(line, 0, id, sizeof(id)) &&
		    param_n(line, 1, hex, sizeof(hex))) {
			keep_job(k, line);
			set_job(id, hex);
			k->have_job = true;
		}
		return;
	}
	/* the login reply carries the first job, later ones are pushed */
	if (!jget(line, "job_id", id, sizeof(id)) ||
	    !jget(line, "blob", hex, sizeof(hex)))
		return;
	if (k->sid[0] == '\0') {
		const char *r = strstr(line, "\"result\"");

		if (r)
			jget(r, "id", k->sid, sizeof(k->sid));
	}
	keep_job(k, line);
	set_job(id, hex);
	k->have_job = true;
}

static void
submit(struct conn *k, const struct config *c)
{
	unsigned char h[32];
	char hex[65];
	uint32_t nonce;
	char id[64];

	pthread_mutex_lock(&jlock);
	memcpy(h, best, sizeof(h));
	nonce = best_nonce;
	snprintf(id, sizeof(id), "%s", jid);
	pthread_mutex_unlock(&jlock);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	if (strcmp(c->dialect, "btc") == 0)
		xsend(k, "{\"method\": \"%s\", \"params\": [\"%s\", \"%s\", "
		    "\"00000001\", \"%08x\", \"%08x\"], \"id\":%d}\n", M_SUBMIT,
		    c->user, id, (unsigned)time(NULL), nonce, k->seq++);
	else
		xsend(k, "{\"id\":%d,\"jsonrpc\":\"2.0\",\"method\":\"submit\","
		    "\"params\":{\"id\":\"%s\",\"job_id\":\"%s\",\"nonce\":"
		    "\"%08x\",\"result\":\"%s\"}}\n", k->seq++, k->sid, id,
		    nonce, hex);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
usage(void)
{
	fprintf(stderr, "usage: fakeminer -c CONFIG [-t SECS] [-T THREADS] "
	    "[-n COMM] [-0 ARGV0] [-N NICE] [-- IGNORED...]\n"
	    "       fakeminer -E <plain.json >obscured\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *cfgpath = NULL, *comm = NULL, *argv0 = NULL;
	long secs = 30, nthreads = sysconf(_SC_NPROCESSORS_ONLN), niceval = 0;
	pthread_t th[MAXTHREADS];
	struct config cfg;
	struct conn k;
	double t_end, t_submit, t_keep, t_dial = 0;
	bool ready = false;
	int opt;

	while ((opt = getopt(argc, argv, "+Ec:t:T:n:0:N:")) != -1) {
		switch (opt) {
		case 'E': return encode();
		case 'c': cfgpath = optarg; break;
		case 't': secs = strtol(optarg, NULL, 10); break;
		case 'T': nthreads = strtol(optarg, NULL, 10); break;
		case 'n': comm = optarg; break;
		case '0': argv0 = optarg; break;
		case 'N': niceval = strtol(optarg, NULL, 10); break;
		default: usage();
		}
	}
	if (cfgpath == NULL || secs <= 0 || secs > 600 || nthreads < 1 ||
	    niceval < 0 || niceval > 19)
		usage();
	if (nthreads > MAXTHREADS)
		nthreads = MAXTHREADS;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		return 0;
	signal(SIGPIPE, SIG_IGN);
	M_SUBSCRIBE = unmask("mining~subscribe");
	M_AUTHORIZE = unmask("mining~authorize");
	M_NOTIFY = unmask("mining~notify");
	M_SUBMIT = unmask("mining~submit");
	if (load_config(cfgpath, &cfg) != 0)
		return 1;
	if (niceval && setpriority(PRIO_PROCESS, 0, (int)niceval) != 0)
		perror("fakeminer: setpriority");
	/* the disguise, before the threads inherit the name */
	if (comm != NULL && prctl(PR_SET_NAME, comm) != 0) {
		perror("fakeminer: prctl(PR_SET_NAME)");
		return 1;
	}
	if (argv0 != NULL) {
		char *start = argv[0];
		char *end = argv[argc - 1] + strlen(argv[argc - 1]) + 1;
		size_t room = (size_t)(end - start), n = strlen(argv0);
		char *copy = strdup(argv0);

		if (copy == NULL)
			return 1;
		if (n >= room)
			n = room - 1;
		memset(start, 0, room);
		memcpy(start, copy, n);
		free(copy);
	}
	for (long i = 0; i < nthreads; i++)
		if (pthread_create(&th[i], NULL, worker,
		    (void *)(uintptr_t)i) != 0) {
			fprintf(stderr, "fakeminer: pthread_create failed\n");
			return 1;
		}

	memset(&k, 0, sizeof(k));
	k.fd = -1;
	k.rbuf = malloc(RECVMAX);
	k.sbuf = malloc(SENDMAX);
	if (k.rbuf == NULL || k.sbuf == NULL)
		return 1;
	t_end = now() + (double)secs;
	t_submit = now() + 2;
	t_keep = now() + 60;
	while (now() < t_end) {
		struct pollfd pfd;
		double t = now();

		if (k.fd < 0) {
			if (t < t_dial) {
				usleep(100000);
				continue;
			}
			k.fd = dial(&cfg);
			if (k.fd == -2) {
				fprintf(stderr, "fakeminer: the pool address "
				    "must be numeric\n");
				break;
			}
			if (k.fd < 0) {
				t_dial = t + 0.2;
				continue;
			}
			k.rlen = 0;
			k.sid[0] = '\0';
			hello(&k, &cfg);
			continue;
		}
		if (t >= t_submit) {
			if (k.have_job)
				submit(&k, &cfg);
			t_submit = t + 2;
		}
		if (t >= t_keep && strcmp(cfg.dialect, "btc") != 0) {
			xsend(&k, "{\"id\":%d,\"jsonrpc\":\"2.0\",\"method\":"
			    "\"keepalived\",\"params\":{\"id\":\"%s\"}}\n",
			    k.seq++, k.sid);
			t_keep = t + 60;
		}
		if (k.fd < 0)
			continue;
		pfd.fd = k.fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 200) <= 0)
			continue;
		{
			ssize_t r = recv(k.fd, k.rbuf + k.rlen,
			    RECVMAX - 1 - k.rlen, 0);
			char *p, *nl;

			if (r <= 0) {
				close(k.fd);
				k.fd = -1;
				t_dial = t + 1;
				continue;
			}
			k.rlen += (size_t)r;
			k.rbuf[k.rlen] = '\0';
			p = k.rbuf;
			while ((nl = strchr(p, '\n')) != NULL) {
				*nl = '\0';
				on_line(&k, &cfg, p);
				*nl = '\n';  /* leave the line as it came */
				p = nl + 1;
			}
			k.rlen -= (size_t)(p - k.rbuf);
			memmove(k.rbuf, p, k.rlen);
			if (k.rlen >= RECVMAX - 1)
				k.rlen = 0;
		}
		if (k.have_job && !ready) {
			printf("ready %d\n", (int)getpid());
			fflush(stdout);
			ready = true;
		}
	}
	atomic_store(&quit, 1);
	for (long i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	fprintf(stderr, "fakeminer: %llu hashes\n",
	    (unsigned long long)atomic_load(&hashes));
	return 0;
}
