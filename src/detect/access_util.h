/*
 * access_util.h - what the access-resale detectors (RM-RES-001..004)
 * share: a process's sockets seen as a relay would use them, its names,
 * and where it was started from.  Pure functions of the snapshot.
 */
#ifndef RM_ACCESS_UTIL_H
#define RM_ACCESS_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/facts.h"

#define ACC_NET_KEEP 8

/* A process's TCP sockets: listeners, and established connections it
 * made (its local port is not one it listens on). */
struct acc_net {
	const struct sock *listen[ACC_NET_KEEP];
	unsigned nlisten;
	bool listen_public;          /* one listens on a non-loopback address */
	const struct sock *out[ACC_NET_KEEP];
	unsigned nout;
	bool out_remote;             /* one goes to a non-loopback peer */
};
void acc_proc_net(const struct snapshot *s, const struct proc *p,
		  struct acc_net *n);

/* The socket with this inode (in netns when not 0), or NULL. */
const struct sock *acc_sock_by_inode(const struct snapshot *s, uint64_t ino,
				     uint64_t netns);

bool acc_addr_loopback(const struct sock *k, bool remote);
/* "10.1.2.3:1080" ([v6]:port), into out. */
void acc_endpoint(const struct sock *k, bool remote, char *out, size_t len);

/* The names a process goes by: comm, argv0's and exe's base names.  Calls
 * match on each; true as soon as one does. */
typedef bool acc_name_fn(const char *name, size_t n, void *arg);
bool acc_proc_names(const struct proc *p, acc_name_fn *fn, void *arg);
/* argv0's base name (or comm), for messages. */
const char *acc_proc_base(const struct proc *p, size_t *len);

/* An ancestor (up to 64 up) whose comm is one of the NULL-terminated
 * names, or NULL. */
const struct proc *acc_ancestor(const struct snapshot *s,
				const struct proc *p,
				const char *const *names);

/* Where a process's executable is: "system" (/usr, /bin, /sbin, /lib),
 * "writable"/"hidden" (path_classify), "deleted", "memfd", "other". */
enum acc_where { WHERE_SYSTEM, WHERE_OTHER, WHERE_ODD };
enum acc_where acc_exe_where(const struct proc *p, const char **why);

#endif
