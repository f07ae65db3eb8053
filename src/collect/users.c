/*
 * users.c - accounts and groups, read from the root's /etc/passwd and
 * /etc/group directly.  Never NSS: getpwent() would load libnss modules
 * (hookable, and possibly from LDAP or SSSD rather than the file on disk).
 */
#include <stdbool.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "collect.h"
#include "etc_parse.h"

void
users_collect(struct snapshot *s)
{
	struct buf b;
	bool trunc;
	int r;

	buf_init(&b, RM_FILE_MAX);
	r = root_read_file(s->rootfd, "etc/passwd", &b, NULL, &trunc);
	if (r == RM_OK) {
		s->parse_errors += (uint32_t)etcparse_passwd(b.data, b.len,
		    &s->arena, &s->accounts, &s->naccounts);
		if (trunc)
			snapshot_skip(s, "accounts: /etc/passwd", "larger than "
			    "%u bytes; only the start was read", RM_FILE_MAX);
	} else {
		snapshot_skip(s, "accounts: /etc/passwd", "cannot read: %s",
		    rm_strerror(r));
	}
	buf_free(&b);
	buf_init(&b, RM_FILE_MAX);
	r = root_read_file(s->rootfd, "etc/group", &b, NULL, &trunc);
	if (r == RM_OK)
		s->parse_errors += (uint32_t)etcparse_group(b.data, b.len,
		    &s->arena, &s->groups, &s->ngroups);
	else
		snapshot_skip(s, "accounts: /etc/group", "cannot read: %s",
		    rm_strerror(r));
	buf_free(&b);
}
