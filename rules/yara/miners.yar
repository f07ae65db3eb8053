/*
 * miners.yar - cryptocurrency miner programs (executables and their
 * memory).  Built into rookmelder; rule names start with rm_ because all
 * built-in files share one namespace.  Every rule needs several strings of
 * one program together: a miner's name alone (in a log, a scanner's own
 * table, documentation) is not enough.
 */

rule rm_miner_xmrig : miner xmrig
{
	meta:
		description = "XMRig CPU/GPU miner: its donation servers, config file names and MSR/huge-page tuning options"
		category = "mining"
		severity = "high"
		reference = "https://github.com/xmrig/xmrig (src/base/kernel/config, src/core/config/usage.h)"
		author = "rookmelder"
	strings:
		$name1 = "donate.v2.xmrig.com" ascii
		$name2 = "donate.ssl.xmrig.com" ascii
		$name3 = ".xmrig.json" ascii
		$name4 = "xmrig-proxy" ascii
		$name5 = "libxmrig-cuda.so" ascii
		$name6 = "XMRIG_INCLUDE_" ascii
		$opt1 = "--donate-level" ascii
		$opt2 = "--randomx-wrmsr" ascii
		$opt3 = "--cpu-max-threads-hint" ascii
		$opt4 = "--randomx-1gb-pages" ascii
		$opt5 = "/sys/module/msr/parameters/allow_writes" ascii
		$opt6 = "modprobe msr allow_writes=on" ascii
		$opt7 = "stratum+tcp://" ascii
		$opt8 = "\"donate-over-proxy\"" ascii
	condition:
		2 of ($name*) and 3 of ($opt*)
}

rule rm_miner_xmrig_renamed : miner xmrig
{
	meta:
		description = "An executable with XMRig's command-line help and RandomX MSR tuning but its name strings removed (a rebuilt or renamed XMRig)"
		category = "mining"
		severity = "high"
		reference = "https://github.com/xmrig/xmrig/blob/master/src/core/config/usage.h"
		author = "rookmelder"
	strings:
		$u1 = "--donate-level=N" ascii
		$u2 = "--randomx-mode=MODE" ascii
		$u3 = "--randomx-wrmsr=N" ascii
		$u4 = "--cpu-max-threads-hint=N" ascii
		$u5 = "--randomx-no-rdmsr" ascii
		$u6 = "--huge-pages-jit" ascii
		$u7 = "--nicehash" ascii
		$u8 = "--rig-id=ID" ascii
	condition:
		uint32(0) == 0x464c457f and 5 of them
}

rule rm_miner_xmr_stak : miner xmr_stak
{
	meta:
		description = "xmr-stak / xmr-stak-rx Monero miner: its name with its pool and wallet configuration keys"
		category = "mining"
		severity = "high"
		reference = "https://github.com/fireice-uk/xmr-stak (xmrstak/pools.tpl, xmrstak/misc/executor.cpp)"
		author = "rookmelder"
	strings:
		$n1 = "xmr-stak" ascii nocase
		$n2 = "fireice-uk" ascii
		$k1 = "\"pool_address\"" ascii
		$k2 = "\"wallet_address\"" ascii
		$k3 = "\"rig_id\"" ascii
		$k4 = "\"pool_password\"" ascii
		$k5 = "\"use_nicehash\"" ascii
		$k6 = "\"currency\"" ascii
		$k7 = "pools.txt" ascii
	condition:
		1 of ($n*) and 3 of ($k*)
}

rule rm_miner_cpuminer : miner cpuminer
{
	meta:
		description = "cpuminer / cpuminer-opt / cpuminer-multi (minerd): its usage text with stratum and coinbase options"
		category = "mining"
		severity = "high"
		reference = "https://github.com/pooler/cpuminer (cpu-miner.c usage), https://github.com/JayDDee/cpuminer-opt"
		author = "rookmelder"
	strings:
		$n1 = "cpuminer" ascii
		$n2 = "minerd" ascii fullword
		$n3 = "cpuminer-opt" ascii
		$u1 = "--coinbase-addr=ADDR" ascii
		$u2 = "--no-stratum" ascii
		$u3 = "--no-getwork" ascii
		$u4 = "--no-longpoll" ascii
		$u5 = "stratum+tcp://" ascii
		$u6 = "mining.subscribe" ascii
		$u7 = "--cpu-affinity" ascii
		$u8 = "--benchmark" ascii
	condition:
		uint32(0) == 0x464c457f and 1 of ($n*) and 4 of ($u*)
}

rule rm_miner_gpu_family : miner gpu_miner
{
	meta:
		description = "A GPU/multi-algorithm miner (SRBMiner, lolMiner, T-Rex, NBMiner, PhoenixMiner, ccminer, nanominer, TeamRedMiner, GMiner) with pool and wallet options"
		category = "mining"
		severity = "high"
		reference = "the miners' own --help texts and release notes"
		author = "rookmelder"
	strings:
		$n1 = "SRBMiner-MULTI" ascii
		$n2 = "lolMiner" ascii
		$n3 = "T-Rex NVIDIA GPU miner" ascii
		$n4 = "NBMiner" ascii
		$n5 = "PhoenixMiner" ascii
		$n6 = "ccminer" ascii
		$n7 = "nanominer" ascii
		$n8 = "teamredminer" ascii
		$n9 = "GMiner" ascii fullword
		$p1 = "stratum+tcp://" ascii
		$p2 = "stratum+ssl://" ascii
		$p3 = "mining.subscribe" ascii
		$p4 = "mining.authorize" ascii
		$p5 = "eth_submitLogin" ascii
		$p6 = "--wallet" ascii
		$p7 = "--pool" ascii
		$p8 = "hashrate" ascii nocase
		$p9 = "--algo" ascii
	condition:
		uint32(0) == 0x464c457f and 1 of ($n*) and 4 of ($p*)
}

rule rm_miner_generic_stratum_client : miner
{
	meta:
		description = "An executable that speaks stratum (both the Monero login/job/submit dialect and the mining.* dialect) and takes a pool URL: a miner, name unknown"
		category = "mining"
		severity = "medium"
		reference = "stratum mining protocol (slushpool), XMRig/xmr-stak protocol notes"
		author = "rookmelder"
	strings:
		$url1 = "stratum+tcp://" ascii
		$url2 = "stratum+ssl://" ascii
		$m1 = "mining.subscribe" ascii
		$m2 = "mining.authorize" ascii
		$m3 = "mining.notify" ascii
		$m4 = "mining.submit" ascii
		$x1 = "keepalived" ascii fullword
		$x2 = "\"job_id\"" ascii
		$x3 = "seed_hash" ascii
		$x4 = "nicehash" ascii
		$x5 = "hashrate" ascii nocase
		$self = "rookmelder: " ascii
	condition:
		uint32(0) == 0x464c457f and 1 of ($url*) and 2 of ($m*) and 2 of ($x*) and
		not $self  // rookmelder's own stratum parser (another copy of it)
}
