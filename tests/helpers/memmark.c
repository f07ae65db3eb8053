/*
 * memmark [-t SECS] - a benign process for the YARA tests.  Its binary
 * carries the literal "rookmelder-exe-marker-5d21"; its heap carries
 * "rookmelder-mem-marker-9c04", built at run time from pieces so the
 * string is in memory but nowhere in the file.  Prints "ready <pid>" and
 * sleeps SECS (default 60); dies with its parent.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

const char exe_marker[] = "rookmelder-exe-marker-5d21";

int
main(int argc, char **argv)
{
	const char *parts[] = { "rookm", "elder-m", "em-mar", "ker-9", "c04" };
	volatile char *heap = malloc(4096);
	int secs = 60;
	size_t n = 0;

	if (argc == 3 && strcmp(argv[1], "-t") == 0)
		secs = atoi(argv[2]);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (!heap)
		return 1;
	memset((char *)heap, 'x', 4096);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		memcpy((char *)heap + 100 + n, parts[i], strlen(parts[i]));
		n += strlen(parts[i]);
	}
	printf("ready %d %s\n", (int)getpid(), exe_marker[0] ? "" : "-");
	fflush(stdout);
	sleep((unsigned)secs);
	return heap[100] == 'r' ? 0 : 1;
}
