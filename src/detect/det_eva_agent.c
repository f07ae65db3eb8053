/*
 * det_eva_agent.c - RM-EVA-008: security agents removed or disabled,
 * SELinux or AppArmor switched off.
 *
 * Miner droppers run the cloud vendors' uninstallers or "rm -rf
 * /usr/local/aegis*" (Kinsing, Rocke, TeamTNT), stop and disable
 * aliyun.service and bcm-agent, and write SELINUX=disabled, setenforce 0,
 * "systemctl disable apparmor".  Seen as: an agent's service registration
 * left while its files are gone, its directory left without its programs,
 * a unit masked (linked to /dev/null), SELinux configured off where it is
 * installed, AppArmor installed but off.  Administrators do some of this
 * on purpose: medium, except a masked agent or audit unit (high).
 */
#include <string.h>

#include "../collect/tamper_parse.h"
#include "detector.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct tamper *t = fa->u.tamper;
	struct finding *f;

	(void)s;
	switch (t->kind) {
	case TAMPER_AGENT_GONE:
		f = findings_add(out, d, "security agent %s was removed, but "
		    "its service %s is still registered: removed by hand, not "
		    "by its uninstaller", t->detail, t->path);
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_MEDIUM;
		finding_ev_str(f, "agent", t->detail);
		finding_ev_str(f, "registration", t->path);
		break;
	case TAMPER_AGENT_NOBIN:
		f = findings_add(out, d, "security agent %s: %s is there but "
		    "its programs are gone", t->detail, t->path);
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_MEDIUM;
		finding_ev_str(f, "agent", t->detail);
		break;
	case TAMPER_UNIT_MASKED:
		f = findings_add(out, d, "%s (%s) is masked: it cannot start, "
		    "not even by hand", t->detail2, t->detail);
		f->severity = strcmp(t->detail, "apparmor") == 0 ? SEV_MEDIUM :
		    SEV_HIGH;
		f->confidence = CONF_HIGH;
		finding_ev_str(f, "agent", t->detail);
		finding_ev_str(f, "unit", t->detail2);
		finding_ev_str(f, "link_target", "/dev/null");
		break;
	case TAMPER_UNIT_DISABLED:
		f = findings_add(out, d, "%s is installed but not enabled at "
		    "boot (systemctl disable %s)", t->detail2, t->detail);
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_MEDIUM;
		finding_ev_str(f, "unit", t->detail2);
		break;
	case TAMPER_SELINUX_CONFIG:
		/* Debian's policy packages ship permissive; droppers write
		 * "SELINUX=disabled" */
		f = findings_add(out, d, "%s line %u sets SELINUX=%s: SELinux "
		    "does not enforce its policy", t->path, t->line, t->detail);
		f->severity = t->flags == SELINUX_DISABLED ? SEV_MEDIUM :
		    SEV_LOW;
		f->confidence = CONF_MEDIUM;
		finding_ev_int(f, "line", t->line);
		finding_ev_str(f, "selinux_mode", t->detail);
		finding_ev_file_meta(f, "", t->uid, t->mode, t->mtime);
		break;
	case TAMPER_SELINUX_OFF:
		f = findings_add(out, d, "SELinux is configured enforcing but "
		    "runs permissive now (setenforce 0)");
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_HIGH;
		finding_ev_str(f, "enforce", t->detail);
		break;
	case TAMPER_APPARMOR_OFF:
		f = findings_add(out, d, "AppArmor is installed but the kernel "
		    "has it off (%s)", t->path);
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_MEDIUM;
		finding_ev_str(f, "source", t->path);
		finding_ev_str(f, "value", t->detail);
		break;
	default:
		return;
	}
	finding_set_file(f, t->path);
}

const struct detector det_eva_agent = {
	.id = "RM-EVA-008",
	.name = "Security agent removed or MAC switched off",
	.category = CAT_EVASION,
	.severity = SEV_MEDIUM,
	.techniques = TECHNIQUES("T1562.001", "T1489"),
	.description = "A host security or cloud agent (Aegis, YunJing, "
	    "CloudMonitor, bcm-agent, ...) was removed by hand or masked, or "
	    "SELinux/AppArmor is configured or running off where installed.",
	.remediation = "Ask whether an administrator removed it; if not, "
	    "treat the host as compromised: reinstall the agent from the "
	    "vendor, unmask the unit (systemctl unmask), re-enable SELinux "
	    "(SELINUX=enforcing, relabel) or AppArmor, and hunt for the miner "
	    "the agent would have reported.",
	.kinds = FACT_TAMPER,
	.check = check,
};
