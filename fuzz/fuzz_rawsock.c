/*
 * fuzz_rawsock.c - rawparse_inet() on /proc/net/raw and raw6 text (read
 * as IPv4 and IPv6) and rawparse_packet() on /proc/net/packet text, then
 * the protocol names of everything parsed.  A process in the namespace
 * can fill these tables with as many sockets as it likes.
 */
#include <netinet/in.h>
#include <sys/socket.h>

#include "collect/rawsock_parse.h"
#include "procnet_run.h"

static int
emit(const struct raw_sock *k, void *arg)
{
	struct procnet_run *r = arg;
	char b[16];
	const char *n;

	FUZZ_CHECK(k->family == r->family && k->netns == PROCNET_NETNS);
	FUZZ_CHECK(k->nowners == 0);
	if (k->family == AF_PACKET) {
		n = packet_proto_name(k->proto, b, sizeof(b));
	} else {
		FUZZ_CHECK(k->type == 0 && k->ifindex == 0);
		n = raw_proto_name(k->proto, b, sizeof(b));
	}
	FUZZ_CHECK(n != NULL && n[0] != '\0' && strlen(n) < sizeof(b));
	return procnet_emitted(r);
}

static void
parse(const char *buf, size_t size, int family, size_t stop_after)
{
	struct procnet_run r = { .family = family, .stop_after = stop_after };
	int ret;

	if (family == AF_PACKET)
		ret = rawparse_packet(buf, size, PROCNET_NETNS, emit, &r);
	else
		ret = rawparse_inet(buf, size, family, PROCNET_NETNS, emit,
		    &r);
	procnet_check(&r, ret, buf, size);
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
