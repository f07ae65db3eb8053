/*
 * fuzz_startup.c - the start-up file parsers (collect/startup_parse.c) on
 * a unit file, udev rules or shell start-up file from an image (the
 * attacker's).
 *
 * Input: the whole file.  It is read four ways, as startup.c reads the
 * kinds of file: startup_shell_lines on the whole (logical lines in
 * order, within the file, trimmed, not comments, terminated, capped);
 * startup_unit_parse on the whole (every item: line within
 * the file and not decreasing, key and section terminated and short,
 * value terminated and of valuelen, no longer than STARTUP_ITEM_MAX, and
 * startup_cmd/startup_env on every value); then each '\n'-split line as a
 * udev rule line (every command inside the line) and as a shell line
 * (startup_cmd: programs, runs, removals, the deleted name and the library
 * terminated and printable; a deleted name is one of the runs of the line
 * or, across lines, of earlier ones).
 */
#include "collect/startup_parse.h"
#include "fuzz.h"

static void
printable(const char *s, size_t cap)
{
	FUZZ_CHECK(memchr(s, '\0', cap) != NULL);
	for (; *s; s++)
		FUZZ_CHECK((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f);
}

static void
check_cmd(const struct startup_cmd *c)
{
	FUZZ_CHECK(c->nprogs <= STARTUP_PROGS);
	FUZZ_CHECK(c->nruns <= STARTUP_PROGS);
	FUZZ_CHECK(c->nrms <= STARTUP_PROGS);
	for (unsigned i = 0; i < c->nprogs; i++)
		printable(c->progs[i], sizeof(c->progs[i]));
	for (unsigned i = 0; i < c->nruns; i++) {
		printable(c->runs[i], sizeof(c->runs[i]));
		FUZZ_CHECK(c->runs[i][0] != '\0');
	}
	for (unsigned i = 0; i < c->nrms; i++)
		printable(c->rms[i], sizeof(c->rms[i]));
	printable(c->lib, sizeof(c->lib));
	printable(c->deleted, sizeof(c->deleted));
	FUZZ_CHECK(!(c->flags & SCMD_RUN_DELETE) == !c->deleted[0]);
	FUZZ_CHECK(!(c->flags & SCMD_LD_PRELOAD) == !c->lib[0]);
	FUZZ_CHECK(!(c->flags & SCMD_PROG_UNOWNED));
}

struct ctx {
	uint32_t last;
	uint32_t nlines;
};

static int
item(const struct unit_item *it, void *arg)
{
	struct ctx *c = arg;
	struct startup_cmd sc;

	FUZZ_CHECK(it->line >= 1 && it->line <= c->nlines);
	FUZZ_CHECK(it->line >= c->last);
	c->last = it->line;
	FUZZ_CHECK(strlen(it->key) < 64 && it->key[0] != '\0');
	FUZZ_CHECK(strlen(it->section) < 64);
	FUZZ_CHECK(strlen(it->value) == it->valuelen);
	FUZZ_CHECK(it->valuelen <= STARTUP_ITEM_MAX);
	startup_cmd(it->value, it->valuelen, &sc);
	check_cmd(&sc);
	memset(&sc, 0, sizeof(sc));
	startup_env(it->value, it->valuelen, &sc);
	check_cmd(&sc);
	return 0;
}

struct sctx {
	uint32_t last, nlines;
	const char *buf;
	size_t n;
};

static int
sline(uint32_t line, const char *text, size_t len, void *arg)
{
	struct sctx *c = arg;

	FUZZ_CHECK(line >= 1 && line <= c->nlines && line > c->last);
	c->last = line;
	FUZZ_CHECK(len > 0 && len <= STARTUP_ITEM_MAX);
	FUZZ_CHECK(strlen(text) == len);
	FUZZ_CHECK(text[0] != ' ' && text[0] != '\t' && text[0] != '#');
	FUZZ_CHECK(text[len - 1] != ' ' && text[len - 1] != '\t');
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctx c = { 0, 1 };
	char runs[16][128];
	unsigned nruns = 0;
	const char *p, *end;
	char *s = fuzz_dup(data, size);

	for (size_t i = 0; i < size; i++)
		if (s[i] == '\n')
			c.nlines++;
	(void)startup_unit_parse(s, size, item, &c);
	{
		struct sctx sc = { 0, c.nlines, s, size };

		startup_shell_lines(s, size, sline, &sc);
	}
	p = s;
	end = s + size;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		struct udev_line u;
		struct startup_cmd sc;
		const char *hit;
		size_t n;
		char *line;

		if (e == NULL)
			e = end;
		n = (size_t)(e - p);
		line = fuzz_dup((const uint8_t *)p, n);  /* exact size */
		startup_udev_line(line, n, &u);
		FUZZ_CHECK(u.ncmds <= UDEV_CMDS_MAX);
		for (unsigned i = 0; i < u.ncmds; i++) {
			FUZZ_CHECK(u.cmd[i] >= line &&
			    u.cmd[i] + u.cmdlen[i] <= line + n);
			FUZZ_CHECK(u.key[i] != NULL);
		}
		startup_cmd(line, n, &sc);
		check_cmd(&sc);
		if (sc.flags & SCMD_RUN_DELETE) {
			bool found = false;

			for (unsigned i = 0; i < sc.nruns; i++)
				found |= strcmp(sc.runs[i], sc.deleted) == 0;
			FUZZ_CHECK(found);
		}
		hit = startup_ran_deleted(runs, nruns, &sc);
		if (hit) {
			bool found = false;

			for (unsigned i = 0; i < sc.nrms; i++)
				found |= strcmp(sc.rms[i], hit) == 0;
			FUZZ_CHECK(found);
		}
		for (unsigned i = 0; i < sc.nruns && nruns < 16; i++)
			memcpy(runs[nruns++], sc.runs[i], sizeof(sc.runs[i]));
		free(line);
		p = e + 1;
	}
	free(s);
	return 0;
}
