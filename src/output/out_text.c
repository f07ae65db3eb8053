/*
 * out_text.c - the report for a person at a terminal: findings grouped by
 * severity, the evidence and what to do, then what was not checked.
 * Every host string goes through escape_text(), so a process name cannot
 * carry escape sequences to the terminal.
 */
#include <stdio.h>
#include <string.h>

#include "../core/escape.h"
#include "../core/io.h"
#include "../detect/detector.h"
#include "../incident/incident.h"
#include "output.h"

#ifndef RM_VERSION
#define RM_VERSION "0.0.0"
#endif

struct pen {
	FILE *f;
	bool color;
};

static const char *const sev_color[] = {
	"\033[2m", "\033[36m", "\033[33m", "\033[31m", "\033[1;31m",
};

static void
put(struct pen *p, const char *s)
{
	fputs(s, p->f);
}

/* A host string, escaped; NULL prints "-". */
static void
host_str(struct pen *p, const char *s)
{
	if (s == NULL)
		s = "-";
	fput_text(p->f, s, strlen(s));
}

static void
color(struct pen *p, const char *c)
{
	if (p->color)
		fputs(c, p->f);
}

static void
evidence(struct pen *p, const struct finding *f)
{
	for (size_t i = 0; i < f->nev; i++) {
		const struct evidence *e = &f->ev[i];

		size_t kl = strlen(e->key);

		put(p, "      ");
		fput_text(p->f, e->key, kl);
		fprintf(p->f, "%*s ", kl < 18 ? (int)(18 - kl) : 0, "");
		switch (e->type) {
		case EV_STR: host_str(p, e->s); break;
		case EV_INT: fprintf(p->f, "%lld", (long long)e->i); break;
		case EV_BOOL: put(p, e->b ? "yes" : "no"); break;
		case EV_STRLIST:
			for (size_t k = 0; k < e->nlist; k++) {
				if (k)
					put(p, ", ");
				host_str(p, e->list[k]);
			}
			if (e->dropped)
				fprintf(p->f, " (+%zu more)", e->dropped);
			break;
		}
		put(p, "\n");
	}
}

/* One line per matched rule: namespace:rule [tags] and where the first
 * strings matched. */
static void
yara_text(struct pen *p, const struct finding_yara *y)
{
	for (uint32_t i = 0; i < y->nm; i++) {
		const struct yara_match *m = &y->m[i];

		put(p, "    yara     ");
		host_str(p, m->ns);
		put(p, ":");
		host_str(p, m->rule);
		if (m->ntags) {
			put(p, " [");
			for (uint32_t k = 0; k < m->ntags; k++) {
				if (k)
					put(p, " ");
				host_str(p, m->tags[k]);
			}
			put(p, "]");
		}
		for (uint32_t k = 0; k < m->nstr && k < 3; k++) {
			fprintf(p->f, "%s", k ? ", " : "  ");
			host_str(p, m->str[k].id);
			fprintf(p->f, "@0x%llx", (unsigned long long)m->str[k].off);
		}
		if (m->nstr + m->nstr_dropped > 3)
			fprintf(p->f, " (+%u)", m->nstr + m->nstr_dropped - 3);
		put(p, "\n");
	}
	if (y->nm_dropped)
		fprintf(p->f, "    yara     (+%u more rules)\n", y->nm_dropped);
}

static void
finding(struct pen *p, const struct finding *f)
{
	const struct detector *d = f->rule;

	put(p, "  ");
	color(p, "\033[1m");
	fprintf(p->f, "%s  %s", d->id, d->name);
	color(p, "\033[0m");
	fprintf(p->f, "  [%s, confidence %s, %s]\n", f->id,
	    confidence_name(f->confidence), f->category ? f->category :
	    d->category);
	put(p, "    ");
	host_str(p, f->message);
	put(p, "\n");
	if (f->has_process) {
		const struct finding_process *pr = &f->process;

		fprintf(p->f, "    process  pid %d  ppid %d", (int)pr->pid,
		    (int)pr->ppid);
		if (pr->has_uid) {
			fprintf(p->f, "  uid %u", pr->uid);
			if (pr->user) {
				put(p, " (");
				host_str(p, pr->user);
				put(p, ")");
			}
		}
		put(p, "  name ");
		host_str(p, pr->name);
		put(p, "\n");
		if (pr->executable) {
			put(p, "    exe      ");
			host_str(p, pr->executable);
			put(p, "\n");
		}
		if (pr->command_line) {
			size_t n = strlen(pr->command_line);

			put(p, "    cmdline  ");
			fput_text(p->f, pr->command_line, n > 200 ? 200 : n);
			if (n > 200 || pr->command_line_bytes > n + 1)
				fprintf(p->f, "... (%zu bytes in all)",
				    pr->command_line_bytes > n ?
				    pr->command_line_bytes : n);
			put(p, "\n");
		}
		if (pr->container_id) {
			put(p, "    container ");
			host_str(p, pr->container_id);
			put(p, "\n");
		}
	}
	if (f->file_path) {
		put(p, "    file     ");
		host_str(p, f->file_path);
		put(p, "\n");
		if (f->file_sha256 && f->yara)
			fprintf(p->f, "    sha256   %s\n", f->file_sha256);
	}
	if (f->yara)
		yara_text(p, f->yara);
	if (f->dest_ip) {
		put(p, "    remote   ");
		host_str(p, f->dest_ip);
		if (f->dest_port >= 0)
			fprintf(p->f, " port %d", f->dest_port);
		put(p, "\n");
	}
	if (f->nev) {
		put(p, "    evidence\n");
		evidence(p, f);
	}
	fprintf(p->f, "    ATT&CK   ");
	for (const char *const *t = d->techniques; t && *t; t++)
		fprintf(p->f, "%s%s", t == d->techniques ? "" : ", ", *t);
	put(p, "\n    do now   ");
	host_str(p, f->remediation ? f->remediation : d->remediation);
	put(p, "\n\n");
}

/* An incident as a short story: the summary, what mines, how it started,
 * how it persists, what else, what is exposed, the timeline, the numbered
 * plan and its findings, one line each. */
static void
incident_text(struct pen *p, const struct incident *inc)
{
	char ts[32];

	color(p, sev_color[inc->severity]);
	color(p, "\033[1m");
	fprintf(p->f, "Incident %s  [%s, stage %s]", inc->id,
	    severity_name(inc->severity), inc->stage ? inc->stage : "?");
	color(p, "\033[0m");
	put(p, "\n  ");
	host_str(p, inc->summary);
	put(p, "\n");
	for (size_t i = 0; i < inc->nstory; i++) {
		put(p, "  ");
		host_str(p, inc->story[i]);
		put(p, "\n");
	}
	if (inc->ntl) {
		put(p, "  Timeline:\n");
		for (size_t i = 0; i < inc->ntl; i++) {
			io_rfc3339_sec(inc->tl[i].time, ts);
			fprintf(p->f, "    %s  %-8s ", ts, inc->tl[i].source);
			host_str(p, inc->tl[i].event);
			put(p, "\n");
		}
		if (inc->ntl_dropped)
			fprintf(p->f, "    (+%zu more events)\n",
			    inc->ntl_dropped);
	}
	if (inc->nplan) {
		put(p, "  Do now, in this order:\n");
		for (size_t i = 0; i < inc->nplan; i++) {
			fprintf(p->f, "    %2zu. ", i + 1);
			host_str(p, inc->plan[i].text);
			put(p, "\n");
		}
		if (inc->nplan_dropped)
			fprintf(p->f, "    (+%zu more actions)\n",
			    inc->nplan_dropped);
	}
	fprintf(p->f, "  Findings (%zu):\n", inc->nf + inc->nf_dropped);
	for (size_t i = 0; i < inc->nf; i++) {
		const struct finding *m = inc->f[i];

		fprintf(p->f, "    %s %-8s %-11s ", m->id,
		    severity_name(m->severity), m->rule->id);
		host_str(p, m->message);
		put(p, "\n");
	}
	if (inc->nf_dropped)
		fprintf(p->f, "    (+%zu more findings, in the JSON output's "
		    "evidence \"incident\")\n", inc->nf_dropped);
	put(p, "\n");
}

void
out_text(FILE *f, const struct report *r, bool use_color)
{
	const struct snapshot *s = r->s;
	struct pen p = { f, use_color };
	size_t count[5] = { 0 }, rest[5] = { 0 };

	color(&p, "\033[1m");
	fprintf(f, "rookmelder %s", RM_VERSION);
	color(&p, "\033[0m");
	put(&p, "  host ");
	host_str(&p, s->host.hostname);
	if (s->live) {
		put(&p, "  kernel ");
		host_str(&p, s->host.kernel);
	}
	put(&p, "  root ");
	host_str(&p, s->root);
	put(&p, "\n");
	if (r->yara_only)
		fprintf(f, "Scanned %llu files (%.1f MiB) and the memory of %llu "
		    "process(es) with %u YARA rules in %llu ms.\n\n",
		    (unsigned long long)s->yara.files,
		    (double)s->yara.bytes / 1048576.0,
		    (unsigned long long)s->yara.processes, s->yara.rules,
		    (unsigned long long)r->duration_ms);
	else if (s->live)
		fprintf(f, "Scanned %zu processes, %zu sockets in %zu network "
		    "namespace(s), %zu accounts in %llu ms.\n\n", s->nprocs,
		    s->nsocks, s->nnetns, s->naccounts,
		    (unsigned long long)r->duration_ms);
	else
		fprintf(f, "Scanned a disk image: %zu accounts in %llu ms.\n\n",
		    s->naccounts, (unsigned long long)r->duration_ms);

	if (!r->yara_only && s->yara.ran)
		fprintf(f, "YARA: %u rules over %llu files (%.1f MiB), %llu "
		    "processes' memory, in %llu ms.\n\n",
		    s->yara.rules, (unsigned long long)s->yara.files,
		    (double)s->yara.bytes / 1048576.0,
		    (unsigned long long)s->yara.processes,
		    (unsigned long long)(s->yara.load_ms + s->yara.scan_ms));
	for (size_t i = 0; i < r->fs->n; i++) {
		count[r->fs->v[i]->severity]++;
		if (r->inc && r->inc->n && incident_of(r->fs->v[i]) == NULL)
			rest[r->fs->v[i]->severity]++;
		else if (r->inc == NULL || r->inc->n == 0)
			rest[r->fs->v[i]->severity]++;
	}
	if (r->inc && r->inc->n) {
		fprintf(f, "%zu incident(s): findings tied together into one "
		    "story each.\n\n", r->inc->n);
		for (size_t i = 0; i < r->inc->n; i++)
			incident_text(&p, &r->inc->v[i]);
		if (r->inc->dropped)
			fprintf(f, "(+%zu more incidents not shown: at most %u "
			    "per scan)\n\n", r->inc->dropped,
			    (unsigned)RM_INCIDENTS_MAX);
		if (rest[0] + rest[1] + rest[2] + rest[3] + rest[4] > 0)
			put(&p, "Findings outside the incidents:\n\n");
	}
	for (int sev = SEV_CRITICAL; sev >= SEV_INFO; sev--) {
		if (rest[sev] == 0)
			continue;
		color(&p, sev_color[sev]);
		fprintf(f, "%s (%zu)", severity_name((enum severity)sev),
		    rest[sev]);
		color(&p, "\033[0m");
		put(&p, "\n");
		for (size_t i = 0; i < r->fs->n; i++)
			if ((int)r->fs->v[i]->severity == sev &&
			    (r->inc == NULL || r->inc->n == 0 ||
			    incident_of(r->fs->v[i]) == NULL))
				finding(&p, r->fs->v[i]);
	}
	if (r->fs->n == 0)
		put(&p, "No findings.\n\n");

	if (s->nskipped) {
		put(&p, "Not checked (or only in part):\n");
		for (size_t i = 0; i < s->nskipped; i++) {
			put(&p, "  - ");
			host_str(&p, s->skipped[i].check);
			put(&p, ": ");
			host_str(&p, s->skipped[i].reason);
			put(&p, "\n");
		}
		put(&p, "\n");
	}
	/* the line starts with "Summary: " whatever was found (scripts and
	 * people look for it) */
	fprintf(f, "Summary: %zu critical, %zu high, %zu medium, %zu low, "
	    "%zu info.", count[SEV_CRITICAL], count[SEV_HIGH],
	    count[SEV_MEDIUM], count[SEV_LOW], count[SEV_INFO]);
	if (r->inc && r->inc->n)
		fprintf(f, " Incidents: %zu%s.", r->inc->n + r->inc->dropped,
		    r->inc->dropped ? " (some not shown)" : "");
	if (!r->fail_never && findings_count_at_least(r->fs, r->fail_on))
		fprintf(f, " Findings at or above %s: act now.",
		    severity_name(r->fail_on));
	put(&p, "\n");
}
