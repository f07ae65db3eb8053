/*
 * sock_parse.h - parsers for socket tables: NETLINK_SOCK_DIAG replies and
 * the /proc/net/{tcp,tcp6,udp,udp6} text.  Pure functions over bytes.
 */
#ifndef RM_SOCK_PARSE_H
#define RM_SOCK_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/facts.h"

/* Receives each parsed socket (borrowed); returns non-zero to stop. */
typedef int sock_emit_fn(const struct sock *k, void *arg);

/*
 * Parse one recv() worth of sock_diag netlink messages.  Sets *done on
 * NLMSG_DONE.  Returns RM_OK, RM_EPARSE on malformed framing, or the
 * negated kernel error of an NLMSG_ERROR as RM_ESYS (errno set).
 */
int sockparse_diag(const void *buf, size_t len, uint64_t netns,
		   uint8_t proto, sock_emit_fn *emit, void *arg, bool *done);

/* Parse a whole /proc/net/{tcp,udp}[6] file. family: AF_INET(6). */
int sockparse_procnet(const char *buf, size_t len, int family, uint8_t proto,
		      uint64_t netns, sock_emit_fn *emit, void *arg);

/* Format an endpoint address for output ("127.0.0.1", "::1"). */
void sock_addr_str(const struct sock *k, bool remote, char *out,
		   size_t outlen);

#endif
