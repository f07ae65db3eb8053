/*
 * droppers.yar - shell/Python droppers and the clean-up they do on a host
 * they take over: download-and-run, rival killing, security-agent removal,
 * ld.so.preload and chattr tampering, log and history wiping, tuning the
 * CPU for mining, persistence that runs from world-writable directories.
 * Rules look for the shape of the behaviour (a fetch piped to a shell, a
 * fetch then chmod then run, many kill lines), not for single words.
 */

rule rm_dropper_fetch_ip_pipe_shell : dropper
{
	meta:
		description = "Downloads a script from a bare IP address and pipes it straight into a shell (curl/wget ... http://IP/... | sh)"
		category = "initial-access"
		severity = "high"
		reference = "PAN-OS UPSTYLE dropper (Volexity 2024); Hadooken (Aqua 2024); Kinsing install.sh"
		author = "rookmelder"
	strings:
		$fetch = /(curl|wget|lwp-download)\s[^\n]{0,200}h[tx]{2}ps?:\/\/[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}[^\n]{0,300}\|\s{0,4}(sudo\s{1,4})?(\/usr)?(\/bin\/)?(ba|da|z|k)?sh\b/ ascii
	condition:
		$fetch
}

rule rm_dropper_fetch_pipe_shell_tmp : dropper
{
	meta:
		description = "Downloads a script into /tmp, /var/tmp or /dev/shm (or pipes it to a shell) and runs it from there"
		category = "initial-access"
		severity = "high"
		reference = "Hadooken drop1.sh (Aqua Nautilus 2024): curl, wget or lwp-download into /tmp/c, piped to bash, then bash /tmp/c"
		author = "rookmelder"
	strings:
		$a = /(curl|wget|lwp-download)\s[^\n]{0,200}\s(-o|-O|>)?\s{0,3}\/(tmp|var\/tmp|dev\/shm)\/[^\n]{0,100}\|\s{0,4}(ba|da|z)?sh\b/ ascii
		$b = /(curl|wget|lwp-download)\s[^\n]{0,300}\|\s{0,4}(ba|da|z)?sh[^\n]{0,20};\s{0,4}(ba|da|z)?sh\s{1,4}\/(tmp|var\/tmp|dev\/shm)\// ascii
	condition:
		any of them
}

rule rm_dropper_python_fetch_exec : dropper
{
	meta:
		description = "Python one-liner that downloads code and executes it (exec(urllib...urlopen(URL).read()))"
		category = "initial-access"
		severity = "high"
		reference = "Hadooken drop2.sh, k4spreader 2.decoded (Sekoia 2024), Spinning YARN cron line (Cado 2024)"
		author = "rookmelder"
	strings:
		$e1 = "exec(urllib.request.urlopen(" ascii
		$e2 = "exec(urllib.urlopen(" ascii
		$e3 = "exec(urllib2.urlopen(" ascii
		$e4 = "exec(requests.get(" ascii
		$p1 = /print\(? ?urllib2?\.urlopen\(["'][a-z]{3,5}:\/\/[^\n]{1,200}\.read\(\)[^\n]{0,40}>\s{0,3}[^\s;]{1,64}\s{0,3};\s{0,3}chmod/ ascii
	condition:
		any of them
}

rule rm_dropper_fetch_disguised_exec : dropper
{
	meta:
		description = "Downloads a file named like an image or document (.jpg/.png/.gif/.ico/.txt/.pdf), then makes it executable and runs it"
		category = "initial-access"
		severity = "high"
		reference = "Magnet Goblin dropper (Check Point 2024): an avatar .jpg saved as cli, made executable and started"
		author = "rookmelder"
	strings:
		$a = /(curl|wget)\s[^\n]{0,200}\.(jpg|jpeg|png|gif|ico|bmp|txt|pdf|css)\b[^\n]{0,60}(-o|-O|>)[^\n]{0,120}chmod\s{0,3}(\+x|[0-7]?7[0-7][0-7])[^\n]{0,80}(&&|;)\s{0,3}(\.\/|\/)/ ascii
		$b = /(curl|wget)\s[^\n]{0,60}(-o|-O)\s{0,3}[^\n]{0,120}\.(jpg|jpeg|png|gif|ico|bmp|txt|pdf|css)\b[^\n]{0,60}(&&|;)\s{0,3}chmod\s{0,3}(\+x|[0-7]?7[0-7][0-7])[^\n]{0,80}(&&|;)\s{0,3}(\.\/|\/)/ ascii
	condition:
		any of them
}

rule rm_dropper_bot_loader_cd_chain : dropper mirai gafgyt
{
	meta:
		description = "IoT/Linux bot loader: changes into the first writable one of the temporary, run, mount and root directories, chained with or-operators, before fetching and running its binary"
		category = "initial-access"
		severity = "critical"
		reference = "Mirai/Gafgyt bins.sh loaders; Darkcracks (Qianxin 2024)"
		author = "rookmelder"
	strings:
		$cd = /cd \/tmp[ \t]{0,2}\|\|[ \t]{0,2}cd \/var\/run[ \t]{0,2}\|\|[ \t]{0,2}cd \/mnt[ \t]{0,2}\|\|[ \t]{0,2}cd \/root/ ascii
	condition:
		$cd
}

rule rm_dropper_multiarch_bins : dropper mirai gafgyt
{
	meta:
		description = "Multi-architecture bot dropper: the same binary fetched for mips, arm, sh4, m68k, sparc, powerpc... then chmod 777 and run"
		category = "initial-access"
		severity = "critical"
		reference = "Mirai/Gafgyt bins.sh (malcontent-samples miner_dropper/drop.sh)"
		author = "rookmelder"
	strings:
		$fetch1 = "/bin/busybox wget" ascii
		$fetch2 = "/bin/busybox tftp" ascii
		$fetch3 = /wget h[tx]{2}p:\/\/[0-9.:]{7,21}\/[^\s;]{1,100}[ \t]{0,2};[ \t]{0,2}curl -O[ \t]{1,3}h[tx]{2}p:\/\// ascii
		$chmod1 = "chmod 777" ascii
		$chmod2 = "chmod +x" ascii
	condition:
		filesize < 2MB and 1 of ($fetch1, $fetch2) and 1 of ($chmod*) and #fetch3 >= 3
}

rule rm_dropper_dev_tcp_downloader : dropper
{
	meta:
		description = "A downloader written in bash over /dev/tcp (no curl or wget): opens the socket, sends an HTTP GET, strips the headers"
		category = "initial-access"
		severity = "high"
		reference = "Spinning YARN vurl() (Cado Security 2024); TeamTNT __curl()"
		author = "rookmelder"
	strings:
		$open = /exec \d<>\s{0,2}"?\/dev\/tcp\// ascii
		$get = /echo\s{1,4}-[a-z]{1,3}\s{1,4}"GET \// ascii
		$http = "HTTP/1." ascii
	condition:
		$open and $get and $http
}

rule rm_dropper_base64_pipe_shell : dropper
{
	meta:
		description = "Decodes a base64 blob and pipes it into a shell (echo ...|base64 -d|bash), the usual way droppers hide their next stage"
		category = "initial-access"
		severity = "high"
		reference = "Spinning YARN, Hadooken, Kinsing, TeamTNT one-liners"
		author = "rookmelder"
	strings:
		$a = /[A-Za-z0-9+\/=]{8}["']?[ \t]{0,3}\|[ \t]{0,3}base64[ \t]{1,3}(-d|--decode|-di)[ \t]{0,3}\|[ \t]{0,3}(sudo[ \t]{1,3})?(ba|da|z)?sh\b/ ascii
	condition:
		$a
}

rule rm_dropper_embedded_elf_base64 : dropper
{
	meta:
		description = "A script that carries a base64-encoded ELF executable and decodes it to disk (base64 -d > FILE <<HEREDOC ... f0VMR...)"
		category = "initial-access"
		severity = "high"
		reference = "Free Download Manager trojanised postinst (Kaspersky 2023)"
		author = "rookmelder"
	strings:
		$dec = /base64\s{1,3}(-d|--decode)[^\n]{0,80}>\s{0,3}[^\n]{1,200}<<\s{0,2}['"]?[A-Za-z_]{2,40}/ ascii
		$elf64 = "f0VMRgIBAQ" ascii
		$elf32 = "f0VMRgEBAQ" ascii
	condition:
		$dec and ($elf64 or $elf32)
}

rule rm_dropper_copy_run_delete : dropper masquerade
{
	meta:
		description = "Copies a binary to a new name, runs it with all output discarded and deletes the copy (cp -f -r -- A B && B >/dev/null 2>&1 && rm -rf -- B): hides the real program name"
		category = "evasion"
		severity = "high"
		reference = "k4spreader (Sekoia 2024), Hadooken crondr/-bash (Aqua 2024)"
		author = "rookmelder"
	strings:
		$cp = /cp -f -r -- [^\n]{1,200}2>\s?\/dev\/null/ ascii
		$rm = "rm -rf -- " ascii
	condition:
		for any i in (1..#cp) : ( $rm in (@cp[i] .. @cp[i] + 500) )
}

rule rm_dropper_kill_rivals : dropper competitor_killing
{
	meta:
		description = "Kills rival miners and malware by process name (a list of known rival miner and bot names) with several kill commands"
		category = "mining"
		severity = "high"
		reference = "Kinsing install.sh, k4spreader cleanup.sh, TeamTNT/WatchDog kill lists"
		author = "rookmelder"
	strings:
		$a = /(pkill|pgrep|killall)[ \t][^\n]{0,300}(kdevtmpfsi|kinsing|kthreaddk|kdevchecker|kworkerds|sustse|watchbog|ksoftirqds|kthrotlds|xmrig|xmr-stak|minerd|cryptonight|c3pool|monerohash|solrd|skid\.x86|linuxsys|nanopool|supportxmr|xmrpool)/ ascii
		$b = /grep[ \t][^\n]{0,100}(kdevtmpfsi|kinsing|kthreaddk|kdevchecker|kworkerds|sustse|watchbog|ksoftirqds|kthrotlds|xmrig|xmr-stak|minerd|cryptonight|c3pool|monerohash|solrd|skid\.x86|linuxsys|nanopool|supportxmr|xmrpool)[^\n]{0,300}kill/ ascii
		$multi = /(pkill|pgrep|killall)[ \t][^\n]{0,300}(kdevtmpfsi|kinsing|kthreaddk|kdevchecker|kworkerds|sustse|watchbog|ksoftirqds|kthrotlds|xmrig|xmr-stak|minerd|cryptonight|c3pool|monerohash|solrd|skid\.x86|linuxsys|nanopool|supportxmr|xmrpool)[^\n]{0,300}(kdevtmpfsi|kinsing|kthreaddk|kdevchecker|kworkerds|sustse|watchbog|ksoftirqds|kthrotlds|xmrig|xmr-stak|minerd|cryptonight|c3pool|monerohash|solrd|skid\.x86|linuxsys|nanopool|supportxmr|xmrpool)/ ascii
	condition:
		filesize < 4MB and (#a + #b >= 3 or $multi)
}

rule rm_dropper_kill_loop : dropper competitor_killing
{
	meta:
		description = "Many 'ps aux | grep NAME | awk {print $2} | xargs kill -9' or 'netstat | grep :PORT | ... kill' lines: clears rival processes and pool connections"
		category = "mining"
		severity = "high"
		reference = "Kinsing install.sh (Trend Micro, Aqua 2020-2023)"
		author = "rookmelder"
	strings:
		$ps = /ps (aux|auxf|-ef)\s{0,2}\|\s{0,2}grep [^\n]{1,200}\|\s{0,2}(awk|cut) [^\n]{1,80}\|\s{0,2}xargs[^\n]{0,20}kill -9/ ascii
		$net = /netstat -an?t?p\s{0,2}\|\s{0,2}grep [^\n]{1,200}\|\s{0,2}xargs[^\n]{0,20}kill -9/ ascii
	condition:
		#ps + #net >= 5
}

rule rm_evasion_security_agent_removal : dropper evasion
{
	meta:
		description = "Uninstalls or stops cloud security agents (Alibaba Aegis/aliyun-service/CloudMonitor, Tencent YunJing/stargate/barad, Baidu BCM)"
		category = "evasion"
		severity = "critical"
		reference = "Kinsing install.sh; Rocke/TeamTNT/WatchDog agent removal (Unit 42, Trend Micro)"
		author = "rookmelder"
	strings:
		$a1 = "update.aegis.aliyun.com" ascii
		$a2 = "uninstall.sh" ascii
		$a3 = "quartz_uninstall.sh" ascii
		$a4 = "aliyun-service" ascii
		$a5 = "/usr/local/aegis" ascii
		$a6 = "AliYunDun" ascii
		$a7 = "/usr/local/qcloud/YunJing/uninst.sh" ascii
		$a8 = "/usr/local/qcloud/stargate/admin/uninstall.sh" ascii
		$a9 = "/usr/local/qcloud/monitor/barad/admin/uninstall.sh" ascii
		$a10 = "bcm-agent" ascii
		$a11 = "cloudmonitor" ascii
		$a12 = "agentwatch" ascii
		$v1 = "rm -rf" ascii
		$v2 = "pkill" ascii
		$v3 = "systemctl stop" ascii
		$v4 = "systemctl disable" ascii
		$v5 = "| bash" ascii
		$v6 = "|bash" ascii
		$v7 = "killall" ascii
	condition:
		3 of ($a*) and 2 of ($v*)
}

rule rm_evasion_ld_preload_tamper : dropper evasion rootkit
{
	meta:
		description = "Writes, empties, unlocks or deletes /etc/ld.so.preload from a script (installs a preload rootkit or removes a rival's)"
		category = "evasion"
		severity = "high"
		reference = "k4spreader degrader.sh, Kinsing install.sh, TeamTNT libprocesshider installs"
		author = "rookmelder"
	strings:
		$w1 = /(>|>>|\btee( -a)?)\s{0,3}\/etc\/ld\.so\.preload/ ascii
		$w2 = /chattr\s{1,3}[-+][aiue]{1,4}\s{1,3}\/etc\/ld\.so\.preload/ ascii
		$w3 = /rm\s{1,3}-[rf]{1,2}\s{1,3}\/etc\/ld\.so\.preload/ ascii
		$w4 = /(cp|mv)\s{1,3}[^\n]{1,120}\s\/etc\/ld\.so\.preload/ ascii
	condition:
		filesize < 4MB and any of them
}

rule rm_evasion_chattr_lock : dropper evasion persistence
{
	meta:
		description = "chattr -i/+i (immutable/append-only flags) on cron, SSH key, /tmp or resolver files: unlocks them for tampering or locks a planted change in"
		category = "evasion"
		severity = "high"
		reference = "Kinsing install.sh, Spinning YARN, WatchDog/TeamTNT scripts"
		author = "rookmelder"
	strings:
		$c = /(chattr|\$\{?CHATTR\}?)\s{1,3}(-R\s{1,3})?[-+][aiue]{1,4}\s{1,3}(-R\s{1,3})?(\/etc\/crontab|\/etc\/cron\.d|\/var\/spool\/cron|\/root\/\.ssh|\/home\/[^\/\s]{1,40}\/\.ssh|[^\s]{0,60}authorized_keys|\/etc\/ld\.so\.preload|\/etc\/passwd|\/etc\/shadow|\/etc\/resolv\.conf|\/etc\/hosts|\/etc\/systemd\/system\/|\/tmp\/|\/var\/tmp\/)/ ascii
	condition:
		filesize < 4MB and #c >= 2
}

rule rm_evasion_chattr_renamed : dropper evasion
{
	meta:
		description = "Moves the chattr binary away (mv /usr/bin/chattr ...): keeps admins and rival scripts from undoing immutable files"
		category = "evasion"
		severity = "high"
		reference = "Spinning YARN (Cado Security 2024): chattr renamed to zzhcht"
		author = "rookmelder"
	strings:
		$mv = /(^|\n|;|&&|\|\||then|else|do)[ \t]{0,12}mv[ \t]{1,3}(-f[ \t]{1,3})?(\/usr)?\/bin\/chattr[ \t]{1,3}\// ascii
	condition:
		$mv
}

rule rm_evasion_log_wipe : dropper evasion
{
	meta:
		description = "Empties several login and system logs (wtmp, btmp, lastlog, secure, auth.log, root's mail) from a script"
		category = "evasion"
		severity = "high"
		reference = "Hadooken wipe_logs.sh (Aqua 2024); common post-exploitation clean-up"
		author = "rookmelder"
	strings:
		$t1 = /(echo\s{1,3}\S{0,3}|cat\s{1,3}\/dev\/null\s{0,3}|:\s{0,3}|true\s{0,3}|printf\s{1,3}""\s{0,3})?>\s{0,3}\/var\/log\/wtmp/ ascii
		$t2 = /(echo\s{1,3}\S{0,3}|cat\s{1,3}\/dev\/null\s{0,3}|:\s{0,3}|true\s{0,3})?>\s{0,3}\/var\/log\/btmp/ ascii
		$t3 = /(echo\s{1,3}\S{0,3}|cat\s{1,3}\/dev\/null\s{0,3}|:\s{0,3}|true\s{0,3})?>\s{0,3}\/var\/log\/lastlog/ ascii
		$t4 = /(echo\s{1,3}\S{0,3}|cat\s{1,3}\/dev\/null\s{0,3}|:\s{0,3}|true\s{0,3})?>\s{0,3}\/var\/log\/secure/ ascii
		$t5 = /(echo\s{1,3}\S{0,3}|cat\s{1,3}\/dev\/null\s{0,3}|:\s{0,3}|true\s{0,3})?>\s{0,3}\/var\/log\/auth\.log/ ascii
		$t6 = /(echo\s{1,3}\S{0,3}|cat\s{1,3}\/dev\/null\s{0,3}|:\s{0,3}|true\s{0,3})?>\s{0,3}\/var\/spool\/mail\/root/ ascii
		$t7 = /(echo\s{1,3}\S{0,3}|cat\s{1,3}\/dev\/null\s{0,3}|:\s{0,3}|true\s{0,3})?>\s{0,3}\/var\/log\/messages/ ascii
		$t8 = /(echo\s{1,3}\S{0,3}|cat\s{1,3}\/dev\/null\s{0,3}|:\s{0,3}|true\s{0,3})?>\s{0,3}\/var\/log\/cron/ ascii
		$t9 = /rm\s{1,3}-[rf]{1,2}\s{1,3}\/var\/log\/(syslog|wtmp|btmp|lastlog|secure|auth\.log|messages)/ ascii
	condition:
		filesize < 4MB and 3 of them
}

rule rm_evasion_history_off : dropper evasion
{
	meta:
		description = "Switches shell history off in several ways at once (HISTFILE=/dev/null, unset HISTFILE, HISTSIZE=0, set +o history, history -c)"
		category = "evasion"
		severity = "medium"
		reference = "Spinning YARN env_set(), TeamTNT scripts"
		author = "rookmelder"
	strings:
		$h1 = /(^|\n|;|&&)[ \t]{0,8}(export[ \t]{1,3})?HISTFILE=\/dev\/null/ ascii
		$h2 = /(^|\n|;|&&)[ \t]{0,8}unset[ \t]{1,3}HISTFILE/ ascii
		$h3 = /(^|\n|;|&&)[ \t]{0,8}(export[ \t]{1,3})?HISTSIZE=0/ ascii
		$h4 = /(^|\n|;|&&)[ \t]{0,8}set[ \t]{1,3}\+o[ \t]{1,3}history/ ascii
		$h5 = /(^|\n|;|&&)[ \t]{0,8}history[ \t]{1,3}-c/ ascii
		$h6 = /(^|\n|;|&&)[ \t]{0,8}shopt[ \t]{1,3}-ou[ \t]{1,3}history/ ascii
		$h7 = /(^|\n|;|&&)[ \t]{0,8}(export[ \t]{1,3})?HISTCONTROL="?ignorespace/ ascii
	condition:
		filesize < 4MB and 3 of them
}

rule rm_evasion_defences_off : dropper evasion
{
	meta:
		description = "Turns several host defences off together: SELinux, the firewall (ufw, iptables, firewalld), AppArmor, the NMI watchdog or ld.so.preload"
		category = "evasion"
		severity = "high"
		reference = "Kinsing install.sh, Spinning YARN env_set(), k4spreader degrader.sh"
		author = "rookmelder"
	strings:
		$s1 = "setenforce 0" ascii
		$s2 = "SELINUX=disabled" ascii
		$f1 = "ufw disable" ascii
		$f2 = "iptables -F" ascii
		$f3 = "systemctl stop firewalld" ascii
		$f4 = "iptables -P INPUT ACCEPT" ascii
		$f5 = "service iptables stop" ascii
		$w1 = "nmi_watchdog=0" ascii
		$w2 = "service apparmor stop" ascii
		$w3 = "systemctl disable apparmor" ascii
		$w4 = "/etc/ld.so.preload" ascii
	condition:
		filesize < 4MB and (
			(1 of ($s*) and 1 of ($f*) and 1 of ($w*)) or
			(2 of ($f*) and $w4)
		)
}

rule rm_mining_cpu_tuning : dropper miner
{
	meta:
		description = "Prepares a host for RandomX mining from a script: MSR register writes (wrmsr 0x1a4/0xc0011020, msr allow_writes) together with huge pages"
		category = "mining"
		severity = "high"
		reference = "XMRig scripts/randomx_boost.sh; TeamTNT/8220 miner installers"
		author = "rookmelder"
	strings:
		$msr1 = /wrmsr\s{1,3}(-a\s{1,3})?0x1a4/ ascii
		$msr2 = /wrmsr\s{1,3}(-a\s{1,3})?0xc001102[0-9bc]/ ascii nocase
		$msr3 = "modprobe msr allow_writes=on" ascii
		$hp1 = /vm\.nr_hugepages\s{0,2}=\s{0,2}[0-9]/ ascii
		$hp2 = /[0-9]{1,7}[ \t]{0,2}>[ \t]{0,2}\/proc\/sys\/vm\/nr_hugepages/ ascii
	condition:
		filesize < 4MB and 1 of ($msr*) and 1 of ($hp*)
}

rule rm_persist_cron_from_tmp : persistence
{
	meta:
		description = "A crontab line that runs a program from /tmp, /var/tmp or /dev/shm (world-writable directories no package installs into)"
		category = "persistence"
		severity = "high"
		reference = "Mirai crontab (malcontent-samples 2024), Kinsing, FreeDownloadManager backdoor cron"
		author = "rookmelder"
	strings:
		$cron = /(^|\n)[ \t]{0,4}([0-9*][0-9*,\/-]{0,20}[ \t]{1,4}[0-9*][0-9*,\/-]{0,20}[ \t]{1,4}[0-9*][0-9*,\/-]{0,20}[ \t]{1,4}[0-9*][0-9*,\/-]{0,20}[ \t]{1,4}([0-9*][0-9*,\/-]{0,20}[ \t]{1,4})?|@(reboot|hourly|daily|weekly|monthly|yearly|annually|midnight)[ \t]{1,4})([a-z_][a-z0-9_-]{0,31}[ \t]{1,4})?[^\n]{0,40}(\/tmp|\/var\/tmp|\/dev\/shm)\/[^\s]{1,200}/ ascii
	condition:
		filesize < 1MB and $cron
}

rule rm_persist_unit_from_tmp : persistence
{
	meta:
		description = "A systemd unit (or a script writing one) whose ExecStart runs a program from /tmp, /var/tmp, /dev/shm or a hidden directory under /var or /etc"
		category = "persistence"
		severity = "high"
		reference = "Mirai dnsconfigs.service, Spinning YARN ext4/ext3/h.service (Cado Security 2024)"
		author = "rookmelder"
	strings:
		$e1 = /(^|\n)[ \t]{0,4}ExecStart(Pre|Post)?=[-@+!:]{0,3}(\/bin\/(ba)?sh[ \t]{1,3}-c[ \t]{1,3}['"]?)?\/(tmp|var\/tmp|dev\/shm)\// ascii
		$e2 = /(^|\n)[ \t]{0,4}ExecStart(Pre|Post)?=[-@+!:]{0,3}\/(var|etc)\/\.[^\/\n]{1,40}\// ascii
	condition:
		filesize < 4MB and any of them
}

rule rm_persist_hidden_dir_exec_system : persistence evasion
{
	meta:
		description = "A short shell script that starts a program kept in a hidden directory inside /usr/bin, /usr/sbin, /bin or /sbin"
		category = "persistence"
		severity = "high"
		reference = "Gelsemium WolfsBane (ESET 2024): /usr/bin/.Xl1/kde started from an init script"
		author = "rookmelder"
	strings:
		$run = /(^|\n|;|&&|\s)\/(usr\/)?s?bin\/\.[A-Za-z0-9_][^\/\s]{0,40}\/[A-Za-z0-9_.-]{1,64}/ ascii
	condition:
		uint16(0) == 0x2123 and filesize < 64KB and $run
}

rule rm_backdoor_gelsemium_wolfsbane : backdoor gelsemium
{
	meta:
		description = "Gelsemium WolfsBane backdoor launcher: runs 'kde' from the hidden directory .Xl1"
		category = "persistence"
		severity = "critical"
		reference = "ESET, 'Unveiling WolfsBane, Gelsemium's Linux counterpart to Gelsevirine' (2024)"
		author = "rookmelder"
	strings:
		$p = /(^|\n|;|&&)[ \t]{0,8}(exec[ \t]{1,3}|nohup[ \t]{1,3})?\/[^\s"'`]{0,80}\/\.Xl1\/kde(\s|$|&|;)/ ascii
	condition:
		filesize < 4MB and $p
}

rule rm_dropper_hadooken : dropper hadooken
{
	meta:
		description = "Hadooken dropper: fetches the 'hadooken' payload from its C2 into a temp dir, runs it, deletes it"
		category = "initial-access"
		severity = "critical"
		reference = "Aqua Nautilus, 'Hadooken malware targets WebLogic servers' (2024)"
		author = "rookmelder"
	strings:
		$c2 = /(cc|url|c2)="?h[tx]{2}ps?:\/\/[^\s"]{4,100}"?/ ascii
		$pay = "/hadooken" ascii
		$run = /rm\s{1,3}-[rf]{1,2}\s{1,3}"?\$/ ascii
	condition:
		filesize < 1MB and $c2 and $pay and $run
}

rule rm_lateral_ssh_key_worm : worm lateral
{
	meta:
		description = "SSH worm: collects private keys, known_hosts and shell-history hosts, then logs in everywhere with BatchMode and no host-key check to run a download-and-execute"
		category = "lateral-movement"
		severity = "critical"
		reference = "Hadooken ssh_worm.sh (Aqua 2024); TeamTNT/Kinsing SSH spreaders"
		author = "rookmelder"
	strings:
		$k1 = "id_rsa" ascii
		$k2 = "IdentityFile" ascii
		$h1 = "known_hosts" ascii
		$h2 = ".bash_history" ascii
		$h3 = "HostName" ascii
		$s1 = "StrictHostKeyChecking=no" ascii
		$s2 = "BatchMode=yes" ascii
	condition:
		filesize < 1MB and all of ($k*) and 2 of ($h*) and all of ($s*)
}
