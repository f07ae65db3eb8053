/*
 * procsteps - what each per-process step of rookmelder's process collector
 * (src/collect/proc.c) costs on this host, one step at a time.
 *
 *   procsteps [-p PASSES]
 *
 * Lists /proc, then runs one untimed warm-up pass and PASSES timed passes
 * over all processes; within a pass the steps below take turns, so load
 * that comes and goes hits them alike.  Prints each step's median time per
 * pass, per process, and the bytes read.  The /proc/PID directory fds are opened outside the timed
 * region (in batches of 512) except for the "dir" step, which times just
 * that open+close.  The steps copy the system calls rookmelder makes:
 *
 *   dir          openat(/proc, "PID", O_DIRECTORY) + close
 *   stat         openat + read(4 KiB) until 0 + close
 *   status       openat + read(16 KiB) until 0 + close
 *   exe          readlinkat("exe")
 *   cmdline      openat + read(16 KiB chunks) until 0 + close
 *   cwd          readlinkat("cwd")
 *   cgroup       openat + read(8 KiB) until 0 + close
 *   ns x3        readlinkat ns/pid, ns/net, ns/mnt
 *   fd           openat("fd") + lseek + getdents64 until 0 + readlinkat
 *                every entry + close
 *   environ      openat + read(16 KiB chunks) until 0 + close
 *
 * and some variants that rookmelder does not do, to price alternatives:
 *
 *   stat 1 read, status 1 read, cgroup 1 read, cmdline 1 read,
 *   environ 1 read   the same, but a short read is taken as EOF (no
 *                    second read() returning 0)
 *   fd list only     the fd directory listed, no readlinkat
 *   ns/net only      one readlinkat instead of three
 *   fstat dir        fstat() of the /proc/PID dir fd (owner = euid/egid)
 *
 * Not a benchmark of rookmelder; a price list for its design choices.
 * Run as root, as rookmelder would be, to read every process.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BATCH 512

static int procfd;
static char buf[65536];
static unsigned long long nbytes;

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void
read_file(int dfd, const char *name, size_t chunk, int until_eof)
{
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NOCTTY);
	ssize_t n;

	if (fd < 0)
		return;
	for (;;) {
		n = read(fd, buf, chunk);
		if (n <= 0)
			break;
		nbytes += (unsigned long long)n;
		if (!until_eof && (size_t)n < chunk)
			break;
	}
	close(fd);
}

static void
rl(int dfd, const char *name)
{
	ssize_t n = readlinkat(dfd, name, buf, 4096);

	if (n > 0)
		nbytes += (unsigned long long)n;
}

static void
fd_walk(int dfd, int links)
{
	union {
		char b[32768];
		struct dirent64 align;
	} u;
	int fdfd = openat(dfd, "fd", O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	long n;

	if (fdfd < 0)
		return;
	lseek(fdfd, 0, SEEK_SET);
	while ((n = syscall(SYS_getdents64, fdfd, u.b, sizeof(u.b))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64 *d = (void *)(u.b + off);

			off += d->d_reclen;
			if (d->d_name[0] == '.')
				continue;
			if (links)
				rl(fdfd, d->d_name);
		}
	}
	close(fdfd);
}

enum step {
	S_DIR, S_STAT, S_STATUS, S_EXE, S_CMDLINE, S_CWD, S_CGROUP, S_NS,
	S_FD, S_ENVIRON,
	S_STAT1, S_STATUS1, S_CGROUP1, S_CMDLINE1, S_ENVIRON1, S_FDLIST,
	S_NSNET, S_FSTAT, S_N
};

static const char *const names[S_N] = {
	"dir", "stat", "status", "exe", "cmdline", "cwd", "cgroup", "ns x3",
	"fd", "environ",
	"stat 1 read", "status 1 read", "cgroup 1 read", "cmdline 1 read",
	"environ 1 read", "fd list only", "ns/net only", "fstat dir",
};

static void
do_step(enum step s, int dfd)
{
	struct stat st;

	switch (s) {
	case S_DIR:
		break;
	case S_STAT: read_file(dfd, "stat", 4096, 1); break;
	case S_STATUS: read_file(dfd, "status", 16384, 1); break;
	case S_EXE: rl(dfd, "exe"); break;
	case S_CMDLINE: read_file(dfd, "cmdline", 16384, 1); break;
	case S_CWD: rl(dfd, "cwd"); break;
	case S_CGROUP: read_file(dfd, "cgroup", 8192, 1); break;
	case S_NS:
		rl(dfd, "ns/pid");
		rl(dfd, "ns/net");
		rl(dfd, "ns/mnt");
		break;
	case S_FD: fd_walk(dfd, 1); break;
	case S_ENVIRON: read_file(dfd, "environ", 16384, 1); break;
	case S_STAT1: read_file(dfd, "stat", 4096, 0); break;
	case S_STATUS1: read_file(dfd, "status", 16384, 0); break;
	case S_CGROUP1: read_file(dfd, "cgroup", 8192, 0); break;
	case S_CMDLINE1: read_file(dfd, "cmdline", 16384, 0); break;
	case S_ENVIRON1: read_file(dfd, "environ", 16384, 0); break;
	case S_FDLIST: fd_walk(dfd, 0); break;
	case S_NSNET: rl(dfd, "ns/net"); break;
	case S_FSTAT:
		if (fstat(dfd, &st) == 0)
			nbytes += sizeof(st);
		break;
	case S_N:
		break;
	}
}

/* One timed pass of step s over every pid; returns microseconds. */
static double
pass(enum step s, char (*pids)[16], int npids)
{
	double tot = 0;

	nbytes = 0;
	for (int i0 = 0; i0 < npids; i0 += BATCH) {
		int dfds[BATCH], m = 0;
		double t0;

		if (s == S_DIR) {
			t0 = now_us();
			for (int i = i0; i < npids && i < i0 + BATCH; i++) {
				int fd = openat(procfd, pids[i], O_RDONLY |
				    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

				if (fd >= 0)
					close(fd);
			}
			tot += now_us() - t0;
			continue;
		}
		for (int i = i0; i < npids && i < i0 + BATCH; i++) {
			int fd = openat(procfd, pids[i], O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (fd >= 0)
				dfds[m++] = fd;
		}
		t0 = now_us();
		for (int i = 0; i < m; i++)
			do_step(s, dfds[i]);
		tot += now_us() - t0;
		for (int i = 0; i < m; i++)
			close(dfds[i]);
	}
	return tot;
}

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	int passes = 7, c, npids = 0, alloc = 1024;
	char (*pids)[16] = malloc((size_t)alloc * sizeof(*pids));
	static double t[S_N][64];
	unsigned long long bytes[S_N];
	double sum_rm = 0;
	struct dirent *de;
	DIR *d;

	while ((c = getopt(argc, argv, "p:")) != -1) {
		if (c == 'p' && atoi(optarg) > 0 && atoi(optarg) <= 64)
			passes = atoi(optarg);
		else {
			fputs("usage: procsteps [-p PASSES (1-64)]\n", stderr);
			return 2;
		}
	}
	procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	d = fdopendir(dup(procfd));
	if (procfd < 0 || d == NULL || pids == NULL) {
		perror("procsteps: /proc");
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] < '1' || de->d_name[0] > '9' ||
		    len >= sizeof(pids[0]))
			continue;
		if (npids == alloc) {
			alloc *= 2;
			pids = realloc(pids, (size_t)alloc * sizeof(*pids));
			if (pids == NULL)
				return 1;
		}
		memcpy(pids[npids++], de->d_name, len + 1);
	}
	closedir(d);

	printf("%d processes, %d passes (+1 untimed warm-up; the steps take "
	    "turns within each pass); median per pass\n", npids, passes);
	for (int p = 0; p <= passes; p++) {
		for (int s = 0; s < S_N; s++) {
			double tot = pass((enum step)s, pids, npids);

			if (p > 0)
				t[s][p - 1] = tot;
			if (p == passes)
				bytes[s] = nbytes;
		}
	}
	printf("%-16s %10s %12s %12s\n", "step", "ms/pass", "us/process",
	    "bytes/proc");
	for (int s = 0; s < S_N; s++) {
		double med;

		qsort(t[s], (size_t)passes, sizeof(t[s][0]), cmp_d);
		med = t[s][passes / 2];
		if (s == S_STAT1)
			printf("-- variants (not what rookmelder does) --\n");
		printf("%-16s %10.2f %12.2f %12.0f\n", names[s], med / 1e3,
		    med / npids, (double)bytes[s] / npids);
		if (s <= S_ENVIRON)
			sum_rm += med;
		if (s == S_ENVIRON)
			printf("%-16s %10.2f %12.2f   (sum of the steps above)\n",
			    "rookmelder set", sum_rm / 1e3, sum_rm / npids);
	}
	free(pids);
	return 0;
}
