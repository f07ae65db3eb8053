/*
 * fuzz_sock_diag.c - sockparse_diag() on one recv() of NETLINK_SOCK_DIAG
 * replies.  The kernel writes these, but the parser must survive any
 * framing: lengths that lie, truncated attributes, unknown families.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "collect/sock_parse.h"
#include "core/err.h"
#include "core/limits.h"
#include "fuzz.h"

#define NETNS 4026531840ull

struct run {
	uint8_t proto;
	size_t nemit, stop_after;
};

static int
emit(const struct sock *k, void *arg)
{
	struct run *r = arg;
	char addr[INET6_ADDRSTRLEN];

	FUZZ_CHECK(k->family == AF_INET || k->family == AF_INET6);
	FUZZ_CHECK(k->proto == r->proto && k->netns == NETNS);
	FUZZ_CHECK(k->source == SOCK_SRC_DIAG);
	FUZZ_CHECK(!k->has_bytes || r->proto == IPPROTO_TCP);
	FUZZ_CHECK(k->nowners == 0);
	sock_addr_str(k, false, addr, sizeof(addr));
	FUZZ_CHECK(memchr(addr, '\0', sizeof(addr)) != NULL);
	sock_addr_str(k, true, addr, sizeof(addr));
	FUZZ_CHECK(memchr(addr, '\0', sizeof(addr)) != NULL);
	r->nemit++;
	return r->stop_after && r->nemit >= r->stop_after;
}

static void
parse(const char *buf, size_t size, uint8_t proto, size_t stop_after)
{
	struct run r = { .proto = proto, .stop_after = stop_after };
	bool done = true;
	int ret;

	ret = sockparse_diag(buf, size, NETNS, proto, emit, &r, &done);
	FUZZ_CHECK(ret == RM_OK || ret == RM_EPARSE || ret == RM_ESYS);
	if (ret == RM_ESYS)
		FUZZ_CHECK(done);
	if (stop_after)
		FUZZ_CHECK(r.nemit <= stop_after);
	/* each message needs at least a header and an inet_diag_msg */
	FUZZ_CHECK(r.nemit <= size / 88);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf;

	if (size > RM_NETLINK_BUF)
		return 0;
	buf = fuzz_dup(data, size);
	parse(buf, size, IPPROTO_TCP, 0);
	parse(buf, size, IPPROTO_UDP, 0);
	parse(buf, size, IPPROTO_TCP, 1);
	free(buf);
	return 0;
}
