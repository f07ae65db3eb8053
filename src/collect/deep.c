/*
 * deep.c - deep inspection of candidate processes: what a miner cannot
 * avoid carrying.
 *
 * Triage first picks candidates from cheap facts (CPU now, an established
 * connection to a pool port or a pool's name, miner strings in argv or the
 * environment, an open MSR device, huge pages, an odd executable).  Each
 * candidate, most suspicious first, then has its writable anonymous memory
 * read through /proc/PID/mem (stratum messages and the current job sit
 * there even when the connection is TLS, the config encrypted and the
 * binary packed), its executable scanned through /proc/PID/exe (deleted
 * ones included), and a miner config looked for next to the binary, in its
 * cwd and at its -c path, all inside the process's own root.  Every read
 * is capped per process and per scan (limits.h).
 *
 * Hostile inputs: all of the above.  A process may exit, exec or unmap
 * while it is read: that is counted, not an error.  Needs root (ptrace
 * access) for other users' memory; without it mem_err says why.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
#include "mine_parse.h"
#include "proc_parse.h"
#include "../core/sort.h"

#define CHUNK (1u << 20)

struct cand {
	struct proc *p;
	int score;
	unsigned reasons;
};

static bool
sock_owned_by(const struct sock *k, pid_t pid)
{
	for (uint32_t i = 0; i < k->nowners && i < RM_OWNERS_MAX; i++)
		if (k->owners[i] == pid)
			return true;
	return false;
}

static unsigned
triage(const struct snapshot *s, struct proc *p,
       const struct minescan_set *set, int *score)
{
	unsigned r = 0;

	*score = 0;
	if (p->flags & PF_KTHREAD_FLAG && p->exe_kind == EXE_NONE)
		return 0;
	if (p->cpu_pct >= 25) {
		r |= DEEP_CPU;
		*score += p->cpu_pct >= 80 ? 3 : 2;
	}
	for (size_t i = 0; i < s->nsocks; i++) {
		const struct sock *k = &s->socks[i];

		if (k->proto != IPPROTO_TCP || k->state != 1 /* ESTABLISHED */ ||
		    !sock_owned_by(k, p->pid))
			continue;
		if (s->ioc && ioc_pool_port(s->ioc, k->rport)) {
			r |= DEEP_POOL_PORT;
			*score += 3;
		}
		if (hostparse_pool_name(&s->host, s->ioc, k->family,
		    k->raddr)) {
			r |= DEEP_POOL_NAME;
			*score += 4;
		}
	}
	if (p->cmdline && set) {
		struct minescan m;

		minescan_init(&m, set);
		minescan_feed(&m, p->cmdline, strlen(p->cmdline), false);
		for (uint32_t i = 0; i < p->nenv; i++)
			minescan_feed(&m, p->env[i].value,
			    strlen(p->env[i].value), false);
		if (m.strong || m.stratum || m.url[0]) {
			r |= DEEP_CMDLINE;
			*score += 4;
		} else if (m.weak) {
			r |= DEEP_CMDLINE;
			*score += 1;
		}
	}
	if (p->comm && (strcmp(p->comm, "monerod") == 0 ||
	    strcmp(p->comm, "p2pool") == 0)) {
		r |= DEEP_CMDLINE;  /* a node: look up its package */
		*score += 2;
	}
	if (p->msr_fds) {
		r |= DEEP_MSR;
		*score += 4;
	}
	if (p->hugetlb_kb >= 256 * 1024) {
		r |= DEEP_HUGETLB;
		*score += 2;
	}
	if (p->exe_kind == EXE_DELETED || p->exe_kind == EXE_MEMFD) {
		r |= DEEP_ODD_EXE;
		*score += 1;
	}
	return r;
}

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->p->pid < y->p->pid ? -1 : x->p->pid > y->p->pid;
}

/* Copy a minescan's results into the facts (arena strings). */
static void
keep_hits(struct snapshot *s, struct str_hits *h, const struct minescan *m)
{
	h->strong = m->strong;
	h->weak = m->weak;
	h->nkeep = m->nkeep < RM_HITS_KEEP ? m->nkeep : RM_HITS_KEEP;
	for (uint32_t i = 0; i < h->nkeep; i++)
		h->keep[i] = arena_strdup(&s->arena, m->keep[i]);
}

static const char *
adup(struct snapshot *s, const char *v)
{
	return v && v[0] ? arena_strdup(&s->arena, v) : NULL;
}

/* ---- memory ---------------------------------------------------------------- */

static int
cmp_region(const void *a, const void *b)
{
	const struct maps_region *x = a, *y = b;
	uint64_t sx = x->end - x->start, sy = y->end - y->start;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return sx < sy ? -1 : sx > sy;  /* then the smaller regions */
}

/*
 * Feed fd's bytes from off to end through m, in chunks that overlap by
 * MINESCAN_OVERLAP so nothing is missed at a boundary; at most *left
 * bytes.  Returns the bytes read.
 */
static uint64_t
scan_range(int fd, uint64_t off, uint64_t end, uint64_t *left, char *buf,
	   struct minescan *m)
{
	uint64_t total = 0;
	size_t carry = 0;
	bool more = false;

	while (off < end && *left > 0) {
		size_t want = CHUNK;
		ssize_t got;

		if (want > end - off)
			want = (size_t)(end - off);
		if (want > *left)
			want = (size_t)*left;
		got = pread(fd, buf + carry, want, (off_t)off);
		if (got <= 0)
			break;  /* unmapped meanwhile, exited, or EOF */
		total += (uint64_t)got;
		*left -= (uint64_t)got;
		off += (uint64_t)got;
		more = off < end && *left > 0;
		minescan_feed(m, buf, carry + (size_t)got, more);
		if (carry + (size_t)got > MINESCAN_OVERLAP) {
			memmove(buf, buf + carry + (size_t)got -
			    MINESCAN_OVERLAP, MINESCAN_OVERLAP);
			carry = MINESCAN_OVERLAP;
		} else {
			carry += (size_t)got;
		}
	}
	if (more)  /* the read stopped early: finish what the tail holds */
		minescan_feed(m, buf, carry, false);
	return total;
}

static void
read_memory(int dfd, struct proc_deep *d, uint64_t cap, uint64_t *budget,
	    char *buf, struct minescan *m)
{
	static char maps[1 << 20];
	static struct maps_region reg[4096];
	uint64_t left = cap < *budget ? cap : *budget;
	size_t n, nreg;
	int fd, r;

	r = io_read_at(dfd, "maps", maps, sizeof(maps), &n, NULL);
	if (r != RM_OK) {
		d->mem_err = r == RM_ENOENT ? RM_EGONE : r;
		return;
	}
	nreg = procparse_maps(maps, n, RM_MEM_REGION_SKIP, reg,
	    sizeof(reg) / sizeof(reg[0]));
	xqsort(reg, nreg, sizeof(reg[0]), cmp_region);
	fd = openat(dfd, "mem", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		d->mem_err = rm_from_errno(errno);
		return;
	}
	d->mem_err = RM_OK;
	for (size_t i = 0; i < nreg && left > 0; i++)
		d->mem_bytes += scan_range(fd, reg[i].start, reg[i].end, &left,
		    buf, m);
	if (left == 0)
		d->mem_truncated = true;
	*budget -= d->mem_bytes < *budget ? d->mem_bytes : *budget;
	close(fd);
}

/* ---- the executable ----------------------------------------------------- */

/* Executable scans, keyed by the image's device and inode (fstat of the
 * opened /proc/PID/exe): a parallel build runs dozens of the same
 * compiler, scanned once; a chroot or container with the same path but
 * another file is scanned on its own. */
struct exe_cache {
	uint64_t dev[RM_DEEP_MAX], ino[RM_DEEP_MAX];
	const struct proc_deep *d[RM_DEEP_MAX];
	size_t n;
};


static void
read_exe(struct snapshot *s, int dfd, struct proc_deep *d, char *buf,
	 const struct minescan_set *set, struct exe_cache *cache)
{
	static const char *const upx_marks[] = {
		"$Info: This file is packed with the UPX", "$Id: UPX ",
	};
	uint64_t left = RM_EXE_SCAN_MAX;
	struct minescan m;
	struct stat st;
	bool mark = false, magic = false;
	char head[8192];
	ssize_t hn;
	int fd = openat(dfd, "exe", O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		d->exe_err = rm_from_errno(errno);
		return;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		d->exe_err = RM_EPARSE;
		close(fd);
		return;
	}
	for (size_t i = 0; i < cache->n; i++)
		if (cache->dev[i] == (uint64_t)st.st_dev &&
		    cache->ino[i] == (uint64_t)st.st_ino) {
			const struct proc_deep *o = cache->d[i];

			d->exe_err = o->exe_err;
			d->exe_bytes = o->exe_bytes;
			d->exe_truncated = o->exe_truncated;
			d->exe_hits = o->exe_hits;
			d->upx = o->upx;
			d->upx_magic_altered = o->upx_magic_altered;
			d->exe_signature_table = o->exe_signature_table;
			close(fd);
			return;
		}
	/* UPX leaves "UPX!" in its loader header and an $Info/$Id notice;
	 * Perfctl's packer alters the magic but keeps the rest. */
	hn = pread(fd, head, sizeof(head), 0);
	if (hn > 0) {
		for (size_t i = 0; i < 2; i++)
			if (memmem(head, (size_t)hn, upx_marks[i],
			    strlen(upx_marks[i])))
				mark = true;
		magic = memmem(head, (size_t)hn, "UPX!", 4) != NULL;
	}
	minescan_init(&m, set);
	d->exe_bytes = scan_range(fd, 0, (uint64_t)st.st_size, &left, buf, &m);
	/* A miner names itself; an executable that names three miner
	 * programs is a catalogue of them (rookmelder, anything embedding
	 * its lists, a YARA or antivirus build, a signature scanner), and
	 * its strings are data, not code.  Its other signals still count. */
	if (m.names >= RM_EXE_NAMES_TABLE) {
		d->exe_signature_table = true;
		m.strong = m.weak = m.nkeep = 0;
	}
	d->exe_truncated = (uint64_t)st.st_size > d->exe_bytes;
	d->upx = mark || magic;
	d->upx_magic_altered = mark && !magic;
	keep_hits(s, &d->exe_hits, &m);
	d->exe_err = RM_OK;
	if (cache->n < RM_DEEP_MAX) {
		cache->dev[cache->n] = (uint64_t)st.st_dev;
		cache->ino[cache->n] = (uint64_t)st.st_ino;
		cache->d[cache->n++] = d;
	}
	close(fd);
}

/* ---- config files ------------------------------------------------------ */

/* Is this JSON a miner's config?  "pools":[{"url":...}] or donate-level. */
static bool
config_file(struct snapshot *s, int fd, const char *name, struct proc_deep *d,
	    const struct minescan_set *set)
{
	struct minescan m;
	struct stat st;
	char *buf;
	ssize_t n;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    st.st_size > RM_CONFIG_MAX)
		return false;
	buf = xmalloc((size_t)st.st_size);
	n = pread(fd, buf, (size_t)st.st_size, 0);
	if (n <= 0) {
		free(buf);
		return false;
	}
	minescan_init(&m, set);
	minescan_feed(&m, buf, (size_t)n, false);
	free(buf);
	if (!m.url[0] && !m.strong)
		return false;
	{
		bool pools = false, donate = false;

		for (uint32_t i = 0; i < m.nkeep; i++) {
			if (strcmp(m.keep[i], "\"pools\":[") == 0)
				pools = true;
			if (strcmp(m.keep[i], "\"donate-level\"") == 0)
				donate = true;
		}
		if (!(pools && m.url[0]) && !donate)
			return false;
		d->config_path = arena_strdup(&s->arena, name);
		d->config_pool = adup(s, m.url);
		d->config_user = adup(s, m.user);
		d->config_donate = donate;
	}
	return true;
}

struct cfgdir {
	struct snapshot *s;
	struct proc_deep *d;
	const struct minescan_set *set;
	int dfd;
	const char *dir;
	int looked;
};

static int
cfg_entry(const char *name, unsigned char type, void *arg)
{
	struct cfgdir *c = arg;
	size_t l = strlen(name);
	char path[4096];
	int fd;

	(void)type;
	if (l < 6 || strcmp(name + l - 5, ".json") != 0)
		return 0;
	if (++c->looked > RM_CONFIG_FILES)
		return 1;
	fd = openat(c->dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (fd < 0)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	if (config_file(c->s, fd, path, c->d, c->set)) {
		close(fd);
		return 1;
	}
	close(fd);
	return 0;
}

/* Look for a miner config in dirfd (named dir for the report). */
static void
config_dir(struct snapshot *s, int dirfd, const char *dir,
	   struct proc_deep *d, const struct minescan_set *set)
{
	struct cfgdir c = { s, d, set, dirfd, dir, 0 };

	if (dirfd < 0 || d->config_path != NULL)
		return;
	/* XMRig's default name first, so decoy *.json files cannot use up
	 * the per-directory cap before it */
	cfg_entry("config.json", 0, &c);
	c.looked = 0;
	if (d->config_path == NULL)
		io_list_dir(dirfd, cfg_entry, &c);
}

/* The -c/--config FILE of argv, if any, into out. */
static bool
argv_config(const char *cmdline, char *out, size_t outlen)
{
	const char *p = cmdline, *prev = NULL;
	size_t prevlen = 0;

	while (p && *p) {
		const char *t;
		size_t n;

		while (*p == ' ')
			p++;
		t = p;
		while (*p && *p != ' ')
			p++;
		n = (size_t)(p - t);
		if (n == 0)
			break;
		if (prev && ((prevlen == 2 && memcmp(prev, "-c", 2) == 0) ||
		    (prevlen == 8 && memcmp(prev, "--config", 8) == 0)) &&
		    n < outlen) {
			memcpy(out, t, n);
			out[n] = '\0';
			return true;
		}
		if (n > 9 && memcmp(t, "--config=", 9) == 0 && n - 9 < outlen) {
			memcpy(out, t + 9, n - 9);
			out[n - 9] = '\0';
			return true;
		}
		prev = t;
		prevlen = n;
	}
	return false;
}

static void
find_config(struct snapshot *s, int dfd, const struct proc *p,
	    struct proc_deep *d, const struct minescan_set *set)
{
	char cfg[1024], dir[4096];
	int prfd, cwdfd, fd;

	prfd = openat(dfd, "root", O_PATH | O_DIRECTORY | O_CLOEXEC);
	cwdfd = openat(dfd, "cwd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* -c FILE: relative to its cwd, or absolute inside its root */
	if (p->cmdline && argv_config(p->cmdline, cfg, sizeof(cfg))) {
		fd = cfg[0] == '/' ? (prfd >= 0 ? root_open(prfd, cfg,
		    O_RDONLY | O_NONBLOCK) : -1) : (cwdfd >= 0 ?
		    openat(cwdfd, cfg, O_RDONLY | O_NONBLOCK | O_NOFOLLOW |
		    O_CLOEXEC) : -1);
		if (fd >= 0) {
			config_file(s, fd, cfg, d, set);
			close(fd);
		}
	}
	/* the binary's directory (it may outlive a deleted binary) */
	if (d->config_path == NULL && p->exe && p->exe[0] == '/' &&
	    prfd >= 0) {
		const char *slash;

		snprintf(dir, sizeof(dir), "%s", p->exe);
		slash = strrchr(dir, '/');
		if (slash && slash > dir) {
			dir[slash - dir] = '\0';
			fd = root_open(prfd, dir, O_RDONLY | O_DIRECTORY);
			if (fd >= 0) {
				config_dir(s, fd, dir, d, set);
				close(fd);
			}
		}
	}
	if (d->config_path == NULL && cwdfd >= 0)
		config_dir(s, cwdfd, p->cwd ? p->cwd : "(cwd)", d, set);
	if (prfd >= 0)
		close(prfd);
	if (cwdfd >= 0)
		close(cwdfd);
}

/* ---- package ownership ----------------------------------------------------- */

/* True if text (a dpkg .list or .md5sums) has a line equal to line. */
static bool
has_line(const char *text, const char *line)
{
	size_t l = strlen(line);

	for (const char *p = text; (p = strstr(p, line)) != NULL; p += l)
		if ((p == text || p[-1] == '\n') &&
		    (p[l] == '\n' || p[l] == '\0'))
			return true;
	return false;
}

/*
 * Debian packages that ship cryptocurrency software.  The running image
 * must be a path the package lists *and* match the MD5 dpkg recorded for
 * it: a root intruder can write a .list file, and a forged md5sums line
 * as well, but no longer for a binary it merely renamed.  The lookup is
 * made in the process's own root (a container's dpkg database is its
 * own); exefd is the open running image.
 */
static const char *
crypto_package(int prfd, const char *exe, int exefd)
{
	static const char *const pkgs[] = {
		"monero", "xmrig", "p2pool", "cpuminer", NULL,
	};
	char md5[33] = "";

	for (int i = 0; pkgs[i]; i++) {
		char path[128], want[4200];
		struct buf b;
		bool listed;

		snprintf(path, sizeof(path), "var/lib/dpkg/info/%s.list",
		    pkgs[i]);
		buf_init(&b, 1u << 20);
		listed = root_read_file(prfd, path, &b, NULL, NULL) == RM_OK &&
		    b.data && has_line(b.data, exe);
		buf_free(&b);
		if (!listed)
			continue;
		if (md5[0] == '\0' && hash_md5_fd(exefd, 1u << 30, md5) !=
		    RM_OK)
			return NULL;
		snprintf(path, sizeof(path), "var/lib/dpkg/info/%s.md5sums",
		    pkgs[i]);
		snprintf(want, sizeof(want), "%s  %s", md5, exe + 1);
		buf_init(&b, 1u << 20);
		listed = root_read_file(prfd, path, &b, NULL, NULL) == RM_OK &&
		    b.data && has_line(b.data, want);
		buf_free(&b);
		if (listed)
			return pkgs[i];
	}
	return NULL;
}

/* ---- putting it together ------------------------------------------------ */

static void
inspect(struct snapshot *s, int procfd, struct proc *p, unsigned reasons,
	const struct minescan_set *set, uint64_t *budget, char *buf,
	bool memory, struct exe_cache *cache)
{
	struct proc_deep *d = arena_alloc(&s->arena, sizeof(*d));
	struct minescan mm, mc;
	char name[16], pool[MINESCAN_VAL], user[MINESCAN_VAL];
	size_t al;
	int dfd;

	p->deep = d;
	d->reasons = reasons;
	d->mem_err = RM_ENOTSUP;
	/* argv and the kept environment: cheap, and always */
	minescan_init(&mc, set);
	if (p->cmdline)
		minescan_feed(&mc, p->cmdline, strlen(p->cmdline), false);
	for (uint32_t i = 0; i < p->nenv; i++)
		minescan_feed(&mc, p->env[i].value, strlen(p->env[i].value),
		    false);
	keep_hits(s, &d->cmd_hits, &mc);
	mine_parse_argv(p->cmdline ? p->cmdline : "", pool, sizeof(pool),
	    user, sizeof(user));
	d->cmd_pool = adup(s, pool[0] ? pool : mc.url);
	if (user[0] && mine_is_wallet(user, strlen(user), &al)) {
		d->wallet = arena_strndup(&s->arena, user, al);
		d->cmd_wallet = true;
	}

	snprintf(name, sizeof(name), "%d", (int)p->pid);
	dfd = openat(procfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (dfd < 0) {
		d->mem_err = d->exe_err = RM_EGONE;
		return;
	}
	/* the same process?  A reused pid is another process. */
	{
		struct stat_fields sf;
		char sb[RM_STAT_MAX];

		if (proc_read_stat(dfd, &sf, sb, sizeof(sb)) != RM_OK ||
		    sf.start_ticks != p->start_ticks) {
			close(dfd);
			d->mem_err = d->exe_err = RM_EGONE;
			return;
		}
	}
	minescan_init(&mm, set);
	/* CPU alone is a weak reason (compilers burn CPU too): look at less
	 * of such a process's memory */
	if (memory)
		read_memory(dfd, d, reasons == DEEP_CPU ? RM_MEM_CPU_ONLY :
		    RM_MEM_PROC_MAX, budget, buf, &mm);
	minescan_finish(&mm);
	d->stratum = mm.stratum;
	keep_hits(s, &d->mem_hits, &mm);
	d->agent = adup(s, mm.agent);
	d->login = adup(s, mm.login[0] ? mm.login : mm.auth);
	d->pool_url = adup(s, mm.url);
	d->algo = adup(s, mm.algo);
	if (d->wallet == NULL && d->login &&
	    mine_is_wallet(d->login, strlen(d->login), &al))
		d->wallet = arena_strndup(&s->arena, d->login, al);

	read_exe(s, dfd, d, buf, set, cache);
	if (p->exe_kind == EXE_FILE && p->exe && p->exe[0] == '/') {
		int prfd = openat(dfd, "root", O_PATH | O_DIRECTORY | O_CLOEXEC);
		int exefd = openat(dfd, "exe", O_RDONLY | O_CLOEXEC);

		if (prfd >= 0 && exefd >= 0)
			d->exe_package = crypto_package(prfd, p->exe, exefd);
		if (prfd >= 0)
			close(prfd);
		if (exefd >= 0)
			close(exefd);
	}
	find_config(s, dfd, p, d, set);
	if (d->wallet == NULL && d->config_user &&
	    mine_is_wallet(d->config_user, strlen(d->config_user), &al))
		d->wallet = arena_strndup(&s->arena, d->config_user, al);
	close(dfd);
}

int
deep_collect(struct snapshot *s, int procfd, bool memory)
{
	struct minescan_set set;
	struct cand *c;
	size_t nc = 0, inspected = 0;
	uint64_t budget = RM_MEM_SCAN_MAX;
	uint32_t denied = 0;
	struct exe_cache cache = { .n = 0 };
	char *buf;

	if (s->ioc == NULL || minescan_set_init(&set, s->ioc) != RM_OK)
		return RM_EPARSE;
	c = xreallocarray(NULL, s->nprocs ? s->nprocs : 1, sizeof(*c));
	for (size_t i = 0; i < s->nprocs; i++) {
		int score;
		unsigned r = triage(s, &s->procs[i], &set, &score);

		/* one weak signal alone (a busy compiler, an odd binary) is
		 * not worth reading memory for */
		if (r && score >= 2) {
			c[nc].p = &s->procs[i];
			c[nc].score = score;
			c[nc].reasons = r;
			nc++;
		}
	}
	xqsort(c, nc, sizeof(*c), cmp_cand);
	buf = xmalloc(CHUNK + MINESCAN_OVERLAP);
	for (size_t i = 0; i < nc && inspected < RM_DEEP_MAX; i++, inspected++) {
		inspect(s, procfd, c[i].p, c[i].reasons, &set, &budget, buf,
		    memory, &cache);
		if (c[i].p->deep && c[i].p->deep->mem_err == RM_EPERM)
			denied++;
	}
	if (nc > RM_DEEP_MAX)
		snapshot_skip(s, "mining: deep inspection", "%zu candidate "
		    "processes; only the %d most suspicious were inspected",
		    nc, RM_DEEP_MAX);
	if (budget == 0)
		snapshot_skip(s, "mining: process memory", "the per-scan "
		    "budget of %u MiB was used up", RM_MEM_SCAN_MAX >> 20);
	if (denied)
		snapshot_skip(s, "mining: process memory", "%u candidate "
		    "process(es) could not be read (%s)", denied,
		    geteuid() ? "needs root" : "denied even to root");
	if (!memory && nc)
		snapshot_skip(s, "mining: process memory", "--no-memory: "
		    "process memory was not read");
	free(buf);
	free(c);
	minescan_set_free(&set);
	return RM_OK;
}
