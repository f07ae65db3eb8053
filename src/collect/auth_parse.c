/*
 * auth_parse.c - /etc/shadow, sudoers and sshd_config lines (see
 * auth_parse.h).  Every copy is bounded by its destination; nothing here
 * allocates.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "auth_parse.h"

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Copy [s, s+n) into out (cap bytes), NUL bytes as '?', cut off. */
static void
copy_cap(char *out, size_t cap, const char *s, size_t n)
{
	size_t k = n < cap - 1 ? n : cap - 1;

	for (size_t i = 0; i < k; i++)
		out[i] = s[i] ? s[i] : '?';
	out[k] = '\0';
}

static void
trim(const char **s, const char **e)
{
	while (*s < *e && is_blank(**s))
		(*s)++;
	while (*e > *s && is_blank((*e)[-1]))
		(*e)--;
}

/* ---- passwords ------------------------------------------------------------- */

static const struct {
	const char *prefix;
	const char *name;
} hash_kinds[] = {
	{ "$y$", "yescrypt" }, { "$gy$", "gost-yescrypt" },
	{ "$7$", "scrypt" }, { "$6$", "sha512crypt" },
	{ "$5$", "sha256crypt" }, { "$2b$", "bcrypt" }, { "$2a$", "bcrypt" },
	{ "$2y$", "bcrypt" }, { "$1$", "md5crypt" }, { "$sha1$", "sha1crypt" },
	{ "$md5", "sunmd5" },
};

static const char *
hash_kind(const char *f, size_t n)
{
	for (size_t i = 0; i < sizeof(hash_kinds) / sizeof(hash_kinds[0]);
	    i++) {
		size_t l = strlen(hash_kinds[i].prefix);

		if (n > l && memcmp(f, hash_kinds[i].prefix, l) == 0)
			return hash_kinds[i].name;
	}
	if (n == 13) {
		for (size_t i = 0; i < n; i++)
			if (!isalnum((unsigned char)f[i]) && f[i] != '.' &&
			    f[i] != '/')
				return NULL;
		return "descrypt";
	}
	if (n == 20 && f[0] == '_')
		return "bsdicrypt";
	return NULL;
}

enum pw_state
authparse_pw_field(const char *f, size_t n, const char **kind)
{
	const char *k;

	if (kind)
		*kind = NULL;
	if (n == 0)
		return PW_EMPTY;
	if (f[0] == '!') {
		if (kind)
			*kind = hash_kind(f + 1, n - 1);
		return PW_LOCKED;
	}
	k = hash_kind(f, n);
	if (k == NULL)
		return PW_LOCKED;  /* "*", "x", "*LK*": crypt never matches */
	if (kind)
		*kind = k;
	return PW_SET;
}

void
authparse_shadow_line(const char *line, size_t n, struct shadow_line *out)
{
	const char *end = line + n, *c1, *c2, *c3;

	memset(out, 0, sizeof(*out));
	out->changed_day = -1;
	if (n > 0 && line[n - 1] == '\r')
		end--;
	if (line == end || line[0] == '#')
		return;
	c1 = memchr(line, ':', (size_t)(end - line));
	if (c1 == NULL || c1 == line)
		return;
	out->valid = true;
	out->name = line;
	out->namelen = (size_t)(c1 - line);
	c2 = memchr(c1 + 1, ':', (size_t)(end - c1 - 1));
	if (c2 == NULL)
		c2 = end;
	out->state = authparse_pw_field(c1 + 1, (size_t)(c2 - c1 - 1),
	    &out->kind);
	if (c2 < end) {
		int64_t d = 0;
		size_t nd = 0;

		c3 = memchr(c2 + 1, ':', (size_t)(end - c2 - 1));
		if (c3 == NULL)
			c3 = end;
		for (const char *q = c2 + 1; q < c3; q++, nd++) {
			if (*q < '0' || *q > '9' || nd >= 12) {
				nd = 0;
				break;
			}
			d = d * 10 + (*q - '0');
		}
		if (nd > 0)
			out->changed_day = d;
	}
}

/* ---- sudoers ----------------------------------------------------------------- */

size_t
authparse_sudoers_next(const char *p, const char *end, char *out, size_t cap,
		       size_t *outlen, uint32_t *nlines)
{
	const char *start = p;
	size_t o = 0;

	*nlines = 0;
	*outlen = 0;
	if (cap)
		out[0] = '\0';
	if (p >= end)
		return 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *ce = le;
		bool cont;

		(*nlines)++;
		if (ce > p && ce[-1] == '\r')
			ce--;
		cont = ce > p && ce[-1] == '\\' && nl != NULL;
		if (cont)
			ce--;
		for (const char *q = p; q < ce && cap && o < cap - 1; q++)
			out[o++] = *q;
		p = nl ? nl + 1 : end;
		if (!cont)
			break;
	}
	if (cap)
		out[o] = '\0';
	*outlen = o;
	return (size_t)(p - start);
}

static bool
word_is(const char *s, const char *e, const char *w)
{
	size_t l = strlen(w);

	return (size_t)(e - s) >= l && memcmp(s, w, l) == 0 &&
	    ((size_t)(e - s) == l || is_blank(s[l]));
}

/* Copy a list, joining "a , b" to "a,b" and blanks to one space. */
static void
copy_list(char *out, size_t cap, const char *s, const char *e)
{
	size_t o = 0;

	trim(&s, &e);
	while (s < e && o + 1 < cap) {
		if (is_blank(*s)) {
			while (s < e && is_blank(*s))
				s++;
			if (s < e && *s != ',' && o > 0 && out[o - 1] != ',')
				out[o++] = ' ';
			continue;
		}
		if (*s == ',') {
			out[o++] = ',';
			s++;
			while (s < e && is_blank(*s))
				s++;
			continue;
		}
		out[o++] = *s ? *s : '?';
		s++;
	}
	out[o] = '\0';
}

static const char *const sudo_tags[] = {
	"NOPASSWD", "PASSWD", "NOEXEC", "EXEC", "SETENV", "NOSETENV",
	"LOG_INPUT", "NOLOG_INPUT", "LOG_OUTPUT", "NOLOG_OUTPUT", "MAIL",
	"NOMAIL", "FOLLOW", "NOFOLLOW", "INTERCEPT", "NOINTERCEPT", NULL,
};

/* Programs that hand out a shell as good as ALL. */
static const char *const shell_cmds[] = {
	"sh", "bash", "dash", "zsh", "ksh", "csh", "tcsh", "fish", "ash",
	"busybox", "su", "sudo", "env", "python", "python2", "python3", "perl",
	"ruby", "node", "php", "lua", "vi", "vim", "nano", "less", "more",
	"find", "awk", "gawk", "tee", "cp", "mv", "chmod", "chown", "dd",
	NULL,
};

static bool
path_risky(const char *w, size_t n)
{
	static const char *const dirs[] = { "/tmp/", "/var/tmp/", "/dev/shm/",
		"/run/shm/", NULL };

	for (int i = 0; dirs[i]; i++)
		if (n > strlen(dirs[i]) && memcmp(w, dirs[i],
		    strlen(dirs[i])) == 0)
			return true;
	for (size_t i = 0; i + 1 < n; i++)
		if (w[i] == '/' && w[i + 1] == '.' && !(i + 2 == n ||
		    w[i + 2] == '/' || (w[i + 2] == '.' && (i + 3 == n ||
		    w[i + 3] == '/'))))
			return true;
	return false;
}

/* Classify one command of a Cmnd_List (tags and runas stripped). */
static unsigned
classify_cmd(const char *s, const char *e)
{
	const char *w, *we, *b;
	size_t bl;

	trim(&s, &e);
	if (s < e && *s == '!')
		return 0;  /* a negation grants nothing */
	/* a digest "sha256:BASE64 /path" */
	if ((size_t)(e - s) > 4 && memcmp(s, "sha", 3) == 0) {
		const char *sp = s;

		while (sp < e && !is_blank(*sp))
			sp++;
		if (sp > s && memchr(s, ':', (size_t)(sp - s)) && sp < e) {
			s = sp;
			trim(&s, &e);
		}
	}
	w = s;
	we = w;
	while (we < e && !is_blank(*we))
		we++;
	if (we - w == 3 && memcmp(w, "ALL", 3) == 0)
		return SUDO_ALL_CMDS;
	b = w;
	for (const char *q = w; q < we; q++)
		if (*q == '/')
			b = q + 1;
	bl = (size_t)(we - b);
	for (int i = 0; shell_cmds[i]; i++)
		if (bl == strlen(shell_cmds[i]) &&
		    memcmp(b, shell_cmds[i], bl) == 0)
			return SUDO_SHELL_CMD;
	if (path_risky(w, (size_t)(we - w)))
		return SUDO_WRITABLE_CMD;
	return 0;
}

/* The right-hand side of a rule: "(runas) TAG: TAG: cmd, (x) cmd". */
static void
parse_cmnds(const char *s, const char *e, struct sudo_line *out)
{
	bool first_cmd = true;
	size_t o = 0;

	while (s < e) {
		const char *ce;
		int depth = 0;

		/* one Cmnd_Spec, up to a ',' outside parentheses */
		for (ce = s; ce < e; ce++) {
			if (*ce == '(')
				depth++;
			else if (*ce == ')' && depth > 0)
				depth--;
			else if (*ce == ',' && depth == 0)
				break;
		}
		trim(&s, &ce);
		if (s < ce && *s == '(') {
			const char *r = memchr(s, ')', (size_t)(ce - s));

			if (r == NULL)
				r = ce;
			if (out->runas[0] == '\0')
				copy_list(out->runas, sizeof(out->runas), s + 1,
				    r);
			s = r < ce ? r + 1 : ce;
		}
		/* tags and OPTION=value prefixes */
		for (;;) {
			const char *t = s, *te;
			bool tag = false;

			while (t < ce && is_blank(*t))
				t++;
			te = t;
			while (te < ce && (isupper((unsigned char)*te) ||
			    *te == '_'))
				te++;
			if (te > t && te < ce && *te == ':') {
				for (int i = 0; sudo_tags[i]; i++)
					if ((size_t)(te - t) ==
					    strlen(sudo_tags[i]) && memcmp(t,
					    sudo_tags[i], (size_t)(te - t)) == 0)
						tag = true;
				if (tag) {
					if (te - t == 8 &&
					    memcmp(t, "NOPASSWD", 8) == 0)
						out->flags |= SUDO_NOPASSWD;
					s = te + 1;
					continue;
				}
			}
			if (te > t && te < ce && *te == '=') {
				/* ROLE=x TYPE=y CWD=/ TIMEOUT=...: skip */
				while (te < ce && !is_blank(*te))
					te++;
				s = te;
				continue;
			}
			s = t;
			break;
		}
		if (s < ce) {
			out->flags |= classify_cmd(s, ce);
			if (!first_cmd && o + 1 < sizeof(out->commands))
				out->commands[o++] = ',';
			for (const char *q = s; q < ce &&
			    o + 1 < sizeof(out->commands); q++)
				out->commands[o++] = *q ? *q : '?';
			out->commands[o] = '\0';
			first_cmd = false;
		}
		s = ce < e ? ce + 1 : e;
	}
}

static void
parse_include(const char *s, const char *e, struct sudo_line *out,
	      enum sudo_line_kind kind)
{
	trim(&s, &e);
	if (s < e && *s == '"') {
		const char *q = memchr(s + 1, '"', (size_t)(e - s - 1));

		s++;
		if (q)
			e = q;
	}
	if (s == e) {
		out->kind = SUDOL_INVALID;
		return;
	}
	out->kind = kind;
	copy_cap(out->path, sizeof(out->path), s, (size_t)(e - s));
}

void
authparse_sudoers_line(const char *line, size_t n, struct sudo_line *out)
{
	const char *s = line, *e = line + n, *eq, *w;
	static const char *const others[] = { "Host_Alias", "Runas_Alias",
		"Cmnd_Alias", "Cmd_Alias", NULL };

	memset(out, 0, sizeof(*out));
	trim(&s, &e);
	out->kind = SUDOL_BLANK;
	if (s == e)
		return;
	if (*s == '#' || *s == '@') {
		bool at = *s == '@';

		if (word_is(s + 1, e, "includedir")) {
			parse_include(s + 11, e, out, SUDOL_INCLUDEDIR);
			return;
		}
		if (word_is(s + 1, e, "include")) {
			parse_include(s + 8, e, out, SUDOL_INCLUDE);
			return;
		}
		if (at) {
			out->kind = SUDOL_INVALID;
			return;
		}
		if (s + 1 >= e || !isdigit((unsigned char)s[1]))
			return;  /* a comment */
		/* "#1000 ALL=...": a rule for uid 1000, unless a comment
		 * that merely starts with a number (then no '=' follows) */
		w = s + 1;
		while (w < e && isdigit((unsigned char)*w))
			w++;
		if (w == e || !is_blank(*w) || memchr(w, '=',
		    (size_t)(e - w)) == NULL)
			return;
	}
	if (word_is(s, e, "Defaults") || ((size_t)(e - s) > 8 &&
	    memcmp(s, "Defaults", 8) == 0 && s[8] != '\0' &&
	    strchr(":@>!", s[8]))) {
		const char *v = s + 8, *ve;

		out->kind = SUDOL_DEFAULTS;
		if (v < e && !is_blank(*v)) {
			ve = v;
			while (ve < e && !is_blank(*ve))
				ve++;
			copy_cap(out->users, sizeof(out->users), v + 1,
			    (size_t)(ve - v - 1));
			v = ve;
		}
		copy_list(out->commands, sizeof(out->commands), v, e);
		/* "!authenticate" anywhere in the settings */
		for (const char *q = v; q + 13 <= e; q++)
			if (*q == '!' && memcmp(q + 1, "authenticate", 12) == 0 &&
			    (q + 13 == e || q[13] == ',' || is_blank(q[13])))
				out->flags |= SUDO_NOAUTH | SUDO_NOPASSWD;
		return;
	}
	if (word_is(s, e, "User_Alias")) {
		const char *v = s + 10, *ve;

		trim(&v, &e);
		eq = memchr(v, '=', (size_t)(e - v));
		if (eq == NULL) {
			out->kind = SUDOL_INVALID;
			return;
		}
		out->kind = SUDOL_ALIAS;
		copy_list(out->users, sizeof(out->users), v, eq);
		/* only the first of "A = x : B = y" */
		ve = memchr(eq, ':', (size_t)(e - eq));
		copy_list(out->commands, sizeof(out->commands), eq + 1,
		    ve ? ve : e);
		return;
	}
	for (int i = 0; others[i]; i++)
		if (word_is(s, e, others[i])) {
			out->kind = SUDOL_OTHER_ALIAS;
			copy_list(out->commands, sizeof(out->commands),
			    s + strlen(others[i]), e);
			return;
		}
	/* a user specification: users hosts = cmnds */
	eq = memchr(s, '=', (size_t)(e - s));
	if (eq == NULL) {
		out->kind = SUDOL_INVALID;
		return;
	}
	{
		char left[SUDO_FIELD_MAX * 2];
		char *sp;

		copy_list(left, sizeof(left), s, eq);
		sp = strrchr(left, ' ');
		if (sp == NULL || strchr(left, ' ') != sp) {
			out->kind = SUDOL_INVALID;
			return;
		}
		*sp = '\0';
		copy_cap(out->users, sizeof(out->users), left, strlen(left));
		copy_cap(out->hosts, sizeof(out->hosts), sp + 1,
		    strlen(sp + 1));
	}
	out->kind = SUDOL_RULE;
	parse_cmnds(eq + 1, e, out);
}

struct expand {
	const char *const *names, *const *members;
	size_t n;
	char *out;
	size_t cap, o;
	int items;
};

static const char *
alias_members(const struct expand *x, const char *name, size_t len)
{
	size_t lo = 0, hi = x->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(x->names[mid], name, len);

		if (c == 0 && x->names[mid][len] != '\0')
			c = 1;
		if (c == 0)
			return x->members[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void
expand_list(struct expand *x, const char *list, int depth)
{
	const char *p = list;

	while (*p && x->items < SUDO_EXPAND_ITEMS) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *m = depth < 2 && len > 0 ? alias_members(x, p, len) :
		    NULL;

		if (m) {
			expand_list(x, m, depth + 1);
		} else if (len > 0 && x->o + len + 2 <= x->cap) {
			if (x->o > 0)
				x->out[x->o++] = ',';
			memcpy(x->out + x->o, p, len);
			x->o += len;
			x->out[x->o] = '\0';
			x->items++;
		} else if (len > 0) {
			x->items = SUDO_EXPAND_ITEMS;  /* full */
		}
		p = e ? e + 1 : p + len;
	}
}

void
authparse_sudo_expand(const char *users, const char *const *names,
		      const char *const *members, size_t n, char *out,
		      size_t cap)
{
	struct expand x = { names, members, n, out, cap, 0, 0 };

	if (cap == 0)
		return;
	out[0] = '\0';
	expand_list(&x, users, 0);
}

/* ---- sshd_config -------------------------------------------------------------- */

void
authparse_sshd_line(const char *line, size_t n, struct sshd_line *out)
{
	const char *s = line, *e = line + n, *k;
	size_t kl;

	memset(out, 0, sizeof(*out));
	trim(&s, &e);
	out->kind = SSHDL_BLANK;
	if (s == e || *s == '#')
		return;
	k = s;
	while (s < e && !is_blank(*s) && *s != '=')
		s++;
	kl = (size_t)(s - k);
	if (kl == 0 || kl >= sizeof(out->keyword)) {
		out->kind = SSHDL_INVALID;
		return;
	}
	for (size_t i = 0; i < kl; i++) {
		if (!isalnum((unsigned char)k[i])) {
			out->kind = SSHDL_INVALID;
			return;
		}
		out->keyword[i] = (char)tolower((unsigned char)k[i]);
	}
	out->keyword[kl] = '\0';
	while (s < e && is_blank(*s))
		s++;
	if (s < e && *s == '=')
		s++;
	while (s < e && is_blank(*s))
		s++;
	copy_cap(out->value, sizeof(out->value), s, (size_t)(e - s));
	out->kind = strcmp(out->keyword, "match") == 0 ? SSHDL_MATCH :
	    SSHDL_OPT;
}

bool
authparse_sshd_multi(const char *kw)
{
	static const char *const multi[] = {
		"port", "listenaddress", "hostkey", "acceptenv", "subsystem",
		"allowusers", "denyusers", "allowgroups", "denygroups",
		"hostcertificate", "include", "match", NULL,
	};

	for (int i = 0; multi[i]; i++)
		if (strcmp(kw, multi[i]) == 0)
			return true;
	return false;
}

size_t
authparse_words(const char *v, char (*words)[SSHD_WORD_MAX], size_t max)
{
	size_t n = 0;

	while (*v && n < max) {
		size_t o = 0;
		bool q = false;

		while (*v && is_blank(*v))
			v++;
		if (*v == '\0')
			break;
		while (*v && (q || !is_blank(*v))) {
			if (*v == '"') {
				q = !q;
				v++;
				continue;
			}
			if (o + 1 < SSHD_WORD_MAX)
				words[n][o++] = *v;
			v++;
		}
		words[n][o] = '\0';
		if (o > 0)
			n++;
	}
	return n;
}

bool
authparse_keys_per_user(const char *p)
{
	for (; *p; p++)
		if (p[0] == '%' && (p[1] == 'u' || p[1] == 'U'))
			return true;
		else if (p[0] == '%' && p[1])
			p++;
	return false;
}

static bool
put(char *out, size_t cap, size_t *o, const char *s)
{
	size_t l = strlen(s);

	if (*o + l >= cap)
		return false;
	memcpy(out + *o, s, l);
	*o += l;
	out[*o] = '\0';
	return true;
}

bool
authparse_keys_path(const char *pat, const char *home, const char *user,
		    uint32_t uid, char *out, size_t cap)
{
	size_t o = 0;
	bool home_needed = pat[0] != '/' && pat[0] != '%';
	char num[16];

	if (cap == 0)
		return false;
	out[0] = '\0';
	if (pat[0] == '%' && pat[1] != 'h')
		home_needed = true;
	if (home_needed) {
		if (home == NULL || home[0] != '/')
			return false;
		if (!put(out, cap, &o, home) || !put(out, cap, &o, "/"))
			return false;
	}
	for (const char *p = pat; *p; p++) {
		char c[2] = { *p, '\0' };

		if (*p != '%') {
			if (!put(out, cap, &o, c))
				return false;
			continue;
		}
		p++;
		switch (*p) {
		case '%':
			if (!put(out, cap, &o, "%"))
				return false;
			break;
		case 'h':
			if (home == NULL || home[0] != '/' ||
			    !put(out, cap, &o, home))
				return false;
			break;
		case 'u':
			if (user == NULL || user[0] == '\0' ||
			    strchr(user, '/') || !put(out, cap, &o, user))
				return false;
			break;
		case 'U':
			snprintf(num, sizeof(num), "%u", uid);
			if (!put(out, cap, &o, num))
				return false;
			break;
		default:
			return false;  /* sshd refuses the unknown token */
		}
	}
	return o > 0 && out[0] == '/';
}
