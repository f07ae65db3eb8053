/*
 * det_per_startup_file.c - RM-PER-005: a start-up file that is not what
 * belongs there, or that others may change: an executable or binary data
 * where systemd, init or the shell expects text; an executable systemd
 * generator no package installed (generators run as root at every boot,
 * before any unit); a system start-up file writable by every user or
 * owned by someone other than root; a user's start-up file owned by
 * another user; a file made immutable (chattr +i), as droppers protect
 * theirs.  Owners are not judged in an image whose root is not owned by
 * root: it was unpacked without its owners.
 */
#include <string.h>
#include <sys/stat.h>

#include "../collect/cron_parse.h"
#include "detector.h"

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
	case STARTUP_UDEV: return "udev rules file";
	case STARTUP_MOTD: return "motd script";
	}
	return "?";
}

/* Files that are scripts run as programs (a compiled one is odd, not
 * impossible); the others are read as text (units, rules, rc files). */
static bool
script_kind(enum startup_kind k)
{
	return k == STARTUP_INITD || k == STARTUP_RCLOCAL ||
	    k == STARTUP_MOTD;
}

static bool
vendor_unit(const struct startup_file *f)
{
	return f->kind == STARTUP_UNIT && (strncmp(f->path, "/usr/lib/", 9) ==
	    0 || strncmp(f->path, "/lib/", 5) == 0);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct startup_entry *e = fa->u.startup;
	const struct startup_file *sf = e->file;
	bool sys = sf->kind != STARTUP_USER_SHELL &&
	    !(sf->kind == STARTUP_USER_UNIT && sf->user != NULL);
	bool mine = sf->pkgdb && !sf->packaged;  /* no package's */
	enum severity sev = SEV_INFO;
	enum confidence conf = CONF_LOW;
	const char *why = NULL;
	struct finding *f;

	if (e->line != 0)
		return;  /* a line: RM-PER-004 */
	if (sf->kind == STARTUP_GENERATOR && mine && S_ISREG(sf->mode) &&
	    (sf->mode & 0111)) {
		why = "is an executable systemd generator that no package "
		    "installed (generators run as root at every boot, before "
		    "any unit)";
		sev = SEV_HIGH;
		conf = CONF_MEDIUM;
	} else if (sf->read_err == 0 && sf->magic == CRONM_ELF &&
	    sf->kind != STARTUP_GENERATOR && !sf->packaged) {
		why = script_kind(sf->kind) ? "is a compiled executable where "
		    "a script is expected" : "is an executable, not a text file";
		sev = SEV_HIGH;
		conf = script_kind(sf->kind) ? CONF_MEDIUM : CONF_HIGH;
	} else if (sf->read_err == 0 && (sf->magic == CRONM_BINARY ||
	    sf->magic == CRONM_REDIS) && sf->kind != STARTUP_GENERATOR &&
	    !sf->packaged) {
		why = "is binary data, not a text file";
		sev = SEV_HIGH;
		conf = CONF_MEDIUM;
	} else if (S_ISREG(sf->mode) && (sf->mode & S_IWOTH)) {
		why = sys ? "is writable by every user: anyone can add code "
		    "that runs as root" : "is writable by every user: anyone "
		    "can add code this user runs";
		sev = sys ? SEV_HIGH : SEV_MEDIUM;
		conf = CONF_HIGH;
	} else if (sf->owners_unknown) {
		return;  /* an image copied without its owners */
	} else if (sys && sf->uid != 0) {
		why = "is a system start-up file not owned by root";
		sev = SEV_MEDIUM;
		conf = CONF_MEDIUM;
	} else if (!sys && sf->uid != 0 && sf->uid != sf->user_uid) {
		why = "belongs to another user than the account it is for";
		sev = SEV_MEDIUM;
		conf = CONF_MEDIUM;
	} else if (sf->immutable) {
		why = "is immutable (chattr +i), as droppers protect their "
		    "files";
		sev = SEV_MEDIUM;
		conf = CONF_MEDIUM;
	} else if (vendor_unit(sf) && mine) {
		why = "is a unit in the distribution's directory that no "
		    "package installed";
		sev = SEV_LOW;
		conf = CONF_LOW;
	}
	if (why == NULL)
		return;
	f = findings_add(out, d, "%s %s %s", kind_name(sf->kind), sf->path,
	    why);
	f->severity = sev;
	f->confidence = conf;
	finding_set_file(f, sf->path);
	finding_ev_str(f, "file_kind", kind_name(sf->kind));
	finding_ev_int(f, "size", (int64_t)sf->size);
	finding_ev_file_meta(f, "", sf->uid, sf->mode, sf->mtime);
	if (sf->user) {
		finding_ev_str(f, "user", sf->user);
		finding_ev_int(f, "account_uid", sf->user_uid);
	}
	if (sf->unit)
		finding_ev_str(f, "unit", sf->unit);
	if (sf->link)
		finding_ev_str(f, "link_target", sf->link);
	if (sf->pkgdb)
		finding_ev_bool(f, "packaged", sf->packaged);
	if (sf->immutable)
		finding_ev_bool(f, "immutable", true);
	if (sf->truncated)
		finding_ev_bool(f, "truncated", true);
	for (size_t i = 0; i < s->nstartup; i++)
		if (s->startup[i].file == sf && s->startup[i].line &&
		    s->startup[i].command)
			finding_ev_list_add(f, "runs", s->startup[i].command);
}

const struct detector det_per_startup_file = {
	.id = "RM-PER-005",
	.name = "Foreign or writable start-up file",
	.category = CAT_PERSISTENCE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1543.002", "T1037.004", "T1546.004"),
	.description = "A start-up file is an executable or binary data where "
	    "text belongs, an executable systemd generator no package "
	    "installed, writable by every user, owned by the wrong user, or "
	    "immutable.",
	.remediation = "Keep a copy, check who changed it and when (its "
	    "mtime, the logs), restore the owner and mode (chown root:root, "
	    "chmod go-w) or remove the file if nothing installed it (lsattr "
	    "and chattr -i first), and look at what it runs.",
	.kinds = FACT_STARTUP,
	.check = check,
};
