/*
 * miner.h - is this process a cryptominer?  One assessment shared by the
 * mining detectors, so RM-MIN-001 (the process), RM-MIN-002 (host tuning,
 * only when no process explains it) and RM-MIN-004 (software installed on
 * purpose) agree.
 *
 * Evidence is counted by independent kind, because each kind alone has
 * look-alikes: CPU (compilers, compressors), a pool port (8080 is every
 * web app's), miner strings (librandomx in monerod), stratum text in
 * memory (a planted string).  A finding needs content evidence (what the
 * process carries or says) or kernel evidence (MSR writes); critical needs
 * three independent kinds, so no single planted artefact gets there.
 */
#ifndef RM_MINER_H
#define RM_MINER_H

#include <stdbool.h>

#include "../core/facts.h"

enum miner_signal {
	MS_CPU = 1 << 0,          /* burning CPU now */
	MS_POOL_PORT = 1 << 1,    /* established TCP to a pool port */
	MS_POOL_NAME = 1 << 2,    /* the peer or pool URL is a known pool */
	MS_STRATUM = 1 << 3,      /* stratum messages in its memory */
	MS_EXE = 1 << 4,          /* miner strings / packer in its binary */
	MS_CONFIG = 1 << 5,       /* a miner config beside it */
	MS_CMDLINE = 1 << 6,      /* pool, wallet or miner options in argv */
	MS_MSR = 1 << 7,          /* holds /dev/cpu/N/msr */
	MS_KMSG = 1 << 8,         /* the kernel logged its MSR writes */
	MS_HUGEPAGES = 1 << 9,    /* holds >= 1 GiB of huge pages */
	MS_DISGUISE = 1 << 10,    /* deleted/memfd/hidden exe, fake name */
};

enum miner_kind_bits {
	MK_BEHAVIOUR = 1 << 0,    /* CPU, pool port, huge pages */
	MK_NETWORK = 1 << 1,      /* a known pool's name */
	MK_MEMORY = 1 << 2,       /* stratum in memory */
	MK_ARTEFACT = 1 << 3,     /* binary, config, command line */
	MK_KERNEL = 1 << 4,       /* MSR device or kernel log */
	MK_EVASION = 1 << 5,      /* hides: fake kthread name, memfd/deleted */
};

struct miner_view {
	unsigned signals;         /* enum miner_signal */
	unsigned kinds;           /* enum miner_kind_bits */
	int score;
	const struct sock *pool;  /* the pool connection, if any */
	const char *pool_name;    /* its /etc/hosts name, or the URL's host */
	const struct msr_log *kmsg;
	bool sanctioned;          /* distro crypto software, undisguised */
	char host[256];           /* storage for a pool URL's host */
};

void miner_assess(const struct snapshot *s, const struct proc *p,
		  struct miner_view *v);

/* Enough for a RM-MIN-001 finding? */
bool miner_found(const struct miner_view *v);

/* Number of kinds set. */
int miner_nkinds(const struct miner_view *v);

/* Does any process of the snapshot assess as a miner? */
bool miner_any(const struct snapshot *s);

/* Names of the signals, for evidence: signals[i] -> "cpu", ... */
const char *miner_signal_name(unsigned bit);

#endif
