/*
 * proc.c - the process collector.
 *
 * Enumerates procfs with raw getdents64 (a libc readdir hook cannot hide a
 * pid from it), opens each /proc/PID directory once with O_NOFOLLOW and
 * reads every file relative to that fd.  The directory fd pins the process
 * instance: if the pid dies and is reused mid-read, reads through the old
 * fd fail instead of describing the new process; later re-reads by pid
 * compare start_ticks.
 *
 * Hostile inputs: every byte of comm, cmdline, environ, exe and cwd links
 * and the cgroup path.  Reads are capped (limits.h).  Needs root to read
 * other users' exe, fds and environ; without it the process is reported
 * with what could be read and counted in scan.skipped.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/credpath.h"
#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "proc_parse.h"
#include "../core/sort.h"

#ifndef F_GET_SEALS
#define F_GET_SEALS 1034
#endif

struct pidlist {
	uint32_t *v;
	size_t n, alloc;
};

static int
add_pid(const char *name, unsigned char type, void *arg)
{
	struct pidlist *l = arg;
	uint64_t pid;

	if (type != 4 /* DT_DIR */ && type != 0 /* DT_UNKNOWN */)
		return 0;
	if (name[0] < '1' || name[0] > '9' || !io_parse_u64(name, &pid) ||
	    pid > INT32_MAX)
		return 0;
	if (l->n >= RM_PROCS_MAX)
		return 1;
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 1024;
		l->v = xreallocarray(l->v, l->alloc, sizeof(*l->v));
	}
	l->v[l->n++] = (uint32_t)pid;
	return 0;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* ---- cmdline and environ ------------------------------------------------ */

static int
feed_cmd(const char *p, size_t n, void *arg)
{
	cmdscan_feed(arg, p, n);
	return 0;
}

static int
feed_env(const char *p, size_t n, void *arg)
{
	envscan_feed(arg, p, n);
	return 0;
}

struct env_keep {
	struct arena *a;
	struct env_var v[RM_ENV_KEEP_MAX];
	uint32_t n, ncred;
	bool overflow;
};

static void
keep_env(const char *name, size_t nlen, const char *val, size_t vkept,
	 size_t vlen, void *arg)
{
	struct env_keep *k = arg;
	bool linker = (nlen >= 3 && memcmp(name, "LD_", 3) == 0) ||
	    (nlen >= 4 && memcmp(name, "HIST", 4) == 0);

	/* Credential-looking names share most slots; the dynamic linker's
	 * and history variables have their own, so 32 decoy *_TOKEN
	 * variables cannot push LD_PRELOAD out of sight. */
	if (k->n >= RM_ENV_KEEP_MAX ||
	    (!linker && k->ncred >= RM_ENV_KEEP_MAX - 8)) {
		k->overflow = true;
		return;
	}
	if (!linker)
		k->ncred++;
	k->v[k->n].name = arena_strndup(k->a, name, nlen);
	k->v[k->n].value = arena_strndup(k->a, val, vkept);
	k->v[k->n].value_len = vlen > UINT32_MAX ? UINT32_MAX : (uint32_t)vlen;
	k->n++;
}

static void
read_cmdline(struct snapshot *s, int dfd, struct proc *p)
{
	static char keep[RM_CMDLINE_KEEP + 1];
	struct cmdscan c;
	size_t total;
	bool trunc;

	cmdscan_init(&c, keep, RM_CMDLINE_KEEP);
	if (io_stream_at(dfd, "cmdline", RM_STREAM_MAX, feed_cmd, &c, &total,
	    &trunc) != RM_OK) {
		p->partial |= PROC_MISS_CMDLINE;
		return;
	}
	cmdscan_finish(&c);
	p->cmdline_len = total;
	p->cmdline_truncated = trunc || total > RM_CMDLINE_KEEP;
	p->argc = c.argc;
	if (c.len) {
		p->cmdline = arena_strndup(&s->arena, keep, c.len);
		p->argv0 = arena_strndup(&s->arena, keep, c.argv0_len);
	}
}

static void
read_environ(struct snapshot *s, int dfd, struct proc *p)
{
	static char val[RM_ENV_VALUE_KEEP];
	struct env_keep k = { .a = &s->arena };
	struct envscan e;
	size_t total;
	bool trunc;

	envscan_init(&e, val, sizeof(val), keep_env, &k);
	if (io_stream_at(dfd, "environ", RM_STREAM_MAX, feed_env, &e, &total,
	    &trunc) != RM_OK) {
		p->partial |= PROC_MISS_ENV;
		return;
	}
	envscan_finish(&e);
	p->env_truncated = trunc || k.overflow;
	if (k.n) {
		p->env = arena_memdup(&s->arena, k.v, k.n * sizeof(k.v[0]));
		p->nenv = k.n;
	}
}

/* ---- exe ------------------------------------------------------------------ */

static bool
ends_with(const char *s, size_t n, const char *suf)
{
	size_t l = strlen(suf);

	return n >= l && memcmp(s + n - l, suf, l) == 0;
}

static void
read_exe(struct snapshot *s, int dfd, struct proc *p)
{
	char link[RM_LINK_MAX];
	struct stat st, cur;
	bool have_st;
	size_t n;
	int r, prfd;

	p->exe_seals = -1;
	r = io_readlink_at(dfd, "exe", link, sizeof(link), &n);
	if (r == RM_ENOENT) {
		p->exe_kind = EXE_NONE;
		return;
	}
	if (r != RM_OK && r != RM_ETOOBIG) {
		p->exe_kind = r == RM_EPERM ? EXE_DENIED : EXE_NONE;
		if (r == RM_EPERM)
			p->partial |= PROC_MISS_EXE;
		return;
	}
	p->exe = arena_strndup(&s->arena, link, n);
	p->exe_kind = EXE_FILE;
	if (!ends_with(link, n, " (deleted)"))
		return;  /* the common case: one readlink, no stat */
	have_st = fstatat(dfd, "exe", &st, 0) == 0;
	if (have_st) {
		p->exe_dev = (uint64_t)st.st_dev;
		p->exe_ino = (uint64_t)st.st_ino;
		p->exe_nlink = (uint32_t)st.st_nlink;
	}
	if (strncmp(link, "/memfd:", 7) == 0) {
		int fd = openat(dfd, "exe", O_RDONLY | O_CLOEXEC);

		p->exe_kind = EXE_MEMFD;
		if (fd >= 0) {
			p->exe_seals = fcntl(fd, F_GET_SEALS);
			close(fd);
		}
		return;
	}
	/*
	 * The kernel appends " (deleted)" to an unlinked file's path, but a
	 * file may also be *named* "x (deleted)".  Trust the link count, and
	 * when the inode is still linked somewhere, whether the literal
	 * path is that same inode.  Paths are the process's own view: look
	 * them up under /proc/PID/root (a container's root is not ours).
	 */
	prfd = openat(dfd, "root", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (have_st && st.st_nlink > 0 && prfd >= 0 &&
	    root_lstat(prfd, link, &cur) == RM_OK &&
	    (uint64_t)cur.st_dev == p->exe_dev &&
	    (uint64_t)cur.st_ino == p->exe_ino) {
		close(prfd);
		return;
	}
	p->exe_kind = EXE_DELETED;
	link[n - strlen(" (deleted)")] = '\0';
	p->exe_replaced = prfd >= 0 && root_lstat(prfd, link, &cur) == RM_OK &&
	    S_ISREG(cur.st_mode);
	if (prfd >= 0)
		close(prfd);
}

/* ---- fds ------------------------------------------------------------------ */

struct fdwalk {
	int fdfd;
	struct arena *a;
	uint64_t *socks;
	size_t nsocks, sockalloc;
	const char *special[RM_SPECIAL_FDS_MAX];
	uint32_t nspecial, msr, nfds;
	const char *cred[RM_CRED_FDS_MAX];
	uint32_t ncred, environ;
	pid_t self;                /* the process walked */
	uint8_t stdio_kind[3];
	uint64_t stdio_ino[3];
};

static uint8_t
fd_kind_of(const char *t, uint64_t *ino)
{
	*ino = 0;
	if (strncmp(t, "socket:[", 8) == 0) {
		procparse_socket_link(t, ino);
		return FDK_SOCKET;
	}
	if (strncmp(t, "pipe:[", 6) == 0) {
		procparse_ns_link(t, ino);
		return FDK_PIPE;
	}
	if (strcmp(t, "/dev/null") == 0)
		return FDK_NULL;
	if (strncmp(t, "/dev/pts/", 9) == 0 || strncmp(t, "/dev/tty", 8) == 0 ||
	    strcmp(t, "/dev/console") == 0 || strcmp(t, "/dev/ptmx") == 0)
		return FDK_TTY;
	if (t[0] == '/' && strncmp(t, "/dev/", 5) != 0)
		return FDK_FILE;
	return FDK_OTHER;
}

static bool
notable_fd(const char *t)
{
	return procparse_is_msr(t) || strcmp(t, "/dev/mem") == 0 ||
	    strcmp(t, "/dev/kmem") == 0 || strcmp(t, "/dev/port") == 0 ||
	    strcmp(t, "/proc/kcore") == 0;
}

static int
walk_fd(const char *name, unsigned char type, void *arg)
{
	struct fdwalk *w = arg;
	char link[RM_LINK_MAX];
	uint64_t ino;
	size_t n;

	(void)type;
	if (++w->nfds > RM_FDS_MAX)
		return 1;
	if (io_readlink_at(w->fdfd, name, link, sizeof(link), &n) != RM_OK)
		return 0;
	if (name[0] >= '0' && name[0] <= '2' && name[1] == '\0')
		w->stdio_kind[name[0] - '0'] = fd_kind_of(link,
		    &w->stdio_ino[name[0] - '0']);
	if (link[0] == '/') {
		long epid;

		if (credpath_is_environ(link, &epid)) {
			if (epid != 0 && epid != (long)w->self)
				w->environ++;
		} else if (credpath_kind(link) != CRED_NONE &&
		    w->ncred < RM_CRED_FDS_MAX) {
			w->cred[w->ncred++] = arena_strndup(w->a, link, n);
		}
	}
	if (link[0] == 's' && procparse_socket_link(link, &ino)) {
		if (w->nsocks == w->sockalloc) {
			w->sockalloc = w->sockalloc ? w->sockalloc * 2 : 16;
			w->socks = xreallocarray(w->socks, w->sockalloc,
			    sizeof(*w->socks));
		}
		w->socks[w->nsocks++] = ino;
	} else if (link[0] == '/' && notable_fd(link)) {
		if (procparse_is_msr(link))
			w->msr++;
		if (w->nspecial < RM_SPECIAL_FDS_MAX)
			w->special[w->nspecial++] = arena_strndup(w->a, link, n);
	}
	return 0;
}

static void
read_fds(struct snapshot *s, int dfd, struct proc *p)
{
	struct fdwalk w;
	int r;

	memset(&w, 0, sizeof(w));
	w.a = &s->arena;
	w.self = p->pid;
	w.fdfd = openat(dfd, "fd", O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (w.fdfd < 0) {
		p->partial |= PROC_MISS_FDS;
		return;
	}
	r = io_list_dir(w.fdfd, walk_fd, &w);
	close(w.fdfd);
	if (r != RM_OK)
		p->partial |= PROC_MISS_FDS;
	p->nfds = w.nfds;
	p->msr_fds = w.msr;
	memcpy(p->stdio_kind, w.stdio_kind, sizeof(p->stdio_kind));
	memcpy(p->stdio_ino, w.stdio_ino, sizeof(p->stdio_ino));
	p->environ_fds = w.environ;
	if (w.ncred) {
		p->cred_fds = arena_memdup(&s->arena, w.cred,
		    w.ncred * sizeof(w.cred[0]));
		p->ncred_fds = w.ncred;
	}
	if (w.nsocks) {
		xqsort(w.socks, w.nsocks, sizeof(*w.socks), cmp_u64);
		p->sock_inodes = arena_memdup(&s->arena, w.socks,
		    w.nsocks * sizeof(*w.socks));
		p->nsock_inodes = (uint32_t)w.nsocks;
	}
	free(w.socks);
	if (w.nspecial) {
		p->special_fds = arena_memdup(&s->arena, w.special,
		    w.nspecial * sizeof(w.special[0]));
		p->nspecial_fds = w.nspecial;
	}
}

/* ---- the rest ------------------------------------------------------------- */

static void
read_ns(int dfd, struct proc *p)
{
	static const char *const names[] = { "ns/pid", "ns/net", "ns/mnt" };
	uint64_t *dst[] = { &p->ns_pid, &p->ns_net, &p->ns_mnt };
	char link[64];
	size_t n;

	for (int i = 0; i < 3; i++) {
		if (io_readlink_at(dfd, names[i], link, sizeof(link), &n) !=
		    RM_OK || !procparse_ns_link(link, dst[i]))
			p->partial |= PROC_MISS_NS;
	}
}

static void
read_cgroup(struct snapshot *s, int dfd, struct proc *p)
{
	char buf[RM_CGROUP_MAX], cid[65];
	const char *path;
	size_t n, plen;

	if (io_read_at(dfd, "cgroup", buf, sizeof(buf), &n, NULL) != RM_OK) {
		p->partial |= PROC_MISS_CGROUP;
		return;
	}
	procparse_cgroup(buf, n, &path, &plen, cid);
	p->cgroup = arena_strndup(&s->arena, path, plen);
	if (cid[0])
		p->container_id = arena_strdup(&s->arena, cid);
}

static void
read_cwd(struct snapshot *s, int dfd, struct proc *p)
{
	char link[RM_LINK_MAX];
	size_t n;
	int r = io_readlink_at(dfd, "cwd", link, sizeof(link), &n);

	if (r == RM_OK || r == RM_ETOOBIG)
		p->cwd = arena_strndup(&s->arena, link, n);
	else if (r == RM_EPERM)
		p->partial |= PROC_MISS_CWD;
}

/* Fill p from stat; RM_EGONE when the process is gone. */
int
proc_read_stat(int dfd, struct stat_fields *sf, char *buf, size_t cap)
{
	size_t n;
	int r = io_read_at(dfd, "stat", buf, cap, &n, NULL);

	if (r != RM_OK)
		return r == RM_ENOENT || r == RM_ESYS ? RM_EGONE : r;
	if (n == 0)
		return RM_EGONE;
	return procparse_stat(buf, n, sf);
}

/* Read one process; RM_EGONE if it vanished before stat could be read. */
static int
read_proc(struct snapshot *s, int procfd, uint32_t pid,
	  struct proc *p)
{
	char name[16], buf[RM_STATUS_MAX];
	struct stat_fields sf;
	struct status_fields stf;
	size_t n;
	static long page_kb;
	int dfd, r;

	if (page_kb == 0)
		page_kb = sysconf(_SC_PAGESIZE) / 1024;
	memset(p, 0, sizeof(*p));
	p->cpu_pct = -1;
	p->exe_seals = -1;
	snprintf(name, sizeof(name), "%u", pid);
	dfd = openat(procfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (dfd < 0)
		return RM_EGONE;
	r = proc_read_stat(dfd, &sf, buf, RM_STAT_MAX);
	if (r != RM_OK) {
		close(dfd);
		if (r == RM_EPARSE)
			s->parse_errors++;
		return RM_EGONE;
	}
	p->sample_ns = io_now_ns();
	p->pid = (pid_t)pid;
	p->ppid = (pid_t)sf.ppid;
	p->comm = arena_strndup(&s->arena, sf.comm, sf.comm_len);
	p->state = sf.state;
	p->flags = sf.flags;
	p->utime = sf.utime;
	p->stime = sf.stime;
	p->cutime = sf.cutime;
	p->cstime = sf.cstime;
	p->nice = (int)sf.nice;
	p->threads = sf.threads > UINT32_MAX ? UINT32_MAX : (uint32_t)sf.threads;
	p->start_ticks = sf.start_ticks;
	p->vsize_kb = sf.vsize / 1024;
	p->rss_kb = sf.rss_pages > 0 ? (uint64_t)sf.rss_pages * (uint64_t)page_kb
	    : 0;

	if (io_read_at(dfd, "status", buf, sizeof(buf), &n, NULL) == RM_OK &&
	    procparse_status(buf, n, &stf) == RM_OK) {
		p->ruid = stf.ruid;
		p->euid = stf.euid;
		p->rgid = stf.rgid;
		p->egid = stf.egid;
		p->hugetlb_kb = stf.hugetlb_kb;
		if (stf.rss_kb)
			p->rss_kb = stf.rss_kb;
	} else {
		p->partial |= PROC_MISS_STATUS;
	}

	read_exe(s, dfd, p);
	if (p->flags & PF_KTHREAD_FLAG && p->exe_kind == EXE_NONE) {
		/* a real kernel thread: no argv, fds, environment or cwd */
		close(dfd);
		return RM_OK;
	}
	read_cmdline(s, dfd, p);
	read_cwd(s, dfd, p);
	read_cgroup(s, dfd, p);
	read_ns(dfd, p);
	read_fds(s, dfd, p);
	read_environ(s, dfd, p);
	close(dfd);
	return RM_OK;
}

int
proc_collect(struct snapshot *s, int procfd)
{
	struct pidlist l = { 0 };
	struct proc *v;
	size_t n = 0;
	int r;

	r = io_list_dir(procfd, add_pid, &l);
	if (r != RM_OK) {
		free(l.v);
		return r;
	}
	xqsort(l.v, l.n, sizeof(*l.v), cmp_u32);
	v = l.n ? arena_alloc(&s->arena, l.n * sizeof(*v)) : NULL;
	for (size_t i = 0; i < l.n; i++) {
		if (read_proc(s, procfd, l.v[i], &v[n]) != RM_OK) {
			s->vanished++;
			continue;
		}
		if (v[n].partial & ~(unsigned)PROC_MISS_CGROUP)
			s->partial++;
		n++;
	}
	free(l.v);
	s->procs = v;
	s->nprocs = n;
	return RM_OK;
}
