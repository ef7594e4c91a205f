/* SPDX-License-Identifier: MIT */
/*
 * The status file, <data>/software/status, the helper's only word to the
 * app: `key value` lines (state, version, package, previous, problem). The
 * app reports it in its heartbeat, so the problem is one line of at most
 * 200 bytes, cut at a character boundary, and never holds anything but
 * what went wrong with the package.
 */
#include "update_int.h"
#include "core.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void upd_problem(upd_status *st, const char *fmt, ...)
{
	va_list ap;
	size_t n;
	va_start(ap, fmt);
	vsnprintf(st->problem, sizeof st->problem, fmt, ap);
	va_end(ap);
	for (char *p = st->problem; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	/* vsnprintf may have cut a character in two. */
	n = strlen(st->problem);
	while (n > 0 && !mk_utf8_valid(st->problem, n))
		st->problem[--n] = 0;
}

int upd_status_write(int sfd, uid_t owner, const upd_status *st)
{
	char text[1024];
	snprintf(text, sizeof text, "state %s\nversion %lld\npackage %s\nprevious %s\nproblem %s\n",
		 st->state, st->version, st->package ? st->package : "",
		 st->previous ? st->previous : "", st->problem);
	upd_say("status %s: version %lld, package %s, previous %s%s%s", st->state, st->version,
		st->package && *st->package ? st->package : "(none)",
		st->previous && *st->previous ? st->previous : "(none)", *st->problem ? ": " : "",
		st->problem);
	int rc = upd_write_at(sfd, "status", text, owner);
	if (rc)
		upd_say("%s", mk_err_msg());
	return rc;
}
