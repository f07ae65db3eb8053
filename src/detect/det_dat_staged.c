/*
 * det_dat_staged.c - RM-DAT-002: data staged for theft.
 *
 * Before data leaves it is packed: a big archive (by its magic bytes, at
 * least RM_STAGED_MIN, changed within RM_RECENT_DAYS) in /tmp, /dev/shm
 * or a hidden directory, or a database dump.  A dump or archive in a web
 * root can be downloaded by anyone who guesses its name (high); in a
 * hidden directory, high; in /tmp and /var/tmp, medium; in homes and
 * /srv, low (administrators keep dumps and tarballs there).  Anything
 * under a backup path (/var/backups, a "backup" directory) is not
 * reported.  SQLite files are reported only in web roots; SQL text without
 * a dump header (an application's schema) is low wherever it is.
 */
#include <stdio.h>
#include <string.h>

#include "detect_util.h"
#include "detector.h"

static const char *
area_name(enum data_area a)
{
	switch (a) {
	case DAREA_WEB: return "a web root";
	case DAREA_TMP: return "a temporary directory";
	case DAREA_HIDDEN: return "a hidden directory";
	case DAREA_HOME: return "a home directory";
	case DAREA_SRV: return "a service directory";
	}
	return "?";
}

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct data_file *df = fa->u.data_file;
	bool dump = df->kind == DATAF_DUMP;
	enum severity sev;
	struct finding *f;
	size_t hl = 0;

	(void)s;
	if ((df->kind != DATAF_ARCHIVE && df->kind != DATAF_DUMP) ||
	    df->backup_path)
		return;
	if (df->kind == DATAF_ARCHIVE && !df->recent)
		return;
	switch (df->area) {
	case DAREA_WEB:
		sev = dump && df->detail && strcmp(df->detail, "sqlite") == 0 ?
		    SEV_MEDIUM : SEV_HIGH;
		break;
	case DAREA_HIDDEN:
		sev = SEV_HIGH;
		break;
	case DAREA_TMP:
		sev = path_hidden_component(df->path, &hl) ? SEV_HIGH :
		    SEV_MEDIUM;
		break;
	default:
		sev = SEV_LOW;
		break;
	}
	/* SQL text without a dump header: the schema or install script an
	 * application ships (phpMyAdmin, plugins, PostgreSQL extensions) */
	if (dump && df->detail && strcmp(df->detail, "sql") == 0)
		sev = SEV_LOW;
	if (dump)
		f = findings_add(out, d, "database dump %s (%s) in %s%s",
		    df->path, df->detail ? df->detail : "?",
		    area_name(df->area), df->area == DAREA_WEB &&
		    sev >= SEV_MEDIUM ? ": anyone can download it" : "");
	else
		f = findings_add(out, d, "%llu MB %s archive %s, new, in %s",
		    (unsigned long long)(df->size >> 20),
		    df->detail ? df->detail : "?", df->path,
		    area_name(df->area));
	f->severity = sev;
	f->confidence = df->area == DAREA_HOME || df->area == DAREA_SRV ?
	    CONF_LOW : CONF_MEDIUM;
	finding_set_file(f, df->path);
	finding_ev_str(f, "format", df->detail ? df->detail : "?");
	finding_ev_str(f, "where", area_name(df->area));
	finding_ev_int(f, "size", (int64_t)df->size);
	finding_ev_bool(f, "recent", df->recent);
	finding_ev_bool(f, "written_by_web_server", df->web_owner);
	finding_ev_file_meta(f, "file_", df->uid, df->mode, df->mtime);
}

const struct detector det_dat_staged = {
	.id = "RM-DAT-002",
	.name = "Data staged for theft",
	.category = CAT_DATA_THEFT,
	.severity = SEV_MEDIUM,
	.techniques = TECHNIQUES("T1074.001", "T1560.001", "T1005"),
	.description = "A big new archive (by magic bytes) in /tmp, /dev/shm, "
	    "a hidden directory, a home or a web root, or a database dump "
	    "outside backup paths; high in a web root (downloadable) or a "
	    "hidden directory.",
	.remediation = "Move the file out of any web root at once; find who "
	    "made it (owner, mtime, shell history, web server logs for "
	    "requests of its name) and what it holds, and treat the data in "
	    "it as stolen if it was downloaded.",
	.kinds = FACT_DATA_FILE,
	.check = check,
};
