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
#include "view_int.h"
#include <stdlib.h>
#include <string.h>

void view_clear(view *vw)
{
	/* Owned strings may be a patient's (a chart's summary, a note): wipe
	 * them, so sign-out leaves nothing of theirs in freed memory. */
	for (int i = 0; i < vw->n_str; i++) {
		explicit_bzero(vw->strbuf[i], strlen(vw->strbuf[i]));
		free(vw->strbuf[i]);
	}
	vw->n_str = 0;
	vw->n = 0;
	vw->page_h = 0;
	vw->bar_h = 0;
}

void view_free(view *vw)
{
	view_clear(vw);
	free(vw->v);
	memset(vw, 0, sizeof *vw);
}

view_el *view_add(view *vw, el_kind k, const char *role)
{
	if (vw->n == vw->cap) {
		int cap = vw->cap ? vw->cap * 2 : 128;
		view_el *v = realloc(vw->v, (size_t)cap * sizeof *v);
		if (!v)
			return NULL;
		vw->v = v;
		vw->cap = cap;
	}
	view_el *e = &vw->v[vw->n++];
	memset(e, 0, sizeof *e);
	e->kind = k;
	e->role = role;
	e->enabled = 1;
	return e;
}

const char *view_own(view *vw, char *s)
{
	if (!s)
		return "";
	if (vw->n_str == (int)(sizeof vw->strbuf / sizeof vw->strbuf[0])) {
		free(s);
		return "";
	}
	vw->strbuf[vw->n_str++] = s;
	return s;
}

/* Sizes are given for the short side of a 1920x1080 screen, so a portrait
 * kiosk (1080x1920) gets the same text and targets as a landscape one. */
float lay_scale(const app *a)
{
	return (float)(a->w < a->h ? a->w : a->h) / 1080.0f;
}

int lay_px(const lay *L, int base, int scaled)
{
	float v = (float)base * L->k * (scaled ? (float)L->a->scale / 100.0f : 1.0f);
	return (int)(v + 0.5f);
}

/* Adds a text element wrapped to w at (x, y); returns its height. */
int lay_text(lay *L, const char *role, const char *s, int px, int bold, SDL_Color c,
	     int x, int y, int w, ren_align al)
{
	ren_text_metrics m = { 0 };
	view_el *e;
	ren_text_style st = { .px = px, .bold = bold, .color = c, .align = al,
			      .rtl = L->rtl, .line_pct = 145 };
	if (!s || !*s)
		return 0;
	ren_text_measure(L->a->rn, &st, s, w, &m);
	if (L->probs && m.overflow && L->file)
		content_problems_add(L->probs, L->file, L->line,
				     "text does not fit its box at %d%% text size (%dx%d): \"%.40s\"",
				     L->a->scale, L->a->w, L->a->h, s);
	/* A wall of text is hard to read standing up, and one paragraph is one
	 * texture: keep each to what a screen can hold. */
	if (L->probs && m.lines > VIEW_MAX_LINES && L->file)
		content_problems_add(L->probs, L->file, L->line,
				     "text is too long for one block: split it into shorter paragraphs "
				     "(%d lines at %d%% text size, %dx%d): \"%.40s\"",
				     m.lines, L->a->scale, L->a->w, L->a->h, s);
	if (!(e = view_add(L->vw, EL_TEXT, role)))
		return 0;
	e->text = s;
	e->st = st;
	e->r = (SDL_Rect){ x, y, w, m.h };
	e->fixed = L->fixed;
	return m.h;
}

view_el *lay_box(lay *L, const char *role, SDL_Rect r, SDL_Color fill, SDL_Color edge,
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
view_el *lay_button(lay *L, const char *role, const char *label, SDL_Rect r, int px,
		    int primary, act_kind act)
{
	const theme *th = L->a->th;
	ren_text_metrics m = { 0 };
	ren_text_style st = { .px = px, .bold = 1, .align = REN_ALIGN_CENTER, .rtl = L->rtl,
			      .line_pct = 125 };
	int pad = lay_px(L, 24, 0), bi;
	st.color = primary ? th->on_primary : th->primary;
	ren_text_measure(L->a->rn, &st, label, r.w - 2 * pad, &m);
	if (L->probs && L->file && (m.overflow || m.lines > 2))
		content_problems_add(L->probs, L->file, L->line,
				     "button label does not fit its button at %d%% text size (%dx%d): \"%.40s\"",
				     L->a->scale, L->a->w, L->a->h, label);
	/* Grow only for labels that really need it (wrapped or large text). */
	if (m.h + pad / 2 > r.h)
		r.h = m.h + 2 * pad;
	bi = L->vw->n;
	view_el *b = view_add(L->vw, EL_BUTTON, role);
	if (!b)
		return NULL;
	b->r = r;
	b->text = label;
	b->fill = primary ? th->primary : th->surface;
	b->edge = th->primary;
	b->edge_w = primary ? 0 : lay_px(L, 3, 0);
	b->radius = lay_px(L, 20, 0);
	b->shadow = primary ? lay_px(L, 10, 0) : 0;
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

int view_build(app *a)
{
	lay L = { .a = a, .vw = &a->vw };
	int rtl = a->m ? a->m->rtl[a->lang] : 0;
	view_clear(&a->vw);
	L.k = lay_scale(a);
	L.rtl = rtl;
	if (!a->m)
		return 0;
	if (a->overlay == OVERLAY_ATTRACT) {
		view_attract(&L);
	} else {
		/* The bar is laid out first (the page starts below it) but drawn
		 * last, over the page scrolling under it. */
		view_bar(&L);
		int nbar = a->vw.n;
		if (a->sc.id == SCR_PAGE)
			view_page(&L, a->page, 0);
		else
			scr_view(&L);
		rotate(&a->vw, nbar);
		if (a->overlay == OVERLAY_IDLE)
			view_idle(&L);
	}
	if (a->badge[0])
		view_badge(&L);
	if (rtl)
		mirror(a, 0);
	ui_scroller_set_max(&a->scroll, (float)(a->vw.page_h > a->h ? a->vw.page_h - a->h : 0));
	return 0;
}

void view_check_page(app *a, int page, content_problems *probs)
{
	lay L = { .a = a, .vw = &a->vw, .probs = probs };
	L.k = lay_scale(a);
	L.rtl = a->m->rtl[a->lang];
	view_clear(&a->vw);
	view_page(&L, page, 1);
}
