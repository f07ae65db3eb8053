/*
 * hooks.h - the library calls userland rootkits hook.
 *
 * A preloaded library (/etc/ld.so.preload, LD_PRELOAD) replaces every
 * function it defines in the programs that load it.  libprocesshider,
 * Azazel, Jynx, Perfctl's libgcwrap.so and the TeamTNT/Rocke hiders
 * define readdir/readdir64 to drop /proc entries, fopen/open to fake
 * files, pcap_loop to hide traffic, pam_authenticate or getpwnam for
 * backdoor logins.  The collector keeps the exported functions of a
 * preloaded library that are in this table; detectors judge by class.
 */
#ifndef RM_HOOKS_H
#define RM_HOOKS_H

enum hook_class {
	HOOK_NONE = 0,
	HOOK_LISTING,   /* readdir, opendir, scandir, getdents: hides entries */
	HOOK_FILES,     /* open, fopen, stat, access, unlink: fakes or hides files */
	HOOK_PROCS,     /* kill, ptrace: protects processes */
	HOOK_NET,       /* pcap_*, accept: hides traffic, knock backdoors */
	HOOK_AUTH,      /* pam_*, getpwnam, getspnam, crypt: backdoor logins */
	HOOK_IO,        /* write, read, fgets, syslog: filters output and logs */
	HOOK_EXEC,      /* execve & co: watches or rewrites what runs */
};

/* The class of a function name, HOOK_NONE when not on the list. */
enum hook_class hook_class_of(const char *name);
const char *hook_class_name(enum hook_class c);

#endif
