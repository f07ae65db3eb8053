/* tamper_parse.c - text that shows defence evasion (see tamper_parse.h). */
#include <string.h>

#include "../core/facts.h"
#include "tamper_parse.h"

#define TOK_MAX 8
#define TOK_LEN 128

struct tok {
	char s[TOK_LEN];
};

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Split one statement (p..e) into at most TOK_MAX words, quotes removed,
 * each cut at TOK_LEN - 1 bytes.  Returns the number of words. */
static size_t
words(const char *p, const char *e, struct tok *t)
{
	size_t nt = 0;

	while (p < e && nt < TOK_MAX) {
		size_t l = 0;
		char q = 0;

		while (p < e && is_space(*p))
			p++;
		if (p >= e)
			break;
		while (p < e && (q || !is_space(*p))) {
			if (q && *p == q) {
				q = 0;
			} else if (!q && (*p == '"' || *p == '\'')) {
				q = *p;
			} else if (l < TOK_LEN - 1) {
				t[nt].s[l++] = *p;
			}
			p++;
		}
		t[nt++].s[l] = '\0';
	}
	return nt;
}

/* NAME=value words: what they do to history. */
static unsigned
assignment(const char *w)
{
	static const char *const nulls[] = {
		"/dev/null", "/dev/zero", NULL,
	};
	const char *v = strchr(w, '=');
	size_t nl;

	if (v == NULL)
		return 0;
	nl = (size_t)(v - w);
	v++;
	if (nl == 8 && memcmp(w, "HISTFILE", 8) == 0) {
		if (*v == '\0')
			return HIST_UNSET;
		for (int i = 0; nulls[i]; i++)
			if (strcmp(v, nulls[i]) == 0)
				return HIST_FILE_NULL;
		return 0;
	}
	if ((nl == 8 && memcmp(w, "HISTSIZE", 8) == 0) ||
	    (nl == 12 && memcmp(w, "HISTFILESIZE", 12) == 0) ||
	    (nl == 8 && memcmp(w, "SAVEHIST", 8) == 0)) {
		while (*v == '0')
			v++;
		/* "0", "00": nothing kept; "" sets no limit in bash */
		return *v == '\0' && v[-1] == '0' ? HIST_SIZE0 : 0;
	}
	return 0;
}

static bool
ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && strcmp(s + a - b, suf) == 0;
}

static unsigned
statement(const char *p, const char *e)
{
	struct tok t[TOK_MAX];
	size_t nt = words(p, e, t), i = 0;
	unsigned bits = 0;

	if (nt == 0)
		return 0;
	/* builtins that take assignments */
	if (strcmp(t[0].s, "export") == 0 || strcmp(t[0].s, "readonly") == 0 ||
	    strcmp(t[0].s, "declare") == 0 || strcmp(t[0].s, "typeset") == 0 ||
	    strcmp(t[0].s, "local") == 0 || strcmp(t[0].s, "env") == 0) {
		i = 1;
		while (i < nt && t[i].s[0] == '-')
			i++;
	}
	for (size_t k = i; k < nt && strchr(t[k].s, '='); k++)
		bits |= assignment(t[k].s);
	if (strcmp(t[0].s, "unset") == 0) {
		for (size_t k = 1; k < nt; k++)
			if (strcmp(t[k].s, "HISTFILE") == 0)
				bits |= HIST_UNSET;
	} else if (strcmp(t[0].s, "history") == 0 && nt >= 2) {
		if (strcmp(t[1].s, "-c") == 0 || strcmp(t[1].s, "-cw") == 0)
			bits |= HIST_CLEAR;
	} else if (strcmp(t[0].s, "set") == 0 && nt >= 3 &&
	    strcmp(t[1].s, "+o") == 0 && strcmp(t[2].s, "history") == 0) {
		bits |= HIST_OFF;
	} else if (strcmp(t[0].s, "shopt") == 0 && nt >= 3 &&
	    strcmp(t[1].s, "-ou") == 0 && strcmp(t[2].s, "history") == 0) {
		bits |= HIST_OFF;
	} else if (strcmp(t[0].s, "ln") == 0 && nt >= 4 &&
	    t[1].s[0] == '-' && strchr(t[1].s, 's') &&
	    strcmp(t[2].s, "/dev/null") == 0 && ends_with(t[3].s, "history")) {
		bits |= HIST_FILE_NULL;
	}
	return bits;
}

unsigned
tamperparse_hist_line(const char *p, size_t n)
{
	const char *e = p + n, *s = p;
	unsigned bits = 0;

	while (s < e && is_space(*s))
		s++;
	if (s < e && *s == '#')
		return 0;
	while (s < e) {
		const char *q = s;
		char quote = 0;

		while (q < e) {
			if (quote) {
				if (*q == quote)
					quote = 0;
			} else if (*q == '"' || *q == '\'') {
				quote = *q;
			} else if (*q == ';' || *q == '&' || *q == '|' ||
			    *q == '\n' || *q == '(' || *q == ')' ||
			    *q == '{' || *q == '}' || *q == '`') {
				break;
			} else if (*q == '#' && (q == s || is_space(q[-1]))) {
				e = q;  /* a comment to the end of the line */
				break;
			}
			q++;
		}
		bits |= statement(s, q);
		if (q >= e)
			break;
		s = q + 1;
		/* "if [ ... ]; then X": X starts after a keyword */
		while (s < e && is_space(*s))
			s++;
		for (int k = 0; k < 3; k++) {
			static const char *const kw[] = { "then ", "else ",
			    "do " };

			if ((size_t)(e - s) > strlen(kw[k]) &&
			    memcmp(s, kw[k], strlen(kw[k])) == 0)
				s += strlen(kw[k]);
		}
	}
	return bits;
}

/* Each line of buf: fn(line, len, lineno, arg); stops when fn says so. */
typedef bool line_fn(const char *p, size_t n, uint32_t no, void *arg);

static void
each_line(const char *buf, size_t n, line_fn *fn, void *arg)
{
	const char *p = buf, *end = buf + n;
	uint32_t no = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		no++;
		if (!fn(p, (size_t)(le - p), no, arg))
			return;
		p = nl ? nl + 1 : end;
	}
}

struct sel_ctx {
	enum selinux_mode mode;
	uint32_t line;
};

static bool
sel_line(const char *p, size_t n, uint32_t no, void *arg)
{
	struct sel_ctx *c = arg;
	const char *e = p + n, *v;
	size_t vl;

	while (p < e && is_space(*p))
		p++;
	if ((size_t)(e - p) < 8 || memcmp(p, "SELINUX=", 8) != 0)
		return true;
	v = p + 8;
	while (e > v && is_space(e[-1]))
		e--;
	if (e > v && (*v == '"' || *v == '\'') && e[-1] == *v && e - v >= 2) {
		v++;
		e--;
	}
	vl = (size_t)(e - v);
	c->line = no;
	if (vl == 9 && memcmp(v, "enforcing", 9) == 0)
		c->mode = SELINUX_ENFORCING;
	else if (vl == 10 && memcmp(v, "permissive", 10) == 0)
		c->mode = SELINUX_PERMISSIVE;
	else if (vl == 8 && memcmp(v, "disabled", 8) == 0)
		c->mode = SELINUX_DISABLED;
	else
		c->mode = SELINUX_OTHER;
	return true;
}

enum selinux_mode
tamperparse_selinux_config(const char *buf, size_t n, uint32_t *line)
{
	struct sel_ctx c = { SELINUX_UNSET, 0 };

	each_line(buf, n, sel_line, &c);
	if (line)
		*line = c.line;
	return c.mode;
}

bool
tamperparse_cmdline_apparmor_off(const char *buf, size_t n)
{
	const char *p = buf, *e = buf + n;
	bool off = false;

	while (p < e) {
		const char *w;
		size_t l;

		while (p < e && (is_space(*p) || *p == '\n' || *p == '\0'))
			p++;
		w = p;
		while (p < e && !is_space(*p) && *p != '\n' && *p != '\0')
			p++;
		l = (size_t)(p - w);
		if (l == 2 && memcmp(w, "--", 2) == 0)
			break;  /* the rest is init's */
		if (l > 9 && memcmp(w, "apparmor=", 9) == 0)
			off = l == 10 && w[9] == '0';
		else if (l > 9 && memcmp(w, "security=", 9) == 0)
			off = l == 13 && memcmp(w + 9, "none", 4) == 0;
	}
	return off;
}

bool
tamperparse_list_has(const char *text, size_t n, const char *path)
{
	size_t l = strlen(path);
	const char *p = text, *end = text + n;

	if (l == 0)
		return false;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if ((size_t)(le - p) == l && memcmp(p, path, l) == 0)
			return true;
		p = nl ? nl + 1 : end;
	}
	return false;
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

bool
tamperparse_md5sums_find(const char *text, size_t n, const char *rel,
			 char md5[33])
{
	size_t l = strlen(rel);
	const char *p = text, *end = text + n;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		size_t ll = (size_t)(le - p);
		bool hex = ll == 34 + l;

		for (size_t i = 0; hex && i < 32; i++)
			hex = is_hex(p[i]);
		if (hex && p[32] == ' ' && p[33] == ' ' &&
		    memcmp(p + 34, rel, l) == 0) {
			memcpy(md5, p, 32);
			md5[32] = '\0';
			return true;
		}
		p = nl ? nl + 1 : end;
	}
	return false;
}

bool
tamperparse_is_text(const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (!(c >= 0x20 && c < 0x7f) && c != '\n' && c != '\r' &&
		    c != '\t')
			return false;
	}
	return true;
}

struct agent_ctx {
	struct agent_rule *out;
	size_t max, n;
	uint32_t bad;
};

static bool
agent_line(const char *p, size_t n, uint32_t no, void *arg)
{
	static const struct {
		const char *word;
		enum agent_rule_type type;
	} types[] = {
		{ "dir", AGR_DIR }, { "bin", AGR_BIN }, { "unit", AGR_UNIT },
		{ "init", AGR_INIT }, { "domain", AGR_DOMAIN },
		{ "block", AGR_BLOCK },
	};
	struct agent_ctx *c = arg;
	const char *e = p + n, *f[3];
	size_t fl[3], nf = 0;
	struct agent_rule r;
	size_t k;

	(void)no;
	while (p < e && is_space(*p))
		p++;
	if (p == e || *p == '#')
		return true;
	while (p < e && nf < 3) {
		f[nf] = p;
		while (p < e && !is_space(*p))
			p++;
		fl[nf] = (size_t)(p - f[nf]);
		nf++;
		while (p < e && is_space(*p))
			p++;
	}
	if (nf < 3 || (p < e && *p != '#')) {
		c->bad++;
		return true;
	}
	for (k = 0; k < sizeof(types) / sizeof(types[0]); k++)
		if (strlen(types[k].word) == fl[0] &&
		    memcmp(types[k].word, f[0], fl[0]) == 0)
			break;
	if (k == sizeof(types) / sizeof(types[0]) ||
	    fl[1] >= AGENT_NAME_MAX || fl[2] >= AGENT_VALUE_MAX ||
	    memchr(f[2], '\0', fl[2]) || memchr(f[1], '\0', fl[1])) {
		c->bad++;
		return true;
	}
	r.type = types[k].type;
	if ((r.type == AGR_DIR || r.type == AGR_BIN || r.type == AGR_INIT) &&
	    (f[2][0] != '/' || fl[2] < 2)) {
		c->bad++;
		return true;
	}
	if (c->n >= c->max)
		return false;
	memcpy(r.name, f[1], fl[1]);
	r.name[fl[1]] = '\0';
	memcpy(r.value, f[2], fl[2]);
	r.value[fl[2]] = '\0';
	c->out[c->n++] = r;
	return true;
}

uint32_t
tamperparse_agents(const char *text, size_t n, struct agent_rule *out,
		   size_t max, size_t *nout)
{
	struct agent_ctx c = { out, max, 0, 0 };

	each_line(text, n, agent_line, &c);
	*nout = c.n;
	return c.bad;
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool
tamperparse_domain_match(const char *name, const char *host)
{
	size_t a = strlen(name), b = strlen(host);

	while (a && name[a - 1] == '.')
		a--;  /* "example.com." is example.com */
	if (b == 0 || a < b)
		return false;
	for (size_t i = 0; i < b; i++)
		if (lower(name[a - b + i]) != lower(host[i]))
			return false;
	return a == b || name[a - b - 1] == '.';
}
