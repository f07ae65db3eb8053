/* preload_ev.c - preloaded-library evidence (preload_ev.h). */
#include <stdio.h>
#include <string.h>

#include "../core/err.h"
#include "../core/hooks.h"
#include "preload_ev.h"

const char *
preload_listing_hook(const struct preload_lib *l)
{
	for (uint32_t i = 0; l && i < l->nhooks; i++)
		if (hook_class_of(l->hooks[i]) == HOOK_LISTING)
			return l->hooks[i];
	return NULL;
}

static bool
has(const struct finding *f, const char *key, const char *v)
{
	const struct evidence *e = finding_ev_get(f, key);

	for (size_t i = 0; e && e->type == EV_STRLIST && i < e->nlist; i++)
		if (strcmp(e->list[i], v) == 0)
			return true;
	return false;
}

void
preload_ev_lib(struct finding *f, const char *path,
	       const struct preload_lib *l, struct preload_verdict *v)
{
	char line[4200];
	const char *lh;

	if (l == NULL)
		return;
	if (l->read_err != RM_OK) {
		snprintf(line, sizeof(line), "%.4000s: %s", path,
		    rm_strerror(l->read_err));
		finding_ev_list_add(f, "unreadable_libraries", line);
		return;
	}
	if (l->sha256) {
		snprintf(line, sizeof(line), "%s  %.4000s", l->sha256, path);
		finding_ev_list_add(f, "library_sha256", line);
	}
	if (!l->elf) {
		finding_ev_list_add(f, "not_elf", path);
		return;
	}
	v->nread++;
	for (uint32_t i = 0; i < l->nhooks; i++) {
		if (!has(f, "hooks", l->hooks[i]))
			finding_ev_list_add(f, "hooks", l->hooks[i]);
		if (hook_class_of(l->hooks[i]) == HOOK_LISTING &&
		    !has(f, "hiding_hooks", l->hooks[i]))
			finding_ev_list_add(f, "hiding_hooks", l->hooks[i]);
	}
	if ((lh = preload_listing_hook(l)) != NULL) {
		if (v->nlisting++ == 0) {
			v->first_listing_hook = lh;
			v->first_listing_lib = l->path;
		}
	}
}
