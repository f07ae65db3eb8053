/*
 * json.h - a small streaming JSON writer.
 *
 * Builds the document in a struct buf; the caller writes it out.  Keys are
 * program constants; every value string is escaped (escape_json), so host
 * data cannot break the document.  Commas are handled here.
 */
#ifndef RM_JSON_H
#define RM_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define JSON_DEPTH_MAX 32

struct json {
	struct buf *out;
	int depth;
	bool first[JSON_DEPTH_MAX];
	bool after_key;
};

void json_init(struct json *j, struct buf *out);
void json_obj_begin(struct json *j);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j);
void json_arr_end(struct json *j);
void json_key(struct json *j, const char *key);
void json_str(struct json *j, const char *s);        /* NULL -> null */
void json_strn(struct json *j, const char *s, size_t n);
void json_int(struct json *j, int64_t v);
void json_uint(struct json *j, uint64_t v);
void json_double(struct json *j, double v, int decimals);
void json_bool(struct json *j, bool v);
void json_null_value(struct json *j);
/* Splice pre-built JSON (trusted, from this program) as a value. */
void json_raw(struct json *j, const char *s, size_t n);

/* key + value helpers */
void json_kstr(struct json *j, const char *k, const char *v);
void json_kint(struct json *j, const char *k, int64_t v);
void json_kuint(struct json *j, const char *k, uint64_t v);
void json_kbool(struct json *j, const char *k, bool v);

#endif
