/*
 * fuzz_ssh_key.c - sshparse_key_line on each line of an authorized_keys
 * file (in an image or a home, the attacker's).
 *
 * Checked: every text field NUL-terminated in its buffer and printable;
 * a key has a type and a fingerprint "SHA256:" + 43 base64 characters;
 * a blank or invalid line has no fingerprint.
 */
#include "collect/ssh_parse.h"
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
	const char *p = (const char *)data, *end = p + size;

	while (p <= end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		struct ssh_key_line l;
		char *line;
		size_t n;

		if (e == NULL)
			e = end;
		n = (size_t)(e - p);
		line = fuzz_dup((const uint8_t *)p, n);
		sshparse_key_line(line, n, &l);
		printable(l.type, sizeof(l.type));
		printable(l.comment, sizeof(l.comment));
		printable(l.command, sizeof(l.command));
		printable(l.from, sizeof(l.from));
		FUZZ_CHECK(memchr(l.fingerprint, '\0', sizeof(l.fingerprint)));
		if (l.kind == SSHL_KEY) {
			FUZZ_CHECK(l.type[0] != '\0');
			FUZZ_CHECK(strncmp(l.fingerprint, "SHA256:", 7) == 0 &&
			    strlen(l.fingerprint) == 50);
		} else {
			FUZZ_CHECK(l.fingerprint[0] == '\0');
		}
		free(line);
		p = e + 1;
	}
	return 0;
}
