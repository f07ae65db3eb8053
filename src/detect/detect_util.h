/*
 * detect_util.h - judgements several detectors share: where a path
 * points, whether a library is a known-good preload, how to describe a
 * process.  Pure functions of facts.
 */
#ifndef RM_DETECT_UTIL_H
#define RM_DETECT_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/facts.h"

/* Where a path lies, from most to least suspicious. */
enum path_class {
	PATH_OTHER = 0,
	PATH_HIDDEN_HOME,    /* a dot-name inside a home directory */
	PATH_WRITABLE,       /* /tmp, /var/tmp, /dev/shm, /run/shm, ... */
	PATH_HIDDEN_SYSTEM,  /* a dot-name under /, /usr, /etc, /lib... */
	PATH_DEV_OR_BOOT,    /* /dev (not shm) or /boot */
	PATH_HIDDEN_WRITABLE /* a dot-name inside a writable dir */
};

/* Classify a file path after path_normalize(): where it is, and whether
 * a directory on the way or the file itself is hidden (dot-named). */
enum path_class path_classify(const char *path);
const char *path_class_name(enum path_class c);

/* The first hidden (dot-named) component of an absolute path, the file's
 * own name included, or NULL; *len gets its length.  "." and ".." do not
 * count. */
const char *path_hidden_component(const char *path, size_t *len);

/* Lexically resolve "//", "." and ".." (never above "/"), as the kernel
 * would walk the path if no component were a link. */
void path_normalize(const char *in, char *out, size_t outlen);

/* True if a dot-directory is a well-known per-user tool tree (~/.local,
 * ~/.cargo, ~/.vscode-server, ~/.pyenv ...). */
bool path_hidden_is_tooling(const char *comp, size_t len);

/* The path without the kernel's " (deleted)" suffix, into out. */
void path_strip_deleted(const char *exe, char *out, size_t outlen);

/* Does a process name (comm or argv0) look like a kernel thread's
 * ("[kworker/0:1]", "kswapd0", "md0_raid1")?  When it does, *why says
 * how; otherwise *why is left alone. */
bool name_kthread_like(const char *n, const char **why);

/* A CPU percentage as an integer, clamped (a faked /proc/PID/stat can say
 * anything; casting an out-of-range double is undefined). */
int64_t pct_int(double pct);

/* Where a process's executable lives, for judging who it is. */
enum exe_place {
	EXE_PLACE_OTHER = 0,   /* elsewhere, or not known (/home, /srv) */
	EXE_PLACE_SYSTEM,      /* /usr (not /usr/local), /bin, /sbin, /lib*:
				* where packages put programs */
	EXE_PLACE_LOCAL,       /* /usr/local, /opt, /snap: installed by hand
				* or by a vendor, still an admin's place */
	EXE_PLACE_ODD,         /* deleted, memfd, or in a writable, hidden,
				* /dev or /boot directory */
};

/* Where p's executable lives; for EXE_PLACE_ODD, *why (when why is not
 * NULL) gets a short reason: "deleted", "memfd" or path_class_name()'s.
 * A dot-directory of a home that is a known tool tree (~/.local,
 * ~/.cargo) is not odd. */
enum exe_place proc_exe_place(const struct proc *p, const char **why);

struct finding;

/* A bit of a flags word and the words that describe it. */
struct flag_text {
	unsigned bit;
	const char *text;
};

/* Add the text of every bit set in flags to the evidence list key, in
 * table order. */
void ev_flags_list(struct finding *f, const char *key, unsigned flags,
		   const struct flag_text *table, size_t n);

/* What a command line does (enum cron_cmd_flag, collect/cron_parse.h), as
 * the "does" evidence list: "download", "pipe into an interpreter", ... */
void ev_cmd_does(struct finding *f, unsigned cmd_flags);

/* Value of a collected environment variable, or NULL. */
const struct env_var *proc_env(const struct proc *p, const char *name);

#endif
