/*
 * ctr_parse.c - the bounded JSON walker and the container fields read
 * from Docker's state files (see ctr_parse.h).  Input: files in
 * /var/lib/docker/containers/ID/ and /etc/docker/daemon.json, which an
 * intruder with the Docker API (or a crafted image) writes.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../core/err.h"
#include "ctr_parse.h"

struct jw {
	const char *p, *end;
	ctrj_fn *cb;
	void *arg;
	struct ctrj_path path;
	char keys[CTRJ_DEPTH][CTRJ_KEY_MAX + 1];
	char str[CTRJ_STR_MAX + 1];
	size_t slen;
};

static void
ws(struct jw *w)
{
	while (w->p < w->end && (*w->p == ' ' || *w->p == '\t' ||
	    *w->p == '\n' || *w->p == '\r'))
		w->p++;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Append one byte to out (cap bytes + NUL); bytes past cap are dropped. */
static void
put(char *out, size_t cap, size_t *len, char c)
{
	if (*len < cap)
		out[(*len)++] = c;
}

/* A string at w->p (the opening quote) into out (cap + 1 bytes). */
static int
jstring(struct jw *w, char *out, size_t cap, size_t *outlen)
{
	size_t len = 0;

	if (w->p >= w->end || *w->p != '"')
		return RM_EPARSE;
	w->p++;
	while (w->p < w->end) {
		unsigned char c = (unsigned char)*w->p++;

		if (c == '"') {
			out[len] = '\0';
			*outlen = len;
			return RM_OK;
		}
		if (c < 0x20)
			return RM_EPARSE;
		if (c != '\\') {
			put(out, cap, &len, (char)c);
			continue;
		}
		if (w->p >= w->end)
			return RM_EPARSE;
		c = (unsigned char)*w->p++;
		switch (c) {
		case '"': case '\\': case '/':
			put(out, cap, &len, (char)c);
			break;
		case 'b': put(out, cap, &len, '\b'); break;
		case 'f': put(out, cap, &len, '\f'); break;
		case 'n': put(out, cap, &len, '\n'); break;
		case 'r': put(out, cap, &len, '\r'); break;
		case 't': put(out, cap, &len, '\t'); break;
		case 'u': {
			unsigned v = 0;

			if (w->end - w->p < 4)
				return RM_EPARSE;
			for (int i = 0; i < 4; i++) {
				int h = hexval(w->p[i]);

				if (h < 0)
					return RM_EPARSE;
				v = v << 4 | (unsigned)h;
			}
			w->p += 4;
			/* surrogates and NUL: a placeholder, never a byte
			 * that could end or split a path */
			if (v == 0 || (v >= 0xd800 && v <= 0xdfff)) {
				put(out, cap, &len, '?');
			} else if (v < 0x80) {
				put(out, cap, &len, (char)v);
			} else if (v < 0x800) {
				put(out, cap, &len, (char)(0xc0 | v >> 6));
				put(out, cap, &len, (char)(0x80 | (v & 0x3f)));
			} else {
				put(out, cap, &len, (char)(0xe0 | v >> 12));
				put(out, cap, &len,
				    (char)(0x80 | ((v >> 6) & 0x3f)));
				put(out, cap, &len, (char)(0x80 | (v & 0x3f)));
			}
			break;
		}
		default:
			return RM_EPARSE;
		}
	}
	return RM_EPARSE;
}

static int value(struct jw *w);

static int
scalar(struct jw *w, enum ctrj_type t, const char *v, size_t n)
{
	w->cb(w->arg, &w->path, t, v, n);
	return RM_OK;
}

static bool
lit(struct jw *w, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(w->end - w->p) < n || memcmp(w->p, s, n) != 0)
		return false;
	w->p += n;
	return true;
}

static int
number(struct jw *w)
{
	const char *s = w->p;
	bool digits = false;

	if (w->p < w->end && *w->p == '-')
		w->p++;
	while (w->p < w->end && ((*w->p >= '0' && *w->p <= '9') ||
	    *w->p == '.' || *w->p == 'e' || *w->p == 'E' || *w->p == '+' ||
	    *w->p == '-')) {
		digits |= *w->p >= '0' && *w->p <= '9';
		w->p++;
	}
	if (!digits)
		return RM_EPARSE;
	{
		size_t n = (size_t)(w->p - s);

		if (n > 63)
			n = 63;
		memcpy(w->str, s, n);
		w->str[n] = '\0';
		return scalar(w, CTRJ_NUMBER, w->str, n);
	}
}

static int
container(struct jw *w, bool object)
{
	uint32_t d = w->path.n, idx = 0;
	int r;

	if (d >= CTRJ_DEPTH)
		return RM_EPARSE;
	w->p++;
	ws(w);
	if (w->p < w->end && *w->p == (object ? '}' : ']')) {
		w->p++;
		return RM_OK;
	}
	for (;;) {
		ws(w);
		if (object) {
			size_t kl;

			if ((r = jstring(w, w->keys[d], CTRJ_KEY_MAX, &kl)) != RM_OK)
				return r;
			ws(w);
			if (w->p >= w->end || *w->p != ':')
				return RM_EPARSE;
			w->p++;
			w->path.comp[d] = w->keys[d];
		} else {
			w->path.comp[d] = NULL;
			w->path.index[d] = idx++;
		}
		w->path.n = d + 1;
		r = value(w);
		w->path.n = d;
		if (r != RM_OK)
			return r;
		ws(w);
		if (w->p < w->end && *w->p == ',') {
			w->p++;
			continue;
		}
		if (w->p < w->end && *w->p == (object ? '}' : ']')) {
			w->p++;
			return RM_OK;
		}
		return RM_EPARSE;
	}
}

static int
value(struct jw *w)
{
	ws(w);
	if (w->p >= w->end)
		return RM_EPARSE;
	switch (*w->p) {
	case '{':
		return container(w, true);
	case '[':
		return container(w, false);
	case '"': {
		int r = jstring(w, w->str, CTRJ_STR_MAX, &w->slen);

		if (r != RM_OK)
			return r;
		return scalar(w, CTRJ_STRING, w->str, w->slen);
	}
	case 't':
		if (!lit(w, "true"))
			return RM_EPARSE;
		return scalar(w, CTRJ_TRUE, "true", 4);
	case 'f':
		if (!lit(w, "false"))
			return RM_EPARSE;
		return scalar(w, CTRJ_FALSE, "false", 5);
	case 'n':
		if (!lit(w, "null"))
			return RM_EPARSE;
		return scalar(w, CTRJ_NULL, "null", 4);
	default:
		return number(w);
	}
}

int
ctrj_walk(const char *buf, size_t n, ctrj_fn *cb, void *arg)
{
	struct jw w;               /* ~12 KiB; the walk nests <= 32 frames */
	int r;

	memset(&w.path, 0, sizeof(w.path));
	w.p = buf;
	w.end = buf + n;
	w.cb = cb;
	w.arg = arg;
	r = value(&w);
	if (r != RM_OK)
		return r;
	ws(&w);
	return w.p == w.end ? RM_OK : RM_EPARSE;
}

bool
ctrj_match(const struct ctrj_path *p, const char *pattern)
{
	const char *s = pattern;
	uint32_t i = 0;

	for (;;) {
		const char *dot = strchr(s, '.');
		size_t len = dot ? (size_t)(dot - s) : strlen(s);

		if (i >= p->n)
			return false;
		if (len == 2 && memcmp(s, "[]", 2) == 0) {
			if (p->comp[i] != NULL)
				return false;
		} else if (p->comp[i] == NULL) {
			return false;
		} else if (!(len == 1 && *s == '*') &&
		    (strlen(p->comp[i]) != len ||
		    memcmp(p->comp[i], s, len) != 0)) {
			return false;
		}
		i++;
		if (dot == NULL)
			return i == p->n;
		s = dot + 1;
	}
}

/* ---- container fields --------------------------------------------------- */

/* Is [s, s+n) (normalised) the path p or below it? */
static bool
under(const char *s, size_t n, const char *p)
{
	size_t pl = strlen(p);

	if (n < pl || memcmp(s, p, pl) != 0)
		return false;
	return n == pl || s[pl] == '/';
}

enum ctr_mount_class
ctrparse_mount_class(const char *src, size_t n)
{
	char norm[CTR_PATH_MAX];
	size_t k = 0;
	const char *base;

	if (n == 0 || src[0] != '/')
		return CTRM_NONE;  /* a named volume */
	/* squeeze "//" and "/./", resolve "..", drop a trailing "/" */
	for (size_t i = 0; i < n && k + 1 < sizeof(norm); i++) {
		if (src[i] == '/' && k > 0 && norm[k - 1] == '/')
			continue;
		if (src[i] == '.' && k > 0 && norm[k - 1] == '/' &&
		    (i + 1 == n || src[i + 1] == '/')) {
			i++;
			continue;
		}
		/* "..": back to the parent ("/var/.." is "/") */
		if (src[i] == '.' && k > 0 && norm[k - 1] == '/' &&
		    i + 1 < n && src[i + 1] == '.' &&
		    (i + 2 == n || src[i + 2] == '/')) {
			if (k > 1) {
				k--;
				while (k > 1 && norm[k - 1] != '/')
					k--;
			}
			i += 2;
			continue;
		}
		if (src[i] == '\0')
			return CTRM_NONE;
		norm[k++] = src[i];
	}
	while (k > 1 && norm[k - 1] == '/')
		k--;
	norm[k] = '\0';
	if (k == 1)
		return CTRM_ROOT;
	base = strrchr(norm, '/') + 1;
	if (strcmp(base, "docker.sock") == 0 ||
	    strcmp(base, "containerd.sock") == 0 ||
	    under(norm, k, "/run/docker") || under(norm, k, "/var/run/docker") ||
	    under(norm, k, "/run/containerd") ||
	    under(norm, k, "/var/run/containerd"))
		return CTRM_DOCKER_SOCK;
	if (strcmp(norm, "/run") == 0 || strcmp(norm, "/var/run") == 0)
		return CTRM_RUN;
	if (under(norm, k, "/etc"))
		return CTRM_ETC;
	if (under(norm, k, "/root"))
		return CTRM_ROOT_HOME;
	if (under(norm, k, "/var/spool/cron"))
		return CTRM_CRON;
	if (strcmp(norm, "/usr") == 0 || strcmp(norm, "/boot") == 0 ||
	    strcmp(norm, "/lib") == 0 || strcmp(norm, "/bin") == 0 ||
	    strcmp(norm, "/sbin") == 0 || strcmp(norm, "/var") == 0 ||
	    strcmp(norm, "/home") == 0 || strcmp(norm, "/usr/bin") == 0 ||
	    strcmp(norm, "/usr/sbin") == 0 || strcmp(norm, "/var/spool") == 0)
		return CTRM_SYSTEM;
	return CTRM_NONE;
}

const char *
ctr_mount_class_name(enum ctr_mount_class c)
{
	switch (c) {
	case CTRM_NONE: return "other";
	case CTRM_ROOT: return "host root";
	case CTRM_DOCKER_SOCK: return "docker socket";
	case CTRM_RUN: return "/run (holds the docker socket)";
	case CTRM_ETC: return "/etc";
	case CTRM_ROOT_HOME: return "/root";
	case CTRM_CRON: return "cron spool";
	case CTRM_SYSTEM: return "system directory";
	}
	return "?";
}

void
ctrparse_init(struct ctr_state *c)
{
	memset(c, 0, sizeof(*c));
}

static void
cpy(char *dst, size_t cap, const char *v, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

/* Add (or update) a mount whose source is v; returns it or NULL. */
static struct ctr_mount_rec *
add_mount(struct ctr_state *c, const char *src, size_t sn, const char *dst,
	  size_t dn, int ro)
{
	enum ctr_mount_class cls = ctrparse_mount_class(src, sn);
	struct ctr_mount_rec *m;

	if (cls == CTRM_NONE)
		return NULL;
	if (sn >= CTR_PATH_MAX)
		sn = CTR_PATH_MAX - 1;
	if (dn >= CTR_PATH_MAX)
		dn = CTR_PATH_MAX - 1;
	for (uint32_t i = 0; i < c->nmounts; i++) {
		m = &c->mounts[i];
		if (strlen(m->source) == sn && memcmp(m->source, src, sn) == 0 &&
		    (dn == 0 || m->dest[0] == '\0' || (strlen(m->dest) == dn &&
		    memcmp(m->dest, dst, dn) == 0))) {
			if (dn && m->dest[0] == '\0')
				cpy(m->dest, sizeof(m->dest), dst, dn);
			if (ro >= 0)
				m->ro = m->ro && ro;  /* writable anywhere wins */
			return m;
		}
	}
	if (c->nmounts >= CTR_MOUNTS_MAX) {
		c->mounts_dropped++;
		return NULL;
	}
	m = &c->mounts[c->nmounts++];
	cpy(m->source, sizeof(m->source), src, sn);
	cpy(m->dest, sizeof(m->dest), dst, dn);
	m->ro = ro > 0;
	m->cls = (uint8_t)cls;
	return m;
}

/* "SRC:DST[:OPTS]" of HostConfig.Binds. */
static void
add_bind(struct ctr_state *c, const char *v, size_t n)
{
	const char *c1 = memchr(v, ':', n), *c2 = NULL, *o;
	bool ro = false;

	if (c1 == NULL)
		return;
	c2 = memchr(c1 + 1, ':', (size_t)(v + n - (c1 + 1)));
	if (c2) {
		/* options: a comma list; "ro" makes it read-only */
		for (o = c2 + 1; o < v + n; ) {
			const char *e = memchr(o, ',', (size_t)(v + n - o));
			size_t l;

			if (e == NULL)
				e = v + n;
			l = (size_t)(e - o);
			if (l == 2 && memcmp(o, "ro", 2) == 0)
				ro = true;
			o = e + 1;
		}
	}
	add_mount(c, v, (size_t)(c1 - v), c1 + 1,
	    (size_t)((c2 ? c2 : v + n) - (c1 + 1)), ro);
}

/* One element of HostConfig.Mounts or an entry of MountPoints, gathered
 * across callbacks: the walker delivers Source, Target and ReadOnly in any
 * order, so an element is kept whole and added when the next begins. */
struct pend {
	char src[CTR_PATH_MAX], dst[CTR_PATH_MAX];
	size_t sn, dn;
	int ro;                    /* -1 unknown */
	bool bind;                 /* Type is "bind" (or unset) */
	bool any;
	char owner[CTRJ_KEY_MAX + 1];  /* the key (MountPoints) or "" */
};

struct cctx {
	struct ctr_state *c;
	struct pend m;
};

static void
flush(struct cctx *x)
{
	if (x->m.any && x->m.bind && x->m.sn)
		add_mount(x->c, x->m.src, x->m.sn, x->m.dst, x->m.dn, x->m.ro);
	memset(&x->m, 0, sizeof(x->m));
	x->m.ro = -1;
	x->m.bind = true;
}

/* A field of a mount object: a different owner (MountPoints key, Mounts
 * index) ends the pending element. */
static void
mount_field(struct cctx *x, const char *owner, const char *field,
	    enum ctrj_type t, const char *v, size_t n)
{
	if (x->m.any && strcmp(x->m.owner, owner) != 0)
		flush(x);
	cpy(x->m.owner, sizeof(x->m.owner), owner, strlen(owner));
	x->m.any = true;
	if (t == CTRJ_STRING && strcasecmp(field, "Source") == 0) {
		x->m.sn = n < CTR_PATH_MAX ? n : CTR_PATH_MAX - 1;
		memcpy(x->m.src, v, x->m.sn);
	} else if (t == CTRJ_STRING && (strcasecmp(field, "Target") == 0 ||
	    strcasecmp(field, "Destination") == 0)) {
		x->m.dn = n < CTR_PATH_MAX ? n : CTR_PATH_MAX - 1;
		memcpy(x->m.dst, v, x->m.dn);
	} else if (strcasecmp(field, "ReadOnly") == 0) {
		x->m.ro = t == CTRJ_TRUE;
	} else if (strcmp(field, "RW") == 0) {
		x->m.ro = t == CTRJ_FALSE;
	} else if (t == CTRJ_STRING && strcmp(field, "Type") == 0) {
		x->m.bind = n == 4 && memcmp(v, "bind", 4) == 0;
	}
}

static void
config_cb(void *arg, const struct ctrj_path *p, enum ctrj_type t,
	  const char *v, size_t n)
{
	struct cctx *x = arg;
	struct ctr_state *c = x->c;

	if (t == CTRJ_STRING && ctrj_match(p, "ID"))
		cpy(c->id, sizeof(c->id), v, n);
	else if (t == CTRJ_STRING && ctrj_match(p, "Name"))
		cpy(c->name, sizeof(c->name), v, n);
	else if (t == CTRJ_STRING && ctrj_match(p, "Config.Image"))
		cpy(c->image, sizeof(c->image), v, n);
	else if (ctrj_match(p, "State.Running"))
		c->running = t == CTRJ_TRUE;
	else if (p->n == 3 && ctrj_match(p, "MountPoints.*.*"))
		mount_field(x, p->comp[1], p->comp[2], t, v, n);
}

int
ctrparse_config(struct ctr_state *c, const char *buf, size_t n)
{
	struct cctx x = { .c = c };
	int r;

	flush(&x);
	r = ctrj_walk(buf, n, config_cb, &x);
	flush(&x);
	return r;
}

static void
host_cb(void *arg, const struct ctrj_path *p, enum ctrj_type t,
	const char *v, size_t n)
{
	struct cctx *x = arg;
	struct ctr_state *c = x->c;

	if (ctrj_match(p, "Privileged"))
		c->privileged = t == CTRJ_TRUE;
	else if (t == CTRJ_STRING && ctrj_match(p, "PidMode"))
		c->pid_host = n == 4 && memcmp(v, "host", 4) == 0;
	else if (t == CTRJ_STRING && ctrj_match(p, "NetworkMode"))
		c->net_host = n == 4 && memcmp(v, "host", 4) == 0;
	else if (t == CTRJ_STRING && ctrj_match(p, "CapAdd.[]")) {
		if ((n == 9 && strncasecmp(v, "SYS_ADMIN", 9) == 0) ||
		    (n == 13 && strncasecmp(v, "CAP_SYS_ADMIN", 13) == 0) ||
		    (n == 3 && strncasecmp(v, "ALL", 3) == 0))
			c->cap_sys_admin = true;
	} else if (t == CTRJ_STRING && ctrj_match(p, "Binds.[]")) {
		add_bind(c, v, n);
	} else if (p->n == 3 && ctrj_match(p, "Mounts.[].*")) {
		char owner[16];

		/* the element's index tells one element from the next */
		snprintf(owner, sizeof(owner), "%u", p->index[1]);
		mount_field(x, owner, p->comp[2], t, v, n);
	}
}

int
ctrparse_hostconfig(struct ctr_state *c, const char *buf, size_t n)
{
	struct cctx x = { .c = c };
	int r;

	flush(&x);
	r = ctrj_walk(buf, n, host_cb, &x);
	flush(&x);
	return r;
}

/* Repository names of monitoring and security agents that mount the host
 * read-only by design (matched on the last path component of the
 * repository, tag and digest dropped, or on a registry path prefix). */
static const char *const monitoring[] = {
	"cadvisor", "node-exporter", "node_exporter", "falco",
	"falco-no-driver", "datadog-agent", "netdata", "metricbeat",
	"process-exporter", "newrelic-infra", "infrastructure-bundle",
	"grafana-agent", "alloy", "dcgm-exporter", NULL
};
static const char *const monitoring_prefix[] = {
	"datadog/agent", "gcr.io/datadoghq/agent", "public.ecr.aws/datadog/agent",
	"docker.io/datadog/agent", "newrelic/infrastructure",
	"sysdig/agent", "quay.io/sysdig/agent", "elastic/metricbeat",
	"docker.elastic.co/beats/metricbeat", NULL
};

const char *
ctrparse_monitoring_image(const char *image)
{
	char repo[CTR_PATH_MAX];
	const char *base, *slash;
	size_t n, i;

	if (image == NULL)
		return NULL;
	n = strcspn(image, "@");
	if (n >= sizeof(repo))
		return NULL;
	memcpy(repo, image, n);
	repo[n] = '\0';
	/* a tag is a ':' after the last '/' (a registry port comes before) */
	slash = strrchr(repo, '/');
	base = slash ? slash + 1 : repo;
	{
		char *colon = strchr(base, ':');

		if (colon)
			*colon = '\0';
	}
	for (i = 0; monitoring_prefix[i]; i++) {
		size_t l = strlen(monitoring_prefix[i]);

		if (strncmp(repo, monitoring_prefix[i], l) == 0 &&
		    repo[l] == '\0')
			return monitoring_prefix[i];
	}
	for (i = 0; monitoring[i]; i++)
		if (strcmp(base, monitoring[i]) == 0)
			return monitoring[i];
	return NULL;
}

/* ---- daemon.json ---------------------------------------------------------- */

static void
daemon_cb(void *arg, const struct ctrj_path *p, enum ctrj_type t,
	  const char *v, size_t n)
{
	struct docker_daemon_conf *d = arg;

	if (t == CTRJ_STRING && ctrj_match(p, "hosts.[]")) {
		if (n >= 6 && strncasecmp(v, "tcp://", 6) == 0 && !d->tcp) {
			d->tcp = true;
			cpy(d->tcp_host, sizeof(d->tcp_host), v, n);
		}
	} else if (ctrj_match(p, "tlsverify")) {
		d->tlsverify = t == CTRJ_TRUE;
	} else if (ctrj_match(p, "tls")) {
		d->tls = t == CTRJ_TRUE;
	}
}

int
ctrparse_daemon_json(struct docker_daemon_conf *d, const char *buf, size_t n)
{
	memset(d, 0, sizeof(*d));
	d->tlsverify = -1;
	d->tls = -1;
	return ctrj_walk(buf, n, daemon_cb, d);
}
