/* SPDX-License-Identifier: MIT */
/*
 * The semantic tree: what is on screen, as a person would describe it —
 * role, text, rectangle, enabled — for every visible element. The driver's
 * `expect` and `tap` read it, `dump` writes it as JSON, and later a screen
 * reader could speak it. Labels of buttons are folded into the button.
 */
#include "app.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Screen rectangle of element i; 0 when it is not visible. */
int tree_visible(app *a, int i, SDL_Rect *out)
{
	const view_el *e = &a->vw.v[i];
	SDL_Rect r = e->r;
	if (!e->fixed) {
		if (a->overlay == OVERLAY_ATTRACT)
			return 0;
		r.y -= (int)(a->scroll.offset + 0.5f);
		/* The bar covers the top of the page. */
		if (a->overlay == OVERLAY_NONE && r.y + r.h <= a->vw.bar_h)
			return 0;
	}
	if (r.y >= a->h || r.y + r.h <= 0 || r.x >= a->w || r.x + r.w <= 0 || r.w <= 0 || r.h <= 0)
		return 0;
	if (a->overlay == OVERLAY_IDLE && !e->fixed)
		return 0; /* under the dimmed layer */
	if (out)
		*out = r;
	return 1;
}

static int is_label(app *a, int i)
{
	return i > 0 && a->vw.v[i].kind == EL_TEXT && a->vw.v[i - 1].kind == EL_BUTTON &&
	       !strcmp(a->vw.v[i].role, "label");
}

static int skip(app *a, int i)
{
	const view_el *e = &a->vw.v[i];
	return is_label(a, i) || (e->act == ACT_NONE && e->kind != EL_TEXT && (!e->text || !*e->text));
}

/* The topmost visible element whose text is `text` (ignoring case), else
 * the topmost that contains it: "Le traitement" finds that tile, not
 * "Après le traitement". */
int tree_find(app *a, const char *text, int interactive_only)
{
	int contains = -1;
	for (int i = a->vw.n - 1; i >= 0; i--) {
		const view_el *e = &a->vw.v[i];
		if (skip(a, i) || !tree_visible(a, i, NULL) || !e->text)
			continue;
		if (interactive_only && (e->act == ACT_NONE || !e->enabled))
			continue;
		if (!strcasecmp(e->text, text))
			return i;
		if (contains < 0 && mk_str_contains(e->text, text))
			contains = i;
	}
	return contains;
}

int tree_has_text(app *a, const char *text)
{
	for (int i = 0; i < a->vw.n; i++)
		if (a->vw.v[i].text && tree_visible(a, i, NULL) && mk_str_contains(a->vw.v[i].text, text))
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

int tree_dump(app *a, const char *path)
{
	FILE *f = fopen(path, "w");
	int first = 1;
	if (!f)
		return mk_err(MK_EIO, "%s: cannot write", path);
	fprintf(f, "{\"page\": ");
	json_str(f, a->m->pages[a->page].id);
	fprintf(f, ", \"lang\": ");
	json_str(f, a->m->langs[a->lang]);
	fprintf(f, ", \"size\": [%d, %d], \"elements\": [\n", a->w, a->h);
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		SDL_Rect r;
		if (skip(a, i) || !tree_visible(a, i, &r))
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
