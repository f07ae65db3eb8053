#!/bin/bash
# A distribution-installed monero node (Debian package "monero") run on
# purpose is not a compromise: /usr/bin/monerod, offline (--offline
# --regtest, its own data directory, in a private network namespace with
# only loopback) must give RM-MIN-004 (info, package "monero") and no
# RM-MIN-001.  A copy of the same binary renamed and run from /dev/shm is
# disguised: it must not get the RM-MIN-004 pass.  Skips when monerod is
# not installed (scripts/deps-debian.sh test installs it).
# e2e-timeout: 90
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mine-lib.sh"
MONEROD=/usr/bin/monerod
[ -x "$MONEROD" ] || skip "$MONEROD is not installed (Debian package monero): the packaged-node case was not run"
mine_need_ns
dpkg -S "$MONEROD" 2>/dev/null | grep -q '^monero:' ||
	skip "$MONEROD does not belong to the Debian package monero ($(dpkg -S "$MONEROD" 2>&1 | head -1))"

SHM=/dev/shm/rm-e2e-monero-$$
track_path "$SHM"
mkdir -p "$SHM" "$T/d1" "$T/d2" || skip "cannot write /dev/shm"
cp "$MONEROD" "$SHM/kswapd1"

node() {  # NAME BINARY DATADIR: monerod offline, in a namespace of its own
	bg "$1" "${MINE_NEWNS[@]}" sh -c 'ip link set lo up && exec "$0" "$@"' "$2" \
		--offline --regtest --data-dir "$3" --non-interactive --no-igd \
		--p2p-bind-ip 127.0.0.1 --rpc-bind-ip 127.0.0.1 --no-zmq \
		--log-file "$3/monerod.log" --log-level 0
}
node real "$MONEROD" "$T/d1"
P_REAL=$BG_PID
node fake "$SHM/kswapd1" "$T/d2"
P_FAKE=$BG_PID
wait_exe "$P_REAL" "$MONEROD"
wait_exe "$P_FAKE" "$SHM/kswapd1"
# up: its RPC port listens (or a few seconds passed)
for i in $(seq 1 100); do
	grep -qi 'core RPC server started\|The daemon will start synchronizing\|Starting core RPC' "$T/d1/monerod.log" 2>/dev/null && break
	sleep 0.2
done
alive "$P_REAL" real
alive "$P_FAKE" fake
say "monerod: $(grep -m1 -io 'monero .*v[0-9][0-9.]*[^ ]*' "$T/d1/monerod.log" 2>/dev/null)"

rm_json "$T/s.json" --cpu-window 1 --facts
S=$T/s.json
for p in $P_REAL $P_FAKE; do
	say "pid $p: $(jq -c --argjson p "$p" '[.findings[] | select(.process.pid == $p) | {rule: .rule.id, severity, confidence, evidence}]' "$S")"
	say "pid $p facts: $(fact_of "$S" "$p" | jq -c '{comm, exe, cpu_pct, deep: (.deep | if . then {reasons, exe_package, exe_strings: .exe_strings.strong} else null end)}')"
done

# the packaged node, as itself
no_finding "$S" RM-MIN-001 "$P_REAL"
expect_finding "$S" RM-MIN-004 "$P_REAL" info
f_eq .evidence.package monero
f_eq .evidence.mining false
f_eq .confidence high
f_eq .file.path "$MONEROD"

# the disguised copy: never the package pass
no_finding "$S" RM-MIN-004 "$P_FAKE"
finish
