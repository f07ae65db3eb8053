/*
 * hidden.h - processes that answer but /proc does not show.
 *
 * A kernel rootkit (Diamorphine, Reptile) drops a pid from getdents64 of
 * /proc, but a signal, getpgid() or a lookup of /proc/PID by name still
 * reach it.  hidden_scan() lists /proc, then asks the kernel about every
 * pid from 1 to pid_max that the listing lacks; a thread-group leader that
 * answers is a suspect, and one still missing from two fresh listings is
 * a hidden process.  Thread ids answer too (kill() reaches a thread's
 * group) and are not listed in /proc: they are told apart by
 * pidfd_open() (EINVAL for a non-leader) or the Tgid line of status.
 * A listed pid whose /proc/PID cannot be read while it answers (an empty
 * directory mounted over it) is reported too, tied to the mount.
 *
 * The listing, the probe and the thread test are operations a test can
 * replace (struct hidden_ops), so the logic is tested without a rootkit.
 */
#ifndef RM_HIDDEN_H
#define RM_HIDDEN_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "../core/facts.h"

struct hidden_ops {
	/* A fresh listing of /proc: set bit pid of map (max+1 bits) for
	 * each numeric entry.  Returns rm_err. */
	int (*list)(void *ctx, uint8_t *map, uint32_t max);
	/* Does pid exist?  enum hidden_how bits of the calls that said
	 * yes (0: no process). */
	unsigned (*probe)(void *ctx, pid_t pid);
	/* The thread-group id of pid (pid itself for a process), 0 when it
	 * cannot be told, -1 when it is gone. */
	pid_t (*tgid)(void *ctx, pid_t pid);
	void *ctx;
};

struct hidden_opts {
	uint32_t pid_max;          /* probe 1..pid_max */
	double budget_s;           /* stop after this long (0: no limit) */
	bool progress;             /* a progress line on stderr */
	unsigned recheck_ms;       /* pause before each re-check */
};

/* The live operations (kill, getpgid, pidfd_open; listing through procfd). */
void hidden_ops_live(struct hidden_ops *ops, int *procfd);

/*
 * Probe and fill s->hidden_pids (arena).  procfd is the /proc the facts
 * came from: comm, status and exe of a suspect are read through it.
 * s->procs must be filled (the readable processes).  Returns rm_err;
 * what did not run is in s->skipped.
 */
int hidden_scan(struct snapshot *s, int procfd, const struct hidden_ops *ops,
		const struct hidden_opts *o);

/* The whole check on the live host: pid_max from procfd, the pid
 * namespace and privilege caveats, then hidden_scan(). */
void hidden_collect(struct snapshot *s, int procfd, bool progress);

#endif
