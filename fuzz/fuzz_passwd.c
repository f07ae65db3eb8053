/*
 * fuzz_passwd.c - etcparse_passwd() on /etc/passwd text.  In a --root
 * image the whole file is the attacker's; a malformed line must be kept
 * and flagged, never stop the parse.
 */
#include "collect/etc_parse.h"
#include "core/arena.h"
#include "etc_lines.h"
#include "fuzz.h"

/* uid_valid exactly when the third field is a decimal uint32 (glibc takes
 * the uid of a line with missing or extra fields). */
static void
check_uid(struct etc_cursor *cur, const struct account *u)
{
	const char *line, *f;
	size_t n, fl;
	uint64_t v = 0;
	bool ok;

	line = etc_line(cur, u->line, &n);
	if (n > 0 && line[n - 1] == '\r')
		n--;
	f = etc_field(line, n, ':', 2, &fl);
	ok = f != NULL && fl > 0 && fl <= 10;
	for (size_t i = 0; ok && i < fl; i++) {
		ok = f[i] >= '0' && f[i] <= '9';
		v = v * 10 + (uint64_t)(f[i] - '0');
	}
	ok = ok && v <= UINT32_MAX;
	FUZZ_CHECK(u->uid_valid == ok);
	if (ok)
		FUZZ_CHECK(u->uid == v);
	f = etc_field(line, n, ':', 0, &fl);
	FUZZ_CHECK(f == line && strlen(u->name) <= fl &&
	    memcmp(u->name, line, strlen(u->name)) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = { 0 };
	struct etc_cursor cur;
	struct account *v;
	size_t n, bad, nbad = 0, total;
	uint32_t last = 0;
	char *buf;

	if (size > 65536)
		return 0;
	buf = fuzz_dup(data, size);
	bad = etcparse_passwd(buf, size, &a, &v, &n);
	FUZZ_CHECK(n == etc_count_lines(buf, size));
	FUZZ_CHECK((n == 0) == (v == NULL));
	total = etc_total_lines(buf, size);
	etc_cursor_init(&cur, buf, size);
	for (size_t i = 0; i < n; i++) {
		const struct account *u = &v[i];

		FUZZ_CHECK(u->line > last && u->line <= total);
		last = u->line;
		FUZZ_CHECK(u->name && u->passwd && u->gecos && u->home &&
		    u->shell);
		FUZZ_CHECK(strchr(u->name, ':') == NULL);
		FUZZ_CHECK(strchr(u->name, '\n') == NULL);
		FUZZ_CHECK(strchr(u->shell, '\n') == NULL);
		FUZZ_CHECK(strchr(u->home, ':') == NULL);
		if (u->malformed)
			nbad++;
		else
			FUZZ_CHECK(u->uid_valid &&
			    strchr(u->shell, ':') == NULL);
		check_uid(&cur, u);
	}
	FUZZ_CHECK(bad == nbad);
	arena_free(&a);
	free(buf);
	return 0;
}
