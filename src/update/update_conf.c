/* SPDX-License-Identifier: MIT */
/*
 * What the helper believes: the keys in kiosk.conf's software_keys, and its
 * own record of the highest package version it took. kiosk.conf is read
 * with core's reader (the app's configuration code is not linked: the
 * helper needs one key, and none of the app). A key the kiosk's user could
 * have written is no key at all, so the file and every key file must be
 * root's (or this user's, for tests and IT's own copies) and writable by
 * nobody else. The record lives in the helper's root-only folder, never in
 * the app's: the app reports its own `taken`, the helper trusts its own.
 */
#include "update_int.h"
#include "bundle.h"
#include "core.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int trusted(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return mk_err(MK_ENOTFOUND, "%s: %s", path, strerror(errno));
	if ((st.st_uid != 0 && st.st_uid != geteuid()) || (st.st_mode & 022))
		return mk_err(MK_EPERM, "%s may be changed by others than root: not trusted", path);
	return 0;
}

static int take_keys(void *ctx, const char *key, const char *val)
{
	char **list = ctx;
	if (!strcmp(key, "software_keys")) {
		free(*list);
		if (!(*list = mk_strdup(val)))
			return MK_ENOMEM;
	}
	return 0;
}

static int each_trusted(const char *list)
{
	char *copy = mk_strdup(list), *save = NULL;
	int rc = copy ? 0 : MK_ENOMEM;
	for (char *t = copy ? strtok_r(copy, ",", &save) : NULL; t && !rc; t = strtok_r(NULL, ",", &save))
		rc = trusted(mk_trim(t));
	free(copy);
	return rc;
}

int upd_keys(const char *config, uint8_t keys[][32], int *n)
{
	char *text = NULL, *list = NULL;
	int rc = trusted(config);
	if (!rc)
		rc = mk_conf_parse(config, &text, take_keys, &list);
	free(text);
	if (!rc && (!list || !*list))
		rc = mk_err(MK_EINVAL, "%s has no software_keys: this kiosk takes no software packages",
			    config);
	if (!rc)
		rc = each_trusted(list);
	if (!rc)
		rc = bundle_keys_read(list, keys, n);
	free(list);
	return rc;
}

long long upd_highest(const char *state)
{
	char *path = upd_path(state, "highest"), *text = NULL;
	long long n = 0;
	if (path && mk_read_regular(path, 64, &text, NULL) == 0 && sscanf(text, "%lld", &n) != 1)
		n = 0;
	free(text);
	free(path);
	return n > 0 ? n : 0;
}

int upd_highest_set(const char *state, long long n)
{
	char *path = upd_path(state, "highest"), line[32];
	snprintf(line, sizeof line, "%lld\n", n);
	int rc = path ? mk_write_atomic(path, line, strlen(line)) : MK_ENOMEM;
	free(path);
	return rc;
}
