/*
 * det_eva_tool.c - RM-EVA-005: a core tool (chattr, lsattr, curl, wget)
 * moved or copied under another name, or replaced.
 *
 * Droppers rename chattr ("mv /usr/bin/chattr /usr/bin/zzhcht", Spinning
 * YARN) so that rivals and cleanup scripts cannot unlock the files they
 * made immutable, and copy curl or wget under odd names to download past
 * command-line filters.  A copy is found by content (size and SHA-256 of
 * the tool, or dpkg's MD5 when the tool itself is gone or replaced).
 */
#include <string.h>

#include "detector.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct tamper *t = fa->u.tamper;
	struct finding *f;

	(void)s;
	switch (t->kind) {
	case TAMPER_TOOL_COPY:
		f = findings_add(out, d, "%s is a copy of %s under another "
		    "name%s", t->path, t->detail, t->flags ? "" :
		    " (the original is gone: it was moved)");
		f->severity = t->flags ? SEV_MEDIUM : SEV_HIGH;
		f->confidence = CONF_HIGH;
		finding_set_file(f, t->path);
		finding_ev_str(f, "tool", t->detail);
		if (t->detail2)
			finding_ev_str(f, "tool_path", t->detail2);
		finding_ev_bool(f, "original_present", t->flags != 0);
		finding_ev_file_meta(f, "", t->uid, t->mode, t->mtime);
		break;
	case TAMPER_TOOL_MISSING:
		f = findings_add(out, d, "%s is missing although package %s "
		    "installs it: droppers move it so nobody can use it", t->path,
		    t->detail2);
		f->severity = SEV_HIGH;
		f->confidence = CONF_MEDIUM;
		finding_set_file(f, t->path);
		finding_ev_str(f, "tool", t->detail);
		finding_ev_str(f, "package", t->detail2);
		break;
	case TAMPER_TOOL_REPLACED:
		f = findings_add(out, d, "%s differs from what package %s "
		    "installed (dpkg's MD5): the tool was replaced", t->path,
		    t->detail2);
		f->severity = SEV_HIGH;
		f->confidence = CONF_MEDIUM;
		finding_set_file(f, t->path);
		finding_ev_str(f, "tool", t->detail);
		finding_ev_str(f, "package", t->detail2);
		finding_ev_file_meta(f, "", t->uid, t->mode, t->mtime);
		break;
	default:
		break;
	}
}

const struct detector det_eva_tool = {
	.id = "RM-EVA-005",
	.name = "Core tool renamed, moved or replaced",
	.category = CAT_EVASION,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1036.003", "T1222.002"),
	.description = "chattr, lsattr, curl or wget sits under another name "
	    "(same bytes), is missing although its package installs it, or "
	    "differs from the package's MD5.",
	.remediation = "Reinstall the package (apt-get install --reinstall "
	    "e2fsprogs curl wget), delete the renamed copy after keeping it as "
	    "evidence, and look for what the intruder locked with it "
	    "(lsattr on cron, ssh and systemd files).",
	.kinds = FACT_TAMPER,
	.check = check,
};
