/*
 * logins.c - login records for the incident timeline: sessions, logouts
 * and boots from wtmp, sshd's accepted and failed logins and sudo's
 * commands from the syslog text files (auth.log on Debian with rsyslog,
 * secure on RHEL), the current file and its first rotation.
 *
 * Facts only: nothing here judges a login.  Each log is read from its
 * end, at most RM_LOGIN_FILE_MAX bytes (wtmp in whole records), and
 * walked newest first, so the events kept are the last ones written.
 * At most RM_LOGINS_MAX events are kept per scan, of which at most
 * RM_LOGINS_FAILED_MAX failed logins (a brute force writes thousands and
 * must not push the accepted ones out), sorted by time.  A missing log is
 * normal; one that cannot be read is noted in scan.skipped; a corrupt
 * record or line is skipped and counted in scan.parse_errors.
 *
 * The journal (journald's binary files) is not read: on a Debian 12 host
 * without rsyslog sshd's lines are only there.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/err.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "../core/sort.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "login_parse.h"

static const struct {
	const char *path;          /* as on the host; opened without the '/' */
	uint8_t source;
} login_files[] = {
	{ "/var/log/wtmp.1", LS_WTMP },
	{ "/var/log/wtmp", LS_WTMP },
	{ "/var/log/auth.log.1", LS_AUTHLOG },
	{ "/var/log/auth.log", LS_AUTHLOG },
	{ "/var/log/secure.1", LS_AUTHLOG },
	{ "/var/log/secure", LS_AUTHLOG },
};

/* Candidates, strings in the arena; seq keeps equal times in the order
 * the logs were read (older files first, then order in the file). */
struct cand {
	struct login_event e;
	uint32_t seq;
};

struct acc {
	struct snapshot *s;
	struct cand *v;
	size_t n, alloc;
	uint32_t seq;
	/* per file: events kept so far, failed ones and the others */
	size_t nfailed, nother;
};

/*
 * Read the last RM_LOGIN_FILE_MAX bytes of a regular file inside the
 * root; with rec > 1 the start is on a record boundary counted from the
 * file's start.  *data (malloc'd, NUL-terminated) is the caller's.
 */
static int
read_tail(int rootfd, const char *rel, size_t rec, char **data, size_t *len,
	  struct stat *st, bool *cut)
{
	uint64_t off = 0, want;
	size_t got = 0;
	char *b;
	int fd, r = RM_OK;

	*data = NULL;
	*len = 0;
	*cut = false;
	fd = root_open(rootfd, rel, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return fd;
	if (fstat(fd, st) < 0) {
		r = rm_from_errno(errno);
		close(fd);
		return r;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return RM_EPARSE;
	}
	if ((uint64_t)st->st_size > RM_LOGIN_FILE_MAX) {
		off = (uint64_t)st->st_size - RM_LOGIN_FILE_MAX;
		if (rec > 1)
			off = (off + rec - 1) / rec * rec;
		*cut = true;
	}
	want = st->st_size > 0 ? (uint64_t)st->st_size - off : 0;
	b = xmalloc((size_t)want + 1);
	while (got < want) {
		ssize_t n = pread(fd, b + got, (size_t)want - got,
		    (off_t)(off + got));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = rm_from_errno(errno);
			break;
		}
		if (n == 0)
			break;          /* cut short while we read */
		got += (size_t)n;
	}
	close(fd);
	if (r != RM_OK) {
		free(b);
		return r;
	}
	b[got] = '\0';
	*data = b;
	*len = got;
	return RM_OK;
}

static const char *
str(struct snapshot *s, struct lp_str x)
{
	return x.p ? arena_strndup(&s->arena, x.p, x.n) : NULL;
}

/* Keep rec unless its kind's budget for this file is spent.  Returns
 * false when both budgets are spent (the walk can stop). */
static bool
keep(struct acc *a, const struct login_rec *r, const char *file,
     uint8_t source)
{
	struct snapshot *s = a->s;
	bool failed = r->kind == LOGIN_FAILED;
	struct login_event *e;

	if (failed ? a->nfailed >= RM_LOGINS_FAILED_MAX :
	    a->nother >= RM_LOGINS_MAX) {
		s->logins_capped = true;
		return !(a->nfailed >= RM_LOGINS_FAILED_MAX &&
		    a->nother >= RM_LOGINS_MAX);
	}
	if (failed)
		a->nfailed++;
	else
		a->nother++;
	if (a->n == a->alloc) {
		a->alloc = a->alloc ? a->alloc * 2 : 256;
		a->v = xreallocarray(a->v, a->alloc, sizeof(*a->v));
	}
	e = &a->v[a->n].e;
	memset(e, 0, sizeof(*e));
	a->v[a->n].seq = a->seq++;
	a->n++;
	e->time = r->time;
	e->usec = r->usec;
	e->kind = r->kind;
	e->source = source;
	e->tz = r->tz;
	e->file = file;
	e->user = str(s, r->user);
	e->from = str(s, r->from);
	e->line = str(s, r->line);
	e->method = str(s, r->method);
	e->key_fp = str(s, r->key_fp);
	e->target = str(s, r->target);
	e->detail = str(s, r->detail);
	e->pid = r->pid;
	e->port = r->port;
	e->invalid_user = r->invalid_user;
	return true;
}

/* Whole records, newest (last) first; a short tail is one corrupt record. */
static void
walk_wtmp(struct acc *a, const char *data, size_t len, const char *file)
{
	const unsigned char *d = (const unsigned char *)data;
	size_t nrec = len / WTMP_REC_SIZE;

	if (len % WTMP_REC_SIZE)
		a->s->parse_errors++;
	for (size_t i = nrec; i > 0; i--) {
		struct login_rec r;

		switch (loginparse_wtmp(d + (i - 1) * WTMP_REC_SIZE,
		    WTMP_REC_SIZE, &r)) {
		case LP_EVENT:
			if (!keep(a, &r, file, LS_WTMP))
				return;
			break;
		case LP_CORRUPT:
			a->s->parse_errors++;
			break;
		case LP_IGNORED:
			break;
		}
	}
}

/* Lines, newest (last) first; a cut-off first line is not looked at. */
static void
walk_text(struct acc *a, const char *data, size_t len, bool cut,
	  const struct lp_clock *ck, const char *file)
{
	const char *start = data, *end = data + len;

	if (cut) {
		const char *nl = memchr(data, '\n', len);

		start = nl ? nl + 1 : end;
	}
	while (end > start) {
		const char *nl = memrchr(start, '\n', (size_t)(end - start));
		const char *ls = nl ? nl + 1 : start;
		struct login_rec r;

		if (end > ls) {
			switch (loginparse_syslog(ls, (size_t)(end - ls), ck,
			    &r)) {
			case LP_EVENT:
				if (!keep(a, &r, file, LS_AUTHLOG))
					return;
				break;
			case LP_CORRUPT:
				a->s->parse_errors++;
				break;
			case LP_IGNORED:
				break;
			}
		}
		end = nl ? nl : start;
	}
}

/* The year and month of the file's mtime, in the zone its stamps use. */
static void
file_clock(const struct snapshot *s, const struct stat *st,
	   struct lp_clock *ck)
{
	time_t t = st->st_mtime;
	struct tm tm;

	ck->local = s->live;
	ck->tz = s->live ? LTZ_LOCAL : LTZ_ASSUMED_UTC;
	if ((s->live ? localtime_r(&t, &tm) : gmtime_r(&t, &tm)) == NULL) {
		ck->year = 1970;
		ck->mon = 12;
		return;
	}
	ck->year = tm.tm_year + 1900;
	ck->mon = tm.tm_mon + 1;
}

static int
cand_cmp(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;

	if (a->e.time != b->e.time)
		return a->e.time < b->e.time ? -1 : 1;
	if (a->e.usec != b->e.usec)
		return a->e.usec < b->e.usec ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
logins_collect(struct snapshot *s)
{
	struct acc a = { .s = s };
	size_t nfailed = 0, nkept = 0, first;

	for (size_t i = 0; i < sizeof(login_files) / sizeof(login_files[0]);
	    i++) {
		const char *path = login_files[i].path;
		bool wtmp = login_files[i].source == LS_WTMP, cut;
		struct stat st;
		size_t len;
		char *data;
		int r;

		r = read_tail(s->rootfd, path + 1, wtmp ? WTMP_REC_SIZE : 1,
		    &data, &len, &st, &cut);
		if (r == RM_ENOENT)
			continue;
		if (r != RM_OK) {
			snapshot_skip(s, path, "login records: cannot read "
			    "%s: %s", path, r == RM_EPARSE ? "not a regular "
			    "file" : rm_strerror(r));
			continue;
		}
		s->logins_read = true;
		if (cut)
			s->logins_capped = true;
		a.nfailed = a.nother = 0;
		if (wtmp) {
			walk_wtmp(&a, data, len, path);
		} else {
			struct lp_clock ck;

			file_clock(s, &st, &ck);
			walk_text(&a, data, len, cut, &ck, path);
		}
		free(data);
	}

	/* the newest RM_LOGINS_MAX, failed ones at most RM_LOGINS_FAILED_MAX */
	xqsort(a.v, a.n, sizeof(*a.v), cand_cmp);
	for (size_t i = a.n; i > 0; i--) {
		struct cand *c = &a.v[i - 1];
		bool failed = c->e.kind == LOGIN_FAILED;

		if (nkept >= RM_LOGINS_MAX ||
		    (failed && nfailed >= RM_LOGINS_FAILED_MAX)) {
			c->seq = UINT32_MAX;   /* dropped */
			s->logins_capped = true;
			continue;
		}
		nkept++;
		nfailed += failed;
	}
	s->logins = arena_alloc(&s->arena, (nkept ? nkept : 1) *
	    sizeof(*s->logins));
	first = 0;
	for (size_t i = 0; i < a.n; i++)
		if (a.v[i].seq != UINT32_MAX)
			s->logins[first++] = a.v[i].e;
	s->nlogins = first;
	free(a.v);
}
