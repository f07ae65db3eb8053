/*
 * ctr_parse.h - a small, bounded JSON reader for Docker's container state
 * on disk (/var/lib/docker/containers/ID/config.v2.json and
 * hostconfig.json) and for /etc/docker/daemon.json.  Pure: bytes in,
 * fields out.
 *
 * Every byte is hostile: an image can hold a 1 GB config.v2.json, nesting
 * 100,000 levels deep, strings with invalid escapes.  The walker keeps no
 * tree: it calls back with the path of each scalar (the keys from the top,
 * arrays as "[]"), nests at most CTRJ_DEPTH levels, keeps at most
 * CTRJ_KEY_MAX bytes of a key and CTRJ_STR_MAX bytes of a string value
 * (the rest is dropped, and said), and stops at the first syntax error.
 */
#ifndef RM_CTR_PARSE_H
#define RM_CTR_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CTRJ_DEPTH   32
#define CTRJ_KEY_MAX 256
#define CTRJ_STR_MAX 4096

enum ctrj_type { CTRJ_STRING, CTRJ_NUMBER, CTRJ_TRUE, CTRJ_FALSE, CTRJ_NULL };

/* A path: comp[0..n-1]; a component is a key, or NULL for an array
 * element.  Borrowed for the duration of the callback. */
struct ctrj_path {
	const char *comp[CTRJ_DEPTH];
	uint32_t index[CTRJ_DEPTH];  /* an array element's index */
	uint32_t n;
};

/* One scalar at path p: its type and text (strings unescaped, cut at
 * CTRJ_STR_MAX bytes, NUL-terminated; an escaped NUL becomes '?'). */
typedef void ctrj_fn(void *arg, const struct ctrj_path *p, enum ctrj_type t,
		     const char *v, size_t vlen);

/* Walk the JSON text buf[0..n).  Returns RM_OK, or RM_EPARSE at the first
 * error (scalars before it were delivered) or when nesting exceeds
 * CTRJ_DEPTH. */
int ctrj_walk(const char *buf, size_t n, ctrj_fn *cb, void *arg);

/* Does p match pattern, a '.'-separated list of components where "*"
 * matches any key and "[]" an array element?  "MountPoints.*.Source". */
bool ctrj_match(const struct ctrj_path *p, const char *pattern);

/* ---- what a container's state says -------------------------------------- */

/* Host paths that hand the host to a container. */
enum ctr_mount_class {
	CTRM_NONE = 0,
	CTRM_ROOT,                 /* "/" itself */
	CTRM_DOCKER_SOCK,          /* docker.sock / containerd.sock */
	CTRM_RUN,                  /* /run, /var/run: holds docker.sock */
	CTRM_ETC,                  /* /etc (or below) */
	CTRM_ROOT_HOME,            /* /root (or below) */
	CTRM_CRON,                 /* /var/spool/cron (or below) */
	CTRM_SYSTEM,               /* /usr, /boot, /lib, /bin, /sbin, /var,
				    * /home: most of the host */
};

/* The class of a host path (as written: "/", "/var/run/docker.sock",
 * "//etc/" normalised). */
enum ctr_mount_class ctrparse_mount_class(const char *src, size_t n);
const char *ctr_mount_class_name(enum ctr_mount_class c);

#define CTR_MOUNTS_MAX 16          /* sensitive mounts kept per container */
#define CTR_PATH_MAX 256

struct ctr_mount_rec {
	char source[CTR_PATH_MAX];
	char dest[CTR_PATH_MAX];
	bool ro;
	uint8_t cls;               /* enum ctr_mount_class */
};

/* The fields read from one container's two files.  Fixed-size: the
 * parser allocates nothing. */
struct ctr_state {
	char id[80];               /* "ID" */
	char name[CTR_PATH_MAX];   /* "Name": "/cadvisor" */
	char image[CTR_PATH_MAX];  /* "Config.Image" */
	bool running;              /* "State.Running" */
	bool privileged;           /* "Privileged" */
	bool pid_host;             /* "PidMode": "host" */
	bool net_host;             /* "NetworkMode": "host" */
	bool cap_sys_admin;        /* "CapAdd" holds SYS_ADMIN or ALL */
	struct ctr_mount_rec mounts[CTR_MOUNTS_MAX];
	uint32_t nmounts;
	uint32_t mounts_dropped;   /* sensitive mounts past the cap */
};

void ctrparse_init(struct ctr_state *c);
/* Read config.v2.json (its "Config", "State", "MountPoints") into c. */
int ctrparse_config(struct ctr_state *c, const char *buf, size_t n);
/* Read hostconfig.json ("Privileged", "Binds", "Mounts", "PidMode",
 * "NetworkMode", "CapAdd") into c. */
int ctrparse_hostconfig(struct ctr_state *c, const char *buf, size_t n);

/* An image whose job is to watch the host read-only (cAdvisor,
 * node-exporter, Falco, the Datadog agent ...); its name or NULL. */
const char *ctrparse_monitoring_image(const char *image);

/* /etc/docker/daemon.json: "hosts" and "tlsverify". */
struct docker_daemon_conf {
	bool tcp;                  /* a "tcp://" entry in "hosts" */
	char tcp_host[CTR_PATH_MAX]; /* the first */
	int tlsverify;             /* -1 unset, 0 false, 1 true */
	int tls;                   /* "tls": -1 unset, 0, 1 */
};
int ctrparse_daemon_json(struct docker_daemon_conf *d, const char *buf,
			 size_t n);

#endif
