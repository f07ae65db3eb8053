/*
 * test_rawsock_parse.c - /proc/net/{raw,raw6,packet} parsers on real
 * kernel text and on hostile input.
 */
#include "testlib.h"
#include "collect/rawsock_parse.h"

struct got {
	struct raw_sock v[64];
	size_t n, stop;
};

static int
emit(const struct raw_sock *k, void *arg)
{
	struct got *g = arg;

	if (g->n < 64)
		g->v[g->n] = *k;
	g->n++;
	return g->stop && g->n >= g->stop;
}

static const char raw4[] =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
    "retrnsmt   uid  timeout inode ref pointer drops\n"
    "   1: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 "
    "00000000     0        0 41234 2 0000000000000000 0\n"
    " 255: 0100007F:00FF 00000000:0000 07 00000000:00000000 00:00000000 "
    "00000000  1000        0 41235 2 0000000000000000 0\n";

static const char raw6[] =
    "  sl  local_address                         remote_address          "
    "              st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
    " inode ref pointer drops\n"
    "  58: 00000000000000000000000000000000:003A "
    "00000000000000000000000000000000:0000 07 00000000:00000000 "
    "00:00000000 00000000     0        0 51234 2 0000000000000000 0\n";

static const char packet[] =
    "sk               RefCnt Type Proto  Iface R Rmem   User   Inode\n"
    "0000000000000000 3      3    0003   0     1 0      0      61234\n"
    "ffff8881053c2000 3      2    0800   2     1 0      101    61235 \n"
    "0000000000000000 3      3    88cc   3     0 0      0      61236\n";

static void
test_raw4(void **state)
{
	struct got g = { 0 };

	(void)state;
	assert_int_equal(rawparse_inet(raw4, sizeof(raw4) - 1, AF_INET, 7,
	    emit, &g), RM_OK);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.v[0].family, AF_INET);
	assert_int_equal(g.v[0].proto, 1);
	assert_int_equal(g.v[0].inode, 41234);
	assert_int_equal(g.v[0].netns, 7);
	assert_int_equal(g.v[1].proto, 255);
	assert_int_equal(g.v[1].uid, 1000);
	assert_int_equal(g.v[1].nowners, 0);
}

static void
test_raw6(void **state)
{
	struct got g = { 0 };

	(void)state;
	assert_int_equal(rawparse_inet(raw6, sizeof(raw6) - 1, AF_INET6, 7,
	    emit, &g), RM_OK);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.v[0].family, AF_INET6);
	assert_int_equal(g.v[0].proto, 58);
	assert_int_equal(g.v[0].inode, 51234);
	/* raw6 text read as IPv4 is malformed, never a socket */
	g.n = 0;
	assert_int_equal(rawparse_inet(raw6, sizeof(raw6) - 1, AF_INET, 7,
	    emit, &g), RM_EPARSE);
	assert_int_equal(g.n, 0);
	assert_int_equal(rawparse_inet(raw6, sizeof(raw6) - 1, AF_PACKET, 7,
	    emit, &g), RM_ENOTSUP);
}

static void
test_packet(void **state)
{
	struct got g = { 0 };

	(void)state;
	assert_int_equal(rawparse_packet(packet, sizeof(packet) - 1, 9, emit,
	    &g), RM_OK);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.v[0].family, AF_PACKET);
	assert_int_equal(g.v[0].type, SOCK_RAW);
	assert_int_equal(g.v[0].proto, 0x0003);
	assert_int_equal(g.v[0].ifindex, 0);
	assert_int_equal(g.v[0].inode, 61234);
	assert_int_equal(g.v[0].netns, 9);
	assert_int_equal(g.v[1].type, SOCK_DGRAM);
	assert_int_equal(g.v[1].proto, 0x0800);
	assert_int_equal(g.v[1].ifindex, 2);
	assert_int_equal(g.v[1].uid, 101);
	assert_int_equal(g.v[2].proto, 0x88cc);
}

static void
test_packet_hostile(void **state)
{
	static const char *const bad[] = {
		"h\n0000 3 3 0003 0 1 0 0\n",                 /* no inode */
		"h\nzzzz 3 3 0003 0 1 0 0 1\n",               /* sk not hex */
		"h\n0 3 3 10003 0 1 0 0 1\n",                 /* proto > 16 bits */
		"h\n0 3 256 0003 0 1 0 0 1\n",                /* type > 255 */
		"h\n0 3 3 0003 0 2 0 0 1\n",                  /* R not 0/1 */
		"h\n0 3 3 0003 0 1 0 4294967296 1\n",         /* uid > 32 bits */
		"h\n0 3 3 0003 0 1 0 0 99999999999999999999\n", /* overflow */
		"h\n0 3 3 0003 -1 1 0 0 1\n",                 /* negative */
		"h\n0 3 3 00x3 0 1 0 0 1\n",
		"h\n0 3 3 0003 0 1 0 0 1x\n",
	};
	struct got g = { 0 };

	(void)state;
	for (size_t i = 0; i < TL_NELEM(bad); i++) {
		g.n = 0;
		if (rawparse_packet(bad[i], strlen(bad[i]), 1, emit, &g) !=
		    RM_EPARSE || g.n != 0)
			fail_msg("accepted: %s", bad[i]);
	}
	/* empty, header only, blank lines, no final newline, CRLF */
	g.n = 0;
	assert_int_equal(rawparse_packet("", 0, 1, emit, &g), RM_OK);
	assert_int_equal(rawparse_packet("sk RefCnt\n", 10, 1, emit, &g),
	    RM_OK);
	assert_int_equal(rawparse_packet("h\n\n   \n0 1 3 3 0 1 0 0 5", 24, 1,
	    emit, &g), RM_OK);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.v[0].inode, 5);
	assert_int_equal(rawparse_packet("h\r\n0 1 3 3 0 1 0 0 6\r\n", 22, 1,
	    emit, &g), RM_OK);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.v[1].inode, 6);
	/* a bad line among good ones: the good ones still count */
	g.n = 0;
	assert_int_equal(rawparse_packet("h\n0 1 3 3 0 1 0 0 7\nbad\n"
	    "0 1 3 3 0 1 0 0 8\n", 42, 1, emit, &g), RM_EPARSE);
	assert_int_equal(g.n, 2);
	/* a NUL byte inside a line */
	g.n = 0;
	{
		static const char nul[] = "h\n0 1 3\0003 0 1 0 0 9\n";

		assert_int_equal(rawparse_packet(nul, sizeof(nul) - 1, 1, emit,
		    &g), RM_EPARSE);
	}
	assert_int_equal(g.n, 0);
}

static void
test_emit_stops(void **state)
{
	struct got g = { .stop = 1 };

	(void)state;
	assert_int_equal(rawparse_packet(packet, sizeof(packet) - 1, 9, emit,
	    &g), RM_OK);
	assert_int_equal(g.n, 1);
	g.n = 0;
	assert_int_equal(rawparse_inet(raw4, sizeof(raw4) - 1, AF_INET, 7,
	    emit, &g), RM_OK);
	assert_int_equal(g.n, 1);
}

static void
test_names(void **state)
{
	char b[16];

	(void)state;
	assert_string_equal(raw_proto_name(1, b, sizeof(b)), "icmp");
	assert_string_equal(raw_proto_name(255, b, sizeof(b)), "raw");
	assert_string_equal(raw_proto_name(200, b, sizeof(b)), "ip:200");
	assert_string_equal(packet_proto_name(3, b, sizeof(b)), "all");
	assert_string_equal(packet_proto_name(0x0806, b, sizeof(b)), "arp");
	assert_string_equal(packet_proto_name(0xbeef, b, sizeof(b)),
	    "0xbeef");
}

/* The collector on a fixture procfs: raw and packet tables read once
 * per namespace, owners from the fd sweep. */
static void
fx_proc(const char *d, int pid, const char *netns, const char *fd)
{
	tl_fx_pid(d, pid, "p", 1, 0, 10 + (unsigned)pid, 0);
	tl_fx_link(d, pid, "exe", "/usr/bin/p");
	tl_fx_link(d, pid, "ns/net", netns);
	tl_fx_link(d, pid, "ns/pid", "pid:[4026531836]");
	tl_fx_link(d, pid, "ns/mnt", "mnt:[4026531841]");
	if (fd)
		tl_fx_link(d, pid, "fd/3", fd);
}

static void
test_collect_fixture(void **state)
{
	char *d = tl_tmpdir();
	int procfd = tl_opendir(d);
	struct snapshot *s = tl_snap_new();
	const struct raw_sock *r;

	(void)state;
	fx_proc(d, 1, "net:[4026531999]", "socket:[41234]");
	fx_proc(d, 7, "net:[4026531999]", "socket:[61234]");
	fx_proc(d, 9, "net:[4026532777]", "socket:[51234]");
	tl_writes(d, "1/net/raw", raw4);
	tl_writes(d, "1/net/packet", packet);
	/* pid 7 shares pid 1's namespace: its tables are not read */
	tl_writes(d, "7/net/raw", raw4);
	tl_writes(d, "9/net/raw6", raw6);
	tl_writes(d, "9/net/packet", "sk RefCnt Type\nbroken line\n");
	assert_int_equal(proc_collect(s, procfd), RM_OK);
	assert_int_equal(sock_collect(s, procfd, true), RM_OK);
	assert_int_equal(s->nraw_socks, 2 + 3 + 1);
	assert_int_equal(s->nnetns, 2);
	assert_int_equal(s->netns[0].nraw, 5);
	assert_int_equal(s->netns[1].nraw, 1);
	assert_true(s->parse_errors >= 1);
	for (size_t i = 0; i < s->nraw_socks; i++) {
		r = &s->raw_socks[i];
		if (r->inode == 41234) {
			assert_int_equal(r->nowners, 1);
			assert_int_equal(r->owners[0], 1);
		} else if (r->inode == 61234) {
			assert_int_equal(r->family, AF_PACKET);
			assert_int_equal(r->owners[0], 7);
		} else if (r->inode == 51234) {
			assert_int_equal(r->owners[0], 9);
			assert_true(r->netns == 4026532777ULL);
		} else {
			assert_int_equal(r->nowners, 0);
		}
	}
	tl_snap_free(s);
	close(procfd);
	tl_rmrf(d);
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_raw4),
		cmocka_unit_test(test_raw6),
		cmocka_unit_test(test_packet),
		cmocka_unit_test(test_packet_hostile),
		cmocka_unit_test(test_emit_stops),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_collect_fixture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
