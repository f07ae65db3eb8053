/*
 * det_exp_api.c - RM-EXP-001: a management API campaigns get in through,
 * listening beyond loopback without protection: the Docker Engine API
 * (2375, or 2376 without client-certificate verification), the kubelet
 * (10250 with anonymous auth and AlwaysAllow, the read-only 10255), etcd
 * (2379 without --client-cert-auth), a Portainer agent (9001).
 *
 * TeamTNT, Kinsing, Commando Cat and Perfctl find these with masscan and
 * walk in: POST /containers/create with "Binds":["/:/host"], a kubelet
 * /run, an etcd read of every secret.  The finding says which process
 * listens where (pid, executable, address:port, network namespace) and
 * how to close it.  A listener on loopback only is not exposure; a
 * protected one (TLS verify, auth) says nothing.  Medium; high when a
 * container already hands the host out (RM-EXP-003's worst cases) and
 * the API is Docker's: the door was used.  Something else answering on
 * the API's port (not dockerd on 2375) is reported with low confidence.
 */
#include <stdio.h>
#include <string.h>

#include "detector.h"
#include "exp_util.h"

static const char *
remediation(unsigned kind)
{
	switch (kind) {
	case SVC_DOCKER:
		return "Close the Docker API now: firewall the port (iptables "
		    "-I INPUT -p tcp --dport PORT -j DROP, and the cloud "
		    "security group), then remove the tcp:// host from "
		    "dockerd's -H flags, its systemd unit and "
		    "/etc/docker/daemon.json \"hosts\" so it listens on the "
		    "unix socket only (or bind 127.0.0.1, or enable "
		    "--tlsverify with client certificates).  Then list the "
		    "containers (docker ps -a) for ones you did not start "
		    "(host mounts, privileged; RM-EXP-003) and check the host "
		    "for cron jobs and SSH keys they planted.";
	case SVC_KUBELET:
	case SVC_KUBELET_RO:
		return "Set authentication.anonymous.enabled: false and "
		    "authorization.mode: Webhook in /var/lib/kubelet/"
		    "config.yaml (or --anonymous-auth=false "
		    "--authorization-mode=Webhook), readOnlyPort: 0, restart "
		    "the kubelet, and firewall 10250/10255 to the control "
		    "plane.  Then look for pods and exec sessions you did not "
		    "start.";
	case SVC_ETCD:
		return "Enable --client-cert-auth with --trusted-ca-file and "
		    "TLS client URLs, or bind --listen-client-urls to "
		    "127.0.0.1; firewall 2379 to the API servers.  Rotate "
		    "every secret stored in it: anybody could read them.";
	case SVC_PORTAINER_AGENT:
		return "Firewall 9001 to the Portainer server, set "
		    "AGENT_SECRET on the agent and the server, and check "
		    "Portainer for stacks and containers you did not create.";
	}
	return "Bind the service to 127.0.0.1 or a unix socket, turn its "
	    "authentication on, and firewall the port.";
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct service *sv = fa->u.service;
	const struct container *abuser = NULL;
	enum severity sev;
	enum confidence conf;
	struct finding *f;
	char where[256];
	const char *tail;

	if (sv->kind == SVC_REDIS || sv->loopback || sv->guard == GUARD_ON)
		return;
	if (sv->kind == SVC_DOCKER)
		for (size_t i = 0; i < s->ncontainers && !abuser; i++)
			if (exp_container_abusive(&s->containers[i]))
				abuser = &s->containers[i];
	if (sv->pid)
		snprintf(where, sizeof(where), "%s%s%s:%u", strchr(sv->addr ?
		    sv->addr : "", ':') ? "[" : "", sv->addr ? sv->addr : "?",
		    strchr(sv->addr ? sv->addr : "", ':') ? "]" : "",
		    sv->port);
	else
		snprintf(where, sizeof(where), "%.120s (configured in %.60s)",
		    sv->addr ? sv->addr : "?", sv->config ? sv->config : "?");
	if (!sv->genuine) {
		sev = SEV_MEDIUM;
		conf = CONF_LOW;
		tail = "answered by another program, not the service's own";
	} else if (sv->guard == GUARD_WEAK) {
		sev = SEV_LOW;
		conf = CONF_MEDIUM;
		tail = sv->guard_why;
	} else {
		sev = SEV_MEDIUM;
		conf = sv->guard == GUARD_NONE ? CONF_HIGH : CONF_MEDIUM;
		tail = sv->guard_why;
	}
	if (abuser && sv->genuine) {
		sev = SEV_HIGH;
		conf = CONF_HIGH;
	}
	if (sv->pid)
		f = findings_add(out, d, "%s open on %s (pid %d %.64s, netns "
		    "%llu): %.300s", exp_service_name(sv->kind), where,
		    (int)sv->pid, sv->exe ? sv->exe : sv->comm ? sv->comm :
		    "?", (unsigned long long)sv->netns, tail ? tail : "");
	else
		f = findings_add(out, d, "%s set to listen on %s: %.300s",
		    exp_service_name(sv->kind), where, tail ? tail : "");
	f->severity = sev;
	f->confidence = conf;
	exp_service_evidence(f, sv, s);
	if (!sv->genuine)
		finding_ev_str(f, "note", "the listener is not the service's "
		    "own program: a proxy (socat to docker.sock), a honeypot "
		    "or a renamed binary; find out what it forwards to");
	if (abuser) {
		finding_ev_str(f, "abused_by_container", abuser->id);
		if (abuser->image)
			finding_ev_str(f, "abused_by_image", abuser->image);
	}
	finding_set_remediation(f, "%s", remediation(sv->kind));
}

const struct detector det_exp_api = {
	.id = "RM-EXP-001",
	.name = "Management API open to the network",
	.category = CAT_EXPOSURE,
	.severity = SEV_MEDIUM,
	.techniques = TECHNIQUES("T1133", "T1190", "T1610"),
	.description = "The Docker Engine API (2375, or 2376 without "
	    "--tlsverify), a kubelet with anonymous access or its read-only "
	    "port, etcd without client certificates or a Portainer agent "
	    "listens beyond loopback: the door miner campaigns walk in by.",
	.remediation = "Bind the API to 127.0.0.1 or a unix socket, turn on "
	    "client-certificate verification or authentication, firewall "
	    "the port, then look for containers and pods you did not start.",
	.kinds = FACT_SERVICE,
	.check = check,
};
