/*
 * output.h - render a scan: text for people, JSON and NDJSON for machines.
 *
 * The JSON shapes are the output contract (docs/OUTPUT.md and
 * docs/schema/scan.schema.json).  Every host string is escaped here and
 * only here; detectors and collectors keep raw bytes.
 */
#ifndef RM_OUTPUT_H
#define RM_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/buf.h"
#include "../core/facts.h"
#include "../core/finding.h"

struct incidents;

struct report {
	const struct snapshot *s;
	const struct findings *fs;
	int64_t started_ms;        /* wall clock, ms since the epoch */
	uint64_t duration_ms;
	double cpu_window;         /* seconds, 0 when not sampled */
	bool facts;                /* include the collected facts (json) */
	enum severity fail_on;
	bool fail_never;
	bool yara_only;            /* `rookmelder yara`: no host scan */
	/* the findings tied into incidents (incident/incident.h), or NULL:
	 * "incidents":[] and the findings alone */
	const struct incidents *inc;
};

/* The whole JSON document (one line plus newline) into b. */
void out_json(struct buf *b, const struct report *r);
/* One ECS-shaped JSON line per finding into b. */
void out_ndjson(struct buf *b, const struct report *r);
/* The report for a terminal; colour only if color is set. */
void out_text(FILE *f, const struct report *r, bool color);

/* One finding as a JSON object (shared by json and ndjson). */
struct json;
/* The "tool" member: {"name":"rookmelder","version":...}. */
void out_tool_json(struct json *j);
void out_finding_json(struct json *j, const struct finding *f);

/* Names for socket facts. */
const char *out_sock_state(const struct sock *k);

#endif
