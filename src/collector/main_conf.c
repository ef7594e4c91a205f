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
#include <string.h>

/* Where a key's value goes; NULL for an unknown key. */
static const char **slot(main_args *a, const char *key)
{
	static const char *const keys[] = { "db", "listen", "key", "tls_cert", "tls_key",
		"time_zone", "content_keys", "content_key", "kiosk_binary", "previews",
		"software_keys" };
	const char **slots[] = { &a->db, &a->listen, &a->key, &a->tls_cert, &a->tls_key,
		&a->time_zone, &a->content_keys, &a->content_key, &a->kiosk_binary, &a->previews,
		&a->software_keys };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (!strcmp(keys[i], key))
			return slots[i];
	return NULL;
}

static int set(void *ctx, const char *key, const char *val)
{
	main_args *a = ctx;
	const char **s;
	int *flag = !strcmp(key, "insecure_cookies") ? &a->insecure_cookies
		    : !strcmp(key, "https_proxy")    ? &a->https_proxy
						     : NULL;
	if (flag) {
		if (strcmp(val, "true") && strcmp(val, "false"))
			return mk_err(MK_EINVAL, "%s must be true or false, got '%s'", key, val);
		*flag |= !strcmp(val, "true");
		return 0;
	}
	if (!(s = slot(a, key)))
		return mk_err(MK_EINVAL, "unknown setting '%s' (db, listen, key, tls_cert, tls_key, "
			      "https_proxy, insecure_cookies, time_zone, content_keys, content_key, "
			      "kiosk_binary, previews, software_keys)", key);
	if (*val && !*s) /* the command line's value wins */
		*s = val;
	return 0;
}

int main_config_load(main_args *a, const char *path)
{
	int rc = mk_conf_parse(path, &a->conf_text, set, a);
	if (rc)
		fprintf(stderr, "%s: %s\n", MAIN_NAME, mk_err_msg());
	return rc == 0 ? 0 : rc == MK_EINVAL ? 2 : 1;
}
