#!/bin/bash
# Thousands of sockets: 25,000 connected TCP pairs on 127.0.0.1 (50,000
# sockets, in one helper process or as few as the hard RLIMIT_NOFILE
# allows) inside a network namespace of the test's own while rookmelder
# scans.  The scan completes, counts them
# (scan.sockets, facts.netns), reports no fan-out (loopback peers never
# count: RM-LAT-001, RM-ABU-001, RM-ABU-003), and its time and peak RSS
# are printed (a generous 60 s sanity bound only).  As root, the same
# scan run by an unprivileged scanner still completes and says in
# scan.skipped which namespaces it could not read.
# e2e-timeout: 240
. "$(dirname "$0")/lib.sh"
need_cmd unshare ip

if [ "$MYUID" -eq 0 ]; then
	NSCMD=(unshare -n)
else
	unshare -rn true 2>/dev/null || skip "needs root or unprivileged user namespaces (unshare -rn)"
	NSCMD=(unshare -rn)
fi
# 25,000 pairs in all, spread over as few processes as the hard
# RLIMIT_NOFILE allows (each tries to raise it; without CAP_SYS_RESOURCE
# it stays as it is)
H=$(ulimit -Hn)
[ "$H" = unlimited ] && H=1048576
PER=$(( (H - 100) / 2 ))
[ "$PER" -gt 25000 ] && PER=25000
[ "$PER" -ge 1000 ] || skip "hard RLIMIT_NOFILE $H leaves room for too few sockets"
K=$(( (25000 + PER - 1) / PER ))
say "$K helper process(es) of $PER pairs (hard RLIMIT_NOFILE $H)"

cat >"$T/ns.sh" <<EOS
ip link set lo up || exit 1
for i in \$(seq 1 $K); do
	"$HELPERS/fanout" pairs $PER >"$T/pairs\$i.out" 2>"$T/pairs\$i.err" &
done
echo ready \$\$
wait
EOS
bg net "${NSCMD[@]}" bash "$T/ns.sh"
wait_ready net
PIDS=() MADE=0
for i in $(seq 1 $K); do
	wait_ready pairs$i 120
	PIDS+=("${READY[1]}")
	[ "${READY[2]}" -ge $((PER * 2 * 9 / 10)) ] || fail "helper $i made only ${READY[2]} of $((PER * 2)) sockets: $(head -3 "$T/pairs$i.err")"
	MADE=$((MADE + READY[2]))
done
P=${PIDS[0]}
NS=$(stat -Lc %i /proc/$P/ns/net)
PJSON=$(printf '%s\n' "${PIDS[@]}" | jq -s -c .)
say "helpers ${PIDS[*]} hold $MADE sockets in netns $NS"

TM=$T/time.txt
RM_WRAP=(/usr/bin/time -f '%e %M' -o "$TM")
[ -x /usr/bin/time ] || RM_WRAP=()
t0=$(date +%s%N)
rm_json "$T/s.json" --facts --cpu-window 0 --no-pid-probe --no-packages
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
RM_WRAP=()
rss=unknown
[ -s "$TM" ] && rss="$(cut -d' ' -f2 "$TM") KiB"
say "BENCH scan with $MADE extra sockets: ${ms} ms wall (validation included), peak RSS $rss, scan.duration_ms $(jq .scan.duration_ms "$T/s.json")"
S=$T/s.json
dur=$(jq .scan.duration_ms "$S")
[ "$dur" -lt 60000 ] || fail "the scan took $dur ms with $MADE sockets"
jq_true --argjson n "$MADE" "$S" '.scan.sockets >= $n' "scan.sockets $(jq .scan.sockets "$S") < $MADE"
jq_true --argjson ns "$NS" --argjson n "$MADE" --argjson k "$K" "$S" '[.facts.netns[] | select(.inode == $ns)][0] |
    .read and .sockets == $n + $k' "facts.netns for $NS: $(jq -c --argjson ns "$NS" '[.facts.netns[] | select(.inode == $ns)]' "$S"), expected $MADE + $K listeners"
jq_true --argjson ps "$PJSON" --argjson n "$MADE" --argjson k "$K" "$S" '[.facts.sockets[] | select(.owners[0] as $o | $ps | index($o))] | length == $n + $k' \
	"not every socket of the helpers has its owner"
for p in "${PIDS[@]}"; do
	for r in RM-LAT-001 RM-ABU-001 RM-ABU-003 RM-ABU-002 RM-LAT-002; do
		no_finding "$S" $r "$p"
	done
done

if [ "$MYUID" -eq 0 ]; then
	# an unprivileged scanner: the helper's namespace and fds are closed
	# to it; the scan still completes and says what it skipped
	RM_WRAP=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	rm_json "$T/u.json" --cpu-window 0 --no-pid-probe --no-packages
	RM_WRAP=()
	jq_true "$T/u.json" '[.scan.skipped[] | select(.check | startswith("sockets"))] | length >= 1' \
		"the unprivileged scan lists no skipped socket check: $(jq -c .scan.skipped "$T/u.json")"
	no_finding "$T/u.json" RM-LAT-001 "$P"
	say "unprivileged scanner: $(jq .scan.sockets "$T/u.json") sockets, skipped: $(jq -c '[.scan.skipped[].check | select(startswith("sockets"))]' "$T/u.json")"
fi
finish
