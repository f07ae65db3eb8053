#!/bin/bash
# An unprivileged scanner (setpriv uid 65534) against a miner run by root
# (fakeminer, XMRig dialect, to a testpool on 127.0.0.1:3333 in a private
# network namespace, renamed kworker/0:3).  The scan must still complete,
# say in scan.skipped that process memory could not be read and why, and
# report what it can see; CPU alone (it cannot even see whose socket goes
# to the pool port) must not make an RM-MIN-001.  The same host scanned by
# root finds the miner (high or critical), so the difference is the
# privilege only.
# Root only: a root miner is the point.
# e2e-timeout: 90
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mine-lib.sh"
need_root "the miner must belong to another user than the scanner"
need_cmd setpriv
mine_need_ns

W=$(mine_wallet)
COMM=kworker/0:3
mkdir -p "$T/.c"
mine_pool pool -p 3333 -t 80
mine_cfg "$T/.c/s" "stratum+tcp://127.0.0.1:3333" "$W" xmrig "XMRig/6.21.0 (Linux x86_64) libuv/1.44.2 gcc/12.2.0"
mine_enter "$POOL_PID"
bg miner "${MINE_NICE[@]}" "${MINE_ENTER[@]}" "$HELPERS/fakeminer" -c "$T/.c/s" -t 70 -n "$COMM" -0 "[$COMM]"
P=$BG_PID
wait_ready miner
mine_wait pool '^submit ' 1
[ "$(stat -c %u /proc/$P)" = 0 ] || fail "test setup: the miner does not run as root"

# the root scan: the reference
rm_json "$T/root.json" --cpu-window 1 --facts
expect_finding "$T/root.json" RM-MIN-001 "$P"
say "root scan: $(jq -c '{severity, confidence, signals: .evidence.signals}' <<<"$F")"
case $(jq -r .severity <<<"$F") in
high|critical) ;;
*) fail "$F_WHAT: the root scan finds the miner only $(jq -r .severity <<<"$F")" ;;
esac

# the unprivileged scan
chmod 755 "$T"
RM_WRAP=(setpriv --reuid=65534 --regid=65534 --clear-groups)
rm_json "$T/u.json" --cpu-window 1 --facts
RM_WRAP=()
U=$T/u.json
alive "$P" miner
say "unprivileged scan: exit $RC, $(jq '.findings | length' "$U") findings; for the miner:"
jq -r --argjson p "$P" '.findings[] | select(.process.pid == $p) | "  \(.severity) \(.confidence) \(.rule.id) \(.message) \(.evidence | tostring)"' "$U"
say "  skipped: $(jq -c '[.scan.skipped[] | select(.check | startswith("mining") or startswith("processes"))]' "$U")"

FACT=$(fact_of "$U" "$P")
[ "$FACT" != null ] || fail "the unprivileged scan does not list the miner $P"
say "  facts: $(jq -c '{comm, exe_kind, cpu_pct, deep: (.deep | if . then {reasons, memory, exe, stratum} else null end)}' <<<"$FACT")"
# 25%: what makes a process a deep-inspection candidate
jq -e '.cpu_pct >= 25' <<<"$FACT" >/dev/null ||
	fail "the unprivileged scan saw $(jq .cpu_pct <<<"$FACT")% CPU for a miner on all cores (load: $(cut -d' ' -f1-3 /proc/loadavg))"
# it was a candidate, and reading its memory was refused
jq -e '.deep != null and (.deep.reasons | index("cpu") != null) and .deep.memory == "permission denied"' <<<"$FACT" >/dev/null ||
	fail "deep inspection as uid 65534: $(jq -c .deep <<<"$FACT")"
jq_true "$U" '[.scan.skipped[] | select(.check == "mining: process memory" and (.reason | test("could not be read.*needs root")))] | length == 1' \
	"scan.skipped does not say why the miner's memory was not read: $(jq -c .scan.skipped "$U")"
# what it cannot see, it must not invent: CPU (and a name) is not a miner
no_finding "$U" RM-MIN-001 "$P"
# the disguise is still visible without privileges
expect_finding "$U" RM-PROC-003 "$P"
f_eq .evidence.shown_name "$COMM"
finish
