/*
 * det_cred_cmdline.c - RM-CRED-005: a command line that harvests
 * credentials: /proc/PID/environ of every process, or every home's
 * (or another user's) cloud keys, kubeconfig, registry auth or private
 * keys.
 *
 * The droppers' one-liners: "cat /proc/X/environ | grep AWS" with X a
 * wildcard, "find / -name credentials -path '*.aws*'", "cat
 * /home/X/.aws/credentials", "tar czf - /root/.docker/config.json".
 * Conservative: a credential path pattern must be named together with a
 * wildcard home or another user's home, or the environ wildcard; the
 * user's own files are theirs to read.
 */
#include <stdio.h>
#include <string.h>

#include "cred_util.h"
#include "detector.h"

static const char *const needles[] = {
	".aws/credentials", ".aws/config", ".docker/config.json",
	".kube/config", "serviceaccount/token", "application_default_"
	"credentials.json", ".azure/", "/.ssh/id_", ".git-credentials",
	NULL,
};

/* The cmdline names another user's credential path, or a wildcard home:
 * the path (its start) into *at. */
static const char *
foreign(const struct snapshot *s, const struct proc *p, const char **at)
{
	const char *c = p->cmdline;

	for (const char *const *n = needles; *n; n++) {
		const char *h = c;

		while ((h = strstr(h, *n)) != NULL) {
			const char *st = h;
			char path[512];
			int64_t owner;
			size_t l;

			while (st > c && st[-1] != ' ' && st[-1] != '\'' &&
			    st[-1] != '"' && st[-1] != '=')
				st--;
			l = strcspn(st, " '\"");
			if (l >= sizeof(path))
				l = sizeof(path) - 1;
			memcpy(path, st, l);
			path[l] = '\0';
			h += strlen(*n);
			if (strchr(path, '*') || strncmp(path, "/home/*", 7) == 0) {
				*at = st;
				return "a wildcard over homes";
			}
			if (path[0] != '/')
				continue;
			owner = credu_path_owner(s, path);
			if (owner >= 0 && owner != (int64_t)p->euid) {
				*at = st;
				return "another user's credential file";
			}
		}
	}
	return NULL;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	const char *why = NULL, *at = NULL;
	enum severity sev = SEV_HIGH;
	struct finding *f;

	if (!p->cmdline || p->exe_kind == EXE_NONE)
		return;
	at = strstr(p->cmdline, "/proc/*/environ");
	if (at)
		why = "every process's environment";
	else if ((why = foreign(s, p, &at)) != NULL &&
	    strcmp(why, "another user's credential file") == 0)
		sev = credu_is_tool(credu_name(p)) ? SEV_HIGH : SEV_MEDIUM;
	if (!why)
		return;
	f = findings_add(out, d, "process %d (%.64s) runs a command that "
	    "reads %s: %.120s", (int)p->pid, p->comm ? p->comm : "?", why, at);
	f->severity = sev;
	f->confidence = CONF_MEDIUM;
	finding_set_process(f, p, s);
	finding_ev_str(f, "why", why);
	finding_ev_strn(f, "match", at, strcspn(at, " '\"|;&"));
	credu_ev_ancestors(f, s, p);
}

const struct detector det_cred_cmdline = {
	.id = "RM-CRED-005",
	.name = "Command line harvesting credentials",
	.category = CAT_CREDENTIAL_THEFT,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1552.001", "T1552.004"),
	.description = "A command line reads every process's /proc/PID/environ, "
	    "or cloud keys, kubeconfigs, registry auth or private keys of every "
	    "home or of another user.",
	.remediation = "Keep evidence (/proc/PID/exe, cmdline, the script it "
	    "runs), stop it, and rotate the credentials it could read.",
	.kinds = FACT_PROC,
	.check = check,
};
