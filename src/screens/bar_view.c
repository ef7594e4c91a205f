/* SPDX-License-Identifier: MIT */
/*
 * The parts of the screen that are not the page: the top bar (home, back,
 * Listen, touch reading's Quieter and Louder, the help page, high contrast, text size, language), the "Are you still there?" dialog,
 * the attract screen and the staff badge for rejected content. They are
 * fixed (never scrolled) and their sizes ignore the text-size switch so the
 * switch itself never moves under the patient's finger.
 */
#include "screens.h"
#include <math.h>
#include <string.h>
#include <stdio.h>

static const char *str(lay *L, const char *key)
{
	return content_string(L->a->m, key, L->a->lang);
}

static int label_w(lay *L, const char *s, int px)
{
	ren_text_style st = { .px = px, .bold = 1, .rtl = L->rtl };
	ren_text_metrics m = { 0 };
	ren_text_measure(L->a->rn, &st, s, 0, &m);
	return m.w;
}

/* Before a second row, the bar tries its labelled buttons closer
 * together (1: 8 px apart, not 16), then with less room around their
 * words as well (2: 26 px each side, not 32, as a label needs its
 * button's own 24): a patient's screen with Sign out and Listen in
 * English at 1920 wide keeps one row. */
static int tight;
/* 1 while a two-row bar tries Listen at the start of its second row (a
 * patient's top row, Home, Back, Sign out, in French on a portrait
 * screen leaves it no room beside "When to call us"), 2 as a square. */
static int low;
/* 1: Listen shows its word without its icon, which lets a bar that
 * misses one row by a little keep to one. */
static int plain;

/* A bar button sized to its label, placed at x (start side) or ending at
 * x (end side); returns the x for the next one. */
/* A bar button as wide as `wide` needs (its own label, or the other one
 * it turns into, so that nothing moves when it does). */
static int bar_button_as(lay *L, const char *label, const char *wide, int x, int end_side, int primary,
			 act_kind act, int arg)
{
	int px = lay_px(L, SZ_BAR_TEXT, 0), h = lay_px(L, 88, 0);
	/* Home keeps its size in its corner on every screen. */
	int pad = lay_px(L, tight > 1 && act != ACT_HOME ? 26 : 32, 0), gap = lay_px(L, tight ? 8 : 16, 0);
	int w = label_w(L, wide, px) + 2 * pad;
	if (w < label_w(L, label, px) + 2 * pad)
		w = label_w(L, label, px) + 2 * pad;
	if (w < h * 3 / 2)
		w = h * 3 / 2;
	if (end_side)
		x -= w;
	view_el *e = lay_button(L, "button", label, (SDL_Rect){ x, L->row_y + (lay_px(L, SZ_BAR, 0) - h) / 2, w, h },
				px, primary, act);
	if (e)
		e->arg = arg;
	return end_side ? x - gap : x + w + gap;
}

static int bar_button(lay *L, const char *label, int x, int end_side, int primary,
		      act_kind act, int arg)
{
	return bar_button_as(L, label, label, x, end_side, primary, act, arg);
}

/* The first button: Home, always in the same corner for a patient (signed
 * in or not); in staff mode, Close staff mode; on a hand-over screen (the
 * patient types), Home greyed out in its place. */
static int bar_start(lay *L, int x)
{
	app *a = L->a;
	view_el *e;
	if (scr_row(a)->who == SCR_WHO_HANDOVER) { /* the patient's: no way into staff mode */
		x = bar_button(L, str(L, "home"), x, 0, 0, ACT_NONE, 0);
		if ((e = &a->vw.v[a->vw.n - 2]))
			e->enabled = 0;
		return x;
	}
	if (a->sc.staff)
		return bar_button(L, str(L, "staff_close"), x, 0, 0, ACT_FLOW, F_STAFF_CLOSE);
	return bar_button(L, str(L, "home"), x, 0, 0, ACT_HOME, 0);
}

/* After Back, for a signed-in patient: My course on a page, Sign out on
 * their own screens (it asks first when a report has unsaved answers). */
static int bar_patient(lay *L, int x)
{
	app *a = L->a;
	if (a->sc.staff || !track_signed_in(a->tk) || scr_row(a)->who == SCR_WHO_HANDOVER)
		return x;
	if (a->sc.id == SCR_PAGE)
		return bar_button(L, str(L, "course_title"), x, 0, 1, ACT_FLOW, F_COURSE);
	if (a->sc.id == SCR_LEAVE_ASK)
		return x;
	return bar_button(L, str(L, "sign_out"), x, 0, 0, ACT_FLOW, F_SIGN_OUT);
}

static int size_buttons(lay *L, int x)
{
	static const int scales[3] = { 100, 130, 160 };
	int h = lay_px(L, 88, 0), gap = lay_px(L, 8, 0);
	for (int i = 2; i >= 0; i--) {
		char *name = mk_asprintf("%s %d%%", str(L, "text_size"), scales[i]);
		int on = L->a->scale == scales[i];
		x -= h;
		view_el *e = lay_button(L, "text-size", "A", (SDL_Rect){ x, L->row_y + (lay_px(L, SZ_BAR, 0) - h) / 2, h, h },
					lay_px(L, 26 + 8 * i, 0), on, ACT_SCALE);
		if (!e)
			break;
		e->arg = scales[i];
		e->text = view_own(L->vw, name);
		x -= gap;
	}
	return x;
}

/* The high-contrast switch, beside the text size and shaped like its
 * buttons: a half-dark circle, filled while it is on. Its name for the
 * semantic tree and the driver is the words ("High contrast"). */
static int contrast_button(lay *L, int x)
{
	int h = lay_px(L, 88, 0), on = scr_contrast_on(L->a);
	x -= h;
	view_el *e = lay_button(L, "contrast", "\u25D0", (SDL_Rect){ x, L->row_y + (lay_px(L, SZ_BAR, 0) - h) / 2, h, h },
				lay_px(L, 44, 0), on, ACT_CONTRAST);
	if (e)
		e->text = str(L, "high_contrast");
	return x - lay_px(L, 16, 0);
}

/* Listen (Stop while it reads) on every patient screen, when the kiosk
 * can speak the screen's language (listen.c). Where even the second row
 * has no room for its word (French, portrait, signed in), it is a square
 * like the contrast switch: a play triangle, a stop square while it
 * reads, still named by its words in the tree and when spoken. */
static int listen_button(lay *L, int x)
{
	int on = listen_whole(L->a), h = lay_px(L, 88, 0);
	const char *name = str(L, on ? "listen_stop" : "listen");
	view_el *e;
	if (!listen_shown(L->a))
		return x;
	if (low > 1) {
		e = lay_button(L, "button", on ? "\u25A0" : "\u25B6", (SDL_Rect){ x, L->row_y + (lay_px(L, SZ_BAR, 0) - h) / 2, h, h },
			       lay_px(L, 40, 0), on, ACT_LISTEN);
		if (e)
			e->text = name;
		return x + h + lay_px(L, tight ? 8 : 16, 0);
	}
	/* An icon and the word (a play triangle, a stop square while it
	 * reads), named by the word alone in the tree and when spoken. As
	 * wide as the wider of Listen and Stop: the bar never changes rows,
	 * nor the page moves, when a reading starts or ends. */
	static char shown[2][192], other[192]; /* kept while the view shows them */
	int before = L->vw->n;
	if (plain)
		return bar_button_as(L, name, str(L, on ? "listen" : "listen_stop"), x, 0, on, ACT_LISTEN, 0);
	snprintf(shown[on], sizeof shown[on], "%s %s", on ? "\u25A0" : "\u25B6", name);
	snprintf(other, sizeof other, "%s %s", on ? "\u25B6" : "\u25A0", str(L, on ? "listen" : "listen_stop"));
	x = bar_button_as(L, shown[on], other, x, 0, on, ACT_LISTEN, 0);
	if (L->vw->n > before)
		L->vw->v[before].text = name;
	return x;
}

/* Quieter and Louder, for the speech, while touch reading is on: beside
 * Listen, where a finger exploring the bar from its start finds them. */
static int volume_buttons(lay *L, int x)
{
	if (!L->a->touch_read)
		return x;
	x = bar_button(L, str(L, "touch_quieter"), x, 0, 0, ACT_VOLUME, -1);
	return bar_button(L, str(L, "touch_louder"), x, 0, 0, ACT_VOLUME, 1);
}

/* Lays out the bar at L->k, on one row or two (a narrow, portrait
 * screen); returns the room left over (negative when controls collide). */
static int bar_at(lay *L, int rows)
{
	app *a = L->a;
	const content_model *m = a->m;
	int x, top_x, end, room, pad = lay_px(L, 24, 0), bar = lay_px(L, SZ_BAR, 0);
	view_el *e;
	lay_box(L, "bar", (SDL_Rect){ 0, 0, a->w, rows * bar }, a->th->bar, a->th->bar, 0, 0);
	lay_box(L, "rule", (SDL_Rect){ 0, rows * bar - 2, a->w, 2 }, a->th->border, a->th->border, 0, 0);
	L->row_y = 0;
	x = bar_start(L, pad);
	if (a->sc.id != SCR_PAGE) {
		x = bar_button(L, str(L, "back"), x, 0, 0, ACT_FLOW, F_BACK);
		if ((!scr_back_label(a) || scr_row(a)->who == SCR_WHO_HANDOVER) && (e = &a->vw.v[a->vw.n - 2]))
			e->enabled = 0;
	} else {
		x = bar_button(L, str(L, "back"), x, 0, 0, ACT_BACK, 0);
		if (a->n_history == 0 && (e = &a->vw.v[a->vw.n - 2]))
			e->enabled = 0;
	}
	x = top_x = bar_patient(L, x);
	if (!low)
		x = top_x = listen_button(L, x);
	if (rows == 1)
		x = top_x = volume_buttons(L, x);
	end = a->w - pad;
	if (rows >= 2) { /* the second row starts with the volume, or it has a third */
		L->row_y = bar;
		x = low ? listen_button(L, pad) : pad;
		if (rows == 2)
			x = volume_buttons(L, x);
	}
	for (int i = m->n_langs - 1; i >= 0; i--)
		end = bar_button(L, m->lang_names[i], end, 1, i == a->lang, ACT_LANG, i);
	end = contrast_button(L, size_buttons(L, end));
	room = end - x; /* the (second) row's */
	if (rows == 3) {
		L->row_y = 2 * bar;
		volume_buttons(L, pad);
	}
	if (m->help_page && content_page_index(m, m->help_page) != a->page) {
		SDL_Color red = a->th->danger_edge;
		int before = a->vw.n;
		if (rows >= 2) { /* the help button goes first, on the top row */
			L->row_y = 0;
			end = a->w - pad;
		}
		end = bar_button(L, str(L, "help"), end, 1, 1, ACT_HELP, 0);
		a->vw.v[before].fill = red;
		a->vw.v[before].edge = red;
		if (rows >= 2 && end - top_x < 0) /* it shares the top row with Home ... Listen */
			return end - top_x;
		if (rows == 1)
			room = end - x;
	}
	L->vw->bar_h = rows * bar;
	return rows >= 2 && !low ? (room < 0 ? room : 0) : room;
}

/* The bar keeps every control at full size: where one row misses by a
 * little (French with Listen at 1920 wide) its buttons sit closer; on a
 * narrow screen it takes two rows (three with touch reading's volume, in
 * portrait), and only a very narrow window makes it smaller. */
void scr_bar(lay *L)
{
	int first = L->vw->n, most = L->a->touch_read ? 3 : 2;
	float k = L->k;
	L->fixed = 1;
	L->file = NULL;
	for (int i = 0; i < 3 * most; i++) {
		int rows = 1 + i % most, fits = 0;
		for (plain = 0; plain <= (rows == 1) && !fits; plain++)
			for (low = 0; low <= (rows >= 2 ? 2 : 0) && !fits; low++)
				for (tight = 0; tight <= 2 && !fits; tight++) {
					L->vw->n = first;
					fits = bar_at(L, rows) >= 0;
				}
		if (fits)
			break;
		if (i % most == most - 1)
			L->k *= 0.85f;
	}
	tight = low = plain = 0;
	L->k = k;
}

/* What the idle question says will happen: sign-out for a patient, and
 * the loss of a report they have not saved only when there is one.
 * Content without these strings keeps its own "back to the start". */
static const char *idle_body(lay *L)
{
	app *a = L->a;
	const char *key = !track_signed_in(a->tk) ? "still_there_body"
			  : scr_report_unsaved(a) ? "still_there_unsaved" : "still_there_signout";
	const char *s = str(L, key);
	return strcmp(s, key) ? s : str(L, "still_there_body");
}

void scr_idle(lay *L)
{
	app *a = L->a;
	const theme *th = a->th;
	int cw = lay_px(L, 1000, 0), pad = lay_px(L, 56, 0), y;
	int left = (int)a->cfg.countdown_s - (int)((mk_now_ms() - a->overlay_ms) / 1000);
	int card_first;
	char *num = mk_asprintf("%d", left < 0 ? 0 : left);
	SDL_Rect card = { (a->w - cw) / 2, 0, cw, 0 };
	L->fixed = 1;
	lay_box(L, "dim", (SDL_Rect){ 0, 0, a->w, a->h }, th->dim, th->dim, 0, 0);
	card_first = a->vw.n;
	view_el *box = lay_box(L, "dialog", card, th->surface, th->border, lay_px(L, 28, 0), lay_px(L, 3, 0));
	if (box)
		box->shadow = lay_px(L, 16, 0);
	y = pad;
	y += lay_text(L, "heading", str(L, "still_there"), lay_px(L, 48, 0), 1, th->text,
		      card.x + pad, y, cw - 2 * pad, REN_ALIGN_CENTER) + lay_px(L, 20, 0);
	y += lay_text(L, "text", idle_body(L), lay_px(L, 32, 0), 0, th->muted,
		      card.x + pad, y, cw - 2 * pad, REN_ALIGN_CENTER) + lay_px(L, 20, 0);
	y += lay_text(L, "countdown", view_own(L->vw, num), lay_px(L, 96, 0), 1, th->primary,
		      card.x + pad, y, cw - 2 * pad, REN_ALIGN_CENTER) + lay_px(L, 28, 0);
	int bw = (cw - 3 * pad) / 2, bh = lay_px(L, SZ_BUTTON_H, 0);
	lay_button(L, "button", str(L, "im_here"), (SDL_Rect){ card.x + pad, y, bw, bh },
		   lay_px(L, SZ_BUTTON_TEXT, 0), 1, ACT_STILL_HERE);
	lay_button(L, "button", str(L, "start_over"), (SDL_Rect){ card.x + 2 * pad + bw, y, bw, bh },
		   lay_px(L, SZ_BUTTON_TEXT, 0), 0, ACT_START_OVER);
	y += bh + pad;
	/* Centre the card vertically now that its height is known. */
	int dy = (a->h - y) / 2;
	a->vw.v[card_first].r.h = y;
	for (int i = card_first; i < a->vw.n; i++)
		a->vw.v[i].r.y += dy;
}

/* Title, an optional picture, and the invitation in every language. Laid
 * out once to learn its height, then centred on the screen. */
void scr_attract(lay *L)
{
	app *a = L->a;
	const content_model *m = a->m;
	const theme *th = a->th;
	int w = lay_px(L, 1400, 0), x = (a->w - w) / 2, y = 0, first;
	if (w > a->w - 2 * lay_px(L, SZ_MARGIN, 0))
		w = a->w - 2 * lay_px(L, SZ_MARGIN, 0), x = (a->w - w) / 2;
	L->fixed = 1;
	view_el *wake = lay_box(L, "attract", (SDL_Rect){ 0, 0, a->w, a->h }, th->primary, th->primary, 0, 0);
	if (!wake)
		return;
	wake->act = ACT_WAKE;
	wake->text = content_tr(m, &m->title, 0);
	first = a->vw.n;
	y += lay_text(L, "title", content_tr(m, &m->title, 0), lay_px(L, 72, 0), 1, th->on_primary,
		      x, y, w, REN_ALIGN_CENTER) + lay_px(L, 48, 0);
	if (m->attract_image) {
		int ih = a->h * 2 / 5, iw = w;
		view_el *e = view_add(L->vw, EL_IMAGE, "image");
		if (e) {
			e->r = (SDL_Rect){ x + (w - iw) / 2, y, iw, ih };
			e->image = m->attract_image;
			e->fixed = 1;
		}
		y += ih + lay_px(L, 48, 0);
	}
	for (int i = 0; i < m->n_langs; i++) {
		L->rtl = m->rtl[i];
		y += lay_text(L, "text", content_string(m, "touch_to_start", i), lay_px(L, 44, 0), 0,
			      th->on_primary, x, y, w, REN_ALIGN_CENTER) + lay_px(L, 20, 0);
	}
	L->rtl = m->rtl[a->lang];
	for (int i = first, dy = (a->h - y) / 2; i < a->vw.n; i++)
		a->vw.v[i].r.y += dy;
}

void scr_badge(lay *L, const char *key, const char *text)
{
	app *a = L->a;
	int px = lay_px(L, 22, 0), w = lay_px(L, 640, 0), pad = lay_px(L, 14, 0);
	char *s = mk_asprintf("%s: %s", str(L, key), text);
	ren_text_metrics m = { 0 };
	ren_text_style st = { .px = px, .line_pct = 130 };
	ren_text_measure(a->rn, &st, s ? s : "", w - 2 * pad, &m);
	int h = m.h + 2 * pad, y = a->h - h - pad;
	L->fixed = 1;
	lay_box(L, "badge", (SDL_Rect){ pad, y, w, h }, a->th->warn_bg, a->th->warn_edge,
		lay_px(L, 10, 0), 2);
	lay_text(L, "status", view_own(L->vw, s), px, 0, a->th->text, pad * 2, y + pad, w - 2 * pad,
		 REN_ALIGN_START);
}

/* Holding the hidden corner: after a second, a ring of dots beside the
 * finger fills until the staff PIN opens, so staff know to keep holding
 * and a patient who rests a hand there sees something happen before it
 * does. Dots, not an arc: round boxes are what the renderer draws. The
 * ring is a "progress" node whose text is how far it is ("40%"). */
#define RING_DOTS 24

void scr_corner_ring(lay *L)
{
	app *a = L->a;
	int pct = scr_corner_pct(a);
	if (pct < 0)
		return;
	int r = lay_px(L, 76, 0), c = lay_px(L, 110, 0) + r, dot = lay_px(L, 14, 0), ring = r - dot;
	int lit = pct * RING_DOTS / 100;
	L->fixed = 1;
	view_el *disc = lay_box(L, "progress", (SDL_Rect){ c - r, c - r, 2 * r, 2 * r }, a->th->surface,
				a->th->border, r, lay_px(L, 2, 0));
	if (!disc)
		return;
	disc->shadow = lay_px(L, 12, 0);
	disc->text = view_own(L->vw, mk_asprintf("%d%%", pct));
	for (int i = 0; i < RING_DOTS; i++) { /* clockwise from the top */
		double t = 2.0 * M_PI * i / RING_DOTS;
		int x = c + (int)lround(ring * sin(t)) - dot / 2, y = c - (int)lround(ring * cos(t)) - dot / 2;
		SDL_Color col = i < lit ? a->th->primary : a->th->border;
		int d = i < lit ? dot : dot * 2 / 3;
		lay_box(L, "ring-dot", (SDL_Rect){ x + (dot - d) / 2, y + (dot - d) / 2, d, d }, col, col, d / 2, 0);
	}
}
