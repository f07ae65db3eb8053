/*
 * fuzz_web_text.c - the content classifiers of collect/web_parse.c on
 * files and command lines an intruder writes: `webparse_kit` (a page),
 * `webparse_drop` + `webparse_drop_verdict` (a drop file),
 * `webparse_note_text`, `webparse_magic`, and on each line
 * `webparse_sync_cmd`, `webparse_encrypt_cmd`, `webparse_backup_kill`,
 * and, as file names, `webparse_note_name`, `webparse_ransom_ext`,
 * `webparse_brand_name`.  Byte 0 picks the remote buffer's size.
 *
 * Checked: only known bits; a brand is NUL-terminated and is one when
 * KIT_LURE is set; drop counts within the line count and a verdict's
 * record count within the counted lines; the magic within the enum and
 * named; a remote NUL-terminated within its buffer, printable and, when
 * it has no "@" cut, found in the line; a returned extension a suffix of
 * the (lower-cased) name.
 */
#include <ctype.h>

#include "collect/web_parse.h"
#include "fuzz.h"

static void
one_line(const char *l, size_t n, size_t cap)
{
	char remote[256], *name;
	const char *tool, *x;

	tool = webparse_sync_cmd(l, n, remote, cap);
	FUZZ_CHECK(memchr(remote, '\0', cap) != NULL);
	if (tool == NULL)
		FUZZ_CHECK(remote[0] == '\0');
	for (const char *p = remote; *p; p++)
		FUZZ_CHECK(!isspace((unsigned char)*p));
	(void)webparse_encrypt_cmd(l, n);
	x = webparse_backup_kill(l, n);
	if (x)
		FUZZ_CHECK(strlen(x) > 0);
	name = fuzz_dupz((const uint8_t *)l, n);
	(void)webparse_note_name(name);
	(void)webparse_brand_name(name, true);
	x = webparse_ransom_ext(name);
	if (x) {
		size_t nl = strlen(name), xl = strlen(x);

		FUZZ_CHECK(nl > xl && nl < 256 ?
		    strcasecmp(name + nl - xl, x) == 0 : true);
	}
	(void)webparse_backup_path(name);
	free(name);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kit_score k;
	struct drop_stats d;
	enum data_magic m;
	uint32_t creds, lines = 0;
	size_t cap;
	char *s;
	const char *p, *end;

	if (size < 1)
		return 0;
	cap = 1 + data[0] % 255;
	s = fuzz_dup(data + 1, size - 1);
	webparse_kit(s, size - 1, &k);
	FUZZ_CHECK((k.bits & ~0x7fu) == 0);
	FUZZ_CHECK(memchr(k.brand, '\0', sizeof(k.brand)) != NULL);
	FUZZ_CHECK(!(k.bits & KIT_LURE) == !k.brand[0]);
	webparse_drop(s, size - 1, &d);
	for (size_t i = 0; i + 1 < size; i++)
		lines += s[i] == '\n';
	FUZZ_CHECK(d.lines <= lines + 1);
	FUZZ_CHECK((uint64_t)d.email_pass + d.pipe_pairs + d.label_user +
	    d.label_pass + d.label_ip <= d.lines);
	if (webparse_drop_verdict(&d, &creds))
		FUZZ_CHECK(creds >= 1 && creds <= d.lines);
	else
		FUZZ_CHECK(creds == 0);
	FUZZ_CHECK((webparse_note_text(s, size - 1) & ~0x3fu) == 0);
	m = webparse_magic((const uint8_t *)s, size - 1);
	FUZZ_CHECK(m <= MAG_SQL && strcmp(webparse_magic_name(m), "?") != 0);

	p = s;
	end = s + size - 1;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		char *line;
		size_t n;

		if (e == NULL)
			e = end;
		n = (size_t)(e - p);
		line = fuzz_dup((const uint8_t *)p, n);  /* exact size */
		one_line(line, n, cap);
		free(line);
		p = e + 1;
	}
	free(s);
	return 0;
}
