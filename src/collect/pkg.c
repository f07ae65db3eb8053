/*
 * pkg.c - package integrity: PAM modules, system binaries and SUID/SGID
 * files checked against dpkg's database, inside the root (the live host or
 * a disk image).
 *
 * What is looked at (every read through root.h or relative to a directory
 * fd opened with O_NOFOLLOW, so an image cannot lead the scan out of it):
 *  - every file in the PAM module directories (/usr/lib/<triplet>/security,
 *    /lib/<triplet>/security, /lib/security, /lib64/security, ...) and every
 *    module a line of /etc/pam.d/ or /etc/pam.conf loads from elsewhere;
 *  - every file in /usr/bin, /usr/sbin, /bin, /sbin (ownership only), and
 *    the programs rootkits replace (ps, ls, ss, sshd, login, ...: hashed);
 *  - setuid and setgid files in /usr, /opt, /etc, /var, /tmp, /dev/shm,
 *    /home, /root, /srv (and /bin, /sbin, /lib* when not links into /usr),
 *    one filesystem per tree on the live host, within RM_SUID_VISIT_MAX
 *    files and RM_SUID_WALK_MS; container and snap stores are not walked.
 *
 * Then the dpkg database is read once: the .list file of every package
 * (which package owns each of those paths; only those paths are kept, so
 * memory stays small whatever the database's size), the diversions, the
 * conffiles in the status file, and the .md5sums of the packages that own
 * a hashed file only.  The usr-merge is handled by comparing paths in one
 * spelling (/bin/ps and /usr/bin/ps meet when /bin links to usr/bin).
 *
 * Facts describe: a file's owners, its MD5 and the recorded one, its
 * meta data, the PAM lines that load it.  Detectors judge.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <linux/magic.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/hash.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "pkg_parse.h"
#include "../core/sort.h"

#define PATH_CAP 4096
#define PAM_DIRS_MAX 32
#define PAM_EXTRA_MAX 256

/* The programs a user-space rootkit replaces to hide itself, and the
 * ones an intruder trojans to keep a way in. */
static const char *const key_bins[] = {
	"awk", "bash", "busybox", "cat", "chattr", "chmod", "chown", "cp",
	"cron", "crontab", "curl", "dash", "df", "dmesg", "du", "egrep",
	"fgrep", "find", "gawk", "grep", "id", "ifconfig", "init", "insmod",
	"ip", "iptables", "kill", "killall", "kmod", "last", "lastlog", "ldd",
	"login", "ls", "lsattr", "lsmod", "lsof", "mawk", "md5sum", "modprobe",
	"mount", "netstat", "nft", "passwd", "pgrep", "pkill", "ps", "pstree",
	"rmmod", "route", "rsyslogd", "sed", "sh", "sha256sum", "ss", "ssh",
	"sshd", "stat", "strings", "su", "sudo", "systemctl", "tar", "top",
	"uname", "uptime", "w", "wget", "who", "whoami", "xargs", NULL,
};

/* Trees of the SUID walk, and directories it does not enter. */
static const char *const suid_trees[] = {
	"usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "opt", "etc",
	"var", "tmp", "dev/shm", "home", "root", "srv", NULL,
};
static const char *const suid_prune[] = {
	"var/lib/docker", "var/lib/containerd", "var/lib/containers",
	"var/lib/snapd", "var/lib/flatpak", "var/lib/lxc", "var/lib/lxd",
	"var/lib/kubelet", "var/snap", "var/lib/machines", "var/lib/incus",
	NULL,
};
static const char *const suid_prune_home[] = {
	".local/share/containers", ".local/share/docker", NULL,
};

struct cand {
	char *key;                 /* one spelling of the path (usr-merge) */
	char *lookup;              /* where to look it up (diversions) */
	char *only_pkg;            /* diverted: only this package's copy */
	char *not_pkg;             /* the diverted copy: not the diverter's */
	struct pkg_file f;         /* the fact; strings in the arena */
	bool dead;                 /* merged into another */
};

struct pk {
	struct snapshot *s;
	unsigned merged;
	struct cand *c;
	size_t n, alloc;
	size_t nsorted;            /* c[0..nsorted) is sorted by key */
	bool capped;
	size_t *byl;               /* indices sorted by lookup key */
	size_t nbyl;
	uint64_t hashed;
	bool hash_capped;
	char pamdirs[PAM_DIRS_MAX][PATH_CAP / 8];
	size_t npamdirs;
	/* the SUID walk */
	uint64_t visited, t_end;
	bool walk_capped, walk_timeout, walk_deep;
	uint64_t denied;           /* directories the walk could not open */
	size_t nextra;
	size_t hidden_entries;     /* looked at inside hidden bin dirs */
};

static char *
dupn(const char *p, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, p, n);
	d[n] = '\0';
	return d;
}

static struct cand *
add(struct pk *k, const char *path, unsigned checks, const struct stat *st)
{
	struct snapshot *s = k->s;
	char key[PATH_CAP];
	struct cand *c;

	if (pkgparse_canon(path, strlen(path), k->merged, key,
	    sizeof(key)) == 0)
		return NULL;
	if (k->n >= RM_PKG_FILES_MAX) {
		k->capped = true;
		return NULL;
	}
	if (k->n == k->alloc) {
		k->alloc = k->alloc ? k->alloc * 2 : 256;
		k->c = xreallocarray(k->c, k->alloc, sizeof(*k->c));
	}
	c = &k->c[k->n++];
	memset(c, 0, sizeof(*c));
	c->key = xstrdup(key);
	c->lookup = c->key;
	c->f.path = arena_strdup(&s->arena, path);
	c->f.checks = checks;
	if (st) {
		c->f.mode = st->st_mode;
		c->f.uid = st->st_uid;
		c->f.gid = st->st_gid;
		c->f.mtime = st->st_mtime;
		c->f.size = (uint64_t)st->st_size;
	}
	return c;
}

static bool
is_key_bin(const char *name)
{
	for (int i = 0; key_bins[i]; i++)
		if (strcmp(key_bins[i], name) == 0)
			return true;
	return false;
}

/* ---- usr-merge ----------------------------------------------------------- */

static unsigned
find_merged(int rootfd)
{
	static const char *const tops[] = { "bin", "sbin", "lib", "lib32",
		"lib64", "libx32", NULL };
	unsigned m = 0;

	for (int i = 0; tops[i]; i++) {
		char t[64], want[32];
		ssize_t l = readlinkat(rootfd, tops[i], t, sizeof(t) - 1);

		if (l <= 0)
			continue;
		t[l] = '\0';
		snprintf(want, sizeof(want), "usr/%s", tops[i]);
		if (strcmp(t, want) == 0 || (t[0] == '/' &&
		    strcmp(t + 1, want) == 0))
			m |= pkgparse_merged_bit(tops[i]);
	}
	return m;
}

/* A top-level directory that is a real directory (not a merged link). */
static bool
real_dir(struct pk *k, const char *rel)
{
	struct stat st;

	return root_lstat(k->s->rootfd, rel, &st) == RM_OK &&
	    S_ISDIR(st.st_mode);
}

/* ---- directories of files (PAM modules, bin dirs) ------------------------ */

struct list_ctx {
	struct pk *k;
	int dfd;
	const char *shown;         /* "/usr/bin" */
	unsigned checks;
	bool key_names;
	size_t n;
	unsigned depth;            /* inside a hidden directory of a bin dir */
};

static int list_entry(const char *name, unsigned char type, void *arg);

/*
 * A dot-directory inside /usr/bin or /usr/sbin: no package ships one, and
 * Perfctl keeps its trojanized top, ldd and lsof wrappers in /bin/.local/bin
 * and /bin/.atmp (ahead of the real ones in a PATH it sets).  Its files are
 * checked like the directory's own, a few levels down, within
 * HIDDEN_BIN_MAX entries per scan.
 */
#define HIDDEN_BIN_MAX 4096
#define HIDDEN_BIN_DEPTH 3

static void
list_hidden(struct list_ctx *c, const char *name)
{
	struct list_ctx sub = *c;
	char shown[PATH_CAP];
	int dfd;

	if (c->depth >= HIDDEN_BIN_DEPTH ||
	    (size_t)snprintf(shown, sizeof(shown), "%s/%s", c->shown, name) >=
	    sizeof(shown))
		return;
	dfd = openat(c->dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC | O_NONBLOCK);
	if (dfd < 0)
		return;
	sub.dfd = dfd;
	sub.shown = shown;
	sub.n = 0;
	sub.depth = c->depth + 1;
	io_list_dir(dfd, list_entry, &sub);
	close(dfd);
}

static int
list_entry(const char *name, unsigned char type, void *arg)
{
	struct list_ctx *c = arg;
	char path[PATH_CAP];
	struct stat st;
	unsigned checks = c->checks;
	char t[RM_LINK_MAX];
	const char *link = NULL;
	struct cand *cd;

	if (++c->n > RM_PKG_FILES_MAX) {
		c->k->capped = true;
		return 1;
	}
	if (c->depth > 0 && ++c->k->hidden_entries > HIDDEN_BIN_MAX)
		return 1;
	if (type != DT_REG && type != DT_UNKNOWN && type != DT_LNK &&
	    type != DT_DIR)
		return 0;
	if (fstatat(c->dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return 0;
	if (S_ISDIR(st.st_mode)) {
		if (c->key_names && (name[0] == '.' || c->depth > 0))
			list_hidden(c, name);
		return 0;
	}
	if (c->key_names && is_key_bin(name))
		checks |= PKGC_SYSBIN_KEY;
	if (S_ISLNK(st.st_mode)) {
		ssize_t l;

		/* a link in a PAM directory, or at the name of a program
		 * rootkits replace (ps -> /dev/shm/.x/ps); update-alternatives
		 * links (awk -> /etc/alternatives/awk) are no one's file */
		if (!(checks & (PKGC_PAM_MODULE | PKGC_SYSBIN_KEY)))
			return 0;
		l = readlinkat(c->dfd, name, t, sizeof(t) - 1);
		if (l < 0)
			return 0;
		t[l] = '\0';
		if (strncmp(t, "/etc/alternatives/", 18) == 0 ||
		    strncmp(t, "../../etc/alternatives/", 23) == 0)
			return 0;
		link = t;
	} else if (!S_ISREG(st.st_mode)) {
		return 0;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", c->shown, name) >=
	    sizeof(path))
		return 0;
	cd = add(c->k, path, checks, &st);
	if (cd && link)
		cd->f.link = arena_strdup(&c->k->s->arena, link);
	return 0;
}

/* List rel (relative to the root); returns false when it is not there. */
static bool
list_dir(struct pk *k, const char *rel, unsigned checks, bool key_names,
	 struct stat *dst)
{
	char shown[PATH_CAP];
	struct list_ctx c = { k, -1, shown, checks, key_names, 0, 0 };
	int dfd = root_open(k->s->rootfd, rel, O_RDONLY | O_DIRECTORY);

	if (dfd < 0) {
		if (dfd != RM_ENOENT && dfd != RM_ELOOP)
			snapshot_skip(k->s, "packages: directories", "/%s "
			    "could not be listed (%s)", rel, rm_strerror(dfd));
		return false;
	}
	if (dst && fstat(dfd, dst) != 0)
		memset(dst, 0, sizeof(*dst));
	snprintf(shown, sizeof(shown), "/%s", rel);
	c.dfd = dfd;
	io_list_dir(dfd, list_entry, &c);
	close(dfd);
	return true;
}

struct arch_ctx {
	char names[PAM_DIRS_MAX][256];
	size_t n;
};

static int
arch_entry(const char *name, unsigned char type, void *arg)
{
	struct arch_ctx *a = arg;

	if (type != DT_DIR && type != DT_UNKNOWN)
		return 0;
	if (strstr(name, "-linux-") == NULL || strlen(name) >= 256)
		return 0;
	if (a->n >= PAM_DIRS_MAX)
		return 1;
	snprintf(a->names[a->n++], 256, "%s", name);
	return 0;
}

static void
pam_dir(struct pk *k, const char *rel, dev_t *devs, ino_t *inos)
{
	struct stat st;

	int dfd;

	if (k->npamdirs >= PAM_DIRS_MAX)
		return;
	dfd = root_open(k->s->rootfd, rel, O_RDONLY | O_DIRECTORY);
	if (dfd < 0)
		return;
	if (fstat(dfd, &st) != 0) {
		close(dfd);
		return;
	}
	close(dfd);
	for (size_t i = 0; i < k->npamdirs; i++)
		if (devs[i] == st.st_dev && inos[i] == st.st_ino)
			return;  /* the same directory by another name */
	if (!list_dir(k, rel, PKGC_PAM_MODULE, false, NULL))
		return;
	devs[k->npamdirs] = st.st_dev;
	inos[k->npamdirs] = st.st_ino;
	if (pkgparse_canon(rel, strlen(rel), k->merged,
	    k->pamdirs[k->npamdirs], sizeof(k->pamdirs[0])) > 0)
		k->npamdirs++;
}

static void
collect_pam_modules(struct pk *k)
{
	static const char *const libs[] = { "usr/lib", "lib", NULL };
	static const char *const plain[] = { "usr/lib64/security",
		"usr/lib/security", "lib64/security", "lib/security", NULL };
	dev_t devs[PAM_DIRS_MAX];
	ino_t inos[PAM_DIRS_MAX];

	for (int l = 0; libs[l]; l++) {
		struct arch_ctx *a = xmalloc(sizeof(*a));
		int dfd;

		a->n = 0;
		if (l > 0 && (k->merged & PKGM_LIB)) {
			free(a);
			continue;
		}
		dfd = root_open(k->s->rootfd, libs[l], O_RDONLY | O_DIRECTORY);
		if (dfd >= 0) {
			io_list_dir(dfd, arch_entry, a);
			close(dfd);
		}
		for (size_t i = 0; i < a->n; i++) {
			char rel[PATH_CAP];

			snprintf(rel, sizeof(rel), "%s/%s/security", libs[l],
			    a->names[i]);
			pam_dir(k, rel, devs, inos);
		}
		free(a);
	}
	for (int i = 0; plain[i]; i++) {
		const char *slash = strchr(plain[i], '/');
		char top[16];

		snprintf(top, sizeof(top), "%.*s", (int)(slash - plain[i]),
		    plain[i]);
		if (k->merged & pkgparse_merged_bit(top))
			continue;
		pam_dir(k, plain[i], devs, inos);
	}
}

static void
collect_bins(struct pk *k)
{
	static const char *const dirs[] = { "usr/bin", "usr/sbin", "bin",
		"sbin", NULL };

	for (int i = 0; dirs[i]; i++) {
		if (i >= 2 && !real_dir(k, dirs[i]))
			continue;  /* a link into /usr: listed already */
		list_dir(k, dirs[i], PKGC_SYSBIN, true, NULL);
	}
}

/* ---- the SUID walk ------------------------------------------------------- */

struct walk_ctx {
	struct pk *k;
	int dfd;
	char *rel;                 /* relative path of dfd, in a PATH_CAP buf */
	size_t rlen;
	char **subs;               /* subdirectories to enter */
	size_t nsubs, asubs;
	bool stop;
};

static bool
pruned(const char *rel)
{
	size_t rl = strlen(rel);

	for (int i = 0; suid_prune[i]; i++)
		if (strcmp(rel, suid_prune[i]) == 0)
			return true;
	/* rootless container storage in a home, wherever the home is */
	for (int i = 0; suid_prune_home[i]; i++) {
		size_t l = strlen(suid_prune_home[i]);

		if (rl > l && rel[rl - l - 1] == '/' &&
		    strcmp(rel + rl - l, suid_prune_home[i]) == 0)
			return true;
	}
	return false;
}

static int
walk_entry(const char *name, unsigned char type, void *arg)
{
	struct walk_ctx *w = arg;
	struct pk *k = w->k;
	struct stat st;

	if (type != DT_REG && type != DT_UNKNOWN && type != DT_DIR)
		return 0;
	/* directories count too: they bound the names kept below */
	if (++k->visited > RM_SUID_VISIT_MAX) {
		k->walk_capped = true;
		w->stop = true;
		return 1;
	}
	if ((k->visited & 4095) == 0 && io_now_ns() > k->t_end) {
		k->walk_timeout = true;
		w->stop = true;
		return 1;
	}
	if (type == DT_DIR) {
		if (w->nsubs == w->asubs) {
			w->asubs = w->asubs ? w->asubs * 2 : 16;
			w->subs = xreallocarray(w->subs, w->asubs,
			    sizeof(*w->subs));
		}
		w->subs[w->nsubs++] = xstrdup(name);
		return 0;
	}
	if (fstatat(w->dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return 0;
	if (type == DT_UNKNOWN && S_ISDIR(st.st_mode)) {
		k->visited--;  /* counted once, as the directory */
		return walk_entry(name, DT_DIR, arg);
	}
	if (S_ISREG(st.st_mode) && (st.st_mode & (S_ISUID | S_ISGID))) {
		char path[PATH_CAP];

		if ((size_t)snprintf(path, sizeof(path), "/%s/%s", w->rel,
		    name) < sizeof(path))
			add(k, path, PKGC_SUID, &st);
	}
	return 0;
}

static bool
walk(struct pk *k, int dfd, char *rel, size_t rlen, dev_t dev, bool xdev,
     unsigned depth)
{
	struct walk_ctx w = { k, dfd, rel, rlen, NULL, 0, 0, false };
	bool stop;

	io_list_dir(dfd, walk_entry, &w);
	stop = w.stop;
	for (size_t i = 0; i < w.nsubs; i++) {
		size_t nl = strlen(w.subs[i]);
		struct stat st;
		int sfd;

		if (stop || rlen + 1 + nl + 1 > PATH_CAP)
			goto next;
		memcpy(rel + rlen, "/", 1);
		memcpy(rel + rlen + 1, w.subs[i], nl + 1);
		if (pruned(rel))
			goto next;
		if (depth >= RM_SUID_DEPTH) {
			k->walk_deep = true;
			goto next;
		}
		sfd = openat(dfd, w.subs[i], O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		if (sfd < 0) {
			k->denied += errno == EACCES || errno == EPERM;
			goto next;
		}
		if (fstat(sfd, &st) == 0 && (!xdev || st.st_dev == dev))
			stop = walk(k, sfd, rel, rlen + 1 + nl, dev, xdev,
			    depth + 1);
		close(sfd);
next:
		rel[rlen] = '\0';
		free(w.subs[i]);
	}
	free(w.subs);
	return stop;
}

static void
collect_suid(struct pk *k)
{
	struct snapshot *s = k->s;
	char *rel = xmalloc(PATH_CAP);

	k->t_end = io_now_ns() + (uint64_t)RM_SUID_WALK_MS * 1000000u;
	for (int i = 0; suid_trees[i]; i++) {
		struct stat st;
		int dfd;

		if (!real_dir(k, suid_trees[i]))
			continue;
		dfd = root_open(s->rootfd, suid_trees[i], O_RDONLY |
		    O_DIRECTORY);
		if (dfd < 0)
			continue;
		snprintf(rel, PATH_CAP, "%s", suid_trees[i]);
		if (fstat(dfd, &st) == 0 &&
		    walk(k, dfd, rel, strlen(rel), st.st_dev, s->live, 1)) {
			close(dfd);
			break;
		}
		close(dfd);
	}
	free(rel);
	if (k->walk_capped)
		snapshot_skip(s, "packages: setuid files", "more than %u files "
		    "and directories under the walked trees; the rest were not "
		    "looked at",
		    RM_SUID_VISIT_MAX);
	if (k->walk_timeout)
		snapshot_skip(s, "packages: setuid files", "the walk took more "
		    "than %u ms and stopped after %llu files", RM_SUID_WALK_MS,
		    (unsigned long long)k->visited);
	if (k->denied)
		snapshot_skip(s, "packages: setuid files (unreadable)", "%llu "
		    "director%s could not be read%s; setuid files in them were "
		    "not seen", (unsigned long long)k->denied, k->denied == 1 ?
		    "y" : "ies", geteuid() != 0 ? " (not root)" : "");
	if (k->walk_deep)
		snapshot_skip(s, "packages: setuid files (depth)", "directories "
		    "deeper than %u levels were not entered", RM_SUID_DEPTH);
}

/* ---- merging and lookup -------------------------------------------------- */

static int
cmp_key(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	return strcmp(x->key, y->key);
}

static void
add_ref(struct pkg_file *f, const char *ref)
{
	for (uint32_t i = 0; i < f->npam_refs; i++)
		if (strcmp(f->pam_refs[i], ref) == 0)
			return;
	if (f->npam_refs < RM_PAM_REFS)
		f->pam_refs[f->npam_refs++] = ref;
}

/* Sort by key and fold duplicates into the first. */
static void
merge(struct pk *k)
{
	size_t o = 0;

	xqsort(k->c, k->n, sizeof(*k->c), cmp_key);
	for (size_t i = 0; i < k->n; i++) {
		if (o > 0 && strcmp(k->c[o - 1].key, k->c[i].key) == 0) {
			struct pkg_file *d = &k->c[o - 1].f, *x = &k->c[i].f;

			d->checks |= x->checks;
			d->pam_outside |= x->pam_outside;
			if (d->link == NULL)
				d->link = x->link;
			for (uint32_t r = 0; r < x->npam_refs; r++)
				add_ref(d, x->pam_refs[r]);
			free(k->c[i].key);
			continue;
		}
		k->c[o++] = k->c[i];
	}
	k->n = k->nsorted = o;
}

static struct cand *
by_key(struct pk *k, const char *key)
{
	struct cand t = { .key = (char *)key };

	return xbsearch(&t, k->c, k->nsorted, sizeof(*k->c), cmp_key);
}

/* ---- PAM configuration --------------------------------------------------- */

static bool
in_pam_dir(struct pk *k, const char *key)
{
	const char *slash = strrchr(key, '/');

	for (size_t i = 0; slash && i < k->npamdirs; i++)
		if (strlen(k->pamdirs[i]) == (size_t)(slash - key) &&
		    strncmp(k->pamdirs[i], key, (size_t)(slash - key)) == 0)
			return true;
	return false;
}

static void
pam_module(struct pk *k, const char *mod, size_t ml, const char *ref)
{
	char path[PATH_CAP], key[PATH_CAP];
	bool outside = false;
	struct cand *c = NULL;
	struct stat st;

	if (ml >= PATH_CAP / 2)
		return;
	if (mod[0] != '/') {
		/* a name: libpam looks in its module directory */
		if (memchr(mod, '/', ml) == NULL) {
			for (size_t i = 0; i < k->npamdirs && c == NULL; i++) {
				snprintf(key, sizeof(key), "%s/%.*s",
				    k->pamdirs[i], (int)ml, mod);
				c = by_key(k, key);
			}
			if (c)
				add_ref(&c->f, ref);
			return;
		}
		/* "../../tmp/x.so" climbs out of it */
		snprintf(path, sizeof(path), "%s/%.*s", k->npamdirs ?
		    k->pamdirs[0] : "/lib/security", (int)ml, mod);
		outside = true;
	} else {
		snprintf(path, sizeof(path), "%.*s", (int)ml, mod);
	}
	if (pkgparse_canon(path, strlen(path), k->merged, key,
	    sizeof(key)) == 0)
		return;
	if (!outside && strstr(key, "/../") == NULL && strstr(key, "/./") ==
	    NULL && in_pam_dir(k, key)) {
		if ((c = by_key(k, key)) != NULL)
			add_ref(&c->f, ref);
		return;
	}
	/* outside the module directories: checked on its own, if there */
	for (size_t i = k->n - k->nextra; i < k->n; i++)
		if (strcmp(k->c[i].key, key) == 0) {
			add_ref(&k->c[i].f, ref);
			return;
		}
	if (k->nextra >= PAM_EXTRA_MAX ||
	    root_lstat(k->s->rootfd, path, &st) != RM_OK ||
	    !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)))
		return;
	if ((c = add(k, path, PKGC_PAM_CONF, &st)) == NULL)
		return;
	k->nextra++;
	c->f.pam_outside = true;
	add_ref(&c->f, ref);
}

static void
pam_file(struct pk *k, const char *rel, bool with_service)
{
	struct snapshot *s = k->s;
	struct buf b;
	const char *p, *end;
	uint32_t lineno = 0;

	buf_init(&b, RM_CONFIG_MAX);
	if (root_read_file(s->rootfd, rel, &b, NULL, NULL) != RM_OK ||
	    b.data == NULL) {
		buf_free(&b);
		return;
	}
	p = b.data;
	end = b.data + b.len;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		struct pam_line l;

		if (e == NULL)
			e = end;
		lineno++;
		pkgparse_pam_line(p, (size_t)(e - p), with_service, &l);
		if (l.kind == PAML_MODULE) {
			char ref[512];
			size_t ll = (size_t)(e - p);

			snprintf(ref, sizeof(ref), "/%s:%u: %.*s", rel, lineno,
			    (int)(ll > 300 ? 300 : ll), p);
			pam_module(k, l.module, l.modlen,
			    arena_strdup(&s->arena, ref));
		}
		p = e + 1;
	}
	buf_free(&b);
}

struct pamd_ctx {
	struct pk *k;
	size_t n;
};

static int
pamd_entry(const char *name, unsigned char type, void *arg)
{
	struct pamd_ctx *c = arg;
	char rel[PATH_CAP];

	(void)type;
	if (++c->n > RM_PAMD_FILES_MAX) {
		snapshot_skip(c->k->s, "packages: /etc/pam.d", "more than %u "
		    "files; the rest were not read", RM_PAMD_FILES_MAX);
		return 1;
	}
	snprintf(rel, sizeof(rel), "etc/pam.d/%s", name);
	pam_file(c->k, rel, false);
	return 0;
}

static void
collect_pam_conf(struct pk *k)
{
	struct pamd_ctx c = { k, 0 };
	int dfd = root_open(k->s->rootfd, "etc/pam.d", O_RDONLY | O_DIRECTORY);

	k->nextra = 0;
	if (dfd >= 0) {
		io_list_dir(dfd, pamd_entry, &c);
		close(dfd);
	}
	pam_file(k, "etc/pam.conf", true);
}

/* ---- the dpkg database --------------------------------------------------- */

static const struct pk *sort_pk;  /* qsort has no argument */

static int
cmp_lookup_q(const void *a, const void *b)
{
	return strcmp(sort_pk->c[*(const size_t *)a].lookup,
	    sort_pk->c[*(const size_t *)b].lookup);
}

static void
build_lookup(struct pk *k)
{
	k->byl = xreallocarray(NULL, k->n ? k->n : 1, sizeof(*k->byl));
	for (size_t i = 0; i < k->n; i++)
		k->byl[i] = i;
	k->nbyl = k->n;
	sort_pk = k;
	xqsort(k->byl, k->nbyl, sizeof(*k->byl), cmp_lookup_q);
	sort_pk = NULL;
}

/* The first index in byl whose lookup key is key, or nbyl. */
static size_t
lookup_first(const struct pk *k, const char *key)
{
	size_t lo = 0, hi = k->nbyl;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(k->c[k->byl[mid]].lookup, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool
pkg_allowed(const struct cand *c, const char *pkg)
{
	size_t pl = strcspn(pkg, ":");  /* "libpam-modules:amd64" */

	if (c->only_pkg && (strlen(c->only_pkg) != pl ||
	    strncmp(c->only_pkg, pkg, pl) != 0))
		return false;
	if (c->not_pkg && strlen(c->not_pkg) == pl &&
	    strncmp(c->not_pkg, pkg, pl) == 0)
		return false;
	return true;
}

static void
add_owner(struct pkg_file *f, const char *pkg)
{
	for (uint32_t i = 0; i < f->nowners; i++)
		if (strcmp(f->owners[i], pkg) == 0)
			return;
	if (f->nowners < RM_PKG_OWNERS)
		f->owners[f->nowners++] = pkg;
}

struct div_ctx {
	struct pk *k;
};

static int
div_triple(const char *from, size_t fl, const char *to, size_t tl,
	   const char *by, size_t bl, void *arg)
{
	struct div_ctx *d = arg;
	struct pk *k = d->k;
	char kf[PATH_CAP], kt[PATH_CAP];
	struct cand *c;

	k->s->pkg_db.diversions++;
	if (pkgparse_canon(from, fl, k->merged, kf, sizeof(kf)) == 0 ||
	    pkgparse_canon(to, tl, k->merged, kt, sizeof(kt)) == 0)
		return 0;
	if ((c = by_key(k, kt)) != NULL && c->lookup == c->key) {
		/* the package's own file, moved aside */
		c->lookup = xstrdup(kf);
		c->not_pkg = dupn(by, bl);
	}
	if ((c = by_key(k, kf)) != NULL && c->only_pkg == NULL) {
		if (bl == 1 && by[0] == ':')
			c->f.local_diversion = true;
		else
			c->only_pkg = dupn(by, bl);
	}
	return 0;
}

static void
read_diversions(struct pk *k)
{
	struct div_ctx d = { k };
	struct buf b;

	buf_init(&b, RM_FILE_MAX);
	if (root_read_file(k->s->rootfd, "var/lib/dpkg/diversions", &b, NULL,
	    NULL) == RM_OK && b.data)
		pkgparse_diversions(b.data, b.len, div_triple, &d);
	buf_free(&b);
}

/* Conffiles of the status file: owned, and the admin's to edit. */
static void
read_status(struct pk *k)
{
	struct snapshot *s = k->s;
	const char *p, *end, *pkg = NULL;
	size_t pkglen = 0;
	bool in_conf = false;
	struct buf b;

	buf_init(&b, RM_PKG_DB_BYTES);
	if (root_read_file(s->rootfd, "var/lib/dpkg/status", &b, NULL, NULL) !=
	    RM_OK || b.data == NULL) {
		snapshot_skip(s, "packages: conffiles", "/var/lib/dpkg/status "
		    "could not be read");
		buf_free(&b);
		return;
	}
	p = b.data;
	end = b.data + b.len;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t n;

		if (e == NULL)
			e = end;
		n = (size_t)(e - p);
		if (n == 0) {
			pkg = NULL;
			in_conf = false;
		} else if (n > 9 && memcmp(p, "Package: ", 9) == 0) {
			pkg = p + 9;
			pkglen = n - 9;
			in_conf = false;
		} else if (n >= 10 && memcmp(p, "Conffiles:", 10) == 0) {
			in_conf = true;
		} else if (p[0] != ' ') {
			in_conf = false;
		} else if (in_conf && pkg) {
			const char *path;
			size_t pl;
			char md5[33], key[PATH_CAP];
			bool obsolete;
			size_t i;

			if (!pkgparse_conffile_line(p, n, &path, &pl, md5,
			    &obsolete) || obsolete ||
			    pkgparse_canon(path, pl, k->merged, key,
			    sizeof(key)) == 0)
				goto next;
			s->pkg_db.conffiles++;
			for (i = lookup_first(k, key); i < k->nbyl &&
			    strcmp(k->c[k->byl[i]].lookup, key) == 0; i++) {
				struct cand *c = &k->c[k->byl[i]];
				char name[256];

				snprintf(name, sizeof(name), "%.*s",
				    (int)(pkglen < 200 ? pkglen : 200), pkg);
				if (!pkg_allowed(c, name))
					continue;
				add_owner(&c->f, arena_strdup(&s->arena, name));
				c->f.conffile = true;
				if (md5[0] && c->f.md5_expected == NULL)
					c->f.md5_expected =
					    arena_strdup(&s->arena, md5);
			}
		}
next:
		p = e + 1;
	}
	buf_free(&b);
}

struct lists_ctx {
	struct pk *k;
	int dfd;
	struct buf b;
	uint64_t bytes;
	bool capped;
};

static int
list_file(const char *name, unsigned char type, void *arg)
{
	struct lists_ctx *l = arg;
	struct pk *k = l->k;
	struct snapshot *s = k->s;
	size_t nl = pkgparse_info_name(name, ".list");
	const char *p, *end, *pkg = NULL;
	char pname[256];

	(void)type;
	if (nl == 0 || nl >= sizeof(pname))
		return 0;
	if (s->pkg_db.packages >= RM_PKG_LISTS_MAX ||
	    l->bytes >= RM_PKG_DB_BYTES ||
	    s->pkg_db.paths >= RM_PKG_PATHS_MAX) {
		l->capped = true;
		return 1;
	}
	memcpy(pname, name, nl);
	pname[nl] = '\0';
	buf_reset(&l->b);
	l->b.overflow = false;
	if (root_read_file(l->dfd, name, &l->b, NULL, NULL) != RM_OK ||
	    l->b.data == NULL)
		return 0;
	s->pkg_db.packages++;
	l->bytes += l->b.len;
	p = l->b.data;
	end = l->b.data + l->b.len;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *path;
		size_t pl, i;
		char key[PATH_CAP];

		if (e == NULL)
			e = end;
		s->pkg_db.paths++;
		if (pkgparse_list_line(p, (size_t)(e - p), &path, &pl) &&
		    pkgparse_canon(path, pl, k->merged, key, sizeof(key)) > 0)
			for (i = lookup_first(k, key); i < k->nbyl &&
			    strcmp(k->c[k->byl[i]].lookup, key) == 0; i++) {
				struct cand *c = &k->c[k->byl[i]];

				if (!pkg_allowed(c, pname))
					continue;
				if (pkg == NULL)
					pkg = arena_strdup(&s->arena, pname);
				add_owner(&c->f, pkg);
			}
		p = e + 1;
	}
	return 0;
}

static void
read_lists(struct pk *k, int infofd)
{
	struct lists_ctx l = { .k = k, .dfd = infofd };

	buf_init(&l.b, RM_FILE_MAX);
	io_list_dir(infofd, list_file, &l);
	buf_free(&l.b);
	if (l.capped)
		snapshot_skip(k->s, "packages: file lists", "the dpkg database "
		    "is larger than %u packages, %u MiB or %u paths; the rest "
		    "was not read (files it lists look unowned)",
		    RM_PKG_LISTS_MAX, RM_PKG_DB_BYTES >> 20, RM_PKG_PATHS_MAX);
}

/* ---- hashing ------------------------------------------------------------- */

static bool
wants_md5(const struct pkg_file *f)
{
	return (f->checks & (PKGC_PAM_MODULE | PKGC_PAM_CONF |
	    PKGC_SYSBIN_KEY | PKGC_SUID)) != 0 && !f->local_diversion;
}

/* A "file" of procfs or sysfs (a link to /proc/kcore at a program's name
 * would make the scan read kernel memory): not hashed. */
static bool
pseudo_fs(int fd)
{
	struct statfs sf;

	return fstatfs(fd, &sf) == 0 && (sf.f_type == PROC_SUPER_MAGIC ||
	    sf.f_type == SYSFS_MAGIC || sf.f_type == DEBUGFS_MAGIC);
}

/* Hash c's file: MD5 always, SHA-256 and the ELF mark when sha. */
static void
hash_file(struct pk *k, struct cand *c, bool md5, bool sha)
{
	struct snapshot *s = k->s;
	char hex[65];
	struct stat st;
	int fd, r;

	if (k->hashed >= RM_PKG_HASH_TOTAL) {
		k->hash_capped = true;
		return;
	}
	fd = root_open(s->rootfd, c->f.path, O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		c->f.read_err = fd;
		return;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || pseudo_fs(fd)) {
		c->f.read_err = RM_EPARSE;
		close(fd);
		return;
	}
	c->f.size = (uint64_t)st.st_size;
	k->hashed += (uint64_t)st.st_size;
	s->pkg_db.hashed++;
	if (md5 && c->f.md5 == NULL) {
		if ((r = hash_md5_fd(fd, RM_PKG_HASH_MAX, hex)) == RM_OK)
			c->f.md5 = arena_strdup(&s->arena, hex);
		else
			c->f.read_err = r;
	}
	if (sha && c->f.sha256 == NULL) {
		unsigned char m[4];

		if ((r = hash_sha256_fd(fd, RM_PKG_HASH_MAX, hex)) == RM_OK)
			c->f.sha256 = arena_strdup(&s->arena, hex);
		if (pread(fd, m, 4, 0) == 4 && memcmp(m, "\177ELF", 4) == 0)
			c->f.elf = true;
	}
	close(fd);
}

struct own_ref {
	const char *pkg;
	size_t ci;
};

static int
cmp_own(const void *a, const void *b)
{
	const struct own_ref *x = a, *y = b;

	return strcmp(x->pkg, y->pkg);
}

/* Read PKG.md5sums of every package that owns a hashed file. */
static void
read_md5sums(struct pk *k, int infofd)
{
	struct snapshot *s = k->s;
	struct own_ref *o = NULL;
	size_t n = 0, a = 0;
	struct buf b;

	for (size_t i = 0; i < k->n; i++) {
		struct pkg_file *f = &k->c[i].f;

		if (f->md5 == NULL || f->conffile)
			continue;
		for (uint32_t j = 0; j < f->nowners; j++) {
			if (n == a) {
				a = a ? a * 2 : 64;
				o = xreallocarray(o, a, sizeof(*o));
			}
			o[n].pkg = f->owners[j];
			o[n++].ci = i;
		}
	}
	xqsort(o, n, sizeof(*o), cmp_own);
	buf_init(&b, RM_FILE_MAX);
	for (size_t i = 0; i < n; i++) {
		char name[300];
		const char *p, *end;

		if (i > 0 && strcmp(o[i].pkg, o[i - 1].pkg) == 0)
			continue;
		snprintf(name, sizeof(name), "%s.md5sums", o[i].pkg);
		buf_reset(&b);
		b.overflow = false;
		if (root_read_file(infofd, name, &b, NULL, NULL) != RM_OK ||
		    b.data == NULL)
			continue;
		p = b.data;
		end = b.data + b.len;
		while (p < end) {
			const char *e = memchr(p, '\n', (size_t)(end - p));
			const char *path;
			size_t pl;
			char md5[33], key[PATH_CAP];

			if (e == NULL)
				e = end;
			if (pkgparse_md5_line(p, (size_t)(e - p), md5, &path,
			    &pl) && pkgparse_canon(path, pl, k->merged, key,
			    sizeof(key)) > 0)
				for (size_t j = lookup_first(k, key);
				    j < k->nbyl && strcmp(k->c[k->byl[j]].lookup,
				    key) == 0; j++) {
					struct pkg_file *f = &k->c[k->byl[j]].f;
					bool owner = false;

					for (uint32_t q = 0; q < f->nowners; q++)
						owner |= f->owners[q] == o[i].pkg ||
						    strcmp(f->owners[q],
						    o[i].pkg) == 0;
					if (!owner || f->md5 == NULL ||
					    f->conffile)
						continue;
					if (strcmp(f->md5, md5) == 0) {
						f->md5_match = true;
						f->md5_expected = f->md5;
					} else if (!f->md5_match &&
					    f->md5_expected == NULL) {
						f->md5_expected = arena_strdup(
						    &s->arena, md5);
					}
				}
			p = e + 1;
		}
	}
	buf_free(&b);
	free(o);
}

static void
hash_all(struct pk *k, int infofd)
{
	for (size_t i = 0; i < k->n; i++) {
		struct cand *c = &k->c[i];

		if (!wants_md5(&c->f))
			continue;
		hash_file(k, c, true, c->f.nowners == 0);
	}
	read_md5sums(k, infofd);
	for (size_t i = 0; i < k->n; i++) {
		struct pkg_file *f = &k->c[i].f;

		if (f->conffile && f->md5 && f->md5_expected)
			f->md5_match = strcmp(f->md5, f->md5_expected) == 0;
		if (f->md5 && f->md5_expected && !f->md5_match)
			hash_file(k, &k->c[i], false, true);  /* modified */
		else if (f->nowners == 0 && (f->checks & PKGC_SYSBIN) &&
		    !wants_md5(f))
			hash_file(k, &k->c[i], false, true);  /* the ELF mark */
	}
	/* an unowned SUID file with the bytes of a checked program: a
	 * setuid copy of a shell (or find, or an interpreter) */
	for (size_t i = 0; i < k->n; i++) {
		struct pkg_file *f = &k->c[i].f;

		if (!(f->checks & PKGC_SUID) || f->nowners || f->md5 == NULL)
			continue;
		for (size_t j = 0; j < k->n && f->copy_of == NULL; j++) {
			const struct pkg_file *g = &k->c[j].f;

			if (j != i && g->nowners && g->md5_match &&
			    (g->checks & PKGC_SYSBIN_KEY) &&
			    strcmp(g->md5, f->md5) == 0)
				f->copy_of = g->path;
		}
	}
	if (k->hash_capped)
		snapshot_skip(k->s, "packages: hashes", "more than %u MiB to "
		    "hash; the rest was not hashed", RM_PKG_HASH_TOTAL >> 20);
}

/*
 * An unowned setuid file inside another system's tree (a chroot, a
 * container image unpacked on disk): the directory above it that holds
 * its own etc/os-release or var/lib/dpkg/status.  Only unowned SUID files
 * are looked at, so this costs a few lstat calls per such file.
 */
static void
find_os_trees(struct pk *k)
{
	for (size_t i = 0; i < k->n; i++) {
		struct pkg_file *f = &k->c[i].f;
		char dir[PATH_CAP];
		char *slash;

		if (!(f->checks & PKGC_SUID) || f->nowners)
			continue;
		snprintf(dir, sizeof(dir), "%s", f->path);
		for (unsigned up = 0; up < RM_SUID_DEPTH; up++) {
			char probe[PATH_CAP + 32];
			struct stat st;

			if ((slash = strrchr(dir, '/')) == NULL || slash == dir)
				break;
			*slash = '\0';
			snprintf(probe, sizeof(probe), "%s/etc/os-release", dir);
			if (root_lstat(k->s->rootfd, probe, &st) != RM_OK) {
				snprintf(probe, sizeof(probe),
				    "%s/var/lib/dpkg/status", dir);
				if (root_lstat(k->s->rootfd, probe, &st) !=
				    RM_OK)
					continue;
			}
			f->os_tree = arena_strdup(&k->s->arena, dir);
			break;
		}
	}
}

/* ---- putting it together ------------------------------------------------- */

static bool
keep(const struct pkg_file *f)
{
	if (f->checks & (PKGC_PAM_MODULE | PKGC_PAM_CONF | PKGC_SYSBIN_KEY |
	    PKGC_SUID))
		return true;
	return f->nowners == 0 && !f->local_diversion;  /* unowned in bin */
}

void
pkg_collect(struct snapshot *s)
{
	struct pk *k = xmalloc(sizeof(*k));
	uint64_t t0 = io_now_ns();
	struct stat st;
	size_t nkeep = 0;
	int infofd;

	memset(k, 0, sizeof(*k));
	k->s = s;
	infofd = root_open(s->rootfd, "var/lib/dpkg/info", O_RDONLY |
	    O_DIRECTORY);
	if (infofd < 0) {
		if (root_lstat(s->rootfd, "var/lib/rpm", &st) == RM_OK ||
		    root_lstat(s->rootfd, "usr/lib/sysimage/rpm", &st) ==
		    RM_OK)
			snapshot_skip(s, "packages", "rpm database not read "
			    "(only dpkg's is): PAM modules, system binaries "
			    "and setuid files were not checked");
		else
			snapshot_skip(s, "packages", "no dpkg database "
			    "(/var/lib/dpkg/info: %s): PAM modules, system "
			    "binaries and setuid files were not checked",
			    rm_strerror(infofd));
		free(k);
		return;
	}
	k->merged = find_merged(s->rootfd);
	collect_pam_modules(k);
	collect_bins(k);
	collect_suid(k);
	merge(k);
	collect_pam_conf(k);
	if (k->nextra)
		merge(k);
	read_diversions(k);
	build_lookup(k);
	read_status(k);
	read_lists(k, infofd);
	hash_all(k, infofd);
	find_os_trees(k);
	close(infofd);
	if (k->capped)
		snapshot_skip(s, "packages: files", "more than %u files to "
		    "check; the rest were not", RM_PKG_FILES_MAX);

	for (size_t i = 0; i < k->n; i++)
		nkeep += keep(&k->c[i].f);
	s->pkg_files = arena_alloc(&s->arena, (nkeep ? nkeep : 1) *
	    sizeof(*s->pkg_files));
	for (size_t i = 0; i < k->n; i++) {
		struct cand *c = &k->c[i];

		if (keep(&c->f))
			s->pkg_files[s->npkg_files++] = c->f;
		if (c->lookup != c->key)
			free(c->lookup);
		free(c->key);
		free(c->only_pkg);
		free(c->not_pkg);
	}
	s->pkg_db.read = true;
	s->pkg_db.walked = k->visited;
	s->pkg_db.elapsed_us = (io_now_ns() - t0) / 1000u;
	free(k->c);
	free(k->byl);
	free(k);
}
