/*
 * det_eva_attr.c - RM-EVA-004: an immutable (chattr +i) or append-only
 * (+a) attribute on a file droppers guard.
 *
 * Droppers lock what they plant so a rival, the administrator or a
 * cleanup script cannot remove it: their authorized_keys, crontabs,
 * ld.so.preload, unit files, passwd and shadow after adding an account.
 * No distribution sets these attributes.  Cloud tooling and some hardening
 * guides lock resolv.conf (low); /etc/hosts or a binary is medium; the
 * rest is high.
 */
#include <linux/fs.h>
#include <string.h>

#include "detector.h"

static bool
starts(const char *s, const char *pre)
{
	return strncmp(s, pre, strlen(pre)) == 0;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct tamper *t = fa->u.tamper;
	enum severity sev = SEV_HIGH;
	const char *what;
	struct finding *f;

	(void)s;
	if (t->kind != TAMPER_FLAGS)
		return;
	what = (t->flags & FS_IMMUTABLE_FL) && (t->flags & FS_APPEND_FL) ?
	    "immutable and append-only" : (t->flags & FS_IMMUTABLE_FL) ?
	    "immutable" : "append-only";
	if (strcmp(t->path, "/etc/resolv.conf") == 0)
		sev = SEV_LOW;
	else if (strcmp(t->path, "/etc/hosts") == 0 ||
	    starts(t->path, "/usr/bin/") || starts(t->path, "/usr/sbin/") ||
	    strcmp(t->path, "/tmp") == 0 || strcmp(t->path, "/var/tmp") == 0)
		sev = SEV_MEDIUM;
	f = findings_add(out, d, "%s is %s (chattr +%s%s): nobody, root "
	    "included, can change it until the attribute is removed", t->path,
	    what, t->flags & FS_IMMUTABLE_FL ? "i" : "",
	    t->flags & FS_APPEND_FL ? "a" : "");
	f->severity = sev;
	f->confidence = CONF_HIGH;
	finding_set_file(f, t->path);
	finding_ev_bool(f, "immutable", (t->flags & FS_IMMUTABLE_FL) != 0);
	finding_ev_bool(f, "append_only", (t->flags & FS_APPEND_FL) != 0);
	finding_ev_file_meta(f, "", t->uid, t->mode, t->mtime);
	if (sev == SEV_LOW)
		finding_set_remediation(f, "If no administrator or cloud agent "
		    "locked it on purpose, check the name servers in it, then "
		    "chattr -i %s.", t->path);
}

const struct detector det_eva_attr = {
	.id = "RM-EVA-004",
	.name = "Immutable or append-only attribute on a guarded file",
	.category = CAT_EVASION,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1222.002"),
	.description = "An authorized_keys file, crontab, passwd, shadow, "
	    "sudoers, ld.so.preload, unit file or core binary carries the "
	    "immutable or append-only attribute droppers set to keep their "
	    "changes.",
	.remediation = "Keep a copy, look at what the file holds (lsattr, "
	    "then read it: the attribute guards the intruder's change), remove "
	    "the attribute with chattr -ia (a renamed chattr may be needed if "
	    "it was moved) and restore the file.",
	.kinds = FACT_TAMPER,
	.check = check,
};
