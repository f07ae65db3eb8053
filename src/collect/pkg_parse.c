/*
 * pkg_parse.c - dpkg database and PAM configuration lines (pkg_parse.h).
 *
 * Everything here is bounded by the lengths it is given and returns
 * pointers into its input.  A control byte in a path (a NUL, a newline
 * smuggled through a file name) makes the line invalid: dpkg never writes
 * one, and a path we cannot print faithfully is not one we match.
 */
#include <string.h>

#include "pkg_parse.h"

static bool
path_ok(const char *p, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			return false;
	return true;
}

bool
pkgparse_list_line(const char *line, size_t n, const char **path,
		   size_t *pathlen)
{
	while (n > 1 && line[n - 1] == '/')
		n--;
	if (n < 2 || line[0] != '/' || !path_ok(line, n))
		return false;
	if (n == 2 && line[1] == '.')
		return false;  /* "/.": the root itself */
	*path = line;
	*pathlen = n;
	return true;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* 32 hex digits at p (n bytes available) into md5 (lower case). */
static bool
md5_at(const char *p, size_t n, char md5[33])
{
	static const char digits[] = "0123456789abcdef";

	if (n < 32)
		return false;
	for (size_t i = 0; i < 32; i++) {
		int v = hexval(p[i]);

		if (v < 0)
			return false;
		md5[i] = digits[v];
	}
	md5[32] = '\0';
	return true;
}

bool
pkgparse_md5_line(const char *line, size_t n, char md5[33], const char **path,
		  size_t *pathlen)
{
	size_t i = 32;

	if (!md5_at(line, n, md5))
		return false;
	/* "  path"; be lenient about one space or a '*' (binary mode) */
	if (i >= n || line[i] != ' ')
		return false;
	i++;
	if (i < n && (line[i] == ' ' || line[i] == '*'))
		i++;
	while (n > i && line[n - 1] == '/')
		n--;
	if (i < n && line[i] == '/')
		i++;
	if (i >= n || !path_ok(line + i, n - i))
		return false;
	*path = line + i;
	*pathlen = n - i;
	return true;
}

bool
pkgparse_conffile_line(const char *line, size_t n, const char **path,
		       size_t *pathlen, char md5[33], bool *obsolete)
{
	size_t i = 0, ps, pe, hs, he;

	*obsolete = false;
	md5[0] = '\0';
	if (n == 0 || line[0] != ' ')
		return false;  /* not a continuation line */
	while (i < n && line[i] == ' ')
		i++;
	if (i >= n || line[i] != '/')
		return false;
	/* the path may hold spaces: the digest is the second-last or last
	 * word, so split from the end */
	pe = n;
	while (pe > i && line[pe - 1] == ' ')
		pe--;
	he = pe;
	hs = he;
	while (hs > i && line[hs - 1] != ' ')
		hs--;
	if (he - hs == 8 && memcmp(line + hs, "obsolete", 8) == 0) {
		*obsolete = true;
		he = hs;
		while (he > i && line[he - 1] == ' ')
			he--;
		hs = he;
		while (hs > i && line[hs - 1] != ' ')
			hs--;
	}
	if (hs <= i)
		return false;  /* one word: a path without digest */
	pe = hs;
	while (pe > i && line[pe - 1] == ' ')
		pe--;
	ps = i;
	while (pe > ps + 1 && line[pe - 1] == '/')
		pe--;
	if (pe <= ps || !path_ok(line + ps, pe - ps))
		return false;
	if (he - hs != 32 || !md5_at(line + hs, he - hs, md5))
		md5[0] = '\0';  /* "newconffile" and friends */
	*path = line + ps;
	*pathlen = pe - ps;
	return true;
}

size_t
pkgparse_info_name(const char *name, const char *suffix)
{
	size_t n = strlen(name), sl = strlen(suffix), colons = 0;

	if (n <= sl || memcmp(name + n - sl, suffix, sl) != 0)
		return 0;
	n -= sl;
	if (!((name[0] >= 'a' && name[0] <= 'z') ||
	    (name[0] >= '0' && name[0] <= '9')))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];

		if (c == ':') {
			if (++colons > 1 || i + 1 == n)
				return 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '+' || c == '-' || c == '.' || c == '_'))
			return 0;
	}
	return n;
}

static const struct {
	const char *top;
	unsigned bit;
} merged_tops[] = {
	{ "bin", PKGM_BIN }, { "sbin", PKGM_SBIN }, { "lib", PKGM_LIB },
	{ "lib32", PKGM_LIB32 }, { "lib64", PKGM_LIB64 },
	{ "libx32", PKGM_LIBX32 },
};

unsigned
pkgparse_merged_bit(const char *top)
{
	for (size_t i = 0; i < sizeof(merged_tops) / sizeof(merged_tops[0]);
	    i++)
		if (strcmp(top, merged_tops[i].top) == 0)
			return merged_tops[i].bit;
	return 0;
}

size_t
pkgparse_canon(const char *path, size_t n, unsigned merged, char *out,
	       size_t cap)
{
	size_t o = 0, tl;
	const char *p = path;

	while (n > 0 && p[0] == '/') {
		p++;
		n--;
	}
	while (n > 0 && p[n - 1] == '/')
		n--;
	if (n == 0 || cap < 2)
		return 0;
	/* the first component */
	tl = 0;
	while (tl < n && p[tl] != '/')
		tl++;
	if (tl < n && tl <= 6) {
		char top[8];

		memcpy(top, p, tl);
		top[tl] = '\0';
		if (merged & pkgparse_merged_bit(top)) {
			if (cap < 5)
				return 0;
			memcpy(out, "/usr", 4);
			o = 4;
		}
	}
	if (o + 1 + n + 1 > cap)
		return 0;
	out[o++] = '/';
	memcpy(out + o, p, n);
	o += n;
	out[o] = '\0';
	return o;
}

size_t
pkgparse_diversions(const char *text, size_t n, pkgparse_div_fn *cb, void *arg)
{
	const char *p = text, *end = text + n, *f[3] = { 0 };
	size_t fl[3] = { 0 }, k = 0, count = 0;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));

		if (e == NULL)
			e = end;
		f[k] = p;
		fl[k] = (size_t)(e - p);
		p = e + 1;
		if (++k < 3)
			continue;
		k = 0;
		if (fl[0] < 2 || f[0][0] != '/' || !path_ok(f[0], fl[0]) ||
		    fl[1] < 2 || f[1][0] != '/' || !path_ok(f[1], fl[1]) ||
		    fl[2] == 0 || !path_ok(f[2], fl[2]))
			continue;
		count++;
		if (cb(f[0], fl[0], f[1], fl[1], f[2], fl[2], arg))
			break;
	}
	return count;
}

/* The next word of [*p, end) (blanks are spaces and tabs). */
static bool
word(const char **p, const char *end, const char **w, size_t *wl)
{
	const char *s = *p;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s >= end)
		return false;
	*w = s;
	while (s < end && *s != ' ' && *s != '\t')
		s++;
	*wl = (size_t)(s - *w);
	*p = s;
	return true;
}

static bool
is_type(const char *w, size_t l)
{
	static const char *const types[] = { "auth", "account", "password",
		"session", NULL };

	for (int i = 0; types[i]; i++)
		if (strlen(types[i]) == l && strncmp(w, types[i], l) == 0)
			return true;
	return false;
}

void
pkgparse_pam_line(const char *line, size_t n, bool with_service,
		  struct pam_line *out)
{
	const char *p = line, *end = line + n, *w;
	size_t wl;

	memset(out, 0, sizeof(*out));
	if (n > 0 && line[n - 1] == '\r')
		end--;
	if (!word(&p, end, &w, &wl) || w[0] == '#')
		return;
	if (w[0] == '@') {
		out->kind = PAML_INCLUDE;
		return;
	}
	if (with_service && !word(&p, end, &w, &wl))
		return;
	if (w[0] == '-') {
		out->optional_dash = true;
		w++;
		wl--;
	}
	if (!is_type(w, wl))
		return;
	out->type = w;
	out->typelen = wl;
	/* control: a word, or [ ... ] which may hold blanks */
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end)
		return;
	if (*p == '[') {
		const char *c = memchr(p, ']', (size_t)(end - p));

		if (c == NULL)
			return;
		p = c + 1;
	} else {
		if (!word(&p, end, &w, &wl))
			return;
		if ((wl == 7 && strncmp(w, "include", 7) == 0) ||
		    (wl == 8 && strncmp(w, "substack", 8) == 0)) {
			out->kind = PAML_INCLUDE;
			return;
		}
	}
	if (!word(&p, end, &w, &wl) || !path_ok(w, wl))
		return;
	out->kind = PAML_MODULE;
	out->module = w;
	out->modlen = wl;
}
