/*
 * fuzz_group.c - etcparse_group() on /etc/group text.
 */
#include "collect/etc_parse.h"
#include "core/arena.h"
#include "etc_lines.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = { 0 };
	struct group *v;
	size_t n, bad, total;
	uint32_t last = 0;
	char *buf;

	if (size > 65536)
		return 0;
	buf = fuzz_dup(data, size);
	bad = etcparse_group(buf, size, &a, &v, &n);
	FUZZ_CHECK(n == etc_count_lines(buf, size));
	FUZZ_CHECK((n == 0) == (v == NULL));
	FUZZ_CHECK(bad <= n);
	total = etc_total_lines(buf, size);
	for (size_t i = 0; i < n; i++) {
		const struct group *g = &v[i];

		FUZZ_CHECK(g->line > last && g->line <= total);
		last = g->line;
		FUZZ_CHECK(g->name && g->members);
		FUZZ_CHECK(strchr(g->name, ':') == NULL);
		FUZZ_CHECK(strchr(g->name, '\n') == NULL);
		FUZZ_CHECK(strchr(g->members, '\n') == NULL);
	}
	arena_free(&a);
	free(buf);
	return 0;
}
