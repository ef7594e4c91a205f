/* SPDX-License-Identifier: MIT */
/* Layout internals shared by view.c, view_page.c and view_chrome.c. */
#ifndef MK_VIEW_INT_H
#define MK_VIEW_INT_H

#include "app.h"

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

void view_page(lay *L, int page, int check);
void view_bar(lay *L);
void view_idle(lay *L);
void view_attract(lay *L);
void view_badge(lay *L);

/* ---- Widgets (view_keys.c, view_chart.c, view_body.c). Each lays out
 * inside `area`, adds its elements (fixed as L->fixed says) and returns the
 * height it used. Keys are buttons with act = the caller's act. */

/* A PIN pad of 12 big keys: 1-9, then delete, 0, OK. arg is '0'..'9', '\b'
 * (delete) or '\n' (OK); OK is disabled unless ok_enabled. */
int view_keypad(lay *L, SDL_Rect area, act_kind act, int ok_enabled);

/* An on-screen keyboard. lang is a language code ("en", "fr", "ar");
 * mode 0 letters, 1 shifted letters, 2 digits and punctuation; codes_only
 * shows just the patient-code alphabet (STORE_CODE_ALPHABET) whatever the
 * language. Each key's arg is an index that view_osk_key turns back into
 * what it types: UTF-8 text, or "\b" delete, "\n" done, "\t" next mode. */
int view_osk(lay *L, SDL_Rect area, const char *lang, int mode, int codes_only, act_kind act);
const char *view_osk_key(const char *lang, int mode, int codes_only, int arg);

/* One chart: a symptom's scores (0..4) across the sessions of a course. */
typedef struct {
	const char *title;       /* the symptom */
	const char *ylabels[5];  /* wording of scores 0..4 (None .. Very severe) */
	const char *xlabel;      /* "Session" */
	int n_sessions;          /* the x axis runs from session 0 to this */
	int n;                   /* points */
	const int *session;      /* x of each point, 0..n_sessions */
	const int *score;        /* y of each point, 0..4 */
} view_chart_data;
int view_chart(lay *L, SDL_Rect area, const view_chart_data *d);

/* The body outline (front and back) with one tappable region per area
 * (content_area); the areas in `selected` (bits 1u << area) are marked.
 * Each region is a button with role "area", act = act, arg = the area and
 * text = labels[area]. image is the outline picture, or NULL to show the
 * areas as plain buttons. */
int view_body(lay *L, SDL_Rect area, const char *image, unsigned selected,
	      const char *const labels[], act_kind act);

/* Most lines one text block may take (checked by --check and reload). */
#define VIEW_MAX_LINES 24

/* Base sizes at 1920x1080 and 100% text. */
enum {
	SZ_BAR = 120, SZ_MARGIN = 64, SZ_COL = 1240, SZ_GAP = 28,
	SZ_BODY = 32, SZ_H1 = 54, SZ_H2 = 40, SZ_HEAD = 44, SZ_SMALL = 28,
	SZ_BUTTON_TEXT = 34, SZ_BUTTON_H = 104, SZ_BAR_TEXT = 30,
};

#endif
