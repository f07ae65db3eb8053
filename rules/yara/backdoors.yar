/*
 * backdoors.yar - Linux rootkits, backdoors and bots: the public kernel and
 * LD_PRELOAD rootkits (by the function, variable and message names their
 * sources give the built objects), shells bound to sockets in scripts,
 * TinyShell, patched sshd credential stealers, Mirai/Gafgyt bots and the
 * Kinsing agent.  Each family rule needs several of its own names.
 */

rule rm_rootkit_diamorphine : rootkit lkm diamorphine
{
	meta:
		description = "Diamorphine kernel rootkit (module or source): hooked getdents/kill, hides processes by signal, gives root"
		category = "rootkit"
		severity = "critical"
		reference = "https://github.com/m0nad/Diamorphine (diamorphine.c, diamorphine.h)"
		author = "rookmelder"
	strings:
		$s1 = "diamorphine_secret" ascii
		$s2 = "diamorphine" ascii fullword
		$s3 = "hacked_getdents64" ascii
		$s4 = "hacked_getdents" ascii fullword
		$s5 = "hacked_kill" ascii
		$s6 = "give_root" ascii
		$s7 = "module_hide" ascii
		$s8 = "is_invisible" ascii
		$s9 = "m0nad" ascii
		$s10 = "orig_getdents64" ascii
		$src1 = "#include <linux/module.h>" ascii
		$src2 = "MODULE_LICENSE" ascii
	condition:
		filesize < 4MB and (uint32(0) == 0x464c457f or 1 of ($src*)) and 4 of ($s*)
}

rule rm_rootkit_reptile : rootkit lkm reptile
{
	meta:
		description = "Reptile kernel rootkit (module, client or source): khook-based hiding, reptile_cmd/reptile_shell, #<reptile> file tags"
		category = "rootkit"
		severity = "critical"
		reference = "https://github.com/f0rb1dd3n/Reptile"
		author = "rookmelder"
	strings:
		$s1 = "reptile_cmd" ascii
		$s2 = "reptile_shell" ascii
		$s3 = "reptile_start" ascii
		$s4 = "#<reptile>" ascii
		$s5 = "#</reptile>" ascii
		$s6 = "/reptile/" ascii
		$s7 = "kmatryoshka" ascii
		$s8 = "khook_" ascii
		$s9 = "hide_proc" ascii
		$s10 = "REPTILE" ascii fullword
		$s11 = "reptile_module" ascii
		$s12 = "parasite_blob" ascii
		$src1 = "#include <linux/module.h>" ascii
		$src2 = "MODULE_LICENSE" ascii
	condition:
		filesize < 8MB and (uint32(0) == 0x464c457f or 1 of ($src*)) and 4 of ($s*)
}

rule rm_rootkit_suterusu_adore : rootkit lkm
{
	meta:
		description = "Suterusu or Adore-ng kernel rootkit: their hijack/hide function names together"
		category = "rootkit"
		severity = "critical"
		reference = "https://github.com/mncoppola/suterusu; adore-ng (stealth)"
		author = "rookmelder"
	strings:
		$su1 = "hijack_start" ascii
		$su2 = "hijack_stop" ascii
		$su3 = "hijack_pause" ascii
		$su4 = "hide_tcp4_port" ascii
		$su5 = "n_tcp4_seq_show" ascii
		$su6 = "hide_proc" ascii
		$su7 = "suterusu" ascii
		$ad1 = "adore_" ascii
		$ad2 = "adore-ng" ascii
		$ad3 = "orig_proc_lookup" ascii
		$ad4 = "adore_hidden" ascii
		$ad5 = "ADORE_KEY" ascii
		$ad6 = "n_lookup" ascii fullword
		$src1 = "#include <linux/module.h>" ascii
		$src2 = "MODULE_LICENSE" ascii
	condition:
		filesize < 8MB and (uint32(0) == 0x464c457f or 1 of ($src*)) and (4 of ($su*) or 3 of ($ad*))
}

rule rm_rootkit_lkm_hider_generic : rootkit lkm
{
	meta:
		description = "A kernel module that hooks directory listing (getdents64/filldir) via kprobes or the syscall table and also hides network sockets or itself"
		category = "rootkit"
		severity = "high"
		reference = "Diamorphine, Reptile, KoviD, Singularity technique; malcontent linux_kernel_module_hider"
		author = "rookmelder"
	strings:
		$mod = ".modinfo" ascii
		$k1 = "register_kprobe" ascii
		$k2 = "kallsyms_lookup_name" ascii
		$k3 = "sys_call_table" ascii
		$d1 = "getdents64" ascii
		$d2 = "filldir64" ascii
		$n1 = "tcp4_seq_show" ascii
		$n2 = "tcp6_seq_show" ascii
		$h1 = "hide_module" ascii
		$h2 = "hide_self" ascii
		$h3 = "module_hide" ascii
		$h4 = "list_del_init" ascii
	condition:
		uint32(0) == 0x464c457f and filesize < 4MB and $mod and 1 of ($k*) and 1 of ($d*) and
		(1 of ($n*) and 1 of ($h1, $h2, $h3) or ($h4 and 1 of ($h1, $h2, $h3) and 1 of ($n*)))
}

rule rm_rootkit_ld_preload_hider : rootkit userland
{
	meta:
		description = "A userland (LD_PRELOAD) rootkit library: wraps readdir/readdir64 through dlsym(RTLD_NEXT) and filters /proc entries or /proc/net/tcp"
		category = "rootkit"
		severity = "high"
		reference = "libprocesshider (gianlucaborello), Jynx2, Azazel, BEURK, Vlany (all hook readdir via dlsym)"
		author = "rookmelder"
	strings:
		$r1 = "readdir64" ascii fullword
		$r2 = "readdir" ascii fullword
		$d = "dlsym" ascii fullword
		$p1 = "/proc/self/fd/%d" ascii
		$p2 = "/proc/%s/stat" ascii
		$p3 = "/proc/net/tcp" ascii
		$p4 = "ld.so.preload" ascii
		$m1 = "Error in dlsym" ascii
		$m2 = "process_to_filter" ascii
		$m3 = "original_readdir" ascii
		$m4 = "get_process_name" ascii
		$m5 = "get_dir_name" ascii
	condition:
		uint32(0) == 0x464c457f and filesize < 4MB and $d and 1 of ($r*) and
		( 2 of ($m*) or (2 of ($p*) and 1 of ($m*)) )
}

rule rm_rootkit_preload_families : rootkit userland
{
	meta:
		description = "Jynx/Jynx2, Azazel, BEURK or Vlany LD_PRELOAD rootkit (library, config or source): several of the family's own names"
		category = "rootkit"
		severity = "critical"
		reference = "github: chokepoint/jynxkit, chokepoint/azazel, unix-thrust/beurk, mempodippy/vlany"
		author = "rookmelder"
	strings:
		$j1 = "jynx" ascii
		$j2 = "XCHK" ascii fullword
		$j3 = "ld_poison" ascii
		$a1 = "azazel" ascii
		$a2 = "HIDE_THIS_SHELL" ascii
		$a3 = "CHANGE_THIS_SHELL" ascii
		$a4 = "ANTI_DEBUG_MSG" ascii
		$a5 = "CLEANUP_LOGS" ascii
		$b1 = "beurk" ascii
		$b2 = "BEURK_" ascii
		$b3 = "is_hidden_file" ascii
		$b4 = "is_attacker" ascii
		$v1 = "vlany" ascii
		$v2 = "VLANY_" ascii
		$v3 = "hide_vlany" ascii
		$c1 = "ld.so.preload" ascii
		$c2 = "readdir" ascii
		$c3 = "dlsym" ascii
		$c4 = "/proc/net/tcp" ascii
		$src1 = "#include <dlfcn.h>" ascii
		$src2 = "RTLD_NEXT" ascii
	condition:
		filesize < 8MB and (uint32(0) == 0x464c457f or 1 of ($src*)) and 2 of ($c*) and (2 of ($j*) or 2 of ($a*) or 2 of ($b*) or 2 of ($v*))
}

rule rm_backdoor_tinyshell : backdoor tsh
{
	meta:
		description = "TinyShell (tsh/tshd) remote shell backdoor: its usage text (secret, port, get/put, connect-back) or its server environment set-up"
		category = "persistence"
		severity = "critical"
		reference = "https://github.com/creaktive/tsh; Yara-Rules MALW_TinyShell_Backdoor_gen (unixfreaxjp)"
		author = "rookmelder"
	strings:
		$u1 = "[ -s secret ]" ascii
		$u2 = "[ -p port ]" ascii
		$u3 = "get <source-file> <dest-dir>" ascii
		$u4 = "put <source-file> <dest-dir>" ascii
		$u5 = "connect_back_host" ascii
		$u6 = "cb <hostname>" ascii
		$e1 = "exec bash --login" ascii
		$e2 = "tshd" ascii fullword
	condition:
		filesize < 8MB and (3 of ($u*) or (uint32(0) == 0x464c457f and 1 of ($u*) and all of ($e*)))
}

rule rm_backdoor_reverse_shell_script : backdoor reverse_shell
{
	meta:
		description = "A reverse or bind shell one-liner in a file: an interactive shell wired to a TCP socket (/dev/tcp, nc -e, mkfifo|nc, socat exec, python/perl socket+dup2)"
		category = "access-resale"
		severity = "high"
		reference = "PayloadsAllTheThings Reverse Shell Cheatsheet; pentestmonkey reverse shell cheat sheet"
		author = "rookmelder"
	strings:
		$b1 = /(ba)?sh\s{1,3}-i\s{1,3}[>&0-9\s]{1,8}\/dev\/(tcp|udp)\/[^\s\/]{1,100}\/[0-9]{1,5}/ ascii
		$b2 = /\/dev\/(tcp|udp)\/[^\s\/]{1,100}\/[0-9]{1,5}\s{0,3}0>&1/ ascii
		$b3 = /exec\s{1,3}[0-9]<>\s{0,2}\/dev\/tcp\/[^\s]{1,100};[^\n]{0,100}<&[0-9][^\n]{0,40}>&[0-9]/ ascii
		$n1 = /\b(nc|ncat|netcat|nc\.traditional)[ \t]{1,3}([^\n|;]{0,60}[ \t])?-(e|c)[ \t]{1,3}\/bin\/(ba)?sh[ \t]{1,3}[0-9A-Za-z.:-]{3,100}[ \t]{1,3}[0-9]{1,5}/ ascii
		$n3 = /\b(nc|ncat|netcat|nc\.traditional)[ \t]{1,3}[0-9A-Za-z.:-]{3,100}[ \t]{1,3}[0-9]{1,5}[ \t]{1,3}-(e|c)[ \t]{1,3}\/bin\/(ba)?sh/ ascii
		$n4 = /\b(nc|ncat|netcat|nc\.traditional)[ \t]{1,3}-[lvnp]{1,5}[ \t]{0,3}[0-9]{1,5}[ \t]{1,3}-(e|c)[ \t]{1,3}\/bin\/(ba)?sh/ ascii
		$n2 = /mkfifo\s{1,3}\/tmp\/[^\s;]{1,40}\s{0,3};[^\n]{0,60}\|\s{0,3}\/bin\/(ba)?sh\s{1,3}-i[^\n]{0,60}\|\s{0,3}(nc|ncat|netcat|openssl)\s/ ascii
		$s1 = /socat[ \t]{1,3}[^\n]{0,80}exec:['"]?(\/bin\/)?(ba)?sh[^\n]{0,40}tcp[46]?(-connect|-listen)?:([0-9A-Za-z.-]{3,100}:)?[0-9]{1,5}/ ascii nocase
		$s2 = /socat[ \t]{1,3}[^\n]{0,40}tcp[46]?(-connect|-listen)?:([0-9A-Za-z.-]{3,100}:)?[0-9]{1,5}[^\n]{0,40}exec:['"]?(\/bin\/)?(ba)?sh/ ascii nocase
		$p1 = /socket\.socket\([^\n]{0,200}\.connect\(\([^\n]{0,200}os\.dup2\([^\n]{0,200}(pty\.spawn|subprocess\.call)\(\s{0,2}\[?["']\/bin\/(ba)?sh/ ascii
		$p2 = /use Socket;[^\n]{0,300}connect\(S,[^\n]{0,200}open\(STDIN,\s{0,2}["']>&S["']\)[^\n]{0,200}exec\(["']\/bin\/(ba)?sh/ ascii
	condition:
		filesize < 4MB and any of them
}

rule rm_backdoor_sshd_credential_logger : backdoor credential_theft sshd
{
	meta:
		description = "A patched OpenSSH sshd/ssh that logs passwords or accepts a master password (Ebury-like): OpenSSH strings together with password-logging format strings and a hidden log path"
		category = "credential-theft"
		severity = "critical"
		reference = "ESET Operation Windigo / Ebury; OpenSSH backdoor patches (e.g. 'sshd backdoor' kits: user:password@host log formats)"
		author = "rookmelder"
	strings:
		$ssh1 = "OpenSSH_" ascii
		$ssh2 = "sshd_config" ascii
		$ssh3 = "ssh-userauth" ascii
		$log1 = /(user|login|pass|password|pw):? ?%s[ :\t|]{1,3}(pass|password|pw)?:? ?%s[ \t]{0,3}(@ ?%s|host:? ?%s)/ ascii nocase
		$log2 = /\/(usr\/include|usr\/share\/man|tmp|var\/tmp|dev\/shm|usr\/lib)\/\.[A-Za-z0-9._-]{1,32}(\.h|\.log|\.txt|\.dat)?\x00/ ascii
		$log3 = "%s:%s@%s" ascii
	condition:
		uint32(0) == 0x464c457f and filesize < 8MB and 2 of ($ssh*) and ($log1 or ($log3 and $log2))
}

rule rm_bot_mirai : bot mirai ddos
{
	meta:
		description = "Mirai-family bot: its busybox probe, watchdog disabling, scanner credentials and attack strings"
		category = "abuse"
		severity = "critical"
		reference = "Mirai source (jgamblin/Mirai-Source-Code: bot/table.c, scanner.c, killer.c); Yara-Rules MALW_Mirai"
		author = "rookmelder"
	strings:
		$m1 = "/dev/watchdog" ascii
		$m2 = "/dev/misc/watchdog" ascii
		$m3 = "/bin/busybox MIRAI" ascii
		$m4 = "MIRAI" ascii fullword
		$m5 = "TSource Engine Query" ascii
		$m6 = "dvrHelper" ascii
		$m7 = "/proc/net/tcp" ascii
		$m8 = "POST /cdn-cgi/" ascii
		$m9 = "ECCHI" ascii fullword
		$m10 = "/bin/busybox ECCHI" ascii
	condition:
		uint32(0) == 0x464c457f and filesize < 4MB and $m1 and $m2 and 2 of ($m3, $m4, $m5, $m6, $m7, $m8, $m9, $m10)
}

rule rm_bot_gafgyt : bot gafgyt ddos
{
	meta:
		description = "Gafgyt/Bashlite-family bot: its IRC-like command words (PING, GETLOCALIP, SCANNER ON/OFF, UDP/TCP/HTTP flood, KILLATTK)"
		category = "abuse"
		severity = "critical"
		reference = "Bashlite/Gafgyt leaked source (Unit 42, Trend Micro write-ups)"
		author = "rookmelder"
	strings:
		$c1 = "GETLOCALIP" ascii
		$c2 = "SCANNER ON" ascii
		$c3 = "SCANNER OFF" ascii
		$c4 = "KILLATTK" ascii
		$c5 = "LOLNOGTFO" ascii
		$c6 = "HTTPFLOOD" ascii
		$c7 = "UDPRAW" ascii
		$c8 = "STDHEX" ascii
		$c9 = "TCPSLAM" ascii
		$c10 = "/bin/busybox;echo -e" ascii
		$c11 = "BOGOMIPS" ascii
		$c12 = "PONG!" ascii
	condition:
		filesize < 4MB and 4 of them
}

rule rm_bot_kinsing_agent : bot kinsing miner
{
	meta:
		description = "Kinsing (h2miner) Go agent: its backconnect, masscan, redis brute-force, miner checks and task runner together"
		category = "mining"
		severity = "critical"
		reference = "Red Canary / Tony Lambert crime_h2miner_kinsing (signature-base); Aqua Nautilus Kinsing reports"
		author = "rookmelder"
	strings:
		$s1 = "main.backconnect" ascii
		$s2 = "main.masscan" ascii
		$s3 = "main.checkHealth" ascii
		$s4 = "main.redisBrute" ascii
		$s5 = "ActiveC2CUrl" ascii
		$s6 = "main.RC4" ascii
		$s7 = "main.runTask" ascii
		$s8 = "main.minerRunningCheck" ascii
		$s9 = "main.getMinerPid" ascii
		$s10 = "-iL $INPUT --rate $RATE -p$PORT -oL $OUTPUT" ascii
	condition:
		uint32(0) == 0x464c457f and 4 of them
}

rule rm_dropper_kinsing_script : dropper kinsing miner
{
	meta:
		description = "Kinsing/h2miner install script: fetches the kinsing binary, kills kdevtmpfsi rivals and checks its md5 before running"
		category = "mining"
		severity = "critical"
		reference = "Kinsing install.sh (Trend Micro, Aqua Nautilus 2020-2023)"
		author = "rookmelder"
	strings:
		$k1 = "kinsing" ascii
		$k2 = "kdevtmpfsi" ascii
		$f1 = /(wget|curl|\$WGET|\$LDR)\s[^\n]{0,120}\/kinsing/ ascii
		$f2 = /chmod \+x [^\n]{0,60}kinsing/ ascii
		$f3 = /md5sum [^\n]{0,60}kinsing/ ascii
	condition:
		filesize < 2MB and $k1 and $k2 and 2 of ($f*)
}
