/*
 * det_per_sshd.c - RM-PER-006: an SSH server configured to let an
 * intruder back in: root may log in with a password, empty passwords are
 * accepted, sshd reads authorized keys from a hidden or writable place or
 * asks a program in one, or a configuration file others may write.
 *
 * Droppers turn "#PermitRootLogin prohibit-password" into "PermitRootLogin
 * yes" with sed, and add an AuthorizedKeysFile nobody audits (/etc/ssh/.keys/%u) for their key.
 * Calibrated: Debian's default sshd_config (every such option commented)
 * and cloud images' "PermitRootLogin without-password"/"prohibit-password"
 * say nothing; an AuthorizedKeysFile under /etc/ssh (a common central key
 * store) is info.  Options sshd would not use (a later duplicate outside
 * Match) are not judged; those inside Match blocks are.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../collect/auth_parse.h"
#include "detect_util.h"
#include "detector.h"

/* The value sshd uses for a keyword (outside Match), or NULL. */
static const struct sshd_opt *
effective(const struct snapshot *s, const char *kw)
{
	for (size_t i = 0; i < s->nsshd_opts; i++)
		if (s->sshd_opts[i].effective &&
		    strcmp(s->sshd_opts[i].keyword, kw) == 0)
			return &s->sshd_opts[i];
	return NULL;
}

static size_t
count_ports(const struct snapshot *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nsshd_opts; i++)
		if (s->sshd_opts[i].effective &&
		    (strcmp(s->sshd_opts[i].keyword, "port") == 0 ||
		    strcmp(s->sshd_opts[i].keyword, "listenaddress") == 0))
			n++;
	return n;
}

static bool
word_yes(const char *v)
{
	char w[1][SSHD_WORD_MAX];

	return authparse_words(v, w, 1) == 1 && strcasecmp(w[0], "yes") == 0;
}

/* A hidden component other than the ".ssh" of a home-relative path. */
static bool
hidden_beyond_ssh(const char *path, bool home_rel)
{
	const char *p = path;
	bool first = true;

	while (*p) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n > 0 && p[0] == '.' && !(n == 1 || (n == 2 &&
		    p[1] == '.')) && !(first && home_rel && n == 4 &&
		    memcmp(p, ".ssh", 4) == 0))
			return true;
		if (n > 0)
			first = false;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return false;
}

/* How suspicious one AuthorizedKeysFile word is; *why says why. */
static enum severity
keys_word(const char *w, const char **why)
{
	const char *rel = w;
	bool home_rel;
	char abs[1024], norm[1024];
	enum path_class pc;
	const char *b;

	*why = NULL;
	if (strcmp(w, "none") == 0)
		return SEV_INFO;
	if (strncmp(rel, "%h/", 3) == 0)
		rel += 3;
	home_rel = rel[0] != '/';
	if (!authparse_keys_path(w, "/home/u", "u", 1000, abs, sizeof(abs))) {
		*why = "names a path sshd cannot expand";
		return SEV_LOW;
	}
	path_normalize(abs, norm, sizeof(norm));
	pc = path_classify(norm);
	if (pc == PATH_WRITABLE || pc == PATH_HIDDEN_WRITABLE ||
	    pc == PATH_DEV_OR_BOOT) {
		*why = "reads authorized keys from a world-writable directory";
		return SEV_HIGH;
	}
	if (hidden_beyond_ssh(rel, home_rel)) {
		*why = "reads authorized keys from a hidden file or directory";
		return SEV_HIGH;
	}
	if (home_rel) {
		b = strrchr(rel, '/');
		b = b ? b + 1 : rel;
		if (strncmp(rel, ".ssh/", 5) == 0 && strchr(rel + 5, '/') ==
		    NULL && (strcmp(b, "authorized_keys") == 0 ||
		    strcmp(b, "authorized_keys2") == 0))
			return SEV_INFO;
		*why = "adds a key file in every home that nobody audits";
		return SEV_MEDIUM;
	}
	if (strncmp(norm, "/etc/ssh/", 9) == 0) {
		*why = "keeps authorized keys under /etc/ssh (a central key "
		    "store)";
		return SEV_INFO;
	}
	*why = "reads authorized keys from an unusual place";
	return SEV_MEDIUM;
}

static struct finding *
report(struct findings *out, const struct detector *d,
       const struct sshd_opt *o, enum severity sev, enum confidence conf,
       const char *what)
{
	struct finding *f = findings_add(out, d, "%s:%u: %s", o->file,
	    o->line, what);

	f->severity = sev;
	f->confidence = conf;
	finding_set_file(f, o->file);
	finding_ev_int(f, "line", o->line);
	finding_ev_str(f, "keyword", o->keyword);
	finding_ev_str(f, "value", o->value);
	if (o->match)
		finding_ev_str(f, "match", o->match);
	finding_ev_file_meta(f, "file_", o->file_uid, o->file_mode,
	    o->file_mtime);
	return f;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct sshd_opt *o = fa->u.sshd_opt;
	bool used = o->effective || o->match;
	struct finding *f;

	if (o->file_first && S_ISREG(o->file_mode) && (o->file_mode & 022))
		report(out, d, o, SEV_HIGH, CONF_HIGH, "the SSH server's "
		    "configuration may be written by other users than root");
	if (!used)
		return;
	if (strcmp(o->keyword, "permitrootlogin") == 0 && word_yes(o->value)) {
		const struct sshd_opt *pa = effective(s, "passwordauthentication");
		const struct sshd_opt *pe = effective(s, "permitemptypasswords");
		bool no_pw = pa && !o->match && strncasecmp(pa->value, "no",
		    2) == 0;
		size_t ports = count_ports(s);
		enum severity sev = no_pw ? SEV_LOW : SEV_MEDIUM;

		if (!no_pw && (ports > 1 || (pe && word_yes(pe->value))))
			sev = SEV_HIGH;
		f = report(out, d, o, sev, CONF_MEDIUM, no_pw ?
		    "PermitRootLogin yes (passwords are off, so keys only)" :
		    ports > 1 ? "PermitRootLogin yes with passwords, on a "
		    "second listening port" : "PermitRootLogin yes: root may "
		    "log in with a password");
		finding_ev_bool(f, "password_authentication", !no_pw);
		if (ports > 1)
			finding_ev_int(f, "ports_and_addresses", (int64_t)ports);
		return;
	}
	if (strcmp(o->keyword, "permitemptypasswords") == 0 &&
	    word_yes(o->value)) {
		report(out, d, o, SEV_HIGH, CONF_HIGH, "PermitEmptyPasswords "
		    "yes: an account without a password logs in from anywhere");
		return;
	}
	if (strcmp(o->keyword, "authorizedkeysfile") == 0) {
		char w[16][SSHD_WORD_MAX];
		size_t nw = authparse_words(o->value, w, 16);
		enum severity worst = SEV_INFO;
		const char *why = NULL, *word = NULL;
		char what[512];

		for (size_t i = 0; i < nw; i++) {
			const char *y;
			enum severity sv = keys_word(w[i], &y);

			if (y && (why == NULL || sv > worst)) {
				worst = sv;
				why = y;
				word = w[i];
			}
		}
		if (why == NULL)
			return;
		snprintf(what, sizeof(what), "AuthorizedKeysFile %s (%.256s)",
		    why, word);
		f = report(out, d, o, worst, worst >= SEV_HIGH ? CONF_HIGH :
		    CONF_MEDIUM, what);
		finding_ev_str(f, "path", word);
		return;
	}
	if (strcmp(o->keyword, "authorizedkeyscommand") == 0) {
		char w[1][SSHD_WORD_MAX], norm[1024];
		enum path_class pc;

		if (authparse_words(o->value, w, 1) != 1 || w[0][0] != '/')
			return;  /* "none"; sshd refuses a relative one */
		path_normalize(w[0], norm, sizeof(norm));
		pc = path_classify(norm);
		if (pc != PATH_OTHER)
			report(out, d, o, SEV_HIGH, CONF_HIGH,
			    "AuthorizedKeysCommand runs a program from a "
			    "writable or hidden place for every login");
		else if (strncmp(norm, "/usr/", 5) != 0 &&
		    strncmp(norm, "/bin/", 5) != 0 &&
		    strncmp(norm, "/sbin/", 6) != 0 &&
		    strncmp(norm, "/lib/", 5) != 0 &&
		    strncmp(norm, "/opt/", 5) != 0)
			report(out, d, o, SEV_MEDIUM, CONF_MEDIUM,
			    "AuthorizedKeysCommand runs a program from outside "
			    "the system directories for every login");
	}
}

const struct detector det_per_sshd = {
	.id = "RM-PER-006",
	.name = "SSH server opened for an intruder",
	.category = CAT_PERSISTENCE,
	.severity = SEV_MEDIUM,
	.techniques = TECHNIQUES("T1098.004", "T1556"),
	.description = "sshd_config (or a file it includes) lets root log in "
	    "with a password, accepts empty passwords, reads authorized keys "
	    "from a hidden or writable place, runs an AuthorizedKeysCommand "
	    "from one, or may be written by others.",
	.remediation = "Compare sshd_config and /etc/ssh/sshd_config.d/ with "
	    "the package's (dpkg -V openssh-server; /usr/share/openssh/"
	    "sshd_config), restore PermitRootLogin prohibit-password and the "
	    "default AuthorizedKeysFile, check sshd -T, remove the keys the "
	    "extra key file holds, and restart sshd.",
	.kinds = FACT_SSHD_OPT,
	.check = check,
};
