/* SPDX-License-Identifier: MIT */
/*
 * The screen a kiosk shows when it cannot start: a setting in kiosk.conf is
 * wrong, no content can be loaded, the data folder cannot be written. A
 * patient sees a calm request to tell staff, in the three languages the
 * kiosk ships with (the content, which holds every other string, may be
 * what failed); staff and IT see the exact problem as file:line: message,
 * which is also in the journal. It is never a black screen, and never a
 * restart loop that ends with systemd giving up on a dark tty.
 *
 * It owns nothing but a window and fonts, reports READY=1 (the screen shows
 * what it should), keeps the watchdog fed, and leaves on SIGTERM.
 */
#include "app.h"
#include <string.h>

static const struct {
	const char *head, *body;
	int rtl;
} lines[] = {
	{ "This kiosk needs attention", "Please tell a member of staff. Thank you.", 0 },
	{ "\xd9\x87\xd8\xb0\xd8\xa7 \xd8\xa7\xd9\x84\xd8\xac\xd9\x87\xd8\xa7\xd8\xb2 \xd9\x8a\xd8\xad"
	  "\xd8\xaa\xd8\xa7\xd8\xac \xd8\xa5\xd9\x84\xd9\x89 \xd8\xb5\xd9\x8a\xd8\xa7\xd9\x86\xd8\xa9",
	  "\xd9\x8a\xd9\x8f\xd8\xb1\xd8\xac\xd9\x89 \xd8\xa5\xd8\xa8\xd9\x84\xd8\xa7\xd8\xba \xd8\xa3"
	  "\xd8\xad\xd8\xaf \xd8\xa7\xd9\x84\xd9\x85\xd9\x88\xd8\xb8\xd9\x81\xd9\x8a\xd9\x86. \xd8\xb4"
	  "\xd9\x83\xd8\xb1\xd9\x8b\xd8\xa7 \xd9\x84\xd9\x83.", 1 },
	{ "Cette borne a besoin d\xe2\x80\x99une intervention",
	  "Merci de pr\xc3\xa9venir un membre du personnel.", 0 },
};

static void draw(ren *rn, SDL_Renderer *r, int w, int h, const char *msg)
{
	const theme *th = theme_get(NULL);
	int unit = (w < h ? w : h) / 24, y, col = w * 8 / 10;
	ren_text_style head = { .px = unit * 3 / 2, .bold = 1, .color = th->text, .align = REN_ALIGN_CENTER };
	ren_text_style body = { .px = unit, .color = th->text, .align = REN_ALIGN_CENTER };
	ren_text_style tech = { .px = unit * 2 / 3, .color = th->muted, .align = REN_ALIGN_START };
	ren_text_metrics m;
	char it[1200];
	SDL_SetRenderDrawColor(r, th->bg.r, th->bg.g, th->bg.b, 255);
	SDL_RenderClear(r);
	y = unit * 2;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		head.rtl = body.rtl = lines[i].rtl;
		ren_text_draw(rn, &head, lines[i].head, (w - col) / 2, y, col);
		ren_text_measure(rn, &head, lines[i].head, col, &m);
		y += m.h + unit / 3;
		ren_text_draw(rn, &body, lines[i].body, (w - col) / 2, y, col);
		ren_text_measure(rn, &body, lines[i].body, col, &m);
		y += m.h + unit * 3 / 2;
	}
	ren_fill_rect(rn, (SDL_Rect){ (w - col) / 2, y, col, 2 }, th->border);
	snprintf(it, sizeof it, "For IT: %s. The journal has the details: journalctl -u mesokiosk", msg);
	ren_text_draw(rn, &tech, it, (w - col) / 2, y + unit, col);
	SDL_RenderPresent(r);
}

int fatal_screen_run(const char *msg)
{
	SDL_Window *win = NULL;
	SDL_Renderer *r = NULL;
	ren *rn = NULL;
	uint64_t pet = notify_watchdog_interval_ms(), last_pet = 0;
	int quit = 0, redraw = 1, opened = 0, w = 1280, h = 720;
	app_config c;
	Uint32 flags;
	SDL_DisplayMode dm;
	mk_log(MK_LOG_ERROR, "fatal-screen", "reason=%s", msg);
	/* The same presentation path as the kiosk would have taken. */
	app_config_defaults(&c);
	present_choose(&c);
	flags = present_fullscreen_flag(&c);
	SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
	if (SDL_Init(SDL_INIT_VIDEO) == 0 && SDL_GetDesktopDisplayMode(0, &dm) == 0)
		w = dm.w, h = dm.h;
	if (!SDL_WasInit(SDL_INIT_VIDEO) ||
	    !(win = SDL_CreateWindow("Mesokiosk", 0, 0, w, h, flags)) ||
	    !((r = SDL_CreateRenderer(win, -1, SDL_RENDERER_PRESENTVSYNC)) ||
	      (r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE))) ||
	    ren_open(&rn, r, NULL) != 0) {
		mk_log(MK_LOG_ERROR, "fatal-screen-failed", "error=%s", SDL_GetError());
		quit = 1;
	} else {
		opened = 1;
	}
	SDL_ShowCursor(SDL_DISABLE);
	while (!quit) {
		SDL_Event ev;
		if (redraw && SDL_GetRendererOutputSize(r, &w, &h) == 0) {
			draw(rn, r, w, h, msg);
			redraw = 0;
			notify_ready();
		}
		if (pet && mk_now_ms() - last_pet >= pet)
			notify_watchdog(), last_pet = mk_now_ms();
		if (!SDL_WaitEventTimeout(&ev, pet ? (int)pet : 5000))
			continue;
		if (ev.type == SDL_QUIT)
			quit = 1;
		else if (ev.type == SDL_WINDOWEVENT || ev.type == SDL_FINGERDOWN)
			redraw = 1;
	}
	if (rn)
		ren_close(rn);
	if (r)
		SDL_DestroyRenderer(r);
	if (win)
		SDL_DestroyWindow(win);
	SDL_Quit();
	return opened ? 0 : 1; /* shown until asked to stop: a clean stop */
}
