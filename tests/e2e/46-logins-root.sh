#!/bin/bash
# Login records in a disk image (--root; unprivileged is fine): wtmp
# written record by record with the x86-64 glibc layout (a boot, an SSH
# session and its logout, a corrupt record, a short final record) and an
# auth.log with sshd's and sudo's lines (a failed password, the key that
# got in, an invalid user, a sudo command), all of December in a file last
# written in January (the year rule).  The facts: every event once, in
# time order, with its source and file; the accepted key's fingerprint is
# the one rookmelder computes for the authorized_keys line; a rotated log
# that is a link out of the image is not read; the image has no finding
# at medium or above; a missing log is not noted, one that is not a file
# is.
. "$(dirname "$0")/lib.sh"
need_cmd jq "$PY"

K1=AAAAC3NzaC1lZDI1NTE5AAAAIMs56zHlK6MdnWptnFMjvLg5zDeO8BJlS9lJv9xJ/tSH
FP1=SHA256:4fScmOar4GLDeXbSV9R3O286bqcq/DHCaDZy+w7iKRs

R=$T/img
mkdir -p "$R/etc" "$R/root/.ssh" "$R/var/log" "$T/outside"
printf 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n' >"$R/etc/passwd"
printf 'root:x:0:\nutmp:x:43:\nalice:x:1000:\n' >"$R/etc/group"
chmod 0700 "$R/root/.ssh"
printf 'ssh-ed25519 %s admin@laptop\n' "$K1" >"$R/root/.ssh/authorized_keys"
chmod 0600 "$R/root/.ssh/authorized_keys"

# the wtmp records carry their own UTC times (T0 = 2026-12-31T10:00:00Z)
"$PY" - "$R/var/log/wtmp" <<'PY' || fail "cannot write wtmp"
import socket, struct, sys
def rec(t, pid, line, user, host, sec, usec, addr=b"\0" * 16):
    b = struct.pack("<ii32s4s32s256shhiii16s20s", t, pid, line, b"ts/0",
                    user, host, 0, 0, 0, sec, usec, addr, b"")
    assert len(b) == 384
    return b
T0 = 1798711200
with open(sys.argv[1], "wb") as f:
    f.write(rec(2, 0, b"~", b"reboot", b"6.1.0-18-amd64", T0 - 3600, 0))
    f.write(rec(7, 4242, b"pts/0", b"root", b"203.0.113.5", T0 + 2, 250000,
                socket.inet_pton(socket.AF_INET, "203.0.113.5") + b"\0" * 12))
    f.write(rec(99, -1, b"x", b"y", b"z", -5, 0))           # corrupt
    f.write(rec(8, 4242, b"pts/0", b"", b"", T0 + 900, 0))
    f.write(b"\x07\0\0\0" * 10)                              # cut short
PY
{
	echo "Dec 31 09:59:58 web1 sshd[4240]: Failed password for root from 203.0.113.5 port 52143 ssh2"
	echo "Dec 31 10:00:01 web1 sshd[4240]: Accepted publickey for root from 203.0.113.5 port 52144 ssh2: ED25519 $FP1"
	echo "Dec 31 10:00:01 web1 sshd[4240]: pam_unix(sshd:session): session opened for user root(uid=0) by (uid=0)"
	echo "Dec 31 10:05:00 web1 sudo:     root : TTY=pts/0 ; PWD=/root ; USER=alice ; COMMAND=/usr/bin/crontab -l"
	echo "Dec 31 10:07:00 web1 sshd[5001]: Invalid user oracle from 2001:db8::7 port 40022"
	echo "Dec 31 10:07:01 web1 sshd[5001]: Failed password for invalid user oracle from 2001:db8::7 port 40022 ssh2"
	echo "Dec 31 10:15:00 web1 sshd[4240]: Disconnected from user root 203.0.113.5 port 52144"
	echo "this line has no time stamp"
} >"$R/var/log/auth.log"
echo "Dec 31 10:00:00 web1 sshd[1]: Accepted password for outsider from 192.0.2.66 port 1 ssh2" >"$T/outside/auth.log"
ln -s "../../../../../../../..$T/outside/auth.log" "$R/var/log/auth.log.1"
chmod 0664 "$R/var/log/wtmp"
touch -d '2027-01-05T10:00:00Z' "$R/var/log/wtmp" "$R/var/log/auth.log"

rm_json "$T/out.json" --root "$R" --facts
grep -q outsider "$T/out.json" && fail "a log outside the image was read"
jq_true "$T/out.json" '.facts.logins_read == true and .facts.logins_capped == false' \
	"logins_read/capped: $(jq -c '[.facts.logins_read, .facts.logins_capped]' "$T/out.json")"
got=$(jq -c '[.facts.logins[] | [.kind, .source, (.user // "-"), .time]]' "$T/out.json")
want='[["boot","wtmp","-","2026-12-31T09:00:00.000Z"],["failed","authlog","root","2026-12-31T09:59:58.000Z"],["accepted","authlog","root","2026-12-31T10:00:01.000Z"],["session","wtmp","root","2026-12-31T10:00:02.250Z"],["sudo","authlog","root","2026-12-31T10:05:00.000Z"],["failed","authlog","oracle","2026-12-31T10:07:00.000Z"],["failed","authlog","oracle","2026-12-31T10:07:01.000Z"],["logout","wtmp","-","2026-12-31T10:15:00.000Z"],["logout","authlog","root","2026-12-31T10:15:00.000Z"]]'
[ "$got" = "$want" ] || fail "the timeline is
  $got
expected
  $want"
jq_true "$T/out.json" '.scan.parse_errors >= 3' "scan.parse_errors: $(jq .scan.parse_errors "$T/out.json")"

ev() {  # KIND SOURCE: the first such event into E
	E=$(jq -c --arg k "$1" --arg s "$2" '[.facts.logins[] | select(.kind == $k and .source == $s)][0]' "$T/out.json")
	[ "$E" != null ] || fail "no $1 event from $2"
}
e_eq() {  # JQPATH VALUE
	local v
	v=$(jq -r "$1" <<<"$E")
	[ "$v" = "$2" ] || fail "$1 is $v, expected $2 in $E"
}
ev accepted authlog
e_eq .method publickey
e_eq .from 203.0.113.5
e_eq .port 52144
e_eq .pid 4240
e_eq .file /var/log/auth.log
e_eq .time_zone assumed_utc
e_eq .epoch 1798711201
# the key that got in is the authorized_keys line rookmelder fingerprints
e_eq .key_fingerprint "$FP1"
jq_true --arg fp "$FP1" "$T/out.json" '[.facts.ssh_keys[] | select(.fingerprint == $fp and .path == "/root/.ssh/authorized_keys")] | length == 1' \
	"the authorized key's fingerprint is not $FP1"
ev session wtmp
e_eq .line pts/0
e_eq .from 203.0.113.5
e_eq .pid 4242
e_eq .usec 250000
e_eq .time_zone utc
e_eq .file /var/log/wtmp
ev boot wtmp
e_eq .detail 6.1.0-18-amd64
ev sudo authlog
e_eq .target_user alice
e_eq .line pts/0
e_eq .detail "/usr/bin/crontab -l"
ev failed authlog
e_eq .invalid_user null
jq_true "$T/out.json" '[.facts.logins[] | select(.user == "oracle")] | all(.invalid_user == true and .from == "2001:db8::7")' \
	"the invalid user's events: $(jq -c '[.facts.logins[] | select(.user == "oracle")]' "$T/out.json")"
jq_true "$T/out.json" '[.findings[] | select(.severity != "info" and .severity != "low")] | length == 0' \
	"the image has findings: $(dump_findings "$T/out.json")"

# without the logs: nothing read, nothing noted
rm -f "$R/var/log/wtmp" "$R/var/log/auth.log" "$R/var/log/auth.log.1"
rm_json "$T/none.json" --root "$R" --facts
jq_true "$T/none.json" '.facts.logins == [] and .facts.logins_read == false' \
	"logins without logs: $(jq -c '.facts.logins' "$T/none.json")"
jq_true "$T/none.json" '[.scan.skipped[] | select(.check | startswith("/var/log/"))] | length == 0' \
	"a missing log was noted: $(jq -c .scan.skipped "$T/none.json")"
# a log that is not a file is noted
mkdir "$R/var/log/auth.log"
rm_json "$T/dir.json" --root "$R" --facts
jq_true "$T/dir.json" '[.scan.skipped[] | select(.check == "/var/log/auth.log")] | length == 1' \
	"a log that is not a file was not noted: $(jq -c .scan.skipped "$T/dir.json")"
finish
