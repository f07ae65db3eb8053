/*
 * ioc_data.c - the built-in indicator lists: the rules/ files included as they
 * are, byte for byte, by the assembler (.incbin), so the data stays in the
 * data files and a copied binary carries it.  Paths are relative to the
 * top of the source tree, where make runs the compiler.
 */
#include "ioc.h"

#define IOC_EMBED(sym, file)						\
	__asm__(".section .rodata\n"					\
		".global " #sym "\n"					\
		".type " #sym ", %object\n"				\
		#sym ":\n"						\
		".incbin \"" file "\"\n"				\
		".byte 0\n"						\
		".size " #sym ", . - " #sym "\n"			\
		".previous\n")

IOC_EMBED(ioc_builtin_pool_ports, "rules/pool-ports.txt");
IOC_EMBED(ioc_builtin_pools, "rules/pools.txt");
IOC_EMBED(ioc_builtin_miner_strings, "rules/miner-strings.txt");
/* rules/security-agents.txt: collect/tamper_parse.h */
IOC_EMBED(tamper_builtin_agents, "rules/security-agents.txt");
IOC_EMBED(ioc_builtin_rootkit_modules, "rules/rootkit-modules.txt");
