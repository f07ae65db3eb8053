/*
 * mine_parse.h - find what a miner cannot avoid carrying: stratum message
 * shapes and miner strings in a byte stream (process memory, executable,
 * config file, command line), and pull out the agent, the login (wallet),
 * the pool URL and the algorithm.  Pure: bytes in, facts out.
 *
 * The stream arrives in chunks; the caller starts each chunk with the
 * last MINESCAN_OVERLAP bytes of the one before, so a match across a
 * boundary is seen whole, and says whether another chunk follows: a
 * protocol match whose context (the JSON object around it, its value)
 * may run past the end of a chunk is left to the next one.  The result
 * is the same however the stream is cut.  Feeding the same bytes twice
 * changes nothing: strings are counted once (up to 512 distinct ones),
 * shapes are bits, the first value (in stream order) wins.
 */
#ifndef RM_MINE_PARSE_H
#define RM_MINE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/ioc.h"

#define MINESCAN_OVERLAP 4096
#define MINESCAN_VAL 160

/* A matcher over the user's miner strings plus the stratum protocol
 * patterns.  Build once per scan; ids below nuser are miner strings. */
struct minescan_set {
	struct ioc io;
	uint32_t nuser;
};

int minescan_set_init(struct minescan_set *set, const struct ioc *user);
void minescan_set_free(struct minescan_set *set);

struct minescan {
	const struct minescan_set *set;
	uint8_t seen[64];            /* miner string ids seen (bitset) */
	uint32_t strong, weak;
	uint32_t names;              /* of them, names of miner programs */
	const char *keep[12];        /* first distinct strings (set-owned) */
	uint32_t nkeep;
	unsigned stratum;            /* enum stratum_shape (facts.h) */
	unsigned raw;                /* internal: blob, job_id, target */
	char agent[MINESCAN_VAL], login[MINESCAN_VAL], url[MINESCAN_VAL];
	char algo[64], user[MINESCAN_VAL], auth[MINESCAN_VAL];
};

void minescan_init(struct minescan *m, const struct minescan_set *set);
/* Scan buf, one chunk of the stream; more: another chunk follows. */
void minescan_feed(struct minescan *m, const char *buf, size_t n, bool more);
/* Derive the composite shapes (a job needs a blob and a job id or
 * target). */
void minescan_finish(struct minescan *m);

/* A Monero address (standard, subaddress or integrated), possibly followed
 * by ".worker" or "+difficulty": true and the address length. */
bool mine_is_wallet(const char *s, size_t n, size_t *addrlen);

/* From argv joined by spaces: the pool (-o/--url value or a stratum URL)
 * and the user (-u/--user value, or a wallet-shaped token).  Outputs are
 * NUL-terminated, capped at outlen. */
void mine_parse_argv(const char *cmdline, char *pool, size_t poollen,
		     char *user, size_t userlen);

#endif
