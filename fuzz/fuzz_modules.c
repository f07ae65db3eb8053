/*
 * fuzz_modules.c - etcparse_modules() on /proc/modules text.  A rootkit
 * module chooses its own name and can hide from or forge this list.
 */
#include "collect/etc_parse.h"
#include "core/arena.h"
#include "etc_lines.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = { 0 };
	struct kmod *v;
	size_t n, bad;
	char *buf;

	if (size > 65536)
		return 0;
	buf = fuzz_dup(data, size);
	bad = etcparse_modules(buf, size, &a, &v, &n);
	FUZZ_CHECK(n + bad == etc_count_lines(buf, size));
	FUZZ_CHECK((n == 0) == (v == NULL));
	for (size_t i = 0; i < n; i++) {
		const struct kmod *m = &v[i];

		FUZZ_CHECK(m->name && m->state);
		FUZZ_CHECK(strchr(m->name, ' ') == NULL);
		FUZZ_CHECK(strchr(m->name, '\n') == NULL);
		FUZZ_CHECK(strchr(m->state, ' ') == NULL);
		if (m->taint)
			FUZZ_CHECK(m->taint[0] == '(' &&
			    strchr(m->taint, '\n') == NULL);
	}
	arena_free(&a);
	free(buf);
	return 0;
}
