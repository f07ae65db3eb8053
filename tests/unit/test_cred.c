/*
 * test_cred.c - credential stores: the parsers (collect/cred_parse.h) on
 * real and hostile inputs, the collector on a --root tree, and the
 * RM-CRED-* detectors (facts in, findings out, negatives included).
 * Every test that feeds a secret checks it never comes back out.
 */
#include "testlib.h"

#include "collect/cred_parse.h"
#include "core/credpath.h"

#define SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

static bool
no_secret(const struct cred_info *o, const char *secret)
{
	if (strstr(o->fingerprint, secret) || strstr(o->detail, secret))
		return false;
	for (uint32_t i = 0; i < o->nnames; i++)
		if (strstr(o->names[i], secret))
			return false;
	return true;
}

static void
parse(enum cred_kind k, const char *s, struct cred_info *o)
{
	credparse(k, s, strlen(s), o);
}

/* ---- parsers ------------------------------------------------------------ */

static void
test_aws(void **state)
{
	struct cred_info o;

	(void)state;
	parse(CRED_AWS, "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
	    "aws_secret_access_key = " SECRET "\n\n[profile prod]\r\n"
	    "AWS_ACCESS_KEY_ID=ASIAZZZZZZZZZZZZWXYZ\naws_session_token=FQo\n",
	    &o);
	assert_true(o.recognised);
	assert_true(o.has_secret);
	assert_true(o.has_session);
	assert_string_equal(o.fingerprint, "AKIA...MPLE, ASIA...WXYZ");
	assert_int_equal(o.nnames, 2);
	assert_string_equal(o.names[0], "default");
	assert_string_equal(o.names[1], "prod");
	assert_true(no_secret(&o, SECRET));
	assert_true(no_secret(&o, "FQo"));

	/* config: no keys, a role and SSO */
	parse(CRED_AWS, "[profile x]\nrole_arn = arn:aws:iam::1:role/r\n"
	    "sso_start_url = https://x\nregion=eu-west-1\n", &o);
	assert_true(o.recognised);
	assert_false(o.has_secret);
	assert_string_equal(o.detail, "role_arn, sso");

	/* a password in the key id field is not shown */
	parse(CRED_AWS, "[a]\naws_access_key_id = hunter2\n", &o);
	assert_string_equal(o.fingerprint, "(short)");
	/* hostile: no newline, unterminated section, NULs, empty values */
	credparse_aws("[abc", 4, &o);
	assert_false(o.recognised);
	credparse_aws("aws_secret_access_key=\n", 23, &o);
	assert_false(o.has_secret);
	credparse_aws("\0[x]\0=\0", 7, &o);
	credparse_aws("", 0, &o);
	assert_false(o.recognised);
	{
		/* many profiles: names capped, all counted */
		char big[4096] = "";

		for (int i = 0; i < 100; i++)
			snprintf(big + strlen(big), sizeof(big) - strlen(big),
			    "[p%d]\n", i);
		parse(CRED_AWS, big, &o);
		assert_int_equal(o.nnames, CRED_NAMES_MAX);
		assert_int_equal(o.nitems, 100);
	}
}

static void
test_key_id(void **state)
{
	char out[32];

	(void)state;
	credparse_key_id("AKIAIOSFODNN7EXAMPLE", 20, out, sizeof(out));
	assert_string_equal(out, "AKIA...MPLE");
	credparse_key_id("AKIA\x1b[31mXXXXXXXXX\n", 19, out, sizeof(out));
	assert_null(strchr(out, '\x1b'));
	assert_null(strchr(out, '\n'));
	credparse_key_id("short", 5, out, sizeof(out));
	assert_string_equal(out, "(short)");
	credparse_key_id("AKIAIOSFODNN7EXAMPLE", 20, out, 6);
	assert_int_equal(strlen(out), 5);
}

static void
test_gcp(void **state)
{
	struct cred_info o;

	(void)state;
	parse(CRED_GCP, "{\n  \"type\": \"service_account\",\n  \"project_id\": "
	    "\"p\",\n  \"private_key_id\": \"0123456789abcdef0123\",\n"
	    "  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIE" SECRET
	    "\\n-----END PRIVATE KEY-----\\n\",\n  \"client_email\": "
	    "\"sa@p.iam.gserviceaccount.com\"\n}\n", &o);
	assert_true(o.recognised);
	assert_true(o.has_secret);
	assert_string_equal(o.detail, "service_account");
	assert_string_equal(o.fingerprint,
	    "01234567... sa@p.iam.gserviceaccount.com");
	assert_true(no_secret(&o, SECRET));

	parse(CRED_GCP, "{\"client_id\": \"764086051850-6qr4p6gpi6hn506pt8ejuq"
	    "83di341hur.apps.googleusercontent.com\", \"client_secret\": \"d-F"
	    "L95Q19q7MQmFpd7hHD0Ty\", \"refresh_token\": \"1//0" SECRET "\", "
	    "\"type\": \"authorized_user\"}", &o);
	assert_true(o.recognised);
	assert_true(o.has_secret);
	assert_string_equal(o.detail, "authorized_user");
	assert_string_equal(o.fingerprint, "client 764086051850...");
	assert_true(no_secret(&o, SECRET));

	/* "type" as a value, not a key; unterminated strings; not JSON */
	parse(CRED_GCP, "{\"a\": \"type\", \"b\": 1}", &o);
	assert_false(o.recognised);
	parse(CRED_GCP, "{\"type\": \"service_acc", &o);
	assert_true(o.recognised);
	parse(CRED_GCP, "{\"type", &o);
	assert_false(o.recognised);
	parse(CRED_GCP, "type=service_account", &o);
	assert_false(o.recognised);
	credparse_gcp("SQLite format 3\0xxxx", 20, &o);
	assert_true(o.has_secret);
}

static void
test_azure(void **state)
{
	struct cred_info o;

	(void)state;
	parse(CRED_AZURE, "{\"AccessToken\": {\"k\": {\"secret\": \"" SECRET
	    "\"}}, \"Account\": {\"a\": {\"username\": \"admin@corp.example\"},"
	    " \"b\": {\"username\": \"admin@corp.example\"}}}", &o);
	assert_true(o.recognised);
	assert_true(o.has_secret);
	assert_int_equal(o.nnames, 1);
	assert_string_equal(o.fingerprint, "admin@corp.example");
	assert_true(no_secret(&o, SECRET));
	parse(CRED_AZURE, "[{\"userId\": \"u@x\", \"accessToken\": \"t\"}]", &o);
	assert_string_equal(o.fingerprint, "u@x");
	credparse_azure("\x01\x02\x03", 3, &o);
	assert_true(o.recognised);
	assert_string_equal(o.detail, "binary cache");
}

static const char kubeconfig[] =
	"apiVersion: v1\n"
	"clusters:\n"
	"- cluster:\n"
	"    certificate-authority-data: AAAA\n"
	"    server: https://10.0.0.1:6443\n"
	"  name: kubernetes\n"
	"contexts:\n"
	"- context:\n"
	"    cluster: kubernetes\n"
	"    user: kubernetes-admin\n"
	"  name: kubernetes-admin@kubernetes\n"
	"current-context: kubernetes-admin@kubernetes\n"
	"kind: Config\n"
	"users:\n"
	"- name: kubernetes-admin\n"
	"  user:\n"
	"    client-certificate-data: BBBB\n"
	"    client-key-data: " SECRET "\n"
	"- name: \"ci\"\n"
	"  user:\n"
	"    exec:\n"
	"      command: aws\n"
	"      env:\n"
	"      - name: AWS_PROFILE\n"
	"        value: ci\n"
	"- name: nothing\n"
	"  user: {}\n";

static void
test_kubeconfig(void **state)
{
	struct cred_info o;

	(void)state;
	parse(CRED_KUBECONFIG, kubeconfig, &o);
	assert_true(o.recognised);
	assert_true(o.has_secret);
	assert_int_equal(o.nnames, 2);
	assert_string_equal(o.names[0], "kubernetes-admin (client-key-data)");
	assert_string_equal(o.names[1], "ci (exec)");
	assert_string_equal(o.fingerprint, "users: kubernetes-admin "
	    "(client-key-data), ci (exec); clusters: kubernetes");
	assert_string_equal(o.detail, "context kubernetes-admin@kubernetes");
	assert_true(no_secret(&o, SECRET));
	/* exec only: no secret in the file */
	parse(CRED_KUBECONFIG, "users:\n- name: a\n  user:\n    exec: {}\n", &o);
	assert_false(o.has_secret);
	/* hostile: deep indents, dashes only, a colon-less mess */
	parse(CRED_KUBECONFIG, "users:\n-\n-\n      - - - token: x\n:::\n", &o);
	parse(CRED_KUBECONFIG, "users:\n - name: x\n   token: y\n", &o);
	assert_true(o.has_secret);
	assert_string_equal(o.names[0], "x (token)");
	parse(CRED_KUBECONFIG, "\x1b[2J: users\n", &o);
	assert_false(o.recognised);
}

static void
test_k8s_token(void **state)
{
	struct cred_info o;

	(void)state;
	parse(CRED_K8S_TOKEN, "eyJhbGciOiAiUlMyNTYifQ.eyJpc3MiOiAia3ViZXJuZXRl"
	    "cy9zZXJ2aWNlYWNjb3VudCIsICJrdWJlcm5ldGVzLmlvL3NlcnZpY2VhY2NvdW50L2"
	    "5hbWVzcGFjZSI6ICJrdWJlLXN5c3RlbSIsICJrdWJlcm5ldGVzLmlvL3NlcnZpY2Vh"
	    "Y2NvdW50L3NlcnZpY2UtYWNjb3VudC5uYW1lIjogInRpbGxlciIsICJrdWJlcm5ldG"
	    "VzLmlvL3NlcnZpY2VhY2NvdW50L3NlY3JldC5uYW1lIjogInRpbGxlci10b2tlbi14"
	    "In0.c2lnbmF0dXJl\n", &o);
	assert_true(o.recognised);
	assert_string_equal(o.fingerprint, "serviceaccount kube-system/tiller");
	assert_null(strstr(o.fingerprint, "eyJ"));
	parse(CRED_K8S_TOKEN, "eyJhbGciOiAiUlMyNTYifQ.eyJhdWQiOiBbImh0dHBzOi8va"
	    "3ViZXJuZXRlcy5kZWZhdWx0LnN2YyJdLCAia3ViZXJuZXRlcy5pbyI6IHsibmFtZXN"
	    "wYWNlIjogInByb2QiLCAic2VydmljZWFjY291bnQiOiB7Im5hbWUiOiAiZGVwbG95Z"
	    "XIiLCAidWlkIjogIngifX0sICJzdWIiOiAic3lzdGVtOnNlcnZpY2VhY2NvdW50OnB"
	    "yb2Q6ZGVwbG95ZXIifQ.c2lnbmF0dXJl", &o);
	assert_string_equal(o.fingerprint, "serviceaccount prod/deployer");
	/* not a JWT, bad base64, a payload that is not JSON */
	parse(CRED_K8S_TOKEN, "abc", &o);
	assert_false(o.recognised);
	parse(CRED_K8S_TOKEN, "a.!!!.c", &o);
	assert_false(o.recognised);
	parse(CRED_K8S_TOKEN, "a.aGVsbG8.c", &o);
	assert_false(o.recognised);
	parse(CRED_K8S_TOKEN, "..", &o);
	assert_false(o.recognised);
	{
		/* a payload larger than the decode cap is refused, not read */
		size_t n = CRED_DECODE_MAX * 2;
		char *big = xmalloc(n + 8);

		memset(big, 'e', n + 7);
		big[1] = '.';
		big[n + 5] = '.';
		big[n + 7] = '\0';
		parse(CRED_K8S_TOKEN, big, &o);
		assert_false(o.recognised);
		free(big);
	}
}

static void
test_docker(void **state)
{
	struct cred_info o;

	(void)state;
	parse(CRED_DOCKER, "{\n\t\"auths\": {\n\t\t\"https://index.docker.io/v1/"
	    "\": {\n\t\t\t\"auth\": \"dXNlcjpwYXNz\"\n\t\t},\n\t\t\"ghcr.io\": "
	    "{},\n\t\t\"q.example\": {\"auth\": \"\", \"x\": {\"y\": \"}\"}},"
	    "\n\t\t\"r.example:5000\": {\"identitytoken\": \"tok\"}\n\t},\n"
	    "\t\"credsStore\": \"pass\"\n}", &o);
	assert_true(o.recognised);
	assert_true(o.has_secret);
	assert_int_equal(o.nnames, 2);
	assert_string_equal(o.names[0], "https://index.docker.io/v1/");
	assert_string_equal(o.names[1], "r.example:5000");
	assert_string_equal(o.detail, "credential helper pass");
	assert_true(no_secret(&o, "dXNlcjpwYXNz"));
	parse(CRED_DOCKER, "{\"auths\": {}}", &o);
	assert_false(o.has_secret);
	parse(CRED_DOCKER, "{\"auths\": {\"a\": {\"auth\": \"x\"", &o);
	parse(CRED_DOCKER, "{\"auths\": {\"a\"", &o);
	parse(CRED_DOCKER, "{\"auths\": [1, 2]}", &o);
	assert_false(o.has_secret);
	parse(CRED_DOCKER, "{\"auths\": {\"a\\\"b\": {\"auth\": \"x\"}}}", &o);
	assert_true(o.has_secret);
}

static const char ssh_plain[] =
	"-----BEGIN OPENSSH PRIVATE KEY-----\n"
	"b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
	"QyNTUxOQAAACAQfRosYxvL6J28rmgZwzyK+tHS05Ve8r9FvENnzksXLQAAAIhFyUzuRclM\n"
	"7gAAAAtzc2gtZWQyNTUxOQAAACAQfRosYxvL6J28rmgZwzyK+tHS05Ve8r9FvENnzksXLQ\n"
	"AAAEDfh4CJrZdjYJQjH1bmbdCwkG2QDQ7TmRRSBwfhSn+QQRB9GixjG8vonbyuaBnDPIr6\n"
	"0dLTlV7yv0W8Q2fOSxctAAAABHRlc3QB\n"
	"-----END OPENSSH PRIVATE KEY-----\n";
static const char ssh_enc[] =
	"-----BEGIN OPENSSH PRIVATE KEY-----\n"
	"b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABA9brpCza\n"
	"YNyVcGo78b1bktAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAINTEYidUIieLFAlE\n"
	"fxAbzgKj5DAMn5GBlylAZNNqp2ZUAAAAkG1FJ8UM3clKGUPj94o0Rr1y5kUdeUF7bSgVtf\n"
	"ARk69HDddafIYtJxinplPKupwyzunwwXUuQNwSiew/j+EuRapfrCjujw1hDETKvr2tTq52\n"
	"8hKTcS+LjQOleGgFWpXflJF3t13tStuQ2teizXesP1sMlQYDVxQrI/xrBMmdhKNaVNA9a7\n"
	"Q+PWr/skOj1oyP+A==\n"
	"-----END OPENSSH PRIVATE KEY-----\n";

static void
test_ssh_key(void **state)
{
	struct cred_info o;

	(void)state;
	parse(CRED_SSH_KEY, ssh_plain, &o);
	assert_true(o.recognised);
	assert_true(o.no_passphrase);
	assert_false(o.encrypted);
	assert_string_equal(o.detail, "ssh-ed25519");
	/* what ssh-keygen -l prints for the key */
	assert_string_equal(o.fingerprint,
	    "SHA256:zfC/91p2ql4sGODetVFRVNkaRB2GbWkbuBh7zC3NqIs");
	parse(CRED_SSH_KEY, ssh_enc, &o);
	assert_true(o.encrypted);
	assert_false(o.no_passphrase);
	assert_string_equal(o.detail, "ssh-ed25519");
	parse(CRED_SSH_KEY, "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n"
	    "-----END RSA PRIVATE KEY-----\n", &o);
	assert_true(o.no_passphrase);
	assert_string_equal(o.detail, "RSA PRIVATE KEY");
	parse(CRED_SSH_KEY, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: "
	    "4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nxx\n", &o);
	assert_true(o.encrypted);
	parse(CRED_SSH_KEY, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMII\n", &o);
	assert_true(o.encrypted);
	/* a certificate or public key in a .pem: not a credential */
	parse(CRED_SSH_KEY, "-----BEGIN CERTIFICATE-----\nMII\n", &o);
	assert_false(o.recognised);
	parse(CRED_SSH_KEY, "-----BEGIN PUBLIC KEY-----\nMII\n", &o);
	assert_false(o.recognised);
	/* garbage after the header: still a key, fingerprint unknown */
	parse(CRED_SSH_KEY, "-----BEGIN OPENSSH PRIVATE KEY-----\n!!!\n", &o);
	assert_true(o.recognised);
	assert_string_equal(o.fingerprint, "");
	/* lengths that point past the end */
	parse(CRED_SSH_KEY, "-----BEGIN OPENSSH PRIVATE KEY-----\n"
	    "b3BlbnNzaC1rZXktdjEA/////w==\n", &o);
	assert_true(o.recognised);
	parse(CRED_SSH_KEY, "-----BEGIN ", &o);
	assert_false(o.recognised);
}

static void
test_env(void **state)
{
	struct cred_info o;

	(void)state;
	parse(CRED_ENV_FILE, "# Laravel\nAPP_NAME=shop\nAPP_KEY=base64:" SECRET
	    "\nDB_HOST=127.0.0.1\nDB_PASSWORD=\"" SECRET "\"\nMAIL_PASSWORD=\n"
	    "export STRIPE_SECRET=sk_live_x\nAWS_SECRET_ACCESS_KEY=" SECRET
	    "\nREDIS_PASSWORD=\"\"\nDATABASE_URL=mysql://u:p@h/db\n"
	    "BAD NAME=x\n=novalue\n", &o);
	assert_true(o.recognised);
	assert_true(o.has_secret);
	assert_int_equal(o.nnames, 5);
	assert_string_equal(o.names[0], "APP_KEY");
	assert_string_equal(o.names[1], "DB_PASSWORD");
	assert_string_equal(o.names[2], "STRIPE_SECRET");
	assert_string_equal(o.names[3], "AWS_SECRET_ACCESS_KEY");
	assert_string_equal(o.names[4], "DATABASE_URL");
	assert_string_equal(o.fingerprint, "5 secret names");
	assert_true(no_secret(&o, SECRET));
	assert_true(no_secret(&o, "sk_live"));
	parse(CRED_ENV_FILE, "APP_ENV=local\nDEBUG=1\n", &o);
	assert_true(o.recognised);
	assert_false(o.has_secret);
	parse(CRED_ENV_FILE, "\x1b]0;x\x07=1\n", &o);
	assert_false(o.has_secret);
	assert_true(credparse_secret_name("GITHUB_TOKEN", 12));
	assert_true(credparse_secret_name("AWS_ACCESS_KEY_ID", 17));
	assert_false(credparse_secret_name("CREDENTIALS_DIRECTORY", 21));
	assert_false(credparse_secret_name("LD_PRELOAD", 10));
	assert_false(credparse_secret_name("PATH", 4));
	assert_false(credparse_secret_name("KEYBOARD", 8));
}

/* ---- the collector on an image ------------------------------------------ */

static void
test_collect(void **state)
{
	char *d = tl_tmpdir();
	struct snapshot *s = tl_snap_new();
	char big[300];
	int fd;

	(void)state;
	tl_writes(d, "etc/passwd", "root:x:0:0:root:/root:/bin/bash\n"
	    "alice:x:1000:1000::/home/alice:/bin/bash\n"
	    "alias:x:1002:1002::/home/alice:/bin/bash\n");
	tl_writes(d, "etc/group", "root:x:0:\nalice:x:1000:\nstaff:x:50:"
	    "alice,bob\n");
	tl_writes(d, "home/alice/.aws/credentials", "[default]\n"
	    "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key"
	    " = " SECRET "\n");
	tl_writes(d, "home/alice/.ssh/id_ed25519", ssh_plain);
	tl_writes(d, "home/alice/.ssh/id_ed25519.pub", "ssh-ed25519 AAAA x\n");
	tl_writes(d, "home/alice/.ssh/cert.pem", "-----BEGIN CERTIFICATE-----\n");
	tl_writes(d, "home/alice/sa.json", "{\"type\": \"service_account\", "
	    "\"private_key_id\": \"abcdef0123456789\", \"client_email\": "
	    "\"a@b\", \"private_key\": \"x\"}");
	tl_writes(d, "home/alice/package.json", "{\"name\": \"x\"}");
	tl_writes(d, "root/.kube/config", kubeconfig);
	tl_writes(d, "var/www/shop/.env", "DB_PASSWORD=x\n");
	tl_writes(d, "var/www/shop/app/.env", "API_TOKEN=x\n");
	tl_writes(d, "srv/api/.env", "X=1\n");
	tl_writes(d, "etc/kubernetes/admin.conf", kubeconfig);
	tl_writes(d, "etc/kubernetes/manifests.yaml", "x");
	tl_sparse(d, "home/alice/.docker/config.json", 4ull << 30);
	tl_mkdirs(d, "outside");
	tl_writes(d, "outside/creds", "[default]\naws_access_key_id = "
	    "AKIAOUTSIDEXXXXXXXXX\n");
	snprintf(big, sizeof(big), "../../../../../../../../../../..%s/outside/"
	    "creds", d);
	tl_mkdirs(d, "home/alice/.kube");
	tl_symlink(d, "home/alice/.kube/config", big);
	{
		char *p = tl_path(d, "home/alice/.aws/credentials");

		chmod(p, 0644);
		free(p);
		p = tl_path(d, "home/alice/.ssh/id_ed25519");
		chmod(p, 0600);
		free(p);
		p = tl_path(d, "root/.kube/config");
		chmod(p, 0600);
		free(p);
		p = tl_path(d, "var/www/shop/.env");
		chmod(p, 0640);
		free(p);
	}
	fd = open(d, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	s->rootfd = fd;
	s->root = d;
	s->live = false;
	users_collect(s);
	cred_collect(s, -1);
	{
		const char *want[] = {
			"/etc/kubernetes/admin.conf",
			"/home/alice/.aws/credentials",
			"/home/alice/.docker/config.json",
			"/home/alice/.ssh/id_ed25519",
			"/home/alice/sa.json",
			"/root/.kube/config",
			"/srv/api/.env",
			"/var/www/shop/.env",
			"/var/www/shop/app/.env",
		};
		size_t nw = sizeof(want) / sizeof(want[0]);

		for (size_t i = 0; i < s->ncred_files; i++)
			print_message("  %s\n", s->cred_files[i].path);
		/* the link out of the image resolves inside it: nothing */
		assert_int_equal(s->ncred_files, nw);
		for (size_t i = 0; i < nw; i++)
			assert_string_equal(s->cred_files[i].path, want[i]);
	}
	{
		const struct cred_file *c = &s->cred_files[1];

		assert_string_equal(c->fingerprint, "AKIA...MPLE");
		assert_string_equal(c->user, "alice");
		assert_true(c->has_secret);
		/* tl_tmpdir is 0700: only directories inside the image count */
		assert_int_equal(c->reach, CRED_REACH_WORLD);
		c = &s->cred_files[2];
		assert_true(c->truncated);
		assert_false(c->recognised);
		c = &s->cred_files[3];
		assert_true(c->no_passphrase);
		assert_int_equal(c->reach, CRED_REACH_OWNER);
		c = &s->cred_files[4];
		assert_string_equal(c->fingerprint, "abcdef01... a@b");
		c = &s->cred_files[5];
		assert_int_equal(c->reach, CRED_REACH_OWNER);
		assert_string_equal(c->user, "root");
		c = &s->cred_files[7];
		assert_int_equal(c->reach, CRED_REACH_GROUP);
	}
	for (size_t i = 0; i < s->ncred_files; i++) {
		const struct cred_file *c = &s->cred_files[i];

		assert_null(strstr(c->fingerprint ? c->fingerprint : "", SECRET));
	}
	close(fd);
	tl_snap_free(s);
	tl_rmrf(d);
	free(d);
}

/* A passwd of 6,000 distinct homes: the walk stops at the cap and says
 * so; a home with 40 *.json files gets 16 probes. */
static void
test_collect_caps(void **state)
{
	char *d = tl_tmpdir();
	struct snapshot *s = tl_snap_new();
	struct buf b;
	int fd;

	(void)state;
	buf_init(&b, 1u << 20);
	buf_printf(&b, "root:x:0:0:root:/root:/bin/bash\n");
	for (int i = 0; i < 6000; i++)
		buf_printf(&b, "u%d:x:%d:%d::/home/u%d:/bin/sh\n", i, 2000 + i,
		    2000 + i, i);
	tl_write(d, "etc/passwd", b.data, b.len);
	buf_free(&b);
	for (int i = 0; i < 40; i++) {
		char rel[64];

		snprintf(rel, sizeof(rel), "root/k%02d.json", i);
		tl_writes(d, rel, "{\"type\": \"service_account\", "
		    "\"client_email\": \"a@b\"}");
	}
	fd = open(d, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	s->rootfd = fd;
	s->root = d;
	s->live = false;
	users_collect(s);
	cred_collect(s, -1);
	assert_true(tl_skipped(s, "credentials: homes", "4096"));
	assert_int_equal(s->ncred_files, RM_CRED_PROBES);
	close(fd);
	tl_snap_free(s);
	tl_rmrf(d);
	free(d);
}

/* ---- detectors -------------------------------------------------------------- */

static struct cred_file *
creds(struct snapshot *s, size_t n)
{
	struct cred_file *v = arena_alloc(&s->arena, n * sizeof(*v));

	s->cred_files = v;
	s->ncred_files = n;
	return v;
}

static void
cred_set(struct cred_file *c, const char *path, enum cred_kind k,
	 uint32_t mode, enum cred_reach reach)
{
	c->path = path;
	c->kind = (uint8_t)k;
	c->uid = 1000;
	c->gid = 1000;
	c->mode = 0100000 | mode;
	c->mtime = 1700000000;
	c->recognised = true;
	c->has_secret = true;
	c->reach = (uint8_t)reach;
}

static const struct finding *
by_file(const struct findings *fs, const char *path)
{
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i]->file_path && strcmp(fs->v[i]->file_path, path) == 0)
			return fs->v[i];
	return NULL;
}

static void
test_det_file(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct cred_file *c = creds(s, 8);
	struct findings fs;
	const struct finding *f;

	(void)state;
	cred_set(&c[0], "/home/a/.aws/credentials", CRED_AWS, 0644,
	    CRED_REACH_WORLD);
	c[0].fingerprint = "AKIA...MPLE";
	cred_set(&c[1], "/root/.kube/config", CRED_KUBECONFIG, 0600,
	    CRED_REACH_OWNER);
	cred_set(&c[2], "/var/www/x/.env", CRED_ENV_FILE, 0644,
	    CRED_REACH_WORLD);
	cred_set(&c[3], "/home/a/.ssh/id_rsa", CRED_SSH_KEY, 0640,
	    CRED_REACH_GROUP);
	c[3].group = "staff";
	cred_set(&c[4], "/home/a/.ssh/id_ed25519", CRED_SSH_KEY, 0640,
	    CRED_REACH_GROUP);
	c[4].group_private = true;
	cred_set(&c[5], "/home/a/.ssh/id_enc", CRED_SSH_KEY, 0644,
	    CRED_REACH_WORLD);
	c[5].encrypted = true;
	cred_set(&c[6], "/var/run/secrets/kubernetes.io/serviceaccount/token",
	    CRED_K8S_TOKEN, 0644, CRED_REACH_WORLD);
	/* root:www-data 0640: the web server reads it by design */
	cred_set(&c[7], "/var/www/y/.env", CRED_ENV_FILE, 0640,
	    CRED_REACH_GROUP);
	c[7].group = "www-data";
	tl_run_one(s, "RM-CRED-001", &fs);
	assert_int_equal(fs.n, 8);
	assert_int_equal(by_file(&fs, "/var/www/y/.env")->severity, SEV_INFO);
	f = by_file(&fs, "/home/a/.aws/credentials");
	assert_int_equal(f->severity, SEV_HIGH);
	assert_string_equal(tl_ev_str(f, "fingerprint"), "AKIA...MPLE");
	assert_string_equal(tl_ev_str(f, "readable_by"), "every user");
	assert_string_equal(f->rule->category, "credential-theft");
	/* the admin's own kubeconfig: the inventory, no more */
	assert_int_equal(by_file(&fs, "/root/.kube/config")->severity, SEV_INFO);
	assert_int_equal(by_file(&fs, "/var/www/x/.env")->severity, SEV_MEDIUM);
	assert_int_equal(by_file(&fs, "/home/a/.ssh/id_rsa")->severity,
	    SEV_MEDIUM);
	assert_int_equal(by_file(&fs, "/home/a/.ssh/id_ed25519")->severity,
	    SEV_INFO);
	assert_int_equal(by_file(&fs, "/home/a/.ssh/id_enc")->severity,
	    SEV_MEDIUM);
	assert_int_equal(by_file(&fs,
	    "/var/run/secrets/kubernetes.io/serviceaccount/token")->severity,
	    SEV_INFO);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_det_env(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 5);
	struct findings fs;
	const struct finding *f;

	(void)state;
	/* 1000: a service with AWS keys; 1001 its child (inherited);
	 * 1002: a dropped binary in /tmp with them; 1003: a GitHub token;
	 * 1004: nothing of note */
	tl_proc_set(s, &p[0], 1000, 1, "app", "/usr/bin/app", EXE_FILE);
	tl_proc_env(s, &p[0], "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
	tl_proc_env(s, &p[0], "AWS_SECRET_ACCESS_KEY", SECRET);
	tl_proc_set(s, &p[1], 1001, 1000, "worker", "/usr/bin/app", EXE_FILE);
	tl_proc_env(s, &p[1], "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
	tl_proc_env(s, &p[1], "AWS_SECRET_ACCESS_KEY", SECRET);
	tl_proc_set(s, &p[2], 1002, 1, "kworker-upd", "/tmp/.x/kworker-upd",
	    EXE_FILE);
	tl_proc_env(s, &p[2], "AWS_SECRET_ACCESS_KEY", SECRET);
	tl_proc_set(s, &p[3], 1003, 1, "runner", "/usr/bin/runner", EXE_FILE);
	tl_proc_env(s, &p[3], "GITHUB_TOKEN", "ghp_xxxxxxxxxxxxxxxx");
	tl_proc_env(s, &p[3], "CREDENTIALS_DIRECTORY", "/run/credentials/x");
	tl_proc_set(s, &p[4], 1004, 1, "sleep", "/usr/bin/sleep", EXE_FILE);
	tl_proc_env(s, &p[4], "LD_PRELOAD", "/usr/lib/x.so");
	tl_run_one(s, "RM-CRED-002", &fs);
	assert_int_equal(fs.n, 3);
	f = tl_get(&fs, "RM-CRED-002", 1000);
	assert_int_equal(f->severity, SEV_LOW);
	assert_true(tl_ev_has(f, "variables", "AWS_SECRET_ACCESS_KEY"));
	assert_string_equal(tl_ev_str(f, "aws_access_key_id"), "AKIA...MPLE");
	assert_null(strstr(f->message, SECRET));
	assert_int_equal(tl_count(&fs, "RM-CRED-002", 1001), 0);
	assert_int_equal(tl_get(&fs, "RM-CRED-002", 1002)->severity, SEV_HIGH);
	f = tl_get(&fs, "RM-CRED-002", 1003);
	assert_int_equal(f->severity, SEV_INFO);
	assert_false(tl_ev_has(f, "variables", "CREDENTIALS_DIRECTORY"));
	for (size_t i = 0; i < fs.n; i++)
		for (size_t k = 0; k < fs.v[i]->nev; k++) {
			const struct evidence *e = &fs.v[i]->ev[k];

			assert_null(e->s ? strstr(e->s, SECRET) : NULL);
		}
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_det_imds(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 7);
	struct sock *k = tl_socks(s, 8);
	struct findings fs;
	const struct finding *f;

	(void)state;
	tl_proc_set(s, &p[0], 100, 1, "bash", "/usr/bin/bash", EXE_FILE);
	tl_proc_set(s, &p[1], 1000, 100, "curl", "/usr/bin/curl", EXE_FILE);
	tl_proc_set(s, &p[2], 1001, 1, "kworker-upd", "/tmp/x/kworker-upd",
	    EXE_FILE);
	tl_proc_set(s, &p[3], 1002, 1, "amazon-ssm-agen",
	    "/usr/bin/amazon-ssm-agent", EXE_FILE);
	tl_proc_set(s, &p[4], 1003, 1, "python3", "/usr/bin/python3.11",
	    EXE_FILE);
	p[4].cmdline = "/usr/bin/python3 -u /usr/sbin/waagent -run-exthandlers";
	tl_proc_set(s, &p[5], 1004, 1, "amazon-ssm-agen",
	    "/dev/shm/amazon-ssm-agent", EXE_FILE);
	tl_proc_set(s, &p[6], 1005, 1, "app", "/usr/bin/app", EXE_FILE);
	tl_sock_tcp(&k[0], 1000, "169.254.169.254", 80);
	tl_sock_tcp(&k[1], 1001, "169.254.169.254", 80);
	k[1].state = 2;                       /* SYN_SENT */
	tl_sock_tcp(&k[2], 1002, "169.254.169.254", 80);
	tl_sock_tcp(&k[3], 1003, "169.254.169.254", 80);
	tl_sock_tcp(&k[4], 1004, "fd00:ec2::254", 80);
	tl_sock_tcp(&k[5], 1005, "169.254.170.2", 80);
	tl_sock_tcp(&k[6], 1000, "169.254.169.254", 443);  /* not IMDS */
	tl_sock_tcp(&k[7], 1001, "169.254.169.253", 80);   /* DNS: no */
	tl_run_one(s, "RM-CRED-003", &fs);
	assert_int_equal(fs.n, 4);
	f = tl_get(&fs, "RM-CRED-003", 1000);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_int_equal(f->confidence, CONF_HIGH);
	assert_string_equal(f->dest_ip, "169.254.169.254");
	assert_true(tl_ev_has(f, "ancestors", "bash(100)"));
	assert_int_equal(tl_get(&fs, "RM-CRED-003", 1001)->severity, SEV_HIGH);
	assert_int_equal(tl_count(&fs, "RM-CRED-003", 1002), 0);
	assert_int_equal(tl_count(&fs, "RM-CRED-003", 1003), 0);
	/* an agent's name in /dev/shm is no agent */
	assert_int_equal(tl_get(&fs, "RM-CRED-003", 1004)->severity, SEV_HIGH);
	f = tl_get(&fs, "RM-CRED-003", 1005);
	assert_int_equal(f->severity, SEV_LOW);
	assert_string_equal(tl_ev_str(f, "endpoint"),
	    "ECS task credential endpoint");
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_det_access(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 8);
	struct account *a = tl_accounts(s, 2);
	struct cred_open *co = arena_alloc(&s->arena, 4 * sizeof(*co));
	static const char *pem[] = { "/etc/ssl/private/site.pem" };
	static const char *envf[] = { "/var/www/x/.env" };
	static const char *aws[] = { "/home/u/.aws/credentials" };
	static const char *tmpc[] = { "/tmp/x/home/u/.aws/credentials" };
	static const char *hist[] = { "/home/u/.bash_history" };
	struct findings fs;
	const struct finding *f;

	(void)state;
	tl_account_set(s, &a[0], "root", 0, 1);
	tl_account_set(s, &a[1], "u", 1000, 2);
	a[1].home = "/home/u";
	/* 1000: root's cat of u's keys; 1001: u's own aws cli; 1002: root's
	 * aws cli on u's keys; 1003: a helper holding a file whose owner the
	 * stat gave (uid 1000); 1004: an environ sweep; 1005: root's
	 * rsyslogd-like daemon holding u's history */
	tl_proc_set(s, &p[0], 1000, 1, "cat", "/usr/bin/cat", EXE_FILE);
	p[0].cred_fds = aws;
	p[0].ncred_fds = 1;
	tl_proc_set(s, &p[1], 1001, 1, "aws", "/usr/bin/aws", EXE_FILE);
	p[1].euid = 1000;
	p[1].cred_fds = aws;
	p[1].ncred_fds = 1;
	tl_proc_set(s, &p[2], 1002, 1, "aws", "/usr/local/bin/aws", EXE_FILE);
	p[2].cred_fds = aws;
	p[2].ncred_fds = 1;
	tl_proc_set(s, &p[3], 1003, 1, "holder", "/opt/x/holder", EXE_FILE);
	p[3].cred_fds = tmpc;
	p[3].ncred_fds = 1;
	tl_proc_set(s, &p[4], 1004, 1, "kworker-upd", "/tmp/kworker-upd",
	    EXE_FILE);
	p[4].environ_fds = 40;
	tl_proc_set(s, &p[5], 1005, 1, "daemon", "/usr/sbin/daemon", EXE_FILE);
	p[5].cred_fds = hist;
	p[5].ncred_fds = 1;
	/* 1006: php-fpm (www-data) reading the app's .env: its job */
	tl_proc_set(s, &p[6], 1006, 1, "php-fpm8.2", "/usr/sbin/php-fpm8.2",
	    EXE_FILE);
	p[6].euid = 33;
	p[6].cred_fds = envf;
	p[6].ncred_fds = 1;
	co[0] = (struct cred_open){ 1003, tmpc[0], true, 1000, 0100600 };
	co[1] = (struct cred_open){ 1000, aws[0], true, 1000, 0100600 };
	/* 1007: a service (uid 998) holding root's certificate key */
	tl_proc_set(s, &p[7], 1007, 1, "app", "/usr/bin/app", EXE_FILE);
	p[7].euid = 998;
	p[7].cred_fds = pem;
	p[7].ncred_fds = 1;
	co[2] = (struct cred_open){ 1006, envf[0], true, 0, 0100640 };
	co[3] = (struct cred_open){ 1007, pem[0], true, 0, 0100640 };
	s->cred_opens = co;
	s->ncred_opens = 4;
	tl_run_one(s, "RM-CRED-004", &fs);
	f = tl_get(&fs, "RM-CRED-004", 1000);
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_string_equal(f->file_path, "/home/u/.aws/credentials");
	assert_int_equal(tl_count(&fs, "RM-CRED-004", 1001), 0);
	assert_int_equal(tl_count(&fs, "RM-CRED-004", 1002), 0);
	assert_int_equal(tl_get(&fs, "RM-CRED-004", 1003)->severity, SEV_MEDIUM);
	f = tl_get(&fs, "RM-CRED-004", 1004);
	assert_int_equal(f->severity, SEV_HIGH);
	assert_int_equal(finding_ev_get(f, "environ_fds")->i, 40);
	assert_int_equal(tl_count(&fs, "RM-CRED-004", 1005), 0);
	assert_int_equal(tl_count(&fs, "RM-CRED-004", 1006), 0);
	assert_int_equal(tl_count(&fs, "RM-CRED-004", 1007), 0);
	assert_int_equal(fs.n, 3);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_det_cmdline(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 6);
	struct account *a = tl_accounts(s, 2);
	struct findings fs;

	(void)state;
	tl_account_set(s, &a[0], "root", 0, 1);
	tl_account_set(s, &a[1], "u", 1000, 2);
	a[1].home = "/home/u";
	tl_proc_set(s, &p[0], 1000, 1, "bash", "/usr/bin/bash", EXE_FILE);
	p[0].cmdline = "bash -c for f in /proc/*/environ; do grep -a AWS $f; "
	    "done";
	tl_proc_set(s, &p[1], 1001, 1, "cat", "/usr/bin/cat", EXE_FILE);
	p[1].cmdline = "cat /home/u/.aws/credentials";
	tl_proc_set(s, &p[2], 1002, 1, "cat", "/usr/bin/cat", EXE_FILE);
	p[2].euid = 1000;
	p[2].cmdline = "cat /home/u/.aws/credentials";   /* their own */
	tl_proc_set(s, &p[3], 1003, 1, "tar", "/usr/bin/tar", EXE_FILE);
	p[3].cmdline = "tar czf /tmp/k.tgz /home/*/.ssh/id_rsa";
	tl_proc_set(s, &p[4], 1004, 1, "vim", "/usr/bin/vim", EXE_FILE);
	p[4].cmdline = "vim /root/.aws/config";           /* root's own */
	tl_proc_set(s, &p[5], 1005, 1, "aws", "/usr/bin/aws", EXE_FILE);
	p[5].cmdline = "aws s3 ls";
	tl_run_one(s, "RM-CRED-005", &fs);
	assert_int_equal(tl_get(&fs, "RM-CRED-005", 1000)->severity, SEV_HIGH);
	assert_int_equal(tl_get(&fs, "RM-CRED-005", 1001)->severity, SEV_HIGH);
	assert_int_equal(tl_get(&fs, "RM-CRED-005", 1003)->severity, SEV_HIGH);
	assert_int_equal(tl_count(&fs, "RM-CRED-005", 1002), 0);
	assert_int_equal(tl_count(&fs, "RM-CRED-005", 1004), 0);
	assert_int_equal(tl_count(&fs, "RM-CRED-005", 1005), 0);
	assert_int_equal(fs.n, 3);
	findings_free(&fs);
	tl_snap_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aws),
		cmocka_unit_test(test_key_id),
		cmocka_unit_test(test_gcp),
		cmocka_unit_test(test_azure),
		cmocka_unit_test(test_kubeconfig),
		cmocka_unit_test(test_k8s_token),
		cmocka_unit_test(test_docker),
		cmocka_unit_test(test_ssh_key),
		cmocka_unit_test(test_env),
		cmocka_unit_test(test_collect),
		cmocka_unit_test(test_collect_caps),
		cmocka_unit_test(test_det_file),
		cmocka_unit_test(test_det_env),
		cmocka_unit_test(test_det_imds),
		cmocka_unit_test(test_det_access),
		cmocka_unit_test(test_det_cmdline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
