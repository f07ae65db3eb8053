/*
 * test_users_host.c - users_collect and host_collect_files against a temp
 * root (etc/passwd, etc/group, etc/ld.so.preload, etc/hostname), and
 * host_collect_kernel against a fixture procfs.
 */
#include "testlib.h"

struct ufix {
	char *root;
	char *outside;
	struct snapshot *s;
};

static int
setup(void **state)
{
	struct ufix *f = xcalloc(1, sizeof(*f));

	f->root = tl_tmpdir();
	f->outside = tl_tmpdir();
	f->s = tl_snap_new();
	f->s->live = false;
	f->s->root = f->root;
	f->s->host.hostname = NULL;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct ufix *f = *state;

	alarm(0);
	tl_snap_free(f->s);    /* closes rootfd */
	tl_rmrf(f->root);
	tl_rmrf(f->outside);
	free(f->root);
	free(f->outside);
	free(f);
	return 0;
}

static void
open_root(struct ufix *f)
{
	f->s->rootfd = tl_opendir(f->root);
}

static bool
skipped(const struct snapshot *s, const char *check, const char *why)
{
	for (size_t i = 0; i < s->nskipped; i++)
		if (strcmp(s->skipped[i].check, check) == 0)
			return why == NULL || strstr(s->skipped[i].reason, why);
	return false;
}

static void
test_users(void **state)
{
	struct ufix *f = *state;
	struct snapshot *s = f->s;

	tl_writes(f->root, "etc/passwd",
	    "root:x:0:0:root:/root:/bin/bash\n"
	    "# a comment\n"
	    "toor:x:0:0::/root:/bin/sh\n"
	    "broken line\n"
	    "alice:x:1000:1000:Alice:/home/alice:/bin/bash\n");
	tl_writes(f->root, "etc/group", "root:x:0:\nsudo:x:27:alice\n");
	open_root(f);
	users_collect(s);
	assert_int_equal(s->naccounts, 4);
	assert_string_equal(s->accounts[1].name, "toor");
	assert_int_equal(s->accounts[1].uid, 0);
	assert_int_equal(s->accounts[1].line, 3);
	assert_true(s->accounts[2].malformed);
	assert_int_equal(s->accounts[3].uid, 1000);
	assert_int_equal(s->ngroups, 2);
	assert_string_equal(s->groups[1].members, "alice");
	assert_int_equal(s->parse_errors, 1);
	assert_int_equal(s->nskipped, 0);
	assert_string_equal(snapshot_account_by_uid(s, 1000)->name, "alice");
}

static void
test_users_missing_and_hostile(void **state)
{
	struct ufix *f = *state;
	struct snapshot *s = f->s;
	char *secret = tl_path(f->outside, "passwd");

	/* passwd links outside the image; group is a FIFO */
	tl_writes(f->outside, "passwd", "evil:x:0:0::/:/bin/sh\n");
	tl_symlink(f->root, "etc/passwd", secret);
	tl_mkfifo(f->root, "etc/group");
	open_root(f);
	alarm(10);
	users_collect(s);
	alarm(0);
	assert_int_equal(s->naccounts, 0);   /* never the outside file */
	assert_int_equal(s->ngroups, 0);
	assert_true(skipped(s, "accounts: /etc/passwd", NULL));
	assert_true(skipped(s, "accounts: /etc/group", NULL));
	free(secret);
}

static void
test_users_huge_passwd_truncated(void **state)
{
	struct ufix *f = *state;
	struct snapshot *s = f->s;
	struct buf b;
	size_t lines = 0;

	buf_init(&b, RM_FILE_MAX * 2);
	while (b.len <= RM_FILE_MAX + 1000) {
		buf_printf(&b, "u%zu:x:%zu:100:gecos:/home/u:/bin/sh\n", lines,
		    2000 + lines);
		lines++;
	}
	tl_write(f->root, "etc/passwd", b.data, b.len);
	buf_free(&b);
	open_root(f);
	users_collect(s);
	assert_true(skipped(s, "accounts: /etc/passwd", "larger than"));
	/* the start was parsed, the rest was not */
	assert_true(s->naccounts > lines / 2);
	assert_true(s->naccounts < lines);
	assert_string_equal(s->accounts[0].name, "u0");
	assert_int_equal(s->accounts[0].uid, 2000);
}

static void
test_host_files_image(void **state)
{
	struct ufix *f = *state;
	struct snapshot *s = f->s;
	struct file_snapshot *lp = &s->host.ld_so_preload;

	tl_writes(f->root, "etc/ld.so.preload", "/tmp/x.so\n");
	tl_writes(f->root, "etc/hostname", "image-host \n");
	open_root(f);
	host_collect_files(s);
	assert_true(lp->exists);
	assert_string_equal(lp->content, "/tmp/x.so\n");
	assert_int_equal(lp->len, 10);
	assert_false(lp->truncated);
	assert_int_equal(lp->mode & 0777, 0644);
	assert_int_equal(lp->uid, geteuid());
	assert_true(lp->mtime > 0);
	assert_int_equal(lp->read_err, 0);
	/* not live: the hostname comes from the image, trimmed */
	assert_string_equal(s->host.hostname, "image-host");
}

static void
test_host_files_absent_fifo_big(void **state)
{
	struct ufix *f = *state;
	struct snapshot *s = f->s;
	struct file_snapshot *lp = &s->host.ld_so_preload;
	char *big;

	open_root(f);
	host_collect_files(s);
	assert_false(lp->exists);
	assert_null(lp->content);
	assert_null(s->host.hostname);

	/* a FIFO: it exists, it could not be read, and nothing hangs */
	tl_mkfifo(f->root, "etc/ld.so.preload");
	alarm(10);
	host_collect_files(s);
	alarm(0);
	assert_true(lp->exists);
	assert_null(lp->content);
	assert_int_equal(lp->read_err, RM_EPARSE);

	/* larger than RM_SMALLFILE_MAX: the start, flagged */
	big = tl_path(f->root, "etc/ld.so.preload");
	unlink(big);
	free(big);
	big = xmalloc(RM_SMALLFILE_MAX + 100);
	memset(big, ' ', RM_SMALLFILE_MAX + 100);
	memcpy(big + RM_SMALLFILE_MAX + 50, "/tmp/evil.so", 12);
	tl_write(f->root, "etc/ld.so.preload", big, RM_SMALLFILE_MAX + 100);
	free(big);
	host_collect_files(s);
	assert_true(lp->exists);
	assert_true(lp->truncated);
	assert_int_equal(lp->len, RM_SMALLFILE_MAX);
}

/* An ld.so.preload the scanner may not read still "exists". */
static void
test_host_files_unreadable(void **state)
{
	struct ufix *f = *state;
	struct snapshot *s = f->s;
	char *p;

	if (geteuid() == 0)
		TL_SKIP("root reads mode-000 files; this checks EACCES as a "
		    "user");
	tl_writes(f->root, "etc/ld.so.preload", "/usr/lib/evil.so\n");
	p = tl_path(f->root, "etc/ld.so.preload");
	chmod(p, 0);
	free(p);
	open_root(f);
	host_collect_files(s);
	assert_true(s->host.ld_so_preload.exists);
	assert_null(s->host.ld_so_preload.content);
	assert_int_equal(s->host.ld_so_preload.read_err, RM_EPERM);
}

static void
test_host_kernel_fixture(void **state)
{
	struct ufix *f = *state;
	struct snapshot *s = f->s;
	int procfd;

	tl_writes(f->outside, "sys/kernel/hostname", "fx-host\n");
	tl_writes(f->outside, "sys/kernel/osrelease", "6.1.0-fx\n");
	tl_writes(f->outside, "sys/kernel/tainted", "12289\n");
	tl_writes(f->outside, "sys/vm/nr_hugepages", "1280\n");
	tl_writes(f->outside, "sys/kernel/nmi_watchdog", "0\n");
	tl_writes(f->outside, "modules",
	    "nf_tables 290816 0 - Live 0x0000000000000000\n"
	    "diamorphine 16384 0 - Live 0x0000000000000000 (OE)\n"
	    "bad\n");
	procfd = tl_opendir(f->outside);
	host_collect_kernel(s, procfd, false);
	close(procfd);
	assert_string_equal(s->host.hostname, "fx-host");
	assert_string_equal(s->host.kernel, "6.1.0-fx");
	assert_true(s->host.taint == 12289);
	assert_true(s->host.nr_hugepages == 1280);
	assert_true(s->host.nmi_watchdog == 0);
	assert_true(s->host.modules_supported);
	assert_int_equal(s->nkmods, 2);
	assert_string_equal(s->kmods[1].name, "diamorphine");
	assert_string_equal(s->kmods[1].taint, "(OE)");
	assert_int_equal(s->parse_errors, 1);
	assert_true(s->host.ncpu >= 1);
}

static void
test_host_kernel_missing(void **state)
{
	struct ufix *f = *state;
	struct snapshot *s = f->s;
	int procfd = tl_opendir(f->outside);

	tl_writes(f->outside, "sys/kernel/tainted", "not a number\n");
	host_collect_kernel(s, procfd, false);
	close(procfd);
	assert_null(s->host.hostname);
	assert_null(s->host.kernel);
	assert_true(s->host.taint == -1);
	assert_true(s->host.nr_hugepages == -1);
	assert_false(s->host.modules_supported);
	assert_int_equal(s->nkmods, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_users, setup, teardown),
		cmocka_unit_test_setup_teardown(test_users_missing_and_hostile,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_users_huge_passwd_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_host_files_image, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_host_files_absent_fifo_big,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_host_files_unreadable,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_host_kernel_fixture, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_host_kernel_missing, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
