/*
 * detector.h - the contract of a detector, and the registry.
 *
 * A detector is judgement only: it reads facts and emits findings; it
 * never reads /proc or files itself, so the same detector serves `scan`,
 * a --root image and (later) `watch`.  Each lives in its own det_<name>.c
 * and exports one const struct detector det_<name>; detectors.def lists
 * them, and registry.c builds detector_table[] from that list.
 *
 * Adding a detector: write det_<name>.c, add DETECTOR(<name>) to
 * detectors.def (sorted by id), add a test.  Nothing else.
 */
#ifndef RM_DETECTOR_H
#define RM_DETECTOR_H

#include "../core/facts.h"
#include "../core/finding.h"

/* The stages of a compromised server's life (output contract). */
#define CAT_EXPOSURE "exposure"
#define CAT_INITIAL_ACCESS "initial-access"
#define CAT_MINING "mining"
#define CAT_EVASION "evasion"
#define CAT_ROOTKIT "rootkit"
#define CAT_PERSISTENCE "persistence"
#define CAT_CREDENTIAL_THEFT "credential-theft"
#define CAT_LATERAL_MOVEMENT "lateral-movement"
#define CAT_ACCESS_RESALE "access-resale"
#define CAT_ABUSE "abuse"
#define CAT_DATA_THEFT "data-theft"
#define CAT_RANSOMWARE_PREP "ransomware-prep"

/* NULL-terminated list of ATT&CK technique ids, at file scope. */
#define TECHNIQUES(...) ((const char *const[]){ __VA_ARGS__, NULL })

struct detector {
	const char *id;             /* RM-<AREA>-NNN, stable forever */
	const char *name;           /* short title */
	const char *category;       /* CAT_* */
	enum severity severity;     /* default; a finding may raise or lower it */
	const char *const *techniques;
	const char *description;    /* one line: what it detects */
	const char *remediation;    /* what to do now */
	unsigned kinds;             /* enum fact_kind bits it wants */
	/* Look at one fact; add findings to out.  s is the whole snapshot,
	 * for lookups (a process's parent, a socket's owner). */
	void (*check)(const struct detector *self, const struct snapshot *s,
		      const struct fact *f, struct findings *out);
};

/* Every detector, sorted by id, NULL-terminated. */
extern const struct detector *const detector_table[];

/* Categories allowed in rule.category, NULL-terminated. */
extern const char *const detector_categories[];

/* Look a detector up by id; NULL if unknown. */
const struct detector *detector_find(const char *id);

/* Run every detector over every fact of the snapshot. */
void detect_run(const struct snapshot *s, struct findings *out);
/* Only the facts of the given kinds (enum fact_kind bits), to every
 * detector that takes them: facts collected after a first run. */
void detect_run_kinds(const struct snapshot *s, unsigned kinds,
		      struct findings *out);
/* The same for one detector alone (tests). */
void detect_run_one(const struct detector *d, const struct snapshot *s,
		    struct findings *out);

#endif
