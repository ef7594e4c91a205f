/* SPDX-License-Identifier: MIT */
/*
 * The driver's keyboard: `key NAME` pushes a real SDL key event, as a USB
 * keypad would; `expect-focus LABEL` checks where the ring is;
 * `focus-walk` tabs from the first control of the screen through every
 * enabled control and back, checking each is met once and in reading
 * order (worked out here from the rectangles, not from focus.c's order);
 * `expect-ring` reads the drawn frame back and checks the ring is there,
 * in the theme's focus colour, at 3:1 against what is around it
 * (`expect-ring reading`: the one around what Listen is reading).
 */
#include "app.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	SDL_Keycode sym;
	Uint16 mod;
} keys[] = {
	{ "Tab", SDLK_TAB, 0 }, { "Shift+Tab", SDLK_TAB, KMOD_LSHIFT }, { "Up", SDLK_UP, 0 },
	{ "Down", SDLK_DOWN, 0 }, { "Left", SDLK_LEFT, 0 }, { "Right", SDLK_RIGHT, 0 },
	{ "Return", SDLK_RETURN, 0 }, { "KP_Enter", SDLK_KP_ENTER, 0 }, { "Escape", SDLK_ESCAPE, 0 },
	{ "space", SDLK_SPACE, 0 },
};

static void push_key(SDL_Keycode sym, Uint16 mod, Uint32 type)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = type;
	ev.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
	ev.key.keysym.sym = sym;
	ev.key.keysym.scancode = SDL_GetScancodeFromKey(sym);
	ev.key.keysym.mod = mod;
	SDL_PushEvent(&ev);
}

/* A keyboard sends a space as text too, where text is taken. */
static void push_space_text(void)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_TEXTINPUT;
	ev.text.text[0] = ' ';
	SDL_PushEvent(&ev);
}

static void press(app *a, SDL_Keycode sym, Uint16 mod)
{
	int acts = sym == SDLK_RETURN || sym == SDLK_KP_ENTER || sym == SDLK_SPACE || sym == SDLK_ESCAPE;
	if (acts) { /* read first, as before a tap; the controls noted for expect-steady */
		SDL_Rect r = { -1, -1, 0, 0 };
		int i = focus_current(a);
		drive_wait_guard(a);
		if (i >= 0 && tree_visible(a, i, &r))
			r.x += r.w / 2, r.y += r.h / 2;
		drive_steady_note(a, r.x, r.y);
	}
	push_key(sym, mod, SDL_KEYDOWN);
	if (sym == SDLK_SPACE)
		push_space_text();
	push_key(sym, mod, SDL_KEYUP);
	app_pump(a);
	drive_settle(a);
}

int drive_key(app *a, const char *arg)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (!strcmp(arg, keys[i].name)) {
			press(a, keys[i].sym, keys[i].mod);
			return 0;
		}
	return mk_err(MK_EINVAL, "key wants Tab, Shift+Tab, Up, Down, Left, Right, Return, KP_Enter, "
		      "Escape or space, got '%s'", arg);
}

static const char *label(const app *a, int i)
{
	const view_el *e = &a->vw.v[i];
	return e->text && *e->text ? e->text : e->role;
}

int drive_expect_focus(app *a, const char *arg)
{
	int i = focus_current(a);
	if (!a->loop->focus_shown)
		return mk_err(MK_EINVAL, "no focus ring is shown (expected it on '%s')", arg);
	if (i < 0)
		return mk_err(MK_ENOTFOUND, "the screen has no control to focus (expected '%s')", arg);
	return !strcmp(label(a, i), arg) ? 0 : mk_err(MK_EINVAL, "the focus is on '%s', not '%s'",
						      label(a, i), arg);
}

/* The controls a person could reach: enabled, and not under a dialog. */
static int reachable_count(app *a)
{
	wg_frame f = app_frame(a);
	int n = 0;
	for (int i = focus_first_el(a); i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (e->act == ACT_NONE || !e->enabled || e->finger_only || e->r.w <= 0 || e->r.h <= 0)
			continue;
		n += e->fixed ? wg_visible(&a->vw, &f, i, NULL) : f.page == WG_PAGE_SHOWN;
	}
	return n;
}

/* 1 when q may follow p in reading order: the same line further along
 * (left to right, or right to left), or lower down. The bar comes first,
 * the page then, a dialog last. */
static int follows(const app *a, const view_el *p, const view_el *q)
{
	int bp = p->fixed ? (p->r.y < a->vw.bar_h ? 0 : 2) : 1;
	int bq = q->fixed ? (q->r.y < a->vw.bar_h ? 0 : 2) : 1;
	int rtl = a->m->rtl[a->lang], cp = 2 * p->r.x + p->r.w, cq = 2 * q->r.x + q->r.w;
	if (bp != bq)
		return bq > bp;
	if (q->r.y < p->r.y + p->r.h / 2 && p->r.y < q->r.y + q->r.h / 2) /* one line */
		return rtl ? cq < cp : cq > cp;
	return q->r.y > p->r.y;
}

/* Where the focus is, as a control's identity that survives the relayout
 * a key may cause; and the same as an index into the view now. */
typedef struct {
	int act, arg, arg2;
	char label[128];
	SDL_Rect r;
	int fixed;
} walk_step;

static void step_of(const app *a, int i, walk_step *s)
{
	const view_el *e = &a->vw.v[i];
	s->act = e->act, s->arg = e->arg, s->arg2 = e->arg2, s->r = e->r, s->fixed = e->fixed;
	snprintf(s->label, sizeof s->label, "%s", label(a, i));
}

static int same_step(const walk_step *p, const walk_step *q)
{
	return p->act == q->act && p->arg == q->arg && p->arg2 == q->arg2 && !strcmp(p->label, q->label) &&
	       p->fixed == q->fixed && SDL_RectEquals(&p->r, &q->r); /* two Closes are two controls */
}

static int check_order(const app *a, const walk_step *w, int n)
{
	for (int k = 1; k < n; k++) {
		view_el p = { .r = w[k - 1].r, .fixed = w[k - 1].fixed };
		view_el q = { .r = w[k].r, .fixed = w[k].fixed };
		if (!follows(a, &p, &q))
			return mk_err(MK_EINVAL, "'%s' (%d,%d) comes after '%s' (%d,%d), out of "
				      "reading order", w[k].label, q.r.x, q.r.y, w[k - 1].label, p.r.x, p.r.y);
		for (int j = 0; j < k; j++)
			if (same_step(&w[j], &w[k]))
				return mk_err(MK_EINVAL, "'%s' is met twice", w[k].label);
	}
	return 0;
}

int drive_walk(app *a, const char *what, void (*next)(app *a), int (*check)(app *a, int i))
{
	enum { WALK_MAX = 256 };
	static walk_step w[WALK_MAX + 1];
	int order[1], n = reachable_count(a), i, rc;
	if (n == 0 || n > WALK_MAX)
		return mk_err(MK_EINVAL, "%s: %d controls on this screen", what, n);
	if (focus_order(a, order, 1) < 1)
		return mk_err(MK_EINVAL, "%s: no control to start from", what);
	focus_hide(a);
	a->loop->focus_screen = 0; /* the screen's first control */
	next(a);                   /* shows the ring there */
	for (int k = 0; k <= n; k++) {
		if ((i = focus_current(a)) < 0 || !a->loop->focus_shown)
			return mk_err(MK_EINVAL, "%s: the focus is lost after %d steps", what, k);
		if (check && (rc = check(a, i)) != 0)
			return rc;
		step_of(a, i, &w[k]);
		if (k < n)
			next(a);
	}
	if (!same_step(&w[0], &w[n]))
		return mk_err(MK_EINVAL, "%s: %d steps from '%s' end on '%s', not back on it", what, n,
			      w[0].label, w[n].label);
	return check_order(a, w, n);
}

/* A Tab through SDL and the loop, as a keypad's; or (quick, for
 * walk-every on every screen) straight to the focus, without a frame. */
static void tab(app *a)
{
	press(a, SDLK_TAB, 0);
}

static void quick_tab(app *a)
{
	SDL_KeyboardEvent k;
	memset(&k, 0, sizeof k);
	k.type = SDL_KEYDOWN, k.state = SDL_PRESSED;
	k.keysym.sym = SDLK_TAB, k.keysym.scancode = SDL_SCANCODE_TAB;
	focus_key(a, &k);
}

int drive_walk_screen(app *a, int quick)
{
	return drive_walk(a, "focus-walk", quick ? quick_tab : tab, NULL);
}

int drive_focus_walk(app *a, const char *arg)
{
	(void)arg;
	return drive_walk_screen(a, 0);
}

static SDL_Color pixel(app *a, int x, int y)
{
	Uint32 v = 0;
	SDL_Rect r = { x, y, 1, 1 };
	SDL_RenderReadPixels(a->sdl, &r, SDL_PIXELFORMAT_ARGB8888, &v, 4);
	return (SDL_Color){ (Uint8)(v >> 16), (Uint8)(v >> 8), (Uint8)v, 255 };
}

static int near(SDL_Color p, SDL_Color q)
{
	return abs(p.r - q.r) <= 8 && abs(p.g - q.g) <= 8 && abs(p.b - q.b) <= 8;
}

/* The ring's middle and the pixels just inside and outside it, on the
 * first edge of the control (top, bottom, start, end) that has room. */
static int ring_edge(app *a, SDL_Rect r, int px, SDL_Point pt[3])
{
	int d[3] = { 1, px + px / 2, 2 * px + 2 }; /* gap, ring, outside */
	for (int edge = 0; edge < 4; edge++) {
		int ok = 1;
		for (int k = 0; k < 3; k++) {
			int cx = r.x + r.w / 2, cy = r.y + r.h / 2;
			pt[k] = edge == 0 ? (SDL_Point){ cx, r.y - d[k] } :
				edge == 1 ? (SDL_Point){ cx, r.y + r.h - 1 + d[k] } :
				edge == 2 ? (SDL_Point){ r.x - d[k], cy } : (SDL_Point){ r.x + r.w - 1 + d[k], cy };
			ok &= pt[k].x >= 0 && pt[k].y >= 0 && pt[k].x < a->w && pt[k].y < a->h;
		}
		if (ok)
			return 1;
	}
	return 0;
}

int drive_expect_ring(app *a, const char *arg)
{
	SDL_Rect r;
	SDL_Point pt[3];
	int reading = !strcmp(arg, "reading"); /* the ring around what Listen reads (heard.c) */
	int i = reading ? listen_reading(a) : focus_current(a);
	if (!strcmp(arg, "none"))
		return a->loop->focus_shown ? mk_err(MK_EINVAL, "a focus ring is shown") : 0;
	if ((!reading && !a->loop->focus_shown) || i < 0 || !focus_ring_box(a, i, &r))
		return mk_err(MK_EINVAL, "no %s ring is shown", reading ? "reading" : "focus");
	if (!ring_edge(a, r, focus_ring_px(a), pt))
		return mk_err(MK_EINVAL, "the ring around '%s' has no edge on screen", label(a, i));
	paint_view(a);
	SDL_Color gap = pixel(a, pt[0].x, pt[0].y), ring = pixel(a, pt[1].x, pt[1].y);
	SDL_Color out = pixel(a, pt[2].x, pt[2].y);
	SDL_RenderPresent(a->sdl);
	if (!near(ring, a->th->focus))
		return mk_err(MK_EINVAL, "at %d,%d, by '%s', the ring is #%02X%02X%02X, not the focus colour",
			      pt[1].x, pt[1].y, label(a, i), ring.r, ring.g, ring.b);
	if (theme_contrast(ring, gap) < 3.0 || theme_contrast(ring, out) < 3.0)
		return mk_err(MK_EINVAL, "the ring by '%s' is at %.2f:1 inside and %.2f:1 outside, under 3:1",
			      label(a, i), theme_contrast(ring, gap), theme_contrast(ring, out));
	return 0;
}
