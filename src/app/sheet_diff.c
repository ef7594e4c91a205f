/* SPDX-License-Identifier: MIT */
/*
 * `mesokiosk sheet-diff PREV DIR`: each shot in DIR against the shot of
 * the same name in PREV, an earlier preview (what the kiosks show now).
 * A shot with any changed pixel gets DIR/diff-<shot>: the page before and
 * after side by side, the changed pixels of the after painted magenta so
 * a reviewer finds a changed word at a glance; DIR/changed.txt lists
 * them, one "<shot> <page id>" a line. A shot new in DIR (a page added)
 * counts as changed, with an empty before; a page grown longer has its
 * new part changed, and one grown shorter is changed too.
 *
 * A pixel has changed when a colour channel moved by more than a few
 * levels: the same kiosk draws the same page to the same bytes, and the
 * margin keeps a rebuilt kiosk's rounding out of the list.
 */
#include "app.h"
#include "sheet_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHEET_DIFF_LEVELS 8
#define GAP 24

static Uint32 px(SDL_Surface *s, int x, int y)
{
	return ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
}

static int differs(Uint32 p, Uint32 q)
{
	for (int sh = 0; sh < 24; sh += 8) {
		int d = (int)((p >> sh) & 255) - (int)((q >> sh) & 255);
		if (d > SHEET_DIFF_LEVELS || d < -SHEET_DIFF_LEVELS)
			return 1;
	}
	return 0;
}

/* Whether the after's pixel at x, y is changed: outside the before (a
 * page grown longer, or none before) it is. */
static int changed_at(SDL_Surface *before, SDL_Surface *after, int x, int y)
{
	return !before || x >= before->w || y >= before->h ||
	       differs(px(before, x, y), px(after, x, y));
}

/* Changed pixels of after against before (NULL: all of them); a page
 * that became shorter has changed too. */
static long count_changed(SDL_Surface *before, SDL_Surface *after)
{
	long n = before && (before->w > after->w || before->h > after->h);
	for (int y = 0; y < after->h; y++)
		for (int x = 0; x < after->w; x++)
			n += changed_at(before, after, x, y);
	return n;
}

/* before | after, the after's changed pixels magenta. */
static SDL_Surface *side_by_side(SDL_Surface *before, SDL_Surface *after)
{
	int bw = before ? before->w : after->w, bh = before ? before->h : 0;
	int h = bh > after->h ? bh : after->h;
	SDL_Surface *d = SDL_CreateRGBSurfaceWithFormat(0, bw + GAP + after->w, h, 32,
							SDL_PIXELFORMAT_ARGB8888);
	if (!d)
		return NULL;
	SDL_FillRect(d, NULL, 0xff808080u);
	SDL_Rect at = { bw + GAP, 0, after->w, after->h };
	if (before)
		SDL_BlitSurface(before, NULL, d, NULL);
	SDL_BlitSurface(after, NULL, d, &at);
	for (int y = 0; y < after->h; y++)
		for (int x = 0; x < after->w; x++)
			if (changed_at(before, after, x, y))
				((Uint32 *)((Uint8 *)d->pixels + y * d->pitch))[at.x + x] = 0xffff00ffu;
	return d;
}

/* One shot: 1 changed (diff written), 0 the same, MK_E* on failure. */
static int diff_one(const char *prev, const char *dir, const char *name)
{
	SDL_Surface *after = sheet_load(dir, name), *before = NULL, *d = NULL;
	char *prev_path = mk_path_join(prev, name);
	int rc = 0;
	if (!after || !prev_path) {
		free(prev_path);
		SDL_FreeSurface(after);
		return after ? MK_ENOMEM : -1;
	}
	if (mk_is_file(prev_path) && !(before = sheet_load(prev, name)))
		rc = -1;
	if (rc == 0 && count_changed(before, after) > 0) {
		char *out = mk_asprintf("%s/diff-%s", dir, name);
		d = side_by_side(before, after);
		rc = !out || !d ? mk_err(MK_ENOMEM, "sheet-diff: out of memory") : sheet_save(d, out);
		rc = rc == 0 ? 1 : rc;
		free(out);
	}
	SDL_FreeSurface(d);
	SDL_FreeSurface(before);
	SDL_FreeSurface(after);
	free(prev_path);
	return rc;
}

int sheet_diff_main(const char *prev, const char *dir)
{
	char **v, id[80];
	int n, rc;
	size_t len = 0;
	char *list;
	if (!mk_is_dir(prev))
		return mk_err(MK_ENOTFOUND, "%s: no earlier preview there", prev);
	if ((rc = sheet_list(dir, &v, &n)) != 0)
		return rc;
	list = calloc(1, (size_t)n * 120 + 1);
	for (int i = 0; i < n && list && rc >= 0; i++) {
		if ((rc = diff_one(prev, dir, v[i])) != 1)
			continue;
		sheet_page_id(dir, v[i], id, sizeof id);
		len += (size_t)snprintf(list + len, (size_t)n * 120 + 1 - len, "%s %s\n", v[i], id);
	}
	char *path = mk_path_join(dir, "changed.txt");
	if (!list || !path)
		rc = mk_err(MK_ENOMEM, "sheet-diff: out of memory");
	else if (rc >= 0)
		rc = mk_write_atomic(path, list, len);
	free(path);
	free(list);
	sheet_list_free(v, n);
	return rc < 0 ? rc : 0;
}
