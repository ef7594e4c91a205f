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
static void say_wrong(app *a, int left)
{
	if (left == 2)
		scr_say(a, 1, "signin_left_2");
	else if (left == 1)
		scr_say(a, 1, "signin_left_1");
	else
		scr_say(a, 1, "signin_wrong");
}

/* The check's answer (signin_check.c), on the loop's thread: why is the
 * store's message, left the tries left after a wrong PIN. */
void scr_signin_done(app *a, int rc, const char *why, int left, double ms)
{
	char q[300];
	scr_wipe_entry(a);
	mk_log(rc == 0 || rc == MK_EINVAL || rc == MK_ELIMIT ? MK_LOG_INFO : MK_LOG_WARN,
	       rc == 0 ? "signed-in" : "sign-in-refused", "ms=%.1f%s%s", ms,
	       rc == 0 || rc == MK_EINVAL ? "" : " reason=",
	       rc == 0 || rc == MK_EINVAL ? "" : mk_log_quote(q, sizeof q, why));
	a->need_layout = 1;
	if (rc == 0) {
		scr_go(a, track_needs_consent(a->tk) ? SCR_CONSENT : SCR_COURSE);
		return;
	}
	if (rc == MK_EFULL)
		scr_say(a, 1, "save_failed_disk");
	else if (rc == MK_EAGAIN) /* the TPM's lockout: the same for every code */
		scr_say(a, 1, "signin_paused");
	else if (rc == MK_EIO || rc == MK_ENOMEM) /* a TPM (or the disk) that fails: staff can see why */
		scr_say(a, 1, "signin_problem");
	else if (rc == MK_ELIMIT) /* locked: an unknown code locks alike */
		scr_say(a, 1, "signin_locked");
	else
		say_wrong(a, left);
}

/* OK on the pad: the check starts on its own thread and the next frame
 * says so; nothing on the screen answers until it is done. */
void scr_enter_pin(app *a)
{
	if (strlen(a->sc.entry) < STORE_PIN_MIN || scr_checking(a))
		return;
	scr_say(a, 0, "signin_checking");
	if (scr_check_start(a) != 0)
		scr_signin_done(a, MK_ENOMEM, mk_err_msg(), 0, 0);
}

void scr_back_pin(app *a)
{
	scr_go(a, SCR_SIGNIN_CODE);
	memcpy(a->sc.entry, a->sc.signin_code, sizeof a->sc.signin_code);
}
