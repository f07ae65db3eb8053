/*
 * host.c - host facts: name, kernel release and taint, modules, a few
 * sysctls (from the live procfs), and /etc/ld.so.preload (from the root,
 * so it also works on a disk image).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "collect.h"
#include "etc_parse.h"

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

void
host_collect_kernel(struct snapshot *s, int procfd)
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
	r = io_read_at(procfd, "modules", buf, sizeof(buf), &n, &trunc);
	h->modules_supported = r == RM_OK;
	if (r == RM_OK) {
		s->parse_errors += (uint32_t)etcparse_modules(buf, n,
		    &s->arena, &s->kmods, &s->nkmods);
	}
	if (h->ncpu == 0) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);

		h->ncpu = c > 0 ? (uint32_t)c : 1;
	}
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

void
host_collect_files(struct snapshot *s)
{
	snap_file(s, "etc/ld.so.preload", &s->host.ld_so_preload);
	if (!s->live) {
		struct buf b;

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
