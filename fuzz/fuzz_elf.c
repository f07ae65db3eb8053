/*
 * fuzz_elf.c - elf_dynsyms() and preload_parse_lib() on a hostile ELF
 * image: a preloaded library is the attacker's own file.  Every name
 * handed out must lie inside the input and end with a NUL there; the
 * counts stay within the caps; the kept hooks are on the hook list,
 * sorted and unique; stopping early stops.
 */
#include "collect/collect.h"
#include "collect/elf_parse.h"
#include "core/arena.h"
#include "core/hooks.h"
#include "core/err.h"
#include "fuzz.h"

struct ctx {
	const char *lo, *hi;
	uint32_t n;
};

static int
each(const char *name, void *arg)
{
	struct ctx *c = arg;
	size_t l;

	FUZZ_CHECK(name >= c->lo && name < c->hi);
	l = strnlen(name, (size_t)(c->hi - name));
	FUZZ_CHECK(name + l < c->hi);      /* the NUL is inside */
	FUZZ_CHECK(l > 0 && l < 1024);
	c->n++;
	return 0;
}

static int
stop_first(const char *name, void *arg)
{
	(void)name;
	(*(uint32_t *)arg)++;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_dup(data, size);
	struct ctx c = { buf, buf + size, 0 };
	struct elf_info info, info2;
	struct snapshot s;
	struct preload_lib l;
	uint32_t first = 0;
	int r;

	r = elf_dynsyms((const uint8_t *)buf, size, each, &c, &info);
	FUZZ_CHECK(r == RM_OK || r == RM_EPARSE);
	FUZZ_CHECK(c.n == info.nfuncs);
	FUZZ_CHECK(info.nfuncs <= info.nsyms);
	FUZZ_CHECK(info.nsyms <= ELF_SYMS_MAX);
	if (r == RM_OK)
		FUZZ_CHECK(info.source != ELF_SRC_NONE);
	/* the same again without a callback: the same counts */
	FUZZ_CHECK(elf_dynsyms((const uint8_t *)buf, size, NULL, NULL,
	    &info2) == r);
	FUZZ_CHECK(info2.nfuncs == info.nfuncs);
	if (info.nfuncs) {
		elf_dynsyms((const uint8_t *)buf, size, stop_first, &first,
		    &info2);
		FUZZ_CHECK(first == 1);
	}
	memset(&s, 0, sizeof(s));
	memset(&l, 0, sizeof(l));
	preload_parse_lib(&s, &l, (const uint8_t *)buf, size);
	FUZZ_CHECK(l.elf == (r == RM_OK));
	FUZZ_CHECK(l.nhooks <= 64);
	for (uint32_t i = 0; i < l.nhooks; i++) {
		FUZZ_CHECK(hook_class_of(l.hooks[i]) != HOOK_NONE);
		if (i)
			FUZZ_CHECK(strcmp(l.hooks[i - 1], l.hooks[i]) < 0);
	}
	arena_free(&s.arena);
	free(buf);
	return 0;
}
