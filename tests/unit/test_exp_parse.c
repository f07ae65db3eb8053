/*
 * test_exp_parse.c - the exposure parsers on good and hostile input:
 *   ctr_parse.c     the bounded JSON walker, container state, daemon.json,
 *                   mount classes, monitoring images
 *   expose_parse.c  redis.conf (quotes, includes, ACL users), the
 *                   kubelet's config.yaml, Go-style flags, URL ports,
 *                   HTTP status lines and headers, DMI cloud names
 */
#include "collect/ctr_parse.h"
#include "collect/expose_parse.h"
#include "testlib.h"

/* ---- the JSON walker ----------------------------------------------------- */

struct seen {
	char paths[32][128];
	char vals[32][64];
	int n;
};

static void
record(void *arg, const struct ctrj_path *p, enum ctrj_type t, const char *v,
       size_t n)
{
	struct seen *s = arg;
	size_t l = 0;

	(void)t;
	if (s->n >= 32)
		return;
	s->paths[s->n][0] = '\0';
	for (uint32_t i = 0; i < p->n; i++)
		l += (size_t)snprintf(s->paths[s->n] + l, l < 128 ? 128 - l : 0,
		    "%s%s", i ? "." : "", p->comp[i] ? p->comp[i] : "[]");
	snprintf(s->vals[s->n], 64, "%.*s", (int)n, v);
	s->n++;
}

static void
test_walk_paths(void **state)
{
	const char *j = "{\"a\":{\"b\":[1,\"x\",{\"c\":true}]},\"d\":null,"
	    "\"e\":\"q\\u00e9\\\"\\n\"}";
	struct seen s = { .n = 0 };

	(void)state;
	assert_int_equal(ctrj_walk(j, strlen(j), record, &s), RM_OK);
	assert_int_equal(s.n, 5);
	assert_string_equal(s.paths[0], "a.b.[]");
	assert_string_equal(s.vals[0], "1");
	assert_string_equal(s.paths[2], "a.b.[].c");
	assert_string_equal(s.vals[2], "true");
	assert_string_equal(s.paths[3], "d");
	assert_string_equal(s.paths[4], "e");
	assert_string_equal(s.vals[4], "q\xc3\xa9\"\n");
}

static void
test_walk_hostile(void **state)
{
	static const char *const bad[] = {
		"", "{", "}", "[", "{\"a\"}", "{\"a\":}", "{\"a\":1,}",
		"[1,]", "{\"a\":tru}", "{\"a\":nul}", "\"abc", "\"\\x\"",
		"\"\\u12\"", "\"\\u12g4\"", "{\"a\":1} x", "{1:2}", "-",
		"{\"a\":\"\x01\"}", "[[[[", "{\"a\":[}]", NULL
	};
	struct seen s;
	char *deep;

	(void)state;
	for (int i = 0; bad[i]; i++) {
		s.n = 0;
		assert_int_equal(ctrj_walk(bad[i], strlen(bad[i]), record, &s),
		    RM_EPARSE);
	}
	/* nesting beyond CTRJ_DEPTH stops, whatever the depth */
	deep = xmalloc(200001);
	memset(deep, '[', 100000);
	memset(deep + 100000, ']', 100000);
	deep[200000] = '\0';
	s.n = 0;
	assert_int_equal(ctrj_walk(deep, 200000, record, &s), RM_EPARSE);
	/* 32 levels are fine */
	memset(deep, '[', 31);
	deep[31] = '1';
	memset(deep + 32, ']', 31);
	s.n = 0;
	assert_int_equal(ctrj_walk(deep, 63, record, &s), RM_OK);
	assert_int_equal(s.n, 1);
	free(deep);
	/* an escaped NUL and a lone surrogate become '?' */
	s.n = 0;
	assert_int_equal(ctrj_walk("\"a\\u0000b\\ud800\"", 16, record, &s),
	    RM_OK);
	assert_string_equal(s.vals[0], "a?b?");
}

static void
test_walk_long_string(void **state)
{
	size_t n = 3 * CTRJ_STR_MAX;
	char *j = xmalloc(n + 3);
	struct seen s = { .n = 0 };

	(void)state;
	j[0] = '"';
	memset(j + 1, 'x', n);
	j[n + 1] = '"';
	j[n + 2] = '\0';
	assert_int_equal(ctrj_walk(j, n + 2, record, &s), RM_OK);
	assert_int_equal(s.n, 1);
	free(j);
}

static void
test_match(void **state)
{
	struct ctrj_path p = { .comp = { "MountPoints", "/var/run/docker.sock",
	    "Source" }, .n = 3 };

	(void)state;
	assert_true(ctrj_match(&p, "MountPoints.*.Source"));
	assert_false(ctrj_match(&p, "MountPoints.*"));
	assert_false(ctrj_match(&p, "MountPoints.*.Source.x"));
	assert_false(ctrj_match(&p, "Mounts.*.Source"));
	p.comp[1] = NULL;
	assert_true(ctrj_match(&p, "MountPoints.[].Source"));
	assert_false(ctrj_match(&p, "MountPoints.*.Source"));
}

/* ---- containers ------------------------------------------------------------ */

static void
test_mount_class(void **state)
{
	static const struct { const char *p; enum ctr_mount_class c; } t[] = {
		{ "/", CTRM_ROOT }, { "//", CTRM_ROOT }, { "/./", CTRM_ROOT },
		{ "/var/run/docker.sock", CTRM_DOCKER_SOCK },
		{ "/run/docker.sock", CTRM_DOCKER_SOCK },
		{ "/run/containerd/containerd.sock", CTRM_DOCKER_SOCK },
		{ "/home/u/docker.sock", CTRM_DOCKER_SOCK },
		{ "/var/run", CTRM_RUN }, { "/run/", CTRM_RUN },
		{ "/etc", CTRM_ETC }, { "/etc/cron.d", CTRM_ETC },
		{ "/etcetera", CTRM_NONE }, { "/root/.ssh", CTRM_ROOT_HOME },
		{ "/var/spool/cron/crontabs", CTRM_CRON },
		{ "/usr", CTRM_SYSTEM }, { "/srv/data", CTRM_NONE },
		{ "myvolume", CTRM_NONE }, { "", CTRM_NONE },
		{ "/sys", CTRM_NONE }, { "/var/lib/docker", CTRM_NONE },
		{ "/var/..", CTRM_ROOT }, { "/srv/../etc/", CTRM_ETC },
		{ "/..", CTRM_ROOT }, { "/../../", CTRM_ROOT },
		{ "/etc/../srv", CTRM_NONE }, { "/a/b/../../root", CTRM_ROOT_HOME },
		{ "/..x", CTRM_NONE }, { "/...", CTRM_NONE },
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(t); i++)
		if (ctrparse_mount_class(t[i].p, strlen(t[i].p)) != t[i].c)
			fail_msg("%s: class %d, expected %d", t[i].p,
			    ctrparse_mount_class(t[i].p, strlen(t[i].p)),
			    t[i].c);
}

static void
test_container_state(void **state)
{
	const char *cfg = "{\"ID\":\"abc\",\"Name\":\"/evil\",\"State\":"
	    "{\"Running\":true},\"Config\":{\"Image\":\"alpine\",\"Env\":"
	    "[\"Image=fake\"]},\"MountPoints\":{\"/host\":{\"Source\":\"/\","
	    "\"Destination\":\"/host\",\"RW\":true,\"Type\":\"bind\"},"
	    "\"/data\":{\"Source\":\"\",\"Destination\":\"/data\","
	    "\"Type\":\"volume\"},\"/s\":{\"Type\":\"volume\",\"Source\":"
	    "\"/etc\",\"Destination\":\"/s\"}}}";
	const char *hc = "{\"Binds\":[\"/:/host\",\"/var/run/docker.sock:"
	    "/var/run/docker.sock:ro\",\"vol:/x\",\"/root:/r:ro,z\"],"
	    "\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/var/spool/cron\","
	    "\"Target\":\"/c\"},{\"ReadOnly\":true,\"Type\":\"bind\","
	    "\"Source\":\"/etc\",\"Target\":\"/e\"}],\"Privileged\":true,"
	    "\"PidMode\":\"host\",\"NetworkMode\":\"bridge\",\"CapAdd\":"
	    "[\"NET_ADMIN\",\"sys_admin\"]}";
	struct ctr_state c;
	bool root_rw = false, sock_ro = false, home_ro = false, cron = false,
	    etc_ro = false;

	(void)state;
	ctrparse_init(&c);
	assert_int_equal(ctrparse_config(&c, cfg, strlen(cfg)), RM_OK);
	assert_int_equal(ctrparse_hostconfig(&c, hc, strlen(hc)), RM_OK);
	assert_string_equal(c.id, "abc");
	assert_string_equal(c.name, "/evil");
	assert_string_equal(c.image, "alpine");
	assert_true(c.running);
	assert_true(c.privileged);
	assert_true(c.pid_host);
	assert_false(c.net_host);
	assert_true(c.cap_sys_admin);
	for (uint32_t i = 0; i < c.nmounts; i++) {
		const struct ctr_mount_rec *m = &c.mounts[i];

		if (m->cls == CTRM_ROOT)
			root_rw = !m->ro && strcmp(m->dest, "/host") == 0;
		if (m->cls == CTRM_DOCKER_SOCK)
			sock_ro = m->ro;
		if (m->cls == CTRM_ROOT_HOME)
			home_ro = m->ro;
		if (m->cls == CTRM_CRON)
			cron = !m->ro && strcmp(m->dest, "/c") == 0;
		if (m->cls == CTRM_ETC && strcmp(m->dest, "/e") == 0)
			etc_ro = m->ro;
		/* a volume is not a host path */
		assert_string_not_equal(m->dest, "/s");
	}
	assert_true(root_rw);
	assert_true(sock_ro);
	assert_true(home_ro);
	assert_true(cron);
	assert_true(etc_ro);
	/* "/" from MountPoints and Binds is one mount */
	{
		int roots = 0;

		for (uint32_t i = 0; i < c.nmounts; i++)
			roots += c.mounts[i].cls == CTRM_ROOT;
		assert_int_equal(roots, 1);
	}
}

static void
test_container_caps(void **state)
{
	struct buf b;
	struct ctr_state c;

	(void)state;
	buf_init(&b, 1 << 20);
	buf_printf(&b, "{\"Binds\":[");
	for (int i = 0; i < 100; i++)
		buf_printf(&b, "%s\"/etc/x%d:/m%d\"", i ? "," : "", i, i);
	buf_printf(&b, "],\"Privileged\":false}");
	ctrparse_init(&c);
	assert_int_equal(ctrparse_hostconfig(&c, b.data, b.len), RM_OK);
	assert_int_equal(c.nmounts, CTR_MOUNTS_MAX);
	assert_int_equal(c.mounts_dropped, 100 - CTR_MOUNTS_MAX);
	/* a path longer than the field is cut, not overflowed */
	buf_reset(&b);
	buf_printf(&b, "{\"Binds\":[\"/etc/");
	for (int i = 0; i < 1000; i++)
		buf_putc(&b, 'a');
	buf_printf(&b, ":/x\"]}");
	ctrparse_init(&c);
	assert_int_equal(ctrparse_hostconfig(&c, b.data, b.len), RM_OK);
	assert_int_equal(c.nmounts, 1);
	assert_int_equal(strlen(c.mounts[0].source), CTR_PATH_MAX - 1);
	/* truncated file: what came before the cut is kept */
	ctrparse_init(&c);
	assert_int_equal(ctrparse_hostconfig(&c, "{\"Privileged\":true,"
	    "\"Binds\":[\"/:/h", 33), RM_EPARSE);
	assert_true(c.privileged);
	buf_free(&b);
}

static void
test_monitoring_images(void **state)
{
	/* NULL: not a monitoring image */
	static const struct { const char *image, *name; } t[] = {
		{ "gcr.io/cadvisor/cadvisor:v0.47.2", "cadvisor" },
		{ "prom/node-exporter", "node-exporter" },
		{ "falcosecurity/falco@sha256:abcd", "falco" },
		{ "datadog/agent:7", "datadog/agent" },
		{ "registry:5000/gcr.io/x/cadvisor:1", "cadvisor" },
		{ "alpine:latest", NULL },
		{ "evil/cadvisor-miner", NULL },
		{ "datadog/agentx", NULL },
		{ "cadvisor.evil.com:5000/x", NULL },
		{ "", NULL },
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(t); i++) {
		const char *got = ctrparse_monitoring_image(t[i].image);

		if (t[i].name ? !got || strcmp(got, t[i].name) != 0 : got != NULL)
			fail_msg("\"%s\": \"%s\", expected \"%s\"", t[i].image,
			    got ? got : "(null)", t[i].name ? t[i].name : "(null)");
	}
	assert_null(ctrparse_monitoring_image(NULL));
}

static void
test_daemon_json(void **state)
{
	struct docker_daemon_conf d;
	const char *a = "{\"hosts\":[\"unix:///var/run/docker.sock\","
	    "\"tcp://0.0.0.0:2376\"],\"tls\":true,\"tlsverify\":true}";
	const char *b = "{\"hosts\":[\"fd://\"],\"tlsverify\":false}";

	(void)state;
	assert_int_equal(ctrparse_daemon_json(&d, a, strlen(a)), RM_OK);
	assert_true(d.tcp);
	assert_string_equal(d.tcp_host, "tcp://0.0.0.0:2376");
	assert_int_equal(d.tlsverify, 1);
	assert_int_equal(ctrparse_daemon_json(&d, b, strlen(b)), RM_OK);
	assert_false(d.tcp);
	assert_int_equal(d.tlsverify, 0);
	assert_int_equal(ctrparse_daemon_json(&d, "{", 1), RM_EPARSE);
}

/* ---- redis.conf ------------------------------------------------------------ */

static struct redis_conf
rc(const char *text)
{
	struct redis_conf c;

	redisconf_init(&c);
	redisconf_feed(&c, text, strlen(text), false);
	return c;
}

static void
test_redis_conf(void **state)
{
	struct redis_conf c;

	(void)state;
	c = rc("bind 127.0.0.1 -::1\nprotected-mode yes\nport 6379\n"
	    "# requirepass foobared\n");
	assert_true(c.bind_set);
	assert_false(c.bind_public);
	assert_int_equal(c.protected_mode, 1);
	assert_true(redisconf_no_password(&c));
	assert_int_equal(c.port, 6379);

	c = rc("  BIND 0.0.0.0\nProtected-Mode no\r\n");
	assert_true(c.bind_public);
	assert_int_equal(c.protected_mode, 0);
	assert_int_equal(c.protected_line, 2);
	assert_int_equal(c.bind_line, 1);

	c = rc("requirepass \"two words\"\n");
	assert_int_equal(c.auth, REDIS_AUTH_PASSWORD);
	assert_false(redisconf_no_password(&c));
	c = rc("requirepass \"\"\n");
	assert_int_equal(c.auth, REDIS_AUTH_NOPASS);
	c = rc("requirepass x\nuser default on nopass ~* +@all\n");
	assert_true(redisconf_no_password(&c));
	c = rc("user default on >secret ~* +@all\n");
	assert_int_equal(c.auth, REDIS_AUTH_PASSWORD);
	c = rc("user default off\n");
	assert_int_equal(c.auth, REDIS_AUTH_OFF);
	assert_false(redisconf_no_password(&c));
	/* another user's password does not protect the default user */
	c = rc("user admin on >secret ~* +@all\n");
	assert_true(redisconf_no_password(&c));
	c = rc("user default on #e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b"
	    "934ca495991b7852b855 nopass\n");
	assert_int_equal(c.auth, REDIS_AUTH_NOPASS);

	c = rc("include /etc/redis/a.conf\ninclude /etc/redis/b.conf\n"
	    "aclfile /etc/redis/users.acl\nport 0\n");
	assert_int_equal(c.nincludes, 2);
	assert_string_equal(c.includes[1], "/etc/redis/b.conf");
	assert_string_equal(c.aclfile, "/etc/redis/users.acl");
	assert_int_equal(c.port, 0);

	/* an ACL file: only user lines count */
	redisconf_init(&c);
	redisconf_feed(&c, "protected-mode no\nuser default on >x\n", 37, true);
	assert_int_equal(c.protected_mode, -1);
	assert_int_equal(c.auth, REDIS_AUTH_PASSWORD);
}

static void
test_redis_hostile(void **state)
{
	static const char *const lines[] = {
		"requirepass \"unterminated\n", "bind \"0.0.0.0\"x\n",
		"requirepass 'a\\'b'c\n", "port 99999999\n", "port -1\n",
		"port 6x\n", "\"\n", "bind\n", "\x00\x01\x02\n",
		"requirepass \"\\x4\"\n", NULL
	};
	struct redis_conf c;
	struct buf b;

	(void)state;
	for (int i = 0; lines[i]; i++) {
		c = rc(lines[i]);
		assert_int_equal(c.port, -1);
		assert_false(c.bind_public);
	}
	c = rc("requirepass \"unterminated\n");
	assert_int_equal(c.bad_lines, 1);
	assert_true(redisconf_no_password(&c));
	/* 100 includes: capped */
	buf_init(&b, 1 << 20);
	for (int i = 0; i < 100; i++)
		buf_printf(&b, "include /x/%d.conf\n", i);
	for (int i = 0; i < 200; i++)
		buf_printf(&b, "bind a%d b c d e f g h i j k l m n o p q r s t "
		    "u v w x y z 1 2 3 4 5\n", i);
	redisconf_init(&c);
	redisconf_feed(&c, b.data, b.len, false);
	assert_int_equal(c.nincludes, REDIS_INCLUDES_MAX);
	assert_true(strlen(c.bind) < sizeof(c.bind));
	assert_true(c.bind_public);
	/* a last line without a newline, a NUL in the middle */
	c = rc("protected-mode no");
	assert_int_equal(c.protected_mode, 0);
	redisconf_init(&c);
	redisconf_feed(&c, "bind 1.2.3.4\0\nprotected-mode no\n", 32, false);
	assert_int_equal(c.protected_mode, 0);
	buf_free(&b);
}

static void
test_redis_argv(void **state)
{
	struct redis_conf c;
	char path[EXPP_PATH_MAX];

	(void)state;
	redisconf_init(&c);
	redisconf_argv(&c, "/usr/bin/redis-server /etc/redis/r.conf --port "
	    "7000 --requirepass s3cret --bind 0.0.0.0 ::1", path, sizeof(path));
	assert_string_equal(path, "/etc/redis/r.conf");
	assert_int_equal(c.port, 7000);
	assert_int_equal(c.auth, REDIS_AUTH_PASSWORD);
	assert_true(c.bind_public);
	/* the rewritten process title names no config */
	redisconf_init(&c);
	redisconf_argv(&c, "/usr/bin/redis-server 127.0.0.1:6379", path,
	    sizeof(path));
	assert_string_equal(path, "");
	assert_int_equal(c.lines, 0);
	redisconf_init(&c);
	redisconf_argv(&c, NULL, path, sizeof(path));
	redisconf_argv(&c, "", path, sizeof(path));
	redisconf_argv(&c, "redis-server --", path, sizeof(path));
}

static void
test_addr_loopback(void **state)
{
	static const struct { const char *a; bool lo; } t[] = {
		{ "127.0.0.1", true }, { "127.1.2.3", true }, { "-::1", true },
		{ "[::1]", true }, { "localhost", true },
		{ "127.0.0.1.evil.com", false }, { "0.0.0.0", false },
		{ "*", false }, { "::", false }, { "", false }, { "-", false },
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(t); i++)
		if (expp_addr_loopback(t[i].a, strlen(t[i].a)) != t[i].lo)
			fail_msg("\"%s\": loopback %d, expected %d", t[i].a,
			    !t[i].lo, t[i].lo);
}

/* ---- kubelet, flags, URLs ---------------------------------------------------- */

static void
test_kubelet_yaml(void **state)
{
	const char *open = "apiVersion: kubelet.config.k8s.io/v1beta1\n"
	    "kind: KubeletConfiguration\nauthentication:\n  anonymous:\n"
	    "    enabled: true  # do not\n  webhook:\n    enabled: false\n"
	    "authorization:\n  mode: \"AlwaysAllow\"\nreadOnlyPort: 10255\n";
	const char *safe = "authentication:\n  anonymous:\n    enabled: false\n"
	    "  webhook:\n    cacheTTL: 0s\n    enabled: true\nauthorization:\n"
	    "  mode: Webhook\n";
	const char *nested = "other:\n  authentication:\n    anonymous:\n"
	    "      enabled: true\n  mode: AlwaysAllow\n";
	struct kubelet_conf k;

	(void)state;
	kubeletconf_parse(&k, open, strlen(open));
	assert_int_equal(k.anonymous, 1);
	assert_int_equal(k.anonymous_line, 5);
	assert_string_equal(k.authz_mode, "AlwaysAllow");
	assert_int_equal(k.read_only_port, 10255);
	kubeletconf_parse(&k, safe, strlen(safe));
	assert_int_equal(k.anonymous, 0);
	assert_string_equal(k.authz_mode, "Webhook");
	assert_int_equal(k.read_only_port, -1);
	/* the keys must be where the kubelet reads them */
	kubeletconf_parse(&k, nested, strlen(nested));
	assert_int_equal(k.anonymous, -1);
	assert_string_equal(k.authz_mode, "");
	kubeletconf_parse(&k, "readOnlyPort: 99999999999\n:\n::\n  x\n", 36);
	assert_int_equal(k.read_only_port, -1);
	kubeletconf_parse(&k, "", 0);
}

static void
test_flags(void **state)
{
	char v[64];
	int n = 0;

	(void)state;
	assert_true(expp_flag("dockerd -H tcp://0.0.0.0:2375 -H "
	    "unix:///var/run/docker.sock", "host", "H", false, v, sizeof(v),
	    NULL, NULL));
	assert_string_equal(v, "unix:///var/run/docker.sock");
	assert_true(expp_flag("dockerd --host=tcp://1.2.3.4:2376 "
	    "--tlsverify --tlscacert=/x", "tlsverify", NULL, true, v,
	    sizeof(v), NULL, NULL));
	assert_string_equal(v, "true");
	assert_true(expp_flag("dockerd --tlsverify=false", "tlsverify", NULL,
	    true, v, sizeof(v), NULL, NULL));
	assert_int_equal(expp_bool(v), 0);
	/* a boolean flag does not eat the next word */
	assert_true(expp_flag("kubelet --anonymous-auth false", "anonymous-auth",
	    NULL, true, v, sizeof(v), NULL, NULL));
	assert_string_equal(v, "true");
	/* a prefix is not the flag */
	assert_false(expp_flag("dockerd --hosts=x --tlsverifyx", "host", NULL,
	    false, v, sizeof(v), NULL, NULL));
	assert_false(expp_flag("dockerd --tlsverifyx", "tlsverify", NULL,
	    true, v, sizeof(v), NULL, NULL));
	assert_true(expp_flag("dockerd -Htcp://0.0.0.0:2375", "host", "H",
	    false, v, sizeof(v), NULL, NULL));
	assert_string_equal(v, "tcp://0.0.0.0:2375");
	assert_true(expp_flag("x --config", "config", NULL, false, v,
	    sizeof(v), NULL, NULL));
	assert_string_equal(v, "");
	/* Go's flag package: one dash is enough (etcd) */
	assert_true(expp_flag("etcd -client-cert-auth=true -name x",
	    "client-cert-auth", NULL, true, v, sizeof(v), NULL, NULL));
	assert_string_equal(v, "true");
	assert_false(expp_flag("etcd -client-cert-authx", "client-cert-auth",
	    NULL, true, v, sizeof(v), NULL, NULL));
	assert_false(expp_flag(NULL, "x", NULL, false, v, sizeof(v), NULL,
	    NULL));
	assert_false(expp_flag("", "x", "x", false, v, sizeof(v), NULL, NULL));
	/* a long value is cut to the buffer */
	assert_true(expp_flag("x --a=0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789", "a", NULL, false, v,
	    sizeof(v), NULL, NULL));
	assert_int_equal(strlen(v), sizeof(v) - 1);
	(void)n;
}

static void
test_url_port(void **state)
{
	/* port -1: none; lo -1: not looked at */
	static const struct { const char *url; int port, lo; } t[] = {
		{ "tcp://0.0.0.0:2375", 2375, false },
		{ "tcp://127.0.0.1:2375", 2375, true },
		{ "http://[::1]:2379/x", 2379, true },
		{ "tcp://:2376", 2376, false },
		{ "unix:///var/run/docker.sock", -1, -1 },
		{ "tcp://0.0.0.0", -1, -1 },
		{ "tcp://h:99999", -1, -1 },
		{ "tcp://h:12a", -1, -1 },
		{ "[::1", -1, -1 },
		{ "", -1, -1 },
		{ ":", -1, -1 },
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(t); i++) {
		bool lo = !t[i].lo;
		int port = expp_url_port(t[i].url, strlen(t[i].url), &lo);

		if (port != t[i].port || (t[i].lo >= 0 && lo != (bool)t[i].lo))
			fail_msg("\"%s\": port %d loopback %d, expected %d %d",
			    t[i].url, port, lo, t[i].port, t[i].lo);
	}
}

/* ---- HTTP and clouds --------------------------------------------------------- */

static void
test_http_status(void **state)
{
	static const struct { const char *s; int rc, code; } t[] = {
		{ "HTTP/1.1 200 OK\r\n", RM_OK, 200 },
		{ "HTTP/1.0 401 Unauthorized\r\n\r\n", RM_OK, 401 },
		{ "HTTP/2 404 \r\n", RM_OK, 404 },
		{ "HTTP/1.1 200\r\n", RM_OK, 200 },
		{ "HTTP/1.1  301 Moved", RM_OK, 301 },
		{ "HTTP/1.1 2000 OK\r\n", RM_EPARSE, 0 },
		{ "HTTP/1.1 20 OK\r\n", RM_EPARSE, 0 },
		{ "HTTP/1.1 099 x\r\n", RM_EPARSE, 0 },
		{ "HTTP/1.1 600 x\r\n", RM_EPARSE, 0 },
		{ "HTTP/1.1 2a0 OK\r\n", RM_EPARSE, 0 },
		{ "HTTP/x.1 200 OK\r\n", RM_EPARSE, 0 },
		{ "HTTP/1. 200 OK\r\n", RM_EPARSE, 0 },
		{ "HTTP/1.1200 OK\r\n", RM_EPARSE, 0 },
		{ "http/1.1 200 OK\r\n", RM_EPARSE, 0 },
		{ "SSH-2.0-OpenSSH_9.2", RM_EPARSE, 0 },
		{ "HTTP/1.1 200", RM_OK, 200 },
		{ "HTTP/1.1 20", RM_EPARSE, 0 },
		{ "", RM_EPARSE, 0 },
	};

	(void)state;
	for (size_t i = 0; i < TL_NELEM(t); i++) {
		int code = -7;
		int r = httpparse_status(t[i].s, strlen(t[i].s), &code);

		if (r != t[i].rc || (r == RM_OK && code != t[i].code))
			fail_msg("\"%s\": rc %d code %d", t[i].s, r, code);
	}
}

static void
test_http_header(void **state)
{
	const char *r = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
	    "server:  EC2ws\x1b[31m\r\n\r\nServer: body\r\n";
	char v[16];

	(void)state;
	assert_true(httpparse_header(r, strlen(r), "Server", v, sizeof(v)));
	assert_string_equal(v, "EC2ws[31m");
	assert_false(httpparse_header(r, strlen(r), "X-Missing", v, sizeof(v)));
	assert_false(httpparse_header("Server: x\r\n", 11, "Server", v,
	    sizeof(v)));  /* the status line is not a header */
	assert_true(httpparse_header("HTTP/1.1 200\nServer: aaaaaaaaaaaaaaaaaaa"
	    "aaaaaaa", 45, "server", v, sizeof(v)));
	assert_int_equal(strlen(v), sizeof(v) - 1);
}

static void
test_cloud(void **state)
{
	(void)state;
	assert_int_equal(expp_cloud("Amazon EC2", "m5.large", "i-0abc", "",
	    "ec2abc"), CLOUD_AWS);
	assert_int_equal(expp_cloud("Xen", "HVM domU", "", "", "EC2E1916-9099"),
	    CLOUD_AWS);
	assert_int_equal(expp_cloud("Google", "Google Compute Engine", "", "",
	    ""), CLOUD_GCP);
	assert_int_equal(expp_cloud("Microsoft Corporation", "Virtual Machine",
	    "None", "7783-7084-3265-9085", ""), CLOUD_AZURE);
	/* Hyper-V on premises is not Azure */
	assert_int_equal(expp_cloud("Microsoft Corporation", "Virtual Machine",
	    "None", "", ""), CLOUD_NONE);
	assert_int_equal(expp_cloud("QEMU", "Standard PC", "", "", ""),
	    CLOUD_NONE);
	assert_int_equal(expp_cloud(NULL, NULL, NULL, NULL, NULL), CLOUD_NONE);
	assert_int_equal(expp_cloud("", "", "i-", "", ""), CLOUD_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_paths),
		cmocka_unit_test(test_walk_hostile),
		cmocka_unit_test(test_walk_long_string),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_mount_class),
		cmocka_unit_test(test_container_state),
		cmocka_unit_test(test_container_caps),
		cmocka_unit_test(test_monitoring_images),
		cmocka_unit_test(test_daemon_json),
		cmocka_unit_test(test_redis_conf),
		cmocka_unit_test(test_redis_hostile),
		cmocka_unit_test(test_redis_argv),
		cmocka_unit_test(test_addr_loopback),
		cmocka_unit_test(test_kubelet_yaml),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_url_port),
		cmocka_unit_test(test_http_status),
		cmocka_unit_test(test_http_header),
		cmocka_unit_test(test_cloud),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
