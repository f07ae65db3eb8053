/*
 * det_ran_encrypt.c - RM-RAN-002: files encrypted with ordinary tools,
 * and backups or snapshots deleted.
 *
 * Linux extortion rarely needs custom ransomware: openssl enc, gpg -c,
 * ccrypt or 7z a -p over the data, after `rm -rf /var/backups`,
 * `lvremove`, `zfs destroy pool@snap`, `aws ec2 delete-snapshot`.  A
 * running encryptor is medium, high under the web server, from a
 * writable directory or a non-root user's cron.  A shell history line
 * that deletes the backup directory or cloud snapshots is high (the
 * other volume and snapshot removals medium: administrators do them); a
 * cron job or start-up file that does it is medium.
 */
#include <stdio.h>
#include <string.h>

#include "../collect/cron_parse.h"
#include "../collect/web_parse.h"
#include "data_util.h"
#include "detector.h"

static bool
grave(const char *what)
{
	return strstr(what, "backup directory") || strstr(what, "EBS") ||
	    strstr(what, "Compute Engine") || strstr(what, "Azure") ||
	    strstr(what, "shadow") || strstr(what, "RDS");
}

static void
encrypt_proc(const struct detector *d, const struct snapshot *s,
	     const struct proc *p, struct findings *out)
{
	const char *tool, *why;
	struct finding *f;

	if (p->cmdline == NULL)
		return;
	tool = webparse_encrypt_cmd(p->cmdline, strlen(p->cmdline));
	if (tool == NULL)
		return;
	why = data_proc_context(s, p);
	f = findings_add(out, d, "%s (pid %d) is encrypting files%s%s", tool,
	    (int)p->pid, why ? ": it " : "", why ? why : "");
	f->severity = why ? SEV_HIGH : SEV_MEDIUM;
	f->confidence = why ? CONF_MEDIUM : CONF_LOW;
	finding_set_process(f, p, s);
	finding_ev_str(f, "tool", tool);
	if (why)
		finding_ev_str(f, "context", why);
}

static void
command(const struct detector *d, const char *kind, const char *path,
	uint32_t line, const char *cmd, const char *user, struct findings *out)
{
	const char *what;
	struct finding *f;

	if (cmd == NULL || (what = webparse_backup_kill(cmd,
	    strlen(cmd))) == NULL)
		return;
	f = findings_add(out, d, "%s %s:%u %s", kind, path, line, what);
	f->severity = SEV_MEDIUM;
	f->confidence = CONF_MEDIUM;
	finding_set_file(f, path);
	finding_ev_int(f, "line", line);
	finding_ev_str(f, "command", cmd);
	finding_ev_str(f, "does", what);
	if (user)
		finding_ev_str(f, "user", user);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	switch (fa->kind) {
	case FACT_PROC:
		encrypt_proc(d, s, fa->u.proc, out);
		break;
	case FACT_CRON_JOB: {
		const struct cron_job *j = fa->u.cron_job;

		command(d, "cron job", j->file->path, j->line, j->command,
		    j->user ? j->user : j->file->user, out);
		break;
	}
	case FACT_STARTUP: {
		const struct startup_entry *e = fa->u.startup;

		if (e->line)
			command(d, "start-up file", e->file->path, e->line,
			    e->command, e->file->user, out);
		break;
	}
	case FACT_DATA_FILE: {
		const struct data_file *df = fa->u.data_file;
		struct finding *f;

		if (df->kind != DATAF_HIST || df->detail2 == NULL)
			return;
		f = findings_add(out, d, "shell history %s:%u %s", df->path,
		    df->line, df->detail2);
		f->severity = grave(df->detail2) ? SEV_HIGH : SEV_MEDIUM;
		f->confidence = CONF_MEDIUM;
		finding_set_file(f, df->path);
		finding_ev_int(f, "line", df->line);
		finding_ev_str(f, "command", df->detail);
		finding_ev_str(f, "does", df->detail2);
		if (df->user)
			finding_ev_str(f, "account", df->user);
		finding_ev_file_meta(f, "file_", df->uid, df->mode, df->mtime);
		break;
	}
	default:
		break;
	}
}

const struct detector det_ran_encrypt = {
	.id = "RM-RAN-002",
	.name = "Encryption at work or backups deleted",
	.category = CAT_RANSOMWARE_PREP,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1486", "T1490"),
	.description = "A running openssl enc, gpg -c, ccrypt or 7z a -p; a "
	    "shell history line, cron job or start-up file that deletes the "
	    "backup directory, LVM volumes, ZFS/btrfs snapshots or cloud "
	    "snapshots.",
	.remediation = "If files are being encrypted now, isolate the host "
	    "(keep it running for the keys in memory) and stop the process; "
	    "check that off-host backups and snapshots still exist and lock "
	    "them (object lock, deletion protection); find whose history or "
	    "job deleted them and how that account was reached.",
	.kinds = FACT_PROC | FACT_CRON_JOB | FACT_STARTUP | FACT_DATA_FILE,
	.check = check,
};
