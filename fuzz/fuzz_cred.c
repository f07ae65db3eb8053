/*
 * fuzz_cred.c - every credential-store parser (collect/cred_parse.h) on
 * the same bytes: AWS ini, GCP and Azure JSON, kubeconfig YAML, the
 * service-account JWT, Docker config.json, SSH private keys, .env files
 * (all read from homes and images an intruder controls).  The first byte
 * picks nothing: each parser sees the whole input.
 *
 * Checked: every text field and name NUL-terminated in its buffer and
 * printable ASCII; nnames <= CRED_NAMES_MAX and <= nitems; a key id is
 * shown as at most 4 + 3 + 4 characters; a decoded base64 length
 * (core/b64.h, lax and strict) is within its cap.
 */
#include "collect/cred_parse.h"
#include "core/b64.h"
#include "fuzz.h"

static void
printable(const char *v, size_t cap)
{
	FUZZ_CHECK(memchr(v, '\0', cap) != NULL);
	for (; *v; v++)
		FUZZ_CHECK(*v >= 0x20 && *v < 0x7f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum cred_kind kinds[] = {
		CRED_AWS, CRED_GCP, CRED_AZURE, CRED_KUBECONFIG,
		CRED_K8S_TOKEN, CRED_DOCKER, CRED_SSH_KEY, CRED_ENV_FILE,
		CRED_HISTORY,
	};
	struct cred_info o;
	char *buf, kid[32];
	uint8_t dec[64];
	long n;

	if (size > 65536)
		return 0;
	buf = fuzz_dup(data, size);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		credparse(kinds[i], buf, size, &o);
		printable(o.fingerprint, sizeof(o.fingerprint));
		printable(o.detail, sizeof(o.detail));
		FUZZ_CHECK(o.nnames <= CRED_NAMES_MAX);
		FUZZ_CHECK(o.nnames <= o.nitems);
		for (uint32_t k = 0; k < o.nnames; k++)
			printable(o.names[k], sizeof(o.names[k]));
		FUZZ_CHECK(!(o.encrypted && o.no_passphrase));
	}
	credparse_key_id(buf, size, kid, sizeof(kid));
	printable(kid, sizeof(kid));
	FUZZ_CHECK(strlen(kid) <= 11);
	n = b64_decode(buf, size, dec, sizeof(dec), B64_URL | B64_LAX);
	FUZZ_CHECK(n >= -1 && n <= (long)sizeof(dec));
	n = b64_decode(buf, size, dec, sizeof(dec), B64_TRUNCATE);
	FUZZ_CHECK(n >= -1 && n <= (long)sizeof(dec));
	(void)credparse_secret_name(buf, size);
	free(buf);
	return 0;
}
