#!/bin/bash
# RM-PROC-002: a binary running from /dev/shm (high) and from a hidden
# directory in /tmp (critical); the same binary in an ordinary directory is
# not reported.
. "$(dirname "$0")/lib.sh"

SHM=/dev/shm/rm-e2e-xmrig-$$
track_path "$SHM"
HID=$(mktemp -d /tmp/.rm-e2e-hidden.XXXXXX) || skip "cannot create a directory in /tmp"
track_path "$HID"
plain_dir || skip "no writable directory outside /tmp with a plain path"
D=$PLAIN

cp /bin/sleep "$SHM" || skip "cannot write /dev/shm"
cp /bin/sleep "$HID/rm-e2e-xmrig"
cp /bin/sleep "$D/rm-e2e-xmrig"
"$SHM" 0 2>/dev/null || skip "cannot execute from /dev/shm (mounted noexec?)"
"$HID/rm-e2e-xmrig" 0 2>/dev/null || skip "cannot execute from /tmp (mounted noexec?)"

bg shm "$SHM" 60
P_SHM=$BG_PID
bg hid "$HID/rm-e2e-xmrig" 60
P_HID=$BG_PID
bg plain "$D/rm-e2e-xmrig" 60
P_PLAIN=$BG_PID
wait_exe $P_SHM "$SHM"
wait_exe $P_HID "$HID/rm-e2e-xmrig"
wait_exe $P_PLAIN "$D/rm-e2e-xmrig"

rm_json "$T/s.json" --cpu-window 0

expect_finding "$T/s.json" RM-PROC-002 $P_SHM high
f_eq .evidence.location "world-writable directory"
f_eq .file.path "$SHM"
f_eq .process.executable "$SHM"
f_eq .process.name "$(cat /proc/$P_SHM/comm)"
f_eq '.evidence | has("deleted")' false
no_finding "$T/s.json" RM-PROC-001 $P_SHM

expect_finding "$T/s.json" RM-PROC-002 $P_HID critical
f_eq .evidence.location "hidden name inside a world-writable directory"
f_eq .evidence.hidden_name "$(basename "$HID")"
f_eq .file.path "$HID/rm-e2e-xmrig"
f_eq .confidence high

no_finding "$T/s.json" RM-PROC-002 $P_PLAIN
finish
