/*
 * ioc_data.c - the built-in indicator lists: the rules/ files included by
 * the assembler (.incbin), veiled (core/veil.h: the Makefile flips the top
 * bit of each byte into RM_GEN_DIR), so the data stays in the data files, a
 * copied binary carries it, and the binary itself holds no miner string.
 * Paths are relative to the top of the source tree, where make runs the
 * compiler.
 */
#include "ioc.h"
#include "veil.h"

#ifndef RM_GEN_DIR
#error "RM_GEN_DIR must name the directory of the veiled data (Makefile)"
#endif

#define IOC_EMBED(sym, file)						\
	__asm__(".section .rodata\n"					\
		".global " #sym "\n"					\
		".type " #sym ", %object\n"				\
		#sym ":\n"						\
		".incbin \"" file "\"\n"				\
		".byte 0\n"						\
		".size " #sym ", . - " #sym "\n"			\
		".previous\n")

IOC_EMBED(ioc_veiled_pool_ports, RM_GEN_DIR "/pool-ports.txt.x");
IOC_EMBED(ioc_veiled_pools, RM_GEN_DIR "/pools.txt.x");
IOC_EMBED(ioc_veiled_miner_strings, RM_GEN_DIR "/miner-strings.txt.x");
IOC_EMBED(ioc_veiled_agents, RM_GEN_DIR "/security-agents.txt.x");
IOC_EMBED(ioc_veiled_rootkit_modules, RM_GEN_DIR "/rootkit-modules.txt.x");

extern const char ioc_veiled_pool_ports[], ioc_veiled_pools[],
    ioc_veiled_miner_strings[], ioc_veiled_agents[],
    ioc_veiled_rootkit_modules[];

const char *
ioc_builtin(enum ioc_builtin_list which)
{
	static const char *const veiled[] = {
		[IOC_BUILTIN_POOL_PORTS] = ioc_veiled_pool_ports,
		[IOC_BUILTIN_POOLS] = ioc_veiled_pools,
		[IOC_BUILTIN_MINER_STRINGS] = ioc_veiled_miner_strings,
		[IOC_BUILTIN_ROOTKIT_MODULES] = ioc_veiled_rootkit_modules,
		[IOC_BUILTIN_AGENTS] = ioc_veiled_agents,
	};
	static const char *clear[sizeof(veiled) / sizeof(veiled[0])];

	return veil_open(veiled[which], &clear[which]);
}
