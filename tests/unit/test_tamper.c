/*
 * test_tamper.c - defence evasion by tampering:
 *   the parsers (tamper_parse.c) on attacker lines and hostile input,
 *   the collector (tamper.c) on fixture trees,
 *   the detectors RM-EVA-004..009, facts in, findings out.
 */
#include <linux/fs.h>

#include "collect/tamper_parse.h"
#include "core/hash.h"
#include "testlib.h"

#include "core/ioc.h"

static unsigned
hl(const char *s)
{
	return tamperparse_hist_line(s, strlen(s));
}

static void
test_hist_lines(void **state)
{
	(void)state;
	/* the dropper preamble (2024.k4spreader, Spinning YARN) */
	assert_int_equal(hl("export HISTFILE=/dev/null 2>/dev/null 1>/dev/null"),
	    HIST_FILE_NULL);
	assert_int_equal(hl("unset HISTFILE 2>/dev/null 1>/dev/null"),
	    HIST_UNSET);
	assert_int_equal(hl("HISTSIZE=0 2>/dev/null 1>/dev/null"), HIST_SIZE0);
	assert_int_equal(hl("set +o history 2>/dev/null 1>/dev/null"),
	    HIST_OFF);
	assert_int_equal(hl("shopt -ou history 2>/dev/null 1>/dev/null"),
	    HIST_OFF);
	assert_int_equal(hl("history -c"), HIST_CLEAR);
	assert_int_equal(hl("  unset HISTFILE; history -c && export "
	    "HISTFILESIZE=0"), HIST_UNSET | HIST_CLEAR | HIST_SIZE0);
	assert_int_equal(hl("export HISTFILE=\"/dev/null\""), HIST_FILE_NULL);
	assert_int_equal(hl("declare -x HISTFILE='/dev/null'"),
	    HIST_FILE_NULL);
	assert_int_equal(hl("export HISTFILE="), HIST_UNSET);
	assert_int_equal(hl("ln -sf /dev/null ~/.bash_history"),
	    HIST_FILE_NULL);
	assert_int_equal(hl("if true; then unset HISTFILE; fi"), HIST_UNSET);
	/* what a clean Debian has, and near misses */
	assert_int_equal(hl("HISTSIZE=1000"), 0);
	assert_int_equal(hl("HISTFILESIZE=2000"), 0);
	assert_int_equal(hl("HISTCONTROL=ignoreboth"), 0);
	assert_int_equal(hl("HISTSIZE="), 0);
	assert_int_equal(hl("HISTSIZE=10"), 0);
	assert_int_equal(hl("# unset HISTFILE"), 0);
	assert_int_equal(hl("echo hi # history -c"), 0);
	assert_int_equal(hl("echo 'unset HISTFILE'"), 0);
	assert_int_equal(hl("HISTFILE=~/.bash_history_x"), 0);
	assert_int_equal(hl("history"), 0);
	assert_int_equal(hl("shopt -s histappend"), 0);
	/* hostile: no crash, bounded */
	assert_int_equal(hl(""), 0);
	assert_int_equal(hl(";;;;&&||"), 0);
	assert_int_equal(hl("\"unterminated HISTFILE=/dev/null"), 0);
	{
		char big[5000];

		memset(big, 'A', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		memcpy(big, "HISTFILE=", 9);
		assert_int_equal(hl(big), 0);
		assert_int_equal(tamperparse_hist_line(big, 3), 0);
	}
	assert_int_equal(tamperparse_hist_line("history -c", 7), 0);
}

static void
test_selinux_cmdline(void **state)
{
	uint32_t line = 0;
	const char *c = "# SELINUX=enforcing\nSELINUXTYPE=targeted\n"
	    "SELINUX=enforcing\nSELINUX=disabled\n";

	(void)state;
	assert_int_equal(tamperparse_selinux_config(c, strlen(c), &line),
	    SELINUX_DISABLED);
	assert_int_equal(line, 4);
	c = "SELINUX=\"permissive\"  \n";
	assert_int_equal(tamperparse_selinux_config(c, strlen(c), NULL),
	    SELINUX_PERMISSIVE);
	c = "SELINUXTYPE=default\n";
	assert_int_equal(tamperparse_selinux_config(c, strlen(c), NULL),
	    SELINUX_UNSET);
	c = "SELINUX=bogus";
	assert_int_equal(tamperparse_selinux_config(c, strlen(c), NULL),
	    SELINUX_OTHER);
	c = "BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro apparmor=0 quiet";
	assert_true(tamperparse_cmdline_apparmor_off(c, strlen(c)));
	c = "ro apparmor=0 apparmor=1";
	assert_false(tamperparse_cmdline_apparmor_off(c, strlen(c)));
	c = "ro security=none";
	assert_true(tamperparse_cmdline_apparmor_off(c, strlen(c)));
	c = "ro quiet -- apparmor=0";
	assert_false(tamperparse_cmdline_apparmor_off(c, strlen(c)));
	c = "ro notapparmor=0 apparmor=00";
	assert_false(tamperparse_cmdline_apparmor_off(c, strlen(c)));
}

static void
test_dpkg_text(void **state)
{
	const char *list = "/.\n/usr\n/usr/bin\n/usr/bin/chattr\n/usr/bin/"
	    "lsattr";
	const char *sums = "0123456789abcdef0123456789abcdef  usr/bin/chattrx\n"
	    "fedcba9876543210fedcba9876543210  usr/bin/chattr\n"
	    "zz23456789abcdef0123456789abcdef  usr/bin/lsattr\n";
	char md5[33];

	(void)state;
	assert_true(tamperparse_list_has(list, strlen(list), "/usr/bin/chattr"));
	assert_true(tamperparse_list_has(list, strlen(list), "/usr/bin/lsattr"));
	assert_false(tamperparse_list_has(list, strlen(list), "/usr/bin/chatt"));
	assert_false(tamperparse_list_has(list, strlen(list), ""));
	assert_true(tamperparse_md5sums_find(sums, strlen(sums),
	    "usr/bin/chattr", md5));
	assert_string_equal(md5, "fedcba9876543210fedcba9876543210");
	/* not hex: refused */
	assert_false(tamperparse_md5sums_find(sums, strlen(sums),
	    "usr/bin/lsattr", md5));
	assert_true(tamperparse_is_text("0\n", 2));
	assert_false(tamperparse_is_text("\0\0\0\x07", 4));
	assert_true(tamperparse_domain_match("update.aegis.aliyun.com",
	    "aegis.aliyun.com"));
	assert_true(tamperparse_domain_match("AEGIS.aliyun.com.",
	    "aegis.aliyun.com"));
	assert_false(tamperparse_domain_match("notaegis.aliyun.com",
	    "aegis.aliyun.com"));
	assert_false(tamperparse_domain_match("aliyun.com", "aegis.aliyun.com"));
}

static void
test_agent_rules(void **state)
{
	struct agent_rule r[8];
	size_t n = 0;
	const char *t = "# c\n\ndir aegis /usr/local/aegis\nbin x relative\n"
	    "unit aegis aegis.service # trailing\nbogus a b\ndir a\n"
	    "domain aegis aegis.aliyun.com extra\n";

	(void)state;
	assert_int_equal(tamperparse_agents(t, strlen(t), r, 8, &n), 4);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].type, AGR_DIR);
	assert_string_equal(r[0].value, "/usr/local/aegis");
	assert_int_equal(r[1].type, AGR_UNIT);
	/* the built-in list parses cleanly, agents' lines adjacent */
	assert_int_equal(tamperparse_agents(ioc_builtin(IOC_BUILTIN_AGENTS),
	    strlen(ioc_builtin(IOC_BUILTIN_AGENTS)), r, 0, &n), 0);
	{
		struct agent_rule *all = xreallocarray(NULL, 512, sizeof(*all));

		assert_int_equal(tamperparse_agents(ioc_builtin(IOC_BUILTIN_AGENTS),
		    strlen(ioc_builtin(IOC_BUILTIN_AGENTS)), all, 512, &n), 0);
		assert_true(n > 20);
		for (size_t i = 1; i < n; i++)
			for (size_t k = 0; k + 1 < i; k++)
				if (strcmp(all[k].name, all[i].name) == 0)
					assert_string_equal(all[i - 1].name,
					    all[i].name);
		free(all);
	}
}

/* ---- collector ------------------------------------------------------------ */

static struct snapshot *
collect_tree(const char *dir)
{
	struct snapshot *s = tl_snap_new();

	s->live = false;
	s->root = dir;
	s->rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(s->rootfd >= 0);
	tamper_collect(s, -1);
	return s;
}

static const struct tamper *
find_kind(const struct snapshot *s, enum tamper_kind k, const char *path)
{
	for (size_t i = 0; i < s->ntampers; i++)
		if (s->tampers[i].kind == k && (path == NULL ||
		    strcmp(s->tampers[i].path, path) == 0))
			return &s->tampers[i];
	return NULL;
}

static void
test_collect_tree(void **state)
{
	char *d = tl_tmpdir();
	char tool[4096], hex[33], sums[200];
	struct snapshot *s;
	const struct tamper *t;
	struct findings fs;
	int fd;

	(void)state;
	for (size_t i = 0; i < sizeof(tool); i++)
		tool[i] = (char)(i * 7 + 3);
	/* chattr moved to zzhcht; e2fsprogs says where it was */
	tl_write(d, "usr/bin/zzhcht", tool, sizeof(tool));
	tl_writes(d, "usr/bin/ls", "not chattr");
	{
		char *p = tl_path(d, "usr/bin/zzhcht");

		fd = open(p, O_RDONLY);
		free(p);
	}
	assert_int_equal(hash_md5_fd(fd, 1u << 20, hex), RM_OK);
	close(fd);
	tl_writes(d, "var/lib/dpkg/info/e2fsprogs.list",
	    "/.\n/usr/bin\n/usr/bin/chattr\n");
	snprintf(sums, sizeof(sums), "%s  usr/bin/chattr\n", hex);
	tl_writes(d, "var/lib/dpkg/info/e2fsprogs.md5sums", sums);
	/* history, logs, agents, SELinux */
	tl_mkdirs(d, "root");
	tl_symlink(d, "root/.bash_history", "/dev/null");
	tl_writes(d, "etc/profile.d/zz.sh", "# x\nexport HISTFILE=/dev/null\n");
	tl_writes(d, "etc/profile", "HISTSIZE=1000\n");
	tl_writes(d, "var/log/wtmp", "0\n");
	tl_symlink(d, "var/log/auth.log", "/dev/null");
	tl_writes(d, "var/log/btmp", "");
	tl_writes(d, "etc/init.d/aegis", "#!/bin/sh\n");
	tl_mkdirs(d, "usr/local/qcloud/YunJing");
	tl_writes(d, "etc/selinux/config", "SELINUX=disabled\n");
	tl_mkdirs(d, "etc/systemd/system");
	tl_symlink(d, "etc/systemd/system/auditd.service", "/dev/null");

	s = collect_tree(d);
	t = find_kind(s, TAMPER_TOOL_MISSING, "/usr/bin/chattr");
	assert_non_null(t);
	assert_string_equal(t->detail2, "e2fsprogs");
	t = find_kind(s, TAMPER_TOOL_COPY, "/usr/bin/zzhcht");
	assert_non_null(t);
	assert_string_equal(t->detail, "chattr");
	assert_null(find_kind(s, TAMPER_TOOL_COPY, "/usr/bin/ls"));
	assert_non_null(find_kind(s, TAMPER_HIST_LINK, "/root/.bash_history"));
	t = find_kind(s, TAMPER_HIST_LINE, "/etc/profile.d/zz.sh");
	assert_non_null(t);
	assert_int_equal(t->line, 2);
	assert_null(find_kind(s, TAMPER_HIST_LINE, "/etc/profile"));
	assert_non_null(find_kind(s, TAMPER_LOG_OVERWRITTEN, "/var/log/wtmp"));
	assert_null(find_kind(s, TAMPER_LOG_OVERWRITTEN, "/var/log/btmp"));
	assert_non_null(find_kind(s, TAMPER_LOG_LINK, "/var/log/auth.log"));
	t = find_kind(s, TAMPER_AGENT_GONE, NULL);
	assert_non_null(t);
	assert_string_equal(t->detail, "aegis");
	t = find_kind(s, TAMPER_AGENT_NOBIN, NULL);
	assert_non_null(t);
	assert_string_equal(t->detail, "yunjing");
	assert_non_null(find_kind(s, TAMPER_SELINUX_CONFIG, NULL));
	t = find_kind(s, TAMPER_UNIT_MASKED, NULL);
	assert_non_null(t);
	assert_string_equal(t->detail, "auditd");

	/* every detector over it: each behaviour at its severity */
	findings_init(&fs);
	detect_run(s, &fs);
	assert_int_equal(tl_get(&fs, "RM-EVA-005", 0)->severity, SEV_HIGH);
	assert_int_equal(tl_get(&fs, "RM-EVA-006", 0)->severity, SEV_MEDIUM);
	assert_int_equal(tl_count(&fs, "RM-EVA-006", 0), 2);
	assert_int_equal(tl_count(&fs, "RM-EVA-007", 0), 2);
	assert_int_equal(tl_get(&fs, "RM-EVA-007", 0)->severity, SEV_HIGH);
	assert_int_equal(tl_count(&fs, "RM-EVA-008", 0), 4);
	findings_free(&fs);
	close(s->rootfd);
	tl_snap_free(s);
	tl_rmrf(d);
	free(d);
}

/* A clean Debian-like tree says nothing. */
static void
test_collect_clean(void **state)
{
	char *d = tl_tmpdir();
	struct snapshot *s;

	(void)state;
	tl_writes(d, "usr/bin/chattr", "chattr bytes");
	tl_writes(d, "var/lib/dpkg/info/e2fsprogs.list", "/usr/bin/chattr\n");
	tl_writes(d, "etc/skel/.bashrc", "HISTCONTROL=ignoreboth\n");
	tl_writes(d, "root/.bashrc", "HISTSIZE=1000\nHISTFILESIZE=2000\n");
	tl_writes(d, "root/.bash_history", "ls\n");
	tl_writes(d, "var/log/wtmp", "");
	tl_writes(d, "var/log/lastlog", "");
	tl_writes(d, "etc/selinux/semanage.conf", "x\n");
	tl_mkdirs(d, "etc/apparmor.d");
	tl_writes(d, "etc/hosts", "127.0.0.1 localhost\n");
	s = collect_tree(d);
	for (size_t i = 0; i < s->ntampers; i++)
		fail_msg("unexpected record %d %s", s->tampers[i].kind,
		    s->tampers[i].path);
	close(s->rootfd);
	tl_snap_free(s);
	tl_rmrf(d);
	free(d);
}

/* ---- detectors -------------------------------------------------------------- */

static struct tamper *
tampers(struct snapshot *s, size_t n)
{
	s->tampers = arena_alloc(&s->arena, n * sizeof(*s->tampers));
	s->ntampers = n;
	return s->tampers;
}

static int
sev_of(const struct snapshot *s, const char *id)
{
	struct findings fs;
	int sev = -1;

	tl_run_one(s, id, &fs);
	if (fs.n)
		sev = (int)fs.v[0]->severity;
	findings_free(&fs);
	return sev;
}

static void
test_det_attr(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct tamper *t = tampers(s, 1);
	struct findings fs;

	(void)state;
	t->kind = TAMPER_FLAGS;
	t->path = "/root/.ssh/authorized_keys";
	t->flags = FS_IMMUTABLE_FL | FS_APPEND_FL;
	t->mode = 0100600;
	tl_run_one(s, "RM-EVA-004", &fs);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0]->severity, SEV_HIGH);
	assert_string_equal(fs.v[0]->file_path, "/root/.ssh/authorized_keys");
	assert_true(finding_ev_get(fs.v[0], "immutable")->b);
	assert_true(finding_ev_get(fs.v[0], "append_only")->b);
	findings_free(&fs);
	t->path = "/etc/resolv.conf";
	t->flags = FS_IMMUTABLE_FL;
	assert_int_equal(sev_of(s, "RM-EVA-004"), SEV_LOW);
	t->path = "/etc/hosts";
	assert_int_equal(sev_of(s, "RM-EVA-004"), SEV_MEDIUM);
	t->path = "/usr/bin/chattr";
	assert_int_equal(sev_of(s, "RM-EVA-004"), SEV_MEDIUM);
	t->path = "/etc/shadow";
	assert_int_equal(sev_of(s, "RM-EVA-004"), SEV_HIGH);
	t->kind = TAMPER_HIST_LINK;
	assert_int_equal(sev_of(s, "RM-EVA-004"), -1);
	tl_snap_free(s);
}

static void
test_det_history_env(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 2);

	(void)state;
	tl_proc_set(s, &p[0], 100, 1, "bash", "bash", 0);
	tl_proc_set(s, &p[1], 200, 1, "bash", "bash", 0);
	tl_proc_env(s, &p[0], "HISTFILE", "/dev/null");
	tl_proc_env(s, &p[1], "HISTFILE", "/root/.bash_history");
	{
		struct findings fs;

		tl_run_one(s, "RM-EVA-006", &fs);
		assert_int_equal(tl_count(&fs, "RM-EVA-006", 100), 1);
		assert_int_equal(tl_count(&fs, "RM-EVA-006", 200), 0);
		findings_free(&fs);
	}
	tl_snap_free(s);
}

static void
test_det_logs_wtmp_session(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct tamper *t = tampers(s, 1);
	struct proc *p;

	(void)state;
	t->kind = TAMPER_LOG_EMPTIED;
	t->path = "/var/log/wtmp";
	/* no SSH session: an empty wtmp says nothing */
	assert_int_equal(sev_of(s, "RM-EVA-007"), -1);
	p = tl_procs(s, 1);
	tl_proc_set(s, &p[0], 300, 1, "sshd", "/usr/sbin/sshd", EXE_FILE);
	p[0].cmdline = "sshd: deploy@notty";   /* ansible: no wtmp record */
	assert_int_equal(sev_of(s, "RM-EVA-007"), -1);
	p[0].cmdline = "sshd: alice@pts/0";
	assert_int_equal(sev_of(s, "RM-EVA-007"), SEV_MEDIUM);
	t->kind = TAMPER_LOG_LINK;
	t->detail = "/var/log/wtmp.real";
	assert_int_equal(sev_of(s, "RM-EVA-007"), -1);
	t->detail = "/dev/null";
	assert_int_equal(sev_of(s, "RM-EVA-007"), SEV_HIGH);
	t->kind = TAMPER_LOG_GONE;
	t->detail = "/var/log/syslog.1";
	t->flags = 0;
	assert_int_equal(sev_of(s, "RM-EVA-007"), SEV_LOW);
	tl_snap_free(s);
}

static void
test_det_agent_selinux(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct tamper *t = tampers(s, 1);

	(void)state;
	t->kind = TAMPER_SELINUX_CONFIG;
	t->path = "/etc/selinux/config";
	t->detail = "disabled";
	t->flags = SELINUX_DISABLED;
	t->line = 3;
	assert_int_equal(sev_of(s, "RM-EVA-008"), SEV_MEDIUM);
	t->detail = "permissive";
	t->flags = SELINUX_PERMISSIVE;
	assert_int_equal(sev_of(s, "RM-EVA-008"), SEV_LOW);
	t->kind = TAMPER_UNIT_MASKED;
	t->path = "/etc/systemd/system/aegis.service";
	t->detail = "aegis";
	t->detail2 = "aegis.service";
	assert_int_equal(sev_of(s, "RM-EVA-008"), SEV_HIGH);
	t->detail = "apparmor";
	assert_int_equal(sev_of(s, "RM-EVA-008"), SEV_MEDIUM);
	t->kind = TAMPER_HOSTS_POOL;
	assert_int_equal(sev_of(s, "RM-EVA-008"), -1);
	tl_snap_free(s);
}

/* Hostile trees: a FIFO start-up file, a link loop and a link out of the
 * root in the walked directories, a huge profile line: no hang, nothing
 * read outside. */
static void
test_collect_hostile(void **state)
{
	char *d = tl_tmpdir();
	char *out = tl_tmpdir();
	struct snapshot *s;
	char *big = xmalloc(200000);

	(void)state;
	tl_mkfifo(d, "etc/profile.d/fifo.sh");
	tl_mkdirs(d, "tmp/a");
	tl_symlink(d, "tmp/a/loop", "../a");
	tl_writes(out, "bash_history", "");
	tl_mkdirs(d, "root");
	tl_symlink(d, "root/.bashrc", "../../../../../../..");
	tl_symlink(d, "etc/init.d", "/etc/init.d");  /* the host's, if any */
	memset(big, 'x', 199999);
	big[199999] = '\0';
	memcpy(big, "export HISTFILE=/dev/null;", 26);
	tl_writes(d, "etc/bash.bashrc", big);
	s = collect_tree(d);
	assert_non_null(find_kind(s, TAMPER_HIST_LINE, "/etc/bash.bashrc"));
	assert_null(find_kind(s, TAMPER_HIST_LINE, "/etc/profile.d/fifo.sh"));
	assert_null(find_kind(s, TAMPER_AGENT_GONE, NULL));
	for (size_t i = 0; i < s->ntampers; i++)
		assert_true(strlen(s->tampers[i].detail ?
		    s->tampers[i].detail : "") <= 256);
	close(s->rootfd);
	tl_snap_free(s);
	free(big);
	tl_rmrf(d);
	tl_rmrf(out);
	free(d);
	free(out);
}

static void
test_det_hosts(void **state)
{
	struct snapshot *s = tl_snap_new();
	char *d = tl_tmpdir();
	struct snapshot *c;
	struct findings fs;

	(void)state;
	tl_snap_free(s);
	tl_writes(d, "etc/hosts", "127.0.0.1 localhost\n"
	    "127.0.0.1 update.aegis.aliyun.com\n"
	    "0.0.0.0 registry-1.docker.io\n"
	    "0.0.0.0 ads.doubleclick.net tracker.example\n"
	    "10.0.0.5 jsrv.aegis.aliyun.com\n");
	c = tl_snap_new();
	c->live = false;
	c->rootfd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	host_collect_files(c);
	tamper_collect(c, -1);
	tl_run_one(c, "RM-EVA-009", &fs);
	assert_int_equal(fs.n, 2);
	for (size_t i = 0; i < fs.n; i++) {
		const struct evidence *e = finding_ev_get(fs.v[i], "name");

		assert_non_null(e);
		if (strcmp(e->s, "update.aegis.aliyun.com") == 0)
			assert_int_equal(fs.v[i]->severity, SEV_HIGH);
		else
			assert_int_equal(fs.v[i]->severity, SEV_MEDIUM);
	}
	findings_free(&fs);
	close(c->rootfd);
	tl_snap_free(c);
	tl_rmrf(d);
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hist_lines),
		cmocka_unit_test(test_selinux_cmdline),
		cmocka_unit_test(test_dpkg_text),
		cmocka_unit_test(test_agent_rules),
		cmocka_unit_test(test_collect_tree),
		cmocka_unit_test(test_collect_clean),
		cmocka_unit_test(test_det_attr),
		cmocka_unit_test(test_det_history_env),
		cmocka_unit_test(test_det_logs_wtmp_session),
		cmocka_unit_test(test_det_hosts),
		cmocka_unit_test(test_det_agent_selinux),
		cmocka_unit_test(test_collect_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
