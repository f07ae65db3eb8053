/*
 * fuzz_auth.c - the parsers of collect/auth_parse.c on hostile text:
 * byte 0 picks /etc/shadow lines (0), sudoers logical lines (1),
 * sshd_config lines (2), or sshd words and AuthorizedKeysFile expansion
 * (3); the rest is the file.  In an image all three files are the
 * attacker's.
 *
 * Checked: every output NUL-terminated inside its buffer; a shadow name
 * lies inside its line and holds no ':'; a hash kind exactly for set (or
 * "!"-locked) passwords; sudoers continuation joining always advances and
 * stays within the cap; a rule has one-word users and hosts and only
 * known flags, NOPASSWD only when the line says so; an sshd keyword is
 * lower-case alphanumeric and its value trimmed; words are non-empty and
 * capped; an expanded key path is absolute and fits; User_Alias expansion
 * (the words as aliases of the input, loops included) stays within its
 * buffer and item cap, without empty items at the ends.
 */
#include "collect/auth_parse.h"
#include "fuzz.h"

static void
terminated(const char *v, size_t cap)
{
	FUZZ_CHECK(memchr(v, '\0', cap) != NULL);
}

static void
shadow(const char *p, const char *end)
{
	while (p <= end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		struct shadow_line l;
		size_t n;

		if (e == NULL)
			e = end;
		n = (size_t)(e - p);
		authparse_shadow_line(p, n, &l);
		if (l.valid) {
			FUZZ_CHECK(l.name == p && l.namelen > 0 &&
			    l.namelen < n);
			FUZZ_CHECK(memchr(l.name, ':', l.namelen) == NULL);
			FUZZ_CHECK(l.state >= PW_LOCKED && l.state <= PW_SET);
			FUZZ_CHECK(l.state != PW_SET || l.kind != NULL);
			FUZZ_CHECK(l.state != PW_EMPTY || l.kind == NULL);
		}
		FUZZ_CHECK(l.changed_day >= -1);
		p = e + 1;
	}
}

static void
sudoers(const char *p, const char *end)
{
	char line[256];

	for (;;) {
		struct sudo_line l;
		size_t len, used;
		uint32_t nl;

		used = authparse_sudoers_next(p, end, line, sizeof(line), &len,
		    &nl);
		if (used == 0) {
			FUZZ_CHECK(p == end);
			break;
		}
		FUZZ_CHECK(used <= (size_t)(end - p) && nl >= 1);
		FUZZ_CHECK(len < sizeof(line) && line[len] == '\0');
		authparse_sudoers_line(line, len, &l);
		terminated(l.users, sizeof(l.users));
		terminated(l.hosts, sizeof(l.hosts));
		terminated(l.runas, sizeof(l.runas));
		terminated(l.commands, sizeof(l.commands));
		terminated(l.path, sizeof(l.path));
		FUZZ_CHECK((l.flags & ~(unsigned)(SUDO_NOPASSWD |
		    SUDO_ALL_CMDS | SUDO_SHELL_CMD | SUDO_WRITABLE_CMD |
		    SUDO_NOAUTH)) == 0);
		if (l.kind == SUDOL_RULE) {
			FUZZ_CHECK(l.users[0] != '\0' && l.hosts[0] != '\0');
			FUZZ_CHECK(strchr(l.users, ' ') == NULL);
			FUZZ_CHECK(strchr(l.hosts, ' ') == NULL);
			FUZZ_CHECK(!(l.flags & SUDO_NOPASSWD) ||
			    memmem(line, len, "NOPASSWD", 8) != NULL);
			FUZZ_CHECK(!(l.flags & SUDO_NOAUTH));
		}
		if (l.kind == SUDOL_INCLUDE || l.kind == SUDOL_INCLUDEDIR)
			FUZZ_CHECK(l.path[0] != '\0');
		if (l.flags & SUDO_NOAUTH)
			FUZZ_CHECK(l.kind == SUDOL_DEFAULTS);
		p += used;
	}
}

static void
sshd(const char *p, const char *end)
{
	while (p <= end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		struct sshd_line l;
		size_t vl;

		if (e == NULL)
			e = end;
		authparse_sshd_line(p, (size_t)(e - p), &l);
		terminated(l.keyword, sizeof(l.keyword));
		terminated(l.value, sizeof(l.value));
		if (l.kind == SSHDL_OPT || l.kind == SSHDL_MATCH) {
			FUZZ_CHECK(l.keyword[0] != '\0');
			for (const char *k = l.keyword; *k; k++)
				FUZZ_CHECK((*k >= 'a' && *k <= 'z') ||
				    (*k >= '0' && *k <= '9'));
			vl = strlen(l.value);
			FUZZ_CHECK(vl == 0 || (l.value[0] != ' ' &&
			    l.value[0] != '\t' && l.value[vl - 1] != ' ' &&
			    l.value[vl - 1] != '\t'));
			FUZZ_CHECK((l.kind == SSHDL_MATCH) ==
			    (strcmp(l.keyword, "match") == 0));
		} else {
			FUZZ_CHECK(l.keyword[0] == '\0' || l.kind ==
			    SSHDL_INVALID);
		}
		p = e + 1;
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The words as aliases of each other: names sorted and unique, each
 * one's members the whole input (loops included). */
static void
expand(const char *s, char (*w)[SSHD_WORD_MAX], size_t n)
{
	const char *names[8], *members[8];
	char out[200];
	size_t nu = 0, items = 0, len;

	for (size_t i = 0; i < n; i++)
		names[i] = w[i];
	qsort(names, n, sizeof(names[0]), cmp_str);
	for (size_t i = 0; i < n; i++)
		if (nu == 0 || strcmp(names[i], names[nu - 1]) != 0) {
			names[nu] = names[i];
			members[nu++] = s;
		}
	authparse_sudo_expand(s, names, members, nu, out, sizeof(out));
	len = strlen(out);
	FUZZ_CHECK(len < sizeof(out));
	FUZZ_CHECK(len == 0 || (out[0] != ',' && out[len - 1] != ','));
	for (size_t i = 0; i < len; i++)
		if (out[i] == ',')
			items++;
	FUZZ_CHECK(len == 0 || items + 1 <= SUDO_EXPAND_ITEMS);
}

static void
words(const char *s)
{
	char w[8][SSHD_WORD_MAX], out[128];
	size_t n = authparse_words(s, w, 8);

	FUZZ_CHECK(n <= 8);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(w[i]);

		FUZZ_CHECK(l > 0 && l < SSHD_WORD_MAX);
		if (authparse_keys_path(w[i], "/home/u", "u", 1000, out,
		    sizeof(out)))
			FUZZ_CHECK(out[0] == '/' && strlen(out) <
			    sizeof(out));
		if (authparse_keys_path(w[i], NULL, s, 0, out, sizeof(out)))
			FUZZ_CHECK(out[0] == '/');
		(void)authparse_keys_per_user(w[i]);
	}
	expand(s, w, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf;

	if (size < 1 || size > 65536)
		return 0;
	buf = fuzz_dup(data + 1, size - 1);
	switch (data[0] & 3) {
	case 0:
		shadow(buf, buf + size - 1);
		break;
	case 1:
		sudoers(buf, buf + size - 1);
		break;
	case 2:
		sshd(buf, buf + size - 1);
		break;
	default:
		free(buf);
		buf = fuzz_dupz(data + 1, size - 1);
		words(buf);
		break;
	}
	free(buf);
	return 0;
}
