/*
 * fuzz_cron.c - the crontab parser (cronparse_line in its three formats),
 * the command reader (cronparse_command) and cronparse_magic on a cron
 * file from an image or a spool directory (the attacker's).
 *
 * Input: byte 0 picks the format, the rest is the file, split at '\n' as
 * persist.c splits it.  Checked: every pointer a line returns lies inside
 * that line; a job has a non-empty command and a schedule; a comment or
 * blank line is never a job; a line holding a control byte is never a
 * job; an interval is a number of minutes below an hour, a multiple of 60
 * below a day, CRON_RARE or CRON_AT_REBOOT; the URL and path a command
 * yields are NUL-terminated printable text that occurs in the command.
 */
#include "collect/cron_parse.h"
#include "fuzz.h"

static void
check_cmd(const char *c, size_t n)
{
	struct cron_cmd cc;

	cronparse_command(c, n, &cc);
	FUZZ_CHECK(memchr(cc.url, '\0', sizeof(cc.url)) != NULL);
	FUZZ_CHECK(memchr(cc.path, '\0', sizeof(cc.path)) != NULL);
	for (const char *v = cc.url; *v; v++)
		FUZZ_CHECK(*v >= 0x20 && *v < 0x7f);
	for (const char *v = cc.path; *v; v++)
		FUZZ_CHECK(*v >= 0x20 && *v < 0x7f);
	if (cc.url[0])
		FUZZ_CHECK(memmem(c, n, cc.url, strlen(cc.url)) != NULL);
	if (cc.path[0])
		FUZZ_CHECK(memmem(c, n, cc.path, strlen(cc.path)) != NULL);
	FUZZ_CHECK(!cc.url[0] == !(cc.flags & CMD_URL));
}

static bool
inside(const char *p, size_t n, const char *b, size_t bn)
{
	return p >= b && p + n <= b + bn;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum cron_format fmt;
	const char *p, *end;
	char *s;

	if (size < 1)
		return 0;
	fmt = (enum cron_format)(data[0] % 3);
	s = fuzz_dup(data + 1, size - 1);
	p = s;
	end = s + size - 1;
	(void)cronparse_magic(s, size - 1);
	check_cmd(s, size - 1);
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		struct cron_line l;
		size_t n;
		char *line;

		if (e == NULL)
			e = end;
		n = (size_t)(e - p);
		line = fuzz_dup((const uint8_t *)p, n);  /* exact size */
		cronparse_line(line, n, fmt, &l);
		if (l.kind == CRONL_JOB) {
			FUZZ_CHECK(l.cmdlen > 0 && inside(l.cmd, l.cmdlen, line, n));
			FUZZ_CHECK(l.schedlen > 0 &&
			    inside(l.sched, l.schedlen, line, n));
			FUZZ_CHECK(fmt != CRON_SYSTEM ||
			    (l.userlen > 0 && inside(l.user, l.userlen, line, n)));
			FUZZ_CHECK(l.interval == CRON_AT_REBOOT ||
			    l.interval == CRON_RARE || l.interval < 60 ||
			    (l.interval % 60 == 0 && l.interval < 1440));
			for (size_t i = 0; i < n; i++)
				FUZZ_CHECK((unsigned char)line[i] >= 0x20 ||
				    line[i] == '\t' || line[i] == '\r');
			{
				size_t k = 0;

				while (k < n && (line[k] == ' ' || line[k] == '\t'))
					k++;
				FUZZ_CHECK(k < n && line[k] != '#');
			}
			check_cmd(l.cmd, l.cmdlen);
		}
		free(line);
		p = e + 1;
	}
	free(s);
	return 0;
}
