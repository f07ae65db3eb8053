/*
 * fuzz_access.c - the access-resale parsers (collect/access_parse.h) on a
 * hostile command line or file: a process writes its own argv, and an
 * intruder writes the configs and container files.
 *
 * Input: byte 0 picks the artefact kind for acc_conf_scan (and is part of
 * nothing else); the rest is used as it is (exact size, NUL bytes kept)
 * for the length-taking functions.  Checked: every copied string is
 * NUL-terminated inside its ACC_STR_MAX buffer; the ssh spec starts with
 * -R/-D/-w/-L when set and flags are only the known bits; socat address
 * kinds are in range and an address only with its kind; nc flags known;
 * the tunnel kind in range and a server only with one; the ngrok detail is
 * "authtoken" or empty (never the token); no Docker image without a match;
 * names are pure functions (same answer twice).
 */
#include "collect/access_parse.h"
#include "fuzz.h"

#define HDR 1

static void
terminated(const char *s)
{
	FUZZ_CHECK(memchr(s, '\0', ACC_STR_MAX) != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ssh_fwd ssh;
	struct socat_cmd sc;
	struct nc_cmd nc;
	struct tunnel_cmd tc;
	struct acc_argv av;
	char detail[ACC_STR_MAX], image[ACC_STR_MAX];
	enum art_kind k;
	const char *b;
	char *in;
	size_t n, bl;

	if (size < HDR)
		return 0;
	k = (enum art_kind)(data[0] % (ART_DOCKER_IMAGE + 1));
	n = size - HDR;
	in = fuzz_dup(data + HDR, n);

	acc_split(in, n, &av);
	FUZZ_CHECK(av.n <= ACC_TOK_MAX);
	for (unsigned i = 0; i < av.n; i++) {
		FUZZ_CHECK(av.tok[i] >= in && av.tok[i] + av.len[i] <= in + n);
		FUZZ_CHECK(av.len[i] > 0);
		FUZZ_CHECK(memchr(av.tok[i], ' ', av.len[i]) == NULL);
	}
	b = acc_base(in, n, &bl);
	FUZZ_CHECK(b >= in && b + bl == in + n);

	if (acc_parse_ssh(in, n, &ssh))
		FUZZ_CHECK(ssh.flags & (SSHF_REMOTE | SSHF_DYNAMIC | SSHF_TUN |
		    SSHF_LOCAL));
	FUZZ_CHECK((ssh.flags & ~0x7fu) == 0);
	terminated(ssh.spec);
	terminated(ssh.dest);
	if (ssh.spec[0])
		FUZZ_CHECK(ssh.spec[0] == '-' && strchr("RDwL", ssh.spec[1]));

	(void)acc_parse_socat(in, n, &sc);
	FUZZ_CHECK(sc.a1 <= ADDR_OTHER && sc.a2 <= ADDR_OTHER);
	terminated(sc.addr1);
	terminated(sc.addr2);
	terminated(sc.exec);
	FUZZ_CHECK((sc.a1 == ADDR_NONE) == (sc.addr1[0] == '\0'));
	FUZZ_CHECK((sc.a2 == ADDR_NONE) == (sc.addr2[0] == '\0'));
	FUZZ_CHECK(acc_socat_addr_kind(in, n) <= ADDR_OTHER);

	(void)acc_parse_nc(in, n, &nc);
	FUZZ_CHECK((nc.flags & ~0x1fu) == 0);
	terminated(nc.exec);
	terminated(nc.peer);
	if (nc.flags & (NC_EXEC_SHELL | NC_EXEC_RELAY))
		FUZZ_CHECK(nc.flags & NC_EXEC);

	if (acc_parse_tunnel(in, n, &tc))
		FUZZ_CHECK(tc.kind >= TUN_CHISEL_CLIENT &&
		    tc.kind <= TUN_LIGOLO_PROXY);
	else
		FUZZ_CHECK(tc.kind == TUN_NONE);
	terminated(tc.server);
	terminated(tc.detail);

	(void)acc_revshell_cmd(in, n);
	FUZZ_CHECK(acc_tool_by_name(in, n) == acc_tool_by_name(in, n));
	FUZZ_CHECK(acc_proxyware(in, n) == acc_proxyware(in, n));
	(void)acc_proxy_name(in, n);
	(void)acc_reverse_proxy_name(in, n);
	(void)acc_is_shell(in, n);
	(void)acc_is_interpreter(in, n);
	(void)acc_is_netcat(in, n);
	FUZZ_CHECK(acc_art_by_name(in, n, data[0] & 1, data[0] & 2) <=
	    ART_DOCKER_IMAGE);
	(void)acc_tor_data_member(in, n);

	if (acc_conf_scan(k, in, n, detail) && k == ART_NGROK_CONF)
		FUZZ_CHECK(detail[0] == '\0' ||
		    strcmp(detail, "authtoken") == 0);
	terminated(detail);
	if (k == ART_FRP_CONF && detail[0])
		FUZZ_CHECK(strncmp(detail, "server_addr=", 12) == 0);

	if (!acc_docker_proxyware(in, n, image))
		FUZZ_CHECK(image[0] == '\0');
	terminated(image);
	free(in);
	return 0;
}
