/*
 * yara_builtin.c - rookmelder's own YARA rules, embedded.
 *
 * The Makefile concatenates the .yar files of rules/yara into one file,
 * veiled (core/veil.h: the top bit of each byte flipped, so the binary does
 * not carry the strings its rules look for), in RM_GEN_DIR; the assembler
 * copies its bytes here, NUL-terminated, so the one static binary a
 * responder copies to a suspect host carries its rules with it.
 */
#include <string.h>

#include "../core/veil.h"
#include "yara_load.h"

#ifndef RM_GEN_DIR
#error "RM_GEN_DIR must name the directory of the veiled data (Makefile)"
#endif

__asm__(
	".section .rodata\n"
	".balign 16\n"
	".type rm_yara_builtin_veiled, @object\n"
	"rm_yara_builtin_veiled:\n"
	".incbin \"" RM_GEN_DIR "/builtin.yar.x\"\n"
	".byte 0\n"
	".previous\n");

extern const char rm_yara_builtin_veiled[];

const char *
yara_builtin_source(size_t *len)
{
	static const char *clear;
	const char *s = veil_open(rm_yara_builtin_veiled, &clear);

	*len = strlen(s);
	return s;
}
