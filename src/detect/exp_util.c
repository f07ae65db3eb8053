/* exp_util.c - shared parts of the exposure detectors (exp_util.h). */
#include <stdio.h>

#include "../collect/ctr_parse.h"
#include "exp_util.h"

const char *
exp_service_name(unsigned kind)
{
	switch (kind) {
	case SVC_DOCKER: return "Docker Engine API";
	case SVC_KUBELET: return "kubelet API";
	case SVC_KUBELET_RO: return "kubelet read-only port";
	case SVC_ETCD: return "etcd client API";
	case SVC_PORTAINER_AGENT: return "Portainer agent";
	case SVC_REDIS: return "Redis";
	}
	return "service";
}

const char *
exp_guard_name(unsigned guard)
{
	switch (guard) {
	case GUARD_NONE: return "none";
	case GUARD_WEAK: return "weak";
	case GUARD_ON: return "on";
	}
	return "unknown";
}

void
exp_service_evidence(struct finding *f, const struct service *sv,
		     const struct snapshot *s)
{
	const struct proc *p = sv->pid ? snapshot_proc(s, sv->pid) : NULL;

	if (p)
		finding_set_process(f, p, s);
	finding_ev_str(f, "service", exp_service_name(sv->kind));
	if (sv->addr)
		finding_ev_str(f, "address", sv->addr);
	finding_ev_int(f, "port", sv->port);
	if (sv->pid) {
		finding_ev_int(f, "netns", (int64_t)sv->netns);
		finding_ev_int(f, "listeners", sv->nlisteners);
		if (sv->exe)
			finding_ev_str(f, "listener_exe", sv->exe);
		else if (sv->comm)
			finding_ev_str(f, "listener_comm", sv->comm);
	}
	finding_ev_bool(f, "genuine", sv->genuine);
	finding_ev_str(f, "guard", exp_guard_name(sv->guard));
	if (sv->guard_why)
		finding_ev_str(f, "why", sv->guard_why);
	if (sv->config) {
		finding_set_file(f, sv->config);
		finding_ev_str(f, "config", sv->config);
	}
	if (sv->config_line)
		finding_ev_int(f, "config_line", sv->config_line);
	if (sv->setting)
		finding_ev_str(f, "setting", sv->setting);
}

bool
exp_container_abusive(const struct container *c)
{
	bool sock = false, root = false, rw_root = false, rw_sens = false;

	for (uint32_t i = 0; i < c->nmounts; i++) {
		const struct ctr_mount *m = &c->mounts[i];

		switch (m->cls) {
		case CTRM_ROOT:
			root = true;
			rw_root |= !m->ro;
			break;
		case CTRM_DOCKER_SOCK:
		case CTRM_RUN:
			sock = true;
			break;
		case CTRM_ETC:
		case CTRM_ROOT_HOME:
		case CTRM_CRON:
			rw_sens |= !m->ro;
			break;
		}
	}
	if (c->monitoring && !rw_root && !rw_sens)
		return false;
	return (c->privileged && (sock || root || c->pid_host)) || rw_root ||
	    rw_sens;
}
