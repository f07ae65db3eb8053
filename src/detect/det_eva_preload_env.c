/*
 * det_eva_preload_env.c - RM-EVA-002: LD_PRELOAD (or LD_AUDIT) set in a
 * running process.
 *
 * Per-process preloading hooks the same libc calls as ld.so.preload, for
 * one process tree: a hidden miner's parent, an SSH session, a trojaned
 * service unit.  False positives: coreutils' stdbuf (libstdbuf.so),
 * allocators, sanitizers, faketime, eatmydata; those are low.
 */
#include <string.h>

#include "detect_util.h"
#include "detector.h"

static bool
benign_preload(const char *v)
{
	static const char *const ok[] = {
		"libstdbuf.so", "libjemalloc.so", "libtcmalloc", "libmimalloc",
		"libeatmydata", "libfaketime", "libasan.so", "libclang_rt.",
		"libtsan.so", "libvgpreload", "vgpreload_", NULL,
	};
	const char *base = strrchr(v, '/');

	base = base ? base + 1 : v;
	if (strchr(v, ':') || strchr(v, ' '))
		return false;  /* several libraries: judge each, not here */
	for (int i = 0; ok[i]; i++)
		if (strncmp(base, ok[i], strlen(ok[i])) == 0)
			return path_classify(v) == PATH_OTHER;
	return false;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	const char *names[] = { "LD_PRELOAD", "LD_AUDIT" };

	for (int i = 0; i < 2; i++) {
		const struct env_var *e = proc_env(p, names[i]);
		const struct proc *parent;
		struct finding *f;

		if (e == NULL || e->value_len == 0)
			continue;
		/* A child inherits the environment: report the topmost
		 * process with the same value, not every descendant. */
		parent = snapshot_proc(s, p->ppid);
		if (parent) {
			const struct env_var *pe = proc_env(parent, names[i]);

			if (pe && strcmp(pe->value, e->value) == 0)
				continue;
		}
		f = findings_add(out, d, "Process %d (%.64s) runs with %s=%.200s",
		    (int)p->pid, p->comm, names[i], e->value);
		finding_set_process(f, p, s);
		finding_ev_str(f, "variable", names[i]);
		finding_ev_str(f, "value", e->value);
		if (e->value_len > strlen(e->value))
			finding_ev_int(f, "value_length", e->value_len);
		if (benign_preload(e->value)) {
			f->severity = SEV_LOW;
			f->confidence = CONF_LOW;
			finding_ev_str(f, "note", "a library commonly preloaded "
			    "on purpose");
		} else if (path_classify(e->value) != PATH_OTHER) {
			f->severity = SEV_CRITICAL;
			f->confidence = CONF_HIGH;
			finding_ev_str(f, "location",
			    path_class_name(path_classify(e->value)));
		} else {
			f->severity = SEV_HIGH;
			f->confidence = CONF_MEDIUM;
		}
	}
}

const struct detector det_eva_preload_env = {
	.id = "RM-EVA-002",
	.name = "LD_PRELOAD in a running process",
	.category = CAT_EVASION,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1574.006"),
	.description = "A process runs with LD_PRELOAD or LD_AUDIT set, so a "
	    "library of someone's choosing hooks its calls.",
	.remediation = "Identify the library and who set the variable (the "
	    "process's parent, its service unit, shell profiles); copy the "
	    "library for analysis and restart the process without it.",
	.kinds = FACT_PROC,
	.check = check,
};
