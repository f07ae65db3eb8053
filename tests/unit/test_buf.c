/*
 * test_buf.c - the capped buffer (struct buf) and the arena.
 */
#include <stdalign.h>

#include "testlib.h"

static void
test_buf_append_terminates(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	assert_null(b.data);
	assert_int_equal(buf_append(&b, "abc", 3), RM_OK);
	assert_int_equal(b.len, 3);
	assert_string_equal(b.data, "abc");
	assert_int_equal(buf_putc(&b, 'd'), RM_OK);
	assert_int_equal(buf_printf(&b, "-%d-%s", 42, "x"), RM_OK);
	assert_string_equal(b.data, "abcd-42-x");
	assert_int_equal(b.len, 9);
	assert_true(b.alloc >= b.len + 1);
	/* appending nothing keeps a valid string */
	assert_int_equal(buf_append(&b, NULL, 0), RM_OK);
	assert_string_equal(b.data, "abcd-42-x");
	buf_free(&b);
	assert_null(b.data);
	buf_free(&b);   /* twice is fine */
	buf_free(NULL);
}

static void
test_buf_cap_exact_then_over(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 10);
	assert_int_equal(buf_append(&b, "0123456789", 10), RM_OK);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "0123456789");
	assert_true(b.alloc <= 11);     /* never more than max + NUL */
	/* one byte past the cap: the buffer is freed, never half-kept */
	assert_int_equal(buf_putc(&b, 'x'), RM_ETOOBIG);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	buf_free(&b);
}

static void
test_buf_cap_single_big_append(void **state)
{
	struct buf b;
	char big[64];

	(void)state;
	memset(big, 'z', sizeof(big));
	buf_init(&b, 16);
	assert_int_equal(buf_append(&b, "abc", 3), RM_OK);
	assert_int_equal(buf_append(&b, big, sizeof(big)), RM_ETOOBIG);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	/* a huge n cannot wrap the length check */
	buf_init(&b, 16);
	assert_int_equal(buf_append(&b, "a", 1), RM_OK);
	assert_int_equal(buf_append(&b, big, SIZE_MAX), RM_ETOOBIG);
	assert_null(b.data);
	buf_free(&b);
}

static void
test_buf_printf_long_and_over_cap(void **state)
{
	struct buf b;
	char *want;

	(void)state;
	/* longer than the 512-byte stack buffer inside buf_printf */
	buf_init(&b, 4096);
	assert_int_equal(buf_printf(&b, "%0*d", 1000, 7), RM_OK);
	assert_int_equal(b.len, 1000);
	assert_int_equal(b.data[999], '7');
	assert_int_equal(b.data[0], '0');
	buf_free(&b);

	buf_init(&b, 50);
	assert_int_equal(buf_printf(&b, "%s", "short"), RM_OK);
	want = xasprintf("%0*d", 100, 1);
	assert_int_equal(buf_printf(&b, "%s", want), RM_ETOOBIG);
	assert_null(b.data);
	free(want);
	buf_free(&b);
}

static void
test_buf_reset_and_steal(void **state)
{
	struct buf b;
	char *s;
	size_t n = 99;

	(void)state;
	buf_init(&b, 1000);
	buf_append(&b, "hello", 5);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_non_null(b.data);        /* memory kept */
	assert_string_equal(b.data, "");
	buf_append(&b, "again", 5);
	s = buf_steal(&b, &n);
	assert_int_equal(n, 5);
	assert_string_equal(s, "again");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(s);
	/* stealing an empty buffer gives "" (never NULL) */
	s = buf_steal(&b, &n);
	assert_non_null(s);
	assert_int_equal(n, 0);
	assert_string_equal(s, "");
	free(s);
	buf_free(&b);
}

static void
test_buf_growth_many_appends(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 1 << 20);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(buf_putc(&b, (char)('a' + i % 26)), RM_OK);
	assert_int_equal(b.len, 10000);
	assert_int_equal(strlen(b.data), 10000);
	assert_int_equal(b.data[26], 'a');
	buf_free(&b);
}

/* ---- arena --------------------------------------------------------------- */

static void
test_arena_zeroed_aligned(void **state)
{
	struct arena a = { 0 };

	(void)state;
	for (size_t n = 1; n < 300; n += 7) {
		unsigned char *p = arena_alloc(&a, n);

		assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xa5, n);     /* ASan: the whole block is ours */
	}
	assert_true(a.used > 0);
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.used, 0);
	arena_free(&a);
	arena_free(NULL);
}

static void
test_arena_large_and_many(void **state)
{
	struct arena a = { 0 };
	char *big, *small[2000];

	(void)state;
	/* larger than a chunk */
	big = arena_alloc(&a, 200000);
	memset(big, 'b', 200000);
	for (int i = 0; i < 2000; i++) {
		small[i] = arena_alloc(&a, 100);
		memset(small[i], i & 0x7f, 100);
	}
	/* earlier blocks are not overwritten by later ones */
	for (int i = 0; i < 2000; i++)
		assert_int_equal(small[i][99], i & 0x7f);
	assert_int_equal(big[0], 'b');
	assert_int_equal(big[199999], 'b');
	arena_free(&a);
}

static void
test_arena_strings(void **state)
{
	struct arena a = { 0 };
	const char *s;
	char *m;

	(void)state;
	s = arena_strndup(&a, "abcdef", 3);
	assert_string_equal(s, "abc");
	s = arena_strdup(&a, "hello");
	assert_string_equal(s, "hello");
	s = arena_strndup(&a, "", 0);
	assert_string_equal(s, "");
	/* a NUL inside the copied span is kept (the arena copies bytes) */
	s = arena_strndup(&a, "a\0b", 3);
	assert_int_equal(s[2], 'b');
	assert_int_equal(s[3], '\0');
	m = arena_memdup(&a, "\x01\x02\x03", 3);
	assert_memory_equal(m, "\x01\x02\x03", 3);
	assert_non_null(arena_memdup(&a, NULL, 0));
	arena_free(&a);
}

static void
test_xmalloc_helpers(void **state)
{
	char *p;

	(void)state;
	p = xmemdup0("ab\0cd", 5);
	assert_int_equal(p[3], 'c');
	assert_int_equal(p[5], '\0');
	free(p);
	p = xasprintf("%s-%d", "x", 5);
	assert_string_equal(p, "x-5");
	free(p);
	p = xstrdup("");
	assert_string_equal(p, "");
	free(p);
	p = xreallocarray(NULL, 10, 10);
	p = xreallocarray(p, 20, 10);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_append_terminates),
		cmocka_unit_test(test_buf_cap_exact_then_over),
		cmocka_unit_test(test_buf_cap_single_big_append),
		cmocka_unit_test(test_buf_printf_long_and_over_cap),
		cmocka_unit_test(test_buf_reset_and_steal),
		cmocka_unit_test(test_buf_growth_many_appends),
		cmocka_unit_test(test_arena_zeroed_aligned),
		cmocka_unit_test(test_arena_large_and_many),
		cmocka_unit_test(test_arena_strings),
		cmocka_unit_test(test_xmalloc_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
