/*
 * det_res_proxyware.c - RM-RES-004: proxyware that sells the server's
 * bandwidth and IP address (honeygain, peer2profit, packetstream/psclient,
 * IPRoyal pawns-cli, traffmonetizer, earnapp, repocket, bitping, earnfm,
 * speedshare, mysterium node ...).  Intruders install these ("proxyjacking")
 * next to or instead of a miner: the victim's address is rented out.
 *
 * Signals: a process whose names (comm, argv0, exe path) name one, in a
 * container or not (the container id is reported); a Docker container
 * whose image names one (/var/lib/docker/containers/(*)/config.v2.json,
 * a bounded substring look); a file or directory named like one in /tmp,
 * /var/tmp, /dev/shm or a home.  Processes and containers are high; files,
 * high in a writable or hidden place, medium elsewhere.
 */
#include <stdio.h>
#include <string.h>

#include "../collect/access_parse.h"
#include "access_util.h"
#include "detect_util.h"
#include "detector.h"

static bool
ware_of(const char *n, size_t l, void *arg)
{
	const char **w = arg;

	*w = acc_proxyware(n, l);
	return *w != NULL;
}

static void
check_proc(const struct detector *d, const struct snapshot *s,
	   const struct proc *p, struct findings *out)
{
	const char *w = NULL;
	struct finding *f;

	if ((p->flags & PF_KTHREAD_FLAG) || p->cmdline == NULL)
		return;
	if (!acc_proc_names(p, ware_of, &w) && (p->exe == NULL ||
	    (w = acc_proxyware(p->exe, strlen(p->exe))) == NULL))
		return;
	f = findings_add(out, d, "Process %d (%.64s) is bandwidth-selling "
	    "proxyware (%s)%s", (int)p->pid, p->comm, w,
	    p->container_id ? " in a container" : "");
	finding_set_process(f, p, s);
	if (p->exe && p->exe_kind == EXE_FILE)
		finding_set_file(f, p->exe);
	finding_ev_str(f, "proxyware", w);
	if (p->container_id)
		finding_ev_str(f, "container_id", p->container_id);
	if (p->cgroup)
		finding_ev_str(f, "cgroup", p->cgroup);
	f->severity = SEV_HIGH;
	f->confidence = CONF_HIGH;
}

static void
check_artefact(const struct detector *d, const struct artefact *a,
	       struct findings *out)
{
	struct finding *f;
	char path[4096];
	enum path_class pc;

	if (a->kind == ART_DOCKER_IMAGE) {
		const char *w = a->detail ? acc_proxyware(a->detail,
		    strlen(a->detail)) : NULL;

		f = findings_add(out, d, "A Docker container runs proxyware "
		    "image %.128s (%s): %.256s", a->detail ? a->detail : "?",
		    w ? w : "?", a->path);
		finding_set_file(f, a->path);
		finding_ev_str(f, "image", a->detail);
		finding_ev_str(f, "proxyware", w);
		finding_ev_file_meta(f, "file_", a->uid, a->mode, a->mtime);
		f->severity = SEV_HIGH;
		f->confidence = CONF_HIGH;
		return;
	}
	if (a->kind != ART_PROXYWARE_FILE)
		return;
	path_normalize(a->path, path, sizeof(path));
	pc = path_classify(path);
	f = findings_add(out, d, "A file named like proxyware (%s): %.512s",
	    a->detail ? a->detail : "?", a->path);
	finding_set_file(f, a->path);
	finding_ev_str(f, "proxyware", a->detail);
	finding_ev_str(f, "file", a->path);
	if (a->user)
		finding_ev_str(f, "user", a->user);
	if (pc != PATH_OTHER)
		finding_ev_str(f, "location", path_class_name(pc));
	finding_ev_file_meta(f, "file_", a->uid, a->mode, a->mtime);
	f->severity = pc == PATH_OTHER || pc == PATH_HIDDEN_HOME ?
	    SEV_MEDIUM : SEV_HIGH;
	f->confidence = CONF_MEDIUM;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	if (fa->kind == FACT_PROC)
		check_proc(d, s, fa->u.proc, out);
	else if (fa->kind == FACT_ARTEFACT)
		check_artefact(d, fa->u.artefact, out);
}

const struct detector det_res_proxyware = {
	.id = "RM-RES-004",
	.name = "Proxyware selling bandwidth",
	.category = CAT_ACCESS_RESALE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1496.002", "T1090.002"),
	.description = "A process, container image or file of a bandwidth-"
	    "selling client (honeygain, peer2profit, packetstream, pawns-cli, "
	    "traffmonetizer, earnapp, repocket, bitping, mysterium ...).",
	.remediation = "If nobody here signed up for it, someone is renting out "
	    "your server's address: stop and remove the container or process "
	    "(docker rm -f ID), keep its config (the account or token names "
	    "the beneficiary), remove its start-up entry, and look for the "
	    "intrusion that installed it; miners often come along.",
	.kinds = FACT_PROC | FACT_ARTEFACT,
	.check = check,
};
