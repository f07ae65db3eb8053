#!/bin/bash
# Hostile strings: a comm (prctl), argv and an executable file name with
# a newline, ANSI escapes (\033[31m, \033]0;title\007), C1 controls, a
# bidi override and invalid UTF-8 (\xff\xfe).  JSON and NDJSON stay valid
# strict UTF-8 and keep the text (escaped); text output, to a file and on
# a terminal, carries no escape byte or other control byte but newlines.
. "$(dirname "$0")/lib.sh"
need_cmd script

NAME=$'rm-e2e-\n\033[31mred\033[35m\033]0;title\007\xff\xfe\xc2\x9b\xe2\x80\xae'
SHMDIR=$(mktemp -d /dev/shm/rm-e2e-names.XXXXXX) || skip "cannot write /dev/shm"
track_path "$SHMDIR"
EXE=$SHMDIR/$NAME
cp "$HELPERS/sleeper" "$EXE"
bg evil "$EXE" -n $'\033[35m\n\xff\xfe\033]0;t\007' -t 60 -- \
	$'\033[31mred' $'\033]0;title\007' $'line1\nline2' $'\xff\xfe' $'\x9b31m' $'\xc2\x9b31m' $'\xe2\x80\xaeevil' $'tab\there'
P=$BG_PID
bg paren "$HELPERS/sleeper" -n ') S 1 1 1 (' -t 60
P2=$BG_PID
wait_ready evil
wait_ready paren

# JSON: valid, and the hostile text is there, escaped, not dropped
rm_json "$T/s.json" --cpu-window 0 --facts
expect_finding "$T/s.json" RM-PROC-002 $P high
jq -e '.process.executable | contains("\n\u001b[31mred\u001b[35m\u001b]0;title\u0007")' <<<"$F" >/dev/null ||
	fail "process.executable lost the control characters: $(jq -c .process.executable <<<"$F")"
jq -e '.process.executable | contains("\ufffd")' <<<"$F" >/dev/null ||
	fail "invalid UTF-8 in the file name is not U+FFFD: $(jq -c .process.executable <<<"$F")"
jq -e '.process.name | startswith("\u001b[35m\n")' <<<"$F" >/dev/null ||
	fail "process.name is $(jq -c .process.name <<<"$F")"
jq -e '.process.command_line | contains("line1\nline2") and contains("\u001b]0;title\u0007")' <<<"$F" >/dev/null ||
	fail "process.command_line is $(jq -c .process.command_line <<<"$F")"
grep -q $'\033' "$T/s.json" && fail "a raw escape byte in the JSON document"
# a comm made to confuse /proc/PID/stat parsing: fields still right
fact=$(fact_of "$T/s.json" $P2)
jq -e --argjson pp $$ '.comm == ") S 1 1 1 (" and .ppid == $pp' <<<"$fact" >/dev/null ||
	fail "a comm of ') S 1 1 1 (' broke stat parsing: $(jq -c '{comm, ppid, state}' <<<"$fact")"
rm_ndjson "$T/s.ndjson" --cpu-window 0
jq -s -e --argjson p $P '[.[] | select(.process.pid == $p and .rule.id == "RM-PROC-002")] | length == 1' "$T/s.ndjson" >/dev/null ||
	fail "no ndjson line for pid $P"

# text: no control byte, no C1 control, no bidi override; escapes visible
check_text() {  # FILE WHAT
	local n
	n=$(ctrl_bytes "$1")
	[ "$n" = 0 ] || {
		grep -n $'[\001-\011\013-\037\177]' "$1" | head -5 | od -c | head -20 >&2
		fail "$2: $n control byte(s) other than newline"
	}
	! grep -q $'\xc2[\x80-\x9f]' "$1" || fail "$2: a C1 control character (U+0080-U+009F)"
	! grep -q $'\xe2\x80[\xaa-\xae]' "$1" || fail "$2: a bidi override"
	grep -qF '\x1b[31mred' "$1" || fail "$2: the escaped name (\\x1b[31mred) is not shown"
	grep -qF '\xff' "$1" || fail "$2: invalid UTF-8 is not shown as \\xff"
}
rm_run "$T/s.txt" scan --cpu-window 0
case $RC in 0|1) ;; *) fail "text scan exited $RC" ;; esac
check_text "$T/s.txt" "text to a file"

on_pty "$T/pty-nc.txt" "'$RM' scan --cpu-window 0 --no-color" || true
check_text "$T/pty-nc.txt" "text on a terminal (--no-color)"

# coloured on a terminal: remove rookmelder's own colour codes exactly;
# nothing else may be left that a terminal would act on
on_pty "$T/pty.txt" "'$RM' scan --cpu-window 0" || true
grep -q $'\033\\[' "$T/pty.txt" || fail "no colour on the terminal"
sed -e $'s/\033\\[0m//g; s/\033\\[1m//g; s/\033\\[2m//g; s/\033\\[36m//g' \
    -e $'s/\033\\[33m//g; s/\033\\[31m//g; s/\033\\[1;31m//g' "$T/pty.txt" >"$T/pty-stripped.txt"
check_text "$T/pty-stripped.txt" "text on a terminal (colour)"
finish
