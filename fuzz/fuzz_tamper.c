/*
 * fuzz_tamper.c - the tampering text parsers (collect/tamper_parse.c) on
 * files an intruder writes: shell start-up files (one line at a time,
 * exact-size copies so ASan sees any over-read), /etc/selinux/config, the
 * kernel command line, dpkg .list and .md5sums text, and the agent rule
 * format (a user-supplied list).
 *
 * Input: byte 0 picks the parser, the rest is the file.  Checked: only
 * known hist_kill bits; a line starting with '#' (after blanks) gives
 * none; a line that lacks "HIST" and "hist" gives none; a SELinux mode is
 * in range with a line inside the text; an MD5 found is 32 hex digits
 * that occur in the text; agent rules have NUL-terminated fields,
 * absolute paths for dir/bin/init, and never exceed the array.
 */
#include "collect/tamper_parse.h"
#include "core/facts.h"
#include "fuzz.h"

static void
hist(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t l, k = 0;
		char *line;
		unsigned b;

		if (e == NULL)
			e = end;
		l = (size_t)(e - p);
		line = fuzz_dup((const uint8_t *)p, l);
		b = tamperparse_hist_line(line, l);
		FUZZ_CHECK((b & ~(unsigned)(HIST_FILE_NULL | HIST_UNSET |
		    HIST_SIZE0 | HIST_CLEAR | HIST_OFF)) == 0);
		while (k < l && (line[k] == ' ' || line[k] == '\t' ||
		    line[k] == '\r' || line[k] == '\v' || line[k] == '\f'))
			k++;
		if (k < l && line[k] == '#')
			FUZZ_CHECK(b == 0);
		/* quote removal joins words (HIS'TSIZE=0' is HISTSIZE=0):
		 * look for the keyword without the quotes */
		{
			char *bare = fuzz_dup((const uint8_t *)line, l);
			size_t m = 0;

			for (size_t i = 0; i < l; i++)
				if (line[i] != '\'' && line[i] != '"' &&
				    line[i] != '\\')
					bare[m++] = line[i];
			if (!memmem(bare, m, "HIST", 4) &&
			    !memmem(bare, m, "hist", 4))
				FUZZ_CHECK(b == 0);
			free(bare);
		}
		free(line);
		p = e + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	size_t n;

	if (size < 1)
		return 0;
	n = size - 1;
	s = fuzz_dup(data + 1, n);
	switch (data[0] % 5) {
	case 0:
		hist(s, n);
		break;
	case 1: {
		uint32_t line = 0;
		enum selinux_mode m = tamperparse_selinux_config(s, n, &line);
		size_t lines = 1;

		for (size_t i = 0; i < n; i++)
			lines += s[i] == '\n';
		FUZZ_CHECK(m <= SELINUX_OTHER);
		FUZZ_CHECK(m == SELINUX_UNSET ? line == 0 :
		    line >= 1 && line <= lines);
		(void)tamperparse_cmdline_apparmor_off(s, n);
		break;
	}
	case 2: {
		char md5[33];

		if (tamperparse_md5sums_find(s, n, "usr/bin/chattr", md5)) {
			FUZZ_CHECK(strlen(md5) == 32);
			FUZZ_CHECK(memmem(s, n, md5, 32) != NULL);
		}
		(void)tamperparse_list_has(s, n, "/usr/bin/chattr");
		(void)tamperparse_is_text(s, n);
		break;
	}
	case 3: {
		struct agent_rule r[16];
		size_t nr = 99;

		(void)tamperparse_agents(s, n, r, 16, &nr);
		FUZZ_CHECK(nr <= 16);
		for (size_t i = 0; i < nr; i++) {
			FUZZ_CHECK(memchr(r[i].name, '\0', sizeof(r[i].name)));
			FUZZ_CHECK(memchr(r[i].value, '\0', sizeof(r[i].value)));
			FUZZ_CHECK(r[i].type >= AGR_DIR && r[i].type <= AGR_BLOCK);
			if (r[i].type == AGR_DIR || r[i].type == AGR_BIN ||
			    r[i].type == AGR_INIT)
				FUZZ_CHECK(r[i].value[0] == '/');
		}
		break;
	}
	default: {
		/* a hosts name against a list entry: both from the input */
		const char *nl = memchr(s, '\n', n);

		if (nl) {
			char *a = fuzz_dupz((const uint8_t *)s,
			    (size_t)(nl - s));
			char *b = fuzz_dupz((const uint8_t *)nl + 1,
			    n - (size_t)(nl - s) - 1);

			if (tamperparse_domain_match(a, b))
				FUZZ_CHECK(strlen(a) >= strlen(b));
			free(a);
			free(b);
		}
		break;
	}
	}
	free(s);
	return 0;
}
