#!/bin/bash
# Defence evasion by tampering in a disk image (--root; unprivileged is
# fine for all but the attribute case): each behaviour from the real
# dropper scripts in its own image, asserted on rule, path and severity:
#   RM-EVA-005 chattr moved to zzhcht (Spinning YARN), e2fsprogs lists it
#   RM-EVA-006 ~/.bash_history -> /dev/null, HISTFILE=/dev/null in
#              /etc/profile.d (k4spreader / YARN preamble), and live: a
#              process started with HISTFILE=/dev/null
#   RM-EVA-007 /var/log/wtmp -> /dev/null; "echo 0 > /var/log/wtmp"
#              (hadooken wipe_logs.sh)
#   RM-EVA-008 Aegis init script left after rm -rf /usr/local/aegis*
#              (Kinsing), SELINUX=disabled, a masked auditd
#   RM-EVA-009 /etc/hosts sinking aegis update hosts (high) and
#              registry-1.docker.io (medium), an ad-block line (nothing)
#   RM-EVA-004 chattr +ia on authorized_keys and /etc/passwd (root only: a
#              filesystem with attributes; /tmp if it has them, else a
#              loop-mounted ext4 in a private mount namespace)
# A clean Debian-like image is silent at medium and above.
. "$(dirname "$0")/lib.sh"
need_cmd jq

base() {  # R: a Debian-like skeleton
	mkdir -p "$1/etc/profile.d" "$1/root" "$1/home/alice" "$1/var/log" \
		"$1/usr/bin" "$1/var/lib/dpkg/info" "$1/etc/systemd/system"
	printf 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n' >"$1/etc/passwd"
	printf 'root:x:0:\n' >"$1/etc/group"
	printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n' >"$1/etc/hosts"
	printf '# /etc/profile\nif [ -d /etc/profile.d ]; then :; fi\n' >"$1/etc/profile"
	printf 'HISTCONTROL=ignoreboth\nHISTSIZE=1000\nHISTFILESIZE=2000\n' >"$1/root/.bashrc"
	printf 'ls\n' >"$1/root/.bash_history"
	: >"$1/var/log/wtmp"; : >"$1/var/log/btmp"; : >"$1/var/log/lastlog"
	mkdir -p "$1/var/log/journal"
	printf 'x\n' >"$1/usr/bin/ls"
}

# which finding of RULE names PATH; F holds it
want() {  # FILE RULE PATH SEVERITY
	local all n
	all=$(jq -c --arg r "$2" --arg p "$3" '[.findings[] | select(.rule.id == $r and .file.path == $p)]' "$1")
	n=$(jq length <<<"$all")
	[ "$n" = 1 ] || { dump_findings "$1" >&2; fail "$n $2 findings for $3, expected 1"; }
	F=$(jq -c '.[0]' <<<"$all")
	F_WHAT="$2 for $3"
	f_eq .severity "$4"
	f_eq .rule.category evasion
}

# ---- a clean image: nothing at medium or above -------------------------------
C=$T/clean
base "$C"
if [ -r /usr/bin/chattr ]; then
	cp /usr/bin/chattr "$C/usr/bin/chattr"
	printf '/.\n/usr/bin\n/usr/bin/chattr\n' >"$C/var/lib/dpkg/info/e2fsprogs.list"
	printf '%s  usr/bin/chattr\n' "$(md5sum </usr/bin/chattr | cut -d' ' -f1)" >"$C/var/lib/dpkg/info/e2fsprogs.md5sums"
fi
printf '0.0.0.0 ads.doubleclick.net\n' >>"$C/etc/hosts"
rm_json "$T/clean.json" --root "$C" --facts
jq_true "$T/clean.json" '[.findings[] | select(.severity != "info" and .severity != "low")] | length == 0' \
	"the clean image has findings: $(dump_findings "$T/clean.json")"
jq_true "$T/clean.json" '.facts.tampering | length == 0' "the clean image has tampering records"

# ---- a renamed chattr ---------------------------------------------------------
if [ -r /usr/bin/chattr ]; then
	R=$T/tool
	base "$R"
	cp /usr/bin/chattr "$R/usr/bin/zzhcht"     # mv /usr/bin/chattr /usr/bin/zzhcht
	cp "$C/var/lib/dpkg/info/e2fsprogs."* "$R/var/lib/dpkg/info/"
	rm_json "$T/tool.json" --root "$R"
	[ "$RC" = 1 ] || fail "a moved chattr exits $RC, expected 1"
	want "$T/tool.json" RM-EVA-005 /usr/bin/chattr high
	f_eq .evidence.package e2fsprogs
	want "$T/tool.json" RM-EVA-005 /usr/bin/zzhcht high
	f_eq .evidence.tool chattr
	f_eq .evidence.original_present false
	# a copy beside the original (curl-like downloads under a new name)
	mkdir -p "$R/var/tmp/.x"
	cp /usr/bin/chattr "$R/usr/bin/chattr"
	rm "$R/usr/bin/zzhcht"
	cp /usr/bin/chattr "$R/var/tmp/.x/lockr"
	rm_json "$T/tool2.json" --root "$R"
	want "$T/tool2.json" RM-EVA-005 /var/tmp/.x/lockr medium
	f_eq .evidence.original_present true
else
	say "no /usr/bin/chattr here: renamed-tool case not run"
fi

# ---- history ------------------------------------------------------------------
R=$T/hist
base "$R"
rm "$R/root/.bash_history"
ln -s /dev/null "$R/root/.bash_history"
printf 'export HISTFILE=/dev/null 2>/dev/null 1>/dev/null\nunset HISTFILE; history -c\n' >"$R/etc/profile.d/sys.sh"
rm_json "$T/hist.json" --root "$R"
want "$T/hist.json" RM-EVA-006 /root/.bash_history medium
f_eq .evidence.link_target /dev/null
jq_true "$T/hist.json" '[.findings[] | select(.rule.id == "RM-EVA-006" and .file.path == "/etc/profile.d/sys.sh")] | map(.evidence.line) | sort == [1,2]' \
	"profile.d lines not both reported: $(dump_findings "$T/hist.json")"

# ---- logs -----------------------------------------------------------------------
R=$T/logs
base "$R"
rm "$R/var/log/wtmp"
ln -s /dev/null "$R/var/log/wtmp"
printf '0\n' >"$R/var/log/btmp"                # echo 0 > /var/log/btmp
rm_json "$T/logs.json" --root "$R"
want "$T/logs.json" RM-EVA-007 /var/log/wtmp high
want "$T/logs.json" RM-EVA-007 /var/log/btmp high
f_eq '.evidence.content == "0\n"' true

# ---- agents and MAC ----------------------------------------------------------
R=$T/agent
base "$R"
mkdir -p "$R/etc/init.d" "$R/etc/selinux"
printf '#!/bin/sh\n# aegis init\n' >"$R/etc/init.d/aegis"   # rm -rf /usr/local/aegis*
printf 'SELINUX=disabled\nSELINUXTYPE=targeted\n' >"$R/etc/selinux/config"
ln -s /dev/null "$R/etc/systemd/system/auditd.service"
rm_json "$T/agent.json" --root "$R"
want "$T/agent.json" RM-EVA-008 /etc/init.d/aegis medium
f_eq .evidence.agent aegis
want "$T/agent.json" RM-EVA-008 /etc/selinux/config medium
f_eq .evidence.selinux_mode disabled
want "$T/agent.json" RM-EVA-008 /etc/systemd/system/auditd.service high

# ---- /etc/hosts -----------------------------------------------------------------
R=$T/hosts
base "$R"
printf '127.0.0.1 update.aegis.aliyun.com\n127.0.0.1 registry-1.docker.io\n0.0.0.0 ads.doubleclick.net\n' >>"$R/etc/hosts"
rm_json "$T/hosts.json" --root "$R"
jq_true "$T/hosts.json" '[.findings[] | select(.rule.id == "RM-EVA-009") | [.evidence.name, .severity]] | sort == [["registry-1.docker.io","medium"],["update.aegis.aliyun.com","high"]]' \
	"hosts findings: $(dump_findings "$T/hosts.json")"

# ---- live: a shell of the intruder's session (HISTFILE=/dev/null) -------------
S=$(command -v sleep)
bg hist env HISTFILE=/dev/null "$S" 60
wait_exe "$BG_PID" "$S"
HIST_PID=$BG_PID
bg histok env HISTFILE="$T/.bash_history" "$S" 60
wait_exe "$BG_PID" "$S"
OK_PID=$BG_PID
rm_json "$T/live.json" --cpu-window 0
expect_finding "$T/live.json" RM-EVA-006 "$HIST_PID" medium
f_eq .evidence.variable HISTFILE
f_eq .evidence.value /dev/null
no_finding "$T/live.json" RM-EVA-006 "$OK_PID"

# ---- immutable attributes (root) ------------------------------------------------
if [ "$MYUID" -ne 0 ] || ! command -v chattr >/dev/null; then
	say "SKIP part: immutable attributes need root and chattr"
	finish
fi
attr_case() {  # R OUT: lock files in R, scan, unlock (always)
	local r=$1 out=$2 st=0
	base "$r"
	mkdir -p "$r/root/.ssh"
	printf 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMs56zHlK6MdnWptnFMjvLg5zDeO8BJlS9lJv9xJ/tSH x@vps\n' >"$r/root/.ssh/authorized_keys"
	printf 'nameserver 8.8.8.8\n' >"$r/etc/resolv.conf"
	chattr +ia "$r/root/.ssh/authorized_keys" || return 2
	chattr +i "$r/etc/passwd" "$r/etc/resolv.conf" || st=2
	[ $st = 0 ] && "$RM" scan --format json --root "$r" >"$out" 2>"$out.err"
	chattr -ia "$r/root/.ssh/authorized_keys" "$r/etc/passwd" "$r/etc/resolv.conf" 2>/dev/null
	return $st
}
mkdir -p "$T/fsprobe"
: >"$T/fsprobe/f"
# E2E_ATTR_LOOP=1 takes the loop-mount way even where $T has attributes
if [ "${E2E_ATTR_LOOP:-0}" != 1 ] && chattr +i "$T/fsprobe/f" 2>/dev/null; then
	chattr -i "$T/fsprobe/f"
	attr_case "$T/attr" "$T/attr.json" || fail "could not set attributes in $T"
else
	need_cmd mkfs.ext4 unshare mount
	truncate -s 8M "$T/ext4.img"
	mkfs.ext4 -q -F "$T/ext4.img" >/dev/null 2>&1 || skip "mkfs.ext4 failed"
	mkdir -p "$T/mnt"
	export -f attr_case base
	export RM T
	st=0
	unshare -m bash -c 'mount --make-rprivate / && mount -o loop "$T/ext4.img" "$T/mnt" || exit 3
		attr_case "$T/mnt/attr" "$T/attr.json"; st=$?; umount "$T/mnt"; exit $st' || st=$?
	[ $st = 3 ] && skip "no filesystem with attributes (loop mount in a private namespace failed)"
	[ $st = 0 ] || fail "could not set attributes on the loop-mounted ext4 ($st)"
fi
validate "$T/attr.json"
want "$T/attr.json" RM-EVA-004 /root/.ssh/authorized_keys high
f_eq .evidence.immutable true
f_eq .evidence.append_only true
want "$T/attr.json" RM-EVA-004 /etc/passwd high
want "$T/attr.json" RM-EVA-004 /etc/resolv.conf low
finish
