#!/bin/bash
# Accounts, sudo and the SSH server in a disk image (--root; unprivileged
# is fine).  The clean image is a Debian 12 cloud VM: base-passwd's
# accounts (only root has gid 0, sync has /bin/sync, the rest nologin),
# postgres with /bin/bash and a locked password, the stock sudoers with
# @includedir and cloud-init's NOPASSWD rule for "admin", the stock
# sshd_config (every option commented) including sshd_config.d where
# cloud-init turns passwords off, and month-old keys: nothing at medium or
# above.  The attacked image has what droppers do with useradd, usermod,
# "echo ... >> /etc/sudoers" and sed on sshd_config (THREATS.md PER-2 and
# PER-3: TeamTNT's privileged users, Perfctl's shell with a trailing space;
# the sample scripts in shared/material only chattr /root/.ssh): daemon
# given /bin/bash and a password and put in the sudo group, a gid-0 user, news with "/bin/bash ", a
# NOPASSWD rule for a user that does not exist and one for daemon, a
# sudoers.d file anyone may write, PermitRootLogin yes with passwords back
# on, an AuthorizedKeysFile in a hidden directory with a key in it, and a
# key added today.  The password hash never reaches the output.
. "$(dirname "$0")/lib.sh"
need_cmd jq touch

K1=AAAAC3NzaC1lZDI1NTE5AAAAIMs56zHlK6MdnWptnFMjvLg5zDeO8BJlS9lJv9xJ/tSH
K2=AAAAC3NzaC1lZDI1NTE5AAAAIPb8uV3lJ9vT0q9y9XyH4sVfY2rN7uQm8wZk1dLxA5Qe
HASH='$6$Zm9vYmFy$Lq0Vw1q2T3l9p8S3xq7vT0z5lE5c1J6W0bC8nH2mQ9kR4sX7yU1aB3dF6gH9jK2lM5nP8qR1sT4uV7wX0yZ3A/'
STUB='no-port-forwarding,no-agent-forwarding,no-X11-forwarding,command="echo '\''Please login as the user \"admin\" rather than the user \"root\".'\'';echo;sleep 10;exit 142"'

mkimg() {  # R: a Debian 12 cloud image, clean
	local R=$1 f
	mkdir -p "$R/etc/ssh/sshd_config.d" "$R/etc/sudoers.d" "$R/usr/bin" \
		"$R/usr/sbin" "$R/root/.ssh" "$R/home/admin/.ssh" "$R/var/lib/dpkg" \
		"$R/var/lib/postgresql"
	ln -s usr/bin "$R/bin"
	ln -s usr/sbin "$R/sbin"
	for f in bash sh dash rbash sync false; do
		printf '#!/bin/true\n' >"$R/usr/bin/$f"
		chmod 0755 "$R/usr/bin/$f"
	done
	printf '#!/bin/true\n' >"$R/usr/sbin/nologin"
	chmod 0755 "$R/usr/sbin/nologin"
	cat >"$R/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin
messagebus:x:100:102::/nonexistent:/usr/sbin/nologin
sshd:x:101:65534::/run/sshd:/usr/sbin/nologin
admin:x:1000:1000:Debian:/home/admin:/bin/bash
postgres:x:102:104:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash
P
	awk -F: '{ pw = ($3 >= 1000 || $1 == "postgres" || $3 >= 998 && $3 < 65534) ? "!" : "*"
		print $1 ":" pw ":19700:0:99999:7:::" }' "$R/etc/passwd" >"$R/etc/shadow"
	chmod 0640 "$R/etc/shadow"
	cat >"$R/etc/group" <<'G'
root:x:0:
daemon:x:1:
sudo:x:27:admin
admin:x:1000:
postgres:x:104:
nogroup:x:65534:
G
	printf '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/rbash\n/usr/bin/rbash\n/bin/dash\n/usr/bin/dash\n' >"$R/etc/shells"
	cat >"$R/etc/sudoers" <<'S'
#
# This file MUST be edited with the 'visudo' command as root.
#
# Please consider adding local content in /etc/sudoers.d/ instead of
# directly modifying this file.
#
# See the man page for details on how to write a sudoers file.
#
Defaults	env_reset
Defaults	mail_badpass
Defaults	secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

# This fixes CVE-2005-4890 and possibly breaks some versions of kdesu
# (#1011624, https://bugs.kde.org/show_bug.cgi?id=452532)
Defaults	use_pty

# This preserves proxy settings from user environments of root
# equivalent users (group sudo)
#Defaults:%sudo env_keep += "http_proxy https_proxy ftp_proxy all_proxy no_proxy"

# Host alias specification

# User alias specification

# Cmnd alias specification

# User privilege specification
root	ALL=(ALL:ALL) ALL

# Allow members of group sudo to execute any command
%sudo	ALL=(ALL:ALL) ALL

# See sudoers(5) for more information on "@include" directives:

@includedir /etc/sudoers.d
S
	printf '#\n# The default /etc/sudoers file created on installation of the\n# sudo  package now includes the directive:\n#\n#\t@includedir /etc/sudoers.d\n#\n' >"$R/etc/sudoers.d/README"
	printf '\n# Created by cloud-init v. 22.4.2 on Mon, 01 Jan 2024 00:00:00 +0000\n\n# User rules for admin\nadmin ALL=(ALL) NOPASSWD:ALL\n' >"$R/etc/sudoers.d/90-cloud-init-users"
	chmod 0440 "$R/etc/sudoers" "$R"/etc/sudoers.d/*
	cat >"$R/etc/ssh/sshd_config" <<'C'

# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

# This sshd was compiled with PATH=/usr/local/bin:/usr/bin:/bin:/usr/games

Include /etc/ssh/sshd_config.d/*.conf

#Port 22
#AddressFamily any
#ListenAddress 0.0.0.0

# Authentication:

#LoginGraceTime 2m
#PermitRootLogin prohibit-password
#StrictModes yes
#MaxAuthTries 6
#MaxSessions 10

#PubkeyAuthentication yes

# Expect .ssh/authorized_keys2 to be disregarded by default in future.
#AuthorizedKeysFile	.ssh/authorized_keys .ssh/authorized_keys2

#AuthorizedKeysCommand none
#AuthorizedKeysCommandUser nobody

# To disable tunneled clear text passwords, change to no here!
#PasswordAuthentication yes
#PermitEmptyPasswords no

KbdInteractiveAuthentication no
UsePAM yes
X11Forwarding yes
PrintMotd no
AcceptEnv LANG LC_*
Subsystem	sftp	/usr/lib/openssh/sftp-server

#Match User anoncvs
#	X11Forwarding no
#	ForceCommand cvs server
C
	printf 'PasswordAuthentication no\n' >"$R/etc/ssh/sshd_config.d/50-cloud-init.conf"
	printf '%s ssh-ed25519 %s cloud\n' "$STUB" "$K1" >"$R/root/.ssh/authorized_keys"
	printf 'ssh-ed25519 %s admin@laptop\n' "$K1" >"$R/home/admin/.ssh/authorized_keys"
	chmod 0700 "$R/root/.ssh" "$R/home/admin/.ssh"
	chmod 0600 "$R/root/.ssh/authorized_keys" "$R/home/admin/.ssh/authorized_keys"
	touch -d '30 days ago' "$R/root/.ssh/authorized_keys" "$R/home/admin/.ssh/authorized_keys"
	# the image was last running now: its package status is from today
	: >"$R/var/lib/dpkg/status"
}

# ---- clean -------------------------------------------------------------------
C=$T/clean
mkimg "$C"
rm_json "$T/clean.json" --root "$C" --facts
jq_true "$T/clean.json" '[.findings[] | select(.severity != "info" and .severity != "low")] | length == 0' \
	"the clean Debian image has findings: $(dump_findings "$T/clean.json")"
# the facts are there: shadow states, shells, sudo rules, sshd options
jq_true "$T/clean.json" '.facts.accounts[] | select(.name == "root") | .password == "locked" and .shell_state == "found" and .shell_listed' \
	"root's facts: $(jq -c '.facts.accounts[0]' "$T/clean.json")"
jq_true "$T/clean.json" '.facts.accounts[] | select(.name == "daemon") | .shell_state == "found" and (.shell_listed | not)' \
	"daemon's nologin: $(jq -c '.facts.accounts[1]' "$T/clean.json")"
jq_true "$T/clean.json" '[.facts.sudo_rules[] | select(.kind == "rule")] | map(.users) == ["root", "%sudo", "admin"]' \
	"sudo rules: $(jq -c '[.facts.sudo_rules[] | select(.kind == "rule")]' "$T/clean.json")"
jq_true "$T/clean.json" '[.facts.sudo_rules[] | select(.kind == "file") | .file] == ["/etc/sudoers", "/etc/sudoers.d/90-cloud-init-users", "/etc/sudoers.d/README"]' \
	"sudoers files: $(jq -c '[.facts.sudo_rules[] | select(.kind == "file") | .file]' "$T/clean.json")"
jq_true "$T/clean.json" '.facts.sshd_options[] | select(.keyword == "passwordauthentication") | .file == "/etc/ssh/sshd_config.d/50-cloud-init.conf" and .effective' \
	"the included file: $(jq -c '.facts.sshd_options' "$T/clean.json")"
# cloud-init's rule for admin: info at most
jq_true "$T/clean.json" '[.findings[] | select(.rule.id == "RM-ACCT-003")] | all(.severity == "info")' \
	"cloud-init's sudo rule: $(dump_findings "$T/clean.json")"
# month-old keys are not "recent"
jq_true "$T/clean.json" '[.findings[] | select(.rule.id == "RM-PER-003")] | length == 0' \
	"old keys reported: $(dump_findings "$T/clean.json")"

# ---- attacked ----------------------------------------------------------------
R=$T/bad
mkimg "$R"
chmod 0644 "$R/etc/shadow" "$R"/etc/sudoers "$R"/etc/sudoers.d/*
# usermod -s /bin/bash -p HASH daemon
sed -i 's|^daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin$|daemon:x:1:1:daemon:/usr/sbin:/bin/bash|' "$R/etc/passwd"
sed -i "s|^daemon:\\*:|daemon:$HASH:|" "$R/etc/shadow"
# usermod -aG sudo daemon
sed -i 's|^sudo:x:27:admin$|sudo:x:27:admin,daemon|' "$R/etc/group"
# useradd -g 0 -s /bin/bash sysupd ; Perfctl-style shell with a blank
printf 'sysupd:x:1001:0::/home/sysupd:/bin/bash\n' >>"$R/etc/passwd"
printf 'sysupd:!:19700:0:99999:7:::\n' >>"$R/etc/shadow"
sed -i 's|^news:x:9:9:news:/var/spool/news:/usr/sbin/nologin$|news:x:9:9:news:/var/spool/news:/bin/bash |' "$R/etc/passwd"
grep -q '^news:.*/bin/bash $' "$R/etc/passwd" || fail "fixture: news's shell"
# echo ... >> /etc/sudoers ; a sudoers.d file for a user that is not here
printf 'daemon ALL=(ALL) NOPASSWD: ALL\n' >>"$R/etc/sudoers"
printf 'hilde ALL=(ALL:ALL) NOPASSWD:ALL\n' >"$R/etc/sudoers.d/10-hilde"
printf '# keep\n' >"$R/etc/sudoers.d/zz-open"
chmod 0440 "$R/etc/sudoers" "$R/etc/sudoers.d/10-hilde"
chmod 0666 "$R/etc/sudoers.d/zz-open"
# sed on sshd_config: root with passwords, a hidden key store
sed -i 's|^#PermitRootLogin prohibit-password$|PermitRootLogin yes|' "$R/etc/ssh/sshd_config"
sed -i 's|^#AuthorizedKeysFile.*$|AuthorizedKeysFile .ssh/authorized_keys /etc/ssh/.keys/%u|' "$R/etc/ssh/sshd_config"
sed -i 's|PasswordAuthentication no|PasswordAuthentication yes|' "$R/etc/ssh/sshd_config.d/50-cloud-init.conf"
mkdir -p "$R/etc/ssh/.keys"
printf 'ssh-ed25519 %s root@x\n' "$K2" >"$R/etc/ssh/.keys/root"
touch -d '30 days ago' "$R/etc/ssh/.keys/root"
# a key added today to admin's file (the old one stays)
printf 'ssh-ed25519 %s\n' "$K2" >>"$R/home/admin/.ssh/authorized_keys"

rm_json "$T/bad.json" --root "$R" --facts
[ "$RC" = 1 ] || fail "the attacked image exits $RC, expected 1"
grep -q 'Zm9vYmFy' "$T/bad.json" && fail "the password hash (or its salt) is in the output"

one() {  # RULE JQ-SELECT: exactly one such finding; F holds it
	local all n
	all=$(jq -c --arg r "$1" "[.findings[] | select(.rule.id == \$r) | select($2)]" "$T/bad.json")
	n=$(jq length <<<"$all")
	[ "$n" = 1 ] || { dump_findings "$T/bad.json" >&2; fail "$n $1 findings matching $2, expected 1"; }
	F=$(jq -c '.[0]' <<<"$all")
	F_WHAT="$1 $2"
}
one RM-ACCT-002 '.evidence.account == "daemon" and .file.path == "/etc/passwd"'
f_eq .severity high
f_eq .evidence.password set
f_eq .evidence.password_hash_type sha512crypt
f_eq .evidence.shell /bin/bash
f_eq .evidence.system_account true
f_eq .file.path /etc/passwd
one RM-ACCT-002 '.evidence.account == "daemon" and .file.path == "/etc/group"'
f_eq .severity high
f_eq .evidence.group sudo
one RM-ACCT-002 '.evidence.account == "sysupd"'
f_eq .severity high
f_eq .evidence.gid 0
one RM-ACCT-002 '.evidence.account == "news"'
f_eq .severity high
f_eq .evidence.shell '/bin/bash '
f_eq '.message | contains("blank")' true
one RM-ACCT-003 '.evidence.user == "hilde"'
f_eq .severity high
f_eq .file.path /etc/sudoers.d/10-hilde
f_eq .evidence.line 1
f_eq .evidence.nopasswd true
one RM-ACCT-003 '.evidence.user == "daemon"'
f_eq .severity high
f_eq .file.path /etc/sudoers
f_eq .evidence.uid 1
one RM-ACCT-003 '.file.path == "/etc/sudoers.d/zz-open"'
f_eq .severity high
f_eq .evidence.file_mode 0666
one RM-PER-006 '.evidence.keyword == "permitrootlogin"'
f_eq .severity medium
f_eq .file.path /etc/ssh/sshd_config
f_eq .evidence.password_authentication true
one RM-PER-006 '.evidence.keyword == "authorizedkeysfile"'
f_eq .severity high
f_eq .evidence.path /etc/ssh/.keys/%u
# the key in the hidden key store: collected and flagged
one RM-PER-003 '.file.path == "/etc/ssh/.keys/root"'
f_eq .severity high
f_eq .evidence.account root
f_eq .evidence.authorized_keys_file /etc/ssh/.keys/%u
jq_true "$T/bad.json" '[.facts.ssh_keys[] | select(.path == "/etc/ssh/.keys/root")] | length == 1' \
	"the hidden key file was not read: $(jq -c '.facts.ssh_keys' "$T/bad.json")"
# the key added today: low, with its age (the file's: both of its keys)
one RM-PER-003 '.file.path == "/home/admin/.ssh/authorized_keys" and .evidence.line == 2'
f_eq .severity low
f_eq .evidence.recently_modified true
f_eq .evidence.file_age_days 0
f_eq .evidence.account admin
# nothing else at medium or above (postgres, cloud-init, the stub)
jq_true "$T/bad.json" '[.findings[] | select(.severity != "info" and .severity != "low") | .rule.id] | sort == ["RM-ACCT-002", "RM-ACCT-002", "RM-ACCT-002", "RM-ACCT-002", "RM-ACCT-003", "RM-ACCT-003", "RM-ACCT-003", "RM-PER-003", "RM-PER-006", "RM-PER-006"]' \
	"unexpected findings: $(dump_findings "$T/bad.json")"
finish
