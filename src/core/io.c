/* io.c - bounded reads relative to directory fds, raw getdents64. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "io.h"

int
io_read_fd(int fd, char *buf, size_t cap, size_t *len, bool *truncated)
{
	size_t off = 0;
	ssize_t n;

	if (truncated)
		*truncated = false;
	if (cap == 0)
		return RM_ETOOBIG;
	while (off < cap - 1) {
		n = read(fd, buf + off, cap - 1 - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			buf[off] = '\0';
			*len = off;
			return rm_from_errno(errno);
		}
		if (n == 0)
			break;
		off += (size_t)n;
	}
	buf[off] = '\0';
	*len = off;
	if (off == cap - 1 && truncated) {
		char c;

		do
			n = read(fd, &c, 1);
		while (n < 0 && errno == EINTR);
		*truncated = n > 0;
	}
	return RM_OK;
}

int
io_read_at(int dirfd, const char *name, char *buf, size_t cap, size_t *len,
	   bool *truncated)
{
	int fd, r;

	*len = 0;
	if (cap)
		buf[0] = '\0';
	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return rm_from_errno(errno);
	r = io_read_fd(fd, buf, cap, len, truncated);
	close(fd);
	return r;
}

int
io_stream_at(int dirfd, const char *name, size_t max, io_chunk_fn *cb,
	     void *arg, size_t *total, bool *truncated)
{
	char chunk[16384];
	size_t seen = 0;
	ssize_t n;
	int fd, r = RM_OK;

	*total = 0;
	*truncated = false;
	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return rm_from_errno(errno);
	for (;;) {
		size_t want = sizeof(chunk);

		if (seen >= max) {
			char c;

			do
				n = read(fd, &c, 1);
			while (n < 0 && errno == EINTR);
			*truncated = n > 0;
			break;
		}
		if (want > max - seen)
			want = max - seen;
		n = read(fd, chunk, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = rm_from_errno(errno);
			break;
		}
		if (n == 0)
			break;
		seen += (size_t)n;
		if (cb(chunk, (size_t)n, arg))
			break;
	}
	close(fd);
	*total = seen;
	return r;
}

int
io_readlink_at(int dirfd, const char *name, char *buf, size_t cap,
	       size_t *len)
{
	ssize_t n;

	*len = 0;
	if (cap)
		buf[0] = '\0';
	n = readlinkat(dirfd, name, buf, cap);
	if (n < 0)
		return rm_from_errno(errno);
	if ((size_t)n >= cap) {
		buf[cap - 1] = '\0';
		*len = cap - 1;
		return RM_ETOOBIG;
	}
	buf[n] = '\0';
	*len = (size_t)n;
	return RM_OK;
}

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

int
io_list_dir(int dirfd, io_dirent_fn *cb, void *arg)
{
	/* 32 KiB holds ~1000 /proc entries per system call. */
	union {
		char b[32768];
		struct linux_dirent64 align;
	} u;
	long n;

	if (lseek(dirfd, 0, SEEK_SET) < 0)
		return rm_from_errno(errno);
	for (;;) {
		n = syscall(SYS_getdents64, dirfd, u.b, sizeof(u.b));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return rm_from_errno(errno);
		}
		if (n == 0)
			return RM_OK;
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(u.b + off);
			const char *nm = d->d_name;

			if (d->d_reclen == 0 || off + d->d_reclen > n)
				return RM_EPARSE;
			off += d->d_reclen;
			if (nm[0] == '.' && (nm[1] == '\0' ||
			    (nm[1] == '.' && nm[2] == '\0')))
				continue;
			if (cb(nm, d->d_type, arg))
				return RM_OK;
		}
	}
}

bool
io_parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (*s == '\0')
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*out = v;
	return true;
}

uint64_t
io_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int64_t
io_wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
io_rfc3339(int64_t ms, char out[32])
{
	/* clamp to what the format can say: 1970 .. 9999 */
	const int64_t max_ms = INT64_C(253402300799999);
	time_t t;
	char date[24];
	struct tm tm;
	size_t n;

	if (ms < 0)
		ms = 0;
	if (ms > max_ms)
		ms = max_ms;
	t = (time_t)(ms / 1000);
	if (gmtime_r(&t, &tm) == NULL) {
		snprintf(out, 32, "1970-01-01T00:00:00.000Z");
		return;
	}
	n = strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	date[n] = '\0';
	snprintf(out, 32, "%.20s.%03dZ", date, (int)(ms % 1000));
}

void
io_rfc3339_sec(int64_t sec, char out[32])
{
	io_rfc3339(sec > INT64_MAX / 1000 ? INT64_MAX : sec < 0 ? 0 :
	    sec * 1000, out);
}
