/* SPDX-License-Identifier: MIT */
/*
 * What is drawn, not only the theme's table (test_config's test_looks):
 * read back from a frame, a greyed control's edge and a key's edge stand
 * out from what is around them at 3:1 or more (WCAG 1.4.11), in both
 * themes. Before, a greyed control was its enabled look at 40% alpha
 * (Back on the start page about 1.9:1 on the bar, the sign-in code's
 * greyed Next 1.4:1) and key edges were 2.7:1. And a finger on a control
 * shows on it in both themes: darkening a black button showed nothing.
 */
#include "app.h"
#include "../check.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/mklooksXXXXXX";
static char *data_dir, *clinic_key; /* the kiosk keeps them until it closes */

static int open_kiosk(app *a)
{
	app_config cfg;
	char *prefix = mk_asprintf("%s/clinic", dir);
	app_config_defaults(&cfg);
	cfg.headless = 1;
	cfg.win_w = 1920, cfg.win_h = 1080;
	cfg.content_dir = MK_DEFAULT_CONTENT;
	cfg.data_dir = data_dir = mk_asprintf("%s/data", dir);
	CHECK(store_keys_write(prefix) == 0);
	cfg.clinic_key = clinic_key = mk_asprintf("%s.pub", prefix);
	free(prefix);
	int rc = app_open(a, &cfg);
	app_pump(a);
	return rc;
}

static SDL_Color pixel(app *a, int x, int y)
{
	Uint32 px = 0;
	SDL_Rect one = { x, y, 1, 1 };
	SDL_RenderReadPixels(a->sdl, &one, SDL_PIXELFORMAT_ARGB8888, &px, 4);
	return (SDL_Color){ (Uint8)(px >> 16), (Uint8)(px >> 8), (Uint8)px, 255 };
}

/* The first button with that label (or role, for keys) that is as
 * enabled as asked, or NULL. The page is not scrolled: its elements are
 * where they are drawn. */
static const view_el *button(app *a, const char *label, const char *role, int enabled)
{
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (e->kind == EL_BUTTON && e->enabled == enabled &&
		    (label ? e->text && !strcmp(e->text, label) : !strcmp(e->role, role)))
			return e;
	}
	return NULL;
}

/* The middle of the control's top edge against just above it: what tells
 * the control from the screen around it, its edge or, without one, its
 * fill. */
static void edge_stands_out(app *a, const view_el *e, const char *what)
{
	CHECK_MSG(e != NULL, "%s (%s): not on screen", what, a->th->name);
	if (!e)
		return;
	paint_view(a);
	int x = e->r.x + e->r.w / 2, w = e->edge_w > 0 ? e->edge_w : 2;
	SDL_Color in = pixel(a, x, e->r.y + w / 2), out = pixel(a, x, e->r.y - 4);
	CHECK_MSG(theme_contrast(in, out) >= 3.0, "%s (%s): %.2f:1 against what is around it", what,
		  a->th->name, theme_contrast(in, out));
}

/* A finger on a control shows on it: its fill changes under the finger,
 * on a white button and on a black one (high contrast) alike. */
static void press_shows(app *a)
{
	const view_el *e = button(a, content_string(a->m, "home", a->lang), NULL, 1);
	CHECK_MSG(e != NULL, "Home (%s): not on screen", a->th->name);
	if (!e)
		return;
	int x = e->r.x + e->edge_w + 6, y = e->r.y + e->r.h / 2;
	paint_view(a);
	SDL_Color up = pixel(a, x, y);
	a->loop->pressed = (int)(e - a->vw.v);
	paint_view(a);
	SDL_Color down = pixel(a, x, y);
	a->loop->pressed = -1;
	CHECK_MSG(theme_contrast(up, down) >= 1.2, "Home (%s): pressed %d,%d,%d, not pressed %d,%d,%d", a->th->name,
		  down.r, down.g, down.b, up.r, up.g, up.b);
}

static void check_theme(app *a)
{
	a->sc.id = SCR_PAGE;
	scr_build(a);
	edge_stands_out(a, button(a, content_string(a->m, "back", a->lang), NULL, 0), "greyed Back");
	press_shows(a);
	a->sc.id = SCR_SIGNIN_CODE;
	scr_build(a);
	edge_stands_out(a, button(a, content_string(a->m, "next", a->lang), NULL, 0), "greyed Next");
	edge_stands_out(a, button(a, NULL, "key", 1), "a key");
}

int main(void)
{
	app a;
	CHECK(mkdtemp(dir) != NULL);
	mk_clock_virtual(1);
	CHECK(open_kiosk(&a) == 0);
	CHECK(a.n_history == 0); /* the start page: Back greyed */
	check_theme(&a);
	scr_contrast_toggle(&a);
	CHECK(!strcmp(a.th->name, "high-contrast"));
	check_theme(&a);
	app_close(&a);
	free(data_dir);
	free(clinic_key);
	char *rm = mk_asprintf("rm -rf '%s'", dir);
	CHECK(system(rm) == 0);
	free(rm);
	return check_done();
}
