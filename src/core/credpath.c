/*
 * credpath.c - the table of credential file locations (credpath.h).
 */
#include <stdlib.h>
#include <string.h>

#include "credpath.h"

/* How a row matches: the path contains `dir` (a directory component run,
 * "" for any) and its last component matches `base` (exact, or a prefix
 * when it ends in '*', or a suffix when it starts with '*'). */
struct credrow {
	const char *dir;
	const char *base;
	enum cred_kind kind;
};

static const struct credrow rows[] = {
	{ "/.aws/", "credentials", CRED_AWS },
	{ "/.aws/", "config", CRED_AWS },
	{ "/.config/gcloud/", "application_default_credentials.json", CRED_GCP },
	{ "/.config/gcloud/", "credentials.db", CRED_GCP },
	{ "/.config/gcloud/", "access_tokens.db", CRED_GCP },
	{ "/.config/gcloud/legacy_credentials/", "*", CRED_GCP },
	{ "/.azure/", "msal_token_cache.json", CRED_AZURE },
	{ "/.azure/", "msal_token_cache.bin", CRED_AZURE },
	{ "/.azure/", "accessTokens.json", CRED_AZURE },
	{ "/.azure/", "service_principal_entries.json", CRED_AZURE },
	{ "/.kube/", "config", CRED_KUBECONFIG },
	{ "/etc/kubernetes/", "admin.conf", CRED_KUBECONFIG },
	{ "/etc/kubernetes/", "kubelet.conf", CRED_KUBECONFIG },
	{ "/etc/kubernetes/", "super-admin.conf", CRED_KUBECONFIG },
	{ "/etc/kubernetes/", "controller-manager.conf", CRED_KUBECONFIG },
	{ "/etc/kubernetes/", "scheduler.conf", CRED_KUBECONFIG },
	{ "/etc/rancher/k3s/", "k3s.yaml", CRED_KUBECONFIG },
	{ "/serviceaccount/", "token", CRED_K8S_TOKEN },
	{ "/.docker/", "config.json", CRED_DOCKER },
	{ "/.ssh/", "id_*", CRED_SSH_KEY },
	{ "", "*.pem", CRED_SSH_KEY },
	{ "", ".env", CRED_ENV_FILE },
	{ "", ".env.*", CRED_ENV_FILE },
	{ "", ".bash_history", CRED_HISTORY },
	{ "", ".zsh_history", CRED_HISTORY },
	{ "", ".ash_history", CRED_HISTORY },
	{ "", ".mysql_history", CRED_HISTORY },
	{ "", ".psql_history", CRED_HISTORY },
	{ "", ".netrc", CRED_NETRC },
	{ "", ".git-credentials", CRED_NETRC },
};

static bool
base_match(const char *base, const char *pat)
{
	size_t bl = strlen(base), pl = strlen(pat);

	if (pl && pat[pl - 1] == '*')
		return bl >= pl - 1 && memcmp(base, pat, pl - 1) == 0;
	if (pat[0] == '*')
		return bl >= pl - 1 && pl > 1 &&
		    memcmp(base + bl - (pl - 1), pat + 1, pl - 1) == 0;
	return strcmp(base, pat) == 0;
}

enum cred_kind
credpath_kind(const char *path)
{
	const char *slash, *base;

	if (!path || !*path)
		return CRED_NONE;
	slash = strrchr(path, '/');
	base = slash ? slash + 1 : path;
	if (!*base)
		return CRED_NONE;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct credrow *r = &rows[i];

		if (!base_match(base, r->base))
			continue;
		if (r->dir[0]) {
			/* the directory run must end right before the base,
			 * except for legacy_credentials/<account>/ files */
			const char *d = strstr(path, r->dir);

			if (!d)
				continue;
			if (strcmp(r->base, "*") != 0 &&
			    d + strlen(r->dir) != base)
				continue;
		}
		/* "id_*.pub" is a public key: not a credential */
		if (r->kind == CRED_SSH_KEY) {
			size_t bl = strlen(base);

			if (bl > 4 && strcmp(base + bl - 4, ".pub") == 0)
				return CRED_NONE;
		}
		return r->kind;
	}
	return CRED_NONE;
}

const char *
credpath_kind_name(enum cred_kind k)
{
	static const char *const names[CRED_KIND_COUNT] = {
		[CRED_NONE] = "none",
		[CRED_AWS] = "aws",
		[CRED_GCP] = "gcp",
		[CRED_AZURE] = "azure",
		[CRED_KUBECONFIG] = "kubeconfig",
		[CRED_K8S_TOKEN] = "k8s-token",
		[CRED_DOCKER] = "docker",
		[CRED_SSH_KEY] = "ssh-key",
		[CRED_ENV_FILE] = "env-file",
		[CRED_HISTORY] = "history",
		[CRED_NETRC] = "netrc",
	};

	if ((unsigned)k >= CRED_KIND_COUNT)
		return "none";
	return names[k];
}

bool
credpath_is_environ(const char *path, long *pid)
{
	const char *p;
	char *end;
	long n;

	if (strncmp(path, "/proc/", 6) != 0)
		return false;
	p = path + 6;
	if (strcmp(p, "self/environ") == 0) {
		*pid = 0;
		return true;
	}
	if (*p < '1' || *p > '9')
		return false;
	n = strtol(p, &end, 10);
	if (strcmp(end, "/environ") != 0 || n <= 0)
		return false;
	*pid = n;
	return true;
}
