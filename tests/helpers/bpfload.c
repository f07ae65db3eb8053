/*
 * bpfload TYPE NAME [SECS] - load a do-nothing BPF program (r0 = 0; exit)
 * of TYPE (kprobe, socket_filter, tracepoint) named NAME, keep it loaded
 * (not attached) for SECS seconds (default 60) or until the parent dies,
 * and print "ready <pid> <prog id>".  Stands in for an eBPF rootkit's
 * program in tests/e2e/35-hidden-process.sh; it hooks nothing.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct bpf_insn prog[2];
	struct bpf_prog_info info;
	union bpf_attr a;
	long fd;
	int type;

	if (argc < 3) {
		fprintf(stderr, "usage: bpfload TYPE NAME [SECS]\n");
		return 2;
	}
	if (strcmp(argv[1], "kprobe") == 0)
		type = BPF_PROG_TYPE_KPROBE;
	else if (strcmp(argv[1], "tracepoint") == 0)
		type = BPF_PROG_TYPE_TRACEPOINT;
	else
		type = BPF_PROG_TYPE_SOCKET_FILTER;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	memset(prog, 0, sizeof(prog));
	prog[0].code = BPF_ALU64 | BPF_MOV | BPF_K;    /* r0 = 0 */
	prog[1].code = BPF_JMP | BPF_EXIT;
	memset(&a, 0, sizeof(a));
	a.prog_type = (uint32_t)type;
	a.insns = (uint64_t)(uintptr_t)prog;
	a.insn_cnt = 2;
	a.license = (uint64_t)(uintptr_t)"GPL";
	snprintf(a.prog_name, sizeof(a.prog_name), "%s", argv[2]);
	fd = syscall(SYS_bpf, BPF_PROG_LOAD, &a, sizeof(a));
	if (fd < 0) {
		fprintf(stderr, "bpfload: BPF_PROG_LOAD: %s\n", strerror(errno));
		return 1;
	}
	memset(&info, 0, sizeof(info));
	memset(&a, 0, sizeof(a));
	a.info.bpf_fd = (uint32_t)fd;
	a.info.info_len = sizeof(info);
	a.info.info = (uint64_t)(uintptr_t)&info;
	if (syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &a, sizeof(a)) < 0)
		info.id = 0;
	printf("ready %d %u\n", (int)getpid(), info.id);
	fflush(stdout);
	sleep(argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 60);
	return 0;
}
