/*
 * det_abu_kit.c - RM-ABU-004: a phishing kit in a web root.
 *
 * A compromised web server is sold as a phishing landing page: a login
 * page copied from a brand (Office 365, PayPal, a bank, webmail) whose
 * PHP sends what the victim typed to the operator (mail(), the Telegram
 * Bot API, a Discord webhook, or a .txt file beside it).  A password form
 * alone is every CMS's login page (WordPress wp-login.php, Roundcube), so
 * a finding needs the form and a sender (high when a lure is there too,
 * or the sender is a chat bot), or the form and a lure in a directory
 * named for a brand (medium).  Kit archives (office365.zip, scama.tar.gz)
 * left in the web root are medium, directories named for a brand low.
 */
#include <stdio.h>
#include <string.h>

#include "../collect/web_parse.h"
#include "detector.h"

static void
signals(struct finding *f, const struct web_file *w)
{
	if (w->bits & KIT_PASSWORD)
		finding_ev_list_add(f, "signals", "password form");
	if (w->bits & KIT_LURE)
		finding_ev_list_add(f, "signals", "brand or login lure");
	if (w->bits & KIT_MAIL)
		finding_ev_list_add(f, "signals", "sends mail (mail())");
	if (w->bits & KIT_TELEGRAM)
		finding_ev_list_add(f, "signals", "posts to the Telegram Bot API");
	if (w->bits & KIT_DISCORD)
		finding_ev_list_add(f, "signals", "posts to a Discord webhook");
	if (w->bits & KIT_TXT_DROP)
		finding_ev_list_add(f, "signals", "appends to a .txt file");
	if (w->bits & KIT_VISITOR)
		finding_ev_list_add(f, "signals", "records the visitor's "
		    "address or browser");
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct web_file *w = fa->u.web_file;
	enum severity sev;
	enum confidence conf;
	struct finding *f;
	const char *what;
	unsigned b = w->bits;

	(void)s;
	switch (w->kind) {
	case WEBF_KIT_PAGE:
		if ((b & KIT_LURE) && (b & KIT_SENDERS)) {
			sev = SEV_HIGH;
			conf = CONF_HIGH;
			what = "a login page that imitates a brand and sends what "
			    "is typed to someone";
		} else if (b & (KIT_TELEGRAM | KIT_DISCORD)) {
			sev = SEV_HIGH;
			conf = CONF_MEDIUM;
			what = "a password form that posts to a chat bot";
		} else if ((b & KIT_LURE) && w->kit_place) {
			sev = SEV_MEDIUM;
			conf = CONF_MEDIUM;
			what = "a login page imitating a brand, in a directory "
			    "named for a brand";
		} else {
			return;
		}
		f = findings_add(out, d, "phishing kit page %s: %s%s%s%s",
		    w->path, what, w->brand ? " (" : "",
		    w->brand ? w->brand : "", w->brand ? ")" : "");
		signals(f, w);
		break;
	case WEBF_KIT_ARCHIVE:
		sev = SEV_MEDIUM;
		conf = CONF_MEDIUM;
		f = findings_add(out, d, "archive %s in a web root is named "
		    "like a phishing kit (%s)", w->path,
		    w->brand ? w->brand : "?");
		break;
	case WEBF_BRAND_DIR:
		sev = SEV_LOW;
		conf = CONF_LOW;
		f = findings_add(out, d, "directory %s in a web root is named "
		    "for a brand phishing kits imitate (%s)", w->path,
		    w->brand ? w->brand : "?");
		break;
	default:
		return;
	}
	f->severity = sev;
	f->confidence = conf;
	finding_set_file(f, w->path);
	if (w->webroot)
		finding_ev_str(f, "web_root", w->webroot);
	if (w->brand)
		finding_ev_str(f, "brand", w->brand);
	if (w->kit_place)
		finding_ev_bool(f, "in_brand_directory", true);
	finding_ev_bool(f, "written_by_web_server", w->web_owner);
	finding_ev_int(f, "size", (int64_t)w->size);
	finding_ev_file_meta(f, "file_", w->uid, w->mode, w->mtime);
}

const struct detector det_abu_kit = {
	.id = "RM-ABU-004",
	.name = "Phishing kit in a web root",
	.category = CAT_ABUSE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1584.004", "T1608.005", "T1566.002"),
	.description = "A page in a web root with a password form that "
	    "imitates a brand and sends what is typed by mail, to Telegram or "
	    "Discord, or into a text file; kit archives and brand-named "
	    "directories in a web root.",
	.remediation = "Take the kit offline (move the directory out of the "
	    "web root, keep a copy for evidence), find how it was uploaded "
	    "(web server logs around its mtime, a web shell, a CMS account), "
	    "look for its credential drop files and tell the people whose "
	    "credentials are in them; report the kit to the imitated brand.",
	.kinds = FACT_WEB_FILE,
	.check = check,
};
