#!/bin/bash
# bench/run.sh [--quick] [--no-deps] [--only=a,b,c,d] [BUILD_DIR]
#
# Runs rookmelder and its peers side by side on this host, in this run, and
# reports medians and ratios (never pass/fail timings):
#
#   a. host scan: `rookmelder scan --cpu-window 0 --no-packages --format json` vs
#      `unhide proc` vs `chkrootkit` (skipped with --quick: it takes
#      minutes), each run by bench/runstat (wall, user+sys CPU, peak RSS);
#      plus a floor (`true`) and two calibration rows (syscall-bound dd,
#      CPU-bound awk) that show how fast the machine was during this run;
#   b. scaling: with 100, 1,000 and 10,000 extra sleeping processes
#      (spawn-sleepers), rookmelder scan and `unhide proc` again, CPU per
#      process; rookmelder's static build at 1,000;
#   c. mining: what finding a miner costs (1,000 sleepers, with and without
#      a running miner - the tests' fakeminer, disguised as a kworker, and
#      testpool, both in a network namespace with only loopback), and the
#      time from a miner's start to a high or critical RM-MIN-001 with the
#      default CPU window; the peers' method (a miner's name or a stratum
#      URL in a command line) run on the same miner, found or not;
#      (a-c measure the per-process work with --no-packages: the package
#      and setuid walk is a fixed cost of its own, measured in d)
#   d. persistence and rootkits: the full scan vs `rkhunter --check --sk`,
#      `unhide brute` and chkrootkit on this host, and what rookmelder
#      (--root) and `chkrootkit -r` report on the campaign images the
#      end-to-end tests build (tests/e2e/campaigns.sh);
#   e. a markdown report on stdout and in BUILD_DIR/bench-results.md (raw
#      runstat lines in BUILD_DIR/bench-raw.txt).  docs/PERFORMANCE.md holds
#      a committed copy, updated by hand.
#
# `make bench` runs it as `bench/run.sh build` after building rookmelder and
# the test helpers.  YARA content scanning has its own script,
# bench/yara.sh (`make bench-yara`): it builds a 1.3 GB tree and a million
# small files, too long and too different for a section here.  Missing
# peers are reported as missing, not as failures.
# Nothing here touches the network; only scripts/deps-debian.sh may (it
# installs chkrootkit/unhide when they are missing; skip with --no-deps).
#
# Environment knobs (defaults in brackets):
#   RM_RUNS [11]  UNHIDE_RUNS [3]  CHK_RUNS [1]      host comparison
#   SCALE_NS ["100 1000 10000"]  SCALE_RM_RUNS [7]  SCALE_UNHIDE_RUNS [2]
#   RKH_RUNS [1]  RKH_MAX_S [1800]  BRUTE_RUNS [3]   section d
#   UNHIDE_MAX_S [300]  CHK_MAX_S [1800]   a run still going after this
#                       is killed and reported as "≥" (lower bounds):
#                       `unhide proc` grows ~quadratically with processes
#   QUIET_PCT [10]  QUIET_MAX_S [60]   wait for < QUIET_PCT % CPU busy
#                                      (at most QUIET_MAX_S s) before a block
set -u

usage() {
	echo "usage: $0 [--quick] [--no-deps] [--only=a,b,c,d] [BUILD_DIR]" >&2
	exit 2
}

QUICK=0
DEPS=1
BUILD=
ONLY=
for a in "$@"; do
	case $a in
	--quick) QUICK=1 ;;
	--only=*) ONLY=${a#--only=} ;;
	--no-deps) DEPS=0 ;;
	-h | --help) usage ;;
	-*) usage ;;
	*) [ -z "$BUILD" ] || usage; BUILD=$a ;;
	esac
done
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1

RM_RUNS=${RM_RUNS:-11}
UNHIDE_RUNS=${UNHIDE_RUNS:-3}
CHK_RUNS=${CHK_RUNS:-1}
SCALE_NS=${SCALE_NS:-"100 1000 10000"}
SCALE_RM_RUNS=${SCALE_RM_RUNS:-7}
SCALE_UNHIDE_RUNS=${SCALE_UNHIDE_RUNS:-2}
UNHIDE_MAX_S=${UNHIDE_MAX_S:-300}
CHK_MAX_S=${CHK_MAX_S:-1800}
QUIET_PCT=${QUIET_PCT:-10}
QUIET_MAX_S=${QUIET_MAX_S:-60}

RM=$BUILD/rookmelder
# the benchmarks never ask a real instance metadata service
export ROOKMELDER_IMDS_PROBE=0
RM_STATIC=$BUILD/rookmelder-static
SP=$BUILD/helpers/spawn-sleepers
RS=$BUILD/bench/runstat
REPORT=$BUILD/bench-results.md
RAW=$BUILD/bench-raw.txt

log() { printf 'bench: %s\n' "$*" >&2; }
# want X: section X runs (all of them unless --only=LIST)
want() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }
die() { log "$*"; exit 1; }

# ---- cleanup: every process this script started, also on Ctrl-C -----------

TMPD=
RS_PID=
SP_PID=
MINER_PID=

stop_miner() {
	[ -n "$MINER_PID" ] || return 0
	# the pool and the miner die with their shell (PR_SET_PDEATHSIG)
	pkill -KILL -P "$MINER_PID" 2>/dev/null
	kill -KILL "$MINER_PID" 2>/dev/null
	wait "$MINER_PID" 2>/dev/null
	MINER_PID=
}

stop_sleepers() {
	local i
	[ -n "$SP_PID" ] || return 0
	exec 7>&-                    # EOF on their stdin: they kill and reap
	for i in $(seq 1 300); do
		kill -0 "$SP_PID" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$SP_PID" 2>/dev/null; then
		kill -TERM "$SP_PID" 2>/dev/null
		sleep 1
		# children have PR_SET_PDEATHSIG(SIGKILL): they die with it
		kill -KILL "$SP_PID" 2>/dev/null
	fi
	wait "$SP_PID" 2>/dev/null
	SP_PID=
}

cleanup() {
	trap - INT TERM HUP EXIT
	if [ -n "$RS_PID" ]; then
		# runstat kills the measured command's process group
		kill -TERM "$RS_PID" 2>/dev/null
		wait "$RS_PID" 2>/dev/null
		RS_PID=
	fi
	stop_sleepers
	stop_miner
	[ -n "$TMPD" ] && rm -rf "$TMPD"
}
on_signal() {
	log "interrupted: stopping everything this script started"
	cleanup
	exit 130
}
trap on_signal INT TERM HUP
trap cleanup EXIT

TMPD=$(mktemp -d "${TMPDIR:-/tmp}/rm-bench.XXXXXX") || die "mktemp failed"

# ---- prerequisites ---------------------------------------------------------

[ -x "$RM" ] || die "$RM missing: run 'make' (or 'make bench')"
[ -x "$SP" ] || die "$SP missing: run 'make helpers' (or 'make bench')"

if [ "$DEPS" = 1 ]; then
	scripts/deps-debian.sh bench ||
		log "deps-debian.sh bench failed; missing peers are skipped"
fi

mkdir -p "$BUILD/bench"
${CC:-cc} -O2 -std=c11 -Wall -Wextra -o "$RS" bench/runstat.c ||
	die "cannot build runstat"

if ! make --no-print-directory O="$BUILD" static >&2; then
	log "make static failed: static build not measured"
	RM_STATIC=
fi

have() { command -v "$1" >/dev/null 2>&1; }
CHK=$(command -v chkrootkit 2>/dev/null)
UNHIDE=$(command -v unhide 2>/dev/null)
pkgver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }

: >"$RAW"
CHK_HOST=
CHK_NOTE="not run (section a only)"
declare -A SRM SUN SPROCS

# ---- helpers -------------------------------------------------------------

# /proc/stat "cpu" line -> "busy total" jiffies
cpu_jiffies() {
	local c u n s i w q sq st r
	read -r c u n s i w q sq st r </proc/stat
	echo "$((u + n + s + q + sq + st)) $((u + n + s + q + sq + st + i + w))"
}

# busy % of all CPUs over 1 s, from /proc/stat
cpu_busy() {
	local c u n s i w q sq st r b1 t1 b2 t2
	read -r c u n s i w q sq st r </proc/stat
	b1=$((u + n + s + q + sq + st)); t1=$((b1 + i + w))
	sleep 1
	read -r c u n s i w q sq st r </proc/stat
	b2=$((u + n + s + q + sq + st)); t2=$((b2 + i + w))
	[ $((t2 - t1)) -gt 0 ] || { echo 0; return; }
	echo $(((b2 - b1) * 100 / (t2 - t1)))
}

# Wait until the machine is quiet (it is shared); prints the last busy %.
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

count_procs() {
	local d n=0
	for d in /proc/[0-9]*; do n=$((n + 1)); done
	echo "$n"
}

# kv KEY LINE -> value of KEY=... in a runstat line
kv() {
	local k=$1 w
	for w in $2; do
		case $w in "$k="*) echo "${w#*=}"; return ;; esac
	done
	echo ""
}

# measure LABEL RUNS WARMUP TIMEOUT CMD... -> sets RES (runstat line or
# empty); TIMEOUT 0 = none
RES=
measure() {
	local label=$1 runs=$2 warm=$3 tmo=$4 rc p0 p1 j0 j1 busy
	shift 4
	RES=
	p0=$(count_procs)
	j0=$(cpu_jiffies)
	"$RS" -n "$runs" -w "$warm" -t "$tmo" -l "$label" -- "$@" \
		>"$TMPD/rs.out" 7>&- &
	RS_PID=$!
	wait "$RS_PID"
	rc=$?
	RS_PID=
	j1=$(cpu_jiffies)
	p1=$(count_procs)
	if [ "$rc" -ne 0 ]; then
		log "$label: runstat exit $rc"
		return 1
	fi
	# share of all CPUs busy while the block ran (the tool included)
	busy=$(awk -v a="$j0" -v b="$j1" 'BEGIN { split(a, x, " ");
		split(b, y, " "); t = y[2] - x[2]; v = 0;
		if (t > 0) v = 100 * (y[1] - x[1]) / t;
		printf "%.0f", v }')
	RES="$(grep '^label=' "$TMPD/rs.out") procs_before=$p0 procs_after=$p1 busy_pct=$busy"
	printf '%s quiet_before_pct=%s\n' "$RES" "$LAST_BUSY" >>"$RAW"
	return 0
}

# "⚠" when the process count moved by > 5 % during a block (other load)
moved() {
	awk -v a="$(kv procs_before "$1")" -v b="$(kv procs_after "$1")" \
		'BEGIN { d = b - a; if (d < 0) d = -d;
		if (d > 20 && d > 0.05 * a) printf " ⚠ %d→%d processes", a, b }'
}

# awk arithmetic: calc 'expr' -> formatted number
calc() { awk "BEGIN { printf \"$1\n\", $2 }"; }

# Close every fd above 2 in this (sub)shell.
close_fds() {
	local f
	for f in /proc/self/fd/*; do
		f=${f##*/}
		[ "$f" -gt 2 ] 2>/dev/null && eval "exec $f>&-" 2>/dev/null
	done
	return 0
}

# Start spawn-sleepers N; returns 1 if it did not get ready.
start_sleepers() {
	local n=$1 i
	rm -f "$TMPD/sp.in" "$TMPD/sp.out"
	mkfifo "$TMPD/sp.in" || return 1
	exec 7<>"$TMPD/sp.in"        # read-write: never blocks
	# only fds 0-2, whatever this script inherited: every sleeper then
	# has the same 3 fds, on any machine (the fd walk costs per fd)
	(
		close_fds
		exec "$SP" "$n"
	) <"$TMPD/sp.in" >"$TMPD/sp.out" 2>"$TMPD/sp.err" &
	SP_PID=$!
	for i in $(seq 1 3000); do   # up to 300 s
		grep -q '^ready' "$TMPD/sp.out" 2>/dev/null && return 0
		kill -0 "$SP_PID" 2>/dev/null || break
		sleep 0.1
	done
	log "spawn-sleepers $n did not get ready: $(cat "$TMPD/sp.err")"
	stop_sleepers
	return 1
}

wait_procs_below() {
	local lim=$1 i
	for i in $(seq 1 600); do
		[ "$(count_procs)" -le "$lim" ] && return 0
		sleep 0.1
	done
	log "process count still $(count_procs) (> $lim)"
	return 1
}

# ---- the report ------------------------------------------------------------

MD=$TMPD/report.md
: >"$MD"
out() { printf '%s\n' "$*" >>"$MD"; }

# "≥ " when the run was killed at its time limit (figures are lower bounds)
ge() { [ "$(kv timeouts "$1")" = 1 ] && printf '≥ '; }

fmt_row() { # label line -> | label | runs | wall | cpu | u+s | rss | busy |
	local l=$2 g
	g=$(ge "$l")
	out "| $1 | $(kv runs "$l")${g:+ (killed at limit)} | $g$(kv wall_ms_med "$l") ($(kv wall_ms_min "$l")–$(kv wall_ms_max "$l")) | $g$(kv cpu_ms_med "$l") ($(kv cpu_ms_min "$l")–$(kv cpu_ms_max "$l")) | $(kv user_ms_med "$l") + $(kv sys_ms_med "$l") | $g$(calc '%.1f' "$(kv rss_kb_max "$l")/1024") | $(kv busy_pct "$l")$(moved "$l") |"
}

ratio() { # a b -> a/b formatted, or n/a
	if [ -z "$1" ] || [ -z "$2" ]; then echo "n/a"; return; fi
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×\n", a / b; else print "n/a" }'
}

BASE_PROCS=$(count_procs)
out "# rookmelder benchmark results"
out ""
out "Generated by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
out ""
out "Machine: $(nproc) vCPU ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)),"
out "$(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r), Debian $(cat /etc/debian_version 2>/dev/null || echo '?'),"
out "$BASE_PROCS processes before the run, $(find /tmp /var/tmp -xdev -type f 2>/dev/null | wc -l) files in /tmp + /var/tmp."
out "Source: commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git status --porcelain -- src Makefile 2>/dev/null)" ] && echo ' + uncommitted changes in src/ or Makefile')."
out "$("$RM" --version 2>/dev/null | head -1 || echo 'rookmelder ?'), chkrootkit $(pkgver chkrootkit), unhide $(pkgver unhide), rkhunter $(pkgver rkhunter), $(${CC:-cc} --version | head -1)."
out ""
out "Each cell: median (min–max) over the runs, measured by \`bench/runstat\`"
out "(fork+exec per run, output to /dev/null). CPU = user+sys of the process and"
out "the children it waited for (wait4); peak RSS = largest single process"
out "(ru_maxrss), max over the runs. Every block started after the machine was"
out "< ${QUIET_PCT} % busy for 1 s (or after ${QUIET_MAX_S} s of waiting)."
out "\"Busy %\" = share of all $(nproc) CPUs in use while the block ran, the measured"
out "tool included (one single-threaded tool alone ≈ $((100 / $(nproc))) %); more means other load"
out "ran at the same time. ⚠ marks blocks during which the process count moved by"
out "more than 5 % (other sessions starting or stopping processes)."
out ""

# ---- a. host scan comparison -------------------------------------------------

if want a; then

log "a. host scan comparison ($BASE_PROCS processes)"
wait_quiet
measure floor 5 1 0 true && FLOOR=$RES || FLOOR=
# machine speed now (a VM's neighbours change it): syscalls and plain CPU
measure calib-syscalls 5 1 0 dd if=/dev/zero of=/dev/null bs=1 count=200000 &&
	CAL_SYS=$RES || CAL_SYS=
measure calib-cpu 5 1 0 awk 'BEGIN { for (i = 0; i < 3000000; i++) s += i }' &&
	CAL_CPU=$RES || CAL_CPU=
wait_quiet
RM_HOST=
measure rookmelder "$RM_RUNS" 2 0 "$RM" scan --cpu-window 0 --no-packages --format json &&
	RM_HOST=$RES
UN_HOST=
if [ -n "$UNHIDE" ]; then
	wait_quiet
	measure unhide-proc "$UNHIDE_RUNS" 0 "$UNHIDE_MAX_S" "$UNHIDE" proc &&
		UN_HOST=$RES
fi
CHK_HOST=
CHK_NOTE=
if [ "$QUICK" = 1 ]; then
	CHK_NOTE="skipped (--quick)"
elif [ -z "$CHK" ]; then
	CHK_NOTE="not installed"
else
	log "chkrootkit: $CHK_RUNS run(s), this takes minutes"
	wait_quiet
	measure chkrootkit "$CHK_RUNS" 0 "$CHK_MAX_S" "$CHK" && CHK_HOST=$RES ||
		CHK_NOTE="failed"
fi

out "## Host scan ($BASE_PROCS processes)"
out ""
out "| Tool | Runs | Wall ms | CPU ms | user + sys ms (median) | Peak RSS MiB | Busy % |"
out "|---|---|---|---|---|---|---|"
[ -n "$RM_HOST" ] && fmt_row "rookmelder \`scan --cpu-window 0 --no-packages --format json\`" "$RM_HOST"
if [ -n "$UN_HOST" ]; then fmt_row "\`unhide proc\`" "$UN_HOST"
elif [ -n "$UNHIDE" ]; then out "| \`unhide proc\` | – | failed | | | | |"
else out "| \`unhide proc\` | – | not installed | | | | |"; fi
if [ -n "$CHK_HOST" ]; then fmt_row "\`chkrootkit\`" "$CHK_HOST"
else out "| \`chkrootkit\` | – | $CHK_NOTE | | | | |"; fi
[ -n "$FLOOR" ] && fmt_row "floor: \`true\` (fork+exec+wait, runstat's own RSS)" "$FLOOR"
[ -n "$CAL_SYS" ] && fmt_row "calibration: \`dd bs=1 count=200000\` (400,000 small syscalls)" "$CAL_SYS"
[ -n "$CAL_CPU" ] && fmt_row "calibration: 3 M-iteration \`awk\` loop (user CPU only)" "$CAL_CPU"
out ""
if [ -n "$RM_HOST" ]; then
	out "| Ratio peer / rookmelder | Wall | CPU | Peak RSS |"
	out "|---|---|---|---|"
	for p in UN_HOST:"unhide proc" CHK_HOST:chkrootkit; do
		v=${p%%:*}; name=${p#*:}; l=${!v}
		if [ -n "$l" ]; then
			out "| $name | $(ratio "$(kv wall_ms_med "$l")" "$(kv wall_ms_med "$RM_HOST")") | $(ratio "$(kv cpu_ms_med "$l")" "$(kv cpu_ms_med "$RM_HOST")") | $(ratio "$(kv rss_kb_max "$l")" "$(kv rss_kb_max "$RM_HOST")") |"
		else
			out "| $name | n/a | n/a | n/a |"
		fi
	done
	out ""
fi

fi # section a

# ---- b. scaling ---------------------------------------------------------------

if want b; then

log "b. scaling: $SCALE_NS sleeping processes"
# shellcheck disable=SC2034  # read through a nameref in scale_rows
SSTATIC=
SSTATIC_N=
for n in $SCALE_NS; do
	wait_procs_below $((BASE_PROCS + 50))
	wait_quiet
	if ! start_sleepers "$n"; then
		SPROCS[$n]=failed
		continue
	fi
	SPROCS[$n]=$(count_procs)
	log "  $n sleepers ready (${SPROCS[$n]} processes)"
	measure "rookmelder@$n" "$SCALE_RM_RUNS" 1 0 \
		"$RM" scan --cpu-window 0 --no-packages --format json && SRM[$n]=$RES
	if [ "$n" = 1000 ] && [ -x "$RM_STATIC" ]; then
		measure "rookmelder-static@$n" "$SCALE_RM_RUNS" 1 0 \
			"$RM_STATIC" scan --cpu-window 0 --no-packages --format json &&
			{ SSTATIC=$RES; SSTATIC_N=$n; }
	fi
	if [ -n "$UNHIDE" ]; then
		# shellcheck disable=SC2034  # read through a nameref
		measure "unhide-proc@$n" "$SCALE_UNHIDE_RUNS" 0 "$UNHIDE_MAX_S" \
			"$UNHIDE" proc &&
			SUN[$n]=$RES
	fi
	stop_sleepers
	wait_procs_below $((BASE_PROCS + 50))
	log "  $n sleepers gone ($(count_procs) processes)"
done

# per-process and marginal costs
scale_rows() { # name assoc-array-name
	local name=$1 n l c p r g per marg rmarg prevc='' prevp='' prevr=''
	local -n res_=$2
	for n in $SCALE_NS; do
		l=${res_[$n]:-}
		p=${SPROCS[$n]:-failed}
		if [ -z "$l" ] || [ "$p" = failed ]; then
			out "| $n | $p | $name | – | not measured | | | | | | |"
			continue
		fi
		c=$(kv cpu_ms_med "$l"); r=$(kv rss_kb_max "$l"); g=$(ge "$l")
		per=$(calc '%.1f' "$c*1000/$p")
		if [ -n "$prevc" ]; then
			marg="$g$(calc '%.1f' "($c-$prevc)*1000/($p-$prevp)")"
			rmarg=$(calc '%.0f' "($r-$prevr)*1024/($p-$prevp)")
			[ -n "$g" ] && rmarg="–"
		else
			marg="–"; rmarg="–"
		fi
		out "| $n | $p | $name | $(kv runs "$l")${g:+ (killed at limit)} | $g$(kv wall_ms_med "$l") | $g$c ($(kv cpu_ms_min "$l")–$(kv cpu_ms_max "$l")) | $g$(calc '%.1f' "$r/1024") | $g$per | $marg | $rmarg | $(kv busy_pct "$l")$(moved "$l") |"
		prevc=$c; prevp=$p; prevr=$r
	done
}

out "## Scaling with the number of processes"
out ""
out "N sleeping processes (\`spawn-sleepers N\`) on top of the host's own."
out "µs/process = median CPU / processes in /proc; Δ = extra CPU (or RSS) per"
out "extra process since the previous row."
out ""
out "| N | Processes | Tool | Runs | Wall ms | CPU ms | Peak RSS MiB | CPU µs / process | Δ CPU µs / added process | Δ RSS bytes / added process | Busy % |"
out "|---|---|---|---|---|---|---|---|---|---|---|"
scale_rows "rookmelder" SRM
if [ -n "$SSTATIC" ]; then
	# shellcheck disable=SC2034
	declare -A STA=(["$SSTATIC_N"]="$SSTATIC")
	SAVE_NS=$SCALE_NS; SCALE_NS=$SSTATIC_N
	scale_rows "rookmelder-static" STA
	SCALE_NS=$SAVE_NS
fi
if [ -n "$UNHIDE" ]; then
	scale_rows "\`unhide proc\`" SUN
fi
out ""

fi # section b

# ---- c. mining ----------------------------------------------------------------

if want c; then

FM=$BUILD/helpers/fakeminer
TP=$BUILD/helpers/testpool
# start_miner: testpool and fakeminer (one thread, nice 5, named like a
# kernel worker, an obscured config) in a new network namespace with only
# loopback; sets MINER (the miner's pid) once it has its first job.
MINER=
start_miner() {
	local i
	MINER=
	printf '{"user-agent":"benchminer/1.0","pools":[{"url":"stratum+tcp://127.0.0.1:3333","user":"44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A","pass":"x","dialect":"xmrig"}]}\n' |
		"$FM" -E >"$TMPD/miner.cfg" || return 1
	rm -f "$TMPD/miner.out"
	unshare -n sh -c 'ip link set lo up || exit 1
		"$1" -p 3333 -t 600 >/dev/null 2>&1 &
		sleep 0.3
		exec "$2" -c "$3" -t 600 -T 1 -N 5 -n kworker/0:3' \
		sh "$TP" "$FM" "$TMPD/miner.cfg" >"$TMPD/miner.out" 2>&1 7>&- &
	MINER_PID=$!
	for i in $(seq 1 100); do
		MINER=$(awk '$1 == "ready" { print $2; exit }' "$TMPD/miner.out")
		[ -n "$MINER" ] && return 0
		kill -0 "$MINER_PID" 2>/dev/null || break
		sleep 0.1
	done
	log "the bench miner did not start: $(head -c 300 "$TMPD/miner.out")"
	stop_miner
	return 1
}

# The severity of RM-MIN-001 for pid $2 in scan output $1, or "none".
min_sev() {
	jq -r --argjson p "$2" '[.findings[] | select(.rule.id == "RM-MIN-001"
		and .process.pid == $p) | .severity][0] // "none"' "$1" 2>/dev/null ||
		echo none
}

MIN0= MIN1= MIN1N= TTF= TTF_SCANS= PEER_FOUND=
if [ "$(id -u)" -ne 0 ]; then
	log "c. mining: not root (no network namespace, no memory of others): skipped"
	MIN_NOTE="not measured: needs root"
elif ! unshare -n true 2>/dev/null; then
	log "c. mining: cannot create a network namespace: skipped"
	MIN_NOTE="not measured: no network namespaces"
elif [ ! -x "$FM" ] || [ ! -x "$TP" ]; then
	MIN_NOTE="not measured: helpers missing (make helpers)"
else
	MIN_NOTE=
	log "c. mining: 1000 sleepers, without and with a miner"
	wait_procs_below $((BASE_PROCS + 50))
	wait_quiet
	if start_sleepers 1000; then
		measure "mining-none@1000" "$SCALE_RM_RUNS" 1 0 \
			"$RM" scan --cpu-window 0 --no-packages --format json && MIN0=$RES
		if start_miner; then
			measure "mining-miner@1000" "$SCALE_RM_RUNS" 1 0 \
				"$RM" scan --cpu-window 0 --no-packages --format json && MIN1=$RES
			measure "mining-miner-nomem@1000" "$SCALE_RM_RUNS" 1 0 \
				"$RM" scan --cpu-window 0 --no-packages --no-memory --format json &&
				MIN1N=$RES
			stop_miner
		fi
		stop_sleepers
	fi
	wait_procs_below $((BASE_PROCS + 50))
	log "c. mining: time from a miner's start to a high or critical finding"
	declare -a ttfs=()
	for round in 1 2 3; do
		wait_quiet
		t0=$(date +%s%N)
		start_miner || break
		sev=none
		for i in $(seq 1 15); do
			"$RM" scan --format json >"$TMPD/ttf.json" 2>/dev/null
			sev=$(min_sev "$TMPD/ttf.json" "$MINER")
			case $sev in high|critical) break ;; esac
		done
		t1=$(date +%s%N)
		case $sev in
		high|critical) ttfs+=("$(( (t1 - t0) / 1000000 )) $i") ;;
		*) log "  round $round: no high RM-MIN-001 within 15 scans (last: $sev)" ;;
		esac
		# the peers' way: a miner's name or a stratum URL in a command line
		if [ "$round" = 1 ]; then
			PEER_FOUND=no
			for f in /proc/[0-9]*/cmdline; do
				if tr '\0' ' ' <"$f" 2>/dev/null |
				    grep -qiE 'xmrig|minerd|cpuminer|stratum\+(tcp|ssl|tls)://'; then
					pid=${f#/proc/}; pid=${pid%/cmdline}
					[ "$pid" = "$MINER" ] && PEER_FOUND=yes
				fi
			done
		fi
		stop_miner
	done
	if [ "${#ttfs[@]}" -gt 0 ]; then
		TTF=$(printf '%s\n' "${ttfs[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
		TTF_SCANS=$(printf '%s\n' "${ttfs[@]}" | awk '{ printf "%s%s", (NR > 1 ? ", " : ""), $1 " ms/" $2 " scan" ($2 > 1 ? "s" : "") }')
	fi
fi

out "## Finding a miner"
out ""
if [ -n "$MIN_NOTE" ]; then
	out "$MIN_NOTE"
else
	out "1,000 sleeping processes plus the host's own; the miner is the tests'"
	out "\`fakeminer\` (one thread, nice 5, named \`kworker/0:3\`, obscured config,"
	out "XMRig dialect) with \`testpool\` in a loopback-only network namespace."
	out "With a miner, rookmelder reads its memory (up to 64 MiB) and executable."
	out ""
	out "| Scan | Runs | Wall ms | CPU ms | Peak RSS MiB | Busy % |"
	out "|---|---|---|---|---|---|"
	[ -n "$MIN0" ] && out "| no miner, \`--cpu-window 0\` | $(kv runs "$MIN0") | $(kv wall_ms_med "$MIN0") | $(kv cpu_ms_med "$MIN0") | $(calc '%.1f' "$(kv rss_kb_max "$MIN0")/1024") | $(kv busy_pct "$MIN0") |"
	[ -n "$MIN1" ] && out "| a miner, \`--cpu-window 0\` | $(kv runs "$MIN1") | $(kv wall_ms_med "$MIN1") | $(kv cpu_ms_med "$MIN1") | $(calc '%.1f' "$(kv rss_kb_max "$MIN1")/1024") | $(kv busy_pct "$MIN1") |"
	[ -n "$MIN1N" ] && out "| a miner, \`--no-memory\` | $(kv runs "$MIN1N") | $(kv wall_ms_med "$MIN1N") | $(kv cpu_ms_med "$MIN1N") | $(calc '%.1f' "$(kv rss_kb_max "$MIN1N")/1024") | $(kv busy_pct "$MIN1N") |"
	if [ -n "$MIN0" ] && [ -n "$MIN1" ]; then
		out ""
		out "Inspecting one miner costs $(calc '%.1f' "$(kv cpu_ms_med "$MIN1")-$(kv cpu_ms_med "$MIN0")") ms CPU and $(calc '%.1f' "($(kv rss_kb_max "$MIN1")-$(kv rss_kb_max "$MIN0"))/1024") MiB peak RSS."
	fi
	out ""
	if [ -n "$TTF" ]; then
		out "* Time from the miner's start to a high or critical RM-MIN-001, scans"
		out "  back to back with the default 1 s CPU window: median $TTF ms ($TTF_SCANS)."
	else
		out "* Time to a finding: not measured (no high RM-MIN-001)."
	fi
	out "* The peers' method on the same miner (a miner's name or a stratum URL in"
	out "  its command line, as chkrootkit, rkhunter, osquery and Falco rules look):"
	out "  found: ${PEER_FOUND:-not run}. \`unhide\` and \`chkrootkit\` have no miner check."
fi
out ""

fi # section c

# ---- d. persistence and rootkits ----------------------------------------------

if want d; then

log "d. persistence and rootkits: host sweep, campaign images"
RKH=$(command -v rkhunter 2>/dev/null)
RKH_RUNS=${RKH_RUNS:-1}
RKH_MAX_S=${RKH_MAX_S:-1800}
BRUTE_RUNS=${BRUTE_RUNS:-3}

# the host: rookmelder's whole scan (it includes the persistence sweep, the
# package checks and the pid probe) against the peers' rootkit checks
RM_FULL=
wait_quiet
measure rookmelder-full "$RM_RUNS" 2 0 "$RM" scan --cpu-window 0 --format json &&
	RM_FULL=$RES
BR_HOST=
if [ -n "$UNHIDE" ]; then
	wait_quiet
	measure unhide-brute "$BRUTE_RUNS" 0 "$UNHIDE_MAX_S" "$UNHIDE" brute &&
		BR_HOST=$RES
fi
RKH_HOST=
RKH_NOTE=
if [ "$QUICK" = 1 ]; then
	RKH_NOTE="skipped (--quick)"
elif [ -z "$RKH" ]; then
	RKH_NOTE="not installed"
else
	log "rkhunter --check --sk: $RKH_RUNS run(s), this takes minutes"
	wait_quiet
	measure rkhunter "$RKH_RUNS" 0 "$RKH_MAX_S" "$RKH" --check --sk \
		--nocolors --rwo && RKH_HOST=$RES || RKH_NOTE="failed"
fi
out "## Persistence and rootkit sweep (this host)"
out ""
out "rookmelder's row is its whole default scan: processes, sockets, every"
out "persistence place, package checksums of PAM modules and the tools"
out "rootkits replace, SUID files, and the probe of every pid for hidden"
out "processes; the peers' rows are their own rootkit checks."
out ""
out "| Tool | Runs | Wall ms | CPU ms | user + sys ms (median) | Peak RSS MiB | Busy % |"
out "|---|---|---|---|---|---|---|"
[ -n "$RM_FULL" ] && fmt_row "rookmelder \`scan --cpu-window 0 --format json\`" "$RM_FULL"
if [ -n "$RKH_HOST" ]; then fmt_row "\`rkhunter --check --sk\`" "$RKH_HOST"
else out "| \`rkhunter --check --sk\` | – | $RKH_NOTE | | | | |"; fi
if [ -n "$BR_HOST" ]; then fmt_row "\`unhide brute\`" "$BR_HOST"
elif [ -n "$UNHIDE" ]; then out "| \`unhide brute\` | – | failed | | | | |"
else out "| \`unhide brute\` | – | not installed | | | | |"; fi
if [ -n "$CHK_HOST" ]; then fmt_row "\`chkrootkit\` (from the host scan above)" "$CHK_HOST"
else out "| \`chkrootkit\` | – | $CHK_NOTE | | | | |"; fi
out ""
if [ -n "$RM_FULL" ]; then
	out "| Ratio peer / rookmelder | Wall | CPU | Peak RSS |"
	out "|---|---|---|---|"
	for p in RKH_HOST:"rkhunter --check --sk" BR_HOST:"unhide brute" CHK_HOST:chkrootkit; do
		v=${p%%:*}; name=${p#*:}; l=${!v}
		if [ -n "$l" ]; then
			out "| $name | $(ratio "$(kv wall_ms_med "$l")" "$(kv wall_ms_med "$RM_FULL")") | $(ratio "$(kv cpu_ms_med "$l")" "$(kv cpu_ms_med "$RM_FULL")") | $(ratio "$(kv rss_kb_max "$l")" "$(kv rss_kb_max "$RM_FULL")") |"
		else
			out "| $name | n/a | n/a | n/a |"
		fi
	done
	out ""
fi

# the live fixture of e2e 35: a process hidden by a readdir-hooking library
# in /etc/ld.so.preload (private mount namespace, an overlay on /etc); who
# still sees the process, who names the library, and at what cost
HIDE_LIB=$BUILD/helpers/libhideproc.so
SLEEPER=$BUILD/helpers/sleeper
if [ "$(id -u)" -ne 0 ] || [ ! -f "$HIDE_LIB" ] || [ ! -x "$SLEEPER" ] ||
	! have unshare; then
	out "## A process hidden by a userland rootkit: not run (needs root, unshare and \`make helpers\`)"
	out ""
else
	log "d. a process hidden by an ld.so.preload library, every tool inside the namespace"
	HT=$TMPD/hide
	mkdir -p "$HT/up" "$HT/work"
	( close_fds; exec "$SLEEPER" -n rm-hidden-test -t 900 ) >"$HT/sleeper.out" 2>&1 &
	HIDE_PID=$!
	for i in $(seq 1 100); do
		grep -q '^ready' "$HT/sleeper.out" 2>/dev/null && break
		sleep 0.05
	done
	cat >"$HT/inner.sh" <<'INNER'
set -u
HT=$1 LIB=$2 RM=$3 RMS=$4 UNHIDE=$5 CHK=$6 RKH=$7 QUICK=$8
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$HT/up,workdir=$HT/work" /etc 2>/dev/null ||
	{ cp -a /etc "$HT/etc-copy" && mount --bind "$HT/etc-copy" /etc; } || exit 90
printf '%s\n' "$LIB" >/etc/ld.so.preload || exit 91
run() {  # NAME CMD...: output, exit status and wall ms
	local n=$1 t0 t1
	shift
	t0=$(date +%s%N)
	timeout 1800 "$@" >"$HT/$n.out" 2>&1
	echo $? >"$HT/$n.rc"
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000)) >"$HT/$n.ms"
}
ps -e -o pid= >"$HT/ps.txt" 2>&1
run rm "$RM" scan --cpu-window 0 --no-packages --format json --facts
[ -x "$RMS" ] && run rms "$RMS" scan --cpu-window 0 --no-packages --format json --facts
if [ -n "$UNHIDE" ]; then
	run unhide-proc "$UNHIDE" proc
	run unhide-brute "$UNHIDE" brute
fi
[ -n "$CHK" ] && run chk-lkm "$CHK" lkm ldsopreload
[ -n "$RKH" ] && [ "$QUICK" = 0 ] && run rkh "$RKH" --check --sk --nocolors --rwo \
	--enable hidden_procs,shared_libs,shared_libs_path
exit 0
INNER
	unshare -m --propagation private bash "$HT/inner.sh" "$HT" "$HIDE_LIB" \
		"$RM" "${RM_STATIC:-/nonexistent}" "${UNHIDE:-}" "${CHK:-}" \
		"${RKH:-}" "$QUICK" || log "namespace setup failed"
	kill -KILL "$HIDE_PID" 2>/dev/null
	wait "$HIDE_PID" 2>/dev/null
	[ -f /etc/ld.so.preload ] && grep -q libhideproc /etc/ld.so.preload &&
		log "WARNING: the host's /etc/ld.so.preload names libhideproc"
	ms() { cat "$HT/$1.ms" 2>/dev/null || echo "?"; }
	rm_cell() {  # FILE: sees the pid? RM-EVA-001 with readdir?
		local f=$HT/$1.out seen=no eva=no
		[ -s "$f" ] || { echo "not run"; return; }
		jq -e --argjson p "$HIDE_PID" '[.facts.processes[] | select(.pid == $p)] | length == 1' \
			"$f" >/dev/null 2>&1 && seen=yes
		jq -e '[.findings[] | select(.rule.id == "RM-EVA-001" and .severity == "critical" and (.evidence.hooks | tostring | contains("readdir")))] | length > 0' \
			"$f" >/dev/null 2>&1 && eva="yes (RM-EVA-001 critical, hooks readdir)"
		echo "| process listed: $seen; library named: $eva | $(ms "$1") |"
	}
	hid_ps=yes
	grep -qw "$HIDE_PID" "$HT/ps.txt" 2>/dev/null && hid_ps="NO (the hook failed)"
	out "## A process hidden by a userland rootkit (live, e2e 35's fixture)"
	out ""
	out "A sleeper named \`rm-hidden-test\` (pid $HIDE_PID) hidden from \`readdir()\` by"
	out "a library of ours in \`/etc/ld.so.preload\`, in a private mount namespace;"
	out "every tool ran inside it. Hidden from \`ps\` there: $hid_ps."
	out ""
	out "| Tool | What it reported | Wall ms |"
	out "|---|---|---|"
	out "| rookmelder (dynamic) $(rm_cell rm)"
	[ -x "${RM_STATIC:-/nonexistent}" ] && out "| rookmelder (static) $(rm_cell rms)"
	for t in unhide-proc:"unhide proc" unhide-brute:"unhide brute"; do
		f=${t%%:*}; name=${t#*:}
		if [ -f "$HT/$f.out" ]; then
			if grep -q "HIDDEN PID: *$HIDE_PID\b" "$HT/$f.out"; then r="found pid $HIDE_PID"
			else r="did not find pid $HIDE_PID"; fi
			r="$r; $(grep -c 'HIDDEN PID' "$HT/$f.out") hidden pid line(s) in all; exit $(cat "$HT/$f.rc")"
			out "| \`$name\` | $r | $(ms "$f") |"
		fi
	done
	if [ -f "$HT/chk-lkm.out" ]; then
		r=$(grep -E 'hidden|ldsopreload|INFECTED|[Ww]arning' "$HT/chk-lkm.out" |
			sed 's/\.\.\.  */: /; s/  */ /g' | tr '\n|' '; ' | cut -c1-240)
		out "| \`chkrootkit lkm ldsopreload\` | ${r:-nothing} | $(ms chk-lkm) |"
	fi
	if [ -f "$HT/rkh.out" ]; then
		r=$(grep -i -E 'preload|hidden|Warning' "$HT/rkh.out" | head -4 | tr '\n|' '; ' | cut -c1-240)
		out "| \`rkhunter --check --sk\` (hidden_procs, shared_libs) | ${r:-no warning} | $(ms rkh) |"
	fi
	out ""
fi

# the same campaign images the end-to-end tests build (tests/e2e/campaigns.sh):
# what each tool reports on each; rkhunter and unhide cannot scan another
# root, so only chkrootkit (-r) runs beside rookmelder (--root)
out "## Campaign images (\`--root\`): what each tool reports"
out ""
out "Images built from real droppers' artefacts (tests/data/campaign-artefacts.txt)"
out "on a Debian 12 base copied from this host; \"clean\" is the base alone."
out "rookmelder: rule ids at medium or above (wall ms of one scan). chkrootkit:"
out "its lines saying INFECTED, suspicious, Warning or Vulnerable (wall ms)."
out "rkhunter and unhide have no alternate-root mode: not comparable here."
out ""
out "| Image | rookmelder | chkrootkit -r |"
out "|---|---|---|"
TOP=$ROOT
. "$ROOT/tests/e2e/campaigns.sh"
ms_now() { echo $(($(date +%s%N) / 1000000)); }
for c in clean $CAMPAIGNS; do
	img=$TMPD/img-$c
	mkdir -p "$img"
	if [ "$c" = clean ]; then campaign_base "$img"; else campaign_build "$c" "$img"; fi
	t0=$(ms_now)
	rm_found=$("$RM" scan --root "$img" --cpu-window 0 --format json \
		--min-severity medium 2>/dev/null |
		jq -r '[.findings[].rule.id] | unique | join(" ")' 2>/dev/null)
	t1=$(ms_now)
	rm_cell="${rm_found:-nothing} ($((t1 - t0)) ms)"
	if [ "$QUICK" = 1 ] || [ -z "$CHK" ]; then
		chk_cell="${CHK_NOTE:-not run}"
	else
		t0=$(ms_now)
		chk_found=$(cd "$img" && timeout "$CHK_MAX_S" "$CHK" -q -r "$img" 2>&1 |
			grep -E 'INFECTED|[Ss]uspicious|Warning|Vulnerable' | head -3 |
			tr '\n|' '; ' | cut -c1-160)
		t1=$(ms_now)
		chk_cell="${chk_found:-nothing} ($((t1 - t0)) ms)"
	fi
	out "| $c | $rm_cell | $chk_cell |"
done
out ""

fi # section d

# ---- target -----------------------------------------------------------------

out "## Target: 1,000 processes in < 100 ms CPU and < 20 MB peak RSS, linear"
out ""
l=${SRM[1000]:-}
if [ -n "$l" ]; then
	c=$(kv cpu_ms_med "$l"); r=$(kv rss_kb_max "$l")
	cv=$(awk -v c="$c" 'BEGIN { print (c < 100) ? "met" : "MISSED" }')
	rv=$(awk -v r="$r" 'BEGIN { print (r * 1024 < 20e6) ? "met" : "MISSED" }')
	out "* CPU at 1,000: $c ms median → $cv"
	out "* Peak RSS at 1,000: $(calc '%.1f' "$r*1024/1e6") MB → $rv"
else
	out "* 1,000-process run not measured"
fi
a=${SRM[100]:-}; b=${SRM[1000]:-}; d=${SRM[10000]:-}
if [ -n "$a" ] && [ -n "$b" ] && [ -n "$d" ]; then
	m1=$(calc '%.2f' "($(kv cpu_ms_med "$b")-$(kv cpu_ms_med "$a"))*1000/(${SPROCS[1000]}-${SPROCS[100]})")
	m2=$(calc '%.2f' "($(kv cpu_ms_med "$d")-$(kv cpu_ms_med "$b"))*1000/(${SPROCS[10000]}-${SPROCS[1000]})")
	lin=$(awk -v a="$m1" -v b="$m2" 'BEGIN { q = b / a; printf "%.2f → %s", q, (q >= 0.67 && q <= 1.5) ? "linear (met)" : "NOT linear" }')
	out "* Linearity: marginal CPU per process 100→1k = $m1 µs, 1k→10k = $m2 µs; ratio $lin (linear = ratio in 0.67–1.5)"
fi
out ""
out "Raw runstat lines: \`$(basename "$BUILD")/bench-raw.txt\`."

cp "$MD" "$REPORT"
cat "$MD"
log "report written to $REPORT"
