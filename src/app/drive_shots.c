/* SPDX-License-Identifier: MIT */
/*
 * `shots DIR TAG`: every page of the content in every language of it, at
 * the window's size now, one PNG each: DIR/<lang>-<TAG>-<NN>.png, NN the
 * page's place in the content (01, 02, ...), and DIR/pages.txt naming the
 * page behind each NN. The collector's preview (src/collector/vet) runs
 * it once per orientation, so one kiosk process draws a whole content in
 * every language instead of one process a page; the page list is the
 * content's own, so no list of pages is kept anywhere else.
 *
 * A page is shot whole, as a patient scrolling it sees it: the first
 * screenful, then below it the part under the top bar of each further
 * screenful, so a change at the foot of a long page shows in the preview
 * and its diff as much as one in its heading (at most SHOTS_MAX_H pixels
 * high). No dialog is over it, and pictures still being drawn are waited
 * for, as app_screenshot does.
 */
#include "app.h"
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A tag names a file: letters, digits and '-' only. */
static int tag_ok(const char *t)
{
	size_t n = strlen(t);
	return n > 0 && n < 32 && strspn(t, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static int write_pages(app *a, const char *dir)
{
	size_t cap = 64 + (size_t)a->m->n_pages * 80, n = 0;
	char *text = malloc(cap), *path;
	int rc;
	if (!text)
		return mk_err(MK_ENOMEM, "shots: out of memory");
	for (int p = 0; p < a->m->n_pages; p++)
		n += (size_t)snprintf(text + n, cap - n, "%02d %.64s\n", p + 1, a->m->pages[p].id);
	path = mk_path_join(dir, "pages.txt");
	rc = path ? mk_write_atomic(path, text, n) : MK_ENOMEM;
	free(path);
	free(text);
	return rc;
}

#define SHOTS_MAX_H 16384

/* Draws the page scrolled to off and copies rows [y0, y1) of the window
 * to the same rows plus off in tall. */
static int slice(app *a, SDL_Surface *tall, int off, int y0, int y1)
{
	ui_scroller_reset(&a->scroll, a->scroll.max);
	a->scroll.offset = (float)off;
	a->need_draw = 1;
	app_pump(a);
	paint_view(a);
	for (int i = 0; i < 100 && ren_busy(a->rn); i++) {
		SDL_Delay(20);
		paint_view(a);
	}
	if (y0 + off + (y1 - y0) > tall->h)
		y1 = tall->h - off;
	SDL_Rect r = { 0, y0, a->w, y1 - y0 };
	int rc = SDL_RenderReadPixels(a->sdl, &r, SDL_PIXELFORMAT_ARGB8888,
				      (Uint8 *)tall->pixels + (size_t)(y0 + off) * (size_t)tall->pitch,
				      tall->pitch);
	SDL_RenderPresent(a->sdl);
	return rc == 0 ? 0 : mk_err(MK_ESDL, "shots: %s", SDL_GetError());
}

/* The whole page into path; the page is at its top. */
static int shoot_tall(app *a, const char *path)
{
	int max = (int)a->scroll.max, step = a->h - a->vw.bar_h, rc = 0;
	if (max < 1 || step < 1)
		return app_screenshot(a, path);
	int h = a->h + max < SHOTS_MAX_H ? a->h + max : SHOTS_MAX_H;
	SDL_Surface *tall = SDL_CreateRGBSurfaceWithFormat(0, a->w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!tall)
		return mk_err(MK_ENOMEM, "shots: %s", SDL_GetError());
	rc = slice(a, tall, 0, 0, a->h);
	for (int off = step; rc == 0 && off - step < max && a->vw.bar_h + off < h; off += step)
		rc = slice(a, tall, off < max ? off : max, a->vw.bar_h, a->h);
	if (rc == 0 && IMG_SavePNG(tall, path) != 0)
		rc = mk_err(MK_EIO, "%s: cannot save the shot: %s", path, SDL_GetError());
	SDL_FreeSurface(tall);
	return rc;
}

static int shoot_page(app *a, const char *dir, const char *tag, int p)
{
	char *f = mk_asprintf("%s/%s-%s-%02d.png", dir, a->m->langs[a->lang], tag, p + 1);
	int rc;
	if (!f)
		return mk_err(MK_ENOMEM, "shots: out of memory");
	a->overlay = OVERLAY_NONE;
	app_go(a, p, 0);
	ui_scroller_reset(&a->scroll, 0);
	a->need_layout = 1;
	drive_settle(a);
	rc = shoot_tall(a, f);
	free(f);
	return rc;
}

int drive_shots(app *a, const char *arg)
{
	char dir[512], tag[64];
	int lang = a->lang, rc = 0;
	if (sscanf(arg, "%511s %63s", dir, tag) != 2 || !tag_ok(tag))
		return mk_err(MK_EINVAL, "shots wants DIR TAG (TAG: a-z, 0-9, -), got '%s'", arg);
	if (mk_mkdir_p(dir, 0755) != 0 || write_pages(a, dir) != 0)
		return -1;
	for (int l = 0; l < a->m->n_langs && rc == 0; l++) {
		if (!tag_ok(a->m->langs[l]))
			return mk_err(MK_EINVAL, "shots: the language code '%.20s' cannot name a file",
				      a->m->langs[l]);
		a->lang = l;
		ui_scroller_reset(&a->scroll, 0); /* as the language switch does */
		for (int p = 0; p < a->m->n_pages && rc == 0; p++)
			rc = shoot_page(a, dir, tag, p);
	}
	a->lang = lang;
	a->need_layout = 1;
	drive_settle(a);
	return rc;
}
