/*
 * test_auth_parse.c - the /etc/shadow, sudoers and sshd_config parsers
 * (collect/auth_parse.c) on real and hostile lines, and the collector
 * (collect/auth.c) on image trees: shadow states mapped to accounts,
 * duplicate names, shells, sudoers includes (and an include loop),
 * sshd_config Include globs, which option sshd uses, AuthorizedKeysFile
 * entries read for keys.
 */
#include "testlib.h"
#include "collect/auth_parse.h"

/* ---- passwords --------------------------------------------------------- */

static void
test_pw_field(void **state)
{
	static const struct {
		const char *f;
		enum pw_state st;
		const char *kind;
	} t[] = {
		{ "", PW_EMPTY, NULL },
		{ "*", PW_LOCKED, NULL },
		{ "!", PW_LOCKED, NULL },
		{ "!!", PW_LOCKED, NULL },
		{ "!*", PW_LOCKED, NULL },
		{ "x", PW_LOCKED, NULL },
		{ "*LK*", PW_LOCKED, NULL },
		{ "$6$salt$abcdefghijklmnop", PW_SET, "sha512crypt" },
		{ "$y$j9T$salt$hash", PW_SET, "yescrypt" },
		{ "$5$s$h", PW_SET, "sha256crypt" },
		{ "$1$s$h", PW_SET, "md5crypt" },
		{ "$2b$10$abc", PW_SET, "bcrypt" },
		{ "!$6$salt$hash", PW_LOCKED, "sha512crypt" },
		{ "abcdefghijklm", PW_SET, "descrypt" },
		{ "abcdefghijkl!", PW_LOCKED, NULL },
		{ "$6$", PW_LOCKED, NULL },      /* a prefix alone: no hash */
		{ "$9$what", PW_LOCKED, NULL },  /* unknown scheme */
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(t); i++) {
		const char *kind = "unset";
		enum pw_state st = authparse_pw_field(t[i].f, strlen(t[i].f),
		    &kind);

		if (st != t[i].st)
			fail_msg("\"%s\": state %d, expected %d", t[i].f, st,
			    t[i].st);
		if ((kind == NULL) != (t[i].kind == NULL) ||
		    (kind && strcmp(kind, t[i].kind) != 0))
			fail_msg("\"%s\": kind %s, expected %s", t[i].f,
			    kind ? kind : "NULL", t[i].kind ? t[i].kind : "NULL");
	}
	/* kind may be NULL */
	assert_int_equal(authparse_pw_field("$6$a$b", 6, NULL), PW_SET);
}

static void
test_shadow_line(void **state)
{
	struct shadow_line l;
	const char *in;

	(void)state;
	in = "root:$y$j9T$abc$def:19700:0:99999:7:::";
	authparse_shadow_line(in, strlen(in), &l);
	assert_true(l.valid);
	assert_int_equal(l.namelen, 4);
	assert_memory_equal(l.name, "root", 4);
	assert_int_equal(l.state, PW_SET);
	assert_string_equal(l.kind, "yescrypt");
	assert_int_equal(l.changed_day, 19700);

	in = "daemon:*:19700:0:99999:7:::\r";
	authparse_shadow_line(in, strlen(in), &l);
	assert_true(l.valid);
	assert_int_equal(l.state, PW_LOCKED);

	in = "nopw::";
	authparse_shadow_line(in, strlen(in), &l);
	assert_true(l.valid);
	assert_int_equal(l.state, PW_EMPTY);
	assert_int_equal(l.changed_day, -1);

	/* only a name: the field is empty as far as the line goes */
	in = "short:";
	authparse_shadow_line(in, strlen(in), &l);
	assert_true(l.valid);
	assert_int_equal(l.state, PW_EMPTY);

	/* no name, no colon, a comment, a blank, a hostile day */
	static const char *const bad[] = { ":x:1", "nocolon", "# c:x:1",
		"", "\r" };
	for (size_t i = 0; i < TL_NELEM(bad); i++) {
		authparse_shadow_line(bad[i], strlen(bad[i]), &l);
		assert_false(l.valid);
	}
	in = "u:*:99999999999999999999:";
	authparse_shadow_line(in, strlen(in), &l);
	assert_int_equal(l.changed_day, -1);
	in = "u:*:12a:";
	authparse_shadow_line(in, strlen(in), &l);
	assert_int_equal(l.changed_day, -1);
	/* a NUL inside the line is just a byte */
	authparse_shadow_line("a\0b:*:1", 7, &l);
	assert_true(l.valid);
	assert_int_equal(l.namelen, 3);
}

/* ---- sudoers -------------------------------------------------------------- */

static void
sl(const char *in, struct sudo_line *l)
{
	authparse_sudoers_line(in, strlen(in), l);
}

static void
test_sudoers_debian(void **state)
{
	struct sudo_line l;

	(void)state;
	sl("Defaults\tenv_reset", &l);
	assert_int_equal(l.kind, SUDOL_DEFAULTS);
	assert_int_equal(l.flags, 0);
	sl("Defaults\tsecure_path=\"/usr/local/sbin:/usr/bin\"", &l);
	assert_int_equal(l.kind, SUDOL_DEFAULTS);
	sl("#Defaults:%sudo env_keep += \"http_proxy\"", &l);
	assert_int_equal(l.kind, SUDOL_BLANK);
	sl("root\tALL=(ALL:ALL) ALL", &l);
	assert_int_equal(l.kind, SUDOL_RULE);
	assert_string_equal(l.users, "root");
	assert_string_equal(l.hosts, "ALL");
	assert_string_equal(l.runas, "ALL:ALL");
	assert_string_equal(l.commands, "ALL");
	assert_int_equal(l.flags, SUDO_ALL_CMDS);
	sl("%sudo\tALL=(ALL:ALL) ALL", &l);
	assert_string_equal(l.users, "%sudo");
	assert_int_equal(l.flags, SUDO_ALL_CMDS);
	sl("@includedir /etc/sudoers.d", &l);
	assert_int_equal(l.kind, SUDOL_INCLUDEDIR);
	assert_string_equal(l.path, "/etc/sudoers.d");
	sl("#includedir /etc/sudoers.d", &l);
	assert_int_equal(l.kind, SUDOL_INCLUDEDIR);
	sl("# See sudoers(5) for more information on \"@include\" directives:",
	    &l);
	assert_int_equal(l.kind, SUDOL_BLANK);
	sl("admin ALL=(ALL) NOPASSWD:ALL", &l);
	assert_int_equal(l.kind, SUDOL_RULE);
	assert_int_equal(l.flags, SUDO_NOPASSWD | SUDO_ALL_CMDS);
	assert_string_equal(l.commands, "ALL");
}

static void
test_sudoers_rules(void **state)
{
	struct sudo_line l;

	(void)state;
	sl("alice , bob  ALL = (root) NOPASSWD: /bin/ls, /usr/bin/vim", &l);
	assert_int_equal(l.kind, SUDOL_RULE);
	assert_string_equal(l.users, "alice,bob");
	assert_string_equal(l.runas, "root");
	assert_int_equal(l.flags, SUDO_NOPASSWD | SUDO_SHELL_CMD);
	assert_string_equal(l.commands, "/bin/ls,/usr/bin/vim");
	/* a monitoring agent's rule: specific commands only */
	sl("nagios ALL=(root) NOPASSWD: /usr/lib/nagios/plugins/check_raid",
	    &l);
	assert_int_equal(l.flags, SUDO_NOPASSWD);
	sl("x ALL=NOPASSWD: /tmp/.x/run", &l);
	assert_int_equal(l.flags, SUDO_NOPASSWD | SUDO_WRITABLE_CMD);
	sl("x ALL=(ALL) /usr/lib/.hidden/tool", &l);
	assert_int_equal(l.flags, SUDO_WRITABLE_CMD);
	/* a uid in place of a name: a rule, not a comment */
	sl("#1000 ALL=(ALL) NOPASSWD: ALL", &l);
	assert_int_equal(l.kind, SUDOL_RULE);
	assert_string_equal(l.users, "#1000");
	/* comments that start with a number */
	sl("#123 is not a rule", &l);
	assert_int_equal(l.kind, SUDOL_BLANK);
	sl("#1000", &l);
	assert_int_equal(l.kind, SUDOL_BLANK);
	/* negation grants nothing; tags and options in front */
	sl("alice ALL=(ALL) !/bin/su, /bin/ls", &l);
	assert_int_equal(l.flags, 0);
	sl("alice ALL=(ALL) CWD=/ NOPASSWD: SETENV: ALL", &l);
	assert_int_equal(l.flags, SUDO_NOPASSWD | SUDO_ALL_CMDS);
	sl("alice ALL = sha256:YWJj /bin/bash", &l);
	assert_int_equal(l.flags, SUDO_SHELL_CMD);
	sl("ALL ALL=(ALL) ALL", &l);
	assert_string_equal(l.users, "ALL");
	/* a tag that is not one: a command */
	sl("alice ALL=FOO: /bin/ls", &l);
	assert_int_equal(l.flags, 0);
	/* two Cmnd_Specs with their own runas */
	sl("bob ALL=(root) /bin/ls, (postgres) NOPASSWD: /usr/bin/psql", &l);
	assert_string_equal(l.runas, "root");
	assert_int_equal(l.flags, SUDO_NOPASSWD);
}

static void
test_sudoers_other(void **state)
{
	struct sudo_line l;
	char big[12000];

	(void)state;
	sl("Defaults !authenticate", &l);
	assert_int_equal(l.kind, SUDOL_DEFAULTS);
	assert_int_equal(l.flags, SUDO_NOAUTH | SUDO_NOPASSWD);
	sl("Defaults:alice !authenticate, !lecture", &l);
	assert_string_equal(l.users, "alice");
	assert_int_equal(l.flags, SUDO_NOAUTH | SUDO_NOPASSWD);
	sl("Defaults !authenticated_x", &l);
	assert_int_equal(l.flags, 0);
	sl("Defaultsx env_reset", &l);
	assert_int_equal(l.kind, SUDOL_INVALID);
	sl("User_Alias ADMINS = jsmith, mikem : OPS = x", &l);
	assert_int_equal(l.kind, SUDOL_ALIAS);
	assert_string_equal(l.users, "ADMINS");
	assert_string_equal(l.commands, "jsmith,mikem");
	sl("User_Alias NOEQ", &l);
	assert_int_equal(l.kind, SUDOL_INVALID);
	sl("Cmnd_Alias SHELLS = /bin/sh", &l);
	assert_int_equal(l.kind, SUDOL_OTHER_ALIAS);
	sl("@include \"/etc/sudoers local\"", &l);
	assert_int_equal(l.kind, SUDOL_INCLUDE);
	assert_string_equal(l.path, "/etc/sudoers local");
	sl("#include sudoers.local", &l);
	assert_int_equal(l.kind, SUDOL_INCLUDE);
	assert_string_equal(l.path, "sudoers.local");
	sl("@include", &l);
	assert_int_equal(l.kind, SUDOL_INVALID);
	sl("@foo bar", &l);
	assert_int_equal(l.kind, SUDOL_INVALID);
	sl("garbage", &l);
	assert_int_equal(l.kind, SUDOL_INVALID);
	sl("a b c = ALL", &l);
	assert_int_equal(l.kind, SUDOL_INVALID);
	sl("=", &l);
	assert_int_equal(l.kind, SUDOL_INVALID);
	sl("   \t  ", &l);
	assert_int_equal(l.kind, SUDOL_BLANK);
	/* a huge line stays within the fields */
	memset(big, 'a', sizeof(big));
	memcpy(big + 6000, " ALL=(", 6);
	big[sizeof(big) - 1] = '\0';
	sl(big, &l);
	assert_true(strlen(l.users) < sizeof(l.users));
	assert_true(strlen(l.commands) < sizeof(l.commands));
	assert_true(strlen(l.runas) < sizeof(l.runas));
}

static void
test_sudo_expand(void **state)
{
	const char *names[] = { "ADMINS", "LOOP", "OPS" };
	const char *members[] = { "OPS,root", "LOOP", "alice,bob" };
	char out[64], tiny[12];

	(void)state;
	authparse_sudo_expand("ADMINS,%sudo,carol", names, members, 3, out,
	    sizeof(out));
	assert_string_equal(out, "alice,bob,root,%sudo,carol");
	/* a loop stops after two levels */
	authparse_sudo_expand("LOOP", names, members, 3, out, sizeof(out));
	assert_string_equal(out, "LOOP");
	authparse_sudo_expand("", names, members, 3, out, sizeof(out));
	assert_string_equal(out, "");
	authparse_sudo_expand("a,,b", NULL, NULL, 0, out, sizeof(out));
	assert_string_equal(out, "a,b");
	/* cut at an item boundary */
	authparse_sudo_expand("OPS,dave", names, members, 3, tiny,
	    sizeof(tiny));
	assert_string_equal(tiny, "alice,bob");
}

static void
test_sudoers_next(void **state)
{
	const char *in = "a \\\n b\\\r\nc\nlast\\";
	const char *p = in, *end = in + strlen(in);
	char out[64], tiny[4];
	size_t len, used;
	uint32_t nl;

	(void)state;
	used = authparse_sudoers_next(p, end, out, sizeof(out), &len, &nl);
	assert_string_equal(out, "a  bc");
	assert_int_equal(len, 5);
	assert_int_equal(nl, 3);
	p += used;
	used = authparse_sudoers_next(p, end, out, sizeof(out), &len, &nl);
	/* a backslash at the end of the file: no newline to join */
	assert_string_equal(out, "last\\");
	assert_int_equal(nl, 1);
	p += used;
	assert_ptr_equal(p, end);
	assert_int_equal(authparse_sudoers_next(p, end, out, sizeof(out), &len,
	    &nl), 0);
	/* cut at the cap */
	in = "abcdefgh\n";
	used = authparse_sudoers_next(in, in + 9, tiny, sizeof(tiny), &len,
	    &nl);
	assert_int_equal(used, 9);
	assert_string_equal(tiny, "abc");
	assert_int_equal(len, 3);
}

/* ---- sshd_config ----------------------------------------------------------- */

static void
test_sshd_line(void **state)
{
	struct sshd_line l;
	const char *in;
	char big[2000];

	(void)state;
	in = "PermitRootLogin yes";
	authparse_sshd_line(in, strlen(in), &l);
	assert_int_equal(l.kind, SSHDL_OPT);
	assert_string_equal(l.keyword, "permitrootlogin");
	assert_string_equal(l.value, "yes");
	in = "  permitRootLogin   =  without-password \r";
	authparse_sshd_line(in, strlen(in), &l);
	assert_int_equal(l.kind, SSHDL_OPT);
	assert_string_equal(l.value, "without-password");
	in = "PermitRootLogin=yes";
	authparse_sshd_line(in, strlen(in), &l);
	assert_string_equal(l.keyword, "permitrootlogin");
	assert_string_equal(l.value, "yes");
	in = "#PermitRootLogin yes";
	authparse_sshd_line(in, strlen(in), &l);
	assert_int_equal(l.kind, SSHDL_BLANK);
	in = "Match User backup Address 10.0.0.0/8";
	authparse_sshd_line(in, strlen(in), &l);
	assert_int_equal(l.kind, SSHDL_MATCH);
	assert_string_equal(l.value, "User backup Address 10.0.0.0/8");
	in = "Bad-Key x";
	authparse_sshd_line(in, strlen(in), &l);
	assert_int_equal(l.kind, SSHDL_INVALID);
	in = "= yes";
	authparse_sshd_line(in, strlen(in), &l);
	assert_int_equal(l.kind, SSHDL_INVALID);
	memset(big, 'K', sizeof(big));
	authparse_sshd_line(big, sizeof(big), &l);
	assert_int_equal(l.kind, SSHDL_INVALID);
	memcpy(big, "Banner ", 7);
	authparse_sshd_line(big, sizeof(big), &l);
	assert_int_equal(l.kind, SSHDL_OPT);
	assert_int_equal(strlen(l.value), SSHD_VALUE_MAX - 1);
	assert_true(authparse_sshd_multi("port"));
	assert_true(authparse_sshd_multi("listenaddress"));
	assert_false(authparse_sshd_multi("permitrootlogin"));
	assert_false(authparse_sshd_multi("authorizedkeysfile"));
}

static void
test_words_and_paths(void **state)
{
	char w[4][SSHD_WORD_MAX], out[64];
	char longw[600];

	(void)state;
	assert_int_equal(authparse_words(".ssh/authorized_keys  \"/etc/ssh/a b/%u\""
	    "\t/x", w, 4), 3);
	assert_string_equal(w[0], ".ssh/authorized_keys");
	assert_string_equal(w[1], "/etc/ssh/a b/%u");
	assert_string_equal(w[2], "/x");
	assert_int_equal(authparse_words("", w, 4), 0);
	assert_int_equal(authparse_words("\"\" a", w, 4), 1);
	assert_int_equal(authparse_words("a b c d e f", w, 4), 4);
	memset(longw, 'z', sizeof(longw));
	longw[sizeof(longw) - 1] = '\0';
	assert_int_equal(authparse_words(longw, w, 1), 1);
	assert_int_equal(strlen(w[0]), SSHD_WORD_MAX - 1);

	assert_true(authparse_keys_path(".ssh/authorized_keys", "/root", "root",
	    0, out, sizeof(out)));
	assert_string_equal(out, "/root/.ssh/authorized_keys");
	assert_true(authparse_keys_path("%h/.ssh/k", "/home/a", "a", 1000, out,
	    sizeof(out)));
	assert_string_equal(out, "/home/a/.ssh/k");
	assert_true(authparse_keys_path("/etc/ssh/keys/%u", NULL, "alice", 1,
	    out, sizeof(out)));
	assert_string_equal(out, "/etc/ssh/keys/alice");
	assert_true(authparse_keys_path("/k/%U.%%", "/", "a", 42, out,
	    sizeof(out)));
	assert_string_equal(out, "/k/42.%");
	assert_true(authparse_keys_path("%u/keys", "/srv", "bob", 1, out,
	    sizeof(out)));
	assert_string_equal(out, "/srv/bob/keys");
	/* refused: unknown token, relative without a home, a name with a
	 * slash, a result too long */
	assert_false(authparse_keys_path("/k/%x", "/", "a", 1, out,
	    sizeof(out)));
	assert_false(authparse_keys_path(".ssh/k", "", "a", 1, out,
	    sizeof(out)));
	assert_false(authparse_keys_path(".ssh/k", "relative", "a", 1, out,
	    sizeof(out)));
	assert_false(authparse_keys_path("/k/%u", "/", "../../x/y", 1, out,
	    sizeof(out)));
	assert_false(authparse_keys_path("/k/%", "/", "a", 1, out,
	    sizeof(out)));
	assert_false(authparse_keys_path(".ssh/authorized_keys", "/home/"
	    "a-very-long-home-directory-name-here", "a", 1, out, 32));
	assert_true(authparse_keys_per_user("/etc/ssh/keys/%u"));
	assert_true(authparse_keys_per_user("/k/%U"));
	assert_false(authparse_keys_per_user("%h/.ssh/%%u"));
}

/* ---- the collector on image trees ----------------------------------------- */

struct img {
	char *root;
	struct snapshot *s;
};

static void
img_run(struct img *m)
{
	m->s = tl_snap_new();
	m->s->live = false;
	m->s->root = m->root;
	m->s->rootfd = tl_opendir(m->root);
	users_collect(m->s);
	auth_collect(m->s);
	persist_collect_ssh(m->s);
}

static void
img_free(struct img *m)
{
	tl_snap_free(m->s);
	tl_rmrf(m->root);
	free(m->root);
}

static const struct account *
account_of(const struct snapshot *s, const char *name, uint32_t line)
{
	for (size_t i = 0; i < s->naccounts; i++)
		if (strcmp(s->accounts[i].name, name) == 0 &&
		    (line == 0 || s->accounts[i].line == line))
			return &s->accounts[i];
	fail_msg("no account %s", name);
	return NULL;
}

static void
test_collect_accounts(void **state)
{
	struct img m = { tl_tmpdir(), NULL };
	const struct account *a;

	(void)state;
	tl_writes(m.root, "etc/passwd", "root:x:0:0::/root:/bin/bash\n"
	    "daemon:x:1:1::/usr/sbin:/bin/bash\n"
	    "old:$1$s$h:1002:1002::/home/old:/bin/sh\n"
	    "nopw::1003:1003::/home/nopw:/bin/sh\n"
	    "root:x:1004:1004::/home/r2:/bin/zsh\n"
	    "ghost:x:1005:1005::/home/g:/opt/none/sh\n");
	tl_writes(m.root, "etc/shadow", "root:$y$j9T$a$b:19000::::::\n"
	    "daemon:$6$s$h:19001::::::\n"
	    "daemon:*:1::::::\n"          /* a later line: not used */
	    "old:!::::::\n"               /* passwd's own field wins */
	    "stranger:$6$s$h:1::::::\n");
	tl_writes(m.root, "etc/shells", "# c\n/bin/bash\n  /bin/sh # x\n"
	    "/usr/sbin/nologin \n");
	tl_writes(m.root, "bin/bash", "x");
	{
		char *p = tl_path(m.root, "bin/bash");

		chmod(p, 0755);
		free(p);
	}
	tl_writes(m.root, "bin/sh", "x");          /* 0644: not executable */
	img_run(&m);
	assert_true(m.s->shadow_read);
	assert_true(m.s->shells_read);
	a = account_of(m.s, "root", 1);
	assert_int_equal(a->pw_state, PW_SET);
	assert_string_equal(a->pw_kind, "yescrypt");
	assert_int_equal(a->shadow_line, 1);
	assert_int_equal(a->pw_changed_day, 19000);
	assert_int_equal(a->shell_state, SHELL_FOUND);
	assert_true(a->shell_listed);
	assert_int_equal(a->dup_line, 0);
	a = account_of(m.s, "daemon", 0);
	assert_int_equal(a->pw_state, PW_SET);
	assert_int_equal(a->shadow_line, 2);
	a = account_of(m.s, "old", 0);
	assert_int_equal(a->pw_state, PW_SET);
	assert_true(a->pw_in_passwd);
	assert_string_equal(a->pw_kind, "md5crypt");
	assert_int_equal(a->shell_state, SHELL_NOT_EXEC);
	assert_true(a->shell_listed);  /* "  /bin/sh # x" as glibc reads it */
	a = account_of(m.s, "nopw", 0);
	assert_int_equal(a->pw_state, PW_EMPTY);
	assert_int_equal(a->shadow_line, 0);
	a = account_of(m.s, "root", 5);
	assert_int_equal(a->dup_line, 1);
	/* the second root line has no shadow line of its own */
	assert_int_equal(a->shadow_line, 0);
	assert_int_equal(a->pw_state, PW_UNKNOWN);
	a = account_of(m.s, "ghost", 0);
	assert_int_equal(a->shell_state, SHELL_MISSING);
	assert_false(a->shell_listed);
	img_free(&m);
}

static const struct sudo_rule *
rule_at(const struct snapshot *s, const char *file, uint32_t line)
{
	for (size_t i = 0; i < s->nsudo_rules; i++)
		if (strcmp(s->sudo_rules[i].file, file) == 0 &&
		    s->sudo_rules[i].line == line)
			return &s->sudo_rules[i];
	return NULL;
}

static void
test_collect_sudoers(void **state)
{
	struct img m = { tl_tmpdir(), NULL };
	const struct sudo_rule *r;
	size_t nfiles = 0;

	(void)state;
	tl_writes(m.root, "etc/passwd", "root:x:0:0::/root:/bin/bash\n");
	tl_writes(m.root, "etc/sudoers", "Defaults env_reset\n"
	    "root ALL=(ALL:ALL) \\\n  ALL\n"
	    "@includedir /etc/sudoers.d\n"
	    "#include sudoers.local\n"
	    "@include /etc/sudoers\n");  /* a loop: bounded by depth */
	tl_writes(m.root, "etc/sudoers.local", "local ALL=NOPASSWD: ALL\n");
	tl_writes(m.root, "etc/sudoers.d/b", "b ALL=(ALL) NOPASSWD:ALL\n");
	tl_writes(m.root, "etc/sudoers.d/a", "a ALL=ALL\n");
	tl_writes(m.root, "etc/sudoers.d/skip.conf", "x ALL=ALL\n");
	tl_writes(m.root, "etc/sudoers.d/skip~", "y ALL=ALL\n");
	tl_mkfifo(m.root, "etc/sudoers.d/fifo");
	img_run(&m);
	assert_true(m.s->sudoers_read);
	r = rule_at(m.s, "/etc/sudoers", 2);
	assert_non_null(r);
	assert_int_equal(r->kind, SUDO_RULE);
	assert_string_equal(r->users, "root");
	assert_int_equal(r->flags, SUDO_ALL_CMDS);
	/* the line after a continuation keeps its own number */
	r = rule_at(m.s, "/etc/sudoers.d/a", 1);
	assert_non_null(r);
	assert_non_null(rule_at(m.s, "/etc/sudoers.d/b", 1));
	assert_null(rule_at(m.s, "/etc/sudoers.d/skip.conf", 1));
	assert_null(rule_at(m.s, "/etc/sudoers.d/skip~", 1));
	r = rule_at(m.s, "/etc/sudoers.local", 1);
	assert_non_null(r);
	assert_string_equal(r->members, "local");
	assert_int_equal(r->flags, SUDO_NOPASSWD | SUDO_ALL_CMDS);
	/* a before b (sorted), and the loop stopped */
	for (size_t i = 0; i < m.s->nsudo_rules; i++)
		if (m.s->sudo_rules[i].kind == SUDO_FILE)
			nfiles++;
	assert_true(nfiles < RM_AUTH_FILES_MAX);
	assert_true(tl_skipped(m.s, "accounts: sudoers and sshd_config",
	    "nested"));
	img_free(&m);
}

static const struct sshd_opt *
opt(const struct snapshot *s, const char *kw, size_t nth)
{
	for (size_t i = 0; i < s->nsshd_opts; i++)
		if (strcmp(s->sshd_opts[i].keyword, kw) == 0 && nth-- == 0)
			return &s->sshd_opts[i];
	return NULL;
}

static void
test_collect_sshd(void **state)
{
	struct img m = { tl_tmpdir(), NULL };
	const struct sshd_opt *o;

	(void)state;
	tl_writes(m.root, "etc/passwd", "root:x:0:0::/root:/bin/bash\n"
	    "alice:x:1000:1000::/home/alice:/bin/bash\n"
	    "bob:x:1001:1001::/home/alice:/bin/bash\n");
	tl_writes(m.root, "etc/ssh/sshd_config",
	    "Include /etc/ssh/sshd_config.d/*.conf\n"
	    "PermitRootLogin yes\n"
	    "Port 22\n"
	    "AuthorizedKeysFile .ssh/authorized_keys /etc/ssh/.keys/%u "
	    "%h/.ssh/authorized_keys\n"
	    "Match User bob\n"
	    "  PermitRootLogin yes\n"
	    "  AuthorizedKeysFile .config/k\n"
	    "Match all\n"
	    "Port 2222\n");
	tl_writes(m.root, "etc/ssh/sshd_config.d/50-cloud.conf",
	    "PermitRootLogin without-password\n");
	tl_writes(m.root, "etc/ssh/sshd_config.d/10-a.conf",
	    "PasswordAuthentication no\n");
	tl_writes(m.root, "etc/ssh/sshd_config.d/ignored.txt",
	    "PermitEmptyPasswords yes\n");
	tl_writes(m.root, "etc/ssh/.keys/alice", "ssh-ed25519 "
	    "AAAAC3NzaC1lZDI1NTE5AAAAIMs56zHlK6MdnWptnFMjvLg5zDeO8BJlS9lJv9xJ/tSH"
	    " a\n");
	tl_writes(m.root, "home/alice/.config/k", "ssh-ed25519 "
	    "AAAAC3NzaC1lZDI1NTE5AAAAIMs56zHlK6MdnWptnFMjvLg5zDeO8BJlS9lJv9xJ/tSH"
	    " b\n");
	img_run(&m);
	assert_true(m.s->sshd_config_read);
	/* included files in name order, at the place of the Include */
	o = opt(m.s, "passwordauthentication", 0);
	assert_string_equal(o->file, "/etc/ssh/sshd_config.d/10-a.conf");
	assert_true(o->effective);
	o = opt(m.s, "permitrootlogin", 0);
	assert_string_equal(o->file, "/etc/ssh/sshd_config.d/50-cloud.conf");
	assert_true(o->effective);
	o = opt(m.s, "permitrootlogin", 1);
	assert_string_equal(o->file, "/etc/ssh/sshd_config");
	assert_int_equal(o->line, 2);
	assert_false(o->effective);  /* the cloud file's value came first */
	assert_null(o->match);
	o = opt(m.s, "permitrootlogin", 2);
	assert_string_equal(o->match, "User bob");
	assert_false(o->effective);
	assert_null(opt(m.s, "permitemptypasswords", 0));
	/* both ports count, the one after "Match all" too */
	assert_true(opt(m.s, "port", 0)->effective);
	o = opt(m.s, "port", 1);
	assert_true(o->effective);
	assert_null(o->match);
	assert_true(opt(m.s, "include", 0)->file_first);
	/* keys from the extra AuthorizedKeysFile entries; alice's home is
	 * read once (bob shares it), for alice */
	{
		size_t hidden = 0, config = 0;

		for (size_t i = 0; i < m.s->nssh_keys; i++) {
			const struct ssh_key *k = &m.s->ssh_keys[i];

			if (strcmp(k->path, "/etc/ssh/.keys/alice") == 0) {
				hidden++;
				assert_string_equal(k->user, "alice");
				assert_string_equal(k->config_pattern,
				    "/etc/ssh/.keys/%u");
			}
			if (strcmp(k->path, "/home/alice/.config/k") == 0) {
				config++;
				assert_string_equal(k->user, "alice");
			}
		}
		assert_int_equal(hidden, 1);
		assert_int_equal(config, 1);
	}
	img_free(&m);
}

/* An image of /etc alone: no shell exists, none is called missing. */
static void
test_collect_no_binaries(void **state)
{
	struct img m = { tl_tmpdir(), NULL };

	(void)state;
	tl_writes(m.root, "etc/passwd", "root:x:0:0::/root:/bin/bash\n"
	    "x:x:1000:1000::/home/x:/bin/zsh\n");
	img_run(&m);
	assert_int_equal(m.s->accounts[0].shell_state, SHELL_UNCHECKED);
	assert_int_equal(m.s->accounts[1].shell_state, SHELL_UNCHECKED);
	assert_true(tl_skipped(m.s, "accounts: login shells", "no login "
	    "shell"));
	img_free(&m);
}

static void
test_collect_missing(void **state)
{
	struct img m = { tl_tmpdir(), NULL };

	(void)state;
	/* no shadow, no sudo, no sshd: nothing read, nothing invented */
	tl_writes(m.root, "etc/passwd", "root:x:0:0::/root:/bin/bash\n");
	img_run(&m);
	assert_false(m.s->shadow_read);
	assert_false(m.s->sudoers_read);
	assert_false(m.s->sshd_config_read);
	assert_int_equal(m.s->nsudo_rules, 0);
	assert_int_equal(m.s->nsshd_opts, 0);
	assert_int_equal(m.s->accounts[0].pw_state, PW_UNKNOWN);
	/* an image with no logs or package status: no reference time */
	assert_int_equal(m.s->ref_time, 0);
	img_free(&m);
	m.root = tl_tmpdir();
	tl_writes(m.root, "etc/passwd", "root:x:0:0::/root:/bin/bash\n");
	tl_writes(m.root, "var/lib/dpkg/status", "");
	img_run(&m);
	assert_true(m.s->ref_time > 1700000000);
	img_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pw_field),
		cmocka_unit_test(test_shadow_line),
		cmocka_unit_test(test_sudoers_debian),
		cmocka_unit_test(test_sudoers_rules),
		cmocka_unit_test(test_sudoers_other),
		cmocka_unit_test(test_sudo_expand),
		cmocka_unit_test(test_sudoers_next),
		cmocka_unit_test(test_sshd_line),
		cmocka_unit_test(test_words_and_paths),
		cmocka_unit_test(test_collect_accounts),
		cmocka_unit_test(test_collect_sudoers),
		cmocka_unit_test(test_collect_sshd),
		cmocka_unit_test(test_collect_no_binaries),
		cmocka_unit_test(test_collect_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
