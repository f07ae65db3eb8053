/*
 * web_parse.h - parsers of hostile text for the web-root, data-theft and
 * ransomware checks (collect/web.c): web server configuration (nginx
 * `root`, Apache `DocumentRoot`), phishing-kit pages, credential drop
 * files, rclone.conf, ransom notes, archive and database-dump magic, and
 * the command lines that sync data out, encrypt it or delete backups.
 *
 * Every function takes a pointer and a length (no NUL needed), reads
 * nothing past them, and writes only into the caller's fixed buffers,
 * always NUL-terminated.  The lists are static tables here (a static
 * binary copied to a suspect host carries them).
 */
#ifndef RM_WEB_PARSE_H
#define RM_WEB_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WEBP_PATH 512              /* a web root path kept */
#define WEBP_NAME 64               /* a brand, remote name or type */

/* ---- web server configuration ---------------------------------------- */

/* The web roots named in an nginx server file (`root /srv/x;`) or, with
 * apache true, an Apache site (`DocumentRoot "/var/www/x"`).  Only
 * absolute paths free of "..", control bytes and variables ($) are kept,
 * without a trailing '/'.  Returns how many were stored in out (at most
 * max; the rest are dropped). */
size_t webparse_conf_roots(const char *text, size_t n, bool apache,
			   char (*out)[WEBP_PATH], size_t max);

/* ---- phishing kits ------------------------------------------------------ */

enum kit_bit {
	KIT_PASSWORD = 1 << 0,     /* <input type="password"> */
	KIT_LURE = 1 << 1,         /* a brand or login lure (brand[]) */
	KIT_MAIL = 1 << 2,         /* PHP mail( */
	KIT_TELEGRAM = 1 << 3,     /* api.telegram.org/bot */
	KIT_DISCORD = 1 << 4,      /* a Discord webhook URL */
	KIT_TXT_DROP = 1 << 5,     /* appends to a .txt (fopen "a", FILE_APPEND) */
	KIT_VISITOR = 1 << 6,      /* $_SERVER['REMOTE_ADDR'] / HTTP_USER_AGENT */
};
#define KIT_SENDERS (KIT_MAIL | KIT_TELEGRAM | KIT_DISCORD | KIT_TXT_DROP)

struct kit_score {
	unsigned bits;             /* enum kit_bit */
	char brand[WEBP_NAME];     /* the first lure found, lower case */
};

/* Score the first n bytes of a .php/.html page. */
void webparse_kit(const char *text, size_t n, struct kit_score *k);

/* The brand a file or directory name is named after ("office365",
 * "paypal"), or a kit word ("scama", "kit") when kitwords; NULL if none. */
const char *webparse_brand_name(const char *name, bool kitwords);

/* ---- credential drop files ----------------------------------------------- */

struct drop_stats {
	uint32_t lines;            /* non-empty lines looked at */
	uint32_t email_pass;       /* "user@host:secret", "a@b.c|secret" */
	uint32_t pipe_pairs;       /* "user|secret[|...]" with 2-4 fields */
	uint32_t label_user;       /* "Email:", "User:", "Login:" lines */
	uint32_t label_pass;       /* "Password:", "Pass:" lines */
	uint32_t label_ip;         /* "IP:" lines */
};

void webparse_drop(const char *text, size_t n, struct drop_stats *d);
/* The lines look like harvested credentials; *creds gets how many
 * credential records (pairs or labelled password lines). */
bool webparse_drop_verdict(const struct drop_stats *d, uint32_t *creds);

/* ---- rclone.conf ------------------------------------------------------- */

struct rclone_remote {
	char name[WEBP_NAME];
	char type[WEBP_NAME];
	uint32_t line;             /* the section line, 1-based */
};

/* Remotes with a type (never any other key: those are secrets).  Returns
 * how many were stored (at most max). */
size_t webparse_rclone(const char *text, size_t n, struct rclone_remote *out,
		       size_t max);
/* A remote type that stores data off the host (s3, mega, drive...). */
bool webparse_rclone_offsite(const char *type);

/* ---- ransomware ------------------------------------------------------- */

enum note_word {
	NOTE_DECRYPT = 1 << 0,     /* decrypt, decryption, decryptor */
	NOTE_YOURFILES = 1 << 1,   /* "your files", "files have been encrypted" */
	NOTE_BTC = 1 << 2,         /* bitcoin/BTC and an address-like token */
	NOTE_XMR = 1 << 3,         /* monero/XMR */
	NOTE_ONION = 1 << 4,       /* a .onion host */
	NOTE_CONTACT = 1 << 5,     /* tox, @protonmail/@onionmail, jabber */
};

/* A ransom note's file name (README_FOR_DECRYPT.txt, _readme.txt ...). */
bool webparse_note_name(const char *name);
/* enum note_word bits in the text. */
unsigned webparse_note_text(const char *text, size_t n);
/* The ransomware extension a file name ends in (".locked"), or NULL. */
const char *webparse_ransom_ext(const char *name);

/* ---- archives and database dumps ----------------------------------------- */

enum data_magic {
	MAG_NONE = 0,
	MAG_GZIP, MAG_ZIP, MAG_7Z, MAG_XZ, MAG_ZSTD, MAG_BZIP2, MAG_TAR,
	MAG_RAR,
	MAG_MYSQLDUMP,             /* "-- MySQL dump" / "-- MariaDB dump" */
	MAG_PGDUMP,                /* "-- PostgreSQL database dump" */
	MAG_PGDMP,                 /* pg_dump -Fc: "PGDMP" */
	MAG_SQLITE,                /* "SQLite format 3\0" */
	MAG_SQL,                   /* SQL text: CREATE TABLE / INSERT INTO */
};
#define MAG_IS_ARCHIVE(m) ((m) >= MAG_GZIP && (m) <= MAG_RAR)
#define MAG_IS_DUMP(m) ((m) >= MAG_MYSQLDUMP && (m) <= MAG_SQL)

/* What the first n bytes of a file are. */
enum data_magic webparse_magic(const uint8_t *b, size_t n);
const char *webparse_magic_name(enum data_magic m);

/* ---- command lines ------------------------------------------------------- */

/* Copy a remote (REMOTE:path, sftp:user@host:/p, rest:https://u:pw@h/)
 * into dst without its user information (user:pass@), terminated. */
void webparse_remote(char *dst, size_t cap, const char *p, size_t n);

/* A command (argv joined by spaces) that sends data to a remote: rclone
 * copy/sync/move to REMOTE:, restic -r sftp:/s3:/rest:..., mega-put,
 * rsync to HOST:PATH.  Returns the tool ("rclone", "restic", "mega",
 * "rsync") and copies the remote into remote; NULL when it is not one. */
const char *webparse_sync_cmd(const char *cmd, size_t n, char *remote,
			      size_t cap);
/* A command that encrypts files: openssl enc / openssl aes-*, gpg -c /
 * --symmetric, ccrypt, 7z a -p, zip -P/-e.  Returns the tool or NULL. */
const char *webparse_encrypt_cmd(const char *cmd, size_t n);
/* A shell line that deletes backups or snapshots: rm -r of a backup
 * directory, lvremove, zfs destroy of a snapshot, btrfs subvolume delete,
 * aws ec2 delete-snapshot, gcloud compute snapshots delete, vssadmin /
 * wbadmin delete.  Returns what it does, or NULL. */
const char *webparse_backup_kill(const char *line, size_t n);

/* ---- paths ------------------------------------------------------------- */

/* A path a backup lives under (/var/backups, /backup*, "backup" in it). */
bool webparse_backup_path(const char *path);

#endif
