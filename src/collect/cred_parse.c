/*
 * cred_parse.c - credential stores read for their names, never their
 * secrets (cred_parse.h).  Every input is hostile: lines and values are
 * bounded, copies are printable-only and capped, base64 decoding is
 * capped at CRED_DECODE_MAX.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../core/b64.h"
#include "cred_parse.h"
#include "proc_parse.h"
#include "ssh_parse.h"

_Static_assert(CRED_TEXT_MAX >= SSH_FP_SIZE, "an SSH fingerprint fits");

/* ---- small helpers ------------------------------------------------------ */

/* Copy n bytes of s into out as printable ASCII ('?' for others). */
static void
pcopy(char *out, size_t outsz, const char *s, size_t n)
{
	size_t i;

	if (outsz == 0)
		return;
	for (i = 0; i < n && i + 1 < outsz; i++) {
		unsigned char c = (unsigned char)s[i];

		out[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	out[i] = '\0';
}

/* Append ", " + the printable copy of s to a text field (capped). */
static void
tappend(char *t, size_t tsz, const char *s, size_t n)
{
	size_t l = strlen(t);

	if (l && l + 2 < tsz) {
		t[l++] = ',';
		t[l++] = ' ';
		t[l] = '\0';
	}
	if (l + 1 < tsz)
		pcopy(t + l, tsz - l, s, n);
}

static void
add_name(struct cred_info *o, const char *s, size_t n)
{
	o->nitems++;
	if (o->nnames < CRED_NAMES_MAX)
		pcopy(o->names[o->nnames++], CRED_NAME_LEN, s, n);
}

static void
info_reset(struct cred_info *o)
{
	memset(o, 0, sizeof(*o));
}

static const char *
trim_left(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static const char *
trim_right(const char *p, const char *e)
{
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	return e;
}

static bool
ieq(const char *s, size_t n, const char *w)
{
	size_t wl = strlen(w);

	if (n != wl)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != w[i])
			return false;
	return true;
}

static const char *
memfind(const char *h, size_t hn, const char *needle)
{
	size_t nn = strlen(needle);

	if (nn == 0 || hn < nn)
		return NULL;
	for (size_t i = 0; i + nn <= hn; i++)
		if (h[i] == needle[0] && memcmp(h + i, needle, nn) == 0)
			return h + i;
	return NULL;
}

void
credparse_key_id(const char *id, size_t n, char *out, size_t outsz)
{
	char tmp[16];

	if (n < 16) {
		snprintf(out, outsz, "(short)");
		return;
	}
	char tail[8];

	pcopy(tmp, 5, id, 4);
	pcopy(tail, 5, id + n - 4, 4);
	snprintf(out, outsz, "%s...%s", tmp, tail);
}

bool
credparse_secret_name(const char *name, size_t n)
{
	static const char *const extra[] = {
		"_KEY", "_DSN", "DATABASE_URL", "REDIS_URL", "MONGODB_URI",
		"_PWD", "_PASS",
	};

	if (n == 0 || n > 128)
		return false;
	if (ieq(name, n, "credentials_directory"))  /* systemd: a path */
		return false;
	if (n >= 3 && (memcmp(name, "LD_", 3) == 0 ||
	    (n >= 4 && memcmp(name, "HIST", 4) == 0)))
		return false;
	if (procparse_env_interesting(name, n))
		return true;
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		size_t el = strlen(extra[i]);

		if (n >= el && (extra[i][0] == '_' ?
		    memcmp(name + n - el, extra[i], el) == 0 :
		    (n == el && memcmp(name, extra[i], el) == 0)))
			return true;
	}
	return false;
}

/* ---- a tolerant JSON string finder ------------------------------------ */

/* Past the end of the JSON string starting at p (p points after the
 * opening quote); e when unterminated. */
static const char *
jstr_end(const char *p, const char *e)
{
	while (p < e && *p != '"') {
		if (*p == '\\' && p + 1 < e)
			p++;
		p++;
	}
	return p;
}

/* Find "key" : "value" from p on; value span into v and vn.  Returns the
 * position after the value, or NULL.  A key seen as a value does not
 * count: a colon must follow it. */
static const char *
jfind(const char *p, const char *e, const char *key, const char **v,
      size_t *vn)
{
	size_t kl = strlen(key);

	while (p < e) {
		const char *q = memchr(p, '"', (size_t)(e - p)), *s, *x;

		if (!q)
			return NULL;
		s = q + 1;
		x = jstr_end(s, e);
		if (x >= e)
			return NULL;
		p = x + 1;
		if ((size_t)(x - s) != kl || memcmp(s, key, kl) != 0)
			continue;
		x = p;
		while (x < e && isspace((unsigned char)*x))
			x++;
		if (x >= e || *x != ':')
			continue;
		x++;
		while (x < e && isspace((unsigned char)*x))
			x++;
		if (x < e && *x == '"') {
			const char *ve = jstr_end(x + 1, e);

			*v = x + 1;
			*vn = (size_t)(ve - (x + 1));
			return ve < e ? ve + 1 : e;
		}
		/* not a string value: report it empty */
		*v = x;
		*vn = 0;
		return x;
	}
	return NULL;
}

static bool
jhas(const char *buf, size_t len, const char *key)
{
	const char *v;
	size_t vn;

	return jfind(buf, buf + len, key, &v, &vn) != NULL;
}

static bool
jget(const char *buf, size_t len, const char *key, const char **v,
     size_t *vn)
{
	return jfind(buf, buf + len, key, v, vn) != NULL;
}

static bool
looks_json(const char *buf, size_t len)
{
	const char *p = trim_left(buf, buf + len);

	while (p < buf + len && (*p == '\n' || *p == '\r'))
		p = trim_left(p + 1, buf + len);
	return p < buf + len && (*p == '{' || *p == '[');
}

/* ---- AWS: ~/.aws/credentials and ~/.aws/config ------------------------ */

void
credparse_aws(const char *buf, size_t len, struct cred_info *o)
{
	const char *p = buf, *end = buf + len;
	char kid[32];

	info_reset(o);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s, *eq, *k, *ke, *v, *ve;

		s = trim_left(p, le);
		le = trim_right(s, le);
		p = nl ? nl + 1 : end;
		if (s >= le || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			const char *rb = memchr(s, ']', (size_t)(le - s));

			if (!rb)
				continue;
			s = trim_left(s + 1, rb);
			if ((size_t)(rb - s) > 8 && memcmp(s, "profile ", 8) == 0)
				s = trim_left(s + 8, rb);
			add_name(o, s, (size_t)(trim_right(s, rb) - s));
			o->recognised = true;
			continue;
		}
		eq = memchr(s, '=', (size_t)(le - s));
		if (!eq)
			continue;
		k = s;
		ke = trim_right(k, eq);
		v = trim_left(eq + 1, le);
		ve = le;
		if (ieq(k, (size_t)(ke - k), "aws_access_key_id")) {
			credparse_key_id(v, (size_t)(ve - v), kid, sizeof(kid));
			tappend(o->fingerprint, sizeof(o->fingerprint), kid,
			    strlen(kid));
			o->recognised = true;
		} else if (ieq(k, (size_t)(ke - k), "aws_secret_access_key")) {
			o->has_secret |= ve > v;
			o->recognised = true;
		} else if (ieq(k, (size_t)(ke - k), "aws_session_token") ||
		    ieq(k, (size_t)(ke - k), "aws_security_token")) {
			o->has_session |= ve > v;
		} else if (ieq(k, (size_t)(ke - k), "credential_process")) {
			tappend(o->detail, sizeof(o->detail),
			    "credential_process", 18);
		} else if (ieq(k, (size_t)(ke - k), "role_arn")) {
			tappend(o->detail, sizeof(o->detail), "role_arn", 8);
		} else if (ieq(k, (size_t)(ke - k), "sso_start_url") ||
		    ieq(k, (size_t)(ke - k), "sso_session")) {
			tappend(o->detail, sizeof(o->detail), "sso", 3);
		}
	}
}

/* ---- GCP: ADC, legacy credentials, service-account keys --------------- */

void
credparse_gcp(const char *buf, size_t len, struct cred_info *o)
{
	const char *v, *em;
	size_t vn, emn;

	info_reset(o);
	if (len >= 16 && memcmp(buf, "SQLite format 3", 15) == 0) {
		/* credentials.db / access_tokens.db: tokens in a database */
		o->recognised = o->has_secret = true;
		snprintf(o->detail, sizeof(o->detail), "sqlite database");
		return;
	}
	if (!looks_json(buf, len))
		return;
	if (!jget(buf, len, "type", &v, &vn))
		return;
	o->recognised = true;
	pcopy(o->detail, sizeof(o->detail), v, vn);
	if (vn == 15 && memcmp(v, "service_account", 15) == 0) {
		char id[16];

		o->has_secret = jhas(buf, len, "private_key");
		if (jget(buf, len, "private_key_id", &v, &vn))
			pcopy(id, sizeof(id), v, vn < 8 ? vn : 8);
		else
			id[0] = '\0';
		if (!jget(buf, len, "client_email", &em, &emn))
			emn = 0;
		snprintf(o->fingerprint, sizeof(o->fingerprint), "%s%s ",
		    id, id[0] ? "..." : "");
		tappend(o->fingerprint + strlen(o->fingerprint),
		    sizeof(o->fingerprint) - strlen(o->fingerprint), em, emn);
		return;
	}
	/* authorized_user (gcloud auth application-default login),
	 * external_account (workload identity federation), ... */
	o->has_secret = jhas(buf, len, "refresh_token") ||
	    jhas(buf, len, "client_secret") || jhas(buf, len, "private_key");
	if (jget(buf, len, "client_id", &v, &vn) ||
	    jget(buf, len, "audience", &v, &vn)) {
		char id[24];

		pcopy(id, sizeof(id), v, vn < 12 ? vn : 12);
		snprintf(o->fingerprint, sizeof(o->fingerprint), "client %s%s",
		    id, vn > 12 ? "..." : "");
	}
}

/* ---- Azure CLI token caches --------------------------------------------- */

void
credparse_azure(const char *buf, size_t len, struct cred_info *o)
{
	static const char *const who[] = {
		"username", "userId", "servicePrincipalId", "client_id",
	};
	static const char *const secret[] = {
		"secret", "refresh_token", "refreshToken", "accessToken",
		"access_token", "client_secret",
	};
	const char *p = buf, *e = buf + len, *v;
	size_t vn;

	info_reset(o);
	if (!looks_json(buf, len)) {
		/* msal_token_cache.bin: encrypted at rest */
		o->recognised = len > 0;
		o->has_secret = len > 0;
		snprintf(o->detail, sizeof(o->detail), "binary cache");
		return;
	}
	o->recognised = true;
	for (size_t i = 0; i < sizeof(secret) / sizeof(secret[0]); i++)
		o->has_secret |= jhas(buf, len, secret[i]);
	for (size_t i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		p = buf;
		while ((p = jfind(p, e, who[i], &v, &vn)) != NULL && vn) {
			bool dup = false;

			for (uint32_t k = 0; k < o->nnames; k++)
				if (strlen(o->names[k]) == vn &&
				    memcmp(o->names[k], v, vn) == 0)
					dup = true;
			if (!dup)
				add_name(o, v, vn);
			if (o->nitems > 64)
				break;
		}
		if (o->nnames)
			break;
	}
	for (uint32_t k = 0; k < o->nnames && k < 4; k++)
		tappend(o->fingerprint, sizeof(o->fingerprint), o->names[k],
		    strlen(o->names[k]));
}

/* ---- kubeconfig ------------------------------------------------------------ */

enum kube_sec { KS_NONE, KS_CLUSTERS, KS_USERS, KS_OTHER };

struct kube_user {
	char name[CRED_NAME_LEN];
	char how[40];
	bool named;
};

static void
kube_flush(struct cred_info *o, struct kube_user *u)
{
	char t[CRED_NAME_LEN + 48];

	if (u->how[0]) {
		o->has_secret |= strcmp(u->how, "exec") != 0 &&
		    strcmp(u->how, "auth-provider") != 0;
		snprintf(t, sizeof(t), "%s (%s)", u->named ? u->name : "?",
		    u->how);
		add_name(o, t, strlen(t));
	}
	memset(u, 0, sizeof(*u));
}

void
credparse_kubeconfig(const char *buf, size_t len, struct cred_info *o)
{
	static const char *const creds[] = {
		"token", "client-key-data", "client-key", "password",
		"exec", "auth-provider", "tokenFile",
	};
	const char *p = buf, *end = buf + len;
	enum kube_sec sec = KS_NONE;
	long item_indent = -1;
	struct kube_user u;
	char clusters[CRED_TEXT_MAX] = "";

	info_reset(o);
	memset(&u, 0, sizeof(u));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s, *k, *c;
		long ind;
		bool dash = false;

		s = trim_left(p, le);
		ind = (long)(s - p);
		le = trim_right(s, le);
		p = nl ? nl + 1 : end;
		if (s >= le || *s == '#')
			continue;
		if (ind == 0 && *s != '-') {
			if (sec == KS_USERS)
				kube_flush(o, &u);
			item_indent = -1;
			c = memchr(s, ':', (size_t)(le - s));
			if (!c)
				continue;
			if ((size_t)(c - s) == 8 && memcmp(s, "clusters", 8) == 0)
				sec = KS_CLUSTERS;
			else if ((size_t)(c - s) == 5 && memcmp(s, "users", 5) == 0)
				sec = KS_USERS;
			else
				sec = KS_OTHER;
			if ((size_t)(c - s) == 10 && memcmp(s, "apiVersion", 10) == 0)
				o->recognised = true;
			if ((size_t)(c - s) == 15 &&
			    memcmp(s, "current-context", 15) == 0) {
				const char *v = trim_left(c + 1, le);

				pcopy(o->detail, sizeof(o->detail), "context ", 8);
				tappend(o->detail + 8, sizeof(o->detail) - 8, v,
				    (size_t)(le - v));
			}
			continue;
		}
		if (sec != KS_USERS && sec != KS_CLUSTERS)
			continue;
		k = s;
		if (*k == '-') {
			dash = true;
			k = trim_left(k + 1, le);
			if (item_indent < 0)
				item_indent = ind;
			if (ind == item_indent && sec == KS_USERS)
				kube_flush(o, &u);
		}
		c = memchr(k, ':', (size_t)(le - k));
		if (!c)
			continue;
		if ((size_t)(c - k) == 4 && memcmp(k, "name", 4) == 0 &&
		    ((dash && ind == item_indent) ||
		    (!dash && ind == item_indent + 2))) {
			const char *v = trim_left(c + 1, le);

			if (v < le && (*v == '"' || *v == '\'') && le - v >= 2 &&
			    le[-1] == *v) {
				v++;
				le--;
			}
			if (sec == KS_CLUSTERS) {
				tappend(clusters, sizeof(clusters), v,
				    (size_t)(le - v));
			} else {
				pcopy(u.name, sizeof(u.name), v,
				    (size_t)(le - v));
				u.named = true;
			}
			continue;
		}
		if (sec != KS_USERS || item_indent < 0 || ind <= item_indent)
			continue;
		for (size_t i = 0; i < sizeof(creds) / sizeof(creds[0]); i++)
			if ((size_t)(c - k) == strlen(creds[i]) &&
			    memcmp(k, creds[i], (size_t)(c - k)) == 0 &&
			    !u.how[0]) {
				snprintf(u.how, sizeof(u.how), "%s", creds[i]);
				break;
			}
	}
	if (sec == KS_USERS)
		kube_flush(o, &u);
	if (o->nnames) {
		snprintf(o->fingerprint, sizeof(o->fingerprint), "users: ");
		for (uint32_t i = 0; i < o->nnames && i < 4; i++)
			tappend(o->fingerprint + 7, sizeof(o->fingerprint) - 7,
			    o->names[i], strlen(o->names[i]));
	}
	if (clusters[0]) {
		size_t l = strlen(o->fingerprint);

		snprintf(o->fingerprint + l, sizeof(o->fingerprint) - l,
		    "%sclusters: %.100s", l ? "; " : "", clusters);
		o->recognised = true;
	}
	if (o->nnames)
		o->recognised = true;
}

/* ---- Kubernetes service-account token (a JWT) ---------------------------- */

void
credparse_k8s_token(const char *buf, size_t len, struct cred_info *o)
{
	uint8_t dec[CRED_DECODE_MAX];
	const char *p = trim_left(buf, buf + len), *d1, *d2, *e = buf + len;
	const char *js, *v;
	long n;
	size_t vn;

	info_reset(o);
	while (e > p && isspace((unsigned char)e[-1]))
		e--;
	d1 = memchr(p, '.', (size_t)(e - p));
	if (!d1)
		return;
	d2 = memchr(d1 + 1, '.', (size_t)(e - d1 - 1));
	if (!d2)
		return;
	n = b64_decode(d1 + 1, (size_t)(d2 - d1 - 1), dec, sizeof(dec),
	    B64_URL | B64_LAX);
	if (n <= 0)
		return;
	js = (const char *)dec;
	if (!looks_json(js, (size_t)n))
		return;
	o->recognised = o->has_secret = true;
	snprintf(o->detail, sizeof(o->detail), "jwt");
	if (jget(js, (size_t)n, "sub", &v, &vn) && vn > 22 &&
	    memcmp(v, "system:serviceaccount:", 22) == 0) {
		const char *ns = v + 22, *c = memchr(ns, ':', vn - 22);

		if (c) {
			char a[CRED_NAME_LEN], b[CRED_NAME_LEN];

			pcopy(a, sizeof(a), ns, (size_t)(c - ns));
			pcopy(b, sizeof(b), c + 1, (size_t)(v + vn - c - 1));
			snprintf(o->fingerprint, sizeof(o->fingerprint),
			    "serviceaccount %s/%s", a, b);
			return;
		}
	}
	{
		char a[CRED_NAME_LEN] = "?", b[CRED_NAME_LEN] = "?";

		if (jget(js, (size_t)n,
		    "kubernetes.io/serviceaccount/namespace", &v, &vn) ||
		    jget(js, (size_t)n, "namespace", &v, &vn))
			pcopy(a, sizeof(a), v, vn);
		if (jget(js, (size_t)n,
		    "kubernetes.io/serviceaccount/service-account.name", &v,
		    &vn))
			pcopy(b, sizeof(b), v, vn);
		snprintf(o->fingerprint, sizeof(o->fingerprint),
		    "serviceaccount %s/%s", a, b);
	}
}

/* ---- Docker: ~/.docker/config.json ----------------------------------------- */

void
credparse_docker(const char *buf, size_t len, struct cred_info *o)
{
	const char *e = buf + len, *p, *v;
	size_t vn;

	info_reset(o);
	if (!looks_json(buf, len))
		return;
	o->recognised = true;
	if (jget(buf, len, "credsStore", &v, &vn) && vn) {
		pcopy(o->detail, sizeof(o->detail), "credential helper ", 18);
		tappend(o->detail + 18, sizeof(o->detail) - 18, v, vn);
	}
	p = jfind(buf, e, "auths", &v, &vn);
	if (!p || p >= e || *p != '{')
		return;
	p++;
	/* "registry": { ... "auth": "..." ... }, ... */
	while (p < e) {
		const char *ks, *ke, *q;
		int depth;
		bool has_auth = false;

		while (p < e && (isspace((unsigned char)*p) || *p == ','))
			p++;
		if (p >= e || *p != '"')
			return;
		ks = p + 1;
		ke = jstr_end(ks, e);
		if (ke >= e)
			return;
		p = ke + 1;
		while (p < e && (isspace((unsigned char)*p) || *p == ':'))
			p++;
		if (p >= e || *p != '{')
			return;
		/* the entry's object, strings skipped */
		q = p;
		depth = 0;
		while (q < e) {
			if (*q == '"') {
				q = jstr_end(q + 1, e);
				if (q < e)
					q++;
				continue;
			}
			if (*q == '{')
				depth++;
			else if (*q == '}' && --depth == 0)
				break;
			q++;
		}
		if ((jget(p, (size_t)(q - p), "auth", &v, &vn) && vn) ||
		    (jget(p, (size_t)(q - p), "identitytoken", &v, &vn) && vn))
			has_auth = true;
		if (has_auth) {
			o->has_secret = true;
			add_name(o, ks, (size_t)(ke - ks));
			if (o->nnames <= 4)
				tappend(o->fingerprint, sizeof(o->fingerprint),
				    ks, (size_t)(ke - ks));
		}
		if (q >= e)
			return;
		p = q + 1;
		while (p < e && isspace((unsigned char)*p))
			p++;
		if (p < e && *p == '}')
			return;
	}
}

/* ---- SSH private keys ------------------------------------------------------ */

static bool
sshbuf_str(const uint8_t **p, const uint8_t *e, const uint8_t **s,
	   uint32_t *n)
{
	uint32_t l;

	if (e - *p < 4)
		return false;
	l = (uint32_t)(*p)[0] << 24 | (uint32_t)(*p)[1] << 16 |
	    (uint32_t)(*p)[2] << 8 | (*p)[3];
	*p += 4;
	if ((size_t)(e - *p) < l)
		return false;
	*s = *p;
	*n = l;
	*p += l;
	return true;
}

static void
openssh_v1(const char *b64, size_t n, struct cred_info *o)
{
	uint8_t dec[CRED_DECODE_MAX];
	const uint8_t *p, *e, *cipher, *kdf, *kdfo, *pub, *kt, *cur;
	uint32_t cn, kn, kon, pn, ktn, nkeys;
	/* the public key comes first: a long key decodes in part */
	long dl = b64_decode(b64, n, dec, sizeof(dec),
	    B64_URL | B64_LAX | B64_TRUNCATE);

	if (dl < 15 || memcmp(dec, "openssh-key-v1", 15) != 0)
		return;
	p = dec + 15;
	e = dec + dl;
	if (!sshbuf_str(&p, e, &cipher, &cn) || !sshbuf_str(&p, e, &kdf, &kn) ||
	    !sshbuf_str(&p, e, &kdfo, &kon) || e - p < 4)
		return;
	nkeys = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
	p += 4;
	o->recognised = true;
	o->has_secret = true;
	o->encrypted = !(cn == 4 && memcmp(cipher, "none", 4) == 0);
	o->no_passphrase = !o->encrypted;
	if (nkeys < 1 || !sshbuf_str(&p, e, &pub, &pn))
		return;
	cur = pub;
	if (sshbuf_str(&cur, pub + pn, &kt, &ktn))
		pcopy(o->detail, sizeof(o->detail), (const char *)kt, ktn);
	sshparse_fingerprint(pub, pn, o->fingerprint);
}

void
credparse_ssh_key(const char *buf, size_t len, struct cred_info *o)
{
	static const char begin[] = "-----BEGIN ";
	const char *b = memfind(buf, len, begin), *e = buf + len, *t, *te;

	info_reset(o);
	if (!b)
		return;
	t = b + sizeof(begin) - 1;
	te = memfind(t, (size_t)(e - t), "-----");
	if (!te || te - t > 64)
		return;
	if ((size_t)(te - t) < 11 ||
	    memcmp(te - 11, "PRIVATE KEY", 11) != 0)
		return;  /* a certificate, a public key: no credential */
	if ((size_t)(te - t) == 19 && memcmp(t, "OPENSSH PRIVATE KEY", 19) == 0) {
		const char *body = te + 5, *end = memfind(body,
		    (size_t)(e - body), "-----END");

		openssh_v1(body, (size_t)((end ? end : e) - body), o);
		if (!o->recognised) {
			/* cut short (or garbage): still a private key */
			o->recognised = o->has_secret = true;
			snprintf(o->detail, sizeof(o->detail), "openssh "
			    "(unreadable)");
		}
		return;
	}
	o->recognised = o->has_secret = true;
	/* "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" */
	pcopy(o->detail, sizeof(o->detail), t, (size_t)(te - t));
	o->encrypted = ((size_t)(te - t) == 21 &&
	    memcmp(t, "ENCRYPTED PRIVATE KEY", 21) == 0) ||
	    memfind(te, (size_t)(e - te), "Proc-Type: 4,ENCRYPTED") != NULL;
	o->no_passphrase = !o->encrypted;
}

/* ---- .env files -------------------------------------------------------------- */

void
credparse_env(const char *buf, size_t len, struct cred_info *o)
{
	const char *p = buf, *end = buf + len;

	info_reset(o);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s, *eq, *ke, *v;
		bool ok = true;

		s = trim_left(p, le);
		le = trim_right(s, le);
		p = nl ? nl + 1 : end;
		if (s >= le || *s == '#')
			continue;
		if (le - s > 7 && memcmp(s, "export ", 7) == 0)
			s = trim_left(s + 7, le);
		eq = memchr(s, '=', (size_t)(le - s));
		if (!eq || eq == s)
			continue;
		ke = trim_right(s, eq);
		for (const char *c = s; c < ke; c++)
			if (!(isalnum((unsigned char)*c) || *c == '_' ||
			    *c == '.' || *c == '-'))
				ok = false;
		if (!ok || ke == s)
			continue;
		o->recognised = true;
		v = trim_left(eq + 1, le);
		if (!credparse_secret_name(s, (size_t)(ke - s)))
			continue;
		/* KEY= or KEY="" holds nothing */
		if (v >= le || (le - v == 2 && (v[0] == '"' || v[0] == '\'') &&
		    v[1] == v[0]))
			continue;
		o->has_secret = true;
		add_name(o, s, (size_t)(ke - s));
	}
	if (o->nitems)
		snprintf(o->fingerprint, sizeof(o->fingerprint), "%u secret "
		    "name%s", o->nitems, o->nitems == 1 ? "" : "s");
}

/* ---- dispatch ----------------------------------------------------------------- */

void
credparse(enum cred_kind k, const char *buf, size_t len, struct cred_info *o)
{
	switch (k) {
	case CRED_AWS: credparse_aws(buf, len, o); return;
	case CRED_GCP: credparse_gcp(buf, len, o); return;
	case CRED_AZURE: credparse_azure(buf, len, o); return;
	case CRED_KUBECONFIG: credparse_kubeconfig(buf, len, o); return;
	case CRED_K8S_TOKEN: credparse_k8s_token(buf, len, o); return;
	case CRED_DOCKER: credparse_docker(buf, len, o); return;
	case CRED_SSH_KEY: credparse_ssh_key(buf, len, o); return;
	case CRED_ENV_FILE: credparse_env(buf, len, o); return;
	default:
		info_reset(o);
		o->recognised = len > 0;
		return;
	}
}
