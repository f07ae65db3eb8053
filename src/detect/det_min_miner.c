/*
 * det_min_miner.c - RM-MIN-001: a cryptominer process, found from what a
 * miner cannot avoid doing rather than from its name.
 *
 * Signals (miner.c): CPU burnt now, an established connection to a pool
 * port or a known pool, stratum login/job messages in its memory (seen
 * even through TLS, encrypted configs and packers), miner strings in its
 * binary, a miner config beside it, pool/wallet/options in its command
 * line, an open MSR device or the kernel's MSR-write warning naming it,
 * huge pages, and a disguise.  Severity and confidence grow with the
 * number of independent kinds of evidence; the evidence object lists
 * each one.  False positives to expect: none from CPU, ports or a planted
 * string alone (a finding needs content or kernel evidence, critical needs
 * three kinds); distribution-installed monerod/xmrig running as themselves
 * are RM-MIN-004 instead.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "../collect/sock_parse.h"
#include "../core/xmalloc.h"
#include "detect_util.h"
#include "detector.h"
#include "miner.h"

static void
stratum_list(struct finding *f, unsigned bits)
{
	static const char *const names[] = {
		"login", "job", "submit", "seed_hash", "mining.subscribe",
		"mining.authorize", "mining.notify", "mining.submit",
		"keepalived",
	};

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (bits & (1u << i))
			finding_ev_list_add(f, "stratum_methods", names[i]);
}

/* What the host shows that miners do, added to the process's finding. */
static void
host_tuning(struct finding *f, const struct host *h)
{
	if (h->msr_allow_writes && strcmp(h->msr_allow_writes, "on") == 0)
		finding_ev_str(f, "msr_allow_writes", "on");
	if (h->taint > 0 && (h->taint & 4))
		finding_ev_bool(f, "kernel_taint_cpu_out_of_spec", true);
	if (h->nr_hugepages > 0)
		finding_ev_int(f, "vm_nr_hugepages", h->nr_hugepages);
	for (uint32_t i = 0; i < h->nsysctls; i++) {
		char line[512];

		snprintf(line, sizeof(line), "%s:%u %s=%s", h->sysctls[i].path,
		    h->sysctls[i].line, h->sysctls[i].key, h->sysctls[i].value);
		finding_ev_list_add(f, "persisted_tuning", line);
	}
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	const struct proc_deep *dp = p->deep;
	struct miner_view v;
	struct finding *f;
	char ip[64], what[256];
	int kinds;

	miner_assess(s, p, &v);
	if (!miner_found(&v))
		return;
	what[0] = '\0';
	if (v.pool) {
		sock_addr_str(v.pool, true, ip, sizeof(ip));
		snprintf(what, sizeof(what), ", connected to %s%s%s:%u",
		    v.pool_name ? v.pool_name : "", v.pool_name ? " " : "", ip,
		    v.pool->rport);
	}
	f = findings_add(out, d, "Process %d (%.64s) is a cryptominer: %lld%% "
	    "CPU%s%s", (int)p->pid, p->comm, (long long)pct_int(p->cpu_pct),
	    what, (v.signals & MS_STRATUM) ?
	    ", stratum mining messages in its memory" : "");
	finding_set_process(f, p, s);
	if (p->exe && p->exe_kind != EXE_MEMFD) {
		char path[4096];

		path_strip_deleted(p->exe, path, sizeof(path));
		finding_set_file(f, path);
	}
	if (v.pool) {
		f->dest_ip = xstrdup(ip);
		f->dest_port = v.pool->rport;
	}
	for (unsigned b = 1; b <= MS_DISGUISE; b <<= 1)
		if (v.signals & b)
			finding_ev_list_add(f, "signals", miner_signal_name(b));
	if (p->cpu_pct >= 0)
		finding_ev_int(f, "cpu_percent", pct_int(p->cpu_pct));
	finding_ev_int(f, "threads", p->threads);
	if (p->nice)
		finding_ev_int(f, "nice", p->nice);
	if (v.pool_name)
		finding_ev_str(f, "pool_name", v.pool_name);
	if (v.pool && v.pool->has_bytes)
		finding_ev_int(f, "pool_bytes_received",
		    (int64_t)v.pool->bytes_received);
	if (dp) {
		if (dp->stratum)
			stratum_list(f, dp->stratum);
		finding_ev_str(f, "agent", dp->agent);
		finding_ev_str(f, "pool_url", dp->pool_url ? dp->pool_url :
		    dp->config_pool ? dp->config_pool : dp->cmd_pool);
		finding_ev_str(f, "wallet", dp->wallet);
		if (dp->login && (dp->wallet == NULL ||
		    strncmp(dp->login, dp->wallet, strlen(dp->wallet)) != 0))
			finding_ev_str(f, "login", dp->login);
		finding_ev_str(f, "algorithm", dp->algo);
		finding_ev_str(f, "config_file", dp->config_path);
		for (uint32_t i = 0; i < dp->exe_hits.nkeep; i++)
			finding_ev_list_add(f, "binary_strings",
			    dp->exe_hits.keep[i]);
		for (uint32_t i = 0; i < dp->cmd_hits.nkeep; i++)
			finding_ev_list_add(f, "command_line_strings",
			    dp->cmd_hits.keep[i]);
		if (dp->upx)
			finding_ev_bool(f, "upx_packed", true);
		if (dp->upx_magic_altered)
			finding_ev_bool(f, "upx_magic_altered", true);
		if (dp->mem_bytes)
			finding_ev_int(f, "memory_bytes_read",
			    (int64_t)dp->mem_bytes);
		finding_ev_str(f, "package", dp->exe_package);
	}
	if (p->msr_fds)
		finding_ev_int(f, "msr_fds", p->msr_fds);
	if (v.kmsg) {
		char line[160];

		snprintf(line, sizeof(line), "msr: Write to unrecognized MSR "
		    "0x%x by %.64s (pid: %lld)", v.kmsg->msr, v.kmsg->comm,
		    (long long)v.kmsg->pid);
		finding_ev_str(f, "kernel_log", line);
	}
	if (p->hugetlb_kb)
		finding_ev_int(f, "hugetlb_kb", (int64_t)p->hugetlb_kb);
	host_tuning(f, &s->host);

	kinds = miner_nkinds(&v);
	if (v.score >= 8 && kinds >= 3)
		f->severity = SEV_CRITICAL;
	else if (v.score >= 5 && kinds >= 2)
		f->severity = SEV_HIGH;
	else
		f->severity = SEV_MEDIUM;
	f->confidence = kinds >= 3 ? CONF_HIGH : kinds == 2 ? CONF_MEDIUM :
	    CONF_LOW;
	finding_ev_int(f, "evidence_kinds", kinds);
}

const struct detector det_min_miner = {
	.id = "RM-MIN-001",
	.name = "Cryptominer process",
	.category = CAT_MINING,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1496.001"),
	.description = "A process mines cryptocurrency: stratum messages in "
	    "its memory, a pool connection, miner code, config or options, "
	    "MSR writes, burnt CPU; whatever its name.",
	.remediation = "Treat the host as compromised: the miner is rarely "
	    "alone. Freeze it (kill -STOP PID), copy /proc/PID/exe and its "
	    "config, record its connections, block the pool, then kill it. "
	    "Hunt what brought it and keeps it (cron, systemd, SSH keys, new "
	    "users, other footholds) before you reboot, and rotate the "
	    "host's credentials and cloud keys.",
	.kinds = FACT_PROC,
	.check = check,
};
