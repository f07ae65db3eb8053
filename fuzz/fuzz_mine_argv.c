/*
 * fuzz_mine_argv.c - mine_parse_argv() on a process's command line (argv
 * joined by spaces, as proc.c keeps it) and mine_is_wallet() on every
 * token of it.  A process writes its own argv: all of it is hostile.
 *
 * Input: byte 0 and byte 1 pick the pool and user buffer sizes (1..256,
 * allocated to exactly that size), the rest is the command line (up to
 * its first NUL, as the C string it is).  Checked: outputs NUL-terminated
 * inside their buffers, each empty or a piece of the command line, the
 * pool either an -o/--url value or containing "stratum"; a wallet is 95 or
 * 106 base58 characters starting with 4 or 8.
 */
#include "collect/mine_parse.h"
#include "core/limits.h"
#include "fuzz.h"

#define HDR 2

static bool
b58(unsigned char c)
{
	return c && strchr("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkm"
	    "nopqrstuvwxyz", c) != NULL;
}

static void
check_wallet(const char *s, size_t n)
{
	char *exact = fuzz_dup((const uint8_t *)s, n);
	size_t al = 12345;

	if (mine_is_wallet(exact, n, &al)) {
		FUZZ_CHECK(al == 95 || al == 106);
		FUZZ_CHECK(al <= n);
		FUZZ_CHECK(exact[0] == '4' || exact[0] == '8');
		for (size_t i = 0; i < al; i++)
			FUZZ_CHECK(b58((unsigned char)exact[i]));
		FUZZ_CHECK(al == n || strchr(".+ \"/:", exact[al]) != NULL);
	} else {
		FUZZ_CHECK(al == 12345);
	}
	free(exact);
}

/* An output is empty, or a piece of the command line (possibly cut). */
static void
check_out(const char *out, size_t cap, const char *cmd)
{
	const char *z = memchr(out, '\0', cap);
	size_t l;

	FUZZ_CHECK(z != NULL);
	l = (size_t)(z - out);
	FUZZ_CHECK(l < cap);
	if (l)
		FUZZ_CHECK(memmem(cmd, strlen(cmd), out, l) != NULL);
	FUZZ_CHECK(memchr(out, ' ', l) == NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t pl, ul, n;
	char *cmd, *pool, *user;

	if (size < HDR || size > HDR + RM_CMDLINE_KEEP)
		return 0;
	pl = 1 + data[0];
	ul = 1 + data[1];
	cmd = fuzz_dupz(data + HDR, size - HDR);
	n = strlen(cmd);
	pool = malloc(pl);
	user = malloc(ul);
	if (pool == NULL || user == NULL)
		abort();
	memset(pool, 0x55, pl);
	memset(user, 0x55, ul);
	mine_parse_argv(cmd, pool, pl, user, ul);
	check_out(pool, pl, cmd);
	check_out(user, ul, cmd);
	/* a pool comes from -o/--url or holds "stratum" ("stratum" may be
	 * cut by a small buffer: check what is there) */
	if (pool[0] && memmem(cmd, n, "stratum", 7) == NULL)
		FUZZ_CHECK(memmem(cmd, n, "-o ", 3) != NULL ||
		    memmem(cmd, n, "--url", 5) != NULL);

	/* every token, and the whole line, through the wallet test */
	check_wallet(cmd, n);
	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j < n && cmd[j] != ' ')
			j++;
		check_wallet(cmd + i, j - i);
		i = j + 1;
	}
	free(pool);
	free(user);
	free(cmd);
	return 0;
}
