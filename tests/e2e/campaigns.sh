# campaigns.sh - build --root images of real intrusions (sourced, not run).
#
# One image per campaign, made from the artefacts its real scripts write
# (tests/data/campaign-artefacts.txt, text excerpts of the samples: nothing
# is ever executed), on top of a small Debian 12 base copied from this host
# (passwd, group, stock cron and shell files, the dpkg records of the tools
# the attackers touch).  Used by tests/e2e/37-campaigns-root.sh and by the
# benchmark (bench/run.sh), which runs the peers on the same images.
#
#   campaigns_check_samples       excerpts still verbatim in shared/material
#   campaign_base DIR             the clean Debian-like image
#   campaign_build NAME DIR       base + the campaign's artefacts
#   CAMPAIGNS                     the names

CAMPAIGN_DATA=${TOP:?}/tests/data/campaign-artefacts.txt
CAMPAIGNS="mirai k4spreader gelsemium spinning-yarn hadooken kinsing"

# art SAMPLE-PREFIX TARGET [N]: the Nth block of that sample with that
# target, verbatim; every such block, one after the other, without N
art() {
	awk -v f="$1" -v t="$2" -v n="${3:-0}" '
		/^@@ / { started = 1; inb = (index($2, f) == 1 && $3 == t)
			if (inb) k++; next }
		!started { next }
		inb && (n == 0 || k == n) { print }' "$CAMPAIGN_DATA"
}

campaigns_check_samples() {
	local s=$TOP/../shared/material/scripts
	if [ ! -d "$s" ]; then
		echo "note: no shared/material beside the checkout: excerpts not re-checked"
		return 0
	fi
	python3 - "$CAMPAIGN_DATA" "$s" <<'EOF'
import glob, sys
data, root = sys.argv[1], sys.argv[2]
blocks, cur = [], None
for line in open(data, encoding='utf-8', errors='surrogateescape').read().split('\n'):
    if line.startswith('@@ '):
        cur = [line.split()[1], []]
        blocks.append(cur)
    elif cur is not None:
        cur[1].append(line)
bad = 0
for name, lines in blocks:
    while lines and lines[-1] == '':
        lines.pop()
    src = glob.glob(root + '/*/' + name)
    text = open(src[0], encoding='utf-8', errors='surrogateescape').read() if src else None
    if text is None or '\n'.join(lines) not in text:
        print('campaign excerpt no longer in %s: %r' % (name, lines[:2]))
        bad = 1
sys.exit(bad)
EOF
}

# cp_host PATH DIR: copy a host file into the image, keeping the path
cp_host() {
	[ -e "$1" ] || return 0
	mkdir -p "$2$(dirname "$1")"
	cp -a "$1" "$2$1"
}

# dpkg_pkg PKG DIR: the package's real .list/.md5sums and status stanza
dpkg_pkg() {
	local p=$1 r=$2 f
	mkdir -p "$r/var/lib/dpkg/info"
	for f in /var/lib/dpkg/info/"$p".list /var/lib/dpkg/info/"$p":*.list \
		/var/lib/dpkg/info/"$p".md5sums /var/lib/dpkg/info/"$p":*.md5sums \
		/var/lib/dpkg/info/"$p".conffiles; do
		[ -f "$f" ] && cp "$f" "$r/var/lib/dpkg/info/"
	done
	awk -v p="$p" 'BEGIN { RS = ""; ORS = "\n\n" } $0 ~ "^Package: " p "\n" { print }' \
		/var/lib/dpkg/status >>"$r/var/lib/dpkg/status"
}

campaign_base() {
	local r=$1 f
	mkdir -p "$r"/{etc,root,tmp,var/tmp,var/log,var/spool/cron/crontabs,usr/bin,usr/sbin,usr/lib}
	chmod 1777 "$r/tmp" "$r/var/tmp"
	ln -s usr/bin "$r/bin"
	ln -s usr/sbin "$r/sbin"
	ln -s usr/lib "$r/lib"
	for f in /etc/passwd /etc/group /etc/shells /etc/os-release \
		/etc/debian_version /etc/crontab /etc/profile /etc/bash.bashrc \
		/etc/environment /etc/hosts /etc/sudoers /etc/ssh/sshd_config \
		/etc/pam.d/common-auth /etc/pam.d/sshd /etc/profile.d/01-locale-fix.sh \
		/etc/cron.d/e2scrub_all /etc/cron.daily/dpkg /etc/cron.daily/apt-compat \
		/etc/init.d/cron /etc/init.d/procps /etc/udev/rules.d \
		/usr/lib/systemd/system/cron.service /usr/lib/systemd/system/ssh.service \
		/usr/lib/systemd/system/e2scrub_all.timer \
		/usr/bin/chattr /usr/bin/lsattr /usr/bin/ls /usr/bin/ps /usr/bin/crontab \
		/usr/bin/bash /usr/bin/dash /usr/bin/sh /usr/sbin/nologin /usr/bin/false \
		/usr/bin/sync; do
		cp_host "$f" "$r"
	done
	# the host's files as Debian ships them, not as this host is set up
	printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$r/etc/hosts"
	cp -a /etc/skel/. "$r/root/"
	mkdir -p "$r/var/lib/dpkg/info"
	: >"$r/var/lib/dpkg/status"
	for f in e2fsprogs coreutils procps cron openssh-server systemd base-files bash \
		dash login; do
		dpkg_pkg "$f" "$r"
	done
	mkdir -p "$r/etc/systemd/system/multi-user.target.wants" \
		"$r/etc/systemd/system/sysinit.target.wants"
	ln -sf /lib/systemd/system/cron.service "$r/etc/systemd/system/multi-user.target.wants/cron.service"
	ln -sf /lib/systemd/system/systemd-pstore.service "$r/etc/systemd/system/sysinit.target.wants/systemd-pstore.service"
	# logs a running Debian 12 has (journald only: no auth.log, no syslog)
	: >"$r/var/log/wtmp"; : >"$r/var/log/btmp"; : >"$r/var/log/lastlog"
	chmod 0664 "$r/var/log/wtmp"; chmod 0660 "$r/var/log/btmp"
}

# a dropped program: any ELF will do (this host's `true`)
drop_elf() {
	mkdir -p "$(dirname "$1")"
	cp /usr/bin/true "$1"
	chmod 0755 "$1"
}

enable_unit() {  # R UNIT TARGET
	mkdir -p "$1/etc/systemd/system/$3.wants"
	ln -sf "/etc/systemd/system/$2" "$1/etc/systemd/system/$3.wants/$2"
}

build_mirai() {
	local r=$1
	art 2024.Mirai etc/systemd/system/dnsconfigs.service >"$r/etc/systemd/system/dnsconfigs.service"
	enable_unit "$r" dnsconfigs.service multi-user.target
	art 2024.Mirai var/spool/cron/crontabs/root >"$r/var/spool/cron/crontabs/root"
	chmod 0600 "$r/var/spool/cron/crontabs/root"
	drop_elf "$r/var/tmp/nginx_kel"
}

build_k4spreader() {
	local r=$1
	art 2024.k4spreader etc/systemd/system/dpkg-deb-package.service \
		>"$r/etc/systemd/system/dpkg-deb-package.service"
	enable_unit "$r" dpkg-deb-package.service multi-user.target
	drop_elf "$r/usr/bin/knlib"
	# degrader.sh: cat /dev/null > /etc/ld.so.preload
	art 2024.k4spreader op | grep -q 'cat /dev/null > /etc/ld.so.preload' &&
		: >"$r/etc/ld.so.preload"
}

build_gelsemium() {
	local r=$1
	mkdir -p "$r/etc/init.d" "$r/etc/rc2.d" "$r/etc/profile.d" "$r/home/www"
	art 2024.Gelsemium etc/init.d/S60dlump >"$r/etc/init.d/S60dlump"
	chmod 0755 "$r/etc/init.d/S60dlump"
	ln -sf ../init.d/S60dlump "$r/etc/rc2.d/S60dlump"
	art 2024.Gelsemium etc/profile.d/profile.sh >"$r/etc/profile.d/profile.sh"
	drop_elf "$r/usr/bin/.Xl1/kde"
	drop_elf "$r/home/www/.Xl1/kde"
}

build_spinning_yarn() {
	local r=$1 u
	for u in sshm sshb zzhh; do
		art 2024.Spinning.YARN "etc/systemd/system/$u.service" \
			>"$r/etc/systemd/system/$u.service"
		enable_unit "$r" "$u.service" multi-user.target
	done
	drop_elf "$r/var/tmp/.11/sshd"
	drop_elf "$r/var/tmp/.11/bioset"
	drop_elf "$r/var/.httpd/...../httpd"
	art 2024.Spinning.YARN etc/crontab >>"$r/etc/crontab"
	# the Redis CONFIG SET dir /etc/cron.d; dbfilename zzh; SAVE
	{
		printf 'REDIS0009\xfa\tredis-ver\x055.0.7\xfe\x00\xfb\x04\x00\x00\x07backup1@V\n\n\n\n'
		art 2024.Spinning.YARN etc/cron.d/zzh
		printf '\n\n\n\xff\x8f\x1d\xb3\x00\x00\x00\x00'
	} >"$r/etc/cron.d/zzh"
	art 2024.Spinning.YARN etc/hosts >>"$r/etc/hosts"
	# mv /usr/bin/chattr /usr/bin/zzhcht; cp $lspath /usr/bin/chattr
	if art 2024.Spinning.YARN op | grep -q '^mv /usr/bin/chattr /usr/bin/zzhcht$'; then
		mv "$r/usr/bin/chattr" "$r/usr/bin/zzhcht"
		cp "$r/usr/bin/ls" "$r/usr/bin/chattr"
	fi
	mkdir -p "$r/etc/selinux"
	echo SELINUX=disabled >"$r/etc/selinux/config"
}

build_hadooken() {
	local r=$1 l p
	# wipe_logs.sh: echo 0 > /var/log/wtmp (and secure, cron, root's mail)
	while read -r l; do
		case $l in
		'echo 0 > '/*) p=${l#echo 0 > }
			mkdir -p "$r$(dirname "$p")"
			echo 0 >"$r$p" ;;
		esac
	done < <(art 2024.hadooken op)
	# crondr_as_bash.sh: the bot as /bin/crondr, run as /bin/-bash
	drop_elf "$r/usr/bin/crondr"
	# ssh_worm.sh: its marker in root's home
	: >"$r/root/.localsshaxxaa"
}

build_kinsing() {
	local r=$1 ldr line
	ldr=$(art 2023.Kinsing cron 2 | sed -n 's/^LDR="\(.*\)"$/\1/p')
	line=$(art 2023.Kinsing cron 1 | grep -o '\* \* \* \* \* \$LDR [^"]*')
	printf '%s\n' "${line/\$LDR/$ldr}" >"$r/var/spool/cron/crontabs/root"
	chmod 0600 "$r/var/spool/cron/crontabs/root"
	# the Alibaba Cloud agent, removed: its unit stays, its program is gone
	printf '[Unit]\nDescription=auto run aliyunservice or agent\n\n[Service]\nType=simple\nExecStart=/usr/sbin/aliyun-service\nRestart=on-failure\n\n[Install]\nWantedBy=multi-user.target\n' \
		>"$r/etc/systemd/system/aliyun.service"
	# systemctl disable apparmor: the package is there, its unit not wanted
	mkdir -p "$r/usr/lib/systemd/system"
	printf 'Package: apparmor\nStatus: install ok installed\nPriority: optional\nSection: admin\nArchitecture: amd64\nVersion: 3.0.8-3\nDescription: user-space parser utility for AppArmor\n\n' \
		>>"$r/var/lib/dpkg/status"
	printf '/.\n/lib\n/lib/systemd\n/lib/systemd/system\n/lib/systemd/system/apparmor.service\n/lib/apparmor/apparmor.systemd\n' \
		>"$r/var/lib/dpkg/info/apparmor.list"
	printf '[Unit]\nDescription=Load AppArmor profiles\n\n[Service]\nType=oneshot\nExecStart=/lib/apparmor/apparmor.systemd reload\n\n[Install]\nWantedBy=sysinit.target\n' \
		>"$r/usr/lib/systemd/system/apparmor.service"
}

campaign_build() {  # NAME DIR
	campaign_base "$2"
	"build_${1//-/_}" "$2"
}
