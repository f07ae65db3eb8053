/*
 * fuzz_json.c - the streaming JSON writer (json.h).
 *
 * The input is a little program: each byte picks a writer call (open or
 * close a container, a string, number, boolean, null or a key helper),
 * and strings, keys and numbers come from the bytes that follow.  The
 * harness only makes calls the grammar allows (a key before each value in
 * an object, one top-level object); whatever the strings hold, the
 * output must then be exactly one valid JSON document.
 */
#include "core/buf.h"
#include "core/escape.h"
#include "core/json.h"
#include "fuzz.h"
#include "json_check.h"

#define MAXDEPTH (JSON_DEPTH_MAX - 2)

struct input {
	const uint8_t *p;
	size_t n;
};

static uint8_t
take_u8(struct input *in)
{
	uint8_t c = 0;

	if (in->n) {
		c = *in->p++;
		in->n--;
	}
	return c;
}

static uint64_t
take_u64(struct input *in)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | take_u8(in);
	return v;
}

/* A string of up to 255 bytes from the input, malloc'd to its size (plus
 * a NUL, so it can also be a key). */
static char *
take_str(struct input *in, size_t *len)
{
	size_t n = take_u8(in);
	char *s;

	if (n > in->n)
		n = in->n;
	s = fuzz_dupz(in->p, n);
	in->p += n;
	in->n -= n;
	*len = n;
	return s;
}

/* ---- the harness --------------------------------------------------------- */

static void
key_if_object(struct json *j, const bool *is_obj, int depth,
	      struct input *in)
{
	char *k;
	size_t n;

	if (!is_obj[depth])
		return;
	k = take_str(in, &n);
	json_key(j, k);
	free(k);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char raw[] = "[1,{\"a\":null},\"\\u0000\"]";
	struct input in;
	struct json j;
	struct buf out;
	bool is_obj[MAXDEPTH + 1];
	int depth = 0;
	uint8_t *copy;
	char *s, *k;
	size_t n;
	uint64_t u;
	double d;

	if (size > 16384)
		return 0;
	copy = (uint8_t *)fuzz_dup(data, size);
	in.p = copy;
	in.n = size;
	buf_init(&out, (size_t)1 << 24);
	json_init(&j, &out);
	json_obj_begin(&j);
	is_obj[depth = 1] = true;
	is_obj[0] = false;
	while (in.n && depth > 0) {
		uint8_t op = take_u8(&in);

		switch (op % 14) {
		case 0:
		case 1:
			if (depth >= MAXDEPTH)
				break;
			key_if_object(&j, is_obj, depth, &in);
			if (op % 14 == 0)
				json_obj_begin(&j);
			else
				json_arr_begin(&j);
			is_obj[++depth] = op % 14 == 0;
			break;
		case 2:
			if (is_obj[depth])
				json_obj_end(&j);
			else
				json_arr_end(&j);
			depth--;
			break;
		case 3:
			key_if_object(&j, is_obj, depth, &in);
			s = take_str(&in, &n);
			json_strn(&j, s, n);
			free(s);
			break;
		case 4:
			key_if_object(&j, is_obj, depth, &in);
			s = take_str(&in, &n);
			json_str(&j, (op & 0x80) ? NULL : s);
			free(s);
			break;
		case 5:
			key_if_object(&j, is_obj, depth, &in);
			json_int(&j, (int64_t)take_u64(&in));
			break;
		case 6:
			key_if_object(&j, is_obj, depth, &in);
			json_uint(&j, take_u64(&in));
			break;
		case 7:
			key_if_object(&j, is_obj, depth, &in);
			u = take_u64(&in);
			memcpy(&d, &u, sizeof(d));
			json_double(&j, d, take_u8(&in) % 16);
			break;
		case 8:
			key_if_object(&j, is_obj, depth, &in);
			json_bool(&j, op & 0x80);
			break;
		case 9:
			key_if_object(&j, is_obj, depth, &in);
			json_null_value(&j);
			break;
		case 10:
			key_if_object(&j, is_obj, depth, &in);
			json_raw(&j, raw, sizeof(raw) - 1);
			break;
		case 11:
		case 12:
		case 13:
			if (!is_obj[depth])
				break;
			k = take_str(&in, &n);
			s = take_str(&in, &n);
			if (op % 14 == 11)
				json_kstr(&j, k, (op & 0x80) ? NULL : s);
			else if (op % 14 == 12)
				json_kint(&j, k, (int64_t)take_u64(&in));
			else if (op & 0x80)
				json_kbool(&j, k, op & 0x40);
			else
				json_kuint(&j, k, take_u64(&in));
			free(k);
			free(s);
			break;
		}
	}
	while (depth > 0) {
		if (is_obj[depth])
			json_obj_end(&j);
		else
			json_arr_end(&j);
		depth--;
	}
	FUZZ_CHECK(j.depth == 0 && !j.after_key);
	FUZZ_CHECK(out.data != NULL && out.data[out.len] == '\0');
	FUZZ_CHECK(json_check_document(out.data, out.len));
	buf_free(&out);
	free(copy);
	return 0;
}
