/*
 * yara_builtin.c - rookmelder's own YARA rules, embedded.
 *
 * The Makefile concatenates the .yar files of rules/yara into one file and names it in
 * RM_YARA_BUILTIN; the assembler copies its bytes here, NUL-terminated, so
 * the one static binary a responder copies to a suspect host carries its
 * rules with it.
 */
#include <stddef.h>

#include "yara_load.h"

#ifndef RM_YARA_BUILTIN
#error "RM_YARA_BUILTIN must name the concatenated built-in rules"
#endif

__asm__(
	".section .rodata\n"
	".balign 16\n"
	".type rm_yara_builtin_start, @object\n"
	"rm_yara_builtin_start:\n"
	".incbin \"" RM_YARA_BUILTIN "\"\n"
	".type rm_yara_builtin_end, @object\n"
	"rm_yara_builtin_end:\n"
	".byte 0\n"
	".previous\n");

extern const char rm_yara_builtin_start[];
extern const char rm_yara_builtin_end[];

const char *
yara_builtin_source(size_t *len)
{
	*len = (size_t)(rm_yara_builtin_end - rm_yara_builtin_start);
	return rm_yara_builtin_start;
}
