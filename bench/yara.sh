#!/bin/bash
# bench/yara.sh [--quick] [--only=c,d,e] [BUILD_DIR]
#
# YARA content scanning, measured (never pass/fail): rookmelder's YARA
# engine against the yara CLI of the same libyara, on the same tree with
# the same rules, plus what the YARA pass adds to a host scan.
#
#   e. (runs first, while no benchmark tree exists: a host scan walks
#      /tmp and /var/tmp) `rookmelder scan --cpu-window 0 --format json`
#      with and without --no-yara, with the compiled-rules cache warm and
#      cold (--no-yara-cache, and one run on an empty cache directory);
#      the rule load time (scan.yara.load_ms) of the built-in rules and of
#      the third-party sets in YARA_SETS (compiled vs cached);
#   c. a tree like the project's performance anchors' (bench/yara-tree.py:
#      20,000 small text files cut from text on this host, ~400 ELF files
#      copied from /usr/lib/x86_64-linux-gnu, 100 random blobs of 1-8 MiB,
#      four 40 MiB logs, 40 gzip/xz/PNG/SQLite files, planted miner
#      strings) and a 21-rule miner set (bench/yara-miner20.yar), warm in
#      the page cache:
#        yara -r -p 2 RULES TREE          yara -r -p 1 RULES TREE
#        rookmelder yara --no-builtin --yara-rules RULES --all-files
#          --max-size 1G --format json -p 2 TREE  (and -p 1): the same work
#        rookmelder yara ... -p 2 TREE    (default mode: skips formats)
#      wall, CPU, peak RSS, MB/s, the ratio yara/rookmelder, and a check
#      that yara and rookmelder found the same (file, rule) pairs (the
#      difference is printed when not);
#   d. memory with tree size: YB_MANY small files (1,000 per directory,
#      bench/yara-manyfiles.c) scanned by rookmelder yara -p 2 and by
#      yara -r -p 2 (one run each), and by rookmelder on a tree ten times
#      smaller: wall and peak RSS.
#
# --quick: a tree ten times smaller, 200,000 instead of 1,000,000 small
# files, fewer runs.  Output: a markdown report on stdout and in
# BUILD_DIR/bench-yara.md (raw runstat lines in BUILD_DIR/bench-yara-raw.txt).
# `make bench-yara` builds rookmelder and runs `bench/yara.sh build`;
# bench/run.sh (the host-scan peers) does not run this.  Nothing here
# touches the network; the trees live in one temporary directory under
# YB_TMPDIR, deleted at the end (also on Ctrl-C).
#
# Environment knobs (defaults in brackets; --quick in parentheses):
#   YB_RUNS [5] (3)          runs per command in c (median; 1 warm-up)
#   YB_SCAN_RUNS [7] (3)     runs per scan variant in e
#   YB_LOAD_RUNS [5] (3)     runs per rule set in e
#   YB_SCALE [1] (0.1)       size of the tree in c
#   YB_MANY [1000000] (200000)  files in d (0: skip d)
#   YB_TMPDIR [BUILD_DIR]    where the trees are made: NOT under /tmp or
#                            /var/tmp by default, which a host scan walks
#   YB_TREE                  an existing tree to use in c (not deleted)
#   YARA_SETS [/work/shared/material/yara/*]  third-party rule sets (dirs)
#   YB_MAX_S [1800]          a run still going after this is killed ("≥")
#   QUIET_PCT [10]  QUIET_MAX_S [60]   wait for < QUIET_PCT % CPU busy
#                                      (at most QUIET_MAX_S s) before a block
set -u

usage() {
	echo "usage: $0 [--quick] [--only=c,d,e] [BUILD_DIR]" >&2
	exit 2
}

QUICK=0
BUILD=
ONLY=
for a in "$@"; do
	case $a in
	--quick) QUICK=1 ;;
	--only=*) ONLY=${a#--only=} ;;
	-h | --help) usage ;;
	-*) usage ;;
	*) [ -z "$BUILD" ] || usage; BUILD=$a ;;
	esac
done
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1

if [ "$QUICK" = 1 ]; then
	YB_RUNS=${YB_RUNS:-3}; YB_SCAN_RUNS=${YB_SCAN_RUNS:-3}
	YB_LOAD_RUNS=${YB_LOAD_RUNS:-3}; YB_SCALE=${YB_SCALE:-0.1}
	YB_MANY=${YB_MANY:-200000}
else
	YB_RUNS=${YB_RUNS:-5}; YB_SCAN_RUNS=${YB_SCAN_RUNS:-7}
	YB_LOAD_RUNS=${YB_LOAD_RUNS:-5}; YB_SCALE=${YB_SCALE:-1}
	YB_MANY=${YB_MANY:-1000000}
fi
YB_TMPDIR=${YB_TMPDIR:-$BUILD}
YB_TREE=${YB_TREE:-}
YB_MAX_S=${YB_MAX_S:-1800}
QUIET_PCT=${QUIET_PCT:-10}
QUIET_MAX_S=${QUIET_MAX_S:-60}
if [ -z "${YARA_SETS+x}" ]; then
	YARA_SETS=
	for d in /work/shared/material/yara/*/; do
		[ -d "$d" ] && YARA_SETS="$YARA_SETS ${d%/}"
	done
fi

RM=$BUILD/rookmelder
RS=$BUILD/bench/runstat
MF=$BUILD/bench/yara-manyfiles
RULES=$ROOT/bench/yara-miner20.yar
REPORT=$BUILD/bench-yara.md
RAW=$BUILD/bench-yara-raw.txt
# the benchmarks never ask a real instance metadata service
export ROOKMELDER_IMDS_PROBE=0

log() { printf 'bench-yara: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
want() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }
have() { command -v "$1" >/dev/null 2>&1; }

# ---- cleanup ----------------------------------------------------------------

TMPD=
RS_PID=
cleanup() {
	trap - INT TERM HUP EXIT
	if [ -n "$RS_PID" ]; then
		kill -TERM "$RS_PID" 2>/dev/null  # runstat kills its command
		wait "$RS_PID" 2>/dev/null
	fi
	[ -n "$TMPD" ] && rm -rf "$TMPD"
}
on_signal() {
	log "interrupted: removing the trees"
	cleanup
	exit 130
}
trap on_signal INT TERM HUP
trap cleanup EXIT

[ -x "$RM" ] || die "$RM missing: run 'make' (or 'make bench-yara')"
have jq || die "jq missing (apt-get install jq)"
have python3 || die "python3 missing"
YARA=$(command -v yara 2>/dev/null)
[ -n "$YARA" ] || log "yara CLI missing: its rows are skipped (apt-get install yara)"
mkdir -p "$BUILD/bench" "$YB_TMPDIR" || exit 1
${CC:-cc} -O2 -std=c11 -Wall -Wextra -o "$RS" bench/runstat.c ||
	die "cannot build runstat"
${CC:-cc} -O2 -std=c11 -Wall -Wextra -o "$MF" bench/yara-manyfiles.c ||
	die "cannot build yara-manyfiles"
TMPD=$(mktemp -d "$YB_TMPDIR/yara-bench.XXXXXX") || die "mktemp failed"
: >"$RAW"

# ---- helpers (as in bench/run.sh) -------------------------------------------

cpu_jiffies() {
	local c u n s i w q sq st r
	read -r c u n s i w q sq st r </proc/stat
	echo "$((u + n + s + q + sq + st)) $((u + n + s + q + sq + st + i + w))"
}
cpu_busy() {
	local a b
	a=$(cpu_jiffies); sleep 1; b=$(cpu_jiffies)
	awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
		t = y[2] - x[2]; printf "%d\n", (t > 0 ? 100 * (y[1] - x[1]) / t : 0) }'
}
LAST_BUSY=0
wait_quiet() {
	local t=0 b
	while :; do
		b=$(cpu_busy)
		[ "$b" -lt "$QUIET_PCT" ] && break
		t=$((t + 1))
		if [ "$t" -ge "$QUIET_MAX_S" ]; then
			log "machine still ${b}% busy after ${QUIET_MAX_S}s; measuring anyway"
			break
		fi
	done
	LAST_BUSY=$b
}
kv() {
	local k=$1 w
	for w in $2; do
		case $w in "$k="*) echo "${w#*=}"; return ;; esac
	done
	echo ""
}
calc() { awk "BEGIN { printf \"$1\n\", $2 }"; }
med() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "";
	else if (NR % 2) print a[(NR + 1) / 2];
	else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# measure LABEL RUNS WARMUP CMD... -> RES (runstat line + busy %, load)
RES=
measure() {
	local label=$1 runs=$2 warm=$3 rc j0 j1 l0 busy
	shift 3
	RES=
	j0=$(cpu_jiffies); l0=$(load1)
	log "$label ($runs runs)"
	"$RS" -n "$runs" -w "$warm" -t "$YB_MAX_S" -l "$label" -- "$@" \
		>"$TMPD/rs.out" &
	RS_PID=$!
	wait "$RS_PID"; rc=$?
	RS_PID=
	j1=$(cpu_jiffies)
	[ "$rc" -eq 0 ] || { log "$label: runstat exit $rc"; return 1; }
	busy=$(awk -v a="$j0" -v b="$j1" 'BEGIN { split(a, x, " ");
		split(b, y, " "); t = y[2] - x[2];
		printf "%.0f", (t > 0 ? 100 * (y[1] - x[1]) / t : 0) }')
	RES="$(grep '^label=' "$TMPD/rs.out") busy_pct=$busy load_before=$l0 quiet_before_pct=$LAST_BUSY"
	printf '%s\n' "$RES" >>"$RAW"
}

MD=$TMPD/report.md
: >"$MD"
out() { printf '%s\n' "$*" >>"$MD"; }
ge() { [ "$(kv timeouts "$1")" = 1 ] && printf '≥ '; }
s1() { calc '%.2f' "$1/1000"; }   # ms -> s
# row NAME LINE [BYTES] -> | name | wall s (min–max) | cpu s | u+s | RSS | MB/s | busy |
row() {
	local l=$2 b=${3:-} g mbs=–
	g=$(ge "$l")
	[ -n "$b" ] && mbs=$(calc '%.0f' "$b/1e6/($(kv wall_ms_med "$l")/1000)")
	out "| $1 | $g$(s1 "$(kv wall_ms_med "$l")") ($(s1 "$(kv wall_ms_min "$l")")–$(s1 "$(kv wall_ms_max "$l")")) | $g$(s1 "$(kv cpu_ms_med "$l")") | $(s1 "$(kv user_ms_med "$l")") + $(s1 "$(kv sys_ms_med "$l")") | $(calc '%.1f' "$(kv rss_kb_max "$l")/1024") | $mbs | $(kv busy_pct "$l") / $(kv load_before "$l") |"
}
ratio() { # a b -> a/b
	if [ -z "$1" ] || [ -z "$2" ]; then echo "n/a"; return; fi
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×\n", a / b; else print "n/a" }'
}

HEADER="| Command | Wall s, median (min–max) | CPU s | user + sys s | Peak RSS MiB | MB/s | Busy % / load |"
HSEP="|---|---|---|---|---|---|---|"

out "# rookmelder YARA benchmark"
out ""
out "Generated by \`bench/yara.sh$( [ "$QUICK" = 1 ] && echo ' --quick')\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
out ""
out "Machine: $(nproc) vCPU ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)),"
out "$(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r), Debian $(cat /etc/debian_version 2>/dev/null || echo '?');"
out "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; $(find /tmp /var/tmp -xdev -type f 2>/dev/null | wc -l) files in /tmp + /var/tmp."
out "Source: commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git status --porcelain -- src Makefile 2>/dev/null)" ] && echo ' + uncommitted changes in src/ or Makefile');"
out "$("$RM" --version 2>/dev/null | head -1), yara $("$YARA" --version 2>/dev/null || echo missing), libyara $(dpkg-query -W -f='${Version}' libyara9 2>/dev/null || echo '?')."
out ""
out "Each row: \`bench/runstat\` (fork+exec per run, output to /dev/null), median"
out "(min–max) wall; CPU = user+sys (all threads); peak RSS = ru_maxrss, max"
out "over the runs.  Every block waited for < ${QUIET_PCT} % CPU busy (at most"
out "${QUIET_MAX_S} s).  \"Busy %\" = share of all $(nproc) CPUs in use while the block"
out "ran, the measured tool included; \"load\" = 1-minute load average before it."
out "The machine is shared: a busy % above what the tool itself uses, or a"
out "load above $(nproc), means other work ran at the same time."
out ""

# ---- e. the YARA pass of a host scan, rule load times ---------------------

if want e; then
	CACHE=$TMPD/cache
	export ROOKMELDER_CACHE_DIR=$CACHE
	SCAN=("$RM" scan --cpu-window 0 --format json)
	log "e. host scan with and without the YARA pass"
	"${SCAN[@]}" -o "$TMPD/scan.json" 2>/dev/null  # fills the cache
	wait_quiet
	measure "scan --no-yara" "$YB_SCAN_RUNS" 1 "${SCAN[@]}" --no-yara &&
		E_NO=$RES || E_NO=
	wait_quiet
	measure "scan (YARA, cache warm)" "$YB_SCAN_RUNS" 1 "${SCAN[@]}" &&
		E_YES=$RES || E_YES=
	wait_quiet
	measure "scan --no-yara-cache" "$YB_SCAN_RUNS" 1 "${SCAN[@]}" \
		--no-yara-cache && E_NOC=$RES || E_NOC=
	rm -rf "$CACHE"
	measure "scan (YARA, empty cache dir)" 1 0 "${SCAN[@]}" -o "$TMPD/cold.json" &&
		E_COLD=$RES || E_COLD=
	"${SCAN[@]}" -o "$TMPD/scan.json" 2>/dev/null
	out "## YARA pass of a host scan"
	out ""
	out "\`rookmelder scan --cpu-window 0 --format json\` on this host (ROOKMELDER_IMDS_PROBE=0,"
	out "ROOKMELDER_CACHE_DIR in a temporary directory)."
	out ""
	out "$HEADER"
	out "$HSEP"
	[ -n "$E_NO" ] && row "\`scan --no-yara\`" "$E_NO"
	[ -n "$E_YES" ] && row "\`scan\` (YARA, compiled rules cached)" "$E_YES"
	[ -n "$E_NOC" ] && row "\`scan --no-yara-cache\` (rules compiled every run)" "$E_NOC"
	[ -n "$E_COLD" ] && row "\`scan\`, empty cache directory (1 run)" "$E_COLD"
	out ""
	if [ -n "$E_NO" ] && [ -n "$E_YES" ]; then
		out "* Added by the YARA pass: $(s1 "$(calc '%.0f' "$(kv wall_ms_med "$E_YES")-$(kv wall_ms_med "$E_NO")")") s wall, $(s1 "$(calc '%.0f' "$(kv cpu_ms_med "$E_YES")-$(kv cpu_ms_med "$E_NO")")") s CPU (medians)."
	fi
	jq -r '.scan.yara | "* What it scanned: \(.rules) rules, \(.files) files (\(.bytes / 1e6 | floor) MB), \(.processes) processes (\(.memory_bytes / 1e6 | floor) MB of memory); skipped \(.skipped.size) by size, \(.skipped.format) by format; load \(.load_ms) ms (cached: \(.cached)), scan \(.scan_ms) ms."' \
		"$TMPD/scan.json" >>"$MD" 2>/dev/null
	[ -f "$TMPD/cold.json" ] && jq -r '.scan.yara | "* Empty cache directory: rules compiled in \(.load_ms) ms (cached: \(.cached))."' \
		"$TMPD/cold.json" >>"$MD" 2>/dev/null
	out ""

	log "e. rule load times"
	: >"$TMPD/empty"
	out "## Rule load time (scan.yara.load_ms)"
	out ""
	out "\`rookmelder yara [--no-builtin --yara-rules SET] --format json EMPTYFILE\`; compiled ="
	out "\`--no-cache\`, cached = the compiled set read from the cache; medians of $YB_LOAD_RUNS."
	out ""
	out "| Rule set | Rule files | Rules compiled | Rules failed | Compiled: load ms | Cached: load ms | Wall ms compiled / cached |"
	out "|---|---|---|---|---|---|---|"
	for set in builtin $YARA_SETS; do
		if [ "$set" = builtin ]; then a=(); name="built-in"
		else a=(--no-builtin --yara-rules "$set"); name=$(basename "$set"); fi
		for mode in compiled cached; do
			: >"$TMPD/l.$mode"; : >"$TMPD/w.$mode"
			c=(); [ "$mode" = compiled ] && c=(--no-cache)
			"$RM" yara "${a[@]}" "${c[@]}" --format json -o "$TMPD/l.json" "$TMPD/empty" 2>/dev/null
			for _ in $(seq 1 "$YB_LOAD_RUNS"); do
				t0=$(date +%s%N)
				"$RM" yara "${a[@]}" "${c[@]}" --format json -o "$TMPD/l.json" "$TMPD/empty" 2>/dev/null
				t1=$(date +%s%N)
				echo $(((t1 - t0) / 1000000)) >>"$TMPD/w.$mode"
				jq -r .scan.yara.load_ms "$TMPD/l.json" >>"$TMPD/l.$mode"
			done
		done
		out "| $name | $(jq -r .scan.yara.rule_files "$TMPD/l.json") | $(jq -r .scan.yara.rules "$TMPD/l.json") | $(jq -r .scan.yara.rules_failed "$TMPD/l.json") | $(med <"$TMPD/l.compiled") | $(med <"$TMPD/l.cached") | $(med <"$TMPD/w.compiled") / $(med <"$TMPD/w.cached") |"
	done
	out ""
	unset ROOKMELDER_CACHE_DIR
fi

# ---- c. the tree: yara vs rookmelder ---------------------------------------

if want c; then
	export ROOKMELDER_CACHE_DIR=$TMPD/cache
	if [ -n "$YB_TREE" ]; then
		TREE=$YB_TREE
	else
		TREE=$TMPD/tree
		log "c. building the tree (scale $YB_SCALE)"
		python3 bench/yara-tree.py "$TREE" "$YB_SCALE" >"$TMPD/tree.txt" ||
			die "yara-tree.py failed"
	fi
	NF=$(find "$TREE" -type f | wc -l)
	NB=$(find "$TREE" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
	find "$TREE" -type f -print0 | xargs -0 cat >/dev/null  # warm
	RMA=(--no-builtin --yara-rules "$RULES" --format json)
	"$RM" yara "${RMA[@]}" -p 2 "$TREE" >/dev/null 2>&1   # fills the cache
	declare -A C
	for p in 2 1; do
		if [ -n "$YARA" ]; then
			wait_quiet
			measure "yara -r -p $p" "$YB_RUNS" 1 "$YARA" -r -p "$p" "$RULES" "$TREE" &&
				C[y$p]=$RES
		fi
		wait_quiet
		measure "rookmelder yara -p $p --all-files" "$YB_RUNS" 1 "$RM" yara "${RMA[@]}" \
			-p "$p" --all-files --max-size 1G "$TREE" && C[r$p]=$RES
	done
	wait_quiet
	measure "rookmelder yara -p 2 (default)" "$YB_RUNS" 1 "$RM" yara "${RMA[@]}" -p 2 "$TREE" &&
		C[rd]=$RES

	# the same matches?
	SAME="not checked (yara missing)"
	"$RM" yara "${RMA[@]}" -p 2 --all-files --max-size 1G -o "$TMPD/rm.json" "$TREE" 2>/dev/null
	"$RM" yara "${RMA[@]}" -p 2 -o "$TMPD/rmd.json" "$TREE" 2>/dev/null
	jq -r '.findings[] | .file.path as $p | .yara.matches[] | "\($p) \(.rule)"' \
		"$TMPD/rm.json" | sort >"$TMPD/rm.set"
	if [ -n "$YARA" ]; then
		"$YARA" -r -p 2 "$RULES" "$TREE" 2>"$TMPD/yara.err" |
			awk '{ r = $1; sub(/^[^ ]+ /, ""); print $0 " " r }' | sort >"$TMPD/y.set"
		if cmp -s "$TMPD/y.set" "$TMPD/rm.set"; then
			SAME="**same**: $(wc -l <"$TMPD/y.set") (file, rule) pairs in $(cut -d' ' -f1 "$TMPD/y.set" | sort -u | wc -l) files"
		else
			SAME="**DIFFERENT**: yara $(wc -l <"$TMPD/y.set") pairs, rookmelder $(wc -l <"$TMPD/rm.set"); \`diff yara rookmelder\`:"
		fi
	fi

	out "## YARA vs rookmelder on the same tree"
	out ""
	if [ -z "$YB_TREE" ]; then
		out "Tree (\`bench/yara-tree.py DIR $YB_SCALE\`): $NF files, $(calc '%.0f' "$NB/1e6") MB: $(cat "$TMPD/tree.txt");"
	else
		out "Tree \`$YB_TREE\`: $NF files, $(calc '%.0f' "$NB/1e6") MB;"
	fi
	for d in text elf blob log packed drop; do
		[ -d "$TREE/$d" ] || continue
		printf '%s ' "$d/ $(find "$TREE/$d" -type f | wc -l) files $(du -sm "$TREE/$d" | cut -f1) MiB;" >>"$MD"
	done
	out ""
	out "rules \`bench/yara-miner20.yar\` ($(grep -c '^rule' "$RULES") rules). Page cache warm. MB/s = tree bytes / wall"
	out "(the default mode scanned $(jq -r '.scan.yara.bytes / 1e6 | floor' "$TMPD/rmd.json" 2>/dev/null) MB of them: $(jq -r '.scan.yara.skipped.format' "$TMPD/rmd.json" 2>/dev/null) files skipped by format)."
	out "\`RMY\` = \`rookmelder yara --no-builtin --yara-rules bench/yara-miner20.yar --format json\`."
	out ""
	out "$HEADER"
	out "$HSEP"
	[ -n "${C[y2]:-}" ] && row "\`yara -r -p 2 RULES TREE\`" "${C[y2]}" "$NB"
	[ -n "${C[r2]:-}" ] && row "\`RMY -p 2 --all-files --max-size 1G TREE\`" "${C[r2]}" "$NB"
	[ -n "${C[y1]:-}" ] && row "\`yara -r -p 1 RULES TREE\`" "${C[y1]}" "$NB"
	[ -n "${C[r1]:-}" ] && row "\`RMY -p 1 --all-files --max-size 1G TREE\`" "${C[r1]}" "$NB"
	[ -n "${C[rd]:-}" ] && row "\`RMY -p 2 TREE\` (default: formats skipped, 64M cap)" "${C[rd]}" "$NB"
	out ""
	out "* yara / rookmelder wall, -p 2: $(ratio "$(kv wall_ms_med "${C[y2]:-}")" "$(kv wall_ms_med "${C[r2]:-}")"); -p 1: $(ratio "$(kv wall_ms_med "${C[y1]:-}")" "$(kv wall_ms_med "${C[r1]:-}")") (> 1: rookmelder faster)."
	out "* yara / rookmelder CPU, -p 2: $(ratio "$(kv cpu_ms_med "${C[y2]:-}")" "$(kv cpu_ms_med "${C[r2]:-}")"); -p 1: $(ratio "$(kv cpu_ms_med "${C[y1]:-}")" "$(kv cpu_ms_med "${C[r1]:-}")")."
	out "* Matches, yara -r -p 2 vs rookmelder --all-files: $SAME"
	if [[ $SAME == *DIFFERENT* ]]; then
		out ""
		out '```'
		diff "$TMPD/y.set" "$TMPD/rm.set" | head -50 >>"$MD"
		out '```'
	fi
	[ -s "$TMPD/yara.err" ] && out "* yara's stderr: $(head -3 "$TMPD/yara.err" | tr '\n' ' ')"
	jq -r '"* rookmelder default mode: \(.findings | length) files with matches; scan.yara: \(.scan.yara | tostring)"' \
		"$TMPD/rmd.json" >>"$MD" 2>/dev/null
	out ""
	[ -z "$YB_TREE" ] && rm -rf "$TREE"
	unset ROOKMELDER_CACHE_DIR
fi

# ---- d. many small files: memory -------------------------------------------

if want d && [ "$YB_MANY" -gt 0 ]; then
	export ROOKMELDER_CACHE_DIR=$TMPD/cache
	: >"$TMPD/empty"
	# compile and cache the rules now: a compile would add its own peak
	"$RM" yara --no-builtin --yara-rules "$RULES" --format json \
		"$TMPD/empty" >/dev/null 2>&1
	small=$((YB_MANY / 10))
	declare -A D
	out "## Many small files: memory and time"
	out ""
	out "\`bench/yara-manyfiles DIR N\`: N files of 64–1023 bytes, 1,000 per directory, one"
	out "in 100,000 with a stratum URL. One run each (after the tree was written: warm)."
	out ""
	out "| Command | Files | Wall s | CPU s | user + sys s | Peak RSS MiB | Busy % / load | wall µs per file |"
	out "|---|---|---|---|---|---|---|---|"
	for n in "$small" "$YB_MANY"; do
		log "d. writing $n files"
		t0=$(date +%s%N)
		"$MF" "$TMPD/many" "$n" >"$TMPD/many.txt" || { log "yara-manyfiles failed"; break; }
		t1=$(date +%s%N)
		mk=$(((t1 - t0) / 1000000))
		wait_quiet
		measure "rookmelder yara -p 2 ($n files)" 1 0 "$RM" yara --no-builtin \
			--yara-rules "$RULES" --format json -p 2 -o "$TMPD/many.json" "$TMPD/many" &&
			D[r$n]=$RES
		if [ "$n" = "$YB_MANY" ] && [ -n "$YARA" ]; then
			wait_quiet
			measure "yara -r -p 2 ($n files)" 1 0 "$YARA" -r -p 2 "$RULES" "$TMPD/many" &&
				D[y$n]=$RES
		fi
		for k in r y; do
			l=${D[$k$n]:-}
			[ -n "$l" ] || continue
			nm="\`RMY -p 2 DIR\`"; [ $k = y ] && nm="\`yara -r -p 2 RULES DIR\`"
			out "| $nm | $n | $(ge "$l")$(s1 "$(kv wall_ms_med "$l")") | $(s1 "$(kv cpu_ms_med "$l")") | $(s1 "$(kv user_ms_med "$l")") + $(s1 "$(kv sys_ms_med "$l")") | $(calc '%.1f' "$(kv rss_kb_max "$l")/1024") | $(kv busy_pct "$l") / $(kv load_before "$l") | $(calc '%.0f' "$(kv wall_ms_med "$l")*1000/$n") |"
		done
		[ -f "$TMPD/many.json" ] && jq -r --arg n "$n" '"* \($n) files: rookmelder scanned \(.scan.yara.files) files, \(.findings | length) matched; \(.scan.skipped | length) skip notes"' \
			"$TMPD/many.json" >>"$MD" 2>/dev/null
		out "* writing the $n files took $(s1 "$mk") s ($(cat "$TMPD/many.txt"))"
		log "d. deleting $n files"
		rm -rf "$TMPD/many" "$TMPD/many.json"
	done
	l1=${D[r$small]:-}; l2=${D[r$YB_MANY]:-}
	if [ -n "$l1" ] && [ -n "$l2" ]; then
		out "* rookmelder's peak RSS grew by $(calc '%.1f' "($(kv rss_kb_max "$l2")-$(kv rss_kb_max "$l1"))/1024") MiB from $small to $YB_MANY files ($(calc '%.1f' "($(kv rss_kb_max "$l2")-$(kv rss_kb_max "$l1"))*1024/($YB_MANY-$small)") bytes per file)."
	fi
	out ""
	unset ROOKMELDER_CACHE_DIR
fi

out "Raw runstat lines: \`$(basename "$BUILD")/bench-yara-raw.txt\`."
cp "$MD" "$REPORT"
cat "$MD"
log "report written to $REPORT"
