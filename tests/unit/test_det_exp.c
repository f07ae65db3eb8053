/*
 * test_det_exp.c - the exposure detectors, facts in, findings out:
 *   RM-EXP-001 a management API open beyond loopback
 *   RM-EXP-002 Redis without a password beyond loopback
 *   RM-EXP-003 a container that hands out the host
 *   RM-EXP-004 the metadata service answers without a token
 * with the negatives that matter: loopback-only Docker, a protected
 * (TLS verify) Docker, Redis with requirepass, a monitoring image's
 * read-only mounts, a metadata service that was not probed or wants a
 * token.
 */
#include "collect/cron_parse.h"
#include "collect/ctr_parse.h"
#include "testlib.h"

static struct service *
svc(struct snapshot *s, uint8_t kind, pid_t pid, const char *addr,
    uint16_t port, uint8_t guard)
{
	struct service *v = arena_alloc(&s->arena, (s->nservices + 1) *
	    sizeof(*v));
	struct service *sv;

	if (s->nservices)
		memcpy(v, s->services, s->nservices * sizeof(*v));
	s->services = v;
	sv = &v[s->nservices++];
	sv->kind = kind;
	sv->pid = pid;
	sv->addr = tl_sdup(s, addr);
	sv->port = port;
	sv->netns = 4026531840u;
	sv->nlisteners = 1;
	sv->loopback = strncmp(addr, "127.", 4) == 0;
	sv->genuine = true;
	sv->guard = guard;
	sv->guard_why = "because";
	return sv;
}

static struct container *
ctr(struct snapshot *s, const char *id, const char *image)
{
	struct container *v = arena_alloc(&s->arena, (s->ncontainers + 1) *
	    sizeof(*v));
	struct container *c;

	if (s->ncontainers)
		memcpy(v, s->containers, s->ncontainers * sizeof(*v));
	s->containers = v;
	c = &v[s->ncontainers++];
	c->id = tl_sdup(s, id);
	c->image = tl_sdup(s, image);
	c->name = "/x";
	c->dir = "/var/lib/docker/containers/x";
	c->running = true;
	c->monitoring = ctrparse_monitoring_image(image);
	return c;
}

static void
mount(struct snapshot *s, struct container *c, const char *src,
      const char *dst, bool ro)
{
	struct ctr_mount *v = arena_alloc(&s->arena, (c->nmounts + 1) *
	    sizeof(*v));

	if (c->nmounts)
		memcpy(v, c->mounts, c->nmounts * sizeof(*v));
	v[c->nmounts].source = tl_sdup(s, src);
	v[c->nmounts].dest = tl_sdup(s, dst);
	v[c->nmounts].ro = ro;
	v[c->nmounts].cls = (uint8_t)ctrparse_mount_class(src, strlen(src));
	c->mounts = v;
	c->nmounts++;
}

static struct proc *
one_proc(struct snapshot *s, pid_t pid, const char *exe)
{
	struct proc *p = tl_procs(s, 1);

	tl_proc_set(s, p, pid, 1, strrchr(exe, '/') + 1, exe, EXE_FILE);
	return p;
}

/* ---- RM-EXP-001 ------------------------------------------------------------ */

static void
test_api_docker(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	const struct finding *f;
	struct service *sv;

	(void)state;
	one_proc(s, 700, "/usr/bin/dockerd");
	sv = svc(s, SVC_DOCKER, 700, "0.0.0.0", 2375, GUARD_NONE);
	sv->setting = "-H tcp://0.0.0.0:2375";
	tl_run_one(s, "RM-EXP-001", &fs);
	assert_int_equal(fs.n, 1);
	f = fs.v[0];
	assert_int_equal(f->severity, SEV_MEDIUM);
	assert_int_equal(f->confidence, CONF_HIGH);
	assert_int_equal(f->process.pid, 700);
	assert_string_equal(f->process.executable, "/usr/bin/dockerd");
	tl_assert_contains(f->message, "0.0.0.0:2375");
	tl_assert_contains(f->message, "pid 700");
	tl_assert_contains(f->message, "netns 4026531840");
	assert_string_equal(tl_ev_str(f, "setting"), "-H tcp://0.0.0.0:2375");
	assert_string_equal(tl_ev_str(f, "guard"), "none");
	tl_assert_contains(f->remediation, "127.0.0.1");
	findings_free(&fs);

	/* a container that mounts / privileged: the API was used: high */
	{
		struct container *c = ctr(s, "abc", "alpine");

		c->privileged = true;
		mount(s, c, "/", "/host", false);
	}
	tl_run_one(s, "RM-EXP-001", &fs);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0]->severity, SEV_HIGH);
	assert_string_equal(tl_ev_str(fs.v[0], "abused_by_container"), "abc");
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_api_negatives(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct service *sv;

	(void)state;
	one_proc(s, 700, "/usr/bin/dockerd");
	/* loopback only */
	svc(s, SVC_DOCKER, 700, "127.0.0.1", 2375, GUARD_NONE);
	/* TLS with client verification */
	svc(s, SVC_DOCKER, 700, "0.0.0.0", 2376, GUARD_ON);
	/* a protected kubelet, etcd with client certs */
	svc(s, SVC_KUBELET, 700, "0.0.0.0", 10250, GUARD_ON);
	svc(s, SVC_ETCD, 700, "::", 2379, GUARD_ON);
	/* Redis is RM-EXP-002's */
	svc(s, SVC_REDIS, 700, "0.0.0.0", 6379, GUARD_NONE);
	tl_run_one(s, "RM-EXP-001", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	/* a monitoring container mounting / read-only does not raise it */
	sv = svc(s, SVC_DOCKER, 700, "0.0.0.0", 2375, GUARD_NONE);
	{
		struct container *c = ctr(s, "mon", "gcr.io/cadvisor/cadvisor:v1");

		mount(s, c, "/", "/rootfs", true);
		mount(s, c, "/var/run", "/var/run", true);
	}
	tl_run_one(s, "RM-EXP-001", &fs);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0]->severity, SEV_MEDIUM);
	findings_free(&fs);
	(void)sv;
	tl_snap_free(s);
}

static void
test_api_kinds(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct service *sv;

	(void)state;
	one_proc(s, 900, "/tmp/x/socat");
	svc(s, SVC_KUBELET_RO, 900, "0.0.0.0", 10255, GUARD_NONE);
	svc(s, SVC_KUBELET, 900, "0.0.0.0", 10250, GUARD_WEAK);
	sv = svc(s, SVC_DOCKER, 900, "10.0.0.5", 2375, GUARD_UNKNOWN);
	sv->genuine = false;
	tl_run_one(s, "RM-EXP-001", &fs);
	assert_int_equal(fs.n, 3);
	for (size_t i = 0; i < fs.n; i++) {
		const struct finding *f = fs.v[i];
		const struct evidence *e = finding_ev_get(f, "port");

		assert_non_null(e);
		if (e->i == 10255)
			assert_int_equal(f->severity, SEV_MEDIUM);
		else if (e->i == 10250)
			assert_int_equal(f->severity, SEV_LOW);
		else {
			assert_int_equal(f->severity, SEV_MEDIUM);
			assert_int_equal(f->confidence, CONF_LOW);
			tl_assert_contains(f->message, "not the service's own");
			assert_non_null(tl_ev_str(f, "note"));
		}
	}
	findings_free(&fs);
	tl_snap_free(s);
}

/* ---- RM-EXP-002 ------------------------------------------------------------ */

static void
test_redis(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct service *sv;
	struct cron_file cf = { .path = "/var/spool/cron/crontabs/root",
	    .magic = CRONM_REDIS };

	(void)state;
	one_proc(s, 800, "/usr/bin/redis-server");
	sv = svc(s, SVC_REDIS, 800, "10.0.0.5", 6379, GUARD_NONE);
	sv->config = "/etc/redis/redis.conf";
	sv->config_line = 3;
	sv->setting = "protected-mode no";
	/* negatives: loopback, a password, no bind line in protected mode */
	svc(s, SVC_REDIS, 800, "127.0.0.1", 6380, GUARD_NONE);
	svc(s, SVC_REDIS, 800, "0.0.0.0", 6381, GUARD_ON);
	svc(s, SVC_REDIS, 800, "0.0.0.0", 6382, GUARD_WEAK);
	tl_run_one(s, "RM-EXP-002", &fs);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0]->severity, SEV_MEDIUM);
	assert_int_equal(fs.v[0]->confidence, CONF_HIGH);
	assert_string_equal(fs.v[0]->file_path, "/etc/redis/redis.conf");
	tl_assert_contains(fs.v[0]->message, "10.0.0.5:6379");
	findings_free(&fs);
	/* an explicit public bind, protected mode on: low */
	s->services[3].setting = "bind 0.0.0.0";
	tl_run_one(s, "RM-EXP-002", &fs);
	assert_int_equal(fs.n, 2);
	assert_int_equal(tl_count(&fs, "RM-EXP-002", 800), 2);
	findings_free(&fs);
	/* a Redis dump in the cron spool: the door was used */
	s->cron_files = &cf;
	s->ncron_files = 1;
	tl_run_one(s, "RM-EXP-002", &fs);
	findings_sort(&fs);
	assert_int_equal(fs.v[0]->severity, SEV_HIGH);
	assert_string_equal(tl_ev_str(fs.v[0], "redis_dump_in_cron"),
	    "/var/spool/cron/crontabs/root");
	findings_free(&fs);
	s->cron_files = NULL;
	s->ncron_files = 0;
	tl_snap_free(s);
}

static void
test_redis_config_only(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct service *sv;

	(void)state;
	sv = svc(s, SVC_REDIS, 0, "0.0.0.0", 6379, GUARD_NONE);
	sv->config = "/etc/redis/redis.conf";
	s->live = false;
	tl_run_one(s, "RM-EXP-002", &fs);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0]->severity, SEV_MEDIUM);
	assert_false(fs.v[0]->has_process);
	findings_free(&fs);
	/* live, not running: low */
	s->live = true;
	tl_run_one(s, "RM-EXP-002", &fs);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0]->severity, SEV_LOW);
	tl_assert_contains(fs.v[0]->message, "not running");
	findings_free(&fs);
	tl_snap_free(s);
}

/* ---- RM-EXP-003 ------------------------------------------------------------ */

static enum severity
ctr_sev(struct snapshot *s, size_t *n)
{
	struct findings fs;
	enum severity sev = SEV_INFO;

	tl_run_one(s, "RM-EXP-003", &fs);
	*n = fs.n;
	if (fs.n)
		sev = fs.v[0]->severity;
	findings_free(&fs);
	return sev;
}

static void
test_containers(void **state)
{
	struct snapshot *s;
	struct container *c;
	size_t n;

	(void)state;
	/* privileged + docker socket by an unknown image: high, and the
	 * container's live process is named */
	s = tl_snap_new();
	c = ctr(s, "a", "evil/img:latest");
	c->privileged = true;
	mount(s, c, "/var/run/docker.sock", "/var/run/docker.sock", false);
	{
		struct proc *p = tl_procs(s, 2);
		struct findings fs;

		p[1].container_id = "a";
		tl_run_one(s, "RM-EXP-003", &fs);
		assert_int_equal(fs.n, 1);
		assert_int_equal(fs.v[0]->severity, SEV_HIGH);
		assert_true(fs.v[0]->has_process);
		assert_int_equal(fs.v[0]->process.pid, 1001);
		findings_free(&fs);
	}
	tl_snap_free(s);

	/* the host root read-write alone: high */
	s = tl_snap_new();
	c = ctr(s, "a", "alpine");
	mount(s, c, "/", "/mnt", false);
	assert_int_equal(ctr_sev(s, &n), SEV_HIGH);
	tl_snap_free(s);

	/* a read-only cadvisor mount: low, and it says why */
	s = tl_snap_new();
	c = ctr(s, "m", "gcr.io/cadvisor/cadvisor:v0.47.2");
	mount(s, c, "/", "/rootfs", true);
	mount(s, c, "/var/run", "/var/run", true);
	{
		struct findings fs;

		tl_run_one(s, "RM-EXP-003", &fs);
		assert_int_equal(fs.n, 1);
		assert_int_equal(fs.v[0]->severity, SEV_LOW);
		tl_assert_contains(fs.v[0]->message, "monitoring");
		assert_string_equal(tl_ev_str(fs.v[0], "monitoring_image"),
		    "cadvisor");
		assert_true(tl_ev_has(fs.v[0], "host_mounts",
		    "/:/rootfs ro (host root)"));
		findings_free(&fs);
	}
	/* the same image privileged: medium, never high */
	c->privileged = true;
	assert_int_equal(ctr_sev(s, &n), SEV_MEDIUM);
	/* ... but a writable host root is high whatever the image says */
	c->mounts[0].ro = false;
	assert_int_equal(ctr_sev(s, &n), SEV_HIGH);
	tl_snap_free(s);

	/* the same read-only mount by an unknown image: medium */
	s = tl_snap_new();
	c = ctr(s, "u", "someone/tool");
	mount(s, c, "/", "/rootfs", true);
	assert_int_equal(ctr_sev(s, &n), SEV_MEDIUM);
	tl_snap_free(s);

	/* nothing of note: no finding; host network alone is not exposure */
	s = tl_snap_new();
	c = ctr(s, "n", "nginx");
	c->net_host = true;
	ctr_sev(s, &n);
	assert_int_equal(n, 0);
	/* pid host alone: low */
	c->pid_host = true;
	assert_int_equal(ctr_sev(s, &n), SEV_LOW);
	assert_int_equal(n, 1);
	tl_snap_free(s);
}

/* ---- RM-EXP-004 ------------------------------------------------------------ */

static void
test_imds(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;

	(void)state;
	/* not probed: nothing, whatever the status says */
	s->imds.status = 200;
	tl_run_one(s, "RM-EXP-004", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	s->imds.probed = true;
	tl_run_one(s, "RM-EXP-004", &fs);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0]->severity, SEV_MEDIUM);
	assert_string_equal(fs.v[0]->dest_ip, "169.254.169.254");
	tl_assert_contains(fs.v[0]->remediation, "--http-tokens required");
	findings_free(&fs);
	/* IMDSv2: 401 without a token */
	s->imds.status = 401;
	tl_run_one(s, "RM-EXP-004", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	/* no answer */
	s->imds.status = -1;
	tl_run_one(s, "RM-EXP-004", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	/* Google Cloud: header-only protection, said as info */
	s->imds.cloud = "gcp";
	s->imds.status = 404;
	tl_run_one(s, "RM-EXP-004", &fs);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0]->severity, SEV_INFO);
	tl_assert_contains(fs.v[0]->message, "Metadata-Flavor");
	findings_free(&fs);
	tl_snap_free(s);
}

/* ---- the collector on a fixture image -------------------------------------- */

static void
test_collect_image(void **state)
{
	char *dir = tl_tmpdir();
	const char *id = "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef";
	char rel[256];
	struct snapshot s;
	struct collect_opts o = { .root = dir, .imds_probe = 1 };

	(void)state;
	snprintf(rel, sizeof(rel), "var/lib/docker/containers/%s/hostconfig.json",
	    id);
	tl_writes(dir, rel, "{\"Privileged\":true,\"Binds\":[\"/:/h\"]}");
	snprintf(rel, sizeof(rel), "var/lib/docker/containers/%s/config.v2.json",
	    id);
	tl_writes(dir, rel, "{\"Config\":{\"Image\":\"x\"}}");
	/* not a container directory name: ignored */
	tl_writes(dir, "var/lib/docker/containers/abc/hostconfig.json",
	    "{\"Privileged\":true}");
	/* a FIFO where a state file belongs: refused, no hang */
	snprintf(rel, sizeof(rel), "var/lib/docker/containers/%.63s1/"
	    "hostconfig.json", id);
	tl_mkfifo(dir, rel);
	tl_writes(dir, "etc/redis/redis.conf", "include /etc/redis/more.conf\n"
	    "bind 0.0.0.0\n");
	tl_writes(dir, "etc/redis/more.conf", "protected-mode no\n");
	snapshot_init(&s);
	assert_int_equal(collect_all(&s, &o), RM_OK);
	assert_int_equal(s.ncontainers, 2);
	assert_true(s.containers[0].privileged ^ s.containers[1].privileged);
	/* never probed in an image, even when asked */
	assert_false(s.imds.probed);
	assert_true(tl_skipped(&s, "imds", "disk image"));
	assert_int_equal(s.nservices, 1);
	assert_int_equal(s.services[0].kind, SVC_REDIS);
	assert_int_equal(s.services[0].guard, GUARD_NONE);
	assert_false(s.services[0].loopback);
	snapshot_free(&s);
	tl_rmrf(dir);
	free(dir);
}


/* ---- the collector on live facts ------------------------------------------ */

static void
listen4(struct sock *k, pid_t pid, const char *ip, uint16_t port)
{
	memset(k, 0, sizeof(*k));
	k->family = strchr(ip, ':') ? AF_INET6 : AF_INET;
	k->proto = IPPROTO_TCP;
	k->state = 10;  /* TCP_LISTEN */
	k->netns = 4026531999u;
	if (inet_pton(k->family, ip, k->laddr) != 1)
		fail_msg("bad address %s", ip);
	k->lport = port;
	k->owners[0] = pid;
	k->nowners = 1;
}

static const struct service *
find_svc(const struct snapshot *s, pid_t pid, uint16_t port)
{
	for (size_t i = 0; i < s->nservices; i++)
		if (s->services[i].pid == pid && s->services[i].port == port)
			return &s->services[i];
	return NULL;
}

static void
test_collect_live(void **state)
{
	static const struct { pid_t pid; const char *exe, *cmd; } pr[] = {
		{ 100, "/usr/bin/dockerd", "/usr/bin/dockerd -H tcp://0.0.0.0:2376 --tlsverify --tlscacert=/x" },
		{ 101, "/usr/bin/kubelet", "/usr/bin/kubelet --config=/etc/k/config.yaml --v=2" },
		{ 102, "/usr/local/bin/etcd", "etcd --listen-client-urls http://0.0.0.0:2379" },
		{ 103, "/usr/local/bin/etcd", "etcd --client-cert-auth --trusted-ca-file=/x" },
		{ 104, "/usr/bin/redis-server", "/usr/bin/redis-server 0.0.0.0:6379" },
		{ 105, "/usr/bin/nc.openbsd", "nc -lk 2375" },
		{ 106, "/usr/bin/dockerd", "dockerd -H tcp://127.0.0.1:2375 -H tcp://0.0.0.0:4243" },
		{ 107, "/usr/bin/kubelet", "kubelet --anonymous-auth=false" },
		{ 108, "/usr/local/bin/k3s", "/usr/local/bin/k3s server" },
	};
	char *dir = tl_tmpdir();
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, TL_NELEM(pr));
	struct sock *k = tl_socks(s, 13);
	const struct service *sv;
	struct findings fs;

	(void)state;
	for (size_t i = 0; i < TL_NELEM(pr); i++) {
		tl_proc_set(s, &p[i], pr[i].pid, 1, strrchr(pr[i].exe, '/') + 1,
		    pr[i].exe, EXE_FILE);
		p[i].cmdline = pr[i].cmd;
	}
	listen4(&k[0], 100, "0.0.0.0", 2376);
	listen4(&k[1], 101, "0.0.0.0", 10250);
	listen4(&k[2], 101, "0.0.0.0", 10255);
	listen4(&k[3], 101, "127.0.0.1", 10248);      /* healthz */
	listen4(&k[4], 102, "0.0.0.0", 2379);
	listen4(&k[5], 103, "10.0.0.5", 2379);
	listen4(&k[6], 104, "0.0.0.0", 6379);
	listen4(&k[7], 105, "0.0.0.0", 2375);
	listen4(&k[8], 106, "127.0.0.1", 2375);
	listen4(&k[9], 106, "0.0.0.0", 4243);          /* its -H port */
	listen4(&k[10], 106, "0.0.0.0", 9323);         /* metrics: not the API */
	listen4(&k[11], 107, "0.0.0.0", 10250);
	listen4(&k[12], 108, "::", 10250);
	tl_writes(dir, "etc/k/config.yaml", "authentication:\n  anonymous:\n"
	    "    enabled: true\nauthorization:\n  mode: AlwaysAllow\n"
	    "readOnlyPort: 10255\n");
	tl_writes(dir, "etc/redis/redis.conf", "bind 0.0.0.0\nprotected-mode "
	    "no\nrequirepass hunter2\n");
	s->rootfd = tl_opendir(dir);
	expose_collect(s);

	assert_non_null(sv = find_svc(s, 100, 2376));
	assert_int_equal(sv->guard, GUARD_ON);
	assert_non_null(sv = find_svc(s, 101, 10250));
	assert_int_equal(sv->kind, SVC_KUBELET);
	assert_int_equal(sv->guard, GUARD_NONE);
	assert_string_equal(sv->config, "/etc/k/config.yaml");
	assert_non_null(sv = find_svc(s, 101, 10255));
	assert_int_equal(sv->kind, SVC_KUBELET_RO);
	assert_string_equal(sv->setting, "readOnlyPort: 10255");
	assert_null(find_svc(s, 101, 10248));
	assert_int_equal(find_svc(s, 102, 2379)->guard, GUARD_NONE);
	assert_int_equal(find_svc(s, 103, 2379)->guard, GUARD_ON);
	assert_int_equal(find_svc(s, 104, 6379)->guard, GUARD_ON);
	assert_false(find_svc(s, 105, 2375)->genuine);
	assert_true(find_svc(s, 106, 2375)->loopback);
	assert_non_null(sv = find_svc(s, 106, 4243));
	assert_int_equal(sv->kind, SVC_DOCKER);
	assert_string_equal(sv->setting, "-H tcp://0.0.0.0:4243");
	assert_null(find_svc(s, 106, 9323));
	/* kubelet flags without a config file: anonymous off by flag,
	 * AlwaysAllow by default: weak */
	assert_int_equal(find_svc(s, 107, 10250)->guard, GUARD_WEAK);
	/* k3s's embedded kubelet: its defaults (anonymous off) */
	assert_true(find_svc(s, 108, 10250)->genuine);
	assert_int_equal(find_svc(s, 108, 10250)->guard, GUARD_ON);

	tl_run_one(s, "RM-EXP-001", &fs);
	/* 101 x2, 102, 105, 106:4243 medium; 107 low */
	assert_int_equal(fs.n, 6);
	assert_int_equal(tl_count(&fs, "RM-EXP-001", 100), 0);
	assert_int_equal(tl_count(&fs, "RM-EXP-001", 103), 0);
	assert_int_equal(tl_count(&fs, "RM-EXP-001", 101), 2);
	findings_free(&fs);
	tl_run_one(s, "RM-EXP-002", &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	s->socks = NULL;
	s->nsocks = 0;
	tl_snap_free(s);
	tl_rmrf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_docker),
		cmocka_unit_test(test_api_negatives),
		cmocka_unit_test(test_api_kinds),
		cmocka_unit_test(test_redis),
		cmocka_unit_test(test_redis_config_only),
		cmocka_unit_test(test_containers),
		cmocka_unit_test(test_imds),
		cmocka_unit_test(test_collect_image),
		cmocka_unit_test(test_collect_live),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
