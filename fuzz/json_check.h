/*
 * json_check.h - a strict RFC 8259 validator for the fuzz targets that
 * produce JSON: exactly one value, strings with only the escapes JSON
 * allows, no raw control byte, valid UTF-8 (utf8_decode), nesting no
 * deeper than JSON_DEPTH_MAX.
 */
#ifndef RM_FUZZ_JSON_CHECK_H
#define RM_FUZZ_JSON_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/escape.h"
#include "core/json.h"

struct jc {
	const unsigned char *p, *end;
	int depth;
};

static bool jc_value(struct jc *r);

static void
jc_ws(struct jc *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' ||
	    *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static bool
jc_lit(struct jc *r, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, w, n) != 0)
		return false;
	r->p += n;
	return true;
}

static bool
jc_string(struct jc *r)
{
	if (r->p >= r->end || *r->p != '"')
		return false;
	r->p++;
	while (r->p < r->end && *r->p != '"') {
		uint32_t cp;
		size_t l;

		if (*r->p == '\\') {
			r->p++;
			if (r->p >= r->end)
				return false;
			if (*r->p == 'u') {
				for (int k = 1; k <= 4; k++)
					if (r->end - r->p <= k ||
					    !((r->p[k] >= '0' && r->p[k] <= '9') ||
					    (r->p[k] >= 'a' && r->p[k] <= 'f') ||
					    (r->p[k] >= 'A' && r->p[k] <= 'F')))
						return false;
				r->p += 5;
			} else if (strchr("\"\\/bfnrt", *r->p) && *r->p) {
				r->p++;
			} else {
				return false;
			}
			continue;
		}
		if (*r->p < 0x20)
			return false;
		l = utf8_decode(r->p, (size_t)(r->end - r->p), &cp);
		if (l == 0)
			return false;
		r->p += l;
	}
	if (r->p >= r->end)
		return false;
	r->p++;
	return true;
}

static bool
jc_digits(struct jc *r)
{
	const unsigned char *s = r->p;

	while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
		r->p++;
	return r->p > s;
}

static bool
jc_number(struct jc *r)
{
	if (r->p < r->end && *r->p == '-')
		r->p++;
	if (r->p < r->end && *r->p == '0')
		r->p++;
	else if (!jc_digits(r))
		return false;
	if (r->p < r->end && *r->p == '.') {
		r->p++;
		if (!jc_digits(r))
			return false;
	}
	if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
		r->p++;
		if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
			r->p++;
		if (!jc_digits(r))
			return false;
	}
	return true;
}

static bool
jc_container(struct jc *r, bool obj)
{
	r->p++;
	if (++r->depth > JSON_DEPTH_MAX)
		return false;
	jc_ws(r);
	if (r->p < r->end && *r->p == (obj ? '}' : ']')) {
		r->p++;
		r->depth--;
		return true;
	}
	for (;;) {
		jc_ws(r);
		if (obj) {
			if (!jc_string(r))
				return false;
			jc_ws(r);
			if (r->p >= r->end || *r->p++ != ':')
				return false;
		}
		if (!jc_value(r))
			return false;
		jc_ws(r);
		if (r->p >= r->end)
			return false;
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p++ != (obj ? '}' : ']'))
			return false;
		r->depth--;
		return true;
	}
}

static bool
jc_value(struct jc *r)
{
	jc_ws(r);
	if (r->p >= r->end)
		return false;
	switch (*r->p) {
	case '{': return jc_container(r, true);
	case '[': return jc_container(r, false);
	case '"': return jc_string(r);
	case 't': return jc_lit(r, "true");
	case 'f': return jc_lit(r, "false");
	case 'n': return jc_lit(r, "null");
	default: return jc_number(r);
	}
}

static bool
json_check_document(const char *s, size_t n)
{
	struct jc r = { (const unsigned char *)s,
	    (const unsigned char *)s + n, 0 };

	if (!jc_value(&r))
		return false;
	jc_ws(&r);
	return r.p == r.end;
}

#endif
