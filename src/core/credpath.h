/*
 * credpath.h - is a path one of the files where credentials live?
 *
 * One table names the places cloud and infrastructure credentials are
 * kept (AWS, GCP, Azure, kubeconfig and service-account tokens, Docker
 * registry auth, SSH private keys, .env files, shell history, netrc and
 * git credentials).  The process collector uses it to keep the credential
 * files a process holds open; the credential collector and detectors use
 * it to name what they found.  Pure function over a string: fuzzed.
 */
#ifndef RM_CREDPATH_H
#define RM_CREDPATH_H

#include <stdbool.h>

enum cred_kind {
	CRED_NONE = 0,
	CRED_AWS,                  /* ~/.aws/credentials, ~/.aws/config */
	CRED_GCP,                  /* ~/.config/gcloud/..., key files */
	CRED_AZURE,                /* ~/.azure/... token caches */
	CRED_KUBECONFIG,           /* ~/.kube/config, /etc/kubernetes/X.conf */
	CRED_K8S_TOKEN,            /* .../serviceaccount/token */
	CRED_DOCKER,               /* ~/.docker/config.json */
	CRED_SSH_KEY,              /* ~/.ssh/id_*, *.pem */
	CRED_ENV_FILE,             /* .env, .env.production */
	CRED_HISTORY,              /* shell history (T1552.003) */
	CRED_NETRC,                /* ~/.netrc, ~/.git-credentials */
	CRED_KIND_COUNT
};

/* The kind of credential store path names, or CRED_NONE.  Looks at the
 * path's shape only (directory names and base name), never at a file. */
enum cred_kind credpath_kind(const char *path);

/* A short stable name for a kind: "aws", "gcp", "ssh-key", ... */
const char *credpath_kind_name(enum cred_kind k);

/* Whether path is /proc/N/environ (N a pid) or /proc/self/environ;
 * *pid gets N (0 for self). */
bool credpath_is_environ(const char *path, long *pid);

#endif
