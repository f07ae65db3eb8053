/* sock_parse.c - sock_diag and /proc/net text parsers. */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "../core/err.h"
#include "sock_parse.h"

int
sockparse_diag(const void *buf, size_t len, uint64_t netns, uint8_t proto,
	       sock_emit_fn *emit, void *arg, bool *done)
{
	const unsigned char *p = buf;
	size_t off = 0;

	*done = false;
	while (off + sizeof(struct nlmsghdr) <= len) {
		struct nlmsghdr h;
		struct inet_diag_msg m;
		struct sock k;
		size_t mlen, aoff;

		memcpy(&h, p + off, sizeof(h));
		if (h.nlmsg_len < sizeof(h) || h.nlmsg_len > len - off)
			return RM_EPARSE;
		mlen = h.nlmsg_len;
		if (h.nlmsg_type == NLMSG_DONE) {
			*done = true;
			return RM_OK;
		}
		if (h.nlmsg_type == NLMSG_ERROR) {
			struct nlmsgerr e;

			if (mlen < NLMSG_LENGTH(sizeof(e)))
				return RM_EPARSE;
			memcpy(&e, p + off + NLMSG_HDRLEN, sizeof(e));
			*done = true;
			errno = e.error < 0 && e.error > -4096 ? -e.error :
			    EPROTO;
			return RM_ESYS;
		}
		if (h.nlmsg_type != SOCK_DIAG_BY_FAMILY ||
		    mlen < NLMSG_LENGTH(sizeof(m))) {
			off += NLMSG_ALIGN(mlen);
			continue;
		}
		memcpy(&m, p + off + NLMSG_HDRLEN, sizeof(m));
		memset(&k, 0, sizeof(k));
		k.netns = netns;
		k.family = m.idiag_family;
		k.proto = proto;
		k.state = m.idiag_state;
		k.source = SOCK_SRC_DIAG;
		k.lport = ntohs(m.id.idiag_sport);
		k.rport = ntohs(m.id.idiag_dport);
		k.uid = m.idiag_uid;
		k.inode = m.idiag_inode;
		if (m.idiag_family == AF_INET) {
			memcpy(k.laddr, m.id.idiag_src, 4);
			memcpy(k.raddr, m.id.idiag_dst, 4);
		} else if (m.idiag_family == AF_INET6) {
			memcpy(k.laddr, m.id.idiag_src, 16);
			memcpy(k.raddr, m.id.idiag_dst, 16);
		} else {
			off += NLMSG_ALIGN(mlen);
			continue;
		}
		/* attributes: INET_DIAG_INFO carries struct tcp_info */
		aoff = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(m));
		while (aoff + sizeof(struct rtattr) <= mlen) {
			struct rtattr a;

			memcpy(&a, p + off + aoff, sizeof(a));
			if (a.rta_len < sizeof(a) || a.rta_len > mlen - aoff)
				break;
			if (a.rta_type == INET_DIAG_INFO && proto == IPPROTO_TCP) {
				struct tcp_info ti;
				size_t il = a.rta_len - RTA_LENGTH(0);
				size_t need = offsetof(struct tcp_info,
				    tcpi_bytes_received) +
				    sizeof(ti.tcpi_bytes_received);

				if (il >= need) {
					memset(&ti, 0, sizeof(ti));
					memcpy(&ti, p + off + aoff + RTA_LENGTH(0),
					    il < sizeof(ti) ? il : sizeof(ti));
					k.bytes_acked = ti.tcpi_bytes_acked;
					k.bytes_received = ti.tcpi_bytes_received;
					k.has_bytes = true;
				}
			}
			aoff += RTA_ALIGN(a.rta_len);
		}
		if (emit(&k, arg))
			return RM_OK;
		off += NLMSG_ALIGN(mlen);
	}
	return RM_OK;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parse n hex digits at *p into v; advance. */
static bool
hexn(const char **p, const char *end, int n, uint32_t *v)
{
	uint32_t x = 0;

	if (end - *p < n)
		return false;
	for (int i = 0; i < n; i++) {
		int h = hexval((*p)[i]);

		if (h < 0)
			return false;
		x = x << 4 | (uint32_t)h;
	}
	*p += n;
	*v = x;
	return true;
}

/* The kernel prints each 32-bit word of the address as %08X of the value
 * in host order; copying the value back gives the network bytes. */
static bool
addr_port(const char **p, const char *end, int words, uint8_t *addr,
	  uint16_t *port)
{
	uint32_t w, pt;

	for (int i = 0; i < words; i++) {
		if (!hexn(p, end, 8, &w))
			return false;
		memcpy(addr + 4 * i, &w, 4);
	}
	if (*p >= end || **p != ':')
		return false;
	(*p)++;
	if (!hexn(p, end, 4, &pt))
		return false;
	*port = (uint16_t)pt;
	return true;
}

static void
spaces(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
}

static bool
dec(const char **p, const char *end, uint64_t *v)
{
	uint64_t x = 0;
	const char *s = *p;

	while (*p < end && **p >= '0' && **p <= '9') {
		if (x > (UINT64_MAX - 9) / 10)
			return false;
		x = x * 10 + (uint64_t)(**p - '0');
		(*p)++;
	}
	*v = x;
	return *p > s;
}

/* Skip one whitespace-delimited token. */
static bool
token(const char **p, const char *end)
{
	const char *s;

	spaces(p, end);
	s = *p;
	while (*p < end && **p != ' ' && **p != '\t' && **p != '\n')
		(*p)++;
	return *p > s;
}

int
sockparse_procnet(const char *buf, size_t len, int family, uint8_t proto,
		  uint64_t netns, sock_emit_fn *emit, void *arg)
{
	const char *p = buf, *end = buf + len;
	int words = family == AF_INET6 ? 4 : 1;
	int bad = 0;
	bool header = true;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *q = p;
		struct sock k;
		uint32_t st;
		uint64_t uid, ino;

		p = nl ? nl + 1 : end;
		if (header) {  /* "  sl  local_address rem_address ..." */
			header = false;
			continue;
		}
		memset(&k, 0, sizeof(k));
		k.netns = netns;
		k.family = (uint8_t)family;
		k.proto = proto;
		k.source = SOCK_SRC_PROCNET;
		/* "  0: 0100007F:0277 00000000:0000 0A 00000000:00000000
		 *  00:00000000 00000000     0        0 12345 ..." */
		if (!token(&q, le)) /* sl */
			continue;
		spaces(&q, le);
		if (!addr_port(&q, le, words, k.laddr, &k.lport)) {
			bad++;
			continue;
		}
		spaces(&q, le);
		if (!addr_port(&q, le, words, k.raddr, &k.rport)) {
			bad++;
			continue;
		}
		spaces(&q, le);
		if (!hexn(&q, le, 2, &st)) {
			bad++;
			continue;
		}
		k.state = (uint8_t)st;
		/* tx:rx, tr:when, retrnsmt */
		if (!token(&q, le) || !token(&q, le) || !token(&q, le)) {
			bad++;
			continue;
		}
		spaces(&q, le);
		if (!dec(&q, le, &uid) || uid > UINT32_MAX) {
			bad++;
			continue;
		}
		k.uid = (uint32_t)uid;
		if (!token(&q, le)) { /* timeout */
			bad++;
			continue;
		}
		spaces(&q, le);
		if (!dec(&q, le, &ino)) {
			bad++;
			continue;
		}
		k.inode = ino;
		if (emit(&k, arg))
			break;
	}
	return bad ? RM_EPARSE : RM_OK;
}

void
sock_addr_str(const struct sock *k, bool remote, char *out, size_t outlen)
{
	const uint8_t *a = remote ? k->raddr : k->laddr;

	if (inet_ntop(k->family == AF_INET6 ? AF_INET6 : AF_INET, a, out,
	    (socklen_t)outlen) == NULL)
		snprintf(out, outlen, "?");
}
