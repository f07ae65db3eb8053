/*
 * test_mine_parse.c - collect/mine_parse.c: stratum shapes and values in
 * a byte stream (both dialects, with messages taken from THREATS.md §8 and
 * from the pcaps in ../shared/material/pcaps), chunked feeding with
 * overlap, caps, wallet shapes and miner command lines.
 */
#include "collect/mine_parse.h"
#include "core/ioc.h"
#include "testlib.h"

/* Real Monero addresses seen in the pcaps (coinhive-stratum.pcap). */
#define HEX64 "0707070707070707070707070707070707070707070707070707070707070707"
#define W1 "46WNbmwXpYxiBpkbHjAgjC65cyzAxtaaBQjcGpAZquhBKw2r8NtPQniEgMJcwFMC" \
	"ZzSBrEJtmPsTR54MoGBDbjTi2W1XmgM"
#define W2 "46BeWrHpwXmHDpDEUmZBWZfoQpdc6HaERCNmx1pEYL2rAcuwufPN9rXHHtyUA4QV" \
	"y66qeFQkn6sfK8aHYjA3jk3o1Bv16em"
/* xmr-stak's login in mining.pcapng: address.worker-id.name */
#define W3 "4BCeEPhodgPMbPWFN1dPwhWXdRX8q4mhhdZdA1dtSMLTLCEYvAj9QXjXAfF7Cug" \
	"EbmfBhgkqHbdgK9b2wKA6nqRZQCgvCDm"
#define W3LOGIN W3 ".cb2b73415c4faf214035a73b9d947c202342f3bf3bdf632132bd6d7" \
	"af98cb257.ryzen"

#define AGENT "XMRig/6.21.0 (Linux x86_64) libuv/1.44.2 gcc/12.2.0"

/* The Monero/CryptoNote login dialect as XMRig speaks it (THREATS.md
 * §8.2, values from coinhive-stratum.pcap). */
static const char xmrig_stream[] =
    "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":{\"login\":"
    "\"" W1 "\",\"pass\":\"x\",\"agent\":\"" AGENT "\",\"algo\":[\"rx/0\","
    "\"cn/r\"]}}\n"
    "{\"id\":1,\"jsonrpc\":\"2.0\",\"error\":null,\"result\":{\"id\":"
    "\"3dce749b-7604-4206-a591-c69d079baadb\",\"job\":{\"blob\":\"0707c5e0"
    "dfdc057c60c5dbdb26b716a880df1188dc87aac5d21a6a8230adcf679c2058fd7b80"
    "7e0000000099330aefd29c503d834876f4d322f20473210298ff97414fec94dc5ec9"
    "19da8507\",\"job_id\":\"x9pNUIWAceXY1JxrwmLYh4g+Bdy+\",\"target\":"
    "\"711b0d00\",\"algo\":\"rx/0\",\"height\":3012345,\"seed_hash\":"
    "\"a6e5d5f3c1b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6\","
    "\"id\":\"3dce749b-7604-4206-a591-c69d079baadb\"},\"status\":\"OK\"}}\n"
    "{\"jsonrpc\":\"2.0\",\"method\":\"job\",\"params\":{\"blob\":\"0707c5e0"
    "dfdc057c60c5dbdb26b716a880df1188dc87aac5d21a6a8230adcf679c2058fd7b80"
    "7e000000004c1b72c6a361e3483a8e72880a933e4997f3a72bc32f5170d36cf33dd7"
    "ef5b2c07\",\"job_id\":\"RBcjBgxgczJeacglcqRSeg5DBP3k\",\"target\":"
    "\"91fd0600\",\"id\":\"95fefd7e-2db6-422f-9022-5d2c24cae01b\"}}\n"
    "{\"id\":2,\"jsonrpc\":\"2.0\",\"method\":\"submit\",\"params\":{\"id\":"
    "\"479059546883218\",\"job_id\":\"722134174127131\",\"nonce\":"
    "\"98024001\",\"result\":\"c9be9381a68d533c059d614d961e0534d7d8785dd5c"
    "339c2f9596eb95f320100\"}}\n"
    "{\"id\":2,\"jsonrpc\":\"2.0\",\"error\":null,\"result\":{\"status\":"
    "\"OK\"}}\n"
    "{\"id\":3,\"jsonrpc\":\"2.0\",\"method\":\"keepalived\",\"params\":"
    "{\"id\":\"479059546883218\"}}\n";

/* xmr-stak on port 9050 (mining.pcapng), field order of its own. */
static const char xmrstak_stream[] =
    "{\"method\":\"login\",\"params\":{\"login\":\"" W3LOGIN "\",\"pass\":"
    "\"x\",\"agent\":\"xmr-stak-cpu/1.3.0-1.5.0\"},\"id\":1}\n"
    "{\"id\":1,\"jsonrpc\":\"2.0\",\"error\":null,\"result\":{\"id\":"
    "\"479059546883218\",\"job\":{\"blob\":\"0606e89883d205a65d8ee7899183"
    "8a1cf3ec2ebbc5fb1fa43dec5fa1cd2bee4069212a549cd731000000005a88235653"
    "097aa3e97ef2ceef4aee610751a828f9be1a0758a78365fb0a4c8c05\",\"job_id\":"
    "\"722134174127131\",\"target\":\"dc460300\"},\"status\":\"OK\"}}\n"
    "{\"method\":\"submit\",\"params\":{\"id\":\"479059546883218\",\"job_id\":"
    "\"722134174127131\",\"nonce\":\"98024001\",\"result\":\"c9be9381a68d5"
    "33c059d614d961e0534d7d8785dd5c339c2f9596eb95f320100\"},\"id\":1}\n";

/* Bitcoin-style stratum v1: bfgminer (bitcoin-mining.pcap), the method
 * before its params. */
static const char btc_stream[] =
    "{\"id\": 1, \"method\": \"mining.subscribe\", \"params\": "
    "[\"bfgminer/5.2.0\", \"1\"]}\n"
    "{\"result\":[[[\"mining.notify\",\"1\"],[\"mining.set_difficulty\","
    "\"2\"]],\"00b61738\",4],\"error\":null,\"id\":0}\n"
    "{\"id\": \"auth\", \"method\": \"mining.authorize\", \"params\": "
    "[\"broatcast\", \"123\"]}\n"
    "{\"result\":true,\"error\":null,\"id\":\"auth\"}\n"
    "{\"method\":\"mining.set_difficulty\",\"params\":[4096],\"id\":1}\n"
    "{\"method\":\"mining.notify\",\"params\":[\"274a-1\",\"fbba9401ee005f"
    "aba18d7bcd8444d9a2a3ec320d002ac0380000000000000000\",\"010000000100"
    "00\",\"ffffffff02\",[],\"20000000\",\"1a0377ae\",\"5a4fd8b1\",true],"
    "\"id\":null}\n"
    "{\"params\": [\"broatcast\", \"274a-1\", \"00000001\", \"504e86ed\", "
    "\"b2957c02\"], \"id\": 4, \"method\": \"mining.submit\"}\n";

/* EWBF on flypool (mining.pcapng): compact JSON. */
static const char ewbf_stream[] =
    "{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"EWBF 0.3.4b\","
    "null,\"eu1-zcash.flypool.org\",\"3333\"]}\n"
    "{\"id\":1,\"result\":[\"04d567b212\", \"04d567b212\"], \"error\": null}\n"
    "{\"id\":2,\"method\":\"mining.authorize\",\"params\":[\"t1fAhZF5aUJdY7C"
    "ikGULHmeYk7id8qmvbAd.rig4\",\"x\"]}\n"
    "{\"id\":2,\"result\":true, \"error\": null}\n"
    "{\"id\":null,\"method\":\"mining.notify\",\"params\":[\"8c6f2d4c6d2c70"
    "14fb26\",\"04000000\",\"9e2fc768bd1977528c8d6096d46376758179e25bf32934"
    "28b65f120100000000\",true]}\n";

/* ---- helpers ------------------------------------------------------------- */

static struct minescan_set g_set;
static struct ioc g_ioc;

static int
group_setup(void **state)
{
	char *warn = NULL;

	(void)state;
	if (ioc_load(&g_ioc, NULL, &warn) != RM_OK || warn)
		return -1;
	return minescan_set_init(&g_set, &g_ioc) == RM_OK ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	minescan_set_free(&g_set);
	ioc_free(&g_ioc);
	return 0;
}

/* Feed a heap copy of exactly n bytes (ASan sees any over-read). */
static void
feed_exact(struct minescan *m, const char *p, size_t n, bool more)
{
	char *b = xmalloc(n ? n : 1);

	memcpy(b, p, n);
	minescan_feed(m, b, n, more);
	free(b);
}

static void
scan_whole(struct minescan *m, const char *p, size_t n)
{
	minescan_init(m, &g_set);
	feed_exact(m, p, n, false);
	minescan_finish(m);
}

/*
 * Feed the stream as deep.c does: each read of k new bytes is scanned
 * together with the MINESCAN_OVERLAP bytes before it.  sizes(): the size
 * of the next read.
 */
typedef size_t tl_size_fn(void *arg);

static void
scan_overlapped(struct minescan *m, const char *p, size_t n,
		tl_size_fn *sizes, void *arg)
{
	char *win = xmalloc(4096 + MINESCAN_OVERLAP);
	size_t carry = 0, off = 0;

	minescan_init(m, &g_set);
	while (off < n) {
		size_t k = sizes(arg);

		if (k > 4096)
			k = 4096;
		if (k > n - off)
			k = n - off;
		memcpy(win + carry, p + off, k);
		off += k;
		feed_exact(m, win, carry + k, off < n);
		if (carry + k > MINESCAN_OVERLAP) {
			memmove(win, win + carry + k - MINESCAN_OVERLAP,
			    MINESCAN_OVERLAP);
			carry = MINESCAN_OVERLAP;
		} else {
			carry += k;
		}
	}
	minescan_finish(m);
	free(win);
}

static size_t
one_byte(void *arg)
{
	(void)arg;
	return 1;
}

static size_t
random_size(void *arg)
{
	return 1 + (size_t)(tl_rand(arg) % 700);
}

static bool
kept(const struct minescan *m, const char *s)
{
	for (uint32_t i = 0; i < m->nkeep; i++)
		if (strcmp(m->keep[i], s) == 0)
			return true;
	return false;
}

/* Two scans found the same things, kept strings in the same order. */
static void
assert_same_scan(const struct minescan *a, const struct minescan *b)
{
	assert_int_equal(a->stratum, b->stratum);
	assert_int_equal(a->raw, b->raw);
	assert_int_equal(a->strong, b->strong);
	assert_int_equal(a->weak, b->weak);
	assert_int_equal(a->nkeep, b->nkeep);
	for (uint32_t i = 0; i < a->nkeep; i++)
		assert_ptr_equal(a->keep[i], b->keep[i]);
	assert_memory_equal(a->seen, b->seen, sizeof(a->seen));
	assert_string_equal(a->agent, b->agent);
	assert_string_equal(a->login, b->login);
	assert_string_equal(a->url, b->url);
	assert_string_equal(a->algo, b->algo);
	assert_string_equal(a->user, b->user);
	assert_string_equal(a->auth, b->auth);
}

/* Every value is NUL-terminated inside its buffer and printable. */
static void
assert_values_sane(const struct minescan *m)
{
	const char *v[] = { m->agent, m->login, m->url, m->user, m->auth };

	for (size_t i = 0; i < TL_NELEM(v); i++) {
		assert_non_null(memchr(v[i], '\0', MINESCAN_VAL));
		for (const char *c = v[i]; *c; c++)
			assert_true(*c >= 0x20 && *c < 0x7f && *c != '"' &&
			    *c != '\\');
	}
	assert_non_null(memchr(m->algo, '\0', sizeof(m->algo)));
}

/* ---- the XMRig dialect --------------------------------------------------- */

static void
test_xmrig_dialect(void **state)
{
	struct minescan m;

	(void)state;
	scan_whole(&m, xmrig_stream, sizeof(xmrig_stream) - 1);
	assert_int_equal(m.stratum, STRATUM_LOGIN | STRATUM_JOB |
	    STRATUM_SUBMIT | STRATUM_SEED | STRATUM_KEEPALIVE);
	assert_string_equal(m.login, W1);
	assert_string_equal(m.agent, AGENT);
	assert_string_equal(m.algo, "rx/0");
	assert_string_equal(m.url, "");
	assert_string_equal(m.auth, "");
	/* miner strings: "seed_hash", "blob":", XMRig/ (strong), rx/0 (weak) */
	assert_true(kept(&m, "\"seed_hash\""));
	assert_true(kept(&m, "\"blob\":\""));
	assert_true(kept(&m, "XMRig/"));
	assert_true(kept(&m, "rx/0"));
	assert_int_equal(m.strong, 3);
	assert_int_equal(m.weak, 1);
	assert_int_equal(m.nkeep, 4);
	assert_values_sane(&m);
}

static void
test_xmrstak_dialect(void **state)
{
	struct minescan m;
	size_t al = 0;

	(void)state;
	scan_whole(&m, xmrstak_stream, sizeof(xmrstak_stream) - 1);
	assert_int_equal(m.stratum, STRATUM_LOGIN | STRATUM_JOB |
	    STRATUM_SUBMIT);
	/* 166 bytes: capped at MINESCAN_VAL - 1 */
	assert_int_equal(strlen(m.login), MINESCAN_VAL - 1);
	assert_memory_equal(m.login, W3LOGIN, MINESCAN_VAL - 1);
	assert_string_equal(m.agent, "xmr-stak-cpu/1.3.0-1.5.0");
	assert_true(kept(&m, "xmr-stak"));
	assert_true(mine_is_wallet(m.login, strlen(m.login), &al));
	assert_int_equal(al, 95);
	assert_memory_equal(m.login, W3, 95);
}

/* A login alone is a request without a job: no JOB bit.  A job needs a
 * blob and a job id or a target. */
static void
test_job_needs_blob_and_id(void **state)
{
	static const char login[] = "{\"id\":1,\"method\":\"login\",\"params\":"
	    "{\"login\":\"" W2 "\",\"pass\":\"donations\"}}\n";
	static const char blob_only[] = "{\"blob\":\"" HEX64 "\"}";
	static const char blob_target[] = "{\"target\":\"711b0d00\","
	    "\"blob\":\"" HEX64 "\"}";
	struct minescan m;

	(void)state;
	scan_whole(&m, login, sizeof(login) - 1);
	assert_int_equal(m.stratum, STRATUM_LOGIN);
	assert_string_equal(m.login, W2);
	assert_string_equal(m.agent, "");
	scan_whole(&m, blob_only, sizeof(blob_only) - 1);
	assert_int_equal(m.stratum, 0);
	scan_whole(&m, blob_target, sizeof(blob_target) - 1);
	assert_int_equal(m.stratum, STRATUM_JOB);
	/* finish derives, it does not invent: calling it twice is the same */
	minescan_finish(&m);
	assert_int_equal(m.stratum, STRATUM_JOB);
}

/* The spaced spelling (Python pools, pretty-printed logs). */
static void
test_spaced_separators(void **state)
{
	static const char s[] = "{\"id\": 1, \"method\": \"login\", \"params\": "
	    "{\"login\": \"" W1 "+50000\", \"pass\": \"x\", \"agent\": "
	    "\"XMRig/6.16.0\"}}\n{\"jsonrpc\": \"2.0\", \"method\": \"job\", "
	    "\"params\": {\"blob\": \"" HEX64 "\", \"job_id\": \"12\", \"algo\": "
	    "\"rx/0\", \"seed_hash\": \"" HEX64 "\"}}\n{\"id\": 2, \"method\": "
	    "\"submit\", \"params\": {}}\n";
	struct minescan m;

	(void)state;
	scan_whole(&m, s, sizeof(s) - 1);
	assert_int_equal(m.stratum, STRATUM_LOGIN | STRATUM_JOB |
	    STRATUM_SUBMIT | STRATUM_SEED);
	assert_string_equal(m.login, W1 "+50000");
	assert_string_equal(m.agent, "XMRig/6.16.0");
	assert_string_equal(m.algo, "rx/0");
}

/*
 * Regression (was a bug): mine_parse.c's proto[] says both separator spellings are listed,
 * but "method": "keepalived", "method": "job" and "target": " have only
 * the compact one.
 */
static void
test_spaced_keepalived_and_target(void **state)
{
	static const char ka[] = "{\"id\": 3, \"method\": \"keepalived\", "
	    "\"params\": {\"id\": \"1\"}}\n";
	static const char job[] = "{\"blob\": \"" HEX64 "\", \"target\": \"711b\"}";
	struct minescan m;

	(void)state;
	scan_whole(&m, ka, sizeof(ka) - 1);
	assert_int_equal(m.stratum, STRATUM_KEEPALIVE);
	scan_whole(&m, job, sizeof(job) - 1);
	assert_int_equal(m.stratum, STRATUM_JOB);
}

/* ---- the Bitcoin dialect --------------------------------------------------- */

static void
test_bitcoin_dialect(void **state)
{
	struct minescan m;

	(void)state;
	scan_whole(&m, btc_stream, sizeof(btc_stream) - 1);
	assert_int_equal(m.stratum, STRATUM_SUBSCRIBE | STRATUM_AUTHORIZE |
	    STRATUM_NOTIFY | STRATUM_MSUBMIT);
	assert_string_equal(m.auth, "broatcast");
	assert_string_equal(m.login, "");
	/* the first parameter of mining.subscribe is the miner's agent */
	assert_string_equal(m.agent, "bfgminer/5.2.0");
	assert_true(kept(&m, "mining.subscribe"));
	assert_true(kept(&m, "mining.authorize"));
	assert_true(kept(&m, "mining.notify"));
	assert_true(kept(&m, "mining.submit"));
	assert_true(kept(&m, "mining.set_difficulty"));
	assert_true(kept(&m, "bfgminer"));   /* the agent names its miner */
	assert_int_equal(m.strong, 6);
	assert_int_equal(m.names, 1);

	scan_whole(&m, ewbf_stream, sizeof(ewbf_stream) - 1);
	assert_int_equal(m.stratum, STRATUM_SUBSCRIBE | STRATUM_AUTHORIZE |
	    STRATUM_NOTIFY);
	assert_string_equal(m.auth, "t1fAhZF5aUJdY7CikGULHmeYk7id8qmvbAd.rig4");
	assert_values_sane(&m);
}

/*
 * A pool's mining.notify in the slush manual's order: the params array
 * (coinbase halves and a merkle branch of twelve hashes, 1.2 KiB here)
 * first, the method last.  Also cut into reads of any size.  A "params"
 * more than a few keys after the method, or one in another object, does
 * not make a message.
 */
static void
test_notify_params_first(void **state)
{
	struct buf b;
	struct minescan whole, cut;
	uint64_t rng = 5;

	(void)state;
	buf_init(&b, 8192);
	buf_printf(&b, "{\"params\":[\"4f\",\"%064d\",\"%0200d\",\"%0200d\",[",
	    1, 2, 3);
	for (int i = 0; i < 12; i++)
		buf_printf(&b, "%s\"%064d\"", i ? "," : "", i);
	buf_printf(&b, "],\"20000000\",\"1d00ffff\",\"5f5e1000\",true],"
	    "\"id\":null,\"method\":\"mining.notify\"}\n");
	assert_true(b.len > 1200);
	scan_whole(&whole, b.data, b.len);
	assert_int_equal(whole.stratum, STRATUM_NOTIFY);
	scan_overlapped(&cut, b.data, b.len, one_byte, NULL);
	assert_same_scan(&whole, &cut);
	for (int round = 0; round < 10; round++) {
		scan_overlapped(&cut, b.data, b.len, random_size, &rng);
		assert_same_scan(&whole, &cut);
	}
	buf_free(&b);

	buf_init(&b, 4096);
	buf_printf(&b, "{\"method\":\"mining.notify\",%*s\"params\":[]}", 80,
	    "");
	buf_printf(&b, "{\"params\":[]} {\"method\":\"mining.notify\"}");
	buf_printf(&b, "{\"params\":[]}\"method\":\"mining.notify\"");
	scan_whole(&whole, b.data, b.len);
	assert_int_equal(whole.stratum, 0);
	buf_free(&b);
}

/* Many methods packed together, some in objects with params and some
 * not: each decides by its own object (the walk back reuses the last
 * walk's result; it must not carry a "params" or '{' across a '}'). */
static void
test_packed_methods(void **state)
{
	static const char s[] = "{\"params\":[\"a\"],\"method\":\"mining.notify\""
	    "\"method\":\"mining.submit\"}\"method\":\"mining.authorize\""
	    "{\"id\":1,\"method\":\"login\"}{\"method\":\"submit\","
	    "\"params\":{}}";
	struct minescan m;

	(void)state;
	scan_whole(&m, s, sizeof(s) - 1);
	/* notify and submit share the first object, which has params;
	 * authorize has no object; login's object has no params */
	assert_int_equal(m.stratum, STRATUM_NOTIFY | STRATUM_MSUBMIT |
	    STRATUM_SUBMIT);
}

/* mining.authorize: the first element of params is the login, however
 * much space there is; no params, or a non-string one, gives nothing. */
static void
test_authorize_params(void **state)
{
	static const char a[] = "{\"method\":\"mining.authorize\",\"params\":"
	    "[  \"w.1\",\"x\"]}";
	static const char b[] = "{\"method\":\"mining.authorize\",\"params\": "
	    "[ 42, \"x\"]}";
	static const char c[] = "{\"method\":\"mining.authorize\"}";
	struct minescan m;

	(void)state;
	scan_whole(&m, a, sizeof(a) - 1);
	assert_int_equal(m.stratum, STRATUM_AUTHORIZE);
	assert_string_equal(m.auth, "w.1");
	scan_whole(&m, b, sizeof(b) - 1);
	assert_string_equal(m.auth, "");
	/* a method outside an object with params is a fragment (a
	 * signature table), not a message */
	scan_whole(&m, c, sizeof(c) - 1);
	assert_int_equal(m.stratum, 0);
	assert_string_equal(m.auth, "");
}

/*
 * Regression (was a bug): take_auth() only looks for "params" *after* "mining.authorize".
 * The slush pool documentation (THREATS.md §8.1) and cgminer-style
 * clients put params first: the login is missed, and when another
 * message with string params follows within 200 bytes its first param
 * (here the job id "bf" of a mining.notify) is taken as the login.
 */
static void
test_authorize_params_first(void **state)
{
	static const char slush[] = "{\"params\": [\"slush.miner1\", "
	    "\"password\"], \"id\": 2, \"method\": \"mining.authorize\"}\n"
	    "{\"error\": null, \"id\": 2, \"result\": true}\n"
	    "{\"params\": [\"bf\", \"4d16b6f85af6e2198f44ae2a6de67f78487ae5611b7"
	    "7c6c0440b921e00000000\"], \"id\": null, \"method\": "
	    "\"mining.notify\"}\n";
	struct minescan m;

	(void)state;
	scan_whole(&m, slush, sizeof(slush) - 1);
	assert_true(m.stratum & STRATUM_AUTHORIZE);
	assert_string_not_equal(m.auth, "bf");
	assert_string_equal(m.auth, "slush.miner1");
}

/* ---- values ------------------------------------------------------------------ */

static void
test_values_capped(void **state)
{
	struct buf b;
	struct minescan m;

	(void)state;
	buf_init(&b, 1 << 16);
	buf_printf(&b, "\"agent\":\"");
	for (int i = 0; i < 300; i++)
		buf_putc(&b, 'A');
	buf_printf(&b, "\",\"algo\":\"");
	for (int i = 0; i < 100; i++)
		buf_putc(&b, 'r');
	buf_printf(&b, "\",\"login\":\"");
	for (int i = 0; i < 1000; i++)
		buf_putc(&b, '4');
	buf_printf(&b, "\" stratum+tcp://");
	for (int i = 0; i < 400; i++)
		buf_putc(&b, 'h');
	buf_printf(&b, " ");
	scan_whole(&m, b.data, b.len);
	assert_int_equal(strlen(m.agent), MINESCAN_VAL - 1);
	assert_int_equal(strlen(m.algo), sizeof(m.algo) - 1);
	assert_int_equal(strlen(m.login), MINESCAN_VAL - 1);
	assert_int_equal(strlen(m.url), MINESCAN_VAL - 1);
	assert_memory_equal(m.url, "stratum+tcp://hhh", 17);
	assert_values_sane(&m);
	buf_free(&b);
}

/* Values stop at a quote, a backslash or any control or non-ASCII byte;
 * URLs also at a space, comma, apostrophe or brace. */
static void
test_values_stop(void **state)
{
	static const char s[] =
	    "\"agent\":\"XMRig/6\x01" "evil\","
	    "\"login\":\"4abc\\\"def\","
	    "\"algo\":\"rx/0\xc3\xa9\","
	    "\"user\":\"u1\"x,"
	    "\"url\":\"\","                        /* empty: not taken */
	    "xx stratum+ssl://pool.example:443,next "
	    "\"url\":\"later.example:1\"";
	static const char u[] = "'stratum+tcp://a.b:1'}stratum+tcp://c";
	struct minescan m;

	(void)state;
	/* a value must be a clean quoted string: one cut by a control byte,
	 * an escape or a non-ASCII byte is not taken at all */
	scan_whole(&m, s, sizeof(s) - 1);
	assert_string_equal(m.agent, "");
	assert_string_equal(m.login, "");
	assert_string_equal(m.algo, "");
	assert_string_equal(m.user, "u1");
	assert_string_equal(m.url, "stratum+ssl://pool.example:443");
	assert_values_sane(&m);
	scan_whole(&m, u, sizeof(u) - 1);
	assert_string_equal(m.url, "stratum+tcp://a.b:1");
}

/* A value that runs into the end of the chunk may be cut: it is not
 * taken; the next chunk (with the overlap) brings it whole. */
static void
test_value_cut_at_chunk_end(void **state)
{
	static const char cut[] = "{\"agent\":\"XMRig/6.2";
	static const char whole[] = "{\"agent\":\"XMRig/6.21.0\"}";
	static const char cut2[] = "\"login\":\"46WNbm";
	struct minescan m;

	(void)state;
	minescan_init(&m, &g_set);
	feed_exact(&m, cut, sizeof(cut) - 1, false);
	assert_string_equal(m.agent, "");
	feed_exact(&m, whole, sizeof(whole) - 1, false);
	assert_string_equal(m.agent, "XMRig/6.21.0");
	feed_exact(&m, "\"agent\":\"other\"", 16, false);
	assert_string_equal(m.agent, "XMRig/6.21.0");   /* the first wins */
	feed_exact(&m, cut2, sizeof(cut2) - 1, false);
	assert_string_equal(m.login, "");
	/* the pattern itself cut off: nothing at all */
	feed_exact(&m, "\"algo\":", 7, false);
	assert_string_equal(m.algo, "");
}

/* ---- chunking ---------------------------------------------------------------- */

/* One stream of everything (no raw stratum URL: see the next test). */
static char *
mixed_stream(size_t *n)
{
	struct buf b;

	buf_init(&b, 1 << 20);
	buf_append(&b, "\x7f" "ELF\x02\x01\x01", 7);
	for (int i = 0; i < 700; i++)
		buf_putc(&b, (char)(i * 37));
	buf_append(&b, xmrig_stream, sizeof(xmrig_stream) - 1);
	for (int i = 0; i < 1500; i++)
		buf_putc(&b, '\0');
	buf_append(&b, btc_stream, sizeof(btc_stream) - 1);
	buf_printf(&b, "{\"pools\":[{\"url\":\"pool.example.com:3333\","
	    "\"user\":\"%s\",\"pass\":\"x\"}],\"donate-level\":1}", W2);
	buf_printf(&b, "--donate-level 1 --randomx-1gb-pages XMRig/6.21.0");
	*n = b.len;
	return buf_steal(&b, NULL);
}

static void
test_chunked_equals_whole(void **state)
{
	struct minescan whole, bytes, rnd;
	size_t n;
	char *s = mixed_stream(&n);
	uint64_t rng = 42;

	(void)state;
	scan_whole(&whole, s, n);
	assert_true(whole.stratum & STRATUM_LOGIN);
	assert_true(whole.stratum & STRATUM_AUTHORIZE);
	assert_string_equal(whole.url, "pool.example.com:3333");
	assert_string_equal(whole.user, W2);
	assert_string_equal(whole.auth, "broatcast");

	scan_overlapped(&bytes, s, n, one_byte, NULL);
	assert_same_scan(&whole, &bytes);
	for (int round = 0; round < 20; round++) {
		scan_overlapped(&rnd, s, n, random_size, &rng);
		assert_same_scan(&whole, &rnd);
	}
	free(s);
}

/*
 * A stratum URL found without quotes (X_URLRAW) has no closing quote to
 * wait for; one that runs into the end of a chunk waits for the next
 * chunk, which starts with it.  (It used to stick: 1-byte reads gave
 * "stratum+tcp://".)
 */
static void
test_chunked_raw_url(void **state)
{
	static const char s[] = "padding -o stratum+tcp://pool.example.com:3333 "
	    "-u x\n{\"url\":\"stratum+ssl://b.example:443\"}";
	struct minescan whole, bytes;
	uint64_t rng = 7;

	(void)state;
	scan_whole(&whole, s, sizeof(s) - 1);
	assert_string_equal(whole.url, "stratum+tcp://pool.example.com:3333");
	scan_overlapped(&bytes, s, sizeof(s) - 1, one_byte, NULL);
	assert_string_equal(bytes.url, whole.url);
	scan_overlapped(&bytes, s, sizeof(s) - 1, random_size, &rng);
	assert_string_equal(bytes.url, whole.url);
}

/*
 * The first value in stream order wins, however the stream is cut: a
 * mining.subscribe whose "params" lie past the end of a read must not
 * lose its agent to an "agent" value that comes after the method but
 * before the params.  (Found by fuzz_minescan: chunked reads took
 * "other/1.0".)
 */
static size_t
size_64(void *arg)
{
	(void)arg;
	return 64;
}

static void
test_chunked_first_value_order(void **state)
{
	struct buf b;
	struct minescan whole, cut;
	uint64_t rng = 11;

	(void)state;
	buf_init(&b, 4096);
	buf_printf(&b, "{\"id\":1,\"method\":\"mining.subscribe\",%*s"
	    "\"agent\":\"other/1.0\",%*s\"params\":[\"cgminer/4.10.0\"]}\n",
	    10, "", 10, "");
	scan_whole(&whole, b.data, b.len);
	assert_string_equal(whole.agent, "cgminer/4.10.0");
	assert_true(whole.stratum & STRATUM_SUBSCRIBE);
	scan_overlapped(&cut, b.data, b.len, size_64, NULL);
	assert_same_scan(&whole, &cut);
	scan_overlapped(&cut, b.data, b.len, one_byte, NULL);
	assert_same_scan(&whole, &cut);
	for (int round = 0; round < 20; round++) {
		scan_overlapped(&cut, b.data, b.len, random_size, &rng);
		assert_same_scan(&whole, &cut);
	}
	buf_free(&b);
}

/* Feeding the same bytes again changes nothing; a string repeated is
 * one string. */
static void
test_duplicates_counted_once(void **state)
{
	struct minescan once, twice;
	struct buf b;

	(void)state;
	scan_whole(&once, xmrig_stream, sizeof(xmrig_stream) - 1);
	minescan_init(&twice, &g_set);
	feed_exact(&twice, xmrig_stream, sizeof(xmrig_stream) - 1, false);
	feed_exact(&twice, xmrig_stream, sizeof(xmrig_stream) - 1, false);
	minescan_finish(&twice);
	assert_same_scan(&once, &twice);

	buf_init(&b, 1 << 20);
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "--donate-level %d monero ", i);
	scan_whole(&once, b.data, b.len);
	assert_int_equal(once.strong, 1);
	assert_int_equal(once.weak, 1);
	assert_int_equal(once.nkeep, 2);
	buf_free(&b);
}

/* More user strings than the seen bitset holds: the first 512 count, the
 * rest are ignored (not written past the bitset); keep stays at 12. */
static void
test_many_user_strings(void **state)
{
	struct ioc io;
	struct minescan_set set;
	struct minescan m;
	struct buf b;
	char name[32];

	(void)state;
	memset(&io, 0, sizeof(io));
	buf_init(&b, 1 << 20);
	for (int i = 0; i < 600; i++) {
		snprintf(name, sizeof(name), "<miner-%03d>", i);
		ioc_add_string(&io, name, strlen(name), i % 2 ? IOC_WEAK :
		    IOC_STRONG);
		buf_printf(&b, "%s %s ", name, name);
	}
	ioc_finish(&io);
	assert_int_equal(minescan_set_init(&set, &io), RM_OK);
	assert_int_equal(set.nuser, 600);
	minescan_init(&m, &set);
	feed_exact(&m, b.data, b.len, false);
	feed_exact(&m, "{\"method\":\"login\",\"params\":{}}", 31, false);
	minescan_finish(&m);
	assert_int_equal(m.strong + m.weak, 512);
	assert_int_equal(m.strong, 256);
	assert_int_equal(m.nkeep, 12);
	assert_string_equal(m.keep[0], "<miner-000>");
	assert_string_equal(m.keep[11], "<miner-011>");
	assert_int_equal(m.stratum, STRATUM_LOGIN);   /* protocol ids intact */
	buf_free(&b);
	minescan_set_free(&set);
	ioc_free(&io);
}

/* Without user strings the protocol patterns still work. */
static void
test_set_without_user_strings(void **state)
{
	struct minescan_set set;
	struct minescan m;

	(void)state;
	assert_int_equal(minescan_set_init(&set, NULL), RM_OK);
	assert_int_equal(set.nuser, 0);
	minescan_init(&m, &set);
	feed_exact(&m, xmrig_stream, sizeof(xmrig_stream) - 1, false);
	minescan_finish(&m);
	assert_true(m.stratum & STRATUM_LOGIN);
	assert_string_equal(m.login, W1);
	assert_int_equal(m.strong + m.weak + m.nkeep, 0);
	minescan_set_free(&set);
}

/* ---- wallets ------------------------------------------------------------------- */

static const char b58[] =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

static char *
mk_addr(char first, size_t len, const char *suffix)
{
	char *a = xmalloc(len + strlen(suffix) + 1);

	a[0] = first;
	for (size_t i = 1; i < len; i++)
		a[i] = b58[(i * 7) % 58];
	strcpy(a + len, suffix);
	return a;
}

static bool
wallet(const char *s, size_t *al)
{
	size_t n = strlen(s);
	char *b = xmalloc(n ? n : 1);
	bool r;

	memcpy(b, s, n);
	*al = 0;
	r = mine_is_wallet(b, n, al);
	free(b);
	return r;
}

static void
test_wallet_shapes(void **state)
{
	static const char *const good_suffix[] = {
		"", ".worker1", "+50000", " -p x", "\"", "/rig", ":pw",
	};
	static const char *const bad_suffix[] = { ",", "-x", "\x01", "#" };
	size_t al;
	char *a;

	(void)state;
	assert_true(wallet(W1, &al));
	assert_int_equal(al, 95);
	assert_true(wallet(W2 ".rig4", &al));
	assert_int_equal(al, 95);
	for (size_t i = 0; i < TL_NELEM(good_suffix); i++) {
		for (int first = 0; first < 2; first++) {
			a = mk_addr(first ? '8' : '4', 95, good_suffix[i]);
			assert_true(wallet(a, &al));
			assert_int_equal(al, 95);
			free(a);
			a = mk_addr(first ? '8' : '4', 106, good_suffix[i]);
			assert_true(wallet(a, &al));
			assert_int_equal(al, 106);
			free(a);
		}
	}
	for (size_t i = 0; i < TL_NELEM(bad_suffix); i++) {
		a = mk_addr('4', 95, bad_suffix[i]);
		assert_false(wallet(a, &al));
		free(a);
	}
	/* wrong lengths */
	for (size_t len = 90; len < 112; len++) {
		if (len == 95 || len == 106)
			continue;
		a = mk_addr('4', len, "");
		assert_false(wallet(a, &al));
		free(a);
	}
	/* wrong first character */
	for (const char *c = "123567A9aZ"; *c; c++) {
		a = mk_addr(*c, 95, "");
		assert_false(wallet(a, &al));
		free(a);
	}
	/* a non-base58 character inside: 0 O I l */
	for (const char *c = "0OIl"; *c; c++) {
		a = mk_addr('4', 95, "");
		a[50] = *c;
		assert_false(wallet(a, &al));
		free(a);
	}
	/* n shorter than the address, or nothing */
	a = mk_addr('4', 95, "");
	assert_false(mine_is_wallet(a, 94, &al));
	assert_true(mine_is_wallet(a, 95, &al));
	assert_false(mine_is_wallet(a, 0, &al));
	free(a);
	assert_false(wallet("", &al));
	/* Bitcoin and Zcash addresses are not Monero ones */
	assert_false(wallet("t1fAhZF5aUJdY7CikGULHmeYk7id8qmvbAd.rig4", &al));
	assert_false(wallet("0x9c99d212f7e5daa18ab50810e0fd255d1f04303b", &al));
}

/* ---- command lines ----------------------------------------------------------- */

static void
argv_of(const char *cmd, char *pool, size_t pl, char *user, size_t ul)
{
	char *c = xstrdup(cmd);

	memset(pool, 'P', pl);
	memset(user, 'U', ul);
	mine_parse_argv(c, pool, pl, user, ul);
	free(c);
}

static void
test_argv_options(void **state)
{
	char pool[160], user[160];

	(void)state;
	argv_of("./xmrig -o pool.minexmr.com:4444 -u " W1 " -p x -k",
	    pool, sizeof(pool), user, sizeof(user));
	assert_string_equal(pool, "pool.minexmr.com:4444");
	assert_string_equal(user, W1);

	argv_of("/tmp/.x/kthreadd --url gulf.moneroocean.stream:10128 --user "
	    "w.1 --pass x", pool, sizeof(pool), user, sizeof(user));
	assert_string_equal(pool, "gulf.moneroocean.stream:10128");
	assert_string_equal(user, "w.1");

	argv_of("xmrig --url=pool.example:3333 --user=" W2 ".w --tls",
	    pool, sizeof(pool), user, sizeof(user));
	assert_string_equal(pool, "pool.example:3333");
	assert_string_equal(user, W2 ".w");

	/* a stratum URL anywhere, even inside another option */
	argv_of("sh -c exec ./m stratum+tcp://auto.c3pool.org:19999 x",
	    pool, sizeof(pool), user, sizeof(user));
	assert_string_equal(pool, "stratum+tcp://auto.c3pool.org:19999");
	assert_string_equal(user, "");
	argv_of("m --pool=stratum+ssl://p.example:443", pool, sizeof(pool),
	    user, sizeof(user));
	assert_string_equal(pool, "stratum+ssl://p.example:443");

	/* a wallet-shaped bare token is the user */
	argv_of("./dbused " W1 ".victim-host 4 x", pool, sizeof(pool), user,
	    sizeof(user));
	assert_string_equal(pool, "");
	assert_string_equal(user, W1 ".victim-host");

	/* the first of each wins; -u before a bare wallet */
	argv_of("m -o a:1 -o b:2 -u first " W1 " --user second", pool,
	    sizeof(pool), user, sizeof(user));
	assert_string_equal(pool, "a:1");
	assert_string_equal(user, "first");

	/* no value after the option, extra spaces, nothing at all */
	argv_of("  xmrig   -o  ", pool, sizeof(pool), user, sizeof(user));
	assert_string_equal(pool, "");
	assert_string_equal(user, "");
	argv_of("", pool, sizeof(pool), user, sizeof(user));
	assert_string_equal(pool, "");
	assert_string_equal(user, "");
	argv_of("--url= --user= nothing", pool, sizeof(pool), user,
	    sizeof(user));
	assert_string_equal(pool, "");
	assert_string_equal(user, "");
	/* options that merely start the same are not these */
	argv_of("x -ox y --urls z -uu w --username q", pool, sizeof(pool),
	    user, sizeof(user));
	assert_string_equal(pool, "");
	assert_string_equal(user, "");
}

static void
test_argv_caps(void **state)
{
	char pool[8], user[4], one[1];

	(void)state;
	argv_of("m -o stratum+tcp://very.long.example:3333 -u " W1, pool,
	    sizeof(pool), user, sizeof(user));
	assert_string_equal(pool, "stratum");
	assert_string_equal(user, "46W");
	memset(one, 'X', 1);
	mine_parse_argv("m -o a:1", one, 1, user, sizeof(user));
	assert_int_equal(one[0], '\0');
}

/*
 * Regression (was a bug): copy_tok() tests dst[0] before cap == 0, so an output of length 0
 * (mine_parse_argv skips initialising it, as it should) is read anyway:
 * a NULL pool with poollen 0 crashes, a zero-size buffer is read past.
 * Last in the list: with RM_UNIT_BUGS=1 it crashes this binary.
 */
static void
test_argv_zero_length_output(void **state)
{
	char user[8];

	(void)state;
	mine_parse_argv("m -o a:1 -u b", NULL, 0, user, sizeof(user));
	assert_string_equal(user, "b");
	mine_parse_argv("m -o a:1 -u b", user, sizeof(user), NULL, 0);
	assert_string_equal(user, "a:1");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xmrig_dialect),
		cmocka_unit_test(test_xmrstak_dialect),
		cmocka_unit_test(test_job_needs_blob_and_id),
		cmocka_unit_test(test_spaced_separators),
		cmocka_unit_test(test_spaced_keepalived_and_target),
		cmocka_unit_test(test_bitcoin_dialect),
		cmocka_unit_test(test_notify_params_first),
		cmocka_unit_test(test_packed_methods),
		cmocka_unit_test(test_authorize_params),
		cmocka_unit_test(test_authorize_params_first),
		cmocka_unit_test(test_values_capped),
		cmocka_unit_test(test_values_stop),
		cmocka_unit_test(test_value_cut_at_chunk_end),
		cmocka_unit_test(test_chunked_equals_whole),
		cmocka_unit_test(test_chunked_raw_url),
		cmocka_unit_test(test_chunked_first_value_order),
		cmocka_unit_test(test_duplicates_counted_once),
		cmocka_unit_test(test_many_user_strings),
		cmocka_unit_test(test_set_without_user_strings),
		cmocka_unit_test(test_wallet_shapes),
		cmocka_unit_test(test_argv_options),
		cmocka_unit_test(test_argv_caps),
		cmocka_unit_test(test_argv_zero_length_output),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
