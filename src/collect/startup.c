/*
 * startup.c - the files a Linux system runs code from when it boots, when
 * a device appears or when someone logs in, read inside the root (the live
 * host or a disk image): systemd units, drop-ins and generators, init
 * scripts and rc.local, the shell start-up files of the system and of
 * every account, /etc/environment, udev rules and motd scripts.  Every
 * file becomes a startup_file with its owner, mode, content type and
 * package ownership; every line that runs something worth a look (and
 * every Exec*= and udev RUN) a startup_entry.
 *
 * Files are hostile: read through root_open (links cannot leave the
 * root, FIFOs and devices are refused), at most RM_CONFIG_MAX bytes each,
 * RM_STARTUP_DIR_MAX entries per directory, RM_STARTUP_FILES_MAX files and
 * RM_STARTUP_ENTRIES_MAX entries per scan; what did not fit is said in
 * scan.skipped.
 *
 * "Packaged" means a dpkg file list (the .list files in /var/lib/dpkg/info)
 * names the path.  Every path that matters is asked about while the files
 * are read; the lists (at most RM_DPKG_LISTS_MAX bytes) are then read once
 * and each of their lines looked up in that set.  A merged /usr is allowed
 * for: /bin/x and /usr/bin/x are the same file.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "cron_parse.h"
#include "startup_parse.h"
#include "../core/sort.h"

/* ---- which paths packages own ------------------------------------------- */

/*
 * The questions first, then one pass over the lists: every path asked
 * about (start-up files, the programs they run, each with its merged-/usr
 * twin) goes into a hash set; each line of every list is hashed and looked
 * up.  That reads 8 MiB of lists on a desktop-sized Debian in a few
 * milliseconds, where sorting all their paths cost ten times more.
 */
struct pkgq {
	char *path;                /* NULL: an empty slot */
	uint32_t hash;
	bool owned;
};

struct pkgset {
	struct pkgq *t;            /* open addressing, a power of two */
	size_t size, n;
	uint8_t sig[65536 / 8];    /* pkg_sig of every path asked about: a
				    * list line with another is not hashed */
	struct buf b;              /* one buffer for every list */
	size_t bytes;              /* list bytes read */
	bool read;                 /* at least one list was read */
	bool capped;
};

static uint32_t
pkg_hash(const char *p, size_t n)
{
	uint32_t h = 2166136261u;  /* FNV-1a */

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 16777619u;
	}
	return h;
}

/* A cheap signature (length, last byte, middle byte) of a path of n > 0
 * bytes, to skip most list lines without hashing them. */
static unsigned
pkg_sig(const char *p, size_t n)
{
	return (unsigned)((n * 40503u) ^ ((unsigned char)p[n - 1] * 257u) ^
	    ((unsigned char)p[n / 2] * 7919u)) & 0xffffu;
}

static struct pkgq *
pkg_slot(const struct pkgset *p, const char *path, size_t n, uint32_t h)
{
	size_t i = h & (p->size - 1);

	while (p->t[i].path != NULL) {
		if (p->t[i].hash == h && strlen(p->t[i].path) == n &&
		    memcmp(p->t[i].path, path, n) == 0)
			return &p->t[i];
		i = (i + 1) & (p->size - 1);
	}
	return &p->t[i];
}

static void
pkg_ask1(struct pkgset *p, const char *path)
{
	size_t n = strlen(path);
	uint32_t h = pkg_hash(path, n);
	struct pkgq *q;

	if (p->n + 1 > p->size / 2) {
		struct pkgq *old = p->t;
		size_t osize = p->size;

		p->size = p->size ? p->size * 2 : 1024;
		p->t = xcalloc(p->size, sizeof(*p->t));
		for (size_t i = 0; i < osize; i++)
			if (old[i].path)
				*pkg_slot(p, old[i].path, strlen(old[i].path),
				    old[i].hash) = old[i];
		free(old);
	}
	q = pkg_slot(p, path, n, h);
	if (q->path)
		return;
	q->path = xstrdup(path);
	q->hash = h;
	p->n++;
	{
		unsigned g = pkg_sig(path, n);

		p->sig[g / 8] |= (uint8_t)(1u << (g % 8));
	}
}

/* The merged-/usr twin of path (/bin/x <-> /usr/bin/x), or "". */
static void
pkg_twin(const char *path, char *alt, size_t cap)
{
	static const char *const merged[] = { "/bin/", "/sbin/", "/lib/",
		"/lib32/", "/lib64/", "/libx32/", NULL };

	alt[0] = '\0';
	for (int i = 0; merged[i]; i++) {
		size_t l = strlen(merged[i]);

		if (strncmp(path, merged[i], l) == 0)
			snprintf(alt, cap, "/usr%s", path);
		else if (strncmp(path, "/usr", 4) == 0 &&
		    strncmp(path + 4, merged[i], l) == 0)
			snprintf(alt, cap, "%s", path + 4);
	}
}

/* Ask whether a package owns path (absolute), answered by pkg_load. */
static void
pkg_ask(struct pkgset *p, const char *path)
{
	char alt[1100];

	if (path[0] != '/' || strlen(path) > 1000)
		return;
	pkg_ask1(p, path);
	pkg_twin(path, alt, sizeof(alt));
	if (alt[0])
		pkg_ask1(p, alt);
}

struct pkg_dir_ctx {
	struct snapshot *s;
	struct pkgset *p;
};

static int
pkg_entry(const char *name, unsigned char type, void *arg)
{
	struct pkg_dir_ctx *c = arg;
	struct pkgset *p = c->p;
	size_t l = strlen(name);
	char rel[600];
	struct buf *b = &p->b;
	bool trunc = false;

	(void)type;
	if (l < 6 || strcmp(name + l - 5, ".list") != 0 || l > 500)
		return 0;
	if (p->bytes >= RM_DPKG_LISTS_MAX) {
		p->capped = true;
		return 1;
	}
	snprintf(rel, sizeof(rel), "var/lib/dpkg/info/%s", name);
	buf_reset(b);
	if (root_read_file(c->s->rootfd, rel, b, NULL, &trunc) == RM_OK) {
		const char *q = b->data, *end = b->data + b->len;

		p->read = true;
		p->bytes += b->len;
		if (trunc)
			p->capped = true;
		while (q < end) {
			const char *e = memchr(q, '\n', (size_t)(end - q));
			size_t n;

			if (e == NULL)
				e = end;
			n = (size_t)(e - q);
			if (n > 1 && q[0] == '/') {
				unsigned g = pkg_sig(q, n);

				if (!(p->sig[g / 8] & (1u << (g % 8)))) {
					q = e + 1;
					continue;
				}
			}
			if (n > 1 && q[0] == '/') {
				struct pkgq *hit = pkg_slot(p, q, n,
				    pkg_hash(q, n));

				if (hit->path)
					hit->owned = true;
			}
			q = e + 1;
		}
	}
	return 0;
}

/* Read the lists once and answer every question asked so far. */
static void
pkg_load(struct snapshot *s, struct pkgset *p)
{
	struct pkg_dir_ctx c = { s, p };
	int dfd;

	if (p->n == 0)
		return;
	buf_init(&p->b, RM_FILE_MAX);
	dfd = root_open(s->rootfd, "var/lib/dpkg/info", O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		io_list_dir(dfd, pkg_entry, &c);
		close(dfd);
	}
	buf_free(&p->b);
	if (p->capped)
		snapshot_skip(s, "persistence: package file lists", "the dpkg "
		    "file lists exceed %u MiB; package ownership of start-up "
		    "files is known in part", RM_DPKG_LISTS_MAX >> 20);
}

/* Is path named by a package (after pkg_ask and pkg_load)?  /bin/x and
 * /usr/bin/x are one file on a merged /usr. */
static bool
pkg_owned(const struct pkgset *p, const char *path)
{
	char alt[1100];
	const struct pkgq *q;

	if (p->size == 0)
		return false;
	q = pkg_slot(p, path, strlen(path), pkg_hash(path, strlen(path)));
	if (q->path && q->owned)
		return true;
	pkg_twin(path, alt, sizeof(alt));
	if (!alt[0])
		return false;
	q = pkg_slot(p, alt, strlen(alt), pkg_hash(alt, strlen(alt)));
	return q->path && q->owned;
}

static void
pkg_free(struct pkgset *p)
{
	for (size_t i = 0; i < p->size; i++)
		free(p->t[i].path);
	free(p->t);
}

/* ---- files and entries ------------------------------------------------------ */

struct acc {
	struct snapshot *s;
	struct pkgset pkg;
	struct startup_file *files;
	size_t nfiles, afiles;
	struct startup_entry *ents;
	size_t *entfile;           /* index into files, per entry */
	size_t nents, aents;
	bool files_capped, ents_capped, dir_capped;
	struct { dev_t dev; ino_t ino; } seen[64];
	unsigned nseen;
	size_t cur;                /* the file being parsed */
	char runs[16][128];        /* what its earlier lines ran (basenames) */
	unsigned nruns;
	struct { size_t ent; const char *prog; } *cands;  /* ask_programs */
	size_t ncands, acands;
	struct fid { dev_t dev; ino_t ino; bool used; } *ids;  /* files read */
	size_t idsize, nids;
};

/* Has the file (dev, ino) been read already (RHEL's /etc/rc.local is a
 * link to rc.d/rc.local; profile.d links)?  Remembers it if not. */
static bool
seen_file(struct acc *a, dev_t dev, ino_t ino)
{
	size_t i;

	if (a->nids + 1 > a->idsize / 2) {
		struct fid *old = a->ids;
		size_t osize = a->idsize;

		a->idsize = a->idsize ? a->idsize * 2 : 1024;
		a->ids = xcalloc(a->idsize, sizeof(*a->ids));
		a->nids = 0;
		for (size_t k = 0; k < osize; k++)
			if (old[k].used)
				(void)seen_file(a, old[k].dev, old[k].ino);
		free(old);
	}
	i = (size_t)((ino * 0x9e3779b97f4a7c15ull) ^ dev) & (a->idsize - 1);
	while (a->ids[i].used) {
		if (a->ids[i].dev == dev && a->ids[i].ino == ino)
			return true;
		i = (i + 1) & (a->idsize - 1);
	}
	a->ids[i].used = true;
	a->ids[i].dev = dev;
	a->ids[i].ino = ino;
	a->nids++;
	return false;
}

static struct startup_entry *
add_entry(struct acc *a, uint32_t line, const char *directive,
	  const char *cmd, size_t cmdlen, const struct startup_cmd *c)
{
	struct snapshot *s = a->s;
	struct startup_entry *e;

	if (a->nents >= RM_STARTUP_ENTRIES_MAX) {
		a->ents_capped = true;
		return NULL;
	}
	if (a->nents == a->aents) {
		a->aents = a->aents ? a->aents * 2 : 256;
		a->ents = xreallocarray(a->ents, a->aents, sizeof(*a->ents));
		a->entfile = xreallocarray(a->entfile, a->aents,
		    sizeof(*a->entfile));
	}
	e = &a->ents[a->nents];
	memset(e, 0, sizeof(*e));
	a->entfile[a->nents++] = a->cur;
	e->line = line;
	e->directive = directive;
	if (cmd)
		e->command = arena_strndup(&s->arena, cmd,
		    cmdlen < RM_CRON_CMD_MAX ? cmdlen : RM_CRON_CMD_MAX);
	if (c == NULL)
		return e;
	e->flags = c->cron.flags;
	e->sflags = c->flags;
	if (c->cron.path[0])
		e->path = arena_strdup(&s->arena, c->cron.path);
	if (c->cron.url[0])
		e->url = arena_strdup(&s->arena, c->cron.url);
	if (c->lib[0])
		e->lib = arena_strdup(&s->arena, c->lib);
	if (c->flags & SCMD_RUN_DELETE && c->deleted[0])
		e->program = arena_strdup(&s->arena, c->deleted);
	else if (c->nprogs)
		e->program = arena_strdup(&s->arena, c->progs[0]);
	return e;
}

/* Programs in system directories, asked about now and judged after the
 * lists are read (finish): one no package owns, run by a file no package
 * owns, is worth a note.  Links (alternatives) are not judged. */
static void
ask_programs(struct acc *a, const struct startup_cmd *c)
{
	static const char *const sysdirs[] = { "/bin/", "/sbin/", "/usr/bin/",
		"/usr/sbin/", "/lib/", "/usr/lib/", "/usr/libexec/", NULL };

	for (unsigned i = 0; i < c->nprogs; i++) {
		const char *p = c->progs[i];
		struct stat st;
		bool sys = false;

		for (int k = 0; sysdirs[k]; k++)
			if (strncmp(p, sysdirs[k], strlen(sysdirs[k])) == 0)
				sys = true;
		if (!sys || strstr(p, "/../") || strchr(p, '$') ||
		    a->ncands >= RM_STARTUP_ENTRIES_MAX ||
		    root_lstat(a->s->rootfd, p, &st) != RM_OK ||
		    !S_ISREG(st.st_mode))
			continue;
		if (a->ncands == a->acands) {
			a->acands = a->acands ? a->acands * 2 : 256;
			a->cands = xreallocarray(a->cands, a->acands,
			    sizeof(*a->cands));
		}
		a->cands[a->ncands].ent = a->nents - 1;
		a->cands[a->ncands++].prog = arena_strdup(&a->s->arena, p);
		pkg_ask(&a->pkg, p);
	}
}

static void
cmd_entry(struct acc *a, uint32_t line, const char *directive,
	  const char *cmd, size_t n, bool always)
{
	struct startup_cmd c;
	struct startup_entry *e;
	const char *ran;

	startup_cmd(cmd, n, &c);
	/* "cd /bin; ./-bash ...; rm -rf -- -bash" over several lines of a
	 * script (a unit's Exec lines are judged one by one: ExecStopPost
	 * may clean up a socket named as its daemon) */
	ran = directive == NULL ? startup_ran_deleted(a->runs, a->nruns, &c) :
	    NULL;
	if (ran) {
		c.flags |= SCMD_RUN_DELETE;
		snprintf(c.deleted, sizeof(c.deleted), "%s", ran);
	}
	for (unsigned i = 0; i < c.nruns && a->nruns < 16; i++)
		memcpy(a->runs[a->nruns++], c.runs[i], sizeof(c.runs[i]));
	if (!always && c.cron.flags == 0 && (c.flags & ~SCMD_BACKGROUND) == 0)
		return;
	e = add_entry(a, line, directive, cmd, n, &c);
	if (e)
		ask_programs(a, &c);
}

static int
unit_item(const struct unit_item *it, void *arg)
{
	struct acc *a = arg;
	struct startup_file *f = &a->files[a->cur];
	struct startup_cmd c;

	switch (it->kind) {
	case UK_EXEC:
		if (it->valuelen)
			cmd_entry(a, it->line, arena_strdup(&a->s->arena,
			    it->key), it->value, it->valuelen, true);
		break;
	case UK_RESTART:
		f->restart_always = strcmp(it->value, "always") == 0;
		break;
	case UK_TIMER:
		if (f->timer == NULL) {
			char t[300];

			snprintf(t, sizeof(t), "%s=%.256s", it->key, it->value);
			f->timer = arena_strdup(&a->s->arena, t);
		}
		break;
	case UK_WORKDIR:
	case UK_ENVFILE: {
		/* a path ("-" optional, "~" the user's home): read as a
		 * command, cron's reading says where it is */
		const char *v = it->value;
		size_t vl = it->valuelen;

		while (vl && (*v == '-' || *v == '!')) {
			v++;
			vl--;
		}
		memset(&c, 0, sizeof(c));
		cronparse_command(v, vl, &c.cron);
		if (c.cron.flags & (CMD_WRITABLE | CMD_HIDDEN))
			(void)add_entry(a, it->line, arena_strdup(&a->s->arena,
			    it->key), it->value, it->valuelen, &c);
		break;
	}
	case UK_ENV:
		memset(&c, 0, sizeof(c));
		startup_env(it->value, it->valuelen, &c);
		if (c.flags)
			(void)add_entry(a, it->line, "Environment", it->value,
			    it->valuelen, &c);
		break;
	default:
		break;
	}
	return 0;
}

static int
shell_line(uint32_t lineno, const char *q, size_t l, void *arg)
{
	struct acc *a = arg;
	const struct startup_file *f = &a->files[a->cur];

	if (f->kind == STARTUP_ENVIRONMENT) {
		struct startup_cmd c;

		memset(&c, 0, sizeof(c));
		startup_env(q, l, &c);
		if (c.flags)
			(void)add_entry(a, lineno, NULL, q, l, &c);
	} else if (f->kind == STARTUP_UDEV) {
		struct udev_line u;

		startup_udev_line(q, l, &u);
		for (unsigned i = 0; i < u.ncmds; i++)
			if (!u.builtin[i])
				cmd_entry(a, lineno, u.key[i], u.cmd[i],
				    u.cmdlen[i], true);
	} else {
		cmd_entry(a, lineno, NULL, q, l, false);
	}
	return 0;
}

static bool
unit_kind(enum startup_kind k)
{
	return k == STARTUP_UNIT || k == STARTUP_USER_UNIT;
}

/* Read one file (rel: relative to the root) and parse it. */
static void
read_one(struct acc *a, const char *rel, enum startup_kind kind,
	 const struct account *user, const char *unit, const char *link)
{
	struct snapshot *s = a->s;
	struct startup_file *f;
	struct stat st;
	struct buf b;
	bool trunc = false;
	char shown[1100];
	int r, fd;

	if (root_lstat(s->rootfd, rel, &st) != RM_OK || S_ISDIR(st.st_mode))
		return;
	if (a->nfiles >= RM_STARTUP_FILES_MAX) {
		a->files_capped = true;
		return;
	}
	if (a->nfiles == a->afiles) {
		a->afiles = a->afiles ? a->afiles * 2 : 128;
		a->files = xreallocarray(a->files, a->afiles,
		    sizeof(*a->files));
	}
	a->cur = a->nfiles++;
	a->nruns = 0;
	f = &a->files[a->cur];
	memset(f, 0, sizeof(*f));
	snprintf(shown, sizeof(shown), "/%s", rel);
	f->path = arena_strdup(&s->arena, shown);
	f->kind = kind;
	if (user) {
		f->user = user->name;
		f->user_uid = user->uid;
	}
	f->unit = unit ? arena_strdup(&s->arena, unit) : NULL;
	f->link = link ? arena_strdup(&s->arena, link) : NULL;
	pkg_ask(&a->pkg, shown);
	f->mode = st.st_mode;
	f->uid = st.st_uid;
	f->gid = st.st_gid;
	f->mtime = st.st_mtime;
	f->size = (uint64_t)st.st_size;
	buf_init(&b, RM_CONFIG_MAX);
	r = root_read_file(s->rootfd, rel, &b, &st, &trunc);
	if (r == RM_OK && seen_file(a, st.st_dev, st.st_ino)) {
		a->nfiles--;  /* read already under another name */
		buf_free(&b);
		return;
	}
	if (r == RM_OK) {
		/* a link: describe what it points to */
		f->mode = st.st_mode;
		f->uid = st.st_uid;
		f->gid = st.st_gid;
		f->mtime = st.st_mtime;
		f->size = (uint64_t)st.st_size;
		f->truncated = trunc;
		f->magic = cronparse_magic(b.data, b.len);
		fd = root_open(s->rootfd, rel, O_RDONLY | O_NONBLOCK);
		if (fd >= 0) {
			int fl = 0;

			if (ioctl(fd, FS_IOC_GETFLAGS, &fl) == 0 &&
			    (fl & FS_IMMUTABLE_FL))
				f->immutable = true;
			close(fd);
		}
	} else {
		f->read_err = r;
	}
	(void)add_entry(a, 0, NULL, NULL, 0, NULL);  /* the file itself */
	if (r == RM_OK && f->magic == CRONM_TEXT) {
		if (unit_kind(kind))
			f->invalid = startup_unit_parse(b.data, b.len,
			    unit_item, a);
		else
			startup_shell_lines(b.data, b.len, shell_line, a);
	}
	buf_free(&b);
}

/* ---- directories -------------------------------------------------------------- */

struct walk {
	struct acc *a;
	const char *dir;           /* relative to the root */
	enum startup_kind kind;
	const struct account *user;
	const char *unit;          /* in a drop-in directory: its unit */
	const char *suffix;        /* only names ending so (".rules") */
	int dfd;
	int depth;
	size_t n;
};

static bool
ends(const char *s, const char *suf)
{
	size_t l = strlen(s), m = strlen(suf);

	return l >= m && strcmp(s + l - m, suf) == 0;
}

static bool
unit_name(const char *n)
{
	return ends(n, ".service") || ends(n, ".socket") ||
	    ends(n, ".timer") || ends(n, ".path");
}

/* /etc/rc3.d, /etc/rcS.d, /etc/rc.d/rc3.d: SysV run-level directories,
 * whose links point to init.d; a regular file there runs too. */
static bool
runlevel_dir(const char *dir)
{
	const char *b = strrchr(dir, '/');

	b = b ? b + 1 : dir;
	return strlen(b) == 5 && b[0] == 'r' && b[1] == 'c' &&
	    strchr("0123456S", b[2]) && b[2] != '\0' && strcmp(b + 3, ".d") == 0;
}

static void walk_dir(struct acc *a, const char *dir, enum startup_kind kind,
		     const struct account *user, const char *suffix,
		     const char *unit, int depth);

/* A link into a unit directory is read where it points (an alias or an
 * enablement link); one to /dev/null masks a unit. */
static bool
link_elsewhere(const char *t)
{
	static const char *const unitdirs[] = { "/lib/systemd/",
		"/usr/lib/systemd/", "/etc/systemd/", "/run/systemd/",
		"/usr/local/lib/systemd/", NULL };

	if (strcmp(t, "/dev/null") == 0 || strchr(t, '/') == NULL)
		return false;
	for (int i = 0; unitdirs[i]; i++)
		if (strncmp(t, unitdirs[i], strlen(unitdirs[i])) == 0)
			return false;
	/* "../x.service" from a .wants directory: the unit directory */
	if (strncmp(t, "../", 3) == 0 && strchr(t + 3, '/') == NULL)
		return false;
	if (strncmp(t, "../", 3) == 0 && strstr(t, "systemd/"))
		return false;
	return true;
}

static int
walk_entry(const char *name, unsigned char type, void *arg)
{
	struct walk *w = arg;
	struct stat st;
	char rel[1024], target[512];
	const char *link = NULL;
	bool unitk = unit_kind(w->kind);

	(void)type;
	if (++w->n > RM_STARTUP_DIR_MAX) {
		w->a->dir_capped = true;
		return 1;
	}
	if (name[0] == '\0' || strlen(name) > 255)
		return 0;
	if (snprintf(rel, sizeof(rel), "%s/%s", w->dir, name) >=
	    (int)sizeof(rel))
		return 0;
	if (fstatat(w->dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return 0;  /* vanished */
	if (S_ISDIR(st.st_mode)) {
		if (unitk && w->depth == 0 && (ends(name, ".wants") ||
		    ends(name, ".requires") || ends(name, ".upholds")))
			walk_dir(w->a, rel, w->kind, w->user, NULL, NULL, 1);
		else if (unitk && w->depth == 0 && ends(name, ".d")) {
			char unit[256];

			snprintf(unit, sizeof(unit), "%.*s",
			    (int)(strlen(name) - 2), name);
			walk_dir(w->a, rel, w->kind, w->user, ".conf", unit, 1);
		}
		return 0;
	}
	if (w->suffix && !ends(name, w->suffix))
		return 0;
	if (unitk && w->unit == NULL && !unit_name(name))
		return 0;
	if (S_ISLNK(st.st_mode) && runlevel_dir(w->dir))
		return 0;  /* the links to init.d scripts: read there */
	if (S_ISLNK(st.st_mode)) {
		ssize_t l = readlinkat(w->dfd, name, target,
		    sizeof(target) - 1);

		if (l <= 0)
			return 0;
		target[l] = '\0';
		if (unitk && !link_elsewhere(target))
			return 0;
		link = target;
	} else if (!S_ISREG(st.st_mode)) {
		return 0;
	}
	read_one(w->a, rel, w->kind, w->user, w->unit ? w->unit :
	    unitk ? name : NULL, link);
	return 0;
}

static void
walk_dir(struct acc *a, const char *dir, enum startup_kind kind,
	 const struct account *user, const char *suffix, const char *unit,
	 int depth)
{
	struct walk w = { a, dir, kind, user, unit, suffix, -1, depth, 0 };
	struct stat st;

	w.dfd = root_open(a->s->rootfd, dir, O_RDONLY | O_DIRECTORY);
	if (w.dfd < 0) {
		if (w.dfd != RM_ENOENT && w.dfd != RM_EPARSE && user == NULL)
			snapshot_skip(a->s, "persistence: start-up files",
			    "/%s could not be listed (%s)", dir,
			    rm_strerror(w.dfd));
		return;
	}
	/* /lib is /usr/lib on a merged /usr: each directory once */
	if (depth == 0 && fstat(w.dfd, &st) == 0) {
		for (unsigned i = 0; i < a->nseen; i++)
			if (a->seen[i].dev == st.st_dev &&
			    a->seen[i].ino == st.st_ino) {
				close(w.dfd);
				return;
			}
		if (a->nseen < sizeof(a->seen) / sizeof(a->seen[0])) {
			a->seen[a->nseen].dev = st.st_dev;
			a->seen[a->nseen++].ino = st.st_ino;
		}
	}
	io_list_dir(w.dfd, walk_entry, &w);
	close(w.dfd);
}

/* ---- every account's home ------------------------------------------------------ */

struct home_ref {
	const char *home;
	size_t idx;
};

static int
cmp_home(const void *x, const void *y)
{
	const struct home_ref *a = x, *b = y;
	int c = strcmp(a->home, b->home);

	return c ? c : a->idx < b->idx ? -1 : a->idx > b->idx;
}

static void
homes(struct acc *a)
{
	static const char *const rc[] = { ".bashrc", ".bash_profile",
		".profile", ".bash_login", ".bash_logout", ".zshrc",
		".zprofile", ".zlogin", NULL };
	struct snapshot *s = a->s;
	struct home_ref *ord = xreallocarray(NULL, s->naccounts ?
	    s->naccounts : 1, sizeof(*ord));
	size_t nord = 0, nhomes = 0;

	for (size_t i = 0; i < s->naccounts; i++)
		if (s->accounts[i].home && s->accounts[i].home[0] == '/' &&
		    s->accounts[i].home[1] != '\0') {
			ord[nord].home = s->accounts[i].home;
			ord[nord++].idx = i;
		}
	/* each home once (the first account in /etc/passwd that has it);
	 * sorting keeps a hostile passwd of a million lines cheap */
	xqsort(ord, nord, sizeof(*ord), cmp_home);
	for (size_t i = 0; i < nord && nhomes < RM_SSH_HOMES_MAX; i++) {
		const struct account *acct = &s->accounts[ord[i].idx];
		const char *h = ord[i].home;
		char rel[1024];

		if (i > 0 && strcmp(h, ord[i - 1].home) == 0)
			continue;
		nhomes++;
		while (*h == '/')
			h++;
		if (strlen(h) > 900)
			continue;
		for (int k = 0; rc[k]; k++) {
			snprintf(rel, sizeof(rel), "%s/%s", h, rc[k]);
			read_one(a, rel, STARTUP_USER_SHELL, acct, NULL, NULL);
		}
		snprintf(rel, sizeof(rel), "%s/.config/systemd/user", h);
		walk_dir(a, rel, STARTUP_USER_UNIT, acct, NULL, NULL, 0);
	}
	free(ord);
}

void
startup_collect(struct snapshot *s)
{
	static const struct {
		const char *dir;
		enum startup_kind kind;
		const char *suffix;
		bool live_only;
	} dirs[] = {
		{ "etc/systemd/system", STARTUP_UNIT, NULL, false },
		{ "run/systemd/system", STARTUP_UNIT, NULL, true },
		{ "usr/local/lib/systemd/system", STARTUP_UNIT, NULL, false },
		{ "usr/lib/systemd/system", STARTUP_UNIT, NULL, false },
		{ "lib/systemd/system", STARTUP_UNIT, NULL, false },
		{ "etc/systemd/user", STARTUP_USER_UNIT, NULL, false },
		{ "usr/lib/systemd/user", STARTUP_USER_UNIT, NULL, false },
		{ "lib/systemd/user", STARTUP_USER_UNIT, NULL, false },
		{ "etc/systemd/system-generators", STARTUP_GENERATOR, NULL,
		    false },
		{ "usr/local/lib/systemd/system-generators", STARTUP_GENERATOR,
		    NULL, false },
		{ "usr/lib/systemd/system-generators", STARTUP_GENERATOR, NULL,
		    false },
		{ "lib/systemd/system-generators", STARTUP_GENERATOR, NULL,
		    false },
		{ "etc/systemd/user-generators", STARTUP_GENERATOR, NULL,
		    false },
		{ "usr/lib/systemd/user-generators", STARTUP_GENERATOR, NULL,
		    false },
		{ "etc/init.d", STARTUP_INITD, NULL, false },
		{ "etc/rc.d/init.d", STARTUP_INITD, NULL, false },
		{ "etc/rcS.d", STARTUP_INITD, NULL, false },
		{ "etc/rc0.d", STARTUP_INITD, NULL, false },
		{ "etc/rc1.d", STARTUP_INITD, NULL, false },
		{ "etc/rc2.d", STARTUP_INITD, NULL, false },
		{ "etc/rc3.d", STARTUP_INITD, NULL, false },
		{ "etc/rc4.d", STARTUP_INITD, NULL, false },
		{ "etc/rc5.d", STARTUP_INITD, NULL, false },
		{ "etc/rc6.d", STARTUP_INITD, NULL, false },
		{ "etc/rc.d/rc0.d", STARTUP_INITD, NULL, false },
		{ "etc/rc.d/rc1.d", STARTUP_INITD, NULL, false },
		{ "etc/rc.d/rc2.d", STARTUP_INITD, NULL, false },
		{ "etc/rc.d/rc3.d", STARTUP_INITD, NULL, false },
		{ "etc/rc.d/rc4.d", STARTUP_INITD, NULL, false },
		{ "etc/rc.d/rc5.d", STARTUP_INITD, NULL, false },
		{ "etc/rc.d/rc6.d", STARTUP_INITD, NULL, false },
		{ "etc/profile.d", STARTUP_SHELL, NULL, false },
		{ "etc/update-motd.d", STARTUP_MOTD, NULL, false },
		{ "etc/udev/rules.d", STARTUP_UDEV, ".rules", false },
		{ "run/udev/rules.d", STARTUP_UDEV, ".rules", true },
		{ "usr/lib/udev/rules.d", STARTUP_UDEV, ".rules", false },
		{ "lib/udev/rules.d", STARTUP_UDEV, ".rules", false },
	};
	static const struct {
		const char *path;
		enum startup_kind kind;
	} files[] = {
		{ "etc/rc.local", STARTUP_RCLOCAL },
		{ "etc/rc.d/rc.local", STARTUP_RCLOCAL },
		{ "etc/profile", STARTUP_SHELL },
		{ "etc/bash.bashrc", STARTUP_SHELL },
		{ "etc/bashrc", STARTUP_SHELL },
		{ "etc/bash.bash_logout", STARTUP_SHELL },
		{ "etc/zsh/zshrc", STARTUP_SHELL },
		{ "etc/zsh/zprofile", STARTUP_SHELL },
		{ "etc/environment", STARTUP_ENVIRONMENT },
	};
	struct acc *a = xmalloc(sizeof(*a));
	struct stat rst;
	bool owners_unknown = !s->live && fstat(s->rootfd, &rst) == 0 &&
	    rst.st_uid != 0;

	memset(a, 0, sizeof(*a));
	a->s = s;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (s->live || !dirs[i].live_only)
			walk_dir(a, dirs[i].dir, dirs[i].kind, NULL,
			    dirs[i].suffix, NULL, 0);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		read_one(a, files[i].path, files[i].kind, NULL, NULL, NULL);
	homes(a);

	/* package ownership, now that every question is known */
	pkg_load(s, &a->pkg);
	for (size_t i = 0; i < a->nfiles; i++) {
		a->files[i].pkgdb = a->pkg.read;
		a->files[i].packaged = pkg_owned(&a->pkg, a->files[i].path);
	}
	for (size_t i = 0; i < a->ncands && a->pkg.read; i++) {
		struct startup_entry *e = &a->ents[a->cands[i].ent];

		if (a->files[a->entfile[a->cands[i].ent]].packaged ||
		    (e->sflags & SCMD_PROG_UNOWNED) ||
		    pkg_owned(&a->pkg, a->cands[i].prog))
			continue;
		e->sflags |= SCMD_PROG_UNOWNED;
		if (!(e->sflags & SCMD_RUN_DELETE))  /* keep the deleted name */
			e->program = a->cands[i].prog;
	}

	s->startup_files = arena_alloc(&s->arena, (a->nfiles ? a->nfiles : 1) *
	    sizeof(*s->startup_files));
	if (a->nfiles)
		memcpy(s->startup_files, a->files, a->nfiles *
		    sizeof(*a->files));
	for (size_t i = 0; i < a->nfiles; i++)
		s->startup_files[i].owners_unknown = owners_unknown;
	s->nstartup_files = a->nfiles;
	s->startup = arena_alloc(&s->arena, (a->nents ? a->nents : 1) *
	    sizeof(*s->startup));
	for (size_t i = 0; i < a->nents; i++) {
		s->startup[i] = a->ents[i];
		s->startup[i].file = &s->startup_files[a->entfile[i]];
	}
	s->nstartup = a->nents;
	if (a->files_capped)
		snapshot_skip(s, "persistence: start-up files", "more than %u "
		    "start-up files; the rest were not read",
		    RM_STARTUP_FILES_MAX);
	if (a->dir_capped)
		snapshot_skip(s, "persistence: start-up directories", "a "
		    "start-up directory holds more than %u entries; the rest "
		    "were not read", RM_STARTUP_DIR_MAX);
	if (a->ents_capped)
		snapshot_skip(s, "persistence: start-up lines", "more than %u "
		    "start-up lines; the rest were not kept",
		    RM_STARTUP_ENTRIES_MAX);
	pkg_free(&a->pkg);
	free(a->cands);
	free(a->ids);
	free(a->files);
	free(a->ents);
	free(a->entfile);
	free(a);
}
