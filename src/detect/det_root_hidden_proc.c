/*
 * det_root_hidden_proc.c - RM-ROOT-002: a process the kernel knows but
 * /proc does not list.
 *
 * collect/hidden.c asks the kernel about every pid that a raw getdents64
 * listing of /proc lacks (kill(pid, 0), getpgid, pidfd_open, a lookup of
 * /proc/PID by name); a thread-group leader that answers and is still
 * unlisted after two fresh listings is hidden.  Only the kernel can do
 * that to rookmelder's raw listing: Diamorphine, Reptile and their kin
 * filter getdents64 (THREATS.md EVA-2).  A listed pid whose directory
 * reads as empty while it answers is reported too, unless a mount over
 * /proc/PID explains it: RM-EVA-003 reports that mount and says the
 * process behind it is alive.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detector.h"

/* The value of "Key:\t..." in a status text, into out. */
static bool
status_field(const char *st, const char *key, char *out, size_t outlen)
{
	size_t kl = strlen(key);

	for (const char *p = st; p && *p; p = strchr(p, '\n') ?
	    strchr(p, '\n') + 1 : NULL) {
		size_t n;

		if (strncmp(p, key, kl) != 0 || p[kl] != ':')
			continue;
		p += kl + 1;
		while (*p == '\t' || *p == ' ')
			p++;
		n = strcspn(p, "\n");
		if (n >= outlen)
			n = outlen - 1;
		memcpy(out, p, n);
		out[n] = '\0';
		return true;
	}
	return false;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct hidden_pid *h = fa->u.hidden_pid;
	static const struct { unsigned bit; const char *name; } how[] = {
		{ HIDDEN_BY_KILL, "kill" }, { HIDDEN_BY_GETPGID, "getpgid" },
		{ HIDDEN_BY_PIDFD, "pidfd_open" },
		{ HIDDEN_BY_LOOKUP, "/proc/PID lookup" },
	};
	struct proc p = { .pid = h->pid, .comm = h->comm, .exe = h->exe,
		.partial = PROC_MISS_STATUS };
	const char *name = h->comm ? h->comm : "?";
	struct finding *f;
	char v[256];

	if (h->mount_point)
		return;  /* RM-EVA-003 reports the mount, and this pid with it */
	if (h->status && status_field(h->status, "PPid", v, sizeof(v)))
		p.ppid = (pid_t)strtol(v, NULL, 10);
	if (h->status && status_field(h->status, "Uid", v, sizeof(v))) {
		/* real, effective, ...: the second number */
		char *e;
		unsigned long r = strtoul(v, &e, 10);

		(void)r;
		p.euid = (uid_t)strtoul(e, NULL, 10);
		p.partial = 0;
	}
	if (h->kind == HIDDEN_UNLISTED) {
		f = findings_add(out, d, "Process %d (%.64s) answers signals "
		    "but is hidden from /proc: a kernel rootkit hides it",
		    (int)h->pid, name);
		f->severity = SEV_CRITICAL;
		f->confidence = CONF_HIGH;
		finding_ev_str(f, "hidden_from", "getdents64 of /proc");
	} else {
		f = findings_add(out, d, "Process %d (%.64s) is listed in "
		    "/proc but its directory says nothing while it answers "
		    "signals", (int)h->pid, name);
		f->severity = SEV_HIGH;
		f->confidence = CONF_MEDIUM;
		finding_ev_str(f, "hidden_from", "reads of /proc/PID");
	}
	finding_set_process(f, &p, s);
	finding_ev_int(f, "hidden_pid", h->pid);
	for (size_t i = 0; i < sizeof(how) / sizeof(how[0]); i++)
		if (h->how & how[i].bit)
			finding_ev_list_add(f, "found_by", how[i].name);
	if (h->pgid >= 0)
		finding_ev_int(f, "pgid", h->pgid);
	if (h->sid >= 0)
		finding_ev_int(f, "sid", h->sid);
	if (h->status) {
		static const char *const keys[] = { "Name", "State", "Tgid",
			"PPid", "Uid", NULL };

		for (int i = 0; keys[i]; i++)
			if (status_field(h->status, keys[i], v, sizeof(v))) {
				char k[32];

				snprintf(k, sizeof(k), "status_%s", keys[i]);
				for (char *c = k; *c; c++)
					if (*c >= 'A' && *c <= 'Z')
						*c = (char)(*c - 'A' + 'a');
				finding_ev_str(f, k, v);
			}
	}
	if (!s->pid_probe_done)
		finding_ev_bool(f, "probe_cut_short", true);
	/* the scheduler counts threads a getdents filter hides */
	if (s->sched_tasks >= 0) {
		finding_ev_int(f, "scheduler_tasks", s->sched_tasks);
		finding_ev_int(f, "visible_tasks", (int64_t)s->visible_tasks);
	}
}

const struct detector det_root_hidden_proc = {
	.id = "RM-ROOT-002",
	.name = "Process hidden from /proc",
	.category = CAT_ROOTKIT,
	.severity = SEV_CRITICAL,
	.techniques = TECHNIQUES("T1014", "T1564.001"),
	.description = "A process answers signals and lookups by pid but "
	    "getdents64 of /proc does not list it: a kernel rootkit hides it.",
	.remediation = "Treat the kernel as compromised: nothing on this "
	    "host can be trusted, rookmelder included.  Copy "
	    "/proc/PID/exe, maps and environ of the hidden pid while it runs, "
	    "isolate the host from the network, and rebuild it from known-good "
	    "media; look for the module (RM-ROOT-003) and how it was loaded.",
	.kinds = FACT_HIDDEN_PID,
	.check = check,
};
