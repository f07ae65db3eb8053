/*
 * test_yara.c - the YARA engine: rules load (built-ins, user files, broken
 * rules salvaged, the cache), files are scanned with their caps and skip
 * rules, and a match becomes a rated finding.
 */
#include "testlib.h"

#include <sys/syscall.h>

#include "cmd/cmd.h"
#include "collect/yara_load.h"
#include "collect/yara_scan.h"
#include "detect/yara_find.h"

static const char good_rule[] =
	"rule t_marker : test\n"
	"{\n"
	"  meta:\n"
	"    description = \"a test marker\"\n"
	"    severity = \"high\"\n"
	"    category = \"mining\"\n"
	"    score = 90\n"
	"    flag = true\n"
	"  strings:\n"
	"    $a = \"rookmelder-test-marker-7f3a\"\n"
	"  condition:\n"
	"    $a\n"
	"}\n";

static bool
has_note(const struct yara_ruleset *rs, const char *where, const char *what)
{
	for (size_t i = 0; i < rs->nnotes; i++)
		if (strstr(rs->notes[i].where, where) &&
		    strstr(rs->notes[i].what, what))
			return true;
	return false;
}

/* The built-in rules compile, without a single warning (a slow rule is a
 * bug in our rules). */
static void
test_builtin_compiles(void **state)
{
	struct yara_ruleset rs;
	size_t n;
	const char *src = yara_builtin_source(&n);

	(void)state;
	assert_non_null(src);
	assert_true(n > 0);
	assert_int_equal(src[n], '\0');
	assert_true(yara_compile_text(src, n, YARA_BUILTIN_NS, &rs) > 0);
	for (size_t i = 0; i < rs.nnotes; i++)
		fail_msg("built-in rules: %s: %s", rs.notes[i].where,
		    rs.notes[i].what);
	assert_int_equal(rs.nfailed, 0);
	yara_ruleset_free(&rs);
}

/* One bad rule does not sink the file: the others are kept, the failure
 * is reported with its line and reason, and a rule that names a kept
 * private rule compiles with it. */
static void
test_salvage(void **state)
{
	static const char text[] =
		"import \"math\"\n"
		"private rule p_dep { strings: $x = \"dep-string-1\" "
		"condition: $x }\n"
		"rule r_bad { condition: is__elf and filesize > 10 }\n"
		"rule r_uses { strings: $y = \"uses-string-2\" "
		"condition: $y and p_dep }\n"
		"rule r_also_bad { strings: $z = \"zz\" condition: $q }\n"
		"rule r_plain { strings: $w = /ab[0-9]+cd/ condition: $w }\n";
	struct yara_ruleset rs;

	(void)state;
	assert_int_equal(yara_compile_text(text, sizeof(text) - 1, "t", &rs),
	    3);
	assert_int_equal(rs.nfailed, 2);
	assert_true(has_note(&rs, ":3", "r_bad"));
	assert_true(has_note(&rs, ":3", "is__elf"));
	assert_true(has_note(&rs, ":5", "r_also_bad"));
	yara_ruleset_free(&rs);

	/* a file that cannot even be split: said so, nothing kept */
	assert_int_equal(yara_compile_text("rule x { condition: \"open",
	    25, "t", &rs), 0);
	assert_int_equal(rs.nfailed, 1);
	assert_true(has_note(&rs, "input", "none of its rules"));
	yara_ruleset_free(&rs);

	/* empty and garbage */
	assert_int_equal(yara_compile_text("", 0, "t", &rs), 0);
	yara_ruleset_free(&rs);
	assert_int_equal(yara_compile_text("\x01\x02garbage{{", 11, "t", &rs),
	    0);
	yara_ruleset_free(&rs);
}

static void
write_str(const char *dir, const char *rel, const char *s)
{
	tl_write(dir, rel, s, strlen(s));
}

/* Directories are walked for .yar/.yara files (not links, not other
 * names); namespaces are relative paths; the cache is used the second
 * time and refreshed when a file or an include changes. */
static void
test_load_dirs_and_cache(void **state)
{
	char *d = tl_tmpdir(), *rules = tl_path(d, "rules");
	char *cache = tl_path(d, "cache"), *out = tl_path(d, "outside.yar");
	const char *paths[1] = { rules };
	struct yara_load_opts o = { .builtin = false, .paths = paths,
	    .npaths = 1, .cache_dir = cache };
	struct yara_ruleset rs;
	const char *bad = NULL;
	char *lnk;

	(void)state;
	write_str(d, "rules/a/one.yar", good_rule);
	write_str(d, "rules/b/two.yara",
	    "include \"inc/common.yar\"\n"
	    "rule t_two { strings: $a = \"two-two-two\" condition: $a "
	    "and t_common }\n");
	write_str(d, "rules/b/inc/common.yar",
	    "rule t_common { condition: true }\n");
	write_str(d, "rules/b/inc/notes.txt", "rule t_txt { condition: true }");
	write_str(d, "rules/c/broken.yar", "rule t_broken { condition: $nope }\n");
	write_str(d, "outside.yar", "rule t_outside { condition: true }\n");
	lnk = tl_path(d, "rules/link.yar");
	assert_int_equal(symlink(out, lnk), 0);

	assert_int_equal(yara_load(&rs, &o, &bad), RM_OK);
	assert_false(rs.cached);
	/* one, two (with the included common), common itself read as a
	 * file of its own; broken left out; the link and .txt not read */
	assert_int_equal(rs.nfiles, 4);
	assert_int_equal(rs.nrules, 4);
	assert_int_equal(rs.nfailed, 1);
	assert_true(has_note(&rs, "c/broken.yar", "t_broken"));
	yara_ruleset_free(&rs);

	assert_int_equal(yara_load(&rs, &o, &bad), RM_OK);
	assert_true(rs.cached);
	assert_int_equal(rs.nrules, 4);
	assert_int_equal(rs.nfailed, 1);
	assert_true(has_note(&rs, "c/broken.yar", "t_broken"));
	yara_ruleset_free(&rs);

	/* an included file changed: compiled again */
	write_str(d, "rules/b/inc/common.yar",
	    "rule t_common { condition: filesize > 0 }\n");
	assert_int_equal(yara_load(&rs, &o, &bad), RM_OK);
	assert_false(rs.cached);
	yara_ruleset_free(&rs);
	assert_int_equal(yara_load(&rs, &o, &bad), RM_OK);
	assert_true(rs.cached);
	yara_ruleset_free(&rs);

	/* a cache directory others can write is not used */
	assert_int_equal(chmod(cache, 0777), 0);
	assert_int_equal(yara_load(&rs, &o, &bad), RM_OK);
	assert_false(rs.cached);
	yara_ruleset_free(&rs);

	/* a named path that does not exist is an error, with the path */
	paths[0] = out;
	write_str(d, "x", "");
	{
		char *missing = tl_path(d, "missing.yar");

		paths[0] = missing;
		assert_int_equal(yara_load(&rs, &o, &bad), RM_ENOENT);
		assert_string_equal(bad, missing);
		free(missing);
	}
	tl_rmrf(d);
	free(lnk);
	free(out);
	free(cache);
	free(rules);
	free(d);
}

static void
test_cache_dir_env(void **state)
{
	char b[256];

	(void)state;
	setenv("ROOKMELDER_CACHE_DIR", "0", 1);
	assert_false(yara_cache_dir(b, sizeof(b)));
	setenv("ROOKMELDER_CACHE_DIR", "", 1);
	assert_false(yara_cache_dir(b, sizeof(b)));
	setenv("ROOKMELDER_CACHE_DIR", "/x/y", 1);
	assert_true(yara_cache_dir(b, sizeof(b)));
	assert_string_equal(b, "/x/y");
	unsetenv("ROOKMELDER_CACHE_DIR");
}

static void
test_parse_size(void **state)
{
	static const struct { const char *s; uint64_t v; } ok[] = {
		{ "1", 1 }, { "64M", 64u << 20 }, { "512k", 512u << 10 },
		{ "2G", 2ull << 30 },
	};
	static const char *const bad[] = { "", "0", "-1", "1T", "M", "1MB",
	    "99999999999999999999", " 1" };
	uint64_t v;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_true(cmd_parse_size(ok[i].s, &v));
		assert_int_equal(v, ok[i].v);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (cmd_parse_size(bad[i], &v))
			fail_msg("'%s' parsed", bad[i]);
}

/* ---- scanning ------------------------------------------------------------ */

static const struct yara_hit *
hit_of(const struct snapshot *s, const char *suffix)
{
	size_t l = strlen(suffix);

	for (size_t i = 0; i < s->nyara_hits; i++) {
		size_t n = strlen(s->yara_hits[i].path);

		if (n >= l && strcmp(s->yara_hits[i].path + n - l, suffix) == 0)
			return &s->yara_hits[i];
	}
	return NULL;
}

/* A tree with a match, a FIFO, a link to a match outside, a sparse file
 * of a terabyte, a file over the cap, a gzip file holding the marker in
 * clear (a skipped format), an excluded directory, and an empty file:
 * only the real match is found, nothing hangs, the skips are counted. */
static void
test_scan_tree(void **state)
{
	static const char marker[] = "xx rookmelder-test-marker-7f3a yy";
	char *d = tl_tmpdir(), *t = tl_path(d, "t"), *p;
	const char *excl[1];
	struct yara_scan_opts o = { .max_size = 1u << 20, .threads = 2,
	    .user_paths = true, .exclude = excl, .nexclude = 1 };
	struct snapshot *s = tl_snap_new();
	struct yara_ruleset rs;
	const struct yara_hit *h;
	struct yscan *y;
	char gz[64] = "\x1f\x8b\x08";
	int fd;

	(void)state;
	s->rootfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(yara_compile_text(good_rule, sizeof(good_rule) - 1, "t",
	    &rs) == 1);
	tl_write(d, "t/sub/hit.txt", marker, sizeof(marker) - 1);
	tl_write(d, "outside.txt", marker, sizeof(marker) - 1);
	tl_write(d, "t/empty", "", 0);
	memcpy(gz + 10, marker, sizeof(marker) - 1);
	tl_write(d, "t/pack.gz", gz, 10 + sizeof(marker) - 1);
	tl_write(d, "t/skipme/hit2.txt", marker, sizeof(marker) - 1);
	p = tl_path(d, "t/fifo");
	assert_int_equal(mkfifo(p, 0600), 0);
	free(p);
	p = tl_path(d, "t/link");
	{
		char *o2 = tl_path(d, "outside.txt");

		assert_int_equal(symlink(o2, p), 0);
		free(o2);
	}
	free(p);
	p = tl_path(d, "t/sparse");
	fd = open(p, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	if (ftruncate(fd, (off_t)1 << 40) != 0)
		assert_int_equal(ftruncate(fd, (off_t)1 << 30), 0);
	assert_true(pwrite(fd, marker, sizeof(marker) - 1, 4096) > 0);
	close(fd);
	free(p);
	{
		char *big = xcalloc(1, (1u << 20) + 100);

		memcpy(big, marker, sizeof(marker) - 1);
		tl_write(d, "t/big", big, (1u << 20) + 100);
		free(big);
	}
	excl[0] = p = tl_path(d, "t/skipme");

	y = yscan_start(s, &rs, &o);
	assert_non_null(y);
	assert_int_equal(yscan_tree(y, t, false), RM_OK);
	yscan_finish(y);

	assert_int_equal(s->nyara_hits, 1);
	h = hit_of(s, "/t/sub/hit.txt");
	assert_non_null(h);
	assert_int_equal(h->target, YT_FILE);
	assert_int_equal(h->nm, 1);
	assert_string_equal(h->m[0].rule, "t_marker");
	assert_string_equal(h->m[0].ns, "t");
	assert_int_equal(h->m[0].nstr, 1);
	assert_int_equal(h->m[0].str[0].off, 3);
	assert_int_equal(h->m[0].str[0].len, 27);
	assert_non_null(h->sha256);
	assert_int_equal(strlen(h->sha256), 64);
	assert_false(h->truncated);
	assert_true(s->yara.files >= 1);
	assert_int_equal(s->yara.skipped_size, 2);   /* sparse, big */
	assert_int_equal(s->yara.skipped_type, 1);   /* pack.gz */

	/* --all-files scans the gzip file too */
	s->nyara_hits = 0;
	o.all_files = true;
	y = yscan_start(s, &rs, &o);
	assert_int_equal(yscan_tree(y, t, false), RM_OK);
	yscan_finish(y);
	assert_int_equal(s->nyara_hits, 2);
	assert_non_null(hit_of(s, "/t/pack.gz"));

	/* a path that is absent */
	y = yscan_start(s, &rs, &o);
	assert_int_equal(yscan_tree(y, "/nonexistent/rm-test", false),
	    RM_ENOENT);
	yscan_finish(y);

	free(p);
	yara_ruleset_free(&rs);
	tl_snap_free(s);
	tl_rmrf(d);
	free(t);
	free(d);
}

/* A rule that loops over every byte pair is stopped by the per-file
 * timeout, and said so. */
static void
test_scan_timeout(void **state)
{
	static const char slow[] =
		"rule t_slow { condition: for all i in (0..filesize) : "
		"( for all j in (0..filesize) : ( uint8(i) != 0x100 + j ) ) }\n";
	char *d = tl_tmpdir(), *f;
	struct yara_scan_opts o = { .threads = 1, .timeout = 1,
	    .user_paths = true };
	struct snapshot *s = tl_snap_new();
	struct yara_ruleset rs;
	struct yscan *y;
	char *buf = xcalloc(1, 1u << 20);
	uint64_t t0 = io_now_ns();

	(void)state;
	s->rootfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_int_equal(yara_compile_text(slow, sizeof(slow) - 1, "t", &rs),
	    1);
	tl_write(d, "slow.bin", buf, 1u << 20);
	f = tl_path(d, "slow.bin");
	y = yscan_start(s, &rs, &o);
	assert_int_equal(yscan_tree(y, f, false), RM_OK);
	yscan_finish(y);
	assert_int_equal(s->yara.timeouts, 1);
	assert_true(io_now_ns() - t0 < 20ull * 1000000000u);
	{
		bool noted = false;

		for (size_t i = 0; i < s->nskipped; i++)
			noted |= strstr(s->skipped[i].check, "timeout") &&
			    strstr(s->skipped[i].check, "slow.bin");
		assert_true(noted);
	}
	yara_ruleset_free(&rs);
	tl_snap_free(s);
	tl_rmrf(d);
	free(buf);
	free(f);
	free(d);
}

/* ---- the finding ------------------------------------------------------------ */

static void
test_finding_rated_by_worst_rule(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct yara_hit *h;
	struct yara_match m[2];
	struct yara_kv meta1[] = {
		{ .key = "description", .type = 0, .s = "capability" },
	};
	struct yara_kv meta2[] = {
		{ .key = "description", .type = 0, .s = "XMRig miner" },
		{ .key = "severity", .type = 0, .s = "critical" },
		{ .key = "category", .type = 0, .s = "mining" },
		{ .key = "hash", .type = 0, .s = "a" },
		{ .key = "hash", .type = 0, .s = "b" },
	};
	const char *tags2[] = { "miner" };
	struct yara_str str2[] = { { .id = "$a", .off = 77, .len = 5 } };
	struct findings fs;
	const struct finding *f;
	struct buf b;

	(void)state;
	memset(m, 0, sizeof(m));
	m[0].rule = "cap_low";
	m[0].ns = "user/cap";
	m[0].meta = meta1;
	m[0].nmeta = 1;
	m[1].rule = "rm_xmrig";
	m[1].ns = YARA_BUILTIN_NS;
	m[1].builtin = true;
	m[1].tags = tags2;
	m[1].ntags = 1;
	m[1].meta = meta2;
	m[1].nmeta = 5;
	m[1].str = str2;
	m[1].nstr = 1;
	s->yara_hits = h = xcalloc(1, sizeof(*h));
	s->nyara_hits = 1;
	h->target = YT_FILE;
	h->path = "/tmp/.x/kdevtmpfsi";
	h->sha256 = "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef";
	h->size = 1000;
	h->m = m;
	h->nm = 2;

	tl_run_one(s, "RM-YAR-001", &fs);
	assert_int_equal(fs.n, 1);
	f = fs.v[0];
	assert_int_equal(f->severity, SEV_CRITICAL);
	assert_int_equal(f->confidence, CONF_HIGH);
	assert_string_equal(f->category, "mining");
	assert_string_equal(f->file_path, "/tmp/.x/kdevtmpfsi");
	tl_assert_contains(f->message, "rm_xmrig");
	tl_assert_contains(f->message, "and 1 more");
	assert_non_null(f->yara);
	assert_int_equal(f->yara->nm, 2);
	assert_string_equal(f->yara->m[1].str[0].id, "$a");
	/* memory hits are the other rule's */
	findings_free(&fs);
	tl_run_one(s, "RM-YAR-002", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);

	/* the JSON: the yara object, the category from the rule, meta
	 * keys once */
	findings_init(&fs);
	detect_run_kinds(s, FACT_YARA, &fs);
	findings_sort(&fs);
	buf_init(&b, 1u << 20);
	{
		struct json j;

		json_init(&j, &b);
		out_finding_json(&j, fs.v[0]);
	}
	tl_assert_json(b.data, b.len);
	tl_assert_contains(b.data, "\"category\":\"mining\"");
	tl_assert_contains(b.data, "\"yara\":{\"target\":\"file\"");
	tl_assert_contains(b.data, "{\"id\":\"$a\",\"offset\":77,\"length\":5}");
	tl_assert_contains(b.data, "\"hash\":\"a\"");
	assert_null(strstr(b.data, "\"hash\":\"b\""));
	buf_free(&b);
	findings_free(&fs);
	free(h);
	s->yara_hits = NULL;
	s->nyara_hits = 0;
	tl_snap_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_compiles),
		cmocka_unit_test(test_salvage),
		cmocka_unit_test(test_load_dirs_and_cache),
		cmocka_unit_test(test_cache_dir_env),
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_scan_tree),
		cmocka_unit_test(test_scan_timeout),
		cmocka_unit_test(test_finding_rated_by_worst_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
