/* SPDX-License-Identifier: MIT */
/*
 * The driver's memory of the controls before the last tap, for
 * `expect-steady`: after a tap (or typing) brings up a message, or takes
 * one away, no control may have moved, and the control under the finger
 * must still be the one that was there. A second tap on the same spot
 * then does what the first did, or nothing: it never lands on the control
 * that slid into the place of one that went.
 *
 * Before every tap and every `type`, the driver notes each control's
 * place on the screen (as the finger sees it: scrolled with the page),
 * its label and what it does. Controls are told apart by what they do
 * (act, arg, arg2) and their label, so a keypad's keys or a list of
 * buttons are each followed on their own.
 */
#include "app.h"
#include <stdio.h>
#include <string.h>

enum { STEADY_MAX = 256 };

typedef struct {
	SDL_Rect r; /* on the screen */
	int act, arg, arg2, enabled;
	char label[96];
} steady_ctl;

static struct {
	steady_ctl v[STEADY_MAX];
	int n;
	int x, y;   /* the tap; -1 for typing */
	int screen; /* sc.id */
	int taken;
} before;

static SDL_Rect on_screen(const app *a, const view_el *e)
{
	SDL_Rect r = e->r;
	if (!e->fixed)
		r.y -= (int)(a->scroll.offset + 0.5f);
	return r;
}

static void note(steady_ctl *c, const app *a, const view_el *e)
{
	c->r = on_screen(a, e);
	c->act = e->act, c->arg = e->arg, c->arg2 = e->arg2, c->enabled = e->enabled;
	snprintf(c->label, sizeof c->label, "%s", e->text ? e->text : e->role);
}

void drive_steady_note(app *a, int x, int y)
{
	before.n = 0;
	for (int i = 0; i < a->vw.n && before.n < STEADY_MAX; i++)
		if (a->vw.v[i].act != ACT_NONE && a->vw.v[i].r.w > 0 && a->vw.v[i].r.h > 0)
			note(&before.v[before.n++], a, &a->vw.v[i]);
	before.x = x, before.y = y;
	before.screen = (int)a->sc.id;
	before.taken = 1;
}

static int same_rect(SDL_Rect p, SDL_Rect q)
{
	return p.x == q.x && p.y == q.y && p.w == q.w && p.h == q.h;
}

static int same_ctl(const steady_ctl *p, const steady_ctl *q)
{
	return p->act == q->act && p->arg == q->arg && p->arg2 == q->arg2 && !strcmp(p->label, q->label);
}

/* The controls now, as noted before the tap. */
static int now_ctls(app *a, steady_ctl *v)
{
	int n = 0;
	for (int i = 0; i < a->vw.n && n < STEADY_MAX; i++)
		if (a->vw.v[i].act != ACT_NONE && a->vw.v[i].r.w > 0 && a->vw.v[i].r.h > 0)
			note(&v[n++], a, &a->vw.v[i]);
	return n;
}

/* The topmost control under (x, y), enabled or not; -1 when none. */
static int under(const steady_ctl *v, int n, int x, int y)
{
	SDL_Point p = { x, y };
	for (int i = n - 1; i >= 0; i--)
		if (SDL_PointInRect(&p, &v[i].r))
			return i;
	return -1;
}

/* Each control noted before that is still there (the k-th of its kind
 * matched with the k-th) is where it was. */
static int none_moved(const steady_ctl *now, int n)
{
	int used[STEADY_MAX] = { 0 };
	for (int i = 0; i < before.n; i++) {
		const steady_ctl *b = &before.v[i];
		for (int j = 0; j < n; j++) {
			if (used[j] || !same_ctl(b, &now[j]))
				continue;
			used[j] = 1;
			if (!same_rect(b->r, now[j].r))
				return mk_err(MK_EINVAL, "'%s' moved from %d,%d %dx%d to %d,%d %dx%d", b->label, b->r.x,
					      b->r.y, b->r.w, b->r.h, now[j].r.x, now[j].r.y, now[j].r.w, now[j].r.h);
			break;
		}
	}
	return 0;
}

/* What was under the finger is there still, in the same place: the same
 * control (its label may change in place), or greyed out. */
static int finger_kept(const steady_ctl *now, int n)
{
	int b = under(before.v, before.n, before.x, before.y), k;
	if (before.x < 0 || b < 0)
		return 0;
	const steady_ctl *was = &before.v[b];
	if ((k = under(now, n, before.x, before.y)) < 0)
		return mk_err(MK_EINVAL, "'%s' went from under the last tap", was->label);
	const steady_ctl *is = &now[k];
	if (!same_rect(was->r, is->r) ||
	    (is->enabled && (is->act != was->act || is->arg != was->arg || is->arg2 != was->arg2)))
		return mk_err(MK_EINVAL, "under the last tap, '%s' gave way to '%s'", was->label, is->label);
	return 0;
}

/* `expect-steady`: since the last tap or typing, on the same screen, no
 * control has moved and the one under the finger still means the same. */
int drive_expect_steady(app *a, const char *arg)
{
	static steady_ctl now[STEADY_MAX];
	(void)arg;
	if (!before.taken)
		return mk_err(MK_EINVAL, "expect-steady comes after a tap or typing");
	if (before.screen != (int)a->sc.id)
		return mk_err(MK_EINVAL, "the last tap or typing changed the screen: nothing to compare");
	int n = now_ctls(a, now), rc = none_moved(now, n);
	return rc ? rc : finger_kept(now, n);
}
