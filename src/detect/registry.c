/* registry.c - the static detector table and the detection loop. */
#include <string.h>

#include "detector.h"

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

static void
run_kind(const struct snapshot *s, const struct fact *f,
	 struct findings *out)
{
	for (const struct detector *const *d = detector_table; *d; d++)
		if ((*d)->kinds & f->kind)
			(*d)->check(*d, s, f, out);
}

void
detect_run(const struct snapshot *s, struct findings *out)
{
	struct fact f;

	f.kind = FACT_HOST;
	f.u.host = &s->host;
	run_kind(s, &f, out);
	f.kind = FACT_PROC;
	for (size_t i = 0; i < s->nprocs; i++) {
		f.u.proc = &s->procs[i];
		run_kind(s, &f, out);
	}
	f.kind = FACT_SOCK;
	for (size_t i = 0; i < s->nsocks; i++) {
		f.u.sock = &s->socks[i];
		run_kind(s, &f, out);
	}
	f.kind = FACT_ACCOUNT;
	for (size_t i = 0; i < s->naccounts; i++) {
		f.u.account = &s->accounts[i];
		run_kind(s, &f, out);
	}
	f.kind = FACT_GROUP;
	for (size_t i = 0; i < s->ngroups; i++) {
		f.u.group = &s->groups[i];
		run_kind(s, &f, out);
	}
	f.kind = FACT_KMOD;
	for (size_t i = 0; i < s->nkmods; i++) {
		f.u.kmod = &s->kmods[i];
		run_kind(s, &f, out);
	}
}
