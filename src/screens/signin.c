/* SPDX-License-Identifier: MIT */
/*
 * Sign-in's flow: the code on the patient's card, then their PIN. A
 * refusal reads the same whether the code exists or not: a wrong PIN
 * says how many tries are left from the third on, and a locked code says
 * to ask at the front desk, and the store counts an unknown code's tries
 * and locks it just like a real one. A full disk, the TPM's pause and a
 * failing TPM, which the patient cannot fix by typing again, have their
 * own words; the log says which it was, never the code or PIN. The view
 * is signin_view.c.
 */
#include "screens.h"
#include <string.h>

/* A wrong PIN, or an unknown code, which counts its tries the same way;
 * from the third wrong try on, how many are left before the lock. */
static void say_wrong(app *a)
{
	int left = track_tries_left(a->tk, a->sc.signin_code, scr_now());
	if (left == 2)
		scr_say(a, 1, "signin_left_2");
	else if (left == 1)
		scr_say(a, 1, "signin_left_1");
	else
		scr_say(a, 1, "signin_wrong");
}

static void sign_in(app *a)
{
	uint64_t t0 = mk_mono_ns();
	int rc = track_sign_in(a->tk, a->sc.signin_code, a->sc.entry, scr_now());
	char q[300];
	scr_wipe_entry(a);
	mk_log(rc == 0 || rc == MK_EINVAL || rc == MK_ELIMIT ? MK_LOG_INFO : MK_LOG_WARN,
	       rc == 0 ? "signed-in" : "sign-in-refused", "ms=%.1f%s%s",
	       (double)(mk_mono_ns() - t0) / 1e6, rc == 0 || rc == MK_EINVAL ? "" : " reason=",
	       rc == 0 || rc == MK_EINVAL ? "" : mk_log_quote(q, sizeof q, mk_err_msg()));
	if (rc == 0) {
		scr_go(a, track_needs_consent(a->tk) ? SCR_CONSENT : SCR_COURSE);
		return;
	}
	if (rc == MK_EFULL)
		scr_say(a, 1, "save_failed_disk");
	else if (rc == MK_EAGAIN) /* the TPM's lockout: the same for every code */
		scr_say(a, 1, "signin_paused");
	else if (rc == MK_EIO) /* a TPM (or the disk) that fails: staff can see why */
		scr_say(a, 1, "signin_problem");
	else if (rc == MK_ELIMIT) /* locked: an unknown code locks alike */
		scr_say(a, 1, "signin_locked");
	else
		say_wrong(a);
}

void scr_enter_pin(app *a)
{
	if (strlen(a->sc.entry) >= STORE_PIN_MIN)
		sign_in(a);
}

void scr_back_pin(app *a)
{
	scr_go(a, SCR_SIGNIN_CODE);
	memcpy(a->sc.entry, a->sc.signin_code, sizeof a->sc.signin_code);
}
