#!/bin/bash
# run.sh BUILD_DIR [NAME...] - run the end-to-end tests against the real
# binary in BUILD_DIR (build, build-san, ...): every tests/e2e/NN-*.sh in
# order, or only those whose name contains one of the NAMEs.
#
# Each test runs with RM, RM_STATIC, HELPERS and TOP set, stdin from
# /dev/null, under `timeout` (120 s, or "# e2e-timeout: N" in the test; x3
# for a sanitizer build).  Exit 0 = pass, 77 = skip (the test printed why),
# else fail.  Prints PASS/FAIL/SKIP per test and a summary; exits 1 if any
# test failed.  E2E_VERBOSE=1 shows every test's output.
set -u

if [ $# -lt 1 ]; then
	echo "usage: tests/e2e/run.sh BUILD_DIR [NAME...]" >&2
	exit 2
fi
TOP=$(cd "$(dirname "$0")/../.." && pwd -P)
BUILD=$(cd "$1" 2>/dev/null && pwd -P) || {
	echo "e2e: no build directory '$1' (make O=$1 all helpers)" >&2
	exit 2
}
shift
export TOP
export RM=$BUILD/rookmelder
export RM_STATIC=$BUILD/rookmelder-static
export HELPERS=$BUILD/helpers

missing=
[ -x "$RM" ] || missing="$missing $RM (make O=$(basename "$BUILD") all)"
for h in "$TOP"/tests/helpers/*.c; do
	h=$(basename "$h" .c)
	[ -x "$HELPERS/$h" ] || missing="$missing $HELPERS/$h (make O=$(basename "$BUILD") helpers)"
done
for h in "$TOP"/tests/helpers/lib/*.c; do
	[ -e "$h" ] || continue
	h=lib$(basename "$h" .c).so
	[ -f "$HELPERS/$h" ] || missing="$missing $HELPERS/$h (make O=$(basename "$BUILD") helpers)"
done
command -v jq >/dev/null || missing="$missing jq (apt-get install jq)"
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null ||
	missing="$missing python3-jsonschema (apt-get install python3-jsonschema)"
for c in timeout ps awk script setpriv; do
	command -v $c >/dev/null || missing="$missing $c"
done
if [ -n "$missing" ]; then
	echo "e2e: cannot run, missing:$missing" >&2
	exit 2
fi

# A sanitizer report must never look like exit 1 ("findings"): give them
# exit statuses of their own, and allow a sanitizer build more time.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86:abort_on_error=0"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:halt_on_error=1:exitcode=87"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}exitcode=88"
scale=1
if grep -qa -e __asan_init -e __ubsan_handle "$RM" 2>/dev/null; then
	scale=3
fi

logs=$(mktemp -d "${TMPDIR:-/tmp}/rm-e2e-logs.XXXXXX") || exit 2
cur=
stop_current() {
	[ -n "$cur" ] && kill -TERM "$cur" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$logs"
	echo "e2e: interrupted" >&2
	exit 130
}
trap stop_current INT TERM HUP

# What a test may leave behind if its cleanup is broken: files by the
# suite's naming conventions, and processes still in the test's process
# group (timeout makes one per test).  Compared before and after each test.
# What test NAME may leave behind.  Its temporary directories carry its
# name, so another suite running at the same time (another checkout, a
# sanitizer build) is not taken for a leak.
leftovers() {
	ls -d /dev/shm/rm-e2e* /tmp/.rm-e2e* /home/rmtest-* \
	    "${TMPDIR:-/tmp}/rm-e2e.$1."* "$BUILD"/e2e-tmp/* \
	    /run/rookmelder-e2e/"$1".* 2>/dev/null | sort
}
group_procs() {  # PGID: live (not zombie) pids still in that process group
	local i p
	for i in 1 2 3 4 5 6 7 8 9 10; do
		p=$(ps -e -o pid=,pgid=,stat= 2>/dev/null |
		    awk -v g="$1" '$2 == g && $1 != g && $3 !~ /^Z/ { print $1 }')
		[ -n "$p" ] || return 0
		sleep 0.3
	done
	printf '%s\n' "$p"
}

pass=0 failed=0 skipped=0 failures=
t_all0=$(date +%s%N)
for t in "$TOP"/tests/e2e/[0-9][0-9]-*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	if [ $# -gt 0 ]; then
		sel=0
		for want in "$@"; do
			case $name in *"$want"*) sel=1 ;; esac
		done
		[ $sel -eq 1 ] || continue
	fi
	limit=$(sed -n 's/^# e2e-timeout: *\([0-9][0-9]*\).*/\1/p' "$t" | head -1)
	limit=$(( ${limit:-120} * scale ))
	log=$logs/$name.log
	t0=$(date +%s%N)
	before=$(leftovers "$name")
	timeout -k 10 "$limit" bash "$t" >"$log" 2>&1 </dev/null &
	cur=$!
	wait "$cur"
	rc=$?
	stray=$(group_procs "$cur")
	if [ -n "$stray" ]; then
		kill -KILL $stray 2>/dev/null
		echo "LEAK: $(echo "$stray" | wc -l) process(es) left running: $(echo $stray | cut -c1-200)" >>"$log"
		[ $rc -eq 0 ] || [ $rc -eq 77 ] && rc=1
	fi
	cur=
	new=$(comm -13 <(printf '%s\n' "$before") <(leftovers "$name"))
	if [ -n "$new" ]; then
		echo "LEAK: files left behind: $(echo $new)" >>"$log"
		[ $rc -eq 0 ] || [ $rc -eq 77 ] && rc=1
	fi
	secs=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
	case $rc in
	0)
		pass=$((pass + 1))
		echo "PASS $name (${secs}s)"
		;;
	77)
		skipped=$((skipped + 1))
		why=$(grep -E '^(SKIP|KNOWN BUG):' "$log" | sed 's/^SKIP: //' | paste -sd ';' -)
		echo "SKIP $name (${why:-no reason given})"
		;;
	*)
		failed=$((failed + 1))
		failures="$failures $name"
		if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
			why="timed out after ${limit}s"
		else
			why=$(grep -m1 -E '^(FAIL|LEAK):' "$log" | sed 's/^FAIL: //')
			why=${why:-exit status $rc}
		fi
		echo "FAIL $name ($why)"
		;;
	esac
	if [ $rc -ne 0 ] && [ $rc -ne 77 ] || [ "${E2E_VERBOSE:-0}" = 1 ]; then
		sed 's/^/    | /' "$log" | tail -60
	fi
done
rmdir "$BUILD/e2e-tmp" 2>/dev/null
rm -rf "$logs"
total=$(awk -v a="$t_all0" -v b="$(date +%s%N)" 'BEGIN { printf "%.0f", (b - a) / 1e9 }')
echo "e2e: $pass passed, $failed failed, $skipped skipped (${total}s, $(id -un 2>/dev/null || id -u), $(basename "$BUILD"))"
[ $failed -eq 0 ] || { echo "e2e: failed:$failures"; exit 1; }
exit 0
