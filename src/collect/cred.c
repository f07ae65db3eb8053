/*
 * cred.c - the inventory of credential stores on the host or an image,
 * and the owners of credential files live processes hold open.
 *
 * Where it looks (every path through root.h, inside the scan root):
 *  - every home of /etc/passwd and /root: ~/.aws/{credentials,config},
 *    ~/.config/gcloud/{application_default_credentials.json,
 *    credentials.db,access_tokens.db,legacy_credentials/X/...}, JSON
 *    service-account keys at the top of the home and in ~/.config/gcloud,
 *    ~/.azure token caches, ~/.kube/config, ~/.docker/config.json,
 *    ~/.ssh/id_X and ~/.ssh/X.pem, ~/public_html/.env;
 *  - /etc/kubernetes/X.conf, /etc/rancher/k3s/k3s.yaml, the service-account
 *    token under /var/run/secrets and /run/secrets;
 *  - .env files of web roots: /var/www/X/.env, /var/www/X/Y/.env,
 *    /srv/X/.env, /srv/www/X/.env, /usr/share/nginx/html/.env.
 * Caps: RM_CRED_HOMES_MAX homes, RM_CRED_DIR_MAX entries per directory,
 * RM_CRED_FILES_MAX files, RM_CRED_FILE_MAX bytes of each (flagged
 * truncated).  A file reached twice (a link, /var/run -> /run) is kept
 * once.  Only what cred_parse.h keeps is stored: never a secret.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/credpath.h"
#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "../core/sort.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "cred_parse.h"
#include "ssh_parse.h"

struct cand {
	char *path;                /* absolute, inside the root */
	enum cred_kind kind;
	const char *user;          /* the home's account, or NULL */
	bool probe;                /* a *.json that may be a key file */
};

struct walk {
	struct snapshot *s;
	struct cand *c;
	size_t n, alloc;
	bool capped;
};

static void
add(struct walk *w, const char *path, enum cred_kind kind, const char *user,
    bool probe)
{
	if (w->n >= RM_CRED_FILES_MAX * 4) {
		w->capped = true;
		return;
	}
	if (w->n == w->alloc) {
		w->alloc = w->alloc ? w->alloc * 2 : 64;
		w->c = xreallocarray(w->c, w->alloc, sizeof(*w->c));
	}
	w->c[w->n].path = xstrdup(path);
	w->c[w->n].kind = kind;
	w->c[w->n].user = user;
	w->c[w->n].probe = probe;
	w->n++;
}

/* ---- directory listings --------------------------------------------------- */

struct lst {
	char names[RM_CRED_DIR_MAX][256];
	unsigned char types[RM_CRED_DIR_MAX];
	size_t n;
	bool capped;
};

static int
lst_cb(const char *name, unsigned char d_type, void *arg)
{
	struct lst *l = arg;

	if (l->n >= RM_CRED_DIR_MAX) {
		l->capped = true;
		return 1;
	}
	snprintf(l->names[l->n], sizeof(l->names[0]), "%s", name);
	l->types[l->n] = d_type;
	l->n++;
	return 0;
}

/* List dir inside the root into l (heap: it is large); false if absent. */
static bool
list_q(struct snapshot *s, const char *dir, struct lst *l, bool quiet)
{
	int fd = root_open(s->rootfd, dir, O_RDONLY | O_DIRECTORY);

	l->n = 0;
	l->capped = false;
	if (fd < 0) {
		if (fd == RM_EPERM)
			snapshot_skip(s, "credentials: unreadable directories",
			    "%.200s and maybe others could not be listed", dir);
		return false;
	}
	io_list_dir(fd, lst_cb, l);
	close(fd);
	if (l->capped && !quiet)
		snapshot_skip(s, "credentials: large directories", "%.200s has "
		    "more than %u entries; the rest were not looked at", dir,
		    RM_CRED_DIR_MAX);
	return true;
}

/* snprintf that says whether the whole text fit */
static bool __attribute__((format(printf, 3, 4)))
pfmt(char *out, size_t sz, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, sz, fmt, ap);
	va_end(ap);
	return n >= 0 && (size_t)n < sz;
}

static bool
list(struct snapshot *s, const char *dir, struct lst *l)
{
	return list_q(s, dir, l, false);
}

static bool
ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && strcmp(s + a - b, suf) == 0;
}

/* ---- what to look at -------------------------------------------------------- */

static void
home_cands(struct walk *w, const char *home, const char *user, struct lst *l)
{
	bool people = strcmp(home, "/root") == 0 ||
	    strncmp(home, "/home/", 6) == 0;
	static const char *const fixed[] = {
		".aws/credentials", ".aws/config",
		".config/gcloud/application_default_credentials.json",
		".config/gcloud/credentials.db",
		".config/gcloud/access_tokens.db",
		".azure/msal_token_cache.json", ".azure/msal_token_cache.bin",
		".azure/accessTokens.json",
		".azure/service_principal_entries.json",
		".kube/config", ".docker/config.json",
		"public_html/.env",
	};
	char p[1024], d[1024];

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		if ((size_t)snprintf(p, sizeof(p), "%s/%s", home, fixed[i]) >=
		    sizeof(p))
			return;
		add(w, p, credpath_kind(p), user, false);
	}
	/* private keys */
	if (pfmt(d, sizeof(d), "%s/.ssh", home) && list(w->s, d, l))
		for (size_t i = 0; i < l->n; i++) {
			if (pfmt(p, sizeof(p), "%s/%s", d, l->names[i]) &&
			    credpath_kind(p) == CRED_SSH_KEY)
				add(w, p, CRED_SSH_KEY, user, false);
		}
	/* gcloud's per-account legacy credentials */
	if (pfmt(d, sizeof(d), "%s/.config/gcloud/legacy_credentials",
	    home) && list(w->s, d, l)) {
		size_t na = l->n < 16 ? l->n : 16;
		char acct[16][256];

		for (size_t i = 0; i < na; i++)
			memcpy(acct[i], l->names[i], sizeof(acct[i]));
		for (size_t i = 0; i < na; i++) {
			char sub[1024];

			if (!pfmt(sub, sizeof(sub), "%s/%s", d, acct[i]) ||
			    !list(w->s, sub, l))
				continue;
			for (size_t j = 0; j < l->n && j < 8; j++) {
				if (pfmt(p, sizeof(p), "%s/%s", sub,
				    l->names[j]))
					add(w, p, CRED_GCP, user, false);
			}
		}
	}
	/* service-account key files: *.json at the top of the home and in
	 * ~/.config/gcloud (only kept when they are one) */
	for (int k = 0; k < 2; k++) {
		/* a home full of files says nothing: the first entries only,
		 * and only people's homes (not /bin, /var/lib/x) */
		if (k == 0 && !people)
			continue;
		if (!pfmt(d, sizeof(d), "%s%s", home, k ? "/.config/gcloud" :
		    "") || !list_q(w->s, d, l, true))
			continue;
		for (size_t i = 0, np = 0; i < l->n && np < RM_CRED_PROBES;
		    i++) {
			if (!ends_with(l->names[i], ".json") ||
			    strcmp(l->names[i],
			    "application_default_credentials.json") == 0)
				continue;
			np++;
			if (pfmt(p, sizeof(p), "%s/%s", d, l->names[i]))
				add(w, p, CRED_GCP, user, true);
		}
	}
}

static void
system_cands(struct walk *w, struct lst *l)
{
	static const char *const fixed[] = {
		"/etc/rancher/k3s/k3s.yaml",
		"/var/run/secrets/kubernetes.io/serviceaccount/token",
		"/run/secrets/kubernetes.io/serviceaccount/token",
		"/usr/share/nginx/html/.env",
	};
	/* web roots: DIR/X/.env (and DIR/X/Y/.env for /var/www) */
	static const struct { const char *dir; bool deep; } webroots[] = {
		{ "/var/www", true }, { "/srv", false }, { "/srv/www", false },
	};
	char p[1024];

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		add(w, fixed[i], credpath_kind(fixed[i]), NULL, false);
	if (list(w->s, "/etc/kubernetes", l))
		for (size_t i = 0; i < l->n; i++) {
			if (pfmt(p, sizeof(p), "/etc/kubernetes/%s",
			    l->names[i]) && credpath_kind(p) == CRED_KUBECONFIG)
				add(w, p, CRED_KUBECONFIG, NULL, false);
		}
	for (size_t r = 0; r < sizeof(webroots) / sizeof(webroots[0]); r++) {
		size_t nsites;
		char (*sites)[256];

		if (!list(w->s, webroots[r].dir, l))
			continue;
		nsites = l->n;
		sites = xcalloc(nsites ? nsites : 1, sizeof(*sites));
		for (size_t i = 0; i < nsites; i++)
			memcpy(sites[i], l->names[i], sizeof(sites[i]));
		for (size_t i = 0; i < nsites; i++) {
			char site[1024];

			if (!pfmt(site, sizeof(site), "%s/%s", webroots[r].dir,
			    sites[i]) || !pfmt(p, sizeof(p), "%s/.env", site))
				continue;
			add(w, p, CRED_ENV_FILE, NULL, false);
			if (!webroots[r].deep || !list(w->s, site, l))
				continue;
			for (size_t j = 0; j < l->n; j++) {
				if (l->types[j] != DT_DIR &&
				    l->types[j] != DT_UNKNOWN)
					continue;
				if (pfmt(p, sizeof(p), "%s/%s/.env", site,
				    l->names[j]))
					add(w, p, CRED_ENV_FILE, NULL, false);
			}
		}
		free(sites);
	}
}

/* ---- who can read it ---------------------------------------------------------- */

/* Every directory above path must be searchable for others to reach the
 * file: *o_ok for everyone, *g_ok for the group (or everyone). */
static void
ancestors(struct snapshot *s, const char *path, bool *o_ok, bool *g_ok)
{
	char d[1024];
	size_t n = strlen(path);

	*o_ok = *g_ok = true;
	if (n >= sizeof(d))
		return;
	memcpy(d, path, n + 1);
	for (;;) {
		char *sl = strrchr(d, '/');
		struct stat st;
		int fd;

		if (!sl)
			return;
		/* the root directory itself does not count: an image's
		 * mount point says nothing about the host it came from */
		if (sl == d)
			return;
		*sl = '\0';
		fd = root_open(s->rootfd, d, O_RDONLY | O_DIRECTORY);
		if (fd >= 0) {
			if (fstat(fd, &st) == 0) {
				if (!(st.st_mode & S_IXOTH))
					*o_ok = false;
				if (!(st.st_mode & (S_IXOTH | S_IXGRP)))
					*g_ok = false;
			}
			close(fd);
		}
	}
}

static const struct group *
group_by_gid(const struct snapshot *s, uint32_t gid)
{
	for (size_t i = 0; i < s->ngroups && i < 1000000; i++)
		if (s->groups[i].gid == gid)
			return &s->groups[i];
	return NULL;
}

static void
judge_reach(struct snapshot *s, struct cred_file *f)
{
	const struct account *a = snapshot_account_by_uid(s, f->uid);
	const struct group *g = group_by_gid(s, f->gid);
	bool o_ok, g_ok;

	f->group = g ? g->name : NULL;
	f->group_private = (f->uid == 0 && f->gid == 0) || (a && g &&
	    a->gid == f->gid && strcmp(a->name, g->name) == 0 &&
	    (!g->members || !g->members[0] ||
	    strcmp(g->members, a->name) == 0));
	f->reach = CRED_REACH_OWNER;
	if (!(f->mode & (S_IROTH | S_IRGRP)))
		return;
	ancestors(s, f->path, &o_ok, &g_ok);
	if ((f->mode & S_IROTH) && o_ok)
		f->reach = CRED_REACH_WORLD;
	else if ((f->mode & S_IRGRP) && g_ok)
		f->reach = CRED_REACH_GROUP;
}

/* ---- reading ---------------------------------------------------------------- */

struct seen {
	uint64_t dev, ino;
};

static int
cmp_cand(const void *a, const void *b)
{
	return strcmp(((const struct cand *)a)->path,
	    ((const struct cand *)b)->path);
}

static bool
seen_add(struct seen *v, size_t *n, uint64_t dev, uint64_t ino)
{
	for (size_t i = 0; i < *n; i++)
		if (v[i].dev == dev && v[i].ino == ino)
			return false;
	v[(*n)++] = (struct seen){ dev, ino };
	return true;
}

static bool
read_one(struct snapshot *s, const struct cand *c, struct cred_file *f)
{
	struct buf b;
	struct stat st;
	struct cred_info ci;
	bool trunc = false;
	int r;

	memset(f, 0, sizeof(*f));
	/* a *.json that may be a key file: 64 KiB tell */
	buf_init(&b, c->probe ? 65536 : RM_CRED_FILE_MAX);
	r = root_read_file(s->rootfd, c->path, &b, &st, &trunc);
	if (r == RM_ENOENT || r == RM_ELOOP ||
	    (r != RM_OK && r != RM_EPERM && r != RM_ETOOBIG)) {
		buf_free(&b);
		return false;
	}
	if (r == RM_EPERM && root_lstat(s->rootfd, c->path, &st) != RM_OK) {
		buf_free(&b);
		return false;
	}
	if (r == RM_OK || r == RM_ETOOBIG)
		credparse(c->kind, b.data ? b.data : "", b.len, &ci);
	else
		memset(&ci, 0, sizeof(ci));
	buf_free(&b);
	if (c->probe && !(ci.recognised && strncmp(ci.detail,
	    "service_account", 15) == 0))
		return false;
	/* an empty .env, a .pem that is a certificate: not a credential */
	if (r == RM_OK && !ci.recognised && (c->kind == CRED_SSH_KEY ||
	    st.st_size == 0))
		return false;
	f->path = arena_strdup(&s->arena, c->path);
	f->kind = (uint8_t)c->kind;
	f->user = c->user;
	f->uid = st.st_uid;
	f->gid = st.st_gid;
	f->mode = st.st_mode;
	f->mtime = st.st_mtime;
	f->size = (uint64_t)st.st_size;
	f->truncated = trunc || r == RM_ETOOBIG;
	f->read_err = r == RM_ETOOBIG ? RM_OK : r;
	f->recognised = ci.recognised;
	f->has_secret = ci.has_secret;
	f->has_session = ci.has_session;
	f->encrypted = ci.encrypted;
	f->no_passphrase = ci.no_passphrase;
	f->fingerprint = ci.fingerprint[0] ?
	    arena_strdup(&s->arena, ci.fingerprint) : NULL;
	f->detail = ci.detail[0] ? arena_strdup(&s->arena, ci.detail) : NULL;
	f->nitems = ci.nitems;
	if (ci.nnames) {
		f->names = arena_alloc(&s->arena, ci.nnames * sizeof(char *));
		for (uint32_t i = 0; i < ci.nnames; i++)
			f->names[i] = arena_strdup(&s->arena, ci.names[i]);
		f->nnames = ci.nnames;
	}
	/* a PEM key without its public part: the .pub's fingerprint */
	if (c->kind == CRED_SSH_KEY && !f->fingerprint) {
		char pub[1100];
		struct buf pb;

		buf_init(&pb, 16384);
		if (pfmt(pub, sizeof(pub), "%s.pub", c->path) &&
		    root_read_file(s->rootfd, pub, &pb, NULL, NULL) == RM_OK) {
			struct ssh_key_line kl;
			size_t n = strcspn(pb.data, "\n");

			sshparse_key_line(pb.data, n, &kl);
			if (kl.kind == SSHL_KEY)
				f->fingerprint = arena_strdup(&s->arena,
				    kl.fingerprint);
		}
		buf_free(&pb);
	}
	judge_reach(s, f);
	return true;
}

/* ---- processes holding credential files open ---------------------------------- */

static void
cred_opens(struct snapshot *s, int procfd)
{
	size_t n = 0, alloc = 0;
	struct cred_open *v = NULL;

	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *p = &s->procs[i];
		char name[32];
		int rfd = -1;

		if (!p->ncred_fds)
			continue;
		snprintf(name, sizeof(name), "%d/root", (int)p->pid);
		rfd = openat(procfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		for (uint32_t j = 0; j < p->ncred_fds; j++) {
			struct stat st;

			if (n == alloc) {
				alloc = alloc ? alloc * 2 : 16;
				v = xreallocarray(v, alloc, sizeof(*v));
			}
			memset(&v[n], 0, sizeof(v[n]));
			v[n].pid = p->pid;
			v[n].path = p->cred_fds[j];
			if (rfd >= 0 && root_lstat(rfd, p->cred_fds[j], &st) ==
			    RM_OK) {
				v[n].stat_ok = true;
				v[n].uid = st.st_uid;
				v[n].mode = st.st_mode;
			}
			n++;
		}
		if (rfd >= 0)
			close(rfd);
	}
	s->cred_opens = arena_alloc(&s->arena, (n ? n : 1) * sizeof(*v));
	if (n)
		memcpy(s->cred_opens, v, n * sizeof(*v));
	s->ncred_opens = n;
	free(v);
}

/* ---- the collector -------------------------------------------------------------- */

struct home {
	const char *home, *user;
	size_t seq;                /* 0: /root; i+1: passwd entry i */
};

static int
cmp_home_seq(const void *a, const void *b)
{
	const struct home *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* by path, then /root's own entry, then passwd order */
static int
cmp_home(const void *a, const void *b)
{
	const struct home *x = a, *y = b;
	int c = strcmp(x->home, y->home);

	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
cred_collect(struct snapshot *s, int procfd)
{
	uint64_t t0 = io_now_ns();
	struct walk w = { .s = s };
	struct lst *l = xcalloc(1, sizeof(*l));
	struct seen *seen;
	size_t nseen = 0, nhomes = 0, nkept = 0;
	uint64_t bytes = 0;
	struct home *homes;
	size_t nh = 0;
	struct cred_file *out;
	bool homes_capped = false;

	if (procfd >= 0)
		cred_opens(s, procfd);
	/* each home once (the first account in /etc/passwd order names
	 * it), /root always; sorted, so a hostile passwd stays cheap */
	homes = xcalloc(s->naccounts + 1, sizeof(*homes));
	for (size_t i = 0; i < s->naccounts; i++) {
		const char *h = s->accounts[i].home;

		if (!h || h[0] != '/' || strcmp(h, "/") == 0 ||
		    strcmp(h, "/nonexistent") == 0 || strlen(h) > 512)
			continue;
		homes[nh].home = h;
		homes[nh].user = s->accounts[i].name;
		homes[nh].seq = i + 1;
		nh++;
	}
	homes[nh].home = "/root";
	homes[nh].user = "root";
	homes[nh].seq = 0;
	nh++;
	xqsort(homes, nh, sizeof(*homes), cmp_home);
	for (size_t i = 0; i < nh; i++) {
		if (i && strcmp(homes[i].home, homes[nhomes - 1].home) == 0)
			continue;
		homes[nhomes++] = homes[i];
	}
	/* back to passwd order (/root first) before the cap cuts */
	xqsort(homes, nhomes, sizeof(*homes), cmp_home_seq);
	if (nhomes > RM_CRED_HOMES_MAX) {
		homes_capped = true;
		nhomes = RM_CRED_HOMES_MAX;
	}
	for (size_t i = 0; i < nhomes; i++)
		home_cands(&w, homes[i].home, homes[i].user, l);
	system_cands(&w, l);
	free(l);
	free(homes);

	/* each path once, in path order; each file (dev, ino) once */
	xqsort(w.c, w.n, sizeof(*w.c), cmp_cand);
	out = xcalloc(w.n ? w.n : 1, sizeof(*out));
	seen = xcalloc(w.n ? w.n : 1, sizeof(*seen));
	for (size_t i = 0; i < w.n; i++) {
		struct cred_file *f = &out[nkept];
		struct stat st;

		if (i && strcmp(w.c[i].path, w.c[i - 1].path) == 0)
			continue;
		if (w.c[i].kind == CRED_NONE)
			continue;
		if (root_lstat(s->rootfd, w.c[i].path, &st) != RM_OK)
			continue;
		if (nkept >= RM_CRED_FILES_MAX) {
			w.capped = true;
			break;
		}
		if (bytes >= RM_CRED_TOTAL_MAX) {
			snapshot_skip(s, "credentials: files", "more than %u "
			    "bytes of credential files read; the rest were not "
			    "read", RM_CRED_TOTAL_MAX);
			break;
		}
		if (S_ISREG(st.st_mode))
			bytes += (uint64_t)st.st_size < RM_CRED_FILE_MAX ?
			    (uint64_t)st.st_size : RM_CRED_FILE_MAX;
		if (!read_one(s, &w.c[i], f))
			continue;
		{
			struct stat fst;
			int fd = root_open(s->rootfd, w.c[i].path, O_PATH);

			if (fd >= 0 && fstat(fd, &fst) == 0 &&
			    !seen_add(seen, &nseen, fst.st_dev, fst.st_ino)) {
				close(fd);
				continue;
			}
			if (fd >= 0)
				close(fd);
		}
		nkept++;
	}
	for (size_t i = 0; i < w.n; i++)
		free(w.c[i].path);
	free(w.c);
	free(seen);
	s->cred_files = arena_alloc(&s->arena, (nkept ? nkept : 1) *
	    sizeof(*out));
	if (nkept)
		memcpy(s->cred_files, out, nkept * sizeof(*out));
	s->ncred_files = nkept;
	free(out);
	if (homes_capped)
		snapshot_skip(s, "credentials: homes", "more than %u home "
		    "directories; the rest were not looked at",
		    RM_CRED_HOMES_MAX);
	if (w.capped)
		snapshot_skip(s, "credentials: files", "more than %u credential "
		    "files; the rest were not read", RM_CRED_FILES_MAX);
	s->cred_elapsed_us = (io_now_ns() - t0) / 1000;
}
