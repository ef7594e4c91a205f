/* SPDX-License-Identifier: MIT */
/*
 * What input does: gestures from ui_input become presses, scrolls and
 * actions. A tap acts only when finger-down and finger-up land on the same
 * control; a key's Enter on the focused control (focus.c) takes the same
 * path. Idle handling lives here too: after idle_s without input the
 * kiosk asks "Are you still there?", and after the countdown it resets to
 * the attract screen with nothing of the last visitor left.
 */
#include "app.h"
#include <string.h>

/* Topmost element with an action under (x, y), or -1. */
static int hit(app *a, int x, int y)
{
	wg_frame f = app_frame(a);
	return wg_hit(&a->vw, &f, x, y);
}

void app_go(app *a, int page, int push)
{
	if (page < 0 || page >= a->m->n_pages)
		return;
	if (push && page != a->page) {
		if (a->n_history == (int)(sizeof a->history / sizeof a->history[0])) {
			memmove(a->history, a->history + 1, sizeof a->history - sizeof a->history[0]);
			a->n_history--;
		}
		a->history[a->n_history++] = a->page;
	}
	a->page = page;
	memset(a->quiz_sel, 0, sizeof a->quiz_sel);
	ui_scroller_reset(&a->scroll, 0);
	a->trans_ms = a->sc.shown_ms = mk_now_ms();
	a->need_layout = 1;
	if (a->m->pages[page].on_show)
		app_callback(a, a->m->pages[page].on_show);
}

/* Runs a content callback and applies what it asked for. */
void app_callback(app *a, int handle)
{
	content_action act = { { 0 } };
	int rc = content_call(a->ct, handle, a->m->pages[a->page].id, a->lang, &act);
	if (rc != 0) {
		char q[600];
		mk_log(MK_LOG_WARN, "callback-failed", "error=%s", mk_log_quote(q, sizeof q, mk_err_msg()));
		if (rc == MK_ELIMIT) /* hung or too big: the guard sets it aside */
			reload_set_aside(a, mk_err_msg());
		return;
	}
	if (act.go[0]) {
		int p = content_page_index(a->m, act.go);
		/* on_show may navigate once; a loop of on_show redirects stops here. */
		static int depth;
		if (p >= 0 && depth < 4) {
			depth++;
			app_go(a, p, 1);
			depth--;
		}
	}
}

static int default_lang(const app *a)
{
	int l = a->cfg.language ? content_lang_index(a->m, a->cfg.language) : 0;
	return l < 0 ? 0 : l;
}

void app_reset(app *a)
{
	scr_sign_out(a);
	listen_stop(a);
	listen_set_used(a, 0); /* the next visitor starts with a silent kiosk */
	touchread_end(a);
	reload_fresh(a);
	a->lang = default_lang(a);
	a->scale = a->cfg.text_scale;
	a->n_history = 0;
	a->page = -1;
	app_go(a, content_page_index(a->m, a->m->start), 0);
	a->trans_ms = a->sc.shown_ms = 0;
	a->overlay = OVERLAY_ATTRACT;
	a->loop->interacted = 0;
	a->loop->pressed = -1;
	a->loop->focus_shown = 0;
	/* Nothing of the last visitor stays in a cache. */
	ren_cache_clear(a->rn);
	a->need_layout = 1;
	mk_log(MK_LOG_INFO, "idle-reset", "page=%s", a->m->start);
}

static void act_quiz(app *a, const view_el *e)
{
	if (e->arg >= 0 && e->arg < APP_MAX_QUIZZES)
		a->quiz_sel[e->arg] = e->arg2 + 1;
	a->need_layout = 1;
}

/* A content button may lead to a kiosk screen: to = "@my-course". */
static void go_target(app *a, const char *target)
{
	if (target && target[0] == '@') {
		view_el e = { .act = ACT_FLOW, .arg = F_SIGN_IN };
		scr_act(a, &e);
		return;
	}
	app_go(a, content_page_index(a->m, target), 1);
}

static void activate(app *a, const view_el *e)
{
	switch (e->act) {
	case ACT_GO: go_target(a, e->target); break;
	case ACT_CALLBACK:
		app_callback(a, e->arg);
		if (e->target && a->page != content_page_index(a->m, e->target))
			go_target(a, e->target);
		break;
	case ACT_BACK:
		if (a->n_history > 0)
			app_go(a, a->history[--a->n_history], 0);
		break;
	case ACT_HOME:
		if (scr_report_unsaved(a)) { /* ask first: the answers would be lost */
			scr_leave(a, F_HOME);
			break;
		}
		a->sc.id = SCR_PAGE;
		a->n_history = 0;
		app_go(a, content_page_index(a->m, a->m->start), 0);
		break;
	case ACT_HELP:
		if (a->sc.staff)
			scr_sign_out(a);
		a->sc.id = SCR_PAGE;
		app_go(a, content_page_index(a->m, a->m->help_page), 1);
		break;
	case ACT_LANG: a->lang = e->arg; ui_scroller_reset(&a->scroll, 0); break;
	case ACT_SCALE: a->scale = e->arg; break;
	case ACT_CONTRAST: scr_contrast_toggle(a); break;
	case ACT_LISTEN: listen_toggle(a); break;
	case ACT_VOLUME: touchread_volume(a, e->arg); break;
	case ACT_QUIZ: act_quiz(a, e); break;
	case ACT_STILL_HERE: a->overlay = OVERLAY_NONE; break;
	case ACT_START_OVER: app_reset(a); break;
	case ACT_WAKE: a->overlay = OVERLAY_NONE; break;
	case ACT_FLOW: case ACT_KEY: case ACT_ANSWER: case ACT_AREA: case ACT_PLAN: case ACT_EDIT:
	case ACT_PHOTO:
		scr_act(a, e);
		break;
	case ACT_NONE: break;
	}
	a->need_layout = 1;
}

static void on_gesture(app *a, const ui_gesture *g)
{
	if (a->loop->dark) {
		/* The touch that wakes a dark screen only wakes it. */
		if (g->kind == UI_PRESS && dark_wake(a))
			a->sc.swallow_tap = 1;
		return;
	}
	a->loop->last_input_ms = g->t_ms;
	a->loop->interacted = 1;
	a->need_draw = 1;
	scr_gesture(a, g->kind, g->x, g->y);
	if (a->sc.swallow_tap && (g->kind == UI_TAP || g->kind == UI_CANCEL)) {
		a->sc.swallow_tap = 0; /* the end of the hidden corner hold */
		a->loop->pressed = -1;
		return;
	}
	if ((g->kind == UI_PRESS || g->kind == UI_TAP) && scr_tap_guarded(a, g->t_ms)) {
		a->loop->pressed = -1; /* the second tap of a double tap */
		return;
	}
	switch (g->kind) {
	case UI_PRESS: a->loop->pressed = hit(a, g->x, g->y); break;
	case UI_DRAG:
		a->loop->pressed = -1;
		if (a->overlay == OVERLAY_NONE && !shot_drag(a, g->x, g->dx, g->dy))
			ui_scroller_drag(&a->scroll, g->dy);
		break;
	case UI_RELEASE:
		if (a->overlay == OVERLAY_NONE)
			ui_scroller_release(&a->scroll, g->vy);
		break;
	case UI_TAP: {
		int i = hit(a, g->x, g->y), j = hit(a, g->x0, g->y0);
		a->loop->pressed = -1;
		a->sc.tap_x = g->x, a->sc.tap_y = g->y;
		listen_tap(a, i >= 0 && i == j ? a->vw.v[i].act : ACT_NONE);
		if (i >= 0 && i == j) {
			view_el e = a->vw.v[i]; /* activate may rebuild the view */
			focus_note(a, &e);
			activate(a, &e);
		} else if (a->overlay == OVERLAY_IDLE) {
			a->overlay = OVERLAY_NONE; /* any touch means someone is here */
			a->need_layout = 1;
		}
		break;
	}
	case UI_CANCEL:
		a->loop->pressed = -1;
		if (a->scroll.dragging)
			ui_scroller_release(&a->scroll, 0);
		break;
	case UI_NONE: break;
	}
}

/* A key's tap (focus.c): the same path as a finger's, guard included. */
void app_tap_el(app *a, int i)
{
	SDL_Rect r;
	if (i < 0 || i >= a->vw.n || !tree_visible(a, i, &r))
		return;
	ui_gesture g = { .kind = UI_TAP, .x = r.x + r.w / 2, .y = r.y + r.h / 2, .t_ms = mk_now_ms() };
	g.x0 = g.x, g.y0 = g.y;
	on_gesture(a, &g);
}

static void on_key(app *a, const SDL_KeyboardEvent *k)
{
	if (dark_wake(a))
		return;
	if (focus_key(a, k)) {
		a->loop->last_input_ms = mk_now_ms();
		a->loop->interacted = 1;
		return;
	}
	if (scr_key(a, k->keysym.sym)) {
		a->loop->last_input_ms = mk_now_ms();
		a->loop->interacted = 1;
		return;
	}
	if (k->keysym.sym == SDLK_q && (k->keysym.mod & KMOD_CTRL) && !a->cfg.lockdown)
		a->loop->quit = 1;
	else if (k->keysym.sym == SDLK_PAGEDOWN) /* the arrows move the focus (focus.c) */
		ui_scroller_nudge(&a->scroll, (float)a->h * 0.8f);
	else if (k->keysym.sym == SDLK_PAGEUP)
		ui_scroller_nudge(&a->scroll, -(float)a->h * 0.8f);
	a->loop->last_input_ms = mk_now_ms();
	a->need_draw = 1;
}

/* Input while a PIN check runs on its thread: dropped, so nothing on the
 * loop touches the patient side under it (signin_check.c); a press
 * already under way is cancelled. */
static int during_check(app *a, const SDL_Event *ev)
{
	switch (ev->type) {
	case SDL_FINGERDOWN: case SDL_FINGERUP: case SDL_FINGERMOTION: case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP: case SDL_MOUSEMOTION: case SDL_MOUSEWHEEL: case SDL_KEYDOWN:
	case SDL_KEYUP: case SDL_TEXTINPUT: case SDL_MULTIGESTURE:
		if (!scr_checking(a))
			return 0;
		a->loop->pressed = -1;
		return 1;
	default:
		return 0;
	}
}

void app_handle_event(app *a, const SDL_Event *ev)
{
	ui_gesture g;
	if (ev->type == reload_event_type && reload_event_type) {
		if (scr_checking(a)) /* the check's thread reads the patient side */
			a->loop->reload_held = 1;
		else
			reload_now(a);
		return;
	}
	if (touchread_event(a, ev))
		return; /* touch reading: fingers explore, nothing is pressed */
	if (during_check(a, ev))
		return;
	if ((ev->type == SDL_FINGERDOWN || ev->type == SDL_FINGERUP || ev->type == SDL_MOUSEBUTTONDOWN ||
	     ev->type == SDL_MOUSEBUTTONUP) && !a->loop->input_ticks)
		a->loop->input_ticks = ev->common.timestamp ? ev->common.timestamp : 1;
	if (ev->type == SDL_FINGERDOWN || ev->type == SDL_MOUSEBUTTONDOWN)
		focus_hide(a); /* the ring is for keys; a touch puts it away */
	switch (ev->type) {
	case SDL_QUIT:
		/* SIGTERM (systemctl stop) arrives as SDL_QUIT: always honour it.
		 * Lockdown only disables the keyboard shortcut. */
		a->loop->quit = 1;
		return;
	case SDL_KEYDOWN: on_key(a, &ev->key); return;
	case SDL_TEXTINPUT:
		if (scr_text(a, ev->text.text)) {
			if (scr_typing(a)) /* typing goes to the field, and Enter is its done */
				focus_hide(a);
			a->loop->last_input_ms = mk_now_ms();
			a->loop->interacted = 1;
		}
		return;
	case SDL_MULTIGESTURE:
		shot_pinch(a, ev->mgesture.dDist, (int)(ev->mgesture.x * (float)a->w),
			    (int)(ev->mgesture.y * (float)a->h));
		break;
	case SDL_MOUSEWHEEL:
		ui_scroller_nudge(&a->scroll, (float)(-ev->wheel.y * 120));
		a->loop->last_input_ms = mk_now_ms();
		return;
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
			app_sync_size(a);
		} else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED) {
			a->need_draw = 1;
		}
		break;
	}
	ui_input_feed(a->loop->in, ev);
	while (ui_input_next(a->loop->in, &g))
		on_gesture(a, &g);
}

void app_timers(app *a, uint64_t now)
{
	if (a->loop->dark || a->cfg.screen_off_from >= 0) {
		dark_tick(a, now);
		if (a->loop->dark)
			return;
	}
	scr_timers(a, now);
	if (a->overlay == OVERLAY_NONE && listen_on(a))
		a->loop->last_input_ms = now; /* reading aloud is use: idle counts from its end */
	touchread_tick(a, now);
	if (a->overlay == OVERLAY_NONE &&
	    now >= a->loop->last_input_ms + (uint64_t)scr_idle_s(a) * 1000) {
		if (a->loop->interacted && !scr_for_staff(a)) {
			a->overlay = OVERLAY_IDLE;
			a->overlay_ms = now;
			snd_play(a->snd, SND_ATTENTION); /* eyes back to the screen (issue 18, 6) */
			mk_log(MK_LOG_INFO, "idle-ask", "countdown_s=%d", a->cfg.countdown_s);
			touchread_idle_asked(a); /* read out in the touch-only mode */
		} else {
			app_reset(a);
		}
		a->need_layout = 1;
	} else if (a->overlay == OVERLAY_IDLE) {
		if (now >= a->overlay_ms + (uint64_t)a->cfg.countdown_s * 1000)
			app_reset(a);
		a->need_layout = 1; /* the countdown number changes */
	}
}
