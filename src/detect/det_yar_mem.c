/*
 * det_yar_mem.c - RM-YAR-002: the memory of a process matches a YARA rule.
 *
 * Memory is read for candidate processes only (those other rules flagged,
 * and those running from a deleted, memfd or writable-place image): what
 * a packed or encrypted miner cannot hide - its unpacked code, its
 * configuration and the stratum messages it exchanges, even over TLS.
 */
#include "detector.h"
#include "yara_find.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *f, struct findings *out)
{
	if (f->u.yara->target == YT_MEMORY)
		yara_finding(d, s, f->u.yara, out);
}

const struct detector det_yar_mem = {
	.id = "RM-YAR-002",
	.name = "Process memory matches a YARA rule",
	.category = CAT_INITIAL_ACCESS,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1620"),
	.description = "The private memory of a candidate process matches a "
	    "YARA rule (a packed miner unpacked, its config, stratum "
	    "messages); stage and severity come from the rule.",
	.remediation = "Treat the process as hostile: keep evidence, stop "
	    "it, remove how it starts, and look for what else came with it.",
	.kinds = FACT_YARA,
	.check = check,
};
