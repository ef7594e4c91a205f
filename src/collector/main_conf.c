/* SPDX-License-Identifier: MIT */
/*
 * mesokiosk-collector --config FILE: the same settings as the options, one
 * `key = value` a line (`#` comments), so a service reads them from
 * /etc/mesokiosk/collector.conf instead of a long ExecStart line. An option
 * on the command line wins over the file. A mistake is reported as
 * file:line: message and nothing runs, like the kiosk's kiosk.conf.
 */
#include "core.h"
#include "main_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a key's value goes; NULL for an unknown key. */
static const char **slot(main_args *a, const char *key)
{
	static const char *const keys[] = { "db", "listen", "key", "tls_cert", "tls_key" };
	const char **slots[] = { &a->db, &a->listen, &a->key, &a->tls_cert, &a->tls_key };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (!strcmp(keys[i], key))
			return slots[i];
	return NULL;
}

static int set(main_args *a, const char *key, const char *val)
{
	const char **s;
	if (!strcmp(key, "insecure_cookies")) {
		if (strcmp(val, "true") && strcmp(val, "false"))
			return mk_err(MK_EINVAL, "insecure_cookies must be true or false, got '%s'", val);
		a->insecure_cookies |= !strcmp(val, "true");
		return 0;
	}
	if (!(s = slot(a, key)))
		return mk_err(MK_EINVAL, "unknown setting '%s' (db, listen, key, tls_cert, tls_key, "
			      "insecure_cookies)", key);
	if (!*val)
		return 0;
	if (!*s) /* the command line's value wins */
		*s = val;
	return 0;
}

int main_config_load(main_args *a, const char *path)
{
	char *line, *next;
	int lineno = 0, rc = mk_read_file(path, &a->conf_text, NULL);
	if (rc) {
		fprintf(stderr, "%s: %s: cannot read the configuration file: %s\n", MAIN_NAME, path,
			mk_err_msg());
		return 1;
	}
	for (line = a->conf_text; line; line = next) {
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
			rc = mk_err(MK_EINVAL, "expected 'key = value', got '%s'", s);
		else
			*eq = 0, rc = set(a, mk_trim(s), mk_trim(eq + 1));
		if (rc) {
			fprintf(stderr, "%s: %s:%d: %s\n", MAIN_NAME, path, lineno, mk_err_msg());
			return 2;
		}
	}
	return 0;
}
