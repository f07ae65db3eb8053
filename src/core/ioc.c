/* ioc.c - loading indicator lists and matching miner strings. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "ioc.h"
#include "limits.h"
#include "xmalloc.h"
#include "sort.h"

/* Call fn for each line without its comment, trimmed; skip blank ones. */
typedef bool ioc_line_fn(struct ioc *io, const char *p, size_t n);

static uint32_t
each_line(struct ioc *io, const char *text, size_t n, ioc_line_fn *fn)
{
	const char *p = text, *end = text + n;
	uint32_t bad = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = p;

		p = nl ? nl + 1 : end;
		while (s < le && (*s == ' ' || *s == '\t'))
			s++;
		while (le > s && (le[-1] == ' ' || le[-1] == '\t' ||
		    le[-1] == '\r'))
			le--;
		if (s == le || *s == '#')
			continue;
		if (!fn(io, s, (size_t)(le - s)))
			bad++;
	}
	return bad;
}

static bool
port_line(struct ioc *io, const char *p, size_t n)
{
	unsigned long v = 0;
	size_t i = 0;

	for (; i < n && i < 6 && p[i] >= '0' && p[i] <= '9'; i++)
		v = v * 10 + (unsigned long)(p[i] - '0');
	if (i == 0 || v == 0 || v > 65535 ||
	    (i < n && p[i] != ' ' && p[i] != '\t'))
		return false;
	io->ports[v / 8] |= (uint8_t)(1u << (v % 8));
	return true;
}

uint32_t
ioc_parse_ports(struct ioc *io, const char *text, size_t n)
{
	return each_line(io, text, n, port_line);
}

static bool
domain_line(struct ioc *io, const char *p, size_t n)
{
	char *d;
	size_t l = 0;

	while (l < n && p[l] != ' ' && p[l] != '\t')
		l++;
	if (l == 0 || l > 253)
		return false;
	for (size_t i = 0; i < l; i++)
		if (!(isalnum((unsigned char)p[i]) || p[i] == '-' ||
		    p[i] == '.' || p[i] == '_'))
			return false;
	d = xmemdup0(p, l);
	for (size_t i = 0; i < l; i++)
		d[i] = (char)tolower((unsigned char)d[i]);
	io->domains = xreallocarray(io->domains, io->ndomains + 1,
	    sizeof(*io->domains));
	io->domains[io->ndomains++] = d;
	return true;
}

uint32_t
ioc_parse_domains(struct ioc *io, const char *text, size_t n)
{
	return each_line(io, text, n, domain_line);
}

static int
hexv(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool
string_line(struct ioc *io, const char *p, size_t n)
{
	enum ioc_weight w;
	bool name = false;
	char *out;
	size_t o = 0, i;

	if (n > 7 && memcmp(p, "strong ", 7) == 0) {
		w = IOC_STRONG;
		i = 7;
	} else if (n > 5 && memcmp(p, "name ", 5) == 0) {
		w = IOC_STRONG;  /* a miner's name: strong, and counted apart */
		name = true;
		i = 5;
	} else if (n > 5 && memcmp(p, "weak ", 5) == 0) {
		w = IOC_WEAK;
		i = 5;
	} else {
		return false;
	}
	if (n - i > IOC_STRING_MAX)
		return false;
	out = xmalloc(n - i + 1);
	for (; i < n; i++) {
		if (p[i] == '\\' && i + 3 < n + 0 && p[i + 1] == 'x' &&
		    hexv(p[i + 2]) >= 0 && hexv(p[i + 3]) >= 0) {
			out[o++] = (char)(hexv(p[i + 2]) << 4 | hexv(p[i + 3]));
			i += 3;
		} else {
			out[o++] = p[i];
		}
	}
	if (o < 3) {  /* too short to mean anything */
		free(out);
		return false;
	}
	ioc_add_string(io, out, o, w);
	io->strings[io->nstrings - 1].name = name;
	free(out);
	return true;
}

void
ioc_add_string(struct ioc *io, const char *s, size_t len, enum ioc_weight w)
{
	struct ioc_string *st;

	io->strings = xreallocarray(io->strings, io->nstrings + 1,
	    sizeof(*io->strings));
	st = &io->strings[io->nstrings];
	st->s = xmemdup0(s, len);
	st->len = len;
	st->weight = w;
	st->name = false;
	st->id = (uint32_t)io->nstrings++;
}

uint32_t
ioc_parse_strings(struct ioc *io, const char *text, size_t n)
{
	return each_line(io, text, n, string_line);
}

/* "rootkit NAME" / "known-good NAME": the name normalised. */
static bool
kmod_line(struct ioc *io, const char *p, size_t n)
{
	char ***v;
	size_t *cnt, i, l = 0;
	char *d;

	if (n > 8 && memcmp(p, "rootkit ", 8) == 0) {
		v = &io->rk_mods;
		cnt = &io->nrk_mods;
		i = 8;
	} else if (n > 11 && memcmp(p, "known-good ", 11) == 0) {
		v = &io->good_mods;
		cnt = &io->ngood_mods;
		i = 11;
	} else {
		return false;
	}
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	while (i + l < n && p[i + l] != ' ' && p[i + l] != '\t')
		l++;
	if (l == 0 || l > 64)
		return false;
	for (size_t k = 0; k < l; k++)
		if (!(isalnum((unsigned char)p[i + k]) || p[i + k] == '-' ||
		    p[i + k] == '_' || (p[i + k] == '*' && k == l - 1)))
			return false;
	d = xmemdup0(p + i, l);
	for (size_t k = 0; k < l; k++)
		d[k] = d[k] == '-' ? '_' : (char)tolower((unsigned char)d[k]);
	*v = xreallocarray(*v, *cnt + 1, sizeof(**v));
	(*v)[(*cnt)++] = d;
	return true;
}

uint32_t
ioc_parse_kmods(struct ioc *io, const char *text, size_t n)
{
	return each_line(io, text, n, kmod_line);
}

static const char *
kmod_match(char *const *v, size_t n, const char *name)
{
	char low[256];
	size_t l = strlen(name);

	if (l == 0 || l >= sizeof(low))
		return NULL;
	for (size_t i = 0; i < l; i++)
		low[i] = name[i] == '-' ? '_' :
		    (char)tolower((unsigned char)name[i]);
	low[l] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t el = strlen(v[i]);

		if (el && v[i][el - 1] == '*' ? strncmp(low, v[i], el - 1) == 0
		    : strcmp(low, v[i]) == 0)
			return v[i];
	}
	return NULL;
}

const char *
ioc_rootkit_module(const struct ioc *io, const char *name)
{
	return kmod_match(io->rk_mods, io->nrk_mods, name);
}

const char *
ioc_good_module(const struct ioc *io, const char *name)
{
	return kmod_match(io->good_mods, io->ngood_mods, name);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
ioc_finish(struct ioc *io)
{
	uint32_t count[256] = { 0 }, pos[256];

	if (io->ndomains > 1)
		xqsort(io->domains, io->ndomains, sizeof(*io->domains), cmp_str);
	free(io->by_first);
	io->by_first = xreallocarray(NULL, io->nstrings ? io->nstrings : 1,
	    sizeof(*io->by_first));
	io->min_len = io->nstrings ? SIZE_MAX : 0;
	for (size_t i = 0; i < io->nstrings; i++) {
		count[(unsigned char)io->strings[i].s[0]]++;
		if (io->strings[i].len < io->min_len)
			io->min_len = io->strings[i].len;
	}
	io->first_off[0] = 0;
	for (int c = 0; c < 256; c++) {
		io->first_off[c + 1] = io->first_off[c] + count[c];
		pos[c] = io->first_off[c];
	}
	for (size_t i = 0; i < io->nstrings; i++)
		io->by_first[pos[(unsigned char)io->strings[i].s[0]]++] =
		    (uint32_t)i;
}

/* Read a user list file, if it is safe to trust. */
static int
read_user_file(const char *dir, const char *name, struct buf *b,
	       struct buf *warn)
{
	char path[4096];
	struct stat st;
	int fd, r = RM_OK;
	char chunk[16384];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return RM_ENOENT;
		buf_printf(warn, "%s%s ignored: %s", warn->len ? "; " : "",
		    path, errno == ELOOP ? "a symbolic link" : strerror(errno));
		return rm_from_errno(errno);
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (st.st_uid != 0 && st.st_uid != geteuid()) ||
	    (st.st_mode & 022)) {
		buf_printf(warn, "%s%s ignored: not a regular file owned by "
		    "root (or you) and writable only by its owner",
		    warn->len ? "; " : "", path);
		close(fd);
		return RM_EPERM;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		if ((r = buf_append(b, chunk, (size_t)n)) != RM_OK)
			break;
	close(fd);
	return r;
}

int
ioc_load(struct ioc *io, const char *const *dirs, char **warn)
{
	static const struct {
		const char *file;
		enum ioc_builtin_list builtin;
		uint32_t (*parse)(struct ioc *, const char *, size_t);
	} lists[] = {
		{ "pool-ports.txt", IOC_BUILTIN_POOL_PORTS, ioc_parse_ports },
		{ "pools.txt", IOC_BUILTIN_POOLS, ioc_parse_domains },
		{ "miner-strings.txt", IOC_BUILTIN_MINER_STRINGS,
		    ioc_parse_strings },
		{ "rootkit-modules.txt", IOC_BUILTIN_ROOTKIT_MODULES,
		    ioc_parse_kmods },
	};
	struct buf w, src;

	memset(io, 0, sizeof(*io));
	buf_init(&w, 4096);
	buf_init(&src, 4096);
	buf_printf(&src, "built-in");
	for (size_t k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
		const char *text = ioc_builtin(lists[k].builtin);

		lists[k].parse(io, text, strlen(text));
		for (size_t d = 0; dirs && dirs[d]; d++) {
			struct buf b;

			buf_init(&b, RM_FILE_MAX);
			if (read_user_file(dirs[d], lists[k].file, &b, &w) ==
			    RM_OK && b.data) {
				io->bad_lines += lists[k].parse(io, b.data,
				    b.len);
				buf_printf(&src, ", %s/%s", dirs[d],
				    lists[k].file);
			}
			buf_free(&b);
		}
	}
	ioc_finish(io);
	io->sources = buf_steal(&src, NULL);
	*warn = w.len ? buf_steal(&w, NULL) : NULL;
	buf_free(&w);
	return RM_OK;
}

void
ioc_free(struct ioc *io)
{
	if (io == NULL)
		return;
	for (size_t i = 0; i < io->ndomains; i++)
		free(io->domains[i]);
	free(io->domains);
	for (size_t i = 0; i < io->nrk_mods; i++)
		free(io->rk_mods[i]);
	free(io->rk_mods);
	for (size_t i = 0; i < io->ngood_mods; i++)
		free(io->good_mods[i]);
	free(io->good_mods);
	for (size_t i = 0; i < io->nstrings; i++)
		free((char *)io->strings[i].s);
	free(io->strings);
	free(io->by_first);
	free(io->sources);
	memset(io, 0, sizeof(*io));
}

bool
ioc_pool_port(const struct ioc *io, uint16_t port)
{
	return port && (io->ports[port / 8] & (1u << (port % 8)));
}

const char *
ioc_pool_domain(const struct ioc *io, const char *name)
{
	char low[256];
	size_t n = strlen(name);
	const char *p;

	if (n == 0 || n >= sizeof(low))
		return NULL;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[n] = '\0';
	if (n && low[n - 1] == '.')
		low[--n] = '\0';
	/* the name itself, then each parent domain */
	for (p = low; p; p = strchr(p, '.') ? strchr(p, '.') + 1 : NULL) {
		size_t lo = 0, hi = io->ndomains;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(io->domains[mid], p);

			if (c == 0)
				return io->domains[mid];
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	return NULL;
}

size_t
ioc_scan(const struct ioc *io, const void *buf, size_t n, ioc_hit_fn *hit,
	 void *arg)
{
	const unsigned char *p = buf;
	size_t hits = 0;

	if (io->nstrings == 0 || n < io->min_len)
		return 0;
	for (size_t i = 0; i + io->min_len <= n; i++) {
		uint32_t lo = io->first_off[p[i]], hi = io->first_off[p[i] + 1];

		for (uint32_t k = lo; k < hi; k++) {
			const struct ioc_string *st =
			    &io->strings[io->by_first[k]];

			if (st->len <= n - i && memcmp(p + i, st->s, st->len) ==
			    0) {
				hits++;
				if (hit && hit(st, i, arg))
					return hits;
			}
		}
	}
	return hits;
}
