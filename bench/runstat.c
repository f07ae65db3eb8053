/*
 * runstat - run a command several times and report wall time, CPU time and
 * peak RSS.
 *
 *   runstat [-n RUNS] [-w WARMUP] [-t SECONDS] [-l LABEL] -- CMD ARGS...
 *
 * Each run fork()s and execvp()s CMD with stdin, stdout and stderr on
 * /dev/null, in a process group of its own, and waits for it with wait4().
 * Per run it records:
 *   wall  CLOCK_MONOTONIC from just before fork() to wait4() returning
 *         (so it includes fork+exec, which is expensive on some VMs)
 *   cpu   ru_utime + ru_stime of the child and of every descendant the
 *         child waited for (what wait4 reports)
 *   rss   ru_maxrss: the peak RSS of the largest single process in that
 *         tree (not a sum), in KiB
 * WARMUP runs come first and are not recorded.  With -t, a run still going
 * after SECONDS is killed (its whole process group) and counted as timed
 * out; no further runs are started, and the figures of that run are lower
 * bounds.
 *
 * Output, after all runs:
 *   stdout: one machine-readable line of key=value pairs, e.g.
 *     label=x runs=5 wall_ms_min=... wall_ms_med=... wall_ms_max=...
 *     cpu_ms_min=... cpu_ms_med=... cpu_ms_max=... user_ms_med=...
 *     sys_ms_med=... rss_kb_min=... rss_kb_med=... rss_kb_max=...
 *     nonzero_exit=K last_status=S timeouts=T
 *   stderr: one human-readable summary line.
 *
 * Exit status: 0 when every run was executed (whatever the command's own
 * exit status: a scanner that finds something exits non-zero), 126/127
 * when the command could not be executed, 128+SIG when runstat itself was
 * interrupted (the command's process group is killed first), 2 on usage
 * errors.  No system()/popen(): the command is exec'd directly.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct sample {
	double wall_ms, cpu_ms, user_ms, sys_ms;
	long rss_kb;
};

static volatile sig_atomic_t got_signal, timed_out;
static volatile pid_t child_pid;

static void
on_alarm(int sig)
{
	pid_t p = child_pid;

	(void)sig;
	timed_out = 1;
	if (p > 0) {
		kill(-p, SIGKILL);
		kill(p, SIGKILL);
	}
}

static void
on_signal(int sig)
{
	pid_t p = child_pid;

	got_signal = sig;
	if (p > 0) {
		/* the command and anything it started */
		kill(-p, SIGKILL);
		kill(p, SIGKILL);
	}
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double
tv_ms(const struct timeval *tv)
{
	return (double)tv->tv_sec * 1e3 + (double)tv->tv_usec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
stats(double *v, size_t n, double *min, double *med, double *max)
{
	qsort(v, n, sizeof(*v), cmp_double);
	*min = v[0];
	*max = v[n - 1];
	*med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

static long
parse_count(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < 0 || v > 100000) {
		fprintf(stderr, "runstat: bad %s '%s'\n", what, s);
		exit(2);
	}
	return v;
}

static void
usage(void)
{
	fputs("usage: runstat [-n RUNS] [-w WARMUP] [-t SECONDS] [-l LABEL] "
	    "-- CMD ARGS...\n", stderr);
	exit(2);
}

/* One run; returns the wait status, or -1 if fork/wait failed. */
static int
run_once(char **argv, unsigned timeout, struct sample *out)
{
	struct rusage ru;
	double t0, t1;
	int status = 0;
	pid_t p, w;

	t0 = now_ms();
	p = fork();
	if (p < 0) {
		fprintf(stderr, "runstat: fork: %s\n", strerror(errno));
		return -1;
	}
	if (p == 0) {
		int fd;

		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		setpgid(0, 0);
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		execvp(argv[0], argv);
		_exit(errno == ENOENT ? 127 : 126);
	}
	child_pid = p;
	setpgid(p, p);  /* also from the parent: no race with kill(-p) */
	if (timeout)
		alarm(timeout);
	do
		w = wait4(p, &status, 0, &ru);
	while (w < 0 && errno == EINTR && !got_signal);
	t1 = now_ms();
	alarm(0);
	if (w < 0) {
		if (got_signal) {
			/* the handler killed the group; reap the child */
			while (waitpid(p, &status, 0) < 0 && errno == EINTR)
				;
		}
		child_pid = 0;
		return -1;
	}
	/* leftovers of the command's group (daemonised helpers): kill */
	kill(-p, SIGKILL);
	child_pid = 0;
	out->wall_ms = t1 - t0;
	out->user_ms = tv_ms(&ru.ru_utime);
	out->sys_ms = tv_ms(&ru.ru_stime);
	out->cpu_ms = out->user_ms + out->sys_ms;
	out->rss_kb = ru.ru_maxrss;
	return status;
}

int
main(int argc, char **argv)
{
	long runs = 5, warmup = 0, timeout = 0, done = 0;
	const char *label = NULL;
	struct sigaction sa;
	struct sample *s;
	double *v;
	double wmin, wmed, wmax, cmin, cmed, cmax, rmin, rmed, rmax;
	double umed, smed, lo, hi;
	int c, last = 0, nonzero = 0;

	while ((c = getopt(argc, argv, "+n:w:t:l:h")) != -1) {
		switch (c) {
		case 'n':
			runs = parse_count(optarg, "run count");
			break;
		case 'w':
			warmup = parse_count(optarg, "warm-up count");
			break;
		case 't':
			timeout = parse_count(optarg, "timeout");
			break;
		case 'l':
			label = optarg;
			break;
		default:
			usage();
		}
	}
	if (runs < 1 || optind >= argc)
		usage();
	argv += optind;
	if (label == NULL)
		label = argv[0];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);

	s = calloc((size_t)runs, sizeof(*s));
	v = calloc((size_t)runs, sizeof(*v));
	if (s == NULL || v == NULL) {
		fputs("runstat: out of memory\n", stderr);
		return 1;
	}
	for (long i = 0; i < warmup + runs; i++) {
		struct sample tmp;
		int st = run_once(argv, (unsigned)timeout, &tmp);

		if (got_signal) {
			fprintf(stderr, "runstat: interrupted (signal %d); "
			    "command killed\n", (int)got_signal);
			return 128 + (int)got_signal;
		}
		if (st < 0)
			return 1;
		if (!timed_out && WIFEXITED(st) && (WEXITSTATUS(st) == 127 ||
		    WEXITSTATUS(st) == 126) && tmp.cpu_ms < 5.0) {
			fprintf(stderr, "runstat: cannot execute %s\n",
			    argv[0]);
			return WEXITSTATUS(st);
		}
		last = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		if (i < warmup)
			continue;
		if (timed_out) {
			s[0] = tmp;  /* report the timed-out run alone */
			done = 1;
			break;
		}
		if (last != 0)
			nonzero++;
		s[i - warmup] = tmp;
		done = i - warmup + 1;
	}
	runs = done;

	for (long i = 0; i < runs; i++)
		v[i] = s[i].wall_ms;
	stats(v, (size_t)runs, &wmin, &wmed, &wmax);
	for (long i = 0; i < runs; i++)
		v[i] = s[i].cpu_ms;
	stats(v, (size_t)runs, &cmin, &cmed, &cmax);
	for (long i = 0; i < runs; i++)
		v[i] = s[i].user_ms;
	stats(v, (size_t)runs, &lo, &umed, &hi);
	for (long i = 0; i < runs; i++)
		v[i] = s[i].sys_ms;
	stats(v, (size_t)runs, &lo, &smed, &hi);
	for (long i = 0; i < runs; i++)
		v[i] = (double)s[i].rss_kb;
	stats(v, (size_t)runs, &rmin, &rmed, &rmax);

	printf("label=%s runs=%ld warmup=%ld "
	    "wall_ms_min=%.2f wall_ms_med=%.2f wall_ms_max=%.2f "
	    "cpu_ms_min=%.2f cpu_ms_med=%.2f cpu_ms_max=%.2f "
	    "user_ms_med=%.2f sys_ms_med=%.2f "
	    "rss_kb_min=%.0f rss_kb_med=%.0f rss_kb_max=%.0f "
	    "nonzero_exit=%d last_status=%d timeouts=%d\n",
	    label, runs, warmup, wmin, wmed, wmax, cmin, cmed, cmax, umed,
	    smed, rmin, rmed, rmax, nonzero, last, (int)timed_out);
	fflush(stdout);
	if (timed_out)
		fprintf(stderr, "%s: TIMED OUT after %ld s (killed); figures "
		    "are lower bounds\n", label, timeout);
	fprintf(stderr, "%s: %ld run(s): wall %.1f ms median (%.1f-%.1f), "
	    "cpu %.1f ms median (%.1f-%.1f; user %.1f + sys %.1f), peak RSS "
	    "%.1f MiB max (median %.1f)\n", label, runs, wmed, wmin, wmax,
	    cmed, cmin, cmax, umed, smed, rmax / 1024.0, rmed / 1024.0);
	free(s);
	free(v);
	return 0;
}
