#!/bin/bash
# A scan of this host before the suite starts anything has no finding at
# high or above: `--fail-on high` exits 0.  When it fails, the findings
# that fired are printed: they are about this environment (or are false
# positives to fix), and must be looked at either way.
. "$(dirname "$0")/lib.sh"

# With the YARA pass and its built-in rules: they must be silent on a
# clean Debian system.  The checkout and build dirs are left out (when the
# checkout lives under /tmp, its rule files, test material and our own
# binaries - which carry the rules' strings - would rightly match).
# Other checkouts of this project left on the host (an earlier CI clone
# under /tmp, say) are left out for the same reason; they are found by
# this very test file and a rules/yara directory beside it (a choice of
# this test on a CI host, not a rule of rookmelder's).
EXCL=(--yara-exclude "$TOP" --yara-exclude "$(cd "$BUILD" && pwd)")
while IFS= read -r t; do
	t=${t%/tests/e2e/00-clean-host.sh}
	[ -d "$t/rules/yara" ] || continue
	EXCL+=(--yara-exclude "$t")
	say "left out: another checkout of rookmelder at $t"
done < <(find /tmp /var/tmp /dev/shm /root /home -maxdepth 5 \
	-path '*/tests/e2e/00-clean-host.sh' -type f 2>/dev/null | head -n 16)
rm_json "$T/host.json" --fail-on high --yara "${EXCL[@]}"
if [ "$RC" -ne 0 ]; then
	echo "findings at high or above on this host:" >&2
	jq -r '.findings[] | select(.severity == "high" or .severity == "critical")
	    | "  \(.severity) \(.rule.id) pid=\(.process.pid // "-") exe=\(.process.executable // "-") \(.message)"' \
	    "$T/host.json" >&2
	fail "the host is not clean: --fail-on high exited $RC"
fi
jq_true "$T/host.json" '[.findings[] | select(.severity == "high" or .severity == "critical")] | length == 0' \
	"exit 0 although there are findings at high or above"
jq_true "$T/host.json" '.scan.processes > 0' "no process was read"
jq_true "$T/host.json" '.host.root == "/"' "host.root is not /"
jq_true "$T/host.json" '.scan.cpu_window_s == 1' "default CPU window is not 1 s"
jq_true "$T/host.json" '.scan.yara.rules > 0 and .scan.yara.files > 0' \
	"the YARA pass did not run with the built-in rules"
say "clean: $(jq '.findings | length' "$T/host.json") finding(s) below high, $(jq .scan.processes "$T/host.json") processes"
finish
