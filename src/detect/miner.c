/* miner.c - the shared cryptominer assessment (see miner.h). */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "../collect/host_parse.h"
#include "../core/ioc.h"
#include "detect_util.h"
#include "miner.h"

const char *
miner_signal_name(unsigned bit)
{
	switch (bit) {
	case MS_CPU: return "cpu";
	case MS_POOL_PORT: return "pool_port";
	case MS_POOL_NAME: return "pool_name";
	case MS_STRATUM: return "stratum_in_memory";
	case MS_EXE: return "miner_binary";
	case MS_CONFIG: return "miner_config";
	case MS_CMDLINE: return "miner_command_line";
	case MS_MSR: return "msr_device";
	case MS_KMSG: return "msr_kernel_log";
	case MS_HUGEPAGES: return "huge_pages";
	case MS_DISGUISE: return "disguise";
	}
	return "?";
}

static bool
owned_by(const struct sock *k, pid_t pid)
{
	for (uint32_t i = 0; i < k->nowners && i < RM_OWNERS_MAX; i++)
		if (k->owners[i] == pid)
			return true;
	return false;
}

/* The host part of "stratum+tcp://host:port" or "host:port". */
static const char *
url_pool_name(const struct snapshot *s, const char *url, char *host,
	      size_t hl)
{
	const char *p = strstr(url, "://"), *e;
	size_t n;

	p = p ? p + 3 : url;
	e = p;
	while (*e && *e != ':' && *e != '/')
		e++;
	n = (size_t)(e - p);
	if (n == 0 || n >= hl)
		return NULL;
	memcpy(host, p, n);
	host[n] = '\0';
	return s->ioc ? ioc_pool_domain(s->ioc, host) : NULL;
}

static void
add(struct miner_view *v, unsigned sig, unsigned kind, int w)
{
	if (v->signals & sig)
		return;
	v->signals |= sig;
	v->kinds |= kind;
	v->score += w;
}

void
miner_assess(const struct snapshot *s, const struct proc *p,
	     struct miner_view *v)
{
	const struct proc_deep *d = p->deep;
	const char *why;

	memset(v, 0, sizeof(*v));
	if (p->flags & PF_KTHREAD_FLAG && p->exe_kind == EXE_NONE)
		return;
	if (p->cpu_pct >= 50)
		add(v, MS_CPU, MK_BEHAVIOUR, 1);
	for (size_t i = 0; i < s->nsocks; i++) {
		const struct sock *k = &s->socks[i];
		const char *name;

		if (k->proto != IPPROTO_TCP || k->state != 1 ||
		    !owned_by(k, p->pid))
			continue;
		if ((name = hostparse_pool_name(&s->host, s->ioc, k->family,
		    k->raddr)) != NULL) {
			add(v, MS_POOL_NAME, MK_NETWORK, 3);
			v->pool = k;
			v->pool_name = name;
		}
		if (s->ioc && ioc_pool_port(s->ioc, k->rport)) {
			add(v, MS_POOL_PORT, MK_BEHAVIOUR, 1);
			if (v->pool == NULL)
				v->pool = k;
		}
	}
	if (p->hugetlb_kb >= 1024 * 1024)
		add(v, MS_HUGEPAGES, MK_BEHAVIOUR, 1);
	if (p->msr_fds)
		add(v, MS_MSR, MK_KERNEL, 3);
	for (uint32_t i = 0; i < s->host.nmsr_logs; i++) {
		const struct msr_log *l = &s->host.msr_logs[i];

		if (l->pid == p->pid && p->comm && strcmp(l->comm, p->comm) == 0) {
			add(v, MS_KMSG, MK_KERNEL, 3);
			v->kmsg = l;
		}
	}
	/* hiding is evidence of its own kind: a fake kernel-thread name or a
	 * memory-only executable (weight 2), a deleted one (1: also every
	 * upgraded daemon).  An odd path alone (a checkout under /tmp) adds
	 * weight but no kind. */
	if (name_kthread_like(p->comm, &why) || name_kthread_like(p->argv0,
	    &why) || p->exe_kind == EXE_MEMFD)
		add(v, MS_DISGUISE, MK_EVASION, 2);
	else if (p->exe_kind == EXE_DELETED)
		add(v, MS_DISGUISE, MK_EVASION, 1);
	else if (path_classify(p->exe) != PATH_OTHER)
		add(v, MS_DISGUISE, 0, 1);
	if (d) {
		const unsigned req = STRATUM_LOGIN | STRATUM_SUBSCRIBE |
		    STRATUM_AUTHORIZE | STRATUM_SUBMIT | STRATUM_MSUBMIT;
		const unsigned push = STRATUM_JOB | STRATUM_NOTIFY |
		    STRATUM_SEED;

		if ((d->stratum & req) && (d->stratum & push))
			add(v, MS_STRATUM, MK_MEMORY, 4);
		else if (d->stratum & (req | push))
			add(v, MS_STRATUM, MK_MEMORY, 2);
		if (d->exe_hits.strong >= 3 || d->upx_magic_altered)
			add(v, MS_EXE, MK_ARTEFACT, 3);
		else if (d->exe_hits.strong >= 1 || (d->upx &&
		    (v->signals & MS_DISGUISE)))
			add(v, MS_EXE, MK_ARTEFACT, 2);  /* or packed in /tmp */
		if (d->config_path)
			add(v, MS_CONFIG, MK_ARTEFACT, 3);
		if (d->cmd_hits.strong || d->cmd_pool || d->cmd_wallet)
			add(v, MS_CMDLINE, MK_ARTEFACT, 3);
		if (!(v->signals & MS_POOL_NAME)) {
			const char *u = d->pool_url ? d->pool_url :
			    d->config_pool ? d->config_pool : d->cmd_pool;
			const char *n = u ? url_pool_name(s, u, v->host,
			    sizeof(v->host)) : NULL;

			if (n) {
				add(v, MS_POOL_NAME, MK_NETWORK, 2);
				v->pool_name = v->host;
			}
		}
		/* no listed pool port or name: the connection to the
		 * endpoint its own URL names is still the pool */
		if (v->pool == NULL) {
			const char *u = d->pool_url ? d->pool_url :
			    d->config_pool ? d->config_pool : d->cmd_pool;
			const char *c = u ? strrchr(u, ':') : NULL;
			long port = c ? strtol(c + 1, NULL, 10) : 0;

			for (size_t i = 0; port > 0 && i < s->nsocks; i++) {
				const struct sock *k = &s->socks[i];

				if (k->proto == IPPROTO_TCP && k->state == 1 &&
				    k->rport == port && owned_by(k, p->pid)) {
					v->pool = k;
					break;
				}
			}
		}
		/* A cryptocurrency node from the distribution (monerod),
		 * running as itself, is the administrator's business
		 * (RM-MIN-004).  A packaged *miner* is not exempt: intruders
		 * can apt-get install xmrig too; its finding says so. */
		v->sanctioned = d->exe_package != NULL &&
		    strcmp(d->exe_package, "monero") == 0 &&
		    !(v->signals & (MS_DISGUISE | MS_KMSG));
	}
}

int
miner_nkinds(const struct miner_view *v)
{
	return __builtin_popcount(v->kinds);
}

bool
miner_found(const struct miner_view *v)
{
	return !v->sanctioned && v->score >= 3 &&
	    (v->kinds & (MK_MEMORY | MK_ARTEFACT | MK_KERNEL | MK_NETWORK));
}

bool
miner_any(const struct snapshot *s)
{
	struct miner_view v;

	for (size_t i = 0; i < s->nprocs; i++) {
		miner_assess(s, &s->procs[i], &v);
		if (miner_found(&v))
			return true;
	}
	return false;
}
