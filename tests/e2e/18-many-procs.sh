#!/bin/bash
# 10,000 sleeping processes: every one is read (scan.processes and the
# facts), both without and with a CPU window, well within the time limit.
# As root (or with user namespaces), a network namespace whose only
# process comes after the 10,000 is still found.
# e2e-timeout: 240
. "$(dirname "$0")/lib.sh"

N=10000
mkfifo "$T/keep"
exec 7<>"$T/keep"
"$HELPERS/spawn-sleepers" $N <"$T/keep" >"$T/sl.out" 2>"$T/sl.err" 7>&- &
track_pid $!
P_SL=$!
wait_ready sl 120
kids=$(ps -o pid= --ppid $P_SL | wc -l)
[ "$kids" = $N ] || fail "spawn-sleepers has $kids children, expected $N ($(cat "$T/sl.err"))"

# a namespace of our own, started after the sleepers (higher pids)
NSCMD=()
if command -v unshare >/dev/null && command -v ip >/dev/null; then
	if [ "$MYUID" -eq 0 ]; then NSCMD=(unshare -n)
	elif unshare -rn true 2>/dev/null; then NSCMD=(unshare -rn)
	fi
fi
if [ ${#NSCMD[@]} -gt 0 ]; then
	bg lis "${NSCMD[@]}" sh -c 'ip link set lo up && exec "$0" 127.0.0.1 0' "$HELPERS/tcp-listen"
	wait_ready lis
	L=${READY[1]} LPORT=${READY[2]}
	NS=$(stat -Lc %i /proc/$L/ns/net)
fi

t0=$(date +%s)
rm_json "$T/s.json" --cpu-window 0 --facts
t1=$(date +%s)
say "scan of $(jq .scan.processes "$T/s.json") processes: $(jq .scan.duration_ms "$T/s.json") ms in rookmelder, $((t1 - t0)) s with output"
jq_true "$T/s.json" ".scan.processes >= $N" "scan.processes is $(jq .scan.processes "$T/s.json"), fewer than $N"
got=$(jq --argjson p $P_SL '[.facts.processes[] | select(.ppid == $p)] | length' "$T/s.json")
[ "$got" = $N ] || fail "facts list $got children of spawn-sleepers, expected $N"
jq_true "$T/s.json" '.scan.duration_ms < 60000' "the scan took $(jq .scan.duration_ms "$T/s.json") ms"

if [ ${#NSCMD[@]} -gt 0 ]; then
	n=$(jq --argjson ns "$NS" --argjson port "$LPORT" '[.facts.sockets[] | select(.netns == $ns and .state == "LISTEN" and .local.port == $port)] | length' "$T/s.json")
	if [ "$n" != 1 ]; then
		if jq -e --argjson ns "$NS" 'any(.facts.netns[]; .inode == $ns)' "$T/s.json" >/dev/null; then
			fail "netns $NS was found but its listener on port $LPORT was not listed"
		fi
		fail "with $(jq .scan.processes "$T/s.json") processes the network namespace $NS of pid $L (listener on port $LPORT) was not read"
	fi
fi

# the CPU window's second pass over all of them
rm_json "$T/cpu.json" --cpu-window 1
jq_true "$T/cpu.json" ".scan.processes >= $N" "with a CPU window scan.processes is $(jq .scan.processes "$T/cpu.json")"
jq_true "$T/cpu.json" '.scan.duration_ms < 60000' "the scan with a CPU window took $(jq .scan.duration_ms "$T/cpu.json") ms"
finish
