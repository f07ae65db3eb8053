#!/bin/bash
# RM-MIN-001 for the Bitcoin stratum dialect (mining.subscribe /
# mining.authorize / mining.notify / mining.submit), two miners at once in
# two separate network namespaces ("two containers"), each with a pool of
# its own:
#   A: 127.0.0.1:3333, cpuminer's field order ("method" before "params"),
#      worker "WALLET_A.rig1", its authorize request built in a growing
#      buffer (truncated copies of it stay in freed heap memory);
#   B: [::1]:24567 - IPv6 and a port on no pool list - with the field
#      order of the slush pool manual ("params" first), worker
#      "WALLET_B.rig2".
# Both are found, each with its own wallet, stratum methods and pool
# endpoint (nothing mixed up between the namespaces), whatever the port.
# e2e-timeout: 90
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mine-lib.sh"
mine_need_ns

WA=$(mine_wallet)
WB=$(mine_wallet)
AG_A="cpuminer-opt/23.5"
AG_B="bmminer/2.0.0"
mkdir -p "$T/a" "$T/b"

mine_pool poolA -p 3333 -t 80
PA=$POOL_PID
# IPv6 for B where the kernel has it (a new namespace's lo gets ::1)
if [ "$(cat /proc/sys/net/ipv6/conf/default/disable_ipv6 2>/dev/null)" = 0 ]; then
	IPB=::1 URLB="stratum+tcp://[::1]:24567"
else
	IPB=127.0.0.1 URLB="stratum+tcp://127.0.0.1:24567"
	say "note: no IPv6 here: pool B listens on 127.0.0.1"
fi
mine_pool poolB -a "$IPB" -p 24567 -t 80
PB=$POOL_PID
NSA=$(stat -Lc %i /proc/$PA/ns/net)
NSB=$(stat -Lc %i /proc/$PB/ns/net)
[ "$NSA" != "$NSB" ] || fail "test setup: both pools in one namespace"

mine_cfg "$T/a/.cfg" "stratum+tcp://127.0.0.1:3333" "$WA.rig1" btc "$AG_A" "" true
mine_cfg "$T/b/.cfg" "$URLB" "$WB.rig2" btc "$AG_B" slush
# one core each, so both clearly burn CPU on a 2-core machine
mine_enter "$PA"
bg minerA "${MINE_NICE[@]}" "${MINE_ENTER[@]}" "$HELPERS/fakeminer" -c "$T/a/.cfg" -T 1 -t 70 -n sshd-helper
MA=$BG_PID
mine_enter "$PB"
bg minerB "${MINE_NICE[@]}" "${MINE_ENTER[@]}" "$HELPERS/fakeminer" -c "$T/b/.cfg" -T 1 -t 70 -n dbus-broker
MB=$BG_PID
wait_ready minerA
wait_ready minerB
mine_wait poolA '^msubmit ' 1
mine_wait poolB '^msubmit ' 1
grep -q "^authorize 1 $WA.rig1\$" "$T/poolA.out" || fail "pool A: $(grep -m1 authorize "$T/poolA.out")"
grep -q "^authorize 1 $WB.rig2\$" "$T/poolB.out" || fail "pool B: $(grep -m1 authorize "$T/poolB.out")"
[ "$(stat -Lc %i /proc/$MA/ns/net)" = "$NSA" ] || fail "miner A is not in namespace A"
[ "$(stat -Lc %i /proc/$MB/ns/net)" = "$NSB" ] || fail "miner B is not in namespace B"

rm_json "$T/s.json" --cpu-window 1 --facts
S=$T/s.json
alive "$MA" minerA
alive "$MB" minerB

# the socket facts keep the namespaces apart
jq_true --argjson ns "$NSA" --argjson p "$MA" "$S" \
	'[.facts.sockets[] | select(.netns == $ns and .state == "ESTABLISHED" and .remote.port == 3333 and (.owners | index($p) != null))] | length == 1' \
	"miner A's connection to 3333 is not listed in namespace $NSA"
jq_true --argjson ns "$NSB" --argjson p "$MB" --arg ip "$IPB" "$S" \
	'[.facts.sockets[] | select(.netns == $ns and .state == "ESTABLISHED" and .remote.port == 24567 and .remote.ip == $ip and (.owners | index($p) != null))] | length == 1' \
	"miner B's connection to $IPB port 24567 is not listed in namespace $NSB"

check_btc() {  # PID WALLET WORKER AGENT URL IP PORT
	local pid=$1 w=$2 worker=$3 agent=$4 url=$5 ip=$6 port=$7 D why
	expect_finding "$S" RM-MIN-001 "$pid"
	say "RM-MIN-001 pid $pid: $(jq -c '{severity, confidence, destination, evidence}' <<<"$F")"
	# a stratum conversation and CPU make it high at least; without the
	# CPU signal (a machine busy with other work) medium is the floor
	case $(jq -r '"\(.severity) \(.evidence.signals | index("cpu") != null)"' <<<"$F") in
	"high "*|"critical "*|"medium false") ;;
	*) fail "$F_WHAT: severity $(jq -r .severity <<<"$F") with signals $(jq -c .evidence.signals <<<"$F")" ;;
	esac
	# low only when nothing but memory is left: no CPU signal (a busy
	# machine) and the pool connection not recognised (reported below)
	case $(jq -r '"\(.confidence) \(.evidence.signals | index("cpu") != null or index("pool_port") != null)"' <<<"$F") in
	"medium "*|"high "*|"low false") ;;
	*) fail "$F_WHAT: confidence $(jq -r .confidence <<<"$F") with signals $(jq -c .evidence.signals <<<"$F")" ;;
	esac
	cpu_sig
	has_sig stratum_in_memory
	for m in mining.subscribe mining.authorize mining.notify mining.submit; do
		ev_has stratum_methods "$m"
	done
	f_eq .evidence.pool_url "$url"
	D=$(fact_of "$S" "$pid" | jq -c .deep)
	say "deep pid $pid: $(jq -c '{reasons, stratum, login, wallet, agent, pool_url}' <<<"$D")"
	# the wallet is the first parameter of mining.authorize ("w.worker")
	f_eq .evidence.wallet "$w"
	[ "$(jq -r .login <<<"$D")" = "$w.$worker" ] ||
		fail "pid $pid: deep.login is $(jq -c .login <<<"$D"), not $w.$worker"
	# the pool is the endpoint its own URL names, listed port or not
	f_eq .destination.ip "$ip"
	f_eq .destination.port "$port"
	# the agent is the first parameter of mining.subscribe
	f_eq .evidence.agent "$agent"
}
check_btc "$MA" "$WA" rig1 "$AG_A" "stratum+tcp://127.0.0.1:3333" 127.0.0.1 3333
has_sig pool_port
check_btc "$MB" "$WB" rig2 "$AG_B" "$URLB" "$IPB" 24567
# nothing of A in B's finding and the reverse
jq_true --arg wa "$WA" --argjson p "$MB" "$S" \
	'[.findings[] | select(.process.pid == $p) | tostring | contains($wa)] | any | not' \
	"miner B's findings mention wallet A"
jq_true --arg wb "$WB" --argjson p "$MA" "$S" \
	'[.findings[] | select(.process.pid == $p) | tostring | contains($wb)] | any | not' \
	"miner A's findings mention wallet B"
# the pools are not miners
for p in "$PA" "$PB"; do
	n=$(_findings_for "$S" RM-MIN-001 "$p" | jq length)
	[ "$n" = 0 ] || say "note: the test pool $p got RM-MIN-001 (it holds stratum; a server side of a pool port)"
done
finish
