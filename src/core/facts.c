/* facts.c - the snapshot's lifetime and lookups. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "facts.h"
#include "xmalloc.h"

void
snapshot_init(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->rootfd = -1;
	s->host.taint = -1;
	s->host.nr_hugepages = -1;
	s->host.nmi_watchdog = -1;
	s->host.cpu_busy_pct = -1;
	s->host.cpu_procs_pct = -1;
	s->host.cpu_task_pct = -1;
	s->host.hugepages_total = -1;
	s->host.hugepages_free = -1;
	s->host.hugepage_kb = -1;
	s->sched_tasks = -1;
}

void
snapshot_free(struct snapshot *s)
{
	if (s == NULL)
		return;
	if (s->rootfd >= 0)
		close(s->rootfd);
	free(s->skipped);
	free(s->yara_hits);
	free(s->fan_index);
	arena_free(&s->arena);
	memset(s, 0, sizeof(*s));
	s->rootfd = -1;
}

void
snapshot_skip(struct snapshot *s, const char *check, const char *fmt, ...)
{
	char reason[512];
	va_list ap;

	for (size_t i = 0; i < s->nskipped; i++)
		if (strcmp(s->skipped[i].check, check) == 0)
			return;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (s->nskipped == s->skipped_alloc) {
		s->skipped_alloc = s->skipped_alloc ? s->skipped_alloc * 2 : 8;
		s->skipped = xreallocarray(s->skipped, s->skipped_alloc,
		    sizeof(*s->skipped));
	}
	s->skipped[s->nskipped].check = arena_strdup(&s->arena, check);
	s->skipped[s->nskipped].reason = arena_strdup(&s->arena, reason);
	s->nskipped++;
}

const struct proc *
snapshot_proc(const struct snapshot *s, pid_t pid)
{
	size_t lo = 0, hi = s->nprocs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->procs[mid].pid == pid)
			return &s->procs[mid];
		if (s->procs[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct account *
snapshot_account_by_uid(const struct snapshot *s, uint32_t uid)
{
	for (size_t i = 0; i < s->naccounts; i++)
		if (s->accounts[i].uid == uid && s->accounts[i].uid_valid)
			return &s->accounts[i];
	return NULL;
}

const struct preload_lib *
snapshot_preload_lib(const struct snapshot *s, const char *path,
		     uint64_t ns_mnt)
{
	for (size_t i = 0; i < s->npreload_libs; i++)
		if (s->preload_libs[i].ns_mnt == ns_mnt &&
		    strcmp(s->preload_libs[i].path, path) == 0)
			return &s->preload_libs[i];
	return NULL;
}

const struct cred_open *
snapshot_cred_open(const struct snapshot *s, pid_t pid, const char *path)
{
	for (size_t i = 0; i < s->ncred_opens; i++)
		if (s->cred_opens[i].pid == pid &&
		    strcmp(s->cred_opens[i].path, path) == 0)
			return &s->cred_opens[i];
	return NULL;
}

const struct hidden_pid *
snapshot_hidden_pid(const struct snapshot *s, pid_t pid)
{
	for (size_t i = 0; i < s->nhidden_pids; i++)
		if (s->hidden_pids[i].pid == pid)
			return &s->hidden_pids[i];
	return NULL;
}
