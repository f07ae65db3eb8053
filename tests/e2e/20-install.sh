#!/bin/bash
# make install DESTDIR=... PREFIX=/usr installs the binary, the man page
# and the docs, and the installed binary runs.
# e2e-timeout: 120
. "$(dirname "$0")/lib.sh"
[ -f "$TOP/docs/rookmelder.8" ] || skip "docs/rookmelder.8 does not exist yet"
need_cmd make install

O=$(realpath --relative-to="$TOP" "$BUILD")
case $O in ../*) O=$BUILD ;; esac
D=$T/dest
# never rebuild here (a sanitizer build dir must stay one): -o the binary
if ! make -C "$TOP" --no-print-directory -o "$O/rookmelder" O="$O" DESTDIR="$D" PREFIX=/usr install \
    >"$T/make.log" 2>&1; then
	cat "$T/make.log" >&2
	fail "make install failed"
fi
bin=$D/usr/bin/rookmelder
[ -x "$bin" ] || fail "no $bin"
[ "$(stat -c %a "$bin")" = 755 ] || fail "$bin has mode $(stat -c %a "$bin")"
cmp -s "$bin" "$RM" || fail "the installed binary is not $RM"
"$bin" --version | grep -q '^rookmelder ' || fail "the installed binary does not run"
man=$D/usr/share/man/man8/rookmelder.8
[ -s "$man" ] || fail "no man page at $man"
[ "$(stat -c %a "$man")" = 644 ] || fail "the man page has mode $(stat -c %a "$man")"
grep -q '^\.TH' "$man" || fail "the man page has no .TH header"
if command -v man >/dev/null; then
	MANWIDTH=80 man -l "$man" >"$T/man.txt" 2>"$T/man.err" </dev/null || fail "man -l cannot format the page: $(head -3 "$T/man.err")"
	grep -q -i rookmelder "$T/man.txt" || fail "the formatted man page does not mention rookmelder"
fi
doc=$D/usr/share/doc/rookmelder
[ -d "$doc" ] || fail "no $doc"
for f in README.md OUTPUT.md DETECTORS.md; do
	[ -s "$doc/$f" ] || fail "no $doc/$f"
done
# nothing outside DESTDIR/usr
extra=$(cd "$D" && find . -mindepth 1 -maxdepth 1 ! -name usr)
[ -z "$extra" ] || fail "make install wrote outside PREFIX: $extra"
# and uninstall removes it all again
make -C "$TOP" --no-print-directory O="$O" DESTDIR="$D" PREFIX=/usr uninstall >"$T/un.log" 2>&1 ||
	fail "make uninstall failed: $(tail -3 "$T/un.log")"
left=$(cd "$D" && find . -name 'rookmelder*')
[ -z "$left" ] || fail "make uninstall left: $left"
finish
