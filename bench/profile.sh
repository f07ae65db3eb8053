#!/bin/bash
# bench/profile.sh [BUILD_DIR] [N ...]
#
# Where does a `rookmelder scan --cpu-window 0 --format json` spend its
# time with N extra sleeping processes (default: 1000 10000)?  Writes to
# BUILD_DIR/profile/ (default BUILD_DIR: build):
#
#   N-perf-stat.txt    perf stat -r 5 (task-clock, faults, switches)
#   N-strace-c.txt     strace -c -f: syscall counts and strace-time shares
#   N-per-file.txt     strace trace folded per /proc/PID/<file>: calls and
#                      bytes per scanned process
#   N-perf-kernel.txt  perf record -g (cpu-clock): samples classified by
#                      system call and by procfs handler, plus top symbols
#   N-callgrind.txt    valgrind --tool=callgrind: user-space instructions
#                      by function (inclusive and self)
#   N-procsteps.txt    bench/procsteps: each of the collector's per-process
#                      steps timed alone, plus cheaper variants
#
# Needs root (to read every process), perf, strace, valgrind.  Cleans up
# the sleepers on exit or Ctrl-C.  Not part of `make bench`: profilers
# slow the scan down, so their timings are not benchmark numbers.
set -u

BUILD=${1:-build}
[ $# -gt 0 ] && shift
NS=${*:-"1000 10000"}
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RM=$BUILD/rookmelder
SP=$BUILD/helpers/spawn-sleepers
OUT=$BUILD/profile
SCAN=(scan --cpu-window 0 --format json)

log() { printf 'profile: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

[ -x "$RM" ] || die "$RM missing: run 'make' first"
[ -x "$SP" ] || die "$SP missing: run 'make helpers' first"
for t in perf strace valgrind callgrind_annotate; do
	command -v "$t" >/dev/null 2>&1 || die "$t not installed"
done
mkdir -p "$OUT" || exit 1
cd "$ROOT" || exit 1
${CC:-cc} -O2 -std=c11 -Wall -Wextra -o "$OUT/procsteps" bench/procsteps.c ||
	die "cannot build procsteps"

TMPD=$(mktemp -d "${TMPDIR:-/tmp}/rm-profile.XXXXXX") || exit 1
SP_PID=
stop_sleepers() {
	[ -n "$SP_PID" ] || return 0
	exec 7>&-
	for _ in $(seq 1 300); do
		kill -0 "$SP_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill -TERM "$SP_PID" 2>/dev/null
	wait "$SP_PID" 2>/dev/null
	SP_PID=
}
cleanup() {
	trap - INT TERM HUP EXIT
	stop_sleepers
	rm -rf "$TMPD"
}
trap 'cleanup; exit 130' INT TERM HUP
trap cleanup EXIT

# Close every fd above 2 in this (sub)shell.
close_fds() {
	local f
	for f in /proc/self/fd/*; do
		f=${f##*/}
		[ "$f" -gt 2 ] 2>/dev/null && eval "exec $f>&-" 2>/dev/null
	done
	return 0
}

start_sleepers() {
	mkfifo "$TMPD/in" || return 1
	exec 7<>"$TMPD/in"
	(
		close_fds
		exec "$SP" "$1"
	) <"$TMPD/in" >"$TMPD/sp.out" 2>&1 &
	SP_PID=$!
	for _ in $(seq 1 3000); do
		grep -q '^ready' "$TMPD/sp.out" 2>/dev/null && return 0
		kill -0 "$SP_PID" 2>/dev/null || break
		sleep 0.1
	done
	return 1
}

# processes the scan saw (from its own JSON)
scanned() {
	"$RM" "${SCAN[@]}" 2>/dev/null |
		sed -n 's/.*"scan":{[^}]*"processes":\([0-9]*\).*/\1/p'
}

# Fold an strace -f trace into per-file counts.  Names under /proc/PID are
# kept relative ("stat", "fd/N" for fd links), reads and closes are
# attributed to the file their fd was opened for.
fold_trace() { # trace-file nprocs
	awk -v np="$2" '
	function key(s) { sub(/^"/, "", s); sub(/"$/, "", s);
		if (s ~ /^[0-9]+$/) return "PID (dir)";
		return s }
	{
		pid = $1
		line = $0
		sub(/^[0-9]+ +/, "", line)
		call = line; sub(/\(.*/, "", call)
		if (call !~ /^(openat|read|readlinkat|close|getdents64|lseek|newfstatat|fcntl)$/)
			next
		args = line; sub(/^[a-z0-9_]+\(/, "", args)
		ret = line; sub(/.*\) += /, "", ret); sub(/ .*/, "", ret)
		split(args, a, ", ")
		if (call == "openat" || call == "readlinkat" || call == "newfstatat") {
			name = key(a[2])
			dfd = a[1]
			if (dfd in fdname && fdname[dfd] == "fd (dir)" && call == "readlinkat")
				name = "fd/N (link)"
			n[call " " name]++
			if (ret ~ /^-1/) err[call " " name]++
			if (call == "openat" && ret ~ /^[0-9]+$/) {
				fdname[ret] = (name == "fd") ? "fd (dir)" : name
			}
		} else if (call == "read" || call == "getdents64" ||
		    call == "close" || call == "lseek" || call == "fcntl") {
			fd = a[1]; sub(/\).*/, "", fd)
			name = (fd in fdname) ? fdname[fd] : "?"
			n[call " " name]++
			if (call == "read" && ret ~ /^[0-9]+$/) bytes[name] += ret
			if (call == "close") delete fdname[fd]
		}
		total++
	}
	END {
		printf "%-34s %10s %10s %12s\n", "syscall file", "calls", "per proc",
		    "errors"
		srt = "sort -t \"\t\" -k2,2nr"
		for (k in n)
			printf "%-34s\t%10d\t%10.2f\t%12d\n", k, n[k], n[k] / np,
			    err[k] + 0 | srt
		close(srt)
		printf "\n%-34s\t%12s\t%12s\n", "file", "bytes read", "per proc"
		for (b in bytes)
			printf "%-34s\t%12d\t%12.0f\n", b, bytes[b], bytes[b] / np | srt
		close(srt)
		printf "\ntotal traced file syscalls: %d = %.1f per process (%d processes)\n",
		    total, total / np, np
	}' "$1"
}

# Classify perf callchains: by system call, and reads/readlinks by the
# procfs handler that produced the data.
classify_perf() { # perf.data
	perf script -i "$1" -F comm,ip,sym 2>/dev/null | awk '
	function flush() {
		if (!ns) return
		tot++
		sc = "user space"
		h = ""
		for (i = 1; i <= ns; i++) {
			s = st[i]
			if (h == "") {
				if (s ~ /^proc_pid_status$/) h = "status"
				else if (s ~ /^do_task_stat$/) h = "stat"
				else if (s ~ /^(proc_pid_cmdline_read|get_mm_cmdline)$/) h = "cmdline"
				else if (s ~ /^environ_read$/) h = "environ"
				else if (s ~ /^proc_cgroup_show$/) h = "cgroup"
				else if (s ~ /^(ns_get_name|proc_ns_get_link|proc_ns_readlink)$/) h = "ns/*"
				else if (s ~ /^proc_exe_link$/) h = "exe"
				else if (s ~ /^proc_cwd_link$/) h = "cwd"
				else if (s ~ /^(proc_fd_link|proc_readfd|proc_readfd_common|proc_fd_instantiate|tid_fd_revalidate)$/) h = "fd/"
				else if (s ~ /^(proc_pid_lookup|proc_pident_lookup|proc_pid_readdir|next_tgid|proc_root_readdir|proc_tgid_base_lookup)$/) h = "/proc lookup+readdir"
				else if (s ~ /^(pid_revalidate|pid_update_inode)$/) h = "pid_revalidate"
				else if (s ~ /^(inet_diag_dump|__inet_diag_dump|tcp_diag_dump|udp_dump)$/) h = "sock_diag"
				else if (s ~ /^(do_exit|exit_mmap|__x64_sys_exit_group)$/) h = "exit"
				else if (s ~ /^(load_elf_binary|begin_new_exec|bprm_execve)$/) h = "exec"
				else if (s ~ /^(exc_page_fault|asm_exc_page_fault|handle_mm_fault)$/) h = "page faults"
			}
			if (i < ns && st[i + 1] == "do_syscall_64") {
				sc = s
				sub(/^(__x64_sys_|__do_sys_|ksys_|do_sys_)/, "", sc)
			}
			if (s ~ /^(asm_exc_page_fault|exc_page_fault)$/ && sc == "user space") sc = "page fault"
		}
		if (sc == "user space" && kern[1]) sc = "kernel, not in a syscall"
		if (ns && st[1] !~ /^(0x|\[)/ && kern[1] == 0 && sc == "user space") h = "user: " st[1]
		bysc[sc]++
		if (h != "") byh[h]++
		ns = 0
	}
	/^[^ \t]/ { flush(); next }
	/^$/ { flush(); next }
	{
		sym = $2; sub(/\+0x[0-9a-f]+$/, "", sym); sub(/\..*$/, "", sym)
		ns++; st[ns] = sym; kern[ns] = ($1 ~ /^ffff/)
	}
	END {
		flush()
		srt = "sort -t \"\t\" -k2,2nr"
		printf "samples: %d\n\n%-28s\t%8s\t%7s\n", tot, "system call (or user space)", "samples", "%"
		for (k in bysc) printf "%-28s\t%8d\t%6.1f%%\n", k, bysc[k], 100 * bysc[k] / tot | srt
		close(srt)
		printf "\n%-36s\t%8s\t%7s\n", "procfs handler / user function", "samples", "%"
		for (k in byh) printf "%-36s\t%8d\t%6.1f%%\n", k, byh[k], 100 * byh[k] / tot | srt
		close(srt)
	}'
}

for n in $NS; do
	log "N=$n: starting sleepers"
	start_sleepers "$n" || { log "spawn-sleepers $n failed"; stop_sleepers; continue; }
	np=$(scanned)
	log "N=$n: scan sees $np processes"
	"$OUT/procsteps" -p 7 >"$OUT/$n-procsteps.txt"
	{
		echo "# N=$n sleepers, scan saw $np processes"
		perf stat -r 5 -o "$TMPD/pstat" \
			-e task-clock,page-faults,context-switches,cpu-migrations \
			"$RM" "${SCAN[@]}" >/dev/null 2>&1
		cat "$TMPD/pstat"
	} >"$OUT/$n-perf-stat.txt"
	{
		echo "# N=$n sleepers, scan saw $np processes"
		strace -c -f -o "$TMPD/sc" "$RM" "${SCAN[@]}" >/dev/null 2>&1
		cat "$TMPD/sc"
	} >"$OUT/$n-strace-c.txt"
	strace -f -qq -s 64 -o "$TMPD/trace" "$RM" "${SCAN[@]}" >/dev/null 2>&1
	np2=$(grep -c 'openat([0-9]*, "[0-9]*", O_RDONLY|O_NOFOLLOW|O_CLOEXEC|O_DIRECTORY) = [0-9]' "$TMPD/trace")
	{
		echo "# N=$n sleepers; /proc/PID dirs opened in the traced scan: $np2"
		fold_trace "$TMPD/trace" "$np2"
	} >"$OUT/$n-per-file.txt"
	perf record -q -F 20000 -e cpu-clock -g -o "$TMPD/perf.data" -- \
		"$RM" "${SCAN[@]}" >/dev/null 2>&1
	{
		echo "# N=$n sleepers, scan saw about $np processes; perf record -F 20000 -e cpu-clock -g"
		classify_perf "$TMPD/perf.data"
		echo
		echo "## top symbols (self)"
		perf report -i "$TMPD/perf.data" --stdio --no-children --sort dso,sym \
			-g none 2>/dev/null | grep -E '^ +[0-9]' | head -40
	} >"$OUT/$n-perf-kernel.txt"
	valgrind --tool=callgrind --callgrind-out-file="$TMPD/cg.out" \
		"$RM" "${SCAN[@]}" >/dev/null 2>"$TMPD/cg.err"
	{
		echo "# N=$n sleepers; user-space instructions only (no kernel time)"
		grep -E 'Collected' "$TMPD/cg.err"
		echo "## inclusive"
		callgrind_annotate --inclusive=yes "$TMPD/cg.out" 2>/dev/null |
			sed -n '/^Ir/,$p' | head -30
		echo "## self"
		callgrind_annotate "$TMPD/cg.out" 2>/dev/null |
			sed -n '/^Ir/,$p' | head -25
	} >"$OUT/$n-callgrind.txt"
	stop_sleepers
	rm -f "$TMPD/in"
	log "N=$n: done"
done
log "results in $OUT"
