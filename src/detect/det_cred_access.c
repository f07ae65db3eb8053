/*
 * det_cred_access.c - RM-CRED-004: a process holds another user's
 * credential file open, or many other processes' environments.
 *
 * The stealers' harvest (TeamTNT, Kinsing, 8220): cat, grep, find or tar
 * over ~/.aws/credentials, ~/.docker/config.json, ~/.kube/config,
 * ~/.ssh/id_*, and a loop over /proc/PID/environ.  proc.cred_fds names
 * the credential files a process holds (core/credpath.h); the file's
 * owner comes from a stat through the process's root (collect/cred.c),
 * or from whose home the path lies in.  The owning tools (aws, gcloud,
 * az, kubectl, docker, ssh, git ...) reading their own user's files say
 * nothing; another user's file in a shell tool or an odd executable is
 * high, a person's store (cloud keys, kubeconfig, registry auth, netrc,
 * ~/.ssh keys) in another program medium; a service holding a certificate
 * (*.pem), a pod token or a .env says nothing.  RM_CRED_ENVIRON_SWEEP or more open
 * /proc/PID/environ of other processes is a sweep: high.
 */
#include <stdio.h>
#include <string.h>

#include "../core/credpath.h"
#include "cred_util.h"
#include "detector.h"

static bool
owning_tool(const char *n)
{
	static const char *const tools[] = {
		"aws", "gcloud", "gsutil", "bq", "az", "kubectl", "helm",
		"k9s", "kubelet", "docker", "dockerd", "containerd", "podman",
		"ssh", "ssh-agent", "ssh-add", "scp", "sftp", "git",
		"git-remote-*", "terraform", "terragrunt", "pulumi", "packer",
		"vault", "php-fpm*", "java", "rookmelder", NULL,
	};

	return credu_name_in(n, tools);
}

/* A store that belongs to a person: not a service's certificate
 * (*.pem outside ~/.ssh), a pod's token, a web app's .env or a history,
 * which services hold by design. */
static bool
personal(const char *path)
{
	switch (credpath_kind(path)) {
	case CRED_AWS:
	case CRED_GCP:
	case CRED_AZURE:
	case CRED_KUBECONFIG:
	case CRED_DOCKER:
	case CRED_NETRC:
		return true;
	case CRED_SSH_KEY:
		return strstr(path, "/.ssh/") != NULL;
	default:
		return false;
	}
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	const char *odd = credu_exe_odd(p), *name = credu_name(p);
	bool tool = credu_is_tool(name) || (p->comm && credu_is_tool(p->comm));
	struct finding *f = NULL;
	enum severity sev = SEV_INFO;

	for (uint32_t i = 0; i < p->ncred_fds; i++) {
		const char *path = p->cred_fds[i];
		const struct cred_open *co = snapshot_cred_open(s, p->pid, path);
		int64_t owner = co && co->stat_ok ? (int64_t)co->uid :
		    credu_path_owner(s, path);
		enum severity fs;

		if (owner < 0 || owner == (int64_t)p->euid)
			continue;
		if (credpath_kind(path) == CRED_HISTORY && !tool && !odd)
			continue;
		if (odd || tool)
			fs = SEV_HIGH;
		else if ((owning_tool(name) && credu_exe_system(p)) ||
		    !personal(path))
			continue;
		else
			fs = SEV_MEDIUM;
		if (!f) {
			f = findings_add(out, d, "process %d (%.64s) holds "
			    "another user's credential file open: %.300s",
			    (int)p->pid, p->comm ? p->comm : "?", path);
			finding_set_process(f, p, s);
			finding_set_file(f, path);
			finding_ev_int(f, "file_owner_uid", owner);
			finding_ev_str(f, "kind",
			    credpath_kind_name(credpath_kind(path)));
		}
		finding_ev_list_add(f, "credential_files", path);
		if (fs > sev)
			sev = fs;
	}
	if (p->environ_fds >= RM_CRED_ENVIRON_SWEEP) {
		if (!f) {
			f = findings_add(out, d, "process %d (%.64s) holds %u "
			    "other processes' environments open: a sweep for "
			    "keys", (int)p->pid, p->comm ? p->comm : "?",
			    p->environ_fds);
			finding_set_process(f, p, s);
		}
		finding_ev_int(f, "environ_fds", p->environ_fds);
		sev = SEV_HIGH;
	}
	if (!f)
		return;
	f->severity = sev;
	f->confidence = (odd || tool) ? CONF_HIGH : CONF_MEDIUM;
	if (odd)
		finding_ev_str(f, "executable_note", odd);
	credu_ev_ancestors(f, s, p);
	finding_set_remediation(f, "Keep evidence (/proc/%d/exe, cmdline, "
	    "open files), stop the process, find how it got there, and rotate "
	    "the credentials it read.", (int)p->pid);
}

const struct detector det_cred_access = {
	.id = "RM-CRED-004",
	.name = "Process reading other users' credentials",
	.category = CAT_CREDENTIAL_THEFT,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1552.001", "T1552.004", "T1552.007"),
	.description = "A process holds another user's credential file open "
	    "(cloud keys, kubeconfig, registry auth, private keys) from a "
	    "shell tool or an odd executable, or sweeps other processes' "
	    "/proc/PID/environ.",
	.remediation = "Keep evidence, stop the process, and rotate the "
	    "credentials it read.",
	.kinds = FACT_PROC,
	.check = check,
};
