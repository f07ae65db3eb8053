#!/bin/bash
# Package integrity in a disk image (--root; unprivileged is fine): a tiny
# dpkg database (file lists, md5sums, a status file with a conffile, a
# diversion) for a usr-merged image (/bin -> usr/bin; procps lists /bin/ps,
# the file is found as /usr/bin/ps).  Tampered: ps and pam_unix.so replaced
# (critical), an extra pam_evil.so loaded from common-auth and a module
# loaded from a hidden directory (high), a setuid copy of bash in /tmp
# (critical), a setuid helper in /var/tmp/.x/ (high), a setgid tool in /opt
# (medium), ls made a link into /dev/shm (high), a wrapper named top in
# /usr/bin/.local/bin (Perfctl; high), a link out of the image and FIFOs in
# the database and module directories (never read, no hang).  The clean image says
# nothing at medium or above.
. "$(dirname "$0")/lib.sh"
need_cmd md5sum

MA=x86_64-linux-gnu
md5() { md5sum "$1" | cut -d' ' -f1; }

mkimg() {  # R: the clean image
	local R=$1 i=$1/var/lib/dpkg/info
	mkdir -p "$R/usr/bin" "$R/usr/sbin" "$R/usr/lib/$MA/security" "$R/etc/pam.d" \
		"$i" "$R/tmp" "$R/var/tmp" "$R/opt/tool" "$R/root"
	ln -s usr/bin "$R/bin"
	ln -s usr/sbin "$R/sbin"
	ln -s usr/lib "$R/lib"
	printf '\177ELF procps ps v4\n' >"$R/usr/bin/ps"
	printf '\177ELF bash 5.2\n' >"$R/usr/bin/bash"
	printf '\177ELF passwd\n' >"$R/usr/bin/passwd"
	chmod 4755 "$R/usr/bin/passwd"
	printf '\177ELF pam_unix\n' >"$R/usr/lib/$MA/security/pam_unix.so"
	printf '\177ELF ss from fakediv\n' >"$R/usr/bin/ss"
	printf '\177ELF ss from iproute2\n' >"$R/usr/bin/ss.iproute2"
	printf '#!/bin/sh\nexit 101\n' >"$R/usr/sbin/policy-rc.d"
	printf 'auth\t[success=1 default=ignore]\tpam_unix.so nullok\nauth\trequisite\tpam_deny.so\n' \
		>"$R/etc/pam.d/common-auth"
	printf '@include common-auth\naccount required pam_nologin.so\n' >"$R/etc/pam.d/sshd"
	printf '/.\n/bin\n/bin/ps\n' >"$i/procps.list"
	printf '%s  bin/ps\n' "$(md5 "$R/usr/bin/ps")" >"$i/procps.md5sums"
	printf '/.\n/bin\n/bin/bash\n' >"$i/bash.list"
	printf '%s  bin/bash\n' "$(md5 "$R/usr/bin/bash")" >"$i/bash.md5sums"
	printf '/.\n/usr/bin/passwd\n' >"$i/passwd.list"
	printf '%s  usr/bin/passwd\n' "$(md5 "$R/usr/bin/passwd")" >"$i/passwd.md5sums"
	printf '/.\n/lib/%s/security\n/lib/%s/security/pam_unix.so\n' $MA $MA >"$i/libpam-modules:amd64.list"
	printf '%s  lib/%s/security/pam_unix.so\n' "$(md5 "$R/usr/lib/$MA/security/pam_unix.so")" $MA \
		>"$i/libpam-modules:amd64.md5sums"
	# iproute2's ss is diverted to ss.iproute2 by fakediv, which ships its own
	printf '/.\n/bin/ss\n' >"$i/iproute2.list"
	printf '%s  bin/ss\n' "$(md5 "$R/usr/bin/ss.iproute2")" >"$i/iproute2.md5sums"
	printf '/.\n/usr/bin/ss\n' >"$i/fakediv.list"
	printf '%s  usr/bin/ss\n' "$(md5 "$R/usr/bin/ss")" >"$i/fakediv.md5sums"
	printf '/usr/bin/ss\n/usr/bin/ss.iproute2\nfakediv\n' >"$R/var/lib/dpkg/diversions"
	printf '/.\n/etc/pam.d/common-auth\n' >"$i/libpam-runtime.list"
	cat >"$R/var/lib/dpkg/status" <<S
Package: libpam-runtime
Status: install ok installed
Conffiles:
 /etc/pam.d/common-auth $(md5 "$R/etc/pam.d/common-auth")
 /etc/pam.d/other 0123456789abcdef0123456789abcdef obsolete
Description: x

Package: procps
Status: install ok installed
S
}

C=$T/clean
mkimg "$C"
# a chroot with its own system: its setuid files are low
mkdir -p "$C/srv/chroot/bookworm/etc" "$C/srv/chroot/bookworm/usr/bin"
printf 'ID=debian\n' >"$C/srv/chroot/bookworm/etc/os-release"
printf '\177ELF su\n' >"$C/srv/chroot/bookworm/usr/bin/su"
chmod 4755 "$C/srv/chroot/bookworm/usr/bin/su"
# the administrator edits a conffile: not a finding
printf 'auth\trequired\tpam_faildelay.so delay=2000000\n' >>"$C/etc/pam.d/common-auth"
rm_json "$T/clean.json" --root "$C" --facts
jq_true "$T/clean.json" '[.findings[] | select(.severity != "info" and .severity != "low")] | length == 0' \
	"the clean image has findings: $(dump_findings "$T/clean.json")"
jq_true "$T/clean.json" '.facts.packages.read and .facts.packages.packages == 7' \
	"the database was not read: $(jq -c .facts.packages "$T/clean.json")"
pf() {  # FILE PATH: the pkg_files fact of PATH
	jq -c --arg p "$2" '[.facts.pkg_files[] | select(.path == $p)][0]' "$1"
}
F=$(pf "$T/clean.json" /usr/bin/ps); F_WHAT="clean /usr/bin/ps"
f_eq '.packages | join(",")' procps
f_eq .md5_match true
F=$(pf "$T/clean.json" /usr/lib/$MA/security/pam_unix.so); F_WHAT="clean pam_unix.so"
f_eq '.packages | join(",")' libpam-modules:amd64
f_eq .md5_match true
f_eq '.pam_lines[0]' "/etc/pam.d/common-auth:1: auth	[success=1 default=ignore]	pam_unix.so nullok"
F=$(pf "$T/clean.json" /usr/bin/passwd); F_WHAT="clean passwd"
f_eq '.checks | index("setuid") != null' true
f_eq .md5_match true
# the diversion: ss is fakediv's, ss.iproute2 is iproute2's (owned: not listed)
F=$(pf "$T/clean.json" /usr/bin/ss); F_WHAT="diverted ss"
f_eq '.packages | join(",")' fakediv
f_eq .md5_match true
jq_true "$T/clean.json" '[.facts.pkg_files[] | select(.path == "/usr/bin/ss.iproute2")] | length == 0' \
	"the diverted copy is reported as unowned"
F=$(jq -c '[.findings[] | select(.rule.id == "RM-PER-007")][0]' "$T/clean.json"); F_WHAT="the chroot's su"
f_eq .file.path /srv/chroot/bookworm/usr/bin/su
f_eq .severity low
f_eq .evidence.os_tree /srv/chroot/bookworm
# an unowned file in /usr/sbin: info only
jq_true "$T/clean.json" '[.findings[] | select(.file.path == "/usr/sbin/policy-rc.d" and .severity == "info")] | length == 1' \
	"policy-rc.d: $(dump_findings "$T/clean.json")"

R=$T/bad
mkimg "$R"
printf '\177ELF ps that hides pid 4242\n' >"$R/usr/bin/ps"
printf '\177ELF pam_unix with a master password\n' >"$R/usr/lib/$MA/security/pam_unix.so"
printf '\177ELF pam_evil\n' >"$R/usr/lib/$MA/security/pam_evil.so"
printf 'auth sufficient pam_evil.so\n' >>"$R/etc/pam.d/common-auth"
mkdir -p "$R/usr/local/lib/.p"
printf '\177ELF pam_x\n' >"$R/usr/local/lib/.p/pam_x.so"
printf 'session optional /usr/local/lib/.p/pam_x.so\n' >>"$R/etc/pam.d/sshd"
mkdir -p "$R/usr/bin/.local/bin" "$T/outside"
printf '#!/bin/sh\nexec /usr/bin/top "$@" | grep -v perfcc\n' >"$R/usr/bin/.local/bin/top"
chmod 0755 "$R/usr/bin/.local/bin/top"
mkfifo "$R/usr/bin/find" "$R/usr/lib/$MA/security/pam_fifo.so" "$R/var/lib/dpkg/info/fifo.list"
ln -s "../../../../../../../..$T/outside/evil.list" "$R/var/lib/dpkg/info/evil.list"
printf '/tmp/.sh\n' >"$T/outside/evil.list"
cp "$R/usr/bin/bash" "$R/tmp/.sh"
chmod 4755 "$R/tmp/.sh"
mkdir -p "$R/var/tmp/.x"
printf '\177ELF rootme\n' >"$R/var/tmp/.x/rootme"
chmod 4711 "$R/var/tmp/.x/rootme"
printf '\177ELF tool\n' >"$R/opt/tool/helper"
chmod 2755 "$R/opt/tool/helper"
printf 'outsider\n' >"$T/outside/ls"
chmod 4755 "$T/outside/ls"
ln -s "../../../../../../../..$T/outside/ls" "$R/usr/bin/top"
ln -s /dev/shm/.x/ls "$R/usr/bin/ls"
rm_json "$T/bad.json" --root "$R" --facts
[ "$RC" = 1 ] || fail "a tampered image exits $RC, expected 1"
grep -q "$(md5 "$T/outside/ls")" "$T/bad.json" && fail "rookmelder hashed a file outside the image"

one() {  # RULE PATH SEVERITY: exactly one finding; F holds it
	local all n
	all=$(jq -c --arg r "$1" --arg p "$2" '[.findings[] | select(.rule.id == $r and .file.path == $p)]' "$T/bad.json")
	n=$(jq length <<<"$all")
	[ "$n" = 1 ] || { dump_findings "$T/bad.json" >&2; fail "$n $1 findings for $2, expected 1"; }
	F=$(jq -c '.[0]' <<<"$all")
	F_WHAT="$1 for $2"
	f_eq .severity "$3"
}
one RM-ROOT-001 /usr/bin/ps critical
f_eq .evidence.kind binary_modified
f_eq '.evidence.packages | join(",")' procps
f_eq .evidence.md5 "$(md5 "$R/usr/bin/ps")"
f_eq .evidence.md5_expected "$(md5 "$C/usr/bin/ps")"
f_eq .file.hash.sha256 "$(sha256sum "$R/usr/bin/ps" | cut -d' ' -f1)"
f_eq .rule.category rootkit
f_eq '.remediation | contains("apt-get install --reinstall procps")' true
one RM-ROOT-001 /usr/lib/$MA/security/pam_unix.so critical
f_eq .evidence.kind pam_modified
one RM-ROOT-001 /usr/lib/$MA/security/pam_evil.so high
f_eq .evidence.kind pam_unowned
f_eq '.evidence.pam_lines[0]' "/etc/pam.d/common-auth:3: auth sufficient pam_evil.so"
one RM-ROOT-001 /usr/local/lib/.p/pam_x.so high
f_eq .evidence.kind pam_conf_line
f_eq '.evidence.pam_lines[0]' "/etc/pam.d/sshd:3: session optional /usr/local/lib/.p/pam_x.so"
one RM-PER-007 /tmp/.sh critical
f_eq .evidence.copy_of /usr/bin/bash
f_eq .rule.category persistence
one RM-PER-007 /var/tmp/.x/rootme high
f_eq .evidence.mode 4711
one RM-PER-007 /opt/tool/helper medium
one RM-ROOT-001 /usr/bin/.local/bin/top high
f_eq .evidence.kind binary_unowned
one RM-ROOT-001 /usr/bin/ls high
f_eq .evidence.kind link_redirected
f_eq .evidence.link_target /dev/shm/.x/ls
# packaged files that match say nothing; the edited conffile neither
jq_true "$T/bad.json" '[.findings[] | select(.file.path == "/usr/bin/passwd" or .file.path == "/usr/bin/bash"
	or .file.path == "/usr/bin/ss" or .file.path == "/etc/pam.d/common-auth")] | length == 0' \
	"a packaged file is reported: $(dump_findings "$T/bad.json")"
jq_true "$T/bad.json" '[.findings[] | select(.rule.id == "RM-ROOT-001" or .rule.id == "RM-PER-007")
	| select(.severity != "info" and .file.path != "/usr/bin/top")] | length == 9' \
	"not exactly nine package findings: $(dump_findings "$T/bad.json")"

# --no-packages: not checked, and said so
rm_json "$T/nopkg.json" --root "$R" --no-packages
jq_true "$T/nopkg.json" '[.findings[] | select(.rule.id == "RM-PER-007" or .rule.id == "RM-ROOT-001")] | length == 0' \
	"findings with --no-packages: $(dump_findings "$T/nopkg.json")"
jq_true "$T/nopkg.json" '[.scan.skipped[] | select(.check == "packages")] | length == 1' \
	"--no-packages is not in scan.skipped: $(jq -c .scan.skipped "$T/nopkg.json")"

# no dpkg database: nothing judged, and the scan says why
N=$T/nodb
mkdir -p "$N/tmp" "$N/var/lib/rpm"
cp "$R/tmp/.sh" "$N/tmp/.sh"
rm_json "$T/nodb.json" --root "$N"
jq_true "$T/nodb.json" '[.findings[] | select(.rule.id == "RM-PER-007" or .rule.id == "RM-ROOT-001")] | length == 0' \
	"findings without a package database: $(dump_findings "$T/nodb.json")"
jq_true "$T/nodb.json" '[.scan.skipped[] | select(.check == "packages" and (.reason | contains("rpm")))] | length == 1' \
	"no skip entry for the rpm database: $(jq -c .scan.skipped "$T/nodb.json")"
finish
