/* out_json.c - the JSON document, NDJSON lines and the facts dump. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../collect/rawsock_parse.h"
#include "../collect/access_parse.h"
#include "../collect/login_parse.h"
#include "../collect/sock_parse.h"
#include "../core/credpath.h"
#include "../core/io.h"
#include "../core/err.h"
#include "../core/json.h"
#include "../detect/detector.h"
#include "../incident/incident.h"
#include "output.h"

#ifndef RM_VERSION
#define RM_VERSION "0.0.0"
#endif

const char *
out_sock_state(const struct sock *k)
{
	static const char *const tcp[] = {
		"UNKNOWN", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1",
		"FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK",
		"LISTEN", "CLOSING", "NEW_SYN_RECV",
	};

	if (k->proto == IPPROTO_UDP)
		return k->state == 1 ? "ESTABLISHED" : k->state == 7 ?
		    "UNCONN" : "UNKNOWN";
	return k->state < sizeof(tcp) / sizeof(tcp[0]) ? tcp[k->state]
	    : "UNKNOWN";
}

static void
evidence_json(struct json *j, const struct finding *f)
{
	json_key(j, "evidence");
	json_obj_begin(j);
	for (size_t i = 0; i < f->nev; i++) {
		const struct evidence *e = &f->ev[i];

		json_key(j, e->key);
		switch (e->type) {
		case EV_STR: json_str(j, e->s); break;
		case EV_INT: json_int(j, e->i); break;
		case EV_BOOL: json_bool(j, e->b); break;
		case EV_STRLIST:
			json_arr_begin(j);
			for (size_t k = 0; k < e->nlist; k++)
				json_str(j, e->list[k]);
			if (e->dropped) {
				char more[48];

				snprintf(more, sizeof(more), "(+%zu more)",
				    e->dropped);
				json_str(j, more);
			}
			json_arr_end(j);
			break;
		}
	}
	json_obj_end(j);
}

/* The rules a YARA finding matched (docs/OUTPUT.md "yara"). */
static void
yara_json(struct json *j, const struct finding_yara *y)
{
	json_key(j, "yara");
	json_obj_begin(j);
	json_kstr(j, "target", y->target);
	json_key(j, "matches");
	json_arr_begin(j);
	for (uint32_t i = 0; i < y->nm; i++) {
		const struct yara_match *m = &y->m[i];

		json_obj_begin(j);
		json_kstr(j, "rule", m->rule);
		json_kstr(j, "namespace", m->ns);
		json_key(j, "tags");
		json_arr_begin(j);
		for (uint32_t k = 0; k < m->ntags; k++)
			json_str(j, m->tags[k]);
		json_arr_end(j);
		json_key(j, "meta");
		json_obj_begin(j);
		for (uint32_t k = 0; k < m->nmeta; k++) {
			const struct yara_kv *kv = &m->meta[k];
			bool dup = false;

			/* a key YARA allows twice (hash = ...) is shown once */
			for (uint32_t q = 0; q < k && !dup; q++)
				dup = strcmp(m->meta[q].key, kv->key) == 0;
			if (dup)
				continue;
			if (kv->type == 1)
				json_kint(j, kv->key, kv->i);
			else if (kv->type == 2)
				json_kbool(j, kv->key, kv->i != 0);
			else
				json_kstr(j, kv->key, kv->s ? kv->s : "");
		}
		json_obj_end(j);
		json_key(j, "strings");
		json_arr_begin(j);
		for (uint32_t k = 0; k < m->nstr; k++) {
			json_obj_begin(j);
			json_kstr(j, "id", m->str[k].id);
			json_kuint(j, "offset", m->str[k].off);
			json_kuint(j, "length", m->str[k].len);
			json_obj_end(j);
		}
		json_arr_end(j);
		if (m->nstr_dropped)
			json_kuint(j, "strings_dropped", m->nstr_dropped);
		json_obj_end(j);
	}
	json_arr_end(j);
	if (y->nm_dropped)
		json_kuint(j, "matches_dropped", y->nm_dropped);
	json_obj_end(j);
}

/* The members of a finding object, without the braces. */
static void
finding_fields(struct json *j, const struct finding *f)
{
	const struct detector *d = f->rule;

	json_kstr(j, "id", f->id);
	json_key(j, "rule");
	json_obj_begin(j);
	json_kstr(j, "id", d->id);
	json_kstr(j, "name", d->name);
	json_kstr(j, "category", f->category ? f->category : d->category);
	json_obj_end(j);
	json_kstr(j, "severity", severity_name(f->severity));
	json_kstr(j, "confidence", confidence_name(f->confidence));
	json_key(j, "threat");
	json_obj_begin(j);
	json_key(j, "technique");
	json_obj_begin(j);
	json_key(j, "id");
	json_arr_begin(j);
	for (const char *const *t = d->techniques; t && *t; t++)
		json_str(j, *t);
	json_arr_end(j);
	json_obj_end(j);
	json_obj_end(j);
	json_kstr(j, "message", f->message);
	if (f->has_process) {
		const struct finding_process *p = &f->process;

		json_key(j, "process");
		json_obj_begin(j);
		json_kint(j, "pid", p->pid);
		if (p->name)
			json_kstr(j, "name", p->name);
		if (p->executable)
			json_kstr(j, "executable", p->executable);
		if (p->command_line)
			json_kstr(j, "command_line", p->command_line);
		json_key(j, "parent");
		json_obj_begin(j);
		json_kint(j, "pid", p->ppid);
		json_obj_end(j);
		if (p->has_uid) {
			json_key(j, "user");
			json_obj_begin(j);
			json_kuint(j, "id", p->uid);
			if (p->user)
				json_kstr(j, "name", p->user);
			json_obj_end(j);
		}
		if (p->container_id) {
			json_key(j, "container");
			json_obj_begin(j);
			json_kstr(j, "id", p->container_id);
			json_obj_end(j);
		}
		json_obj_end(j);
	}
	if (f->file_path) {
		json_key(j, "file");
		json_obj_begin(j);
		json_kstr(j, "path", f->file_path);
		if (f->file_sha256) {
			json_key(j, "hash");
			json_obj_begin(j);
			json_kstr(j, "sha256", f->file_sha256);
			json_obj_end(j);
		}
		json_obj_end(j);
	}
	if (f->dest_ip) {
		json_key(j, "destination");
		json_obj_begin(j);
		json_kstr(j, "ip", f->dest_ip);
		if (f->dest_port >= 0)
			json_kint(j, "port", f->dest_port);
		json_obj_end(j);
	}
	if (f->nev)
		evidence_json(j, f);
	if (f->yara)
		yara_json(j, f->yara);
	json_kstr(j, "remediation", f->remediation ? f->remediation
	    : d->remediation);
}

void
out_finding_json(struct json *j, const struct finding *f)
{
	json_obj_begin(j);
	finding_fields(j, f);
	json_obj_end(j);
}

/* Credential-looking values are never printed whole: 4 bytes and the
 * length.  Dynamic-linker and history variables are shown as kept. */
static void
env_value_json(struct json *j, const struct env_var *e)
{
	char masked[64];
	size_t kept = strlen(e->value);

	if (strncmp(e->name, "LD_", 3) == 0 || strncmp(e->name, "HIST", 4) == 0 ||
	    strcmp(e->name, "GOOGLE_APPLICATION_CREDENTIALS") == 0) {
		json_kstr(j, "value", e->value);
		return;
	}
	/* a key id prefix (AKIA...) helps; a short password must not leak */
	snprintf(masked, sizeof(masked), "%.*s...", e->value_len >= 16 &&
	    kept >= 4 ? 4 : 0, e->value);
	json_kstr(j, "value", masked);
}

static void
hits_json(struct json *j, const char *key, const struct str_hits *h)
{
	json_key(j, key);
	json_obj_begin(j);
	json_kuint(j, "strong", h->strong);
	json_kuint(j, "weak", h->weak);
	json_key(j, "strings");
	json_arr_begin(j);
	for (uint32_t i = 0; i < h->nkeep; i++)
		json_str(j, h->keep[i]);
	json_arr_end(j);
	json_obj_end(j);
}

static void
kstr_opt(struct json *j, const char *k, const char *v)
{
	if (v)
		json_kstr(j, k, v);
}

static void
stratum_json(struct json *j, const char *key, unsigned bits)
{
	static const char *const names[] = {
		"login", "job", "submit", "seed_hash", "mining.subscribe",
		"mining.authorize", "mining.notify", "mining.submit",
		"keepalived",
	};

	json_key(j, key);
	json_arr_begin(j);
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (bits & (1u << i))
			json_str(j, names[i]);
	json_arr_end(j);
}

static void
deep_json(struct json *j, const struct proc_deep *d)
{
	static const char *const why[] = {
		"cpu", "pool_port", "cmdline", "msr", "hugetlb", "odd_exe",
		"pool_name",
	};

	json_key(j, "deep");
	json_obj_begin(j);
	json_key(j, "reasons");
	json_arr_begin(j);
	for (unsigned i = 0; i < sizeof(why) / sizeof(why[0]); i++)
		if (d->reasons & (1u << i))
			json_str(j, why[i]);
	json_arr_end(j);
	json_kstr(j, "memory", rm_strerror(d->mem_err));
	json_kuint(j, "memory_bytes", d->mem_bytes);
	json_kbool(j, "memory_truncated", d->mem_truncated);
	stratum_json(j, "stratum", d->stratum);
	hits_json(j, "memory_strings", &d->mem_hits);
	kstr_opt(j, "agent", d->agent);
	kstr_opt(j, "login", d->login);
	kstr_opt(j, "pool_url", d->pool_url);
	kstr_opt(j, "algo", d->algo);
	json_kstr(j, "exe", rm_strerror(d->exe_err));
	json_kuint(j, "exe_bytes", d->exe_bytes);
	hits_json(j, "exe_strings", &d->exe_hits);
	json_kbool(j, "upx", d->upx);
	json_kbool(j, "upx_magic_altered", d->upx_magic_altered);
	if (d->exe_signature_table)
		json_kbool(j, "exe_signature_table", true);
	kstr_opt(j, "config_path", d->config_path);
	kstr_opt(j, "config_pool", d->config_pool);
	kstr_opt(j, "config_user", d->config_user);
	json_kbool(j, "config_donate_level", d->config_donate);
	hits_json(j, "cmdline_strings", &d->cmd_hits);
	kstr_opt(j, "cmdline_pool", d->cmd_pool);
	kstr_opt(j, "wallet", d->wallet);
	kstr_opt(j, "exe_package", d->exe_package);
	json_obj_end(j);
}

static void
proc_json(struct json *j, const struct proc *p)
{
	static const char *const exek[] = {
		"unknown", "file", "none", "denied", "deleted", "memfd",
	};
	static const char *const miss[] = {
		"status", "cmdline", "exe", "fds", "environ", "ns", "cwd",
		"cgroup",
	};

	json_obj_begin(j);
	json_kint(j, "pid", p->pid);
	json_kint(j, "ppid", p->ppid);
	json_kuint(j, "start_ticks", p->start_ticks);
	json_kstr(j, "comm", p->comm);
	json_key(j, "state");
	json_strn(j, &p->state, 1);
	json_kuint(j, "flags", p->flags);
	json_kbool(j, "kernel_thread", (p->flags & PF_KTHREAD_FLAG) != 0);
	json_kuint(j, "ruid", p->ruid);
	json_kuint(j, "euid", p->euid);
	json_kuint(j, "rgid", p->rgid);
	json_kuint(j, "egid", p->egid);
	json_kint(j, "nice", p->nice);
	json_kuint(j, "threads", p->threads);
	json_kuint(j, "utime", p->utime);
	json_kuint(j, "stime", p->stime);
	json_kuint(j, "vsize_kb", p->vsize_kb);
	json_kuint(j, "rss_kb", p->rss_kb);
	json_kuint(j, "hugetlb_kb", p->hugetlb_kb);
	if (p->cmdline)
		json_kstr(j, "cmdline", p->cmdline);
	json_kuint(j, "argc", p->argc);
	json_kuint(j, "cmdline_bytes", p->cmdline_len);
	json_kbool(j, "cmdline_truncated", p->cmdline_truncated);
	json_kstr(j, "exe_kind", exek[p->exe_kind]);
	if (p->exe)
		json_kstr(j, "exe", p->exe);
	if (p->exe_ino)
		json_kuint(j, "exe_inode", p->exe_ino);
	if (p->exe_kind == EXE_DELETED)
		json_kbool(j, "exe_replaced", p->exe_replaced);
	if (p->exe_seals >= 0)
		json_kint(j, "exe_seals", p->exe_seals);
	if (p->cwd)
		json_kstr(j, "cwd", p->cwd);
	if (p->cgroup)
		json_kstr(j, "cgroup", p->cgroup);
	if (p->container_id)
		json_kstr(j, "container_id", p->container_id);
	json_key(j, "ns");
	json_obj_begin(j);
	json_kuint(j, "pid", p->ns_pid);
	json_kuint(j, "net", p->ns_net);
	json_kuint(j, "mnt", p->ns_mnt);
	json_obj_end(j);
	json_kuint(j, "fds", p->nfds);
	json_key(j, "sockets");
	json_arr_begin(j);
	for (uint32_t i = 0; i < p->nsock_inodes; i++)
		json_uint(j, p->sock_inodes[i]);
	json_arr_end(j);
	if (p->nspecial_fds) {
		json_key(j, "special_fds");
		json_arr_begin(j);
		for (uint32_t i = 0; i < p->nspecial_fds; i++)
			json_str(j, p->special_fds[i]);
		json_arr_end(j);
	}
	json_kuint(j, "msr_fds", p->msr_fds);
	{
		static const char *const kn[] = { "none", "file", "socket",
		    "pipe", "tty", "null", "other" };

		json_key(j, "stdio");
		json_arr_begin(j);
		for (int i = 0; i < 3; i++)
			json_str(j, p->stdio_kind[i] < sizeof(kn) / sizeof(kn[0])
			    ? kn[p->stdio_kind[i]] : "other");
		json_arr_end(j);
	}
	if (p->ncred_fds) {
		json_key(j, "cred_fds");
		json_arr_begin(j);
		for (uint32_t i = 0; i < p->ncred_fds; i++)
			json_str(j, p->cred_fds[i]);
		json_arr_end(j);
	}
	if (p->environ_fds)
		json_kuint(j, "environ_fds", p->environ_fds);
	json_key(j, "env");
	json_arr_begin(j);
	for (uint32_t i = 0; i < p->nenv; i++) {
		json_obj_begin(j);
		json_kstr(j, "name", p->env[i].name);
		env_value_json(j, &p->env[i]);
		json_kuint(j, "length", p->env[i].value_len);
		json_obj_end(j);
	}
	json_arr_end(j);
	if (p->env_truncated)
		json_kbool(j, "env_truncated", true);
	json_key(j, "cpu_pct");
	if (p->cpu_pct < 0)
		json_null_value(j);
	else
		json_double(j, p->cpu_pct, 1);
	json_key(j, "cpu_children_pct");
	if (p->cpu_pct < 0)
		json_null_value(j);
	else
		json_double(j, p->cpu_children_pct, 1);
	json_key(j, "partial");
	json_arr_begin(j);
	for (int i = 0; i < 8; i++)
		if (p->partial & (1u << i))
			json_str(j, miss[i]);
	json_arr_end(j);
	if (p->deep)
		deep_json(j, p->deep);
	json_obj_end(j);
}

static void
endpoint_json(struct json *j, const char *key, const struct sock *k,
	      bool remote)
{
	char ip[INET6_ADDRSTRLEN];

	sock_addr_str(k, remote, ip, sizeof(ip));
	json_key(j, key);
	json_obj_begin(j);
	json_kstr(j, "ip", ip);
	json_kuint(j, "port", remote ? k->rport : k->lport);
	json_obj_end(j);
}

static void
sock_json(struct json *j, const struct sock *k)
{
	json_obj_begin(j);
	json_kuint(j, "netns", k->netns);
	json_kstr(j, "proto", k->proto == IPPROTO_TCP ? "tcp" : "udp");
	json_kint(j, "family", k->family == AF_INET6 ? 6 : 4);
	json_kstr(j, "state", out_sock_state(k));
	endpoint_json(j, "local", k, false);
	endpoint_json(j, "remote", k, true);
	json_kuint(j, "uid", k->uid);
	json_kuint(j, "inode", k->inode);
	json_key(j, "owners");
	json_arr_begin(j);
	for (uint32_t i = 0; i < k->nowners && i < RM_OWNERS_MAX; i++)
		json_int(j, k->owners[i]);
	json_arr_end(j);
	if (k->has_bytes) {
		json_kuint(j, "bytes_received", k->bytes_received);
		json_kuint(j, "bytes_acked", k->bytes_acked);
	}
	json_kstr(j, "source", k->source == SOCK_SRC_DIAG ? "sock_diag"
	    : "procfs");
	json_obj_end(j);
}

/* Login records (collect/logins.c), oldest first; docs/OUTPUT.md. */
static void
logins_json(struct json *j, const struct snapshot *s)
{
	json_kbool(j, "logins_read", s->logins_read);
	json_kbool(j, "logins_capped", s->logins_capped);
	json_key(j, "logins");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nlogins; i++) {
		const struct login_event *e = &s->logins[i];
		char ts[32];

		io_rfc3339(e->time * 1000 + e->usec / 1000, ts);
		json_obj_begin(j);
		json_kstr(j, "time", ts);
		json_kint(j, "epoch", e->time);
		json_kint(j, "usec", e->usec);
		json_kstr(j, "time_zone", login_tz_name(e->tz));
		json_kstr(j, "kind", login_kind_name(e->kind));
		json_kstr(j, "source", login_source_name(e->source));
		json_kstr(j, "file", e->file);
		kstr_opt(j, "user", e->user);
		if (e->invalid_user)
			json_kbool(j, "invalid_user", true);
		kstr_opt(j, "from", e->from);
		if (e->port)
			json_kuint(j, "port", e->port);
		kstr_opt(j, "line", e->line);
		kstr_opt(j, "method", e->method);
		kstr_opt(j, "key_fingerprint", e->key_fp);
		kstr_opt(j, "target_user", e->target);
		kstr_opt(j, "detail", e->detail);
		if (e->pid)
			json_kuint(j, "pid", e->pid);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void
facts_json(struct json *j, const struct snapshot *s)
{
	const struct host *h = &s->host;
	const struct file_snapshot *lp = &h->ld_so_preload;

	json_key(j, "facts");
	json_obj_begin(j);
	json_key(j, "host");
	json_obj_begin(j);
	json_kint(j, "taint", h->taint);
	json_kint(j, "nr_hugepages", h->nr_hugepages);
	json_kint(j, "nmi_watchdog", h->nmi_watchdog);
	json_kbool(j, "modules_supported", h->modules_supported);
	json_kuint(j, "ncpu", h->ncpu);
	json_key(j, "cpu_busy_pct");
	if (h->cpu_busy_pct < 0)
		json_null_value(j);
	else
		json_double(j, h->cpu_busy_pct, 1);
	json_key(j, "cpu_task_pct");
	if (h->cpu_task_pct < 0)
		json_null_value(j);
	else
		json_double(j, h->cpu_task_pct, 1);
	json_key(j, "cpu_procs_pct");
	if (h->cpu_procs_pct < 0)
		json_null_value(j);
	else
		json_double(j, h->cpu_procs_pct, 1);
	kstr_opt(j, "msr_allow_writes", h->msr_allow_writes);
	json_kint(j, "hugepages_total", h->hugepages_total);
	json_kint(j, "hugepages_free", h->hugepages_free);
	json_kbool(j, "kernel_log_read", h->kmsg_read);
	json_key(j, "msr_log");
	json_arr_begin(j);
	for (uint32_t i = 0; i < h->nmsr_logs; i++) {
		json_obj_begin(j);
		json_kstr(j, "comm", h->msr_logs[i].comm);
		json_kint(j, "pid", h->msr_logs[i].pid);
		json_kuint(j, "msr", h->msr_logs[i].msr);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_key(j, "sysctl_lines");
	json_arr_begin(j);
	for (uint32_t i = 0; i < h->nsysctls; i++) {
		json_obj_begin(j);
		json_kstr(j, "path", h->sysctls[i].path);
		json_kuint(j, "line", h->sysctls[i].line);
		json_kstr(j, "key", h->sysctls[i].key);
		json_kstr(j, "value", h->sysctls[i].value);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_kuint(j, "hosts_entries", h->nhosts);
	json_key(j, "ld_so_preload");
	json_obj_begin(j);
	json_kbool(j, "exists", lp->exists);
	if (lp->exists) {
		json_kuint(j, "size", lp->len);
		json_kuint(j, "uid", lp->uid);
		json_kuint(j, "mode", lp->mode & 07777);
		if (lp->content)
			json_kstr(j, "content", lp->content);
	}
	json_obj_end(j);
	json_obj_end(j);

	json_key(j, "processes");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nprocs; i++)
		proc_json(j, &s->procs[i]);
	json_arr_end(j);

	json_key(j, "netns");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nnetns; i++) {
		const struct netns *n = &s->netns[i];

		json_obj_begin(j);
		json_kuint(j, "inode", n->inode);
		json_kint(j, "pid", n->pid);
		if (n->name)
			json_kstr(j, "name", n->name);
		json_kbool(j, "read", n->read);
		json_kstr(j, "source", n->source == SOCK_SRC_DIAG ? "sock_diag"
		    : n->source == SOCK_SRC_PROCNET ? "procfs" : "none");
		json_kuint(j, "sockets", n->nsocks);
		json_kuint(j, "raw_sockets", n->nraw);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "sockets");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nsocks; i++)
		sock_json(j, &s->socks[i]);
	json_arr_end(j);

	json_key(j, "raw_sockets");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nraw_socks; i++) {
		const struct raw_sock *r = &s->raw_socks[i];
		char pn[16];

		json_obj_begin(j);
		json_kuint(j, "netns", r->netns);
		json_kstr(j, "family", r->family == AF_PACKET ? "packet" :
		    r->family == AF_INET6 ? "inet6" : "inet");
		json_kstr(j, "protocol", r->family == AF_PACKET ?
		    packet_proto_name(r->proto, pn, sizeof(pn)) :
		    raw_proto_name(r->proto, pn, sizeof(pn)));
		if (r->family == AF_PACKET) {
			json_kstr(j, "type", r->type == SOCK_RAW ? "raw" :
			    r->type == SOCK_DGRAM ? "dgram" : "other");
			json_kuint(j, "ifindex", r->ifindex);
		}
		json_kuint(j, "uid", r->uid);
		json_kuint(j, "inode", r->inode);
		json_key(j, "owners");
		json_arr_begin(j);
		for (uint32_t k = 0; k < r->nowners && k < RM_OWNERS_MAX; k++)
			json_int(j, r->owners[k]);
		json_arr_end(j);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "accounts");
	json_arr_begin(j);
	for (size_t i = 0; i < s->naccounts; i++) {
		const struct account *a = &s->accounts[i];

		json_obj_begin(j);
		json_kstr(j, "name", a->name);
		json_kuint(j, "uid", a->uid);
		json_kuint(j, "gid", a->gid);
		json_kstr(j, "home", a->home);
		json_kstr(j, "shell", a->shell);
		json_kuint(j, "line", a->line);
		if (a->malformed)
			json_kbool(j, "malformed", true);
		{
			static const char *const pw[] = { "unknown", "locked",
				"empty", "set" };
			static const char *const sh[] = { "unchecked", "found",
				"not_executable", "missing" };

			json_kstr(j, "password", pw[a->pw_state & 3]);
			if (a->pw_kind)
				json_kstr(j, "password_hash", a->pw_kind);
			if (a->pw_in_passwd)
				json_kbool(j, "password_in_passwd", true);
			json_kstr(j, "shell_state", sh[a->shell_state & 3]);
			json_kbool(j, "shell_listed", a->shell_listed);
			if (a->dup_line)
				json_kuint(j, "duplicate_of_line", a->dup_line);
		}
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "groups");
	json_arr_begin(j);
	for (size_t i = 0; i < s->ngroups; i++) {
		json_obj_begin(j);
		json_kstr(j, "name", s->groups[i].name);
		json_kuint(j, "gid", s->groups[i].gid);
		json_kstr(j, "members", s->groups[i].members);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "modules");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nkmods; i++) {
		json_obj_begin(j);
		json_kstr(j, "name", s->kmods[i].name);
		json_kuint(j, "size", s->kmods[i].size);
		json_kstr(j, "state", s->kmods[i].state);
		if (s->kmods[i].taint)
			json_kstr(j, "taint", s->kmods[i].taint);
		json_kbool(j, "in_proc_modules", s->kmods[i].in_proc_modules);
		if (s->kmods[i].sysfs_read)
			json_kbool(j, "in_sys_module", s->kmods[i].in_sysfs);
		if (s->kmods[i].sysfs_taint)
			json_kstr(j, "sysfs_taint", s->kmods[i].sysfs_taint);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "bpf_programs");
	json_arr_begin(j);
	for (uint32_t i = 0; i < s->host.nbpf_progs; i++) {
		const struct bpf_prog_fact *bp = &s->host.bpf_progs[i];

		json_obj_begin(j);
		json_kuint(j, "id", bp->id);
		json_kuint(j, "type", bp->type);
		json_kstr(j, "name", bp->name);
		json_kuint(j, "uid", bp->uid);
		json_kstr(j, "tag", bp->tag);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_key(j, "ftrace_hooks");
	json_obj_begin(j);
	json_kbool(j, "read", s->host.ftrace_read);
	json_kuint(j, "hooked_functions", s->host.nftrace_funcs);
	json_key(j, "module_hooks");
	json_arr_begin(j);
	for (uint32_t i = 0; i < s->host.nftrace_hooks; i++) {
		json_obj_begin(j);
		json_kstr(j, "function", s->host.ftrace_hooks[i].func);
		json_kstr(j, "module", s->host.ftrace_hooks[i].module);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_end(j);
	json_key(j, "pid_probe");
	json_obj_begin(j);
	json_kbool(j, "complete", s->pid_probe_done);
	json_kuint(j, "pids", s->pid_probe_max);
	json_kuint(j, "ms", s->pid_probe_ms);
	json_kint(j, "scheduler_tasks", s->sched_tasks);
	json_kuint(j, "visible_tasks", s->visible_tasks);
	json_obj_end(j);
	json_key(j, "hidden_pids");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nhidden_pids; i++) {
		const struct hidden_pid *hp = &s->hidden_pids[i];

		json_obj_begin(j);
		json_kint(j, "pid", hp->pid);
		json_kstr(j, "kind", hp->kind == HIDDEN_UNLISTED ? "unlisted"
		    : "unreadable");
		json_kuint(j, "how", hp->how);
		json_kint(j, "pgid", hp->pgid);
		json_kint(j, "sid", hp->sid);
		kstr_opt(j, "comm", hp->comm);
		kstr_opt(j, "exe", hp->exe);
		kstr_opt(j, "mount_point", hp->mount_point);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_key(j, "preload_libraries");
	json_arr_begin(j);
	for (size_t i = 0; i < s->npreload_libs; i++) {
		const struct preload_lib *pl = &s->preload_libs[i];

		json_obj_begin(j);
		json_kstr(j, "path", pl->path);
		json_kuint(j, "mount_ns", pl->ns_mnt);
		json_kint(j, "pid", pl->pid);
		if (pl->read_err)
			json_kstr(j, "read_error", rm_strerror(pl->read_err));
		json_kuint(j, "size", pl->size);
		kstr_opt(j, "sha256", pl->sha256);
		json_kbool(j, "elf", pl->elf);
		json_kuint(j, "functions", pl->nfuncs);
		json_key(j, "hooks");
		json_arr_begin(j);
		for (uint32_t k = 0; k < pl->nhooks; k++)
			json_str(j, pl->hooks[k]);
		json_arr_end(j);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "cron_files");
	json_arr_begin(j);
	for (size_t i = 0; i < s->ncron_files; i++) {
		static const char *const kinds[] = { "system", "user",
			"anacron", "script", "at" };
		static const char *const magics[] = { "text", "redis", "elf",
			"binary" };
		const struct cron_file *cf = &s->cron_files[i];
		char mode[8];

		json_obj_begin(j);
		json_kstr(j, "path", cf->path);
		json_kstr(j, "kind", kinds[cf->kind]);
		if (cf->user)
			json_kstr(j, "user", cf->user);
		json_kuint(j, "uid", cf->uid);
		snprintf(mode, sizeof(mode), "%04o", cf->mode & 07777);
		json_kstr(j, "mode", mode);
		json_kuint(j, "size", cf->size);
		if (cf->read_err)
			json_kstr(j, "read_error", rm_strerror(cf->read_err));
		else
			json_kstr(j, "content", magics[cf->magic & 3]);
		if (cf->truncated)
			json_kbool(j, "truncated", true);
		json_kuint(j, "jobs", cf->njobs);
		json_kuint(j, "invalid_lines", cf->ninvalid);
		if (cf->owners_unknown)
			json_kbool(j, "owners_unknown", true);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "cron_jobs");
	json_arr_begin(j);
	for (size_t i = 0; i < s->ncron_jobs; i++) {
		const struct cron_job *cj = &s->cron_jobs[i];

		json_obj_begin(j);
		json_kstr(j, "file", cj->file->path);
		json_kuint(j, "line", cj->line);
		if (cj->schedule)
			json_kstr(j, "schedule", cj->schedule);
		if (cj->interval < (1u << 20))
			json_kuint(j, "interval_minutes", cj->interval);
		if (cj->user)
			json_kstr(j, "user", cj->user);
		json_kstr(j, "command", cj->command);
		if (cj->url)
			json_kstr(j, "url", cj->url);
		if (cj->path)
			json_kstr(j, "path", cj->path);
		json_kuint(j, "flags", cj->flags);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "ssh_keys");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nssh_keys; i++) {
		const struct ssh_key *k = &s->ssh_keys[i];
		char mode[8];

		json_obj_begin(j);
		json_kstr(j, "path", k->path);
		json_kuint(j, "line", k->line);
		json_kstr(j, "account", k->user);
		json_kuint(j, "uid", k->uid);
		json_kstr(j, "type", k->type);
		json_kstr(j, "fingerprint", k->fingerprint);
		if (k->comment && k->comment[0])
			json_kstr(j, "comment", k->comment);
		if (k->command)
			json_kstr(j, "forced_command", k->command);
		if (k->from)
			json_kstr(j, "from", k->from);
		json_kuint(j, "file_uid", k->file_uid);
		snprintf(mode, sizeof(mode), "%04o", k->file_mode & 07777);
		json_kstr(j, "file_mode", mode);
		if (k->config_pattern)
			json_kstr(j, "authorized_keys_file", k->config_pattern);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "sudo_rules");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nsudo_rules; i++) {
		static const char *const kinds[] = { "file", "rule",
			"defaults", "user_alias" };
		const struct sudo_rule *r = &s->sudo_rules[i];
		char mode[8];

		json_obj_begin(j);
		json_kstr(j, "file", r->file);
		json_kuint(j, "line", r->line);
		json_kstr(j, "kind", kinds[r->kind & 3]);
		if (r->kind == SUDO_FILE) {
			json_kuint(j, "uid", r->file_uid);
			snprintf(mode, sizeof(mode), "%04o",
			    r->file_mode & 07777);
			json_kstr(j, "mode", mode);
		} else {
			json_kstr(j, "users", r->users);
			if (r->members && strcmp(r->members, r->users) != 0)
				json_kstr(j, "members", r->members);
			if (r->kind == SUDO_RULE)
				json_kstr(j, "hosts", r->hosts);
			if (r->runas)
				json_kstr(j, "runas", r->runas);
			json_kstr(j, "commands", r->commands);
			json_kuint(j, "flags", r->flags);
		}
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "sshd_options");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nsshd_opts; i++) {
		const struct sshd_opt *o = &s->sshd_opts[i];

		json_obj_begin(j);
		json_kstr(j, "file", o->file);
		json_kuint(j, "line", o->line);
		json_kstr(j, "keyword", o->keyword);
		json_kstr(j, "value", o->value);
		if (o->match)
			json_kstr(j, "match", o->match);
		json_kbool(j, "effective", o->effective);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "startup_files");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nstartup_files; i++) {
		static const char *const kinds[] = { "unit", "user-unit",
			"generator", "init.d", "rc.local", "shell", "user-shell",
			"environment", "udev", "motd" };
		static const char *const magics[] = { "text", "redis", "elf",
			"binary" };
		const struct startup_file *sf = &s->startup_files[i];
		char mode[8];

		json_obj_begin(j);
		json_kstr(j, "path", sf->path);
		json_kstr(j, "kind", kinds[sf->kind]);
		if (sf->unit)
			json_kstr(j, "unit", sf->unit);
		if (sf->user)
			json_kstr(j, "user", sf->user);
		if (sf->link)
			json_kstr(j, "link_target", sf->link);
		json_kuint(j, "uid", sf->uid);
		snprintf(mode, sizeof(mode), "%04o", sf->mode & 07777);
		json_kstr(j, "mode", mode);
		json_kuint(j, "size", sf->size);
		if (sf->read_err)
			json_kstr(j, "read_error", rm_strerror(sf->read_err));
		else
			json_kstr(j, "content", magics[sf->magic & 3]);
		if (sf->truncated)
			json_kbool(j, "truncated", true);
		if (sf->pkgdb)
			json_kbool(j, "packaged", sf->packaged);
		if (sf->immutable)
			json_kbool(j, "immutable", true);
		if (sf->restart_always)
			json_kstr(j, "restart", "always");
		if (sf->timer)
			json_kstr(j, "timer", sf->timer);
		if (sf->invalid)
			json_kuint(j, "invalid_lines", sf->invalid);
		if (sf->owners_unknown)
			json_kbool(j, "owners_unknown", true);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "startup_lines");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nstartup; i++) {
		const struct startup_entry *se = &s->startup[i];

		if (se->line == 0)
			continue;  /* the file itself: startup_files */
		json_obj_begin(j);
		json_kstr(j, "file", se->file->path);
		json_kuint(j, "line", se->line);
		if (se->directive)
			json_kstr(j, "directive", se->directive);
		if (se->command)
			json_kstr(j, "command", se->command);
		if (se->url)
			json_kstr(j, "url", se->url);
		if (se->path)
			json_kstr(j, "path", se->path);
		if (se->program)
			json_kstr(j, "program", se->program);
		if (se->lib)
			json_kstr(j, "library", se->lib);
		json_kuint(j, "flags", se->flags);
		json_kuint(j, "startup_flags", se->sflags);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "packages");
	json_obj_begin(j);
	json_kbool(j, "read", s->pkg_db.read);
	json_kuint(j, "packages", s->pkg_db.packages);
	json_kuint(j, "paths", s->pkg_db.paths);
	json_kuint(j, "diversions", s->pkg_db.diversions);
	json_kuint(j, "conffiles", s->pkg_db.conffiles);
	json_kuint(j, "files_walked", s->pkg_db.walked);
	json_kuint(j, "files_hashed", s->pkg_db.hashed);
	json_kuint(j, "elapsed_us", s->pkg_db.elapsed_us);
	json_obj_end(j);

	json_key(j, "pkg_files");
	json_arr_begin(j);
	for (size_t i = 0; i < s->npkg_files; i++) {
		static const char *const checks[] = { "pam_module", "pam_conf",
			"system_binary", "rootkit_target", "setuid" };
		const struct pkg_file *pf = &s->pkg_files[i];
		char mode[8];

		json_obj_begin(j);
		json_kstr(j, "path", pf->path);
		json_key(j, "checks");
		json_arr_begin(j);
		for (size_t c = 0; c < sizeof(checks) / sizeof(checks[0]); c++)
			if (pf->checks & (1u << c))
				json_str(j, checks[c]);
		json_arr_end(j);
		json_key(j, "packages");
		json_arr_begin(j);
		for (uint32_t o = 0; o < pf->nowners; o++)
			json_str(j, pf->owners[o]);
		json_arr_end(j);
		if (pf->conffile)
			json_kbool(j, "conffile", true);
		if (pf->local_diversion)
			json_kbool(j, "local_diversion", true);
		if (pf->md5)
			json_kstr(j, "md5", pf->md5);
		if (pf->md5_expected)
			json_kstr(j, "md5_expected", pf->md5_expected);
		if (pf->md5 && pf->md5_expected)
			json_kbool(j, "md5_match", pf->md5_match);
		if (pf->sha256)
			json_kstr(j, "sha256", pf->sha256);
		if (pf->copy_of)
			json_kstr(j, "copy_of", pf->copy_of);
		if (pf->os_tree)
			json_kstr(j, "os_tree", pf->os_tree);
		if (pf->link)
			json_kstr(j, "link", pf->link);
		if (pf->elf)
			json_kbool(j, "elf", true);
		json_kuint(j, "uid", pf->uid);
		json_kuint(j, "gid", pf->gid);
		snprintf(mode, sizeof(mode), "%04o", pf->mode & 07777);
		json_kstr(j, "mode", mode);
		json_kuint(j, "size", pf->size);
		if (pf->read_err)
			json_kstr(j, "read_error", rm_strerror(pf->read_err));
		if (pf->npam_refs) {
			json_key(j, "pam_lines");
			json_arr_begin(j);
			for (uint32_t r = 0; r < pf->npam_refs; r++)
				json_str(j, pf->pam_refs[r]);
			json_arr_end(j);
		}
		if (pf->pam_outside)
			json_kbool(j, "pam_outside_module_dirs", true);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "services");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nservices; i++) {
		static const char *const kinds[] = {
			[SVC_DOCKER] = "docker",
			[SVC_KUBELET] = "kubelet",
			[SVC_KUBELET_RO] = "kubelet_read_only",
			[SVC_ETCD] = "etcd",
			[SVC_PORTAINER_AGENT] = "portainer_agent",
			[SVC_REDIS] = "redis",
		};
		static const char *const guards[] = { "unknown", "none",
			"weak", "on" };
		const struct service *sv = &s->services[i];

		json_obj_begin(j);
		json_kstr(j, "kind", sv->kind < sizeof(kinds) /
		    sizeof(kinds[0]) && kinds[sv->kind] ? kinds[sv->kind] :
		    "?");
		json_kint(j, "pid", sv->pid);
		if (sv->exe)
			json_kstr(j, "exe", sv->exe);
		if (sv->pid)
			json_kuint(j, "netns", sv->netns);
		if (sv->addr)
			json_kstr(j, "address", sv->addr);
		json_kuint(j, "port", sv->port);
		json_kuint(j, "listeners", sv->nlisteners);
		json_kbool(j, "loopback", sv->loopback);
		json_kbool(j, "genuine", sv->genuine);
		json_kstr(j, "guard", guards[sv->guard & 3]);
		if (sv->guard_why)
			json_kstr(j, "why", sv->guard_why);
		if (sv->config)
			json_kstr(j, "config", sv->config);
		if (sv->config_line)
			json_kuint(j, "config_line", sv->config_line);
		if (sv->setting)
			json_kstr(j, "setting", sv->setting);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "containers");
	json_arr_begin(j);
	for (size_t i = 0; i < s->ncontainers; i++) {
		const struct container *c = &s->containers[i];

		json_obj_begin(j);
		json_kstr(j, "id", c->id);
		if (c->name)
			json_kstr(j, "name", c->name);
		if (c->image)
			json_kstr(j, "image", c->image);
		json_kbool(j, "running", c->running);
		json_kbool(j, "privileged", c->privileged);
		json_kbool(j, "pid_host", c->pid_host);
		json_kbool(j, "network_host", c->net_host);
		json_kbool(j, "cap_sys_admin", c->cap_sys_admin);
		if (c->monitoring)
			json_kstr(j, "monitoring_image", c->monitoring);
		json_key(j, "host_mounts");
		json_arr_begin(j);
		for (uint32_t k = 0; k < c->nmounts; k++) {
			json_obj_begin(j);
			json_kstr(j, "source", c->mounts[k].source);
			json_kstr(j, "destination", c->mounts[k].dest);
			json_kbool(j, "read_only", c->mounts[k].ro);
			json_obj_end(j);
		}
		json_arr_end(j);
		if (c->parse_error)
			json_kbool(j, "malformed", true);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "imds");
	json_obj_begin(j);
	json_kbool(j, "probed", s->imds.probed);
	if (s->imds.cloud)
		json_kstr(j, "cloud", s->imds.cloud);
	if (s->imds.why_not)
		json_kstr(j, "not_probed_because", s->imds.why_not);
	if (s->imds.probed) {
		json_kint(j, "http_status", s->imds.status);
		json_kstr(j, "result", rm_strerror(s->imds.err));
		json_kuint(j, "ms", s->imds.ms);
		if (s->imds.server)
			json_kstr(j, "server", s->imds.server);
	}
	json_obj_end(j);

	json_key(j, "tampering");
	json_arr_begin(j);
	for (size_t i = 0; i < s->ntampers; i++) {
		static const char *const kinds[] = {
			[TAMPER_FLAGS] = "flags",
			[TAMPER_TOOL_COPY] = "tool_copy",
			[TAMPER_TOOL_MISSING] = "tool_missing",
			[TAMPER_TOOL_REPLACED] = "tool_replaced",
			[TAMPER_HIST_LINK] = "history_link",
			[TAMPER_HIST_LINE] = "history_line",
			[TAMPER_LOG_LINK] = "log_link",
			[TAMPER_LOG_OVERWRITTEN] = "log_overwritten",
			[TAMPER_LOG_EMPTIED] = "log_emptied",
			[TAMPER_LOG_GONE] = "log_gone",
			[TAMPER_AGENT_GONE] = "agent_gone",
			[TAMPER_AGENT_NOBIN] = "agent_no_binaries",
			[TAMPER_UNIT_MASKED] = "unit_masked",
			[TAMPER_UNIT_DISABLED] = "unit_disabled",
			[TAMPER_SELINUX_CONFIG] = "selinux_config",
			[TAMPER_SELINUX_OFF] = "selinux_off",
			[TAMPER_APPARMOR_OFF] = "apparmor_off",
			[TAMPER_HOSTS_SECURITY] = "hosts_security",
			[TAMPER_HOSTS_POOL] = "hosts_pool",
		};
		const struct tamper *t = &s->tampers[i];
		char mode[8];

		json_obj_begin(j);
		json_kstr(j, "kind", (size_t)t->kind < sizeof(kinds) /
		    sizeof(kinds[0]) && kinds[t->kind] ? kinds[t->kind] : "?");
		json_kstr(j, "path", t->path);
		if (t->detail)
			json_kstr(j, "detail", t->detail);
		if (t->detail2)
			json_kstr(j, "detail2", t->detail2);
		if (t->line)
			json_kuint(j, "line", t->line);
		json_kuint(j, "flags", t->flags);
		if (t->mode) {
			snprintf(mode, sizeof(mode), "%04o", t->mode & 07777);
			json_kstr(j, "mode", mode);
			json_kuint(j, "uid", t->uid);
		}
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "web_files");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nweb_files; i++) {
		static const char *const kinds[] = {
			[WEBF_KIT_PAGE] = "kit_page",
			[WEBF_KIT_ARCHIVE] = "kit_archive",
			[WEBF_BRAND_DIR] = "brand_dir",
			[WEBF_DROP] = "drop",
		};
		const struct web_file *w = &s->web_files[i];
		char mode[8];

		json_obj_begin(j);
		json_kstr(j, "kind", (size_t)w->kind < sizeof(kinds) /
		    sizeof(kinds[0]) && kinds[w->kind] ? kinds[w->kind] : "?");
		json_kstr(j, "path", w->path);
		if (w->webroot)
			json_kstr(j, "web_root", w->webroot);
		if (w->brand)
			json_kstr(j, "brand", w->brand);
		if (w->kind == WEBF_KIT_PAGE)
			json_kuint(j, "bits", w->bits);
		if (w->kind == WEBF_DROP) {
			json_kuint(j, "lines", w->lines);
			json_kuint(j, "credential_records", w->creds);
		}
		snprintf(mode, sizeof(mode), "%04o", w->mode & 07777);
		json_kstr(j, "mode", mode);
		json_kuint(j, "uid", w->uid);
		json_kuint(j, "size", w->size);
		json_kbool(j, "web_owner", w->web_owner);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_key(j, "data_files");
	json_arr_begin(j);
	for (size_t i = 0; i < s->ndata_files; i++) {
		static const char *const kinds[] = {
			[DATAF_ARCHIVE] = "archive",
			[DATAF_DUMP] = "dump",
			[DATAF_NOTE] = "ransom_note",
			[DATAF_ENC_DIR] = "encrypted_dir",
			[DATAF_RCLONE] = "rclone_remote",
			[DATAF_HIST] = "history_line",
		};
		static const char *const areas[] = {
			[DAREA_WEB] = "web", [DAREA_TMP] = "tmp",
			[DAREA_HIDDEN] = "hidden", [DAREA_HOME] = "home",
			[DAREA_SRV] = "srv",
		};
		const struct data_file *d = &s->data_files[i];

		json_obj_begin(j);
		json_kstr(j, "kind", (size_t)d->kind < sizeof(kinds) /
		    sizeof(kinds[0]) && kinds[d->kind] ? kinds[d->kind] : "?");
		json_kstr(j, "path", d->path);
		json_kstr(j, "area", (size_t)d->area < sizeof(areas) /
		    sizeof(areas[0]) && areas[d->area] ? areas[d->area] : "?");
		if (d->detail)
			json_kstr(j, "detail", d->detail);
		if (d->detail2)
			json_kstr(j, "detail2", d->detail2);
		if (d->user)
			json_kstr(j, "user", d->user);
		if (d->count)
			json_kuint(j, "count", d->count);
		if (d->line)
			json_kuint(j, "line", d->line);
		json_kuint(j, "uid", d->uid);
		json_kuint(j, "size", d->size);
		json_kbool(j, "recent", d->recent);
		if (d->backup_path)
			json_kbool(j, "backup_path", true);
		json_obj_end(j);
	}
	json_arr_end(j);

	/* credential stores: names and fingerprints only, never a secret */
	json_key(j, "credentials");
	json_arr_begin(j);
	for (size_t i = 0; i < s->ncred_files; i++) {
		static const char *const reach[] = { "owner", "group", "world" };
		const struct cred_file *c = &s->cred_files[i];
		char mode[8];

		json_obj_begin(j);
		json_kstr(j, "path", c->path);
		json_kstr(j, "kind", credpath_kind_name(c->kind));
		if (c->user)
			json_kstr(j, "account", c->user);
		json_kuint(j, "uid", c->uid);
		json_kuint(j, "gid", c->gid);
		snprintf(mode, sizeof(mode), "%04o", c->mode & 07777);
		json_kstr(j, "mode", mode);
		json_kint(j, "mtime", c->mtime);
		json_kuint(j, "size", c->size);
		json_kstr(j, "readable_by", reach[c->reach % 3]);
		if (c->fingerprint)
			json_kstr(j, "fingerprint", c->fingerprint);
		if (c->detail)
			json_kstr(j, "detail", c->detail);
		json_key(j, "names");
		json_arr_begin(j);
		for (uint32_t k = 0; k < c->nnames; k++)
			json_str(j, c->names[k]);
		json_arr_end(j);
		json_kbool(j, "recognised", c->recognised);
		json_kbool(j, "secret_present", c->has_secret);
		if (c->kind == CRED_SSH_KEY)
			json_kbool(j, "passphrase", c->encrypted);
		if (c->truncated)
			json_kbool(j, "truncated", true);
		if (c->read_err)
			json_kstr(j, "read_error", rm_strerror(c->read_err));
		json_obj_end(j);
	}
	json_arr_end(j);
	json_kuint(j, "credentials_elapsed_us", s->cred_elapsed_us);
	json_key(j, "access_artefacts");
	json_arr_begin(j);
	for (size_t i = 0; i < s->nartefacts; i++) {
		const struct artefact *t = &s->artefacts[i];
		char mode[8];

		json_obj_begin(j);
		json_kstr(j, "kind", acc_art_name(t->kind));
		json_kstr(j, "path", t->path);
		if (t->detail)
			json_kstr(j, "detail", t->detail);
		if (t->user)
			json_kstr(j, "user", t->user);
		json_kbool(j, "dir", t->dir);
		snprintf(mode, sizeof(mode), "%04o", t->mode & 07777);
		json_kstr(j, "mode", mode);
		json_kuint(j, "uid", t->uid);
		json_kuint(j, "size", t->size);
		json_obj_end(j);
	}
	json_arr_end(j);
	logins_json(j, s);
	json_obj_end(j);
}

void
out_tool_json(struct json *j)
{
	json_key(j, "tool");
	json_obj_begin(j);
	json_kstr(j, "name", "rookmelder");
	json_kstr(j, "version", RM_VERSION);
	json_obj_end(j);
}

/* One incident: the contract's keys (id, severity, summary, findings,
 * timeline, actions), then what it adds: stage, story, plan (the actions
 * as data) and the counts the caps left out. */
static void
incident_json(struct json *j, const struct incident *inc)
{
	char ts[32];

	json_obj_begin(j);
	json_kstr(j, "id", inc->id);
	json_kstr(j, "severity", severity_name(inc->severity));
	json_kstr(j, "summary", inc->summary ? inc->summary : "");
	json_key(j, "findings");
	json_arr_begin(j);
	for (size_t i = 0; i < inc->nf; i++)
		json_str(j, inc->f[i]->id);
	json_arr_end(j);
	json_key(j, "timeline");
	json_arr_begin(j);
	for (size_t i = 0; i < inc->ntl; i++) {
		io_rfc3339_sec(inc->tl[i].time, ts);
		json_obj_begin(j);
		json_kstr(j, "time", ts);
		json_kstr(j, "event", inc->tl[i].event);
		json_kstr(j, "source", inc->tl[i].source);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_key(j, "actions");
	json_arr_begin(j);
	for (size_t i = 0; i < inc->nplan; i++)
		json_str(j, inc->plan[i].text);
	json_arr_end(j);
	json_kstr(j, "stage", inc->stage ? inc->stage : "");
	json_kbool(j, "miner", inc->miner);
	json_kbool(j, "times_disagree", inc->times_disagree);
	json_key(j, "story");
	json_arr_begin(j);
	for (size_t i = 0; i < inc->nstory; i++)
		json_str(j, inc->story[i]);
	json_arr_end(j);
	json_key(j, "plan");
	json_arr_begin(j);
	for (size_t i = 0; i < inc->nplan; i++) {
		json_obj_begin(j);
		json_kuint(j, "step", i + 1);
		json_kstr(j, "do", plan_do_name(inc->plan[i].what));
		json_kstr(j, "target", inc->plan[i].target);
		json_obj_end(j);
	}
	json_arr_end(j);
	if (inc->nf_dropped)
		json_kuint(j, "findings_dropped", inc->nf_dropped);
	if (inc->ntl_dropped)
		json_kuint(j, "timeline_dropped", inc->ntl_dropped);
	if (inc->nplan_dropped)
		json_kuint(j, "actions_dropped", inc->nplan_dropped);
	json_obj_end(j);
}

void
out_json(struct buf *b, const struct report *r)
{
	const struct snapshot *s = r->s;
	struct json j;
	char ts[32];

	json_init(&j, b);
	json_obj_begin(&j);
	out_tool_json(&j);
	json_key(&j, "host");
	json_obj_begin(&j);
	json_kstr(&j, "name", s->host.hostname ? s->host.hostname : "");
	json_kstr(&j, "kernel", s->host.kernel ? s->host.kernel : "");
	json_kstr(&j, "root", s->root);
	json_obj_end(&j);

	io_rfc3339(r->started_ms, ts);
	json_key(&j, "scan");
	json_obj_begin(&j);
	json_kstr(&j, "started", ts);
	json_kuint(&j, "duration_ms", r->duration_ms);
	json_kuint(&j, "processes", s->nprocs);
	json_kuint(&j, "sockets", s->nsocks);
	json_kuint(&j, "network_namespaces", s->nnetns);
	json_kuint(&j, "accounts", s->naccounts);
	json_kuint(&j, "vanished", s->vanished);
	json_kuint(&j, "partial", s->partial);
	json_kuint(&j, "parse_errors", s->parse_errors);
	json_key(&j, "cpu_window_s");
	json_double(&j, r->cpu_window, 2);
	if (s->yara.ran) {
		const struct yara_stats *y = &s->yara;

		json_key(&j, "yara");
		json_obj_begin(&j);
		json_kuint(&j, "rules", y->rules);
		json_kuint(&j, "rule_files", y->rule_files);
		json_kuint(&j, "rules_failed", y->rules_failed);
		json_kbool(&j, "cached", y->cached);
		json_kuint(&j, "files", y->files);
		json_kuint(&j, "bytes", y->bytes);
		json_kuint(&j, "processes", y->processes);
		json_kuint(&j, "memory_bytes", y->mem_bytes);
		json_key(&j, "skipped");
		json_obj_begin(&j);
		json_kuint(&j, "size", y->skipped_size);
		json_kuint(&j, "format", y->skipped_type);
		json_kuint(&j, "other", y->skipped_other);
		json_kuint(&j, "timeouts", y->timeouts);
		json_obj_end(&j);
		json_kuint(&j, "load_ms", y->load_ms);
		json_kuint(&j, "scan_ms", y->scan_ms);
		json_obj_end(&j);
	}
	json_key(&j, "skipped");
	json_arr_begin(&j);
	for (size_t i = 0; i < s->nskipped; i++) {
		json_obj_begin(&j);
		json_kstr(&j, "check", s->skipped[i].check);
		json_kstr(&j, "reason", s->skipped[i].reason);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);

	json_key(&j, "findings");
	json_arr_begin(&j);
	for (size_t i = 0; i < r->fs->n; i++)
		out_finding_json(&j, r->fs->v[i]);
	json_arr_end(&j);
	json_key(&j, "incidents");
	json_arr_begin(&j);
	for (size_t i = 0; r->inc && i < r->inc->n; i++)
		incident_json(&j, &r->inc->v[i]);
	json_arr_end(&j);
	if (r->facts)
		facts_json(&j, s);
	json_obj_end(&j);
	buf_putc(b, '\n');
}

void
out_ndjson(struct buf *b, const struct report *r)
{
	char ts[32];

	io_rfc3339(r->started_ms, ts);
	for (size_t i = 0; i < r->fs->n; i++) {
		struct json j;

		json_init(&j, b);
		json_obj_begin(&j);
		json_kstr(&j, "@timestamp", ts);
		json_key(&j, "event");
		json_obj_begin(&j);
		json_kstr(&j, "kind", "alert");
		json_kstr(&j, "module", "rookmelder");
		json_kstr(&j, "dataset", "rookmelder.finding");
		json_obj_end(&j);
		json_key(&j, "host");
		json_obj_begin(&j);
		json_kstr(&j, "name", r->s->host.hostname ? r->s->host.hostname
		    : "");
		json_obj_end(&j);
		finding_fields(&j, r->fs->v[i]);
		json_obj_end(&j);
		buf_putc(b, '\n');
	}
}
