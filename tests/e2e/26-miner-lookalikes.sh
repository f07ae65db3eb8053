#!/bin/bash
# Look-alikes of a miner that are not miners: none may get RM-MIN-001 (at
# any severity; the planted string at most medium), and the host must not
# get RM-MIN-003 (hidden CPU) or RM-MIN-002 while they run.  Each phase
# runs alone so each look-alike really has the CPU a miner would have:
#  1. a CI agent polling its job server over HTTP/JSON once a second on a
#     long-lived connection to 127.0.0.1:8080 (a pool port) and burning a
#     core (jsonchat -b); an idle process holding a planted stratum login
#     with a wallet and an XMRig agent in its heap, connected to the same
#     port (planted); as root, a "database" holding about 1.2 GiB of
#     explicit huge pages and a busy core (hugemem; vm.nr_hugepages is
#     raised for it and restored);
#  2. a parallel compile (make -j2) of a generated project whose files
#     keep cc1 busy for seconds each, one of them with a detector's
#     signature table (stratum fragments and miner strings, as in
#     rookmelder's own sources);
#  3. xz -9 -T0 on random data;
#  4. a signature scanner: miner strings as data in its binary (as
#     rookmelder's own fuzz targets, YARA rule sets, AV engines), one
#     busy core (sigscan);
#  5. openssl speed -multi 2;
#  6. a plain long-lived TLS client (openssl s_client, idle) connected to
#     a TLS server on 127.0.0.1:9000, a listed pool port, so it is looked
#     at (5 and 6 are skipped with a note if openssl is missing).
# The network parts run in a private namespace with only loopback.
# e2e-timeout: 120
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mine-lib.sh"
mine_need_ns
need_cmd make xz cc

# descendants (and themselves) of the given pids, from the facts
tree_of() {  # FILE PID...
	local f=$1
	shift
	jq -c --argjson roots "[$(echo "$@" | tr ' ' ',')]" '
		[.facts.processes[] | {pid, ppid}] as $ps
		| def grow($s): ($s + [$ps[] | select(.ppid as $p | $s | index($p)) | .pid] | unique) as $n
		      | if ($n | length) == ($s | length) then $s else grow($n) end;
		  grow($roots)' "$f"
}

# check_phase FILE LABEL PID...: no mining finding for these process trees
check_phase() {
	local f=$1 label=$2 set n
	shift 2
	set=$(tree_of "$f" "$@")
	say "$label: processes $(jq -c --argjson s "$set" '[.facts.processes[] | select(.pid as $p | $s | index($p)) | "\(.pid):\(.comm):\(.cpu_pct // "-")%"]' "$f")"
	say "$label: deep-inspected $(jq -c --argjson s "$set" '[.facts.processes[] | select((.pid as $p | $s | index($p)) and .deep != null) | {pid, comm, reasons: .deep.reasons, memory: .deep.memory, bytes: .deep.memory_bytes, stratum: .deep.stratum, strings: .deep.memory_strings.strings}]' "$f")"
	n=$(jq --argjson s "$set" '[.findings[] | select(.rule.id == "RM-MIN-001" and (.process.pid as $p | $s | index($p)))] | length' "$f")
	if [ "$n" != 0 ]; then
		jq -r --argjson s "$set" '.findings[] | select(.rule.id == "RM-MIN-001" and (.process.pid as $p | $s | index($p))) | "  \(.severity) \(.confidence) pid=\(.process.pid) \(.process.name): \(.evidence | tostring)"' "$f" >&2
		fail "$label: $n RM-MIN-001 finding(s) for a look-alike"
	fi
	check_host "$f" "$label"
}

# check_host FILE LABEL: no host-level mining finding
check_host() {
	local f=$1 label=$2 r n
	for r in RM-MIN-002 RM-MIN-003; do
		n=$(jq --arg r "$r" '[.findings[] | select(.rule.id == $r)] | length' "$f")
		[ "$n" = 0 ] || { dump_findings "$f" >&2; fail "$label: $r fired: $(jq -c --arg r "$r" '[.findings[] | select(.rule.id == $r)][0].evidence' "$f")"; }
	done
	say "$label: host cpu tasks $(jq .facts.host.cpu_task_pct "$f")%, visible processes $(jq .facts.host.cpu_procs_pct "$f")%"
}

# ---- phase 1: HTTP/JSON on 8080, a planted string, a huge-page database ----
bg srv "${MINE_NEWNS[@]}" sh -c 'ip link set lo up && exec "$0" -l 8080 -t 90' "$HELPERS/jsonchat"
wait_ready srv
SRV=$BG_PID
mine_enter "$SRV"
bg cli "${MINE_NICE[@]}" "${MINE_ENTER[@]}" "$HELPERS/jsonchat" -c 8080 -b -t 90
CLI=$BG_PID
bg plant "${MINE_ENTER[@]}" "$HELPERS/planted" -c 127.0.0.1:8080 -t 90
PLANT=$BG_PID
wait_ready cli
wait_ready plant
PW=${READY[2]}

HUGE=
if [ "$MYUID" -eq 0 ] && [ -w /proc/sys/vm/nr_hugepages ]; then
	h0=$(cat /proc/sys/vm/nr_hugepages)
	mine_restore "echo $h0 >/proc/sys/vm/nr_hugepages; say \"restored vm.nr_hugepages to \$(cat /proc/sys/vm/nr_hugepages) (was $h0)\""
	avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
	want=600    # 1.2 GiB of 2 MiB pages: what RandomX holds, and >= 1 GiB
	[ "$avail" -gt 4096 ] || want=32
	echo $((h0 + want)) >/proc/sys/vm/nr_hugepages
	free=$(awk '/^HugePages_Free:/ { print $2 }' /proc/meminfo)
	[ "$free" -gt "$want" ] && free=$want
	if [ "$free" -ge 32 ]; then
		bg huge "${MINE_NICE[@]}" "$HELPERS/hugemem" -m $((free * 2)) -b -t 90
		HUGE=$BG_PID
		wait_ready huge 30
		say "hugemem holds $(awk '/^HugetlbPages:/ { print $2, $3 }' /proc/$HUGE/status) of huge pages"
	else
		say "note: only $free huge pages could be reserved: the database part was not run"
	fi
else
	say "note: not root: no huge pages can be reserved, the database part was not run"
fi
sleep 1
rm_json "$T/p1.json" --cpu-window 1 --facts
for p in $CLI $PLANT $HUGE; do alive "$p" "pid $p"; done
check_phase "$T/p1.json" "http-json client" "$CLI"
# it was looked at, memory and all, and nothing in it is stratum
D=$(fact_of "$T/p1.json" "$CLI" | jq -c .deep)
jq -e '.reasons | index("pool_port") != null' <<<"$D" >/dev/null ||
	fail "the client on 8080 was not a deep-inspection candidate: $D"
jq -e '.memory_bytes > 0 and (.stratum | length) == 0' <<<"$D" >/dev/null ||
	fail "the HTTP/JSON client's memory: $(jq -c '{memory, memory_bytes, stratum}' <<<"$D")"
if [ -n "$HUGE" ]; then
	check_phase "$T/p1.json" "huge-page database" "$HUGE"
	fact_of "$T/p1.json" "$HUGE" | jq -e '.hugetlb_kb >= 65536' >/dev/null ||
		fail "facts do not show hugemem's huge pages: $(fact_of "$T/p1.json" "$HUGE" | jq -c '{hugetlb_kb, deep}')"
fi

# the planted string: at most medium, whatever it holds
say "planted: $(jq -c --argjson p "$PLANT" '[.findings[] | select(.process.pid == $p) | {rule: .rule.id, severity, confidence, evidence}]' "$T/p1.json")"
sev=$(_findings_for "$T/p1.json" RM-MIN-001 "$PLANT" | jq -r '.[0].severity // "none"')
case $sev in
none|info|low|medium) ;;
*)	fail "an idle process with a planted stratum login string (no CPU, an idle connection to :8080) gets a $sev RM-MIN-001: $(_findings_for "$T/p1.json" RM-MIN-001 "$PLANT" | jq -c '.[0].evidence')" ;;
esac
for p in $CLI $PLANT $HUGE; do mine_kill_tree "$p"; done

# ---- phase 2: a parallel compile ------------------------------------------
# A generated project of four files, each a couple of seconds of work for
# cc1 at -O2 (so a one-second CPU window sees the compilers); the first
# also carries a detector's signature table - the stratum fragments and
# miner strings rookmelder's own mine_parse.c and rules/ hold - as
# compiling any security tool on a build server does.
P2=$T/proj
mkdir -p "$P2"
for k in 0 1 2 3; do
	{
		if [ $k = 0 ]; then
			cat <<'EOF'
static const char *const signatures[] = {
	"\"method\":\"login\"", "\"method\":\"submit\"", "\"method\":\"job\"",
	"\"blob\":\"", "\"job_id\":\"", "\"target\":\"", "\"seed_hash\":\"",
	"\"agent\":\"", "\"login\":\"", "mining.subscribe", "mining.authorize",
	"mining.notify", "mining.submit", "stratum+tcp://", "XMRig/",
	"donate.v2.xmrig.com", "\"donate-level\"",
};
const char *signature(unsigned i);
const char *signature(unsigned i) { return signatures[i % 17]; }
EOF
		fi
		echo "unsigned long f$k(unsigned long x, const char *s);"
		echo "unsigned long f$k(unsigned long x, const char *s)"
		echo "{"
		echo "	unsigned long a = x, b = x ^ 0x9e3779b97f4a7c15ul, c = 7;"
		awk -v k=$k 'BEGIN { for (i = 0; i < 1100; i++)
			printf "\tif ((a ^ %dul) & (1ul << %d)) { a = a * %dul + b; b ^= a >> %d; c += s[%d]; } else { b = b * %dul + c; a ^= b << %d; }\n",
			    (i * 7919 + k) % 1000003, i % 63, i + 3, i % 13 + 1, i % 16, i + 5, i % 7 + 1 }'
		echo "	return a ^ b ^ c;"
		echo "}"
	} >"$P2/part$k.c"
done
printf 'all: part0.o part1.o part2.o part3.o\n%%.o: %%.c\n\t$(CC) -O2 -c $< -o $@\n' >"$P2/Makefile"
bg make "${MINE_NICE[@]}" make -s -C "$P2" -j2
MK=$BG_PID
sleep 0.8
for i in 1 2; do
	rm_json "$T/c$i.json" --cpu-window 1 --facts
	check_phase "$T/c$i.json" "make -j2 (scan $i)" "$MK"
done
mine_kill_tree "$MK"

# ---- phase 3: xz ---------------------------------------------------------------
head -c 16M /dev/urandom >"$T/random.bin"
bg xz "${MINE_NICE[@]}" xz -9 -T0 -c "$T/random.bin"
XZ=$BG_PID
sleep 0.5
rm_json "$T/x.json" --cpu-window 1 --facts
alive "$XZ" xz
check_phase "$T/x.json" "xz -9 -T0" "$XZ"
mine_kill_tree "$XZ"
rm -f "$T/random.bin"

# ---- phase 4: a scanner carrying miner signatures --------------------------
bg sig "${MINE_NICE[@]}" "$HELPERS/sigscan" -t 60
SIG=$BG_PID
wait_ready sig
sleep 0.5
rm_json "$T/g.json" --cpu-window 1 --facts
alive "$SIG" sig
# it names four miner programs: a catalogue, whose strings are data
n=$(_findings_for "$T/g.json" RM-MIN-001 "$SIG" | jq length)
[ "$n" = 0 ] || fail "a busy signature scanner gets RM-MIN-001: $(_findings_for "$T/g.json" RM-MIN-001 "$SIG" | jq -c '.[0] | {severity, confidence, evidence}')"
D=$(fact_of "$T/g.json" "$SIG" | jq -c .deep)
if [ "$D" != null ]; then
	jq -e '.exe_signature_table == true' <<<"$D" >/dev/null ||
		fail "the signature scanner's binary is not taken for a catalogue: $D"
fi
say "signature scanner: $(fact_of "$T/g.json" "$SIG" | jq -c '{cpu_pct, deep: (.deep | if . then {reasons, exe_strings} else null end)}')"
check_host "$T/g.json" "signature scanner"
mine_kill_tree "$SIG"

# ---- phase 5: openssl speed ------------------------------------------------
if command -v openssl >/dev/null; then
	bg ossl "${MINE_NICE[@]}" openssl speed -multi 2 -seconds 30 sha256
	OS=$BG_PID
	sleep 1
	rm_json "$T/o.json" --cpu-window 1 --facts
	check_phase "$T/o.json" "openssl speed -multi 2" "$OS"
	mine_kill_tree "$OS"
else
	say "note: no openssl here: openssl speed was not run"
fi

# ---- phase 6: a plain long-lived TLS client -----------------------------------
if command -v openssl >/dev/null; then
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/tls.key" \
		-out "$T/tls.crt" -days 1 -subj /CN=localhost >/dev/null 2>&1 ||
		fail "openssl req could not make a test certificate"
	# both read a FIFO this shell holds open: no EOF on stdin, which
	# would end them
	mkfifo "$T/tls.in" || fail "mkfifo"
	exec 8<>"$T/tls.in"
	bg tlssrv "${MINE_NEWNS[@]}" sh -c 'ip link set lo up && exec openssl s_server -quiet -accept 127.0.0.1:9000 -cert "$0" -key "$1" <"$2"' \
		"$T/tls.crt" "$T/tls.key" "$T/tls.in"
	TSRV=$BG_PID
	sleep 0.5
	mine_enter "$TSRV"
	bg tlscli "${MINE_ENTER[@]}" sh -c 'exec openssl s_client -quiet -connect 127.0.0.1:9000 <"$0"' "$T/tls.in"
	TCLI=$BG_PID
	for i in $(seq 1 50); do
		ls -l "/proc/$TCLI/fd" 2>/dev/null | grep -q socket && break
		sleep 0.1
	done
	sleep 1
	rm_json "$T/t.json" --cpu-window 1 --facts
	alive "$TCLI" "TLS client"
	check_phase "$T/t.json" "TLS client on :9000" "$TCLI"
	# it was looked at (a pool port) and nothing in it is a miner's
	D=$(fact_of "$T/t.json" "$TCLI" | jq -c .deep)
	jq -e '.reasons | index("pool_port") != null' <<<"$D" >/dev/null ||
		fail "the TLS client on 9000 was not a deep-inspection candidate: $D"
	mine_kill_tree "$TCLI"
	mine_kill_tree "$TSRV"
	exec 8>&-
else
	say "note: no openssl here: the TLS client was not run"
fi
finish
