/* SPDX-License-Identifier: MIT */
/*
 * mesokiosk --set-staff-pin, the part at the terminal: the new staff PIN
 * is asked twice with echo off (or read as one line from a pipe, for
 * scripts) and hashed with Argon2id; only the hash leaves this file. The
 * shell writes it into the configuration (app/config_pin.c).
 */
#include "staff.h"
#include <string.h>
#include <unistd.h>

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

int staff_pin_ask_hash(char hash[STORE_HASH_MAX])
{
	char pin[32] = { 0 };
	int rc = ask_pin(pin);
	if (!rc)
		rc = store_secret_hash(pin, NULL, hash);
	explicit_bzero(pin, sizeof pin); /* memset of a dead buffer may be dropped */
	return rc;
}
