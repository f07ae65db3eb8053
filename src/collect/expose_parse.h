/*
 * expose_parse.h - parsers for what decides whether a listening service
 * lets anybody in: redis.conf (and its includes and ACL file), the
 * kubelet's config.yaml, dockerd/kubelet/etcd command-line flags, an HTTP
 * status line (the metadata-service probe) and the DMI strings that say
 * which cloud a VM runs in.  Pure: bytes in, fields out; every input is
 * hostile (a config an intruder rewrote, a reply from whatever answers on
 * 169.254.169.254).
 */
#ifndef RM_EXPOSE_PARSE_H
#define RM_EXPOSE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXPP_PATH_MAX 256
#define EXPP_TEXT_MAX 160
#define REDIS_INCLUDES_MAX 8

/* ---- redis.conf ---------------------------------------------------------- */

/* What the default user (the one a client without AUTH is) needs. */
enum redis_auth {
	REDIS_AUTH_UNSET = 0,      /* nothing said: no password (Redis default) */
	REDIS_AUTH_NOPASS,         /* "user default on nopass", requirepass "" */
	REDIS_AUTH_PASSWORD,       /* requirepass X, "user default on >X" */
	REDIS_AUTH_OFF,            /* "user default off": nobody without AUTH */
};

struct redis_conf {
	bool bind_set;             /* a bind line (the last wins) */
	bool bind_public;          /* ... naming a non-loopback address */
	char bind[EXPP_TEXT_MAX];  /* its addresses, as written */
	uint32_t bind_line;
	int protected_mode;        /* -1 unset (yes), 0 no, 1 yes */
	uint32_t protected_line;
	uint8_t auth;              /* enum redis_auth, the last line wins */
	uint32_t auth_line;
	int port;                  /* -1 unset (6379); 0: no TCP at all */
	char aclfile[EXPP_PATH_MAX];
	char includes[REDIS_INCLUDES_MAX][EXPP_PATH_MAX];
	uint32_t nincludes;
	uint32_t lines;            /* directive lines seen */
	uint32_t bad_lines;        /* unbalanced quotes and the like */
};

void redisconf_init(struct redis_conf *c);
/* Feed one file (or a command line turned into lines) in order; later
 * files override earlier ones as Redis applies them.  An ACL file is fed
 * with acl = true: its "user" lines only. */
void redisconf_feed(struct redis_conf *c, const char *buf, size_t n,
		    bool acl);
/* Split "redis-server /etc/redis.conf --port 7000 --requirepass x" (a
 * process's argv joined by spaces) into the config path (out, or "") and
 * config lines fed to c. */
void redisconf_argv(struct redis_conf *c, const char *cmdline, char *path,
		    size_t pathcap);
/* Does a client without a password get in (from beyond loopback)? */
bool redisconf_no_password(const struct redis_conf *c);

/* Is the literal address text (v4, v6, "*", "0.0.0.0", "-::1") a
 * loopback address?  Anything unknown (a hostname) is not. */
bool expp_addr_loopback(const char *s, size_t n);

/* ---- the kubelet's config.yaml (KubeletConfiguration) ------------------- */

struct kubelet_conf {
	int anonymous;             /* authentication.anonymous.enabled: -1, 0, 1 */
	uint32_t anonymous_line;
	char authz_mode[32];       /* authorization.mode, "" unset */
	uint32_t authz_line;
	int read_only_port;        /* readOnlyPort: -1 unset */
	uint32_t read_only_line;
};
/* Read the handful of keys above from a YAML file: block mappings by
 * indentation only (flow style, anchors and multi-document files are
 * read as far as they look like that). */
void kubeletconf_parse(struct kubelet_conf *k, const char *buf, size_t n);

/* ---- command-line flags -------------------------------------------------- */

/*
 * The value of a long flag in a command line (argv joined by spaces):
 * "--name=value", "--name value", Go's "-name=value", "-n value" or
 * "-nvalue" (short, when
 * shortname is not NULL), the LAST occurrence winning as Go's flag
 * packages do.  A boolean flag (is_bool) takes no separate word: bare
 * "--tlsverify" gives "true".  Returns true when the flag is present.
 * cb (may be NULL) sees every occurrence (dockerd -H can repeat).
 */
typedef void expp_flag_fn(void *arg, const char *v, size_t n);
bool expp_flag(const char *cmdline, const char *name, const char *shortname,
	       bool is_bool, char *out, size_t outcap, expp_flag_fn *cb,
	       void *arg);
/* "true", "1", "yes" (any case) -> 1; "false", "0", "no" -> 0; else -1. */
int expp_bool(const char *s);

/* The port of a "tcp://host:port" or "host:port" or "http://h:p/x" URL,
 * or -1; *loopback is set when the host is a loopback address. */
int expp_url_port(const char *s, size_t n, bool *loopback);

/* ---- the metadata-service probe ------------------------------------------ */

/* "HTTP/1.1 200 OK\r\n..." -> 200.  Returns RM_OK and sets *code
 * (100..599), or RM_EPARSE. */
int httpparse_status(const char *buf, size_t n, int *code);
/* The value of header name in the reply head (before the first empty
 * line) into out (printable bytes only, cut at outcap - 1), or false. */
bool httpparse_header(const char *buf, size_t n, const char *name,
		      char *out, size_t outcap);

enum cloud {
	CLOUD_NONE = 0,
	CLOUD_AWS,
	CLOUD_GCP,
	CLOUD_AZURE,
};
/* Which cloud the DMI strings (/sys/class/dmi/id: sys_vendor,
 * product_name, board_asset_tag, chassis_asset_tag, product_uuid; NULL
 * when absent) name. */
enum cloud expp_cloud(const char *vendor, const char *product,
		      const char *board_tag, const char *chassis_tag,
		      const char *uuid);
const char *expp_cloud_name(enum cloud c);

#endif
