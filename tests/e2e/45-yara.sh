#!/bin/bash
# e2e-timeout: 300
# YARA content scanning, end to end: `rookmelder yara` on a hostile tree
# (FIFO, device node, links, a terabyte sparse file, files changing while
# scanned, many small files), rules that do not compile or are too slow,
# the compiled-rules cache, and `scan`'s YARA pass over a disk image
# (--root) and over the live host: a running executable (deleted from
# disk) and the memory of a process from a hidden directory.
. "$(dirname "$0")/lib.sh"

need_cmd sha256sum truncate

export ROOKMELDER_CACHE_DIR=$T/cache
R=$T/rules
mkdir -p "$R" "$R/bad"
cat >"$R/test.yar" <<'EOF'
rule t_file_marker : dropper
{
	meta:
		description = "the test's file marker"
		severity = "high"
		category = "persistence"
	strings:
		$a = "rookmelder-file-marker-31e7"
	condition:
		$a
}

rule t_exe_marker
{
	meta:
		description = "the memmark helper's binary"
		severity = "critical"
		category = "mining"
	strings:
		$a = "rookmelder-exe-marker-5d21"
	condition:
		$a
}

rule t_mem_marker
{
	meta:
		description = "the memmark helper's heap"
		severity = "critical"
		category = "mining"
	strings:
		$a = "rookmelder-mem-marker-9c04"
	condition:
		$a
}
EOF
# a rule with an undefined identifier next to a good one, a missing
# include, and a file that is not even YARA
cat >"$R/bad/mixed.yar" <<'EOF'
rule t_needs_utils { condition: is__elf and filesize < 100 }
rule t_still_good { strings: $a = "rookmelder-salvaged-marker-77" condition: $a }
EOF
printf 'include "../nowhere/utils.yar"\nrule t_inc { condition: filesize == 12345 }\n' >"$R/bad/include.yar"
printf '\x00\x01 not yara at all {{{' >"$R/bad/garbage.yara"

# ---- a hostile tree, `rookmelder yara` --------------------------------------
D=$T/tree
mkdir -p "$D/sub" "$D/.hidden"
printf 'line\nrookmelder-file-marker-31e7\n' >"$D/sub/dropper.sh"
printf 'rookmelder-salvaged-marker-77' >"$D/.hidden/salvaged.txt"
echo "nothing here" >"$D/clean.txt"
mkfifo "$D/fifo"
ln -s "$D/sub/dropper.sh" "$D/link-to-dropper"
ln -s /etc/shadow "$D/link-out"
truncate -s 1T "$D/sparse" 2>/dev/null || truncate -s 100G "$D/sparse"
if [ "$MYUID" = 0 ]; then
	mknod "$D/zero" c 1 5   # like /dev/zero: reading it never ends
fi

rm_run "$T/y.json" yara --no-builtin -y "$R" --format json "$D"
[ "$RC" = 1 ] || fail "yara exited $RC, expected 1 (a high finding): $(head -3 "$T/y.json.err")"
validate "$T/y.json"
jq_true "$T/y.json" '[.findings[].file.path] | sort == ["'"$D"'/.hidden/salvaged.txt", "'"$D"'/sub/dropper.sh"]' \
	"not exactly the two marked files were found (no FIFO, device, link or sparse file)"
F=$(jq -c '.findings[] | select(.file.path | endswith("/dropper.sh"))' "$T/y.json")
F_WHAT="the dropper"
f_eq .rule.id RM-YAR-001
f_eq .severity high
f_eq .rule.category persistence
f_eq .yara.target file
f_eq '.yara.matches[0].rule' t_file_marker
f_eq '.yara.matches[0].namespace' test
f_eq '.yara.matches[0].tags[0]' dropper
f_eq '.yara.matches[0].meta.description' "the test's file marker"
f_eq '.yara.matches[0].strings[0].id' '$a'
f_eq '.yara.matches[0].strings[0].offset' 5
f_eq '.yara.matches[0].strings[0].length' 27
f_eq .file.hash.sha256 "$(sha256sum "$D/sub/dropper.sh" | cut -d' ' -f1)"
# the salvaged rule matched: its file's other rule failed, and was said
F=$(jq -c '.findings[] | select(.file.path | endswith("/salvaged.txt"))' "$T/y.json")
f_eq '.yara.matches[0].rule' t_still_good
f_eq '.yara.matches[0].namespace' bad/mixed
f_eq .severity medium   # no severity in the rule: the default
jq_true "$T/y.json" '[.scan.skipped[] | select(.check | test("mixed.yar:1$")) | .reason | test("t_needs_utils.*is__elf")] | any' \
	"the rule with the undefined identifier is not reported with its line and reason"
jq_true "$T/y.json" '[.scan.skipped[] | select(.check | test("include.yar")) | .reason | test("include")] | any' \
	"the missing include is not reported"
jq_true "$T/y.json" '[.scan.skipped[] | select(.check | test("garbage.yara"))] | length == 1' \
	"the garbage rule file is not reported"
jq_true "$T/y.json" '.scan.yara.rules == 5 and .scan.yara.rules_failed >= 2 and .scan.yara.cached == false' \
	"scan.yara does not count 5 rules compiled (3 test + salvaged + t_inc), failures, uncached"
jq_true "$T/y.json" '.scan.yara.skipped.size >= 1' "the sparse file was not skipped for its size"
say "yara: two marked files found; FIFO, device node, links and a $(du -h --apparent-size "$D/sparse" | cut -f1) sparse file left alone; bad rules reported, the rest used"

# the same again: the compiled rules come from the cache, with the notes
rm_run "$T/y2.json" yara --no-builtin -y "$R" --format json "$D"
jq_true "$T/y2.json" '.scan.yara.cached == true and (.findings | length) == 2' \
	"the second run did not use the cache or found something else"
jq_true "$T/y2.json" '[.scan.skipped[] | select(.check | test("mixed.yar:1$"))] | length == 1' \
	"the cached set lost the compile notes"
ls "$T/cache"/*.yarc >/dev/null || fail "no compiled set in the cache dir"
[ "$(stat -c %a "$T/cache")" = 700 ] || fail "the cache dir is not 0700"
# --fail-on, text and ndjson
rm_run "$T/y3.txt" yara -y "$R" --fail-on critical "$D"
[ "$RC" = 0 ] || fail "--fail-on critical exited $RC with only high findings"
grep -q 'yara     test:t_file_marker \[dropper\]  \$a@0x5' "$T/y3.txt" ||
	fail "the text output does not show the matched rule and offset"
rm_run "$T/y4.json" yara -y "$R" --format ndjson "$D"
validate "$T/y4.json" "$ND_SCHEMA" --ndjson
# usage errors
rm_run "$T/e1" yara -y "$R/nonexistent.yar" "$D"
[ "$RC" = 2 ] || fail "a missing rule file exited $RC, not 2"
rm_run "$T/e2" yara
[ "$RC" = 2 ] || fail "no path exited $RC, not 2"
rm_run "$T/e3" yara --no-builtin "$D"
[ "$RC" = 2 ] || fail "--no-builtin without rules exited $RC, not 2"

# a rule too slow for a file: stopped after --timeout, said so
printf 'rule t_slow { condition: for all i in (0..filesize) : ( for all j in (0..filesize) : ( uint8(i) != 0x100 + j ) ) }\n' >"$T/slow.yar"
head -c 1000000 /dev/zero >"$T/slowfile"
rm_run "$T/s.json" yara --no-builtin -y "$T/slow.yar" --timeout 1 --format json "$T/slowfile"
jq_true "$T/s.json" '.scan.yara.skipped.timeouts == 1 and ([.scan.skipped[] | select(.check | test("timeout"))] | length == 1)' \
	"the slow rule was not stopped and noted"

# files that appear, grow, shrink and vanish while scanned
C=$T/churn
mkdir -p "$C"
( for i in $(seq 1 400); do
	printf 'rookmelder-file-marker-31e7 %0500d' "$i" >"$C/f$((i % 40))"
	: >"$C/f$(((i + 7) % 40))"
	rm -f "$C/f$(((i + 13) % 40))"
  done ) &
CH=$!
track_pid "$CH"
for i in 1 2 3 4 5; do
	rm_run "$T/c$i.json" yara --no-builtin -y "$R/test.yar" --format json "$C"
	case $RC in 0|1) ;; *) fail "a scan of a churning tree exited $RC: $(head -3 "$T/c$i.json.err")" ;; esac
	validate "$T/c$i.json"
done
wait "$CH" 2>/dev/null
say "a slow rule stopped after 1 s; five scans of a churning tree completed"

# many small files
M=$T/many
mkdir -p "$M"
"$PY" - "$M" <<'EOF'
import os, sys
d = sys.argv[1]
for i in range(200):
    sub = os.path.join(d, "d%03d" % i)
    os.mkdir(sub)
    for k in range(250):
        with open(os.path.join(sub, "f%d" % k), "w") as f:
            f.write("small file %d %d\n" % (i, k))
with open(os.path.join(d, "d199", "marked"), "w") as f:
    f.write("rookmelder-file-marker-31e7")
EOF
rm_run "$T/m.json" yara --no-builtin -y "$R/test.yar" --format json "$M"
jq_true "$T/m.json" '.scan.yara.files == 50001 and (.findings | length) == 1' \
	"not every one of 50,001 small files was scanned, or the marked one missed"
say "50,001 small files scanned in $(jq .scan.yara.scan_ms "$T/m.json") ms"

# ---- the world's rule sets: signature-base, malcontent, Yara-Rules ----------
MAT=$T/mat
mkdir -p "$MAT"
tar -xzf "$TOP/tests/fixtures/material.tar.gz" -C "$MAT"
rm_run "$T/w.json" yara --no-builtin -y "$MAT/yara" --format json "$MAT/scripts"
validate "$T/w.json"
jq_true "$T/w.json" '.scan.yara.rule_files == 78 and .scan.yara.rules == 175 and .scan.yara.rules_failed == 5' \
	"the three rule sets did not load as 175 rules from 78 files with 5 left out"
jq_true "$T/w.json" '[.scan.skipped[] | select(.check | test("^yara rules: .*yara-rules/MALW_(Httpsd_ELF|TinyShell_Backdoor_gen)\\.yar:[0-9]+$")) | select(.reason | test("is__elf"))] | length == 5' \
	"the five rules that need Yara-Rules' is__elf are not each reported"
jq_true "$T/w.json" '[.findings[] | select(.file.path | endswith("malcontent-samples/2023.Kinsing__install.sh.txt")) | .yara.matches[] | select(.namespace == "malcontent/impact/cryptojacking/xmrig" and .rule == "xmrig")] | length == 1' \
	"malcontent's xmrig rule did not match the Kinsing installer under its namespace"
# the same matches as the yara program itself, with the same rules
if command -v yara >/dev/null; then
	args=()
	i=0
	while IFS= read -r f; do
		args+=("m$i:$f")
		i=$((i + 1))
	done < <(find "$MAT/yara/malcontent" -name '*.yara' | sort)
	yara -r "${args[@]}" "$MAT/scripts" 2>"$T/ycli.err" | awk '{print $1" "$2}' | sort -u >"$T/ycli.txt"
	rm_run "$T/mc.json" yara --no-builtin -y "$MAT/yara/malcontent" --all-files --format json "$MAT/scripts"
	jq -r '.findings[] | .file.path as $p | .yara.matches[] | "\(.rule) \($p)"' "$T/mc.json" | sort -u >"$T/rm.txt"
	[ -s "$T/ycli.txt" ] || fail "yara found nothing with malcontent's rules: $(head -3 "$T/ycli.err")"
	diff "$T/ycli.txt" "$T/rm.txt" >&2 || fail "rookmelder yara and yara -r disagree on malcontent's rules (above)"
	say "malcontent's rules: the same $(wc -l <"$T/rm.txt") (rule, file) matches as yara -r"
fi
say "the three third-party sets: 175 rules from 78 files, the 5 that need is__elf reported and left out"

# rookmelder's own reports and binaries are not "malware": a report of a
# scan of the droppers (saved in /tmp, say) and a copy of the binary do not
# match the built-in rules, whose strings the binary carries veiled
rm_run "$T/self.json" yara --format json "$MAT/scripts/malcontent-samples"
rm_run "$T/self.txt" yara "$MAT/scripts/malcontent-samples"
jq_true "$T/self.json" '(.findings | length) >= 20' "the built-in rules found almost nothing in the droppers"
cp "$RM" "$T/rookmelder-copy"
copies=("$T/self.json" "$T/self.txt" "$T/rookmelder-copy")
if [ -x "$RM_STATIC" ]; then
	cp "$RM_STATIC" "$T/rookmelder-static-copy"
	copies+=("$T/rookmelder-static-copy")
fi
rm_run "$T/selfscan.json" yara --format json "${copies[@]}"
jq -r '.findings[] | "  \(.file.path): \(.yara.matches | map(.rule) | join(", "))"' "$T/selfscan.json" >&2
jq_true "$T/selfscan.json" '(.findings | length) == 0' \
	"the built-in rules match rookmelder's own report or binary (above)"
say "rookmelder's reports of the droppers and copies of its binaries do not match its rules"

# ---- scan --root: the YARA pass over a disk image ---------------------------
I=$T/image
mkdir -p "$I/tmp/.x" "$I/etc/cron.d" "$I/var/www/html" "$I/root/.cache" "$I/usr/bin"
printf '#!/bin/sh\n# rookmelder-file-marker-31e7\n' >"$I/tmp/.x/dropper.sh"
printf '* * * * * root /tmp/.x/dropper.sh # rookmelder-file-marker-31e7\n' >"$I/etc/cron.d/job"
printf '<?php /* rookmelder-file-marker-31e7 */ ?>\n' >"$I/var/www/html/x.php"
printf 'rookmelder-file-marker-31e7' >"$I/root/.cache/cfg"
printf 'rookmelder-file-marker-31e7' >"$I/usr/bin/not-a-target"
rm_json "$T/r.json" --root "$I" --yara --yara-rules "$R/test.yar" --no-packages
for p in /tmp/.x/dropper.sh /etc/cron.d/job /var/www/html/x.php /root/.cache/cfg; do
	jq_true "$T/r.json" '[.findings[] | select(.rule.id == "RM-YAR-001" and .file.path == "'"$p"'")] | length == 1' \
		"--root: no RM-YAR-001 for $p"
done
jq_true "$T/r.json" '[.findings[] | select(.file.path == "/usr/bin/not-a-target" and .rule.id == "RM-YAR-001")] | length == 0' \
	"--root: /usr/bin is not a YARA target of a scan"
jq_true "$T/r.json" '[.scan.skipped[] | select(.check == "yara: processes")] | length == 1' \
	"--root: the skipped process targets are not said"
say "--root: the marked files in /tmp, cron, the web root and a home's hidden dir found; /usr/bin not walked"

# ---- the live host: a running executable and a process's memory -------------
if [ "$MYUID" != 0 ]; then
	# another user's memory cannot be read: said, not fatal
	rm_run "$T/p1.json" yara --pid 1 --format json
	case $RC in 0|1) ;; *) fail "yara --pid 1 as uid $MYUID exited $RC" ;; esac
	jq_true "$T/p1.json" '[.scan.skipped[] | select(.check == "yara: memory of pid 1")] | length == 1' \
		"unreadable memory of pid 1 is not reported"
	say "pid 1's memory, unreadable as uid $MYUID, is reported in scan.skipped"
	finish  # other users' memory needs root
fi
plain_dir || skip "no plain directory for the helper"
H=$PLAIN
cp "$BUILD/helpers/memmark" "$H/memmark"
bg mm "$H/memmark" -t 60
MM=$BG_PID
wait_ready mm
rm -f "$H/memmark"   # deleted from disk: only the running image is left
# the file walk is not what this part is about (the trees above were):
# the busy places are left out so the scan stays quick
# (a checkout under /tmp is left out with it; the helper's plain dir is
# never there)
XCL=(--yara-exclude /tmp --yara-exclude /var/tmp --yara-exclude /root
	--yara-exclude /home)
rm_json "$T/h.json" --yara --yara-rules "$R/test.yar" --no-pid-probe \
	--cpu-window 0 --no-packages "${XCL[@]}"
expect_finding "$T/h.json" RM-YAR-002 "$MM" critical
f_eq .yara.target memory
f_eq '.yara.matches[0].rule' t_mem_marker
f_eq .rule.category mining
jq_true "$T/h.json" '[.findings[] | select(.rule.id == "RM-YAR-001" and .process.pid == '"$MM"' and .yara.target == "executable" and .yara.matches[0].rule == "t_exe_marker")] | length == 1' \
	"the deleted running executable was not scanned through /proc/PID/exe"
jq_true "$T/h.json" '[.findings[] | select(.yara.matches[]?.rule == "t_mem_marker" and .rule.id == "RM-YAR-001")] | length == 0' \
	"the heap marker was found in a file: it must only be in memory"
jq_true "$T/h.json" '.scan.yara.processes >= 1 and .scan.yara.memory_bytes > 0' \
	"scan.yara does not count the memory scanned"
# `rookmelder yara --pid`
rm_run "$T/p.json" yara --no-builtin -y "$R/test.yar" --pid "$MM" --format json
expect_finding "$T/p.json" RM-YAR-002 "$MM" critical
# --no-memory: no memory read
rm_json "$T/n.json" --yara --yara-rules "$R/test.yar" --no-pid-probe \
	--cpu-window 0 --no-packages --no-memory "${XCL[@]}"
no_finding "$T/n.json" RM-YAR-002 "$MM"
say "a deleted running executable and a hidden-dir process's memory matched (RM-YAR-001 executable, RM-YAR-002)"
finish
