/* SPDX-License-Identifier: MIT */
/*
 * Layout primitives: text, boxes and buttons placed in logical
 * left-to-right coordinates (the caller mirrors a right-to-left view at the
 * end). Sizes are given for a 1920x1080 screen and scaled to the window;
 * the text size scales what the caller asks to be scaled, never the rest.
 * Under --check (L->probs set) text that does not fit its box is reported
 * with the file and line that wrote it.
 */
#include "widgets.h"
#include <string.h>

/* Sizes are given for the short side of a 1920x1080 screen, so a portrait
 * kiosk (1080x1920) gets the same text and targets as a landscape one. */
float wg_scale(int w, int h)
{
	return (float)(w < h ? w : h) / 1080.0f;
}

int wg_px(const wg *L, int base, int scaled)
{
	float v = (float)base * L->k * (scaled ? (float)L->scale / 100.0f : 1.0f);
	return (int)(v + 0.5f);
}

/* Adds a text element wrapped to w at (x, y); returns its height. */
int wg_text(wg *L, const char *role, const char *s, int px, int bold, SDL_Color c,
	     int x, int y, int w, ren_align al)
{
	ren_text_metrics m = { 0 };
	view_el *e;
	ren_text_style st = { .px = px, .bold = bold, .color = c, .align = al,
			      .rtl = L->rtl, .line_pct = 145 };
	if (!s || !*s)
		return 0;
	ren_text_measure(L->rn, &st, s, w, &m);
	if (L->probs && m.overflow && L->file)
		content_problems_add(L->probs, L->file, L->line,
				     "text does not fit its box at %d%% text size (%dx%d): \"%.40s\"",
				     L->scale, L->w, L->h, s);
	/* A wall of text is hard to read standing up, and one paragraph is one
	 * texture: keep each to what a screen can hold. */
	if (L->probs && m.lines > VIEW_MAX_LINES && L->file)
		content_problems_add(L->probs, L->file, L->line,
				     "text is too long for one block: split it into shorter paragraphs "
				     "(%d lines at %d%% text size, %dx%d): \"%.40s\"",
				     m.lines, L->scale, L->w, L->h, s);
	if (!(e = view_add(L->vw, EL_TEXT, role)))
		return 0;
	e->text = s;
	e->st = st;
	e->r = (SDL_Rect){ x, y, w, m.h };
	e->fixed = L->fixed;
	return m.h;
}

view_el *wg_box(wg *L, const char *role, SDL_Rect r, SDL_Color fill, SDL_Color edge,
		 int radius, int edge_w)
{
	view_el *e = view_add(L->vw, EL_BOX, role);
	if (!e)
		return NULL;
	e->r = r;
	e->fill = fill;
	e->edge = edge;
	e->radius = radius;
	e->edge_w = edge_w;
	e->fixed = L->fixed;
	return e;
}

/* A button: a box that acts, with a centred label. `lines_max` guards
 * labels that would wrap into an unreadable block (reported by --check). */
view_el *wg_button(wg *L, const char *role, const char *label, SDL_Rect r, int px,
		    int primary, int act)
{
	wg_look lk = theme_look(L->th, primary ? WG_LOOK_PRIMARY : WG_LOOK_SECONDARY);
	ren_text_metrics m = { 0 };
	ren_text_style st = { .px = px, .bold = 1, .align = REN_ALIGN_CENTER, .rtl = L->rtl,
			      .line_pct = 125 };
	int pad = wg_px(L, 24, 0), bi;
	st.color = lk.label;
	ren_text_measure(L->rn, &st, label, r.w - 2 * pad, &m);
	if (L->probs && L->file && (m.overflow || m.lines > 2))
		content_problems_add(L->probs, L->file, L->line,
				     "button label does not fit its button at %d%% text size (%dx%d): \"%.40s\"",
				     L->scale, L->w, L->h, label);
	/* Grow only for labels that really need it (wrapped or large text). */
	if (m.h + pad / 2 > r.h)
		r.h = m.h + 2 * pad;
	bi = L->vw->n;
	view_el *b = view_add(L->vw, EL_BUTTON, role);
	if (!b)
		return NULL;
	b->r = r;
	b->text = label;
	b->fill = lk.fill;
	b->edge = lk.edge;
	b->edge_w = wg_px(L, lk.edge_w, 0);
	b->radius = wg_px(L, 20, 0);
	b->shadow = wg_px(L, lk.shadow, 0);
	b->act = act;
	b->fixed = L->fixed;
	view_el *t = view_add(L->vw, EL_TEXT, "label");
	if (!t)
		return NULL;
	t->text = label;
	t->st = st;
	t->r = (SDL_Rect){ r.x + pad, r.y + (r.h - m.h) / 2, r.w - 2 * pad, m.h };
	t->fixed = L->fixed;
	return &L->vw->v[bi]; /* the array may have moved */
}

/* Controls that cannot be used yet take their own look (theme_look's
 * WG_LOOK_OFF), labels too: a screen marks them after laying them out,
 * so this runs once the whole view is there. */
void wg_look_off(view *vw, const theme *th, float k)
{
	wg_look lk = theme_look(th, WG_LOOK_OFF);
	int edge = (int)((float)lk.edge_w * k + 0.5f);
	for (int i = 0; i < vw->n; i++) {
		view_el *e = &vw->v[i];
		if (e->kind != EL_BUTTON || e->enabled)
			continue;
		e->fill = lk.fill;
		e->edge = lk.edge;
		e->edge_w = edge > 1 ? edge : 1;
		e->shadow = 0;
		if (i + 1 < vw->n && vw->v[i + 1].kind == EL_TEXT)
			vw->v[i + 1].st.color = lk.label;
	}
}

const char *wg_str(const wg *L, const char *key, const char *fallback)
{
	const char *s = L->m ? content_string(L->m, key, L->lang) : key;
	return strcmp(s, key) ? s : fallback;
}
