/*
 * det_lat_ssh.c - RM-LAT-002: SSH spreading with harvested keys: ssh
 * clients started unattended with host-key checks off, keys taken from
 * another user's home or a writable directory, a download-and-run remote
 * command, many ssh clients from one parent, and shell one-liners that
 * loop over known_hosts or .bash_history (T1021.004, T1552.004, T1018).
 *
 * An ssh client whose stdin is a terminal is an administrator's and is
 * never reported.  Signals, from argv (joined by spaces, so a key path
 * with a space is cut there):
 *   unattended   -oStrictHostKeyChecking=no (or off) with -oBatchMode=yes,
 *                or -oUserKnownHostsFile=/dev/null
 *   key          -i KEY / -oIdentityFile=KEY in a writable or hidden
 *                system directory, or in a home that is not the user's
 *   fetch        the remote command downloads and runs (curl|wget ... sh)
 *   siblings     >= 5 ssh clients of the same parent, none on a terminal
 * High: unattended with any other signal, or key with fetch.  Medium:
 * key, fetch, or >= 10 siblings alone.  Low: unattended alone (backup
 * jobs do that).  A group of siblings is reported once, by its lowest
 * pid.  Shell loops: a command line naming known_hosts, .bash_history or
 * .ssh/config, running ssh, in a loop (for, while, xargs): high with
 * host-key checks off, else medium; low from a terminal.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "detect_util.h"
#include "detector.h"
#include "netfan.h"

#define SIB_HIGH 5
#define SIB_MED 10

enum ssh_sig {
	SIG_NOSTRICT = 1 << 0,
	SIG_BATCH = 1 << 1,
	SIG_KNOWN_NULL = 1 << 2,
	SIG_KEY_WRITABLE = 1 << 3,
	SIG_KEY_FOREIGN = 1 << 4,
	SIG_FETCH = 1 << 5,
};

static const char *const ssh_names[] = { "ssh", "dbclient", NULL };

static bool
is_ssh_client(const struct proc *p)
{
	char b[256];

	if (p->flags & PF_KTHREAD_FLAG && p->exe_kind == EXE_NONE)
		return false;
	return strcmp(fan_exe_base(p, b, sizeof(b)), "ssh") == 0 ||
	    strcmp(fan_exe_base(p, b, sizeof(b)), "dbclient") == 0 ||
	    (p->comm && strcmp(p->comm, "ssh") == 0) ||
	    fan_named(p, ssh_names);
}

/* Lower-case copy of the command line, spaces around '=' removed is not
 * needed: ssh takes "-o Key=Val", "-oKey=Val" and "-o Key Val". */
static void
lower(const char *in, char *out, size_t outlen)
{
	size_t i = 0;

	for (; in && in[i] && i + 1 < outlen; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[i] = '\0';
}

static bool
has_opt(const char *lc, const char *key, const char *const *vals)
{
	size_t kl = strlen(key);

	for (const char *h = lc; (h = strstr(h, key)) != NULL; h += kl) {
		const char *v = h + kl;

		if (*v != '=' && *v != ' ')
			continue;
		v++;
		v += strspn(v, " =\"'");
		for (int i = 0; vals[i]; i++) {
			size_t n = strlen(vals[i]);

			if (strncmp(v, vals[i], n) == 0 && (v[n] == '\0' ||
			    v[n] == ' ' || v[n] == '"' || v[n] == '\''))
				return true;
		}
	}
	return false;
}

/* The -i or IdentityFile path (first one), into out. */
static bool
key_path(const char *cmd, char *out, size_t outlen)
{
	const char *c = cmd;

	while (c && *c) {
		size_t n;

		c += strspn(c, " ");
		n = strcspn(c, " ");
		if (n == 2 && strncmp(c, "-i", 2) == 0) {
			const char *v = c + 2 + strspn(c + 2, " ");
			size_t vn = strcspn(v, " ");

			snprintf(out, outlen, "%.*s", (int)vn, v);
			return vn > 0;
		}
		if (n > 2 && strncmp(c, "-i", 2) == 0 && c[2] == '/') {
			snprintf(out, outlen, "%.*s", (int)(n - 2), c + 2);
			return true;
		}
		if (n > 15 && strncasecmp(c, "-oIdentityFile=", 15) == 0) {
			snprintf(out, outlen, "%.*s", (int)(n - 15), c + 15);
			return true;
		}
		c += n;
	}
	return false;
}

static bool
under_home(const char *path, const char *home)
{
	size_t hl;

	if (home == NULL || home[0] != '/' || home[1] == '\0')
		return false;  /* no home, or "/" */
	hl = strlen(home);
	while (hl > 1 && home[hl - 1] == '/')
		hl--;
	return strncmp(path, home, hl) == 0 && path[hl] == '/';
}

static unsigned
key_signal(const struct snapshot *s, const struct proc *p, const char *key)
{
	char norm[4096];
	const struct account *a;
	enum path_class pc;

	if (key[0] != '/')
		return 0;
	path_normalize(key, norm, sizeof(norm));
	a = snapshot_account_by_uid(s, p->ruid);
	if (a && under_home(norm, a->home))
		return 0;
	for (size_t i = 0; i < s->naccounts; i++)
		if (under_home(norm, s->accounts[i].home))
			return SIG_KEY_FOREIGN;
	if (strncmp(norm, "/home/", 6) == 0 || (strncmp(norm, "/root/", 6) ==
	    0 && !(a == NULL && p->ruid == 0)))
		return SIG_KEY_FOREIGN;
	pc = path_classify(norm);
	if (pc == PATH_WRITABLE || pc == PATH_HIDDEN_WRITABLE ||
	    pc == PATH_HIDDEN_SYSTEM || pc == PATH_DEV_OR_BOOT)
		return SIG_KEY_WRITABLE;
	return 0;
}

static bool
fetch_and_run(const char *lc)
{
	bool dl = strstr(lc, "curl") || strstr(lc, "wget") ||
	    strstr(lc, "lwp-download");
	bool run = strstr(lc, "|bash") || strstr(lc, "| bash") ||
	    strstr(lc, "|sh") || strstr(lc, "| sh") || strstr(lc, "bash /tmp") ||
	    strstr(lc, "sh /tmp") || strstr(lc, "base64 -d");

	return dl && run;
}

static void
ev_common(struct finding *f, unsigned sig, const char *key)
{
	if (sig & SIG_NOSTRICT)
		finding_ev_bool(f, "strict_host_key_checking_off", true);
	if (sig & SIG_BATCH)
		finding_ev_bool(f, "batch_mode", true);
	if (sig & SIG_KNOWN_NULL)
		finding_ev_bool(f, "known_hosts_discarded", true);
	if (sig & (SIG_KEY_WRITABLE | SIG_KEY_FOREIGN)) {
		finding_ev_str(f, "identity_file", key);
		finding_ev_str(f, "identity_file_location",
		    sig & SIG_KEY_WRITABLE ? "writable or hidden directory" :
		    "another user's home");
	}
	if (sig & SIG_FETCH)
		finding_ev_bool(f, "remote_download_and_run", true);
}

static void
check_client(const struct detector *d, const struct snapshot *s,
	     const struct proc *p, struct findings *out)
{
	static const char *const no[] = { "no", "off", "false", NULL };
	static const char *const yes[] = { "yes", "true", NULL };
	static const char *const devnull[] = { "/dev/null", NULL };
	char lc[4096], key[1024] = "";
	unsigned sig = 0;
	uint32_t sib = 0;
	bool lower_sib = false, unattended;
	enum severity sev = SEV_INFO;
	enum confidence conf = CONF_MEDIUM;
	struct finding *f;
	const struct proc *pp;

	lower(p->cmdline, lc, sizeof(lc));
	if (has_opt(lc, "stricthostkeychecking", no))
		sig |= SIG_NOSTRICT;
	if (has_opt(lc, "batchmode", yes))
		sig |= SIG_BATCH;
	if (has_opt(lc, "userknownhostsfile", devnull))
		sig |= SIG_KNOWN_NULL;
	if (key_path(p->cmdline, key, sizeof(key)))
		sig |= key_signal(s, p, key);
	if (fetch_and_run(lc))
		sig |= SIG_FETCH;
	/* siblings: ssh clients of the same parent, off any terminal */
	for (size_t i = 0; p->ppid > 1 && i < s->nprocs; i++) {
		const struct proc *q = &s->procs[i];

		if (q->ppid != p->ppid || q->stdio_kind[0] == FDK_TTY ||
		    !is_ssh_client(q))
			continue;
		sib++;
		if (q->pid < p->pid)
			lower_sib = true;
	}
	if (sib >= SIB_HIGH && lower_sib)
		return;  /* the group's lowest pid reports it */
	unattended = (sig & SIG_NOSTRICT && sig & SIG_BATCH) ||
	    sig & SIG_KNOWN_NULL;
	if (unattended && (sig & (SIG_KEY_WRITABLE | SIG_KEY_FOREIGN |
	    SIG_FETCH) || sib >= SIB_HIGH)) {
		sev = SEV_HIGH;
		conf = CONF_HIGH;
	} else if (sig & (SIG_KEY_WRITABLE | SIG_KEY_FOREIGN) &&
	    sig & SIG_FETCH) {
		sev = SEV_HIGH;
	} else if (sig & (SIG_KEY_WRITABLE | SIG_KEY_FOREIGN | SIG_FETCH) ||
	    sib >= SIB_MED) {
		sev = SEV_MEDIUM;
	} else if (unattended) {
		sev = SEV_LOW;
		conf = CONF_LOW;
	} else {
		return;
	}
	if (sib >= SIB_HIGH)
		f = findings_add(out, d, "%u ssh clients run unattended from "
		    "parent %d (first: %d)%s", sib, (int)p->ppid, (int)p->pid,
		    unattended ? " with host-key checks off" : "");
	else
		f = findings_add(out, d, "ssh client %d runs unattended%s%s%s",
		    (int)p->pid, sig & SIG_NOSTRICT ? " with host-key checks "
		    "off" : "", sig & (SIG_KEY_WRITABLE | SIG_KEY_FOREIGN) ?
		    " and a key from another user or a writable directory" :
		    "", sig & SIG_FETCH ? ", making the remote host download "
		    "and run code" : "");
	f->severity = sev;
	f->confidence = conf;
	finding_set_process(f, p, s);
	ev_common(f, sig, key);
	if (sib > 1)
		finding_ev_int(f, "sibling_ssh_clients", sib);
	if ((pp = snapshot_proc(s, p->ppid)) != NULL && pp->cmdline)
		finding_ev_str(f, "parent_command_line", pp->cmdline);
}

/* A shell one-liner spreading over harvested host lists. */
static void
check_loop(const struct detector *d, const struct snapshot *s,
	   const struct proc *p, struct findings *out)
{
	static const char *const no[] = { "no", "off", "false", NULL };
	static const char *const keygen[] = { "ssh-keyscan", "ssh-keygen",
	    "ssh-copy-id", NULL };
	const char *c = p->cmdline, *src;
	char lc[4096];
	bool ssh_run, loop;
	struct finding *f;

	if (c == NULL)
		return;
	src = strstr(c, "known_hosts") ? "known_hosts" :
	    strstr(c, ".bash_history") ? ".bash_history" :
	    strstr(c, ".ssh/config") ? ".ssh/config" : NULL;
	if (src == NULL || fan_named(p, keygen))
		return;
	ssh_run = strncmp(c, "ssh ", 4) == 0 || strstr(c, " ssh ") ||
	    strstr(c, ";ssh ") || strstr(c, "\tssh ") || strstr(c, "/ssh ");
	loop = strstr(c, "for ") || strstr(c, "while ") || strstr(c, "xargs");
	if (!ssh_run || !loop)
		return;
	lower(c, lc, sizeof(lc));
	f = findings_add(out, d, "Process %d (%.64s) loops ssh over hosts "
	    "taken from %s", (int)p->pid, p->comm ? p->comm : "?", src);
	finding_set_process(f, p, s);
	finding_ev_str(f, "host_list", src);
	if (p->stdio_kind[0] == FDK_TTY) {
		f->severity = SEV_LOW;
		f->confidence = CONF_LOW;
		finding_ev_bool(f, "from_terminal", true);
	} else if (has_opt(lc, "stricthostkeychecking", no)) {
		f->severity = SEV_HIGH;
		f->confidence = CONF_HIGH;
		finding_ev_bool(f, "strict_host_key_checking_off", true);
	} else {
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_MEDIUM;
	}
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;

	if (is_ssh_client(p)) {
		if (p->stdio_kind[0] != FDK_TTY)
			check_client(d, s, p, out);
		return;
	}
	check_loop(d, s, p, out);
}

const struct detector det_lat_ssh = {
	.id = "RM-LAT-002",
	.name = "SSH spreading with harvested keys",
	.category = CAT_LATERAL_MOVEMENT,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1021.004", "T1552.004", "T1018"),
	.description = "ssh clients run unattended with host-key checks off, "
	    "keys from another user's home or a writable directory, a "
	    "download-and-run remote command, many at once from one parent, "
	    "or shell loops over known_hosts and .bash_history.",
	.remediation = "Stop the parent script and its ssh clients; list the "
	    "hosts they reached (the destinations, known_hosts) and check "
	    "them for the same dropper; rotate every SSH key on this host and "
	    "remove this host's keys from other hosts' authorized_keys.",
	.kinds = FACT_PROC,
	.check = check,
};
