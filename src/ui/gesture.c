/* SPDX-License-Identifier: MIT */
/*
 * Gestures from one pointer. input.c has already chosen the pointer and
 * converted it to window pixels; here a down, some moves and an up become
 * PRESS, DRAG..., TAP or RELEASE, queued for ui_input_next().
 *
 * A pointer stays a tap candidate until it has strayed the slop from its
 * down point; from then on it is a drag for good, so a finger that wanders
 * out and back is not a tap. DRAG carries deltas since the previous DRAG,
 * which is what a scroller wants; the first one carries all the movement
 * from the down point, so nothing swallowed by the slop is lost. The
 * release velocity is a finite difference over the last ~80 ms of samples:
 * averaging a short window smooths the jitter of touch panels while still
 * reflecting the flick at the end rather than the whole drag.
 */
#include "ui_int.h"
#include "core.h"

#define VEL_WINDOW_MS 80
#define VEL_REST_MS 100

static void q_push(ui_input *in, const ui_gesture *g)
{
	if (in->q_len == UI_QUEUE_CAP) {
		/* Nobody is reading: fold drags together, else drop the oldest. */
		ui_gesture *last = &in->q[(in->q_head + in->q_len - 1) % UI_QUEUE_CAP];
		if (g->kind == UI_DRAG && last->kind == UI_DRAG) {
			int dx = last->dx + g->dx, dy = last->dy + g->dy;
			*last = *g;
			last->dx = dx;
			last->dy = dy;
			return;
		}
		in->q_head = (in->q_head + 1) % UI_QUEUE_CAP;
		in->q_len--;
	}
	in->q[(in->q_head + in->q_len) % UI_QUEUE_CAP] = *g;
	in->q_len++;
}

/* A gesture describing the pointer as it is now. */
static ui_gesture g_make(const ui_pointer *p, ui_gesture_kind kind, uint64_t now)
{
	ui_gesture g = {0};
	g.kind = kind;
	g.x = p->x;
	g.y = p->y;
	g.x0 = p->x0;
	g.y0 = p->y0;
	g.t_ms = now;
	g.held_ms = now - p->t_down;
	return g;
}

static void sample_add(ui_pointer *p, int x, int y, uint64_t now)
{
	p->s[p->s_next] = (ui_sample){ now, x, y };
	p->s_next = (p->s_next + 1) % UI_SAMPLES;
	if (p->s_len < UI_SAMPLES)
		p->s_len++;
}

int ui_ptr_down(ui_input *in, int x, int y, uint64_t now)
{
	ui_pointer *p = &in->p;
	p->active = 1;
	p->x0 = p->x = p->lx = x;
	p->y0 = p->y = p->ly = y;
	p->dragging = 0;
	p->t_down = now;
	p->s_next = p->s_len = 0;
	sample_add(p, x, y, now);
	ui_gesture g = g_make(p, UI_PRESS, now);
	q_push(in, &g);
	return 1;
}

static int past_slop(const ui_input *in, const ui_pointer *p)
{
	long dx = p->x - p->x0, dy = p->y - p->y0;
	return dx * dx + dy * dy >= (long)in->slop * in->slop;
}

/* Records the new point and queues a DRAG if the pointer is (now) dragging. */
int ui_ptr_move(ui_input *in, int x, int y, uint64_t now)
{
	ui_pointer *p = &in->p;
	if (!p->active)
		return 0;
	p->x = x;
	p->y = y;
	sample_add(p, x, y, now);
	if (!p->dragging && !past_slop(in, p))
		return 0;
	p->dragging = 1;
	if (x == p->lx && y == p->ly)
		return 0;
	ui_gesture g = g_make(p, UI_DRAG, now);
	g.dx = x - p->lx;
	g.dy = y - p->ly;
	p->lx = x;
	p->ly = y;
	q_push(in, &g);
	return 1;
}

int ui_ptr_up(ui_input *in, int x, int y, uint64_t now)
{
	ui_pointer *p = &in->p;
	if (!p->active)
		return 0;
	int n = ui_ptr_move(in, x, y, now);
	ui_gesture g = g_make(p, p->dragging ? UI_RELEASE : UI_TAP, now);
	if (p->dragging)
		ui_ptr_velocity(p, &g.vx, &g.vy);
	q_push(in, &g);
	p->active = 0;
	return n + 1;
}

int ui_ptr_cancel(ui_input *in, uint64_t now)
{
	ui_pointer *p = &in->p;
	if (!p->active)
		return 0;
	ui_gesture g = g_make(p, UI_CANCEL, now);
	q_push(in, &g);
	p->active = 0;
	return 1;
}

/* The i-th newest sample (0 = newest). */
static const ui_sample *sample_at(const ui_pointer *p, int i)
{
	return &p->s[(p->s_next - 1 - i + 2 * UI_SAMPLES) % UI_SAMPLES];
}

void ui_ptr_velocity(const ui_pointer *p, float *vx, float *vy)
{
	*vx = *vy = 0;
	if (p->s_len < 2)
		return;
	const ui_sample *end = sample_at(p, 0), *from = end;
	int i = 1;
	for (; i < p->s_len && end->t - sample_at(p, i)->t <= VEL_WINDOW_MS; i++)
		from = sample_at(p, i);
	/* Nothing earlier in the window: reach back one more sample. A finger
	 * that rested left its last sample where it lifts, so that gives 0 by
	 * itself; the limit stops an up that jumped after a pause from
	 * inventing a flick. */
	if (from->t == end->t && i < p->s_len &&
	    end->t - sample_at(p, i)->t <= VEL_REST_MS)
		from = sample_at(p, i);
	if (from->t >= end->t)
		return;
	float dt = (float)(end->t - from->t) / 1000.0f;
	*vx = (float)(end->x - from->x) / dt;
	*vy = (float)(end->y - from->y) / dt;
}
