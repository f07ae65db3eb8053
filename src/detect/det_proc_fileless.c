/*
 * det_proc_fileless.c - RM-PROC-001: a process whose executable is gone
 * from disk (deleted after start) or never was on disk (memfd).
 *
 * Droppers delete their binary once it runs (Perfctl, Kinsing) and
 * fileless loaders execute from memfd_create().  The running image can
 * still be copied from /proc/PID/exe.  False positives: a daemon whose
 * package was upgraded keeps running the old, deleted binary while the new
 * one sits at the same path: that is reported low, with "restart it".
 * Runtimes that re-exec themselves from a sealed memfd (runc's
 * CVE-2019-5736 protection) are reported medium: sealing is a sign of that
 * pattern, though an attacker can seal too.
 */
#include <fcntl.h>
#include <string.h>

#include "detect_util.h"
#include "detector.h"

#ifndef F_SEAL_SEAL
#define F_SEAL_SEAL 0x0001
#define F_SEAL_WRITE 0x0008
#endif

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	struct finding *f;
	char path[4096];
	enum path_class pc;

	if (p->exe_kind == EXE_MEMFD) {
		bool sealed = p->exe_seals >= 0 &&
		    (p->exe_seals & (F_SEAL_SEAL | F_SEAL_WRITE)) ==
		    (F_SEAL_SEAL | F_SEAL_WRITE);

		f = findings_add(out, d, "Process %d (%.64s) runs from a memory-"
		    "only file (%.128s), not from disk", (int)p->pid, p->comm,
		    p->exe);
		finding_set_process(f, p, s);
		finding_ev_str(f, "exe_link", p->exe);
		finding_ev_str(f, "kind", "memfd");
		finding_ev_bool(f, "sealed", sealed);
		if (sealed) {
			f->severity = SEV_MEDIUM;
			f->confidence = CONF_LOW;
			finding_ev_str(f, "note", "the memfd is sealed against "
			    "writes, as runtimes that clone themselves do "
			    "(runc); check what started it");
		} else {
			f->severity = SEV_HIGH;
			f->confidence = CONF_HIGH;
		}
		return;
	}
	if (p->exe_kind != EXE_DELETED)
		return;
	path_strip_deleted(p->exe, path, sizeof(path));
	pc = path_classify(path);
	f = findings_add(out, d, "Process %d (%.64s) runs an executable that "
	    "was deleted from disk: %.256s", (int)p->pid, p->comm, path);
	finding_set_process(f, p, s);
	finding_set_file(f, path);
	finding_ev_str(f, "exe_link", p->exe);
	finding_ev_str(f, "kind", "deleted");
	finding_ev_int(f, "exe_inode", (int64_t)p->exe_ino);
	if (pc != PATH_OTHER) {
		finding_ev_str(f, "location", path_class_name(pc));
		f->severity = SEV_CRITICAL;
		f->confidence = CONF_HIGH;
	} else if (p->exe_replaced) {
		f->severity = SEV_LOW;
		f->confidence = CONF_LOW;
		finding_ev_bool(f, "file_at_path_now", true);
		finding_ev_str(f, "note", "a file exists at the path again, "
		    "as after a package upgrade; restart the service to run "
		    "the new binary, and check that the file belongs to a "
		    "package");
	} else {
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_MEDIUM;
		finding_ev_bool(f, "file_at_path_now", false);
	}
}

const struct detector det_proc_fileless = {
	.id = "RM-PROC-001",
	.name = "Deleted or memory-only executable",
	.category = CAT_EVASION,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1070.004", "T1620"),
	.description = "A process runs a binary that was deleted after it "
	    "started, or that only exists in memory (memfd).",
	.remediation = "Copy the running image for analysis (cp /proc/PID/exe "
	    "/root/evidence.bin), note its parent and connections, then stop "
	    "the process. If a package upgrade replaced the file, restart the "
	    "service instead.",
	.kinds = FACT_PROC,
	.check = check,
};
