#!/bin/bash
# Authorized SSH keys in a disk image (--root; unprivileged is fine): a
# key added for root beside the Debian cloud image's login stub, a key in
# the news account's home (Perfctl), Outlaw's "mdrfckr" key in a user's
# authorized_keys2, and a link pointing out of the image (never read).  A
# clean image (an administrator's keys for root and a user, the cloud
# stub alone) gives nothing at medium or above.  Fingerprints are what
# ssh-keygen -l prints.
. "$(dirname "$0")/lib.sh"

K1=AAAAC3NzaC1lZDI1NTE5AAAAIMs56zHlK6MdnWptnFMjvLg5zDeO8BJlS9lJv9xJ/tSH
FP1=SHA256:4fScmOar4GLDeXbSV9R3O286bqcq/DHCaDZy+w7iKRs
# a second key, and its fingerprint by ssh-keygen when it is here
K2=AAAAC3NzaC1lZDI1NTE5AAAAIPb8uV3lJ9vT0q9y9XyH4sVfY2rN7uQm8wZk1dLxA5Qe
STUB='no-port-forwarding,no-agent-forwarding,no-X11-forwarding,command="echo '\''Please login as the user \"admin\" rather than the user \"root\".'\'';echo;sleep 10;exit 142"'

mkimg() {  # R
	mkdir -p "$1/etc" "$1/root/.ssh" "$1/home/alice/.ssh" "$1/var/spool/news/.ssh"
	cat >"$1/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/bash
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
admin:x:1000:1000::/home/admin:/bin/bash
alice:x:1001:1001::/home/alice:/bin/bash
alias:x:1002:1002::/home/alice:/bin/bash
P
	printf 'root:x:0:\n' >"$1/etc/group"
	chmod 0700 "$1/root/.ssh" "$1/home/alice/.ssh"
}

R=$T/bad
mkimg "$R"
printf '%s ssh-ed25519 %s cloud\nssh-ed25519 %s x@vps\n' "$STUB" "$K1" "$K2" >"$R/root/.ssh/authorized_keys"
printf 'ssh-ed25519 %s\n' "$K2" >"$R/var/spool/news/.ssh/authorized_keys"
printf 'ssh-ed25519 %s alice@desk\n' "$K1" >"$R/home/alice/.ssh/authorized_keys"
printf 'ssh-rsa %s mdrfckr\n' "$K2" >"$R/home/alice/.ssh/authorized_keys2"
mkdir -p "$T/outside"
printf 'ssh-rsa %s outsider\n' "$K2" >"$T/outside/keys"
mkdir -p "$R/home/admin/.ssh"
ln -s "../../../../../../../..$T/outside/keys" "$R/home/admin/.ssh/authorized_keys"
chmod 0600 "$R"/root/.ssh/* "$R"/home/alice/.ssh/* "$R"/var/spool/news/.ssh/*

rm_json "$T/bad.json" --root "$R" --facts
[ "$RC" = 1 ] || fail "a compromised image exits $RC, expected 1"
grep -q outsider "$T/bad.json" && fail "rookmelder read a key file outside the image"

key() {  # PATH LINE: exactly one RM-PER-003; F holds it
	local all n
	all=$(jq -c --arg f "$1" --argjson l "$2" '[.findings[] | select(.rule.id == "RM-PER-003"
		and .file.path == $f and .evidence.line == $l)]' "$T/bad.json")
	n=$(jq length <<<"$all")
	[ "$n" = 1 ] || { dump_findings "$T/bad.json" >&2; fail "$n RM-PER-003 findings for $1:$2, expected 1"; }
	F=$(jq -c '.[0]' <<<"$all")
	F_WHAT="RM-PER-003 for $1:$2"
}
key /root/.ssh/authorized_keys 2
f_eq .severity high
f_eq .evidence.account root
f_eq .evidence.comment x@vps
f_eq '.message | contains("Please login as")' true
key /var/spool/news/.ssh/authorized_keys 1
f_eq .severity high
f_eq .evidence.account news
f_eq .evidence.uid 9
f_eq .evidence.shell /usr/sbin/nologin
key /home/alice/.ssh/authorized_keys2 1
f_eq .severity critical
f_eq .evidence.campaign_marker mdrfckr
f_eq .evidence.key_type ssh-rsa
f_eq .rule.category persistence
f_eq '.threat.technique.id | index("T1098.004") != null' true
# the stub and alice's own key: no finding; every key in the facts
jq_true "$T/bad.json" '[.findings[] | select(.rule.id == "RM-PER-003")] | length == 3' \
	"not exactly three RM-PER-003 findings: $(dump_findings "$T/bad.json")"
jq_true "$T/bad.json" '.facts.ssh_keys | length == 5' "facts.ssh_keys: $(jq -c '.facts.ssh_keys | length' "$T/bad.json")"
# a home shared by two accounts is read once, for the first of them
jq_true "$T/bad.json" '[.facts.ssh_keys[] | select(.path | startswith("/home/alice/")) | .account] == ["alice", "alice"]' \
	"the shared home's keys: $(jq -c '[.facts.ssh_keys[] | select(.path | startswith("/home/alice/")) | .account]' "$T/bad.json")"
fp=$(jq -r '.facts.ssh_keys[] | select(.path == "/home/alice/.ssh/authorized_keys") | .fingerprint' "$T/bad.json")
[ "$fp" = "$FP1" ] || fail "alice's key fingerprint is $fp, expected $FP1"
if command -v ssh-keygen >/dev/null; then
	want=$(ssh-keygen -lf "$R/var/spool/news/.ssh/authorized_keys" | awk '{ print $2 }')
	got=$(jq -r '.facts.ssh_keys[] | select(.account == "news") | .fingerprint' "$T/bad.json")
	[ "$got" = "$want" ] || fail "news's key: $got, ssh-keygen says $want"
fi

# a clean image
C=$T/clean
mkimg "$C"
printf '%s ssh-ed25519 %s cloud\n' "$STUB" "$K1" >"$C/root/.ssh/authorized_keys"
printf 'ssh-ed25519 %s admin@laptop\n' "$K2" >"$C/home/alice/.ssh/authorized_keys"
chmod 0600 "$C"/root/.ssh/* "$C"/home/alice/.ssh/*
rm_json "$T/clean.json" --root "$C" --facts
jq_true "$T/clean.json" '[.findings[] | select(.severity != "info" and .severity != "low")] | length == 0' \
	"the clean image has findings: $(dump_findings "$T/clean.json")"
jq_true "$T/clean.json" '.facts.ssh_keys | length == 2' "the clean image's keys were not read"
finish
