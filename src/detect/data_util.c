/* data_util.c - see data_util.h. */
#include <string.h>

#include "data_util.h"
#include "detect_util.h"

#define ANCESTORS_MAX 32

static bool
web_comm(const char *c)
{
	static const char *const web[] = { "apache2", "httpd", "nginx",
		"lighttpd", "caddy", "php-fpm", "php", "php-cgi", "uwsgi",
		NULL };

	if (c == NULL)
		return false;
	if (strncmp(c, "php-fpm", 7) == 0 || strncmp(c, "php", 3) == 0)
		return true;
	for (int i = 0; web[i]; i++)
		if (strcmp(c, web[i]) == 0)
			return true;
	return false;
}

static bool
web_user(const struct snapshot *s, uint32_t uid)
{
	static const char *const names[] = { "www-data", "apache", "nginx",
		"http", "wwwrun", "httpd", "lighttpd", NULL };
	const struct account *a = snapshot_account_by_uid(s, uid);

	if (a == NULL || a->name == NULL)
		return false;
	for (int i = 0; names[i]; i++)
		if (strcmp(a->name, names[i]) == 0)
			return true;
	return false;
}

static bool
writable(const char *path)
{
	enum path_class c;
	char clean[4096];

	if (path == NULL)
		return false;
	path_strip_deleted(path, clean, sizeof(clean));
	c = path_classify(clean);
	return c == PATH_WRITABLE || c == PATH_HIDDEN_WRITABLE ||
	    c == PATH_HIDDEN_SYSTEM;
}

bool
data_proc_from_cron(const struct snapshot *s, const struct proc *p)
{
	const struct proc *a = snapshot_proc(s, p->ppid);

	for (int i = 0; a && i < ANCESTORS_MAX; i++) {
		if (a->comm && (strcmp(a->comm, "cron") == 0 ||
		    strcmp(a->comm, "crond") == 0 || strcmp(a->comm, "CROND") == 0))
			return true;
		if (a->ppid == a->pid || a->ppid <= 0)
			break;
		a = snapshot_proc(s, a->ppid);
	}
	return false;
}

const char *
data_proc_context(const struct snapshot *s, const struct proc *p)
{
	const struct proc *a;

	if (web_user(s, p->ruid) || web_user(s, p->euid))
		return "runs as the web server's account";
	if (writable(p->exe))
		return "runs from a writable or hidden directory";
	if (writable(p->cwd))
		return "was started in a writable or hidden directory";
	a = snapshot_proc(s, p->ppid);
	for (int i = 0; a && i < ANCESTORS_MAX; i++) {
		if (web_comm(a->comm))
			return "was started under the web server";
		if (writable(a->exe))
			return "descends from a program in a writable or hidden "
			    "directory";
		if (a->ppid == a->pid || a->ppid <= 0)
			break;
		a = snapshot_proc(s, a->ppid);
	}
	if (p->ruid != 0 && data_proc_from_cron(s, p))
		return "was started by cron for a non-root user";
	return NULL;
}
