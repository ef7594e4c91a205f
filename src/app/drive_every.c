/* SPDX-License-Identifier: MIT */
/*
 * `walk-every`: from that line of a driver script on (or from its start
 * when MK_DRIVE_WALK_EVERY=1 is set), every screen the script reaches is
 * walked with the keyboard before the script acts on it: Tab from the
 * first control meets every control once, in reading order (left to
 * right, right to left in Arabic), and comes back (`focus-walk`). The
 * scripts that go through every screen of the kiosk (the journeys, staff
 * mode, photos) then prove that a keyboard reaches all of them, with no
 * list of screens to keep up to date by hand.
 *
 * A screen is walked once each time it is shown (the screen, the overlay
 * over it, the page, the language). The walk leaves no trace a script
 * would see: the page's scroll and the keyboard's focus are put back. At the
 * end the driver prints one line per screen walked.
 */
#include "app.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	int on;
	uint64_t last; /* the screen walked last */
	int walked;
} ev;

static uint64_t screen_now(const app *a)
{
	return a->sc.shown_ms * 131u + (uint64_t)a->sc.id * 17u + (uint64_t)a->overlay * 7u +
	       (uint64_t)(a->page + 1) * 3u + (uint64_t)a->lang * 1000003u;
}

/* The screen as a person would name it: the page, or the screen's title. */
static const char *screen_name(const app *a)
{
	if (a->overlay != OVERLAY_NONE)
		return "(a dialog)";
	if (a->sc.id == SCR_PAGE && a->page >= 0 && a->page < a->m->n_pages)
		return a->m->pages[a->page].id;
	for (int i = 0; i < a->vw.n; i++)
		if (a->vw.v[i].role && !strcmp(a->vw.v[i].role, "title") && a->vw.v[i].text)
			return a->vw.v[i].text;
	return "(no title)";
}

int drive_walk_every(app *a, const char *arg)
{
	if (strcmp(arg, "on") && strcmp(arg, "off") && *arg)
		return mk_err(MK_EINVAL, "walk-every wants on or off, got '%s'", arg);
	ev.on = strcmp(arg, "off") != 0;
	ev.last = 0;
	return ev.on ? drive_walk_pending(a) : 0;
}

void drive_walk_init(void)
{
	const char *env = getenv("MK_DRIVE_WALK_EVERY");
	ev.on = env && !strcmp(env, "1");
	ev.last = 0;
	ev.walked = 0;
}

int drive_walk_pending(app *a)
{
	float offset;
	int rc, n, order[512];
	if (!ev.on)
		return 0;
	if (screen_now(a) == ev.last || scr_checking(a))
		return 0;
	ev.last = screen_now(a);
	if ((n = focus_order(a, order, 512)) == 0)
		return 0;
	offset = a->scroll.offset;
	struct app_loop keep = *a->loop; /* the focus, as the script left it */
	a->loop->walking = 1; /* leaves Listen as it was too */
	rc = drive_walk_screen(a, 1);
	a->loop->walking = 0;
	if (rc == 0) {
		ev.walked++;
		printf("walked: screen %d overlay %d lang %s controls %d: %.60s\n", (int)a->sc.id,
		       (int)a->overlay, a->m->langs[a->lang], n, screen_name(a));
	} else {
		char why[512];
		snprintf(why, sizeof why, "%s", mk_err_msg());
		rc = mk_err(rc, "walk-every, on %s (%s): %s", screen_name(a), a->m->langs[a->lang], why);
	}
	a->loop->focus_shown = keep.focus_shown;
	a->loop->focus_act = keep.focus_act, a->loop->focus_arg = keep.focus_arg;
	a->loop->focus_arg2 = keep.focus_arg2, a->loop->focus_nth = keep.focus_nth;
	a->loop->focus_screen = keep.focus_screen;
	memcpy(a->loop->focus_label, keep.focus_label, sizeof keep.focus_label);
	a->scroll.offset = offset;
	a->scroll.velocity = 0;
	a->need_draw = 1;
	app_pump(a);
	return rc;
}
