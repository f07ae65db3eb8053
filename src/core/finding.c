/* finding.c - building, sorting and freeing findings. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../detect/detector.h"
#include "facts.h"
#include "io.h"
#include "finding.h"
#include "limits.h"
#include "xmalloc.h"
#include "sort.h"

static const char *const sev_names[] = {
	"info", "low", "medium", "high", "critical",
};
static const char *const conf_names[] = { "low", "medium", "high" };

const char *
severity_name(enum severity s)
{
	return (unsigned)s < 5 ? sev_names[s] : "unknown";
}

int
severity_parse(const char *s)
{
	for (int i = 0; i < 5; i++)
		if (strcmp(s, sev_names[i]) == 0)
			return i;
	return -1;
}

const char *
confidence_name(enum confidence c)
{
	return (unsigned)c < 3 ? conf_names[c] : "unknown";
}

void
findings_init(struct findings *fs)
{
	memset(fs, 0, sizeof(*fs));
}

static void
finding_free(struct finding *f)
{
	free(f->message);
	free(f->remediation);
	free(f->process.name);
	free(f->process.executable);
	free(f->process.command_line);
	free(f->process.user);
	free(f->process.container_id);
	free(f->file_path);
	free(f->file_sha256);
	free(f->dest_ip);
	for (size_t i = 0; i < f->nev; i++) {
		free(f->ev[i].key);
		free(f->ev[i].s);
		for (size_t k = 0; k < f->ev[i].nlist; k++)
			free(f->ev[i].list[k]);
		free(f->ev[i].list);
	}
	free(f->ev);
	if (f->yara) {
		arena_free(f->yara->arena);
		free(f->yara->arena);
		free(f->yara);
	}
	free(f);
}

void
findings_free(struct findings *fs)
{
	if (fs == NULL)
		return;
	for (size_t i = 0; i < fs->n; i++)
		finding_free(fs->v[i]);
	free(fs->v);
	free(fs->tally);
	memset(fs, 0, sizeof(*fs));
}

static struct finding_tally *
tally_of(struct findings *fs, const struct detector *d)
{
	/* a few dozen rules: a linear search is the cheap way */
	for (size_t i = 0; i < fs->ntally; i++)
		if (fs->tally[i].rule == d)
			return &fs->tally[i];
	fs->tally = xreallocarray(fs->tally, fs->ntally + 1,
	    sizeof(*fs->tally));
	memset(&fs->tally[fs->ntally], 0, sizeof(*fs->tally));
	fs->tally[fs->ntally].rule = d;
	return &fs->tally[fs->ntally++];
}

void
findings_settle(struct findings *fs)
{
	struct finding *f;
	struct finding_tally *t;
	unsigned sev;

	if (!fs->unsettled || fs->n == 0)
		return;
	fs->unsettled = false;
	f = fs->v[fs->n - 1];
	t = tally_of(fs, f->rule);
	sev = (unsigned)f->severity <= SEV_CRITICAL ? (unsigned)f->severity :
	    SEV_CRITICAL;
	if (t->kept[sev] < RM_FINDINGS_PER_RULE) {
		t->kept[sev]++;
		return;
	}
	t->dropped++;
	finding_free(f);
	fs->n--;
	fs->next--;
}

struct finding *
findings_add(struct findings *fs, const struct detector *d, const char *fmt,
	     ...)
{
	char msg[RM_MSG_MAX];
	struct finding *f;
	va_list ap;

	findings_settle(fs);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	f = xcalloc(1, sizeof(*f));
	f->rule = d;
	f->severity = d->severity;
	f->confidence = CONF_MEDIUM;
	f->message = xstrdup(msg);
	f->dest_port = -1;
	snprintf(f->id, sizeof(f->id), "F-%04u", ++fs->next);
	if (fs->n == fs->alloc) {
		fs->alloc = fs->alloc ? fs->alloc * 2 : 16;
		fs->v = xreallocarray(fs->v, fs->alloc, sizeof(*fs->v));
	}
	fs->v[fs->n++] = f;
	fs->unsettled = true;
	return f;
}

static int
cmp_finding(const void *a, const void *b)
{
	const struct finding *x = *(struct finding *const *)a;
	const struct finding *y = *(struct finding *const *)b;
	int c;

	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	if ((c = strcmp(x->rule->id, y->rule->id)) != 0)
		return c;
	if (x->process.pid != y->process.pid)
		return x->process.pid < y->process.pid ? -1 : 1;
	return strcmp(x->id, y->id);
}

void
findings_sort(struct findings *fs)
{
	findings_settle(fs);
	if (fs->n > 1)
		xqsort(fs->v, fs->n, sizeof(*fs->v), cmp_finding);
	for (size_t i = 0; i < fs->n; i++)
		snprintf(fs->v[i]->id, sizeof(fs->v[i]->id), "F-%04zu", i + 1);
}

void
findings_filter(struct findings *fs, enum severity min)
{
	size_t k = 0;

	findings_settle(fs);
	for (size_t i = 0; i < fs->n; i++) {
		if (fs->v[i]->severity >= min)
			fs->v[k++] = fs->v[i];
		else
			finding_free(fs->v[i]);
	}
	fs->n = k;
}

size_t
findings_count_at_least(const struct findings *fs, enum severity sev)
{
	size_t n = 0;

	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i]->severity >= sev)
			n++;
	return n;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
finding_set_process(struct finding *f, const struct proc *p,
		    const struct snapshot *s)
{
	const struct account *a;

	f->has_process = true;
	f->process.pid = p->pid;
	f->process.ppid = p->ppid;
	f->process.start_ticks = p->start_ticks;
	free(f->process.name);
	f->process.name = dup_or_null(p->comm);
	free(f->process.executable);
	f->process.executable = dup_or_null(p->exe);
	free(f->process.command_line);
	f->process.command_line = NULL;
	if (p->cmdline) {
		size_t n = strlen(p->cmdline);

		f->process.command_line = xmemdup0(p->cmdline,
		    n > RM_CMDLINE_OUT ? RM_CMDLINE_OUT : n);
		f->process.command_line_bytes = p->cmdline_len;
	}
	if (!(p->partial & PROC_MISS_STATUS)) {
		f->process.has_uid = true;
		f->process.uid = p->euid;
		a = s ? snapshot_account_by_uid(s, p->euid) : NULL;
		free(f->process.user);
		f->process.user = a ? xstrdup(a->name) : NULL;
	}
	free(f->process.container_id);
	f->process.container_id = dup_or_null(p->container_id);
}

void
finding_set_file(struct finding *f, const char *path)
{
	free(f->file_path);
	f->file_path = dup_or_null(path);
}

void
finding_set_remediation(struct finding *f, const char *fmt, ...)
{
	char msg[RM_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	free(f->remediation);
	f->remediation = xstrdup(msg);
}

static struct evidence *
ev_new(struct finding *f, const char *key, enum ev_type t)
{
	struct evidence *e;

	if (f->nev == f->evalloc) {
		f->evalloc = f->evalloc ? f->evalloc * 2 : 8;
		f->ev = xreallocarray(f->ev, f->evalloc, sizeof(*f->ev));
	}
	e = &f->ev[f->nev++];
	memset(e, 0, sizeof(*e));
	e->key = xstrdup(key);
	e->type = t;
	return e;
}

void
finding_ev_strn(struct finding *f, const char *key, const char *v, size_t n)
{
	ev_new(f, key, EV_STR)->s = xmemdup0(v, n);
}

void
finding_ev_str(struct finding *f, const char *key, const char *v)
{
	if (v)
		finding_ev_strn(f, key, v, strlen(v));
}

void
finding_ev_int(struct finding *f, const char *key, int64_t v)
{
	ev_new(f, key, EV_INT)->i = v;
}

void
finding_ev_bool(struct finding *f, const char *key, bool v)
{
	ev_new(f, key, EV_BOOL)->b = v;
}

void
finding_ev_file_meta(struct finding *f, const char *prefix, uint32_t uid,
		     uint32_t mode, int64_t mtime)
{
	char key[48], v[32];

	snprintf(key, sizeof(key), "%sowner_uid", prefix);
	finding_ev_int(f, key, uid);
	snprintf(key, sizeof(key), "%smode", prefix);
	snprintf(v, sizeof(v), "%04o", mode & 07777);
	finding_ev_str(f, key, v);
	snprintf(key, sizeof(key), "%smodified", prefix);
	io_rfc3339_sec(mtime, v);
	finding_ev_str(f, key, v);
}

void
finding_ev_list_add(struct finding *f, const char *key, const char *v)
{
	struct evidence *e = (struct evidence *)finding_ev_get(f, key);

	if (e == NULL)
		e = ev_new(f, key, EV_STRLIST);
	if (e->type != EV_STRLIST)
		abort();
	if (e->nlist >= RM_EV_LIST_MAX) {
		e->dropped++;
		return;
	}
	if (e->nlist == e->listalloc) {
		e->listalloc = e->listalloc ? e->listalloc * 2 : 4;
		e->list = xreallocarray(e->list, e->listalloc,
		    sizeof(*e->list));
	}
	e->list[e->nlist++] = xstrdup(v);
}

const struct evidence *
finding_ev_get(const struct finding *f, const char *key)
{
	for (size_t i = 0; i < f->nev; i++)
		if (strcmp(f->ev[i].key, key) == 0)
			return &f->ev[i];
	return NULL;
}

static const char *
adup(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

void
finding_set_yara(struct finding *f, const char *target,
		 const struct yara_match *m, uint32_t nm, uint32_t nm_dropped)
{
	struct finding_yara *y = xcalloc(1, sizeof(*y));
	struct arena *a = xcalloc(1, sizeof(*a));

	y->arena = a;
	y->target = target;
	y->m = arena_alloc(a, (nm ? nm : 1) * sizeof(*y->m));
	for (uint32_t i = 0; i < nm; i++) {
		const struct yara_match *x = &m[i];
		struct yara_match *o = &y->m[i];

		*o = *x;
		o->rule = adup(a, x->rule);
		o->ns = adup(a, x->ns);
		o->tags = arena_alloc(a, (x->ntags ? x->ntags : 1) *
		    sizeof(*o->tags));
		for (uint32_t k = 0; k < x->ntags; k++)
			o->tags[k] = adup(a, x->tags[k]);
		o->meta = arena_alloc(a, (x->nmeta ? x->nmeta : 1) *
		    sizeof(*o->meta));
		for (uint32_t k = 0; k < x->nmeta; k++) {
			o->meta[k] = x->meta[k];
			o->meta[k].key = adup(a, x->meta[k].key);
			o->meta[k].s = adup(a, x->meta[k].s);
		}
		o->str = arena_alloc(a, (x->nstr ? x->nstr : 1) *
		    sizeof(*o->str));
		for (uint32_t k = 0; k < x->nstr; k++) {
			o->str[k] = x->str[k];
			o->str[k].id = adup(a, x->str[k].id);
		}
	}
	y->nm = nm;
	y->nm_dropped = nm_dropped;
	if (f->yara) {
		arena_free(f->yara->arena);
		free(f->yara->arena);
		free(f->yara);
	}
	f->yara = y;
}
