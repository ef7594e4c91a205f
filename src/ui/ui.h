/* SPDX-License-Identifier: MIT */
/*
 * ui: input and motion, independent of what is drawn. Touch and mouse come
 * in as SDL events and leave as one stream of gestures (press, drag, tap,
 * release) in window pixels, so the rest of the app never knows which
 * produced them. Mouse events that SDL synthesizes from touches are dropped
 * here, which is what keeps a finger from tapping twice.
 *
 * The scroller turns drags into a scroll offset with momentum and soft
 * edges; it is driven by mk_now_ms() so tests can run it on a virtual clock.
 */
#ifndef MK_UI_H
#define MK_UI_H

#include <SDL.h>
#include <stdint.h>

/* ---- Gestures. */
typedef enum {
	UI_NONE,
	UI_PRESS,   /* finger or button down at (x, y) */
	UI_DRAG,    /* moved past the slop: (dx, dy) since the last DRAG, (x, y) now */
	UI_TAP,     /* up without having dragged: (x, y) up point, (x0, y0) down point */
	UI_RELEASE, /* up after a drag: (vx, vy) release velocity in px/s */
	UI_CANCEL,  /* the gesture was abandoned (second finger, focus lost) */
} ui_gesture_kind;

typedef struct {
	ui_gesture_kind kind;
	int x, y;       /* current point */
	int x0, y0;     /* where the gesture started */
	int dx, dy;     /* DRAG only */
	float vx, vy;   /* RELEASE only */
	uint64_t t_ms;  /* mk_now_ms() at the event */
	uint64_t held_ms; /* how long the pointer has been down (TAP, RELEASE) */
} ui_gesture;

typedef struct ui_input ui_input;

int ui_input_new(ui_input **out);
void ui_input_free(ui_input *in);
/* Window size in pixels, to turn normalized touch coordinates into pixels. */
void ui_input_set_size(ui_input *in, int w, int h);
/* Feeds one SDL event; returns the number of gestures queued (0..2). */
int ui_input_feed(ui_input *in, const SDL_Event *ev);
/* Pops the next gesture; returns 0 when there is none. */
int ui_input_next(ui_input *in, ui_gesture *out);
/* 1 while a finger or button is down (for press-and-hold). */
int ui_input_down(const ui_input *in, int *x, int *y, uint64_t *since_ms);
/* Forgets every pointer and finger, cancelling a gesture under way (a
 * mode that takes the fingers over). */
void ui_input_reset(ui_input *in);
/* Drag slop in pixels: movement below it is still a tap (default 24). */
void ui_input_set_slop(ui_input *in, int px);

/* ---- Scrolling with momentum. Offset is in [0, max] at rest; a drag may
 * pull it slightly past an edge, and it springs back on release. */
typedef struct {
	float offset;   /* current scroll offset in px (0 = top) */
	float max;      /* content height minus view height, >= 0 */
	float velocity; /* px/s, positive scrolls down the content */
	int dragging;
	uint64_t last_ms;
	float target;   /* where a nudge is heading (valid while nudging) */
	int nudging;
} ui_scroller;

void ui_scroller_reset(ui_scroller *s, float max);
void ui_scroller_set_max(ui_scroller *s, float max);
/* A drag moved the finger by dy (finger down = content moves down = offset
 * decreases). */
void ui_scroller_drag(ui_scroller *s, int dy);
/* Finger lifted with vertical velocity vy (px/s of the finger). */
void ui_scroller_release(ui_scroller *s, float vy);
/* Advances the animation to now; returns 1 while still moving (the app
 * keeps drawing frames), 0 at rest. */
int ui_scroller_step(ui_scroller *s, uint64_t now_ms);
/* Scroll by a wheel or key step, with a short animation. */
void ui_scroller_nudge(ui_scroller *s, float delta);

#endif
