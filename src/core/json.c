/* json.c - streaming JSON writer into a struct buf. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "json.h"

void
json_init(struct json *j, struct buf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->first[0] = true;
}

/* Called before every value or key: emits the separating comma. */
static void
sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth])
		buf_putc(j->out, ',');
	j->first[j->depth] = false;
}

static void
open_(struct json *j, char c)
{
	sep(j);
	buf_putc(j->out, c);
	if (j->depth + 1 >= JSON_DEPTH_MAX)
		abort();  /* programmer error: documents are shallow */
	j->first[++j->depth] = true;
}

static void
close_(struct json *j, char c)
{
	if (j->depth == 0)
		abort();
	j->depth--;
	buf_putc(j->out, c);
}

void json_obj_begin(struct json *j) { open_(j, '{'); }
void json_obj_end(struct json *j) { close_(j, '}'); }
void json_arr_begin(struct json *j) { open_(j, '['); }
void json_arr_end(struct json *j) { close_(j, ']'); }

void
json_key(struct json *j, const char *key)
{
	sep(j);
	buf_putc(j->out, '"');
	escape_json(j->out, key, strlen(key));
	buf_append(j->out, "\":", 2);
	j->after_key = true;
}

void
json_strn(struct json *j, const char *s, size_t n)
{
	sep(j);
	buf_putc(j->out, '"');
	escape_json(j->out, s, n);
	buf_putc(j->out, '"');
}

void
json_str(struct json *j, const char *s)
{
	if (s == NULL)
		json_null_value(j);
	else
		json_strn(j, s, strlen(s));
}

void
json_int(struct json *j, int64_t v)
{
	sep(j);
	buf_printf(j->out, "%" PRId64, v);
}

void
json_uint(struct json *j, uint64_t v)
{
	sep(j);
	buf_printf(j->out, "%" PRIu64, v);
}

void
json_double(struct json *j, double v, int decimals)
{
	sep(j);
	if (!isfinite(v))
		buf_append(j->out, "null", 4);
	else
		buf_printf(j->out, "%.*f", decimals, v);
}

void
json_bool(struct json *j, bool v)
{
	sep(j);
	buf_append(j->out, v ? "true" : "false", v ? 4 : 5);
}

void
json_null_value(struct json *j)
{
	sep(j);
	buf_append(j->out, "null", 4);
}

void
json_raw(struct json *j, const char *s, size_t n)
{
	sep(j);
	buf_append(j->out, s, n);
}

void
json_kstr(struct json *j, const char *k, const char *v)
{
	json_key(j, k);
	json_str(j, v);
}

void
json_kint(struct json *j, const char *k, int64_t v)
{
	json_key(j, k);
	json_int(j, v);
}

void
json_kuint(struct json *j, const char *k, uint64_t v)
{
	json_key(j, k);
	json_uint(j, v);
}

void
json_kbool(struct json *j, const char *k, bool v)
{
	json_key(j, k);
	json_bool(j, v);
}
