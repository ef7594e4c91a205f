/* SPDX-License-Identifier: MIT */
/*
 * Page layout: turns the content model into a flat list of elements
 * (view_el). Layout is done once per change, in logical left-to-right
 * coordinates; for a right-to-left language every rectangle is mirrored
 * across the screen at the end, so one code path serves both directions.
 *
 * Sizes are given for a 1920x1080 screen and scaled to the window; the
 * text-size switch scales the page's text, never the top bar, so the bar's
 * controls stay where the patient found them.
 */
#include "screens.h"
#include <stdlib.h>
#include <string.h>

float lay_scale(const app *a)
{
	return wg_scale(a->w, a->h);
}

wg lay_wg(const lay *L)
{
	const app *a = L->a;
	return (wg){ .vw = L->vw, .rn = a->rn, .th = a->th, .m = a->m, .lang = a->lang,
		     .w = a->w, .h = a->h, .scale = a->scale, .k = L->k, .rtl = L->rtl,
		     .fixed = L->fixed, .probs = L->probs, .file = L->file, .line = L->line };
}

int lay_px(const lay *L, int base, int scaled)
{
	wg w = lay_wg(L);
	return wg_px(&w, base, scaled);
}

int lay_text(lay *L, const char *role, const char *s, int px, int bold, SDL_Color c,
	     int x, int y, int w, ren_align al)
{
	wg g = lay_wg(L);
	return wg_text(&g, role, s, px, bold, c, x, y, w, al);
}

view_el *lay_box(lay *L, const char *role, SDL_Rect r, SDL_Color fill, SDL_Color edge,
		 int radius, int edge_w)
{
	wg w = lay_wg(L);
	return wg_box(&w, role, r, fill, edge, radius, edge_w);
}

view_el *lay_button(lay *L, const char *role, const char *label, SDL_Rect r, int px,
		    int primary, act_kind act)
{
	wg w = lay_wg(L);
	return wg_button(&w, role, label, r, px, primary, (int)act);
}

int scr_keypad(lay *L, SDL_Rect area, act_kind act, int ok_enabled)
{
	wg w = lay_wg(L);
	return wg_keypad(&w, area, (int)act, ok_enabled);
}

int scr_keyboard(lay *L, SDL_Rect area, const char *lang, int mode, int codes_only, act_kind act)
{
	wg w = lay_wg(L);
	return wg_osk(&w, area, lang, mode, codes_only, (int)act);
}

const char *scr_keyboard_key(const char *lang, int mode, int codes_only, int arg)
{
	return wg_osk_key(lang, mode, codes_only, arg);
}

int scr_chart(lay *L, SDL_Rect area, const scr_chart_data *d)
{
	wg w = lay_wg(L);
	return wg_chart(&w, area, d);
}

int scr_body_map(lay *L, SDL_Rect area, const char *image, unsigned selected,
	      const char *const labels[], act_kind act)
{
	wg w = lay_wg(L);
	return wg_body(&w, area, image, selected, labels, (int)act);
}

/* Moves the first n elements to the end, keeping both runs in order. */
static void rotate(view *vw, int n)
{
	view_el *tmp = n > 0 ? malloc((size_t)n * sizeof *tmp) : NULL;
	if (!tmp)
		return;
	memcpy(tmp, vw->v, (size_t)n * sizeof *tmp);
	memmove(vw->v, vw->v + n, (size_t)(vw->n - n) * sizeof *tmp);
	memcpy(vw->v + vw->n - n, tmp, (size_t)n * sizeof *tmp);
	free(tmp);
}

/* A line runs corner to corner of its rect: mirrored, it runs between
 * the other two corners. */
static void mirror(app *a, int from)
{
	for (int i = from; i < a->vw.n; i++) {
		SDL_Rect *r = &a->vw.v[i].r;
		r->x = a->w - r->x - r->w;
		if (a->vw.v[i].kind == EL_LINE)
			a->vw.v[i].flip = !a->vw.v[i].flip;
	}
}

int scr_build(app *a)
{
	lay L = { .a = a, .vw = &a->vw };
	int rtl = a->m ? a->m->rtl[a->lang] : 0;
	view_clear(&a->vw);
	L.k = lay_scale(a);
	L.rtl = rtl;
	if (!a->m)
		return 0;
	if (a->overlay == OVERLAY_ATTRACT) {
		scr_attract(&L);
	} else {
		/* The bar is laid out first (the page starts below it) but drawn
		 * last, over the page scrolling under it. */
		scr_bar(&L);
		int nbar = a->vw.n;
		if (a->sc.id == SCR_PAGE)
			scr_page(&L, a->page, 0);
		else
			scr_view(&L);
		rotate(&a->vw, nbar);
		if (a->overlay == OVERLAY_IDLE)
			scr_idle(&L);
	}
	if (a->badge[0])
		scr_badge(&L, "content_error", a->badge);
	else if (a->sw_badge[0] && scr_for_staff(a)) /* patients never see updates */
		scr_badge(&L, "software_error", a->sw_badge);
	if (rtl)
		mirror(a, 0);
	scr_corner_ring(&L);
	wg_look_off(&a->vw, a->th, L.k);
	ui_scroller_set_max(&a->scroll, (float)(a->vw.page_h > a->h ? a->vw.page_h - a->h : 0));
	return 0;
}

void scr_check_page(app *a, int page, content_problems *probs)
{
	lay L = { .a = a, .vw = &a->vw, .probs = probs };
	L.k = lay_scale(a);
	L.rtl = a->m->rtl[a->lang];
	view_clear(&a->vw);
	scr_page(&L, page, 1);
}
