/*
 * det_cred_file.c - RM-CRED-001: the credential stores on the host, and
 * those other users can read.
 *
 * Every store the inventory found (collect/cred.c) is one finding: info
 * when only its owner can read it (the list an incident plan needs to
 * say what to rotate), medium when members of a group other than the
 * owner's own can (a .env file excepted: the web server's group reads
 * it by design), high when every user can read a cloud key, kubeconfig,
 * service-account token or passphrase-less private key (medium for the
 * others: registry auth, .env, history).  "Can read" counts the
 * directories above the file: a 0644 file in a 0700 home is the owner's.
 * The finding names the key id cut short, the fingerprint or the names,
 * never the secret.
 */
#include <stdio.h>
#include <string.h>

#include "../core/credpath.h"
#include "detector.h"

static const char *
kind_title(enum cred_kind k)
{
	switch (k) {
	case CRED_AWS: return "AWS credentials";
	case CRED_GCP: return "Google Cloud credentials";
	case CRED_AZURE: return "Azure CLI tokens";
	case CRED_KUBECONFIG: return "Kubernetes kubeconfig";
	case CRED_K8S_TOKEN: return "Kubernetes service-account token";
	case CRED_DOCKER: return "Docker registry credentials";
	case CRED_SSH_KEY: return "SSH private key";
	case CRED_ENV_FILE: return ".env file with secrets";
	case CRED_HISTORY: return "shell history";
	case CRED_NETRC: return "netrc/git credentials";
	default: return "credential file";
	}
}

/* Worth high when everyone can read it. */
static bool
strong_kind(const struct cred_file *c)
{
	switch ((enum cred_kind)c->kind) {
	case CRED_AWS:
		return c->has_secret || c->has_session;
	case CRED_GCP:
	case CRED_AZURE:
	case CRED_KUBECONFIG:
	case CRED_K8S_TOKEN:
		return c->has_secret;
	case CRED_SSH_KEY:
		return c->recognised && !c->encrypted;
	default:
		return false;
	}
}

/* The mounted service-account token of a pod is 0644 by design. */
static bool
pod_token(const struct cred_file *c)
{
	return c->kind == CRED_K8S_TOKEN &&
	    (strncmp(c->path, "/var/run/secrets/", 17) == 0 ||
	    strncmp(c->path, "/run/secrets/", 13) == 0);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct cred_file *c = fa->u.cred;
	enum cred_kind k = (enum cred_kind)c->kind;
	const char *reach = "its owner", *what = "";
	enum severity sev = SEV_INFO;
	enum confidence conf = CONF_HIGH;
	struct finding *f;

	if (c->reach == CRED_REACH_WORLD && !pod_token(c)) {
		reach = "every user";
		sev = strong_kind(c) ? SEV_HIGH : SEV_MEDIUM;
		what = ": readable by every user";
	} else if (c->reach == CRED_REACH_GROUP && !c->group_private &&
	    !pod_token(c) && k != CRED_ENV_FILE) {
		/* a web app's .env readable by the web server's group
		 * (root:www-data 0640) is how it is meant to be */
		reach = "its group";
		sev = SEV_MEDIUM;
		conf = CONF_MEDIUM;
		what = ": readable by a group";
	} else if (c->reach != CRED_REACH_OWNER) {
		reach = c->reach == CRED_REACH_WORLD ? "every user" :
		    "its owner's group";
	}
	f = findings_add(out, d, "%s %s%s%s%.80s%s", kind_title(k), c->path,
	    what, c->fingerprint ? " (" : "", c->fingerprint ?
	    c->fingerprint : "", c->fingerprint ? ")" : "");
	f->severity = sev;
	f->confidence = conf;
	finding_set_file(f, c->path);
	finding_ev_str(f, "kind", credpath_kind_name(k));
	if (c->user)
		finding_ev_str(f, "account", c->user);
	if (c->fingerprint)
		finding_ev_str(f, "fingerprint", c->fingerprint);
	if (c->detail)
		finding_ev_str(f, "detail", c->detail);
	for (uint32_t i = 0; i < c->nnames; i++)
		finding_ev_list_add(f, "names", c->names[i]);
	if (c->nitems > c->nnames)
		finding_ev_int(f, "names_seen", c->nitems);
	finding_ev_str(f, "readable_by", reach);
	if (c->group)
		finding_ev_str(f, "group", c->group);
	finding_ev_bool(f, "secret_present", c->has_secret);
	if (c->has_session)
		finding_ev_bool(f, "session_token", true);
	if (k == CRED_SSH_KEY)
		finding_ev_bool(f, "passphrase", c->encrypted);
	if (c->truncated)
		finding_ev_bool(f, "truncated", true);
	if (c->read_err)
		finding_ev_bool(f, "unreadable", true);
	finding_ev_int(f, "size", (int64_t)c->size);
	finding_ev_file_meta(f, "file_", c->uid, c->mode, c->mtime);
	if (sev >= SEV_MEDIUM)
		finding_set_remediation(f, "Make it readable by its owner only "
		    "(chmod 600 %.200s; chmod 700 the directory), then treat the "
		    "credential as exposed: rotate it (new key, revoke the old "
		    "one) and check the provider's audit log for its use.",
		    c->path);
	(void)s;
}

const struct detector det_cred_file = {
	.id = "RM-CRED-001",
	.name = "Credential store on the host",
	.category = CAT_CREDENTIAL_THEFT,
	.severity = SEV_INFO,
	.techniques = TECHNIQUES("T1552.001", "T1552.004"),
	.description = "Cloud keys, kubeconfigs, service-account tokens, "
	    "registry auth, passphrase-less SSH keys and .env secrets on the "
	    "host (what an intruder takes first), and those other users can "
	    "read.",
	.remediation = "Keep the list: if the host is compromised, rotate "
	    "every credential on it (AWS/GCP/Azure keys, kube tokens, registry "
	    "passwords, SSH keys, the .env secrets) from a clean machine.",
	.kinds = FACT_CREDENTIAL,
	.check = check,
};
