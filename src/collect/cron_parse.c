/* cron_parse.c - crontab lines and their commands (see cron_parse.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cron_parse.h"

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The next whitespace-separated field of [*p, end). */
static bool
field(const char **p, const char *end, const char **f, size_t *fl)
{
	const char *s = *p;

	while (s < end && blank(*s))
		s++;
	if (s == end)
		return false;
	*f = s;
	while (s < end && !blank(*s))
		s++;
	*fl = (size_t)(s - *f);
	*p = s;
	return true;
}

/* Characters a time field may hold (numbers, ranges, steps, names). */
static bool
time_field_ok(const char *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)f[i]) && !strchr("*,-/", f[i]))
			return false;
	return n > 0;
}

static unsigned
num(const char *s, const char *end, const char **after)
{
	unsigned v = 0;

	while (s < end && *s >= '0' && *s <= '9' && v < 100000)
		v = v * 10 + (unsigned)(*s++ - '0');
	*after = s;
	return v;
}

/*
 * The smallest gap, in units, between two firings of a minute (range 60)
 * or hour (range 24) field, or `range` when it fires once.  Unparsable
 * parts count as one firing: the estimate errs towards "rare".
 */
static unsigned
field_step(const char *f, size_t n, unsigned range)
{
	bool hit[60] = { false };
	const char *p = f, *end = f + n;
	unsigned count = 0, first = 0, prev = 0, best = range;

	while (p < end) {
		const char *e = memchr(p, ',', (size_t)(end - p)), *q;
		unsigned lo, hi, step = 1;

		if (e == NULL)
			e = end;
		if (*p == '*') {
			lo = 0;
			hi = range - 1;
			q = p + 1;
		} else {
			lo = num(p, e, &q);
			hi = lo;
			if (q < e && *q == '-')
				hi = num(q + 1, e, &q);
		}
		if (q < e && *q == '/') {
			step = num(q + 1, e, &q);
			if (step == 0)
				step = range;
		}
		for (unsigned v = lo; v <= hi && v < range; v += step)
			hit[v] = true;
		p = e < end ? e + 1 : end;
	}
	for (unsigned v = 0; v < range; v++) {
		if (!hit[v])
			continue;
		if (count == 0)
			first = v;
		else if (v - prev < best)
			best = v - prev;
		prev = v;
		count++;
	}
	if (count > 1 && range - prev + first < best)
		best = range - prev + first;
	return count ? best : range;
}

static uint32_t
interval_of(const char *min, size_t minl, const char *hour, size_t hourl)
{
	unsigned m = field_step(min, minl, 60), h;

	if (m < 60)
		return m;
	h = field_step(hour, hourl, 24);
	return h < 24 ? 60 * h : CRON_RARE;
}

static bool
nickname(const char *f, size_t n, uint32_t *interval)
{
	static const struct {
		const char *name;
		uint32_t interval;
	} nk[] = {
		{ "@reboot", CRON_AT_REBOOT }, { "@hourly", 60 },
		{ "@daily", CRON_RARE }, { "@midnight", CRON_RARE },
		{ "@weekly", CRON_RARE }, { "@monthly", CRON_RARE },
		{ "@yearly", CRON_RARE }, { "@annually", CRON_RARE },
	};

	for (size_t i = 0; i < sizeof(nk) / sizeof(nk[0]); i++)
		if (strlen(nk[i].name) == n && memcmp(nk[i].name, f, n) == 0) {
			*interval = nk[i].interval;
			return true;
		}
	return false;
}

static void
rest(const char *p, const char *end, struct cron_line *out)
{
	while (p < end && blank(*p))
		p++;
	while (end > p && (blank(end[-1]) || end[-1] == '\r'))
		end--;
	out->cmd = p;
	out->cmdlen = (size_t)(end - p);
	out->kind = out->cmdlen ? CRONL_JOB : CRONL_INVALID;
}

void
cronparse_line(const char *line, size_t n, enum cron_format fmt,
	       struct cron_line *out)
{
	const char *p = line, *end = line + n, *f[5];
	size_t fl[5];

	memset(out, 0, sizeof(*out));
	out->interval = CRON_RARE;
	while (p < end && blank(*p))
		p++;
	if (p == end || *p == '#' || (end - p == 1 && *p == '\r')) {
		out->kind = CRONL_BLANK;
		return;
	}
	for (const char *c = p; c < end; c++)
		if ((unsigned char)*c < 0x20 && *c != '\t' && *c != '\r') {
			out->kind = CRONL_INVALID;  /* binary noise */
			return;
		}
	if (isalpha((unsigned char)*p) || *p == '_') {
		const char *q = p;

		while (q < end && (isalnum((unsigned char)*q) || *q == '_'))
			q++;
		while (q < end && blank(*q))
			q++;
		out->kind = q < end && *q == '=' ? CRONL_ENV : CRONL_INVALID;
		return;
	}
	out->kind = CRONL_INVALID;
	if (fmt == CRON_ANACRON) {
		/* period (days or @nickname), delay (minutes), job id */
		const char *per, *delay, *id;
		size_t perl, delayl, idl;
		const char *q;
		unsigned days;

		if (!field(&p, end, &per, &perl) ||
		    !field(&p, end, &delay, &delayl) ||
		    !field(&p, end, &id, &idl))
			return;
		if (*per == '@') {
			if (!nickname(per, perl, &out->interval))
				return;
		} else {
			days = num(per, per + perl, &q);
			if (q != per + perl || days == 0)
				return;
			out->interval = CRON_RARE;  /* a day at the least */
		}
		out->sched = per;
		out->schedlen = (size_t)(id + idl - per);
		rest(p, end, out);
		return;
	}
	if (*p == '@') {
		if (!field(&p, end, &f[0], &fl[0]) ||
		    !nickname(f[0], fl[0], &out->interval))
			return;
		out->sched = f[0];
		out->schedlen = fl[0];
	} else {
		for (int i = 0; i < 5; i++)
			if (!field(&p, end, &f[i], &fl[i]) ||
			    !time_field_ok(f[i], fl[i]))
				return;
		out->sched = f[0];
		out->schedlen = (size_t)(f[4] + fl[4] - f[0]);
		out->interval = interval_of(f[0], fl[0], f[1], fl[1]);
	}
	if (fmt == CRON_SYSTEM &&
	    !field(&p, end, &out->user, &out->userlen))
		return;
	rest(p, end, out);
}

/* ---- commands ------------------------------------------------------------ */

/* Does a word start at i (not inside another word or path)? */
static bool
word_start(const char *s, size_t i)
{
	return i == 0 || strchr(" \t|;&(`'\"=/$>", s[i - 1]) != NULL;
}

static bool
word_end(const char *s, size_t n, size_t j)
{
	return j >= n || strchr(" \t|;&)`'\"<>", s[j]) != NULL;
}

/* A word w (lower case) at i in the lowered command. */
static bool
word_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t l = strlen(w);

	return i + l <= n && memcmp(s + i, w, l) == 0 && word_start(s, i) &&
	    word_end(s, n, i + l);
}

static bool
has_word(const char *s, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == w[0] && word_at(s, n, i, w))
			return true;
	return false;
}

static bool
has(const char *s, size_t n, const char *sub)
{
	return memmem(s, n, sub, strlen(sub)) != NULL;
}

static bool
starts(const char *s, size_t n, const char *p)
{
	size_t l = strlen(p);

	return n >= l && memcmp(s, p, l) == 0;
}

static void
copy_until(char *dst, size_t cap, const char *p, size_t n)
{
	size_t k = 0;

	while (k < n && k + 1 < cap && !strchr(" \t|;&)`'\"<>", p[k]) &&
	    (unsigned char)p[k] >= 0x20 && (unsigned char)p[k] < 0x7f)
		k++;
	memcpy(dst, p, k);
	dst[k] = '\0';
}

/* An interpreter right after a pipe: "| sh", "|/bin/bash -s", ... */
static bool
pipe_to_shell(const char *s, size_t n)
{
	static const char *const sh[] = {
		"sh", "bash", "dash", "zsh", "ksh", "ash", "python", "python2",
		"python3", "perl", "php", "ruby", "busybox", NULL,
	};

	for (size_t i = 0; i < n; i++) {
		size_t j = i + 1, k;

		if (s[i] != '|' || (j < n && s[j] == '|') ||
		    (i > 0 && s[i - 1] == '|'))
			continue;
		while (j < n && blank(s[j]))
			j++;
		/* sudo or env in between */
		if (n - j > 5 && memcmp(s + j, "sudo ", 5) == 0)
			j += 5;
		k = j;
		while (k < n && !blank(s[k]) && !strchr(";|&)", s[k]))
			k++;
		/* the basename of the word after the pipe */
		for (size_t b = k; b > j; b--)
			if (s[b - 1] == '/') {
				j = b;
				break;
			}
		for (int w = 0; sh[w]; w++)
			if (k - j == strlen(sh[w]) && memcmp(s + j, sh[w],
			    k - j) == 0)
				return true;
	}
	return false;
}

static bool
ipv4_at(const char *s, size_t n, size_t i, size_t *len)
{
	size_t j = i;

	for (int part = 0; part < 4; part++) {
		size_t d = 0;

		while (j < n && s[j] >= '0' && s[j] <= '9' && d < 4) {
			j++;
			d++;
		}
		if (d == 0 || d > 3)
			return false;
		if (part < 3) {
			if (j >= n || s[j] != '.')
				return false;
			j++;
		}
	}
	if (j < n && (isalnum((unsigned char)s[j]) || s[j] == '.'))
		return false;
	if (j + 1 < n && s[j] == ':' && s[j + 1] >= '0' && s[j + 1] <= '9') {
		j++;
		while (j < n && s[j] >= '0' && s[j] <= '9')
			j++;
	}
	*len = j - i;
	return true;
}

/* A path token at i: classify it (writable dir, dot-directory). */
static unsigned
path_kind(const char *s, size_t n, size_t i, size_t *len)
{
	static const char *const wdirs[] = { "/tmp", "/var/tmp", "/dev/shm",
		"/run/shm", NULL };
	size_t j = i;
	unsigned k = 0;

	while (j < n && !strchr(" \t|;&)`'\"<>", s[j]))
		j++;
	*len = j - i;
	for (int w = 0; wdirs[w]; w++) {
		size_t l = strlen(wdirs[w]);

		if (*len >= l && memcmp(s + i, wdirs[w], l) == 0 &&
		    (*len == l || s[i + l] == '/'))
			k |= CMD_WRITABLE;
	}
	for (size_t c = i; c + 1 < j; c++)
		if (s[c] == '/' && s[c + 1] == '.' && c + 2 < j &&
		    s[c + 2] != '/' && !(s[c + 2] == '.' && (c + 3 == j ||
		    s[c + 3] == '/')))
			k |= CMD_HIDDEN;
	return k;
}

/*
 * The programs a command runs: the word in command position (at the
 * start, after ; & | ( ` or a wrapper such as nohup or sudo).  One run
 * from a world-writable or hidden directory sets the flag and path; so
 * does "./x" after "cd /tmp".  Paths given as arguments (find /tmp
 * -delete, > /tmp/log) run nothing.
 */
static void
programs(const char *s, const char *cmd, size_t n, struct cron_cmd *out)
{
	static const char *const wrap[] = {
		"nohup", "exec", "sudo", "nice", "setsid", "env", "sh", "bash",
		"timeout", "ionice", "time", "command", "then", "do", "else",
		"if", "!", NULL,
	};
	bool cmdpos = true, after_cd = false;
	unsigned cdkind = 0;
	char cdpath[256] = "";
	size_t i = 0, len;

	while (i < n) {
		size_t w, we;
		bool wrapper = false;

		if (strchr(";&|(`\n", s[i])) {
			cmdpos = true;
			i++;
			continue;
		}
		if (blank(s[i]) || s[i] == '"' || s[i] == '\'' || s[i] == '>' ||
		    s[i] == '<' || s[i] == ')') {
			if (s[i] == '>' || s[i] == '<')
				cmdpos = false;  /* a redirect's target */
			i++;
			continue;
		}
		w = i;
		we = i;
		while (we < n && !blank(s[we]) && !strchr(";&|()`<>\n", s[we]))
			we++;
		if (after_cd) {
			if (s[w] == '/') {
				cdkind = path_kind(s, n, w, &len);
				copy_until(cdpath, sizeof(cdpath), cmd + w, len);
			} else {
				cdkind = 0;
			}
			after_cd = false;
		} else if (cmdpos) {
			for (int k = 0; wrap[k]; k++)
				if (we - w == strlen(wrap[k]) &&
				    memcmp(s + w, wrap[k], we - w) == 0)
					wrapper = true;
			if (we - w == 2 && memcmp(s + w, "cd", 2) == 0) {
				after_cd = true;
			} else if (s[w] == '/' || (s[w] == '"' && w + 1 < n &&
			    s[w + 1] == '/')) {
				size_t at = s[w] == '"' ? w + 1 : w;
				unsigned k = path_kind(s, n, at, &len);

				if (k && !out->path[0])
					copy_until(out->path, sizeof(out->path),
					    cmd + at, len);
				out->flags |= k;
			} else if (s[w] == '.' && w + 1 < n && s[w + 1] == '/' &&
			    cdkind) {
				out->flags |= cdkind;
				if (!out->path[0])
					snprintf(out->path, sizeof(out->path),
					    "%s", cdpath);
			}
			/* VAR=value before the command keeps the position */
			if (!wrapper && !memchr(s + w, '=', we - w))
				cmdpos = false;
		}
		i = we > i ? we : i + 1;
	}
}

void
cronparse_command(const char *cmd, size_t n, struct cron_cmd *out)
{
	static const char *const dl[] = {
		"curl", "wget", "fetch", "tftp", "lwp-download", "lynx",
		"aria2c", "axel", "scp", "sftp", "ftpget", "wget2", NULL,
	};
	static const char *const dec[] = {
		"base64 -d", "base64 --decode", "base64 -di", "base64 -D",
		"xxd -r", "openssl enc -d", "openssl base64 -d", "uudecode",
		"gzip -d", "gunzip", NULL,
	};
	static const char *const inl[] = {
		"sh -c", "bash -c", "python -c", "python3 -c", "python2 -c",
		"perl -e", "php -r", "ruby -e", "eval", NULL,
	};
	char s[4096];

	memset(out, 0, sizeof(*out));
	if (n > sizeof(s))
		n = sizeof(s);  /* the first 4 KiB of a command decide */
	for (size_t i = 0; i < n; i++)
		s[i] = (char)tolower((unsigned char)cmd[i]);
	for (int i = 0; dl[i]; i++)
		if (has_word(s, n, dl[i]))
			out->flags |= CMD_DOWNLOAD;
	if (has(s, n, "/dev/tcp/") || has(s, n, "/dev/udp/") ||
	    has(s, n, "urllib") || has(s, n, "invoke-webrequest"))
		out->flags |= CMD_DOWNLOAD;
	for (int i = 0; dec[i]; i++)
		if (has(s, n, dec[i]))
			out->flags |= CMD_DECODE;
	for (int i = 0; inl[i]; i++)
		if (has_word(s, n, inl[i]) || (strchr(inl[i], ' ') &&
		    has(s, n, inl[i])))
			out->flags |= CMD_INLINE;
	if (pipe_to_shell(s, n))
		out->flags |= CMD_SHELL_PIPE;
	if ((out->flags & CMD_DOWNLOAD) && has(s, n, "chmod") &&
	    (has(s, n, "+x") || has(s, n, "chmod 7") || has(s, n, "chmod 5")))
		out->flags |= CMD_EXEC_FETCHED;
	for (size_t i = 0; i < n; i++) {
		size_t len;

		if (!out->url[0] && word_start(s, i) &&
		    (starts(s + i, n - i, "http://") ||
		    starts(s + i, n - i, "https://") ||
		    starts(s + i, n - i, "ftp://"))) {
			copy_until(out->url, sizeof(out->url), cmd + i, n - i);
			out->flags |= CMD_URL;
		} else if (!out->url[0] && s[i] >= '0' && s[i] <= '9' &&
		    (i == 0 || !isalnum((unsigned char)s[i - 1])) &&
		    (i == 0 || (s[i - 1] != '.' && s[i - 1] != '-')) &&
		    ipv4_at(s, n, i, &len)) {
			copy_until(out->url, sizeof(out->url), cmd + i, n - i);
			out->flags |= CMD_URL;
		}
	}
	programs(s, cmd, n, out);
}

enum cron_magic
cronparse_magic(const char *buf, size_t n)
{
	size_t ctl = 0, m = n < 4096 ? n : 4096;

	if (n >= 9 && memcmp(buf, "REDIS", 5) == 0 &&
	    isdigit((unsigned char)buf[5]) && isdigit((unsigned char)buf[6]) &&
	    isdigit((unsigned char)buf[7]) && isdigit((unsigned char)buf[8]))
		return CRONM_REDIS;
	if (n >= 4 && memcmp(buf, "\x7f" "ELF", 4) == 0)
		return CRONM_ELF;
	for (size_t i = 0; i < m; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == 0)
			return CRONM_BINARY;
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\f' && c != '\v')
			ctl++;
	}
	return ctl * 10 > m ? CRONM_BINARY : CRONM_TEXT;
}
