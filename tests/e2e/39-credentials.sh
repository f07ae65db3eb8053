#!/bin/bash
# Credential theft.  (a) A disk image (--root; unprivileged is fine): a
# world-readable ~/.aws/credentials is RM-CRED-001 high with the key id
# cut short, and the secret is nowhere in the output; the administrator's
# kubeconfig readable by root alone and a passphrase-less SSH key of mode
# 600 are info; a .env in /var/www/site is listed by its key names; a
# 4 GiB sparse credential file and one of binary garbage are read within
# bounds.  A clean image (owner-only files) has nothing at medium or
# above.  (b) Live, as root: a stealer copied to /tmp/.../kworker-upd
# asks a fake instance metadata service on 169.254.169.254:80 inside a
# network namespace of the test's own for the role's keys: RM-CRED-003
# high naming its pid; the same program at an agent's path
# (/usr/local/bin/amazon-ssm-agent, a tmpfs in a private mount namespace)
# is not reported.  (c) Live, as root: a process holds uid 1000's
# .aws/credentials open (RM-CRED-004), and one holds AWS keys in its own
# environment (RM-CRED-002 low; the value never printed), and a command
# line reads every process's environ (RM-CRED-005).  No address
# outside the test's namespaces is contacted.
. "$(dirname "$0")/lib.sh"

SECRET=wJalrXUtnFEMI/K7MDENG/bPxRfiCYE2ETESTKEY
ENVSECRET=e2eEnvSecretNeverPrinted0123456789abcdef
DBPASS=hunter2-e2e-db-password
SSH_FP=SHA256:zfC/91p2ql4sGODetVFRVNkaRB2GbWkbuBh7zC3NqIs
SSH_KEY='-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACAQfRosYxvL6J28rmgZwzyK+tHS05Ve8r9FvENnzksXLQAAAIhFyUzuRclM
7gAAAAtzc2gtZWQyNTUxOQAAACAQfRosYxvL6J28rmgZwzyK+tHS05Ve8r9FvENnzksXLQ
AAAEDfh4CJrZdjYJQjH1bmbdCwkG2QDQ7TmRRSBwfhSn+QQRB9GixjG8vonbyuaBnDPIr6
0dLTlV7yv0W8Q2fOSxctAAAABHRlc3QB
-----END OPENSSH PRIVATE KEY-----'

mkimg() {  # R
	local r=$1
	mkdir -p "$r/etc" "$r/root/.kube" "$r/home/alice/.aws" "$r/home/alice/.ssh" \
		"$r/home/bob/.aws" "$r/home/bob/.docker" "$r/var/www/site"
	cat >"$r/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/bash
alice:x:1000:1000::/home/alice:/bin/bash
bob:x:1001:1001::/home/bob:/bin/bash
P
	printf 'root:x:0:\nalice:x:1000:\nbob:x:1001:\n' >"$r/etc/group"
	chmod 0755 "$r/home/alice" "$r/home/bob"
	chmod 0700 "$r/root" "$r/home/alice/.ssh"
	cat >"$r/root/.kube/config" <<'K'
apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: AAAA
    server: https://10.77.0.1:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
users:
- name: kubernetes-admin
  user:
    client-certificate-data: BBBB
    client-key-data: CCCCkubeclientkeyneverprinted
K
	chmod 0600 "$r/root/.kube/config"
	printf '%s\n' "$SSH_KEY" >"$r/home/alice/.ssh/id_ed25519"
	chmod 0600 "$r/home/alice/.ssh/id_ed25519"
	printf 'APP_NAME=shop\nAPP_KEY=base64:c2hvcGtleQ==\nDB_PASSWORD=%s\nMAIL_PASSWORD=\nSTRIPE_SECRET=sk_live_e2e\n' \
		"$DBPASS" >"$r/var/www/site/.env"
	chmod 0640 "$r/var/www/site/.env"
}

# ---- (a) images ---------------------------------------------------------------

R=$T/bad
mkimg "$R"
printf '[default]\naws_access_key_id = AKIAE2ETESTAAAAWXYZ\naws_secret_access_key = %s\n' \
	"$SECRET" >"$R/home/alice/.aws/credentials"
chmod 0755 "$R/home/alice/.aws"
chmod 0644 "$R/home/alice/.aws/credentials"
# hostile: a 4 GiB sparse credentials file, binary garbage as a registry config
truncate -s 4G "$R/home/bob/.aws/credentials"
head -c 300000 /dev/urandom >"$R/home/bob/.docker/config.json"
if [ "$MYUID" -eq 0 ]; then
	chown -R 1000:1000 "$R/home/alice"
	chown -R 1001:1001 "$R/home/bob"
fi

start=$(date +%s%N)
rm_json "$T/bad.json" --root "$R" --facts
ms=$(( ($(date +%s%N) - start) / 1000000 ))
say "image scan: ${ms} ms, credential walk $(jq .facts.credentials_elapsed_us "$T/bad.json") us"
B=$T/bad.json
for s in "$SECRET" "$DBPASS" sk_live_e2e CCCCkubeclientkeyneverprinted c2hvcGtleQ; do
	grep -qF -- "$s" "$B" "$B.err" && fail "a secret is in the output: $s"
done

cred() {  # PATH: exactly one RM-CRED-001 for it; F holds it
	local all n
	all=$(jq -c --arg f "$1" '[.findings[] | select(.rule.id == "RM-CRED-001" and .file.path == $f)]' "$B")
	n=$(jq length <<<"$all")
	[ "$n" = 1 ] || { dump_findings "$B" >&2; fail "$n RM-CRED-001 findings for $1, expected 1"; }
	F=$(jq -c '.[0]' <<<"$all")
	F_WHAT="RM-CRED-001 for $1"
}
cred /home/alice/.aws/credentials
f_eq .severity high
f_eq .rule.category credential-theft
f_eq .evidence.fingerprint 'AKIA...WXYZ'
f_eq .evidence.readable_by 'every user'
f_eq .evidence.kind aws
f_eq .evidence.account alice
f_eq .evidence.secret_present true
f_eq '.message | contains("AKIA...WXYZ")' true
f_eq '.threat.technique.id | index("T1552.001") != null' true
cred /root/.kube/config
f_eq .severity info
f_eq .evidence.kind kubeconfig
f_eq '.evidence.fingerprint | contains("kubernetes-admin (client-key-data)")' true
cred /home/alice/.ssh/id_ed25519
f_eq .severity info
f_eq .evidence.passphrase false
f_eq .evidence.fingerprint "$SSH_FP"
cred /var/www/site/.env
f_eq '.evidence.names | sort | join(",")' 'APP_KEY,DB_PASSWORD,STRIPE_SECRET'
f_eq .evidence.kind env-file
# the huge file: read within the cap, flagged, no crash
jq_true "$B" '[.facts.credentials[] | select(.path == "/home/bob/.aws/credentials" and .truncated == true
	and .size == 4294967296)] | length == 1' \
	"the 4 GiB file is not in facts.credentials as truncated: $(jq -c '.facts.credentials' "$B")"
jq_true "$B" '[.findings[] | select(.rule.id == "RM-CRED-001" and .severity == "high")] | length == 1' \
	"not exactly one high RM-CRED-001: $(dump_findings "$B")"
[ "$RC" = 1 ] || fail "an image with world-readable cloud keys exits $RC, expected 1"

# the clean image: every store readable by its owner alone
R2=$T/clean
mkimg "$R2"
printf '[default]\naws_access_key_id = AKIAE2ETESTAAAAWXYZ\naws_secret_access_key = %s\n' \
	"$SECRET" >"$R2/home/alice/.aws/credentials"
chmod 0600 "$R2/home/alice/.aws/credentials"
rm_json "$T/clean.json" --root "$R2"
jq_true "$T/clean.json" '[.findings[] | select(.rule.category == "credential-theft" and
	(.severity | IN("medium", "high", "critical")))] | length == 0' \
	"the clean image has credential findings at medium or above: $(dump_findings "$T/clean.json")"
jq_true "$T/clean.json" '[.findings[] | select(.rule.id == "RM-CRED-001")] | length == 4' \
	"the clean image's inventory is not 4 info findings: $(dump_findings "$T/clean.json")"
grep -qF -- "$SECRET" "$T/clean.json" && fail "the secret is in the clean image's output"

# ---- (b) the instance metadata service, live -----------------------------------

[ "$MYUID" -eq 0 ] || skip "the live parts need root (network and mount namespaces); the image parts passed"
need_cmd unshare ip mount
[ -d /usr/local/bin ] && [ ! -L /usr/local/bin ] || skip "no /usr/local/bin directory to mount over (the image parts passed)"

X=$(mktemp -d /tmp/rm-e2e-cred.XXXXXX) || fail "mktemp"
track_path "$X"
chmod 0755 "$X"
cp "$HELPERS/imds-client" "$X/kworker-upd"
bg thief unshare -n sh -c 'ip link set lo up && ip addr add 169.254.169.254/32 dev lo &&
	exec "$0" 169.254.169.254 80' "$X/kworker-upd"
wait_ready thief
THIEF=${READY[1]} THIEF_SRV=${READY[2]}
track_pid "$THIEF_SRV"
bg agent unshare -m -n sh -c 'mount -t tmpfs -o mode=0755 tmpfs /usr/local/bin &&
	cp "$0" /usr/local/bin/amazon-ssm-agent && ip link set lo up &&
	ip addr add 169.254.169.254/32 dev lo &&
	exec /usr/local/bin/amazon-ssm-agent 169.254.169.254 80' "$HELPERS/imds-client"
wait_ready agent
AGENT=${READY[1]} AGENT_SRV=${READY[2]}
track_pid "$AGENT_SRV"
[ -e /usr/local/bin/amazon-ssm-agent ] && [ "$(readlink /proc/$AGENT/exe)" != /usr/local/bin/amazon-ssm-agent ] &&
	say "note: the host has its own /usr/local/bin/amazon-ssm-agent"

# ---- (c) credential files and environments, live --------------------------------
mkdir -p "$X/home/u/.aws"
printf '[default]\naws_access_key_id = AKIAE2ETESTBBBBWXYZ\naws_secret_access_key = %s\n' \
	"$SECRET" >"$X/home/u/.aws/credentials"
chown -R 1000:1000 "$X/home/u"
chmod 0600 "$X/home/u/.aws/credentials"
cp "$HELPERS/hold-open" "$X/cat"
bg reader "$X/cat" "$X/home/u/.aws/credentials"
wait_ready reader
READER=${READY[1]}
# the environment holder must run from a plain place: a checkout under /tmp
# would make it odd (and its finding high) for that reason alone
plain_dir || skip "no directory outside /tmp for the environment holder (run as root, or set E2E_PLAIN_BASE)"
cp "$HELPERS/sleeper" "$PLAIN/sleeper"
bg envp env AWS_ACCESS_KEY_ID=AKIAE2ETESTCCCCWXYZ AWS_SECRET_ACCESS_KEY="$ENVSECRET" \
	"$PLAIN/sleeper" -t 60
wait_ready envp
ENVP=${READY[1]}

# a harvesting command line (the arguments are only words to the sleeper)
bg sweep "$PLAIN/sleeper" -t 60 -- sh -c 'cat /proc/*/environ /home/*/.aws/credentials'
wait_ready sweep
SWEEP=${READY[1]}

rm_json "$T/live.json" --facts --cpu-window 0 --no-pid-probe
L=$T/live.json
for s in "$SECRET" "$ENVSECRET"; do
	grep -qF -- "$s" "$L" "$L.err" && fail "a secret is in the live output: $s"
done
expect_finding "$L" RM-CRED-003 "$THIEF" high
f_eq .destination.ip 169.254.169.254
f_eq .destination.port 80
f_eq .process.executable "$X/kworker-upd"
f_eq '.evidence.ancestors | length > 0' true
no_finding "$L" RM-CRED-003 "$THIEF_SRV"
no_finding "$L" RM-CRED-003 "$AGENT"
no_finding "$L" RM-CRED-003 "$AGENT_SRV"

expect_finding "$L" RM-CRED-004 "$READER" high
f_eq .file.path "$X/home/u/.aws/credentials"
f_eq .evidence.file_owner_uid 1000
f_eq .evidence.kind aws

expect_finding "$L" RM-CRED-002 "$ENVP" low
f_eq '.evidence.variables | sort | join(",")' 'AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY'
f_eq .evidence.aws_access_key_id 'AKIA...WXYZ'

expect_finding "$L" RM-CRED-005 "$SWEEP" high
f_eq .evidence.match '/proc/*/environ'
no_finding "$L" RM-CRED-005 "$ENVP"
finish
