/*
 * fuzz_rawsock.c - rawparse_inet() on /proc/net/raw and raw6 text (read
 * as IPv4 and IPv6) and rawparse_packet() on /proc/net/packet text, then
 * the protocol names of everything parsed.  A process in the namespace
 * can fill these tables with as many sockets as it likes.
 */
#include <netinet/in.h>
#include <sys/socket.h>

#include "collect/rawsock_parse.h"
#include "core/err.h"
#include "fuzz.h"

#define NETNS 4026531841ull

struct run {
	int family;
	size_t nemit, stop_after;
};

static int
emit(const struct raw_sock *k, void *arg)
{
	struct run *r = arg;
	char b[16];
	const char *n;

	FUZZ_CHECK(k->family == r->family && k->netns == NETNS);
	FUZZ_CHECK(k->nowners == 0);
	if (k->family == AF_PACKET) {
		n = packet_proto_name(k->proto, b, sizeof(b));
	} else {
		FUZZ_CHECK(k->type == 0 && k->ifindex == 0);
		n = raw_proto_name(k->proto, b, sizeof(b));
	}
	FUZZ_CHECK(n != NULL && n[0] != '\0' && strlen(n) < sizeof(b));
	r->nemit++;
	return r->stop_after && r->nemit >= r->stop_after;
}

static void
parse(const char *buf, size_t size, int family, size_t stop_after)
{
	struct run r = { .family = family, .stop_after = stop_after };
	size_t lines = 0;
	int ret;

	if (family == AF_PACKET)
		ret = rawparse_packet(buf, size, NETNS, emit, &r);
	else
		ret = rawparse_inet(buf, size, family, NETNS, emit, &r);
	FUZZ_CHECK(ret == RM_OK || ret == RM_EPARSE);
	/* at most one socket per line after the header line */
	for (size_t i = 0; i < size; i++)
		lines += buf[i] == '\n';
	FUZZ_CHECK(r.nemit <= lines);
	if (stop_after)
		FUZZ_CHECK(r.nemit <= stop_after);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf;

	if (size > 65536)
		return 0;
	buf = fuzz_dup(data, size);
	parse(buf, size, AF_INET, 0);
	parse(buf, size, AF_INET6, 1);
	parse(buf, size, AF_PACKET, 0);
	parse(buf, size, AF_PACKET, 1);
	free(buf);
	return 0;
}
