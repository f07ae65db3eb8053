/* escape.c - JSON and terminal escaping of hostile strings. */
#include <string.h>

#include "escape.h"

size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

void
escape_json(struct buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = p[i];
		uint32_t cp;
		size_t l;
		char e[8];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			i++;
			run++;
			continue;
		}
		buf_append(out, p + i - run, run);
		run = 0;
		if (c == '"' || c == '\\') {
			e[0] = '\\';
			e[1] = (char)c;
			buf_append(out, e, 2);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			switch (c) {
			case '\n': buf_append(out, "\\n", 2); break;
			case '\t': buf_append(out, "\\t", 2); break;
			case '\r': buf_append(out, "\\r", 2); break;
			default: buf_printf(out, "\\u%04x", c); break;
			}
			i++;
		} else if ((l = utf8_decode(p + i, n - i, &cp)) == 0) {
			buf_append(out, "\\ufffd", 6);
			i++;
		} else {
			if (cp == 0x2028 || cp == 0x2029)
				buf_printf(out, "\\u%04x", (unsigned)cp);
			else
				buf_append(out, p + i, l);
			i += l;
		}
	}
	buf_append(out, p + i - run, run);
}

static int
text_unsafe_cp(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) ||       /* C1 controls */
	    cp == 0x061c || cp == 0x180e ||        /* ALM, Mongolian VS */
	    (cp >= 0x200b && cp <= 0x200f) ||      /* zero width, LRM/RLM */
	    (cp >= 0x202a && cp <= 0x202e) ||      /* bidi embeddings */
	    (cp >= 0x2060 && cp <= 0x2064) ||      /* word joiner, invisibles */
	    (cp >= 0x2066 && cp <= 0x2069) ||      /* bidi isolates */
	    (cp >= 0xfff9 && cp <= 0xfffb) ||      /* interlinear annotation */
	    cp == 0x2028 || cp == 0x2029 || cp == 0xfeff;
}

void
escape_text(struct buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = p[i];
		uint32_t cp;
		size_t l;

		if (c >= 0x20 && c < 0x7f) {
			i++;
			run++;
			continue;
		}
		buf_append(out, p + i - run, run);
		run = 0;
		if (c < 0x80) {
			buf_printf(out, "\\x%02x", c);
			i++;
		} else if ((l = utf8_decode(p + i, n - i, &cp)) == 0) {
			buf_printf(out, "\\x%02x", c);
			i++;
		} else if (text_unsafe_cp(cp)) {
			buf_printf(out, "\\u{%04x}", (unsigned)cp);
			i += l;
		} else {
			buf_append(out, p + i, l);
			i += l;
		}
	}
	buf_append(out, p + i - run, run);
}

void
fput_text(FILE *f, const char *s, size_t n)
{
	struct buf b;

	buf_init(&b, (size_t)-1 / 2);
	escape_text(&b, s, n);
	if (b.len)
		fwrite(b.data, 1, b.len, f);
	buf_free(&b);
}
