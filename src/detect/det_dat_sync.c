/*
 * det_dat_sync.c - RM-DAT-001: data synced to a remote store.
 *
 * Before ransomware or a sale, data leaves with ordinary tools: rclone to
 * MEGA, S3 or an FTP server, restic to an sftp/s3/rest repository,
 * MEGAcmd, aws s3 cp, rsync to HOST:PATH.  An rclone remote of an
 * off-site type in a home's rclone.conf (name and type only; its keys are
 * never read out) and a running sync to a remote are medium: rookmelder
 * cannot know which remote is foreign, so an administrator's own backup
 * is silenced with an allow rule (docs/ALLOW.md).  A sync run as the web
 * server's account, under the web server, from a writable or hidden
 * directory, or from a non-root user's cron is high; restic started by
 * the system cron as root (the usual backup) is low.
 */
#include <stdio.h>
#include <string.h>

#include "../collect/web_parse.h"
#include "data_util.h"
#include "detect_util.h"
#include "detector.h"

static void
remote_file(const struct detector *d, const struct data_file *df,
	    struct findings *out)
{
	struct finding *f;

	if (df->kind != DATAF_RCLONE || df->detail2 == NULL ||
	    !webparse_rclone_offsite(df->detail2))
		return;
	f = findings_add(out, d, "rclone remote \"%s\" (type %s) in %s: data "
	    "can be copied off this host with it", df->detail, df->detail2,
	    df->path);
	f->severity = SEV_MEDIUM;
	f->confidence = CONF_LOW;
	finding_set_file(f, df->path);
	finding_ev_str(f, "remote", df->detail);
	finding_ev_str(f, "remote_type", df->detail2);
	finding_ev_int(f, "line", df->line);
	if (df->user)
		finding_ev_str(f, "account", df->user);
	finding_ev_file_meta(f, "file_", df->uid, df->mode, df->mtime);
}

static void
sync_proc(const struct detector *d, const struct snapshot *s,
	  const struct proc *p, struct findings *out)
{
	char remote[256];
	const char *tool, *why;
	struct finding *f;

	if (p->cmdline == NULL)
		return;
	tool = webparse_sync_cmd(p->cmdline, strlen(p->cmdline), remote,
	    sizeof(remote));
	if (tool == NULL && p->comm && strcmp(p->comm, "restic") == 0) {
		const struct env_var *e = proc_env(p, "RESTIC_REPOSITORY");

		if (e && e->value && strchr(e->value, ':') &&
		    e->value[0] != '/') {
			size_t kept = strlen(e->value);

			tool = "restic";
			if (e->value_len > kept)  /* cut: user info may be past
						   * the cut, show the scheme */
				snprintf(remote, sizeof(remote), "%.*s:...",
				    (int)strcspn(e->value, ":"), e->value);
			else
				webparse_remote(remote, sizeof(remote),
				    e->value, kept);
		}
	}
	if (tool == NULL)
		return;
	why = data_proc_context(s, p);
	f = findings_add(out, d, "%s (pid %d) copies data to the remote %s%s%s",
	    tool, (int)p->pid, remote, why ? ": it " : "", why ? why : "");
	if (why) {
		f->severity = SEV_HIGH;
		f->confidence = CONF_MEDIUM;
	} else if (strcmp(tool, "restic") == 0 && p->ruid == 0 &&
	    data_proc_from_cron(s, p)) {
		f->severity = SEV_LOW;
		f->confidence = CONF_LOW;
		finding_ev_str(f, "note", "a backup started by cron as root, "
		    "most likely the administrator's");
	} else {
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_LOW;
	}
	finding_set_process(f, p, s);
	finding_ev_str(f, "tool", tool);
	finding_ev_str(f, "remote", remote);
	if (why)
		finding_ev_str(f, "context", why);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	if (fa->kind == FACT_DATA_FILE)
		remote_file(d, fa->u.data_file, out);
	else if (fa->kind == FACT_PROC)
		sync_proc(d, s, fa->u.proc, out);
}

const struct detector det_dat_sync = {
	.id = "RM-DAT-001",
	.name = "Data synced to a remote store",
	.category = CAT_DATA_THEFT,
	.severity = SEV_MEDIUM,
	.techniques = TECHNIQUES("T1567.002", "T1048", "T1020"),
	.description = "An rclone remote of an off-site type (mega, s3, "
	    "drive, ftp...), or a running rclone/restic/MEGAcmd/aws s3/rsync "
	    "copying to a remote; high when it runs under the web server, "
	    "from a writable directory or a non-root user's cron.",
	.remediation = "Ask who set the remote up; if nobody did, stop the "
	    "process, keep the config (it names the account the data went "
	    "to), revoke the remote's credentials at the provider, and work "
	    "out what was copied (the tool's logs, --log-file, bytes sent). "
	    "An administrator's backup: add an allow rule (docs/ALLOW.md).",
	.kinds = FACT_DATA_FILE | FACT_PROC,
	.check = check,
};
