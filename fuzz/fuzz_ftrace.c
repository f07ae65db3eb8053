/*
 * fuzz_ftrace.c - ftraceparse_enabled() on tracefs enabled_functions text
 * (a module names its own hook functions), then RM-ROOT-004 over what was
 * kept.  Names are terminated, within 127 bytes, free of the separators
 * that ended them; hooks plus malformed lines never exceed the lines.
 */
#include "collect/collect.h"
#include "collect/ftrace_parse.h"
#include "core/ioc.h"
#include "detect/detector.h"
#include "fuzz.h"

static struct ioc builtin;
static bool loaded;

struct cnt {
	uint32_t n;
};

static void
each(const struct ftrace_hook *h, void *arg)
{
	struct cnt *c = arg;

	FUZZ_CHECK(h->func[0] != '\0');
	FUZZ_CHECK(strlen(h->func) < sizeof(h->func));
	FUZZ_CHECK(strlen(h->module) < sizeof(h->module));
	FUZZ_CHECK(strpbrk(h->func, " \t\n") == NULL);
	FUZZ_CHECK(strpbrk(h->module, "]\n") == NULL);
	c->n++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf;
	struct cnt c = { 0 };
	uint32_t bad, lines = 0;
	struct snapshot s;
	struct findings fs;

	if (size > 65536)
		return 0;
	if (!loaded) {
		char *warn = NULL;

		ioc_load(&builtin, NULL, &warn);
		free(warn);
		loaded = true;
	}
	buf = fuzz_dup(data, size);
	for (size_t i = 0; i < size; i++)
		lines += buf[i] == '\n';
	lines++;
	bad = ftraceparse_enabled(buf, size, each, &c);
	FUZZ_CHECK(c.n + bad <= lines);
	snapshot_init(&s);
	s.ioc = &builtin;
	ftrace_parse_into(&s, buf, size);
	FUZZ_CHECK(s.host.nftrace_funcs == c.n);
	FUZZ_CHECK(s.host.nftrace_hooks <= c.n);
	findings_init(&fs);
	detect_run_one(detector_find("RM-ROOT-004"), &s, &fs);
	FUZZ_CHECK(fs.n <= s.host.nftrace_hooks);
	findings_free(&fs);
	snapshot_free(&s);
	free(buf);
	return 0;
}
