/*
 * bpf.c - the BPF programs loaded in the kernel, by raw bpf(2) calls
 * (BPF_PROG_GET_NEXT_ID, BPF_PROG_GET_FD_BY_ID, BPF_OBJ_GET_INFO_BY_FD):
 * id, type, name, owner and load time.  eBPF rootkits (TripleCross,
 * ebpfkit, boopkit) attach tracing programs to getdents64 and friends to
 * hide files and processes; an inventory names them.  Which function a
 * program is attached to is not read (links are not walked).
 *
 * Needs CAP_SYS_ADMIN; without it the check is skipped.  Hostile input:
 * the program name (16 bytes, chosen by whoever loaded it).  At most
 * RM_BPF_PROGS_MAX programs.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../core/limits.h"
#include "collect.h"

static long
sys_bpf(int cmd, union bpf_attr *a)
{
	return syscall(SYS_bpf, cmd, a, sizeof(*a));
}

void
bpf_collect(struct snapshot *s)
{
	struct host *h = &s->host;
	uint32_t id = 0, alloc = 0;

	for (;;) {
		union bpf_attr a;
		struct bpf_prog_info info;
		struct bpf_prog_fact *p;
		long fd;

		memset(&a, 0, sizeof(a));
		a.start_id = id;
		if (sys_bpf(BPF_PROG_GET_NEXT_ID, &a) < 0) {
			if (errno == ENOENT)
				h->bpf_read = true;  /* the end */
			else
				snapshot_skip(s, "kernel: BPF programs",
				    "cannot list BPF programs (%s)",
				    errno == EPERM ? "needs root" :
				    strerror(errno));
			return;
		}
		id = a.next_id;
		if (h->nbpf_progs >= RM_BPF_PROGS_MAX) {
			snapshot_skip(s, "kernel: BPF programs", "more than %u "
			    "programs: the rest were not looked at",
			    RM_BPF_PROGS_MAX);
			h->bpf_read = true;
			return;
		}
		memset(&a, 0, sizeof(a));
		a.prog_id = id;
		fd = sys_bpf(BPF_PROG_GET_FD_BY_ID, &a);
		if (fd < 0)
			continue;  /* unloaded meanwhile */
		memset(&info, 0, sizeof(info));
		memset(&a, 0, sizeof(a));
		a.info.bpf_fd = (uint32_t)fd;
		a.info.info_len = sizeof(info);
		a.info.info = (uint64_t)(uintptr_t)&info;
		if (sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &a) < 0) {
			close((int)fd);
			continue;
		}
		close((int)fd);
		if (h->nbpf_progs == alloc) {
			struct bpf_prog_fact *nv;

			alloc = alloc ? alloc * 2 : 16;
			nv = arena_alloc(&s->arena, alloc * sizeof(*nv));
			if (h->nbpf_progs)
				memcpy(nv, h->bpf_progs, h->nbpf_progs *
				    sizeof(*nv));
			h->bpf_progs = nv;
		}
		p = &h->bpf_progs[h->nbpf_progs++];
		p->id = info.id;
		p->type = info.type;
		p->name = arena_strndup(&s->arena, info.name,
		    strnlen(info.name, sizeof(info.name)));
		p->uid = info.created_by_uid;
		p->load_ns = info.load_time;
		for (int i = 0; i < 8; i++) {
			static const char hex[] = "0123456789abcdef";

			p->tag[2 * i] = hex[info.tag[i] >> 4];
			p->tag[2 * i + 1] = hex[info.tag[i] & 15];
		}
		p->tag[16] = '\0';
	}
}
