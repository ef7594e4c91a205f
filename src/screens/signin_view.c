/* SPDX-License-Identifier: MIT */
/*
 * Sign-in's views: the code on the patient's card on a keyboard of code
 * characters, then their PIN on a pad (its flow is signin.c); and the
 * consent question that follows a first sign-in.
 */
#include "screens.h"
#include <stdio.h>
#include <string.h>

/* How much of the code is typed ("5 of 8 characters"), inside the field
 * on the side away from the code (which reads left to right on every
 * screen), so it takes no room of its own: the reason Next and the
 * keyboard's OK are not ready yet, in view of the code. */
static void code_count(lay *L, const view_el *box, int n)
{
	app *a = L->a;
	char s[8];
	int pad = lay_px(L, 20, 0), px = lay_px(L, SZ_BODY, 1), h = lay_px(L, 40, 1) * 145 / 100;
	snprintf(s, sizeof s, "%d", n);
	lay_text(L, "status", view_own(L->vw, scr_fill(scr_str(a, "signin_code_count"), "{n}", s, NULL)),
		 px, 0, n == STORE_CODE_LEN ? a->th->text : a->th->muted, box->r.x + pad,
		 box->r.y + pad + (h - px * 145 / 100) / 2, box->r.w - 2 * pad,
		 L->rtl ? REN_ALIGN_START : REN_ALIGN_END);
}

/* The code on a keyboard of code characters. One way forward: Next and
 * the keyboard's OK key go on together, once the whole code is typed, and
 * the count in the field says why they wait until then. */
static int code_view(lay *L, int y)
{
	app *a = L->a;
	int n = (int)strlen(a->sc.entry), whole = n == STORE_CODE_LEN, keys;
	y = scr_body(L, scr_str(a, "signin_code"), y, a->th->muted);
	int box = a->vw.n;
	y = scr_entry(L, y, 0, 0);
	view_el field = a->vw.v[box];
	code_count(L, &field, n);
	keys = a->vw.n; /* no message here: a refusal comes on the PIN screen */
	y = scr_osk(L, y, 1);
	for (int i = keys; i < a->vw.n; i++)
		if (a->vw.v[i].act == ACT_KEY && a->vw.v[i].text && !strcmp(a->vw.v[i].text, scr_str(a, "key_ok")))
			a->vw.v[i].enabled = whole;
	view_el *e = scr_button(L, scr_str(a, "next"), y, 1, ACT_FLOW, F_NEXT);
	if (e)
		e->enabled = whole;
	return scr_after(L, y, e);
}

/* What the PIN screen may say (signin.c): its room is kept for the longest. */
static const char *const pin_msgs[] = { "signin_wrong", "signin_left_2", "signin_left_1", "signin_locked",
					"signin_paused", "signin_problem", "save_failed_disk", "signin_checking",
					NULL };

int scr_view_signin(lay *L, int y)
{
	app *a = L->a;
	if (!track_enabled(a->tk))
		return scr_body(L, scr_str(a, "signin_off"), y, a->th->text);
	if (a->sc.id == SCR_SIGNIN_CODE)
		return code_view(L, y);
	y = scr_body(L, scr_pin_words(L, "signin_pin"), y, a->th->muted);
	L->msgs = pin_msgs;
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
