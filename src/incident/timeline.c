/*
 * timeline.c - the known times of an incident's steps, each with where the
 * time came from: a file's mtime (findings' evidence, or a stat of the file
 * inside the scan root), its ctime (the stat), a process's start (start
 * ticks after boot + the boot time), login records (wtmp, auth.log: fed by
 * incidents_build's caller).  No single source is trusted: when two
 * disagree (an mtime after the scan's clock, an mtime more than a day
 * before the ctime - touch cannot set a ctime - or a miner started before
 * its own executable was written) the event says "times disagree" and both
 * times stay in the timeline.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/io.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "../core/sort.h"
#include "../core/xmalloc.h"
#include "../detect/detect_util.h"
#include "../detect/detector.h"
#include "incident.h"

/* events kept while building, before sorting and the cap */
#define TL_BUILD_MAX (RM_TIMELINE_MAX * 8)
#define SKEW_SLACK   300        /* seconds a clock may be off unnoticed */

void
timeline_add(struct incident *inc, int64_t t, const char *source,
	     const char *fmt, ...)
{
	char text[RM_MSG_MAX];
	va_list ap;

	if (t <= 0)
		return;
	if (inc->ntl >= TL_BUILD_MAX) {
		inc->ntl_dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (inc->ntl % 16 == 0)
		inc->tl = xreallocarray(inc->tl, inc->ntl + 16,
		    sizeof(*inc->tl));
	inc->tl[inc->ntl].time = t;
	inc->tl[inc->ntl].source = source;
	inc->tl[inc->ntl].event = xstrdup(text);
	inc->tl[inc->ntl].seq = inc->ntl;
	inc->ntl++;
}

static int
cmp_event(const void *a, const void *b)
{
	const struct tl_event *x = a, *y = b;

	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	/* same second: keep the order they were added in */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* What kind of step a finding's file is, for the event text. */
static const char *
file_role(const struct finding *f)
{
	const char *id = f->rule->id;
	const char *cat = incident_category(f);

	if (strncmp(id, "RM-PER-001", 10) == 0 || strncmp(id, "RM-PER-002",
	    10) == 0)
		return "cron entry written";
	if (strcmp(id, "RM-PER-003") == 0)
		return "SSH key file changed (key added)";
	if (strncmp(id, "RM-PER-004", 10) == 0 || strncmp(id, "RM-PER-005",
	    10) == 0)
		return "start-up entry written";
	if (strncmp(id, "RM-ACCT", 7) == 0)
		return "account file changed";
	if (strcmp(id, "RM-CRED-001") == 0)
		return "credential file last written";
	if (strcmp(cat, CAT_PERSISTENCE) == 0)
		return "persistence written";
	if (strcmp(cat, CAT_MINING) == 0)
		return "miner file written";
	return "file written";
}

static const char *
exe_of(const struct finding *f, char *buf, size_t len)
{
	static const char del[] = " (deleted)";
	size_t n, dl = sizeof(del) - 1;

	if (!f->has_process || f->process.executable == NULL)
		return NULL;
	n = strlen(f->process.executable);
	if (n > dl && strcmp(f->process.executable + n - dl, del) == 0)
		n -= dl;
	if (n >= len)
		n = len - 1;
	memcpy(buf, f->process.executable, n);
	buf[n] = '\0';
	return buf;
}

/* The newest mtime the incident knows for path (evidence or stat), or 0. */
static int64_t
known_mtime(const struct incident *inc, const char *path)
{
	for (size_t i = 0; i < inc->nf; i++)
		if (inc->f[i]->file_path && strcmp(inc->f[i]->file_path,
		    path) == 0)
			return incident_finding_mtime(inc->f[i]);
	return 0;
}

/* The oldest plain mtime event of a file in a dropped directory: it is
 * labelled "first dropped file" once all events are in. */
struct drop_pick {
	size_t idx;                /* index in inc->tl, SIZE_MAX: none */
	int64_t t;
};

static void
pick_drop(struct drop_pick *dp, const struct incident *inc, size_t before,
	  int64_t t)
{
	if (inc->ntl > before && t < dp->t) {
		dp->t = t;
		dp->idx = inc->ntl - 1;
	}
}

/* An mtime the clocks contradict: after now, or more than a day before
 * the ctime (touch sets mtimes, not ctimes). */
static bool
mtime_forged(int64_t mtime, int64_t ctime_, int64_t now)
{
	return (now > 0 && mtime > now + SKEW_SLACK) ||
	    (ctime_ > 0 && mtime + 86400 < ctime_);
}

static void
file_times(struct incident *inc, const struct snapshot *s,
	   const struct incident_opts *o, size_t *nstats, const char *path,
	   int64_t mtime, const char *role, struct drop_pick *dp, int64_t now)
{
	struct stat st;
	int64_t ctime_ = 0;
	char a[32], b[32];

	if (!o->no_stat && s->rootfd >= 0 && *nstats < RM_INCIDENT_STATS &&
	    path[0] == '/') {
		(*nstats)++;
		if (root_lstat(s->rootfd, path, &st) == 0) {
			if (mtime <= 0)
				mtime = st.st_mtime;
			ctime_ = st.st_ctime;
		}
	}
	if (mtime <= 0)
		return;
	if (now > 0 && mtime > now + SKEW_SLACK) {
		io_rfc3339_sec(now, a);
		timeline_add(inc, mtime, "mtime", "%s: %s - times disagree: "
		    "the mtime is after the scan's clock (%s): a forged time "
		    "or clock skew", path, role, a);
		inc->times_disagree = true;
	} else if (mtime_forged(mtime, ctime_, 0)) {
		io_rfc3339_sec(ctime_, b);
		timeline_add(inc, mtime, "mtime", "%s: %s - times disagree: "
		    "the mtime is more than a day before the ctime (%s); "
		    "mtimes can be set (touch), ctimes cannot: timestomped?",
		    path, role, b);
		inc->times_disagree = true;
	} else {
		size_t before = inc->ntl;

		timeline_add(inc, mtime, "mtime", "%s: %s", path, role);
		if (dp)
			pick_drop(dp, inc, before, mtime);
	}
	/* the ctime only when it tells another story than the mtime (a
	 * forged mtime, or one kept by tar/cp -p) */
	if (ctime_ > 0 && (ctime_ > mtime + 86400 || ctime_ < mtime - 86400))
		timeline_add(inc, ctime_, "ctime", "%s: inode last changed "
		    "(the real time of the last write, rename or chmod)", path);
}

/* A dropped file: its own directory is not a shared one (copied to dir). */
static bool
own_drop_dir(const char *path, char *dir, size_t len)
{
	const char *sl;

	if (path == NULL || path[0] != '/' || (sl = strrchr(path, '/')) ==
	    path || (size_t)(sl - path) >= len)
		return false;
	memcpy(dir, path, (size_t)(sl - path));
	dir[sl - path] = '\0';
	return !incident_shared_dir(dir);
}

static bool
in_drop_dir(const char *path)
{
	char d[1024];

	return own_drop_dir(path, d, sizeof(d));
}

static bool
member_path(const struct incident *inc, const char *path)
{
	for (size_t i = 0; i < inc->nf; i++)
		if (inc->f[i]->file_path && strcmp(inc->f[i]->file_path,
		    path) == 0)
			return true;
	return false;
}

/* An event already tells of path ("PATH: ..."). */
static bool
has_event_for(const struct incident *inc, const char *path)
{
	size_t n = strlen(path);

	for (size_t i = 0; i < inc->ntl; i++)
		if (strncmp(inc->tl[i].event, path, n) == 0 &&
		    inc->tl[i].event[n] == ':')
			return true;
	return false;
}

#define DROP_DIRS_MAX     16       /* dropped directories listed */
#define DROP_DIR_ENTRIES  1024     /* entries read per directory */

/*
 * The oldest file of a dropped directory, when no finding names it: the
 * intruder's first step is often a file nothing flags (a.sh, a tarball).
 * Entries are lstat()ed inside the root (no link followed); a forged
 * mtime does not count.  Bounded by DROP_DIR_ENTRIES and the stat budget.
 */
static void
dir_oldest(struct incident *inc, const struct snapshot *s,
	   const struct incident_opts *o, size_t *nstats, const char *dir,
	   struct drop_pick *dp, int64_t now)
{
	char best[1024], path[1024];
	int64_t best_t = INT64_MAX;
	struct dirent *de;
	struct stat st;
	size_t n = 0;
	DIR *d;
	int fd;

	if (o->no_stat || s->rootfd < 0 || *nstats >= RM_INCIDENT_STATS)
		return;
	fd = root_open(s->rootfd, dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (fd < 0)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	best[0] = '\0';
	while ((de = readdir(d)) != NULL && n++ < DROP_DIR_ENTRIES &&
	    *nstats < RM_INCIDENT_STATS) {
		if (de->d_name[0] == '.' && (de->d_name[1] == '\0' ||
		    (de->d_name[1] == '.' && de->d_name[2] == '\0')))
			continue;
		(*nstats)++;
		if (fstatat(dirfd(d), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
		    st.st_mtime <= 0 || mtime_forged(st.st_mtime,
		    st.st_ctime, now) || st.st_mtime >= best_t)
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
		    (int)sizeof(path))
			continue;
		best_t = st.st_mtime;
		memcpy(best, path, sizeof(best));
	}
	closedir(d);
	if (best[0] && best_t < dp->t && !member_path(inc, best) &&
	    !has_event_for(inc, best)) {
		size_t before = inc->ntl;

		timeline_add(inc, best_t, "mtime", "%s: the oldest file in "
		    "the dropped directory %s", best, dir);
		pick_drop(dp, inc, before, best_t);
	}
}

/* Event sources are static strings (the view's may be freed after the
 * build): the known log names, else "log". */
static const char *
log_source(const char *src)
{
	static const char *const known[] = { "wtmp", "btmp", "lastlog",
		"auth.log", "secure", "journal", "syslog", NULL };

	for (int i = 0; src && known[i]; i++)
		if (strcmp(src, known[i]) == 0)
			return known[i];
	return "log";
}

void
timeline_build(struct incident *inc, const struct snapshot *s,
	       const struct incident_opts *o, size_t *nstats)
{
	int64_t now = o->now > 0 ? o->now : (int64_t)time(NULL);
	int64_t lo = INT64_MAX, hi = 0;
	pid_t done_pids[RM_TIMELINE_MAX];
	size_t ndone = 0, ndirs = 0;
	char exe[1024], dirs[DROP_DIRS_MAX][256];
	struct drop_pick dp = { SIZE_MAX, INT64_MAX };

	for (size_t i = 0; i < inc->nf; i++) {
		const struct finding *f = inc->f[i];
		bool seen = false;

		for (size_t k = 0; f->file_path && k < i; k++)
			if (inc->f[k]->file_path && strcmp(inc->f[k]->file_path,
			    f->file_path) == 0)
				seen = true;    /* one file, one event */
		if (f->file_path && !seen)
			file_times(inc, s, o, nstats, f->file_path,
			    incident_finding_mtime(f), file_role(f),
			    in_drop_dir(f->file_path) ? &dp : NULL, now);
		if (!f->has_process || f->process.pid <= 0)
			continue;
		seen = false;
		for (size_t k = 0; k < ndone; k++)
			seen |= done_pids[k] == f->process.pid;
		if (seen || ndone == RM_TIMELINE_MAX)
			continue;
		done_pids[ndone++] = f->process.pid;
		{
			int64_t st = incident_proc_start(s,
			    f->process.start_ticks);
			int64_t em = 0, ec = 0;
			const char *e = exe_of(f, exe, sizeof(exe));
			bool member = false;

			if (e && e[0] == '/') {
				struct stat sst;

				em = known_mtime(inc, e);
				member = member_path(inc, e);
				if (em <= 0 && !o->no_stat && s->rootfd >= 0 &&
				    *nstats < RM_INCIDENT_STATS) {
					(*nstats)++;
					if (root_lstat(s->rootfd, e, &sst) ==
					    0 && S_ISREG(sst.st_mode)) {
						em = sst.st_mtime;
						ec = sst.st_ctime;
					}
				}
			}
			if (st <= 0)
				continue;
			if (em > 0 && st + SKEW_SLACK < em) {
				timeline_add(inc, st, "start", "process %d "
				    "(%.64s) started - times disagree: before "
				    "its executable %s was last written",
				    (int)f->process.pid, f->process.name ?
				    f->process.name : "?", e);
				timeline_add(inc, em, "mtime", "%s: executable "
				    "written (after process %d started: "
				    "replaced, or a forged time)", e,
				    (int)f->process.pid);
				inc->times_disagree = true;
			} else {
				timeline_add(inc, st, "start", "process %d "
				    "(%.64s) started%s%s%s", (int)f->process.pid,
				    f->process.name ? f->process.name : "?",
				    e ? ": " : "", e ? e : "",
				    incident_is_miner(f) ? " (the miner)" : "");
				/* the executable of a process in a dropped
				 * place: when it was put there */
				if (em > 0 && !member && in_drop_dir(e) &&
				    !mtime_forged(em, ec, now)) {
					size_t before = inc->ntl;

					timeline_add(inc, em, "mtime", "%s: "
					    "executable of process %d written",
					    e, (int)f->process.pid);
					pick_drop(&dp, inc, before, em);
				}
			}
			if (st > now + SKEW_SLACK) {
				timeline_add(inc, now, "clock", "the scan's "
				    "clock is before process %d's start - "
				    "times disagree: clock skew",
				    (int)f->process.pid);
				inc->times_disagree = true;
			}
		}
	}
	/* the dropped directories' oldest files (members' own directories
	 * and running executables'), then the label */
	for (size_t i = 0; i < inc->nf && ndirs < DROP_DIRS_MAX; i++) {
		const char *paths[2] = { inc->f[i]->file_path,
			exe_of(inc->f[i], exe, sizeof(exe)) };

		for (int k = 0; k < 2 && ndirs < DROP_DIRS_MAX; k++) {
			char d[256];
			bool dup = false;

			if (!own_drop_dir(paths[k], d, sizeof(d)))
				continue;
			for (size_t j = 0; j < ndirs; j++)
				dup |= strcmp(dirs[j], d) == 0;
			if (dup)
				continue;
			memcpy(dirs[ndirs++], d, sizeof(d));
			dir_oldest(inc, s, o, nstats, d, &dp, now);
		}
	}
	if (dp.idx != SIZE_MAX) {
		char *ev = inc->tl[dp.idx].event;
		size_t n = strlen(ev);
		static const char lab[] = " (first dropped file)";

		ev = xreallocarray(ev, n + sizeof(lab), 1);
		memcpy(ev + n, lab, sizeof(lab));
		inc->tl[dp.idx].event = ev;
	}
	for (size_t i = 0; i < inc->ntl; i++) {
		if (inc->tl[i].time < lo)
			lo = inc->tl[i].time;
		if (inc->tl[i].time > hi)
			hi = inc->tl[i].time;
	}
	/* logins near those times, and any login with a key the incident
	 * added */
	for (size_t i = 0; i < o->nlogins && inc->ntl; i++) {
		const struct login_event_view *l = &o->logins[i];
		bool key = false;

		for (size_t k = 0; l->key_fp && k < inc->nf; k++) {
			const struct evidence *e = finding_ev_get(inc->f[k],
			    "fingerprint");

			if (strcmp(inc->f[k]->rule->id, "RM-PER-003") == 0 &&
			    e && e->type == EV_STR && strcmp(e->s,
			    l->key_fp) == 0)
				key = true;
		}
		if (!key && (l->time < lo - RM_INCIDENT_WINDOW ||
		    l->time > hi + RM_INCIDENT_WINDOW))
			continue;
		timeline_add(inc, l->time, log_source(l->source),
		    "%s%s%s%s%s%s%s%s%s%s", l->kind ? l->kind : "login",
		    l->user ? " " : "", l->user ? l->user : "",
		    l->from ? " from " : "",
		    l->from ? l->from : "", l->method ? " by " : "",
		    l->method ? l->method : "", l->key_fp ? " key " : "",
		    l->key_fp ? l->key_fp : "",
		    key ? " (the key this incident added)" : "");
	}
	if (inc->ntl > 1)
		xqsort(inc->tl, inc->ntl, sizeof(*inc->tl), cmp_event);
	if (inc->ntl > RM_TIMELINE_MAX) {
		for (size_t i = RM_TIMELINE_MAX; i < inc->ntl; i++)
			free(inc->tl[i].event);
		inc->ntl_dropped += inc->ntl - RM_TIMELINE_MAX;
		inc->ntl = RM_TIMELINE_MAX;
	}
}
