/* SPDX-License-Identifier: MIT */
/*
 * One question of the report on a screen, with every answer in view.
 *
 * A patient who cannot see "Very severe" does not know to scroll for it,
 * and may take the last answer they see for the worst one. So a question
 * and all its answers must fit the window, at every size the kiosk runs
 * at (1920x1080, 1080x1920, 1280x800), every text size (100 to 160%) and
 * in every language. Text is never made smaller for it; the layout gives
 * way instead, in this order, and keeps the first that fits:
 *
 *   1. the usual column: one answer under the other;
 *   2. the same with less space between the answers;
 *   3. the answers in two, then three ... columns across the column,
 *      as long as each label still fits its button;
 *   4. then the same again with a compact heading: "Question 3 of 17"
 *      and "Since your last session" share a line where they fit, and the
 *      question and the answers run across the whole screen.
 *
 * Each try is laid out for real and measured, then taken back; so what
 * is measured is exactly what is shown. The last try stays when nothing
 * fits (content that asks too much), and --check's fit problems say so.
 */
#include "screens.h"
#include <stdio.h>
#include <string.h>

typedef struct {
	int compact; /* the heading on fewer lines, the question across the screen */
	int cols;    /* columns of answers */
	int tight;   /* less space between answers */
} q_fit;

static const content_questionnaire *qn(lay *L)
{
	return &L->a->m->q;
}

static const char *tr(lay *L, const content_text *t)
{
	return content_tr(L->a->m, t, L->a->lang);
}

/* The whole width between the margins. */
static int full_w(lay *L)
{
	return L->a->w - 2 * scr_margin(L);
}

/* Width of s on one line in body text. */
static int body_w(lay *L, const char *s)
{
	ren_text_style st = { .px = lay_px(L, SZ_BODY, 1), .rtl = L->rtl, .line_pct = 145 };
	ren_text_metrics m = { 0 };
	ren_text_measure(L->a->rn, &st, s, 0, &m);
	return m.w;
}

/* "Question 3 of 17", "Since your last session" and the question. The
 * compact heading puts the first two on one line when they fit there,
 * with less space under each, and the question across the screen. */
static int heading(lay *L, int y, const char *progress, const char *question, int compact)
{
	app *a = L->a;
	const char *recall = tr(L, &qn(L)->recall);
	if (!compact) {
		y = scr_body(L, progress, y, a->th->muted);
		y = scr_body(L, recall, y, a->th->muted);
		return scr_title(L, question, y);
	}
	int x = scr_margin(L), w = full_w(L), gap = lay_px(L, 32, 1), pw = body_w(L, progress), h;
	int px = lay_px(L, SZ_BODY, 1), after = lay_px(L, 12, 1);
	if (pw + gap + body_w(L, recall) <= w) {
		h = lay_text(L, "text", progress, px, 0, a->th->muted, x, y, pw, REN_ALIGN_START);
		lay_text(L, "text", recall, px, 0, a->th->muted, x + pw + gap, y, w - pw - gap, REN_ALIGN_START);
		y += h + after;
	} else {
		y += lay_text(L, "text", progress, px, 0, a->th->muted, x, y, w, REN_ALIGN_START) + after;
		y += lay_text(L, "text", recall, px, 0, a->th->muted, x, y, w, REN_ALIGN_START) + after;
	}
	return y + lay_text(L, "title", question, lay_px(L, SZ_H1, 1), 1, a->th->text, x, y, w, REN_ALIGN_START) +
	       lay_px(L, 16, 1);
}

/* 1 when every label of the scale fits a button w wide on at most two
 * lines, no word cut. */
static int labels_fit(lay *L, const content_scale *sc, int w)
{
	ren_text_style st = { .px = lay_px(L, SZ_BUTTON_TEXT, 1), .bold = 1, .rtl = L->rtl, .line_pct = 125 };
	for (int k = 0; k < sc->n_options; k++) {
		ren_text_metrics m = { 0 };
		ren_text_measure(L->a->rn, &st, tr(L, &sc->options[k]), w - 2 * lay_px(L, 24, 0), &m);
		if (m.overflow || m.lines > 2)
			return 0;
	}
	return 1;
}

/* Gives answer button b the height h, its label centred again: in a row,
 * one answer that wraps must not leave its neighbours looking short. */
static void row_height(view *vw, int b, int h)
{
	vw->v[b + 1].r.y += (h - vw->v[b].r.h) / 2; /* the label follows its button */
	vw->v[b].r.h = h;
}

/* The answers from y in f.cols columns across the heading's width (one:
 * the usual column of main buttons); returns the bottom of the last, or -1 when a label does not
 * fit its column. */
static int answers(lay *L, int y, const content_scale *sc, int item, q_fit f)
{
	app *a = L->a;
	int gap = lay_px(L, f.tight ? 12 : 24, 0), one = f.cols == 1;
	int span = f.compact ? full_w(L) : scr_width(L), x = f.compact ? scr_margin(L) : scr_left(L);
	int w = one ? scr_button_w(L) : (span - (f.cols - 1) * gap) / f.cols, first = a->vw.n, bottom = y;
	if (!one && !labels_fit(L, sc, w))
		return -1;
	for (int k = 0; k < sc->n_options; k++) {
		int col = k % f.cols, chosen = track_draft(a->tk)->scores[item] == sc->scores[k];
		view_el *e = lay_button(L, "choice", tr(L, &sc->options[k]),
					(SDL_Rect){ x + col * (w + gap), y, w, lay_px(L, SZ_BUTTON_H, 0) },
					lay_px(L, SZ_BUTTON_TEXT, 1), chosen, ACT_ANSWER);
		if (!e)
			return -1;
		e->arg = k;
		if (col < f.cols - 1 && k < sc->n_options - 1)
			continue;
		/* The row is done: as high as its highest answer. */
		int row = a->vw.n, h = 0;
		for (int i = first; i < row; i += 2)
			h = a->vw.v[i].r.h > h ? a->vw.v[i].r.h : h;
		for (int i = first; i < row; i += 2)
			row_height(L->vw, i, h);
		bottom = y + h;
		y = bottom + gap;
		first = row;
	}
	return bottom;
}

/* The ways to lay out a question, from the roomiest to the most compact. */
static int next_fit(q_fit *f, int n_options)
{
	if (!f->tight) {
		f->tight = 1;
	} else if (f->cols < n_options) {
		f->cols++;
		f->tight = 0;
	} else if (!f->compact) {
		*f = (q_fit){ 1, 1, 1 };
	} else {
		return 0;
	}
	return 1;
}

int scr_view_item(lay *L, int y)
{
	app *a = L->a;
	int i = a->sc.item, pos, total, top = y, first = a->vw.n, bottom;
	char p1[16], p2[16];
	if (i < 0 || i >= qn(L)->n_items)
		return y;
	const content_item *it = &qn(L)->items[i];
	const content_scale *sc = &qn(L)->scales[it->scale];
	track_item_position(a->tk, i, &pos, &total);
	snprintf(p1, sizeof p1, "%d", pos);
	snprintf(p2, sizeof p2, "%d", total);
	const char *progress = pos ? view_own(L->vw, scr_fill(scr_str(a, "question_of"), "{n}", p1, "{total}", p2,
							       NULL))
				   : scr_str(a, "question_follow_up");
	int room = a->h - lay_px(L, 16, 0); /* the last answer ends above it */
	q_fit f = { 0, 1, 0 };
	do {
		a->vw.n = first; /* the try before, taken back */
		y = heading(L, top, progress, tr(L, &it->text), f.compact);
		bottom = answers(L, y, sc, i, f);
	} while ((bottom < 0 || bottom > room) && next_fit(&f, sc->n_options));
	if (bottom < 0) { /* no columns fit the labels: the usual column */
		a->vw.n = first;
		f = (q_fit){ 1, 1, 1 };
		bottom = answers(L, heading(L, top, progress, tr(L, &it->text), 1), sc, i, f);
	}
	/* All in view: no scroll bar promising more below. */
	y = bottom + lay_px(L, 24, 0);
	return y + scr_margin(L) > a->h && bottom <= room ? a->h - scr_margin(L) : y;
}
