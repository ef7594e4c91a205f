/* SPDX-License-Identifier: MIT */
/*
 * widgets: what a screen is made of, knowing nothing of patients or of the
 * app around it. A screen is a view, a flat list of elements (view_el) that
 * is both what paint draws and the semantic tree the driver and tests read.
 * Widgets add elements to a view through a layout context (wg) that carries
 * everything they may look at: the renderer to measure text, the theme, the
 * screen's scale and direction, and the content model for the few interface
 * strings a widget shows itself ("Delete", "OK"). The app fills a wg from
 * its own state; nothing here can reach that state.
 *
 * Widgets are a module of their own rather than part of ui/: ui/ turns
 * input into gestures and scrolling, and is tested without fonts or a
 * renderer, while widgets measure text with render/ and lay out content.
 * Input comes up through ui/, elements go down to render/; neither needs
 * the other.
 */
#ifndef MK_WIDGETS_H
#define MK_WIDGETS_H

#include "content.h"
#include "core.h"
#include "render.h"
#include <SDL.h>

/* ---- Theme (theme.c). */
typedef struct {
	const char *name;
	SDL_Color bg, surface, text, muted, primary, on_primary, border, focus;
	SDL_Color info_bg, info_edge, warn_bg, warn_edge, danger_bg, danger_edge;
	SDL_Color right, wrong, dim, bar;
	SDL_Color off_bg; /* a control that cannot be used yet */
} theme;

const theme *theme_get(const char *name); /* never NULL: falls back to default */

/* How each kind of control is drawn, from one table, so what is drawn is
 * what the contrast test reads. A control is seen by its edge when it has
 * one (edge_w > 0), else by its fill; its label sits on its fill. Widths
 * are for 1920x1080 (wg_px). */
typedef enum {
	WG_LOOK_PRIMARY,   /* the screen's main action: filled */
	WG_LOOK_SECONDARY, /* the other buttons: outlined */
	WG_LOOK_KEY,       /* a key of a keypad or keyboard */
	WG_LOOK_KEY_FN,    /* delete, shift, space: tinted */
	WG_LOOK_OFF,       /* not yet usable: flat grey, its own look, not faded */
	WG_LOOK_N
} wg_look_kind;
typedef struct {
	SDL_Color fill, edge, label;
	int edge_w, shadow;
} wg_look;
wg_look theme_look(const theme *th, wg_look_kind k);
/* WCAG 2 contrast ratio of two colours, 1 to 21 (the themes' tests, the
 * driver's pixel checks). */
double theme_contrast(SDL_Color a, SDL_Color b);

/* ---- The view: elements of one screen. Page elements are in page
 * coordinates (scrolled); bar and overlay elements are fixed. */

/* EL_LINE: a straight line across r, from its top-left to bottom-right
 * corner, or bottom-left to top-right when flip is set (mirroring a view for
 * right-to-left toggles flip); edge is its colour, edge_w its thickness. */
/* EL_PHOTO: a picture the caller owns: tex drawn into r from src (all of
 * it when src.w is 0), at opacity (0 means opaque). */
typedef enum { EL_TEXT, EL_IMAGE, EL_BOX, EL_BUTTON, EL_LINE, EL_PHOTO } el_kind;

typedef struct {
	el_kind kind;
	const char *role;  /* semantic role: heading, text, list-item, image, callout, button, choice, ... */
	const char *text;  /* visible text (or image description) */
	SDL_Rect r;
	int fixed;         /* 1: not scrolled with the page */
	int enabled;
	int finger_only;   /* 1: a second way, for a finger, to a control or words
			    * on screen as well (the body picture's regions, the
			    * course's session circles): the keyboard and a
			    * reading pass it by; a finger on it still hears it */
	/* drawing */
	ren_text_style st; /* EL_TEXT */
	SDL_Color fill, edge; /* EL_BOX / EL_BUTTON */
	int radius, edge_w, shadow;
	const char *image; /* EL_IMAGE */
	int flip;          /* EL_IMAGE: drawn mirrored */
	SDL_Texture *tex;  /* EL_PHOTO */
	SDL_Rect src;
	Uint8 opacity;
	/* action for buttons: what it means is the caller's; 0 is none */
	int act;
	int arg, arg2;
	const char *target;
	const char *audio; /* a recording of this text (Listen plays it), or NULL */
} view_el;

#define VIEW_MAX_STR 64 /* strings one view may own */

typedef struct {
	view_el *v;
	int n, cap;
	int page_h;         /* height of the scrolled page */
	int bar_h;          /* height of the top bar (fixed) */
	char *strbuf[VIEW_MAX_STR]; /* strings the view owns (e.g. "Text size 130%") */
	int n_str;
} view;

void view_clear(view *vw); /* wipes the strings it owns: they may be a patient's */
void view_free(view *vw);
view_el *view_add(view *vw, el_kind k, const char *role);
const char *view_own(view *vw, char *s); /* keeps s until view_clear */
/* A dialog dims what is under it: the index of the first element drawn
 * above the last dim, 0 when there is none. Only those are there to use
 * (the keyboard's focus) and to read (Listen). */
int view_top_from(const view *vw);

/* Most lines one text block may take (checked by --check and reload). */
#define VIEW_MAX_LINES 24

/* Base sizes at 1920x1080 and 100% text. */
enum {
	SZ_BAR = 120, SZ_MARGIN = 64, SZ_COL = 1240, SZ_GAP = 28,
	SZ_BODY = 32, SZ_H1 = 54, SZ_H2 = 40, SZ_HEAD = 44, SZ_SMALL = 28,
	SZ_BUTTON_TEXT = 34, SZ_BUTTON_H = 104, SZ_BAR_TEXT = 30,
};

/* ---- Layout context and primitives (lay.c). */
typedef struct {
	view *vw;
	ren *rn;
	const theme *th;
	const content_model *m; /* interface strings; may be NULL */
	int lang;
	int w, h;  /* screen size */
	int scale; /* text size in percent */
	float k;   /* screen scale: 1.0 at 1920x1080 (wg_scale) */
	int rtl;
	int fixed; /* elements added now are fixed (bar, overlays) */
	/* --check: where to report text that does not fit */
	content_problems *probs;
	const char *file;
	int line;
} wg;

/* The scale of a w x h screen: sizes are given for the short side of
 * 1920x1080, so a portrait kiosk gets the same text and targets. */
float wg_scale(int w, int h);
/* base in pixels at this screen; scaled also follows the text size. */
int wg_px(const wg *L, int base, int scaled);
/* Adds a text element wrapped to w at (x, y); returns its height. */
int wg_text(wg *L, const char *role, const char *s, int px, int bold, SDL_Color c,
	    int x, int y, int w, ren_align al);
view_el *wg_box(wg *L, const char *role, SDL_Rect r, SDL_Color fill, SDL_Color edge,
		int radius, int edge_w);
/* A button: a box that acts (act, for the caller), with a centred label. */
view_el *wg_button(wg *L, const char *role, const char *label, SDL_Rect r, int px,
		   int primary, int act);
/* Restyles the view's disabled buttons and their labels (WG_LOOK_OFF) at
 * screen scale k; run once a view is laid out. */
void wg_look_off(view *vw, const theme *th, float k);
/* An interface string in L's language, or fallback while content lacks it. */
const char *wg_str(const wg *L, const char *key, const char *fallback);

/* ---- Widgets (keys.c, chart.c, body.c). Each lays out inside `area`,
 * adds its elements (fixed as L->fixed says) and returns the height it
 * used. Keys are buttons with act = the caller's act. */

/* A PIN pad of 12 big keys: 1-9, then delete, 0, OK. arg is '0'..'9', '\b'
 * (delete) or '\n' (OK); OK is disabled unless ok_enabled. */
int wg_keypad(wg *L, SDL_Rect area, int act, int ok_enabled);

/* An on-screen keyboard. lang is a language code ("en", "fr", "ar");
 * mode 0 letters, 1 shifted letters, 2 digits and punctuation; codes_only
 * shows just the alphabet of the codes on patients' cards (no 0 O 1 I L)
 * whatever the language. Each key's arg is an index that wg_osk_key turns
 * back into what it types: UTF-8 text, or "\b" delete, "\n" done, "\t"
 * next mode. */
int wg_osk(wg *L, SDL_Rect area, const char *lang, int mode, int codes_only, int act);
const char *wg_osk_key(const char *lang, int mode, int codes_only, int arg);

/* One chart: a series of scores (0..4) across the sessions of a course. */
typedef struct {
	const char *title;       /* what is charted */
	const char *ylabels[5];  /* wording of scores 0..4 (None .. Very severe) */
	const char *xlabel;      /* "Session" */
	int n_sessions;          /* the x axis runs from session 0 to this */
	int n;                   /* points */
	const int *session;      /* x of each point, 0..n_sessions */
	const int *score;        /* y of each point, 0..4 */
} wg_chart_data;
int wg_chart(wg *L, SDL_Rect area, const wg_chart_data *d);

/* The body outline (front and back) with one tappable region per area
 * (content_area); the areas in `selected` (bits 1u << area) are marked.
 * Each region is a button with role "area", act = act, arg = the area and
 * text = labels[area]. image is the outline picture, or NULL to show the
 * areas as plain buttons. */
int wg_body(wg *L, SDL_Rect area, const char *image, unsigned selected,
	    const char *const labels[], int act);

/* ---- Hit testing and the semantic tree (tree.c). */

/* How the view is on screen: its size, how far the page is scrolled and
 * what covers it. */
enum { WG_PAGE_SHOWN, WG_PAGE_DIMMED, WG_PAGE_HIDDEN };
typedef struct {
	int w, h;
	int scroll;    /* pixels the page is scrolled by */
	int page;      /* WG_PAGE_*: dimmed under a dialog, hidden by a full-screen overlay */
} wg_frame;

/* Topmost enabled element with an action under (x, y), or -1. */
int wg_hit(const view *vw, const wg_frame *f, int x, int y);
/* Screen rectangle of element i; 0 when it is not visible. */
int wg_visible(const view *vw, const wg_frame *f, int i, SDL_Rect *screen);
/* The topmost visible element whose text is `text` (ignoring case), else
 * the topmost that contains it. Labels of buttons are folded into the button. */
int wg_find(const view *vw, const wg_frame *f, const char *text, int interactive_only);
int wg_has_text(const view *vw, const wg_frame *f, const char *text);
/* Writes the visible tree as JSON: page and lang name what is shown. */
int wg_dump(const view *vw, const wg_frame *f, const char *page, const char *lang, const char *path);

#endif
