/*
 * det_acct_uid0.c - RM-ACCT-001: an account other than root with uid 0.
 *
 * Attackers add a second superuser (a "toor", a "system", or an innocent
 * looking name) so they keep root even when root's password or keys are
 * changed.  Works on the live host and on a --root image.  A malformed
 * line (missing or extra fields) whose uid field reads 0 is reported too:
 * glibc still resolves it.  Essentially no false positives on Linux
 * servers.
 */
#include <string.h>

#include "detector.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct account *a = fa->u.account;
	struct finding *f;

	if (!a->uid_valid || a->uid != 0 || strcmp(a->name, "root") == 0)
		return;
	f = findings_add(out, d, "Account \"%.64s\" has uid 0: a second root "
	    "account", a->name);
	finding_set_file(f, "/etc/passwd");
	finding_ev_str(f, "account", a->name);
	finding_ev_int(f, "uid", 0);
	finding_ev_int(f, "line", a->line);
	finding_ev_str(f, "home", a->home);
	finding_ev_str(f, "shell", a->shell);
	finding_ev_bool(f, "has_password_field", a->passwd[0] != '\0' &&
	    strcmp(a->passwd, "x") != 0 && strcmp(a->passwd, "*") != 0);
	if (a->malformed)
		finding_ev_bool(f, "malformed_line", true);
	f->confidence = CONF_HIGH;
	(void)s;
}

const struct detector det_acct_uid0 = {
	.id = "RM-ACCT-001",
	.name = "Second uid-0 account",
	.category = CAT_PERSISTENCE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1136.001", "T1098"),
	.description = "An account other than root has user id 0 in "
	    "/etc/passwd: a backdoor superuser.",
	.remediation = "Lock the account now (usermod -L -s /usr/sbin/nologin "
	    "NAME), check /etc/shadow and its authorized_keys, find when it "
	    "was added (file times, logs), then remove it.",
	.kinds = FACT_ACCOUNT,
	.check = check,
};
