/*
 * cred_util.h - judgements the credential-theft detectors share (the
 * RM-CRED-* rules): is a process's executable odd, is it a shell tool,
 * who are its ancestors, whose home a path lies in.  Pure functions of
 * facts.
 */
#ifndef RM_CRED_UTIL_H
#define RM_CRED_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/facts.h"
#include "../core/finding.h"

/* Deleted, memfd, or in a world-writable, hidden or /dev directory: the
 * reason (proc_exe_place's: "deleted", "world-writable directory" ...),
 * or NULL. */
const char *credu_exe_odd(const struct proc *p);

/* The program's name: the executable's base name, else comm. */
const char *credu_name(const struct proc *p);

/* The executable lies in a system or local program directory (/usr,
 * /bin, /sbin, /lib, /usr/local, /opt, /snap: proc_exe_place). */
bool credu_exe_system(const struct proc *p);

/* Name (credu_name) is in the NULL-terminated list; "python3.11" matches
 * "python*" entries. */
bool credu_name_in(const char *name, const char *const *list);

/* A shell, a downloader or a file tool an intruder drives by hand
 * (sh, bash, curl, wget, python, perl, cat, grep, find, tar, nc ...). */
bool credu_is_tool(const char *name);

/* An ancestor (up to 8 up) is a shell or a web or database server:
 * its name into *who. */
bool credu_shell_ancestor(const struct snapshot *s, const struct proc *p,
			  const char **who);

/* "ancestors" evidence: comm(pid) of up to 5 ancestors. */
void credu_ev_ancestors(struct finding *f, const struct snapshot *s,
			const struct proc *p);

/* The uid of the account whose home holds path (/root/..., /home/u/...,
 * or any account's home), or -1. */
int64_t credu_path_owner(const struct snapshot *s, const char *path);

#endif
