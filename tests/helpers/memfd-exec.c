/*
 * memfd-exec [-s] PROG [ARG...] - the fileless loader pattern: copy PROG
 * into an anonymous memfd_create() file and fexecve() it, so the running
 * program has no file on disk (/proc/PID/exe reads "/memfd:rm-e2e-payload
 * (deleted)").  With -s the memfd is sealed first (F_SEAL_SEAL,
 * F_SEAL_WRITE, F_SEAL_SHRINK, F_SEAL_GROW), as runc does when it clones
 * itself.  The new program replaces this one (same pid).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

extern char **environ;

int
main(int argc, char **argv)
{
	int seal = 0, argi = 1, in, mfd;
	char buf[65536];
	ssize_t n;

	if (argc > 1 && strcmp(argv[1], "-s") == 0) {
		seal = 1;
		argi++;
	}
	if (argi >= argc) {
		fprintf(stderr, "usage: memfd-exec [-s] PROG [ARG...]\n");
		return 2;
	}
	in = open(argv[argi], O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		fprintf(stderr, "memfd-exec: %s: %s\n", argv[argi],
		    strerror(errno));
		return 1;
	}
	mfd = memfd_create("rm-e2e-payload", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (mfd < 0) {
		perror("memfd-exec: memfd_create");
		return 1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(mfd, buf + off, (size_t)(n - off));

			if (w < 0) {
				perror("memfd-exec: write");
				return 1;
			}
			off += w;
		}
	}
	if (n < 0) {
		perror("memfd-exec: read");
		return 1;
	}
	close(in);
	if (seal && fcntl(mfd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_WRITE |
	    F_SEAL_SHRINK | F_SEAL_GROW) != 0) {
		perror("memfd-exec: F_ADD_SEALS");
		return 1;
	}
	fexecve(mfd, argv + argi, environ);
	perror("memfd-exec: fexecve");
	return 1;
}
