/* rawsock_parse.c - /proc/net/{raw,raw6,packet} parsers. */
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "../core/err.h"
#include "rawsock_parse.h"
#include "sock_parse.h"

struct inet_ctx {
	rawsock_emit_fn *emit;
	void *arg;
};

/* The raw table has udp's columns: reuse that parser, then keep what a
 * raw socket means (its protocol sits in the local "port"). */
static int
inet_one(const struct sock *k, void *arg)
{
	struct inet_ctx *c = arg;
	struct raw_sock r;

	memset(&r, 0, sizeof(r));
	r.netns = k->netns;
	r.family = k->family;
	r.proto = k->lport;
	r.uid = k->uid;
	r.inode = k->inode;
	return c->emit(&r, c->arg);
}

int
rawparse_inet(const char *buf, size_t len, int family, uint64_t netns,
	      rawsock_emit_fn *emit, void *arg)
{
	struct inet_ctx c = { emit, arg };

	if (family != AF_INET && family != AF_INET6)
		return RM_ENOTSUP;
	return sockparse_procnet(buf, len, family, IPPROTO_RAW, netns,
	    inet_one, &c);
}

static void
spaces(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
}

/* One unsigned number in base 10 or 16, at most max; advance. */
static int
num(const char **p, const char *end, int base, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;
	const char *s;

	spaces(p, end);
	s = *p;
	while (*p < end) {
		char c = **p;
		int d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			break;
		if ((uint64_t)d > max ||
		    x > (max - (uint64_t)d) / (uint64_t)base)
			return -1;
		x = x * (uint64_t)base + (uint64_t)d;
		(*p)++;
	}
	if (*p == s || (*p < end && **p != ' ' && **p != '\t' &&
	    **p != '\n' && **p != '\r'))
		return -1;
	*v = x;
	return 0;
}

int
rawparse_packet(const char *buf, size_t len, uint64_t netns,
		rawsock_emit_fn *emit, void *arg)
{
	const char *p = buf, *end = buf + len;
	bool header = true;
	int bad = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *q = p;
		uint64_t v[8];
		struct raw_sock r;
		int i;

		p = nl ? nl + 1 : end;
		if (header) {  /* "sk RefCnt Type Proto Iface R Rmem User Inode" */
			header = false;
			continue;
		}
		spaces(&q, le);
		if (q == le)
			continue;  /* blank line */
		/* sk: a kernel pointer, hashed or zeroed (%pK) */
		if (num(&q, le, 16, UINT64_MAX, &v[0]) != 0) {
			bad++;
			continue;
		}
		static const struct { int base; uint64_t max; } col[] = {
			{ 10, UINT32_MAX },    /* RefCnt */
			{ 10, 255 },           /* Type */
			{ 16, 0xffff },        /* Proto (ethertype) */
			{ 10, UINT32_MAX },    /* Iface */
			{ 10, 1 },             /* R (running) */
			{ 10, UINT64_MAX },    /* Rmem */
			{ 10, UINT32_MAX },    /* User */
		};
		for (i = 0; i < 7; i++)
			if (num(&q, le, col[i].base, col[i].max, &v[i]) != 0)
				break;
		if (i < 7 || num(&q, le, 10, UINT64_MAX, &v[7]) != 0) {
			bad++;
			continue;
		}
		memset(&r, 0, sizeof(r));
		r.netns = netns;
		r.family = AF_PACKET;
		r.type = (uint8_t)v[1];
		r.proto = (uint16_t)v[2];
		r.ifindex = (uint32_t)v[3];
		r.uid = (uint32_t)v[6];
		r.inode = v[7];
		if (emit(&r, arg))
			break;
	}
	return bad ? RM_EPARSE : RM_OK;
}

const char *
raw_proto_name(uint16_t proto, char *out, size_t outlen)
{
	switch (proto) {
	case IPPROTO_ICMP: return "icmp";
	case IPPROTO_IGMP: return "igmp";
	case IPPROTO_TCP: return "tcp";
	case IPPROTO_UDP: return "udp";
	case IPPROTO_GRE: return "gre";
	case IPPROTO_ICMPV6: return "icmpv6";
	case 112: return "vrrp";
	case IPPROTO_RAW: return "raw";
	default:
		snprintf(out, outlen, "ip:%u", (unsigned)proto);
		return out;
	}
}

const char *
packet_proto_name(uint16_t ethertype, char *out, size_t outlen)
{
	switch (ethertype) {
	case 0x0000: return "none";    /* not bound to a protocol yet */
	case 0x0003: return "all";     /* ETH_P_ALL: every frame */
	case 0x0800: return "ip";
	case 0x0806: return "arp";
	case 0x86dd: return "ipv6";
	case 0x88cc: return "lldp";
	case 0x888e: return "eapol";
	default:
		snprintf(out, outlen, "0x%04x", (unsigned)ethertype);
		return out;
	}
}
