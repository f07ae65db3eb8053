/*
 * test_ioc.c - the indicator lists (core/ioc.c): the built-in copies of
 * the rules/ files, the user files that extend them (and the unsafe ones that
 * must not), the three line formats, and the multi-pattern matcher
 * ioc_scan() checked against a naive model.
 */
#include "core/ioc.h"
#include "testlib.h"

/* ---- helpers ------------------------------------------------------------- */

/* Non-blank, non-comment lines of a list text (as each_line sees them). */
static size_t
data_lines(const char *text)
{
	size_t n = 0;
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		const char *e = nl ? nl : p + strlen(p), *s = p;

		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		if (s < e && *s != '#' && *s != '\r')
			n++;
		p = nl ? nl + 1 : e;
	}
	return n;
}

static size_t
count_ports(const struct ioc *io)
{
	size_t n = 0;

	for (unsigned p = 0; p < 65536; p++)
		n += ioc_pool_port(io, (uint16_t)p);
	return n;
}

/* The index of the string with these bytes, or -1. */
static long
find_string_id(const struct ioc *io, const char *s, size_t len)
{
	for (size_t i = 0; i < io->nstrings; i++)
		if (io->strings[i].len == len &&
		    memcmp(io->strings[i].s, s, len) == 0)
			return (long)i;
	return -1;
}

struct hitrec {
	uint32_t id[256];
	size_t off[256];
	size_t n;
	size_t stop_after;   /* 0: never stop */
};

static int
rec_hit(const struct ioc_string *str, size_t off, void *arg)
{
	struct hitrec *r = arg;

	if (r->n < TL_NELEM(r->id)) {
		r->id[r->n] = str->id;
		r->off[r->n] = off;
	}
	r->n++;
	return r->stop_after && r->n >= r->stop_after;
}

static bool
has_hit(const struct hitrec *r, uint32_t id, size_t off)
{
	for (size_t i = 0; i < r->n && i < TL_NELEM(r->id); i++)
		if (r->id[i] == id && r->off[i] == off)
			return true;
	return false;
}

/* An ioc holding only these strings (NUL-terminated, weight strong). */
static void
ioc_of(struct ioc *io, const char *const *strs)
{
	memset(io, 0, sizeof(*io));
	for (size_t i = 0; strs[i]; i++)
		ioc_add_string(io, strs[i], strlen(strs[i]), IOC_STRONG);
	ioc_finish(io);
}

/* Scan a heap copy of exactly n bytes, so ASan sees any over-read. */
static size_t
scan_exact(const struct ioc *io, const void *data, size_t n,
	   struct hitrec *r)
{
	char *b = xmalloc(n ? n : 1);
	size_t h;

	if (n)
		memcpy(b, data, n);
	h = ioc_scan(io, n ? b : NULL, n, r ? rec_hit : NULL, r);
	free(b);
	return h;
}

/* Read a whole file of the source tree (rules/...), or NULL. */
static char *
read_src_file(const char *rel, size_t *len)
{
	char exe[PATH_MAX], *cand[3] = { NULL, NULL, NULL };
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *data = NULL;

	/* run from the top of the tree (tests/run-unit.sh), or from a build
	 * directory directly under it (BUILD/tests/test_ioc) */
	cand[0] = xstrdup(rel);
	if (n > 0) {
		char *s;

		exe[n] = '\0';
		for (int up = 0; up < 3 && (s = strrchr(exe, '/')); up++)
			*s = '\0';
		cand[1] = xasprintf("%s/%s", exe, rel);
	}
	for (int i = 0; i < 3 && data == NULL; i++) {
		struct buf b;
		int fd;
		char chunk[4096];
		ssize_t k;

		if (cand[i] == NULL || (fd = open(cand[i], O_RDONLY |
		    O_CLOEXEC)) < 0)
			continue;
		buf_init(&b, 1u << 20);
		while ((k = read(fd, chunk, sizeof(chunk))) > 0)
			buf_append(&b, chunk, (size_t)k);
		close(fd);
		if (b.data == NULL)
			buf_append(&b, "", 0);
		*len = b.len;
		data = buf_steal(&b, NULL);
	}
	for (int i = 0; i < 3; i++)
		free(cand[i]);
	return data;
}

/* ---- the built-in lists -------------------------------------------------- */

static void
test_builtin_ports(void **state)
{
	struct ioc io;
	char *warn = (char *)"unset";

	(void)state;
	assert_int_equal(ioc_load(&io, NULL, &warn), RM_OK);
	assert_null(warn);
	assert_int_equal(io.bad_lines, 0);
	assert_string_equal(io.sources, "built-in");
	assert_true(ioc_pool_port(&io, 3333));
	assert_true(ioc_pool_port(&io, 4444));
	assert_true(ioc_pool_port(&io, 9050));
	assert_true(ioc_pool_port(&io, 14444));
	assert_true(ioc_pool_port(&io, 19999));
	assert_true(ioc_pool_port(&io, 25));
	assert_true(ioc_pool_port(&io, 45700));
	assert_false(ioc_pool_port(&io, 80));
	assert_false(ioc_pool_port(&io, 443));
	assert_false(ioc_pool_port(&io, 22));
	assert_false(ioc_pool_port(&io, 0));
	assert_false(ioc_pool_port(&io, 65535));
	assert_false(ioc_pool_port(&io, 3332));
	/* one port per data line of rules/pool-ports.txt */
	assert_int_equal(count_ports(&io), data_lines(ioc_builtin(IOC_BUILTIN_POOL_PORTS)));
	ioc_free(&io);
}

static void
test_builtin_domains(void **state)
{
	struct ioc io;
	char *warn = NULL;
	char longname[400];

	(void)state;
	assert_int_equal(ioc_load(&io, NULL, &warn), RM_OK);
	assert_int_equal(io.ndomains, data_lines(ioc_builtin(IOC_BUILTIN_POOLS)));
	/* sorted for the binary search, lower case */
	for (size_t i = 1; i < io.ndomains; i++)
		assert_true(strcmp(io.domains[i - 1], io.domains[i]) < 0);
	for (size_t i = 0; i < io.ndomains; i++)
		for (const char *c = io.domains[i]; *c; c++)
			assert_false(isupper((unsigned char)*c));

	assert_string_equal(ioc_pool_domain(&io, "supportxmr.com"),
	    "supportxmr.com");
	assert_string_equal(ioc_pool_domain(&io, "la01.supportxmr.com"),
	    "supportxmr.com");
	assert_string_equal(ioc_pool_domain(&io, "a.b.c.supportxmr.com"),
	    "supportxmr.com");
	assert_string_equal(ioc_pool_domain(&io, "LA01.SupportXMR.COM"),
	    "supportxmr.com");
	assert_string_equal(ioc_pool_domain(&io, "la01.supportxmr.com."),
	    "supportxmr.com");
	assert_string_equal(ioc_pool_domain(&io, "gulf.moneroocean.stream"),
	    "gulf.moneroocean.stream");
	assert_string_equal(ioc_pool_domain(&io, "donate.v2.xmrig.com"),
	    "xmrig.com");
	assert_string_equal(ioc_pool_domain(&io, "auto.c3pool.org"),
	    "c3pool.org");
	assert_null(ioc_pool_domain(&io, "notsupportxmr.com"));
	assert_null(ioc_pool_domain(&io, "supportxmr.com.evil.example"));
	assert_null(ioc_pool_domain(&io, "supportxmr"));
	assert_null(ioc_pool_domain(&io, "com"));
	assert_null(ioc_pool_domain(&io, "example.org"));
	assert_null(ioc_pool_domain(&io, ""));
	assert_null(ioc_pool_domain(&io, "."));
	/* longer than any DNS name: refused, not overflowed */
	memset(longname, 'a', sizeof(longname));
	memcpy(longname + sizeof(longname) - 16, ".supportxmr.com", 16);
	assert_null(ioc_pool_domain(&io, longname));
	ioc_free(&io);
}

static void
test_builtin_strings(void **state)
{
	struct ioc io;
	char *warn = NULL;
	size_t strong = 0, weak = 0;

	(void)state;
	assert_int_equal(ioc_load(&io, NULL, &warn), RM_OK);
	assert_int_equal(io.nstrings, data_lines(ioc_builtin(IOC_BUILTIN_MINER_STRINGS)));
	for (size_t i = 0; i < io.nstrings; i++) {
		const struct ioc_string *s = &io.strings[i];
		char *buf;
		struct hitrec r = { .n = 0 };

		assert_int_equal(s->id, i);
		assert_true(s->len >= 3);
		if (s->weight == IOC_STRONG)
			strong++;
		else
			weak++;
		/* each one is found where it is, whatever surrounds it */
		buf = xasprintf("\x01\xff%.*s\n", (int)s->len, s->s);
		scan_exact(&io, buf, s->len + 3, &r);
		assert_true(has_hit(&r, s->id, 2));
		free(buf);
	}
	assert_true(strong >= 20);
	assert_true(weak >= 3);
	assert_int_equal(io.min_len, 4);               /* "rx/0" */
	assert_true(find_string_id(&io, "stratum+tcp://", 14) >= 0);
	{
		static const char cmds[] = "* COMMANDS     'h' hashrate, 'p' "
		    "pause, 'r' resume";

		assert_true(find_string_id(&io, cmds, strlen(cmds)) >= 0);
	}
	assert_int_equal(io.strings[find_string_id(&io, "randomx", 7)].weight,
	    IOC_WEAK);
	assert_int_equal(io.strings[find_string_id(&io, "--donate-level",
	    14)].weight, IOC_STRONG);
	assert_false(io.strings[find_string_id(&io, "--donate-level",
	    14)].name);
	/* "name" lines: strong, and marked as a miner program's name */
	assert_int_equal(io.strings[find_string_id(&io, "xmr-stak", 8)].weight,
	    IOC_STRONG);
	assert_true(io.strings[find_string_id(&io, "xmr-stak", 8)].name);
	assert_true(io.strings[find_string_id(&io, "cgminer", 7)].name);
	ioc_free(&io);
}

/* Every line of the shipped lists parses: no typo silently drops one. */
static void
test_builtin_texts_parse_clean(void **state)
{
	struct ioc io;

	(void)state;
	memset(&io, 0, sizeof(io));
	assert_int_equal(ioc_parse_ports(&io, ioc_builtin(IOC_BUILTIN_POOL_PORTS),
	    strlen(ioc_builtin(IOC_BUILTIN_POOL_PORTS))), 0);
	assert_int_equal(ioc_parse_domains(&io, ioc_builtin(IOC_BUILTIN_POOLS),
	    strlen(ioc_builtin(IOC_BUILTIN_POOLS))), 0);
	assert_int_equal(ioc_parse_strings(&io, ioc_builtin(IOC_BUILTIN_MINER_STRINGS),
	    strlen(ioc_builtin(IOC_BUILTIN_MINER_STRINGS))), 0);
	ioc_finish(&io);
	ioc_free(&io);
	ioc_free(&io);          /* twice: it zeroes what it frees */
	ioc_free(NULL);
}

/* The embedded copies are the rules/ files, byte for byte. */
static void
test_embedded_equals_rules_files(void **state)
{
	static const struct {
		const char *file;
		enum ioc_builtin_list which;
	} l[] = {
		{ "rules/pool-ports.txt", IOC_BUILTIN_POOL_PORTS },
		{ "rules/pools.txt", IOC_BUILTIN_POOLS },
		{ "rules/miner-strings.txt", IOC_BUILTIN_MINER_STRINGS },
		{ "rules/rootkit-modules.txt", IOC_BUILTIN_ROOTKIT_MODULES },
		{ "rules/security-agents.txt", IOC_BUILTIN_AGENTS },
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(l); i++) {
		size_t n = 0;
		const char *data = ioc_builtin(l[i].which);
		char *f = read_src_file(l[i].file, &n);

		if (f == NULL)
			fail_msg("cannot read %s (run from the top of the source "
			    "tree or a build directory in it)", l[i].file);
		assert_int_equal(strlen(data), n);
		assert_memory_equal(data, f, n);
		assert_true(n > 0 && f[n - 1] == '\n');
		free(f);
	}
}

/* ---- user files ------------------------------------------------------------ */

static void
test_user_files_extend(void **state)
{
	char *d1 = tl_tmpdir(), *d2 = tl_tmpdir();
	const char *dirs[] = { d1, d2, "/nonexistent/rm-unit", NULL };
	struct ioc io;
	char *warn = (char *)"unset", *src;
	size_t nbuiltin;

	(void)state;
	tl_writes(d1, "pool-ports.txt", "# mine\n12345   our pool\n\n  23456\n");
	tl_writes(d1, "pools.txt", "Pool.Example.ORG   # the proxy\n");
	tl_writes(d1, "miner-strings.txt", "strong my-miner-marker\n"
	    "weak some weak thing\n");
	tl_writes(d2, "pools.txt", "second.example\n");
	assert_int_equal(ioc_load(&io, dirs, &warn), RM_OK);
	assert_null(warn);
	assert_int_equal(io.bad_lines, 0);
	/* the built-in lists are still there: extensions only add */
	assert_true(ioc_pool_port(&io, 3333));
	assert_true(ioc_pool_port(&io, 12345));
	assert_true(ioc_pool_port(&io, 23456));
	assert_false(ioc_pool_port(&io, 12346));
	assert_string_equal(ioc_pool_domain(&io, "supportxmr.com"),
	    "supportxmr.com");
	assert_string_equal(ioc_pool_domain(&io, "x.pool.example.org"),
	    "pool.example.org");
	assert_string_equal(ioc_pool_domain(&io, "SECOND.example"),
	    "second.example");
	nbuiltin = data_lines(ioc_builtin(IOC_BUILTIN_MINER_STRINGS));
	assert_int_equal(io.nstrings, nbuiltin + 2);
	assert_int_equal(io.strings[find_string_id(&io, "my-miner-marker",
	    15)].weight, IOC_STRONG);
	assert_int_equal(io.strings[find_string_id(&io, "some weak thing",
	    15)].weight, IOC_WEAK);
	/* the matcher was rebuilt with them */
	assert_int_equal(scan_exact(&io, "..my-miner-marker..", 19, NULL), 1);
	src = io.sources;
	tl_assert_contains(src, "built-in");
	{
		char *want = xasprintf("%s/pools.txt", d1);

		tl_assert_contains(src, want);
		free(want);
		want = xasprintf("%s/pools.txt", d2);
		tl_assert_contains(src, want);
		free(want);
		want = xasprintf("%s/miner-strings.txt", d1);
		tl_assert_contains(src, want);
		free(want);
	}
	assert_null(strstr(src, "nonexistent"));
	ioc_free(&io);
	tl_rmrf(d1);
	tl_rmrf(d2);
	free(d1);
	free(d2);
}

/* A list an attacker can edit hides them: such files are ignored, and
 * the warning names each one. */
static void
test_user_files_unsafe_ignored(void **state)
{
	char *d = tl_tmpdir();
	const char *dirs[] = { d, NULL };
	struct ioc io;
	char *warn = NULL, *p;

	(void)state;
	tl_writes(d, "pools.txt", "groupwritable.example\n");
	tl_writes(d, "pool-ports.txt", "11111\n");
	tl_mkdirs(d, "miner-strings.txt");         /* a directory */
	p = tl_path(d, "pools.txt");
	assert_int_equal(chmod(p, 0664), 0);
	free(p);
	p = tl_path(d, "pool-ports.txt");
	assert_int_equal(chmod(p, 0646), 0);
	free(p);
	assert_int_equal(ioc_load(&io, dirs, &warn), RM_OK);
	assert_non_null(warn);
	assert_null(ioc_pool_domain(&io, "groupwritable.example"));
	assert_false(ioc_pool_port(&io, 11111));
	assert_int_equal(io.nstrings, data_lines(ioc_builtin(IOC_BUILTIN_MINER_STRINGS)));
	p = xasprintf("%s/pools.txt ignored", d);
	tl_assert_contains(warn, p);
	free(p);
	p = xasprintf("%s/pool-ports.txt ignored", d);
	tl_assert_contains(warn, p);
	free(p);
	p = xasprintf("%s/miner-strings.txt ignored", d);
	tl_assert_contains(warn, p);
	free(p);
	assert_string_equal(io.sources, "built-in");
	free(warn);
	ioc_free(&io);

	/* a FIFO must not hang the load */
	p = tl_path(d, "pools.txt");
	unlink(p);
	free(p);
	tl_mkfifo(d, "pools.txt");
	warn = NULL;
	assert_int_equal(ioc_load(&io, dirs, &warn), RM_OK);
	assert_non_null(warn);
	p = xasprintf("%s/pools.txt ignored", d);
	tl_assert_contains(warn, p);
	free(p);
	free(warn);
	ioc_free(&io);
	tl_rmrf(d);
	free(d);
}

static void
test_user_file_foreign_owner_ignored(void **state)
{
	char *d, *p;
	const char *dirs[2] = { NULL, NULL };
	struct ioc io;
	char *warn = NULL;

	(void)state;
	TL_NEED_ROOT("chown to another user");
	d = tl_tmpdir();
	dirs[0] = d;
	tl_writes(d, "pools.txt", "foreign.example\n");
	tl_writes(d, "pool-ports.txt", "22222\n");
	p = tl_path(d, "pools.txt");
	assert_int_equal(chown(p, 1234, 1234), 0);
	assert_int_equal(chmod(p, 0644), 0);
	free(p);
	assert_int_equal(ioc_load(&io, dirs, &warn), RM_OK);
	assert_null(ioc_pool_domain(&io, "foreign.example"));
	assert_true(ioc_pool_port(&io, 22222));  /* root's own file is fine */
	assert_non_null(warn);
	p = xasprintf("%s/pools.txt ignored", d);
	tl_assert_contains(warn, p);
	free(p);
	assert_null(strstr(warn, "pool-ports.txt"));
	free(warn);
	ioc_free(&io);
	tl_rmrf(d);
	free(d);
}

/* A user list that is a symbolic link is ignored (it could point at a
 * file the attacker owns) and named in the warning. */
static void
test_user_file_symlink_reported(void **state)
{
	char *d = tl_tmpdir(), *target, *want;
	const char *dirs[2] = { NULL, NULL };
	struct ioc io;
	char *warn = NULL;

	(void)state;
	dirs[0] = d;
	tl_writes(d, "real-pools", "linked.example\n");
	target = tl_path(d, "real-pools");
	tl_symlink(d, "pools.txt", target);
	free(target);
	assert_int_equal(ioc_load(&io, dirs, &warn), RM_OK);
	assert_null(ioc_pool_domain(&io, "linked.example"));
	assert_non_null(warn);
	want = xasprintf("%s/pools.txt ignored", d);
	tl_assert_contains(warn, want);
	free(want);
	free(warn);
	ioc_free(&io);
	tl_rmrf(d);
	free(d);
}

/* ---- the three formats ------------------------------------------------------ */

static void
test_malformed_lines_counted(void **state)
{
	char *d = tl_tmpdir();
	const char *dirs[] = { d, NULL };
	struct ioc io;
	char *warn = NULL, *s256, *s257, *longdom;
	struct buf b;

	(void)state;
	/* ports: 0, too big, not a number, junk after, 7 digits = 5 bad */
	tl_writes(d, "pool-ports.txt", "0\n65536\nabc\n3333x\n1234567\n"
	    "  4445  \n5557\tnote\n# 1\n\n65535\n");
	/* domains: a bad character, too long = 2 bad */
	longdom = xmalloc(260);
	memset(longdom, 'a', 254);
	longdom[254] = '\0';
	buf_init(&b, 1 << 16);
	buf_printf(&b, "good.example\nbad!name.example\n%s\n"
	    "spaced.example trailing note\n", longdom);
	tl_write(d, "pools.txt", b.data, b.len);
	buf_free(&b);
	/* strings: unknown weight, too short, no string, too long = 4 */
	s256 = xmalloc(300);
	memset(s256, 'S', 256);
	s256[256] = '\0';
	s257 = xmalloc(300);
	memset(s257, 'T', 257);
	s257[257] = '\0';
	buf_init(&b, 1 << 16);
	buf_printf(&b, "medium foo\nstrong ab\nweak\nstrong %s\nstrong %s\n"
	    "strong abc\n", s257, s256);
	tl_write(d, "miner-strings.txt", b.data, b.len);
	buf_free(&b);

	assert_int_equal(ioc_load(&io, dirs, &warn), RM_OK);
	assert_null(warn);
	assert_int_equal(io.bad_lines, 5 + 2 + 4);
	assert_true(ioc_pool_port(&io, 4445));
	assert_true(ioc_pool_port(&io, 5557));
	assert_true(ioc_pool_port(&io, 65535));
	assert_false(ioc_pool_port(&io, 6553));
	assert_non_null(ioc_pool_domain(&io, "good.example"));
	assert_non_null(ioc_pool_domain(&io, "spaced.example"));
	assert_null(ioc_pool_domain(&io, "name.example"));
	assert_true(find_string_id(&io, s256, 256) >= 0);
	assert_true(find_string_id(&io, "abc", 3) >= 0);
	assert_true(find_string_id(&io, "ab", 2) < 0);
	assert_true(find_string_id(&io, "foo", 3) < 0);
	ioc_free(&io);

	/* the parsers count on their own too (built-in lines are not
	 * counted in bad_lines: they are ours) */
	memset(&io, 0, sizeof(io));
	{
		static const char pt[] = "1\nx\n2 y\n\r\n";
		static const char dt[] = "a.b\n\t\n#c\n\xc3\xa4\n";
		static const char st[] = "strong xyz\r\n";

		assert_int_equal(ioc_parse_ports(&io, pt, strlen(pt)), 1);
		assert_int_equal(ioc_parse_domains(&io, dt, strlen(dt)), 1);
		assert_int_equal(ioc_parse_strings(&io, st, strlen(st)), 0);
	}
	assert_int_equal(io.nstrings, 1);
	assert_int_equal(io.strings[0].len, 3);      /* \r trimmed */
	ioc_finish(&io);
	ioc_free(&io);
	free(longdom);
	free(s256);
	free(s257);
	tl_rmrf(d);
	free(d);
}

static void
test_string_escapes(void **state)
{
	static const char text[] =
	    "strong \\x00\\xFFab\n"       /* 0: 00 ff 'a' 'b' */
	    "strong a\\x4\n"              /* 1: incomplete: literal */
	    "strong \\xzzq\n"             /* 2: not hex: literal */
	    "weak \\x41\\x42C\n"          /* 3: "ABC" */
	    "strong end\\x41\n"           /* 4: escape at the very end */
	    "strong \\x5c\\x6e\\x0a\n";   /* 5: backslash, 'n', newline */
	struct ioc io;
	long id;

	(void)state;
	memset(&io, 0, sizeof(io));
	assert_int_equal(ioc_parse_strings(&io, text, sizeof(text) - 1), 0);
	assert_int_equal(io.nstrings, 6);
	assert_int_equal(io.strings[0].len, 4);
	assert_memory_equal(io.strings[0].s, "\x00\xff" "ab", 4);
	assert_int_equal(io.strings[1].len, 4);
	assert_memory_equal(io.strings[1].s, "a\\x4", 4);
	assert_int_equal(io.strings[2].len, 5);
	assert_memory_equal(io.strings[2].s, "\\xzzq", 5);
	assert_int_equal(io.strings[3].len, 3);
	assert_memory_equal(io.strings[3].s, "ABC", 3);
	assert_int_equal(io.strings[3].weight, IOC_WEAK);
	assert_int_equal(io.strings[4].len, 4);
	assert_memory_equal(io.strings[4].s, "endA", 4);
	assert_int_equal(io.strings[5].len, 3);
	assert_memory_equal(io.strings[5].s, "\\n\n", 3);
	ioc_finish(&io);
	/* a string starting with a NUL byte is found like any other */
	{
		struct hitrec r = { .n = 0 };

		assert_int_equal(scan_exact(&io, "zz\x00\xff" "abzz", 8, &r), 1);
		assert_true(has_hit(&r, 0, 2));
	}
	id = find_string_id(&io, "ABC", 3);
	assert_int_equal(id, 3);
	ioc_free(&io);
}

/* ---- the matcher ----------------------------------------------------------- */

static void
test_scan_every_and_overlapping(void **state)
{
	static const char *const strs[] = { "aba", "abab", "bab", "zz", NULL };
	struct ioc io;
	struct hitrec r = { .n = 0 };

	(void)state;
	ioc_of(&io, strs);
	assert_int_equal(io.min_len, 2);
	/* aba@0 abab@0 bab@1 aba@2 abab@2 bab@3 */
	assert_int_equal(scan_exact(&io, "ababab", 6, &r), 6);
	assert_int_equal(r.n, 6);
	assert_true(has_hit(&r, 0, 0));
	assert_true(has_hit(&r, 1, 0));
	assert_true(has_hit(&r, 2, 1));
	assert_true(has_hit(&r, 0, 2));
	assert_true(has_hit(&r, 1, 2));
	assert_true(has_hit(&r, 2, 3));
	/* offsets come in order */
	for (size_t i = 1; i < r.n; i++)
		assert_true(r.off[i - 1] <= r.off[i]);

	/* at the very start and the very end */
	memset(&r, 0, sizeof(r));
	assert_int_equal(scan_exact(&io, "zzxxzz", 6, &r), 2);
	assert_true(has_hit(&r, 3, 0));
	assert_true(has_hit(&r, 3, 4));
	/* "zzz": two overlapping zz */
	assert_int_equal(scan_exact(&io, "zzz", 3, NULL), 2);
	/* the buffer is the string */
	assert_int_equal(scan_exact(&io, "abab", 4, NULL), 3);
	/* a string that would run past the end is not matched */
	assert_int_equal(scan_exact(&io, "xxxaba", 6, NULL), 1);
	assert_int_equal(scan_exact(&io, "xxxab", 5, NULL), 0);
	/* shorter than the shortest string: nothing (and nothing read) */
	assert_int_equal(scan_exact(&io, "z", 1, NULL), 0);
	assert_int_equal(scan_exact(&io, "", 0, NULL), 0);
	ioc_free(&io);
}

static void
test_scan_shorter_than_shortest(void **state)
{
	struct ioc io;
	char *warn = NULL;

	(void)state;
	assert_int_equal(ioc_load(&io, NULL, &warn), RM_OK);
	assert_int_equal(scan_exact(&io, "rx/", 3, NULL), 0);
	assert_int_equal(scan_exact(&io, "rx/0", 4, NULL), 1);
	assert_int_equal(scan_exact(&io, "minerd", 6, NULL), 1);
	ioc_free(&io);
}

static void
test_scan_stops_and_empty_set(void **state)
{
	static const char *const strs[] = { "aa", NULL };
	struct ioc io, empty;
	struct hitrec r = { .n = 0, .stop_after = 2 };

	(void)state;
	ioc_of(&io, strs);
	assert_int_equal(scan_exact(&io, "aaaaaa", 6, NULL), 5);
	assert_int_equal(scan_exact(&io, "aaaaaa", 6, &r), 2);
	assert_int_equal(r.n, 2);
	ioc_free(&io);

	memset(&empty, 0, sizeof(empty));
	ioc_finish(&empty);
	assert_int_equal(empty.min_len, 0);
	assert_int_equal(scan_exact(&empty, "anything", 8, NULL), 0);
	assert_int_equal(scan_exact(&empty, "", 0, NULL), 0);
	ioc_free(&empty);
}

/* ioc_scan against a naive count over random buffers and strings that
 * share prefixes and first bytes, high bytes and NULs included. */
static void
test_scan_matches_model(void **state)
{
	static const char alpha[] = "ab\x00\xff";
	uint64_t rng = 0x1234567887654321ULL;

	(void)state;
	for (int round = 0; round < 200; round++) {
		struct ioc io;
		char strs[8][8];
		size_t lens[8], ns = 1 + tl_rand(&rng) % 8;
		size_t n = tl_rand(&rng) % 64, model = 0;
		char *buf = xmalloc(n ? n : 1);

		memset(&io, 0, sizeof(io));
		for (size_t i = 0; i < ns; i++) {
			lens[i] = 1 + tl_rand(&rng) % 6;
			for (size_t k = 0; k < lens[i]; k++)
				strs[i][k] = alpha[tl_rand(&rng) % 4];
			ioc_add_string(&io, strs[i], lens[i],
			    (tl_rand(&rng) & 1) ? IOC_STRONG : IOC_WEAK);
		}
		ioc_finish(&io);
		for (size_t k = 0; k < n; k++)
			buf[k] = alpha[tl_rand(&rng) % 4];
		for (size_t i = 0; i < ns; i++)
			for (size_t off = 0; off + lens[i] <= n; off++)
				model += memcmp(buf + off, strs[i], lens[i]) == 0;
		assert_int_equal(ioc_scan(&io, buf, n, NULL, NULL), model);
		free(buf);
		ioc_free(&io);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_ports),
		cmocka_unit_test(test_builtin_domains),
		cmocka_unit_test(test_builtin_strings),
		cmocka_unit_test(test_builtin_texts_parse_clean),
		cmocka_unit_test(test_embedded_equals_rules_files),
		cmocka_unit_test(test_user_files_extend),
		cmocka_unit_test(test_user_files_unsafe_ignored),
		cmocka_unit_test(test_user_file_foreign_owner_ignored),
		cmocka_unit_test(test_user_file_symlink_reported),
		cmocka_unit_test(test_malformed_lines_counted),
		cmocka_unit_test(test_string_escapes),
		cmocka_unit_test(test_scan_every_and_overlapping),
		cmocka_unit_test(test_scan_shorter_than_shortest),
		cmocka_unit_test(test_scan_stops_and_empty_set),
		cmocka_unit_test(test_scan_matches_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
