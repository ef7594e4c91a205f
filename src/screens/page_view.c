/* SPDX-License-Identifier: MIT */
/*
 * Layout of a content page: one centred column of blocks, top to bottom.
 * Each block function takes the column's x and width and returns the y
 * below it, which keeps two-column blocks a matter of calling the same
 * functions twice with half the width.
 */
#include "view_int.h"
#include <stdio.h>

static int layout_blocks(lay *L, const content_block *b, int n, int x, int y, int w);

static const char *tr(lay *L, const content_text *t)
{
	return content_tr(L->a->m, t, L->a->lang);
}

static int text_block(lay *L, const content_block *b, int x, int y, int w)
{
	const theme *th = L->a->th;
	if (b->kind == CONTENT_HEADING) {
		int px = lay_px(L, b->level == 2 ? SZ_H2 : SZ_HEAD, 1);
		y += lay_px(L, 12, 1);
		return y + lay_text(L, "heading", tr(L, &b->text), px, 1, th->text, x, y, w,
				    REN_ALIGN_START);
	}
	int h = lay_text(L, "text", tr(L, &b->text), lay_px(L, SZ_BODY, 1), 0, th->text,
			 x, y, w, REN_ALIGN_START);
	if (h && b->audio.s[L->a->lang]) /* Listen plays it instead of reading it */
		L->vw->v[L->vw->n - 1].audio = b->audio.s[L->a->lang];
	return y + h;
}

static int list_block(lay *L, const content_block *b, int x, int y, int w)
{
	const theme *th = L->a->th;
	int px = lay_px(L, SZ_BODY, 1), ind = lay_px(L, 44, 1), dot = px / 3;
	for (int i = 0; i < b->n_items; i++) {
		int top = y;
		lay_box(L, "bullet", (SDL_Rect){ x + ind / 4, top + px * 145 / 200 - dot / 2, dot, dot },
			th->primary, th->primary, dot / 2, 0);
		y += lay_text(L, "list-item", tr(L, &b->items[i]), px, 0, th->text, x + ind, y,
			      w - ind, REN_ALIGN_START);
		y += lay_px(L, 10, 1);
	}
	return y;
}

/* signs { level = ..., title = ... }: the emergency box (red) or the
 * same-day box (amber), its title, then the signs as a list. */
static int signs_block(lay *L, const content_block *b, int x, int y, int w)
{
	const theme *th = L->a->th;
	int emergency = b->sign_level == CONTENT_FLAG_EMERGENCY;
	int pad = lay_px(L, 32, 1), top = y, first = L->vw->n;
	lay_box(L, "callout", (SDL_Rect){ x, top, w, 0 }, emergency ? th->danger_bg : th->warn_bg,
		emergency ? th->danger_edge : th->warn_edge, lay_px(L, 16, 0), lay_px(L, 4, 0));
	y += pad;
	if (b->title.s[0]) {
		y += lay_text(L, "heading", tr(L, &b->title), lay_px(L, SZ_BODY + 4, 1), 1, th->text,
			      x + pad, y, w - 2 * pad, REN_ALIGN_START);
		y += lay_px(L, 12, 1);
	}
	y = list_block(L, b, x + pad, y, w - 2 * pad) + pad - lay_px(L, 10, 1);
	L->vw->v[first].r.h = y - top;
	L->vw->v[first].text = tr(L, b->title.s[0] ? &b->title : &b->items[0]);
	return y;
}

static int image_block(lay *L, const content_block *b, int x, int y, int w)
{
	int iw = 0, ih = 0, maxh = lay_px(L, 520, 0);
	view_el *e;
	if (ren_image_size(L->a->rn, b->image, &iw, &ih) != 0 || iw <= 0 || ih <= 0)
		iw = 4, ih = 3;
	int dw = w, dh = dw * ih / iw;
	if (dh > maxh)
		dh = maxh, dw = dh * iw / ih;
	if ((e = view_add(L->vw, EL_IMAGE, "image"))) {
		e->r = (SDL_Rect){ x + (w - dw) / 2, y, dw, dh };
		e->image = b->image;
		e->flip = b->mirror && L->rtl;
		e->text = tr(L, &b->alt);
	}
	y += dh;
	if (b->caption.s[0]) {
		y += lay_px(L, 10, 1);
		y += lay_text(L, "caption", tr(L, &b->caption), lay_px(L, SZ_SMALL, 1), 0,
			      L->a->th->muted, x, y, w, REN_ALIGN_CENTER);
	}
	return y;
}

/* A callout is a tinted box with a coloured border: the colour says info,
 * warning or danger, and the title says it again in words. */
static int callout_block(lay *L, const content_block *b, int x, int y, int w)
{
	const theme *th = L->a->th;
	SDL_Color bg = th->info_bg, edge = th->info_edge;
	int pad = lay_px(L, 32, 1), top = y;
	int first = L->vw->n;
	if (b->style == CONTENT_CALLOUT_WARNING)
		bg = th->warn_bg, edge = th->warn_edge;
	else if (b->style == CONTENT_CALLOUT_DANGER)
		bg = th->danger_bg, edge = th->danger_edge;
	/* The box goes first so it is drawn under its text; its height is
	 * known only at the end. */
	lay_box(L, "callout", (SDL_Rect){ x, top, w, 0 }, bg, edge, lay_px(L, 16, 0),
		lay_px(L, b->style == CONTENT_CALLOUT_INFO ? 2 : 4, 0));
	y += pad;
	if (b->title.s[0]) {
		y += lay_text(L, "heading", tr(L, &b->title), lay_px(L, SZ_BODY + 4, 1), 1, th->text,
			      x + pad, y, w - 2 * pad, REN_ALIGN_START);
		y += lay_px(L, 8, 1);
	}
	y += lay_text(L, "text", tr(L, &b->text), lay_px(L, SZ_BODY, 1), 0, th->text,
		      x + pad, y, w - 2 * pad, REN_ALIGN_START);
	y += pad;
	L->vw->v[first].r.h = y - top;
	L->vw->v[first].text = tr(L, b->title.s[0] ? &b->title : &b->text);
	return y;
}

static int button_block(lay *L, const content_block *b, int x, int y, int w)
{
	int bw = w < lay_px(L, 560, 1) ? w : lay_px(L, 560, 1);
	SDL_Rect r = { x, y, bw, lay_px(L, SZ_BUTTON_H, 0) };
	view_el *e = lay_button(L, "button", tr(L, &b->text), r, lay_px(L, SZ_BUTTON_TEXT, 1),
				b->style == 0, b->on_tap ? ACT_CALLBACK : ACT_GO);
	if (!e)
		return y;
	e->target = b->target;
	e->arg = b->on_tap;
	return y + e->r.h;
}

static int quiz_block(lay *L, const content_block *b, int x, int y, int w)
{
	const theme *th = L->a->th;
	int q = L->quiz++, sel = q < APP_MAX_QUIZZES ? L->a->quiz_sel[q] - 1 : -1;
	y += lay_text(L, "question", tr(L, &b->text), lay_px(L, SZ_BODY + 4, 1), 1, th->text,
		      x, y, w, REN_ALIGN_START);
	y += lay_px(L, 16, 1);
	for (int i = 0; i < b->n_choices; i++) {
		SDL_Rect r = { x, y, w, lay_px(L, 96, 0) };
		view_el *e = lay_button(L, "choice", tr(L, &b->choices[i].text), r,
					lay_px(L, SZ_BODY, 1), 0, ACT_QUIZ);
		if (!e)
			break;
		e->arg = q;
		e->arg2 = i;
		if (i == sel) {
			SDL_Color c = b->choices[i].correct ? th->right : th->wrong;
			e->edge = c;
			e->edge_w = lay_px(L, 6, 0);
		}
		y += e->r.h + lay_px(L, 14, 1);
	}
	if (sel >= 0 && sel < b->n_choices) {
		const content_choice *c = &b->choices[sel];
		content_block fb = { .kind = CONTENT_CALLOUT, .file = b->file, .line = b->line,
				     .style = c->correct ? CONTENT_CALLOUT_INFO : CONTENT_CALLOUT_WARNING };
		for (int l = 0; l < L->a->m->n_langs; l++) {
			fb.title.s[l] = content_string(L->a->m, c->correct ? "quiz_right" : "quiz_wrong", l);
			fb.text.s[l] = c->feedback.s[l];
		}
		y = callout_block(L, &fb, x, y, w);
	}
	return y;
}

static int columns_block(lay *L, const content_block *b, int x, int y, int w)
{
	int gap = lay_px(L, 48, 0), cw = (w - gap) / 2;
	int y0 = layout_blocks(L, b->col[0], b->n_col[0], x, y, cw);
	int y1 = layout_blocks(L, b->col[1], b->n_col[1], x + cw + gap, y, cw);
	/* Each column ends with a block gap; the page adds its own after. */
	return (y0 > y1 ? y0 : y1) - lay_px(L, SZ_GAP, 1);
}

static int layout_block(lay *L, const content_block *b, int x, int y, int w)
{
	L->file = b->file;
	L->line = b->line;
	switch (b->kind) {
	case CONTENT_HEADING:
	case CONTENT_PARAGRAPH: return text_block(L, b, x, y, w);
	case CONTENT_LIST: return b->sign_level ? signs_block(L, b, x, y, w) : list_block(L, b, x, y, w);
	case CONTENT_IMAGE: return image_block(L, b, x, y, w);
	case CONTENT_CALLOUT: return callout_block(L, b, x, y, w);
	case CONTENT_BUTTON: return button_block(L, b, x, y, w);
	case CONTENT_COLUMNS: return columns_block(L, b, x, y, w);
	case CONTENT_QUIZ: return quiz_block(L, b, x, y, w);
	}
	return y;
}

static int is_tile(const content_block *b)
{
	return b->kind == CONTENT_BUTTON && b->image;
}

/* One tile: a card with the picture on top and the label under it. */
static void tile(lay *L, const content_block *b, SDL_Rect r, int pic_h)
{
	const theme *th = L->a->th;
	int pad = lay_px(L, 20, 0);
	view_el *e = lay_button(L, "button", tr(L, &b->text), r, lay_px(L, SZ_BUTTON_TEXT, 1), 0,
				b->on_tap ? ACT_CALLBACK : ACT_GO);
	if (!e)
		return;
	e->target = b->target;
	e->arg = b->on_tap;
	e->fill = th->surface;
	e->edge = th->border;
	e->edge_w = lay_px(L, 2, 0);
	e->shadow = lay_px(L, 10, 0);
	/* The label sits under the picture, not centred in the card. */
	view_el *t = &L->vw->v[L->vw->n - 1];
	t->r.y = r.y + pic_h + 2 * pad;
	if ((e = view_add(L->vw, EL_IMAGE, "image"))) {
		e->r = (SDL_Rect){ r.x + pad, r.y + pad, r.w - 2 * pad, pic_h };
		e->image = b->image;
	}
}

/* A run of buttons with pictures becomes a grid of tiles: as many a row as
 * fit at about 360 px each (scaled with the text), from one to three. */
static int layout_tiles(lay *L, const content_block *b, int n, int x, int y, int w)
{
	int gap = lay_px(L, 32, 0), per = (w + gap) / (lay_px(L, 360, 1) + gap);
	per = per < 1 ? 1 : per > 3 ? 3 : per;
	int tw = (w - gap * (per - 1)) / per, pad = lay_px(L, 20, 0), pic_h = tw * 5 / 8;
	ren_text_style st = { .px = lay_px(L, SZ_BUTTON_TEXT, 1), .bold = 1, .line_pct = 125 };
	for (int i = 0; i < n; i += per) {
		int label_h = 0;
		for (int j = i; j < n && j < i + per; j++) {
			ren_text_metrics m = { 0 };
			ren_text_measure(L->a->rn, &st, tr(L, &b[j].text), tw - 2 * pad, &m);
			label_h = m.h > label_h ? m.h : label_h;
		}
		for (int j = i; j < n && j < i + per; j++) {
			L->file = b[j].file;
			L->line = b[j].line;
			tile(L, &b[j], (SDL_Rect){ x + (j - i) * (tw + gap), y, tw, pic_h + label_h + 3 * pad },
			     pic_h);
		}
		y += pic_h + label_h + 3 * pad + gap;
	}
	return y - gap;
}

static int layout_blocks(lay *L, const content_block *b, int n, int x, int y, int w)
{
	for (int i = 0; i < n; i++) {
		int run = 0;
		while (i + run < n && is_tile(&b[i + run]))
			run++;
		if (run > 0) {
			y = layout_tiles(L, &b[i], run, x, y, w);
			i += run - 1;
		} else {
			y = layout_block(L, &b[i], x, y, w);
		}
		y += lay_px(L, SZ_GAP, 1);
	}
	return y;
}

void scr_page(lay *L, int page, int check)
{
	app *a = L->a;
	const content_page *p;
	int col_w, x, y;
	(void)check;
	if (page < 0 || page >= a->m->n_pages)
		return;
	p = &a->m->pages[page];
	col_w = lay_px(L, SZ_COL, 0);
	if (col_w > a->w - 2 * lay_px(L, SZ_MARGIN, 0))
		col_w = a->w - 2 * lay_px(L, SZ_MARGIN, 0);
	x = (a->w - col_w) / 2;
	y = L->vw->bar_h + lay_px(L, 48, 0);
	L->fixed = 0;
	L->quiz = 0;
	L->file = p->file;
	L->line = p->line;
	y += lay_text(L, "title", content_tr(a->m, &p->title, a->lang), lay_px(L, SZ_H1, 1), 1,
		      a->th->text, x, y, col_w, REN_ALIGN_START);
	y += lay_px(L, 36, 1);
	y = layout_blocks(L, p->blocks, p->n_blocks, x, y, col_w);
	a->vw.page_h = y + lay_px(L, SZ_MARGIN, 0);
}
