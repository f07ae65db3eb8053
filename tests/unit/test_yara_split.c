/*
 * test_yara_split.c - collect/yara_split.c: YARA rule files cut into
 * their imports, includes and rules, as the salvage compile needs them.
 * Excerpts come from real rule sets (signature-base, malcontent,
 * Yara-Rules): regexes with escaped slashes and braces, hex strings with
 * comments, commented-out rules, private rules used by others.  Then the
 * hostile inputs: open strings, comments and regexes, deep braces, NUL
 * bytes, a 1 MiB rule, a 500-character name.
 */
#include "collect/yara_split.h"
#include "testlib.h"

#define NPARTS 16

/* Split a heap copy of exactly n bytes (ASan sees an over-read). */
static long
split_n(const char *text, size_t n, struct yara_part *v, size_t max)
{
	char *b = xmalloc(n ? n : 1);
	long r;

	memcpy(b, text, n);
	r = yara_split(b, n, v, max);
	free(b);
	return r;
}

static long
split(const char *text, struct yara_part *v, size_t max)
{
	return split_n(text, strlen(text), v, max);
}

/* The part's text, compared with what it should be. */
static void
assert_part(const char *src, const struct yara_part *p, const char *want)
{
	assert_true(p->off + p->len <= strlen(src));
	if (p->len != strlen(want) || memcmp(src + p->off, want, p->len) != 0)
		fail_msg("part is \"%.*s\", want \"%s\"", (int)p->len,
		    src + p->off, want);
}

struct split_case {
	const char *what;
	const char *text;
	long n;                    /* parts, or -1 */
	const char *names;         /* space-separated names, K:name with
				    * K = i(mport), n(clude), r(ule), p(rivate
				    * rule), g(lobal rule), b(oth) */
};

static const struct split_case cases[] = {
	{ "empty", "", 0, "" },
	{ "only blanks", " \r\n\t\n", 0, "" },
	{ "only comments", "// a\n/* rule x { } */\n// rule y {", 0, "" },
	{ "minimal", "rule a{condition:true}", 1, "r:a" },
	{ "bom and crlf",
	    "\xef\xbb\xbfimport \"pe\"\r\nrule a : t1 t2\r\n{\r\n condition:\r\n"
	    "  true\r\n}\r\n", 2, "i:pe r:a" },
	{ "modifiers",
	    "private rule a { condition: true }\nglobal rule b { condition: "
	    "true }\nglobal private rule c { condition: true }\nprivate  "
	    "/* x */ global\nrule d { condition: true }", 4,
	    "p:a g:b b:c b:d" },
	{ "include", "include \"../utils/x.yar\"\nrule a { condition: x }", 2,
	    "n:../utils/x.yar r:a" },
	{ "imports", "import \"pe\"\nimport \"elf\" import \"math\"", 3,
	    "i:pe i:elf i:math" },
	{ "import without a string", "import pe\nrule a { condition: 1 }", 1,
	    "r:a" },
	{ "import cut by a newline", "import \"pe\nrule a { condition: 1 }",
	    1, "r:a" },
	{ "empty import", "import \"\" rule a { condition: 1 }", 1, "r:a" },
	/* malcontent persist/writeable_dir.yara: "\/" and {0,32} */
	{ "regex with slashes and braces",
	    "rule world_writeable_dirs: medium {\n  strings:\n    $tmp_tmp = "
	    "/\\/tmp[\\w\\.\\/]{0,32}/ fullword\n    $tmp_dev_shm = "
	    "/\\/dev\\/shm[\\w\\.\\/]{0,32}/\n  condition:\n    filesize < "
	    "20MB and 3 of them\n}\nrule b { condition: true }", 2,
	    "r:world_writeable_dirs r:b" },
	/* malcontent persist/cron/tab.yara */
	{ "regex of a cron schedule",
	    "rule crontab_entry: high {\n strings:\n  $r = /\\*\\/\\d \\* \\* "
	    "\\* \\*/\n  $h = /\\d \\* \\* \\* \\*/ \n condition: any of them\n}",
	    1, "r:crontab_entry" },
	{ "regex modifiers", "rule a { strings: $a = /x{/is condition: $a }"
	    " rule b { condition: 1 }", 2, "r:a r:b" },
	/* signature-base apt_triton_mal_sshdoor.yar */
	{ "regex with an escaped slash in a long rule",
	    "rule MAL_LNX_SSHDOOR_Triton {\n strings:\n  /* jakku */\n  "
	    "$jakuu_dec = /GET\\s\\/\\?(s|c)id=/\n condition: 1 of them\n}\n",
	    1, "r:MAL_LNX_SSHDOOR_Triton" },
	/* signature-base mal_lnx_implant_may22.yar ends with a rule in a
	 * comment; so does apt_triton_mal_sshdoor.yar */
	{ "commented-out rule at the end",
	    "rule a { condition: true }\n\n/* prone to FPs https://github.com/"
	    "Neo23x0/signature-base/issues/282\nrule b {\n condition:\n  any "
	    "of ($str*)\n}\n*/\n", 1, "r:a" },
	{ "hex strings with comments and jumps",
	    "rule a {\n strings:\n  $h = { 4D 5A [2-4] ( 90 | 91 ) ?? // }\n"
	    "  /* } */ 00 }\n condition: $h }\nrule b { condition: 1 }", 2,
	    "r:a r:b" },
	{ "meta with braces and slashes",
	    "rule a {\n meta:\n  description = \"} { /* // \\\" \\\\\"\n  "
	    "reference = \"https://x/y\"\n  n = -1\n  b = true\n condition:\n"
	    "  true\n}\nrule b { condition: 1 }", 2, "r:a r:b" },
	{ "text string with hex escapes", "rule a { strings: $a = \"\\x41}\""
	    " condition: $a }", 1, "r:a" },
	{ "yara-rules comment header and private rules",
	    "/* Description:\n    Category: ELF or MachO, backdoor, rule x {\n"
	    "*/\n\nprivate rule is__osx\n{\n meta:\n    date = \"2018-02-12\"\n"
	    " condition:\n    uint32(0) == 0xfeedface\n}\n\nprivate rule priv01 {"
	    "\n strings:\n    $vara01 = { 73 3A 70 3A 00 }\n    // can be added\n"
	    " condition:\n    all of them\n}\n", 2, "p:is__osx p:priv01" },
	{ "division is a backslash", "rule a { condition: filesize \\ 2 > 1 }"
	    " rule b { condition: 1 }", 2, "r:a r:b" },
	{ "stray brace after the last rule", "rule a { condition: 1 }\n; } x\n",
	    -1, "" },
	{ "words after the last rule", "rule a { condition: 1 }\nthe end 42\n",
	    1, "r:a" },
	{ "keyword inside a word", "rulebook xrule ruler { }\nrule a { "
	    "condition: 1 }", 1, "r:a" },
	{ "keyword after digits", "9rule a { } rule b { condition: 1 }", 1,
	    "r:b" },
	{ "modifier without rule", "private x\nrule a { condition: 1 }", 1,
	    "r:a" },
	{ "string cut by a newline keeps the rest",
	    "rule a { strings: $a = \"abc }\n condition: 1 }\nrule b { "
	    "condition: 1 }", 2, "r:a r:b" },
	{ "rule without a name", "rule { condition: 1 }", -1, "" },
	{ "rule without a body", "rule a\n", -1, "" },
	{ "rule without a body before another", "rule a rule b { }", -1, "" },
	{ "bad tag", "rule a : \"t\" { condition: 1 }", -1, "" },
	{ "unbalanced open", "rule a { condition: 1", -1, "" },
	{ "unbalanced close", "rule a { condition: 1 } }", -1, "" },
	{ "open string at the end", "rule a { strings: $a = \"abc }", -1, "" },
	{ "open escape at the end", "rule a { strings: $a = \"abc\\", -1, "" },
	{ "open regex at the end", "rule a { strings: $a = /abc }", -1, "" },
	{ "open comment at the end", "rule a { condition: 1 } /* x *", -1,
	    "" },
	{ "open comment in a body", "rule a { /* }", -1, "" },
	{ "open comment in a hex string", "rule a { $h = { 00 /* } }", -1, "" },
	{ "stray block", "{ \"}\" }\nrule a { condition: 1 }", 1, "r:a" },
	{ "stray string", "\"rule x\"\nrule a { condition: 1 }", 1, "r:a" },
	{ "open stray string", "rule a { condition: 1 } \"x", -1, "" },
	{ "slash at top level", "/ rule a { condition: 1 }", 1, "r:a" },
};

static void
check_names(const struct split_case *c, const struct yara_part *v, long n)
{
	char buf[512], *save = NULL, *tok;
	long k = 0;

	snprintf(buf, sizeof(buf), "%s", c->names);
	for (tok = strtok_r(buf, " ", &save); tok;
	    tok = strtok_r(NULL, " ", &save), k++) {
		const struct yara_part *p = &v[k];
		char kind = tok[0];

		assert_true(k < n);
		if (strcmp(p->name, tok + 2) != 0)
			fail_msg("%s: part %ld is %s, want %s", c->what, k,
			    p->name, tok + 2);
		assert_false(p->name_cut);
		switch (kind) {
		case 'i':
			assert_int_equal(p->kind, YP_IMPORT);
			break;
		case 'n':
			assert_int_equal(p->kind, YP_INCLUDE);
			break;
		default:
			assert_int_equal(p->kind, YP_RULE);
			assert_int_equal(p->is_private,
			    kind == 'p' || kind == 'b');
			assert_int_equal(p->is_global,
			    kind == 'g' || kind == 'b');
			break;
		}
	}
	assert_int_equal(k, n);
}

static void
test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct split_case *c = &cases[i];
		struct yara_part v[NPARTS];
		long n = split(c->text, v, NPARTS);

		if (n != c->n)
			fail_msg("%s: %ld parts, want %ld", c->what, n, c->n);
		if (n > 0)
			check_names(c, v, n);
		/* parts in order, inside the text, not overlapping */
		for (long k = 0; k < n; k++) {
			assert_true(v[k].off + v[k].len <= strlen(c->text));
			assert_true(v[k].len > 0);
			if (k > 0)
				assert_true(v[k - 1].off + v[k - 1].len <=
				    v[k].off);
		}
	}
}

static void
test_bounds_and_lines(void **state)
{
	const char *src = "\xef\xbb\xbf// head\r\nimport \"pe\"\r\n\r\n"
	    "global private rule g : t {\r\n condition: true\r\n}\r\n"
	    "/* rule x { } */ rule r2 {\n meta: d = \"}\"\n condition: g\n}"
	    " // tail";
	struct yara_part v[NPARTS];

	(void)state;
	assert_int_equal(split(src, v, NPARTS), 3);
	assert_part(src, &v[0], "import \"pe\"");
	assert_int_equal(v[0].line, 2);
	assert_part(src, &v[1], "global private rule g : t {\r\n condition: "
	    "true\r\n}");
	assert_int_equal(v[1].line, 4);
	assert_int_equal(src[v[1].body], '{');
	assert_true(v[1].body > v[1].off && v[1].body < v[1].off + v[1].len);
	assert_part(src, &v[2], "rule r2 {\n meta: d = \"}\"\n condition: "
	    "g\n}");
	assert_int_equal(v[2].line, 7);
	assert_string_equal(v[2].name, "r2");
}

static void
test_max(void **state)
{
	const char *src = "import \"pe\" rule a { condition: 1 } rule b { "
	    "condition: 1 } rule c { condition: 1 }";
	struct yara_part v[3];

	(void)state;
	/* max 0: counted, nothing stored (v may be NULL) */
	assert_int_equal(split(src, NULL, 0), 4);
	memset(v, 0x5a, sizeof(v));
	assert_int_equal(split(src, v, 2), 4);
	assert_string_equal(v[0].name, "pe");
	assert_string_equal(v[1].name, "a");
	/* the third slot untouched */
	assert_int_equal(((unsigned char *)&v[2])[0], 0x5a);
	/* a bad text past max is still found */
	assert_int_equal(split("rule a { condition: 1 } rule b {", v, 1), -1);
}

static void
test_long_name(void **state)
{
	char src[700];
	struct yara_part v[2];
	size_t k;

	(void)state;
	k = (size_t)snprintf(src, sizeof(src), "rule ");
	memset(src + k, 'n', 500);
	k += 500;
	snprintf(src + k, sizeof(src) - k, " { condition: 1 } rule b { "
	    "condition: 1 }");
	assert_int_equal(split(src, v, 2), 2);
	assert_true(v[0].name_cut);
	assert_int_equal(strlen(v[0].name), YARA_NAME_MAX - 1);
	assert_int_equal(v[0].name[0], 'n');
	assert_false(v[1].name_cut);
	/* an include path with a NUL: cut there, flagged */
	assert_int_equal(split_n("include \"a\0b\"", 13, v, 2), 1);
	assert_string_equal(v[0].name, "a");
	assert_true(v[0].name_cut);
}

static void
test_nul_bytes(void **state)
{
	static const char src[] = "\0\0rule a { strings: $a = \"\0}\" "
	    "condition: $a }\0rule\0b { }";
	struct yara_part v[4];

	(void)state;
	/* "rule\0b": a NUL is no name */
	assert_int_equal(split_n(src, sizeof(src) - 1, v, 4), -1);
	assert_int_equal(split_n(src, sizeof(src) - 12, v, 4), 1);
	assert_string_equal(v[0].name, "a");
	assert_int_equal(v[0].off, 2);
}

static void
test_deep_braces(void **state)
{
	size_t depth = 10000, n = 0;
	char *src = xmalloc(2 * depth + 64);
	struct yara_part v[2];

	(void)state;
	n += (size_t)sprintf(src, "rule a ");
	memset(src + n, '{', depth);
	n += depth;
	memset(src + n, '}', depth);
	n += depth;
	assert_int_equal(split_n(src, n, v, 2), 1);
	assert_int_equal(v[0].len, n);
	/* one short: unbalanced */
	assert_int_equal(split_n(src, n - 1, v, 2), -1);
	/* only opening braces at top level */
	memset(src, '{', n);
	assert_int_equal(split_n(src, n, v, 2), -1);
	memset(src, '}', n);
	assert_int_equal(split_n(src, n, v, 2), -1);
	free(src);
}

static void
test_big_rule(void **state)
{
	size_t cap = (1u << 20) + 256, n = 0;
	char *src = xmalloc(cap);
	struct yara_part v[3];
	long r;

	(void)state;
	n += (size_t)sprintf(src, "rule big {\n strings:\n");
	while (n < (1u << 20))
		n += (size_t)sprintf(src + n, "  $a = /a\\/{1}/ $b = \"}\" $c ="
		    " { 00 // }\n }\n");
	n += (size_t)sprintf(src + n, " condition: any of them\n}\nrule b "
	    "{ condition: big }\n");
	r = split_n(src, n, v, 3);
	assert_int_equal(r, 2);
	assert_string_equal(v[0].name, "big");
	assert_string_equal(v[1].name, "b");
	assert_true(v[0].len > (1u << 20) - 100);
	assert_true(v[1].line > 20000);
	free(src);
}

static void
test_refs(void **state)
{
	/* Yara-Rules MALW_TinyShell_Backdoor_gen.yar, cut short: is__elf
	 * is used but not defined in the file */
	const char *src =
	    "private rule is__osx { condition: uint32(0) == 0xfeedface }\n"
	    "private rule priv01 { strings: $v = \"priv02\" condition: all of "
	    "them }\n"
	    "private rule priv02 { strings: $v = { 00 } condition: $v }\n"
	    "rule tinyshell { meta: d = \"is__osx\" strings: $priv01 = /priv02/"
	    " condition: ((is__elf) or (is__osx)) and priv01 and priv01 and "
	    "#priv01 > 0 and pe.priv02 and filesize > 20KB // priv02\n}\n"
	    "rule self { condition: self and tinyshell }\n";
	struct yara_part v[8];
	size_t idx[8], out[4], nidx, k;
	bool more;
	long n;

	(void)state;
	n = split(src, v, 8);
	assert_int_equal(n, 5);
	nidx = yara_split_index(v, (size_t)n, idx);
	assert_int_equal(nidx, 5);
	k = yara_split_refs(src, strlen(src), v, (size_t)n, idx, nidx, 3, out,
	    4, &more);
	assert_int_equal(k, 2);
	assert_int_equal(out[0], 0);       /* is__osx */
	assert_int_equal(out[1], 1);       /* priv01, once */
	assert_false(more);
	k = yara_split_refs(src, strlen(src), v, (size_t)n, idx, nidx, 4, out,
	    4, &more);
	assert_int_equal(k, 1);
	assert_int_equal(out[0], 3);       /* not itself */
	k = yara_split_refs(src, strlen(src), v, (size_t)n, idx, nidx, 3, out,
	    1, &more);
	assert_int_equal(k, 1);
	assert_true(more);
	k = yara_split_refs(src, strlen(src), v, (size_t)n, idx, nidx, 0, out,
	    4, NULL);
	assert_int_equal(k, 0);
	/* out of range */
	assert_int_equal(yara_split_refs(src, strlen(src), v, (size_t)n, idx,
	    nidx, 9, out, 4, &more), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_bounds_and_lines),
		cmocka_unit_test(test_max),
		cmocka_unit_test(test_long_name),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_deep_braces),
		cmocka_unit_test(test_big_rule),
		cmocka_unit_test(test_refs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
