#!/bin/bash
# RM-MIN-002 from persisted miner tuning in a disk image (--root): the
# lines a miner's setup script appends, vm.nr_hugepages=1280 and
# kernel.nmi_watchdog=0, in etc/sysctl.d/99-miner.conf give a low finding
# listing both lines with their file and line number; the same split over
# etc/sysctl.conf and a sysctl.d file (with spaces around "=", as
# `sysctl -w` users write it) too; huge pages alone (a database's tuning)
# or commented-out lines give nothing.  Only temporary image trees are
# used: the host is not touched, so this runs unprivileged as well.
. "$(dirname "$0")/lib.sh"

mkimg() {
	mkdir -p "$1/etc/sysctl.d" "$1/tmp"
	printf 'root:x:0:0:root:/root:/bin/bash\n' >"$1/etc/passwd"
	printf 'root:x:0:\n' >"$1/etc/group"
	printf 'rm-e2e-tuned\n' >"$1/etc/hostname"
}
min002() {  # FILE: the RM-MIN-002 findings
	jq -c '[.findings[] | select(.rule.id == "RM-MIN-002")]' "$1"
}

# 1. both lines in one file
A=$T/a
mkimg "$A"
printf '# added by setup\nvm.nr_hugepages=1280\nkernel.nmi_watchdog=0\n' >"$A/etc/sysctl.d/99-miner.conf"
rm_json "$T/a.json" --root "$A" --facts
say "image a: $(min002 "$T/a.json")"
say "image a sysctl facts: $(jq -c .facts.host.sysctl_lines "$T/a.json")"
[ "$(min002 "$T/a.json" | jq length)" = 1 ] || { dump_findings "$T/a.json" >&2; fail "image a: $(min002 "$T/a.json" | jq length) RM-MIN-002 findings, expected 1"; }
F=$(min002 "$T/a.json" | jq -c '.[0]')
F_WHAT="RM-MIN-002 (image a)"
f_eq .severity low
f_eq .confidence low
f_eq .rule.category mining
f_eq '.threat.technique.id | index("T1496.001") != null' true
f_eq '.evidence.persisted_tuning | length' 2
f_eq '.evidence.persisted_tuning | map(test("99-miner\\.conf:2 vm\\.nr_hugepages=1280$")) | any' true
f_eq '.evidence.persisted_tuning | map(test("99-miner\\.conf:3 kernel\\.nmi_watchdog=0$")) | any' true
# the file as the host has it ("/etc/sysctl.d/..."), whatever --root is
f_eq '.evidence.persisted_tuning | map(test("^/etc/sysctl\\.d/99-miner\\.conf:")) | all' true
f_eq '.file.path // "" | test("^/etc/sysctl\\.d/99-miner\\.conf$")' true
f_eq '.process' null
# in an image no process can explain it, and nothing live is claimed
f_eq '.evidence | has("msr_allow_writes") or has("kernel_log") or has("kernel_taint_cpu_out_of_spec")' false

# 2. split over sysctl.conf and sysctl.d, spaces around '='
B=$T/b
mkimg "$B"
printf 'kernel.nmi_watchdog = 0\n' >"$B/etc/sysctl.conf"
printf 'vm.nr_hugepages = 1280\n' >"$B/etc/sysctl.d/60-perf.conf"
rm_json "$T/b.json" --root "$B"
say "image b: $(min002 "$T/b.json")"
[ "$(min002 "$T/b.json" | jq length)" = 1 ] || fail "image b (split files): $(min002 "$T/b.json" | jq length) RM-MIN-002 findings, expected 1"
F=$(min002 "$T/b.json" | jq -c '.[0]')
F_WHAT="RM-MIN-002 (image b)"
f_eq .severity low
f_eq '.evidence.persisted_tuning | map(test("^/etc/sysctl\\.conf:1 kernel\\.nmi_watchdog=0$")) | any' true
f_eq '.evidence.persisted_tuning | map(test("^/etc/sysctl\\.d/60-perf\\.conf:1 vm\\.nr_hugepages=1280$")) | any' true

# 3. huge pages alone: a database server's tuning
C=$T/c
mkimg "$C"
printf 'vm.nr_hugepages=1280\n' >"$C/etc/sysctl.d/99-miner.conf"
rm_json "$T/c.json" --root "$C"
[ "$(min002 "$T/c.json" | jq length)" = 0 ] || fail "huge pages alone gave RM-MIN-002: $(min002 "$T/c.json")"
jq_true "$T/c.json" '[.findings[] | select(.rule.category == "mining")] | length == 0' \
	"huge pages alone gave a mining finding: $(jq -c '[.findings[] | .rule.id]' "$T/c.json")"

# 4. both, but commented out (or for another key) : nothing
D=$T/d
mkimg "$D"
printf '#vm.nr_hugepages=1280\n; kernel.nmi_watchdog=0\nkernel.nmi_watchdog=1\nvm.nr_hugepages=1280\n' \
	>"$D/etc/sysctl.d/99-miner.conf"
rm_json "$T/d.json" --root "$D" --facts
say "image d sysctl facts: $(jq -c .facts.host.sysctl_lines "$T/d.json")"
[ "$(min002 "$T/d.json" | jq length)" = 0 ] ||
	fail "commented-out or nmi_watchdog=1 lines gave RM-MIN-002: $(min002 "$T/d.json")"
finish
