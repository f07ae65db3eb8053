/*
 * det_eva_proc_mount.c - RM-EVA-003: a mount over /proc/PID.
 *
 * Process hiding without a rootkit: bind-mount an empty directory over
 * /proc/PID and ps, top, pgrep and every /proc reader see nothing there,
 * while the process runs on (THREATS.md EVA-4).  A mount over a file in
 * it (/proc/PID/cmdline, status) fakes what it says.  Nothing legitimate
 * mounts there.
 *
 * The pid probe (collect/hidden.c) tells whether the process behind a
 * whole-directory mount is alive: evidence process_alive and found_by,
 * and RM-ROOT-002 leaves that pid to this finding.
 */
#include <string.h>

#include "detector.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct host *h = fa->u.host;

	for (uint32_t i = 0; i < h->nproc_mounts; i++) {
		const struct proc_mount *m = &h->proc_mounts[i];
		bool whole = strchr(m->mount_point + 6, '/') == NULL;
		const struct hidden_pid *hp;
		struct finding *f;

		f = findings_add(out, d, whole ? "A mount over %s hides "
		    "process %d from ps, top and every /proc reader" :
		    "A mount over %s fakes what process %d shows",
		    m->mount_point, (int)m->pid);
		f->severity = SEV_CRITICAL;
		f->confidence = CONF_HIGH;
		finding_set_file(f, m->mount_point);
		finding_ev_int(f, "hidden_pid", m->pid);
		finding_ev_str(f, "mount_point", m->mount_point);
		finding_ev_str(f, "mounted", m->root);
		if (m->fstype[0])
			finding_ev_str(f, "fstype", m->fstype);
		if (m->source[0])
			finding_ev_str(f, "source", m->source);
		if (whole && (hp = snapshot_hidden_pid(s, m->pid)) != NULL) {
			finding_ev_bool(f, "process_alive", true);
			if (hp->how & HIDDEN_BY_KILL)
				finding_ev_list_add(f, "found_by", "kill");
			if (hp->how & HIDDEN_BY_GETPGID)
				finding_ev_list_add(f, "found_by", "getpgid");
			if (hp->comm)
				finding_ev_str(f, "hidden_process_name",
				    hp->comm);
			finding_ev_str(f, "see_also", "RM-ROOT-002 checked "
			    "this pid: hidden by this mount, not by the "
			    "kernel");
		}
	}
}

const struct detector det_eva_proc_mount = {
	.id = "RM-EVA-003",
	.name = "Mount over /proc/PID",
	.category = CAT_EVASION,
	.severity = SEV_CRITICAL,
	.techniques = TECHNIQUES("T1564", "T1014"),
	.description = "Something is mounted over /proc/PID: the process is "
	    "hidden from ps, top and /proc readers (or what it shows is "
	    "faked), without a rootkit.",
	.remediation = "Unmount it (umount /proc/PID, in this mount "
	    "namespace), then look at the process it hid: its executable, "
	    "command line, connections and parent; it is most likely the "
	    "miner or a backdoor.  Find who mounted it (shell history, "
	    "cron, systemd units).",
	.kinds = FACT_HOST,
	.check = check,
};
