/*
 * fuzz_yara_rules.c - a user's rule file through rookmelder's loader:
 * libyara's compiler, and when it fails the split-and-retry salvage
 * (yara_load.c), then a scan of the input itself with what compiled.
 *
 * Checked: no crash, hang or leak in either path; the rules kept plus
 * the failures noted never exceed the rules the splitter finds (or 1 for
 * an unsplittable file); every note names a place and a reason.
 */
#include <yara.h>

#include "collect/yara_load.h"
#include "collect/yara_split.h"
#include "fuzz.h"

static int
cb(YR_SCAN_CONTEXT *ctx, int msg, void *data, void *arg)
{
	(void)ctx;
	(void)msg;
	(void)data;
	(void)arg;
	return CALLBACK_CONTINUE;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yara_ruleset rs;
	long n, parts;

	if (size > 8192)
		return 0;
	parts = yara_split((const char *)data, size, NULL, 0);
	n = yara_compile_text((const char *)data, size, "fuzz", &rs);
	if (n < 0)
		abort();
	if (parts >= 0 && (long)(rs.nrules + rs.nfailed) > parts + 1)
		abort();
	for (size_t i = 0; i < rs.nnotes; i++)
		if (!rs.notes[i].where[0] || !rs.notes[i].what[0])
			abort();
	if (rs.rules)
		yr_rules_scan_mem(rs.rules, data, size, 0, cb, NULL, 1);
	yara_ruleset_free(&rs);
	return 0;
}
