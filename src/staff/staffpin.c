/* SPDX-License-Identifier: MIT */
/*
 * mesokiosk --set-staff-pin: the one way the staff PIN reaches a kiosk.
 * The PIN is asked twice on a terminal with echo off (or read as one line
 * from a pipe, for scripts), hashed with Argon2id, and only the hash is
 * written, as `staff_pin_hash = ...`, into the configuration file: the line
 * is replaced where it was, or added, and the file is rewritten atomically
 * so a kiosk never reads half a configuration.
 */
#include "app.h"
#include "store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#define STAFF_PIN_MIN 4
#define STAFF_PIN_MAX 12

static int pin_ok(const char *pin)
{
	size_t n = strlen(pin);
	if (n < STAFF_PIN_MIN || n > STAFF_PIN_MAX || strspn(pin, "0123456789") != n)
		return mk_err(MK_EINVAL, "the staff PIN must be %d to %d digits", STAFF_PIN_MIN,
			      STAFF_PIN_MAX);
	return 0;
}

static int ask_pin(char pin[32])
{
	char again[32];
	if (mk_read_secret("New staff PIN (4 to 12 digits): ", pin, 32) != 0)
		return mk_err(MK_EINVAL, "no PIN given");
	if (pin_ok(pin) != 0)
		return MK_EINVAL;
	if (!isatty(STDIN_FILENO))
		return 0;
	int same = mk_read_secret("The same PIN again: ", again, sizeof again) == 0 && !strcmp(pin, again);
	explicit_bzero(again, sizeof again);
	return same ? 0 : mk_err(MK_EINVAL, "the two PINs were not the same; nothing was changed");
}

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
	char pin[32] = { 0 }, hash[STORE_HASH_MAX];
	const char *path = config_path ? config_path : app_config_default_path();
	int rc;
	if (!path)
		path = app_config_user_path();
	if (!path)
		return mk_err(MK_EINVAL, "no configuration file: give one with --config FILE");
	rc = ask_pin(pin);
	if (!rc)
		rc = store_secret_hash(pin, NULL, hash);
	explicit_bzero(pin, sizeof pin); /* memset of a dead buffer may be dropped */
	if (!rc)
		rc = write_hash(path, hash);
	if (!rc)
		fprintf(stderr, "mesokiosk: the staff PIN is set in %s\n", path);
	return rc;
}
