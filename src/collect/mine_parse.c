/* mine_parse.c - stratum shapes, miner strings and their values. */
#include <stdio.h>
#include <string.h>

#include "../core/err.h"
#include "../core/facts.h"
#include "mine_parse.h"

enum extract { X_NONE, X_AGENT, X_LOGIN, X_URL, X_URLRAW, X_ALGO, X_USER,
	X_AUTH, X_SUBAGENT };
enum raw_bits { RAW_BLOB = 1, RAW_JOBID = 2, RAW_TARGET = 4 };
/* What turns a matched fragment into a message (a signature table in a
 * compiler's or a scanner's memory has the fragments, not messages):
 * N_OBJECT the method sits in a JSON object that has "params";
 * N_HEX64  the value has at least 64 hex digits (a blob, a seed hash);
 * N_VALUE  the value is not empty. */
enum need { N_ANY, N_OBJECT, N_HEX64, N_VALUE };

/* Protocol facts of stratum (XMRig's JSON-RPC dialect and the Bitcoin
 * one), not a user-editable list.  Both spellings of the separator that
 * real miners use are listed. */
#define P(lit) lit, sizeof(lit) - 1
static const struct {
	const char *pat;
	size_t len;
	unsigned shape;
	unsigned raw;
	enum extract x;
	enum need need;
} proto[] = {
	{ P("\"method\":\"login\""), STRATUM_LOGIN, 0, X_NONE, N_OBJECT },
	{ P("\"method\": \"login\""), STRATUM_LOGIN, 0, X_NONE, N_OBJECT },
	{ P("\"method\":\"submit\""), STRATUM_SUBMIT, 0, X_NONE, N_OBJECT },
	{ P("\"method\": \"submit\""), STRATUM_SUBMIT, 0, X_NONE, N_OBJECT },
	{ P("\"method\":\"job\""), 0, RAW_BLOB, X_NONE, N_OBJECT },
	{ P("\"method\": \"job\""), 0, RAW_BLOB, X_NONE, N_OBJECT },
	{ P("\"method\":\"keepalived\""), STRATUM_KEEPALIVE, 0, X_NONE, N_OBJECT },
	{ P("\"method\": \"keepalived\""), STRATUM_KEEPALIVE, 0, X_NONE, N_OBJECT },
	{ P("\"blob\":\""), 0, RAW_BLOB, X_NONE, N_HEX64 },
	{ P("\"blob\": \""), 0, RAW_BLOB, X_NONE, N_HEX64 },
	{ P("\"job_id\":\""), 0, RAW_JOBID, X_NONE, N_VALUE },
	{ P("\"job_id\": \""), 0, RAW_JOBID, X_NONE, N_VALUE },
	{ P("\"target\":\""), 0, RAW_TARGET, X_NONE, N_VALUE },
	{ P("\"target\": \""), 0, RAW_TARGET, X_NONE, N_VALUE },
	{ P("\"seed_hash\":\""), STRATUM_SEED, 0, X_NONE, N_HEX64 },
	{ P("\"seed_hash\": \""), STRATUM_SEED, 0, X_NONE, N_HEX64 },
	{ P("\"mining.subscribe\""), STRATUM_SUBSCRIBE, 0, X_SUBAGENT, N_OBJECT },
	{ P("\"mining.authorize\""), STRATUM_AUTHORIZE, 0, X_AUTH, N_OBJECT },
	{ P("\"mining.notify\""), STRATUM_NOTIFY, 0, X_NONE, N_OBJECT },
	{ P("\"mining.submit\""), STRATUM_MSUBMIT, 0, X_NONE, N_OBJECT },
	{ P("\"agent\":\""), 0, 0, X_AGENT, N_ANY },
	{ P("\"agent\": \""), 0, 0, X_AGENT, N_ANY },
	{ P("\"login\":\""), 0, 0, X_LOGIN, N_ANY },
	{ P("\"login\": \""), 0, 0, X_LOGIN, N_ANY },
	{ P("\"url\":\""), 0, 0, X_URL, N_ANY },
	{ P("\"url\": \""), 0, 0, X_URL, N_ANY },
	{ P("\"algo\":\""), 0, 0, X_ALGO, N_ANY },
	{ P("\"algo\": \""), 0, 0, X_ALGO, N_ANY },
	{ P("\"user\":\""), 0, 0, X_USER, N_ANY },
	{ P("\"user\": \""), 0, 0, X_USER, N_ANY },
	{ P("stratum+tcp://"), 0, 0, X_URLRAW, N_ANY },
	{ P("stratum+ssl://"), 0, 0, X_URLRAW, N_ANY },
	{ P("stratum+tls://"), 0, 0, X_URLRAW, N_ANY },
	{ P("stratum2+tcp://"), 0, 0, X_URLRAW, N_ANY },
	/* what a JSON parser working in place (rapidjson ParseInsitu, as in
	 * XMRig) leaves of a received job: each key's closing quote
	 * overwritten by a NUL */
	{ P("\"blob\0:\""), 0, RAW_BLOB, X_NONE, N_HEX64 },
	{ P("\"job_id\0:\""), 0, RAW_JOBID, X_NONE, N_VALUE },
	{ P("\"target\0:\""), 0, RAW_TARGET, X_NONE, N_VALUE },
	{ P("\"seed_hash\0:\""), STRATUM_SEED, 0, X_NONE, N_HEX64 },
	{ P("\"method\0:\"job\0"), 0, RAW_BLOB, X_NONE, N_ANY },
};
#define NPROTO (sizeof(proto) / sizeof(proto[0]))

int
minescan_set_init(struct minescan_set *set, const struct ioc *user)
{
	memset(set, 0, sizeof(*set));
	/* user strings first (ids 0..nuser-1), then the protocol table */
	for (size_t i = 0; user && i < user->nstrings; i++) {
		if (user->strings[i].len > IOC_STRING_MAX)
			continue;
		ioc_add_string(&set->io, user->strings[i].s,
		    user->strings[i].len, user->strings[i].weight);
		set->io.strings[set->io.nstrings - 1].name =
		    user->strings[i].name;
	}
	set->nuser = (uint32_t)set->io.nstrings;
	for (size_t i = 0; i < NPROTO; i++)
		ioc_add_string(&set->io, proto[i].pat, proto[i].len,
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
	size_t n = 0;

	if (dst[0])
		return;  /* the first value seen wins */
	while (p + n < end && n + 1 < cap) {
		unsigned char c = (unsigned char)p[n];

		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' ||
		    (url && (c == ' ' || c == ',' || c == '\'' || c == '}')))
			break;
		n++;
	}
	if (n == 0 || (!url && n + 1 < cap && (p + n >= end || p[n] != '"')))
		return;  /* empty, or cut off before its closing quote */
	memcpy(dst, p, n);
	dst[n] = '\0';
}

/*
 * The "params" key of the JSON object around a method.  The object starts
 * at the nearest '{' before the method with no '}' or NUL in between, at
 * most CTX_BACK bytes back; "params" lies between that '{' and the method
 * (the slush manual's order, which pools use for mining.notify: a long
 * array first) or at most CTX_FWD bytes after the method and before the
 * next '}' or NUL (XMRig's order).
 *
 * Every byte looked at lies in a window smaller than MINESCAN_OVERLAP, so
 * a chunked scan decides as one over the whole stream.  Hostile memory
 * may pack methods densely: the walk back stops where the previous walk
 * began and reuses its result, so one feed walks each byte once.
 */
#define CTX_BACK 3072
#define CTX_FWD 64
/* Matches arrive in the order they start.  A chunk that another follows
 * leaves the matches that start within DEFER bytes of its end to the
 * next chunk, which holds them whole with all their context: a miner
 * string (at most IOC_STRING_MAX bytes), or a protocol pattern (shorter
 * than 32 bytes) with "params" within CTX_FWD, a few separators and a
 * quoted value after it and CTX_BACK before it.  So the first value and
 * the order of the kept strings do not depend on where chunks end. */
#define DEFER 512
_Static_assert(IOC_STRING_MAX <= DEFER &&
	       32 + CTX_FWD + 16 + MINESCAN_VAL <= DEFER &&
	       DEFER + CTX_BACK <= MINESCAN_OVERLAP,
	       "a match's context must fit in the chunk overlap");

struct scanctx {
	struct minescan *m;
	const char *buf, *end;
	size_t defer;      /* matches starting past this wait */
	/* the last walk back: from w_at, the nearest '{', '}' or NUL (NULL:
	 * none within reach) and the first "params" key after it */
	const char *w_at, *w_stop, *w_params;
};

static const char *
stop_before(const char *lo, const char *at)
{
	for (const char *p = at; p > lo; p--)
		if (p[-1] == '{' || p[-1] == '}' || p[-1] == '\0')
			return p - 1;
	return NULL;
}

static const char *
params_in(const char *from, const char *to)
{
	return to - from >= 8 ? memmem(from, (size_t)(to - from),
	    "\"params\"", 8) : NULL;
}

static const char *
params_of(struct scanctx *c, const char *at, const char *after)
{
	const char *lo = at - c->buf > CTX_BACK ? at - CTX_BACK : c->buf;
	const char *stop, *q;
	size_t n;

	if (c->w_at && c->w_at <= at) {
		/* only [w_at, at) is new */
		stop = stop_before(c->w_at > lo ? c->w_at : lo, at);
		if (stop)
			q = params_in(stop, at);
		else if (c->w_stop && c->w_stop >= lo) {
			stop = c->w_stop;
			q = c->w_params ? c->w_params : params_in(c->w_at - 7 >
			    stop ? c->w_at - 7 : stop, at);
		} else {
			stop = NULL;
			q = NULL;
		}
	} else {
		stop = stop_before(lo, at);
		q = stop ? params_in(stop, at) : NULL;
	}
	c->w_at = at;
	c->w_stop = stop;
	c->w_params = q;
	if (stop == NULL || *stop != '{')
		return NULL;
	if (q)
		return q;
	n = (size_t)(c->end - after) < CTX_FWD ? (size_t)(c->end - after) :
	    CTX_FWD;
	for (const char *p = after; p < after + n; p++) {
		if (*p == '}' || *p == '\0')
			return NULL;
		if (*p == '"' && (size_t)(after + n - p) >= 8 &&
		    memcmp(p, "\"params\"", 8) == 0)
			return p;
	}
	return NULL;
}

/* The first string of "params":[...] of the object around a method:
 * authorize's is the worker (wallet), subscribe's the agent. */
static void
take_param0(char *dst, size_t cap, struct scanctx *c, const char *at,
	    const char *after)
{
	const char *q = params_of(c, at, after), *end = c->end;
	int skip = 0;

	if (q == NULL)
		return;
	q += 8;
	while (q < end && skip++ < 8 && (*q == ':' || *q == ' ' || *q == '['))
		q++;
	if (q < end && *q == '"')
		take(dst, cap, q + 1, end, false);
}

static bool
is_message(enum need need, struct scanctx *c, const char *at,
	   const char *after)
{
	const char *end = c->end;
	size_t n = 0;

	switch (need) {
	case N_ANY:
		return true;
	case N_OBJECT:
		return params_of(c, at, after) != NULL;
	case N_HEX64:
		while (after + n < end && n < 64 &&
		    ((after[n] >= '0' && after[n] <= '9') ||
		    (after[n] >= 'a' && after[n] <= 'f') ||
		    (after[n] >= 'A' && after[n] <= 'F')))
			n++;
		return n >= 64;
	case N_VALUE:
		return after < end && *after != '"' && *after != '\0';
	}
	return true;
}

static int
on_hit(const struct ioc_string *st, size_t off, void *arg)
{
	struct scanctx *c = arg;
	struct minescan *m = c->m;
	const char *after = c->buf + off + st->len;

	if (off > c->defer)
		return 0;
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
		if (st->name)
			m->names++;
		if (m->nkeep < sizeof(m->keep) / sizeof(m->keep[0]))
			m->keep[m->nkeep++] = st->s;
		return 0;
	}
	{
		size_t k = st->id - m->set->nuser;

		if (k >= NPROTO)
			return 0;
		if (!is_message(proto[k].need, c, c->buf + off, after))
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
		case X_AUTH: take_param0(m->auth, sizeof(m->auth), c,
		    c->buf + off, after); break;
		case X_SUBAGENT: take_param0(m->agent, sizeof(m->agent), c,
		    c->buf + off, after); break;
		case X_NONE: break;
		}
	}
	return 0;
}

void
minescan_feed(struct minescan *m, const char *buf, size_t n, bool more)
{
	struct scanctx c = { m, buf, buf + n,
	    !more ? n : n > DEFER ? n - DEFER : 0, NULL, NULL, NULL };

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

/* A pool address: scheme://..., or host:port with a numeric port; not a
 * path or an option (gcc -o /tmp/cc1.s, ssh -o Opt=x, mount -o ro). */
static bool
pool_like(const char *t, size_t n)
{
	const char *c;
	size_t digits = 0;

	if (n == 0 || t[0] == '/' || t[0] == '.' || t[0] == '~' ||
	    t[0] == '-')
		return false;
	if (memmem(t, n, "://", 3))
		return true;
	c = memrchr(t, ':', n);
	if (c == NULL || memchr(t, '/', (size_t)(c - t)) || memchr(t, '=', n))
		return false;
	for (const char *p = c + 1; p < t + n; p++, digits++)
		if (*p < '0' || *p > '9')
			return false;
	return digits >= 1 && digits <= 5;
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
		    (prevlen == 5 && memcmp(prev, "--url", 5) == 0)) &&
		    pool_like(t, n))
			copy_tok(pool, poollen, t, n);
		else if (prev && ((prevlen == 2 && memcmp(prev, "-u", 2) == 0) ||
		    (prevlen == 6 && memcmp(prev, "--user", 6) == 0)))
			copy_tok(user, userlen, t, n);
		if (eq && (size_t)(eq - t) == 5 && memcmp(t, "--url", 5) == 0 &&
		    pool_like(eq + 1, n - 6))
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
