/*
 * det_acct_suspicious.c - RM-ACCT-002: an account set up to let someone
 * in: a system account given a login shell (and a password), an empty
 * password, primary group 0, a login shell with a trailing space or in
 * /tmp, a hash in world-readable /etc/passwd, a second line for a name.
 *
 * Droppers that want their own way back do "usermod -s /bin/bash -p HASH
 * daemon" or add a user with gid 0; Perfctl gave the news account the
 * shell "/usr/sbin/nologin " (a trailing space: a copy of dash, not
 * nologin).  Calibrated on Debian 12: only root has gid 0, sync has
 * /bin/sync, every other system account nologin; a package account with
 * a shell (postgres has /bin/bash) is info, never medium, unless it also
 * has a password.  RHEL's sync/shutdown/halt/operator (gid 0) are normal.
 */
#include <string.h>

#include "detect_util.h"
#include "detector.h"

/* Base system accounts of Debian (base-passwd) and RHEL (setup) and the
 * daemons every server has: none of them ever needs a login shell. */
static const char *const base_accounts[] = {
	"daemon", "bin", "sys", "games", "man", "lp", "mail", "news", "uucp",
	"proxy", "www-data", "backup", "list", "irc", "gnats", "_apt",
	"nobody", "adm", "ftp", "systemd-network", "systemd-timesync",
	"systemd-resolve", "messagebus", "sshd", "_chrony", "chrony", "tss",
	"nfsnobody", "dbus", "polkitd", "rpc", "rpcuser", "tcpdump",
	"postfix", "ntp", "uuidd", "dnsmasq", "syslog", "_rpc", "statd",
	NULL,
};

/* Accounts whose odd shell (and RHEL: gid 0) is how they work. */
static const struct {
	const char *name, *shell;
} special[] = {
	{ "sync", "/bin/sync" }, { "sync", "/usr/bin/sync" },
	{ "shutdown", "/sbin/shutdown" }, { "shutdown", "/usr/sbin/shutdown" },
	{ "halt", "/sbin/halt" }, { "halt", "/usr/sbin/halt" },
	{ "operator", "/sbin/nologin" }, { "operator", "/usr/sbin/nologin" },
};

static bool
in_list(const char *const *l, const char *v)
{
	for (int i = 0; l[i]; i++)
		if (strcmp(l[i], v) == 0)
			return true;
	return false;
}

static bool
is_special(const struct account *a)
{
	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		if (strcmp(a->name, special[i].name) == 0 &&
		    strcmp(a->shell, special[i].shell) == 0)
			return true;
	return false;
}

/* A shell that gives no interactive session. */
static bool
no_login_shell(const char *sh)
{
	static const char *const none[] = { "nologin", "false", "true",
		"git-shell", "rssh", "scponly", "sftp-server", NULL };
	const char *b = strrchr(sh, '/');

	return in_list(none, b ? b + 1 : sh);
}

static bool
system_uid(const struct account *a)
{
	return a->uid_valid && a->uid != 0 && (a->uid < 1000 ||
	    a->uid == 65534 || a->uid == 4294967294u);
}

/* Bytes a real shell path never has: blanks at either end, controls,
 * non-ASCII. */
static const char *
shell_trick(const char *sh)
{
	size_t n = strlen(sh);

	if (n == 0)
		return NULL;
	if (sh[0] == ' ' || sh[0] == '\t')
		return "starts with a blank";
	if (sh[n - 1] == ' ' || sh[n - 1] == '\t')
		return "ends with a blank (Perfctl's \"nologin \" trick: another "
		    "file than the one it looks like)";
	for (const unsigned char *p = (const unsigned char *)sh; *p; p++)
		if (*p < 0x20 || *p >= 0x7f)
			return "holds control or non-ASCII bytes";
	return NULL;
}

/* Several base accounts with /bin/sh: an old Debian's defaults, kept by
 * upgrades, not one account tampered with. */
static bool
legacy_sh(const struct snapshot *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->naccounts && n < 3; i++)
		if (in_list(base_accounts, s->accounts[i].name) &&
		    strcmp(s->accounts[i].shell, "/bin/sh") == 0)
			n++;
	return n >= 3;
}

struct verdict {
	enum severity sev;
	enum confidence conf;
	const char *why;
	const char *reasons[8];
	int n;
};

static void
reason(struct verdict *v, enum severity sev, enum confidence conf,
       const char *why)
{
	if (v->n < 8)
		v->reasons[v->n++] = why;
	if (v->why == NULL || sev > v->sev) {
		v->sev = sev;
		v->conf = conf;
		v->why = why;
	}
}

/* The first account of that name: a binary search in the collector's
 * name index, linear without it (unit tests). */
static const struct account *
account_named(const struct snapshot *s, const char *name, size_t len)
{
	const size_t *ix = s->accounts_by_name;
	size_t lo = 0, hi = s->naccounts;

	if (ix == NULL) {
		for (size_t i = 0; i < s->naccounts; i++)
			if (strncmp(s->accounts[i].name, name, len) == 0 &&
			    s->accounts[i].name[len] == '\0')
				return &s->accounts[i];
		return NULL;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = s->accounts[ix[mid]].name;
		int c = strncmp(m, name, len);

		if (c == 0 && m[len] != '\0')
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->naccounts && strncmp(s->accounts[ix[lo]].name, name,
	    len) == 0 && s->accounts[ix[lo]].name[len] == '\0')
		return &s->accounts[ix[lo]];
	return NULL;
}

/*
 * Members of the groups that make root: a system account in sudo, wheel
 * or admin (a login user there is what the group is for), anyone but
 * root in group 0.  At most 256 members of a group are looked at.
 */
static void
check_group(const struct detector *d, const struct snapshot *s,
	    const struct group *g, struct findings *out)
{
	static const char *const admin[] = { "sudo", "wheel", "admin", NULL };
	bool root_grp = g->gid == 0;
	const char *p = g->members;

	if (p == NULL || (!root_grp && !in_list(admin, g->name)))
		return;
	for (int n = 0; *p && n < 256; n++) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const struct account *a = len ? account_named(s, p, len) : NULL;
		struct finding *f;

		p = e ? e + 1 : p + len;
		if (a == NULL || strcmp(a->name, "root") == 0 ||
		    (!root_grp && !system_uid(a)))
			continue;
		f = findings_add(out, d, "Account \"%.64s\" (uid %u) is a "
		    "member of group \"%.64s\"%s", a->name, a->uid, g->name,
		    root_grp ? " (gid 0, root's group)" : ": a system account "
		    "that may become root with sudo");
		f->severity = root_grp && !system_uid(a) ? SEV_MEDIUM :
		    SEV_HIGH;
		f->confidence = CONF_MEDIUM;
		finding_set_file(f, "/etc/group");
		finding_ev_str(f, "account", a->name);
		finding_ev_int(f, "uid", a->uid);
		finding_ev_str(f, "group", g->name);
		finding_ev_int(f, "gid", g->gid);
		finding_ev_int(f, "line", g->line);
		finding_ev_str(f, "shell", a->shell);
	}
}

static void
check_account(const struct detector *d, const struct snapshot *s,
	      const struct account *a, struct findings *out)
{
	static const char *const pw_names[] = { "unknown", "locked",
		"empty", "set" };
	struct verdict v = { .sev = SEV_INFO };
	const char *sh = a->shell ? a->shell : "";
	const char *eff = sh[0] ? sh : "/bin/sh";  /* empty: login runs sh */
	bool root = a->uid_valid && a->uid == 0;
	bool interactive = !no_login_shell(eff) && !is_special(a);
	bool sys = system_uid(a);
	const char *trick = shell_trick(sh);
	char norm[1024];
	enum path_class pc;
	struct finding *f;

	path_normalize(eff, norm, sizeof(norm));
	pc = eff[0] == '/' ? path_classify(norm) : PATH_OTHER;

	/* a uid-0 account is RM-ACCT-001's: its group adds nothing */
	if (a->uid_valid && !a->malformed && a->gid == 0 && !root &&
	    !is_special(a))
		reason(&v, SEV_HIGH, CONF_HIGH, "has primary group 0 (root's "
		    "group): it reads and writes what root's group may");
	if (trick)
		reason(&v, SEV_HIGH, CONF_HIGH, trick[0] == 'e' ?
		    "has a login shell that ends with a blank: a different "
		    "file than the one it looks like (Perfctl's trick)" :
		    trick[0] == 's' ? "has a login shell that starts with a "
		    "blank" : "has a login shell with control or non-ASCII "
		    "bytes");
	if (pc == PATH_WRITABLE || pc == PATH_HIDDEN_WRITABLE ||
	    pc == PATH_HIDDEN_SYSTEM || pc == PATH_HIDDEN_HOME)
		reason(&v, SEV_HIGH, CONF_HIGH, "has a login shell in a "
		    "world-writable or hidden directory");
	if (a->pw_state == PW_EMPTY && interactive)
		reason(&v, SEV_HIGH, CONF_HIGH, "has an empty password and a "
		    "login shell: anyone at a console or su can be it");
	else if (a->pw_state == PW_EMPTY)
		reason(&v, SEV_LOW, CONF_MEDIUM, "has an empty password (its "
		    "shell refuses logins)");
	if (sys && interactive && a->pw_state == PW_SET)
		reason(&v, SEV_HIGH, CONF_HIGH, "is a system account with a "
		    "login shell and a password: someone made it a login");
	else if (sys && interactive && in_list(base_accounts, a->name) &&
	    a->dup_line == 0) {
		if (strcmp(sh, "/bin/sh") == 0 && legacy_sh(s))
			reason(&v, SEV_LOW, CONF_LOW, "is a system account "
			    "with /bin/sh, as several are here (an old "
			    "release's defaults)");
		else
			reason(&v, SEV_MEDIUM, CONF_MEDIUM, "is a system "
			    "account that never logs in, given a login shell");
	} else if (sys && interactive) {
		reason(&v, SEV_INFO, CONF_LOW, "is a system account with a "
		    "login shell (some packages do this: postgres)");
	} else if (sys && a->pw_state == PW_SET) {
		reason(&v, SEV_LOW, CONF_LOW, "is a system account with a "
		    "password (its shell refuses logins; other services may "
		    "not)");
	}
	if (a->dup_line)
		reason(&v, (a->uid_valid && a->uid == 0) ||
		    a->pw_state == PW_SET ? SEV_HIGH : SEV_MEDIUM, CONF_MEDIUM,
		    "is a second line for the same name: programs disagree "
		    "about which one applies");
	if (a->pw_in_passwd && !root)
		reason(&v, SEV_MEDIUM, CONF_MEDIUM, "keeps its password hash "
		    "in world-readable /etc/passwd instead of /etc/shadow");
	if (interactive && !trick && eff[0] == '/' &&
	    (a->shell_state == SHELL_MISSING ||
	    a->shell_state == SHELL_NOT_EXEC))
		reason(&v, SEV_LOW, CONF_MEDIUM, "has a login shell that does "
		    "not exist or cannot run");
	else if (interactive && !trick && s->shells_read && !a->shell_listed &&
	    a->shell_state == SHELL_FOUND && !sys && !root)
		reason(&v, SEV_LOW, CONF_LOW, "has a login shell that is not "
		    "in /etc/shells");
	if (v.why == NULL)
		return;
	f = findings_add(out, d, "Account \"%.64s\" (uid %u) %s", a->name,
	    a->uid, v.why);
	f->severity = v.sev;
	f->confidence = v.conf;
	finding_set_file(f, "/etc/passwd");
	finding_ev_str(f, "account", a->name);
	finding_ev_int(f, "uid", a->uid);
	finding_ev_int(f, "gid", a->gid);
	finding_ev_int(f, "line", a->line);
	finding_ev_str(f, "home", a->home);
	finding_ev_str(f, "shell", sh);
	if (a->shell_state != SHELL_UNCHECKED)
		finding_ev_str(f, "shell_state", a->shell_state ==
		    SHELL_FOUND ? "found" : a->shell_state == SHELL_MISSING ?
		    "missing" : "not executable");
	if (s->shells_read)
		finding_ev_bool(f, "shell_in_etc_shells", a->shell_listed);
	/* the state and the scheme, never the hash */
	finding_ev_str(f, "password", pw_names[a->pw_state & 3]);
	if (a->pw_kind)
		finding_ev_str(f, "password_hash_type", a->pw_kind);
	if (a->shadow_line)
		finding_ev_int(f, "shadow_line", a->shadow_line);
	if (a->pw_changed_day > 0)
		finding_ev_int(f, "password_changed_day", a->pw_changed_day);
	if (a->dup_line)
		finding_ev_int(f, "first_line_for_name", a->dup_line);
	if (sys)
		finding_ev_bool(f, "system_account", true);
	for (int i = 0; i < v.n; i++)
		finding_ev_list_add(f, "reasons", v.reasons[i]);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	if (fa->kind == FACT_GROUP)
		check_group(d, s, fa->u.group, out);
	else
		check_account(d, s, fa->u.account, out);
}

const struct detector det_acct_suspicious = {
	.id = "RM-ACCT-002",
	.name = "Account set up for a backdoor login",
	.category = CAT_PERSISTENCE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1098", "T1136.001", "T1078.003"),
	.description = "A system account given a login shell or a password, "
	    "an empty password, group 0, a system account in the sudo group, "
	    "a login shell with a trailing space or in a writable or hidden "
	    "directory, or a duplicate account name.",
	.remediation = "Lock the account (usermod -L -s /usr/sbin/nologin "
	    "NAME; passwd -l NAME), look for its keys, cron jobs and "
	    "processes, compare /etc/passwd, /etc/shadow and /etc/shells with "
	    "a backup (/etc/passwd-, /etc/shadow-) to see what changed, and "
	    "restore the shell and password field.",
	.kinds = FACT_ACCOUNT | FACT_GROUP,
	.check = check,
};
