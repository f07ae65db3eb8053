/*
 * det_res_tool.c - RM-RES-002: a known remote-access tool, running or
 * left on disk: tmate, gsocket (gs-netcat, gs-sftp, gs-mount, the
 * ~/.config/htop/defunct install), ngrok, frp (frpc/frps), chisel,
 * ligolo(-ng), and Tor outside its Debian package.
 *
 * Live: the program's names (comm, argv0, exe), its command line (chisel
 * client/server, ligolo's -connect with -ignore-cert/-retry even when
 * renamed) and its environment (GS_ARGS, GSOCKET_*).  On disk
 * (collect/access.c): tmate sockets and config, /dev/shm/.gs-*, ngrok.yml
 * with an authtoken (the file is named, never the token), frp configs with
 * their server_addr, torrc files and Tor data directories outside
 * /etc/tor, tool binaries by name.
 *
 * Severity: a running tool is high (critical from a writable or hidden
 * directory or deleted); gsocket's hidden install and frp configs are high;
 * tool files in /tmp, /var/tmp, /dev/shm or a hidden directory are high,
 * in a home's plain path medium; a tmate config in a home is low.  The
 * packaged Tor (/usr/bin/tor with its torrc in /etc/tor) is info.
 */
#include <stdio.h>
#include <string.h>

#include "../collect/access_parse.h"
#include "access_util.h"
#include "detect_util.h"
#include "detector.h"

static bool
tool_of(const char *n, size_t l, void *arg)
{
	enum acc_tool *t = arg;

	*t = acc_tool_by_name(n, l);
	return *t != TOOL_NONE;
}

static bool
packaged_tor(const struct proc *p)
{
	const char *c = p->cmdline ? p->cmdline : "";
	const char *f;

	if (p->exe == NULL || p->exe_kind != EXE_FILE ||
	    (strcmp(p->exe, "/usr/bin/tor") != 0 &&
	    strcmp(p->exe, "/usr/sbin/tor") != 0))
		return false;
	/* its config: none given (the default /etc/tor/torrc) or /etc/tor */
	f = strstr(c, " -f ");
	if (f == NULL)
		return true;
	f += 4;
	while (*f == ' ')
		f++;
	return strncmp(f, "/etc/tor/", 9) == 0;
}

/*
 * gsocket's deploy script starts gs-netcat with `exec -a '[raid5wq]'`
 * (REF6138): a user process named like a kernel thread that holds a
 * connection out to a non-local peer is a hidden tunnel, whatever it is.
 */
static void
disguised(const struct detector *d, const struct snapshot *s,
	  const struct proc *p, struct findings *out)
{
	const char *why = NULL;
	struct acc_net net;
	struct finding *f;
	char ep[80];

	if (!name_kthread_like(p->argv0, &why) || p->exe == NULL ||
	    p->exe_kind == EXE_NONE)
		return;
	acc_proc_net(s, p, &net);
	if (net.nout == 0 || !net.out_remote)
		return;
	acc_endpoint(net.out[0], true, ep, sizeof(ep));
	f = findings_add(out, d, "Process %d calls itself %.64s like a kernel "
	    "thread and holds a connection to %s: a disguised tunnel "
	    "(gsocket starts gs-netcat this way)", (int)p->pid, p->argv0, ep);
	finding_set_process(f, p, s);
	if (p->exe_kind == EXE_FILE)
		finding_set_file(f, p->exe);
	finding_ev_str(f, "tool", "unknown (disguised)");
	finding_ev_str(f, "matched_by", "kernel-thread name with an outbound "
	    "connection");
	finding_ev_str(f, "disguise", why);
	finding_ev_str(f, "peer", ep);
	f->severity = SEV_HIGH;
	f->confidence = CONF_MEDIUM;
}

static void
check_proc(const struct detector *d, const struct snapshot *s,
	   const struct proc *p, struct findings *out)
{
	enum acc_tool t = TOOL_NONE;
	struct tunnel_cmd tc;
	const char *why = NULL, *where_why;
	const char *gs_env = NULL;
	enum acc_where where;
	struct finding *f;
	const char *cmd = p->cmdline ? p->cmdline : "";

	if ((p->flags & PF_KTHREAD_FLAG) || p->cmdline == NULL)
		return;
	if (acc_proc_names(p, tool_of, &t))
		why = "program name";
	if (acc_parse_tunnel(cmd, strlen(cmd), &tc)) {
		t = (tc.kind == TUN_CHISEL_CLIENT ||
		    tc.kind == TUN_CHISEL_SERVER) ? TOOL_CHISEL : TOOL_LIGOLO;
		why = tc.by_name ? "program name and options" :
		    "command-line options (renamed binary)";
	}
	for (uint32_t i = 0; i < p->nenv; i++)
		if (strcmp(p->env[i].name, "GS_ARGS") == 0 ||
		    strncmp(p->env[i].name, "GSOCKET_", 8) == 0 ||
		    strcmp(p->env[i].name, "GS_SECRET") == 0) {
			gs_env = p->env[i].name;
			t = TOOL_GSOCKET;
			if (why == NULL)
				why = "environment";
			break;
		}
	if (t == TOOL_NONE && p->exe && (strstr(p->exe, "/.config/htop/defunct")
	    || strstr(p->exe, "/dev/shm/.gs-"))) {
		t = TOOL_GSOCKET;
		why = "gsocket's install path";
	}
	if (t == TOOL_NONE) {
		disguised(d, s, p, out);
		return;
	}
	where = acc_exe_where(p, &where_why);
	f = findings_add(out, d, "Process %d (%.64s) is the remote-access tool "
	    "%s (%s)", (int)p->pid, p->comm, acc_tool_name(t), why);
	finding_set_process(f, p, s);
	if (p->exe && p->exe_kind == EXE_FILE)
		finding_set_file(f, p->exe);
	finding_ev_str(f, "tool", acc_tool_name(t));
	finding_ev_str(f, "matched_by", why);
	finding_ev_str(f, "exe_location", where_why);
	if (gs_env)
		finding_ev_str(f, "environment", gs_env);
	if (tc.kind != TUN_NONE) {
		static const char *const roles[] = { "", "chisel client",
			"chisel server", "ligolo agent", "ligolo proxy" };

		finding_ev_str(f, "role", roles[tc.kind]);
		if (tc.server[0])
			finding_ev_str(f, "server", tc.server);
		if (tc.detail[0])
			finding_ev_str(f, "option", tc.detail);
	}
	if (t == TOOL_TOR && packaged_tor(p)) {
		f->severity = SEV_INFO;
		f->confidence = CONF_LOW;
		finding_ev_str(f, "note", "the Debian tor package's daemon "
		    "with its /etc/tor config: check that it is wanted");
		return;
	}
	f->severity = where == WHERE_ODD ? SEV_CRITICAL : SEV_HIGH;
	f->confidence = where == WHERE_ODD || gs_env || tc.kind != TUN_NONE ?
	    CONF_HIGH : CONF_MEDIUM;
}

static const char *
art_desc(enum art_kind k)
{
	switch (k) {
	case ART_TMATE_CONF: return "a config";
	case ART_TMATE_SOCKET: return "a session's socket directory";
	case ART_GS_SHM: return "a working directory";
	case ART_GS_DEFUNCT: return "its hidden install (htop's name)";
	case ART_NGROK_CONF: return "a config with an auth token";
	case ART_FRP_CONF: return "a tunnel config";
	case ART_TOR_CONF: return "a config (torrc)";
	case ART_TOR_DATA: return "a data directory";
	case ART_TOOL_BINARY: return "the program";
	default: break;
	}
	return "a file";
}

static void
check_artefact(const struct detector *d, const struct snapshot *s,
	       const struct artefact *a, struct findings *out)
{
	enum acc_tool t = acc_art_tool(a->kind);
	enum path_class pc;
	enum severity sev;
	struct finding *f;
	char path[4096];

	(void)s;
	if (a->kind == ART_TOOL_BINARY && a->detail)
		t = acc_tool_by_name(a->detail, strlen(a->detail));
	if (t == TOOL_NONE)
		return;
	path_normalize(a->path, path, sizeof(path));
	pc = path_classify(path);
	switch (a->kind) {
	case ART_GS_SHM:
	case ART_GS_DEFUNCT:
	case ART_FRP_CONF:
		sev = SEV_HIGH;
		break;
	case ART_TMATE_CONF:
		sev = SEV_LOW;
		break;
	case ART_TMATE_SOCKET:
		sev = SEV_MEDIUM;
		break;
	case ART_TOR_CONF:
	case ART_TOR_DATA:
	case ART_NGROK_CONF:
	case ART_TOOL_BINARY:
	default:
		sev = pc == PATH_OTHER || pc == PATH_HIDDEN_HOME ? SEV_MEDIUM :
		    SEV_HIGH;
		break;
	}
	f = findings_add(out, d, "Left on disk by %s: %s, %.512s%s%.128s%s",
	    acc_tool_name(t), art_desc(a->kind), a->path,
	    a->detail && a->kind == ART_FRP_CONF ? " (" : "",
	    a->detail && a->kind == ART_FRP_CONF ? a->detail : "",
	    a->detail && a->kind == ART_FRP_CONF ? ")" : "");
	finding_set_file(f, a->path);
	f->severity = sev;
	f->confidence = sev >= SEV_HIGH ? CONF_HIGH : CONF_MEDIUM;
	finding_ev_str(f, "tool", acc_tool_name(t));
	finding_ev_str(f, "artefact", acc_art_name(a->kind));
	finding_ev_str(f, "file", a->path);
	if (a->detail)
		finding_ev_str(f, "detail", a->detail);
	if (a->user)
		finding_ev_str(f, "user", a->user);
	if (pc != PATH_OTHER)
		finding_ev_str(f, "location", path_class_name(pc));
	finding_ev_file_meta(f, "file_", a->uid, a->mode, a->mtime);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	if (fa->kind == FACT_PROC)
		check_proc(d, s, fa->u.proc, out);
	else if (fa->kind == FACT_ARTEFACT)
		check_artefact(d, s, fa->u.artefact, out);
}

const struct detector det_res_tool = {
	.id = "RM-RES-002",
	.name = "Remote-access tool",
	.category = CAT_ACCESS_RESALE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1219", "T1572", "T1090.003"),
	.description = "tmate, gsocket, ngrok, frp, chisel, ligolo or an "
	    "unpackaged Tor: running (by name, options or environment) or "
	    "left on disk (sockets, configs, data directories, binaries).",
	.remediation = "These tools give someone a way in that bypasses your "
	    "firewall and SSH. If you did not install it, kill the process, "
	    "keep a copy of its binary and config (the server address, the "
	    "gsocket secret), remove its start-up entry (cron, .profile, "
	    "systemd), revoke any token in its config, and look for how it "
	    "got there.",
	.kinds = FACT_PROC | FACT_ARTEFACT,
	.check = check,
};
