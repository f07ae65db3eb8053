/*
 * testlib.h - helpers shared by the cmocka unit tests (tests/unit/).
 *
 * Each test_<module>.c is one program built from itself, this header and
 * librookmelder.a, so everything here is static inline.  What is here:
 *  - temp trees: a private directory under $TMPDIR (or /tmp) with files,
 *    symbolic links and FIFOs, removed whole at the end;
 *  - fake procfs entries: a /proc/PID directory with stat, status,
 *    cmdline, environ, cgroup and links, for the collectors;
 *  - synthetic snapshots: processes, accounts and host facts built in
 *    the snapshot's arena, for the detectors;
 *  - running one detector (or all) and looking at what it found;
 *  - a strict JSON validator (RFC 8259, UTF-8 checked), written apart
 *    from the code under test, for the escaping and output tests;
 *  - known bugs: TL_KNOWN_BUG() skips a test that exposes a bug in src/
 *    unless RM_UNIT_BUGS=1 is set, so the suite stays green and the bug
 *    stays one environment variable away from being seen.
 */
#ifndef RM_TESTLIB_H
#define RM_TESTLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "collect/collect.h"
#include "collect/etc_parse.h"
#include "collect/proc_parse.h"
#include "collect/sock_parse.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/escape.h"
#include "core/facts.h"
#include "core/finding.h"
#include "core/io.h"
#include "core/json.h"
#include "core/limits.h"
#include "core/root.h"
#include "core/xmalloc.h"
#include "detect/detect_util.h"
#include "detect/detector.h"
#include "output/output.h"

/* ---- skipping ------------------------------------------------------------ */

/* Skip the current test, saying why.  Call before creating resources:
 * skip() leaves the test at once. */
#define TL_SKIP(...) do {						\
	print_message("[   SKIP   ] ");					\
	print_message(__VA_ARGS__);					\
	print_message("\n");						\
	skip();								\
} while (0)

/* A test that exposes a known bug in src/: skipped unless RM_UNIT_BUGS=1,
 * in which case it runs and fails until the bug is fixed. */
#define TL_KNOWN_BUG(what) do {						\
	const char *tl_env_ = getenv("RM_UNIT_BUGS");			\
									\
	if (tl_env_ == NULL || strcmp(tl_env_, "1") != 0)		\
		TL_SKIP("known bug in src/ (RM_UNIT_BUGS=1 runs it): "	\
		    "%s", what);						\
} while (0)

#define TL_NEED_ROOT(why) do {						\
	if (geteuid() != 0)						\
		TL_SKIP("needs root: %s", why);				\
} while (0)

#define TL_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- temp trees ---------------------------------------------------------- */

/* A new private directory; free() the returned path after tl_rmrf(). */
static inline char *
tl_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *t;

	if (base == NULL || *base == '\0' || access(base, W_OK | X_OK) != 0)
		base = "/tmp";
	t = xasprintf("%s/rm-unit.XXXXXX", base);
	if (mkdtemp(t) == NULL)
		fail_msg("mkdtemp %s: %s", t, strerror(errno));
	return t;
}

/* nftw callback: remove one entry, and go on whatever happens. */
static inline int
tl_rm_one(const char *p, const struct stat *st, int type, struct FTW *ftw)
{
	(void)ftw;
	if (type == FTW_DP || type == FTW_DNR ||
	    (type != FTW_NS && S_ISDIR(st->st_mode))) {
		chmod(p, 0700);
		rmdir(p);
	} else {
		unlink(p);
	}
	return 0;
}

/* Remove a tree made by the tests (never follows links). */
static inline void
tl_rmrf(const char *path)
{
	if (path == NULL)
		return;
	nftw(path, tl_rm_one, 32, FTW_DEPTH | FTW_PHYS);
}

/* dir/rel, malloc'd. */
static inline char *
tl_path(const char *dir, const char *rel)
{
	return xasprintf("%s/%s", dir, rel);
}

/* mkdir -p dir/rel. */
static inline void
tl_mkdirs(const char *dir, const char *rel)
{
	char *p = tl_path(dir, rel);
	size_t skip = strlen(dir) + 1;

	for (char *q = p + skip; ; q++) {
		if (*q == '/' || *q == '\0') {
			char c = *q;

			*q = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST)
				fail_msg("mkdir %s: %s", p, strerror(errno));
			*q = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
}

/* Create the parent directories of dir/rel. */
static inline void
tl_mkparent(const char *dir, const char *rel)
{
	char *r = xstrdup(rel), *slash = strrchr(r, '/');

	if (slash) {
		*slash = '\0';
		tl_mkdirs(dir, r);
	}
	free(r);
}

/* Write n bytes to dir/rel (created with its parents, truncated). */
static inline void
tl_write(const char *dir, const char *rel, const void *data, size_t n)
{
	char *p = tl_path(dir, rel);
	const char *d = data;
	int fd;

	tl_mkparent(dir, rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0644);
	if (fd < 0)
		fail_msg("open %s: %s", p, strerror(errno));
	while (n > 0) {
		ssize_t w = write(fd, d, n);

		if (w <= 0)
			fail_msg("write %s: %s", p, strerror(errno));
		d += w;
		n -= (size_t)w;
	}
	close(fd);
	free(p);
}

static inline void
tl_writes(const char *dir, const char *rel, const char *s)
{
	tl_write(dir, rel, s, strlen(s));
}

/* dir/rel -> target (an ordinary symbolic link; replaced if present). */
static inline void
tl_symlink(const char *dir, const char *rel, const char *target)
{
	char *p = tl_path(dir, rel);

	tl_mkparent(dir, rel);
	unlink(p);
	if (symlink(target, p) != 0)
		fail_msg("symlink %s: %s", p, strerror(errno));
	free(p);
}

static inline void
tl_mkfifo(const char *dir, const char *rel)
{
	char *p = tl_path(dir, rel);

	tl_mkparent(dir, rel);
	if (mkfifo(p, 0644) != 0)
		fail_msg("mkfifo %s: %s", p, strerror(errno));
	free(p);
}

/* open(dir, O_DIRECTORY); fails the test if it cannot. */
static inline int
tl_opendir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		fail_msg("open %s: %s", dir, strerror(errno));
	return fd;
}

/* ---- fake procfs --------------------------------------------------------- */

/* A /proc/PID/stat line as the kernel writes it (52 fields). */
static inline char *
tl_stat_line(int pid, const char *comm, char state, int ppid, unsigned flags,
	     unsigned long long utime, unsigned long long stime,
	     unsigned long long start)
{
	return xasprintf("%d (%s) %c %d %d %d 0 -1 %u 120 0 3 0 %llu %llu "
	    "0 0 20 0 1 0 %llu 12345678 %d 18446744073709551615 1 1 0 0 0 "
	    "0 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n", pid, comm,
	    state, ppid, pid, pid, flags, utime, stime, start,
	    (flags & PF_KTHREAD_FLAG) ? 0 : 300);
}

/* Write dir/PID/stat and a status with the given uid (uid < 0: none). */
static inline void
tl_fx_pid(const char *dir, int pid, const char *comm, int ppid,
	  unsigned flags, unsigned long long start, long uid)
{
	char rel[64];
	char *line = tl_stat_line(pid, comm, 'S', ppid, flags, 7, 3, start);

	snprintf(rel, sizeof(rel), "%d/stat", pid);
	tl_writes(dir, rel, line);
	free(line);
	snprintf(rel, sizeof(rel), "%d/status", pid);
	if (uid >= 0) {
		char *st = xasprintf("Name:\t%s\nUmask:\t0022\nState:\tS "
		    "(sleeping)\nPid:\t%d\nPPid:\t%d\nUid:\t%ld\t%ld\t%ld\t%ld\n"
		    "Gid:\t%ld\t%ld\t%ld\t%ld\nVmRSS:\t    2048 kB\n"
		    "HugetlbPages:\t       0 kB\nThreads:\t1\n", comm, pid,
		    ppid, uid, uid, uid, uid, uid + 1, uid + 1, uid + 1,
		    uid + 1);

		tl_writes(dir, rel, st);
		free(st);
	} else {
		tl_writes(dir, rel, "Name:\tx\nState:\tS (sleeping)\n");
	}
}

/* Write dir/PID/NAME with n bytes. */
static inline void
tl_fx_file(const char *dir, int pid, const char *name, const void *data,
	   size_t n)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "%d/%s", pid, name);
	tl_write(dir, rel, data, n);
}

static inline void
tl_fx_link(const char *dir, int pid, const char *name, const char *target)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "%d/%s", pid, name);
	tl_symlink(dir, rel, target);
}

/* ---- synthetic snapshots ------------------------------------------------- */

static inline struct snapshot *
tl_snap_new(void)
{
	struct snapshot *s = xcalloc(1, sizeof(*s));

	snapshot_init(s);
	s->root = "/";
	s->live = true;
	s->host.hostname = "testhost";
	s->host.kernel = "6.1.0-test";
	return s;
}

static inline void
tl_snap_free(struct snapshot *s)
{
	if (s == NULL)
		return;
	snapshot_free(s);
	free(s);
}

static inline const char *
tl_sdup(struct snapshot *s, const char *str)
{
	return str ? arena_strdup(&s->arena, str) : NULL;
}

/* n processes with harmless defaults, attached to s (pids must be set in
 * increasing order by the caller, as the collector sorts them). */
static inline struct proc *
tl_procs(struct snapshot *s, size_t n)
{
	struct proc *v = arena_alloc(&s->arena, n * sizeof(*v));

	for (size_t i = 0; i < n; i++) {
		v[i].pid = (pid_t)(1000 + i);
		v[i].ppid = 1;
		v[i].state = 'S';
		v[i].threads = 1;
		v[i].exe_seals = -1;
		v[i].cpu_pct = -1;
		v[i].vsize_kb = 10000;
		v[i].rss_kb = 1000;
		v[i].exe_kind = EXE_FILE;
		v[i].comm = "sleep";
		v[i].exe = "/usr/bin/sleep";
		v[i].argv0 = "sleep";
		v[i].cmdline = "sleep 1000";
		v[i].argc = 2;
	}
	s->procs = v;
	s->nprocs = n;
	return v;
}

/* Set the identity of a synthetic process. */
static inline void
tl_proc_set(struct snapshot *s, struct proc *p, pid_t pid, pid_t ppid,
	    const char *comm, const char *exe, enum exe_kind kind)
{
	p->pid = pid;
	p->ppid = ppid;
	p->comm = tl_sdup(s, comm);
	p->exe = tl_sdup(s, exe);
	p->exe_kind = kind;
	p->argv0 = p->comm;
	p->cmdline = p->comm;
	p->argc = 1;
}

/* Add a collected environment variable to p. */
static inline void
tl_proc_env(struct snapshot *s, struct proc *p, const char *name,
	    const char *value)
{
	struct env_var *v = arena_alloc(&s->arena, (p->nenv + 1) * sizeof(*v));
	size_t vl = strlen(value);

	if (p->nenv)
		memcpy(v, p->env, p->nenv * sizeof(*v));
	v[p->nenv].name = tl_sdup(s, name);
	v[p->nenv].value = arena_strndup(&s->arena, value,
	    vl > RM_ENV_VALUE_KEEP ? RM_ENV_VALUE_KEEP : vl);
	v[p->nenv].value_len = (uint32_t)vl;
	p->env = v;
	p->nenv++;
}

/* n zeroed sockets attached to s. */
static inline struct sock *
tl_socks(struct snapshot *s, size_t n)
{
	struct sock *v = arena_alloc(&s->arena, n * sizeof(*v));

	s->socks = v;
	s->nsocks = n;
	return v;
}

/* An ESTABLISHED TCP connection from pid to ip:port (v4 or v6). */
static inline void
tl_sock_tcp(struct sock *k, pid_t pid, const char *ip, uint16_t port)
{
	memset(k, 0, sizeof(*k));
	k->family = strchr(ip, ':') ? AF_INET6 : AF_INET;
	k->proto = IPPROTO_TCP;
	k->state = 1;                     /* TCP_ESTABLISHED */
	k->source = SOCK_SRC_DIAG;
	if (inet_pton(k->family, ip, k->raddr) != 1)
		fail_msg("bad address %s", ip);
	if (k->family == AF_INET)
		inet_pton(AF_INET, "10.0.0.5", k->laddr);
	else
		inet_pton(AF_INET6, "fd00::5", k->laddr);
	k->lport = 40000;
	k->rport = port;
	k->inode = 7000u + (unsigned)pid;
	k->owners[0] = pid;
	k->nowners = 1;
}

/* Add one /etc/hosts entry (name -> ip) to the host facts. */
static inline void
tl_hosts_add(struct snapshot *s, const char *ip, const char *name)
{
	struct hosts_entry *v = arena_alloc(&s->arena,
	    (s->host.nhosts + 1) * sizeof(*v));
	struct hosts_entry *e = &v[s->host.nhosts];

	if (s->host.nhosts)
		memcpy(v, s->host.hosts, s->host.nhosts * sizeof(*v));
	e->family = strchr(ip, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(e->family, ip, e->addr) != 1)
		fail_msg("bad address %s", ip);
	e->name = tl_sdup(s, name);
	s->host.hosts = v;
	s->host.nhosts++;
}

/* Was check skipped (with a reason containing why, if not NULL)? */
static inline bool
tl_skipped(const struct snapshot *s, const char *check, const char *why)
{
	for (size_t i = 0; i < s->nskipped; i++)
		if (strcmp(s->skipped[i].check, check) == 0 &&
		    (why == NULL || strstr(s->skipped[i].reason, why)))
			return true;
	return false;
}

/* A sparse file dir/rel of size bytes (created, or truncated). */
static inline void
tl_sparse(const char *dir, const char *rel, uint64_t size)
{
	char *p = tl_path(dir, rel);
	int fd;

	tl_mkparent(dir, rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd < 0 || ftruncate(fd, (off_t)size) != 0)
		fail_msg("sparse %s: %s", p, strerror(errno));
	close(fd);
	free(p);
}

/* Write n bytes at offset off of the existing file dir/rel. */
static inline void
tl_pwrite(const char *dir, const char *rel, uint64_t off, const void *data,
	  size_t n)
{
	char *p = tl_path(dir, rel);
	int fd = open(p, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0 || pwrite(fd, data, n, (off_t)off) != (ssize_t)n)
		fail_msg("pwrite %s: %s", p, strerror(errno));
	close(fd);
	free(p);
}

/* Does string-list evidence key hold v? */
static inline bool
tl_ev_has(const struct finding *f, const char *key, const char *v)
{
	const struct evidence *e = finding_ev_get(f, key);

	if (e == NULL || e->type != EV_STRLIST)
		return false;
	for (size_t i = 0; i < e->nlist; i++)
		if (strcmp(e->list[i], v) == 0)
			return true;
	return false;
}

static inline struct account *
tl_accounts(struct snapshot *s, size_t n)
{
	struct account *v = arena_alloc(&s->arena, n * sizeof(*v));

	s->accounts = v;
	s->naccounts = n;
	return v;
}

static inline void
tl_account_set(struct snapshot *s, struct account *a, const char *name,
	       uint32_t uid, uint32_t line)
{
	a->name = tl_sdup(s, name);
	a->passwd = "x";
	a->uid = uid;
	a->gid = uid;
	a->gecos = "";
	a->home = tl_sdup(s, uid == 0 ? "/root" : "/home/user");
	a->shell = "/bin/bash";
	a->line = line;
	a->uid_valid = true;
	a->malformed = false;
}

/* Set /etc/ld.so.preload in the host facts (content NULL: absent). */
static inline void
tl_preload(struct snapshot *s, const char *content)
{
	struct file_snapshot *f = &s->host.ld_so_preload;

	memset(f, 0, sizeof(*f));
	if (content == NULL)
		return;
	f->exists = true;
	f->content = tl_sdup(s, content);
	f->len = strlen(content);
	f->mode = 0100644;
	f->mtime = 1700000000;
}

/* ---- running detectors --------------------------------------------------- */

/* Every fact of s, kind by kind, to detector d: the registry's own loop. */
static inline void
tl_check_all_facts(const struct detector *d, const struct snapshot *s,
		   struct findings *fs)
{
	detect_run_one(d, s, fs);
}

/* Run the one detector `id` over every fact of s into fs (initialised
 * here; the caller frees it with findings_free). */
static inline void
tl_run_one(const struct snapshot *s, const char *id, struct findings *fs)
{
	const struct detector *d = detector_find(id);

	if (d == NULL)
		fail_msg("no detector %s", id);
	findings_init(fs);
	tl_check_all_facts(d, s, fs);
}

/* Findings of rule id (NULL: any) about pid (0: any). */
static inline size_t
tl_count(const struct findings *fs, const char *id, pid_t pid)
{
	size_t n = 0;

	for (size_t i = 0; i < fs->n; i++) {
		const struct finding *f = fs->v[i];

		if (id && strcmp(f->rule->id, id) != 0)
			continue;
		if (pid && (!f->has_process || f->process.pid != pid))
			continue;
		n++;
	}
	return n;
}

/* The first finding of rule id about pid (0: any); fails if none. */
static inline const struct finding *
tl_get(const struct findings *fs, const char *id, pid_t pid)
{
	for (size_t i = 0; i < fs->n; i++) {
		const struct finding *f = fs->v[i];

		if (id && strcmp(f->rule->id, id) != 0)
			continue;
		if (pid && (!f->has_process || f->process.pid != pid))
			continue;
		return f;
	}
	fail_msg("no finding %s for pid %d (have %zu findings)",
	    id ? id : "*", (int)pid, fs->n);
	return NULL;
}

/* String evidence value, or NULL when absent or not a string. */
static inline const char *
tl_ev_str(const struct finding *f, const char *key)
{
	const struct evidence *e = finding_ev_get(f, key);

	return e && e->type == EV_STR ? e->s : NULL;
}

static inline void
tl_assert_contains(const char *hay, const char *needle)
{
	if (hay == NULL || strstr(hay, needle) == NULL)
		fail_msg("\"%s\" does not contain \"%s\"", hay ? hay : "(null)",
		    needle);
}

/* ---- a strict JSON validator --------------------------------------------- */

struct tl_json {
	const unsigned char *p, *end;
	const char *err;
	int depth;
};

static inline bool
tl_json_err(struct tl_json *j, const char *msg)
{
	j->err = msg;
	return false;
}

static inline void
tl_json_ws(struct tl_json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

/* Length of a valid UTF-8 sequence at p (independent of escape.c). */
static inline size_t
tl_utf8_len(const unsigned char *p, const unsigned char *end)
{
	size_t n = (size_t)(end - p);
	uint32_t c;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		if (n < 2 || (p[1] & 0xc0) != 0x80)
			return 0;
		return 2;
	}
	if (p[0] >= 0xe0 && p[0] <= 0xef) {
		if (n < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		c = (uint32_t)(p[0] & 0x0f) << 12 |
		    (uint32_t)(p[1] & 0x3f) << 6 | (uint32_t)(p[2] & 0x3f);
		if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		return 3;
	}
	if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		if (n < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 ||
		    (p[3] & 0xc0) != 0x80)
			return 0;
		c = (uint32_t)(p[0] & 0x07) << 18 |
		    (uint32_t)(p[1] & 0x3f) << 12 |
		    (uint32_t)(p[2] & 0x3f) << 6 | (uint32_t)(p[3] & 0x3f);
		if (c < 0x10000 || c > 0x10ffff)
			return 0;
		return 4;
	}
	return 0;
}

static inline bool
tl_json_string(struct tl_json *j)
{
	if (j->p >= j->end || *j->p != '"')
		return tl_json_err(j, "expected string");
	j->p++;
	while (j->p < j->end) {
		unsigned char c = *j->p;
		size_t l;

		if (c == '"') {
			j->p++;
			return true;
		}
		if (c < 0x20)
			return tl_json_err(j, "raw control character in string");
		if (c == '\\') {
			j->p++;
			if (j->p >= j->end)
				break;
			if (*j->p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (j->p + i >= j->end ||
					    !isxdigit(j->p[i]))
						return tl_json_err(j, "bad \\u");
				j->p += 5;
			} else if (strchr("\"\\/bfnrt", *j->p) && *j->p) {
				j->p++;
			} else {
				return tl_json_err(j, "bad escape");
			}
			continue;
		}
		if ((l = tl_utf8_len(j->p, j->end)) == 0)
			return tl_json_err(j, "invalid UTF-8 in string");
		if (l == 3 && j->p[0] == 0xe2 && j->p[1] == 0x80 &&
		    (j->p[2] == 0xa8 || j->p[2] == 0xa9))
			return tl_json_err(j, "raw U+2028/U+2029 in string");
		j->p += l;
	}
	return tl_json_err(j, "unterminated string");
}

static inline bool
tl_json_number(struct tl_json *j)
{
	const unsigned char *s = j->p;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0') {
		j->p++;
	} else if (j->p < j->end && *j->p >= '1' && *j->p <= '9') {
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	} else {
		return tl_json_err(j, "bad number");
	}
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return tl_json_err(j, "bad fraction");
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return tl_json_err(j, "bad exponent");
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	return j->p > s;
}

static inline bool
tl_json_value(struct tl_json *j)
{
	tl_json_ws(j);
	if (j->p >= j->end)
		return tl_json_err(j, "expected value");
	if (++j->depth > 200)
		return tl_json_err(j, "too deep");
	switch (*j->p) {
	case '{':
		j->p++;
		tl_json_ws(j);
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			break;
		}
		for (;;) {
			tl_json_ws(j);
			if (!tl_json_string(j))
				return false;
			tl_json_ws(j);
			if (j->p >= j->end || *j->p != ':')
				return tl_json_err(j, "expected ':'");
			j->p++;
			if (!tl_json_value(j))
				return false;
			tl_json_ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (j->p < j->end && *j->p == '}') {
				j->p++;
				break;
			}
			return tl_json_err(j, "expected ',' or '}'");
		}
		break;
	case '[':
		j->p++;
		tl_json_ws(j);
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			break;
		}
		for (;;) {
			if (!tl_json_value(j))
				return false;
			tl_json_ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (j->p < j->end && *j->p == ']') {
				j->p++;
				break;
			}
			return tl_json_err(j, "expected ',' or ']'");
		}
		break;
	case '"':
		if (!tl_json_string(j))
			return false;
		break;
	case 't':
	case 'f':
	case 'n': {
		static const char *const lit[] = { "true", "false", "null" };
		bool ok = false;

		for (int i = 0; i < 3 && !ok; i++) {
			size_t l = strlen(lit[i]);

			if ((size_t)(j->end - j->p) >= l &&
			    memcmp(j->p, lit[i], l) == 0) {
				j->p += l;
				ok = true;
			}
		}
		if (!ok)
			return tl_json_err(j, "bad literal");
		break;
	}
	default:
		if (!tl_json_number(j))
			return false;
	}
	j->depth--;
	return true;
}

/* True if [s, s+n) is exactly one JSON value (surrounding whitespace
 * allowed).  *err (may be NULL) gets a reason and *at the offset. */
static inline bool
tl_json_valid(const char *s, size_t n, const char **err, size_t *at)
{
	struct tl_json j = { (const unsigned char *)s,
	    (const unsigned char *)s + n, NULL, 0 };
	bool ok = tl_json_value(&j);

	if (ok) {
		tl_json_ws(&j);
		if (j.p != j.end) {
			ok = false;
			j.err = "trailing data";
		}
	}
	if (err)
		*err = j.err;
	if (at)
		*at = (size_t)(j.p - (const unsigned char *)s);
	return ok;
}

static inline void
tl_assert_json(const char *s, size_t n)
{
	const char *err = NULL;
	size_t at = 0;

	if (!tl_json_valid(s, n, &err, &at))
		fail_msg("invalid JSON (%s) at byte %zu: %.*s", err, at,
		    (int)(n - at > 80 ? 80 : n - at), s + at);
}

/* ---- misc ---------------------------------------------------------------- */

/* Text output into a malloc'd string. */
static inline char *
tl_capture_text(const struct report *r, bool color, size_t *len)
{
	char *data = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&data, &n);

	assert_non_null(f);
	out_text(f, r, color);
	fclose(f);
	if (len)
		*len = n;
	return data;
}

/* A tiny deterministic PRNG (xorshift64*) for property tests. */
static inline uint64_t
tl_rand(uint64_t *st)
{
	uint64_t x = *st;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*st = x;
	return x * 0x2545f4914f6cdd1dULL;
}

#endif
