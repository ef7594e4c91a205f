/* SPDX-License-Identifier: MIT */
/*
 * A symptom chart: one symptom's score (0..4, in the scale's own words)
 * across the sessions of a course, as a thick line with a dot at each
 * answer. It is built from the same elements as a page (boxes, text and
 * lines), so it scrolls, fades and mirrors with the page: in Arabic time
 * runs from right to left, as the patient reads.
 *
 * The background box carries a summary in words for the semantic tree;
 * the picture itself is decoration for whoever can see it.
 */
#include "widgets.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUMMARY_MAX 300

typedef struct {
	SDL_Rect plot; /* grid lines at score 0 (bottom) to 4 (top) */
	int inset;     /* room for a dot at either end of the x axis */
	int n_sessions;
	int label_px, label_h, label_w;
} chart_geom;

static int chart_x(const chart_geom *g, int session)
{
	int span = g->plot.w - 2 * g->inset;
	return g->plot.x + g->inset + session * span / (g->n_sessions > 0 ? g->n_sessions : 1);
}

static int chart_y(const chart_geom *g, int score)
{
	return g->plot.y + g->plot.h - score * g->plot.h / 4;
}

static ren_text_metrics measure(wg *L, const char *s, int px, int w)
{
	ren_text_style st = { .px = px, .rtl = L->rtl, .line_pct = 145 };
	ren_text_metrics m = { 0 };
	ren_text_measure(L->rn, &st, s ? s : "", w, &m);
	return m;
}

/* The score wordings' column: as wide as the widest, at most 2/5 of the
 * chart (longer ones wrap); label_h is the tallest. */
static void label_column(wg *L, const wg_chart_data *d, int w, chart_geom *g)
{
	g->label_w = g->label_h = 0;
	for (int s = 0; s < 5; s++) {
		ren_text_metrics m = measure(L, d->ylabels[s], g->label_px, 0);
		if (m.w > g->label_w)
			g->label_w = m.w;
	}
	if (g->label_w > w * 2 / 5)
		g->label_w = w * 2 / 5;
	for (int s = 0; s < 5; s++) {
		ren_text_metrics m = measure(L, d->ylabels[s], g->label_px, g->label_w);
		if (m.h > g->label_h)
			g->label_h = m.h;
	}
}

/* Grid lines and the score wordings beside them. */
static void lay_grid(wg *L, const wg_chart_data *d, const chart_geom *g, int label_x)
{
	const theme *th = L->th;
	SDL_Color light = th->border, axis = th->border;
	int gw = wg_px(L, 2, 0);
	light.a = 70;
	for (int s = 0; s < 5; s++) {
		int y = chart_y(g, s);
		ren_text_metrics m = measure(L, d->ylabels[s], g->label_px, g->label_w);
		wg_box(L, "grid", (SDL_Rect){ g->plot.x, y - gw / 2, g->plot.w, s ? gw : 2 * gw },
			s ? light : axis, s ? light : axis, 0, 0);
		wg_text(L, "axis-label", d->ylabels[s], g->label_px, 0, th->muted, label_x, y - m.h / 2,
			 g->label_w, REN_ALIGN_END);
	}
	wg_box(L, "grid", (SDL_Rect){ g->plot.x - gw, g->plot.y, 2 * gw, g->plot.h }, axis, axis, 0, 0);
}

/* Session numbers never change, so their text is kept for good rather
 * than per view (a view owns only a few strings). */
static const char *number(int n)
{
	static char nums[1000][4];
	if (n < 0 || n >= 1000)
		return "";
	snprintf(nums[n], sizeof nums[n], "%d", n);
	return nums[n];
}

static void tick(wg *L, const chart_geom *g, int s, int y)
{
	const theme *th = L->th;
	int x = chart_x(g, s), w = g->label_w, tw = wg_px(L, 2, 0);
	wg_box(L, "grid", (SDL_Rect){ x - tw / 2, chart_y(g, 0), tw, wg_px(L, 10, 0) }, th->border,
		th->border, 0, 0);
	wg_text(L, "axis-label", number(s), g->label_px, 0, th->muted, x - w / 2, y, w,
		 REN_ALIGN_CENTER);
}

/* Session numbers, thinned to every 1, 2, 5, 10 ... so that neighbours
 * keep a gap; the last session is always shown. Returns their height. */
static int lay_ticks(wg *L, chart_geom *g, int y)
{
	static const int steps[] = { 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500 };
	int n = g->n_sessions, span = chart_x(g, n > 0 ? n : 1) - chart_x(g, 0), step = 1000;
	ren_text_metrics m = measure(L, number(n), g->label_px, 0);
	int need = m.w + wg_px(L, 24, 0);
	chart_geom t = *g;
	t.label_w = need;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if ((long)steps[i] * span >= (long)need * (n > 0 ? n : 1)) {
			step = steps[i];
			break;
		}
	for (int s = 0; s <= n; s += step) {
		/* The last multiple gives way to the last session when they crowd. */
		if (s < n && s + step > n && chart_x(g, n) - chart_x(g, s) < need)
			continue;
		tick(L, &t, s, y);
	}
	if (n % step)
		tick(L, &t, n, y);
	return m.h;
}

/* The last answer of each session, in session order; returns how many. */
static int chart_points(const wg_chart_data *d, int *sess, int *score)
{
	int n = 0, max = d->n_sessions > 0 ? d->n_sessions : 0;
	int *last = malloc(((size_t)max + 1) * sizeof *last);
	if (!last)
		return 0;
	for (int s = 0; s <= max; s++)
		last[s] = -1;
	for (int i = 0; i < d->n; i++)
		if (d->session[i] >= 0 && d->session[i] <= max && d->score[i] >= 0 && d->score[i] <= 4)
			last[d->session[i]] = d->score[i];
	for (int s = 0; s <= max; s++)
		if (last[s] >= 0)
			sess[n] = s, score[n++] = last[s];
	free(last);
	return n;
}

static void segment(wg *L, int x0, int y0, int x1, int y1, int w)
{
	view_el *e = view_add(L->vw, EL_LINE, "chart-line");
	if (!e)
		return;
	e->r = (SDL_Rect){ x0, y0 < y1 ? y0 : y1, x1 - x0, abs(y1 - y0) };
	e->flip = y1 < y0; /* rising: bottom-left to top-right */
	e->edge = L->th->primary;
	e->edge_w = w;
	e->fixed = L->fixed;
}

static void lay_series(wg *L, const chart_geom *g, const int *sess, const int *score, int n)
{
	const theme *th = L->th;
	int lw = wg_px(L, 6, 0), dot = wg_px(L, 20, 0);
	for (int i = 1; i < n; i++)
		segment(L, chart_x(g, sess[i - 1]), chart_y(g, score[i - 1]), chart_x(g, sess[i]),
			chart_y(g, score[i]), lw);
	for (int i = 0; i < n; i++)
		wg_box(L, "chart-point",
			(SDL_Rect){ chart_x(g, sess[i]) - dot / 2, chart_y(g, score[i]) - dot / 2, dot, dot },
			th->primary, th->surface, dot / 2, wg_px(L, 3, 0));
}

static void append(char *buf, size_t cap, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void append(char *buf, size_t cap, size_t *len, const char *fmt, ...)
{
	va_list ap;
	if (*len >= cap - 1)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(buf + *len, cap - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len = *len + (size_t)n < cap ? *len + (size_t)n : cap - 1;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* "Pain: Session 1 Mild, Session 2 None"; when that grows too long, the
 * latest answers only, after an ellipsis. */
static char *summary(const wg_chart_data *d, const int *sess, const int *score, int n, int rtl)
{
	const char *comma = rtl ? "،" : ",";
	char buf[SUMMARY_MAX + 64] = "";
	size_t len = 0, used = strlen(or_empty(d->title)) + 6;
	int first = n;
	for (; first > 0; first--) {
		size_t add = strlen(or_empty(d->xlabel)) + strlen(or_empty(d->ylabels[score[first - 1]])) + 8;
		if (used + add > SUMMARY_MAX)
			break;
		used += add;
	}
	append(buf, sizeof buf, &len, "%s:%s%s", or_empty(d->title), first > 0 ? " …" : "",
	       first > 0 ? comma : "");
	for (int i = first; i < n; i++)
		append(buf, sizeof buf, &len, "%s %s %d %s", i > first ? comma : "", or_empty(d->xlabel),
		       sess[i], or_empty(d->ylabels[score[i]]));
	return mk_strdup(buf);
}

/* The plot under the title at y: the wordings' column on the start side,
 * the session numbers and the axis name below, each point's dot inside. */
static void chart_geometry(wg *L, SDL_Rect area, const wg_chart_data *d, int y, chart_geom *g)
{
	int pad = wg_px(L, 24, 0), gap = wg_px(L, 12, 0);
	label_column(L, d, area.w - 2 * pad, g);
	ren_text_metrics xl = measure(L, d->xlabel, g->label_px, 0);
	ren_text_metrics last = measure(L, number(g->n_sessions), g->label_px, 0);
	int below = wg_px(L, 10, 0) + g->label_h + gap + xl.h + pad;
	int min_h = 4 * (g->label_h + wg_px(L, 8, 0)); /* wordings never touch */
	g->plot.x = area.x + pad + g->label_w + gap;
	g->plot.w = area.x + area.w - pad - g->plot.x;
	g->plot.y = y + g->label_h / 2;
	g->plot.h = area.y + area.h - below - g->plot.y;
	if (g->plot.h < min_h)
		g->plot.h = min_h;
	g->inset = wg_px(L, 16, 0);
	if (g->inset < last.w / 2 + wg_px(L, 4, 0))
		g->inset = last.w / 2 + wg_px(L, 4, 0);
}

int wg_chart(wg *L, SDL_Rect area, const wg_chart_data *d)
{
	const theme *th = L->th;
	int pad = wg_px(L, 24, 0), gap = wg_px(L, 12, 0), y = area.y + pad, bg = L->vw->n;
	int max = d->n_sessions > 0 ? d->n_sessions : 0, *sess, *score, n;
	chart_geom g = { .n_sessions = max, .label_px = wg_px(L, SZ_SMALL, 1) };
	if (!wg_box(L, "chart", area, th->surface, th->border, wg_px(L, 16, 0), wg_px(L, 2, 0)))
		return 0;
	y += wg_text(L, "heading", d->title, wg_px(L, 34, 1), 1, th->text, area.x + pad, y,
		      area.w - 2 * pad, REN_ALIGN_START) + gap;
	chart_geometry(L, area, d, y, &g);
	lay_grid(L, d, &g, area.x + pad);
	y = chart_y(&g, 0) + wg_px(L, 10, 0);
	y += lay_ticks(L, &g, y) + gap;
	y += wg_text(L, "axis-label", d->xlabel, g.label_px, 0, th->muted, g.plot.x, y, g.plot.w,
		      REN_ALIGN_CENTER) + pad;
	sess = malloc(((size_t)max + 1) * sizeof *sess);
	score = malloc(((size_t)max + 1) * sizeof *score);
	n = sess && score ? chart_points(d, sess, score) : 0;
	lay_series(L, &g, sess, score, n);
	L->vw->v[bg].r.h = y - area.y;
	L->vw->v[bg].text = view_own(L->vw, summary(d, sess, score, n, L->rtl));
	free(sess);
	free(score);
	return y - area.y;
}
