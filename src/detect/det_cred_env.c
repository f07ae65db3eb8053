/*
 * det_cred_env.c - RM-CRED-002: secrets in a process's environment.
 *
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AZURE_CLIENT_SECRET,
 * GOOGLE_APPLICATION_CREDENTIALS, *_TOKEN, *_PASSWORD: what TeamTNT's
 * /proc/PID/environ sweep collects.  Info for a service that holds them
 * (the inventory), low for cloud keys, high when the process itself looks
 * hostile (deleted, memfd or writable-directory executable): an
 * intruder's tool carrying stolen keys.  A child that inherited the same
 * names from its parent is not reported again.  Values are never shown;
 * an AWS access key id as its first and last 4 characters.
 */
#include <stdio.h>
#include <string.h>

#include "../collect/cred_parse.h"
#include "cred_util.h"
#include "detector.h"

static bool
cloud_name(const char *n)
{
	static const char *const cloud[] = {
		"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
		"AWS_SECURITY_TOKEN", "AZURE_CLIENT_SECRET",
		"GOOGLE_APPLICATION_CREDENTIALS", "ARM_CLIENT_SECRET",
		"DIGITALOCEAN_ACCESS_TOKEN", "KUBECONFIG", NULL,
	};

	return credu_name_in(n, cloud);
}

static bool
wanted(const struct env_var *e)
{
	if (e->value_len == 0)
		return false;
	return credparse_secret_name(e->name, strlen(e->name)) ||
	    strcmp(e->name, "KUBECONFIG") == 0;
}

/* The parent holds every wanted name of p, same lengths: inherited. */
static bool
inherited(const struct snapshot *s, const struct proc *p)
{
	const struct proc *pp = p->ppid > 0 ? snapshot_proc(s, p->ppid) : NULL;

	if (!pp)
		return false;
	for (uint32_t i = 0; i < p->nenv; i++) {
		bool found = false;

		if (!wanted(&p->env[i]))
			continue;
		for (uint32_t j = 0; j < pp->nenv && !found; j++)
			found = strcmp(pp->env[j].name, p->env[i].name) == 0 &&
			    pp->env[j].value_len == p->env[i].value_len;
		if (!found)
			return false;
	}
	return true;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	const char *odd = credu_exe_odd(p);
	uint32_t n = 0;
	bool cloud = false;
	char names[256] = "";
	struct finding *f;

	for (uint32_t i = 0; i < p->nenv; i++)
		if (wanted(&p->env[i])) {
			size_t l = strlen(names);

			n++;
			cloud |= cloud_name(p->env[i].name);
			if (n <= 4 && l + 2 < sizeof(names))
				snprintf(names + l, sizeof(names) - l, "%s%.60s",
				    l ? ", " : "", p->env[i].name);
		}
	if (n == 0 || (!odd && inherited(s, p)))
		return;
	f = findings_add(out, d, "process %d (%.64s) holds %s%s in its "
	    "environment%s%s", (int)p->pid, p->comm ? p->comm : "?", names,
	    n > 4 ? ", ..." : "", odd ? " and runs from an odd place: " : "",
	    odd ? odd : "");
	if (odd) {
		f->severity = cloud ? SEV_HIGH : SEV_MEDIUM;
		f->confidence = CONF_MEDIUM;
	} else {
		f->severity = cloud ? SEV_LOW : SEV_INFO;
		f->confidence = CONF_HIGH;
	}
	finding_set_process(f, p, s);
	for (uint32_t i = 0; i < p->nenv; i++) {
		const struct env_var *e = &p->env[i];

		if (!wanted(e))
			continue;
		finding_ev_list_add(f, "variables", e->name);
		if (strcmp(e->name, "AWS_ACCESS_KEY_ID") == 0) {
			char kid[32];

			credparse_key_id(e->value, strlen(e->value), kid,
			    sizeof(kid));
			finding_ev_str(f, "aws_access_key_id", kid);
		}
	}
	if (odd)
		finding_ev_str(f, "executable_note", odd);
	credu_ev_ancestors(f, s, p);
	if (odd)
		finding_set_remediation(f, "Keep evidence (copy /proc/%d/exe and "
		    "its environment), stop the process, and rotate every "
		    "credential named: an intruder's tool holds them.",
		    (int)p->pid);
}

const struct detector det_cred_env = {
	.id = "RM-CRED-002",
	.name = "Secrets in a process environment",
	.category = CAT_CREDENTIAL_THEFT,
	.severity = SEV_INFO,
	.techniques = TECHNIQUES("T1552.001", "T1552.007"),
	.description = "A process holds cloud keys, tokens or passwords in its "
	    "environment (what /proc/*/environ sweeps steal); high when the "
	    "process runs from a deleted, memfd or world-writable executable.",
	.remediation = "Prefer instance roles or a secret store to keys in "
	    "environments; if the host is compromised, rotate the named "
	    "credentials.",
	.kinds = FACT_PROC,
	.check = check,
};
