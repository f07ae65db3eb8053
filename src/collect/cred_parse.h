/*
 * cred_parse.h - what a credential file holds, without keeping a secret.
 *
 * One parser per store (AWS ini, GCP and Azure JSON, kubeconfig YAML,
 * Kubernetes service-account JWT, Docker config.json, SSH private keys,
 * .env files).  Each reads at most the bytes it is given (the collector
 * caps them), tolerates any byte, and fills a struct cred_info with names,
 * key ids cut to a prefix and the last 4 characters, fingerprints and
 * flags: never a secret value, never a token.  Pure: fuzzed.
 */
#ifndef RM_CRED_PARSE_H
#define RM_CRED_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/credpath.h"

#define CRED_TEXT_MAX 192          /* fingerprint, detail */
#define CRED_NAMES_MAX 16          /* names kept (profiles, users, keys) */
#define CRED_NAME_LEN 64
#define CRED_DECODE_MAX 16384      /* bytes of base64 decoded (SSH, JWT) */

struct cred_info {
	bool recognised;           /* the bytes have the store's shape */
	bool has_secret;           /* a secret, token or private key is in */
	bool has_session;          /* an AWS session token */
	bool encrypted;            /* a private key with a passphrase */
	bool no_passphrase;        /* a private key anyone holding it can use */
	char fingerprint[CRED_TEXT_MAX];  /* printable; never a secret */
	char detail[CRED_TEXT_MAX];       /* key type, credential helper... */
	char names[CRED_NAMES_MAX][CRED_NAME_LEN];  /* profiles, users,
						      * registries, .env keys */
	uint32_t nnames;           /* kept */
	uint32_t nitems;           /* seen (may exceed nnames) */
};

/* Parse buf (len bytes, not NUL-terminated) as a store of kind k. */
void credparse(enum cred_kind k, const char *buf, size_t len,
	       struct cred_info *out);

/* The single parsers (credparse dispatches to them). */
void credparse_aws(const char *buf, size_t len, struct cred_info *out);
void credparse_gcp(const char *buf, size_t len, struct cred_info *out);
void credparse_azure(const char *buf, size_t len, struct cred_info *out);
void credparse_kubeconfig(const char *buf, size_t len, struct cred_info *out);
void credparse_k8s_token(const char *buf, size_t len, struct cred_info *out);
void credparse_docker(const char *buf, size_t len, struct cred_info *out);
void credparse_ssh_key(const char *buf, size_t len, struct cred_info *out);
void credparse_env(const char *buf, size_t len, struct cred_info *out);

/* An access key id (AKIAIOSFODNN7EXAMPLE) as "AKIA...MPLE": 4 characters,
 * "...", the last 4; "(short)" below 16 characters, so a password in the
 * wrong field never shows.  out gets at most outsz-1 bytes. */
void credparse_key_id(const char *id, size_t n, char *out, size_t outsz);

/* Whether an environment or .env variable name names a secret
 * (AWS_SECRET_ACCESS_KEY, DB_PASSWORD, STRIPE_SECRET, *_TOKEN, ...). */
bool credparse_secret_name(const char *name, size_t n);

#endif
