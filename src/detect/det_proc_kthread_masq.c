/*
 * det_proc_kthread_masq.c - RM-PROC-003: a user-space process dressed as
 * a kernel thread.
 *
 * Miners and backdoors name themselves [kworker/0:1], kdevtmpfsi, kswapd0
 * or [rcu_preempt] so that `ps` readers skip them.  A real kernel thread
 * has PF_KTHREAD in its stat flags, no executable and no user memory; a
 * masquerader has an exe link and an address space.  Very few false
 * positives: a legitimate program has no reason to look like this.
 */
#include <string.h>

#include "detect_util.h"
#include "detector.h"

/* Kernel thread names that are long enough to match as prefixes. */
static const char *const kthread_prefixes[] = {
	"kworker", "ksoftirqd", "kswapd", "kthreadd", "migration/", "rcu_",
	"watchdog/", "kdevtmpfs", "jbd2/", "xfsaild/", "xfs-", "kcompactd",
	"khugepaged", "kblockd", "ksmd", "kauditd", "khungtaskd",
	"oom_reaper", "kintegrityd", "cpuhp/", "idle_inject/", "irq/",
	"scsi_eh_", "scsi_tmf_", "kthrotld", "kstrp", "mm_percpu_wq", NULL,
};

/* md<N>_<personality> ("md0_raid1", "md127_resync") and raid<N>wq
 * ("raid5wq"): matched exactly, so md5sum, mdadm and raid6check are not
 * taken for kernel threads. */
static bool
md_raid_thread(const char *n)
{
	const char *p;

	if (strncmp(n, "md", 2) == 0) {
		for (p = n + 2; *p >= '0' && *p <= '9'; p++)
			;
		return p > n + 2 && *p == '_' && p[1] != '\0';
	}
	if (strncmp(n, "raid", 4) == 0) {
		for (p = n + 4; *p >= '0' && *p <= '9'; p++)
			;
		return p > n + 4 && strcmp(p, "wq") == 0;
	}
	return false;
}

/* Does the name (comm or argv0) look like a kernel thread's? */
static bool
kthread_like(const char *n, const char **why)
{
	size_t l;

	if (n == NULL || *n == '\0')
		return false;
	l = strlen(n);
	if (l >= 2 && n[0] == '[' && n[l - 1] == ']') {
		*why = "bracketed name, as ps shows kernel threads";
		return true;
	}
	*why = "name of a kernel thread";
	for (int i = 0; kthread_prefixes[i]; i++)
		if (strncmp(n, kthread_prefixes[i],
		    strlen(kthread_prefixes[i])) == 0)
			return true;
	return md_raid_thread(n);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	const char *why = NULL, *which;
	struct finding *f;

	if (p->flags & PF_KTHREAD_FLAG)
		return;  /* a real kernel thread */
	if (kthread_like(p->comm, &why))
		which = p->comm;
	else if (kthread_like(p->argv0, &why))
		which = p->argv0;
	else
		return;
	/* It must have something of its own: an executable or memory. */
	if (p->exe_kind == EXE_NONE && p->vsize_kb == 0 && p->rss_kb == 0)
		return;
	f = findings_add(out, d, "Process %d calls itself \"%.64s\" like a "
	    "kernel thread, but is a user program (%.256s)", (int)p->pid,
	    which, p->exe ? p->exe : "executable not readable");
	finding_set_process(f, p, s);
	finding_ev_str(f, "shown_name", which);
	finding_ev_str(f, "why", why);
	finding_ev_bool(f, "kernel_thread_flag", false);
	if (p->exe)
		finding_ev_str(f, "exe_link", p->exe);
	finding_ev_int(f, "rss_kb", (int64_t)p->rss_kb);
	f->severity = SEV_HIGH;
	f->confidence = p->exe ? CONF_HIGH : CONF_MEDIUM;
	if (p->exe_kind == EXE_DELETED || p->exe_kind == EXE_MEMFD ||
	    path_classify(p->exe) != PATH_OTHER)
		f->severity = SEV_CRITICAL;
}

const struct detector det_proc_kthread_masq = {
	.id = "RM-PROC-003",
	.name = "User process disguised as a kernel thread",
	.category = CAT_EVASION,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1036.004", "T1036.011"),
	.description = "A process has a kernel-thread name ([kworker/0:1], "
	    "kswapd0, kdevtmpfsi) but an executable and memory of its own.",
	.remediation = "Treat it as malware: copy /proc/PID/exe, record its "
	    "connections and parent, stop it, and look for the persistence "
	    "that will restart it (cron, systemd, rc files).",
	.kinds = FACT_PROC,
	.check = check,
};
