/*
 * test_etc_parse.c - /etc/passwd, /etc/group and /proc/modules parsers.
 */
#include "testlib.h"

static void
test_passwd_basic(void **state)
{
	static const char text[] =
	    "# comment line\n"
	    "root:x:0:0:root:/root:/bin/bash\r\n"
	    "\n"
	    "daemon:*:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
	    "   \n"
	    "toor::0:0:Backup:/root:/bin/sh\n"
	    "alice:x:1000:1000:Alice A,,,:/home/alice:/bin/zsh";
	struct arena a = { 0 };
	struct account *v;
	size_t n, bad;

	(void)state;
	bad = etcparse_passwd(text, sizeof(text) - 1, &a, &v, &n);
	/* "   " is not blank to the parser: one malformed line */
	assert_int_equal(n, 5);
	assert_int_equal(bad, 1);
	assert_string_equal(v[0].name, "root");
	assert_string_equal(v[0].passwd, "x");
	assert_int_equal(v[0].uid, 0);
	assert_int_equal(v[0].gid, 0);
	assert_string_equal(v[0].home, "/root");
	assert_string_equal(v[0].shell, "/bin/bash");     /* CR removed */
	assert_int_equal(v[0].line, 2);
	assert_false(v[0].malformed);
	assert_string_equal(v[1].name, "daemon");
	assert_int_equal(v[1].line, 4);
	assert_true(v[2].malformed);
	assert_int_equal(v[2].line, 5);
	assert_string_equal(v[3].name, "toor");
	assert_string_equal(v[3].passwd, "");
	assert_int_equal(v[3].uid, 0);
	assert_int_equal(v[3].line, 6);
	assert_false(v[3].malformed);
	assert_string_equal(v[4].name, "alice");
	assert_string_equal(v[4].gecos, "Alice A,,,");
	assert_int_equal(v[4].uid, 1000);
	assert_int_equal(v[4].line, 7);   /* last line without newline */
	arena_free(&a);
}

static void
test_passwd_malformed_flagged(void **state)
{
	static const char text[] =
	    "short:x:5\n"                           /* 1: fields missing */
	    "nonnum:x:abc:1::/:/bin/sh\n"           /* 2: uid not a number */
	    "neg:x:-1:1::/:/bin/sh\n"               /* 3 */
	    "big:x:4294967296:1::/:/bin/sh\n"       /* 4: > uint32 */
	    "extra:x:7:7::/:/bin/sh:more\n"         /* 5: too many fields */
	    "badgid:x:8:g::/:/bin/sh\n"             /* 6 */
	    "empty:x::1::/:/bin/sh\n"               /* 7 */
	    "maxuid:x:4294967295:1::/:/bin/sh\n"    /* 8: fine */
	    "#root2:x:0:0::/:/bin/sh\n"             /* 9: comment */
	    "ok:x:9:9::/home/ok:\n";                /* 10: empty shell ok */
	struct arena a = { 0 };
	struct account *v;
	size_t n, bad;

	(void)state;
	bad = etcparse_passwd(text, sizeof(text) - 1, &a, &v, &n);
	assert_int_equal(n, 9);
	assert_int_equal(bad, 7);
	for (size_t i = 0; i < 7; i++) {
		if (!v[i].malformed)
			fail_msg("line %u (%s) not flagged", v[i].line,
			    v[i].name);
		assert_int_equal(v[i].line, i + 1);
	}
	assert_string_equal(v[1].name, "nonnum");
	/* glibc still takes the uid of a line with fields missing or extra:
	 * it is kept whenever its field is a number */
	assert_true(v[0].uid_valid);
	assert_int_equal(v[0].uid, 5);
	assert_false(v[1].uid_valid);
	assert_false(v[2].uid_valid);
	assert_false(v[3].uid_valid);
	assert_true(v[4].uid_valid);
	assert_int_equal(v[4].uid, 7);
	assert_true(v[5].uid_valid);
	assert_false(v[6].uid_valid);
	assert_false(v[7].malformed);
	assert_true(v[7].uid == 4294967295u);
	assert_false(v[8].malformed);
	assert_string_equal(v[8].name, "ok");
	assert_string_equal(v[8].shell, "");
	assert_int_equal(v[8].line, 10);
	/* malformed entries still have strings, never NULL */
	assert_non_null(v[0].shell);
	assert_non_null(v[0].home);
	assert_non_null(v[0].gecos);
	arena_free(&a);
}

static void
test_passwd_empty_and_binary(void **state)
{
	struct arena a = { 0 };
	struct account *v = (void *)1;
	size_t n = 9;
	static const char bin[] = "a\0b:x:0:0::/:/bin/sh\n\xff\xfe:x:1:1::/:\n";

	(void)state;
	assert_int_equal(etcparse_passwd("", 0, &a, &v, &n), 0);
	assert_int_equal(n, 0);
	assert_null(v);
	assert_int_equal(etcparse_passwd("\n\n# x\n", 6, &a, &v, &n), 0);
	assert_int_equal(n, 0);
	/* NUL and invalid bytes are data, not the end */
	etcparse_passwd(bin, sizeof(bin) - 1, &a, &v, &n);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].uid, 0);
	assert_int_equal(v[0].name[1], '\0');   /* "a\0b" kept as bytes */
	assert_int_equal(v[1].uid, 1);
	arena_free(&a);
}

static void
test_group(void **state)
{
	static const char text[] =
	    "# groups\n"
	    "root:x:0:\n"
	    "sudo:x:27:alice,bob\r\n"
	    "\n"
	    "docker:x:999:alice\n"
	    "broken:x:zz:\n"
	    "short:x\n";
	struct arena a = { 0 };
	struct group *g;
	size_t n, bad;

	(void)state;
	bad = etcparse_group(text, sizeof(text) - 1, &a, &g, &n);
	assert_int_equal(n, 5);
	assert_int_equal(bad, 2);
	assert_string_equal(g[0].name, "root");
	assert_int_equal(g[0].gid, 0);
	assert_string_equal(g[0].members, "");
	assert_int_equal(g[0].line, 2);
	assert_string_equal(g[1].name, "sudo");
	assert_int_equal(g[1].gid, 27);
	assert_string_equal(g[1].members, "alice,bob");
	assert_int_equal(g[2].line, 5);
	assert_int_equal(g[2].gid, 999);
	assert_string_equal(g[3].name, "broken");
	assert_int_equal(g[3].line, 6);
	assert_int_equal(g[4].line, 7);
	arena_free(&a);
}

static void
test_modules(void **state)
{
	static const char text[] =
	    "nf_tables 290816 0 - Live 0x0000000000000000\n"
	    "diamorphine 16384 0 - Live 0xffffffffc0a00000 (OE)\n"
	    "ext4 1003520 1 mbcache,jbd2, Live 0x0000000000000000\n"
	    "loading 4096 0 - Loading 0x0\n"
	    "garbage\n"
	    "huge 99999999999999999999999 0 - Live 0x0\n";
	struct arena a = { 0 };
	struct kmod *m;
	size_t n, bad;

	(void)state;
	bad = etcparse_modules(text, sizeof(text) - 1, &a, &m, &n);
	assert_int_equal(bad, 1);
	assert_int_equal(n, 5);
	assert_string_equal(m[0].name, "nf_tables");
	assert_int_equal(m[0].size, 290816);
	assert_string_equal(m[0].state, "Live");
	assert_null(m[0].taint);
	assert_string_equal(m[1].name, "diamorphine");
	assert_string_equal(m[1].taint, "(OE)");
	assert_string_equal(m[2].name, "ext4");
	assert_string_equal(m[3].state, "Loading");
	assert_string_equal(m[4].name, "huge");      /* size saturates */
	arena_free(&a);
}

static void
test_modules_real(void **state)
{
	char buf[1 << 16];
	struct arena a = { 0 };
	struct kmod *m;
	size_t len, n;
	int dfd = tl_opendir("/proc");

	(void)state;
	if (io_read_at(dfd, "modules", buf, sizeof(buf), &len, NULL) !=
	    RM_OK) {
		close(dfd);
		TL_SKIP("/proc/modules not readable (kernel without modules)");
	}
	close(dfd);
	assert_int_equal(etcparse_modules(buf, len, &a, &m, &n), 0);
	for (size_t i = 0; i < n; i++) {
		assert_true(strlen(m[i].name) > 0);
		assert_non_null(m[i].state);
	}
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_passwd_basic),
		cmocka_unit_test(test_passwd_malformed_flagged),
		cmocka_unit_test(test_passwd_empty_and_binary),
		cmocka_unit_test(test_group),
		cmocka_unit_test(test_modules),
		cmocka_unit_test(test_modules_real),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
