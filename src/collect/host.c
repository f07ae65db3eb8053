/*
 * host.c - host facts: name, kernel release and taint, modules, a few
 * sysctls (from the live procfs), and /etc/ld.so.preload (from the root,
 * so it also works on a disk image).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/io.h"
#include "../core/xmalloc.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "collect.h"
#include "etc_parse.h"
#include "host_parse.h"

/* Read a one-line procfs value into the arena, trailing newline cut. */
static const char *
read_line_at(struct snapshot *s, int dfd, const char *name)
{
	char buf[512];
	size_t n;

	if (io_read_at(dfd, name, buf, sizeof(buf), &n, NULL) != RM_OK)
		return NULL;
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	return arena_strndup(&s->arena, buf, n);
}

static int64_t
read_int_at(int dfd, const char *name)
{
	char buf[64];
	size_t n;
	char *end;
	long long v;

	if (io_read_at(dfd, name, buf, sizeof(buf), &n, NULL) != RM_OK || !n)
		return -1;
	v = strtoll(buf, &end, 10);
	if (end == buf)
		return -1;
	return v;
}

/*
 * The kernel's "msr: Write to unrecognized MSR 0x.. by COMM (pid: N)"
 * warnings name a miner that writes model-specific registers even when it
 * hides its name elsewhere.  /dev/kmsg gives one record per read; EPIPE
 * means records were overwritten under us, which is fine.
 */
static void
read_kmsg(struct snapshot *s)
{
	struct host *h = &s->host;
	uint32_t alloc = 0, records = 0;
	char rec[8192];
	int fd;

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		snapshot_skip(s, "kernel log", "cannot read /dev/kmsg (%s): "
		    "MSR write warnings were not checked",
		    errno == EACCES || errno == EPERM ? "needs root" :
		    strerror(errno));
		return;
	}
	h->kmsg_read = true;
	while (records++ < 1000000) {
		ssize_t n = read(fd, rec, sizeof(rec) - 1);
		const char *comm;
		size_t cl;
		int64_t pid;
		uint64_t usec;
		uint32_t msr;

		if (n < 0) {
			if (errno == EPIPE || errno == EINTR)
				continue;
			break;  /* EAGAIN: the end */
		}
		if (n == 0)
			break;
		if (!hostparse_kmsg_msr(rec, (size_t)n, &msr, &comm, &cl, &pid,
		    &usec) || h->nmsr_logs >= 256)
			continue;
		if (h->nmsr_logs == alloc) {
			struct msr_log *nv;

			alloc = alloc ? alloc * 2 : 8;
			nv = arena_alloc(&s->arena, alloc * sizeof(*nv));
			if (h->nmsr_logs)
				memcpy(nv, h->msr_logs, h->nmsr_logs *
				    sizeof(*nv));
			h->msr_logs = nv;
		}
		h->msr_logs[h->nmsr_logs].comm = arena_strndup(&s->arena, comm,
		    cl > 64 ? 64 : cl);
		h->msr_logs[h->nmsr_logs].pid = pid;
		h->msr_logs[h->nmsr_logs].msr = msr;
		h->msr_logs[h->nmsr_logs].usec = usec;
		h->nmsr_logs++;
	}
	close(fd);
}

void
host_collect_kernel(struct snapshot *s, int procfd, bool live)
{
	struct host *h = &s->host;
	char buf[1 << 16];
	size_t n;
	bool trunc;
	int r;

	h->hostname = read_line_at(s, procfd, "sys/kernel/hostname");
	h->kernel = read_line_at(s, procfd, "sys/kernel/osrelease");
	h->taint = read_int_at(procfd, "sys/kernel/tainted");
	h->nr_hugepages = read_int_at(procfd, "sys/vm/nr_hugepages");
	h->nmi_watchdog = read_int_at(procfd, "sys/kernel/nmi_watchdog");
	{
		/* a big host lists hundreds of modules: 1 MiB, and a list
		 * cut short is never compared with /sys/module */
		char *mb = xmalloc(RM_MODULES_MAX);

		r = io_read_at(procfd, "modules", mb, RM_MODULES_MAX, &n,
		    &trunc);
		h->modules_supported = r == RM_OK;
		if (r == RM_OK) {
			s->parse_errors += (uint32_t)etcparse_modules(mb, n,
			    &s->arena, &s->kmods, &s->nkmods);
			for (size_t i = 0; i < s->nkmods; i++)
				s->kmods[i].in_proc_modules = true;
			h->modules_truncated = trunc;
		}
		free(mb);
	}
	if (h->ncpu == 0) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);

		h->ncpu = c > 0 ? (uint32_t)c : 1;
	}
	/* the boot time turns a process's start ticks into a wall time
	 * (incident timelines) */
	{
		/* the intr line comes before btime and can be long */
		char *sb = xmalloc(1u << 20);
		const char *bt;

		if (io_read_at(procfd, "stat", sb, (1u << 20) - 1, &n, NULL) ==
		    RM_OK) {
			sb[n] = '\0';
			if ((bt = strstr(sb, "\nbtime ")) != NULL)
				h->boot_time = strtoll(bt + 7, NULL, 10);
			if (h->boot_time < 0)
				h->boot_time = 0;
		}
		free(sb);
	}
	if (h->clk_tck == 0) {
		long hz = sysconf(_SC_CLK_TCK);

		h->clk_tck = hz > 0 ? (uint64_t)hz : 100;
	}
	if (io_read_at(procfd, "meminfo", buf, sizeof(buf), &n, NULL) == RM_OK)
		hostparse_meminfo(buf, n, &h->hugepages_total,
		    &h->hugepages_free, &h->hugepage_kb);
	if (!live)
		return;
	/* a mount over /proc/PID hides that process from every reader */
	{
		char *mi = xmalloc(1u << 20);

		if (io_read_at(procfd, "self/mountinfo", mi, 1u << 20, &n,
		    NULL) == RM_OK)
			s->parse_errors += hostparse_proc_mounts(mi, n,
			    &s->arena, &h->proc_mounts, &h->nproc_mounts);
		free(mi);
	}
	/* absent when the msr module is not loaded (or not built) */
	{
		int sysfd = open("/sys/module/msr/parameters",
		    O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (sysfd >= 0) {
			h->msr_allow_writes = read_line_at(s, sysfd,
			    "allow_writes");
			close(sysfd);
		}
	}
	read_kmsg(s);
}

/* Snapshot a small file in the root (ld.so.preload and the like). */
static void
snap_file(struct snapshot *s, const char *path, struct file_snapshot *f)
{
	struct buf b;
	struct stat st;
	int r;

	memset(f, 0, sizeof(*f));
	buf_init(&b, RM_SMALLFILE_MAX);
	r = root_read_file(s->rootfd, path, &b, &st, &f->truncated);
	if (r == RM_ENOENT) {
		buf_free(&b);
		return;
	}
	if (r == RM_OK || r == RM_EPARSE || r == RM_EPERM) {
		if (r != RM_EPERM || root_lstat(s->rootfd, path, &st) == RM_OK) {
			f->exists = true;
			f->mode = st.st_mode;
			f->uid = st.st_uid;
			f->gid = st.st_gid;
			f->mtime = st.st_mtime;
		}
	}
	if (r == RM_OK) {
		f->content = arena_strndup(&s->arena, b.data, b.len);
		f->len = b.len;
	} else {
		f->read_err = r;
	}
	buf_free(&b);
}

struct sysctl_ctx {
	struct snapshot *s;
	int dfd;
	const char *dir;
	uint32_t alloc;
};


/* path is relative to the root; the facts name it as the host does
 * ("/etc/sysctl.d/..."), whatever --root was. */
static void
sysctl_file(struct snapshot *s, const char *path, uint32_t *alloc)
{
	struct buf b;
	char shown[520];

	snprintf(shown, sizeof(shown), "/%s", path);
	buf_init(&b, RM_SMALLFILE_MAX);
	if (root_read_file(s->rootfd, path, &b, NULL, NULL) == RM_OK)
		hostparse_sysctl(b.data, b.len, shown, &s->arena,
		    &s->host.sysctls, &s->host.nsysctls, alloc);
	buf_free(&b);
}

static int
sysctl_dir_entry(const char *name, unsigned char type, void *arg)
{
	struct sysctl_ctx *c = arg;
	char path[512];
	size_t l = strlen(name);

	(void)type;
	if (l < 6 || strcmp(name + l - 5, ".conf") != 0)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	sysctl_file(c->s, path, &c->alloc);
	return 0;
}

/* Persisted miner tuning: vm.nr_hugepages and kernel.nmi_watchdog lines in
 * the files systemd-sysctl and procps read at boot. */
static void
collect_sysctls(struct snapshot *s)
{
	static const char *const dirs[] = {
		"etc/sysctl.d", "run/sysctl.d", "usr/local/lib/sysctl.d",
		"usr/lib/sysctl.d", "lib/sysctl.d", NULL,
	};
	struct sysctl_ctx c = { .s = s };

	sysctl_file(s, "etc/sysctl.conf", &c.alloc);
	for (int i = 0; dirs[i]; i++) {
		c.dfd = root_open(s->rootfd, dirs[i], O_RDONLY | O_DIRECTORY);
		if (c.dfd < 0)
			continue;
		c.dir = dirs[i];
		io_list_dir(c.dfd, sysctl_dir_entry, &c);
		close(c.dfd);
	}
}

void
host_collect_files(struct snapshot *s)
{
	struct buf b;
	uint32_t alloc = 0;

	snap_file(s, "etc/ld.so.preload", &s->host.ld_so_preload);
	collect_sysctls(s);
	buf_init(&b, RM_FILE_MAX);
	if (root_read_file(s->rootfd, "etc/hosts", &b, NULL, NULL) == RM_OK)
		hostparse_hosts(b.data, b.len, &s->arena, &s->host.hosts,
		    &s->host.nhosts, &alloc);
	buf_free(&b);
	if (!s->live) {
		buf_init(&b, 256);
		if (root_read_file(s->rootfd, "etc/hostname", &b, NULL, NULL) ==
		    RM_OK) {
			size_t n = b.len;

			while (n && (b.data[n - 1] == '\n' || b.data[n - 1] == ' '))
				n--;
			s->host.hostname = arena_strndup(&s->arena, b.data, n);
		}
		buf_free(&b);
	}
}
