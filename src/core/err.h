/*
 * err.h - the one error type of rookmelder.
 *
 * Every function that can fail returns an int: RM_OK (0) or one of the
 * negative codes below.  RM_ESYS means "see errno".  A vanished process is
 * RM_EGONE: callers skip it and count it, it is never a scan failure.
 * Malformed host data is RM_EPARSE: callers record it and go on.
 */
#ifndef RM_ERR_H
#define RM_ERR_H

enum rm_err {
	RM_OK = 0,
	RM_ENOMEM = -1,   /* allocation failed (normally fatal, see xmalloc) */
	RM_ESYS = -2,     /* a system call failed; errno says why */
	RM_EPARSE = -3,   /* host data did not have the expected shape */
	RM_ETOOBIG = -4,  /* data exceeded a cap from limits.h */
	RM_EGONE = -5,    /* the process (or file) vanished while read */
	RM_EPERM = -6,    /* not permitted (not root, ptrace denied, ...) */
	RM_ENOTSUP = -7,  /* the kernel or image lacks the feature */
	RM_EUSAGE = -8,   /* bad command line */
	RM_ENOENT = -9,   /* does not exist (and that is not a vanished pid) */
	RM_ELOOP = -10,   /* a path tried to leave --root or hit a link loop */
};

/* Static text for an rm_err code; never NULL. */
const char *rm_strerror(int err);

/* Map an errno value to an rm_err code (ESRCH -> RM_EGONE, EACCES ->
 * RM_EPERM, ...).  Unknown values give RM_ESYS. */
int rm_from_errno(int e);

#endif
