/* err.c - strings for rm_err codes. */
#include <errno.h>

#include "err.h"

const char *
rm_strerror(int err)
{
	switch (err) {
	case RM_OK: return "success";
	case RM_ENOMEM: return "out of memory";
	case RM_ESYS: return "system call failed";
	case RM_EPARSE: return "malformed data";
	case RM_ETOOBIG: return "data exceeds limit";
	case RM_EGONE: return "vanished";
	case RM_EPERM: return "permission denied";
	case RM_ENOTSUP: return "not supported";
	case RM_EUSAGE: return "usage error";
	case RM_ENOENT: return "not found";
	case RM_ELOOP: return "path escapes root or loops";
	}
	return "unknown error";
}

int
rm_from_errno(int e)
{
	switch (e) {
	case 0: return RM_OK;
	case ENOMEM: return RM_ENOMEM;
	case ESRCH: return RM_EGONE;
	case ENOENT: case ENOTDIR: return RM_ENOENT;
	case EACCES: case EPERM: return RM_EPERM;
	case ELOOP: case EXDEV: return RM_ELOOP;
	case ENOSYS: case EOPNOTSUPP: return RM_ENOTSUP;
	case EFBIG: case E2BIG: case ENAMETOOLONG: return RM_ETOOBIG;
	}
	return RM_ESYS;
}
