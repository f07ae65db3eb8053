/*
 * fuzz_sysctl.c - hostparse_sysctl() on a sysctl.conf / sysctl.d file (in
 * a --root image, the attacker's).  The input is parsed twice, as two
 * files, so the second call appends to (and grows) the first one's array.
 *
 * Checked: at most 1024 lines kept; each one of the three keys, its value
 * at most 64 bytes, its line number within the file and increasing, its
 * path the file's; the first file's entries unchanged by the second call;
 * and a model: the same lines, found by an independent reading.
 */
#include "collect/host_parse.h"
#include "fuzz.h"

struct want {
	uint32_t line;
	const char *key;
};

/* The key a line sets, as sysctl.d(5) reads it, or NULL. */
static const char *
model_key(const char *s, const char *le)
{
	static const char *const keys[] = {
		"vm.nr_hugepages", "kernel.nmi_watchdog",
		"vm.nr_overcommit_hugepages",
	};
	const char *eq, *ke;
	char norm[64];
	size_t n;

	while (s < le && (*s == ' ' || *s == '\t' || *s == '-'))
		s++;
	if (s >= le || *s == '#' || *s == ';')
		return NULL;
	eq = memchr(s, '=', (size_t)(le - s));
	if (eq == NULL)
		return NULL;
	ke = eq;
	while (ke > s && (ke[-1] == ' ' || ke[-1] == '\t'))
		ke--;
	n = (size_t)(ke - s);
	if (n == 0 || n >= sizeof(norm))
		return NULL;
	/* a key holding a NUL is no key (not "vm.nr_hugepages\0junk") */
	if (memchr(s, '\0', n))
		return NULL;
	for (size_t i = 0; i < n; i++)
		norm[i] = s[i] == '/' ? '.' : s[i];
	for (size_t i = 0; i < 3; i++)
		if (strlen(keys[i]) == n && memcmp(norm, keys[i], n) == 0)
			return keys[i];
	return NULL;
}

static uint32_t
model(const char *buf, size_t len, struct want *w, uint32_t max)
{
	const char *p = buf, *end = buf + len;
	uint32_t n = 0, line = 0;

	while (p < end && n < max) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *k;

		line++;
		if ((k = model_key(p, le)) != NULL) {
			w[n].line = line;
			w[n].key = k;
			n++;
		}
		p = nl ? nl + 1 : end;
	}
	return n;
}

static void
check(const struct sysctl_line *v, uint32_t from, uint32_t to,
      const char *path, const struct want *w)
{
	for (uint32_t i = from; i < to; i++) {
		FUZZ_CHECK(strcmp(v[i].path, path) == 0);
		FUZZ_CHECK(v[i].line == w[i - from].line);
		FUZZ_CHECK(strcmp(v[i].key, w[i - from].key) == 0);
		FUZZ_CHECK(strlen(v[i].value) <= 64);
		FUZZ_CHECK(strchr(v[i].value, '\n') == NULL);
		FUZZ_CHECK(i == from || v[i].line > v[i - 1].line);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct want w[1024];
	struct arena a = { 0 };
	struct sysctl_line *v = NULL;
	uint32_t n = 0, alloc = 0, n1, m1, m2;
	char *buf;

	if (size > 65536)
		return 0;
	buf = fuzz_dup(data, size);
	hostparse_sysctl(buf, size, "/etc/sysctl.conf", &a, &v, &n, &alloc);
	n1 = n;
	FUZZ_CHECK(n <= 1024 && n <= alloc);
	m1 = model(buf, size, w, 1024);
	FUZZ_CHECK(m1 == n1);
	check(v, 0, n1, "/etc/sysctl.conf", w);

	hostparse_sysctl(buf, size, "/etc/sysctl.d/99-x.conf", &a, &v, &n,
	    &alloc);
	FUZZ_CHECK(n <= 1024 && n <= alloc && n >= n1);
	check(v, 0, n1, "/etc/sysctl.conf", w);
	m2 = model(buf, size, w, 1024 - n1);
	FUZZ_CHECK(n - n1 == m2);
	check(v, n1, n, "/etc/sysctl.d/99-x.conf", w);
	arena_free(&a);
	free(buf);
	return 0;
}
