/*
 * kmod.c - loaded kernel modules as /sys/module shows them, merged with
 * /proc/modules (host.c) so a module missing from one of the two lists
 * stands out.
 *
 * Diamorphine hides itself with list_del() on its module list entry: gone
 * from /proc/modules and lsmod, but its /sys/module/NAME directory stays.
 * Others also kobject_del() and vanish from both (not seen here).  A
 * loadable module that is loaded has /sys/module/NAME/initstate; built-in
 * ones have no initstate and are ignored.
 *
 * Hostile inputs: directory names and the taint file (a module chooses its
 * name).  At most RM_SYSMODULE_MAX entries.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "etc_parse.h"
#include "../core/sort.h"

static int
cmp_kmod(const void *a, const void *b)
{
	return strcmp(((const struct kmod *)a)->name,
	    ((const struct kmod *)b)->name);
}

void
kmod_merge(struct snapshot *s, const char *const *names,
	   const char *const *taints, size_t n)
{
	size_t total = s->nkmods + n, k = s->nkmods;
	struct kmod *v = arena_alloc(&s->arena, (total ? total : 1) *
	    sizeof(*v));

	if (s->nkmods)
		memcpy(v, s->kmods, s->nkmods * sizeof(*v));
	for (size_t i = 0; i < s->nkmods; i++) {
		v[i].in_proc_modules = true;
		v[i].sysfs_read = true;
	}
	xqsort(v, s->nkmods, sizeof(*v), cmp_kmod);
	for (size_t i = 0; i < n; i++) {
		struct kmod key = { .name = names[i] }, *m;

		m = s->nkmods ? xbsearch(&key, v, s->nkmods, sizeof(*v),
		    cmp_kmod) : NULL;
		if (m) {
			/* a name /proc/modules shows twice: every copy */
			struct kmod *a = m, *z = m;

			while (a > v && strcmp(a[-1].name, names[i]) == 0)
				a--;
			while (z + 1 < v + s->nkmods &&
			    strcmp(z[1].name, names[i]) == 0)
				z++;
			for (; a < z; a++)
				a->in_sysfs = true;
			m = z;
		} else {
			/* a second sysfs entry of the same name is one */
			for (size_t j = s->nkmods; j < k && !m; j++)
				if (strcmp(v[j].name, names[i]) == 0)
					m = &v[j];
		}
		if (m == NULL) {
			m = &v[k++];
			memset(m, 0, sizeof(*m));
			m->name = arena_strdup(&s->arena, names[i]);
			m->state = "";
			m->sysfs_read = true;
		}
		m->in_sysfs = true;
		if (taints && taints[i] && taints[i][0])
			m->sysfs_taint = arena_strdup(&s->arena, taints[i]);
	}
	s->kmods = v;
	s->nkmods = k;
}

struct sysmod {
	int dfd;
	char **names, **taints;
	size_t n, alloc;
	bool capped;
};

static int
sysmod_entry(const char *name, unsigned char type, void *arg)
{
	struct sysmod *c = arg;
	char path[320], taint[64];
	size_t n;
	int fd;

	(void)type;
	if (strlen(name) > 255)
		return 0;
	if (c->n >= RM_SYSMODULE_MAX) {
		c->capped = true;
		return 1;
	}
	snprintf(path, sizeof(path), "%s/initstate", name);
	fd = openat(c->dfd, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;  /* built in, or gone */
	close(fd);
	if (c->n == c->alloc) {
		c->alloc = c->alloc ? c->alloc * 2 : 64;
		c->names = xreallocarray(c->names, c->alloc, sizeof(char *));
		c->taints = xreallocarray(c->taints, c->alloc, sizeof(char *));
	}
	snprintf(path, sizeof(path), "%s/taint", name);
	taint[0] = '\0';
	if (io_read_at(c->dfd, path, taint, sizeof(taint), &n, NULL) == RM_OK) {
		while (n && (taint[n - 1] == '\n' || taint[n - 1] == ' '))
			n--;
		taint[n] = '\0';
	}
	c->names[c->n] = xstrdup(name);
	c->taints[c->n] = xstrdup(taint);
	c->n++;
	return 0;
}

/* Modules in one list only: look at /proc/modules again.  One loaded
 * between the two reads is in both now; one unloaded is in neither. */
static void
recheck(struct snapshot *s, int procfd)
{
	struct arena a = { 0 };
	struct kmod *now = NULL;
	size_t nnow = 0;
	bool odd = false, trunc = false;
	char *mb;
	size_t n;

	for (size_t i = 0; i < s->nkmods && !odd; i++)
		odd = s->kmods[i].in_proc_modules != s->kmods[i].in_sysfs;
	if (!odd)
		return;
	mb = xmalloc(RM_MODULES_MAX);
	if (io_read_at(procfd, "modules", mb, RM_MODULES_MAX, &n, &trunc) ==
	    RM_OK && !trunc) {
		etcparse_modules(mb, n, &a, &now, &nnow);
		for (size_t i = 0; i < s->nkmods; i++) {
			struct kmod *m = &s->kmods[i];
			bool there = false;

			if (m->in_proc_modules == m->in_sysfs)
				continue;
			for (size_t k = 0; k < nnow && !there; k++)
				there = strcmp(now[k].name, m->name) == 0;
			if (!m->in_proc_modules && there)
				m->in_proc_modules = true;  /* just loaded */
			else if (m->in_proc_modules && !there)
				m->sysfs_read = false;      /* unloaded since */
		}
	}
	free(mb);
	arena_free(&a);
}

void
kmod_collect_sysfs(struct snapshot *s, int sysmodfd, int procfd)
{
	struct sysmod c = { .dfd = sysmodfd };

	if (io_list_dir(sysmodfd, sysmod_entry, &c) != RM_OK) {
		snapshot_skip(s, "kernel modules: /sys/module", "cannot list "
		    "/sys/module: modules hidden from /proc/modules are not "
		    "seen");
	} else {
		kmod_merge(s, (const char *const *)c.names,
		    (const char *const *)c.taints, c.n);
		recheck(s, procfd);
		if (c.capped)
			snapshot_skip(s, "kernel modules: /sys/module", "more "
			    "than %u entries: the rest were not compared",
			    RM_SYSMODULE_MAX);
	}
	for (size_t i = 0; i < c.n; i++) {
		free(c.names[i]);
		free(c.taints[i]);
	}
	free(c.names);
	free(c.taints);
}
