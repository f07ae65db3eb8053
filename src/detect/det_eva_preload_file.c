/*
 * det_eva_preload_file.c - RM-EVA-001: /etc/ld.so.preload exists.
 *
 * The file makes the dynamic linker load its libraries into every
 * dynamically linked program: the classic userland rootkit (libprocess-
 * hider, Perfctl's libgcwrap.so, TeamTNT, Rocke) that hides processes and
 * files from ps, ls and top.  Servers normally have no such file.  Known
 * benign users (memory allocators, some APM agents) are lowered; an empty
 * file (what rival droppers leave after wiping a competitor) is reported
 * low.  rookmelder itself is immune when built static (`make static`).
 *
 * Each listed library is read in the scan root (collect/preload.c): its
 * SHA-256 and the libc calls it defines from the hook list (core/hooks.h)
 * become evidence.  One that replaces readdir, opendir or getdents hides
 * directory entries: critical, whatever its name or place.
 */
#include <string.h>


#include "detect_util.h"
#include "detector.h"
#include "preload_ev.h"

/* Libraries that are preloaded on purpose by administrators. */
static bool
benign_library(const char *raw)
{
	char lib[4096];
	static const char *const ok[] = {
		"libjemalloc.so", "libtcmalloc", "libmimalloc", "libeatmydata",
		"libfaketime", "libsnoopy.so", NULL,
	};
	const char *base;

	path_normalize(raw, lib, sizeof(lib));
	base = strrchr(lib, '/');
	base = base ? base + 1 : lib;
	if (strncmp(lib, "/usr/lib/", 9) != 0 && strncmp(lib, "/lib/", 5) != 0)
		return false;
	for (int i = 0; ok[i]; i++)
		if (strncmp(base, ok[i], strlen(ok[i])) == 0)
			return true;
	return false;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct file_snapshot *fs = &fa->u.host->ld_so_preload;
	const char *p, *end, *hook = NULL, *hooklib = NULL;
	struct preload_verdict v = { 0 };
	struct finding *f;
	int nlibs = 0, nbenign = 0, nwritable = 0;

	if (!fs->exists)
		return;
	/* the libraries of the file, read in the scan root (preload.c) */
	for (size_t i = 0; i < s->npreload_libs && !hook; i++)
		if (s->preload_libs[i].ns_mnt == 0 &&
		    (hook = preload_listing_hook(&s->preload_libs[i])))
			hooklib = s->preload_libs[i].path;
	if (hook)
		f = findings_add(out, d, "/etc/ld.so.preload loads %.200s into "
		    "every program, and it replaces %s(): a userland rootkit "
		    "that hides files and processes", hooklib, hook);
	else
		f = findings_add(out, d, "/etc/ld.so.preload exists: every "
		    "program loads the libraries it lists");
	finding_set_file(f, "/etc/ld.so.preload");
	finding_ev_int(f, "size", (int64_t)fs->len);
	finding_ev_file_meta(f, "", fs->uid, fs->mode, fs->mtime);
	if (fs->content == NULL) {
		finding_ev_str(f, "read_error", "could not read the file");
		f->severity = SEV_HIGH;
		f->confidence = CONF_MEDIUM;
		return;
	}
	/* entries are separated by whitespace or ':'; '#' starts a comment */
	p = fs->content;
	end = p + strlen(p);
	while (p < end) {
		const char *e;
		char lib[4096];
		size_t n;

		while (p < end && strchr(" \t\r\n:", *p))
			p++;
		if (p < end && *p == '#') {
			while (p < end && *p != '\n')
				p++;
			continue;
		}
		e = p;
		while (e < end && !strchr(" \t\r\n:", *e))
			e++;
		if (e == p)
			break;
		n = (size_t)(e - p) < sizeof(lib) - 1 ? (size_t)(e - p)
		    : sizeof(lib) - 1;
		memcpy(lib, p, n);
		lib[n] = '\0';
		nlibs++;
		finding_ev_list_add(f, "libraries", lib);
		if (strchr(lib, '/'))
			preload_ev_lib(f, lib, snapshot_preload_lib(s, lib, 0),
			    &v);
		/* an entry too long to judge whole is never benign */
		if ((size_t)(e - p) >= sizeof(lib) - 1)
			finding_ev_bool(f, "entry_too_long", true);
		else if (benign_library(lib))
			nbenign++;
		if (path_classify(lib) != PATH_OTHER)
			nwritable++;
		p = e;
	}
	if (v.nlisting) {
		/* hooks readdir & co: it hides things, whatever its name */
		f->severity = SEV_CRITICAL;
		f->confidence = CONF_HIGH;
	} else if (nlibs == 0) {
		f->severity = SEV_LOW;
		f->confidence = CONF_MEDIUM;
		finding_ev_str(f, "note", "the file lists no library; droppers "
		    "empty it to remove a rival's rootkit");
	} else if (nwritable) {
		f->severity = SEV_CRITICAL;
		f->confidence = CONF_HIGH;
	} else if (nbenign == nlibs) {
		f->severity = SEV_LOW;
		f->confidence = CONF_LOW;
		finding_ev_str(f, "note", "only known allocator or tooling "
		    "libraries are listed");
	} else {
		f->severity = SEV_HIGH;
		f->confidence = CONF_HIGH;
	}
}

const struct detector det_eva_preload_file = {
	.id = "RM-EVA-001",
	.name = "/etc/ld.so.preload present",
	.category = CAT_ROOTKIT,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1574.006", "T1014"),
	.description = "/etc/ld.so.preload exists: a userland rootkit loads "
	    "through it into every program to hide processes and files "
	    "(critical when a library replaces readdir or opendir).",
	.remediation = "Do not trust ps, ls, top or netstat on this host. "
	    "Copy the listed libraries for analysis, check the file's "
	    "immutable flag (lsattr), remove the file with a static tool, and "
	    "rescan with the static rookmelder.",
	.kinds = FACT_HOST,
	.check = check,
};
