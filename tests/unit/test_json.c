/*
 * test_json.c - the streaming JSON writer: commas, nesting, keys, values.
 */
#include <math.h>

#include "testlib.h"

struct jfix {
	struct buf b;
	struct json j;
};

static int
setup(void **state)
{
	struct jfix *f = xcalloc(1, sizeof(*f));

	buf_init(&f->b, 1 << 20);
	json_init(&f->j, &f->b);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct jfix *f = *state;

	buf_free(&f->b);
	free(f);
	return 0;
}

static void
test_commas_and_nesting(void **state)
{
	struct jfix *f = *state;
	struct json *j = &f->j;

	json_obj_begin(j);
	json_kint(j, "a", 1);
	json_key(j, "b");
	json_arr_begin(j);
	json_int(j, 1);
	json_int(j, -2);
	json_obj_begin(j);
	json_key(j, "c");
	json_null_value(j);
	json_obj_end(j);
	json_arr_begin(j);
	json_arr_end(j);
	json_arr_end(j);
	json_key(j, "d");
	json_obj_begin(j);
	json_obj_end(j);
	json_key(j, "e");
	json_arr_begin(j);
	json_arr_end(j);
	json_kbool(j, "t", true);
	json_kbool(j, "f", false);
	json_kuint(j, "u", UINT64_MAX);
	json_kint(j, "i", INT64_MIN);
	json_obj_end(j);
	assert_string_equal(f->b.data, "{\"a\":1,\"b\":[1,-2,{\"c\":null},[]],"
	    "\"d\":{},\"e\":[],\"t\":true,\"f\":false,"
	    "\"u\":18446744073709551615,\"i\":-9223372036854775808}");
	tl_assert_json(f->b.data, f->b.len);
}

static void
test_strings_are_escaped(void **state)
{
	struct jfix *f = *state;
	struct json *j = &f->j;

	json_arr_begin(j);
	json_str(j, "q\"\n\x1b");
	json_str(j, NULL);
	json_strn(j, "a\0b", 3);
	json_strn(j, "\xff", 1);
	json_arr_end(j);
	assert_string_equal(f->b.data, "[\"q\\\"\\n\\u001b\",null,"
	    "\"a\\u0000b\",\"\\ufffd\"]");
	tl_assert_json(f->b.data, f->b.len);
}

static void
test_keys_escaped(void **state)
{
	struct jfix *f = *state;
	struct json *j = &f->j;

	json_obj_begin(j);
	json_kstr(j, "we\"ird\n", "x");
	json_kstr(j, "null", NULL);
	json_obj_end(j);
	assert_string_equal(f->b.data,
	    "{\"we\\\"ird\\n\":\"x\",\"null\":null}");
	tl_assert_json(f->b.data, f->b.len);
}

static void
test_doubles(void **state)
{
	struct jfix *f = *state;
	struct json *j = &f->j;

	json_arr_begin(j);
	json_double(j, 1.25, 2);
	json_double(j, 99.96, 1);
	json_double(j, NAN, 1);
	json_double(j, INFINITY, 1);
	json_double(j, -0.5, 0);
	json_arr_end(j);
	assert_string_equal(f->b.data, "[1.25,100.0,null,null,-0]");
	tl_assert_json(f->b.data, f->b.len);
}

static void
test_raw_and_top_level_sequence(void **state)
{
	struct jfix *f = *state;
	struct json *j = &f->j;

	json_obj_begin(j);
	json_key(j, "pre");
	json_raw(j, "{\"x\":[1]}", 9);
	json_kint(j, "after", 2);
	json_obj_end(j);
	assert_string_equal(f->b.data, "{\"pre\":{\"x\":[1]},\"after\":2}");
	/* a fresh writer on the same buffer starts without a comma */
	buf_reset(&f->b);
	json_init(j, &f->b);
	json_arr_begin(j);
	json_arr_end(j);
	assert_string_equal(f->b.data, "[]");
}

static void
test_deep_nesting_within_limit(void **state)
{
	struct jfix *f = *state;
	struct json *j = &f->j;

	for (int i = 0; i < JSON_DEPTH_MAX - 2; i++)
		json_arr_begin(j);
	json_int(j, 0);
	for (int i = 0; i < JSON_DEPTH_MAX - 2; i++)
		json_arr_end(j);
	tl_assert_json(f->b.data, f->b.len);
	assert_int_equal(j->depth, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commas_and_nesting, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_strings_are_escaped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_keys_escaped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_doubles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_and_top_level_sequence,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_deep_nesting_within_limit,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
