/*
 * det_min_tuning.c - RM-MIN-002: the host was tuned the way miners tune
 * it, and no process explains it.
 *
 * XMRig (and the scripts copied from its docs) enable MSR writes
 * ("modprobe msr allow_writes=on") for the RandomX MSR mod, which taints
 * the kernel (bit 2, "S") and, when allow_writes is "default", makes the
 * kernel log "Write to unrecognized MSR 0x.. by COMM (pid: N)": the comm
 * names the miner even when it hides.  Setup scripts also reserve huge
 * pages and persist vm.nr_hugepages and kernel.nmi_watchdog=0 in sysctl
 * files.  When a miner process is found these go into its RM-MIN-001
 * finding; alone they point at a miner that is hidden or gone.  False
 * positives: MSR tools (undervolting, benchmarks) are rare on servers;
 * databases reserve huge pages, so huge pages alone are not reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detector.h"
#include "miner.h"

/* Append item to a comma-separated list in buf. */
static void
strcat_safe(char *buf, size_t cap, const char *item)
{
	size_t n = strlen(buf);

	snprintf(buf + n, cap - n, "%s%s", n ? ", " : "", item);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct host *h = fa->u.host;
	bool msr_on = h->msr_allow_writes &&
	    strcmp(h->msr_allow_writes, "on") == 0;
	bool taint = h->taint > 0 && (h->taint & 4);
	bool nmi0 = false, huge = false;
	struct finding *f;
	int kernel = 0;

	for (uint32_t i = 0; i < h->nsysctls; i++) {
		if (strcmp(h->sysctls[i].key, "kernel.nmi_watchdog") == 0 &&
		    strcmp(h->sysctls[i].value, "0") == 0)
			nmi0 = true;
		if (strcmp(h->sysctls[i].key, "vm.nr_hugepages") == 0 &&
		    strtol(h->sysctls[i].value, NULL, 10) > 0)
			huge = true;
	}
	kernel = msr_on + taint + (h->nmsr_logs > 0);
	/* the copied miner setup persists both; either alone is common */
	if (kernel == 0 && !(nmi0 && huge))
		return;
	if (miner_any(s))
		return;  /* RM-MIN-001 carries this evidence */
	{
		char why[256] = "";

		if (msr_on)
			strcat_safe(why, sizeof(why), "MSR writes on");
		if (h->nmsr_logs)
			strcat_safe(why, sizeof(why), "MSR writes in the "
			    "kernel log");
		if (taint)
			strcat_safe(why, sizeof(why), "kernel tainted "
			    "CPU_OUT_OF_SPEC");
		if (nmi0 && huge)
			strcat_safe(why, sizeof(why), "huge pages and NMI "
			    "watchdog off persisted");
		f = findings_add(out, d, "The host is tuned for mining (%s) "
		    "but no mining process was seen: it may be hidden or gone",
		    why);
	}
	if (msr_on)
		finding_ev_str(f, "msr_allow_writes", "on");
	if (taint)
		finding_ev_bool(f, "kernel_taint_cpu_out_of_spec", true);
	for (uint32_t i = 0; i < h->nmsr_logs && i < 8; i++) {
		char line[160];

		snprintf(line, sizeof(line), "msr: Write to unrecognized MSR "
		    "0x%x by %.64s (pid: %lld)", h->msr_logs[i].msr,
		    h->msr_logs[i].comm, (long long)h->msr_logs[i].pid);
		finding_ev_list_add(f, "kernel_log", line);
	}
	for (uint32_t i = 0; i < h->nsysctls; i++) {
		char line[512];

		snprintf(line, sizeof(line), "%s:%u %s=%s", h->sysctls[i].path,
		    h->sysctls[i].line, h->sysctls[i].key, h->sysctls[i].value);
		finding_ev_list_add(f, "persisted_tuning", line);
	}
	if (h->nsysctls)  /* where to look first */
		finding_set_file(f, h->sysctls[0].path);
	if (h->hugepages_total > 0)
		finding_ev_int(f, "hugepages_reserved", h->hugepages_total);
	if (h->nmsr_logs || (msr_on && taint)) {
		f->severity = SEV_HIGH;
		f->confidence = CONF_HIGH;
	} else if (kernel) {
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_MEDIUM;
	} else {
		f->severity = SEV_LOW;
		f->confidence = CONF_LOW;
	}
}

const struct detector det_min_tuning = {
	.id = "RM-MIN-002",
	.name = "Host tuned for mining",
	.category = CAT_MINING,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1496.001", "T1562"),
	.description = "MSR writes enabled or logged, a CPU_OUT_OF_SPEC "
	    "kernel taint, or miner sysctl tuning persisted, with no visible "
	    "miner to explain it.",
	.remediation = "Find the writer: the kernel log names it (dmesg | "
	    "grep 'unrecognized MSR'). Check for hidden processes and "
	    "rootkits, unload msr (modprobe -r msr) unless you use it, remove "
	    "the persisted sysctl lines, and reboot to clear the taint once "
	    "the host is clean.",
	.kinds = FACT_HOST,
	.check = check,
};
