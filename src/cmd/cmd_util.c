/* cmd_util.c - helpers shared by subcommands. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/xmalloc.h"

#include "cmd.h"

void
cmd_error(const char *fmt, ...)
{
	va_list ap;

	fputs("rookmelder: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cmd_out_open(struct cmd_out *o, const char *path)
{
	struct stat st;
	char *slash;
	int fd;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->f = stdout;
		return 0;
	}
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		cmd_error("refusing to write %s: it is %s, not a regular file",
		    path, S_ISLNK(st.st_mode) ? "a symbolic link" : "special");
		return -1;
	}
	slash = strrchr(path, '/');
	o->path = xstrdup(path);
	o->tmp = slash ? xasprintf("%.*s/.rookmelder.XXXXXX",
	    (int)(slash - path), path) : xstrdup(".rookmelder.XXXXXX");
	fd = mkostemp(o->tmp, O_CLOEXEC);  /* O_EXCL, mode 0600 */
	if (fd < 0) {
		cmd_error("cannot write %s: %s", path, strerror(errno));
		goto fail;
	}
	o->f = fdopen(fd, "w");
	if (o->f == NULL) {
		cmd_error("cannot write %s: %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		goto fail;
	}
	return 0;
fail:
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return -1;
}

int
cmd_out_close(struct cmd_out *o, int ok)
{
	int r = 0;

	if (o->f == NULL)
		return 0;
	if (fflush(o->f) != 0 || ferror(o->f)) {
		cmd_error("writing %s failed: %s", o->path ? o->path : "stdout",
		    strerror(errno));
		r = -1;
	}
	if (o->path == NULL) {
		o->f = NULL;
		return r;
	}
	if (fclose(o->f) != 0 && r == 0) {
		cmd_error("writing %s failed: %s", o->path, strerror(errno));
		r = -1;
	}
	if (ok && r == 0 && rename(o->tmp, o->path) != 0) {
		cmd_error("cannot write %s: %s", o->path, strerror(errno));
		r = -1;
	}
	if (!ok || r != 0)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return r;
}
