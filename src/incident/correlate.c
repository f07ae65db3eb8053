/*
 * correlate.c - findings into incidents: a union-find over the findings,
 * linked by what two findings share (docs/INCIDENTS.md "How findings are
 * tied"):
 *   - the same process (pid and start time);
 *   - a process and its ancestors (ppid chains through the snapshot, with a
 *     visited set and start-time order, so a cycle after pid reuse ends the
 *     walk), and siblings under an ancestor that runs from a dropped place;
 *   - the same file, or a file another finding names (a cron job or unit
 *     running /tmp/.x/miner ties to the process running it);
 *   - the same directory when it is not one many files share (/tmp/.x/a
 *     and /tmp/.x/b, never two files in /tmp, /etc/cron.d or /usr/bin);
 *   - the same non-root user of two processes; the same remote address;
 *   - time: a file finding changed within RM_INCIDENT_WINDOW of a dropped
 *     file or a miner's start joins that incident.
 * Host strings are only compared, never interpreted.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/limits.h"
#include "../core/sort.h"
#include "../core/xmalloc.h"
#include "../detect/detect_util.h"
#include "../detect/detector.h"
#include "incident.h"

#define TOKENS_PER_FINDING 64

/* ---- helpers shared with timeline.c and plan.c ---------------------------- */

static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's
 * days_from_civil), so no time zone or timegm() is involved. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool
incident_parse_time(const char *s, int64_t *out)
{
	int y, mo, d, h, mi, se;
	const char *p;

	if (s == NULL || strlen(s) < 20 || s[4] != '-' || s[7] != '-' ||
	    s[10] != 'T' || s[13] != ':' || s[16] != ':')
		return false;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	h = digits(s + 11, 2);
	mi = digits(s + 14, 2);
	se = digits(s + 17, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || se < 0 || se > 60)
		return false;
	p = s + 19;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (strcmp(p, "Z") != 0)
		return false;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	return true;
}

int64_t
incident_finding_mtime(const struct finding *f)
{
	int64_t t;

	for (size_t i = 0; i < f->nev; i++) {
		const struct evidence *e = &f->ev[i];
		size_t kl = strlen(e->key);

		if (e->type != EV_STR || kl < 8 ||
		    strcmp(e->key + kl - 8, "modified") != 0)
			continue;
		if (incident_parse_time(e->s, &t) && t > 0)
			return t;
	}
	return 0;
}

int64_t
incident_proc_start(const struct snapshot *s, uint64_t start_ticks)
{
	uint64_t hz = s->host.clk_tck;

	if (s->host.boot_time <= 0 || start_ticks == 0)
		return 0;
	if (hz == 0) {
		long v = sysconf(_SC_CLK_TCK);

		hz = v > 0 ? (uint64_t)v : 100;
	}
	return s->host.boot_time + (int64_t)(start_ticks / hz);
}

const char *
incident_category(const struct finding *f)
{
	return f->category ? f->category : f->rule->category;
}

bool
incident_is_miner(const struct finding *f)
{
	const char *t;

	if (f->severity < SEV_HIGH ||
	    strcmp(incident_category(f), CAT_MINING) != 0)
		return false;
	if (strcmp(f->rule->id, "RM-MIN-001") == 0)
		return true;
	if (f->yara == NULL)
		return false;
	t = f->yara->target;
	return t && (strcmp(t, "executable") == 0 || strcmp(t, "memory") == 0);
}

static bool
has_prefix_dir(const char *p, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(p, dir, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

static bool
has_hidden(const char *p)
{
	for (const char *c = p; (c = strchr(c, '/')) != NULL; c++)
		if (c[1] == '.' && c[2] != '\0' && c[2] != '/' &&
		    !(c[2] == '.' && (c[3] == '\0' || c[3] == '/')))
			return true;
	return false;
}

bool
incident_shared_dir(const char *d)
{
	static const char *const exact[] = {
		"/", "/tmp", "/var/tmp", "/dev/shm", "/run/shm", "/root",
		"/home", "/var", "/opt", "/srv", "/mnt", "/media", "/run",
		"/run/user", "/var/www", "/var/www/html", "/srv/www",
		"/srv/http", "/usr/share/nginx/html", "/var/lib", "/var/opt",
		"/var/backups", "/var/local", NULL,
	};
	/* system trees: every directory in them is shared, unless a
	 * dot-directory on the way makes it someone's hiding place */
	static const char *const trees[] = {
		"/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
		"/libx32", "/boot", "/proc", "/sys", "/dev", "/var/log",
		"/var/spool", "/var/lib/dpkg", "/var/lib/apt",
		"/var/lib/docker", "/var/lib/containerd", "/var/lib/kubelet",
		"/var/lib/systemd", "/var/cache", "/var/mail", "/run/systemd",
		"/snap", NULL,
	};
	/* per-home directories many programs write into */
	static const char *const home_sub[] = {
		"", "/.ssh", "/.config", "/.local", "/.local/share",
		"/.local/bin", "/.cache", "/bin", "/.aws", "/.kube",
		"/.docker", NULL,
	};
	const char *rest;

	for (int i = 0; exact[i]; i++)
		if (strcmp(d, exact[i]) == 0)
			return true;
	if (has_prefix_dir(d, "/dev/shm") || has_prefix_dir(d, "/run/shm"))
		return false;
	for (int i = 0; trees[i]; i++)
		if (has_prefix_dir(d, trees[i]))
			return !has_hidden(d);
	/* /home/NAME/..., /root/..., /run/user/UID */
	if (strncmp(d, "/home/", 6) == 0) {
		rest = strchr(d + 6, '/');
		if (rest == NULL)
			return true;
	} else if (strncmp(d, "/root", 5) == 0 && (d[5] == '/' ||
	    d[5] == '\0')) {
		rest = d + 5;
	} else if (strncmp(d, "/run/user/", 10) == 0) {
		return strchr(d + 10, '/') == NULL;
	} else {
		return false;
	}
	for (int i = 0; home_sub[i]; i++)
		if (strcmp(rest, home_sub[i]) == 0)
			return true;
	return false;
}

/* ---- union-find ------------------------------------------------------------ */

struct uf {
	uint32_t *up;
	uint32_t *size;
};

static uint32_t
uf_find(struct uf *u, uint32_t x)
{
	while (u->up[x] != x) {
		u->up[x] = u->up[u->up[x]];
		x = u->up[x];
	}
	return x;
}

static void
uf_union(struct uf *u, uint32_t a, uint32_t b)
{
	a = uf_find(u, a);
	b = uf_find(u, b);
	if (a == b)
		return;
	if (u->size[a] < u->size[b]) {
		uint32_t t = a;

		a = b;
		b = t;
	}
	u->up[b] = a;
	u->size[a] += u->size[b];
}

/* ---- a string -> finding index map (open addressing) ----------------------- */

struct smap_ent {
	uint64_t h;
	char *key;
	uint32_t val;
};

struct smap {
	struct smap_ent *v;
	size_t cap, n;
};

static uint64_t
fnv(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h ? h : 1;
}

static void smap_put_raw(struct smap *m, uint64_t h, char *key, uint32_t v);

static void
smap_grow(struct smap *m)
{
	struct smap old = *m;

	m->cap = old.cap ? old.cap * 2 : 1024;
	m->v = xcalloc(m->cap, sizeof(*m->v));
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.v[i].key)
			smap_put_raw(m, old.v[i].h, old.v[i].key, old.v[i].val);
	free(old.v);
}

static void
smap_put_raw(struct smap *m, uint64_t h, char *key, uint32_t v)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		smap_grow(m);
	for (i = h & (m->cap - 1); m->v[i].key; i = (i + 1) & (m->cap - 1))
		;
	m->v[i].h = h;
	m->v[i].key = key;
	m->v[i].val = v;
	m->n++;
}

/* The index stored under key, or -1. */
static int64_t
smap_get(const struct smap *m, const char *key)
{
	uint64_t h = fnv(key);

	if (m->cap == 0)
		return -1;
	for (size_t i = h & (m->cap - 1); m->v[i].key;
	    i = (i + 1) & (m->cap - 1))
		if (m->v[i].h == h && strcmp(m->v[i].key, key) == 0)
			return m->v[i].val;
	return -1;
}

static void
smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

struct corr {
	const struct snapshot *s;
	struct findings *fs;
	struct uf uf;
	struct smap keys;          /* link key -> first finding holding it */
	struct smap subjects;      /* "P:path" of every finding's own file */
};

/* Tie finding i to the first holder of the key (made from fmt). */
static void
link_key(struct corr *c, uint32_t i, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void
link_key(struct corr *c, uint32_t i, const char *fmt, ...)
{
	char key[1100];
	va_list ap;
	int64_t j;

	va_start(ap, fmt);
	vsnprintf(key, sizeof(key), fmt, ap);
	va_end(ap);
	if ((j = smap_get(&c->keys, key)) >= 0)
		uf_union(&c->uf, i, (uint32_t)j);
	else
		smap_put_raw(&c->keys, fnv(key), xstrdup(key), i);
}

/* Tie finding i to the one that holds key, if one does; never register
 * it (an ancestor with no finding of its own must not tie its
 * descendants to each other: every process of a session shares one). */
static void
link_existing(struct corr *c, uint32_t i, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void
link_existing(struct corr *c, uint32_t i, const char *fmt, ...)
{
	char key[1100];
	va_list ap;
	int64_t j;

	va_start(ap, fmt);
	vsnprintf(key, sizeof(key), fmt, ap);
	va_end(ap);
	if ((j = smap_get(&c->keys, key)) >= 0)
		uf_union(&c->uf, i, (uint32_t)j);
}

/* The topmost directory above path (its own directory first) that is not
 * shared: /var/tmp/.x for /var/tmp/.x/lib/a.so.  False if none. */
static bool
drop_dir(const char *path, char *out, size_t outlen)
{
	char d[1024];
	char *sl;
	bool found = false;
	size_t n = strlen(path);

	if (n >= sizeof(d))
		return false;
	memcpy(d, path, n + 1);
	while ((sl = strrchr(d, '/')) != NULL) {
		if (sl == d)
			break;
		*sl = '\0';
		if (incident_shared_dir(d))
			break;
		snprintf(out, outlen, "%s", d);
		found = true;
	}
	return found;
}

/* Paths a piece of text names: tokens starting with '/', split at spaces,
 * quotes, shell operators and '='. */
typedef void (*path_fn)(struct corr *c, uint32_t i, const char *path,
			bool subject);

static bool
path_sep(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	    ch == '"' || ch == '\'' || ch == ';' || ch == '|' || ch == '&' ||
	    ch == '>' || ch == '<' || ch == '(' || ch == ')' || ch == '`' ||
	    ch == ',' || ch == '=' || ch == '$' || ch == '{' || ch == '}';
}

static void
each_path(struct corr *c, uint32_t i, const char *text, path_fn fn,
	  int *budget)
{
	char tok[1024], norm[1024];

	if (text == NULL)
		return;
	for (const char *p = text; *p && *budget > 0;) {
		const char *st;
		size_t n;

		while (*p && path_sep(*p))
			p++;
		st = p;
		while (*p && !path_sep(*p))
			p++;
		n = (size_t)(p - st);
		if (n < 2 || st[0] != '/' || n >= sizeof(tok))
			continue;
		memcpy(tok, st, n);
		tok[n] = '\0';
		while (n > 1 && strchr(".:", tok[n - 1]))
			tok[--n] = '\0';
		path_normalize(tok, norm, sizeof(norm));
		if (strcmp(norm, "/") == 0 || has_prefix_dir(norm, "/proc") ||
		    strncmp(norm, "/memfd:", 7) == 0 ||
		    has_prefix_dir(norm, "/sys") || (has_prefix_dir(norm,
		    "/dev") && !has_prefix_dir(norm, "/dev/shm")))
			continue;
		(*budget)--;
		fn(c, i, norm, false);
	}
}

static void
exe_path(const char *exe, char *out, size_t outlen)
{
	static const char del[] = " (deleted)";
	size_t n = strlen(exe), dl = sizeof(del) - 1;

	if (n > dl && strcmp(exe + n - dl, del) == 0)
		n -= dl;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, exe, n);
	out[n] = '\0';
}

/* Pass 1: every finding's own file is a subject others may name. */
static void
reg_subject(struct corr *c, uint32_t i, const char *path, bool subject)
{
	char key[1100];

	(void)subject;
	snprintf(key, sizeof(key), "P:%s", path);
	if (smap_get(&c->subjects, key) < 0)
		smap_put_raw(&c->subjects, fnv(key), xstrdup(key), i);
}

/* Pass 2: a path a finding is about or names. */
static void
use_path(struct corr *c, uint32_t i, const char *path, bool subject)
{
	char key[1100], dd[1024];
	bool dropped = drop_dir(path, dd, sizeof(dd));
	int64_t j;

	snprintf(key, sizeof(key), "P:%s", path);
	if (subject || dropped)
		link_key(c, i, "%s", key);
	else if ((j = smap_get(&c->subjects, key)) >= 0)
		uf_union(&c->uf, i, (uint32_t)j);
	if (dropped)
		link_key(c, i, "D:%s", dd);
}

static void
finding_paths(struct corr *c, uint32_t i, path_fn fn)
{
	const struct finding *f = c->fs->v[i];
	char norm[1024], exe[1024];
	int budget = TOKENS_PER_FINDING;

	/* "/memfd:NAME (deleted)" names no file: two memfd programs share
	 * nothing but the name their loader gave */
	if (f->file_path && f->file_path[0] == '/' &&
	    strncmp(f->file_path, "/memfd:", 7) != 0) {
		path_normalize(f->file_path, norm, sizeof(norm));
		fn(c, i, norm, true);
	}
	if (fn == reg_subject)
		return;
	if (f->has_process && f->process.executable &&
	    f->process.executable[0] == '/' &&
	    strncmp(f->process.executable, "/memfd:", 7) != 0) {
		exe_path(f->process.executable, exe, sizeof(exe));
		path_normalize(exe, norm, sizeof(norm));
		fn(c, i, norm, false);
	}
	if (f->has_process)
		each_path(c, i, f->process.command_line, fn, &budget);
	for (size_t k = 0; k < f->nev; k++) {
		const struct evidence *e = &f->ev[k];

		if (e->type == EV_STR)
			each_path(c, i, e->s, fn, &budget);
		else if (e->type == EV_STRLIST)
			for (size_t l = 0; l < e->nlist; l++)
				each_path(c, i, e->list[l], fn, &budget);
	}
	each_path(c, i, f->message, fn, &budget);
}

/* An ancestor that ties its descendants together by itself: it runs from
 * a dropped place (not a shared directory), or from a deleted file or
 * memory. */
static bool
ancestor_ties(const struct proc *p)
{
	char exe[1024], dd[1024];

	if (p->exe_kind != EXE_FILE && p->exe_kind != EXE_NONE)
		return true;
	if (p->exe == NULL || p->exe[0] != '/')
		return false;
	exe_path(p->exe, exe, sizeof(exe));
	return drop_dir(exe, dd, sizeof(dd));
}

static void
link_ancestry(struct corr *c, uint32_t i)
{
	const struct finding *f = c->fs->v[i];
	const struct proc *p = snapshot_proc(c->s, f->process.pid);
	pid_t seen[RM_ANCESTRY_MAX];
	size_t nseen = 0;
	uint64_t child_start = f->process.start_ticks;

	if (p == NULL || (f->process.start_ticks &&
	    p->start_ticks != f->process.start_ticks))
		return;
	seen[nseen++] = p->pid;
	while (nseen < RM_ANCESTRY_MAX && p->ppid > 1) {
		const struct proc *pp = snapshot_proc(c->s, p->ppid);
		bool loop = false;

		if (pp == NULL)
			break;
		for (size_t k = 0; k < nseen; k++)
			if (seen[k] == pp->pid)
				loop = true;
		/* a parent starts before its child; one that did not is a
		 * reused pid, and a pid seen already is a cycle */
		if (loop || (child_start && pp->start_ticks > child_start))
			break;
		seen[nseen++] = pp->pid;
		/* the near ancestors only: far up, every process of a login
		 * session shares its shells and launchers */
		if (nseen > RM_ANCESTRY_TIE + 1)
			break;
		link_existing(c, i, "p:%d", (int)pp->pid);
		if (ancestor_ties(pp))
			link_key(c, i, "A:%d", (int)pp->pid);
		child_start = pp->start_ticks;
		p = pp;
	}
}

/* A finding that ties to nothing: one the allow-list lowered (evidence
 * allowed_by: an administrator said it is theirs), and one at info, which
 * says what is there, not that it is wrong (a packaged monero node beside
 * a miner the same person started is still not the miner's). */
static bool
allowed(const struct finding *f)
{
	return f->severity <= SEV_INFO ||
	    finding_ev_get(f, "allowed_by") != NULL;
}

static void
link_structure(struct corr *c)
{
	size_t n = c->fs->n;

	for (uint32_t i = 0; i < n; i++)
		if (!allowed(c->fs->v[i]))
			finding_paths(c, i, reg_subject);
	/* processes first, so "p:PID" is the process's own finding */
	for (uint32_t i = 0; i < n; i++) {
		const struct finding *f = c->fs->v[i];

		if (!f->has_process || f->process.pid <= 0 || allowed(f))
			continue;
		link_key(c, i, "p:%d", (int)f->process.pid);
	}
	for (uint32_t i = 0; i < n; i++) {
		const struct finding *f = c->fs->v[i];

		if (allowed(f))
			continue;
		finding_paths(c, i, use_path);
		if (f->has_process && f->process.pid > 0)
			link_ancestry(c, i);
		if (f->has_process && f->process.has_uid &&
		    f->process.uid != 0 && f->severity >= SEV_LOW)
			link_key(c, i, "U:%u", f->process.uid);
		/* a remote endpoint; loopback is every local service's */
		if (f->dest_ip && f->dest_ip[0] && strcmp(f->dest_ip,
		    "0.0.0.0") != 0 && strcmp(f->dest_ip, "::") != 0 &&
		    strcmp(f->dest_ip, "::1") != 0 &&
		    strncmp(f->dest_ip, "127.", 4) != 0)
			link_key(c, i, "E:%s", f->dest_ip);
	}
}

/* ---- time ------------------------------------------------------------------ */

struct anchor {
	int64_t t;
	uint32_t root;
};

static int
cmp_anchor(const void *a, const void *b)
{
	const struct anchor *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->root < y->root ? -1 : x->root > y->root;
}

/* A file in a dropped place: its own directory is not shared. */
static bool
dropped_file(const struct finding *f)
{
	char norm[1024], dd[1024];

	if (f->file_path == NULL || f->file_path[0] != '/')
		return false;
	path_normalize(f->file_path, norm, sizeof(norm));
	return drop_dir(norm, dd, sizeof(dd));
}

static void
link_time(struct corr *c, bool *cand)
{
	size_t n = c->fs->n, na = 0;
	struct anchor *a = xcalloc(n ? n : 1, sizeof(*a));

	for (uint32_t i = 0; i < n; i++) {
		const struct finding *f = c->fs->v[i];
		uint32_t r = uf_find(&c->uf, i);
		int64_t t = 0;

		if (!cand[r])
			continue;
		if (incident_is_miner(f) && f->has_process)
			t = incident_proc_start(c->s, f->process.start_ticks);
		else if (dropped_file(f))
			t = incident_finding_mtime(f);
		if (t > 0) {
			a[na].t = t;
			a[na++].root = r;
		}
	}
	if (na > 1)
		xqsort(a, na, sizeof(*a), cmp_anchor);
	for (uint32_t i = 0; i < n && na; i++) {
		const struct finding *f = c->fs->v[i];
		const char *cat = incident_category(f);
		int64_t t, best = INT64_MAX;
		size_t lo = 0, hi = na;
		uint32_t pick = 0;

		if (cand[uf_find(&c->uf, i)] || f->severity < SEV_LOW ||
		    allowed(f) ||
		    f->file_path == NULL || dropped_file(f) ||
		    !(strcmp(cat, CAT_PERSISTENCE) == 0 ||
		    strcmp(cat, CAT_EVASION) == 0 ||
		    strcmp(cat, CAT_ROOTKIT) == 0 ||
		    strcmp(cat, CAT_CREDENTIAL_THEFT) == 0))
			continue;
		if ((t = incident_finding_mtime(f)) <= 0)
			continue;
		while (lo < hi) {           /* first anchor >= t - window */
			size_t mid = (lo + hi) / 2;

			if (a[mid].t < t - RM_INCIDENT_WINDOW)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t k = lo; k < na && a[k].t <= t + RM_INCIDENT_WINDOW;
		    k++) {
			int64_t d = a[k].t > t ? a[k].t - t : t - a[k].t;

			if (d < best) {
				best = d;
				pick = a[k].root;
			}
		}
		if (best != INT64_MAX) {
			uf_union(&c->uf, i, pick);
			cand[uf_find(&c->uf, i)] = true;  /* the root may move */
			finding_ev_int(c->fs->v[i], "incident_time_link_s", best);
		}
	}
	free(a);
}

/* ---- forming incidents ------------------------------------------------------ */

static int
stage_rank(const char *cat)
{
	static const char *const order[] = {
		CAT_EXPOSURE, CAT_INITIAL_ACCESS, CAT_MINING, CAT_EVASION,
		CAT_PERSISTENCE, CAT_CREDENTIAL_THEFT, CAT_LATERAL_MOVEMENT,
		CAT_ACCESS_RESALE, CAT_ABUSE, CAT_DATA_THEFT, CAT_ROOTKIT,
		CAT_RANSOMWARE_PREP, NULL,
	};

	for (int i = 0; order[i]; i++)
		if (strcmp(cat, order[i]) == 0)
			return i;
	return 0;
}

static bool
root_level(const struct finding *f)
{
	const struct evidence *e;
	const char *cat = incident_category(f);

	if (f->severity < SEV_HIGH)
		return false;
	if (strcmp(cat, CAT_ROOTKIT) == 0)
		return true;
	if (f->has_process && f->process.has_uid && f->process.uid == 0 &&
	    strcmp(cat, CAT_EXPOSURE) != 0)
		return true;
	if (strcmp(cat, CAT_PERSISTENCE) != 0)
		return false;
	if (((e = finding_ev_get(f, "user")) || (e = finding_ev_get(f,
	    "account"))) && e->type == EV_STR && strcmp(e->s, "root") == 0)
		return true;
	return f->file_path && (has_prefix_dir(f->file_path, "/etc") ||
	    has_prefix_dir(f->file_path, "/root") ||
	    has_prefix_dir(f->file_path, "/usr") ||
	    has_prefix_dir(f->file_path, "/lib"));
}

struct comp {
	uint32_t root;
	uint32_t first;            /* smallest finding index (fs order) */
	uint32_t n;
	enum severity worst;
	bool miner, rootlvl;
};

static int
cmp_comp(const void *a, const void *b)
{
	const struct comp *x = a, *y = b;

	if (x->worst != y->worst)
		return x->worst > y->worst ? -1 : 1;
	if (x->miner != y->miner)
		return x->miner ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

const char *
incident_of(const struct finding *f)
{
	const struct evidence *e = finding_ev_get(f, "incident");

	return e && e->type == EV_STR ? e->s : NULL;
}

static bool
cred_inventory(const struct finding *f)
{
	return strcmp(f->rule->id, "RM-CRED-001") == 0;
}

void
incidents_build(struct incidents *out, const struct snapshot *s,
		struct findings *fs, const struct incident_opts *o)
{
	struct corr c = { .s = s, .fs = fs };
	struct incident_opts dflt = { 0 };
	size_t n, ncomp = 0, nstats = 0;
	struct comp *comp;
	uint32_t *slot;
	bool *cand;

	memset(out, 0, sizeof(*out));
	if (o == NULL)
		o = &dflt;
	findings_settle(fs);
	n = fs->n;
	if (n == 0 || n > UINT32_MAX / 2)
		return;
	c.uf.up = xcalloc(n, sizeof(*c.uf.up));
	c.uf.size = xcalloc(n, sizeof(*c.uf.size));
	for (uint32_t i = 0; i < n; i++) {
		c.uf.up[i] = i;
		c.uf.size[i] = 1;
	}
	link_structure(&c);

	/* candidates: a confirmed miner, or 2+ findings with one high+ */
	cand = xcalloc(n, sizeof(*cand));
	{
		bool *high = xcalloc(n, sizeof(*high));

		for (uint32_t i = 0; i < n; i++) {
			uint32_t r = uf_find(&c.uf, i);

			if (incident_is_miner(fs->v[i]))
				cand[r] = true;
			if (fs->v[i]->severity >= SEV_HIGH)
				high[r] = true;
		}
		for (uint32_t i = 0; i < n; i++)
			if (c.uf.up[i] == i && high[i] && c.uf.size[i] > 1)
				cand[i] = true;
		free(high);
	}
	link_time(&c, cand);

	/* the components, after the time links */
	slot = xcalloc(n, sizeof(*slot));
	comp = xcalloc(n, sizeof(*comp));
	for (uint32_t i = 0; i < n; i++) {
		uint32_t r = uf_find(&c.uf, i);
		const struct finding *f = fs->v[i];
		struct comp *k;

		if (slot[r] == 0) {
			slot[r] = (uint32_t)++ncomp;
			comp[ncomp - 1].root = r;
			comp[ncomp - 1].first = i;
		}
		k = &comp[slot[r] - 1];
		k->n++;
		if (f->severity > k->worst)
			k->worst = f->severity;
		k->miner |= incident_is_miner(f);
		k->rootlvl |= root_level(f);
	}
	/* the credential inventory at medium or above (readable by others)
	 * belongs to the first miner or root-level component: what the
	 * intruder could take */
	{
		uint32_t host = UINT32_MAX;
		enum severity best = SEV_INFO;

		for (size_t k = 0; k < ncomp; k++)
			if ((comp[k].miner || (comp[k].rootlvl &&
			    (comp[k].n > 1))) && (host == UINT32_MAX ||
			    comp[k].worst > best)) {
				host = (uint32_t)k;
				best = comp[k].worst;
			}
		for (uint32_t i = 0; i < n && host != UINT32_MAX; i++) {
			uint32_t r = uf_find(&c.uf, i);
			struct comp *k = &comp[slot[r] - 1];

			if (!cred_inventory(fs->v[i]) || k->n != 1 ||
			    fs->v[i]->severity < SEV_MEDIUM)
				continue;
			k->n = 0;           /* absorbed */
			uf_union(&c.uf, i, comp[host].root);
			slot[uf_find(&c.uf, i)] = host + 1;
			slot[comp[host].root] = host + 1;
			comp[host].n++;
		}
	}
	/* keep the incidents, ordered */
	{
		size_t keep = 0;
		struct comp *v = xcalloc(ncomp ? ncomp : 1, sizeof(*v));
		uint32_t *inc_of = xcalloc(ncomp ? ncomp : 1, sizeof(*inc_of));

		for (size_t k = 0; k < ncomp; k++) {
			comp[k].root = (uint32_t)k;  /* now: the slot */
			if (comp[k].miner || (comp[k].n > 1 &&
			    comp[k].worst >= SEV_HIGH))
				v[keep++] = comp[k];
		}
		if (keep > 1)
			xqsort(v, keep, sizeof(*v), cmp_comp);
		if (keep > RM_INCIDENTS_MAX) {
			out->dropped = keep - RM_INCIDENTS_MAX;
			keep = RM_INCIDENTS_MAX;
		}
		out->v = xcalloc(keep ? keep : 1, sizeof(*out->v));
		out->n = keep;
		for (size_t k = 0; k < keep; k++) {
			struct incident *inc = &out->v[k];

			inc_of[v[k].root] = (uint32_t)k + 1;
			snprintf(inc->id, sizeof(inc->id), "I-%03u", (unsigned)(k + 1) % 1000u);
			inc->miner = v[k].miner;
			inc->root_level = v[k].rootlvl;
			inc->f = xcalloc(v[k].n < RM_INCIDENT_FINDINGS_MAX ?
			    v[k].n : RM_INCIDENT_FINDINGS_MAX,
			    sizeof(*inc->f));
		}
		for (uint32_t i = 0; i < n; i++) {
			uint32_t sl = slot[uf_find(&c.uf, i)];
			struct incident *inc;

			if (sl == 0 || inc_of[sl - 1] == 0)
				continue;
			inc = &out->v[inc_of[sl - 1] - 1];
			finding_ev_str(fs->v[i], "incident", inc->id);
			if (inc->nf < RM_INCIDENT_FINDINGS_MAX)
				inc->f[inc->nf++] = fs->v[i];
			else
				inc->nf_dropped++;
		}
		free(inc_of);
		free(v);
	}
	/* severity, stage; a confirmed miner raises the rest to high */
	for (size_t k = 0; k < out->n; k++) {
		struct incident *inc = &out->v[k];
		bool later = false, worst_stage = false;
		int rank = -1;

		for (size_t m = 0; m < inc->nf; m++) {
			struct finding *f = inc->f[m];

			if (inc->miner && f->severity < SEV_HIGH) {
				finding_ev_str(f, "raised_by_incident", inc->id);
				finding_ev_str(f, "raised_from",
				    severity_name(f->severity));
				f->severity = SEV_HIGH;
			}
		}
		for (size_t m = 0; m < inc->nf; m++) {
			const struct finding *f = inc->f[m];
			const char *cat = incident_category(f);
			int r = stage_rank(cat);

			if (f->severity > inc->severity)
				inc->severity = f->severity;
			if (f->severity >= SEV_MEDIUM && r > rank) {
				rank = r;
				inc->stage = cat;
			}
			if (f->severity >= SEV_HIGH && (strcmp(cat,
			    CAT_ROOTKIT) == 0 || strcmp(cat,
			    CAT_RANSOMWARE_PREP) == 0))
				worst_stage = true;
			if (f->severity >= SEV_HIGH && r > stage_rank(
			    CAT_EVASION) && !cred_inventory(f))
				later = true;
		}
		if (inc->stage == NULL && inc->nf)
			inc->stage = incident_category(inc->f[0]);
		if (worst_stage || (inc->miner && later))
			inc->severity = SEV_CRITICAL;
		timeline_build(inc, s, o, &nstats);
		plan_build(inc, s, fs);
	}
	free(slot);
	free(comp);
	free(cand);
	free(c.uf.up);
	free(c.uf.size);
	smap_free(&c.keys);
	smap_free(&c.subjects);
}

static int
cmp_member(const void *a, const void *b)
{
	const struct finding *x = *(struct finding *const *)a;
	const struct finding *y = *(struct finding *const *)b;
	unsigned long ix = strtoul(x->id + 2, NULL, 10);
	unsigned long iy = strtoul(y->id + 2, NULL, 10);

	return ix < iy ? -1 : ix > iy;
}

void
incidents_order(struct incidents *in)
{
	for (size_t k = 0; k < in->n; k++)
		if (in->v[k].nf > 1)
			xqsort(in->v[k].f, in->v[k].nf, sizeof(*in->v[k].f),
			    cmp_member);
}

void
incidents_free(struct incidents *in)
{
	if (in == NULL)
		return;
	for (size_t k = 0; k < in->n; k++) {
		struct incident *inc = &in->v[k];

		free(inc->summary);
		for (size_t i = 0; i < inc->nstory; i++)
			free(inc->story[i]);
		for (size_t i = 0; i < inc->ntl; i++)
			free(inc->tl[i].event);
		free(inc->tl);
		for (size_t i = 0; i < inc->nplan; i++) {
			free(inc->plan[i].target);
			free(inc->plan[i].text);
		}
		free(inc->plan);
		free(inc->f);
	}
	free(in->v);
	memset(in, 0, sizeof(*in));
}
