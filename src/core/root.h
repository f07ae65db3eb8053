/*
 * root.h - open files inside a root that may be a hostile disk image.
 *
 * `--root DIR` points rookmelder at a mounted snapshot whose owner may have
 * planted links such as etc/passwd -> /home/admin/.ssh/id_rsa or a link
 * loop.  root_open() resolves a path *inside* the root: absolute links are
 * taken relative to the root and ".." cannot climb out (openat2 with
 * RESOLVE_IN_ROOT).  On kernels without openat2 it walks the path itself
 * and refuses every symbolic link.  The live host is the root "/".
 */
#ifndef RM_ROOT_H
#define RM_ROOT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "buf.h"

/* Open path (absolute or relative, taken inside rootfd).  flags as for
 * open(2); O_CLOEXEC and O_NOCTTY are added.  Returns an fd or rm_err. */
int root_open(int rootfd, const char *path, int flags);

/* fstat of the file at path inside rootfd, without following a final
 * link (the link itself is described).  Returns rm_err. */
int root_lstat(int rootfd, const char *path, struct stat *st);

/*
 * Read a regular file inside the root into b (initialised by the caller,
 * its cap bounds the read).  A FIFO, device or directory at path is
 * refused with RM_EPARSE, so a planted FIFO cannot hang the scan.  If st is
 * not NULL it gets the file's metadata.  *truncated reports a cut-off.
 */
int root_read_file(int rootfd, const char *path, struct buf *b,
		   struct stat *st, bool *truncated);

#endif
