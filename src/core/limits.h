/*
 * limits.h - every cap on data that comes from the host, in one place.
 *
 * The host is hostile: a process can carry a command line of megabytes, a
 * crafted image can hold a 10 GB /etc/passwd or a FIFO in its place.  Every
 * read in rookmelder is bounded by one of these numbers, and what is cut
 * off is reported as truncated, never silently dropped.
 */
#ifndef RM_LIMITS_H
#define RM_LIMITS_H

/* /proc/PID files */
#define RM_STAT_MAX        4096        /* stat: ~300 bytes + comm (<=64) */
#define RM_STATUS_MAX      16384       /* status: ~1.5 KiB today */
#define RM_CGROUP_MAX      8192        /* cgroup: one line per hierarchy */
#define RM_CMDLINE_KEEP    16384       /* argv bytes kept per process */
#define RM_STREAM_MAX      (4u << 20)  /* cmdline/environ bytes scanned */
#define RM_ENV_VALUE_KEEP  256         /* bytes of a kept env value */
#define RM_ENV_KEEP_MAX    32          /* env variables kept per process */
#define RM_FDS_MAX         65536       /* fds examined per process */
#define RM_SPECIAL_FDS_MAX 16          /* notable fd targets kept */
#define RM_CRED_FDS_MAX    16          /* credential files kept per process */
#define RM_LINK_MAX        4096        /* readlink results */

/* files read from the (image) root */
#define RM_FILE_MAX        (16u << 20) /* passwd, group, ...  */
#define RM_SMALLFILE_MAX   65536       /* ld.so.preload, hostname, sysctls */

/* whole-scan caps */
#define RM_PROCS_MAX       (1u << 22)  /* >= any pid_max */
#define RM_NETNS_MAX       4096
#define RM_SOCKS_MAX       (1u << 21)
#define RM_OWNERS_MAX      8           /* pids kept per socket */
#define RM_RAW_SOCKS_MAX   65536       /* raw and packet sockets kept */
#define RM_RAW_TABLE_MAX   (16u << 20) /* bytes of one /proc/net/raw|packet */
#define RM_NETLINK_BUF     (64u << 10)
#define RM_ACCOUNTS_MAX    (1u << 20)

/* deep inspection of candidate processes (collect/deep.c) */
#define RM_MEM_PROC_MAX    (64u << 20) /* memory read per process */
#define RM_MEM_SCAN_MAX    (256u << 20) /* memory read per scan */
#define RM_MEM_CPU_ONLY    (16u << 20) /* per process, CPU the only reason */
#define RM_MEM_REGION_SKIP (256u << 20) /* regions bigger: RandomX data */
#define RM_EXE_SCAN_MAX    (32u << 20) /* executable bytes scanned */
#define RM_DEEP_MAX        64          /* candidates inspected per scan */
#define RM_EXE_NAMES_TABLE 3           /* miner names that make a catalogue */
#define RM_CONFIG_FILES    16          /* *.json files looked at per dir */
#define RM_CONFIG_MAX      (1u << 20)  /* bytes of one config file */
#define RM_CRON_FILES_MAX  4096        /* cron files read per scan */
#define RM_CRON_JOBS_MAX   65536       /* cron jobs kept per scan */
#define RM_CRON_CMD_MAX    1024        /* bytes of a job's command kept */
#define RM_SSH_KEYS_MAX    65536       /* authorized keys kept per scan */
#define RM_SSH_HOMES_MAX   65536       /* home directories looked at */
#define RM_STARTUP_FILES_MAX 8192      /* start-up files read per scan */
#define RM_STARTUP_DIR_MAX 4096        /* entries looked at per directory */
#define RM_STARTUP_ENTRIES_MAX 65536   /* start-up lines kept per scan */
#define RM_DPKG_LISTS_MAX  (64u << 20) /* bytes of dpkg file lists read */
#define RM_SSH_PATHS_MAX   262144      /* key file paths (homes x patterns) */
#define RM_AUTH_FILES_MAX  256         /* sudoers / sshd_config files read */
#define RM_AUTH_LINES_MAX  4096        /* sudo rules, sshd options kept */
#define RM_SUDO_LOOKUP_MAX 65536       /* accounts a sudo #uid lookup scans */
#define RM_INCLUDE_DEPTH   8           /* nested @include / Include */
#define RM_SHELLS_MAX      4096        /* distinct login shells looked up */
#define RM_CRED_FILE_MAX   (256u << 10) /* bytes of a credential file read */
#define RM_CRED_HOMES_MAX  4096        /* homes the credential walk visits */
#define RM_CRED_FILES_MAX  4096        /* credential files kept per scan */
#define RM_CRED_DIR_MAX    256         /* entries looked at per directory */
#define RM_CRED_PROBES     16          /* *.json key-file probes per directory */
#define RM_CRED_TOTAL_MAX  (64u << 20) /* bytes of credential files per scan */
#define RM_CRED_ENVIRON_SWEEP 8        /* other processes' environ fds held
					* open at once: a sweep */
#define RM_RECENT_DAYS     7           /* a key file this new is "recent" */

/* package integrity and SUID files (collect/pkg.c) */
#define RM_PKG_LISTS_MAX   65536       /* .list files read */
#define RM_PKG_DB_BYTES    (64u << 20) /* .list bytes read in all */
#define RM_PKG_PATHS_MAX   (2u << 20)  /* .list lines looked at in all */
#define RM_PKG_FILES_MAX   65536       /* files checked (facts) */
#define RM_PKG_HASH_MAX    (256u << 20) /* bytes hashed of one file */
#define RM_PKG_HASH_TOTAL  (1u << 30)  /* bytes hashed per scan */
#define RM_PAMD_FILES_MAX  1024        /* files in /etc/pam.d read */
#define RM_SUID_VISIT_MAX  500000      /* files the SUID walk looks at */
#define RM_SUID_WALK_MS    10000       /* ... and its time budget */
#define RM_SUID_DEPTH      48          /* directory depth it descends */
#define RM_TAMPER_MAX      4096        /* tampering records kept per scan */
#define RM_TAMPER_WALK_MAX 50000       /* files looked at for tool copies */
#define RM_TAMPER_HASH_MAX (64u << 20) /* bytes hashed for tool copies */
#define RM_TAMPER_TOOL_MAX (64u << 20) /* a core tool's size, at most */
#define RM_TAMPER_MD5_FILE_MAX (1u << 20) /* files hashed against dpkg's
					    * MD5 of a moved tool */

/* web roots, staged data, ransomware (collect/web.c) */
#define RM_WEB_ROOTS_MAX   64          /* web roots walked */
#define RM_WEB_WALK_MAX    200000      /* entries the web-root walk visits */
#define RM_WEB_WALK_MS     4000        /* ... and its time budget */
#define RM_DATA_WALK_MAX   200000      /* entries the tmp/home walk visits */
#define RM_DATA_WALK_MS    3000        /* ... and its time budget */
#define RM_WEB_DEPTH       24          /* directory depth walked */
#define RM_WEB_READ_MAX    65536       /* bytes read of a candidate file */
#define RM_WEB_PAGE_MAX    (2u << 20)  /* pages bigger are not read */
#define RM_WEB_DROP_MAX    (8u << 20)  /* drop files bigger are not read */
#define RM_WEB_FILES_MAX   4096        /* web/data facts kept per scan */
#define RM_STAGED_MIN      (20u << 20) /* an archive this big is "staged" */
#define RM_RANSOM_DIR_MIN  20          /* ransomware-named files in a dir */
#define RM_HIST_MAX        (1u << 20)  /* bytes of a shell history read */
#define RM_HIST_LINES_MAX  64          /* history lines kept per file */

/* rootkits (collect/preload.c, hidden.c, kmod.c) */
#define RM_PRELOAD_LIB_MAX (32u << 20) /* bytes of a preloaded library read */
#define RM_PRELOAD_LIBS    256         /* libraries read per scan */
#define RM_PRELOAD_HOOKS   64          /* hooked names kept per library */
#define RM_HIDDEN_MAX      256         /* hidden pids kept per scan */
#define RM_PID_PROBE_SECS  60          /* the pid probe stops after this */
#define RM_SYSMODULE_MAX   16384       /* /sys/module entries looked at */
#define RM_MODULES_MAX     (1u << 20)  /* bytes of /proc/modules */
#define RM_BPF_PROGS_MAX   4096        /* BPF programs looked at */
#define RM_FTRACE_MAX      (4u << 20)  /* bytes of enabled_functions */
#define RM_FTRACE_KEEP     256         /* module-owned ftrace hooks kept */

/* exposure (collect/expose.c, ctr.c) */
#define RM_SERVICES_MAX    256         /* exposed-service listeners kept */
#define RM_EXPOSE_CONF_MAX (1u << 20)  /* bytes of one service config */
#define RM_IMDS_PROBE_MS   300         /* the metadata probe, in all */
#define RM_IMDS_READ_MAX   4096        /* bytes of its reply read */
#define RM_CTR_MAX         1024        /* containers read per scan */
#define RM_CTR_FILE_MAX    (4u << 20)  /* bytes of one container file */

/* login records (collect/logins.c) */
#define RM_LOGIN_FILE_MAX  (32u << 20) /* bytes read of one log, its end */
#define RM_LOGINS_MAX      4096        /* events kept per scan, newest */
#define RM_LOGINS_FAILED_MAX 1024      /* ... of which failed logins: a
					* brute force must not push the
					* accepted ones out */
#define RM_LOGIN_LINE_MAX  8192        /* bytes of one syslog line parsed */
#define RM_LOGIN_USER_MAX  128         /* a user name (sshd logs <= 100) */
#define RM_LOGIN_HOST_MAX  256         /* a remote host (wtmp: 256) */
#define RM_LOGIN_CMD_MAX   1024        /* bytes of a sudo command kept */

/* YARA (collect/yara_load.c, yara_scan.c) */
#define RM_YARA_FILE_MAX   (16u << 20) /* bytes of one rule file */
#define RM_YARA_FILES_MAX  20000       /* rule files read */
#define RM_YARA_NOTES_MAX  1000        /* rule failures reported */
#define RM_YARA_PARTS_MAX  4096        /* rules of a file retried one by one */
#define RM_YARA_CACHE_MAX  (512u << 20) /* bytes of a cached compiled set */
#define RM_YARA_CACHE_KEEP 8           /* compiled sets kept in the cache */
#define RM_YARA_SIZE_MAX   (64u << 20) /* bytes of a file scanned (default) */
#define RM_YARA_TIMEOUT    10          /* seconds per file or process */
#define RM_YARA_THREADS    4           /* worker threads at most (default) */
#define RM_YARA_MATCHES    16          /* rules kept per target */
#define RM_YARA_STRINGS    8           /* string matches kept per rule */
#define RM_YARA_META       16          /* meta entries kept per rule */
#define RM_YARA_TAGS       8           /* tags kept per rule */
#define RM_YARA_META_STR   256         /* bytes of a meta string kept */
#define RM_YARA_HITS_MAX   4096        /* matching targets kept per scan */
#define RM_YARA_DIR_MAX    100000      /* entries looked at per directory */
#define RM_YARA_DEPTH      16          /* directory depth walked */
#define RM_YARA_MEM_PROC   (256u << 20) /* memory scanned per process */
#define RM_YARA_MEM_BLOCK  (16u << 20) /* bytes read from memory at once */
#define RM_YARA_MEM_PROCS  64          /* processes whose memory is scanned */
#define RM_YARA_WALK_FILES 10000       /* files per tree in a host scan */
#define RM_YARA_WALK_BYTES (256u << 20) /* bytes per tree in a host scan */
#define RM_YARA_SCAN_SIZE  (32u << 20) /* bytes of a file, host scan */
#define RM_YARA_BUDGET_MS  20000       /* a host scan's YARA pass queues no
					* more after this */

/* where the administrator's lists and allow-list live */
#ifndef RM_CONFIG_DIR
#define RM_CONFIG_DIR      "/etc/rookmelder"
#endif

/* output */
#define RM_MSG_MAX         1024        /* one finding message */
#define RM_FINDINGS_PER_RULE 200       /* kept per rule and severity */
#define RM_CMDLINE_OUT     4096        /* command line bytes printed */
#define RM_EV_LIST_MAX     64          /* items of one evidence list */

#endif
