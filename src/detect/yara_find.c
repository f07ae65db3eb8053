/*
 * yara_find.c - a finding from a YARA-matched target: the worst-rated
 * rule (yara_util.h) sets severity, confidence and category; every kept
 * rule is copied into the finding's "yara" object.
 */
#include <stdio.h>
#include <string.h>

#include "../core/xmalloc.h"
#include "detect_util.h"
#include "yara_find.h"
#include "yara_util.h"

/* Rate one match: copy what yara_util reads into a yara_desc. */
static void
rate(const struct yara_match *m, enum severity *sev, enum confidence *conf,
     const char **cat)
{
	struct yara_meta meta[RM_YARA_META];
	struct yara_desc d = {
		.rule = m->rule, .ns = m->ns,
		.tags = (const char *const *)m->tags, .ntags = m->ntags,
		.meta = meta, .nmeta = m->nmeta < RM_YARA_META ? m->nmeta :
		    RM_YARA_META,
		.builtin = m->builtin,
	};

	for (size_t i = 0; i < d.nmeta; i++) {
		meta[i].key = m->meta[i].key;
		meta[i].type = m->meta[i].type == 1 ? YM_INT :
		    m->meta[i].type == 2 ? YM_BOOL : YM_STR;
		meta[i].s = m->meta[i].s;
		meta[i].i = m->meta[i].i;
	}
	*sev = yara_severity(&d);
	*conf = yara_confidence(&d);
	*cat = yara_category(&d);
}

static const char *
meta_str(const struct yara_match *m, const char *key)
{
	for (uint32_t i = 0; i < m->nmeta; i++)
		if (m->meta[i].type == 0 && m->meta[i].s &&
		    strcmp(m->meta[i].key, key) == 0)
			return m->meta[i].s;
	return NULL;
}

static const char *
what_to_do(const char *cat, uint8_t target)
{
	if (target == YT_MEMORY)
		return "Treat the process as hostile: note its pid, "
		    "executable and connections, stop it (kill -STOP, then "
		    "-KILL once evidence is kept), find how it was started "
		    "(parent, cron, systemd, shell history) and remove that, "
		    "then look for what else the same intruder left: the "
		    "miner is rarely alone.";
	if (strcmp(cat, CAT_MINING) == 0)
		return "A miner or its configuration: stop every process "
		    "running it, keep a copy and its sha256 for evidence, "
		    "remove it, and find how it got here (cron, systemd, "
		    "authorized_keys, a web application) - a miner means "
		    "the server is compromised; rotate the credentials it "
		    "could read.";
	if (strcmp(cat, CAT_ROOTKIT) == 0)
		return "Rootkit content: do not trust this system's tools; "
		    "keep a copy, take a disk snapshot, and rebuild the "
		    "server from known-good media rather than cleaning it.";
	return "Inspect the file: if no one here put it there on purpose, "
	    "stop any process using it, keep a copy and its sha256 for "
	    "evidence, remove it, and look for how it arrived and what "
	    "else changed around the same time (cron, systemd units, "
	    "authorized_keys, shell histories).";
}

struct finding *
yara_finding(const struct detector *d, const struct snapshot *s,
	     const struct yara_hit *h, struct findings *out)
{
	enum severity best = SEV_INFO, sv;
	enum confidence bconf = CONF_LOW, cf;
	const char *bcat = CAT_INITIAL_ACCESS, *ct, *desc;
	const struct yara_match *bm = NULL;
	const struct proc *p = h->pid ? snapshot_proc(s, h->pid) : NULL;
	const char *target = h->target == YT_MEMORY ? "memory" :
	    h->target == YT_EXE ? "executable" : "file";
	struct finding *f;
	char more[48] = "";

	if (h->nm == 0)
		return NULL;
	for (uint32_t i = 0; i < h->nm; i++) {
		rate(&h->m[i], &sv, &cf, &ct);
		if (!bm || sv > best || (sv == best && cf > bconf)) {
			bm = &h->m[i];
			best = sv;
			bconf = cf;
			bcat = ct;
		}
	}
	desc = meta_str(bm, "description");
	if (h->nm + h->nm_dropped > 1)
		snprintf(more, sizeof(more), " (and %u more)",
		    h->nm + h->nm_dropped - 1);
	if (h->target == YT_MEMORY)
		f = findings_add(out, d, "The memory of process %d (%.256s) "
		    "matches YARA rule %.128s%s%s%.160s%s", (int)h->pid,
		    h->path, bm->rule, more, desc ? ": " : "",
		    desc ? desc : "", "");
	else if (h->target == YT_EXE)
		f = findings_add(out, d, "The running executable %.256s (pid "
		    "%d) matches YARA rule %.128s%s%s%.160s", h->path,
		    (int)h->pid, bm->rule, more, desc ? ": " : "",
		    desc ? desc : "");
	else
		f = findings_add(out, d, "%.256s matches YARA rule %.128s%s"
		    "%s%.160s", h->path, bm->rule, more, desc ? ": " : "",
		    desc ? desc : "");
	if (p)
		finding_set_process(f, p, s);
	if (h->target != YT_MEMORY || (p && p->exe_kind == EXE_FILE))
		finding_set_file(f, h->path);
	if (h->sha256)
		f->file_sha256 = xstrdup(h->sha256);
	f->severity = best;
	f->confidence = bconf;
	f->category = bcat;
	finding_ev_str(f, "target", target);
	for (uint32_t i = 0; i < h->nm; i++) {
		char r[400];

		snprintf(r, sizeof(r), "%s:%s", h->m[i].ns, h->m[i].rule);
		finding_ev_list_add(f, "rules", r);
	}
	if (h->target == YT_MEMORY) {
		finding_ev_int(f, "memory_scanned", (int64_t)h->scanned);
	} else {
		finding_ev_int(f, "size", (int64_t)h->size);
		finding_ev_file_meta(f, "file_", h->uid, h->mode, h->mtime);
	}
	if (h->target == YT_EXE && h->nprocs > 1)
		finding_ev_int(f, "processes", h->nprocs);
	if (h->truncated) {
		finding_ev_bool(f, "truncated", true);
		finding_ev_int(f, "scanned", (int64_t)h->scanned);
	}
	finding_set_yara(f, target, h->m, h->nm, h->nm_dropped);
	finding_set_remediation(f, "%s", what_to_do(bcat, h->target));
	return f;
}
