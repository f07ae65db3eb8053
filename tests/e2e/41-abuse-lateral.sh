#!/bin/bash
# RM-LAT-001, RM-ABU-001 and RM-ABU-002 against real processes inside a
# network namespace of the test's own, where 10.77.0.1-50 and 10.77.1.1-20
# live on lo and one listener holds :22 and :25 on all of them (nothing
# leaves the namespace):
#   - a process connected to 50 hosts on :22 -> RM-LAT-001 high, hosts 50
#   - a process connected to 20 hosts on :25 -> RM-ABU-001 high, 20 hosts
#   - a copy of the helper in /tmp holding a raw IPv4 and an
#     AF_PACKET socket -> RM-ABU-002 high, listed in facts.raw_sockets
#   - six unattended ssh clients (stand-ins) of one parent with a key from
#     another home -> one RM-LAT-002 high; a shell loop over known_hosts
#     (a command line only) -> RM-LAT-002 high
# Negatives: the listener (70 inbound connections on :22/:25), an
# "admin" single connection to :22, and (as root) the same SMTP fan-out
# from /usr/sbin/exim4 (a tmpfs over /usr/sbin in a private mount
# namespace) are not reported.  Unprivileged, the namespace is a user
# namespace's and the raw socket part is skipped if not permitted.
. "$(dirname "$0")/lib.sh"
need_cmd unshare ip seq

if [ "$MYUID" -eq 0 ]; then
	NSCMD=(unshare -n)
else
	unshare -rn true 2>/dev/null || skip "needs root or unprivileged user namespaces (unshare -rn)"
	NSCMD=(unshare -rn)
fi
FO=$HELPERS/fanout
# the fan-out processes must run from a plain place (a checkout under /tmp
# would make them odd for that reason alone): copy the helper there
if ! path_is_plain "$FO"; then
	plain_dir || skip "the build directory $FO is under a writable directory and there is no plain one for the fan-out processes (run as root, or set E2E_PLAIN_BASE)"
	cp "$FO" "$PLAIN/fanout"
	FO=$PLAIN/fanout
fi
# the raw-socket holder runs from /tmp, whatever TMPDIR says
RB=$(mktemp -d /tmp/rm-e2e-41.XXXXXX) || fail "cannot create a directory in /tmp"
track_path "$RB"
cp "$FO" "$RB/rawbot"
cp "$HELPERS/sleeper" "$RB/ssh"
SLEEPER=$HELPERS/sleeper
SSH_HOSTS=$(seq -f 10.77.0.%g 1 50 | tr '\n' ' ')
SMTP_HOSTS=$(seq -f 10.77.1.%g 1 20 | tr '\n' ' ')
MTA=0
[ "$MYUID" -eq 0 ] && unshare -m true 2>/dev/null && MTA=1

cat >"$T/ns.sh" <<EOS
set -e
ip link set lo up
for h in $SSH_HOSTS $SMTP_HOSTS; do ip addr add \$h/32 dev lo; done
"$FO" listen 22 25 >"$T/lis.out" 2>"$T/lis.err" &
for i in \$(seq 1 100); do grep -q ^ready "$T/lis.out" && break; sleep 0.05; done
"$FO" connect 22 $SSH_HOSTS >"$T/ssh.out" 2>"$T/ssh.err" &
"$FO" connect 25 $SMTP_HOSTS >"$T/smtp.out" 2>"$T/smtp.err" &
"$FO" connect 22 10.77.0.1 >"$T/admin.out" 2>"$T/admin.err" &
"$RB/rawbot" raw >"$T/raw.out" 2>"$T/raw.err" &
# RM-LAT-002: a spreading loop's six ssh clients (stand-ins named ssh
# that only sleep), and a shell loop over known_hosts (its command line
# only: the process is a sleeper)
for i in 1 2 3 4 5 6; do
	"$RB/ssh" -t 120 -- -oStrictHostKeyChecking=no -oBatchMode=yes -oConnectTimeout=5 \
	    -i /home/rm-e2e-41-nobody/.ssh/id_rsa root@10.77.0.\$i id >"$T/ssh\$i.out" 2>&1 &
done
"$SLEEPER" -t 120 -- sh -c 'for h in \$(cat /root/.ssh/known_hosts); do ssh -oStrictHostKeyChecking=no \$h; done' \
    >"$T/loop.out" 2>&1 &
if [ $MTA = 1 ]; then
	unshare -m --propagation private sh -c 'mount -t tmpfs rm-e2e /usr/sbin &&
	    cp "$FO" /usr/sbin/exim4 && exec /usr/sbin/exim4 connect 25 $SMTP_HOSTS' \
	    >"$T/mta.out" 2>"$T/mta.err" &
fi
echo ready \$\$
wait
EOS
# the parent of the ssh stand-ins: the namespace's shell
bg net "${NSCMD[@]}" bash "$T/ns.sh"
BG_PID_NET=$BG_PID
wait_ready net
for n in lis ssh smtp admin; do wait_ready $n; done
LIS=$(cut -d' ' -f2 "$T/lis.out") SSH=$(cut -d' ' -f2 "$T/ssh.out")
SMTP=$(cut -d' ' -f2 "$T/smtp.out") ADMIN=$(cut -d' ' -f2 "$T/admin.out")
[ "$(cut -d' ' -f3 "$T/ssh.out")" = 50 ] || fail "the ssh fan-out connected to $(cut -d' ' -f3 "$T/ssh.out") of 50 hosts: $(head -3 "$T/ssh.err")"
[ "$(cut -d' ' -f3 "$T/smtp.out")" = 20 ] || fail "the smtp fan-out connected to $(cut -d' ' -f3 "$T/smtp.out") of 20 hosts"
RAW=
for i in $(seq 1 40); do grep -q ^ready "$T/raw.out" 2>/dev/null && break; sleep 0.05; done
if grep -q ^ready "$T/raw.out" 2>/dev/null; then
	RAW=$(cut -d' ' -f2 "$T/raw.out")
else
	say "note: no raw socket ($(head -1 "$T/raw.err" 2>/dev/null)): RM-ABU-002 not checked"
fi
MTAPID=
if [ $MTA = 1 ]; then
	wait_ready mta
	MTAPID=$(cut -d' ' -f2 "$T/mta.out")
	[ "$(readlink /proc/$MTAPID/exe)" = /usr/sbin/exim4 ] || fail "the MTA stand-in runs $(readlink /proc/$MTAPID/exe)"
fi

NETSH=$(pgrep -P "$BG_PID_NET" -x bash 2>/dev/null | head -1)
[ -n "$NETSH" ] || NETSH=$BG_PID_NET
SSHP=() LOOP=
for i in $(seq 1 100); do
	mapfile -t SSHP < <(pgrep -P "$NETSH" -x ssh | sort -n)
	LOOP=$(pgrep -P "$NETSH" -x sleeper | head -1)
	[ ${#SSHP[@]} -eq 6 ] && [ -n "$LOOP" ] && break
	sleep 0.05
done
[ ${#SSHP[@]} -eq 6 ] || fail "expected 6 ssh stand-ins under pid $NETSH, found ${#SSHP[@]}"

rm_json "$T/s.json" --facts --cpu-window 0 --no-pid-probe
S=$T/s.json

expect_finding "$S" RM-LAT-001 "$SSH" high
f_eq .evidence.hosts 50
f_eq .evidence.connections 50
f_eq '.evidence.ports | join(",")' 22
f_eq '.evidence.destinations[0]' 10.77.0.1:22
f_eq '.evidence.destinations | length' 8
f_eq .rule.category lateral-movement
f_eq .destination.port 22

expect_finding "$S" RM-ABU-001 "$SMTP" high
f_eq .evidence.smtp_hosts 20
f_eq .evidence.smtp_connections 20
f_eq '.evidence.destinations[0]' 10.77.1.1:25
f_eq .rule.category abuse

no_finding "$S" RM-ABU-001 "$SSH"
no_finding "$S" RM-LAT-001 "$SMTP"
for r in RM-LAT-001 RM-ABU-001 RM-ABU-003 RM-LAT-002; do
	no_finding "$S" $r "$LIS"
	no_finding "$S" $r "$ADMIN"
done
if [ -n "$MTAPID" ]; then
	no_finding "$S" RM-ABU-001 "$MTAPID"
	say "the same SMTP fan-out from /usr/sbin/exim4 is not reported"
fi

# six unattended ssh clients of one parent with a foreign key: one
# finding, by the lowest pid, high
expect_finding "$S" RM-LAT-002 "${SSHP[0]}" high
f_eq .evidence.sibling_ssh_clients 6
f_eq .evidence.strict_host_key_checking_off true
f_eq .evidence.batch_mode true
f_eq .evidence.identity_file /home/rm-e2e-41-nobody/.ssh/id_rsa
for p in "${SSHP[@]:1}"; do no_finding "$S" RM-LAT-002 "$p"; done
expect_finding "$S" RM-LAT-002 "$LOOP" high
f_eq .evidence.host_list known_hosts

if [ -n "$RAW" ]; then
	expect_finding "$S" RM-ABU-002 "$RAW" high
	f_eq .evidence.raw_sockets 1
	f_eq .evidence.packet_sockets 1
	f_eq .evidence.packet_all_protocols 1
	f_eq .evidence.executable_location "world-writable directory"
	jq_true --argjson p "$RAW" "$S" '[.facts.raw_sockets[] | select(.owners | index($p))] |
	    (map(.family) | sort) == ["inet", "packet"]' "facts.raw_sockets does not list pid $RAW's two sockets"
	jq_true --argjson p "$RAW" "$S" '[.facts.raw_sockets[] | select((.owners | index($p)) and .family == "packet")][0] |
	    .protocol == "all" and .type == "raw"' "pid $RAW's packet socket is not raw/all"
	NS=$(stat -Lc %i /proc/$RAW/ns/net)
	jq_true --argjson ns "$NS" "$S" '[.facts.netns[] | select(.inode == $ns)][0].raw_sockets == 2' \
		"facts.netns does not count 2 raw sockets in the test's namespace"
fi
# none of the five rules says anything else at medium or above about the
# test's processes
for p in "$LIS" "$ADMIN" ${MTAPID:+"$MTAPID"}; do
	jq_true --argjson p "$p" "$S" '[.findings[] | select(.process.pid == $p and
	    (.rule.id | test("^RM-(ABU|LAT)-")))] | length == 0' "a finding for pid $p"
done
finish
