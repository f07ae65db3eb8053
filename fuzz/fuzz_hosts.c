/*
 * fuzz_hosts.c - hostparse_hosts() on /etc/hosts (miners write it to
 * block competitors' pools; in a --root image it is the attacker's).
 *
 * Checked: every entry an IPv4 or IPv6 address that inet_pton accepts
 * from the first field of some line (v4 in the first 4 bytes, the rest
 * zero), and a name of 1..253 bytes without blanks, CR or '#' that occurs
 * in the input after its address; and the count against a model that
 * reads the file independently.
 */
#include <arpa/inet.h>
#include <sys/socket.h>

#include "collect/host_parse.h"
#include "fuzz.h"

static uint32_t
model(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	uint32_t n = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = p, *h;
		char addr[64];
		unsigned char bin[16];
		size_t al = 0;

		p = nl ? nl + 1 : end;
		if ((h = memchr(s, '#', (size_t)(le - s))) != NULL)
			le = h;
		while (s < le && (*s == ' ' || *s == '\t'))
			s++;
		while (s + al < le && s[al] != ' ' && s[al] != '\t')
			al++;
		if (al == 0 || al >= sizeof(addr))
			continue;
		memcpy(addr, s, al);
		addr[al] = '\0';
		if (inet_pton(AF_INET, addr, bin) != 1 &&
		    inet_pton(AF_INET6, addr, bin) != 1)
			continue;
		for (s += al; s < le;) {
			size_t l = 0;

			while (s < le && (*s == ' ' || *s == '\t' || *s == '\r'))
				s++;
			while (s + l < le && s[l] != ' ' && s[l] != '\t' &&
			    s[l] != '\r')
				l++;
			if (l > 0 && l <= 253)
				n++;
			s += l;
		}
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = { 0 };
	struct hosts_entry *v = NULL;
	uint32_t n = 0, alloc = 0;
	char *buf;

	if (size > 65536)
		return 0;
	buf = fuzz_dup(data, size);
	hostparse_hosts(buf, size, &a, &v, &n, &alloc);
	FUZZ_CHECK(n <= alloc || n == 0);
	FUZZ_CHECK(n == model(buf, size));
	for (uint32_t i = 0; i < n; i++) {
		const struct hosts_entry *e = &v[i];
		size_t l = strlen(e->name);

		FUZZ_CHECK(e->family == AF_INET || e->family == AF_INET6);
		if (e->family == AF_INET)
			for (int k = 4; k < 16; k++)
				FUZZ_CHECK(e->addr[k] == 0);
		FUZZ_CHECK(l <= 253);
		FUZZ_CHECK(strpbrk(e->name, " \t\r\n#") == NULL);
		FUZZ_CHECK(l == 0 || memmem(buf, size, e->name, l) != NULL);
	}
	arena_free(&a);
	free(buf);
	return 0;
}
