#!/bin/bash
# Output contract: JSON and NDJSON say the same thing, NDJSON is one ECS
# alert per line (docs/schema/ndjson.schema.json), an empty result prints
# no NDJSON line, and --min-severity drops lower findings from both.
. "$(dirname "$0")/lib.sh"

R=$T/img
mkdir -p "$R/etc"
printf 'root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/bash\n' >"$R/etc/passwd"
printf 'root:x:0:\n' >"$R/etc/group"
printf 'rm-e2e-ndjson\n' >"$R/etc/hostname"
# a known allocator only: RM-EVA-001 low
printf '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n' >"$R/etc/ld.so.preload"

rm_json "$T/all.json" --root "$R"
jq_true "$T/all.json" '[.findings[] | [.rule.id, .severity]] == [["RM-ACCT-001", "high"], ["RM-EVA-001", "low"]]' \
	"expected RM-ACCT-001 high and RM-EVA-001 low, got $(jq -c '[.findings[] | [.rule.id, .severity]]' "$T/all.json")"
jq_true "$T/all.json" '[.findings[].id] == ["F-0001", "F-0002"]' "finding ids are not F-0001, F-0002 in order"
jq_true "$T/all.json" '.incidents == []' "incidents is not []"
# one document on one line
[ "$(wc -l <"$T/all.json")" = 1 ] || fail "--format json is not one line"

rm_ndjson "$T/all.ndjson" --root "$R"
[ "$RC" = 1 ] || fail "ndjson scan exited $RC, expected 1"
[ "$(wc -l <"$T/all.ndjson")" = 2 ] || fail "ndjson has $(wc -l <"$T/all.ndjson") lines, expected 2"
started=$(jq -r .scan.started "$T/all.json")
while IFS= read -r line; do
	jq -e '."@timestamp" and .event.kind == "alert" and .event.module == "rookmelder"
	    and .event.dataset == "rookmelder.finding" and .host.name == "rm-e2e-ndjson"
	    and (has("tool") | not) and (has("findings") | not)' <<<"$line" >/dev/null ||
		fail "ndjson line lacks the ECS fields: $line"
done <"$T/all.ndjson"
# the same findings as the JSON document, field for field (bar the ECS ones)
jq -c 'del(."@timestamp", .event, .host)' "$T/all.ndjson" >"$T/nd.findings"
jq -c '.findings[]' "$T/all.json" >"$T/js.findings"
cmp -s "$T/nd.findings" "$T/js.findings" || {
	diff "$T/js.findings" "$T/nd.findings" | head >&2
	fail "ndjson findings differ from the json document's"
}
ts=$(head -1 "$T/all.ndjson" | jq -r '."@timestamp"')
[ -n "$ts" ] && [ "$(date -d "$ts" +%s 2>/dev/null)" -ge $(( $(date +%s) - 600 )) ] ||
	fail "@timestamp '$ts' is not a recent RFC 3339 time (json started: $started)"

# --min-severity high: only the high one, in both formats
rm_json "$T/high.json" --root "$R" --min-severity high
jq_true "$T/high.json" '[.findings[] | [.rule.id, .severity]] == [["RM-ACCT-001", "high"]]' \
	"--min-severity high kept $(jq -c '[.findings[] | [.rule.id, .severity]]' "$T/high.json")"
rm_ndjson "$T/high.ndjson" --root "$R" --min-severity high
[ "$(wc -l <"$T/high.ndjson")" = 1 ] || fail "--min-severity high: $(wc -l <"$T/high.ndjson") ndjson lines"
jq_true "$T/high.ndjson" '.rule.id == "RM-ACCT-001"' "--min-severity high ndjson kept the wrong finding"
# --min-severity critical: nothing left, exit 0, no ndjson line at all
rm_json "$T/crit.json" --root "$R" --min-severity critical
jq_true "$T/crit.json" '.findings == []' "--min-severity critical kept findings"
[ "$RC" = 0 ] || fail "--min-severity critical exited $RC with nothing reported"
rm_ndjson "$T/crit.ndjson" --root "$R" --min-severity critical
[ ! -s "$T/crit.ndjson" ] || fail "ndjson without findings printed $(wc -c <"$T/crit.ndjson") bytes"
# --min-severity low keeps both; text honours it too
rm_json "$T/low.json" --root "$R" --min-severity low
jq_true "$T/low.json" '.findings | length == 2' "--min-severity low dropped a low finding"
rm_run "$T/high.txt" scan --root "$R" --min-severity high
grep -q RM-ACCT-001 "$T/high.txt" || fail "text --min-severity high lost RM-ACCT-001"
! grep -q RM-EVA-001 "$T/high.txt" || fail "text --min-severity high shows the low RM-EVA-001"
finish
