/*
 * rawsock_parse.h - parsers for the raw and packet socket tables:
 * /proc/net/raw, /proc/net/raw6 (same columns as udp, the "port" being
 * the IP protocol) and /proc/net/packet.  Pure functions over bytes.
 */
#ifndef RM_RAWSOCK_PARSE_H
#define RM_RAWSOCK_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/facts.h"

/* Receives each parsed socket (borrowed); returns non-zero to stop. */
typedef int rawsock_emit_fn(const struct raw_sock *k, void *arg);

/* A whole /proc/net/raw (family AF_INET) or raw6 (AF_INET6) file.
 * Returns RM_OK, or RM_EPARSE when some line was malformed (the good
 * lines are still emitted). */
int rawparse_inet(const char *buf, size_t len, int family, uint64_t netns,
		  rawsock_emit_fn *emit, void *arg);

/* A whole /proc/net/packet file:
 * "sk RefCnt Type Proto Iface R Rmem User Inode", Proto in hex. */
int rawparse_packet(const char *buf, size_t len, uint64_t netns,
		    rawsock_emit_fn *emit, void *arg);

/* "icmp", "raw", "tcp" ... for an IP protocol number; "ip:N" otherwise
 * (out must hold 16 bytes). */
const char *raw_proto_name(uint16_t proto, char *out, size_t outlen);
/* "all", "ip", "arp", "ipv6" ... for an ethertype; "0xNNNN" otherwise. */
const char *packet_proto_name(uint16_t ethertype, char *out, size_t outlen);

#endif
