/* ssh_parse.c - authorized_keys lines (see ssh_parse.h). */
#include <string.h>
#include <strings.h>

#include "../core/b64.h"
#include "../core/hash.h"
#include "ssh_parse.h"

static const char *const types[] = {
	"ssh-ed25519", "ssh-rsa", "ssh-dss", "ecdsa-sha2-nistp256",
	"ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
	"sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
	"ssh-ed25519-cert-v01@openssh.com", "ssh-rsa-cert-v01@openssh.com",
	NULL,
};

static bool
known_type(const char *p, size_t n)
{
	for (int i = 0; types[i]; i++)
		if (strlen(types[i]) == n && memcmp(types[i], p, n) == 0)
			return true;
	return false;
}

/* Copy printable bytes, capped; others become '?'. */
static void
copy_print(char *dst, size_t cap, const char *p, size_t n)
{
	size_t k = 0;

	for (; k < n && k + 1 < cap; k++) {
		unsigned char c = (unsigned char)p[k];

		dst[k] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	dst[k] = '\0';
}

/* The options field: comma-separated, values in double quotes (which may
 * hold spaces, commas and \" escapes).  Returns its end, or NULL when a
 * quote is not closed. */
static const char *
options(const char *p, const char *end, struct ssh_key_line *out)
{
	while (p < end && *p != ' ' && *p != '\t') {
		const char *name = p, *val = NULL;
		size_t nl, vl = 0;
		char vbuf[256];

		while (p < end && *p != '=' && *p != ',' && *p != ' ' &&
		    *p != '\t')
			p++;
		nl = (size_t)(p - name);
		if (p < end && *p == '=') {
			size_t k = 0;

			p++;
			if (p >= end || *p != '"')
				return NULL;
			p++;
			val = p;
			while (p < end && *p != '"') {
				if (*p == '\\' && p + 1 < end)
					p++;
				if (k + 1 < sizeof(vbuf))
					vbuf[k++] = *p;
				p++;
			}
			if (p >= end)
				return NULL;
			vl = k;
			p++;
		}
		if (val && nl == 7 && strncasecmp(name, "command", 7) == 0)
			copy_print(out->command, sizeof(out->command), vbuf, vl);
		else if (val && nl == 4 && strncasecmp(name, "from", 4) == 0)
			copy_print(out->from, sizeof(out->from), vbuf, vl);
		else if (nl == 11 && strncasecmp(name, "environment", 11) == 0)
			out->environment = true;
		else if ((nl == 10 && strncasecmp(name, "permitopen", 10) == 0) ||
		    (nl == 12 && strncasecmp(name, "permitlisten", 12) == 0) ||
		    (nl == 6 && strncasecmp(name, "tunnel", 6) == 0))
			out->tunnel = true;
		out->has_options = true;
		if (p < end && *p == ',')
			p++;
	}
	return p;
}

void
sshparse_fingerprint(const uint8_t *blob, size_t n, char out[SSH_FP_SIZE])
{
	uint8_t dig[32];

	hash_sha256_mem(blob, n, dig);
	memcpy(out, "SHA256:", 7);
	b64_encode_nopad(dig, sizeof(dig), out + 7, SSH_FP_SIZE - 7);
}

void
sshparse_key_line(const char *line, size_t n, struct ssh_key_line *out)
{
	const char *p = line, *end = line + n, *t, *k;
	uint8_t blob[16384];
	long bl;

	memset(out, 0, sizeof(*out));
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == '\r' || end[-1] == ' ' ||
	    end[-1] == '\t'))
		end--;
	if (p == end || *p == '#') {
		out->kind = SSHL_BLANK;
		return;
	}
	out->kind = SSHL_INVALID;
	/* a line starts with the key type, or with options before it */
	t = p;
	while (t < end && *t != ' ' && *t != '\t')
		t++;
	if (!known_type(p, (size_t)(t - p))) {
		p = options(p, end, out);
		if (p == NULL)
			return;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		t = p;
		while (t < end && *t != ' ' && *t != '\t')
			t++;
		if (!known_type(p, (size_t)(t - p)))
			return;
	}
	copy_print(out->type, sizeof(out->type), p, (size_t)(t - p));
	while (t < end && (*t == ' ' || *t == '\t'))
		t++;
	k = t;
	while (k < end && *k != ' ' && *k != '\t')
		k++;
	bl = b64_decode(t, (size_t)(k - t), blob, sizeof(blob), 0);
	if (bl <= 0)
		return;
	sshparse_fingerprint(blob, (size_t)bl, out->fingerprint);
	while (k < end && (*k == ' ' || *k == '\t'))
		k++;
	copy_print(out->comment, sizeof(out->comment), k, (size_t)(end - k));
	out->kind = SSHL_KEY;
}
