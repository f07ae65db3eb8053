/*
 * fuzz_dpkg.c - the dpkg database and PAM line parsers (pkg_parse.c) on
 * files from an image or a database a root intruder may have written.
 *
 * Input: byte 0 picks the file kind (.list, .md5sums, status conffile
 * lines, diversions, a PAM service file, /etc/pam.conf, an info file
 * name), byte 1 the usr-merge bits, the rest is the file, split at '\n' as
 * pkg.c splits it.  Checked: every pointer returned lies inside its line;
 * a path has no control byte; a list path is absolute; an MD5 is 32 lower
 * case hex digits; canonicalisation of a path returns a NUL-terminated
 * absolute path that fits, and is idempotent; a package name is a prefix
 * of the file name made of allowed bytes; diversion triples hold absolute
 * paths inside the input.
 */
#include "collect/pkg_parse.h"
#include "fuzz.h"

static bool
inside(const char *p, size_t n, const char *b, size_t bn)
{
	return p >= b && p + n <= b + bn;
}

static void
check_path(const char *p, size_t n)
{
	FUZZ_CHECK(n > 0);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK((unsigned char)p[i] >= 0x20 && p[i] != 0x7f);
}

static void
check_md5(const char *m)
{
	FUZZ_CHECK(strlen(m) == 32);
	for (size_t i = 0; i < 32; i++)
		FUZZ_CHECK((m[i] >= '0' && m[i] <= '9') ||
		    (m[i] >= 'a' && m[i] <= 'f'));
}

static void
check_canon(const char *p, size_t n, unsigned merged)
{
	char out[256], again[256];
	size_t l = pkgparse_canon(p, n, merged, out, sizeof(out));

	if (l == 0)
		return;
	FUZZ_CHECK(l < sizeof(out) && out[l] == '\0' && strlen(out) == l);
	FUZZ_CHECK(out[0] == '/');
	FUZZ_CHECK(pkgparse_canon(out, l, merged, again, sizeof(again)) == l);
	FUZZ_CHECK(strcmp(out, again) == 0);
}

static int
div_cb(const char *f, size_t fl, const char *t, size_t tl, const char *b,
       size_t bl, void *arg)
{
	const char *const *in = arg;
	size_t n = (size_t)(in[1] - in[0]);

	FUZZ_CHECK(inside(f, fl, in[0], n) && inside(t, tl, in[0], n) &&
	    inside(b, bl, in[0], n));
	FUZZ_CHECK(f[0] == '/' && t[0] == '/' && bl > 0);
	check_path(f, fl);
	check_path(t, tl);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned kind, merged;
	const char *p, *end;
	char *s;

	if (size < 2)
		return 0;
	kind = data[0] % 7;
	merged = data[1] & 0x3f;
	s = fuzz_dup(data + 2, size - 2);
	end = s + size - 2;
	if (kind == 3) {
		const char *in[2] = { s, end };

		(void)pkgparse_diversions(s, size - 2, div_cb, in);
		free(s);
		return 0;
	}
	if (kind == 6) {
		char *name = fuzz_dup(data + 2, size - 2);
		size_t n;

		if (memchr(name, '\0', size - 2) == NULL && size - 2 < 4096) {
			char *z = malloc(size - 2 + 1);

			memcpy(z, name, size - 2);
			z[size - 2] = '\0';
			n = pkgparse_info_name(z, ".list");
			FUZZ_CHECK(n == 0 || n + 5 == size - 2);
			for (size_t i = 0; i < n; i++)
				FUZZ_CHECK(z[i] != '/' && z[i] > 0x20);
			free(z);
		}
		free(name);
		free(s);
		return 0;
	}
	p = s;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *path;
		size_t n, pl;
		char md5[33], *line;
		bool obs;

		if (e == NULL)
			e = end;
		n = (size_t)(e - p);
		line = fuzz_dup((const uint8_t *)p, n);  /* exact size */
		switch (kind) {
		case 0:
			if (pkgparse_list_line(line, n, &path, &pl)) {
				FUZZ_CHECK(inside(path, pl, line, n));
				FUZZ_CHECK(path[0] == '/' && pl >= 2);
				check_path(path, pl);
				check_canon(path, pl, merged);
			}
			break;
		case 1:
			if (pkgparse_md5_line(line, n, md5, &path, &pl)) {
				FUZZ_CHECK(inside(path, pl, line, n));
				check_md5(md5);
				check_path(path, pl);
				check_canon(path, pl, merged);
			}
			break;
		case 2:
			if (pkgparse_conffile_line(line, n, &path, &pl, md5,
			    &obs)) {
				FUZZ_CHECK(inside(path, pl, line, n));
				FUZZ_CHECK(path[0] == '/');
				check_path(path, pl);
				if (md5[0])
					check_md5(md5);
			}
			break;
		default: {
			struct pam_line l;

			pkgparse_pam_line(line, n, kind == 5, &l);
			if (l.kind == PAML_MODULE) {
				FUZZ_CHECK(inside(l.module, l.modlen, line, n));
				FUZZ_CHECK(inside(l.type, l.typelen, line, n));
				check_path(l.module, l.modlen);
			}
			break;
		}
		}
		free(line);
		p = e + 1;
	}
	free(s);
	return 0;
}
