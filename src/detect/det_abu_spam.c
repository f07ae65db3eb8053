/*
 * det_abu_spam.c - RM-ABU-001: a process that is not the host's mail
 * server talks SMTP to many mail servers (spam, T1071.003).
 *
 * Counted: outbound TCP (ESTABLISHED or SYN_SENT) to 25, 465, 587 and
 * 2525, distinct remote addresses per process (netns-aware, loopback
 * never).  The MTA (exim4, postfix's smtp, sendmail, opensmtpd,
 * nullmailer, msmtp, dma...) is exempt when its executable is a regular
 * file of that name in a system directory; a copy in /tmp, a deleted or
 * memfd one is not.  Severity: >= 10 hosts high; 3..9 medium from an
 * interpreter (PHP mailers, perl/python spam scripts) or an odd
 * executable, low from another system program; fewer hosts but >= 20
 * sessions from an interpreter or odd executable (a stolen relay
 * account) medium.
 */
#include "detect_util.h"
#include "detector.h"
#include "netfan.h"

#define SPAM_HIGH_HOSTS 10
#define SPAM_MED_HOSTS 3
#define SPAM_RELAY_CONNS 20

static bool
smtp_port(uint16_t port)
{
	return port == 25 || port == 465 || port == 587 || port == 2525;
}

static const char *const mta_names[] = {
	"exim4", "exim", "master", "smtp", "smtpd", "qmgr", "lmtp",
	"sendmail", "sendmail-mta", "sm-mta", "opensmtpd", "nullmailer-send",
	"msmtp", "msmtpd", "ssmtp", "dma", "postfix", "qmail-remote",
	"qmail-send", "courieresmtp", "courieresmtpd", NULL,
};

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	struct fan_view v;
	struct finding *f;
	const char *why = NULL, *script;
	bool odd, interp;
	size_t sl = 0;
	enum severity sev;
	enum confidence conf;

	if (p->flags & PF_KTHREAD_FLAG && p->exe_kind == EXE_NONE)
		return;
	fan_count(s, p, smtp_port, &v);
	if (v.hosts == 0 || fan_system_prog(p, mta_names))
		return;
	odd = fan_odd_exe(p, &why);
	interp = fan_interpreter(p);
	script = interp ? fan_script_odd(p, &sl) : NULL;
	if (v.hosts >= SPAM_HIGH_HOSTS) {
		sev = SEV_HIGH;
		conf = odd || interp ? CONF_HIGH : CONF_MEDIUM;
	} else if (v.hosts >= SPAM_MED_HOSTS) {
		sev = odd || interp ? SEV_MEDIUM : SEV_LOW;
		conf = odd || script ? CONF_MEDIUM : CONF_LOW;
	} else if (v.conns >= SPAM_RELAY_CONNS && (odd || interp)) {
		sev = SEV_MEDIUM;
		conf = CONF_LOW;
	} else {
		return;
	}
	f = findings_add(out, d, "Process %d (%.64s) holds SMTP connections "
	    "to %u mail server(s) (%u session(s)) and is not the mail server",
	    (int)p->pid, p->comm ? p->comm : "?", v.hosts, v.conns);
	f->severity = sev;
	f->confidence = conf;
	finding_set_process(f, p, s);
	fan_ev_counts(f, &v, "smtp_hosts", "smtp_connections");
	if (odd)
		finding_ev_str(f, "executable_location", why);
	if (interp)
		finding_ev_bool(f, "interpreter", true);
	if (script)
		finding_ev_strn(f, "script", script, sl);
	fan_ev_close(f, &v);
}

const struct detector det_abu_spam = {
	.id = "RM-ABU-001",
	.name = "Outbound SMTP from a process that is not the mail server",
	.category = CAT_ABUSE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1071.003", "T1584.004"),
	.description = "A process other than the host's MTA holds SMTP "
	    "connections (25, 465, 587, 2525) to many mail servers: spam sent "
	    "from the server.",
	.remediation = "Look at what the process is and who started it (a "
	    "PHP mailer in a web root, a script in /tmp); stop it, block "
	    "outbound 25/465/587 except from the MTA, rotate SMTP credentials "
	    "found in .env files, and check the host's IP against blocklists.",
	.kinds = FACT_PROC,
	.check = check,
};
