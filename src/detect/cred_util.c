/* cred_util.c - shared judgements of the RM-CRED-* rules (cred_util.h). */
#include <stdio.h>
#include <string.h>

#include "cred_util.h"
#include "detect_util.h"

const char *
credu_exe_odd(const struct proc *p)
{
	const char *why = NULL;

	return proc_exe_place(p, &why) == EXE_PLACE_ODD ? why : NULL;
}

const char *
credu_name(const struct proc *p)
{
	if (p->exe_kind == EXE_FILE && p->exe) {
		const char *sl = strrchr(p->exe, '/');

		return sl ? sl + 1 : p->exe;
	}
	return p->comm ? p->comm : "?";
}

bool
credu_exe_system(const struct proc *p)
{
	enum exe_place w = proc_exe_place(p, NULL);

	return w == EXE_PLACE_SYSTEM || w == EXE_PLACE_LOCAL;
}

bool
credu_name_in(const char *name, const char *const *list)
{
	for (; *list; list++) {
		size_t l = strlen(*list);

		if ((*list)[l - 1] == '*') {
			if (strncmp(name, *list, l - 1) == 0)
				return true;
		} else if (strcmp(name, *list) == 0) {
			return true;
		}
	}
	return false;
}

bool
credu_is_tool(const char *name)
{
	static const char *const tools[] = {
		"sh", "bash", "dash", "zsh", "ash", "ksh", "busybox",
		"curl", "wget", "python*", "perl*", "ruby*", "php", "php5*",
		"php7*", "php8*", "node",
		"nc", "ncat", "netcat", "socat", "telnet", "lua*",
		"cat", "grep", "egrep", "fgrep", "find", "tar", "cp", "scp",
		"rsync", "base64", "xxd", "head", "tail", "strings", "less",
		"more", "zip", "gzip", "awk", "gawk", "mawk", "sed", "dd",
		NULL,
	};

	return credu_name_in(name, tools);
}

bool
credu_shell_ancestor(const struct snapshot *s, const struct proc *p,
		     const char **who)
{
	static const char *const shells[] = {
		"sh", "bash", "dash", "zsh", "ash", "ksh", "busybox",
		"nginx", "apache2", "httpd", "php-fpm*", "php*", "lighttpd",
		"tomcat*", "java", "node", "redis-server", "mysqld",
		"postgres", "uwsgi", "gunicorn", NULL,
	};
	const struct proc *q = p;

	for (int i = 0; i < 8 && q && q->ppid > 0; i++) {
		q = snapshot_proc(s, q->ppid);
		if (!q)
			break;
		if (credu_name_in(credu_name(q), shells) ||
		    (q->comm && credu_name_in(q->comm, shells))) {
			*who = q->comm ? q->comm : credu_name(q);
			return true;
		}
	}
	return false;
}

void
credu_ev_ancestors(struct finding *f, const struct snapshot *s,
		   const struct proc *p)
{
	const struct proc *q = p;
	char t[96];

	for (int i = 0; i < 5 && q && q->ppid > 0; i++) {
		pid_t pp = q->ppid;

		q = snapshot_proc(s, pp);
		snprintf(t, sizeof(t), "%.64s(%d)", q && q->comm ? q->comm :
		    "?", (int)pp);
		finding_ev_list_add(f, "ancestors", t);
	}
}

int64_t
credu_path_owner(const struct snapshot *s, const char *path)
{
	if (strncmp(path, "/root/", 6) == 0)
		return 0;
	for (size_t i = 0; i < s->naccounts; i++) {
		const struct account *a = &s->accounts[i];
		size_t n;

		if (!a->home || a->home[0] != '/' || strcmp(a->home, "/") == 0)
			continue;
		n = strlen(a->home);
		if (strncmp(path, a->home, n) == 0 && path[n] == '/')
			return a->uid;
	}
	return -1;
}
