/*
 * det_eva_hosts.c - RM-EVA-009: /etc/hosts sinks security or rival hosts.
 *
 * Droppers point an agent's update and reporting hosts at 127.0.0.1 so it
 * goes blind without being removed (high), and sink rivals' pools or the
 * registry rival images come from (Spinning YARN: "127.0.0.1
 * registry-1.docker.io") to keep the host to themselves (medium).  Ad-
 * and tracker-blocking hosts files sink other names: they are not matched.
 */
#include "detector.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct tamper *t = fa->u.tamper;
	struct finding *f;
	bool sec = t->kind == TAMPER_HOSTS_SECURITY;

	(void)s;
	if (t->kind != TAMPER_HOSTS_SECURITY && t->kind != TAMPER_HOSTS_POOL)
		return;
	f = findings_add(out, d, "%s sinks %s to a local address: %s", t->path,
	    t->detail, sec ? "a security agent's host, the agent is cut off" :
	    "a mining pool or registry a rival needs, blocked by a dropper");
	f->severity = sec ? SEV_HIGH : SEV_MEDIUM;
	f->confidence = sec ? CONF_HIGH : CONF_MEDIUM;
	finding_set_file(f, t->path);
	finding_ev_str(f, "name", t->detail);
	finding_ev_str(f, "matched", t->detail2);
	finding_ev_str(f, "address_family", t->flags == 10 ? "ipv6" : "ipv4");
}

const struct detector det_eva_hosts = {
	.id = "RM-EVA-009",
	.name = "/etc/hosts blocks security or rival hosts",
	.category = CAT_EVASION,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1562.001", "T1565.001"),
	.description = "/etc/hosts maps a security agent's update or "
	    "reporting host (high), or a mining pool or registry droppers "
	    "block for rivals (medium), to 127.0.0.1, 0.0.0.0 or ::1.",
	.remediation = "Remove the lines from /etc/hosts (lsattr first: it "
	    "may be immutable), restart the agent and let it report; a pool "
	    "blocked means a miner that wants the host to itself is likely "
	    "running: look for it.",
	.kinds = FACT_TAMPER,
	.check = check,
};
