/*
 * det_min_hidden_cpu.c - RM-MIN-003: CPU that no visible process accounts
 * for.
 *
 * Mining needs cycles.  A miner hidden by a rootkit (a getdents hook, an
 * LKM, Perfctl's faked /proc/PID/stat) still burns them, and the kernel's
 * own count in /proc/stat does not lie the same way: compare the tasks'
 * time there (user+nice+system, interrupts and steal left out) with the
 * sum over every visible task during the same window, counting children
 * reaped meanwhile, tasks started during the window and rookmelder itself.
 * False positives: rookmelder inside a container sees only the
 * container's processes (say so); a very short window on a bursty host is
 * noisy, so the gap must be a whole core and a quarter of the machine.
 */
#include <stdio.h>

#include "detect_util.h"
#include "detector.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct host *h = fa->u.host;
	double gap, machine;
	struct finding *f;

	if (h->cpu_task_pct < 0 || h->cpu_procs_pct < 0 || !s->live)
		return;
	gap = h->cpu_task_pct - h->cpu_procs_pct;
	machine = (double)(h->ncpu ? h->ncpu : 1) * 100.0;
	if (gap < 90 || gap < machine * 0.25)
		return;
	f = findings_add(out, d, "%lld%% of a CPU was busy with tasks no "
	    "visible process accounts for: a hidden process (rootkit) or "
	    "faked process statistics", (long long)pct_int(gap));
	finding_ev_int(f, "unaccounted_cpu_percent", pct_int(gap));
	finding_ev_int(f, "tasks_cpu_percent", pct_int(h->cpu_task_pct));
	finding_ev_int(f, "visible_processes_cpu_percent",
	    pct_int(h->cpu_procs_pct));
	finding_ev_int(f, "cpus", h->ncpu);
	finding_ev_int(f, "visible_processes", (int64_t)s->nprocs);
	finding_ev_str(f, "note", "if rookmelder runs inside a container, "
	    "host processes are invisible to it: run it on the host");
	f->severity = gap >= 190 ? SEV_HIGH : SEV_MEDIUM;
	f->confidence = CONF_MEDIUM;
}

const struct detector det_min_hidden_cpu = {
	.id = "RM-MIN-003",
	.name = "CPU used by invisible processes",
	.category = CAT_MINING,
	.severity = SEV_MEDIUM,
	.techniques = TECHNIQUES("T1496.001", "T1014"),
	.description = "The kernel counts much more task CPU than all visible "
	    "processes used: something hides a (mining) process.",
	.remediation = "Rescan with the static binary and a longer window "
	    "(--cpu-window 5). Look for hidden processes (pids that answer "
	    "kill -0 but are missing from /proc listings), /etc/ld.so.preload "
	    "and unknown kernel modules; compare with the cloud provider's "
	    "CPU graph.",
	.kinds = FACT_HOST,
	.check = check,
};
