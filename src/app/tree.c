/* SPDX-License-Identifier: MIT */
/*
 * The semantic tree of the screen shown now: the widgets' tree (widgets.h)
 * read through the app's state (its view, scroll and overlay), for the
 * driver and the tests.
 */
#include "app.h"
#include <string.h>

wg_frame app_frame(const app *a)
{
	return (wg_frame){ .w = a->w, .h = a->h, .scroll = (int)(a->scroll.offset + 0.5f),
			   .page = a->overlay == OVERLAY_ATTRACT ? WG_PAGE_HIDDEN :
				   a->overlay == OVERLAY_IDLE ? WG_PAGE_DIMMED : WG_PAGE_SHOWN };
}

int tree_visible(app *a, int i, SDL_Rect *out)
{
	wg_frame f = app_frame(a);
	return wg_visible(&a->vw, &f, i, out);
}

int tree_find(app *a, const char *text, int interactive_only)
{
	wg_frame f = app_frame(a);
	return wg_find(&a->vw, &f, text, interactive_only);
}

int tree_has_text(app *a, const char *text)
{
	wg_frame f = app_frame(a);
	return wg_has_text(&a->vw, &f, text);
}

int tree_has_role(app *a, const char *role)
{
	wg_frame f = app_frame(a);
	for (int i = 0; i < a->vw.n; i++)
		if (a->vw.v[i].role && !strcmp(a->vw.v[i].role, role) && wg_visible(&a->vw, &f, i, NULL))
			return 1;
	return 0;
}

int tree_dump(app *a, const char *path)
{
	wg_frame f = app_frame(a);
	return wg_dump(&a->vw, &f, a->m->pages[a->page].id, a->m->langs[a->lang], path);
}
