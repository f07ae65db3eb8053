/*
 * data_util.h - what the data-theft and ransomware detectors share
 * (det_dat_*.c, det_ran_*.c): where a process came from.
 */
#ifndef RM_DATA_UTIL_H
#define RM_DATA_UTIL_H

#include <stdbool.h>

#include "../core/facts.h"

/* Why a process that moves or encrypts data is worse than an
 * administrator's: it runs under the web server (an ancestor is apache2,
 * nginx, php-fpm... or it runs as a web server account), from a writable
 * or hidden directory (exe or cwd), or under cron for a non-root user, or
 * an ancestor runs from such a directory (a miner's tree).  A short
 * English reason, or NULL. */
const char *data_proc_context(const struct snapshot *s, const struct proc *p);

/* The process was started by cron (an ancestor is cron/crond). */
bool data_proc_from_cron(const struct snapshot *s, const struct proc *p);

#endif
