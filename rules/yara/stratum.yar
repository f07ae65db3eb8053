/*
 * stratum.yar - stratum mining protocol messages, as they sit in a miner's
 * memory, in captured traffic or in logs: the Monero dialect XMRig,
 * xmr-stak and their pools speak (login / job / submit / keepalived) and
 * the Bitcoin-style mining.* dialect.  Each rule needs the method with the
 * fields that make it a mining message, so plain JSON-RPC (an Ethereum
 * node's eth_getWork, a language server's initialize, monerod's get_info)
 * stays silent.  XMRig parses pool messages in place, which overwrites a
 * key's closing quote with a NUL ("job_id\0:"...), so keys in the pool's
 * messages are matched without their closing quote.
 */

rule rm_stratum_monero_login : stratum miner
{
	meta:
		description = "Stratum login request of a Monero miner: method login with the wallet (login), pass and the miner's agent string"
		category = "mining"
		severity = "high"
		reference = "XMRig src/base/net/stratum/Client.cpp (login request), tests/helpers/testpool.c"
		author = "rookmelder"
	strings:
		$method = /"method"\s{0,4}:\s{0,4}"login"/ ascii
		$login = /"login"\s{0,4}:\s{0,4}"/ ascii
		$agent = /"agent"\s{0,4}:\s{0,4}"/ ascii
		$pass = /"pass"\s{0,4}:\s{0,4}"/ ascii
	condition:
		for any i in (1..#method) : (
			$login in (@method[i] .. @method[i] + 600) and
			$agent in (@method[i] .. @method[i] + 1200) and
			$pass in (@method[i] .. @method[i] + 1200)
		)
}

rule rm_stratum_monero_job : stratum miner
{
	meta:
		description = "Stratum job from a Monero pool: a hashing blob with its job_id and target (and seed_hash/algo), as pushed to or kept by a miner"
		category = "mining"
		severity = "high"
		reference = "XMRig src/base/net/stratum/Job.cpp, Client::parseJob"
		author = "rookmelder"
	strings:
		$blob = /"blob[\x00"]\s{0,4}:\s{0,4}"[0-9a-f]{16}/ ascii
		$jobid = /"job_id[\x00"]\s{0,4}:/ ascii
		$target = /"target[\x00"]\s{0,4}:\s{0,4}"[0-9a-f]{8}/ ascii
		$seed = /"seed_hash[\x00"]\s{0,4}:\s{0,4}"[0-9a-f]{64}/ ascii
		$algo = /"algo[\x00"]\s{0,4}:\s{0,4}"[a-z0-9]{2,12}\// ascii
	condition:
		for any i in (1..#jobid) : (
			$blob in (@jobid[i] - 400 .. @jobid[i] + 400) and
			$target in (@jobid[i] - 400 .. @jobid[i] + 400) and
			( $seed in (@jobid[i] - 400 .. @jobid[i] + 600) or
			  $algo in (@jobid[i] - 400 .. @jobid[i] + 400) )
		)
}

rule rm_stratum_monero_submit : stratum miner
{
	meta:
		description = "Stratum share submission of a Monero miner: method submit with job_id, nonce and result"
		category = "mining"
		severity = "high"
		reference = "XMRig src/base/net/stratum/Client.cpp (submit)"
		author = "rookmelder"
	strings:
		$method = /"method"\s{0,4}:\s{0,4}"submit"/ ascii
		$jobid = /"job_id"\s{0,4}:\s{0,4}"/ ascii
		$nonce = /"nonce"\s{0,4}:\s{0,4}"[0-9a-f]{8}"/ ascii
		$result = /"result"\s{0,4}:\s{0,4}"[0-9a-f]{64}"/ ascii
	condition:
		for any i in (1..#method) : (
			$jobid in (@method[i] .. @method[i] + 400) and
			$nonce in (@method[i] .. @method[i] + 400) and
			$result in (@method[i] .. @method[i] + 600)
		)
}

rule rm_stratum_bitcoin_dialect : stratum miner
{
	meta:
		description = "Stratum (mining.*) messages of a Bitcoin-style miner or pool: at least two of subscribe/authorize/notify/submit/set_difficulty sent as JSON-RPC methods"
		category = "mining"
		severity = "high"
		reference = "https://en.bitcoin.it/wiki/Stratum_mining_protocol"
		author = "rookmelder"
	strings:
		$sub = /"method"\s{0,4}:\s{0,4}"mining\.subscribe"/ ascii
		$auth = /"method"\s{0,4}:\s{0,4}"mining\.authorize"/ ascii
		$notify = /"method"\s{0,4}:\s{0,4}"mining\.notify"/ ascii
		$submit = /"method"\s{0,4}:\s{0,4}"mining\.submit"/ ascii
		$diff = /"method"\s{0,4}:\s{0,4}"mining\.set_difficulty"/ ascii
	condition:
		2 of them
}

rule rm_stratum_eth_proxy : stratum miner
{
	meta:
		description = "Ethereum-style stratum (eth-proxy) of a GPU miner: eth_submitLogin together with eth_getWork/eth_submitWork (a node's RPC never logs in)"
		category = "mining"
		severity = "high"
		reference = "EthereumStratum / eth-proxy protocol (ethminer, PhoenixMiner, NBMiner)"
		author = "rookmelder"
	strings:
		$login = /"method"\s{0,4}:\s{0,4}"eth_submitLogin"/ ascii
		$work = /"method"\s{0,4}:\s{0,4}"eth_(getWork|submitWork|submitHashrate)"/ ascii
	condition:
		$login and $work
}
