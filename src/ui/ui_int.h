/* SPDX-License-Identifier: MIT */
/*
 * ui internals shared by input.c (which reads SDL events and decides which
 * pointer is "the" pointer) and gesture.c (which turns that one pointer's
 * down/move/up into gestures). The split keeps SDL's event zoo out of the
 * gesture logic: gesture.c sees only pixels and mk_now_ms() times.
 */
#ifndef MK_UI_INT_H
#define MK_UI_INT_H

#include "ui.h"

#define UI_QUEUE_CAP 32   /* gestures waiting for ui_input_next */
#define UI_SAMPLES 32     /* motion samples kept for the release velocity */
#define UI_MAX_FINGERS 10 /* fingers remembered while counting them */

typedef struct {
	uint64_t t;
	int x, y;
} ui_sample;

/* The one pointer being followed. */
typedef struct {
	int active;
	int is_mouse;
	SDL_TouchID touch;
	SDL_FingerID finger;
	int x0, y0;      /* down point */
	int x, y;        /* latest point */
	int lx, ly;      /* point of the last DRAG */
	int dragging;    /* slop exceeded */
	uint64_t t_down;
	ui_sample s[UI_SAMPLES];
	int s_next, s_len;
} ui_pointer;

struct ui_input {
	int w, h, slop;
	ui_gesture q[UI_QUEUE_CAP];
	int q_head, q_len;
	struct { SDL_TouchID touch; SDL_FingerID finger; } fingers[UI_MAX_FINGERS];
	int n_fingers;
	int mouse_down;
	int blocked;     /* cancelled: ignore all until every pointer is up */
	ui_pointer p;
};

/* gesture.c: each returns the number of gestures queued. */
int ui_ptr_down(ui_input *in, int x, int y, uint64_t now);
int ui_ptr_move(ui_input *in, int x, int y, uint64_t now);
int ui_ptr_up(ui_input *in, int x, int y, uint64_t now);
int ui_ptr_cancel(ui_input *in, uint64_t now);
/* Release velocity (px/s) from the samples; the newest is the up. */
void ui_ptr_velocity(const ui_pointer *p, float *vx, float *vy);

#endif
