/*
 * det_proc_writable_dir.c - RM-PROC-002: a process executing from a
 * world-writable or hidden directory.
 *
 * Droppers download into /tmp, /var/tmp or /dev/shm, often inside a dot-
 * directory (/tmp/.X25-unix/.rsync, /dev/shm/.gs-1000, /bin/.local/bin),
 * because every user can write there and nobody looks.  False positives:
 * build and test runners that execute freshly built binaries from /tmp
 * (go test's /tmp/go-build*), and per-user tool trees under a home
 * (~/.local/bin, ~/.cargo/bin, ~/.vscode-server) which are not reported.
 */
#include <string.h>

#include "detect_util.h"
#include "detector.h"

static bool
is_build_artifact(const char *path)
{
	/* go test / go run: /tmp/go-build123/b001/exe/x or .../x.test */
	return strncmp(path, "/tmp/go-build", 13) == 0;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	enum path_class pc;
	struct finding *f;
	const char *hid;
	char path[4096];
	size_t hl = 0;

	if (p->exe == NULL || (p->exe_kind != EXE_FILE &&
	    p->exe_kind != EXE_DELETED))
		return;
	path_strip_deleted(p->exe, path, sizeof(path));
	pc = path_classify(path);
	if (pc == PATH_OTHER)
		return;
	hid = path_hidden_component(path, &hl);
	if (pc == PATH_HIDDEN_HOME && path_hidden_is_tooling(hid, hl))
		return;
	f = findings_add(out, d, "Process %d (%.64s) executes from a %s: "
	    "%.256s", (int)p->pid, p->comm, path_class_name(pc), path);
	finding_set_process(f, p, s);
	finding_set_file(f, path);
	finding_ev_str(f, "location", path_class_name(pc));
	if (hid)
		finding_ev_strn(f, "hidden_name", hid, hl);
	if (p->exe_kind == EXE_DELETED)
		finding_ev_bool(f, "deleted", true);
	switch (pc) {
	case PATH_HIDDEN_WRITABLE:
	case PATH_DEV_OR_BOOT:
		f->severity = SEV_CRITICAL;
		f->confidence = CONF_HIGH;
		break;
	case PATH_HIDDEN_SYSTEM:
	case PATH_WRITABLE:
		f->severity = SEV_HIGH;
		f->confidence = CONF_MEDIUM;
		break;
	case PATH_HIDDEN_HOME:
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_LOW;
		break;
	case PATH_OTHER:
		break;
	}
	if (pc == PATH_WRITABLE && is_build_artifact(path)) {
		f->severity = SEV_LOW;
		f->confidence = CONF_LOW;
		finding_ev_str(f, "note", "looks like a test binary built by "
		    "`go test`/`go run`");
	}
}

const struct detector det_proc_writable_dir = {
	.id = "RM-PROC-002",
	.name = "Executing from a writable or hidden directory",
	.category = CAT_EVASION,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1036.005", "T1564.001", "T1105"),
	.description = "A process runs a binary from /tmp, /var/tmp, /dev/shm, "
	    "/dev, /boot or a hidden (dot) directory.",
	.remediation = "Copy /proc/PID/exe and the directory it came from, "
	    "find what started it (parent, cron, systemd, shell history), then "
	    "stop it. Mount /tmp, /var/tmp and /dev/shm noexec where you can.",
	.kinds = FACT_PROC,
	.check = check,
};
