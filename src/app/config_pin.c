/* SPDX-License-Identifier: MIT */
/*
 * mesokiosk --set-staff-pin, the configuration's part: staff mode asks for
 * the PIN and hashes it (staff/staffpin.c); only the hash is written here,
 * as `staff_pin_hash = ...`, into the configuration file: the line is
 * replaced where it was, or added, and the file is rewritten atomically so
 * a kiosk never reads half a configuration.
 */
#include "app.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file's text with the staff_pin_hash line replaced or added. */
static char *with_hash(const char *old, const char *hash)
{
	size_t cap = (old ? strlen(old) : 0) + strlen(hash) + 64, len = 0;
	char *out = malloc(cap), *copy = mk_strdup(old ? old : ""), *line, *next;
	int done = 0;
	if (!out || !copy)
		return free(out), free(copy), NULL;
	for (line = copy; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		const char *s = line + strspn(line, " \t");
		if (!strncmp(s, "staff_pin_hash", 14) && strchr(" \t=", s[14])) {
			if (done)
				continue;
			len += (size_t)snprintf(out + len, cap - len, "staff_pin_hash = %s\n", hash);
			done = 1;
		} else {
			len += (size_t)snprintf(out + len, cap - len, "%s\n", line);
		}
	}
	if (!done)
		snprintf(out + len, cap - len, "staff_pin_hash = %s\n", hash);
	free(copy);
	return out;
}

static int write_hash(const char *path, const char *hash)
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
	text = with_hash(old, hash);
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

int app_set_staff_pin(const char *config_path)
{
	char hash[STORE_HASH_MAX];
	const char *path = config_path ? config_path : app_config_default_path();
	int rc;
	if (!path)
		path = app_config_user_path();
	if (!path)
		return mk_err(MK_EINVAL, "no configuration file: give one with --config FILE");
	rc = staff_pin_ask_hash(hash);
	if (!rc)
		rc = write_hash(path, hash);
	if (!rc)
		fprintf(stderr, "mesokiosk: the staff PIN is set in %s\n", path);
	return rc;
}
