/* pkg_ev.c - evidence of the package detectors (pkg_ev.h). */
#include <stdlib.h>

#include "../core/xmalloc.h"
#include "pkg_ev.h"

void
pkg_ev_file(struct finding *f, const struct pkg_file *pf)
{
	finding_set_file(f, pf->path);
	if (pf->sha256) {
		free(f->file_sha256);
		f->file_sha256 = xstrdup(pf->sha256);
	}
	for (uint32_t i = 0; i < pf->nowners; i++)
		finding_ev_list_add(f, "packages", pf->owners[i]);
	if (pf->md5)
		finding_ev_str(f, "md5", pf->md5);
	if (pf->md5_expected)
		finding_ev_str(f, "md5_expected", pf->md5_expected);
	finding_ev_int(f, "size", (int64_t)pf->size);
	finding_ev_file_meta(f, "", pf->uid, pf->mode, pf->mtime);
	finding_ev_int(f, "gid", pf->gid);
	if (pf->link)
		finding_ev_str(f, "link", pf->link);
	if (pf->elf)
		finding_ev_bool(f, "elf", true);
	for (uint32_t i = 0; i < pf->npam_refs; i++)
		finding_ev_list_add(f, "pam_lines", pf->pam_refs[i]);
}
