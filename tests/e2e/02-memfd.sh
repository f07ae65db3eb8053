#!/bin/bash
# RM-PROC-001, fileless: a program copied into a memfd and fexecve()d has
# no file on disk: high when the memfd is writable, medium when sealed
# (F_SEAL_SEAL|F_SEAL_WRITE|F_SEAL_SHRINK|F_SEAL_GROW, runc's pattern).
. "$(dirname "$0")/lib.sh"

bg open "$HELPERS/memfd-exec" /bin/sleep 60
P_OPEN=$BG_PID
bg sealed "$HELPERS/memfd-exec" -s /bin/sleep 60
P_SEAL=$BG_PID
wait_exe $P_OPEN /memfd:rm-e2e-payload
wait_exe $P_SEAL /memfd:rm-e2e-payload
alive $P_OPEN open
alive $P_SEAL sealed

rm_json "$T/s.json" --cpu-window 0

expect_finding "$T/s.json" RM-PROC-001 $P_OPEN high
f_eq .evidence.kind memfd
f_eq .evidence.sealed false
f_eq .confidence high
f_eq '.process.executable | startswith("/memfd:rm-e2e-payload")' true
f_eq .evidence.exe_link "$(readlink /proc/$P_OPEN/exe)"
f_eq .process.command_line "/bin/sleep 60"
f_eq .process.parent.pid $$
f_eq .process.user.id "$MYUID"
no_finding "$T/s.json" RM-PROC-002 $P_OPEN

expect_finding "$T/s.json" RM-PROC-001 $P_SEAL medium
f_eq .evidence.kind memfd
f_eq .evidence.sealed true
f_eq '.evidence.note | length > 0' true
no_finding "$T/s.json" RM-PROC-002 $P_SEAL
finish
