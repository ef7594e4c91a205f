/* SPDX-License-Identifier: MIT */
/*
 * Where the patient was treated: the body outline (front on the left, back
 * on the right) with a tappable region over each area, and beside it (or
 * under it, on a portrait screen) one big toggle per area, "other"
 * included, for whoever finds a list easier than a picture.
 *
 * Regions are fractions of the picture, so they follow it at any size. In
 * a right-to-left view mirroring moves the picture and every region
 * across the screen together, and the picture is drawn flipped, so each
 * region stays on its part of the body (the front figure moves to the
 * right, where an Arabic reader starts).
 */
#include "widgets.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
	content_area area;
	float x, y, w, h; /* fractions of the picture */
} body_region;

static const body_region regions[] = {
	{ CONTENT_AREA_ARMS, 0.08f, 0.22f, 0.10f, 0.30f },
	{ CONTENT_AREA_ARMS, 0.32f, 0.22f, 0.10f, 0.30f },
	{ CONTENT_AREA_ARMS, 0.58f, 0.22f, 0.10f, 0.30f },
	{ CONTENT_AREA_ARMS, 0.82f, 0.22f, 0.10f, 0.30f },
	{ CONTENT_AREA_ABDOMEN, 0.18f, 0.30f, 0.14f, 0.14f },
	{ CONTENT_AREA_BUTTOCKS, 0.68f, 0.42f, 0.14f, 0.12f },
	{ CONTENT_AREA_THIGHS, 0.18f, 0.50f, 0.14f, 0.20f },
	{ CONTENT_AREA_THIGHS, 0.68f, 0.55f, 0.14f, 0.18f },
};

static const char *str_or(wg *L, const char *key, const char *fallback)
{
	return wg_str(L, key, fallback);
}

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The picture fitted into box keeping its aspect ratio, centred. */
static SDL_Rect fit(wg *L, const char *image, SDL_Rect box)
{
	int iw = 0, ih = 0;
	if (ren_image_size(L->rn, image, &iw, &ih) != 0 || iw <= 0 || ih <= 0)
		iw = ih = 1;
	SDL_Rect r = box;
	if ((long)box.w * ih > (long)box.h * iw)
		r.w = (int)((long)box.h * iw / ih);
	else
		r.h = (int)((long)box.w * ih / iw);
	r.x += (box.w - r.w) / 2;
	r.y += (box.h - r.h) / 2;
	return r;
}

/* A region is never smaller than a finger: a small picture grows it
 * around its centre, inside the picture. */
static SDL_Rect region_rect(wg *L, SDL_Rect pic, const body_region *g)
{
	int min = wg_px(L, 80, 0);
	SDL_Rect r = { pic.x + (int)(g->x * (float)pic.w + 0.5f), pic.y + (int)(g->y * (float)pic.h + 0.5f),
		       (int)(g->w * (float)pic.w + 0.5f), (int)(g->h * (float)pic.h + 0.5f) };
	if (r.w < min)
		r.x -= (min - r.w) / 2, r.w = min;
	if (r.h < min)
		r.y -= (min - r.h) / 2, r.h = min;
	r.x = clampi(r.x, pic.x, pic.x + pic.w - r.w);
	r.y = clampi(r.y, pic.y, pic.y + pic.h - r.h);
	return r;
}

static void lay_picture(wg *L, SDL_Rect pic, const char *image, unsigned selected,
			const char *const labels[], int act)
{
	SDL_Color on = L->th->primary, off = on, clear = { 0, 0, 0, 0 };
	view_el *e = view_add(L->vw, EL_IMAGE, "image");
	if (e) {
		e->r = pic;
		e->image = image;
		e->flip = L->rtl; /* see the top of the file */
		e->text = str_or(L, "body_outline", "Body outline, front and back");
		e->fixed = L->fixed;
	}
	on.a = 80;
	off.a = 130;
	for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++) {
		int sel = (selected >> regions[i].area) & 1u;
		if (!(e = view_add(L->vw, EL_BUTTON, "area")))
			return;
		e->r = region_rect(L, pic, &regions[i]);
		e->text = labels[regions[i].area];
		e->finger_only = 1; /* the toggles beside the picture are the same choices */
		e->act = act;
		e->arg = (int)regions[i].area;
		e->fill = sel ? on : clear;
		e->edge = sel ? L->th->primary : off;
		e->edge_w = wg_px(L, sel ? 6 : 3, 0);
		e->radius = wg_px(L, 18, 0);
		e->fixed = L->fixed;
	}
}

static int label_w(wg *L, const char *s, int px)
{
	ren_text_style st = { .px = px, .bold = 1, .rtl = L->rtl };
	ren_text_metrics m = { 0 };
	ren_text_measure(L->rn, &st, s ? s : "", 0, &m);
	return m.w;
}

/* Width for the toggles: the longest label with its check mark. */
static int toggles_w(wg *L, const char *const labels[], int max)
{
	int w = wg_px(L, 360, 0), px = wg_px(L, SZ_BUTTON_TEXT, 1);
	for (int a = 0; a < CONTENT_AREA_COUNT; a++) {
		char *s = mk_asprintf("✓ %s", labels[a] ? labels[a] : "");
		int lw = label_w(L, s ? s : "", px) + 2 * wg_px(L, 40, 0);
		free(s);
		if (lw > w)
			w = lw;
	}
	return w < max ? w : max;
}

/* One toggle per area in cols columns from (x, y); returns the height. */
static int lay_toggles(wg *L, int x, int y, int w, int cols, unsigned selected,
		       const char *const labels[], int act)
{
	int bh = wg_px(L, SZ_BUTTON_H, 0), gap = wg_px(L, 20, 0), px = wg_px(L, SZ_BUTTON_TEXT, 1);
	int bw = (w - (cols - 1) * gap) / cols, rows = (CONTENT_AREA_COUNT + cols - 1) / cols;
	for (int a = 0; a < CONTENT_AREA_COUNT; a++) {
		int sel = (selected >> a) & 1u;
		const char *text = labels[a] ? labels[a] : "";
		const char *label = sel ? view_own(L->vw, mk_asprintf("✓ %s", text)) : text;
		SDL_Rect r = { x + (a % cols) * (bw + gap), y + (a / cols) * (bh + gap), bw, bh };
		if (a == CONTENT_AREA_COUNT - 1 && a % cols == 0)
			r.w = w; /* a last one alone takes the whole row */
		view_el *e = wg_button(L, "area", label, r, px, sel, act);
		if (!e)
			break;
		e->arg = a;
		e->text = text; /* the label shows the check mark; the tree reads the name */
	}
	return rows * bh + (rows - 1) * gap;
}

int wg_body(wg *L, SDL_Rect area, const char *image, unsigned selected,
	      const char *const labels[], int act)
{
	int gap = wg_px(L, 40, 0), bh = wg_px(L, SZ_BUTTON_H, 0), bgap = wg_px(L, 20, 0);
	int list_w = toggles_w(L, labels, area.w), min_pic = wg_px(L, 480, 0);
	if (min_pic > area.w)
		min_pic = area.w;
	int avail_h = area.h > 0 ? area.h : wg_px(L, 900, 0);
	if (image && area.w - list_w - gap >= min_pic && area.w >= area.h) {
		/* Side by side: the picture as large as the height allows. */
		int list_h = CONTENT_AREA_COUNT * bh + (CONTENT_AREA_COUNT - 1) * bgap;
		int side = clampi(area.w - list_w - gap, min_pic, avail_h > min_pic ? avail_h : min_pic);
		int x = area.x + (area.w - (side + gap + list_w)) / 2;
		SDL_Rect pic = fit(L, image, (SDL_Rect){ x, area.y, side, side });
		lay_picture(L, pic, image, selected, labels, act);
		lay_toggles(L, x + side + gap, area.y + (side > list_h ? (side - list_h) / 2 : 0), list_w, 1,
			    selected, labels, act);
		return side > list_h ? side : list_h;
	}
	/* Stacked: the picture, then the toggles in two columns if they fit. */
	int cols = area.w >= 2 * list_w + bgap ? 2 : 1, rows = (CONTENT_AREA_COUNT + cols - 1) / cols;
	int grid_h = rows * bh + (rows - 1) * bgap, side = 0, w = cols * list_w + (cols - 1) * bgap;
	if (image) {
		side = clampi(avail_h - grid_h - gap, min_pic, area.w);
		if (cols == 2 && w < side)
			w = side; /* as wide as the picture above */
		SDL_Rect pic = fit(L, image, (SDL_Rect){ area.x + (area.w - side) / 2, area.y, side, side });
		lay_picture(L, pic, image, selected, labels, act);
		side += gap;
	}
	lay_toggles(L, area.x + (area.w - w) / 2, area.y + side, w, cols, selected, labels, act);
	return side + grid_h;
}
