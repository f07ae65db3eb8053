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

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	const char *why = NULL, *which;
	struct finding *f;

	if (p->flags & PF_KTHREAD_FLAG)
		return;  /* a real kernel thread */
	if (name_kthread_like(p->comm, &why))
		which = p->comm;
	else if (name_kthread_like(p->argv0, &why))
		which = p->argv0;
	else
		return;
	/* A zombie is dead: its name is all that is left of it (a test's
	 * killed miner waits there until init reaps it). */
	if (p->state == 'Z' || p->state == 'X')
		return;
	/* It must have something of its own: an executable or memory.  A
	 * link we may not read (not root) proves nothing by itself. */
	if ((p->exe_kind == EXE_NONE || p->exe_kind == EXE_DENIED) &&
	    p->vsize_kb == 0 && p->rss_kb == 0)
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
