/*
 * allow.h - the administrator's allow-list (/etc/rookmelder/allow.conf).
 *
 * Lines say which executables, files or pools are expected:
 *
 *     exe  /usr/bin/monerod
 *     exe  /opt/ci/runners/[star] RM-PROC-002
 *     path /srv/build/[star]
 *     pool 10.0.0.5:3333
 *     pool [star].pool.internal:[star] RM-MIN-001
 *
 * ([star] is '*'; docs/ALLOW.md has the real examples.)
 * A pattern is a shell glob (fnmatch, '*' also matches '/'); the optional
 * rule ids restrict the line to those rules.  A matching finding is not
 * dropped: it is lowered to info and says which line allowed it, so a line
 * an intruder adds is visible in every report.  The file must be a regular
 * file owned by root (or the invoking user) and writable only by its
 * owner, or it is ignored (and the report says so).
 */
#ifndef RM_ALLOW_H
#define RM_ALLOW_H

#include <stddef.h>

#include "../core/buf.h"
#include "../core/finding.h"

enum allow_field { ALLOW_EXE, ALLOW_PATH, ALLOW_POOL };

struct allow_rule {
	enum allow_field field;
	char *pattern;
	char **rules;              /* rule ids, or none: every rule */
	size_t nrules;
	char *where;               /* "file:line" */
};

struct allow {
	struct allow_rule *v;
	size_t n;
};

/* Load path into a (which may already hold rules).  A missing file is
 * fine (RM_OK); an untrusted one is ignored with a message in warn;
 * malformed lines are reported in warn and skipped. */
int allow_load(struct allow *a, const char *path, struct buf *warn);

/* Parse allow.conf text (for tests and fuzzing); `name` labels lines. */
void allow_parse(struct allow *a, const char *text, size_t n,
		 const char *name, struct buf *warn);

/* Lower every matching finding to info and record the allowing line. */
void allow_apply(const struct allow *a, struct findings *fs);

void allow_free(struct allow *a);

#endif
