/* SPDX-License-Identifier: MIT */
/*
 * The staff PIN, which opens staff mode. On the kiosk: its pad (after the
 * hidden corner) and the check against the Argon2id hashes from the
 * configuration (each member of staff's own, staff_pin_hash.NAME, then the
 * unnamed one), run off the event loop on the check thread sign-in uses,
 * so the screen says "Checking your PIN…" instead of freezing; staff mode
 * remembers whose PIN opened it and the store's staff audit rows name
 * them (store_set_staff). Five wrong PINs close the pad for five minutes,
 * and the count survives a restart through the audit log. At the terminal
 * (mesokiosk --set-staff-pin): the new PIN is asked twice with echo off
 * (or read as one line from a pipe, for scripts) and hashed; only the hash
 * leaves this file, and the shell writes it into the configuration
 * (app/config_pin.c).
 */
#include "staff.h"
#include <stdio.h>
#include <stdlib.h>
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
		if (strncmp(v[i].actor, "staff", 5)) /* "staff" or "staff:NAME" */
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

/* The PIN's check on the check thread (screens' scr_check_run): every
 * member of staff's own PIN, then the unnamed one. Only the configuration
 * and its own copy of the PIN are read there. */
struct staff_check {
	const app_config *cfg;
	char pin[STAFF_PIN_MAX + 1];
	int who; /* index in cfg->staff_pins; -1 the unnamed PIN */
	uint64_t ns; /* the check's time, for the log (scripts/bench) */
};

static int check_work(void *arg)
{
	struct staff_check *k = arg;
	uint64_t t0 = mk_mono_ns();
	int rc = MK_EINVAL;
	for (int i = 0; i < k->cfg->n_staff_pins && rc; i++)
		if (store_secret_verify(k->cfg->staff_pins[i].hash, k->pin) == 0)
			k->who = i, rc = 0;
	if (rc && k->cfg->staff_pin_hash && store_secret_verify(k->cfg->staff_pin_hash, k->pin) == 0)
		k->who = -1, rc = 0;
	explicit_bzero(k->pin, sizeof k->pin);
	k->ns = mk_mono_ns() - t0;
	return rc;
}

/* Staff mode opens in the name of whose PIN it was. */
static void staff_open(app *a, int who, double ms)
{
	const char *name = who >= 0 ? a->cfg.staff_pins[who].name : NULL;
	staff_fails = 0;
	staff_session_forget(a);
	a->sc.staff = 1;
	snprintf(a->sc.staff_name, sizeof a->sc.staff_name, "%s", name ? name : "");
	store_set_staff(a->st, name);
	scr_go(a, SCR_STAFF);
	store_audit(a->st, "staff", "staff-mode-open", "");
	mk_log(MK_LOG_INFO, "staff-mode", "open=1 named=%d ms=%.1f", name != NULL, ms);
}

static void check_done(app *a, int rc, void *arg)
{
	struct staff_check *k = arg;
	int who = k->who;
	double ms = (double)k->ns / 1e6;
	free(k);
	a->need_layout = 1;
	if (rc == 0) {
		staff_open(a, who, ms);
		return;
	}
	int locks = ++staff_fails >= STAFF_MAX_FAILS;
	if (locks) {
		staff_fails = 0;
		staff_locked_until = mk_now_ms() + STAFF_LOCK_MS;
	}
	store_set_staff(a->st, NULL); /* nobody's: the PIN was wrong */
	store_audit(a->st, "staff", "staff-pin-failed", "");
	/* Say so on the fifth: a sixth try would be refused anyway. */
	scr_say(a, 1, locks ? "staff_pin_locked" : "staff_pin_wrong");
}

static void staff_pin(app *a)
{
	struct staff_check *k;
	if (!a->cfg.staff_pin_hash && !a->cfg.n_staff_pins) {
		scr_say(a, 1, "staff_pin_unset");
	} else if (mk_now_ms() < staff_locked_until) {
		scr_say(a, 1, "staff_pin_locked");
	} else if (!(k = calloc(1, sizeof *k))) {
		scr_say_text(a, 1, "out of memory checking the PIN");
	} else {
		k->cfg = &a->cfg;
		memcpy(k->pin, a->sc.entry, strlen(a->sc.entry) + 1); /* at most STAFF_PIN_MAX */
		scr_say(a, 0, "signin_checking");
		scr_check_job job = { check_work, check_done, k };
		if (scr_check_run(a, &job) != 0) {
			explicit_bzero(k, sizeof *k);
			free(k);
			scr_say_text(a, 1, mk_err_msg());
		}
	}
	explicit_bzero(a->sc.entry, sizeof a->sc.entry);
}

/* OK on the staff PIN pad (its row's enter); nothing while a check runs. */
void staff_pin_enter(app *a)
{
	if (strlen(a->sc.entry) >= STAFF_PIN_MIN && strlen(a->sc.entry) <= STAFF_PIN_MAX &&
	    !scr_checking(a))
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

/* Two people with one PIN could not be told apart in the audit log (the
 * first PIN that matches names who opened staff mode). */
static int taken(const app_config *others, const char *name, const char *pin)
{
	const char *self = name ? name : "";
	for (int i = 0; others && i < others->n_staff_pins; i++)
		if (strcmp(others->staff_pins[i].name, self) &&
		    store_secret_verify(others->staff_pins[i].hash, pin) == 0)
			return 1;
	return others && name && others->staff_pin_hash &&
	       store_secret_verify(others->staff_pin_hash, pin) == 0;
}

int staff_pin_ask_hash(char hash[STORE_HASH_MAX], const app_config *others, const char *name)
{
	char pin[32] = { 0 };
	int rc = ask_pin(pin);
	if (!rc && taken(others, name, pin))
		rc = mk_err(MK_EEXIST, "another member of staff (or the shared staff PIN) has this PIN:"
			    " choose another, so the audit log can tell you apart; nothing was changed");
	if (!rc)
		rc = store_secret_hash(pin, NULL, hash);
	explicit_bzero(pin, sizeof pin); /* memset of a dead buffer may be dropped */
	return rc;
}
