/* netfan.c - outbound fan-out and process identity for the abuse and
 * lateral-movement detectors. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../collect/sock_parse.h"
#include "../core/sort.h"
#include "../core/xmalloc.h"
#include "detect_util.h"
#include "netfan.h"

bool
fan_owned(const struct sock *k, const struct proc *p)
{
	uint32_t n = k->nowners < RM_OWNERS_MAX ? k->nowners : RM_OWNERS_MAX;
	size_t lo = 0, hi = p->nsock_inodes;

	for (uint32_t i = 0; i < n; i++)
		if (k->owners[i] == p->pid)
			return true;
	if (k->nowners <= RM_OWNERS_MAX || k->inode == 0)
		return false;
	while (lo < hi) {  /* sock_inodes is sorted */
		size_t mid = lo + (hi - lo) / 2;

		if (p->sock_inodes[mid] == k->inode)
			return true;
		if (p->sock_inodes[mid] < k->inode)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool
fan_addr_local(const struct sock *k)
{
	static const uint8_t zero[16], v6lo[16] = { [15] = 1 };
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
	const uint8_t *a = k->raddr;

	if (k->family == AF_INET)
		return a[0] == 127 || memcmp(a, zero, 4) == 0;
	if (memcmp(a, zero, 16) == 0 || memcmp(a, v6lo, 16) == 0)
		return true;
	return memcmp(a, mapped, 12) == 0 && (a[12] == 127 ||
	    memcmp(a + 12, zero, 4) == 0);
}

struct dest {
	uint64_t netns;
	uint8_t family;
	uint8_t addr[16];
	uint16_t port;
};

static int
cmp_dest(const void *x, const void *y)
{
	const struct dest *a = x, *b = y;
	int c;

	if (a->netns != b->netns)
		return a->netns < b->netns ? -1 : 1;
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	if ((c = memcmp(a->addr, b->addr, 16)) != 0)
		return c;
	return a->port < b->port ? -1 : a->port > b->port;
}

static bool
same_host(const struct dest *a, const struct dest *b)
{
	return a->netns == b->netns && a->family == b->family &&
	    memcmp(a->addr, b->addr, 16) == 0;
}

/* ---- who holds which outbound TCP socket ---------------------------------
 *
 * fan_count() is asked up to five times per process (RM-LAT-001,
 * RM-ABU-001, RM-ABU-003 twice more); looking at every socket each time
 * was processes x sockets x 5.  The index is built once per detection
 * pass: every (pid, socket) pair where the socket is outbound-shaped TCP
 * (ESTABLISHED or SYN_SENT, peer neither loopback nor unspecified) and
 * the process owns it (fan_owned()'s rule: the owners list, or its fd
 * inodes when the list overflowed), sorted by pid then socket index, so a
 * process's sockets come in snapshot order as before.  One allocation,
 * freed by snapshot_free() or dropped by fan_index_drop(). */

struct fan_pair {
	pid_t pid;
	uint32_t sock;             /* index into s->socks */
};

_Static_assert(RM_SOCKS_MAX <= UINT32_MAX, "a socket index fits 32 bits");

struct fan_index {
	size_t n, alloc;
	struct fan_pair v[];
};

/* The snapshot is const in detectors; the index is a cache of it, filled
 * on first use.  Writing through the cast is defined: no snapshot is
 * defined const (cmd_scan's and the tests' are plain objects), and the
 * detectors run one at a time (registry.c run()), which drops the cache
 * before each pass so facts a test changed between passes are seen. */
static struct snapshot *
cache_owner(const struct snapshot *s)
{
	return (struct snapshot *)s;
}

static bool
outbound_tcp(const struct sock *k)
{
	return k->proto == IPPROTO_TCP && (k->state == 1 || k->state == 2) &&
	    !fan_addr_local(k);
}

static struct fan_index *
pair_add(struct fan_index *x, pid_t pid, size_t sock)
{
	if (x->n == x->alloc) {
		x->alloc *= 2;
		x = xreallocarray(x, 1, sizeof(*x) +
		    x->alloc * sizeof(x->v[0]));
	}
	x->v[x->n].pid = pid;
	x->v[x->n].sock = (uint32_t)sock;
	x->n++;
	return x;
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct fan_pair *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->sock < y->sock ? -1 : x->sock > y->sock;
}

struct inode_sock {
	uint64_t inode;
	uint32_t sock;
};

static int
cmp_inode_sock(const void *a, const void *b)
{
	const struct inode_sock *x = a, *y = b;

	if (x->inode != y->inode)
		return x->inode < y->inode ? -1 : 1;
	return x->sock < y->sock ? -1 : x->sock > y->sock;
}

/* Pairs of the sockets whose owners list overflowed: a process owns one
 * when its sorted fd inodes hold the socket's inode. */
static struct fan_index *
add_overflowed(const struct snapshot *s, struct fan_index *x,
	       const struct inode_sock *ov, size_t nov)
{
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *p = &s->procs[i];

		for (uint32_t j = 0; j < p->nsock_inodes; j++) {
			size_t lo = 0, hi = nov;

			while (lo < hi) {  /* the first with this inode */
				size_t mid = lo + (hi - lo) / 2;

				if (ov[mid].inode < p->sock_inodes[j])
					lo = mid + 1;
				else
					hi = mid;
			}
			for (; lo < nov && ov[lo].inode == p->sock_inodes[j];
			    lo++)
				x = pair_add(x, p->pid, ov[lo].sock);
		}
	}
	return x;
}

static const struct fan_index *
fan_index_get(const struct snapshot *s)
{
	struct fan_index *x;
	struct inode_sock *ov = NULL;
	size_t nov = 0, ovalloc = 0, w = 0;

	if (s->fan_index)
		return s->fan_index;
	x = xmalloc(sizeof(*x) + 64 * sizeof(x->v[0]));
	x->n = 0;
	x->alloc = 64;
	for (size_t i = 0; i < s->nsocks; i++) {
		const struct sock *k = &s->socks[i];
		uint32_t n = k->nowners < RM_OWNERS_MAX ? k->nowners :
		    RM_OWNERS_MAX;

		if (!outbound_tcp(k))
			continue;
		for (uint32_t j = 0; j < n; j++)
			x = pair_add(x, k->owners[j], i);
		if (k->nowners <= RM_OWNERS_MAX || k->inode == 0)
			continue;
		if (nov == ovalloc) {
			ovalloc = ovalloc ? ovalloc * 2 : 16;
			ov = xreallocarray(ov, ovalloc, sizeof(*ov));
		}
		ov[nov].inode = k->inode;
		ov[nov++].sock = (uint32_t)i;
	}
	if (nov) {
		xqsort(ov, nov, sizeof(*ov), cmp_inode_sock);
		x = add_overflowed(s, x, ov, nov);
	}
	free(ov);
	/* a pid twice in an owners list, or by both rules: once */
	xqsort(x->v, x->n, sizeof(x->v[0]), cmp_pair);
	for (size_t i = 0; i < x->n; i++)
		if (w == 0 || cmp_pair(&x->v[w - 1], &x->v[i]) != 0)
			x->v[w++] = x->v[i];
	x->n = w;
	cache_owner(s)->fan_index = x;
	return x;
}

void
fan_index_drop(const struct snapshot *s)
{
	free(s->fan_index);
	cache_owner(s)->fan_index = NULL;
}

void
fan_count(const struct snapshot *s, const struct proc *p,
	  fan_port_fn *port_ok, struct fan_view *v)
{
	const struct fan_index *x = fan_index_get(s);
	struct dest *d = NULL;
	size_t n = 0, alloc = 0, lo = 0, hi = x->n;

	memset(v, 0, sizeof(*v));
	while (lo < hi) {  /* the first pair of p */
		size_t mid = lo + (hi - lo) / 2;

		if (x->v[mid].pid < p->pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < x->n && x->v[i].pid == p->pid; i++) {
		const struct sock *k = &s->socks[x->v[i].sock];

		if (!port_ok(k->rport) || port_ok(k->lport))
			continue;
		if (n >= FAN_TRACK_MAX) {
			v->truncated = true;
			break;
		}
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 32;
			d = xreallocarray(d, alloc, sizeof(*d));
		}
		memset(&d[n], 0, sizeof(d[n]));
		d[n].netns = k->netns;
		d[n].family = k->family;
		memcpy(d[n].addr, k->raddr, 16);
		d[n].port = k->rport;
		n++;
		v->conns++;
		if (k->state == 2)
			v->syn_sent++;
		if (v->first == NULL)
			v->first = k;
		bool seen = false;
		for (uint32_t j = 0; j < v->nports && j < 16; j++)
			seen |= v->ports[j] == k->rport;
		if (!seen) {
			if (v->nports < 16)
				v->ports[v->nports] = k->rport;
			v->nports++;
		}
	}
	if (n == 0)
		return;
	xqsort(d, n, sizeof(*d), cmp_dest);
	for (size_t i = 0; i < n; i++) {
		struct sock tmp;
		char ip[INET6_ADDRSTRLEN];

		if (i && same_host(&d[i - 1], &d[i]))
			continue;
		v->hosts++;
		if (v->nsamples >= FAN_SAMPLES)
			continue;
		memset(&tmp, 0, sizeof(tmp));
		tmp.family = d[i].family;
		memcpy(tmp.raddr, d[i].addr, 16);
		sock_addr_str(&tmp, true, ip, sizeof(ip));
		snprintf(v->samples[v->nsamples++], sizeof(v->samples[0]),
		    d[i].family == AF_INET6 ? "[%s]:%u" : "%s:%u", ip,
		    (unsigned)d[i].port);
	}
	free(d);
}

void
fan_ev_counts(struct finding *f, const struct fan_view *v,
	      const char *hosts_key, const char *conns_key)
{
	finding_ev_int(f, hosts_key, v->hosts);
	finding_ev_int(f, conns_key, v->conns);
	finding_ev_int(f, "syn_sent", v->syn_sent);
	for (uint32_t i = 0; i < v->nsamples; i++)
		finding_ev_list_add(f, "destinations", v->samples[i]);
	for (uint32_t i = 0; i < v->nports && i < 16; i++) {
		char pt[8];

		snprintf(pt, sizeof(pt), "%u", (unsigned)v->ports[i]);
		finding_ev_list_add(f, "ports", pt);
	}
}

void
fan_set_destination(struct finding *f, const struct fan_view *v)
{
	char ip[64];

	if (v->first == NULL)
		return;
	sock_addr_str(v->first, true, ip, sizeof(ip));
	f->dest_ip = xstrdup(ip);
	f->dest_port = v->first->rport;
}

void
fan_ev_close(struct finding *f, const struct fan_view *v)
{
	if (v->truncated)
		finding_ev_bool(f, "truncated", true);
	fan_set_destination(f, v);
}

static const char *
base_of(const char *path)
{
	const char *b = path ? strrchr(path, '/') : NULL;

	return b ? b + 1 : path ? path : "";
}

const char *
fan_exe_base(const struct proc *p, char *out, size_t outlen)
{
	char path[4096];

	if (p->exe == NULL || outlen == 0) {
		if (outlen)
			out[0] = '\0';
		return out;
	}
	path_strip_deleted(p->exe, path, sizeof(path));
	snprintf(out, outlen, "%s", base_of(path));
	return out;
}

const char *
fan_argv0_base(const struct proc *p, char *out, size_t outlen)
{
	const char *a = p->argv0 ? p->argv0 : "";
	size_t n = strcspn(a, " ");  /* argv0 alone, never argv[1] */
	const char *b = a;

	for (size_t i = 0; i < n; i++)
		if (a[i] == '/')
			b = a + i + 1;
	n -= (size_t)(b - a);
	if (outlen == 0)
		return out;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, b, n);
	out[n] = '\0';
	return out;
}

bool
fan_system_exe(const struct proc *p)
{
	return proc_exe_place(p, NULL) == EXE_PLACE_SYSTEM;
}

static bool
in_list(const char *name, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

bool
fan_system_prog(const struct proc *p, const char *const *names)
{
	char b[256];

	return fan_system_exe(p) && in_list(fan_exe_base(p, b, sizeof(b)),
	    names);
}

bool
fan_odd_exe(const struct proc *p, const char **why)
{
	return proc_exe_place(p, why) == EXE_PLACE_ODD;
}

bool
fan_interpreter(const struct proc *p)
{
	static const char *const pre[] = {
		"perl", "python", "php", "ruby", "node", "lua", "bash", "sh",
		"dash", "zsh", "ash", "busybox", "tclsh", NULL,
	};
	char b[256];

	fan_exe_base(p, b, sizeof(b));
	for (int i = 0; pre[i]; i++) {
		size_t n = strlen(pre[i]);

		/* perl5.36, python3.11, php8.2, node18: a version suffix */
		if (strncmp(b, pre[i], n) == 0 && (b[n] == '\0' ||
		    (b[n] >= '0' && b[n] <= '9') || b[n] == '-'))
			return true;
	}
	return false;
}

const char *
fan_script_odd(const struct proc *p, size_t *len)
{
	const char *c = p->cmdline;

	if (c == NULL)
		return NULL;
	c += strcspn(c, " ");  /* past argv0 */
	while (*c) {
		size_t n;

		c += strspn(c, " ");
		n = strcspn(c, " ");
		if (n > 1 && n < 4096 && c[0] == '/') {
			char tok[4096], norm[4096];
			enum path_class pc;

			memcpy(tok, c, n);
			tok[n] = '\0';
			path_normalize(tok, norm, sizeof(norm));
			pc = path_classify(norm);
			if (pc != PATH_OTHER && pc != PATH_HIDDEN_HOME) {
				*len = n;
				return c;
			}
			return NULL;  /* the first path is the script */
		}
		c += n;
	}
	return NULL;
}

bool
fan_named(const struct proc *p, const char *const *names)
{
	char b[256];

	if (in_list(fan_exe_base(p, b, sizeof(b)), names))
		return true;
	if (p->comm && in_list(p->comm, names))
		return true;
	return in_list(fan_argv0_base(p, b, sizeof(b)), names);
}
