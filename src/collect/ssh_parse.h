/*
 * ssh_parse.h - one line of an authorized_keys file, as sshd reads it
 * (sshd(8) AUTHORIZED_KEYS FILE FORMAT): options, key type, base64 key,
 * comment.  Pure: bytes in, facts out; the file is hostile.
 */
#ifndef RM_SSH_PARSE_H
#define RM_SSH_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "SHA256:" + 43 base64 characters + NUL */
#define SSH_FP_SIZE 51

enum ssh_line_kind { SSHL_BLANK, SSHL_KEY, SSHL_INVALID };

struct ssh_key_line {
	enum ssh_line_kind kind;
	char type[40];             /* ssh-ed25519, ssh-rsa, ... */
	char fingerprint[SSH_FP_SIZE];  /* "SHA256:" + 43 base64 chars */
	char comment[128];         /* printable, capped */
	char command[256];         /* command="..." (forced command) */
	char from[256];            /* from="..." */
	bool has_options;
	bool environment;          /* environment="..." */
	bool tunnel;               /* permitopen/permitlisten/tunnel */
};

void sshparse_key_line(const char *line, size_t n, struct ssh_key_line *out);

/* The fingerprint of a public key blob (the decoded base64 of a key line
 * or of a private key's public part) as ssh-keygen -l prints it:
 * "SHA256:" and the digest in base64 without padding. */
void sshparse_fingerprint(const uint8_t *blob, size_t n,
			  char out[SSH_FP_SIZE]);

#endif
