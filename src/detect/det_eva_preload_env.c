/*
 * det_eva_preload_env.c - RM-EVA-002: LD_PRELOAD (or LD_AUDIT) set in a
 * running process.
 *
 * Per-process preloading hooks the same libc calls as ld.so.preload, for
 * one process tree: a hidden miner's parent, an SSH session, a trojaned
 * service unit.  False positives: coreutils' stdbuf (libstdbuf.so),
 * allocators, sanitizers, faketime, eatmydata; those are low.
 */
#include <stdio.h>
#include <string.h>

#include "../core/limits.h"

#include "detect_util.h"
#include "detector.h"
#include "preload_ev.h"

static bool
benign_name(const char *lib)
{
	static const char *const ok[] = {
		"libstdbuf.so", "libjemalloc.so", "libtcmalloc", "libmimalloc",
		"libeatmydata", "libfaketime", "libasan.so", "libclang_rt.",
		"libtsan.so", "libvgpreload", "vgpreload_", NULL,
	};
	const char *base = strrchr(lib, '/');

	base = base ? base + 1 : lib;
	for (int i = 0; ok[i]; i++)
		if (strncmp(base, ok[i], strlen(ok[i])) == 0)
			return true;
	return false;
}

struct verdict {
	enum path_class worst;     /* the most suspicious location */
	const char *worst_lib;     /* borrowed from the token buffer */
	bool all_benign;
	int n;
};

/* Judge one library as ld.so would find it: a path is opened as given, a
 * bare name is searched through LD_LIBRARY_PATH before the system dirs. */
static void
judge_lib(struct verdict *v, const char *lib, const char *libpath)
{
	enum path_class pc = PATH_OTHER;

	v->n++;
	if (strchr(lib, '/')) {
		pc = path_classify(lib);
	} else if (libpath) {
		const char *p = libpath;

		while (*p) {
			char dir[1024], full[1536];
			size_t n = strcspn(p, ":;");

			if (n && n < sizeof(dir)) {
				enum path_class c;

				memcpy(dir, p, n);
				dir[n] = '\0';
				snprintf(full, sizeof(full), "%s/%s", dir, lib);
				c = path_classify(full);
				if (c > pc)
					pc = c;
			}
			p += n;
			if (*p)
				p++;
		}
	}
	if (!benign_name(lib) || pc != PATH_OTHER)
		v->all_benign = false;
	if (pc > v->worst || v->worst_lib == NULL) {
		v->worst = pc > v->worst ? pc : v->worst;
		v->worst_lib = lib;
	}
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	const char *names[] = { "LD_PRELOAD", "LD_AUDIT" };
	const struct env_var *lp = proc_env(p, "LD_LIBRARY_PATH");

	for (int i = 0; i < 2; i++) {
		const struct env_var *e = proc_env(p, names[i]);
		struct verdict v = { .all_benign = true };
		const struct proc *parent;
		struct finding *f;
		char toks[RM_ENV_VALUE_KEEP + 1], *save = NULL, *t;
		const char *libs[64], *hook = NULL;
		struct preload_verdict pv = { 0 };
		int nl = 0;

		if (e == NULL || e->value_len == 0)
			continue;
		/* A child inherits the environment: report the topmost
		 * process with the same value, not every descendant. */
		parent = snapshot_proc(s, p->ppid);
		if (parent) {
			const struct env_var *pe = proc_env(parent, names[i]);

			if (pe && pe->value_len == e->value_len &&
			    strcmp(pe->value, e->value) == 0)
				continue;
		}
		/* ld.so splits the list at spaces and colons */
		snprintf(toks, sizeof(toks), "%s", e->value);
		for (t = strtok_r(toks, " :\t", &save); t;
		    t = strtok_r(NULL, " :\t", &save)) {
			judge_lib(&v, t, lp ? lp->value : NULL);
			if (nl < 64 && strchr(t, '/'))
				libs[nl++] = t;
		}
		if (v.n == 0)
			continue;
		/* what the libraries hook, as read in the process's mount
		 * namespace (collect/preload.c) */
		for (int k = 0; k < nl && !hook; k++)
			hook = preload_listing_hook(snapshot_preload_lib(s,
			    libs[k], p->ns_mnt));
		if (hook)
			f = findings_add(out, d, "Process %d (%.64s) runs with "
			    "%s=%.200s, which replaces %s(): it hides files or "
			    "processes from that process tree", (int)p->pid,
			    p->comm, names[i], e->value, hook);
		else
			f = findings_add(out, d, "Process %d (%.64s) runs with "
			    "%s=%.200s", (int)p->pid, p->comm, names[i],
			    e->value);
		for (int k = 0; k < nl; k++)
			preload_ev_lib(f, libs[k], snapshot_preload_lib(s,
			    libs[k], p->ns_mnt), &pv);
		finding_set_process(f, p, s);
		finding_ev_str(f, "variable", names[i]);
		finding_ev_str(f, "value", e->value);
		if (e->value_len > strlen(e->value))
			finding_ev_int(f, "value_length", e->value_len);
		if (lp)
			finding_ev_str(f, "ld_library_path", lp->value);
		if (pv.nlisting) {
			f->severity = SEV_CRITICAL;
			f->confidence = CONF_HIGH;
			if (v.worst != PATH_OTHER) {
				finding_ev_str(f, "location",
				    path_class_name(v.worst));
				finding_ev_str(f, "suspicious_library",
				    v.worst_lib);
			}
		} else if (v.worst != PATH_OTHER) {
			f->severity = SEV_CRITICAL;
			f->confidence = CONF_HIGH;
			finding_ev_str(f, "location", path_class_name(v.worst));
			finding_ev_str(f, "suspicious_library", v.worst_lib);
		} else if (v.all_benign && e->value_len == strlen(e->value)) {
			f->severity = SEV_LOW;
			f->confidence = CONF_LOW;
			finding_ev_str(f, "note", "a library commonly preloaded "
			    "on purpose");
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
	    "library of someone's choosing hooks its calls (critical when it "
	    "replaces readdir or opendir).",
	.remediation = "Identify the library and who set the variable (the "
	    "process's parent, its service unit, shell profiles); copy the "
	    "library for analysis and restart the process without it.",
	.kinds = FACT_PROC,
	.check = check,
};
