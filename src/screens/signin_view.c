/* SPDX-License-Identifier: MIT */
/*
 * Sign-in's views: the code on the patient's card on a keyboard of code
 * characters, then their PIN on a pad (its flow is signin.c); and the
 * consent question that follows a first sign-in.
 */
#include "screens.h"
#include <string.h>

int scr_view_signin(lay *L, int y)
{
	app *a = L->a;
	if (!track_enabled(a->tk))
		return scr_body(L, scr_str(a, "signin_off"), y, a->th->text);
	if (a->sc.id == SCR_SIGNIN_CODE) {
		y = scr_body(L, scr_str(a, "signin_code"), y, a->th->muted);
		y = scr_entry(L, y, 0, 0);
		y = scr_msg(L, y);
		y = scr_osk(L, y, 1);
		view_el *e = scr_button(L, scr_str(a, "next"), y, 1, ACT_FLOW, F_NEXT);
		if (e)
			e->enabled = strlen(a->sc.entry) == STORE_CODE_LEN;
		return scr_after(L, y, e);
	}
	y = scr_body(L, scr_pin_words(L, "signin_pin"), y, a->th->muted);
	return scr_pin(L, y, a->cfg.pin_len, STORE_PIN_MIN);
}

int scr_view_consent(lay *L, int y)
{
	app *a = L->a;
	y = scr_body(L, scr_str(a, "consent_body"), y, a->th->text);
	y = scr_msg(L, y);
	y = scr_after(L, y, scr_button(L, scr_str(a, "consent_yes"), y, 1, ACT_FLOW, F_CONSENT_YES));
	return scr_after(L, y, scr_button(L, scr_str(a, "consent_no"), y, 0, ACT_FLOW, F_CONSENT_NO));
}
