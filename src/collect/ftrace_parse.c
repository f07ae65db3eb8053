/* ftrace_parse.c - enabled_functions lines (ftrace_parse.h). */
#include <string.h>

#include "ftrace_parse.h"

static void
copy(char *dst, size_t cap, const char *p, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, p, n);
	dst[n] = '\0';
}

uint32_t
ftraceparse_enabled(const char *buf, size_t len, ftrace_hook_fn *cb,
		    void *arg)
{
	const char *p = buf, *end = buf + len;
	uint32_t bad = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *q = p, *br;
		struct ftrace_hook h;
		size_t fl;

		if (p == le || *p == ' ' || *p == '\t' || *p == '#') {
			p = nl ? nl + 1 : end;
			continue;  /* blank, continuation or comment */
		}
		while (q < le && *q != ' ' && *q != '\t')
			q++;
		fl = (size_t)(q - p);
		/* then " (N)" */
		if (fl == 0 || q + 2 >= le || q[1] != '(' || q[2] < '0' ||
		    q[2] > '9' || memchr(p, '\0', fl)) {
			bad++;
			p = nl ? nl + 1 : end;
			continue;
		}
		copy(h.func, sizeof(h.func), p, fl);
		h.module[0] = '\0';
		/* the first "[name]" after the function: its owner */
		br = memchr(q, '[', (size_t)(le - q));
		if (br) {
			const char *cl = memchr(br, ']', (size_t)(le - br));

			if (cl && cl > br + 1 && !memchr(br + 1, '\0',
			    (size_t)(cl - br - 1)))
				copy(h.module, sizeof(h.module), br + 1,
				    (size_t)(cl - br - 1));
		}
		if (cb)
			cb(&h, arg);
		p = nl ? nl + 1 : end;
	}
	return bad;
}
