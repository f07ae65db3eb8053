# lib.sh - shared helpers for the end-to-end tests; sourced by every
# tests/e2e/NN-name.sh.  tests/e2e/run.sh sets RM, RM_STATIC, HELPERS and
# TOP.  A test exits 0 (pass), 77 (skip: it printed "SKIP: why" or
# "KNOWN BUG: what") or anything else (fail).
#
# Every test gets a private directory $T, removed at exit, and an EXIT
# trap that stops and SIGKILLs every process it started with bg (and all
# their descendants, found by parent pid, never by name) and removes every
# path registered with track_path.
#
#   bg NAME CMD...        start CMD in the background; BG_PID is its pid,
#                         stdout goes to $T/NAME.out, stderr to $T/NAME.err
#   wait_ready NAME       wait for a "ready ..." line; READY holds its words
#   wait_exe PID PATH     wait until PID has exec()ed PATH (prefix match)
#   rm_json OUT ARGS...   `$RM scan --format json ARGS` into OUT, RC set;
#                         fails unless RC is 0 or 1, stderr is free of
#                         sanitizer reports and OUT validates against
#                         docs/schema/scan.schema.json
#   expect_finding FILE RULE PID [SEV]   exactly one such finding; F = it
#   no_finding FILE RULE PID             none
#   f_eq JQPATH VALUE                    assert on the finding in F
#   jq_true [--arg N V]... FILE FILTER MSG   jq -e FILTER must hold
#   plain_dir             PLAIN = a fresh directory whose path rookmelder
#                         does not find suspicious (not under /tmp or
#                         /dev/shm, no dot-directory); fails if none
#   fail MSG | skip MSG | known_bug MSG | finish

set -u
: "${RM:?RM is not set: run tests through tests/e2e/run.sh BUILD_DIR}"
: "${HELPERS:?}" "${TOP:?}"
RM_STATIC=${RM_STATIC:-}
E2E_NAME=$(basename "$0" .sh)
SCHEMA=$TOP/docs/schema/scan.schema.json
ND_SCHEMA=$TOP/docs/schema/ndjson.schema.json
VALIDATE=$TOP/tests/validate-json.py
PY=/usr/bin/python3
BUILD=$(dirname "$RM")
MYUID=$(id -u)
export LC_ALL=C

_E2E_PIDS=()        # "pid:starttime" of every process started with bg
_E2E_PATHS=()       # extra paths to remove at exit
_E2E_RMDIRS=()      # directories to remove at exit if empty
_E2E_KNOWN=0
RM_WRAP=()          # a command put in front of $RM by rm_json (setpriv)

T=$(mktemp -d "${TMPDIR:-/tmp}/rm-e2e.$E2E_NAME.XXXXXX") || {
	echo "cannot create a temporary directory" >&2
	exit 1
}

# run in the private directory: nothing a test does lands in the tree
cd "$T" || exit 1

say() { printf '%s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
skip() { printf 'SKIP: %s\n' "$*"; exit 77; }

# A bug in rookmelder the suite knows about: reported, the test goes on,
# and finish exits 77 instead of 0 so the suite stays green.
known_bug() {
	printf 'KNOWN BUG: %s\n' "$*"
	_E2E_KNOWN=$((_E2E_KNOWN + 1))
}

finish() {
	[ "$_E2E_KNOWN" -eq 0 ] || exit 77
	exit 0
}

need_root() {
	[ "$MYUID" -eq 0 ] || skip "needs root${1:+ ($1)}"
}

need_cmd() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip "no $c"
	done
}

# Field 22 of /proc/PID/stat (start time): pins a pid against reuse.
_starttime() {
	local s
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	s=${s##*) }
	set -- $s
	printf '%s\n' "${20}"
}

track_path() {
	case $1 in
	/?*) _E2E_PATHS+=("$1") ;;
	*) fail "track_path wants an absolute path, not '$1'" ;;
	esac
}

# The given pids (if still the processes we started) and all descendants.
_tree() {
	local roots=() e pid st
	for e in "${_E2E_PIDS[@]}"; do
		pid=${e%%:*}
		st=$(_starttime "$pid") || continue
		[ "$st" = "${e#*:}" ] && roots+=("$pid")
	done
	[ ${#roots[@]} -gt 0 ] || return 0
	ps -e -o pid=,ppid= 2>/dev/null | awk -v roots="${roots[*]}" '
		BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) want[r[i]] = 1 }
		{ pp[$1] = $2 }
		END {
			do {
				more = 0
				for (p in pp)
					if (!(p in want) && (pp[p] in want)) { want[p] = 1; more = 1 }
			} while (more)
			for (p in want) if (p in pp) print p
		}'
}

_e2e_cleanup() {
	local rc=$? pids i p
	trap - EXIT TERM INT HUP
	if [ ${#_E2E_PIDS[@]} -gt 0 ]; then
		# stop the whole tree first so nothing forks while it is killed
		for i in 1 2 3; do
			pids=$(_tree)
			[ -n "$pids" ] || break
			kill -STOP $pids 2>/dev/null
		done
		pids=$(_tree)
		if [ -n "$pids" ]; then
			kill -KILL $pids 2>/dev/null
			kill -CONT $pids 2>/dev/null
		fi
		for e in "${_E2E_PIDS[@]}"; do
			wait "${e%%:*}" 2>/dev/null
		done
	fi
	for p in "${_E2E_PATHS[@]}"; do
		case $p in
		/|/tmp|/dev/shm|/home|/var/tmp) ;;
		/?*) chmod -R u+rwx "$p" 2>/dev/null; rm -rf -- "$p" ;;
		esac
	done
	for p in "${_E2E_RMDIRS[@]}"; do
		rmdir -- "$p" 2>/dev/null
	done
	chmod -R u+rwx "$T" 2>/dev/null
	rm -rf -- "$T"
	exit $rc
}
trap _e2e_cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

# bg NAME CMD... : start CMD in the background, remember it for cleanup.
bg() {
	local name=$1 st i
	shift
	"$@" >"$T/$name.out" 2>"$T/$name.err" </dev/null &
	BG_PID=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do
		st=$(_starttime "$BG_PID") && break
		sleep 0.01
	done
	_E2E_PIDS+=("$BG_PID:${st:-0}")
}

# Processes started some other way (their pid is known) also get killed.
track_pid() {
	local st
	st=$(_starttime "$1") || return 0
	_E2E_PIDS+=("$1:$st")
}

# wait_ready NAME [SECS]: the helper printed "ready ..."; READY=(words).
wait_ready() {
	local name=$1 secs=${2:-20} i line
	for ((i = 0; i < secs * 20; i++)); do
		line=$(grep -m1 '^ready' "$T/$name.out" 2>/dev/null)
		if [ -n "$line" ]; then
			read -r -a READY <<<"$line"
			return 0
		fi
		sleep 0.05
	done
	cat "$T/$name.err" >&2 2>/dev/null
	fail "$name did not get ready within ${secs}s"
}

# wait_exe PID PATH: PID runs PATH (the exe link starts with PATH).
wait_exe() {
	local pid=$1 want=$2 i got
	for ((i = 0; i < 400; i++)); do
		got=$(readlink "/proc/$pid/exe" 2>/dev/null) || got=
		case $got in "$want"*) return 0 ;; esac
		[ -d "/proc/$pid" ] || break
		sleep 0.025
	done
	fail "pid $pid does not run $want (exe: ${got:-unreadable or gone})"
}

alive() {
	kill -0 "$1" 2>/dev/null || fail "pid $1 ($2) died early: $(cat "$T/$2.err" 2>/dev/null | head -3)"
}

# Paths that rookmelder's path_classify() (src/detect/detect_util.c) finds
# unremarkable: not under a world-writable directory, /dev or /boot, and
# no component starting with a dot.
path_is_plain() {
	case "$1/" in
	/tmp/*|/var/tmp/*|/dev/*|/run/shm/*|/run/lock/*|/var/lock/*|/var/crash/*|/boot/*) return 1 ;;
	*/.*) return 1 ;;
	esac
	return 0
}

# plain_dir: make a new directory (mode 0755, removed at exit) with a plain
# path, in PLAIN; fails if there is nowhere to put one.  Not in $(...): the
# directory must be registered in this shell.
plain_dir() {
	local base d
	PLAIN=
	# /run/rookmelder-e2e (root only): when the checkout itself lives
	# under /tmp, nothing below it is plain
	for base in "${E2E_PLAIN_BASE:-}" "$BUILD/e2e-tmp" "${TMPDIR:-}" \
	    /run/rookmelder-e2e; do
		[ -n "$base" ] || continue
		if [ "$base" = /run/rookmelder-e2e ] && [ ! -d "$base" ]; then
			[ "$MYUID" = 0 ] && mkdir -m 0755 "$base" 2>/dev/null ||
				continue
			_E2E_RMDIRS+=("$base")  # removed at exit if empty
		fi
		mkdir -p "$base" 2>/dev/null || continue
		base=$(cd "$base" 2>/dev/null && pwd -P) || continue
		[ -w "$base" ] && path_is_plain "$base" || continue
		d=$(mktemp -d "$base/$E2E_NAME.XXXXXX") || continue
		chmod 0755 "$d"
		track_path "$d"
		PLAIN=$d
		return 0
	done
	return 1
}

# ---- running the scanner -----------------------------------------------------

_sanitizer_check() {
	if grep -qE 'Sanitizer|runtime error:' "$1" 2>/dev/null; then
		head -40 "$1" >&2
		fail "sanitizer report from rookmelder (see above)"
	fi
}

validate() {   # validate FILE [SCHEMA] [--ndjson]
	local file=$1 schema=${2:-$SCHEMA} nd=${3:-}
	if ! "$PY" "$VALIDATE" $nd "$schema" "$file" 2>"$file.verr"; then
		head -20 "$file.verr" >&2
		fail "$(basename "$file") does not validate against $(basename "$schema")"
	fi
}

# Never probe a real instance metadata service: should CI run on a cloud
# VM, a live scan would otherwise ask 169.254.169.254 (tests that want the
# probe pass --imds-probe inside a namespace of their own).
export ROOKMELDER_IMDS_PROBE=0
# Scans skip the YARA pass unless a test asks for it (ROOKMELDER_YARA=1 or
# --yara): most tests are about other rules, and the pass reads /tmp,
# where a checkout may live.  Compiled rules are cached in the build dir.
export ROOKMELDER_YARA=${ROOKMELDER_YARA:-0}
export ROOKMELDER_CACHE_DIR=${ROOKMELDER_CACHE_DIR:-$BUILD/yara-cache}

# rm_run OUT ARGS...: `$RM ARGS` with stdout to OUT and stderr to OUT.err;
# RC is its exit status; only a sanitizer report fails here.
rm_run() {
	local out=$1
	shift
	RC=0
	"${RM_WRAP[@]}" "$RM" "$@" >"$out" 2>"$out.err" || RC=$?
	_sanitizer_check "$out.err"
}

rm_json() {
	local out=$1
	shift
	rm_run "$out" scan --format json "$@"
	case $RC in
	0|1) ;;
	*) head -20 "$out.err" >&2; fail "scan --format json $* exited $RC" ;;
	esac
	validate "$out"
}

rm_ndjson() {
	local out=$1
	shift
	rm_run "$out" scan --format ndjson "$@"
	case $RC in
	0|1) ;;
	*) head -20 "$out.err" >&2; fail "scan --format ndjson $* exited $RC" ;;
	esac
	validate "$out" "$ND_SCHEMA" --ndjson
}

# One line per finding: severity rule pid message (for failure messages).
dump_findings() {
	jq -r '.findings[] | "  \(.severity) \(.rule.id) pid=\(.process.pid // "-") \(.message)"' "$1" 2>/dev/null | head -40
}

# jq_true [--arg(json) NAME VALUE]... FILE FILTER MSG
jq_true() {
	local args=()
	while [ $# -gt 3 ]; do
		args+=("$1" "$2" "$3")
		shift 3
	done
	jq -e "${args[@]}" "$2" "$1" >/dev/null 2>&1 || fail "$3 [jq: $2]"
}

_findings_for() {  # FILE RULE PID
	jq -c --arg r "$2" --argjson p "$3" \
	    '[.findings[] | select(.rule.id == $r and .process.pid == $p)]' "$1"
}

# expect_finding FILE RULE PID [SEVERITY]: exactly one; F holds it.
expect_finding() {
	local all n sev
	all=$(_findings_for "$1" "$2" "$3")
	n=$(jq length <<<"$all")
	if [ "$n" != 1 ]; then
		dump_findings "$1" >&2
		fail "expected one $2 finding for pid $3, found $n"
	fi
	F=$(jq -c '.[0]' <<<"$all")
	F_WHAT="$2 for pid $3"
	if [ -n "${4:-}" ]; then
		sev=$(jq -r .severity <<<"$F")
		[ "$sev" = "$4" ] || fail "$F_WHAT: severity $sev, expected $4 ($(jq -r .message <<<"$F"))"
	fi
}

no_finding() {
	local n
	n=$(_findings_for "$1" "$2" "$3" | jq length)
	[ "$n" = 0 ] || { dump_findings "$1" >&2; fail "unexpected $2 finding for pid $3"; }
}

# f_eq JQPATH VALUE: a field of the finding in F (jq -r form) equals VALUE.
f_eq() {
	local v
	v=$(jq -r "$1" <<<"$F")
	[ "$v" = "$2" ] || fail "$F_WHAT: $1 is '$v', expected '$2'"
}

# The facts record of a pid (from a --facts document), or "null".
fact_of() {
	jq -c --argjson p "$2" '[.facts.processes[] | select(.pid == $p)][0]' "$1"
}

# Count of control bytes other than \n in a file (text output must have 0).
ctrl_bytes() {
	tr -d '\n\040-\176\200-\377' <"$1" | wc -c
}

# run CMD on a pseudo-terminal (util-linux script); output in the file.
on_pty() {
	local out=$1
	shift
	SHELL=/bin/sh script -qec "stty -onlcr 2>/dev/null; $*" /dev/null >"$out" 2>&1 </dev/null
}
