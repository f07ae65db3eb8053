/*
 * yara_load.h - YARA rules for the content scans: rookmelder's built-in
 * rules (rules/yara/, embedded in the binary) and the rule files a user
 * names, compiled once with libyara and cached.
 *
 * A user's rule set is third-party text: a file that does not compile is
 * compiled again rule by rule (yara_split.h), the rules that compile are
 * kept, and every failure is reported with its file, line and reason -
 * one bad rule never sinks the rest.  Compiled rules are cached in a
 * directory only the caller's user can write (see yara_cache_dir), keyed
 * by the SHA-256 of libyara's version and every source byte; included
 * files are re-hashed before a cached copy is trusted.
 *
 * Externals defined for every rule (THOR-compatible; set per file at scan
 * time, empty when unknown): filename, filepath, extension, filetype,
 * owner.
 */
#ifndef RM_YARA_LOAD_H
#define RM_YARA_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The namespace of the built-in rules. */
#define YARA_BUILTIN_NS "rookmelder"

struct yara_load_opts {
	bool builtin;              /* include the built-in rules */
	const char *const *paths;  /* rule files or directories */
	size_t npaths;
	const char *cache_dir;     /* NULL: compile every time */
};

/* What went wrong or was noteworthy while loading: one per failed rule or
 * file ("where" is "file:line" or "file"), warnings included. */
struct yara_note {
	char *where;
	char *what;
	bool warning;              /* the rule was kept (a slow rule, ...) */
};

struct yara_ruleset {
	void *rules;               /* YR_RULES *, owned */
	uint32_t nrules;           /* rules compiled in */
	uint32_t nfiles;           /* rule files read (the built-ins count 1) */
	uint32_t nfailed;          /* rules or files left out */
	bool cached;               /* loaded from the cache */
	uint64_t ms;               /* time to load or compile */
	struct yara_note *notes;
	size_t nnotes;
};

/*
 * Load the rules o names into rs.  Returns RM_OK with at least the rules
 * that compiled (rs->nrules may be 0 when every rule failed: the notes say
 * why), or an rm_err when libyara cannot start or a named path does not
 * exist (RM_ENOENT; *bad gets the path).
 */
int yara_load(struct yara_ruleset *rs, const struct yara_load_opts *o,
	      const char **bad);
void yara_ruleset_free(struct yara_ruleset *rs);

/* The cache directory to use, in out (cap bytes): $ROOKMELDER_CACHE_DIR,
 * else /var/cache/rookmelder for root, else $XDG_CACHE_HOME/rookmelder or
 * $HOME/.cache/rookmelder.  false when none applies ("0" or "" in the
 * variable turns the cache off). */
bool yara_cache_dir(char *out, size_t cap);

/* The built-in rules' source (NUL-terminated) and its length. */
const char *yara_builtin_source(size_t *len);

/* Compile text as one rule file (namespace ns) and report the notes;
 * no cache.  For tests and the fuzzer: returns the rules compiled, or -1
 * when libyara cannot start. */
long yara_compile_text(const char *text, size_t len, const char *ns,
		       struct yara_ruleset *rs);

#endif
