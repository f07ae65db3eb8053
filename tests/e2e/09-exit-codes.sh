#!/bin/bash
# Exit status: 0 nothing at or above --fail-on (default high), 1 something
# is, 2 usage or runtime errors (and then nothing on stdout).
. "$(dirname "$0")/lib.sh"

R=$T/img
mkdir -p "$R/etc"
printf 'root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/bash\n' >"$R/etc/passwd"
printf 'root:x:0:\n' >"$R/etc/group"
C=$T/clean
mkdir -p "$C/etc"
printf 'root:x:0:0:root:/root:/bin/bash\n' >"$C/etc/passwd"
printf 'root:x:0:\n' >"$C/etc/group"

expect_rc() {  # WANT ARGS...
	local want=$1
	shift
	rm_run "$T/out" "$@"
	[ "$RC" = "$want" ] || fail "rookmelder $* exited $RC, expected $want ($(head -2 "$T/out.err"))"
	if [ "$want" = 2 ]; then
		[ ! -s "$T/out" ] || fail "rookmelder $* wrote to stdout on error: $(head -c 200 "$T/out")"
		[ -s "$T/out.err" ] || fail "rookmelder $* exited 2 without a message on stderr"
	fi
}

# a high finding (toor)
expect_rc 1 scan --root "$R"
expect_rc 1 scan --root "$R" --format json
expect_rc 1 scan --root "$R" --format ndjson
expect_rc 1 scan --root "$R" --fail-on high
expect_rc 1 scan --root "$R" --fail-on info
expect_rc 1 scan --root "$R" --fail-on medium
expect_rc 0 scan --root "$R" --fail-on critical
expect_rc 0 scan --root "$R" --fail-on never
expect_rc 0 scan --root "$R" --format json --fail-on never
expect_rc 0 scan --root "$C"
expect_rc 0 scan --root "$C" --fail-on info
# usage errors
expect_rc 2 scan --bogus
expect_rc 2 scan --format xml --root "$R"
expect_rc 2 scan --format
expect_rc 2 scan --fail-on sometimes --root "$R"
expect_rc 2 scan --min-severity loud --root "$R"
expect_rc 2 scan --cpu-window -1
expect_rc 2 scan --cpu-window abc
expect_rc 2 scan --cpu-window 3601
expect_rc 2 scan --root "$R" stray-argument
expect_rc 2 scan --root "$R" --proc /proc
expect_rc 2 frobnicate
expect_rc 2 rules --format xml
expect_rc 2 help frobnicate
expect_rc 2
# runtime errors
expect_rc 2 scan --root "$T/does-not-exist"
expect_rc 2 scan --root "$T/does-not-exist" --format json
expect_rc 2 scan --root "$R/etc/passwd"
expect_rc 2 scan --proc "$T/does-not-exist" --format json
expect_rc 2 scan --root "$R" --output "$T/no/such/dir/report"
# information
expect_rc 0 --version
grep -qE '^rookmelder [0-9]+\.[0-9]+\.[0-9]+' "$T/out" || fail "--version prints '$(cat "$T/out")'"
mkv=$(sed -n 's/^VERSION *:= *//p' "$TOP/Makefile")
grep -q "rookmelder $mkv\$" "$T/out" || fail "--version is '$(cat "$T/out")', the Makefile says $mkv"
expect_rc 0 --help
expect_rc 0 help scan
expect_rc 0 scan --help
expect_rc 0 rules --help
finish
