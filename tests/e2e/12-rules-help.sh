#!/bin/bash
# `rookmelder rules` (text and JSON) lists every detector of
# src/detect/detectors.def exactly once, with a unique, well-formed id; the
# --help of scan and rules documents every long option their option tables
# accept, and documents no option they do not accept.
. "$(dirname "$0")/lib.sh"

DEF=$TOP/src/detect/detectors.def
# the rule id of each DETECTOR(name): the .id of det_<name>.c
: >"$T/want"
for name in $(sed -n 's/^DETECTOR(\([a-z0-9_]*\)).*/\1/p' "$DEF"); do
	src=$TOP/src/detect/det_$name.c
	[ -f "$src" ] || fail "detectors.def names $name, but there is no $src"
	id=$(sed -n 's/^[[:space:]]*\.id = "\(RM-[A-Z]*-[0-9]*\)".*/\1/p' "$src" | head -1)
	[ -n "$id" ] || fail "no .id in $src"
	echo "$id" >>"$T/want"
done
nwant=$(wc -l <"$T/want")
[ "$nwant" -gt 0 ] || fail "no DETECTOR() lines in $DEF"
[ "$(sort -u "$T/want" | wc -l)" = "$nwant" ] || fail "duplicate rule ids in the sources: $(sort "$T/want" | uniq -d)"

rm_run "$T/rules.json" rules --format json
[ "$RC" = 0 ] || fail "rules --format json exited $RC"
jq -r '.rules[].id' "$T/rules.json" >"$T/got.json"
sort "$T/want" >"$T/want.sorted"
cmp -s "$T/got.json" "$T/want.sorted" || {
	diff "$T/want.sorted" "$T/got.json" >&2
	fail "rules --format json does not list exactly the detectors of detectors.def, in id order"
}
cmp -s "$T/want" "$T/want.sorted" || fail "detectors.def is not sorted by rule id"
jq_true "$T/rules.json" '.tool.name == "rookmelder"' "rules json lacks tool.name"
cats='["exposure","initial-access","mining","evasion","rootkit","persistence","credential-theft","lateral-movement","access-resale","abuse","data-theft","ransomware-prep"]'
jq -e --argjson cats "$cats" 'all(.rules[];
	(.id | test("^RM-[A-Z]+-[0-9]{3}$")) and (.name | length > 0)
	and (.category as $c | $cats | index($c) != null)
	and (.severity | IN("info", "low", "medium", "high", "critical"))
	and (.techniques | length > 0 and all(test("^T[0-9]{4}(\\.[0-9]{3})?$")))
	and (.description | length > 0) and (.remediation | length > 0))' "$T/rules.json" >/dev/null ||
	fail "a rule has a malformed id, category, severity, technique or empty text"

rm_run "$T/rules.txt" rules
[ "$RC" = 0 ] || fail "rules exited $RC"
grep -oE '^RM-[A-Z]+-[0-9]{3}' "$T/rules.txt" >"$T/got.txt"
cmp -s "$T/got.txt" "$T/want.sorted" || {
	diff "$T/want.sorted" "$T/got.txt" >&2
	fail "rules (text) does not list exactly the detectors of detectors.def"
}
grep -q "^$nwant detectors\.$" "$T/rules.txt" || fail "rules does not end with '$nwant detectors.'"
rm_run "$T/rules.md" rules --format markdown
[ "$RC" = 0 ] || fail "rules --format markdown exited $RC"
[ "$(grep -cE '^\| RM-' "$T/rules.md")" = "$nwant" ] || fail "rules --format markdown has not $nwant table rows"

# long options in a C option table: the lines between "struct option
# opts[] = {" and "};" of FILE
table_opts() {
	awk '/struct option opts\[\] = \{/ { on = 1; next } on && /\};/ { on = 0 }
	    on' "$1" | sed -n 's/.*{ *"\([a-z][a-z0-9-]*\)".*/\1/p' | sort -u
}
for cmd in scan rules; do
	src=$TOP/src/cmd/cmd_$cmd.c
	table_opts "$src" >"$T/$cmd.table"
	[ -s "$T/$cmd.table" ] || fail "found no option table in $src"
	rm_run "$T/$cmd.help" "$cmd" --help
	[ "$RC" = 0 ] || fail "$cmd --help exited $RC"
	grep -oE -- '--[a-z][a-z0-9-]*' "$T/$cmd.help" | sed 's/^--//' | sort -u >"$T/$cmd.doc"
	missing=$(comm -23 "$T/$cmd.table" "$T/$cmd.doc" | tr '\n' ' ')
	[ -z "$missing" ] || fail "$cmd --help does not document: $missing"
	extra=$(comm -13 "$T/$cmd.table" "$T/$cmd.doc" | tr '\n' ' ')
	[ -z "$extra" ] || fail "$cmd --help documents options $cmd does not accept: $extra"
	# every documented option is recognised: "--opt=x --help" prints the
	# help, or rejects the value x, or says the option takes no argument;
	# never "unrecognized option" (and it never gets to scan anything)
	while read -r o; do
		rm_run "$T/probe" "$cmd" "--$o=x" --help
		! grep -q 'unrecognized option' "$T/probe.err" || fail "$cmd rejects --$o"
		case $RC in 0|2) ;; *) fail "$cmd --$o=x --help exited $RC" ;; esac
	done <"$T/$cmd.doc"
	# `help CMD` prints the same text
	rm_run "$T/$cmd.help2" help "$cmd"
	cmp -s "$T/$cmd.help" "$T/$cmd.help2" || fail "'help $cmd' differs from '$cmd --help'"
done
# the top-level help lists every command
rm_run "$T/top.help" --help
for cmd in scan rules; do
	grep -qE "^  $cmd " "$T/top.help" || fail "rookmelder --help does not list $cmd"
done
finish
