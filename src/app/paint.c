/* SPDX-License-Identifier: MIT */
/*
 * Drawing: walks the view and draws each element that is on screen. Page
 * elements move with the scroll offset and fade in after a page change;
 * fixed elements (bar, dialogs) do not. Nothing here lays out or measures
 * text, so a steady frame costs only texture copies.
 */
#include "app.h"

static SDL_Color darker(SDL_Color c, int pct)
{
	c.r = (Uint8)(c.r * (100 - pct) / 100);
	c.g = (Uint8)(c.g * (100 - pct) / 100);
	c.b = (Uint8)(c.b * (100 - pct) / 100);
	return c;
}

/* Under a finger: darker, or lighter where darker would not show (a
 * black button in high contrast). */
static SDL_Color pressed_fill(SDL_Color c)
{
	if (c.r + c.g + c.b >= 3 * 64)
		return darker(c, 12);
	c.r = (Uint8)(c.r + (255 - c.r) / 5);
	c.g = (Uint8)(c.g + (255 - c.g) / 5);
	c.b = (Uint8)(c.b + (255 - c.b) / 5);
	return c;
}

static void paint_box(app *a, const view_el *e, SDL_Rect r, int pressed)
{
	SDL_Color fill = pressed ? pressed_fill(e->fill) : e->fill;
	if (e->shadow)
		ren_shadow(a->rn, r, e->radius, e->shadow, 60);
	if (fill.a)
		ren_round_rect(a->rn, r, e->radius, fill);
	if (e->edge_w > 0)
		ren_round_rect_outline(a->rn, r, e->radius, e->edge_w, e->edge);
}

/* Alpha for page elements during the page transition (fade over 200 ms). */
static Uint8 page_alpha(app *a, int *dx)
{
	uint64_t now = mk_now_ms();
	*dx = 0;
	if (!a->trans_ms || now >= a->trans_ms + 200)
		return 255;
	float t = (float)(now - a->trans_ms) / 200.0f;
	float ease = 1.0f - (1.0f - t) * (1.0f - t);
	*dx = (int)((1.0f - ease) * 40.0f) * (a->m && a->m->rtl[a->lang] ? -1 : 1);
	return (Uint8)(255.0f * ease);
}

static void paint_photo(app *a, const view_el *e, SDL_Rect r, Uint8 alpha)
{
	Uint8 op = e->opacity ? e->opacity : 255;
	if (!e->tex)
		return;
	SDL_SetTextureAlphaMod(e->tex, (Uint8)(alpha * op / 255));
	SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_BLEND);
	SDL_RenderCopy(a->sdl, e->tex, e->src.w ? &e->src : NULL, &r);
}

static void paint_scrollbar(app *a)
{
	if (a->scroll.max <= 0 || a->overlay != OVERLAY_NONE)
		return;
	int top = a->vw.bar_h, track = a->h - top - 16;
	int len = (int)((float)track * (float)(a->h - top) / (float)(a->vw.page_h - top));
	if (len < 60)
		len = 60;
	float off = a->scroll.offset < 0 ? 0 : (a->scroll.offset > a->scroll.max ? a->scroll.max : a->scroll.offset);
	int y = top + 8 + (int)((float)(track - len) * off / a->scroll.max);
	int rtl = a->m && a->m->rtl[a->lang];
	SDL_Rect r = { rtl ? 6 : a->w - 14, y, 8, len };
	SDL_Color c = a->th->border;
	c.a = 160;
	ren_round_rect(a->rn, r, 4, c);
}

void paint_view(app *a)
{
	int dx;
	Uint8 alpha = page_alpha(a, &dx);
	int scroll = (int)(a->scroll.offset + (a->scroll.offset >= 0 ? 0.5f : -0.5f));
	if (a->loop->dark) {
		ren_fill_rect(a->rn, (SDL_Rect){ 0, 0, a->w, a->h }, (SDL_Color){ 0, 0, 0, 255 });
		return;
	}
	ren_fill_rect(a->rn, (SDL_Rect){ 0, 0, a->w, a->h }, a->th->bg);
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		SDL_Rect r = e->r;
		if (!e->fixed) {
			r.y -= scroll;
			r.x += dx;
		}
		if (r.y >= a->h || r.y + r.h <= 0)
			continue;
		/* A disabled button has a look of its own (wg_look_off), not
		 * faded: only a picture on it is dimmed. */
		int on = e->enabled || e->kind != EL_PHOTO;
		Uint8 al = e->fixed ? 255 : alpha;
		ren_set_alpha(a->rn, al);
		switch (e->kind) {
		case EL_BOX:
		case EL_BUTTON: paint_box(a, e, r, i == a->loop->pressed); break;
		case EL_TEXT: ren_text_draw(a->rn, &e->st, e->text, r.x, r.y, r.w); break;
		case EL_IMAGE: ren_image_draw_ex(a->rn, e->image, r, e->flip); break;
		case EL_PHOTO: paint_photo(a, e, r, on ? al : (Uint8)(al * 2 / 5)); break;
		case EL_LINE:
			if (e->flip)
				ren_line(a->rn, r.x, r.y + r.h, r.x + r.w, r.y, e->edge_w, e->edge);
			else
				ren_line(a->rn, r.x, r.y, r.x + r.w, r.y + r.h, e->edge_w, e->edge);
			break;
		}
	}
	ren_set_alpha(a->rn, 255);
	paint_scrollbar(a);
	focus_paint(a);
	heard_paint(a);
}
