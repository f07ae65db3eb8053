/*
 * cpu.c - CPU activity over a short window.
 *
 * The first sample of each process is its stat read in the process pass
 * (utime+stime and a monotonic timestamp); after the window the second
 * pass re-reads stat by pid, checks start_ticks (a reused pid is not the
 * same process) and turns the tick delta into a percentage of one core.
 * System-wide busy time from /proc/stat is sampled around the same window,
 * so a detector can compare it with the sum over visible processes.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "collect.h"
#include "proc_parse.h"

int
cpuparse_stat(const char *buf, size_t len, struct cpu_times *out)
{
	const char *p = buf, *end = buf + len;
	uint64_t f[10] = { 0 };
	int nf = 0;

	memset(out, 0, sizeof(*out));
	if (len < 4 || memcmp(buf, "cpu ", 4) != 0)
		return RM_EPARSE;
	p += 4;
	while (p < end && *p != '\n' && nf < 10) {
		uint64_t v = 0;
		bool any = false;

		while (p < end && *p == ' ')
			p++;
		while (p < end && *p >= '0' && *p <= '9') {
			if (v > (UINT64_MAX - 9) / 10)
				return RM_EPARSE;
			v = v * 10 + (uint64_t)(*p++ - '0');
			any = true;
		}
		if (!any)
			break;
		f[nf++] = v;
	}
	if (nf < 4)
		return RM_EPARSE;
	/* user nice system idle iowait irq softirq steal (guest is in user) */
	out->busy = f[0] + f[1] + f[2] + f[5] + f[6] + f[7];
	out->total = out->busy + f[3] + f[4];
	/* interrupts and steal are nobody's: compare tasks with tasks */
	out->task = f[0] + f[1] + f[2];
	/* count the per-CPU lines */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (nl == NULL)
			break;
		p = nl + 1;
		if (end - p > 3 && memcmp(p, "cpu", 3) == 0 && p[3] >= '0' &&
		    p[3] <= '9')
			out->ncpu++;
	}
	return RM_OK;
}

int
cpu_read_system(int procfd, struct cpu_times *out)
{
	char buf[16384];
	size_t n;
	int r = io_read_at(procfd, "stat", buf, sizeof(buf), &n, NULL);

	if (r != RM_OK)
		return r;
	r = cpuparse_stat(buf, n, out);
	out->at_ns = io_now_ns();
	return r;
}

struct newpids {
	const struct snapshot *s;
	int procfd;
	uint64_t ticks;            /* CPU of tasks that were not in pass 1 */
	uint32_t n;
};

/* A task not in the first pass started after it: all its CPU (and its
 * reaped children's) is visible work done in the window.  A task hidden
 * from getdents is hidden here too, and stays unaccounted. */
static int
new_pid(const char *name, unsigned char type, void *arg)
{
	struct newpids *c = arg;
	struct stat_fields sf;
	char buf[RM_STAT_MAX];
	uint64_t pid;
	int dfd;

	(void)type;
	if (name[0] < '1' || name[0] > '9' || !io_parse_u64(name, &pid) ||
	    pid > INT32_MAX || snapshot_proc(c->s, (pid_t)pid) ||
	    (pid_t)pid == getpid() || c->n >= 100000)
		return 0;
	dfd = openat(c->procfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (dfd < 0)
		return 0;
	if (proc_read_stat(dfd, &sf, buf, sizeof(buf)) == RM_OK) {
		c->ticks += sf.utime + sf.stime + sf.cutime + sf.cstime;
		c->n++;
	}
	close(dfd);
	return 0;
}

void
cpu_sample_procs(struct snapshot *s, int procfd, uint64_t t0_ns)
{
	long hz = sysconf(_SC_CLK_TCK);
	struct newpids np = { s, procfd, 0, 0 };
	double sum = 0, secs;

	if (hz <= 0)
		hz = 100;
	for (size_t i = 0; i < s->nprocs; i++) {
		struct proc *p = &s->procs[i];
		struct stat_fields sf;
		char name[16], buf[RM_STAT_MAX];
		uint64_t now, t0, t1;
		int dfd;

		if (p->flags & PF_KTHREAD_FLAG && p->exe_kind == EXE_NONE &&
		    p->utime + p->stime == 0)
			continue;  /* idle kernel thread: save the reads */
		snprintf(name, sizeof(name), "%d", (int)p->pid);
		dfd = openat(procfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (dfd < 0)
			continue;
		if (proc_read_stat(dfd, &sf, buf, sizeof(buf)) == RM_OK &&
		    sf.start_ticks == p->start_ticks) {
			now = io_now_ns();
			t0 = p->utime + p->stime;
			t1 = sf.utime + sf.stime;
			if (now > p->sample_ns && t1 >= t0) {
				uint64_t c0 = p->cutime + p->cstime;
				uint64_t c1 = sf.cutime + sf.cstime;

				secs = (double)(now - p->sample_ns) / 1e9;
				p->cpu_pct = (double)(t1 - t0) / (double)hz /
				    secs * 100.0;
				/* children that exited and were reaped in the
				 * window: their CPU is visible work too (a
				 * compiler's short-lived jobs) */
				p->cpu_children_pct = c1 >= c0 ? (double)(c1 - c0)
				    / (double)hz / secs * 100.0 : 0;
				sum += p->cpu_pct + p->cpu_children_pct;
			}
			p->utime = sf.utime;
			p->stime = sf.stime;
			p->cutime = sf.cutime;
			p->cstime = sf.cstime;
			p->threads = sf.threads > UINT32_MAX ? UINT32_MAX
			    : (uint32_t)sf.threads;
		}
		close(dfd);
	}
	io_list_dir(procfd, new_pid, &np);
	secs = (double)(io_now_ns() - t0_ns) / 1e9;
	if (secs > 0)
		sum += (double)np.ticks / (double)hz / secs * 100.0;
	s->host.cpu_procs_pct = sum;
	s->host.clk_tck = (uint64_t)hz;
}
