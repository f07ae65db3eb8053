/*
 * det_root_bpf.c - RM-ROOT-004: a kernel hook that may hide things: a BPF
 * program named for hiding, a tracing program named after directory
 * listing, or an ftrace hook that a module put on getdents64, filldir,
 * kill or the /proc/net readers.
 *
 * eBPF rootkits (TripleCross, ebpfkit, boopkit) attach tracing programs
 * to getdents64 and rewrite what user space reads with
 * bpf_probe_write_user, hiding files and processes without a module.
 * collect/bpf.c lists every loaded program (type, name, owner).  Which
 * function a program is attached to is not known, so the judgement is by
 * name and type, and kept modest: a name about hiding ("hide", "rootkit",
 * "stealth") is high; a tracing program whose name is about directory
 * listing ("getdents", "filldir") is medium with low confidence, since
 * observability agents trace those syscalls too.
 *
 * ftrace rootkits (Singularity, KoviD and the ftrace_helper.h family)
 * register ftrace_ops on the syscall or VFS function and show up in
 * tracefs enabled_functions with their module in brackets; livepatch and
 * kpatch modules (known-good in rootkit-modules.txt) are left alone.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../core/ioc.h"
#include "detector.h"

/* Kernel functions whose hooking hides processes, files, connections. */
static const char *
sensitive_func(const char *fn)
{
	static const char *const v[] = { "getdents", "filldir",
		"iterate_dir", "proc_pid_readdir", "proc_root_readdir",
		"proc_pid_lookup", "sys_kill", "tcp4_seq_show", "tcp6_seq_show",
		"udp4_seq_show", "udp6_seq_show", "packet_rcv", "tpacket_rcv",
		"sys_bpf", "audit_log", "vfs_read", "sys_read", "sys_openat",
		"do_sys_open", "sys_statx", "sys_newfstatat", "sys_ptrace",
		"load_module", "sys_init_module", "sys_finit_module",
		"sys_delete_module", NULL };

	for (int i = 0; v[i]; i++)
		if (strstr(fn, v[i]))
			return v[i];
	return NULL;
}

static void
check_ftrace(const struct detector *d, const struct snapshot *s,
	     const struct host *h, struct findings *out)
{
	for (uint32_t i = 0; i < h->nftrace_hooks; i++) {
		const struct ftrace_hook_fact *fh = &h->ftrace_hooks[i];
		const char *w = sensitive_func(fh->func);
		struct finding *f;

		if (w == NULL || (s->ioc && ioc_good_module(s->ioc,
		    fh->module)))
			continue;
		f = findings_add(out, d, "Module %.64s hooks the kernel "
		    "function %.128s through ftrace: the way ftrace rootkits "
		    "hide processes, files and connections", fh->module,
		    fh->func);
		f->severity = SEV_HIGH;
		f->confidence = CONF_MEDIUM;
		finding_ev_str(f, "hooked_function", fh->func);
		finding_ev_str(f, "hook_module", fh->module);
		finding_ev_str(f, "matched", w);
		finding_ev_int(f, "ftrace_hooked_functions", h->nftrace_funcs);
	}
}

static const char *
type_name(uint32_t t)
{
	static const char *const n[] = { "unspec", "socket_filter", "kprobe",
		"sched_cls", "sched_act", "tracepoint", "xdp", "perf_event",
		"cgroup_skb", "cgroup_sock", "lwt_in", "lwt_out", "lwt_xmit",
		"sock_ops", "sk_skb", "cgroup_device", "sk_msg",
		"raw_tracepoint", "cgroup_sock_addr", "lwt_seg6local",
		"lirc_mode2", "sk_reuseport", "flow_dissector",
		"cgroup_sysctl", "raw_tracepoint_writable", "cgroup_sockopt",
		"tracing", "struct_ops", "ext", "lsm", "sk_lookup", "syscall",
		"netfilter" };

	return t < sizeof(n) / sizeof(n[0]) ? n[t] : "unknown";
}

static bool
tracing(uint32_t t)
{
	return t == 2 || t == 5 || t == 7 || t == 17 || t == 24 || t == 26 ||
	    t == 29;
}

static const char *
has_word(const char *low, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (strstr(low, words[i]))
			return words[i];
	return NULL;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	static const char *const hiding[] = { "hide", "hidden", "rootkit",
		"stealth", "invisib", "cloak", NULL };
	static const char *const listing[] = { "getdents", "filldir",
		"readdir", "iterate_dir", NULL };
	const struct host *h = fa->u.host;

	check_ftrace(d, s, h, out);
	for (uint32_t i = 0; i < h->nbpf_progs; i++) {
		const struct bpf_prog_fact *p = &h->bpf_progs[i];
		char low[32];
		const char *w;
		bool hide;
		struct finding *f;
		size_t k;

		for (k = 0; p->name[k] && k < sizeof(low) - 1; k++)
			low[k] = (char)tolower((unsigned char)p->name[k]);
		low[k] = '\0';
		if ((w = has_word(low, hiding)) != NULL)
			hide = true;
		else if (tracing(p->type) && (w = has_word(low, listing)))
			hide = false;
		else
			continue;
		f = findings_add(out, d, hide ? "BPF program %u \"%.16s\" "
		    "(%s) is named for hiding: an eBPF rootkit?" :
		    "BPF program %u \"%.16s\" (%s) traces directory listing, "
		    "as eBPF rootkits that hide files do", p->id, p->name,
		    type_name(p->type));
		f->severity = hide ? SEV_HIGH : SEV_MEDIUM;
		f->confidence = hide ? CONF_MEDIUM : CONF_LOW;
		finding_ev_int(f, "bpf_prog_id", p->id);
		finding_ev_str(f, "bpf_prog_name", p->name);
		finding_ev_str(f, "bpf_prog_type", type_name(p->type));
		finding_ev_str(f, "matched", w);
		finding_ev_int(f, "loaded_by_uid", p->uid);
		finding_ev_str(f, "tag", p->tag);
		finding_ev_int(f, "loaded_s_after_boot",
		    (int64_t)(p->load_ns / 1000000000u));
	}
}

const struct detector det_root_bpf = {
	.id = "RM-ROOT-004",
	.name = "Kernel hook that may hide things (BPF, ftrace)",
	.category = CAT_ROOTKIT,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1014"),
	.description = "A BPF program named for hiding or tracing directory "
	    "listing, or a module's ftrace hook on getdents64, filldir, kill "
	    "or /proc/net readers: the shape of a BPF or ftrace rootkit.",
	.remediation = "Look at the program (bpftool prog show id ID; bpftool "
	    "prog dump xlated id ID) and at the process that holds it "
	    "(grep -l prog_id /proc/*/fdinfo/*), or at the module (modinfo, "
	    "RM-ROOT-003); if nobody on this host loaded it on purpose, treat "
	    "the kernel as compromised: isolate the host and rebuild it.",
	.kinds = FACT_HOST,
	.check = check,
};
