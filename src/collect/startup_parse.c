/* startup_parse.c - unit files, udev rules and start-up commands (see
 * startup_parse.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "startup_parse.h"

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Characters that end a word or a path in a command. */
static bool
delim(char c)
{
	return c == '\0' || strchr(" \t|;&()`'\"<>\n\r", c) != NULL;
}

static bool
wstart(const char *s, size_t i)
{
	return i == 0 || strchr(" \t;&|(`'\"", s[i - 1]) != NULL;
}

/* Copy printable bytes of [p, p+n) up to a delimiter into dst. */
static void
copy_word(char *dst, size_t cap, const char *p, size_t n)
{
	size_t k = 0;

	while (k < n && k + 1 < cap && !delim(p[k]) &&
	    (unsigned char)p[k] >= 0x20 && (unsigned char)p[k] < 0x7f)
		k++;
	memcpy(dst, p, k);
	dst[k] = '\0';
}

static const char *
base_of(const char *p)
{
	const char *b = strrchr(p, '/');

	return b ? b + 1 : p;
}

/* ---- environment -------------------------------------------------------- */

/* The value of an assignment at v (quotes dropped) into dst. */
static size_t
assign_value(const char *s, size_t n, size_t v, char *dst, size_t cap)
{
	char q = 0;
	size_t k = 0;

	if (v < n && (s[v] == '"' || s[v] == '\''))
		q = s[v++];
	while (v < n && k + 1 < cap) {
		char c = s[v];

		if (q ? c == q : (blank(c) || c == ';' || c == '&' ||
		    c == '|' || c == '"' || c == '\'' || c == '\n' ||
		    c == '\r'))
			break;
		if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f)
			break;
		dst[k++] = c;
		v++;
	}
	dst[k] = '\0';
	return k;
}

static bool
writable_dir(const char *p, size_t n)
{
	static const char *const w[] = { "/tmp", "/var/tmp", "/dev/shm",
		"/run/shm", NULL };

	for (int i = 0; w[i]; i++) {
		size_t l = strlen(w[i]);

		if (n >= l && memcmp(p, w[i], l) == 0 && (n == l ||
		    p[l] == '/'))
			return true;
	}
	return false;
}

/* PATH entries that let anyone place a program ahead of the system's. */
static bool
path_writable(const char *v)
{
	const char *p = v;

	while (*p) {
		const char *e = strchr(p, ':');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		if ((l == 1 && p[0] == '.') || writable_dir(p, l))
			return true;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return false;
}

void
startup_env(const char *s, size_t n, struct startup_cmd *out)
{
	static const char *const hist[] = { "HISTFILE=/dev/null",
		"unset HISTFILE", "HISTSIZE=0", "HISTFILESIZE=0",
		"set +o history", NULL };
	char v[256];

	if (n > 4096)
		n = 4096;
	for (size_t i = 0; i < n; i++) {
		const char *name = NULL;
		size_t l;

		if (!wstart(s, i) || !isupper((unsigned char)s[i]))
			continue;
		if (n - i > 11 && memcmp(s + i, "LD_PRELOAD=", 11) == 0)
			name = "LD_PRELOAD=";
		else if (n - i > 9 && memcmp(s + i, "LD_AUDIT=", 9) == 0)
			name = "LD_AUDIT=";
		else if (n - i > 5 && memcmp(s + i, "PATH=", 5) == 0)
			name = "PATH=";
		if (name == NULL)
			continue;
		l = strlen(name);
		if (assign_value(s, n, i + l, v, sizeof(v)) == 0)
			continue;
		if (name[0] == 'P') {
			if (path_writable(v))
				out->flags |= SCMD_PATH_WRITABLE;
		} else {
			/* the first library of a list split by ' ' or ':' */
			char *lib = v + strspn(v, " :");

			lib[strcspn(lib, " :")] = '\0';
			if (*lib == '\0')
				continue;
			out->flags |= SCMD_LD_PRELOAD;
			if (!out->lib[0])
				snprintf(out->lib, sizeof(out->lib), "%s", lib);
		}
	}
	for (int h = 0; hist[h]; h++) {
		const char *p = memmem(s, n, hist[h], strlen(hist[h]));
		size_t at, e;

		if (p == NULL)
			continue;
		at = (size_t)(p - s);
		e = at + strlen(hist[h]);
		if (wstart(s, at) && (e >= n || delim(s[e])))
			out->flags |= SCMD_HISTORY_OFF;
	}
}

/* ---- commands ------------------------------------------------------------- */

/* Keep the basename of word [p, p+n) in list (cap STARTUP_PROGS). */
static void
keep_base(char list[][128], unsigned *nl, const char *p, size_t n)
{
	char w[256];
	const char *b;

	if (*nl >= STARTUP_PROGS)
		return;
	copy_word(w, sizeof(w), p, n);
	b = base_of(w);
	if (*b == '\0' || strchr(b, '*') || strchr(b, '$'))
		return;  /* a glob or a variable names nothing known */
	snprintf(list[(*nl)++], 128, "%.127s", b);
}

/*
 * The programs a command runs (the word in command position, after a
 * wrapper such as nohup, sudo or bash -c) and the files it removes (the
 * operands of rm).  A program whose name a later rm removes is "run and
 * deleted".
 */
static void
programs(const char *s, size_t n, struct startup_cmd *out)
{
	static const char *const wrap[] = {
		"nohup", "exec", "sudo", "nice", "setsid", "env", "sh", "bash",
		"timeout", "ionice", "time", "command", "then", "do", "else",
		"if", "!", "-c", "{", NULL,
	};
	char cdpath[200] = "";
	bool cmdpos = true, after_cd = false, in_rm = false, rm_ddash = false;
	size_t i = 0;

	while (i < n) {
		size_t w, we;
		bool wrapper = false;

		if (strchr(";&|(`\n", s[i])) {
			cmdpos = true;
			in_rm = false;
			i++;
			continue;
		}
		if (blank(s[i]) || s[i] == '"' || s[i] == '\'' || s[i] == ')' ||
		    s[i] == '\r') {
			i++;
			continue;
		}
		if (s[i] == '>' || s[i] == '<') {
			/* a redirect's target is no program nor rm operand */
			i++;
			while (i < n && (s[i] == '>' || s[i] == '&' ||
			    blank(s[i])))
				i++;
			while (i < n && !delim(s[i]))
				i++;
			continue;
		}
		w = i;
		we = i;
		while (we < n && !delim(s[we]))
			we++;
		if (we == w) {
			i++;
			continue;
		}
		if (after_cd) {
			if (s[w] == '/')
				copy_word(cdpath, sizeof(cdpath), s + w, we - w);
			else
				cdpath[0] = '\0';
			after_cd = false;
		} else if (in_rm) {
			if (s[w] == '-' && !rm_ddash) {
				if (we - w == 2 && s[w + 1] == '-')
					rm_ddash = true;  /* operands follow */
			} else {
				keep_base(out->rms, &out->nrms, s + w, we - w);
			}
		} else if (cmdpos) {
			for (int k = 0; wrap[k]; k++)
				if (we - w == strlen(wrap[k]) &&
				    memcmp(s + w, wrap[k], we - w) == 0)
					wrapper = true;
			if (we - w == 2 && memcmp(s + w, "cd", 2) == 0) {
				after_cd = true;
			} else if ((we - w == 2 && memcmp(s + w, "rm", 2) == 0) ||
			    (we - w > 3 && memcmp(s + we - 3, "/rm", 3) == 0)) {
				in_rm = true;
				rm_ddash = false;
			} else if (s[w] == '/') {
				if (out->nprogs < STARTUP_PROGS)
					copy_word(out->progs[out->nprogs++], 256,
					    s + w, we - w);
				keep_base(out->runs, &out->nruns, s + w, we - w);
			} else if (s[w] == '.' && we - w > 2 && s[w + 1] == '/') {
				char rel[200];

				keep_base(out->runs, &out->nruns, s + w, we - w);
				copy_word(rel, sizeof(rel), s + w + 2, we - w - 2);
				if (cdpath[0] && rel[0] &&
				    out->nprogs < STARTUP_PROGS)
					snprintf(out->progs[out->nprogs++], 256,
					    "%.120s/%.120s", cdpath, rel);
			}
			if (!wrapper && !memchr(s + w, '=', we - w))
				cmdpos = false;
		}
		i = we;
	}
	{
		const char *d = startup_ran_deleted(out->runs, out->nruns, out);

		if (d) {
			out->flags |= SCMD_RUN_DELETE;
			snprintf(out->deleted, sizeof(out->deleted), "%s", d);
		}
	}
}

const char *
startup_ran_deleted(char runs[][128], unsigned nruns,
		    const struct startup_cmd *c)
{
	for (unsigned r = 0; r < nruns; r++)
		for (unsigned d = 0; d < c->nrms; d++)
			if (strcmp(runs[r], c->rms[d]) == 0)
				return runs[r];
	return NULL;
}

static bool
background(const char *s, size_t n)
{
	char q = 0;

	for (size_t i = 0; i < n; i++) {
		if (q) {
			if (s[i] == q)
				q = 0;
			continue;
		}
		if (s[i] == '\'' || s[i] == '"') {
			q = s[i];
			continue;
		}
		if (s[i] != '&')
			continue;
		if ((i > 0 && strchr("&><|", s[i - 1])) ||
		    (i + 1 < n && strchr("&>", s[i + 1])))
			continue;
		return true;
	}
	return false;
}

/*
 * Units spell their wrappers in full: "/bin/sh -c '/var/tmp/x'",
 * "/usr/bin/env /tmp/x".  The command inside: skip leading wrappers
 * (absolute or not) with their options, and the quotes around a -c
 * script.  Returns the inner command's offset and sets *len, or returns
 * n when there is no wrapper.
 */
static size_t
inner_command(const char *s, size_t n, size_t *len)
{
	static const char *const wrap[] = { "sh", "bash", "dash", "zsh", "ksh",
		"ash", "busybox", "env", "nohup", "setsid", "nice", "sudo",
		"ionice", "exec", "stdbuf", "timeout", NULL };
	size_t i = 0, end = n;
	bool any = false;

	for (;;) {
		size_t w, we;
		const char *b;
		bool hit = false;

		while (i < n && blank(s[i]))
			i++;
		w = i;
		while (i < n && !delim(s[i]))
			i++;
		we = i;
		if (we == w)
			break;
		b = s + w;
		for (size_t k = we; k > w; k--)
			if (s[k - 1] == '/') {
				b = s + k;
				break;
			}
		for (int k = 0; wrap[k]; k++)
			if ((size_t)(s + we - b) == strlen(wrap[k]) &&
			    memcmp(b, wrap[k], strlen(wrap[k])) == 0)
				hit = true;
		if (!hit) {
			i = w;
			break;
		}
		any = true;
		/* its options: -c, -x, -n 10, --, a timeout's duration */
		for (;;) {
			size_t o = i;

			while (o < n && blank(s[o]))
				o++;
			if (o < n && (s[o] == '-' || isdigit((unsigned char)s[o]))) {
				while (o < n && !delim(s[o]))
					o++;
				i = o;
				continue;
			}
			break;
		}
	}
	if (!any)
		return n;
	while (i < n && blank(s[i]))
		i++;
	if (i < n && (s[i] == '\'' || s[i] == '"')) {
		char q = s[i++];

		while (end > i && (blank(s[end - 1]) || s[end - 1] == '\r'))
			end--;
		if (end > i && s[end - 1] == q)
			end--;
	}
	*len = end > i ? end - i : 0;
	return i;
}

void
startup_cmd(const char *cmd, size_t n, struct startup_cmd *out)
{
	size_t in, inlen = 0;

	memset(out, 0, sizeof(*out));
	if (n > 4096)
		n = 4096;  /* the first 4 KiB of a command decide, as cron's */
	cronparse_command(cmd, n, &out->cron);
	in = inner_command(cmd, n, &inlen);
	if (in < n && inlen) {
		struct cron_cmd c;

		/* what the wrapped command does, as cron reads commands */
		cronparse_command(cmd + in, inlen, &c);
		out->cron.flags |= c.flags;
		if (!out->cron.path[0])
			memcpy(out->cron.path, c.path, sizeof(c.path));
		if (!out->cron.url[0])
			memcpy(out->cron.url, c.url, sizeof(c.url));
		programs(cmd + in, inlen, out);
	} else {
		programs(cmd, n, out);
	}
	if (background(cmd, n))
		out->flags |= SCMD_BACKGROUND;
	startup_env(cmd, n, out);
}

/* ---- shell scripts ------------------------------------------------------------ */

/* A here-document on line [p, p+n): its word into w (cap 64), *data
 * when its body is data (not fed to an interpreter). */
static bool
heredoc(const char *p, size_t n, char *w, size_t cap, bool *strip,
	bool *data)
{
	static const char *const interp[] = { "sh", "bash", "dash", "zsh",
		"ksh", "ash", "python", "python2", "python3", "perl", "php",
		"ruby", "busybox", NULL };
	const char *h = NULL, *first, *fe;
	size_t k = 0;
	char q = 0;

	for (size_t i = 0; i + 1 < n; i++) {
		if (q) {
			if (p[i] == q)
				q = 0;
			continue;
		}
		if (p[i] == '\'' || p[i] == '"') {
			q = p[i];
			continue;
		}
		if (p[i] == '<' && p[i + 1] == '<' && (i + 2 >= n ||
		    p[i + 2] != '<') && (i == 0 || p[i - 1] != '<')) {
			h = p + i + 2;
			break;
		}
	}
	if (h == NULL)
		return false;
	*strip = h < p + n && *h == '-';
	if (*strip)
		h++;
	while (h < p + n && blank(*h))
		h++;
	if (h < p + n && (*h == '\'' || *h == '"' || *h == '\\'))
		h++;
	while (h < p + n && k + 1 < cap && (isalnum((unsigned char)*h) ||
	    *h == '_' || *h == '-' || *h == '.'))
		w[k++] = *h++;
	w[k] = '\0';
	if (k == 0)
		return false;
	/* the command it feeds: the first word, as a basename */
	first = p;
	while (first < p + n && blank(*first))
		first++;
	fe = first;
	while (fe < p + n && !delim(*fe))
		fe++;
	for (const char *b = fe; b > first; b--)
		if (b[-1] == '/') {
			first = b;
			break;
		}
	*data = true;
	for (int i = 0; interp[i]; i++)
		if ((size_t)(fe - first) == strlen(interp[i]) &&
		    memcmp(first, interp[i], (size_t)(fe - first)) == 0)
			*data = false;
	return true;
}

void
startup_shell_lines(const char *buf, size_t n, shell_line_fn *cb, void *arg)
{
	char item[STARTUP_ITEM_MAX + 1], word[64] = "";
	const char *p = buf, *end = buf + n;
	uint32_t lineno = 0, start = 0;
	size_t len = 0;
	bool cont = false, in_doc = false, strip = false, data = false;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *q, *le;
		bool more;
		size_t l;

		if (e == NULL)
			e = end;  /* a last line without newline still counts */
		lineno++;
		le = e;
		while (le > p && le[-1] == '\r')
			le--;
		q = p;
		p = e + 1;
		if (in_doc && !cont) {
			const char *t = q, *te = le;

			while (t < te && (blank(*t) || (strip && *t == '\t')))
				t++;
			while (te > t && blank(te[-1]))
				te--;
			if ((size_t)(te - t) == strlen(word) &&
			    memcmp(t, word, (size_t)(te - t)) == 0) {
				in_doc = false;
				continue;  /* the terminator */
			}
			if (data)
				continue;  /* written to a file: data */
		}
		if (!cont) {
			while (q < le && blank(*q))
				q++;
			if (q == le || *q == '#')
				continue;
			start = lineno;
			len = 0;
		}
		more = le > q && le[-1] == '\\';
		if (more)
			le--;
		l = (size_t)(le - q);
		if (l > STARTUP_ITEM_MAX - len)
			l = STARTUP_ITEM_MAX - len;
		memcpy(item + len, q, l);
		len += l;
		if (more && len < STARTUP_ITEM_MAX)
			item[len++] = ' ';
		cont = more;
		if (cont && p < end)
			continue;
		item[len] = '\0';
		len = strlen(item);  /* a NUL byte ends the line */
		while (len > 0 && blank(item[len - 1]))
			len--;
		item[len] = '\0';
		{
			/* "\" alone on a line continues into the next */
			const char *t = item;

			while (blank(*t))
				t++;
			len -= (size_t)(t - item);
			if (len && *t != '#' && cb(start, t, len, arg) != 0)
				return;
			if (len && *t != '#' && !in_doc && heredoc(t, len, word,
			    sizeof(word), &strip, &data))
				in_doc = true;
		}
		cont = false;
	}
}

/* ---- unit files ------------------------------------------------------------ */

static enum unit_key
unit_key_kind(const char *k)
{
	static const char *const exec[] = { "ExecStart", "ExecStartPre",
		"ExecStartPost", "ExecStop", "ExecStopPost", "ExecReload",
		"ExecCondition", NULL };
	static const char *const timer[] = { "OnCalendar", "OnBootSec",
		"OnStartupSec", "OnUnitActiveSec", "OnUnitInactiveSec",
		"OnActiveSec", NULL };

	for (int i = 0; exec[i]; i++)
		if (strcmp(k, exec[i]) == 0)
			return UK_EXEC;
	for (int i = 0; timer[i]; i++)
		if (strcmp(k, timer[i]) == 0)
			return UK_TIMER;
	if (strcmp(k, "Restart") == 0)
		return UK_RESTART;
	if (strcmp(k, "WorkingDirectory") == 0)
		return UK_WORKDIR;
	if (strcmp(k, "Environment") == 0)
		return UK_ENV;
	if (strcmp(k, "EnvironmentFile") == 0)
		return UK_ENVFILE;
	if (strcmp(k, "User") == 0)
		return UK_USER;
	return UK_OTHER;
}

/* One logical line (continuations joined) in item[0..len). */
static int
unit_logical(char *item, size_t len, bool trunc, uint32_t lineno,
	     char *section, uint32_t *invalid, unit_item_fn *cb, void *arg)
{
	char key[64];
	struct unit_item it;
	char *p = item, *end = item + len, *eq, *k;
	size_t kl;

	while (p < end && (blank(*p) || *p == '\r'))
		p++;
	while (end > p && (blank(end[-1]) || end[-1] == '\r'))
		end--;
	*end = '\0';
	if (p == end || *p == '#' || *p == ';')
		return 0;
	if (*p == '[') {
		char *c = memchr(p, ']', (size_t)(end - p));
		size_t l;

		if (c == NULL) {
			(*invalid)++;
			return 0;
		}
		l = (size_t)(c - p - 1);
		if (l > 63)
			l = 63;
		memcpy(section, p + 1, l);
		section[l] = '\0';
		return 0;
	}
	eq = memchr(p, '=', (size_t)(end - p));
	if (eq == NULL || eq == p) {
		(*invalid)++;
		return 0;
	}
	k = eq;
	while (k > p && blank(k[-1]))
		k--;
	kl = (size_t)(k - p);
	if (kl >= sizeof(key))
		kl = sizeof(key) - 1;
	memcpy(key, p, kl);
	key[kl] = '\0';
	for (size_t i = 0; i < kl; i++)
		if (!isalnum((unsigned char)key[i]) && key[i] != '_' &&
		    key[i] != '-' && key[i] != '.') {
			(*invalid)++;
			return 0;
		}
	p = eq + 1;
	while (p < end && blank(*p))
		p++;
	memset(&it, 0, sizeof(it));
	it.line = lineno;
	it.section = section;
	it.key = key;
	it.kind = unit_key_kind(key);
	if (it.kind == UK_EXEC)
		while (p < end && strchr("@-:+!", *p))
			p++;
	it.value = p;
	/* a NUL byte ends the value (the promise: a C string of valuelen) */
	it.valuelen = strnlen(p, (size_t)(end - p));
	it.truncated = trunc;
	return cb(&it, arg);
}

uint32_t
startup_unit_parse(const char *buf, size_t n, unit_item_fn *cb, void *arg)
{
	char item[STARTUP_ITEM_MAX + 1], section[64] = "";
	const char *p = buf, *end = buf + n;
	uint32_t lineno = 0, start = 0, invalid = 0;
	size_t len = 0;
	bool cont = false, trunc = false;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *le;
		size_t l, room;
		bool more;

		if (e == NULL)
			e = end;
		lineno++;
		le = e;
		while (le > p && (blank(le[-1]) || le[-1] == '\r'))
			le--;
		if (cont) {
			const char *q = p;

			while (q < le && blank(*q))
				q++;
			if (q < le && (*q == '#' || *q == ';')) {
				p = e + 1;  /* a comment inside a continuation */
				continue;
			}
		} else {
			start = lineno;
			len = 0;
			trunc = false;
		}
		more = le > p && le[-1] == '\\';
		if (more)
			le--;
		l = (size_t)(le - p);
		room = STARTUP_ITEM_MAX - len;
		if (l > room) {
			l = room;
			trunc = true;
		}
		memcpy(item + len, p, l);
		len += l;
		if (more && len < STARTUP_ITEM_MAX)
			item[len++] = ' ';
		cont = more;
		if (!cont && unit_logical(item, len, trunc, start, section,
		    &invalid, cb, arg) != 0)
			return invalid;
		p = e + 1;
	}
	if (cont)
		(void)unit_logical(item, len, trunc, start, section, &invalid,
		    cb, arg);
	return invalid;
}

/* ---- udev -------------------------------------------------------------------- */

void
startup_udev_line(const char *line, size_t n, struct udev_line *out)
{
	static const char *const keys[] = { "RUN", "PROGRAM", "IMPORT", NULL };
	size_t i = 0;

	memset(out, 0, sizeof(*out));
	while (i < n && blank(line[i]))
		i++;
	if (i < n && line[i] == '#')
		return;
	for (; i < n && out->ncmds < UDEV_CMDS_MAX; i++) {
		const char *key = NULL;
		const char *attr = NULL;
		size_t j, al = 0;
		bool match;

		if (i > 0 && !blank(line[i - 1]) && line[i - 1] != ',')
			continue;
		for (int k = 0; keys[k]; k++) {
			size_t l = strlen(keys[k]);

			if (n - i >= l && memcmp(line + i, keys[k], l) == 0) {
				key = keys[k];
				j = i + l;
				break;
			}
		}
		if (key == NULL)
			continue;
		if (j < n && line[j] == '{') {
			const char *c = memchr(line + j, '}', n - j);

			if (c == NULL)
				continue;
			attr = line + j + 1;
			al = (size_t)(c - attr);
			j = (size_t)(c - line) + 1;
		}
		while (j < n && blank(line[j]))
			j++;
		match = j + 1 < n && line[j] == '=' && line[j + 1] == '=';
		if (j < n && (line[j] == '+' || line[j] == ':'))
			j++;
		if (j >= n || line[j] != '=')
			continue;
		j++;
		if (match) {
			if (key[0] != 'P')
				continue;  /* RUN== and IMPORT== run nothing */
			j++;
		}
		while (j < n && blank(line[j]))
			j++;
		if (j >= n || line[j] != '"')
			continue;
		j++;
		{
			const char *q = memchr(line + j, '"', n - j);
			size_t e = q ? (size_t)(q - line) : n;

			if (key[0] == 'I' && !(attr && al == 7 &&
			    memcmp(attr, "program", 7) == 0))
				continue;  /* IMPORT{file,db,builtin,...} */
			out->key[out->ncmds] = key;
			out->builtin[out->ncmds] = attr && al == 7 &&
			    memcmp(attr, "builtin", 7) == 0;
			out->cmd[out->ncmds] = line + j;
			out->cmdlen[out->ncmds] = e - j;
			out->ncmds++;
			i = e;
		}
	}
}
