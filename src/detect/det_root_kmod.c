/*
 * det_root_kmod.c - RM-ROOT-003: a kernel module that hides, is a known
 * rootkit, or taints the kernel as out-of-tree or unsigned.
 *
 * THREATS.md EVA-3.  Facts: /proc/modules merged with /sys/module entries
 * that have an initstate (collect/kmod.c), the kernel's taint mask.
 *  - in /sys/module but not /proc/modules: hidden from lsmod (Diamorphine's
 *    list_del without kobject_del): critical;
 *  - in /proc/modules but not /sys/module: kobject removed: high;
 *  - a name on the rootkit list (rules/rootkit-modules.txt): critical;
 *  - taint O (out-of-tree) or E (unsigned) on a module that is not on the
 *    known-good list (nvidia, zfs, virtualbox ...): medium, low confidence;
 *  - the kernel tainted O or E while no visible module carries the flag:
 *    the module was unloaded or hides: medium.
 */
#include <stdio.h>
#include <string.h>

#include "../core/ioc.h"
#include "detector.h"

/* The kernel's taint letters, by bit (Documentation/admin-guide/
 * tainted-kernels.rst). */
static const struct {
	char letter;
	const char *what;
} taints[] = {
	{ 'P', "proprietary module" }, { 'F', "module force-loaded" },
	{ 'S', "out-of-spec system" }, { 'R', "module force-unloaded" },
	{ 'M', "machine check" }, { 'B', "bad page" },
	{ 'U', "taint requested by user space" }, { 'D', "kernel died (oops)" },
	{ 'A', "ACPI table overridden" }, { 'W', "kernel warning" },
	{ 'C', "staging driver" }, { 'I', "firmware bug workaround" },
	{ 'O', "out-of-tree module" }, { 'E', "unsigned module" },
	{ 'L', "soft lockup" }, { 'K', "live patched" },
	{ 'X', "auxiliary taint" }, { 'T', "built with struct randomisation" },
	{ 'N', "in-kernel test" },
};

#define TAINT_O (1 << 12)
#define TAINT_E (1 << 13)

static bool
carries(const struct kmod *m, char c)
{
	return (m->taint && strchr(m->taint, c)) ||
	    (m->sysfs_taint && strchr(m->sysfs_taint, c));
}

static void
check_host(const struct detector *d, const struct snapshot *s,
	   const struct host *h, struct findings *out)
{
	struct finding *f;
	bool o = false, e = false;
	char letters[32];
	size_t n = 0;

	if (h->taint <= 0 || !(h->taint & (TAINT_O | TAINT_E)) ||
	    !h->modules_supported)
		return;
	for (size_t i = 0; i < s->nkmods; i++) {
		o |= carries(&s->kmods[i], 'O');
		e |= carries(&s->kmods[i], 'E');
	}
	if ((!(h->taint & TAINT_O) || o) && (!(h->taint & TAINT_E) || e))
		return;  /* the modules that carry it speak for themselves */
	f = findings_add(out, d, "The kernel is tainted by an %s module that "
	    "no module list shows now: it was unloaded, or it hides",
	    (h->taint & TAINT_E) && !e ? "unsigned" : "out-of-tree");
	f->severity = SEV_MEDIUM;
	f->confidence = CONF_LOW;
	finding_ev_int(f, "taint", h->taint);
	for (size_t i = 0; i < sizeof(taints) / sizeof(taints[0]); i++)
		if (h->taint & (1LL << i)) {
			letters[n++] = taints[i].letter;
			finding_ev_list_add(f, "taint_flags", taints[i].what);
		}
	letters[n] = '\0';
	finding_ev_str(f, "taint_letters", letters);
	finding_ev_int(f, "modules_listed", (int64_t)s->nkmods);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct kmod *m;
	const char *rk, *good;
	enum severity sev = SEV_INFO;
	enum confidence conf = CONF_LOW;
	const char *why = NULL;
	struct finding *f;
	bool hidden_proc, hidden_sys, ooo;

	if (fa->kind == FACT_HOST) {
		check_host(d, s, fa->u.host, out);
		return;
	}
	m = fa->u.kmod;
	rk = s->ioc ? ioc_rootkit_module(s->ioc, m->name) : NULL;
	good = s->ioc ? ioc_good_module(s->ioc, m->name) : NULL;
	hidden_proc = m->in_sysfs && !m->in_proc_modules;
	hidden_sys = m->sysfs_read && m->in_proc_modules && !m->in_sysfs &&
	    m->state && strcmp(m->state, "Live") == 0;
	ooo = (carries(m, 'O') || carries(m, 'E')) && !good;
	if (rk) {
		sev = SEV_CRITICAL;
		conf = CONF_HIGH;
		why = "its name is a known rootkit's";
	} else if (hidden_proc) {
		sev = SEV_CRITICAL;
		conf = CONF_HIGH;
		why = "it is loaded (/sys/module) but hidden from /proc/modules "
		    "and lsmod";
	} else if (hidden_sys) {
		sev = SEV_HIGH;
		conf = CONF_MEDIUM;
		why = "it is in /proc/modules but its /sys/module entry was "
		    "removed";
	} else if (ooo) {
		sev = SEV_MEDIUM;
		conf = CONF_LOW;
		why = "an out-of-tree or unsigned module no list vouches for";
	} else {
		return;
	}
	f = findings_add(out, d, "Kernel module %.64s: %s", m->name, why);
	f->severity = sev;
	f->confidence = conf;
	finding_ev_str(f, "module", m->name);
	if (rk)
		finding_ev_str(f, "rootkit_list_entry", rk);
	finding_ev_bool(f, "in_proc_modules", m->in_proc_modules);
	if (m->sysfs_read)
		finding_ev_bool(f, "in_sys_module", m->in_sysfs);
	if (hidden_proc)
		finding_ev_list_add(f, "reasons", "hidden from /proc/modules");
	if (hidden_sys)
		finding_ev_list_add(f, "reasons", "hidden from /sys/module");
	if (carries(m, 'O'))
		finding_ev_list_add(f, "reasons", "out-of-tree (taint O)");
	if (carries(m, 'E'))
		finding_ev_list_add(f, "reasons", "unsigned (taint E)");
	if (m->taint)
		finding_ev_str(f, "taint", m->taint);
	if (m->sysfs_taint)
		finding_ev_str(f, "sysfs_taint", m->sysfs_taint);
	if (m->state && m->state[0])
		finding_ev_str(f, "state", m->state);
	if (m->in_proc_modules)
		finding_ev_int(f, "size", (int64_t)m->size);
	if (good)
		finding_ev_str(f, "known_good_entry", good);
	finding_set_remediation(f, "%s", sev >= SEV_HIGH ?
	    "Treat the kernel as compromised: do not unload the module "
	    "(rootkits fake that), capture memory if you can (LiME, "
	    "/proc/kcore), isolate the host and rebuild it from known-good "
	    "media.  Find how it was loaded: /etc/modules, "
	    "/etc/modules-load.d, cron, systemd units, shell history." :
	    "Check where the module comes from (modinfo NAME: filename, "
	    "signer, vermagic; the package that installed it).  If it is "
	    "expected here, add it to /etc/rookmelder/rootkit-modules.txt "
	    "as 'known-good NAME'.");
}

const struct detector det_root_kmod = {
	.id = "RM-ROOT-003",
	.name = "Kernel module rootkit signs",
	.category = CAT_ROOTKIT,
	.severity = SEV_CRITICAL,
	.techniques = TECHNIQUES("T1014", "T1547.006"),
	.description = "A kernel module is hidden from /proc/modules or "
	    "/sys/module, carries a known rootkit's name, or taints the kernel "
	    "as out-of-tree or unsigned without being a known driver.",
	.remediation = "Treat the kernel as compromised; capture evidence, "
	    "isolate and rebuild the host.",
	.kinds = FACT_KMOD | FACT_HOST,
	.check = check,
};
