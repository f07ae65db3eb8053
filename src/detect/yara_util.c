/* yara_util.c - category, severity and confidence of a YARA match (see
 * yara_util.h). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detector.h"
#include "yara_util.h"

/* ---- meta ---------------------------------------------------------------- */

static const struct yara_meta *
meta(const struct yara_desc *d, const char *key)
{
	for (size_t i = 0; d->meta && i < d->nmeta; i++)
		if (d->meta[i].key && strcasecmp(d->meta[i].key, key) == 0)
			return &d->meta[i];
	return NULL;
}

static const char *
meta_str(const struct yara_desc *d, const char *key)
{
	const struct yara_meta *m = meta(d, key);

	return m && m->type == YM_STR && m->s ? m->s : NULL;
}

/* An integer meta value, or a string of one (" 75 "); false otherwise. */
static bool
meta_int(const struct yara_desc *d, const char *key, int64_t *v)
{
	const struct yara_meta *m = meta(d, key);
	const char *s;
	char *end;
	long long x;

	if (m == NULL)
		return false;
	if (m->type == YM_INT) {
		*v = m->i;
		return true;
	}
	if (m->type != YM_STR || m->s == NULL)
		return false;
	s = m->s;
	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s) && *s != '-' && *s != '+')
		return false;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (end == s || errno == ERANGE)
		return false;
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0')
		return false;
	*v = x;
	return true;
}

/* ---- severity ------------------------------------------------------------ */

static int
level_name(const char *s)
{
	static const char *const names[] = {
		"info", "low", "medium", "high", "critical",
	};

	if (s == NULL)
		return -1;
	for (int i = 0; i < 5; i++)
		if (strcasecmp(s, names[i]) == 0)
			return i;
	return -1;
}

/* Thresholds of a numeric meta: the lowest value of high, medium, low. */
struct scale {
	const char *key;
	int64_t high, medium, low;
};

static const struct scale scales[] = {
	{ "score", 75, 60, 40 },           /* signature-base, THOR */
	{ "threat_level", 7, 3, 1 },       /* Yara-Rules */
};

static int
scaled(const struct yara_desc *d, const struct scale *sc)
{
	int64_t v;

	if (!meta_int(d, sc->key, &v))
		return -1;
	if (v >= sc->high)
		return SEV_HIGH;
	if (v >= sc->medium)
		return SEV_MEDIUM;
	if (v >= sc->low)
		return SEV_LOW;
	return SEV_INFO;
}

static int
rate(const struct yara_desc *d, int *source)
{
	int s;

	if ((s = level_name(meta_str(d, "severity"))) >= 0) {
		*source = 1;
		return s;
	}
	if ((s = scaled(d, &scales[0])) >= 0) {
		*source = 2;
		return s;
	}
	for (size_t i = 0; d->tags && i < d->ntags; i++) {
		if (d->tags[i] == NULL)
			continue;
		s = level_name(d->tags[i]);
		if (s < 0 && strcasecmp(d->tags[i], "override") == 0)
			s = SEV_INFO;
		if (s >= 0) {
			*source = 3;
			return s;
		}
	}
	if ((s = scaled(d, &scales[1])) >= 0) {
		*source = 4;
		return s;
	}
	*source = 5;
	return SEV_MEDIUM;
}

enum severity
yara_severity(const struct yara_desc *d)
{
	int src;

	return (enum severity)rate(d, &src);
}

int
yara_severity_source(const struct yara_desc *d)
{
	int src;

	(void)rate(d, &src);
	return src;
}

enum confidence
yara_confidence(const struct yara_desc *d)
{
	const char *c = meta_str(d, "confidence");

	if (d->builtin)
		return CONF_HIGH;
	if (c) {
		if (strcasecmp(c, "high") == 0)
			return CONF_HIGH;
		if (strcasecmp(c, "medium") == 0)
			return CONF_MEDIUM;
		if (strcasecmp(c, "low") == 0)
			return CONF_LOW;
	}
	return yara_severity_source(d) == 5 ? CONF_LOW : CONF_MEDIUM;
}

/* ---- category ------------------------------------------------------------ */

static const char *const stages[] = {
	CAT_EXPOSURE, CAT_INITIAL_ACCESS, CAT_MINING, CAT_EVASION, CAT_ROOTKIT,
	CAT_PERSISTENCE, CAT_CREDENTIAL_THEFT, CAT_LATERAL_MOVEMENT,
	CAT_ACCESS_RESALE, CAT_ABUSE, CAT_DATA_THEFT, CAT_RANSOMWARE_PREP,
};

/* meta category naming a stage ("Credential_Theft" too), or NULL */
static const char *
stage_named(const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	for (size_t i = 0; i < sizeof(stages) / sizeof(stages[0]); i++) {
		const char *t = stages[i];
		size_t k = 0;

		if (strlen(t) != n)
			continue;
		while (k < n) {
			char c = (char)tolower((unsigned char)s[k]);

			if (c == '_' || c == ' ')
				c = '-';
			if (c != t[k])
				break;
			k++;
		}
		if (k == n)
			return t;
	}
	return NULL;
}

enum kw_mode {
	KW_PART,        /* anywhere */
	KW_START,       /* at the start of a word */
	KW_WORD,        /* a whole word */
};

struct kw {
	const char *word;          /* lower case; ' ' matches separators */
	enum kw_mode mode;
	const char *cat;
};

/*
 * In priority order: the first one found wins.  The most specific stages
 * come first (a miner dropper is mining, a rootkit's backdoor a rootkit),
 * the generic "how it got here" words last.  Word lists from reading
 * signature-base, malcontent and Yara-Rules (docs/YARA.md).
 */
static const struct kw keywords[] = {
	/* ransomware-prep */
	{ "ransom", KW_PART, CAT_RANSOMWARE_PREP },
	{ "encryptor", KW_START, CAT_RANSOMWARE_PREP },
	/* mining */
	{ "miner", KW_START, CAT_MINING },            /* CoinMiner, h2miner */
	{ "mining", KW_START, CAT_MINING },
	{ "coinminer", KW_PART, CAT_MINING },
	{ "cryptominer", KW_PART, CAT_MINING },
	{ "cryptojack", KW_PART, CAT_MINING },
	{ "cryptonight", KW_PART, CAT_MINING },
	{ "xmr", KW_START, CAT_MINING },              /* xmrig, xmrdrop */
	{ "monero", KW_START, CAT_MINING },
	{ "stratum", KW_START, CAT_MINING },
	{ "randomx", KW_WORD, CAT_MINING },
	{ "nicehash", KW_PART, CAT_MINING },
	{ "coinhive", KW_PART, CAT_MINING },
	{ "kinsing", KW_PART, CAT_MINING },
	/* rootkit */
	{ "rootkit", KW_PART, CAT_ROOTKIT },
	{ "azazel", KW_PART, CAT_ROOTKIT },           /* Winnti's base */
	{ "diamorphine", KW_PART, CAT_ROOTKIT },
	{ "reptile", KW_WORD, CAT_ROOTKIT },
	{ "getdents", KW_PART, CAT_ROOTKIT },
	/* credential-theft */
	{ "sshdoor", KW_PART, CAT_CREDENTIAL_THEFT }, /* trojaned sshd */
	{ "steal", KW_START, CAT_CREDENTIAL_THEFT },
	{ "credential", KW_START, CAT_CREDENTIAL_THEFT },
	{ "password", KW_START, CAT_CREDENTIAL_THEFT },
	{ "keylog", KW_START, CAT_CREDENTIAL_THEFT },
	{ "mimipenguin", KW_PART, CAT_CREDENTIAL_THEFT },
	/* access-resale */
	{ "reverse shell", KW_START, CAT_ACCESS_RESALE },
	{ "revshell", KW_START, CAT_ACCESS_RESALE },
	{ "bind shell", KW_START, CAT_ACCESS_RESALE },
	{ "backconnect", KW_START, CAT_ACCESS_RESALE },
	{ "proxy", KW_START, CAT_ACCESS_RESALE },
	{ "socks", KW_START, CAT_ACCESS_RESALE },
	{ "tunnel", KW_START, CAT_ACCESS_RESALE },
	{ "ngrok", KW_PART, CAT_ACCESS_RESALE },
	{ "frp", KW_WORD, CAT_ACCESS_RESALE },
	/* abuse: DDoS and spam bots */
	{ "ddos", KW_PART, CAT_ABUSE },
	{ "mirai", KW_PART, CAT_ABUSE },
	{ "gafgyt", KW_PART, CAT_ABUSE },
	{ "bashlite", KW_PART, CAT_ABUSE },
	{ "tsunami", KW_PART, CAT_ABUSE },
	{ "kaiten", KW_PART, CAT_ABUSE },
	{ "billgates", KW_PART, CAT_ABUSE },
	{ "elknot", KW_PART, CAT_ABUSE },
	{ "mrblack", KW_PART, CAT_ABUSE },
	{ "botnet", KW_PART, CAT_ABUSE },
	{ "moose", KW_WORD, CAT_ABUSE },              /* social-network fraud */
	{ "flood", KW_START, CAT_ABUSE },
	{ "spam", KW_START, CAT_ABUSE },
	{ "phish", KW_START, CAT_ABUSE },
	{ "irc", KW_START, CAT_ABUSE },
	/* lateral-movement */
	{ "worm", KW_START, CAT_LATERAL_MOVEMENT },
	{ "spread", KW_START, CAT_LATERAL_MOVEMENT },
	{ "propagat", KW_START, CAT_LATERAL_MOVEMENT },
	{ "lateral", KW_START, CAT_LATERAL_MOVEMENT },
	{ "scanner", KW_START, CAT_LATERAL_MOVEMENT },
	{ "brute", KW_START, CAT_LATERAL_MOVEMENT },
	/* data-theft */
	{ "exfil", KW_START, CAT_DATA_THEFT },
	/* evasion */
	{ "hide", KW_START, CAT_EVASION },            /* hider, hides */
	{ "wipe", KW_START, CAT_EVASION },
	{ "log clean", KW_START, CAT_EVASION },
	{ "clean log", KW_START, CAT_EVASION },
	{ "clear log", KW_START, CAT_EVASION },
	{ "anti av", KW_START, CAT_EVASION },
	{ "evasion", KW_START, CAT_EVASION },
	{ "evade", KW_START, CAT_EVASION },
	{ "tamper", KW_START, CAT_EVASION },
	/* persistence */
	{ "backdoor", KW_PART, CAT_PERSISTENCE },
	{ "bpfdoor", KW_PART, CAT_PERSISTENCE },
	{ "kobalos", KW_PART, CAT_PERSISTENCE },      /* Linux backdoors */
	{ "penquin", KW_PART, CAT_PERSISTENCE },
	{ "coathanger", KW_PART, CAT_PERSISTENCE },
	{ "httpsd", KW_PART, CAT_PERSISTENCE },
	{ "webshell", KW_PART, CAT_PERSISTENCE },
	{ "persist", KW_START, CAT_PERSISTENCE },
	{ "implant", KW_START, CAT_PERSISTENCE },
	{ "cron", KW_START, CAT_PERSISTENCE },
	{ "systemd", KW_PART, CAT_PERSISTENCE },
	{ "authorized keys", KW_START, CAT_PERSISTENCE },
	{ "launchd", KW_START, CAT_PERSISTENCE },
	{ "launch agent", KW_START, CAT_PERSISTENCE },
	/* initial-access */
	{ "dropper", KW_START, CAT_INITIAL_ACCESS },
	{ "downloader", KW_START, CAT_INITIAL_ACCESS },
	{ "loader", KW_START, CAT_INITIAL_ACCESS },
	{ "exploit", KW_START, CAT_INITIAL_ACCESS },
};

static bool
alnum(unsigned char c)
{
	return isalnum(c) != 0;
}

/* A word starts at s[i]: after a separator, lower->Upper, letter<->digit. */
static bool
word_edge(const char *s, size_t n, size_t i)
{
	unsigned char a, b;

	if (i == 0 || i >= n)
		return true;
	a = (unsigned char)s[i - 1];
	b = (unsigned char)s[i];
	if (!alnum(a) || !alnum(b))
		return true;
	if ((isdigit(a) != 0) != (isdigit(b) != 0))
		return true;
	return islower(a) && isupper(b);
}

/* The keyword at s[i]: the end of its match, or 0. */
static size_t
match_at(const char *s, size_t n, size_t i, const char *w)
{
	for (; *w; w++) {
		if (*w == ' ') {
			while (i < n && !alnum((unsigned char)s[i]))
				i++;
			continue;
		}
		if (i >= n || tolower((unsigned char)s[i]) != *w)
			return 0;
		i++;
	}
	return i;
}

static bool
kw_in(const char *s, const struct kw *k)
{
	size_t n;

	if (s == NULL)
		return false;
	n = strnlen(s, YARA_TEXT_MAX);
	for (size_t i = 0; i < n; i++) {
		size_t e;

		if (tolower((unsigned char)s[i]) != k->word[0])
			continue;
		if (k->mode != KW_PART && !word_edge(s, n, i))
			continue;
		e = match_at(s, n, i, k->word);
		if (e == 0)
			continue;
		if (k->mode == KW_WORD && !word_edge(s, n, e))
			continue;
		return true;
	}
	return false;
}

const char *
yara_category(const struct yara_desc *d)
{
	const char *c = stage_named(meta_str(d, "category"));
	const char *desc = meta_str(d, "description");

	if (c)
		return c;
	for (size_t k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++) {
		const struct kw *w = &keywords[k];

		for (size_t i = 0; d->tags && i < d->ntags; i++)
			if (kw_in(d->tags[i], w))
				return w->cat;
		if (kw_in(d->rule, w) || kw_in(desc, w) || kw_in(d->ns, w))
			return w->cat;
	}
	return CAT_INITIAL_ACCESS;
}
