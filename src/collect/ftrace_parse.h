/*
 * ftrace_parse.h - /sys/kernel/tracing/enabled_functions: the kernel
 * functions that have an ftrace hook, and whose code the hook is.
 *
 * A line is "FUNC (REFCOUNT) FLAGS [\ttramp: ADDR (OPS_FUNC+off/len
 * [MODULE]) ->CALLBACK+off/len [MODULE]]"; continuation lines start with
 * whitespace ("\tdirect-->0x...").  Module-owned hooks on getdents64,
 * filldir or tcp4_seq_show are how ftrace rootkits (Singularity, KoviD,
 * Reptile's khook successors) hide.  Pure function over bytes; the
 * content is hostile (a module names its own functions).
 */
#ifndef RM_FTRACE_PARSE_H
#define RM_FTRACE_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* One hooked function: name and the first [module] on its line (NULL
 * when the hook is the kernel's own), both NUL-terminated copies of at
 * most 127 bytes. */
struct ftrace_hook {
	char func[128];
	char module[128];          /* "" when none */
};

typedef void ftrace_hook_fn(const struct ftrace_hook *h, void *arg);

/* Every hooked function of the text; returns the number of lines that
 * are not "FUNC (N) ..." nor continuations. */
uint32_t ftraceparse_enabled(const char *buf, size_t len, ftrace_hook_fn *cb,
			     void *arg);

#endif
