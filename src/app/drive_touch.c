/* SPDX-License-Identifier: MIT */
/*
 * The driver's fingers, for touch reading (touchread.c): real SDL finger
 * events, as a touch screen sends them, on the virtual clock, so the
 * mode's timings (a one-second hold, a double tap's half second) are
 * what a script says. `fingers N MS [WHERE]` holds N fingers, `explore
 * LABEL` slides one onto a control, `finger-tap`, `finger-double-tap`,
 * `finger-swipe right|left` and `finger-scroll DY` (two fingers) do what
 * they say; `swipe-walk` swipes right through every control of a screen,
 * checking each is said, once, in reading order, and back to the first.
 * `speech-peak` and `expect-speech-peak RATIO` measure how loud the
 * speech since the last finger gesture was, to the end of what was said
 * (after `hush`, which waits for quiet first: speech plays in real time).
 */
#include "app.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { STEP_MS = 16, TOUCH_ID = 7 };

static void push_finger(app *a, Uint32 type, int id, int x, int y)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = type;
	ev.tfinger.touchId = TOUCH_ID;
	ev.tfinger.fingerId = id;
	ev.tfinger.x = (float)x / (float)a->w;
	ev.tfinger.y = (float)y / (float)a->h;
	ev.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
	SDL_PushEvent(&ev);
}

/* ms of virtual time, a frame at a time. */
static void frames(app *a, int ms)
{
	for (int t = 0; t < ms; t += STEP_MS) {
		mk_clock_advance(ms - t < STEP_MS ? (uint64_t)(ms - t) : STEP_MS);
		app_pump(a);
	}
}

/* The middle of the control or text labelled `where`, @X,Y, or the
 * middle of the screen when empty. */
static int point(app *a, const char *where, int *x, int *y)
{
	SDL_Rect r;
	int i;
	if (!*where) {
		*x = a->w / 2, *y = a->h / 2;
		return 0;
	}
	if (sscanf(where, "@%d,%d", x, y) == 2)
		return 0;
	if ((i = tree_find(a, where, 0)) < 0 || !tree_visible(a, i, &r))
		return mk_err(MK_ENOTFOUND, "nothing visible labelled '%s'", where);
	*x = r.x + r.w / 2, *y = r.y + r.h / 2;
	if (!a->vw.v[i].fixed && *y < a->vw.bar_h + 4) /* the part below the bar */
		*y = (a->vw.bar_h + (r.y + r.h < a->h ? r.y + r.h : a->h)) / 2;
	return 0;
}

static void begin(app *a)
{
	snd_stream_peak_reset(a->snd);
}

/* `fingers N MS [WHERE]`: N fingers (1 to 5) down together, 80 px apart,
 * held MS ms, lifted together. */
int drive_fingers(app *a, const char *arg)
{
	int n, ms, off = 0, x, y, rc;
	if (sscanf(arg, "%d %d %n", &n, &ms, &off) < 2 || n < 1 || n > 5 || ms < 0 || ms > 20000)
		return mk_err(MK_EINVAL, "fingers wants N (1..5) MS [LABEL|@X,Y], got '%s'", arg);
	if ((rc = point(a, off ? arg + off : "", &x, &y)) != 0)
		return rc;
	begin(a);
	drive_wait_guard(a);
	for (int k = 0; k < n; k++)
		push_finger(a, SDL_FINGERDOWN, k + 1, x + 80 * k - 40 * (n - 1), y);
	app_pump(a);
	frames(a, ms);
	for (int k = 0; k < n; k++)
		push_finger(a, SDL_FINGERUP, k + 1, x + 80 * k - 40 * (n - 1), y);
	app_pump(a);
	drive_settle(a);
	return 0;
}

/* `explore WHERE`: one finger lands beside it, slides onto it over 400
 * ms, rests there 400 ms and lifts. */
int drive_explore(app *a, const char *arg)
{
	int x, y, x0, rc = point(a, arg, &x, &y);
	if (rc)
		return rc;
	begin(a);
	x0 = x > a->w / 2 ? x - 60 : x + 60;
	push_finger(a, SDL_FINGERDOWN, 1, x0, y);
	app_pump(a);
	for (int k = 1; k <= 10; k++) {
		frames(a, 40);
		push_finger(a, SDL_FINGERMOTION, 1, x0 + (x - x0) * k / 10, y);
		app_pump(a);
	}
	frames(a, 400);
	push_finger(a, SDL_FINGERUP, 1, x, y);
	app_pump(a);
	drive_settle(a);
	return 0;
}

static void tap_once(app *a, int x, int y)
{
	push_finger(a, SDL_FINGERDOWN, 1, x, y);
	app_pump(a);
	frames(a, 80);
	push_finger(a, SDL_FINGERUP, 1, x, y);
	app_pump(a);
}

/* `finger-tap [WHERE]`: one quick tap, then the wait for a second one
 * runs out (it is a lone tap). */
int drive_finger_tap(app *a, const char *arg)
{
	int x, y, rc = point(a, arg, &x, &y);
	if (rc)
		return rc;
	begin(a);
	drive_steady_note(a, x, y);
	tap_once(a, x, y);
	frames(a, 600);
	drive_settle(a);
	return 0;
}

/* `finger-double-tap [WHERE]`: two quick taps 200 ms apart, anywhere (the
 * middle of the screen by default); a reader's, after the new-screen guard. */
int drive_finger_double_tap(app *a, const char *arg)
{
	int x, y, i = focus_current(a), rc = point(a, arg, &x, &y);
	SDL_Rect r = { -1, -1, 0, 0 };
	if (rc)
		return rc;
	begin(a);
	drive_wait_guard(a);
	if (i >= 0 && tree_visible(a, i, &r))
		r.x += r.w / 2, r.y += r.h / 2;
	drive_steady_note(a, r.x, r.y);
	tap_once(a, x, y);
	frames(a, 120);
	tap_once(a, x, y);
	drive_settle(a);
	return 0;
}

/* `finger-swipe right|left`: a flick of 300 px across the middle in 160 ms. */
int drive_finger_swipe(app *a, const char *arg)
{
	int dir = !strcmp(arg, "right") ? 1 : !strcmp(arg, "left") ? -1 : 0;
	int x = a->w / 2 - dir * 150, y = a->h / 2;
	if (!dir)
		return mk_err(MK_EINVAL, "finger-swipe wants right or left, got '%s'", arg);
	begin(a);
	push_finger(a, SDL_FINGERDOWN, 1, x, y);
	app_pump(a);
	for (int k = 1; k <= 10; k++) {
		frames(a, STEP_MS);
		push_finger(a, SDL_FINGERMOTION, 1, x + dir * 30 * k, y);
		app_pump(a);
	}
	push_finger(a, SDL_FINGERUP, 1, x + dir * 300, y);
	app_pump(a);
	drive_settle(a);
	return 0;
}

/* `finger-scroll DY`: two fingers drag DY px (up, negative, shows more
 * of the page below) over 320 ms. */
int drive_finger_scroll(app *a, const char *arg)
{
	int dy, x = a->w / 2, y = a->h / 2;
	char extra;
	if (sscanf(arg, "%d%c", &dy, &extra) != 1)
		return mk_err(MK_EINVAL, "finger-scroll wants DY, got '%s'", arg);
	begin(a);
	push_finger(a, SDL_FINGERDOWN, 1, x - 60, y);
	push_finger(a, SDL_FINGERDOWN, 2, x + 60, y);
	app_pump(a);
	for (int k = 1; k <= 20; k++) {
		frames(a, STEP_MS);
		push_finger(a, SDL_FINGERMOTION, 1, x - 60, y + dy * k / 20);
		push_finger(a, SDL_FINGERMOTION, 2, x + 60, y + dy * k / 20);
		app_pump(a);
	}
	push_finger(a, SDL_FINGERUP, 1, x - 60, y + dy);
	push_finger(a, SDL_FINGERUP, 2, x + 60, y + dy);
	app_pump(a);
	drive_settle(a);
	return 0;
}

/* `expect-scrolled MIN MAX`: the page is scrolled down by MIN to MAX px. */
int drive_expect_scrolled(app *a, const char *arg)
{
	int lo, hi, at = (int)(a->scroll.offset + 0.5f);
	if (sscanf(arg, "%d %d", &lo, &hi) != 2)
		return mk_err(MK_EINVAL, "expect-scrolled wants MIN MAX, got '%s'", arg);
	return at >= lo && at <= hi ? 0 : mk_err(MK_EINVAL, "the page is scrolled by %d px, not %d to %d",
						 at, lo, hi);
}

/* `expect-unsaid TEXT`: nothing said since the last tap contains TEXT. */
int drive_expect_unsaid(app *a, const char *arg)
{
	for (int i = 0; i < listen_n_said(a); i++)
		if (*arg && strstr(listen_said(a, i), arg))
			return mk_err(MK_EINVAL, "'%s' was said: %s", arg, listen_said(a, i));
	return *arg ? 0 : mk_err(MK_EINVAL, "expect-unsaid wants the words");
}

/* ---- How loud. */

/* Waits (real time, up to 20 s) until what is said has been played out. */
static double peak_to_end(app *a)
{
	uint64_t t0 = mk_mono_ns();
	while ((listen_on(a) || snd_stream_busy(a->snd)) && mk_mono_ns() - t0 < 20000000000ull) {
		SDL_Delay(5);
		app_pump(a);
	}
	SDL_Delay(100); /* the device's last buffer */
	return snd_stream_peak(a->snd);
}

static double remembered;

/* `hush`: waits until what is being said is played out, so the next
 * gesture's speech is measured alone. */
int drive_hush(app *a, const char *arg)
{
	(void)arg;
	peak_to_end(a);
	snd_stream_peak_reset(a->snd);
	return 0;
}

int drive_speech_peak(app *a, const char *arg)
{
	(void)arg;
	remembered = peak_to_end(a);
	printf("speech peak %.3f (%.1f dBFS)\n", remembered, remembered > 0 ? 20 * log10(remembered) : -99.0);
	fflush(stdout);
	return remembered > 0 ? 0 : mk_err(MK_EINVAL, "no speech was heard since the last finger gesture");
}

/* `expect-speech-peak RATIO`: this speech's peak is RATIO times the one
 * `speech-peak` remembered, within 12%: in one process espeak-ng makes the
 * same words a little differently from one request to the next ("Home,
 * button": 22850 to 23706 samples), and their peak moves by up to 8%,
 * while a step of the volume is 10 points of 70. */
int drive_expect_speech_peak(app *a, const char *arg)
{
	char *end;
	double want = strtod(arg, &end), got;
	if (!*arg || *end || want <= 0 || remembered <= 0)
		return mk_err(MK_EINVAL, "expect-speech-peak wants a ratio, after speech-peak");
	got = peak_to_end(a) / remembered;
	return fabs(got - want) <= 0.12 * want ? 0 :
	       mk_err(MK_EINVAL, "the speech peaked at %.3f times the remembered one, not %.3f", got, want);
}

/* ---- swipe-walk. */

static void swipe_right(app *a)
{
	drive_finger_swipe(a, "right");
}

/* What was said last is what the focus is on. */
static int said_focus(app *a, int i)
{
	char want[512];
	int n = listen_n_said(a);
	const char *got = n ? listen_said(a, n - 1) : NULL;
	if (!listen_describe(a, i, want, sizeof want))
		return mk_err(MK_EINVAL, "swipe-walk: control %d says nothing", i);
	return got && !strcmp(got, want) ? 0 :
	       mk_err(MK_EINVAL, "swipe-walk: the ring is on '%s' but '%s' was said", want, got ? got : "");
}

int drive_swipe_walk(app *a, const char *arg)
{
	(void)arg;
	if (!a->touch_read)
		return mk_err(MK_EINVAL, "swipe-walk: touch reading is not on");
	return drive_walk(a, "swipe-walk", swipe_right, said_focus);
}
