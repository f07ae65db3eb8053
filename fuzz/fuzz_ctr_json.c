/*
 * fuzz_ctr_json.c - the bounded JSON walker and the container fields read
 * from Docker's state files (ctr_parse.c): config.v2.json,
 * hostconfig.json and daemon.json are written by whoever holds the Docker
 * API, or come in a crafted disk image.
 *
 * Input: the whole file.  Checked: every path the walker reports has at
 * most CTRJ_DEPTH components, every key and value is NUL-terminated within
 * its cap; the container fields are NUL-terminated in their buffers, at
 * most CTR_MOUNTS_MAX mounts are kept, each of a sensitive class that the
 * classifier gives its source again; daemon.json's tcp host starts with
 * "tcp://"; the monitoring-image lookup returns a table entry or NULL.
 */
#include "collect/ctr_parse.h"
#include "core/err.h"
#include "fuzz.h"
#include <strings.h>

static void
cb(void *arg, const struct ctrj_path *p, enum ctrj_type t, const char *v,
   size_t n)
{
	(void)arg;
	(void)t;
	FUZZ_CHECK(p->n <= CTRJ_DEPTH);
	for (uint32_t i = 0; i < p->n; i++)
		if (p->comp[i])
			FUZZ_CHECK(strnlen(p->comp[i], CTRJ_KEY_MAX + 1) <=
			    CTRJ_KEY_MAX);
	FUZZ_CHECK(n <= CTRJ_STR_MAX);
	FUZZ_CHECK(v[n] == '\0');
	(void)ctrj_match(p, "MountPoints.*.Source");
	(void)ctrj_match(p, "Binds.[]");
}

static void
terminated(const char *s, size_t cap)
{
	FUZZ_CHECK(memchr(s, '\0', cap) != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_dup(data, size);
	struct ctr_state *c = malloc(sizeof(*c));
	struct docker_daemon_conf d;
	int r;

	if (c == NULL)
		abort();
	r = ctrj_walk(s, size, cb, NULL);
	FUZZ_CHECK(r == RM_OK || r == RM_EPARSE);
	ctrparse_init(c);
	(void)ctrparse_config(c, s, size);
	(void)ctrparse_hostconfig(c, s, size);
	terminated(c->id, sizeof(c->id));
	terminated(c->name, sizeof(c->name));
	terminated(c->image, sizeof(c->image));
	FUZZ_CHECK(c->nmounts <= CTR_MOUNTS_MAX);
	for (uint32_t i = 0; i < c->nmounts; i++) {
		const struct ctr_mount_rec *m = &c->mounts[i];

		terminated(m->source, sizeof(m->source));
		terminated(m->dest, sizeof(m->dest));
		FUZZ_CHECK(m->cls != CTRM_NONE && m->cls <= CTRM_SYSTEM);
		FUZZ_CHECK(m->source[0] == '/');
	}
	{
		const char *mon = ctrparse_monitoring_image(c->image);

		FUZZ_CHECK(mon == NULL || strlen(mon) < 64);
	}
	(void)ctrparse_mount_class(s, size);
	(void)ctrparse_monitoring_image(c->name);
	(void)ctrparse_daemon_json(&d, s, size);
	terminated(d.tcp_host, sizeof(d.tcp_host));
	FUZZ_CHECK(!d.tcp || strncasecmp(d.tcp_host, "tcp://", 6) == 0);
	FUZZ_CHECK(d.tlsverify >= -1 && d.tlsverify <= 1);
	free(c);
	free(s);
	return 0;
}
