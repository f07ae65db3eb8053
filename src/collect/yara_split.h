/*
 * yara_split.h - YARA rule source cut into its top-level parts, as text.
 * Pure: bytes in, offsets out; no libyara.  The source is hostile (a
 * third-party rule set, a file an intruder wrote into the rule directory).
 *
 * Why: libyara's compiler is unusable after its first error, so one bad
 * rule (an undefined identifier, a missing include, an unknown module)
 * would sink a whole file.  The scanner compiles a failing file again
 * part by part ("salvage"): the imports, then each rule block in turn,
 * keeping those that compile.  yara_split() finds those parts.
 *
 * What it understands: "//" and block comments (also inside rule bodies
 * and hex strings), text strings with backslash escapes, regular
 * expressions /.../ with modifiers and "\/" (YARA has no "/" operator:
 * "\" divides, so a "/" in a rule body outside strings and comments
 * starts a regex), hex strings { ... } (braces are counted, not
 * recursed), `private`, `global` and both before `rule`, tags after ':',
 * `import "m"`, `include "path"`, CRLF, a UTF-8 BOM, NUL bytes, and other
 * text between or after rules (skipped, as YARA would reject it).
 * Like YARA's lexer, a text string or a regex ends at a newline; only
 * one left open at the end of the text makes it unsplittable.
 */
#ifndef RM_YARA_SPLIT_H
#define RM_YARA_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

enum yara_part_kind { YP_IMPORT, YP_INCLUDE, YP_RULE };

#define YARA_NAME_MAX 128          /* name[] size, NUL included */

struct yara_part {
	enum yara_part_kind kind;
	size_t off, len;           /* src[off, off+len): the whole part, from
				    * its first keyword (`private`, `global`,
				    * `rule`, `import`, `include`) to its
				    * closing '}' or '"' */
	size_t body;               /* YP_RULE: offset of the body's '{' */
	unsigned line;             /* 1-based line where it starts */
	char name[YARA_NAME_MAX];  /* YP_RULE: the rule's identifier;
				    * otherwise the module or path between
				    * the quotes, raw (escapes not decoded);
				    * always NUL-terminated */
	bool name_cut;             /* name longer than YARA_NAME_MAX - 1 bytes
				    * (or, for a module/path, holding a NUL) */
	bool is_private, is_global;
};

/*
 * Split src[0, len) (not NUL-terminated) into at most max parts, in source
 * order, stored in v[0..max) (v may be NULL when max is 0).  Returns the
 * number of parts found, which may exceed max (only the first max are
 * stored), or -1 when the text is not splittable: braces out of balance,
 * a string, block comment or regex left open at the end, a rule keyword
 * not followed by a name and a body.  Nothing is allocated; parts point
 * into src by offset, so they are valid as long as src is.  Linear in len.
 */
long yara_split(const char *src, size_t len, struct yara_part *v, size_t max);

/*
 * For yara_split_refs: idx[0..) receives the indexes of the YP_RULE parts
 * of v[0..n), sorted by name (idx has n entries, caller-owned).  Returns
 * how many it holds.  O(n log n); build it once per file.
 */
size_t yara_split_index(const struct yara_part *v, size_t n, size_t *idx);

/*
 * The rules that rule part v[i] names in its body (outside strings,
 * comments, regexes and hex strings, and not as $a, #a, @a, !a or m.a),
 * looked up in idx[0..nidx) from yara_split_index(): their indexes in v,
 * in body order, without repeats, never i itself, stored in out[0..max).
 * Returns how many were stored; *more (may be NULL) tells whether there
 * were others.  For compiling a rule together with the private or global
 * rules its condition uses.  O(body length x log nidx).
 */
size_t yara_split_refs(const char *src, size_t len,
		       const struct yara_part *v, size_t n,
		       const size_t *idx, size_t nidx, size_t i,
		       size_t *out, size_t max, bool *more);

#endif
