/*
 * procnet_run.h - the harness the /proc/net table targets share
 * (fuzz_sock_procnet.c, fuzz_rawsock.c): one parse of the input as one
 * family (and protocol), whole or stopping after a few sockets, with the
 * checks every table parser owes whatever its rows are: a known return,
 * at most one socket per line, no socket past the stop.  The target's
 * emit callback checks the socket itself and ends with
 * procnet_emitted().
 */
#ifndef RM_FUZZ_PROCNET_RUN_H
#define RM_FUZZ_PROCNET_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "fuzz.h"

#define PROCNET_NETNS 4026531841ull  /* the netns every parse is given */

struct procnet_run {
	int family;                /* what the parser was asked to read */
	uint8_t proto;             /* sock_procnet: IPPROTO_TCP/UDP */
	size_t nemit;              /* sockets emitted */
	size_t stop_after;         /* emit stops the parse after this many
				    * (0: never) */
};

/* Count one socket; nonzero (stop) once stop_after are counted. */
static inline int
procnet_emitted(struct procnet_run *r)
{
	r->nemit++;
	return r->stop_after && r->nemit >= r->stop_after;
}

/* After a parse of buf[0..size) that returned ret. */
static inline void
procnet_check(const struct procnet_run *r, int ret, const char *buf,
	      size_t size)
{
	size_t lines = 0;

	FUZZ_CHECK(ret == RM_OK || ret == RM_EPARSE);
	/* at most one socket per line, and the first line is the header */
	for (size_t i = 0; i < size; i++)
		lines += buf[i] == '\n';
	FUZZ_CHECK(r->nemit <= lines);
	if (r->stop_after)
		FUZZ_CHECK(r->nemit <= r->stop_after);
}

#endif
