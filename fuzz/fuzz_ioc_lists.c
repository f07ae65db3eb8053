/*
 * fuzz_ioc_lists.c - the indicator list parsers (a user's
 * /etc/rookmelder/ lists may be anything) and the matcher built from them.
 *
 * Input: bytes 0-1 and 2-3 (little endian) cut the rest into three texts:
 * pool-ports.txt, pools.txt and miner-strings.txt.  After ioc_finish():
 * ioc_scan over the whole input must report exactly the occurrences a
 * naive search finds, each one really there; the domain list must be
 * sorted, lower case and of the allowed characters, each entry found by
 * ioc_pool_domain (itself, as a parent, with a trailing dot, in upper
 * case), and a name from the input that matches must end in the entry on
 * a label boundary.
 */
#include <ctype.h>

#include "core/ioc.h"
#include "fuzz.h"

#define HDR 4

struct hits {
	const struct ioc *io;
	const char *buf;
	size_t n, count;
};

static int
on_hit(const struct ioc_string *st, size_t off, void *arg)
{
	struct hits *h = arg;

	FUZZ_CHECK(st->id < h->io->nstrings && st == &h->io->strings[st->id]);
	FUZZ_CHECK(off + st->len <= h->n);
	FUZZ_CHECK(memcmp(h->buf + off, st->s, st->len) == 0);
	h->count++;
	return 0;
}

static void
check_domain_match(const struct ioc *io, const char *name)
{
	const char *d = ioc_pool_domain(io, name);
	char low[256];
	size_t n = strlen(name), dl;

	if (d == NULL)
		return;
	FUZZ_CHECK(n > 0 && n < sizeof(low));
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[n] = '\0';
	if (low[n - 1] == '.')
		low[--n] = '\0';
	dl = strlen(d);
	FUZZ_CHECK(dl <= n && strcmp(low + n - dl, d) == 0);
	FUZZ_CHECK(dl == n || low[n - dl - 1] == '.');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ioc io;
	struct hits h;
	size_t n, a, b, model = 0;
	const char *t;
	char *all, *p0, *p1, *p2;

	if (size < HDR || size > HDR + 4096)
		return 0;
	n = size - HDR;
	a = ((size_t)data[0] | (size_t)data[1] << 8) % (n + 1);
	b = ((size_t)data[2] | (size_t)data[3] << 8) % (n + 1);
	if (a > b) {
		size_t x = a;

		a = b;
		b = x;
	}
	all = fuzz_dup(data + HDR, n);
	p0 = fuzz_dup(data + HDR, a);
	p1 = fuzz_dup(data + HDR + a, b - a);
	p2 = fuzz_dup(data + HDR + b, n - b);

	memset(&io, 0, sizeof(io));
	ioc_parse_ports(&io, p0, a);
	ioc_parse_domains(&io, p1, b - a);
	ioc_parse_strings(&io, p2, n - b);
	ioc_finish(&io);
	FUZZ_CHECK(!ioc_pool_port(&io, 0));

	/* the strings: 3..256 bytes, ids in order, min_len right */
	for (size_t i = 0; i < io.nstrings; i++) {
		FUZZ_CHECK(io.strings[i].id == i);
		FUZZ_CHECK(io.strings[i].len >= 3 && io.strings[i].len <= 256);
		FUZZ_CHECK(io.strings[i].weight == IOC_STRONG ||
		    io.strings[i].weight == IOC_WEAK);
		FUZZ_CHECK(io.min_len <= io.strings[i].len);
	}
	FUZZ_CHECK(io.first_off[256] == io.nstrings);

	/* the matcher against a naive search */
	h.io = &io;
	h.buf = all;
	h.n = n;
	h.count = 0;
	FUZZ_CHECK(ioc_scan(&io, all, n, on_hit, &h) == h.count);
	for (size_t i = 0; i < io.nstrings; i++)
		for (size_t off = 0; off + io.strings[i].len <= n; off++)
			model += memcmp(all + off, io.strings[i].s,
			    io.strings[i].len) == 0;
	FUZZ_CHECK(h.count == model);
	FUZZ_CHECK(ioc_scan(&io, all, n, NULL, NULL) == model);

	/* the domains */
	for (size_t i = 0; i < io.ndomains; i++) {
		const char *d = io.domains[i];
		char name[300];

		FUZZ_CHECK(i == 0 || strcmp(io.domains[i - 1], d) <= 0);
		FUZZ_CHECK(d[0] && strlen(d) <= 253);
		for (t = d; *t; t++)
			FUZZ_CHECK(islower((unsigned char)*t) ||
			    isdigit((unsigned char)*t) || *t == '-' ||
			    *t == '.' || *t == '_');
		if (strchr(d, '.') == NULL && d[strlen(d) - 1] != '.') {
			/* a label: found as itself and as a parent */
			FUZZ_CHECK(ioc_pool_domain(&io, d) != NULL);
			snprintf(name, sizeof(name), "x.%s", d);
			FUZZ_CHECK(ioc_pool_domain(&io, name) != NULL);
		}
		if (d[strlen(d) - 1] != '.' && strlen(d) < 250) {
			FUZZ_CHECK(strcmp(ioc_pool_domain(&io, d), d) == 0);
			snprintf(name, sizeof(name), "A.%s.", d);
			for (char *c = name; *c; c++)
				*c = (char)toupper((unsigned char)*c);
			FUZZ_CHECK(ioc_pool_domain(&io, name) != NULL);
		}
		check_domain_match(&io, d);
	}
	/* names from the input: every whitespace-separated token */
	{
		char *z = fuzz_dupz(data + HDR, n);

		for (char *tok = strtok(z, " \t\r\n"); tok;
		    tok = strtok(NULL, " \t\r\n"))
			check_domain_match(&io, tok);
		free(z);
	}
	ioc_free(&io);
	free(all);
	free(p0);
	free(p1);
	free(p2);
	return 0;
}
