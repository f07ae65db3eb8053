/*
 * expose_parse.c - redis.conf, the kubelet's config.yaml, service flags,
 * HTTP status lines and DMI cloud names (see expose_parse.h).  Every
 * input is hostile; every output is bounded by a fixed buffer.
 */
#include <string.h>
#include <strings.h>

#include "../core/err.h"
#include "expose_parse.h"

static void
cpy(char *dst, size_t cap, const char *v, size_t n)
{
	if (cap == 0)
		return;
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* ---- addresses ------------------------------------------------------------ */

bool
expp_addr_loopback(const char *s, size_t n)
{
	if (n && s[0] == '-')      /* redis: "-::1", optional address */
		s++, n--;
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']')
		s++, n -= 2;
	if (n == 3 && memcmp(s, "::1", 3) == 0)
		return true;
	if (n == 9 && strncasecmp(s, "localhost", 9) == 0)
		return true;
	if (n >= 4 && memcmp(s, "127.", 4) == 0) {
		/* the rest digits and dots: 127.0.0.0/8 */
		for (size_t i = 4; i < n; i++)
			if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
				return false;
		return true;
	}
	if (n == 16 && strncasecmp(s, "::ffff:127.0.0.1", 16) == 0)
		return true;
	return false;
}

/* ---- redis.conf ----------------------------------------------------------- */

#define RC_ARGS 24
#define RC_ARG_MAX 256

struct rc_args {
	char v[RC_ARGS][RC_ARG_MAX];
	size_t len[RC_ARGS];
	int n;
	bool dropped;              /* more words than RC_ARGS */
};

static int
hexv(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Redis's sdssplitargs: words, "double quoted" with \n \r \t \b \a \\ \"
 * \xHH, 'single quoted' with \'; a closing quote must end the word.
 * Returns false on unbalanced quotes (Redis rejects the line). */
static bool
split_args(const char *p, size_t n, struct rc_args *a)
{
	const char *end = p + n;

	a->n = 0;
	a->dropped = false;
	for (;;) {
		char *o;
		size_t ol = 0;

		while (p < end && (is_space(*p) || *p == '\n'))
			p++;
		if (p >= end)
			return true;
		if (a->n >= RC_ARGS) {
			a->dropped = true;
			return true;
		}
		o = a->v[a->n];
		if (*p == '"' || *p == '\'') {
			char q = *p++;
			bool closed = false;

			while (p < end) {
				char c = *p++;

				if (c == q) {
					closed = true;
					break;
				}
				if (c == '\\' && p < end) {
					char e = *p++;

					if (q == '\'') {
						if (e != '\'') {
							if (ol < RC_ARG_MAX - 1)
								o[ol++] = '\\';
						}
						c = e;
					} else if (e == 'x' && end - p >= 2 &&
					    hexv(p[0]) >= 0 && hexv(p[1]) >= 0) {
						c = (char)(hexv(p[0]) * 16 +
						    hexv(p[1]));
						p += 2;
					} else {
						c = e == 'n' ? '\n' : e == 'r' ?
						    '\r' : e == 't' ? '\t' :
						    e == 'b' ? '\b' : e == 'a' ?
						    '\a' : e;
					}
				}
				if (ol < RC_ARG_MAX - 1)
					o[ol++] = c;
			}
			if (!closed || (p < end && !is_space(*p)))
				return false;
		} else {
			while (p < end && !is_space(*p) && *p != '\n') {
				if (ol < RC_ARG_MAX - 1)
					o[ol++] = *p;
				p++;
			}
		}
		o[ol] = '\0';
		a->len[a->n++] = ol;
	}
}

void
redisconf_init(struct redis_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->protected_mode = -1;
	c->port = -1;
}

/* "user default <rules...>": Redis resets the default user first. */
static void
user_default(struct redis_conf *c, const struct rc_args *a, int from,
	     uint32_t line)
{
	bool on = false, nopass = false, pass = false;

	for (int i = from; i < a->n; i++) {
		const char *r = a->v[i];

		if (strcasecmp(r, "on") == 0)
			on = true;
		else if (strcasecmp(r, "off") == 0)
			on = false;
		else if (strcasecmp(r, "nopass") == 0) {
			nopass = true;
			pass = false;
		} else if (strcasecmp(r, "resetpass") == 0) {
			nopass = pass = false;
		} else if (strcasecmp(r, "reset") == 0) {
			on = nopass = pass = false;
		} else if ((r[0] == '>' || r[0] == '#') && r[1]) {
			pass = true;
			nopass = false;
		}
	}
	if (!on)
		c->auth = REDIS_AUTH_OFF;
	else if (nopass)
		c->auth = REDIS_AUTH_NOPASS;
	else if (pass)
		c->auth = REDIS_AUTH_PASSWORD;
	else
		c->auth = REDIS_AUTH_OFF;  /* on, but no way to log in */
	c->auth_line = line;
}

static void
directive(struct redis_conf *c, const struct rc_args *a, uint32_t line,
	  bool acl)
{
	const char *k = a->v[0];

	if (a->n >= 2 && strcasecmp(k, "user") == 0) {
		if (strcmp(a->v[1], "default") == 0)
			user_default(c, a, 2, line);
		return;
	}
	if (acl)
		return;
	if (strcasecmp(k, "bind") == 0 && a->n >= 2) {
		size_t bl = 0;

		c->bind_set = true;
		c->bind_public = false;
		c->bind_line = line;
		c->bind[0] = '\0';
		for (int i = 1; i < a->n; i++) {
			if (!expp_addr_loopback(a->v[i], a->len[i]))
				c->bind_public = true;
			if (bl + a->len[i] + 2 < sizeof(c->bind)) {
				if (bl)
					c->bind[bl++] = ' ';
				memcpy(c->bind + bl, a->v[i], a->len[i]);
				bl += a->len[i];
				c->bind[bl] = '\0';
			}
		}
	} else if (strcasecmp(k, "protected-mode") == 0 && a->n >= 2) {
		c->protected_mode = strcasecmp(a->v[1], "yes") == 0 ? 1 :
		    strcasecmp(a->v[1], "no") == 0 ? 0 : c->protected_mode;
		c->protected_line = line;
	} else if (strcasecmp(k, "requirepass") == 0) {
		c->auth = a->n >= 2 && a->len[1] > 0 ? REDIS_AUTH_PASSWORD :
		    REDIS_AUTH_NOPASS;
		c->auth_line = line;
	} else if (strcasecmp(k, "port") == 0 && a->n >= 2) {
		long v = 0;
		bool ok = a->len[1] > 0 && a->len[1] <= 5;

		for (size_t i = 0; ok && i < a->len[1]; i++) {
			if (a->v[1][i] < '0' || a->v[1][i] > '9')
				ok = false;
			else
				v = v * 10 + (a->v[1][i] - '0');
		}
		if (ok && v <= 65535)
			c->port = (int)v;
	} else if (strcasecmp(k, "aclfile") == 0 && a->n >= 2) {
		cpy(c->aclfile, sizeof(c->aclfile), a->v[1], a->len[1]);
	} else if (strcasecmp(k, "include") == 0 && a->n >= 2) {
		if (c->nincludes < REDIS_INCLUDES_MAX)
			cpy(c->includes[c->nincludes++], EXPP_PATH_MAX,
			    a->v[1], a->len[1]);
	}
}

void
redisconf_feed(struct redis_conf *c, const char *buf, size_t n, bool acl)
{
	const char *p = buf, *end = buf + n;
	uint32_t line = 0;
	struct rc_args local, *a = &local;  /* ~6 KiB */

	a->n = 0;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *q;

		if (e == NULL)
			e = end;
		line++;
		q = p;
		while (q < e && is_space(*q))
			q++;
		if (q < e && *q != '#') {
			if (!split_args(q, (size_t)(e - q), a))
				c->bad_lines++;
			else if (a->n > 0) {
				c->lines++;
				directive(c, a, line, acl);
			}
		}
		p = e + 1;
	}
}

void
redisconf_argv(struct redis_conf *c, const char *cmdline, char *path,
	       size_t pathcap)
{
	char lines[4096];
	size_t ll = 0;
	const char *p = cmdline, *w;
	size_t wl;
	int word = 0;

	if (pathcap)
		path[0] = '\0';
	if (cmdline == NULL)
		return;
	while (*p) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		w = p;
		while (*p && *p != ' ')
			p++;
		wl = (size_t)(p - w);
		word++;
		if (word == 1)
			continue;  /* argv[0] */
		if (word == 2 && w[0] != '-') {
			/* redis-server CONFIG; a rewritten title
			 * ("127.0.0.1:6379") has no '/' and no ".conf" */
			if (memchr(w, '/', wl) || (wl > 5 &&
			    memcmp(w + wl - 5, ".conf", 5) == 0))
				cpy(path, pathcap, w, wl);
			continue;
		}
		if (wl > 2 && w[0] == '-' && w[1] == '-') {
			/* a new option: a new line */
			if (ll && ll < sizeof(lines))
				lines[ll++] = '\n';
			w += 2;
			wl -= 2;
		} else if (ll && ll < sizeof(lines)) {
			lines[ll++] = ' ';
		}
		if (ll + wl < sizeof(lines)) {
			memcpy(lines + ll, w, wl);
			ll += wl;
		}
	}
	if (ll)
		redisconf_feed(c, lines, ll < sizeof(lines) ? ll :
		    sizeof(lines) - 1, false);
}

bool
redisconf_no_password(const struct redis_conf *c)
{
	return c->auth == REDIS_AUTH_UNSET || c->auth == REDIS_AUTH_NOPASS;
}

/* ---- kubelet config.yaml -------------------------------------------------- */

#define KY_DEPTH 8

void
kubeletconf_parse(struct kubelet_conf *k, const char *buf, size_t n)
{
	struct {
		size_t indent;
		char key[40];
	} st[KY_DEPTH];
	int depth = 0;
	const char *p = buf, *end = buf + n;
	uint32_t line = 0;

	memset(k, 0, sizeof(*k));
	k->anonymous = -1;
	k->read_only_port = -1;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *q = p, *colon, *v, *ve;
		size_t indent, kl;
		char key[40], val[40];

		if (e == NULL)
			e = end;
		line++;
		while (q < e && *q == ' ')
			q++;
		indent = (size_t)(q - p);
		if (q >= e || *q == '#' || *q == '-' || *q == '\r' ||
		    (e - q >= 3 && memcmp(q, "---", 3) == 0)) {
			if (q < e && e - q >= 3 && memcmp(q, "---", 3) == 0)
				depth = 0;
			p = e + 1;
			continue;
		}
		colon = memchr(q, ':', (size_t)(e - q));
		if (colon == NULL) {
			p = e + 1;
			continue;
		}
		kl = (size_t)(colon - q);
		while (kl && is_space(q[kl - 1]))
			kl--;
		if (kl >= 2 && (q[0] == '"' || q[0] == '\'') &&
		    q[kl - 1] == q[0]) {
			q++;
			kl -= 2;
		}
		cpy(key, sizeof(key), q, kl);
		v = colon + 1;
		ve = e;
		while (v < ve && is_space(*v))
			v++;
		/* a comment after the value */
		for (const char *h = v; h < ve; h++)
			if (*h == '#' && (h == v || is_space(h[-1]))) {
				ve = h;
				break;
			}
		while (ve > v && is_space(ve[-1]))
			ve--;
		if (ve - v >= 2 && (*v == '"' || *v == '\'') &&
		    ve[-1] == *v) {
			v++;
			ve--;
		}
		cpy(val, sizeof(val), v, (size_t)(ve - v));
		while (depth > 0 && st[depth - 1].indent >= indent)
			depth--;
		if (depth == 0 && strcmp(key, "readOnlyPort") == 0 && val[0]) {
			long port = 0;
			bool ok = true;

			for (const char *d = val; *d && ok; d++) {
				if (*d < '0' || *d > '9' || port > 65535)
					ok = false;
				else
					port = port * 10 + (*d - '0');
			}
			if (ok && port <= 65535) {
				k->read_only_port = (int)port;
				k->read_only_line = line;
			}
		} else if (depth == 2 && strcmp(key, "enabled") == 0 &&
		    strcmp(st[0].key, "authentication") == 0 &&
		    strcmp(st[1].key, "anonymous") == 0 && val[0]) {
			k->anonymous = expp_bool(val);
			k->anonymous_line = line;
		} else if (depth == 1 && strcmp(key, "mode") == 0 &&
		    strcmp(st[0].key, "authorization") == 0 && val[0]) {
			cpy(k->authz_mode, sizeof(k->authz_mode), val,
			    strlen(val));
			k->authz_line = line;
		}
		if (val[0] == '\0' && depth < KY_DEPTH) {
			st[depth].indent = indent;
			cpy(st[depth].key, sizeof(st[depth].key), key, kl);
			depth++;
		}
		p = e + 1;
	}
}

/* ---- flags ----------------------------------------------------------------- */

int
expp_bool(const char *s)
{
	if (strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0 ||
	    strcasecmp(s, "yes") == 0)
		return 1;
	if (strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0 ||
	    strcasecmp(s, "no") == 0)
		return 0;
	return -1;
}

bool
expp_flag(const char *cmdline, const char *name, const char *shortname,
	  bool is_bool, char *out, size_t outcap, expp_flag_fn *cb, void *arg)
{
	const char *p = cmdline;
	size_t nl = strlen(name), sl = shortname ? strlen(shortname) : 0;
	bool found = false;

	if (outcap)
		out[0] = '\0';
	if (cmdline == NULL)
		return false;
	while (*p) {
		const char *w, *v = NULL;
		size_t wl, vl = 0;
		bool hit = false;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		w = p;
		while (*p && *p != ' ')
			p++;
		wl = (size_t)(p - w);
		size_t dash = wl >= 2 && w[0] == '-' && w[1] == '-' ? 2 : 1;

		/* "--name" or Go's flag package's "-name" */
		if (wl >= dash + nl && w[0] == '-' &&
		    memcmp(w + dash, name, nl) == 0 &&
		    (wl == dash + nl || w[dash + nl] == '=')) {
			hit = true;
			if (wl > dash + nl) {
				v = w + dash + nl + 1;
				vl = wl - dash - nl - 1;
			}
		} else if (sl && wl >= 1 + sl && w[0] == '-' && w[1] != '-' &&
		    memcmp(w + 1, shortname, sl) == 0) {
			hit = true;
			if (wl > 1 + sl) {
				v = w + 1 + sl;
				vl = wl - 1 - sl;
				if (*v == '=')
					v++, vl--;
			}
		}
		if (!hit)
			continue;
		if (v == NULL && is_bool) {
			v = "true";
			vl = 4;
		} else if (v == NULL) {
			const char *q = p;

			while (*q == ' ')
				q++;
			if (*q == '\0' || *q == '-') {
				v = "";
				vl = 0;
			} else {
				v = q;
				while (*q && *q != ' ')
					q++;
				vl = (size_t)(q - v);
				p = q;
			}
		}
		found = true;
		cpy(out, outcap, v, vl);
		if (cb)
			cb(arg, v, vl);
	}
	return found;
}

int
expp_url_port(const char *s, size_t n, bool *loopback)
{
	const char *h, *end, *colon = NULL;
	long port = 0;

	*loopback = false;
	h = s;
	end = s + n;
	for (const char *q = s; q + 2 < end; q++)
		if (q[0] == ':' && q[1] == '/' && q[2] == '/') {
			if ((q - s == 4 && strncasecmp(s, "unix", 4) == 0) ||
			    (q - s == 2 && strncasecmp(s, "fd", 2) == 0))
				return -1;
			h = q + 3;
			break;
		}
	/* the authority ends at '/' */
	for (const char *q = h; q < end; q++)
		if (*q == '/') {
			end = q;
			break;
		}
	if (h < end && *h == '[') {
		const char *rb = memchr(h, ']', (size_t)(end - h));

		if (rb == NULL)
			return -1;
		*loopback = expp_addr_loopback(h, (size_t)(rb - h + 1));
		colon = rb + 1 < end && rb[1] == ':' ? rb + 1 : NULL;
	} else {
		for (const char *q = end; q > h; q--)
			if (q[-1] == ':') {
				colon = q - 1;
				break;
			}
		*loopback = colon && expp_addr_loopback(h, (size_t)(colon - h));
	}
	if (colon == NULL || colon + 1 >= end || end - colon > 6)
		return -1;
	for (const char *q = colon + 1; q < end; q++) {
		if (*q < '0' || *q > '9')
			return -1;
		port = port * 10 + (*q - '0');
	}
	return port <= 65535 ? (int)port : -1;
}

/* ---- HTTP ------------------------------------------------------------------ */

int
httpparse_status(const char *buf, size_t n, int *code)
{
	size_t i = 5;
	int v = 0;

	if (n < 12 || memcmp(buf, "HTTP/", 5) != 0)
		return RM_EPARSE;
	/* "1.0", "1.1" or "2" */
	if (buf[i] < '0' || buf[i] > '9')
		return RM_EPARSE;
	i++;
	if (i < n && buf[i] == '.') {
		i++;
		if (i >= n || buf[i] < '0' || buf[i] > '9')
			return RM_EPARSE;
		i++;
	}
	if (i >= n || buf[i] != ' ')
		return RM_EPARSE;
	while (i < n && buf[i] == ' ')
		i++;
	if (n - i < 3)
		return RM_EPARSE;
	for (int k = 0; k < 3; k++, i++) {
		if (buf[i] < '0' || buf[i] > '9')
			return RM_EPARSE;
		v = v * 10 + (buf[i] - '0');
	}
	if (i < n && buf[i] != ' ' && buf[i] != '\r' && buf[i] != '\n')
		return RM_EPARSE;
	if (v < 100 || v > 599)
		return RM_EPARSE;
	*code = v;
	return RM_OK;
}

bool
httpparse_header(const char *buf, size_t n, const char *name, char *out,
		 size_t outcap)
{
	const char *p = buf, *end = buf + n;
	size_t nl = strlen(name);
	bool first = true;

	if (outcap)
		out[0] = '\0';
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t l;

		if (e == NULL)
			e = end;
		l = (size_t)(e - p);
		if (l && p[l - 1] == '\r')
			l--;
		if (!first && l == 0)
			return false;  /* end of the head */
		if (!first && l > nl && p[nl] == ':' &&
		    strncasecmp(p, name, nl) == 0) {
			const char *v = p + nl + 1;
			size_t k = 0;

			while (v < p + l && is_space(*v))
				v++;
			for (; v < p + l && k + 1 < outcap; v++)
				if ((unsigned char)*v >= 0x20 &&
				    (unsigned char)*v < 0x7f)
					out[k++] = *v;
			if (outcap)
				out[k] = '\0';
			return true;
		}
		first = false;
		p = e + 1;
	}
	return false;
}

/* ---- clouds ------------------------------------------------------------------ */

static bool
starts(const char *s, const char *pfx)
{
	return s && strncasecmp(s, pfx, strlen(pfx)) == 0;
}

enum cloud
expp_cloud(const char *vendor, const char *product, const char *board_tag,
	   const char *chassis_tag, const char *uuid)
{
	if (starts(vendor, "Amazon EC2") || starts(product, "Amazon EC2") ||
	    (starts(board_tag, "i-") && board_tag[2] != '\0') ||
	    (starts(uuid, "ec2") && starts(product, "HVM domU")))
		return CLOUD_AWS;
	if (starts(vendor, "Google") || starts(product, "Google Compute Engine"))
		return CLOUD_GCP;
	if (starts(chassis_tag, "7783-7084-3265-9085"))
		return CLOUD_AZURE;
	return CLOUD_NONE;
}

const char *
expp_cloud_name(enum cloud c)
{
	switch (c) {
	case CLOUD_NONE: return "none";
	case CLOUD_AWS: return "aws";
	case CLOUD_GCP: return "gcp";
	case CLOUD_AZURE: return "azure";
	}
	return "?";
}
