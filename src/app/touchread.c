/* SPDX-License-Identifier: MIT */
/*
 * Touch reading: the kiosk used by touch alone, without seeing it (issue
 * 19). A three-finger hold of a second anywhere, or a long press on
 * Listen, starts it and says how it works; the same gesture ends it (on
 * Listen, a finger that lands there and stays: one that slides onto it
 * while exploring only hears it), and so does the idle reset, for the
 * next person. While it is on, fingers no
 * longer reach the controls: a blind patient exploring the screen must
 * not press what they touch.
 *
 * - One finger resting or moving says what is under it when that changes
 *   (a control with its kind, "Next, button", or a text), as Listen says
 *   it (listen_describe), cutting off what was being said.
 * - A double tap anywhere uses the control said last, through the same
 *   path as a finger on it (app_tap_el: the new-screen guard still holds).
 * - A swipe right or left goes to the next or previous control in reading
 *   order (focus_order: right to left in Arabic) and says it. Right is
 *   "next" in every language, as on phones: the swipe is a gesture, not a
 *   direction on the page, and people who use a phone's screen reader
 *   have it in their hands already.
 * - Two fingers dragging scroll the page.
 *
 * The control said last is the keyboard's focus (focus.c), so its ring
 * shows where it is for a sighted helper, a control off screen is
 * scrolled into view, and a key and a finger never disagree on it.
 *
 * One finger's gesture is told apart by time: one that lifts within
 * TAP_MS without moving is a tap; one that travels SWIPE_PX sideways
 * within DECIDE_MS is a swipe; anything longer explores. A lone tap waits
 * DOUBLE_MS for a second one before it explores where it landed, so the
 * first tap of a double tap does not move what the double tap uses (what
 * phones' screen readers do too). Fingers are followed here by SDL's ids,
 * apart from ui/'s single pointer, which the mode sets aside.
 */
#include "app.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOLD_MS 1000  /* three fingers, or a finger on Listen, held this long toggles the mode */
#define DECIDE_MS 300 /* a finger down longer than this explores */
#define TAP_MS 250    /* a tap lifts sooner */
#define DOUBLE_MS 500 /* the second tap of a double tap lands within this of the first's lift */
#define SWIPE_PX 120  /* sideways, at 1920x1080: a swipe */
#define SLOP_PX 24    /* moved less, at 1920x1080: still a tap */
#define MAX_FINGERS 10

struct finger {
	SDL_TouchID t;
	SDL_FingerID f;
	int x0, y0, x, y;
};

struct touchread {
	struct finger fg[MAX_FINGERS];
	int n;
	int spent;         /* the fingers down did their gesture: ignored until all are up */
	uint64_t many_ms;  /* three fingers came down then, 0: no hold under way */
	/* one finger's gesture */
	int one, exploring, second, on_listen;
	uint64_t down_ms;
	/* a lone tap waiting for a second */
	int tap_pending, tap_x, tap_y;
	uint64_t tap_ms;
	int scrolling, sy; /* two fingers: the last centre's y */
	int explored;      /* the element explored last, on the screen `seen` */
	uint64_t seen, said_on; /* said_on: the screen whose control was said last */
};

static int px(const app *a, int base)
{
	return (int)((float)base * wg_scale(a->w, a->h) + 0.5f);
}

static struct touchread *tr_of(app *a)
{
	return a->loop->touch;
}

int touchread_open(app *a)
{
	if (!(a->loop->touch = calloc(1, sizeof(struct touchread))))
		return mk_err(MK_ENOMEM, "out of memory");
	a->loop->touch->explored = -1;
	return 0;
}

void touchread_close(app *a)
{
	free(a->loop->touch);
	a->loop->touch = NULL;
}

static void say_key(app *a, const char *key)
{
	listen_say_now(a, scr_str(a, key));
}

/* ---- What is where. */

/* The topmost element under (x, y) that says something (a button's label
 * is the button's); under a dialog only the dialog's. -1: nothing there. */
static int element_at(app *a, int x, int y)
{
	SDL_Point p = { x, y };
	SDL_Rect r;
	char buf[8];
	for (int i = a->vw.n - 1, first = focus_first_el(a); i >= first; i--) {
		const view_el *e = &a->vw.v[i];
		if (!tree_visible(a, i, &r) || !SDL_PointInRect(&p, &r) || (!e->fixed && y < a->vw.bar_h))
			continue;
		if (listen_describe(a, i, buf, sizeof buf))
			return i;
		if (e->kind == EL_BOX && e->fixed && e->role && (!strcmp(e->role, "bar") || !strcmp(e->role, "dialog")))
			return -1; /* what is under the bar or a dialog is hidden */
	}
	return -1;
}

/* Says element i; a control becomes the focus, its ring shown. A greyed
 * one is said but is nothing a double tap could use: the focus would
 * fall back to the screen's first control, which nobody chose. */
static void announce(app *a, int i)
{
	char s[512];
	struct touchread *t = tr_of(a);
	if (!listen_describe(a, i, s, sizeof s))
		return;
	if (a->vw.v[i].act != ACT_NONE && a->vw.v[i].enabled) {
		focus_show(a, i);
		t->said_on = focus_screen_key(a);
	} else if (a->vw.v[i].act != ACT_NONE) {
		focus_hide(a);
		t->said_on = 0;
	}
	listen_say_now(a, s);
}

static void explore_at(app *a, int x, int y)
{
	struct touchread *t = tr_of(a);
	int i = element_at(a, x, y);
	if (i == t->explored && t->seen == focus_screen_key(a))
		return;
	t->explored = i, t->seen = focus_screen_key(a);
	if (i >= 0)
		announce(a, i);
}

/* ---- On and off. */

static void start(app *a, const char *how)
{
	if (!a->listen) {
		mk_log(MK_LOG_INFO, "touch-read-off", "why=\"no speech\" how=%s", how);
		return;
	}
	a->touch_read = 1;
	listen_set_used(a, 1);
	tr_of(a)->explored = -1;
	say_key(a, "touch_on");
	a->need_layout = 1; /* Quieter and Louder in the bar */
	mk_log(MK_LOG_INFO, "touch-read", "on=1 how=%s", how);
}

static void stop(app *a, const char *how)
{
	a->touch_read = 0;
	focus_hide(a);
	a->need_layout = 1;
	mk_log(MK_LOG_INFO, "touch-read", "on=0 how=%s", how);
}

/* The fingers down have done their gesture; ui/ forgets them. */
static void spend(app *a)
{
	ui_gesture g;
	struct touchread *t = tr_of(a);
	t->spent = 1, t->one = 0, t->scrolling = 0, t->many_ms = 0, t->tap_pending = 0;
	ui_input_reset(a->loop->in);
	while (ui_input_next(a->loop->in, &g))
		;
	a->loop->pressed = -1;
	if (a->scroll.dragging)
		ui_scroller_release(&a->scroll, 0);
}

static void toggle(app *a, const char *how)
{
	spend(a);
	if (a->touch_read) {
		stop(a, how);
		say_key(a, "touch_off");
	} else {
		start(a, how);
	}
}

void touchread_end(app *a)
{
	if (a->touch_read)
		stop(a, "idle");
	snd_stream_volume(a->snd, a->cfg.speech_volume); /* the next person's own */
}

/* ---- Using controls. */

/* A control was said on this screen, and the focus is still on it. */
static int said_here(app *a)
{
	uint64_t key = focus_screen_key(a);
	return tr_of(a)->said_on == key && a->loop->focus_screen == key;
}

/* The first title or heading of a screen just opened, if nothing else
 * speaks it: where the double tap led. */
static void say_screen(app *a)
{
	char s[512];
	for (int i = focus_first_el(a); i < a->vw.n; i++) {
		const char *role = a->vw.v[i].role;
		if (role && (!strcmp(role, "title") || !strcmp(role, "heading")) && tree_visible(a, i, NULL) &&
		    listen_describe(a, i, s, sizeof s)) {
			listen_say_now(a, s);
			return;
		}
	}
}

/* The double tap. Afterwards the new screen's title is said, or the
 * control again (a chosen answer, a text size), but never a key of a pad
 * or keyboard: a PIN's digit is not said once entered (what was typed is
 * the screens' to say, as "digit entered"). */
static void use_control(app *a)
{
	uint64_t before = focus_screen_key(a);
	int i = said_here(a) ? focus_current(a) : -1, key;
	if (i < 0) {
		say_key(a, "touch_none");
		return;
	}
	key = a->vw.v[i].act == ACT_KEY;
	listen_stop(a); /* the control said, not the saying, is what is used */
	focus_show(a, i);
	app_tap_el(a, i);
	if (listen_on(a))
		return; /* it speaks for itself: Listen reading, a volume said */
	if (a->need_layout) {
		scr_build(a);
		a->need_layout = 0, a->need_draw = 1;
	}
	if (focus_screen_key(a) != before)
		say_screen(a);
	else if (!key && (i = focus_current(a)) >= 0)
		announce(a, i);
}

static void step(app *a, int dir)
{
	int here = said_here(a), order[512], n = focus_order(a, order, 512), k = -1;
	int cur = here ? focus_current(a) : -1; /* (focus_current moves a stale focus) */
	struct touchread *t = tr_of(a);
	if (n == 0)
		return;
	if (here)
		for (int j = 0; j < n; j++)
			if (order[j] == cur)
				k = j;
	k = k < 0 ? (dir > 0 ? 0 : n - 1) : (k + dir + n) % n;
	announce(a, order[k]);
	t->explored = order[k], t->seen = focus_screen_key(a);
}

void touchread_volume(app *a, int dir)
{
	int v = snd_stream_get_volume(a->snd) + 10 * dir;
	char n[8], *s;
	v = v < 10 ? 10 : v > 100 ? 100 : v; /* never silent: the way back is by ear */
	snd_stream_volume(a->snd, v);
	snprintf(n, sizeof n, "%d", (v + 5) / 10);
	s = scr_fill(scr_str(a, "touch_volume"), "{n}", n, (const char *)NULL);
	listen_say_now(a, s ? s : n);
	free(s);
	mk_log(MK_LOG_INFO, "speech-volume", "volume=%d", v);
}

/* The idle question appears: speech is in use, so Listen reads it out
 * (listen_read.c); here its "I'm still here" becomes the control a double
 * tap answers. */
void touchread_idle_asked(app *a)
{
	if (!a->touch_read)
		return;
	scr_build(a); /* the question on screen now */
	a->need_layout = 0, a->need_draw = 1;
	for (int i = focus_first_el(a); i < a->vw.n; i++)
		if (a->vw.v[i].act == ACT_STILL_HERE) {
			focus_show(a, i);
			tr_of(a)->said_on = focus_screen_key(a);
		}
}

/* ---- Fingers. The mouse's left button is one more finger (a kiosk
 * tried in a window); the mouse events SDL makes from touches are not. */

static int find(const struct touchread *t, SDL_TouchID tid, SDL_FingerID fid)
{
	for (int i = 0; i < t->n; i++)
		if (t->fg[i].t == tid && t->fg[i].f == fid)
			return i;
	return -1;
}

/* Where the fingers are on average (two fingers scrolling). */
static int centre_y(const struct touchread *t)
{
	int y = 0;
	for (int i = 0; i < t->n; i++)
		y += t->fg[i].y;
	return t->n ? y / t->n : 0;
}

static void one_down(app *a, struct touchread *t, uint64_t now)
{
	int i;
	t->one = 1, t->exploring = 0, t->down_ms = now;
	t->explored = -1; /* a new touch says what it finds, even the same again */
	t->second = t->tap_pending && now - t->tap_ms <= DOUBLE_MS;
	t->tap_pending = 0;
	i = element_at(a, t->fg[0].x, t->fg[0].y);
	t->on_listen = i >= 0 && a->vw.v[i].act == ACT_LISTEN;
}

static void finger_down(app *a, struct touchread *t, SDL_TouchID tid, SDL_FingerID fid, int x, int y)
{
	uint64_t now = mk_now_ms();
	if (find(t, tid, fid) >= 0 || t->n == MAX_FINGERS)
		return;
	t->fg[t->n++] = (struct finger){ tid, fid, x, y, x, y };
	t->many_ms = t->n == 3 && !t->spent ? now : 0;
	if (!a->touch_read || t->spent)
		return;
	if (t->n == 1)
		one_down(a, t, now);
	else if (t->n == 2) { /* a second finger: the page scrolls */
		t->one = 0, t->scrolling = 1, t->sy = centre_y(t);
	} else if (t->scrolling) {
		t->scrolling = 0;
		ui_scroller_release(&a->scroll, 0);
	}
}

static void finger_move(app *a, struct touchread *t, int k, int x, int y)
{
	struct finger *f = &t->fg[k];
	long dx = x - f->x0, dy = y - f->y0, far = px(a, 48);
	f->x = x, f->y = y;
	if (t->many_ms && dx * dx + dy * dy > far * far)
		t->many_ms = 0; /* three fingers sliding are not holding */
	if (!a->touch_read || t->spent)
		return;
	if (t->scrolling && t->n == 2) {
		int c = centre_y(t);
		if (a->overlay == OVERLAY_NONE)
			ui_scroller_drag(&a->scroll, c - t->sy);
		t->sy = c;
	} else if (t->one) {
		long slop = px(a, SLOP_PX);
		if (dx * dx + dy * dy >= slop * slop)
			t->on_listen = 0;
		if (!t->exploring && mk_now_ms() - t->down_ms >= DECIDE_MS)
			t->exploring = 1;
		if (t->exploring)
			explore_at(a, x, y);
	}
}

/* The one finger lifted: a tap, a double tap, a swipe or the end of
 * exploring. */
static void one_up(app *a, struct touchread *t, const struct finger *f, uint64_t now)
{
	long dx = f->x - f->x0, dy = f->y - f->y0, slop = px(a, SLOP_PX);
	t->one = 0;
	if (t->exploring)
		return;
	if (dx * dx + dy * dy < slop * slop && now - t->down_ms <= TAP_MS) {
		if (t->second)
			use_control(a);
		else
			t->tap_pending = 1, t->tap_ms = now, t->tap_x = f->x, t->tap_y = f->y;
	} else if (labs(dx) >= px(a, SWIPE_PX) && labs(dx) > 2 * labs(dy)) {
		step(a, dx > 0 ? 1 : -1);
	} else {
		explore_at(a, f->x, f->y);
	}
}

static void finger_up(app *a, struct touchread *t, int k)
{
	struct finger f = t->fg[k];
	t->fg[k] = t->fg[--t->n];
	t->many_ms = 0;
	if (a->touch_read && !t->spent) {
		if (t->one && t->n == 0)
			one_up(a, t, &f, mk_now_ms());
		if (t->scrolling && t->n < 2) {
			t->scrolling = 0;
			ui_scroller_release(&a->scroll, 0);
			t->spent = t->n > 0; /* the finger left does not explore */
		}
	}
	if (t->n == 0)
		t->spent = 0;
}

/* One pointer event, as a finger (-1: not one). */
static int pointer_of(const app *a, const SDL_Event *ev, SDL_TouchID *tid, SDL_FingerID *fid, int *x, int *y)
{
	switch (ev->type) {
	case SDL_FINGERDOWN: case SDL_FINGERUP: case SDL_FINGERMOTION:
		*tid = ev->tfinger.touchId, *fid = ev->tfinger.fingerId;
		*x = (int)(ev->tfinger.x * (float)a->w + 0.5f), *y = (int)(ev->tfinger.y * (float)a->h + 0.5f);
		return ev->type == SDL_FINGERDOWN ? 0 : ev->type == SDL_FINGERUP ? 2 : 1;
	case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP:
		if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
			return -1;
		*tid = -1, *fid = -1, *x = ev->button.x, *y = ev->button.y;
		return ev->type == SDL_MOUSEBUTTONDOWN ? 0 : 2;
	case SDL_MOUSEMOTION:
		if (ev->motion.which == SDL_TOUCH_MOUSEID || !(ev->motion.state & SDL_BUTTON_LMASK))
			return -1;
		*tid = -1, *fid = -1, *x = ev->motion.x, *y = ev->motion.y;
		return 1;
	default:
		return -1;
	}
}

static int pointer_event(const SDL_Event *ev)
{
	switch (ev->type) {
	case SDL_FINGERDOWN: case SDL_FINGERUP: case SDL_FINGERMOTION: case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP: case SDL_MOUSEMOTION: case SDL_MULTIGESTURE:
		return 1;
	default:
		return 0;
	}
}

/* Pointers that went away unseen: the window lost the focus (every up
 * may be lost), or the mouse moves with its button up. */
static void lost(struct touchread *t, const SDL_Event *ev)
{
	int k;
	if (ev->type == SDL_WINDOWEVENT && ev->window.event == SDL_WINDOWEVENT_FOCUS_LOST)
		t->n = 0;
	else if (ev->type == SDL_MOUSEMOTION && ev->motion.which != SDL_TOUCH_MOUSEID &&
		 !(ev->motion.state & SDL_BUTTON_LMASK) && (k = find(t, -1, -1)) >= 0)
		t->fg[k] = t->fg[--t->n];
	else
		return;
	t->one = t->scrolling = 0, t->many_ms = 0;
	t->spent = t->n > 0;
}

int touchread_event(app *a, const SDL_Event *ev)
{
	struct touchread *t = tr_of(a);
	SDL_TouchID tid;
	SDL_FingerID fid;
	int x, y, k, what, was_spent;
	lost(t, ev);
	if (scr_checking(a) && pointer_event(ev))
		spend(a); /* a PIN check drops input: nothing under way acts after it */
	was_spent = t->spent;
	what = pointer_of(a, ev, &tid, &fid, &x, &y);
	if (what == 0)
		finger_down(a, t, tid, fid, x, y);
	else if (what > 0 && (k = find(t, tid, fid)) >= 0) {
		if (what == 1)
			finger_move(a, t, k, x, y);
		else
			finger_up(a, t, k);
	}
	if (!a->touch_read && !was_spent)
		return 0; /* ui/ has it: the kiosk as usual */
	if (pointer_event(ev)) {
		a->loop->last_input_ms = mk_now_ms();
		a->loop->interacted = 1;
		a->need_draw = 1;
	}
	return pointer_event(ev);
}

/* The mode off: a finger held on Listen starts it. */
static void listen_hold(app *a, struct touchread *t, uint64_t now)
{
	int x, y, i;
	uint64_t since;
	wg_frame f = app_frame(a);
	if (t->spent || !ui_input_down(a->loop->in, &x, &y, &since) || now - since < HOLD_MS)
		return;
	i = wg_hit(&a->vw, &f, x, y);
	if (i >= 0 && a->vw.v[i].act == ACT_LISTEN)
		toggle(a, "listen");
}

void touchread_tick(app *a, uint64_t now)
{
	struct touchread *t = tr_of(a);
	if (t->many_ms && now - t->many_ms >= HOLD_MS) {
		toggle(a, "fingers");
		return;
	}
	if (!a->touch_read) {
		listen_hold(a, t, now);
		return;
	}
	if (t->one && t->on_listen && now - t->down_ms >= HOLD_MS) {
		toggle(a, "listen");
		return;
	}
	if (t->one && !t->exploring && now - t->down_ms >= DECIDE_MS) {
		t->exploring = 1;
		explore_at(a, t->fg[0].x, t->fg[0].y);
	}
	if (t->tap_pending && now - t->tap_ms > DOUBLE_MS) {
		t->tap_pending = 0; /* a lone tap: what is there is said */
		explore_at(a, t->tap_x, t->tap_y);
	}
}

uint64_t touchread_next_timer(const app *a)
{
	const struct touchread *t = a->loop->touch;
	if (t && (t->n > 0 || t->tap_pending))
		return mk_now_ms() + 16;
	return 0;
}
