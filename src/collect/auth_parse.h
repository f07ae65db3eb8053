/*
 * auth_parse.h - who may log in and how: lines of /etc/shadow, of
 * /etc/sudoers (and the files it includes) and of sshd_config.  Pure
 * functions over bytes: the files are hostile (an image's are the
 * attacker's), every output is bounded and NUL-terminated, a line that
 * makes no sense is reported as invalid, never allowed to stop a parse.
 * A password hash is classified, never copied.
 */
#ifndef RM_AUTH_PARSE_H
#define RM_AUTH_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/facts.h"

/* ---- /etc/shadow ---------------------------------------------------------- */

/*
 * A password field of /etc/shadow (or /etc/passwd): "" is no password,
 * "!..." and "*" locked, "$id$..." or 13 DES characters a usable hash.
 * Anything else cannot match any password (crypt fails): locked.  *kind
 * (may be NULL) gets a static name of the hash scheme ("sha512crypt",
 * "yescrypt", ...) for PW_SET and PW_LOCKED hashes with a "!" in front,
 * else NULL.
 */
enum pw_state authparse_pw_field(const char *f, size_t n, const char **kind);

struct shadow_line {
	bool valid;                /* a name and a second field */
	const char *name;          /* points into the line */
	size_t namelen;
	enum pw_state state;
	const char *kind;          /* static, or NULL */
	int64_t changed_day;       /* field 3; -1 empty or not a number */
};

/* One line (no newline); blank and '#' lines are not valid. */
void authparse_shadow_line(const char *line, size_t n, struct shadow_line *out);

/* ---- sudoers ---------------------------------------------------------------- */

enum sudo_line_kind {
	SUDOL_BLANK,               /* empty or a comment */
	SUDOL_RULE,                /* user specification */
	SUDOL_DEFAULTS,
	SUDOL_ALIAS,               /* User_Alias */
	SUDOL_OTHER_ALIAS,         /* Host_, Runas_, Cmnd_Alias */
	SUDOL_INCLUDE,             /* @include / #include FILE */
	SUDOL_INCLUDEDIR,          /* @includedir / #includedir DIR */
	SUDOL_INVALID,
};

#define SUDO_FIELD_MAX 256
#define SUDO_CMDS_MAX 512

struct sudo_line {
	enum sudo_line_kind kind;
	char users[SUDO_FIELD_MAX];   /* "alice,%sudo" (", " joined); alias
				       * name; the Defaults binding */
	char hosts[SUDO_FIELD_MAX];
	char runas[SUDO_FIELD_MAX];   /* the first "( )", without them */
	char commands[SUDO_CMDS_MAX]; /* after the tags; alias members;
				       * Defaults settings */
	char path[SUDO_FIELD_MAX];    /* include target, quotes removed */
	unsigned flags;               /* enum sudo_flag */
};

/*
 * One logical line (continuations already joined, no newline).  A line
 * starting "#include"/"#includedir" is a directive and "#1000 ALL=..." a
 * rule for uid 1000, as sudo reads them; any other '#' line a comment.
 */
void authparse_sudoers_line(const char *line, size_t n, struct sudo_line *out);

/*
 * The next logical line of sudoers text at [p, end): physical lines
 * ending in a backslash are joined (the backslash and newline dropped)
 * into out (cap bytes, NUL-terminated, cut off at cap - 1).  Returns the
 * bytes consumed (0 at the end); *nlines gets the physical lines used.
 */
size_t authparse_sudoers_next(const char *p, const char *end, char *out,
			      size_t cap, size_t *outlen, uint32_t *nlines);

/*
 * Replace User_Alias names in a users list ("alice,ADMINS,%sudo") by their
 * members, as sudo resolves them: names[] (sorted by strcmp, no
 * duplicates) and members[] ("a,b") are the aliases.  Members that are
 * aliases are expanded once more (two levels); a name that is no alias
 * stays.  At most SUDO_EXPAND_ITEMS items; out (cap bytes) gets them
 * joined by ',', cut at an item boundary.
 */
#define SUDO_EXPAND_ITEMS 64
void authparse_sudo_expand(const char *users, const char *const *names,
			   const char *const *members, size_t n, char *out,
			   size_t cap);

/* ---- sshd_config ------------------------------------------------------------ */

enum sshd_line_kind { SSHDL_BLANK, SSHDL_OPT, SSHDL_MATCH, SSHDL_INVALID };

#define SSHD_VALUE_MAX 512

struct sshd_line {
	enum sshd_line_kind kind;
	char keyword[40];             /* lower case */
	char value[SSHD_VALUE_MAX];   /* trimmed; Match: the criteria */
};

/* One line, as sshd splits it: "Keyword value", "Keyword=value". */
void authparse_sshd_line(const char *line, size_t n, struct sshd_line *out);

/* Does sshd collect every occurrence of this (lower-case) keyword (Port,
 * ListenAddress, HostKey, ...) rather than take the first? */
bool authparse_sshd_multi(const char *keyword);

/*
 * Split an sshd value into words (blank-separated, "double quotes"
 * group).  Each word is cut at SSHD_WORD_MAX - 1 bytes.  Returns the
 * number of words stored (at most max).
 */
#define SSHD_WORD_MAX 256
size_t authparse_words(const char *v, char (*words)[SSHD_WORD_MAX],
		       size_t max);

/*
 * Expand one AuthorizedKeysFile entry for an account as sshd does: %% %h
 * %u %U; a relative result is taken from the home directory.  Writes an
 * absolute path to out; false when it does not fit, names an unknown
 * token, or needs a home the account does not have.
 */
bool authparse_keys_path(const char *pattern, const char *home,
			 const char *user, uint32_t uid, char *out,
			 size_t cap);

/* Does the pattern depend on the account beyond its home (%u, %U)? */
bool authparse_keys_per_user(const char *pattern);

#endif
