/*
 * hidden.c - the hidden-process cross-check (hidden.h).
 *
 * Cost: one kill() per pid not listed in /proc (pid_max is 32768 to
 * 4194304), plus a few reads per suspect.  The probe is capped in time
 * (RM_PID_PROBE_SECS); a cut-short probe says so in scan.skipped.
 * Hostile inputs: /proc/PID/status, comm and exe of suspects (capped,
 * stored raw); a rootkit may lie in all of them.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "hidden.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

#define HIDDEN_STATUS_KEEP 4096

static bool
bit(const uint8_t *m, uint32_t i)
{
	return (m[i >> 3] >> (i & 7)) & 1;
}

/* ---- the live operations ------------------------------------------------ */

struct listctx {
	uint8_t *map;
	uint32_t max;
};

static int
list_one(const char *name, unsigned char type, void *arg)
{
	struct listctx *c = arg;
	uint64_t pid;

	(void)type;
	if (name[0] < '1' || name[0] > '9' || !io_parse_u64(name, &pid) ||
	    pid > c->max)
		return 0;
	c->map[pid >> 3] |= (uint8_t)(1u << (pid & 7));
	return 0;
}

static int
live_list(void *ctx, uint8_t *map, uint32_t max)
{
	struct listctx c = { map, max };

	return io_list_dir(*(int *)ctx, list_one, &c);
}

static unsigned
live_probe(void *ctx, pid_t pid)
{
	unsigned how = 0;

	(void)ctx;
	if (kill(pid, 0) == 0 || errno == EPERM)
		how |= HIDDEN_BY_KILL;
	else
		return 0;  /* ESRCH: no such process (the fast path) */
	if (getpgid(pid) >= 0)
		how |= HIDDEN_BY_GETPGID;
	return how;
}

static pid_t
status_tgid(int procfd, pid_t pid)
{
	char name[32], buf[2048];
	const char *t;
	size_t n;
	int r;

	snprintf(name, sizeof(name), "%d/status", (int)pid);
	{
		int fd = openat(procfd, name, O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			return errno == ENOENT || errno == ESRCH ? -1 : 0;
		r = io_read_fd(fd, buf, sizeof(buf), &n, NULL);
		close(fd);
	}
	if (r != RM_OK)
		return 0;
	buf[n < sizeof(buf) ? n : sizeof(buf) - 1] = '\0';
	t = strstr(buf, "\nTgid:");
	if (t == NULL)
		return 0;
	return (pid_t)strtol(t + 6, NULL, 10);
}

static pid_t
live_tgid(void *ctx, pid_t pid)
{
	long fd = syscall(SYS_pidfd_open, pid, 0);

	if (fd >= 0) {
		close((int)fd);
		return pid;  /* a thread-group leader */
	}
	if (errno == EINVAL) {
		pid_t t = status_tgid(*(int *)ctx, pid);

		/* the kernel says: not a leader, so a thread (of a group
		 * status may not name: INT32_MAX then) */
		return t > 0 && t != pid ? t : INT32_MAX;
	}
	if (errno == ESRCH)
		return -1;
	return status_tgid(*(int *)ctx, pid);  /* no pidfd_open (< 5.3) */
}

void
hidden_ops_live(struct hidden_ops *ops, int *procfd)
{
	ops->list = live_list;
	ops->probe = live_probe;
	ops->tgid = live_tgid;
	ops->ctx = procfd;
}

/* ---- the check ------------------------------------------------------------ */

/* Can /proc/PID be read at all (its stat file)? */
static bool
readable(int procfd, pid_t pid)
{
	char name[32], buf[RM_STAT_MAX];
	size_t n;
	int dfd;
	bool ok;

	snprintf(name, sizeof(name), "%d", (int)pid);
	dfd = openat(procfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (dfd < 0)
		return false;
	ok = io_read_at(dfd, "stat", buf, sizeof(buf), &n, NULL) == RM_OK &&
	    n > 0;
	close(dfd);
	return ok;
}

struct cand {
	pid_t pid;
	enum hidden_kind kind;
	unsigned how;
	bool gone;
};

/* A suspect is still one: answers, leads its thread group, and is still
 * missing from (or unreadable in) a fresh listing. */
static void
recheck(int procfd, const struct hidden_ops *ops, const uint8_t *map,
	struct cand *c)
{
	pid_t tg;

	if (c->gone)
		return;
	if (c->kind == HIDDEN_UNLISTED && bit(map, (uint32_t)c->pid)) {
		c->gone = true;  /* listed now: it was starting */
		return;
	}
	if (c->kind == HIDDEN_UNREADABLE && readable(procfd, c->pid)) {
		c->gone = true;
		return;
	}
	if ((c->how = ops->probe(ops->ctx, c->pid)) == 0) {
		c->gone = true;  /* exited */
		return;
	}
	tg = ops->tgid(ops->ctx, c->pid);
	if (tg < 0 || (tg > 0 && tg != c->pid))
		c->gone = true;
}

static const char *
read_small(struct snapshot *s, int procfd, pid_t pid, const char *file,
	   size_t cap)
{
	char name[48], *buf = xmalloc(cap);
	const char *r = NULL;
	size_t n;
	int fd;

	snprintf(name, sizeof(name), "%d/%s", (int)pid, file);
	fd = openat(procfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		if (io_read_fd(fd, buf, cap, &n, NULL) == RM_OK && n > 0) {
			while (n && buf[n - 1] == '\n')
				n--;
			r = arena_strndup(&s->arena, buf, n);
		}
		close(fd);
	}
	free(buf);
	return r;
}

static void
describe(struct snapshot *s, int procfd, const struct cand *c,
	 struct hidden_pid *h)
{
	char name[32], link[RM_LINK_MAX];
	size_t n;
	int dfd;

	memset(h, 0, sizeof(*h));
	h->pid = c->pid;
	h->kind = c->kind;
	h->how = c->how;
	h->pgid = getpgid(c->pid);
	h->sid = getsid(c->pid);
	{
		long pfd = syscall(SYS_pidfd_open, c->pid, 0);

		if (pfd >= 0) {
			h->how |= HIDDEN_BY_PIDFD;
			close((int)pfd);
		}
	}
	snprintf(name, sizeof(name), "%d", (int)c->pid);
	dfd = openat(procfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		h->how |= HIDDEN_BY_LOOKUP;
		if (io_readlink_at(dfd, "exe", link, sizeof(link), &n) ==
		    RM_OK)
			h->exe = arena_strndup(&s->arena, link, n);
		close(dfd);
	}
	h->comm = read_small(s, procfd, c->pid, "comm", 64);
	h->status = read_small(s, procfd, c->pid, "status",
	    HIDDEN_STATUS_KEEP);
	for (uint32_t i = 0; i < s->host.nproc_mounts; i++) {
		const struct proc_mount *m = &s->host.proc_mounts[i];

		if (m->pid == c->pid && strchr(m->mount_point + 6, '/') ==
		    NULL) {
			h->mount_point = m->mount_point;
			break;
		}
	}
}

/* On a terminal one line redrawn in place; elsewhere (--progress into a
 * log) plain lines, at most one a second. */
static void
progress_line(uint32_t pid, uint32_t max, bool done)
{
	bool tty = isatty(STDERR_FILENO);

	if (done) {
		if (tty)
			fputs("\r\033[K", stderr);
	} else {
		fprintf(stderr, "%srookmelder: probing pids for hidden "
		    "processes: %u/%u%s", tty ? "\r" : "", pid, max,
		    tty ? "" : "\n");
	}
	fflush(stderr);
}

int
hidden_scan(struct snapshot *s, int procfd, const struct hidden_ops *ops,
	    const struct hidden_opts *o)
{
	uint32_t max = o->pid_max, ncand = 0, alloc = 0, over = 0;
	uint8_t *map = xcalloc((size_t)max / 8 + 1, 1);
	struct cand *cv = NULL;
	uint64_t t0 = io_now_ns(), last = t0;
	bool shown = false, cut = false;
	pid_t self = getpid();
	uint32_t pid = 1;
	int r;

	r = ops->list(ops->ctx, map, max);
	if (r != RM_OK) {
		free(map);
		snapshot_skip(s, "hidden processes", "cannot list /proc: %s",
		    rm_strerror(r));
		return r;
	}
	for (; pid <= max; pid++) {
		struct cand c = { .pid = (pid_t)pid };
		bool listed = bit(map, pid);
		pid_t tg;

		if ((pid & 0xffff) == 0) {
			uint64_t now = io_now_ns();

			if (o->budget_s > 0 &&
			    (double)(now - t0) / 1e9 > o->budget_s) {
				cut = true;
				break;
			}
			if (o->progress && now - t0 > 1000000000u &&
			    now - last > (isatty(STDERR_FILENO) ? 200000000u :
			    1000000000u)) {
				progress_line(pid, max, false);
				shown = true;
				last = now;
			}
		}
		if (listed) {
			/* listed but not read: unreadable while alive? */
			if ((pid_t)pid == self || snapshot_proc(s, (pid_t)pid))
				continue;
			c.kind = HIDDEN_UNREADABLE;
			if (readable(procfd, c.pid))
				continue;  /* started after the process pass */
		} else {
			c.kind = HIDDEN_UNLISTED;
		}
		if ((c.how = ops->probe(ops->ctx, c.pid)) == 0)
			continue;
		tg = ops->tgid(ops->ctx, c.pid);
		if (tg < 0 || (tg > 0 && tg != c.pid))
			continue;  /* gone, or a thread of some process */
		if (ncand >= 4 * RM_HIDDEN_MAX) {
			over++;
			continue;
		}
		if (ncand == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			cv = xreallocarray(cv, alloc, sizeof(*cv));
		}
		cv[ncand++] = c;
	}
	if (shown)
		progress_line(0, 0, true);
	/* twice: a fresh listing, then every suspect again */
	for (int round = 0; round < 2 && ncand; round++) {
		if (o->recheck_ms) {
			struct timespec ts = { 0, (long)o->recheck_ms *
			    1000000L };

			nanosleep(&ts, NULL);
		}
		memset(map, 0, (size_t)max / 8 + 1);
		if (ops->list(ops->ctx, map, max) != RM_OK)
			break;
		for (uint32_t i = 0; i < ncand; i++)
			recheck(procfd, ops, map, &cv[i]);
	}
	for (uint32_t i = 0; i < ncand; i++) {
		if (cv[i].gone)
			continue;
		if (s->nhidden_pids >= RM_HIDDEN_MAX) {
			over++;
			continue;
		}
		if (s->nhidden_pids % 16 == 0) {
			struct hidden_pid *nv = arena_alloc(&s->arena,
			    (s->nhidden_pids + 16) * sizeof(*nv));

			if (s->nhidden_pids)
				memcpy(nv, s->hidden_pids, s->nhidden_pids *
				    sizeof(*nv));
			s->hidden_pids = nv;
		}
		describe(s, procfd, &cv[i], &s->hidden_pids[s->nhidden_pids++]);
	}
	if (over)
		snapshot_skip(s, "hidden processes: some", "%u more suspect "
		    "pid(s) beyond the first %u were not described", over,
		    RM_HIDDEN_MAX);
	s->pid_probe_max = cut ? pid - 1 : max;
	s->pid_probe_ms = (io_now_ns() - t0) / 1000000u;
	s->pid_probe_done = !cut;
	if (cut)
		snapshot_skip(s, "hidden processes: pid probe", "stopped "
		    "after %.0f s at pid %u of %u: pids above were not probed",
		    o->budget_s, pid - 1, max);
	free(cv);
	free(map);
	return RM_OK;
}

void
hidden_collect(struct snapshot *s, int procfd, bool progress)
{
	struct hidden_ops ops;
	struct hidden_opts o = { .budget_s = RM_PID_PROBE_SECS,
		.progress = progress, .recheck_ms = 20 };
	char buf[4096], link[32], self[32];
	size_t n;
	int64_t pm = -1;

	if (geteuid() != 0) {
		snapshot_skip(s, "hidden processes", "needs root: /proc's "
		    "hidepid option and other users' processes make the pid "
		    "probe unreliable without it");
		return;
	}
	/* the /proc we read must be our own pid namespace's */
	snprintf(self, sizeof(self), "%d", (int)getpid());
	if (io_readlink_at(procfd, "self", link, sizeof(link), &n) != RM_OK ||
	    strcmp(link, self) != 0) {
		snapshot_skip(s, "hidden processes", "the procfs mounted at "
		    "/proc belongs to another pid namespace: pids cannot be "
		    "compared");
		return;
	}
	if (io_read_at(procfd, "sys/kernel/pid_max", buf, 64, &n, NULL) ==
	    RM_OK) {
		buf[n] = '\0';
		pm = strtoll(buf, NULL, 10);
	}
	if (pm <= 0 || pm > (int64_t)RM_PROCS_MAX)
		pm = pm <= 0 ? 32768 : (int64_t)RM_PROCS_MAX;
	o.pid_max = (uint32_t)pm;
	/* The initial pid namespace has a fixed inode (PROC_PID_INIT_INO,
	 * include/linux/proc_ns.h); any other means we run in a container's
	 * and see only its processes. */
	if (io_readlink_at(procfd, "self/ns/pid", buf, 64, &n) == RM_OK &&
	    strcmp(buf, "pid:[4026531836]") != 0)
		snapshot_skip(s, "hidden processes: other pid namespaces",
		    "rookmelder runs inside a pid namespace (%s): the probe "
		    "covers only its processes, not the host's", buf);
	/* the scheduler's count of threads, against the listed ones (the
	 * scanner, dropped from the facts, is one) */
	if (io_read_at(procfd, "loadavg", buf, 128, &n, NULL) == RM_OK) {
		const char *sl;

		buf[n] = '\0';
		if ((sl = strchr(buf, '/')) != NULL)
			s->sched_tasks = strtoll(sl + 1, NULL, 10);
		s->visible_tasks = 1;
		for (size_t i = 0; i < s->nprocs; i++)
			s->visible_tasks += s->procs[i].threads ?
			    s->procs[i].threads : 1;
	}
	hidden_ops_live(&ops, &procfd);
	hidden_scan(s, procfd, &ops, &o);
}
