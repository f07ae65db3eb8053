/*
 * test_facts.c - the snapshot: lifetime, skip records, lookups.
 */
#include "testlib.h"

static void
test_init_defaults(void **state)
{
	struct snapshot s;

	(void)state;
	snapshot_init(&s);
	assert_int_equal(s.rootfd, -1);
	assert_true(s.host.taint == -1);
	assert_true(s.host.nr_hugepages == -1);
	assert_true(s.host.cpu_busy_pct < 0);
	assert_true(s.host.cpu_procs_pct < 0);
	assert_int_equal(s.nprocs, 0);
	snapshot_free(&s);
	assert_int_equal(s.rootfd, -1);
	snapshot_free(&s);      /* twice is harmless */
	snapshot_free(NULL);
}

static void
test_free_closes_rootfd(void **state)
{
	struct snapshot s;
	int fd;

	(void)state;
	snapshot_init(&s);
	fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(fd >= 0);
	s.rootfd = fd;
	snapshot_free(&s);
	assert_int_equal(fcntl(fd, F_GETFD), -1);
	assert_int_equal(errno, EBADF);
}

static void
test_skip_dedup_and_copies(void **state)
{
	struct snapshot *s = tl_snap_new();
	char check[32], *big;

	(void)state;
	strcpy(check, "sockets");
	snapshot_skip(s, check, "needs %s (%d)", "root", 3);
	strcpy(check, "XXXXXXX");       /* the snapshot kept its own copy */
	snapshot_skip(s, "sockets", "another reason");
	snapshot_skip(s, "kernel", "no modules");
	assert_int_equal(s->nskipped, 2);
	assert_string_equal(s->skipped[0].check, "sockets");
	assert_string_equal(s->skipped[0].reason, "needs root (3)");
	assert_string_equal(s->skipped[1].check, "kernel");
	/* many distinct checks grow the array */
	for (int i = 0; i < 40; i++) {
		char c[16];

		snprintf(c, sizeof(c), "c%d", i);
		snapshot_skip(s, c, "r%d", i);
	}
	assert_int_equal(s->nskipped, 42);
	assert_string_equal(s->skipped[41].reason, "r39");
	/* a long reason is cut, not overflowed */
	big = xmalloc(5000);
	memset(big, 'r', 4999);
	big[4999] = '\0';
	snapshot_skip(s, "long", "%s", big);
	assert_true(strlen(s->skipped[42].reason) < 5000);
	free(big);
	tl_snap_free(s);
}

static void
test_proc_lookup(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 5);
	static const pid_t pids[] = { 1, 7, 42, 100, 65000 };

	(void)state;
	for (int i = 0; i < 5; i++)
		p[i].pid = pids[i];
	for (int i = 0; i < 5; i++) {
		const struct proc *q = snapshot_proc(s, pids[i]);

		assert_non_null(q);
		assert_ptr_equal(q, &p[i]);
	}
	assert_null(snapshot_proc(s, 0));
	assert_null(snapshot_proc(s, 2));
	assert_null(snapshot_proc(s, 99));
	assert_null(snapshot_proc(s, 70000));
	s->nprocs = 0;
	assert_null(snapshot_proc(s, 1));
	tl_snap_free(s);
}

static void
test_account_lookup_needs_numeric_uid(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct account *a = tl_accounts(s, 3);

	(void)state;
	/* a line whose uid field is not a number has no uid */
	tl_account_set(s, &a[0], "broken", 1000, 1);
	a[0].uid_valid = false;
	a[0].malformed = true;
	tl_account_set(s, &a[1], "alice", 1000, 2);
	tl_account_set(s, &a[2], "root", 0, 3);
	assert_string_equal(snapshot_account_by_uid(s, 1000)->name, "alice");
	assert_string_equal(snapshot_account_by_uid(s, 0)->name, "root");
	assert_null(snapshot_account_by_uid(s, 5));
	tl_snap_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_defaults),
		cmocka_unit_test(test_free_closes_rootfd),
		cmocka_unit_test(test_skip_dedup_and_copies),
		cmocka_unit_test(test_proc_lookup),
		cmocka_unit_test(test_account_lookup_needs_numeric_uid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
