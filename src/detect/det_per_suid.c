/*
 * det_per_suid.c - RM-PER-007: a setuid or setgid file that no package
 * installed.
 *
 * An intruder with root keeps it with a setuid copy of a shell (cp
 * /bin/bash /tmp/.x; chmod u+s), a setuid find or python, or a small
 * setuid wrapper: any later foothold as a plain user is root again.  Every
 * setuid program on a Debian system comes from a package, so one that no
 * package owns is worth a look: high in a world-writable or hidden
 * directory or when it is root's and setuid, critical when its bytes are
 * those of a shell or another tool rootkits use, medium elsewhere (an
 * administrator's own helper in /opt), low inside another system's tree
 * (a chroot or unpacked image with its own etc/os-release or dpkg
 * status, outside writable and hidden places).  Whether a packaged file should
 * carry the bit cannot be told from dpkg's database (not judged).
 */
#include <sys/stat.h>

#include "detect_util.h"
#include "detector.h"
#include "pkg_ev.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct pkg_file *pf = fa->u.pkg_file;
	enum path_class pc;
	enum severity sev = SEV_MEDIUM;
	enum confidence conf = CONF_MEDIUM;
	const char *why = "";
	const char *bits;
	struct finding *f;

	(void)s;
	if (!(pf->checks & PKGC_SUID) || pf->nowners || pf->local_diversion)
		return;
	bits = (pf->mode & S_ISUID) && (pf->mode & S_ISGID) ?
	    "setuid and setgid" : (pf->mode & S_ISUID) ? "setuid" : "setgid";
	pc = path_classify(pf->path);
	if (pf->copy_of) {
		sev = SEV_CRITICAL;
		conf = CONF_HIGH;
		why = ": a copy of a system program with the bit set, a "
		    "backdoor to root";
	} else if (pc == PATH_WRITABLE || pc == PATH_HIDDEN_WRITABLE ||
	    pc == PATH_HIDDEN_SYSTEM || pc == PATH_HIDDEN_HOME) {
		sev = SEV_HIGH;
		conf = CONF_HIGH;
		why = pc == PATH_WRITABLE ? ", in a world-writable directory" :
		    ", in a hidden directory";
	} else if (pf->os_tree) {
		sev = SEV_LOW;
		conf = CONF_LOW;
		why = ", inside another system's tree (a chroot or an unpacked "
		    "container image)";
	} else if (pf->uid == 0 && (pf->mode & S_ISUID)) {
		sev = SEV_HIGH;
		why = ", owned by root: it runs as root for anyone";
	}
	f = findings_add(out, d, "%s file %s belongs to no installed "
	    "package%s", bits, pf->path, why);
	f->severity = sev;
	f->confidence = conf;
	pkg_ev_file(f, pf);
	finding_ev_str(f, "kind", "suid_unowned");
	finding_ev_str(f, "place", path_class_name(pc));
	if (pf->copy_of)
		finding_ev_str(f, "copy_of", pf->copy_of);
	if (pf->os_tree)
		finding_ev_str(f, "os_tree", pf->os_tree);
	finding_set_remediation(f, "Unless an administrator made it, keep a "
	    "copy of %s, remove the bit (chmod u-s,g-s) or the file, find how "
	    "it got there (its time, the shell histories, the logs) and treat "
	    "the host as compromised.", pf->path);
}

const struct detector det_per_suid = {
	.id = "RM-PER-007",
	.name = "Setuid or setgid file outside packages",
	.category = CAT_PERSISTENCE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1548.001"),
	.description = "A setuid or setgid file that no installed package "
	    "owns: a root shell left behind (a setuid copy of bash in /tmp), "
	    "or an administrator's own helper.",
	.remediation = "Keep a copy, remove the setuid/setgid bit or the "
	    "file, find how it got there and treat the host as compromised "
	    "unless an administrator made it.",
	.kinds = FACT_PKG_FILE,
	.check = check,
};
