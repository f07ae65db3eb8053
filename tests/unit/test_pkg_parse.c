/*
 * test_pkg_parse.c - dpkg database and PAM lines (collect/pkg_parse.c),
 * with hostile inputs, and the package detectors, facts in, findings out:
 *   RM-ROOT-001 a PAM module or system binary not as packaged
 *   RM-PER-007  a setuid or setgid file outside packages
 */
#include "collect/pkg_parse.h"
#include "testlib.h"

static bool
list(const char *l, const char *want)
{
	const char *p;
	size_t n;

	if (!pkgparse_list_line(l, strlen(l), &p, &n))
		return want == NULL;
	return want && strlen(want) == n && strncmp(p, want, n) == 0;
}

static void
test_list_lines(void **state)
{
	(void)state;
	assert_true(list("/usr/bin/ps", "/usr/bin/ps"));
	assert_true(list("/usr/share/doc/", "/usr/share/doc"));
	assert_true(list("/a b/c d", "/a b/c d"));
	assert_true(list("/.", NULL));
	assert_true(list("/", NULL));
	assert_true(list("", NULL));
	assert_true(list("usr/bin/ps", NULL));
	assert_true(list("/usr/bin/p\ts", NULL));
	assert_true(list("/usr/bin/ps\r", NULL));
	/* a NUL inside the line is no path */
	{
		const char *p;
		size_t n;

		assert_false(pkgparse_list_line("/usr/bin/p\0s", 11, &p, &n));
	}
}

static void
test_md5_lines(void **state)
{
	char md5[33];
	const char *p;
	size_t n;

	(void)state;
	assert_true(pkgparse_md5_line("0123456789ABCDEF0123456789abcdef  "
	    "bin/ps", 40, md5, &p, &n));
	assert_string_equal(md5, "0123456789abcdef0123456789abcdef");
	assert_int_equal(n, 6);
	assert_memory_equal(p, "bin/ps", 6);
	/* a leading slash is tolerated, the path keeps no slash */
	assert_true(pkgparse_md5_line("0123456789abcdef0123456789abcdef  "
	    "/bin/ps", 41, md5, &p, &n));
	assert_memory_equal(p, "bin/ps", 6);
	/* short digest, a non-hex digit, no path, no separator */
	assert_false(pkgparse_md5_line("0123456789abcdef0123456789abcde  x",
	    34, md5, &p, &n));
	assert_false(pkgparse_md5_line("g123456789abcdef0123456789abcdef  x",
	    35, md5, &p, &n));
	assert_false(pkgparse_md5_line("0123456789abcdef0123456789abcdef  ",
	    34, md5, &p, &n));
	assert_false(pkgparse_md5_line("0123456789abcdef0123456789abcdefxx",
	    34, md5, &p, &n));
	assert_false(pkgparse_md5_line("", 0, md5, &p, &n));
	assert_false(pkgparse_md5_line("0123456789abcdef0123456789abcdef  a\nb",
	    37, md5, &p, &n));
}

static void
test_conffile_lines(void **state)
{
	char md5[33];
	const char *p;
	size_t n;
	bool obs;

	(void)state;
	assert_true(pkgparse_conffile_line(" /etc/pam.d/sshd "
	    "0123456789abcdef0123456789abcdef", 49, &p, &n, md5, &obs));
	assert_int_equal(n, 15);
	assert_memory_equal(p, "/etc/pam.d/sshd", 15);
	assert_string_equal(md5, "0123456789abcdef0123456789abcdef");
	assert_false(obs);
	assert_true(pkgparse_conffile_line(" /etc/a b "
	    "0123456789abcdef0123456789abcdef obsolete", 51, &p, &n, md5,
	    &obs));
	assert_true(obs);
	assert_int_equal(n, 8);
	assert_true(pkgparse_conffile_line(" /etc/x newconffile", 19, &p, &n,
	    md5, &obs));
	assert_string_equal(md5, "");
	assert_false(pkgparse_conffile_line("/etc/x 0123", 11, &p, &n, md5,
	    &obs));
	assert_false(pkgparse_conffile_line(" /etc/x", 7, &p, &n, md5, &obs));
	assert_false(pkgparse_conffile_line(" ", 1, &p, &n, md5, &obs));
	assert_false(pkgparse_conffile_line(" obsolete", 9, &p, &n, md5,
	    &obs));
}

static void
test_info_names(void **state)
{
	(void)state;
	assert_int_equal(pkgparse_info_name("procps.list", ".list"), 6);
	assert_int_equal(pkgparse_info_name("libpam-modules:amd64.list",
	    ".list"), 20);
	assert_int_equal(pkgparse_info_name("g++-12.md5sums", ".md5sums"), 6);
	assert_int_equal(pkgparse_info_name("procps.md5sums", ".list"), 0);
	assert_int_equal(pkgparse_info_name(".list", ".list"), 0);
	assert_int_equal(pkgparse_info_name("../x.list", ".list"), 0);
	assert_int_equal(pkgparse_info_name("a/b.list", ".list"), 0);
	assert_int_equal(pkgparse_info_name("a:b:c.list", ".list"), 0);
	assert_int_equal(pkgparse_info_name("a:.list", ".list"), 0);
	assert_int_equal(pkgparse_info_name("Upper.list", ".list"), 0);
}

static void
check_canon(const char *in, unsigned merged, const char *want)
{
	char out[64];
	size_t n = pkgparse_canon(in, strlen(in), merged, out, sizeof(out));

	if (want == NULL) {
		assert_int_equal(n, 0);
		return;
	}
	assert_int_equal(n, strlen(want));
	assert_string_equal(out, want);
}

static void
test_canon(void **state)
{
	unsigned all = PKGM_BIN | PKGM_SBIN | PKGM_LIB | PKGM_LIB64;

	(void)state;
	check_canon("/bin/ps", all, "/usr/bin/ps");
	check_canon("bin/ps", all, "/usr/bin/ps");
	check_canon("/bin/ps", 0, "/bin/ps");
	check_canon("/sbin/x/", all, "/usr/sbin/x");
	check_canon("/lib/x86_64-linux-gnu/security/pam_unix.so", all,
	    "/usr/lib/x86_64-linux-gnu/security/pam_unix.so");
	check_canon("/lib32/x", all, "/lib32/x");
	check_canon("/usr/bin/ps", all, "/usr/bin/ps");
	check_canon("/binary/x", all, "/binary/x");
	check_canon("/bin", all, "/bin");
	check_canon("/", all, NULL);
	check_canon("", all, NULL);
	/* does not fit: 0, never a cut-off path */
	check_canon("/bin/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    all, NULL);
	assert_int_equal(pkgparse_merged_bit("lib64"), PKGM_LIB64);
	assert_int_equal(pkgparse_merged_bit("usr"), 0);
}

struct divs {
	char got[8][128];
	int n;
};

static int
div_cb(const char *f, size_t fl, const char *t, size_t tl, const char *b,
       size_t bl, void *arg)
{
	struct divs *d = arg;

	snprintf(d->got[d->n++], 128, "%.*s>%.*s>%.*s", (int)fl, f, (int)tl, t,
	    (int)bl, b);
	return d->n >= 8;
}

static void
test_diversions(void **state)
{
	const char *t = "/usr/bin/perf\n/usr/bin/perf.wrapper\nlinux-perf\n"
	    "relative\n/x\npkg\n"
	    "/bin/sh\n/bin/sh.distrib\n:\n"
	    "/a\n/b\n";  /* an incomplete last triple */
	struct divs d = { .n = 0 };

	(void)state;
	assert_int_equal(pkgparse_diversions(t, strlen(t), div_cb, &d), 2);
	assert_string_equal(d.got[0], "/usr/bin/perf>/usr/bin/perf.wrapper>"
	    "linux-perf");
	assert_string_equal(d.got[1], "/bin/sh>/bin/sh.distrib>:");
	d.n = 0;
	assert_int_equal(pkgparse_diversions("", 0, div_cb, &d), 0);
	assert_int_equal(pkgparse_diversions("\n\n\n", 3, div_cb, &d), 0);
}

static const char *
pam_mod(const char *l, bool svc)
{
	static char m[256];
	struct pam_line p;

	pkgparse_pam_line(l, strlen(l), svc, &p);
	if (p.kind != PAML_MODULE)
		return p.kind == PAML_INCLUDE ? "@" : NULL;
	snprintf(m, sizeof(m), "%.*s", (int)p.modlen, p.module);
	return m;
}

static void
test_pam_lines(void **state)
{
	(void)state;
	assert_string_equal(pam_mod("auth\t[success=1 default=ignore]\t"
	    "pam_unix.so nullok", false), "pam_unix.so");
	assert_string_equal(pam_mod("auth [success=ok new_authtok_reqd=ok "
	    "ignore=ignore default=bad] /tmp/.p/pam_x.so", false),
	    "/tmp/.p/pam_x.so");
	assert_string_equal(pam_mod("-session optional pam_systemd.so",
	    false), "pam_systemd.so");
	assert_string_equal(pam_mod("  auth sufficient pam_evil.so\r", false),
	    "pam_evil.so");
	assert_string_equal(pam_mod("sshd auth required pam_env.so", true),
	    "pam_env.so");
	assert_string_equal(pam_mod("@include common-auth", false), "@");
	assert_string_equal(pam_mod("auth include system-auth", false), "@");
	assert_string_equal(pam_mod("auth substack password-auth", false),
	    "@");
	assert_null(pam_mod("# auth required pam_x.so", false));
	assert_null(pam_mod("", false));
	assert_null(pam_mod("auth", false));
	assert_null(pam_mod("auth required", false));
	assert_null(pam_mod("auth [unterminated pam_x.so", false));
	assert_null(pam_mod("login required pam_x.so", false));
	assert_null(pam_mod("auth required pam_\001x.so", false));
}

/* ---- detectors ----------------------------------------------------------- */

#define MAXP 12

static struct pkg_file *
pfile(struct snapshot *s, struct pkg_file *v, const char *path,
      unsigned checks, const char *owner)
{
	struct pkg_file *f = &v[s->npkg_files++];

	memset(f, 0, sizeof(*f));
	f->path = path;
	f->checks = checks;
	if (owner) {
		f->owners[0] = owner;
		f->nowners = 1;
	}
	f->mode = 0100755;
	f->md5 = "0123456789abcdef0123456789abcdef";
	if (owner) {
		f->md5_expected = f->md5;
		f->md5_match = true;
	}
	s->pkg_files = v;
	return f;
}

static void
done(struct snapshot *s)
{
	s->pkg_files = NULL;
	s->npkg_files = 0;
	tl_snap_free(s);
}

static void
test_det_modified(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct pkg_file v[MAXP], *f;
	struct findings fs;
	const struct finding *x;

	(void)state;
	/* a replaced ps and pam_unix.so: critical */
	f = pfile(s, v, "/usr/bin/ps", PKGC_SYSBIN | PKGC_SYSBIN_KEY,
	    "procps");
	f->md5_expected = "ffffffffffffffffffffffffffffffff";
	f->md5_match = false;
	f->sha256 = "aa";
	f = pfile(s, v, "/usr/lib/x86_64-linux-gnu/security/pam_unix.so",
	    PKGC_PAM_MODULE, "libpam-modules:amd64");
	f->md5_expected = "ffffffffffffffffffffffffffffffff";
	f->md5_match = false;
	/* a changed conffile, a local diversion, a matching file: nothing */
	f = pfile(s, v, "/etc/x", PKGC_SUID, "pkg");
	f->conffile = true;
	f->md5_expected = "ffffffffffffffffffffffffffffffff";
	f->md5_match = false;
	f = pfile(s, v, "/usr/bin/w", PKGC_SYSBIN | PKGC_SYSBIN_KEY, NULL);
	f->local_diversion = true;
	pfile(s, v, "/usr/bin/ls", PKGC_SYSBIN | PKGC_SYSBIN_KEY, "coreutils");
	/* a packaged file without a recorded md5: not judged */
	f = pfile(s, v, "/usr/bin/top", PKGC_SYSBIN | PKGC_SYSBIN_KEY,
	    "procps");
	f->md5_expected = NULL;
	f->md5_match = false;
	tl_run_one(s, "RM-ROOT-001", &fs);
	assert_int_equal(fs.n, 2);
	x = fs.v[0];
	assert_string_equal(x->file_path, "/usr/bin/ps");
	assert_int_equal(x->severity, SEV_CRITICAL);
	assert_string_equal(x->file_sha256, "aa");
	assert_string_equal(tl_ev_str(x, "kind"), "binary_modified");
	assert_string_equal(tl_ev_str(x, "md5_expected"),
	    "ffffffffffffffffffffffffffffffff");
	tl_assert_contains(x->remediation, "--reinstall procps");
	x = fs.v[1];
	assert_string_equal(tl_ev_str(x, "kind"), "pam_modified");
	assert_int_equal(x->severity, SEV_CRITICAL);
	tl_assert_contains(x->remediation, "libpam-modules:amd64");
	findings_free(&fs);
	done(s);
}

static void
test_det_unowned(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct pkg_file v[MAXP], *f;
	struct findings fs;

	(void)state;
	f = pfile(s, v, "/usr/lib/x86_64-linux-gnu/security/pam_evil.so",
	    PKGC_PAM_MODULE, NULL);
	f->pam_refs[f->npam_refs++] = "/etc/pam.d/common-auth:3: auth "
	    "sufficient pam_evil.so";
	f = pfile(s, v, "/usr/local/lib/.p/pam_x.so", PKGC_PAM_CONF, NULL);
	f->pam_outside = true;
	f = pfile(s, v, "/usr/sbin/policy-rc.d", PKGC_SYSBIN, NULL);
	f = pfile(s, v, "/usr/bin/netstat", PKGC_SYSBIN | PKGC_SYSBIN_KEY,
	    NULL);
	f = pfile(s, v, "/usr/bin/kworker", PKGC_SYSBIN, NULL);
	f->elf = true;
	f = pfile(s, v, "/usr/bin/.d", PKGC_SYSBIN, NULL);
	f->elf = true;
	f = pfile(s, v, "/usr/bin/.txt", PKGC_SYSBIN, NULL);  /* no ELF */
	/* Perfctl: a wrapper named top in /bin/.local/bin */
	f = pfile(s, v, "/usr/bin/.local/bin/top", PKGC_SYSBIN |
	    PKGC_SYSBIN_KEY, NULL);
	/* links: into /dev/shm (high), relative into a hidden dir (high),
	 * to a packaged file next to it (nothing) */
	f = pfile(s, v, "/usr/bin/ls", PKGC_SYSBIN | PKGC_SYSBIN_KEY,
	    "coreutils");
	f->link = "/dev/shm/.x/ls";
	f = pfile(s, v, "/usr/lib/x86_64-linux-gnu/security/pam_a.so",
	    PKGC_PAM_MODULE, NULL);
	f->link = "../../../../usr/share/.p/a.so";
	f = pfile(s, v, "/usr/bin/pkill", PKGC_SYSBIN | PKGC_SYSBIN_KEY,
	    "procps");
	f->link = "pgrep";
	tl_run_one(s, "RM-ROOT-001", &fs);
	assert_int_equal(fs.n, 10);
	assert_string_equal(tl_ev_str(fs.v[8], "kind"), "link_redirected");
	assert_string_equal(tl_ev_str(fs.v[8], "link_target"),
	    "/dev/shm/.x/ls");
	assert_int_equal(fs.v[8]->severity, SEV_HIGH);
	assert_string_equal(tl_ev_str(fs.v[9], "link_target"),
	    "/usr/share/.p/a.so");
	assert_int_equal(fs.v[0]->severity, SEV_HIGH);
	assert_string_equal(tl_ev_str(fs.v[0], "kind"), "pam_unowned");
	assert_int_equal(fs.v[0]->confidence, CONF_HIGH);
	assert_non_null(finding_ev_get(fs.v[0], "pam_lines"));
	assert_int_equal(fs.v[1]->severity, SEV_HIGH);
	assert_string_equal(tl_ev_str(fs.v[1], "kind"), "pam_conf_line");
	assert_int_equal(fs.v[2]->severity, SEV_INFO);
	assert_int_equal(fs.v[3]->severity, SEV_LOW);
	assert_int_equal(fs.v[4]->severity, SEV_MEDIUM);
	assert_int_equal(fs.v[5]->severity, SEV_MEDIUM);
	assert_int_equal(fs.v[6]->severity, SEV_MEDIUM);
	assert_int_equal(fs.v[7]->severity, SEV_HIGH);
	tl_assert_contains(fs.v[7]->message, "trojanized wrapper");
	findings_free(&fs);
	done(s);
}

static void
test_det_suid(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct pkg_file v[MAXP], *f;
	struct findings fs;

	(void)state;
	f = pfile(s, v, "/tmp/.sh", PKGC_SUID, NULL);
	f->mode = 0104755;
	f->copy_of = "/usr/bin/bash";
	f = pfile(s, v, "/var/tmp/.x/rootme", PKGC_SUID, NULL);
	f->mode = 0104711;
	f->uid = 1000;
	f = pfile(s, v, "/opt/tool/helper", PKGC_SUID, NULL);
	f->mode = 0102755;
	f = pfile(s, v, "/opt/tool/rootd", PKGC_SUID, NULL);
	f->mode = 0104755;
	f = pfile(s, v, "/opt/tool/mine", PKGC_SUID, NULL);
	f->mode = 0104755;
	f->uid = 1000;
	f = pfile(s, v, "/srv/chroot/b/usr/bin/su", PKGC_SUID, NULL);
	f->mode = 0104755;
	f->os_tree = "/srv/chroot/b";
	/* packaged: nothing, whatever its bits */
	f = pfile(s, v, "/usr/bin/passwd", PKGC_SUID, "passwd");
	f->mode = 0104755;
	tl_run_one(s, "RM-PER-007", &fs);
	assert_int_equal(fs.n, 6);
	assert_int_equal(fs.v[5]->severity, SEV_LOW);
	assert_string_equal(tl_ev_str(fs.v[5], "os_tree"), "/srv/chroot/b");
	assert_int_equal(fs.v[0]->severity, SEV_CRITICAL);
	assert_string_equal(tl_ev_str(fs.v[0], "copy_of"), "/usr/bin/bash");
	assert_int_equal(fs.v[1]->severity, SEV_HIGH);
	assert_string_equal(tl_ev_str(fs.v[1], "mode"), "4711");
	assert_int_equal(fs.v[2]->severity, SEV_MEDIUM);
	tl_assert_contains(fs.v[2]->message, "setgid file");
	assert_int_equal(fs.v[3]->severity, SEV_HIGH);
	assert_int_equal(fs.v[4]->severity, SEV_MEDIUM);
	findings_free(&fs);
	done(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_lines),
		cmocka_unit_test(test_md5_lines),
		cmocka_unit_test(test_conffile_lines),
		cmocka_unit_test(test_info_names),
		cmocka_unit_test(test_canon),
		cmocka_unit_test(test_diversions),
		cmocka_unit_test(test_pam_lines),
		cmocka_unit_test(test_det_modified),
		cmocka_unit_test(test_det_unowned),
		cmocka_unit_test(test_det_suid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
