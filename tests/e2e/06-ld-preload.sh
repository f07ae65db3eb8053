#!/bin/bash
# RM-EVA-002: LD_PRELOAD in a running process.  A library in /dev/shm is
# critical and reported for the topmost process of the tree only (a child
# inherits the environment); it is still found after more than 1 MB of
# other environment variables.  A known allocator is low, an unknown
# library elsewhere high.
. "$(dirname "$0")/lib.sh"

HOOK=/dev/shm/rm-e2e-hook-$$.so
track_path "$HOOK"
: >"$HOOK" || skip "cannot write /dev/shm"

# a tree: spawn-sleepers (topmost) and its child, both with LD_PRELOAD;
# spawn-sleepers runs until its stdin closes: give it a FIFO we hold open
mkfifo "$T/keep"
exec 7<>"$T/keep"
env LD_PRELOAD="$HOOK" "$HELPERS/spawn-sleepers" 1 <"$T/keep" >"$T/tree.out" 2>"$T/tree.err" 7>&- &
track_pid $!
P_TREE=$!
wait_ready tree
[ "${READY[1]}" = "$P_TREE" ] || fail "spawn-sleepers says ready ${READY[1]}, started $P_TREE"
P_CHILD=$(ps -o pid= --ppid "$P_TREE" | tr -d ' ' | head -1)
[ -n "$P_CHILD" ] || fail "spawn-sleepers has no child"

bg one env LD_PRELOAD="$HOOK" sleep 60
P_ONE=$BG_PID

# >1 MB of other variables before LD_PRELOAD (each string < 128 KiB)
pad=$(head -c 110000 /dev/zero | tr '\0' 'p')
padvars=()
for i in 0 1 2 3 4 5 6 7 8 9; do padvars+=("RM_E2E_PAD$i=$pad"); done
bg big env -i PATH=/usr/bin:/bin "${padvars[@]}" LD_PRELOAD="$HOOK" /bin/sleep 60
P_BIG=$BG_PID

JEMALLOC=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
bg alloc env LD_PRELOAD="$JEMALLOC" sleep 60
P_ALLOC=$BG_PID
bg other env LD_PRELOAD=/usr/local/lib/rm-e2e-unknown.so sleep 60
P_OTHER=$BG_PID

for p in $P_ONE $P_BIG $P_ALLOC $P_OTHER; do wait_exe $p /usr/bin/sleep; done
off=$(grep -boa 'LD_PRELOAD=' /proc/$P_BIG/environ | head -1 | cut -d: -f1)
[ -n "$off" ] && [ "$off" -gt 1048576 ] ||
	fail "test setup: LD_PRELOAD is at offset ${off:-?} of $P_BIG's environment, not past 1 MB"

rm_json "$T/s.json" --cpu-window 0

expect_finding "$T/s.json" RM-EVA-002 $P_TREE critical
f_eq .evidence.variable LD_PRELOAD
f_eq .evidence.value "$HOOK"
f_eq .evidence.location "world-writable directory"
f_eq .confidence high
f_eq .rule.category evasion
no_finding "$T/s.json" RM-EVA-002 $P_CHILD

expect_finding "$T/s.json" RM-EVA-002 $P_ONE critical
f_eq .evidence.value "$HOOK"
f_eq .process.name sleep

expect_finding "$T/s.json" RM-EVA-002 $P_BIG critical
f_eq .evidence.value "$HOOK"

expect_finding "$T/s.json" RM-EVA-002 $P_ALLOC low
f_eq .evidence.value "$JEMALLOC"
f_eq .confidence low

expect_finding "$T/s.json" RM-EVA-002 $P_OTHER high
f_eq .evidence.value /usr/local/lib/rm-e2e-unknown.so

# the test shell itself has no LD_PRELOAD: nothing about it
no_finding "$T/s.json" RM-EVA-002 $$
finish
