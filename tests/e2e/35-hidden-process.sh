#!/bin/bash
# Rootkits, live (RM-EVA-001 hooks, RM-ROOT-002, RM-EVA-003 cross-check).
#
# A small userland rootkit of our own (tests/helpers/lib/hideproc.c: it
# replaces readdir/readdir64 and drops processes named rm-hidden-test*
# from /proc listings) is put in /etc/ld.so.preload of a private mount
# namespace only (an overlay on /etc, writes land in the test's temp dir).
# Inside that namespace dynamically linked ps and ls no longer show the
# sleeper named rm-hidden-test (the hook works), yet both rookmelder
# builds list it (raw getdents64) and report RM-EVA-001 critical with
# readdir among the library's hooks and the library's SHA-256.
#
# An empty directory mounted over /proc/PID of a second sleeper (same
# namespace) is RM-EVA-003; the pid probe finds that process alive and
# the finding says so, while RM-ROOT-002 stays silent about it (no double
# report).  A process with threads is no hidden process either: thread ids
# answer kill() but are never listed in /proc.  A real kernel rootkit
# (getdents64 filtered in the kernel) cannot be reproduced here without
# loading a module: the RM-ROOT-002 logic is unit-tested with an injected
# listing (tests/unit/test_rootkit.c).  A do-nothing kprobe program named
# hide_getdents (loaded, not attached) is RM-ROOT-004; an innocent socket
# filter is not.  The same library in a disk image
# (--root) is read inside the image.  In a pid namespace the probe says
# it covers only that namespace (or, with the host's /proc, is skipped).  The namespace part needs root.
. "$(dirname "$0")/lib.sh"
need_cmd sha256sum
LIB=$HELPERS/libhideproc.so
[ -f "$LIB" ] || fail "no $LIB (make helpers)"
SUM=$(sha256sum "$LIB" | cut -d' ' -f1)

# A disk image (--root, no privilege needed): the library is read inside
# the image, through a link that would leave it if taken on the host.
R=$T/image
mkdir -p "$R/etc" "$R/usr/lib/x86_64-linux-gnu" "$R/opt"
cp "$LIB" "$R/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"
ln -s /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 "$R/opt/libz.so"
ln -s /etc/passwd "$R/opt/escape.so"
printf '/opt/libz.so\n/opt/escape.so\n' >"$R/etc/ld.so.preload"
rm_json "$T/image.json" --root "$R"
n=$(jq '[.findings[] | select(.rule.id == "RM-EVA-001")] | length' "$T/image.json")
[ "$n" = 1 ] || { dump_findings "$T/image.json" >&2; fail "image: $n RM-EVA-001 findings"; }
F=$(jq -c '[.findings[] | select(.rule.id == "RM-EVA-001")][0]' "$T/image.json")
F_WHAT="image RM-EVA-001"
f_eq .severity critical
f_eq '.evidence.hiding_hooks | index("readdir64") != null' true
f_eq '.evidence.library_sha256[0]' "$SUM  /opt/libz.so"
# /opt/escape.so -> /etc/passwd is the image's (absent) passwd, not ours
f_eq '.evidence.unreadable_libraries[0] | startswith("/opt/escape.so: ")' true
say "image: $(jq -c '.evidence | {hooks, unreadable_libraries}' <<<"$F")"

need_root "mount namespaces"
need_cmd unshare mount ps

bg hide "$HELPERS/sleeper" -n rm-hidden-test -t 90
P_HIDE=$BG_PID
wait_ready hide
bg mnt "$HELPERS/sleeper" -n rm-mounted-over -t 90
P_MNT=$BG_PID
wait_ready mnt
bg thr "$HELPERS/threads" 4 90
P_THR=$BG_PID
wait_ready thr
TIDS=("${READY[@]:2}")
[ ${#TIDS[@]} -eq 4 ] || fail "threads helper: ${READY[*]}"
# an eBPF rootkit's program stand-in (loaded, attached to nothing), and
# an innocent socket filter
bg bpfhide "$HELPERS/bpfload" kprobe hide_getdents 90
wait_ready bpfhide
BPF_HIDE=${READY[2]}
bg bpfok "$HELPERS/bpfload" socket_filter rm_e2e_filter 90
wait_ready bpfok
BPF_OK=${READY[2]}

mkdir -p "$T/up" "$T/work" "$T/empty"
chmod 0555 "$T/empty"
have_static=1
[ -x "$RM_STATIC" ] || have_static=0

cat >"$T/inner.sh" <<'INNER'
set -u
T=$1 LIB=$2 P_HIDE=$3 P_MNT=$4 RM=$5 RM_STATIC=$6
if ! mount -t overlay overlay -o "lowerdir=/etc,upperdir=$T/up,workdir=$T/work" /etc 2>"$T/overlay.err"; then
	cp -a /etc "$T/etc-copy" && mount --bind "$T/etc-copy" /etc || exit 90
fi
printf '%s\n' "$LIB" >/etc/ld.so.preload || exit 91
mount --bind "$T/empty" "/proc/$P_MNT" || exit 92
# the hook works: dynamically linked tools lose the process
ps -e -o pid= >"$T/ps.out" 2>&1
ls /proc >"$T/ls.out" 2>&1
grep -c libhideproc "/proc/self/maps" >"$T/maps.out" 2>&1
/bin/sh -c 'grep -c libhideproc /proc/$$/maps' >"$T/shmaps.out" 2>&1
"$RM" scan --format json --facts --cpu-window 0 >"$T/dyn.json" 2>"$T/dyn.json.err"
echo $? >"$T/dyn.json.rc"
if [ -x "$RM_STATIC" ]; then
	"$RM_STATIC" scan --format json --facts --cpu-window 0 >"$T/static.json" 2>"$T/static.json.err"
	echo $? >"$T/static.json.rc"
fi
exit 0
INNER
unshare -m --propagation private bash "$T/inner.sh" "$T" "$LIB" "$P_HIDE" "$P_MNT" "$RM" "${RM_STATIC:-/nonexistent}" ||
	fail "namespace setup failed ($?): $(cat "$T/overlay.err" 2>/dev/null)"

# the mounts never reached the host
[ -e /etc/ld.so.preload ] && grep -q libhideproc /etc/ld.so.preload && fail "the host's /etc/ld.so.preload was written"
[ -r "/proc/$P_MNT/stat" ] || fail "/proc/$P_MNT is hidden outside the test's namespace"

# the rootkit works on dynamically linked programs
[ "$(cat "$T/shmaps.out")" -ge 1 ] 2>/dev/null || fail "sh in the namespace did not load the library: $(cat "$T/shmaps.out")"
grep -qw "$P_HIDE" "$T/ps.out" && fail "ps in the namespace still shows $P_HIDE: the hook does not work"
grep -qx "$P_HIDE" "$T/ls.out" && fail "ls /proc in the namespace still shows $P_HIDE"
grep -qw "$P_THR" "$T/ps.out" || fail "ps in the namespace lost an ordinary process ($P_THR)"
say "inside the namespace ps and ls /proc no longer show pid $P_HIDE"

check_scan() {  # FILE WHAT
	local out=$1 what=$2 rc
	rc=$(cat "$out.rc" 2>/dev/null)
	case $rc in 0|1) ;; *) head -20 "$out.err" >&2; fail "$what scan exited ${rc:-?}" ;; esac
	_sanitizer_check "$out.err"
	validate "$out"
	# the raw getdents64 walk is not fooled
	jq_true --argjson p "$P_HIDE" "$out" \
	    '[.facts.processes[] | select(.pid == $p and .comm == "rm-hidden-test")] | length == 1' \
	    "$what: the hidden sleeper $P_HIDE is not in the facts"
	n=$(jq '[.findings[] | select(.rule.id == "RM-EVA-001")] | length' "$out")
	[ "$n" = 1 ] || { dump_findings "$out" >&2; fail "$what: $n RM-EVA-001 findings, expected 1"; }
	F=$(jq -c '[.findings[] | select(.rule.id == "RM-EVA-001")][0]' "$out")
	F_WHAT="$what RM-EVA-001"
	f_eq .severity critical
	f_eq .confidence high
	f_eq .rule.category rootkit
	f_eq '.evidence.hooks | index("readdir") != null' true
	f_eq '.evidence.hooks | index("readdir64") != null' true
	f_eq '.evidence.hiding_hooks | index("readdir") != null' true
	f_eq '.evidence.library_sha256[0]' "$SUM  $LIB"
	f_eq '.evidence.libraries[0]' "$LIB"
	case $(jq -r .message <<<"$F") in
	*"replaces readdir"*) ;;
	*) fail "$what RM-EVA-001 message does not name the hook: $(jq -r .message <<<"$F")" ;;
	esac
	jq_true --arg l "$LIB" "$out" \
	    '[.facts.preload_libraries[] | select(.path == $l and .elf and (.hooks | index("readdir64") != null))] | length == 1' \
	    "$what: the library's facts lack its hooks"
	# the mount over /proc/PID: RM-EVA-003 knows the process is alive ...
	n=$(jq --argjson p "$P_MNT" '[.findings[] | select(.rule.id == "RM-EVA-003" and .evidence.hidden_pid == $p)] | length' "$out")
	[ "$n" = 1 ] || { dump_findings "$out" >&2; fail "$what: $n RM-EVA-003 findings for $P_MNT"; }
	F=$(jq -c --argjson p "$P_MNT" '[.findings[] | select(.rule.id == "RM-EVA-003" and .evidence.hidden_pid == $p)][0]' "$out")
	F_WHAT="$what RM-EVA-003 for $P_MNT"
	f_eq .evidence.process_alive true
	f_eq '.evidence.found_by | index("kill") != null' true
	jq_true --argjson p "$P_MNT" "$out" \
	    '[.facts.hidden_pids[] | select(.pid == $p and .kind == "unreadable" and .mount_point == "/proc/\($p)")] | length == 1' \
	    "$what: pid $P_MNT is not in facts.hidden_pids tied to its mount"
	# ... and RM-ROOT-002 does not report it again; threads are no
	# hidden processes; nothing else on this host is hidden
	n=$(jq '[.findings[] | select(.rule.id == "RM-ROOT-002")] | length' "$out")
	[ "$n" = 0 ] || { dump_findings "$out" >&2; fail "$what: $n RM-ROOT-002 findings on a host without a kernel rootkit"; }
	for t in "${TIDS[@]}"; do
		jq_true --argjson p "$t" "$out" '[.facts.hidden_pids[] | select(.pid == $p)] | length == 0' \
		    "$what: thread $t of $P_THR taken for a hidden process"
	done
	# RM-ROOT-004: the program named for hiding, not the socket filter
	n=$(jq --argjson i "$BPF_HIDE" '[.findings[] | select(.rule.id == "RM-ROOT-004" and .evidence.bpf_prog_id == $i and .severity == "high" and .evidence.bpf_prog_type == "kprobe")] | length' "$out")
	[ "$n" = 1 ] || { dump_findings "$out" >&2; fail "$what: $n RM-ROOT-004 findings for BPF program $BPF_HIDE"; }
	jq_true --argjson i "$BPF_OK" "$out" '[.findings[] | select(.rule.id == "RM-ROOT-004" and .evidence.bpf_prog_id == $i)] | length == 0' \
	    "$what: RM-ROOT-004 for an innocent socket filter"
	jq_true --argjson i "$BPF_OK" "$out" '[.facts.bpf_programs[] | select(.id == $i and .name == "rm_e2e_filter")] | length == 1' \
	    "$what: the socket filter is not in facts.bpf_programs"
	jq_true "$out" '.facts.pid_probe.complete and .facts.pid_probe.pids >= 32768' \
	    "$what: the pid probe did not run to the end"
	say "$what: $(jq -c '.facts.pid_probe' "$out"), RM-EVA-001 hooks $(jq -c '[.findings[] | select(.rule.id == "RM-EVA-001")][0].evidence.hooks' "$out")"
}
check_scan "$T/dyn.json" "dynamic build"

# --no-pid-probe: no probe, and the report says so
rm_json "$T/noprobe.json" --no-pid-probe --cpu-window 0 --facts
jq_true "$T/noprobe.json" '[.scan.skipped[] | select(.check == "hidden processes" and (.reason | test("no-pid-probe")))] | length == 1' \
	"--no-pid-probe is not in scan.skipped"
jq_true "$T/noprobe.json" '.facts.pid_probe.complete == false' "--no-pid-probe still probed"

# inside a pid namespace the probe covers only that namespace: said so;
# with the host's /proc there, pids cannot be compared at all: skipped
RM_WRAP=(unshare -p -f --mount-proc)
rm_json "$T/pidns.json" --cpu-window 0 --facts
jq_true "$T/pidns.json" '[.scan.skipped[] | select(.check == "hidden processes: other pid namespaces")] | length == 1' \
	"a scan inside a pid namespace does not say the probe covers only it"
jq_true "$T/pidns.json" '.facts.pid_probe.complete and ([.findings[] | select(.rule.id == "RM-ROOT-002")] | length == 0)' \
	"the probe inside a pid namespace did not run cleanly"
RM_WRAP=(unshare -p -f)
rm_json "$T/pidns2.json" --cpu-window 0 --facts
jq_true "$T/pidns2.json" '[.scan.skipped[] | select(.check == "hidden processes" and (.reason | test("another pid namespace")))] | length == 1' \
	"a scan whose /proc is another pid namespace's still compared pids"
jq_true "$T/pidns2.json" '[.findings[] | select(.rule.id == "RM-ROOT-002")] | length == 0' \
	"RM-ROOT-002 from a /proc of another pid namespace"
RM_WRAP=()

[ "$have_static" = 1 ] || skip "no static binary ($RM_STATIC): make static (the dynamic build passed)"
check_scan "$T/static.json" "static build"

finish
