/*
 * tamper.c - what droppers change to hide and to stay: immutable and
 * append-only attributes on the files they plant or guard, core tools
 * (chattr, curl, wget) moved under other names, shell history turned off,
 * login records and logs wiped, security agents removed, SELinux and
 * AppArmor switched off, security hosts sunk in /etc/hosts.
 *
 * Everything is read inside the root (root.h), bounded: flags on a fixed
 * list of files plus the cron files and authorized_keys already found,
 * a walk of a few directories for copies of the tools (only files of the
 * tools' sizes are hashed, RM_TAMPER_HASH_MAX bytes in all), start-up
 * files of at most RM_SSH_HOMES_MAX homes.  Facts only; the detectors
 * (det_eva_*.c) judge.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/hash.h"
#include "../core/io.h"
#include "../core/ioc.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "host_parse.h"
#include "tamper_parse.h"
#include "../core/sort.h"

#define AGENT_RULES_MAX 512

struct tacc {
	struct snapshot *s;
	struct tamper *v;
	size_t n, alloc;
	bool capped;
};

/* rel: a path inside the root, without the leading "/". */
static struct tamper *
add(struct tacc *a, enum tamper_kind kind, const char *rel)
{
	struct tamper *t;
	char shown[1100];

	if (a->n >= RM_TAMPER_MAX) {
		a->capped = true;
		return NULL;
	}
	if (a->n == a->alloc) {
		a->alloc = a->alloc ? a->alloc * 2 : 32;
		a->v = xreallocarray(a->v, a->alloc, sizeof(*a->v));
	}
	t = &a->v[a->n++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	snprintf(shown, sizeof(shown), "/%s", rel);
	t->path = arena_strdup(&a->s->arena, shown);
	return t;
}

static const char *
sdup(struct tacc *a, const char *str)
{
	return str ? arena_strdup(&a->s->arena, str) : NULL;
}

static void
set_meta(struct tamper *t, const struct stat *st)
{
	t->mode = st->st_mode;
	t->uid = st->st_uid;
	t->mtime = st->st_mtime;
	t->size = (uint64_t)st->st_size;
}

static bool
exists(int rootfd, const char *rel, struct stat *st)
{
	struct stat tmp;

	return root_lstat(rootfd, rel, st ? st : &tmp) == RM_OK;
}

/* The target of the link at rel (inside the root), or false. */
static bool
link_target(int rootfd, const char *rel, char *out, size_t cap)
{
	char dir[1024];
	const char *slash = strrchr(rel, '/');
	size_t len;
	int dfd, r;

	if (slash == NULL) {
		dfd = dup(rootfd);
	} else {
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - rel), rel);
		dfd = root_open(rootfd, dir, O_RDONLY | O_DIRECTORY);
	}
	if (dfd < 0)
		return false;
	r = io_readlink_at(dfd, slash ? slash + 1 : rel, out, cap, &len);
	close(dfd);
	return r == RM_OK;
}

/* ---- unique homes ---------------------------------------------------------- */

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

/* Each home directory once (relative, no leading "/"; "" for "/"), at
 * most RM_SSH_HOMES_MAX; *n gets the count.  Caller frees the array. */
static const char **
unique_homes(const struct snapshot *s, size_t *n)
{
	struct home_ref *ord = xreallocarray(NULL, s->naccounts + 1,
	    sizeof(*ord));
	const char **out = xreallocarray(NULL, s->naccounts + 2,
	    sizeof(*out));
	size_t nord = 0, k = 0;
	bool root_seen = false;

	for (size_t i = 0; i < s->naccounts; i++)
		if (s->accounts[i].home && s->accounts[i].home[0] == '/') {
			ord[nord].home = s->accounts[i].home;
			ord[nord++].idx = i;
		}
	xqsort(ord, nord, sizeof(*ord), cmp_home);
	for (size_t i = 0; i < nord && k < RM_SSH_HOMES_MAX; i++) {
		const char *h = ord[i].home;

		if (i && strcmp(h, ord[i - 1].home) == 0)
			continue;
		while (*h == '/')
			h++;
		if (strcmp(h, "root") == 0)
			root_seen = true;
		out[k++] = h;
	}
	if (!root_seen && k < RM_SSH_HOMES_MAX)
		out[k++] = "root";  /* an image without /etc/passwd */
	free(ord);
	*n = k;
	return out;
}

/* ---- RM-EVA-004: immutable and append-only attributes -------------------- */

static void
flags_one(struct tacc *a, const char *rel, bool system)
{
	struct stat st;
	int fd, fl = 0;

	if (root_lstat(a->s->rootfd, rel, &st) != RM_OK ||
	    !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
		return;
	fd = root_open(a->s->rootfd, rel, O_RDONLY | O_NOFOLLOW |
	    O_NONBLOCK);
	if (fd < 0)
		return;
	/* tmpfs, overlay and others have no flags: ENOTTY, EOPNOTSUPP */
	if (ioctl(fd, FS_IOC_GETFLAGS, &fl) == 0 &&
	    (fl & (FS_IMMUTABLE_FL | FS_APPEND_FL))) {
		struct tamper *t = add(a, TAMPER_FLAGS, rel);

		if (t) {
			set_meta(t, &st);
			t->flags = (unsigned)fl & (FS_IMMUTABLE_FL |
			    FS_APPEND_FL);
			t->system = system;
		}
	}
	close(fd);
}

struct unit_ctx {
	struct tacc *a;
	const char *dir;
	size_t n;
};

static int
unit_entry(const char *name, unsigned char type, void *arg)
{
	struct unit_ctx *c = arg;
	char rel[1024];
	size_t l = strlen(name);

	(void)type;
	if (++c->n > 1024)
		return 1;
	if (l < 9 || (strcmp(name + l - 8, ".service") != 0 &&
	    strcmp(name + l - 6, ".timer") != 0))
		return 0;
	snprintf(rel, sizeof(rel), "%s/%s", c->dir, name);
	flags_one(c->a, rel, true);
	return 0;
}

static void
collect_flags(struct tacc *a, const char **homes, size_t nhomes)
{
	static const char *const fixed[] = {
		"etc/passwd", "etc/shadow", "etc/group", "etc/gshadow",
		"etc/sudoers", "etc/sudoers.d", "etc/ld.so.preload",
		"etc/hosts", "etc/resolv.conf", "etc/rc.local",
		"etc/crontab", "etc/cron.d", "etc/cron.hourly",
		"etc/cron.daily", "etc/cron.weekly", "etc/cron.monthly",
		"var/spool/cron", "var/spool/cron/crontabs",
		"etc/systemd/system", "etc/init.d", "etc/profile",
		"etc/bash.bashrc", "etc/ssh/sshd_config",
		"tmp", "var/tmp",
		"usr/bin/chattr", "usr/bin/lsattr", "usr/bin/curl",
		"usr/bin/wget", "usr/bin/crontab", "usr/bin/ps",
		"usr/bin/top", "usr/bin/ls", "usr/bin/netstat", "usr/bin/ss",
		"usr/sbin/sshd", NULL,
	};
	struct snapshot *s = a->s;
	struct unit_ctx uc = { a, "etc/systemd/system", 0 };
	int dfd;

	for (int i = 0; fixed[i]; i++)
		flags_one(a, fixed[i], true);
	/* each path once: /etc/crontab is on the fixed list, and the homes
	 * below cover every authorized_keys the key collector read */
	for (size_t i = 0; i < s->ncron_files; i++)
		if (strcmp(s->cron_files[i].path, "/etc/crontab") != 0)
			flags_one(a, s->cron_files[i].path + 1, true);
	for (size_t i = 0; i < nhomes; i++) {
		char rel[1100];

		snprintf(rel, sizeof(rel), "%s%s.ssh", homes[i],
		    *homes[i] ? "/" : "");
		flags_one(a, rel, false);
		snprintf(rel, sizeof(rel), "%s%s.ssh/authorized_keys",
		    homes[i], *homes[i] ? "/" : "");
		flags_one(a, rel, false);
		snprintf(rel, sizeof(rel), "%s%s.ssh/authorized_keys2",
		    homes[i], *homes[i] ? "/" : "");
		flags_one(a, rel, false);
	}
	dfd = root_open(s->rootfd, uc.dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		io_list_dir(dfd, unit_entry, &uc);
		close(dfd);
	}
}

/* ---- RM-EVA-005: core tools moved or copied under other names ------------- */

struct tool {
	const char *name, *pkg;
	/* found */
	const char *rel;           /* where it is (or was, per the package) */
	bool present;
	uint64_t size;
	char sha[65];              /* of the file present ("" none) */
	char md5[33];              /* dpkg's, when it differs or is missing */
	dev_t dev;
	ino_t ino;
};

struct walk {
	struct tacc *a;
	struct tool *tools;
	size_t ntools;
	bool want_md5;             /* some tool is known by dpkg's MD5 only */
	uint64_t hashed;           /* bytes hashed so far */
	uint32_t files;            /* files looked at */
	int depth;
	int dfd;                   /* the directory being listed */
	char rel[1024];
};

static void
tool_identity(struct tacc *a, struct tool *t)
{
	static const char *const dirs[] = {
		"usr/bin", "bin", "usr/sbin", "sbin", NULL,
	};
	int rootfd = a->s->rootfd;
	char rel[256], md5[33] = "", listed_rel[256] = "";
	struct buf b;

	/* where the package says it is */
	snprintf(rel, sizeof(rel), "var/lib/dpkg/info/%s.list", t->pkg);
	buf_init(&b, RM_CONFIG_MAX * 4);
	if (root_read_file(rootfd, rel, &b, NULL, NULL) == RM_OK && b.data)
		for (int i = 0; dirs[i] && !listed_rel[0]; i++) {
			char p[256];

			snprintf(p, sizeof(p), "/%s/%s", dirs[i], t->name);
			if (tamperparse_list_has(b.data, b.len, p))
				snprintf(listed_rel, sizeof(listed_rel), "%s",
				    p + 1);
		}
	buf_free(&b);
	if (listed_rel[0]) {
		snprintf(rel, sizeof(rel), "var/lib/dpkg/info/%s.md5sums",
		    t->pkg);
		buf_init(&b, RM_CONFIG_MAX * 4);
		if (root_read_file(rootfd, rel, &b, NULL, NULL) != RM_OK ||
		    !b.data || !tamperparse_md5sums_find(b.data, b.len,
		    listed_rel, md5))
			md5[0] = '\0';
		buf_free(&b);
	}
	/* where it is (the usual places, the package's first) */
	for (int i = -1; i < 0 || dirs[i]; i++) {
		struct stat st;
		int fd;

		if (i < 0) {
			if (!listed_rel[0])
				continue;
			snprintf(rel, sizeof(rel), "%s", listed_rel);
		} else {
			snprintf(rel, sizeof(rel), "%s/%s", dirs[i], t->name);
		}
		if (root_lstat(rootfd, rel, &st) != RM_OK ||
		    !S_ISREG(st.st_mode))
			continue;
		fd = root_open(rootfd, rel, O_RDONLY | O_NOFOLLOW |
		    O_NONBLOCK);
		if (fd < 0)
			continue;
		t->present = true;
		t->rel = sdup(a, rel);
		t->size = (uint64_t)st.st_size;
		t->dev = st.st_dev;
		t->ino = st.st_ino;
		if (md5[0]) {
			char have[33];

			if (hash_md5_fd(fd, RM_TAMPER_TOOL_MAX, have) == RM_OK &&
			    strcmp(have, md5) != 0) {
				struct tamper *x = add(a, TAMPER_TOOL_REPLACED,
				    rel);

				if (x) {
					set_meta(x, &st);
					x->detail = t->name;
					x->detail2 = t->pkg;
				}
				t->present = false;  /* its bytes: elsewhere */
			}
		}
		if (t->present && hash_sha256_fd(fd, RM_TAMPER_TOOL_MAX,
		    t->sha) != RM_OK)
			t->present = false;
		close(fd);
		break;
	}
	if (!t->present && listed_rel[0]) {
		if (!t->rel) {
			struct tamper *x = add(a, TAMPER_TOOL_MISSING,
			    listed_rel);

			if (x) {
				x->detail = t->name;
				x->detail2 = t->pkg;
			}
			t->rel = sdup(a, listed_rel);
		}
		if (md5[0])
			memcpy(t->md5, md5, sizeof(t->md5));
	}
}

static int
walk_entry(const char *name, unsigned char type, void *arg)
{
	struct walk *w = arg;
	size_t base = strlen(w->rel);
	struct stat st;

	(void)type;
	if (w->files++ >= RM_TAMPER_WALK_MAX)
		return 1;
	if (base + strlen(name) + 2 >= sizeof(w->rel))
		return 0;
	snprintf(w->rel + base, sizeof(w->rel) - base, "/%s", name);
	/* one name inside an open directory: nothing to resolve */
	if (fstatat(w->dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		goto out;
	if (S_ISDIR(st.st_mode)) {
		if (w->depth > 0) {
			int sub = openat(w->dfd, name, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);

			if (sub >= 0) {
				int up = w->dfd;

				w->depth--;
				w->dfd = sub;
				io_list_dir(sub, walk_entry, w);
				w->dfd = up;
				w->depth++;
				close(sub);
			}
		}
		goto out;
	}
	if (!S_ISREG(st.st_mode) || st.st_size == 0)
		goto out;
	for (size_t i = 0; i < w->ntools; i++) {
		struct tool *t = &w->tools[i];
		bool by_sha = t->present && (uint64_t)st.st_size == t->size;
		bool by_md5 = !t->present && t->md5[0] &&
		    (uint64_t)st.st_size <= RM_TAMPER_MD5_FILE_MAX;
		char hex[65];
		int fd;

		if (!by_sha && !by_md5)
			continue;
		if (strcmp(name, t->name) == 0 ||
		    (t->present && st.st_dev == t->dev &&
		    st.st_ino == t->ino && strcmp(w->rel, t->rel) == 0))
			continue;
		if (w->hashed + (uint64_t)st.st_size > RM_TAMPER_HASH_MAX)
			return 1;
		fd = openat(w->dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
		    O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			continue;
		w->hashed += (uint64_t)st.st_size;
		if (by_sha ? hash_sha256_fd(fd, RM_TAMPER_TOOL_MAX, hex) :
		    hash_md5_fd(fd, RM_TAMPER_TOOL_MAX, hex)) {
			close(fd);
			continue;
		}
		close(fd);
		if (strcmp(hex, by_sha ? t->sha : t->md5) == 0) {
			struct tamper *x = add(w->a, TAMPER_TOOL_COPY, w->rel);

			if (x) {
				set_meta(x, &st);
				x->detail = t->name;
				x->detail2 = t->rel ? sdup(w->a, t->rel) : NULL;
				x->flags = t->present;  /* 1: original still there */
			}
			break;
		}
	}
out:
	w->rel[base] = '\0';
	return 0;
}

static void
walk_dir(struct walk *w)
{
	w->dfd = root_open(w->a->s->rootfd, w->rel, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW);
	if (w->dfd < 0)
		return;
	io_list_dir(w->dfd, walk_entry, w);
	close(w->dfd);
}

static void
collect_tools(struct tacc *a)
{
	static const struct {
		const char *dir;
		int depth;
	} where[] = {
		{ "usr/bin", 0 }, { "usr/sbin", 0 }, { "bin", 0 },
		{ "sbin", 0 }, { "usr/local/bin", 0 }, { "usr/local/sbin", 0 },
		{ "tmp", 3 }, { "var/tmp", 3 }, { "dev/shm", 3 },
		{ "root", 2 }, { "usr/lib/.local", 1 }, { "etc/.local", 1 },
	};
	struct tool tools[] = {
		{ .name = "chattr", .pkg = "e2fsprogs" },
		{ .name = "lsattr", .pkg = "e2fsprogs" },
		{ .name = "curl", .pkg = "curl" },
		{ .name = "wget", .pkg = "wget" },
	};
	struct walk w = { .a = a, .tools = tools,
	    .ntools = sizeof(tools) / sizeof(tools[0]) };
	bool any = false;

	for (size_t i = 0; i < w.ntools; i++) {
		tool_identity(a, &tools[i]);
		any |= tools[i].present || tools[i].md5[0];
	}
	if (!any)
		return;
	for (size_t i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
		struct stat st;

		/* merged /usr: /bin is a link to usr/bin, walked already */
		if (root_lstat(a->s->rootfd, where[i].dir, &st) != RM_OK ||
		    !S_ISDIR(st.st_mode))
			continue;
		snprintf(w.rel, sizeof(w.rel), "%s", where[i].dir);
		w.depth = where[i].depth;
		walk_dir(&w);
	}
	if (w.files >= RM_TAMPER_WALK_MAX || w.hashed >= RM_TAMPER_HASH_MAX)
		snapshot_skip(a->s, "evasion: renamed tools", "stopped after "
		    "%u files (%llu bytes hashed): the rest was not searched",
		    w.files, (unsigned long long)w.hashed);
}

/* ---- RM-EVA-006: shell history turned off --------------------------------- */

static void
startup_file(struct tacc *a, const char *rel, bool system)
{
	struct buf b;
	struct stat st;
	const char *p, *end;
	uint32_t lineno = 0;

	buf_init(&b, RM_CONFIG_MAX);
	if (root_read_file(a->s->rootfd, rel, &b, &st, NULL) != RM_OK ||
	    !b.data) {
		buf_free(&b);
		return;
	}
	p = b.data;
	end = b.data + b.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		unsigned bits;

		lineno++;
		bits = tamperparse_hist_line(p, (size_t)(le - p));
		if (bits) {
			struct tamper *t = add(a, TAMPER_HIST_LINE, rel);

			if (t == NULL)
				break;
			set_meta(t, &st);
			t->line = lineno;
			t->flags = bits;
			t->system = system;
			t->detail = arena_strndup(&a->s->arena, p,
			    (size_t)(le - p) > 256 ? 256 : (size_t)(le - p));
		}
		p = nl ? nl + 1 : end;
	}
	buf_free(&b);
}

struct profd_ctx {
	struct tacc *a;
	size_t n;
};

static int
profd_entry(const char *name, unsigned char type, void *arg)
{
	struct profd_ctx *c = arg;
	char rel[512];

	(void)type;
	if (++c->n > 512)
		return 1;
	snprintf(rel, sizeof(rel), "etc/profile.d/%s", name);
	startup_file(c->a, rel, true);
	return 0;
}

static void
collect_history(struct tacc *a, const char **homes, size_t nhomes)
{
	static const char *const sys[] = {
		"etc/profile", "etc/bash.bashrc", "etc/environment",
		"etc/zsh/zshrc", "etc/zsh/zshenv", "etc/bashrc", NULL,
	};
	static const char *const mine[] = {
		".bashrc", ".profile", ".bash_profile", ".bash_login",
		".bash_logout", ".zshrc", ".zshenv", NULL,
	};
	static const char *const hist[] = {
		".bash_history", ".zsh_history", ".sh_history", ".history",
		".ash_history", NULL,
	};
	struct profd_ctx pc = { a, 0 };
	int dfd;

	for (int i = 0; sys[i]; i++)
		startup_file(a, sys[i], true);
	dfd = root_open(a->s->rootfd, "etc/profile.d",
	    O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		io_list_dir(dfd, profd_entry, &pc);
		close(dfd);
	}
	for (size_t h = 0; h < nhomes; h++) {
		const char *sep = *homes[h] ? "/" : "";
		char rel[1100], target[256];
		struct stat st;

		for (int i = 0; mine[i]; i++) {
			snprintf(rel, sizeof(rel), "%s%s%s", homes[h], sep,
			    mine[i]);
			startup_file(a, rel, false);
		}
		for (int i = 0; hist[i]; i++) {
			struct tamper *t;

			snprintf(rel, sizeof(rel), "%s%s%s", homes[h], sep,
			    hist[i]);
			if (root_lstat(a->s->rootfd, rel, &st) != RM_OK ||
			    !S_ISLNK(st.st_mode) ||
			    !link_target(a->s->rootfd, rel, target,
			    sizeof(target)))
				continue;
			t = add(a, TAMPER_HIST_LINK, rel);
			if (t) {
				set_meta(t, &st);
				t->detail = sdup(a, target);
			}
		}
	}
}

/* ---- RM-EVA-007: login records and logs wiped ----------------------------- */

static int64_t
boot_time(int procfd)
{
	char buf[128];
	size_t n;

	if (procfd < 0 || io_read_at(procfd, "uptime", buf, sizeof(buf) - 1,
	    &n, NULL) != RM_OK)
		return -1;
	buf[n] = '\0';
	return (int64_t)time(NULL) - (int64_t)strtod(buf, NULL);
}

static void
collect_logs(struct tacc *a, int procfd)
{
	static const struct {
		const char *rel;
		uint32_t record;           /* login records: bytes each */
		const char *daemon_conf;   /* who writes it, when present */
	} logs[] = {
		{ "var/log/wtmp", 384, NULL },
		{ "var/log/btmp", 384, NULL },
		{ "var/log/lastlog", 292, NULL },
		{ "var/log/auth.log", 0, "etc/rsyslog.conf" },
		{ "var/log/secure", 0, "etc/rsyslog.conf" },
		{ "var/log/syslog", 0, "etc/rsyslog.conf" },
		{ "var/log/messages", 0, "etc/rsyslog.conf" },
		{ "var/log/cron", 0, "etc/rsyslog.conf" },
		{ "var/log/kern.log", 0, "etc/rsyslog.conf" },
		{ "var/log/audit/audit.log", 0, "etc/audit/auditd.conf" },
	};
	int rootfd = a->s->rootfd;
	int64_t boot = a->s->live ? boot_time(procfd) : -1;

	for (size_t i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		const char *rel = logs[i].rel;
		struct stat st;
		struct tamper *t;
		char target[256], rot[256];

		if (root_lstat(rootfd, rel, &st) != RM_OK) {
			/* gone, while logrotate's last copy is there */
			snprintf(rot, sizeof(rot), "%s.1", rel);
			if (!exists(rootfd, rot, NULL))
				continue;
			t = add(a, TAMPER_LOG_GONE, rel);
			if (t) {
				t->detail = sdup(a, rot);
				t->flags = logs[i].daemon_conf &&
				    exists(rootfd, logs[i].daemon_conf, NULL);
			}
			continue;
		}
		if (S_ISLNK(st.st_mode)) {
			if (!link_target(rootfd, rel, target, sizeof(target)))
				continue;
			t = add(a, TAMPER_LOG_LINK, rel);
			if (t) {
				set_meta(t, &st);
				t->detail = sdup(a, target);
			}
			continue;
		}
		if (!S_ISREG(st.st_mode))
			continue;
		/* "echo 0 > /var/log/wtmp": two bytes of text */
		if (st.st_size > 0 && st.st_size <= 64 &&
		    (logs[i].record == 0 ||
		    (uint64_t)st.st_size % logs[i].record != 0)) {
			struct buf b;

			buf_init(&b, 64);
			if (root_read_file(rootfd, rel, &b, NULL, NULL) ==
			    RM_OK && b.len && (logs[i].record ||
			    b.len <= 2) && tamperparse_is_text(b.data, b.len) &&
			    (logs[i].record || b.data[0] == '0')) {
				t = add(a, TAMPER_LOG_OVERWRITTEN, rel);
				if (t) {
					set_meta(t, &st);
					t->detail = arena_strndup(&a->s->arena,
					    b.data, b.len);
				}
			}
			buf_free(&b);
			continue;
		}
		/* emptied after this boot: someone truncated it */
		if (logs[i].record == 384 && i == 0 && st.st_size == 0 &&
		    boot > 0 && st.st_mtime > boot) {
			t = add(a, TAMPER_LOG_EMPTIED, rel);
			if (t) {
				set_meta(t, &st);
				t->line = 0;
			}
		}
	}
}

/* ---- RM-EVA-008: security agents and MAC ---------------------------------- */

static const char *const unit_dirs[] = {
	"etc/systemd/system", "usr/lib/systemd/system", "lib/systemd/system",
	NULL,
};

/* 1: a unit file (or link to one) is there; 2: masked; 0: none. */
static int
unit_state(struct tacc *a, const char *unit, char *where, size_t cap)
{
	for (int i = 0; unit_dirs[i]; i++) {
		char rel[512], target[256];
		struct stat st;

		snprintf(rel, sizeof(rel), "%s/%s", unit_dirs[i], unit);
		if (root_lstat(a->s->rootfd, rel, &st) != RM_OK)
			continue;
		snprintf(where, cap, "%s", rel);
		if (S_ISLNK(st.st_mode) && link_target(a->s->rootfd, rel,
		    target, sizeof(target)) && strcmp(target, "/dev/null") == 0)
			return 2;
		return 1;
	}
	return 0;
}

static void
collect_agents(struct tacc *a, const struct agent_rule *r, size_t nr)
{
	int rootfd = a->s->rootfd;

	for (size_t i = 0; i < nr; i++) {
		char dir_seen[AGENT_VALUE_MAX] = "", reg[512] = "";
		bool bin_listed = false, bin_there = false;
		size_t j;

		if (i && strcmp(r[i].name, r[i - 1].name) == 0)
			continue;  /* an agent's rules are adjacent */
		for (j = i; j < nr && strcmp(r[j].name, r[i].name) == 0; j++) {
			char where[512];
			struct stat st;
			int u;

			switch (r[j].type) {
			case AGR_DIR:
				if (exists(rootfd, r[j].value + 1, &st) &&
				    S_ISDIR(st.st_mode) && !dir_seen[0])
					snprintf(dir_seen, sizeof(dir_seen),
					    "%s", r[j].value + 1);
				break;
			case AGR_BIN:
				bin_listed = true;
				bin_there |= exists(rootfd, r[j].value + 1,
				    NULL);
				break;
			case AGR_INIT:
				if (exists(rootfd, r[j].value + 1, NULL) &&
				    !reg[0])
					snprintf(reg, sizeof(reg), "%s",
					    r[j].value + 1);
				break;
			case AGR_UNIT:
				u = unit_state(a, r[j].value, where,
				    sizeof(where));
				if (u == 2) {
					struct tamper *t = add(a,
					    TAMPER_UNIT_MASKED, where);

					if (t) {
						t->detail = sdup(a, r[j].name);
						t->detail2 = sdup(a,
						    r[j].value);
					}
				} else if (u == 1 && !reg[0]) {
					snprintf(reg, sizeof(reg), "%s",
					    where);
				}
				break;
			default:
				break;
			}
		}
		if (reg[0] && !dir_seen[0] && !bin_there) {
			bool has_dir = false;

			for (size_t k = i; k < j; k++)
				has_dir |= r[k].type == AGR_DIR ||
				    r[k].type == AGR_BIN;
			if (has_dir) {
				struct tamper *t = add(a, TAMPER_AGENT_GONE,
				    reg);

				if (t)
					t->detail = sdup(a, r[i].name);
			}
		}
		if (dir_seen[0] && bin_listed && !bin_there) {
			struct tamper *t = add(a, TAMPER_AGENT_NOBIN,
			    dir_seen);

			if (t)
				t->detail = sdup(a, r[i].name);
		}
	}
}

static void
collect_mac(struct tacc *a, int procfd)
{
	int rootfd = a->s->rootfd;
	struct buf b;
	struct stat st;
	enum selinux_mode mode = SELINUX_UNSET;
	char where[512], val[64];
	size_t n;

	buf_init(&b, RM_SMALLFILE_MAX);
	if (root_read_file(rootfd, "etc/selinux/config", &b, &st, NULL) ==
	    RM_OK && b.data) {
		uint32_t line;

		mode = tamperparse_selinux_config(b.data, b.len, &line);
		if (mode == SELINUX_DISABLED || mode == SELINUX_PERMISSIVE) {
			struct tamper *t = add(a, TAMPER_SELINUX_CONFIG,
			    "etc/selinux/config");

			if (t) {
				set_meta(t, &st);
				t->line = line;
				t->flags = mode;
				t->detail = mode == SELINUX_DISABLED ?
				    "disabled" : "permissive";
			}
		}
	}
	buf_free(&b);
	if (a->s->live && mode == SELINUX_ENFORCING &&
	    io_read_at(AT_FDCWD, "/sys/fs/selinux/enforce", val,
	    sizeof(val) - 1, &n, NULL) == RM_OK && n && val[0] == '0') {
		struct tamper *t = add(a, TAMPER_SELINUX_OFF,
		    "sys/fs/selinux/enforce");

		if (t)
			t->detail = "0";
	}
	/* AppArmor: only where the package is installed */
	if (!exists(rootfd, "var/lib/dpkg/info/apparmor.list", NULL))
		return;
	if (a->s->live && io_read_at(AT_FDCWD,
	    "/sys/module/apparmor/parameters/enabled", val, sizeof(val) - 1,
	    &n, NULL) == RM_OK && n && val[0] == 'N') {
		struct tamper *t = add(a, TAMPER_APPARMOR_OFF,
		    "sys/module/apparmor/parameters/enabled");

		if (t)
			t->detail = "N";
	}
	if (a->s->live && procfd >= 0) {
		char *cl = xmalloc(4096);

		if (io_read_at(procfd, "cmdline", cl, 4096, &n, NULL) ==
		    RM_OK && tamperparse_cmdline_apparmor_off(cl, n)) {
			struct tamper *t = add(a, TAMPER_APPARMOR_OFF,
			    "proc/cmdline");

			if (t)
				t->detail = arena_strndup(&a->s->arena, cl,
				    n > 512 ? 512 : n);
		}
		free(cl);
	}
	switch (unit_state(a, "apparmor.service", where, sizeof(where))) {
	case 2: {
		struct tamper *t = add(a, TAMPER_UNIT_MASKED, where);

		if (t) {
			t->detail = "apparmor";
			t->detail2 = "apparmor.service";
		}
		break;
	}
	case 1:
		if (!exists(rootfd, "etc/systemd/system/sysinit.target.wants/"
		    "apparmor.service", NULL) && exists(rootfd,
		    "etc/systemd/system/sysinit.target.wants", NULL)) {
			struct tamper *t = add(a, TAMPER_UNIT_DISABLED, where);

			if (t) {
				t->detail = "apparmor";
				t->detail2 = "apparmor.service";
			}
		}
		break;
	default:
		break;
	}
}

/* ---- RM-EVA-009: /etc/hosts sinks ----------------------------------------- */

static void
collect_hosts(struct tacc *a, const struct agent_rule *r, size_t nr)
{
	const struct host *h = &a->s->host;

	for (uint32_t i = 0; i < h->nhosts; i++) {
		const struct hosts_entry *e = &h->hosts[i];
		const struct agent_rule *hit = NULL;
		const char *pool = NULL;
		struct tamper *t;

		if (!e->name || !hostparse_sink_addr(e->addr, e->family))
			continue;
		for (size_t k = 0; k < nr && !hit; k++)
			if ((r[k].type == AGR_DOMAIN ||
			    r[k].type == AGR_BLOCK) &&
			    tamperparse_domain_match(e->name, r[k].value))
				hit = &r[k];
		if (!hit && a->s->ioc)
			pool = ioc_pool_domain(a->s->ioc, e->name);
		if (!hit && !pool)
			continue;
		t = add(a, hit && hit->type == AGR_DOMAIN ?
		    TAMPER_HOSTS_SECURITY : TAMPER_HOSTS_POOL, "etc/hosts");
		if (t == NULL)
			return;
		t->detail = e->name;
		if (hit) {
			char lab[AGENT_NAME_MAX + AGENT_VALUE_MAX + 8];

			snprintf(lab, sizeof(lab), "%s (%s)", hit->name,
			    hit->value);
			t->detail2 = sdup(a, lab);
		} else {
			char lab[300];

			snprintf(lab, sizeof(lab), "pool list (%.200s)", pool);
			t->detail2 = sdup(a, lab);
		}
		t->flags = e->family;
	}
}

/* ---- putting it together -------------------------------------------------- */

void
tamper_collect(struct snapshot *s, int procfd)
{
	struct tacc a = { .s = s };
	struct agent_rule *rules = xreallocarray(NULL, AGENT_RULES_MAX,
	    sizeof(*rules));
	size_t nrules = 0, nhomes = 0;
	const char **homes = unique_homes(s, &nhomes);

	const char *agents = ioc_builtin(IOC_BUILTIN_AGENTS);

	tamperparse_agents(agents, strlen(agents), rules, AGENT_RULES_MAX,
	    &nrules);
	collect_flags(&a, homes, nhomes);
	collect_tools(&a);
	collect_history(&a, homes, nhomes);
	collect_logs(&a, procfd);
	collect_agents(&a, rules, nrules);
	collect_mac(&a, procfd);
	collect_hosts(&a, rules, nrules);
	free(rules);
	free(homes);
	s->tampers = arena_alloc(&s->arena, (a.n ? a.n : 1) *
	    sizeof(*s->tampers));
	if (a.n)
		memcpy(s->tampers, a.v, a.n * sizeof(*a.v));
	s->ntampers = a.n;
	free(a.v);
	if (a.capped)
		snapshot_skip(s, "evasion: tampering", "more than %u records; "
		    "the rest were not kept", RM_TAMPER_MAX);
}
