/*
 * det_per_ssh_key.c - RM-PER-003: an authorized SSH key that lets an
 * intruder back in.
 *
 * Droppers add their key to root and to accounts nobody watches (Perfctl:
 * the news account), some with a comment that names the campaign (Outlaw's
 * "mdrfckr").  An administrator's own key is not a finding.  Reported: a
 * campaign's key; a key in a system account (uid 1-999, or a nologin
 * shell); a forced command that downloads and runs code or runs from
 * /tmp; a key for root beside a cloud image's "Please login as" stub (the
 * image meant nobody to log in as root); a key in a hidden key file an
 * sshd_config AuthorizedKeysFile entry added; a key file others may write.
 * A key file changed in the last RM_RECENT_DAYS days (against the scan's
 * clock, or an image's newest log) is evidence on those findings and, on
 * its own, a low finding: admins add keys too.
 */
#include <string.h>
#include <sys/stat.h>

#include "../collect/cron_parse.h"
#include "../core/limits.h"
#include "detect_util.h"
#include "detector.h"

/* Key comments that name a campaign (THREATS.md PER-2). */
static const char *const campaign_comments[] = {
	"mdrfckr",      /* Outlaw / Dota */
	NULL,
};

static bool
nologin(const char *sh)
{
	const char *b = sh ? strrchr(sh, '/') : NULL;

	b = b ? b + 1 : sh;
	return b && (strcmp(b, "nologin") == 0 || strcmp(b, "false") == 0);
}

/* A cloud image's root stub: command="echo 'Please login as ...';exit" */
static bool
stub(const struct ssh_key *k)
{
	return k->command && strstr(k->command, "Please login as") != NULL;
}

static bool
beside_stub(const struct snapshot *s, const struct ssh_key *k)
{
	if (k->uid != 0 || k->command)
		return false;
	for (size_t i = 0; i < s->nssh_keys; i++)
		if (strcmp(s->ssh_keys[i].path, k->path) == 0 &&
		    stub(&s->ssh_keys[i]))
			return true;
	return false;
}

/* A key file from an sshd_config AuthorizedKeysFile entry in a hidden
 * (beyond ~/.ssh) or world-writable place. */
static bool
odd_config_file(const struct ssh_key *k)
{
	char norm[1024];
	enum path_class pc;
	const char *h;
	size_t n;

	if (k->config_pattern == NULL)
		return false;
	path_normalize(k->path, norm, sizeof(norm));
	pc = path_classify(norm);
	if (pc == PATH_WRITABLE || pc == PATH_HIDDEN_WRITABLE ||
	    pc == PATH_HIDDEN_SYSTEM)
		return true;
	h = path_hidden_component(norm, &n);
	return h && !(n == 4 && memcmp(h, ".ssh", 4) == 0);
}

/* Days since the key file changed, against the snapshot's reference
 * time; -1 when it cannot be told (an image without logs). */
static int64_t
age_days(const struct snapshot *s, const struct ssh_key *k)
{
	if (s->ref_time <= 0 || k->file_mtime <= 0)
		return -1;
	if (k->file_mtime >= s->ref_time)
		return 0;
	return (s->ref_time - k->file_mtime) / 86400;
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct ssh_key *k = fa->u.ssh_key;
	int64_t age = age_days(s, k);
	bool recent = age >= 0 && age < RM_RECENT_DAYS;
	enum severity sev = SEV_INFO;
	enum confidence conf = CONF_LOW;
	const char *why = NULL, *campaign = NULL;
	struct cron_cmd c = { 0 };
	struct finding *f;

	for (int i = 0; campaign_comments[i]; i++)
		if (k->comment && strstr(k->comment, campaign_comments[i]))
			campaign = campaign_comments[i];
	if (k->command)
		cronparse_command(k->command, strlen(k->command), &c);
	if (campaign) {
		why = "carries a known attack campaign's key comment";
		sev = SEV_CRITICAL;
		conf = CONF_HIGH;
	} else if (((c.flags & CMD_DOWNLOAD) && (c.flags & (CMD_SHELL_PIPE |
	    CMD_EXEC_FETCHED | CMD_INLINE))) || (c.flags & CMD_WRITABLE)) {
		why = "forces a command that fetches code or runs from a "
		    "world-writable directory";
		sev = SEV_HIGH;
		conf = CONF_HIGH;
	} else if (k->uid != 0 && (k->uid < 1000 || nologin(k->shell)) &&
	    !stub(k)) {
		why = "lets someone log in to a system account";
		sev = SEV_HIGH;
		conf = CONF_MEDIUM;
	} else if (beside_stub(s, k)) {
		why = "opens root beside the cloud image's \"Please login as\" "
		    "stub";
		sev = SEV_HIGH;
		conf = CONF_MEDIUM;
	} else if (odd_config_file(k)) {
		why = "sits in a hidden key file that sshd_config's "
		    "AuthorizedKeysFile added";
		sev = SEV_HIGH;
		conf = CONF_MEDIUM;
	} else if (S_ISREG(k->file_mode) && (k->file_mode & 022)) {
		why = "sits in a key file that others may write";
		sev = SEV_MEDIUM;
		conf = CONF_MEDIUM;
	} else if (recent && !stub(k)) {
		why = "is in a key file changed in the last days (a key was "
		    "added or changed)";
		sev = SEV_LOW;
		conf = CONF_LOW;
	}
	if (why == NULL)
		return;
	f = findings_add(out, d, "SSH key %s:%u for %s (uid %u) %s", k->path,
	    k->line, k->user ? k->user : "?", k->uid, why);
	f->severity = sev;
	f->confidence = conf;
	finding_set_file(f, k->path);
	finding_ev_int(f, "line", k->line);
	finding_ev_str(f, "account", k->user);
	finding_ev_int(f, "uid", k->uid);
	if (k->shell)
		finding_ev_str(f, "shell", k->shell);
	finding_ev_str(f, "key_type", k->type);
	finding_ev_str(f, "fingerprint", k->fingerprint);
	if (k->comment && k->comment[0])
		finding_ev_str(f, "comment", k->comment);
	if (campaign)
		finding_ev_str(f, "campaign_marker", campaign);
	if (k->command)
		finding_ev_str(f, "forced_command", k->command);
	if (k->from)
		finding_ev_str(f, "from", k->from);
	if (k->config_pattern)
		finding_ev_str(f, "authorized_keys_file", k->config_pattern);
	if (age >= 0) {
		finding_ev_int(f, "file_age_days", age);
		if (recent)
			finding_ev_bool(f, "recently_modified", true);
	}
	finding_ev_file_meta(f, "file_", k->file_uid, k->file_mode,
	    k->file_mtime);
}

const struct detector det_per_ssh_key = {
	.id = "RM-PER-003",
	.name = "SSH key that lets an intruder back in",
	.category = CAT_PERSISTENCE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1098.004"),
	.description = "An authorized SSH key with a campaign's comment, in a "
	    "system account, with a forced command that fetches code, or "
	    "added for root beside a cloud image's login stub.",
	.remediation = "Compare the fingerprint with the keys you issued "
	    "(ssh-keygen -lf), remove the line (lsattr -a first: droppers set "
	    "+i on .ssh), check the file's other keys and every other "
	    "account's, and rotate what the intruder could reach from here.",
	.kinds = FACT_SSH_KEY,
	.check = check,
};
