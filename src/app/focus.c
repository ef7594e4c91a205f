/* SPDX-License-Identifier: MIT */
/*
 * The keyboard's focus: a USB keypad or keyboard works every screen. Tab
 * and Shift+Tab, or the arrows, move a ring from control to control in the
 * order a person reads them (top to bottom, then along the line: left to
 * right, right to left in Arabic); Enter, the keypad's Enter or Space
 * activates the control as a tap on it would (act.c, through the same
 * tap guard); Escape does what Back does where Back is on screen.
 *
 * The ring shows only once a key is pressed and goes on a touch, so the
 * touch kiosk looks as it always did. Focus is kept as the control's
 * meaning (its action, argument and label), not as an index into the view,
 * because every relayout rebuilds the view: a new language or a typed
 * digit keeps the ring on the same control, and a new screen (the
 * screen's shown time changed) starts at its first control.
 */
#include "app.h"
#include <stdio.h>
#include <string.h>

#define FOCUS_MAX 512

/* The screen the focus belongs to: a new one starts at its first control. */
uint64_t focus_screen_key(const app *a)
{
	return a->sc.shown_ms * 131u + (uint64_t)a->sc.id * 17u + (uint64_t)a->overlay * 7u +
	       (uint64_t)(a->page + 1);
}

/* 0: the top bar, 1: the page, 2: other fixed elements (a dialog). */
static int band(const app *a, const view_el *e)
{
	if (!e->fixed)
		return 1;
	return e->r.y < a->vw.bar_h ? 0 : 2;
}

static int reachable(const app *a, int i)
{
	const view_el *e = &a->vw.v[i];
	wg_frame f = app_frame(a);
	if (e->act == ACT_NONE || !e->enabled || e->finger_only || e->r.w <= 0 || e->r.h <= 0)
		return 0;
	if (!e->fixed) /* the page: reachable by scrolling, unless covered */
		return f.page == WG_PAGE_SHOWN;
	return wg_visible(&a->vw, &f, i, NULL);
}

/* Before, in reading order, ignoring lines: band, then top. */
static int above(const app *a, int i, int j)
{
	const view_el *x = &a->vw.v[i], *y = &a->vw.v[j];
	int bx = band(a, x), by = band(a, y);
	return bx != by ? bx < by : x->r.y < y->r.y;
}

/* Along a line: by centre, right to left in a right-to-left language. */
static int before_on_line(const app *a, int i, int j)
{
	int cx = a->vw.v[i].r.x * 2 + a->vw.v[i].r.w, cy = a->vw.v[j].r.x * 2 + a->vw.v[j].r.w;
	return a->m && a->m->rtl[a->lang] ? cx > cy : cx < cy;
}

static void sort_by(const app *a, int *v, int n, int (*less)(const app *, int, int))
{
	for (int i = 1; i < n; i++) /* insertion sort: stable, and n is small */
		for (int j = i; j > 0 && less(a, v[j], v[j - 1]); j--) {
			int t = v[j];
			v[j] = v[j - 1], v[j - 1] = t;
		}
}

/* A dialog dims what is under it: only what is drawn above the dim is
 * there to use. */
int focus_first_el(const app *a)
{
	return view_top_from(&a->vw);
}

int focus_order(const app *a, int *out, int max)
{
	int n = 0;
	for (int i = focus_first_el(a); i < a->vw.n && n < max; i++)
		if (reachable(a, i))
			out[n++] = i;
	sort_by(a, out, n, above);
	/* A control whose top is above the middle of a line's first control
	 * is on that line (a row of buttons of different heights). */
	for (int s = 0; s < n;) {
		const view_el *first = &a->vw.v[out[s]];
		int e = s + 1;
		while (e < n && band(a, &a->vw.v[out[e]]) == band(a, first) &&
		       a->vw.v[out[e]].r.y < first->r.y + first->r.h / 2)
			e++;
		sort_by(a, out + s, e - s, before_on_line);
		s = e;
	}
	return n;
}

static int same_as(const view_el *p, const view_el *q)
{
	return p->act == q->act && p->arg == q->arg && p->arg2 == q->arg2 &&
	       !strcmp(p->text ? p->text : "", q->text ? q->text : "");
}

static int same_control(const app *a, int i, int by_label)
{
	const view_el *e = &a->vw.v[i];
	const struct app_loop *l = a->loop;
	if (e->act != l->focus_act || e->arg != l->focus_arg || e->arg2 != l->focus_arg2)
		return 0;
	return !by_label || !strcmp(e->text ? e->text : "", l->focus_label);
}

/* Which of the controls that mean the same (a Close at the top of a
 * screen and another at its foot) k is, counting in order. */
static int occurrence(const app *a, const int *order, int k)
{
	int nth = 0;
	for (int j = 0; j < k; j++)
		nth += same_as(&a->vw.v[order[j]], &a->vw.v[order[k]]);
	return nth;
}

void focus_note(app *a, const view_el *e)
{
	struct app_loop *l = a->loop;
	int order[FOCUS_MAX], n = focus_order(a, order, FOCUS_MAX);
	l->focus_act = e->act, l->focus_arg = e->arg, l->focus_arg2 = e->arg2;
	snprintf(l->focus_label, sizeof l->focus_label, "%s", e->text ? e->text : "");
	l->focus_screen = focus_screen_key(a);
	l->focus_nth = 0;
	for (int k = 0; k < n; k++)
		if (same_as(&a->vw.v[order[k]], e) && SDL_RectEquals(&a->vw.v[order[k]].r, &e->r) &&
		    a->vw.v[order[k]].fixed == e->fixed)
			l->focus_nth = occurrence(a, order, k);
}

static void remember(app *a, const int *order, int k)
{
	focus_note(a, &a->vw.v[order[k]]);
	a->loop->focus_nth = occurrence(a, order, k);
}

/* Position in order of the focused control; the first control of a new
 * screen, or when the control has gone. -1 when the screen has none. */
static int resolve(app *a, const int *order, int n)
{
	if (n == 0)
		return -1;
	if (a->loop->focus_screen == focus_screen_key(a)) {
		int seen = 0, found = -1;
		for (int k = 0; k < n; k++) { /* action and label: the nth of them */
			if (!same_control(a, order[k], 1))
				continue;
			found = k;
			if (seen++ == a->loop->focus_nth)
				return k;
		}
		if (found >= 0)
			return found;
		for (int k = 0; k < n; k++) /* the label changed ("Text size 130%") */
			if (same_control(a, order[k], 0))
				return k;
	}
	remember(a, order, 0);
	return 0;
}

int focus_current(app *a)
{
	int order[FOCUS_MAX], n = focus_order(a, order, FOCUS_MAX), k = resolve(a, order, n);
	return k < 0 ? -1 : order[k];
}

/* Scrolls a page control wholly into view below the bar. */
void focus_into_view(app *a, int i)
{
	const view_el *e = &a->vw.v[i];
	float top = (float)(e->r.y - a->vw.bar_h), bottom = (float)(e->r.y + e->r.h - a->h);
	float off = a->scroll.offset, margin = (float)a->h / 5; /* some of what leads to it */
	if (e->fixed)
		return;
	if (e->r.y - off < (float)a->vw.bar_h)
		off = top - margin;
	else if (e->r.y + e->r.h - off > (float)a->h)
		off = bottom + margin;
	if (off > a->scroll.max)
		off = a->scroll.max;
	if (off < 0)
		off = 0;
	a->scroll.offset = off, a->scroll.velocity = 0, a->scroll.nudging = 0;
}

/* A focus key is a touch for Listen: it stops the reading; once speech is
 * in use the control reached says what it is ("Next, button"). */
static void announce(app *a, int i)
{
	char s[512];
	if (a->loop->walking)
		return;
	listen_stop(a);
	if (listen_used(a) && listen_describe(a, i, s, sizeof s))
		listen_say_now(a, s);
}

static void move(app *a, int step)
{
	int order[FOCUS_MAX], n = focus_order(a, order, FOCUS_MAX), k = resolve(a, order, n);
	if (k < 0)
		return;
	if (a->loop->focus_shown) /* the first key only shows where the focus is */
		k = (k + step + n) % n;
	a->loop->focus_shown = 1;
	remember(a, order, k);
	focus_into_view(a, order[k]);
	announce(a, order[k]);
}

void focus_show(app *a, int i)
{
	focus_note(a, &a->vw.v[i]);
	a->loop->focus_shown = 1;
	focus_into_view(a, i);
	a->need_draw = 1;
}

/* Escape: the enabled Back of the screen, as a tap on it. */
static int back(app *a)
{
	int order[FOCUS_MAX], n = focus_order(a, order, FOCUS_MAX);
	for (int k = 0; k < n; k++) {
		const view_el *e = &a->vw.v[order[k]];
		if (e->act == ACT_BACK || (e->act == ACT_FLOW && e->arg == F_BACK)) {
			app_tap_el(a, order[k]);
			return 1;
		}
	}
	return 0;
}

/* Enter or Space. On a typing screen, Space types and Enter before any
 * focus key is the screen's own (done); elsewhere the first press only
 * shows where the focus is, as nobody has seen what it would do. */
static int activate(app *a, SDL_Keycode k)
{
	int i, typing = scr_typing(a);
	if (typing && (k == SDLK_SPACE || !a->loop->focus_shown))
		return 0;
	if (!a->loop->focus_shown) {
		move(a, 0);
		a->need_draw = 1;
		return 1;
	}
	if ((i = focus_current(a)) < 0)
		return 0;
	focus_into_view(a, i);
	app_tap_el(a, i);
	return 1;
}

int focus_key(app *a, const SDL_KeyboardEvent *ev)
{
	SDL_Keycode k = ev->keysym.sym;
	int rtl = a->m && a->m->rtl[a->lang], shift = (ev->keysym.mod & KMOD_SHIFT) != 0;
	switch (k) {
	case SDLK_TAB: move(a, shift ? -1 : 1); break;
	case SDLK_DOWN: move(a, 1); break;
	case SDLK_UP: move(a, -1); break;
	case SDLK_RIGHT: move(a, rtl ? -1 : 1); break;
	case SDLK_LEFT: move(a, rtl ? 1 : -1); break;
	case SDLK_RETURN: case SDLK_KP_ENTER: case SDLK_SPACE: return activate(a, k);
	case SDLK_ESCAPE: return back(a);
	default: return 0;
	}
	a->need_draw = 1;
	return 1;
}

void focus_hide(app *a)
{
	if (a->loop->focus_shown)
		a->need_draw = 1;
	a->loop->focus_shown = 0;
}

/* The ring: focus_ring_px of the theme's focus colour, around a halo as
 * wide of the theme's background, so it stands at 3:1 inside as well as
 * out whatever the control is (a filled one, or one with a shadow that
 * would darken the gap). */
void focus_paint(app *a)
{
	int i;
	if (!a->loop->focus_shown || a->loop->dark || (i = focus_current(a)) < 0)
		return;
	focus_ring(a, i);
}

int focus_ring_box(app *a, int i, SDL_Rect *r)
{
	int pad;
	if (i < 0 || i >= a->vw.n || !tree_visible(a, i, r))
		return 0;
	if (a->vw.v[i].act == ACT_NONE) { /* words and pictures: the ring clear of them */
		pad = 2 * focus_ring_px(a);
		r->x -= pad, r->y -= pad, r->w += 2 * pad, r->h += 2 * pad;
	}
	return 1;
}

void focus_ring(app *a, int i)
{
	SDL_Rect r;
	int px, rad;
	if (!focus_ring_box(a, i, &r))
		return;
	px = focus_ring_px(a), rad = a->vw.v[i].radius;
	ren_set_alpha(a->rn, 255);
	r.x -= px, r.y -= px, r.w += 2 * px, r.h += 2 * px;
	ren_round_rect_outline(a->rn, r, rad ? rad + px : 0, px, a->th->bg);
	r.x -= px, r.y -= px, r.w += 2 * px, r.h += 2 * px;
	ren_round_rect_outline(a->rn, r, rad ? rad + 2 * px : 0, px, a->th->focus);
}

int focus_ring_px(const app *a)
{
	int px = (int)(3.0f * wg_scale(a->w, a->h) + 0.5f);
	return px < 3 ? 3 : px;
}
