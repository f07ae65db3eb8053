/*
 * det_abu_irc.c - RM-ABU-003: an IRC bot: a process that is not an IRC
 * client or server connected to IRC ports, or a disguised Perl shellbot
 * with a connection out (T1071, T1095; Tsunami/Kaiten, Outlaw's Perl
 * Shellbot, TeamTNT's IRC bot).
 *
 * Ports: 6660-6669 and 6697 (IRC, IRC over TLS) count for any process
 * but the IRC programs (irssi, weechat, hexchat, znc, bitlbee, ngircd,
 * inspircd...) in system directories: medium, high when the executable
 * is odd (deleted, memfd, writable or hidden directory), when an
 * interpreter runs a script from such a place, or when the name is a
 * kernel thread's.  7000 (IRC's other habit, but also Cassandra's
 * inter-node port) counts only in those odd cases.  A Perl process that
 * hides its name (argv0 not perl: a kernel-thread name, or a script in
 * /tmp) with any outbound TCP connection is a shellbot whatever the
 * port: high.
 */
#include <string.h>

#include "detect_util.h"
#include "detector.h"
#include "netfan.h"

static bool
irc_port(uint16_t port)
{
	return (port >= 6660 && port <= 6669) || port == 6697;
}

static bool
irc_port_weak(uint16_t port)
{
	return port == 7000;
}

/* Any service port: below the ephemeral range, so that the local end of
 * an outbound connection (ephemeral) is not taken for one and an inbound
 * connection (the client's ephemeral port as remote) is not counted. */
static bool
any_port(uint16_t port)
{
	return port != 0 && port < 32768;
}

static const char *const irc_programs[] = {
	"irssi", "weechat", "weechat-headless", "hexchat", "znc", "bitlbee",
	"ii", "sic", "epic5", "BitchX", "kvirc", "konversation", "quasselcore",
	"quasselclient", "ngircd", "inspircd", "unrealircd", "solanum",
	"ergo", "charybdis", "pidgin", "finch", "irc", NULL,
};

/* perl whose argv0 is not perl: it renamed itself ($0 = "[kswapd0]") */
static bool
perl_disguised(const struct proc *p, const char **name)
{
	char b[256], a[256];
	const char *why;

	fan_exe_base(p, b, sizeof(b));
	if (strncmp(b, "perl", 4) != 0)
		return false;
	fan_argv0_base(p, a, sizeof(a));
	if (strncmp(a, "perl", 4) == 0)
		return false;
	*name = p->argv0;
	return name_kthread_like(p->argv0, &why) ||
	    name_kthread_like(p->comm, &why);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	struct fan_view v, w;
	struct finding *f;
	const char *why = NULL, *script = NULL, *kwhy, *dname = NULL;
	size_t sl = 0;
	bool odd, kname, disguised;
	char ip[64];
	const struct fan_view *use;
	const char *what;

	if (p->flags & PF_KTHREAD_FLAG && p->exe_kind == EXE_NONE)
		return;
	if (fan_system_prog(p, irc_programs))
		return;
	odd = fan_odd_exe(p, &why);
	if (fan_interpreter(p))
		script = fan_script_odd(p, &sl);
	kname = name_kthread_like(p->comm, &kwhy) ||
	    name_kthread_like(p->argv0, &kwhy);
	disguised = perl_disguised(p, &dname) || (script &&
	    strncmp(fan_exe_base(p, ip, sizeof(ip)), "perl", 4) == 0);
	fan_count(s, p, irc_port, &v);
	use = &v;
	what = "IRC ports";
	if (v.hosts == 0 && (odd || script || kname)) {
		fan_count(s, p, irc_port_weak, &w);
		use = &w;
		what = "port 7000 (IRC)";
	}
	if (use->hosts == 0 && disguised) {
		fan_count(s, p, any_port, &w);
		use = &w;
		what = "a remote host";
	}
	if (use->hosts == 0)
		return;
	f = findings_add(out, d, "Process %d (%.64s) is connected to %s (%u "
	    "host(s))%s: an IRC bot's command channel", (int)p->pid,
	    p->comm ? p->comm : "?", what, use->hosts,
	    disguised ? " and is Perl under another name" : "");
	if (odd || script || kname || disguised) {
		f->severity = SEV_HIGH;
		f->confidence = disguised || use == &v ? CONF_HIGH : CONF_MEDIUM;
	} else {
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_MEDIUM;
	}
	finding_set_process(f, p, s);
	finding_ev_int(f, "hosts", use->hosts);
	finding_ev_int(f, "connections", use->conns);
	for (uint32_t i = 0; i < use->nsamples; i++)
		finding_ev_list_add(f, "destinations", use->samples[i]);
	if (odd)
		finding_ev_str(f, "executable_location", why);
	if (script)
		finding_ev_strn(f, "script", script, sl);
	if (kname)
		finding_ev_str(f, "kernel_thread_name", kwhy);
	if (disguised && dname)
		finding_ev_str(f, "perl_process_name", dname);
	fan_set_destination(f, use);
}

const struct detector det_abu_irc = {
	.id = "RM-ABU-003",
	.name = "IRC bot",
	.category = CAT_ABUSE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1071", "T1095", "T1498"),
	.description = "A process that is not an IRC program is connected to "
	    "IRC ports (6660-6669, 6697; 7000 from an odd executable), or a "
	    "Perl process hiding under another name holds a connection out: "
	    "the DDoS and shellbots (Tsunami/Kaiten, Perl Shellbot) miners "
	    "bring along.",
	.remediation = "Keep a copy of the executable or script, then stop "
	    "the process and whatever restarts it (cron, systemd, rc.local); "
	    "look for /tmp/.python and other lock files; block the IRC server "
	    "at the firewall and check egress traffic for floods.",
	.kinds = FACT_PROC,
	.check = check,
};
