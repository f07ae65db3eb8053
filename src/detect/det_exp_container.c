/*
 * det_exp_container.c - RM-EXP-003: a container that runs privileged or
 * mounts the host root, /etc, /root, the cron spool or the Docker socket
 * (read from Docker's state on disk, live or in a --root image).
 *
 * The exposed-Docker-API campaigns (TeamTNT, Kinsing, Commando Cat,
 * Perfctl) create exactly this: "Binds":["/:/host"], "Privileged":true,
 * then chroot /host and write cron jobs.  Monitoring agents (cAdvisor,
 * node-exporter, Falco, the Datadog agent) mount / read-only by design:
 * with a known monitoring image and read-only mounts the finding is low
 * and says so.  High: privileged together with the Docker socket, the
 * host root or the host's pids, or a writable host root, /etc, /root or
 * cron spool, by an image that is not a monitoring agent's.  Medium:
 * the rest (privileged alone, a socket mount alone, a read-only host
 * root by an unknown image, CAP_SYS_ADMIN, the host's pid namespace).
 */
#include <stdio.h>
#include <string.h>

#include "../collect/ctr_parse.h"
#include "detector.h"
#include "exp_util.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct container *c = fa->u.container;
	bool sock = false, root = false, all_ro = true;
	char what[256], item[600], path[256];
	size_t wl = 0;
	enum severity sev;
	struct finding *f;

	for (uint32_t i = 0; i < c->nmounts; i++) {
		sock |= c->mounts[i].cls == CTRM_DOCKER_SOCK ||
		    c->mounts[i].cls == CTRM_RUN;
		root |= c->mounts[i].cls == CTRM_ROOT;
		all_ro &= c->mounts[i].ro;
	}
	if (!c->privileged && c->nmounts == 0 && !c->pid_host &&
	    !c->cap_sys_admin)
		return;
	what[0] = '\0';
#define WHAT(str) do {							\
	wl += (size_t)snprintf(what + wl, wl < sizeof(what) ?		\
	    sizeof(what) - wl : 0, "%s%s", wl ? ", " : "", (str));	\
	if (wl >= sizeof(what))						\
		wl = sizeof(what) - 1;					\
} while (0)
	if (c->privileged)
		WHAT("runs privileged");
	if (root)
		WHAT(all_ro ? "mounts the host root" :
		    "mounts the host root read-write");
	if (sock)
		WHAT("mounts the Docker socket");
	for (uint32_t i = 0; i < c->nmounts; i++)
		if (c->mounts[i].cls == CTRM_ETC || c->mounts[i].cls ==
		    CTRM_ROOT_HOME || c->mounts[i].cls == CTRM_CRON ||
		    c->mounts[i].cls == CTRM_SYSTEM) {
			WHAT("mounts host system directories");
			break;
		}
	if (c->pid_host)
		WHAT("shares the host's pids");
	if (c->cap_sys_admin)
		WHAT("has CAP_SYS_ADMIN");
#undef WHAT
	if (exp_container_abusive(c))
		sev = SEV_HIGH;
	else if (c->monitoring && all_ro && !c->privileged)
		sev = SEV_LOW;
	else if (c->pid_host && !c->privileged && c->nmounts == 0 &&
	    !c->cap_sys_admin)
		sev = SEV_LOW;
	else
		sev = SEV_MEDIUM;
	f = findings_add(out, d, "container %.100s (%.100s, image %.120s) "
	    "%s%s", c->name ? c->name : "?", c->id ? c->id : "?",
	    c->image ? c->image : "?", what, c->monitoring ? (sev == SEV_LOW ?
	    ": a monitoring agent's image, read-only" :
	    " (a monitoring agent's image)") : "");
	f->severity = sev;
	f->confidence = sev == SEV_LOW ? CONF_MEDIUM : CONF_HIGH;
	snprintf(path, sizeof(path), "%.200s/hostconfig.json",
	    c->dir ? c->dir : "");
	finding_set_file(f, path);
	finding_ev_str(f, "container_id", c->id);
	if (c->name)
		finding_ev_str(f, "container_name", c->name);
	if (c->image)
		finding_ev_str(f, "image", c->image);
	finding_ev_bool(f, "running", c->running);
	finding_ev_bool(f, "privileged", c->privileged);
	if (c->pid_host)
		finding_ev_str(f, "pid_mode", "host");
	if (c->net_host)
		finding_ev_str(f, "network_mode", "host");
	if (c->cap_sys_admin)
		finding_ev_bool(f, "cap_sys_admin", true);
	for (uint32_t i = 0; i < c->nmounts; i++) {
		snprintf(item, sizeof(item), "%.250s:%.250s %s (%s)",
		    c->mounts[i].source, c->mounts[i].dest ?
		    c->mounts[i].dest : "", c->mounts[i].ro ? "ro" : "rw",
		    ctr_mount_class_name(c->mounts[i].cls));
		finding_ev_list_add(f, "host_mounts", item);
	}
	if (c->monitoring)
		finding_ev_str(f, "monitoring_image", c->monitoring);
	if (c->parse_error)
		finding_ev_bool(f, "state_files_malformed", true);
	finding_ev_file_meta(f, "file_", c->uid, c->mode, c->mtime);
	/* live: the container's first process, for the story */
	for (size_t i = 0; s->live && c->id && i < s->nprocs; i++)
		if (s->procs[i].container_id &&
		    strcmp(s->procs[i].container_id, c->id) == 0) {
			finding_set_process(f, &s->procs[i], s);
			break;
		}
}

const struct detector det_exp_container = {
	.id = "RM-EXP-003",
	.name = "Container that hands out the host",
	.category = CAT_EXPOSURE,
	.severity = SEV_MEDIUM,
	.techniques = TECHNIQUES("T1610", "T1611"),
	.description = "A Docker container runs privileged, mounts the host "
	    "root, /etc, /root, the cron spool or the Docker socket, or "
	    "shares the host's pids: what exposed-API campaigns create to "
	    "escape to the host (read from /var/lib/docker/containers).",
	.remediation = "If you did not start it: docker inspect and docker "
	    "export it for evidence, stop and remove it, and look on the "
	    "host for what it wrote (cron jobs, SSH keys, binaries) and at "
	    "how it was created (an open Docker API, RM-EXP-001).  If you "
	    "did: drop --privileged, mount only what it needs read-only, "
	    "and never the Docker socket unless it must manage Docker.",
	.kinds = FACT_CONTAINER,
	.check = check,
};
