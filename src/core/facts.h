/*
 * facts.h - the normalised records collectors produce and detectors read.
 *
 * Facts describe; they never judge.  One scan fills one struct snapshot;
 * every string in it lives in the snapshot's arena and dies with it.
 * Strings are raw host bytes (NUL-terminated, but possibly holding any
 * other byte): escape them on output (escape.h), never trust them.
 * Detectors receive facts borrowed for the duration of a call.
 */
#ifndef RM_FACTS_H
#define RM_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "arena.h"

struct fan_index;
struct ioc;
#include "limits.h"

/* ---- processes --------------------------------------------------------- */

#define PF_KTHREAD_FLAG 0x00200000u  /* stat field 9: a kernel thread */

enum exe_kind {
	EXE_UNKNOWN = 0,  /* not read yet */
	EXE_FILE,         /* a path on a filesystem */
	EXE_NONE,         /* no executable: kernel thread or zombie */
	EXE_DENIED,       /* exists but we may not read the link */
	EXE_DELETED,      /* the file was unlinked after exec */
	EXE_MEMFD,        /* an anonymous memfd_create() file (fileless) */
};

/* Which reads of a process failed (permission or it vanished). */
enum proc_partial {
	PROC_MISS_STATUS = 1 << 0,
	PROC_MISS_CMDLINE = 1 << 1,
	PROC_MISS_EXE = 1 << 2,
	PROC_MISS_FDS = 1 << 3,
	PROC_MISS_ENV = 1 << 4,
	PROC_MISS_NS = 1 << 5,
	PROC_MISS_CWD = 1 << 6,
	PROC_MISS_CGROUP = 1 << 7,
};

struct env_var {
	const char *name;
	const char *value;     /* first RM_ENV_VALUE_KEEP bytes */
	uint32_t value_len;    /* full length in the environment */
};

/* Stratum message shapes seen in a process's memory (deep.c). */
enum stratum_shape {
	STRATUM_LOGIN = 1 << 0,      /* {"method":"login","params":{...}} */
	STRATUM_JOB = 1 << 1,        /* a job: "blob" with "job_id"/"target" */
	STRATUM_SUBMIT = 1 << 2,     /* "method":"submit" */
	STRATUM_SEED = 1 << 3,       /* "seed_hash" (RandomX) */
	STRATUM_SUBSCRIBE = 1 << 4,  /* mining.subscribe */
	STRATUM_AUTHORIZE = 1 << 5,  /* mining.authorize */
	STRATUM_NOTIFY = 1 << 6,     /* mining.notify */
	STRATUM_MSUBMIT = 1 << 7,    /* mining.submit */
	STRATUM_KEEPALIVE = 1 << 8,  /* "method":"keepalived" */
};

/* Miner strings found in a byte source (executable, memory, config). */
#define RM_HITS_KEEP 12
struct str_hits {
	uint32_t strong, weak;       /* distinct strings by weight */
	const char *keep[RM_HITS_KEEP];  /* the first distinct strings */
	uint32_t nkeep;
};

/* What deep inspection of a candidate process found (collect/deep.c).
 * Only candidates are inspected, within per-process and per-scan caps. */
struct proc_deep {
	unsigned reasons;            /* enum deep_reason: why a candidate */
	/* memory: writable anonymous mappings through /proc/PID/mem */
	int mem_err;                 /* rm_err, RM_OK when read */
	uint64_t mem_bytes;          /* bytes read */
	bool mem_truncated;          /* hit the cap */
	unsigned stratum;            /* enum stratum_shape bits */
	struct str_hits mem_hits;
	const char *agent;           /* "agent":"XMRig/6.16.0 ..." */
	const char *login;           /* the login (wallet) of a login call */
	const char *pool_url;        /* stratum+tcp://... or "url":"..." */
	const char *algo;
	/* the executable's bytes through /proc/PID/exe */
	int exe_err;
	uint64_t exe_bytes;
	bool exe_truncated;
	struct str_hits exe_hits;
	bool upx;                    /* UPX packer marks */
	bool upx_magic_altered;      /* UPX section names, no UPX! magic */
	bool exe_signature_table;    /* names >= 3 miners: a catalogue */
	/* a miner config file next to the binary, in its cwd or via -c */
	const char *config_path;
	const char *config_pool;
	const char *config_user;
	bool config_donate;          /* "donate-level" key */
	/* command line and environment */
	struct str_hits cmd_hits;
	const char *cmd_pool;        /* a pool URL in argv */
	bool cmd_wallet;             /* the wallet came from argv */
	const char *wallet;          /* a wallet-shaped token (argv/config/mem) */
	/* the distribution package that installed the executable, among
	 * those that ship cryptocurrency software (monero, xmrig, ...): the
	 * path is in its file list and the image matches dpkg's MD5 */
	const char *exe_package;
};

enum deep_reason {
	DEEP_CPU = 1 << 0,           /* burning CPU now */
	DEEP_POOL_PORT = 1 << 1,     /* established TCP to a pool port */
	DEEP_CMDLINE = 1 << 2,       /* miner strings in argv or environ */
	DEEP_MSR = 1 << 3,           /* holds /dev/cpu/N/msr */
	DEEP_HUGETLB = 1 << 4,       /* holds huge pages */
	DEEP_ODD_EXE = 1 << 5,       /* deleted, memfd or writable-dir exe */
	DEEP_POOL_NAME = 1 << 6,     /* connected to an address named as a pool */
};

/* What a file descriptor points at (fds 0-2 of a process). */
enum fd_kind {
	FDK_NONE = 0,              /* closed or unread */
	FDK_FILE,                  /* a path on a filesystem */
	FDK_SOCKET,                /* socket:[inode] */
	FDK_PIPE,                  /* pipe:[inode] */
	FDK_TTY,                   /* /dev/pts/N, /dev/ttyN, /dev/console */
	FDK_NULL,                  /* /dev/null */
	FDK_OTHER,                 /* anon_inode:, other devices */
};

struct proc {
	pid_t pid, ppid;
	uint64_t start_ticks;      /* stat field 22, clock ticks after boot */
	uid_t ruid, euid;
	gid_t rgid, egid;
	char state;                /* R S D Z T ... */
	uint32_t flags;            /* stat field 9 (PF_*) */
	int nice;
	uint32_t threads;
	uint64_t utime, stime;     /* clock ticks, all threads */
	uint64_t vsize_kb, rss_kb, hugetlb_kb;

	const char *comm;          /* kernel task name, <= 64 bytes */
	const char *cmdline;       /* argv joined by spaces, capped */
	const char *argv0;
	uint32_t argc;
	size_t cmdline_len;        /* bytes in /proc/PID/cmdline (<= cap) */
	bool cmdline_truncated;

	enum exe_kind exe_kind;
	const char *exe;           /* readlink of /proc/PID/exe, or NULL */
	uint64_t exe_dev, exe_ino; /* deleted/memfd only: stat of exe */
	uint32_t exe_nlink;
	bool exe_replaced;         /* deleted, but a file is at the path now */
	int exe_seals;             /* memfd: F_GET_SEALS, else -1 */
	const char *cwd;
	const char *cgroup;        /* unified (0::) path or first v1 path */
	const char *container_id;  /* 64 hex chars found in the cgroup */
	uint64_t ns_pid, ns_net, ns_mnt;  /* namespace inodes, 0 unknown */

	uint32_t nfds;
	uint64_t *sock_inodes;     /* sockets held open, sorted */
	uint32_t nsock_inodes;
	const char **special_fds;  /* notable targets: /dev/cpu/N/msr, ... */
	uint32_t nspecial_fds;
	uint32_t msr_fds;          /* open /dev/cpu/N/msr descriptors */
	/* what fds 0, 1 and 2 are (enum fd_kind); a socket's inode beside it,
	 * so a shell whose stdin is a TCP socket (a reverse shell) shows */
	uint8_t stdio_kind[3];
	uint64_t stdio_ino[3];
	/* credential-like files held open (core/credpath.h), and how many
	 * fds are other processes' /proc/PID/environ (a sweep) */
	const char **cred_fds;
	uint32_t ncred_fds;
	uint32_t environ_fds;

	struct env_var *env;       /* LD_PRELOAD & co, credential names */
	uint32_t nenv;
	bool env_truncated;

	uint64_t cutime, cstime;   /* reaped children's ticks (stat 16, 17) */

	/* CPU over the sampling window: -1 when not measured */
	double cpu_pct;            /* % of one core (can exceed 100) */
	double cpu_children_pct;   /* children reaped during the window */
	uint64_t sample_ns;        /* monotonic time of the first stat read */

	unsigned partial;          /* enum proc_partial bits */
	struct proc_deep *deep;    /* NULL unless inspected as a candidate */
};

/* ---- sockets ------------------------------------------------------------ */

enum sock_source { SOCK_SRC_DIAG = 1, SOCK_SRC_PROCNET = 2 };

struct sock {
	uint64_t netns;            /* namespace inode */
	uint8_t family;            /* AF_INET / AF_INET6 */
	uint8_t proto;             /* IPPROTO_TCP / IPPROTO_UDP */
	uint8_t state;             /* TCP_ESTABLISHED ... (linux/tcp.h) */
	uint8_t source;            /* enum sock_source */
	uint8_t laddr[16], raddr[16];  /* network order; v4 in first 4 */
	uint16_t lport, rport;     /* host order */
	uint32_t uid;
	uint64_t inode;
	uint64_t bytes_received, bytes_acked;  /* tcp_info; 0 unknown */
	bool has_bytes;
	pid_t owners[RM_OWNERS_MAX];
	uint32_t nowners;          /* may exceed RM_OWNERS_MAX */
};

/* A raw IP socket (/proc/net/raw, raw6) or a packet socket (/proc/net/
 * packet), which craft or sniff whole packets: ping, DHCP clients,
 * tcpdump - and SYN scanners (masscan, zmap) and DDoS bots.  Kept apart
 * from struct sock (TCP/UDP) so the detectors and the facts dump of
 * those never see them (collect/sock.c, detectors RM-ABU-002). */
struct raw_sock {
	uint64_t netns;            /* namespace inode */
	uint8_t family;            /* AF_INET, AF_INET6 or AF_PACKET */
	uint8_t type;              /* packet: SOCK_RAW / SOCK_DGRAM; raw: 0 */
	uint16_t proto;            /* raw: IP protocol (1 ICMP, 255 RAW);
				    * packet: ethertype (0x0003 ETH_P_ALL) */
	uint32_t ifindex;          /* packet: bound interface, 0 any */
	uint32_t uid;
	uint64_t inode;
	pid_t owners[RM_OWNERS_MAX];
	uint32_t nowners;          /* may exceed RM_OWNERS_MAX */
};

struct netns {
	uint64_t inode;
	pid_t pid;                 /* a process inside it (0: from a file) */
	const char *name;          /* ip netns name, or NULL */
	bool read;                 /* sockets were read */
	uint8_t source;            /* enum sock_source used */
	uint32_t nsocks;
	uint32_t nraw;             /* raw and packet sockets read */
};

/* ---- accounts ----------------------------------------------------------- */

/* Whether an account can log in with a password (collect/auth.c, from
 * /etc/shadow, or /etc/passwd when its field holds the hash).  The hash
 * itself is never kept. */
enum pw_state {
	PW_UNKNOWN = 0,            /* no shadow entry, or shadow unreadable */
	PW_LOCKED,                 /* "*", "!", "!!", "!$6$...", "x": no login */
	PW_EMPTY,                  /* empty field: no password at all */
	PW_SET,                    /* a crypt hash: a usable password */
};

/* The login shell as found in the root (collect/auth.c). */
enum shell_state {
	SHELL_UNCHECKED = 0,
	SHELL_FOUND,               /* a regular file, executable */
	SHELL_NOT_EXEC,            /* exists, not an executable regular file */
	SHELL_MISSING,             /* no such file in the root */
};

struct account {
	const char *name;
	const char *passwd;        /* second field as written ("x", "", ...) */
	uint32_t uid, gid;
	const char *gecos, *home, *shell;
	uint32_t line;             /* 1-based line in /etc/passwd */
	bool uid_valid;            /* the uid field is a number */
	bool malformed;            /* fields missing, extra or not numbers */
	/* from /etc/shadow and the root (collect/auth.c) */
	uint8_t pw_state;          /* enum pw_state */
	const char *pw_kind;       /* "sha512crypt", "yescrypt", ... or NULL */
	bool pw_in_passwd;         /* the hash sits in /etc/passwd itself */
	uint32_t shadow_line;      /* 0: no /etc/shadow line */
	int64_t pw_changed_day;    /* shadow field 3, days since 1970; -1 */
	uint8_t shell_state;       /* enum shell_state */
	bool shell_listed;         /* the shell is a line of /etc/shells */
	uint32_t dup_line;         /* an earlier line with this name, or 0 */
};

struct group {
	const char *name;
	uint32_t gid;
	const char *members;       /* comma-separated, as written */
	uint32_t line;
};

/* ---- kernel and host ---------------------------------------------------- */

struct kmod {
	const char *name;
	uint64_t size;
	const char *state;         /* Live, Loading, Unloading */
	const char *taint;         /* "(OE)" flags or NULL */
	/* where the module shows (collect/kmod.c): /proc/modules, and
	 * /sys/module/NAME with an initstate file (loadable, loaded) */
	bool in_proc_modules;
	bool in_sysfs;
	bool sysfs_read;           /* /sys/module was listed: in_sysfs means
				    * something */
	const char *sysfs_taint;   /* /sys/module/NAME/taint ("OE"), or NULL */
};

struct file_snapshot {
	bool exists;
	bool truncated;
	const char *content;       /* NUL-terminated, maybe truncated */
	size_t len;
	uint32_t mode, uid, gid;
	int64_t mtime;
	int read_err;              /* rm_err when it exists but was unread */
};

/* A mount over /proc/PID (hides the process) or over a file in it
 * (fakes what it says), from /proc/self/mountinfo. */
struct proc_mount {
	int32_t pid;
	const char *mount_point;   /* /proc/4242 or /proc/4242/cmdline */
	const char *root;          /* what is mounted there (its fs path) */
	const char *fstype;
	const char *source;
};

/* A library named by /etc/ld.so.preload or a process's LD_PRELOAD or
 * LD_AUDIT, read and parsed (collect/preload.c). */
struct preload_lib {
	const char *path;          /* as listed */
	uint64_t ns_mnt;           /* mount namespace read in; 0: the root */
	pid_t pid;                 /* read through /proc/PID/root; 0: root */
	int read_err;              /* rm_err, RM_OK when read */
	uint64_t size;
	const char *sha256;        /* hex of the whole file, or NULL */
	bool elf;                  /* a dynamic symbol table was found */
	bool truncated;            /* bigger than RM_PRELOAD_LIB_MAX */
	uint32_t nfuncs;           /* exported functions */
	const char **hooks;        /* exported functions on the hook list
				    * (core/hooks.h), sorted, unique */
	uint32_t nhooks;
};

/* A process that answers but /proc does not show (collect/hidden.c). */
enum hidden_how {
	HIDDEN_BY_KILL = 1 << 0,     /* kill(pid, 0): 0 or EPERM */
	HIDDEN_BY_GETPGID = 1 << 1,  /* getpgid(pid) succeeded */
	HIDDEN_BY_PIDFD = 1 << 2,    /* pidfd_open(pid): a thread-group leader */
	HIDDEN_BY_LOOKUP = 1 << 3,   /* /proc/PID opens by name */
};

enum hidden_kind {
	HIDDEN_UNLISTED = 1,   /* absent from a getdents64 listing of /proc */
	HIDDEN_UNREADABLE,     /* listed, but /proc/PID says nothing */
};

struct hidden_pid {
	pid_t pid;
	enum hidden_kind kind;
	unsigned how;              /* enum hidden_how bits */
	pid_t pgid, sid;           /* -1 unknown */
	const char *comm;          /* from /proc/PID/comm or status, or NULL */
	const char *status;        /* /proc/PID/status (capped), or NULL */
	const char *exe;           /* readlink /proc/PID/exe, or NULL */
	const char *mount_point;   /* a mount over /proc/PID explains it */
};

/* A BPF program loaded in the kernel (collect/bpf.c). */
struct bpf_prog_fact {
	uint32_t id;
	uint32_t type;             /* enum bpf_prog_type */
	const char *name;          /* up to 15 bytes, chosen by the loader */
	uint32_t uid;              /* who loaded it */
	uint64_t load_ns;          /* boot-time clock */
	char tag[17];              /* hex of the program's tag */
};

/* A kernel function hooked through ftrace by a module (collect/ftrace.c). */
struct ftrace_hook_fact {
	const char *func;          /* __x64_sys_getdents64, filldir64 ... */
	const char *module;        /* the [module] the hook's code is in */
};

/* A line of a sysctl file that sets a value miners change. */
struct sysctl_line {
	const char *path;          /* /etc/sysctl.conf, /etc/sysctl.d/x.conf */
	uint32_t line;
	const char *key;           /* vm.nr_hugepages, kernel.nmi_watchdog */
	const char *value;
};

/* "msr: Write to unrecognized MSR 0x1a4 by xmrig (pid: 4242)" */
struct msr_log {
	const char *comm;
	int64_t pid;
	uint32_t msr;
	uint64_t usec;             /* kernel timestamp, usec since boot */
};

/* A name -> address pair from /etc/hosts. */
struct hosts_entry {
	uint8_t addr[16];
	uint8_t family;
	const char *name;
};

struct host {
	const char *hostname;
	const char *kernel;        /* release */
	int64_t taint;             /* -1 unknown */
	int64_t nr_hugepages;      /* -1 unknown */
	int64_t nmi_watchdog;      /* -1 unknown */
	bool modules_supported;
	bool modules_truncated;    /* /proc/modules bigger than RM_MODULES_MAX */
	uint32_t ncpu;
	/* system-wide CPU over the window: -1 when not measured */
	double cpu_busy_pct;       /* % of all cores summed (0..ncpu*100) */
	double cpu_task_pct;       /* the user+nice+system part of it */
	double cpu_procs_pct;      /* visible tasks' CPU (rookmelder's too) */
	uint64_t clk_tck;
	int64_t boot_time;         /* /proc/stat btime: seconds since the
				    * epoch; 0 unknown (an image) */
	struct file_snapshot ld_so_preload;

	/* mining-related system state */
	const char *msr_allow_writes;  /* "on", "off", "default"; NULL: no msr */
	int64_t hugepages_total, hugepages_free;  /* /proc/meminfo, -1 */
	int64_t hugepage_kb;
	struct sysctl_line *sysctls;   /* persisted miner tuning */
	uint32_t nsysctls;
	struct msr_log *msr_logs;      /* from the kernel log */
	uint32_t nmsr_logs;
	bool kmsg_read;                /* the kernel log could be read */
	struct hosts_entry *hosts;     /* /etc/hosts */
	uint32_t nhosts;
	/* mounts over /proc/PID or a file in it (this mount namespace) */
	struct proc_mount *proc_mounts;
	uint32_t nproc_mounts;
	/* BPF programs loaded in the kernel (live, root) */
	struct bpf_prog_fact *bpf_progs;
	uint32_t nbpf_progs;
	bool bpf_read;                 /* the list was read to its end */
	/* ftrace: module-owned hooks (tracefs enabled_functions) */
	struct ftrace_hook_fact *ftrace_hooks;
	uint32_t nftrace_hooks;
	uint32_t nftrace_funcs;        /* hooked functions, any owner */
	bool ftrace_read;
};

/* ---- the snapshot --------------------------------------------------------- */

/* A file where cron, anacron or at looks for jobs (collect/persist.c). */
enum cron_file_kind {
	CRONF_SYSTEM,              /* /etc/crontab, /etc/cron.d: with users */
	CRONF_USER,                /* /var/spool/cron/crontabs/USER */
	CRONF_ANACRON,             /* /etc/anacrontab */
	CRONF_SCRIPT,              /* /etc/cron.{hourly,daily,...}/ scripts */
	CRONF_AT,                  /* /var/spool/cron/atjobs: at jobs */
};

struct cron_file {
	const char *path;          /* as on the host: /etc/cron.d/x */
	enum cron_file_kind kind;
	const char *user;          /* a spool file's name: whose crontab */
	uint32_t mode, uid, gid;
	int64_t mtime;
	uint64_t size;
	bool truncated;            /* larger than RM_CONFIG_MAX: read in part */
	int read_err;              /* rm_err when it could not be read */
	int magic;                 /* enum cron_magic (collect/cron_parse.h) */
	uint32_t njobs, ninvalid;  /* job lines, lines cron would reject */
	bool owners_unknown;       /* an image unpacked by a user: file owners
				    * say nothing (its root is not uid 0's) */
};

/* One job: a crontab line, or a command line of a cron script or at job
 * that does something worth a look (flags != 0). */
struct cron_job {
	const struct cron_file *file;
	uint32_t line;             /* 1-based */
	uint32_t interval;         /* minutes; 0 @reboot; 1<<20 rare */
	const char *schedule;      /* "* * * * *", "@reboot"; NULL in scripts */
	const char *user;          /* system crontabs: the user field */
	const char *command;       /* capped at RM_CRON_CMD_MAX */
	unsigned flags;            /* enum cron_cmd_flag */
	const char *path;          /* the first writable or hidden path */
	const char *url;           /* the first URL or address */
};

/* A key in an authorized_keys file (collect/persist.c). */
struct ssh_key {
	const char *path;          /* as on the host: /root/.ssh/authorized_keys */
	const char *user;          /* the account whose home holds it */
	uint32_t uid;
	const char *shell;
	uint32_t line;
	const char *type, *fingerprint, *comment;
	const char *command;       /* forced command="...", or NULL */
	const char *from;          /* from="...", or NULL */
	bool environment, tunnel, has_options;
	uint32_t file_mode, file_uid;
	int64_t file_mtime;
	const char *config_pattern; /* the AuthorizedKeysFile entry of
				     * sshd_config that named the file, or
				     * NULL for sshd's defaults */
};

/* A line of /etc/sudoers or a file it includes (collect/auth.c). */
enum sudo_kind {
	SUDO_FILE,                 /* the file itself: owner, mode (line 0) */
	SUDO_RULE,                 /* users hosts = (runas) TAGS: commands */
	SUDO_DEFAULTS,             /* Defaults[:x] ... */
	SUDO_ALIAS,                /* User_Alias NAME = members (only users) */
};

enum sudo_flag {
	SUDO_NOPASSWD = 1 << 0,    /* NOPASSWD: tag (or Defaults !authenticate) */
	SUDO_ALL_CMDS = 1 << 1,    /* the command list holds ALL */
	SUDO_SHELL_CMD = 1 << 2,   /* a shell, su, or an editor-like escape */
	SUDO_WRITABLE_CMD = 1 << 3, /* a command in /tmp, /dev/shm, a dot-dir */
	SUDO_NOAUTH = 1 << 4,      /* Defaults !authenticate */
};

struct sudo_rule {
	const char *file;          /* as on the host: /etc/sudoers.d/x */
	uint32_t line;             /* 1-based; the first of a continued line */
	uint8_t kind;              /* enum sudo_kind */
	const char *users;         /* user list (or alias name / Defaults
				    * binding), as written, capped */
	const char *members;       /* rules: users with User_Alias names
				    * replaced by their members (auth.c) */
	const char *hosts;
	const char *runas;         /* inside ( ), or NULL */
	const char *commands;      /* after the tags; aliases' members */
	const char *text;          /* the whole line, capped */
	unsigned flags;            /* enum sudo_flag */
	uint32_t file_mode, file_uid;
	int64_t file_mtime;
	bool owners_unknown;       /* an image unpacked by a user */
};

/* A keyword line of sshd_config or a file it includes (collect/auth.c). */
struct sshd_opt {
	const char *file;          /* /etc/ssh/sshd_config.d/x.conf */
	uint32_t line;
	const char *keyword;       /* lower case: permitrootlogin */
	const char *value;         /* the rest, trimmed, capped */
	const char *match;         /* inside "Match ...": its criteria, or NULL */
	bool effective;            /* what sshd uses outside Match blocks: the
				    * first value wins (Port & co: every one) */
	bool file_first;           /* the first option of its file */
	uint32_t file_mode, file_uid;
	int64_t file_mtime;
	bool owners_unknown;
};

/* A start-up file: systemd unit, generator, init script, rc.local, shell
 * start-up file, /etc/environment, udev rules, motd script
 * (collect/startup.c). */
enum startup_kind {
	STARTUP_UNIT,              /* a systemd system unit or drop-in */
	STARTUP_USER_UNIT,         /* a systemd user unit (all or one user) */
	STARTUP_GENERATOR,         /* a systemd generator */
	STARTUP_INITD,             /* /etc/init.d, /etc/rc.d/init.d */
	STARTUP_RCLOCAL,           /* /etc/rc.local, /etc/rc.d/rc.local */
	STARTUP_SHELL,             /* /etc/profile, profile.d, bash.bashrc */
	STARTUP_USER_SHELL,        /* ~/.bashrc, ~/.profile, ... */
	STARTUP_ENVIRONMENT,       /* /etc/environment */
	STARTUP_UDEV,              /* udev rules */
	STARTUP_MOTD,              /* /etc/update-motd.d */
};

struct startup_file {
	const char *path;          /* as on the host: /etc/systemd/system/x */
	enum startup_kind kind;
	const char *user;          /* per-user files: the account */
	uint32_t user_uid;
	const char *unit;          /* a unit's name (a drop-in's unit) */
	const char *link;          /* a symbolic link's target, or NULL */
	uint32_t mode, uid, gid;
	int64_t mtime;
	uint64_t size;
	bool truncated;            /* larger than RM_CONFIG_MAX: read in part */
	int read_err;              /* rm_err when it could not be read */
	int magic;                 /* enum cron_magic: text, ELF, binary */
	bool packaged;             /* a dpkg file list names it */
	bool pkgdb;                /* the dpkg database was read */
	bool immutable;            /* chattr +i */
	bool restart_always;       /* a unit: Restart=always */
	const char *timer;         /* a timer unit: its first On*= setting */
	uint32_t invalid;          /* unit lines systemd would reject */
	bool owners_unknown;       /* an image unpacked by a user */
};

/* One line of a start-up file that runs something or sets the
 * environment (line > 0), or the file itself (line == 0: one per file,
 * for file-level judgements). */
struct startup_entry {
	const struct startup_file *file;
	uint32_t line;             /* 1-based; 0: the file itself */
	const char *directive;     /* "ExecStart", "RUN", "Environment", NULL */
	const char *command;       /* capped at RM_CRON_CMD_MAX */
	unsigned flags;            /* enum cron_cmd_flag */
	unsigned sflags;           /* enum startup_flag (startup_parse.h) */
	const char *path;          /* the first writable or hidden path */
	const char *url;           /* the first URL or address */
	const char *program;       /* the first absolute program it runs, or
				    * the unowned one (SCMD_PROG_UNOWNED) */
	const char *lib;           /* an LD_PRELOAD value */
};

/* A file whose package ownership was checked (collect/pkg.c): a PAM
 * module, a module a PAM line loads, a system binary, a SUID/SGID file. */
enum pkg_check {
	PKGC_PAM_MODULE = 1 << 0,  /* in a PAM module directory */
	PKGC_PAM_CONF = 1 << 1,    /* loaded by a PAM line from elsewhere */
	PKGC_SYSBIN = 1 << 2,      /* a file in /usr/bin, /usr/sbin, /bin, /sbin */
	PKGC_SYSBIN_KEY = 1 << 3,  /* ... one rootkits replace (ps, ls, sshd) */
	PKGC_SUID = 1 << 4,        /* setuid or setgid, anywhere walked */
};

#define RM_PKG_OWNERS 4
#define RM_PAM_REFS 8

struct pkg_file {
	const char *path;          /* as found: /usr/lib/x86_64-linux-gnu/... */
	unsigned checks;           /* enum pkg_check bits */
	const char *owners[RM_PKG_OWNERS];  /* dpkg packages listing it */
	uint32_t nowners;
	bool conffile;             /* a conffile: admins edit those */
	bool local_diversion;      /* dpkg-divert --local: the admin's file */
	const char *md5_expected;  /* what the (first) owner recorded */
	const char *md5;           /* the file's; NULL when not hashed */
	bool md5_match;            /* md5 equals one owner's record */
	const char *sha256;        /* modified or unowned files only */
	const char *copy_of;       /* same bytes as this checked binary */
	const char *link;          /* a symbolic link: its target */
	const char *os_tree;       /* an unowned SUID file lies in another
				    * system's tree (a chroot): its top */
	bool elf;                  /* starts with \x7fELF (unowned files) */
	uint32_t mode, uid, gid;
	int64_t mtime;
	uint64_t size;
	int read_err;              /* rm_err when it could not be hashed */
	/* PAM lines that load it: "/etc/pam.d/sshd:3: auth ... pam_x.so" */
	const char *pam_refs[RM_PAM_REFS];
	uint32_t npam_refs;
	bool pam_outside;          /* a PAM line loads it from outside the
				    * module directories */
};

/* What the package database read said (collect/pkg.c). */
struct pkg_db {
	bool read;                 /* a dpkg database was read */
	uint32_t packages;         /* .list files read */
	uint64_t paths;            /* lines in them */
	uint32_t diversions, conffiles;
	uint64_t walked;           /* files looked at by the SUID walk */
	uint32_t hashed;           /* files hashed */
	uint64_t elapsed_us;       /* the whole check */
};

/* Defence evasion by tampering (collect/tamper.c): one record per thing
 * seen, described, not judged. */
enum tamper_kind {
	TAMPER_FLAGS = 1,          /* i or a attribute on a file (RM-EVA-004) */
	TAMPER_TOOL_COPY,          /* a core tool's bytes under another name */
	TAMPER_TOOL_MISSING,       /* a package installs the tool; it is gone */
	TAMPER_TOOL_REPLACED,      /* the tool's bytes differ from dpkg's MD5 */
	TAMPER_HIST_LINK,          /* a shell history file is a link */
	TAMPER_HIST_LINE,          /* a start-up file line turns history off */
	TAMPER_LOG_LINK,           /* a log file is a link (to /dev/null) */
	TAMPER_LOG_OVERWRITTEN,    /* a login record file holds text ("0") */
	TAMPER_LOG_EMPTIED,        /* a login record file emptied since boot */
	TAMPER_LOG_GONE,           /* X gone while X.1 (rotated) is there */
	TAMPER_AGENT_GONE,         /* agent removed, registration left */
	TAMPER_AGENT_NOBIN,        /* agent directory left, binaries gone */
	TAMPER_UNIT_MASKED,        /* an agent/MAC unit linked to /dev/null */
	TAMPER_UNIT_DISABLED,      /* installed, not enabled */
	TAMPER_SELINUX_CONFIG,     /* SELINUX=disabled/permissive */
	TAMPER_SELINUX_OFF,        /* live: /sys/fs/selinux/enforce is 0 */
	TAMPER_APPARMOR_OFF,       /* installed, the kernel has it off */
	TAMPER_HOSTS_SECURITY,     /* /etc/hosts sinks a security domain */
	TAMPER_HOSTS_POOL,         /* /etc/hosts sinks a pool or registry */
};

/* TAMPER_HIST_LINE: what the line does (bits, tamper_parse.c). */
enum hist_kill {
	HIST_FILE_NULL = 1 << 0,   /* HISTFILE=/dev/null (or a link to it) */
	HIST_UNSET = 1 << 1,       /* unset HISTFILE, HISTFILE= */
	HIST_SIZE0 = 1 << 2,       /* HISTSIZE=0 / HISTFILESIZE=0 */
	HIST_CLEAR = 1 << 3,       /* history -c / history -w /dev/null */
	HIST_OFF = 1 << 4,         /* set +o history, shopt -ou history */
};

struct tamper {
	enum tamper_kind kind;
	const char *path;          /* the file, as on the host */
	const char *detail;        /* tool, agent, line text, link target, name */
	const char *detail2;       /* package, where the copy is, list entry */
	uint32_t line;             /* start-up files: 1-based line */
	unsigned flags;            /* FLAGS: FS_*_FL; HIST_LINE: hist_kill */
	uint32_t mode, uid;
	int64_t mtime;
	uint64_t size;
	bool system;               /* a system-wide file (/etc), not a home's */
};

/* A file in a web root (or /tmp) that looks like part of a phishing kit
 * or a credential drop (collect/web.c): described, not judged. */
enum web_kind {
	WEBF_KIT_PAGE = 1,         /* .php/.html with a password form */
	WEBF_KIT_ARCHIVE,          /* a .zip or .tar.gz named for a brand or kit */
	WEBF_BRAND_DIR,            /* a directory named for a brand */
	WEBF_DROP,                 /* text holding credential-shaped lines */
};

struct web_file {
	enum web_kind kind;
	const char *path;          /* as on the host */
	const char *webroot;       /* the web root it is under; NULL: /tmp */
	unsigned bits;             /* KIT_PAGE: enum kit_bit (web_parse.h) */
	const char *brand;         /* the lure or brand matched, or NULL */
	uint32_t lines, creds;     /* DROP: lines, credential records */
	uint32_t mode, uid, gid;
	int64_t mtime;
	uint64_t size;
	bool web_owner;            /* owned by the web server's account */
	bool kit_place;            /* under a directory named for a brand */
	bool truncated;            /* read in part */
};

/* Data staged, synced or encrypted (collect/web.c). */
enum data_kind {
	DATAF_ARCHIVE = 1,         /* a large recent archive (by magic) */
	DATAF_DUMP,                /* a database dump or database file */
	DATAF_NOTE,                /* a ransom note */
	DATAF_ENC_DIR,             /* a directory of ransomware-named files */
	DATAF_RCLONE,              /* an rclone remote (name, type) */
	DATAF_HIST,                /* a shell history line deleting backups */
};

/* Where a data file was found. */
enum data_area {
	DAREA_WEB = 1,             /* under a web root: downloadable */
	DAREA_TMP,                 /* /tmp, /var/tmp, /dev/shm */
	DAREA_HIDDEN,              /* a hidden directory under / */
	DAREA_HOME,                /* /root, /home/... */
	DAREA_SRV,                 /* /srv, /var/lib/mysql, /opt ... */
};

struct data_file {
	enum data_kind kind;
	const char *path;          /* as on the host */
	enum data_area area;
	const char *detail;        /* format, note words, extension, remote
				    * name, history line */
	const char *detail2;       /* rclone type; what a history line does */
	const char *user;          /* the home's account, when in a home */
	uint32_t count;            /* ENC_DIR: files; NOTE: enum note_word */
	uint32_t line;             /* HIST/RCLONE: 1-based line */
	uint32_t mode, uid;
	int64_t mtime;
	uint64_t size;
	bool recent;               /* mtime within RM_RECENT_DAYS of ref_time */
	bool backup_path;          /* under a backup path */
	bool web_owner;            /* owned by the web server's account */
};

/* A credential store found on the host (collect/cred.c): cloud keys,
 * kubeconfigs, tokens, registry auth, private keys, .env files.  Only
 * names, key ids cut short and fingerprints are kept: never a secret. */
enum cred_reach {
	CRED_REACH_OWNER = 0,      /* the owner (and root) alone */
	CRED_REACH_GROUP,          /* members of the file's group */
	CRED_REACH_WORLD,          /* every user of the host */
};

struct cred_file {
	const char *path;          /* as on the host: /home/a/.aws/credentials */
	uint8_t kind;              /* enum cred_kind (core/credpath.h) */
	const char *user;          /* the account whose home holds it, or NULL */
	uint32_t uid, gid, mode;
	int64_t mtime;
	uint64_t size;
	bool truncated;            /* bigger than RM_CRED_FILE_MAX: read in part */
	int read_err;              /* rm_err when it could not be read */
	bool recognised;           /* the bytes have the store's shape */
	bool has_secret;           /* a secret, token or private key is in it */
	bool has_session;          /* an AWS session token */
	bool encrypted;            /* a private key with a passphrase */
	bool no_passphrase;        /* a private key usable as it is */
	const char *fingerprint;   /* AKIA...WXYZ, SHA256:..., user names */
	const char *detail;        /* key type, profile kind, helper ... */
	const char **names;        /* profiles, users, registries, .env keys */
	uint32_t nnames;
	uint32_t nitems;           /* names seen (>= nnames) */
	uint8_t reach;             /* enum cred_reach: mode and directories */
	bool group_private;        /* the group is the owner's own group */
	const char *group;         /* the group's name, or NULL */
};

/* A credential file a live process holds open, with the file's owner
 * (stat through /proc/PID/root; collect/cred.c).  A lookup, not a fact
 * kind: the detectors of processes read it. */
struct cred_open {
	pid_t pid;
	const char *path;          /* as in proc.cred_fds */
	bool stat_ok;
	uint32_t uid, mode;
};

/* ---- exposure (collect/expose.c, collect/ctr.c) -------------------------- */

/* A service campaigns get in through, found listening (or configured). */
enum svc_kind {
	SVC_DOCKER = 1,            /* Docker Engine API: 2375, 2376, -H tcp:// */
	SVC_KUBELET,               /* kubelet API, 10250 */
	SVC_KUBELET_RO,            /* kubelet read-only port, 10255 */
	SVC_ETCD,                  /* etcd client port, 2379 */
	SVC_PORTAINER_AGENT,       /* Portainer agent, 9001 */
	SVC_REDIS,                 /* redis-server (valkey, keydb) */
};

/* What keeps strangers out, as the service's flags and config say. */
enum svc_guard {
	GUARD_UNKNOWN = 0,         /* not judged (the listener is not the
				    * service's own program, or no config) */
	GUARD_NONE,                /* nothing: whoever reaches the port is in */
	GUARD_WEAK,                /* redis: no password, protected-mode on */
	GUARD_ON,                  /* client certificates, auth, a password */
};

struct service {
	uint8_t kind;              /* enum svc_kind */
	pid_t pid;                 /* the listening process; 0: config only */
	const char *comm, *exe, *cmdline;  /* the process's (or NULL) */
	uint64_t netns;            /* its network namespace inode */
	const char *addr;          /* the first non-loopback local address
				    * ("0.0.0.0", "::", "10.0.0.5"), else the
				    * loopback one; config only: bind text */
	uint16_t port;
	uint32_t nlisteners;       /* LISTEN sockets of it on this port */
	bool loopback;             /* every one of them on loopback */
	bool genuine;              /* the program is the service's own */
	uint8_t guard;             /* enum svc_guard */
	const char *guard_why;     /* in words: "no --tlsverify" */
	const char *config;        /* the file judged, or NULL */
	uint32_t config_line;      /* the line that decides, or 0 */
	const char *setting;       /* that line or flag, as written */
};

/* A host path a container mounts that hands it the host. */
struct ctr_mount {
	const char *source, *dest;
	bool ro;
	uint8_t cls;               /* enum ctr_mount_class (ctr_parse.h) */
};

/* A Docker container's state on disk (/var/lib/docker/containers/ID). */
struct container {
	const char *id;            /* the directory name: 64 hex digits */
	const char *name;          /* "/cadvisor", or NULL */
	const char *image;         /* Config.Image, or NULL */
	const char *dir;           /* as on the host */
	bool running;              /* State.Running when last written */
	bool privileged, pid_host, net_host, cap_sys_admin;
	struct ctr_mount *mounts;  /* sensitive host mounts only */
	uint32_t nmounts, mounts_dropped;
	const char *monitoring;    /* a monitoring agent's image: its name */
	uint32_t uid, mode;        /* hostconfig.json */
	int64_t mtime;
	bool parse_error;          /* a file was malformed or cut off */
};

/* The instance metadata service probe (collect/expose.c). */
struct imds_fact {
	bool probed;
	const char *cloud;         /* "aws", "gcp", "azure" from DMI, or NULL */
	const char *why_not;       /* not probed: why */
	int status;                /* HTTP status without a token; -1 none */
	int err;                   /* rm_err of the probe (RM_OK: answered) */
	uint32_t ms;               /* how long it took */
	const char *server;        /* the Server header, or NULL */
};

/* A file a remote-access or proxyware tool leaves (collect/access.c):
 * described, not judged.  kind is enum art_kind (collect/access_parse.h). */
struct artefact {
	uint8_t kind;
	const char *path;          /* as on the host: /dev/shm/.gs-1000 */
	const char *detail;        /* server_addr=..., "authtoken", the image,
				    * the matched name; never a secret */
	const char *user;          /* a home's owner, or NULL */
	bool dir;
	uint32_t mode, uid;
	int64_t mtime;
	uint64_t size;
};

/* ---- YARA matches (collect/yara_scan.c) ------------------------------- */

enum yara_target { YT_FILE = 1, YT_EXE, YT_MEMORY };

struct yara_kv {                /* one meta entry of a matched rule */
	const char *key;
	uint8_t type;              /* 0 string, 1 integer, 2 boolean */
	const char *s;             /* string values, capped */
	int64_t i;
};

struct yara_str {               /* one matched string of a rule */
	const char *id;            /* "$a" */
	uint64_t off;              /* file offset, or address in memory */
	uint32_t len;
};

struct yara_match {
	const char *rule, *ns;
	const char **tags;
	uint32_t ntags;
	struct yara_kv *meta;
	uint32_t nmeta;
	struct yara_str *str;
	uint32_t nstr, nstr_dropped;
	bool builtin;              /* one of rookmelder's own rules */
};

/* One scanned target that matched at least one rule: described (which
 * rules, where), not judged. */
struct yara_hit {
	uint8_t target;            /* enum yara_target */
	const char *path;          /* file, or the process's executable */
	pid_t pid;                 /* YT_EXE (first user), YT_MEMORY; else 0 */
	uint32_t nprocs;           /* YT_EXE: processes running the image */
	const char *sha256;        /* of the bytes scanned; NULL if cut off
				    * or memory */
	uint64_t size;             /* file size, or memory bytes scanned */
	uint64_t scanned;          /* bytes scanned */
	bool truncated;            /* only the first bytes were scanned */
	uint32_t uid, mode;
	int64_t mtime;
	struct yara_match *m;
	uint32_t nm, nm_dropped;
};

/* What the YARA pass did, for scan.yara. */
struct yara_stats {
	bool ran;
	uint32_t rules, rule_files, rules_failed;
	bool cached;               /* compiled rules came from the cache */
	uint64_t files, bytes, processes, mem_bytes;
	uint64_t skipped_size, skipped_type, skipped_other, timeouts;
	uint64_t load_ms, scan_ms;
};

/* ---- login records (collect/logins.c) ----------------------------------- */

/* A login, logout, boot or sudo use as the host recorded it: facts for
 * the incident timeline, not a fact kind (no detector reads them). */
enum login_kind {
	LOGIN_SESSION = 1,         /* wtmp USER_PROCESS: a session began */
	LOGIN_ACCEPTED,            /* sshd "Accepted METHOD for USER from ..." */
	LOGIN_FAILED,              /* sshd "Failed ...", "Invalid user ...",
				    * "Connection closed by authenticating|
				    * invalid user ..." */
	LOGIN_LOGOUT,              /* wtmp DEAD_PROCESS; sshd "Disconnected
				    * from user ..." */
	LOGIN_BOOT,                /* wtmp BOOT_TIME ("reboot") */
	LOGIN_SUDO,                /* sudo ran a command: "USER : ...
				    * COMMAND=..." */
	LOGIN_SUDO_DENIED,         /* sudo refused one ("user NOT in
				    * sudoers", "3 incorrect password
				    * attempts", "command not allowed") */
};

enum login_source { LS_WTMP = 1, LS_AUTHLOG };

/* How time was had: the record holds UTC (wtmp, an RFC 3339 stamp with
 * its offset), or a syslog stamp without a zone, read in the scanning
 * host's zone (live) or taken as UTC (an image: its zone is not read). */
enum login_tz { LTZ_UTC = 0, LTZ_LOCAL, LTZ_ASSUMED_UTC };

struct login_event {
	int64_t time;              /* seconds since the epoch, UTC */
	int32_t usec;              /* 0..999999, or 0 */
	uint8_t kind;              /* enum login_kind */
	uint8_t source;            /* enum login_source */
	uint8_t tz;                /* enum login_tz */
	const char *file;          /* the log as on the host:
				    * "/var/log/auth.log.1" */
	const char *user;          /* the account (or the name a client
				    * tried), NULL when the record has none */
	const char *from;          /* remote IP or host name; NULL: local */
	const char *line;          /* tty ("pts/0"), wtmp's ut_line and
				    * sudo's TTY=; NULL for sshd lines */
	const char *method;        /* "publickey", "password",
				    * "keyboard-interactive", ...; NULL for
				    * wtmp and sudo */
	const char *key_fp;        /* "SHA256:<43 base64>" sshd logged with
				    * an accepted/failed public key, or NULL */
	const char *target;        /* sudo: the USER= it ran as, or NULL */
	const char *detail;        /* sudo: COMMAND= (capped); a boot: the
				    * kernel release wtmp holds; or NULL */
	uint32_t pid;              /* sshd[PID] / sudo[PID], wtmp ut_pid;
				    * 0: none */
	uint16_t port;             /* the client's source port, or 0 */
	bool invalid_user;         /* sshd said the account does not exist
				    * ("invalid user") */
};

struct skip {
	const char *check;
	const char *reason;
};

enum fact_kind {
	FACT_HOST = 1 << 0,
	FACT_PROC = 1 << 1,
	FACT_SOCK = 1 << 2,
	FACT_ACCOUNT = 1 << 3,
	FACT_GROUP = 1 << 4,
	FACT_KMOD = 1 << 5,
	FACT_CRON_FILE = 1 << 6,
	FACT_CRON_JOB = 1 << 7,
	FACT_SSH_KEY = 1 << 8,
	FACT_STARTUP = 1 << 9,
	FACT_SUDO = 1 << 10,
	FACT_SSHD_OPT = 1 << 11,
	FACT_PKG_FILE = 1 << 12,
	FACT_HIDDEN_PID = 1 << 13,
	FACT_TAMPER = 1 << 14,
	FACT_SERVICE = 1 << 15,
	FACT_CONTAINER = 1 << 16,
	FACT_CREDENTIAL = 1 << 17,
	FACT_ARTEFACT = 1 << 18,
	FACT_WEB_FILE = 1 << 20,
	FACT_DATA_FILE = 1 << 21,
	FACT_YARA = 1 << 22,
};

/* Every kind above: a detector declaring another is a bug (test_registry). */
#define FACT_ALL (FACT_HOST | FACT_PROC | FACT_SOCK | FACT_ACCOUNT | \
	FACT_GROUP | FACT_KMOD | FACT_CRON_FILE | FACT_CRON_JOB | \
	FACT_SSH_KEY | FACT_STARTUP | FACT_SUDO | FACT_SSHD_OPT | \
	FACT_PKG_FILE | FACT_HIDDEN_PID | FACT_TAMPER | FACT_SERVICE | \
	FACT_CONTAINER | FACT_CREDENTIAL | FACT_ARTEFACT | FACT_WEB_FILE | \
	FACT_DATA_FILE | FACT_YARA)

/* What a detector is handed: one fact of one kind, borrowed. */
struct fact {
	enum fact_kind kind;
	union {
		const void *any;
		const struct host *host;
		const struct proc *proc;
		const struct sock *sock;
		const struct account *account;
		const struct group *group;
		const struct kmod *kmod;
		const struct cron_file *cron_file;
		const struct cron_job *cron_job;
		const struct ssh_key *ssh_key;
		const struct startup_entry *startup;
		const struct sudo_rule *sudo;
		const struct sshd_opt *sshd_opt;
		const struct pkg_file *pkg_file;
		const struct tamper *tamper;
		const struct hidden_pid *hidden_pid;
		const struct service *service;
		const struct container *container;
		const struct cred_file *cred;
		const struct artefact *artefact;
		const struct web_file *web_file;
		const struct data_file *data_file;
		const struct yara_hit *yara;
	} u;
};

struct snapshot {
	struct arena arena;
	const char *root;          /* "/" or the --root directory */
	bool live;                 /* the running host (not an image) */
	int rootfd;

	struct host host;
	struct proc *procs;        /* sorted by pid */
	size_t nprocs;
	struct sock *socks;
	size_t nsocks;
	struct netns *netns;
	size_t nnetns;
	struct raw_sock *raw_socks; /* looked up by owner, not a fact kind */
	size_t nraw_socks;
	struct account *accounts;
	size_t naccounts;
	struct group *groups;
	size_t ngroups;
	struct kmod *kmods;
	size_t nkmods;
	struct cron_file *cron_files;
	size_t ncron_files;
	struct cron_job *cron_jobs;
	size_t ncron_jobs;
	struct ssh_key *ssh_keys;
	size_t nssh_keys;
	struct startup_file *startup_files;
	size_t nstartup_files;
	struct startup_entry *startup;
	size_t nstartup;
	struct sudo_rule *sudo_rules;
	size_t nsudo_rules;
	struct sshd_opt *sshd_opts;
	size_t nsshd_opts;
	const size_t *accounts_by_name; /* naccounts indexes into accounts,
				    * by name then line (auth.c), or NULL */
	bool shadow_read;          /* /etc/shadow was read (pw_state means it) */
	bool shells_read;          /* /etc/shells was read */
	bool sudoers_read;         /* /etc/sudoers exists and was read */
	bool sshd_config_read;     /* /etc/ssh/sshd_config exists and was read */
	/* "now" for file ages: the scan's clock on the live host; in an image,
	 * the newest mtime of its logs and package status (when it was last
	 * running), 0 when it has none (ages are then not judged) */
	int64_t ref_time;
	struct pkg_file *pkg_files;
	size_t npkg_files;
	struct pkg_db pkg_db;
	struct tamper *tampers;
	size_t ntampers;
	struct hidden_pid *hidden_pids;
	size_t nhidden_pids;
	struct artefact *artefacts;  /* remote-access tools' files */
	size_t nartefacts;
	struct web_file *web_files;
	size_t nweb_files;
	struct data_file *data_files;
	size_t ndata_files;
	const char **web_roots;    /* found by collect/web.c, host paths */
	size_t nweb_roots;
	struct yara_hit *yara_hits;  /* YARA matches (collect/yara_scan.c) */
	size_t nyara_hits, yara_hits_alloc;
	struct yara_stats yara;
	struct login_event *logins; /* looked up, not a fact kind: sorted by
				    * time (collect/logins.c) */
	size_t nlogins;
	bool logins_read;          /* a wtmp or auth log was read */
	bool logins_capped;        /* a log was read in part (its newest
				    * bytes) or events beyond the caps were
				    * dropped */
	struct preload_lib *preload_libs;  /* looked up, not a fact kind */
	size_t npreload_libs;
	struct service *services;  /* exposure (collect/expose.c) */
	size_t nservices;
	struct container *containers;  /* Docker's state (collect/ctr.c) */
	size_t ncontainers;
	struct imds_fact imds;
	struct cred_file *cred_files;  /* credential stores (collect/cred.c) */
	size_t ncred_files;
	struct cred_open *cred_opens;  /* sorted by pid, then path */
	size_t ncred_opens;
	uint64_t cred_elapsed_us;  /* the credential inventory's cost */
	bool pid_probe_done;       /* collect/hidden.c ran to the end */
	uint32_t pid_probe_max;    /* pids probed: 1..this */
	uint64_t pid_probe_ms;
	int64_t sched_tasks;       /* /proc/loadavg: threads the scheduler
				    * counts (all pid namespaces); -1 unknown */
	uint64_t visible_tasks;    /* threads of the listed processes */

	struct skip *skipped;
	size_t nskipped, skipped_alloc;

	/* configuration the detectors consult (not facts) */
	const struct ioc *ioc;     /* indicator lists (core/ioc.h) */

	/* a cache of the detectors, not a fact: who holds which outbound TCP
	 * socket, built on first use in a detection pass (detect/netfan.c),
	 * one allocation freed by snapshot_free() */
	struct fan_index *fan_index;

	/* statistics for scan.* */
	uint32_t vanished;         /* processes gone mid-scan */
	uint32_t partial;          /* processes read only in part */
	uint32_t parse_errors;     /* malformed host data seen */
};

void snapshot_init(struct snapshot *s);
void snapshot_free(struct snapshot *s);

/* Record that a check did not run (or ran in part), and why.  Strings are
 * copied.  A check already recorded is not added twice. */
void snapshot_skip(struct snapshot *s, const char *check, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Lookups; NULL when absent. */
const struct proc *snapshot_proc(const struct snapshot *s, pid_t pid);
const struct account *snapshot_account_by_uid(const struct snapshot *s,
					      uint32_t uid);
/* The preloaded library path as read in mount namespace ns_mnt (0: the
 * scan root, i.e. /etc/ld.so.preload's), or NULL. */
const struct preload_lib *snapshot_preload_lib(const struct snapshot *s,
					       const char *path,
					       uint64_t ns_mnt);
/* The owner record of a credential file pid holds open, or NULL. */
const struct cred_open *snapshot_cred_open(const struct snapshot *s,
					   pid_t pid, const char *path);
/* The hidden-process fact of pid, or NULL. */
const struct hidden_pid *snapshot_hidden_pid(const struct snapshot *s,
					     pid_t pid);

#endif
