/*
 * fuzz_http_status.c - the reply of whatever answers on
 * 169.254.169.254:80 (expose_parse.c): httpparse_status on the status
 * line, httpparse_header on the head, and expp_cloud on DMI strings cut
 * from the same input (a VM's firmware strings are its owner's).
 *
 * Checked: a status is 100..599 and only when the input starts with
 * "HTTP/" and three digits follow; a header value is printable and
 * NUL-terminated within its buffer; the cloud is one of the enum's.
 */
#include "collect/expose_parse.h"
#include "core/err.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_dup(data, size);
	char *z = fuzz_dupz(data, size);
	char v[32];
	int code = -1, r;

	r = httpparse_status(s, size, &code);
	FUZZ_CHECK(r == RM_OK || r == RM_EPARSE);
	if (r == RM_OK) {
		FUZZ_CHECK(code >= 100 && code <= 599);
		FUZZ_CHECK(size >= 12 && memcmp(s, "HTTP/", 5) == 0);
	}
	if (httpparse_header(s, size, "Server", v, sizeof(v))) {
		FUZZ_CHECK(memchr(v, '\0', sizeof(v)) != NULL);
		for (const char *p = v; *p; p++)
			FUZZ_CHECK(*p >= 0x20 && *p < 0x7f);
	}
	{
		/* five DMI strings: the input split at NULs */
		const char *f[5] = { NULL, NULL, NULL, NULL, NULL };
		const char *p = z;
		enum cloud c;

		for (int i = 0; i < 5 && p <= z + size; i++) {
			f[i] = p;
			p += strlen(p) + 1;
		}
		c = expp_cloud(f[0], f[1], f[2], f[3], f[4]);
		FUZZ_CHECK(c >= CLOUD_NONE && c <= CLOUD_AZURE);
		FUZZ_CHECK(expp_cloud_name(c) != NULL);
	}
	free(z);
	free(s);
	return 0;
}
