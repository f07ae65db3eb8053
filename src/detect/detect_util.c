/* detect_util.c - shared judgements about paths and processes. */
#include <string.h>

#include "../collect/cron_parse.h"
#include "../core/finding.h"
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
	const char *p = path;

	if (*path != '/')
		return NULL;
	/* every component, the file's own name included */
	while (*p == '/') {
		const char *s = p + 1, *e = strchr(s, '/');
		size_t n;

		if (e == NULL)
			e = s + strlen(s);
		n = (size_t)(e - s);
		if (n > 1 && s[0] == '.' && !(n == 2 && s[1] == '.')) {
			*len = n;
			return s;
		}
		p = e;
	}
	return NULL;
}

/* Append a component to out[0..*o), with a separator when needed. */
static void
norm_push(char *out, size_t outlen, size_t *o, const char *c, size_t n)
{
	if (*o && out[*o - 1] != '/' && *o + 1 < outlen)
		out[(*o)++] = '/';
	if (*o + n >= outlen)
		n = outlen - *o - 1;
	memcpy(out + *o, c, n);
	*o += n;
}

void
path_normalize(const char *in, char *out, size_t outlen)
{
	size_t base = *in == '/' ? 1 : 0, o = base;
	const char *p = in;

	if (outlen < 2) {
		if (outlen)
			out[0] = '\0';
		return;
	}
	if (base)
		out[0] = '/';
	while (*p) {
		const char *e;
		size_t n;

		while (*p == '/')
			p++;
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			/* the last kept component, unless it is ".." itself */
			size_t k = o;

			while (k > base && out[k - 1] != '/')
				k--;
			if (o > base && !(o - k == 2 && out[k] == '.' &&
			    out[k + 1] == '.'))
				o = k > base ? k - 1 : base;
			else if (!base)
				norm_push(out, outlen, &o, "..", 2);
			/* above "/" stays at "/" */
		} else if (n && !(n == 1 && p[0] == '.')) {
			norm_push(out, outlen, &o, p, n);
		}
		p = e;
	}
	out[o] = '\0';
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
path_classify(const char *raw)
{
	char path[4096];
	const char *h;
	size_t hl;

	if (raw == NULL || raw[0] != '/')
		return PATH_OTHER;
	/* judge what the kernel would open: "/usr/lib/../../tmp/x" is /tmp */
	path_normalize(raw, path, sizeof(path));
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
	case PATH_HIDDEN_HOME: return "hidden name in a home directory";
	case PATH_WRITABLE: return "world-writable directory";
	case PATH_HIDDEN_SYSTEM: return "hidden name in a system path";
	case PATH_DEV_OR_BOOT: return "/dev or /boot";
	case PATH_HIDDEN_WRITABLE:
		return "hidden name inside a world-writable directory";
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

int64_t
pct_int(double pct)
{
	if (!(pct > 0))
		return 0;
	if (pct > 1e9)
		return 1000000000;
	return (int64_t)(pct + 0.5);
}

const struct env_var *
proc_env(const struct proc *p, const char *name)
{
	for (uint32_t i = 0; i < p->nenv; i++)
		if (strcmp(p->env[i].name, name) == 0)
			return &p->env[i];
	return NULL;
}

/* Kernel thread names that are long enough to match as prefixes. */
static const char *const kthread_prefixes[] = {
	"kworker", "ksoftirqd", "kswapd", "kthreadd", "migration/", "rcu_",
	"watchdog/", "kdevtmpfs", "jbd2/", "xfsaild/", "xfs-", "kcompactd",
	"khugepaged", "kblockd", "ksmd", "kauditd", "khungtaskd",
	"oom_reaper", "kintegrityd", "cpuhp/", "idle_inject/", "irq/",
	"scsi_eh_", "scsi_tmf_", "kthrotld", "kstrp", "mm_percpu_wq", NULL,
};

/* md<N>_<personality> ("md0_raid1", "md127_resync") and raid<N>wq
 * ("raid5wq"): matched exactly, so md5sum, mdadm and raid6check are not
 * taken for kernel threads. */
static bool
md_raid_thread(const char *n)
{
	const char *p;

	if (strncmp(n, "md", 2) == 0) {
		for (p = n + 2; *p >= '0' && *p <= '9'; p++)
			;
		return p > n + 2 && *p == '_' && p[1] != '\0';
	}
	if (strncmp(n, "raid", 4) == 0) {
		for (p = n + 4; *p >= '0' && *p <= '9'; p++)
			;
		return p > n + 4 && strcmp(p, "wq") == 0;
	}
	return false;
}

/* Does the name (comm or argv0) look like a kernel thread's? */
bool
name_kthread_like(const char *n, const char **why)
{
	size_t l;

	if (n == NULL || *n == '\0')
		return false;
	l = strlen(n);
	if (l >= 2 && n[0] == '[' && n[l - 1] == ']') {
		*why = "bracketed name, as ps shows kernel threads";
		return true;
	}
	for (int i = 0; kthread_prefixes[i]; i++)
		if (strncmp(n, kthread_prefixes[i],
		    strlen(kthread_prefixes[i])) == 0)
			goto yes;
	if (!md_raid_thread(n))
		return false;
yes:
	*why = "name of a kernel thread";
	return true;
}

void
ev_flags_list(struct finding *f, const char *key, unsigned flags,
	      const struct flag_text *table, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (flags & table[i].bit)
			finding_ev_list_add(f, key, table[i].text);
}

void
ev_cmd_does(struct finding *f, unsigned cmd_flags)
{
	static const struct flag_text does[] = {
		{ CMD_DOWNLOAD, "download" },
		{ CMD_DECODE, "decode" },
		{ CMD_SHELL_PIPE, "pipe into an interpreter" },
		{ CMD_EXEC_FETCHED, "make the download executable" },
		{ CMD_INLINE, "run inline code" },
		{ CMD_WRITABLE, "use a world-writable directory" },
		{ CMD_HIDDEN, "use a hidden directory" },
	};

	ev_flags_list(f, "does", cmd_flags, does,
	    sizeof(does) / sizeof(does[0]));
}

static bool
path_under(const char *p, const char *dir)
{
	size_t l = strlen(dir);

	return strncmp(p, dir, l) == 0 && p[l] == '/';
}

enum exe_place
proc_exe_place(const struct proc *p, const char **why)
{
	char path[4096], norm[4096];
	const char *dummy;
	enum path_class pc;

	if (why == NULL)
		why = &dummy;
	if (p->exe_kind == EXE_MEMFD) {
		*why = "memfd";
		return EXE_PLACE_ODD;
	}
	if (p->exe == NULL || (p->exe_kind != EXE_FILE &&
	    p->exe_kind != EXE_DELETED))
		return EXE_PLACE_OTHER;
	path_strip_deleted(p->exe, path, sizeof(path));
	path_normalize(path, norm, sizeof(norm));
	pc = path_classify(norm);
	if (pc != PATH_OTHER) {
		size_t hl = 0;
		const char *hid = path_hidden_component(norm, &hl);

		if (!(pc == PATH_HIDDEN_HOME && hid &&
		    path_hidden_is_tooling(hid, hl))) {
			*why = path_class_name(pc);
			return EXE_PLACE_ODD;
		}
	}
	if (p->exe_kind == EXE_DELETED) {
		*why = "deleted";
		return EXE_PLACE_ODD;
	}
	if (path_under(norm, "/usr/local") || path_under(norm, "/opt") ||
	    path_under(norm, "/snap"))
		return EXE_PLACE_LOCAL;
	if (path_under(norm, "/usr") || path_under(norm, "/bin") ||
	    path_under(norm, "/sbin") || path_under(norm, "/lib") ||
	    path_under(norm, "/lib64") || path_under(norm, "/lib32"))
		return EXE_PLACE_SYSTEM;
	return EXE_PLACE_OTHER;
}
