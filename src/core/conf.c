/* SPDX-License-Identifier: MIT */
/*
 * The configuration file format both programs read (kiosk.conf,
 * collector.conf): one `key = value` a line, `#` starts a comment, blank
 * lines are ignored, no quoting. What a key means is the caller's; this only
 * splits lines and says where a mistake is, as file:line: message, so a
 * clinic's IT person can go straight to it.
 */
#include "core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mk_conf_parse(const char *path, char **text, int (*set)(void *ctx, const char *key, const char *val),
		  void *ctx)
{
	char *line, *next;
	int lineno = 0, rc = mk_read_file(path, text, NULL);
	if (rc)
		return mk_err(rc, "%s: cannot read the configuration file: %s", path, mk_err_msg());
	for (line = *text; line && rc == 0; line = next) {
		char *hash, *eq, *s;
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		lineno++;
		if ((hash = strchr(line, '#')))
			*hash = 0;
		s = mk_trim(line);
		if (!*s)
			continue;
		if (!(eq = strchr(s, '=')))
			return mk_err(MK_EINVAL, "%s:%d: expected 'key = value', got '%s'", path, lineno, s);
		*eq = 0;
		if ((rc = set(ctx, mk_trim(s), mk_trim(eq + 1))) != 0) {
			char msg[512];
			snprintf(msg, sizeof msg, "%s", mk_err_msg());
			rc = mk_err(rc, "%s:%d: %s", path, lineno, msg);
		}
	}
	return rc;
}
