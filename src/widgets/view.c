/* SPDX-License-Identifier: MIT */
/*
 * The view: one screen as a flat list of elements, grown as layout adds
 * them and cleared before the next layout. A view may own strings made for
 * it (a label with a number in it, a chart's summary); they are wiped when
 * it is cleared, since some are a patient's.
 */
#include "widgets.h"
#include <stdlib.h>
#include <string.h>

void view_clear(view *vw)
{
	/* Owned strings may be a patient's (a chart's summary, a note): wipe
	 * them, so sign-out leaves nothing of theirs in freed memory. */
	for (int i = 0; i < vw->n_str; i++) {
		explicit_bzero(vw->strbuf[i], strlen(vw->strbuf[i]));
		free(vw->strbuf[i]);
	}
	vw->n_str = 0;
	vw->n = 0;
	vw->page_h = 0;
	vw->bar_h = 0;
}

void view_free(view *vw)
{
	view_clear(vw);
	free(vw->v);
	memset(vw, 0, sizeof *vw);
}

view_el *view_add(view *vw, el_kind k, const char *role)
{
	if (vw->n == vw->cap) {
		int cap = vw->cap ? vw->cap * 2 : 128;
		view_el *v = realloc(vw->v, (size_t)cap * sizeof *v);
		if (!v)
			return NULL;
		vw->v = v;
		vw->cap = cap;
	}
	view_el *e = &vw->v[vw->n++];
	memset(e, 0, sizeof *e);
	e->kind = k;
	e->role = role;
	e->enabled = 1;
	return e;
}

const char *view_own(view *vw, char *s)
{
	if (!s)
		return "";
	if (vw->n_str == (int)(sizeof vw->strbuf / sizeof vw->strbuf[0])) {
		free(s);
		return "";
	}
	vw->strbuf[vw->n_str++] = s;
	return s;
}

int view_top_from(const view *vw)
{
	int from = 0;
	for (int i = 0; i < vw->n; i++)
		if (vw->v[i].kind == EL_BOX && vw->v[i].fixed && vw->v[i].role && !strcmp(vw->v[i].role, "dim"))
			from = i + 1;
	return from;
}
