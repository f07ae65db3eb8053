/*
 * access_parse.c - command lines of tunnel, relay and reverse-shell tools,
 * tool names and their artefacts (see access_parse.h).  Every input is
 * hostile: tokens are bounded (ACC_TOK_MAX), copies capped (ACC_STR_MAX),
 * loops linear in the input.
 */
#include <ctype.h>
#include <string.h>

#include "access_parse.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static void
copy(char dst[ACC_STR_MAX], const char *s, size_t n)
{
	if (n >= ACC_STR_MAX)
		n = ACC_STR_MAX - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* Append " tok" (or "tok" when empty), capped. */
static void
append(char dst[ACC_STR_MAX], const char *s, size_t n)
{
	size_t l = strlen(dst);

	if (l && l + 1 < ACC_STR_MAX)
		dst[l++] = ' ';
	if (l + n >= ACC_STR_MAX)
		n = ACC_STR_MAX - 1 - l;
	memcpy(dst + l, s, n);
	dst[l + n] = '\0';
}

static bool
tok_eq(const char *t, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(t, w, n) == 0;
}

static bool
tok_ieq(const char *t, size_t n, const char *w)
{
	return strlen(w) == n && strncasecmp(t, w, n) == 0;
}

static bool
has_prefix(const char *t, size_t n, const char *w)
{
	size_t l = strlen(w);

	return n >= l && memcmp(t, w, l) == 0;
}

/* memmem, case-insensitive, for short needles */
static const char *
find_ci(const char *h, size_t n, const char *w)
{
	size_t l = strlen(w);

	if (l == 0 || l > n)
		return NULL;
	for (size_t i = 0; i + l <= n; i++)
		if (tolower((unsigned char)h[i]) == tolower((unsigned char)w[0]) &&
		    strncasecmp(h + i, w, l) == 0)
			return h + i;
	return NULL;
}

void
acc_split(const char *s, size_t n, struct acc_argv *a)
{
	size_t i = 0;

	a->n = 0;
	while (i < n && a->n < ACC_TOK_MAX) {
		size_t j;

		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\0'))
			i++;
		if (i >= n)
			break;
		for (j = i; j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\0';
		    j++)
			;
		a->tok[a->n] = s + i;
		a->len[a->n++] = j - i;
		i = j;
	}
}

const char *
acc_base(const char *s, size_t n, size_t *blen)
{
	size_t i = n;

	while (i > 0 && s[i - 1] != '/')
		i--;
	*blen = n - i;
	return s + i;
}

/* ---- ssh ------------------------------------------------------------------- */

/* Is a bind address every address or a non-loopback one? */
static bool
bind_public(const char *b, size_t n)
{
	if (n == 0 || tok_eq(b, n, "*") || tok_eq(b, n, "0.0.0.0") ||
	    tok_eq(b, n, "::") || tok_eq(b, n, "[::]"))
		return true;
	if (has_prefix(b, n, "127.") || tok_eq(b, n, "localhost") ||
	    tok_eq(b, n, "::1") || tok_eq(b, n, "[::1]"))
		return false;
	return true;
}

/* Colons in a forwarding spec outside [v6] brackets. */
static unsigned
colons(const char *s, size_t n, size_t *first)
{
	unsigned c = 0;
	int br = 0;

	*first = n;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '[')
			br++;
		else if (s[i] == ']' && br > 0)
			br--;
		else if (s[i] == ':' && br == 0) {
			if (c == 0)
				*first = i;
			c++;
		}
	}
	return c;
}

bool
acc_parse_ssh(const char *cmdline, size_t n, struct ssh_fwd *out)
{
	/* options of ssh(1) that take an argument */
	static const char withargs[] = "BbcDEeFIiJLlmOoPpQRSWw";
	struct acc_argv a;
	bool gateway = false, local_any = false;
	unsigned nonopt = 0;

	memset(out, 0, sizeof(*out));
	acc_split(cmdline, n, &a);
	for (unsigned i = 1; i < a.n; i++) {
		const char *t = a.tok[i];
		size_t l = a.len[i];

		if (l < 2 || t[0] != '-') {
			/* the destination, then (ssh parses options after it
			 * too) the remote command: stop there */
			if (++nonopt == 1)
				copy(out->dest, t, l);
			else
				break;
			continue;
		}
		if (tok_eq(t, l, "--"))
			break;
		for (size_t k = 1; k < l; k++) {
			char c = t[k];
			const char *arg;
			size_t al, cf;
			unsigned nc;

			if (strchr(withargs, c) == NULL || c == '\0') {
				if (c == 'g')
					gateway = true;
				else if (c == 'N')
					out->flags |= SSHF_NO_CMD;
				else if (c == 'f')
					out->flags |= SSHF_BACKGROUND;
				continue;
			}
			if (k + 1 < l) {
				arg = t + k + 1;
				al = l - k - 1;
			} else if (i + 1 < a.n) {
				i++;
				arg = a.tok[i];
				al = a.len[i];
			} else {
				arg = "";
				al = 0;
			}
			nc = colons(arg, al, &cf);
			switch (c) {
			case 'R':
				out->flags |= SSHF_REMOTE;
				break;
			case 'D':
				out->flags |= SSHF_DYNAMIC;
				/* [bind:]port */
				if (nc >= 1 && bind_public(arg, cf))
					out->flags |= SSHF_PUBLIC;
				break;
			case 'w':
				out->flags |= SSHF_TUN;
				break;
			case 'L':
				/* [bind:]port:host:hostport */
				if (nc >= 3 && bind_public(arg, cf))
					out->flags |= SSHF_PUBLIC;
				else
					local_any = true;
				out->flags |= SSHF_LOCAL;
				break;
			case 'o':
				if (find_ci(arg, al, "gatewayports=yes") ||
				    find_ci(arg, al, "gatewayports yes"))
					gateway = true;
				break;
			default:
				break;
			}
			if ((c == 'R' || c == 'D' || c == 'w' || c == 'L') &&
			    out->spec[0] == '\0') {
				char sw[3] = { '-', c, '\0' };

				copy(out->spec, sw, 2);
				append(out->spec, arg, al);
			}
			break;  /* the rest of this token was the argument */
		}
	}
	if (gateway && (local_any || (out->flags & SSHF_DYNAMIC)))
		out->flags |= SSHF_PUBLIC;
	return (out->flags & (SSHF_REMOTE | SSHF_DYNAMIC | SSHF_TUN |
	    SSHF_LOCAL)) != 0;
}

/* ---- socat ----------------------------------------------------------------- */

enum acc_addr
acc_socat_addr_kind(const char *a, size_t n)
{
	static const char *const listen[] = {
		"tcp-listen", "tcp-l", "tcp4-listen", "tcp4-l", "tcp6-listen",
		"tcp6-l", "udp-listen", "udp-l", "udp4-listen", "udp4-l",
		"udp6-listen", "udp6-l", "openssl-listen", "ssl-l",
		"sctp-listen", "sctp-l", "vsock-listen", "dccp-listen",
	};
	static const char *const connect[] = {
		"tcp", "tcp4", "tcp6", "tcp-connect", "tcp4-connect",
		"tcp6-connect", "udp", "udp4", "udp6", "udp-connect",
		"udp-sendto", "openssl", "ssl", "openssl-connect", "socks",
		"socks4", "socks4a", "socks5", "socks5-connect", "proxy",
		"proxy-connect", "sctp", "sctp-connect", "dccp-connect",
	};
	size_t k = 0;

	if (tok_eq(a, n, "-") || tok_ieq(a, n, "stdio") ||
	    tok_ieq(a, n, "stdin") || tok_ieq(a, n, "stdout"))
		return ADDR_STDIO;
	while (k < n && a[k] != ':' && a[k] != ',')
		k++;
	if (k == n && memchr(a, ':', n) == NULL)
		return ADDR_NONE;
	for (size_t i = 0; i < ARRAY_LEN(listen); i++)
		if (tok_ieq(a, k, listen[i]))
			return ADDR_LISTEN;
	for (size_t i = 0; i < ARRAY_LEN(connect); i++)
		if (tok_ieq(a, k, connect[i]))
			return ADDR_CONNECT;
	if (tok_ieq(a, k, "exec") || tok_ieq(a, k, "system"))
		return ADDR_EXEC;
	if (tok_ieq(a, k, "stdio") || tok_ieq(a, k, "-"))
		return ADDR_STDIO;
	return ADDR_OTHER;
}

/* The first word of a command (quotes and spaces skipped, ends at a
 * space, comma or quote) is a shell or an interpreter. */
static bool
first_word_shell(const char *c)
{
	size_t e;

	while (*c == '\'' || *c == '"' || *c == ' ')
		c++;
	for (e = 0; c[e] && c[e] != ' ' && c[e] != ',' && c[e] != '\'' &&
	    c[e] != '"'; e++)
		;
	return e && (acc_is_shell(c, e) || acc_is_interpreter(c, e));
}

bool
acc_parse_socat(const char *cmdline, size_t n, struct socat_cmd *out)
{
	/* socat options that take a separate argument */
	static const char *const withargs[] = {
		"-b", "-t", "-T", "-L", "-W", "-lf", "-lp", "-r", "-R", "-S",
		"-lm",
	};
	struct acc_argv a;
	unsigned got = 0;

	memset(out, 0, sizeof(*out));
	acc_split(cmdline, n, &a);
	for (unsigned i = 1; i < a.n && got < 2; i++) {
		const char *t = a.tok[i];
		size_t l = a.len[i];
		enum acc_addr k;

		if (l > 1 && t[0] == '-' && memchr(t, ':', l) == NULL) {
			for (size_t w = 0; w < ARRAY_LEN(withargs); w++)
				if (tok_eq(t, l, withargs[w])) {
					i++;
					break;
				}
			continue;
		}
		k = acc_socat_addr_kind(t, l);
		if (k == ADDR_NONE)
			continue;  /* the tail of a quoted EXEC:'bash -li' */
		if (got == 0) {
			out->a1 = (uint8_t)k;
			copy(out->addr1, t, l);
		} else {
			out->a2 = (uint8_t)k;
			copy(out->addr2, t, l);
		}
		if (k == ADDR_EXEC && out->exec[0] == '\0') {
			const char *c = memchr(t, ':', l);

			if (c) {
				size_t cl = l - (size_t)(c + 1 - t);

				copy(out->exec, c + 1, cl);
				/* a quoted command continues in the next
				 * tokens: "exec:'bash" "-li'" */
				if (i + 1 < a.n && a.tok[i + 1][0] == '-' &&
				    memchr(a.tok[i + 1], ':', a.len[i + 1]) ==
				    NULL)
					append(out->exec, a.tok[i + 1],
					    a.len[i + 1]);
				out->exec_shell = first_word_shell(out->exec);
			}
		}
		got++;
	}
	return got == 2;
}

/* ---- nc -------------------------------------------------------------------- */

bool
acc_is_shell(const char *s, size_t n)
{
	static const char *const sh[] = {
		"sh", "bash", "dash", "zsh", "ash", "ksh", "mksh", "csh",
		"tcsh", "busybox", "fish",
	};
	size_t bl;
	const char *b = acc_base(s, n, &bl);

	/* strip quotes a split command line leaves: 'bash, "sh */
	while (bl && (*b == '\'' || *b == '"')) {
		b++;
		bl--;
	}
	while (bl && (b[bl - 1] == '\'' || b[bl - 1] == '"' ||
	    b[bl - 1] == ','))
		bl--;
	for (size_t i = 0; i < ARRAY_LEN(sh); i++)
		if (tok_eq(b, bl, sh[i]))
			return true;
	return false;
}

bool
acc_is_interpreter(const char *s, size_t n)
{
	size_t bl;
	const char *b = acc_base(s, n, &bl);

	return has_prefix(b, bl, "python") || has_prefix(b, bl, "perl") ||
	    has_prefix(b, bl, "php") || has_prefix(b, bl, "ruby") ||
	    tok_eq(b, bl, "lua") || tok_eq(b, bl, "node");
}

bool
acc_is_netcat(const char *s, size_t n)
{
	static const char *const nc[] = {
		"nc", "ncat", "netcat", "nc.traditional", "nc.openbsd",
		"socat", "openssl", "telnet", "busybox",
	};
	size_t bl;
	const char *b = acc_base(s, n, &bl);

	for (size_t i = 0; i < ARRAY_LEN(nc); i++)
		if (tok_eq(b, bl, nc[i]))
			return true;
	return false;
}

bool
acc_parse_nc(const char *cmdline, size_t n, struct nc_cmd *out)
{
	/* options (nc.traditional, ncat, OpenBSD nc) that take an argument */
	static const char *const withargs[] = {
		"-p", "-s", "-w", "-i", "-q", "-o", "-x", "-X", "-m", "-d",
		"-g", "-G", "-T", "-I", "-O", "-V", "-M", "-P", "--source-port",
		"--source", "--wait", "--idle-timeout", "--output",
		"--hex-dump", "--proxy", "--proxy-type", "--proxy-auth",
		"--allow", "--allowfile", "--deny", "--denyfile",
		"--max-conns", "--delay", "--ssl-cert", "--ssl-key",
		"--ssl-trustfile", "--ssl-ciphers", "--ssl-servername",
		"--ssl-alpn", "--append-output",
	};
	static const char *const execs[] = {
		"-e", "-c", "--exec", "--sh-exec", "--lua-exec",
	};
	struct acc_argv a;
	unsigned i0 = 1;

	memset(out, 0, sizeof(*out));
	acc_split(cmdline, n, &a);
	/* "busybox nc ...": skip the applet name */
	if (a.n > 1) {
		size_t bl;
		const char *b = acc_base(a.tok[0], a.len[0], &bl);

		if (tok_eq(b, bl, "busybox"))
			i0 = 2;
	}
	for (unsigned i = i0; i < a.n; i++) {
		const char *t = a.tok[i];
		size_t l = a.len[i];
		bool done = false;

		if (l >= 2 && t[0] == '-') {
			for (size_t e = 0; e < ARRAY_LEN(execs); e++) {
				const char *v;
				size_t vl;

				if (tok_eq(t, l, execs[e]) && i + 1 < a.n) {
					i++;
					v = a.tok[i];
					vl = a.len[i];
				} else if (strlen(execs[e]) == 2 &&
				    has_prefix(t, l, execs[e]) && l > 2) {
					v = t + 2;  /* -e/bin/sh */
					vl = l - 2;
				} else if (has_prefix(t, l, execs[e]) &&
				    l > strlen(execs[e]) &&
				    t[strlen(execs[e])] == '=') {
					v = t + strlen(execs[e]) + 1;
					vl = l - strlen(execs[e]) - 1;
				} else {
					continue;
				}
				/* strip an opening quote */
				while (vl && (*v == '\'' || *v == '"')) {
					v++;
					vl--;
				}
				out->flags |= NC_EXEC;
				if (out->exec[0] == '\0')
					copy(out->exec, v, vl);
				if (acc_is_shell(v, vl) ||
				    acc_is_interpreter(v, vl))
					out->flags |= NC_EXEC_SHELL;
				else if (acc_is_netcat(v, vl) ||
				    tok_eq(acc_base(v, vl, &vl), vl, "ssh"))
					out->flags |= NC_EXEC_RELAY;
				done = true;
				break;
			}
			if (done)
				continue;
			if (tok_eq(t, l, "--listen") || tok_eq(t, l, "-l") ||
			    (t[1] != '-' && memchr(t, 'l', l) &&
			    memchr(t, 'e', l) == NULL && l <= 6)) {
				out->flags |= NC_LISTEN;
				/* "-lp 4444", "-lvnp 4444" */
				if (t[1] != '-' && t[l - 1] == 'p' && i + 1 < a.n)
					i++;
				continue;
			}
			for (size_t w = 0; w < ARRAY_LEN(withargs); w++)
				if (tok_eq(t, l, withargs[w])) {
					i++;
					break;
				}
			continue;
		}
		/* positional: host then port (or the tail of a quoted
		 * --sh-exec command: those follow the exec value and are
		 * glued to it above only when quoted) */
		if (out->peer[0] == '\0' || strchr(out->peer, ' ') == NULL) {
			append(out->peer, t, l);
			out->flags |= NC_PEER;
		}
	}
	if ((out->flags & NC_LISTEN) && (out->flags & NC_PEER) &&
	    strchr(out->peer, ' ') == NULL)
		out->flags &= ~(unsigned)NC_PEER;  /* "-l 4444": a port only */
	return (out->flags & (NC_EXEC | NC_LISTEN | NC_PEER)) != 0;
}

/* ---- chisel / ligolo ------------------------------------------------------- */

bool
acc_parse_tunnel(const char *cmdline, size_t n, struct tunnel_cmd *out)
{
	struct acc_argv a;
	size_t bl;
	const char *b;
	bool chisel_name, ligolo_name, connect = false, lflag = false;
	bool reverse = false, socks = false, remote = false;

	memset(out, 0, sizeof(*out));
	acc_split(cmdline, n, &a);
	if (a.n == 0)
		return false;
	b = acc_base(a.tok[0], a.len[0], &bl);
	chisel_name = find_ci(b, bl, "chisel") != NULL;
	ligolo_name = find_ci(b, bl, "ligolo") != NULL;

	for (unsigned i = 1; i < a.n; i++) {
		const char *t = a.tok[i];
		size_t l = a.len[i];

		if (tok_eq(t, l, "-connect") || tok_eq(t, l, "--connect")) {
			connect = true;
			if (i + 1 < a.n)
				copy(out->server, a.tok[i + 1], a.len[i + 1]);
		} else if (tok_eq(t, l, "-ignore-cert") ||
		    tok_eq(t, l, "-retry") ||
		    tok_eq(t, l, "-accept-fingerprint") ||
		    tok_eq(t, l, "--ignore-cert")) {
			lflag = true;
			if (out->detail[0] == '\0')
				copy(out->detail, t, l);
		} else if (tok_eq(t, l, "-selfcert") ||
		    tok_eq(t, l, "-autocert") || tok_eq(t, l, "-laddr")) {
			if (out->kind == TUN_NONE && (ligolo_name ||
			    tok_eq(t, l, "-selfcert")))
				out->kind = TUN_LIGOLO_PROXY;
			if (out->detail[0] == '\0')
				copy(out->detail, t, l);
		} else if (tok_eq(t, l, "--reverse")) {
			reverse = true;
		} else if (tok_eq(t, l, "--socks5")) {
			socks = true;
		} else if (has_prefix(t, l, "R:") || (l >= 6 &&
		    memcmp(t + l - 6, ":socks", 6) == 0) ||
		    tok_eq(t, l, "socks")) {
			remote = true;
			if (out->detail[0] == '\0' || out->detail[0] == '-')
				copy(out->detail, t, l);
		}
	}
	if (a.n >= 2 && tok_eq(a.tok[1], a.len[1], "client") &&
	    (chisel_name || remote)) {
		out->kind = TUN_CHISEL_CLIENT;
		/* the first positional after "client" and its options */
		for (unsigned i = 2; i < a.n; i++) {
			if (a.tok[i][0] == '-') {
				if (tok_eq(a.tok[i], a.len[i], "--auth") ||
				    tok_eq(a.tok[i], a.len[i], "--fingerprint") ||
				    tok_eq(a.tok[i], a.len[i], "--proxy") ||
				    tok_eq(a.tok[i], a.len[i], "--keepalive") ||
				    tok_eq(a.tok[i], a.len[i], "--header") ||
				    tok_eq(a.tok[i], a.len[i], "--hostname") ||
				    tok_eq(a.tok[i], a.len[i], "--max-retry-count"))
					i++;
				continue;
			}
			copy(out->server, a.tok[i], a.len[i]);
			break;
		}
	} else if (a.n >= 2 && tok_eq(a.tok[1], a.len[1], "server") &&
	    (chisel_name || reverse || socks)) {
		out->kind = TUN_CHISEL_SERVER;
		if (reverse)
			copy(out->detail, "--reverse", 9);
		else if (socks)
			copy(out->detail, "--socks5", 8);
	} else if (connect && (lflag || ligolo_name)) {
		out->kind = TUN_LIGOLO_AGENT;
	}
	out->by_name = chisel_name || ligolo_name;
	return out->kind != TUN_NONE;
}

/* ---- names ----------------------------------------------------------------- */

const char *
acc_tool_name(enum acc_tool t)
{
	switch (t) {
	case TOOL_TMATE: return "tmate";
	case TOOL_GSOCKET: return "gsocket";
	case TOOL_NGROK: return "ngrok";
	case TOOL_FRP: return "frp";
	case TOOL_CHISEL: return "chisel";
	case TOOL_LIGOLO: return "ligolo";
	case TOOL_TOR: return "tor";
	case TOOL_NONE: break;
	}
	return "?";
}

enum acc_tool
acc_tool_by_name(const char *s, size_t n)
{
	static const struct { const char *name; enum acc_tool t; } tab[] = {
		{ "tmate", TOOL_TMATE }, { "gs-netcat", TOOL_GSOCKET },
		{ "gs-sftp", TOOL_GSOCKET }, { "gs-mount", TOOL_GSOCKET },
		{ "gsocket", TOOL_GSOCKET }, { "gs-full-pipe", TOOL_GSOCKET },
		{ "ngrok", TOOL_NGROK }, { "frpc", TOOL_FRP },
		{ "frps", TOOL_FRP }, { "chisel", TOOL_CHISEL },
		{ "ligolo", TOOL_LIGOLO }, { "ligolo-ng", TOOL_LIGOLO },
		{ "ligolo-agent", TOOL_LIGOLO }, { "ligolo-proxy", TOOL_LIGOLO },
		{ "tor", TOOL_TOR },
	};
	size_t bl;
	const char *b = acc_base(s, n, &bl);

	for (size_t i = 0; i < ARRAY_LEN(tab); i++)
		if (tok_eq(b, bl, tab[i].name))
			return tab[i].t;
	/* chisel_1.9.1_linux_amd64, ngrok-v3 */
	if (has_prefix(b, bl, "chisel_") || has_prefix(b, bl, "chisel-"))
		return TOOL_CHISEL;
	if (has_prefix(b, bl, "ngrok-") || has_prefix(b, bl, "ngrok_"))
		return TOOL_NGROK;
	return TOOL_NONE;
}

const char *
acc_proxy_name(const char *s, size_t n)
{
	static const char *const tab[] = {
		"3proxy", "microsocks", "gost", "sockd", "danted", "dante",
		"tinyproxy", "srelay", "ss-server", "ss-local", "ss-redir",
		"ss-tunnel", "ssserver", "sslocal", "v2ray", "xray", "brook",
		"trojan", "trojan-go", "hysteria", "naive", "revsocks",
		"rsocx", "iox", "rpivot", "proxychains", "privoxy", "polipo",
		"goproxy", "socks5", "ew", "earthworm", "venom", "npc",
		"nps", "rathole",
	};
	size_t bl;
	const char *b = acc_base(s, n, &bl);

	for (size_t i = 0; i < ARRAY_LEN(tab); i++)
		if (tok_eq(b, bl, tab[i]))
			return tab[i];
	return NULL;
}

bool
acc_reverse_proxy_name(const char *s, size_t n)
{
	static const char *const tab[] = {
		"nginx", "haproxy", "squid", "envoy", "traefik", "apache2",
		"httpd", "caddy", "varnishd", "lighttpd", "pound", "h2o",
		"openresty", "hitch", "stunnel4", "stunnel",
	};
	size_t bl;
	const char *b = acc_base(s, n, &bl);

	for (size_t i = 0; i < ARRAY_LEN(tab); i++)
		if (tok_eq(b, bl, tab[i]))
			return true;
	return false;
}

const char *
acc_proxyware(const char *s, size_t n)
{
	/* matched anywhere in the string, case-insensitively */
	static const char *const sub[] = {
		"honeygain", "peer2profit", "p2pclient", "packetstream",
		"pawns-cli", "pawnsapp", "iproyal", "traffmonetizer",
		"earnapp", "repocket", "bitping", "earnfm", "speedshare",
		"mysterium", "proxyrack", "proxylite", "packetshare",
		"grass-node", "spide-network",
	};
	/* matched as the whole base name only */
	static const char *const whole[] = { "psclient", "myst", "pawns" };
	size_t bl;
	const char *b;

	for (size_t i = 0; i < ARRAY_LEN(sub); i++)
		if (find_ci(s, n, sub[i]))
			return sub[i];
	b = acc_base(s, n, &bl);
	for (size_t i = 0; i < ARRAY_LEN(whole); i++)
		if (tok_eq(b, bl, whole[i]))
			return whole[i];
	return NULL;
}

/* Is there a /dev/tcp/HOST/PORT (or udp) in s? */
static bool
dev_net(const char *s, size_t n)
{
	for (size_t i = 0; i + 9 < n; i++) {
		size_t j;

		if (memcmp(s + i, "/dev/tcp/", 9) != 0 &&
		    memcmp(s + i, "/dev/udp/", 9) != 0)
			continue;
		j = i + 9;
		while (j < n && s[j] != '/' && s[j] != ' ')
			j++;
		if (j > i + 9 && j + 1 < n && s[j] == '/' &&
		    isdigit((unsigned char)s[j + 1]))
			return true;
	}
	return false;
}

const char *
acc_revshell_cmd(const char *cmdline, size_t n)
{
	struct acc_argv a;
	size_t bl;
	const char *b;

	acc_split(cmdline, n, &a);
	if (a.n == 0)
		return NULL;
	b = acc_base(a.tok[0], a.len[0], &bl);
	if (dev_net(cmdline, n) && (acc_is_shell(b, bl) ||
	    find_ci(cmdline, n, ">&") || find_ci(cmdline, n, "<>")))
		return "shell redirected to /dev/tcp";
	if (acc_is_netcat(b, bl) && !tok_eq(b, bl, "socat")) {
		struct nc_cmd nc;

		if (acc_parse_nc(cmdline, n, &nc) &&
		    (nc.flags & NC_EXEC_SHELL))
			return (nc.flags & NC_LISTEN) ? "nc bind shell (-e)" :
			    "nc reverse shell (-e)";
	}
	if (tok_eq(b, bl, "socat")) {
		struct socat_cmd sc;

		if (acc_parse_socat(cmdline, n, &sc)) {
			bool ex = (sc.a1 == ADDR_EXEC || sc.a2 == ADDR_EXEC) &&
			    sc.exec_shell;

			if (ex && (sc.a1 == ADDR_CONNECT ||
			    sc.a2 == ADDR_CONNECT))
				return "socat reverse shell (exec:)";
			if (ex && (sc.a1 == ADDR_LISTEN || sc.a2 == ADDR_LISTEN))
				return "socat bind shell (exec:)";
		}
	}
	if (acc_is_interpreter(b, bl)) {
		bool sock = find_ci(cmdline, n, "socket") ||
		    find_ci(cmdline, n, "fsockopen") ||
		    find_ci(cmdline, n, "TCPSocket");
		bool spawn = find_ci(cmdline, n, "pty.spawn") ||
		    find_ci(cmdline, n, "/bin/sh") ||
		    find_ci(cmdline, n, "/bin/bash") ||
		    find_ci(cmdline, n, "dup2") ||
		    find_ci(cmdline, n, "open(STDIN") ||
		    find_ci(cmdline, n, "exec(");

		if (sock && spawn && (find_ci(cmdline, n, "connect") ||
		    find_ci(cmdline, n, "fsockopen") ||
		    find_ci(cmdline, n, "TCPSocket.")))
			return "interpreter reverse shell";
	}
	if (acc_is_shell(b, bl) && find_ci(cmdline, n, "mkfifo") &&
	    (find_ci(cmdline, n, "nc ") || find_ci(cmdline, n, "s_client") ||
	    find_ci(cmdline, n, "telnet ")) &&
	    (find_ci(cmdline, n, "/bin/sh") || find_ci(cmdline, n, "sh -i") ||
	    find_ci(cmdline, n, "bash")))
		return "mkfifo shell piped to a network client";
	return NULL;
}

/* ---- artefacts --------------------------------------------------------------- */

const char *
acc_art_name(enum art_kind k)
{
	switch (k) {
	case ART_TMATE_CONF: return "tmate_config";
	case ART_TMATE_SOCKET: return "tmate_socket_dir";
	case ART_GS_SHM: return "gsocket_shm";
	case ART_GS_DEFUNCT: return "gsocket_defunct";
	case ART_NGROK_CONF: return "ngrok_config";
	case ART_FRP_CONF: return "frp_config";
	case ART_TOR_CONF: return "torrc";
	case ART_TOR_DATA: return "tor_data_dir";
	case ART_TOOL_BINARY: return "tool_binary";
	case ART_PROXYWARE_FILE: return "proxyware_file";
	case ART_DOCKER_IMAGE: return "docker_image";
	case ART_NONE: break;
	}
	return "?";
}

enum acc_tool
acc_art_tool(enum art_kind k)
{
	switch (k) {
	case ART_TMATE_CONF:
	case ART_TMATE_SOCKET: return TOOL_TMATE;
	case ART_GS_SHM:
	case ART_GS_DEFUNCT: return TOOL_GSOCKET;
	case ART_NGROK_CONF: return TOOL_NGROK;
	case ART_FRP_CONF: return TOOL_FRP;
	case ART_TOR_CONF:
	case ART_TOR_DATA: return TOOL_TOR;
	default: break;
	}
	return TOOL_NONE;
}

enum art_kind
acc_art_by_name(const char *s, size_t n, bool is_dir, bool in_shm)
{
	if (is_dir) {
		if (has_prefix(s, n, "tmate-"))
			return ART_TMATE_SOCKET;
		if (in_shm && has_prefix(s, n, ".gs-"))
			return ART_GS_SHM;
		return ART_NONE;
	}
	if (in_shm && has_prefix(s, n, ".gs-"))
		return ART_GS_SHM;
	if (tok_eq(s, n, "ngrok.yml") || tok_eq(s, n, "ngrok.yaml"))
		return ART_NGROK_CONF;
	if (tok_eq(s, n, "frpc.ini") || tok_eq(s, n, "frpc.toml") ||
	    tok_eq(s, n, "frpc.yaml") || tok_eq(s, n, "frpc.json") ||
	    tok_eq(s, n, "frps.ini") || tok_eq(s, n, "frps.toml") ||
	    tok_eq(s, n, "frps.yaml") || tok_eq(s, n, "frps.json"))
		return ART_FRP_CONF;
	if (tok_eq(s, n, "torrc") || tok_eq(s, n, ".torrc"))
		return ART_TOR_CONF;
	if (tok_eq(s, n, ".tmate.conf"))
		return ART_TMATE_CONF;
	if (acc_proxyware(s, n))
		return ART_PROXYWARE_FILE;
	{
		enum acc_tool t = acc_tool_by_name(s, n);

		if (t != TOOL_NONE && t != TOOL_TOR)
			return ART_TOOL_BINARY;
	}
	return ART_NONE;
}

bool
acc_tor_data_member(const char *s, size_t n)
{
	return tok_eq(s, n, "cached-certs") ||
	    tok_eq(s, n, "cached-microdesc-consensus") ||
	    tok_eq(s, n, "cached-consensus") ||
	    tok_eq(s, n, "cached-microdescs") ||
	    tok_eq(s, n, "cached-microdescs.new");
}

/* The value of "key = value" / "key: value" / "key value" / "key":"v"
 * at the start of a line (after spaces), case-insensitive key. */
static bool
conf_value(const char *t, size_t n, const char *key, char out[ACC_STR_MAX])
{
	size_t kl = strlen(key);

	for (size_t i = 0; i < n;) {
		size_t e = i, j;

		while (e < n && t[e] != '\n')
			e++;
		j = i;
		while (j < e && (t[j] == ' ' || t[j] == '\t' || t[j] == '"'))
			j++;
		if (e - j > kl && strncasecmp(t + j, key, kl) == 0) {
			size_t v = j + kl, ve;

			if (v < e && t[v] == '"')
				v++;
			if (v < e && (t[v] == ' ' || t[v] == '\t' ||
			    t[v] == '=' || t[v] == ':')) {
				while (v < e && (t[v] == ' ' || t[v] == '\t' ||
				    t[v] == '=' || t[v] == ':' || t[v] == '"' ||
				    t[v] == '\''))
					v++;
				ve = v;
				while (ve < e && t[ve] != '"' && t[ve] != '\'' &&
				    t[ve] != ',' && t[ve] != '\r' &&
				    t[ve] != ' ' && t[ve] != '#')
					ve++;
				if (ve > v) {
					copy(out, t + v, ve - v);
					return true;
				}
			}
		}
		i = e + 1;
	}
	return false;
}

bool
acc_conf_scan(enum art_kind k, const char *t, size_t n,
	      char detail[ACC_STR_MAX])
{
	char v[ACC_STR_MAX];

	detail[0] = '\0';
	switch (k) {
	case ART_NGROK_CONF:
		if (conf_value(t, n, "authtoken", v)) {
			/* never the token itself */
			copy(detail, "authtoken", 9);
			return true;
		}
		return find_ci(t, n, "tunnels:") != NULL;
	case ART_FRP_CONF:
		if (conf_value(t, n, "server_addr", v) ||
		    conf_value(t, n, "serverAddr", v)) {
			size_t l;

			copy(detail, "server_addr=", 12);
			l = strlen(v);
			if (l > ACC_STR_MAX - 13)
				l = ACC_STR_MAX - 13;
			memcpy(detail + 12, v, l);
			detail[12 + l] = '\0';
			return true;
		}
		return find_ci(t, n, "bind_port") != NULL ||
		    find_ci(t, n, "bindPort") != NULL;
	case ART_TOR_CONF:
		if (conf_value(t, n, "HiddenServiceDir", v) ||
		    conf_value(t, n, "DataDirectory", v) ||
		    conf_value(t, n, "SocksPort", v) ||
		    conf_value(t, n, "ORPort", v)) {
			copy(detail, v, strlen(v));
			return true;
		}
		return false;
	default:
		break;
	}
	return false;
}

bool
acc_docker_proxyware(const char *t, size_t n, char image[ACC_STR_MAX])
{
	static const char key[] = "\"Image\":\"";
	const size_t kl = sizeof(key) - 1;

	image[0] = '\0';
	for (size_t i = 0; i + kl < n; i++) {
		size_t e;

		if (t[i] != '"' || memcmp(t + i, key, kl) != 0)
			continue;
		e = i + kl;
		while (e < n && t[e] != '"' && e - (i + kl) < 512)
			e++;
		if (acc_proxyware(t + i + kl, e - (i + kl))) {
			copy(image, t + i + kl, e - (i + kl));
			return true;
		}
		i = e;
	}
	return false;
}
