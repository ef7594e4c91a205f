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

/* How the code screen is laid out: from the roomiest to the most compact. */
typedef struct {
	int short_keys; /* the keyboard's keys as short as they may be */
	int beside;     /* Next beside the field, not under the keyboard */
	int tight;      /* less space between the parts */
	int terse;      /* no instructions above the field: the title and the
			 * field's count say enough (1280x800, 160%, French) */
} code_fit;

static int next_fit(code_fit *f)
{
	if (!f->short_keys)
		f->short_keys = 1;
	else if (!f->beside)
		f->beside = 1;
	else if (!f->tight)
		f->tight = 1;
	else if (!f->terse)
		f->terse = 1;
	else
		return 0;
	return 1;
}

/* Next, w wide at x, greyed until the whole code is typed. */
static view_el *next_button(lay *L, int x, int y, int w, int whole)
{
	view_el *e = lay_button(L, "button", scr_str(L->a, "next"), (SDL_Rect){ x, y, w, lay_px(L, SZ_BUTTON_H, 0) },
				lay_px(L, SZ_BUTTON_TEXT, 1), 1, ACT_FLOW);
	if (e) {
		e->arg = F_NEXT;
		e->enabled = whole;
	}
	return e;
}

/* Next's width beside the field: its label and the button's padding. */
static int next_w(lay *L)
{
	ren_text_style st = { .px = lay_px(L, SZ_BUTTON_TEXT, 1), .bold = 1, .rtl = L->rtl, .line_pct = 125 };
	ren_text_metrics m = { 0 };
	int min = lay_px(L, 240, 0);
	ren_text_measure(L->a->rn, &st, scr_str(L->a, "next"), 0, &m);
	return m.w + 4 * lay_px(L, 24, 0) > min ? m.w + 4 * lay_px(L, 24, 0) : min;
}

/* Next at the end of the field's row (box: the field's element), the
 * field narrower, Next as high as it, its label centred again. */
static void next_beside(lay *L, int box, int y, int whole)
{
	app *a = L->a;
	int nw = next_w(L), gap = lay_px(L, 24, 0), field_w = scr_width(L) - nw - gap;
	a->vw.v[box].r.w = field_w;
	for (int i = box + 1; i < a->vw.n; i++) /* the typed code */
		a->vw.v[i].r.w -= nw + gap;
	view_el *e = next_button(L, scr_left(L) + field_w + gap, y, nw, whole);
	if (e) {
		e[1].r.y += (a->vw.v[box].r.h - e->r.h) / 2;
		e->r.h = a->vw.v[box].r.h;
	}
}

/* One try at the code screen; returns y below what it laid out. */
static int code_try(lay *L, int y, code_fit f)
{
	app *a = L->a;
	int n = (int)strlen(a->sc.entry), whole = n == STORE_CODE_LEN, keys, box, field_y;
	int less = f.tight ? lay_px(L, 12, 1) : 0;
	field_y = f.terse ? y : scr_body(L, scr_str(a, "signin_code"), y, a->th->muted) - less;
	box = a->vw.n;
	y = scr_entry(L, field_y, 0, 0) - less;
	if (f.beside)
		next_beside(L, box, field_y, whole);
	view_el field = a->vw.v[box];
	code_count(L, &field, n);
	keys = a->vw.n; /* no message here: a refusal comes on the PIN screen */
	y = f.short_keys ? scr_osk_short(L, y, 1) : scr_osk(L, y, 1);
	for (int i = keys; i < a->vw.n; i++)
		if (a->vw.v[i].act == ACT_KEY && a->vw.v[i].text && !strcmp(a->vw.v[i].text, scr_str(a, "key_ok")))
			a->vw.v[i].enabled = whole;
	if (!f.beside)
		y = scr_after(L, y, next_button(L, scr_left(L), y, scr_button_w(L), whole));
	return y;
}

/* The code on a keyboard of code characters. One way forward: Next and
 * the keyboard's OK key go on together, once the whole code is typed, and
 * the count in the field says why they wait until then. Next and every
 * key stay in view at every size and text size (issue 18: at 160% on a
 * landscape screen Next was below the edge): the keys get shorter first,
 * then Next moves beside the field, then the spaces between shrink, and
 * last the instructions above the field go (the top bar takes two rows at
 * 1280x800 and 160% in French); never the text's size. */
static int code_view(lay *L, int y)
{
	app *a = L->a;
	int first = a->vw.n, top = y, room = a->h - lay_px(L, 8, 0);
	code_fit f = { 0, 0, 0, 0 };
	do {
		a->vw.n = first; /* the try before, taken back */
		y = code_try(L, top, f);
	} while (y - lay_px(L, 24, 0) > room && next_fit(&f));
	/* All in view: no scroll bar promising more below. */
	return y - lay_px(L, 24, 0) <= room && y + scr_margin(L) > a->h ? a->h - scr_margin(L) : y;
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
