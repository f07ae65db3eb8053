/* registry.c - the static detector table and the detection loop. */
#include <string.h>

#include "detector.h"
#include "netfan.h"

#define DETECTOR(n) extern const struct detector det_##n;
#include "detectors.def"
#undef DETECTOR

const struct detector *const detector_table[] = {
#define DETECTOR(n) &det_##n,
#include "detectors.def"
#undef DETECTOR
	NULL
};

const char *const detector_categories[] = {
	CAT_EXPOSURE, CAT_INITIAL_ACCESS, CAT_MINING, CAT_EVASION,
	CAT_ROOTKIT, CAT_PERSISTENCE, CAT_CREDENTIAL_THEFT,
	CAT_LATERAL_MOVEMENT, CAT_ACCESS_RESALE, CAT_ABUSE, CAT_DATA_THEFT,
	CAT_RANSOMWARE_PREP, NULL
};

const struct detector *
detector_find(const char *id)
{
	for (const struct detector *const *d = detector_table; *d; d++)
		if (strcmp((*d)->id, id) == 0)
			return *d;
	return NULL;
}

/* Every fact of the snapshot, kind by kind, to `only` or (NULL) to every
 * detector that takes that kind. */
static void
run(const struct snapshot *s, const struct detector *only, unsigned kinds,
    struct findings *out)
{
	const struct {
		enum fact_kind kind;
		const void *v;
		size_t n, size;
	} t[] = {
		{ FACT_HOST, &s->host, 1, sizeof(s->host) },
		{ FACT_PROC, s->procs, s->nprocs, sizeof(*s->procs) },
		{ FACT_SOCK, s->socks, s->nsocks, sizeof(*s->socks) },
		{ FACT_ACCOUNT, s->accounts, s->naccounts, sizeof(*s->accounts) },
		{ FACT_GROUP, s->groups, s->ngroups, sizeof(*s->groups) },
		{ FACT_KMOD, s->kmods, s->nkmods, sizeof(*s->kmods) },
		{ FACT_CRON_FILE, s->cron_files, s->ncron_files,
		    sizeof(*s->cron_files) },
		{ FACT_CRON_JOB, s->cron_jobs, s->ncron_jobs,
		    sizeof(*s->cron_jobs) },
		{ FACT_SSH_KEY, s->ssh_keys, s->nssh_keys,
		    sizeof(*s->ssh_keys) },
		{ FACT_STARTUP, s->startup, s->nstartup,
		    sizeof(*s->startup) },
		{ FACT_SUDO, s->sudo_rules, s->nsudo_rules,
		    sizeof(*s->sudo_rules) },
		{ FACT_SSHD_OPT, s->sshd_opts, s->nsshd_opts,
		    sizeof(*s->sshd_opts) },
		{ FACT_PKG_FILE, s->pkg_files, s->npkg_files,
		    sizeof(*s->pkg_files) },
		{ FACT_TAMPER, s->tampers, s->ntampers,
		    sizeof(*s->tampers) },
		{ FACT_HIDDEN_PID, s->hidden_pids, s->nhidden_pids,
		    sizeof(*s->hidden_pids) },
		{ FACT_WEB_FILE, s->web_files, s->nweb_files,
		    sizeof(*s->web_files) },
		{ FACT_DATA_FILE, s->data_files, s->ndata_files,
		    sizeof(*s->data_files) },
		{ FACT_CREDENTIAL, s->cred_files, s->ncred_files,
		    sizeof(*s->cred_files) },
		{ FACT_SERVICE, s->services, s->nservices,
		    sizeof(*s->services) },
		{ FACT_CONTAINER, s->containers, s->ncontainers,
		    sizeof(*s->containers) },
		{ FACT_ARTEFACT, s->artefacts, s->nartefacts,
		    sizeof(*s->artefacts) },
		{ FACT_YARA, s->yara_hits, s->nyara_hits,
		    sizeof(*s->yara_hits) },
	};
	struct fact f;

	fan_index_drop(s);  /* a cache of the facts: built again if used */
	for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		f.kind = t[k].kind;
		if (!(kinds & f.kind))
			continue;
		for (size_t i = 0; i < t[k].n; i++) {
			f.u.any = (const char *)t[k].v + i * t[k].size;
			if (only) {
				if (only->kinds & f.kind)
					only->check(only, s, &f, out);
				continue;
			}
			for (const struct detector *const *d = detector_table;
			    *d; d++)
				if ((*d)->kinds & f.kind)
					(*d)->check(*d, s, &f, out);
		}
	}
}

void
detect_run(const struct snapshot *s, struct findings *out)
{
	run(s, NULL, FACT_ALL, out);
	findings_settle(out);
}

void
detect_run_one(const struct detector *d, const struct snapshot *s,
	       struct findings *out)
{
	run(s, d, FACT_ALL, out);
	findings_settle(out);
}

void
detect_run_kinds(const struct snapshot *s, unsigned kinds,
		 struct findings *out)
{
	run(s, NULL, kinds, out);
	findings_settle(out);
}
