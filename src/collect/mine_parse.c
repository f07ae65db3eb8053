/* mine_parse.c - stratum shapes, miner strings and their values. */
#include <stdio.h>
#include <string.h>

#include "../core/err.h"
#include "../core/facts.h"
#include "mine_parse.h"

enum extract { X_NONE, X_AGENT, X_LOGIN, X_URL, X_URLRAW, X_ALGO, X_USER,
	X_AUTH };
enum raw_bits { RAW_BLOB = 1, RAW_JOBID = 2, RAW_TARGET = 4 };

/* Protocol facts of stratum (XMRig's JSON-RPC dialect and the Bitcoin
 * one), not a user-editable list.  Both spellings of the separator that
 * real miners use are listed. */
static const struct {
	const char *pat;
	unsigned shape;
	unsigned raw;
	enum extract x;
} proto[] = {
	{ "\"method\":\"login\"", STRATUM_LOGIN, 0, X_NONE },
	{ "\"method\": \"login\"", STRATUM_LOGIN, 0, X_NONE },
	{ "\"method\":\"submit\"", STRATUM_SUBMIT, 0, X_NONE },
	{ "\"method\": \"submit\"", STRATUM_SUBMIT, 0, X_NONE },
	{ "\"method\":\"job\"", 0, RAW_BLOB, X_NONE },
	{ "\"method\": \"job\"", 0, RAW_BLOB, X_NONE },
	{ "\"method\":\"keepalived\"", STRATUM_KEEPALIVE, 0, X_NONE },
	{ "\"method\": \"keepalived\"", STRATUM_KEEPALIVE, 0, X_NONE },
	{ "\"blob\":\"", 0, RAW_BLOB, X_NONE },
	{ "\"blob\": \"", 0, RAW_BLOB, X_NONE },
	{ "\"job_id\":\"", 0, RAW_JOBID, X_NONE },
	{ "\"job_id\": \"", 0, RAW_JOBID, X_NONE },
	{ "\"target\":\"", 0, RAW_TARGET, X_NONE },
	{ "\"target\": \"", 0, RAW_TARGET, X_NONE },
	{ "\"seed_hash\":\"", STRATUM_SEED, 0, X_NONE },
	{ "\"seed_hash\": \"", STRATUM_SEED, 0, X_NONE },
	{ "\"mining.subscribe\"", STRATUM_SUBSCRIBE, 0, X_NONE },
	{ "\"mining.authorize\"", STRATUM_AUTHORIZE, 0, X_AUTH },
	{ "\"mining.notify\"", STRATUM_NOTIFY, 0, X_NONE },
	{ "\"mining.submit\"", STRATUM_MSUBMIT, 0, X_NONE },
	{ "\"agent\":\"", 0, 0, X_AGENT },
	{ "\"agent\": \"", 0, 0, X_AGENT },
	{ "\"login\":\"", 0, 0, X_LOGIN },
	{ "\"login\": \"", 0, 0, X_LOGIN },
	{ "\"url\":\"", 0, 0, X_URL },
	{ "\"url\": \"", 0, 0, X_URL },
	{ "\"algo\":\"", 0, 0, X_ALGO },
	{ "\"algo\": \"", 0, 0, X_ALGO },
	{ "\"user\":\"", 0, 0, X_USER },
	{ "\"user\": \"", 0, 0, X_USER },
	{ "stratum+tcp://", 0, 0, X_URLRAW },
	{ "stratum+ssl://", 0, 0, X_URLRAW },
	{ "stratum+tls://", 0, 0, X_URLRAW },
	{ "stratum2+tcp://", 0, 0, X_URLRAW },
};
#define NPROTO (sizeof(proto) / sizeof(proto[0]))

int
minescan_set_init(struct minescan_set *set, const struct ioc *user)
{
	memset(set, 0, sizeof(*set));
	/* user strings first (ids 0..nuser-1), then the protocol table */
	for (size_t i = 0; user && i < user->nstrings; i++)
		ioc_add_string(&set->io, user->strings[i].s,
		    user->strings[i].len, user->strings[i].weight);
	set->nuser = (uint32_t)set->io.nstrings;
	for (size_t i = 0; i < NPROTO; i++)
		ioc_add_string(&set->io, proto[i].pat, strlen(proto[i].pat),
		    IOC_STRONG);
	ioc_finish(&set->io);
	return RM_OK;
}

void
minescan_set_free(struct minescan_set *set)
{
	ioc_free(&set->io);
}

void
minescan_init(struct minescan *m, const struct minescan_set *set)
{
	memset(m, 0, sizeof(*m));
	m->set = set;
}

/* Characters a URL, agent or wallet value may hold (printable, no quote
 * or backslash).  Values are hostile: cap them and stop at anything odd. */
static void
take(char *dst, size_t cap, const char *p, const char *end, bool url)
{
	size_t n = 0, have = strlen(dst);

	/* keep the first value seen; only a bare URL cut off by the end of a
	 * chunk may be completed by the next chunk, which starts with it */
	if (have && !url)
		return;
	while (p + n < end && n + 1 < cap) {
		unsigned char c = (unsigned char)p[n];

		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' ||
		    (url && (c == ' ' || c == ',' || c == '\'' || c == '}')))
			break;
		n++;
	}
	if (n == 0 || (!url && p + n >= end))
		return;  /* empty, or cut off before its closing quote */
	if (have && (n <= have || memcmp(dst, p, have) != 0))
		return;
	memcpy(dst, p, n);
	dst[n] = '\0';
}

/* The first string of the "params" array of the JSON object around a
 * mining.authorize method: after the method (the usual order) or before
 * it (slush's documentation), never past the object's braces. */
static void
take_auth(struct minescan *m, const char *buf, const char *hit,
	  const char *after, const char *end)
{
	const char *lo = hit - buf > 300 ? hit - 300 : buf;
	const char *hi = end - after > 300 ? after + 300 : end;
	const char *q, *best = NULL;

	/* the object's bounds: the nearest '{' before, '}' after */
	for (q = hit; q > lo; q--)
		if (q[-1] == '{') {
			lo = q - 1;
			break;
		}
	q = memchr(after, '}', (size_t)(hi - after));
	if (q)
		hi = q;
	for (q = lo; (q = memmem(q, (size_t)(hi - q), "\"params\"", 8)) !=
	    NULL; q += 8)
		best = q;
	if (best == NULL)
		return;
	q = best + 8;
	while (q < hi && (*q == ':' || *q == ' ' || *q == '['))
		q++;
	if (q < hi && *q == '"')
		take(m->auth, sizeof(m->auth), q + 1, end, false);
}

struct scanctx {
	struct minescan *m;
	const char *buf, *end;
};

static int
on_hit(const struct ioc_string *st, size_t off, void *arg)
{
	struct scanctx *c = arg;
	struct minescan *m = c->m;
	const char *after = c->buf + off + st->len;

	if (st->id < m->set->nuser) {
		uint32_t id = st->id;

		if (id >= sizeof(m->seen) * 8)
			return 0;  /* only the first 512 strings count */
		if (m->seen[id / 8] & (1u << (id % 8)))
			return 0;
		m->seen[id / 8] |= (uint8_t)(1u << (id % 8));
		if (st->weight == IOC_STRONG)
			m->strong++;
		else
			m->weak++;
		if (m->nkeep < sizeof(m->keep) / sizeof(m->keep[0]))
			m->keep[m->nkeep++] = st->s;
		return 0;
	}
	{
		size_t k = st->id - m->set->nuser;

		if (k >= NPROTO)
			return 0;
		m->stratum |= proto[k].shape;
		m->raw |= proto[k].raw;
		switch (proto[k].x) {
		case X_AGENT: take(m->agent, sizeof(m->agent), after, c->end,
		    false); break;
		case X_LOGIN: take(m->login, sizeof(m->login), after, c->end,
		    false); break;
		case X_URL: take(m->url, sizeof(m->url), after, c->end, false);
			break;
		case X_URLRAW:
			take(m->url, sizeof(m->url), c->buf + off, c->end, true);
			break;
		case X_ALGO: take(m->algo, sizeof(m->algo), after, c->end,
		    false); break;
		case X_USER: take(m->user, sizeof(m->user), after, c->end,
		    false); break;
		case X_AUTH: take_auth(m, c->buf, c->buf + off, after, c->end);
			break;
		case X_NONE: break;
		}
	}
	return 0;
}

void
minescan_feed(struct minescan *m, const char *buf, size_t n)
{
	struct scanctx c = { m, buf, buf + n };

	ioc_scan(&m->set->io, buf, n, on_hit, &c);
}

void
minescan_finish(struct minescan *m)
{
	if ((m->raw & RAW_BLOB) && (m->raw & (RAW_JOBID | RAW_TARGET)))
		m->stratum |= STRATUM_JOB;
}

static bool
base58(unsigned char c)
{
	return (c >= '1' && c <= '9') || (c >= 'A' && c <= 'H') ||
	    (c >= 'J' && c <= 'N') || (c >= 'P' && c <= 'Z') ||
	    (c >= 'a' && c <= 'k') || (c >= 'm' && c <= 'z');
}

bool
mine_is_wallet(const char *s, size_t n, size_t *addrlen)
{
	size_t l = 0;

	while (l < n && base58((unsigned char)s[l]))
		l++;
	if (l != 95 && l != 106)
		return false;
	if (s[0] != '4' && s[0] != '8')
		return false;
	if (l < n && s[l] != '.' && s[l] != '+' && s[l] != ' ' &&
	    s[l] != '"' && s[l] != '/' && s[l] != ':')
		return false;
	*addrlen = l;
	return true;
}

static void
copy_tok(char *dst, size_t cap, const char *p, size_t n)
{
	if (cap == 0 || dst[0])
		return;
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, p, n);
	dst[n] = '\0';
}

void
mine_parse_argv(const char *cmdline, char *pool, size_t poollen, char *user,
		size_t userlen)
{
	const char *p = cmdline, *prev = NULL;
	size_t prevlen = 0;

	if (poollen)
		pool[0] = '\0';
	if (userlen)
		user[0] = '\0';
	while (*p) {
		const char *t, *eq;
		size_t n, al;

		while (*p == ' ')
			p++;
		t = p;
		while (*p && *p != ' ')
			p++;
		n = (size_t)(p - t);
		if (n == 0)
			break;
		eq = memchr(t, '=', n);
		if (prev && ((prevlen == 2 && memcmp(prev, "-o", 2) == 0) ||
		    (prevlen == 5 && memcmp(prev, "--url", 5) == 0)))
			copy_tok(pool, poollen, t, n);
		else if (prev && ((prevlen == 2 && memcmp(prev, "-u", 2) == 0) ||
		    (prevlen == 6 && memcmp(prev, "--user", 6) == 0)))
			copy_tok(user, userlen, t, n);
		if (eq && (size_t)(eq - t) == 5 && memcmp(t, "--url", 5) == 0)
			copy_tok(pool, poollen, eq + 1, n - 6);
		else if (eq && (size_t)(eq - t) == 6 && memcmp(t, "--user", 6)
		    == 0)
			copy_tok(user, userlen, eq + 1, n - 7);
		if (memmem(t, n, "stratum", 7) && memmem(t, n, "://", 3)) {
			const char *s = memmem(t, n, "stratum", 7);

			copy_tok(pool, poollen, s, n - (size_t)(s - t));
		}
		if (mine_is_wallet(t, n, &al))
			copy_tok(user, userlen, t, n);
		prev = t;
		prevlen = n;
	}
}
