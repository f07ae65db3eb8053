/*
 * yara_scan.h - scan files, executables and process memory with YARA rules
 * (yara_load.h), in parallel, into the snapshot's yara_hits.
 *
 * A session starts worker threads (each with its own libyara scanner and
 * read buffer); the caller queues targets - trees, open files, processes -
 * from one thread, and yscan_finish() waits for the workers and files
 * what they found.  Files are read with read(2) into a reused buffer (no
 * mmap: a page fault per 4 KiB costs more than the copy on a VM), at most
 * max_size bytes; device nodes, FIFOs and sockets are never opened, other
 * filesystems are not entered unless asked, links are not followed.
 * Every cap and every time budget that cut the pass short is recorded with
 * snapshot_skip().
 */
#ifndef RM_YARA_SCAN_H
#define RM_YARA_SCAN_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "../core/facts.h"
#include "yara_load.h"

struct yara_scan_opts {
	uint64_t max_size;         /* bytes read per file (bigger: skipped) */
	unsigned threads;          /* 0: one per CPU, at most 4 */
	int timeout;               /* seconds per file or process; 0: 10 */
	bool all_files;            /* no content-type skips (compressed
				    * archives, images, fonts, databases) */
	bool cross_fs;             /* walk into other filesystems */
	uint64_t budget_ms;        /* stop queueing after this; 0: none */
	uint64_t walk_files;       /* files per tree; 0: no cap */
	uint64_t walk_bytes;       /* bytes per tree; 0: no cap */
	bool progress;             /* files scanned, on stderr */
	const char *const *exclude; /* host paths not scanned (nor below) */
	size_t nexclude;
	bool user_paths;           /* yscan_tree paths are the user's: taken
				    * from the working directory, a link
				    * named itself followed (not inside) */
};

struct yscan;

/* Start a session on s with the rules in rs (both outlive it).  NULL when
 * the rules are empty or libyara cannot make a scanner (noted). */
struct yscan *yscan_start(struct snapshot *s, const struct yara_ruleset *rs,
			  const struct yara_scan_opts *o);

/* Queue every regular file under path (inside s->rootfd), depth first,
 * a directory's files before its subdirectories.  top_only: only the
 * files directly in path and its hidden subdirectories (a home).  A path
 * that is a regular file is queued itself.  Returns rm_err for a path
 * that cannot be opened (RM_ENOENT: absent). */
int yscan_tree(struct yscan *y, const char *path, bool top_only);

/* Queue an open file (taken over; closed by the worker). */
void yscan_fd(struct yscan *y, int fd, const char *path, uint8_t target,
	      pid_t pid, uint32_t nprocs);

/* The executable of every process (one scan per image), live only. */
void yscan_executables(struct yscan *y, int procfd);

/* The private anonymous memory of process p (capped), live only. */
void yscan_memory(struct yscan *y, int procfd, const struct proc *p);

/* snapshot_skip() for the caller while the session runs (the workers
 * file notes too). */
void yskip(struct yscan *y, const char *check, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Wait for the workers, file the hits and the statistics, free y. */
void yscan_finish(struct yscan *y);

/* The default targets of `scan --yara`: executables, then memory of
 * mem_pids, then /tmp, /var/tmp, /dev/shm, hidden directories under /,
 * homes (top and hidden dirs), cron and systemd directories, web roots. */
void yara_scan_host(struct snapshot *s, const struct yara_ruleset *rs,
		    const struct yara_scan_opts *o, int procfd,
		    const pid_t *mem_pids, size_t nmem);

#endif
