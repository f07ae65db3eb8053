/*
 * host_parse.h - parsers for host files that show miner tuning and pool
 * names: /proc/meminfo, kernel log records, sysctl files, /etc/hosts.
 * Pure functions over bytes, unit-tested and fuzzed.
 */
#ifndef RM_HOST_PARSE_H
#define RM_HOST_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/facts.h"
#include "../core/ioc.h"

/* HugePages_Total, HugePages_Free (pages) and Hugepagesize (kB); -1 for
 * fields that are absent. */
void hostparse_meminfo(const char *buf, size_t len, int64_t *total,
		       int64_t *free_pages, int64_t *page_kb);

/*
 * One /dev/kmsg record ("6,1234,5678901,-;msr: Write to unrecognized MSR
 * 0x1a4 by xmrig (pid: 4242).").  True when it is the kernel's MSR write
 * warning; the comm is taken up to the *last* " (pid: ", since a process
 * names itself.  comm points into rec (commlen bytes).
 */
bool hostparse_kmsg_msr(const char *rec, size_t len, uint32_t *msr,
			const char **comm, size_t *commlen, int64_t *pid,
			uint64_t *usec);

/* Lines of a sysctl file that set one of the keys miners change
 * (vm.nr_hugepages, kernel.nmi_watchdog; "/" separators accepted).
 * Appends to *v (arena memory, *n entries). */
void hostparse_sysctl(const char *buf, size_t len, const char *path,
		      struct arena *a, struct sysctl_line **v, uint32_t *n,
		      uint32_t *alloc);

/* True for 127.0.0.0/8, ::1, 0.0.0.0 and :: (in network order): where
 * /etc/hosts sinks names it blocks, never where a pool runs. */
bool hostparse_sink_addr(const uint8_t *addr, uint8_t family);

/* The /etc/hosts name of addr (family AF_INET or AF_INET6, network order)
 * that the pool list knows, or NULL.  A name sunk to 127.0.0.1 or 0.0.0.0
 * is blocked, not a pool: miners block rivals' pools that way. */
const char *hostparse_pool_name(const struct host *h, const struct ioc *io,
				uint8_t family, const uint8_t *addr);

/* /etc/hosts: every (address, name) pair, aliases included. */
void hostparse_hosts(const char *buf, size_t len, struct arena *a,
		     struct hosts_entry **v, uint32_t *n, uint32_t *alloc);

/* Mounts over /proc/PID or a path in it from mountinfo text (octal
 * escapes such as \040 decoded); appends to *out (arena-grown), at most
 * 64 in all.  Returns the number of malformed lines. */
uint32_t hostparse_proc_mounts(const char *buf, size_t len, struct arena *a,
			       struct proc_mount **out, uint32_t *n);

#endif
