/*
 * fuzz_escape.c - escape_json() and escape_text(), the last line of
 * defence between hostile host strings and a JSON consumer or a terminal.
 *
 * JSON: the output must be the body of a valid JSON string (no control
 * byte, no bare quote or backslash, valid UTF-8) and decode back to the
 * input with each invalid byte replaced by U+FFFD.  Text: no C0 control,
 * DEL, C1 control, bidi control or invisible code point may survive.  With
 * a cap below the output size the buffer must end empty, not hold a tail.
 */
#include "core/buf.h"
#include "core/escape.h"
#include "fuzz.h"

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void
put_utf8(struct buf *b, uint32_t cp)
{
	unsigned char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else {
		FUZZ_CHECK(cp < 0x10000);
		FUZZ_CHECK(cp < 0xd800 || cp > 0xdfff);
		u[0] = (unsigned char)(0xe0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	}
	buf_append(b, u, n);
}

/* Every byte of s is part of a valid UTF-8 sequence and no code point is
 * a control (or, for text, otherwise unsafe on a terminal). */
static void
check_utf8(const unsigned char *s, size_t n, bool text)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t l = utf8_decode(s + i, n - i, &cp);

		FUZZ_CHECK(l > 0);
		FUZZ_CHECK(cp >= 0x20 && cp != 0x7f);
		if (text) {
			FUZZ_CHECK(!(cp >= 0x80 && cp <= 0x9f));     /* C1 */
			FUZZ_CHECK(cp != 0x061c && cp != 0x180e);
			FUZZ_CHECK(!(cp >= 0x200b && cp <= 0x200f));
			FUZZ_CHECK(!(cp >= 0x202a && cp <= 0x202e));
			FUZZ_CHECK(!(cp >= 0x2060 && cp <= 0x2064));
			FUZZ_CHECK(!(cp >= 0x2066 && cp <= 0x2069));
			FUZZ_CHECK(!(cp >= 0xfff9 && cp <= 0xfffb));
			FUZZ_CHECK(cp != 0x2028 && cp != 0x2029 &&
			    cp != 0xfeff);
		}
		i += l;
	}
}

/* Decode a JSON string body (strictly, RFC 8259) into out. */
static void
json_unescape(const unsigned char *s, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = 0;

		FUZZ_CHECK(s[i] != '"');
		if (s[i] != '\\') {
			buf_putc(out, (char)s[i]);
			continue;
		}
		FUZZ_CHECK(++i < n);
		switch (s[i]) {
		case '"': case '\\': case '/':
			buf_putc(out, (char)s[i]);
			break;
		case 'b': buf_putc(out, '\b'); break;
		case 'f': buf_putc(out, '\f'); break;
		case 'n': buf_putc(out, '\n'); break;
		case 'r': buf_putc(out, '\r'); break;
		case 't': buf_putc(out, '\t'); break;
		case 'u':
			FUZZ_CHECK(n - i > 4);
			for (size_t k = 1; k <= 4; k++) {
				int h = hexval(s[i + k]);

				FUZZ_CHECK(h >= 0);
				cp = cp << 4 | (uint32_t)h;
			}
			i += 4;
			put_utf8(out, cp);
			break;
		default:
			FUZZ_FAIL("escape_json wrote an escape JSON lacks");
		}
	}
}

static void
check_json(const char *in, size_t n)
{
	const unsigned char *p = (const unsigned char *)in;
	struct buf out, dec, want;

	buf_init(&out, (size_t)1 << 24);
	buf_init(&dec, (size_t)1 << 24);
	buf_init(&want, (size_t)1 << 24);
	escape_json(&out, in, n);
	FUZZ_CHECK(out.len == 0 || out.data[out.len] == '\0');
	check_utf8((const unsigned char *)out.data, out.len, false);
	json_unescape((const unsigned char *)out.data, out.len, &dec);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = utf8_decode(p + i, n - i, &cp);

		if (l == 0) {
			buf_append(&want, "\xef\xbf\xbd", 3);
			i++;
		} else {
			buf_append(&want, p + i, l);
			i += l;
		}
	}
	FUZZ_CHECK(dec.len == want.len);
	FUZZ_CHECK(dec.len == 0 || memcmp(dec.data, want.data, dec.len) == 0);
	buf_free(&out);
	buf_free(&dec);
	buf_free(&want);
}

static void
check_text(const char *in, size_t n)
{
	struct buf out;

	buf_init(&out, (size_t)1 << 24);
	escape_text(&out, in, n);
	FUZZ_CHECK(out.len >= n);          /* escaping never shrinks */
	check_utf8((const unsigned char *)out.data, out.len, true);
	buf_free(&out);
}

/* A cap smaller than the output: the buffer must stay within it. */
static void
check_capped(const char *in, size_t n)
{
	struct buf out;

	buf_init(&out, n / 2);
	escape_json(&out, in, n);
	FUZZ_CHECK(out.len <= out.max);
	FUZZ_CHECK(out.data == NULL || out.data[out.len] == '\0');
	/* an overflow is sticky: no tail of the string survives it */
	if (out.overflow)
		FUZZ_CHECK(out.data == NULL && out.len == 0);
	buf_free(&out);
	buf_init(&out, n / 2);
	escape_text(&out, in, n);
	FUZZ_CHECK(out.len <= out.max);
	FUZZ_CHECK(out.data == NULL || out.data[out.len] == '\0');
	if (out.overflow)
		FUZZ_CHECK(out.data == NULL && out.len == 0);
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in;

	if (size > 16384)
		return 0;
	in = fuzz_dup(data, size);
	check_json(in, size);
	check_text(in, size);
	check_capped(in, size);
	free(in);
	return 0;
}
