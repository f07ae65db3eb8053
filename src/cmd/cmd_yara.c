/*
 * cmd_yara.c - `rookmelder yara`: scan files, trees and process memory
 * with the built-in and the user's YARA rules; findings in the same
 * output contract as `scan`.  Also the YARA step `scan` runs after its
 * detectors (cmd_yara_scan_host).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "../collect/collect.h"
#include "../collect/yara_load.h"
#include "../collect/yara_scan.h"
#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/xmalloc.h"
#include "../detect/detect_util.h"
#include "../detect/detector.h"
#include "../output/output.h"
#include "cmd.h"

bool
cmd_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	uint64_t mul = 1;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (end == s || errno || s[0] < '0' || s[0] > '9')
		return false;
	switch (*end) {
	case 'k': case 'K': mul = 1ull << 10; end++; break;
	case 'm': case 'M': mul = 1ull << 20; end++; break;
	case 'g': case 'G': mul = 1ull << 30; end++; break;
	default: break;
	}
	if (*end != '\0' || v == 0 || v > (UINT64_MAX >> 30))
		return false;
	*out = (uint64_t)v * mul;
	return true;
}

int
cmd_yara_load(struct snapshot *s, struct yara_ruleset *rs, bool builtin,
	      const char *const *paths, size_t npaths, bool cache)
{
	struct yara_load_opts lo = { .builtin = builtin, .paths = paths,
	    .npaths = npaths };
	char dir[4096];
	const char *bad = NULL;
	int e;

	if (cache && yara_cache_dir(dir, sizeof(dir)))
		lo.cache_dir = dir;
	e = yara_load(rs, &lo, &bad);
	if (e != RM_OK) {
		cmd_error("YARA rules %s: %s", bad ? bad : "", rm_strerror(e));
		return e;
	}
	for (size_t i = 0; i < rs->nnotes; i++) {
		char check[700];

		snprintf(check, sizeof(check), "yara rules: %s%s",
		    rs->notes[i].where, rs->notes[i].warning ?
		    " (warning)" : "");
		snapshot_skip(s, check, "%s", rs->notes[i].what);
	}
	s->yara.rules = rs->nrules;
	s->yara.rule_files = rs->nfiles;
	s->yara.rules_failed = rs->nfailed;
	s->yara.cached = rs->cached;
	s->yara.load_ms = rs->ms;
	s->yara.ran = true;
	if (rs->nrules == 0)
		snapshot_skip(s, "yara", "no YARA rule compiled: nothing was "
		    "scanned");
	return RM_OK;
}

static void
add_pid(pid_t **v, size_t *n, pid_t pid)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i] == pid)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = pid;
}

void
cmd_yara_scan_host(struct snapshot *s, struct findings *fs,
		   const struct yara_scan_opts *yo, const char *procfs,
		   const char *const *paths, size_t npaths, bool cache,
		   bool memory)
{
	struct yara_ruleset rs;
	pid_t *pids = NULL;
	size_t npids = 0;
	int procfd = -1;

	if (cmd_yara_load(s, &rs, true, paths, npaths, cache) != RM_OK) {
		snapshot_skip(s, "yara", "the rules could not be loaded");
		return;
	}
	if (s->live && !procfs)
		procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (procfd >= 0 && memory) {
		/* the processes other rules flagged, then those running from
		 * a deleted, memfd or writable-place image */
		for (size_t i = 0; i < fs->n; i++)
			if (fs->v[i]->has_process &&
			    fs->v[i]->severity >= SEV_LOW)
				add_pid(&pids, &npids, fs->v[i]->process.pid);
		for (size_t i = 0; i < s->nprocs; i++)
			if (!(s->procs[i].flags & PF_KTHREAD_FLAG) &&
			    proc_exe_place(&s->procs[i], NULL) ==
			    EXE_PLACE_ODD)
				add_pid(&pids, &npids, s->procs[i].pid);
	} else if (!memory) {
		snapshot_skip(s, "yara: memory", "--no-memory: process memory "
		    "was not scanned");
	}
	if (!s->live)
		snapshot_skip(s, "yara: processes", "--root scans a disk "
		    "image: executables and memory of processes do not apply");
	yara_scan_host(s, &rs, yo, procfd, pids, npids);
	detect_run_kinds(s, FACT_YARA, fs);
	if (procfd >= 0)
		close(procfd);
	free(pids);
	yara_ruleset_free(&rs);
}

/* ---- the command ------------------------------------------------------ */

static void
usage(FILE *f)
{
	fputs(
"usage: rookmelder yara [options] PATH...\n"
"       rookmelder yara [options] --pid PID\n"
"\n"
"Scan files and directory trees (and, with --pid, a process's memory) with\n"
"rookmelder's built-in YARA rules and any rule files you add.  Findings\n"
"use the same output as `scan` (RM-YAR-001 files, RM-YAR-002 memory).\n"
"\n"
"  -y, --yara-rules PATH   add a rule file or a directory of .yar/.yara\n"
"                          files (repeatable); rules that do not compile\n"
"                          are reported and left out, the rest are used\n"
"      --no-builtin        only the rules given with --yara-rules\n"
"      --pid PID           scan the memory of process PID (repeatable)\n"
"  -f, --format FMT        text (default), json or ndjson\n"
"  -o, --output FILE       write the report to FILE (as for scan)\n"
"      --fail-on SEV       exit 1 when a finding is at or above SEV\n"
"                          (default high; never: always 0)\n"
"      --min-severity SEV  report only findings at or above SEV\n"
"      --max-size SIZE     skip files bigger than SIZE (default 64M;\n"
"                          K, M and G suffixes)\n"
"  -p, --threads N         scanner threads (default: CPUs, at most 4)\n"
"      --timeout SECS      stop scanning one file after SECS (default 10)\n"
"      --all-files         also scan archives, compressed files, images,\n"
"                          fonts and databases (skipped by default)\n"
"      --cross-filesystems descend into other filesystems in a tree\n"
"      --no-cache          compile the rules; do not use or fill the\n"
"                          cache of compiled rules\n"
"      --no-color          no colour in text output\n"
"      --progress          show files queued on stderr (shown anyway when\n"
"                          stderr is a terminal)\n"
"  -h, --help              this help\n"
"\n"
"Directories are walked without following symbolic links; device nodes,\n"
"FIFOs and sockets are never opened.\n"
"Exit status: 0 nothing at or above --fail-on, 1 something was, 2 error.\n",
	    f);
}

static int
exec_yara(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "yara-rules", required_argument, NULL, 'y' },
		{ "no-builtin", no_argument, NULL, 'B' },
		{ "pid", required_argument, NULL, 'P' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "min-severity", required_argument, NULL, 'M' },
		{ "max-size", required_argument, NULL, 'S' },
		{ "threads", required_argument, NULL, 'p' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "all-files", no_argument, NULL, 'A' },
		{ "cross-filesystems", no_argument, NULL, 'X' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "progress", no_argument, NULL, 'G' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct yara_scan_opts yo = { .max_size = RM_YARA_SIZE_MAX,
	    .user_paths = true };
	struct report rep = { .fail_on = SEV_HIGH, .yara_only = true };
	const char **rules = NULL;
	size_t nrules = 0, npids = 0;
	pid_t *pids = NULL;
	bool builtin = true, cache = true;
	const char *nc = getenv("NO_COLOR");
	bool no_color = nc != NULL && *nc != '\0';
	const char *outpath = NULL, *fmt = "text";
	int min_sev = SEV_INFO, c, r, status = EXIT_ERROR;
	struct yara_ruleset rs;
	struct snapshot s;
	struct findings fs;
	struct cmd_out o;
	struct yscan *y;
	struct utsname u;
	uint64_t t0, v;
	int procfd = -1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "y:f:o:p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'y':
			rules = xreallocarray(rules, nrules + 1,
			    sizeof(*rules));
			rules[nrules++] = optarg;
			break;
		case 'B':
			builtin = false;
			break;
		case 'P':
			if (!io_parse_u64(optarg, &v) || v == 0 ||
			    v > RM_PROCS_MAX) {
				cmd_error("--pid wants a process id, not '%s'",
				    optarg);
				goto out;
			}
			pids = xreallocarray(pids, npids + 1, sizeof(*pids));
			pids[npids++] = (pid_t)v;
			break;
		case 'f':
			if (strcmp(optarg, "text") != 0 &&
			    strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "ndjson") != 0) {
				cmd_error("unknown format '%s' (text, json, "
				    "ndjson)", optarg);
				goto out;
			}
			fmt = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "never") == 0) {
				rep.fail_never = true;
			} else if ((r = severity_parse(optarg)) >= 0) {
				rep.fail_on = (enum severity)r;
			} else {
				cmd_error("unknown severity '%s'", optarg);
				goto out;
			}
			break;
		case 'M':
			if ((min_sev = severity_parse(optarg)) < 0) {
				cmd_error("unknown severity '%s'", optarg);
				goto out;
			}
			break;
		case 'S':
			if (!cmd_parse_size(optarg, &yo.max_size) ||
			    yo.max_size > ((uint64_t)1 << 32)) {
				cmd_error("--max-size wants a size from 1 to "
				    "4G, not '%s'", optarg);
				goto out;
			}
			break;
		case 'p':
			if (!io_parse_u64(optarg, &v) || v == 0 || v > 64) {
				cmd_error("--threads wants 1 to 64, not '%s'",
				    optarg);
				goto out;
			}
			yo.threads = (unsigned)v;
			break;
		case 'T':
			if (!io_parse_u64(optarg, &v) || v == 0 || v > 3600) {
				cmd_error("--timeout wants 1 to 3600 seconds, "
				    "not '%s'", optarg);
				goto out;
			}
			yo.timeout = (int)v;
			break;
		case 'A':
			yo.all_files = true;
			break;
		case 'X':
			yo.cross_fs = true;
			break;
		case 'N':
			cache = false;
			break;
		case 'C':
			no_color = true;
			break;
		case 'G':
			yo.progress = true;
			break;
		case 'h':
			usage(stdout);
			status = EXIT_CLEAN;
			goto out;
		default:
			usage(stderr);
			goto out;
		}
	}
	if (optind >= argc && npids == 0) {
		cmd_error("nothing to scan: name files, directories or --pid");
		usage(stderr);
		goto out;
	}
	if (!builtin && nrules == 0) {
		cmd_error("--no-builtin leaves no rules: add --yara-rules");
		goto out;
	}
	if (isatty(STDERR_FILENO))
		yo.progress = true;
	if (cmd_out_open(&o, outpath) != 0)
		goto out;

	rep.started_ms = io_wall_ms();
	t0 = io_now_ns();
	snapshot_init(&s);
	findings_init(&fs);
	s.root = "/";
	s.live = true;
	s.rootfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (uname(&u) == 0) {
		s.host.hostname = arena_strdup(&s.arena, u.nodename);
		s.host.kernel = arena_strdup(&s.arena, u.release);
	}
	users_collect(&s);  /* owners' names for the `owner` external */
	if (cmd_yara_load(&s, &rs, builtin, rules, nrules, cache) != RM_OK) {
		cmd_out_close(&o, 0);
		snapshot_free(&s);
		goto out;
	}
	if (npids) {
		procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (procfd >= 0)
			proc_collect(&s, procfd);
	}
	y = yscan_start(&s, &rs, &yo);
	if (y) {
		for (size_t i = 0; i < npids; i++) {
			const struct proc *p = snapshot_proc(&s, pids[i]);

			if (!p) {
				char check[64];

				snprintf(check, sizeof(check), "yara: pid %d",
				    (int)pids[i]);
				yskip(y, check, "no such process");
				continue;
			}
			yscan_memory(y, procfd, p);
		}
		for (int i = optind; i < argc; i++) {
			int e = yscan_tree(y, argv[i], false);

			if (e != RM_OK) {
				char check[600];

				snprintf(check, sizeof(check), "yara: %s",
				    argv[i]);
				yskip(y, check, "not scanned: %s",
				    rm_strerror(e));
				if (e == RM_ENOENT)
					cmd_error("%s: no such file or "
					    "directory", argv[i]);
			}
		}
		yscan_finish(y);
	}
	detect_run_kinds(&s, FACT_YARA, &fs);
	findings_filter(&fs, (enum severity)min_sev);
	findings_sort(&fs);
	rep.s = &s;
	rep.fs = &fs;
	rep.duration_ms = (io_now_ns() - t0) / 1000000u;
	if (strcmp(fmt, "text") == 0) {
		out_text(o.f, &rep, !no_color && isatty(fileno(o.f)));
	} else {
		struct buf b;

		buf_init(&b, (size_t)1 << 31);
		if (strcmp(fmt, "json") == 0)
			out_json(&b, &rep);
		else
			out_ndjson(&b, &rep);
		if (b.len)
			fwrite(b.data, 1, b.len, o.f);
		buf_free(&b);
	}
	status = !rep.fail_never && findings_count_at_least(&fs, rep.fail_on)
	    ? EXIT_FOUND : EXIT_CLEAN;
	if (cmd_out_close(&o, 1) != 0)
		status = EXIT_ERROR;
	if (procfd >= 0)
		close(procfd);
	findings_free(&fs);
	yara_ruleset_free(&rs);
	snapshot_free(&s);
out:
	free(rules);
	free(pids);
	return status;
}

const struct cmd_entry cmd_yara_entry = {
	.name = "yara",
	.summary = "scan files, trees or a process's memory with YARA rules",
	.usage = usage,
	.exec = exec_yara,
};
