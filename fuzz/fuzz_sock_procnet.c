/*
 * fuzz_sock_procnet.c - sockparse_procnet() on /proc/net/{tcp,udp}[6]
 * text, read as IPv4 and as IPv6.  In a --root image or a namespace the
 * collector cannot enter, this text is all there is.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "collect/sock_parse.h"
#include "procnet_run.h"

static int
emit(const struct sock *k, void *arg)
{
	struct procnet_run *r = arg;
	char addr[INET6_ADDRSTRLEN];

	FUZZ_CHECK(k->family == r->family);
	FUZZ_CHECK(k->proto == r->proto && k->netns == PROCNET_NETNS);
	FUZZ_CHECK(k->source == SOCK_SRC_PROCNET && !k->has_bytes);
	if (r->family == AF_INET)
		for (int i = 4; i < 16; i++)
			FUZZ_CHECK(k->laddr[i] == 0 && k->raddr[i] == 0);
	sock_addr_str(k, false, addr, sizeof(addr));
	FUZZ_CHECK(memchr(addr, '\0', sizeof(addr)) != NULL);
	sock_addr_str(k, true, addr, sizeof(addr));
	FUZZ_CHECK(memchr(addr, '\0', sizeof(addr)) != NULL);
	return procnet_emitted(r);
}

static void
parse(const char *buf, size_t size, int family, uint8_t proto,
      size_t stop_after)
{
	struct procnet_run r = { .family = family, .proto = proto,
	    .stop_after = stop_after };

	procnet_check(&r, sockparse_procnet(buf, size, family, proto,
	    PROCNET_NETNS, emit, &r), buf, size);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf;

	if (size > 65536)
		return 0;
	buf = fuzz_dup(data, size);
	parse(buf, size, AF_INET, IPPROTO_TCP, 0);
	parse(buf, size, AF_INET6, IPPROTO_TCP, 0);
	parse(buf, size, AF_INET, IPPROTO_UDP, 1);
	parse(buf, size, AF_INET6, IPPROTO_UDP, 1);
	free(buf);
	return 0;
}
