/*
 * yara_util.h - how a YARA rule match is rated: its category (a stage of
 * the output contract, CAT_*), severity and confidence, from the rule's
 * name, namespace, tags and meta.  Pure and table-driven; no libyara (the
 * caller copies what libyara gives into a struct yara_desc).  docs/YARA.md
 * "How a match is rated" says the same for users.
 *
 * Severity, the first that applies:
 *  1. meta severity = "info" | "low" | "medium" | "high" | "critical"
 *     (any case);
 *  2. meta score, an integer or a numeric string (signature-base / THOR):
 *     >= 75 high, >= 60 medium, >= 40 low, below info;
 *  3. a tag named critical, high, medium, low or info (malcontent:
 *     `rule x : high`); the tag "override" (a malcontent rule that marks
 *     a known-good file for another rule) is info;
 *  4. meta threat_level, an integer or numeric string (Yara-Rules, 1-10):
 *     >= 7 high, >= 3 medium, >= 1 low, below info;
 *  5. otherwise medium (and confidence low, below).
 *
 * Category, the first that applies:
 *  1. meta category, when it names a stage (any case, '_' or ' ' for '-');
 *  2. the keyword table in yara_util.c, in priority order: ransomware-prep,
 *     mining, rootkit, credential-theft, access-resale, abuse,
 *     lateral-movement, data-theft, evasion, persistence, initial-access.
 *     The first keyword (in table order) found in any of the tags, the
 *     rule name, meta description or the namespace (the rule file's path
 *     under the rule directory: "impact/cryptojacking/generic") wins.
 *     Keywords match case-insensitively as whole words, word starts or
 *     anywhere in a word, where a word also ends at a change from lower
 *     to upper case or between letters and digits (CoinMiner, h2miner),
 *     and a space in a keyword matches any run of separators or none
 *     ("reverse shell": reverse_shell, ReverseShell);
 *  3. otherwise initial-access.
 *  Keyword order beats field order on purpose: real rule names describe a
 *  feature ("kernel_module_loader" under persist/, "hide_dir_contents"
 *  under evasion/rootkit/) while the namespace or description names the
 *  stage.
 *
 * Confidence: high for built-in rules; meta confidence = "low" | "medium"
 * | "high" when given; low when the severity is the default; else medium.
 *
 * Strings are read, never kept or freed: the caller owns everything.
 * Only the first YARA_TEXT_MAX bytes of a name, description, tag or
 * namespace are searched.
 */
#ifndef RM_YARA_UTIL_H
#define RM_YARA_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/finding.h"

#define YARA_TEXT_MAX 1024

struct yara_meta {
	const char *key;
	enum { YM_STR, YM_INT, YM_BOOL } type;
	const char *s;             /* YM_STR (NULL reads as "") */
	int64_t i;                 /* YM_INT, YM_BOOL (0 or 1) */
};

struct yara_desc {
	const char *rule, *ns;     /* either may be NULL */
	const char *const *tags;
	size_t ntags;
	const struct yara_meta *meta;
	size_t nmeta;
	bool builtin;              /* one of rookmelder's own rules */
};

/* A CAT_* constant (static storage), never NULL. */
const char *yara_category(const struct yara_desc *d);
enum severity yara_severity(const struct yara_desc *d);
enum confidence yara_confidence(const struct yara_desc *d);

/* Where the severity came from: 1-4 as numbered above, 5 the default. */
int yara_severity_source(const struct yara_desc *d);

#endif
