/*
 * ioc.h - indicator lists: pool ports, pool domains, miner strings.
 *
 * The lists are data files under rules/ (pool-ports.txt, pools.txt,
 * miner-strings.txt, rootkit-modules.txt).  Their built-in copies are compiled into the binary
 * (ioc_data.c), so a static binary copied to a suspect host needs no data
 * files; users extend them with files of the same names in
 * /etc/rookmelder/ or a --rules-dir.  Extensions add, they never remove.
 *
 * ioc_scan() is a multi-pattern byte matcher over the miner strings (a
 * first-byte table, then memcmp), used on executables, process memory and
 * config files.  Strings are matched case-sensitively, as written.
 */
#ifndef RM_IOC_H
#define RM_IOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ioc_weight { IOC_WEAK = 1, IOC_STRONG = 2 };

/* The longest byte string a list may hold (a scanner of chunked streams
 * relies on it). */
#define IOC_STRING_MAX 256

struct ioc_string {
	const char *s;             /* bytes, not NUL-terminated inside */
	size_t len;
	enum ioc_weight weight;
	bool name;                 /* names a miner program ("name" lines) */
	uint32_t id;               /* index in ioc.strings */
};

struct ioc {
	uint8_t ports[65536 / 8];  /* bitmap of pool ports */
	char **domains;            /* lower case, sorted */
	size_t ndomains;
	struct ioc_string *strings;
	size_t nstrings;
	/* matcher: strings grouped by their first byte */
	uint32_t *by_first;        /* indexes into strings */
	uint32_t first_off[257];
	size_t min_len;
	/* rootkit-modules.txt: names normalised (lower case, '-' -> '_'),
	 * a trailing '*' a prefix pattern */
	char **rk_mods, **good_mods;
	size_t nrk_mods, ngood_mods;
	char *sources;             /* "built-in, /etc/rookmelder/pools.txt" */
	uint32_t bad_lines;        /* unparsable lines in user files */
};

/*
 * Load the built-in lists, then the files in each of dirs (NULL-terminated,
 * may be NULL; missing files are fine).  A user file that is not a regular
 * file owned by root (or the current user) and writable only by its owner
 * is ignored and reported in *warn (malloc'd, caller frees; NULL if none),
 * because a list that an attacker can edit is a list that hides them.
 */
int ioc_load(struct ioc *io, const char *const *dirs, char **warn);
void ioc_free(struct ioc *io);

bool ioc_pool_port(const struct ioc *io, uint16_t port);
/* The list entry name matches (equal, or a parent domain), or NULL. */
const char *ioc_pool_domain(const struct ioc *io, const char *name);

/* Kernel module names: a known rootkit's, or an expected out-of-tree
 * driver's (rootkit-modules.txt).  The list entry that matched, or NULL. */
const char *ioc_rootkit_module(const struct ioc *io, const char *name);
const char *ioc_good_module(const struct ioc *io, const char *name);

/* Calls hit for every occurrence of every string in buf.  Returns the
 * number of hits; stops early when hit returns non-zero. */
typedef int ioc_hit_fn(const struct ioc_string *str, size_t off, void *arg);
size_t ioc_scan(const struct ioc *io, const void *buf, size_t n,
		ioc_hit_fn *hit, void *arg);

/* Parsers of the three formats (exposed for tests and fuzzing); each
 * returns the number of lines it could not parse. */
uint32_t ioc_parse_ports(struct ioc *io, const char *text, size_t n);
uint32_t ioc_parse_domains(struct ioc *io, const char *text, size_t n);
uint32_t ioc_parse_strings(struct ioc *io, const char *text, size_t n);
uint32_t ioc_parse_kmods(struct ioc *io, const char *text, size_t n);
/* Add one string (copied; len bytes, may hold any byte; a caller keeps
 * len <= IOC_STRING_MAX). */
void ioc_add_string(struct ioc *io, const char *s, size_t len,
		    enum ioc_weight w);
/* Build the matcher after the last string was added. */
void ioc_finish(struct ioc *io);

/* The built-in copies of the rules/ files (ioc_data.c, veiled there),
 * NUL-terminated clear text, decoded on first use and kept. */
enum ioc_builtin_list {
	IOC_BUILTIN_POOL_PORTS, IOC_BUILTIN_POOLS, IOC_BUILTIN_MINER_STRINGS,
	IOC_BUILTIN_ROOTKIT_MODULES, IOC_BUILTIN_AGENTS,
};
const char *ioc_builtin(enum ioc_builtin_list which);

#endif
