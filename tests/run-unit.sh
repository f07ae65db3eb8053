#!/bin/sh
# run-unit.sh BUILD_DIR - run every cmocka unit-test binary in
# BUILD_DIR/tests/test_*, print one line per binary, then
# "unit: N passed, M failed, K skipped" (counted in tests; a binary that
# crashes or hangs counts as one more failure).  Exits 1 if anything
# failed, 2 on usage errors.
#
# Environment: UNIT_TIMEOUT (seconds per binary, default 120),
# UNIT_VERBOSE=1 prints every binary's full output, RM_UNIT_BUGS=1 runs
# the tests that expose known bugs in src/ (they fail until fixed).
set -u

if [ $# -ne 1 ] || [ ! -d "$1/tests" ]; then
	echo "usage: tests/run-unit.sh BUILD_DIR (holding tests/test_*;" \
	    "build them with: make O=BUILD_DIR unit)" >&2
	exit 2
fi
dir=$1
timeout_s=${UNIT_TIMEOUT:-120}
out=$(mktemp "${TMPDIR:-/tmp}/rm-unit-out.XXXXXX") || exit 2
trap 'rm -f "$out"' EXIT INT TERM HUP

now_ms() {
	t=$(date +%s%N 2>/dev/null)
	case $t in
	*N) echo $(( $(date +%s) * 1000 )) ;;
	*) echo $(( t / 1000000 )) ;;
	esac
}

total_pass=0
total_fail=0
total_skip=0
nbin=0
badbins=""

for t in "$dir"/tests/test_*; do
	if [ ! -f "$t" ] || [ ! -x "$t" ]; then
		continue
	fi
	name=${t##*/}
	case $name in *.*) continue ;; esac
	nbin=$((nbin + 1))
	t0=$(now_ms)
	if command -v timeout >/dev/null 2>&1; then
		timeout -s KILL "$timeout_s" "$t" >"$out" 2>&1
	else
		"$t" >"$out" 2>&1
	fi
	rc=$?
	ms=$(( $(now_ms) - t0 ))
	# cmocka: "[       OK ] name", "[  FAILED  ] name", "[  SKIPPED ] name";
	# failed and skipped tests are named twice (when run, and in the
	# closing list), so those are counted by unique name
	ok=$(grep -c '^\[       OK \]' "$out")
	failed=$(grep '^\[  FAILED  \] ' "$out" | grep -v 'test(s)' |
	    sort -u | wc -l)
	skipped=$(grep '^\[  SKIPPED \] ' "$out" | grep -v 'test(s)' |
	    sort -u | wc -l)
	status=PASS
	if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ]; then
		status=FAIL
		if [ "$failed" -eq 0 ]; then
			failed=1        # crashed, hung or exited non-zero
		fi
		badbins="$badbins $name"
	fi
	total_pass=$((total_pass + ok))
	total_fail=$((total_fail + failed))
	total_skip=$((total_skip + skipped))
	extra=""
	if [ "$rc" -eq 137 ] && [ "$ms" -ge $((timeout_s * 1000)) ]; then
		extra=", timed out after ${timeout_s} s"
	elif [ "$rc" -ge 128 ]; then
		extra=", killed by signal $((rc - 128))"
	fi
	printf '%s %-24s %3d passed, %d failed, %d skipped (%d ms%s)\n' \
	    "$status" "$name" "$ok" "$failed" "$skipped" "$ms" "$extra"
	if [ "$status" = FAIL ] || [ "${UNIT_VERBOSE:-0}" = 1 ]; then
		sed 's/^/    | /' "$out"
	elif [ "$skipped" -ne 0 ]; then
		# say why each skipped test was skipped
		grep '^\[   SKIP   \]' "$out" | sed 's/^/    /'
	fi
done

if [ "$nbin" -eq 0 ]; then
	echo "unit: no test binaries in $dir/tests (run: make O=$dir unit)" >&2
	exit 2
fi
if [ -n "$badbins" ]; then
	echo "failed binaries:$badbins"
fi
echo "unit: $total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
