/*
 * etc_parse.h - parsers for account and kernel tables: /etc/passwd,
 * /etc/group, /proc/modules.  Pure functions over bytes; strings are
 * copied into the given arena.  Malformed lines are kept and flagged (an
 * attacker's broken line is evidence), never allowed to stop the parse.
 */
#ifndef RM_ETC_PARSE_H
#define RM_ETC_PARSE_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/facts.h"

/* Parse passwd text; *out is arena memory.  Blank and '#' lines skipped.
 * Returns the number of malformed lines. */
size_t etcparse_passwd(const char *buf, size_t len, struct arena *a,
		       struct account **out, size_t *n);

size_t etcparse_group(const char *buf, size_t len, struct arena *a,
		      struct group **out, size_t *n);

/* /proc/modules: "name size refcnt deps state addr [(taint)]". */
size_t etcparse_modules(const char *buf, size_t len, struct arena *a,
			struct kmod **out, size_t *n);

#endif
