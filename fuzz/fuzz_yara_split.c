/*
 * fuzz_yara_split.c - yara_split() on a rule file from a user's rule
 * directory (a third-party set, or a file an intruder planted there), and
 * yara_split_refs() on each rule it finds.
 *
 * Checked: the count does not depend on max (0, 1, all); the parts are
 * in source order, inside the text, non-empty and non-overlapping, each
 * starting at its keyword (a rule's at private/global/rule) and ending
 * at its '}' or '"'; a rule's body '{' lies inside it; names are
 * NUL-terminated, a rule's an identifier, a cut one flagged; the line is
 * 1 + the newlines before the part; each part split alone is one part of
 * the same kind and name; references are other rules, each at most once.
 */
#include <ctype.h>

#include "collect/yara_split.h"
#include "fuzz.h"

#define MAXP 4096

static bool
starts(const char *s, size_t n, const char *kw)
{
	size_t k = strlen(kw);

	return n >= k && memcmp(s, kw, k) == 0;
}

static void
check_part(const char *s, size_t n, const struct yara_part *p)
{
	const char *t = s + p->off;
	size_t nl = 0;
	struct yara_part one[2];

	FUZZ_CHECK(p->len > 0 && p->off <= n && p->len <= n - p->off);
	FUZZ_CHECK(memchr(p->name, '\0', sizeof(p->name)) != NULL);
	for (size_t i = 0; i < p->off; i++)
		nl += s[i] == '\n';
	FUZZ_CHECK(p->line == nl + 1);
	switch (p->kind) {
	case YP_IMPORT:
	case YP_INCLUDE:
		FUZZ_CHECK(starts(t, p->len, p->kind == YP_IMPORT ? "import" :
		    "include"));
		FUZZ_CHECK(t[p->len - 1] == '"');
		FUZZ_CHECK(p->name[0] != '\0' || p->name_cut);
		FUZZ_CHECK(!p->is_private && !p->is_global);
		break;
	case YP_RULE:
		FUZZ_CHECK(starts(t, p->len, "rule") ||
		    starts(t, p->len, "private") || starts(t, p->len, "global"));
		FUZZ_CHECK(t[p->len - 1] == '}');
		FUZZ_CHECK(p->body > p->off && p->body < p->off + p->len);
		FUZZ_CHECK(s[p->body] == '{');
		FUZZ_CHECK(p->name[0] == '_' || isalpha((unsigned char)p->name[0]));
		for (const char *c = p->name; *c; c++)
			FUZZ_CHECK(*c == '_' || isalnum((unsigned char)*c));
		break;
	default:
		FUZZ_FAIL("bad kind");
	}
	if (p->name_cut && p->kind == YP_RULE)
		FUZZ_CHECK(strlen(p->name) == sizeof(p->name) - 1);
	/* the part alone is the same part */
	{
		char *c = fuzz_dup((const uint8_t *)t, p->len);
		long r = yara_split(c, p->len, one, 2);

		FUZZ_CHECK(r == 1);
		FUZZ_CHECK(one[0].kind == p->kind && one[0].off == 0 &&
		    one[0].len == p->len &&
		    (p->kind != YP_RULE || one[0].body == p->body - p->off) &&
		    strcmp(one[0].name, p->name) == 0 &&
		    one[0].is_private == p->is_private &&
		    one[0].is_global == p->is_global);
		free(c);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yara_part *v;
	size_t *idx, *out, nidx;
	char *s;
	long n, m;

	if (size > 65536)
		return 0;
	s = fuzz_dup(data, size);
	v = calloc(MAXP, sizeof(*v));
	idx = calloc(MAXP, sizeof(*idx));
	out = calloc(MAXP, sizeof(*out));
	if (!v || !idx || !out)
		abort();
	n = yara_split(s, size, v, MAXP);
	FUZZ_CHECK(n >= -1);
	FUZZ_CHECK(yara_split(s, size, NULL, 0) == n);
	if (n > 0) {
		struct yara_part first;

		FUZZ_CHECK(yara_split(s, size, &first, 1) == n);
		FUZZ_CHECK(memcmp(&first, &v[0], sizeof(first)) == 0);
	}
	m = n > MAXP ? MAXP : n;
	for (long i = 0; i < m; i++) {
		check_part(s, size, &v[i]);
		if (i > 0)
			FUZZ_CHECK(v[i - 1].off + v[i - 1].len <= v[i].off);
	}
	if (m > 0) {
		nidx = yara_split_index(v, (size_t)m, idx);
		FUZZ_CHECK(nidx <= (size_t)m);
		for (size_t i = 1; i < nidx; i++)
			FUZZ_CHECK(strcmp(v[idx[i - 1]].name, v[idx[i]].name) <= 0);
		for (size_t i = 0; i < (size_t)m; i++) {
			bool more;
			size_t k = yara_split_refs(s, size, v, (size_t)m, idx,
			    nidx, i, out, 8, &more);

			FUZZ_CHECK(k <= 8 && (!more || k == 8));
			FUZZ_CHECK(v[i].kind == YP_RULE || k == 0);
			for (size_t a = 0; a < k; a++) {
				FUZZ_CHECK(out[a] < (size_t)m && out[a] != i);
				FUZZ_CHECK(v[out[a]].kind == YP_RULE);
				FUZZ_CHECK(memmem(s + v[i].body,
				    v[i].off + v[i].len - v[i].body,
				    v[out[a]].name,
				    strlen(v[out[a]].name)) != NULL);
				for (size_t b = 0; b < a; b++)
					FUZZ_CHECK(out[a] != out[b]);
			}
		}
	}
	free(out);
	free(idx);
	free(v);
	free(s);
	return 0;
}
