/* SPDX-License-Identifier: MIT */
/*
 * Layout of the patient's screens: sign-in (code, then PIN), consent and
 * My course. Every screen is one calm column under the usual top bar, with
 * one main action; text comes from strings.lua in the patient's language,
 * and the whole screen mirrors for right-to-left like the pages do.
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

static int col_x(lay *L)
{
	return (L->a->w - scr_width(L)) / 2;
}

int scr_title(lay *L, const char *s, int y)
{
	return y + lay_text(L, "title", s, lay_px(L, SZ_H1, 1), 1, L->a->th->text, col_x(L), y,
			    scr_width(L), REN_ALIGN_START) + lay_px(L, 28, 1);
}

int scr_body(lay *L, const char *s, int y, SDL_Color c)
{
	int h = lay_text(L, "text", s, lay_px(L, SZ_BODY, 1), 0, c, col_x(L), y, scr_width(L),
			 REN_ALIGN_START);
	return h ? y + h + lay_px(L, 24, 1) : y;
}

/* The screen's message (an error in a red-edged box, or a done note). */
int scr_msg(lay *L, int y)
{
	app *a = L->a;
	const theme *th = a->th;
	int pad = lay_px(L, 20, 0), w = scr_width(L), h;
	if (!a->sc.msg[0])
		return y;
	const char *s = a->sc.msg_key ? scr_str(a, a->sc.msg) : a->sc.msg;
	int first = a->vw.n;
	lay_box(L, a->sc.msg_bad ? "alert" : "status", (SDL_Rect){ col_x(L), y, w, 0 },
		a->sc.msg_bad ? th->danger_bg : th->info_bg, a->sc.msg_bad ? th->danger_edge : th->info_edge,
		lay_px(L, 14, 0), lay_px(L, 3, 0));
	h = lay_text(L, a->sc.msg_bad ? "alert" : "status", s, lay_px(L, SZ_BODY, 1), 1,
		     th->text, col_x(L) + pad, y + pad, w - 2 * pad, REN_ALIGN_START);
	a->vw.v[first].r.h = h + 2 * pad;
	a->vw.v[first].text = s;
	return y + h + 2 * pad + lay_px(L, 24, 1);
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
	view_el *e = lay_button(L, "button", label, (SDL_Rect){ col_x(L), y, bw, lay_px(L, SZ_BUTTON_H, 0) },
				lay_px(L, SZ_BUTTON_TEXT, 1), primary, act);
	if (e)
		e->arg = arg;
	return e;
}

static int button_h(lay *L, int y, view_el *e)
{
	return e ? e->r.y + e->r.h + lay_px(L, 24, 0) : y;
}

/* What has been typed, in a box: PINs as dots, codes and notes as text. */
static int entry_box(lay *L, int y, int secret, int slots)
{
	app *a = L->a;
	char shown[TRACK_NOTE_MAX + 64];
	size_t n = strlen(a->sc.entry);
	int pad = lay_px(L, 20, 0), w = scr_width(L), first = a->vw.n, h;
	if (secret) { /* a slot for each digit expected, more as they come */
		shown[0] = 0;
		for (int i = 0; i < slots || (size_t)i < n; i++)
			strcat(shown, (size_t)i < n ? "\u25CF " : "\u25CB ");
	} else {
		snprintf(shown, sizeof shown, "%s", n ? a->sc.entry : " ");
	}
	lay_box(L, "field", (SDL_Rect){ col_x(L), y, w, 0 }, a->th->surface, a->th->primary,
		lay_px(L, 14, 0), lay_px(L, 3, 0));
	h = lay_text(L, "field-text", view_own(L->vw, mk_strdup(shown)), lay_px(L, secret ? 44 : 40, 1),
		     1, a->th->text, col_x(L) + pad, y + pad, w - 2 * pad, REN_ALIGN_START);
	a->vw.v[first].r.h = h + 2 * pad;
	return y + h + 2 * pad + lay_px(L, 24, 1);
}

/* A PIN pad under the column, as wide as a phone's. */
static int keypad(lay *L, int y, int ok)
{
	int w = lay_px(L, 520, 0);
	return y + scr_keypad(L, (SDL_Rect){ (L->a->w - w) / 2, y, w, lay_px(L, 520, 0) }, ACT_KEY, ok) +
	       lay_px(L, 24, 0);
}

static int osk(lay *L, int y, int codes_only)
{
	app *a = L->a;
	/* A narrow (portrait) screen gives the keyboard its whole width: the
	 * Arabic rows have 12 keys, and each must stay 80 px wide. */
	int w = a->w - 2 * lay_px(L, 8, 0), max = lay_px(L, 1500, 0);
	if (w > max)
		w = max;
	return y + scr_keyboard(L, (SDL_Rect){ (a->w - w) / 2, y, w, lay_px(L, 420, 0) },
			    codes_only ? "en" : a->m->langs[a->lang], a->sc.osk_mode, codes_only, ACT_KEY) +
	       lay_px(L, 24, 0);
}

int scr_view_signin(lay *L, int y)
{
	app *a = L->a;
	if (!track_enabled(a->tk))
		return scr_body(L, scr_str(a, "signin_off"), y, a->th->text);
	if (a->sc.id == SCR_SIGNIN_CODE) {
		y = scr_body(L, scr_str(a, "signin_code"), y, a->th->muted);
		y = entry_box(L, y, 0, 0);
		y = scr_msg(L, y);
		y = osk(L, y, 1);
		view_el *e = scr_button(L, scr_str(a, "next"), y, 1, ACT_FLOW, F_NEXT);
		if (e)
			e->enabled = strlen(a->sc.entry) == STORE_CODE_LEN;
		return button_h(L, y, e);
	}
	y = scr_body(L, scr_pin_words(L, "signin_pin"), y, a->th->muted);
	return scr_pin(L, y, a->cfg.pin_len, STORE_PIN_MIN);
}

int scr_view_consent(lay *L, int y)
{
	app *a = L->a;
	y = scr_body(L, scr_str(a, "consent_body"), y, a->th->text);
	y = scr_msg(L, y);
	y = button_h(L, y, scr_button(L, scr_str(a, "consent_yes"), y, 1, ACT_FLOW, F_CONSENT_YES));
	return button_h(L, y, scr_button(L, scr_str(a, "consent_no"), y, 0, ACT_FLOW, F_CONSENT_NO));
}

/* Sessions as a row of numbered circles: done, next, still to come. */
static int timeline(lay *L, int y, const store_course *c)
{
	app *a = L->a;
	const theme *th = a->th;
	int d = lay_px(L, 64, 0), gap = lay_px(L, 14, 0), per_row = (scr_width(L) + gap) / (d + gap);
	if (per_row < 1)
		per_row = 1;
	for (int i = 0; i < c->sessions_planned; i++) {
		int done = i < c->sessions_done, next = i == c->sessions_done;
		SDL_Rect r = { col_x(L) + (i % per_row) * (d + gap), y + (i / per_row) * (d + gap), d, d };
		view_el *b = lay_box(L, done ? "session-done" : "session", r, done ? th->primary : th->surface,
				     next ? th->primary : th->border, d / 2, lay_px(L, next ? 5 : 2, 0));
		char *num = mk_asprintf("%d", i + 1);
		if (b)
			b->text = view_own(L->vw, num);
		ren_text_style st = { .px = lay_px(L, 26, 0), .bold = 1 };
		ren_text_metrics m = { 0 };
		ren_text_measure(a->rn, &st, b ? b->text : "", 0, &m);
		lay_text(L, "label", b ? b->text : "", st.px, 1, done ? th->on_primary : th->text, r.x,
			 r.y + (d - m.h) / 2, d, REN_ALIGN_CENTER);
	}
	int rows = (c->sessions_planned + per_row - 1) / per_row;
	return y + rows * (d + gap) + lay_px(L, 24, 0);
}

static int course_facts(lay *L, int y, const store_course *c)
{
	app *a = L->a;
	char n1[16], n2[16], g[16], last[32], next[32];
	int pi = content_plan_index(a->m, c->plan);
	const char *name = pi >= 0 ? content_tr(a->m, &a->m->plans[pi].name, a->lang) : c->plan;
	snprintf(n1, sizeof n1, "%d", c->sessions_done);
	snprintf(n2, sizeof n2, "%d", c->sessions_planned);
	snprintf(g, sizeof g, "%d", c->grade);
	y = scr_body(L, name, y, a->th->muted);
	y += lay_text(L, "heading", view_own(L->vw, scr_fill(scr_str(a, "course_session"), "{done}", n1,
								 "{total}", n2, NULL)),
		      lay_px(L, SZ_H2, 1), 1, a->th->text, col_x(L), y, scr_width(L), REN_ALIGN_START);
	y += lay_px(L, 20, 1);
	const char *area = c->area;
	for (int i = 0; i < CONTENT_AREA_COUNT; i++)
		if (!strcmp(c->area, content_area_name((content_area)i)) && a->m->q.present)
			area = content_tr(a->m, &a->m->q.area_names[i], a->lang);
	y = scr_body(L, view_own(L->vw, scr_fill(scr_str(a, "course_grade"), "{grade}", g, "{area}", area,
						 NULL)), y, a->th->text);
	int64_t last_at = c->started_at;
	if (c->sessions_done > 0 && store_session_last(a->st, c->uuid, &last_at) == 0) {
		scr_date(last_at, last);
		y = scr_body(L, view_own(L->vw, scr_fill(scr_str(a, "course_last"), "{date}", last, NULL)), y,
			     a->th->text);
	}
	if (c->sessions_done < c->sessions_planned) {
		scr_date(last_at + (c->sessions_done > 0 ? (int64_t)c->interval_days * 86400 : 0), next);
		y = scr_body(L, view_own(L->vw, scr_fill(scr_str(a, "course_next"), "{date}", next, NULL)), y,
			     a->th->text);
	}
	return timeline(L, y, c);
}

/* The next steps, two to a row on a wide screen: how I feel and my
 * progress, a new photo and my photos. */
static int actions(lay *L, int y)
{
	app *a = L->a;
	static const struct { const char *key; int flow, primary; } acts[] = {
		{ "feel_button", F_REPORT, 1 }, { "progress_button", F_PROGRESS, 0 },
		{ "photo_button", F_PHOTO, 0 }, { "photos_button", F_PHOTOS, 0 },
	};
	int two = a->w > a->h, gap = lay_px(L, 24, 0), w = two ? (scr_width(L) - gap) / 2 : scr_width(L);
	int h = lay_px(L, SZ_BUTTON_H, 0), row_h = 0;
	for (int i = 0; i < 4; i++) {
		int col = two ? i % 2 : 0;
		view_el *e = lay_button(L, "button", scr_str(a, acts[i].key),
					(SDL_Rect){ (a->w - scr_width(L)) / 2 + col * (w + gap), y, w, h },
					lay_px(L, SZ_BUTTON_TEXT, 1), acts[i].primary, ACT_FLOW);
		if (!e)
			break;
		e->arg = acts[i].flow;
		/* With the disk full nothing new can be saved: do not let the
		 * patient fill in a report or take a photo for nothing. */
		if ((acts[i].flow == F_REPORT && (!a->m->q.present || store_disk_full(a->st))) ||
		    (acts[i].flow == F_PHOTO && store_disk_full(a->st)))
			e->enabled = 0;
		row_h = e->r.h > row_h ? e->r.h : row_h;
		if (!two || col == 1) {
			y += row_h + gap;
			row_h = 0;
		}
	}
	return button_h(L, y, scr_button(L, scr_str(a, "sign_out"), y, 0, ACT_FLOW, F_SIGN_OUT));
}

int scr_view_course(lay *L, int y)
{
	app *a = L->a;
	store_course c;
	if (track_course(a->tk, &c) == 0)
		y = course_facts(L, y, &c);
	else
		y = scr_body(L, scr_str(a, "course_none"), y, a->th->text);
	y = scr_msg(L, y);
	if (store_disk_full(a->st))
		y = scr_body(L, scr_str(a, "disk_full"), y, a->th->danger_edge);
	return actions(L, y);
}

/* A new message scrolls the page, once, so that it and what follows it
 * are in view: after a wrong PIN on a landscape screen the pad's last row
 * (with OK) would otherwise sit below the edge. Never scrolls up, and
 * never past the message, which stays just under the bar. */
static void reveal_msg(lay *L)
{
	app *a = L->a;
	int max = a->vw.page_h > a->h ? a->vw.page_h - a->h : 0;
	if (a->sc.msg_seen || !a->sc.msg[0])
		return;
	a->sc.msg_seen = 1;
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (e->fixed || e->kind != EL_BOX || (strcmp(e->role, "alert") && strcmp(e->role, "status")))
			continue;
		int to = e->r.y - a->vw.bar_h - lay_px(L, 24, 0);
		float from = a->scroll.nudging ? a->scroll.target : a->scroll.offset;
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
 * min digits are in). */
int scr_pin(lay *L, int y, int slots, int min)
{
	y = entry_box(L, y, 1, slots);
	y = scr_msg(L, y);
	return keypad(L, y, (int)strlen(L->a->sc.entry) >= min);
}

const char *scr_pin_words(lay *L, const char *key)
{
	char n[8];
	snprintf(n, sizeof n, "%d", L->a->cfg.pin_len);
	return view_own(L->vw, scr_fill(scr_str(L->a, key), "{n}", n, NULL));
}

int scr_osk(lay *L, int y, int codes_only)
{
	return osk(L, y, codes_only);
}

int scr_entry(lay *L, int y, int secret, int slots)
{
	return entry_box(L, y, secret, slots);
}

int scr_after(lay *L, int y, view_el *e)
{
	return button_h(L, y, e);
}
