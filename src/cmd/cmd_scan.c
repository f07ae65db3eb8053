/*
 * cmd_scan.c - `rookmelder scan`: one sweep of the live host, or of a
 * mounted disk image with --root.  collect -> detect -> output.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../collect/collect.h"
#include "../collect/yara_load.h"
#include "../collect/yara_scan.h"
#include "../core/err.h"
#include "../core/io.h"
#include "../core/ioc.h"
#include "../core/limits.h"
#include "../core/xmalloc.h"
#include "../detect/allow.h"
#include "../detect/detector.h"
#include "../incident/incident.h"
#include "../output/output.h"
#include "cmd.h"

enum fmt { FMT_TEXT, FMT_JSON, FMT_NDJSON };

static void
usage(FILE *f)
{
	fputs(
"usage: rookmelder scan [options]\n"
"\n"
"Sweep this host (processes, sockets in every network namespace, kernel,\n"
"accounts, preload files) and report signs of compromise.\n"
"\n"
"  -r, --root DIR          scan a mounted disk image at DIR instead of the\n"
"                          running host; live checks are listed as skipped\n"
"  -f, --format FMT        text (default), json (one document) or ndjson\n"
"                          (one ECS alert per line)\n"
"  -o, --output FILE       write the report to FILE instead of stdout: mode\n"
"                          0600, replaced only once complete, never through\n"
"                          a symbolic link\n"
"      --no-color          no colour in text output (also NO_COLOR=1);\n"
"                          colour is only used on a terminal anyway\n"
"      --fail-on SEV       exit 1 when a finding is at or above SEV: info,\n"
"                          low, medium, high (default), critical or never\n"
"      --min-severity SEV  report only findings at or above SEV (default\n"
"                          info: everything)\n"
"      --cpu-window SECS   sample CPU use over SECS seconds (default 1,\n"
"                          decimals allowed, 0 to skip)\n"
"      --facts             json: include every collected fact (processes,\n"
"                          sockets, accounts, ...) under \"facts\"\n"
"      --proc DIR          read processes from DIR instead of /proc (a\n"
"                          copied or fixture procfs tree)\n"
"      --no-memory         do not read the memory of suspicious processes\n"
"                          (it is read, capped, only for candidates)\n"
"      --no-packages       do not check PAM modules, system binaries and\n"
"                          setuid files against the dpkg database (that\n"
"                          walk is most of a scan's cost on big disks)\n"
"      --no-pid-probe      do not probe every pid (1 to pid_max) for\n"
"                          processes hidden from /proc (RM-ROOT-002)\n"
"      --imds-probe        ask the instance metadata service\n"
"                          (169.254.169.254) for data without a session\n"
"                          token, even when this is not a cloud VM (one\n"
"                          HTTP request, at most 300 ms; RM-EXP-004)\n"
"      --no-imds-probe     never probe it (the default probes only when\n"
"                          DMI names AWS, Google or Azure; never in --root;\n"
"                          ROOKMELDER_IMDS_PROBE=0 or 1 sets the default)\n"
"      --progress          show the progress of long work (the pid probe)\n"
"                          on stderr; shown anyway when stderr is a terminal\n"
"      --allow FILE        the allow-list to use instead of\n"
"                          /etc/rookmelder/allow.conf (docs/ALLOW.md):\n"
"                          matching findings are lowered to info\n"
"      --no-yara           no YARA content scan (by default the built-in\n"
"                          rules scan running executables, the memory of\n"
"                          flagged processes, /tmp, /var/tmp, /dev/shm,\n"
"                          hidden directories, homes, cron and systemd\n"
"                          directories and web roots)\n"
"      --yara-rules PATH   also use the YARA rule file or directory PATH\n"
"                          (repeatable); failing rules are reported\n"
"      --yara-max-size SZ  skip files bigger than SZ (default 32M)\n"
"      --yara-exclude PATH do not scan PATH or anything under it\n"
"                          (repeatable; ROOKMELDER_YARA=0 or 1 sets the\n"
"                          default of --yara)\n"
"      --no-yara-cache     do not use or fill the compiled-rules cache\n"
"      --rules-dir DIR     add the indicator lists in DIR (pool-ports.txt,\n"
"                          pools.txt, miner-strings.txt,\n"
"                          rootkit-modules.txt) to the built-in ones;\n"
"                          /etc/rookmelder is always read\n"
"  -h, --help              this help\n"
"\n"
"Exit status: 0 nothing at or above --fail-on, 1 something was, 2 error.\n",
	    f);
}

static const char *
login_kind_text(uint8_t k)
{
	switch (k) {
	case LOGIN_SESSION: return "session of";
	case LOGIN_ACCEPTED: return "login accepted for";
	case LOGIN_FAILED: return "failed login for";
	case LOGIN_LOGOUT: return "logout of";
	case LOGIN_BOOT: return "boot";
	case LOGIN_SUDO: return "sudo by";
	case LOGIN_SUDO_DENIED: return "sudo refused to";
	default: return "login record of";
	}
}

static bool
parse_window(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end != '\0' || !(v >= 0) || v > 3600)
		return false;
	*out = v;
	return true;
}

static int
exec_scan(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "min-severity", required_argument, NULL, 'M' },
		{ "cpu-window", required_argument, NULL, 'w' },
		{ "facts", no_argument, NULL, 'a' },
		{ "proc", required_argument, NULL, 'p' },
		{ "no-memory", no_argument, NULL, 'N' },
		{ "no-packages", no_argument, NULL, 'P' },
		{ "rules-dir", required_argument, NULL, 'R' },
		{ "allow", required_argument, NULL, 'A' },
		{ "no-pid-probe", no_argument, NULL, 'Q' },
		{ "progress", no_argument, NULL, 'G' },
		{ "imds-probe", no_argument, NULL, 'I' },
		{ "no-imds-probe", no_argument, NULL, 'J' },
		{ "yara", no_argument, NULL, 'Y' },
		{ "no-yara", no_argument, NULL, 'n' },
		{ "yara-rules", required_argument, NULL, 'y' },
		{ "yara-max-size", required_argument, NULL, 'S' },
		{ "no-yara-cache", no_argument, NULL, 'K' },
		{ "yara-exclude", required_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct collect_opts co = { .cpu_window = 1.0, .memory = true,
	    .packages = true, .imds_probe = -1 };
	const char *imds_env = getenv("ROOKMELDER_IMDS_PROBE");
	const char *dirs[3] = { RM_CONFIG_DIR, NULL, NULL };
	struct ioc ioc;
	char *ioc_warn = NULL;
	const char *allow_path = RM_CONFIG_DIR "/allow.conf";
	struct allow allow = { 0 };
	struct buf awarn;
	struct report rep = { .fail_on = SEV_HIGH };
	const char *outpath = NULL;
	enum fmt fmt = FMT_TEXT;
	int min_sev = SEV_INFO, c, r, status;
	const char *nc = getenv("NO_COLOR");
	bool no_color = nc != NULL && *nc != '\0';
	struct snapshot s;
	struct findings fs;
	struct incidents inc = { 0 };
	struct cmd_out o;
	uint64_t t0;
	FILE *out;
	const char *yara_env = getenv("ROOKMELDER_YARA");
	bool yara = !(yara_env && strcmp(yara_env, "0") == 0);
	bool yara_cache = true;
	const char *yexcl[64];
	const char *yrules[64];
	size_t nyrules = 0;
	struct yara_scan_opts yo = { .max_size = RM_YARA_SCAN_SIZE,
	    .budget_ms = RM_YARA_BUDGET_MS, .walk_files = RM_YARA_WALK_FILES,
	    .walk_bytes = RM_YARA_WALK_BYTES };

	optind = 1;
	/* the environment sets the default; a flag overrides it */
	if (imds_env && strcmp(imds_env, "0") == 0)
		co.imds_probe = 0;
	else if (imds_env && strcmp(imds_env, "1") == 0)
		co.imds_probe = 1;
	while ((c = getopt_long(argc, argv, "r:f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			co.root = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = FMT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				fmt = FMT_JSON;
			else if (strcmp(optarg, "ndjson") == 0)
				fmt = FMT_NDJSON;
			else {
				cmd_error("unknown format '%s' (text, json, "
				    "ndjson)", optarg);
				return EXIT_ERROR;
			}
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'C':
			no_color = true;
			break;
		case 'F':
			if (strcmp(optarg, "never") == 0) {
				rep.fail_never = true;
			} else if ((r = severity_parse(optarg)) >= 0) {
				rep.fail_on = (enum severity)r;
			} else {
				cmd_error("unknown severity '%s'", optarg);
				return EXIT_ERROR;
			}
			break;
		case 'M':
			if ((min_sev = severity_parse(optarg)) < 0) {
				cmd_error("unknown severity '%s'", optarg);
				return EXIT_ERROR;
			}
			break;
		case 'w':
			if (!parse_window(optarg, &co.cpu_window)) {
				cmd_error("--cpu-window wants seconds from 0 to "
				    "3600, not '%s'", optarg);
				return EXIT_ERROR;
			}
			break;
		case 'a':
			rep.facts = true;
			break;
		case 'p':
			co.procfs = optarg;
			break;
		case 'N':
			co.memory = false;
			break;
		case 'P':
			co.packages = false;
			break;
		case 'R':
			dirs[1] = optarg;
			break;
		case 'A':
			allow_path = optarg;
			break;
		case 'Q':
			co.no_pid_probe = true;
			break;
		case 'G':
			co.progress = true;
			break;
		case 'I':
			co.imds_probe = 1;
			break;
		case 'J':
			co.imds_probe = 0;
			break;
		case 'Y':
			yara = true;
			break;
		case 'n':
			yara = false;
			break;
		case 'y':
			if (nyrules == sizeof(yrules) / sizeof(yrules[0])) {
				cmd_error("at most 64 --yara-rules");
				return EXIT_ERROR;
			}
			yrules[nyrules++] = optarg;
			yara = true;
			break;
		case 'S':
			if (!cmd_parse_size(optarg, &yo.max_size) ||
			    yo.max_size > ((uint64_t)1 << 32)) {
				cmd_error("--yara-max-size wants a size from 1 "
				    "to 4G, not '%s'", optarg);
				return EXIT_ERROR;
			}
			break;
		case 'K':
			yara_cache = false;
			break;
		case 'x':
			if (yo.nexclude == sizeof(yexcl) / sizeof(yexcl[0])) {
				cmd_error("at most 64 --yara-exclude");
				return EXIT_ERROR;
			}
			yexcl[yo.nexclude++] = optarg;
			yo.exclude = yexcl;
			break;
		case 'h':
			usage(stdout);
			return EXIT_CLEAN;
		default:
			usage(stderr);
			return EXIT_ERROR;
		}
	}
	if (optind < argc) {
		cmd_error("unexpected argument '%s'", argv[optind]);
		usage(stderr);
		return EXIT_ERROR;
	}
	if (co.root && co.procfs) {
		cmd_error("--root and --proc do not go together");
		return EXIT_ERROR;
	}
	if (isatty(STDERR_FILENO))
		co.progress = true;
	if (cmd_out_open(&o, outpath) != 0)
		return EXIT_ERROR;
	out = o.f;

	rep.started_ms = io_wall_ms();
	t0 = io_now_ns();
	snapshot_init(&s);
	findings_init(&fs);
	ioc_load(&ioc, dirs, &ioc_warn);
	s.ioc = &ioc;
	if (ioc_warn)
		snapshot_skip(&s, "rules: user lists", "%s", ioc_warn);
	free(ioc_warn);
	r = collect_all(&s, &co);
	if (r != RM_OK) {
		cmd_error("cannot scan %s: %s", co.root ? co.root : co.procfs ?
		    co.procfs : "/proc", rm_strerror(r));
		snapshot_free(&s);
		ioc_free(&ioc);
		cmd_out_close(&o, 0);
		return EXIT_ERROR;
	}
	detect_run(&s, &fs);
	if (yara) {
		yo.progress = co.progress;
		cmd_yara_scan_host(&s, &fs, &yo, co.procfs, yrules, nyrules,
		    yara_cache, co.memory);
	} else {
		snapshot_skip(&s, "yara", "--no-yara: no content scan");
	}
	for (size_t i = 0; i < fs.ntally; i++)
		if (fs.tally[i].dropped)
			snapshot_skip(&s, fs.tally[i].rule->id, "%llu more "
			    "findings of this rule were not kept (at most %u "
			    "per rule and severity)",
			    (unsigned long long)fs.tally[i].dropped,
			    (unsigned)RM_FINDINGS_PER_RULE);
	buf_init(&awarn, 4096);
	allow_load(&allow, allow_path, &awarn);
	if (awarn.len)
		snapshot_skip(&s, "allow-list", "%s", awarn.data);
	allow_apply(&allow, &fs);
	allow_free(&allow);
	buf_free(&awarn);
	findings_filter(&fs, (enum severity)min_sev);
	findings_sort(&fs);
	/* tie the findings into incidents; a confirmed miner raises its
	 * incident's findings, so sort (and number) them again */
	{
		struct incident_opts io = { .now = rep.started_ms / 1000 };
		struct login_event_view *lv = xcalloc(s.nlogins ? s.nlogins :
		    1, sizeof(*lv));

		/* the login records (collect/logins.c) as the timeline's
		 * optional input; the events copy their text */
		for (size_t i = 0; i < s.nlogins; i++) {
			const struct login_event *e = &s.logins[i];

			lv[i] = (struct login_event_view){ .time = e->time,
			    .kind = login_kind_text(e->kind), .user = e->user,
			    .from = e->from, .method = e->method,
			    .key_fp = e->key_fp, .source = e->source ==
			    LS_WTMP ? "wtmp" : "auth.log" };
		}
		io.logins = lv;
		io.nlogins = s.nlogins;
		incidents_build(&inc, &s, &fs, &io);
		free(lv);
		if (inc.dropped)
			snapshot_skip(&s, "incidents", "%zu more incidents were "
			    "not listed (at most %u per scan)", inc.dropped,
			    (unsigned)RM_INCIDENTS_MAX);
		findings_sort(&fs);
		incidents_order(&inc);
	}
	rep.inc = &inc;
	rep.s = &s;
	rep.fs = &fs;
	rep.duration_ms = (io_now_ns() - t0) / 1000000u;
	rep.cpu_window = co.root ? 0 : co.cpu_window;

	if (fmt == FMT_TEXT) {
		out_text(out, &rep, !no_color && isatty(fileno(out)));
	} else {
		struct buf b;

		buf_init(&b, (size_t)1 << 31);
		if (fmt == FMT_JSON)
			out_json(&b, &rep);
		else
			out_ndjson(&b, &rep);
		if (b.len)
			fwrite(b.data, 1, b.len, out);
		buf_free(&b);
	}
	status = !rep.fail_never && findings_count_at_least(&fs, rep.fail_on)
	    ? EXIT_FOUND : EXIT_CLEAN;
	if (cmd_out_close(&o, 1) != 0)
		status = EXIT_ERROR;
	incidents_free(&inc);
	findings_free(&fs);
	snapshot_free(&s);
	ioc_free(&ioc);
	return status;
}

const struct cmd_entry cmd_scan_entry = {
	.name = "scan",
	.summary = "sweep this host, or a disk image with --root",
	.usage = usage,
	.exec = exec_scan,
};
