/*
 * elf_parse.h - the exported functions of a shared library, from its bytes.
 *
 * A preloaded library (/etc/ld.so.preload, LD_PRELOAD) hooks the libc
 * calls whose names it defines: readdir to hide /proc entries, fopen to
 * fake files, pcap_loop to hide traffic.  This reader lists the defined,
 * exported function symbols of an ELF file held in memory, so a detector
 * can say what a preloaded library hooks.
 *
 * Hostile input: the file is the attacker's.  Every offset, size, count
 * and string is checked against the buffer before use (no read outside
 * [buf, buf+len)), counts are capped (ELF_SYMS_MAX), and nothing is
 * allocated.  32- and 64-bit, little- and big-endian.  The dynamic symbol
 * table is found through the section headers (SHT_DYNSYM and its string
 * table) or, when sections are stripped or forged, through PT_DYNAMIC
 * (DT_SYMTAB, DT_STRTAB, DT_STRSZ, and DT_HASH or DT_GNU_HASH for the
 * count).
 */
#ifndef RM_ELF_PARSE_H
#define RM_ELF_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_SYMS_MAX (1u << 20)  /* symbols looked at per file */

enum elf_source {
	ELF_SRC_NONE = 0,
	ELF_SRC_SECTIONS,     /* .dynsym + its linked string table */
	ELF_SRC_DYNAMIC,      /* PT_DYNAMIC: DT_SYMTAB / DT_STRTAB */
};

struct elf_info {
	int bits;             /* 32 or 64; 0 not ELF */
	bool big_endian;
	uint16_t type;        /* e_type: 2 EXEC, 3 DYN */
	uint16_t machine;
	enum elf_source source;
	uint32_t nsyms;       /* symbol table entries examined */
	uint32_t nfuncs;      /* defined exported functions reported */
	bool capped;          /* more symbols than ELF_SYMS_MAX */
};

/* Called for each defined, exported (global or weak, default or protected
 * visibility) function symbol (STT_FUNC or STT_GNU_IFUNC).  name points
 * into the buffer, NUL-terminated inside it.  Return non-zero to stop. */
typedef int elf_sym_fn(const char *name, void *arg);

/*
 * Walk the dynamic symbols of the ELF image buf[0..len).  Returns RM_OK
 * (info filled, cb called per function), RM_EPARSE when buf is not an ELF
 * file or holds no usable dynamic symbol table (info says how far it
 * got).  cb may be NULL (count only).
 */
int elf_dynsyms(const uint8_t *buf, size_t len, elf_sym_fn *cb, void *arg,
		struct elf_info *info);

#endif
