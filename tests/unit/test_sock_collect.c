/*
 * test_sock_collect.c - the socket collector: on a fixture procfs
 * (fixture=true reads PID/net/{tcp,tcp6,udp,udp6} text files), owners
 * attached from the process pass's socket fds, and on the live host.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "testlib.h"

#define HDR4 "  sl  local_address rem_address   st tx_queue rx_queue tr " \
	"tm->when retrnsmt   uid  timeout inode\n"
#define HDR6 "  sl  local_address                         remote_address  " \
	"                      st tx_queue rx_queue tr tm->when retrnsmt   " \
	"uid  timeout inode\n"

struct sfix {
	char *procdir;
	int procfd;
	struct snapshot *s;
	int lsock;
};

static int
setup(void **state)
{
	struct sfix *f = xcalloc(1, sizeof(*f));

	f->procdir = tl_tmpdir();
	f->procfd = tl_opendir(f->procdir);
	f->s = tl_snap_new();
	f->lsock = -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct sfix *f = *state;

	if (f->lsock >= 0)
		close(f->lsock);
	tl_snap_free(f->s);
	close(f->procfd);
	tl_rmrf(f->procdir);
	free(f->procdir);
	free(f);
	return 0;
}

/* A minimal process: stat, status, ns links, and fds -> targets. */
static void
fx_proc(const char *d, int pid, const char *netns, const char *const *fds)
{
	char rel[32];

	tl_fx_pid(d, pid, "p", 1, 0, 10 + (unsigned)pid, 0);
	tl_fx_link(d, pid, "exe", "/usr/bin/p");
	tl_fx_link(d, pid, "ns/net", netns);
	tl_fx_link(d, pid, "ns/pid", "pid:[4026531836]");
	tl_fx_link(d, pid, "ns/mnt", "mnt:[4026531841]");
	snprintf(rel, sizeof(rel), "%d/fd", pid);
	tl_mkdirs(d, rel);
	for (int i = 0; fds && fds[i]; i++) {
		snprintf(rel, sizeof(rel), "fd/%d", i + 3);
		tl_fx_link(d, pid, rel, fds[i]);
	}
}

static const struct sock *
find_sock(const struct snapshot *s, uint64_t inode)
{
	for (size_t i = 0; i < s->nsocks; i++)
		if (s->socks[i].inode == inode)
			return &s->socks[i];
	fail_msg("no socket with inode %llu", (unsigned long long)inode);
	return NULL;
}

static void
test_fixture_sockets_and_owners(void **state)
{
	struct sfix *f = *state;
	const char *d = f->procdir;
	static const char *const fd1[] = { "socket:[123]", NULL };
	static const char *const fd42[] = {
		"socket:[123]", "socket:[99]", "socket:[123]", "/dev/null", NULL,
	};
	static const char *const fd100[] = { "socket:[555]", NULL };
	const struct sock *k;
	const struct netns *n;

	fx_proc(d, 1, "net:[4026531999]", fd1);
	fx_proc(d, 42, "net:[4026531999]", fd42);
	fx_proc(d, 100, "net:[4026532500]", fd100);
	/* the host namespace, read through pid 1 (the lowest pid in it) */
	tl_writes(d, "1/net/tcp", HDR4
	    "   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 "
	    "00:00000000 00000000   105        0 123 1\n"
	    "   1: 0F02000A:A1B2 0202A8C0:0D05 01 00000000:00000000 "
	    "02:000A7C3E 00000000  1000        0 99 2\n"
	    "   2: 0F02000A:A1B3 0202A8C0:0D05 01 00000000:00000000 "
	    "02:000A7C3E 00000000  1000        0 7777 2\n"
	    "   3: this line is broken\n");
	tl_writes(d, "1/net/tcp6", HDR6
	    "   0: 00000000000000000000000001000000:1F90 "
	    "00000000000000000000000000000000:0000 0A 00000000:00000000 "
	    "00:00000000 00000000     0        0 124 1\n");
	tl_writes(d, "1/net/udp", HDR4
	    "   0: 00000000:0044 00000000:0000 07 00000000:00000000 "
	    "00:00000000 00000000     0        0 125 2\n");
	/* pid 42 shares the namespace: its net files must not be read */
	tl_writes(d, "42/net/tcp", HDR4
	    "   0: 0100007F:0001 00000000:0000 0A 00000000:00000000 "
	    "00:00000000 00000000     0        0 4242 1\n");
	/* a container namespace */
	tl_writes(d, "100/net/tcp", HDR4
	    "   0: 0200000A:0016 00000000:0000 0A 00000000:00000000 "
	    "00:00000000 00000000     0        0 555 1\n");

	assert_int_equal(proc_collect(f->s, f->procfd), RM_OK);
	assert_int_equal(f->s->nprocs, 3);
	assert_int_equal(sock_collect(f->s, f->procfd, true), RM_OK);

	assert_int_equal(f->s->nnetns, 2);
	n = &f->s->netns[0];
	assert_true(n->inode == 4026531999ULL);
	assert_int_equal(n->pid, 1);
	assert_true(n->read);
	assert_int_equal(n->source, SOCK_SRC_PROCNET);
	assert_int_equal(n->nsocks, 5);
	n = &f->s->netns[1];
	assert_true(n->inode == 4026532500ULL);
	assert_int_equal(n->pid, 100);
	assert_int_equal(n->nsocks, 1);
	assert_int_equal(f->s->nsocks, 6);
	assert_int_equal(f->s->parse_errors, 1);

	/* owners come from the fd inodes; one pid with two fds counts once */
	k = find_sock(f->s, 123);
	assert_int_equal(k->nowners, 2);
	assert_int_equal(k->owners[0], 1);
	assert_int_equal(k->owners[1], 42);
	assert_int_equal(k->lport, 3306);
	assert_int_equal(k->uid, 105);
	assert_true(k->netns == 4026531999ULL);
	k = find_sock(f->s, 99);
	assert_int_equal(k->nowners, 1);
	assert_int_equal(k->owners[0], 42);
	assert_int_equal(k->rport, 3333);
	k = find_sock(f->s, 7777);
	assert_int_equal(k->nowners, 0);
	k = find_sock(f->s, 124);
	assert_int_equal(k->family, AF_INET6);
	assert_int_equal(k->lport, 8080);
	k = find_sock(f->s, 125);
	assert_int_equal(k->proto, IPPROTO_UDP);
	assert_int_equal(k->lport, 68);
	k = find_sock(f->s, 555);
	assert_int_equal(k->nowners, 1);
	assert_int_equal(k->owners[0], 100);
	assert_true(k->netns == 4026532500ULL);
	for (size_t i = 0; i < f->s->nsocks; i++)
		assert_true(f->s->socks[i].inode != 4242);
}

/* The same socket held by many processes. */
static void
build_shared(struct sfix *f, int npids)
{
	static const char *const fds[] = {
		"socket:[4242]", "socket:[4242]", NULL,
	};

	for (int i = 0; i < npids; i++)
		fx_proc(f->procdir, 10 + i, "net:[4026531999]", fds);
	tl_writes(f->procdir, "10/net/tcp", HDR4
	    "   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 "
	    "00:00000000 00000000     0        0 4242 1\n");
	assert_int_equal(proc_collect(f->s, f->procfd), RM_OK);
	assert_int_equal(sock_collect(f->s, f->procfd, true), RM_OK);
}

static void
test_fixture_owners_capped(void **state)
{
	struct sfix *f = *state;
	const struct sock *k;

	build_shared(f, RM_OWNERS_MAX);
	k = find_sock(f->s, 4242);
	assert_int_equal(k->nowners, RM_OWNERS_MAX);
	for (int i = 0; i < RM_OWNERS_MAX; i++)
		assert_int_equal(k->owners[i], 10 + i);
}

/*
 * Regression (was a bug): src/collect/sock.c attach_owners(): the "same pid, another fd"
 * check compares with owners[(nowners - 1) % RM_OWNERS_MAX], which is not
 * the previous pid once more than RM_OWNERS_MAX pids were seen (the ninth
 * pid is not stored).  So every extra fd of the 9th, 10th, ... pid counts
 * as one more owner: 10 pids with 2 fds each give nowners 12, not 10.
 * Fix: remember the last pid added in a local variable and compare with
 * that.
 */
static void
test_fixture_owner_count_past_cap(void **state)
{
	struct sfix *f = *state;
	const struct sock *k;

	build_shared(f, RM_OWNERS_MAX + 2);
	k = find_sock(f->s, 4242);
	assert_int_equal(k->nowners, RM_OWNERS_MAX + 2);
}

/* A netns without any process file (no pid dir) is counted as failed. */
static void
test_fixture_unreadable_netns(void **state)
{
	struct sfix *f = *state;
	static const char *const fds[] = { "socket:[1]", NULL };

	fx_proc(f->procdir, 5, "net:[4026530001]", fds);
	/* no 5/net/ files at all */
	assert_int_equal(proc_collect(f->s, f->procfd), RM_OK);
	assert_int_equal(sock_collect(f->s, f->procfd, true), RM_OK);
	assert_int_equal(f->s->nnetns, 1);
	assert_false(f->s->netns[0].read);
	assert_int_equal(f->s->nsocks, 0);
	assert_true(f->s->nskipped >= 1);
}

/* The live host: a listening socket of ours is found with its owner. */
static void
test_live_listen_socket(void **state)
{
	struct sfix *f = *state;
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	struct stat st;
	const struct sock *k;
	int procfd, slash;
	bool mine = false;

	f->lsock = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(f->lsock >= 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(f->lsock, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(f->lsock, 1), 0);
	assert_int_equal(getsockname(f->lsock, (struct sockaddr *)&sa, &sl), 0);
	assert_int_equal(fstat(f->lsock, &st), 0);

	procfd = tl_opendir("/proc");
	slash = tl_opendir("/");
	assert_int_equal(proc_collect(f->s, procfd), RM_OK);
	assert_int_equal(sock_collect(f->s, procfd, false), RM_OK);
	close(procfd);
	close(slash);
	k = find_sock(f->s, (uint64_t)st.st_ino);
	assert_int_equal(k->family, AF_INET);
	assert_int_equal(k->proto, IPPROTO_TCP);
	assert_int_equal(k->state, 10);     /* LISTEN */
	assert_int_equal(k->lport, ntohs(sa.sin_port));
	assert_int_equal(k->uid, geteuid());
	{
		char ip[64];

		sock_addr_str(k, false, ip, sizeof(ip));
		assert_string_equal(ip, "127.0.0.1");
	}
	for (uint32_t i = 0; i < k->nowners && i < RM_OWNERS_MAX; i++)
		mine |= k->owners[i] == getpid();
	assert_true(mine);
	assert_true(f->s->nnetns >= 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fixture_sockets_and_owners,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fixture_owners_capped,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fixture_owner_count_past_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fixture_unreadable_netns,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_live_listen_socket, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
