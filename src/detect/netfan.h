/*
 * netfan.h - what the abuse and lateral-movement detectors ask about a
 * process's network side (RM-ABU-001..003, RM-LAT-001..002): how many
 * distinct hosts it talks to on a set of ports, and who it is (an
 * allowlisted system program, an interpreter, an odd executable).
 * Pure functions of facts.
 */
#ifndef RM_NETFAN_H
#define RM_NETFAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/facts.h"
#include "../core/finding.h"

#define FAN_SAMPLES 8          /* destinations kept as evidence */
#define FAN_TRACK_MAX 65536    /* matching sockets looked at per process */

typedef bool fan_port_fn(uint16_t port);

/* Outbound TCP (ESTABLISHED or SYN_SENT) of one process to ports that
 * port_ok() accepts.  A socket whose local port is also accepted is
 * ambiguous (an inbound connection from such a port) and not counted;
 * loopback and unspecified peers are never counted. */
struct fan_view {
	uint32_t hosts;            /* distinct (netns, address) */
	uint32_t conns;            /* matching sockets */
	uint32_t syn_sent;         /* ... still in SYN_SENT (unanswered) */
	uint32_t nports;           /* distinct remote ports (<= 16 kept) */
	uint16_t ports[16];
	bool truncated;            /* more than FAN_TRACK_MAX sockets */
	char samples[FAN_SAMPLES][64];  /* "ip:port", sorted by address */
	uint32_t nsamples;
	const struct sock *first;  /* a matching socket (destination.*) */
};

void fan_count(const struct snapshot *s, const struct proc *p,
	       fan_port_fn *port_ok, struct fan_view *v);

/* The evidence of a count, in this order: hosts_key (distinct hosts),
 * conns_key (matching sockets), "syn_sent", "destinations" (the samples)
 * and "ports" (the distinct remote ports kept). */
void fan_ev_counts(struct finding *f, const struct fan_view *v,
		   const char *hosts_key, const char *conns_key);

/* After the rule's own evidence: "truncated" when the count stopped at
 * FAN_TRACK_MAX, then fan_set_destination(). */
void fan_ev_close(struct finding *f, const struct fan_view *v);

/* The finding's destination.ip/port: the first matching socket's peer
 * (nothing when none matched). */
void fan_set_destination(struct finding *f, const struct fan_view *v);

/* fan_count() looks sockets up in an index of s (who holds which
 * outbound TCP socket) built on its first call and kept in s->fan_index
 * until this drops it; registry.c does before every detection pass, so a
 * snapshot changed between passes is seen as it is.  A socket whose
 * owners list overflowed counts for p only when p is one of s->procs
 * (their fd inodes are read when the index is built). */
void fan_index_drop(const struct snapshot *s);

/* Does pid own socket k (owners list, or its fd inodes when the list
 * overflowed)? */
bool fan_owned(const struct sock *k, const struct proc *p);

/* Loopback or unspecified address (v4, v6, v4-mapped). */
bool fan_addr_local(const struct sock *k);

/* The basename of the executable (" (deleted)" stripped), of argv0, or
 * "" when unknown. */
const char *fan_exe_base(const struct proc *p, char *out, size_t outlen);
const char *fan_argv0_base(const struct proc *p, char *out, size_t outlen);

/* The executable is a regular file in one of the system directories
 * (/usr/sbin, /usr/bin, /sbin, /bin, /usr/lib/..., /usr/libexec/...) and
 * its basename is in names (NULL-terminated).  Never true for a deleted,
 * memfd, writable-dir or hidden executable. */
bool fan_system_prog(const struct proc *p, const char *const *names);

/* A regular file under a system directory, whatever its name. */
bool fan_system_exe(const struct proc *p);

/* Deleted, memfd, or under a writable or hidden directory: *why says
 * which ("deleted", "memfd", a path_class_name()). */
bool fan_odd_exe(const struct proc *p, const char **why);

/* An interpreter (perl, python, php, ruby, node, a shell). */
bool fan_interpreter(const struct proc *p);

/* The first absolute argument (a script) in a writable or hidden
 * directory, or NULL; its length in *len. */
const char *fan_script_odd(const struct proc *p, size_t *len);

/* One of names (NULL-terminated) is the exe's, comm's or argv0's
 * basename. */
bool fan_named(const struct proc *p, const char *const *names);

#endif
