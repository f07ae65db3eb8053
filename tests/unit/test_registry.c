/*
 * test_registry.c - invariants of the detector table that users, docs and
 * SIEM rules rely on: stable, unique, sorted ids; known categories;
 * complete descriptions; valid ATT&CK ids.
 */
#include <regex.h>

#include "testlib.h"

static bool
matches(const char *re, const char *s)
{
	regex_t r;
	bool ok;

	assert_int_equal(regcomp(&r, re, REG_EXTENDED | REG_NOSUB), 0);
	ok = regexec(&r, s, 0, NULL, 0) == 0;
	regfree(&r);
	return ok;
}

static size_t
count(void)
{
	size_t n = 0;

	while (detector_table[n])
		n++;
	return n;
}

static void
test_ids(void **state)
{
	size_t n = count();

	(void)state;
	assert_true(n >= 6);
	for (size_t i = 0; i < n; i++) {
		const char *id = detector_table[i]->id;

		assert_non_null(id);
		if (!matches("^RM-[A-Z]+-[0-9]{3}$", id))
			fail_msg("bad rule id \"%s\"", id);
		/* sorted and unique */
		if (i > 0 && strcmp(detector_table[i - 1]->id, id) >= 0)
			fail_msg("ids not sorted/unique: %s then %s",
			    detector_table[i - 1]->id, id);
	}
}

static void
test_categories(void **state)
{
	static const char *const contract[] = {
		"exposure", "initial-access", "mining", "evasion", "rootkit",
		"persistence", "credential-theft", "lateral-movement",
		"access-resale", "abuse", "data-theft", "ransomware-prep",
	};
	size_t nc = 0;

	(void)state;
	/* the list is the output contract's, in its order */
	while (detector_categories[nc])
		nc++;
	assert_int_equal(nc, TL_NELEM(contract));
	for (size_t i = 0; i < nc; i++)
		assert_string_equal(detector_categories[i], contract[i]);
	for (size_t i = 0; detector_table[i]; i++) {
		const char *c = detector_table[i]->category;
		bool ok = false;

		assert_non_null(c);
		for (size_t k = 0; k < nc; k++)
			ok |= strcmp(c, detector_categories[k]) == 0;
		if (!ok)
			fail_msg("%s: unknown category \"%s\"",
			    detector_table[i]->id, c);
	}
}

static void
test_descriptions(void **state)
{
	(void)state;
	for (size_t i = 0; detector_table[i]; i++) {
		const struct detector *d = detector_table[i];
		size_t nt = 0;

		if (d->name == NULL || strlen(d->name) < 5)
			fail_msg("%s: no name", d->id);
		if (d->description == NULL || strlen(d->description) < 20)
			fail_msg("%s: no description", d->id);
		if (d->remediation == NULL || strlen(d->remediation) < 20)
			fail_msg("%s: no remediation", d->id);
		/* one line each: they are printed in tables and JSON */
		assert_null(strchr(d->name, '\n'));
		assert_null(strchr(d->description, '\n'));
		assert_true(d->kinds != 0);
		assert_int_equal(d->kinds & ~(unsigned)(FACT_HOST | FACT_PROC |
		    FACT_SOCK | FACT_ACCOUNT | FACT_GROUP | FACT_KMOD |
		    FACT_CRON_FILE | FACT_CRON_JOB | FACT_SSH_KEY |
		    FACT_HIDDEN_PID), 0);
		assert_non_null(d->check);
		assert_true(d->severity >= SEV_INFO &&
		    d->severity <= SEV_CRITICAL);
		assert_non_null(d->techniques);
		for (const char *const *t = d->techniques; *t; t++, nt++)
			if (!matches("^T[0-9]{4}(\\.[0-9]{3})?$", *t))
				fail_msg("%s: bad ATT&CK id \"%s\"", d->id, *t);
		if (nt == 0)
			fail_msg("%s: no ATT&CK technique", d->id);
	}
}

static void
test_find(void **state)
{
	(void)state;
	for (size_t i = 0; detector_table[i]; i++)
		assert_ptr_equal(detector_find(detector_table[i]->id),
		    detector_table[i]);
	assert_non_null(detector_find("RM-PROC-001"));
	assert_non_null(detector_find("RM-ACCT-001"));
	assert_null(detector_find("RM-PROC-999"));
	assert_null(detector_find("rm-proc-001"));
	assert_null(detector_find(""));
	assert_null(detector_find("RM-PROC-00"));
}

/* Every detector survives an empty snapshot and an all-zero fact. */
static void
test_empty_facts(void **state)
{
	struct snapshot *s = tl_snap_new();
	struct findings fs;
	struct proc *p;
	struct account *a;

	(void)state;
	findings_init(&fs);
	detect_run(s, &fs);
	assert_int_equal(fs.n, 0);
	p = tl_procs(s, 1);
	memset(p, 0, sizeof(*p));
	p->pid = 1;
	p->cpu_pct = -1;
	p->exe_seals = -1;
	a = tl_accounts(s, 1);
	memset(a, 0, sizeof(*a));
	a->name = "";
	a->passwd = "";
	a->home = a->shell = a->gecos = "";
	a->uid = 1;
	detect_run(s, &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	tl_snap_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_categories),
		cmocka_unit_test(test_descriptions),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_empty_facts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
