/*
 * test_detect_util.c - the judgements detectors share: where a path lies,
 * hidden directories, per-user tool trees, " (deleted)" stripping.
 */
#include "testlib.h"

static void
test_path_classify(void **state)
{
	static const struct {
		const char *path;
		enum path_class want;
	} c[] = {
		{ "/usr/bin/ls", PATH_OTHER },
		{ "/usr/local/bin/node", PATH_OTHER },
		{ "/opt/app/bin/app", PATH_OTHER },
		{ "/tmp/x", PATH_WRITABLE },
		{ "/tmp/a/b/c", PATH_WRITABLE },
		{ "/var/tmp/kinsing", PATH_WRITABLE },
		{ "/dev/shm/h.so", PATH_WRITABLE },
		{ "/run/shm/x", PATH_WRITABLE },
		{ "/dev/mqueue/x", PATH_WRITABLE },
		{ "/var/crash/x", PATH_WRITABLE },
		{ "/run/lock/x", PATH_WRITABLE },
		{ "/var/lock/x", PATH_WRITABLE },
		{ "/tmp/.X25-unix/.rsync/c", PATH_HIDDEN_WRITABLE },
		{ "/dev/shm/.x/miner", PATH_HIDDEN_WRITABLE },
		{ "/var/tmp/.ICE/x", PATH_HIDDEN_WRITABLE },
		{ "/dev/sda1", PATH_DEV_OR_BOOT },
		{ "/dev/.udev/x", PATH_DEV_OR_BOOT },
		{ "/boot/vmlinuz-evil", PATH_DEV_OR_BOOT },
		{ "/usr/lib/.hidden/x.so", PATH_HIDDEN_SYSTEM },
		{ "/bin/.local/bin/x", PATH_HIDDEN_SYSTEM },
		{ "/etc/.cache/x", PATH_HIDDEN_SYSTEM },
		{ "/.x/y", PATH_HIDDEN_SYSTEM },
		{ "/home/u/.evil/miner", PATH_HIDDEN_HOME },
		{ "/home/u/.cargo/bin/rg", PATH_HIDDEN_HOME },
		{ "/root/.x/m", PATH_HIDDEN_HOME },
		{ "/var/lib/.x/m", PATH_HIDDEN_HOME },
		{ "/opt/.x/m", PATH_HIDDEN_HOME },
		{ "/srv/.x/m", PATH_HIDDEN_HOME },
		/* not under a writable dir, though the name starts alike */
		{ "/tmpfoo/x", PATH_OTHER },
		{ "/tmp", PATH_OTHER },
		{ "/devices/x", PATH_OTHER },
		{ "/bootstrap/x", PATH_OTHER },
		/* "." and ".." are not hidden directories */
		{ "/usr/./bin/x", PATH_OTHER },
		{ "relative/tmp/x", PATH_OTHER },
		{ "", PATH_OTHER },
		{ "memfd:x", PATH_OTHER },
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(c); i++) {
		enum path_class got = path_classify(c[i].path);

		if (got != c[i].want)
			fail_msg("path_classify(\"%s\") = %s, want %s",
			    c[i].path, path_class_name(got),
			    path_class_name(c[i].want));
	}
	assert_int_equal(path_classify(NULL), PATH_OTHER);
}

static void
test_class_names(void **state)
{
	(void)state;
	assert_string_equal(path_class_name(PATH_WRITABLE),
	    "world-writable directory");
	assert_string_equal(path_class_name(PATH_OTHER), "other");
	for (int c = PATH_OTHER; c <= PATH_HIDDEN_WRITABLE; c++) {
		assert_non_null(path_class_name((enum path_class)c));
		assert_true(strlen(path_class_name((enum path_class)c)) > 0);
	}
}

static void
expect_norm(const char *in, const char *want)
{
	char out[64];

	path_normalize(in, out, sizeof(out));
	assert_string_equal(out, want);
}

static void
test_normalize(void **state)
{
	char tiny[4];

	(void)state;
	expect_norm("/usr/lib/../../tmp/x.so", "/tmp/x.so");
	expect_norm("//tmp//x", "/tmp/x");
	expect_norm("/./dev/shm/./x", "/dev/shm/x");
	expect_norm("/../../etc", "/etc");          /* never above / */
	expect_norm("/", "/");
	expect_norm("/a/b/..", "/a");
	expect_norm("/a/b/../", "/a");
	expect_norm("a/../../b", "../b");           /* relative stays relative */
	/* classification follows the normalised path */
	assert_int_equal(path_classify("/usr/lib/../../tmp/x"), PATH_WRITABLE);
	assert_int_equal(path_classify("//dev/shm/.x/y"), PATH_HIDDEN_WRITABLE);
	/* a too-small buffer is cut, never overrun */
	path_normalize("/abcdef", tiny, sizeof(tiny));
	assert_int_equal(strlen(tiny), 3);
}

static void
test_hidden_component(void **state)
{
	const char *h;
	size_t n = 0;

	(void)state;
	h = path_hidden_component("/tmp/.x/m", &n);
	assert_non_null(h);
	assert_int_equal(n, 2);
	assert_memory_equal(h, ".x", 2);
	h = path_hidden_component("/a/.b.c/.d/x", &n);
	assert_int_equal(n, 4);
	assert_memory_equal(h, ".b.c", 4);
	h = path_hidden_component("/home/u/.vscode-server/bin/node", &n);
	assert_int_equal(n, 14);
	assert_null(path_hidden_component("/a/../b/x", &n));
	assert_null(path_hidden_component("/a/./x", &n));
	/* a hidden file name counts as much as a hidden directory */
	h = path_hidden_component("/a/b/.x", &n);
	assert_non_null(h);
	assert_int_equal(n, 2);
	assert_memory_equal(h, ".x", 2);
	h = path_hidden_component("/.x", &n);
	assert_non_null(h);
	assert_int_equal(n, 2);
	assert_null(path_hidden_component("x", &n));
	assert_null(path_hidden_component("rel/.x/y", &n));
	assert_null(path_hidden_component("", &n));
	h = path_hidden_component("//.x//y", &n);
	assert_non_null(h);
	assert_int_equal(n, 2);
}

static void
test_tooling(void **state)
{
	static const char *const yes[] = {
		".local", ".cargo", ".rustup", ".vscode-server", ".nvm",
		".pyenv", ".cache", ".m2",
	};
	static const char *const no[] = {
		".evil", ".x", ".locals", ".cargo2", ".", "", ".ssh", ".config",
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(yes); i++)
		assert_true(path_hidden_is_tooling(yes[i], strlen(yes[i])));
	for (size_t i = 0; i < TL_NELEM(no); i++)
		assert_false(path_hidden_is_tooling(no[i], strlen(no[i])));
	/* the length bounds the compare */
	assert_true(path_hidden_is_tooling(".cargo/bin", 6));
	assert_false(path_hidden_is_tooling(".cargo", 5));
}

static void
test_strip_deleted(void **state)
{
	char out[64];

	(void)state;
	path_strip_deleted("/tmp/x (deleted)", out, sizeof(out));
	assert_string_equal(out, "/tmp/x");
	path_strip_deleted("/usr/bin/sshd", out, sizeof(out));
	assert_string_equal(out, "/usr/bin/sshd");
	path_strip_deleted(" (deleted)", out, sizeof(out));
	assert_string_equal(out, "");
	/* only a suffix is stripped, once */
	path_strip_deleted("/a (deleted)/b", out, sizeof(out));
	assert_string_equal(out, "/a (deleted)/b");
	path_strip_deleted("/x (deleted) (deleted)", out, sizeof(out));
	assert_string_equal(out, "/x (deleted)");
	/* cut to the buffer */
	path_strip_deleted("/very/long/path (deleted)", out, 6);
	assert_string_equal(out, "/very");
	out[0] = 'Z';
	path_strip_deleted("/x", out, 0);
	assert_int_equal(out[0], 'Z');
}

static void
test_proc_env(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 1);

	(void)state;
	assert_null(proc_env(p, "LD_PRELOAD"));
	tl_proc_env(s, p, "LD_PRELOAD", "/a.so");
	tl_proc_env(s, p, "GITHUB_TOKEN", "t");
	assert_string_equal(proc_env(p, "LD_PRELOAD")->value, "/a.so");
	assert_string_equal(proc_env(p, "GITHUB_TOKEN")->value, "t");
	assert_null(proc_env(p, "LD_AUDIT"));
	assert_null(proc_env(p, "LD_PRELOA"));
	tl_snap_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_classify),
		cmocka_unit_test(test_class_names),
		cmocka_unit_test(test_hidden_component),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_tooling),
		cmocka_unit_test(test_strip_deleted),
		cmocka_unit_test(test_proc_env),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
