/*
 * web_parse.c - see web_parse.h.  Every input is the attacker's: bounded
 * by its length, never NUL-terminated, copied only into fixed buffers.
 */
#include <string.h>
#include <strings.h>

#include "web_parse.h"

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool
alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static bool
space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	    c == '\v';
}

/* Case-insensitive search of needle (lower case) in h[0..n); the offset or
 * (size_t)-1. */
static size_t
find_ci(const char *h, size_t n, const char *needle, size_t from)
{
	size_t m = strlen(needle);

	if (m == 0 || n < m)
		return (size_t)-1;
	for (size_t i = from; i + m <= n; i++) {
		size_t k = 0;

		if (lc((unsigned char)h[i]) != needle[0])
			continue;
		while (k < m && lc((unsigned char)h[i + k]) == needle[k])
			k++;
		if (k == m)
			return i;
	}
	return (size_t)-1;
}

static bool
has_ci(const char *h, size_t n, const char *needle)
{
	return find_ci(h, n, needle, 0) != (size_t)-1;
}

/* needle as a word: the bytes around it are not letters or digits. */
static bool
has_word(const char *h, size_t n, const char *needle)
{
	size_t m = strlen(needle), at = 0;

	while ((at = find_ci(h, n, needle, at)) != (size_t)-1) {
		if ((at == 0 || !alnum((unsigned char)h[at - 1])) &&
		    (at + m == n || !alnum((unsigned char)h[at + m])))
			return true;
		at++;
	}
	return false;
}

static void
copy_n(char *dst, size_t cap, const char *src, size_t n)
{
	if (cap == 0)
		return;
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* ---- web server configuration ---------------------------------------- */

static bool
good_root(const char *p, size_t n)
{
	if (n < 2 || p[0] != '/' || n >= WEBP_PATH)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c < 0x20 || c >= 0x7f || c == '$' || c == '\\' || c == '"' ||
		    c == '\'')
			return false;
		if (c == '.' && i + 1 < n && p[i + 1] == '.' &&
		    p[i - 1] == '/' && (i + 2 == n || p[i + 2] == '/'))
			return false;
	}
	return true;
}

static size_t
store_root(const char *p, size_t n, char (*out)[WEBP_PATH], size_t k,
	   size_t max)
{
	while (n > 1 && p[n - 1] == '/')
		n--;
	if (k >= max || !good_root(p, n))
		return k;
	for (size_t i = 0; i < k; i++)
		if (strlen(out[i]) == n && memcmp(out[i], p, n) == 0)
			return k;
	copy_n(out[k], WEBP_PATH, p, n);
	return k + 1;
}

/* The value after a directive at p: quoted, or up to a space, ';' or '}'.
 * *vn gets its length; returns its start or NULL. */
static const char *
conf_value(const char *p, const char *end, size_t *vn)
{
	const char *v;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end)
		return NULL;
	if (*p == '"' || *p == '\'') {
		char q = *p++;

		v = p;
		while (p < end && *p != q && *p != '\n')
			p++;
		if (p >= end || *p != q)
			return NULL;
		*vn = (size_t)(p - v);
		return v;
	}
	v = p;
	while (p < end && !space((unsigned char)*p) && *p != ';' && *p != '}' &&
	    *p != '{' && *p != '#')
		p++;
	*vn = (size_t)(p - v);
	return *vn ? v : NULL;
}

size_t
webparse_conf_roots(const char *text, size_t n, bool apache,
		    char (*out)[WEBP_PATH], size_t max)
{
	const char *p = text, *end = text + n;
	const char *kw = apache ? "documentroot" : "root";
	size_t kl = strlen(kw), k = 0;
	bool tok_start = true;

	while (p < end) {
		unsigned char c = (unsigned char)*p;

		if (c == '#') {            /* a comment runs to the line end */
			while (p < end && *p != '\n')
				p++;
			tok_start = true;
			continue;
		}
		if (c == '"' || c == '\'') {   /* skip a quoted string */
			const char *q = memchr(p + 1, c, (size_t)(end - p - 1));

			p = q ? q + 1 : end;
			tok_start = false;
			continue;
		}
		if (space(c) || (!apache && (c == ';' || c == '{' ||
		    c == '}'))) {
			p++;
			tok_start = true;
			continue;
		}
		if (tok_start && (size_t)(end - p) > kl &&
		    find_ci(p, kl, kw, 0) == 0 &&
		    (p[kl] == ' ' || p[kl] == '\t')) {
			size_t vn = 0;
			const char *v = conf_value(p + kl, end, &vn);

			if (v)
				k = store_root(v, vn, out, k, max);
			p += kl;
			tok_start = false;
			continue;
		}
		/* the rest of a word (at least one byte: in Apache files
		 * ';', '{' and '}' are word bytes) */
		p++;
		while (p < end && !space((unsigned char)*p) && *p != ';' &&
		    *p != '{' && *p != '}' && *p != '#' && *p != '"' &&
		    *p != '\'')
			p++;
		tok_start = false;
	}
	return k;
}

/* ---- phishing kits ------------------------------------------------------ */

/* Brands and login lures of phishing kits, lower case, matched as words. */
static const char *const brands[] = {
	"office365", "office 365", "microsoft", "outlook", "onedrive",
	"sharepoint", "paypal", "apple id", "icloud", "netflix", "chase",
	"wellsfargo", "wells fargo", "bankofamerica", "bank of america",
	"dhl", "docusign", "webmail", "roundcube", "amazon", "adobe",
	"wetransfer", "dropbox", "coinbase", "binance", "metamask", "gmail",
	"yahoo", "aol", "citibank", "hsbc", "santander", "barclays", "fedex",
	"ups", "usps", "instagram", "facebook", "linkedin", "steam", NULL,
};

/* Words kits and kit archives are named with. */
static const char *const kitwords[] = {
	"scama", "scampage", "kit", "phish", "spox", "truelogin", NULL,
};

void
webparse_kit(const char *t, size_t n, struct kit_score *k)
{
	size_t at;

	memset(k, 0, sizeof(*k));
	if (has_ci(t, n, "type=\"password\"") ||
	    has_ci(t, n, "type='password'") ||
	    has_word(t, n, "type=password") ||
	    has_ci(t, n, "type=\\\"password\\\""))
		k->bits |= KIT_PASSWORD;
	for (int i = 0; brands[i]; i++)
		if (has_word(t, n, brands[i])) {
			k->bits |= KIT_LURE;
			copy_n(k->brand, sizeof(k->brand), brands[i],
			    strlen(brands[i]));
			break;
		}
	/* PHP's mail(), not wp_mail( or $m->mail( */
	at = 0;
	while ((at = find_ci(t, n, "mail(", at)) != (size_t)-1) {
		unsigned char b = at ? (unsigned char)t[at - 1] : ' ';

		if (!alnum(b) && b != '_' && b != '>' && b != ':' && b != '$') {
			k->bits |= KIT_MAIL;
			break;
		}
		at++;
	}
	if (has_ci(t, n, "api.telegram.org/bot"))
		k->bits |= KIT_TELEGRAM;
	if (has_ci(t, n, "discord.com/api/webhooks") ||
	    has_ci(t, n, "discordapp.com/api/webhooks"))
		k->bits |= KIT_DISCORD;
	/* fopen("x.txt", "a") and file_put_contents("x.txt", .., FILE_APPEND) */
	at = 0;
	while ((at = find_ci(t, n, "fopen(", at)) != (size_t)-1) {
		size_t e = at + 6, lim = at + 200 < n ? at + 200 : n;

		while (e < lim && t[e] != ';' && t[e] != '\n')
			e++;
		if (has_ci(t + at, e - at, ".txt") &&
		    (has_ci(t + at, e - at, "\"a\"") ||
		    has_ci(t + at, e - at, "'a'") ||
		    has_ci(t + at, e - at, "\"a+\"") ||
		    has_ci(t + at, e - at, "'a+'"))) {
			k->bits |= KIT_TXT_DROP;
			break;
		}
		at = e;
	}
	at = 0;
	while (!(k->bits & KIT_TXT_DROP) &&
	    (at = find_ci(t, n, "file_put_contents(", at)) != (size_t)-1) {
		size_t e = at + 18, lim = at + 300 < n ? at + 300 : n;

		while (e < lim && t[e] != ';')
			e++;
		if (has_ci(t + at, e - at, ".txt") &&
		    has_ci(t + at, e - at, "file_append"))
			k->bits |= KIT_TXT_DROP;
		at = e;
	}
	if (has_ci(t, n, "remote_addr") || has_ci(t, n, "http_user_agent"))
		k->bits |= KIT_VISITOR;
}

/* Words a kit's directory or archive adds to the brand: "paypal-login",
 * "office365_secure", "chase-verify". */
static const char *const kitsuffix[] = {
	"", "login", "signin", "logon", "verify", "verification", "secure",
	"security", "update", "account", "accounts", "online", "auth", "web",
	"mail", "365", "id", "support", "portal", "doc", "docs", "file",
	"files", "new", "v2", "v3", NULL,
};

const char *
webparse_brand_name(const char *name, bool kw)
{
	char l[128];
	size_t k = 0, n;

	/* letters and digits only, lower case, up to the archive extension */
	for (const char *p = name; *p && k + 1 < sizeof(l); p++) {
		if (*p == '.' && (strncasecmp(p, ".zip", 4) == 0 ||
		    strncasecmp(p, ".tar", 4) == 0 || strncasecmp(p, ".tgz", 4) == 0 ||
		    strncasecmp(p, ".rar", 4) == 0 || strncasecmp(p, ".7z", 3) == 0))
			break;
		if (alnum((unsigned char)*p))
			l[k++] = (char)lc((unsigned char)*p);
	}
	l[k] = '\0';
	n = k;
	if (n == 0)
		return NULL;
	for (int i = 0; brands[i]; i++) {
		char b[32];
		size_t bn = 0;

		for (const char *p = brands[i]; *p && bn + 1 < sizeof(b); p++)
			if (*p != ' ')
				b[bn++] = *p;
		b[bn] = '\0';
		if (bn < 4 || n < bn || memcmp(l, b, bn) != 0)
			continue;  /* "ups", "aol": too short for names */
		for (int s = 0; kitsuffix[s]; s++)
			if (strcmp(l + bn, kitsuffix[s]) == 0)
				return brands[i];
		if (strspn(l + bn, "0123456789") == n - bn)
			return brands[i];  /* "paypal2024" */
	}
	if (kw)
		for (int i = 0; kitwords[i]; i++)
			if (has_word(name, strlen(name), kitwords[i]) ||
			    strstr(l, kitwords[i]) == l)
				return kitwords[i];
	return NULL;
}

/* ---- credential drop files ----------------------------------------------- */

enum label { LAB_NONE, LAB_USER, LAB_PASS, LAB_IP };

/* "Email: x", "[+] Password : y", "IP=1.2.3.4": the label of a line whose
 * value is not empty. */
static enum label
line_label(const char *p, size_t n)
{
	static const struct { const char *w; enum label l; } tab[] = {
		{ "email", LAB_USER }, { "e-mail", LAB_USER },
		{ "email address", LAB_USER }, { "user", LAB_USER },
		{ "username", LAB_USER }, { "user name", LAB_USER },
		{ "login", LAB_USER }, { "userid", LAB_USER },
		{ "user id", LAB_USER }, { "apple id", LAB_USER },
		{ "password", LAB_PASS }, { "pass", LAB_PASS },
		{ "passwd", LAB_PASS }, { "pwd", LAB_PASS },
		{ "passcode", LAB_PASS }, { "ip", LAB_IP },
		{ "ip address", LAB_IP }, { "client ip", LAB_IP },
	};
	char w[24];
	size_t i = 0, wn = 0;

	while (i < n && i < 8 && !alnum((unsigned char)p[i]))
		i++;
	while (i < n && wn < sizeof(w) - 1 && (alnum((unsigned char)p[i]) ||
	    p[i] == ' ' || p[i] == '-'))
		w[wn++] = (char)lc((unsigned char)p[i++]);
	while (wn && w[wn - 1] == ' ')
		wn--;
	w[wn] = '\0';
	while (i < n && p[i] == ' ')
		i++;
	if (i >= n || (p[i] != ':' && p[i] != '='))
		return LAB_NONE;
	i++;
	while (i < n && space((unsigned char)p[i]))
		i++;
	if (i >= n)
		return LAB_NONE;
	for (size_t k = 0; k < sizeof(tab) / sizeof(tab[0]); k++)
		if (strcmp(w, tab[k].w) == 0)
			return tab[k].l;
	return LAB_NONE;
}

/* "user@host.tld<sep>secret" with sep one of : | ; tab, as the line's
 * first token. */
static bool
email_pair(const char *p, size_t n)
{
	size_t i = 0, at = (size_t)-1;
	bool dot = false;

	while (i < n && p[i] != ':' && p[i] != '|' && p[i] != ';' &&
	    p[i] != '\t') {
		if (space((unsigned char)p[i]) || (unsigned char)p[i] < 0x20)
			return false;
		if (p[i] == '@')
			at = i;
		else if (p[i] == '.' && at != (size_t)-1 && i > at + 1)
			dot = true;
		i++;
	}
	if (at == (size_t)-1 || at == 0 || !dot || i >= n)
		return false;
	i++;
	return i < n && !space((unsigned char)p[i]);
}

/* "name|secret" or "name|secret|ip|agent": 2-4 non-empty fields, the first
 * one word. */
static bool
pipe_pair(const char *p, size_t n)
{
	size_t fields = 1, flen = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '|') {
			if (flen == 0)
				return false;
			fields++;
			flen = 0;
			continue;
		}
		if (fields == 1 && space((unsigned char)p[i]))
			return false;
		if (++flen > 128)
			return false;
	}
	return flen > 0 && fields >= 2 && fields <= 4;
}

void
webparse_drop(const char *text, size_t n, struct drop_stats *d)
{
	const char *p = text, *end = text + n;

	memset(d, 0, sizeof(*d));
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t ln;

		if (e == NULL)
			e = end;
		ln = (size_t)(e - p);
		while (ln && (p[ln - 1] == '\r' || p[ln - 1] == ' '))
			ln--;
		if (ln) {
			enum label l = line_label(p, ln);

			d->lines++;
			if (l == LAB_USER)
				d->label_user++;
			else if (l == LAB_PASS)
				d->label_pass++;
			else if (l == LAB_IP)
				d->label_ip++;
			else if (email_pair(p, ln))
				d->email_pass++;
			else if (pipe_pair(p, ln))
				d->pipe_pairs++;
		}
		p = e + 1;
	}
}

bool
webparse_drop_verdict(const struct drop_stats *d, uint32_t *creds)
{
	bool labels = d->label_pass >= 1 && d->label_user >= 1 &&
	    (d->label_ip >= 1 || d->label_pass >= 2);
	bool pairs = d->email_pass >= 1 &&
	    (uint64_t)d->email_pass * 2 >= d->lines;
	bool pipes = d->pipe_pairs >= 10 &&
	    (uint64_t)d->pipe_pairs * 2 >= d->lines;

	*creds = (labels ? d->label_pass : 0) + (pairs ? d->email_pass : 0) +
	    (pipes ? d->pipe_pairs : 0);
	return labels || pairs || pipes;
}

/* ---- rclone.conf ------------------------------------------------------- */

static bool
printable(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || (unsigned char)p[i] >= 0x7f)
			return false;
	return true;
}

static void
trim(const char **p, size_t *n)
{
	while (*n && space((unsigned char)**p)) {
		(*p)++;
		(*n)--;
	}
	while (*n && space((unsigned char)(*p)[*n - 1]))
		(*n)--;
}

size_t
webparse_rclone(const char *text, size_t n, struct rclone_remote *out,
		size_t max)
{
	const char *p = text, *end = text + n;
	const char *sec = NULL;
	size_t secn = 0, k = 0;
	uint32_t line = 0, secline = 0;
	bool typed = false;

	while (p < end && k < max) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *l = p, *eq;
		size_t ln;

		if (e == NULL)
			e = end;
		ln = (size_t)(e - p);
		p = e + 1;
		line++;
		trim(&l, &ln);
		if (ln == 0 || l[0] == '#' || l[0] == ';')
			continue;
		if (l[0] == '[') {
			sec = NULL;
			typed = false;
			if (ln >= 3 && l[ln - 1] == ']') {
				const char *s = l + 1;
				size_t sn = ln - 2;

				trim(&s, &sn);
				if (sn && sn < WEBP_NAME && printable(s, sn)) {
					sec = s;
					secn = sn;
					secline = line;
				}
			}
			continue;
		}
		eq = memchr(l, '=', ln);
		if (sec == NULL || typed || eq == NULL)
			continue;
		{
			const char *key = l, *v = eq + 1;
			size_t kn = (size_t)(eq - l), vn = ln - kn - 1;

			trim(&key, &kn);
			trim(&v, &vn);
			if (kn != 4 || memcmp(key, "type", 4) != 0 || vn == 0 ||
			    vn >= WEBP_NAME || !printable(v, vn))
				continue;
			copy_n(out[k].name, WEBP_NAME, sec, secn);
			copy_n(out[k].type, WEBP_NAME, v, vn);
			out[k].line = secline;
			k++;
			typed = true;
		}
	}
	return k;
}

bool
webparse_rclone_offsite(const char *type)
{
	static const char *const off[] = {
		"s3", "mega", "drive", "dropbox", "ftp", "sftp", "webdav", "b2",
		"box", "onedrive", "pcloud", "swift", "azureblob", "azurefiles",
		"google cloud storage", "gcs", "putio", "yandex", "koofr",
		"jottacloud", "opendrive", "mailru", "pikpak", "seafile",
		"sharefile", "sugarsync", "storj", "tardigrade", "filefabric",
		"hidrive", "fichier", "internetarchive", "zoho", "protondrive",
		"quatrix", "smb", "hdfs", "premiumizeme", "uptobox", "netstorage",
		"qingstor", "oracleobjectstorage", "linkbox", "filelu", NULL,
	};

	for (int i = 0; off[i]; i++)
		if (strcmp(type, off[i]) == 0)
			return true;
	return false;
}

/* ---- ransomware ------------------------------------------------------- */

static void
lower_name(const char *name, char *out, size_t cap)
{
	size_t i = 0;

	for (; name[i] && i + 1 < cap; i++)
		out[i] = (char)lc((unsigned char)name[i]);
	out[i] = '\0';
}

bool
webparse_note_name(const char *name)
{
	static const char *const prefix[] = {
		"readme_for_decrypt", "how_to_decrypt", "how-to-decrypt",
		"how to decrypt", "how_to_recover", "how-to-recover",
		"how_to_restore", "how-to-restore", "restore_files",
		"restore-files", "restore-my-files", "restore_my_files",
		"decrypt-files", "decrypt_files", "decrypt_instruction",
		"decrypt-instruction", "decrypt_readme", "help_decrypt",
		"help_restore", "read_me_to_decrypt", "your_files_are_encrypted",
		"!!!read", "!!!_read", "!read_me", "#decrypt", "_help_instruction",
		"readme-warning", "recovery_instructions", NULL,
	};
	static const char *const exact[] = {
		"_readme.txt", "readme.locked", "!!!readme!!!.txt", NULL,
	};
	char l[256];

	lower_name(name, l, sizeof(l));
	for (int i = 0; exact[i]; i++)
		if (strcmp(l, exact[i]) == 0)
			return true;
	for (int i = 0; prefix[i]; i++)
		if (strncmp(l, prefix[i], strlen(prefix[i])) == 0)
			return true;
	if (strstr(l, "recover") && strstr(l, "files"))
		return true;
	if (strstr(l, "decrypt") && (strstr(l, "readme") ||
	    strstr(l, "read_me") || strstr(l, "how") ||
	    strstr(l, "instruction")))
		return true;
	return false;
}

unsigned
webparse_note_text(const char *t, size_t n)
{
	unsigned w = 0;

	if (has_ci(t, n, "decrypt"))
		w |= NOTE_DECRYPT;
	if (has_ci(t, n, "your files") || has_ci(t, n, "been encrypted") ||
	    has_ci(t, n, "files are encrypted") ||
	    has_ci(t, n, "your data"))
		w |= NOTE_YOURFILES;
	if (has_ci(t, n, "bitcoin") || has_word(t, n, "btc"))
		w |= NOTE_BTC;
	if (has_ci(t, n, "monero") || has_word(t, n, "xmr"))
		w |= NOTE_XMR;
	if (has_ci(t, n, ".onion"))
		w |= NOTE_ONION;
	if (has_ci(t, n, "@protonmail") || has_ci(t, n, "@onionmail") ||
	    has_ci(t, n, "@tutanota") || has_word(t, n, "tox id") ||
	    has_word(t, n, "jabber"))
		w |= NOTE_CONTACT;
	return w;
}

const char *
webparse_ransom_ext(const char *name)
{
	static const char *const ext[] = {
		".locked", ".encrypted", ".crypt", ".crypted", ".enc",
		".crypto", ".locky", ".cerber", ".wncry", ".wcry", ".djvu",
		".encrypt", ".lockbit", ".babyk", ".royal", ".akira", ".conti",
		".ryk", ".kraken", ".pays", ".crypz", ".zepto", ".odin", ".cry",
		".enc1", ".payme", ".hydra", ".mallox", ".blackcat", NULL,
	};
	char l[256];
	size_t n;

	lower_name(name, l, sizeof(l));
	n = strlen(l);
	for (int i = 0; ext[i]; i++) {
		size_t m = strlen(ext[i]);

		/* ransomware appends to the name, keeping the original
		 * extension: "report.pdf.locked"; "cp1251.enc" (Tcl's encoding
		 * tables) or ".locked" alone is not one */
		if (n > m && strcmp(l + n - m, ext[i]) == 0) {
			const char *dot = memchr(l, '.', n - m);

			if (dot && dot > l && dot + 1 < l + n - m)
				return ext[i];
			return NULL;
		}
	}
	return NULL;
}

/* ---- archives and database dumps ----------------------------------------- */

enum data_magic
webparse_magic(const uint8_t *b, size_t n)
{
	size_t head = n < 4096 ? n : 4096;

	if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return MAG_GZIP;
	if (n >= 4 && memcmp(b, "PK\3\4", 4) == 0)
		return MAG_ZIP;
	if (n >= 6 && memcmp(b, "7z\xbc\xaf\x27\x1c", 6) == 0)
		return MAG_7Z;
	if (n >= 6 && memcmp(b, "\xfd" "7zXZ\0", 6) == 0)
		return MAG_XZ;
	if (n >= 4 && memcmp(b, "\x28\xb5\x2f\xfd", 4) == 0)
		return MAG_ZSTD;
	if (n >= 4 && memcmp(b, "BZh", 3) == 0 && b[3] >= '1' && b[3] <= '9')
		return MAG_BZIP2;
	if (n >= 6 && memcmp(b, "Rar!\x1a\x07", 6) == 0)
		return MAG_RAR;
	if (n >= 262 && memcmp(b + 257, "ustar", 5) == 0)
		return MAG_TAR;
	if (n >= 5 && memcmp(b, "PGDMP", 5) == 0)
		return MAG_PGDMP;
	if (n >= 16 && memcmp(b, "SQLite format 3\0", 16) == 0)
		return MAG_SQLITE;
	if (memchr(b, '\0', head))
		return MAG_NONE;  /* binary, and none of the above */
	if (has_ci((const char *)b, head, "-- mysql dump") ||
	    has_ci((const char *)b, head, "-- mariadb dump"))
		return MAG_MYSQLDUMP;
	if (has_ci((const char *)b, head, "-- postgresql database dump"))
		return MAG_PGDUMP;
	if (has_ci((const char *)b, head, "insert into") &&
	    (has_ci((const char *)b, head, "create table") ||
	    has_ci((const char *)b, head, "values")))
		return MAG_SQL;
	return MAG_NONE;
}

const char *
webparse_magic_name(enum data_magic m)
{
	static const char *const names[] = {
		"none", "gzip", "zip", "7z", "xz", "zstd", "bzip2", "tar", "rar",
		"mysqldump", "pg_dump (plain)", "pg_dump (custom)", "sqlite",
		"sql",
	};

	return (unsigned)m < sizeof(names) / sizeof(names[0]) ?
	    names[m] : "?";
}

/* ---- command lines ------------------------------------------------------- */

#define TOK_MAX 64

struct toks {
	const char *p[TOK_MAX];
	size_t n[TOK_MAX];
	size_t count;
};

/* Split at spaces (no quoting: a command line is argv joined by spaces). */
static void
split(const char *s, size_t n, struct toks *t)
{
	size_t i = 0;

	t->count = 0;
	while (i < n && t->count < TOK_MAX) {
		while (i < n && space((unsigned char)s[i]))
			i++;
		if (i >= n)
			break;
		t->p[t->count] = s + i;
		while (i < n && !space((unsigned char)s[i]))
			i++;
		t->n[t->count] = (size_t)(s + i - t->p[t->count]);
		t->count++;
	}
}

static bool
tok_is(const struct toks *t, size_t i, const char *w)
{
	return i < t->count && t->n[i] == strlen(w) &&
	    memcmp(t->p[i], w, t->n[i]) == 0;
}

static bool
tok_pre(const struct toks *t, size_t i, const char *w)
{
	size_t m = strlen(w);

	return i < t->count && t->n[i] >= m && memcmp(t->p[i], w, m) == 0;
}

/* The program of token i, without its directory. */
static bool
prog_is(const struct toks *t, size_t i, const char *name)
{
	const char *p, *e;
	size_t m = strlen(name);

	if (i >= t->count)
		return false;
	p = t->p[i];
	e = p + t->n[i];
	for (const char *q = p; q < e; q++)
		if (*q == '/')
			p = q + 1;
	return (size_t)(e - p) == m && memcmp(p, name, m) == 0;
}

/* The first program word: past sudo, nice, nohup, env, timeout N. */
static size_t
first_prog(const struct toks *t)
{
	size_t i = 0;

	while (i < t->count && (prog_is(t, i, "sudo") ||
	    prog_is(t, i, "nice") || prog_is(t, i, "nohup") ||
	    prog_is(t, i, "env") || prog_is(t, i, "ionice") ||
	    prog_is(t, i, "setsid") || t->p[i][0] == '-' ||
	    memchr(t->p[i], '=', t->n[i]) != NULL))
		i++;
	return i;
}

/* "remote:path" where remote is a name (not an absolute path, no "//") */
static bool
remote_tok(const char *p, size_t n)
{
	const char *c = memchr(p, ':', n);

	if (c == NULL || c == p || p[0] == '-' || p[0] == '/' || p[0] == '.')
		return false;
	if ((size_t)(c - p) + 2 < n && c[1] == '/' && c[2] == '/')
		return false;  /* a URL */
	for (const char *q = p; q < c; q++)
		if (!alnum((unsigned char)*q) && *q != '_' && *q != '-' &&
		    *q != '.' && *q != '@')
			return false;
	return true;
}

void
webparse_remote(char *dst, size_t cap, const char *p, size_t n)
{
	const char *at = NULL;

	for (size_t i = 0; i < n; i++)
		if (p[i] == '@')
			at = p + i;
	if (at) {
		const char *c = memchr(p, ':', (size_t)(at - p));
		size_t pre = c ? (size_t)(c - p) + 1 : 0;
		char tmp[256];
		size_t k = 0;

		if (pre >= 3 && (size_t)(at - p) > pre + 2 && p[pre] == '/' &&
		    p[pre + 1] == '/')
			pre += 2;
		for (size_t i = 0; i < pre && k + 1 < sizeof(tmp); i++)
			tmp[k++] = p[i];
		for (const char *q = at + 1; q < p + n && k + 1 < sizeof(tmp);
		    q++)
			tmp[k++] = *q;
		copy_n(dst, cap, tmp, k);
		return;
	}
	copy_n(dst, cap, p, n);
}

const char *
webparse_sync_cmd(const char *cmd, size_t n, char *remote, size_t cap)
{
	struct toks t;
	size_t i;

	if (cap)
		remote[0] = '\0';
	split(cmd, n, &t);
	i = first_prog(&t);
	if (i >= t.count)
		return NULL;
	if (prog_is(&t, i, "rclone")) {
		size_t j = i + 1, last = 0;

		/* the subcommand, past options and their values */
		while (j < t.count && !(tok_is(&t, j, "copy") ||
		    tok_is(&t, j, "sync") || tok_is(&t, j, "move") ||
		    tok_is(&t, j, "copyto") || tok_is(&t, j, "moveto") ||
		    tok_is(&t, j, "bisync")))
			j++;
		if (j >= t.count)
			return NULL;
		for (j++; j < t.count; j++)
			if (remote_tok(t.p[j], t.n[j]))
				last = j;
		if (last == 0)
			return NULL;
		webparse_remote(remote, cap, t.p[last], t.n[last]);
		return "rclone";
	}
	if (prog_is(&t, i, "restic")) {
		static const char *const schemes[] = { "sftp:", "s3:", "rest:",
			"b2:", "azure:", "gs:", "swift:", "rclone:", NULL };

		for (size_t j = i + 1; j < t.count; j++) {
			const char *v = NULL;
			size_t vn = 0;

			if ((tok_is(&t, j, "-r") || tok_is(&t, j, "--repo")) &&
			    j + 1 < t.count) {
				v = t.p[j + 1];
				vn = t.n[j + 1];
			} else if (tok_pre(&t, j, "--repo=")) {
				v = t.p[j] + 7;
				vn = t.n[j] - 7;
			}
			if (v == NULL)
				continue;
			for (int k = 0; schemes[k]; k++)
				if (vn > strlen(schemes[k]) && memcmp(v,
				    schemes[k], strlen(schemes[k])) == 0) {
					webparse_remote(remote, cap, v, vn);
					return "restic";
				}
		}
		return NULL;
	}
	if (prog_is(&t, i, "mega-put") || prog_is(&t, i, "mega-sync") ||
	    prog_is(&t, i, "mega-backup") || prog_is(&t, i, "megaput") ||
	    prog_is(&t, i, "megacopy")) {
		copy_n(remote, cap, "mega", 4);
		return "mega";
	}
	if (prog_is(&t, i, "aws") && tok_is(&t, i + 1, "s3") &&
	    (tok_is(&t, i + 2, "cp") || tok_is(&t, i + 2, "sync") ||
	    tok_is(&t, i + 2, "mv"))) {
		for (size_t j = i + 3; j < t.count; j++)
			if (tok_pre(&t, j, "s3://")) {
				webparse_remote(remote, cap, t.p[j], t.n[j]);
				return "aws s3";
			}
		return NULL;
	}
	if (prog_is(&t, i, "rsync")) {
		size_t last = 0;

		for (size_t j = i + 1; j < t.count; j++)
			if (tok_pre(&t, j, "rsync://") ||
			    remote_tok(t.p[j], t.n[j]))
				last = j;
		/* the destination is the last word */
		if (last == 0 || last != t.count - 1)
			return NULL;
		webparse_remote(remote, cap, t.p[last], t.n[last]);
		return "rsync";
	}
	return NULL;
}

const char *
webparse_encrypt_cmd(const char *cmd, size_t n)
{
	struct toks t;
	size_t i;

	split(cmd, n, &t);
	i = first_prog(&t);
	if (i >= t.count)
		return NULL;
	if (prog_is(&t, i, "openssl")) {
		if (tok_is(&t, i + 1, "enc") || tok_pre(&t, i + 1, "aes-") ||
		    tok_pre(&t, i + 1, "des") || tok_pre(&t, i + 1, "chacha"))
			return "openssl";
		return NULL;
	}
	if (prog_is(&t, i, "gpg") || prog_is(&t, i, "gpg2")) {
		for (size_t j = i + 1; j < t.count; j++)
			if (tok_is(&t, j, "-c") || tok_is(&t, j, "--symmetric"))
				return "gpg";
		return NULL;
	}
	if (prog_is(&t, i, "ccrypt") || prog_is(&t, i, "ccencrypt"))
		return "ccrypt";
	if (prog_is(&t, i, "7z") || prog_is(&t, i, "7za") ||
	    prog_is(&t, i, "7zr")) {
		bool add = false, pass = false;

		for (size_t j = i + 1; j < t.count; j++) {
			add |= tok_is(&t, j, "a");
			pass |= tok_pre(&t, j, "-p");
		}
		return add && pass ? "7z" : NULL;
	}
	if (prog_is(&t, i, "zip")) {
		for (size_t j = i + 1; j < t.count; j++)
			if (tok_is(&t, j, "-P") || tok_is(&t, j, "-e") ||
			    tok_is(&t, j, "--password") ||
			    tok_is(&t, j, "--encrypt"))
				return "zip";
	}
	return NULL;
}

/* A backup root itself or everything in it: /var/backups, /backup/ */
static bool
backup_root(const char *p, size_t n)
{
	static const char *const roots[] = {
		"/var/backups", "/var/backup", "/backup", "/backups",
		"/mnt/backup", "/mnt/backups", "/srv/backup", "/srv/backups",
		"/home/backup", "/home/backups", "/data/backup", "/data/backups",
		"/opt/backup", "/opt/backups", NULL,
	};

	while (n && (p[n - 1] == '"' || p[n - 1] == '\''))
		n--;
	if (n && (p[0] == '"' || p[0] == '\'')) {
		p++;
		n--;
	}
	if (n >= 2 && p[n - 1] == '*' && p[n - 2] == '/')
		n -= 2;
	while (n > 1 && p[n - 1] == '/')
		n--;
	for (int i = 0; roots[i]; i++)
		if (strlen(roots[i]) == n && memcmp(roots[i], p, n) == 0)
			return true;
	return false;
}

const char *
webparse_backup_kill(const char *line, size_t n)
{
	struct toks t;

	/* a comment line runs nothing */
	{
		size_t i = 0;

		while (i < n && space((unsigned char)line[i]))
			i++;
		if (i < n && line[i] == '#')
			return NULL;
	}
	split(line, n, &t);
	for (size_t i = 0; i < t.count; i++) {
		if (prog_is(&t, i, "lvremove"))
			return "removes LVM volumes (lvremove)";
		if (prog_is(&t, i, "zfs") && tok_is(&t, i + 1, "destroy")) {
			for (size_t j = i + 2; j < t.count; j++)
				if (memchr(t.p[j], '@', t.n[j]))
					return "destroys ZFS snapshots "
					    "(zfs destroy)";
		}
		if (prog_is(&t, i, "btrfs") && (tok_is(&t, i + 1, "subvolume") ||
		    tok_is(&t, i + 1, "sub")) && (tok_is(&t, i + 2, "delete") ||
		    tok_is(&t, i + 2, "del")))
			return "deletes btrfs subvolumes or snapshots";
		if (prog_is(&t, i, "aws") && tok_is(&t, i + 1, "ec2") &&
		    tok_is(&t, i + 2, "delete-snapshot"))
			return "deletes EBS snapshots (aws ec2 delete-snapshot)";
		if (prog_is(&t, i, "aws") && tok_is(&t, i + 1, "rds") &&
		    tok_pre(&t, i + 2, "delete-db-snapshot"))
			return "deletes RDS snapshots";
		if (prog_is(&t, i, "gcloud") && tok_is(&t, i + 1, "compute") &&
		    tok_is(&t, i + 2, "snapshots") &&
		    tok_is(&t, i + 3, "delete"))
			return "deletes Compute Engine snapshots";
		if (prog_is(&t, i, "az") && tok_is(&t, i + 1, "snapshot") &&
		    tok_is(&t, i + 2, "delete"))
			return "deletes Azure snapshots";
		if ((prog_is(&t, i, "vssadmin") || prog_is(&t, i, "wbadmin") ||
		    prog_is(&t, i, "vssadmin.exe") ||
		    prog_is(&t, i, "wbadmin.exe")) &&
		    tok_is(&t, i + 1, "delete"))
			return "deletes shadow copies or backup catalogues";
		if (prog_is(&t, i, "rm") || prog_is(&t, i, "shred")) {
			bool rec = prog_is(&t, i, "shred");

			for (size_t j = i + 1; j < t.count; j++) {
				const char *p = t.p[j];

				if (p[0] == ';' || p[0] == '&' || p[0] == '|')
					break;
				if (p[0] == '-') {
					rec |= tok_is(&t, j, "--recursive") ||
					    (t.n[j] > 1 && p[1] != '-' &&
					    (memchr(p, 'r',
					    t.n[j]) || memchr(p, 'R', t.n[j])));
					continue;
				}
				if (rec && backup_root(p, t.n[j]))
					return "deletes the backup directory";
			}
		}
	}
	return NULL;
}

/* ---- paths ------------------------------------------------------------- */

bool
webparse_backup_path(const char *path)
{
	return has_ci(path, strlen(path), "backup") ||
	    has_ci(path, strlen(path), "/bak/") ||
	    strncmp(path, "/var/lib/mysql-files/", 21) == 0;
}
