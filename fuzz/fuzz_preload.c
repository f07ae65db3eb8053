/*
 * fuzz_preload.c - the preload detectors on a hostile list of libraries,
 * the path judgements they rest on, and the renderings of their findings.
 *
 * The input is /etc/ld.so.preload: it goes into host.ld_so_preload of a
 * snapshot the way host_collect_files() stores it (a NUL-terminated copy,
 * len the bytes read), with the file's mtime taken from its last 8 bytes
 * (a root attacker sets any mtime a filesystem stores).  The text before
 * the first NUL is also a process's LD_PRELOAD and LD_AUDIT, and the text
 * after it its LD_LIBRARY_PATH, kept as proc.c keeps them.  detect_run()
 * runs every detector; the findings are rendered as JSON (which must be
 * valid) and as text (which must hold no control character).  Each
 * library name also goes through path_normalize() and path_classify().
 */
#include <stdio.h>

#include "core/buf.h"
#include "core/facts.h"
#include "core/finding.h"
#include "core/json.h"
#include "core/limits.h"
#include "detect/detect_util.h"
#include "detect/detector.h"
#include "fuzz.h"
#include "json_check.h"
#include "output/output.h"

/* ---- path_normalize ----------------------------------------------------- */

static void
normalize(const char *in, size_t outlen, char **out)
{
	*out = malloc(outlen ? outlen : 1);
	if (*out == NULL)
		abort();
	path_normalize(in, *out, outlen);
	if (outlen)
		FUZZ_CHECK(memchr(*out, '\0', outlen) != NULL);
}

static void
check_path(const char *in)
{
	size_t n = strlen(in), hl;
	char *a, *b, *small;
	const char *h;
	int c;

	/* tiny outputs: stay inside the buffer, stay terminated */
	for (size_t k = 0; k < 4; k++) {
		normalize(in, k, &small);
		free(small);
	}
	normalize(in, n % 64 + 1, &small);
	free(small);
	if (n >= 4096)
		return;
	normalize(in, n + 2, &a);
	n = strlen(a);
	FUZZ_CHECK(n <= strlen(in) || (n == 1 && a[0] == '/'));
	if (in[0] == '/') {
		FUZZ_CHECK(a[0] == '/');
		FUZZ_CHECK(strstr(a, "/../") == NULL &&
		    strcmp(a + (n > 3 ? n - 3 : 0), "/..") != 0);
	}
	FUZZ_CHECK(strstr(a, "//") == NULL && strstr(a, "/./") == NULL);
	FUZZ_CHECK(n <= 1 || a[n - 1] != '/');
	FUZZ_CHECK(!(n >= 2 && strcmp(a + n - 2, "/.") == 0));
	/* normalising twice changes nothing */
	normalize(a, n + 2, &b);
	FUZZ_CHECK(strcmp(a, b) == 0);
	free(a);
	free(b);

	c = (int)path_classify(in);
	FUZZ_CHECK(c >= PATH_OTHER && c <= PATH_HIDDEN_WRITABLE);
	FUZZ_CHECK(strcmp(path_class_name((enum path_class)c), "") != 0);
	h = path_hidden_component(in, &hl);
	if (h) {
		FUZZ_CHECK(fuzz_within(h, hl, in, strlen(in)));
		FUZZ_CHECK(hl > 1 && h[0] == '.' && h[-1] == '/');
		FUZZ_CHECK(!(hl == 2 && h[1] == '.'));
	}
}

/* Each entry as the detectors split them. */
static void
check_paths(const char *s)
{
	char *copy = strdup(s), *save = NULL, *t;

	if (copy == NULL)
		abort();
	check_path(s);
	for (t = strtok_r(copy, " \t\r\n:", &save); t;
	    t = strtok_r(NULL, " \t\r\n:", &save))
		check_path(t);
	free(copy);
}

/* ---- the detectors ------------------------------------------------------ */

static void
check_finding(const struct finding *f)
{
	const struct evidence *e;

	FUZZ_CHECK(f->severity >= SEV_INFO && f->severity <= SEV_CRITICAL);
	FUZZ_CHECK(f->confidence >= CONF_LOW && f->confidence <= CONF_HIGH);
	FUZZ_CHECK(f->message != NULL && strlen(f->message) < RM_MSG_MAX);
	if (strcmp(f->rule->id, "RM-EVA-002") == 0) {
		FUZZ_CHECK(f->has_process && f->process.pid == 100);
		return;
	}
	FUZZ_CHECK(strcmp(f->rule->id, "RM-EVA-001") == 0);
	FUZZ_CHECK(f->file_path && strcmp(f->file_path,
	    "/etc/ld.so.preload") == 0);
	if ((e = finding_ev_get(f, "libraries")) == NULL)
		return;
	FUZZ_CHECK(e->type == EV_STRLIST && e->nlist > 0);
	for (size_t i = 0; i < e->nlist; i++) {
		const char *l = e->list[i];
		size_t n = strlen(l);

		FUZZ_CHECK(n > 0 && n < 4096);
		FUZZ_CHECK(strpbrk(l, " \t\r\n:") == NULL);
		FUZZ_CHECK(l[0] != '#');
	}
}

static void
render(const struct snapshot *s, const struct findings *fs)
{
	struct report r = { .s = s, .fs = fs, .fail_on = SEV_HIGH };
	struct buf b;
	char *text = NULL;
	size_t tlen = 0;
	FILE *f;

	buf_init(&b, (size_t)1 << 26);
	out_json(&b, &r);
	FUZZ_CHECK(b.len > 0 && b.data[b.len - 1] == '\n');
	FUZZ_CHECK(json_check_document(b.data, b.len - 1));
	buf_free(&b);

	f = open_memstream(&text, &tlen);
	FUZZ_CHECK(f != NULL);
	out_text(f, &r, false);
	FUZZ_CHECK(fclose(f) == 0);
	/* no host byte reaches the terminal as a control character */
	for (size_t i = 0; i < tlen; i++) {
		unsigned char c = (unsigned char)text[i];

		FUZZ_CHECK(c >= 0x20 || c == '\n');
		FUZZ_CHECK(c != 0x7f);
	}
	free(text);
}

/* An environment variable as proc.c keeps it: the first
 * RM_ENV_VALUE_KEEP bytes, and the full length. */
static void
env_set(struct env_var *e, const char *name, const char *v, size_t n,
	char **keep)
{
	size_t k = n < RM_ENV_VALUE_KEEP ? n : RM_ENV_VALUE_KEEP;

	*keep = fuzz_dupz((const uint8_t *)v, k);
	e->name = name;
	e->value = *keep;
	e->value_len = (uint32_t)n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot s;
	struct findings fs;
	struct proc procs[2];
	struct env_var env[3];
	char *content, *keep[3];
	const char *nul;
	size_t alen, n1 = 0, n2 = 0;
	uint64_t mt = 0;

	if (size > RM_SMALLFILE_MAX)
		return 0;
	content = fuzz_dupz(data, size);
	for (size_t i = size >= 8 ? size - 8 : size; i < size; i++)
		mt = mt << 8 | data[i];
	snapshot_init(&s);
	s.root = "/";
	s.live = true;
	s.host.ld_so_preload.exists = true;
	s.host.ld_so_preload.content = content;
	s.host.ld_so_preload.len = size;
	s.host.ld_so_preload.mode = 0100644;
	s.host.ld_so_preload.mtime = (int64_t)mt;

	/* pid 1 without the variables, pid 100 (its child) with them */
	nul = memchr(content, '\0', size);
	alen = nul ? (size_t)(nul - content) : size;
	memset(procs, 0, sizeof(procs));
	for (int i = 0; i < 2; i++) {
		procs[i].comm = i ? "app" : "init";
		procs[i].exe_kind = EXE_FILE;
		procs[i].exe = i ? "/usr/bin/app" : "/usr/lib/systemd/systemd";
		procs[i].cmdline = procs[i].argv0 = procs[i].exe;
		procs[i].cpu_pct = -1;
		procs[i].exe_seals = -1;
	}
	procs[0].pid = 1;
	procs[1].pid = 100;
	procs[1].ppid = 1;
	env_set(&env[n1++], "LD_PRELOAD", content, alen, &keep[n2++]);
	env_set(&env[n1++], "LD_AUDIT", content, alen, &keep[n2++]);
	if (nul) {
		const char *lp = nul + 1;
		const char *z = memchr(lp, '\0', size - alen - 1);

		env_set(&env[n1++], "LD_LIBRARY_PATH", lp, z ? (size_t)(z - lp)
		    : size - alen - 1, &keep[n2++]);
	}
	procs[1].env = env;
	procs[1].nenv = (uint32_t)n1;
	s.procs = procs;
	s.nprocs = 2;

	findings_init(&fs);
	detect_run(&s, &fs);
	FUZZ_CHECK(fs.n >= 1 && fs.n <= 3);
	for (size_t i = 0; i < fs.n; i++)
		check_finding(fs.v[i]);
	findings_sort(&fs);
	render(&s, &fs);
	findings_free(&fs);

	check_paths(content);
	if (nul)
		check_paths(nul + 1);

	s.procs = NULL;
	s.nprocs = 0;
	snapshot_free(&s);
	for (size_t i = 0; i < n2; i++)
		free(keep[i]);
	free(content);
	return 0;
}
