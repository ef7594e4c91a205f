/* SPDX-License-Identifier: MIT */
/*
 * Layout of the symptom report: the body outline to mark the treated
 * areas, one question a screen (question_view.c), an optional
 * note on the on-screen keyboard of the patient's language, a review where
 * any answer can be changed, and then either "saved" or the calm full-screen
 * red-flag instruction. Questions, answers and rules come from
 * questionnaire.lua; only the frame is here.
 */
#include "screens.h"
#include <stdio.h>
#include <string.h>

static const content_questionnaire *qn(lay *L)
{
	return &L->a->m->q;
}

static const char *tr(lay *L, const content_text *t)
{
	return content_tr(L->a->m, t, L->a->lang);
}

static int x0(lay *L)
{
	return (L->a->w - scr_width(L)) / 2;
}

int scr_view_areas(lay *L, int y)
{
	app *a = L->a;
	const char *labels[CONTENT_AREA_COUNT];
	int h;
	for (int i = 0; i < CONTENT_AREA_COUNT; i++)
		labels[i] = tr(L, &qn(L)->area_names[i]);
	y = scr_body(L, scr_str(a, "areas_hint"), y, a->th->muted);
	/* The outline fills what the screen has left above Next. */
	h = a->h - y - lay_px(L, SZ_BUTTON_H + 24 + SZ_MARGIN, 0);
	if (h < lay_px(L, 480, 0))
		h = lay_px(L, 480, 0);
	y += scr_body_map(L, (SDL_Rect){ x0(L), y, scr_width(L), h }, qn(L)->body_image,
		       track_draft(a->tk)->areas, labels, ACT_AREA) + lay_px(L, 24, 0);
	view_el *e = scr_button(L, scr_str(a, "next"), y, 1, ACT_FLOW, F_NEXT);
	if (e)
		e->enabled = track_draft(a->tk)->areas != 0;
	return scr_after(L, y, e);
}

int scr_view_note(lay *L, int y)
{
	app *a = L->a;
	y = scr_body(L, scr_str(a, "note_hint"), y, a->th->muted);
	y = scr_entry(L, y, 0, 0);
	y = scr_osk(L, y, 0);
	int w = scr_width(L), bw = (w - lay_px(L, 24, 0)) / 2;
	view_el *skip = lay_button(L, "button", scr_str(a, "skip"),
				   (SDL_Rect){ x0(L), y, bw, lay_px(L, SZ_BUTTON_H, 0) },
				   lay_px(L, SZ_BUTTON_TEXT, 1), 0, ACT_FLOW);
	if (skip)
		skip->arg = F_SKIP_NOTE;
	view_el *next = lay_button(L, "button", scr_str(a, "next"),
				   (SDL_Rect){ x0(L) + bw + lay_px(L, 24, 0), y, bw, lay_px(L, SZ_BUTTON_H, 0) },
				   lay_px(L, SZ_BUTTON_TEXT, 1), 1, ACT_FLOW);
	if (next)
		next->arg = F_NEXT;
	return scr_after(L, y, next);
}

/* The option's words for a score, or "" when the scale has none. */
static const char *score_words(lay *L, const content_scale *sc, int score)
{
	for (int k = 0; k < sc->n_options; k++)
		if (sc->scores[k] == score)
			return tr(L, &sc->options[k]);
	return "";
}

/* Gives answer button b the height h, its label centred again: in a row of
 * two, one answer that wraps must not leave its neighbour looking short. */
static void row_height(view *vw, int b, int h)
{
	vw->v[b + 1].r.y += (h - vw->v[b].r.h) / 2; /* the label follows its button */
	vw->v[b].r.h = h;
}

/* The answers as buttons, two columns on a wide screen, each leading back
 * to its question. */
static int answers(lay *L, int y)
{
	app *a = L->a;
	track_report *d = track_draft(a->tk);
	int two = a->w > a->h, gap = lay_px(L, 24, 0), full = a->w - 2 * scr_margin(L);
	int w = two ? (full - gap) / 2 : scr_width(L), x = two ? scr_margin(L) : x0(L), col = 0, h = 0;
	int left = 0;
	for (int i = track_next_item(a->tk, -1); i >= 0; i = track_next_item(a->tk, i)) {
		const content_item *it = &qn(L)->items[i];
		const char *ans = d->scores[i] >= 0 ? score_words(L, &qn(L)->scales[it->scale], d->scores[i])
						    : scr_str(a, "no_answer");
		char *line = scr_fill(scr_str(a, "answer_line"), "{item}", tr(L, &it->short_name), "{answer}", ans,
				      NULL);
		view_el *e = lay_button(L, "answer", view_own(L->vw, line),
					(SDL_Rect){ x + col * (w + gap), y, w, lay_px(L, 88, 0) },
					lay_px(L, SZ_BODY, 1), 0, ACT_EDIT);
		if (!e)
			break;
		e->arg = i;
		if (e->r.h > h)
			h = e->r.h;
		if (two && col == 0) {
			col = 1;
			left = (int)(e - a->vw.v);
			continue;
		}
		if (two) {
			row_height(L->vw, left, h);
			row_height(L->vw, (int)(e - a->vw.v), h);
		}
		col = 0;
		y += h + lay_px(L, 16, 0);
		h = 0;
	}
	return y + h + (h ? lay_px(L, 16, 0) : 0);
}

/* The main action stays in view at the bottom, over the page, with the
 * screen's message just above it: a refused save must show where the
 * patient just tapped, not below answers they would have to scroll to.
 * Laid out from 0, then moved down, so a label that wraps at large text
 * grows the bar instead of running off the screen. */
static int action_bar(lay *L, int y, const char *label, int arg)
{
	app *a = L->a;
	int pad = lay_px(L, 20, 0), w = scr_button_w(L), first = a->vw.n, top, h;
	L->fixed = 1;
	lay_box(L, "bar", (SDL_Rect){ 0, 0, a->w, 0 }, a->th->bar, a->th->border, 0, 0);
	h = scr_msg(L, pad);
	view_el *e = lay_button(L, "button", label, (SDL_Rect){ (a->w - w) / 2, h, w, lay_px(L, SZ_BUTTON_H, 0) },
				lay_px(L, SZ_BUTTON_TEXT, 1), 1, ACT_FLOW);
	if (e) {
		e->arg = arg;
		h = e->r.y + e->r.h;
	}
	h += pad;
	top = a->h - h;
	for (int i = first; i < a->vw.n; i++)
		a->vw.v[i].r.y += top;
	a->vw.v[first].r.h = h;
	L->fixed = 0;
	return y + h;
}

/* The saved note reads in its own direction, as it did while typed: an
 * English note on the Arabic review runs left to right. */
static int note_body(lay *L, const char *note, int y)
{
	int rtl = L->rtl;
	L->rtl = ren_text_rtl(note, rtl);
	y = scr_body(L, note, y, L->a->th->text);
	L->rtl = rtl;
	return y;
}

int scr_view_review(lay *L, int y)
{
	app *a = L->a;
	track_report *d = track_draft(a->tk);
	y = scr_body(L, scr_str(a, "review_hint"), y, a->th->muted);
	y = answers(L, y);
	if (d->note[0]) {
		y = scr_body(L, scr_str(a, "note_label"), y, a->th->muted);
		y = note_body(L, d->note, y);
	}
	return action_bar(L, y, scr_str(a, "confirm"), F_CONFIRM);
}

/* Before signing out or going Home from a report with unsaved answers:
 * what would be lost, keeping them first (the primary button), leaving
 * second, each saying what it does. */
int scr_view_leave(lay *L, int y)
{
	app *a = L->a;
	int out = a->sc.leave_to == F_SIGN_OUT;
	y = scr_body(L, scr_str(a, out ? "leave_body_signout" : "leave_body_home"), y, a->th->text);
	y = scr_after(L, y, scr_button(L, scr_str(a, "leave_keep"), y, 1, ACT_FLOW, F_LEAVE_KEEP));
	return scr_after(L, y, out ? scr_button(L, scr_str(a, "leave_signout"), y, 0, ACT_FLOW, F_LEAVE_GO)
				   : scr_button(L, scr_str(a, "leave_home"), y, 0, ACT_HOME, 0));
}

/* "Call a member of staff", where the kiosk sends to a clinic (nobody
 * would hear the call otherwise); once called, the same place says so, so
 * nothing is there to call twice. */
static int flag_call(lay *L, int y)
{
	app *a = L->a;
	if (!a->sync)
		return y;
	if (!a->sc.called) { /* with what went wrong, if a call failed */
		y = scr_msg(L, y);
		return scr_after(L, y, scr_button(L, scr_str(a, "flag_call"), y, 1, ACT_FLOW, F_CALL_STAFF));
	}
	int pad = lay_px(L, 20, 0), w = scr_button_w(L), first = a->vw.n, h;
	lay_box(L, "status", (SDL_Rect){ scr_left(L), y, w, 0 }, a->th->info_bg, a->th->info_edge,
		lay_px(L, 12, 0), lay_px(L, 3, 0));
	h = lay_text(L, "text", scr_str(a, "flag_called"), lay_px(L, SZ_BUTTON_TEXT, 1), 1, a->th->text,
		     scr_left(L) + pad, y + pad, w - 2 * pad, REN_ALIGN_CENTER) + 2 * pad;
	if (h < lay_px(L, SZ_BUTTON_H, 0)) { /* the button's height: nothing below moves */
		a->vw.v[first + 1].r.y += (lay_px(L, SZ_BUTTON_H, 0) - h) / 2;
		h = lay_px(L, SZ_BUTTON_H, 0);
	}
	a->vw.v[first].r.h = h;
	a->vw.v[first].text = scr_str(a, "flag_called");
	return y + h + lay_px(L, 24, 0);
}

/* The rule's box: what to do now, the numbers to call, and that the
 * answers are kept. Returns y below it. */
static int flag_box(lay *L, int y, const content_rule *rule)
{
	app *a = L->a;
	const theme *th = a->th;
	int emergency = rule->level == CONTENT_FLAG_EMERGENCY, pad = lay_px(L, 40, 0);
	int first = a->vw.n, w = scr_width(L), top = y;
	lay_box(L, emergency ? "emergency" : "alert", (SDL_Rect){ x0(L), y, w, 0 },
		emergency ? th->danger_bg : th->warn_bg, emergency ? th->danger_edge : th->warn_edge,
		lay_px(L, 24, 0), lay_px(L, 6, 0));
	y += pad;
	y += lay_text(L, "title", tr(L, &rule->title), lay_px(L, SZ_H1, 1), 1, th->text, x0(L) + pad, y,
		      w - 2 * pad, REN_ALIGN_START) + lay_px(L, 28, 1);
	y += lay_text(L, "text", tr(L, &rule->message), lay_px(L, 36, 1), 0, th->text, x0(L) + pad, y,
		      w - 2 * pad, REN_ALIGN_START) + lay_px(L, 28, 1);
	/* The numbers to call, large: kiosk.conf's, or "ask at the front desk". */
	static const char *const phones[2][3] = {
		{ "flag_phone_clinic", "flag_phone_out_of_hours", NULL },
		{ "flag_phone_emergency", "flag_phone_clinic", "flag_phone_out_of_hours" },
	};
	for (int k = 0; k < 3 && phones[emergency][k]; k++)
		y += lay_text(L, "phone", scr_str(a, phones[emergency][k]), lay_px(L, 36, 1), 1, th->text,
			      x0(L) + pad, y, w - 2 * pad, REN_ALIGN_START) + lay_px(L, 8, 1);
	y += lay_px(L, 20, 1);
	y += lay_text(L, "text", scr_str(a, "flag_saved"), lay_px(L, SZ_BODY, 1), 0, th->text, x0(L) + pad,
		      y, w - 2 * pad, REN_ALIGN_START) + pad;
	a->vw.v[first].r.h = y - top;
	a->vw.v[first].text = tr(L, &rule->title);
	return y + lay_px(L, 32, 0);
}

/* A calm, full-screen instruction: what to do now, nothing else to read.
 * The call for staff comes after the box where all of it fits the
 * screen, and before it where it would not (160% text: it was below the
 * edge), so the one thing to tap is always in view. */
int scr_view_flag(lay *L, int y)
{
	app *a = L->a;
	int r = a->sc.rule, first = a->vw.n, top = y, call;
	if (r < 0 || r >= qn(L)->n_rules)
		return y;
	const content_rule *rule = &qn(L)->rules[r];
	y = flag_box(L, top, rule);
	call = a->vw.n;
	y = flag_call(L, y);
	if (a->sync && call < a->vw.n && a->vw.v[a->vw.n - 1].r.y + a->vw.v[a->vw.n - 1].r.h > a->h) {
		a->vw.n = first; /* taken back: the call first */
		y = flag_box(L, flag_call(L, top), rule);
	}
	/* Second to the call where there is one: one main action a screen. */
	return scr_after(L, y, scr_button(L, scr_str(a, "flag_done"), y, !a->sync, ACT_FLOW, F_DONE));
}

int scr_view_saved(lay *L, int y)
{
	app *a = L->a;
	y = scr_body(L, scr_str(a, "saved_body"), y, a->th->text);
	y = scr_after(L, y, scr_button(L, scr_str(a, "progress_button"), y, 0, ACT_FLOW, F_PROGRESS));
	return scr_after(L, y, scr_button(L, scr_str(a, "done"), y, 1, ACT_FLOW, F_DONE));
}

