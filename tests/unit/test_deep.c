/*
 * test_deep.c - collect/deep.c on a fake procfs: triage of candidates and
 * the deep inspection of each (memory through maps + mem, the executable
 * through exe, miner configs next to the binary, in the cwd and at -c,
 * dpkg ownership in the process's own root).
 *
 * A fixture process is a directory procdir/PID with stat and status (from
 * testlib), a `maps` text as the kernel writes it, a sparse `mem` file
 * holding bytes at the offsets the maps name (pread at an address, as on
 * /proc/PID/mem), `exe` as a link to a real file, `cwd` and `root` links
 * to real directories.  proc_collect() fills the snapshot from it, so the
 * facts are what a scan would have.
 */
#include "collect/mine_parse.h"
#include "core/ioc.h"
#include "testlib.h"

#define SEED64 "abababababababababababababababababababababababababababababababab"
#define W1 "46WNbmwXpYxiBpkbHjAgjC65cyzAxtaaBQjcGpAZquhBKw2r8NtPQniEgMJcwFMC" \
	"ZzSBrEJtmPsTR54MoGBDbjTi2W1XmgM"
#define W2 "46BeWrHpwXmHDpDEUmZBWZfoQpdc6HaERCNmx1pEYL2rAcuwufPN9rXHHtyUA4QV" \
	"y66qeFQkn6sfK8aHYjA3jk3o1Bv16em"
#define AGENT "XMRig/6.21.0 (Linux x86_64) libuv/1.44.2 gcc/12.2.0"

#define HEAP_START 0x10000u
#define HEAP_END   0x30000u
#define ANON_START 0x100000u
#define ANON_END   0x140000u

/* What an XMRig process keeps on its heap: its pool config and the login
 * it sent; and in an anonymous mapping the job it received. */
static const char heap_text[] =
    "{\"url\":\"pool.example.com:3333\",\"user\":\"" W2 "\",\"pass\":\"x\"}"
    "\0\0\0\0"
    "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":{\"login\":"
    "\"" W2 "\",\"pass\":\"x\",\"agent\":\"" AGENT "\",\"algo\":[\"rx/0\"]}}\n"
    "{\"id\":2,\"jsonrpc\":\"2.0\",\"method\":\"submit\",\"params\":{\"id\":"
    "\"1\",\"job_id\":\"2\",\"nonce\":\"98024001\",\"result\":\"c9be\"}}\n";
static const char anon_text[] =
    "{\"jsonrpc\":\"2.0\",\"method\":\"job\",\"params\":{\"blob\":\"0707c5e0"
    "dfdc057c60c5000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\",\"job_id\":"
    "\"RBcjBgxgczJeacglcqRSeg5DBP3k\",\"target\":\"91fd0600\",\"algo\":"
    "\"rx/0\",\"seed_hash\":\"a6e5d5f3abababababababababababababababababababababababababababab\"}}\n";

struct dfx {
	char *procdir, *rootdir;
	int procfd;
	struct snapshot *s;
	struct ioc ioc;
};

static int
setup(void **state)
{
	struct dfx *f = xcalloc(1, sizeof(*f));
	char *warn = NULL;

	f->procdir = tl_tmpdir();
	f->rootdir = tl_tmpdir();
	f->procfd = tl_opendir(f->procdir);
	f->s = tl_snap_new();
	if (ioc_load(&f->ioc, NULL, &warn) != RM_OK || warn)
		return -1;
	f->s->ioc = &f->ioc;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct dfx *f = *state;
	char *p = tl_path(f->procdir, "1/mem");

	chmod(p, 0600);        /* a test may have made it unreadable */
	free(p);
	tl_snap_free(f->s);
	ioc_free(&f->ioc);
	close(f->procfd);
	tl_rmrf(f->procdir);
	tl_rmrf(f->rootdir);
	free(f->procdir);
	free(f->rootdir);
	free(f);
	return 0;
}

static void
fx_text(struct dfx *f, int pid, const char *name, const char *text)
{
	tl_fx_file(f->procdir, pid, name, text, strlen(text));
}

/* stat/status (start time 100 + pid), cmdline (NUL-separated argv given
 * with spaces), and the root link. */
static void
fx_proc(struct dfx *f, int pid, const char *comm, const char *cmdline,
	const char *root)
{
	char *argv = xstrdup(cmdline);
	size_t n = strlen(argv);

	tl_fx_pid(f->procdir, pid, comm, 1, 0x400000, 100 + (unsigned)pid,
	    (long)geteuid());
	for (size_t i = 0; i < n; i++)
		if (argv[i] == ' ')
			argv[i] = '\0';
	tl_fx_file(f->procdir, pid, "cmdline", argv, n + 1);
	free(argv);
	tl_fx_link(f->procdir, pid, "root", root ? root : "/");
}

/* A real executable file at rootdir/rel holding body, linked as exe. */
static char *
fx_exe(struct dfx *f, int pid, const char *rel, const void *body, size_t n)
{
	char *abs = tl_path(f->rootdir, rel);

	tl_write(f->rootdir, rel, body, n);
	tl_fx_link(f->procdir, pid, "exe", abs);
	return abs;
}

/* The standard miner process: pid 1 (the fixture's own numbering). */
static const char maps_std[] =
    "00400000-00401000 r-xp 00000000 fe:00 1234                       "
    "/opt/xm/xmrig\n"
    "00010000-00030000 rw-p 00000000 00:00 0                          "
    "[heap]\n"
    "7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                  "
    "[stack]\n"
    "7ffd10000000-7ffd10001000 rw-s 00000000 00:05 99                 "
    "/dev/zero (deleted)\n"
    /* the anonymous region last: see test_maps_anon_then_more */
    "00100000-00140000 rw-p 00000000 00:00 0 \n";

static void
fx_miner(struct dfx *f, const char *cmdline)
{
	struct buf b;
	char *exe, *cwd;

	fx_proc(f, 1, "xmrig", cmdline, "/");
	fx_text(f, 1, "maps", maps_std);
	tl_sparse(f->procdir, "1/mem", ANON_END + 0x1000);
	tl_pwrite(f->procdir, "1/mem", HEAP_START + 0x100, heap_text,
	    sizeof(heap_text) - 1);
	tl_pwrite(f->procdir, "1/mem", ANON_START + 0x2000, anon_text,
	    sizeof(anon_text) - 1);
	/* bytes the region list excludes: never read */
	tl_pwrite(f->procdir, "1/mem", 0x400100, "\"method\":\"keepalived\"",
	    21);

	/* the executable: an ELF header, then what XMRig's binary carries */
	buf_init(&b, 1 << 20);
	buf_append(&b, "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16);
	for (int i = 0; i < 5000; i++)
		buf_putc(&b, (char)(i * 131));
	buf_printf(&b, "stratum+tcp://%c--donate-level%c[%%s] login error code: "
	    "%%d%c", 0, 0, 0);
	for (int i = 0; i < 3000; i++)
		buf_putc(&b, 0);
	exe = fx_exe(f, 1, "opt/xm/xmrig", b.data, b.len);
	buf_free(&b);
	free(exe);
	/* next to the binary: JSON that is not a miner config */
	tl_writes(f->rootdir, "opt/xm/package.json", "{\"name\":\"left-pad\","
	    "\"url\":\"https://example.com\"}");
	/* the cwd: the config */
	tl_writes(f->rootdir, "home/u/work/config.json", "{\"pools\":[{\"url\":"
	    "\"pool.example:3333\",\"user\":\"" W1 "\",\"pass\":\"x\"}],"
	    "\"donate-level\":1}");
	tl_writes(f->rootdir, "home/u/work/notes.txt", "{\"pools\":[");
	cwd = tl_path(f->rootdir, "home/u/work");
	tl_fx_link(f->procdir, 1, "cwd", cwd);
	free(cwd);
}

static struct proc *
collect(struct dfx *f)
{
	assert_int_equal(proc_collect(f->s, f->procfd), RM_OK);
	assert_true(f->s->nprocs >= 1);
	return &f->s->procs[0];
}

static struct proc *
find(struct dfx *f, pid_t pid)
{
	for (size_t i = 0; i < f->s->nprocs; i++)
		if (f->s->procs[i].pid == pid)
			return &f->s->procs[i];
	fail_msg("pid %d not collected", (int)pid);
	return NULL;
}

static bool
kept(const struct str_hits *h, const char *s)
{
	for (uint32_t i = 0; i < h->nkeep; i++)
		if (strcmp(h->keep[i], s) == 0)
			return true;
	return false;
}

/* ---- the full inspection --------------------------------------------------- */

static void
test_deep_miner(void **state)
{
	struct dfx *f = *state;
	struct proc *p;
	const struct proc_deep *d;
	char *want;

	fx_miner(f, "./xmrig --donate-level 1 -u " W1 ".rig --threads 2");
	p = collect(f);
	assert_int_equal(p->pid, 1);
	assert_int_equal(p->exe_kind, EXE_FILE);
	p->cpu_pct = 190;
	tl_sock_tcp(tl_socks(f->s, 1), 1, "185.71.66.39", 3333);
	tl_hosts_add(f->s, "185.71.66.39", "la01.supportxmr.com");

	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	d = p->deep;
	assert_non_null(d);
	assert_int_equal(d->reasons, DEEP_CPU | DEEP_POOL_PORT | DEEP_CMDLINE |
	    DEEP_POOL_NAME);

	/* memory: the heap and the anonymous region, nothing else */
	assert_int_equal(d->mem_bytes, (HEAP_END - HEAP_START) +
	    (ANON_END - ANON_START));
	assert_false(d->mem_truncated);
	assert_int_equal(d->stratum, STRATUM_LOGIN | STRATUM_SUBMIT |
	    STRATUM_JOB | STRATUM_SEED);
	assert_string_equal(d->agent, AGENT);
	assert_string_equal(d->login, W2);
	assert_string_equal(d->pool_url, "pool.example.com:3333");
	assert_string_equal(d->algo, "rx/0");
	assert_true(kept(&d->mem_hits, "XMRig/"));
	assert_true(kept(&d->mem_hits, "\"seed_hash\""));
	assert_true(kept(&d->mem_hits, "\"blob\":\""));
	assert_true(kept(&d->mem_hits, "rx/0"));
	assert_int_equal(d->mem_hits.strong, 3);
	assert_int_equal(d->mem_hits.weak, 1);

	/* the executable */
	assert_int_equal(d->exe_err, RM_OK);
	{
		struct stat st;
		char *exe = tl_path(f->rootdir, "opt/xm/xmrig");

		assert_int_equal(stat(exe, &st), 0);
		assert_int_equal(d->exe_bytes, (uint64_t)st.st_size);
		free(exe);
	}
	assert_false(d->exe_truncated);
	assert_true(kept(&d->exe_hits, "stratum+tcp://"));
	assert_true(kept(&d->exe_hits, "--donate-level"));
	assert_true(kept(&d->exe_hits, "[%s] login error code: %d"));
	assert_int_equal(d->exe_hits.strong, 3);
	assert_false(d->upx);
	assert_false(d->upx_magic_altered);

	/* the config in its cwd (package.json next to the binary is not
	 * one, notes.txt is not *.json) */
	want = tl_path(f->rootdir, "home/u/work/config.json");
	assert_string_equal(d->config_path, want);
	free(want);
	assert_string_equal(d->config_pool, "pool.example:3333");
	assert_string_equal(d->config_user, W1);
	assert_true(d->config_donate);

	/* the command line: the option, no pool, the -u wallet wins over the
	 * memory login and the config user */
	assert_true(kept(&d->cmd_hits, "--donate-level"));
	assert_int_equal(d->cmd_hits.strong, 1);
	assert_null(d->cmd_pool);
	assert_string_equal(d->wallet, W1);
	assert_null(d->exe_package);
	assert_int_equal(f->s->nskipped, 0);
}

/* A successful read says so (the JSON prints rm_strerror(mem_err)). */
static void
test_deep_mem_err_ok_when_read(void **state)
{
	struct dfx *f = *state;
	struct proc *p;

	fx_miner(f, "./xmrig");
	p = collect(f);
	p->cpu_pct = 190;
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	assert_non_null(p->deep);
	assert_true(p->deep->mem_bytes > 0);
	assert_int_equal(p->deep->mem_err, RM_OK);
}

/*
 * An unnamed anonymous mapping has no path: its line ends after the inode
 * (and a space).  Reading the maps text as one string, sscanf's "%63s"
 * took the next line's address range as that path and skipped the
 * region; on a real host every unnamed region (XMRig's libuv buffers,
 * thread arenas) but a last line would be lost.  One line at a time.
 */
static void
test_maps_anon_then_more(void **state)
{
	struct dfx *f = *state;
	struct proc *p;
	static const char maps[] =
	    "00100000-00140000 rw-p 00000000 00:00 0 \n"
	    "7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                  "
	    "[stack]\n"
	    "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0          "
	    "[vsyscall]\n";

	fx_miner(f, "./xmrig");
	fx_text(f, 1, "maps", maps);
	p = collect(f);
	p->cpu_pct = 190;
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	assert_non_null(p->deep);
	assert_int_equal(p->deep->mem_bytes, ANON_END - ANON_START);
	assert_true(p->deep->stratum & STRATUM_JOB);
}

/* [anon:name] regions (prctl PR_SET_VMA) are anonymous memory too, and
 * so are read-only and executable private ones (what UPX unpacked); a
 * region bigger than RM_MEM_REGION_SKIP (the RandomX dataset) is not
 * read, nor are file mappings, shared ones, inaccessible ones, the stack,
 * or garbage lines. */
static void
test_maps_region_selection(void **state)
{
	struct dfx *f = *state;
	struct proc *p;
	struct buf b;
	const uint64_t big = 0x10000000, bigend = big + RM_MEM_REGION_SKIP +
	    0x1000;

	fx_miner(f, "./xmrig");
	buf_init(&b, 1 << 16);
	buf_printf(&b, "%08llx-%08llx rw-p 00000000 00:00 0          "
	    "[anon:randomx dataset]\n", (unsigned long long)big,
	    (unsigned long long)bigend);
	buf_printf(&b, "garbage line\n-\n00200000-00100000 rw-p 00000000 "
	    "00:00 0 [heap]\n00500000 rw-p\n\n");
	buf_printf(&b, "00010000-00030000 rw-p 00000000 00:00 0          "
	    "[anon:libuv]\n");
	buf_printf(&b, "00400000-00401000 rw-p 00001000 fe:00 1234       "
	    "/opt/xm/xmrig\n");
	buf_printf(&b, "00600000-00601000 rw-s 00000000 00:05 0          "
	    "/SYSV00000000 (deleted)\n");
	buf_printf(&b, "00700000-00701000 ---p 00000000 00:00 0 \n");
	buf_printf(&b, "00100000-00140000 r-xp 00000000 00:00 0 \n");
	buf_printf(&b, "7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0      "
	    "    [stack]\n");
	fx_text(f, 1, "maps", b.data);
	buf_free(&b);
	tl_sparse(f->procdir, "1/mem", bigend);
	tl_pwrite(f->procdir, "1/mem", HEAP_START + 0x100, heap_text,
	    sizeof(heap_text) - 1);
	tl_pwrite(f->procdir, "1/mem", ANON_START + 0x2000, anon_text,
	    sizeof(anon_text) - 1);
	/* where nothing may be read: a notify in each */
	tl_pwrite(f->procdir, "1/mem", big + 0x10, "\"mining.notify\"", 15);
	tl_pwrite(f->procdir, "1/mem", 0x400010, "\"mining.notify\"", 15);
	tl_pwrite(f->procdir, "1/mem", 0x600010, "\"mining.notify\"", 15);
	tl_pwrite(f->procdir, "1/mem", 0x700010, "\"mining.notify\"", 15);
	p = collect(f);
	p->cpu_pct = 190;
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	assert_non_null(p->deep);
	/* [anon:libuv] (the login) and the r-xp region (the job) */
	assert_int_equal(p->deep->mem_bytes, (HEAP_END - HEAP_START) +
	    (ANON_END - ANON_START));
	assert_true(p->deep->stratum & STRATUM_LOGIN);
	assert_true(p->deep->stratum & STRATUM_JOB);
	assert_false(p->deep->stratum & STRATUM_NOTIFY);
	assert_false(p->deep->mem_truncated);
	assert_int_equal(p->deep->mem_err, RM_OK);
}

/* One process with a big anonymous region (80 MiB) after its heap; the
 * login sits on the heap, a seed_hash at `seed` bytes into the big region
 * and a mining.notify 70 MiB into it. */
static struct proc *
fx_big(struct dfx *f, uint64_t seed)
{
	struct buf b;
	const uint64_t big = 0x10000000, bigsz = 80u << 20;

	fx_miner(f, "./xmrig");
	buf_init(&b, 1 << 16);
	buf_printf(&b, "00010000-00030000 rw-p 00000000 00:00 0          "
	    "[heap]\n");
	buf_printf(&b, "%08llx-%08llx rw-p 00000000 00:00 0 \n",
	    (unsigned long long)big, (unsigned long long)(big + bigsz));
	fx_text(f, 1, "maps", b.data);
	buf_free(&b);
	tl_sparse(f->procdir, "1/mem", big + bigsz);
	tl_pwrite(f->procdir, "1/mem", HEAP_START + 0x100, heap_text,
	    sizeof(heap_text) - 1);
	tl_pwrite(f->procdir, "1/mem", big + (70u << 20), "\"mining.notify\"",
	    15);
	tl_pwrite(f->procdir, "1/mem", big + seed, "\"seed_hash\":\"" SEED64
	    "\"", 13 + 64 + 1);
	return collect(f);
}

/* At most RM_MEM_PROC_MAX bytes of one process: the heap and the small
 * regions first, then the cap. */
static void
test_mem_per_process_cap(void **state)
{
	struct dfx *f = *state;
	/* just before the cap: seen */
	struct proc *p = fx_big(f, RM_MEM_PROC_MAX - (HEAP_END - HEAP_START) -
	    100);

	p->cpu_pct = 190;
	p->msr_fds = 1;                 /* more than CPU: the full cap */
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	assert_non_null(p->deep);
	assert_int_equal(p->deep->reasons, DEEP_CPU | DEEP_MSR);
	assert_int_equal(p->deep->mem_bytes, RM_MEM_PROC_MAX);
	assert_true(p->deep->mem_truncated);
	assert_true(p->deep->stratum & STRATUM_LOGIN);
	assert_true(p->deep->stratum & STRATUM_SEED);
	assert_false(p->deep->stratum & STRATUM_NOTIFY);
	assert_false(tl_skipped(f->s, "mining: process memory", NULL));
}

/* CPU alone (a compiler looks the same) gets RM_MEM_CPU_ONLY. */
static void
test_mem_cpu_only_cap(void **state)
{
	struct dfx *f = *state;
	struct proc *p = fx_big(f, RM_MEM_CPU_ONLY);

	p->cpu_pct = 190;
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	assert_non_null(p->deep);
	assert_int_equal(p->deep->reasons, DEEP_CPU);
	assert_int_equal(p->deep->mem_bytes, RM_MEM_CPU_ONLY);
	assert_true(p->deep->mem_truncated);
	assert_true(p->deep->stratum & STRATUM_LOGIN);
	assert_false(p->deep->stratum & STRATUM_SEED);  /* past the cap */
}

/* The per-scan budget: four processes of 64 MiB use it up; the fifth is
 * not read, and the scan says so. */
static void
test_mem_per_scan_budget(void **state)
{
	struct dfx *f = *state;
	const uint64_t big = 0x10000000, bigsz = 70u << 20;
	char maps[128];
	uint64_t total = 0;
	struct sock *k;

	snprintf(maps, sizeof(maps), "%08llx-%08llx rw-p 00000000 00:00 0 \n",
	    (unsigned long long)big, (unsigned long long)(big + bigsz));
	for (int pid = 10; pid < 15; pid++) {
		char rel[32];

		fx_proc(f, pid, "m", "m", "/");
		fx_text(f, pid, "maps", maps);
		snprintf(rel, sizeof(rel), "%d/mem", pid);
		tl_sparse(f->procdir, rel, big + bigsz);
	}
	collect(f);
	k = tl_socks(f->s, f->s->nprocs);
	for (size_t i = 0; i < f->s->nprocs; i++) {
		f->s->procs[i].cpu_pct = 100;
		tl_sock_tcp(&k[i], f->s->procs[i].pid, "10.3.3.3", 4444);
	}
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	for (size_t i = 0; i < f->s->nprocs; i++) {
		assert_non_null(f->s->procs[i].deep);
		total += f->s->procs[i].deep->mem_bytes;
	}
	assert_int_equal(total, RM_MEM_SCAN_MAX);
	for (int pid = 10; pid < 14; pid++)
		assert_int_equal(find(f, pid)->deep->mem_bytes, RM_MEM_PROC_MAX);
	assert_int_equal(find(f, 14)->deep->mem_bytes, 0);
	assert_true(find(f, 14)->deep->mem_truncated);
	assert_true(tl_skipped(f->s, "mining: process memory", "budget"));
}

/* ---- memory that cannot be read ----------------------------------------- */

static void
test_mem_unreadable(void **state)
{
	struct dfx *f = *state;
	struct proc *p;
	char *mem = tl_path(f->procdir, "1/mem");

	fx_miner(f, "./xmrig");
	unlink(mem);
	p = collect(f);
	p->cpu_pct = 190;
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	assert_non_null(p->deep);
	assert_int_equal(p->deep->mem_err, RM_ENOENT);
	assert_int_equal(p->deep->mem_bytes, 0);
	assert_int_equal(p->deep->stratum, 0);
	/* the rest of the inspection still ran */
	assert_int_equal(p->deep->exe_err, RM_OK);
	assert_int_equal(p->deep->exe_hits.strong, 3);
	assert_non_null(p->deep->config_path);
	free(mem);
}

static void
test_mem_no_maps(void **state)
{
	struct dfx *f = *state;
	struct proc *p;
	char *maps = tl_path(f->procdir, "1/maps");

	fx_miner(f, "./xmrig");
	unlink(maps);
	free(maps);
	p = collect(f);
	p->cpu_pct = 190;
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	assert_int_equal(p->deep->mem_err, RM_EGONE);
	assert_int_equal(p->deep->mem_bytes, 0);
}

static void
test_mem_denied(void **state)
{
	struct dfx *f = *state;
	struct proc *p;
	char *mem;

	if (geteuid() == 0)
		TL_SKIP("root reads a mode-000 file; this checks EACCES as a user");
	fx_miner(f, "./xmrig");
	mem = tl_path(f->procdir, "1/mem");
	assert_int_equal(chmod(mem, 0), 0);
	free(mem);
	p = collect(f);
	p->cpu_pct = 190;
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	assert_int_equal(p->deep->mem_err, RM_EPERM);
	assert_int_equal(p->deep->mem_bytes, 0);
	assert_true(tl_skipped(f->s, "mining: process memory", "needs root"));
}

/* --no-memory: not one byte of mem is read; the rest still is. */
static void
test_no_memory(void **state)
{
	struct dfx *f = *state;
	struct proc *p;

	fx_miner(f, "./xmrig");
	p = collect(f);
	p->cpu_pct = 190;
	assert_int_equal(deep_collect(f->s, f->procfd, false), RM_OK);
	assert_non_null(p->deep);
	assert_int_equal(p->deep->mem_bytes, 0);
	assert_int_equal(p->deep->mem_err, RM_ENOTSUP);
	assert_int_equal(p->deep->stratum, 0);
	assert_null(p->deep->agent);
	assert_null(p->deep->login);
	assert_int_equal(p->deep->mem_hits.strong + p->deep->mem_hits.weak, 0);
	assert_int_equal(p->deep->exe_hits.strong, 3);
	assert_non_null(p->deep->config_path);
	assert_true(tl_skipped(f->s, "mining: process memory", "--no-memory"));
}

/* A pid whose start time changed since the process pass is another
 * process: nothing of it is read. */
static void
test_pid_reuse(void **state)
{
	struct dfx *f = *state;
	struct proc *p;

	fx_miner(f, "./xmrig --donate-level 1");
	p = collect(f);
	p->cpu_pct = 190;
	p->start_ticks += 1;
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	assert_non_null(p->deep);
	assert_int_equal(p->deep->mem_err, RM_EGONE);
	assert_int_equal(p->deep->exe_err, RM_EGONE);
	assert_int_equal(p->deep->mem_bytes, 0);
	assert_int_equal(p->deep->exe_bytes, 0);
	assert_int_equal(p->deep->stratum, 0);
	assert_null(p->deep->config_path);
	assert_null(p->deep->agent);
	/* what the process pass already had is still judged */
	assert_int_equal(p->deep->cmd_hits.strong, 1);
}

/* A candidate gone before its inspection. */
static void
test_vanished(void **state)
{
	struct dfx *f = *state;
	struct proc *p = tl_procs(f->s, 1);

	p->pid = 4242;
	p->cpu_pct = 150;
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	assert_non_null(p->deep);
	assert_int_equal(p->deep->mem_err, RM_EGONE);
	assert_int_equal(p->deep->exe_err, RM_EGONE);
}

/* ---- triage -------------------------------------------------------------- */

static void
test_non_candidates(void **state)
{
	struct dfx *f = *state;
	struct proc *v = tl_procs(f->s, 7);

	/* 1000 idle; 1001 a little CPU; 1002 only a weak string in argv;
	 * 1003 only a deleted exe; 1004 a kernel thread burning CPU;
	 * 1005 a connection to port 80; 1006 small huge pages */
	v[0].cpu_pct = 0;
	v[1].cpu_pct = 24.9;
	v[2].cmdline = "monerod --data-dir /var/lib/monero";
	v[3].exe_kind = EXE_DELETED;
	v[3].exe = "/usr/sbin/nginx (deleted)";
	v[4].flags = PF_KTHREAD_FLAG;
	v[4].exe_kind = EXE_NONE;
	v[4].exe = NULL;
	v[4].cmdline = NULL;
	v[4].cpu_pct = 100;
	tl_sock_tcp(tl_socks(f->s, 1), 1005, "93.184.216.34", 80);
	v[6].hugetlb_kb = 2048;
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	for (size_t i = 0; i < f->s->nprocs; i++)
		if (v[i].deep)
			fail_msg("pid %d inspected", (int)v[i].pid);
	assert_int_equal(f->s->nskipped, 0);
}

static void
test_candidate_reasons(void **state)
{
	struct dfx *f = *state;
	struct proc *v = tl_procs(f->s, 6);
	struct sock *k = tl_socks(f->s, 2);
	static const char *const envs[] = { "stratum+ssl://p.example:443" };

	v[0].cpu_pct = 25;                          /* CPU alone: score 2 */
	v[1].msr_fds = 1;
	v[2].hugetlb_kb = 2u << 20;
	v[3].cmdline = "x -o stratum+tcp://a.b:3333";
	tl_proc_env(f->s, &v[4], "POOL", envs[0]);
	v[4].cmdline = "x";
	v[5].exe_kind = EXE_MEMFD;
	v[5].exe = "/memfd:x (deleted)";
	tl_sock_tcp(&k[0], 1005, "10.1.1.1", 14444);
	k[1] = k[0];
	k[1].state = 10;                             /* LISTEN: not counted */
	k[1].rport = 3333;
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	assert_int_equal(v[0].deep->reasons, DEEP_CPU);
	assert_int_equal(v[1].deep->reasons, DEEP_MSR);
	assert_int_equal(v[2].deep->reasons, DEEP_HUGETLB);
	assert_int_equal(v[3].deep->reasons, DEEP_CMDLINE);
	assert_string_equal(v[3].deep->cmd_pool, "stratum+tcp://a.b:3333");
	assert_int_equal(v[4].deep->reasons, DEEP_CMDLINE);
	assert_string_equal(v[4].deep->cmd_pool, envs[0]);
	assert_int_equal(v[5].deep->reasons, DEEP_ODD_EXE | DEEP_POOL_PORT);
}

/* More candidates than RM_DEEP_MAX: the most suspicious are inspected,
 * and the scan says the others were not. */
static void
test_candidate_cap(void **state)
{
	struct dfx *f = *state;
	size_t n = RM_DEEP_MAX + 10, got = 0;
	struct proc *v = tl_procs(f->s, n);
	struct sock *k = tl_socks(f->s, 3);

	for (size_t i = 0; i < n; i++)
		v[i].cpu_pct = 30;
	/* the last three also talk to a pool */
	for (size_t i = 0; i < 3; i++)
		tl_sock_tcp(&k[i], v[n - 1 - i].pid, "10.2.2.2", 5555);
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	for (size_t i = 0; i < n; i++)
		got += v[i].deep != NULL;
	assert_int_equal(got, RM_DEEP_MAX);
	for (size_t i = 0; i < 3; i++)
		assert_non_null(v[n - 1 - i].deep);
	/* among equals, the lower pids */
	assert_non_null(v[0].deep);
	assert_null(v[n - 4].deep);
	assert_true(tl_skipped(f->s, "mining: deep inspection", "only the"));
}

static void
test_needs_ioc(void **state)
{
	struct dfx *f = *state;
	struct proc *v = tl_procs(f->s, 1);

	v[0].cpu_pct = 300;
	f->s->ioc = NULL;
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_EPARSE);
	assert_null(v[0].deep);
}

/* ---- the executable --------------------------------------------------------- */

static void
test_exe_upx(void **state)
{
	struct dfx *f = *state;
	static const char upx[] = "\x7f" "ELF....UPX!....$Info: This file is "
	    "packed with the UPX executable packer http://upx.sf.net $\n"
	    "$Id: UPX 4.02 Copyright (C) 1996-2023 the UPX Team. $\n";
	static const char perfctl[] = "\x7f" "ELF....\x17\x18\xfd\xce...."
	    "$Info: This file is packed with the UPX executable packer $\n";
	char *e;

	fx_proc(f, 2, "a", "a", "/");
	e = fx_exe(f, 2, "bin/a", upx, sizeof(upx) - 1);
	free(e);
	fx_proc(f, 3, "b", "b", "/");
	e = fx_exe(f, 3, "bin/b", perfctl, sizeof(perfctl) - 1);
	free(e);
	fx_proc(f, 4, "c", "c", "/");
	tl_mkdirs(f->rootdir, "bin/dir");
	e = tl_path(f->rootdir, "bin/dir");
	tl_fx_link(f->procdir, 4, "exe", e);           /* not a file */
	free(e);
	collect(f);
	for (size_t i = 0; i < f->s->nprocs; i++)
		f->s->procs[i].cpu_pct = 99;
	assert_int_equal(deep_collect(f->s, f->procfd, false), RM_OK);
	assert_true(find(f, 2)->deep->upx);
	assert_false(find(f, 2)->deep->upx_magic_altered);
	assert_int_equal(find(f, 2)->deep->exe_bytes, sizeof(upx) - 1);
	assert_true(find(f, 3)->deep->upx);
	assert_true(find(f, 3)->deep->upx_magic_altered);
	assert_int_equal(find(f, 4)->deep->exe_err, RM_EPARSE);
	assert_false(find(f, 4)->deep->upx);
}

/* One scan per distinct executable: processes running the same file in
 * the same mount namespace share it; another namespace is scanned again. */
static void
test_exe_scanned_once(void **state)
{
	struct dfx *f = *state;
	char *bin;
	static const char miner[] = "--donate-level stratum+tcp:// XMRig/";

	bin = tl_path(f->rootdir, "usr/bin/miner");
	tl_writes(f->rootdir, "usr/bin/miner", miner);
	for (int pid = 2; pid <= 4; pid++) {
		fx_proc(f, pid, "m", "m", "/");
		tl_fx_link(f->procdir, pid, "exe", bin);
		tl_fx_link(f->procdir, pid, "ns/mnt", pid < 4 ?
		    "mnt:[4026531841]" : "mnt:[4026532999]");
	}
	free(bin);
	collect(f);
	for (size_t i = 0; i < f->s->nprocs; i++)
		f->s->procs[i].cpu_pct = 99;
	assert_int_equal(deep_collect(f->s, f->procfd, false), RM_OK);
	for (int pid = 2; pid <= 4; pid++) {
		const struct proc_deep *d = find(f, pid)->deep;

		assert_int_equal(d->exe_err, RM_OK);
		assert_int_equal(d->exe_bytes, sizeof(miner) - 1);
		assert_int_equal(d->exe_hits.strong, 3);
		assert_true(kept(&d->exe_hits, "XMRig/"));
	}
}

/*
 * A miner names itself; an executable naming three miner programs is a
 * catalogue (a signature scanner, an antivirus build, rookmelder): its
 * strings are zeroed and it is marked.  Two names are still a miner
 * (ccminer's credits name cpuminer).
 */
static void
test_exe_catalogue(void **state)
{
	struct dfx *f = *state;
	char *bin;
	static const char table[] = "stratum+tcp:// --donate-level "
	    "mining.subscribe cpuminer xmr-stak ccminer";
	static const char two[] = "stratum+tcp:// --donate-level "
	    "mining.subscribe cpuminer ccminer";
	const struct proc_deep *d;

	bin = tl_path(f->rootdir, "usr/bin/scanner");
	tl_writes(f->rootdir, "usr/bin/scanner", table);
	fx_proc(f, 2, "scanner", "scanner", "/");
	tl_fx_link(f->procdir, 2, "exe", bin);
	free(bin);
	bin = tl_path(f->rootdir, "usr/bin/ccminer");
	tl_writes(f->rootdir, "usr/bin/ccminer", two);
	fx_proc(f, 3, "ccminer", "ccminer", "/");
	tl_fx_link(f->procdir, 3, "exe", bin);
	free(bin);
	collect(f);
	for (size_t i = 0; i < f->s->nprocs; i++)
		f->s->procs[i].cpu_pct = 99;
	assert_int_equal(deep_collect(f->s, f->procfd, false), RM_OK);
	d = find(f, 2)->deep;
	assert_non_null(d);
	assert_true(d->exe_signature_table);
	assert_int_equal(d->exe_hits.strong + d->exe_hits.weak, 0);
	assert_int_equal(d->exe_hits.nkeep, 0);
	d = find(f, 3)->deep;
	assert_non_null(d);
	assert_false(d->exe_signature_table);
	assert_int_equal(d->exe_hits.strong, 5);
}

/*
 * The executable cache is keyed by the image (device and inode), not the
 * path: two different files shown under the same path in one namespace
 * (a bind mount over the path after the first process started; here two
 * relative links) must not share a scan, or a miner could borrow a benign
 * process's clean result.
 */
static void
test_exe_cache_same_path_other_file(void **state)
{
	struct dfx *f = *state;

	fx_proc(f, 2, "a", "a", "/");
	tl_fx_file(f->procdir, 2, "x", "benign", 6);
	tl_fx_link(f->procdir, 2, "exe", "x");        /* procdir/2/x */
	tl_fx_link(f->procdir, 2, "ns/mnt", "mnt:[4026531841]");
	fx_proc(f, 3, "b", "b", "/");
	tl_fx_file(f->procdir, 3, "x", "--donate-level XMRig/", 21);
	tl_fx_link(f->procdir, 3, "exe", "x");        /* procdir/3/x */
	tl_fx_link(f->procdir, 3, "ns/mnt", "mnt:[4026531841]");
	collect(f);
	assert_string_equal(find(f, 2)->exe, find(f, 3)->exe);
	for (size_t i = 0; i < f->s->nprocs; i++)
		f->s->procs[i].cpu_pct = 99;
	assert_int_equal(deep_collect(f->s, f->procfd, false), RM_OK);
	assert_int_equal(find(f, 2)->deep->exe_hits.strong, 0);
	assert_int_equal(find(f, 3)->deep->exe_bytes, 21);
	assert_int_equal(find(f, 3)->deep->exe_hits.strong, 2);
}

/*
 * Memory is read in 1 MiB chunks: a stratum URL across a chunk boundary
 * must come out whole (it used to be kept cut off, the first value
 * winning).
 */
static void
test_mem_url_across_chunk(void **state)
{
	struct dfx *f = *state;
	struct proc *p;
	static const char url[] = "stratum+tcp://pool.example.com:3333 ";

	fx_miner(f, "./xmrig");
	fx_text(f, 1, "maps", "00010000-00210000 rw-p 00000000 00:00 0      "
	    "        [heap]\n");
	tl_sparse(f->procdir, "1/mem", 0x210000);
	tl_pwrite(f->procdir, "1/mem", HEAP_START + (1u << 20) - 20, url,
	    sizeof(url) - 1);
	p = collect(f);
	p->cpu_pct = 190;
	assert_int_equal(deep_collect(f->s, f->procfd, true), RM_OK);
	assert_non_null(p->deep);
	assert_non_null(p->deep->pool_url);
	assert_string_equal(p->deep->pool_url,
	    "stratum+tcp://pool.example.com:3333");
}

/* ---- configs --------------------------------------------------------------- */

static void
test_config_from_argv(void **state)
{
	struct dfx *f = *state;
	char *e, *cwd;
	static const char cfg[] = "{\"donate-level\": 0, \"pools\": [{\"url\": "
	    "\"stratum+tcp://abs.example:443\", \"user\": \"" W2 "\"}]}";

	/* -c ABSOLUTE: inside the process's own root (an image dir here) */
	tl_mkdirs(f->rootdir, "img/etc");
	tl_writes(f->rootdir, "img/etc/xm.json", cfg);
	e = tl_path(f->rootdir, "img");
	fx_proc(f, 2, "a", "/usr/bin/a -c /etc/xm.json", e);
	free(e);
	e = fx_exe(f, 2, "bin/a", "x", 1);
	free(e);
	/* -c RELATIVE and --config=: against its cwd */
	tl_writes(f->rootdir, "cwd3/sub/c.json", "{\"donate-level\":5}");
	tl_writes(f->rootdir, "cwd3/other.json", "{\"pools\":[{\"url\":\"o:1\"}]}");
	cwd = tl_path(f->rootdir, "cwd3");
	fx_proc(f, 3, "b", "b --config sub/c.json", "/");
	tl_fx_link(f->procdir, 3, "cwd", cwd);
	e = fx_exe(f, 3, "bin3/b", "x", 1);
	free(e);
	fx_proc(f, 4, "c", "c --config=sub/c.json", "/");
	tl_fx_link(f->procdir, 4, "cwd", cwd);
	e = fx_exe(f, 4, "bin4/c", "x", 1);
	free(e);
	/* a link as the config is not followed */
	tl_symlink(f->rootdir, "cwd5/l.json", "/etc/passwd");
	fx_proc(f, 5, "d", "d -c l.json", "/");
	e = tl_path(f->rootdir, "cwd5");
	tl_fx_link(f->procdir, 5, "cwd", e);
	free(e);
	e = fx_exe(f, 5, "bin5/d", "x", 1);
	free(e);
	free(cwd);

	collect(f);
	for (size_t i = 0; i < f->s->nprocs; i++)
		f->s->procs[i].cpu_pct = 99;
	assert_int_equal(deep_collect(f->s, f->procfd, false), RM_OK);
	assert_string_equal(find(f, 2)->deep->config_path, "/etc/xm.json");
	assert_string_equal(find(f, 2)->deep->config_pool,
	    "stratum+tcp://abs.example:443");
	assert_string_equal(find(f, 2)->deep->config_user, W2);
	assert_true(find(f, 2)->deep->config_donate);
	/* the config gives the wallet when argv and memory do not */
	assert_string_equal(find(f, 2)->deep->wallet, W2);
	assert_string_equal(find(f, 3)->deep->config_path, "sub/c.json");
	assert_true(find(f, 3)->deep->config_donate);
	assert_null(find(f, 3)->deep->config_pool);
	assert_string_equal(find(f, 4)->deep->config_path, "sub/c.json");
	assert_null(find(f, 5)->deep->config_path);
}

/* A config with pools but no url, or a url but no "pools", or nothing a
 * miner writes, is not a miner config. */
static void
test_config_not_miner(void **state)
{
	struct dfx *f = *state;
	char *e;

	tl_writes(f->rootdir, "d/a.json", "{\"pools\":[]}");
	tl_writes(f->rootdir, "d/b.json", "{\"url\":\"stratum+tcp://x:1\"}");
	tl_writes(f->rootdir, "d/c.json", "");
	tl_writes(f->rootdir, "d/.json", "{\"donate-level\":1}");
	tl_mkfifo(f->rootdir, "d/fifo.json");
	fx_proc(f, 2, "a", "a", "/");
	e = tl_path(f->rootdir, "d");
	tl_fx_link(f->procdir, 2, "cwd", e);
	free(e);
	e = fx_exe(f, 2, "bin/a", "x", 1);
	free(e);
	collect(f);
	f->s->procs[0].cpu_pct = 99;
	assert_int_equal(deep_collect(f->s, f->procfd, false), RM_OK);
	assert_null(f->s->procs[0].deep->config_path);
}

/* ---- package ownership --------------------------------------------------- */

static void
test_dpkg_ownership(void **state)
{
	struct dfx *f = *state;
	static const struct {
		const char *exe;
		enum exe_kind kind;
		const char *pkg;
	} c[] = {
		{ "/usr/bin/monerod", EXE_FILE, "monero" },
		{ "/usr/bin/xmrig", EXE_FILE, "xmrig" },
		{ "/usr/bin/monero", EXE_FILE, NULL },      /* a prefix */
		{ "/usr/bin/monerod-x", EXE_FILE, NULL },
		{ "/opt/usr/bin/monerod", EXE_FILE, NULL },
		{ "bin/monerod", EXE_FILE, NULL },          /* not absolute */
		{ "/usr/bin/monerod (deleted)", EXE_DELETED, NULL },
		{ "/usr/bin/sleep", EXE_FILE, NULL },
	};
	struct proc *v = tl_procs(f->s, TL_NELEM(c));
	char *img = tl_path(f->rootdir, "img");

	tl_writes(f->rootdir, "img/var/lib/dpkg/info/monero.list", "/.\n/usr\n"
	    "/usr/bin\n/usr/bin/monero-wallet-cli\n/usr/bin/monerod\n"
	    "/usr/share/doc/monero\n");
	tl_writes(f->rootdir, "img/var/lib/dpkg/info/xmrig.list",
	    "/usr/bin/xmrig");                          /* no final newline */
	tl_writes(f->rootdir, "img/var/lib/dpkg/info/coreutils.list",
	    "/usr/bin/sleep\n");
	/* what dpkg also keeps: the files' digests (md5 of "randomx", the
	 * fixture executable) */
	tl_writes(f->rootdir, "img/var/lib/dpkg/info/monero.md5sums",
	    "babb1fb97c241aa8f7c3eb6d1041a102  usr/bin/monerod\n");
	tl_writes(f->rootdir, "img/var/lib/dpkg/info/xmrig.md5sums",
	    "babb1fb97c241aa8f7c3eb6d1041a102  usr/bin/xmrig\n");
	for (size_t i = 0; i < TL_NELEM(c); i++) {
		char *e;

		fx_proc(f, (int)(100 + i), "monerod", "monerod", img);
		e = fx_exe(f, (int)(100 + i), "bin/monerod", "randomx", 7);
		free(e);
		v[i].pid = (pid_t)(100 + i);
		v[i].start_ticks = 200 + i;
		v[i].exe = c[i].exe;
		v[i].exe_kind = c[i].kind;
		v[i].cmdline = "monerod --non-interactive";
		v[i].cpu_pct = 60;
	}
	assert_int_equal(deep_collect(f->s, f->procfd, false), RM_OK);
	for (size_t i = 0; i < TL_NELEM(c); i++) {
		assert_non_null(v[i].deep);
		if (c[i].pkg == NULL && v[i].deep->exe_package != NULL)
			fail_msg("%s: package %s", c[i].exe,
			    v[i].deep->exe_package);
		if (c[i].pkg)
			assert_string_equal(v[i].deep->exe_package, c[i].pkg);
		assert_int_equal(v[i].deep->exe_hits.weak, 1);
	}
	free(img);
}

/*
 * A path in var/lib/dpkg/info/<pkg>.list is not ownership: a root
 * intruder (miners run as root for the MSR mod) can write one naming its
 * own /usr/bin/xmrig.  The running image must match <pkg>.md5sums.
 */
static void
test_dpkg_list_alone_not_trusted(void **state)
{
	struct dfx *f = *state;
	struct proc *v = tl_procs(f->s, 1);
	char *img = tl_path(f->rootdir, "img"), *e;

	tl_writes(f->rootdir, "img/var/lib/dpkg/info/xmrig.list",
	    "/usr/bin/xmrig\n");
	/* no xmrig.md5sums, and a wrong digest for monero's */
	tl_writes(f->rootdir, "img/var/lib/dpkg/info/monero.list",
	    "/usr/bin/monerod\n");
	tl_writes(f->rootdir, "img/var/lib/dpkg/info/monero.md5sums",
	    "00000000000000000000000000000000  usr/bin/monerod\n");
	fx_proc(f, 100, "xmrig", "xmrig", img);
	e = fx_exe(f, 100, "bin/xmrig", "randomx", 7);
	free(e);
	v[0].pid = 100;
	v[0].start_ticks = 200;
	v[0].exe = "/usr/bin/xmrig";
	v[0].cmdline = "xmrig";
	v[0].cpu_pct = 380;
	assert_int_equal(deep_collect(f->s, f->procfd, false), RM_OK);
	assert_non_null(v[0].deep);
	assert_null(v[0].deep->exe_package);
	v[0].exe = "/usr/bin/monerod";
	v[0].deep = NULL;
	assert_int_equal(deep_collect(f->s, f->procfd, false), RM_OK);
	assert_null(v[0].deep->exe_package);
	free(img);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_deep_miner),
		T(test_deep_mem_err_ok_when_read),
		T(test_maps_anon_then_more),
		T(test_maps_region_selection),
		T(test_mem_per_process_cap),
		T(test_mem_cpu_only_cap),
		T(test_mem_per_scan_budget),
		T(test_mem_unreadable),
		T(test_mem_no_maps),
		T(test_mem_denied),
		T(test_no_memory),
		T(test_pid_reuse),
		T(test_vanished),
		T(test_non_candidates),
		T(test_candidate_reasons),
		T(test_candidate_cap),
		T(test_needs_ioc),
		T(test_exe_upx),
		T(test_exe_catalogue),
		T(test_exe_scanned_once),
		T(test_exe_cache_same_path_other_file),
		T(test_mem_url_across_chunk),
		T(test_config_from_argv),
		T(test_config_not_miner),
		T(test_dpkg_ownership),
		T(test_dpkg_list_alone_not_trusted),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
