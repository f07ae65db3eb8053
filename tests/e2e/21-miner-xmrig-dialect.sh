#!/bin/bash
# RM-MIN-001 against a miner that hides everything it can: our fakeminer
# speaking XMRig's stratum dialect (login/job/submit/keepalived) to a
# testpool on 127.0.0.1:3333 inside a private network namespace (only
# loopback), its config obscured (no pool or wallet in the file or argv),
# renamed "kworker/1:2" (comm and argv), reniced, running from a deleted
# copy in /dev/shm, with a custom agent that is not XMRig's.  rookmelder,
# run from the host namespace with --cpu-window 1, must find it critical
# with high confidence (high is reported as a known bug, less fails) from
# the stratum messages in its memory, extract agent, wallet and pool, name
# the pool endpoint as the destination, and also report the deleted
# executable (RM-PROC-001) and the kernel-thread disguise (RM-PROC-003).
# Also measures (prints "BENCH ...", does not assert) the time from the
# miner's start to a high or critical finding with the default CPU
# window.  Unprivileged, the miner runs in a user namespace of the test's
# own and the scanner can still read its memory.
# e2e-timeout: 90
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mine-lib.sh"
mine_need_ns

W=$(mine_wallet)
AGENT="pwnrig/6.20.0 (Linux x86_64) libuv/1.44.2 gcc/12.2.0"
COMM=kworker/1:2
SHM=/dev/shm/rm-e2e-mine-$$
track_path "$SHM"
mkdir -p "$SHM" "$T/.cache" || skip "cannot write /dev/shm"
BIN=$SHM/kworker

mine_pool pool -p 3333 -t 80
[ "$POOL_PORT" = 3333 ] || fail "the pool listens on $POOL_PORT, not 3333"
mine_cfg "$T/.cache/.sess" "stratum+tcp://127.0.0.1:3333" "$W" xmrig "$AGENT"
cp "$HELPERS/fakeminer" "$BIN"
mine_enter "$POOL_PID"

t_start=$(date +%s%N)
bg miner "${MINE_NICE[@]}" "${MINE_ENTER[@]}" "$BIN" -c "$T/.cache/.sess" -t 70 -N 5 \
	-n "$COMM" -0 "[$COMM]"
P=$BG_PID
wait_exe "$P" "$BIN"
rm -f "$BIN"

# time to a confirmed finding: scans with the default window, back to back
found_ms=
for i in $(seq 1 20); do
	rm_json "$T/b$i.json"
	sev=$(_findings_for "$T/b$i.json" RM-MIN-001 "$P" | jq -r '.[0].severity // empty')
	if [ "$sev" = critical ] || [ "$sev" = high ]; then
		found_ms=$(( ($(date +%s%N) - t_start) / 1000000 ))
		break
	fi
done
if [ -n "$found_ms" ]; then
	say "BENCH time from miner start to a $sev RM-MIN-001 (default window): ${found_ms} ms, scan $i"
else
	say "BENCH no high or critical RM-MIN-001 within 20 scans (last: ${sev:-none})"
fi

wait_ready miner
alive "$P" miner
mine_wait pool '^login ' 1
mine_wait pool '^submit ' 1
grep -q "^login 1 $W $AGENT\$" "$T/pool.out" ||
	fail "the pool saw another login: $(grep -m1 '^login' "$T/pool.out")"
# the disguise took: nothing in argv, comm or the environment gives it away
cmd=$(tr '\0' ' ' <"/proc/$P/cmdline" | sed 's/ *$//')
[ "$cmd" = "[$COMM]" ] || fail "argv of $P is '$cmd'"
[ "$(cat /proc/$P/comm)" = "$COMM" ] || fail "comm of $P is $(cat /proc/$P/comm)"
if tr '\0' '\n' <"/proc/$P/environ" | grep -q -e "$W" -e 3333; then
	fail "test setup: the miner's environment shows the pool or wallet"
fi

rm_json "$T/s.json" --cpu-window 1 --facts
S=$T/s.json
alive "$P" miner

expect_finding "$S" RM-MIN-001 "$P"
say "RM-MIN-001: $(jq -c '{severity, confidence, evidence}' <<<"$F")"
# a disguised process (kernel-thread name, deleted binary in /dev/shm)
# burning CPU with a live stratum conversation to a pool port: critical,
# high confidence.  On a machine too busy to give it half a core (no cpu
# signal) it is still high/high; anything less fails.
sc=$(jq -r '"\(.severity)/\(.confidence)"' <<<"$F")
if jq -e '.evidence.signals | index("cpu") != null' <<<"$F" >/dev/null; then
	[ "$sc" = critical/high ] || fail "$F_WHAT: $sc with signal cpu, not critical/high"
else
	case $sc in
	critical/high|high/high) ;;
	*) fail "$F_WHAT: $sc" ;;
	esac
fi
f_eq .rule.category mining
f_eq '.threat.technique.id | index("T1496.001") != null' true
f_eq .process.name "$COMM"
f_eq .process.executable "$BIN (deleted)"
f_eq .file.path "$BIN"
f_eq .destination.ip 127.0.0.1
f_eq .destination.port 3333
f_eq .evidence.pool_url "stratum+tcp://127.0.0.1:3333"
f_eq .evidence.agent "$AGENT"
f_eq .evidence.wallet "$W"
f_eq .evidence.algorithm rx/0
f_eq .evidence.nice 5
for s in pool_port stratum_in_memory disguise; do has_sig $s; done
cpu_sig
for m in login job submit seed_hash; do ev_has stratum_methods $m; done
f_eq '.evidence.threads >= 3' true
f_eq '.evidence.evidence_kinds >= 2' true
f_eq '.evidence.memory_bytes_read > 0' true
# byte counters come from sock_diag, which needs setns() (root)
[ "$MYUID" -ne 0 ] || f_eq '.evidence.pool_bytes_received > 0' true
f_eq '.evidence | has("config_file")' false
f_eq '.message | contains("127.0.0.1:3333")' true
MINF=$F

expect_finding "$S" RM-PROC-001 "$P" critical
f_eq .evidence.kind deleted
f_eq .file.path "$BIN"
expect_finding "$S" RM-PROC-003 "$P"
f_eq .evidence.shown_name "$COMM"
f_eq .evidence.kernel_thread_flag false

# what deep inspection recorded
D=$(fact_of "$S" "$P" | jq -c .deep)
[ "$D" != null ] || fail "no facts.processes[].deep for the miner $P"
say "deep: $(jq -c '{reasons, memory, memory_bytes, stratum, exe_strings, cmdline_strings}' <<<"$D")"
jq -e '.reasons | index("pool_port") != null' <<<"$D" >/dev/null ||
	fail "deep.reasons: $(jq -c .reasons <<<"$D")"
jq -e --arg w "$W" '.login == $w and .wallet == $w' <<<"$D" >/dev/null ||
	fail "deep.login/wallet: $(jq -c '{login, wallet}' <<<"$D")"
jq -e '.exe_strings.strong == 0' <<<"$D" >/dev/null ||
	fail "test setup: fakeminer's binary carries strong miner strings: $(jq -c .exe_strings <<<"$D")"

# the scanner read the memory: the facts must say so
m=$(jq -r .memory <<<"$D")
[ "$m" = success ] ||
	fail "facts.processes[].deep.memory is \"$m\" although $(jq .memory_bytes <<<"$D") bytes of memory were read"
# the command line is "[kworker/1:2]": nothing in it is a miner's (the
# wallet came from memory)
jq -e '.evidence.signals | index("miner_command_line") == null' <<<"$MINF" >/dev/null ||
	fail "signal miner_command_line for a command line of '[$COMM]'"
finish
