/*
 * pkg_parse.h - the lines of dpkg's database and of PAM's configuration.
 *
 * Inputs are hostile (a --root image is anyone's, and a root intruder can
 * write the live database too): every function takes a pointer and a
 * length, never reads past it, and hands back pointers into the input
 * (no copies, no allocation).  Lines are split by the caller at '\n'.
 *
 *   /var/lib/dpkg/info/PKG.list      one absolute path a line
 *   /var/lib/dpkg/info/PKG.md5sums   "<32 hex>  <path without leading />"
 *   /var/lib/dpkg/diversions         triples: from, to, diverting package
 *                                    (":" for a local diversion)
 *   /var/lib/dpkg/status             "Package: x", "Conffiles:" followed by
 *                                    " /etc/x <md5> [obsolete]" lines
 *   /etc/pam.d/SERVICE               "[-]type control module [args]"
 */
#ifndef RM_PKG_PARSE_H
#define RM_PKG_PARSE_H

#include <stdbool.h>
#include <stddef.h>

/* A path line of a .list file: an absolute path, no control bytes, not
 * "/." (dpkg's first line).  A trailing '/' is dropped.  Returns false for
 * anything else. */
bool pkgparse_list_line(const char *line, size_t n, const char **path,
			size_t *pathlen);

/* A line of a .md5sums file.  md5 gets the 32 digits in lower case (and a
 * NUL); *path points at the path (no leading '/'; one is accepted). */
bool pkgparse_md5_line(const char *line, size_t n, char md5[33],
		       const char **path, size_t *pathlen);

/* A conffile line of the status file (" /etc/x d41d8... [obsolete]"):
 * path and md5 ("newconffile" and other non-digests give md5 ""). */
bool pkgparse_conffile_line(const char *line, size_t n, const char **path,
			    size_t *pathlen, char md5[33], bool *obsolete);

/* The package name of an info file name ("libpam-modules:amd64.list"):
 * the length before suffix (".list", ".md5sums"), or 0 when the name does
 * not end in it or is not a package name (lower case, digits, + - . and
 * one ":arch"). */
size_t pkgparse_info_name(const char *name, const char *suffix);

/* Which top-level directories of the root are links into /usr (the
 * usr-merge): bits for /bin, /sbin, /lib, /lib32, /lib64, /libx32. */
enum pkg_merged {
	PKGM_BIN = 1 << 0,
	PKGM_SBIN = 1 << 1,
	PKGM_LIB = 1 << 2,
	PKGM_LIB32 = 1 << 3,
	PKGM_LIB64 = 1 << 4,
	PKGM_LIBX32 = 1 << 5,
};

/* The bit for a top-level name ("bin", "lib64"), 0 if none. */
unsigned pkgparse_merged_bit(const char *top);

/*
 * The spelling of an absolute path under which both usr-merge spellings
 * meet: "/bin/ps" is "/usr/bin/ps" when merged has PKGM_BIN.  A path
 * without a leading '/' gets one; a trailing '/' is dropped.  Writes at
 * most cap bytes with the NUL; returns the length, or 0 when it did not
 * fit (or the path was empty).
 */
size_t pkgparse_canon(const char *path, size_t n, unsigned merged, char *out,
		      size_t cap);

/*
 * Walk the diversions file: cb gets each complete triple (from, to, by;
 * by is ":" for a local diversion) with lengths; a last incomplete triple
 * is dropped.  Paths that are not absolute make the triple ignored.
 * cb returns non-zero to stop.  Returns the number of triples handed on.
 */
typedef int pkgparse_div_fn(const char *from, size_t fromlen, const char *to,
			    size_t tolen, const char *by, size_t bylen,
			    void *arg);
size_t pkgparse_diversions(const char *text, size_t n, pkgparse_div_fn *cb,
			   void *arg);

/* A line of a PAM service file (or of /etc/pam.conf when with_service). */
enum pam_line_kind {
	PAML_NONE,                 /* blank, comment, unparsable */
	PAML_MODULE,               /* a module line */
	PAML_INCLUDE,              /* @include x, or a control include/substack */
};

struct pam_line {
	enum pam_line_kind kind;
	bool optional_dash;        /* "-auth": no error when the module is missing */
	const char *type;          /* auth, account, password, session */
	size_t typelen;
	const char *module;        /* as written: pam_unix.so or /x/y.so */
	size_t modlen;
};

void pkgparse_pam_line(const char *line, size_t n, bool with_service,
		       struct pam_line *out);

#endif
