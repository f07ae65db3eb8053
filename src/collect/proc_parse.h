/*
 * proc_parse.h - parsers for /proc/PID files.  Pure functions over bytes:
 * no I/O, so they are unit-tested and fuzzed directly.
 *
 * Input is hostile: a process chooses its comm (up to 15 bytes of anything
 * but NUL, including ')' and newlines), its argv and its environment.
 */
#ifndef RM_PROC_PARSE_H
#define RM_PROC_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct stat_fields {
	const char *comm;          /* points into the input; not terminated */
	size_t comm_len;
	char state;
	int64_t ppid;
	uint32_t flags;
	uint64_t utime, stime;
	uint64_t cutime, cstime;   /* reaped children (fields 16, 17) */
	int64_t nice;
	uint64_t threads;
	uint64_t start_ticks;
	uint64_t vsize;            /* bytes */
	int64_t rss_pages;
};

/* Parse /proc/PID/stat.  comm is taken between the first '(' and the
 * *last* ')' (htop), so a comm holding ") R 1" cannot shift fields.
 * Returns RM_OK or RM_EPARSE. */
int procparse_stat(const char *buf, size_t len, struct stat_fields *out);

struct status_fields {
	bool has_uid, has_gid;
	uint32_t ruid, euid, rgid, egid;
	uint64_t rss_kb, hugetlb_kb;
};

/* Parse the lines of /proc/PID/status that rookmelder uses. */
int procparse_status(const char *buf, size_t len, struct status_fields *out);

/*
 * From /proc/PID/cgroup pick the path to report: the unified "0::" line if
 * it is not "/", else the first non-root v1 path, else "/".  *path points
 * into buf.  cid (65 bytes) gets a container id: the last run of exactly
 * 64 hex digits in any line's path, or "" if none.
 */
int procparse_cgroup(const char *buf, size_t len, const char **path,
		     size_t *plen, char cid[65]);

/* A mapping of /proc/PID/maps worth reading for miner traces. */
struct maps_region {
	uint64_t start, end;
	int rank;                  /* 0 heap, 1 writable, 2 read-only/exec */
};

/* Private anonymous readable mappings of a maps file ([heap], [anon:..]
 * or unnamed), at most max, skipping regions larger than skip_over.
 * Lines are parsed one at a time; malformed ones are skipped. */
size_t procparse_maps(const char *buf, size_t len, uint64_t skip_over,
		      struct maps_region *v, size_t max);

/* Parse the inode out of a namespace link text "net:[4026531840]". */
bool procparse_ns_link(const char *s, uint64_t *ino);

/* Parse "socket:[12345]"; true and *ino for a socket fd link. */
bool procparse_socket_link(const char *s, uint64_t *ino);

/* True for /dev/cpu/<N>/msr. */
bool procparse_is_msr(const char *s);

/*
 * Streaming scanner for /proc/PID/cmdline: keeps the first keep bytes of
 * argv joined by spaces and counts arguments.
 */
struct cmdscan {
	char *out;                 /* caller-provided, keep + 1 bytes */
	size_t keep, len;
	size_t argv0_len;          /* bytes of argv[0] within out */
	bool in_argv0;
	uint32_t argc;
	bool pending_arg;          /* bytes seen since the last NUL */
};
void cmdscan_init(struct cmdscan *c, char *out, size_t keep);
void cmdscan_feed(struct cmdscan *c, const char *p, size_t n);
void cmdscan_finish(struct cmdscan *c);

/* True for environment variable names rookmelder keeps: the dynamic
 * linker's (LD_PRELOAD, LD_AUDIT, LD_LIBRARY_PATH), HISTFILE, and names
 * that look like credentials (AWS_SECRET_ACCESS_KEY, *_TOKEN, ...). */
bool procparse_env_interesting(const char *name, size_t n);

/*
 * Streaming scanner for /proc/PID/environ.  Entries may cross chunk
 * boundaries.  Names longer than ENVSCAN_NAME_MAX are never interesting.
 * For each kept variable cb is called with the name, the first `keep`
 * bytes of the value and its full length.
 */
#define ENVSCAN_NAME_MAX 128
typedef void envscan_fn(const char *name, size_t nlen, const char *val,
			size_t vkept, size_t vlen, void *arg);
struct envscan {
	char name[ENVSCAN_NAME_MAX + 1];
	size_t nlen;
	bool name_overflow, in_value;
	bool wanted;               /* the current name is interesting */
	char *val;                 /* caller-provided, keep bytes */
	size_t keep, vkept, vlen;
	envscan_fn *cb;
	void *arg;
};
void envscan_init(struct envscan *e, char *valbuf, size_t keep,
		  envscan_fn *cb, void *arg);
void envscan_feed(struct envscan *e, const char *p, size_t n);
void envscan_finish(struct envscan *e);

#endif
