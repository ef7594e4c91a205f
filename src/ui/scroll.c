/* SPDX-License-Identifier: MIT */
/*
 * Scroller: a drag moves the content with the finger, a flick keeps it
 * coasting, and the edges give way a little and spring back. No state but
 * the public struct, so a page can keep one per scrolling area by value.
 *
 * Every motion is an exponential decay, integrated exactly over each frame's
 * dt rather than with Euler steps, so the feel does not depend on the frame
 * rate and a long frame cannot overshoot: coasting velocity decays with a
 * 325 ms time constant (the iOS "normal" deceleration), a coast past an edge
 * with a much shorter one, an overscroll relaxes back to the edge, and a
 * nudge relaxes toward its target (an ease-out of ~150 ms). Pulling past an
 * edge follows a rubber band whose give halves at once and then tapers,
 * so it can never exceed MAX_OVER however far the finger goes.
 */
#include "ui.h"
#include <math.h>
#include <string.h>

#define FRICTION_S 0.325f   /* coasting velocity time constant */
#define EDGE_FRICTION_S 0.025f /* coasting outward past an edge */
#define SPRING_S 0.07f      /* overscroll relaxing back to the edge */
#define NUDGE_S 0.03f       /* nudge relaxing toward its target */
#define STOP_V 20.0f        /* px/s below which coasting stops */
#define MAX_V 6000.0f       /* px/s */
#define MAX_OVER 150.0f     /* px past an edge, at most */
#define MAX_DT_MS 50        /* a stalled frame must not jump */
#define SNAP_PX 0.5f        /* close enough to land exactly */

static float clampf(float v, float lo, float hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static float sane_max(float max)
{
	return isfinite(max) && max > 0 ? max : 0;
}

/* Signed distance past the nearest edge: < 0 above the top, > 0 below. */
static float overscroll(const ui_scroller *s)
{
	if (s->offset < 0)
		return s->offset;
	if (s->offset > s->max)
		return s->offset - s->max;
	return 0;
}

static int moving(const ui_scroller *s)
{
	return s->nudging || s->velocity != 0 || overscroll(s) != 0;
}

void ui_scroller_reset(ui_scroller *s, float max)
{
	memset(s, 0, sizeof *s);
	s->max = sane_max(max);
}

void ui_scroller_set_max(ui_scroller *s, float max)
{
	s->max = sane_max(max);
	if (s->nudging)
		s->target = clampf(s->target, 0, s->max);
	/* Content that shrank under the offset springs back on the next step. */
	if (!s->dragging && overscroll(s) != 0 && s->velocity == 0)
		s->last_ms = 0;
}

/* Overscroll after pulling `out` px further outward from `over` px. */
static float rubber(float over, float out)
{
	over = fminf(over, MAX_OVER);
	return MAX_OVER - (MAX_OVER - over) * expf(-0.5f * out / MAX_OVER);
}

void ui_scroller_drag(ui_scroller *s, int dy)
{
	s->dragging = 1;
	s->velocity = 0;
	s->nudging = 0;
	float d = (float)-dy, o = s->offset, to = o + d;
	if (d > 0 && to > s->max) {
		float from = fmaxf(o, s->max);
		s->offset = s->max + rubber(from - s->max, to - from);
	} else if (d < 0 && to < 0) {
		float from = fminf(o, 0);
		s->offset = -rubber(-from, from - to);
	} else {
		s->offset = to;
	}
}

void ui_scroller_release(ui_scroller *s, float vy)
{
	s->dragging = 0;
	s->nudging = 0;
	s->velocity = isfinite(vy) ? clampf(-vy, -MAX_V, MAX_V) : 0;
	s->last_ms = 0;
}

void ui_scroller_nudge(ui_scroller *s, float delta)
{
	if (s->dragging || !isfinite(delta))
		return;
	if (!moving(s))
		s->last_ms = 0;
	float from = s->nudging ? s->target : s->offset;
	s->target = clampf(from + delta, 0, s->max);
	s->nudging = 1;
	s->velocity = 0;
}

static void nudge_step(ui_scroller *s, float dt)
{
	s->offset += (s->target - s->offset) * (1 - expf(-dt / NUDGE_S));
	if (fabsf(s->target - s->offset) < SNAP_PX) {
		s->offset = s->target;
		s->nudging = 0;
	}
}

static void coast_step(ui_scroller *s, float dt)
{
	float over = overscroll(s);
	int outward = over * s->velocity > 0;
	float tau = outward ? EDGE_FRICTION_S : FRICTION_S;
	float decay = expf(-dt / tau);
	s->offset += s->velocity * tau * (1 - decay);
	s->velocity *= decay;
	float lo = -MAX_OVER, hi = s->max + MAX_OVER;
	if (s->offset < lo || s->offset > hi) {
		s->offset = clampf(s->offset, lo, hi);
		s->velocity = 0;
	}
	if (fabsf(s->velocity) < STOP_V)
		s->velocity = 0;
}

static void spring_step(ui_scroller *s, float dt)
{
	float edge = s->offset < 0 ? 0 : s->max;
	float off = (s->offset - edge) * expf(-dt / SPRING_S);
	s->offset = fabsf(off) < SNAP_PX ? edge : edge + off;
}

int ui_scroller_step(ui_scroller *s, uint64_t now_ms)
{
	if (s->dragging || !moving(s)) {
		s->last_ms = now_ms;
		return 0;
	}
	if (s->last_ms == 0 || now_ms < s->last_ms) {
		s->last_ms = now_ms;
		return 1;
	}
	uint64_t ms = now_ms - s->last_ms;
	float dt = (float)(ms > MAX_DT_MS ? MAX_DT_MS : ms) / 1000.0f;
	s->last_ms = now_ms;
	if (s->nudging)
		nudge_step(s, dt);
	else if (s->velocity != 0)
		coast_step(s, dt);
	else
		spring_step(s, dt);
	return moving(s);
}
