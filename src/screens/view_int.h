/* SPDX-License-Identifier: MIT */
/* The screens' layout context (lay) and the content pages' layout: layout.c,
 * page_view.c and bar_view.c. Functions are scr_* here; view_* are the
 * widgets' view list (widgets.h). */
#ifndef MK_VIEW_INT_H
#define MK_VIEW_INT_H

#include "kiosk.h"

typedef struct {
	app *a;
	view *vw;
	float k;   /* screen scale: 1.0 at 1920x1080 */
	int rtl;
	int fixed; /* elements added now are fixed (bar, overlays) */
	int quiz;  /* ordinal of the next quiz on the page */
	int row_y; /* top of the bar row being laid out */
	/* The messages (string keys, NULL-ended) the screen may show: the
	 * room kept for its message is the longest of them (kit.c). */
	const char *const *msgs;
	/* --check: where to report text that does not fit */
	content_problems *probs;
	const char *file;
	int line;
} lay;

float lay_scale(const app *a);
int lay_px(const lay *L, int base, int scaled);
int lay_text(lay *L, const char *role, const char *s, int px, int bold, SDL_Color c,
	     int x, int y, int w, ren_align al);
view_el *lay_box(lay *L, const char *role, SDL_Rect r, SDL_Color fill, SDL_Color edge,
		 int radius, int edge_w);
view_el *lay_button(lay *L, const char *role, const char *label, SDL_Rect r, int px,
		    int primary, act_kind act);

/* Builds the whole screen for the current state. */
int scr_build(app *a);
/* Lays out one page's blocks for --check: appends fit problems. */
void scr_check_page(app *a, int page, content_problems *probs);
void scr_page(lay *L, int page, int check);
void scr_bar(lay *L);
void scr_idle(lay *L);
void scr_attract(lay *L);
void scr_badge(lay *L, const char *key, const char *text);
/* The staff corner's progress ring while it is held (after the view is
 * mirrored: it stays by the top-left corner the finger is in). */
void scr_corner_ring(lay *L);

/* ---- Widgets (widgets.h), laid out with this screen's context. */
typedef wg_chart_data scr_chart_data;
/* The widgets' context for what L lays out now. */
wg lay_wg(const lay *L);
int scr_keypad(lay *L, SDL_Rect area, act_kind act, int ok_enabled);
int scr_keyboard(lay *L, SDL_Rect area, const char *lang, int mode, int codes_only, act_kind act);
const char *scr_keyboard_key(const char *lang, int mode, int codes_only, int arg);
int scr_chart(lay *L, SDL_Rect area, const scr_chart_data *d);
int scr_body_map(lay *L, SDL_Rect area, const char *image, unsigned selected,
	      const char *const labels[], act_kind act);

#endif
