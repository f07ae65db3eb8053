/*
 * test_root.c - root_open / root_lstat / root_read_file confinement.
 *
 * A --root image is hostile: links may point at the scanning host's
 * secrets, ".." may try to climb out, a link loop or a FIFO may try to
 * hang the scan, and a file may be enormous.  Each case is built in a
 * temp "image" directory.  The fallback used on kernels without openat2
 * (before 5.6) is tested in a child process where a seccomp filter makes
 * openat2 fail with ENOSYS.
 */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include "testlib.h"

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

struct rfix {
	char *img;        /* the image root */
	char *out;        /* a directory outside it: the host's secrets */
	char *secret;     /* out/secret, absolute */
	int rootfd;
};

static int
setup(void **state)
{
	struct rfix *f = xcalloc(1, sizeof(*f));

	f->img = tl_tmpdir();
	f->out = tl_tmpdir();
	f->secret = tl_path(f->out, "secret");
	tl_writes(f->out, "secret", "HOST-SECRET\n");
	tl_writes(f->img, "etc/hostname", "image-host\n");
	f->rootfd = tl_opendir(f->img);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct rfix *f = *state;

	alarm(0);
	close(f->rootfd);
	tl_rmrf(f->img);
	tl_rmrf(f->out);
	free(f->img);
	free(f->out);
	free(f->secret);
	free(f);
	return 0;
}

/* Read path in the image: the rm_err, and the content in *out. */
static int
rd(struct rfix *f, const char *path, char **out, bool *trunc)
{
	struct buf b;
	int r;

	buf_init(&b, 1 << 20);
	r = root_read_file(f->rootfd, path, &b, NULL, trunc);
	*out = r == RM_OK ? buf_steal(&b, NULL) : NULL;
	buf_free(&b);
	return r;
}

static void
test_plain_read(void **state)
{
	struct rfix *f = *state;
	struct stat st;
	struct buf b;
	char *s;
	bool tr = true;

	assert_int_equal(rd(f, "etc/hostname", &s, &tr), RM_OK);
	assert_string_equal(s, "image-host\n");
	assert_false(tr);
	free(s);
	/* an absolute path is taken inside the root too */
	assert_int_equal(rd(f, "/etc/hostname", &s, NULL), RM_OK);
	assert_string_equal(s, "image-host\n");
	free(s);
	assert_int_equal(rd(f, "etc/missing", &s, NULL), RM_ENOENT);
	/* metadata comes with the content */
	buf_init(&b, 100);
	assert_int_equal(root_read_file(f->rootfd, "etc/hostname", &b, &st,
	    NULL), RM_OK);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_size, 11);
	buf_free(&b);
	/* an empty file is an empty string, not NULL */
	tl_writes(f->img, "etc/ld.so.preload", "");
	buf_init(&b, 100);
	assert_int_equal(root_read_file(f->rootfd, "etc/ld.so.preload", &b,
	    NULL, NULL), RM_OK);
	assert_non_null(b.data);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* etc/passwd -> /abs/path/outside: resolved INSIDE the image. */
static void
test_absolute_link_stays_inside(void **state)
{
	struct rfix *f = *state;
	char *s = NULL, *inside_rel;
	int r;

	tl_symlink(f->img, "etc/passwd", f->secret);
	r = rd(f, "etc/passwd", &s, NULL);
	if (r == RM_OK && strstr(s, "HOST-SECRET"))
		fail_msg("etc/passwd link escaped the image to %s", f->secret);
	assert_true(r < 0);     /* nothing at <img>/<secret path> yet */
	free(s);

	/* the same absolute path inside the image is what is read */
	inside_rel = xstrdup(f->secret + 1);
	tl_writes(f->img, inside_rel, "IMAGE-COPY\n");
	assert_int_equal(rd(f, "etc/passwd", &s, NULL), RM_OK);
	assert_string_equal(s, "IMAGE-COPY\n");
	free(s);
	free(inside_rel);

	/* a directory link to /etc is the image's etc */
	tl_symlink(f->img, "etc2", "/etc");
	assert_int_equal(rd(f, "etc2/hostname", &s, NULL), RM_OK);
	assert_string_equal(s, "image-host\n");
	free(s);
}

/* ".." cannot climb above the image root, in a path or in a link. */
static void
test_dotdot_cannot_escape(void **state)
{
	struct rfix *f = *state;
	char *s = NULL, *up;
	int r;

	up = xasprintf("../../../../../../../..%s", f->secret);
	r = rd(f, up, &s, NULL);
	if (r == RM_OK)
		assert_null(strstr(s, "HOST-SECRET"));
	free(s);
	s = NULL;
	free(up);

	r = rd(f, "../../../../../../etc/hostname", &s, NULL);
	if (r == RM_OK)
		assert_string_equal(s, "image-host\n");
	free(s);
	s = NULL;

	up = xasprintf("../../../../../../../..%s", f->secret);
	tl_symlink(f->img, "var/lib/evil", up);
	free(up);
	r = rd(f, "var/lib/evil", &s, NULL);
	if (r == RM_OK)
		assert_null(strstr(s, "HOST-SECRET"));
	free(s);
	s = NULL;

	tl_symlink(f->img, "var/up", "../../../../../../etc/hostname");
	r = rd(f, "var/up", &s, NULL);
	if (r == RM_OK)
		assert_string_equal(s, "image-host\n");
	free(s);
}

static void
test_link_loop_errors(void **state)
{
	struct rfix *f = *state;
	char *s = NULL;

	tl_symlink(f->img, "loop1", "loop2");
	tl_symlink(f->img, "loop2", "/loop1");
	tl_symlink(f->img, "self", "self");
	tl_symlink(f->img, "d/loopdir", "/d/loopdir/x");
	alarm(20);      /* a hang kills the test binary: a failure */
	assert_int_equal(rd(f, "loop1", &s, NULL), RM_ELOOP);
	assert_int_equal(rd(f, "self", &s, NULL), RM_ELOOP);
	assert_true(rd(f, "d/loopdir/x", &s, NULL) < 0);
	assert_true(rd(f, "loop2/etc/hostname", &s, NULL) < 0);
	assert_true(root_open(f->rootfd, "loop1", O_RDONLY) < 0);
	alarm(0);
	assert_null(s);
}

static void
test_fifo_refused_without_blocking(void **state)
{
	struct rfix *f = *state;
	struct stat st;
	struct buf b;
	char *s = NULL;

	tl_mkfifo(f->img, "etc/passwd");
	tl_symlink(f->img, "etc/group", "/etc/passwd");
	alarm(10);      /* nobody ever writes to the FIFO */
	buf_init(&b, 1000);
	assert_int_equal(root_read_file(f->rootfd, "etc/passwd", &b, &st,
	    NULL), RM_EPARSE);
	assert_true(S_ISFIFO(st.st_mode));
	buf_free(&b);
	assert_int_equal(rd(f, "etc/group", &s, NULL), RM_EPARSE);
	alarm(0);
	/* a directory is refused the same way */
	assert_int_equal(rd(f, "etc", &s, NULL), RM_EPARSE);
	assert_null(s);
}

static void
test_device_refused(void **state)
{
	struct rfix *f = *state;
	char *p, *s = NULL;

	TL_NEED_ROOT("mknod of a character device");
	p = tl_path(f->img, "etc/zero");
	if (mknod(p, S_IFCHR | 0644, makedev(1, 5)) != 0) {
		free(p);
		TL_SKIP("mknod not permitted here: %s", strerror(errno));
	}
	free(p);
	alarm(10);      /* /dev/zero would never end */
	assert_int_equal(rd(f, "etc/zero", &s, NULL), RM_EPARSE);
	alarm(0);
	assert_null(s);
}

static void
test_big_file_truncated(void **state)
{
	struct rfix *f = *state;
	char *data = xmalloc(100000);
	struct buf b;
	bool tr = false;

	memset(data, 'p', 100000);
	tl_write(f->img, "etc/passwd", data, 100000);
	buf_init(&b, 1000);
	assert_int_equal(root_read_file(f->rootfd, "etc/passwd", &b, NULL,
	    &tr), RM_OK);
	assert_true(tr);
	assert_int_equal(b.len, 1000);
	assert_int_equal(strlen(b.data), 1000);
	buf_free(&b);

	/* exactly the cap: whole, not truncated */
	tl_write(f->img, "etc/group", data, 1000);
	buf_init(&b, 1000);
	tr = true;
	assert_int_equal(root_read_file(f->rootfd, "etc/group", &b, NULL,
	    &tr), RM_OK);
	assert_false(tr);
	assert_int_equal(b.len, 1000);
	buf_free(&b);
	free(data);
}

static void
test_unreadable_file(void **state)
{
	struct rfix *f = *state;
	char *p, *s = NULL;

	if (geteuid() == 0)
		TL_SKIP("root reads mode-000 files; this checks EACCES as a "
		    "user");
	tl_writes(f->img, "etc/shadow", "root:x:\n");
	p = tl_path(f->img, "etc/shadow");
	chmod(p, 0);
	free(p);
	assert_int_equal(rd(f, "etc/shadow", &s, NULL), RM_EPERM);
	assert_null(s);
}

static void
test_open_dirs(void **state)
{
	struct rfix *f = *state;
	int fd;

	/* the root itself, and a path ending in "." */
	fd = root_open(f->rootfd, "/", O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	close(fd);
	fd = root_open(f->rootfd, "", O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	close(fd);
	fd = root_open(f->rootfd, "etc/.", O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	close(fd);
	assert_true(root_open(f->rootfd, "etc/hostname/x", O_RDONLY) < 0);
}

/*
 * root_lstat() describes a link without following it.  (openat2 rejects
 * O_NOCTTY with O_PATH: before 60f36aa this always failed with EINVAL.)
 */
static void
test_lstat_describes_links(void **state)
{
	struct rfix *f = *state;
	struct stat st;

	tl_symlink(f->img, "etc/mtab", f->secret);
	tl_symlink(f->img, "loop1", "loop1");
	assert_int_equal(root_lstat(f->rootfd, "etc/mtab", &st), RM_OK);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(root_lstat(f->rootfd, "loop1", &st), RM_OK);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(root_lstat(f->rootfd, "/etc/hostname", &st), RM_OK);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_size, 11);
	assert_int_equal(root_lstat(f->rootfd, "nope", &st), RM_ENOENT);
}

/* ---- the fallback without openat2 ---------------------------------------- */

static int
deny_openat2(void)
{
	struct sock_filter flt[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { (unsigned short)TL_NELEM(flt), flt };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

enum { CHILD_OK = 0, CHILD_NOSECCOMP = 77 };

typedef int child_fn(struct rfix *f);

/* Run fn in a child without openat2; its exit code (or 128+signal). */
static int
without_openat2(struct rfix *f, child_fn *fn, unsigned secs)
{
	pid_t pid;
	int st;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		alarm(secs);
		if (deny_openat2() != 0 ||
		    syscall(SYS_openat2, -1, "", NULL, 0) != -1 ||
		    errno != ENOSYS)
			_exit(CHILD_NOSECCOMP);
		_exit(fn(f));
	}
	while (waitpid(pid, &st, 0) < 0)
		assert_int_equal(errno, EINTR);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

/* Checks in the child: plain exit codes, no cmocka (it is a copy of the
 * test runner). */
static int
fallback_basic(struct rfix *f)
{
	struct stat st;
	struct buf b;
	int r;

	buf_init(&b, 1000);
	r = root_read_file(f->rootfd, "/etc/hostname", &b, NULL, NULL);
	if (r != RM_OK || strcmp(b.data, "image-host\n") != 0)
		return 1;
	buf_free(&b);
	/* every link is refused, so nothing can lead outside */
	buf_init(&b, 1000);
	if (root_read_file(f->rootfd, "etc/passwd", &b, NULL, NULL) >= 0)
		return 2;
	if (root_read_file(f->rootfd, "etc2/hostname", &b, NULL, NULL) >= 0)
		return 3;
	if (root_read_file(f->rootfd, "../etc/hostname", &b, NULL, NULL) !=
	    RM_ELOOP)
		return 4;
	if (root_read_file(f->rootfd, "etc/../etc/hostname", &b, NULL,
	    NULL) != RM_ELOOP)
		return 5;
	if (root_read_file(f->rootfd, "etc/fifo", &b, NULL, NULL) !=
	    RM_EPARSE)
		return 6;
	if (root_read_file(f->rootfd, "loop", &b, NULL, NULL) >= 0)
		return 7;
	buf_free(&b);
	r = root_open(f->rootfd, "./etc//hostname", O_RDONLY);
	if (r < 0)
		return 8;
	close(r);
	/* lstat of a link describes the link */
	if (root_lstat(f->rootfd, "etc/passwd", &st) != RM_OK ||
	    !S_ISLNK(st.st_mode))
		return 9;
	return CHILD_OK;
}

static void
test_fallback_refuses_links(void **state)
{
	struct rfix *f = *state;
	int r;

	tl_symlink(f->img, "etc/passwd", f->secret);
	tl_symlink(f->img, "etc2", "/etc");
	tl_symlink(f->img, "loop", "loop");
	tl_mkfifo(f->img, "etc/fifo");
	r = without_openat2(f, fallback_basic, 10);
	if (r == CHILD_NOSECCOMP)
		TL_SKIP("seccomp filters unavailable: cannot hide openat2");
	if (r != CHILD_OK)
		fail_msg("fallback check failed: child status %d", r);
}

static int
fallback_trailing_dot(struct rfix *f)
{
	int fd = root_open(f->rootfd, "etc/.", O_RDONLY | O_DIRECTORY);

	if (fd >= 0)
		close(fd);
	fd = root_open(f->rootfd, ".", O_RDONLY | O_DIRECTORY);
	if (fd >= 0)
		close(fd);
	return CHILD_OK;
}

/*
 * Regression (was a bug): src/core/root.c walk_open(): a path whose last component is "."
 * ("etc/.", ".", "a/./") loops forever: after the "." the rest of the path
 * is "", so n == 0 and `continue` spins without advancing.  Only the
 * fallback for kernels without openat2 (< 5.6, e.g. RHEL 8) is affected.
 */
static void
test_fallback_trailing_dot_no_hang(void **state)
{
	struct rfix *f = *state;
	int r;

	r = without_openat2(f, fallback_trailing_dot, 3);
	if (r == CHILD_NOSECCOMP)
		TL_SKIP("seccomp filters unavailable: cannot hide openat2");
	if (r == 128 + SIGALRM)
		fail_msg("root_open(\"etc/.\") hung without openat2");
	assert_int_equal(r, CHILD_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_plain_read, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_absolute_link_stays_inside,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_dotdot_cannot_escape,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_loop_errors, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_fifo_refused_without_blocking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_device_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_big_file_truncated, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unreadable_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_open_dirs, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lstat_describes_links,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fallback_refuses_links,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fallback_trailing_dot_no_hang, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
