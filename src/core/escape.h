/*
 * escape.h - making hostile host strings safe to print.
 *
 * Every string that came from the host (process names, paths, command
 * lines, file contents) goes through one of these on its way out:
 *  - escape_json(): valid UTF-8 is kept, control characters become \u00XX,
 *    invalid bytes become U+FFFD, so the document is always valid JSON.
 *  - escape_text(): for a terminal.  Printable UTF-8 is kept; C0/C1
 *    controls, DEL, bidirectional overrides and invalid bytes are shown as
 *    \xHH or \u{HHHH}, so a name cannot move the cursor, recolour the
 *    screen, or hide text.
 */
#ifndef RM_ESCAPE_H
#define RM_ESCAPE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"

/* Length (1-4) of the valid UTF-8 sequence at s, or 0 if it is invalid
 * (overlong, surrogate, beyond U+10FFFF, cut off).  *cp gets the code
 * point. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

void escape_json(struct buf *out, const char *s, size_t n);
void escape_text(struct buf *out, const char *s, size_t n);

/* Write s (n bytes) to f, escaped for a terminal. */
void fput_text(FILE *f, const char *s, size_t n);

#endif
