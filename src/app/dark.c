/* SPDX-License-Identifier: MIT */
/*
 * The nightly screen-off window (kiosk.conf screen_off = 22:00-06:00). cage
 * 0.1.4 cannot power a screen down, so the app does the next best thing: in
 * the window, once nobody is using the kiosk, it clears everything of the
 * last visitor (the same reset as the idle time-out), draws one black frame
 * and stops drawing. A touch wakes it for the evening cleaner or a late
 * patient; it goes dark again after idle_seconds without a touch, and wakes
 * by itself when the window ends. The main loop keeps running underneath
 * (the watchdog, the sender), it only stops painting.
 */
#include "app.h"
#include <time.h>

static int minute_now(void)
{
	time_t t = (time_t)mk_wall_s();
	struct tm tm;
	localtime_r(&t, &tm);
	return tm.tm_hour * 60 + tm.tm_min;
}

static int in_window(const app_config *c, int m)
{
	if (c->screen_off_from < 0)
		return 0;
	if (c->screen_off_from < c->screen_off_to)
		return m >= c->screen_off_from && m < c->screen_off_to;
	return m >= c->screen_off_from || m < c->screen_off_to;
}

void dark_tick(app *a, uint64_t now)
{
	int in = in_window(&a->cfg, minute_now());
	if (a->loop->dark && !in) {
		a->loop->dark = 0;
		a->loop->last_input_ms = now;
		a->need_layout = 1;
		mk_log(MK_LOG_INFO, "screen-on", "reason=%s", "window-ended");
		return;
	}
	if (a->loop->dark || !in || a->sc.staff)
		return;
	if (a->overlay == OVERLAY_ATTRACT ||
	    (a->overlay == OVERLAY_NONE && !a->loop->interacted &&
	     now >= a->loop->last_input_ms + (uint64_t)scr_idle_s(a) * 1000)) {
		if (a->sc.id != SCR_PAGE || a->overlay != OVERLAY_ATTRACT)
			app_reset(a);
		a->loop->dark = 1;
		view_clear(&a->vw); /* nothing on screen, nothing in the semantic tree */
		a->need_layout = 0;
		a->need_draw = 1;
		mk_log(MK_LOG_INFO, "screen-off", "until=%02d:%02d", a->cfg.screen_off_to / 60,
		       a->cfg.screen_off_to % 60);
	}
}

int dark_wake(app *a)
{
	if (!a->loop->dark)
		return 0;
	a->loop->dark = 0;
	a->overlay = OVERLAY_NONE;
	a->loop->interacted = 0;
	a->loop->last_input_ms = mk_now_ms();
	a->need_layout = 1;
	mk_log(MK_LOG_INFO, "screen-on", "reason=%s", "touch");
	return 1;
}

uint64_t dark_next_timer(const app *a)
{
	int m, edge, mins;
	if (a->cfg.screen_off_from < 0)
		return 0;
	m = minute_now();
	edge = in_window(&a->cfg, m) ? a->cfg.screen_off_to : a->cfg.screen_off_from;
	mins = (edge - m + 24 * 60) % (24 * 60);
	/* To the start of that minute, plus a second so it has begun. */
	return mk_now_ms() + (uint64_t)(mins * 60 - (int)(mk_wall_s() % 60) + 1) * 1000;
}
