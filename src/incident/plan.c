/*
 * plan.c - an incident's summary, its story (what mines, how it started,
 * how it persists, what else, what is exposed) and its response plan, in
 * the order a responder works: stop the processes (miner first, keeping
 * evidence), remove persistence, remove dropped files, remove accounts and
 * keys, rotate the credentials that were readable on the host, close the
 * way in, rebuild when a rootkit is involved.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/credpath.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/xmalloc.h"
#include "../detect/detect_util.h"
#include "../detect/detector.h"
#include "incident.h"

#define CREDS_LISTED 10            /* credential stores named in a plan */

const char *
plan_do_name(enum plan_do d)
{
	static const char *const n[] = { "stop", "disable", "remove",
		"rotate", "close", "rebuild", "review" };

	return (unsigned)d < sizeof(n) / sizeof(n[0]) ? n[d] : "review";
}

static void
step(struct incident *inc, enum plan_do what, const char *target,
     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void
step(struct incident *inc, enum plan_do what, const char *target,
     const char *fmt, ...)
{
	char text[RM_MSG_MAX];
	va_list ap;

	for (size_t i = 0; i < inc->nplan; i++)
		if (inc->plan[i].what == what && target &&
		    strcmp(inc->plan[i].target, target) == 0)
			return;
	if (inc->nplan >= RM_PLAN_MAX) {
		inc->nplan_dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (inc->nplan % 8 == 0)
		inc->plan = xreallocarray(inc->plan, inc->nplan + 8,
		    sizeof(*inc->plan));
	inc->plan[inc->nplan].what = what;
	inc->plan[inc->nplan].target = xstrdup(target ? target : "");
	inc->plan[inc->nplan].text = xstrdup(text);
	inc->nplan++;
}

static void
story(struct incident *inc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void
story(struct incident *inc, const char *fmt, ...)
{
	char text[RM_MSG_MAX];
	va_list ap;

	if (inc->nstory >= RM_STORY_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	inc->story[inc->nstory++] = xstrdup(text);
}

static const char *
ev_s(const struct finding *f, const char *key)
{
	const struct evidence *e = finding_ev_get(f, key);

	return e && e->type == EV_STR ? e->s : NULL;
}

static int64_t
ev_i(const struct finding *f, const char *key)
{
	const struct evidence *e = finding_ev_get(f, key);

	return e && e->type == EV_INT ? e->i : -1;
}

static bool
is_cat(const struct finding *f, const char *cat)
{
	return strcmp(incident_category(f), cat) == 0;
}

static const char *
BS(const struct buf *b)
{
	return b->data && !b->overflow ? b->data : "";
}

/* ---- how a process started: its ancestry -------------------------------- */

static const char *
starter_kind(const struct proc *p)
{
	static const struct { const char *comm, *what; } k[] = {
		{ "cron", "a cron job" }, { "crond", "a cron job" },
		{ "anacron", "a cron job" }, { "atd", "an at job" },
		{ "sshd", "an SSH session" }, { "dropbear", "an SSH session" },
		{ "nginx", "the web server" }, { "apache2", "the web server" },
		{ "httpd", "the web server" }, { "php-fpm", "the web server" },
		{ "php-fpm8.2", "the web server" }, { "lighttpd", "the web server" },
		{ "java", "a Java service" }, { "redis-server", "Redis" },
		{ "containerd-shim", "a container" },
		{ "containerd-shim-runc-v2", "a container" },
		{ "runc", "a container" }, { "dockerd", "Docker" },
		{ "tmux: server", "a tmux session" }, { "screen", "a screen session" },
		{ NULL, NULL },
	};

	if (p->comm == NULL)
		return NULL;
	for (int i = 0; k[i].comm; i++)
		if (strcmp(p->comm, k[i].comm) == 0)
			return k[i].what;
	if (p->pid == 1)
		return "init (a systemd unit or an rc script)";
	return NULL;
}

/* "kworker (4242) <- sh (4200) <- cron (812)": the chain up to init,
 * stopping at a cycle or a parent younger than its child (pid reuse). */
static void
ancestry(const struct snapshot *s, const struct finding *f, struct buf *b,
	 const char **kind)
{
	const struct proc *p = snapshot_proc(s, f->process.pid);
	pid_t seen[RM_ANCESTRY_MAX];
	size_t nseen = 0;

	*kind = NULL;
	if (p == NULL)
		return;
	if (p->container_id)
		*kind = "a container";
	seen[nseen++] = p->pid;
	buf_printf(b, "%.64s (%d)", p->comm ? p->comm : "?", (int)p->pid);
	while (nseen < 8 && p->ppid > 0) {
		const struct proc *pp = snapshot_proc(s, p->ppid);
		bool loop = false;

		if (pp == NULL)
			break;
		for (size_t i = 0; i < nseen; i++)
			loop |= seen[i] == pp->pid;
		if (loop || (p->start_ticks && pp->start_ticks >
		    p->start_ticks)) {
			buf_printf(b, "%s", " <- (parent pid reused: chain ends)");
			break;
		}
		seen[nseen++] = pp->pid;
		buf_printf(b, " <- %.64s (%d)", pp->comm ? pp->comm : "?",
		    (int)pp->pid);
		if (*kind == NULL)
			*kind = starter_kind(pp);
		p = pp;
	}
}

/* ---- the exposed credentials ------------------------------------------- */

static const char *
reach_name(uint8_t r)
{
	return r == CRED_REACH_WORLD ? "readable by every user" :
	    r == CRED_REACH_GROUP ? "readable by its group" :
	    "readable by its owner and root";
}

/* Credential stores this incident's actor could read: all of them when it
 * reached root (or a miner ran: treat the host as compromised), else
 * those every user can read. */
static bool
cred_exposed(const struct incident *inc, const struct cred_file *c)
{
	if (c->read_err || !(c->has_secret || c->no_passphrase))
		return false;
	return inc->miner || inc->root_level || c->reach == CRED_REACH_WORLD;
}

/* ---- building ------------------------------------------------------------ */

static bool
persistence_file(const struct finding *f)
{
	return f->file_path && (is_cat(f, CAT_PERSISTENCE) ||
	    strncmp(f->rule->id, "RM-PER", 6) == 0);
}

static const char *
base_name(const char *p)
{
	const char *b = strrchr(p, '/');

	return b ? b + 1 : p;
}

static void
plan_persistence(struct incident *inc, const struct finding *f)
{
	const char *id = f->rule->id, *path = f->file_path;
	int64_t line = ev_i(f, "line");
	size_t n = strlen(path);
	char tgt[1100];

	/* one step per file: a YARA match on a cron file the cron rule
	 * reported already says nothing new */
	for (size_t i = 0; i < inc->nplan; i++) {
		size_t pl = strlen(path);

		if (strncmp(inc->plan[i].target, path, pl) == 0 &&
		    (inc->plan[i].target[pl] == '\0' ||
		    inc->plan[i].target[pl] == ':'))
			return;
	}
	if (line > 0)
		snprintf(tgt, sizeof(tgt), "%s:%lld", path, (long long)line);
	else
		snprintf(tgt, sizeof(tgt), "%s", path);
	if (strcmp(id, "RM-PER-003") == 0) {
		step(inc, PLAN_REMOVE, tgt, "Remove the SSH key on line %lld of "
		    "%s (%s%s%s): it lets the intruder back in", (long long)line,
		    path, ev_s(f, "fingerprint") ? ev_s(f, "fingerprint") :
		    "key", ev_s(f, "comment") ? ", comment " : "",
		    ev_s(f, "comment") ? ev_s(f, "comment") : "");
	} else if (strncmp(id, "RM-ACCT", 7) == 0) {
		/* accounts come later (step 4) */
	} else if (strncmp(id, "RM-PER-00", 9) == 0 && (id[9] == '1' ||
	    id[9] == '2') && line > 0) {
		step(inc, PLAN_DISABLE, tgt, "Remove line %lld of %s%s%s%s "
		    "(or the file, if it holds nothing else), so cron stops "
		    "starting it again", (long long)line, path,
		    ev_s(f, "command") ? " (" : "", ev_s(f, "command") ?
		    ev_s(f, "command") : "", ev_s(f, "command") ? ")" : "");
	} else if (n > 8 && (strcmp(path + n - 8, ".service") == 0 ||
	    strcmp(path + n - 6, ".timer") == 0)) {
		step(inc, PLAN_DISABLE, path, "Stop and disable the unit: "
		    "systemctl disable --now %s, then remove %s and run "
		    "systemctl daemon-reload", base_name(path), path);
	} else if (strcmp(id, "RM-PER-007") == 0) {
		step(inc, PLAN_REMOVE, path, "Remove the setuid file %s (or "
		    "chmod u-s it if a package owns it)", path);
	} else if (strcmp(id, "RM-PER-006") == 0) {
		step(inc, PLAN_DISABLE, tgt, "Undo the sshd setting in %s and "
		    "restart sshd", tgt);
	} else {
		step(inc, PLAN_DISABLE, tgt, "Remove the persistence in %s "
		    "(%s: %s)", tgt, f->rule->id, f->rule->name);
	}
}

/* The topmost non-shared directory above path, or false. */
static bool
drop_dir_of(const char *path, char *out, size_t len)
{
	char d[1024], *sl;
	bool found = false;

	if (path == NULL || path[0] != '/' || strlen(path) >= sizeof(d))
		return false;
	path_normalize(path, d, sizeof(d));
	while ((sl = strrchr(d, '/')) != NULL && sl != d) {
		*sl = '\0';
		if (incident_shared_dir(d))
			break;
		snprintf(out, len, "%s", d);
		found = true;
	}
	return found;
}

static void
exe_plain(const char *exe, char *out, size_t len)
{
	static const char del[] = " (deleted)";
	size_t n = strlen(exe), dl = sizeof(del) - 1;

	if (n > dl && strcmp(exe + n - dl, del) == 0)
		n -= dl;
	if (n >= len)
		n = len - 1;
	memcpy(out, exe, n);
	out[n] = '\0';
}

void
plan_build(struct incident *inc, const struct snapshot *s,
	   const struct findings *fs)
{
	const struct finding *lead = NULL, *lead_proc = NULL;
	const char *kind = NULL;
	struct buf chain, b;
	char d[1024], tgt[64];
	size_t npersist = 0, nother = 0, ncred = 0, ncred_more = 0;
	bool rootkit = false;
	int64_t first_t = 0;

	buf_init(&chain, 16384);
	buf_init(&b, 16384);
	for (size_t i = 0; i < inc->nf; i++) {
		const struct finding *f = inc->f[i];

		if (lead_proc == NULL && f->has_process &&
		    incident_is_miner(f))
			lead_proc = f;
		if (lead == NULL && is_cat(f, CAT_MINING) &&
		    f->severity >= SEV_HIGH)
			lead = f;
		if (is_cat(f, CAT_ROOTKIT) && f->severity >= SEV_HIGH)
			rootkit = true;
	}
	for (size_t i = 0; lead_proc == NULL && i < inc->nf; i++)
		if (inc->f[i]->has_process && inc->f[i]->severity >= SEV_HIGH)
			lead_proc = inc->f[i];
	if (lead == NULL)
		lead = lead_proc;
	/* no miner, no process: the worst finding, a dropped file's first
	 * (what was brought), then one about the host's files */
	for (size_t i = 0; lead == NULL && i < inc->nf; i++) {
		char dd[1024];

		if (inc->f[i]->severity == inc->f[0]->severity &&
		    drop_dir_of(inc->f[i]->file_path, dd, sizeof(dd)))
			lead = inc->f[i];
	}
	if (lead == NULL)
		lead = inc->f[0];
	for (size_t i = 0; i < fs->n && !rootkit; i++)
		if (is_cat(fs->v[i], CAT_ROOTKIT) && fs->v[i]->severity >=
		    SEV_HIGH)
			rootkit = true;
	if (inc->ntl)
		first_t = inc->tl[0].time;

	/* story 1: what mines (or what the worst finding is) */
	if (lead_proc && incident_is_miner(lead_proc)) {
		story(inc, "What mines: process %d (%.64s) running %s%s%s%s",
		    (int)lead_proc->process.pid, lead_proc->process.name ?
		    lead_proc->process.name : "?",
		    lead_proc->process.executable ?
		    lead_proc->process.executable : "?",
		    lead_proc->dest_ip ? ", connected to " : "",
		    lead_proc->dest_ip ? lead_proc->dest_ip : "",
		    lead->file_path && !lead->has_process ? "" : "");
	} else if (is_cat(lead, CAT_MINING)) {
		story(inc, "What mines: %s%s (%s)", lead->file_path ?
		    "miner files at " : "", lead->file_path ? lead->file_path :
		    lead->message, lead->rule->name);
	} else {
		story(inc, "What: %s", lead->message);
	}
	/* story 2: how it started */
	if (lead_proc) {
		ancestry(s, lead_proc, &chain, &kind);
	}
	buf_reset(&b);
	for (size_t i = 0; i < inc->nf; i++) {
		const struct finding *f = inc->f[i];
		const char *cmd = ev_s(f, "command");

		if (!persistence_file(f) || strncmp(f->rule->id, "RM-PER-00",
		    9) != 0 || cmd == NULL)
			continue;
		buf_printf(&b, "%s%s:%lld runs %.200s", b.len ? "; " : "",
		    f->file_path, (long long)ev_i(f, "line"), cmd);
		break;
	}
	if (chain.len || b.len)
		story(inc, "How it started: %s%s%s%s%s%s",
		    kind ? "started by " : "", kind ? kind : "",
		    kind && chain.len ? ": " : "", chain.len ? BS(&chain) : "",
		    chain.len && b.len ? "; " : "", b.len ? BS(&b) : "");
	/* story 3: how it persists; 4: what else */
	buf_reset(&b);
	for (size_t i = 0; i < inc->nf; i++)
		if (persistence_file(inc->f[i])) {
			bool dup = false;

			for (size_t k = 0; k < i && !dup; k++)
				dup = persistence_file(inc->f[k]) && strcmp(
				    inc->f[k]->file_path,
				    inc->f[i]->file_path) == 0;
			if (dup)
				continue;
			if (npersist < 4)
				buf_printf(&b, "%s%s (%s)", npersist ? ", " :
				    "", inc->f[i]->file_path,
				    inc->f[i]->rule->id);
			npersist++;
		}
	if (npersist)
		story(inc, "How it persists: %s%s", BS(&b), npersist > 4 ?
		    " and more" : "");
	buf_reset(&b);
	for (size_t i = 0; i < inc->nf; i++) {
		const struct finding *f = inc->f[i];

		bool dup = false;

		if (f == lead || f == lead_proc || persistence_file(f) ||
		    strcmp(f->rule->id, "RM-CRED-001") == 0)
			continue;
		/* one line per thing: the rules that saw the same file or
		 * process are one step of the story */
		for (size_t k = 0; k < i && !dup; k++) {
			const struct finding *g = inc->f[k];

			dup = (f->file_path && g->file_path && strcmp(
			    f->file_path, g->file_path) == 0) ||
			    (f->file_path == NULL && f->has_process &&
			    g->has_process && f->process.pid ==
			    g->process.pid && g != lead_proc);
		}
		if (dup)
			continue;
		if (nother < 4)
			buf_printf(&b, "%s%s: %s", nother ? "; " : "",
			    incident_category(f), f->file_path ? f->file_path :
			    f->rule->name);
		nother++;
	}
	if (nother)
		story(inc, "What else: %s%s", BS(&b), nother > 4 ?
		    " and more" : "");

	/* 1) stop processes: the miner first, keeping evidence */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < inc->nf; i++) {
			const struct finding *f = inc->f[i];
			int pid = f->process.pid;

			if (!f->has_process || pid <= 0 ||
			    incident_is_miner(f) != (pass == 0) ||
			    f->severity < SEV_MEDIUM)
				continue;
			snprintf(tgt, sizeof(tgt), "%d", pid);
			step(inc, PLAN_STOP, tgt, "Stop %s %d (%.64s, %s): kill "
			    "-STOP %d; keep evidence (cp /proc/%d/exe "
			    "/root/evidence-%d.bin; cp /proc/%d/maps and "
			    "cmdline); then kill -KILL %d", pass == 0 ?
			    "the miner, process" : "process", pid,
			    f->process.name ? f->process.name : "?",
			    f->process.executable ? f->process.executable :
			    "?", pid, pid, pid, pid, pid);
		}
	/* 2) persistence: the detectors' own rules first (line-precise),
	 * then content matches on the same files */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < inc->nf; i++)
			if (persistence_file(inc->f[i]) && (strncmp(
			    inc->f[i]->rule->id, "RM-PER", 6) == 0) ==
			    (pass == 0))
				plan_persistence(inc, inc->f[i]);
	/* 3) dropped files and directories */
	for (size_t i = 0; i < inc->nf; i++) {
		const struct finding *f = inc->f[i];
		char exe[1024];

		if (drop_dir_of(f->file_path, d, sizeof(d)))
			step(inc, PLAN_REMOVE, d, "Copy %s aside as evidence, "
			    "then remove it (rm -rf): the intruder dropped "
			    "files there", d);
		if (f->has_process && f->process.executable) {
			exe_plain(f->process.executable, exe, sizeof(exe));
			if (drop_dir_of(exe, d, sizeof(d)))
				step(inc, PLAN_REMOVE, d, "Copy %s aside as "
				    "evidence, then remove it (rm -rf): the "
				    "intruder dropped files there", d);
		}
		for (size_t k = 0; k < f->nev; k++)
			if (strcmp(f->ev[k].key, "path") == 0 &&
			    f->ev[k].type == EV_STR &&
			    drop_dir_of(f->ev[k].s, d, sizeof(d)))
				step(inc, PLAN_REMOVE, d, "Copy %s aside as "
				    "evidence, then remove it (rm -rf): the "
				    "intruder dropped files there", d);
	}
	/* 4) accounts and sudo rules */
	for (size_t i = 0; i < inc->nf; i++) {
		const struct finding *f = inc->f[i];
		const char *who = ev_s(f, "user") ? ev_s(f, "user") :
		    ev_s(f, "account");

		if (strncmp(f->rule->id, "RM-ACCT", 7) != 0)
			continue;
		step(inc, PLAN_REMOVE, f->file_path ? f->file_path :
		    f->rule->id, "Remove or lock what was added to %s%s%s%s "
		    "(%s): %s", f->file_path ? f->file_path : "the accounts",
		    who ? " for " : "", who ? who : "", "", f->rule->id,
		    f->rule->name);
	}
	/* 5) credentials readable on this host */
	for (size_t i = 0; i < s->ncred_files; i++) {
		const struct cred_file *c = &s->cred_files[i];

		if (!cred_exposed(inc, c))
			continue;
		if (ncred < CREDS_LISTED)
			step(inc, PLAN_ROTATE, c->path, "Rotate the %s "
			    "credential%s%s in %s (%s): it was readable on "
			    "this host", credpath_kind_name((enum cred_kind)
			    c->kind), c->fingerprint ? " " : "",
			    c->fingerprint ? c->fingerprint : "", c->path,
			    reach_name(c->reach));
		else
			ncred_more++;
		ncred++;
	}
	if (ncred_more)
		step(inc, PLAN_ROTATE, "more", "Rotate %zu more credential "
		    "stores the RM-CRED-001 findings list", ncred_more);
	if (ncred)
		story(inc, "What is exposed: %zu credential store%s readable "
		    "on this host (cloud keys, tokens, private keys): rotate "
		    "them", ncred, ncred == 1 ? "" : "s");
	/* 6) the way in */
	for (size_t i = 0, n = 0; i < fs->n && n < 4; i++) {
		const struct finding *f = fs->v[i];

		if (!is_cat(f, CAT_EXPOSURE) || f->severity < SEV_MEDIUM)
			continue;
		step(inc, PLAN_CLOSE, f->rule->id, "Close the way in: %s",
		    f->message);
		n++;
	}
	/* 7) a rootkit: nothing on the host can be trusted */
	if (rootkit) {
		char t[32] = "";

		if (first_t > 0)
			io_rfc3339_sec(first_t, t);
		step(inc, PLAN_REBUILD, "host", "Rebuild the server from "
		    "known-good media and restore data from backups made "
		    "before %s: a rootkit is involved, so the running system "
		    "cannot be trusted to clean itself", t[0] ? t :
		    "the first event");
	} else if (inc->miner || inc->root_level) {
		step(inc, PLAN_REVIEW, "host", "Treat the server as "
		    "compromised: find the way in (exposed services, "
		    "passwords, web applications) and review the logins "
		    "around the timeline's first events before trusting it "
		    "again");
	}
	if (inc->times_disagree)
		story(inc, "Times disagree: a file's times contradict each "
		    "other or the clock (timestomping or clock skew); the "
		    "timeline keeps both");

	/* the summary line */
	buf_reset(&b);
	if (lead_proc && incident_is_miner(lead_proc))
		buf_printf(&b, "Miner process %d (%.64s)",
		    (int)lead_proc->process.pid, lead_proc->process.executable ?
		    lead_proc->process.executable : "?");
	else if (is_cat(lead, CAT_MINING) && lead->file_path)
		buf_printf(&b, "Miner files at %s", lead->file_path);
	else
		buf_printf(&b, "%s%s%s", lead->rule->name, lead->file_path ?
		    ": " : "", lead->file_path ? lead->file_path : "");
	if (kind)
		buf_printf(&b, " started by %s", kind);
	/* where it persists: a cron, start-up or key entry before an
	 * account change */
	{
		const struct finding *per = NULL;

		for (size_t i = 0; i < inc->nf; i++) {
			const struct finding *f = inc->f[i];

			if (!persistence_file(f) || f == lead)
				continue;
			if (per == NULL || (strncmp(f->rule->id, "RM-PER", 6) ==
			    0 && strncmp(per->rule->id, "RM-PER", 6) != 0))
				per = f;
		}
		if (per)
			buf_printf(&b, ", persisting in %s", per->file_path);
	}
	buf_printf(&b, "; %zu finding%s (stage reached: %s)", inc->nf +
	    inc->nf_dropped, inc->nf + inc->nf_dropped == 1 ? "" : "s",
	    inc->stage ? inc->stage : "?");
	if (ncred)
		buf_printf(&b, "; %zu credential store%s exposed", ncred,
		    ncred == 1 ? "" : "s");
	inc->summary = xstrdup(BS(&b));
	buf_free(&b);
	buf_free(&chain);
}
