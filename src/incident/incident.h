/*
 * incident.h - the last stage before output: findings tied into incidents,
 * one story per compromise (docs/INCIDENTS.md).
 *
 * correlate.c groups findings (union-find) by process, process ancestry,
 * shared paths and non-system directories, user, remote endpoint and
 * file times; timeline.c orders the known times of each step, with the
 * source of each time; plan.c writes the summary, the story and the
 * ordered response plan.
 *
 * Ownership: an incident points into struct findings (the findings own
 * themselves; keep fs alive and unchanged but for sorting while the
 * incidents are used).  Every string an incident holds is its own copy
 * (freed by incidents_free).  Finding ids are read at output time, so
 * findings_sort() may renumber them after incidents_build().
 */
#ifndef RM_INCIDENT_H
#define RM_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/facts.h"
#include "../core/finding.h"

#define RM_INCIDENTS_MAX          64     /* incidents listed per scan */
#define RM_INCIDENT_FINDINGS_MAX  1000   /* findings listed per incident */
#define RM_TIMELINE_MAX           64     /* timeline events per incident */
#define RM_PLAN_MAX               32     /* actions per incident */
#define RM_STORY_MAX              8      /* story lines per incident */
#define RM_INCIDENT_WINDOW        900    /* seconds: a file changed this
					  * close to a dropped file or a
					  * miner's start joins it */
#define RM_ANCESTRY_MAX           64     /* parents followed per process */
#define RM_ANCESTRY_TIE           4      /* generations up to which an
					  * ancestor ties to a process */
#define RM_INCIDENT_STATS         4096   /* files stat()ed for ctimes */

/* A login record (wtmp, auth.log) as the timeline reads it: the collector
 * of login records fills its own facts; incidents_add_logins() takes this
 * view so the two need not share a struct.  Strings are borrowed. */
struct login_event_view {
	int64_t time;              /* seconds since the epoch */
	const char *kind;          /* "login", "failed", "logout", ... */
	const char *user;
	const char *from;          /* remote host or address, or NULL */
	const char *method;        /* "publickey", "password", or NULL */
	const char *key_fp;        /* SHA256:... of the key used, or NULL */
	const char *source;        /* "wtmp", "auth.log", ... */
};

struct tl_event {
	int64_t time;              /* seconds since the epoch */
	char *event;
	const char *source;        /* static: "mtime", "ctime", "start", ... */
	size_t seq;                /* order added: ties keep it */
};

enum plan_do { PLAN_STOP, PLAN_DISABLE, PLAN_REMOVE, PLAN_ROTATE,
	PLAN_CLOSE, PLAN_REBUILD, PLAN_REVIEW };

struct plan_step {
	enum plan_do what;
	char *target;              /* pid, path, key, credential */
	char *text;                /* the action for a person */
};

struct incident {
	char id[16];               /* "I-001" */
	enum severity severity;
	const char *stage;         /* CAT_* of the worst stage reached */
	bool miner;                /* a confirmed miner is a member */
	bool root_level;           /* root-level persistence, rootkit, uid 0 */
	char *summary;             /* one line */
	char *story[RM_STORY_MAX]; /* what mines, how started, persists ... */
	size_t nstory;

	struct finding **f;        /* members, borrowed from struct findings */
	size_t nf;
	size_t nf_dropped;         /* members past RM_INCIDENT_FINDINGS_MAX */

	struct tl_event *tl;       /* sorted by time */
	size_t ntl;
	size_t ntl_dropped;
	bool times_disagree;       /* a time contradicted another */

	struct plan_step *plan;    /* in order */
	size_t nplan;
	size_t nplan_dropped;
};

struct incidents {
	struct incident *v;
	size_t n;
	size_t dropped;            /* incidents past RM_INCIDENTS_MAX */
};

struct incident_opts {
	int64_t now;               /* the scan's clock, seconds; 0: time() */
	/* login records for the timelines, or NULL */
	const struct login_event_view *logins;
	size_t nlogins;
	bool no_stat;              /* do not stat member files for ctimes */
};

/*
 * Correlate fs into incidents.  May raise member findings' severity (a
 * confirmed miner makes its incident's findings at least high, evidence
 * "raised_by_incident") and adds evidence "incident" to each member, so
 * call findings_sort() again afterwards.  s may have no processes (an
 * image).  Never fails; bounded in time and output by the caps above.
 */
void incidents_build(struct incidents *out, const struct snapshot *s,
		     struct findings *fs, const struct incident_opts *o);
void incidents_free(struct incidents *in);

/* Order each incident's findings as fs lists them (after a sort). */
void incidents_order(struct incidents *in);

/* The incident id a finding belongs to, or NULL. */
const char *incident_of(const struct finding *f);

const char *plan_do_name(enum plan_do d);

/* ---- internal: shared by correlate.c, timeline.c and plan.c ------------- */

/* Seconds since the epoch of an RFC 3339 UTC time ("2026-11-28T05:14:02Z",
 * fractions allowed); false if it has another shape. */
bool incident_parse_time(const char *s, int64_t *out);
/* The file time a finding carries in evidence (file_modified, modified,
 * *_modified), or 0. */
int64_t incident_finding_mtime(const struct finding *f);
/* A process's start as seconds since the epoch, or 0 when unknown. */
int64_t incident_proc_start(const struct snapshot *s, uint64_t start_ticks);
/* True if dir (normalised, no trailing slash) is a directory many
 * unrelated files share (/tmp, /etc/cron.d, /usr/bin, a home ...). */
bool incident_shared_dir(const char *dir);
/* The category of a finding (its own, else its rule's). */
const char *incident_category(const struct finding *f);
/* A confirmed miner: mining at high or above, from a process or a running
 * executable / memory match. */
bool incident_is_miner(const struct finding *f);

void timeline_build(struct incident *inc, const struct snapshot *s,
		    const struct incident_opts *o, size_t *nstats);
void plan_build(struct incident *inc, const struct snapshot *s,
		const struct findings *fs);
/* Append an event (copied text; bounded by RM_TIMELINE_MAX at the end). */
void timeline_add(struct incident *inc, int64_t t, const char *source,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
