#!/bin/bash
# Sockets in every network namespace: a listener on 127.0.0.1 inside a
# namespace of the test's own (unshare -n; unshare -rn, a user namespace,
# when not root) is listed with that namespace's inode, state LISTEN and
# its owner pid; an established loopback pair in the host namespace has
# both ends with their owners and TCP byte counters.  As root, the same
# scan run by an unprivileged scanner still succeeds and says in
# scan.skipped what it could not read.  Only loopback addresses are used.
. "$(dirname "$0")/lib.sh"
need_cmd unshare ip

if [ "$MYUID" -eq 0 ]; then
	NSCMD=(unshare -n)
else
	unshare -rn true 2>/dev/null || skip "needs root or unprivileged user namespaces (unshare -rn)"
	NSCMD=(unshare -rn)
fi

bg lis "${NSCMD[@]}" sh -c 'ip link set lo up && exec "$0" 127.0.0.1 0' "$HELPERS/tcp-listen"
wait_ready lis
L=${READY[1]} LPORT=${READY[2]}
[ "$L" = "$BG_PID" ] || fail "the listener is pid $L, not the started $BG_PID"
bg pair "$HELPERS/tcp-pair" 127.0.0.1
wait_ready pair
PP=${READY[1]} PC=${READY[2]} SPORT=${READY[3]} CPORT=${READY[4]}
V6=0
if ip -6 addr show dev lo 2>/dev/null | grep -q '::1/128'; then
	bg pair6 "$HELPERS/tcp-pair" ::1
	wait_ready pair6
	PP6=${READY[1]} PC6=${READY[2]} SPORT6=${READY[3]} CPORT6=${READY[4]}
	V6=1
fi

NS=$(stat -Lc %i /proc/$L/ns/net)
SELF=$(stat -Lc %i /proc/self/ns/net)
[ "$NS" != "$SELF" ] || fail "test setup: the listener is in the host namespace"

rm_json "$T/s.json" --facts --cpu-window 0
S=$T/s.json

# the listener in its own namespace
sel='[.facts.sockets[] | select(.netns == $ns and .proto == "tcp" and .state == "LISTEN"
      and .local.ip == "127.0.0.1" and .local.port == $port)]'
n=$(jq --argjson ns "$NS" --argjson port "$LPORT" "$sel | length" "$S")
LIS_OK=1
if [ "$n" != 1 ]; then
	nprocs=$(jq .scan.processes "$S")
	# how many processes with a known namespace come before the listener
	rank=$(jq --argjson p "$L" '[.facts.processes[] | select(.ns.net != 0 and .pid < $p)] | length' "$S")
	jq -c '.facts.netns' "$S" >&2
	fail "$n LISTEN sockets on 127.0.0.1:$LPORT in netns $NS, expected 1 ($nprocs processes, $rank with a known namespace before pid $L)"
fi
if [ $LIS_OK = 1 ]; then
	K=$(jq -c --argjson ns "$NS" --argjson port "$LPORT" "$sel | .[0]" "$S")
	jq -e --argjson p "$L" '.owners | index($p) != null' <<<"$K" >/dev/null ||
		fail "the listener's owners are $(jq -c .owners <<<"$K"), expected to contain $L"
	jq -e '.remote.port == 0 and .family == 4' <<<"$K" >/dev/null || fail "listener: $K"
	jq -e --argjson ns "$NS" '[.facts.netns[] | select(.inode == $ns and .read)] | length == 1' "$S" >/dev/null ||
		fail "facts.netns has no read entry for $NS: $(jq -c .facts.netns "$S")"
	jq -e --argjson p "$L" --argjson ns "$NS" '[.facts.processes[] | select(.pid == $p)][0].ns.net == $ns' "$S" >/dev/null ||
		fail "facts of pid $L do not carry ns.net $NS"
	if [ "$MYUID" -eq 0 ]; then
		[ "$(jq -r .source <<<"$K")" = sock_diag ] || fail "as root the namespace was not read with sock_diag: $K"
	else
		# cannot setns() without CAP_SYS_ADMIN: /proc/PID/net, and it says so
		[ "$(jq -r .source <<<"$K")" = procfs ] || fail "unprivileged, the listener came from $(jq -r .source <<<"$K")"
		jq_true "$S" '[.scan.skipped[] | select(.check == "sockets: netlink in other namespaces")] | length == 1' \
			"no scan.skipped entry for namespaces read through /proc/PID/net: $(jq -c .scan.skipped "$S")"
	fi
fi
# nothing from the test's namespace leaks into the host namespace's list
n=$(jq --argjson ns "$SELF" --argjson port "$LPORT" '[.facts.sockets[] | select(.netns == $ns and .state == "LISTEN" and .local.port == $port)] | length' "$S")
[ "$n" = 0 ] || say "note: port $LPORT also listens in the host namespace (another program)"

# the established pair: IP SPORT CPORT SERVER-PID CLIENT-PID FILE
check_pair() {
	local ip=$1 sport=$2 cport=$3 spid=$4 cpid=$5 file=$6 srv cli
	srv=$(jq -c --arg ip "$ip" --argjson s "$sport" --argjson c "$cport" --argjson ns "$SELF" \
	    '[.facts.sockets[] | select(.netns == $ns and .state == "ESTABLISHED" and .local.ip == $ip
	      and .local.port == $s and .remote.port == $c)]' "$file")
	cli=$(jq -c --arg ip "$ip" --argjson s "$sport" --argjson c "$cport" --argjson ns "$SELF" \
	    '[.facts.sockets[] | select(.netns == $ns and .state == "ESTABLISHED" and .local.ip == $ip
	      and .local.port == $c and .remote.port == $s)]' "$file")
	[ "$(jq length <<<"$srv")" = 1 ] || { PAIR_ERR="server end $ip:$sport: $srv"; return 1; }
	[ "$(jq length <<<"$cli")" = 1 ] || { PAIR_ERR="client end $ip:$cport: $cli"; return 1; }
	srv=$(jq -c '.[0]' <<<"$srv")
	cli=$(jq -c '.[0]' <<<"$cli")
	[ -z "$spid" ] && return 0
	jq -e --argjson p "$spid" '.owners | index($p) != null' <<<"$srv" >/dev/null ||
		fail "server end $ip:$sport owners $(jq -c .owners <<<"$srv"), expected $spid"
	jq -e --argjson p "$cpid" '.owners | index($p) != null' <<<"$cli" >/dev/null ||
		fail "client end $ip:$cport owners $(jq -c .owners <<<"$cli"), expected $cpid"
	jq -e '.bytes_received >= 1000 and .bytes_acked >= 2000 and .source == "sock_diag"' <<<"$srv" >/dev/null ||
		fail "server end byte counters: $srv"
	jq -e '.bytes_received >= 2000 and .bytes_acked >= 1000' <<<"$cli" >/dev/null ||
		fail "client end byte counters: $cli"
	return 0
}
check_pair 127.0.0.1 "$SPORT" "$CPORT" "$PC" "$PP" "$S" || fail "$PAIR_ERR"
[ $V6 = 0 ] || check_pair ::1 "$SPORT6" "$CPORT6" "$PC6" "$PP6" "$S" || fail "$PAIR_ERR"

# the same host, scanned by an unprivileged scanner (root only)
if [ "$MYUID" -eq 0 ]; then
	chmod 755 "$T"
	RM_WRAP=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	rm_json "$T/u.json" --facts --cpu-window 0
	RM_WRAP=()
	jq_true "$T/u.json" '[.scan.skipped[] | select(.check | startswith("sockets"))] | length >= 1' \
		"the unprivileged scan does not say which sockets it could not read: $(jq -c .scan.skipped "$T/u.json")"
	jq_true "$T/u.json" '[.scan.skipped[] | select(.check | startswith("processes"))] | length >= 1' \
		"the unprivileged scan does not say it read other users' processes in part"
	jq_true --argjson ns "$NS" "$T/u.json" '[.facts.sockets[] | select(.netns == $ns)] | length == 0' \
		"unprivileged, sockets of root's namespace $NS were listed"
	check_pair 127.0.0.1 "$SPORT" "$CPORT" "" "" "$T/u.json" ||
		fail "an unprivileged scan does not list the sockets of its own network namespace ($(jq .scan.sockets "$T/u.json") sockets; missing: $PAIR_ERR)"
fi
finish
