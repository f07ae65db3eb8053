#!/bin/bash
# A command line of ~1.5 MB (thousands of argv strings): read to the end
# (argc and size exact), kept in part (cmdline_truncated), and a finding
# prints at most 4096 bytes of it.
# e2e-timeout: 120
. "$(dirname "$0")/lib.sh"

EXE=/dev/shm/rm-e2e-long-$$
track_path "$EXE"
cp "$HELPERS/sleeper" "$EXE" || skip "cannot write /dev/shm"
arg=$(printf 'a%.0s' $(seq 1 126))
args=()
for ((i = 0; i < 12000; i++)); do args+=("$arg"); done
bg long "$EXE" -t 60 -- "${args[@]}"
P=$BG_PID
wait_ready long
size=$(wc -c <"/proc/$P/cmdline")
[ "$size" -gt 1500000 ] || fail "test setup: the command line is only $size bytes"
argc=$(tr -cd '\0' <"/proc/$P/cmdline" | wc -c)

rm_json "$T/s.json" --cpu-window 0 --facts
fact=$(fact_of "$T/s.json" $P)
[ "$fact" != null ] || fail "pid $P is not in facts"
jq -e '.cmdline_truncated == true' <<<"$fact" >/dev/null || fail "cmdline_truncated is not true: $(jq -c 'del(.cmdline)' <<<"$fact")"
[ "$(jq .cmdline_bytes <<<"$fact")" = "$size" ] || fail "cmdline_bytes $(jq .cmdline_bytes <<<"$fact"), the kernel has $size"
[ "$(jq .argc <<<"$fact")" = "$argc" ] || fail "argc $(jq .argc <<<"$fact"), the kernel has $argc"

expect_finding "$T/s.json" RM-PROC-002 $P high
len=$(jq -j .process.command_line <<<"$F" | wc -c)
[ "$len" -gt 0 ] && [ "$len" -le 4096 ] || fail "process.command_line is $len bytes (at most 4096)"
want=$(tr '\0' ' ' <"/proc/$P/cmdline" | head -c "$len")
[ "$(jq -j .process.command_line <<<"$F")" = "$want" ] || fail "process.command_line is not the start of the command line"

# text: the command line is cut for a person, and says so
rm_run "$T/s.txt" scan --cpu-window 0
longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$T/s.txt")
[ "$longest" -le 2000 ] || fail "the text report has a $longest-byte line"
grep -q "$EXE" "$T/s.txt" || fail "the text report does not show the process"
finish
