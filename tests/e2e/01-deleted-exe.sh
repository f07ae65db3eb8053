#!/bin/bash
# RM-PROC-001, deleted executables: a program that deleted its own binary
# (medium in an ordinary directory, critical in /dev/shm), and the
# package-upgrade case where a new file now sits at the path (low).  A
# program whose file is merely *named* "x (deleted)" is not deleted.
. "$(dirname "$0")/lib.sh"

plain_dir || skip "no writable directory outside /tmp with a plain path"
D=$PLAIN
SHM=/dev/shm/rm-e2e-del-$$
track_path "$SHM"

# deleted in an ordinary directory
cp /bin/sleep "$D/rm-e2e-dropper"
bg del "$D/rm-e2e-dropper" 60
P_DEL=$BG_PID
wait_exe $P_DEL "$D/rm-e2e-dropper"
rm -f "$D/rm-e2e-dropper"

# deleted in /dev/shm
cp /bin/sleep "$SHM" || skip "cannot write /dev/shm"
bg shm "$SHM" 60
P_SHM=$BG_PID
wait_exe $P_SHM "$SHM"
rm -f "$SHM"

# upgraded: the running file was replaced by a new one (rename over it)
cp /bin/sleep "$D/rm-e2e-daemon"
bg upg "$D/rm-e2e-daemon" 60
P_UPG=$BG_PID
wait_exe $P_UPG "$D/rm-e2e-daemon"
cp /bin/sleep "$D/rm-e2e-daemon.new"
mv -f "$D/rm-e2e-daemon.new" "$D/rm-e2e-daemon"

# controls: still on disk; and on disk under a name ending in " (deleted)"
cp /bin/sleep "$D/rm-e2e-present"
bg keep "$D/rm-e2e-present" 60
P_KEEP=$BG_PID
wait_exe $P_KEEP "$D/rm-e2e-present"
cp /bin/sleep "$D/rm-e2e-odd (deleted)"
bg odd "$D/rm-e2e-odd (deleted)" 60
P_ODD=$BG_PID
wait_exe $P_ODD "$D/rm-e2e-odd (deleted)"

alive $P_DEL del; alive $P_SHM shm; alive $P_UPG upg; alive $P_KEEP keep; alive $P_ODD odd
rm_json "$T/s.json" --cpu-window 0

expect_finding "$T/s.json" RM-PROC-001 $P_DEL medium
f_eq .evidence.kind deleted
f_eq .evidence.file_at_path_now false
f_eq .file.path "$D/rm-e2e-dropper"
f_eq .process.executable "$D/rm-e2e-dropper (deleted)"
f_eq .process.parent.pid $$
f_eq .rule.category evasion
no_finding "$T/s.json" RM-PROC-002 $P_DEL

expect_finding "$T/s.json" RM-PROC-001 $P_SHM critical
f_eq .evidence.kind deleted
f_eq .evidence.location "world-writable directory"
f_eq .file.path "$SHM"
f_eq .confidence high
expect_finding "$T/s.json" RM-PROC-002 $P_SHM high
f_eq .evidence.deleted true

expect_finding "$T/s.json" RM-PROC-001 $P_UPG
f_eq .evidence.kind deleted
f_eq .file.path "$D/rm-e2e-daemon"
f_eq .severity low
f_eq .evidence.file_at_path_now true

no_finding "$T/s.json" RM-PROC-001 $P_KEEP
n=$(jq --argjson p $P_ODD '[.findings[] | select(.process.pid == $p)] | length' "$T/s.json")
if [ "$n" != 0 ]; then
	dump_findings "$T/s.json" >&2
	fail "a file named '... (deleted)' that is still on disk gave $n finding(s)"
fi
finish
