/*
 * sock.c - the socket collector: TCP and UDP over IPv4 and IPv6, in every
 * network namespace a process (or an `ip netns` file) holds.
 *
 * Per namespace it asks the kernel over NETLINK_SOCK_DIAG (which also gives
 * TCP byte counters).  A netlink socket answers for the namespace it was
 * created in, so for a foreign namespace the collector setns()es in just
 * long enough to create the socket, then returns (needs CAP_SYS_ADMIN).
 * Without that, it reads /proc/PID/net/{tcp,tcp6,udp,udp6} of a process in
 * the namespace instead.  Raw IP and packet sockets (ping, DHCP clients,
 * sniffers - and SYN scanners and DDoS bots) are read from a member
 * process's /proc/PID/net/{raw,raw6,packet}, the same text in every
 * kernel, into s->raw_socks.  Owners come from the process pass's fd sweep
 * (socket inode -> pids), so no second walk of every /proc/PID/fd is needed.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "rawsock_parse.h"
#include "sock_parse.h"
#include "../core/sort.h"

struct sockvec {
	struct sock *v;
	size_t n, alloc;
	bool full;
};

static int
push_sock(const struct sock *k, void *arg)
{
	struct sockvec *sv = arg;

	if (sv->n >= RM_SOCKS_MAX) {
		sv->full = true;
		return 1;
	}
	if (sv->n == sv->alloc) {
		sv->alloc = sv->alloc ? sv->alloc * 2 : 256;
		sv->v = xreallocarray(sv->v, sv->alloc, sizeof(*sv->v));
	}
	sv->v[sv->n++] = *k;
	return 0;
}

/* One sock_diag dump of family/proto on an open netlink socket. */
static int
diag_dump(int nl, int family, uint8_t proto, uint64_t netns,
	  struct sockvec *sv)
{
	struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
	} req;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	static char buf[RM_NETLINK_BUF];
	bool done = false;
	int r = RM_OK;

	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = sizeof(req);
	req.h.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = 1;
	req.r.sdiag_family = (uint8_t)family;
	req.r.sdiag_protocol = proto;
	req.r.idiag_states = ~0u;
	if (proto == IPPROTO_TCP)
		req.r.idiag_ext = 1 << (INET_DIAG_INFO - 1);
	if (sendto(nl, &req, sizeof(req), 0, (struct sockaddr *)&sa,
	    sizeof(sa)) < 0)
		return rm_from_errno(errno);
	while (!done) {
		ssize_t n = recv(nl, buf, sizeof(buf), 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return rm_from_errno(errno);
		}
		if (n == 0)
			break;
		r = sockparse_diag(buf, (size_t)n, netns, proto, push_sock, sv,
		    &done);
		if (r != RM_OK || sv->full)
			break;
	}
	return r;
}

static int
diag_all(int nl, uint64_t netns, struct sockvec *sv)
{
	static const int fam[] = { AF_INET, AF_INET6 };
	static const uint8_t pro[] = { IPPROTO_TCP, IPPROTO_UDP };
	int r, bad = RM_OK;

	for (int f = 0; f < 2; f++)
		for (int p = 0; p < 2; p++) {
			r = diag_dump(nl, fam[f], pro[p], netns, sv);
			/* a kernel without IPv6 or udp_diag answers ENOENT */
			if (r != RM_OK && r != RM_ENOENT && r != RM_ENOTSUP)
				bad = r;
		}
	return bad;
}

static int
procnet_all(int procfd, pid_t pid, uint64_t netns, struct sockvec *sv,
	    struct snapshot *s)
{
	static const struct {
		const char *file;
		int family;
		uint8_t proto;
	} t[] = {
		{ "net/tcp", AF_INET, IPPROTO_TCP },
		{ "net/tcp6", AF_INET6, IPPROTO_TCP },
		{ "net/udp", AF_INET, IPPROTO_UDP },
		{ "net/udp6", AF_INET6, IPPROTO_UDP },
	};
	char name[16];
	int dfd, ok = 0;

	snprintf(name, sizeof(name), "%d", (int)pid);
	dfd = openat(procfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (dfd < 0)
		return rm_from_errno(errno);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct buf b;
		int fd = openat(dfd, t[i].file, O_RDONLY | O_CLOEXEC);
		char chunk[65536];
		ssize_t n;

		if (fd < 0)
			continue;
		buf_init(&b, 256u << 20);
		while ((n = read(fd, chunk, sizeof(chunk))) > 0)
			if (buf_append(&b, chunk, (size_t)n) != RM_OK)
				break;
		close(fd);
		if (b.data) {
			if (sockparse_procnet(b.data, b.len, t[i].family,
			    t[i].proto, netns, push_sock, sv) == RM_EPARSE)
				s->parse_errors++;
			ok++;
		}
		buf_free(&b);
	}
	close(dfd);
	return ok ? RM_OK : RM_ENOENT;
}

struct rawvec {
	struct raw_sock *v;
	size_t n, alloc;
	bool full;
};

static int
push_raw(const struct raw_sock *k, void *arg)
{
	struct rawvec *rv = arg;

	if (rv->n >= RM_RAW_SOCKS_MAX) {
		rv->full = true;
		return 1;
	}
	if (rv->n == rv->alloc) {
		rv->alloc = rv->alloc ? rv->alloc * 2 : 16;
		rv->v = xreallocarray(rv->v, rv->alloc, sizeof(*rv->v));
	}
	rv->v[rv->n++] = *k;
	return 0;
}

/* The raw and packet socket tables of the namespace pid lives in. */
static int
raw_all(int procfd, pid_t pid, uint64_t netns, struct rawvec *rv,
	struct snapshot *s)
{
	static const struct {
		const char *file;
		int family;
	} t[] = {
		{ "net/raw", AF_INET },
		{ "net/raw6", AF_INET6 },
		{ "net/packet", AF_PACKET },
	};
	char name[16];
	int dfd, ok = 0;

	snprintf(name, sizeof(name), "%d", (int)pid);
	dfd = openat(procfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (dfd < 0)
		return rm_from_errno(errno);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]) && !rv->full; i++) {
		struct buf b;
		int fd = openat(dfd, t[i].file, O_RDONLY | O_CLOEXEC);
		char chunk[16384];
		ssize_t n;
		int r;

		if (fd < 0)
			continue;
		buf_init(&b, RM_RAW_TABLE_MAX);
		while ((n = read(fd, chunk, sizeof(chunk))) > 0)
			if (buf_append(&b, chunk, (size_t)n) != RM_OK)
				break;
		close(fd);
		if (b.data) {
			r = t[i].family == AF_PACKET ?
			    rawparse_packet(b.data, b.len, netns, push_raw, rv) :
			    rawparse_inet(b.data, b.len, t[i].family, netns,
			    push_raw, rv);
			if (r == RM_EPARSE)
				s->parse_errors++;
		}
		ok++;
		buf_free(&b);
	}
	close(dfd);
	return ok ? RM_OK : RM_ENOENT;
}

static int
cmp_netns(const void *a, const void *b)
{
	const struct netns *x = a, *y = b;

	if (x->inode != y->inode)
		return x->inode < y->inode ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

struct nslist {
	struct netns *v;
	size_t n, alloc;
	int dfd;
	struct arena *a;
};

static void
ns_push(struct nslist *l, uint64_t inode, pid_t pid, const char *name)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 64;
		l->v = xreallocarray(l->v, l->alloc, sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	l->v[l->n].inode = inode;
	l->v[l->n].pid = pid;
	l->v[l->n].name = name;
	l->n++;
}

/* An `ip netns add` namespace: a bind-mounted nsfs file in /run/netns. */
static int
add_named(const char *nm, unsigned char type, void *arg)
{
	struct nslist *l = arg;
	struct stat st;

	(void)type;
	if (fstatat(l->dfd, nm, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode))
		ns_push(l, (uint64_t)st.st_ino, 0, arena_strdup(l->a, nm));
	return 0;
}

/*
 * Distinct namespaces: those of the processes, the scanner's own (its
 * process is not in the list) and /run/netns files.  For each inode an
 * entry with a process (lowest pid) wins over a named file.  The cap
 * applies to distinct namespaces; *dropped counts those over it.
 */
static void
find_netns(struct snapshot *s, bool fixture, uint64_t self,
	   struct netns **out, size_t *nout, size_t *dropped)
{
	struct nslist l = { .a = &s->arena, .dfd = -1 };
	size_t u = 0;

	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].ns_net != 0)
			ns_push(&l, s->procs[i].ns_net, s->procs[i].pid, NULL);
	if (!fixture) {
		if (self)
			ns_push(&l, self, getpid(), NULL);
		l.dfd = open("/run/netns", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (l.dfd >= 0) {
			io_list_dir(l.dfd, add_named, &l);
			close(l.dfd);
		}
	}
	if (l.n) {
		xqsort(l.v, l.n, sizeof(*l.v), cmp_netns);
		for (size_t i = 0; i < l.n; i++) {
			if (u && l.v[u - 1].inode == l.v[i].inode) {
				if (l.v[u - 1].pid == 0 && l.v[i].pid != 0)
					l.v[u - 1].pid = l.v[i].pid;
				if (l.v[u - 1].name == NULL)
					l.v[u - 1].name = l.v[i].name;
				continue;
			}
			l.v[u++] = l.v[i];
		}
	}
	*dropped = u > RM_NETNS_MAX ? u - RM_NETNS_MAX : 0;
	*out = l.v;
	*nout = u - *dropped;
}

struct owner {
	uint64_t inode;
	pid_t pid;
};

static int
cmp_owner(const void *a, const void *b)
{
	const struct owner *x = a, *y = b;

	if (x->inode != y->inode)
		return x->inode < y->inode ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

/* The owners of one socket inode from the sorted (inode, pid) list. */
static void
owners_of(const struct owner *o, size_t n, uint64_t inode, pid_t *owners,
	  uint32_t *nowners)
{
	size_t lo = 0, hi = n;

	if (inode == 0)
		return;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (o[mid].inode < inode)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (pid_t last = 0; lo < n && o[lo].inode == inode; lo++) {
		if (o[lo].pid == last)
			continue;  /* same pid, another fd (sorted) */
		last = o[lo].pid;
		if (*nowners < RM_OWNERS_MAX)
			owners[*nowners] = last;
		(*nowners)++;
	}
}

/* Attach owning pids from the processes' socket fds. */
static void
attach_owners(struct snapshot *s)
{
	struct owner *o;
	size_t n = 0;

	for (size_t i = 0; i < s->nprocs; i++)
		n += s->procs[i].nsock_inodes;
	if (n == 0)
		return;
	o = xreallocarray(NULL, n, sizeof(*o));
	n = 0;
	for (size_t i = 0; i < s->nprocs; i++)
		for (uint32_t k = 0; k < s->procs[i].nsock_inodes; k++) {
			o[n].inode = s->procs[i].sock_inodes[k];
			o[n].pid = s->procs[i].pid;
			n++;
		}
	xqsort(o, n, sizeof(*o), cmp_owner);
	for (size_t i = 0; i < s->nsocks; i++)
		owners_of(o, n, s->socks[i].inode, s->socks[i].owners,
		    &s->socks[i].nowners);
	for (size_t i = 0; i < s->nraw_socks; i++)
		owners_of(o, n, s->raw_socks[i].inode, s->raw_socks[i].owners,
		    &s->raw_socks[i].nowners);
	free(o);
}

static int
open_named_ns(const char *name)
{
	int dfd = open("/run/netns", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int fd = -1;

	if (dfd >= 0) {
		fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		close(dfd);
	}
	return fd;
}

int
sock_collect(struct snapshot *s, int procfd, bool fixture)
{
	struct sockvec sv = { 0 };
	struct rawvec rv = { 0 };
	struct netns *ns;
	size_t nns, dropped;
	uint64_t self = 0;
	struct stat st;
	int selffd = -1, denied = 0, failed = 0, unknown = 0;

	if (!fixture && stat("/proc/self/ns/net", &st) == 0) {
		self = (uint64_t)st.st_ino;
		selffd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	}
	find_netns(s, fixture, self, &ns, &nns, &dropped);
	if (dropped)
		snapshot_skip(s, "sockets: all network namespaces", "more than "
		    "%u network namespaces; %zu were not read", RM_NETNS_MAX,
		    dropped);
	for (size_t i = 0; i < nns && !sv.full; i++) {
		size_t before = sv.n;
		int nl = -1, r = RM_ENOTSUP;

		if (!fixture && ns[i].inode == self) {
			nl = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
			    NETLINK_SOCK_DIAG);
		} else if (!fixture && selffd >= 0) {
			char path[48];
			int fd;

			if (ns[i].pid) {
				snprintf(path, sizeof(path), "%d/ns/net",
				    (int)ns[i].pid);
				fd = openat(procfd, path, O_RDONLY | O_CLOEXEC);
			} else {
				fd = open_named_ns(ns[i].name);
			}
			if (fd >= 0 && setns(fd, CLONE_NEWNET) == 0) {
				nl = socket(AF_NETLINK, SOCK_DGRAM |
				    SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
				if (setns(selffd, CLONE_NEWNET) != 0) {
					/* cannot get home: stop here */
					if (nl >= 0)
						close(nl);
					if (fd >= 0)
						close(fd);
					fprintf(stderr, "rookmelder: cannot "
					    "return to own network namespace\n");
					abort();
				}
			} else {
				denied++;
			}
			if (fd >= 0)
				close(fd);
		}
		if (nl >= 0) {
			r = diag_all(nl, ns[i].inode, &sv);
			close(nl);
			if (r == RM_OK)
				ns[i].source = SOCK_SRC_DIAG;
		}
		if (r != RM_OK && ns[i].pid) {
			sv.n = before;
			r = procnet_all(procfd, ns[i].pid, ns[i].inode, &sv, s);
			if (r == RM_OK)
				ns[i].source = SOCK_SRC_PROCNET;
		}
		if (r != RM_OK)
			failed++;
		ns[i].read = r == RM_OK;
		ns[i].nsocks = (uint32_t)(sv.n - before);
		/* raw and packet sockets: through a member's /proc/PID/net
		 * (a named namespace without a process has no owner to
		 * judge anyway) */
		if (ns[i].pid && !rv.full) {
			size_t rbefore = rv.n;

			if (raw_all(procfd, ns[i].pid, ns[i].inode, &rv, s) ==
			    RM_OK)
				ns[i].nraw = (uint32_t)(rv.n - rbefore);
		}
	}
	if (rv.full)
		snapshot_skip(s, "sockets: raw and packet sockets", "more than "
		    "%u raw/packet sockets; the rest were not read",
		    RM_RAW_SOCKS_MAX);
	s->raw_socks = rv.n ? arena_memdup(&s->arena, rv.v, rv.n *
	    sizeof(*rv.v)) : NULL;
	s->nraw_socks = rv.n;
	free(rv.v);
	if (selffd >= 0)
		close(selffd);
	if (sv.full)
		snapshot_skip(s, "sockets: complete list", "more than %u sockets;"
		    " the rest were not read", RM_SOCKS_MAX);
	if (denied)
		snapshot_skip(s, "sockets: netlink in other namespaces",
		    "not permitted to enter %d network namespace(s) (needs "
		    "root); their sockets were read from /proc/PID/net", denied);
	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].ns_net == 0 &&
		    !(s->procs[i].flags & PF_KTHREAD_FLAG) &&
		    s->procs[i].exe_kind != EXE_NONE)
			unknown++;
	if (unknown)
		snapshot_skip(s, "sockets: namespaces of some processes",
		    "the network namespace of %d process(es) could not be "
		    "read (%s); sockets only they can see were not listed",
		    unknown, geteuid() ? "needs root" : "denied even to root");
	if (failed)
		snapshot_skip(s, "sockets: some network namespaces",
		    "%d network namespace(s) could not be read (needs root)",
		    failed);
	s->netns = nns ? arena_memdup(&s->arena, ns, nns * sizeof(*ns)) : NULL;
	s->nnetns = nns;
	free(ns);
	s->socks = sv.n ? arena_memdup(&s->arena, sv.v, sv.n * sizeof(*sv.v))
	    : NULL;
	s->nsocks = sv.n;
	free(sv.v);
	attach_owners(s);
	return RM_OK;
}
