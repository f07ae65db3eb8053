/*
 * miner_config.yar - miner configuration files (XMRig-style JSON, ini or
 * command lines) on disk or in a miner's memory.  A config names a pool and
 * a wallet, or carries the tuning keys only a miner reads.
 */

rule rm_miner_config_pool_wallet : miner config
{
	meta:
		description = "Miner configuration: a pools list whose entry has a url, a user (the wallet) and a pass, next to miner-only keys"
		category = "mining"
		severity = "high"
		reference = "https://xmrig.com/docs/miner/config/pool"
		author = "rookmelder"
	strings:
		$pools = /"pools"\s{0,8}:\s{0,8}\[/ ascii
		$url = /"url"\s{0,8}:\s{0,8}"/ ascii
		$user = /"user"\s{0,8}:\s{0,8}"/ ascii
		$pass = /"pass"\s{0,8}:\s{0,8}"/ ascii
		$k1 = "\"donate-level\"" ascii
		$k2 = "\"randomx\"" ascii
		$k3 = "\"nicehash\"" ascii
		$k4 = "\"rig-id\"" ascii
		$k5 = "\"keepalive\"" ascii
		$k6 = /"algo"\s{0,8}:\s{0,8}"(rx|cn|cn-lite|cn-heavy|cn-pico|argon2|kawpow|ghostrider|astrobwt)\// ascii
		$k7 = "\"coin\"" ascii
		$k8 = "stratum+" ascii
	condition:
		$pools and $url and $user and $pass and 2 of ($k*)
}

rule rm_miner_config_xmrig_keys : miner config xmrig
{
	meta:
		description = "XMRig configuration: donate-level with its randomx/cpu sections and tuning keys (a config left by a dropper, even without a pool)"
		category = "mining"
		severity = "medium"
		reference = "https://xmrig.com/docs/miner/config"
		author = "rookmelder"
	strings:
		$donate = /"donate-level"\s{0,8}:\s{0,8}[0-9]/ ascii
		$rx = /"randomx"\s{0,8}:\s{0,8}\{/ ascii
		$cpu = /"cpu"\s{0,8}:\s{0,8}\{/ ascii
		$t1 = "\"max-threads-hint\"" ascii
		$t2 = "\"huge-pages\"" ascii
		$t3 = "\"1gb-pages\"" ascii
		$t4 = "\"wrmsr\"" ascii
		$t5 = "\"rdmsr\"" ascii
		$t6 = "\"mode\"" ascii
		$t7 = "\"init\"" ascii
		$t8 = "\"donate-over-proxy\"" ascii
		$t9 = "\"autosave\"" ascii
	condition:
		$donate and ($rx or $cpu) and 2 of ($t*)
}

rule rm_miner_pool_url_with_wallet : miner config
{
	meta:
		description = "A stratum pool URL with a Monero wallet address given as the user near it (a miner command line, ini file or script)"
		category = "mining"
		severity = "high"
		reference = "Monero address format (95 base58 characters starting 4 or 8); stratum URL scheme"
		author = "rookmelder"
	strings:
		$url = /stratum\+(tcp|ssl|tls):\/\/[A-Za-z0-9._-]{3,100}:[0-9]{2,5}/ ascii
		$wallet = /(-u\s{1,4}|--user[= ]|"user"\s{0,4}:\s{0,4}"|user\s{0,4}=\s{0,4}"?|-u=|--login[= ]|wallet[_ ]?(address)?"?\s{0,4}[:=]\s{0,4}"?)[48][0-9AB][1-9A-HJ-NP-Za-km-z]{93}/ ascii
	condition:
		$url and $wallet and
		for any i in (1..#url) : ( $wallet in (@url[i] - 400 .. @url[i] + 600) )
}

rule rm_miner_cmdline_pool_user : miner config
{
	meta:
		description = "A miner started with a pool (-o/--url stratum+...) and a user/wallet (-u/--user) on one command line, in a script, unit or crontab"
		category = "mining"
		severity = "high"
		reference = "XMRig/cpuminer/xmr-stak command-line options"
		author = "rookmelder"
	strings:
		$cmd = /(-o|--url[= ])\s{0,4}["']?stratum\+(tcp|ssl|tls):\/\/[^\s"']{3,120}[^\n]{0,200}\s(-u|--user[= ])\s{0,4}["']?[A-Za-z0-9._+-]{8,}/ ascii
	condition:
		$cmd
}
