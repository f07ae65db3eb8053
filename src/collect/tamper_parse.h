/*
 * tamper_parse.h - text that shows defence evasion: shell start-up lines
 * that turn history off, /etc/selinux/config, the kernel command line,
 * dpkg file lists and md5sums, and the security-agent list
 * (rules/security-agents.txt).  Pure: bytes in, values out; every input
 * is hostile (an intruder writes these files).
 */
#ifndef RM_TAMPER_PARSE_H
#define RM_TAMPER_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * One line of a shell start-up file: enum hist_kill bits (facts.h) for
 * what it does to the shell's history, 0 for nothing.  Comments are
 * ignored; statements are split at ; & | so "unset HISTFILE; history -c"
 * gives both bits.  Recognised: HISTFILE=/dev/null (export, declare -x,
 * quotes), HISTFILE= / unset HISTFILE, HISTSIZE=0 / HISTFILESIZE=0,
 * history -c, set +o history, shopt -ou history, and
 * ln -s(f) /dev/null ...history.
 */
unsigned tamperparse_hist_line(const char *p, size_t n);

enum selinux_mode {
	SELINUX_UNSET = 0,         /* no SELINUX= line */
	SELINUX_ENFORCING,
	SELINUX_PERMISSIVE,
	SELINUX_DISABLED,
	SELINUX_OTHER,             /* a value SELinux does not know */
};

/* The last SELINUX= line of /etc/selinux/config; *line (may be NULL)
 * gets its 1-based number. */
enum selinux_mode tamperparse_selinux_config(const char *buf, size_t n,
					     uint32_t *line);

/* True when the kernel command line turns AppArmor off: apparmor=0 or
 * security=none (a whole word; later words win). */
bool tamperparse_cmdline_apparmor_off(const char *buf, size_t n);

/* True when text (a dpkg .list) has a line equal to path. */
bool tamperparse_list_has(const char *text, size_t n, const char *path);

/* The MD5 dpkg recorded for rel ("usr/bin/chattr", no leading /) in an
 * md5sums text ("<32 hex>  usr/bin/chattr" lines).  True when found. */
bool tamperparse_md5sums_find(const char *text, size_t n, const char *rel,
			      char md5[33]);

/* True if every byte of buf is printable ASCII or white space (a login
 * record file overwritten with "echo 0 > /var/log/wtmp"). */
bool tamperparse_is_text(const char *buf, size_t n);

/* rules/security-agents.txt: "TYPE NAME VALUE" lines.
 *   dir NAME PATH      an install directory of the agent
 *   bin NAME PATH      one of its executables
 *   unit NAME UNIT     its systemd unit (name.service)
 *   init NAME PATH     its SysV init script
 *   domain NAME HOST   a host it talks to (update, reporting)
 *   block NAME HOST    infrastructure droppers sink (a registry, a rival)
 */
enum agent_rule_type {
	AGR_DIR = 1, AGR_BIN, AGR_UNIT, AGR_INIT, AGR_DOMAIN, AGR_BLOCK,
};

#define AGENT_NAME_MAX 48
#define AGENT_VALUE_MAX 200

struct agent_rule {
	enum agent_rule_type type;
	char name[AGENT_NAME_MAX];
	char value[AGENT_VALUE_MAX];
};

/* Parse at most max rules into out (*nout of them).  Returns the number
 * of lines that were not rules (unknown type, fields missing, too long,
 * a path not absolute). */
uint32_t tamperparse_agents(const char *text, size_t n,
			    struct agent_rule *out, size_t max, size_t *nout);

/* True if name is host or a subdomain of it (ASCII case ignored). */
bool tamperparse_domain_match(const char *name, const char *host);


#endif
