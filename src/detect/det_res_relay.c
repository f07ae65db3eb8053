/*
 * det_res_relay.c - RM-RES-001: a relay or proxy that hands the server's
 * network position to someone else (THREATS.md §7 ABU-1, ABU-2).
 *
 * Signals: a process that listens on a non-loopback address and holds an
 * outbound connection to a non-local peer (its own sockets, in whatever
 * network namespace); a SOCKS/HTTP proxy or tunnel program by name
 * (3proxy, microsocks, gost, dante, tinyproxy, ss-server, v2ray ...); an
 * ssh client forwarding (-R, -D, -w, -L on a public address); socat
 * between a listening and a connecting address; ncat/nc handing a
 * connection to another nc/socat/ssh.
 *
 * Severity: high when the program runs from a writable or hidden
 * directory (or was deleted), listens publicly and connects out from
 * outside the system directories, or is ssh forwarding without a
 * terminal (cron, a script, a dropper); low for an administrator's
 * interactive `ssh -D` on a terminal under sshd; low for a system binary
 * that merely listens and connects out (a database replica).  A packaged
 * reverse proxy (nginx, haproxy, squid, envoy, traefik, apache2 ...) from
 * /usr is not reported: fronting an app is its job.
 */
#include <stdio.h>
#include <string.h>

#include "../collect/access_parse.h"
#include "../collect/sock_parse.h"
#include "../core/xmalloc.h"
#include "access_util.h"
#include "detect_util.h"
#include "detector.h"

static bool
is_proxy(const char *n, size_t l, void *arg)
{
	const char **hit = arg;

	*hit = acc_proxy_name(n, l);
	return *hit != NULL;
}

static bool
is_revproxy(const char *n, size_t l, void *arg)
{
	(void)arg;
	return acc_reverse_proxy_name(n, l);
}

static const char *const sshd_names[] = { "sshd", NULL };
static const char *const cron_names[] = { "cron", "crond", "atd", "anacron",
	NULL };

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	const char *cmd = p->cmdline ? p->cmdline : "";
	size_t cl = strlen(cmd), bl;
	const char *base = acc_proc_base(p, &bl);
	const char *proxy = NULL, *where_why, *kind = NULL;
	enum acc_where where;
	enum severity sev = SEV_MEDIUM;
	enum confidence conf = CONF_MEDIUM;
	struct ssh_fwd ssh;
	struct socat_cmd sc;
	struct nc_cmd nc;
	struct acc_net net;
	char spec[ACC_STR_MAX * 2 + 8] = "";
	bool tty = p->stdio_kind[0] == FDK_TTY || p->stdio_kind[1] == FDK_TTY;
	bool is_ssh = false;
	struct finding *f;
	const struct proc *anc = NULL;
	char ep[80];

	if ((p->flags & PF_KTHREAD_FLAG) || p->cmdline == NULL)
		return;
	where = acc_exe_where(p, &where_why);
	if (where == WHERE_SYSTEM && acc_proc_names(p, is_revproxy, NULL))
		return;
	acc_proc_net(s, p, &net);

	if (bl == 3 && memcmp(base, "ssh", 3) == 0 &&
	    acc_parse_ssh(cmd, cl, &ssh)) {
		is_ssh = true;
		kind = (ssh.flags & SSHF_DYNAMIC) ? "ssh SOCKS proxy (-D)" :
		    (ssh.flags & SSHF_REMOTE) ? "ssh reverse tunnel (-R)" :
		    (ssh.flags & SSHF_TUN) ? "ssh tun device VPN (-w)" :
		    "ssh port forward (-L)";
		if ((ssh.flags & SSHF_LOCAL) && !(ssh.flags & (SSHF_PUBLIC |
		    SSHF_REMOTE | SSHF_DYNAMIC | SSHF_TUN)))
			return;  /* -L on loopback: the admin's own access */
		snprintf(spec, sizeof(spec), "%s", ssh.spec);
	} else if (bl == 5 && memcmp(base, "socat", 5) == 0 &&
	    acc_parse_socat(cmd, cl, &sc) &&
	    ((sc.a1 == ADDR_LISTEN && sc.a2 == ADDR_CONNECT) ||
	    (sc.a1 == ADDR_CONNECT && sc.a2 == ADDR_LISTEN) ||
	    (sc.a1 == ADDR_CONNECT && sc.a2 == ADDR_CONNECT))) {
		kind = "socat relay";
		snprintf(spec, sizeof(spec), "%s %s", sc.addr1, sc.addr2);
	} else if (acc_is_netcat(base, bl) && acc_parse_nc(cmd, cl, &nc) &&
	    (nc.flags & NC_EXEC_RELAY)) {
		kind = "netcat relay";
		snprintf(spec, sizeof(spec), "exec %s", nc.exec);
	} else if (acc_proc_names(p, is_proxy, &proxy)) {
		kind = "proxy or tunnel program";
		snprintf(spec, sizeof(spec), "%s", proxy);
	} else if (net.nlisten && net.listen_public && net.out_remote) {
		kind = "listens and connects out";
	} else {
		return;
	}

	/* severity */
	if (is_ssh) {
		const struct proc *pp = snapshot_proc(s, p->ppid);
		const char *w2;

		anc = acc_ancestor(s, p, cron_names);
		if (pp && acc_exe_where(pp, &w2) == WHERE_ODD) {
			sev = SEV_HIGH;  /* started by a dropper */
			anc = pp;
		} else if (tty && acc_ancestor(s, p, sshd_names) &&
		    anc == NULL) {
			sev = SEV_LOW;
			conf = CONF_LOW;
		} else if (tty && anc == NULL) {
			sev = SEV_LOW;
			conf = CONF_LOW;
		} else {
			sev = SEV_HIGH;
		}
	} else if (where == WHERE_ODD) {
		sev = SEV_HIGH;
		conf = CONF_HIGH;
	} else if (where == WHERE_SYSTEM && proxy == NULL &&
	    strcmp(kind, "listens and connects out") == 0) {
		sev = SEV_LOW;
		conf = CONF_LOW;
	} else if (where == WHERE_SYSTEM) {
		/* a packaged proxy, socat, ncat: an open relay is still one */
		sev = net.listen_public && net.out_remote ? SEV_HIGH :
		    SEV_MEDIUM;
	} else if (net.listen_public && net.out_remote) {
		sev = proxy ? SEV_HIGH : SEV_MEDIUM;
	}
	if (!is_ssh && where != WHERE_SYSTEM) {
		const struct proc *pp = snapshot_proc(s, p->ppid);
		const char *w2;

		if (pp && acc_exe_where(pp, &w2) == WHERE_ODD)
			sev = SEV_HIGH;
	}

	if (net.nlisten && net.nout) {
		char l[80], r[80];

		acc_endpoint(net.listen[0], false, l, sizeof(l));
		acc_endpoint(net.out[0], true, r, sizeof(r));
		f = findings_add(out, d, "Process %d (%.64s) relays traffic "
		    "(%s): listens on %s and is connected out to %s", (int)p->pid,
		    p->comm, kind, l, r);
	} else if (net.nlisten) {
		acc_endpoint(net.listen[0], false, ep, sizeof(ep));
		f = findings_add(out, d, "Process %d (%.64s) is a relay or "
		    "proxy (%s), listening on %s", (int)p->pid, p->comm, kind,
		    ep);
	} else {
		f = findings_add(out, d, "Process %d (%.64s) is a relay or "
		    "proxy (%s)%s%.128s", (int)p->pid, p->comm, kind,
		    spec[0] ? ": " : "", spec);
	}
	finding_set_process(f, p, s);
	if (p->exe && p->exe_kind == EXE_FILE)
		finding_set_file(f, p->exe);
	f->severity = sev;
	f->confidence = conf;
	finding_ev_str(f, "relay_kind", kind);
	if (spec[0])
		finding_ev_str(f, "spec", spec);
	finding_ev_str(f, "exe_location", where_why);
	for (unsigned i = 0; i < net.nlisten; i++) {
		acc_endpoint(net.listen[i], false, ep, sizeof(ep));
		finding_ev_list_add(f, "listen", ep);
	}
	for (unsigned i = 0; i < net.nout; i++) {
		acc_endpoint(net.out[i], true, ep, sizeof(ep));
		finding_ev_list_add(f, "peers", ep);
	}
	if (net.nout) {
		char ip[64];
		const struct sock *k = net.out[0];

		acc_endpoint(k, true, ep, sizeof(ep));
		sock_addr_str(k, true, ip, sizeof(ip));
		finding_ev_str(f, "peer", ep);
		f->dest_ip = xstrdup(ip);
		f->dest_port = k->rport;
	}
	if (net.nlisten || net.nout)
		finding_ev_int(f, "netns", (int64_t)(net.nlisten ?
		    net.listen[0]->netns : net.out[0]->netns));
	if (is_ssh) {
		finding_ev_str(f, "ssh_destination", ssh.dest);
		finding_ev_bool(f, "terminal", tty);
		if (anc)
			finding_ev_str(f, "started_by", anc->comm);
		if (ssh.flags & SSHF_PUBLIC)
			finding_ev_bool(f, "public_bind", true);
	}
	if (sev <= SEV_LOW)
		finding_ev_str(f, "note", is_ssh ? "an interactive ssh on a "
		    "terminal: most likely the administrator's own tunnel" :
		    "a system program that listens and connects out "
		    "(a replica, a gateway): check that it is expected");
}

const struct detector det_res_relay = {
	.id = "RM-RES-001",
	.name = "Relay or proxy on the server",
	.category = CAT_ACCESS_RESALE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1090", "T1090.001", "T1572", "T1021.004"),
	.description = "A process relays traffic through the server: listens "
	    "publicly and connects out, a SOCKS/HTTP proxy or tunnel program, "
	    "ssh -R/-D/-w, a socat or netcat relay.",
	.remediation = "Find who started it (parent, cron, systemd unit, shell "
	    "history) and what it forwards (the listen and peer addresses). "
	    "If it is not yours, copy /proc/PID/exe, kill it, block the peer, "
	    "and look for how the intruder got in: a sold proxy means someone "
	    "else's traffic leaves with your server's address.",
	.kinds = FACT_PROC,
	.check = check,
};
