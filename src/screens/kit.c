/* SPDX-License-Identifier: MIT */
/*
 * The screens' kit: what every screen beyond the pages (and staff mode's)
 * is laid out with, and scr_view, which lays out the current screen from
 * its row: the title, then the row's view. Every screen is one calm column
 * under the usual top bar, with one main action; text comes from
 * strings.lua in the patient's language, and the whole screen mirrors for
 * right-to-left like the pages do.
 */
#include "screens.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int scr_margin(lay *L)
{
	return lay_px(L, SZ_MARGIN, 0);
}

int scr_width(lay *L)
{
	int w = lay_px(L, SZ_COL, 0), max = L->a->w - 2 * scr_margin(L);
	return w < max ? w : max;
}

int scr_left(lay *L)
{
	return (L->a->w - scr_width(L)) / 2;
}

int scr_title(lay *L, const char *s, int y)
{
	return y + lay_text(L, "title", s, lay_px(L, SZ_H1, 1), 1, L->a->th->text, scr_left(L), y,
			    scr_width(L), REN_ALIGN_START) + lay_px(L, 28, 1);
}

int scr_body(lay *L, const char *s, int y, SDL_Color c)
{
	int h = lay_text(L, "text", s, lay_px(L, SZ_BODY, 1), 0, c, scr_left(L), y, scr_width(L),
			 REN_ALIGN_START);
	return h ? y + h + lay_px(L, 24, 1) : y;
}

/* Height of the message box for s, w wide. */
static int msg_h(lay *L, const char *s, int w)
{
	int pad = lay_px(L, 20, 0);
	ren_text_style st = { .px = lay_px(L, SZ_BODY, 1), .bold = 1, .rtl = L->rtl, .line_pct = 145 };
	ren_text_metrics m = { 0 };
	ren_text_measure(L->a->rn, &st, s, w - 2 * pad, &m);
	return m.h + 2 * pad;
}

/* The room kept for the screen's message, w wide: the longest of the
 * messages it may show while it is up (L->msgs); none on a screen that
 * lists none (its message only ever comes with it). */
static int msg_room(lay *L, int w)
{
	int room = 0;
	for (const char *const *k = L->msgs; k && *k; k++) {
		int h = msg_h(L, scr_str(L->a, *k), w);
		room = h > room ? h : room;
	}
	return room;
}

/* A message s (an error in a red-edged box when bad, or a done note), in
 * the column from x, w wide. The one rule for messages: a screen that may
 * show one while it is up (a wrong PIN, a code not found, Done) lists
 * them in L->msgs, and the room for the longest is kept whether one is
 * up or not, so a message that comes or goes moves no control under a
 * finger (issue 18: the staff PIN's error pushed the pad down, and typing
 * moved it back). Only a message longer than every one listed grows it. */
static int note_in(lay *L, int x, int w, int y, const char *s, int bad)
{
	app *a = L->a;
	const theme *th = a->th;
	int pad = lay_px(L, 20, 0), room = msg_room(L, w), h;
	if (!s || !*s)
		return room ? y + room + lay_px(L, 24, 1) : y;
	int first = a->vw.n;
	lay_box(L, bad ? "alert" : "status", (SDL_Rect){ x, y, w, 0 }, bad ? th->danger_bg : th->info_bg,
		bad ? th->danger_edge : th->info_edge, lay_px(L, 14, 0), lay_px(L, 3, 0));
	h = lay_text(L, bad ? "alert" : "status", s, lay_px(L, SZ_BODY, 1), 1, th->text, x + pad, y + pad,
		     w - 2 * pad, REN_ALIGN_START) + 2 * pad;
	a->vw.v[first].r.h = h;
	a->vw.v[first].text = s;
	return y + (h > room ? h : room) + lay_px(L, 24, 1);
}

static const char *msg_text(const app *a)
{
	return a->sc.msg[0] && a->sc.msg_key ? scr_str(a, a->sc.msg) : a->sc.msg;
}

static int msg_in(lay *L, int x, int w, int y)
{
	return note_in(L, x, w, y, msg_text(L->a), L->a->sc.msg_bad);
}

int scr_msg(lay *L, int y)
{
	return msg_in(L, scr_left(L), scr_width(L), y);
}

int scr_msg_or(lay *L, int y, const char *key, int bad)
{
	if (L->a->sc.msg[0] || !key)
		return scr_msg(L, y);
	return note_in(L, scr_left(L), scr_width(L), y, scr_str(L->a, key), bad);
}

/* A button grows with the text size, up to the column, so large text
 * wraps a label only when the column itself is too narrow for it. */
int scr_button_w(lay *L)
{
	int w = scr_width(L), max = lay_px(L, 760, 1);
	return w < max ? w : max;
}

view_el *scr_button(lay *L, const char *label, int y, int primary, act_kind act, int arg)
{
	int bw = scr_button_w(L);
	view_el *e = lay_button(L, "button", label, (SDL_Rect){ scr_left(L), y, bw, lay_px(L, SZ_BUTTON_H, 0) },
				lay_px(L, SZ_BUTTON_TEXT, 1), primary, act);
	if (e)
		e->arg = arg;
	return e;
}

static int button_h(lay *L, int y, view_el *e)
{
	return e ? e->r.y + e->r.h + lay_px(L, 24, 0) : y;
}

/* What has been typed, in a box from x, w wide: PINs as dots, codes and
 * notes as text. */
static int entry_in(lay *L, int x, int w, int y, int secret, int slots)
{
	app *a = L->a;
	char shown[TRACK_NOTE_MAX + 64];
	size_t n = strlen(a->sc.entry);
	int pad = lay_px(L, 20, 0), first = a->vw.n, h;
	if (secret) { /* a slot for each digit expected, more as they come */
		shown[0] = 0;
		for (int i = 0; i < slots || (size_t)i < n; i++)
			strcat(shown, (size_t)i < n ? "\u25CF " : "\u25CB ");
	} else if (scr_row(a)->entry == SCR_ENTRY_CODE && n) { /* "WZU8 FWSQ", as on the card */
		scr_code_group(a->sc.entry, shown);
	} else {
		snprintf(shown, sizeof shown, "%s", n ? a->sc.entry : " ");
	}
	lay_box(L, "field", (SDL_Rect){ x, y, w, 0 }, a->th->surface, a->th->primary,
		lay_px(L, 14, 0), lay_px(L, 3, 0));
	/* Typed text reads in its own direction (an English note on the
	 * Arabic screen left to right), from its own start. */
	int rtl = L->rtl;
	if (!secret)
		L->rtl = ren_text_rtl(a->sc.entry, rtl);
	h = lay_text(L, "field-text", view_own(L->vw, mk_strdup(shown)), lay_px(L, secret ? 44 : 40, 1),
		     1, a->th->text, x + pad, y + pad, w - 2 * pad, REN_ALIGN_START);
	L->rtl = rtl;
	a->vw.v[first].r.h = h + 2 * pad;
	return y + h + 2 * pad + lay_px(L, 24, 1);
}

void scr_code_group(const char *code, char out[SCR_CODE_SHOWN])
{
	size_t n = strlen(code), o = 0;
	for (size_t i = 0; i < n && o + 1 < SCR_CODE_SHOWN; i++) {
		if (i == 4 && o + 2 < SCR_CODE_SHOWN)
			out[o++] = ' ';
		out[o++] = code[i];
	}
	out[o] = 0;
}

static int entry_box(lay *L, int y, int secret, int slots)
{
	return entry_in(L, scr_left(L), scr_width(L), y, secret, slots);
}

/* A PIN pad from x, as wide as a phone's and h high. */
static int keypad_at(lay *L, int x, int y, int h, int ok)
{
	int w = lay_px(L, 520, 0);
	return y + scr_keypad(L, (SDL_Rect){ x, y, w, h }, ACT_KEY, ok) + lay_px(L, 24, 0);
}

static int osk(lay *L, int y, int codes_only, int h)
{
	app *a = L->a;
	/* A narrow (portrait) screen gives the keyboard its whole width: the
	 * Arabic rows have 12 keys, and each must stay 80 px wide. */
	int w = a->w - 2 * lay_px(L, 8, 0), max = lay_px(L, 1500, 0);
	if (w > max)
		w = max;
	return y + scr_keyboard(L, (SDL_Rect){ (a->w - w) / 2, y, w, h },
			    codes_only ? "en" : a->m->langs[a->lang], a->sc.osk_mode, codes_only, ACT_KEY) +
	       lay_px(L, 24, 0);
}

/* A new message scrolls the page, once, so that it and what follows it
 * are in view: a patient who tapped OK must see why nothing happened.
 * On a screen that keeps room for its message (L->msgs), nothing moved
 * to make room, so it scrolls only for a message out of view, and only
 * just enough: a message in view moves no control under the finger.
 * Elsewhere the message comes just under the bar. Never scrolls up. */
static void reveal_msg(lay *L)
{
	app *a = L->a;
	int max = a->vw.page_h > a->h ? a->vw.page_h - a->h : 0, gap = lay_px(L, 24, 0);
	if (a->sc.msg_seen || !a->sc.msg[0])
		return;
	a->sc.msg_seen = 1;
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (e->fixed || e->kind != EL_BOX || (strcmp(e->role, "alert") && strcmp(e->role, "status")))
			continue;
		float from = a->scroll.nudging ? a->scroll.target : a->scroll.offset;
		int to = e->r.y - a->vw.bar_h - gap, bottom = e->r.y + e->r.h + gap - a->h;
		if (L->msgs && bottom < to) /* the least that shows it whole */
			to = bottom;
		if (to > max)
			to = max;
		ui_scroller_set_max(&a->scroll, (float)max);
		if (to > from)
			ui_scroller_nudge(&a->scroll, (float)to - from);
		return;
	}
}

void scr_view(lay *L)
{
	app *a = L->a;
	const scr_def *d = scr_row(a);
	L->fixed = 0;
	L->file = NULL;
	L->msgs = NULL;
	if (!d->view)
		return;
	int y = L->vw->bar_h + lay_px(L, d->top, 0);
	if (d->title)
		y = scr_title(L, scr_str(a, d->title), y);
	y = d->view(L, y);
	a->vw.page_h = y + scr_margin(L);
	reveal_msg(L);
}

/* Shared by the report, progress and staff screens. */
/* A PIN being typed: its dots, the screen's message, the pad (OK once
 * min digits are in). The pad goes under the dots when it fits in the
 * window with room for a two-line message; on a landscape screen where
 * it does not (Reset the PIN at 1080p cut off the OK row), it stands
 * beside the dots and the message, at the end of the column, its keys as
 * much shorter as the window needs (down to 80 px), and the two span
 * the whole screen when the message's room would run off it in the
 * column (large text). The message's room
 * is kept whether one is up or not (msg_in), so a message never moves
 * the pad under a finger. */
int scr_pin(lay *L, int y, int slots, int min)
{
	app *a = L->a;
	int ok = (int)strlen(a->sc.entry) >= min, side = lay_px(L, 520, 0), gap = lay_px(L, 40, 0);
	int box = 2 * lay_px(L, 20, 0) + lay_px(L, 24, 1), left = scr_width(L) - side - gap;
	int dots = lay_px(L, 44, 1) * 145 / 100 + box, msg = 2 * lay_px(L, SZ_BODY, 1) * 145 / 100 + box;
	if (msg_room(L, scr_width(L)) + lay_px(L, 24, 1) > msg)
		msg = msg_room(L, scr_width(L)) + lay_px(L, 24, 1);
	if (y + dots + msg + side + scr_margin(L) <= a->h || a->w <= a->h || left < lay_px(L, 400, 0)) {
		y = entry_box(L, y, 1, slots);
		y = scr_msg(L, y);
		return keypad_at(L, (a->w - side) / 2, y, side, ok);
	}
	int room = a->h - y - lay_px(L, 24, 0), h = room < side ? room : side, x = scr_left(L), span = scr_width(L);
	if (y + dots + msg_room(L, left) > a->h) { /* the message would run off: across the screen */
		x = scr_margin(L);
		span = a->w - 2 * x;
		left = span - side - gap;
	}
	int below = msg_in(L, x, left, entry_in(L, x, left, y, 1, slots));
	int pad = keypad_at(L, x + span - side, y, h, ok);
	return below > pad ? below : pad;
}

const char *scr_pin_words(lay *L, const char *key)
{
	char n[8];
	snprintf(n, sizeof n, "%d", L->a->cfg.pin_len);
	return view_own(L->vw, scr_fill(scr_str(L->a, key), "{n}", n, NULL));
}

int scr_osk(lay *L, int y, int codes_only)
{
	return osk(L, y, codes_only, lay_px(L, 420, 0));
}

int scr_osk_short(lay *L, int y, int codes_only)
{
	return osk(L, y, codes_only, 1); /* the keys' least height */
}

int scr_entry(lay *L, int y, int secret, int slots)
{
	return entry_box(L, y, secret, slots);
}

int scr_after(lay *L, int y, view_el *e)
{
	return button_h(L, y, e);
}
