#!/bin/bash
# The static binary (make static) has no dynamic dependencies, so an
# LD_PRELOAD or /etc/ld.so.preload rootkit cannot hook it, and it scans
# like the dynamic one.
. "$(dirname "$0")/lib.sh"
[ -n "$RM_STATIC" ] && [ -x "$RM_STATIC" ] || skip "no static binary ($RM_STATIC): make static"

out=$(ldd "$RM_STATIC" 2>&1)
if ! grep -q 'not a dynamic executable' <<<"$out"; then
	command -v file >/dev/null || fail "ldd says: $out"
	file -L "$RM_STATIC" | grep -q 'statically linked' ||
		fail "the static binary is dynamic: ldd: $out; file: $(file -L "$RM_STATIC")"
fi
if command -v readelf >/dev/null; then
	! readelf -l "$RM_STATIC" | grep -q 'INTERP' || fail "the static binary has a program interpreter"
	! readelf -d "$RM_STATIC" 2>/dev/null | grep -q NEEDED || fail "the static binary needs shared libraries"
fi

RM=$RM_STATIC
rm_json "$T/s.json" --cpu-window 0
jq_true "$T/s.json" '.scan.processes > 0' "the static binary read no process"
# it works on an image too, with the same findings
mkdir -p "$T/img/etc"
printf 'root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n' >"$T/img/etc/passwd"
rm_json "$T/img.json" --root "$T/img"
[ "$RC" = 1 ] || fail "static scan of a compromised image exited $RC"
jq_true "$T/img.json" '[.findings[].rule.id] == ["RM-ACCT-001"]' "static scan of the image: $(jq -c '[.findings[].rule.id]' "$T/img.json")"
# and it is immune to LD_PRELOAD: a library that would abort every
# dynamically linked program at load does not matter to it
rm_run "$T/pre.json" scan --format json --cpu-window 0 --root "$T/img"
env LD_PRELOAD=/nonexistent/rm-e2e.so "$RM_STATIC" --version >"$T/v" 2>"$T/v.err" ||
	fail "the static binary fails with LD_PRELOAD set"
! grep -q 'LD_PRELOAD' "$T/v.err" || fail "the dynamic loader ran for the static binary: $(cat "$T/v.err")"
finish
