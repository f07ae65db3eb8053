#!/bin/bash
# Processes exiting mid-scan are normal: with a helper forking short-lived
# children as fast as it can, five scans in a row (JSON with and without a
# CPU window, NDJSON, text) all finish with exit 0 or 1 and valid output.
. "$(dirname "$0")/lib.sh"

bg churn "$HELPERS/churn" 60
P_CHURN=$BG_PID
wait_ready churn
sleep 0.3

vanished=0 i=0
for w in 0 0.2 0.5; do
	i=$((i + 1))
	if [ $i = 1 ]; then
		rm_json "$T/s$i.json" --cpu-window $w --facts
		jq_true --argjson p $P_CHURN "$T/s$i.json" '[.facts.processes[] | select(.pid == $p)] | length == 1' \
			"scan $i lost the churn parent $P_CHURN"
	else
		rm_json "$T/s$i.json" --cpu-window $w
	fi
	alive $P_CHURN churn
	jq_true "$T/s$i.json" '.scan.vanished >= 0 and .scan.processes > 0' "scan $i: no process count"
	vanished=$((vanished + $(jq .scan.vanished "$T/s$i.json")))
done
rm_ndjson "$T/s4.ndjson" --cpu-window 0.2
rm_run "$T/s5.txt" scan --cpu-window 0.2
case $RC in 0|1) ;; *) fail "text scan exited $RC" ;; esac
grep -q '^Summary: ' "$T/s5.txt" || fail "the text report has no summary line"
[ "$(ctrl_bytes "$T/s5.txt")" = 0 ] || fail "control bytes in the text report"
say "churn: $vanished process(es) vanished while read over 3 scans"
finish
