/*
 * det_per_cron_file.c - RM-PER-002: a file in a cron or at directory that
 * is not what cron expects there, or that anyone may change.
 *
 * The Redis exploit (CONFIG SET dir /var/spool/cron; SAVE) leaves an RDB
 * dump, starting with "REDIS" and four digits, as a crontab: cron still
 * runs the job line inside the binary noise.  An executable or other
 * binary file has no business in a cron directory either.  A cron file
 * that others may write lets anyone add a job; a system crontab owned by
 * someone other than root, or a user's crontab owned by someone else, is
 * tampering (cron itself refuses some of them, which hides nothing).
 * Owners are not judged in an image whose root is not owned by root: it
 * was unpacked without its owners.
 */
#include <string.h>
#include <sys/stat.h>

#include "../collect/cron_parse.h"
#include "detector.h"

static const struct account *
account_named(const struct snapshot *s, const char *name)
{
	for (size_t i = 0; name && i < s->naccounts; i++)
		if (s->accounts[i].name && s->accounts[i].uid_valid &&
		    strcmp(s->accounts[i].name, name) == 0)
			return &s->accounts[i];
	return NULL;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct cron_file *cf = fa->u.cron_file;
	const struct account *a = NULL;
	enum severity sev = SEV_INFO;
	enum confidence conf = CONF_LOW;
	const char *why = NULL;
	struct finding *f;

	if (cf->read_err == 0 && cf->magic == CRONM_REDIS) {
		why = "is a Redis database dump (the Redis CONFIG SET dir "
		    "exploit writes one there; cron runs the job line inside it)";
		sev = SEV_CRITICAL;
		conf = CONF_HIGH;
	} else if (cf->read_err == 0 && cf->magic == CRONM_ELF &&
	    cf->kind != CRONF_SCRIPT) {
		why = "is an executable, not a crontab";
		sev = SEV_HIGH;
		conf = CONF_HIGH;
	} else if (cf->read_err == 0 && cf->magic == CRONM_ELF) {
		why = "is a compiled executable run by run-parts (distributions "
		    "ship scripts there)";
		sev = SEV_MEDIUM;
		conf = CONF_MEDIUM;
	} else if (cf->read_err == 0 && cf->magic == CRONM_BINARY) {
		why = "is binary data, not a crontab";
		sev = SEV_HIGH;
		conf = CONF_MEDIUM;
	} else if (S_ISREG(cf->mode) && (cf->mode & S_IWOTH)) {
		why = "is writable by every user: anyone can add a job";
		sev = SEV_HIGH;
		conf = CONF_HIGH;
	} else if (cf->owners_unknown) {
		return;  /* an image copied without its owners */
	} else if (cf->kind == CRONF_USER &&
	    (a = account_named(s, cf->user)) != NULL && cf->uid != a->uid &&
	    cf->uid != 0) {
		why = "belongs to another user than the account it is for";
		sev = SEV_MEDIUM;
		conf = CONF_MEDIUM;
	} else if ((cf->kind == CRONF_SYSTEM || cf->kind == CRONF_ANACRON ||
	    cf->kind == CRONF_SCRIPT) && cf->uid != 0) {
		why = "is a system cron file not owned by root";
		sev = SEV_MEDIUM;
		conf = CONF_MEDIUM;
	}
	if (why == NULL)
		return;
	f = findings_add(out, d, "%s %s", cf->path, why);
	f->severity = sev;
	f->confidence = conf;
	finding_set_file(f, cf->path);
	finding_ev_int(f, "size", (int64_t)cf->size);
	finding_ev_file_meta(f, "", cf->uid, cf->mode, cf->mtime);
	if (cf->user)
		finding_ev_str(f, "crontab_of", cf->user);
	if (a)
		finding_ev_int(f, "account_uid", a->uid);
	finding_ev_int(f, "job_lines", cf->njobs);
	finding_ev_int(f, "invalid_lines", cf->ninvalid);
	for (size_t i = 0; i < s->ncron_jobs; i++)
		if (s->cron_jobs[i].file == cf)
			finding_ev_list_add(f, "jobs", s->cron_jobs[i].command);
}

const struct detector det_per_cron_file = {
	.id = "RM-PER-002",
	.name = "Foreign or writable file in a cron directory",
	.category = CAT_PERSISTENCE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1053.003"),
	.description = "A cron or at directory holds a Redis dump, an "
	    "executable or binary data, or a cron file that others may write "
	    "or that belongs to the wrong user.",
	.remediation = "Keep a copy, remove the file (lsattr first: droppers "
	    "set the immutable flag), and for a Redis dump close the Redis "
	    "port to the internet, set a password and rename CONFIG; check "
	    "/root/.ssh/authorized_keys, which the same exploit writes.",
	.kinds = FACT_CRON_FILE,
	.check = check,
};
