#!/bin/bash
# --root DIR scans a disk image (unprivileged is fine): a second uid-0
# account and /etc/ld.so.preload are found, live checks are listed as
# skipped, and the image cannot make rookmelder read files outside it
# (absolute and ".." symlinks, a symlinked /etc), hang (a symlink loop, a
# FIFO) or fail: what it could not read is listed in scan.skipped.
. "$(dirname "$0")/lib.sh"

# An image: mkimg DIR [PASSWD-LINES...]
mkimg() {
	local r=$1
	shift
	mkdir -p "$r/etc" "$r/tmp" "$r/usr/bin"
	printf 'root:x:0:0:root:/root:/bin/bash\n' >"$r/etc/passwd"
	printf '%s\n' "$@" >>"$r/etc/passwd"
	printf 'root:x:0:\nusers:x:100:\n' >"$r/etc/group"
	printf 'rm-e2e-image\n' >"$r/etc/hostname"
}
skipped_has() {  # FILE CHECK: scan.skipped has an entry for CHECK
	jq -e --arg c "$2" '[.scan.skipped[] | select(.check == $c)] | length == 1' "$1" >/dev/null ||
		fail "scan.skipped of $(basename "$1") has no single '$2' entry: $(jq -c .scan.skipped "$1")"
}
no_outsider() {  # FILE: nothing read from the file outside the image
	if grep -q outsider "$1"; then
		fail "$(basename "$1"): rookmelder read a file outside the --root tree: $(grep -o '"[^"]*outsider[^"]*"' "$1" | head -3)"
	fi
	jq_true "$1" '[.findings[] | select(.rule.id == "RM-ACCT-001")] | length == 0' \
		"$(basename "$1"): an account finding from a file outside the image"
}

# the file an escaping image points at: a uid-0 account "outsider"
mkdir -p "$T/outside/etc"
printf 'root:x:0:0::/root:/bin/sh\noutsider:x:0:0:outsider:/:/bin/sh\n' >"$T/outside/passwd"
cp "$T/outside/passwd" "$T/outside/etc/passwd"
printf 'outsider:x:0:\n' >"$T/outside/etc/group"

# 1. a compromised image
R=$T/img
mkimg "$R" 'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin' \
	'toor:x:0:0::/root:/bin/bash' 'alice:x:1000:1000::/home/alice:/bin/bash'
printf '/tmp/x.so\n' >"$R/etc/ld.so.preload"
rm_json "$T/img.json" --root "$R" --facts
[ "$RC" = 1 ] || fail "a compromised image exits $RC, expected 1"
[ "$(jq -r .host.root "$T/img.json")" = "$R" ] || fail "host.root is $(jq -r .host.root "$T/img.json"), expected $R"
jq_true "$T/img.json" '.host.name == "rm-e2e-image"' "host.name is not the image's etc/hostname"
jq_true "$T/img.json" '.scan.processes == 0 and .scan.sockets == 0' "an image scan read processes or sockets"
jq_true "$T/img.json" '.scan.accounts == 4' "accounts: $(jq .scan.accounts "$T/img.json"), expected 4"
for c in processes sockets kernel cpu; do skipped_has "$T/img.json" "$c"; done

n=$(jq '[.findings[] | select(.rule.id == "RM-ACCT-001")] | length' "$T/img.json")
[ "$n" = 1 ] || { dump_findings "$T/img.json" >&2; fail "$n RM-ACCT-001 findings, expected 1 (toor)"; }
F=$(jq -c '.findings[] | select(.rule.id == "RM-ACCT-001")' "$T/img.json")
F_WHAT="RM-ACCT-001"
f_eq .severity high
f_eq .evidence.account toor
f_eq .evidence.uid 0
f_eq .evidence.line 3
f_eq .evidence.shell /bin/bash
f_eq .file.path /etc/passwd
f_eq .rule.category persistence
f_eq '.process == null' true

n=$(jq '[.findings[] | select(.rule.id == "RM-EVA-001")] | length' "$T/img.json")
[ "$n" = 1 ] || fail "$n RM-EVA-001 findings, expected 1"
F=$(jq -c '.findings[] | select(.rule.id == "RM-EVA-001")' "$T/img.json")
F_WHAT="RM-EVA-001"
f_eq .severity critical
f_eq '.evidence.libraries | tostring' '["/tmp/x.so"]'
f_eq .file.path /etc/ld.so.preload
f_eq .rule.category rootkit
# findings are ordered by severity: critical first
jq_true "$T/img.json" '[.findings[].severity] == ["critical", "high"]' "findings are not ordered by severity"

# 2. etc/passwd is an absolute symlink to a file outside the image
R=$T/abs; mkimg "$R"
ln -sf "$T/outside/passwd" "$R/etc/passwd"
rm_json "$T/abs.json" --root "$R" --facts
no_outsider "$T/abs.json"
skipped_has "$T/abs.json" "accounts: /etc/passwd"

# 3. etc/passwd escapes with ".."
R=$T/dots; mkimg "$R"
ln -sf ../../outside/passwd "$R/etc/passwd"
[ -f "$R/etc/passwd" ] || fail "test setup: $R/etc/passwd does not reach outside"
rm_json "$T/dots.json" --root "$R" --facts
no_outsider "$T/dots.json"
skipped_has "$T/dots.json" "accounts: /etc/passwd"

# 4. the whole etc directory is a symlink out of the image
R=$T/etcdir; mkimg "$R"
rm -rf "$R/etc"
ln -s "$T/outside/etc" "$R/etc"
rm_json "$T/etcdir.json" --root "$R" --facts
no_outsider "$T/etcdir.json"
skipped_has "$T/etcdir.json" "accounts: /etc/passwd"
skipped_has "$T/etcdir.json" "accounts: /etc/group"

# 5. a symlink loop and a FIFO: no hang, no crash, listed as skipped
R=$T/loop; mkimg "$R"
ln -sf passwd "$R/etc/passwd"
rm -f "$R/etc/group"
mkfifo "$R/etc/group"
RM_WRAP=(timeout 20)
rm_json "$T/loop.json" --root "$R"
RM_WRAP=()
skipped_has "$T/loop.json" "accounts: /etc/passwd"
skipped_has "$T/loop.json" "accounts: /etc/group"
# ... and a loop through an absolute link, and a FIFO as ld.so.preload
R=$T/loop2; mkimg "$R"
ln -sf /etc/passwd "$R/etc/passwd"
mkfifo "$R/etc/ld.so.preload"
RM_WRAP=(timeout 20)
rm_json "$T/loop2.json" --root "$R"
RM_WRAP=()
skipped_has "$T/loop2.json" "accounts: /etc/passwd"
# an ld.so.preload that exists but cannot be read is still reported (high)
n=$(jq '[.findings[] | select(.rule.id == "RM-EVA-001" and .severity == "high" and (.evidence.read_error | length > 0))] | length' "$T/loop2.json")
[ "$n" = 1 ] || { dump_findings "$T/loop2.json" >&2; fail "a FIFO as etc/ld.so.preload is not reported as an unreadable ld.so.preload"; }

# 6. an unreadable etc/passwd (only unprivileged: root reads it anyway)
if [ "$MYUID" -ne 0 ]; then
	R=$T/unread; mkimg "$R" 'toor:x:0:0::/root:/bin/bash'
	chmod 000 "$R/etc/passwd"
	rm_json "$T/unread.json" --root "$R"
	skipped_has "$T/unread.json" "accounts: /etc/passwd"
	jq_true "$T/unread.json" '[.findings[] | select(.rule.id == "RM-ACCT-001")] | length == 0' \
		"findings from an unreadable passwd"
	chmod 644 "$R/etc/passwd"
	# an unreadable ld.so.preload exists all the same: high, "could not read"
	R=$T/unread2; mkimg "$R"
	printf '/tmp/x.so\n' >"$R/etc/ld.so.preload"
	chmod 000 "$R/etc/ld.so.preload"
	rm_json "$T/unread2.json" --root "$R"
	n=$(jq '[.findings[] | select(.rule.id == "RM-EVA-001" and .severity == "high" and (.evidence.read_error | length > 0))] | length' "$T/unread2.json")
	[ "$n" = 1 ] || fail "an unreadable etc/ld.so.preload gave $n high RM-EVA-001 findings with a read_error, expected 1"

	chmod 644 "$R/etc/ld.so.preload"
else
	say "as root: the unreadable etc/passwd case runs in the unprivileged pass"
fi

# 7. an etc/passwd larger than the read cap: the cut is reported
R=$T/huge; mkimg "$R"
yes 'filler:x:1000:1000::/home/filler:/bin/sh' | head -c $((17 * 1024 * 1024)) >>"$R/etc/passwd"
rm_json "$T/huge.json" --root "$R"
jq_true "$T/huge.json" '[.scan.skipped[] | select(.check == "accounts: /etc/passwd")] | length == 1' \
	"a 17 MB etc/passwd read only in part is not listed in scan.skipped"
# 400,000 lines of one duplicated account: findings stay bounded, and the
# rest are counted in scan.skipped
jq_true "$T/huge.json" '(.findings | length) <= 1000' \
	"$(jq '.findings | length' "$T/huge.json") findings from one hostile passwd"
jq_true "$T/huge.json" '[.scan.skipped[] | select(.check == "RM-ACCT-002" and (.reason | test("^[0-9]+ more findings")))] | length == 1' \
	"the findings not kept are not counted in scan.skipped"

# 8. uid "00" is uid 0 too.  Lines with an 8th field or only 4 fields are
#    uid-0 accounts to glibc (`id extra`, `id short` print uid=0), and
#    det_acct_uid0.c promises to report a malformed line whose uid reads 0
R=$T/odd; mkimg "$R" 'zero:x:00:0::/:/bin/sh' 'extra:x:0:0::/root:/bin/sh:junk' 'short:x:0:0'
rm_json "$T/odd.json" --root "$R"
jq_true "$T/odd.json" '[.findings[] | select(.rule.id == "RM-ACCT-001" and .evidence.account == "zero")] | length == 1' \
	"uid 00 (account zero) is not reported"
for acct in extra short; do
	jq_true --arg a $acct "$T/odd.json" '[.findings[] | select(.rule.id == "RM-ACCT-001" and .evidence.account == $a and .evidence.malformed_line == true)] | length == 1' \
		"passwd line '$(grep "^$acct:" "$R/etc/passwd")' (glibc: uid 0) is not reported as a malformed uid-0 account"
done
finish
