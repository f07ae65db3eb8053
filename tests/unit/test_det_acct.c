/*
 * test_det_acct.c - RM-ACCT-001, a second uid-0 account, from passwd text
 * through the real parser to findings.
 */
#include "testlib.h"

/* Parse passwd text into a new snapshot and run RM-ACCT-001. */
static struct snapshot *
acct_run(const char *passwd, struct findings *fs)
{
	struct snapshot *s = tl_snap_new();

	etcparse_passwd(passwd, strlen(passwd), &s->arena, &s->accounts,
	    &s->naccounts);
	tl_run_one(s, "RM-ACCT-001", fs);
	return s;
}

static void
test_root_alone(void **state)
{
	struct findings fs;
	struct snapshot *s;

	(void)state;
	s = acct_run("root:x:0:0:root:/root:/bin/bash\n"
	    "daemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n"
	    "alice:x:1000:1000::/home/alice:/bin/bash\n", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_toor_reported(void **state)
{
	struct findings fs;
	struct snapshot *s;
	const struct finding *f;

	(void)state;
	s = acct_run("root:x:0:0:root:/root:/bin/bash\n"
	    "# backup admin\n"
	    "alice:x:1000:1000::/home/alice:/bin/bash\n"
	    "toor:$6$salt$hash:0:0::/root:/bin/sh\n", &fs);
	assert_int_equal(fs.n, 1);
	f = fs.v[0];
	assert_string_equal(f->rule->id, "RM-ACCT-001");
	assert_int_equal(f->severity, SEV_HIGH);
	assert_int_equal(f->confidence, CONF_HIGH);
	assert_string_equal(f->file_path, "/etc/passwd");
	tl_assert_contains(f->message, "toor");
	assert_string_equal(tl_ev_str(f, "account"), "toor");
	assert_int_equal(finding_ev_get(f, "line")->i, 4);
	assert_int_equal(finding_ev_get(f, "uid")->i, 0);
	assert_string_equal(tl_ev_str(f, "shell"), "/bin/sh");
	assert_string_equal(tl_ev_str(f, "home"), "/root");
	/* a password hash right in /etc/passwd */
	assert_true(finding_ev_get(f, "has_password_field")->b);
	assert_false(f->has_process);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_several_and_odd_names(void **state)
{
	struct findings fs;
	struct snapshot *s;

	(void)state;
	/* every extra uid 0 is reported; "x", "*" and "" are no password */
	s = acct_run("root:x:0:0::/root:/bin/bash\n"
	    "system:*:0:0::/:/bin/sh\n"
	    "root :x:0:0::/:/bin/sh\n"
	    "zero:x:00:0::/:/bin/sh\n"
	    "\x1b[2Jx::0:0::/:/bin/sh\n", &fs);
	assert_int_equal(fs.n, 4);
	assert_false(finding_ev_get(fs.v[0], "has_password_field")->b);
	assert_int_equal(finding_ev_get(fs.v[0], "line")->i, 2);
	assert_string_equal(tl_ev_str(fs.v[1], "account"), "root ");
	assert_int_equal(finding_ev_get(fs.v[2], "line")->i, 4);
	assert_false(finding_ev_get(fs.v[3], "has_password_field")->b);
	/* the hostile name is kept raw; outputs escape it */
	tl_assert_contains(fs.v[3]->message, "\x1b[2Jx");
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_malformed_ignored(void **state)
{
	struct findings fs;
	struct snapshot *s;

	(void)state;
	s = acct_run("root:x:0:0::/root:/bin/bash\n"
	    "garbage\n"
	    "broken:x:abc:0::/:/bin/sh\n"
	    "neg:x:-0:0::/:/bin/sh\n"
	    "::::::\n", &fs);
	assert_int_equal(fs.n, 0);
	assert_true(s->naccounts == 5);
	findings_free(&fs);
	tl_snap_free(s);
}

/*
 * glibc's nss_files accepts a passwd line with fields missing or extra
 * ("toor:x:0:0" is uid 0 with shell /bin/sh): such a line is a working
 * root account and is reported, flagged as malformed.
 */
static void
test_short_uid0_line_reported(void **state)
{
	struct findings fs;
	struct snapshot *s;

	(void)state;
	s = acct_run("root:x:0:0::/root:/bin/bash\n"
	    "toor:x:0:0\n"
	    "extra:x:0:0::/:/bin/sh:more\n", &fs);
	assert_int_equal(fs.n, 2);
	assert_string_equal(tl_ev_str(fs.v[0], "account"), "toor");
	assert_int_equal(finding_ev_get(fs.v[0], "line")->i, 2);
	assert_true(finding_ev_get(fs.v[0], "malformed_line")->b);
	assert_int_equal(finding_ev_get(fs.v[1], "line")->i, 3);
	/* a well-formed line is not flagged */
	findings_free(&fs);
	tl_snap_free(s);
	s = acct_run("toor:x:0:0::/root:/bin/sh\n", &fs);
	assert_int_equal(fs.n, 1);
	assert_null(finding_ev_get(fs.v[0], "malformed_line"));
	findings_free(&fs);
	tl_snap_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_alone),
		cmocka_unit_test(test_toor_reported),
		cmocka_unit_test(test_several_and_odd_names),
		cmocka_unit_test(test_malformed_ignored),
		cmocka_unit_test(test_short_uid0_line_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
