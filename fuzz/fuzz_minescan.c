/*
 * fuzz_minescan.c - the stratum/miner-string scanner of deep.c
 * (minescan_feed) on hostile bytes: process memory, an executable, a
 * config file.
 *
 * Input: bytes 0-3 seed the read sizes, the rest is the stream.  It is
 * scanned in one feed, and again as deep.c reads it: chunks of any size,
 * each scanned with the MINESCAN_OVERLAP bytes before it.  Checked: every
 * value is NUL-terminated inside its buffer and printable ASCII without
 * quotes or backslashes; counts never exceed the distinct strings; kept
 * strings are the set's own; shapes, counts and values do not depend on
 * the chunking, in every value and in the order of the kept strings.
 * The set is built once from the built-in lists
 * (it is read-only afterwards).
 */
#include "collect/mine_parse.h"
#include "core/facts.h"
#include "core/ioc.h"
#include "fuzz.h"

#define HDR 4
#define MAXREAD 4096

static struct minescan_set g_set;
static uint32_t g_nstrong, g_nweak;

static void
init_once(void)
{
	static int done;
	struct ioc io;
	char *warn = NULL;

	if (done)
		return;
	done = 1;
	if (ioc_load(&io, NULL, &warn) != 0 || warn)
		FUZZ_FAIL("ioc_load");
	if (minescan_set_init(&g_set, &io) != 0)
		FUZZ_FAIL("minescan_set_init");
	for (uint32_t i = 0; i < g_set.nuser; i++) {
		if (g_set.io.strings[i].weight == IOC_STRONG)
			g_nstrong++;
		else
			g_nweak++;
	}
	ioc_free(&io);
}

static void
check_value(const char *v, size_t cap)
{
	const char *z = memchr(v, '\0', cap);

	FUZZ_CHECK(z != NULL);
	for (const char *c = v; c < z; c++) {
		unsigned char u = (unsigned char)*c;

		FUZZ_CHECK(u >= 0x20 && u < 0x7f && u != '"' && u != '\\');
	}
}

static void
check_scan(const struct minescan *m)
{
	uint32_t nseen = 0;
	size_t al;

	check_value(m->agent, sizeof(m->agent));
	check_value(m->login, sizeof(m->login));
	check_value(m->url, sizeof(m->url));
	check_value(m->algo, sizeof(m->algo));
	check_value(m->user, sizeof(m->user));
	check_value(m->auth, sizeof(m->auth));
	FUZZ_CHECK(m->strong <= g_nstrong && m->weak <= g_nweak);
	for (size_t i = 0; i < sizeof(m->seen) * 8; i++)
		nseen += (m->seen[i / 8] >> (i % 8)) & 1;
	FUZZ_CHECK(nseen == m->strong + m->weak);
	FUZZ_CHECK(m->nkeep <= 12 && m->nkeep <= nseen);
	for (uint32_t i = 0; i < m->nkeep; i++) {
		bool own = false;

		for (uint32_t k = 0; k < g_set.nuser && !own; k++)
			own = m->keep[i] == g_set.io.strings[k].s;
		FUZZ_CHECK(own);
		for (uint32_t k = 0; k < i; k++)
			FUZZ_CHECK(m->keep[k] != m->keep[i]);
	}
	FUZZ_CHECK((m->stratum & ~0x1ffu) == 0);
	FUZZ_CHECK(!(m->stratum & STRATUM_JOB) || (m->raw & 1));
	/* a wallet test on any value must be safe */
	mine_is_wallet(m->login, strlen(m->login), &al);
	mine_is_wallet(m->auth, strlen(m->auth), &al);
}

static void
scan_chunked(struct minescan *m, const char *s, size_t n, uint32_t seed)
{
	struct fuzz_chunks ch;
	char *win = malloc(MAXREAD + MINESCAN_OVERLAP);
	size_t carry = 0, off = 0;

	if (win == NULL)
		abort();
	fuzz_chunks_init(&ch, seed);
	minescan_init(m, &g_set);
	while (off < n) {
		size_t k = fuzz_chunks_next(&ch, n - off), w;
		char *exact;

		if (k > MAXREAD)
			k = MAXREAD;
		memcpy(win + carry, s + off, k);
		off += k;
		w = carry + k;
		exact = fuzz_dup((const uint8_t *)win, w);
		minescan_feed(m, exact, w, off < n);
		free(exact);
		if (w > MINESCAN_OVERLAP) {
			memmove(win, win + w - MINESCAN_OVERLAP, MINESCAN_OVERLAP);
			carry = MINESCAN_OVERLAP;
		} else {
			carry = w;
		}
	}
	minescan_finish(m);
	free(win);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct minescan a, b;
	uint32_t seed;
	size_t n;
	char *s;

	if (size < HDR || size > HDR + 65536)
		return 0;
	init_once();
	seed = (uint32_t)data[0] | (uint32_t)data[1] << 8 |
	    (uint32_t)data[2] << 16 | (uint32_t)data[3] << 24;
	n = size - HDR;
	s = fuzz_dup(data + HDR, n);

	minescan_init(&a, &g_set);
	minescan_feed(&a, s, n, false);
	minescan_finish(&a);
	check_scan(&a);

	scan_chunked(&b, s, n, seed);
	check_scan(&b);
	FUZZ_CHECK(a.stratum == b.stratum && a.raw == b.raw);
	FUZZ_CHECK(a.strong == b.strong && a.weak == b.weak);
	FUZZ_CHECK(memcmp(a.seen, b.seen, sizeof(a.seen)) == 0);
	FUZZ_CHECK(a.nkeep == b.nkeep);
	for (uint32_t i = 0; i < a.nkeep; i++)
		FUZZ_CHECK(a.keep[i] == b.keep[i]);
	FUZZ_CHECK(strcmp(a.url, b.url) == 0);
	FUZZ_CHECK(strcmp(a.agent, b.agent) == 0);
	FUZZ_CHECK(strcmp(a.login, b.login) == 0);
	FUZZ_CHECK(strcmp(a.algo, b.algo) == 0);
	FUZZ_CHECK(strcmp(a.user, b.user) == 0);
	FUZZ_CHECK(strcmp(a.auth, b.auth) == 0);

	/* the same bytes again change nothing */
	minescan_feed(&a, s, n, false);
	minescan_finish(&a);
	check_scan(&a);
	FUZZ_CHECK(a.strong == b.strong && a.stratum == b.stratum);
	free(s);
	return 0;
}
