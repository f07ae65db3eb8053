/*
 * det_per_startup.c - RM-PER-004: a start-up file (systemd unit, init
 * script, rc.local, shell start-up file, /etc/environment, udev rule,
 * motd script, generator) that downloads and runs code, decodes and runs
 * it, runs a program from a world-writable or hidden directory, runs a
 * program and deletes it, or preloads a library into every process.
 *
 * The droppers' way back after a reboot: Mirai's dnsconfigs.service
 * (ExecStart=/var/tmp/nginx_kel, Restart=always), Spinning YARN's units
 * running /var/tmp/.11/sshd and /var/.httpd/...../httpd, k4spreader's
 * unit that copies /bin/knlib, runs the copy and deletes it, Gelsemium's
 * init script and profile.d script starting /usr/bin/.Xl1/kde and
 * /home/www/.Xl1/kde.  Judgement as for cron (det_per_cron.c): running
 * what was fetched or decoded is high (critical when systemd restarts it
 * for ever); a program from /tmp, /var/tmp or /dev/shm is high; from a
 * hidden directory outside the homes, high in a system start-up file; a
 * home's dot-directory is normal in a user's own .bashrc (~/.cargo/env,
 * acme.sh's alias) and says little in a unit (nvm's node), but a
 * system-wide login script or boot script starting a program from one is
 * high.  Package-owned files are judged too (a package does not download
 * and run code at boot), their lesser findings held at medium.
 */
#include <stdio.h>
#include <string.h>

#include "../collect/cron_parse.h"
#include "../collect/startup_parse.h"
#include "detect_util.h"
#include "detector.h"

/* What a start-up line does beyond a cron command (enum startup_flag). */
static const struct flag_text startup_does[] = {
	{ SCMD_RUN_DELETE, "delete the program it runs" },
	{ SCMD_BACKGROUND, "run in the background" },
	{ SCMD_LD_PRELOAD, "preload a library" },
	{ SCMD_PATH_WRITABLE, "put a writable directory in PATH" },
	{ SCMD_HISTORY_OFF, "switch shell history off" },
	{ SCMD_PROG_UNOWNED, "run a program no package owns" },
};

static const char *
kind_name(enum startup_kind k)
{
	switch (k) {
	case STARTUP_UNIT: return "systemd unit";
	case STARTUP_USER_UNIT: return "systemd user unit";
	case STARTUP_GENERATOR: return "systemd generator";
	case STARTUP_INITD: return "init script";
	case STARTUP_RCLOCAL: return "rc.local";
	case STARTUP_SHELL: return "shell start-up file";
	case STARTUP_USER_SHELL: return "user's shell start-up file";
	case STARTUP_ENVIRONMENT: return "environment file";
	case STARTUP_UDEV: return "udev rule";
	case STARTUP_MOTD: return "motd script";
	}
	return "?";
}

static bool
in_home(const char *p)
{
	return p && (strncmp(p, "/root/", 6) == 0 ||
	    strncmp(p, "/home/", 6) == 0 || strncmp(p, "~/", 2) == 0 ||
	    strncmp(p, "$HOME/", 6) == 0 || strncmp(p, "${HOME}/", 8) == 0);
}

/* Runs as root with nobody logged in: at boot or on a device event. */
static bool
at_boot(enum startup_kind k)
{
	return k == STARTUP_UNIT || k == STARTUP_GENERATOR ||
	    k == STARTUP_INITD || k == STARTUP_RCLOCAL || k == STARTUP_UDEV;
}

/* A file every account or the boot runs (not one account's own). */
static bool
system_file(const struct startup_file *f)
{
	return f->kind != STARTUP_USER_SHELL &&
	    !(f->kind == STARTUP_USER_UNIT && f->user != NULL);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct startup_entry *e = fa->u.startup;
	const struct startup_file *sf = e->file;
	unsigned fl = e->flags, sfl = e->sflags;
	bool sys = system_file(sf), boot = at_boot(sf->kind);
	bool place = e->directive && (strcmp(e->directive,
	    "WorkingDirectory") == 0 || strcmp(e->directive,
	    "EnvironmentFile") == 0);
	bool fetch_run;
	enum severity sev;
	enum confidence conf;
	const char *what;
	struct finding *f;

	if (e->line == 0)
		return;  /* the file itself: RM-PER-005 */
	fetch_run = ((fl & CMD_DOWNLOAD) && (fl & (CMD_SHELL_PIPE |
	    CMD_EXEC_FETCHED | CMD_INLINE))) || ((fl & CMD_DECODE) &&
	    (fl & (CMD_SHELL_PIPE | CMD_INLINE)));
	if (fetch_run && !place) {
		what = (fl & CMD_DOWNLOAD) ? "downloads and runs code" :
		    "decodes and runs code";
		sev = sf->restart_always ? SEV_CRITICAL : SEV_HIGH;
		conf = CONF_HIGH;
	} else if ((sfl & SCMD_RUN_DELETE) && !place) {
		what = "runs a program and deletes it (a copy run to hide "
		    "where it comes from)";
		sev = SEV_HIGH;
		conf = CONF_MEDIUM;
	} else if ((fl & CMD_WRITABLE) && !place) {
		what = "runs a program from a world-writable directory";
		sev = SEV_HIGH;
		conf = sf->restart_always || boot ? CONF_HIGH : CONF_MEDIUM;
	} else if (sfl & SCMD_LD_PRELOAD) {
		struct cron_cmd lc;
		bool odd;

		cronparse_command(e->lib ? e->lib : "", e->lib ?
		    strlen(e->lib) : 0, &lc);
		odd = (lc.flags & CMD_WRITABLE) || ((lc.flags & CMD_HIDDEN) &&
		    !in_home(e->lib));
		what = "preloads a library into the programs it starts "
		    "(LD_PRELOAD)";
		sev = odd || sf->kind == STARTUP_ENVIRONMENT ? SEV_HIGH :
		    sys ? SEV_MEDIUM : SEV_LOW;
		conf = odd ? CONF_HIGH : CONF_MEDIUM;
	} else if (fl & CMD_WRITABLE) {
		what = strcmp(e->directive, "EnvironmentFile") == 0 ?
		    "loads its environment from a world-writable directory" :
		    "works in a world-writable directory";
		sev = SEV_MEDIUM;
		conf = CONF_MEDIUM;
	} else if ((fl & CMD_HIDDEN) && !in_home(e->path)) {
		what = place ? "works in a hidden directory" :
		    "runs a program from a hidden directory";
		sev = place ? SEV_MEDIUM : sys ? SEV_HIGH : SEV_MEDIUM;
		conf = place ? CONF_LOW : boot ? CONF_HIGH : CONF_MEDIUM;
	} else if ((fl & CMD_HIDDEN) && !place && (sf->kind == STARTUP_SHELL ||
	    sf->kind == STARTUP_INITD || sf->kind == STARTUP_RCLOCAL ||
	    sf->kind == STARTUP_MOTD || sf->kind == STARTUP_UDEV ||
	    sf->kind == STARTUP_GENERATOR)) {
		/* Gelsemium's profile.d: /home/www/.Xl1/kde & at every login */
		what = "runs a program from a hidden directory in a home, for "
		    "every user or at boot";
		sev = SEV_HIGH;
		conf = CONF_MEDIUM;
	} else if ((fl & CMD_HIDDEN) && !place && sf->kind == STARTUP_UNIT) {
		what = "runs a program from a dot-directory in a home";
		sev = SEV_LOW;
		conf = CONF_LOW;
	} else if (sfl & SCMD_PATH_WRITABLE) {
		what = "puts a world-writable directory in PATH";
		sev = sys ? SEV_MEDIUM : SEV_LOW;
		conf = CONF_MEDIUM;
	} else if (sfl & SCMD_HISTORY_OFF) {
		what = "switches shell history off";
		sev = sys ? SEV_MEDIUM : SEV_LOW;
		conf = CONF_MEDIUM;
	} else if (sfl & SCMD_PROG_UNOWNED) {
		what = "runs a program in a system directory that no package "
		    "installed";
		sev = SEV_LOW;
		conf = CONF_LOW;
	} else {
		return;
	}
	if (sf->packaged && !fetch_run && sev > SEV_MEDIUM) {
		sev = SEV_MEDIUM;  /* the distribution's own file */
		conf = CONF_LOW;
	}
	f = findings_add(out, d, "%s %s:%u %s%s", kind_name(sf->kind),
	    sf->path, e->line, what, sf->restart_always && sev >= SEV_HIGH ?
	    ", restarted for ever (Restart=always)" : "");
	f->severity = sev;
	f->confidence = conf;
	finding_set_file(f, sf->path);
	finding_ev_int(f, "line", e->line);
	finding_ev_str(f, "file_kind", kind_name(sf->kind));
	if (e->directive)
		finding_ev_str(f, "directive", e->directive);
	if (e->command)
		finding_ev_str(f, "command", e->command);
	if (sf->unit)
		finding_ev_str(f, "unit", sf->unit);
	if (sf->user)
		finding_ev_str(f, "user", sf->user);
	if (sf->restart_always)
		finding_ev_str(f, "restart", "always");
	if (sf->timer)
		finding_ev_str(f, "timer", sf->timer);
	if (e->url)
		finding_ev_str(f, "url", e->url);
	if (e->path)
		finding_ev_str(f, "path", e->path);
	if (e->program)
		finding_ev_str(f, "program", e->program);
	if (e->lib)
		finding_ev_str(f, "library", e->lib);
	if (sf->link)
		finding_ev_str(f, "link_target", sf->link);
	if (sf->pkgdb)
		finding_ev_bool(f, "packaged", sf->packaged);
	ev_cmd_does(f, fl);
	ev_flags_list(f, "does", sfl, startup_does,
	    sizeof(startup_does) / sizeof(startup_does[0]));
	finding_ev_file_meta(f, "file_", sf->uid, sf->mode, sf->mtime);
	if (sf->immutable)
		finding_ev_bool(f, "immutable", true);
	(void)s;
}

const struct detector det_per_startup = {
	.id = "RM-PER-004",
	.name = "Start-up file that runs fetched or hidden code",
	.category = CAT_PERSISTENCE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1543.002", "T1037.004", "T1546.004",
	    "T1574.006"),
	.description = "A systemd unit, generator, init script, rc.local, "
	    "shell start-up file, /etc/environment, udev rule or motd script "
	    "downloads or decodes code and runs it, runs a program from a "
	    "world-writable or hidden directory, runs a program and deletes "
	    "it, or preloads a library: how droppers come back at boot and "
	    "at login.",
	.remediation = "Keep a copy of the file, then stop and disable what "
	    "it starts (systemctl disable --now UNIT; remove the line from "
	    "the script), check lsattr for the immutable flag, keep the "
	    "program it runs for analysis and remove it, fetch nothing from "
	    "the URL on this host, and look for the other persistence of the "
	    "same intrusion (cron, authorized_keys).",
	.kinds = FACT_STARTUP,
	.check = check,
};
