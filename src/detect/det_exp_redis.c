/*
 * det_exp_redis.c - RM-EXP-002: Redis without a password beyond
 * loopback.  The oldest miner door there is (RedisWannaMine, WatchDog,
 * Kinsing, TeamTNT): CONFIG SET dir /var/spool/cron, dbfilename root, a
 * key holding "* * * * * curl ...|sh", SAVE.  Redis 3.2's protected mode
 * was the answer, and "protected-mode no" in a config is how it is
 * undone.
 *
 * Live: redis-server (valkey, keydb) listening on a non-loopback address
 * whose config (the file on its command line or /etc/redis/redis.conf,
 * its includes and ACL file, then its command-line options) gives the
 * default user no password: medium with protected-mode no (high when a
 * Redis dump already sits in a cron directory, RM-PER-002's evidence);
 * low with an explicit non-loopback bind and protected mode on (Redis
 * before 6 still lets clients in); low when no config was found.  On an
 * image, or a host where Redis is not running, the config alone: medium
 * in an image, low on a live host where it is stopped.  Runtime CONFIG
 * SET changes are not seen (Redis is never contacted).
 */
#include <stdio.h>
#include <string.h>

#include "../collect/cron_parse.h"
#include "detector.h"
#include "exp_util.h"

/* A Redis dump in a cron directory: the attack already happened. */
static const struct cron_file *
rdb_in_cron(const struct snapshot *s)
{
	for (size_t i = 0; i < s->ncron_files; i++)
		if (s->cron_files[i].magic == CRONM_REDIS)
			return &s->cron_files[i];
	return NULL;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct service *sv = fa->u.service;
	const struct cron_file *rdb;
	enum severity sev;
	enum confidence conf;
	struct finding *f;

	if (sv->kind != SVC_REDIS || sv->loopback || sv->guard == GUARD_ON)
		return;
	if (sv->guard == GUARD_NONE) {
		sev = sv->pid || !s->live ? SEV_MEDIUM : SEV_LOW;
		conf = CONF_HIGH;
	} else if (sv->guard == GUARD_WEAK && sv->setting) {
		sev = SEV_LOW;   /* an explicit public bind, protected mode on */
		conf = CONF_MEDIUM;
	} else if (sv->guard == GUARD_UNKNOWN && sv->pid) {
		sev = SEV_LOW;
		conf = CONF_LOW;
	} else {
		return;  /* no bind line, protected mode on: loopback only */
	}
	rdb = rdb_in_cron(s);
	if (rdb && sv->guard == GUARD_NONE) {
		sev = SEV_HIGH;
		conf = CONF_HIGH;
	}
	if (sv->pid)
		f = findings_add(out, d, "Redis open on %.80s:%u (pid %d, "
		    "netns %llu) without a password: %.300s", sv->addr ?
		    sv->addr : "?", sv->port, (int)sv->pid,
		    (unsigned long long)sv->netns, sv->guard_why ?
		    sv->guard_why : "");
	else
		f = findings_add(out, d, "Redis configured in %.200s to listen "
		    "on %.80s port %u without a password%s: %.300s",
		    sv->config ? sv->config : "?", sv->addr ? sv->addr : "*",
		    sv->port, s->live ? " (not running now)" : "",
		    sv->guard_why ? sv->guard_why : "");
	f->severity = sev;
	f->confidence = conf;
	exp_service_evidence(f, sv, s);
	if (rdb)
		finding_ev_str(f, "redis_dump_in_cron", rdb->path);
}

const struct detector det_exp_redis = {
	.id = "RM-EXP-002",
	.name = "Redis without a password beyond loopback",
	.category = CAT_EXPOSURE,
	.severity = SEV_MEDIUM,
	.techniques = TECHNIQUES("T1190", "T1133"),
	.description = "redis-server listens beyond loopback (or is "
	    "configured to) and its config gives clients in without a "
	    "password, with protected-mode no or a public bind: campaigns "
	    "write cron jobs and SSH keys through CONFIG SET.",
	.remediation = "Set requirepass (or an ACL default user with a "
	    "password) in the Redis config, set \"bind 127.0.0.1 -::1\" "
	    "and \"protected-mode yes\" unless other hosts need it, firewall "
	    "6379, restart Redis; then check /var/spool/cron, /etc/cron.d "
	    "and ~/.ssh/authorized_keys for files starting with REDIS "
	    "(RM-PER-002) and CONFIG GET dir/dbfilename for changes.",
	.kinds = FACT_SERVICE,
	.check = check,
};
