/*
 * det_root_pkg_modified.c - RM-ROOT-001: a PAM module or system binary
 * that is not what its package installed, or that no package installed.
 *
 * User-space rootkits and SSH/PAM backdoors replace ps, ls, ss, netstat,
 * sshd, login or pam_unix.so with a patched build (a master password, a
 * credential log, a process filter), or drop an extra pam_xxx.so and a
 * line in /etc/pam.d that loads it.  dpkg recorded the MD5 of every file
 * it installed; a file that differs from that record, or a PAM module no
 * package owns, is the trace.  A changed conffile is the administrator's
 * (not a finding); a file in /usr/bin that no package owns is usually an
 * administrator's too (info), unless it is hidden (medium; high when it
 * has the name of such a program: Perfctl's wrappers in /bin/.local/bin) or
 * a kernel-thread-named executable (medium).  A link in a PAM directory or at the name of such a
 * program that points into /tmp, /dev/shm or a hidden directory is high.
 * Judged only when the dpkg database was read
 * (otherwise there are no facts).
 */
#include <stdio.h>
#include <string.h>

#include "detect_util.h"
#include "detector.h"
#include "pkg_ev.h"

static const char *
base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* Where a link in a PAM or program directory points, when that is a
 * world-writable or hidden place. */
static enum path_class
link_place(const struct pkg_file *pf, char *abs, size_t cap)
{
	char raw[8192];
	const char *slash = strrchr(pf->path, '/');
	enum path_class pc;

	if (pf->link == NULL || slash == NULL)
		return PATH_OTHER;
	if (pf->link[0] == '/')
		snprintf(raw, sizeof(raw), "%s", pf->link);
	else
		snprintf(raw, sizeof(raw), "%.*s/%s", (int)(slash - pf->path),
		    pf->path, pf->link);
	path_normalize(raw, abs, cap);
	pc = path_classify(abs);
	return pc == PATH_WRITABLE || pc == PATH_HIDDEN_WRITABLE ||
	    pc == PATH_HIDDEN_SYSTEM || pc == PATH_HIDDEN_HOME ||
	    pc == PATH_DEV_OR_BOOT ? pc : PATH_OTHER;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct pkg_file *pf = fa->u.pkg_file;
	const char *kind, *why;
	enum severity sev;
	enum confidence conf;
	struct finding *f;
	char target[4096];
	bool modified = pf->md5 && pf->md5_expected && !pf->md5_match &&
	    !pf->conffile && !pf->local_diversion &&
	    (pf->checks & (PKGC_PAM_MODULE | PKGC_PAM_CONF | PKGC_SYSBIN_KEY |
	    PKGC_SUID));
	bool unowned = pf->nowners == 0 && !pf->local_diversion;

	(void)s;
	if (modified) {
		bool pam = pf->checks & (PKGC_PAM_MODULE | PKGC_PAM_CONF);

		kind = pam ? "pam_modified" : "binary_modified";
		f = findings_add(out, d, "%s differs from the copy package %s "
		    "installed (MD5 %s, dpkg recorded %s)%s", pf->path,
		    pf->owners[0], pf->md5, pf->md5_expected, pam ?
		    ": a patched PAM module (password backdoor or credential "
		    "logger)" : ": replaced, as rootkits replace the tools "
		    "that would show them");
		f->severity = SEV_CRITICAL;
		f->confidence = CONF_HIGH;
		finding_set_remediation(f, "Treat the host as compromised: "
		    "keep a copy of %s, reinstall the package (apt-get install "
		    "--reinstall %s) from trusted media, check the others with "
		    "dpkg --verify, and rotate every password and key used on "
		    "this host.", pf->path, pf->owners[0]);
	} else if ((pf->checks & (PKGC_PAM_MODULE | PKGC_SYSBIN_KEY)) &&
	    link_place(pf, target, sizeof(target)) != PATH_OTHER) {
		kind = "link_redirected";
		f = findings_add(out, d, "%s is a link to %s (%s): whatever "
		    "is put there runs as the system's %s", pf->path, target,
		    path_class_name(link_place(pf, target, sizeof(target))),
		    (pf->checks & PKGC_PAM_MODULE) ? "PAM module" : "program");
		f->severity = SEV_HIGH;
		f->confidence = CONF_HIGH;
		finding_ev_str(f, "link_target", target);
	} else if (unowned && (pf->checks & PKGC_PAM_MODULE)) {
		kind = "pam_unowned";
		f = findings_add(out, d, "PAM module %s belongs to no "
		    "installed package%s", pf->path, pf->npam_refs ?
		    ", and a PAM line loads it" : "");
		f->severity = SEV_HIGH;
		f->confidence = pf->npam_refs ? CONF_HIGH : CONF_MEDIUM;
	} else if (unowned && pf->pam_outside) {
		kind = "pam_conf_line";
		f = findings_add(out, d, "A PAM line loads %s from outside the "
		    "PAM module directories, and no package owns it",
		    pf->path);
		f->severity = SEV_HIGH;
		f->confidence = CONF_HIGH;
	} else if (unowned && (pf->checks & PKGC_SYSBIN)) {
		const char *n = base(pf->path);
		size_t hl;

		kind = "binary_unowned";
		why = NULL;
		sev = (pf->checks & PKGC_SYSBIN_KEY) ? SEV_LOW : SEV_INFO;
		conf = CONF_LOW;
		if (path_hidden_component(pf->path, &hl) &&
		    (pf->checks & PKGC_SYSBIN_KEY)) {
			why = "named like a system tool, in a hidden place among "
			    "the system's programs (a trojanized wrapper run "
			    "ahead of the real one)";
			sev = SEV_HIGH;
			conf = CONF_MEDIUM;
		} else if (path_hidden_component(pf->path, &hl)) {
			why = pf->elf ? "a hidden executable" : "a hidden file "
			    "among the system's programs";
			sev = SEV_MEDIUM;
			conf = CONF_MEDIUM;
		} else if (pf->elf && name_kthread_like(n, &why)) {
			why = "an executable named like a kernel thread";
			sev = SEV_MEDIUM;
			conf = CONF_MEDIUM;
		}
		f = findings_add(out, d, "%s belongs to no installed package%s%s",
		    pf->path, why ? ": " : "", why ? why : "");
		f->severity = sev;
		f->confidence = conf;
		finding_set_remediation(f, "If nobody here installed %s, keep a "
		    "copy and look at what runs it; software an administrator "
		    "built belongs in /usr/local.", pf->path);
	} else {
		return;
	}
	pkg_ev_file(f, pf);
	finding_ev_str(f, "kind", kind);
}

const struct detector det_root_pkg_modified = {
	.id = "RM-ROOT-001",
	.name = "PAM module or system binary not as packaged",
	.category = CAT_ROOTKIT,
	.severity = SEV_CRITICAL,
	.techniques = TECHNIQUES("T1556.003", "T1014", "T1036.005"),
	.description = "A PAM module or a system binary (ps, ls, ss, sshd, "
	    "login, ...) differs from the MD5 its dpkg package recorded, a PAM "
	    "module belongs to no package, or a PAM line loads one from "
	    "elsewhere.",
	.remediation = "Treat the host as compromised: keep a copy of the "
	    "file, remove an extra module and the /etc/pam.d line that loads "
	    "it, reinstall the package (apt-get install --reinstall PKG) from "
	    "trusted media, verify with dpkg --verify PKG, and rotate every "
	    "password and key used on this host.",
	.kinds = FACT_PKG_FILE,
	.check = check,
};
