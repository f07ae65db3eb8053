/*
 * test_finding.c - findings: adding, sorting and renumbering, filtering,
 * counting, evidence, and the deep copies they keep of process facts.
 */
#include "testlib.h"

static const struct detector *
rule(const char *id)
{
	const struct detector *d = detector_find(id);

	assert_non_null(d);
	return d;
}

static struct finding *
add(struct findings *fs, const char *id, enum severity sev, pid_t pid)
{
	struct finding *f = findings_add(fs, rule(id), "%s pid %d", id,
	    (int)pid);

	f->severity = sev;
	if (pid) {
		f->has_process = true;
		f->process.pid = pid;
	}
	return f;
}

static void
test_add_defaults(void **state)
{
	struct findings fs;
	struct finding *f;
	char *big;

	(void)state;
	findings_init(&fs);
	f = findings_add(&fs, rule("RM-PROC-002"), "hello %s %d", "world", 7);
	assert_int_equal(fs.n, 1);
	assert_string_equal(f->message, "hello world 7");
	assert_int_equal(f->severity, rule("RM-PROC-002")->severity);
	assert_int_equal(f->confidence, CONF_MEDIUM);
	assert_int_equal(f->dest_port, -1);
	assert_string_equal(f->id, "F-0001");
	assert_null(f->remediation);
	assert_false(f->has_process);
	/* a message is capped at RM_MSG_MAX */
	big = xmalloc(5000);
	memset(big, 'm', 4999);
	big[4999] = '\0';
	f = findings_add(&fs, rule("RM-PROC-002"), "%s", big);
	assert_int_equal(strlen(f->message), RM_MSG_MAX - 1);
	assert_string_equal(f->id, "F-0002");
	free(big);
	/* many findings grow the vector */
	for (int i = 0; i < 100; i++)
		findings_add(&fs, rule("RM-PROC-001"), "n%d", i);
	assert_int_equal(fs.n, 102);
	assert_string_equal(fs.v[101]->message, "n99");
	findings_free(&fs);
	assert_int_equal(fs.n, 0);
	assert_null(fs.v);
	findings_free(&fs);
	findings_free(NULL);
}

static void
test_sort_and_renumber(void **state)
{
	struct findings fs;

	(void)state;
	findings_init(&fs);
	add(&fs, "RM-PROC-002", SEV_HIGH, 50);
	add(&fs, "RM-PROC-001", SEV_LOW, 10);
	add(&fs, "RM-EVA-001", SEV_CRITICAL, 0);
	add(&fs, "RM-PROC-001", SEV_HIGH, 30);
	add(&fs, "RM-PROC-001", SEV_HIGH, 20);
	add(&fs, "RM-ACCT-001", SEV_HIGH, 0);
	add(&fs, "RM-PROC-003", SEV_MEDIUM, 5);
	add(&fs, "RM-EVA-002", SEV_INFO, 1);
	findings_sort(&fs);
	/* severity first (highest first), then rule id, then pid */
	assert_string_equal(fs.v[0]->rule->id, "RM-EVA-001");
	assert_string_equal(fs.v[1]->rule->id, "RM-ACCT-001");
	assert_string_equal(fs.v[2]->rule->id, "RM-PROC-001");
	assert_int_equal(fs.v[2]->process.pid, 20);
	assert_string_equal(fs.v[3]->rule->id, "RM-PROC-001");
	assert_int_equal(fs.v[3]->process.pid, 30);
	assert_string_equal(fs.v[4]->rule->id, "RM-PROC-002");
	assert_string_equal(fs.v[5]->rule->id, "RM-PROC-003");
	assert_int_equal(fs.v[6]->severity, SEV_LOW);
	assert_int_equal(fs.v[7]->severity, SEV_INFO);
	/* ids follow the new order */
	for (size_t i = 0; i < fs.n; i++) {
		char want[32];

		snprintf(want, sizeof(want), "F-%04zu", i + 1);
		assert_string_equal(fs.v[i]->id, want);
	}
	/* sorting is stable across runs: sorting again changes nothing */
	findings_sort(&fs);
	assert_int_equal(fs.v[2]->process.pid, 20);
	assert_string_equal(fs.v[7]->id, "F-0008");
	findings_free(&fs);
}

static void
test_filter_and_count(void **state)
{
	struct findings fs;

	(void)state;
	findings_init(&fs);
	add(&fs, "RM-PROC-001", SEV_LOW, 1);
	add(&fs, "RM-PROC-001", SEV_CRITICAL, 2);
	add(&fs, "RM-PROC-001", SEV_MEDIUM, 3);
	add(&fs, "RM-PROC-001", SEV_HIGH, 4);
	add(&fs, "RM-PROC-001", SEV_INFO, 5);
	assert_int_equal(findings_count_at_least(&fs, SEV_INFO), 5);
	assert_int_equal(findings_count_at_least(&fs, SEV_MEDIUM), 3);
	assert_int_equal(findings_count_at_least(&fs, SEV_HIGH), 2);
	assert_int_equal(findings_count_at_least(&fs, SEV_CRITICAL), 1);
	findings_filter(&fs, SEV_MEDIUM);
	assert_int_equal(fs.n, 3);
	/* the order is kept */
	assert_int_equal(fs.v[0]->process.pid, 2);
	assert_int_equal(fs.v[1]->process.pid, 3);
	assert_int_equal(fs.v[2]->process.pid, 4);
	findings_filter(&fs, SEV_CRITICAL);
	assert_int_equal(fs.n, 1);
	findings_filter(&fs, SEV_INFO);
	assert_int_equal(fs.n, 1);
	findings_free(&fs);
	/* empty */
	findings_init(&fs);
	findings_sort(&fs);
	findings_filter(&fs, SEV_HIGH);
	assert_int_equal(findings_count_at_least(&fs, SEV_INFO), 0);
	findings_free(&fs);
}

/* A hostile host cannot make findings grow without bound: at most
 * RM_FINDINGS_PER_RULE per rule and severity are kept, the rest counted,
 * and a higher severity after the cap is still kept. */
static void
test_cap_per_rule(void **state)
{
	struct findings fs;
	const struct finding_tally *t = NULL;
	size_t high = 0;

	(void)state;
	findings_init(&fs);
	for (int i = 0; i < 3 * RM_FINDINGS_PER_RULE; i++)
		add(&fs, "RM-ACCT-002", SEV_MEDIUM, 0);
	add(&fs, "RM-ACCT-002", SEV_HIGH, 0);
	add(&fs, "RM-PROC-002", SEV_LOW, 42);
	findings_settle(&fs);
	assert_int_equal(fs.n, RM_FINDINGS_PER_RULE + 2);
	for (size_t i = 0; i < fs.ntally; i++)
		if (strcmp(fs.tally[i].rule->id, "RM-ACCT-002") == 0)
			t = &fs.tally[i];
	assert_non_null(t);
	assert_int_equal(t->dropped, 2 * RM_FINDINGS_PER_RULE);
	assert_int_equal(t->kept[SEV_MEDIUM], RM_FINDINGS_PER_RULE);
	findings_sort(&fs);
	for (size_t i = 0; i < fs.n; i++)
		high += fs.v[i]->severity == SEV_HIGH;
	assert_int_equal(high, 1);
	/* ids stay dense after drops */
	assert_string_equal(fs.v[fs.n - 1]->id, "F-0202");
	findings_free(&fs);
}

static void
test_severity_names(void **state)
{
	static const char *const names[] = {
		"info", "low", "medium", "high", "critical",
	};

	(void)state;
	for (int i = 0; i < 5; i++) {
		assert_string_equal(severity_name((enum severity)i), names[i]);
		assert_int_equal(severity_parse(names[i]), i);
	}
	assert_int_equal(severity_parse("HIGH"), -1);
	assert_int_equal(severity_parse(""), -1);
	assert_int_equal(severity_parse("severe"), -1);
	assert_string_equal(severity_name((enum severity)9), "unknown");
	assert_string_equal(confidence_name(CONF_LOW), "low");
	assert_string_equal(confidence_name(CONF_HIGH), "high");
	assert_string_equal(confidence_name((enum confidence)7), "unknown");
}

static void
test_evidence(void **state)
{
	struct findings fs;
	struct finding *f;
	const struct evidence *e;

	(void)state;
	findings_init(&fs);
	f = findings_add(&fs, rule("RM-EVA-001"), "x");
	finding_ev_str(f, "s", "value");
	finding_ev_str(f, "null", NULL);        /* nothing added */
	finding_ev_strn(f, "cut", "abcdef", 3);
	finding_ev_int(f, "i", -42);
	finding_ev_bool(f, "b", true);
	finding_ev_list_add(f, "l", "one");
	finding_ev_list_add(f, "l", "two");
	assert_int_equal(f->nev, 5);
	assert_null(finding_ev_get(f, "null"));
	assert_null(finding_ev_get(f, "missing"));
	e = finding_ev_get(f, "s");
	assert_int_equal(e->type, EV_STR);
	assert_string_equal(e->s, "value");
	assert_string_equal(finding_ev_get(f, "cut")->s, "abc");
	e = finding_ev_get(f, "i");
	assert_int_equal(e->type, EV_INT);
	assert_true(e->i == -42);
	assert_true(finding_ev_get(f, "b")->b);
	e = finding_ev_get(f, "l");
	assert_int_equal(e->type, EV_STRLIST);
	assert_int_equal(e->nlist, 2);
	assert_string_equal(e->list[1], "two");
	/* more than the initial room */
	for (int i = 0; i < 20; i++) {
		char k[8];

		snprintf(k, sizeof(k), "k%d", i);
		finding_ev_int(f, k, i);
	}
	assert_int_equal(finding_ev_get(f, "k19")->i, 19);
	assert_string_equal(finding_ev_get(f, "s")->s, "value");
	finding_set_file(f, "/etc/ld.so.preload");
	finding_set_file(f, "/etc/other");
	assert_string_equal(f->file_path, "/etc/other");
	finding_set_file(f, NULL);
	assert_null(f->file_path);
	finding_set_remediation(f, "do %s now", "this");
	finding_set_remediation(f, "no, %s", "that");
	assert_string_equal(f->remediation, "no, that");
	findings_free(&fs);
}

static void
test_set_process_deep_copy_and_cap(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 1);
	struct account *a = tl_accounts(s, 1);
	struct findings fs;
	struct finding *f;
	char *cmd = xmalloc(RM_CMDLINE_OUT * 3);

	(void)state;
	memset(cmd, 'c', RM_CMDLINE_OUT * 3 - 1);
	cmd[RM_CMDLINE_OUT * 3 - 1] = '\0';
	tl_proc_set(s, p, 4242, 17, "xmrig", "/tmp/xmrig", EXE_FILE);
	p->cmdline = tl_sdup(s, cmd);
	p->cmdline_len = 1u << 20;
	p->euid = 1000;
	p->start_ticks = 999;
	p->container_id = tl_sdup(s, "abc");
	tl_account_set(s, a, "alice", 1000, 1);
	findings_init(&fs);
	f = findings_add(&fs, rule("RM-PROC-002"), "m");
	finding_set_process(f, p, s);
	/* set twice: the first copies are freed (ASan/LSan check) */
	finding_set_process(f, p, s);
	tl_snap_free(s);        /* the finding outlives the facts */
	assert_true(f->has_process);
	assert_int_equal(f->process.pid, 4242);
	assert_int_equal(f->process.ppid, 17);
	assert_int_equal(f->process.start_ticks, 999);
	assert_string_equal(f->process.name, "xmrig");
	assert_string_equal(f->process.executable, "/tmp/xmrig");
	assert_int_equal(strlen(f->process.command_line), RM_CMDLINE_OUT);
	assert_int_equal(f->process.command_line_bytes, 1u << 20);
	assert_true(f->process.has_uid);
	assert_int_equal(f->process.uid, 1000);
	assert_string_equal(f->process.user, "alice");
	assert_string_equal(f->process.container_id, "abc");
	findings_free(&fs);
	free(cmd);
}

static void
test_set_process_partial(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct proc *p = tl_procs(s, 1);
	struct findings fs;
	struct finding *f;

	(void)state;
	tl_proc_set(s, p, 7, 1, "x", NULL, EXE_DENIED);
	p->cmdline = NULL;
	p->partial = PROC_MISS_STATUS;
	p->euid = 0;
	findings_init(&fs);
	f = findings_add(&fs, rule("RM-PROC-003"), "m");
	finding_set_process(f, p, s);
	/* a uid that was never read is not reported as root */
	assert_false(f->process.has_uid);
	assert_null(f->process.user);
	assert_null(f->process.executable);
	assert_null(f->process.command_line);
	assert_null(f->process.container_id);
	/* no snapshot: no user name, but the uid */
	p->partial = 0;
	p->euid = 1000;
	finding_set_process(f, p, NULL);
	assert_true(f->process.has_uid);
	assert_null(f->process.user);
	findings_free(&fs);
	tl_snap_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_defaults),
		cmocka_unit_test(test_sort_and_renumber),
		cmocka_unit_test(test_filter_and_count),
		cmocka_unit_test(test_cap_per_rule),
		cmocka_unit_test(test_severity_names),
		cmocka_unit_test(test_evidence),
		cmocka_unit_test(test_set_process_deep_copy_and_cap),
		cmocka_unit_test(test_set_process_partial),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
