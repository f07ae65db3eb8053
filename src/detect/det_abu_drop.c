/*
 * det_abu_drop.c - RM-ABU-005: a credential drop file.
 *
 * Phishing kits append each victim's answers to a text file next to the
 * page or in /tmp: "Email: ... Password: ... IP: ..." blocks,
 * "user@mail.com:secret" or "user|pass|ip" lines.  Written by the web
 * server's account, it is the harvest itself (high).  The same lines in a
 * file someone else owns in a web root are medium.  The credentials are
 * never printed: the file, its owner and line counts only.
 */
#include <stdio.h>

#include "detector.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct web_file *w = fa->u.web_file;
	const struct account *a;
	struct finding *f;

	if (w->kind != WEBF_DROP || w->creds == 0)
		return;
	a = snapshot_account_by_uid(s, w->uid);
	f = findings_add(out, d, "credential drop file %s: %u harvested "
	    "credential record%s in %u line%s%s%s", w->path, w->creds,
	    w->creds == 1 ? "" : "s", w->lines, w->lines == 1 ? "" : "s",
	    w->web_owner ? ", written by the web server's account " : "",
	    w->web_owner && a && a->name ? a->name : "");
	if (w->web_owner) {
		f->severity = SEV_HIGH;
		f->confidence = w->webroot ? CONF_HIGH : CONF_MEDIUM;
	} else if (w->webroot) {
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_MEDIUM;
	} else {
		f->severity = SEV_LOW;
		f->confidence = CONF_LOW;
	}
	finding_set_file(f, w->path);
	if (w->webroot)
		finding_ev_str(f, "web_root", w->webroot);
	finding_ev_int(f, "lines", w->lines);
	finding_ev_int(f, "credential_records", w->creds);
	finding_ev_bool(f, "written_by_web_server", w->web_owner);
	if (w->truncated)
		finding_ev_bool(f, "read_in_part", true);
	finding_ev_int(f, "size", (int64_t)w->size);
	finding_ev_file_meta(f, "file_", w->uid, w->mode, w->mtime);
}

const struct detector det_abu_drop = {
	.id = "RM-ABU-005",
	.name = "Harvested credentials in a drop file",
	.category = CAT_ABUSE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1056.003", "T1584.004"),
	.description = "A text file in a web root or /tmp, written by the web "
	    "server's account, holding lines shaped like harvested "
	    "credentials (Email/Password/IP blocks, email:password or "
	    "user|pass lines); counted, never printed.",
	.remediation = "Copy the file somewhere safe for the investigation "
	    "and remove it from the web root (it can be downloaded), find the "
	    "kit that writes it (RM-ABU-004), and have the people and "
	    "services in it reset their passwords; treat its contents as "
	    "personal data.",
	.kinds = FACT_WEB_FILE,
	.check = check,
};
