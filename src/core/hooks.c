/* hooks.c - the table of hooked library calls (hooks.h). */
#include <stdlib.h>
#include <string.h>

#include "hooks.h"
#include "sort.h"

/* Sorted by name (bsearch). */
static const struct hook {
	const char *name;
	enum hook_class c;
} hooks[] = {
	{ "__fxstat", HOOK_FILES }, { "__fxstat64", HOOK_FILES },
	{ "__fxstatat", HOOK_FILES }, { "__fxstatat64", HOOK_FILES },
	{ "__lxstat", HOOK_FILES }, { "__lxstat64", HOOK_FILES },
	{ "__open64_2", HOOK_FILES }, { "__open_2", HOOK_FILES },
	{ "__openat_2", HOOK_FILES }, { "__syslog_chk", HOOK_IO },
	{ "__xstat", HOOK_FILES }, { "__xstat64", HOOK_FILES },
	{ "accept", HOOK_NET }, { "accept4", HOOK_NET },
	{ "access", HOOK_FILES }, { "crypt", HOOK_AUTH },
	{ "crypt_r", HOOK_AUTH }, { "execv", HOOK_EXEC },
	{ "execve", HOOK_EXEC }, { "execvp", HOOK_EXEC },
	{ "faccessat", HOOK_FILES }, { "fdopendir", HOOK_LISTING },
	{ "fgets", HOOK_IO }, { "fopen", HOOK_FILES },
	{ "fopen64", HOOK_FILES }, { "freopen", HOOK_FILES },
	{ "fstat", HOOK_FILES }, { "fstat64", HOOK_FILES },
	{ "fstatat", HOOK_FILES }, { "fstatat64", HOOK_FILES },
	{ "getdents", HOOK_LISTING }, { "getdents64", HOOK_LISTING },
	{ "getpwnam", HOOK_AUTH }, { "getpwnam_r", HOOK_AUTH },
	{ "getpwuid", HOOK_AUTH }, { "getpwuid_r", HOOK_AUTH },
	{ "getspnam", HOOK_AUTH }, { "getspnam_r", HOOK_AUTH },
	{ "kill", HOOK_PROCS }, { "link", HOOK_FILES },
	{ "lstat", HOOK_FILES }, { "lstat64", HOOK_FILES },
	{ "open", HOOK_FILES }, { "open64", HOOK_FILES },
	{ "openat", HOOK_FILES }, { "openat64", HOOK_FILES },
	{ "opendir", HOOK_LISTING }, { "pam_acct_mgmt", HOOK_AUTH },
	{ "pam_authenticate", HOOK_AUTH }, { "pam_open_session", HOOK_AUTH },
	{ "pcap_dispatch", HOOK_NET }, { "pcap_loop", HOOK_NET },
	{ "pcap_next", HOOK_NET }, { "pcap_next_ex", HOOK_NET },
	{ "ptrace", HOOK_PROCS }, { "read", HOOK_IO },
	{ "readdir", HOOK_LISTING }, { "readdir64", HOOK_LISTING },
	{ "readdir64_r", HOOK_LISTING }, { "readdir_r", HOOK_LISTING },
	{ "readlink", HOOK_FILES }, { "readlinkat", HOOK_FILES },
	{ "rename", HOOK_FILES }, { "renameat", HOOK_FILES },
	{ "rmdir", HOOK_FILES }, { "scandir", HOOK_LISTING },
	{ "scandir64", HOOK_LISTING }, { "stat", HOOK_FILES },
	{ "stat64", HOOK_FILES }, { "statx", HOOK_FILES },
	{ "syslog", HOOK_IO }, { "unlink", HOOK_FILES },
	{ "unlinkat", HOOK_FILES }, { "write", HOOK_IO },
};

static int
cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct hook *)e)->name);
}

enum hook_class
hook_class_of(const char *name)
{
	const struct hook *h = xbsearch(name, hooks, sizeof(hooks) /
	    sizeof(hooks[0]), sizeof(hooks[0]), cmp);

	return h ? h->c : HOOK_NONE;
}

const char *
hook_class_name(enum hook_class c)
{
	static const char *const n[] = { "none", "directory listing",
		"files", "processes", "network", "authentication", "output",
		"exec" };

	return (unsigned)c < sizeof(n) / sizeof(n[0]) ? n[c] : "none";
}
