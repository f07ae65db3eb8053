/*
 * test_det_eva.c - the preload detectors, facts in, findings out:
 *   RM-EVA-001 /etc/ld.so.preload present
 *   RM-EVA-002 LD_PRELOAD / LD_AUDIT in a running process
 */
#include "testlib.h"

/* ---- RM-EVA-001 ---------------------------------------------------------- */

/* Run RM-EVA-001 on this ld.so.preload (NULL: absent); returns the count
 * of findings and the first one's severity and library list length. */
static size_t
preload_file(const char *content, enum severity *sev, size_t *nlibs)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	size_t n;

	tl_preload(s, content);
	tl_run_one(s, "RM-EVA-001", &fs);
	n = fs.n;
	if (n) {
		const struct evidence *e = finding_ev_get(fs.v[0], "libraries");

		*sev = fs.v[0]->severity;
		if (nlibs)
			*nlibs = e ? e->nlist : 0;
		assert_string_equal(fs.v[0]->file_path, "/etc/ld.so.preload");
		tl_assert_contains(fs.v[0]->message, "/etc/ld.so.preload");
		assert_string_equal(fs.v[0]->rule->id, "RM-EVA-001");
		assert_int_equal(finding_ev_get(fs.v[0], "size")->i,
		    (int64_t)strlen(content));
	}
	findings_free(&fs);
	tl_snap_free(s);
	return n;
}

static void
expect_preload(const char *content, enum severity want, size_t want_libs)
{
	enum severity sev = SEV_INFO;
	size_t nlibs = 99;

	if (preload_file(content, &sev, &nlibs) != 1)
		fail_msg("\"%s\": not exactly one finding", content);
	if (sev != want)
		fail_msg("\"%s\": severity %s, want %s", content,
		    severity_name(sev), severity_name(want));
	if (nlibs != want_libs)
		fail_msg("\"%s\": %zu libraries, want %zu", content, nlibs,
		    want_libs);
}

static void
test_preload_file_absent(void **state)
{
	enum severity sev;

	(void)state;
	assert_int_equal(preload_file(NULL, &sev, NULL), 0);
}

static void
test_preload_file_severities(void **state)
{
	(void)state;
	/* empty: what a dropper leaves after wiping a rival */
	expect_preload("", SEV_LOW, 0);
	expect_preload("\n\n  \n", SEV_LOW, 0);
	expect_preload("# /tmp/x.so\n# nothing here\n", SEV_LOW, 0);
	/* known allocators from the system library dirs: low */
	expect_preload("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n", SEV_LOW,
	    1);
	expect_preload("/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4",
	    SEV_LOW, 1);
	/* the same name elsewhere is not vouched for */
	expect_preload("/opt/x/libjemalloc.so.2\n", SEV_HIGH, 1);
	/* a library in a writable place: critical */
	expect_preload("/tmp/x.so\n", SEV_CRITICAL, 1);
	expect_preload("/dev/shm/.x/libhide.so", SEV_CRITICAL, 1);
	expect_preload("/usr/lib/.hidden/libgcwrap.so\n", SEV_CRITICAL, 1);
	/* anything else: high */
	expect_preload("/usr/local/lib/evil.so\n", SEV_HIGH, 1);
	expect_preload("/lib/libprocesshider.so\n", SEV_HIGH, 1);
}

static void
test_preload_file_parsing(void **state)
{
	(void)state;
	/* comments are ignored, also the ones that name a writable dir */
	expect_preload("# added by ops: /tmp/test.so\n"
	    "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 # allocator\n",
	    SEV_LOW, 1);
	/* whitespace and ':' separate entries */
	expect_preload("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2:/tmp/a.so",
	    SEV_CRITICAL, 2);
	expect_preload("  /usr/local/lib/a.so\t/usr/local/lib/b.so\r\n"
	    "/usr/local/lib/c.so", SEV_HIGH, 3);
	/* one unknown among benign ones is enough for high */
	expect_preload("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 "
	    "/usr/lib/libevil.so\n", SEV_HIGH, 2);
}

static void
test_preload_file_evidence(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	const struct evidence *e;

	(void)state;
	tl_preload(s, "/tmp/a.so /usr/local/lib/b.so\n");
	s->host.ld_so_preload.uid = 1000;
	tl_run_one(s, "RM-EVA-001", &fs);
	assert_int_equal(fs.n, 1);
	e = finding_ev_get(fs.v[0], "libraries");
	assert_non_null(e);
	assert_int_equal(e->type, EV_STRLIST);
	assert_int_equal(e->nlist, 2);
	assert_string_equal(e->list[0], "/tmp/a.so");
	assert_string_equal(e->list[1], "/usr/local/lib/b.so");
	assert_int_equal(finding_ev_get(fs.v[0], "owner_uid")->i, 1000);
	assert_non_null(finding_ev_get(fs.v[0], "mode"));
	assert_int_equal(fs.v[0]->confidence, CONF_HIGH);
	assert_false(fs.v[0]->has_process);
	findings_free(&fs);

	/* it exists but could not be read (a FIFO, permissions) */
	s->host.ld_so_preload.content = NULL;
	s->host.ld_so_preload.read_err = RM_EPERM;
	tl_run_one(s, "RM-EVA-001", &fs);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0]->severity, SEV_HIGH);
	assert_non_null(tl_ev_str(fs.v[0], "read_error"));
	findings_free(&fs);
	tl_snap_free(s);
}

/*
 * Regression (was a bug): src/detect/det_eva_preload_file.c (and det_eva_preload_env.c)
 * judge the library path as text.  ld.so opens it through the kernel, so
 * "/usr/lib/../../tmp/libjemalloc.so" is /tmp/libjemalloc.so: it passes
 * benign_library() (prefix "/usr/lib", allocator name) and path_classify()
 * (no "/tmp/" prefix, ".." is not hidden) and is reported LOW, below the
 * default --fail-on.  "//tmp/x.so" and "/./tmp/x.so" are HIGH, not
 * critical.  Fix: normalise the path lexically ("//", "/./", "/../")
 * before benign_library()/path_classify(), or refuse any path holding
 * "/." or "//" as benign and classify it as at least PATH_HIDDEN_SYSTEM.
 */
static void
test_preload_file_path_tricks(void **state)
{
	(void)state;
	expect_preload("/usr/lib/../../tmp/libjemalloc.so\n", SEV_CRITICAL, 1);
	expect_preload("//tmp/x.so\n", SEV_CRITICAL, 1);
	expect_preload("/./dev/shm/x.so\n", SEV_CRITICAL, 1);
}

/* ---- RM-EVA-002 ---------------------------------------------------------- */

struct efix {
	struct snapshot *s;
	struct findings fs;
};

static int
setup(void **state)
{
	struct efix *f = xcalloc(1, sizeof(*f));

	f->s = tl_snap_new();
	findings_init(&f->fs);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct efix *f = *state;

	findings_free(&f->fs);
	tl_snap_free(f->s);
	free(f);
	return 0;
}

static void
run_env(struct efix *f)
{
	findings_free(&f->fs);
	tl_run_one(f->s, "RM-EVA-002", &f->fs);
}

/* Severity of RM-EVA-002 for one process with name=value (-1: none). */
static int
env_sev(const char *name, const char *value)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct proc *p = tl_procs(s, 1);
	int sev = -1;

	tl_proc_set(s, p, 2024, 1, "app", "/usr/bin/app", EXE_FILE);
	tl_proc_env(s, p, name, value);
	tl_run_one(s, "RM-EVA-002", &fs);
	assert_true(fs.n <= 1);
	if (fs.n == 1) {
		sev = (int)fs.v[0]->severity;
		tl_assert_contains(fs.v[0]->message, "2024");
		tl_assert_contains(fs.v[0]->message, name);
		assert_string_equal(tl_ev_str(fs.v[0], "variable"), name);
		assert_int_equal(fs.v[0]->process.pid, 2024);
	}
	findings_free(&fs);
	tl_snap_free(s);
	return sev;
}

static void
test_preload_env_severities(void **state)
{
	(void)state;
	assert_int_equal(env_sev("LD_PRELOAD", "/dev/shm/h.so"), SEV_CRITICAL);
	assert_int_equal(env_sev("LD_PRELOAD", "/tmp/.x/libhide.so"),
	    SEV_CRITICAL);
	assert_int_equal(env_sev("LD_AUDIT", "/var/tmp/a.so"), SEV_CRITICAL);
	assert_int_equal(env_sev("LD_PRELOAD",
	    "/usr/libexec/coreutils/libstdbuf.so"), SEV_LOW);
	assert_int_equal(env_sev("LD_PRELOAD",
	    "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"), SEV_LOW);
	assert_int_equal(env_sev("LD_PRELOAD", "libfaketime.so.1"), SEV_LOW);
	/* an allowed name in /tmp is not benign */
	assert_int_equal(env_sev("LD_PRELOAD", "/tmp/libstdbuf.so"),
	    SEV_CRITICAL);
	assert_int_equal(env_sev("LD_PRELOAD", "/usr/local/lib/hook.so"),
	    SEV_HIGH);
	/* several libraries are never waved through as benign */
	assert_int_equal(env_sev("LD_PRELOAD",
	    "/usr/libexec/coreutils/libstdbuf.so:/usr/local/lib/x.so"),
	    SEV_HIGH);
	/* set but empty: nothing is preloaded */
	assert_int_equal(env_sev("LD_PRELOAD", ""), -1);
	/* other variables are not this rule's business */
	assert_int_equal(env_sev("LD_LIBRARY_PATH", "/tmp"), -1);
	assert_int_equal(env_sev("GITHUB_TOKEN", "x"), -1);
}

static void
test_preload_env_evidence(void **state)
{
	struct efix *f = *state;
	struct proc *p = tl_procs(f->s, 1);
	char *longv = xmalloc(400);

	memset(longv, 'a', 399);
	memcpy(longv, "/dev/shm/", 9);
	longv[399] = '\0';
	tl_proc_set(f->s, p, 555, 1, "sshd", "/usr/sbin/sshd", EXE_FILE);
	tl_proc_env(f->s, p, "LD_PRELOAD", longv);
	run_env(f);
	assert_int_equal(f->fs.n, 1);
	/* value kept to RM_ENV_VALUE_KEEP, the full length in evidence */
	assert_int_equal(strlen(tl_ev_str(f->fs.v[0], "value")),
	    RM_ENV_VALUE_KEEP);
	assert_int_equal(finding_ev_get(f->fs.v[0], "value_length")->i, 399);
	assert_string_equal(tl_ev_str(f->fs.v[0], "location"),
	    "world-writable directory");
	assert_true(strlen(f->fs.v[0]->message) < RM_MSG_MAX);
	assert_string_equal(f->fs.v[0]->process.name, "sshd");
	free(longv);
}

static void
test_preload_env_inherited_once(void **state)
{
	struct efix *f = *state;
	struct proc *p = tl_procs(f->s, 5);

	/* 100 -> 101 -> 102 all with the same value: only 100 reported */
	tl_proc_set(f->s, &p[0], 100, 1, "bash", "/bin/bash", EXE_FILE);
	tl_proc_env(f->s, &p[0], "LD_PRELOAD", "/dev/shm/h.so");
	tl_proc_set(f->s, &p[1], 101, 100, "xmrig", "/usr/bin/x", EXE_FILE);
	tl_proc_env(f->s, &p[1], "LD_PRELOAD", "/dev/shm/h.so");
	tl_proc_set(f->s, &p[2], 102, 101, "sh", "/bin/sh", EXE_FILE);
	tl_proc_env(f->s, &p[2], "LD_PRELOAD", "/dev/shm/h.so");
	/* a child with its own, different library: reported */
	tl_proc_set(f->s, &p[3], 103, 100, "sh", "/bin/sh", EXE_FILE);
	tl_proc_env(f->s, &p[3], "LD_PRELOAD", "/tmp/other.so");
	/* a process whose parent is not in the snapshot: reported */
	tl_proc_set(f->s, &p[4], 104, 99999, "orphan", "/bin/x", EXE_FILE);
	tl_proc_env(f->s, &p[4], "LD_PRELOAD", "/dev/shm/h.so");
	run_env(f);
	assert_int_equal(f->fs.n, 3);
	assert_int_equal(tl_count(&f->fs, "RM-EVA-002", 100), 1);
	assert_int_equal(tl_count(&f->fs, "RM-EVA-002", 101), 0);
	assert_int_equal(tl_count(&f->fs, "RM-EVA-002", 102), 0);
	assert_int_equal(tl_count(&f->fs, "RM-EVA-002", 103), 1);
	assert_int_equal(tl_count(&f->fs, "RM-EVA-002", 104), 1);
}

static void
test_preload_env_both_variables(void **state)
{
	struct efix *f = *state;
	struct proc *p = tl_procs(f->s, 2);

	tl_proc_set(f->s, &p[0], 10, 1, "a", "/bin/a", EXE_FILE);
	tl_proc_env(f->s, &p[0], "LD_PRELOAD", "/usr/local/lib/p.so");
	tl_proc_env(f->s, &p[0], "LD_AUDIT", "/usr/local/lib/a.so");
	/* the child inherited LD_PRELOAD but set its own LD_AUDIT */
	tl_proc_set(f->s, &p[1], 11, 10, "b", "/bin/b", EXE_FILE);
	tl_proc_env(f->s, &p[1], "LD_PRELOAD", "/usr/local/lib/p.so");
	tl_proc_env(f->s, &p[1], "LD_AUDIT", "/tmp/audit.so");
	run_env(f);
	assert_int_equal(f->fs.n, 3);
	assert_int_equal(tl_count(&f->fs, NULL, 10), 2);
	assert_string_equal(tl_ev_str(tl_get(&f->fs, NULL, 11), "variable"),
	    "LD_AUDIT");
}

/*
 * Regression (was a bug): src/detect/det_eva_preload_env.c check(): a list of libraries is
 * judged by path_classify() of the whole string, which only sees where
 * the FIRST one lies: "/usr/lib/x.so:/dev/shm/.x/h.so" is HIGH, not
 * critical (and benign_preload()'s comment says "judge each", which
 * check() never does).  Likewise "/usr/lib/../../dev/shm/libstdbuf.so" is
 * LOW.  Fix: split the value on ':' and ' ' (as ld.so does) and take the
 * worst class of the normalised entries.
 */
static void
test_preload_env_list_and_tricks(void **state)
{
	(void)state;
	assert_int_equal(env_sev("LD_PRELOAD",
	    "/usr/local/lib/x.so:/dev/shm/.x/h.so"), SEV_CRITICAL);
	assert_int_equal(env_sev("LD_PRELOAD",
	    "/usr/local/lib/x.so /tmp/h.so"), SEV_CRITICAL);
	assert_int_equal(env_sev("LD_PRELOAD",
	    "/usr/lib/../../dev/shm/libstdbuf.so"), SEV_CRITICAL);
}

/*
 * Regression (was a bug): det_eva_preload_env.c compares only the kept first
 * RM_ENV_VALUE_KEEP (256) bytes with the parent's value and ignores
 * value_len, so a child whose LD_PRELOAD shares the parent's first 256
 * bytes but names another library after them is never reported.
 * Fix: also require pe->value_len == e->value_len (and treat a
 * truncated value as different unless the lengths match).
 */
static void
test_preload_env_long_value_differs(void **state)
{
	struct efix *f = *state;
	struct proc *p = tl_procs(f->s, 2);
	char a[400], b[400];

	memset(a, 'a', sizeof(a));
	memcpy(a, "/usr/local/lib/", 15);
	memcpy(a + 300, ":/usr/local/lib/one.so", 23);
	memcpy(b, a, sizeof(b));
	memcpy(b + 300, ":/dev/shm/evil.so", 18);
	tl_proc_set(f->s, &p[0], 20, 1, "p", "/bin/p", EXE_FILE);
	tl_proc_env(f->s, &p[0], "LD_PRELOAD", a);
	tl_proc_set(f->s, &p[1], 21, 20, "c", "/bin/c", EXE_FILE);
	tl_proc_env(f->s, &p[1], "LD_PRELOAD", b);
	run_env(f);
	assert_int_equal(tl_count(&f->fs, "RM-EVA-002", 21), 1);
}

/*
 * Regression (was a bug): det_eva_preload_env.c benign_preload() waves through a bare
 * library name ("libjemalloc.so.2": path_classify() of a relative name is
 * PATH_OTHER).  ld.so looks a bare LD_PRELOAD name up through
 * LD_LIBRARY_PATH first, so LD_LIBRARY_PATH=/dev/shm with
 * LD_PRELOAD=libjemalloc.so.2 loads /dev/shm/libjemalloc.so.2 and is
 * reported LOW.  Fix: a bare name is benign only when the process has no
 * LD_LIBRARY_PATH (or one without writable/hidden directories); judge
 * LD_LIBRARY_PATH's entries with path_classify() as well.
 */
static void
test_preload_env_bare_name_with_library_path(void **state)
{
	struct efix *f = *state;
	struct proc *p = tl_procs(f->s, 1);

	tl_proc_set(f->s, p, 30, 1, "x", "/usr/bin/x", EXE_FILE);
	tl_proc_env(f->s, p, "LD_PRELOAD", "libjemalloc.so.2");
	tl_proc_env(f->s, p, "LD_LIBRARY_PATH", "/dev/shm/.l");
	run_env(f);
	assert_int_equal(f->fs.n, 1);
	assert_true(f->fs.v[0]->severity >= SEV_HIGH);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_preload_file_absent),
		cmocka_unit_test(test_preload_file_severities),
		cmocka_unit_test(test_preload_file_parsing),
		cmocka_unit_test(test_preload_file_evidence),
		cmocka_unit_test(test_preload_file_path_tricks),
		cmocka_unit_test(test_preload_env_severities),
		cmocka_unit_test_setup_teardown(test_preload_env_evidence, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_preload_env_inherited_once,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_preload_env_both_variables,
		    setup, teardown),
		cmocka_unit_test(test_preload_env_list_and_tricks),
		cmocka_unit_test_setup_teardown(
		    test_preload_env_long_value_differs, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_preload_env_bare_name_with_library_path, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
