#!/bin/bash
# Real campaigns in disk images (--root; unprivileged is fine).  One image
# per campaign, built by tests/e2e/campaigns.sh from the artefacts its real
# scripts write (tests/data/campaign-artefacts.txt: text excerpts of the
# samples, checked against them when shared/material sits beside the
# checkout; nothing is run): each must yield the findings its artefacts
# call for, with the offending file in evidence.  Then what must stay
# quiet at high or above: the Debian 12 base alone, the same base holding
# the clean negatives (an admin's ModemManager.service, a build script
# that downloads with curl | tar run weekly, the clean FreeDownloadManager
# postinst, systemd's own test script), and this host's root read as an
# image.
# e2e-timeout: 240
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/e2e/campaigns.sh"

campaigns_check_samples || fail "campaign excerpts differ from the samples"

# has FILE RULE [PATH-SUBSTRING]: a finding of RULE at medium or above whose
# file or evidence mentions PATH-SUBSTRING
has() {
	jq_true --arg r "$2" --arg p "${3:-}" "$1" \
		'[.findings[] | select(.rule.id == $r)
		  | select(.severity as $s | ["medium","high","critical"] | index($s))
		  | select($p == "" or (tostring | contains($p)))] | length > 0' \
		"${1##*/}: no $2 at medium or above${3:+ naming $3}"
}
# quiet FILE: nothing at high or above
quiet() {
	jq_true "$1" '[.findings[] | select(.severity == "high" or .severity == "critical")] | length == 0' \
		"${1##*/}: findings at high or above on a clean image: $(jq -c '[.findings[] | select(.severity == "high" or .severity == "critical") | [.rule.id, .message]]' "$1")"
}

for c in $CAMPAIGNS; do
	mkdir -p "$T/$c"
	campaign_build "$c" "$T/$c" || fail "building the $c image"
	rm_json "$T/$c.json" --root "$T/$c" --cpu-window 0
	[ "$RC" -eq 1 ] || fail "$c: exit $RC, want 1 (findings)"
done

# Mirai: a systemd service restarting /var/tmp/nginx_kel forever
has "$T/mirai.json" RM-PER-004 /var/tmp/nginx_kel
has "$T/mirai.json" RM-PER-004 dnsconfigs.service
# k4spreader: a service that copies /bin/knlib to a new name, runs and
# deletes it
has "$T/k4spreader.json" RM-PER-004 dpkg-deb-package.service
# Gelsemium: an init script and a profile.d script starting a program in a
# hidden directory
has "$T/gelsemium.json" RM-PER-004 /etc/init.d/S60dlump
has "$T/gelsemium.json" RM-PER-004 /etc/profile.d/profile.sh
# Spinning YARN: base64 | bash every minute, a Redis dump in cron.d,
# services in /var/tmp/.11 and a dot-dir, chattr renamed and replaced
has "$T/spinning-yarn.json" RM-PER-001 /etc/crontab
has "$T/spinning-yarn.json" RM-PER-002 /etc/cron.d/zzh
has "$T/spinning-yarn.json" RM-PER-004 /var/tmp/.11/sshd
has "$T/spinning-yarn.json" RM-PER-004 /var/.httpd
has "$T/spinning-yarn.json" RM-EVA-005 zzhcht
has "$T/spinning-yarn.json" RM-ROOT-001 /usr/bin/chattr
has "$T/spinning-yarn.json" RM-EVA-008 SELINUX=disabled
has "$T/spinning-yarn.json" RM-EVA-009 registry-1.docker.io
# Hadooken: wipe_logs.sh wrote "0" over wtmp
has "$T/hadooken.json" RM-EVA-007 /var/log/wtmp
has "$T/hadooken.json" RM-EVA-007 /var/log/secure
# Kinsing: every-minute download-and-run, the cloud agent removed,
# AppArmor disabled
has "$T/kinsing.json" RM-PER-001 195.3.146.118
has "$T/kinsing.json" RM-EVA-008 aliyun
has "$T/kinsing.json" RM-EVA-008 apparmor

# ---- what must stay quiet ----------------------------------------------------
B=$T/base
mkdir -p "$B"
campaign_base "$B"
rm_json "$T/base.json" --root "$B" --cpu-window 0
quiet "$T/base.json"
jq_true "$T/base.json" '[.findings[] | select(.severity == "medium")] | length == 0' \
	"the Debian base has medium findings: $(jq -c '[.findings[] | [.rule.id, .message]]' "$T/base.json")"

N=$T/negatives
mkdir -p "$N"
campaign_base "$N"
neg=$TOP/tests/data/clean-negatives
src=$TOP/../shared/material/scripts/clean-negatives
if [ -d "$src" ]; then
	for f in "$neg"/*; do
		cmp -s "$f" "$src/${f##*/}" || fail "tests/data/clean-negatives/${f##*/} differs from shared/material"
	done
fi
cp "$neg/clean__ModemManager.service.txt" "$N/etc/systemd/system/ModemManager.service"
enable_unit "$N" ModemManager.service multi-user.target
mkdir -p "$N/etc/cron.weekly" "$N/usr/lib/systemd/tests" "$N/etc/apt/sources.list.d"
install -m 0755 "$neg/clean__emscripten.sh.txt" "$N/etc/cron.weekly/emsdk-refresh"
install -m 0755 "$neg/2023.FreeDownloadManager__freedownloadmanager_clear_postinst.txt" \
	"$N/var/lib/dpkg/info/freedownloadmanager.postinst"
echo "deb [arch=amd64] https://debrepo.freedownloadmanager.org/ bionic main" \
	>"$N/etc/apt/sources.list.d/freedownloadmanager.list"
install -m 0755 "$neg/clean__TEST-07-PID1.main-PID-change.sh.txt" \
	"$N/usr/lib/systemd/tests/TEST-07-PID1.main-PID-change.sh"
rm_json "$T/negatives.json" --root "$N" --cpu-window 0
quiet "$T/negatives.json"

# this host's own root, read as an image (a real Debian 12 installation)
rm_json "$T/host.json" --root / --cpu-window 0
quiet "$T/host.json"
finish
