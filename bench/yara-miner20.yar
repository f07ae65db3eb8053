/*
 * bench/yara-miner20.yar - the benchmark's miner rule set (bench/yara.sh):
 * 21 rules / 29 strings of the kind a cryptojacking rule set holds
 * (stratum URLs, miner names and agent strings, pool domains, the stratum
 * methods, one regex), plain strings, most of them nocase.  Not a
 * detection rule set: it exists to make YARA's and rookmelder's
 * throughput comparable with the same work.
 */
rule bench_stratum_tcp { strings: $a = "stratum+tcp://" nocase condition: $a }
rule bench_stratum_ssl { strings: $a = "stratum+ssl://" nocase $b = "stratum+tls://" nocase condition: any of them }
rule bench_stratum2    { strings: $a = "stratum2+tcp://" nocase condition: $a }
rule bench_xmrig       { strings: $a = "xmrig" nocase condition: $a }
rule bench_xmrig_agent { strings: $a = "XMRig/" condition: $a }
rule bench_randomx     { strings: $a = "randomx" nocase $b = "rx/0" condition: $a and $b }
rule bench_cryptonight { strings: $a = "cryptonight" nocase ascii wide condition: $a }
rule bench_donate      { strings: $a = "donate-level" nocase $b = "donate_level" nocase condition: any of them }
rule bench_pool_minexmr  { strings: $a = "pool.minexmr.com" nocase condition: $a }
rule bench_pool_supportxmr { strings: $a = "pool.supportxmr.com" nocase condition: $a }
rule bench_pool_nanopool { strings: $a = "xmr.nanopool.org" nocase $b = "nanopool.org:14444" nocase condition: any of them }
rule bench_pool_2miners  { strings: $a = "xmr.2miners.com" nocase condition: $a }
rule bench_pool_hashvault { strings: $a = "pool.hashvault.pro" nocase condition: $a }
rule bench_pool_moneroocean { strings: $a = "gulf.moneroocean.stream" nocase condition: $a }
rule bench_pool_c3pool   { strings: $a = "c3pool.com" nocase $b = "auto.c3pool.org" nocase condition: any of them }
rule bench_pool_f2pool   { strings: $a = "xmr.f2pool.com" nocase condition: $a }
rule bench_pool_herominers { strings: $a = "herominers.com" nocase condition: $a }
rule bench_stratum_methods {
	strings:
		$a = "mining.subscribe"
		$b = "mining.authorize"
		$c = "mining.submit"
	condition: any of them
}
rule bench_stratum_login { strings: $a = /"method"\s*:\s*"login"/ condition: $a }
rule bench_coinhive     { strings: $a = "coinhive" nocase $b = "CoinHive.Anonymous" condition: any of them }
rule bench_cpuminer     { strings: $a = "cpuminer" nocase $b = "minerd" nocase condition: any of them }
