/* SPDX-License-Identifier: MIT */
/*
 * My course, the signed-in patient's home: the plan, the session reached
 * and when the last and next ones are, the sessions as a row of circles,
 * and the next steps (how I feel, my progress, a photo, my photos, sign
 * out). With the disk full, what would save something is off.
 */
#include "screens.h"
#include <stdio.h>
#include <string.h>

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
		SDL_Rect r = { scr_left(L) + (i % per_row) * (d + gap), y + (i / per_row) * (d + gap), d, d };
		view_el *b = lay_box(L, done ? "session-done" : next ? "session-next" : "session", r,
				     done ? th->primary : th->surface, next ? th->primary : th->border, d / 2,
				     lay_px(L, next ? 5 : 2, 0));
		char *num = mk_asprintf("%d", i + 1);
		int label;
		if (b) /* the heading says how far the course is: a reading passes the
			* circles by, a finger on one hears "Session 3, done" */
			b->text = view_own(L->vw, num), b->finger_only = 1;
		ren_text_style st = { .px = lay_px(L, 26, 0), .bold = 1 };
		ren_text_metrics m = { 0 };
		ren_text_measure(a->rn, &st, b ? b->text : "", 0, &m);
		label = L->vw->n;
		lay_text(L, "label", b ? b->text : "", st.px, 1, done ? th->on_primary : th->text, r.x,
			 r.y + (d - m.h) / 2, d, REN_ALIGN_CENTER);
		if (L->vw->n > label)
			L->vw->v[label].finger_only = 1;
	}
	int rows = (c->sessions_planned + per_row - 1) / per_row;
	return y + rows * (d + gap) + lay_px(L, 24, 0);
}

static int course_facts(lay *L, int y, const store_course *c)
{
	app *a = L->a;
	char n1[16], n2[16], g[16], last[SCR_DATE_MAX], next[SCR_DATE_MAX];
	int pi = content_plan_index(a->m, c->plan);
	const char *name = pi >= 0 ? content_tr(a->m, &a->m->plans[pi].name, a->lang) : c->plan;
	snprintf(n1, sizeof n1, "%d", c->sessions_done);
	snprintf(n2, sizeof n2, "%d", c->sessions_planned);
	snprintf(g, sizeof g, "%d", c->grade);
	y = scr_body(L, name, y, a->th->muted);
	y += lay_text(L, "heading", view_own(L->vw, scr_fill(scr_str(a, "course_session"), "{done}", n1,
								 "{total}", n2, NULL)),
		      lay_px(L, SZ_H2, 1), 1, a->th->text, scr_left(L), y, scr_width(L), REN_ALIGN_START);
	y += lay_px(L, 20, 1);
	const char *area = c->area;
	for (int i = 0; i < CONTENT_AREA_COUNT; i++)
		if (!strcmp(c->area, content_area_name((content_area)i)) && a->m->q.present)
			area = content_tr(a->m, &a->m->q.area_names[i], a->lang);
	y = scr_body(L, view_own(L->vw, scr_fill(scr_str(a, "course_grade"), "{grade}", g, "{area}", area,
						 NULL)), y, a->th->text);
	int64_t last_at = c->started_at;
	if (c->sessions_done > 0 && store_session_last(a->st, c->uuid, &last_at) == 0) {
		scr_date(a, last_at, last);
		y = scr_body(L, view_own(L->vw, scr_fill(scr_str(a, "course_last"), "{date}", last, NULL)), y,
			     a->th->text);
	}
	if (c->sessions_done < c->sessions_planned) {
		scr_date(a, last_at + (c->sessions_done > 0 ? (int64_t)c->interval_days * 86400 : 0), next);
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
	return scr_after(L, y, scr_button(L, scr_str(a, "sign_out"), y, 0, ACT_FLOW, F_SIGN_OUT));
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
