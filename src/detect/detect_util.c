/* detect_util.c - shared judgements about paths and processes. */
#include <string.h>

#include "detect_util.h"

static bool
under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && path[n] == '/';
}

static const char *const writable_dirs[] = {
	"/tmp", "/var/tmp", "/dev/shm", "/run/shm", "/dev/mqueue",
	"/var/crash", "/run/lock", "/var/lock", NULL,
};

static bool
in_writable(const char *path)
{
	for (int i = 0; writable_dirs[i]; i++)
		if (under(path, writable_dirs[i]))
			return true;
	return false;
}

const char *
path_hidden_component(const char *path, size_t *len)
{
	const char *p = path, *last = strrchr(path, '/');

	if (last == NULL || *path != '/')
		return NULL;
	/* directory components only: those that end at or before last */
	while (p < last) {
		const char *s = p + 1;
		const char *e = memchr(s, '/', (size_t)(last - s) + 1);
		size_t n;

		if (e == NULL)
			break;
		n = (size_t)(e - s);
		if (n > 1 && s[0] == '.' && !(n == 2 && s[1] == '.')) {
			*len = n;
			return s;
		}
		p = e;
	}
	return NULL;
}

bool
path_hidden_is_tooling(const char *comp, size_t len)
{
	static const char *const tools[] = {
		".local", ".cargo", ".rustup", ".pyenv", ".nvm", ".npm",
		".volta", ".bun", ".deno", ".sdkman", ".vscode-server",
		".vscode-server-insiders", ".cursor-server", ".windsurf-server",
		".cache", ".conda", ".rbenv", ".goenv", ".asdf", ".jenv",
		".gradle", ".m2", ".dotnet", ".pulumi", ".krew", ".linuxbrew",
		".nix-profile", ".ghcup", ".elan", ".opam", ".juliaup", NULL,
	};

	for (int i = 0; tools[i]; i++)
		if (strlen(tools[i]) == len && memcmp(tools[i], comp, len) == 0)
			return true;
	return false;
}

enum path_class
path_classify(const char *path)
{
	const char *h;
	size_t hl;

	if (path == NULL || path[0] != '/')
		return PATH_OTHER;
	h = path_hidden_component(path, &hl);
	if (in_writable(path))
		return h ? PATH_HIDDEN_WRITABLE : PATH_WRITABLE;
	if (under(path, "/dev") || under(path, "/boot"))
		return PATH_DEV_OR_BOOT;
	if (h == NULL)
		return PATH_OTHER;
	if (under(path, "/home") || under(path, "/root") ||
	    under(path, "/var/lib") || under(path, "/opt") ||
	    under(path, "/srv") || under(path, "/var/spool") ||
	    under(path, "/nix"))
		return PATH_HIDDEN_HOME;
	return PATH_HIDDEN_SYSTEM;
}

const char *
path_class_name(enum path_class c)
{
	switch (c) {
	case PATH_HIDDEN_HOME: return "hidden directory in a home";
	case PATH_WRITABLE: return "world-writable directory";
	case PATH_HIDDEN_SYSTEM: return "hidden directory in a system path";
	case PATH_DEV_OR_BOOT: return "/dev or /boot";
	case PATH_HIDDEN_WRITABLE:
		return "hidden directory inside a world-writable directory";
	case PATH_OTHER: break;
	}
	return "other";
}

void
path_strip_deleted(const char *exe, char *out, size_t outlen)
{
	static const char suf[] = " (deleted)";
	size_t n = strlen(exe), sl = sizeof(suf) - 1;

	if (n >= sl && strcmp(exe + n - sl, suf) == 0)
		n -= sl;
	if (outlen == 0)
		return;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, exe, n);
	out[n] = '\0';
}

const struct env_var *
proc_env(const struct proc *p, const char *name)
{
	for (uint32_t i = 0; i < p->nenv; i++)
		if (strcmp(p->env[i].name, name) == 0)
			return &p->env[i];
	return NULL;
}
