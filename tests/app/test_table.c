/* SPDX-License-Identifier: MIT */
/*
 * The table of screens: one row per screen, in the order of scr_id (the
 * router finds a row by its index, and an unknown id falls back to the
 * content pages, so a row out of place would quietly show the wrong
 * screen). Every row that offers Back leads somewhere, every screen that
 * takes typing has an OK, every title is a string the content has, and a
 * screen for staff or a hand-over keeps staff's longer idle time.
 */
#include "app.h"
#include "kiosk_test.h"
#include "../check.h"
#include <string.h>

int main(void)
{
	app a;
	SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	CHECK(open_kiosk_in(&a, "/tmp/mk-table-data") == 0);
	a.cfg.idle_s = 90, a.cfg.staff_idle_s = 600;
	for (int id = 0; id < SCR_COUNT; id++) {
		const scr_def *d = scr_def_of((scr_id)id);
		CHECK_MSG(d->id == (scr_id)id, "row %d holds screen %d", id, (int)d->id);
		CHECK_MSG(id == SCR_PAGE || d->view, "screen %d has no view", id);
		CHECK_MSG(!(d->flags & SCR_BACK_BUTTON) || d->back != SCR_PAGE || d->back_fn,
			  "screen %d shows Back that leads nowhere", id);
		CHECK_MSG(d->entry == SCR_ENTRY_NONE || d->enter, "screen %d takes typing but has no OK", id);
		for (int l = 0; d->title && l < a.m->n_langs; l++)
			CHECK_MSG(strcmp(content_string(a.m, d->title, l), d->title) != 0,
				  "screen %d: no string %s in %s", id, d->title, a.m->langs[l]);
		a.sc.id = (scr_id)id;
		a.sc.staff = 0;
		CHECK_MSG(scr_idle_s(&a) == (d->who == SCR_WHO_PATIENT ? 90 : 600),
			  "screen %d: idle time for the wrong person", id);
	}
	a.sc.id = SCR_COURSE;
	a.sc.staff = 1;
	CHECK(scr_idle_s(&a) == 600);
	CHECK(scr_def_of(SCR_COUNT)->id == SCR_PAGE && scr_def_of((scr_id)-1)->id == SCR_PAGE);
	a.sc.id = SCR_PAGE;
	a.sc.staff = 0;
	app_close(&a);
	return check_done();
}
