/*
 * yara_scan.c - the YARA pass: walkers queue open files and processes, a
 * few worker threads read and scan them, matches become yara_hit facts.
 *
 * Threads: the caller's thread walks and queues (jobs own an fd); each
 * worker owns a YR_SCANNER, a read buffer and a memory buffer.  Hits and
 * notes are filed under one mutex (matches are rare, so it is not
 * contended); the snapshot is otherwise only read by the workers.
 *
 * Hostile inputs: every file and directory (a FIFO or device planted
 * where a file was, a file that grows, shrinks or vanishes, a sparse file
 * of terabytes, a million entries), and process memory (unmapped while
 * read, unreadable).  None of them stops the pass; each is counted.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yara.h>

#include "../core/err.h"
#include "../core/hash.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "../core/sort.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "proc_parse.h"
#include "yara_scan.h"

#define QCAP 256
#define HEAD 4096
#define NOTES_MAX 32               /* per-file notes (timeouts, errors) */

struct job {
	int fd;                    /* a file; -1 for memory */
	char *path;
	uint8_t target;
	pid_t pid;
	uint32_t nprocs;
	uint64_t start_ticks;      /* memory: the process's, re-checked */
	int procfd;
};

/* matches of one target while it is scanned (worker-local, malloc) */
struct wmatch {
	const YR_RULE *rule;
	struct yara_str str[RM_YARA_STRINGS];
	uint32_t nstr, nstr_dropped;
};

struct worker {
	struct yscan *y;
	pthread_t t;
	YR_SCANNER *sc;
	char *buf;
	size_t bufcap;
	char *mem;                 /* RM_YARA_MEM_BLOCK */
	struct wmatch m[RM_YARA_MATCHES];
	uint32_t nm, nm_dropped;
	bool too_many;
	/* statistics, summed at the end */
	uint64_t files, bytes, procs, mem_bytes;
	uint64_t skipped_size, skipped_type, skipped_other, timeouts;
};

struct yscan {
	struct snapshot *s;
	const struct yara_ruleset *rs;
	struct yara_scan_opts o;
	uint64_t t0, deadline;     /* ns; deadline 0: none */
	bool stopped;              /* the budget ran out */

	pthread_mutex_t mu;
	pthread_cond_t notempty, notfull;
	struct job q[QCAP];
	size_t qhead, qlen;
	bool done;

	struct worker *w;
	unsigned nw;
	uint32_t notes;

	/* (dev, ino) of everything queued, so a file is scanned once */
	uint64_t *seen;
	size_t seen_cap, seen_n;
	/* the walk in progress */
	uint64_t tree_files, tree_bytes;
	dev_t tree_dev;
	const char *tree;
	bool tree_capped;
	uint64_t walk_skipped_size; /* the walker's own count */
	/* account names by uid for the `owner` external, sorted by uid
	 * (a passwd of 400,000 lines must not make each file cost a scan
	 * of it) */
	struct uidname { uint32_t uid; const char *name; } *owners;
	size_t nowners;
	uint64_t queued, last_progress; /* --progress */
	bool shown;
	const char *home;          /* a home being walked (yscan_tree
				    * top_only), for home_skip() */
	size_t homelen;
};

/* ---- seen set ---------------------------------------------------------- */

static uint64_t
mix(uint64_t dev, uint64_t ino)
{
	uint64_t h = (dev * 0x9e3779b97f4a7c15ull) ^ ino;

	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ull;
	return (h ^ (h >> 29)) | 1;  /* never 0: 0 is an empty slot */
}

/* (dev, ino) was recorded */
static bool
seen_has(const struct yscan *y, uint64_t dev, uint64_t ino)
{
	uint64_t h = mix(dev, ino);

	if (!y->seen_cap)
		return false;
	for (size_t i = h & (y->seen_cap - 1); y->seen[i];
	    i = (i + 1) & (y->seen_cap - 1))
		if (y->seen[i] == h)
			return true;
	return false;
}

/* true if (dev, ino) was not seen before (and is now) */
static bool
seen_add(struct yscan *y, uint64_t dev, uint64_t ino)
{
	uint64_t h = mix(dev, ino);
	size_t i;

	if (y->seen_n * 2 >= y->seen_cap) {
		size_t oc = y->seen_cap;
		uint64_t *old = y->seen;

		y->seen_cap = oc ? oc * 2 : 4096;
		y->seen = xcalloc(y->seen_cap, sizeof(*y->seen));
		y->seen_n = 0;
		for (size_t k = 0; k < oc; k++)
			if (old[k]) {
				for (i = old[k] & (y->seen_cap - 1); y->seen[i];
				    i = (i + 1) & (y->seen_cap - 1))
					;
				y->seen[i] = old[k];
				y->seen_n++;
			}
		free(old);
	}
	for (i = h & (y->seen_cap - 1); y->seen[i];
	    i = (i + 1) & (y->seen_cap - 1))
		if (y->seen[i] == h)
			return false;
	y->seen[i] = h;
	y->seen_n++;
	return true;
}

/* ---- notes ------------------------------------------------------------- */

static void
wnote(struct yscan *y, const char *what, const char *path, const char *why)
{
	char check[512];

	pthread_mutex_lock(&y->mu);
	if (y->notes < NOTES_MAX) {
		y->notes++;
		snprintf(check, sizeof(check), "yara: %s %s", what, path);
		snapshot_skip(y->s, check, "%s", why);
	}
	pthread_mutex_unlock(&y->mu);
}

/* snapshot_skip() while workers may be filing notes and hits too */
void
yskip(struct yscan *y, const char *check, const char *fmt, ...)
{
	char reason[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&y->mu);
	snapshot_skip(y->s, check, "%s", reason);
	pthread_mutex_unlock(&y->mu);
}

/* ---- filing a hit ----------------------------------------------------- */

static const char *
adupn(struct snapshot *s, const char *p, size_t cap)
{
	size_t n = strnlen(p, cap);

	return arena_strndup(&s->arena, p, n);
}

static void
file_match(struct snapshot *s, struct yara_match *out, const struct wmatch *w,
	   const struct yara_ruleset *rs)
{
	const YR_RULE *r = w->rule;
	const char *tag;
	YR_META *meta;
	uint32_t n = 0;

	(void)rs;
	out->rule = adupn(s, r->identifier, 256);
	out->ns = adupn(s, r->ns->name, 512);
	out->builtin = strcmp(r->ns->name, YARA_BUILTIN_NS) == 0;
	yr_rule_tags_foreach(r, tag)
		n++;
	if (n > RM_YARA_TAGS)
		n = RM_YARA_TAGS;
	out->tags = arena_alloc(&s->arena, (n ? n : 1) * sizeof(char *));
	yr_rule_tags_foreach(r, tag) {
		if (out->ntags >= n)
			break;
		out->tags[out->ntags++] = adupn(s, tag, 128);
	}
	n = 0;
	yr_rule_metas_foreach(r, meta)
		n++;
	if (n > RM_YARA_META)
		n = RM_YARA_META;
	out->meta = arena_alloc(&s->arena, (n ? n : 1) * sizeof(*out->meta));
	yr_rule_metas_foreach(r, meta) {
		struct yara_kv *kv;

		if (out->nmeta >= n)
			break;
		kv = &out->meta[out->nmeta++];
		kv->key = adupn(s, meta->identifier, 128);
		if (meta->type == META_TYPE_INTEGER) {
			kv->type = 1;
			kv->i = meta->integer;
		} else if (meta->type == META_TYPE_BOOLEAN) {
			kv->type = 2;
			kv->i = meta->integer != 0;
		} else {
			kv->type = 0;
			kv->s = adupn(s, meta->string ? meta->string : "",
			    RM_YARA_META_STR);
		}
	}
	out->str = arena_alloc(&s->arena, (w->nstr ? w->nstr : 1) *
	    sizeof(*out->str));
	for (uint32_t i = 0; i < w->nstr; i++) {
		out->str[i] = w->str[i];
		out->str[i].id = adupn(s, w->str[i].id, 128);
	}
	out->nstr = w->nstr;
	out->nstr_dropped = w->nstr_dropped;
}

static void
file_hit(struct worker *w, const struct job *j, const struct stat *st,
	 uint64_t scanned, bool truncated, const char *data)
{
	struct yscan *y = w->y;
	struct snapshot *s = y->s;
	struct yara_hit *h;
	char hex[65] = "";

	/* hashed before the lock: tens of MiB take a while, and the other
	 * workers and the walker wait for this mutex */
	if (data && !truncated) {
		uint8_t d[32];

		hash_sha256_mem(data, (size_t)scanned, d);
		for (int i = 0; i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", d[i]);
	}
	pthread_mutex_lock(&y->mu);
	if (s->nyara_hits >= RM_YARA_HITS_MAX) {
		pthread_mutex_unlock(&y->mu);
		wnote(y, "hits", "", "more matching files than the cap: the "
		    "rest were not kept");
		return;
	}
	if (s->nyara_hits == s->yara_hits_alloc) {
		s->yara_hits_alloc = s->yara_hits_alloc ?
		    s->yara_hits_alloc * 2 : 16;
		s->yara_hits = xreallocarray(s->yara_hits, s->yara_hits_alloc,
		    sizeof(*s->yara_hits));
	}
	h = &s->yara_hits[s->nyara_hits++];
	memset(h, 0, sizeof(*h));
	h->target = j->target;
	h->path = arena_strdup(&s->arena, j->path ? j->path : "");
	h->pid = j->pid;
	h->nprocs = j->nprocs;
	h->scanned = scanned;
	h->truncated = truncated;
	if (st) {
		h->size = (uint64_t)st->st_size;
		h->uid = st->st_uid;
		h->mode = st->st_mode & 07777;
		h->mtime = (int64_t)st->st_mtime;
	} else {
		h->size = scanned;
	}
	if (hex[0])
		h->sha256 = arena_strdup(&s->arena, hex);
	h->m = arena_alloc(&s->arena, w->nm * sizeof(*h->m));
	for (uint32_t i = 0; i < w->nm; i++)
		file_match(s, &h->m[i], &w->m[i], y->rs);
	h->nm = w->nm;
	h->nm_dropped = w->nm_dropped;
	pthread_mutex_unlock(&y->mu);
}

/* ---- libyara callback --------------------------------------------------- */

static int
scan_cb(YR_SCAN_CONTEXT *ctx, int msg, void *data, void *arg)
{
	struct worker *w = arg;
	const YR_RULE *rule = data;
	const YR_STRING *str;
	struct wmatch *wm;

	if (msg == CALLBACK_MSG_TOO_MANY_MATCHES) {
		w->too_many = true;
		return CALLBACK_CONTINUE;
	}
	if (msg != CALLBACK_MSG_RULE_MATCHING)
		return CALLBACK_CONTINUE;
	if (w->nm >= RM_YARA_MATCHES) {
		w->nm_dropped++;
		return CALLBACK_CONTINUE;
	}
	wm = &w->m[w->nm++];
	wm->rule = rule;
	wm->nstr = wm->nstr_dropped = 0;
	yr_rule_strings_foreach(rule, str) {
		YR_MATCHES list;
		const char *mp;

		/* libyara's match records are not always aligned for their
		 * type (its allocator packs them): read them by copy, as
		 * yr_string_matches_foreach() would by pointer */
		memcpy(&list, &ctx->matches[str->idx], sizeof(list));
		for (mp = (const char *)list.head; mp != NULL; ) {
			YR_MATCH m;

			memcpy(&m, mp, sizeof(m));
			mp = (const char *)m.next;
			if (m.is_private)
				continue;
			if (wm->nstr >= RM_YARA_STRINGS) {
				wm->nstr_dropped++;
				continue;
			}
			wm->str[wm->nstr].id = str->identifier;
			wm->str[wm->nstr].off = (uint64_t)(m.base + m.offset);
			wm->str[wm->nstr].len = (uint32_t)m.match_length;
			wm->nstr++;
		}
	}
	return CALLBACK_CONTINUE;
}

/* ---- files ------------------------------------------------------------- */

/* Formats no rule of ours is about and that are costly to scan: archives
 * and compressed data, media, fonts, databases. */
static bool
skip_format(const unsigned char *p, size_t n)
{
	static const struct { const char *m; size_t n; } t[] = {
		{ "\x1f\x8b", 2 },                  /* gzip */
		{ "\xfd" "7zXZ\0", 6 },             /* xz */
		{ "\x28\xb5\x2f\xfd", 4 },          /* zstd */
		{ "BZh", 3 },                       /* bzip2 */
		{ "7z\xbc\xaf\x27\x1c", 6 },        /* 7-zip */
		{ "\x89PNG\r\n\x1a\n", 8 },
		{ "\xff\xd8\xff", 3 },              /* JPEG */
		{ "GIF8", 4 },
		{ "RIFF", 4 },                      /* WebP, WAV, AVI */
		{ "wOFF", 4 }, { "wOF2", 4 },       /* web fonts */
		{ "OTTO", 4 }, { "\0\1\0\0\0", 5 }, /* fonts */
		{ "SQLite format 3", 16 },
		{ "%PDF-", 5 },
		{ "\x04\x22\x4d\x18", 4 },          /* lz4 */
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (n >= t[i].n && memcmp(p, t[i].m, t[i].n) == 0)
			return true;
	return false;
}

static void
set_externals(struct worker *w, const char *path, const struct stat *st,
	      const char *head, size_t n)
{
	const char *base = strrchr(path, '/');
	const char *dot;
	char dir[4096], ext[64], owner[64] = "";
	size_t dl;

	base = base ? base + 1 : path;
	dl = (size_t)(base - path);
	if (dl > 1)
		dl--;  /* "/tmp/x" -> "/tmp" */
	if (dl >= sizeof(dir))
		dl = sizeof(dir) - 1;
	memcpy(dir, path, dl);
	dir[dl] = '\0';
	dot = strrchr(base, '.');
	ext[0] = '\0';
	if (dot && dot != base && strlen(dot) < sizeof(ext))
		for (size_t i = 0; ; i++) {
			char c = dot[i];

			ext[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			if (!c)
				break;
		}
	if (st) {
		size_t lo = 0, hi = w->y->nowners;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (w->y->owners[mid].uid < st->st_uid)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < w->y->nowners && w->y->owners[lo].uid == st->st_uid)
			snprintf(owner, sizeof(owner), "%s",
			    w->y->owners[lo].name);
	}
	yr_scanner_define_string_variable(w->sc, "filename", base);
	yr_scanner_define_string_variable(w->sc, "filepath", dir);
	yr_scanner_define_string_variable(w->sc, "extension", ext);
	yr_scanner_define_string_variable(w->sc, "filetype",
	    n >= 4 && memcmp(head, "\x7f" "ELF", 4) == 0 ? "ELF" :
	    n >= 2 && head[0] == '#' && head[1] == '!' ? "SCRIPT" : "");
	yr_scanner_define_string_variable(w->sc, "owner", owner);
}

static bool
grow(struct worker *w, size_t need)
{
	size_t c = w->bufcap ? w->bufcap : 65536;

	if (need <= w->bufcap)
		return true;
	while (c < need)
		c *= 2;
	free(w->buf);
	w->buf = malloc(c);
	w->bufcap = w->buf ? c : 0;
	return w->buf != NULL;
}

static void
scan_file(struct worker *w, struct job *j)
{
	struct yscan *y = w->y;
	uint64_t cap = y->o.max_size;
	struct stat st;
	size_t n = 0, want;
	bool truncated = false;
	int e;

	if (fstat(j->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		w->skipped_other++;
		return;
	}
	if ((uint64_t)st.st_size > cap) {
		w->skipped_size++;
		return;
	}
	want = (size_t)st.st_size + 1;  /* one more: did it grow? */
	if (want < HEAD)
		want = HEAD;
	if (want > cap + 1)
		want = (size_t)cap + 1;
	if (!grow(w, want)) {
		w->skipped_other++;
		return;
	}
	while (n < want) {
		size_t ask = want - n;
		ssize_t r;

		/* the head alone first when formats are skipped: a skipped
		 * archive is then not read to its end */
		if (!y->o.all_files && j->target == YT_FILE && n < HEAD &&
		    ask > HEAD - n)
			ask = HEAD - n;
		r = read(j->fd, w->buf + n, ask);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;  /* EOF (it shrank), or an I/O error */
		n += (size_t)r;
		if (n >= HEAD && n - (size_t)r < HEAD && !y->o.all_files &&
		    j->target == YT_FILE &&
		    skip_format((unsigned char *)w->buf, n)) {
			w->skipped_type++;
			return;
		}
	}
	if (n > cap) {  /* it grew past the cap while we read */
		n = (size_t)cap;
		truncated = true;
	}
	if (!y->o.all_files && j->target == YT_FILE && n < HEAD &&
	    skip_format((unsigned char *)w->buf, n)) {
		w->skipped_type++;
		return;
	}
	set_externals(w, j->path, &st, w->buf, n);
	w->nm = w->nm_dropped = 0;
	w->too_many = false;
	e = yr_scanner_scan_mem(w->sc, (const uint8_t *)w->buf, n);
	w->files++;
	w->bytes += n;
	if (e == ERROR_SCAN_TIMEOUT) {
		char why[160];

		w->timeouts++;
		snprintf(why, sizeof(why), "the rules took more than %d s on "
		    "this file: it was not scanned to the end (a slow rule?)",
		    y->o.timeout);
		wnote(y, "timeout", j->path, why);
	} else if (e != ERROR_SUCCESS && e != ERROR_TOO_MANY_MATCHES) {
		char why[64];

		snprintf(why, sizeof(why), "libyara error %d", e);
		wnote(y, "error", j->path, why);
	}
	if (w->nm)
		file_hit(w, j, &st, n, truncated, w->buf);
}

/* ---- process memory ----------------------------------------------------- */

struct memit {
	struct worker *w;
	int memfd;
	struct maps_region *reg;
	size_t nreg, i;
	uint64_t pos;              /* next address in reg[i] */
	uint64_t left;             /* bytes still allowed */
	uint64_t total;
	YR_MEMORY_BLOCK block;
};

static const uint8_t *
mem_fetch(YR_MEMORY_BLOCK *b)
{
	struct memit *it = b->context;
	ssize_t r = pread(it->memfd, it->w->mem, b->size, (off_t)b->base);

	if (r <= 0)
		return NULL;  /* unmapped meanwhile: skipped */
	if ((size_t)r < b->size)
		memset(it->w->mem + r, 0, b->size - (size_t)r);
	it->total += (uint64_t)r;
	return (const uint8_t *)it->w->mem;
}

static YR_MEMORY_BLOCK *
mem_next(YR_MEMORY_BLOCK_ITERATOR *iter)
{
	struct memit *it = iter->context;

	iter->last_error = ERROR_SUCCESS;
	while (it->i < it->nreg && it->left > 0) {
		const struct maps_region *r = &it->reg[it->i];
		uint64_t n;

		if (it->pos < r->start)
			it->pos = r->start;
		if (it->pos >= r->end) {
			it->i++;
			continue;
		}
		n = r->end - it->pos;
		if (n > RM_YARA_MEM_BLOCK)
			n = RM_YARA_MEM_BLOCK;
		if (n > it->left)
			n = it->left;
		it->block.base = it->pos;
		it->block.size = (size_t)n;
		it->block.context = it;
		it->block.fetch_data = mem_fetch;
		it->pos += n;
		it->left -= n;
		return &it->block;
	}
	return NULL;
}

static YR_MEMORY_BLOCK *
mem_first(YR_MEMORY_BLOCK_ITERATOR *iter)
{
	struct memit *it = iter->context;

	/* libyara may walk the blocks more than once (modules, filesize):
	 * the bytes read are counted across walks, not reset here */
	it->i = 0;
	it->pos = 0;
	it->left = RM_YARA_MEM_PROC;
	return mem_next(iter);
}

static void
scan_memory(struct worker *w, struct job *j)
{
	static const size_t maps_cap = 1u << 20;
	struct yscan *y = w->y;
	struct stat_fields sf;
	char sb[RM_STAT_MAX], name[32], *maps;
	struct maps_region *reg;
	struct memit it = { .w = w };
	YR_MEMORY_BLOCK_ITERATOR iter = { 0 };
	size_t n;
	int dfd, e;

	snprintf(name, sizeof(name), "%d", (int)j->pid);
	dfd = openat(j->procfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;  /* gone */
	if (proc_read_stat(dfd, &sf, sb, sizeof(sb)) != RM_OK ||
	    sf.start_ticks != j->start_ticks) {
		close(dfd);
		return;  /* gone, or the pid was reused */
	}
	maps = xmalloc(maps_cap);
	reg = xcalloc(4096, sizeof(*reg));
	if ((e = io_read_at(dfd, "maps", maps, maps_cap, &n, NULL)) != RM_OK) {
		if (e != RM_EGONE && e != RM_ENOENT)
			wnote(y, "memory of pid", name, e == RM_EPERM ?
			    "its memory map cannot be read (not permitted: "
			    "run as root)" : "its memory map cannot be read");
		close(dfd);
		free(maps);
		free(reg);
		return;
	}
	it.nreg = procparse_maps(maps, n, RM_MEM_REGION_SKIP, reg, 4096);
	it.reg = reg;
	free(maps);
	it.memfd = openat(dfd, "mem", O_RDONLY | O_CLOEXEC);
	close(dfd);
	if (it.memfd < 0) {
		char why[160];

		snprintf(why, sizeof(why), "its memory cannot be read: %s",
		    strerror(errno));
		wnote(y, "memory of pid", name, why);
		free(reg);
		return;
	}
	if (!w->mem)
		w->mem = xmalloc(RM_YARA_MEM_BLOCK);
	iter.context = &it;
	iter.first = mem_first;
	iter.next = mem_next;
	iter.file_size = NULL;
	set_externals(w, j->path ? j->path : "", NULL, "", 0);
	w->nm = w->nm_dropped = 0;
	e = yr_scanner_scan_mem_blocks(w->sc, &iter);
	close(it.memfd);
	free(reg);
	w->procs++;
	w->mem_bytes += it.total;
	if (e == ERROR_SCAN_TIMEOUT) {
		w->timeouts++;
		wnote(y, "timeout: memory of pid", name, "the rules took too "
		    "long on this process's memory: not scanned to the end");
	}
	if (w->nm)
		file_hit(w, j, NULL, it.total, it.left == 0, NULL);
}

/* ---- workers and queue --------------------------------------------------- */

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct yscan *y = w->y;

	for (;;) {
		struct job j;

		pthread_mutex_lock(&y->mu);
		while (y->qlen == 0 && !y->done)
			pthread_cond_wait(&y->notempty, &y->mu);
		if (y->qlen == 0) {
			pthread_mutex_unlock(&y->mu);
			break;
		}
		j = y->q[y->qhead];
		y->qhead = (y->qhead + 1) % QCAP;
		y->qlen--;
		pthread_cond_signal(&y->notfull);
		pthread_mutex_unlock(&y->mu);

		if (j.target == YT_MEMORY)
			scan_memory(w, &j);
		else
			scan_file(w, &j);
		if (j.fd >= 0)
			close(j.fd);
		free(j.path);
	}
	return NULL;
}

static void
push(struct yscan *y, const struct job *j)
{
	pthread_mutex_lock(&y->mu);
	while (y->qlen == QCAP)
		pthread_cond_wait(&y->notfull, &y->mu);
	y->q[(y->qhead + y->qlen) % QCAP] = *j;
	y->qlen++;
	pthread_cond_signal(&y->notempty);
	pthread_mutex_unlock(&y->mu);
}

/* On a terminal one line redrawn in place; elsewhere plain lines, at
 * most one a second, after the first second. */
static void
progress(struct yscan *y, bool done)
{
	bool tty;
	uint64_t now;

	if (!y->o.progress)
		return;
	tty = isatty(STDERR_FILENO);
	if (done) {
		if (y->shown && tty)
			fputs("\r\033[K", stderr);
		fflush(stderr);
		return;
	}
	now = io_now_ns();
	if (now - y->t0 < 1000000000u || now - y->last_progress < 1000000000u)
		return;
	y->last_progress = now;
	y->shown = true;
	fprintf(stderr, "%srookmelder: YARA: %llu files queued, in %s%s",
	    tty ? "\r\033[K" : "", (unsigned long long)y->queued,
	    y->tree ? y->tree : "processes", tty ? "" : "\n");
	fflush(stderr);
}

static bool
out_of_time(struct yscan *y)
{
	if (!y->stopped && y->deadline && io_now_ns() > y->deadline) {
		y->stopped = true;
		yskip(y, "yara: time budget", "the YARA pass "
		    "queued nothing more after %llu ms: files not yet reached "
		    "were not scanned",
		    (unsigned long long)y->o.budget_ms);
	}
	return y->stopped;
}

static int
cmp_owner(const void *a, const void *b)
{
	const struct uidname *x = a, *y = b;

	return x->uid < y->uid ? -1 : x->uid > y->uid;
}

struct yscan *
yscan_start(struct snapshot *s, const struct yara_ruleset *rs,
	    const struct yara_scan_opts *o)
{
	struct yscan *y;
	long ncpu;

	if (!rs->rules || rs->nrules == 0)
		return NULL;
	y = xcalloc(1, sizeof(*y));
	y->s = s;
	y->rs = rs;
	y->o = *o;
	if (!y->o.max_size)
		y->o.max_size = RM_YARA_SIZE_MAX;
	if (y->o.timeout <= 0)
		y->o.timeout = RM_YARA_TIMEOUT;
	y->nw = y->o.threads;
	if (!y->nw) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		y->nw = ncpu < 1 ? 1 : ncpu > RM_YARA_THREADS ?
		    RM_YARA_THREADS : (unsigned)ncpu;
	}
	y->owners = xcalloc(s->naccounts ? s->naccounts : 1,
	    sizeof(*y->owners));
	for (size_t i = 0; i < s->naccounts; i++)
		if (s->accounts[i].uid_valid && s->accounts[i].name)
			y->owners[y->nowners++] = (struct uidname){
			    s->accounts[i].uid, s->accounts[i].name };
	xqsort(y->owners, y->nowners, sizeof(*y->owners), cmp_owner);
	y->t0 = io_now_ns();
	if (y->o.budget_ms)
		y->deadline = y->t0 + y->o.budget_ms * 1000000u;
	pthread_mutex_init(&y->mu, NULL);
	pthread_cond_init(&y->notempty, NULL);
	pthread_cond_init(&y->notfull, NULL);
	y->w = xcalloc(y->nw, sizeof(*y->w));
	for (unsigned i = 0; i < y->nw; i++) {
		struct worker *w = &y->w[i];

		w->y = y;
		if (yr_scanner_create(rs->rules, &w->sc) != ERROR_SUCCESS) {
			y->nw = i;
			break;
		}
		yr_scanner_set_callback(w->sc, scan_cb, w);
		yr_scanner_set_timeout(w->sc, y->o.timeout);
		if (pthread_create(&w->t, NULL, worker_main, w) != 0) {
			yr_scanner_destroy(w->sc);
			y->nw = i;
			break;
		}
	}
	if (y->nw == 0) {
		snapshot_skip(s, "yara", "no scanner thread could be started");
		free(y->owners);
		free(y->w);
		free(y);
		return NULL;
	}
	/* never scan ourselves: the binary and the compiled-rules cache
	 * carry the rules' strings */
	{
		struct stat st;
		char dir[4096];

		if (stat("/proc/self/exe", &st) == 0)
			seen_add(y, st.st_dev, st.st_ino);
		if (yara_cache_dir(dir, sizeof(dir)) && stat(dir, &st) == 0)
			seen_add(y, st.st_dev, st.st_ino);
	}
	return y;
}

void
yscan_fd(struct yscan *y, int fd, const char *path, uint8_t target,
	 pid_t pid, uint32_t nprocs)
{
	struct job j = { .fd = fd, .path = xstrdup(path), .target = target,
	    .pid = pid, .nprocs = nprocs, .procfd = -1 };

	y->queued++;
	progress(y, false);
	push(y, &j);
}

/* ---- walking ------------------------------------------------------------ */

struct ent {
	char *name;
	unsigned char type;
};

struct ents {
	struct ent *v;
	size_t n, cap;
	bool capped;
};

static int
ent_cb(const char *name, unsigned char type, void *arg)
{
	struct ents *e = arg;

	if (e->n >= RM_YARA_DIR_MAX) {
		e->capped = true;
		return 1;
	}
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 64;
		e->v = xreallocarray(e->v, e->cap, sizeof(*e->v));
	}
	e->v[e->n].name = xstrdup(name);
	e->v[e->n].type = type;
	e->n++;
	return 0;
}

static int
cmp_ent(const void *a, const void *b)
{
	return strcmp(((const struct ent *)a)->name,
	    ((const struct ent *)b)->name);
}

static bool
tree_full(struct yscan *y)
{
	if ((y->o.walk_files && y->tree_files >= y->o.walk_files) ||
	    (y->o.walk_bytes && y->tree_bytes >= y->o.walk_bytes)) {
		if (!y->tree_capped) {
			char check[600];

			y->tree_capped = true;
			snprintf(check, sizeof(check), "yara: %s", y->tree);
			yskip(y, check, "the tree holds more than "
			    "%llu files or %llu MiB to scan: the rest was not "
			    "scanned", (unsigned long long)y->o.walk_files,
			    (unsigned long long)(y->o.walk_bytes >> 20));
		}
		return true;
	}
	return false;
}

/* Queue the file name in dfd if it is a regular file to scan. */
static void
queue_file(struct yscan *y, int dfd, const char *name, const char *path)
{
	struct stat st;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return;  /* vanished, a link (ELOOP), or not readable */
	/* directories, executables and hard-linked files are recorded; a
	 * file with one link can only be met again through a directory
	 * already recorded, so it is only looked up (the set stays small
	 * in a tree of millions of files) */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    seen_has(y, st.st_dev, st.st_ino) ||
	    (st.st_nlink > 1 && !seen_add(y, st.st_dev, st.st_ino))) {
		close(fd);
		return;
	}
	if ((uint64_t)st.st_size > y->o.max_size) {
		close(fd);
		y->walk_skipped_size++;
		return;
	}
	if (st.st_size == 0) {
		close(fd);
		return;
	}
	y->tree_files++;
	y->tree_bytes += (uint64_t)st.st_size;
	yscan_fd(y, fd, path, YT_FILE, 0, 0);
}

/*
 * Under a home, bulky trees of package managers and toolchains that a
 * host scan does not walk (gigabytes of libraries on a developer's box):
 * a program that runs from one is still scanned as a running executable.
 * Paths relative to the home.
 */
static bool
home_skip(const char *rel)
{
	static const char *const t[] = {
		".rustup", ".pyenv", ".nvm", ".npm/_cacache", ".cargo/registry",
		".cargo/git", ".gradle", ".m2", ".cache/pip", ".cache/go-build",
		".cache/mozilla", ".cache/chromium", ".cache/google-chrome",
		".cache/JetBrains", ".cache/yarn", ".vscode-server",
		".local/share/Trash", ".local/lib", ".git", ".conda",
		".sdkman", ".android", ".cache/bazel",
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(rel, t[i]) == 0)
			return true;
	return false;
}

static bool
excluded(const struct yscan *y, const char *p)
{
	for (size_t i = 0; i < y->o.nexclude; i++) {
		const char *x = y->o.exclude[i];
		size_t n = strlen(x);

		while (n > 1 && x[n - 1] == '/')
			n--;
		if (strncmp(p, x, n) == 0 && (p[n] == '\0' || p[n] == '/'))
			return true;
	}
	return false;
}

static void
walk(struct yscan *y, int dfd, const char *path, unsigned depth,
     bool top_only)
{
	struct ents e = { 0 };
	struct stat st;

	if (fstat(dfd, &st) != 0 || (!y->o.cross_fs && st.st_dev !=
	    y->tree_dev) || !seen_add(y, st.st_dev, st.st_ino)) {
		close(dfd);
		return;
	}
	io_list_dir(dfd, ent_cb, &e);
	xqsort(e.v, e.n, sizeof(*e.v), cmp_ent);
	if (e.capped) {
		char check[600];

		snprintf(check, sizeof(check), "yara: directory %s", path);
		yskip(y, check, "more than %u entries: the rest "
		    "were not scanned", (unsigned)RM_YARA_DIR_MAX);
	}
	/* the files first, then the directories below */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < e.n; i++) {
			const struct ent *x = &e.v[i];
			bool dir = x->type == DT_DIR;
			char *p;

			if (out_of_time(y) || tree_full(y))
				break;
			if (x->type == DT_LNK || x->type == DT_FIFO ||
			    x->type == DT_CHR || x->type == DT_BLK ||
			    x->type == DT_SOCK)
				continue;
			if (x->type == DT_UNKNOWN) {
				struct stat es;

				if (fstatat(dfd, x->name, &es,
				    AT_SYMLINK_NOFOLLOW) != 0)
					continue;
				dir = S_ISDIR(es.st_mode);
				if (!dir && !S_ISREG(es.st_mode))
					continue;
			}
			if (dir != (pass == 1))
				continue;
			p = strcmp(path, "/") == 0 ? xasprintf("/%s", x->name) :
			    xasprintf("%s/%s", path, x->name);
			if (excluded(y, p)) {
				free(p);
				continue;
			}
			if (!dir) {
				queue_file(y, dfd, x->name, p);
			} else if (depth < RM_YARA_DEPTH &&
			    (!top_only || x->name[0] == '.') &&
			    !(y->home && strncmp(p, y->home, y->homelen) ==
			    0 && p[y->homelen] == '/' &&
			    home_skip(p + y->homelen + 1))) {
				int fd = openat(dfd, x->name, O_RDONLY |
				    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

				if (fd >= 0)
					walk(y, fd, p, depth + 1, false);
			}
			free(p);
		}
	for (size_t i = 0; i < e.n; i++)
		free(e.v[i].name);
	free(e.v);
	close(dfd);
}

int
yscan_tree(struct yscan *y, const char *path, bool top_only)
{
	struct stat st;
	int fd;

	if (out_of_time(y) || excluded(y, path))
		return RM_OK;
	if (y->o.user_paths) {
		fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			return errno == ENOENT ? RM_ENOENT :
			    rm_from_errno(errno);
	} else {
		fd = root_open(y->s->rootfd, path, O_RDONLY | O_NOFOLLOW |
		    O_NONBLOCK);
		if (fd < 0)
			return fd;
	}
	if (fstat(fd, &st) != 0) {
		close(fd);
		return rm_from_errno(errno);
	}
	y->tree = path;
	y->tree_files = y->tree_bytes = 0;
	y->tree_capped = false;
	y->tree_dev = st.st_dev;
	if (S_ISDIR(st.st_mode)) {
		y->home = top_only ? path : NULL;
		y->homelen = top_only ? strlen(path) : 0;
		walk(y, fd, path, 0, top_only);
		y->home = NULL;
	} else if (S_ISREG(st.st_mode) && seen_add(y, st.st_dev, st.st_ino)) {
		if ((uint64_t)st.st_size > y->o.max_size) {
			y->walk_skipped_size++;
			close(fd);
		} else {
			yscan_fd(y, fd, path, YT_FILE, 0, 0);
		}
	} else {
		close(fd);
	}
	return RM_OK;
}

/* ---- processes ------------------------------------------------------------ */

struct exe {
	int fd;
	uint64_t dev, ino;
	const struct proc *p;
	uint32_t n;
};

static int
cmp_exe(const void *a, const void *b)
{
	const struct exe *x = a, *z = b;

	if (x->dev != z->dev)
		return x->dev < z->dev ? -1 : 1;
	if (x->ino != z->ino)
		return x->ino < z->ino ? -1 : 1;
	return x->p->pid < z->p->pid ? -1 : x->p->pid > z->p->pid;
}

void
yscan_executables(struct yscan *y, int procfd)
{
	const struct snapshot *s = y->s;
	struct exe *v = xcalloc(s->nprocs ? s->nprocs : 1, sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *p = &s->procs[i];
		char name[40];
		struct stat st;
		int fd;

		if ((p->exe_kind != EXE_FILE && p->exe_kind != EXE_DELETED &&
		    p->exe_kind != EXE_MEMFD) || (p->exe && excluded(y, p->exe)))
			continue;
		snprintf(name, sizeof(name), "%d/exe", (int)p->pid);
		/* the magic link reaches deleted and memfd images too */
		fd = openat(procfd, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			close(fd);
			continue;
		}
		v[n].fd = fd;
		v[n].dev = st.st_dev;
		v[n].ino = st.st_ino;
		v[n].p = p;
		n++;
	}
	xqsort(v, n, sizeof(*v), cmp_exe);
	for (size_t i = 0; i < n; ) {
		size_t k = i + 1;

		while (k < n && v[k].dev == v[i].dev && v[k].ino == v[i].ino)
			close(v[k++].fd);
		if (!out_of_time(y) && seen_add(y, v[i].dev, v[i].ino))
			yscan_fd(y, v[i].fd, v[i].p->exe ? v[i].p->exe :
			    v[i].p->comm ? v[i].p->comm : "", YT_EXE,
			    v[i].p->pid, (uint32_t)(k - i));
		else
			close(v[i].fd);
		i = k;
	}
	free(v);
}

void
yscan_memory(struct yscan *y, int procfd, const struct proc *p)
{
	struct job j = { .fd = -1, .target = YT_MEMORY, .pid = p->pid,
	    .start_ticks = p->start_ticks, .procfd = procfd,
	    .path = xstrdup(p->exe ? p->exe : p->comm ? p->comm : "") };

	if (out_of_time(y)) {
		free(j.path);
		return;
	}
	push(y, &j);
}

void
yscan_finish(struct yscan *y)
{
	struct yara_stats *st = &y->s->yara;

	progress(y, true);
	pthread_mutex_lock(&y->mu);
	y->done = true;
	pthread_cond_broadcast(&y->notempty);
	pthread_mutex_unlock(&y->mu);
	for (unsigned i = 0; i < y->nw; i++) {
		struct worker *w = &y->w[i];

		pthread_join(w->t, NULL);
		yr_scanner_destroy(w->sc);
		st->files += w->files;
		st->bytes += w->bytes;
		st->processes += w->procs;
		st->mem_bytes += w->mem_bytes;
		st->skipped_size += w->skipped_size;
		st->skipped_type += w->skipped_type;
		st->skipped_other += w->skipped_other;
		st->timeouts += w->timeouts;
		free(w->buf);
		free(w->mem);
	}
	st->skipped_size += y->walk_skipped_size;
	st->ran = true;
	st->scan_ms += (io_now_ns() - y->t0) / 1000000u;
	pthread_mutex_destroy(&y->mu);
	pthread_cond_destroy(&y->notempty);
	pthread_cond_destroy(&y->notfull);
	free(y->w);
	free(y->seen);
	free(y->owners);
	free(y);
}

/* ---- the host scan's targets ------------------------------------------------ */

static void
tree_or_skip(struct yscan *y, const char *path, bool top_only)
{
	int e = yscan_tree(y, path, top_only);

	if (e != RM_OK && e != RM_ENOENT) {
		char check[600];

		snprintf(check, sizeof(check), "yara: %s", path);
		yskip(y, check, "not scanned: %s", rm_strerror(e));
	}
}

void
yara_scan_host(struct snapshot *s, const struct yara_ruleset *rs,
	       const struct yara_scan_opts *o, int procfd,
	       const pid_t *mem_pids, size_t nmem)
{
	static const char *const fixed[] = {
		"/tmp", "/var/tmp", "/dev/shm",
		"/etc/crontab", "/etc/cron.d", "/etc/cron.hourly",
		"/etc/cron.daily", "/etc/cron.weekly", "/etc/cron.monthly",
		"/var/spool/cron", "/etc/anacrontab",
		"/etc/systemd/system", "/usr/lib/systemd/system",
		"/lib/systemd/system", "/usr/local/lib/systemd/system",
		"/etc/init.d", "/etc/rc.local", "/etc/profile.d",
		"/etc/update-motd.d", "/etc/ld.so.preload",
	};
	struct yscan *y = yscan_start(s, rs, o);
	struct ents top = { 0 };
	int fd;

	if (!y)
		return;
	if (s->live && procfd >= 0) {
		size_t k = 0;

		yscan_executables(y, procfd);
		for (size_t i = 0; i < nmem && k < RM_YARA_MEM_PROCS; i++) {
			const struct proc *p = snapshot_proc(s, mem_pids[i]);

			if (p && p->exe_kind != EXE_NONE) {
				yscan_memory(y, procfd, p);
				k++;
			}
		}
		if (nmem > RM_YARA_MEM_PROCS)
			yskip(y, "yara: memory", "%zu candidate "
			    "processes: the memory of the first %u was "
			    "scanned", nmem, (unsigned)RM_YARA_MEM_PROCS);
	}
	for (size_t i = 0; i < 3; i++)
		tree_or_skip(y, fixed[i], false);
	/* hidden directories under / */
	fd = root_open(s->rootfd, "/", O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		io_list_dir(fd, ent_cb, &top);
		close(fd);
		xqsort(top.v, top.n, sizeof(*top.v), cmp_ent);
		for (size_t i = 0; i < top.n; i++) {
			if (top.v[i].name[0] == '.' &&
			    strcmp(top.v[i].name, ".") != 0 &&
			    strcmp(top.v[i].name, "..") != 0) {
				char *p = xasprintf("/%s", top.v[i].name);

				tree_or_skip(y, p, false);
				free(p);
			}
			free(top.v[i].name);
		}
		free(top.v);
	}
	/* homes: the files at the top and the hidden directories */
	tree_or_skip(y, "/root", true);
	for (size_t i = 0; i < s->naccounts; i++) {
		const struct account *a = &s->accounts[i];

		if (a->home && strncmp(a->home, "/home/", 6) == 0 &&
		    a->home[6] && !strstr(a->home, ".."))
			tree_or_skip(y, a->home, true);
	}
	for (size_t i = 3; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		tree_or_skip(y, fixed[i], false);
	for (size_t i = 0; i < s->nweb_roots; i++)
		tree_or_skip(y, s->web_roots[i], false);
	yscan_finish(y);
}
