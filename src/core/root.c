/* root.c - root-confined path resolution (openat2 RESOLVE_IN_ROOT). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "err.h"
#include "io.h"
#include "root.h"

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

static int have_openat2 = -1;  /* unknown until first call */

/* Fallback: walk each component with O_NOFOLLOW; any link is refused. */
static int
walk_open(int rootfd, const char *path, int flags)
{
	char comp[NAME_MAX + 1];
	int dfd, fd;

	while (*path == '/')
		path++;
	if (*path == '\0')
		path = ".";
	dfd = fcntl(rootfd, F_DUPFD_CLOEXEC, 0);
	if (dfd < 0)
		return rm_from_errno(errno);
	for (;;) {
		const char *slash = strchr(path, '/');
		size_t n = slash ? (size_t)(slash - path) : strlen(path);

		if (n > NAME_MAX) {
			close(dfd);
			return RM_ETOOBIG;
		}
		memcpy(comp, path, n);
		comp[n] = '\0';
		path += n;
		while (*path == '/')
			path++;
		if (n == 0 || strcmp(comp, ".") == 0) {
			if (*path != '\0')
				continue;
			memcpy(comp, ".", 2);  /* "etc/." names etc itself */
		}
		if (strcmp(comp, "..") == 0) {
			close(dfd);
			return RM_ELOOP;
		}
		if (*path == '\0') {
			fd = openat(dfd, comp, flags | O_NOFOLLOW | O_CLOEXEC |
			    ((flags & O_PATH) ? 0 : O_NOCTTY));
			close(dfd);
			return fd < 0 ? rm_from_errno(errno) : fd;
		}
		fd = openat(dfd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		close(dfd);
		if (fd < 0)
			return rm_from_errno(errno);
		dfd = fd;
	}
}

int
root_open(int rootfd, const char *path, int flags)
{
	struct open_how how;
	int fd;

	if (have_openat2 != 0) {
		memset(&how, 0, sizeof(how));
		/* openat2 rejects flags O_PATH does not take (EINVAL) */
		how.flags = (unsigned)(flags | O_CLOEXEC |
		    ((flags & O_PATH) ? 0 : O_NOCTTY));
		how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
		while (*path == '/')
			path++;
		fd = (int)syscall(SYS_openat2, rootfd, *path ? path : ".",
		    &how, sizeof(how));
		if (fd >= 0) {
			have_openat2 = 1;
			return fd;
		}
		if (errno != ENOSYS) {
			/* EAGAIN: a concurrent rename raced the lookup. */
			if (errno == EAGAIN)
				return RM_EGONE;
			return rm_from_errno(errno);
		}
		have_openat2 = 0;
	}
	return walk_open(rootfd, path, flags);
}

int
root_lstat(int rootfd, const char *path, struct stat *st)
{
	int fd = root_open(rootfd, path, O_PATH | O_NOFOLLOW);

	if (fd < 0)
		return fd;
	if (fstat(fd, st) < 0) {
		int e = errno;

		close(fd);
		return rm_from_errno(e);
	}
	close(fd);
	return RM_OK;
}

int
root_read_file(int rootfd, const char *path, struct buf *b, struct stat *st,
	       bool *truncated)
{
	struct stat sb;
	char chunk[16384];
	ssize_t n;
	int fd, r = RM_OK;

	if (truncated)
		*truncated = false;
	fd = root_open(rootfd, path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return fd;
	if (fstat(fd, &sb) < 0) {
		r = rm_from_errno(errno);
		goto out;
	}
	if (st)
		*st = sb;
	if (!S_ISREG(sb.st_mode)) {
		r = RM_EPARSE;
		goto out;
	}
	for (;;) {
		size_t room = b->max - b->len;

		if (room == 0) {
			char c;

			n = read(fd, &c, 1);
			if (truncated)
				*truncated = n > 0;
			break;
		}
		n = read(fd, chunk, room < sizeof(chunk) ? room : sizeof(chunk));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = rm_from_errno(errno);
			break;
		}
		if (n == 0)
			break;
		if ((r = buf_append(b, chunk, (size_t)n)) != RM_OK)
			break;
	}
	if (r == RM_OK && b->data == NULL)
		r = buf_append(b, "", 0);  /* empty file: still a string */
out:
	close(fd);
	return r;
}
