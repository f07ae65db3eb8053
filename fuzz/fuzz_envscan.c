/*
 * fuzz_envscan.c - the streaming /proc/PID/environ scanner.
 *
 * Input: byte 0 picks how many value bytes to keep, bytes 1-4 seed the
 * chunk sizes, the rest is the environment block.  A process writes its
 * environment as it likes: no '=', names of any length, no final NUL.
 * Every callback is logged; the log must not depend on the chunking and
 * must equal a plain model of the block.
 */
#include "collect/proc_parse.h"
#include "core/buf.h"
#include "core/limits.h"
#include "fuzz.h"

#define HDR 5

struct log {
	struct buf b;
	size_t keep;
	const char *val;
};

static void
log_entry(struct buf *b, const char *name, size_t nlen, const char *val,
	  size_t vkept, size_t vlen)
{
	buf_printf(b, "%zu:", nlen);
	buf_append(b, name, nlen);
	buf_printf(b, "=%zu/%zu:", vkept, vlen);
	buf_append(b, val, vkept);
	buf_putc(b, '\n');
}

static void
env_cb(const char *name, size_t nlen, const char *val, size_t vkept,
       size_t vlen, void *arg)
{
	struct log *l = arg;

	FUZZ_CHECK(vkept <= l->keep);
	FUZZ_CHECK(vkept <= vlen);
	FUZZ_CHECK(nlen > 0 && nlen <= ENVSCAN_NAME_MAX);
	FUZZ_CHECK(val == l->val);
	FUZZ_CHECK(memchr(name, '\0', nlen) == NULL);
	FUZZ_CHECK(memchr(name, '=', nlen) == NULL);
	FUZZ_CHECK(memchr(val, '\0', vkept) == NULL);
	FUZZ_CHECK(procparse_env_interesting(name, nlen));
	log_entry(&l->b, name, nlen, val, vkept, vlen);
}

static void
scan(const char *s, size_t n, size_t keep, uint32_t seed, bool chunked,
     struct log *l)
{
	struct fuzz_chunks ch;
	struct envscan e;
	size_t off = 0;
	char *val = malloc(keep ? keep : 1);

	if (val == NULL)
		abort();
	buf_init(&l->b, (size_t)1 << 24);
	l->keep = keep;
	l->val = val;
	envscan_init(&e, val, keep, env_cb, l);
	fuzz_chunks_init(&ch, seed);
	while (off < n) {
		size_t k = chunked ? fuzz_chunks_next(&ch, n - off) : n;
		char *part = fuzz_dup((const uint8_t *)s + off, k);

		envscan_feed(&e, part, k);
		free(part);
		off += k;
	}
	envscan_finish(&e);
	free(val);
}

/* What the scanner should report: entries split at NUL, the name ends at
 * the first '=', names of 1..ENVSCAN_NAME_MAX bytes that are interesting. */
static void
model(const char *s, size_t n, size_t keep, struct buf *b)
{
	const char *p = s, *end = s + n;

	buf_init(b, (size_t)1 << 24);
	while (p < end) {
		const char *z = memchr(p, '\0', (size_t)(end - p));
		const char *ee = z ? z : end;
		const char *eq = memchr(p, '=', (size_t)(ee - p));

		if (eq && eq > p && (size_t)(eq - p) <= ENVSCAN_NAME_MAX &&
		    procparse_env_interesting(p, (size_t)(eq - p))) {
			size_t vlen = (size_t)(ee - eq - 1);

			log_entry(b, p, (size_t)(eq - p), eq + 1,
			    vlen < keep ? vlen : keep, vlen);
		}
		p = z ? z + 1 : end;
	}
}

static bool
same(const struct buf *x, const struct buf *y)
{
	return x->len == y->len && (x->len == 0 ||
	    memcmp(x->data, y->data, x->len) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct log a, b;
	struct buf m;
	size_t n, keep;
	uint32_t seed;
	char *in;

	if (size < HDR || size > HDR + 8192)
		return 0;
	keep = data[0] == 0xff ? RM_ENV_VALUE_KEEP : data[0];
	seed = (uint32_t)data[1] | (uint32_t)data[2] << 8 |
	    (uint32_t)data[3] << 16 | (uint32_t)data[4] << 24;
	n = size - HDR;
	in = fuzz_dup(data + HDR, n);

	scan(in, n, keep, seed, true, &a);
	scan(in, n, keep, seed, false, &b);
	model(in, n, keep, &m);
	FUZZ_CHECK(same(&a.b, &b.b));
	FUZZ_CHECK(same(&a.b, &m));

	buf_free(&a.b);
	buf_free(&b.b);
	buf_free(&m);
	free(in);
	return 0;
}
