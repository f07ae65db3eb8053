/*
 * det_min_software.c - RM-MIN-004: cryptocurrency software installed from
 * the distribution, running as itself.
 *
 * A monero node (monerod, from Debian's "monero" package) that an
 * administrator runs on purpose is not a compromise; it is still worth
 * knowing that it is there, and whether it mines.  The executable must be
 * a file the package installed (listed, and matching dpkg's MD5), running
 * under its own name from its own path; any disguise makes it RM-MIN-001
 * instead.  Packaged miners (xmrig) are never exempt: intruders install
 * them too; allow-list yours.
 * Allow-list it (docs/ALLOW.md) to silence this entirely.
 */
#include <string.h>

#include "detect_util.h"
#include "detector.h"
#include "miner.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	struct miner_view v;
	struct finding *f;
	bool mining;

	if (p->deep == NULL || p->deep->exe_package == NULL)
		return;
	miner_assess(s, p, &v);
	if (!v.sanctioned)
		return;  /* disguised, or a packaged miner: RM-MIN-001 */
	mining = (v.signals & (MS_STRATUM | MS_POOL_PORT | MS_POOL_NAME)) &&
	    (v.signals & MS_CPU);
	f = findings_add(out, d, "Process %d (%.64s) is cryptocurrency "
	    "software from the %s package%s", (int)p->pid, p->comm,
	    p->deep->exe_package, mining ? ", and it is mining" : "");
	finding_set_process(f, p, s);
	finding_set_file(f, p->exe);
	finding_ev_str(f, "package", p->deep->exe_package);
	finding_ev_bool(f, "mining", mining);
	if (p->cpu_pct >= 0)
		finding_ev_int(f, "cpu_percent", pct_int(p->cpu_pct));
	f->severity = mining ? SEV_LOW : SEV_INFO;
	f->confidence = CONF_HIGH;
}

const struct detector det_min_software = {
	.id = "RM-MIN-004",
	.name = "Cryptocurrency software installed",
	.category = CAT_MINING,
	.severity = SEV_INFO,
	.techniques = TECHNIQUES("T1496.001"),
	.description = "A distribution-installed cryptocurrency node (monerod) "
	    "runs undisguised: usually on purpose, worth confirming.",
	.remediation = "Confirm that someone runs it on purpose and that its "
	    "wallet is yours; if so, allow-list it in "
	    "/etc/rookmelder/allow.conf. If not, remove the package and treat "
	    "the host as compromised.",
	.kinds = FACT_PROC,
	.check = check,
};
