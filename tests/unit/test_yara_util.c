/*
 * test_yara_util.c - detect/yara_util.c: the category, severity and
 * confidence a YARA match gets from its rule.  The rules are real ones
 * (signature-base, malcontent, Yara-Rules: name, namespace, tags and the
 * meta that matters), and the cases around them the table must get right.
 */
#include "detect/yara_util.h"
#include "testlib.h"

#define TAGS(...) ((const char *const[]){ __VA_ARGS__ })
#define NTAGS(...) (sizeof(TAGS(__VA_ARGS__)) / sizeof(const char *))
#define STR(k, v) { (k), YM_STR, (v), 0 }
#define INT(k, v) { (k), YM_INT, NULL, (v) }
#define BOOL(k, v) { (k), YM_BOOL, NULL, (v) }

struct rate_case {
	const char *rule, *ns;
	const char *const *tags;
	size_t ntags;
	struct yara_meta meta[4];
	size_t nmeta;
	bool builtin;
	const char *cat;
	enum severity sev;
	enum confidence conf;
};

static const struct rate_case cases[] = {
	/* malcontent: severity in a tag, the stage in the namespace */
	{ "danger_crypto_miner", "impact/cryptojacking/generic",
	    TAGS("high"), 1, { STR("description", "crypto miner, like xmrig") },
	    1, false, CAT_MINING, SEV_HIGH, CONF_MEDIUM },
	{ "kernel_module_loader", "persist/kernel_module/load",
	    TAGS("medium", "linux"), 2,
	    { STR("description", "loads Linux kernel module via insmod") }, 1,
	    false, CAT_PERSISTENCE, SEV_MEDIUM, CONF_MEDIUM },
	{ "hide_dir_contents", "evasion/rootkit/userspace", TAGS("high"), 1,
	    { STR("description", "userland rootkit source designed to hide "
	    "files") }, 1, false, CAT_ROOTKIT, SEV_HIGH, CONF_MEDIUM },
	{ "hidden_crontab", "persist/cron/tab", TAGS("critical"), 1,
	    { STR("description", "persists via a hidden crontab entry") }, 1,
	    false, CAT_PERSISTENCE, SEV_CRITICAL, CONF_MEDIUM },
	{ "cha_cha_tests", "persist/kernel_module/load",
	    TAGS("override", "linux"), 2,
	    { STR("description", "test_cipher.ko"),
	    STR("kernel_module_loader_ko", "medium") }, 2, false,
	    CAT_PERSISTENCE, SEV_INFO, CONF_MEDIUM },
	{ "service_start", "persist/service/start", NULL, 0, { { 0 } }, 0,
	    false, CAT_PERSISTENCE, SEV_MEDIUM, CONF_LOW },
	/* signature-base: score, as a number */
	{ "MAL_LNX_LinaDoor_Rootkit_May22", "apt_lnx_linadoor_rootkit", NULL,
	    0, { STR("description", "Detects LinaDoor Linux Rootkit"),
	    INT("score", 85) }, 2, false, CAT_ROOTKIT, SEV_HIGH, CONF_MEDIUM },
	{ "CoinMiner_Strings", "pua_cryptocoin_miner", TAGS("SCRIPT",
	    "HIGHVOL"), 2, { INT("score", 60) }, 1, false, CAT_MINING,
	    SEV_MEDIUM, CONF_MEDIUM },
	{ "CoinHive_Javascript_MoneroMiner", "pua_cryptocoin_miner",
	    TAGS("HIGHVOL"), 1, { INT("score", 50) }, 1, false, CAT_MINING,
	    SEV_LOW, CONF_MEDIUM },
	{ "x", NULL, NULL, 0, { INT("score", 39) }, 1, false,
	    CAT_INITIAL_ACCESS, SEV_INFO, CONF_MEDIUM },
	{ "APT_MAL_LNX_RedMenshen_BPFDoor_Controller_May22_1",
	    "mal_lnx_implant_may22", NULL, 0,
	    { STR("description", "Detects unknown Linux implants (uploads from "
	    "KR and MO)"), INT("score", 90) }, 2, false, CAT_PERSISTENCE,
	    SEV_HIGH, CONF_MEDIUM },
	{ "MAL_LNX_SSHDOOR_Triton", "apt_triton_mal_sshdoor", NULL, 0,
	    { STR("description", "Signature detecting ") }, 1, false,
	    CAT_CREDENTIAL_THEFT, SEV_MEDIUM, CONF_LOW },
	{ "APT_MAL_LNX_Kobalos_SSH_Credential_Stealer", "apt_lnx_kobalos",
	    NULL, 0, { { 0 } }, 0, false, CAT_CREDENTIAL_THEFT, SEV_MEDIUM,
	    CONF_LOW },
	{ "APT_MAL_LNX_Kobalos", "apt_lnx_kobalos", NULL, 0, { { 0 } }, 0,
	    false, CAT_PERSISTENCE, SEV_MEDIUM, CONF_LOW },
	/* the tag, not the name: Winnti's Azazel fork */
	{ "APT_MAL_WinntiLinux_Dropper_AzazelFork_May19", "apt_winnti_linux",
	    TAGS("azazel_fork"), 1, { { 0 } }, 0, false, CAT_ROOTKIT,
	    SEV_MEDIUM, CONF_LOW },
	{ "Miari_2_May17", "crime_mirai", NULL, 0,
	    { STR("description", "Detects Mirai Malware") }, 1, false,
	    CAT_ABUSE, SEV_MEDIUM, CONF_LOW },
	{ "crime_h2miner_kinsing", "crime_h2miner_kinsing", NULL, 0,
	    { { 0 } }, 0, false, CAT_MINING, SEV_MEDIUM, CONF_LOW },
	/* Yara-Rules */
	{ "XOR_DDosv1", "MALW_XOR_DDos", TAGS("DDoS"), 1, { { 0 } }, 0, false,
	    CAT_ABUSE, SEV_MEDIUM, CONF_LOW },
	{ "Mirai_Dwnl", "MALW_Mirai", TAGS("MALW"), 1,
	    { STR("description", "Mirai Downloader") }, 1, false, CAT_ABUSE,
	    SEV_MEDIUM, CONF_LOW },
	{ "MALW_TinyShell_backconnect_ELF", "MALW_TinyShell_Backdoor_gen",
	    NULL, 0, { { 0 } }, 0, false, CAT_ACCESS_RESALE, SEV_MEDIUM,
	    CONF_LOW },
	{ "exploit", "MALW_Miscelanea_Linux", NULL, 0, { { 0 } }, 0, false,
	    CAT_INITIAL_ACCESS, SEV_MEDIUM, CONF_LOW },
	{ "a", NULL, NULL, 0, { INT("threat_level", 3) }, 1, false,
	    CAT_INITIAL_ACCESS, SEV_MEDIUM, CONF_MEDIUM },
	{ "a", NULL, NULL, 0, { STR("threat_level", "9") }, 1, false,
	    CAT_INITIAL_ACCESS, SEV_HIGH, CONF_MEDIUM },
	{ "a", NULL, NULL, 0, { INT("threat_level", 1) }, 1, false,
	    CAT_INITIAL_ACCESS, SEV_LOW, CONF_MEDIUM },
	{ "a", NULL, NULL, 0, { INT("threat_level", 0) }, 1, false,
	    CAT_INITIAL_ACCESS, SEV_INFO, CONF_MEDIUM },
	/* the order of the severity sources */
	{ "a", NULL, TAGS("low"), 1, { INT("score", 80),
	    STR("severity", "Critical") }, 2, false, CAT_INITIAL_ACCESS,
	    SEV_CRITICAL, CONF_MEDIUM },
	{ "a", NULL, TAGS("low"), 1, { INT("threat_level", 9),
	    STR("score", " 76 ") }, 2, false, CAT_INITIAL_ACCESS, SEV_HIGH,
	    CONF_MEDIUM },
	{ "a", NULL, TAGS("x", "LOW"), 2, { INT("threat_level", 9) }, 1,
	    false, CAT_INITIAL_ACCESS, SEV_LOW, CONF_MEDIUM },
	/* unusable values fall through */
	{ "a", NULL, NULL, 0, { STR("severity", "severe"), STR("score",
	    "75x"), BOOL("threat_level", 1), STR("score", "") }, 4, false,
	    CAT_INITIAL_ACCESS, SEV_MEDIUM, CONF_LOW },
	{ "a", NULL, NULL, 0, { STR("score", "99999999999999999999999") }, 1,
	    false, CAT_INITIAL_ACCESS, SEV_MEDIUM, CONF_LOW },
	{ "a", NULL, NULL, 0, { INT("severity", 4) }, 1, false,
	    CAT_INITIAL_ACCESS, SEV_MEDIUM, CONF_LOW },
	{ "a", NULL, TAGS("HIGHVOL"), 1, { { 0 } }, 0, false,
	    CAT_INITIAL_ACCESS, SEV_MEDIUM, CONF_LOW },
	/* confidence */
	{ "rm_xmrig", "rookmelder", NULL, 0, { { 0 } }, 0, true, CAT_MINING,
	    SEV_MEDIUM, CONF_HIGH },
	{ "a", NULL, NULL, 0, { STR("confidence", "HIGH") }, 1, false,
	    CAT_INITIAL_ACCESS, SEV_MEDIUM, CONF_HIGH },
	{ "a", NULL, TAGS("high"), 1, { STR("confidence", "low") }, 1, false,
	    CAT_INITIAL_ACCESS, SEV_HIGH, CONF_LOW },
	{ "a", NULL, NULL, 0, { STR("confidence", "sure") }, 1, false,
	    CAT_INITIAL_ACCESS, SEV_MEDIUM, CONF_LOW },
	/* meta category first, when it is a stage */
	{ "xmrig", NULL, NULL, 0, { STR("category", "Credential_Theft") }, 1,
	    false, CAT_CREDENTIAL_THEFT, SEV_MEDIUM, CONF_LOW },
	{ "xmrig", NULL, NULL, 0, { STR("category", "MALWARE") }, 1, false,
	    CAT_MINING, SEV_MEDIUM, CONF_LOW },
	{ "xmrig", NULL, NULL, 0, { INT("category", 3) }, 1, false,
	    CAT_MINING, SEV_MEDIUM, CONF_LOW },
	{ "x", NULL, NULL, 0, { STR("category", "data theft") }, 1, false,
	    CAT_DATA_THEFT, SEV_MEDIUM, CONF_LOW },
	{ "x", NULL, NULL, 0, { STR("category", "exposure") }, 1, false,
	    CAT_EXPOSURE, SEV_MEDIUM, CONF_LOW },
};

static void
test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct rate_case *c = &cases[i];
		struct yara_desc d = { c->rule, c->ns, c->tags, c->ntags,
			c->meta, c->nmeta, c->builtin };

		if (strcmp(yara_category(&d), c->cat) != 0)
			fail_msg("%s: category %s, want %s", c->rule,
			    yara_category(&d), c->cat);
		if (yara_severity(&d) != c->sev)
			fail_msg("%s (case %zu): severity %s, want %s", c->rule,
			    i, severity_name(yara_severity(&d)),
			    severity_name(c->sev));
		if (yara_confidence(&d) != c->conf)
			fail_msg("%s (case %zu): confidence %s, want %s",
			    c->rule, i, confidence_name(yara_confidence(&d)),
			    confidence_name(c->conf));
	}
}

/* The keyword table on names alone: word edges, camel case, priority. */
static void
test_keywords(void **state)
{
	static const struct { const char *name, *cat; } kw[] = {
		{ "CoinMiner", CAT_MINING },
		{ "h2miner", CAT_MINING },
		{ "PUA_LNX_XMRIG_CryptoMiner", CAT_MINING },
		{ "examiner_tool", CAT_INITIAL_ACCESS },   /* not a miner */
		{ "determiner", CAT_INITIAL_ACCESS },
		{ "xmrdrop", CAT_MINING },                  /* before dropper */
		{ "randomx", CAT_MINING },
		{ "randomxyz", CAT_INITIAL_ACCESS },
		{ "RansomLoader", CAT_RANSOMWARE_PREP },
		{ "ReverseShell_py", CAT_ACCESS_RESALE },
		{ "reverse-shell", CAT_ACCESS_RESALE },
		{ "reverse shell", CAT_ACCESS_RESALE },
		{ "IRCBot", CAT_ABUSE },
		{ "circle", CAT_INITIAL_ACCESS },           /* not irc */
		{ "acronym", CAT_INITIAL_ACCESS },          /* not cron */
		{ "cron_d_user", CAT_PERSISTENCE },
		{ "Mirai_Worm", CAT_ABUSE },                /* abuse first */
		{ "ssh_worm", CAT_LATERAL_MOVEMENT },
		{ "linux_process_hider", CAT_EVASION },
		{ "unhide_myself", CAT_INITIAL_ACCESS },   /* no word edge */
		{ "LogCleaner", CAT_EVASION },
		{ "php_webshell", CAT_PERSISTENCE },
		{ "SSHBackdoor", CAT_PERSISTENCE },
		{ "frp_client", CAT_ACCESS_RESALE },
		{ "frpc", CAT_INITIAL_ACCESS },
		{ "socks5_proxy", CAT_ACCESS_RESALE },
		{ "Generic_Downloader", CAT_INITIAL_ACCESS },
		{ "", CAT_INITIAL_ACCESS },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++) {
		struct yara_desc d = { .rule = kw[i].name };

		if (strcmp(yara_category(&d), kw[i].cat) != 0)
			fail_msg("%s: %s, want %s", kw[i].name,
			    yara_category(&d), kw[i].cat);
	}
}

/* Nothing at all, NULL strings in the arrays, a huge description. */
static void
test_hostile(void **state)
{
	static const char *const tags[] = { NULL, "", "high" };
	struct yara_meta m[3] = {
		{ NULL, YM_STR, "x", 0 },
		{ "description", YM_STR, NULL, 0 },
		{ "severity", YM_STR, NULL, 0 },
	};
	struct yara_desc d = { 0 };
	char *big = xmalloc(1 << 20);

	(void)state;
	assert_string_equal(yara_category(&d), CAT_INITIAL_ACCESS);
	assert_int_equal(yara_severity(&d), SEV_MEDIUM);
	assert_int_equal(yara_confidence(&d), CONF_LOW);
	assert_int_equal(yara_severity_source(&d), 5);
	d.tags = tags;
	d.ntags = 3;
	d.meta = m;
	d.nmeta = 3;
	assert_int_equal(yara_severity(&d), SEV_HIGH);
	assert_int_equal(yara_severity_source(&d), 3);
	assert_string_equal(yara_category(&d), CAT_INITIAL_ACCESS);
	/* only the first YARA_TEXT_MAX bytes are searched */
	memset(big, 'a', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	memcpy(big + 10, " miner ", 7);
	memcpy(big + YARA_TEXT_MAX + 10, " rootkit ", 9);
	m[1].s = big;
	assert_string_equal(yara_category(&d), CAT_MINING);
	memcpy(big + 10, "aaaaaaa", 7);
	assert_string_equal(yara_category(&d), CAT_INITIAL_ACCESS);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_keywords),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
