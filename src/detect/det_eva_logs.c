/*
 * det_eva_logs.c - RM-EVA-007: login records and logs wiped.
 *
 * Only positive evidence of wiping, never mere absence: a fresh container
 * or a journald-only Debian 12 has no auth.log or syslog at all.
 *  - a log file that is a link to /dev/null (high): what is written there
 *    is thrown away;
 *  - a login record file (wtmp, btmp, lastlog) or log holding a few bytes
 *    of text such as "0" (high): "echo 0 > /var/log/wtmp" (hadooken);
 *  - wtmp emptied after this boot while an SSH session with a terminal is
 *    open (medium): the session's own login should be in it;
 *  - a log gone while logrotate's previous copy (X.1) is there (medium
 *    when the daemon that writes it is configured, else low).
 */
#include <string.h>

#include "detector.h"

static bool
ssh_session(const struct snapshot *s)
{
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *p = &s->procs[i];

		/* "sshd: alice@pts/0": sshd writes wtmp for sessions with a
		 * terminal only ("root@notty", scp, ansible: none) */
		if (p->comm && strcmp(p->comm, "sshd") == 0 && p->cmdline &&
		    strstr(p->cmdline, "@pts/"))
			return true;
	}
	return false;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct tamper *t = fa->u.tamper;
	struct finding *f;

	switch (t->kind) {
	case TAMPER_LOG_LINK:
		if (strcmp(t->detail, "/dev/null") != 0)
			return;
		f = findings_add(out, d, "%s is a link to /dev/null: "
		    "everything logged there is thrown away", t->path);
		f->severity = SEV_HIGH;
		f->confidence = CONF_HIGH;
		finding_ev_str(f, "link_target", t->detail);
		break;
	case TAMPER_LOG_OVERWRITTEN:
		f = findings_add(out, d, "%s was overwritten with text (\"echo "
		    "0 > %s\"): its records are gone", t->path, t->path);
		f->severity = SEV_HIGH;
		f->confidence = CONF_HIGH;
		finding_ev_str(f, "content", t->detail);
		finding_ev_int(f, "size", (int64_t)t->size);
		break;
	case TAMPER_LOG_EMPTIED:
		if (!ssh_session(s))
			return;
		f = findings_add(out, d, "%s was emptied after this boot while "
		    "an SSH session is open: its login should be recorded there",
		    t->path);
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_MEDIUM;
		finding_ev_int(f, "size", 0);
		break;
	case TAMPER_LOG_GONE:
		f = findings_add(out, d, "%s is gone while its rotated copy %s "
		    "is there: it was deleted", t->path, t->detail);
		f->severity = t->flags ? SEV_MEDIUM : SEV_LOW;
		f->confidence = t->flags ? CONF_MEDIUM : CONF_LOW;
		finding_ev_str(f, "rotated_copy", t->detail);
		finding_ev_bool(f, "writer_configured", t->flags != 0);
		finding_set_file(f, t->path);
		return;
	default:
		return;
	}
	finding_set_file(f, t->path);
	finding_ev_file_meta(f, "", t->uid, t->mode, t->mtime);
}

const struct detector det_eva_logs = {
	.id = "RM-EVA-007",
	.name = "Login records or logs wiped",
	.category = CAT_EVASION,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1070.002"),
	.description = "A log is a link to /dev/null, wtmp/btmp/lastlog or a "
	    "log was overwritten with a few bytes of text, wtmp was emptied "
	    "during an SSH session, or a log was deleted while its rotated "
	    "copy remains.",
	.remediation = "Restore the file (rm the link; touch it with the "
	    "owner and mode of the distribution: root:utmp 0664 for wtmp), "
	    "and rebuild the timeline from what the intruder did not reach: "
	    "the journal, rotated logs, logs shipped off the host.",
	.kinds = FACT_TAMPER,
	.check = check,
};
