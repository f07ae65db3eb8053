/*
 * access_parse.h - parsers for the access-resale checks: command lines of
 * tunnel and relay tools (ssh, socat, ncat/nc, chisel, ligolo), reverse
 * shell one-liners, the names of remote-access and proxyware tools, and
 * the files they leave (tmate, gsocket, ngrok, frp, Tor, Docker configs).
 *
 * Pure functions over bytes.  A command line is argv joined by spaces
 * (struct proc's cmdline), so a quoted argument holding spaces arrives
 * as several tokens; the parsers work on what that leaves.  Everything
 * copied out is capped (ACC_STR_MAX); nothing points into the input.
 */
#ifndef RM_ACCESS_PARSE_H
#define RM_ACCESS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ACC_TOK_MAX 64       /* argv tokens looked at */
#define ACC_STR_MAX 128      /* bytes of one copied value */

/* A command line split at spaces (pointers into the input). */
struct acc_argv {
	const char *tok[ACC_TOK_MAX];
	size_t len[ACC_TOK_MAX];
	unsigned n;
};
void acc_split(const char *cmdline, size_t n, struct acc_argv *a);

/* The last path component of s[0..n) (after the last '/'). */
const char *acc_base(const char *s, size_t n, size_t *blen);

/* ---- ssh ------------------------------------------------------------------ */

enum ssh_fwd_flag {
	SSHF_REMOTE = 1 << 0,        /* -R: a port on the far side comes here */
	SSHF_DYNAMIC = 1 << 1,       /* -D: a SOCKS proxy */
	SSHF_TUN = 1 << 2,           /* -w: a tun device (layer 3 VPN) */
	SSHF_LOCAL = 1 << 3,         /* -L on loopback */
	SSHF_PUBLIC = 1 << 4,        /* -L/-D bound to every address (or -g) */
	SSHF_NO_CMD = 1 << 5,        /* -N: forwarding only */
	SSHF_BACKGROUND = 1 << 6,    /* -f */
};

struct ssh_fwd {
	unsigned flags;
	char spec[ACC_STR_MAX];      /* "-R 8080:localhost:22", the first */
	char dest[ACC_STR_MAX];      /* user@host */
};

/* Parse an ssh client command line; true if it forwards anything (-R,
 * -D, -w, -L).  argv0 is not checked. */
bool acc_parse_ssh(const char *cmdline, size_t n, struct ssh_fwd *out);

/* ---- socat ----------------------------------------------------------------- */

enum acc_addr {
	ADDR_NONE = 0,
	ADDR_LISTEN,                 /* TCP-LISTEN:, OPENSSL-LISTEN: ... */
	ADDR_CONNECT,                /* TCP:host:port, OPENSSL:, SOCKS4: */
	ADDR_EXEC,                   /* EXEC:, SYSTEM: */
	ADDR_STDIO,                  /* -, STDIO */
	ADDR_OTHER,                  /* a file, a unix socket ... */
};

struct socat_cmd {
	uint8_t a1, a2;              /* enum acc_addr */
	char addr1[ACC_STR_MAX], addr2[ACC_STR_MAX];
	char exec[ACC_STR_MAX];      /* what EXEC:/SYSTEM: runs */
	bool exec_shell;             /* ... and its first word is a shell or an
				    * interpreter (not acme.sh's "sleep 1;
				    * echo 'HTTP/1.0 200 OK'") */
};

/* Parse the two addresses of a socat command line; true if both found. */
bool acc_parse_socat(const char *cmdline, size_t n, struct socat_cmd *out);
enum acc_addr acc_socat_addr_kind(const char *a, size_t n);

/* ---- nc / ncat / netcat ---------------------------------------------------- */

enum nc_flag {
	NC_LISTEN = 1 << 0,          /* -l / --listen */
	NC_EXEC = 1 << 1,            /* -e, -c, --exec, --sh-exec, --lua-exec */
	NC_PEER = 1 << 2,            /* a host (and port) to connect to */
	NC_EXEC_SHELL = 1 << 3,      /* what it runs is a shell/interpreter */
	NC_EXEC_RELAY = 1 << 4,      /* ... another nc/ncat/socat/ssh */
};

struct nc_cmd {
	unsigned flags;
	char exec[ACC_STR_MAX];
	char peer[ACC_STR_MAX];      /* "host port" */
};

bool acc_parse_nc(const char *cmdline, size_t n, struct nc_cmd *out);

/* ---- chisel and ligolo ----------------------------------------------------- */

enum tunnel_kind { TUN_NONE = 0, TUN_CHISEL_CLIENT, TUN_CHISEL_SERVER,
	TUN_LIGOLO_AGENT, TUN_LIGOLO_PROXY };

struct tunnel_cmd {
	enum tunnel_kind kind;
	bool by_name;                /* the program is called chisel/ligolo */
	char server[ACC_STR_MAX];    /* chisel client's server, -connect */
	char detail[ACC_STR_MAX];    /* remotes ("R:socks"), the flag seen */
};

/* chisel client/server and ligolo(-ng) agent/proxy, renamed or not. */
bool acc_parse_tunnel(const char *cmdline, size_t n, struct tunnel_cmd *out);

/* ---- names ----------------------------------------------------------------- */

/* A shell or a scripting interpreter a reverse shell runs (sh, bash, dash,
 * zsh, ash, ksh, busybox, python*, perl, php, ruby). */
bool acc_is_shell(const char *name, size_t n);
bool acc_is_interpreter(const char *name, size_t n);
/* nc, ncat, netcat, nc.traditional, nc.openbsd, socat, openssl, telnet */
bool acc_is_netcat(const char *name, size_t n);

enum acc_tool {
	TOOL_NONE = 0,
	TOOL_TMATE, TOOL_GSOCKET, TOOL_NGROK, TOOL_FRP, TOOL_CHISEL,
	TOOL_LIGOLO, TOOL_TOR,
};
const char *acc_tool_name(enum acc_tool t);
/* A remote-access tool by its program name (basename). */
enum acc_tool acc_tool_by_name(const char *name, size_t n);

/* A SOCKS/HTTP proxy or tunnel program by name (3proxy, microsocks, gost,
 * sockd, tinyproxy, ss-server, v2ray ...), or NULL: the list's entry. */
const char *acc_proxy_name(const char *name, size_t n);
/* A packaged reverse proxy or web server (nginx, haproxy, squid ...). */
bool acc_reverse_proxy_name(const char *name, size_t n);

/* A bandwidth-selling (proxyware) client named in s[0..n) (a program
 * name, an image name, a file name); the list entry or NULL. */
const char *acc_proxyware(const char *s, size_t n);

/* A reverse-shell one-liner in a command line: a short description of
 * the form ("bash /dev/tcp redirect", "nc -e shell", ...) or NULL. */
const char *acc_revshell_cmd(const char *cmdline, size_t n);

/* ---- artefacts on disk ----------------------------------------------------- */

enum art_kind {
	ART_NONE = 0,
	ART_TMATE_CONF,              /* ~/.tmate.conf */
	ART_TMATE_SOCKET,            /* /tmp/tmate-UID */
	ART_GS_SHM,                  /* /dev/shm/.gs-UID */
	ART_GS_DEFUNCT,              /* ~/.config/htop/defunct(.dat) */
	ART_NGROK_CONF,              /* ngrok.yml with an authtoken */
	ART_FRP_CONF,                /* frpc.ini / frpc.toml / frps.ini */
	ART_TOR_CONF,                /* a torrc outside /etc/tor */
	ART_TOR_DATA,                /* a Tor data directory */
	ART_TOOL_BINARY,             /* a file named like a tunnel tool */
	ART_PROXYWARE_FILE,          /* a file named like proxyware */
	ART_DOCKER_IMAGE,            /* a container of a proxyware image */
};
const char *acc_art_name(enum art_kind k);
/* What tool an artefact belongs to. */
enum acc_tool acc_art_tool(enum art_kind k);

/* Classify a file name found in a walk (not a home's fixed paths):
 * ART_NONE if it means nothing.  in_shm: the directory is /dev/shm. */
enum art_kind acc_art_by_name(const char *name, size_t n, bool is_dir,
			      bool in_shm);
/* Names inside a Tor data directory (cached-certs, cached-microdesc-
 * consensus ...): their directory is one. */
bool acc_tor_data_member(const char *name, size_t n);

/*
 * Look into a config's text: ngrok: whether an authtoken is set (the
 * token is never copied; detail gets "authtoken"); frp: the server_addr /
 * serverAddr value; torrc: its DataDirectory / HiddenServiceDir /
 * SocksPort.  Returns true if the text is what the kind says.
 */
bool acc_conf_scan(enum art_kind k, const char *text, size_t n,
		   char detail[ACC_STR_MAX]);

/* A Docker container's config.v2.json: the image name that names
 * proxyware, copied into image; true if one does. */
bool acc_docker_proxyware(const char *text, size_t n,
			  char image[ACC_STR_MAX]);

#endif
