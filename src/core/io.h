/*
 * io.h - bounded reads relative to directory fds.
 *
 * Nothing here builds "/proc/..." strings: callers hold a directory fd (a
 * /proc/PID dir, an image root) and name files relative to it, as htop
 * does.  Every read has a cap; callers learn whether data was cut off.
 * Functions return rm_err codes; ESRCH/ENOENT on a /proc/PID fd mean the
 * process is gone (RM_EGONE/RM_ENOENT).
 */
#ifndef RM_IO_H
#define RM_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Read fd to EOF into buf (cap bytes including the terminating NUL).
 * *len gets the byte count; *truncated (may be NULL) is set when the file
 * had more.  Retries EINTR.
 */
int io_read_fd(int fd, char *buf, size_t cap, size_t *len, bool *truncated);

/* openat(dirfd, name, O_RDONLY|O_NOFOLLOW|O_CLOEXEC) + io_read_fd. */
int io_read_at(int dirfd, const char *name, char *buf, size_t cap,
	       size_t *len, bool *truncated);

/*
 * Stream fd in chunks through cb (at most max bytes in all); used for
 * cmdline and environ, which a process can make huge.  cb returns 0 to go
 * on, non-zero to stop.  *total gets the bytes seen; *truncated is set when
 * max was reached before EOF.
 */
typedef int io_chunk_fn(const char *p, size_t n, void *arg);
int io_stream_at(int dirfd, const char *name, size_t max, io_chunk_fn *cb,
		 void *arg, size_t *total, bool *truncated);

/* readlinkat into buf (cap including NUL).  RM_ETOOBIG if it did not fit. */
int io_readlink_at(int dirfd, const char *name, char *buf, size_t cap,
		   size_t *len);

/*
 * Iterate a directory with the raw getdents64 system call (a libc readdir
 * hook from /etc/ld.so.preload cannot filter it).  cb gets each name but
 * "." and ".."; returning non-zero stops.  The fd's offset is rewound
 * first, so the same fd can be listed again.
 */
typedef int io_dirent_fn(const char *name, unsigned char d_type, void *arg);
int io_list_dir(int dirfd, io_dirent_fn *cb, void *arg);

/* Parse a decimal unsigned number that is the whole string s. */
bool io_parse_u64(const char *s, uint64_t *out);

/* RFC 3339 UTC time with milliseconds: "2026-11-27T15:00:00.123Z".
 * Times outside 1970..9999 (hostile file times) are clamped. */
void io_rfc3339(int64_t ms, char out[32]);
void io_rfc3339_sec(int64_t sec, char out[32]);

/* Monotonic clock in nanoseconds, and wall clock in milliseconds. */
uint64_t io_now_ns(void);
int64_t io_wall_ms(void);

#endif
