/*
 * test_det_acct.c - the account detectors, from passwd and sudoers text
 * through the real parsers to findings: RM-ACCT-001 (a second uid-0
 * account), RM-ACCT-002 (an account set up for a backdoor login: Debian
 * 12's accounts silent, daemon given a shell and a password, Perfctl's
 * trailing blank, gid 0, empty passwords, duplicates) and RM-ACCT-003
 * (sudo rules: Debian's and cloud-init's silent or info, NOPASSWD for
 * system accounts, unknown users, everybody, aliases, writable files).
 */
#include "testlib.h"
#include "collect/auth_parse.h"

/* Parse passwd text into a new snapshot and run RM-ACCT-001. */
static struct snapshot *
acct_run(const char *passwd, struct findings *fs)
{
	struct snapshot *s = tl_snap_new();

	etcparse_passwd(passwd, strlen(passwd), &s->arena, &s->accounts,
	    &s->naccounts);
	tl_run_one(s, "RM-ACCT-001", fs);
	return s;
}

static void
test_root_alone(void **state)
{
	struct findings fs;
	struct snapshot *s;

	(void)state;
	s = acct_run("root:x:0:0:root:/root:/bin/bash\n"
	    "daemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n"
	    "alice:x:1000:1000::/home/alice:/bin/bash\n", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_toor_reported(void **state)
{
	struct findings fs;
	struct snapshot *s;
	const struct finding *f;

	(void)state;
	s = acct_run("root:x:0:0:root:/root:/bin/bash\n"
	    "# backup admin\n"
	    "alice:x:1000:1000::/home/alice:/bin/bash\n"
	    "toor:$6$salt$hash:0:0::/root:/bin/sh\n", &fs);
	assert_int_equal(fs.n, 1);
	f = fs.v[0];
	assert_string_equal(f->rule->id, "RM-ACCT-001");
	assert_int_equal(f->severity, SEV_HIGH);
	assert_int_equal(f->confidence, CONF_HIGH);
	assert_string_equal(f->file_path, "/etc/passwd");
	tl_assert_contains(f->message, "toor");
	assert_string_equal(tl_ev_str(f, "account"), "toor");
	assert_int_equal(finding_ev_get(f, "line")->i, 4);
	assert_int_equal(finding_ev_get(f, "uid")->i, 0);
	assert_string_equal(tl_ev_str(f, "shell"), "/bin/sh");
	assert_string_equal(tl_ev_str(f, "home"), "/root");
	/* a password hash right in /etc/passwd */
	assert_true(finding_ev_get(f, "has_password_field")->b);
	assert_false(f->has_process);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_several_and_odd_names(void **state)
{
	struct findings fs;
	struct snapshot *s;

	(void)state;
	/* every extra uid 0 is reported; "x", "*" and "" are no password */
	s = acct_run("root:x:0:0::/root:/bin/bash\n"
	    "system:*:0:0::/:/bin/sh\n"
	    "root :x:0:0::/:/bin/sh\n"
	    "zero:x:00:0::/:/bin/sh\n"
	    "\x1b[2Jx::0:0::/:/bin/sh\n", &fs);
	assert_int_equal(fs.n, 4);
	assert_false(finding_ev_get(fs.v[0], "has_password_field")->b);
	assert_int_equal(finding_ev_get(fs.v[0], "line")->i, 2);
	assert_string_equal(tl_ev_str(fs.v[1], "account"), "root ");
	assert_int_equal(finding_ev_get(fs.v[2], "line")->i, 4);
	assert_false(finding_ev_get(fs.v[3], "has_password_field")->b);
	/* the hostile name is kept raw; outputs escape it */
	tl_assert_contains(fs.v[3]->message, "\x1b[2Jx");
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_malformed_ignored(void **state)
{
	struct findings fs;
	struct snapshot *s;

	(void)state;
	s = acct_run("root:x:0:0::/root:/bin/bash\n"
	    "garbage\n"
	    "broken:x:abc:0::/:/bin/sh\n"
	    "neg:x:-0:0::/:/bin/sh\n"
	    "::::::\n", &fs);
	assert_int_equal(fs.n, 0);
	assert_true(s->naccounts == 5);
	findings_free(&fs);
	tl_snap_free(s);
}

/*
 * glibc's nss_files accepts a passwd line with fields missing or extra
 * ("toor:x:0:0" is uid 0 with shell /bin/sh): such a line is a working
 * root account and is reported, flagged as malformed.
 */
static void
test_short_uid0_line_reported(void **state)
{
	struct findings fs;
	struct snapshot *s;

	(void)state;
	s = acct_run("root:x:0:0::/root:/bin/bash\n"
	    "toor:x:0:0\n"
	    "extra:x:0:0::/:/bin/sh:more\n", &fs);
	assert_int_equal(fs.n, 2);
	assert_string_equal(tl_ev_str(fs.v[0], "account"), "toor");
	assert_int_equal(finding_ev_get(fs.v[0], "line")->i, 2);
	assert_true(finding_ev_get(fs.v[0], "malformed_line")->b);
	assert_int_equal(finding_ev_get(fs.v[1], "line")->i, 3);
	/* a well-formed line is not flagged */
	findings_free(&fs);
	tl_snap_free(s);
	s = acct_run("toor:x:0:0::/root:/bin/sh\n", &fs);
	assert_int_equal(fs.n, 1);
	assert_null(finding_ev_get(fs.v[0], "malformed_line"));
	findings_free(&fs);
	tl_snap_free(s);
}


/* ---- RM-ACCT-002 ------------------------------------------------------------ */

/* Debian 12's base accounts, as on a fresh cloud VM, with their shadow
 * states and shells found in the image. */
static const char debian_passwd[] =
    "root:x:0:0:root:/root:/bin/bash\n"
    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    "bin:x:2:2:bin:/bin:/usr/sbin/nologin\n"
    "sys:x:3:3:sys:/dev:/usr/sbin/nologin\n"
    "sync:x:4:65534:sync:/bin:/bin/sync\n"
    "games:x:5:60:games:/usr/games:/usr/sbin/nologin\n"
    "man:x:6:12:man:/var/cache/man:/usr/sbin/nologin\n"
    "news:x:9:9:news:/var/spool/news:/usr/sbin/nologin\n"
    "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n"
    "_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\n"
    "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
    "systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin\n"
    "messagebus:x:100:102::/nonexistent:/usr/sbin/nologin\n"
    "admin:x:1000:1000:Debian:/home/admin:/bin/bash\n"
    "postgres:x:101:104:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash\n";

static struct snapshot *
acct2_snap(const char *passwd)
{
	struct snapshot *s = tl_snap_new();

	etcparse_passwd(passwd, strlen(passwd), &s->arena, &s->accounts,
	    &s->naccounts);
	s->shadow_read = true;
	s->shells_read = true;
	for (size_t i = 0; i < s->naccounts; i++) {
		struct account *a = &s->accounts[i];
		const char *sh = a->shell;

		a->pw_state = PW_LOCKED;
		a->pw_changed_day = -1;
		a->shell_state = SHELL_FOUND;
		a->shell_listed = strcmp(sh, "/bin/bash") == 0 ||
		    strcmp(sh, "/bin/sh") == 0;
	}
	return s;
}

static struct account *
named(struct snapshot *s, const char *name)
{
	for (size_t i = 0; i < s->naccounts; i++)
		if (strcmp(s->accounts[i].name, name) == 0)
			return &s->accounts[i];
	fail_msg("no account %s", name);
	return NULL;
}

/* Run RM-ACCT-002; the one finding about name (NULL: none), fs kept. */
static const struct finding *
acct2_for(struct snapshot *s, struct findings *fs, const char *name)
{
	tl_run_one(s, "RM-ACCT-002", fs);
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(tl_ev_str(fs->v[i], "account"), name) == 0)
			return fs->v[i];
	return NULL;
}

static void
test_acct2_debian_silent(void **state)
{
	struct snapshot *s = acct2_snap(debian_passwd);
	struct findings fs;

	(void)state;
	tl_run_one(s, "RM-ACCT-002", &fs);
	/* postgres (bash, locked) is info; nothing else at all */
	assert_int_equal(fs.n, 1);
	assert_string_equal(tl_ev_str(fs.v[0], "account"), "postgres");
	assert_int_equal(fs.v[0]->severity, SEV_INFO);
	assert_int_equal(findings_count_at_least(&fs, SEV_LOW), 0);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_acct2_daemon_login(void **state)
{
	struct snapshot *s = acct2_snap(debian_passwd);
	struct account *d = named(s, "daemon");
	const struct finding *f;
	struct findings fs;

	(void)state;
	/* usermod -s /bin/bash daemon: medium */
	d->shell = "/bin/bash";
	f = acct2_for(s, &fs, "daemon");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_MEDIUM);
	findings_free(&fs);
	/* ... -p HASH: high; the scheme is said, the hash never */
	d->pw_state = PW_SET;
	d->pw_kind = "sha512crypt";
	f = acct2_for(s, &fs, "daemon");
	assert_int_equal(f->severity, SEV_HIGH);
	assert_int_equal(f->confidence, CONF_HIGH);
	assert_string_equal(tl_ev_str(f, "password"), "set");
	assert_string_equal(tl_ev_str(f, "password_hash_type"), "sha512crypt");
	assert_true(finding_ev_get(f, "system_account")->b);
	assert_string_equal(f->file_path, "/etc/passwd");
	assert_int_equal(finding_ev_get(f, "line")->i, 2);
	findings_free(&fs);
	/* a password alone, shell nologin: low */
	d->shell = "/usr/sbin/nologin";
	f = acct2_for(s, &fs, "daemon");
	assert_int_equal(f->severity, SEV_LOW);
	findings_free(&fs);
	/* postgres with a password and bash: high */
	named(s, "postgres")->pw_state = PW_SET;
	f = acct2_for(s, &fs, "postgres");
	assert_int_equal(f->severity, SEV_HIGH);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_acct2_legacy_sh(void **state)
{
	struct snapshot *s;
	const struct finding *f;
	struct findings fs;

	(void)state;
	/* an old Debian upgraded: bin, sys, daemon with /bin/sh: low */
	s = acct2_snap("root:x:0:0::/root:/bin/bash\n"
	    "daemon:x:1:1::/usr/sbin:/bin/sh\nbin:x:2:2::/bin:/bin/sh\n"
	    "sys:x:3:3::/dev:/bin/sh\n");
	f = acct2_for(s, &fs, "daemon");
	assert_int_equal(f->severity, SEV_LOW);
	findings_free(&fs);
	tl_snap_free(s);
	/* one of them alone: medium */
	s = acct2_snap("root:x:0:0::/root:/bin/bash\n"
	    "daemon:x:1:1::/usr/sbin:/bin/sh\n");
	f = acct2_for(s, &fs, "daemon");
	assert_int_equal(f->severity, SEV_MEDIUM);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_acct2_tricks(void **state)
{
	struct snapshot *s;
	const struct finding *f;
	struct findings fs;

	(void)state;
	s = acct2_snap("root:x:0:0::/root:/bin/bash\n"
	    "news:x:9:9::/var/spool/news:/usr/sbin/nologin \n"
	    "sysupd:x:1001:0::/home/sysupd:/bin/bash\n"
	    "dropper:x:1002:1002::/home/d:/tmp/.x/sh\n"
	    "esc:x:1003:1003::/home/e:/bin/ba\x1bsh\n"
	    "sync:x:5:0:sync:/sbin:/bin/sync\n"
	    "shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\n"
	    "halt:x:7:0:halt:/sbin:/sbin/halt\n"
	    "operator:x:11:0:operator:/root:/sbin/nologin\n");
	f = acct2_for(s, &fs, "news");
	assert_int_equal(f->severity, SEV_HIGH);
	tl_assert_contains(f->message, "ends with a blank");
	assert_string_equal(tl_ev_str(f, "shell"), "/usr/sbin/nologin ");
	findings_free(&fs);
	f = acct2_for(s, &fs, "sysupd");
	assert_int_equal(f->severity, SEV_HIGH);
	tl_assert_contains(f->message, "group 0");
	findings_free(&fs);
	f = acct2_for(s, &fs, "dropper");
	assert_int_equal(f->severity, SEV_HIGH);
	tl_assert_contains(f->message, "writable or hidden");
	findings_free(&fs);
	f = acct2_for(s, &fs, "esc");
	assert_int_equal(f->severity, SEV_HIGH);
	findings_free(&fs);
	/* RHEL's gid-0 accounts are how RHEL ships */
	tl_run_one(s, "RM-ACCT-002", &fs);
	assert_int_equal(fs.n, 4);
	findings_free(&fs);
	tl_snap_free(s);
	/* a second uid-0 account is RM-ACCT-001's alone */
	s = acct2_snap("root:x:0:0::/root:/bin/bash\n"
	    "toor:x:0:0::/root:/bin/bash\n");
	tl_run_one(s, "RM-ACCT-002", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_acct2_passwords_and_dups(void **state)
{
	struct snapshot *s;
	const struct finding *f;
	struct findings fs;

	(void)state;
	s = acct2_snap("root:x:0:0::/root:/bin/bash\n"
	    "alice:x:1000:1000::/home/a:/bin/bash\n"
	    "svc:x:1001:1001::/home/s:/usr/sbin/nologin\n"
	    "old:$1$s$h:1002:1002::/home/o:/bin/bash\n"
	    "alice:x:1003:1003::/home/a2:/bin/bash\n"
	    "ghost:x:1004:1004::/home/g:/opt/none/sh\n"
	    "zsh:x:1005:1005::/home/z:/usr/bin/zsh\n");
	named(s, "alice")->pw_state = PW_EMPTY;
	named(s, "svc")->pw_state = PW_EMPTY;
	named(s, "old")->pw_state = PW_SET;
	named(s, "old")->pw_in_passwd = true;
	s->accounts[4].dup_line = 2;
	named(s, "ghost")->shell_state = SHELL_MISSING;
	f = acct2_for(s, &fs, "alice");
	assert_int_equal(f->severity, SEV_HIGH);
	tl_assert_contains(f->message, "empty password");
	assert_string_equal(tl_ev_str(f, "password"), "empty");
	findings_free(&fs);
	f = acct2_for(s, &fs, "svc");
	assert_int_equal(f->severity, SEV_LOW);
	findings_free(&fs);
	f = acct2_for(s, &fs, "old");
	assert_int_equal(f->severity, SEV_MEDIUM);
	tl_assert_contains(f->message, "/etc/passwd");
	findings_free(&fs);
	tl_run_one(s, "RM-ACCT-002", &fs);
	f = NULL;
	for (size_t i = 0; i < fs.n; i++)
		if (finding_ev_get(fs.v[i], "first_line_for_name"))
			f = fs.v[i];
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_MEDIUM);
	assert_int_equal(finding_ev_get(f, "first_line_for_name")->i, 2);
	assert_int_equal(finding_ev_get(f, "line")->i, 5);
	findings_free(&fs);
	f = acct2_for(s, &fs, "ghost");
	assert_int_equal(f->severity, SEV_LOW);
	findings_free(&fs);
	/* a login shell not in /etc/shells: low */
	f = acct2_for(s, &fs, "zsh");
	assert_int_equal(f->severity, SEV_LOW);
	findings_free(&fs);
	/* root with an empty password */
	named(s, "root")->pw_state = PW_EMPTY;
	f = acct2_for(s, &fs, "root");
	assert_int_equal(f->severity, SEV_HIGH);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_acct2_groups(void **state)
{
	static const char grp[] = "root:x:0:\nadm:x:4:syslog\n"
	    "sudo:x:27:admin,daemon,nosuch\nwheel:x:10:\n"
	    "root2:x:0:admin\nusers:x:100:news\n";
	struct snapshot *s = acct2_snap(debian_passwd);
	struct findings fs;
	const struct finding *f;

	(void)state;
	etcparse_group(grp, strlen(grp), &s->arena, &s->groups, &s->ngroups);
	tl_run_one(s, "RM-ACCT-002", &fs);
	/* postgres (info), daemon in sudo (high), admin in a gid-0 group
	 * (medium); admin in sudo, news in users, an unknown name: nothing */
	assert_int_equal(fs.n, 3);
	f = NULL;
	for (size_t i = 0; i < fs.n; i++)
		if (strcmp(tl_ev_str(fs.v[i], "account"), "daemon") == 0)
			f = fs.v[i];
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_string_equal(f->file_path, "/etc/group");
	assert_string_equal(tl_ev_str(f, "group"), "sudo");
	assert_int_equal(finding_ev_get(f, "line")->i, 3);
	f = NULL;
	for (size_t i = 0; i < fs.n; i++)
		if (strcmp(tl_ev_str(fs.v[i], "account"), "admin") == 0)
			f = fs.v[i];
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_MEDIUM);
	assert_int_equal(finding_ev_get(f, "gid")->i, 0);
	findings_free(&fs);
	tl_snap_free(s);
}

/* ---- RM-ACCT-003 ------------------------------------------------------------ */

struct sudo_fx {
	struct snapshot *s;
	struct sudo_rule r[32];
};

static void
sudo_fx_init(struct sudo_fx *x)
{
	static const char grp[] = "root:x:0:\nsudo:x:27:admin\n"
	    "postgres:x:104:\n";

	x->s = acct2_snap(debian_passwd);
	etcparse_group(grp, strlen(grp), &x->s->arena, &x->s->groups,
	    &x->s->ngroups);
	x->s->sudo_rules = x->r;
	x->s->nsudo_rules = 0;
}

/* Add sudoers text (one rule per line) as file path. */
static void
sudo_add(struct sudo_fx *x, const char *file, const char *text)
{
	const char *p = text;
	uint32_t line = 0;

	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		struct sudo_line l;
		struct sudo_rule *r;

		line++;
		authparse_sudoers_line(p, n, &l);
		p += n + (e != NULL);
		if (l.kind != SUDOL_RULE && l.kind != SUDOL_DEFAULTS &&
		    l.kind != SUDOL_ALIAS)
			continue;
		assert_true(x->s->nsudo_rules < TL_NELEM(x->r));
		r = &x->r[x->s->nsudo_rules++];
		memset(r, 0, sizeof(*r));
		r->file = file;
		r->line = line;
		r->kind = l.kind == SUDOL_RULE ? SUDO_RULE : l.kind ==
		    SUDOL_DEFAULTS ? SUDO_DEFAULTS : SUDO_ALIAS;
		r->users = tl_sdup(x->s, l.users);
		r->hosts = tl_sdup(x->s, l.hosts);
		r->runas = l.runas[0] ? tl_sdup(x->s, l.runas) : NULL;
		r->commands = tl_sdup(x->s, l.commands);
		r->text = tl_sdup(x->s, "rule");
		r->flags = l.flags;
		r->file_mode = 0100440;
	}
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Fill each rule's members as the collector does (User_Alias expanded). */
static void
sudo_expand_all(struct sudo_fx *x)
{
	const char *names[8], *members[8], *pairs[8][2];
	size_t n = 0;

	for (size_t i = 0; i < x->s->nsudo_rules && n < 8; i++)
		if (x->r[i].kind == SUDO_ALIAS) {
			pairs[n][0] = x->r[i].users;
			pairs[n++][1] = x->r[i].commands;
		}
	qsort(pairs, n, sizeof(pairs[0]), cmp_names);
	for (size_t i = 0; i < n; i++) {
		names[i] = pairs[i][0];
		members[i] = pairs[i][1];
	}
	for (size_t i = 0; i < x->s->nsudo_rules; i++) {
		char out[512];

		if (x->r[i].kind != SUDO_RULE)
			continue;
		authparse_sudo_expand(x->r[i].users, names, members, n, out,
		    sizeof(out));
		x->r[i].members = tl_sdup(x->s, out);
	}
}

/* Severity of the one RM-ACCT-003 finding (-1: none); fails on more. */
static int
sudo_sev(struct sudo_fx *x, const char *file, const char *text)
{
	struct findings fs;
	int sev = -1;

	x->s->nsudo_rules = 0;
	sudo_add(x, file, text);
	sudo_expand_all(x);
	tl_run_one(x->s, "RM-ACCT-003", &fs);
	if (fs.n > 1)
		fail_msg("%zu findings for %s", fs.n, text);
	if (fs.n)
		sev = (int)fs.v[0]->severity;
	findings_free(&fs);
	return sev;
}

static void
test_sudo_rules(void **state)
{
	struct sudo_fx x;

	(void)state;
	sudo_fx_init(&x);
	/* Debian's sudoers */
	assert_int_equal(sudo_sev(&x, "/etc/sudoers", "Defaults env_reset\n"
	    "Defaults use_pty\nroot ALL=(ALL:ALL) ALL\n"
	    "%sudo ALL=(ALL:ALL) ALL\n%wheel ALL=(ALL) NOPASSWD: ALL\n"
	    "%admin ALL=(ALL) ALL\n"), -1);
	/* cloud-init's rule for the image's user: info */
	assert_int_equal(sudo_sev(&x, "/etc/sudoers.d/90-cloud-init-users",
	    "admin ALL=(ALL) NOPASSWD:ALL\n"), SEV_INFO);
	/* the same rule elsewhere: a login user without a password: low */
	assert_int_equal(sudo_sev(&x, "/etc/sudoers.d/admin",
	    "admin ALL=(ALL) NOPASSWD:ALL\n"), SEV_LOW);
	/* a login user with its own password: like %sudo */
	assert_int_equal(sudo_sev(&x, "/etc/sudoers", "admin ALL=(ALL) ALL\n"),
	    -1);
	/* a user that does not exist here, a system account */
	assert_int_equal(sudo_sev(&x, "/etc/sudoers.d/10-hilde",
	    "hilde ALL=(ALL:ALL) NOPASSWD:ALL\n"), SEV_HIGH);
	assert_int_equal(sudo_sev(&x, "/etc/sudoers",
	    "daemon ALL=(ALL) NOPASSWD: ALL\n"), SEV_HIGH);
	assert_int_equal(sudo_sev(&x, "/etc/sudoers",
	    "daemon ALL=(ALL) ALL\n"), SEV_MEDIUM);
	assert_int_equal(sudo_sev(&x, "/etc/sudoers",
	    "#1 ALL=(ALL) NOPASSWD: /bin/bash\n"), SEV_HIGH);
	assert_int_equal(sudo_sev(&x, "/etc/sudoers",
	    "User_Alias HELPERS = news, www-data\n"
	    "HELPERS ALL=(ALL) NOPASSWD: ALL\n"), SEV_HIGH);
	/* an alias of login users: what its members are (low), not an
	 * unknown user named ADMINS (high); nested one level */
	assert_int_equal(sudo_sev(&x, "/etc/sudoers",
	    "User_Alias OPS = admin\nUser_Alias ADMINS = OPS, root\n"
	    "ADMINS ALL=(ALL) NOPASSWD: ALL\n"), SEV_LOW);
	/* everybody */
	assert_int_equal(sudo_sev(&x, "/etc/sudoers",
	    "ALL ALL=(ALL) NOPASSWD: ALL\n"), SEV_CRITICAL);
	/* groups: a known one low, an unknown one medium */
	assert_int_equal(sudo_sev(&x, "/etc/sudoers.d/google_sudoers",
	    "%postgres ALL=(ALL:ALL) NOPASSWD:ALL\n"), SEV_LOW);
	assert_int_equal(sudo_sev(&x, "/etc/sudoers.d/x",
	    "%nosuch ALL=(ALL:ALL) NOPASSWD:ALL\n"), SEV_MEDIUM);
	/* a monitoring agent's specific commands: nothing */
	assert_int_equal(sudo_sev(&x, "/etc/sudoers.d/nagios",
	    "nagios ALL=(root) NOPASSWD: /usr/lib/nagios/plugins/check_raid\n"),
	    -1);
	/* a command anyone can replace: high whoever runs it */
	assert_int_equal(sudo_sev(&x, "/etc/sudoers.d/x",
	    "admin ALL=(root) NOPASSWD: /tmp/.x/upd\n"), SEV_HIGH);
	assert_int_equal(sudo_sev(&x, "/etc/sudoers",
	    "Defaults !authenticate\n"), SEV_HIGH);
	assert_int_equal(sudo_sev(&x, "/etc/sudoers",
	    "Defaults !lecture\n"), -1);
	tl_snap_free(x.s);
}

static void
test_sudo_rule_evidence_and_files(void **state)
{
	struct sudo_fx x;
	struct findings fs;
	const struct finding *f;

	(void)state;
	sudo_fx_init(&x);
	sudo_add(&x, "/etc/sudoers.d/10-hilde",
	    "# dropped\nhilde ALL=(ALL:ALL) NOPASSWD:ALL\n");
	tl_run_one(x.s, "RM-ACCT-003", &fs);
	assert_int_equal(fs.n, 1);
	f = fs.v[0];
	assert_string_equal(f->file_path, "/etc/sudoers.d/10-hilde");
	assert_int_equal(finding_ev_get(f, "line")->i, 2);
	assert_string_equal(tl_ev_str(f, "user"), "hilde");
	assert_true(finding_ev_get(f, "nopasswd")->b);
	assert_string_equal(tl_ev_str(f, "runas"), "ALL:ALL");
	tl_assert_contains(f->message, "no account here");
	findings_free(&fs);
	/* the files themselves */
	x.s->nsudo_rules = 1;
	x.r[0].kind = SUDO_FILE;
	x.r[0].line = 0;
	x.r[0].file_mode = 0100440;
	tl_run_one(x.s, "RM-ACCT-003", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	x.r[0].file_mode = 0100666;
	tl_run_one(x.s, "RM-ACCT-003", &fs);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0]->severity, SEV_HIGH);
	findings_free(&fs);
	x.r[0].file_mode = 0100440;
	x.r[0].file_uid = 1000;
	tl_run_one(x.s, "RM-ACCT-003", &fs);
	assert_int_equal(fs.n, 1);
	findings_free(&fs);
	/* an image unpacked by a user: owners say nothing */
	x.r[0].owners_unknown = true;
	tl_run_one(x.s, "RM-ACCT-003", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	tl_snap_free(x.s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_alone),
		cmocka_unit_test(test_toor_reported),
		cmocka_unit_test(test_several_and_odd_names),
		cmocka_unit_test(test_malformed_ignored),
		cmocka_unit_test(test_short_uid0_line_reported),
		cmocka_unit_test(test_acct2_debian_silent),
		cmocka_unit_test(test_acct2_daemon_login),
		cmocka_unit_test(test_acct2_legacy_sh),
		cmocka_unit_test(test_acct2_tricks),
		cmocka_unit_test(test_acct2_passwords_and_dups),
		cmocka_unit_test(test_acct2_groups),
		cmocka_unit_test(test_sudo_rules),
		cmocka_unit_test(test_sudo_rule_evidence_and_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
