/* proc_parse.c - parsers for /proc/PID/{stat,status,cgroup,...}. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../core/err.h"
#include "proc_parse.h"

/* Read an unsigned decimal at *p; advance past it. */
static bool
num_u64(const char **p, const char *end, uint64_t *v)
{
	uint64_t x = 0;
	const char *s = *p;

	if (s >= end || *s < '0' || *s > '9')
		return false;
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		if (x > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return false;
		x = x * 10 + (uint64_t)(*s - '0');
	}
	*p = s;
	*v = x;
	return true;
}

static bool
num_i64(const char **p, const char *end, int64_t *v)
{
	const char *save = *p;
	bool neg = false;
	uint64_t x;

	if (*p < end && **p == '-') {
		neg = true;
		(*p)++;
	}
	if (!num_u64(p, end, &x) || x > (uint64_t)INT64_MAX) {
		*p = save;
		return false;
	}
	*v = neg ? -(int64_t)x : (int64_t)x;
	return true;
}

static void
skip_spaces(const char **p, const char *end)
{
	while (*p < end && **p == ' ')
		(*p)++;
}

int
procparse_stat(const char *buf, size_t len, struct stat_fields *out)
{
	const char *end = buf + len, *open, *close, *p;
	uint64_t u;
	int64_t i;

	memset(out, 0, sizeof(*out));
	open = memchr(buf, '(', len);
	if (open == NULL)
		return RM_EPARSE;
	close = NULL;
	for (p = end; p > open; p--)
		if (p[-1] == ')') {
			close = p - 1;
			break;
		}
	if (close == NULL || close <= open)
		return RM_EPARSE;
	out->comm = open + 1;
	out->comm_len = (size_t)(close - open - 1);
	p = close + 1;
	/* field 3: state */
	skip_spaces(&p, end);
	if (p >= end)
		return RM_EPARSE;
	out->state = *p++;
	/* fields 4.. are numbers separated by single spaces */
	for (int field = 4; field <= 24; field++) {
		skip_spaces(&p, end);
		if (!num_i64(&p, end, &i)) {
			/* some fields can be negative; reparse unsigned big */
			if (!num_u64(&p, end, &u))
				return RM_EPARSE;
			i = (int64_t)(u & INT64_MAX);
		} else {
			u = (uint64_t)i;
		}
		switch (field) {
		case 4: out->ppid = i; break;
		case 9: out->flags = (uint32_t)u; break;
		case 14: out->utime = u; break;
		case 15: out->stime = u; break;
		case 16: out->cutime = i > 0 ? (uint64_t)i : 0; break;
		case 17: out->cstime = i > 0 ? (uint64_t)i : 0; break;
		case 19: out->nice = i; break;
		case 20: out->threads = u; break;
		case 22: out->start_ticks = u; break;
		case 23: out->vsize = u; break;
		case 24: out->rss_pages = i; break;
		}
	}
	return RM_OK;
}

/* Find the line starting with key (including the colon) in buf. */
static const char *
status_line(const char *buf, size_t len, const char *key, const char **eol)
{
	size_t kl = strlen(key);
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if ((size_t)(le - p) >= kl && memcmp(p, key, kl) == 0) {
			*eol = le;
			return p + kl;
		}
		p = nl ? nl + 1 : end;
	}
	return NULL;
}

static bool
two_ids(const char *p, const char *eol, uint32_t *a, uint32_t *b)
{
	uint64_t x, y;

	while (p < eol && (*p == '\t' || *p == ' '))
		p++;
	if (!num_u64(&p, eol, &x))
		return false;
	while (p < eol && (*p == '\t' || *p == ' '))
		p++;
	if (!num_u64(&p, eol, &y))
		return false;
	if (x > UINT32_MAX || y > UINT32_MAX)
		return false;
	*a = (uint32_t)x;
	*b = (uint32_t)y;
	return true;
}

static bool
kb_value(const char *p, const char *eol, uint64_t *v)
{
	while (p < eol && (*p == '\t' || *p == ' '))
		p++;
	return num_u64(&p, eol, v);
}

int
procparse_status(const char *buf, size_t len, struct status_fields *out)
{
	const char *p, *eol;

	memset(out, 0, sizeof(*out));
	if ((p = status_line(buf, len, "Uid:", &eol)) != NULL)
		out->has_uid = two_ids(p, eol, &out->ruid, &out->euid);
	if ((p = status_line(buf, len, "Gid:", &eol)) != NULL)
		out->has_gid = two_ids(p, eol, &out->rgid, &out->egid);
	if ((p = status_line(buf, len, "VmRSS:", &eol)) != NULL)
		kb_value(p, eol, &out->rss_kb);
	if ((p = status_line(buf, len, "HugetlbPages:", &eol)) != NULL)
		kb_value(p, eol, &out->hugetlb_kb);
	return out->has_uid ? RM_OK : RM_EPARSE;
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* The last run of exactly 64 hex digits in [p, end). */
static bool
find_cid(const char *p, const char *end, char cid[65])
{
	bool found = false;

	while (p < end) {
		const char *s = p;

		while (p < end && is_hex(*p))
			p++;
		if (p - s == 64) {
			memcpy(cid, s, 64);
			cid[64] = '\0';
			for (int k = 0; k < 64; k++)
				cid[k] = (char)tolower((unsigned char)cid[k]);
			found = true;
		}
		if (p < end && !is_hex(*p))
			p++;
	}
	return found;
}

int
procparse_cgroup(const char *buf, size_t len, const char **path,
		 size_t *plen, char cid[65])
{
	const char *p = buf, *end = buf + len;
	const char *v1 = NULL, *v2 = NULL;
	size_t v1len = 0, v2len = 0;

	cid[0] = '\0';
	*path = "/";
	*plen = 1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *c1 = memchr(p, ':', (size_t)(le - p));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(le - c1 - 1))
		    : NULL;

		if (c2) {
			const char *cp = c2 + 1;
			size_t cl = (size_t)(le - cp);
			bool root = cl == 1 && *cp == '/';

			find_cid(cp, le, cid);
			if (c1 - p == 1 && *p == '0' && c2 == c1 + 1) {
				if (!root && cl) {
					v2 = cp;
					v2len = cl;
				}
			} else if (v1 == NULL && !root && cl) {
				v1 = cp;
				v1len = cl;
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (v2) {
		*path = v2;
		*plen = v2len;
	} else if (v1) {
		*path = v1;
		*plen = v1len;
	}
	return RM_OK;
}

bool
procparse_ns_link(const char *s, uint64_t *ino)
{
	const char *b = strchr(s, '['), *p;

	if (b == NULL)
		return false;
	p = b + 1;
	if (!num_u64(&p, p + strlen(p), ino))
		return false;
	return *p == ']' && p[1] == '\0';
}

bool
procparse_socket_link(const char *s, uint64_t *ino)
{
	if (strncmp(s, "socket:[", 8) != 0)
		return false;
	return procparse_ns_link(s, ino);
}

bool
procparse_is_msr(const char *s)
{
	const char *p;
	uint64_t n;

	if (strncmp(s, "/dev/cpu/", 9) != 0)
		return false;
	p = s + 9;
	if (!num_u64(&p, p + strlen(p), &n))
		return false;
	return strcmp(p, "/msr") == 0;
}

void
cmdscan_init(struct cmdscan *c, char *out, size_t keep)
{
	memset(c, 0, sizeof(*c));
	c->out = out;
	c->keep = keep;
	c->in_argv0 = true;
	out[0] = '\0';
}

void
cmdscan_feed(struct cmdscan *c, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char ch = p[i];

		if (ch == '\0') {
			c->argc++;
			c->pending_arg = false;
			if (c->in_argv0) {
				c->argv0_len = c->len;
				c->in_argv0 = false;
			}
			ch = ' ';
		} else {
			c->pending_arg = true;
		}
		if (c->len < c->keep)
			c->out[c->len++] = ch;
	}
}

void
cmdscan_finish(struct cmdscan *c)
{
	if (c->pending_arg)
		c->argc++;
	if (c->in_argv0)
		c->argv0_len = c->len;
	/* drop the separator the final NUL turned into */
	while (c->len > 0 && c->out[c->len - 1] == ' ' && c->len > c->argv0_len)
		c->len--;
	c->out[c->len] = '\0';
}

struct word {
	const char *w;
	size_t n;
};
#define W(x) { x, sizeof(x) - 1 }

/* Case-insensitive compare of [s, s+n) with the upper-case word w. */
static bool
word_eq(const char *s, size_t n, const struct word *w)
{
	if (n != w->n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (toupper((unsigned char)s[i]) != w->w[i])
			return false;
	return true;
}

bool
procparse_env_interesting(const char *name, size_t n)
{
	static const struct word exact[] = {
		W("LD_PRELOAD"), W("LD_AUDIT"), W("LD_LIBRARY_PATH"),
		W("HISTFILE"), W("HISTSIZE"), W("HISTFILESIZE"),
		W("GOOGLE_APPLICATION_CREDENTIALS"), W("MYSQL_PWD"),
		W("PGPASSFILE"), W("RESTIC_REPOSITORY"),
		/* gsocket: its secret and options (gs-netcat, deploy.sh) */
		W("GS_ARGS"), W("GSOCKET_ARGS"), W("GS_SECRET"),
		W("GS_HOST"), W("GS_PORT"),
	};
	static const struct word words[] = {
		W("SECRET"), W("SECRETS"), W("PASSWORD"), W("PASSWD"),
		W("PASS"), W("TOKEN"), W("CREDENTIAL"), W("CREDENTIALS"),
		W("APIKEY"),
	};
	static const struct word keyed[] = {
		W("API"), W("ACCESS"), W("PRIVATE"), W("AUTH"), W("SECRET"),
		W("ENCRYPTION"), W("SIGNING"), W("MASTER"),
	};
	static const struct word key = W("KEY");
	const char *prev = NULL;
	size_t prevlen = 0;

	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (exact[i].n == n && memcmp(exact[i].w, name, n) == 0)
			return true;
	if (n > 8 && memcmp(name, "GSOCKET_", 8) == 0)
		return true;
	for (size_t i = 0; i < n;) {
		const char *us = memchr(name + i, '_', n - i);
		size_t j = us ? (size_t)(us - name) : n, wl = j - i;

		/* every word we look for is 3 to 11 bytes long */
		if (wl >= 3 && wl <= 11) {
			for (size_t k = 0; k < sizeof(words) / sizeof(words[0]);
			    k++)
				if (word_eq(name + i, wl, &words[k]))
					return true;
			if (prev && word_eq(name + i, wl, &key))
				for (size_t k = 0;
				    k < sizeof(keyed) / sizeof(keyed[0]); k++)
					if (word_eq(prev, prevlen, &keyed[k]))
						return true;
		}
		prev = name + i;
		prevlen = wl;
		i = j + 1;
	}
	return false;
}

void
envscan_init(struct envscan *e, char *valbuf, size_t keep, envscan_fn *cb,
	     void *arg)
{
	memset(e, 0, sizeof(*e));
	e->val = valbuf;
	e->keep = keep;
	e->cb = cb;
	e->arg = arg;
}

static void
env_end(struct envscan *e)
{
	if (e->in_value && e->wanted)
		e->cb(e->name, e->nlen, e->val, e->vkept, e->vlen, e->arg);
	e->nlen = e->vkept = e->vlen = 0;
	e->name_overflow = e->in_value = e->wanted = false;
}

void
envscan_feed(struct envscan *e, const char *p, size_t n)
{
	const char *end = p + n;

	while (p < end) {
		if (e->in_value) {
			/* most values are not wanted: skip to the NUL */
			const char *z = memchr(p, '\0', (size_t)(end - p));
			size_t l = (size_t)((z ? z : end) - p);

			if (e->wanted && e->vkept < e->keep) {
				size_t c = e->keep - e->vkept < l ?
				    e->keep - e->vkept : l;

				memcpy(e->val + e->vkept, p, c);
				e->vkept += c;
			}
			e->vlen += l;
			p += l;
			if (z) {
				env_end(e);
				p++;
			}
			continue;
		}
		if (*p == '\0') {
			env_end(e);
		} else if (*p == '=') {
			e->in_value = true;
			e->wanted = !e->name_overflow && e->nlen &&
			    procparse_env_interesting(e->name, e->nlen);
		} else if (e->nlen < ENVSCAN_NAME_MAX) {
			e->name[e->nlen++] = *p;
		} else {
			e->name_overflow = true;
		}
		p++;
	}
}

void
envscan_finish(struct envscan *e)
{
	if (e->nlen || e->in_value)
		env_end(e);
}


/* Private anonymous mappings: writable ones hold parsed network messages
 * and the current job (the heap first); read-only and executable ones hold
 * what a packer (UPX) unpacked, strings included.  Huge regions (the
 * RandomX dataset) are skipped. */
size_t
procparse_maps(const char *buf, size_t len, uint64_t skip_over,
	       struct maps_region *v, size_t max)
{
	const char *p = buf, *end = buf + len;
	size_t n = 0;

	while (p < end && n < max) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		unsigned long long a, b, ino;
		char line[512], perms[5], path[64];
		size_t ll = (size_t)(le - p);
		int k;

		/* one line at a time: sscanf would read an unnamed mapping's
		 * missing path from the next line */
		if (ll >= sizeof(line))
			ll = sizeof(line) - 1;
		memcpy(line, p, ll);
		line[ll] = '\0';
		p = nl ? nl + 1 : end;
		path[0] = '\0';
		k = sscanf(line, "%llx-%llx %4s %*s %*s %llu %63s", &a, &b,
		    perms, &ino, path);
		if (k < 4 || b <= a || strlen(perms) != 4 ||
		    perms[0] != 'r' || perms[3] != 'p' ||
		    ino != 0)
			continue;
		if (path[0] && strcmp(path, "[heap]") != 0 &&
		    strncmp(path, "[anon", 5) != 0)
			continue;  /* [stack], [vvar], ... */
		if (b - a > skip_over)
			continue;
		v[n].start = a;
		v[n].end = b;
		v[n].rank = strcmp(path, "[heap]") == 0 ? 0 : perms[1] == 'w' ?
		    1 : 2;
		n++;
	}
	return n;
}

