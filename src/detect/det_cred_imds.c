/*
 * det_cred_imds.c - RM-CRED-003: a connection to the cloud's instance
 * metadata service from a process that is not the cloud's own agent.
 *
 * TeamTNT, Hildegard and Commando Cat ask 169.254.169.254 (AWS, GCP,
 * Azure; fd00:ec2::254 on IPv6 AWS) or the ECS task endpoint 169.254.170.2
 * for the instance role's keys.  Any TCP socket to port 80 there counts
 * (SYN_SENT, ESTABLISHED, CLOSE_WAIT).  The agents (amazon-ssm-agent,
 * ec2-instance-connect, google_guest_agent, waagent and cloud-init under
 * python, ...) are left alone when their executable lies in a system
 * directory.  curl, wget, a shell or a script interpreter, a child of a
 * shell or a web server, or an executable from a writable directory is
 * high; another program (an SDK-using service) is low: allowlist it.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "../core/xmalloc.h"
#include "cred_util.h"
#include "detector.h"

#define TCP_LISTEN_STATE 10

static const char *
imds_name(const struct sock *k)
{
	static const uint8_t v4_imds[4] = { 169, 254, 169, 254 };
	static const uint8_t v4_ecs[4] = { 169, 254, 170, 2 };
	static const uint8_t v6_imds[16] = { 0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 0x02, 0x54 };
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff };

	if (k->proto != IPPROTO_TCP || k->rport != 80 ||
	    k->state == TCP_LISTEN_STATE)
		return NULL;
	if (k->family == AF_INET) {
		if (memcmp(k->raddr, v4_imds, 4) == 0)
			return "instance metadata service";
		if (memcmp(k->raddr, v4_ecs, 4) == 0)
			return "ECS task credential endpoint";
		return NULL;
	}
	if (memcmp(k->raddr, v6_imds, 16) == 0)
		return "instance metadata service (IPv6)";
	if (memcmp(k->raddr, mapped, 12) == 0) {
		if (memcmp(k->raddr + 12, v4_imds, 4) == 0)
			return "instance metadata service";
		if (memcmp(k->raddr + 12, v4_ecs, 4) == 0)
			return "ECS task credential endpoint";
	}
	return NULL;
}

/* The cloud's own agents, by executable name, or by script for the
 * python ones. */
static bool
agent(const struct proc *p)
{
	static const char *const names[] = {
		"amazon-ssm-agent", "ssm-agent-worker", "ssm-session-worker",
		"ec2-instance-connect*", "eic_*", "amazon-cloudwatch-agent",
		"aws", "aws_completer", "google_guest_agent",
		"google_osconfig_agent", "google_metadata_script_runner",
		"google-guest-agent", "google-osconfig-agent", "gce-workload-*",
		"waagent", "WALinuxAgent", "walinuxagent", "azure-*",
		"cloud-init", "containerd", "dockerd", "kubelet",
		"aws-node", "ecs-agent", "amazon-ecs-*", "oracle-cloud-agent",
		NULL,
	};
	static const char *const scripts[] = {
		"waagent", "WALinuxAgent", "cloud-init", "google_", "aws ",
		"/usr/bin/aws", "amazon", NULL,
	};
	const char *n = credu_name(p);

	if (!credu_exe_system(p))
		return false;
	if (credu_name_in(n, names))
		return true;
	if (strncmp(n, "python", 6) == 0 && p->cmdline) {
		for (const char *const *s = scripts; *s; s++)
			if (strstr(p->cmdline, *s))
				return true;
	}
	return false;
}

static void
one(const struct detector *d, const struct snapshot *s, const struct sock *k,
    const char *what, pid_t pid, struct findings *out)
{
	const struct proc *p = snapshot_proc(s, pid);
	const char *odd, *anc = NULL, *why;
	enum severity sev;
	enum confidence conf;
	char ip[INET6_ADDRSTRLEN];
	struct finding *f;

	if (!p || agent(p))
		return;
	odd = credu_exe_odd(p);
	if (odd) {
		sev = SEV_HIGH;
		conf = CONF_HIGH;
		why = odd;
	} else if (credu_is_tool(credu_name(p)) ||
	    (p->comm && credu_is_tool(p->comm))) {
		bool sh = credu_shell_ancestor(s, p, &anc);

		sev = SEV_HIGH;
		conf = sh ? CONF_HIGH : CONF_MEDIUM;
		why = sh ? "a shell tool started from a shell or a server" :
		    "a shell tool";
	} else if (credu_shell_ancestor(s, p, &anc) && !credu_exe_system(p)) {
		sev = SEV_MEDIUM;
		conf = CONF_MEDIUM;
		why = "a program outside the system directories, started from "
		    "a shell or a server";
	} else {
		sev = SEV_LOW;
		conf = CONF_LOW;
		why = "a program that is not a known cloud agent";
	}
	if (k->family == AF_INET)
		inet_ntop(AF_INET, k->raddr, ip, sizeof(ip));
	else
		inet_ntop(AF_INET6, k->raddr, ip, sizeof(ip));
	f = findings_add(out, d, "process %d (%.64s) connects to the %s %s:80: "
	    "%s", (int)pid, p->comm ? p->comm : "?", what, ip, why);
	f->severity = sev;
	f->confidence = conf;
	finding_set_process(f, p, s);
	f->dest_ip = xstrdup(ip);
	f->dest_port = 80;
	finding_ev_str(f, "endpoint", what);
	finding_ev_int(f, "tcp_state", k->state);
	finding_ev_str(f, "why", why);
	if (anc)
		finding_ev_str(f, "started_by", anc);
	credu_ev_ancestors(f, s, p);
	if (sev >= SEV_MEDIUM)
		finding_set_remediation(f, "Treat the instance role's keys as "
		    "stolen: keep evidence (/proc/%d/exe, cmdline), stop the "
		    "process, revoke the role's active sessions, require IMDSv2 "
		    "with a hop limit of 1, and look in the cloud audit log for "
		    "calls made with the role from elsewhere.", (int)pid);
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct sock *k = fa->u.sock;
	const char *what = imds_name(k);
	uint32_t n;

	if (!what)
		return;
	n = k->nowners < RM_OWNERS_MAX ? k->nowners : RM_OWNERS_MAX;
	for (uint32_t i = 0; i < n; i++) {
		bool dup = false;

		for (uint32_t j = 0; j < i; j++)
			dup |= k->owners[j] == k->owners[i];
		if (!dup)
			one(d, s, k, what, k->owners[i], out);
	}
}

const struct detector det_cred_imds = {
	.id = "RM-CRED-003",
	.name = "Instance metadata credentials requested",
	.category = CAT_CREDENTIAL_THEFT,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1552.005"),
	.description = "A process that is not the cloud's own agent connects "
	    "to the instance metadata service (169.254.169.254, fd00:ec2::254) "
	    "or the ECS credential endpoint (169.254.170.2): the instance "
	    "role's keys are being taken.",
	.remediation = "Keep evidence, stop the process, revoke the instance "
	    "role's sessions, enforce IMDSv2 with hop limit 1, and check the "
	    "cloud audit log for the role's use.",
	.kinds = FACT_SOCK,
	.check = check,
};
