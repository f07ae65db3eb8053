/*
 * expose.c - what invites the next intruder: management APIs and Redis
 * listening beyond loopback, with what their flags and config files say
 * about who may talk to them, and (only when asked, or on a cloud VM)
 * whether the instance metadata service answers without a session token.
 *
 * Inputs: the socket and process facts already collected (no new walk of
 * /proc), a few config files read inside the root (root.h; capped at
 * RM_EXPOSE_CONF_MAX each, at most REDIS_INCLUDES_MAX includes one level
 * deep), the DMI strings in /sys/class/dmi/id, and on a probe at most
 * RM_IMDS_READ_MAX bytes from 169.254.169.254:80 within RM_IMDS_PROBE_MS.
 * Facts only; det_exp_*.c judge.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/io.h"
#include "../core/limits.h"
#include "../core/root.h"
#include "../core/xmalloc.h"
#include "collect.h"
#include "ctr_parse.h"
#include "expose_parse.h"
#include "sock_parse.h"

#define TCP_LISTEN_STATE 10

struct sacc {
	struct snapshot *s;
	struct service *v;
	size_t n, alloc;
};

static const char *
base_name(const char *p)
{
	const char *sl;

	if (p == NULL)
		return "";
	sl = strrchr(p, '/');
	return sl ? sl + 1 : p;
}

/* The program's name: the executable's base name, else comm. */
static void
prog_name(const struct proc *p, char *out, size_t cap)
{
	const char *b = p->exe && p->exe_kind != EXE_MEMFD ?
	    base_name(p->exe) : p->comm ? p->comm : "";
	size_t n = strcspn(b, " ");  /* "x (deleted)" */

	if (n >= cap)
		n = cap - 1;
	memcpy(out, b, n);
	out[n] = '\0';
}

static bool
is_redis(const char *name)
{
	return strcmp(name, "redis-server") == 0 ||
	    strcmp(name, "valkey-server") == 0 ||
	    strcmp(name, "keydb-server") == 0;
}

/* Distributions whose own binary runs the kubelet in-process, with
 * anonymous auth off and Webhook authorization by default. */
static bool
embedded_kubelet(const char *name)
{
	return strcmp(name, "k3s") == 0 || strcmp(name, "k3s-server") == 0 ||
	    strcmp(name, "k3s-agent") == 0 || strcmp(name, "kubelite") == 0;
}

/* The kind of a listener on port owned by p (NULL: unknown owner), and
 * whether the program is the service's own. */
static int
classify(const struct proc *p, uint16_t port, bool *genuine)
{
	char name[64] = "";

	if (p)
		prog_name(p, name, sizeof(name));
	*genuine = true;
	if (is_redis(name))
		return SVC_REDIS;
	if (strcmp(name, "dockerd") == 0) {
		/* dockerd's API ports; any other tcp:// host it was given is
		 * matched by the caller against its flags */
		if (port == 2375 || port == 2376)
			return SVC_DOCKER;
		return 0;
	}
	if ((strcmp(name, "kubelet") == 0 || embedded_kubelet(name)) &&
	    port == 10250)
		return SVC_KUBELET;
	if (strcmp(name, "kubelet") == 0 && port == 10255)
		return SVC_KUBELET_RO;
	if (strcmp(name, "etcd") == 0 && port == 2379)
		return SVC_ETCD;
	if (port == 9001 && p && (strcmp(name, "agent") == 0 ||
	    (p->exe && strstr(p->exe, "portainer"))))
		return SVC_PORTAINER_AGENT;
	/* the port alone: something else answers where the API would */
	*genuine = false;
	switch (port) {
	case 2375: case 2376: return SVC_DOCKER;
	case 10250: return SVC_KUBELET;
	case 10255: return SVC_KUBELET_RO;
	case 2379: return SVC_ETCD;
	}
	return 0;
}

/* dockerd given "-H tcp://HOST:port" for this port. */
struct hctx {
	int port;
	bool match;
	char host[EXPP_TEXT_MAX];
};

static void
host_flag(void *arg, const char *v, size_t n)
{
	struct hctx *h = arg;
	bool lo;

	if (n >= 6 && strncmp(v, "tcp://", 6) == 0) {
		int port = expp_url_port(v, n, &lo);

		/* "tcp://0.0.0.0" alone: Docker's default port 2375 */
		if (port < 0)
			port = 2375;
		if (port == h->port && !h->match) {
			h->match = true;
			snprintf(h->host, sizeof(h->host), "-H %.*s",
			    (int)(n < 120 ? n : 120), v);
		}
	}
}

static struct service *
add(struct sacc *a)
{
	struct service *sv;

	if (a->n >= RM_SERVICES_MAX)
		return NULL;
	if (a->n == a->alloc) {
		size_t na = a->alloc ? a->alloc * 2 : 8;
		struct service *nv = arena_alloc(&a->s->arena,
		    na * sizeof(*nv));

		if (a->n)
			memcpy(nv, a->v, a->n * sizeof(*nv));
		a->v = nv;
		a->alloc = na;
	}
	sv = &a->v[a->n++];
	memset(sv, 0, sizeof(*sv));
	return sv;
}

/*
 * Set while judging a process in another mount namespace than the
 * scanner's (a container's Redis, Docker-in-Docker): the host's
 * /etc/redis/redis.conf is not its config, so no file is read for it and
 * only its command line counts.  One collector pass, one thread.
 */
static bool foreign_mnt;

/* Read path (inside the root) into b; RM_OK or an rm_err. */
static int
read_conf(struct snapshot *s, const char *path, struct buf *b)
{
	bool trunc;

	if (foreign_mnt)
		return RM_ENOENT;
	buf_reset(b);
	b->overflow = false;
	return root_read_file(s->rootfd, path, b, NULL, &trunc);
}

static const char *
sdup(struct snapshot *s, const char *v)
{
	return v ? arena_strdup(&s->arena, v) : NULL;
}

static const char *
fmt(struct snapshot *s, const char *f, ...) __attribute__((format(printf, 2, 3)));

static const char *
fmt(struct snapshot *s, const char *f, ...)
{
	char tmp[512];
	va_list ap;

	va_start(ap, f);
	vsnprintf(tmp, sizeof(tmp), f, ap);
	va_end(ap);
	return arena_strdup(&s->arena, tmp);
}

/* ---- judging each kind ---------------------------------------------------- */

static void
judge_docker(struct snapshot *s, struct service *sv, const struct proc *p,
	     struct buf *b)
{
	char v[EXPP_TEXT_MAX], cfg[EXPP_PATH_MAX] = "/etc/docker/daemon.json";
	struct docker_daemon_conf d = { .tlsverify = -1, .tls = -1 };
	struct hctx h = { .port = sv->port };
	int tv = -1;

	if (p && expp_flag(p->cmdline, "config-file", NULL, false, v,
	    sizeof(v), NULL, NULL) && v[0])
		snprintf(cfg, sizeof(cfg), "%s", v);
	if (read_conf(s, cfg, b) == RM_OK) {
		if (ctrparse_daemon_json(&d, b->data, b->len) != RM_OK)
			s->parse_errors++;
		sv->config = sdup(s, cfg);
	}
	if (p) {
		expp_flag(p->cmdline, "host", "H", false, v, sizeof(v),
		    host_flag, &h);
		if (expp_flag(p->cmdline, "tlsverify", NULL, true, v,
		    sizeof(v), NULL, NULL))
			tv = expp_bool(v);
	}
	if (tv < 0)
		tv = d.tlsverify;
	if (h.match)
		sv->setting = sdup(s, h.host);
	else if (d.tcp)
		sv->setting = fmt(s, "\"hosts\": [\"%s\"] in %s", d.tcp_host,
		    cfg);
	if (tv == 1) {
		sv->guard = GUARD_ON;
		sv->guard_why = "--tlsverify: clients need a certificate the "
		    "daemon's CA signed";
	} else {
		sv->guard = GUARD_NONE;
		sv->guard_why = sv->port == 2376 || d.tls == 1 ?
		    "TLS without --tlsverify: any client may connect" :
		    "plain HTTP without --tlsverify: any client that reaches "
		    "the port controls Docker, and through it the host";
	}
}

static void
judge_kubelet(struct snapshot *s, struct service *sv, const struct proc *p,
	      struct buf *b)
{
	char v[EXPP_TEXT_MAX], cfg[EXPP_PATH_MAX] = "";
	struct kubelet_conf k = { .anonymous = -1, .read_only_port = -1 };
	int anon = -1;
	char mode[32] = "", name[64] = "";
	bool have_cfg = false, embedded;

	if (p)
		prog_name(p, name, sizeof(name));
	embedded = embedded_kubelet(name);
	if (p && !embedded && expp_flag(p->cmdline, "config", NULL, false, v,
	    sizeof(v), NULL, NULL) && v[0])
		snprintf(cfg, sizeof(cfg), "%s", v);
	else
		snprintf(cfg, sizeof(cfg), "/var/lib/kubelet/config.yaml");
	if (read_conf(s, cfg, b) == RM_OK) {
		kubeletconf_parse(&k, b->data, b->len);
		have_cfg = true;
		sv->config = sdup(s, cfg);
	}
	if (sv->kind == SVC_KUBELET_RO) {
		sv->guard = GUARD_NONE;
		sv->guard_why = "the read-only port has no authentication: "
		    "pods, their specs and environment to anybody";
		if (have_cfg && k.read_only_port > 0) {
			sv->config_line = k.read_only_line;
			sv->setting = fmt(s, "readOnlyPort: %d",
			    k.read_only_port);
		} else if (p && expp_flag(p->cmdline, "read-only-port", NULL,
		    false, v, sizeof(v), NULL, NULL)) {
			sv->setting = fmt(s, "--read-only-port=%s", v);
		}
		return;
	}
	/* flags win over the file; without a file, the flags' defaults
	 * (anonymous on, AlwaysAllow) apply; a config file's defaults are
	 * anonymous off and Webhook */
	if (p && expp_flag(p->cmdline, "anonymous-auth", NULL, true, v,
	    sizeof(v), NULL, NULL)) {
		anon = expp_bool(v);
		sv->setting = fmt(s, "--anonymous-auth=%s", v);
	} else if (have_cfg && k.anonymous >= 0) {
		anon = k.anonymous;
		sv->config_line = k.anonymous_line;
		sv->setting = fmt(s, "authentication.anonymous.enabled: %s",
		    anon ? "true" : "false");
	} else {
		anon = !have_cfg && !embedded;
	}
	if (p && expp_flag(p->cmdline, "authorization-mode", NULL, false, v,
	    sizeof(v), NULL, NULL)) {
		snprintf(mode, sizeof(mode), "%.31s", v);
	} else if (have_cfg && k.authz_mode[0]) {
		snprintf(mode, sizeof(mode), "%s", k.authz_mode);
		if (anon)
			sv->config_line = k.authz_line;
	} else {
		snprintf(mode, sizeof(mode), "%s", have_cfg || embedded ?
		    "Webhook" : "AlwaysAllow");
	}
	if (anon == 1 && strcmp(mode, "AlwaysAllow") == 0) {
		sv->guard = GUARD_NONE;
		sv->guard_why = "anonymous authentication on and authorization "
		    "AlwaysAllow: anybody may run commands in every pod";
		sv->setting = fmt(s, "anonymous auth on, authorization mode "
		    "AlwaysAllow%s", have_cfg ? "" : " (the flags' defaults)");
	} else if (anon == 1 || strcmp(mode, "AlwaysAllow") == 0) {
		sv->guard = GUARD_WEAK;
		sv->guard_why = anon == 1 ? "anonymous authentication on "
		    "(authorization decides)" : "authorization AlwaysAllow: "
		    "any authenticated client may do anything";
	} else {
		sv->guard = GUARD_ON;
		sv->guard_why = "anonymous authentication off, authorization "
		    "not AlwaysAllow";
	}
}

static void
judge_etcd(struct snapshot *s, struct service *sv, const struct proc *p)
{
	char v[EXPP_TEXT_MAX];

	if (p && expp_flag(p->cmdline, "client-cert-auth", NULL, true, v,
	    sizeof(v), NULL, NULL) && expp_bool(v) == 1) {
		sv->guard = GUARD_ON;
		sv->guard_why = "--client-cert-auth: clients need a certificate";
		return;
	}
	sv->guard = GUARD_NONE;
	sv->guard_why = "no --client-cert-auth: any client reads and writes "
	    "every key (Kubernetes secrets included)";
	(void)s;
}

/* Read a redis config and what it includes (one level) into c. */
static void
redis_read(struct snapshot *s, const char *path, struct redis_conf *c,
	   struct buf *b, bool *found)
{
	char incs[REDIS_INCLUDES_MAX][EXPP_PATH_MAX];
	uint32_t ninc;

	*found = false;
	if (read_conf(s, path, b) != RM_OK)
		return;
	*found = true;
	redisconf_feed(c, b->data, b->len, false);
	ninc = c->nincludes;
	memcpy(incs, c->includes, sizeof(incs));
	for (uint32_t i = 0; i < ninc; i++) {
		uint32_t before = c->nincludes;

		if (incs[i][0] != '/' || read_conf(s, incs[i], b) != RM_OK)
			continue;
		redisconf_feed(c, b->data, b->len, false);
		c->nincludes = before;  /* one level: no include loops */
	}
	if (c->aclfile[0] == '/' && read_conf(s, c->aclfile, b) == RM_OK)
		redisconf_feed(c, b->data, b->len, true);
}

static const char *const redis_paths[] = {
	"/etc/redis/redis.conf", "/etc/redis.conf", "/etc/redis/6379.conf",
	"/etc/valkey/valkey.conf", "/etc/keydb/keydb.conf", NULL
};

static void
redis_guard(struct snapshot *s, struct service *sv,
	    const struct redis_conf *c, bool found)
{
	if (!found) {
		sv->guard = GUARD_UNKNOWN;
		sv->guard_why = "no config file found: whether it wants a "
		    "password is unknown";
		return;
	}
	if (!redisconf_no_password(c)) {
		sv->guard = GUARD_ON;
		sv->guard_why = c->auth == REDIS_AUTH_OFF ? "the default user "
		    "is off: clients must AUTH" : "a password (requirepass "
		    "or the default user's)";
		sv->config_line = c->auth_line;
		return;
	}
	if (c->protected_mode == 0) {
		sv->guard = GUARD_NONE;
		sv->guard_why = "no password and protected-mode no: anybody who "
		    "reaches the port can CONFIG SET dir and write cron jobs "
		    "or SSH keys";
		sv->config_line = c->protected_line;
		sv->setting = "protected-mode no";
	} else {
		sv->guard = GUARD_WEAK;
		sv->guard_why = "no password; protected-mode on (Redis 6 and "
		    "later refuse clients beyond loopback, older ones only "
		    "without a bind line)";
		if (c->bind_set) {
			sv->config_line = c->bind_line;
			sv->setting = fmt(s, "bind %s", c->bind);
		}
	}
}

static void
judge_redis(struct snapshot *s, struct service *sv, const struct proc *p,
	    struct buf *b)
{
	struct redis_conf c;
	char path[EXPP_PATH_MAX] = "";
	bool found = false;

	/* the config named on the command line (if the title was not
	 * rewritten), then the command line's options over it */
	redisconf_init(&c);
	if (p)
		redisconf_argv(&c, p->cmdline, path, sizeof(path));
	redisconf_init(&c);
	if (path[0]) {
		redis_read(s, path, &c, b, &found);
		if (found)
			sv->config = sdup(s, path);
	}
	for (size_t i = 0; !found && redis_paths[i]; i++) {
		redis_read(s, redis_paths[i], &c, b, &found);
		if (found)
			sv->config = redis_paths[i];
	}
	if (p) {
		char ignore[EXPP_PATH_MAX];

		redisconf_argv(&c, p->cmdline, ignore, sizeof(ignore));
		found |= c.lines > 0;
	}
	redis_guard(s, sv, &c, found);
}

static void
judge(struct snapshot *s, struct service *sv, const struct proc *p,
      struct buf *b, uint64_t self_mnt)
{
	foreign_mnt = p && p->ns_mnt && self_mnt && p->ns_mnt != self_mnt;
	if (!sv->genuine) {
		sv->guard = GUARD_UNKNOWN;
		sv->guard_why = "the listener is not the service's own program";
		return;
	}
	switch (sv->kind) {
	case SVC_DOCKER:
		judge_docker(s, sv, p, b);
		break;
	case SVC_KUBELET:
	case SVC_KUBELET_RO:
		judge_kubelet(s, sv, p, b);
		break;
	case SVC_ETCD:
		judge_etcd(s, sv, p);
		break;
	case SVC_PORTAINER_AGENT:
		sv->guard = GUARD_UNKNOWN;
		sv->guard_why = "the agent obeys the first Portainer server "
		    "that connects unless AGENT_SECRET is set";
		break;
	case SVC_REDIS:
		judge_redis(s, sv, p, b);
		break;
	}
	if (foreign_mnt && sv->guard == GUARD_UNKNOWN)
		sv->guard_why = "runs in another mount namespace (a container): "
		    "its config files were not read";
	foreign_mnt = false;
}

/* dockerd listening on a port its -H flags name (not 2375/2376). */
static bool
docker_other_port(const struct proc *p, uint16_t port)
{
	struct hctx h = { .port = port };
	char v[EXPP_TEXT_MAX];

	if (p == NULL || p->cmdline == NULL)
		return false;
	expp_flag(p->cmdline, "host", "H", false, v, sizeof(v), host_flag,
	    &h);
	return h.match;
}

static void
live_services(struct sacc *a, struct buf *b)
{
	struct snapshot *s = a->s;
	size_t first = a->n;

	for (size_t i = 0; i < s->nsocks; i++) {
		const struct sock *k = &s->socks[i];
		const struct proc *p;
		struct service *sv = NULL;
		char ip[INET6_ADDRSTRLEN];
		bool genuine, lo;
		pid_t pid;
		int kind;

		if (k->proto != IPPROTO_TCP || k->state != TCP_LISTEN_STATE)
			continue;
		pid = k->nowners ? k->owners[0] : 0;
		p = pid ? snapshot_proc(s, pid) : NULL;
		kind = classify(p, k->lport, &genuine);
		if (kind == 0 && p && docker_other_port(p, k->lport)) {
			char name[64];

			prog_name(p, name, sizeof(name));
			if (strcmp(name, "dockerd") == 0) {
				kind = SVC_DOCKER;
				genuine = true;
			}
		}
		if (kind == 0)
			continue;
		sock_addr_str(k, false, ip, sizeof(ip));
		lo = expp_addr_loopback(ip, strlen(ip));
		for (size_t j = first; j < a->n; j++)
			if (a->v[j].kind == kind && a->v[j].pid == pid &&
			    a->v[j].netns == k->netns &&
			    a->v[j].port == k->lport)
				sv = &a->v[j];
		if (sv) {
			sv->nlisteners++;
			if (!lo && sv->loopback) {
				sv->loopback = false;
				sv->addr = sdup(s, ip);
			}
			continue;
		}
		if ((sv = add(a)) == NULL)
			break;
		sv->kind = (uint8_t)kind;
		sv->pid = pid;
		sv->netns = k->netns;
		sv->port = k->lport;
		sv->addr = sdup(s, ip);
		sv->loopback = lo;
		sv->nlisteners = 1;
		sv->genuine = genuine;
		if (p) {
			sv->comm = p->comm;
			sv->exe = p->exe;
			sv->cmdline = p->cmdline;
		}
	}
	/* judge once each, loopback ones too (the facts show them) */
	{
		struct stat st;
		uint64_t self_mnt = stat("/proc/self/ns/mnt", &st) == 0 ?
		    (uint64_t)st.st_ino : 0;

		for (size_t j = first; j < a->n; j++)
			judge(s, &a->v[j], a->v[j].pid ? snapshot_proc(s,
			    a->v[j].pid) : NULL, b, self_mnt);
	}
}

/* Redis's and Docker's configs on disk, with no live listener (an image,
 * or a service that is stopped). */
static void
config_services(struct sacc *a, struct buf *b)
{
	struct snapshot *s = a->s;
	bool have_redis = false, have_docker = false;

	for (size_t j = 0; j < a->n; j++) {
		have_redis |= a->v[j].kind == SVC_REDIS;
		have_docker |= a->v[j].kind == SVC_DOCKER;
	}
	if (!have_redis) {
		for (size_t i = 0; redis_paths[i]; i++) {
			struct redis_conf c;
			struct service *sv;
			bool found;

			redisconf_init(&c);
			redis_read(s, redis_paths[i], &c, b, &found);
			if (!found || c.port == 0)
				continue;
			if ((sv = add(a)) == NULL)
				return;
			sv->kind = SVC_REDIS;
			sv->genuine = true;
			sv->config = redis_paths[i];
			sv->port = (uint16_t)(c.port > 0 ? c.port : 6379);
			sv->addr = c.bind_set ? sdup(s, c.bind) : "*";
			sv->loopback = c.bind_set && !c.bind_public;
			redis_guard(s, sv, &c, true);
			break;  /* the first config found is the one used */
		}
	}
	if (!have_docker && !s->live) {
		struct docker_daemon_conf d;
		struct service *sv;
		bool lo;
		int port;

		if (read_conf(s, "/etc/docker/daemon.json", b) != RM_OK ||
		    ctrparse_daemon_json(&d, b->data, b->len) != RM_OK ||
		    !d.tcp)
			return;
		port = expp_url_port(d.tcp_host, strlen(d.tcp_host), &lo);
		if ((sv = add(a)) == NULL)
			return;
		sv->kind = SVC_DOCKER;
		sv->genuine = true;
		sv->config = "/etc/docker/daemon.json";
		sv->port = (uint16_t)(port > 0 ? port : 2375);
		sv->addr = sdup(s, d.tcp_host);
		sv->loopback = lo;
		sv->setting = fmt(s, "\"hosts\": [\"%s\"]", d.tcp_host);
		if (d.tlsverify == 1) {
			sv->guard = GUARD_ON;
			sv->guard_why = "\"tlsverify\": true";
		} else {
			sv->guard = GUARD_NONE;
			sv->guard_why = "a tcp:// host without \"tlsverify\": "
			    "any client that reaches the port controls Docker";
		}
	}
}

void
expose_collect(struct snapshot *s)
{
	struct sacc a = { .s = s };
	struct buf b;

	buf_init(&b, RM_EXPOSE_CONF_MAX);
	if (s->live)
		live_services(&a, &b);
	config_services(&a, &b);
	buf_free(&b);
	s->services = a.v;
	s->nservices = a.n;
	if (a.n >= RM_SERVICES_MAX)
		snapshot_skip(s, "exposure: services", "more than %u exposed "
		    "service listeners: the rest were not judged",
		    (unsigned)RM_SERVICES_MAX);
}

/* ---- the metadata service --------------------------------------------------- */

static void
dmi_read(int dfd, const char *name, char *out, size_t cap)
{
	size_t len = 0;

	out[0] = '\0';
	if (io_read_at(dfd, name, out, cap, &len, NULL) != RM_OK)
		len = 0;
	out[len] = '\0';
	while (len && (out[len - 1] == '\n' || out[len - 1] == ' '))
		out[--len] = '\0';
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)out[i] < 0x20 || (unsigned char)out[i] >= 0x7f)
			out[i] = '?';
}

/* One HTTP request to 169.254.169.254:80 within the deadline. */
static void
probe(struct snapshot *s, struct imds_fact *im)
{
	static const char req[] = "GET /latest/meta-data/ HTTP/1.0\r\n"
	    "Host: 169.254.169.254\r\nUser-Agent: rookmelder\r\n"
	    "Accept: */*\r\nConnection: close\r\n\r\n";
	uint64_t t0 = io_now_ns(), deadline = t0 +
	    (uint64_t)RM_IMDS_PROBE_MS * 1000000u;
	struct sockaddr_in sa = { .sin_family = AF_INET,
	    .sin_port = htons(80) };
	char resp[RM_IMDS_READ_MAX + 1];
	size_t got = 0, sent = 0;
	int fd, code, err = 0;
	socklen_t el = sizeof(err);
	struct pollfd pf;

	im->probed = true;
	im->status = -1;
	inet_pton(AF_INET, "169.254.169.254", &sa.sin_addr);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		im->err = rm_from_errno(errno);
		goto out;
	}
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 &&
	    errno != EINPROGRESS) {
		im->err = rm_from_errno(errno);
		goto out;
	}
	pf.fd = fd;
	for (;;) {
		uint64_t now = io_now_ns();
		int left, r;

		if (now >= deadline) {
			im->err = RM_ETOOBIG;  /* timed out */
			goto out;
		}
		left = (int)((deadline - now) / 1000000u) + 1;
		pf.events = sent < sizeof(req) - 1 ? POLLOUT : POLLIN;
		pf.revents = 0;
		r = poll(&pf, 1, left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue;  /* the deadline check ends it */
		if (sent < sizeof(req) - 1) {
			ssize_t w;

			if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) == 0 &&
			    err != 0) {
				im->err = rm_from_errno(err);
				goto out;
			}
			w = send(fd, req + sent, sizeof(req) - 1 - sent,
			    MSG_NOSIGNAL);
			if (w < 0 && errno != EAGAIN && errno != EINTR) {
				im->err = rm_from_errno(errno);
				goto out;
			}
			if (w > 0)
				sent += (size_t)w;
			continue;
		}
		{
			ssize_t n = read(fd, resp + got, sizeof(resp) - 1 - got);

			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (n < 0) {
				im->err = rm_from_errno(errno);
				break;
			}
			if (n == 0)
				break;
			got += (size_t)n;
			/* the head is all that is needed */
			if (got == sizeof(resp) - 1 ||
			    memmem(resp, got, "\r\n\r\n", 4))
				break;
		}
	}
	resp[got] = '\0';
	if (got && httpparse_status(resp, got, &code) == RM_OK) {
		char server[80];

		im->status = code;
		im->err = RM_OK;
		if (httpparse_header(resp, got, "Server", server,
		    sizeof(server)) && server[0])
			im->server = arena_strdup(&s->arena, server);
	} else if (got) {
		im->err = RM_EPARSE;
		s->parse_errors++;
	} else if (im->err == 0) {
		im->err = RM_EPARSE;
	}
out:
	if (fd >= 0)
		close(fd);
	im->ms = (uint32_t)((io_now_ns() - t0) / 1000000u);
}

void
imds_collect(struct snapshot *s, int mode, bool fixture)
{
	struct imds_fact *im = &s->imds;
	char vendor[128], product[128], board[128], chassis[128], uuid[64];
	enum cloud c = CLOUD_NONE;
	int dfd;

	memset(im, 0, sizeof(*im));
	im->status = -1;
	if (!s->live) {
		im->why_not = "--root scans a disk image: the metadata service "
		    "of this host says nothing about it";
	} else if (mode == 0) {
		im->why_not = "--no-imds-probe (or ROOKMELDER_IMDS_PROBE=0)";
	} else {
		dfd = open("/sys/class/dmi/id", O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC);
		if (dfd >= 0) {
			dmi_read(dfd, "sys_vendor", vendor, sizeof(vendor));
			dmi_read(dfd, "product_name", product, sizeof(product));
			dmi_read(dfd, "board_asset_tag", board, sizeof(board));
			dmi_read(dfd, "chassis_asset_tag", chassis,
			    sizeof(chassis));
			dmi_read(dfd, "product_uuid", uuid, sizeof(uuid));
			close(dfd);
			c = expp_cloud(vendor, product, board, chassis, uuid);
			if (c != CLOUD_NONE)
				im->cloud = expp_cloud_name(c);
		}
		if (mode < 0 && fixture)
			im->why_not = "--proc: a fixture, not this host";
		else if (mode < 0 && c == CLOUD_NONE)
			im->why_not = dfd < 0 ? "not a cloud VM (no DMI data in "
			    "/sys/class/dmi/id); --imds-probe probes anyway" :
			    fmt(s, "not a cloud VM (DMI vendor \"%s\", product "
			    "\"%s\"); --imds-probe probes anyway", vendor,
			    product);
	}
	if (im->why_not) {
		snapshot_skip(s, "imds", "the instance metadata service was not "
		    "probed: %s", im->why_not);
		return;
	}
	probe(s, im);
}
