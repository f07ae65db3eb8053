#!/bin/sh
# run-fuzz.sh - run every built libFuzzer target for a short while.
#
#   tests/run-fuzz.sh FUZZ_BUILD_DIR SECONDS
#
# Each FUZZ_BUILD_DIR/fuzz_<t> runs for SECONDS on a copy of its seed
# corpus fuzz/corpus/<t> (the repository is never written), with the
# dictionary fuzz/<t>.dict if there is one and max_len from fuzz/<t>.options
# (tmux's format; 4096 when absent).  Targets run FUZZ_JOBS at a time
# (environment; default 1, `make check` uses the number of cores).  A
# crash, leak, timeout or out-of-memory stops the run with a non-zero exit;
# the input is kept in FUZZ_BUILD_DIR/artifacts/ and the whole log in
# FUZZ_BUILD_DIR/logs/<t>.log.

if [ $# -ne 2 ]; then
	echo "usage: $0 FUZZ_BUILD_DIR SECONDS" >&2
	exit 2
fi
case $2 in
''|*[!0-9]*) echo "run-fuzz: SECONDS must be a number" >&2; exit 2 ;;
esac
# libFuzzer stops once *more* than -max_total_time whole seconds have
# passed, so N would fuzz for N+1: ask for one less.
secs=$2
limit=$((secs > 1 ? secs - 1 : 1))
top=$(cd "$(dirname "$0")/.." && pwd) || exit 2
dir=$(cd "$1" 2>/dev/null && pwd) || {
	echo "run-fuzz: no directory $1 (run make fuzz)" >&2
	exit 2
}
fz=$top/fuzz
art=$dir/artifacts
logs=$dir/logs
mkdir -p "$art" "$logs" || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rm-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

: "${UBSAN_OPTIONS:=print_stacktrace=1}"
export UBSAN_OPTIONS

# One target: fuzz it, then write one line "ok|<what> execs elapsed" to
# $tmp/$t.res (run in the background, FUZZ_JOBS at a time).
run_target() {
	bin=$1
	name=${bin##*/}
	t=${name#fuzz_}
	log=$logs/$t.log
	corpus=$tmp/$t
	mkdir -p "$corpus"
	if [ -d "$fz/corpus/$t" ]; then
		cp "$fz/corpus/$t"/* "$corpus"/ 2>/dev/null
	else
		echo "fuzz: warning: no seed corpus fuzz/corpus/$t" >&2
	fi
	maxlen=
	if [ -f "$fz/$t.options" ]; then
		maxlen=$(sed -n 's/^[[:space:]]*max_len[[:space:]]*=[[:space:]]*\([0-9][0-9]*\).*/\1/p' \
		    "$fz/$t.options" | head -n 1)
	fi
	[ -n "$maxlen" ] || maxlen=4096
	set -- -max_total_time="$limit" -max_len="$maxlen" -timeout=5 \
	    -rss_limit_mb=1024 -print_final_stats=1 \
	    -artifact_prefix="$art/$t-"
	[ -f "$fz/$t.dict" ] && set -- "$@" -dict="$fz/$t.dict"

	rm -f "$art/$t"-*
	start=$(date +%s)
	"$bin" "$@" "$corpus" >"$log" 2>&1
	rc=$?
	elapsed=$(($(date +%s) - start))
	echo "$rc $elapsed" >"$tmp/$t.res"
}

# Report one finished target; returns 1 when it failed.
report_target() {
	bin=$1
	name=${bin##*/}
	t=${name#fuzz_}
	log=$logs/$t.log
	read -r rc elapsed <"$tmp/$t.res" || { rc=1; elapsed=?; }

	execs=$(sed -n 's/^stat::number_of_executed_units:[[:space:]]*//p' \
	    "$log" | tail -n 1)
	[ -n "$execs" ] || execs=?
	input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | \
	    tail -n 1)
	[ -n "$input" ] || input=$(ls "$art/$t"-* 2>/dev/null | head -n 1)

	if [ "$rc" -eq 0 ] && [ -z "$input" ]; then
		printf 'fuzz: %-14s %12s execs  ok (%ss)\n' "$t" "$execs" \
		    "$elapsed"
		return 0
	fi
	if grep -q 'ERROR: libFuzzer: timeout' "$log"; then
		what=timeout
	elif grep -q 'ERROR: LeakSanitizer' "$log"; then
		what=leak
	elif grep -q -e 'out-of-memory' -e 'malloc(.*) exceeds limit' "$log"
	then
		what=out-of-memory
	elif grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' \
	    -e 'deadly signal' -e 'invariant failed' "$log"; then
		what=crash
	else
		what="failure (exit $rc)"
	fi
	printf 'fuzz: %-14s %12s execs  %s\n' "$t" "$execs" "$what"
	echo "---- $log (excerpt) ----"
	grep -m 1 -A 25 -e '^==[0-9]*==ERROR' -e 'runtime error:' \
	    -e 'invariant failed' -e 'ERROR: libFuzzer' "$log" ||
	    tail -n 30 "$log"
	echo "----"
	echo "fuzz: FAILED: $t: $what"
	if [ -n "$input" ]; then
		echo "fuzz: input: $input"
		echo "fuzz: reproduce: $bin $input"
	fi
	echo "fuzz: log: $log"
	return 1
}

# Targets run FUZZ_JOBS at a time (default 1); each batch is reported in
# order when it is done, and the first failure stops the run.
jobs=${FUZZ_JOBS:-1}
case $jobs in
''|*[!0-9]*|0) jobs=1 ;;
esac
ntargets=0
batch=
nbatch=0
flush() {
	wait
	for b in $batch; do
		report_target "$b" || exit 1
	done
	batch=
	nbatch=0
}
for bin in "$dir"/fuzz_*; do
	[ -f "$bin" ] && [ -x "$bin" ] || continue
	case $bin in *.d) continue ;; esac
	ntargets=$((ntargets + 1))
	run_target "$bin" &
	batch="$batch $bin"
	nbatch=$((nbatch + 1))
	[ $nbatch -lt "$jobs" ] || flush
done
flush

if [ $ntargets -eq 0 ]; then
	echo "run-fuzz: no fuzz targets in $1 (run make fuzz)" >&2
	exit 2
fi
echo "fuzz: $ntargets targets, no crashes"
