/*
 * yara_find.h - one finding from one YARA-matched target (a file, an
 * executable, a process's memory), shared by RM-YAR-001 and RM-YAR-002.
 */
#ifndef RM_YARA_FIND_H
#define RM_YARA_FIND_H

#include "detector.h"

/* Rate h's matches (yara_util.h), keep the worst as the finding's
 * severity, category and confidence, and add the finding to out. */
struct finding *yara_finding(const struct detector *d,
			     const struct snapshot *s,
			     const struct yara_hit *h, struct findings *out);

#endif
