/*
 * det_eva_history.c - RM-EVA-006: shell history turned off.
 *
 * Droppers start with "export HISTFILE=/dev/null; unset HISTFILE;
 * HISTSIZE=0; history -c" and link ~/.bash_history to /dev/null so that
 * their commands leave nothing behind.  Seen three ways: the history file
 * is a link to /dev/null, a start-up file turns history off for every
 * future shell, or a running process carries HISTFILE=/dev/null (a shell
 * of the intruder's session now).  Some administrators set HISTSIZE=0 on
 * purpose: that alone is low.
 */
#include <string.h>

#include "detector.h"

static const char *
bits_text(unsigned b)
{
	return b & HIST_FILE_NULL ? "points HISTFILE at /dev/null" :
	    b & HIST_UNSET ? "unsets HISTFILE" :
	    b & HIST_CLEAR ? "clears the history (history -c)" :
	    b & HIST_OFF ? "turns history off (set +o history)" :
	    "sets the history size to 0";
}

static void
env_check(const struct detector *d, const struct snapshot *s,
	  const struct proc *p, struct findings *out)
{
	const char *why = NULL, *val = NULL;
	enum severity sev = SEV_MEDIUM;

	for (uint32_t i = 0; i < p->nenv; i++) {
		const struct env_var *e = &p->env[i];

		if (!e->name || !e->value)
			continue;
		if (strcmp(e->name, "HISTFILE") == 0 &&
		    (strcmp(e->value, "/dev/null") == 0 || e->value[0] == '\0')) {
			why = "HISTFILE";
			val = e->value;
			sev = SEV_MEDIUM;
			break;
		}
		if ((strcmp(e->name, "HISTSIZE") == 0 ||
		    strcmp(e->name, "HISTFILESIZE") == 0) &&
		    strcmp(e->value, "0") == 0 && why == NULL) {
			why = e->name;
			val = e->value;
			sev = SEV_LOW;
		}
	}
	if (why == NULL) {
		return;
	} else {
		struct finding *f = findings_add(out, d, "process %d (%.64s) "
		    "runs with %s=%s: its commands leave no history",
		    (int)p->pid, p->comm ? p->comm : "?", why, val);

		f->severity = sev;
		f->confidence = CONF_MEDIUM;
		finding_set_process(f, p, s);
		finding_ev_str(f, "variable", why);
		finding_ev_str(f, "value", val);
	}
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct tamper *t;
	struct finding *f;

	if (fa->kind == FACT_PROC) {
		env_check(d, s, fa->u.proc, out);
		return;
	}
	t = fa->u.tamper;
	if (t->kind == TAMPER_HIST_LINK) {
		if (strcmp(t->detail, "/dev/null") != 0)
			return;
		f = findings_add(out, d, "%s is a link to /dev/null: this "
		    "account's shell history is thrown away", t->path);
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_HIGH;
		finding_set_file(f, t->path);
		finding_ev_str(f, "link_target", t->detail);
		finding_ev_file_meta(f, "", t->uid, t->mode, t->mtime);
	} else if (t->kind == TAMPER_HIST_LINE) {
		bool weak = (t->flags & ~(unsigned)HIST_SIZE0) == 0;

		f = findings_add(out, d, "%s line %u %s for %s", t->path,
		    t->line, bits_text(t->flags), t->system ?
		    "every login shell" : "this account's shells");
		f->severity = weak ? SEV_LOW : SEV_MEDIUM;
		f->confidence = weak ? CONF_LOW : CONF_MEDIUM;
		finding_set_file(f, t->path);
		finding_ev_int(f, "line", t->line);
		finding_ev_str(f, "text", t->detail);
		finding_ev_bool(f, "system_wide", t->system);
		finding_ev_file_meta(f, "", t->uid, t->mode, t->mtime);
	}
}

const struct detector det_eva_history = {
	.id = "RM-EVA-006",
	.name = "Shell history turned off",
	.category = CAT_EVASION,
	.severity = SEV_MEDIUM,
	.techniques = TECHNIQUES("T1562.003", "T1070.003"),
	.description = "A history file links to /dev/null, a shell start-up "
	    "file unsets HISTFILE, points it at /dev/null, clears or disables "
	    "history, or a running process has HISTFILE=/dev/null.",
	.remediation = "Remove the line or link (rm the link; a new history "
	    "file is made at the next login), and treat the commands run "
	    "since as unknown: look at process start times, cron, ssh keys "
	    "and units written in that window.",
	.kinds = FACT_TAMPER | FACT_PROC,
	.check = check,
};
