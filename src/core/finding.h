/*
 * finding.h - what a detector reports: what, where, why, how sure, what to
 * do.  The fields follow the output contract (docs/OUTPUT.md).
 *
 * A finding owns all its strings (deep copies, freed by findings_free), so
 * it outlives the facts it was made from.  Host strings are stored raw and
 * escaped only on output.
 */
#ifndef RM_FINDING_H
#define RM_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct detector;
struct proc;
struct snapshot;
struct yara_match;

enum severity { SEV_INFO, SEV_LOW, SEV_MEDIUM, SEV_HIGH, SEV_CRITICAL };
enum confidence { CONF_LOW, CONF_MEDIUM, CONF_HIGH };

const char *severity_name(enum severity s);
/* Parse "info".."critical"; -1 if unknown. */
int severity_parse(const char *s);
const char *confidence_name(enum confidence c);

enum ev_type { EV_STR, EV_INT, EV_BOOL, EV_STRLIST };

struct evidence {
	char *key;
	enum ev_type type;
	char *s;
	int64_t i;
	bool b;
	char **list;
	size_t nlist, listalloc;
	size_t dropped;            /* items past RM_EV_LIST_MAX */
};

struct finding_process {
	pid_t pid, ppid;
	uint64_t start_ticks;
	char *name;
	char *executable;
	char *command_line;         /* at most RM_CMDLINE_OUT bytes */
	size_t command_line_bytes;  /* bytes in /proc/PID/cmdline */
	bool has_uid;
	uint32_t uid;
	char *user;
	char *container_id;
};

struct finding {
	char id[24];
	const struct detector *rule;
	enum severity severity;
	enum confidence confidence;
	char *message;
	char *remediation;          /* NULL: the rule's remediation */

	bool has_process;
	struct finding_process process;
	char *file_path;
	char *file_sha256;
	char *dest_ip;
	int dest_port;              /* -1: none */

	struct evidence *ev;
	size_t nev, evalloc;

	/* NULL: the rule's category; else a CAT_* constant (a YARA match
	 * takes its stage from the matched rule) */
	const char *category;
	struct finding_yara *yara; /* the matched YARA rules, or NULL */
};

/* A deep copy of YARA matches (facts.h struct yara_match) in its own
 * arena, owned by the finding. */
struct finding_yara {
	void *arena;               /* struct arena * */
	const char *target;        /* "file", "executable", "memory" */
	struct yara_match *m;
	uint32_t nm, nm_dropped;
};

/* How many findings of one rule were kept and dropped, by severity. */
struct finding_tally {
	const struct detector *rule;
	uint32_t kept[SEV_CRITICAL + 1];
	uint64_t dropped;
};

struct findings {
	struct finding **v;
	size_t n, alloc;
	unsigned next;
	/* RM_FINDINGS_PER_RULE per rule and severity are kept: a hostile
	 * host (400,000 odd passwd lines) cannot make output or memory grow
	 * without bound.  The last finding added is judged at the next add
	 * or at findings_settle(), once its detector has set its severity. */
	bool unsettled;
	struct finding_tally *tally;
	size_t ntally;
};

void findings_init(struct findings *fs);
void findings_free(struct findings *fs);

/*
 * Add a finding for rule d with the rule's default severity and medium
 * confidence.  The message is formatted (capped at RM_MSG_MAX); pass host
 * strings as %s arguments with a precision, never as the format.  The
 * returned finding belongs to fs.
 */
struct finding *findings_add(struct findings *fs, const struct detector *d,
			     const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Judge the last finding added against the per-rule cap.  detect_run()
 * and every function below call it; call it before reading fs->v after
 * adding findings by hand. */
void findings_settle(struct findings *fs);

/* Sort by severity (highest first), then rule id, then pid; renumber ids. */
void findings_sort(struct findings *fs);
/* Free and drop every finding below min, keeping the order. */
void findings_filter(struct findings *fs, enum severity min);
/* Count of findings at or above sev. */
size_t findings_count_at_least(const struct findings *fs, enum severity sev);

/* Fill process.* from a process fact (and user name from the snapshot). */
void finding_set_process(struct finding *f, const struct proc *p,
			 const struct snapshot *s);
void finding_set_file(struct finding *f, const char *path);
void finding_set_remediation(struct finding *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void finding_ev_str(struct finding *f, const char *key, const char *v);
void finding_ev_strn(struct finding *f, const char *key, const char *v,
		     size_t n);
void finding_ev_int(struct finding *f, const char *key, int64_t v);
void finding_ev_bool(struct finding *f, const char *key, bool v);
/* A file's owner, mode and mtime: PREFIXowner_uid, PREFIXmode ("0644"),
 * PREFIXmodified (RFC 3339). */
void finding_ev_file_meta(struct finding *f, const char *prefix, uint32_t uid,
			  uint32_t mode, int64_t mtime);
/* Append v to the string-list evidence key (created on first use). */
void finding_ev_list_add(struct finding *f, const char *key, const char *v);

/* Copy nm matches (and the count of those dropped) into f->yara. */
void finding_set_yara(struct finding *f, const char *target,
		      const struct yara_match *m, uint32_t nm,
		      uint32_t nm_dropped);

const struct evidence *finding_ev_get(const struct finding *f,
				      const char *key);

#endif
