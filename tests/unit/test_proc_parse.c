/*
 * test_proc_parse.c - the /proc/PID parsers: stat, status, cgroup, links,
 * the cmdline and environ stream scanners, interesting env names.
 *
 * A process chooses its comm, argv and environment: every case here is
 * something a hostile process can write.
 */
#include <sys/prctl.h>

#include "testlib.h"

#define CID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* The fields after comm, as the kernel prints them (state R, ppid 2). */
#define STAT_TAIL " R 2 3 4 0 -1 4194560 50 0 1 0 11 22 0 0 20 -5 3 0 " \
	"98765 4096000 77 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 " \
	"0 0 0 0 0 0\n"

static void
expect_comm(const struct stat_fields *sf, const char *want)
{
	if (sf->comm_len != strlen(want) ||
	    memcmp(sf->comm, want, sf->comm_len) != 0)
		fail_msg("comm \"%.*s\", want \"%s\"", (int)sf->comm_len,
		    sf->comm, want);
}

/* ---- stat ---------------------------------------------------------------- */

static void
test_stat_fields(void **state)
{
	const char *line = "1234 (xmrig)" STAT_TAIL;
	struct stat_fields sf;

	(void)state;
	assert_int_equal(procparse_stat(line, strlen(line), &sf), RM_OK);
	expect_comm(&sf, "xmrig");
	assert_int_equal(sf.state, 'R');
	assert_int_equal(sf.ppid, 2);
	assert_int_equal(sf.flags, 4194560);
	assert_int_equal(sf.utime, 11);
	assert_int_equal(sf.stime, 22);
	assert_int_equal(sf.nice, -5);
	assert_int_equal(sf.threads, 3);
	assert_int_equal(sf.start_ticks, 98765);
	assert_int_equal(sf.vsize, 4096000);
	assert_int_equal(sf.rss_pages, 77);
}

static void
test_stat_hostile_comm(void **state)
{
	static const struct {
		const char *line;
		const char *comm;
	} c[] = {
		/* comm ends at the LAST ')' */
		{ "1 (a) b)" STAT_TAIL, "a) b" },
		{ "1 (x) R 99 1 1)" STAT_TAIL, "x) R 99 1 1" },
		{ "1 ())))" STAT_TAIL, ")))" },
		{ "1 (((()" STAT_TAIL, "(((" },
		{ "1 (a\nb)" STAT_TAIL, "a\nb" },
		{ "1 ( )" STAT_TAIL, " " },
		{ "1 ()" STAT_TAIL, "" },
		{ "1 (kworker/0:1)" STAT_TAIL, "kworker/0:1" },
		{ "1 (\x1b[31m)" STAT_TAIL, "\x1b[31m" },
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(c); i++) {
		struct stat_fields sf;

		if (procparse_stat(c[i].line, strlen(c[i].line), &sf) != RM_OK)
			fail_msg("case %zu did not parse", i);
		expect_comm(&sf, c[i].comm);
		/* the fields after comm are not shifted */
		assert_int_equal(sf.state, 'R');
		assert_int_equal(sf.ppid, 2);
		assert_int_equal(sf.start_ticks, 98765);
	}
}

/* Every prefix that stops before field 24 is an error, not a guess. */
static void
test_stat_truncated(void **state)
{
	const char *line = "777 (a) b) c)" STAT_TAIL;
	const char *p = strrchr(line, ')');
	size_t len = strlen(line), f24;
	struct stat_fields sf;
	int field = 2;

	(void)state;
	/* find where field 24 starts */
	for (p = p + 1; *p; p++)
		if (*p == ' ' && ++field == 24)
			break;
	f24 = (size_t)(p - line) + 1;
	for (size_t n = 0; n < f24; n++)
		if (procparse_stat(line, n, &sf) != RM_EPARSE)
			fail_msg("prefix of %zu bytes parsed", n);
	assert_int_equal(procparse_stat(line, len, &sf), RM_OK);
	expect_comm(&sf, "a) b) c");
}

static void
test_stat_malformed(void **state)
{
	static const char *const bad[] = {
		"",
		"1 xmrig R 2",
		"1 (xmrig R 2 3 4",
		"1 (x) R two 3 4 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 6 7\n",
		"1 (x) R 2 3 4 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 6\n",
		("1 (x) R 2 3 4 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 "
		    "99999999999999999999999 6 7\n"),
		"1 (x)",
		"1 (x) ",
		") (",
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(bad); i++) {
		struct stat_fields sf;

		if (procparse_stat(bad[i], strlen(bad[i]), &sf) != RM_EPARSE)
			fail_msg("malformed case %zu parsed", i);
	}
}

static void
test_stat_real_self(void **state)
{
	char buf[RM_STAT_MAX], name[17] = { 0 };
	struct stat_fields sf;
	size_t n;
	int dfd = tl_opendir("/proc/self");

	(void)state;
	assert_int_equal(io_read_at(dfd, "stat", buf, sizeof(buf), &n, NULL),
	    RM_OK);
	close(dfd);
	assert_int_equal(procparse_stat(buf, n, &sf), RM_OK);
	prctl(PR_GET_NAME, name, 0, 0, 0);
	expect_comm(&sf, name);
	assert_int_equal(sf.state, 'R');
	assert_int_equal(sf.ppid, getppid());
	assert_true(sf.threads >= 1);
	assert_true(sf.start_ticks > 0);
	assert_true(sf.vsize > 0);
	assert_true(sf.rss_pages > 0);
	assert_int_equal(sf.flags & PF_KTHREAD_FLAG, 0);
}

/* ---- status -------------------------------------------------------------- */

static void
test_status(void **state)
{
	const char *st = "Name:\tUid:\t9 9 9 9\nUmask:\t0022\n"
	    "State:\tS (sleeping)\nTgid:\t5\nPid:\t5\nPPid:\t1\n"
	    "Uid:\t1000\t0\t0\t0\nGid:\t100\t200\t200\t200\n"
	    "VmRSS:\t   51234 kB\nHugetlbPages:\t    2048 kB\n";
	struct status_fields sf;

	(void)state;
	assert_int_equal(procparse_status(st, strlen(st), &sf), RM_OK);
	assert_true(sf.has_uid);
	assert_true(sf.has_gid);
	assert_int_equal(sf.ruid, 1000);
	assert_int_equal(sf.euid, 0);
	assert_int_equal(sf.rgid, 100);
	assert_int_equal(sf.egid, 200);
	assert_int_equal(sf.rss_kb, 51234);
	assert_int_equal(sf.hugetlb_kb, 2048);
}

static void
test_status_missing_or_bad(void **state)
{
	static const char *const bad[] = {
		"",
		"Name:\tx\nGid:\t1\t1\t1\t1\n",
		"Uid:\tabc\t1\n",
		"Uid:\t1\n",
		"Uid:\t99999999999\t0\t0\t0\n",
		"XUid:\t0\t0\t0\t0\n",
	};
	const char *kernel = "Name:\tkthreadd\nUid:\t0\t0\t0\t0\n"
	    "Gid:\t0\t0\t0\t0\n";
	struct status_fields sf;

	(void)state;
	for (size_t i = 0; i < TL_NELEM(bad); i++)
		if (procparse_status(bad[i], strlen(bad[i]), &sf) != RM_EPARSE)
			fail_msg("bad status %zu parsed", i);
	/* a kernel thread has no VmRSS line: 0, not an error */
	assert_int_equal(procparse_status(kernel, strlen(kernel), &sf), RM_OK);
	assert_int_equal(sf.rss_kb, 0);
	assert_int_equal(sf.euid, 0);
	/* the real thing */
	{
		char buf[RM_STATUS_MAX];
		size_t n;
		int dfd = tl_opendir("/proc/self");

		assert_int_equal(io_read_at(dfd, "status", buf, sizeof(buf), &n,
		    NULL), RM_OK);
		close(dfd);
		assert_int_equal(procparse_status(buf, n, &sf), RM_OK);
		assert_int_equal(sf.ruid, getuid());
		assert_int_equal(sf.euid, geteuid());
		assert_int_equal(sf.egid, getegid());
		assert_true(sf.rss_kb > 0);
	}
}

/* ---- cgroup -------------------------------------------------------------- */

static void
cg(const char *text, const char *want_path, const char *want_cid)
{
	const char *path;
	size_t plen;
	char cid[65];

	memset(cid, 'Z', sizeof(cid));
	assert_int_equal(procparse_cgroup(text, strlen(text), &path, &plen,
	    cid), RM_OK);
	if (plen != strlen(want_path) || memcmp(path, want_path, plen) != 0)
		fail_msg("cgroup path \"%.*s\", want \"%s\"", (int)plen, path,
		    want_path);
	assert_string_equal(cid, want_cid);
}

static void
test_cgroup_runtimes(void **state)
{
	(void)state;
	/* cgroup v2, systemd driver: docker, containerd, cri-o, podman */
	cg("0::/system.slice/docker-" CID ".scope\n",
	    "/system.slice/docker-" CID ".scope", CID);
	cg("0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-"
	    "pod1a2b.slice/cri-containerd-" CID ".scope\n",
	    "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-"
	    "pod1a2b.slice/cri-containerd-" CID ".scope", CID);
	cg("0::/kubepods.slice/crio-" CID ".scope\n",
	    "/kubepods.slice/crio-" CID ".scope", CID);
	cg("0::/user.slice/user-1000.slice/user@1000.service/user.slice/"
	    "libpod-" CID ".scope/container\n",
	    "/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-"
	    CID ".scope/container", CID);
	/* cgroup v1, cgroupfs driver */
	cg("12:pids:/docker/" CID "\n11:memory:/docker/" CID "\n"
	    "1:name=systemd:/docker/" CID "\n0::/\n", "/docker/" CID, CID);
	cg("3:cpu,cpuacct:/kubepods/burstable/pod0e1f2a3b-1111-2222-3333-"
	    "444455556666/" CID "\n",
	    "/kubepods/burstable/pod0e1f2a3b-1111-2222-3333-444455556666/" CID,
	    CID);
	/* upper-case hex is reported lower-case */
	cg("0::/docker/0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"
	    "0123456789ABCDEF\n",
	    "/docker/0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"
	    "0123456789ABCDEF", CID);
}

static void
test_cgroup_root_and_no_container(void **state)
{
	(void)state;
	cg("0::/\n", "/", "");
	cg("", "/", "");
	cg("0::/init.scope\n", "/init.scope", "");
	cg("0::/user.slice/user-1000.slice/session-3.scope\n",
	    "/user.slice/user-1000.slice/session-3.scope", "");
	/* v2 at the root: the first non-root v1 path is reported */
	cg("0::/\n12:cpu:/\n11:memory:/machine/vm1\n10:pids:/other\n",
	    "/machine/vm1", "");
	/* the unified path wins over v1 paths */
	cg("5:cpu:/v1path\n0::/v2path\n", "/v2path", "");
	/* all at the root */
	cg("12:cpu:/\n11:memory:/\n0::/\n", "/", "");
	/* no trailing newline */
	cg("0::/system.slice/sshd.service", "/system.slice/sshd.service", "");
}

static void
test_cgroup_hex_run_must_be_exactly_64(void **state)
{
	(void)state;
	/* 63 and 65 hex digits are not container ids */
	cg("0::/docker/123456789abcdef0123456789abcdef0123456789abcdef"
	    "0123456789abcdef\n",
	    "/docker/123456789abcdef0123456789abcdef0123456789abcdef0123456789"
	    "abcdef", "");
	cg("0::/docker/a" CID "\n", "/docker/a" CID, "");
	/* the last run wins (nested containers) */
	cg("0::/docker/" CID "/docker/"
	    "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
	    "\n", "/docker/" CID "/docker/"
	    "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
	    "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210");
	/* garbage lines do not crash or match */
	cg("garbage\n:\n::\n\n", "/", "");
}

/* ---- links --------------------------------------------------------------- */

static void
test_ns_and_socket_links(void **state)
{
	uint64_t ino = 0;

	(void)state;
	assert_true(procparse_ns_link("net:[4026531840]", &ino));
	assert_true(ino == 4026531840ULL);
	assert_true(procparse_ns_link("pid:[4026531836]", &ino));
	assert_true(ino == 4026531836ULL);
	assert_false(procparse_ns_link("net:[]", &ino));
	assert_false(procparse_ns_link("net:[12]x", &ino));
	assert_false(procparse_ns_link("net:[12", &ino));
	assert_false(procparse_ns_link("net:4026531840", &ino));
	assert_false(procparse_ns_link("net:[-1]", &ino));
	assert_false(procparse_ns_link("net:[99999999999999999999999]", &ino));

	assert_true(procparse_socket_link("socket:[123]", &ino));
	assert_int_equal(ino, 123);
	assert_true(procparse_socket_link("socket:[18446744073709551615]",
	    &ino));
	assert_false(procparse_socket_link("pipe:[123]", &ino));
	assert_false(procparse_socket_link("anon_inode:[eventfd]", &ino));
	assert_false(procparse_socket_link("socket:[12a]", &ino));
	assert_false(procparse_socket_link("socket:[123", &ino));
	assert_false(procparse_socket_link("/tmp/socket:[123]", &ino));
	assert_false(procparse_socket_link("socket:[]", &ino));
}

static void
test_is_msr(void **state)
{
	(void)state;
	assert_true(procparse_is_msr("/dev/cpu/0/msr"));
	assert_true(procparse_is_msr("/dev/cpu/15/msr"));
	assert_true(procparse_is_msr("/dev/cpu/255/msr"));
	assert_false(procparse_is_msr("/dev/cpu/0/cpuid"));
	assert_false(procparse_is_msr("/dev/cpu/x/msr"));
	assert_false(procparse_is_msr("/dev/cpu//msr"));
	assert_false(procparse_is_msr("/dev/cpu/0/msr2"));
	assert_false(procparse_is_msr("/dev/cpu/0/msr (deleted)"));
	assert_false(procparse_is_msr("/tmp/dev/cpu/0/msr"));
	assert_false(procparse_is_msr("/dev/cpu/0"));
	assert_false(procparse_is_msr(""));
}

/* ---- cmdline scanner ----------------------------------------------------- */

struct cmdres {
	char out[128];
	size_t len, argv0_len;
	uint32_t argc;
};

/* Feed n bytes in chunks of `chunk` (0: all at once). */
static void
cmd_scan(const char *p, size_t n, size_t keep, size_t chunk,
	 struct cmdres *r)
{
	char out[256];
	struct cmdscan c;

	assert_true(keep + 2 <= sizeof(out));
	memset(out, 'Q', sizeof(out));
	cmdscan_init(&c, out, keep);
	if (chunk == 0)
		chunk = n ? n : 1;
	for (size_t off = 0; off < n; off += chunk)
		cmdscan_feed(&c, p + off, n - off < chunk ? n - off : chunk);
	cmdscan_finish(&c);
	/* nothing beyond keep + 1 bytes is touched */
	for (size_t i = keep + 1; i < sizeof(out); i++)
		if (out[i] != 'Q')
			fail_msg("cmdscan wrote past keep+1 at %zu", i);
	assert_true(c.len <= keep);
	assert_int_equal(out[c.len], '\0');
	memset(r, 0, sizeof(*r));
	memcpy(r->out, out, c.len + 1 < sizeof(r->out) ? c.len + 1 :
	    sizeof(r->out));
	r->len = c.len;
	r->argv0_len = c.argv0_len;
	r->argc = c.argc;
}

#define CMD(lit) lit, sizeof(lit) - 1

static void
test_cmdscan_join(void **state)
{
	struct cmdres r;

	(void)state;
	for (size_t chunk = 0; chunk <= 5; chunk++) {
		cmd_scan(CMD("xmrig\0--url\0pool.example:3333\0"), 100, chunk,
		    &r);
		assert_string_equal(r.out, "xmrig --url pool.example:3333");
		assert_int_equal(r.argc, 3);
		assert_int_equal(r.argv0_len, 5);
	}
	/* setproctitle style: no NUL at all */
	cmd_scan(CMD("sshd: root@pts/0"), 100, 0, &r);
	assert_string_equal(r.out, "sshd: root@pts/0");
	assert_int_equal(r.argc, 1);
	assert_int_equal(r.argv0_len, 16);
	/* empty (kernel thread, zombie) */
	cmd_scan("", 0, 100, 0, &r);
	assert_string_equal(r.out, "");
	assert_int_equal(r.argc, 0);
	assert_int_equal(r.argv0_len, 0);
	/* empty arguments are counted */
	cmd_scan(CMD("a\0\0b\0"), 100, 1, &r);
	assert_int_equal(r.argc, 3);
	assert_string_equal(r.out, "a  b");
	assert_int_equal(r.argv0_len, 1);
	/* an argv0 that ends in spaces keeps them */
	cmd_scan(CMD("[kworker/0:0]  \0-x\0"), 100, 0, &r);
	assert_int_equal(r.argv0_len, 15);
	assert_string_equal(r.out, "[kworker/0:0]   -x");
}

static void
test_cmdscan_cap_across_chunks(void **state)
{
	char big[300];
	struct cmdres r;

	(void)state;
	for (int i = 0; i < 300; i++)
		big[i] = i % 50 == 49 ? '\0' : (char)('a' + i % 26);
	for (size_t chunk = 0; chunk <= 7; chunk++) {
		cmd_scan(big, sizeof(big), 20, chunk, &r);
		assert_int_equal(r.len, 20);
		assert_int_equal(r.argc, 6);     /* every argument is counted */
		assert_int_equal(r.argv0_len, 20);   /* capped inside argv0 */
		assert_memory_equal(r.out, big, 20);
	}
	/* the cap cuts inside the second argument */
	for (size_t chunk = 0; chunk <= 3; chunk++) {
		cmd_scan(CMD("abc\0defghijkl\0z\0"), 8, chunk, &r);
		assert_int_equal(r.len, 8);
		assert_string_equal(r.out, "abc defg");
		assert_int_equal(r.argv0_len, 3);
		assert_int_equal(r.argc, 3);
	}
}

/* ---- environ scanner ----------------------------------------------------- */

struct envhit {
	char name[ENVSCAN_NAME_MAX + 8];
	char val[512];
	size_t vkept, vlen;
};

struct envres {
	struct envhit hit[16];
	size_t n;
};

static void
env_cb(const char *name, size_t nlen, const char *val, size_t vkept,
       size_t vlen, void *arg)
{
	struct envres *r = arg;
	struct envhit *h;

	assert_true(r->n < TL_NELEM(r->hit));
	h = &r->hit[r->n++];
	assert_true(nlen < sizeof(h->name));
	memcpy(h->name, name, nlen);
	h->name[nlen] = '\0';
	assert_true(vkept < sizeof(h->val));
	memcpy(h->val, val, vkept);
	h->val[vkept] = '\0';
	h->vkept = vkept;
	h->vlen = vlen;
}

static void
env_scan(const char *p, size_t n, size_t keep, size_t chunk,
	 struct envres *r)
{
	char *val = xmalloc(keep ? keep : 1);
	struct envscan e;

	memset(r, 0, sizeof(*r));
	envscan_init(&e, val, keep, env_cb, r);
	if (chunk == 0)
		chunk = n ? n : 1;
	for (size_t off = 0; off < n; off += chunk)
		envscan_feed(&e, p + off, n - off < chunk ? n - off : chunk);
	envscan_finish(&e);
	free(val);
}

static void
test_envscan_chunks(void **state)
{
	static const char env[] = "PATH=/usr/bin:/bin\0LD_PRELOAD=/dev/shm/h.so"
	    "\0PWD=/root\0AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI=K7MDENG\0"
	    "NOEQUALS\0GITHUB_TOKEN=\0HISTFILE=/dev/null";
	struct envres r;

	(void)state;
	/* every chunk size gives the same answer */
	for (size_t chunk = 0; chunk <= 9; chunk++) {
		env_scan(env, sizeof(env) - 1, 256, chunk, &r);
		assert_int_equal(r.n, 4);
		assert_string_equal(r.hit[0].name, "LD_PRELOAD");
		assert_string_equal(r.hit[0].val, "/dev/shm/h.so");
		assert_int_equal(r.hit[0].vlen, 13);
		assert_string_equal(r.hit[1].name, "AWS_SECRET_ACCESS_KEY");
		/* '=' inside a value belongs to the value */
		assert_string_equal(r.hit[1].val, "wJalrXUtnFEMI=K7MDENG");
		assert_string_equal(r.hit[2].name, "GITHUB_TOKEN");
		assert_int_equal(r.hit[2].vlen, 0);
		/* the last entry has no NUL: finish() flushes it */
		assert_string_equal(r.hit[3].name, "HISTFILE");
		assert_string_equal(r.hit[3].val, "/dev/null");
	}
}

static void
test_envscan_after_1mb_padding(void **state)
{
	size_t pad = 1u << 20, n = 0;
	const char tail[] = "LD_PRELOAD=/tmp/.x/libhide.so";
	char *buf = xmalloc(pad + 64 + sizeof(tail));
	struct envres r;

	(void)state;
	/* 1 MiB of one huge variable, then many small ones */
	memcpy(buf, "JUNK=", 5);
	memset(buf + 5, 'j', pad / 2);
	n = 5 + pad / 2;
	buf[n++] = '\0';
	while (n < pad) {
		memcpy(buf + n, "A=b", 3);
		n += 3;
		buf[n++] = '\0';
	}
	memcpy(buf + n, tail, sizeof(tail) - 1);
	n += sizeof(tail) - 1;
	buf[n++] = '\0';
	env_scan(buf, n, RM_ENV_VALUE_KEEP, 16384, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hit[0].name, "LD_PRELOAD");
	assert_string_equal(r.hit[0].val, "/tmp/.x/libhide.so");
	/* odd chunk size */
	env_scan(buf, n, RM_ENV_VALUE_KEEP, 4093, &r);
	assert_int_equal(r.n, 1);
	free(buf);
}

static void
test_envscan_value_cap_and_long_names(void **state)
{
	char buf[2000], name128[ENVSCAN_NAME_MAX + 1];
	size_t n = 0;
	struct envres r;

	(void)state;
	/* a 1000-byte value: 256 kept, 1000 reported */
	memcpy(buf, "LD_PRELOAD=", 11);
	n = 11;
	memset(buf + n, 'v', 1000);
	n += 1000;
	buf[n++] = '\0';
	for (size_t chunk = 0; chunk <= 3; chunk++) {
		env_scan(buf, n, 256, chunk == 0 ? 0 : chunk * 97, &r);
		assert_int_equal(r.n, 1);
		assert_int_equal(r.hit[0].vkept, 256);
		assert_int_equal(r.hit[0].vlen, 1000);
		assert_int_equal(strlen(r.hit[0].val), 256);
	}

	/* a name of exactly 128 bytes is considered */
	memset(name128, 'X', sizeof(name128));
	memcpy(name128 + ENVSCAN_NAME_MAX - 6, "_TOKEN", 6);
	name128[ENVSCAN_NAME_MAX] = '\0';
	n = (size_t)snprintf(buf, sizeof(buf), "%s=t1", name128);
	buf[n++] = '\0';
	env_scan(buf, n, 256, 0, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(strlen(r.hit[0].name), 128);

	/* longer than 128: never interesting, even if it ends well */
	n = (size_t)snprintf(buf, sizeof(buf), "Y%s=t2", name128);
	buf[n++] = '\0';
	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "LD_PRELOAD%0200d=x",
	    0);
	buf[n++] = '\0';
	/* a name whose first 128 bytes look like a credential */
	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "GITHUB_TOKEN_%0200d=y",
	    0);
	buf[n++] = '\0';
	/* a real one after them is still found */
	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "LD_AUDIT=/a.so");
	buf[n++] = '\0';
	for (size_t chunk = 0; chunk <= 2; chunk++) {
		env_scan(buf, n, 256, chunk * 50, &r);
		assert_int_equal(r.n, 1);
		assert_string_equal(r.hit[0].name, "LD_AUDIT");
		assert_string_equal(r.hit[0].val, "/a.so");
	}
}

/* ---- interesting names --------------------------------------------------- */

static void
test_env_interesting(void **state)
{
	static const char *const yes[] = {
		"LD_PRELOAD", "LD_AUDIT", "LD_LIBRARY_PATH", "HISTFILE",
		"AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
		"AWS_SESSION_TOKEN",
		"GITHUB_TOKEN", "DB_PASSWORD", "MYSQL_PWD_PASSWD", "API_KEY",
		"STRIPE_API_KEY", "OPENAI_APIKEY", "PRIVATE_KEY", "VAULT_TOKEN",
		"GOOGLE_APPLICATION_CREDENTIALS", "db_password", "client_secret",
		"SLACK_SIGNING_KEY", "RESTIC_REPOSITORY",
	};
	static const char *const no[] = {
		"PWD", "OLDPWD", "AWS_CA_BUNDLE", "PATH", "HOME", "SHELL",
		"LANG", "TERM", "KEY", "SSH_AUTH_SOCK", "TOKENIZER_THREADS",
		"PASSPORT_DIR", "LD_PRELOADX", "XLD_PRELOAD", "KEYBOARD",
		"MONKEY_KEY", "",
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(yes); i++)
		if (!procparse_env_interesting(yes[i], strlen(yes[i])))
			fail_msg("%s should be kept", yes[i]);
	for (size_t i = 0; i < TL_NELEM(no); i++)
		if (procparse_env_interesting(no[i], strlen(no[i])))
			fail_msg("%s should not be kept", no[i]);
	/* only n bytes are looked at */
	assert_true(procparse_env_interesting("LD_PRELOADxyz", 10));
	assert_false(procparse_env_interesting("LD_PRELOAD", 9));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stat_fields),
		cmocka_unit_test(test_stat_hostile_comm),
		cmocka_unit_test(test_stat_truncated),
		cmocka_unit_test(test_stat_malformed),
		cmocka_unit_test(test_stat_real_self),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_status_missing_or_bad),
		cmocka_unit_test(test_cgroup_runtimes),
		cmocka_unit_test(test_cgroup_root_and_no_container),
		cmocka_unit_test(test_cgroup_hex_run_must_be_exactly_64),
		cmocka_unit_test(test_ns_and_socket_links),
		cmocka_unit_test(test_is_msr),
		cmocka_unit_test(test_cmdscan_join),
		cmocka_unit_test(test_cmdscan_cap_across_chunks),
		cmocka_unit_test(test_envscan_chunks),
		cmocka_unit_test(test_envscan_after_1mb_padding),
		cmocka_unit_test(test_envscan_value_cap_and_long_names),
		cmocka_unit_test(test_env_interesting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
