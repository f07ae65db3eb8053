#!/bin/bash
# --no-memory: process memory is not read, so findings lose the memory
# evidence (no stratum_methods, no agent or wallet from memory), scan.skipped
# says so, and what gives a miner away elsewhere still finds it.  Three
# fakeminers (XMRig dialect) to one testpool on 127.0.0.1:3333 in a private
# network namespace:
#   M1  obscured config, renamed: only its memory gives it away (its
#       login request built in a growing buffer, so truncated copies of
#       it lie in freed heap memory, as in real miners);
#   M2  an XMRig-style config.json in its working directory (argv
#       overwritten to "php-fpm: pool www", so only the file tells);
#   M3  miner options on its command line (--donate-level=1 ...), no
#       pool or wallet in it.
# With memory all three are found; without, M2 (config_file) and M3
# (command_line_strings) still are, and M1 is not: CPU, a pool port and a
# name are not enough (by design; printed, not a bug).
# e2e-timeout: 90
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mine-lib.sh"
mine_need_ns

W=$(mine_wallet)
mine_pool pool -p 3333 -t 80
mine_enter "$POOL_PID"
mkdir -p "$T/m1" "$T/m2" "$T/m3"
AG="XMRig/6.21.0 (Linux x86_64) libuv/1.44.2 gcc/12.2.0"
mine_cfg "$T/m1/.s" "stratum+tcp://127.0.0.1:3333" "$W" xmrig "$AG" "" true
mine_cfg "$T/m3/.s" "stratum+tcp://127.0.0.1:3333" "$W" xmrig "$AG"
cat >"$T/m2/config.json" <<EOF
{
    "autosave": true,
    "donate-level": 1,
    "cpu": {"enabled": true, "huge-pages": true, "max-threads-hint": 50},
    "user-agent": "XMRig/6.21.0 (Linux x86_64) libuv/1.44.2 gcc/12.2.0",
    "pools": [
        {"url": "127.0.0.1:3333", "user": "$W", "pass": "x", "keepalive": true, "tls": false}
    ]
}
EOF
# one thread each: three miners share two cores
bg m1 "${MINE_NICE[@]}" "${MINE_ENTER[@]}" "$HELPERS/fakeminer" -c "$T/m1/.s" -T 1 -t 70 -n kworker/u4:1 -0 "[kworker/u4:1]"
M1=$BG_PID
bg m2 sh -c 'cd "$1" && shift && exec "$@"' sh "$T/m2" "${MINE_NICE[@]}" "${MINE_ENTER[@]}" \
	"$HELPERS/fakeminer" -c config.json -T 1 -t 70 -n php-fpm -0 "php-fpm: pool www"
M2=$BG_PID
bg m3 "${MINE_NICE[@]}" "${MINE_ENTER[@]}" "$HELPERS/fakeminer" -c "$T/m3/.s" -T 1 -t 70 -- \
	--donate-level=1 --randomx-1gb-pages --cpu-priority=0 -k
M3=$BG_PID
for m in m1 m2 m3; do wait_ready $m; done
mine_wait pool '^submit ' 3
[ "$(readlink /proc/$M2/cwd)" = "$T/m2" ] || fail "test setup: m2 runs in $(readlink /proc/$M2/cwd)"

rm_json "$T/mem.json" --cpu-window 1 --facts
rm_json "$T/nomem.json" --cpu-window 1 --facts --no-memory
for p in $M1 $M2 $M3; do alive "$p" "pid $p"; done

# with memory: all three, with the stratum conversation
for p in $M1 $M2 $M3; do
	expect_finding "$T/mem.json" RM-MIN-001 "$p"
	has_sig stratum_in_memory
	for m in login job; do ev_has stratum_methods $m; done
	# M1 also holds a copy of its login request cut short in freed heap
	# memory: only a value that ends in its closing quote counts
	f_eq .evidence.wallet "$W"
	f_eq .destination.port 3333
	say "memory    pid $p: $(jq -c '{severity, confidence, signals: .evidence.signals}' <<<"$F")"
done
jq_true "$T/mem.json" '[.scan.skipped[] | select(.reason | test("no-memory"))] | length == 0' \
	"a scan with memory says --no-memory"

# without memory
N=$T/nomem.json
jq_true "$N" '[.scan.skipped[] | select(.check == "mining: process memory" and (.reason | test("--no-memory")))] | length == 1' \
	"--no-memory: scan.skipped does not say memory was not read: $(jq -c .scan.skipped "$N")"
for p in $M1 $M2 $M3; do
	D=$(fact_of "$N" "$p" | jq -c .deep)
	jq -e '.memory_bytes == 0 and (.stratum | length) == 0 and (has("agent") | not)' <<<"$D" >/dev/null ||
		fail "--no-memory: pid $p's memory was read: $(jq -c '{memory, memory_bytes, stratum, agent}' <<<"$D")"
done
n=$(_findings_for "$N" RM-MIN-001 "$M1" | jq length)
say "no-memory pid $M1 (memory only): $n RM-MIN-001; its facts: $(fact_of "$N" "$M1" | jq -c '{cpu_pct, deep: {reasons: .deep.reasons}}')"
no_finding "$N" RM-MIN-001 "$M1"

expect_finding "$N" RM-MIN-001 "$M2"
say "no-memory pid $M2 (config): $(jq -c '{severity, confidence, evidence}' <<<"$F")"
has_sig miner_config
f_eq .evidence.config_file "$T/m2/config.json"
f_eq .evidence.pool_url 127.0.0.1:3333
f_eq .evidence.wallet "$W"
f_eq .destination.ip 127.0.0.1
f_eq .destination.port 3333
f_eq '.evidence | has("stratum_methods") or has("agent")' false
f_eq '.evidence.signals | index("stratum_in_memory")' null
# its argv is "php-fpm: pool www": nothing there is a miner's
# (the wallet of its config file must not count a second time)
f_eq '.evidence.signals | index("miner_command_line")' null

expect_finding "$N" RM-MIN-001 "$M3"
say "no-memory pid $M3 (command line): $(jq -c '{severity, confidence, evidence}' <<<"$F")"
has_sig miner_command_line
ev_has command_line_strings --donate-level
f_eq '.evidence | has("stratum_methods") or has("agent") or has("wallet")' false
f_eq .destination.port 3333
finish
