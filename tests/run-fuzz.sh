#!/bin/sh
# run-fuzz.sh - run every built libFuzzer target for a short while.
#
#   tests/run-fuzz.sh FUZZ_BUILD_DIR SECONDS
#
# Each FUZZ_BUILD_DIR/fuzz_<t> runs for SECONDS on a copy of its seed
# corpus fuzz/corpus/<t> (the repository is never written), with the
# dictionary fuzz/<t>.dict if there is one and max_len from fuzz/<t>.options
# (tmux's format; 4096 when absent).  Targets run one after the other.  A
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

ntargets=0
for bin in "$dir"/fuzz_*; do
	[ -f "$bin" ] && [ -x "$bin" ] || continue
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
	ntargets=$((ntargets + 1))

	execs=$(sed -n 's/^stat::number_of_executed_units:[[:space:]]*//p' \
	    "$log" | tail -n 1)
	[ -n "$execs" ] || execs=?
	input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | \
	    tail -n 1)
	[ -n "$input" ] || input=$(ls "$art/$t"-* 2>/dev/null | head -n 1)

	if [ $rc -eq 0 ] && [ -z "$input" ]; then
		printf 'fuzz: %-14s %12s execs  ok (%ss)\n' "$t" "$execs" \
		    "$elapsed"
		continue
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
	exit 1
done

if [ $ntargets -eq 0 ]; then
	echo "run-fuzz: no fuzz targets in $1 (run make fuzz)" >&2
	exit 2
fi
echo "fuzz: $ntargets targets, no crashes"
