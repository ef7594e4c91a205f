/* SPDX-License-Identifier: MIT */
/*
 * Accessibility of the shipped content, on every page, in every language,
 * at every text size: touch targets at least 80 px at 1920x1080, body text
 * at least 28 px, right-to-left pages laid out from the right, and text
 * size and language switches reachable on every page.
 */
#include "kiosk_test.h"
#include "../check.h"
#include <string.h>

static int open_kiosk(app *a)
{
	return open_kiosk_in(a, "/tmp/mk-a11y-data");
}

static void check_screen(app *a, const char *page, const char *lang)
{
	int targets = 0, scale_sw = 0, lang_sw = 0, start_side = 0, texts = 0;
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (e->act != ACT_NONE && e->kind == EL_BUTTON) {
			targets++;
			CHECK_MSG(e->r.w >= 80 && e->r.h >= 80, "%s/%s: '%s' is %dx%d", page, lang,
				  e->text, e->r.w, e->r.h);
			scale_sw += e->act == ACT_SCALE;
			lang_sw += e->act == ACT_LANG;
		}
		if (e->kind == EL_TEXT && !e->fixed && strcmp(e->role, "label")) {
			texts++;
			CHECK_MSG(e->st.px >= 28, "%s/%s: text '%.30s' is %d px", page, lang, e->text, e->st.px);
			/* Page text starts at the column's start edge. */
			int col_start = a->m->rtl[a->lang] ? e->r.x + e->r.w : e->r.x;
			start_side += a->m->rtl[a->lang] ? col_start > a->w / 2 : col_start < a->w / 2;
		}
	}
	CHECK_MSG(targets > 0 && scale_sw == 3 && lang_sw == a->m->n_langs, "%s/%s: switches missing", page, lang);
	CHECK_MSG(start_side * 10 >= texts * 9, "%s/%s: text not laid out from the %s", page, lang,
		  a->m->rtl[a->lang] ? "right" : "left");
}

int main(void)
{
	app a;
	SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	CHECK(open_kiosk(&a) == 0);
	CHECK(a.m->n_langs >= 2 && a.m->n_pages >= 5);
	for (int s = 100; s <= 160; s += 30) {
		a.scale = s;
		for (int l = 0; l < a.m->n_langs; l++) {
			a.lang = l;
			for (int p = 0; p < a.m->n_pages; p++) {
				a.page = p;
				scr_build(&a);
				check_screen(&a, a.m->pages[p].id, a.m->langs[l]);
			}
		}
	}
	app_close(&a);
	return check_done();
}
