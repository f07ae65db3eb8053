/*
 * test_elf_parse.c - elf_dynsyms() on synthetic ELF images (32/64-bit,
 * little/big-endian, with section headers or only PT_DYNAMIC with DT_HASH
 * or DT_GNU_HASH), on hostile variants (truncated at every length, random
 * corruption, forged counts and offsets), and on a real library.
 */
#include "testlib.h"
#include "collect/elf_parse.h"

#define IMG 0x1000

struct spec {
	bool is64, be;
	bool sections;       /* section headers with .dynsym/.dynstr */
	bool dynamic;        /* PT_DYNAMIC + PT_LOAD */
	int hash;            /* 0 none, 1 DT_HASH, 2 DT_GNU_HASH */
};

static void
put(uint8_t *b, size_t off, unsigned n, uint64_t v, bool be)
{
	for (unsigned i = 0; i < n; i++) {
		unsigned k = be ? n - 1 - i : i;

		b[off + k] = (uint8_t)(v >> (8 * i));
	}
}

/* The symbols of every image: name, type, bind, visibility, shndx. */
static const struct {
	const char *name;
	unsigned type, bind, vis, shndx;
	bool want;
} syms[] = {
	{ "readdir", 2, 1, 0, 1, true },
	{ "readdir64", 2, 2, 0, 1, true },        /* weak */
	{ "fopen", 10, 1, 3, 1, true },           /* ifunc, protected */
	{ "opendir", 2, 1, 0, 0, false },         /* undefined: imported */
	{ "some_data", 1, 1, 0, 1, false },       /* an object */
	{ "local_fn", 2, 0, 0, 1, false },        /* local */
	{ "hidden_fn", 2, 1, 2, 1, false },       /* hidden visibility */
	{ "pcap_loop", 2, 1, 0, 1, true },
};
#define NSYMS (TL_NELEM(syms) + 1)  /* plus the null symbol */

static size_t
mkelf(uint8_t *b, const struct spec *sp)
{
	bool be = sp->be, w = sp->is64;
	unsigned ws = w ? 8 : 4, ent = w ? 24 : 16;
	size_t str = 0x200, sym = 0x400, hash = 0x800, gnu = 0x900,
	    dyn = 0xa00, sh = 0xc00, ph = w ? 64 : 52, so = 1;

	memset(b, 0, IMG);
	memcpy(b, "\177ELF", 4);
	b[4] = w ? 2 : 1;
	b[5] = be ? 2 : 1;
	b[6] = 1;
	put(b, 16, 2, 3, be);                    /* ET_DYN */
	put(b, 18, 2, w ? 62 : 3, be);
	put(b, 20, 4, 1, be);
	if (sp->dynamic) {
		put(b, w ? 32 : 28, ws, ph, be);
		put(b, w ? 54 : 42, 2, w ? 56 : 32, be);
		put(b, w ? 56 : 44, 2, 2, be);
		/* PT_LOAD: the whole image at vaddr 0x10000 */
		put(b, ph, 4, 1, be);
		if (w) {
			put(b, ph + 8, 8, 0, be);
			put(b, ph + 16, 8, 0x10000, be);
			put(b, ph + 32, 8, IMG, be);
			put(b, ph + 40, 8, IMG, be);
		} else {
			put(b, ph + 4, 4, 0, be);
			put(b, ph + 8, 4, 0x10000, be);
			put(b, ph + 16, 4, IMG, be);
			put(b, ph + 20, 4, IMG, be);
		}
		/* PT_DYNAMIC */
		ph += w ? 56 : 32;
		put(b, ph, 4, 2, be);
		if (w) {
			put(b, ph + 8, 8, dyn, be);
			put(b, ph + 32, 8, 0x100, be);
		} else {
			put(b, ph + 4, 4, dyn, be);
			put(b, ph + 16, 4, 0x100, be);
		}
	}
	/* strings and symbols */
	for (size_t i = 0; i < TL_NELEM(syms); i++) {
		size_t s = sym + (i + 1) * ent, l = strlen(syms[i].name) + 1;

		memcpy(b + str + so, syms[i].name, l);
		put(b, s, 4, so, be);
		so += l;
		if (w) {
			b[s + 4] = (uint8_t)(syms[i].bind << 4 | syms[i].type);
			b[s + 5] = (uint8_t)syms[i].vis;
			put(b, s + 6, 2, syms[i].shndx, be);
		} else {
			b[s + 12] = (uint8_t)(syms[i].bind << 4 | syms[i].type);
			b[s + 13] = (uint8_t)syms[i].vis;
			put(b, s + 14, 2, syms[i].shndx, be);
		}
	}
	/* DT_HASH: nbucket 1, nchain NSYMS */
	put(b, hash, 4, 1, be);
	put(b, hash + 4, 4, NSYMS, be);
	/* DT_GNU_HASH: 1 bucket, symoffset 1, 1 bloom word; the bucket
	 * points at symbol 1, the chain ends at the last symbol */
	put(b, gnu, 4, 1, be);
	put(b, gnu + 4, 4, 1, be);
	put(b, gnu + 8, 4, 1, be);
	put(b, gnu + 12, 4, 6, be);
	put(b, gnu + 16 + ws, 4, 1, be);
	for (size_t i = 1; i < NSYMS; i++)
		put(b, gnu + 16 + ws + 4 + (i - 1) * 4, 4,
		    (i == NSYMS - 1) ? 0x11 : 0x10, be);
	if (sp->dynamic) {
		uint64_t tags[][2] = {
			{ 5, 0x10000 + str }, { 6, 0x10000 + sym },
			{ 10, so }, { 11, ent },
			{ sp->hash == 1 ? 4 : sp->hash == 2 ? 0x6ffffef5 : 1,
			    sp->hash == 1 ? 0x10000 + hash : 0x10000 + gnu },
			{ 0, 0 },
		};

		for (size_t i = 0; i < TL_NELEM(tags); i++) {
			put(b, dyn + i * 2 * ws, ws, tags[i][0], be);
			put(b, dyn + i * 2 * ws + ws, ws, tags[i][1], be);
		}
	}
	if (sp->sections) {
		size_t e = w ? 64 : 40;

		put(b, w ? 40 : 32, ws, sh, be);
		put(b, w ? 58 : 46, 2, e, be);
		put(b, w ? 60 : 48, 2, 3, be);
		/* [1] .dynstr, [2] .dynsym -> link 1 */
		put(b, sh + e + 4, 4, 3, be);
		put(b, sh + 2 * e + 4, 4, 11, be);
		if (w) {
			put(b, sh + e + 24, 8, str, be);
			put(b, sh + e + 32, 8, so, be);
			put(b, sh + 2 * e + 24, 8, sym, be);
			put(b, sh + 2 * e + 32, 8, NSYMS * ent, be);
			put(b, sh + 2 * e + 40, 4, 1, be);
			put(b, sh + 2 * e + 56, 8, ent, be);
		} else {
			put(b, sh + e + 16, 4, str, be);
			put(b, sh + e + 20, 4, so, be);
			put(b, sh + 2 * e + 16, 4, sym, be);
			put(b, sh + 2 * e + 20, 4, NSYMS * ent, be);
			put(b, sh + 2 * e + 24, 4, 1, be);
			put(b, sh + 2 * e + 36, 4, ent, be);
		}
	}
	return IMG;
}

struct got {
	char names[32][64];
	int n;
};

static int
collect(const char *name, void *arg)
{
	struct got *g = arg;

	if (strlen(name) >= 64)
		fail_msg("name too long");
	if (g->n < 32)
		snprintf(g->names[g->n++], 64, "%s", name);
	return 0;
}

static bool
got_has(const struct got *g, const char *n)
{
	for (int i = 0; i < g->n; i++)
		if (strcmp(g->names[i], n) == 0)
			return true;
	return false;
}

static void
expect_syms(const struct spec *sp, enum elf_source src)
{
	uint8_t *b = xmalloc(IMG);
	size_t n = mkelf(b, sp);
	struct elf_info info;
	struct got g = { .n = 0 };
	int want = 0;

	assert_int_equal(elf_dynsyms(b, n, collect, &g, &info), RM_OK);
	assert_int_equal(info.source, src);
	assert_int_equal(info.bits, sp->is64 ? 64 : 32);
	assert_int_equal(info.big_endian, sp->be);
	for (size_t i = 0; i < TL_NELEM(syms); i++) {
		if (syms[i].want)
			want++;
		if (got_has(&g, syms[i].name) != syms[i].want)
			fail_msg("%d-bit %s, source %d: %s %s", info.bits,
			    sp->be ? "BE" : "LE", src, syms[i].name,
			    syms[i].want ? "missing" : "reported");
	}
	assert_int_equal(g.n, want);
	assert_int_equal(info.nfuncs, (uint32_t)want);
	free(b);
}

static void
test_sections_all_classes(void **state)
{
	(void)state;
	for (int w = 0; w < 2; w++)
		for (int be = 0; be < 2; be++) {
			struct spec sp = { w, be, true, true, 1 };

			expect_syms(&sp, ELF_SRC_SECTIONS);
			sp.dynamic = false;  /* sections alone suffice */
			expect_syms(&sp, ELF_SRC_SECTIONS);
		}
}

static void
test_dynamic_without_sections(void **state)
{
	(void)state;
	for (int w = 0; w < 2; w++)
		for (int be = 0; be < 2; be++)
			for (int h = 1; h <= 2; h++) {
				struct spec sp = { w, be, false, true, h };

				expect_syms(&sp, ELF_SRC_DYNAMIC);
			}
}

static void
test_not_elf(void **state)
{
	struct elf_info info;
	uint8_t *b = xmalloc(IMG);
	struct spec sp = { true, false, false, false, 0 };

	(void)state;
	assert_int_equal(elf_dynsyms((const uint8_t *)"", 0, NULL, NULL,
	    &info), RM_EPARSE);
	assert_int_equal(elf_dynsyms((const uint8_t *)"#!/bin/sh\n", 10,
	    NULL, NULL, &info), RM_EPARSE);
	/* an ELF header with neither sections nor a dynamic segment */
	mkelf(b, &sp);
	assert_int_equal(elf_dynsyms(b, IMG, NULL, NULL, &info), RM_EPARSE);
	assert_int_equal(info.bits, 64);
	/* a bad class byte */
	sp.sections = true;
	mkelf(b, &sp);
	b[4] = 3;
	assert_int_equal(elf_dynsyms(b, IMG, NULL, NULL, &info), RM_EPARSE);
	free(b);
}

/* Every prefix of a valid image: no read past the end (ASan), never more
 * functions than the whole file has. */
static void
test_truncated_everywhere(void **state)
{
	(void)state;
	for (int k = 0; k < 8; k++) {
		struct spec sp = { k & 1, (k >> 1) & 1, (k >> 2) & 1, true, 2 };
		uint8_t *full = xmalloc(IMG);

		mkelf(full, &sp);
		for (size_t len = 0; len <= IMG; len += (len < 128 ? 1 : 7)) {
			uint8_t *b = xmalloc(len ? len : 1);
			struct elf_info info;

			memcpy(b, full, len);
			elf_dynsyms(b, len, NULL, NULL, &info);
			assert_true(info.nfuncs <= 4);
			free(b);
		}
		free(full);
	}
}

static void
test_random_corruption(void **state)
{
	uint64_t rs = 0x5eed;
	uint8_t *full = xmalloc(IMG), *b = xmalloc(IMG);

	(void)state;
	for (int it = 0; it < 20000; it++) {
		struct spec sp = { it & 1, (it >> 1) & 1, (it >> 2) & 1,
			true, 1 + ((it >> 3) & 1) };
		struct elf_info info;
		int flips = 1 + (int)(tl_rand(&rs) % 8);

		mkelf(full, &sp);
		memcpy(b, full, IMG);
		for (int f = 0; f < flips; f++) {
			/* mostly the headers and tables, sometimes anywhere */
			size_t off = tl_rand(&rs) % (tl_rand(&rs) % 4 ? 0x100 :
			    IMG);

			b[off] = (uint8_t)tl_rand(&rs);
		}
		elf_dynsyms(b, IMG, NULL, NULL, &info);
		assert_true(info.nsyms <= ELF_SYMS_MAX);
	}
	free(full);
	free(b);
}

/* Forged sizes: a symbol table of 2^60 bytes, a section count of 2^32. */
static void
test_forged_counts(void **state)
{
	uint8_t *b = xmalloc(IMG);
	struct spec sp = { true, false, true, false, 0 };
	struct elf_info info;
	struct got g = { .n = 0 };

	(void)state;
	mkelf(b, &sp);
	put(b, 0xc00 + 2 * 64 + 32, 8, (uint64_t)1 << 60, false);
	assert_int_equal(elf_dynsyms(b, IMG, collect, &g, &info), RM_OK);
	assert_true(info.nsyms <= IMG / 24);
	assert_true(got_has(&g, "readdir"));
	/* e_shnum 0: the count is in section 0's size */
	mkelf(b, &sp);
	put(b, 60, 2, 0, false);
	put(b, 0xc00 + 32, 8, 0xffffffffull, false);
	assert_int_equal(elf_dynsyms(b, IMG, NULL, NULL, &info), RM_OK);
	/* an offset near 2^64 must not wrap into the image */
	mkelf(b, &sp);
	put(b, 0xc00 + 2 * 64 + 24, 8, ~(uint64_t)0 - 8, false);
	elf_dynsyms(b, IMG, NULL, NULL, &info);
	assert_int_equal(info.nfuncs, 0);
	/* a string table running to the end of the file without a NUL */
	mkelf(b, &sp);
	put(b, 0xc00 + 64 + 24, 8, IMG - 4, false);
	put(b, 0xc00 + 64 + 32, 8, 4, false);
	memset(b + IMG - 4, 'A', 4);
	g.n = 0;
	elf_dynsyms(b, IMG, collect, &g, &info);
	assert_int_equal(g.n, 0);
	free(b);
}

/* GNU hash with a chain that never ends: bounded by the file. */
static void
test_gnu_hash_endless_chain(void **state)
{
	uint8_t *b = xmalloc(IMG);
	struct spec sp = { true, false, false, true, 2 };
	struct elf_info info;

	(void)state;
	mkelf(b, &sp);
	for (size_t off = 0x900 + 16 + 8 + 4; off + 4 <= 0xa00; off += 4)
		put(b, off, 4, 0x10, false);  /* no end bit */
	elf_dynsyms(b, IMG, NULL, NULL, &info);
	assert_true(info.nsyms < IMG);
	free(b);
}

static int
collect_real(const char *name, void *arg)
{
	struct got *g = arg;

	if (strcmp(name, "readdir") == 0 || strcmp(name, "fopen") == 0)
		return collect(name, arg);
	(void)g;
	return 0;
}

/* A real library: libc defines readdir and fopen. */
static void
test_real_libc(void **state)
{
	static const char *const paths[] = {
		"/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/libc.so.6",
		"/lib64/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", NULL,
	};
	struct elf_info info;
	struct got g = { .n = 0 };
	size_t cap = 64u << 20, n;
	char *b;
	int fd = -1;

	(void)state;
	for (int i = 0; paths[i] && fd < 0; i++)
		fd = open(paths[i], O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		TL_SKIP("no libc.so.6 at a known path");
	b = xmalloc(cap);
	assert_int_equal(io_read_fd(fd, b, cap, &n, NULL), RM_OK);
	close(fd);
	assert_int_equal(elf_dynsyms((const uint8_t *)b, n, NULL, NULL,
	    &info), RM_OK);
	assert_true(info.nfuncs > 1000);
	assert_int_equal(elf_dynsyms((const uint8_t *)b, n, collect_real, &g,
	    &info), RM_OK);
	assert_true(got_has(&g, "readdir"));
	assert_true(got_has(&g, "fopen"));
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections_all_classes),
		cmocka_unit_test(test_dynamic_without_sections),
		cmocka_unit_test(test_not_elf),
		cmocka_unit_test(test_truncated_everywhere),
		cmocka_unit_test(test_random_corruption),
		cmocka_unit_test(test_forged_counts),
		cmocka_unit_test(test_gnu_hash_endless_chain),
		cmocka_unit_test(test_real_libc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
