/*
 * test_det_min.c - the mining detectors, facts in, findings out:
 *   RM-MIN-001 cryptominer process (severity and confidence by the number
 *              of independent kinds of evidence; its evidence keys)
 *   RM-MIN-002 host tuned for mining, no miner to explain it
 *   RM-MIN-003 CPU that no visible process accounts for
 *   RM-MIN-004 packaged cryptocurrency software running as itself
 */
#include "core/ioc.h"
#include "testlib.h"

#define W1 "46WNbmwXpYxiBpkbHjAgjC65cyzAxtaaBQjcGpAZquhBKw2r8NtPQniEgMJcwFMC" \
	"ZzSBrEJtmPsTR54MoGBDbjTi2W1XmgM"
#define POOL_IP "185.71.66.39"

struct mfix {
	struct snapshot *s;
	struct findings fs;
	struct ioc ioc;
};

static int
setup(void **state)
{
	struct mfix *f = xcalloc(1, sizeof(*f));
	char *warn = NULL;

	f->s = tl_snap_new();
	findings_init(&f->fs);
	if (ioc_load(&f->ioc, NULL, &warn) != RM_OK || warn)
		return -1;
	f->s->ioc = &f->ioc;
	/* host facts as collected on a quiet machine */
	f->s->host.taint = 0;
	f->s->host.nr_hugepages = 0;
	f->s->host.nmi_watchdog = 1;
	f->s->host.ncpu = 2;
	f->s->host.cpu_busy_pct = -1;
	f->s->host.cpu_task_pct = -1;
	f->s->host.cpu_procs_pct = -1;
	f->s->host.hugepages_total = 0;
	f->s->host.hugepages_free = 0;
	f->s->host.hugepage_kb = 2048;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct mfix *f = *state;

	findings_free(&f->fs);
	tl_snap_free(f->s);
	ioc_free(&f->ioc);
	free(f);
	return 0;
}

static void
run(struct mfix *f, const char *id)
{
	findings_free(&f->fs);
	tl_run_one(f->s, id, &f->fs);
}

/* One process, pid 4242, named comm, running exe. */
static struct proc *
one(struct mfix *f, const char *comm, const char *exe, enum exe_kind kind)
{
	struct proc *p = tl_procs(f->s, 1);

	tl_proc_set(f->s, p, 4242, 1, comm, exe, kind);
	p->threads = 4;
	return p;
}

static struct proc_deep *
deep(struct mfix *f, struct proc *p)
{
	struct proc_deep *d = arena_alloc(&f->s->arena, sizeof(*d));

	d->mem_err = RM_OK;
	p->deep = d;
	return d;
}

static void
add_hit(struct mfix *f, struct str_hits *h, const char *s, bool strong)
{
	if (strong)
		h->strong++;
	else
		h->weak++;
	if (h->nkeep < RM_HITS_KEEP)
		h->keep[h->nkeep++] = tl_sdup(f->s, s);
}

static void
pool_conn(struct mfix *f, pid_t pid, uint16_t port)
{
	struct sock *k = tl_socks(f->s, 1);

	tl_sock_tcp(k, pid, POOL_IP, port);
	k->has_bytes = true;
	k->bytes_received = 123456;
}

static void
add_sysctl(struct mfix *f, const char *path, uint32_t line, const char *key,
	   const char *value)
{
	struct host *h = &f->s->host;
	struct sysctl_line *v = arena_alloc(&f->s->arena,
	    (h->nsysctls + 1) * sizeof(*v));

	if (h->nsysctls)
		memcpy(v, h->sysctls, h->nsysctls * sizeof(*v));
	v[h->nsysctls].path = tl_sdup(f->s, path);
	v[h->nsysctls].line = line;
	v[h->nsysctls].key = tl_sdup(f->s, key);
	v[h->nsysctls].value = tl_sdup(f->s, value);
	h->sysctls = v;
	h->nsysctls++;
}

static void
add_kmsg(struct mfix *f, const char *comm, int64_t pid, uint32_t msr)
{
	struct host *h = &f->s->host;
	struct msr_log *v = arena_alloc(&f->s->arena,
	    (h->nmsr_logs + 1) * sizeof(*v));

	if (h->nmsr_logs)
		memcpy(v, h->msr_logs, h->nmsr_logs * sizeof(*v));
	v[h->nmsr_logs].comm = tl_sdup(f->s, comm);
	v[h->nmsr_logs].pid = pid;
	v[h->nmsr_logs].msr = msr;
	v[h->nmsr_logs].usec = 5678901;
	h->msr_logs = v;
	h->nmsr_logs++;
	h->kmsg_read = true;
}

static int64_t
ev_int(const struct finding *x, const char *key)
{
	const struct evidence *e = finding_ev_get(x, key);

	if (e == NULL || e->type != EV_INT)
		fail_msg("no int evidence %s", key);
	return e->i;
}

/* ---- RM-MIN-001: what is not enough --------------------------------------- */

/* CPU is what compilers, compressors and ML jobs do. */
static void
test_cpu_alone_nothing(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "cc1plus", "/usr/lib/gcc/x86_64-linux-gnu/12/"
	    "cc1plus", EXE_FILE);

	p->cpu_pct = 395;
	p->threads = 1;
	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 0);
	/* inspected as a CPU-only candidate, nothing found: still nothing */
	deep(f, p)->reasons = DEEP_CPU;
	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 0);
	/* huge pages too (a database) */
	p->hugetlb_kb = 4u << 20;
	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 0);
}

/* CPU and a pool port: 8080 is every web app's, 3333 a dev server's. */
static void
test_cpu_and_port_nothing(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "node", "/usr/bin/node", EXE_FILE);

	p->cpu_pct = 180;
	pool_conn(f, p->pid, 3333);
	deep(f, p)->reasons = DEEP_CPU | DEEP_POOL_PORT;
	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 0);
	/* a weak string in the binary (librandomx, cryptonight) neither */
	add_hit(f, &p->deep->exe_hits, "randomx", false);
	add_hit(f, &p->deep->exe_hits, "cryptonight", false);
	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 0);
}

/* A planted stratum string in an idle process: medium, never more. */
static void
test_stratum_alone_medium(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "python3", "/usr/bin/python3.11", EXE_FILE);
	struct proc_deep *d = deep(f, p);
	const struct finding *x;

	p->cpu_pct = 0;
	/* a request alone is not a conversation: nothing */
	d->stratum = STRATUM_LOGIN;
	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 0);
	/* a login and a job */
	d->stratum = STRATUM_LOGIN | STRATUM_JOB;
	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 1);
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_int_equal(x->severity, SEV_MEDIUM);
	assert_int_equal(x->confidence, CONF_LOW);
	/* every shape at once */
	d->stratum = 0x1ff;
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_int_equal(x->severity, SEV_MEDIUM);
	assert_int_equal(x->confidence, CONF_LOW);
	assert_int_equal(ev_int(x, "evidence_kinds"), 1);
	assert_true(tl_ev_has(x, "signals", "stratum_in_memory"));
	assert_true(tl_ev_has(x, "stratum_methods", "login"));
	assert_true(tl_ev_has(x, "stratum_methods", "mining.authorize"));
	assert_true(tl_ev_has(x, "stratum_methods", "keepalived"));
	/* not measured CPU is 0% in the message */
	p->cpu_pct = -1;
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_int_equal(x->severity, SEV_MEDIUM);
	tl_assert_contains(x->message, " 0% CPU");
	assert_null(finding_ev_get(x, "cpu_percent"));
}

/* ---- RM-MIN-001: what is ---------------------------------------------------- */

static void
test_full_miner_critical(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "xmrig", "/tmp/.x/xmrig", EXE_FILE);
	struct proc_deep *d = deep(f, p);
	const struct finding *x;
	char *cmd = xasprintf("/tmp/.x/xmrig -o " POOL_IP ":3333 -u " W1
	    ".rig1 -k");

	p->cmdline = tl_sdup(f->s, cmd);
	free(cmd);
	p->cpu_pct = 197.6;
	p->nice = 19;
	pool_conn(f, p->pid, 3333);
	d->reasons = DEEP_CPU | DEEP_POOL_PORT | DEEP_CMDLINE;
	d->stratum = STRATUM_LOGIN | STRATUM_JOB | STRATUM_SUBMIT;
	d->agent = "XMRig/6.21.0 (Linux x86_64) libuv/1.44.2 gcc/12.2.0";
	d->login = W1 ".rig1";
	d->algo = "rx/0";
	d->mem_bytes = 4 << 20;
	d->cmd_pool = POOL_IP ":3333";
	d->wallet = W1;
	add_hit(f, &d->cmd_hits, "stratum+tcp://", true);

	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 1);
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_int_equal(x->severity, SEV_CRITICAL);
	assert_int_equal(x->confidence, CONF_HIGH);
	assert_string_equal(x->rule->category, "mining");
	tl_assert_contains(x->message, "4242");
	tl_assert_contains(x->message, "xmrig");
	tl_assert_contains(x->message, "198% CPU");
	tl_assert_contains(x->message, POOL_IP ":3333");
	tl_assert_contains(x->message, "stratum");
	assert_true(x->has_process);
	assert_string_equal(x->process.name, "xmrig");
	assert_string_equal(x->file_path, "/tmp/.x/xmrig");
	assert_string_equal(x->dest_ip, POOL_IP);
	assert_int_equal(x->dest_port, 3333);
	/* evidence */
	assert_true(tl_ev_has(x, "signals", "cpu"));
	assert_true(tl_ev_has(x, "signals", "pool_port"));
	assert_true(tl_ev_has(x, "signals", "stratum_in_memory"));
	assert_true(tl_ev_has(x, "signals", "miner_command_line"));
	assert_false(tl_ev_has(x, "signals", "pool_name"));
	assert_true(tl_ev_has(x, "stratum_methods", "login"));
	assert_true(tl_ev_has(x, "stratum_methods", "job"));
	assert_true(tl_ev_has(x, "stratum_methods", "submit"));
	assert_false(tl_ev_has(x, "stratum_methods", "mining.notify"));
	assert_string_equal(tl_ev_str(x, "wallet"), W1);
	assert_string_equal(tl_ev_str(x, "agent"), d->agent);
	assert_string_equal(tl_ev_str(x, "pool_url"), POOL_IP ":3333");
	assert_string_equal(tl_ev_str(x, "algorithm"), "rx/0");
	/* the login is the wallet plus a worker: not repeated */
	assert_null(finding_ev_get(x, "login"));
	assert_true(tl_ev_has(x, "command_line_strings", "stratum+tcp://"));
	assert_int_equal(ev_int(x, "cpu_percent"), 198);
	assert_int_equal(ev_int(x, "threads"), 4);
	assert_int_equal(ev_int(x, "nice"), 19);
	assert_int_equal(ev_int(x, "pool_bytes_received"), 123456);
	assert_int_equal(ev_int(x, "memory_bytes_read"), 4 << 20);
	assert_int_equal(ev_int(x, "evidence_kinds"), 3);
}

/* The pool's name, from /etc/hosts or from the URL in memory. */
static void
test_pool_name(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "xmrig", "/opt/xmrig", EXE_FILE);
	struct proc_deep *d = deep(f, p);
	const struct finding *x;

	p->cpu_pct = 99;
	pool_conn(f, p->pid, 443);                 /* TLS: not a pool port */
	tl_hosts_add(f->s, POOL_IP, "la01.supportxmr.com");
	d->stratum = STRATUM_LOGIN;
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_true(tl_ev_has(x, "signals", "pool_name"));
	assert_false(tl_ev_has(x, "signals", "pool_port"));
	assert_string_equal(tl_ev_str(x, "pool_name"), "la01.supportxmr.com");
	assert_string_equal(x->dest_ip, POOL_IP);
	assert_int_equal(x->dest_port, 443);
	tl_assert_contains(x->message, "la01.supportxmr.com " POOL_IP ":443");
	/* cpu 1 + name 3 + stratum 2 = 6, three kinds: high */
	assert_int_equal(x->severity, SEV_HIGH);
	assert_int_equal(x->confidence, CONF_HIGH);

	/* no connection, but the URL in memory names a known pool */
	f->s->nsocks = 0;
	f->s->host.nhosts = 0;
	d->pool_url = "stratum+ssl://Pool.SupportXMR.com:443";
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_true(tl_ev_has(x, "signals", "pool_name"));
	assert_string_equal(tl_ev_str(x, "pool_name"), "Pool.SupportXMR.com");
	assert_null(x->dest_ip);
	/* an unknown host is no name */
	d->pool_url = "stratum+tcp://c4k-rx0.pwndns.pw:80";
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_false(tl_ev_has(x, "signals", "pool_name"));
	assert_string_equal(tl_ev_str(x, "pool_url"),
	    "stratum+tcp://c4k-rx0.pwndns.pw:80");
}

/* A packed miner with its config beside it, burning CPU: high. */
static void
test_exe_config_cpu_high(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "systemd-logind", "/var/tmp/.ICE/sd", EXE_FILE);
	struct proc_deep *d = deep(f, p);
	const struct finding *x;

	p->cpu_pct = 350;
	add_hit(f, &d->exe_hits, "--donate-level", true);
	add_hit(f, &d->exe_hits, "stratum+tcp://", true);
	add_hit(f, &d->exe_hits, "[%s] login error code: %d", true);
	d->upx = true;
	d->config_path = "/var/tmp/.ICE/config.json";
	d->config_pool = "gulf.moneroocean.stream:10128";
	d->config_user = W1;
	d->config_donate = true;
	d->wallet = W1;
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	/* cpu 1 + binary 3 + config 3 + wallet 3 (+ name 2) */
	assert_int_equal(x->severity, SEV_CRITICAL);

	/* the same without the wallet and the pool name: two kinds, high */
	d->wallet = NULL;
	d->config_pool = "10.9.9.9:10128";
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_int_equal(x->severity, SEV_HIGH);
	assert_int_equal(x->confidence, CONF_MEDIUM);
	assert_true(tl_ev_has(x, "signals", "miner_binary"));
	assert_true(tl_ev_has(x, "signals", "miner_config"));
	assert_true(tl_ev_has(x, "signals", "cpu"));
	assert_true(tl_ev_has(x, "binary_strings", "--donate-level"));
	assert_string_equal(tl_ev_str(x, "config_file"),
	    "/var/tmp/.ICE/config.json");
	assert_string_equal(tl_ev_str(x, "pool_url"), "10.9.9.9:10128");
	assert_true(finding_ev_get(x, "upx_packed")->b);
	assert_int_equal(ev_int(x, "evidence_kinds"), 2);

	/* one strong string in the binary, no config: cpu 1 + 2, two kinds */
	d->config_path = NULL;
	d->config_pool = NULL;
	d->exe_hits.strong = 1;
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_int_equal(x->severity, SEV_MEDIUM);
	assert_int_equal(x->confidence, CONF_MEDIUM);
	/* Perfctl's UPX with the magic altered counts as a miner binary */
	d->exe_hits.strong = 0;
	d->upx_magic_altered = true;
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_true(tl_ev_has(x, "signals", "miner_binary"));
	assert_true(finding_ev_get(x, "upx_magic_altered")->b);
}

/* The kernel names the MSR writer; holding the device is enough. */
static void
test_msr_kernel_evidence(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "kswapd0", "/usr/sbin/kswapd0", EXE_FILE);
	const struct finding *x;

	p->msr_fds = 2;
	add_kmsg(f, "kswapd0", 4242, 0x1a4);
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_true(tl_ev_has(x, "signals", "msr_device"));
	assert_true(tl_ev_has(x, "signals", "msr_kernel_log"));
	assert_true(tl_ev_has(x, "signals", "disguise"));    /* kswapd0 */
	assert_string_equal(tl_ev_str(x, "kernel_log"), "msr: Write to "
	    "unrecognized MSR 0x1a4 by kswapd0 (pid: 4242)");
	assert_int_equal(ev_int(x, "msr_fds"), 2);
	/* two kinds: kernel, and hiding (a kernel-thread name) */
	assert_int_equal(x->severity, SEV_HIGH);
	assert_int_equal(x->confidence, CONF_MEDIUM);

	/* the log line alone, naming the pid and comm: found */
	p->msr_fds = 0;
	run(f, "RM-MIN-001");
	assert_int_equal(tl_count(&f->fs, "RM-MIN-001", 4242), 1);
	/* a line about another pid, or another comm: nothing */
	f->s->host.msr_logs[0].pid = 4243;
	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 0);
	f->s->host.msr_logs[0].pid = 4242;
	f->s->host.msr_logs[0].comm = "xmrig";
	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 0);
}

/* The host tuning goes into the miner's finding. */
static void
test_host_tuning_evidence(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "xmrig", "/opt/xmrig", EXE_FILE);
	const struct finding *x;

	p->cpu_pct = 100;
	deep(f, p)->stratum = STRATUM_LOGIN | STRATUM_JOB;
	f->s->host.msr_allow_writes = "on";
	f->s->host.taint = 4 | 4096;
	f->s->host.nr_hugepages = 1168;
	add_sysctl(f, "/etc/sysctl.conf", 31, "vm.nr_hugepages", "1168");
	add_sysctl(f, "/etc/sysctl.d/99-x.conf", 2, "kernel.nmi_watchdog",
	    "0");
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_string_equal(tl_ev_str(x, "msr_allow_writes"), "on");
	assert_true(finding_ev_get(x, "kernel_taint_cpu_out_of_spec")->b);
	assert_int_equal(ev_int(x, "vm_nr_hugepages"), 1168);
	assert_true(tl_ev_has(x, "persisted_tuning",
	    "/etc/sysctl.conf:31 vm.nr_hugepages=1168"));
	assert_true(tl_ev_has(x, "persisted_tuning",
	    "/etc/sysctl.d/99-x.conf:2 kernel.nmi_watchdog=0"));
	/* "default" is the kernel's own setting, not evidence */
	f->s->host.msr_allow_writes = "default";
	f->s->host.taint = 1;
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_null(finding_ev_get(x, "msr_allow_writes"));
	assert_null(finding_ev_get(x, "kernel_taint_cpu_out_of_spec"));
}

/* A login that is not the wallet is shown as the login; a kernel
 * thread with no executable is never judged. */
static void
test_login_and_kthread(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "x", "/opt/x", EXE_FILE);
	struct proc_deep *d = deep(f, p);
	const struct finding *x;

	d->stratum = STRATUM_AUTHORIZE | STRATUM_NOTIFY;
	d->login = "slush.miner1";
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_string_equal(tl_ev_str(x, "login"), "slush.miner1");
	assert_null(finding_ev_get(x, "wallet"));
	assert_true(tl_ev_has(x, "stratum_methods", "mining.authorize"));
	assert_true(tl_ev_has(x, "stratum_methods", "mining.notify"));

	p->flags = PF_KTHREAD_FLAG;
	p->exe_kind = EXE_NONE;
	p->exe = NULL;
	p->msr_fds = 1;
	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 0);
}

/*
 * Regression (was a bug): miner.c peer_pool_name() (and deep.c addr_named_pool() in triage)
 * match any /etc/hosts entry whose address equals the peer's.  Miner
 * scripts block competitors' pools with "127.0.0.1 pool.minexmr.com"
 * (THREATS.md EVA-9), and hosts blocklists sink pools to 0.0.0.0 or
 * 127.0.0.1: every process with a loopback connection (php-fpm to MySQL)
 * then gets pool_name (3 points, a content kind) and an RM-MIN-001.
 */
static void
test_pool_name_loopback_block(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "php-fpm8.2", "/usr/sbin/php-fpm8.2", EXE_FILE);
	struct sock *k = tl_socks(f->s, 2);

	p->cpu_pct = 60;
	tl_sock_tcp(&k[0], p->pid, "127.0.0.1", 3306);
	tl_sock_tcp(&k[1], p->pid, "::1", 6379);
	tl_hosts_add(f->s, "127.0.0.1", "pool.minexmr.com");
	tl_hosts_add(f->s, "::1", "xmr.pool.minergate.com");
	tl_hosts_add(f->s, "0.0.0.0", "c3pool.com");
	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 0);
}

/*
 * Regression (was a bug): det_min_miner.c casts the measured CPU to int unchecked: a faked
 * /proc/PID/stat (Perfctl's preload hook, a hostile --procfs fixture)
 * gives any cpu_pct, and (int)(1e20 + 0.5) is undefined behaviour
 * (UBSan: float-cast-overflow); on x86 the message says
 * "-2147483648% CPU".  Same for the int64 casts of the evidence in
 * RM-MIN-001, RM-MIN-003 and RM-MIN-004.
 */
static void
test_cpu_percent_huge(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "xmrig", "/opt/xmrig", EXE_FILE);
	const struct finding *x;

	deep(f, p)->stratum = STRATUM_LOGIN | STRATUM_JOB;
	p->cpu_pct = 1e20;
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_null(strstr(x->message, "-2147483648"));
	assert_true(finding_ev_get(x, "cpu_percent")->i > 0);
}

/*
 * Regression (was a bug): miner.c counts d->wallet as command-line evidence (MS_CMDLINE,
 * kind ARTEFACT, 3 points), but deep.c inspect() also fills d->wallet
 * from the login found in memory and from the config's user.  A login
 * message planted in an idle process's memory is then two independent
 * kinds (memory + "miner_command_line") and reaches high, where the
 * design (miner.h, RM-MIN-001's table) says stratum in memory alone is
 * medium, never more.
 */
static void
test_memory_wallet_is_not_cmdline(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "python3", "/usr/bin/python3.11", EXE_FILE);
	struct proc_deep *d = deep(f, p);
	const struct finding *x;

	p->cpu_pct = 30;                  /* a candidate, not "cpu" (>= 50) */
	p->cmdline = "python3 /srv/app/worker.py";
	d->reasons = DEEP_CPU;
	d->stratum = STRATUM_LOGIN | STRATUM_JOB;
	d->login = W1;
	d->wallet = W1;                  /* what inspect() derives from it */
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_false(tl_ev_has(x, "signals", "miner_command_line"));
	assert_int_equal(x->severity, SEV_MEDIUM);
}

/* ---- RM-MIN-004 and its boundary with RM-MIN-001 -------------------------- */

static struct proc *
monerod(struct mfix *f, const char *comm, const char *exe, enum exe_kind k)
{
	struct proc *p = one(f, comm, exe, k);
	struct proc_deep *d = deep(f, p);

	p->cmdline = "/usr/bin/monerod --non-interactive --config-file "
	    "/etc/monero/monerod.conf";
	p->cpu_pct = 15;
	add_hit(f, &d->exe_hits, "randomx", false);
	add_hit(f, &d->exe_hits, "monero", false);
	d->exe_package = "monero";
	return p;
}

static void
test_sanctioned_monerod(void **state)
{
	struct mfix *f = *state;
	struct proc *p = monerod(f, "monerod", "/usr/bin/monerod", EXE_FILE);
	const struct finding *x;

	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 0);
	run(f, "RM-MIN-004");
	assert_int_equal(f->fs.n, 1);
	x = tl_get(&f->fs, "RM-MIN-004", 4242);
	assert_int_equal(x->severity, SEV_INFO);
	assert_int_equal(x->confidence, CONF_HIGH);
	assert_string_equal(tl_ev_str(x, "package"), "monero");
	assert_false(finding_ev_get(x, "mining")->b);
	assert_string_equal(x->file_path, "/usr/bin/monerod");
	tl_assert_contains(x->message, "monero package");

	/* mining (stratum in memory, CPU): low, and still not RM-MIN-001,
	 * however much evidence */
	p->cpu_pct = 190;
	p->deep->stratum = STRATUM_LOGIN | STRATUM_JOB;
	p->msr_fds = 1;
	pool_conn(f, p->pid, 3333);
	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 0);
	run(f, "RM-MIN-004");
	x = tl_get(&f->fs, "RM-MIN-004", 4242);
	assert_int_equal(x->severity, SEV_LOW);
	assert_true(finding_ev_get(x, "mining")->b);
	tl_assert_contains(x->message, "it is mining");
	/* not inspected, or not from a package: not RM-MIN-004 */
	p->deep->exe_package = NULL;
	run(f, "RM-MIN-004");
	assert_int_equal(f->fs.n, 0);
	p->deep = NULL;
	run(f, "RM-MIN-004");
	assert_int_equal(f->fs.n, 0);
}

/* Disguised, the same software is a miner, not an installed package. */
static void
test_disguised_monerod(void **state)
{
	struct mfix *f = *state;
	static const struct {
		const char *comm, *exe;
		enum exe_kind kind;
	} c[] = {
		{ "monerod", "/usr/bin/monerod (deleted)", EXE_DELETED },
		{ "kworker/0:1", "/usr/bin/monerod", EXE_FILE },
		{ "monerod", "/tmp/monerod", EXE_FILE },
		{ "monerod", "/memfd:m (deleted)", EXE_MEMFD },
	};

	for (size_t i = 0; i < TL_NELEM(c); i++) {
		struct proc *p = monerod(f, c[i].comm, c[i].exe, c[i].kind);
		const struct finding *x;

		p->cpu_pct = 190;
		p->deep->stratum = STRATUM_LOGIN | STRATUM_JOB;
		run(f, "RM-MIN-004");
		assert_int_equal(f->fs.n, 0);
		run(f, "RM-MIN-001");
		assert_int_equal(f->fs.n, 1);
		x = tl_get(&f->fs, "RM-MIN-001", 4242);
		assert_true(tl_ev_has(x, "signals", "disguise"));
		assert_true(tl_ev_has(x, "signals", "stratum_in_memory"));
	}
	/* the kernel naming it also ends the sanction */
	{
		struct proc *p = monerod(f, "monerod", "/usr/bin/monerod",
		    EXE_FILE);

		add_kmsg(f, "monerod", p->pid, 0xc0011020);
		run(f, "RM-MIN-004");
		assert_int_equal(f->fs.n, 0);
		run(f, "RM-MIN-001");
		assert_int_equal(tl_count(&f->fs, "RM-MIN-001", 4242), 1);
	}
}

/* A packaged *miner* is not exempt (intruders apt-get install xmrig
 * too): RM-MIN-001, its package in the evidence, and no RM-MIN-004. */
static void
test_packaged_xmrig_not_exempt(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "xmrig", "/usr/bin/xmrig", EXE_FILE);
	struct proc_deep *d = deep(f, p);
	const struct finding *x;

	p->cpu_pct = 190;
	d->exe_package = "xmrig";
	d->stratum = STRATUM_LOGIN | STRATUM_JOB;
	run(f, "RM-MIN-004");
	assert_int_equal(f->fs.n, 0);
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_string_equal(tl_ev_str(x, "package"), "xmrig");
	assert_int_equal(x->severity, SEV_HIGH);
}

/* UPX alone is common (Go tools, embedded); UPX in a disguised place
 * (/tmp, a fake name) counts as a miner binary. */
static void
test_upx_disguised(void **state)
{
	struct mfix *f = *state;
	struct proc *p = one(f, "kdevtmpfsi", "/tmp/kdevtmpfsi", EXE_FILE);
	struct proc_deep *d = deep(f, p);
	const struct finding *x;

	p->cpu_pct = 380;
	d->upx = true;
	run(f, "RM-MIN-001");
	x = tl_get(&f->fs, "RM-MIN-001", 4242);
	assert_true(tl_ev_has(x, "signals", "miner_binary"));
	assert_true(tl_ev_has(x, "signals", "disguise"));
	assert_true(finding_ev_get(x, "upx_packed")->b);
	/* the same in /usr/local/bin under its own name: nothing */
	p = one(f, "syncthing", "/usr/local/bin/syncthing", EXE_FILE);
	deep(f, p)->upx = true;
	p->cpu_pct = 380;
	run(f, "RM-MIN-001");
	assert_int_equal(f->fs.n, 0);
}

/* ---- RM-MIN-002 --------------------------------------------------------------- */

static void
test_tuning_msr_and_taint_high(void **state)
{
	struct mfix *f = *state;
	const struct finding *x;

	tl_procs(f->s, 3);
	f->s->host.msr_allow_writes = "on";
	f->s->host.taint = 4;
	run(f, "RM-MIN-002");
	assert_int_equal(f->fs.n, 1);
	x = f->fs.v[0];
	assert_string_equal(x->rule->id, "RM-MIN-002");
	assert_int_equal(x->severity, SEV_HIGH);
	assert_int_equal(x->confidence, CONF_HIGH);
	assert_string_equal(tl_ev_str(x, "msr_allow_writes"), "on");
	assert_true(finding_ev_get(x, "kernel_taint_cpu_out_of_spec")->b);
	tl_assert_contains(x->message, "MSR writes on");
	assert_false(x->has_process);

	/* either alone: medium */
	f->s->host.taint = 0;
	run(f, "RM-MIN-002");
	assert_int_equal(f->fs.n, 1);
	assert_int_equal(f->fs.v[0]->severity, SEV_MEDIUM);
	f->s->host.msr_allow_writes = NULL;
	f->s->host.taint = 4;
	run(f, "RM-MIN-002");
	assert_int_equal(f->fs.n, 1);
	assert_int_equal(f->fs.v[0]->severity, SEV_MEDIUM);
	/* unknown taint (-1), other bits, allow_writes default: nothing */
	f->s->host.taint = -1;
	run(f, "RM-MIN-002");
	assert_int_equal(f->fs.n, 0);
	f->s->host.taint = 1 | 512 | 4096;
	f->s->host.msr_allow_writes = "default";
	run(f, "RM-MIN-002");
	assert_int_equal(f->fs.n, 0);
}

static void
test_tuning_kmsg_high(void **state)
{
	struct mfix *f = *state;
	const struct finding *x;

	tl_procs(f->s, 2);
	add_kmsg(f, "xmrig", 31337, 0x1a4);       /* a pid nobody has now */
	run(f, "RM-MIN-002");
	assert_int_equal(f->fs.n, 1);
	x = f->fs.v[0];
	assert_int_equal(x->severity, SEV_HIGH);
	assert_int_equal(x->confidence, CONF_HIGH);
	assert_true(tl_ev_has(x, "kernel_log", "msr: Write to unrecognized "
	    "MSR 0x1a4 by xmrig (pid: 31337)"));
	tl_assert_contains(x->message, "MSR writes in the kernel log");
}

static void
test_tuning_persisted(void **state)
{
	struct mfix *f = *state;
	const struct finding *x;

	tl_procs(f->s, 2);
	/* huge pages alone: databases do that */
	add_sysctl(f, "/etc/sysctl.conf", 12, "vm.nr_hugepages", "1168");
	f->s->host.hugepages_total = 1168;
	run(f, "RM-MIN-002");
	assert_int_equal(f->fs.n, 0);
	/* the NMI watchdog left on: still nothing */
	add_sysctl(f, "/etc/sysctl.d/10-x.conf", 1, "kernel.nmi_watchdog", "1");
	run(f, "RM-MIN-002");
	assert_int_equal(f->fs.n, 0);
	/* the copied miner setup: both */
	add_sysctl(f, "/etc/sysctl.conf", 13, "kernel.nmi_watchdog", "0");
	run(f, "RM-MIN-002");
	assert_int_equal(f->fs.n, 1);
	x = f->fs.v[0];
	assert_int_equal(x->severity, SEV_LOW);
	assert_int_equal(x->confidence, CONF_LOW);
	assert_true(tl_ev_has(x, "persisted_tuning",
	    "/etc/sysctl.conf:12 vm.nr_hugepages=1168"));
	assert_true(tl_ev_has(x, "persisted_tuning",
	    "/etc/sysctl.conf:13 kernel.nmi_watchdog=0"));
	assert_int_equal(ev_int(x, "hugepages_reserved"), 1168);
	tl_assert_contains(x->message, "huge pages and NMI watchdog off");
	/* nmi_watchdog=0 alone: nothing */
	f->s->host.nsysctls = 0;
	add_sysctl(f, "/etc/sysctl.conf", 13, "kernel.nmi_watchdog", "0");
	run(f, "RM-MIN-002");
	assert_int_equal(f->fs.n, 0);
}

/*
 * Regression (was a bug): det_min_tuning.c counts any vm.nr_hugepages line as "huge pages
 * persisted", whatever its value: "vm.nr_hugepages = 0" (reserving none)
 * next to the common performance setting kernel.nmi_watchdog = 0 gives a
 * finding that says huge pages were persisted.
 */
static void
test_tuning_hugepages_zero(void **state)
{
	struct mfix *f = *state;

	tl_procs(f->s, 1);
	add_sysctl(f, "/etc/sysctl.d/10-perf.conf", 1, "vm.nr_hugepages", "0");
	add_sysctl(f, "/etc/sysctl.d/10-perf.conf", 2, "kernel.nmi_watchdog",
	    "0");
	run(f, "RM-MIN-002");
	assert_int_equal(f->fs.n, 0);
}

/* A miner that RM-MIN-001 reports carries this evidence itself. */
static void
test_tuning_silent_with_miner(void **state)
{
	struct mfix *f = *state;
	struct proc *v = tl_procs(f->s, 2);
	struct proc_deep *d = arena_alloc(&f->s->arena, sizeof(*d));

	f->s->host.msr_allow_writes = "on";
	f->s->host.taint = 4;
	add_kmsg(f, "xmrig", 1001, 0x1a4);
	add_sysctl(f, "/etc/sysctl.conf", 1, "vm.nr_hugepages", "1168");
	add_sysctl(f, "/etc/sysctl.conf", 2, "kernel.nmi_watchdog", "0");
	tl_proc_set(f->s, &v[1], 1001, 1, "xmrig", "/opt/xmrig", EXE_FILE);
	d->stratum = STRATUM_LOGIN | STRATUM_JOB;
	v[1].deep = d;
	v[1].cpu_pct = 180;
	run(f, "RM-MIN-001");
	assert_int_equal(tl_count(&f->fs, "RM-MIN-001", 1001), 1);
	run(f, "RM-MIN-002");
	assert_int_equal(f->fs.n, 0);
	/* once it is gone (the pid is another process now), the host still
	 * tells */
	tl_proc_set(f->s, &v[1], 1002, 1, "bash", "/usr/bin/bash", EXE_FILE);
	v[1].deep = NULL;
	v[1].cpu_pct = 0;
	run(f, "RM-MIN-002");
	assert_int_equal(f->fs.n, 1);
	assert_int_equal(f->fs.v[0]->severity, SEV_HIGH);
}

/* ---- RM-MIN-003 ---------------------------------------------------------------- */

static void
test_hidden_cpu(void **state)
{
	struct mfix *f = *state;
	struct host *h = &f->s->host;
	const struct finding *x;

	tl_procs(f->s, 5);
	/* 2 CPUs: the tasks used 200%, the visible processes 10% */
	h->ncpu = 2;
	h->cpu_task_pct = 200;
	h->cpu_procs_pct = 10;
	run(f, "RM-MIN-003");
	assert_int_equal(f->fs.n, 1);
	x = f->fs.v[0];
	assert_string_equal(x->rule->id, "RM-MIN-003");
	assert_int_equal(x->severity, SEV_HIGH);
	assert_int_equal(x->confidence, CONF_MEDIUM);
	assert_int_equal(ev_int(x, "unaccounted_cpu_percent"), 190);
	assert_int_equal(ev_int(x, "tasks_cpu_percent"), 200);
	assert_int_equal(ev_int(x, "visible_processes_cpu_percent"), 10);
	assert_int_equal(ev_int(x, "cpus"), 2);
	assert_int_equal(ev_int(x, "visible_processes"), 5);
	tl_assert_contains(x->message, "190%");

	/* a 95% gap on 8 CPUs is under a quarter of the machine */
	h->ncpu = 8;
	h->cpu_task_pct = 105;
	h->cpu_procs_pct = 10;
	run(f, "RM-MIN-003");
	assert_int_equal(f->fs.n, 0);
	/* a whole core and a quarter of 8: found */
	h->cpu_task_pct = 215;
	run(f, "RM-MIN-003");
	assert_int_equal(f->fs.n, 1);
	assert_int_equal(f->fs.v[0]->severity, SEV_HIGH);
	/* one CPU, a core's worth: medium; under 90: nothing */
	h->ncpu = 1;
	h->cpu_task_pct = 100;
	h->cpu_procs_pct = 5;
	run(f, "RM-MIN-003");
	assert_int_equal(f->fs.n, 1);
	assert_int_equal(f->fs.v[0]->severity, SEV_MEDIUM);
	h->cpu_procs_pct = 15;
	run(f, "RM-MIN-003");
	assert_int_equal(f->fs.n, 0);
	/* ncpu unknown counts as one */
	h->ncpu = 0;
	h->cpu_procs_pct = 5;
	run(f, "RM-MIN-003");
	assert_int_equal(f->fs.n, 1);
	/* visible processes using more than the tasks: nothing */
	h->cpu_task_pct = 5;
	h->cpu_procs_pct = 100;
	run(f, "RM-MIN-003");
	assert_int_equal(f->fs.n, 0);
}

static void
test_hidden_cpu_not_measured(void **state)
{
	struct mfix *f = *state;
	struct host *h = &f->s->host;

	h->ncpu = 2;
	h->cpu_task_pct = -1;
	h->cpu_procs_pct = 10;
	run(f, "RM-MIN-003");
	assert_int_equal(f->fs.n, 0);
	h->cpu_task_pct = 200;
	h->cpu_procs_pct = -1;
	run(f, "RM-MIN-003");
	assert_int_equal(f->fs.n, 0);
	/* --root: a disk image has no CPU */
	h->cpu_procs_pct = 10;
	f->s->live = false;
	run(f, "RM-MIN-003");
	assert_int_equal(f->fs.n, 0);
	f->s->live = true;
	run(f, "RM-MIN-003");
	assert_int_equal(f->fs.n, 1);
}

/* All four through the full detector run, and the JSON stays valid. */
static void
test_all_mining_rules_json(void **state)
{
	struct mfix *f = *state;
	struct proc *v = tl_procs(f->s, 2);
	struct proc_deep *d = arena_alloc(&f->s->arena, sizeof(*d));
	struct findings fs;
	struct report r;
	struct buf b;

	tl_proc_set(f->s, &v[1], 1001, 1, "kworker/0:0\x1b[31m",
	    "/dev/shm/.x/\xff\"x", EXE_FILE);
	v[1].cpu_pct = 190;
	d->stratum = STRATUM_LOGIN | STRATUM_JOB;
	d->agent = "XMRig\"/\x01\\";
	d->login = "w\"\n";
	v[1].deep = d;
	f->s->host.cpu_task_pct = 400;
	f->s->host.cpu_procs_pct = 200;
	findings_init(&fs);
	detect_run(f->s, &fs);
	assert_int_equal(tl_count(&fs, "RM-MIN-001", 1001), 1);
	assert_int_equal(tl_count(&fs, "RM-MIN-003", 0), 1);
	assert_int_equal(tl_count(&fs, "RM-MIN-002", 0), 0);
	memset(&r, 0, sizeof(r));
	r.s = f->s;
	r.fs = &fs;
	r.facts = true;                   /* the deep facts too */
	r.fail_on = SEV_HIGH;
	buf_init(&b, 1 << 24);
	out_json(&b, &r);
	assert_false(b.overflow);
	tl_assert_json(b.data, b.len);
	buf_free(&b);
	findings_free(&fs);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_cpu_alone_nothing),
		T(test_cpu_and_port_nothing),
		T(test_stratum_alone_medium),
		T(test_full_miner_critical),
		T(test_pool_name),
		T(test_exe_config_cpu_high),
		T(test_msr_kernel_evidence),
		T(test_host_tuning_evidence),
		T(test_login_and_kthread),
		T(test_pool_name_loopback_block),
		T(test_cpu_percent_huge),
		T(test_memory_wallet_is_not_cmdline),
		T(test_sanctioned_monerod),
		T(test_disguised_monerod),
		T(test_packaged_xmrig_not_exempt),
		T(test_upx_disguised),
		T(test_tuning_msr_and_taint_high),
		T(test_tuning_kmsg_high),
		T(test_tuning_persisted),
		T(test_tuning_hugepages_zero),
		T(test_tuning_silent_with_miner),
		T(test_hidden_cpu),
		T(test_hidden_cpu_not_measured),
		T(test_all_mining_rules_json),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
