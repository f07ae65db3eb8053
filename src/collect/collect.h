/*
 * collect.h - collectors: read the host (or an image) into a snapshot.
 *
 * Collectors describe, never judge.  They take directory fds (a procfs
 * root, an image root) and never build "/proc/..." paths, so tests point
 * them at fixture trees.  A vanished process is counted, not an error; a
 * check that cannot run is recorded with snapshot_skip() and a reason.
 */
#ifndef RM_COLLECT_H
#define RM_COLLECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/facts.h"

struct collect_opts {
	const char *root;          /* NULL: the live host ("/") */
	const char *procfs;        /* NULL: "/proc"; else a fixture tree */
	double cpu_window;         /* seconds of CPU sampling; 0: skip */
	bool memory;               /* read candidates' memory (deep.c) */
	bool packages;             /* package integrity and setuid walk (pkg.c) */
	bool no_pid_probe;         /* skip the hidden-process pid probe */
	bool progress;             /* progress of long work on stderr */
	int imds_probe;            /* 1 --imds-probe, 0 --no-imds-probe,
				    * -1 (default) only on a cloud VM */
};

/* Run every collector that applies.  Returns RM_OK, or an rm_err when the
 * root or procfs cannot be opened at all. */
int collect_all(struct snapshot *s, const struct collect_opts *o);

/* processes (proc.c): one pass over procfd, sorted by pid.  A deleted
 * executable is told from one named "x (deleted)" inside the process's
 * own root (/proc/PID/root). */
int proc_collect(struct snapshot *s, int procfd);

/* Read and parse dfd/stat (dfd: a /proc/PID directory); RM_EGONE when the
 * process is gone.  buf (cap bytes) holds the text sf points into. */
struct stat_fields;
int proc_read_stat(int dfd, struct stat_fields *sf, char *buf, size_t cap);

/* CPU (cpu.c): system counters now; later the per-process second pass. */
struct cpu_times {
	uint64_t busy, total;      /* clock ticks summed over all CPUs */
	uint64_t task;             /* user + nice + system: time of tasks */
	uint32_t ncpu;
	uint64_t at_ns;
};
int cpu_read_system(int procfd, struct cpu_times *out);
int cpuparse_stat(const char *buf, size_t len, struct cpu_times *out);
/* Re-read every process's stat after the window and fill cpu_pct; sum
 * the CPU of every visible task (processes that started during the window
 * included) into host.cpu_procs_pct.  t0_ns: when the process pass began. */
void cpu_sample_procs(struct snapshot *s, int procfd, uint64_t t0_ns);

/* sockets (sock.c): TCP and UDP, IPv4 and IPv6, per network namespace. */
int sock_collect(struct snapshot *s, int procfd, bool fixture);

/* host (host.c): kernel facts from procfd (and, when live, /sys and the
 * kernel log), file facts from the root. */
void host_collect_kernel(struct snapshot *s, int procfd, bool live);
void host_collect_files(struct snapshot *s);
/* Cron, anacron and at jobs under the root (persist.c). */
void persist_collect_cron(struct snapshot *s);
/* Password states, shells, sudoers, sshd_config and the reference time
 * (auth.c; after users, before persist_collect_ssh). */
void auth_collect(struct snapshot *s);
/* authorized_keys of every account: sshd's default files in each home
 * and every AuthorizedKeysFile entry of sshd_config (persist.c; after
 * auth_collect). */
void persist_collect_ssh(struct snapshot *s);
/* Start-up files: systemd units and generators, init scripts, rc.local,
 * shell start-up files of the system and of every account, environment,
 * udev rules, motd scripts (startup.c; after users). */
void startup_collect(struct snapshot *s);

/* Package integrity (pkg.c): PAM modules, system binaries and setuid
 * files against dpkg's database. */
void pkg_collect(struct snapshot *s);

/* Defence evasion by tampering (tamper.c; after users, persist and host
 * files, and after proc on a live host): flags, moved tools, history,
 * logs, agents, MAC, /etc/hosts sinks.  procfd is -1 for an image. */
void tamper_collect(struct snapshot *s, int procfd);
/* Files remote-access and proxyware tools leave (access.c; after
 * users_collect: it looks into home directories). */
void access_collect(struct snapshot *s);

/* Credential stores (cred.c; after users): cloud keys, kubeconfigs,
 * tokens, registry auth, private keys and .env files in every home and
 * the usual system places, and, when procfd >= 0, the owners of the
 * credential files processes hold open (after proc). */
void cred_collect(struct snapshot *s, int procfd);

/* Web roots (phishing kits, credential drops), staged archives and dumps,
 * ransom notes, rclone remotes and backup-deleting history lines
 * (collect/web.c); progress on stderr when show_progress. */
void web_collect(struct snapshot *s, bool show_progress);

/* deep inspection (deep.c): triage every process, then read the memory
 * (unless !memory), executable and config of the candidates.  Needs
 * s->ioc.  Fills proc.deep. */
int deep_collect(struct snapshot *s, int procfd, bool memory);

/* preloaded libraries (preload.c): read, hash and list the hooks of the
 * libraries in /etc/ld.so.preload (after host_collect_files) and, when
 * procfd >= 0, in processes' LD_PRELOAD/LD_AUDIT (after proc_collect). */
void preload_collect(struct snapshot *s, int procfd);
/* Parse library bytes into l (exported hooks); for tests and fuzzing. */
void preload_parse_lib(struct snapshot *s, struct preload_lib *l,
		       const uint8_t *data, size_t len);

/* kernel modules (kmod.c): /sys/module entries with an initstate (loaded
 * loadable modules) merged into s->kmods from /proc/modules; a module in
 * only one list is checked again against a fresh /proc/modules (procfd),
 * since modules load and unload while we look. */
void kmod_collect_sysfs(struct snapshot *s, int sysmodfd, int procfd);
/* The merge itself: names[i] (with taints[i], may be NULL) seen in
 * /sys/module, into s->kmods.  For tests and fuzzing. */
void kmod_merge(struct snapshot *s, const char *const *names,
		const char *const *taints, size_t n);

/* BPF programs (bpf.c): id, type, name, owner of every loaded program,
 * into s->host.bpf_progs; skipped without privilege. */
void bpf_collect(struct snapshot *s);
/* ftrace hooks (ftrace.c): module-owned entries of enabled_functions. */
void ftrace_collect(struct snapshot *s);
void ftrace_parse_into(struct snapshot *s, const char *buf, size_t len);

/* Exposed services (expose.c; after sock_collect and auth): management
 * APIs and Redis listening, with their flags and configs judged; on an
 * image (or with no listener) Redis's and Docker's configs alone. */
void expose_collect(struct snapshot *s);
/* The instance metadata service (expose.c): probed when mode is 1, or
 * when mode is -1 and DMI names a cloud; never in an image or when
 * fixture (--proc) is set in auto mode.  Says why in scan.skipped. */
void imds_collect(struct snapshot *s, int mode, bool fixture);
/* Docker containers' state on disk (ctr.c): /var/lib/docker/containers,
 * at most RM_CTR_MAX. */
void ctr_collect(struct snapshot *s);

/* accounts (users.c): /etc/passwd and /etc/group read directly. */
void users_collect(struct snapshot *s);

/* Login records (logins.c): wtmp, wtmp.1, auth.log, auth.log.1, secure,
 * secure.1 into s->logins, sorted by time (after users_collect). */
void logins_collect(struct snapshot *s);

#endif
