/*
 * test_escape.c - utf8_decode, escape_json, escape_text, fput_text.
 *
 * Every host string leaves rookmelder through these: a JSON document
 * must stay valid whatever bytes a process name holds, and a terminal
 * must never receive a control sequence from one.
 */
#include "testlib.h"

/* escape_json of n bytes, as a malloc'd string. */
static char *
ej(const char *s, size_t n)
{
	struct buf b;

	buf_init(&b, 1 << 20);
	escape_json(&b, s, n);
	return buf_steal(&b, NULL);
}

static char *
et(const char *s, size_t n)
{
	struct buf b;

	buf_init(&b, 1 << 20);
	escape_text(&b, s, n);
	return buf_steal(&b, NULL);
}

static void
expect_json(const char *in, size_t n, const char *want)
{
	char *got = ej(in, n);

	if (strcmp(got, want) != 0)
		fail_msg("escape_json: got \"%s\", want \"%s\"", got, want);
	free(got);
}

static void
expect_text(const char *in, size_t n, const char *want)
{
	char *got = et(in, n);

	if (strcmp(got, want) != 0)
		fail_msg("escape_text: got \"%s\", want \"%s\"", got, want);
	free(got);
}

#define EJ(lit, want) expect_json(lit, sizeof(lit) - 1, want)
#define ET(lit, want) expect_text(lit, sizeof(lit) - 1, want)

/* ---- utf8_decode --------------------------------------------------------- */

static void
test_utf8_valid(void **state)
{
	static const struct {
		const char *s;
		size_t len;
		uint32_t cp;
	} ok[] = {
		{ "A", 1, 0x41 },
		{ "\x7f", 1, 0x7f },
		{ "\xc2\x80", 2, 0x80 },
		{ "\xc3\xa9", 2, 0xe9 },
		{ "\xdf\xbf", 2, 0x7ff },
		{ "\xe0\xa0\x80", 3, 0x800 },
		{ "\xe2\x82\xac", 3, 0x20ac },
		{ "\xed\x9f\xbf", 3, 0xd7ff },
		{ "\xee\x80\x80", 3, 0xe000 },
		{ "\xef\xbf\xbd", 3, 0xfffd },
		{ "\xf0\x90\x80\x80", 4, 0x10000 },
		{ "\xf0\x9f\x98\x80", 4, 0x1f600 },
		{ "\xf4\x8f\xbf\xbf", 4, 0x10ffff },
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(ok); i++) {
		uint32_t cp = 0xdeadbeef;
		size_t l = utf8_decode((const unsigned char *)ok[i].s,
		    strlen(ok[i].s), &cp);

		assert_int_equal(l, ok[i].len);
		assert_int_equal(cp, ok[i].cp);
	}
	/* trailing bytes are not consumed */
	{
		uint32_t cp;

		assert_int_equal(utf8_decode((const unsigned char *)"\xc3\xa9z",
		    3, &cp), 2);
	}
}

static void
test_utf8_invalid(void **state)
{
	static const char *const bad[] = {
		"\x80",                 /* lone continuation */
		"\xbf",
		"\xc0\xaf",             /* overlong '/' */
		"\xc1\xbf",             /* overlong */
		"\xe0\x80\xaf",         /* overlong 3-byte */
		"\xe0\x9f\xbf",         /* overlong (< U+0800) */
		"\xf0\x80\x80\xaf",     /* overlong 4-byte */
		"\xf0\x8f\xbf\xbf",     /* overlong (< U+10000) */
		"\xed\xa0\x80",         /* U+D800 surrogate */
		"\xed\xbf\xbf",         /* U+DFFF surrogate */
		"\xf4\x90\x80\x80",     /* U+110000 */
		"\xf5\x80\x80\x80",
		"\xff",
		"\xfe",
		"\xc3",                 /* cut off */
		"\xe2\x82",
		"\xf0\x9f\x98",
		"\xc3\x28",             /* bad continuation */
		"\xe2\x28\xa1",
		"\xf0\x9f\x28\x80",
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(bad); i++) {
		uint32_t cp = 7;

		if (utf8_decode((const unsigned char *)bad[i], strlen(bad[i]),
		    &cp) != 0)
			fail_msg("bad sequence %zu accepted", i);
	}
	/* n bounds the read: a valid sequence cut by n is invalid */
	{
		uint32_t cp;

		assert_int_equal(utf8_decode((const unsigned char *)
		    "\xe2\x82\xac", 2, &cp), 0);
		assert_int_equal(utf8_decode((const unsigned char *)"", 0,
		    &cp), 0);
	}
}

/* ---- escape_json --------------------------------------------------------- */

static void
test_json_ascii_and_specials(void **state)
{
	(void)state;
	EJ("plain text 123", "plain text 123");
	EJ("", "");
	EJ("a\"b", "a\\\"b");
	EJ("back\\slash", "back\\\\slash");
	EJ("\n\t\r", "\\n\\t\\r");
	EJ("\x01", "\\u0001");
	EJ("\x1b[31mred", "\\u001b[31mred");
	EJ("\x7f", "\\u007f");
	EJ("\x08\x0c", "\\u0008\\u000c");
	/* an embedded NUL is data, not the end */
	EJ("a\0b", "a\\u0000b");
	/* '/' needs no escape; '<' is fine too */
	EJ("</script>", "</script>");
}

static void
test_json_utf8(void **state)
{
	(void)state;
	/* valid UTF-8 is kept as is */
	EJ("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	/* U+2028 and U+2029 break JavaScript string literals: escaped */
	EJ("a\xe2\x80\xa8z", "a\\u2028z");
	EJ("\xe2\x80\xa9", "\\u2029");
	/* invalid bytes become U+FFFD, one per bad byte */
	EJ("\xff", "\\ufffd");
	EJ("a\xfe\xff" "b", "a\\ufffd\\ufffdb");
	EJ("\xc0\xaf", "\\ufffd\\ufffd");
	EJ("\xe0\x80\xaf", "\\ufffd\\ufffd\\ufffd");
	EJ("\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd");
	EJ("\xf4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd");
	/* a sequence cut off at the end of the input */
	EJ("ok\xe2\x82", "ok\\ufffd\\ufffd");
	/* a bad continuation does not swallow the next character */
	EJ("\xc3\x22", "\\ufffd\\\"");
}

/* Whatever the bytes, "\"" + escape_json(x) + "\"" is a valid JSON
 * string with no raw U+2028/2029 (checked by an independent validator). */
static void
test_json_random_bytes_stay_valid(void **state)
{
	uint64_t st = 0x9e3779b97f4a7c15ULL;
	unsigned char in[64];

	(void)state;
	for (int iter = 0; iter < 20000; iter++) {
		size_t n = tl_rand(&st) % sizeof(in);
		struct buf b;

		for (size_t i = 0; i < n; i++) {
			uint64_t r = tl_rand(&st);

			/* bias towards the interesting bytes */
			switch (r % 4) {
			case 0: in[i] = (unsigned char)(r >> 8); break;
			case 1: in[i] = (unsigned char)(0x80 | (r >> 8 & 0x7f));
				break;
			case 2: in[i] = "\xe2\x80\xa8\xed\xa0\xf4\x90\xc0\"\\"
				    [(r >> 8) % 11];
				break;
			default: in[i] = (unsigned char)((r >> 8) % 0x20); break;
			}
		}
		buf_init(&b, 1 << 16);
		buf_putc(&b, '"');
		escape_json(&b, (const char *)in, n);
		buf_putc(&b, '"');
		tl_assert_json(b.data, b.len);
		buf_free(&b);
	}
}

/* ---- escape_text --------------------------------------------------------- */

static void
test_text_controls(void **state)
{
	(void)state;
	ET("plain", "plain");
	ET("", "");
	ET("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m");
	ET("line1\nline2", "line1\\x0aline2");
	ET("\r\t\x07\x08", "\\x0d\\x09\\x07\\x08");
	ET("\x7f", "\\x7f");
	ET("a\0b", "a\\x00b");
	/* quotes and backslashes are printable */
	ET("\"q\" \\", "\"q\" \\");
}

static void
test_text_c1_bidi_invisible(void **state)
{
	(void)state;
	/* C1 controls: as UTF-8 (U+009B CSI) and as raw 8-bit bytes */
	ET("\xc2\x9b" "31m", "\\u{009b}31m");
	ET("\xc2\x80\xc2\x9f", "\\u{0080}\\u{009f}");
	ET("\x9b" "31m", "\\x9b31m");
	/* bidirectional overrides (Trojan Source) */
	ET("evil\xe2\x80\xaegpj.exe", "evil\\u{202e}gpj.exe");
	ET("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
	    "\\u{202a}\\u{202b}\\u{202c}\\u{202d}");
	ET("\xe2\x81\xa6\xe2\x81\xa9", "\\u{2066}\\u{2069}");
	/* zero-width and LRM/RLM, line separators, BOM */
	ET("a\xe2\x80\x8b" "b", "a\\u{200b}b");
	ET("\xe2\x80\x8f", "\\u{200f}");
	ET("\xe2\x80\xa8\xe2\x80\xa9", "\\u{2028}\\u{2029}");
	ET("\xef\xbb\xbf", "\\u{feff}");
}

static void
test_text_utf8_kept_invalid_shown(void **state)
{
	(void)state;
	ET("h\xc3\xa9llo \xe4\xb8\x96\xe7\x95\x8c \xf0\x9f\x98\x80",
	    "h\xc3\xa9llo \xe4\xb8\x96\xe7\x95\x8c \xf0\x9f\x98\x80");
	ET("\xff\xfe", "\\xff\\xfe");
	ET("\xc0\xaf", "\\xc0\\xaf");
	ET("\xed\xa0\x80", "\\xed\\xa0\\x80");
	ET("x\xe2\x82", "x\\xe2\\x82");
}

/* Random input: the output holds no C0/C1 control, DEL, ESC, invalid
 * UTF-8 or bidi control, so it cannot drive a terminal. */
static void
test_text_random_is_inert(void **state)
{
	uint64_t st = 42;
	unsigned char in[48];

	(void)state;
	for (int iter = 0; iter < 20000; iter++) {
		size_t n = tl_rand(&st) % sizeof(in);
		const unsigned char *p, *end;
		struct buf b;

		for (size_t i = 0; i < n; i++) {
			uint64_t r = tl_rand(&st);

			in[i] = r % 3 ? (unsigned char)(r >> 8) :
			    (unsigned char)"\x1b\x9b\xc2\xe2\x80\xae\x0a\x7f"
			    [(r >> 8) % 8];
		}
		buf_init(&b, 1 << 16);
		escape_text(&b, (const char *)in, n);
		p = (const unsigned char *)(b.data ? b.data : "");
		end = p + b.len;
		while (p < end) {
			size_t l = tl_utf8_len(p, end);
			uint32_t cp;

			if (l == 0)
				fail_msg("invalid UTF-8 in escape_text output");
			assert_int_equal(utf8_decode(p, l, &cp), l);
			if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)
			    || (cp >= 0x202a && cp <= 0x202e) ||
			    (cp >= 0x2066 && cp <= 0x2069))
				fail_msg("unsafe code point U+%04X in output",
				    (unsigned)cp);
			p += l;
		}
		buf_free(&b);
	}
}

static void
test_fput_text(void **state)
{
	char *data = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&data, &n);

	(void)state;
	assert_non_null(f);
	fput_text(f, "name\x1b]0;pwned\x07\n", 15);
	fput_text(f, "", 0);
	fclose(f);
	assert_string_equal(data, "name\\x1b]0;pwned\\x07\\x0a");
	assert_null(memchr(data, 0x1b, n));
	free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_invalid),
		cmocka_unit_test(test_json_ascii_and_specials),
		cmocka_unit_test(test_json_utf8),
		cmocka_unit_test(test_json_random_bytes_stay_valid),
		cmocka_unit_test(test_text_controls),
		cmocka_unit_test(test_text_c1_bidi_invisible),
		cmocka_unit_test(test_text_utf8_kept_invalid_shown),
		cmocka_unit_test(test_text_random_is_inert),
		cmocka_unit_test(test_fput_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
