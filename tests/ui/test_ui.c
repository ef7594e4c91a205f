/* SPDX-License-Identifier: MIT */
/*
 * ui tests: SDL events are built by hand (no SDL_Init, no window) and fed
 * in on the virtual clock, so every timing below is exact. What is checked
 * is what a visitor would notice: one tap per touch, drags that follow the
 * finger, flicks that coast and stop, edges that spring back.
 */
#include "../check.h"
#include "core.h"
#include "ui.h"
#include <math.h>
#include <string.h>

#define W 1000
#define H 800

static ui_input *in;

/* ---- Building events. */

static int mouse_btn(Uint32 type, int x, int y, Uint32 which, Uint8 button)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = type;
	ev.button.which = which;
	ev.button.button = button;
	ev.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
	ev.button.x = x;
	ev.button.y = y;
	return ui_input_feed(in, &ev);
}

static int mdown(int x, int y) { return mouse_btn(SDL_MOUSEBUTTONDOWN, x, y, 0, SDL_BUTTON_LEFT); }
static int mup(int x, int y) { return mouse_btn(SDL_MOUSEBUTTONUP, x, y, 0, SDL_BUTTON_LEFT); }

static int mmove_as(int x, int y, Uint32 state, Uint32 which)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_MOUSEMOTION;
	ev.motion.which = which;
	ev.motion.state = state;
	ev.motion.x = x;
	ev.motion.y = y;
	return ui_input_feed(in, &ev);
}

static int mmove(int x, int y) { return mmove_as(x, y, SDL_BUTTON_LMASK, 0); }

/* Touch at window pixels (converted to SDL's normalized coordinates). */
static int finger(Uint32 type, SDL_FingerID id, int x, int y)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = type;
	ev.tfinger.touchId = 1;
	ev.tfinger.fingerId = id;
	ev.tfinger.x = (float)x / W;
	ev.tfinger.y = (float)y / H;
	return ui_input_feed(in, &ev);
}

/* ---- Reading gestures. */

typedef struct {
	ui_gesture g[64];
	int n;
} log_t;

static log_t drain(void)
{
	log_t l = {0};
	while (l.n < 64 && ui_input_next(in, &l.g[l.n]))
		l.n++;
	return l;
}

static int count(const log_t *l, ui_gesture_kind k)
{
	int c = 0;
	for (int i = 0; i < l->n; i++)
		c += l->g[i].kind == k;
	return c;
}

static const ui_gesture *find(const log_t *l, ui_gesture_kind k)
{
	for (int i = 0; i < l->n; i++)
		if (l->g[i].kind == k)
			return &l->g[i];
	return NULL;
}

static void fresh(void)
{
	ui_input_free(in);
	CHECK(ui_input_new(&in) == 0);
	ui_input_set_size(in, W, H);
}

/* ---- Taps. */

static void test_mouse_click(void)
{
	fresh();
	CHECK(mdown(100, 120) == 1);
	mk_clock_advance(80);
	CHECK(mup(100, 120) == 1);
	log_t l = drain();
	CHECK(l.n == 2 && l.g[0].kind == UI_PRESS);
	CHECK(count(&l, UI_TAP) == 1);
	const ui_gesture *t = find(&l, UI_TAP);
	CHECK(t && t->x == 100 && t->y == 120 && t->x0 == 100 && t->y0 == 120);
	CHECK(t && t->held_ms == 80);
}

static void test_touch_no_double_tap(void)
{
	fresh();
	finger(SDL_FINGERDOWN, 7, 300, 400);
	mouse_btn(SDL_MOUSEBUTTONDOWN, 300, 400, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT);
	mk_clock_advance(60);
	finger(SDL_FINGERUP, 7, 300, 400);
	mmove_as(300, 400, SDL_BUTTON_LMASK, SDL_TOUCH_MOUSEID);
	mouse_btn(SDL_MOUSEBUTTONUP, 300, 400, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT);
	log_t l = drain();
	CHECK_MSG(count(&l, UI_TAP) == 1, "taps=%d", count(&l, UI_TAP));
	CHECK(count(&l, UI_PRESS) == 1);
	const ui_gesture *t = find(&l, UI_TAP);
	CHECK(t && t->x == 300 && t->y == 400);
}

static void test_jitter_is_tap(void)
{
	fresh();
	mdown(200, 200);
	mk_clock_advance(10);
	mmove(210, 200);
	mmove(205, 203);
	mk_clock_advance(10);
	mup(208, 200);
	log_t l = drain();
	CHECK(count(&l, UI_TAP) == 1 && count(&l, UI_DRAG) == 0);
	const ui_gesture *t = find(&l, UI_TAP);
	CHECK(t && t->x == 208 && t->x0 == 200);

	fresh(); /* same by touch */
	finger(SDL_FINGERDOWN, 1, 500, 500);
	finger(SDL_FINGERMOTION, 1, 510, 500);
	finger(SDL_FINGERUP, 1, 500, 510);
	l = drain();
	CHECK(count(&l, UI_TAP) == 1 && count(&l, UI_DRAG) == 0);
}

static void test_other_buttons_and_hover(void)
{
	fresh();
	CHECK(mmove_as(50, 50, 0, 0) == 0);
	CHECK(mouse_btn(SDL_MOUSEBUTTONDOWN, 50, 50, 0, SDL_BUTTON_RIGHT) == 0);
	CHECK(mouse_btn(SDL_MOUSEBUTTONUP, 50, 50, 0, SDL_BUTTON_RIGHT) == 0);
	CHECK(mup(50, 50) == 0); /* an up whose down we never saw */
	CHECK(drain().n == 0);
}

/* ---- Drags. */

/* Mouse drag of dy px in steps of `step` px every `ms` ms, then up. */
static log_t drag(int y0, int dy, int step, int ms)
{
	mdown(500, y0);
	int y = y0, dir = dy < 0 ? -1 : 1;
	while (y != y0 + dy) {
		mk_clock_advance((uint64_t)ms);
		y += dir * step;
		mmove(500, y);
	}
	mk_clock_advance((uint64_t)ms);
	mup(500, y);
	return drain();
}

static void check_drag(int dy)
{
	fresh();
	log_t l = drag(400, dy, 20, 10);
	int sx = 0, sy = 0;
	for (int i = 0; i < l.n; i++)
		if (l.g[i].kind == UI_DRAG)
			sx += l.g[i].dx, sy += l.g[i].dy;
	CHECK_MSG(sy == dy && sx == 0, "dy sum %d for %d", sy, dy);
	const ui_gesture *d = find(&l, UI_DRAG);
	CHECK(d && d->dy == (dy < 0 ? -40 : 40)); /* first carries the slop */
	CHECK(count(&l, UI_TAP) == 0 && count(&l, UI_RELEASE) == 1);
	CHECK(l.g[l.n - 1].kind == UI_RELEASE);
	const ui_gesture *r = find(&l, UI_RELEASE);
	CHECK(r && (dy < 0 ? r->vy < 0 : r->vy > 0) && r->vx == 0);
	/* 20 px per 10 ms, with a final 10 ms rest before the up. */
	CHECK_MSG(r && fabsf(fabsf(r->vy) - 2000) < 500, "vy %f", r ? r->vy : 0);
}

static void test_drag(void)
{
	check_drag(-200);
	check_drag(200);
}

static void test_up_far_away_is_drag(void)
{
	fresh();
	mdown(100, 100);
	mk_clock_advance(30);
	CHECK(mup(100, 400) == 2);
	log_t l = drain();
	CHECK(count(&l, UI_DRAG) == 1 && count(&l, UI_RELEASE) == 1);
	CHECK(find(&l, UI_DRAG) && find(&l, UI_DRAG)->dy == 300);
}

static void test_rest_before_release(void)
{
	fresh();
	mdown(500, 600);
	for (int y = 560; y >= 400; y -= 40) {
		mk_clock_advance(10);
		mmove(500, y);
	}
	mk_clock_advance(200);
	mup(500, 400);
	log_t l = drain();
	const ui_gesture *r = find(&l, UI_RELEASE);
	CHECK(r && fabsf(r->vx) < 1 && fabsf(r->vy) < 1);

	/* an up that lands elsewhere after a pause is no flick either */
	fresh();
	mdown(500, 600);
	mmove(500, 500);
	mk_clock_advance(150);
	mup(500, 470);
	l = drain();
	r = find(&l, UI_RELEASE);
	CHECK(r && fabsf(r->vy) < 1);

	/* a panel that keeps reporting the resting finger, then a lift */
	fresh();
	finger(SDL_FINGERDOWN, 1, 500, 600);
	for (int y = 560; y >= 400; y -= 40) {
		mk_clock_advance(10);
		finger(SDL_FINGERMOTION, 1, 500, y);
	}
	for (int i = 0; i < 10; i++) {
		mk_clock_advance(20);
		finger(SDL_FINGERMOTION, 1, 500, 400);
	}
	finger(SDL_FINGERUP, 1, 500, 400);
	l = drain();
	r = find(&l, UI_RELEASE);
	CHECK(r && fabsf(r->vy) < 1);

	/* a lift in the same millisecond as the last motion still flicks */
	fresh();
	finger(SDL_FINGERDOWN, 1, 500, 600);
	for (int y = 560; y >= 400; y -= 40) {
		mk_clock_advance(10);
		finger(SDL_FINGERMOTION, 1, 500, y);
	}
	finger(SDL_FINGERUP, 1, 500, 400);
	l = drain();
	r = find(&l, UI_RELEASE);
	CHECK_MSG(r && fabsf(r->vy + 4000) < 400, "vy %f", r ? r->vy : 0);
}

/* ---- Pointers. */

static void test_second_finger_cancels(void)
{
	fresh();
	finger(SDL_FINGERDOWN, 1, 100, 100);
	finger(SDL_FINGERMOTION, 1, 100, 200);
	CHECK(finger(SDL_FINGERDOWN, 2, 300, 300) == 1);
	CHECK(finger(SDL_FINGERMOTION, 1, 100, 300) == 0);
	CHECK(ui_input_down(in, NULL, NULL, NULL) == 0);
	finger(SDL_FINGERUP, 1, 100, 300);
	CHECK(finger(SDL_FINGERDOWN, 3, 50, 50) == 0); /* 2 is still down */
	finger(SDL_FINGERUP, 3, 50, 50);
	finger(SDL_FINGERUP, 2, 300, 300);
	log_t l = drain();
	CHECK(count(&l, UI_CANCEL) == 1 && l.g[l.n - 1].kind == UI_CANCEL);
	CHECK(count(&l, UI_TAP) == 0 && count(&l, UI_RELEASE) == 0);
	/* all up: the next touch works again */
	finger(SDL_FINGERDOWN, 4, 60, 60);
	finger(SDL_FINGERUP, 4, 60, 60);
	l = drain();
	CHECK(count(&l, UI_TAP) == 1);
}

static void test_focus_lost_cancels(void)
{
	fresh();
	mdown(10, 10);
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_WINDOWEVENT;
	ev.window.event = SDL_WINDOWEVENT_FOCUS_LOST;
	CHECK(ui_input_feed(in, &ev) == 1);
	CHECK(mup(10, 10) == 0);
	log_t l = drain();
	CHECK(count(&l, UI_CANCEL) == 1 && count(&l, UI_TAP) == 0);
	mdown(10, 10);
	mup(10, 10);
	l = drain();
	CHECK(count(&l, UI_TAP) == 1);
}

static void test_lost_mouse_up(void)
{
	fresh();
	mdown(10, 10);
	CHECK(mmove_as(200, 200, 0, 0) == 1); /* button no longer held */
	log_t l = drain();
	CHECK(count(&l, UI_CANCEL) == 1 && count(&l, UI_DRAG) == 0);
	CHECK(ui_input_down(in, NULL, NULL, NULL) == 0);
}

static void test_press_and_hold(void)
{
	fresh();
	uint64_t t0 = mk_now_ms();
	mdown(5, 795);
	mk_clock_advance(5000);
	int x = -1, y = -1;
	uint64_t since = 0;
	CHECK(ui_input_down(in, &x, &y, &since) == 1);
	CHECK(x == 5 && y == 795 && since == t0 && mk_now_ms() - since == 5000);
	mup(5, 795);
	CHECK(ui_input_down(in, &x, &y, &since) == 0);
	log_t l = drain();
	CHECK(find(&l, UI_TAP) && find(&l, UI_TAP)->held_ms == 5000);
}

/* ---- Scroller. */

/* Steps at 60 Hz until rest or `limit` ms; returns ms taken, tracks range. */
static int run(ui_scroller *s, int limit, float *lo, float *hi)
{
	int t = 0;
	while (t < limit) {
		int more = ui_scroller_step(s, mk_now_ms());
		if (lo && s->offset < *lo)
			*lo = s->offset;
		if (hi && s->offset > *hi)
			*hi = s->offset;
		if (!more)
			return t;
		mk_clock_advance(16);
		t += 16;
	}
	return t;
}

/* A flick upward by the finger, fed through input into the scroller. */
static void flick(ui_scroller *s)
{
	fresh();
	mdown(500, 700);
	for (int y = 660; y >= 500; y -= 40) {
		mk_clock_advance(10);
		mmove(500, y);
	}
	mk_clock_advance(5);
	mup(500, 500);
	ui_gesture g;
	while (ui_input_next(in, &g)) {
		if (g.kind == UI_DRAG)
			ui_scroller_drag(s, g.dy);
		if (g.kind == UI_RELEASE)
			ui_scroller_release(s, g.vy);
	}
}

static void test_momentum(void)
{
	ui_scroller s;
	ui_scroller_reset(&s, 10000);
	flick(&s);
	CHECK_MSG(fabsf(s.offset - 200) < 0.01f, "after drag %f", s.offset);
	CHECK_MSG(s.velocity > 3000 && s.velocity <= 6000, "v %f", s.velocity);
	float hi = 0;
	run(&s, 1000, NULL, &hi);
	CHECK_MSG(s.offset > 800, "coasted to %f", s.offset);
	int t = run(&s, 5000, NULL, &hi);
	CHECK_MSG(t + 1000 <= 3000, "rest after %d ms", t + 1000);
	CHECK(ui_scroller_step(&s, mk_now_ms()) == 0 && s.velocity == 0);
	CHECK(hi <= s.max);
}

static void test_momentum_into_edge(void)
{
	ui_scroller s;
	ui_scroller_reset(&s, 500);
	flick(&s);
	float lo = 0, hi = 0;
	int t = run(&s, 5000, &lo, &hi);
	CHECK(t < 3000);
	CHECK_MSG(s.offset == 500.0f, "rest at %f", s.offset);
	CHECK_MSG(hi > 500 && hi <= 650 && lo >= 0, "range %f..%f", lo, hi);
}

static void test_overscroll_springs_back(void)
{
	ui_scroller s;
	ui_scroller_reset(&s, 300);
	ui_scroller_drag(&s, 100); /* pull down at the top */
	CHECK(s.offset < -20 && s.offset > -100);
	for (int i = 0; i < 50; i++)
		ui_scroller_drag(&s, 100);
	CHECK(s.offset >= -150 && s.offset < -100);
	ui_scroller_release(&s, 0);
	int t = run(&s, 3000, NULL, NULL);
	CHECK_MSG(s.offset == 0.0f && t < 1000, "top %f after %d", s.offset, t);

	ui_scroller_reset(&s, 300);
	ui_scroller_drag(&s, -350);
	CHECK(s.offset > 300 && s.offset < 350);
	float before = s.offset;
	ui_scroller_drag(&s, 80); /* back toward the range moves 1:1 */
	CHECK(fabsf(s.offset - (before - 80)) < 0.01f);
	ui_scroller_drag(&s, -200);
	ui_scroller_release(&s, -3000); /* flick further out */
	float hi = 0;
	run(&s, 3000, NULL, &hi);
	CHECK_MSG(s.offset == 300.0f && hi <= 450, "bottom %f peak %f", s.offset, hi);
}

static void test_scroller_edge_cases(void)
{
	ui_scroller s;
	ui_scroller_reset(&s, 0);
	ui_scroller_drag(&s, -100);
	ui_scroller_release(&s, -6000);
	run(&s, 3000, NULL, NULL);
	CHECK(s.offset == 0.0f && s.velocity == 0);
	ui_scroller_reset(&s, NAN);
	CHECK(s.max == 0);
	ui_scroller_release(&s, NAN);
	ui_scroller_nudge(&s, INFINITY);
	CHECK(run(&s, 100, NULL, NULL) == 0 && s.offset == 0);
	ui_scroller_set_max(&s, -5);
	CHECK(s.max == 0);

	/* a stalled frame does not jump */
	ui_scroller_reset(&s, 100000);
	ui_scroller_release(&s, -6000);
	ui_scroller_step(&s, mk_now_ms());
	mk_clock_advance(2000);
	ui_scroller_step(&s, mk_now_ms());
	CHECK_MSG(s.offset > 0 && s.offset <= 300, "jumped to %f", s.offset);
	ui_scroller_release(&s, 1e9f);
	CHECK(s.velocity == -6000);

	/* content shrinks under the offset: springs back to the new max */
	ui_scroller_reset(&s, 1000);
	ui_scroller_nudge(&s, 900);
	run(&s, 1000, NULL, NULL);
	ui_scroller_set_max(&s, 400);
	CHECK(run(&s, 2000, NULL, NULL) > 0 && s.offset == 400);
}

static void test_nudge(void)
{
	ui_scroller s;
	ui_scroller_reset(&s, 1000);
	ui_scroller_nudge(&s, 100);
	CHECK(ui_scroller_step(&s, mk_now_ms()) == 1);
	for (int i = 0; i < 3; i++) {
		mk_clock_advance(16);
		ui_scroller_step(&s, mk_now_ms());
	}
	CHECK_MSG(s.offset > 50 && s.offset < 100, "after 48 ms %f", s.offset);
	int t = run(&s, 1000, NULL, NULL);
	CHECK_MSG(s.offset == 100 && t <= 150, "%f after %d", s.offset, t);
	ui_scroller_nudge(&s, 600);
	ui_scroller_nudge(&s, 600); /* a second key press adds up, clamped */
	run(&s, 1000, NULL, NULL);
	CHECK(s.offset == 1000);
	ui_scroller_nudge(&s, 50);
	run(&s, 1000, NULL, NULL);
	CHECK(s.offset == 1000);
}

int main(void)
{
	mk_clock_virtual(1);
	test_mouse_click();
	test_touch_no_double_tap();
	test_jitter_is_tap();
	test_other_buttons_and_hover();
	test_drag();
	test_up_far_away_is_drag();
	test_rest_before_release();
	test_second_finger_cancels();
	test_focus_lost_cancels();
	test_lost_mouse_up();
	test_press_and_hold();
	test_momentum();
	test_momentum_into_edge();
	test_overscroll_springs_back();
	test_scroller_edge_cases();
	test_nudge();
	ui_input_free(in);
	return check_done();
}
