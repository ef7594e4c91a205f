/* SPDX-License-Identifier: MIT */
/*
 * mesokiosk --set-staff-pin, the configuration's part: staff mode asks for
 * the PIN and hashes it (staff/staffpin.c); only the hash is written here,
 * as `staff_pin_hash = ...` (or `staff_pin_hash.NAME = ...` for a member of
 * staff's own PIN, --set-staff-pin NAME), into the configuration file: the line is
 * replaced where it was, or added, and the file is rewritten atomically so
 * a kiosk never reads half a configuration.
 */
#include "app.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file's text with the key's line replaced or added. */
static char *with_hash(const char *old, const char *key, const char *hash)
{
	size_t cap = (old ? strlen(old) : 0) + strlen(key) + strlen(hash) + 64, len = 0, k = strlen(key);
	char *out = malloc(cap), *copy = mk_strdup(old ? old : ""), *line, *next;
	int done = 0;
	if (!out || !copy)
		return free(out), free(copy), NULL;
	for (line = copy; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		const char *s = line + strspn(line, " \t");
		if (!strncmp(s, key, k) && strchr(" \t=", s[k])) {
			if (done)
				continue;
			len += (size_t)snprintf(out + len, cap - len, "%s = %s\n", key, hash);
			done = 1;
		} else {
			len += (size_t)snprintf(out + len, cap - len, "%s\n", line);
		}
	}
	if (!done)
		snprintf(out + len, cap - len, "%s = %s\n", key, hash);
	free(copy);
	return out;
}

static int write_hash(const char *path, const char *key, const char *hash)
{
	char *old = NULL, *text, *dir = mk_strdup(path), *slash;
	int rc;
	if (dir && (slash = strrchr(dir, '/')) && slash != dir) {
		*slash = 0;
		mk_mkdir_p(dir, 0700);
	}
	free(dir);
	struct stat old_st;
	int had = stat(path, &old_st) == 0;
	if (mk_is_file(path) && mk_read_file(path, &old, NULL) != 0)
		return mk_err(MK_EIO, "%s: cannot read it", path);
	text = with_hash(old, key, hash);
	free(old);
	if (!text)
		return mk_err(MK_ENOMEM, "out of memory");
	rc = mk_write_atomic(path, text, strlen(text));
	free(text);
	if (rc)
		return mk_err(rc, "%s: cannot write it (%s)", path, mk_err_msg());
	/* The kiosk's user reads /etc/mesokiosk/kiosk.conf through its group
	 * (0640 root:mesokiosk): keep the old file's owner and mode. */
	if (had && (chown(path, old_st.st_uid, old_st.st_gid) != 0 ||
		    chmod(path, old_st.st_mode & 07777) != 0))
		return mk_err(MK_EIO, "%s: written, but its owner or mode could not be kept", path);
	return 0;
}

int app_set_staff_pin(const char *config_path, const char *name)
{
	char hash[STORE_HASH_MAX], key[32];
	const char *path = config_path ? config_path : app_config_default_path();
	int rc;
	if (name && store_staff_name_ok(name) != 0)
		return MK_EINVAL; /* before the PIN is asked: the message says why */
	if (!path)
		path = app_config_user_path();
	if (!path)
		return mk_err(MK_EINVAL, "no configuration file: give one with --config FILE");
	snprintf(key, sizeof key, name ? "staff_pin_hash.%s" : "staff_pin_hash", name);
	app_config others;
	app_config_defaults(&others);
	int read = !mk_is_file(path) || app_config_load(&others, path) == 0;
	if (!read) /* the kiosk will say what; the PIN can still be set */
		fprintf(stderr, "mesokiosk: %s (other staff PINs not compared)\n", mk_err_msg());
	rc = staff_pin_ask_hash(hash, read ? &others : NULL, name);
	app_config_free(&others);
	if (!rc)
		rc = write_hash(path, key, hash);
	if (!rc && name)
		fprintf(stderr, "mesokiosk: %s's staff PIN is set in %s\n", name, path);
	else if (!rc)
		fprintf(stderr, "mesokiosk: the staff PIN is set in %s\n", path);
	return rc;
}
