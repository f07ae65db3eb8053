/*
 * hash.h - file digests (libmd, the library dpkg itself uses): MD5 to
 * check a running image against dpkg's md5sums, SHA-256 for reports.
 */
#ifndef RM_HASH_H
#define RM_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Digest fd from offset 0, at most max bytes (RM_ETOOBIG if the file is
 * longer).  Lower-case hex, NUL-terminated.  Returns rm_err. */
int hash_md5_fd(int fd, uint64_t max, char hex[33]);
int hash_sha256_fd(int fd, uint64_t max, char hex[65]);
/* SHA-256 of n bytes at p. */
void hash_sha256_mem(const void *p, size_t n, uint8_t out[32]);

#endif
