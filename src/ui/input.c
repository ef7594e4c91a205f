/* SPDX-License-Identifier: MIT */
/*
 * Input: SDL events in, one pointer out. Touch and the left mouse button are
 * the same thing to the rest of the app, so both are reduced here to "the
 * pointer went down / moved / came up at (x, y) window pixels" and handed to
 * gesture.c.
 *
 * SDL also turns every touch into mouse events (which == SDL_TOUCH_MOUSEID);
 * those are dropped, or each finger would tap twice. Only one pointer is
 * followed: a second finger (or the mouse while a finger is down) means the
 * visitor is pinching or leaning on the screen, so the gesture is cancelled
 * and everything is ignored until all pointers are up. Fingers are counted
 * by id, so an up whose down we never saw cannot unbalance the count.
 * Losing focus forgets everything, because the ups may never arrive.
 */
#include "ui_int.h"
#include "core.h"
#include <math.h>
#include <stdlib.h>

#define DEFAULT_SLOP 24

int ui_input_new(ui_input **out)
{
	ui_input *in = calloc(1, sizeof *in);
	*out = in;
	if (!in)
		return mk_err(MK_ENOMEM, "ui_input_new: out of memory");
	in->slop = DEFAULT_SLOP;
	return MK_OK;
}

void ui_input_free(ui_input *in)
{
	free(in);
}

void ui_input_set_size(ui_input *in, int w, int h)
{
	in->w = w > 0 ? w : 0;
	in->h = h > 0 ? h : 0;
}

void ui_input_set_slop(ui_input *in, int px)
{
	in->slop = px > 0 ? px : 0;
}

int ui_input_next(ui_input *in, ui_gesture *out)
{
	if (in->q_len == 0)
		return 0;
	*out = in->q[in->q_head];
	in->q_head = (in->q_head + 1) % UI_QUEUE_CAP;
	in->q_len--;
	return 1;
}

int ui_input_down(const ui_input *in, int *x, int *y, uint64_t *since_ms)
{
	const ui_pointer *p = &in->p;
	if (!p->active)
		return 0;
	if (x)
		*x = p->x;
	if (y)
		*y = p->y;
	if (since_ms)
		*since_ms = p->t_down;
	return 1;
}

/* ---- Bookkeeping of everything that is down, tracked or not. */

static int finger_find(const ui_input *in, SDL_TouchID t, SDL_FingerID f)
{
	for (int i = 0; i < in->n_fingers; i++)
		if (in->fingers[i].touch == t && in->fingers[i].finger == f)
			return i;
	return -1;
}

/* Returns 1 if the finger was remembered as down and now is not. */
static int finger_forget(ui_input *in, SDL_TouchID t, SDL_FingerID f)
{
	int i = finger_find(in, t, f);
	if (i < 0)
		return 0;
	in->fingers[i] = in->fingers[--in->n_fingers];
	return 1;
}

static int pointers_down(const ui_input *in)
{
	return in->n_fingers + (in->mouse_down ? 1 : 0);
}

/* A new pointer arrived: either it becomes the pointer or it spoils one. */
static int pointer_new(ui_input *in, int x, int y, uint64_t now)
{
	if (in->blocked)
		return 0;
	if (pointers_down(in) > 1) {
		in->blocked = 1;
		return ui_ptr_cancel(in, now);
	}
	return ui_ptr_down(in, x, y, now);
}

static void unblock_if_all_up(ui_input *in)
{
	if (pointers_down(in) == 0)
		in->blocked = 0;
}

static int pointer_is_finger(const ui_input *in, SDL_TouchID t, SDL_FingerID f)
{
	const ui_pointer *p = &in->p;
	return p->active && !p->is_mouse && p->touch == t && p->finger == f;
}

/* ---- Touch. */

static void finger_px(const ui_input *in, const SDL_TouchFingerEvent *e, int *x, int *y)
{
	*x = (int)lroundf(e->x * (float)in->w);
	*y = (int)lroundf(e->y * (float)in->h);
}

static int finger_down(ui_input *in, const SDL_TouchFingerEvent *e, uint64_t now)
{
	if (finger_find(in, e->touchId, e->fingerId) >= 0)
		return 0; /* a repeated down: already counted */
	if (in->n_fingers == UI_MAX_FINGERS)
		return 0; /* a palm: the count is already far above one */
	in->fingers[in->n_fingers].touch = e->touchId;
	in->fingers[in->n_fingers].finger = e->fingerId;
	in->n_fingers++;
	int x, y;
	finger_px(in, e, &x, &y);
	int n = pointer_new(in, x, y, now);
	if (in->p.active) {
		in->p.is_mouse = 0;
		in->p.touch = e->touchId;
		in->p.finger = e->fingerId;
	}
	return n;
}

static int finger_motion(ui_input *in, const SDL_TouchFingerEvent *e, uint64_t now)
{
	if (!pointer_is_finger(in, e->touchId, e->fingerId))
		return 0;
	int x, y;
	finger_px(in, e, &x, &y);
	return ui_ptr_move(in, x, y, now);
}

static int finger_up(ui_input *in, const SDL_TouchFingerEvent *e, uint64_t now)
{
	int n = 0;
	if (pointer_is_finger(in, e->touchId, e->fingerId)) {
		int x, y;
		finger_px(in, e, &x, &y);
		n = ui_ptr_up(in, x, y, now);
	}
	finger_forget(in, e->touchId, e->fingerId);
	unblock_if_all_up(in);
	return n;
}

/* ---- Mouse (left button only; the touch-synthesized copies are dropped
 * before these are called). */

static int mouse_down(ui_input *in, const SDL_MouseButtonEvent *e, uint64_t now)
{
	if (e->button != SDL_BUTTON_LEFT)
		return 0;
	int n = 0;
	if (in->mouse_down && in->p.active && in->p.is_mouse)
		n = ui_ptr_cancel(in, now); /* we missed its up */
	in->mouse_down = 1;
	n += pointer_new(in, e->x, e->y, now);
	if (in->p.active && !in->blocked && pointers_down(in) == 1)
		in->p.is_mouse = 1;
	return n;
}

static int mouse_motion(ui_input *in, const SDL_MouseMotionEvent *e, uint64_t now)
{
	int ours = in->p.active && in->p.is_mouse;
	if (in->mouse_down && !(e->state & SDL_BUTTON_LMASK)) {
		/* The button came up where we could not see it. */
		in->mouse_down = 0;
		unblock_if_all_up(in);
		return ours ? ui_ptr_cancel(in, now) : 0;
	}
	if (!ours)
		return 0; /* hovering, or not ours */
	return ui_ptr_move(in, e->x, e->y, now);
}

static int mouse_up(ui_input *in, const SDL_MouseButtonEvent *e, uint64_t now)
{
	if (e->button != SDL_BUTTON_LEFT || !in->mouse_down)
		return 0;
	int n = 0;
	if (in->p.active && in->p.is_mouse)
		n = ui_ptr_up(in, e->x, e->y, now);
	in->mouse_down = 0;
	unblock_if_all_up(in);
	return n;
}

static int focus_lost(ui_input *in, uint64_t now)
{
	int n = ui_ptr_cancel(in, now);
	in->n_fingers = 0;
	in->mouse_down = 0;
	in->blocked = 0;
	return n;
}

void ui_input_reset(ui_input *in)
{
	focus_lost(in, mk_now_ms());
}

static int is_synthetic_mouse(const SDL_Event *ev)
{
	switch (ev->type) {
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP: return ev->button.which == SDL_TOUCH_MOUSEID;
	case SDL_MOUSEMOTION: return ev->motion.which == SDL_TOUCH_MOUSEID;
	default: return 0;
	}
}

int ui_input_feed(ui_input *in, const SDL_Event *ev)
{
	uint64_t now = mk_now_ms();
	if (is_synthetic_mouse(ev))
		return 0;
	switch (ev->type) {
	case SDL_FINGERDOWN: return finger_down(in, &ev->tfinger, now);
	case SDL_FINGERMOTION: return finger_motion(in, &ev->tfinger, now);
	case SDL_FINGERUP: return finger_up(in, &ev->tfinger, now);
	case SDL_MOUSEBUTTONDOWN: return mouse_down(in, &ev->button, now);
	case SDL_MOUSEMOTION: return mouse_motion(in, &ev->motion, now);
	case SDL_MOUSEBUTTONUP: return mouse_up(in, &ev->button, now);
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_FOCUS_LOST)
			return focus_lost(in, now);
		return 0;
	default: return 0;
	}
}
