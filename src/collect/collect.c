/*
 * collect.c - runs the collectors in order and overlaps the CPU window
 * with the other collection work, so a default scan costs about
 * max(window, work) rather than their sum.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "collect.h"
#include "hidden.h"

static void
sleep_until(uint64_t t_ns)
{
	for (;;) {
		uint64_t now = io_now_ns();
		struct timespec ts;

		if (now >= t_ns)
			return;
		ts.tv_sec = (time_t)((t_ns - now) / 1000000000u);
		ts.tv_nsec = (long)((t_ns - now) % 1000000000u);
		if (nanosleep(&ts, NULL) == 0)
			return;
		if (errno != EINTR)
			return;
	}
}

/*
 * The scanner is not a finding: an administrator who copies the static
 * binary to /tmp and runs it there must not be told that a process runs
 * from /tmp.  Only the live scanner's own pid is dropped, so a miner that
 * calls itself "rookmelder" is still seen.
 */
static void
drop_self(struct snapshot *s)
{
	pid_t self = getpid();

	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid == self) {
			memmove(&s->procs[i], &s->procs[i + 1],
			    (s->nprocs - i - 1) * sizeof(s->procs[0]));
			s->nprocs--;
			return;
		}
}

static double
self_cpu_ns(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return 0;
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e9 +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e3;
}

static void
pkg_or_skip(struct snapshot *s, const struct collect_opts *o)
{
	if (o->packages)
		pkg_collect(s);
	else
		snapshot_skip(s, "packages", "--no-packages: PAM modules, system "
		    "binaries and setuid files were not checked");
}

int
collect_all(struct snapshot *s, const struct collect_opts *o)
{
	const char *root = o->root ? o->root : "/";
	bool fixture = o->procfs != NULL;
	struct cpu_times c0, c1;
	bool have_c0 = false;
	double self0;
	uint64_t t0;
	int procfd = -1;

	s->live = o->root == NULL;
	s->root = root;
	s->rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->rootfd < 0)
		return rm_from_errno(errno);

	if (!s->live) {
		const char *why = "--root scans a disk image: live checks do "
		    "not apply";

		snapshot_skip(s, "processes", "%s", why);
		snapshot_skip(s, "sockets", "%s", why);
		snapshot_skip(s, "kernel", "%s", why);
		snapshot_skip(s, "cpu", "%s", why);
		host_collect_files(s);
		preload_collect(s, -1);
		users_collect(s);
		logins_collect(s);
		auth_collect(s);
		persist_collect_cron(s);
		persist_collect_ssh(s);
		startup_collect(s);
		pkg_or_skip(s, o);
		tamper_collect(s, -1);
		web_collect(s, o->progress);
		cred_collect(s, -1);
		expose_collect(s);
		ctr_collect(s);
		imds_collect(s, o->imds_probe, false);
		access_collect(s);
		return RM_OK;
	}

	procfd = open(o->procfs ? o->procfs : "/proc",
	    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (procfd < 0)
		return rm_from_errno(errno);

	host_collect_kernel(s, procfd, !fixture);
	if (!fixture && s->host.modules_supported &&
	    s->host.modules_truncated) {
		snapshot_skip(s, "kernel modules: /sys/module", "/proc/modules "
		    "is bigger than %u bytes: the lists were not compared",
		    RM_MODULES_MAX);
	} else if (!fixture && s->host.modules_supported) {
		int smfd = open("/sys/module", O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC);

		if (smfd >= 0) {
			kmod_collect_sysfs(s, smfd, procfd);
			close(smfd);
		} else {
			snapshot_skip(s, "kernel modules: /sys/module", "no "
			    "/sys/module: modules hidden from /proc/modules "
			    "are not seen");
		}
	}
	if (!fixture) {
		bpf_collect(s);
		ftrace_collect(s);
	}
	self0 = self_cpu_ns();
	if (o->cpu_window > 0 && cpu_read_system(procfd, &c0) == RM_OK)
		have_c0 = true;
	t0 = io_now_ns();
	if (proc_collect(s, procfd) != RM_OK)
		snapshot_skip(s, "processes", "cannot list %s",
		    o->procfs ? o->procfs : "/proc");
	if (!fixture)
		drop_self(s);
	if (!fixture && !o->no_pid_probe)
		hidden_collect(s, procfd, o->progress);
	else if (!fixture)
		snapshot_skip(s, "hidden processes", "--no-pid-probe: pids "
		    "were not probed");
	sock_collect(s, procfd, fixture);
	host_collect_files(s);
	preload_collect(s, fixture ? -1 : procfd);
	users_collect(s);
	logins_collect(s);
	auth_collect(s);
	persist_collect_cron(s);
	persist_collect_ssh(s);
	startup_collect(s);
	pkg_or_skip(s, o);
	tamper_collect(s, procfd);
	web_collect(s, o->progress);
	cred_collect(s, procfd);
	expose_collect(s);
	ctr_collect(s);
	imds_collect(s, o->imds_probe, fixture);
	access_collect(s);

	if (o->cpu_window > 0) {
		sleep_until(t0 + (uint64_t)(o->cpu_window * 1e9));
		cpu_sample_procs(s, procfd, t0);
		if (have_c0 && cpu_read_system(procfd, &c1) == RM_OK &&
		    c1.total > c0.total) {
			uint32_t ncpu = c1.ncpu ? c1.ncpu : 1;
			double span = (double)(c1.total - c0.total);
			double secs = (double)(c1.at_ns - c0.at_ns) / 1e9;

			s->host.ncpu = ncpu;
			s->host.cpu_busy_pct = (double)(c1.busy - c0.busy) /
			    span * 100.0 * ncpu;
			s->host.cpu_task_pct = (double)(c1.task - c0.task) /
			    span * 100.0 * ncpu;
			/* the scanner's own work is visible CPU too */
			if (secs > 0)
				s->host.cpu_procs_pct += (self_cpu_ns() -
				    self0) / 1e9 / secs * 100.0;
		}
	} else {
		snapshot_skip(s, "cpu", "--cpu-window 0: CPU activity was not "
		    "sampled");
	}
	if (s->ioc)
		deep_collect(s, procfd, o->memory);
	if (s->partial && geteuid() != 0)
		snapshot_skip(s, "processes: details of other users' processes",
		    "not root: %u process(es) read only in part (exe, open "
		    "files, environment)", s->partial);
	else if (s->partial)
		snapshot_skip(s, "processes: some details",
		    "%u process(es) refused some reads even to root (another "
		    "user namespace or a security module); see --facts",
		    s->partial);
	close(procfd);
	return RM_OK;
}
