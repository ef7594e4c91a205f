/* SPDX-License-Identifier: MIT */
/* Layout internals shared by view.c, view_page.c and view_chrome.c. */
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
int view_build(app *a);
/* Lays out one page's blocks for --check: appends fit problems. */
void view_check_page(app *a, int page, content_problems *probs);
void view_page(lay *L, int page, int check);
void view_bar(lay *L);
void view_idle(lay *L);
void view_attract(lay *L);
void view_badge(lay *L);

/* ---- Widgets (widgets.h), laid out with this screen's context. */
typedef wg_chart_data view_chart_data;
/* The widgets' context for what L lays out now. */
wg lay_wg(const lay *L);
int view_keypad(lay *L, SDL_Rect area, act_kind act, int ok_enabled);
int view_osk(lay *L, SDL_Rect area, const char *lang, int mode, int codes_only, act_kind act);
const char *view_osk_key(const char *lang, int mode, int codes_only, int arg);
int view_chart(lay *L, SDL_Rect area, const view_chart_data *d);
int view_body(lay *L, SDL_Rect area, const char *image, unsigned selected,
	      const char *const labels[], act_kind act);

#endif
