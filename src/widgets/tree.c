/* SPDX-License-Identifier: MIT */
/*
 * Hit testing and the semantic tree: what is on screen, as a person would
 * describe it — role, text, rectangle, enabled — for every visible element.
 * A tap finds its control here; the driver's `expect` and `tap` read the
 * tree, `dump` writes it as JSON, and later a screen reader could speak it.
 * Labels of buttons are folded into the button.
 */
#include "widgets.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

int wg_hit(const view *vw, const wg_frame *f, int x, int y)
{
	/* While a dialog is up, only fixed elements can be hit. */
	int top_fixed = f->page != WG_PAGE_SHOWN;
	for (int i = vw->n - 1; i >= 0; i--) {
		const view_el *e = &vw->v[i];
		SDL_Rect r = e->r;
		if (!e->fixed) {
			if (top_fixed)
				continue;
			r.y -= f->scroll;
		}
		SDL_Point p = { x, y };
		if (SDL_PointInRect(&p, &r)) {
			if (e->act != 0)
				return e->enabled ? i : -1;
			if (e->kind == EL_BOX && e->fixed && strcmp(e->role, "bar") == 0)
				return -1; /* the bar hides the page under it */
			if (e->kind == EL_BOX && e->fixed && strcmp(e->role, "dialog") == 0)
				return -1;
		}
	}
	return -1;
}

int wg_visible(const view *vw, const wg_frame *f, int i, SDL_Rect *out)
{
	const view_el *e = &vw->v[i];
	SDL_Rect r = e->r;
	if (!e->fixed) {
		if (f->page == WG_PAGE_HIDDEN)
			return 0;
		r.y -= f->scroll;
		/* The bar covers the top of the page. */
		if (f->page == WG_PAGE_SHOWN && r.y + r.h <= vw->bar_h)
			return 0;
	}
	if (r.y >= f->h || r.y + r.h <= 0 || r.x >= f->w || r.x + r.w <= 0 || r.w <= 0 || r.h <= 0)
		return 0;
	if (f->page == WG_PAGE_DIMMED && !e->fixed)
		return 0; /* under the dimmed layer */
	if (out)
		*out = r;
	return 1;
}

static int is_label(const view *vw, int i)
{
	return i > 0 && vw->v[i].kind == EL_TEXT && vw->v[i - 1].kind == EL_BUTTON &&
	       !strcmp(vw->v[i].role, "label");
}

static int skip(const view *vw, int i)
{
	const view_el *e = &vw->v[i];
	return is_label(vw, i) || (e->act == 0 && e->kind != EL_TEXT && (!e->text || !*e->text));
}

/* "Le traitement" finds that tile, not "Après le traitement". */
int wg_find(const view *vw, const wg_frame *f, const char *text, int interactive_only)
{
	int contains = -1;
	for (int i = vw->n - 1; i >= 0; i--) {
		const view_el *e = &vw->v[i];
		if (skip(vw, i) || !wg_visible(vw, f, i, NULL) || !e->text)
			continue;
		if (interactive_only && (e->act == 0 || !e->enabled))
			continue;
		if (!strcasecmp(e->text, text))
			return i;
		if (contains < 0 && mk_str_contains(e->text, text))
			contains = i;
	}
	return contains;
}

int wg_has_text(const view *vw, const wg_frame *f, const char *text)
{
	for (int i = 0; i < vw->n; i++)
		if (vw->v[i].text && wg_visible(vw, f, i, NULL) && mk_str_contains(vw->v[i].text, text))
			return 1;
	return 0;
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

int wg_dump(const view *vw, const wg_frame *fr, const char *page, const char *lang, const char *path)
{
	FILE *f = fopen(path, "w");
	int first = 1;
	if (!f)
		return mk_err(MK_EIO, "%s: cannot write", path);
	fprintf(f, "{\"page\": ");
	json_str(f, page);
	fprintf(f, ", \"lang\": ");
	json_str(f, lang);
	fprintf(f, ", \"size\": [%d, %d], \"elements\": [\n", fr->w, fr->h);
	for (int i = 0; i < vw->n; i++) {
		const view_el *e = &vw->v[i];
		SDL_Rect r;
		if (skip(vw, i) || !wg_visible(vw, fr, i, &r))
			continue;
		fprintf(f, "%s  {\"role\": ", first ? "" : ",\n");
		json_str(f, e->role);
		fprintf(f, ", \"text\": ");
		json_str(f, e->text ? e->text : "");
		fprintf(f, ", \"rect\": [%d, %d, %d, %d], \"enabled\": %s}", r.x, r.y, r.w, r.h,
			e->enabled ? "true" : "false");
		first = 0;
	}
	fprintf(f, "\n]}\n");
	return fclose(f) == 0 ? 0 : mk_err(MK_EIO, "%s: cannot write", path);
}
