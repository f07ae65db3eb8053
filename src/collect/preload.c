/*
 * preload.c - read the libraries that /etc/ld.so.preload and LD_PRELOAD /
 * LD_AUDIT name, hash them and list the calls they hook.
 *
 * /etc/ld.so.preload's libraries are read inside the scan root (so a disk
 * image works too); a process's LD_PRELOAD libraries are read through
 * /proc/PID/root, in that process's own mount namespace, once per
 * (namespace, path).  Paths go through root_open(): a planted link cannot
 * lead outside that root, a FIFO cannot hang the scan.  At most
 * RM_PRELOAD_LIBS libraries of RM_PRELOAD_LIB_MAX bytes each are read.
 *
 * Hostile inputs: the preload file's text, the environment value, the
 * library's bytes (elf_parse.c).  Bare names in LD_PRELOAD (no '/', found
 * by the linker's search path) are not resolved.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/hash.h"
#include "../core/hooks.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "collect.h"
#include "elf_parse.h"
#include "../core/sort.h"

struct hookset {
	const char *v[RM_PRELOAD_HOOKS];
	uint32_t n;
};

static int
keep_hook(const char *name, void *arg)
{
	struct hookset *h = arg;

	if (hook_class_of(name) == HOOK_NONE)
		return 0;
	for (uint32_t i = 0; i < h->n; i++)
		if (strcmp(h->v[i], name) == 0)
			return 0;  /* versioned duplicates */
	if (h->n < RM_PRELOAD_HOOKS)
		h->v[h->n++] = name;
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Parse the bytes of one library into l. */
void
preload_parse_lib(struct snapshot *s, struct preload_lib *l,
		  const uint8_t *data, size_t len)
{
	struct hookset h = { .n = 0 };
	struct elf_info info;

	if (elf_dynsyms(data, len, keep_hook, &h, &info) != RM_OK)
		return;
	l->elf = true;
	l->nfuncs = info.nfuncs;
	if (h.n == 0)
		return;
	xqsort(h.v, h.n, sizeof(h.v[0]), cmp_str);
	l->hooks = arena_alloc(&s->arena, h.n * sizeof(*l->hooks));
	for (uint32_t i = 0; i < h.n; i++)
		l->hooks[i] = arena_strdup(&s->arena, h.v[i]);
	l->nhooks = h.n;
}

/* Read path inside dirfd (a root) as library l. */
static void
read_lib(struct snapshot *s, int dirfd, const char *path, uint64_t ns,
	 pid_t pid)
{
	struct preload_lib *l;
	struct buf b;
	struct stat st;
	uint8_t dig[32];
	char hex[65];
	bool trunc = false;
	int r;

	if (snapshot_preload_lib(s, path, ns))
		return;
	if (s->npreload_libs >= RM_PRELOAD_LIBS) {
		snapshot_skip(s, "preloaded libraries", "more than %u "
		    "libraries: the rest were not read", RM_PRELOAD_LIBS);
		return;
	}
	if (s->npreload_libs % 16 == 0) {
		struct preload_lib *nv = arena_alloc(&s->arena,
		    (s->npreload_libs + 16) * sizeof(*nv));

		if (s->npreload_libs)
			memcpy(nv, s->preload_libs, s->npreload_libs *
			    sizeof(*nv));
		s->preload_libs = nv;
	}
	l = &s->preload_libs[s->npreload_libs++];
	memset(l, 0, sizeof(*l));
	l->path = arena_strdup(&s->arena, path);
	l->ns_mnt = ns;
	l->pid = pid;
	buf_init(&b, RM_PRELOAD_LIB_MAX);
	r = root_read_file(dirfd, path, &b, &st, &trunc);
	if (r == RM_ETOOBIG) {
		/* read the first RM_PRELOAD_LIB_MAX bytes ourselves */
		int fd = root_open(dirfd, path, O_RDONLY | O_NONBLOCK);

		buf_free(&b);
		buf_init(&b, RM_PRELOAD_LIB_MAX);
		r = fd < 0 ? fd : RM_OK;
		if (fd >= 0) {
			char chunk[65536];
			ssize_t n;

			if (fstat(fd, &st) != 0)
				st.st_size = 0;
			while (b.len + sizeof(chunk) <= RM_PRELOAD_LIB_MAX &&
			    (n = read(fd, chunk, sizeof(chunk))) > 0)
				buf_append(&b, chunk, (size_t)n);
			close(fd);
			trunc = true;
		}
	}
	l->read_err = r;
	if (r != RM_OK) {
		buf_free(&b);
		return;
	}
	l->size = (uint64_t)st.st_size;
	l->truncated = trunc;
	if (!trunc) {
		hash_sha256_mem(b.data ? b.data : "", b.len, dig);
		for (int i = 0; i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", dig[i]);
		l->sha256 = arena_strdup(&s->arena, hex);
	}
	if (b.data)
		preload_parse_lib(s, l, (const uint8_t *)b.data, b.len);
	buf_free(&b);
}

/* Each library of a list: whitespace or ':' separated, '#' to the end of
 * the line a comment when comments (ld.so.preload); at most 64. */
static void
each_lib(struct snapshot *s, const char *text, size_t len, bool comments,
	 bool last_cut, int dirfd, uint64_t ns, pid_t pid)
{
	const char *p = text, *end = text + len;
	int n = 0;

	while (p < end && n < 64) {
		const char *e;
		char lib[4096];

		while (p < end && strchr(" \t\r\n:", *p))
			p++;
		if (comments && p < end && *p == '#') {
			while (p < end && *p != '\n')
				p++;
			continue;
		}
		e = p;
		while (e < end && !strchr(" \t\r\n:", *e))
			e++;
		if (e == p)
			break;
		if ((e == end && last_cut) || (size_t)(e - p) >= sizeof(lib) ||
		    memchr(p, '/', (size_t)(e - p)) == NULL) {
			p = e;
			continue;
		}
		memcpy(lib, p, (size_t)(e - p));
		lib[e - p] = '\0';
		read_lib(s, dirfd, lib, ns, pid);
		n++;
		p = e;
	}
}

void
preload_collect(struct snapshot *s, int procfd)
{
	const struct file_snapshot *fs = &s->host.ld_so_preload;

	if (fs->exists && fs->content)
		each_lib(s, fs->content, fs->len, true, fs->truncated,
		    s->rootfd, 0, 0);
	if (procfd < 0)
		return;
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *p = &s->procs[i];
		int rfd = -1;

		for (uint32_t k = 0; k < p->nenv; k++) {
			const struct env_var *e = &p->env[k];
			char name[32];

			if (strcmp(e->name, "LD_PRELOAD") != 0 &&
			    strcmp(e->name, "LD_AUDIT") != 0)
				continue;
			if (p->ns_mnt == 0 || e->value_len == 0)
				continue;
			if (rfd < 0) {
				snprintf(name, sizeof(name), "%d/root",
				    (int)p->pid);
				rfd = openat(procfd, name, O_PATH |
				    O_DIRECTORY | O_CLOEXEC);
				if (rfd < 0)
					break;  /* gone, or not ours to read */
			}
			each_lib(s, e->value, strlen(e->value), false,
			    e->value_len > strlen(e->value), rfd, p->ns_mnt,
			    p->pid);
		}
		if (rfd >= 0)
			close(rfd);
	}
}
