/* SPDX-License-Identifier: MIT */
/*
 * The kiosk's life: open SDL and the renderer, load content, then loop.
 * The loop sleeps until an event or the next timer (idle, countdown,
 * watchdog) and draws only when something changed, so an idle kiosk uses
 * next to no CPU; while something moves (scroll momentum, a page fade) it
 * draws at the display's rate (vsync, or 60 Hz pacing without it).
 */
#include "app.h"
#include "sync.h"
#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>

static const char *renderer_name(SDL_Renderer *r)
{
	SDL_RendererInfo info;
	return SDL_GetRendererInfo(r, &info) == 0 && info.name ? info.name : "unknown";
}

/* A fullscreen window starts at the screen's own size when the video
 * driver knows it (cage tells SDL its output's mode), so the first frame is
 * laid out for the real screen rather than for 1920x1080 and then redone. */
static void first_size(const app *a, int *w, int *h)
{
	SDL_DisplayMode dm;
	*w = a->cfg.win_w ? a->cfg.win_w : 1920;
	*h = a->cfg.win_h ? a->cfg.win_h : 1080;
	if (!a->cfg.headless && !a->cfg.win_w && SDL_GetDesktopDisplayMode(0, &dm) == 0 &&
	    dm.w >= 320 && dm.h >= 240)
		*w = dm.w, *h = dm.h;
}

static int open_window(app *a)
{
	Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
	int w, h;
	first_size(a, &w, &h);
	if (!a->cfg.headless && !a->cfg.win_w)
		flags |= present_fullscreen_flag(&a->cfg);
	a->loop->win = SDL_CreateWindow("Mesokiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
					w, h, flags);
	if (!a->loop->win)
		return mk_err(MK_ESDL, "cannot open a window: %s", SDL_GetError());
	if (!a->cfg.headless)
		a->sdl = SDL_CreateRenderer(a->loop->win, -1,
					    SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
	if (!a->sdl)
		a->sdl = SDL_CreateRenderer(a->loop->win, -1, SDL_RENDERER_SOFTWARE);
	if (!a->sdl)
		return mk_err(MK_ESDL, "cannot create a renderer: %s", SDL_GetError());
	SDL_GetRendererOutputSize(a->sdl, &a->w, &a->h);
	mk_log(MK_LOG_INFO, "screen", "w=%d h=%d renderer=%s", a->w, a->h, renderer_name(a->sdl));
	if (!a->cfg.headless)
		SDL_ShowCursor(a->cfg.lockdown ? SDL_DISABLE : SDL_ENABLE);
	return 0;
}

/* 1 when one folder is the other or inside it. */
static int nested(const char *x, const char *y)
{
	char *a = x ? realpath(x, NULL) : NULL, *b = y ? realpath(y, NULL) : NULL;
	int r = 0;
	if (a && b) {
		size_t na = strlen(a), nb = strlen(b), n = na < nb ? na : nb;
		r = !strncmp(a, b, n) && (a[n] == '/' || !a[n]) && (b[n] == '/' || !b[n]);
	}
	free(a);
	free(b);
	return r;
}

static int open_data_dir(app *a)
{
	char probe[4096];
	if (!a->cfg.data_dir) {
		const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
		a->loop->own_data_dir = xdg && *xdg ? mk_asprintf("%s/mesokiosk", xdg)
					      : mk_asprintf("%s/.local/share/mesokiosk", home ? home : "/tmp");
		a->cfg.data_dir = a->loop->own_data_dir;
	}
	if (mk_mkdir_p(a->cfg.data_dir, 0700) != 0)
		return mk_err(MK_EIO, "data folder %s cannot be created: %s", a->cfg.data_dir, mk_err_msg());
	if (nested(a->cfg.data_dir, a->cfg.content_dir))
		return mk_err(MK_EINVAL, "the data folder %s and the content folder %s are one inside the "
			      "other: every record saved would look like a content change. Keep them apart "
			      "(--data, --content, or data and content in kiosk.conf)", a->cfg.data_dir,
			      a->cfg.content_dir);
	snprintf(probe, sizeof probe, "%s/.write-test", a->cfg.data_dir);
	if (mk_write_atomic(probe, "ok", 2) != 0)
		return mk_err(MK_EIO, "data folder %s is not writable: %s", a->cfg.data_dir, mk_err_msg());
	remove(probe);
	return 0;
}

int app_open(app *a, const app_config *cfg)
{
	int rc;
	memset(a, 0, sizeof *a);
	if (!(a->loop = calloc(1, sizeof *a->loop)))
		return mk_err(MK_ENOMEM, "out of memory");
	a->cfg = *cfg;
	a->screens = &app_screens;
	a->loop->pressed = -1;
	a->loop->fit_next = -1;
	a->scale = cfg->text_scale;
	if ((rc = open_data_dir(a)) != 0)
		return rc;
	if ((rc = rollout_open(a)) != 0 || /* a signed bundle shown last is shown again */
	    (rc = software_open(a)) != 0 ||
	    (rc = reload_prefetch(a)) != 0) /* the content loads while SDL starts */
		return rc;
	SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
	SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
	if (cfg->headless) {
		SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
		SDL_setenv("SDL_AUDIODRIVER", "dummy", 0); /* a test may name a missing one */
	}
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
		return mk_err(MK_ESDL, "cannot start SDL: %s", SDL_GetError());
	a->loop->t_open[0] = mk_mono_ns();
	if ((rc = open_window(a)) != 0)
		return rc;
	a->loop->t_open[1] = mk_mono_ns();
	if ((rc = snd_open(&a->snd, &(snd_config){ cfg->sound, cfg->sound_volume, cfg->audio_device })) != 0)
		return rc;
	snd_stream_volume(a->snd, cfg->speech_volume);
	listen_open(a); /* no speech: no Listen, said once in the log */
	/* Budgets sized so a long page scrolls from cache within 40 MiB RSS,
	 * with SQLite and libsodium loaded for patient tracking (6.5 MiB text). */
	ren_config rc_cfg = { .text_cache_bytes = 13u << 19, .image_cache_bytes = 6u << 20 };
	if ((rc = ren_open(&a->rn, a->sdl, &rc_cfg)) != 0)
		return rc;
	a->loop->t_open[2] = mk_mono_ns();
	if ((rc = ui_input_new(&a->loop->in)) != 0 || (rc = touchread_open(a)) != 0)
		return rc;
	ui_input_set_size(a->loop->in, a->w, a->h);
	a->th = theme_get(cfg->theme);
	if ((rc = reload_initial(a)) != 0)
		return rc;
	a->loop->t_open[3] = mk_mono_ns();
	if ((rc = scr_open(a)) != 0)
		return rc;
	a->loop->t_open[4] = mk_mono_ns();
	send_start(a);
	sync_clock_log();
	a->loop->last_input_ms = mk_now_ms();
	a->overlay = OVERLAY_NONE;
	a->need_layout = 1;
	return reload_start(a);
}

void app_close(app *a)
{
	if (!a->loop) /* app_open stopped before anything was opened */
		return;
	reload_stop(a);
	send_stop(a);
	rollout_close(a);
	software_close(a);
	scr_check_end(a); /* a PIN check still on its thread */
	scr_close(a);
	content_problems_clear(&a->loop->fit_probs);
	listen_close(a);
	snd_close(a->snd);
	a->snd = NULL;
	view_free(&a->vw);
	if (a->rn)
		ren_close(a->rn);
	content_free(a->ct);
	ren_pins_free(a->loop->pins);
	a->loop->pins = NULL;
	ui_input_free(a->loop->in);
	touchread_close(a);
	if (a->sdl)
		SDL_DestroyRenderer(a->sdl);
	if (a->loop->win)
		SDL_DestroyWindow(a->loop->win);
	SDL_Quit();
	SDL_TLSCleanup(); /* SDL 2.26 keeps its error buffer otherwise */
	free(a->loop->own_data_dir);
	free(a->loop);
	a->loop = NULL;
}

void app_draw(app *a)
{
	uint64_t t0 = mk_mono_ns();
	paint_view(a);
	SDL_RenderPresent(a->sdl);
	/* The first frame is the start's (first-frame line), not a steady one. */
	if (a->loop->ready_sent &&
	    a->loop->n_frame_ms < (int)(sizeof a->loop->frame_ms / sizeof a->loop->frame_ms[0]))
		a->loop->frame_ms[a->loop->n_frame_ms++] = (float)(mk_mono_ns() - t0) / 1e6f;
	if (a->loop->input_ticks) {
		/* SDL stamps each event with SDL_GetTicks when it is queued. */
		a->loop->tap_ms[a->loop->n_tap++ % 256] = (float)(SDL_GetTicks() - a->loop->input_ticks);
		a->loop->input_ticks = 0;
	}
	if (a->loop->announce_content) {
		a->loop->announce_content = 0;
		mk_log(MK_LOG_INFO, "content-shown", "page=%s", a->m->pages[a->page].id);
	}
	a->loop->frames++;
	a->need_draw = 0;
	if (!a->loop->ready_sent) {
		a->loop->ready_sent = 1;
		a->loop->first_frame_ns = mk_mono_ns();
		notify_ready();
	}
}

/* 1 while the page transition or the scroller still moves. */
static int animating(app *a, uint64_t now)
{
	int moving = ui_scroller_step(&a->scroll, now);
	if (a->trans_ms && now >= a->trans_ms + 200)
		a->trans_ms = 0;
	if (moving || a->trans_ms)
		a->need_draw = 1;
	return moving || a->trans_ms;
}

int app_sync_size(app *a)
{
	int w = 0, h = 0;
	if (SDL_GetRendererOutputSize(a->sdl, &w, &h) != 0 || w <= 0 || h <= 0 ||
	    (w == a->w && h == a->h))
		return 0;
	mk_log(MK_LOG_INFO, "screen-resized", "w=%d h=%d was_w=%d was_h=%d", w, h, a->w, a->h);
	a->w = w, a->h = h;
	ui_input_set_size(a->loop->in, w, h);
	a->need_layout = 1;
	return 1;
}

int app_pump(app *a)
{
	SDL_Event ev;
	uint64_t now;
	int anim;
	while (SDL_PollEvent(&ev))
		app_handle_event(a, &ev);
	/* The size is asked for on every turn, not only on a resize event: on
	 * Wayland the first resize arrives while the renderer still reports the
	 * size the window was created with, and nothing follows it. */
	app_sync_size(a);
	now = mk_now_ms();
	/* A PIN check on its thread: polled each frame, timers wait for it. */
	int checking = scr_check_poll(a);
	if (!checking && a->loop->reload_held) {
		a->loop->reload_held = 0;
		reload_now(a);
	}
	if (!checking)
		app_timers(a, now);
	listen_tick(a); /* speech made so far to the sound; never waits */
	anim = shot_tick(a, now); /* the camera's newest frame, before layout */
	if (a->need_layout && !a->loop->dark) {
		scr_build(a);
		a->need_layout = 0;
		a->need_draw = 1;
	}
	heard_follow(a); /* a new screen speaks once speech is in use; the ring follows the reading */
	anim |= animating(a, now); /* after layout: a new max may start a spring */
	if (a->need_draw)
		app_draw(a);
	if (ren_busy(a->rn)) { /* a picture is being drawn on its own thread */
		a->need_draw = 1;
		anim = 1;
	}
	reload_tick(a);
	rollout_tick(a); /* a new bundle, shown from the attract screen; a remote screenshot */
	software_tick(a); /* a new package, handed to the installer from the attract screen */
	/* Background checks only when nothing moves and no one is touching. */
	if (!anim && !a->need_draw && now >= a->loop->last_input_ms + 300 && reload_fit_step(a))
		return 1;
	return anim;
}

uint64_t app_next_timer(const app *a)
{
	uint64_t t = 0;
	uint64_t corner = scr_next_timer(a), edge = dark_next_timer(a), touch = touchread_next_timer(a);
	if (scr_checking(a) || listen_on(a)) /* look again a frame from now */
		return mk_now_ms() + 16;
	if (a->loop->dark) /* the sender's screenshot requests are answered at night too */
		return a->sync && (!edge || edge > mk_now_ms() + 1000) ? mk_now_ms() + 1000 : edge;
	if (a->overlay == OVERLAY_NONE)
		t = a->loop->last_input_ms + (uint64_t)scr_idle_s(a) * 1000;
	else if (a->overlay == OVERLAY_IDLE)
		t = a->overlay_ms + ((mk_now_ms() - a->overlay_ms) / 1000 + 1) * 1000;
	if (corner && (!t || corner < t))
		t = corner;
	if (touch && (!t || touch < t))
		t = touch;
	if (edge && (!t || edge < t))
		t = edge;
	if (a->sync && (!t || t > mk_now_ms() + 1000)) /* bundles and screenshots from the sender */
		t = mk_now_ms() + 1000;
	return t;
}

int app_run(app *a)
{
	uint64_t pet = notify_watchdog_interval_ms(), last_pet = 0;
	while (!a->loop->quit) {
		uint64_t frame_start = mk_now_ms();
		int anim = app_pump(a);
		uint64_t now = mk_now_ms();
		if (pet && now - last_pet >= pet) {
			notify_watchdog();
			last_pet = now;
		}
		if (a->loop->quit)
			break;
		if (anim) {
			/* vsync paces a real display; pace ourselves otherwise. */
			if (now - frame_start < 16)
				SDL_Delay((Uint32)(16 - (now - frame_start)));
			continue;
		}
		uint64_t next = app_next_timer(a), wait = 60000;
		if (next)
			wait = next > now ? next - now : 0;
		if (pet && wait > pet)
			wait = pet;
		app_wait(a, (int)wait);
	}
	return 0;
}

/* The frame on screen, read back into a new surface (NULL: message set). */
static SDL_Surface *frame_surface(app *a)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, a->w, a->h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!s) {
		mk_err(MK_ENOMEM, "screenshot: %s", SDL_GetError());
		return NULL;
	}
	paint_view(a); /* the back buffer is undefined after a present */
	/* A picture still being drawn on its thread shows when ready: a
	 * screenshot waits for it (up to the raster deadline). */
	for (int i = 0; i < 100 && ren_busy(a->rn); i++) {
		SDL_Delay(20);
		paint_view(a);
	}
	if (SDL_RenderReadPixels(a->sdl, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0) {
		mk_err(MK_EIO, "screenshot: cannot read the frame: %s", SDL_GetError());
		SDL_FreeSurface(s);
		s = NULL;
	}
	SDL_RenderPresent(a->sdl);
	return s;
}

int app_screenshot(app *a, const char *path)
{
	SDL_Surface *s = frame_surface(a);
	int rc = 0;
	if (!s)
		return MK_EIO;
	if (IMG_SavePNG(s, path) != 0)
		rc = mk_err(MK_EIO, "%s: cannot save screenshot: %s", path, SDL_GetError());
	SDL_FreeSurface(s);
	return rc;
}

/* A growing buffer that SDL_image writes the PNG into. */
typedef struct {
	unsigned char *p;
	size_t n, cap;
} mem_out;

static size_t mem_write(SDL_RWops *rw, const void *buf, size_t size, size_t num)
{
	mem_out *m = rw->hidden.unknown.data1;
	size_t add = size * num;
	if (m->n + add > m->cap) {
		size_t cap = m->cap ? m->cap : 1 << 16;
		while (cap < m->n + add)
			cap *= 2;
		unsigned char *np = realloc(m->p, cap);
		if (!np)
			return 0;
		m->p = np, m->cap = cap;
	}
	memcpy(m->p + m->n, buf, add);
	m->n += add;
	return num;
}

static Sint64 mem_size(SDL_RWops *rw) { return (Sint64)((mem_out *)rw->hidden.unknown.data1)->n; }
static Sint64 mem_seek(SDL_RWops *rw, Sint64 off, int whence)
{
	mem_out *m = rw->hidden.unknown.data1; /* PNG is written straight through */
	return whence == RW_SEEK_CUR && off == 0 ? (Sint64)m->n : -1;
}
static int mem_close(SDL_RWops *rw) { SDL_FreeRW(rw); return 0; }
static size_t mem_read(SDL_RWops *rw, void *p, size_t size, size_t num)
{
	(void)rw, (void)p, (void)size, (void)num;
	return 0;
}

int app_screenshot_png(app *a, unsigned char **png, size_t *n)
{
	mem_out m = { 0 };
	SDL_Surface *s = frame_surface(a);
	SDL_RWops *rw = s ? SDL_AllocRW() : NULL;
	int rc = MK_EIO;
	*png = NULL, *n = 0;
	if (rw) {
		rw->size = mem_size, rw->seek = mem_seek, rw->write = mem_write, rw->close = mem_close;
		rw->read = mem_read;
		rw->hidden.unknown.data1 = &m;
		if (IMG_SavePNG_RW(s, rw, 1) == 0 && m.n > 0)
			rc = 0, *png = m.p, *n = m.n, m.p = NULL;
		else
			rc = mk_err(MK_EIO, "screenshot: cannot make a PNG: %s", SDL_GetError());
	}
	free(m.p);
	SDL_FreeSurface(s);
	return rc;
}
