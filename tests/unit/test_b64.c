/*
 * test_b64.c - core/b64.c (base64 of hostile key blobs and JWT segments)
 * and the SSH fingerprint built on it (collect/ssh_parse.h): the RFC 4648
 * test vectors both ways, both decoding modes, bytes outside the
 * alphabet, padding in the wrong place, whitespace, and inputs longer
 * than the buffer they are decoded or encoded into.
 */
#include "collect/ssh_parse.h"
#include "core/b64.h"
#include "testlib.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* RFC 4648 section 10, plus their unpadded forms */
static const struct { const char *plain, *padded, *bare; } rfc[] = {
	{ "", "", "" },
	{ "f", "Zg==", "Zg" },
	{ "fo", "Zm8=", "Zm8" },
	{ "foo", "Zm9v", "Zm9v" },
	{ "foob", "Zm9vYg==", "Zm9vYg" },
	{ "fooba", "Zm9vYmE=", "Zm9vYmE" },
	{ "foobar", "Zm9vYmFy", "Zm9vYmFy" },
};

static const unsigned modes[] = {
	0, B64_URL, B64_LAX, B64_URL | B64_LAX, B64_TRUNCATE,
	B64_URL | B64_LAX | B64_TRUNCATE,
};

static long
dec(const char *s, uint8_t *out, size_t cap, unsigned flags)
{
	return b64_decode(s, strlen(s), out, cap, flags);
}

static void
test_rfc4648_decode(void **state)
{
	uint8_t out[16];

	(void)state;
	for (size_t i = 0; i < NELEM(rfc); i++)
		for (size_t m = 0; m < NELEM(modes); m++) {
			size_t n = strlen(rfc[i].plain);

			assert_int_equal(dec(rfc[i].padded, out, sizeof(out),
			    modes[m]), (long)n);
			assert_memory_equal(out, rfc[i].plain, n);
			/* padding is optional */
			assert_int_equal(dec(rfc[i].bare, out, sizeof(out),
			    modes[m]), (long)n);
			assert_memory_equal(out, rfc[i].plain, n);
		}
}

static void
test_rfc4648_encode(void **state)
{
	char out[16];

	(void)state;
	for (size_t i = 0; i < NELEM(rfc); i++) {
		size_t n = strlen(rfc[i].plain);

		memset(out, 'X', sizeof(out));
		assert_int_equal(b64_encode_nopad((const uint8_t *)rfc[i].plain,
		    n, out, sizeof(out)), strlen(rfc[i].bare));
		assert_string_equal(out, rfc[i].bare);
	}
}

/* every byte value through encode and strict decode */
static void
test_round_trip(void **state)
{
	uint8_t in[256], back[256];
	char txt[4 * 86 + 1];

	(void)state;
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(255 - i);
	for (size_t n = 0; n <= sizeof(in); n += 1 + n / 7) {
		size_t l = b64_encode_nopad(in, n, txt, sizeof(txt));

		assert_int_equal(l, (4 * n + 2) / 3);
		assert_int_equal(b64_decode(txt, l, back, sizeof(back), 0),
		    (long)n);
		assert_memory_equal(back, in, n);
	}
}

/* the alphabets: '+' '/' always, '-' '_' only with B64_URL */
static void
test_alphabet(void **state)
{
	uint8_t out[8];

	(void)state;
	assert_int_equal(dec("+/+/", out, sizeof(out), 0), 3);
	assert_memory_equal(out, "\xfb\xff\xbf", 3);
	assert_int_equal(dec("-_-_", out, sizeof(out), 0), -1);
	assert_int_equal(dec("-_-_", out, sizeof(out), B64_URL), 3);
	assert_memory_equal(out, "\xfb\xff\xbf", 3);
	/* mixed: a JWT segment written by a sloppy encoder */
	assert_int_equal(dec("+_-/", out, sizeof(out), B64_URL), 3);
	assert_memory_equal(out, "\xfb\xff\xbf", 3);
}

static void
test_bad_bytes(void **state)
{
	static const struct { const char *in; size_t n; } bad[] = {
		{ "a*b", 3 }, { "Zm9v.", 5 }, { "Zm9v\"", 5 }, { "Zm\0v", 4 },
		{ "Zm9v\xff", 5 }, { "\x80Zm9v", 5 }, { "Zm9v\v", 5 },
		{ "Zm9v\f", 5 }, { "Zm9v%", 5 }, { "Zm9v:", 5 },
	};
	uint8_t out[8];

	(void)state;
	for (size_t i = 0; i < NELEM(bad); i++)
		for (size_t m = 0; m < NELEM(modes); m++)
			assert_int_equal(b64_decode(bad[i].in, bad[i].n, out,
			    sizeof(out), modes[m]), -1);
}

static void
test_whitespace(void **state)
{
	static const char *const ws[] = {
		"aGV\nsbG8", "aGVs\r\nbG8=", " aGVsbG8", "aGVsbG8\t",
		"aG Vs bG 8", "\n\n\naGVsbG8\n",
	};
	uint8_t out[8];

	(void)state;
	for (size_t i = 0; i < NELEM(ws); i++) {
		/* skipped by the lax decoder (PEM bodies wrap at 64/70) */
		assert_int_equal(dec(ws[i], out, sizeof(out), B64_LAX), 5);
		assert_memory_equal(out, "hello", 5);
		/* an error in an authorized_keys blob */
		assert_int_equal(dec(ws[i], out, sizeof(out), 0), -1);
	}
}

static void
test_padding(void **state)
{
	uint8_t out[8];

	(void)state;
	/* any run of '=' at the end is ignored, too short or too long */
	assert_int_equal(dec("Zg=", out, sizeof(out), 0), 1);
	assert_int_equal(dec("Zg===", out, sizeof(out), 0), 1);
	assert_int_equal(dec("Zm9v=", out, sizeof(out), 0), 3);
	assert_int_equal(dec("====", out, sizeof(out), 0), 0);
	/* a lone sextet makes no byte; its bits are dropped */
	assert_int_equal(dec("Z", out, sizeof(out), 0), 0);
	assert_int_equal(dec("Zm9vY", out, sizeof(out), 0), 3);
	/* '=' before the end: an error when strict, noise when lax */
	assert_int_equal(dec("=Zg", out, sizeof(out), 0), -1);
	assert_int_equal(dec("Zg==Zm8=", out, sizeof(out), 0), -1);
	assert_int_equal(dec("Z=g", out, sizeof(out), 0), -1);
	assert_int_equal(dec("=Zg", out, sizeof(out), B64_LAX), 1);
	assert_int_equal(out[0], 'f');
	assert_int_equal(dec("Z=m=9=v", out, sizeof(out), B64_LAX), 3);
	assert_memory_equal(out, "foo", 3);
	/* two padded blocks run together as one stream of sextets */
	assert_int_equal(dec("Zg==Zm8=", out, sizeof(out), B64_LAX), 3);
	assert_int_equal(out[0], 'f');
}

/* longer than the buffer: -1 and nothing written past cap, or (with
 * B64_TRUNCATE) what fits */
static void
test_small_output(void **state)
{
	uint8_t out[16];
	static const char big[] = "aGVsbG8gd29ybGQ=";   /* hello world */

	(void)state;
	memset(out, 0xa5, sizeof(out));
	assert_int_equal(dec(big, out, 8, 0), -1);
	assert_int_equal(dec(big, out, 8, B64_URL | B64_LAX), -1);
	for (size_t i = 8; i < sizeof(out); i++)
		assert_int_equal(out[i], 0xa5);
	assert_int_equal(dec(big, out, 8, B64_LAX | B64_TRUNCATE), 8);
	assert_memory_equal(out, "hello wo", 8);
	for (size_t i = 8; i < sizeof(out); i++)
		assert_int_equal(out[i], 0xa5);
	/* exactly the cap is not over it */
	assert_int_equal(dec(big, out, 11, 0), 11);
	assert_memory_equal(out, "hello world", 11);
	/* cap 0 */
	assert_int_equal(dec("Zg", out, 0, 0), -1);
	assert_int_equal(dec("Zg", out, 0, B64_TRUNCATE), 0);
	assert_int_equal(dec("", out, 0, 0), 0);
	assert_int_equal(b64_decode(NULL, 0, NULL, 0, 0), 0);
}

/* a long hostile blob (ten times the SSH decode cap) into a small cap */
static void
test_long_input(void **state)
{
	size_t n = 163840;
	char *in = xmalloc(n);
	uint8_t out[16384 + 1];

	(void)state;
	memset(in, 'A', n);
	assert_int_equal(b64_decode(in, n, out, 16384, 0), -1);
	assert_int_equal(b64_decode(in, n, out, 16384, B64_TRUNCATE), 16384);
	/* 16384 bytes = 21845 sextets + 4 bits: fits exactly */
	assert_int_equal(b64_decode(in, 21846, out, 16384, 0), 16384);
	assert_int_equal(b64_decode(in, 21847, out, 16384, 0), -1);
	free(in);
}

static void
test_encode_small_output(void **state)
{
	char out[8];

	(void)state;
	memset(out, 'X', sizeof(out));
	/* cut, always terminated, never past outsz */
	assert_int_equal(b64_encode_nopad((const uint8_t *)"foobar", 6, out,
	    5), 4);
	assert_string_equal(out, "Zm9v");
	assert_int_equal(out[5], 'X');
	assert_int_equal(b64_encode_nopad((const uint8_t *)"foobar", 6, out,
	    1), 0);
	assert_string_equal(out, "");
	out[0] = 'X';
	assert_int_equal(b64_encode_nopad((const uint8_t *)"foobar", 6, out,
	    0), 0);
	assert_int_equal(out[0], 'X');
	/* 4*ceil(n/3)+1 is enough for the unpadded form */
	assert_int_equal(b64_encode_nopad((const uint8_t *)"fooba", 5, out,
	    sizeof(out)), 7);
	assert_string_equal(out, "Zm9vYmE");
}

/* ssh-keygen -lf prints these */
static void
test_ssh_fingerprint(void **state)
{
	static const char k1[] = "AAAAC3NzaC1lZDI1NTE5AAAAIMs56zHlK6MdnWptnFMj"
	    "vLg5zDeO8BJlS9lJv9xJ/tSH";
	uint8_t blob[64];
	char fp[SSH_FP_SIZE];
	long n = dec(k1, blob, sizeof(blob), 0);

	(void)state;
	assert_int_equal(n, 51);
	memset(fp, 'X', sizeof(fp));
	sshparse_fingerprint(blob, (size_t)n, fp);
	assert_string_equal(fp,
	    "SHA256:4fScmOar4GLDeXbSV9R3O286bqcq/DHCaDZy+w7iKRs");
	assert_int_equal(strlen(fp), SSH_FP_SIZE - 1);
	/* the digest of nothing (sha256sum </dev/null, in base64) */
	sshparse_fingerprint(blob, 0, fp);
	assert_string_equal(fp,
	    "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
	/* the same fingerprint from an authorized_keys line */
	{
		struct ssh_key_line l;
		char line[] = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMs56zHlK6"
		    "MdnWptnFMjvLg5zDeO8BJlS9lJv9xJ/tSH x";

		sshparse_key_line(line, strlen(line), &l);
		assert_int_equal(l.kind, SSHL_KEY);
		sshparse_fingerprint(blob, (size_t)n, fp);
		assert_string_equal(l.fingerprint, fp);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc4648_decode),
		cmocka_unit_test(test_rfc4648_encode),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_alphabet),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_whitespace),
		cmocka_unit_test(test_padding),
		cmocka_unit_test(test_small_output),
		cmocka_unit_test(test_long_input),
		cmocka_unit_test(test_encode_small_output),
		cmocka_unit_test(test_ssh_fingerprint),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
