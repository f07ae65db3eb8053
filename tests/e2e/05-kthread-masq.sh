#!/bin/bash
# RM-PROC-003: a user process dressed as a kernel thread, by its comm
# (prctl PR_SET_NAME "kworker/0:7") and its argv ("[kworker/0:7]" written
# over argv in place), or by a bracketed argv[0] alone; critical when it
# also runs from /dev/shm.  Real kernel threads are never reported.
. "$(dirname "$0")/lib.sh"

SHM=/dev/shm/rm-e2e-kt-$$
track_path "$SHM"

# the disguised program runs from a plain path, so only its name is odd
# (a checkout under /tmp would add "runs from a writable directory")
plain_dir || skip "no directory with a plain path to run the helper from"
SLEEPER=$PLAIN/sleeper
cp "$HELPERS/sleeper" "$SLEEPER"

bg kw "$SLEEPER" -n kworker/0:7 -0 "[kworker/0:7]" -t 60
P_KW=$BG_PID
bg br "$SLEEPER" -0 "[kswapd0]" -t 60
P_BR=$BG_PID
bg ctl "$SLEEPER" -n rm-e2e-normal -t 60
P_CTL=$BG_PID
cp "$HELPERS/sleeper" "$SHM" || skip "cannot write /dev/shm"
bg shm "$SHM" -n kdevtmpfsi -t 60
P_SHM=$BG_PID
for n in kw br ctl shm; do wait_ready $n; done

# the disguise took: this is what ps shows
[ "$(cat /proc/$P_KW/comm)" = kworker/0:7 ] || fail "prctl did not rename $P_KW"
[ "$(tr '\0' ' ' </proc/$P_KW/cmdline | sed 's/ *$//')" = "[kworker/0:7]" ] ||
	fail "argv of $P_KW is not [kworker/0:7]"

rm_json "$T/s.json" --cpu-window 0 --facts

expect_finding "$T/s.json" RM-PROC-003 $P_KW high
f_eq .evidence.shown_name kworker/0:7
f_eq .evidence.kernel_thread_flag false
f_eq .evidence.exe_link "$SLEEPER"
f_eq .process.name kworker/0:7
f_eq .process.executable "$SLEEPER"
f_eq '.process.command_line | startswith("[kworker/0:7]")' true
f_eq .confidence high

expect_finding "$T/s.json" RM-PROC-003 $P_BR high
f_eq .evidence.shown_name "[kswapd0]"
f_eq .evidence.why "bracketed name, as ps shows kernel threads"

no_finding "$T/s.json" RM-PROC-003 $P_CTL

expect_finding "$T/s.json" RM-PROC-003 $P_SHM critical
f_eq .evidence.shown_name kdevtmpfsi

# real kernel threads: children of kthreadd (pid 2) with PF_KTHREAD
nk=$(jq '[.facts.processes[] | select(.ppid == 2 and .kernel_thread)] | length' "$T/s.json")
if [ "$nk" -gt 0 ]; then
	jq_true "$T/s.json" '[.facts.processes[] | select(.ppid == 2 or .pid == 2) | .pid] as $k
	    | [.findings[] | select(.rule.id == "RM-PROC-003" and (.process.pid as $p | $k | index($p)))] | length == 0' \
	    "a real kernel thread was reported as RM-PROC-003"
	# kernel threads named like the prefixes the detector knows exist here
	say "checked $nk kernel threads"
else
	say "no kernel threads visible (pid namespace?): that part was not checked"
fi
finish
