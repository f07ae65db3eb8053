/*
 * fuzz_svc_conf.c - the parsers of what decides whether a service lets
 * anybody in (expose_parse.c): redis.conf (an intruder's "fix"), an ACL
 * file, a redis-server command line, the kubelet's config.yaml, Go-style
 * flags of dockerd/kubelet/etcd command lines, URL ports.
 *
 * Input: byte 0 picks the parser, the rest is the text.  Checked: every
 * string output is NUL-terminated in its buffer; include count within
 * REDIS_INCLUDES_MAX; enums within range; line numbers within the input's
 * line count; a flag value lies in the command line (or is "true"/"");
 * ports in 0..65535 or -1.
 */
#include "collect/expose_parse.h"
#include "fuzz.h"

static uint32_t
count_lines(const char *s, size_t n)
{
	uint32_t l = 1;

	for (size_t i = 0; i < n; i++)
		l += s[i] == '\n';
	return l;
}

static void
flag_cb(void *arg, const char *v, size_t n)
{
	const char *line = arg;

	FUZZ_CHECK(n == 0 || (n == 4 && memcmp(v, "true", 4) == 0) ||
	    (v >= line && v + n <= line + strlen(line)));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	size_t n;
	uint32_t lines;

	if (size < 1)
		return 0;
	n = size - 1;
	s = fuzz_dupz(data + 1, n);
	lines = count_lines(s, n);
	switch (data[0] % 4) {
	case 0:
	case 1: {
		struct redis_conf c;

		redisconf_init(&c);
		redisconf_feed(&c, s, n, data[0] % 4 == 1);
		FUZZ_CHECK(c.nincludes <= REDIS_INCLUDES_MAX);
		FUZZ_CHECK(memchr(c.bind, '\0', sizeof(c.bind)) != NULL);
		FUZZ_CHECK(memchr(c.aclfile, '\0', sizeof(c.aclfile)) != NULL);
		for (uint32_t i = 0; i < c.nincludes; i++)
			FUZZ_CHECK(memchr(c.includes[i], '\0',
			    EXPP_PATH_MAX) != NULL);
		FUZZ_CHECK(c.auth <= REDIS_AUTH_OFF);
		FUZZ_CHECK(c.port >= -1 && c.port <= 65535);
		FUZZ_CHECK(c.protected_mode >= -1 && c.protected_mode <= 1);
		FUZZ_CHECK(c.bind_line <= lines && c.auth_line <= lines &&
		    c.protected_line <= lines);
		FUZZ_CHECK(!c.bind_public || c.bind_set);
		(void)redisconf_no_password(&c);
		break;
	}
	case 2: {
		struct kubelet_conf k;

		kubeletconf_parse(&k, s, n);
		FUZZ_CHECK(memchr(k.authz_mode, '\0', sizeof(k.authz_mode)));
		FUZZ_CHECK(k.anonymous >= -1 && k.anonymous <= 1);
		FUZZ_CHECK(k.read_only_port >= -1 && k.read_only_port <= 65535);
		FUZZ_CHECK(k.anonymous_line <= lines && k.authz_line <= lines);
		break;
	}
	case 3: {
		/* a command line: NUL ends it as in a proc fact */
		char v[64], path[EXPP_PATH_MAX];
		struct redis_conf c;
		bool lo;
		int port;

		expp_flag(s, "host", "H", false, v, sizeof(v), flag_cb, s);
		FUZZ_CHECK(memchr(v, '\0', sizeof(v)) != NULL);
		if (expp_flag(s, "tlsverify", NULL, true, v, sizeof(v),
		    flag_cb, s))
			(void)expp_bool(v);
		redisconf_init(&c);
		redisconf_argv(&c, s, path, sizeof(path));
		FUZZ_CHECK(memchr(path, '\0', sizeof(path)) != NULL);
		port = expp_url_port(s, strlen(s), &lo);
		FUZZ_CHECK(port >= -1 && port <= 65535);
		(void)expp_addr_loopback(s, strlen(s));
		break;
	}
	}
	free(s);
	return 0;
}
