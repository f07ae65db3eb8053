/*
 * fuzz_web_conf.c - the configuration parsers of collect/web_parse.c on
 * files from the host: `webparse_conf_roots` on an nginx server file and
 * an Apache site (byte 0 picks which; bit 1 also picks a small output
 * array), and `webparse_rclone` on the same text as an rclone.conf.
 *
 * Checked: at most max roots, each NUL-terminated inside its slot,
 * absolute, longer than "/", printable, free of '$', quotes, backslashes
 * and ".." components, without a trailing '/', and found in the input;
 * no two roots equal.  rclone remotes: at most max, name and type
 * NUL-terminated, non-empty, printable and found in the input, the line
 * within the input's line count, and never the value of a key other than
 * "type" (a secret) unless that value is also written as a type or name.
 */
#include "collect/web_parse.h"
#include "fuzz.h"

static void
check_root(const char *r, const char *in, size_t n)
{
	size_t l;

	FUZZ_CHECK(memchr(r, '\0', WEBP_PATH) != NULL);
	l = strlen(r);
	FUZZ_CHECK(l >= 2 && r[0] == '/' && r[l - 1] != '/');
	for (size_t i = 0; i < l; i++) {
		unsigned char c = (unsigned char)r[i];

		FUZZ_CHECK(c >= 0x20 && c < 0x7f && c != '$' && c != '"' &&
		    c != '\'' && c != '\\');
	}
	FUZZ_CHECK(strstr(r, "/../") == NULL);
	FUZZ_CHECK(l < 3 || strcmp(r + l - 3, "/..") != 0);
	FUZZ_CHECK(memmem(in, n, r, l) != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char (*roots)[WEBP_PATH];
	struct rclone_remote rem[8];
	size_t max, k, lines = 1;
	bool apache;
	char *s;

	if (size < 1)
		return 0;
	apache = data[0] & 1;
	max = (data[0] & 2) ? 2 : 16;
	s = fuzz_dup(data + 1, size - 1);
	roots = malloc(16 * WEBP_PATH);
	if (roots == NULL)
		abort();
	k = webparse_conf_roots(s, size - 1, apache, roots, max);
	FUZZ_CHECK(k <= max);
	for (size_t i = 0; i < k; i++) {
		check_root(roots[i], s, size - 1);
		for (size_t j = 0; j < i; j++)
			FUZZ_CHECK(strcmp(roots[i], roots[j]) != 0);
	}
	free(roots);

	for (size_t i = 0; i + 1 < size; i++)
		lines += s[i] == '\n';
	k = webparse_rclone(s, size - 1, rem, (data[0] & 2) ? 1 : 8);
	FUZZ_CHECK(k <= 8);
	for (size_t i = 0; i < k; i++) {
		FUZZ_CHECK(memchr(rem[i].name, '\0', WEBP_NAME) != NULL);
		FUZZ_CHECK(memchr(rem[i].type, '\0', WEBP_NAME) != NULL);
		FUZZ_CHECK(rem[i].name[0] && rem[i].type[0]);
		FUZZ_CHECK(memmem(s, size - 1, rem[i].name,
		    strlen(rem[i].name)) != NULL);
		FUZZ_CHECK(memmem(s, size - 1, rem[i].type,
		    strlen(rem[i].type)) != NULL);
		FUZZ_CHECK(rem[i].line >= 1 && rem[i].line <= lines);
		for (const char *p = rem[i].type; *p; p++)
			FUZZ_CHECK((unsigned char)*p >= 0x20 &&
			    (unsigned char)*p < 0x7f);
		(void)webparse_rclone_offsite(rem[i].type);
	}
	free(s);
	return 0;
}
