/*
 * test_host_parse.c - collect/host_parse.c: /proc/meminfo huge pages, the
 * kernel's MSR write warnings in /dev/kmsg records (every wording since
 * Linux 5.9), persisted sysctl lines, and /etc/hosts.
 */
#include <arpa/inet.h>
#include <sys/socket.h>

#include "collect/host_parse.h"
#include "testlib.h"

/* ---- meminfo ----------------------------------------------------------- */

static void
meminfo(const char *text, int64_t *t, int64_t *f, int64_t *k)
{
	size_t n = strlen(text);
	char *b = xmalloc(n ? n : 1);

	memcpy(b, text, n);
	hostparse_meminfo(b, n, t, f, k);
	free(b);
}

static void
test_meminfo(void **state)
{
	static const char real[] =
	    "MemTotal:        8029888 kB\n"
	    "MemFree:          402108 kB\n"
	    "AnonHugePages:         0 kB\n"
	    "ShmemHugePages:        0 kB\n"
	    "FileHugePages:         0 kB\n"
	    "HugePages_Total:    1168\n"
	    "HugePages_Free:        0\n"
	    "HugePages_Rsvd:        0\n"
	    "HugePages_Surp:        0\n"
	    "Hugepagesize:       2048 kB\n"
	    "Hugetlb:         2392064 kB\n"
	    "DirectMap4k:      217020 kB\n";
	int64_t t, f, k;

	(void)state;
	meminfo(real, &t, &f, &k);
	assert_int_equal(t, 1168);
	assert_int_equal(f, 0);
	assert_int_equal(k, 2048);

	/* absent fields are -1 */
	meminfo("MemTotal: 1 kB\nAnonHugePages: 5 kB\n", &t, &f, &k);
	assert_int_equal(t, -1);
	assert_int_equal(f, -1);
	assert_int_equal(k, -1);
	meminfo("", &t, &f, &k);
	assert_int_equal(t, -1);

	/* no number, overflow, a key in the middle of a line: -1 */
	meminfo("HugePages_Total:\nHugePages_Free: x\nHugepagesize: "
	    "99999999999999999999999 kB\n", &t, &f, &k);
	assert_int_equal(t, -1);
	assert_int_equal(f, -1);
	assert_int_equal(k, -1);
	meminfo(" HugePages_Total: 5\nX HugePages_Free: 6\n", &t, &f, &k);
	assert_int_equal(t, -1);
	assert_int_equal(f, -1);
	meminfo("HugePages_Total: 9223372036854775807\n", &t, &f, &k);
	assert_int_equal(t, -1);                    /* not < INT64_MAX */
	meminfo("HugePages_Total: 9223372036854775806\n", &t, &f, &k);
	assert_int_equal(t, INT64_MAX - 1);

	/* the last line without a newline, tabs, the key right at the end */
	meminfo("HugePages_Free:\t\t7\nHugepagesize: 1048576", &t, &f, &k);
	assert_int_equal(f, 7);
	assert_int_equal(k, 1048576);
	meminfo("HugePages_Total:", &t, &f, &k);
	assert_int_equal(t, -1);
}

/* ---- kmsg MSR records ----------------------------------------------------- */

struct kmsg {
	bool ok;
	uint32_t msr;
	char comm[128];
	int64_t pid;
	uint64_t usec;
};

static struct kmsg
kmsg(const char *rec, size_t n)
{
	struct kmsg k;
	char *b = xmalloc(n ? n : 1);
	const char *comm = NULL;
	size_t cl = 0;

	memset(&k, 0, sizeof(k));
	memcpy(b, rec, n);
	k.pid = -7;
	k.ok = hostparse_kmsg_msr(b, n, &k.msr, &comm, &cl, &k.pid, &k.usec);
	if (k.ok) {
		assert_true(comm >= b && cl <= n && comm + cl <= b + n);
		snprintf(k.comm, sizeof(k.comm), "%.*s", (int)cl, comm);
	}
	free(b);
	return k;
}

static struct kmsg
kmsgs(const char *rec)
{
	return kmsg(rec, strlen(rec));
}

static void
test_kmsg_kernel_versions(void **state)
{
	struct kmsg k;

	(void)state;
	/* 5.9/5.10: pr_err with "Please report" (ratelimited) */
	k = kmsgs("3,1234,5678901,-;msr: Write to unrecognized MSR 0x1a4 by "
	    "xmrig (pid: 4242). Please report to x86@kernel.org.\n");
	assert_true(k.ok);
	assert_int_equal(k.msr, 0x1a4);
	assert_string_equal(k.comm, "xmrig");
	assert_int_equal(k.pid, 4242);
	assert_int_equal(k.usec, 5678901);

	/* 5.16 .. 6.x: pr_warn, the tip URL on its own record */
	k = kmsgs("4,2345,123456789,-;msr: Write to unrecognized MSR "
	    "0xc0011020 by xmrig (pid: 68425).\n");
	assert_true(k.ok);
	assert_int_equal(k.msr, 0xc0011020u);
	assert_string_equal(k.comm, "xmrig");
	assert_int_equal(k.pid, 68425);
	assert_int_equal(k.usec, 123456789);
	assert_false(kmsgs("4,2346,123456790,-;msr: See https://git.kernel.org/"
	    "pub/scm/linux/kernel/git/tip/tip.git/about for details.\n").ok);

	/* 6.x: ", tainting CPU_OUT_OF_SPEC." */
	k = kmsgs("4,77,99,-;msr: Write to unrecognized MSR 0x1A4 by kswapd0 "
	    "(pid: 31337), tainting CPU_OUT_OF_SPEC.\n");
	assert_true(k.ok);
	assert_int_equal(k.msr, 0x1a4);
	assert_string_equal(k.comm, "kswapd0");
	assert_int_equal(k.pid, 31337);

	/* with the caller field (CONFIG_PRINTK_CALLER) and the dictionary
	 * continuation lines /dev/kmsg appends */
	k = kmsgs("4,100,200,-,caller=T31337;msr: Write to unrecognized MSR "
	    "0xc8f by [kworker/0:2] (pid: 9)\n SUBSYSTEM=cpu\n DEVICE=+cpu:0\n");
	assert_true(k.ok);
	assert_int_equal(k.msr, 0xc8f);
	assert_string_equal(k.comm, "[kworker/0:2]");
	assert_int_equal(k.pid, 9);
	assert_int_equal(k.usec, 200);

	/* a record as read() returns it: no newline at all */
	k = kmsgs("4,1,2,-;msr: Write to unrecognized MSR 0x0 by a (pid: 1)");
	assert_true(k.ok);
	assert_int_equal(k.msr, 0);
	assert_int_equal(k.pid, 1);

	/* the original 5.9-rc text had no pid: nothing to tie it to */
	assert_false(kmsgs("3,5,6,-;msr: Write to unrecognized MSR 0x1a4 by "
	    "xmrig\n").ok);
}

/* A process names itself: a comm holding " (pid: 1)" must not forge the
 * pid, the last " (pid: " is the kernel's. */
static void
test_kmsg_forged_comm(void **state)
{
	struct kmsg k;

	(void)state;
	k = kmsgs("4,9,10,-;msr: Write to unrecognized MSR 0x1a4 by x (pid: 1) "
	    "(pid: 4242), tainting CPU_OUT_OF_SPEC.\n");
	assert_true(k.ok);
	assert_string_equal(k.comm, "x (pid: 1)");
	assert_int_equal(k.pid, 4242);

	k = kmsgs("4,9,10,-;msr: Write to unrecognized MSR 0x1a4 by  (pid: 1)"
	    "(pid: 2) (pid: 3).\n");
	assert_true(k.ok);
	assert_string_equal(k.comm, " (pid: 1)(pid: 2)");
	assert_int_equal(k.pid, 3);

	/* an empty comm, a comm with by in it */
	k = kmsgs("4,9,10,-;msr: Write to unrecognized MSR 0x10 by  (pid: 5)");
	assert_true(k.ok);
	assert_string_equal(k.comm, "");
	k = kmsgs("4,9,10,-;msr: Write to unrecognized MSR 0x10 by by x "
	    "(pid: 5)");
	assert_true(k.ok);
	assert_string_equal(k.comm, "by x");
}

static void
test_kmsg_garbage(void **state)
{
	static const char *const bad[] = {
		"",
		";",
		"no semicolon msr: Write to unrecognized MSR 0x1 by a (pid: 1)",
		"4,1,2,-;msr: something else entirely",
		"4,1,2,-;msr: Write to unrecognized MSR 0x",
		"4,1,2,-;msr: Write to unrecognized MSR 0xg by a (pid: 1)",
		"4,1,2,-;msr: Write to unrecognized MSR 0x1a4",
		"4,1,2,-;msr: Write to unrecognized MSR 0x1a4 by",
		"4,1,2,-;msr: Write to unrecognized MSR 0x1a4 by a",
		"4,1,2,-;msr: Write to unrecognized MSR 0x1a4 by a (pid: )",
		"4,1,2,-;msr: Write to unrecognized MSR 0x1a4 by a (pid: x)",
		"4,1,2,-;msr: Write to unrecognized MSR 0x1a4 by a (pid: 12",
		"4,1,2,-;msr: Write to unrecognized MSR 0x1a4 by a (pid: 12 )",
		"4,1,2,-;msr: Write to unrecognized MSR 0x1a4 by a (pid: -1)",
		"4,1,2,-;msr: Write to unrecognized MSR 0x1a4 by a (pid: "
		    "2147483648)",
		"4,1,2,-;msr: Write to unrecognized MSR 0x1a4 by a (pid: "
		    "99999999999999999999999)",
		"4,1,2,-;msr: Write to unrecognized MSR 0x100000000 by a "
		    "(pid: 1)",
		"4,1,2,-;msr: Write to unrecognized MSR 0xfffffffffffffffffff by "
		    "a (pid: 1)",
		"4,1,2,-;msr: Write to unrecognized MSR 0x1a4 from a (pid: 1)",
		/* the key before the ';' is the header, not the message */
		"Write to unrecognized MSR 0x1 by a (pid: 1);",
	};
	struct kmsg k;

	(void)state;
	for (size_t i = 0; i < TL_NELEM(bad); i++) {
		k = kmsgs(bad[i]);
		if (k.ok)
			fail_msg("accepted: \"%s\"", bad[i]);
	}
	/* the largest values that fit */
	k = kmsgs("4,1,18446744073709551615,-;msr: Write to unrecognized MSR "
	    "0xffffffff by a (pid: 2147483647)");
	assert_true(k.ok);
	assert_int_equal(k.msr, 0xffffffffu);
	assert_int_equal(k.pid, INT32_MAX);
	/* a timestamp that does not fit is 0, the record still counts */
	k = kmsgs("4,1,99999999999999999999999,-;msr: Write to unrecognized "
	    "MSR 0x1 by a (pid: 2)");
	assert_true(k.ok);
	/* a header with fewer fields: no timestamp */
	k = kmsgs("4;msr: Write to unrecognized MSR 0x1 by a (pid: 2)");
	assert_true(k.ok);
	assert_int_equal(k.usec, 0);
	/* NUL bytes and a record cut anywhere are handled without reading
	 * past the end (ASan): every prefix of a good record */
	{
		static const char rec[] = "4,2,3,-;msr: Write to unrecognized MSR "
		    "0x1a4 by xm\x00rig (pid: 77)";
		size_t n = sizeof(rec) - 1;

		for (size_t i = 0; i < n; i++)
			assert_false(kmsg(rec, i).ok);
		k = kmsg(rec, n);
		assert_true(k.ok);
		assert_int_equal(k.pid, 77);
	}
}

/* ---- sysctl files -------------------------------------------------------- */

struct sysctls {
	struct arena a;
	struct sysctl_line *v;
	uint32_t n, alloc;
};

static void
sysctl_parse(struct sysctls *s, const char *text, const char *path)
{
	size_t n = strlen(text);
	char *b = xmalloc(n ? n : 1);

	memcpy(b, text, n);
	hostparse_sysctl(b, n, path, &s->a, &s->v, &s->n, &s->alloc);
	free(b);
}

static void
assert_line(const struct sysctls *s, uint32_t i, const char *path,
	    uint32_t line, const char *key, const char *value)
{
	if (i >= s->n)
		fail_msg("only %u sysctl lines, wanted #%u", s->n, i);
	assert_string_equal(s->v[i].path, path);
	assert_int_equal(s->v[i].line, line);
	assert_string_equal(s->v[i].key, key);
	assert_string_equal(s->v[i].value, value);
}

static void
test_sysctl_lines(void **state)
{
	static const char text[] =
	    "# /etc/sysctl.conf\n"                           /* 1 */
	    "vm.swappiness = 10\n"                          /* 2 */
	    "vm.nr_hugepages = 1168\n"                      /* 3 */
	    "\n"                                            /* 4 */
	    "; kernel.nmi_watchdog=0\n"                     /* 5 */
	    "# vm.nr_hugepages=1\n"                         /* 6 */
	    "kernel.nmi_watchdog=0\r\n"                     /* 7 */
	    "-vm/nr_hugepages=128\n"                        /* 8 */
	    "  \t- kernel/nmi_watchdog\t=\t 0 \t\n"         /* 9 */
	    "vm.nr_hugepages_mempolicy = 3\n"               /* 10 */
	    "net.ipv4.ip_forward=1\n"                       /* 11 */
	    "vm.nr_overcommit_hugepages=2\n"                /* 12 */
	    "vm.nr_hugepages\n"                             /* 13 */
	    "vm.nr_hugepages=\n"                            /* 14 */
	    "  vm.nr_hugepages   =  7  ";                   /* 15 */
	struct sysctls s;

	(void)state;
	memset(&s, 0, sizeof(s));
	sysctl_parse(&s, text, "/etc/sysctl.conf");
	assert_int_equal(s.n, 7);
	assert_line(&s, 0, "/etc/sysctl.conf", 3, "vm.nr_hugepages", "1168");
	assert_line(&s, 1, "/etc/sysctl.conf", 7, "kernel.nmi_watchdog", "0");
	assert_line(&s, 2, "/etc/sysctl.conf", 8, "vm.nr_hugepages", "128");
	assert_line(&s, 3, "/etc/sysctl.conf", 9, "kernel.nmi_watchdog", "0");
	assert_line(&s, 4, "/etc/sysctl.conf", 12,
	    "vm.nr_overcommit_hugepages", "2");
	assert_line(&s, 5, "/etc/sysctl.conf", 14, "vm.nr_hugepages", "");
	assert_line(&s, 6, "/etc/sysctl.conf", 15, "vm.nr_hugepages", "7");

	/* a second file appends, with its own path and line numbers; the
	 * first file's entries survive the array growing */
	{
		struct buf b;

		buf_init(&b, 1 << 16);
		for (int i = 0; i < 20; i++)
			buf_printf(&b, "kernel.nmi_watchdog = %d\n", i);
		sysctl_parse(&s, b.data, "/etc/sysctl.d/99-x.conf");
		buf_free(&b);
	}
	assert_int_equal(s.n, 27);
	assert_true(s.alloc >= 27);
	assert_line(&s, 0, "/etc/sysctl.conf", 3, "vm.nr_hugepages", "1168");
	assert_line(&s, 6, "/etc/sysctl.conf", 15, "vm.nr_hugepages", "7");
	assert_line(&s, 7, "/etc/sysctl.d/99-x.conf", 1, "kernel.nmi_watchdog",
	    "0");
	assert_line(&s, 26, "/etc/sysctl.d/99-x.conf", 20,
	    "kernel.nmi_watchdog", "19");
	arena_free(&s.a);
}

static void
test_sysctl_caps(void **state)
{
	struct sysctls s;
	struct buf b;
	char longkey[200];

	(void)state;
	memset(&s, 0, sizeof(s));
	buf_init(&b, 1 << 20);
	/* a 200-byte value is cut at 64 */
	buf_printf(&b, "vm.nr_hugepages=");
	for (int i = 0; i < 200; i++)
		buf_putc(&b, '9');
	buf_putc(&b, '\n');
	/* a key of 64 bytes or more is not one of ours (and not copied) */
	memset(longkey, 'k', sizeof(longkey) - 1);
	longkey[sizeof(longkey) - 1] = '\0';
	buf_printf(&b, "%s=1\n", longkey);
	buf_printf(&b, "vm.nr_hugepages.................................."
	    "..............=1\n");
	sysctl_parse(&s, b.data, "p");
	assert_int_equal(s.n, 1);
	assert_int_equal(strlen(s.v[0].value), 64);
	buf_reset(&b);
	/* at most 1024 lines are kept, however long the file */
	for (int i = 0; i < 3000; i++)
		buf_printf(&b, "vm.nr_hugepages=%d\n", i);
	sysctl_parse(&s, b.data, "q");
	assert_int_equal(s.n, 1024);
	assert_string_equal(s.v[1023].value, "1022");
	assert_int_equal(s.v[1023].line, 1023);
	buf_free(&b);
	arena_free(&s.a);
}

/* ---- /etc/hosts ------------------------------------------------------------ */

struct hosts {
	struct arena a;
	struct hosts_entry *v;
	uint32_t n, alloc;
};

static void
hosts_parse(struct hosts *h, const char *text)
{
	size_t n = strlen(text);
	char *b = xmalloc(n ? n : 1);

	memcpy(b, text, n);
	hostparse_hosts(b, n, &h->a, &h->v, &h->n, &h->alloc);
	free(b);
}

static void
assert_host(const struct hosts *h, uint32_t i, const char *addr,
	    const char *name)
{
	uint8_t bin[16];
	int fam = strchr(addr, ':') ? AF_INET6 : AF_INET;

	if (i >= h->n)
		fail_msg("only %u hosts entries, wanted #%u", h->n, i);
	memset(bin, 0, sizeof(bin));
	assert_int_equal(inet_pton(fam, addr, bin), 1);
	assert_int_equal(h->v[i].family, fam);
	assert_memory_equal(h->v[i].addr, bin, 16);
	assert_string_equal(h->v[i].name, name);
}

static void
test_hosts(void **state)
{
	static const char text[] =
	    "127.0.0.1\tlocalhost\n"
	    "127.0.1.1\tweb01.example.com web01\n"
	    "\n"
	    "# The following lines are desirable for IPv6 capable hosts\n"
	    "::1     localhost ip6-localhost ip6-loopback\n"
	    "ff02::1 ip6-allnodes\n"
	    "  185.71.66.39   pool.supportxmr.com  xmr  # the miner's pool\n"
	    "999.1.1.1 bad-v4\n"
	    "fe80::1%eth0 zone-id\n"
	    "not-an-address name\n"
	    "1.2.3.4#comment-right-after name-ignored\n"
	    "5.6.7.8\n"
	    "10.0.0.1\tname1\tname2\r\n"
	    "::ffff:1.2.3.4 mapped\n"
	    "0.0.0.0 c3pool.com";
	struct hosts h;

	(void)state;
	memset(&h, 0, sizeof(h));
	hosts_parse(&h, text);
	assert_int_equal(h.n, 13);
	assert_host(&h, 0, "127.0.0.1", "localhost");
	assert_host(&h, 1, "127.0.1.1", "web01.example.com");
	assert_host(&h, 2, "127.0.1.1", "web01");
	assert_host(&h, 3, "::1", "localhost");
	assert_host(&h, 4, "::1", "ip6-localhost");
	assert_host(&h, 5, "::1", "ip6-loopback");
	assert_host(&h, 6, "ff02::1", "ip6-allnodes");
	assert_host(&h, 7, "185.71.66.39", "pool.supportxmr.com");
	assert_host(&h, 8, "185.71.66.39", "xmr");
	assert_host(&h, 9, "10.0.0.1", "name1");
	assert_host(&h, 10, "10.0.0.1", "name2");
	assert_host(&h, 11, "::ffff:1.2.3.4", "mapped");
	assert_host(&h, 12, "0.0.0.0", "c3pool.com");
	/* v4 addresses sit in the first 4 bytes, the rest zero */
	for (size_t i = 4; i < 16; i++)
		assert_int_equal(h.v[7].addr[i], 0);
	arena_free(&h.a);
}

static void
test_hosts_caps(void **state)
{
	struct hosts h;
	struct buf b;
	char name[300];

	(void)state;
	memset(&h, 0, sizeof(h));
	buf_init(&b, 1 << 20);
	/* a name longer than 253 is skipped, its neighbours are not */
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	buf_printf(&b, "1.1.1.1 a %s b\n", name);
	/* an address token of 64 bytes or more is skipped */
	buf_printf(&b, "1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa:bbbb:"
	    "cccc:dddd x\n");
	/* many aliases: the array grows */
	buf_printf(&b, "2.2.2.2");
	for (int i = 0; i < 100; i++)
		buf_printf(&b, " alias%d", i);
	buf_putc(&b, '\n');
	hosts_parse(&h, b.data);
	assert_int_equal(h.n, 102);
	assert_host(&h, 0, "1.1.1.1", "a");
	assert_host(&h, 1, "1.1.1.1", "b");
	assert_host(&h, 101, "2.2.2.2", "alias99");
	buf_free(&b);
	arena_free(&h.a);
}

/* ---- mounts over /proc/PID ------------------------------------------------- */

static void
test_proc_mounts(void **state)
{
	static const char mi[] =
	    "22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n"
	    "30 22 0:30 / /proc/sys/fs/binfmt_misc rw,relatime shared:13 - autofs systemd-1 rw\n"
	    "412 22 8:1 /tmp/.e /proc/4242 rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
	    "413 22 8:1 /tmp/fake\\040cmd /proc/77/cmdline rw master:3 - ext4 /dev/sda1 rw\n"
	    "414 22 0:5 / /proc/self/fd/3 rw - tmpfs none rw\n"
	    "415 22 0:5 / /proc/12x rw - tmpfs none rw\n"
	    "bad line\n"
	    "416 22 0:5 / /proc/9 rw";             /* no separator, no newline */
	struct arena a;
	struct proc_mount *m = NULL;
	uint32_t n = 0, bad;

	(void)state;
	memset(&a, 0, sizeof(a));
	bad = hostparse_proc_mounts(mi, sizeof(mi) - 1, &a, &m, &n);
	assert_int_equal(bad, 1);
	assert_int_equal(n, 3);
	assert_int_equal(m[0].pid, 4242);
	assert_string_equal(m[0].mount_point, "/proc/4242");
	assert_string_equal(m[0].root, "/tmp/.e");
	assert_string_equal(m[0].fstype, "ext4");
	assert_string_equal(m[0].source, "/dev/sda1");
	assert_int_equal(m[1].pid, 77);
	assert_string_equal(m[1].mount_point, "/proc/77/cmdline");
	assert_string_equal(m[1].root, "/tmp/fake cmd");
	assert_int_equal(m[2].pid, 9);
	assert_string_equal(m[2].fstype, "");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_proc_mounts),
		cmocka_unit_test(test_meminfo),
		cmocka_unit_test(test_kmsg_kernel_versions),
		cmocka_unit_test(test_kmsg_forged_comm),
		cmocka_unit_test(test_kmsg_garbage),
		cmocka_unit_test(test_sysctl_lines),
		cmocka_unit_test(test_sysctl_caps),
		cmocka_unit_test(test_hosts),
		cmocka_unit_test(test_hosts_caps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
