#!/bin/bash
# RM-PROC-002 and home directories: a program in a per-user tool tree
# (~/.cargo/bin) is not reported; one in another hidden directory of a home
# is (medium).  Needs root to create /home/rmtest-PID (removed at the end).
. "$(dirname "$0")/lib.sh"
need_root "creates a home directory under /home"

H=/home/rmtest-$$
[ -e "$H" ] && skip "$H already exists"
track_path "$H"
mkdir -p "$H/.cargo/bin" "$H/.x11-cache"
cp /bin/sleep "$H/.cargo/bin/rm-e2e-tool"
cp /bin/sleep "$H/.x11-cache/rm-e2e-tool"

bg tool "$H/.cargo/bin/rm-e2e-tool" 60
P_TOOL=$BG_PID
bg odd "$H/.x11-cache/rm-e2e-tool" 60
P_ODD=$BG_PID
wait_exe $P_TOOL "$H/.cargo/bin/rm-e2e-tool"
wait_exe $P_ODD "$H/.x11-cache/rm-e2e-tool"

rm_json "$T/s.json" --cpu-window 0 --facts
[ "$(fact_of "$T/s.json" $P_TOOL | jq -r .exe)" = "$H/.cargo/bin/rm-e2e-tool" ] ||
	fail "the tool process $P_TOOL was not read (facts: $(fact_of "$T/s.json" $P_TOOL))"
no_finding "$T/s.json" RM-PROC-002 $P_TOOL

expect_finding "$T/s.json" RM-PROC-002 $P_ODD medium
f_eq .evidence.location "hidden name in a home directory"
f_eq .evidence.hidden_name .x11-cache
f_eq .confidence low
finish
