/*
 * test_proc_collect.c - the process collector on a fake procfs tree, and
 * on the live /proc.
 *
 * The fixture is a directory with "1", "2", "42", "100", "200" as /proc/PID
 * directories: stat, status, cmdline, environ and cgroup files, and the
 * links (exe, cwd, ns/..., fd/N) as ordinary symbolic links to the texts
 * the kernel would show ("/tmp/x (deleted)", "socket:[123]", ...).
 */
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "testlib.h"

#define CID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define CID2 "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

struct pfix {
	char *procdir;   /* the fake /proc */
	char *rootdir;   /* the root the exe paths are checked against */
	int procfd, rootfd;
	struct snapshot *s;
	pid_t child;
};

/* stat, status and the three namespace links. */
static void
fx_base(const char *d, int pid, const char *comm, int ppid, unsigned flags,
	long uid, const char *netns)
{
	tl_fx_pid(d, pid, comm, ppid, flags, 100 + (unsigned)pid, uid);
	tl_fx_link(d, pid, "ns/net", netns);
	tl_fx_link(d, pid, "ns/pid", "pid:[4026531836]");
	tl_fx_link(d, pid, "ns/mnt", "mnt:[4026531841]");
}

static void
build_fixture(struct pfix *f)
{
	const char *d = f->procdir;
	static const char env42[] = "LD_PRELOAD=/dev/shm/h.so\0PWD=/tmp\0"
	    "AWS_SECRET_ACCESS_KEY=abcd\0PATH=/usr/bin\0";
	static const char cg42[] = "0::/system.slice/docker-" CID ".scope\n";
	static const char cg100[] = "12:pids:/machine.slice/libpod-" CID2
	    ".scope\n1:name=systemd:/machine.slice/libpod-" CID2 ".scope\n"
	    "0::/\n";

	/* pid 1: an ordinary daemon */
	fx_base(d, 1, "systemd", 0, 0x400100, 0, "net:[4026531999]");
	tl_fx_link(d, 1, "exe", "/usr/lib/systemd/systemd");
	tl_fx_link(d, 1, "cwd", "/");
	tl_fx_file(d, 1, "cmdline", "/sbin/init\0splash\0", 18);
	tl_fx_file(d, 1, "environ", "HOME=/\0TERM=linux\0", 18);
	tl_fx_file(d, 1, "cgroup", "0::/init.scope\n", 15);
	tl_fx_link(d, 1, "fd/0", "/dev/null");
	tl_fx_link(d, 1, "fd/3", "socket:[123]");

	/* pid 2: a real kernel thread, no exe */
	fx_base(d, 2, "kthreadd", 0, 0x00208040, 0, "net:[4026531999]");
	tl_fx_file(d, 2, "cmdline", "", 0);

	/* 7: vanished before its stat was read; 8: garbage stat */
	tl_mkdirs(d, "7");
	tl_writes(d, "8/stat", "garbage\n");

	/* pid 42: a deleted binary in /tmp, replaced at the path */
	fx_base(d, 42, "kworker/0:1", 1, 0x400000, 1000, "net:[4026531999]");
	tl_fx_link(d, 42, "exe", "/tmp/.rm-unit-none/x (deleted)");
	tl_writes(f->rootdir, "tmp/.rm-unit-none/x", "new binary");
	tl_fx_link(d, 42, "root", f->rootdir);
	tl_fx_link(d, 42, "cwd", "/tmp");
	tl_fx_file(d, 42, "cmdline", "[kworker/0:1]\0", 14);
	tl_fx_file(d, 42, "environ", env42, sizeof(env42) - 1);
	tl_fx_file(d, 42, "cgroup", cg42, sizeof(cg42) - 1);
	tl_fx_link(d, 42, "fd/3", "socket:[123]");
	tl_fx_link(d, 42, "fd/4", "socket:[99]");
	tl_fx_link(d, 42, "fd/5", "/dev/cpu/0/msr");
	tl_fx_link(d, 42, "fd/6", "/dev/cpu/1/msr");
	tl_fx_link(d, 42, "fd/7", "pipe:[5]");
	/* a reverse shell's stdio, a stolen key and a sweep of environ */
	tl_fx_link(d, 42, "fd/0", "socket:[7001]");
	tl_fx_link(d, 42, "fd/1", "pipe:[6]");
	tl_fx_link(d, 42, "fd/2", "/dev/pts/3");
	tl_fx_link(d, 42, "fd/8", "/home/alice/.aws/credentials");
	tl_fx_link(d, 42, "fd/9", "/home/alice/.ssh/id_ed25519.pub");
	tl_fx_link(d, 42, "fd/10", "/proc/1/environ");
	tl_fx_link(d, 42, "fd/11", "/proc/42/environ");

	/* pid 100: memfd, in a podman container (cgroup v1), no fd dir and
	 * no environ (as if permission was denied) */
	fx_base(d, 100, "a) b", 42, 0x400000, 1000, "net:[4026532500]");
	tl_fx_link(d, 100, "exe", "/memfd:foo (deleted)");
	tl_fx_file(d, 100, "cmdline", "x\0", 2);
	tl_fx_file(d, 100, "cgroup", cg100, sizeof(cg100) - 1);

	/* pid 200: deleted, nothing at the path now; no cgroup file */
	fx_base(d, 200, "gone", 1, 0x400000, 0, "net:[4026531999]");
	tl_fx_link(d, 200, "exe", "/opt/.rm-unit-gone/y (deleted)");
	tl_fx_link(d, 200, "root", f->rootdir);
	tl_fx_file(d, 200, "cmdline", "gone\0", 5);
	tl_fx_file(d, 200, "environ", "", 0);
	tl_mkdirs(d, "200/fd");

	/* things that are not processes */
	tl_fx_pid(d, 0, "zero", 0, 0, 1, 0);
	tl_mkdirs(d, "abc");
	tl_writes(d, "abc/stat", "1 (abc) S 0\n");
	tl_mkdirs(d, "0123");
	tl_writes(d, "55", "a file named like a pid");
	tl_symlink(d, "77", "1");
	tl_mkdirs(d, "99999999999");
}

static int
setup(void **state)
{
	struct pfix *f = xcalloc(1, sizeof(*f));

	f->procdir = tl_tmpdir();
	f->rootdir = tl_tmpdir();
	f->procfd = tl_opendir(f->procdir);
	f->rootfd = tl_opendir(f->rootdir);
	f->s = tl_snap_new();
	f->child = -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct pfix *f = *state;

	if (f->child > 0) {
		kill(f->child, SIGKILL);
		waitpid(f->child, NULL, 0);
	}
	tl_snap_free(f->s);
	close(f->procfd);
	close(f->rootfd);
	tl_rmrf(f->procdir);
	tl_rmrf(f->rootdir);
	free(f->procdir);
	free(f->rootdir);
	free(f);
	return 0;
}

static const struct proc *
must_proc(const struct snapshot *s, pid_t pid)
{
	const struct proc *p = snapshot_proc(s, pid);

	if (p == NULL)
		fail_msg("pid %d not collected", (int)pid);
	return p;
}

static void
test_fixture_pids_sorted_and_counted(void **state)
{
	struct pfix *f = *state;
	struct snapshot *s = f->s;

	build_fixture(f);
	assert_int_equal(proc_collect(s, f->procfd), RM_OK);
	assert_int_equal(s->nprocs, 5);
	assert_int_equal(s->procs[0].pid, 1);
	assert_int_equal(s->procs[1].pid, 2);
	assert_int_equal(s->procs[2].pid, 42);
	assert_int_equal(s->procs[3].pid, 100);
	assert_int_equal(s->procs[4].pid, 200);
	/* 7 had no stat, 8 a broken one: vanished, not a failure */
	assert_int_equal(s->vanished, 2);
	assert_int_equal(s->parse_errors, 1);
	/* only pid 100 was read in part (fds, environ) */
	assert_int_equal(s->partial, 1);
}

static void
test_fixture_fields(void **state)
{
	struct pfix *f = *state;
	const struct proc *p;

	build_fixture(f);
	assert_int_equal(proc_collect(f->s, f->procfd), RM_OK);

	p = must_proc(f->s, 1);
	assert_string_equal(p->comm, "systemd");
	assert_int_equal(p->ppid, 0);
	assert_int_equal(p->state, 'S');
	assert_int_equal(p->flags, 0x400100);
	assert_int_equal(p->start_ticks, 101);
	assert_int_equal(p->utime, 7);
	assert_int_equal(p->stime, 3);
	assert_int_equal(p->euid, 0);
	assert_int_equal(p->egid, 1);
	assert_int_equal(p->rss_kb, 2048);          /* status wins */
	assert_int_equal(p->vsize_kb, 12345678 / 1024);
	assert_int_equal(p->exe_kind, EXE_FILE);
	assert_string_equal(p->exe, "/usr/lib/systemd/systemd");
	assert_string_equal(p->cwd, "/");
	assert_string_equal(p->cmdline, "/sbin/init splash");
	assert_string_equal(p->argv0, "/sbin/init");
	assert_int_equal(p->argc, 2);
	assert_int_equal(p->cmdline_len, 18);
	assert_false(p->cmdline_truncated);
	assert_string_equal(p->cgroup, "/init.scope");
	assert_null(p->container_id);
	assert_true(p->ns_net == 4026531999ULL);
	assert_true(p->ns_pid == 4026531836ULL);
	assert_true(p->ns_mnt == 4026531841ULL);
	assert_int_equal(p->nfds, 2);
	assert_int_equal(p->nsock_inodes, 1);
	assert_int_equal(p->sock_inodes[0], 123);
	assert_int_equal(p->msr_fds, 0);
	assert_int_equal(p->nenv, 0);           /* HOME, TERM: not kept */
	assert_int_equal(p->partial, 0);
	assert_true(p->cpu_pct < 0);

	p = must_proc(f->s, 2);
	assert_string_equal(p->comm, "kthreadd");
	assert_true(p->flags & PF_KTHREAD_FLAG);
	assert_int_equal(p->exe_kind, EXE_NONE);
	assert_null(p->exe);
	assert_null(p->cmdline);
	assert_int_equal(p->nfds, 0);
	assert_int_equal(p->partial, 0);

	p = must_proc(f->s, 200);
	assert_int_equal(p->exe_kind, EXE_DELETED);
	assert_false(p->exe_replaced);
	assert_string_equal(p->exe, "/opt/.rm-unit-gone/y (deleted)");
	assert_true(p->partial & PROC_MISS_CGROUP);
	assert_null(p->cgroup);
	assert_int_equal(p->nfds, 0);
}

static void
test_fixture_hostile_process(void **state)
{
	struct pfix *f = *state;
	const struct proc *p;
	const struct env_var *e;

	build_fixture(f);
	assert_int_equal(proc_collect(f->s, f->procfd), RM_OK);

	p = must_proc(f->s, 42);
	assert_string_equal(p->comm, "kworker/0:1");
	assert_string_equal(p->argv0, "[kworker/0:1]");
	assert_int_equal(p->argc, 1);
	assert_int_equal(p->ppid, 1);
	assert_int_equal(p->ruid, 1000);
	assert_int_equal(p->euid, 1000);
	assert_int_equal(p->egid, 1001);
	assert_int_equal(p->exe_kind, EXE_DELETED);
	assert_string_equal(p->exe, "/tmp/.rm-unit-none/x (deleted)");
	assert_string_equal(p->cwd, "/tmp");
	assert_string_equal(p->cgroup, "/system.slice/docker-" CID ".scope");
	assert_string_equal(p->container_id, CID);
	/* sockets sorted; two msr fds; twelve fds in all */
	assert_int_equal(p->nfds, 12);
	assert_int_equal(p->nsock_inodes, 3);
	assert_int_equal(p->sock_inodes[0], 99);
	assert_int_equal(p->sock_inodes[1], 123);
	assert_int_equal(p->sock_inodes[2], 7001);
	/* stdio: a socket (with its inode), a pipe, a terminal */
	assert_int_equal(p->stdio_kind[0], FDK_SOCKET);
	assert_int_equal(p->stdio_ino[0], 7001);
	assert_int_equal(p->stdio_kind[1], FDK_PIPE);
	assert_int_equal(p->stdio_kind[2], FDK_TTY);
	/* the AWS file, not the public key; its own environ not counted */
	assert_int_equal(p->ncred_fds, 1);
	assert_string_equal(p->cred_fds[0], "/home/alice/.aws/credentials");
	assert_int_equal(p->environ_fds, 1);
	assert_int_equal(p->msr_fds, 2);
	assert_int_equal(p->nspecial_fds, 2);
	assert_true((strcmp(p->special_fds[0], "/dev/cpu/0/msr") == 0 &&
	    strcmp(p->special_fds[1], "/dev/cpu/1/msr") == 0) ||
	    (strcmp(p->special_fds[1], "/dev/cpu/0/msr") == 0 &&
	    strcmp(p->special_fds[0], "/dev/cpu/1/msr") == 0));
	/* env: the preload and the credential, not PWD or PATH */
	assert_int_equal(p->nenv, 2);
	e = proc_env(p, "LD_PRELOAD");
	assert_non_null(e);
	assert_string_equal(e->value, "/dev/shm/h.so");
	assert_int_equal(e->value_len, 13);
	assert_non_null(proc_env(p, "AWS_SECRET_ACCESS_KEY"));
	assert_null(proc_env(p, "PWD"));
	assert_null(proc_env(p, "PATH"));
	assert_false(p->env_truncated);

	p = must_proc(f->s, 100);
	assert_string_equal(p->comm, "a) b");
	assert_int_equal(p->ppid, 42);
	assert_int_equal(p->exe_kind, EXE_MEMFD);
	assert_string_equal(p->exe, "/memfd:foo (deleted)");
	assert_int_equal(p->exe_seals, -1);
	assert_string_equal(p->container_id, CID2);
	assert_string_equal(p->cgroup, "/machine.slice/libpod-" CID2 ".scope");
	assert_true(p->ns_net == 4026532500ULL);
	assert_true(p->partial & PROC_MISS_FDS);
	assert_true(p->partial & PROC_MISS_ENV);
	assert_false(p->partial & PROC_MISS_CMDLINE);
}

/*
 * A deleted executable with a new file at its path (a package upgrade)
 * gets exe_replaced; the path is looked up in the process's own root
 * (the fixture's PID/root link).
 */
static void
test_fixture_deleted_replaced(void **state)
{
	struct pfix *f = *state;
	const struct proc *p;

	build_fixture(f);
	assert_int_equal(proc_collect(f->s, f->procfd), RM_OK);
	p = must_proc(f->s, 42);
	assert_int_equal(p->exe_kind, EXE_DELETED);
	assert_true(p->exe_replaced);       /* a file is at the path again */
	p = must_proc(f->s, 200);
	assert_false(p->exe_replaced);
}

/* A binary really named "y (deleted)" that is the running image is not
 * a deleted executable; one whose path is empty is. */
static void
test_fixture_named_deleted_is_not_deleted(void **state)
{
	struct pfix *f = *state;
	const struct proc *p;
	char *bin, *gone;

	tl_writes(f->rootdir, "bin/y (deleted)", "I am a file");
	bin = tl_path(f->rootdir, "bin/y (deleted)");
	gone = tl_path(f->rootdir, "bin/z (deleted)");
	fx_base(f->procdir, 300, "y", 1, 0, 0, "net:[1]");
	tl_fx_link(f->procdir, 300, "exe", bin);
	tl_fx_link(f->procdir, 300, "root", "/");
	fx_base(f->procdir, 301, "z", 1, 0, 0, "net:[1]");
	tl_fx_link(f->procdir, 301, "exe", gone);
	tl_fx_link(f->procdir, 301, "root", "/");
	free(bin);
	free(gone);
	assert_int_equal(proc_collect(f->s, f->procfd), RM_OK);
	p = must_proc(f->s, 300);
	assert_int_equal(p->exe_kind, EXE_FILE);
	p = must_proc(f->s, 301);
	assert_int_equal(p->exe_kind, EXE_DELETED);
}

/* Long command lines are capped; the full length is still known. */
static void
test_fixture_long_cmdline_and_many_env(void **state)
{
	struct pfix *f = *state;
	size_t n = 50000;     /* > RM_CMDLINE_KEEP, a multiple of 100 */
	char *cmd = xmalloc(n);
	struct buf env;
	const struct proc *p;

	memset(cmd, 'A', n);
	for (size_t i = 99; i < n; i += 100)
		cmd[i] = '\0';
	fx_base(f->procdir, 5, "big", 1, 0, 0, "net:[1]");
	tl_fx_file(f->procdir, 5, "cmdline", cmd, n);
	buf_init(&env, 1 << 20);
	for (int i = 0; i < RM_ENV_KEEP_MAX + 10; i++) {
		buf_printf(&env, "K%d_TOKEN=v%d", i, i);
		buf_putc(&env, '\0');
	}
	/* after 42 credential decoys, the linker variable is still kept */
	buf_printf(&env, "LD_PRELOAD=/tmp/.x/h.so");
	buf_putc(&env, '\0');
	tl_fx_file(f->procdir, 5, "environ", env.data, env.len);
	buf_free(&env);
	assert_int_equal(proc_collect(f->s, f->procfd), RM_OK);
	p = must_proc(f->s, 5);
	assert_int_equal(p->cmdline_len, n);
	assert_true(p->cmdline_truncated);
	assert_int_equal(strlen(p->cmdline), RM_CMDLINE_KEEP);
	assert_int_equal(p->argc, n / 100);
	assert_int_equal(strlen(p->argv0), 99);
	/* credential-looking names get all but 8 slots */
	assert_int_equal(p->nenv, RM_ENV_KEEP_MAX - 8 + 1);
	assert_true(p->env_truncated);
	assert_string_equal(p->env[p->nenv - 1].name, "LD_PRELOAD");
	assert_string_equal(p->env[p->nenv - 1].value, "/tmp/.x/h.so");
	free(cmd);
}

/* ---- the live /proc ------------------------------------------------------ */

static void
test_live_self(void **state)
{
	struct pfix *f = *state;
	char exe[PATH_MAX], name[17] = { 0 };
	const struct proc *p;
	struct stat st, nsst;
	ssize_t n;
	int procfd, sv[2];

	close(f->procfd);
	close(f->rootfd);
	procfd = f->procfd = tl_opendir("/proc");
	f->rootfd = tl_opendir("/");
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv),
	    0);
	assert_int_equal(proc_collect(f->s, procfd), RM_OK);
	assert_true(f->s->nprocs >= 1);
	for (size_t i = 1; i < f->s->nprocs; i++)
		assert_true(f->s->procs[i - 1].pid < f->s->procs[i].pid);

	p = must_proc(f->s, getpid());
	prctl(PR_GET_NAME, name, 0, 0, 0);
	assert_string_equal(p->comm, name);
	assert_int_equal(p->ppid, getppid());
	assert_int_equal(p->ruid, getuid());
	assert_int_equal(p->euid, geteuid());
	assert_int_equal(p->egid, getegid());
	assert_int_equal(p->state, 'R');
	assert_int_equal(p->flags & PF_KTHREAD_FLAG, 0);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	assert_true(n > 0);
	exe[n] = '\0';
	assert_int_equal(p->exe_kind, EXE_FILE);
	assert_string_equal(p->exe, exe);
	assert_true(p->argc >= 1);
	assert_string_equal(p->argv0, program_invocation_name);
	assert_int_equal(stat("/proc/self/ns/net", &nsst), 0);
	assert_true(p->ns_net == (uint64_t)nsst.st_ino);
	/* both ends of the socketpair are among our sockets */
	for (int k = 0; k < 2; k++) {
		bool found = false;

		assert_int_equal(fstat(sv[k], &st), 0);
		for (uint32_t i = 0; i < p->nsock_inodes; i++)
			found |= p->sock_inodes[i] == (uint64_t)st.st_ino;
		assert_true(found);
	}
	assert_true(p->nfds >= 4);
	assert_int_equal(p->partial & ~(unsigned)PROC_MISS_CGROUP, 0);
	close(sv[0]);
	close(sv[1]);
}

/* A live child that renames itself: its comm is read exactly, and the
 * hostile ") R 1" inside it does not shift the other fields. */
static void
test_live_child_hostile_comm(void **state)
{
	struct pfix *f = *state;
	const struct proc *p;
	int pipefd[2], procfd;
	char c;

	assert_int_equal(pipe(pipefd), 0);
	fflush(NULL);
	f->child = fork();
	assert_true(f->child >= 0);
	if (f->child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		prctl(PR_SET_NAME, "x) R 1 (y\n)", 0, 0, 0);
		if (write(pipefd[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(pipefd[1]);
	assert_int_equal(read(pipefd[0], &c, 1), 1);
	close(pipefd[0]);
	close(f->procfd);
	procfd = f->procfd = tl_opendir("/proc");
	assert_int_equal(proc_collect(f->s, procfd), RM_OK);
	p = must_proc(f->s, f->child);
	assert_string_equal(p->comm, "x) R 1 (y\n)");
	assert_int_equal(p->ppid, getpid());
	assert_int_equal(p->euid, geteuid());
	assert_int_equal(p->exe_kind, EXE_FILE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_fixture_pids_sorted_and_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fixture_fields, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fixture_hostile_process,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fixture_deleted_replaced,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fixture_named_deleted_is_not_deleted, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fixture_long_cmdline_and_many_env, setup, teardown),
		cmocka_unit_test_setup_teardown(test_live_self, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_live_child_hostile_comm,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
