/*
 * ftrace.c - kernel functions hooked through ftrace, and by which module
 * (/sys/kernel/tracing/enabled_functions, or under /sys/kernel/debug).
 * Root only; absent when tracefs is not mounted or the kernel has no
 * dynamic ftrace.  Read up to 4 MiB; module-owned hooks kept (256 at most),
 * all counted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "ftrace_parse.h"

struct fctx {
	struct snapshot *s;
	uint32_t alloc;
};

static void
keep(const struct ftrace_hook *h, void *arg)
{
	struct fctx *c = arg;
	struct host *hs = &c->s->host;
	struct ftrace_hook_fact *f;

	hs->nftrace_funcs++;
	if (h->module[0] == '\0' || hs->nftrace_hooks >= RM_FTRACE_KEEP)
		return;
	if (hs->nftrace_hooks == c->alloc) {
		struct ftrace_hook_fact *nv;

		c->alloc = c->alloc ? c->alloc * 2 : 16;
		nv = arena_alloc(&c->s->arena, c->alloc * sizeof(*nv));
		if (hs->nftrace_hooks)
			memcpy(nv, hs->ftrace_hooks, hs->nftrace_hooks *
			    sizeof(*nv));
		hs->ftrace_hooks = nv;
	}
	f = &hs->ftrace_hooks[hs->nftrace_hooks++];
	f->func = arena_strdup(&c->s->arena, h->func);
	f->module = arena_strdup(&c->s->arena, h->module);
}

/* Parse enabled_functions text into the host facts (tests, fuzzing). */
void
ftrace_parse_into(struct snapshot *s, const char *buf, size_t len)
{
	struct fctx c = { s, 0 };

	s->parse_errors += ftraceparse_enabled(buf, len, keep, &c);
	s->host.ftrace_read = true;
}

void
ftrace_collect(struct snapshot *s)
{
	static const char *const paths[] = {
		"/sys/kernel/tracing/enabled_functions",
		"/sys/kernel/debug/tracing/enabled_functions", NULL,
	};
	char *buf;
	size_t n;
	bool trunc = false;
	int fd = -1, err = ENOENT;

	for (int i = 0; paths[i] && fd < 0; i++) {
		fd = open(paths[i], O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
		    O_CLOEXEC);
		if (fd < 0 && errno != ENOENT)
			err = errno;
	}
	if (fd < 0) {
		snapshot_skip(s, "kernel: ftrace hooks", "%s",
		    err == ENOENT ? "no tracefs (enabled_functions): ftrace "
		    "hooks were not listed" : err == EACCES || err == EPERM ?
		    "needs root: ftrace hooks were not listed" :
		    strerror(err));
		return;
	}
	buf = xmalloc(RM_FTRACE_MAX);
	if (io_read_fd(fd, buf, RM_FTRACE_MAX, &n, &trunc) == RM_OK) {
		ftrace_parse_into(s, buf, n);
		if (trunc)
			snapshot_skip(s, "kernel: ftrace hooks: some", "more "
			    "than %u bytes of enabled_functions: the rest was "
			    "not read", RM_FTRACE_MAX);
	}
	close(fd);
	free(buf);
}
