/*
 * det_yar_file.c - RM-YAR-001: a file or a running executable matches a
 * YARA rule (rookmelder's built-in rules or the user's --yara-rules).
 *
 * The finding takes its stage, severity and confidence from the worst-
 * rated matched rule (yara_util.h: meta category/severity/score, tags,
 * keywords), lists every matched rule with the offsets of its strings,
 * and names the file (path, sha256, owner, mode, mtime) and, for a
 * running executable, the process.
 */
#include "detector.h"
#include "yara_find.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *f, struct findings *out)
{
	if (f->u.yara->target != YT_MEMORY)
		yara_finding(d, s, f->u.yara, out);
}

const struct detector det_yar_file = {
	.id = "RM-YAR-001",
	.name = "File content matches a YARA rule",
	.category = CAT_INITIAL_ACCESS,
	.severity = SEV_MEDIUM,
	.techniques = TECHNIQUES("T1105"),
	.description = "A file in a scanned place (or the executable of a "
	    "running process) matches a YARA rule: the built-in rules "
	    "(miners, miner configs, stratum, droppers, backdoors, rootkits) "
	    "or the user's; stage and severity come from the rule.",
	.remediation = "Inspect the file; if it is not yours, stop what "
	    "runs it, keep a copy and its sha256, remove it and find how it "
	    "arrived.",
	.kinds = FACT_YARA,
	.check = check,
};
