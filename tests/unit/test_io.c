/*
 * test_io.c - bounded reads relative to directory fds, raw getdents64
 * listing, number parsing, and the rm_err helpers.
 */
#include "testlib.h"

struct iofix {
	char *dir;
	int dfd;
};

static int
setup(void **state)
{
	struct iofix *f = xcalloc(1, sizeof(*f));

	f->dir = tl_tmpdir();
	f->dfd = tl_opendir(f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct iofix *f = *state;

	close(f->dfd);
	tl_rmrf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* ---- io_parse_u64 -------------------------------------------------------- */

static void
test_parse_u64(void **state)
{
	static const char *const bad[] = {
		"", "-1", "+1", " 1", "1 ", "12a", "0x10",
		"18446744073709551616",
		"18446744073709551620", "99999999999999999999999", "1.0",
	};
	uint64_t v = 0;

	(void)state;
	assert_true(io_parse_u64("0", &v));
	assert_int_equal(v, 0);
	assert_true(io_parse_u64("42", &v));
	assert_int_equal(v, 42);
	assert_true(io_parse_u64("007", &v));
	assert_int_equal(v, 7);
	assert_true(io_parse_u64("18446744073709551615", &v));
	assert_true(v == UINT64_MAX);
	assert_true(io_parse_u64("18446744073709551609", &v));
	assert_true(v == UINT64_MAX - 6);
	for (size_t i = 0; i < TL_NELEM(bad); i++) {
		v = 12345;
		if (io_parse_u64(bad[i], &v))
			fail_msg("\"%s\" parsed as %llu", bad[i],
			    (unsigned long long)v);
		assert_int_equal(v, 12345);     /* untouched on failure */
	}
}

/* ---- io_read_at ---------------------------------------------------------- */

static void
test_read_at_truncation_flag(void **state)
{
	struct iofix *f = *state;
	char buf[32];
	size_t n;
	bool tr;

	tl_writes(f->dir, "ten", "0123456789");
	/* room for all 10 bytes and the NUL: not truncated */
	assert_int_equal(io_read_at(f->dfd, "ten", buf, 11, &n, &tr), RM_OK);
	assert_int_equal(n, 10);
	assert_false(tr);
	assert_string_equal(buf, "0123456789");
	/* one byte short: 9 bytes kept, flagged */
	assert_int_equal(io_read_at(f->dfd, "ten", buf, 10, &n, &tr), RM_OK);
	assert_int_equal(n, 9);
	assert_true(tr);
	assert_string_equal(buf, "012345678");
	assert_int_equal(io_read_at(f->dfd, "ten", buf, 4, &n, &tr), RM_OK);
	assert_int_equal(n, 3);
	assert_true(tr);
	assert_string_equal(buf, "012");
	/* truncated may be NULL */
	assert_int_equal(io_read_at(f->dfd, "ten", buf, 4, &n, NULL), RM_OK);
	assert_int_equal(n, 3);
	/* an empty file */
	tl_writes(f->dir, "empty", "");
	assert_int_equal(io_read_at(f->dfd, "empty", buf, sizeof(buf), &n,
	    &tr), RM_OK);
	assert_int_equal(n, 0);
	assert_false(tr);
	assert_string_equal(buf, "");
}

static void
test_read_at_errors(void **state)
{
	struct iofix *f = *state;
	char buf[16];
	size_t n = 77;

	assert_int_equal(io_read_at(f->dfd, "missing", buf, sizeof(buf), &n,
	    NULL), RM_ENOENT);
	assert_int_equal(n, 0);
	assert_string_equal(buf, "");
	/* O_NOFOLLOW: a planted link is not followed */
	tl_writes(f->dir, "target", "secret");
	tl_symlink(f->dir, "link", "target");
	assert_int_equal(io_read_at(f->dfd, "link", buf, sizeof(buf), &n,
	    NULL), RM_ELOOP);
	/* a cap of 0 cannot even hold the NUL */
	assert_int_equal(io_read_at(f->dfd, "target", buf, 0, &n, NULL),
	    RM_ETOOBIG);
}

/* ---- io_stream_at -------------------------------------------------------- */

struct collect {
	size_t bytes, calls, maxchunk;
	unsigned long sum;
	size_t stop_after;
};

static int
collect_cb(const char *p, size_t n, void *arg)
{
	struct collect *c = arg;

	c->calls++;
	c->bytes += n;
	if (n > c->maxchunk)
		c->maxchunk = n;
	for (size_t i = 0; i < n; i++)
		c->sum += (unsigned char)p[i];
	return c->stop_after && c->calls >= c->stop_after;
}

static void
test_stream_at_caps(void **state)
{
	struct iofix *f = *state;
	size_t len = 100000, total;
	char *data = xmalloc(len);
	struct collect c;
	unsigned long sum = 0;
	bool tr;

	for (size_t i = 0; i < len; i++) {
		data[i] = (char)(i * 7);
		sum += (unsigned char)data[i];
	}
	tl_write(f->dir, "big", data, len);

	memset(&c, 0, sizeof(c));
	assert_int_equal(io_stream_at(f->dfd, "big", 1 << 20, collect_cb, &c,
	    &total, &tr), RM_OK);
	assert_int_equal(total, len);
	assert_int_equal(c.bytes, len);
	assert_false(tr);
	assert_true(c.sum == sum);

	/* capped at 1000 bytes: exactly 1000 seen, flagged */
	memset(&c, 0, sizeof(c));
	assert_int_equal(io_stream_at(f->dfd, "big", 1000, collect_cb, &c,
	    &total, &tr), RM_OK);
	assert_int_equal(total, 1000);
	assert_int_equal(c.bytes, 1000);
	assert_true(tr);

	/* a cap equal to the size is not a truncation */
	memset(&c, 0, sizeof(c));
	assert_int_equal(io_stream_at(f->dfd, "big", len, collect_cb, &c,
	    &total, &tr), RM_OK);
	assert_int_equal(total, len);
	assert_false(tr);

	/* the callback can stop early */
	memset(&c, 0, sizeof(c));
	c.stop_after = 1;
	assert_int_equal(io_stream_at(f->dfd, "big", 1 << 20, collect_cb, &c,
	    &total, &tr), RM_OK);
	assert_int_equal(c.calls, 1);
	assert_true(total < len);

	memset(&c, 0, sizeof(c));
	assert_int_equal(io_stream_at(f->dfd, "nope", 100, collect_cb, &c,
	    &total, &tr), RM_ENOENT);
	assert_int_equal(c.calls, 0);
	free(data);
}

/* ---- io_readlink_at ------------------------------------------------------ */

static void
test_readlink_at(void **state)
{
	struct iofix *f = *state;
	char buf[16];
	size_t n;

	tl_symlink(f->dir, "l", "socket:[123]");
	assert_int_equal(io_readlink_at(f->dfd, "l", buf, sizeof(buf), &n),
	    RM_OK);
	assert_int_equal(n, 12);
	assert_string_equal(buf, "socket:[123]");
	/* exactly cap bytes does not fit with the NUL */
	tl_symlink(f->dir, "l16", "0123456789abcdef");
	assert_int_equal(io_readlink_at(f->dfd, "l16", buf, sizeof(buf), &n),
	    RM_ETOOBIG);
	assert_int_equal(n, 15);
	assert_string_equal(buf, "0123456789abcde");
	tl_writes(f->dir, "plain", "x");
	assert_int_equal(io_readlink_at(f->dfd, "plain", buf, sizeof(buf), &n),
	    RM_ESYS);   /* EINVAL: not a link */
	assert_int_equal(io_readlink_at(f->dfd, "gone", buf, sizeof(buf), &n),
	    RM_ENOENT);
}

/* ---- io_list_dir --------------------------------------------------------- */

struct names {
	char **v;
	unsigned char *type;
	size_t n, alloc, stop_at;
};

static int
name_cb(const char *name, unsigned char type, void *arg)
{
	struct names *l = arg;

	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 64;
		l->v = xreallocarray(l->v, l->alloc, sizeof(*l->v));
		l->type = xreallocarray(l->type, l->alloc, 1);
	}
	l->type[l->n] = type;
	l->v[l->n++] = xstrdup(name);
	return l->stop_at && l->n >= l->stop_at;
}

static void
names_free(struct names *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	free(l->type);
	memset(l, 0, sizeof(*l));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_list_dir_skips_dots(void **state)
{
	struct iofix *f = *state;
	struct names l = { 0 };

	tl_writes(f->dir, "a", "");
	tl_writes(f->dir, ".hidden", "");
	tl_writes(f->dir, "..x", "");
	tl_mkdirs(f->dir, "sub");
	tl_symlink(f->dir, "lnk", "a");
	assert_int_equal(io_list_dir(f->dfd, name_cb, &l), RM_OK);
	qsort(l.v, l.n, sizeof(*l.v), cmp_str);
	assert_int_equal(l.n, 5);
	assert_string_equal(l.v[0], "..x");
	assert_string_equal(l.v[1], ".hidden");
	assert_string_equal(l.v[2], "a");
	assert_string_equal(l.v[3], "lnk");
	assert_string_equal(l.v[4], "sub");
	names_free(&l);

	/* the same fd lists again from the start */
	assert_int_equal(io_list_dir(f->dfd, name_cb, &l), RM_OK);
	assert_int_equal(l.n, 5);
	names_free(&l);

	/* stopping early is not an error */
	l.stop_at = 2;
	assert_int_equal(io_list_dir(f->dfd, name_cb, &l), RM_OK);
	assert_int_equal(l.n, 2);
	names_free(&l);
}

static void
test_list_dir_types(void **state)
{
	struct iofix *f = *state;
	struct names l = { 0 };

	tl_writes(f->dir, "file", "");
	tl_mkdirs(f->dir, "dir");
	assert_int_equal(io_list_dir(f->dfd, name_cb, &l), RM_OK);
	for (size_t i = 0; i < l.n; i++) {
		/* tmpfs and ext4 fill d_type; DT_UNKNOWN (0) is allowed */
		if (strcmp(l.v[i], "dir") == 0)
			assert_true(l.type[i] == 4 || l.type[i] == 0);
		if (strcmp(l.v[i], "file") == 0)
			assert_true(l.type[i] == 8 || l.type[i] == 0);
	}
	names_free(&l);
}

/* More entries than one 32 KiB getdents64 buffer holds. */
static void
test_list_dir_many(void **state)
{
	struct iofix *f = *state;
	struct names l = { 0 };
	enum { N = 1200 };   /* ~67 KB of dirents: three calls */

	for (int i = 0; i < N; i++) {
		char name[64];
		int fd;

		snprintf(name, sizeof(name), "entry-with-a-long-name-%05d", i);
		fd = openat(f->dfd, name, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
		assert_true(fd >= 0);
		close(fd);
	}
	assert_int_equal(io_list_dir(f->dfd, name_cb, &l), RM_OK);
	assert_int_equal(l.n, N);
	qsort(l.v, l.n, sizeof(*l.v), cmp_str);
	for (int i = 0; i < N; i++) {
		char name[64];

		snprintf(name, sizeof(name), "entry-with-a-long-name-%05d", i);
		assert_string_equal(l.v[i], name);   /* each exactly once */
	}
	names_free(&l);
}

static void
test_list_dir_not_a_dir(void **state)
{
	struct iofix *f = *state;
	struct names l = { 0 };
	int fd;

	tl_writes(f->dir, "file", "x");
	fd = openat(f->dfd, "file", O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_true(io_list_dir(fd, name_cb, &l) < 0);
	assert_int_equal(l.n, 0);
	close(fd);
}

/* ---- err.c --------------------------------------------------------------- */

static void
test_err_mapping(void **state)
{
	(void)state;
	assert_int_equal(rm_from_errno(0), RM_OK);
	assert_int_equal(rm_from_errno(ESRCH), RM_EGONE);
	assert_int_equal(rm_from_errno(ENOENT), RM_ENOENT);
	assert_int_equal(rm_from_errno(ENOTDIR), RM_ENOENT);
	assert_int_equal(rm_from_errno(EACCES), RM_EPERM);
	assert_int_equal(rm_from_errno(EPERM), RM_EPERM);
	assert_int_equal(rm_from_errno(ELOOP), RM_ELOOP);
	assert_int_equal(rm_from_errno(EXDEV), RM_ELOOP);
	assert_int_equal(rm_from_errno(ENOSYS), RM_ENOTSUP);
	assert_int_equal(rm_from_errno(ENAMETOOLONG), RM_ETOOBIG);
	assert_int_equal(rm_from_errno(ENOMEM), RM_ENOMEM);
	assert_int_equal(rm_from_errno(EIO), RM_ESYS);
	assert_int_equal(rm_from_errno(EINVAL), RM_ESYS);
	for (int e = RM_ELOOP; e <= RM_OK; e++) {
		assert_non_null(rm_strerror(e));
		assert_string_not_equal(rm_strerror(e), "unknown error");
	}
	assert_string_equal(rm_strerror(-999), "unknown error");
	assert_string_equal(rm_strerror(5), "unknown error");
}

static void
test_clocks(void **state)
{
	uint64_t a, b;
	int64_t w;

	(void)state;
	a = io_now_ns();
	b = io_now_ns();
	assert_true(b >= a);
	w = io_wall_ms();
	assert_true(w > 1600000000000LL);   /* after 2020 */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_u64),
		cmocka_unit_test_setup_teardown(test_read_at_truncation_flag,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_at_errors, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stream_at_caps, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_readlink_at, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_list_dir_skips_dots, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_list_dir_types, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_list_dir_many, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_list_dir_not_a_dir, setup,
		    teardown),
		cmocka_unit_test(test_err_mapping),
		cmocka_unit_test(test_clocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
