/*
 * exp_util.h - names and shared judgements of the exposure detectors
 * (det_exp_*.c): service names, the evidence every service finding
 * carries, and whether a container hands the host out (which makes an
 * open Docker API an abused one).
 */
#ifndef RM_EXP_UTIL_H
#define RM_EXP_UTIL_H

#include <stdbool.h>

#include "../core/facts.h"
#include "../core/finding.h"

/* "Docker Engine API", "kubelet API", ... */
const char *exp_service_name(unsigned kind);
/* "none", "weak", "on", "unknown" */
const char *exp_guard_name(unsigned guard);
/* Evidence keys of a service: service, address, port, netns, listeners,
 * guard, why, config, config_line, setting, genuine; the process. */
void exp_service_evidence(struct finding *f, const struct service *sv,
			  const struct snapshot *s);
/* A container that hands the host out: privileged with the Docker socket,
 * the host root or the host's pids, or a writable host root, /etc,
 * /root or cron spool; a monitoring image's read-only mounts are not. */
bool exp_container_abusive(const struct container *c);

#endif
