/*
 * ctr.c - Docker containers as their state on disk describes them:
 * /var/lib/docker/containers/ID/config.v2.json (name, image, running,
 * mount points) and hostconfig.json (privileged, binds, mounts, pid and
 * network modes, added capabilities).  The same on the live host and in a
 * --root image; no Docker API is called (the daemon may be the
 * intruder's way in, and an image has none).
 *
 * Files are hostile (whoever has the Docker API writes them): read inside
 * the root (root.h), at most RM_CTR_FILE_MAX bytes each, at most
 * RM_CTR_MAX container directories, parsed by the bounded walker of
 * ctr_parse.c.  Only host mounts that matter are kept.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "collect.h"
#include "ctr_parse.h"

#define CTR_DIR "/var/lib/docker/containers"

struct clist {
	char (*ids)[65];
	size_t n;
	bool capped;
	struct snapshot *s;
};

static bool
hex64(const char *n)
{
	size_t i;

	for (i = 0; n[i]; i++)
		if (!((n[i] >= '0' && n[i] <= '9') ||
		    (n[i] >= 'a' && n[i] <= 'f')))
			return false;
	return i == 64;
}

static int
on_entry(const char *name, unsigned char type, void *arg)
{
	struct clist *l = arg;

	(void)type;
	if (!hex64(name))
		return 0;
	if (l->n >= RM_CTR_MAX) {
		l->capped = true;
		return 1;
	}
	memcpy(l->ids[l->n++], name, 65);
	return 0;
}

static void
one(struct snapshot *s, const char *id, struct buf *b, struct container *c)
{
	char path[sizeof(CTR_DIR) + 96];
	static struct ctr_state st;  /* ~9 KiB; the scan is single-threaded */
	struct stat sb;
	bool trunc = false;

	ctrparse_init(&st);
	memset(c, 0, sizeof(*c));
	c->id = arena_strdup(&s->arena, id);
	snprintf(path, sizeof(path), CTR_DIR "/%s", id);
	c->dir = arena_strdup(&s->arena, path);

	snprintf(path, sizeof(path), CTR_DIR "/%s/config.v2.json", id);
	buf_reset(b);
	b->overflow = false;
	if (root_read_file(s->rootfd, path, b, NULL, &trunc) == RM_OK) {
		if (ctrparse_config(&st, b->data, b->len) != RM_OK || trunc)
			c->parse_error = true;
	}
	snprintf(path, sizeof(path), CTR_DIR "/%s/hostconfig.json", id);
	buf_reset(b);
	b->overflow = false;
	if (root_read_file(s->rootfd, path, b, &sb, &trunc) == RM_OK) {
		if (ctrparse_hostconfig(&st, b->data, b->len) != RM_OK ||
		    trunc)
			c->parse_error = true;
		c->uid = (uint32_t)sb.st_uid;
		c->mode = (uint32_t)sb.st_mode;
		c->mtime = (int64_t)sb.st_mtime;
	}
	if (c->parse_error)
		s->parse_errors++;
	if (st.name[0])
		c->name = arena_strdup(&s->arena, st.name);
	if (st.image[0])
		c->image = arena_strdup(&s->arena, st.image);
	c->running = st.running;
	c->privileged = st.privileged;
	c->pid_host = st.pid_host;
	c->net_host = st.net_host;
	c->cap_sys_admin = st.cap_sys_admin;
	c->monitoring = ctrparse_monitoring_image(st.image);
	c->nmounts = st.nmounts;
	c->mounts_dropped = st.mounts_dropped;
	if (st.nmounts) {
		c->mounts = arena_alloc(&s->arena, st.nmounts *
		    sizeof(*c->mounts));
		for (uint32_t i = 0; i < st.nmounts; i++) {
			c->mounts[i].source = arena_strdup(&s->arena,
			    st.mounts[i].source);
			c->mounts[i].dest = arena_strdup(&s->arena,
			    st.mounts[i].dest);
			c->mounts[i].ro = st.mounts[i].ro;
			c->mounts[i].cls = st.mounts[i].cls;
		}
	}
}

void
ctr_collect(struct snapshot *s)
{
	struct clist l = { .s = s };
	struct buf b;
	int dfd;

	dfd = root_open(s->rootfd, CTR_DIR, O_RDONLY | O_DIRECTORY);
	if (dfd == RM_ENOENT || dfd == RM_ESYS)
		return;  /* no Docker here */
	if (dfd < 0) {
		snapshot_skip(s, "containers", "cannot list " CTR_DIR ": %s",
		    rm_strerror(dfd));
		return;
	}
	l.ids = arena_alloc(&s->arena, RM_CTR_MAX * sizeof(*l.ids));
	if (io_list_dir(dfd, on_entry, &l) != RM_OK && l.n == 0 && !l.capped)
		snapshot_skip(s, "containers", "cannot list " CTR_DIR);
	close(dfd);
	if (l.capped)
		snapshot_skip(s, "containers", "more than %u container "
		    "directories: the rest were not read", (unsigned)RM_CTR_MAX);
	if (l.n == 0)
		return;
	buf_init(&b, RM_CTR_FILE_MAX);
	s->containers = arena_alloc(&s->arena, l.n * sizeof(*s->containers));
	for (size_t i = 0; i < l.n; i++)
		one(s, l.ids[i], &b, &s->containers[s->ncontainers++]);
	buf_free(&b);
}
