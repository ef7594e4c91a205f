/* SPDX-License-Identifier: MIT */
/*
 * The staff PIN, which opens staff mode. On the kiosk: its pad (after the
 * hidden corner) and the check against the Argon2id hash from the
 * configuration; five wrong PINs close the pad for five minutes, and the
 * count survives a restart through the audit log. At the terminal
 * (mesokiosk --set-staff-pin): the new PIN is asked twice with echo off
 * (or read as one line from a pipe, for scripts) and hashed; only the hash
 * leaves this file, and the shell writes it into the configuration
 * (app/config_pin.c).
 */
#include "staff.h"
#include <string.h>
#include <time.h>
#include <unistd.h>

#define STAFF_MAX_FAILS 5
#define STAFF_LOCK_MS (5 * 60 * 1000)
#define STAFF_AUDIT_LOOK 256 /* audit rows read back at start */

static int staff_fails;
static uint64_t staff_locked_until;

/* The count of wrong staff PINs lives in memory, so a restart (a pulled
 * plug, a crash) would give five fresh tries each time: read it back from
 * the audit log instead. Wrong PINs of the last lock period since staff
 * mode last opened count; five or more close the pad for a full period. */
void staff_restore_lock(app *a)
{
	static store_audit_entry v[STAFF_AUDIT_LOOK];
	int64_t since = (int64_t)time(NULL) - STAFF_LOCK_MS / 1000;
	int n = 0, fails = 0;
	staff_fails = 0;
	staff_locked_until = 0;
	if (!a->st || store_audit_list(a->st, v, STAFF_AUDIT_LOOK, &n) != 0)
		return;
	for (int i = 0; i < n && v[i].at >= since; i++) {
		if (strcmp(v[i].actor, "staff"))
			continue;
		if (!strcmp(v[i].action, "staff-mode-open"))
			break;
		fails += !strcmp(v[i].action, "staff-pin-failed");
	}
	if (fails >= STAFF_MAX_FAILS)
		staff_locked_until = mk_now_ms() + STAFF_LOCK_MS;
	else
		staff_fails = fails;
	if (fails)
		mk_log(MK_LOG_INFO, "staff-pin-fails", "recent=%d locked=%d", fails, fails >= STAFF_MAX_FAILS);
}

static void staff_pin(app *a)
{
	uint64_t now = mk_now_ms();
	if (!a->cfg.staff_pin_hash) {
		scr_say(a, 1, "staff_pin_unset");
	} else if (now < staff_locked_until) {
		scr_say(a, 1, "staff_pin_locked");
	} else if (store_secret_verify(a->cfg.staff_pin_hash, a->sc.entry) == 0) {
		staff_fails = 0;
		a->sc.staff = 1;
		scr_go(a, SCR_STAFF);
		store_audit(a->st, "staff", "staff-mode-open", "");
		mk_log(MK_LOG_INFO, "staff-mode", "open=1");
	} else {
		int locks = ++staff_fails >= STAFF_MAX_FAILS;
		if (locks) {
			staff_fails = 0;
			staff_locked_until = now + STAFF_LOCK_MS;
		}
		store_audit(a->st, "staff", "staff-pin-failed", "");
		/* Say so on the fifth: a sixth try would be refused anyway. */
		scr_say(a, 1, locks ? "staff_pin_locked" : "staff_pin_wrong");
	}
	explicit_bzero(a->sc.entry, sizeof a->sc.entry);
}

/* OK on the staff PIN pad (its row's enter). */
void staff_pin_enter(app *a)
{
	if (strlen(a->sc.entry) >= STAFF_PIN_MIN)
		staff_pin(a);
	a->need_layout = 1;
}

int staff_view_pin(lay *L, int y)
{
	static const char *const msgs[] = { "staff_pin_wrong", "staff_pin_locked", "staff_pin_unset", NULL };
	L->msgs = msgs;
	return scr_pin(L, y, STAFF_PIN_MAX, STAFF_PIN_MIN);
}

/* ---- mesokiosk --set-staff-pin */

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
