/* SPDX-License-Identifier: MIT */
/*
 * Structured log: `ts=... level=... event=... key=value ...` on stderr, one
 * line per event, written with a single write so lines from threads never
 * interleave. Timestamps are wall-clock UTC for people reading the journal.
 */
#include "core.h"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static mk_log_level log_min = MK_LOG_INFO;
static const char *const level_names[] = { "debug", "info", "warn", "error" };

void mk_log_set_level(mk_log_level min)
{
	log_min = min;
}

void mk_log(mk_log_level lvl, const char *event, const char *kv, ...)
{
	char line[2048];
	struct timespec ts;
	struct tm tm;
	size_t n;
	if (lvl < log_min)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(line, sizeof line, "ts=%Y-%m-%dT%H:%M:%S", &tm);
	n += snprintf(line + n, sizeof line - n, ".%03ldZ level=%s event=%s",
		      ts.tv_nsec / 1000000, level_names[lvl], event);
	if (kv && *kv && n < sizeof line - 2) {
		va_list ap;
		line[n++] = ' ';
		va_start(ap, kv);
		int k = vsnprintf(line + n, sizeof line - n, kv, ap);
		va_end(ap);
		n = k < 0 ? n : (n + (size_t)k >= sizeof line - 1 ? sizeof line - 2 : n + (size_t)k);
	}
	/* One event a line, whatever a value holds: a newline, a carriage
	 * return or an escape sequence from content or a peer would forge a
	 * line or drive the terminal of whoever reads the log. */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			line[i] = '?';
	line[n++] = '\n';
	if (write(2, line, n) < 0) {
		/* Nowhere left to report a failing stderr. */
	}
}

const char *mk_log_quote(char *buf, size_t n, const char *s)
{
	size_t o = 0;
	if (n < 3)
		return "";
	buf[o++] = '"';
	for (; s && *s && o < n - 3; s++) {
		if (*s == '"' || *s == '\\') {
			buf[o++] = '\\';
			buf[o++] = *s;
		} else if (*s == '\n' || *s == '\t') {
			buf[o++] = ' ';
		} else {
			buf[o++] = *s;
		}
	}
	buf[o++] = '"';
	buf[o] = 0;
	return buf;
}
