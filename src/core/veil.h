/*
 * veil.h - the data rookmelder carries (indicator lists, built-in YARA
 * rules) is embedded with the top bit of every byte but 0x00 and 0x80
 * flipped (the Makefile's VEIL), so the binary holds none of the strings
 * its rules look for: a copy of rookmelder on a host is not a "miner".
 */
#ifndef RM_VEIL_H
#define RM_VEIL_H

#include <stddef.h>

/* The clear text of a veiled, NUL-terminated embedded block, decoded
 * once into *cache (malloc'd, kept for the life of the process). */
const char *veil_open(const char *veiled, const char **cache);

/* Flip n bytes of p in place (the same mapping both ways). */
void veil_flip(char *p, size_t n);

#endif
