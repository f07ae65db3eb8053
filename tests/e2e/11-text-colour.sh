#!/bin/bash
# Text output: colour only on a terminal, never with --no-color or
# NO_COLOR=1, never in JSON or in an --output file; the text itself has no
# control bytes other than newlines when it is not coloured.
. "$(dirname "$0")/lib.sh"
need_cmd script

R=$T/img
mkdir -p "$R/etc"
printf 'root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/bash\n' >"$R/etc/passwd"
printf 'root:x:0:\n' >"$R/etc/group"
printf '/tmp/x.so\n' >"$R/etc/ld.so.preload"
ESC=$(printf '\033')

has_esc() { grep -q "$ESC" "$1"; }

# not a terminal
rm_run "$T/plain.txt" scan --root "$R"
[ "$RC" = 1 ] || fail "text scan exited $RC"
grep -q RM-ACCT-001 "$T/plain.txt" || fail "text output lacks RM-ACCT-001"
grep -q 'critical (1)' "$T/plain.txt" || fail "text output lacks the 'critical (1)' heading"
! has_esc "$T/plain.txt" || fail "colour escapes in text output to a file"
[ "$(ctrl_bytes "$T/plain.txt")" = 0 ] || fail "control bytes in text output to a file"

# a terminal: colour
on_pty "$T/pty.txt" "'$RM' scan --root '$R'" || true
grep -q RM-ACCT-001 "$T/pty.txt" || fail "no report on the pty: $(head -3 "$T/pty.txt")"
has_esc "$T/pty.txt" || fail "no colour on a terminal"
grep -q "${ESC}\[1;31mcritical" "$T/pty.txt" || fail "the critical heading is not bold red on a terminal"
# ... but not with --no-color or NO_COLOR=1
on_pty "$T/pty-nc.txt" "'$RM' scan --root '$R' --no-color" || true
grep -q RM-ACCT-001 "$T/pty-nc.txt" || fail "no report on the pty with --no-color"
! has_esc "$T/pty-nc.txt" || fail "colour on a terminal despite --no-color"
on_pty "$T/pty-env.txt" "NO_COLOR=1 '$RM' scan --root '$R'" || true
grep -q RM-ACCT-001 "$T/pty-env.txt" || fail "no report on the pty with NO_COLOR=1"
! has_esc "$T/pty-env.txt" || fail "colour on a terminal despite NO_COLOR=1"
# JSON on a terminal, and a report file written from a terminal
on_pty "$T/pty.json" "'$RM' scan --root '$R' --format json" || true
! has_esc "$T/pty.json" || fail "escape bytes in JSON on a terminal"
tr -d '\r' <"$T/pty.json" >"$T/pty2.json"
validate "$T/pty2.json"
on_pty "$T/pty-o.txt" "'$RM' scan --root '$R' --output '$T/from-pty.txt'" || true
[ -s "$T/from-pty.txt" ] || fail "no --output file written from a terminal"
! has_esc "$T/from-pty.txt" || fail "colour in an --output file written from a terminal"
# the pty status is the scan's
on_pty "$T/pty-st.txt" "'$RM' scan --root '$R' >/dev/null; exit \$?" && rc=0 || rc=$?
[ "$rc" = 1 ] || fail "exit status through script: $rc"
finish
