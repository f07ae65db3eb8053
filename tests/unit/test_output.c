/*
 * test_output.c - the JSON document, NDJSON lines and the text report,
 * fed with hostile strings: the JSON must stay valid (checked by the
 * independent validator in testlib.h) and the terminal must never get a
 * control character that the host chose.
 */
#include "testlib.h"

#define EVIL_NAME "x\x1b[31mred\nline2\xff\xe2\x80\xae"

struct ofix {
	struct snapshot *s;
	struct findings fs;
	struct report r;
};

static int
setup(void **state)
{
	struct ofix *f = xcalloc(1, sizeof(*f));
	struct snapshot *s = tl_snap_new();
	struct proc *p;
	struct account *a;
	struct finding *x;

	s->host.hostname = "web-01";
	s->host.kernel = "6.1.0-18-amd64";
	snapshot_skip(s, "cpu", "--cpu-window 0: not sampled");
	p = tl_procs(s, 2);
	tl_proc_set(s, &p[0], 1, 0, "systemd", "/usr/lib/systemd/systemd",
	    EXE_FILE);
	tl_proc_set(s, &p[1], 4242, 1, EVIL_NAME, "/tmp/.x/" EVIL_NAME,
	    EXE_FILE);
	p[1].cmdline = tl_sdup(s, "miner --url\n\x1b]0;title\x07 \"q\" \\");
	p[1].euid = 1000;
	tl_proc_env(s, &p[1], "LD_PRELOAD", "/dev/shm/\x1b[2J.so");
	tl_proc_env(s, &p[1], "AWS_SECRET_ACCESS_KEY", "AKIAVERYSECRETVALUE");
	a = tl_accounts(s, 1);
	tl_account_set(s, a, "alice\x1b[0m", 1000, 3);
	tl_preload(s, "/tmp/\x1b[1mx.so\n");

	findings_init(&f->fs);
	detect_run(s, &f->fs);
	/* one more by hand: every field of the output contract */
	x = findings_add(&f->fs, detector_find("RM-PROC-002"),
	    "message with \x1b[31m escape\nand newline %s", "\xc0\xaf");
	finding_set_process(x, &p[1], s);
	finding_set_file(x, "/tmp/\x1b[31mfile\n");
	x->file_sha256 = xstrdup("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b"
	    "934ca495991b7852b855");
	x->dest_ip = xstrdup("203.0.113.7");
	x->dest_port = 3333;
	finding_ev_str(x, "evil", "v\x1b[31m");
	finding_ev_list_add(x, "list", "a\nb");
	finding_ev_bool(x, "flag", true);
	finding_ev_int(x, "n", -5);
	finding_set_remediation(x, "kill %d", 4242);
	findings_sort(&f->fs);

	f->s = s;
	f->r.s = s;
	f->r.fs = &f->fs;
	f->r.started_ms = 1764255600123LL;    /* 2025-11-27T15:00:00.123Z */
	f->r.duration_ms = 42;
	f->r.cpu_window = 0;
	f->r.fail_on = SEV_HIGH;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct ofix *f = *state;

	findings_free(&f->fs);
	tl_snap_free(f->s);
	free(f);
	return 0;
}

static char *
render_json(const struct report *r)
{
	struct buf b;

	buf_init(&b, 1 << 24);
	out_json(&b, r);
	return buf_steal(&b, NULL);
}

/* ---- JSON ---------------------------------------------------------------- */

static void
test_json_document(void **state)
{
	struct ofix *f = *state;
	char *doc;
	size_t n;

	assert_true(f->fs.n >= 4);
	doc = render_json(&f->r);
	n = strlen(doc);
	assert_true(n > 0 && doc[n - 1] == '\n');
	assert_ptr_equal(strchr(doc, '\n'), doc + n - 1);
	tl_assert_json(doc, n);
	assert_null(memchr(doc, 0x1b, n));     /* escaped, never raw */
	tl_assert_contains(doc,
	    "{\"tool\":{\"name\":\"rookmelder\",\"version\":");
	tl_assert_contains(doc, "\"host\":{\"name\":\"web-01\",\"kernel\":"
	    "\"6.1.0-18-amd64\",\"root\":\"/\"}");
	tl_assert_contains(doc, "\"started\":\"2025-11-27T15:00:00.123Z\"");
	tl_assert_contains(doc, "\"duration_ms\":42");
	tl_assert_contains(doc, "\"processes\":2");
	tl_assert_contains(doc, "\"skipped\":[{\"check\":\"cpu\",\"reason\":");
	tl_assert_contains(doc, "\"incidents\":[]");
	tl_assert_contains(doc, "\"findings\":[{\"id\":\"F-0001\",\"rule\":{");
	/* the finding by hand, field by field */
	tl_assert_contains(doc, "\"rule\":{\"id\":\"RM-PROC-002\",\"name\":");
	tl_assert_contains(doc, "\"category\":\"evasion\"");
	tl_assert_contains(doc, "\"threat\":{\"technique\":{\"id\":[\"T");
	tl_assert_contains(doc, "\"message\":\"message with \\u001b[31m escape"
	    "\\nand newline \\ufffd\\ufffd\"");
	tl_assert_contains(doc, "\"process\":{\"pid\":4242,\"name\":\"x\\u001b"
	    "[31mred\\nline2\\ufffd\xe2\x80\xae\"");
	tl_assert_contains(doc, "\"parent\":{\"pid\":1}");
	tl_assert_contains(doc, "\"user\":{\"id\":1000,\"name\":\"alice"
	    "\\u001b[0m\"}");
	tl_assert_contains(doc, "\"command_line\":\"miner --url\\n\\u001b]0;"
	    "title\\u0007 \\\"q\\\" \\\\\"");
	tl_assert_contains(doc, "\"file\":{\"path\":\"/tmp/\\u001b[31mfile\\n\","
	    "\"hash\":{\"sha256\":\"e3b0c442");
	tl_assert_contains(doc, "\"destination\":{\"ip\":\"203.0.113.7\","
	    "\"port\":3333}");
	tl_assert_contains(doc, "\"evil\":\"v\\u001b[31m\"");
	tl_assert_contains(doc, "\"list\":[\"a\\nb\"]");
	tl_assert_contains(doc, "\"flag\":true");
	tl_assert_contains(doc, "\"n\":-5");
	tl_assert_contains(doc, "\"remediation\":\"kill 4242\"");
	tl_assert_contains(doc, "\"severity\":\"critical\"");
	tl_assert_contains(doc, "\"confidence\":\"");
	/* no facts unless asked for */
	assert_null(strstr(doc, "\"facts\""));
	free(doc);
}

static void
test_json_facts(void **state)
{
	struct ofix *f = *state;
	char *doc;

	f->r.facts = true;
	doc = render_json(&f->r);
	tl_assert_json(doc, strlen(doc));
	tl_assert_contains(doc, "\"facts\":{\"host\":{");
	tl_assert_contains(doc, "\"processes\":[{\"pid\":1,");
	tl_assert_contains(doc, "\"comm\":\"x\\u001b[31mred\\nline2");
	tl_assert_contains(doc, "\"exe_kind\":\"file\"");
	/* preload variables are shown; credentials are masked */
	tl_assert_contains(doc, "{\"name\":\"LD_PRELOAD\",\"value\":\"/dev/shm/"
	    "\\u001b[2J.so\"");
	tl_assert_contains(doc, "{\"name\":\"AWS_SECRET_ACCESS_KEY\","
	    "\"value\":\"AKIA...\",\"length\":19}");
	assert_null(strstr(doc, "VERYSECRET"));
	tl_assert_contains(doc, "\"accounts\":[{\"name\":\"alice\\u001b[0m\"");
	tl_assert_contains(doc, "\"ld_so_preload\":{\"exists\":true");
	tl_assert_contains(doc, "\"cpu_pct\":null");
	free(doc);
}

static void
test_json_empty_scan(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct report r;
	char *doc;

	(void)state;
	s->host.hostname = NULL;     /* unknown: "" not null */
	s->host.kernel = NULL;
	findings_init(&fs);
	memset(&r, 0, sizeof(r));
	r.s = s;
	r.fs = &fs;
	r.facts = true;
	doc = render_json(&r);
	tl_assert_json(doc, strlen(doc));
	tl_assert_contains(doc, "\"findings\":[],\"incidents\":[]");
	tl_assert_contains(doc, "\"host\":{\"name\":\"\",\"kernel\":\"\"");
	tl_assert_contains(doc, "\"started\":\"1970-01-01T00:00:00.000Z\"");
	free(doc);
	findings_free(&fs);
	tl_snap_free(s);
}

/* ---- NDJSON -------------------------------------------------------------- */

static void
test_ndjson_lines(void **state)
{
	struct ofix *f = *state;
	struct buf b;
	const char *p, *end;
	size_t lines = 0;

	buf_init(&b, 1 << 24);
	out_ndjson(&b, &f->r);
	assert_non_null(b.data);
	assert_int_equal(b.data[b.len - 1], '\n');
	p = b.data;
	end = b.data + b.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		char *line;

		assert_non_null(nl);
		line = xmemdup0(p, (size_t)(nl - p));
		tl_assert_json(line, strlen(line));
		assert_true(strncmp(line, "{\"@timestamp\":"
		    "\"2025-11-27T15:00:00.123Z\",", 41) == 0);
		tl_assert_contains(line, "\"event\":{\"kind\":\"alert\","
		    "\"module\":\"rookmelder\"");
		tl_assert_contains(line, "\"host\":{\"name\":\"web-01\"}");
		tl_assert_contains(line, "\"rule\":{\"id\":\"RM-");
		tl_assert_contains(line, "\"severity\":\"");
		free(line);
		lines++;
		p = nl + 1;
	}
	/* one line per finding, in order */
	assert_int_equal(lines, f->fs.n);
	buf_free(&b);

	/* no findings: no output at all */
	findings_free(&f->fs);
	buf_init(&b, 1 << 20);
	out_ndjson(&b, &f->r);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* ---- text ---------------------------------------------------------------- */

static void
test_text_no_color_is_inert(void **state)
{
	struct ofix *f = *state;
	size_t n;
	char *t = tl_capture_text(&f->r, false, &n);

	assert_true(n > 0);
	/* no ESC, BEL or other control byte besides newlines */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if ((c < 0x20 && c != '\n') || c == 0x7f || c == 0x9b)
			fail_msg("control byte 0x%02x at %zu in text: %.40s",
			    c, i, t + (i > 20 ? i - 20 : 0));
	}
	assert_null(strstr(t, "\xe2\x80\xae"));     /* no raw RLO */
	tl_assert_contains(t, "x\\x1b[31mred\\x0aline2\\xff\\u{202e}");
	tl_assert_contains(t, "message with \\x1b[31m escape\\x0aand newline");
	tl_assert_contains(t, "web-01");
	tl_assert_contains(t, "RM-PROC-002");
	tl_assert_contains(t, "4242");
	tl_assert_contains(t, "critical (");
	tl_assert_contains(t, "Summary: ");
	tl_assert_contains(t, "act now");
	tl_assert_contains(t, "Not checked");
	tl_assert_contains(t, "203.0.113.7 port 3333");
	/* every message line is one line: nothing the host wrote breaks it */
	assert_null(strstr(t, "\nline2"));
	assert_null(strstr(t, "\nand newline"));
	free(t);
}

static void
test_text_color(void **state)
{
	struct ofix *f = *state;
	size_t n;
	char *t = tl_capture_text(&f->r, true, &n);

	/* our own colours are there ... */
	assert_non_null(memchr(t, 0x1b, n));
	tl_assert_contains(t, "\x1b[1;31m");    /* critical */
	tl_assert_contains(t, "\x1b[0m");
	/* ... but never one the host wrote */
	assert_null(strstr(t, "\x1b[31mred"));
	assert_null(strstr(t, "\x1b[2J"));
	assert_null(strstr(t, "\x1b]0;"));
	tl_assert_contains(t, "x\\x1b[31mred");
	free(t);
}

/* A long command line is cut for the terminal, with its full size. */
static void
test_text_long_cmdline(void **state)
{
	struct ofix *f = *state;
	struct finding *x = f->fs.v[0];
	char *t, *cmd = xmalloc(301);

	memset(cmd, 'a', 300);
	cmd[300] = '\0';
	cmd[199] = 'Z';
	cmd[200] = 'Y';
	free(x->process.command_line);
	x->has_process = true;
	x->process.command_line = cmd;
	x->process.command_line_bytes = 90000;
	t = tl_capture_text(&f->r, false, NULL);
	tl_assert_contains(t, "aZ... (90000 bytes in all)");
	assert_null(strstr(t, "ZY"));
	free(t);
}

static void
test_text_no_findings_and_image(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct report r;
	char *t;

	(void)state;
	s->live = false;
	s->root = "/mnt/\x1b[31mimage";
	findings_init(&fs);
	memset(&r, 0, sizeof(r));
	r.s = s;
	r.fs = &fs;
	r.fail_on = SEV_HIGH;
	t = tl_capture_text(&r, false, NULL);
	tl_assert_contains(t, "No findings.");
	tl_assert_contains(t, "Scanned a disk image");
	tl_assert_contains(t, "/mnt/\\x1b[31mimage");
	assert_null(strchr(t, 0x1b));
	assert_null(strstr(t, "act now"));
	free(t);
	findings_free(&fs);
	tl_snap_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_json_document, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_json_facts, setup,
		    teardown),
		cmocka_unit_test(test_json_empty_scan),
		cmocka_unit_test_setup_teardown(test_ndjson_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_text_no_color_is_inert,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_color, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_text_long_cmdline, setup,
		    teardown),
		cmocka_unit_test(test_text_no_findings_and_image),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
