/*
 * test_rootkit.c - the rootkit checks, without a rootkit:
 *   hidden_scan() with an injected /proc listing and probe (collect/
 *   hidden.c): hidden pids, threads, races, unreadable dirs and mounts;
 *   RM-ROOT-002 and its cross-reference with RM-EVA-003;
 *   kmod_merge() and RM-ROOT-003 (hidden, rootkit-named, tainting
 *   modules; the kernel's taint with no module to carry it);
 *   rootkit-modules.txt parsing;
 *   RM-EVA-001 / RM-EVA-002 with what a preloaded library hooks.
 */
#include "testlib.h"
#include "collect/ftrace_parse.h"
#include "collect/hidden.h"
#include "core/ioc.h"

/* ---- hidden_scan with a fake kernel -------------------------------------- */

#define FMAX 65536

struct fake {
	uint8_t listed[FMAX + 1];   /* in the first listing */
	uint8_t relisted[FMAX + 1]; /* in the later listings */
	uint8_t alive[FMAX + 1];    /* answers (first sweep) */
	uint8_t alive2[FMAX + 1];   /* answers on re-checks */
	pid_t tgid[FMAX + 1];       /* 0: itself */
	int lists;
};

static int
f_list(void *ctx, uint8_t *map, uint32_t max)
{
	struct fake *f = ctx;
	const uint8_t *v = f->lists++ ? f->relisted : f->listed;

	for (uint32_t p = 1; p <= max && p <= FMAX; p++)
		if (v[p])
			map[p >> 3] |= (uint8_t)(1u << (p & 7));
	return RM_OK;
}

static unsigned
f_probe(void *ctx, pid_t pid)
{
	struct fake *f = ctx;
	const uint8_t *v = f->lists > 1 ? f->alive2 : f->alive;

	return pid > 0 && pid <= FMAX && v[pid] ? HIDDEN_BY_KILL |
	    HIDDEN_BY_GETPGID : 0;
}

static pid_t
f_tgid(void *ctx, pid_t pid)
{
	struct fake *f = ctx;

	return f->tgid[pid] ? f->tgid[pid] : pid;
}

/* pid listed, alive and readable throughout */
static void
f_normal(struct fake *f, pid_t pid)
{
	f->listed[pid] = f->relisted[pid] = 1;
	f->alive[pid] = f->alive2[pid] = 1;
}

struct hfix {
	char *dir;
	int procfd;
	struct snapshot *s;
	struct fake f;
	struct hidden_ops ops;
	struct hidden_opts o;
};

static int
hsetup(void **state)
{
	struct hfix *h = xcalloc(1, sizeof(*h));

	h->dir = tl_tmpdir();
	h->procfd = tl_opendir(h->dir);
	h->s = tl_snap_new();
	h->ops = (struct hidden_ops){ f_list, f_probe, f_tgid, &h->f };
	h->o = (struct hidden_opts){ .pid_max = FMAX };
	*state = h;
	return 0;
}

static int
hteardown(void **state)
{
	struct hfix *h = *state;

	close(h->procfd);
	tl_rmrf(h->dir);
	free(h->dir);
	tl_snap_free(h->s);
	free(h);
	return 0;
}

/* the readable processes of the snapshot: pids given, listed and alive */
static void
h_procs(struct hfix *h, const pid_t *pids, size_t n)
{
	struct proc *v = tl_procs(h->s, n);

	for (size_t i = 0; i < n; i++) {
		v[i].pid = pids[i];
		f_normal(&h->f, pids[i]);
	}
}

static void
test_hidden_unlisted(void **state)
{
	struct hfix *h = *state;
	static const pid_t pids[] = { 1, 2, 300 };
	const struct hidden_pid *hp;

	h_procs(h, pids, TL_NELEM(pids));
	/* 4242: answers, never listed, leads its group: hidden */
	h->f.alive[4000] = h->f.alive2[4000] = 1;
	tl_writes(h->dir, "4000/comm", "diamorphine_secret\n");
	tl_writes(h->dir, "4000/status", "Name:\tx\nTgid:\t4000\nPPid:\t1\n"
	    "Uid:\t0\t0\t0\t0\n");
	assert_int_equal(hidden_scan(h->s, h->procfd, &h->ops, &h->o), RM_OK);
	assert_int_equal(h->s->nhidden_pids, 1);
	hp = &h->s->hidden_pids[0];
	assert_int_equal(hp->pid, 4000);
	assert_int_equal(hp->kind, HIDDEN_UNLISTED);
	assert_true(hp->how & HIDDEN_BY_KILL);
	assert_true(hp->how & HIDDEN_BY_LOOKUP);
	assert_string_equal(hp->comm, "diamorphine_secret");
	tl_assert_contains(hp->status, "Tgid:\t4000");
	assert_null(hp->mount_point);
	assert_true(h->s->pid_probe_done);
	assert_int_equal(h->s->pid_probe_max, FMAX);
	/* three listings: the sweep and two re-checks */
	assert_int_equal(h->f.lists, 3);
}

/* Thread ids answer kill() and are never listed: not hidden. */
static void
test_hidden_threads_are_not(void **state)
{
	struct hfix *h = *state;
	static const pid_t pids[] = { 1, 500 };

	h_procs(h, pids, TL_NELEM(pids));
	for (pid_t t = 501; t < 520; t++) {
		h->f.alive[t] = h->f.alive2[t] = 1;
		h->f.tgid[t] = 500;
	}
	/* a thread of a group the kernel names but no status shows */
	h->f.alive[900] = h->f.alive2[900] = 1;
	h->f.tgid[900] = INT32_MAX;
	assert_int_equal(hidden_scan(h->s, h->procfd, &h->ops, &h->o), RM_OK);
	assert_int_equal(h->s->nhidden_pids, 0);
}

/* Processes that start or exit during the probe are not hidden. */
static void
test_hidden_races(void **state)
{
	struct hfix *h = *state;
	static const pid_t pids[] = { 1 };

	h_procs(h, pids, TL_NELEM(pids));
	/* started after the first listing: listed by the re-check */
	h->f.alive[600] = h->f.alive2[600] = 1;
	h->f.relisted[600] = 1;
	/* exited before the re-check */
	h->f.alive[700] = 1;
	/* became a thread?  (pid reused by a thread) */
	h->f.alive[800] = h->f.alive2[800] = 1;
	assert_int_equal(hidden_scan(h->s, h->procfd, &h->ops, &h->o), RM_OK);
	/* 800 stays: alive, unlisted, its own group throughout */
	assert_int_equal(h->s->nhidden_pids, 1);
	assert_int_equal(h->s->hidden_pids[0].pid, 800);
}

/* Listed, not read by the process pass, unreadable, alive: the mount
 * case.  Tied to the mount over /proc/PID when there is one. */
static void
test_hidden_unreadable_and_mount(void **state)
{
	struct hfix *h = *state;
	static const pid_t pids[] = { 1 };
	struct proc_mount *m;
	const struct hidden_pid *hp;

	h_procs(h, pids, TL_NELEM(pids));
	/* 1500 and 1600: listed, alive, their dirs empty */
	for (pid_t p = 1500; p <= 1600; p += 100) {
		char rel[32];

		f_normal(&h->f, p);
		snprintf(rel, sizeof(rel), "%d", (int)p);
		tl_mkdirs(h->dir, rel);
	}
	/* 1700: listed, alive, readable (it started after the pass) */
	f_normal(&h->f, 1700);
	tl_writes(h->dir, "1700/stat", "1700 (x) S 1 1 1 0 -1 0\n");
	/* 1800: listed, not read, gone */
	h->f.listed[1800] = 1;
	m = arena_alloc(&h->s->arena, sizeof(*m));
	m->pid = 1500;
	m->mount_point = "/proc/1500";
	m->root = "/tmp/empty";
	m->fstype = "tmpfs";
	m->source = "tmpfs";
	h->s->host.proc_mounts = m;
	h->s->host.nproc_mounts = 1;
	assert_int_equal(hidden_scan(h->s, h->procfd, &h->ops, &h->o), RM_OK);
	assert_int_equal(h->s->nhidden_pids, 2);
	hp = snapshot_hidden_pid(h->s, 1500);
	assert_non_null(hp);
	assert_int_equal(hp->kind, HIDDEN_UNREADABLE);
	assert_string_equal(hp->mount_point, "/proc/1500");
	hp = snapshot_hidden_pid(h->s, 1600);
	assert_non_null(hp);
	assert_null(hp->mount_point);
	assert_null(snapshot_hidden_pid(h->s, 1700));
	assert_null(snapshot_hidden_pid(h->s, 1800));
}

/* The scanner itself is listed but not in the facts: never a suspect. */
static void
test_hidden_self_ignored(void **state)
{
	struct hfix *h = *state;
	pid_t self = getpid();

	if (self > FMAX)
		TL_SKIP("this test's pid %d is above the fake pid_max",
		    (int)self);
	f_normal(&h->f, self);  /* listed, not in s->procs, dir unreadable */
	assert_int_equal(hidden_scan(h->s, h->procfd, &h->ops, &h->o), RM_OK);
	assert_null(snapshot_hidden_pid(h->s, self));
}

static void
test_hidden_budget(void **state)
{
	struct hfix *h = *state;

	h->o.pid_max = 1u << 20;  /* the fake answers nothing above FMAX */
	h->o.budget_s = 1e-9;
	assert_int_equal(hidden_scan(h->s, h->procfd, &h->ops, &h->o), RM_OK);
	assert_false(h->s->pid_probe_done);
	assert_true(h->s->pid_probe_max < h->o.pid_max);
	assert_true(tl_skipped(h->s, "hidden processes: pid probe",
	    "stopped"));
}

/* Thousands of answering pids: capped, the rest counted. */
static void
test_hidden_cap(void **state)
{
	struct hfix *h = *state;

	for (pid_t p = 1; p <= FMAX; p++)
		h->f.alive[p] = h->f.alive2[p] = 1;
	assert_int_equal(hidden_scan(h->s, h->procfd, &h->ops, &h->o), RM_OK);
	assert_int_equal(h->s->nhidden_pids, RM_HIDDEN_MAX);
	assert_true(tl_skipped(h->s, "hidden processes: some", NULL));
}

/* ---- RM-ROOT-002 and RM-EVA-003 ------------------------------------------ */

static struct hidden_pid *
add_hidden(struct snapshot *s, pid_t pid, enum hidden_kind k,
	   const char *mount)
{
	struct hidden_pid *v = arena_alloc(&s->arena, (s->nhidden_pids + 1) *
	    sizeof(*v));

	if (s->nhidden_pids)
		memcpy(v, s->hidden_pids, s->nhidden_pids * sizeof(*v));
	s->hidden_pids = v;
	v += s->nhidden_pids++;
	v->pid = pid;
	v->kind = k;
	v->how = HIDDEN_BY_KILL | HIDDEN_BY_GETPGID | HIDDEN_BY_LOOKUP;
	v->pgid = pid;
	v->sid = 1;
	v->comm = "xmrig";
	v->exe = "/tmp/.x/xmrig";
	v->status = "Name:\txmrig\nState:\tR (running)\nTgid:\t4242\n"
	    "PPid:\t1\nUid:\t1000\t0\t0\t0\n";
	v->mount_point = mount;
	return v;
}

static void
test_root002_findings(void **state)
{
	struct snapshot *s = tl_snap_new();
	const struct finding *f;
	struct findings fs;

	(void)state;
	s->pid_probe_done = true;
	s->sched_tasks = 120;
	s->visible_tasks = 118;
	add_hidden(s, 4242, HIDDEN_UNLISTED, NULL);
	add_hidden(s, 5000, HIDDEN_UNREADABLE, NULL);
	add_hidden(s, 6000, HIDDEN_UNREADABLE, "/proc/6000");
	tl_run_one(s, "RM-ROOT-002", &fs);
	assert_int_equal(fs.n, 2);
	f = tl_get(&fs, "RM-ROOT-002", 4242);
	assert_int_equal(f->severity, SEV_CRITICAL);
	assert_int_equal(f->confidence, CONF_HIGH);
	assert_string_equal(f->rule->category, "rootkit");
	tl_assert_contains(f->message, "4242");
	tl_assert_contains(f->message, "hidden from /proc");
	assert_true(tl_ev_has(f, "found_by", "kill"));
	assert_true(tl_ev_has(f, "found_by", "getpgid"));
	assert_int_equal(finding_ev_get(f, "hidden_pid")->i, 4242);
	assert_string_equal(tl_ev_str(f, "status_name"), "xmrig");
	assert_string_equal(tl_ev_str(f, "status_uid"), "1000\t0\t0\t0");
	assert_string_equal(f->process.executable, "/tmp/.x/xmrig");
	assert_int_equal(f->process.ppid, 1);
	assert_true(f->process.has_uid);
	assert_int_equal(f->process.uid, 0);  /* the effective uid */
	assert_null(finding_ev_get(f, "probe_cut_short"));
	assert_int_equal(finding_ev_get(f, "scheduler_tasks")->i, 120);
	assert_int_equal(finding_ev_get(f, "visible_tasks")->i, 118);
	f = tl_get(&fs, "RM-ROOT-002", 5000);
	assert_int_equal(f->severity, SEV_HIGH);
	/* 6000 is the mount's: RM-EVA-003 speaks for it */
	assert_int_equal(tl_count(&fs, "RM-ROOT-002", 6000), 0);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_eva003_cross_reference(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc_mount *m = arena_alloc(&s->arena, 2 * sizeof(*m));
	const struct finding *f = NULL;
	struct findings fs;

	(void)state;
	m[0] = (struct proc_mount){ 6000, "/proc/6000", "/tmp/e", "tmpfs",
		"tmpfs" };
	m[1] = (struct proc_mount){ 7000, "/proc/7000", "/tmp/e", "tmpfs",
		"tmpfs" };
	s->host.proc_mounts = m;
	s->host.nproc_mounts = 2;
	add_hidden(s, 6000, HIDDEN_UNREADABLE, "/proc/6000");
	tl_run_one(s, "RM-EVA-003", &fs);
	assert_int_equal(fs.n, 2);
	for (size_t i = 0; i < fs.n; i++) {
		const struct evidence *e = finding_ev_get(fs.v[i],
		    "hidden_pid");

		if (e && e->i == 6000)
			f = fs.v[i];
		else
			assert_null(finding_ev_get(fs.v[i], "process_alive"));
	}
	assert_non_null(f);
	assert_true(finding_ev_get(f, "process_alive")->b);
	assert_true(tl_ev_has(f, "found_by", "kill"));
	assert_string_equal(tl_ev_str(f, "hidden_process_name"), "xmrig");
	tl_assert_contains(tl_ev_str(f, "see_also"), "RM-ROOT-002");
	findings_free(&fs);
	tl_snap_free(s);
}

/* ---- kernel modules ------------------------------------------------------- */

static struct ioc ioc;

static int
ioc_setup(void **state)
{
	char *warn = NULL;

	(void)state;
	ioc_load(&ioc, NULL, &warn);
	free(warn);
	return 0;
}

static int
ioc_teardown(void **state)
{
	(void)state;
	ioc_free(&ioc);
	return 0;
}

static void
test_rootkit_list(void **state)
{
	struct ioc io;
	uint32_t bad;

	(void)state;
	assert_non_null(ioc_rootkit_module(&ioc, "diamorphine"));
	assert_non_null(ioc_rootkit_module(&ioc, "Diamorphine"));
	assert_non_null(ioc_rootkit_module(&ioc, "reptile-module"));
	assert_null(ioc_rootkit_module(&ioc, "ext4"));
	assert_null(ioc_rootkit_module(&ioc, "diamorphine2"));
	assert_non_null(ioc_good_module(&ioc, "nvidia_uvm"));
	assert_non_null(ioc_good_module(&ioc, "zfs"));
	assert_null(ioc_good_module(&ioc, "zfsx"));
	assert_null(ioc_good_module(&ioc, "diamorphine"));
	memset(&io, 0, sizeof(io));
	static const char text[] = "# c\nrootkit  Evil-Mod  note\n"
	    "known-good acme*\nrootkit\nrootkit a*b\nbogus x\n"
	    "rootkit ok_name\r\n";

	bad = ioc_parse_kmods(&io, text, strlen(text));
	assert_int_equal(bad, 3);
	assert_int_equal(io.nrk_mods, 2);
	assert_string_equal(io.rk_mods[0], "evil_mod");
	assert_non_null(ioc_rootkit_module(&io, "EVIL_MOD"));
	assert_non_null(ioc_good_module(&io, "acme_driver"));
	ioc_free(&io);
}

static void
test_kmod_merge(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct kmod *v = arena_alloc(&s->arena, 3 * sizeof(*v));
	static const char *const names[] = { "ext4", "diamorphine", "zfs",
		"diamorphine" };
	static const char *const taints[] = { "", "OE", NULL, "OE" };
	size_t seen = 0;

	(void)state;
	v[0] = (struct kmod){ .name = "zfs", .size = 1, .state = "Live",
		.taint = "(POE)", .in_proc_modules = true };
	v[1] = (struct kmod){ .name = "ext4", .size = 2, .state = "Live",
		.in_proc_modules = true };
	v[2] = (struct kmod){ .name = "gone_from_sys", .size = 3,
		.state = "Live", .in_proc_modules = true };
	s->kmods = v;
	s->nkmods = 3;
	kmod_merge(s, names, taints, TL_NELEM(names));
	assert_int_equal(s->nkmods, 4);
	for (size_t i = 0; i < s->nkmods; i++) {
		const struct kmod *m = &s->kmods[i];

		assert_true(m->sysfs_read);
		if (strcmp(m->name, "diamorphine") == 0) {
			assert_false(m->in_proc_modules);
			assert_true(m->in_sysfs);
			assert_string_equal(m->sysfs_taint, "OE");
			seen++;
		} else if (strcmp(m->name, "gone_from_sys") == 0) {
			assert_true(m->in_proc_modules);
			assert_false(m->in_sysfs);
			seen++;
		} else {
			assert_true(m->in_proc_modules && m->in_sysfs);
			seen++;
		}
	}
	assert_int_equal(seen, 4);
	tl_snap_free(s);
}

/* The collector on a fixture /sys/module and /proc/modules: built-ins
 * (no initstate) ignored, the taint file read, a module loaded between
 * the two reads (in the fresh /proc/modules) not taken for hidden. */
static void
test_kmod_collect_fixture(void **state)
{
	struct snapshot *s = tl_snap_new();
	char *dir = tl_tmpdir(), *sys, *proc;
	struct kmod *v = arena_alloc(&s->arena, 2 * sizeof(*v));
	int sfd, pfd;
	bool dia = false, late = false;

	(void)state;
	tl_writes(dir, "sys/ext4/initstate", "live\n");
	tl_writes(dir, "sys/diamorphine/initstate", "live\n");
	tl_writes(dir, "sys/diamorphine/taint", "OE\n");
	tl_writes(dir, "sys/late/initstate", "live\n");
	tl_mkdirs(dir, "sys/builtin_thing/parameters");
	tl_writes(dir, "proc/modules",
	    "ext4 999 1 - Live 0x0000000000000000\n"
	    "late 10 0 - Live 0x0000000000000000\n");
	/* what the first read of /proc/modules saw */
	v[0] = (struct kmod){ .name = "ext4", .size = 999, .state = "Live",
		.in_proc_modules = true };
	s->kmods = v;
	s->nkmods = 1;
	sys = tl_path(dir, "sys");
	proc = tl_path(dir, "proc");
	sfd = tl_opendir(sys);
	pfd = tl_opendir(proc);
	kmod_collect_sysfs(s, sfd, pfd);
	assert_int_equal(s->nkmods, 3);
	for (size_t i = 0; i < s->nkmods; i++) {
		const struct kmod *m = &s->kmods[i];

		assert_string_not_equal(m->name, "builtin_thing");
		if (strcmp(m->name, "diamorphine") == 0) {
			dia = true;
			assert_false(m->in_proc_modules);
			assert_string_equal(m->sysfs_taint, "OE");
		} else if (strcmp(m->name, "late") == 0) {
			late = true;
			assert_true(m->in_proc_modules && m->in_sysfs);
		} else {
			assert_true(m->in_proc_modules && m->in_sysfs);
		}
	}
	assert_true(dia && late);
	close(sfd);
	close(pfd);
	free(sys);
	free(proc);
	tl_rmrf(dir);
	free(dir);
	tl_snap_free(s);
}

static void
test_root003_findings(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct kmod *v = arena_alloc(&s->arena, 7 * sizeof(*v));
	struct findings fs;
	const struct finding *f;

	(void)state;
	s->ioc = &ioc;
	s->host.modules_supported = true;
	s->host.taint = (1 << 12) | (1 << 13) | 1;  /* P O E */
	v[0] = (struct kmod){ .name = "Diamorphine", .state = "Live",
		.in_proc_modules = true, .in_sysfs = true, .sysfs_read = true };
	v[1] = (struct kmod){ .name = "hider", .state = "",
		.in_sysfs = true, .sysfs_read = true, .sysfs_taint = "OE" };
	v[2] = (struct kmod){ .name = "unlinked", .state = "Live",
		.in_proc_modules = true, .sysfs_read = true };
	v[3] = (struct kmod){ .name = "acme_oot", .state = "Live",
		.taint = "(OE)", .in_proc_modules = true, .in_sysfs = true,
		.sysfs_read = true };
	v[4] = (struct kmod){ .name = "nvidia", .state = "Live",
		.taint = "(POE)", .in_proc_modules = true, .in_sysfs = true,
		.sysfs_read = true };
	v[5] = (struct kmod){ .name = "ext4", .state = "Live",
		.in_proc_modules = true, .in_sysfs = true, .sysfs_read = true };
	/* sysfs not read: no judgement on its absence there */
	v[6] = (struct kmod){ .name = "xfs", .state = "Live",
		.in_proc_modules = true };
	s->kmods = v;
	s->nkmods = 7;
	tl_run_one(s, "RM-ROOT-003", &fs);
	assert_int_equal(fs.n, 4);
	for (size_t i = 0; i < fs.n; i++) {
		f = fs.v[i];
		if (strcmp(tl_ev_str(f, "module"), "Diamorphine") == 0) {
			assert_int_equal(f->severity, SEV_CRITICAL);
			assert_string_equal(tl_ev_str(f, "rootkit_list_entry"),
			    "diamorphine");
		} else if (strcmp(tl_ev_str(f, "module"), "hider") == 0) {
			assert_int_equal(f->severity, SEV_CRITICAL);
			assert_true(tl_ev_has(f, "reasons",
			    "hidden from /proc/modules"));
			assert_true(tl_ev_has(f, "reasons",
			    "unsigned (taint E)"));
			assert_false(finding_ev_get(f, "in_proc_modules")->b);
		} else if (strcmp(tl_ev_str(f, "module"), "unlinked") == 0) {
			assert_int_equal(f->severity, SEV_HIGH);
			assert_true(tl_ev_has(f, "reasons",
			    "hidden from /sys/module"));
		} else if (strcmp(tl_ev_str(f, "module"), "acme_oot") == 0) {
			assert_int_equal(f->severity, SEV_MEDIUM);
			assert_int_equal(f->confidence, CONF_LOW);
			assert_true(tl_ev_has(f, "reasons",
			    "out-of-tree (taint O)"));
		} else {
			fail_msg("unexpected finding: %s", f->message);
		}
		assert_string_equal(f->rule->category, "rootkit");
	}
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_root003_host_taint(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct kmod *v = arena_alloc(&s->arena, sizeof(*v));
	struct findings fs;
	const struct finding *f;

	(void)state;
	s->ioc = &ioc;
	s->host.modules_supported = true;
	/* tainted O and E, no module carries either: reported */
	s->host.taint = (1 << 12) | (1 << 13) | (1 << 9);
	v[0] = (struct kmod){ .name = "ext4", .state = "Live",
		.in_proc_modules = true };
	s->kmods = v;
	s->nkmods = 1;
	tl_run_one(s, "RM-ROOT-003", &fs);
	assert_int_equal(fs.n, 1);
	f = fs.v[0];
	assert_int_equal(f->severity, SEV_MEDIUM);
	assert_string_equal(tl_ev_str(f, "taint_letters"), "WOE");
	assert_true(tl_ev_has(f, "taint_flags", "unsigned module"));
	findings_free(&fs);
	/* a known-good module carries them: nothing to say */
	v[0] = (struct kmod){ .name = "zfs", .state = "Live", .taint = "(OE)",
		.in_proc_modules = true };
	tl_run_one(s, "RM-ROOT-003", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	/* untainted, or no module support: nothing */
	s->host.taint = 0;
	v[0].taint = NULL;
	tl_run_one(s, "RM-ROOT-003", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	s->host.taint = 1 << 12;
	s->host.modules_supported = false;
	tl_run_one(s, "RM-ROOT-003", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	tl_snap_free(s);
}

/* ---- RM-ROOT-004 ----------------------------------------------------------- */

static void
test_root004_bpf_names(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct bpf_prog_fact *v = arena_alloc(&s->arena, 6 * sizeof(*v));
	struct findings fs;

	(void)state;
	v[0] = (struct bpf_prog_fact){ .id = 10, .type = 2, .name = "Hide_PID",
		.tag = "0011223344556677" };                 /* kprobe */
	v[1] = (struct bpf_prog_fact){ .id = 11, .type = 6,
		.name = "xdp_rootkit" };                     /* any type */
	v[2] = (struct bpf_prog_fact){ .id = 12, .type = 5,
		.name = "getdents64_x" };                    /* tracepoint */
	v[3] = (struct bpf_prog_fact){ .id = 13, .type = 1,
		.name = "getdents_filter" };     /* socket filter: no */
	v[4] = (struct bpf_prog_fact){ .id = 14, .type = 15,
		.name = "sd_devices" };          /* systemd: no */
	v[5] = (struct bpf_prog_fact){ .id = 15, .type = 26, .name = "" };
	s->host.bpf_progs = v;
	s->host.nbpf_progs = 6;
	tl_run_one(s, "RM-ROOT-004", &fs);
	assert_int_equal(fs.n, 3);
	for (size_t i = 0; i < fs.n; i++) {
		const struct finding *f = fs.v[i];
		int64_t id = finding_ev_get(f, "bpf_prog_id")->i;

		assert_string_equal(f->rule->category, "rootkit");
		if (id == 10) {
			assert_int_equal(f->severity, SEV_HIGH);
			assert_string_equal(tl_ev_str(f, "bpf_prog_type"),
			    "kprobe");
			assert_string_equal(tl_ev_str(f, "matched"), "hide");
			assert_string_equal(tl_ev_str(f, "tag"),
			    "0011223344556677");
		} else if (id == 11) {
			assert_int_equal(f->severity, SEV_HIGH);
		} else if (id == 12) {
			assert_int_equal(f->severity, SEV_MEDIUM);
			assert_int_equal(f->confidence, CONF_LOW);
		} else {
			fail_msg("unexpected %s", f->message);
		}
	}
	findings_free(&fs);
	tl_snap_free(s);
}

/* ---- ftrace hooks ------------------------------------------------------------ */

static void
test_ftrace_parse(void **state)
{
	static const char text[] =
	    "schedule (1) R I\n"
	    "__x64_sys_getdents64 (1) R I M \ttramp: 0xffffffffc0a0b000 "
	    "(fh_sys_getdents64+0x0/0x30 [singularity]) "
	    "->ftrace_ops_assist_func+0x0/0xf0\n"
	    "\tdirect-->0xffffffffc0a01000\n"
	    "filldir64 (2) R I \ttramp: ftrace_regs_caller+0x0/0x65 "
	    "(kprobe_ftrace_handler+0x0/0x1b0)\n"
	    "tcp4_seq_show (1) R \t(hook+0x0/0x10 [livepatch_fix1])\n"
	    "garbage line without count\n"
	    "do_sys_open (1) [unterminated\n"
	    "\n# comment\n"
	    "__x64_sys_kill (1) R I (h+0/1 [kovid])";
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	const struct finding *f;
	char *warn = NULL;
	struct ioc io;

	(void)state;
	ftrace_parse_into(s, text, strlen(text));
	assert_true(s->host.ftrace_read);
	assert_int_equal(s->host.nftrace_funcs, 6);
	assert_int_equal(s->host.nftrace_hooks, 3);
	assert_string_equal(s->host.ftrace_hooks[0].func,
	    "__x64_sys_getdents64");
	assert_string_equal(s->host.ftrace_hooks[0].module, "singularity");
	assert_string_equal(s->host.ftrace_hooks[1].module, "livepatch_fix1");
	assert_string_equal(s->host.ftrace_hooks[2].module, "kovid");
	assert_int_equal(s->parse_errors, 1);
	/* RM-ROOT-004: the rootkits' hooks, not the live patch's */
	ioc_load(&io, NULL, &warn);
	free(warn);
	s->ioc = &io;
	tl_run_one(s, "RM-ROOT-004", &fs);
	assert_int_equal(fs.n, 2);
	f = fs.v[0];
	assert_int_equal(f->severity, SEV_HIGH);
	assert_string_equal(tl_ev_str(f, "hooked_function"),
	    "__x64_sys_getdents64");
	assert_string_equal(tl_ev_str(f, "hook_module"), "singularity");
	assert_string_equal(tl_ev_str(f, "matched"), "getdents");
	tl_assert_contains(f->message, "singularity");
	assert_string_equal(tl_ev_str(fs.v[1], "hook_module"), "kovid");
	findings_free(&fs);
	ioc_free(&io);
	tl_snap_free(s);
}

/* Hostile text: every prefix parses without reading past the end, long
 * names are cut, a NUL inside a line is no name. */
static void
test_ftrace_parse_hostile(void **state)
{
	char big[600];
	struct snapshot *s = tl_snap_new();

	(void)state;
	memset(big, 'a', sizeof(big));
	memcpy(big + 300, " (1) [", 6);
	memset(big + 306, 'm', 200);
	big[506] = ']';
	for (size_t n = 0; n <= sizeof(big); n++) {
		char *b = xmalloc(n ? n : 1);

		memcpy(b, big, n);
		ftraceparse_enabled(b, n, NULL, NULL);
		free(b);
	}
	ftrace_parse_into(s, big, sizeof(big));
	assert_int_equal(s->host.nftrace_hooks, 1);
	assert_int_equal(strlen(s->host.ftrace_hooks[0].func), 127);
	assert_int_equal(strlen(s->host.ftrace_hooks[0].module), 127);
	assert_int_equal(ftraceparse_enabled("a\0b (1) R\n", 10, NULL, NULL),
	    1);
	tl_snap_free(s);
}

/* ---- preloaded libraries: what they hook ---------------------------------- */

static struct preload_lib *
add_lib(struct snapshot *s, const char *path, uint64_t ns,
	const char *const *hooks)
{
	struct preload_lib *v = arena_alloc(&s->arena, (s->npreload_libs + 1) *
	    sizeof(*v));
	uint32_t n = 0;

	if (s->npreload_libs)
		memcpy(v, s->preload_libs, s->npreload_libs * sizeof(*v));
	s->preload_libs = v;
	v += s->npreload_libs++;
	v->path = tl_sdup(s, path);
	v->ns_mnt = ns;
	v->sha256 = "ab12";
	v->elf = true;
	while (hooks && hooks[n])
		n++;
	v->hooks = arena_alloc(&s->arena, (n ? n : 1) * sizeof(char *));
	for (uint32_t i = 0; i < n; i++)
		v->hooks[i] = hooks[i];
	v->nhooks = n;
	return v;
}

static void
test_eva001_hooks(void **state)
{
	static const char *const hide[] = { "fopen", "readdir", "readdir64",
		NULL };
	static const char *const alloc[] = { NULL };
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	const struct finding *f;
	struct preload_lib *l;

	(void)state;
	/* a name that looks like an allocator, in /usr/lib, that hooks
	 * readdir: critical all the same */
	tl_preload(s, "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n");
	add_lib(s, "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", 0, hide);
	tl_run_one(s, "RM-EVA-001", &fs);
	assert_int_equal(fs.n, 1);
	f = fs.v[0];
	assert_int_equal(f->severity, SEV_CRITICAL);
	assert_int_equal(f->confidence, CONF_HIGH);
	tl_assert_contains(f->message, "replaces readdir()");
	assert_true(tl_ev_has(f, "hooks", "fopen"));
	assert_true(tl_ev_has(f, "hooks", "readdir64"));
	assert_true(tl_ev_has(f, "hiding_hooks", "readdir"));
	assert_false(tl_ev_has(f, "hiding_hooks", "fopen"));
	assert_true(tl_ev_has(f, "library_sha256",
	    "ab12  /usr/lib/x86_64-linux-gnu/libjemalloc.so.2"));
	findings_free(&fs);
	/* the real allocator hooks nothing: low as before */
	s->preload_libs[0].hooks = NULL;
	s->preload_libs[0].nhooks = 0;
	(void)alloc;
	tl_run_one(s, "RM-EVA-001", &fs);
	assert_int_equal(fs.v[0]->severity, SEV_LOW);
	assert_null(finding_ev_get(fs.v[0], "hooks"));
	findings_free(&fs);
	/* listed but unreadable, and read but not ELF */
	tl_preload(s, "/opt/a.so /opt/b.so");
	l = add_lib(s, "/opt/a.so", 0, NULL);
	l->read_err = RM_ENOENT;
	l = add_lib(s, "/opt/b.so", 0, NULL);
	l->elf = false;
	tl_run_one(s, "RM-EVA-001", &fs);
	assert_int_equal(fs.v[0]->severity, SEV_HIGH);
	f = fs.v[0];
	assert_non_null(finding_ev_get(f, "unreadable_libraries"));
	assert_true(tl_ev_has(f, "not_elf", "/opt/b.so"));
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_eva002_hooks_in_namespace(void **state)
{
	static const char *const hide[] = { "opendir", "readdir", NULL };
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 2);
	struct findings fs;
	const struct finding *f;

	(void)state;
	p[0].ns_mnt = 111;
	p[1].ns_mnt = 222;
	tl_proc_env(s, &p[0], "LD_PRELOAD", "/usr/local/lib/libz.so");
	tl_proc_env(s, &p[1], "LD_PRELOAD", "/usr/local/lib/libz.so");
	/* the same path in two namespaces: only 111's hooks readdir */
	add_lib(s, "/usr/local/lib/libz.so", 111, hide);
	add_lib(s, "/usr/local/lib/libz.so", 222, NULL);
	tl_run_one(s, "RM-EVA-002", &fs);
	assert_int_equal(fs.n, 2);
	f = tl_get(&fs, "RM-EVA-002", p[0].pid);
	assert_int_equal(f->severity, SEV_CRITICAL);
	tl_assert_contains(f->message, "replaces opendir()");
	assert_true(tl_ev_has(f, "hiding_hooks", "readdir"));
	f = tl_get(&fs, "RM-EVA-002", p[1].pid);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_null(finding_ev_get(f, "hooks"));
	findings_free(&fs);
	tl_snap_free(s);
}

/* preload_parse_lib keeps only hook-list names, sorted and unique. */
static void
test_preload_parse_lib(void **state)
{
	const char *lib = getenv("RM_HIDEPROC_LIB");
	struct snapshot *s = tl_snap_new();
	struct preload_lib l;
	size_t cap = 8u << 20, n;
	char *b;
	int fd;

	(void)state;
	if (lib == NULL)
		lib = "build/helpers/libhideproc.so";
	fd = open(lib, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		tl_snap_free(s);
		TL_SKIP("no %s (make helpers)", lib);
	}
	b = xmalloc(cap);
	assert_int_equal(io_read_fd(fd, b, cap, &n, NULL), RM_OK);
	close(fd);
	memset(&l, 0, sizeof(l));
	preload_parse_lib(s, &l, (const uint8_t *)b, n);
	assert_true(l.elf);
	assert_int_equal(l.nhooks, 2);
	assert_string_equal(l.hooks[0], "readdir");
	assert_string_equal(l.hooks[1], "readdir64");
	free(b);
	tl_snap_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hidden_unlisted, hsetup,
		    hteardown),
		cmocka_unit_test_setup_teardown(test_hidden_threads_are_not,
		    hsetup, hteardown),
		cmocka_unit_test_setup_teardown(test_hidden_races, hsetup,
		    hteardown),
		cmocka_unit_test_setup_teardown(
		    test_hidden_unreadable_and_mount, hsetup, hteardown),
		cmocka_unit_test_setup_teardown(test_hidden_self_ignored,
		    hsetup, hteardown),
		cmocka_unit_test_setup_teardown(test_hidden_budget, hsetup,
		    hteardown),
		cmocka_unit_test_setup_teardown(test_hidden_cap, hsetup,
		    hteardown),
		cmocka_unit_test(test_root002_findings),
		cmocka_unit_test(test_eva003_cross_reference),
		cmocka_unit_test(test_rootkit_list),
		cmocka_unit_test(test_kmod_merge),
		cmocka_unit_test(test_kmod_collect_fixture),
		cmocka_unit_test(test_root003_findings),
		cmocka_unit_test(test_root003_host_taint),
		cmocka_unit_test(test_root004_bpf_names),
		cmocka_unit_test(test_ftrace_parse),
		cmocka_unit_test(test_ftrace_parse_hostile),
		cmocka_unit_test(test_eva001_hooks),
		cmocka_unit_test(test_eva002_hooks_in_namespace),
		cmocka_unit_test(test_preload_parse_lib),
	};

	return cmocka_run_group_tests(tests, ioc_setup, ioc_teardown);
}
