/*
 * test_cpu.c - CPU accounting: the /proc/stat line, and the per-process
 * second sample (cpu_sample_procs) with its pid-reuse check.
 */
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>

#include "testlib.h"

/* ---- /proc/stat ---------------------------------------------------------- */

static void
test_cpuparse(void **state)
{
	static const char text[] =
	    "cpu  10 20 30 40 50 60 70 80 90 100\n"
	    "cpu0 5 10 15 20 25 30 35 40 45 50\n"
	    "cpu1 5 10 15 20 25 30 35 40 45 50\n"
	    "intr 12345 0 0\n"
	    "ctxt 999\n"
	    "cpufreq 1\n";
	struct cpu_times c;

	(void)state;
	assert_int_equal(cpuparse_stat(text, sizeof(text) - 1, &c), RM_OK);
	/* busy: user nice system irq softirq steal; idle and iowait not */
	assert_int_equal(c.busy, 10 + 20 + 30 + 60 + 70 + 80);
	assert_int_equal(c.total, 10 + 20 + 30 + 60 + 70 + 80 + 40 + 50);
	assert_int_equal(c.ncpu, 2);
	/* an old kernel with only 4 fields */
	assert_int_equal(cpuparse_stat("cpu 1 2 3 4\n", 12, &c), RM_OK);
	assert_int_equal(c.busy, 6);
	assert_int_equal(c.total, 10);
	assert_int_equal(c.ncpu, 0);
}

static void
test_cpuparse_bad(void **state)
{
	static const char *const bad[] = {
		"", "cpu", "cpu 1 2 3\n", "cpux 1 2 3 4\n",
		"intr 1\ncpu 1 2 3 4",
		"cpu a b c d\n", "cpu 99999999999999999999999 1 1 1\n",
	};
	struct cpu_times c;

	(void)state;
	for (size_t i = 0; i < TL_NELEM(bad); i++)
		if (cpuparse_stat(bad[i], strlen(bad[i]), &c) != RM_EPARSE)
			fail_msg("bad /proc/stat %zu parsed", i);
}

static void
test_cpu_read_system_real(void **state)
{
	struct cpu_times c;
	int procfd = tl_opendir("/proc");
	long online = sysconf(_SC_NPROCESSORS_ONLN);

	(void)state;
	assert_int_equal(cpu_read_system(procfd, &c), RM_OK);
	close(procfd);
	assert_true(c.total > 0);
	assert_true(c.busy <= c.total);
	assert_true(c.at_ns > 0);
	assert_int_equal(c.ncpu, online);
}

/* ---- cpu_sample_procs ---------------------------------------------------- */

struct cfix {
	pid_t kids[2];
	int procfd;
	struct snapshot *s;
};

static int
setup(void **state)
{
	struct cfix *f = xcalloc(1, sizeof(*f));

	f->kids[0] = f->kids[1] = -1;
	f->procfd = tl_opendir("/proc");
	f->s = tl_snap_new();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct cfix *f = *state;

	for (int i = 0; i < 2; i++)
		if (f->kids[i] > 0) {
			kill(f->kids[i], SIGKILL);
			waitpid(f->kids[i], NULL, 0);
		}
	tl_snap_free(f->s);
	close(f->procfd);
	free(f);
	return 0;
}

/* A child that burns CPU until killed. */
static pid_t
spin_child(void)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		volatile unsigned long x = 0;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;)
			x++;
	}
	return pid;
}

/* The first sample, as the process pass takes it. */
static void
first_sample(struct cfix *f, struct proc *p, pid_t pid)
{
	char name[16], buf[RM_STAT_MAX];
	struct stat_fields sf;
	int dfd;

	snprintf(name, sizeof(name), "%d", (int)pid);
	dfd = openat(f->procfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(dfd >= 0);
	assert_int_equal(proc_read_stat(dfd, &sf, buf, sizeof(buf)), RM_OK);
	close(dfd);
	p->pid = pid;
	p->start_ticks = sf.start_ticks;
	p->utime = sf.utime;
	p->stime = sf.stime;
	p->flags = sf.flags;
	p->sample_ns = io_now_ns();
	p->cpu_pct = -1;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void
test_sample_busy_child_and_pid_reuse(void **state)
{
	struct cfix *f = *state;
	struct proc *p;
	pid_t a, b;

	f->kids[0] = spin_child();
	f->kids[1] = spin_child();
	a = f->kids[0] < f->kids[1] ? f->kids[0] : f->kids[1];
	b = f->kids[0] < f->kids[1] ? f->kids[1] : f->kids[0];
	p = tl_procs(f->s, 2);
	first_sample(f, &p[0], a);
	first_sample(f, &p[1], b);
	/* b's pid was "reused": the snapshot knew another process */
	p[1].start_ticks += 1;
	sleep_ms(400);
	cpu_sample_procs(f->s, f->procfd, p[0].sample_ns);
	if (!(p[0].cpu_pct > 5.0))
		fail_msg("busy child got cpu_pct %.1f", p[0].cpu_pct);
	assert_true(p[0].cpu_pct < 1000.0);
	/* the reused pid is not measured, and keeps its old counters */
	assert_true(p[1].cpu_pct < 0);
	/* every other live task counts as "started during the window" here,
	 * so the sum is at least the measured child's share */
	assert_true(f->s->host.cpu_procs_pct >= p[0].cpu_pct - 0.01);
	assert_true(f->s->host.clk_tck > 0);
}

static void
test_sample_skips_idle_kthreads_and_gone(void **state)
{
	struct cfix *f = *state;
	struct proc *p;
	pid_t dead;

	fflush(NULL);
	dead = fork();
	assert_true(dead >= 0);
	if (dead == 0)
		_exit(0);
	p = tl_procs(f->s, 2);
	waitpid(dead, NULL, 0);
	/* our own pid, but flagged as an idle kernel thread: not read */
	first_sample(f, &p[0], getpid());
	p[0].flags |= PF_KTHREAD_FLAG;
	p[0].exe_kind = EXE_NONE;
	p[0].utime = p[0].stime = 0;
	/* a pid that no longer exists */
	p[1].pid = dead;
	p[1].cpu_pct = -1;
	p[1].sample_ns = io_now_ns();
	sleep_ms(20);
	cpu_sample_procs(f->s, f->procfd, p[1].sample_ns);
	assert_true(p[0].cpu_pct < 0);
	assert_true(p[1].cpu_pct < 0);
	assert_true(f->s->host.cpu_procs_pct >= 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpuparse),
		cmocka_unit_test(test_cpuparse_bad),
		cmocka_unit_test(test_cpu_read_system_real),
		cmocka_unit_test_setup_teardown(
		    test_sample_busy_child_and_pid_reuse, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_sample_skips_idle_kthreads_and_gone, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
