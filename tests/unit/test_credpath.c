/*
 * test_credpath.c - which paths are credential stores (core/credpath.h).
 */
#include "testlib.h"

#include "core/credpath.h"

static void
test_kinds(void **state)
{
	static const struct {
		const char *path;
		enum cred_kind kind;
	} t[] = {
		{ "/root/.aws/credentials", CRED_AWS },
		{ "/home/a/.aws/config", CRED_AWS },
		{ "/home/a/.config/gcloud/application_default_credentials.json",
		  CRED_GCP },
		{ "/home/a/.config/gcloud/legacy_credentials/a@b.c/adc.json",
		  CRED_GCP },
		{ "/home/a/.azure/msal_token_cache.json", CRED_AZURE },
		{ "/root/.kube/config", CRED_KUBECONFIG },
		{ "/etc/kubernetes/admin.conf", CRED_KUBECONFIG },
		{ "/var/run/secrets/kubernetes.io/serviceaccount/token",
		  CRED_K8S_TOKEN },
		{ "/root/.docker/config.json", CRED_DOCKER },
		{ "/home/a/.ssh/id_ed25519", CRED_SSH_KEY },
		{ "/home/a/deploy.pem", CRED_SSH_KEY },
		{ "/var/www/shop/.env", CRED_ENV_FILE },
		{ "/var/www/shop/.env.production", CRED_ENV_FILE },
		{ "/root/.bash_history", CRED_HISTORY },
		{ "/home/a/.git-credentials", CRED_NETRC },
		/* not credentials */
		{ "/home/a/.ssh/id_ed25519.pub", CRED_NONE },
		{ "/home/a/.ssh/known_hosts", CRED_NONE },
		{ "/home/a/.aws/cli/cache/x.json", CRED_NONE },
		{ "/home/a/.kube/cache/x", CRED_NONE },
		{ "/etc/config", CRED_NONE },
		{ "/home/a/.environment", CRED_NONE },
		{ "/home/a/.aws/", CRED_NONE },
		{ "", CRED_NONE },
		{ "credentials", CRED_NONE },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		enum cred_kind k = credpath_kind(t[i].path);

		if (k != t[i].kind)
			fail_msg("%s: %s, want %s", t[i].path,
			    credpath_kind_name(k),
			    credpath_kind_name(t[i].kind));
	}
	assert_int_equal(credpath_kind(NULL), CRED_NONE);
	assert_string_equal(credpath_kind_name(CRED_SSH_KEY), "ssh-key");
	assert_string_equal(credpath_kind_name((enum cred_kind)99), "none");
}

static void
test_environ(void **state)
{
	long pid = -1;

	(void)state;
	assert_true(credpath_is_environ("/proc/42/environ", &pid));
	assert_int_equal(pid, 42);
	assert_true(credpath_is_environ("/proc/self/environ", &pid));
	assert_int_equal(pid, 0);
	assert_false(credpath_is_environ("/proc/42/environ2", &pid));
	assert_false(credpath_is_environ("/proc/0/environ", &pid));
	assert_false(credpath_is_environ("/proc/-1/environ", &pid));
	assert_false(credpath_is_environ("/proc/4x/environ", &pid));
	assert_false(credpath_is_environ("/tmp/proc/42/environ", &pid));
	assert_false(credpath_is_environ("/proc/42/cmdline", &pid));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_environ),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
