/* SPDX-License-Identifier: MIT */
/*
 * My progress: one chart per symptom the patient has ever reported, across
 * the sessions of their course, then the list of their reports. The
 * history is decrypted with their key when the screen is laid out and
 * lives in the track object, which sign-out wipes; the point arrays here
 * are on the stack.
 */
#include "screens.h"
#include <stdio.h>
#include <string.h>

#define CHART_MAX_POINTS TRACK_MAX_REPORTS

static const char *tr(lay *L, const content_text *t)
{
	return content_tr(L->a->m, t, L->a->lang);
}

/* The chart's words for scores 0..4: the item's own scale. */
static void ylabels(lay *L, const content_scale *sc, const char *out[5])
{
	for (int s = 0; s < 5; s++)
		out[s] = "";
	for (int k = 0; k < sc->n_options; k++)
		if (sc->scores[k] >= 0 && sc->scores[k] <= 4)
			out[sc->scores[k]] = tr(L, &sc->options[k]);
}

static int charts(lay *L, int y, const track_past *past, int n, int n_sessions)
{
	app *a = L->a;
	const content_questionnaire *q = &a->m->q;
	int landscape = a->w > a->h, gap = lay_px(L, 32, 0);
	int full = a->w - 2 * scr_margin(L), cw = landscape ? (full - gap) / 2 : full;
	int ch = lay_px(L, 420, 0), col = 0, drawn = 0;
	for (int i = 0; i < q->n_items && i < TRACK_MAX_ITEMS; i++) {
		int xs[CHART_MAX_POINTS], ys[CHART_MAX_POINTS], k = 0, any = 0;
		for (int r = 0; r < n && k < CHART_MAX_POINTS; r++) {
			if (past[r].scores[i] < 0)
				continue;
			xs[k] = past[r].session;
			ys[k] = past[r].scores[i];
			any |= ys[k] > 0;
			k++;
		}
		if (!any) /* never reported: a flat line at "None" helps no one */
			continue;
		scr_chart_data d = { .title = tr(L, &q->items[i].short_name), .xlabel = scr_str(a, "session"),
				      .n_sessions = n_sessions, .n = k, .session = xs, .score = ys };
		ylabels(L, &q->scales[q->items[i].scale], d.ylabels);
		int x = scr_margin(L) + col * (cw + gap);
		int h = scr_chart(L, (SDL_Rect){ x, y, cw, ch }, &d);
		drawn++;
		if (landscape && col == 0) {
			col = 1;
			continue;
		}
		col = 0;
		y += (h > ch ? h : ch) + gap;
	}
	if (col == 1)
		y += ch + gap;
	if (!drawn && n)
		y = scr_body(L, scr_str(a, "progress_all_none"), y, a->th->text);
	return y;
}

static int report_list(lay *L, int y, const track_past *past, int n)
{
	app *a = L->a;
	if (!n)
		return y;
	y += lay_text(L, "heading", scr_str(a, "past_reports"), lay_px(L, SZ_H2, 1), 1, a->th->text,
		      (a->w - scr_width(L)) / 2, y, scr_width(L), REN_ALIGN_START) + lay_px(L, 20, 1);
	for (int r = n - 1; r >= 0; r--) { /* newest first */
		char date[SCR_DATE_MAX], s[16];
		scr_date(a, past[r].at, date);
		snprintf(s, sizeof s, "%d", past[r].session);
		char *line = scr_fill(scr_str(a, past[r].alert_level ? "report_line_flag" : "report_line"),
				      "{date}", date, "{n}", s, NULL);
		y = scr_body(L, view_own(L->vw, line), y, a->th->text);
	}
	return y;
}

int scr_view_progress(lay *L, int y)
{
	app *a = L->a;
	const track_past *past = NULL;
	store_course c;
	int n = 0, sessions = 1;
	if (track_history(a->tk, &past, &n) != 0)
		y = scr_body(L, scr_str(a, "save_failed"), y, a->th->danger_edge);
	if (track_course(a->tk, &c) == 0)
		sessions = c.sessions_planned;
	for (int r = 0; r < n; r++)
		if (past[r].session > sessions)
			sessions = past[r].session;
	if (!n)
		y = scr_body(L, scr_str(a, "progress_none"), y, a->th->text);
	y = charts(L, y, past, n, sessions);
	y = report_list(L, y, past, n);
	return scr_after(L, y, scr_button(L, scr_str(a, "course_title"), y, 1, ACT_FLOW, F_COURSE));
}
