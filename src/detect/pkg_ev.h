/*
 * pkg_ev.h - evidence shared by the package detectors (RM-ROOT-001,
 * RM-PER-007): the file's hash, owners, recorded and actual MD5, meta
 * data and the PAM lines that load it.
 */
#ifndef RM_PKG_EV_H
#define RM_PKG_EV_H

#include "../core/facts.h"
#include "../core/finding.h"

/* Fill file.path, file.sha256 and the common evidence keys of f. */
void pkg_ev_file(struct finding *f, const struct pkg_file *pf);

#endif
