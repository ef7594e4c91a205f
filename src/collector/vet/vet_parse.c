/* SPDX-License-Identifier: MIT */
/*
 * The kiosk's own words, read back: `mesokiosk --check` prints each
 * problem as `path:line: message` (or `path: message` when no line
 * applies), the path under the content folder vet unpacked. Lines that
 * are not problems (the kiosk's log lines) are skipped. Paths are made
 * relative to the content folder, as staff know their files.
 */
#include "core.h"
#include "vet_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vet_problem_add(vet_problem **v, int *n, const char *file, int line, const char *msg)
{
	vet_problem *g = realloc(*v, (size_t)(*n + 1) * sizeof *g);
	if (!g)
		return mk_err(MK_ENOMEM, "out of memory");
	*v = g;
	memset(&g[*n], 0, sizeof g[*n]);
	snprintf(g[*n].file, sizeof g[*n].file, "%s", file);
	snprintf(g[*n].msg, sizeof g[*n].msg, "%s", msg);
	g[*n].line = line;
	(*n)++;
	return 0;
}

/* One line: "content/pages.lua:12: msg" -> pages.lua, 12, msg. */
static int parse_line(char *s, const char *prefix, vet_result *r)
{
	size_t np = strlen(prefix);
	char *file, *rest, *colon;
	int line = 0;
	if (strncmp(s, prefix, np) || (s[np] != '/' && s[np] != ':'))
		return 0;
	if (s[np] == ':') { /* about the folder as a whole */
		s[np] = 0;
		file = s + np;
		colon = s + np;
	} else if (!(colon = strstr(file = s + np + 1, ": "))) {
		return 0;
	}
	*colon = 0;
	rest = colon + 1 + strspn(colon + 1, " ");
	char *num = strrchr(file, ':');
	if (num && num[1] && strspn(num + 1, "0123456789") == strlen(num + 1)) {
		line = atoi(num + 1);
		*num = 0;
	}
	if (!strncmp(rest, "warning: ", 9))
		return vet_problem_add(&r->warnings, &r->n_warnings, file, line, rest);
	return vet_problem_add(&r->problems, &r->n_problems, file, line, rest);
}

int vet_parse_problems(const char *out, const char *prefix, vet_result *r)
{
	char *text = mk_strdup(out), *line, *save = NULL;
	int rc = 0;
	if (!text)
		return mk_err(MK_ENOMEM, "out of memory");
	for (line = strtok_r(text, "\n", &save); line && rc == 0; line = strtok_r(NULL, "\n", &save))
		rc = parse_line(line, prefix, r);
	free(text);
	return rc;
}
