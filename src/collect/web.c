/*
 * web.c - web roots, staged data and ransomware traces (facts only).
 *
 *  - Web roots: the usual places (/var/www, /srv/www, /srv/http,
 *    /usr/share/nginx/html, /home/USER/public_html) and the `root` and
 *    `DocumentRoot` lines of the enabled nginx and Apache sites.  Each is
 *    walked once (a root inside another is not walked again) with one
 *    budget for all: RM_WEB_WALK_MAX entries, RM_WEB_WALK_MS, RM_WEB_DEPTH
 *    levels, never into another filesystem on the live host, never
 *    through a symbolic link (directories are opened O_NOFOLLOW below a
 *    root opened with root_open()).  Pages (.php, .html) are scored as
 *    phishing kits, text files as credential drops, archives and
 *    directories by their names.
 *  - Staging places: /tmp, /var/tmp, /dev/shm, hidden directories under
 *    /, /srv, /var/lib/mysql, /root and each /home/USER, with a second budget
 *    (RM_DATA_WALK_MAX, RM_DATA_WALK_MS): big recent archives (by magic),
 *    database dumps, ransom notes, directories of ransomware-named files,
 *    and in /tmp credential drops written by the web server's account.
 *  - Homes: rclone.conf remotes (name and type, never a key) and shell
 *    history lines that delete backups or snapshots.
 *
 * Where a walk stops (cap, time, depth) is recorded in scan.skipped with
 * the directory it was in.  ROOKMELDER_WALK_MAX (rookmelder.8; for tests)
 * lowers both entry caps.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "web_parse.h"

#define WPATH 4096
#define WEB_UIDS 8

struct walk {
	const char *name;          /* "web roots", "staged data" */
	uint64_t visited, max;
	uint64_t t0, t_end, t_shown;
	bool capped, timeout, deep, shown;
	uint64_t denied;
	char stop_at[512];         /* the directory the walk stopped in */
};

struct wc {
	struct snapshot *s;
	bool progress;
	uint32_t web_uids[WEB_UIDS];
	size_t nweb_uids;
	size_t awf, adf;
	bool files_capped;
	char (*roots)[WEBP_PATH];  /* web roots, host paths */
	size_t nroots;
	struct walk *w;
	enum data_area area;
	const char *webroot;       /* the root being walked (web area) */
};

/* ---- facts ------------------------------------------------------------- */

static struct web_file *
add_web(struct wc *c, enum web_kind kind, const char *path,
	const struct stat *st)
{
	struct snapshot *s = c->s;
	struct web_file *f;

	if (s->nweb_files >= RM_WEB_FILES_MAX) {
		c->files_capped = true;
		return NULL;
	}
	if (s->nweb_files == c->awf) {
		c->awf = c->awf ? c->awf * 2 : 32;
		s->web_files = xreallocarray(s->web_files, c->awf,
		    sizeof(*s->web_files));
	}
	f = &s->web_files[s->nweb_files++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->path = arena_strdup(&s->arena, path);
	f->webroot = c->webroot ? arena_strdup(&s->arena, c->webroot) : NULL;
	if (st) {
		f->mode = st->st_mode;
		f->uid = st->st_uid;
		f->gid = st->st_gid;
		f->mtime = st->st_mtime;
		f->size = (uint64_t)st->st_size;
		for (size_t i = 0; i < c->nweb_uids; i++)
			f->web_owner |= st->st_uid == c->web_uids[i];
	}
	return f;
}

static struct data_file *
add_data(struct wc *c, enum data_kind kind, const char *path,
	 const struct stat *st)
{
	struct snapshot *s = c->s;
	struct data_file *f;

	if (s->ndata_files >= RM_WEB_FILES_MAX) {
		c->files_capped = true;
		return NULL;
	}
	if (s->ndata_files == c->adf) {
		c->adf = c->adf ? c->adf * 2 : 32;
		s->data_files = xreallocarray(s->data_files, c->adf,
		    sizeof(*s->data_files));
	}
	f = &s->data_files[s->ndata_files++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->path = arena_strdup(&s->arena, path);
	f->area = c->area;
	f->backup_path = webparse_backup_path(path);
	if (st) {
		f->mode = st->st_mode;
		f->uid = st->st_uid;
		f->mtime = st->st_mtime;
		f->size = (uint64_t)st->st_size;
		/* no reference time (an image without logs): ages are not
		 * judged, nothing is "recent" */
		f->recent = s->ref_time != 0 && (st->st_mtime <= s->ref_time +
		    86400 && st->st_mtime >= s->ref_time -
		    (int64_t)RM_RECENT_DAYS * 86400);
		for (size_t i = 0; i < c->nweb_uids; i++)
			f->web_owner |= st->st_uid == c->web_uids[i];
	}
	return f;
}

/* ---- reading ------------------------------------------------------------ */

/* The first cap bytes of name in dfd (a regular file, no link, no FIFO
 * hang: O_NONBLOCK).  Returns the length, or -1. */
static ssize_t
head(int dfd, const char *name, char *buf, size_t cap)
{
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK | O_NOCTTY);
	struct stat st;
	size_t len = 0;
	bool trunc = false;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    io_read_fd(fd, buf, cap, &len, &trunc) != RM_OK) {
		close(fd);
		return -1;
	}
	close(fd);
	return (ssize_t)len;
}

static const char *
ext_of(const char *name)
{
	const char *d = strrchr(name, '.');

	return d && d != name ? d + 1 : "";
}

static bool
ext_in(const char *name, const char *const *list)
{
	const char *e = ext_of(name);

	for (int i = 0; list[i]; i++)
		if (strcasecmp(e, list[i]) == 0)
			return true;
	return false;
}

static bool
ends_ci(const char *name, const char *suf)
{
	size_t n = strlen(name), m = strlen(suf);

	return n > m && strcasecmp(name + n - m, suf) == 0;
}

static const char *const page_ext[] = { "php", "html", "htm", "phtml",
	"php5", "php7", "shtml", NULL };
static const char *const drop_ext[] = { "txt", "log", "csv", "dat", "",
	NULL };
static const char *const archive_ext[] = { "zip", "rar", "7z", "tgz",
	"tar", NULL };
static const char *const dump_ext[] = { "sql", "dump", "pgdump", "sqlite",
	"sqlite3", "db", "mysql", "psql", "bak", NULL };

/* Formats that are zip files but not collected data. */
static const char *const zip_formats[] = { "jar", "war", "ear", "apk",
	"whl", "egg", "xpi", "docx", "xlsx", "pptx", "odt", "ods", "odp",
	"epub", "nupkg", "vsix", "crx", "aab", "ipa", NULL };

static bool
boring_text(const char *name)
{
	static const char *const pre[] = { "readme", "license", "licence",
		"changelog", "robots", "copying", "authors", "install",
		"upgrade", "contributing", "security", "humans", "ads", NULL };

	for (int i = 0; pre[i]; i++)
		if (strncasecmp(name, pre[i], strlen(pre[i])) == 0)
			return true;
	return false;
}

/* ---- one file ------------------------------------------------------------ */

static void
check_drop(struct wc *c, int dfd, const char *name, const char *path,
	   const struct stat *st, char *buf)
{
	struct drop_stats d;
	struct web_file *f;
	uint32_t creds;
	ssize_t n;

	if ((uint64_t)st->st_size > RM_WEB_DROP_MAX || st->st_size == 0 ||
	    boring_text(name))
		return;
	n = head(dfd, name, buf, RM_WEB_READ_MAX + 1);
	if (n <= 0)
		return;
	webparse_drop(buf, (size_t)n, &d);
	if (!webparse_drop_verdict(&d, &creds))
		return;
	f = add_web(c, WEBF_DROP, path, st);
	if (f) {
		f->lines = d.lines;
		f->creds = creds;
		f->truncated = (uint64_t)st->st_size > (uint64_t)n;
	}
}

static void
check_file(struct wc *c, int dfd, const char *name, const char *path,
	   const struct stat *st, bool kit_place, char *buf)
{
	bool web = c->area == DAREA_WEB;
	ssize_t n;

	if (web && ext_in(name, page_ext) &&
	    (uint64_t)st->st_size <= RM_WEB_PAGE_MAX) {
		struct kit_score k;

		n = head(dfd, name, buf, RM_WEB_READ_MAX + 1);
		if (n > 0) {
			webparse_kit(buf, (size_t)n, &k);
			if ((k.bits & KIT_PASSWORD) &&
			    (k.bits & (KIT_LURE | KIT_SENDERS))) {
				struct web_file *f = add_web(c, WEBF_KIT_PAGE,
				    path, st);

				if (f) {
					f->bits = k.bits;
					f->brand = k.brand[0] ?
					    arena_strdup(&c->s->arena,
					    k.brand) : NULL;
					f->kit_place = kit_place;
					f->truncated = (uint64_t)st->st_size >
					    (uint64_t)n;
				}
			}
		}
	}
	if (web && (ext_in(name, archive_ext) || ends_ci(name, ".tar.gz"))) {
		const char *b = webparse_brand_name(name, true);

		if (b) {
			struct web_file *f = add_web(c, WEBF_KIT_ARCHIVE, path,
			    st);

			if (f)
				f->brand = b;
		}
	}
	if ((web || c->area == DAREA_TMP) && ext_in(name, drop_ext)) {
		bool web_owner = false;

		for (size_t i = 0; i < c->nweb_uids; i++)
			web_owner |= st->st_uid == c->web_uids[i];
		if (web || web_owner)
			check_drop(c, dfd, name, path, st, buf);
	}
	if (webparse_note_name(name) && st->st_size > 0 &&
	    st->st_size <= (off_t)RM_WEB_PAGE_MAX) {
		n = head(dfd, name, buf, 16384);
		if (n > 0) {
			unsigned words = webparse_note_text(buf, (size_t)n);
			struct data_file *f;

			if (words && (f = add_data(c, DATAF_NOTE, path, st)))
				f->count = words;
		}
	}
	{
		bool dumpname = ext_in(name, dump_ext) || ends_ci(name,
		    ".sql.gz") || ends_ci(name, ".sql.xz") ||
		    ends_ci(name, ".sql.zst") || ends_ci(name, ".sql.bz2");
		bool big = (uint64_t)st->st_size >= RM_STAGED_MIN;

		if ((dumpname || big) && st->st_size > 0) {
			enum data_magic m;
			struct data_file *f;

			n = head(dfd, name, buf, 4096);
			if (n <= 0)
				return;
			m = webparse_magic((const uint8_t *)buf, (size_t)n);
			if (MAG_IS_DUMP(m) || (dumpname && MAG_IS_ARCHIVE(m) &&
			    strcasestr(name, ".sql"))) {
				if (m == MAG_SQLITE && !web)
					return;  /* apps keep their databases */
				f = add_data(c, DATAF_DUMP, path, st);
				if (f)
					f->detail = webparse_magic_name(m);
			} else if (big && MAG_IS_ARCHIVE(m) &&
			    !ext_in(name, zip_formats)) {
				f = add_data(c, DATAF_ARCHIVE, path, st);
				if (f && !f->recent)
					c->s->ndata_files--;  /* old: not kept */
				else if (f)
					f->detail = webparse_magic_name(m);
			}
		}
	}
}

/* ---- the walk ------------------------------------------------------------ */

static void
progress(struct wc *c, const char *rel)
{
	struct walk *w = c->w;
	uint64_t now = io_now_ns();
	bool tty;

	if (!c->progress || now - w->t0 < 1000000000u ||
	    now - w->t_shown < 1000000000u)
		return;
	tty = isatty(STDERR_FILENO);
	w->t_shown = now;
	w->shown = true;
	fprintf(stderr, "%srookmelder: walking %s: %llu entries%s%.60s%s",
	    tty ? "\r\033[K" : "", w->name, (unsigned long long)w->visited,
	    tty ? "" : " at /", tty ? "" : rel, tty ? "" : "\n");
	fflush(stderr);
}

struct dir_ctx {
	struct wc *c;
	int dfd;
	const char *rel;
	char **subs;
	size_t nsubs, asubs;
	bool stop, kit_place;
	uint32_t enc;              /* recent ransomware-named files */
	const char *enc_ext;
	char *buf;
};

static void
stopped(struct walk *w, const char *rel)
{
	snprintf(w->stop_at, sizeof(w->stop_at), "/%s", rel);
}

static int
dir_entry(const char *name, unsigned char type, void *arg)
{
	struct dir_ctx *d = arg;
	struct wc *c = d->c;
	struct walk *w = c->w;
	char path[WPATH];
	struct stat st;

	if (type != DT_REG && type != DT_DIR && type != DT_UNKNOWN)
		return 0;
	if (++w->visited > w->max) {
		w->capped = true;
		stopped(w, d->rel);
		d->stop = true;
		return 1;
	}
	if ((w->visited & 1023) == 0) {
		if (io_now_ns() > w->t_end) {
			w->timeout = true;
			stopped(w, d->rel);
			d->stop = true;
			return 1;
		}
		progress(c, d->rel);
	}
	if (type == DT_DIR) {
dir:
		if (d->nsubs == d->asubs) {
			d->asubs = d->asubs ? d->asubs * 2 : 16;
			d->subs = xreallocarray(d->subs, d->asubs,
			    sizeof(*d->subs));
		}
		d->subs[d->nsubs++] = xstrdup(name);
		return 0;
	}
	if (fstatat(d->dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return 0;
	if (S_ISDIR(st.st_mode))
		goto dir;
	if (!S_ISREG(st.st_mode))
		return 0;
	if ((size_t)snprintf(path, sizeof(path), "/%s/%s", d->rel, name) >=
	    sizeof(path))
		return 0;
	{
		const char *x = webparse_ransom_ext(name);
		int64_t ref = c->s->ref_time;

		if (x && ref != 0 && (st.st_mtime >= ref -
		    (int64_t)RM_RECENT_DAYS * 86400)) {
			d->enc++;
			d->enc_ext = x;
		}
	}
	check_file(c, d->dfd, name, path, &st, d->kit_place, d->buf);
	return 0;
}

/* Tool trees in homes and service directories the staging walk does not
 * enter: language toolchains and package caches (hundreds of thousands of
 * small files an intruder does not stage data in).  Web roots are walked
 * whole. */
static bool
pruned(const char *name)
{
	static const char *const prune[] = { ".pyenv", ".rustup", ".cargo",
		".npm", ".nvm", "node_modules", ".m2", ".gradle", ".git",
		"__pycache__", "site-packages", "dist-packages", ".vscode-server",
		".cpan", ".rbenv", ".gem", ".sdkman", ".conda", "miniconda3",
		"anaconda3", NULL };

	for (int i = 0; prune[i]; i++)
		if (strcmp(name, prune[i]) == 0)
			return true;
	return false;
}

/* Is rel (no leading '/') one of the web roots?  The staging walk leaves
 * them to the web walk. */
static bool
is_webroot(const struct wc *c, const char *rel)
{
	for (size_t i = 0; i < c->nroots; i++)
		if (strcmp(c->roots[i] + 1, rel) == 0)
			return true;
	return false;
}

static bool
walk_dir(struct wc *c, int dfd, char *rel, size_t rlen, dev_t dev,
	 unsigned depth, bool kit_place, char *buf)
{
	struct dir_ctx d = { .c = c, .dfd = dfd, .rel = rel,
		.kit_place = kit_place, .buf = buf };
	bool stop;

	if (io_list_dir(dfd, dir_entry, &d) != RM_OK)
		c->w->denied++;
	stop = d.stop;
	if (d.enc >= RM_RANSOM_DIR_MIN) {
		char path[WPATH];
		struct data_file *f;
		struct stat st;

		snprintf(path, sizeof(path), "/%s", rel);
		if (fstat(dfd, &st) == 0 &&
		    (f = add_data(c, DATAF_ENC_DIR, path, &st))) {
			f->count = d.enc;
			f->detail = d.enc_ext;
		}
	}
	for (size_t i = 0; i < d.nsubs; i++) {
		size_t nl = strlen(d.subs[i]);
		bool kp = kit_place;
		struct stat st;
		int sfd;

		if (stop || rlen + 1 + nl + 1 > WPATH)
			goto next;
		rel[rlen] = '/';
		memcpy(rel + rlen + 1, d.subs[i], nl + 1);
		if (c->area != DAREA_WEB && (pruned(d.subs[i]) ||
		    is_webroot(c, rel)))
			goto next;
		if (depth >= RM_WEB_DEPTH) {
			c->w->deep = true;
			goto next;
		}
		sfd = openat(dfd, d.subs[i], O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		if (sfd < 0) {
			c->w->denied += errno == EACCES || errno == EPERM;
			goto next;
		}
		if (fstat(sfd, &st) == 0 && (!c->s->live || st.st_dev == dev)) {
			if (c->area == DAREA_WEB &&
			    webparse_brand_name(d.subs[i], false)) {
				char path[WPATH];
				struct web_file *f;

				snprintf(path, sizeof(path), "/%s", rel);
				f = add_web(c, WEBF_BRAND_DIR, path, &st);
				if (f)
					f->brand = webparse_brand_name(
					    d.subs[i], false);
				kp = true;
			}
			stop = walk_dir(c, sfd, rel, rlen + 1 + nl, dev,
			    depth + 1, kp, buf);
		}
		close(sfd);
next:
		rel[rlen] = '\0';
		free(d.subs[i]);
	}
	free(d.subs);
	return stop;
}

/* Walk one tree (host path p); false when the budget is spent. */
static bool
walk_tree(struct wc *c, const char *p, enum data_area area, char *buf)
{
	char *rel = xmalloc(WPATH);
	struct stat st;
	bool stop = false;
	int dfd;

	if (c->w->capped || c->w->timeout) {
		free(rel);
		return false;
	}
	while (*p == '/')
		p++;
	if (*p == '\0' || root_lstat(c->s->rootfd, p, &st) != RM_OK ||
	    !S_ISDIR(st.st_mode)) {
		free(rel);
		return true;
	}
	dfd = root_open(c->s->rootfd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (dfd < 0) {
		c->w->denied++;
		free(rel);
		return true;
	}
	c->area = area;
	snprintf(rel, WPATH, "%s", p);
	if (fstat(dfd, &st) == 0)
		stop = walk_dir(c, dfd, rel, strlen(rel), st.st_dev, 1, false,
		    buf);
	close(dfd);
	free(rel);
	return !stop;
}

static void
walk_report(struct wc *c, struct walk *w, uint64_t max_ms)
{
	struct snapshot *s = c->s;

	if (w->shown && isatty(STDERR_FILENO)) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	if (w->capped)
		snapshot_skip(s, w->name, "the walk stopped after %llu entries "
		    "(its cap) in %s; the rest was not looked at",
		    (unsigned long long)w->max, w->stop_at);
	if (w->timeout)
		snapshot_skip(s, w->name, "the walk took more than %llu ms and "
		    "stopped after %llu entries in %s; the rest was not looked "
		    "at", (unsigned long long)max_ms,
		    (unsigned long long)w->visited, w->stop_at);
	if (w->deep) {
		char check[64];

		snprintf(check, sizeof(check), "%s (depth)", w->name);
		snapshot_skip(s, check, "directories deeper than %u levels "
		    "were not entered", RM_WEB_DEPTH);
	}
	if (w->denied) {
		char check[64];

		snprintf(check, sizeof(check), "%s (unreadable)", w->name);
		snapshot_skip(s, check, "%llu director%s could not be read%s",
		    (unsigned long long)w->denied, w->denied == 1 ? "y" :
		    "ies", geteuid() != 0 ? " (not root)" : "");
	}
}

static void
walk_init(struct walk *w, const char *name, uint64_t max, uint64_t ms)
{
	const char *env = getenv("ROOKMELDER_WALK_MAX");
	uint64_t v;

	memset(w, 0, sizeof(*w));
	w->name = name;
	w->max = max;
	if (env && io_parse_u64(env, &v) && v > 0 && v < max)
		w->max = v;
	w->t0 = io_now_ns();
	w->t_end = w->t0 + ms * 1000000u;
}

/* ---- web roots ---------------------------------------------------------- */

static void
add_root(struct wc *c, const char *p)
{
	if (c->nroots >= RM_WEB_ROOTS_MAX || p[0] != '/' || strlen(p) < 2 ||
	    strlen(p) >= WEBP_PATH)
		return;
	for (size_t i = 0; i < c->nroots; i++)
		if (strcmp(c->roots[i], p) == 0)
			return;
	snprintf(c->roots[c->nroots++], WEBP_PATH, "%s", p);
}

struct list_ctx {
	char (*names)[256];
	size_t n, max;
};

static int
list_entry(const char *name, unsigned char type, void *arg)
{
	struct list_ctx *l = arg;

	(void)type;
	if (l->n >= l->max)
		return 1;
	snprintf(l->names[l->n++], 256, "%s", name);
	return 0;
}

/* Names in host directory p (at most max); the count. */
static size_t
list_names(struct snapshot *s, const char *p, char (*names)[256], size_t max)
{
	struct list_ctx l = { names, 0, max };
	int dfd;

	while (*p == '/')
		p++;
	dfd = root_open(s->rootfd, p, O_RDONLY | O_DIRECTORY);
	if (dfd < 0)
		return 0;
	io_list_dir(dfd, list_entry, &l);
	close(dfd);
	return l.n;
}

static void
conf_roots(struct wc *c, const char *dir, bool apache)
{
	enum { NMAX = 256 };
	char (*names)[256] = xmalloc(NMAX * 256);
	char (*found)[WEBP_PATH] = xmalloc(16 * WEBP_PATH);
	size_t n = list_names(c->s, dir, names, NMAX);

	for (size_t i = 0; i < n; i++) {
		char rel[600];
		struct buf b;
		size_t k;

		snprintf(rel, sizeof(rel), "%s/%s", dir + 1, names[i]);
		buf_init(&b, RM_CONFIG_MAX);
		/* sites-enabled holds links to sites-available: the link is
		 * resolved inside the root */
		if (root_read_file(c->s->rootfd, rel, &b, NULL, NULL) ==
		    RM_OK && b.data) {
			k = webparse_conf_roots(b.data, b.len, apache, found,
			    16);
			for (size_t j = 0; j < k; j++)
				add_root(c, found[j]);
		}
		buf_free(&b);
	}
	free(found);
	free(names);
}

/* A root below another root is walked with it. */
static bool
covered(const struct wc *c, size_t i)
{
	for (size_t j = 0; j < c->nroots; j++) {
		size_t l = strlen(c->roots[j]);

		if (j != i && strncmp(c->roots[i], c->roots[j], l) == 0 &&
		    c->roots[i][l] == '/')
			return true;
		if (j < i && strcmp(c->roots[i], c->roots[j]) == 0)
			return true;
	}
	return false;
}

static void
find_roots(struct wc *c)
{
	static const char *const fixed[] = { "/var/www", "/srv/www",
		"/srv/http", "/usr/share/nginx/html", "/var/lib/nginx/html",
		NULL };
	enum { NMAX = 1024 };
	char (*names)[256] = xmalloc(NMAX * 256);
	size_t n;

	for (int i = 0; fixed[i]; i++) {
		struct stat st;

		if (root_lstat(c->s->rootfd, fixed[i] + 1, &st) == RM_OK &&
		    S_ISDIR(st.st_mode))
			add_root(c, fixed[i]);
	}
	n = list_names(c->s, "/home", names, NMAX);
	for (size_t i = 0; i < n; i++) {
		char p[300];
		struct stat st;

		snprintf(p, sizeof(p), "/home/%.250s/public_html", names[i]);
		if (root_lstat(c->s->rootfd, p + 1, &st) == RM_OK &&
		    S_ISDIR(st.st_mode))
			add_root(c, p);
	}
	free(names);
	conf_roots(c, "/etc/nginx/sites-enabled", false);
	conf_roots(c, "/etc/nginx/conf.d", false);
	conf_roots(c, "/etc/apache2/sites-enabled", true);
	conf_roots(c, "/etc/httpd/conf.d", true);
}

/* ---- homes: rclone and history ------------------------------------------ */

static void
home_files(struct wc *c, const char *home, const char *user)
{
	static const char *const hist[] = { ".bash_history", ".zsh_history",
		".sh_history", ".ash_history", ".history", NULL };
	struct snapshot *s = c->s;
	char rel[600];
	struct buf b;
	struct stat st;

	c->area = DAREA_HOME;
	snprintf(rel, sizeof(rel), "%s/.config/rclone/rclone.conf", home + 1);
	buf_init(&b, RM_CONFIG_MAX);
	if (root_read_file(s->rootfd, rel, &b, &st, NULL) == RM_OK &&
	    b.data) {
		struct rclone_remote r[32];
		size_t k = webparse_rclone(b.data, b.len, r, 32);

		char path[610];

		snprintf(path, sizeof(path), "/%s", rel);
		for (size_t i = 0; i < k; i++) {
			struct data_file *f = add_data(c, DATAF_RCLONE, path,
			    &st);

			if (!f)
				break;
			f->detail = arena_strdup(&s->arena, r[i].name);
			f->detail2 = arena_strdup(&s->arena, r[i].type);
			f->line = r[i].line;
			f->user = user;
		}
	}
	buf_free(&b);
	for (int h = 0; hist[h]; h++) {
		const char *p, *end;
		uint32_t line = 0, kept = 0;

		snprintf(rel, sizeof(rel), "%s/%s", home + 1, hist[h]);
		buf_init(&b, RM_HIST_MAX);
		if (root_read_file(s->rootfd, rel, &b, &st, NULL) != RM_OK ||
		    b.data == NULL) {
			buf_free(&b);
			continue;
		}
		p = b.data;
		end = b.data + b.len;
		while (p < end && kept < RM_HIST_LINES_MAX) {
			const char *e = memchr(p, '\n', (size_t)(end - p));
			const char *l = p, *what;
			size_t ln;

			if (e == NULL)
				e = end;
			ln = (size_t)(e - p);
			p = e + 1;
			line++;
			/* zsh: ": 1700000000:0;command" */
			if (ln > 2 && l[0] == ':' && l[1] == ' ') {
				const char *sc = memchr(l, ';', ln);

				if (sc) {
					ln -= (size_t)(sc + 1 - l);
					l = sc + 1;
				}
			}
			what = webparse_backup_kill(l, ln);
			if (what) {
				char path[610];
				struct data_file *f;

				snprintf(path, sizeof(path), "/%s", rel);
				f = add_data(c, DATAF_HIST, path, &st);
				if (!f)
					break;
				f->detail = arena_strndup(&s->arena, l,
				    ln > 256 ? 256 : ln);
				f->detail2 = what;
				f->line = line;
				f->user = user;
				kept++;
			}
		}
		buf_free(&b);
	}
}

static void
homes(struct wc *c)
{
	enum { NMAX = 4096 };
	char (*names)[256] = xmalloc(NMAX * 256);
	size_t n = list_names(c->s, "/home", names, NMAX);

	home_files(c, "/root", "root");
	for (size_t i = 0; i < n; i++) {
		char h[300];

		snprintf(h, sizeof(h), "/home/%.250s", names[i]);
		home_files(c, h, arena_strdup(&c->s->arena, names[i]));
	}
	/* the web server's own home: what an intruder typed as www-data */
	for (size_t i = 0; i < c->s->naccounts; i++) {
		const struct account *a = &c->s->accounts[i];
		bool web = false;

		for (size_t k = 0; k < c->nweb_uids; k++)
			web |= a->uid == c->web_uids[k];
		if (web && a->home && a->home[0] == '/' && a->home[1] &&
		    strncmp(a->home, "/home/", 6) != 0 &&
		    strcmp(a->home, "/root") != 0 &&
		    strcmp(a->home, "/nonexistent") != 0)
			home_files(c, a->home, a->name);
	}
	free(names);
}

/* ---- the collector ------------------------------------------------------- */

static void
web_uids(struct wc *c)
{
	static const char *const names[] = { "www-data", "apache", "nginx",
		"http", "wwwrun", "httpd", "lighttpd", "nobody", NULL };

	for (size_t i = 0; i < c->s->naccounts && c->nweb_uids < WEB_UIDS;
	    i++)
		for (int k = 0; names[k]; k++)
			if (c->s->accounts[i].name && c->s->accounts[i].uid_valid &&
			    strcmp(c->s->accounts[i].name, names[k]) == 0 &&
			    c->s->accounts[i].uid != 0) {
				c->web_uids[c->nweb_uids++] =
				    c->s->accounts[i].uid;
				break;
			}
	if (c->s->naccounts == 0)
		c->web_uids[c->nweb_uids++] = 33;  /* Debian's www-data */
}

void
web_collect(struct snapshot *s, bool show_progress)
{
	struct wc c = { .s = s, .progress = show_progress };
	struct walk ww, dw;
	char *buf = xmalloc(RM_WEB_READ_MAX + 2);
	enum { NMAX = 4096 };
	char (*names)[256];
	size_t n;

	c.roots = xmalloc(RM_WEB_ROOTS_MAX * WEBP_PATH);
	web_uids(&c);
	find_roots(&c);

	walk_init(&ww, "web roots", RM_WEB_WALK_MAX, RM_WEB_WALK_MS);
	c.w = &ww;
	for (size_t i = 0; i < c.nroots; i++) {
		if (covered(&c, i))
			continue;
		c.webroot = c.roots[i];
		if (!walk_tree(&c, c.roots[i], DAREA_WEB, buf))
			break;
	}
	c.webroot = NULL;
	walk_report(&c, &ww, RM_WEB_WALK_MS);
	/* the roots not inside another, for the content scan */
	s->web_roots = arena_alloc(&s->arena, (c.nroots ? c.nroots : 1) *
	    sizeof(*s->web_roots));
	for (size_t i = 0; i < c.nroots; i++)
		if (!covered(&c, i))
			s->web_roots[s->nweb_roots++] = arena_strdup(&s->arena,
			    c.roots[i]);

	walk_init(&dw, "staged data", RM_DATA_WALK_MAX, RM_DATA_WALK_MS);
	c.w = &dw;
	if (walk_tree(&c, "/tmp", DAREA_TMP, buf) &&
	    walk_tree(&c, "/var/tmp", DAREA_TMP, buf) &&
	    walk_tree(&c, "/dev/shm", DAREA_TMP, buf)) {
		names = xmalloc(NMAX * 256);
		n = list_names(s, "/", names, NMAX);
		for (size_t i = 0; i < n; i++) {
			char p[260];

			if (names[i][0] != '.')
				continue;
			snprintf(p, sizeof(p), "/%s", names[i]);
			if (!walk_tree(&c, p, DAREA_HIDDEN, buf))
				break;
		}
		if (walk_tree(&c, "/srv", DAREA_SRV, buf) &&
		    walk_tree(&c, "/var/lib/mysql", DAREA_SRV, buf) &&
		    walk_tree(&c, "/root", DAREA_HOME, buf)) {
			n = list_names(s, "/home", names, NMAX);
			for (size_t i = 0; i < n; i++) {
				char p[300];

				snprintf(p, sizeof(p), "/home/%.250s",
				    names[i]);
				if (!walk_tree(&c, p, DAREA_HOME, buf))
					break;
			}
		}
		free(names);
	}
	walk_report(&c, &dw, RM_DATA_WALK_MS);

	homes(&c);
	/* the facts move into the snapshot's arena, which owns them */
	if (s->nweb_files) {
		struct web_file *v = arena_alloc(&s->arena, s->nweb_files *
		    sizeof(*v));

		memcpy(v, s->web_files, s->nweb_files * sizeof(*v));
		free(s->web_files);
		s->web_files = v;
	} else {
		free(s->web_files);
		s->web_files = NULL;
	}
	if (s->ndata_files) {
		struct data_file *v = arena_alloc(&s->arena, s->ndata_files *
		    sizeof(*v));

		memcpy(v, s->data_files, s->ndata_files * sizeof(*v));
		free(s->data_files);
		s->data_files = v;
	} else {
		free(s->data_files);
		s->data_files = NULL;
	}
	if (c.files_capped)
		snapshot_skip(s, "staged data (facts)", "more than %u web or "
		    "data files matched; the rest were not kept",
		    RM_WEB_FILES_MAX);
	free(c.roots);
	free(buf);
}
