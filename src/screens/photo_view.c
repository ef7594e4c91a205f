/* SPDX-License-Identifier: MIT */
/*
 * Layout of the photo screens: which area, the camera with its framing
 * guide and countdown, the timeline of photos by area, one photo full
 * screen with zoom, two photos compared (side by side, or one over the
 * other with a wipe), and the staff import list. Photos are EL_PHOTO
 * elements holding textures from pics.c; they are laid out in left-to-right
 * coordinates like everything else and never drawn mirrored.
 */
#include "screens.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TIMELINE_MAX 64

static int x0(lay *L)
{
	return (L->a->w - scr_width(L)) / 2;
}

/* w x h fitted into box, centred. */
static SDL_Rect fit(SDL_Rect box, int w, int h)
{
	SDL_Rect r = box;
	if (w <= 0 || h <= 0)
		return box;
	if ((long)box.w * h > (long)box.h * w)
		r.w = (int)((long)box.h * w / h);
	else
		r.h = (int)((long)box.w * h / w);
	r.x = box.x + (box.w - r.w) / 2;
	r.y = box.y + (box.h - r.h) / 2;
	return r;
}

static view_el *photo_el(lay *L, SDL_Texture *t, SDL_Rect r, const char *alt)
{
	view_el *e = view_add(L->vw, EL_PHOTO, "photo");
	if (e) {
		e->tex = t;
		e->r = r;
		e->text = alt;
		e->fixed = L->fixed;
	}
	return e;
}

static const char *area_name(lay *L, int area)
{
	const content_questionnaire *q = &L->a->m->q;
	if (area < 0 || area >= CONTENT_AREA_COUNT)
		return "";
	return q->present ? content_tr(L->a->m, &q->area_names[area], L->a->lang)
			  : content_area_name((content_area)area);
}

int scr_view_photo_area(lay *L, int y)
{
	app *a = L->a;
	const char *labels[CONTENT_AREA_COUNT];
	if (shot_camera_missing()) { /* said before asking which area */
		y = scr_title(L, scr_str(a, "photo_no_camera_title"), y);
		y = scr_body(L, scr_str(a, "photo_no_camera_body"), y, a->th->text);
		return scr_after(L, y, scr_button(L, scr_str(a, "photo_back_course"), y, 1, ACT_FLOW, F_COURSE));
	}
	y = scr_title(L, scr_str(a, "photo_area_title"), y);
	for (int i = 0; i < CONTENT_AREA_COUNT; i++)
		labels[i] = area_name(L, i);
	y = scr_msg(L, y);
	int h = a->h - y - lay_px(L, SZ_BUTTON_H + 24 + SZ_MARGIN, 0);
	if (h < lay_px(L, 480, 0))
		h = lay_px(L, 480, 0);
	y += scr_body_map(L, (SDL_Rect){ x0(L), y, scr_width(L), h }, a->m->q.body_image,
		       a->sc.photo_area >= 0 ? 1u << a->sc.photo_area : 0, labels, ACT_AREA) + lay_px(L, 24, 0);
	view_el *e = scr_button(L, scr_str(a, "next"), y, 1, ACT_FLOW, F_PHOTO_CAMERA);
	if (e)
		e->enabled = a->sc.photo_area >= 0;
	return scr_after(L, y, e);
}

/* The newest photo of the area, as the faint framing guide. */
static void guide(lay *L, SDL_Rect r)
{
	app *a = L->a;
	store_photo_info info[TIMELINE_MAX];
	int n = 0, w, h;
	if (track_photos(a->tk, a->sc.photo_area, info, TIMELINE_MAX, &n) != 0 || !n)
		return;
	SDL_Texture *t = pics_get(a, info[n - 1].uuid, STORE_PHOTO_ORIGINAL, &w, &h);
	view_el *e = t ? photo_el(L, t, fit(r, w, h), scr_str(a, "photo_guide")) : NULL;
	if (e) {
		e->opacity = 80;
		e->role = "guide";
	}
}

int scr_view_camera(lay *L, int y)
{
	app *a = L->a;
	int w = 0, h = 0, n;
	y = scr_title(L, view_own(L->vw, scr_fill(scr_str(a, "photo_camera_title"), "{area}",
						   area_name(L, a->sc.photo_area), NULL)), y);
	y = scr_msg(L, y);
	if (!shot_has_camera() && !shot_has_still())
		return y;
	SDL_Rect box = { scr_margin(L), y, a->w - 2 * scr_margin(L),
			 a->h - y - lay_px(L, SZ_BUTTON_H + 48 + SZ_MARGIN, 0) };
	SDL_Texture *live = pics_live(a, NULL, &w, &h);
	SDL_Rect r = fit(box, w, h);
	lay_box(L, "preview", box, a->th->text, a->th->text, lay_px(L, 16, 0), 0);
	if (live)
		photo_el(L, live, r, scr_str(a, "photo_preview"));
	if (!shot_has_still())
		guide(L, r);
	if ((n = shot_countdown(a)) > 0) {
		char *num = mk_asprintf("%d", n);
		lay_text(L, "countdown", view_own(L->vw, num), lay_px(L, 200, 0), 1, a->th->on_primary, box.x,
			 box.y + box.h / 2 - lay_px(L, 140, 0), box.w, REN_ALIGN_CENTER);
	}
	y = box.y + box.h + lay_px(L, 24, 0);
	int bw = (scr_width(L) - lay_px(L, 24, 0)) / 2, bh = lay_px(L, SZ_BUTTON_H, 0), px = lay_px(L, SZ_BUTTON_TEXT, 1);
	if (shot_has_still()) {
		view_el *k = lay_button(L, "button", scr_str(a, "photo_keep"), (SDL_Rect){ x0(L), y, bw, bh }, px, 1, ACT_FLOW);
		if (k)
			k->arg = F_PHOTO_KEEP;
		view_el *r2 = lay_button(L, "button", scr_str(a, "photo_retake"),
					 (SDL_Rect){ x0(L) + bw + lay_px(L, 24, 0), y, bw, bh }, px, 0, ACT_FLOW);
		if (r2)
			r2->arg = F_PHOTO_RETAKE;
		return y + bh + lay_px(L, 24, 0);
	}
	view_el *t = scr_button(L, scr_str(a, "photo_take"), y, 1, ACT_FLOW, F_PHOTO_TAKE);
	if (t)
		t->enabled = shot_countdown(a) == 0;
	return scr_after(L, y, t);
}

/* What a photo is called: its date and the session it came after, as
 * the patient's reports are ("after session 2": a photo taken between
 * sessions 2 and 3 is not one of session 2's), or "before session 1"
 * (never "session 0"). The caller keeps it with view_own. */
static char *photo_label(lay *L, const store_photo_info *p, int brief)
{
	char date[SCR_DATE_MAX], s[16];
	(brief ? scr_date_brief : scr_date)(L->a, p->created_at, date);
	snprintf(s, sizeof s, "%d", p->session);
	return scr_fill(scr_str(L->a, p->session > 0 ? "photo_label" : "photo_label_first"), "{n}", s, "{date}",
			date, NULL);
}

/* One tile: the thumbnail, and under it the session and date. */
static int tile(lay *L, const store_photo_info *p, SDL_Rect r)
{
	app *a = L->a;
	int w, h, picked = 0;
	for (int i = 0; i < a->sc.n_pick; i++)
		picked |= !strcmp(a->sc.pick[i], p->uuid);
	char *label = photo_label(L, p, 1);
	view_el *b = lay_box(L, "photo-tile", r, a->th->surface, picked ? a->th->primary : a->th->border,
			     lay_px(L, 14, 0), lay_px(L, picked ? 6 : 2, 0));
	if (b) {
		b->kind = EL_BUTTON;
		b->act = ACT_PHOTO;
		b->arg2 = PH_THUMB;
		b->target = view_own(L->vw, mk_strdup(p->uuid));
		b->text = view_own(L->vw, label);
	}
	int pad = lay_px(L, 10, 0), lh = lay_px(L, 110, 0); /* up to three lines: date and session */
	SDL_Rect img = { r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad - lh };
	SDL_Texture *t = pics_get(a, p->uuid, STORE_PHOTO_THUMB, &w, &h);
	if (t)
		photo_el(L, t, fit(img, w, h), b ? b->text : "");
	lay_text(L, "label", b ? b->text : "", lay_px(L, 26, 0), picked, a->th->text, r.x + pad,
		 r.y + r.h - lh - pad / 2, r.w - 2 * pad, REN_ALIGN_CENTER);
	return r.h;
}

static int area_row(lay *L, int y, int area, const store_photo_info *v, int n)
{
	app *a = L->a;
	int gap = lay_px(L, 20, 0), tw = lay_px(L, 300, 0), th = lay_px(L, 386, 0);
	int full = a->w - 2 * scr_margin(L), per = (full + gap) / (tw + gap), col = 0, any = 0;
	for (int i = 0; i < n; i++) {
		if (v[i].area != area)
			continue;
		if (!any) {
			y += lay_text(L, "heading", area_name(L, area), lay_px(L, SZ_H2, 1), 1, a->th->text,
				      scr_margin(L), y, full, REN_ALIGN_START) + lay_px(L, 16, 0);
			any = 1;
		}
		tile(L, &v[i], (SDL_Rect){ scr_margin(L) + col * (tw + gap), y, tw, th });
		if (++col == per) {
			col = 0;
			y += th + gap;
		}
	}
	return any ? y + (col ? th + gap : 0) + lay_px(L, 16, 0) : y;
}

int scr_view_photos(lay *L, int y)
{
	app *a = L->a;
	store_photo_info v[TIMELINE_MAX];
	int n = 0;
	y = scr_msg(L, y);
	track_photos(a->tk, -1, v, TIMELINE_MAX, &n);
	if (!n)
		y = scr_body(L, scr_str(a, "photos_none"), y, a->th->text);
	y = scr_after(L, y, scr_button(L, scr_str(a, "photo_button"), y, !n, ACT_FLOW, F_PHOTO));
	if (n >= 2) {
		y = scr_after(L, y, scr_button(L, scr_str(a, a->sc.picking ? "cancel" : "photo_compare_pick"), y, 0,
					       ACT_FLOW, F_PHOTO_PICK));
		if (a->sc.picking) {
			y = scr_body(L, scr_str(a, "photo_compare_hint"), y, a->th->muted);
			view_el *c = scr_button(L, scr_str(a, "photo_compare"), y, 1, ACT_FLOW, F_PHOTO_COMPARE);
			if (c)
				c->enabled = a->sc.n_pick == 2;
			y = scr_after(L, y, c);
		}
	}
	for (int area = 0; area < CONTENT_AREA_COUNT; area++)
		y = area_row(L, y, area, v, n);
	return y;
}

/* "Delete this photo", or the question with its two answers. The
 * question's text, not a button, takes the place of the button tapped,
 * so a second tap there answers nothing; "Keep it" comes first. */
static int delete_row(lay *L, int y)
{
	app *a = L->a;
	if (!shot_asking_delete())
		return scr_after(L, y, scr_button(L, scr_str(a, "photo_delete"), y, 0, ACT_FLOW, F_PHOTO_DELETE));
	y = scr_body(L, scr_str(a, "photo_delete_ask"), y, a->th->text);
	int gap = lay_px(L, 24, 0), bw = (scr_width(L) - gap) / 2, bh = lay_px(L, SZ_BUTTON_H, 0);
	int px = lay_px(L, SZ_BUTTON_TEXT, 1);
	view_el *k = lay_button(L, "button", scr_str(a, "photo_delete_no"), (SDL_Rect){ scr_left(L), y, bw, bh },
				px, 1, ACT_FLOW);
	if (k)
		k->arg = F_PHOTO_DELETE_NO;
	view_el *d = lay_button(L, "button", scr_str(a, "photo_delete_yes"),
				(SDL_Rect){ scr_left(L) + bw + gap, y, bw, bh }, px, 0, ACT_FLOW);
	if (d)
		d->arg = F_PHOTO_DELETE_YES;
	return y + (k ? k->r.h : bh) + lay_px(L, 24, 0);
}

/* The photo fitted below the bar; zoomed, a part of it around the point
 * tapped or pinched fills the same box. */
int scr_view_photo_view(lay *L, int y)
{
	app *a = L->a;
	int w, h;
	y = scr_msg(L, y);
	y = delete_row(L, y);
	SDL_Rect box = { scr_margin(L) / 2, y, a->w - scr_margin(L), a->h - y - lay_px(L, 80, 0) };
	if (box.h < lay_px(L, 320, 0)) /* large text: the page scrolls to the photo */
		box.h = lay_px(L, 320, 0);
	SDL_Texture *t = pics_get(a, a->sc.view_uuid, STORE_PHOTO_ORIGINAL, &w, &h);
	if (!t)
		return scr_body(L, scr_str(a, "photo_not_read"), y, a->th->danger_edge);
	SDL_Rect r = fit(box, w, h);
	view_el *tap = lay_box(L, "photo-zoom", r, a->th->bg, a->th->bg, 0, 0);
	if (tap) {
		tap->kind = EL_BUTTON;
		tap->act = ACT_PHOTO;
		tap->arg2 = PH_ZOOM;
		tap->text = scr_str(a, "photo_zoom_hint");
	}
	view_el *e = photo_el(L, t, r, scr_str(a, "photo_zoom_hint"));
	if (e && a->sc.zoom > 1.01f) {
		float z = a->sc.zoom;
		/* The zoom point in picture pixels (r is centred, so it is the
		 * same on screen in either direction). */
		int cx = (int)((float)(a->sc.zoom_x - r.x) * (float)w / (float)r.w);
		int cy = (int)((float)(a->sc.zoom_y - r.y) * (float)h / (float)r.h);
		int sw = (int)((float)w / z), sh = (int)((float)h / z);
		int sx = cx - sw / 2, sy = cy - sh / 2;
		sx = sx < 0 ? 0 : sx + sw > w ? w - sw : sx;
		sy = sy < 0 ? 0 : sy + sh > h ? h - sh : sy;
		e->src = (SDL_Rect){ sx, sy, sw, sh };
	}
	return r.y + r.h + lay_px(L, 16, 0) +
	       lay_text(L, "text", scr_str(a, "photo_zoom_hint"), lay_px(L, 28, 0), 0, a->th->muted, x0(L),
			r.y + r.h + lay_px(L, 16, 0), scr_width(L), REN_ALIGN_CENTER);
}

static void caption(lay *L, const char *uuid, SDL_Rect under)
{
	store_photo_info v[TIMELINE_MAX];
	int n = 0;
	track_photos(L->a->tk, -1, v, TIMELINE_MAX, &n);
	for (int i = 0; i < n; i++) {
		if (strcmp(v[i].uuid, uuid))
			continue;
		lay_text(L, "label", view_own(L->vw, photo_label(L, &v[i], 0)), lay_px(L, 28, 0), 1, L->a->th->text,
			 under.x, under.y + under.h + lay_px(L, 8, 0),
			 under.w, REN_ALIGN_CENTER);
	}
}

/* B over A with a wipe at sc.wipe of the picture, as seen on screen. */
static void wipe(lay *L, SDL_Rect box, SDL_Texture *ta, SDL_Texture *tb, int w, int h, int wb, int hb)
{
	app *a = L->a;
	SDL_Rect r = fit(box, w, h);
	int rtl = a->m->rtl[a->lang], cut = (int)(a->sc.wipe * (float)r.w);
	photo_el(L, ta, r, a->sc.pick[0]);
	/* Screen: A left of the cut, B right of it. Left-to-right layout
	 * rects are mirrored for right-to-left, so lay B out on the side that
	 * the mirror will bring to the right. */
	SDL_Rect dst = { rtl ? r.x : r.x + cut, r.y, r.w - cut, r.h };
	view_el *e = photo_el(L, tb, dst, a->sc.pick[1]);
	if (e) /* B's own pixels: the two photos need not be the same size */
		e->src = (SDL_Rect){ (int)((float)cut * (float)wb / (float)r.w), 0,
				     wb - (int)((float)cut * (float)wb / (float)r.w), hb };
	int lx = rtl ? r.x + r.w - cut : r.x + cut, lw = lay_px(L, 6, 0), k = lay_px(L, 64, 0);
	lay_box(L, "wipe", (SDL_Rect){ lx - lw / 2, r.y, lw, r.h }, a->th->on_primary, a->th->primary, 0, 0);
	view_el *knob = lay_box(L, "wipe-handle", (SDL_Rect){ lx - k / 2, r.y + r.h / 2 - k / 2, k, k },
				a->th->primary, a->th->on_primary, k / 2, lay_px(L, 4, 0));
	if (knob)
		knob->text = scr_str(a, "photo_wipe_hint");
	a->sc.cmp = r; /* where a drag moves the wipe (screen; r is symmetric) */
	if (rtl)
		a->sc.cmp.x = a->w - r.x - r.w;
}

int scr_view_compare(lay *L, int y)
{
	app *a = L->a;
	int wa, ha, wb, hb, gap = lay_px(L, 24, 0);
	SDL_Texture *ta = pics_get(a, a->sc.pick[0], STORE_PHOTO_ORIGINAL, &wa, &ha);
	SDL_Texture *tb = pics_get(a, a->sc.pick[1], STORE_PHOTO_ORIGINAL, &wb, &hb);
	y = scr_after(L, y, scr_button(L, scr_str(a, a->sc.slider ? "photo_side_by_side" : "photo_slider"), y, 0,
				       ACT_FLOW, F_PHOTO_SLIDER));
	if (!ta || !tb)
		return scr_body(L, scr_str(a, "photo_not_read"), y, a->th->danger_edge);
	SDL_Rect box = { scr_margin(L) / 2, y, a->w - scr_margin(L), a->h - y - lay_px(L, 90, 0) };
	if (a->sc.slider) {
		wipe(L, box, ta, tb, wa, ha, wb, hb);
		return box.y + box.h;
	}
	int land = a->w > a->h;
	SDL_Rect b1 = box, b2 = box;
	if (land)
		b1.w = b2.w = (box.w - gap) / 2, b2.x = box.x + b1.w + gap;
	else
		b1.h = b2.h = (box.h - gap - 2 * lay_px(L, 44, 0)) / 2, b2.y = box.y + b1.h + gap + lay_px(L, 44, 0);
	SDL_Rect r1 = fit(b1, wa, ha), r2 = fit(b2, wb, hb);
	photo_el(L, ta, r1, a->sc.pick[0]);
	photo_el(L, tb, r2, a->sc.pick[1]);
	caption(L, a->sc.pick[0], r1);
	caption(L, a->sc.pick[1], r2);
	return box.y + box.h;
}

/* Buttons in rows of `per` across the screen; returns y below them. */
static int grid_button(lay *L, const char *label, int i, int per, int y, int primary, act_kind act,
		       int arg, int arg2, int enabled)
{
	int gap = lay_px(L, 16, 0), full = L->a->w - 2 * scr_margin(L), w = (full - (per - 1) * gap) / per;
	int h = lay_px(L, 96, 0);
	view_el *e = lay_button(L, "button", label,
				(SDL_Rect){ scr_margin(L) + (i % per) * (w + gap), y + (i / per) * (h + gap), w, h },
				lay_px(L, SZ_BUTTON_TEXT, 1), primary, act);
	if (e) {
		e->arg = arg;
		e->arg2 = arg2;
		e->enabled = enabled;
	}
	return e ? e->r.h + gap : h + gap;
}

/* One file of the import list: its thumbnail (or a placeholder saying
 * why it cannot be used, or "Checking…"), its name, and whether it is
 * added. Every tile is the same size whatever it shows, so nothing moves
 * when a file's check ends or it is added. */
static void import_tile(lay *L, int i, SDL_Rect r)
{
	app *a = L->a;
	import_info f;
	if (import_file(i, &f) != 0)
		return;
	int ok = f.state == IMPORT_READY && !f.added && !f.adding, pad = lay_px(L, 10, 0), lh = lay_px(L, 40, 1);
	int px = lay_px(L, 24, 1);
	view_el *b = lay_box(L, "import-file", r, a->th->surface, f.added ? a->th->primary : a->th->border,
			     lay_px(L, 14, 0), lay_px(L, f.added ? 5 : 2, 0));
	if (b) {
		b->kind = EL_BUTTON;
		b->act = ACT_PHOTO;
		b->arg2 = PH_FILE;
		b->arg = i;
		b->text = f.name;
		b->enabled = ok && a->sc.photo_area >= 0;
	}
	SDL_Rect img = { r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad - 2 * lh };
	if (f.state == IMPORT_READY)
		photo_el(L, f.tex, fit(img, f.w, f.h),
			 view_own(L->vw, scr_fill(scr_str(a, "photo_import_alt"), "{file}", f.name, NULL)));
	else if (f.state == IMPORT_BAD) {
		view_el *ph = lay_box(L, "placeholder", img, a->th->bg, a->th->danger_edge, lay_px(L, 10, 0),
				      lay_px(L, 2, 0));
		if (ph)
			ph->text = scr_str(a, f.why);
		lay_text(L, "text", scr_str(a, f.why), px, 0, a->th->text, img.x + pad, img.y + pad,
			 img.w - 2 * pad, REN_ALIGN_CENTER);
	} else
		lay_text(L, "text", scr_str(a, "photo_import_checking"), px, 0, a->th->muted, img.x,
			 img.y + img.h / 2 - lh / 2, img.w, REN_ALIGN_CENTER);
	lay_text(L, "label", f.name, px, 1, a->th->text, r.x + pad, r.y + r.h - pad - 2 * lh, r.w - 2 * pad,
		 REN_ALIGN_CENTER);
	const char *st = f.added ? "photo_import_added" : f.state == IMPORT_BAD ? "photo_import_unusable"
			 : f.adding ? "photo_import_adding" : f.failed ? "photo_import_failed" : NULL;
	if (st)
		lay_text(L, "status", scr_str(a, st), px, f.added, f.added ? a->th->primary : a->th->danger_edge,
			 r.x + pad, r.y + r.h - pad - lh, r.w - 2 * pad, REN_ALIGN_CENTER);
}

/* Import: the area as a row of choices, then the files as a grid of
 * tiles that hold still; the screen's message goes below them, so no tile
 * moves when it appears. */
int scr_view_import(lay *L, int y)
{
	app *a = L->a;
	int n = import_count(), per = a->w > a->h ? 3 : 2, row = 0, gap = lay_px(L, 20, 0);
	y = scr_body(L, scr_str(a, "photo_import_hint"), y, a->th->muted);
	for (int i = 0; i < CONTENT_AREA_COUNT; i++) {
		int on = a->sc.photo_area == i;
		char *label = mk_asprintf("%s%s", on ? "\u2713 " : "", area_name(L, i));
		row = grid_button(L, view_own(L->vw, label), i, per, y, on, ACT_AREA, i, 0, 1);
	}
	y += row * ((CONTENT_AREA_COUNT + per - 1) / per) + lay_px(L, 16, 0);
	if (!n)
		y = scr_body(L, view_own(L->vw, scr_fill(scr_str(a, "photo_import_none"), "{folder}",
							  a->cfg.import_dir ? a->cfg.import_dir : "", NULL)),
			     y, a->th->text);
	int cols = a->w > a->h ? 4 : 2, full = a->w - 2 * scr_margin(L);
	int tw = (full - (cols - 1) * gap) / cols, th = tw * 3 / 4 + 2 * lay_px(L, 40, 1) + lay_px(L, 20, 0);
	for (int i = 0; i < n; i++)
		import_tile(L, i, (SDL_Rect){ scr_margin(L) + (i % cols) * (tw + gap), y + (i / cols) * (th + gap),
					       tw, th });
	y += n ? ((n + cols - 1) / cols) * (th + gap) + lay_px(L, 8, 0) : 0;
	y = scr_msg(L, y);
	return scr_after(L, y, scr_button(L, scr_str(a, "done"), y, 1, ACT_FLOW, F_IMPORT_DONE));
}
