/*
 * fuzz_kmod.c - the kernel-module comparison: /proc/modules text (before
 * the first NUL) merged with /sys/module entries ("NAME TAINT" lines
 * after it) by kmod_merge(), then RM-ROOT-003 over the result, with the
 * host taint from the first 8 bytes; and ioc_parse_kmods() plus the name
 * lookups on the same text.  A rootkit names its own module.
 * Invariants: every module once per sysfs name, flags consistent with the
 * two lists, findings one per module at most (plus one for the host).
 */
#include "collect/collect.h"
#include "collect/etc_parse.h"
#include "core/arena.h"
#include "core/ioc.h"
#include "detect/detector.h"
#include "fuzz.h"

static struct ioc builtin;
static bool loaded;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[256], *taints[256];
	char *buf, *sys, *p, *end;
	size_t plen, nsys = 0, nproc;
	struct snapshot s;
	struct findings fs;
	struct ioc io;
	int64_t taint = 0;

	if (size > 65536)
		return 0;
	if (!loaded) {
		char *warn = NULL;

		ioc_load(&builtin, NULL, &warn);
		free(warn);
		loaded = true;
	}
	buf = fuzz_dup(data, size);
	if (size >= 8)
		memcpy(&taint, buf, 8);
	sys = memchr(buf, '\0', size);
	plen = sys ? (size_t)(sys - buf) : size;
	snapshot_init(&s);
	s.live = true;
	s.ioc = &builtin;
	s.host.modules_supported = true;
	s.host.taint = taint;
	etcparse_modules(buf, plen, &s.arena, &s.kmods, &s.nkmods);
	for (size_t i = 0; i < s.nkmods; i++)
		s.kmods[i].in_proc_modules = true;
	nproc = s.nkmods;
	/* sysfs lines: NAME [TAINT], NULs made line ends */
	if (sys) {
		for (p = sys + 1, end = buf + size; p < end; p++)
			if (*p == '\0')
				*p = '\n';
		p = sys + 1;
		while (p < end && nsys < 256) {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			char *sp;

			if (nl == NULL)
				break;  /* an unterminated last line is dropped */
			*nl = '\0';
			sp = strchr(p, ' ');
			if (sp)
				*sp = '\0';
			if (*p) {
				names[nsys] = p;
				taints[nsys++] = sp ? sp + 1 : NULL;
			}
			p = nl + 1;
		}
	}
	kmod_merge(&s, names, taints, nsys);
	FUZZ_CHECK(s.nkmods <= nproc + nsys);
	FUZZ_CHECK(s.nkmods >= nproc);
	for (size_t i = 0; i < nsys; i++) {
		size_t hits = 0;

		for (size_t k = 0; k < s.nkmods; k++)
			if (strcmp(s.kmods[k].name, names[i]) == 0) {
				FUZZ_CHECK(s.kmods[k].in_sysfs);
				if (!s.kmods[k].in_proc_modules)
					hits++;
			}
		FUZZ_CHECK(hits <= 1);  /* a sysfs-only module is added once */
	}
	for (size_t k = 0; k < s.nkmods; k++) {
		FUZZ_CHECK(s.kmods[k].name && s.kmods[k].sysfs_read);
		FUZZ_CHECK(s.kmods[k].in_proc_modules || s.kmods[k].in_sysfs);
	}
	findings_init(&fs);
	detect_run_one(detector_find("RM-ROOT-003"), &s, &fs);
	FUZZ_CHECK(fs.n <= s.nkmods + 1);
	for (size_t i = 0; i < fs.n; i++)
		FUZZ_CHECK(fs.v[i]->severity >= SEV_MEDIUM);
	findings_free(&fs);
	/* the list format on the same bytes */
	memset(&io, 0, sizeof(io));
	ioc_parse_kmods(&io, (const char *)data, plen);
	for (size_t i = 0; i < io.nrk_mods; i++) {
		FUZZ_CHECK(strlen(io.rk_mods[i]) > 0 &&
		    strlen(io.rk_mods[i]) <= 64);
		FUZZ_CHECK(strchr(io.rk_mods[i], '-') == NULL);
		if (strchr(io.rk_mods[i], '*') == NULL)
			FUZZ_CHECK(ioc_rootkit_module(&io, io.rk_mods[i]));
	}
	for (size_t k = 0; k < s.nkmods; k++) {
		ioc_rootkit_module(&io, s.kmods[k].name);
		ioc_good_module(&io, s.kmods[k].name);
	}
	ioc_free(&io);
	snapshot_free(&s);
	free(buf);
	return 0;
}
