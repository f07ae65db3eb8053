/*
 * det_ran_note.c - RM-RAN-001: ransom notes and encrypted files.
 *
 * Linux ransomware (and extortion after a data theft) leaves a note named
 * to be read (README_FOR_DECRYPT.txt, HOW_TO_DECRYPT, _readme.txt,
 * RECOVER-FILES) that asks for payment, and renames what it encrypted
 * (.locked, .encrypted, .crypt...).  A note naming decryption or "your
 * files" and a payment or contact channel (bitcoin, monero, .onion, tox,
 * protonmail) is critical, and so is a directory with at least
 * RM_RANSOM_DIR_MIN recent files named with a ransomware extension (under
 * a backup path, where encrypted backups live, medium).  A note-named
 * file with only one of the two is medium.
 */
#include <stdio.h>

#include "../collect/web_parse.h"
#include "detector.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct data_file *df = fa->u.data_file;
	struct finding *f;

	(void)s;
	if (df->kind == DATAF_NOTE) {
		unsigned w = df->count;
		bool threat = w & (NOTE_DECRYPT | NOTE_YOURFILES);
		bool pay = w & (NOTE_BTC | NOTE_XMR | NOTE_ONION |
		    NOTE_CONTACT);

		if (!threat && !pay)
			return;
		f = findings_add(out, d, "ransom note %s%s", df->path,
		    threat && pay ? ": it asks for payment to decrypt files" :
		    "");
		f->severity = threat && pay ? SEV_CRITICAL : SEV_MEDIUM;
		f->confidence = threat && pay ? CONF_HIGH : CONF_LOW;
		finding_set_file(f, df->path);
		if (w & NOTE_DECRYPT)
			finding_ev_list_add(f, "words", "decrypt");
		if (w & NOTE_YOURFILES)
			finding_ev_list_add(f, "words", "your files");
		if (w & NOTE_BTC)
			finding_ev_list_add(f, "words", "bitcoin");
		if (w & NOTE_XMR)
			finding_ev_list_add(f, "words", "monero");
		if (w & NOTE_ONION)
			finding_ev_list_add(f, "words", "onion address");
		if (w & NOTE_CONTACT)
			finding_ev_list_add(f, "words", "anonymous contact");
	} else if (df->kind == DATAF_ENC_DIR) {
		if (df->count < RM_RANSOM_DIR_MIN)
			return;
		f = findings_add(out, d, "%u recent files named *%s in %s: "
		    "files encrypted by ransomware", df->count,
		    df->detail ? df->detail : "?", df->path);
		f->severity = df->backup_path ? SEV_MEDIUM : SEV_CRITICAL;
		f->confidence = df->backup_path ? CONF_LOW : CONF_MEDIUM;
		finding_set_file(f, df->path);
		finding_ev_int(f, "files", df->count);
		finding_ev_str(f, "extension", df->detail ? df->detail : "?");
	} else {
		return;
	}
	finding_ev_file_meta(f, "file_", df->uid, df->mode, df->mtime);
}

const struct detector det_ran_note = {
	.id = "RM-RAN-001",
	.name = "Ransom note or encrypted files",
	.category = CAT_RANSOMWARE_PREP,
	.severity = SEV_CRITICAL,
	.techniques = TECHNIQUES("T1486", "T1491.001"),
	.description = "A ransom note (README_FOR_DECRYPT, HOW_TO_DECRYPT, "
	    "_readme.txt...) asking for bitcoin/monero or a .onion contact, "
	    "or a directory of recent files renamed .locked, .encrypted, "
	    ".crypt...",
	.remediation = "Isolate the host from the network now (keep it "
	    "running: keys may still be in memory), do not pay or delete "
	    "anything, preserve a disk and memory image, find the encrypting "
	    "process (RM-RAN-002) and restore from offline backups after the "
	    "intruder's access is closed.",
	.kinds = FACT_DATA_FILE,
	.check = check,
};
