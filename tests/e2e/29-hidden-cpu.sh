#!/bin/bash
# CPU that no visible process accounts for (RM-MIN-003).  A busy loop is
# hidden the way intruders hide a miner without a rootkit: an empty
# directory bind-mounted over its /proc/PID, so ps, top and a /proc walk
# read nothing there.  The mount lives only in a private mount namespace
# that the scan runs in; the host's /proc is never touched.  The kernel
# still counts the loop's CPU in /proc/stat: the scan must report the gap.
# The same scan outside that namespace (the loop visible) must not.  The
# mounts themselves are reported (RM-EVA-003), from /proc/self/mountinfo.
# Root only (mount namespaces, bind mounts).
. "$(dirname "$0")/lib.sh"
need_root
need_cmd unshare mount

NCPU=$(getconf _NPROCESSORS_ONLN)
# enough loops for well over a core and over a quarter of the machine,
# at a priority above other load
NLOOP=$(( (NCPU + 3) / 4 ))
[ "$NLOOP" -ge 2 ] || NLOOP=2
HZ=$(getconf CLK_TCK)
ticks() {  # utime+stime summed over the loops
	local p s t=0
	for p in "${PIDS[@]}"; do
		s=$(cat "/proc/$p/stat") || return 1
		s=${s##*) }
		set -- $s
		t=$((t + ${12} + ${13}))
	done
	echo "$t"
}
PIDS=()
for i in $(seq 1 "$NLOOP"); do
	bg "spin$i" nice -n -10 "$HELPERS/spin" 30
	PIDS+=("$BG_PID")
	wait_ready "spin$i"
done
EMPTY=$T/empty
mkdir -m 0555 "$EMPTY"
sleep 0.3

# the loops hidden from the scanner
hide='e=$1; n=$2; shift 2
for p in $(seq 1 "$n"); do
	mount --bind "$e" "/proc/$1" || exit 99
	shift
done
exec "$@"'
RM_WRAP=(unshare -m --propagation private sh -c "$hide" sh "$EMPTY" "$NLOOP" "${PIDS[@]}")
k0=$(ticks); t0=$(date +%s%N)
rm_json "$T/hidden.json" --cpu-window 2 --facts
k1=$(ticks); t1=$(date +%s%N)
RM_WRAP=()
# the mount that hid them is itself reported, one per loop
for p in "${PIDS[@]}"; do
	n=$(jq --argjson p "$p" '[.findings[] | select(.rule.id == "RM-EVA-003" and .evidence.hidden_pid == $p)] | length' "$T/hidden.json")
	[ "$n" = 1 ] || { dump_findings "$T/hidden.json" >&2; fail "$n RM-EVA-003 findings for the hidden pid $p, expected 1"; }
	F=$(jq -c --argjson p "$p" '[.findings[] | select(.rule.id == "RM-EVA-003" and .evidence.hidden_pid == $p)][0]' "$T/hidden.json")
	F_WHAT="RM-EVA-003 for pid $p"
	f_eq .severity critical
	f_eq .evidence.mount_point "/proc/$p"
	f_eq .rule.category evasion
done

# what the loops really got while the scan ran (percent of one CPU)
got=$(( (k1 - k0) * 100 * 1000000000 / HZ / (t1 - t0) ))
say "the hidden loops used ${got}% of a CPU during the scan ($NCPU CPUs, load $(cut -d' ' -f1-3 /proc/loadavg))"
if [ "$got" -lt 150 ] || [ $((got * 100)) -lt $((NCPU * 100 * 35)) ]; then
	skip "the machine is too busy: the hidden loops got only ${got}% of a CPU, too little to tell from noise"
fi
for p in "${PIDS[@]}"; do
	alive "$p" "busy loop"
	# the mount never reached the host
	[ -r "/proc/$p/stat" ] || fail "/proc/$p is hidden outside the test's mount namespace"
done
say "hidden: host $(jq -c '.facts.host | {cpu_task_pct, cpu_procs_pct}' "$T/hidden.json")"
jq -e --argjson p "${PIDS[0]}" '[.facts.processes[] | select(.pid == $p and .comm != null)] | length == 0' \
	"$T/hidden.json" >/dev/null || fail "the hidden loop ${PIDS[0]} is in the facts with its name"
expect_finding "$T/hidden.json" RM-MIN-003 null
say "RM-MIN-003: $(jq -c '{severity, confidence, evidence}' <<<"$F")"
f_eq '.evidence.unaccounted_cpu_percent >= 60' true
f_eq .evidence.cpus "$NCPU"
f_eq .rule.category mining

# the same loops, visible: no finding
rm_json "$T/visible.json" --cpu-window 2 --facts
say "visible: host $(jq -c '.facts.host | {cpu_task_pct, cpu_procs_pct}' "$T/visible.json")"
no_finding "$T/visible.json" RM-MIN-003 null
jq_true "$T/visible.json" '[.findings[] | select(.rule.id == "RM-EVA-003")] | length == 0' \
	"RM-EVA-003 without a mount over /proc"
finish
