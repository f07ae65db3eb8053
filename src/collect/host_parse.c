/* host_parse.c - meminfo, kmsg, sysctl and hosts parsers. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "../core/limits.h"
#include "../core/xmalloc.h"
#include "host_parse.h"

static bool
digits(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;

	while (*p < end && **p >= '0' && **p <= '9') {
		if (x > (UINT64_MAX - 9) / 10)
			return false;
		x = x * 10 + (uint64_t)(**p - '0');
		(*p)++;
	}
	*v = x;
	return *p > s;
}

void
hostparse_meminfo(const char *buf, size_t len, int64_t *total,
		  int64_t *free_pages, int64_t *page_kb)
{
	static const char *const keys[] = {
		"HugePages_Total:", "HugePages_Free:", "Hugepagesize:",
	};
	int64_t *dst[] = { total, free_pages, page_kb };
	const char *p = buf, *end = buf + len;

	*total = *free_pages = *page_kb = -1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		for (int k = 0; k < 3; k++) {
			size_t kl = strlen(keys[k]);
			const char *q = p + kl;
			uint64_t v;

			if ((size_t)(le - p) <= kl || memcmp(p, keys[k], kl))
				continue;
			while (q < le && (*q == ' ' || *q == '\t'))
				q++;
			if (digits(&q, le, &v) && v < INT64_MAX)
				*dst[k] = (int64_t)v;
		}
		p = nl ? nl + 1 : end;
	}
}

static const char *
memmem_last(const char *h, size_t hl, const char *n, size_t nl)
{
	const char *last = NULL, *p = h;

	while (hl >= nl) {
		const char *q = memmem(p, hl, n, nl);

		if (q == NULL)
			break;
		last = q;
		hl -= (size_t)(q - p) + 1;
		p = q + 1;
	}
	return last;
}

bool
hostparse_kmsg_msr(const char *rec, size_t len, uint32_t *msr,
		   const char **comm, size_t *commlen, int64_t *pid,
		   uint64_t *usec)
{
	static const char key[] = "Write to unrecognized MSR 0x";
	const char *end = rec + len, *semi, *p, *by, *pp;
	uint64_t v, ts = 0;
	int field = 0;

	/* the prefix "prio,seq,usec,flags;" gives the timestamp */
	semi = memchr(rec, ';', len);
	if (semi == NULL)
		return false;
	for (p = rec; p < semi && field < 2; p++)
		if (*p == ',')
			field++;
	if (field == 2)
		digits(&p, semi, &ts);
	*usec = ts;
	p = memmem(semi, (size_t)(end - semi), key, sizeof(key) - 1);
	if (p == NULL)
		return false;
	p += sizeof(key) - 1;
	v = 0;
	{
		const char *s = p;

		while (p < end && ((*p >= '0' && *p <= '9') ||
		    (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F'))) {
			int d = *p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10;

			if (v > 0xffffffffu)
				return false;
			v = v << 4 | (uint64_t)d;
			p++;
		}
		if (p == s || v > 0xffffffffu)
			return false;
	}
	*msr = (uint32_t)v;
	if ((size_t)(end - p) < 4 || memcmp(p, " by ", 4) != 0)
		return false;
	by = p + 4;
	pp = memmem_last(by, (size_t)(end - by), " (pid: ", 7);
	if (pp == NULL)
		return false;
	*comm = by;
	*commlen = (size_t)(pp - by);
	p = pp + 7;
	if (!digits(&p, end, &v) || v > INT32_MAX || p >= end || *p != ')')
		return false;
	*pid = (int64_t)v;
	return true;
}

/* Keys (normalised to dots) that miner setup scripts persist. */
static const char *
sysctl_key(const char *k, size_t n)
{
	static const char *const keys[] = {
		"vm.nr_hugepages", "kernel.nmi_watchdog",
		"vm.nr_overcommit_hugepages", NULL,
	};
	char norm[64];

	if (n == 0 || n >= sizeof(norm) || memchr(k, '\0', n))
		return NULL;
	for (size_t i = 0; i < n; i++)
		norm[i] = k[i] == '/' ? '.' : k[i];
	norm[n] = '\0';
	for (int i = 0; keys[i]; i++)
		if (strcmp(norm, keys[i]) == 0)
			return keys[i];
	return NULL;
}

void
hostparse_sysctl(const char *buf, size_t len, const char *path,
		 struct arena *a, struct sysctl_line **v, uint32_t *n,
		 uint32_t *alloc)
{
	const char *p = buf, *end = buf + len;
	const char *apath = NULL;
	uint32_t lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = p, *eq, *ke, *vs, *ve;
		const char *key;

		p = nl ? nl + 1 : end;
		lineno++;
		while (s < le && (*s == ' ' || *s == '\t' || *s == '-'))
			s++;  /* a leading '-' means "ignore errors" */
		if (s >= le || *s == '#' || *s == ';')
			continue;
		eq = memchr(s, '=', (size_t)(le - s));
		if (eq == NULL)
			continue;
		ke = eq;
		while (ke > s && (ke[-1] == ' ' || ke[-1] == '\t'))
			ke--;
		vs = eq + 1;
		while (vs < le && (*vs == ' ' || *vs == '\t'))
			vs++;
		ve = le;
		while (ve > vs && (ve[-1] == ' ' || ve[-1] == '\t' ||
		    ve[-1] == '\r'))
			ve--;
		if ((key = sysctl_key(s, (size_t)(ke - s))) == NULL)
			continue;
		if (*n >= 1024)
			return;
		if (*n == *alloc) {
			struct sysctl_line *nv;

			*alloc = *alloc ? *alloc * 2 : 8;
			nv = arena_alloc(a, *alloc * sizeof(**v));
			if (*n)
				memcpy(nv, *v, *n * sizeof(**v));
			*v = nv;
		}
		if (apath == NULL)
			apath = arena_strdup(a, path);
		(*v)[*n].path = apath;
		(*v)[*n].line = lineno;
		(*v)[*n].key = key;
		(*v)[*n].value = arena_strndup(a, vs, (size_t)(ve - vs) > 64 ?
		    64 : (size_t)(ve - vs));
		(*n)++;
	}
}

const char *
hostparse_pool_name(const struct host *h, const struct ioc *io,
		    uint8_t family, const uint8_t *addr)
{
	size_t alen = family == AF_INET ? 4 : 16;

	for (uint32_t i = 0; io && i < h->nhosts; i++) {
		const struct hosts_entry *e = &h->hosts[i];

		if (e->family == family && !hostparse_sink_addr(e->addr,
		    e->family) && memcmp(e->addr, addr, alen) == 0 &&
		    ioc_pool_domain(io, e->name))
			return e->name;
	}
	return NULL;
}

bool
hostparse_sink_addr(const uint8_t *a, uint8_t family)
{
	static const uint8_t zero[16];
	static const uint8_t one[16] = { [15] = 1 };

	if (family == AF_INET)
		return a[0] == 127 || memcmp(a, zero, 4) == 0;
	return memcmp(a, zero, 16) == 0 || memcmp(a, one, 16) == 0;
}

void
hostparse_hosts(const char *buf, size_t len, struct arena *a,
		struct hosts_entry **v, uint32_t *n, uint32_t *alloc)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = p, *hash;
		char addr[64];
		uint8_t bin[16];
		uint8_t fam;
		size_t al;

		p = nl ? nl + 1 : end;
		if ((hash = memchr(s, '#', (size_t)(le - s))) != NULL)
			le = hash;
		while (s < le && (*s == ' ' || *s == '\t'))
			s++;
		al = 0;
		while (s + al < le && s[al] != ' ' && s[al] != '\t')
			al++;
		if (al == 0 || al >= sizeof(addr))
			continue;
		memcpy(addr, s, al);
		addr[al] = '\0';
		memset(bin, 0, sizeof(bin));
		if (inet_pton(AF_INET, addr, bin) == 1)
			fam = AF_INET;
		else if (inet_pton(AF_INET6, addr, bin) == 1)
			fam = AF_INET6;
		else
			continue;
		s += al;
		for (;;) {
			const char *nm;
			size_t l;

			while (s < le && (*s == ' ' || *s == '\t' || *s == '\r'))
				s++;
			if (s >= le)
				break;
			nm = s;
			while (s < le && *s != ' ' && *s != '\t' && *s != '\r')
				s++;
			l = (size_t)(s - nm);
			if (l > 253 || *n >= 65536)
				continue;
			if (*n == *alloc) {
				struct hosts_entry *nv;

				*alloc = *alloc ? *alloc * 2 : 16;
				nv = arena_alloc(a, *alloc * sizeof(**v));
				if (*n)
					memcpy(nv, *v, *n * sizeof(**v));
				*v = nv;
			}
			memcpy((*v)[*n].addr, bin, 16);
			(*v)[*n].family = fam;
			(*v)[*n].name = arena_strndup(a, nm, l);
			(*n)++;
		}
	}
}

/* ---- mounts over /proc/PID ------------------------------------------------- */

#define PROC_MOUNTS_MAX 64

/* Field i (0-based, space-separated) of [p, e), octal escapes decoded
 * into dst (cap bytes).  False when the line has fewer fields. */
static bool
mi_field(const char *p, const char *e, int i, char *dst, size_t cap)
{
	size_t k = 0;

	for (; i > 0 && p < e; i--) {
		while (p < e && *p != ' ')
			p++;
		if (p < e)
			p++;
	}
	if (p >= e)
		return false;
	while (p < e && *p != ' ') {
		char c = *p++;

		if (c == '\\' && e - p >= 3 && p[0] >= '0' && p[0] <= '3' &&
		    p[1] >= '0' && p[1] <= '7' && p[2] >= '0' && p[2] <= '7') {
			c = (char)((p[0] - '0') << 6 | (p[1] - '0') << 3 |
			    (p[2] - '0'));
			p += 3;
		}
		if (k + 1 < cap)
			dst[k++] = c;
	}
	dst[k] = '\0';
	return true;
}

uint32_t
hostparse_proc_mounts(const char *buf, size_t len, struct arena *a,
		      struct proc_mount **out, uint32_t *n)
{
	const char *p = buf, *end = buf + len;
	uint32_t bad = 0;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *sep;
		char mp[512], root[512], fstype[64], source[256];
		const char *d;
		int64_t pid = 0;
		struct proc_mount *nv;

		if (e == NULL)
			e = end;
		if (!mi_field(p, e, 4, mp, sizeof(mp)) ||
		    !mi_field(p, e, 3, root, sizeof(root))) {
			if (e > p)
				bad++;
			p = e + 1;
			continue;
		}
		if (strncmp(mp, "/proc/", 6) != 0 || mp[6] < '0' ||
		    mp[6] > '9') {
			p = e + 1;
			continue;
		}
		for (d = mp + 6; *d >= '0' && *d <= '9' && pid < (1 << 30); d++)
			pid = pid * 10 + (*d - '0');
		/* a pid is at most PID_MAX_LIMIT (2^22) */
		if ((*d != '\0' && *d != '/') || pid <= 0 || pid > (1 << 22) ||
		    *n >= PROC_MOUNTS_MAX) {
			p = e + 1;
			continue;
		}
		/* after the optional fields: " - fstype source options" */
		fstype[0] = source[0] = '\0';
		sep = p;
		while ((sep = memchr(sep, '-', (size_t)(e - sep))) != NULL) {
			if (sep > p && sep[-1] == ' ' && sep + 1 < e &&
			    sep[1] == ' ') {
				mi_field(sep + 2, e, 0, fstype, sizeof(fstype));
				mi_field(sep + 2, e, 1, source, sizeof(source));
				break;
			}
			sep++;
		}
		nv = arena_alloc(a, (*n + 1) * sizeof(*nv));
		if (*n)
			memcpy(nv, *out, *n * sizeof(*nv));
		nv[*n].pid = (int32_t)pid;
		nv[*n].mount_point = arena_strdup(a, mp);
		nv[*n].root = arena_strdup(a, root);
		nv[*n].fstype = arena_strdup(a, fstype);
		nv[*n].source = arena_strdup(a, source);
		*out = nv;
		(*n)++;
		p = e + 1;
	}
	return bad;
}
