/*
 * test_det_proc.c - the process detectors, facts in, findings out:
 *   RM-PROC-001 deleted or memory-only executable
 *   RM-PROC-002 executing from a writable or hidden directory
 *   RM-PROC-003 user process disguised as a kernel thread
 */
#include "testlib.h"

#ifndef F_SEAL_SEAL
#define F_SEAL_SEAL 0x0001
#define F_SEAL_SHRINK 0x0002
#define F_SEAL_GROW 0x0004
#define F_SEAL_WRITE 0x0008
#endif

struct dfix {
	struct snapshot *s;
	struct findings fs;
};

static int
setup(void **state)
{
	struct dfix *f = xcalloc(1, sizeof(*f));

	f->s = tl_snap_new();
	findings_init(&f->fs);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct dfix *f = *state;

	findings_free(&f->fs);
	tl_snap_free(f->s);
	free(f);
	return 0;
}

/* One process with this exe; run rule id on it. */
static struct proc *
one_proc(struct dfix *f, pid_t pid, const char *comm, const char *exe,
	 enum exe_kind kind)
{
	struct proc *p = tl_procs(f->s, 1);

	tl_proc_set(f->s, p, pid, 1, comm, exe, kind);
	return p;
}

static void
run(struct dfix *f, const char *id)
{
	findings_free(&f->fs);
	tl_run_one(f->s, id, &f->fs);
}

/* ---- RM-PROC-001 --------------------------------------------------------- */

static void
test_fileless_deleted_in_usr_medium(void **state)
{
	struct dfix *f = *state;
	const struct finding *x;
	char pid[16];

	one_proc(f, 4321, "nginx", "/usr/sbin/nginx (deleted)", EXE_DELETED);
	run(f, "RM-PROC-001");
	assert_int_equal(f->fs.n, 1);
	x = f->fs.v[0];
	assert_int_equal(x->severity, SEV_MEDIUM);
	assert_string_equal(x->rule->id, "RM-PROC-001");
	assert_true(x->has_process);
	assert_int_equal(x->process.pid, 4321);
	assert_string_equal(x->process.name, "nginx");
	assert_string_equal(x->file_path, "/usr/sbin/nginx");
	assert_string_equal(tl_ev_str(x, "kind"), "deleted");
	assert_string_equal(tl_ev_str(x, "exe_link"),
	    "/usr/sbin/nginx (deleted)");
	snprintf(pid, sizeof(pid), "%d", 4321);
	tl_assert_contains(x->message, pid);
	tl_assert_contains(x->message, "/usr/sbin/nginx");
}

static void
test_fileless_deleted_replaced_low(void **state)
{
	struct dfix *f = *state;
	struct proc *p;

	p = one_proc(f, 10, "sshd", "/usr/sbin/sshd (deleted)", EXE_DELETED);
	p->exe_replaced = true;
	run(f, "RM-PROC-001");
	assert_int_equal(f->fs.n, 1);
	assert_int_equal(f->fs.v[0]->severity, SEV_LOW);
	assert_int_equal(f->fs.v[0]->confidence, CONF_LOW);
	assert_true(finding_ev_get(f->fs.v[0], "file_at_path_now")->b);
}

static void
test_fileless_deleted_in_tmp_critical(void **state)
{
	struct dfix *f = *state;
	struct proc *p;

	p = one_proc(f, 666, "kdevtmpfsi", "/tmp/kdevtmpfsi (deleted)",
	    EXE_DELETED);
	/* even if something was put back at the path */
	p->exe_replaced = true;
	run(f, "RM-PROC-001");
	assert_int_equal(f->fs.n, 1);
	assert_int_equal(f->fs.v[0]->severity, SEV_CRITICAL);
	assert_int_equal(f->fs.v[0]->confidence, CONF_HIGH);
	assert_string_equal(tl_ev_str(f->fs.v[0], "location"),
	    "world-writable directory");
	assert_string_equal(f->fs.v[0]->file_path, "/tmp/kdevtmpfsi");
	tl_assert_contains(f->fs.v[0]->message, "666");
}

static void
test_fileless_memfd(void **state)
{
	struct dfix *f = *state;
	struct proc *p;

	p = one_proc(f, 77, "x", "/memfd:payload (deleted)", EXE_MEMFD);
	p->exe_seals = -1;      /* unknown */
	run(f, "RM-PROC-001");
	assert_int_equal(f->fs.n, 1);
	assert_int_equal(f->fs.v[0]->severity, SEV_HIGH);
	assert_string_equal(tl_ev_str(f->fs.v[0], "kind"), "memfd");
	assert_false(finding_ev_get(f->fs.v[0], "sealed")->b);
	tl_assert_contains(f->fs.v[0]->message, "/memfd:payload");

	/* unsealed, or sealed only in part: high */
	p->exe_seals = 0;
	run(f, "RM-PROC-001");
	assert_int_equal(f->fs.v[0]->severity, SEV_HIGH);
	p->exe_seals = F_SEAL_SEAL;
	run(f, "RM-PROC-001");
	assert_int_equal(f->fs.v[0]->severity, SEV_HIGH);

	/* sealed against writes, as runc does: medium */
	p->exe_seals = F_SEAL_SEAL | F_SEAL_WRITE | F_SEAL_SHRINK |
	    F_SEAL_GROW;
	run(f, "RM-PROC-001");
	assert_int_equal(f->fs.n, 1);
	assert_int_equal(f->fs.v[0]->severity, SEV_MEDIUM);
	assert_true(finding_ev_get(f->fs.v[0], "sealed")->b);
}

static void
test_fileless_quiet_cases(void **state)
{
	struct dfix *f = *state;
	struct proc *p = tl_procs(f->s, 4);

	tl_proc_set(f->s, &p[0], 1, 0, "systemd", "/usr/lib/systemd/systemd",
	    EXE_FILE);
	tl_proc_set(f->s, &p[1], 2, 0, "kthreadd", NULL, EXE_NONE);
	p[1].flags = PF_KTHREAD_FLAG;
	tl_proc_set(f->s, &p[2], 3, 1, "secret", NULL, EXE_DENIED);
	/* an ordinary file whose name merely ends in " (deleted)" */
	tl_proc_set(f->s, &p[3], 4, 1, "odd", "/opt/odd (deleted)", EXE_FILE);
	run(f, "RM-PROC-001");
	assert_int_equal(f->fs.n, 0);
}

/* ---- RM-PROC-002 --------------------------------------------------------- */

static void
expect_writable(struct dfix *f, const char *exe, enum exe_kind kind,
		int want_sev)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct proc *p = tl_procs(s, 1);

	tl_proc_set(s, p, 500, 1, "m", exe, kind);
	tl_run_one(s, "RM-PROC-002", &fs);
	if (want_sev < 0) {
		if (fs.n != 0)
			fail_msg("%s reported (%s)", exe,
			    severity_name(fs.v[0]->severity));
	} else {
		if (fs.n != 1)
			fail_msg("%s: %zu findings, want 1", exe, fs.n);
		if ((int)fs.v[0]->severity != want_sev)
			fail_msg("%s: severity %s, want %s", exe,
			    severity_name(fs.v[0]->severity),
			    severity_name((enum severity)want_sev));
		tl_assert_contains(fs.v[0]->message, "500");
		assert_non_null(tl_ev_str(fs.v[0], "location"));
		assert_non_null(fs.v[0]->file_path);
		assert_true(strstr(exe, fs.v[0]->file_path) == exe);
	}
	findings_free(&fs);
	tl_snap_free(s);
	(void)f;
}

static void
test_writable_dirs(void **state)
{
	struct dfix *f = *state;

	expect_writable(f, "/tmp/xmrig", EXE_FILE, SEV_HIGH);
	expect_writable(f, "/var/tmp/kinsing", EXE_FILE, SEV_HIGH);
	expect_writable(f, "/dev/shm/.x/miner", EXE_FILE, SEV_CRITICAL);
	expect_writable(f, "/tmp/.X25-unix/.rsync/c/tsm", EXE_FILE,
	    SEV_CRITICAL);
	expect_writable(f, "/dev/x", EXE_FILE, SEV_CRITICAL);
	expect_writable(f, "/boot/.x", EXE_FILE, SEV_CRITICAL);
	expect_writable(f, "/usr/lib/.cache/x", EXE_FILE, SEV_HIGH);
	expect_writable(f, "/home/u/.evil/miner", EXE_FILE, SEV_MEDIUM);
	expect_writable(f, "/root/.systemd/bin/x", EXE_FILE, SEV_MEDIUM);
	/* per-user tool trees are not reported */
	expect_writable(f, "/home/u/.cargo/bin/rg", EXE_FILE, -1);
	expect_writable(f, "/home/u/.local/bin/x", EXE_FILE, -1);
	expect_writable(f, "/root/.vscode-server/bin/abc/node", EXE_FILE, -1);
	/* go test binaries: low */
	expect_writable(f, "/tmp/go-build123/b001/exe/main", EXE_FILE,
	    SEV_LOW);
	/* ordinary places */
	expect_writable(f, "/usr/bin/python3", EXE_FILE, -1);
	expect_writable(f, "/opt/app/bin/app", EXE_FILE, -1);
	/* deleted binaries are judged by their path too */
	expect_writable(f, "/tmp/x (deleted)", EXE_DELETED, SEV_HIGH);
	/* no path to judge */
	expect_writable(f, "/memfd:x (deleted)", EXE_MEMFD, -1);
	expect_writable(f, NULL, EXE_DENIED, -1);
}

static void
test_writable_evidence(void **state)
{
	struct dfix *f = *state;
	const struct finding *x;

	one_proc(f, 31337, "miner", "/dev/shm/.x/miner (deleted)",
	    EXE_DELETED);
	run(f, "RM-PROC-002");
	assert_int_equal(f->fs.n, 1);
	x = f->fs.v[0];
	assert_string_equal(x->file_path, "/dev/shm/.x/miner");
	assert_string_equal(tl_ev_str(x, "hidden_name"), ".x");
	assert_true(finding_ev_get(x, "deleted")->b);
	tl_assert_contains(x->message, "31337");
	tl_assert_contains(x->message, "/dev/shm/.x/miner");
	assert_int_equal(x->process.pid, 31337);
}

/*
 * Regression (was a bug) (gap): src/detect/detect_util.c path_classify() looks only at
 * directory components, so a hidden *file* run straight from a writable
 * directory or a home (/dev/shm/.x, /tmp/.kworker, /root/.miner) is
 * classed like any file there: /dev/shm/.x is "high" instead of critical
 * and /home/u/.evil is not reported by RM-PROC-002 at all.  Droppers do
 * this (e.g. /tmp/.x, /var/tmp/.systemd).  Fix: also treat a dot-named
 * last component as hidden (PATH_HIDDEN_WRITABLE in writable dirs,
 * PATH_HIDDEN_HOME under homes), keeping the tooling allow-list.
 */
static void
test_writable_hidden_file(void **state)
{
	struct dfix *f = *state;

	expect_writable(f, "/dev/shm/.x", EXE_FILE, SEV_CRITICAL);
	expect_writable(f, "/tmp/.kworker", EXE_FILE, SEV_CRITICAL);
	expect_writable(f, "/home/u/.evil", EXE_FILE, SEV_MEDIUM);
}

/* ---- RM-PROC-003 --------------------------------------------------------- */

static size_t
masq(const char *comm, const char *argv0, unsigned flags,
     enum exe_kind kind, const char *exe, enum severity *sev)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct proc *p = tl_procs(s, 1);
	size_t n;

	tl_proc_set(s, p, 4444, 1, comm, exe, kind);
	p->argv0 = argv0 ? tl_sdup(s, argv0) : NULL;
	p->flags = flags;
	if (kind == EXE_NONE || (flags & PF_KTHREAD_FLAG))
		p->vsize_kb = p->rss_kb = 0;
	tl_run_one(s, "RM-PROC-003", &fs);
	n = fs.n;
	if (n) {
		if (sev)
			*sev = fs.v[0]->severity;
		tl_assert_contains(fs.v[0]->message, "4444");
		assert_int_equal(fs.v[0]->process.pid, 4444);
		assert_non_null(tl_ev_str(fs.v[0], "shown_name"));
		assert_non_null(tl_ev_str(fs.v[0], "why"));
		assert_false(finding_ev_get(fs.v[0], "kernel_thread_flag")->b);
	}
	findings_free(&fs);
	tl_snap_free(s);
	return n;
}

static void
test_kthread_masquerade(void **state)
{
	enum severity sev = SEV_INFO;

	(void)state;
	/* a user process named like a kernel thread, with an exe */
	assert_int_equal(masq("kworker/0:1", "kworker/0:1", 0x400000, EXE_FILE,
	    "/usr/bin/kworker", &sev), 1);
	assert_int_equal(sev, SEV_HIGH);
	/* ... from /tmp or deleted: critical */
	assert_int_equal(masq("kworker/0:1", "x", 0, EXE_FILE, "/tmp/kw", &sev),
	    1);
	assert_int_equal(sev, SEV_CRITICAL);
	assert_int_equal(masq("kswapd0", "kswapd0", 0, EXE_DELETED,
	    "/usr/bin/k (deleted)", &sev), 1);
	assert_int_equal(sev, SEV_CRITICAL);
	assert_int_equal(masq("kdevtmpfsi", "kdevtmpfsi", 0, EXE_FILE,
	    "/var/lib/kdevtmpfsi", NULL), 1);
	/* "[foo]" as argv0: what ps shows for kernel threads */
	assert_int_equal(masq("bash", "[foo]", 0, EXE_FILE, "/bin/bash", NULL),
	    1);
	assert_int_equal(masq("sshd", "[kworker/u8:2]", 0, EXE_MEMFD,
	    "/memfd: (deleted)", &sev), 1);
	assert_int_equal(sev, SEV_CRITICAL);
	/* md raid threads need a digit after "md" */
	assert_int_equal(masq("md0_raid1", "md0_raid1", 0, EXE_FILE,
	    "/usr/bin/x", NULL), 1);
	assert_int_equal(masq("mdadm", "/sbin/mdadm", 0, EXE_FILE,
	    "/usr/sbin/mdadm", NULL), 0);
	assert_int_equal(masq("raidctl", "raidctl", 0, EXE_FILE,
	    "/usr/sbin/raidctl", NULL), 0);
	/* exe unreadable (not root), but it has memory: still reported */
	assert_int_equal(masq("kthreadd", "kthreadd", 0, EXE_DENIED, NULL,
	    &sev), 1);
}

static void
test_kthread_real_and_ordinary(void **state)
{
	(void)state;
	/* real kernel threads carry PF_KTHREAD */
	assert_int_equal(masq("kworker/0:1", NULL, PF_KTHREAD_FLAG | 0x8040,
	    EXE_NONE, NULL, NULL), 0);
	assert_int_equal(masq("rcu_preempt", NULL, PF_KTHREAD_FLAG, EXE_NONE,
	    NULL, NULL), 0);
	/* as a user, a kernel thread's exe link is denied, not absent */
	assert_int_equal(masq("kworker/1:0", NULL, PF_KTHREAD_FLAG, EXE_DENIED,
	    NULL, NULL), 0);
	/* ordinary programs */
	assert_int_equal(masq("nginx", "nginx: worker process", 0, EXE_FILE,
	    "/usr/sbin/nginx", NULL), 0);
	assert_int_equal(masq("bash", "-bash", 0, EXE_FILE, "/bin/bash", NULL),
	    0);
	assert_int_equal(masq("[", "[", 0, EXE_FILE, "/usr/bin/[", NULL), 0);
	assert_int_equal(masq("x", "", 0, EXE_FILE, "/usr/bin/x", NULL), 0);
	/* a zombie named like a kthread: no exe, no memory, nothing to say */
	assert_int_equal(masq("kworker/0:1", NULL, 0, EXE_NONE, NULL, NULL),
	    0);
}

/*
 * Regression (was a bug, CI): a killed fakeminer named "kworker", a zombie
 * until init reaped it, was reported by an unprivileged scan: another
 * user's exe link is denied (not absent), and the check took that for an
 * executable of its own.  A zombie is never reported, whatever is read.
 */
static void
test_kthread_zombie_not_reported(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct proc *p = tl_procs(s, 2);

	(void)state;
	/* not root: the zombie's exe is denied, it has no memory */
	tl_proc_set(s, &p[0], 4444, 1, "kworker", NULL, EXE_DENIED);
	p[0].vsize_kb = p[0].rss_kb = 0;
	p[0].state = 'Z';
	/* state aside, denied and memoryless is nothing of its own either */
	tl_proc_set(s, &p[1], 4445, 1, "kworker", NULL, EXE_DENIED);
	p[1].vsize_kb = p[1].rss_kb = 0;
	p[1].state = 'S';
	tl_run_one(s, "RM-PROC-003", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	/* a live one with memory and a denied link is still reported */
	p[1].vsize_kb = 2000;
	p[1].rss_kb = 900;
	tl_run_one(s, "RM-PROC-003", &fs);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0]->process.pid, 4445);
	findings_free(&fs);
	tl_snap_free(s);
}

/*
 * Regression (was a bug): src/detect/det_proc_kthread_masq.c kthread_short[] matches "md"
 * or "raid" followed by any digit, so everyday tools are taken for fake
 * kernel threads and reported HIGH: md5sum (coreutils), raid6check
 * (mdadm), md2html...  Kernel md threads are "md<N>_<personality>"
 * (md0_raid1, md127_resync) and the raid workqueue is "raid5wq".
 * Fix: require "md" + digits + '_' (and "raid" + digits + "wq").
 */
static void
test_kthread_md_tools_not_reported(void **state)
{
	(void)state;
	assert_int_equal(masq("md5sum", "md5sum", 0, EXE_FILE,
	    "/usr/bin/md5sum", NULL), 0);
	assert_int_equal(masq("raid6check", "raid6check", 0, EXE_FILE,
	    "/usr/sbin/raid6check", NULL), 0);
	/* the real names still are */
	assert_int_equal(masq("md127_resync", "x", 0, EXE_FILE, "/usr/bin/x",
	    NULL), 1);
	assert_int_equal(masq("raid5wq", "x", 0, EXE_FILE, "/usr/bin/x",
	    NULL), 1);
}

/* ---- all three through the registry -------------------------------------- */

static void
test_detect_run_process_rules(void **state)
{
	struct dfix *f = *state;
	struct proc *p = tl_procs(f->s, 3);

	tl_proc_set(f->s, &p[0], 1, 0, "systemd", "/usr/lib/systemd/systemd",
	    EXE_FILE);
	tl_proc_set(f->s, &p[1], 900, 1, "kworker/0:1",
	    "/tmp/.x/kworker (deleted)", EXE_DELETED);
	tl_proc_set(f->s, &p[2], 901, 1, "bash", "/usr/bin/bash", EXE_FILE);
	detect_run(f->s, &f->fs);
	assert_int_equal(tl_count(&f->fs, "RM-PROC-001", 900), 1);
	assert_int_equal(tl_count(&f->fs, "RM-PROC-002", 900), 1);
	assert_int_equal(tl_count(&f->fs, "RM-PROC-003", 900), 1);
	assert_int_equal(tl_count(&f->fs, NULL, 1), 0);
	assert_int_equal(tl_count(&f->fs, NULL, 901), 0);
	assert_int_equal(tl_get(&f->fs, "RM-PROC-001", 900)->severity,
	    SEV_CRITICAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_fileless_deleted_in_usr_medium, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fileless_deleted_replaced_low, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fileless_deleted_in_tmp_critical, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fileless_memfd, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fileless_quiet_cases, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_writable_dirs, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_writable_evidence, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_writable_hidden_file, setup,
		    teardown),
		cmocka_unit_test(test_kthread_masquerade),
		cmocka_unit_test(test_kthread_real_and_ordinary),
		cmocka_unit_test(test_kthread_zombie_not_reported),
		cmocka_unit_test(test_kthread_md_tools_not_reported),
		cmocka_unit_test_setup_teardown(test_detect_run_process_rules,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
