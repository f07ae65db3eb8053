/* access_util.c - helpers of the access-resale detectors (access_util.h). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>

#include "../collect/sock_parse.h"
#include "access_util.h"
#include "detect_util.h"

bool
acc_addr_loopback(const struct sock *k, bool remote)
{
	const uint8_t *a = remote ? k->raddr : k->laddr;
	static const uint8_t v6lo[16] = { [15] = 1 };
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };

	if (k->family == AF_INET)
		return a[0] == 127;
	if (memcmp(a, v6lo, 16) == 0)
		return true;
	return memcmp(a, mapped, 12) == 0 && a[12] == 127;
}

static bool
addr_any(const struct sock *k)
{
	static const uint8_t zero[16];

	return memcmp(k->laddr, zero, k->family == AF_INET ? 4 : 16) == 0;
}

void
acc_endpoint(const struct sock *k, bool remote, char *out, size_t len)
{
	char ip[64];

	sock_addr_str(k, remote, ip, sizeof(ip));
	if (k->family == AF_INET6)
		snprintf(out, len, "[%s]:%u", ip, remote ? k->rport : k->lport);
	else
		snprintf(out, len, "%s:%u", ip, remote ? k->rport : k->lport);
}

static bool
owned_by(const struct sock *k, pid_t pid)
{
	uint32_t n = k->nowners < RM_OWNERS_MAX ? k->nowners : RM_OWNERS_MAX;

	for (uint32_t i = 0; i < n; i++)
		if (k->owners[i] == pid)
			return true;
	return false;
}

void
acc_proc_net(const struct snapshot *s, const struct proc *p,
	     struct acc_net *n)
{
	memset(n, 0, sizeof(*n));
	if (p->nsock_inodes == 0)
		return;
	for (size_t i = 0; i < s->nsocks; i++) {
		const struct sock *k = &s->socks[i];

		if (k->proto != IPPROTO_TCP || k->state != TCP_LISTEN ||
		    !owned_by(k, p->pid))
			continue;
		if (!acc_addr_loopback(k, false) || addr_any(k))
			n->listen_public = true;
		if (n->nlisten < ACC_NET_KEEP)
			n->listen[n->nlisten++] = k;
	}
	for (size_t i = 0; i < s->nsocks; i++) {
		const struct sock *k = &s->socks[i];
		bool inbound = false;

		if (k->proto != IPPROTO_TCP || k->state != TCP_ESTABLISHED ||
		    !owned_by(k, p->pid))
			continue;
		for (unsigned j = 0; j < n->nlisten && !inbound; j++)
			inbound = n->listen[j]->lport == k->lport &&
			    n->listen[j]->netns == k->netns;
		if (inbound)
			continue;
		if (!acc_addr_loopback(k, true))
			n->out_remote = true;
		if (n->nout < ACC_NET_KEEP) {
			/* non-loopback peers first */
			if (!acc_addr_loopback(k, true) && n->nout > 0 &&
			    acc_addr_loopback(n->out[0], true)) {
				n->out[n->nout++] = n->out[0];
				n->out[0] = k;
			} else {
				n->out[n->nout++] = k;
			}
		}
	}
}

const struct sock *
acc_sock_by_inode(const struct snapshot *s, uint64_t ino, uint64_t netns)
{
	const struct sock *any = NULL;

	if (ino == 0)
		return NULL;
	for (size_t i = 0; i < s->nsocks; i++)
		if (s->socks[i].inode == ino) {
			if (netns == 0 || s->socks[i].netns == netns)
				return &s->socks[i];
			any = &s->socks[i];
		}
	return any;
}

bool
acc_proc_names(const struct proc *p, acc_name_fn *fn, void *arg)
{
	size_t l;
	const char *b;

	if (p->comm && fn(p->comm, strlen(p->comm), arg))
		return true;
	if (p->argv0 && p->argv0[0]) {
		const char *a = p->argv0;

		l = strlen(a);
		b = a + l;
		while (b > a && b[-1] != '/')
			b--;
		if (fn(b, l - (size_t)(b - a), arg))
			return true;
	}
	if (p->exe && p->exe_kind == EXE_FILE) {
		l = strlen(p->exe);
		b = p->exe + l;
		while (b > p->exe && b[-1] != '/')
			b--;
		if (fn(b, l - (size_t)(b - p->exe), arg))
			return true;
	}
	return false;
}

const char *
acc_proc_base(const struct proc *p, size_t *len)
{
	const char *a = p->argv0 && p->argv0[0] ? p->argv0 : p->comm;
	const char *b;

	if (a == NULL)
		a = "";
	b = a + strlen(a);
	while (b > a && b[-1] != '/')
		b--;
	*len = strlen(b);
	return b;
}

const struct proc *
acc_ancestor(const struct snapshot *s, const struct proc *p,
	     const char *const *names)
{
	const struct proc *q = p;

	for (int depth = 0; depth < 64 && q && q->ppid > 0 &&
	    q->ppid != q->pid; depth++) {
		q = snapshot_proc(s, q->ppid);
		if (q == NULL || q->comm == NULL)
			return NULL;
		for (const char *const *n = names; *n; n++)
			if (strcmp(q->comm, *n) == 0)
				return q;
	}
	return NULL;
}

enum acc_where
acc_exe_where(const struct proc *p, const char **why)
{
	*why = "other";
	switch (proc_exe_place(p, why)) {
	case EXE_PLACE_ODD:
		return WHERE_ODD;
	case EXE_PLACE_SYSTEM:
		*why = "system";
		return WHERE_SYSTEM;
	default:
		return WHERE_OTHER;
	}
}
