/*
 * det_acct_sudoers.c - RM-ACCT-003: a sudo rule that hands root to
 * someone it should not: every command (or a shell, or a program in /tmp)
 * without a password to a system account, an unknown user or everybody;
 * "Defaults !authenticate"; a sudoers file others may write.
 *
 * Droppers append "NAME ALL=(ALL) NOPASSWD: ALL" to /etc/sudoers or drop
 * a file in /etc/sudoers.d.  Debian's default sudoers (root and %sudo
 * with a password) says nothing, nor does %admin/%wheel; cloud-init's
 * 90-cloud-init-users granting NOPASSWD to the image's default user is
 * info; another existing login user with NOPASSWD is low (admins do it).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/limits.h"
#include "detector.h"

#define ITEM_MAX 256

/* The next comma-separated item of *p into out; false at the end. */
static bool
next_item(const char **p, char *out, size_t cap)
{
	const char *s = *p, *e;
	size_t n;

	if (*s == '\0')
		return false;
	e = strchr(s, ',');
	if (e == NULL)
		e = s + strlen(s);
	n = (size_t)(e - s) < cap - 1 ? (size_t)(e - s) : cap - 1;
	memcpy(out, s, n);
	out[n] = '\0';
	*p = *e ? e + 1 : e;
	return true;
}

static const char *const admin_groups[] = { "sudo", "admin", "wheel",
	"root", NULL };
static const char *const cloud_users[] = { "admin", "debian", "ubuntu",
	"ec2-user", "centos", "fedora", "cloud-user", "rocky", "almalinux",
	"azureuser", "opc", "core", NULL };

static bool
in_list(const char *const *l, const char *v)
{
	for (int i = 0; l[i]; i++)
		if (strcmp(l[i], v) == 0)
			return true;
	return false;
}

/* The first account (by line) of that name with a valid uid: a binary
 * search in the collector's name index (a hostile sudoers of many rules
 * against a hostile passwd of many lines stays cheap); linear without it. */
static const struct account *
account_named(const struct snapshot *s, const char *name)
{
	const size_t *ix = s->accounts_by_name;
	size_t lo = 0, hi = s->naccounts;

	if (ix == NULL) {
		for (size_t i = 0; i < s->naccounts; i++)
			if (s->accounts[i].uid_valid &&
			    strcmp(s->accounts[i].name, name) == 0)
				return &s->accounts[i];
		return NULL;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(s->accounts[ix[mid]].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->naccounts && strcmp(s->accounts[ix[lo]].name, name) ==
	    0; lo++)
		if (s->accounts[ix[lo]].uid_valid)
			return &s->accounts[ix[lo]];
	return NULL;
}

static bool
group_exists(const struct snapshot *s, const char *name)
{
	for (size_t i = 0; i < s->ngroups && i < 1024; i++)
		if (strcmp(s->groups[i].name, name) == 0)
			return true;
	return false;
}

struct verdict {
	enum severity sev;
	enum confidence conf;
	const char *why;
	char who[ITEM_MAX];
	const struct account *acct;
	bool found;
};

static void
judge(struct verdict *v, enum severity sev, enum confidence conf,
      const char *why, const char *who, const struct account *a)
{
	if (v->found && sev <= v->sev)
		return;
	v->found = true;
	v->sev = sev;
	v->conf = conf;
	v->why = why;
	v->acct = a;
	snprintf(v->who, sizeof(v->who), "%s", who);
}

static bool
cloud_file(const char *path)
{
	const char *b = strrchr(path, '/');

	return b && strcmp(b + 1, "90-cloud-init-users") == 0;
}

static void
judge_user(struct verdict *v, const struct snapshot *s,
	   const struct sudo_rule *r, const char *u)
{
	bool nopw = (r->flags & SUDO_NOPASSWD) != 0;
	const struct account *a = NULL;

	while (*u == ' ')
		u++;
	if (*u == '!' || *u == '+' || *u == '\0')
		return;  /* a negation, a netgroup */
	if (strcmp(u, "ALL") == 0) {
		judge(v, nopw ? SEV_CRITICAL : SEV_HIGH, CONF_HIGH, nopw ?
		    "lets every user run it as root without a password" :
		    "lets every user run it as root", u, NULL);
		return;
	}
	if (u[0] == '%') {
		const char *g = u + 1 + (u[1] == ':');

		if (in_list(admin_groups, g) || !nopw)
			return;
		if (group_exists(s, g))
			judge(v, SEV_LOW, CONF_LOW, "lets a group run it as root "
			    "without a password", u, NULL);
		else
			judge(v, SEV_MEDIUM, CONF_LOW, "lets a group this host "
			    "does not define run it as root without a password",
			    u, NULL);
		return;
	}
	if (u[0] == '#') {
		uint64_t uid = 0;

		for (const char *p = u + 1; *p >= '0' && *p <= '9' &&
		    uid < UINT32_MAX; p++)
			uid = uid * 10 + (uint64_t)(*p - '0');
		for (size_t i = 0; i < s->naccounts && i < RM_SUDO_LOOKUP_MAX &&
		    a == NULL; i++)
			if (s->accounts[i].uid_valid &&
			    s->accounts[i].uid == uid)
				a = &s->accounts[i];
	} else {
		a = account_named(s, u);
	}
	if (a && a->uid == 0)
		return;
	if (a == NULL) {
		judge(v, nopw ? SEV_HIGH : SEV_MEDIUM, CONF_MEDIUM, nopw ?
		    "lets a user with no account here run it as root without "
		    "a password" : "lets a user with no account here run it as "
		    "root", u, NULL);
		return;
	}
	if (a->uid < 1000 || a->uid == 65534) {
		judge(v, nopw ? SEV_HIGH : SEV_MEDIUM, CONF_HIGH, nopw ?
		    "lets a system account run it as root without a password" :
		    "lets a system account run it as root", u, a);
		return;
	}
	if (!nopw)
		return;  /* a login user with its own password: like %sudo */
	if (cloud_file(r->file) && in_list(cloud_users, a->name))
		judge(v, SEV_INFO, CONF_LOW, "lets the cloud image's default "
		    "user run it as root without a password (cloud-init)", u,
		    a);
	else
		judge(v, SEV_LOW, CONF_LOW, "lets a login user run it as root "
		    "without a password", u, a);
}

static void
meta(struct finding *f, const struct sudo_rule *r)
{
	finding_set_file(f, r->file);
	if (r->line)
		finding_ev_int(f, "line", r->line);
	finding_ev_file_meta(f, "file_", r->file_uid, r->file_mode,
	    r->file_mtime);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct sudo_rule *r = fa->u.sudo;
	struct verdict v = { .sev = SEV_INFO };
	const char *p = r->members ? r->members : r->users, *what;
	char t[ITEM_MAX];
	struct finding *f;

	if (r->kind == SUDO_FILE) {
		const char *why = NULL;

		if (S_ISREG(r->file_mode) && (r->file_mode & 022))
			why = "may be written by other users than root: anyone "
			    "of them can give themselves root";
		else if (!r->owners_unknown && r->file_uid != 0)
			why = "is not owned by root";
		if (why == NULL)
			return;
		f = findings_add(out, d, "sudoers file %s %s", r->file, why);
		f->severity = SEV_HIGH;
		f->confidence = CONF_HIGH;
		meta(f, r);
		return;
	}
	if (r->kind == SUDO_DEFAULTS && (r->flags & SUDO_NOAUTH)) {
		f = findings_add(out, d, "%s:%u: \"Defaults !authenticate\" "
		    "lets %s use sudo without a password", r->file, r->line,
		    r->users[0] ? r->users : "everyone");
		f->severity = SEV_HIGH;
		f->confidence = CONF_HIGH;
		meta(f, r);
		finding_ev_str(f, "rule", r->text);
		return;
	}
	if (r->kind != SUDO_RULE)
		return;
	if (r->flags & SUDO_WRITABLE_CMD) {
		f = findings_add(out, d, "%s:%u: sudo runs a program from a "
		    "world-writable or hidden directory as root", r->file,
		    r->line);
		f->severity = SEV_HIGH;
		f->confidence = CONF_HIGH;
		meta(f, r);
		finding_ev_str(f, "rule", r->text);
		finding_ev_str(f, "users", r->users);
		finding_ev_str(f, "commands", r->commands);
		return;
	}
	if (!(r->flags & (SUDO_ALL_CMDS | SUDO_SHELL_CMD)))
		return;  /* specific commands: a monitoring agent's rule */
	/* the expanded list holds at most SUDO_EXPAND_ITEMS names; a name
	 * is a binary search, a group or #uid a bounded scan */
	while (next_item(&p, t, sizeof(t)))
		judge_user(&v, s, r, t);
	if (!v.found)
		return;
	what = r->flags & SUDO_ALL_CMDS ? "every command" : "a shell";
	f = findings_add(out, d, "%s:%u: sudo rule for \"%.64s\" %s (%s)",
	    r->file, r->line, v.who, v.why, what);
	f->severity = v.sev;
	f->confidence = v.conf;
	meta(f, r);
	finding_ev_str(f, "rule", r->text);
	finding_ev_str(f, "user", v.who);
	finding_ev_str(f, "users", r->users);
	if (r->members && strcmp(r->members, r->users) != 0)
		finding_ev_str(f, "users_expanded", r->members);
	finding_ev_str(f, "commands", r->commands);
	if (r->runas)
		finding_ev_str(f, "runas", r->runas);
	finding_ev_bool(f, "nopasswd", (r->flags & SUDO_NOPASSWD) != 0);
	if (v.acct) {
		finding_ev_int(f, "uid", v.acct->uid);
		finding_ev_str(f, "shell", v.acct->shell);
	}
}

const struct detector det_acct_sudoers = {
	.id = "RM-ACCT-003",
	.name = "sudo rule that hands out root",
	.category = CAT_PERSISTENCE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1548.003", "T1098"),
	.description = "A sudoers rule granting every command or a shell "
	    "without a password to a system account, an unknown user or "
	    "everybody; Defaults !authenticate; a sudoers file others may "
	    "write.",
	.remediation = "Check the rule with visudo -c and remove it if you did "
	    "not add it (lsattr first: droppers set +i); look at the account "
	    "it names (RM-ACCT-002, its keys and cron jobs) and at how the "
	    "file got there (its modification time, logs).",
	.kinds = FACT_SUDO,
	.check = check,
};
