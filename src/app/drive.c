/* SPDX-License-Identifier: MIT */
/*
 * The headless UI driver: runs the real kiosk on a virtual clock and
 * executes a plain script, one command a line. Taps and swipes are pushed
 * as SDL mouse events, so they travel the same input path as a finger;
 * `expect` reads the semantic tree, so a test asserts what a patient would
 * see. The first failing line ends the run with SCRIPT:LINE: message.
 */
#include "app.h"
#include "photo.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { STEP_MS = 16 };

/* Lets ms of virtual time pass in steps of `step` ms, as frames would. */
static void advance_by(app *a, uint64_t ms, uint64_t step)
{
	for (uint64_t t = 0; t < ms; t += step) {
		mk_clock_advance(ms - t < step ? ms - t : step);
		app_pump(a);
	}
}

static void advance(app *a, uint64_t ms)
{
	advance_by(a, ms, STEP_MS);
}

/* Waits (in real time, up to a minute) for a PIN check on its thread that
 * the script does not hold; 1 if there was one. */
static int wait_check(app *a)
{
	uint64_t t0 = mk_mono_ns();
	if (!scr_checking(a))
		return 0;
#ifdef MK_TESTING
	if (scr_check_held())
		return 0;
#endif
	while (scr_checking(a) && mk_mono_ns() - t0 < 60 * 1000000000ull) {
		SDL_Delay(2);
		app_pump(a);
	}
	return 1;
}

/* Waits (in real time, up to a minute) for the photo import's checks of
 * its files, which run on their own thread; 1 if there were some. */
static int wait_import(app *a)
{
	uint64_t t0 = mk_mono_ns();
	if (!import_busy())
		return 0;
	while (import_busy() && mk_mono_ns() - t0 < 60 * 1000000000ull) {
		SDL_Delay(2);
		app_pump(a);
	}
	return 1;
}

/* Lets animations finish (up to 5 s of virtual time), a PIN check and
 * the import's file checks. */
void drive_settle(app *a)
{
	do {
		for (int i = 0; i < 5000 / STEP_MS && app_pump(a); i++)
			mk_clock_advance(STEP_MS);
	} while (wait_check(a) || wait_import(a));
	app_pump(a);
}

static void push_mouse(Uint32 type, int x, int y, int down)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = type;
	if (type == SDL_MOUSEMOTION) {
		ev.motion.x = x, ev.motion.y = y;
		ev.motion.state = down ? SDL_BUTTON_LMASK : 0;
	} else {
		ev.button.x = x, ev.button.y = y;
		ev.button.button = SDL_BUTTON_LEFT;
		ev.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
		ev.button.clicks = 1;
	}
	SDL_PushEvent(&ev);
}

/* One finger down for 80 ms; no settling afterwards. */
static void press_release(app *a, int x, int y)
{
	push_mouse(SDL_MOUSEBUTTONDOWN, x, y, 1);
	advance(a, 80);
	push_mouse(SDL_MOUSEBUTTONUP, x, y, 0);
	app_pump(a);
}

/* A reader's tap: a screen just shown ignores taps for a moment
 * (SCR_TAP_GUARD_MS), and a person reads it first, so the tap waits that
 * out. `double-tap` is the finger that does not. */
void drive_wait_guard(app *a)
{
	uint64_t now = mk_now_ms(), open = a->sc.shown_ms + SCR_TAP_GUARD_MS;
	if (a->sc.shown_ms && now < open)
		advance(a, open - now);
}

static void tap_at(app *a, int x, int y)
{
	drive_wait_guard(a);
	drive_steady_note(a, x, y);
	press_release(a, x, y);
	drive_settle(a);
}

static void swipe(app *a, int dx, int dy)
{
	int x = a->w / 2, y = a->h / 2;
	push_mouse(SDL_MOUSEBUTTONDOWN, x, y, 1);
	app_pump(a);
	for (int i = 1; i <= 10; i++) {
		mk_clock_advance(STEP_MS);
		push_mouse(SDL_MOUSEMOTION, x + dx * i / 10, y + dy * i / 10, 1);
		app_pump(a);
	}
	push_mouse(SDL_MOUSEBUTTONUP, x + dx, y + dy, 0);
	app_pump(a);
	drive_settle(a);
}

/* An SDL text event holds 31 bytes: longer text goes in several, cut
 * between UTF-8 characters, as a keyboard or scanner would send it. */
static void type_text(app *a, const char *s)
{
	SDL_Event ev;
	while (*s) {
		size_t n = strlen(s), max = sizeof ev.text.text - 1;
		if (n > max)
			for (n = max; ((unsigned char)s[n] & 0xC0) == 0x80; n--)
				;
		memset(&ev, 0, sizeof ev);
		ev.type = SDL_TEXTINPUT;
		memcpy(ev.text.text, s, n);
		SDL_PushEvent(&ev);
		app_pump(a);
		s += n;
	}
}

static int cmp_float(const void *x, const void *y)
{
	float a = *(const float *)x, b = *(const float *)y;
	return a < b ? -1 : a > b;
}

/* Commands for scripts/bench: `mark` starts counting, `redraw N` draws N
 * unchanged frames, `report LABEL` prints frame-time percentiles and text
 * renders per frame since the mark, on stdout. */
static ren_stats mark;
static uint64_t mark_frames;

static int c_mark(app *a, const char *arg)
{
	(void)arg;
	ren_get_stats(a->rn, &mark);
	mark_frames = a->loop->frames;
	a->loop->n_frame_ms = 0;
	return 0;
}

static int c_redraw(app *a, const char *arg)
{
	for (int i = 0, n = atoi(arg); i < n; i++) {
		a->need_draw = 1;
		app_pump(a);
	}
	return 0;
}

static int c_report(app *a, const char *arg)
{
	ren_stats now;
	int n = a->loop->n_frame_ms, k99 = n * 99 / 100 < n ? n * 99 / 100 : n - 1;
	ren_get_stats(a->rn, &now);
	qsort(a->loop->frame_ms, (size_t)n, sizeof a->loop->frame_ms[0], cmp_float);
	printf("%s frames=%d p50_ms=%.3f p99_ms=%.3f text_renders_per_frame=%.3f\n", arg, n,
	       n ? a->loop->frame_ms[n / 2] : 0.0, n ? a->loop->frame_ms[k99] : 0.0,
	       a->loop->frames > mark_frames ? (double)(now.text_renders - mark.text_renders) /
					 (double)(a->loop->frames - mark_frames) : 0.0);
	fflush(stdout);
	return 0;
}

/* `screens DIR`: every page in every language, a screenshot per screenful
 * (DIR/PAGE_LANG_N.png), for people reviewing the content. */
static int cmd_screens(app *a, const char *dir)
{
	int lang = a->lang;
	if (mk_mkdir_p(dir, 0755) != 0)
		return -1;
	for (int l = 0; l < a->m->n_langs; l++) {
		a->lang = l;
		for (int p = 0; p < a->m->n_pages; p++) {
			a->overlay = OVERLAY_NONE;
			app_go(a, p, 0);
			drive_settle(a);
			for (int n = 1; n <= 20; n++) {
				char *f = mk_asprintf("%s/%s_%s_%d.png", dir, a->m->pages[p].id, a->m->langs[l], n);
				int rc = f ? app_screenshot(a, f) : MK_ENOMEM;
				free(f);
				if (rc)
					return -1;
				if (a->scroll.offset >= a->scroll.max - 1)
					break;
				/* One screen minus a little overlap, so no line is missed. */
				ui_scroller_reset(&a->scroll, a->scroll.max);
				a->scroll.offset = (float)n * (float)(a->h - a->vw.bar_h) * 0.9f;
				if (a->scroll.offset > a->scroll.max)
					a->scroll.offset = a->scroll.max;
				a->need_draw = 1;
				app_pump(a);
			}
		}
	}
	a->lang = lang;
	a->need_layout = 1;
	return 0;
}

/* Each command returns 0, or an MK_E* code with the message set. */
typedef int (*drive_cmd)(app *a, const char *arg);

/* Where a finger lands on the control labelled arg, or on @X,Y. */
static int tap_point(app *a, const char *arg, int *px, int *py)
{
	int x, y, i;
	SDL_Rect r;
	if (sscanf(arg, "@%d,%d", &x, &y) == 2) {
		*px = x, *py = y;
		return 0;
	}
	if ((i = tree_find(a, arg, 1)) < 0 || !tree_visible(a, i, &r))
		return mk_err(MK_ENOTFOUND, "no visible control labelled '%s'", arg);
	/* A finger lands on the middle of the part it can see, never on the
	 * part below the screen's edge or under the bar. */
	int top = a->vw.v[i].fixed ? 0 : a->vw.bar_h, y0 = r.y > top ? r.y : top;
	int y1 = r.y + r.h < a->h ? r.y + r.h : a->h;
	if (y1 <= y0)
		return mk_err(MK_ENOTFOUND, "no visible control labelled '%s'", arg);
	*px = r.x + r.w / 2, *py = (y0 + y1) / 2;
	return 0;
}

static int c_tap(app *a, const char *arg)
{
	int x, y, rc = tap_point(a, arg, &x, &y);
	if (rc == 0)
		tap_at(a, x, y);
	return rc;
}

/* `double-tap MS TEXT`: two taps on the same spot, the second finger down
 * MS ms after the first (90..2000), as a tremor or a hurried hand would. */
static int c_double_tap(app *a, const char *arg)
{
	int ms, n = 0, x, y, rc;
	if (sscanf(arg, "%d %n", &ms, &n) != 1 || !n || ms < 90 || ms > 2000)
		return mk_err(MK_EINVAL, "double-tap wants MS (90..2000) and a label, got '%s'", arg);
	if ((rc = tap_point(a, arg + n, &x, &y)) != 0)
		return rc;
	drive_wait_guard(a);
	press_release(a, x, y);
	advance(a, (uint64_t)ms - 80);
	press_release(a, x, y);
	drive_settle(a);
	return 0;
}

static int c_lang(app *a, const char *arg)
{
	int l = content_lang_index(a->m, arg);
	if (l < 0)
		return mk_err(MK_ENOTFOUND, "the content has no language '%s'", arg);
	a->lang = l;
	ui_scroller_reset(&a->scroll, 0); /* as the language switch does */
	a->need_layout = 1;
	drive_settle(a);
	return 0;
}

static int c_size(app *a, const char *arg)
{
	int w, h;
	if (sscanf(arg, "%d %d", &w, &h) != 2 || w < 320 || h < 240)
		return mk_err(MK_EINVAL, "size wants W H, got '%s'", arg);
	SDL_SetWindowSize(a->loop->win, w, h);
	app_pump(a);
	app_sync_size(a);
	drive_settle(a);
	return 0;
}

static int c_swipe(app *a, const char *arg)
{
	int dx, dy;
	if (sscanf(arg, "%d %d", &dx, &dy) != 2)
		return mk_err(MK_EINVAL, "swipe wants DX DY, got '%s'", arg);
	swipe(a, dx, dy);
	return 0;
}

static int c_type(app *a, const char *arg)
{
	drive_steady_note(a, -1, -1);
	type_text(a, arg);
	drive_settle(a);
	return 0;
}

static int number(const char *arg, double *v)
{
	char *end;
	*v = strtod(arg, &end);
	return !*arg || *end || *v < 0 ? mk_err(MK_EINVAL, "expected a number, got '%s'", arg) : 0;
}

static int c_wait(app *a, const char *arg)
{
	double v;
	int rc = number(arg, &v);
	if (rc == 0)
		advance(a, (uint64_t)v);
	return rc;
}

/* Idle time needs no frame-by-frame steps: nothing moves. */
static int c_idle(app *a, const char *arg)
{
	double v;
	int rc = number(arg, &v);
	if (rc == 0)
		advance_by(a, (uint64_t)(v * 1000), 100);
	return rc;
}

/* clock YYYY-MM-DDTHH:MM : the wall clock (local time) from now on, moving
 * with the virtual clock (the screen-off window reads it). */
static int c_clock(app *a, const char *arg)
{
	struct tm tm = { 0 };
	char extra;
	if (sscanf(arg, "%d-%d-%dT%d:%d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &extra) != 5)
		return mk_err(MK_EINVAL, "clock wants YYYY-MM-DDTHH:MM, got '%s'", arg);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	mk_clock_set_wall((int64_t)mktime(&tm));
	drive_settle(a);
	return 0;
}

static int c_go(app *a, const char *arg)
{
	int p = content_page_index(a->m, arg);
	if (p < 0)
		return mk_err(MK_ENOTFOUND, "the content has no page '%s'", arg);
	a->overlay = OVERLAY_NONE;
	app_go(a, p, 1);
	drive_settle(a);
	return 0;
}

static int c_page(app *a, const char *arg)
{
	if (a->overlay == OVERLAY_NONE && !strcmp(a->m->pages[a->page].id, arg))
		return 0;
	return mk_err(MK_EINVAL, "expected page '%s', but %s is shown", arg,
		      a->overlay == OVERLAY_NONE ? a->m->pages[a->page].id
		      : a->overlay == OVERLAY_IDLE ? "the idle question" : "the attract screen");
}

static int c_screenshot(app *a, const char *arg)
{
	return app_screenshot(a, arg);
}

static int c_dump(app *a, const char *arg)
{
	return tree_dump(a, arg);
}

/* `hold X,Y SECONDS`: a finger resting on one spot (the staff corner). */
static int c_hold(app *a, const char *arg)
{
	int x, y;
	double sec;
	if (sscanf(arg, "%d,%d %lf", &x, &y, &sec) != 3 || sec < 0)
		return mk_err(MK_EINVAL, "hold wants X,Y SECONDS, got '%s'", arg);
	push_mouse(SDL_MOUSEBUTTONDOWN, x, y, 1);
	app_pump(a);
	advance_by(a, (uint64_t)(sec * 1000), 100);
	push_mouse(SDL_MOUSEBUTTONUP, x, y, 0);
	app_pump(a);
	drive_settle(a);
	return 0;
}

/* `press X,Y SECONDS` puts a finger down and keeps it there while SECONDS
 * pass (nothing settles: time moves only as said); `lift` takes it off
 * where it is. To look at the staff corner's ring mid-hold. */
static int pressed_x, pressed_y;

static int c_press(app *a, const char *arg)
{
	double sec;
	if (sscanf(arg, "%d,%d %lf", &pressed_x, &pressed_y, &sec) != 3 || sec < 0)
		return mk_err(MK_EINVAL, "press wants X,Y SECONDS, got '%s'", arg);
	push_mouse(SDL_MOUSEBUTTONDOWN, pressed_x, pressed_y, 1);
	app_pump(a);
	advance_by(a, (uint64_t)(sec * 1000), STEP_MS);
	return 0;
}

static int c_lift(app *a, const char *arg)
{
	(void)arg;
	push_mouse(SDL_MOUSEBUTTONUP, pressed_x, pressed_y, 0);
	app_pump(a);
	drive_settle(a);
	return 0;
}

/* `copy ROLE` keeps the text of the first element with that role (the new
 * patient code, say); `type-copied` types it, as a card scanner would. */
static char copied[SDL_TEXTINPUTEVENT_TEXT_SIZE]; /* what one text event carries */

static int c_copy(app *a, const char *arg)
{
	for (int i = 0; i < a->vw.n; i++)
		if (a->vw.v[i].role && !strcmp(a->vw.v[i].role, arg) && a->vw.v[i].text) {
			snprintf(copied, sizeof copied, "%s", a->vw.v[i].text);
			return 0;
		}
	return mk_err(MK_ENOTFOUND, "nothing with role '%s' on screen", arg);
}

static int c_type_copied(app *a, const char *arg)
{
	(void)arg;
	type_text(a, copied);
	drive_settle(a);
	return 0;
}

#ifdef MK_TESTING /* seed and setenv: for tests and scripts/bench only */
/* `seed N` (scripts/bench): for the signed-in patient, N sessions done,
 * each followed by a report with varied answers, saved as the kiosk saves
 * one; prints save time percentiles. */
static int c_seed(app *a, const char *arg)
{
	int n = atoi(arg), rule;
	float ms[256];
	store_course c;
	char uuid[STORE_UUID_LEN + 1];
	if (n < 1 || n > 256 || !track_signed_in(a->tk) || track_course(a->tk, &c) != 0)
		return mk_err(MK_EINVAL, "seed wants 1..256 and a signed-in patient with a course");
	for (int i = 0; i < n; i++) {
		if (store_session_done(a->st, c.uuid, scr_now()) != 0)
			return MK_EIO;
		track_report_begin(a->tk, a->lang);
		track_draft(a->tk)->areas = 1u << CONTENT_AREA_THIGHS;
		for (int k = track_next_item(a->tk, -1); k >= 0; k = track_next_item(a->tk, k)) {
			const content_scale *sc = &a->m->q.scales[a->m->q.items[k].scale];
			int o = sc->n_options > 2 ? (i * 7 + k * 3) % 3 : 0; /* never a red flag */
			track_draft(a->tk)->scores[k] = sc->scores[o];
		}
		uint64_t t0 = mk_mono_ns();
		if (track_report_save(a->tk, &rule, uuid) != 0)
			return MK_EIO;
		ms[i] = (float)(mk_mono_ns() - t0) / 1e6f;
	}
	qsort(ms, (size_t)n, sizeof ms[0], cmp_float);
	printf("seed reports=%d save_p50_ms=%.2f save_p99_ms=%.2f\n", n, ms[n / 2], ms[(n * 99) / 100]);
	a->need_layout = 1;
	drive_settle(a);
	return 0;
}

/* A 12-megapixel photo-like JPEG (gradients and grain, so it compresses
 * like a real one), made once for `seed-photos`. */
static int synthetic_jpeg(void **jpg, size_t *n)
{
	photo_image img = { 4000, 3000, SDL_CreateRGBSurfaceWithFormat(0, 4000, 3000, 24, SDL_PIXELFORMAT_RGB24) };
	uint32_t seed = 12345;
	if (!img.s)
		return MK_ENOMEM;
	for (int y = 0; y < img.h; y++) {
		Uint8 *row = (Uint8 *)img.s->pixels + (size_t)y * (size_t)img.s->pitch;
		for (int x = 0; x < img.w; x++) {
			seed = seed * 1103515245u + 12345u;
			int g = (int)(seed >> 27);
			row[3 * x] = (Uint8)(180 + x / 80 + g);
			row[3 * x + 1] = (Uint8)(120 + y / 60 + g);
			row[3 * x + 2] = (Uint8)(100 + (x + y) / 120 + g);
		}
	}
	int rc = photo_image_encode(&img, 92, jpg, n);
	photo_image_free(&img);
	return rc;
}

static long peak_rss_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "VmHWM:", 6))
			kb = atol(line + 6);
	if (f)
		fclose(f);
	return kb;
}

/* `seed-photos N` (scripts/bench): N photos of 12 MP for the signed-in
 * patient through the import path (decode, thumbnail, hash, encrypt,
 * write, fsync); prints the time of each save's percentiles and the peak
 * memory while saving (the peak is reset first through clear_refs). */
static int c_seed_photos(app *a, const char *arg)
{
	int n = atoi(arg);
	float ms[256];
	void *jpg = NULL;
	size_t len = 0;
	if (n < 1 || n > 256 || !track_signed_in(a->tk) || synthetic_jpeg(&jpg, &len) != 0)
		return mk_err(MK_EINVAL, "seed-photos wants 1..256, a signed-in patient and memory");
	FILE *f = fopen("/proc/self/clear_refs", "w");
	long base = peak_rss_kb();
	if (f) { /* "5" resets the peak resident size (Linux) */
		fputs("5", f);
		fclose(f);
	}
	a->sc.photo_area = CONTENT_AREA_THIGHS;
	for (int i = 0; i < n; i++) {
		uint64_t t0 = mk_mono_ns();
		if (shot_save_bytes(a, jpg, len, "import") != 0)
			return free(jpg), MK_EIO;
		ms[i] = (float)(mk_mono_ns() - t0) / 1e6f;
	}
	qsort(ms, (size_t)n, sizeof ms[0], cmp_float);
	printf("photos n=%d bytes=%zu save_p50_ms=%.1f save_p99_ms=%.1f peak_rss_kb=%ld before_kb=%ld\n", n,
	       len, ms[n / 2], ms[(n * 99) / 100], peak_rss_kb(), base);
	free(jpg);
	return 0;
}

/* `pin-check hold`: the next PIN check waits before it starts (the screen
 * shows it checking, taps can be tried on it); `pin-check release` lets it
 * run, and waits for its answer. */
static int c_pin_check(app *a, const char *arg)
{
	if (strcmp(arg, "hold") && strcmp(arg, "release"))
		return mk_err(MK_EINVAL, "pin-check wants hold or release, got '%s'", arg);
	scr_check_hold(!strcmp(arg, "hold"));
	drive_settle(a);
	return 0;
}

#endif

/* `time-layout LABEL [cold]`: lays out and draws the current screen again
 * and prints how long each took (the chart and timeline benches); cold
 * drops the decrypted photos first, as a new visit to the screen would. */
static int c_time_layout(app *a, const char *arg)
{
	if (mk_str_contains(arg, " cold"))
		pics_clear(a);
	uint64_t t0 = mk_mono_ns(), t1;
	scr_build(a);
	t1 = mk_mono_ns();
	app_draw(a);
	printf("%s layout_ms=%.2f draw_ms=%.2f\n", arg, (double)(t1 - t0) / 1e6,
	       (double)(mk_mono_ns() - t1) / 1e6);
	return 0;
}

#ifdef MK_TESTING
/* `setenv NAME VALUE` (VALUE empty: unset): for test hooks such as the
 * store's MK_TEST_FREE_BYTES, a disk that fills up while the kiosk runs. */
static int c_setenv(app *a, const char *arg)
{
	char name[64];
	int n = (int)strcspn(arg, " \t");
	(void)a;
	if (n == 0 || n >= (int)sizeof name)
		return mk_err(MK_EINVAL, "setenv wants NAME VALUE, got '%s'", arg);
	snprintf(name, sizeof name, "%.*s", n, arg);
	const char *v = arg + n + strspn(arg + n, " \t");
	if (*v)
		setenv(name, v, 1);
	else
		unsetenv(name);
	return 0;
}
#endif

/* A wait in real seconds for the sender (1..3600), then a fresh layout. */
static int wait_real(app *a, const char *cmd, const char *arg, int (*until)(app *a, int seconds))
{
	int s = atoi(arg);
	if (s < 1 || s > 3600)
		return mk_err(MK_EINVAL, "%s wants 1..3600 seconds, got '%s'", cmd, arg);
	int rc = until(a, s);
	a->need_layout = 1;
	drive_settle(a);
	return rc;
}

/* `expect-sound TONE N`: the kiosk has played TONE (chime, attention) N
 * times since it started, heard or not (sound.h counts either way);
 * `expect-sound speech N` and `expect-sound recording N` are Listen's
 * (drive_say.c). */
static int c_expect_sound(app *a, const char *arg)
{
	char name[32];
	if (!strncmp(arg, "speech ", 7))
		return drive_expect_speech(a, arg + 7 + strspn(arg + 7, " \t"));
	if (!strncmp(arg, "recording ", 10))
		return drive_expect_recording(a, arg + 10 + strspn(arg + 10, " \t"));
	int n = -1, t = sscanf(arg, "%31s %d", name, &n) == 2 ? snd_tone_by_name(name) : -1;
	if (t < 0)
		return mk_err(MK_EINVAL, "expect-sound wants chime|attention N, got '%s'", arg);
	unsigned got = snd_played(a->snd, (snd_tone)t);
	return got == (unsigned)n ? 0 : mk_err(MK_EINVAL, "%s played %u times, not %d", name, got, n);
}

/* `expect-queued KIND N`: N items of that kind wait in the outbox. */
static int c_expect_queued(app *a, const char *arg)
{
	static store_outbox_item it[512];
	char kind[16];
	int want, n = 0, got = 0;
	if (sscanf(arg, "%15s %d", kind, &want) != 2)
		return mk_err(MK_EINVAL, "expect-queued wants KIND N, got '%s'", arg);
	if (!a->st || store_outbox_next(a->st, 512, it, &n) != 0)
		return mk_err(MK_EIO, "the outbox cannot be read");
	for (int i = 0; i < n; i++)
		got += !strcmp(it[i].kind, kind);
	return got == want ? 0 : mk_err(MK_EINVAL, "%d %s items wait, not %d", got, kind, want);
}

/* `wait-sent SECONDS`: the outbox is empty within that many real seconds. */
static int c_wait_sent(app *a, const char *arg) { return wait_real(a, "wait-sent", arg, send_wait); }

/* `wait-problem SECONDS`: the sender reports a problem within that many
 * real seconds (for the tests of what staff are told). */
static int c_wait_problem(app *a, const char *arg)
{
	return wait_real(a, "wait-problem", arg, send_wait_problem);
}

static const struct {
	const char *name;
	drive_cmd fn;
} commands[] = {
	{ "wait-sent", c_wait_sent }, { "wait-problem", c_wait_problem },
#ifdef MK_TESTING
	{ "setenv", c_setenv }, { "seed", c_seed }, { "seed-photos", c_seed_photos },
	{ "pin-check", c_pin_check },
	{ "bundle-offer", drive_bundle_offer }, { "expect-content-state", drive_expect_content_state },
	{ "screenshot-request", drive_screenshot_request },
	{ "expect-screenshot-answer", drive_expect_screenshot_answer }, { "crash", drive_crash },
	{ "wait-content", drive_wait_content },
	{ "package-offer", drive_package_offer }, { "expect-software-state", drive_expect_software_state },
	{ "software-status", drive_software_status },
#endif
	{ "time-layout", c_time_layout },
	{ "hold", c_hold }, { "press", c_press }, { "lift", c_lift },
	{ "expect-role", drive_expect_role }, { "expect-no-role", drive_expect_no_role }, { "copy", c_copy }, { "type-copied", c_type_copied },
	{ "clock", c_clock }, { "tap", c_tap }, { "double-tap", c_double_tap }, { "lang", c_lang }, { "size", c_size }, { "swipe", c_swipe },
	{ "type", c_type }, { "wait", c_wait }, { "idle", c_idle }, { "expect", drive_expect },
	{ "expect-not", drive_expect_not }, { "expect-in-view", drive_expect_in_view },
	{ "expect-code", drive_expect_code }, { "expect-disabled", drive_expect_disabled },
	{ "expect-dir", drive_expect_dir }, { "remember-place", drive_remember_place },
	{ "expect-same-place", drive_expect_same_place }, { "expect-scale", drive_expect_scale },
	{ "expect-theme", drive_expect_theme }, { "go", c_go }, { "page", c_page },
	{ "expect-steady", drive_expect_steady },
	{ "screenshot", c_screenshot }, { "dump", c_dump }, { "screens", cmd_screens },
	{ "mark", c_mark }, { "redraw", c_redraw }, { "report", c_report },
	{ "expect-sound", c_expect_sound }, { "expect-queued", c_expect_queued },
	{ "key", drive_key }, { "expect-focus", drive_expect_focus }, { "focus-walk", drive_focus_walk },
	{ "expect-ring", drive_expect_ring },
	{ "say-log", drive_say_log }, { "expect-said", drive_expect_said },
	{ "expect-all-spoken", drive_expect_all_spoken }, { "expect-reading", drive_expect_reading },
	{ "said-mark", drive_said_mark }, { "expect-never-said", drive_expect_never_said },
	{ "walk-every", drive_walk_every }, { "shots", drive_shots },
	{ "fingers", drive_fingers }, { "explore", drive_explore }, { "finger-tap", drive_finger_tap },
	{ "finger-double-tap", drive_finger_double_tap }, { "finger-swipe", drive_finger_swipe },
	{ "finger-scroll", drive_finger_scroll }, { "swipe-walk", drive_swipe_walk },
	{ "speech-peak", drive_speech_peak }, { "hush", drive_hush },
	{ "expect-scrolled", drive_expect_scrolled }, { "expect-unsaid", drive_expect_unsaid }, { "expect-speech-peak", drive_expect_speech_peak },
};

/* Commands that look at or move the keyboard's focus: a walk before them
 * would move it under them. */
static int keyboard_cmd(const char *cmd)
{
	return !strcmp(cmd, "key") || !strcmp(cmd, "expect-focus") || !strcmp(cmd, "focus-walk") ||
	       !strcmp(cmd, "expect-ring") || !strcmp(cmd, "walk-every");
}

/* Runs one command; on failure prints SCRIPT:LINE: message. */
static int run_line(app *a, const char *cmd, const char *arg, const char *script, int line)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(cmd, commands[i].name))
			continue;
		if ((keyboard_cmd(cmd) || drive_walk_pending(a) == 0) && commands[i].fn(a, arg) == 0)
			return 0;
		fprintf(stderr, "%s:%d: %s\n", script, line, mk_err_msg());
		return 1;
	}
	fprintf(stderr, "%s:%d: unknown command '%s'\n", script, line, cmd);
	return 1;
}

int drive_run(app *a, const char *script)
{
	char *text, *line, *next;
	int n = 0, rc = 0;
	if (mk_read_file(script, &text, NULL) != 0) {
		fprintf(stderr, "%s:0: %s\n", script, mk_err_msg());
		return 1;
	}
	drive_settle(a);
	drive_walk_init();
	for (line = text; line && rc == 0; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		n++;
		char *s = mk_trim(line), *arg;
		if (!*s || *s == '#')
			continue;
		arg = s + strcspn(s, " \t");
		if (*arg)
			*arg++ = 0;
		rc = run_line(a, s, mk_trim(arg), script, n);
	}
	if (rc == 0 && drive_walk_pending(a) != 0) { /* the last screen */
		fprintf(stderr, "%s:%d: %s\n", script, n, mk_err_msg());
		rc = 1;
	}
	free(text);
	return rc;
}
