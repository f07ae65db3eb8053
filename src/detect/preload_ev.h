/*
 * preload_ev.h - what a preloaded library hooks, as finding evidence;
 * shared by RM-EVA-001 (/etc/ld.so.preload) and RM-EVA-002 (LD_PRELOAD).
 */
#ifndef RM_PRELOAD_EV_H
#define RM_PRELOAD_EV_H

#include <stdbool.h>

#include "../core/facts.h"
#include "../core/finding.h"

struct preload_verdict {
	int nread;         /* libraries read and parsed */
	int nlisting;      /* of which hook directory listing (readdir...) */
	const char *first_listing_hook;  /* borrowed from the facts */
	const char *first_listing_lib;
};

/* Does library l hook directory listing (readdir, opendir, getdents)? */
const char *preload_listing_hook(const struct preload_lib *l);

/* Add l's evidence to f: "hooks" (names, all libraries merged),
 * "hiding_hooks", "library_sha256" ("HEX  PATH"), "unreadable_libraries",
 * "not_elf"; and count it in v.  l NULL: the library was not read at all
 * (nothing added). */
void preload_ev_lib(struct finding *f, const char *path,
		    const struct preload_lib *l, struct preload_verdict *v);

#endif
