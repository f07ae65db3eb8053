/*
 * yara-manyfiles - make a tree of many small files, fast (bench/yara.sh).
 *
 *   yara-manyfiles DIR N
 *
 * Creates DIR (which must not exist) holding N files of 64-1023 bytes of
 * text in subdirectories of 1,000 files each (DIR/d0000/f000000 ...); one
 * file in 100,000 carries a stratum URL, so a scan has something to find.
 * Prints "files=N bytes=B planted=P".  Plain open/write/close, no fork.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	static const char words[] =
	    "the quick brown fox jumps over the lazy dog while a cron job "
	    "rotates logs and a daemon writes its pid file to run; ";
	char path[4096], buf[1100];
	unsigned long n, i, bytes = 0, planted = 0;
	unsigned x = 6;
	char *end;

	if (argc != 3) {
		fputs("usage: yara-manyfiles DIR N\n", stderr);
		return 2;
	}
	n = strtoul(argv[2], &end, 10);
	if (*end || n == 0 || n > 100000000ul) {
		fputs("yara-manyfiles: bad N\n", stderr);
		return 2;
	}
	if (mkdir(argv[1], 0755) != 0) {
		fprintf(stderr, "yara-manyfiles: %s: %s\n", argv[1],
		    strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		size_t len, k;
		int fd;

		if (i % 1000 == 0) {
			snprintf(path, sizeof(path), "%s/d%04lu", argv[1],
			    i / 1000);
			if (mkdir(path, 0755) != 0) {
				perror(path);
				return 1;
			}
		}
		x = x * 1103515245u + 12345u;
		len = 64 + (x >> 16) % 960;
		for (k = 0; k < len; k++)
			buf[k] = words[(k + i) % (sizeof(words) - 1)];
		if (i % 100000 == 99999 && len > 60) {
			memcpy(buf + 8, "stratum+tcp://pool.minexmr.com:4444", 35);
			planted++;
		}
		snprintf(path, sizeof(path), "%s/d%04lu/f%06lu", argv[1],
		    i / 1000, i);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0 || write(fd, buf, len) != (ssize_t)len) {
			perror(path);
			return 1;
		}
		close(fd);
		bytes += len;
	}
	printf("files=%lu bytes=%lu planted=%lu\n", n, bytes, planted);
	return 0;
}
