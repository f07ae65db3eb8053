#!/bin/bash
# --output FILE: the report goes to FILE, created with mode 0600, never
# written through a symbolic link planted in its place (exit 2, the link's
# target untouched); nothing goes to stdout.
. "$(dirname "$0")/lib.sh"

R=$T/img
mkdir -p "$R/etc"
printf 'root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/bash\n' >"$R/etc/passwd"
printf 'root:x:0:\n' >"$R/etc/group"
umask 022

# a new file
rm_run "$T/stdout" scan --root "$R" --format json --output "$T/report.json"
[ "$RC" = 1 ] || fail "scan --output exited $RC, expected 1"
[ ! -s "$T/stdout" ] || fail "scan --output also wrote to stdout"
[ -f "$T/report.json" ] || fail "no report file"
mode=$(stat -c %a "$T/report.json")
[ "$mode" = 600 ] || fail "report created with mode $mode, expected 600"
validate "$T/report.json"
jq_true "$T/report.json" '.findings[0].rule.id == "RM-ACCT-001"' "the report file lacks the finding"
# text and ndjson too; "-" is stdout
rm_run "$T/stdout" scan --root "$R" --format ndjson --output "$T/report.ndjson"
validate "$T/report.ndjson" "$ND_SCHEMA" --ndjson
rm_run "$T/stdout" scan --root "$R" --output - --format json
validate "$T/stdout"

# a planted symlink to a file the attacker wants overwritten
printf 'precious\n' >"$T/target"
touch -d '2001-02-03 04:05:06' "$T/target"
before=$(stat -c '%s %Y %a' "$T/target")
ln -s "$T/target" "$T/link"
rm_run "$T/stdout" scan --root "$R" --format json --output "$T/link"
[ "$RC" = 2 ] || fail "--output through a symlink exited $RC, expected 2"
[ "$(cat "$T/target")" = precious ] || fail "the symlink's target was overwritten"
[ "$(stat -c '%s %Y %a' "$T/target")" = "$before" ] || fail "the symlink's target was touched"
[ -L "$T/link" ] || fail "the symlink was replaced"
grep -q . "$T/stdout.err" || fail "no error message for --output through a symlink"
# a dangling symlink: the target must not be created
ln -s "$T/created-by-link" "$T/dangling"
rm_run "$T/stdout" scan --root "$R" --output "$T/dangling"
[ "$RC" = 2 ] || fail "--output through a dangling symlink exited $RC, expected 2"
[ ! -e "$T/created-by-link" ] || fail "--output created the target of a dangling symlink"
# rules --output has the same protection
rm_run "$T/stdout" rules --output "$T/link"
[ "$RC" = 2 ] || fail "rules --output through a symlink exited $RC, expected 2"
[ "$(cat "$T/target")" = precious ] || fail "rules --output overwrote the symlink's target"

# an existing, world-readable file: overwritten, and 0600 as documented
printf 'old report\n' >"$T/old.json"
chmod 644 "$T/old.json"
rm_run "$T/stdout" scan --root "$R" --format json --output "$T/old.json"
[ "$RC" = 1 ] || fail "--output over an existing file exited $RC"
validate "$T/old.json"
mode=$(stat -c %a "$T/old.json")
[ "$mode" = 600 ] || fail "--output onto an existing file left mode $mode, expected 600"
# a failed scan leaves the previous report as it was, and no temp file
cp "$T/old.json" "$T/keep.json"
rm_run "$T/stdout" scan --root "$T/no-such-image" --format json --output "$T/old.json"
[ "$RC" = 2 ] || fail "a scan of a missing --root exited $RC, expected 2"
cmp -s "$T/old.json" "$T/keep.json" || fail "a failed scan changed the previous report"
[ -z "$(ls -A "$T" | grep '^\.rookmelder\.')" ] || fail "a temporary report file was left behind"
# a FIFO at the path is refused, not written (that would block)
mkfifo "$T/fifo"
rm_run "$T/stdout" scan --root "$R" --format json --output "$T/fifo"
[ "$RC" = 2 ] || fail "--output onto a FIFO exited $RC, expected 2"
finish
