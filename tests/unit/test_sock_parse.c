/*
 * test_sock_parse.c - /proc/net/{tcp,tcp6,udp} text and NETLINK_SOCK_DIAG
 * replies (built here, byte by byte, as the kernel sends them).
 */
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "testlib.h"

/* TCP states as the kernel numbers them (include/net/tcp_states.h) */
enum { ST_ESTABLISHED = 1, ST_LISTEN = 10 };

struct socks {
	struct sock v[16];
	size_t n;
	size_t stop_at;
};

static int
emit(const struct sock *k, void *arg)
{
	struct socks *s = arg;

	assert_true(s->n < TL_NELEM(s->v));
	s->v[s->n++] = *k;
	return s->stop_at && s->n >= s->stop_at;
}

static void
expect_addr(const struct sock *k, bool remote, const char *want)
{
	char ip[64];

	sock_addr_str(k, remote, ip, sizeof(ip));
	assert_string_equal(ip, want);
}

/* ---- /proc/net text ------------------------------------------------------ */

static const char tcp4[] =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
    "retrnsmt   uid  timeout inode\n"
    "   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 "
    "00000000   105        0 12345 1 0000000000000000 100 0 0 10 0\n"
    "   1: 0F02000A:A1B2 0202A8C0:0D05 01 00000000:00000000 02:000A7C3E "
    "00000000  1000        0 67890 2 0000000000000000 20 4 30 10 -1\n";

static void
test_procnet_tcp4(void **state)
{
	struct socks s = { 0 };

	(void)state;
	assert_int_equal(sockparse_procnet(tcp4, sizeof(tcp4) - 1, AF_INET,
	    IPPROTO_TCP, 4026531999ULL, emit, &s), RM_OK);
	assert_int_equal(s.n, 2);
	/* 0100007F is 127.0.0.1 in host (little-endian) order */
	expect_addr(&s.v[0], false, "127.0.0.1");
	expect_addr(&s.v[0], true, "0.0.0.0");
	assert_int_equal(s.v[0].laddr[0], 127);
	assert_int_equal(s.v[0].laddr[3], 1);
	assert_int_equal(s.v[0].lport, 3306);
	assert_int_equal(s.v[0].rport, 0);
	assert_int_equal(s.v[0].state, 10);        /* LISTEN */
	assert_int_equal(s.v[0].uid, 105);
	assert_int_equal(s.v[0].inode, 12345);
	assert_int_equal(s.v[0].family, AF_INET);
	assert_int_equal(s.v[0].proto, IPPROTO_TCP);
	assert_int_equal(s.v[0].source, SOCK_SRC_PROCNET);
	assert_true(s.v[0].netns == 4026531999ULL);
	assert_false(s.v[0].has_bytes);

	expect_addr(&s.v[1], false, "10.0.2.15");
	expect_addr(&s.v[1], true, "192.168.2.2");
	assert_int_equal(s.v[1].lport, 0xa1b2);
	assert_int_equal(s.v[1].rport, 3333);
	assert_int_equal(s.v[1].state, 1);         /* ESTABLISHED */
	assert_int_equal(s.v[1].uid, 1000);
	assert_int_equal(s.v[1].inode, 67890);
}

static void
test_procnet_tcp6(void **state)
{
	static const char tcp6[] =
	    "  sl  local_address                         remote_address      "
	    "                  st tx_queue rx_queue tr tm->when retrnsmt   uid  "
	    "timeout inode\n"
	    "   0: 00000000000000000000000001000000:1F90 "
	    "00000000000000000000000000000000:0000 0A 00000000:00000000 "
	    "00:00000000 00000000     0        0 555 1 0000000000000000 100 0 0 "
	    "10 0\n"
	    "   1: 0000000000000000FFFF00000100007F:9C40 "
	    "0000000000000000FFFF00000100007F:1F90 01 00000000:00000000 "
	    "00:00000000 00000000    33        0 556 1 0000000000000000 20 4 "
	    "28 10 -1\n"
	    "   2: B80D0120000000000000000001000000:0016 "
	    "00000000000000000000000000000000:0000 0A 00000000:00000000 "
	    "00:00000000 00000000     0        0 557 1\n";
	struct socks s = { 0 };

	(void)state;
	assert_int_equal(sockparse_procnet(tcp6, sizeof(tcp6) - 1, AF_INET6,
	    IPPROTO_TCP, 1, emit, &s), RM_OK);
	assert_int_equal(s.n, 3);
	expect_addr(&s.v[0], false, "::1");
	expect_addr(&s.v[0], true, "::");
	assert_int_equal(s.v[0].lport, 8080);
	assert_int_equal(s.v[0].family, AF_INET6);
	assert_int_equal(s.v[0].inode, 555);
	expect_addr(&s.v[1], false, "::ffff:127.0.0.1");
	assert_int_equal(s.v[1].lport, 40000);
	assert_int_equal(s.v[1].rport, 8080);
	assert_int_equal(s.v[1].uid, 33);
	expect_addr(&s.v[2], false, "2001:db8::1");
	assert_int_equal(s.v[2].lport, 22);
}

static void
test_procnet_malformed_not_fatal(void **state)
{
	static const char text[] =
	    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
	    "retrnsmt   uid  timeout inode\n"
	    "   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 "
	    "00000000   105        0 111 1\n"
	    "   1: ZZZZZZZZ:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 "
	    "00000000   105        0 112 1\n"
	    "   2: 0100007F 00000000:0000 0A\n"
	    "   3: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 "
	    "00000000   abc        0 113 1\n"
	    "   4: 0100007F:0CEA 00000000:0000\n"
	    "\n"
	    "   5: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 "
	    "00000000     0        0 114 1\n"
	    "   6: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 "
	    "00000000     99999999999        0 115 1\n"
	    "   7: 0100007F:0051 00000000:0000 0A 00000000:00000000 00:00000000 "
	    "00000000     0        0 116";
	struct socks s = { 0 };

	(void)state;
	assert_int_equal(sockparse_procnet(text, sizeof(text) - 1, AF_INET,
	    IPPROTO_TCP, 1, emit, &s), RM_EPARSE);
	/* the good lines around the bad ones are all there */
	assert_int_equal(s.n, 3);
	assert_int_equal(s.v[0].inode, 111);
	assert_int_equal(s.v[1].inode, 114);
	assert_int_equal(s.v[1].lport, 80);
	assert_int_equal(s.v[2].inode, 116);   /* last line, no newline */

	/* header only, or nothing: no sockets, no error */
	s.n = 0;
	assert_int_equal(sockparse_procnet(tcp4,
	    (size_t)(strchr(tcp4, '\n') - tcp4) + 1,
	    AF_INET, IPPROTO_TCP, 1, emit, &s), RM_OK);
	assert_int_equal(sockparse_procnet("", 0, AF_INET, IPPROTO_TCP, 1,
	    emit, &s), RM_OK);
	assert_int_equal(s.n, 0);
	/* an IPv4 file read as IPv6 is malformed, not misread */
	assert_int_equal(sockparse_procnet(tcp4, sizeof(tcp4) - 1, AF_INET6,
	    IPPROTO_TCP, 1, emit, &s), RM_EPARSE);
	assert_int_equal(s.n, 0);
}

static void
test_procnet_emit_stops(void **state)
{
	struct socks s = { .stop_at = 1 };

	(void)state;
	assert_int_equal(sockparse_procnet(tcp4, sizeof(tcp4) - 1, AF_INET,
	    IPPROTO_UDP, 1, emit, &s), RM_OK);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.v[0].proto, IPPROTO_UDP);
}

/* ---- sock_diag ----------------------------------------------------------- */

struct nlbuf {
	unsigned char b[8192];
	size_t len;
};

/* Append a netlink message with payload p (n bytes); returns its offset. */
static size_t
nl_add(struct nlbuf *nb, uint16_t type, const void *p, size_t n)
{
	struct nlmsghdr h;
	size_t off = nb->len;

	memset(&h, 0, sizeof(h));
	h.nlmsg_len = (uint32_t)NLMSG_LENGTH(n);
	h.nlmsg_type = type;
	h.nlmsg_flags = NLM_F_MULTI;
	h.nlmsg_seq = 1;
	assert_true(off + NLMSG_ALIGN(h.nlmsg_len) <= sizeof(nb->b));
	memset(nb->b + off, 0, NLMSG_ALIGN(h.nlmsg_len));
	memcpy(nb->b + off, &h, sizeof(h));
	if (n)
		memcpy(nb->b + off + NLMSG_HDRLEN, p, n);
	nb->len += NLMSG_ALIGN(h.nlmsg_len);
	return off;
}

/* An inet_diag_msg, optionally followed by an INET_DIAG_INFO attribute
 * holding ilen bytes of a tcp_info (0: no attribute). */
static void
nl_add_sock(struct nlbuf *nb, int family, const char *src, uint16_t sport,
	    const char *dst, uint16_t dport, uint8_t st, uint32_t uid,
	    uint32_t ino, size_t ilen, uint64_t rx, uint64_t acked)
{
	unsigned char payload[1024];
	struct inet_diag_msg m;
	size_t n;

	memset(&m, 0, sizeof(m));
	m.idiag_family = (uint8_t)family;
	m.idiag_state = st;
	m.id.idiag_sport = htons(sport);
	m.id.idiag_dport = htons(dport);
	inet_pton(family == AF_INET6 ? AF_INET6 : AF_INET, src,
	    m.id.idiag_src);
	inet_pton(family == AF_INET6 ? AF_INET6 : AF_INET, dst,
	    m.id.idiag_dst);
	m.idiag_uid = uid;
	m.idiag_inode = ino;
	memset(payload, 0, sizeof(payload));
	memcpy(payload, &m, sizeof(m));
	n = NLMSG_ALIGN(sizeof(m));
	if (ilen) {
		struct rtattr a;
		struct tcp_info ti;

		memset(&ti, 0, sizeof(ti));
		ti.tcpi_bytes_received = rx;
		ti.tcpi_bytes_acked = acked;
		a.rta_type = INET_DIAG_INFO;
		a.rta_len = (unsigned short)RTA_LENGTH(ilen);
		memcpy(payload + n, &a, sizeof(a));
		memcpy(payload + n + RTA_LENGTH(0), &ti,
		    ilen < sizeof(ti) ? ilen : sizeof(ti));
		n += RTA_ALIGN(a.rta_len);
	}
	nl_add(nb, SOCK_DIAG_BY_FAMILY, payload, n);
}

static void
test_diag_messages(void **state)
{
	struct nlbuf nb = { .len = 0 };
	struct socks s = { 0 };
	bool done = true;

	(void)state;
	nl_add_sock(&nb, AF_INET, "10.0.0.5", 44444, "203.0.113.9", 3333,
	    ST_ESTABLISHED, 1000, 9001, sizeof(struct tcp_info), 123456789,
	    4242);
	nl_add_sock(&nb, AF_INET6, "::1", 8080, "::", 0, ST_LISTEN, 0, 9002,
	    0, 0, 0);
	assert_int_equal(sockparse_diag(nb.b, nb.len, 77, IPPROTO_TCP, emit,
	    &s, &done), RM_OK);
	assert_false(done);     /* no NLMSG_DONE yet: read more */
	assert_int_equal(s.n, 2);
	expect_addr(&s.v[0], false, "10.0.0.5");
	expect_addr(&s.v[0], true, "203.0.113.9");
	assert_int_equal(s.v[0].lport, 44444);
	assert_int_equal(s.v[0].rport, 3333);
	assert_int_equal(s.v[0].state, ST_ESTABLISHED);
	assert_int_equal(s.v[0].uid, 1000);
	assert_int_equal(s.v[0].inode, 9001);
	assert_true(s.v[0].has_bytes);
	assert_int_equal(s.v[0].bytes_received, 123456789);
	assert_int_equal(s.v[0].bytes_acked, 4242);
	assert_int_equal(s.v[0].source, SOCK_SRC_DIAG);
	assert_int_equal(s.v[0].netns, 77);
	/* without INET_DIAG_INFO: no byte counters */
	expect_addr(&s.v[1], false, "::1");
	assert_int_equal(s.v[1].family, AF_INET6);
	assert_int_equal(s.v[1].lport, 8080);
	assert_false(s.v[1].has_bytes);
	assert_int_equal(s.v[1].bytes_received, 0);
}

static void
test_diag_short_info_and_udp(void **state)
{
	struct nlbuf nb = { .len = 0 };
	struct socks s = { 0 };
	bool done;

	(void)state;
	/* an old kernel's tcp_info, too short to hold the byte counters */
	nl_add_sock(&nb, AF_INET, "1.2.3.4", 1, "5.6.7.8", 2, 1, 0, 1, 64, 5,
	    6);
	assert_int_equal(sockparse_diag(nb.b, nb.len, 1, IPPROTO_TCP, emit, &s,
	    &done), RM_OK);
	assert_int_equal(s.n, 1);
	assert_false(s.v[0].has_bytes);
	/* INET_DIAG_INFO is only tcp_info for TCP */
	nb.len = 0;
	s.n = 0;
	nl_add_sock(&nb, AF_INET, "1.2.3.4", 53, "0.0.0.0", 0, 7, 0, 2,
	    sizeof(struct tcp_info), 5, 6);
	assert_int_equal(sockparse_diag(nb.b, nb.len, 1, IPPROTO_UDP, emit, &s,
	    &done), RM_OK);
	assert_int_equal(s.n, 1);
	assert_false(s.v[0].has_bytes);
	assert_int_equal(s.v[0].proto, IPPROTO_UDP);
}

static void
test_diag_done_and_error(void **state)
{
	struct nlbuf nb = { .len = 0 };
	struct socks s = { 0 };
	struct nlmsgerr e;
	bool done = false;
	int zero = 0;

	(void)state;
	nl_add_sock(&nb, AF_INET, "127.0.0.1", 22, "0.0.0.0", 0, 10, 0, 5, 0,
	    0, 0);
	nl_add(&nb, NLMSG_DONE, &zero, sizeof(zero));
	/* anything after DONE is not parsed */
	nl_add_sock(&nb, AF_INET, "127.0.0.1", 23, "0.0.0.0", 0, 10, 0, 6, 0,
	    0, 0);
	assert_int_equal(sockparse_diag(nb.b, nb.len, 1, IPPROTO_TCP, emit, &s,
	    &done), RM_OK);
	assert_true(done);
	assert_int_equal(s.n, 1);

	nb.len = 0;
	s.n = 0;
	memset(&e, 0, sizeof(e));
	e.error = -EPERM;
	nl_add(&nb, NLMSG_ERROR, &e, sizeof(e));
	done = false;
	errno = 0;
	assert_int_equal(sockparse_diag(nb.b, nb.len, 1, IPPROTO_TCP, emit, &s,
	    &done), RM_ESYS);
	assert_int_equal(errno, EPERM);
	assert_true(done);
	assert_int_equal(s.n, 0);

	/* an NLMSG_ERROR too short for struct nlmsgerr */
	nb.len = 0;
	nl_add(&nb, NLMSG_ERROR, &zero, sizeof(zero));
	assert_int_equal(sockparse_diag(nb.b, nb.len, 1, IPPROTO_TCP, emit, &s,
	    &done), RM_EPARSE);
}

static void
test_diag_bad_framing(void **state)
{
	struct nlbuf nb = { .len = 0 };
	struct socks s = { 0 };
	struct nlmsghdr h;
	bool done;

	(void)state;
	nl_add_sock(&nb, AF_INET, "127.0.0.1", 22, "0.0.0.0", 0, 10, 0, 5, 0,
	    0, 0);
	/* nlmsg_len larger than what was received */
	memcpy(&h, nb.b, sizeof(h));
	h.nlmsg_len = (uint32_t)nb.len + 100;
	memcpy(nb.b, &h, sizeof(h));
	assert_int_equal(sockparse_diag(nb.b, nb.len, 1, IPPROTO_TCP, emit, &s,
	    &done), RM_EPARSE);
	/* the buffer cut in the middle of a message */
	h.nlmsg_len = (uint32_t)nb.len;
	memcpy(nb.b, &h, sizeof(h));
	assert_int_equal(sockparse_diag(nb.b, nb.len - 8, 1, IPPROTO_TCP, emit,
	    &s, &done), RM_EPARSE);
	/* nlmsg_len smaller than the header itself */
	h.nlmsg_len = 4;
	memcpy(nb.b, &h, sizeof(h));
	assert_int_equal(sockparse_diag(nb.b, nb.len, 1, IPPROTO_TCP, emit, &s,
	    &done), RM_EPARSE);
	/* 0xffffffff cannot wrap the bounds check */
	h.nlmsg_len = UINT32_MAX;
	memcpy(nb.b, &h, sizeof(h));
	assert_int_equal(sockparse_diag(nb.b, nb.len, 1, IPPROTO_TCP, emit, &s,
	    &done), RM_EPARSE);
	assert_int_equal(s.n, 0);
	/* an empty read is no socket and no error */
	assert_int_equal(sockparse_diag(nb.b, 0, 1, IPPROTO_TCP, emit, &s,
	    &done), RM_OK);
	assert_false(done);
}

static void
test_diag_skips_unknown(void **state)
{
	struct nlbuf nb = { .len = 0 };
	struct socks s = { 0 };
	char junk[8] = "junk";
	bool done;

	(void)state;
	/* another message type, a short SOCK_DIAG message, a unix socket */
	nl_add(&nb, 0x123, junk, sizeof(junk));
	nl_add(&nb, SOCK_DIAG_BY_FAMILY, junk, sizeof(junk));
	nl_add_sock(&nb, AF_UNIX, "0.0.0.0", 0, "0.0.0.0", 0, 1, 0, 8, 0, 0,
	    0);
	nl_add_sock(&nb, AF_INET, "127.0.0.1", 25, "0.0.0.0", 0, 10, 0, 9, 0,
	    0, 0);
	assert_int_equal(sockparse_diag(nb.b, nb.len, 1, IPPROTO_TCP, emit, &s,
	    &done), RM_OK);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.v[0].inode, 9);
}

/* A bogus attribute length stops the attribute walk, not the socket. */
static void
test_diag_bad_attribute(void **state)
{
	struct nlbuf nb = { .len = 0 };
	struct socks s = { 0 };
	struct rtattr a;
	size_t aoff;
	bool done;

	(void)state;
	nl_add_sock(&nb, AF_INET, "127.0.0.1", 25, "0.0.0.0", 0, 10, 0, 9,
	    sizeof(struct tcp_info), 1, 2);
	aoff = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct inet_diag_msg));
	memcpy(&a, nb.b + aoff, sizeof(a));
	a.rta_len = 60000;
	memcpy(nb.b + aoff, &a, sizeof(a));
	assert_int_equal(sockparse_diag(nb.b, nb.len, 1, IPPROTO_TCP, emit, &s,
	    &done), RM_OK);
	assert_int_equal(s.n, 1);
	assert_false(s.v[0].has_bytes);
	a.rta_len = 2;
	memcpy(nb.b + aoff, &a, sizeof(a));
	s.n = 0;
	assert_int_equal(sockparse_diag(nb.b, nb.len, 1, IPPROTO_TCP, emit, &s,
	    &done), RM_OK);
	assert_int_equal(s.n, 1);
}

static void
test_sock_state_names(void **state)
{
	struct sock k;

	(void)state;
	memset(&k, 0, sizeof(k));
	k.proto = IPPROTO_TCP;
	k.state = ST_LISTEN;
	assert_string_equal(out_sock_state(&k), "LISTEN");
	k.state = ST_ESTABLISHED;
	assert_string_equal(out_sock_state(&k), "ESTABLISHED");
	k.state = 200;
	assert_string_equal(out_sock_state(&k), "UNKNOWN");
	k.proto = IPPROTO_UDP;
	k.state = 7;
	assert_string_equal(out_sock_state(&k), "UNCONN");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_procnet_tcp4),
		cmocka_unit_test(test_procnet_tcp6),
		cmocka_unit_test(test_procnet_malformed_not_fatal),
		cmocka_unit_test(test_procnet_emit_stops),
		cmocka_unit_test(test_diag_messages),
		cmocka_unit_test(test_diag_short_info_and_udp),
		cmocka_unit_test(test_diag_done_and_error),
		cmocka_unit_test(test_diag_bad_framing),
		cmocka_unit_test(test_diag_skips_unknown),
		cmocka_unit_test(test_diag_bad_attribute),
		cmocka_unit_test(test_sock_state_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
