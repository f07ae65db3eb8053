/*
 * access.c - files remote-access and proxyware tools leave on disk: tmate
 * sockets and config, gsocket's /dev/shm/.gs-* and ~/.config/htop/defunct,
 * ngrok.yml with an authtoken, frpc/frps configs, torrc files and Tor data
 * directories outside /etc/tor, tunnel tool binaries by name, proxyware by
 * name, and Docker containers of proxyware images.
 *
 * A bounded look: /tmp, /var/tmp and /dev/shm to depth 3 (every directory
 * at the top, below that only hidden or tool-named ones), home directories
 * under /root and /home (their top level, one level into dot-directories,
 * and fixed paths), and /var/lib/docker/containers/(*)/config.v2.json.
 * At most RM_ACC_DIR_MAX entries per directory and RM_ACC_WALK_MAX in all;
 * configs are read up to RM_SMALLFILE_MAX bytes, Docker configs up to
 * RM_CONFIG_MAX.  Everything goes through root.h, so it works the same on
 * the live host and on a --root image.
 */
#include <dirent.h>
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
#include "../core/limits.h"
#include "../core/root.h"
#include "../core/xmalloc.h"
#include "access_parse.h"
#include "collect.h"

#define RM_ACC_DIR_MAX 4096       /* entries looked at per directory */
#define RM_ACC_WALK_MAX 50000     /* entries looked at per scan */
#define RM_ACC_HOMES_MAX 4096     /* home directories looked at */
#define RM_ACC_CONTAINERS_MAX 1024
#define RM_ACC_MAX 1024           /* artefacts kept */

struct acc {
	struct snapshot *s;
	struct artefact *v;
	size_t n, alloc;
	uint32_t walked;
	bool capped, walk_capped;
};

/* rel: a path inside the root without the leading "/". */
static struct artefact *
add(struct acc *a, enum art_kind k, const char *rel, const struct stat *st,
    const char *detail)
{
	struct artefact *t;
	char shown[4200];

	if (a->n >= RM_ACC_MAX) {
		a->capped = true;
		return NULL;
	}
	if (a->n == a->alloc) {
		a->alloc = a->alloc ? a->alloc * 2 : 16;
		a->v = xreallocarray(a->v, a->alloc, sizeof(*a->v));
	}
	t = &a->v[a->n++];
	memset(t, 0, sizeof(*t));
	t->kind = (uint8_t)k;
	snprintf(shown, sizeof(shown), "/%s", rel);
	t->path = arena_strdup(&a->s->arena, shown);
	if (detail && detail[0])
		t->detail = arena_strdup(&a->s->arena, detail);
	if (st) {
		t->dir = S_ISDIR(st->st_mode);
		t->mode = st->st_mode;
		t->uid = st->st_uid;
		t->mtime = st->st_mtime;
		t->size = (uint64_t)st->st_size;
	}
	return t;
}

/* A config: read it and keep it only if it is what its name says. */
static void
add_conf(struct acc *a, enum art_kind k, const char *rel,
	 const struct stat *st)
{
	char detail[ACC_STR_MAX];
	struct buf b;
	bool trunc = false;
	int r;

	if (!S_ISREG(st->st_mode))
		return;
	buf_init(&b, RM_SMALLFILE_MAX);
	r = root_read_file(a->s->rootfd, rel, &b, NULL, &trunc);
	if (r == RM_OK && acc_conf_scan(k, b.data ? b.data : "", b.len,
	    detail))
		add(a, k, rel, st, detail);
	else if (r != RM_OK && k != ART_NGROK_CONF)
		add(a, k, rel, st, NULL);  /* unreadable: the name says it */
	buf_free(&b);
}

struct names {
	char **v;
	unsigned char *type;       /* d_type, DT_UNKNOWN on some filesystems */
	size_t n;
	bool capped;
};

static int
collect_name(const char *name, unsigned char type, void *arg)
{
	struct names *nm = arg;

	if (nm->n >= RM_ACC_DIR_MAX) {
		nm->capped = true;
		return 1;
	}
	nm->type[nm->n] = type;
	nm->v[nm->n++] = xstrdup(name);
	return 0;
}

static void
names_free(struct names *nm)
{
	for (size_t i = 0; i < nm->n; i++)
		free(nm->v[i]);
	free(nm->v);
	free(nm->type);
}

static int
list(struct acc *a, const char *rel, struct names *nm)
{
	int fd = root_open(a->s->rootfd, rel, O_RDONLY | O_DIRECTORY);

	memset(nm, 0, sizeof(*nm));
	if (fd < 0)
		return fd;
	nm->v = xreallocarray(NULL, RM_ACC_DIR_MAX, sizeof(*nm->v));
	nm->type = xreallocarray(NULL, RM_ACC_DIR_MAX, sizeof(*nm->type));
	io_list_dir(fd, collect_name, nm);
	close(fd);
	return RM_OK;
}

static bool
tor_named(const char *n)
{
	return strstr(n, "tor") != NULL;
}

/* Walk rel (a directory) at depth; see the file comment for the rules. */
static void
walk(struct acc *a, const char *rel, int depth, int maxdepth, bool in_shm)
{
	struct names nm;
	bool tor_done = false;
	int r = list(a, rel, &nm);

	if (r != RM_OK) {
		if (r != RM_ENOENT && depth == 1)
			snapshot_skip(a->s, "access: artefacts", "cannot list "
			    "/%s: %s", rel, rm_strerror(r));
		return;
	}
	for (size_t i = 0; i < nm.n; i++) {
		const char *name = nm.v[i];
		size_t nl = strlen(name);
		char child[4096];
		struct stat st;
		enum art_kind k;
		bool isdir;

		if (a->walked >= RM_ACC_WALK_MAX) {
			a->walk_capped = true;
			break;
		}
		a->walked++;
		if ((size_t)snprintf(child, sizeof(child), "%s/%s", rel, name) >=
		    sizeof(child))
			continue;
		/* the directory entry's type spares a stat of the thousands
		 * of names that mean nothing */
		if (nm.type[i] != DT_UNKNOWN && !acc_tor_data_member(name, nl) &&
		    acc_art_by_name(name, nl, nm.type[i] == DT_DIR, in_shm) ==
		    ART_NONE) {
			if (nm.type[i] == DT_DIR && depth < maxdepth &&
			    (depth == 1 || name[0] == '.' || tor_named(name)))
				walk(a, child, depth + 1, maxdepth, in_shm);
			continue;
		}
		if (root_lstat(a->s->rootfd, child, &st) != RM_OK)
			continue;
		isdir = S_ISDIR(st.st_mode);
		if (!tor_done && !isdir && acc_tor_data_member(name, nl)) {
			tor_done = true;
			struct stat dst;

			if (root_lstat(a->s->rootfd, rel, &dst) == RM_OK)
				add(a, ART_TOR_DATA, rel, &dst, name);
		}
		k = acc_art_by_name(name, nl, isdir, in_shm);
		switch (k) {
		case ART_NONE:
			break;
		case ART_NGROK_CONF:
		case ART_FRP_CONF:
		case ART_TOR_CONF:
			add_conf(a, k, child, &st);
			break;
		case ART_TOOL_BINARY:
			if (S_ISREG(st.st_mode))
				add(a, k, child, &st, name);
			break;
		case ART_PROXYWARE_FILE:
			if (S_ISREG(st.st_mode) || isdir)
				add(a, k, child, &st,
				    acc_proxyware(name, nl));
			break;
		default:
			if (S_ISREG(st.st_mode) || isdir ||
			    S_ISSOCK(st.st_mode))
				add(a, k, child, &st, NULL);
			break;
		}
		if (isdir && depth < maxdepth && (depth == 1 ||
		    name[0] == '.' || k != ART_NONE || tor_named(name)))
			walk(a, child, depth + 1, maxdepth, in_shm);
	}
	if (nm.capped)
		a->walk_capped = true;
	names_free(&nm);
}

static void
fixed(struct acc *a, const char *home, const char *sub, enum art_kind k)
{
	char rel[4096];
	struct stat st;

	if ((size_t)snprintf(rel, sizeof(rel), "%s/%s", home, sub) >=
	    sizeof(rel))
		return;
	if (root_lstat(a->s->rootfd, rel, &st) != RM_OK)
		return;
	if (k == ART_NGROK_CONF || k == ART_FRP_CONF || k == ART_TOR_CONF)
		add_conf(a, k, rel, &st);
	else if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
		add(a, k, rel, &st, NULL);
}

static void
homes(struct acc *a)
{
	static const struct { const char *sub; enum art_kind k; } fx[] = {
		{ ".config/htop/defunct", ART_GS_DEFUNCT },
		{ ".config/htop/defunct.dat", ART_GS_DEFUNCT },
		{ ".config/ngrok/ngrok.yml", ART_NGROK_CONF },
		{ ".local/share/ngrok/ngrok.yml", ART_NGROK_CONF },
		{ ".config/frp/frpc.toml", ART_FRP_CONF },
		{ ".config/frp/frpc.ini", ART_FRP_CONF },
	};
	const char *seen[RM_ACC_HOMES_MAX];
	size_t nseen = 0;

	for (size_t i = 0; i < a->s->naccounts + 1 && nseen <
	    RM_ACC_HOMES_MAX; i++) {
		const char *h = i < a->s->naccounts ? a->s->accounts[i].home :
		    "/root";
		const char *user = i < a->s->naccounts ?
		    a->s->accounts[i].name : "root";
		bool dup = false;
		size_t before;

		if (h == NULL || (strcmp(h, "/root") != 0 &&
		    strncmp(h, "/home/", 6) != 0) || strstr(h, "/../"))
			continue;
		for (size_t j = 0; j < nseen && !dup; j++)
			dup = strcmp(seen[j], h) == 0;
		if (dup)
			continue;
		seen[nseen++] = h;
		before = a->n;
		/* the top level and one level into dot-directories; the
		 * ngrok.yml in ~/.ngrok2 and ~/.tmate.conf are found there */
		walk(a, h + 1, 2, 3, false);
		for (size_t f = 0; f < sizeof(fx) / sizeof(fx[0]); f++)
			fixed(a, h + 1, fx[f].sub, fx[f].k);
		for (size_t j = before; j < a->n; j++)
			a->v[j].user = user;
	}
}

static void
docker(struct acc *a)
{
	static const char dir[] = "var/lib/docker/containers";
	struct names nm;
	size_t n;

	if (list(a, dir, &nm) != RM_OK)
		return;
	n = nm.n < RM_ACC_CONTAINERS_MAX ? nm.n : RM_ACC_CONTAINERS_MAX;
	for (size_t i = 0; i < n; i++) {
		char rel[4096], image[ACC_STR_MAX];
		struct buf b;
		struct stat st;
		bool trunc = false;

		if ((size_t)snprintf(rel, sizeof(rel), "%s/%s/config.v2.json",
		    dir, nm.v[i]) >= sizeof(rel))
			continue;
		buf_init(&b, RM_CONFIG_MAX);
		if (root_read_file(a->s->rootfd, rel, &b, &st, &trunc) ==
		    RM_OK && acc_docker_proxyware(b.data ? b.data : "", b.len,
		    image))
			add(a, ART_DOCKER_IMAGE, rel, &st, image);
		buf_free(&b);
	}
	names_free(&nm);
}

void
access_collect(struct snapshot *s)
{
	struct acc a = { .s = s };

	walk(&a, "tmp", 1, 3, false);
	walk(&a, "var/tmp", 1, 3, false);
	walk(&a, "dev/shm", 1, 3, true);
	homes(&a);
	docker(&a);
	if (a.capped)
		snapshot_skip(s, "access: artefacts", "more than %u "
		    "remote-access artefacts: the rest were not kept",
		    RM_ACC_MAX);
	if (a.walk_capped)
		snapshot_skip(s, "access: artefacts", "a directory or the walk "
		    "hit its cap (%u entries per directory, %u in all): "
		    "some files were not looked at", RM_ACC_DIR_MAX,
		    RM_ACC_WALK_MAX);
	s->artefacts = arena_alloc(&s->arena, (a.n ? a.n : 1) *
	    sizeof(*s->artefacts));
	if (a.n)
		memcpy(s->artefacts, a.v, a.n * sizeof(*a.v));
	s->nartefacts = a.n;
	free(a.v);
}
