/* SPDX-License-Identifier: MIT */
/*
 * Pictures swapped after a good load, in a running headless kiosk. What
 * the kiosk draws is what its check read: a picture replaced by a FIFO, by
 * a link to a file outside the content folder, or by a cut-off PNG is
 * refused by the reload and by the idle reset, never opened in a way that
 * blocks, and the picture on screen stays the one that was checked.
 */
#include "app.h"
#include "../check.h"
#include <SDL_image.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64], content_dir[128], data_dir[128], pic[200], outside[200];

static void put(const char *rel, const char *text)
{
	char *p = mk_path_join(content_dir, rel);
	CHECK(mk_write_atomic(p, text, strlen(text)) == 0);
	free(p);
}

#define RED_SVG "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">" \
		"<rect width=\"100\" height=\"100\" fill=\"#ff0000\"/></svg>"

static void make_content(void)
{
	snprintf(root, sizeof root, "/tmp/mkswapXXXXXX");
	CHECK(mkdtemp(root) != NULL);
	snprintf(content_dir, sizeof content_dir, "%s/content", root);
	snprintf(data_dir, sizeof data_dir, "%s/data", root);
	snprintf(pic, sizeof pic, "%s/images/pic.svg", content_dir);
	snprintf(outside, sizeof outside, "%s/blue.svg", root);
	char *d = mk_path_join(content_dir, "images");
	CHECK(mk_mkdir_p(d, 0700) == 0);
	free(d);
	d = mk_path_join(content_dir, "pages");
	CHECK(mk_mkdir_p(d, 0700) == 0);
	free(d);
	put("manifest.lua", "manifest {\n  title = { en = \"Test\" },\n  version = \"1\",\n"
			    "  languages = { \"en\" },\n  start = \"home\",\n}\n");
	const char *keys[] = { "back", "home", "help", "text_size", "language", "still_there",
			       "still_there_body", "im_here", "start_over", "touch_to_start",
			       "quiz_right", "quiz_wrong", "content_error", "page_missing" };
	char en[1024] = "strings {\n  en = {";
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		snprintf(en + strlen(en), sizeof en - strlen(en), " %s = \"%s\",", keys[i], keys[i]);
	snprintf(en + strlen(en), sizeof en - strlen(en), " },\n}\n");
	put("strings.lua", en);
	put("pages/main.lua", "page \"home\" {\n  title = { en = \"Welcome\" },\n"
			      "  image { \"images/pic.svg\", alt = { en = \"A red square\" } },\n}\n");
	put("images/pic.svg", RED_SVG);
	CHECK(mk_write_atomic(outside, RED_SVG, strlen(RED_SVG)) == 0);
}

/* Red when what the kiosk draws for the picture is the checked one. */
static SDL_Color drawn(app *a)
{
	SDL_Color c = { 0, 0, 0, 0 };
	Uint32 px = 0;
	SDL_Rect r = { 0, 0, 40, 40 };
	SDL_SetRenderDrawColor(a->sdl, 255, 255, 255, 255);
	SDL_RenderClear(a->sdl);
	if (ren_image_draw(a->rn, pic, r) != 0)
		return c;
	SDL_Rect one = { 20, 20, 1, 1 };
	SDL_RenderReadPixels(a->sdl, &one, SDL_PIXELFORMAT_ARGB8888, &px, 4);
	c.r = (Uint8)(px >> 16), c.g = (Uint8)(px >> 8), c.b = (Uint8)px;
	return c;
}

static int is_red(SDL_Color c)
{
	return c.r > 240 && c.g < 20 && c.b < 20;
}

static void pump_for(app *a, int ms)
{
	for (int i = 0; i < ms / 20; i++) {
		app_wait(a, 20);
		mk_clock_advance(20);
		app_pump(a);
	}
}

static int open_kiosk(app *a)
{
	app_config cfg;
	app_config_defaults(&cfg);
	cfg.headless = 1;
	cfg.win_w = 1280, cfg.win_h = 720;
	cfg.content_dir = content_dir;
	cfg.data_dir = data_dir;
	int rc = app_open(a, &cfg);
	app_pump(a);
	return rc;
}

/* Replaces the picture by what make() leaves at its path, lets the
 * watcher's reload run, then an idle reset; the kiosk must refuse it and
 * keep drawing the red square. */
static void swapped(app *a, const char *what, void (*make)(void))
{
	unlink(pic);
	make();
	a->badge[0] = 0;
	pump_for(a, 400);
	CHECK_MSG(a->badge[0] != 0, "%s: the reload did not refuse it", what);
	reload_fresh(a);
	app_pump(a);
	SDL_Color c = drawn(a);
	CHECK_MSG(is_red(c), "%s: drawn %d,%d,%d instead of the checked picture", what, c.r, c.g, c.b);
	CHECK_MSG(tree_has_text(a, "Welcome"), "%s: the page went away", what);
	unlink(pic);
	CHECK(mk_write_atomic(pic, RED_SVG, strlen(RED_SVG)) == 0);
	pump_for(a, 400);
}

static void make_fifo(void)
{
	CHECK(mkfifo(pic, 0600) == 0);
}

static void make_link(void)
{
	const char *blue = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">"
			   "<rect width=\"100\" height=\"100\" fill=\"#0000ff\"/></svg>";
	CHECK(mk_write_atomic(outside, blue, strlen(blue)) == 0);
	CHECK(symlink(outside, pic) == 0);
}

static void make_cut_png(void)
{
	/* a real PNG, cut to 300 bytes, under the picture's name */
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
	char tmp[220];
	snprintf(tmp, sizeof tmp, "%s/full.png", root);
	for (int y = 0; y < 64; y++)
		for (int x = 0; x < 64; x++)
			((Uint32 *)s->pixels)[y * 64 + x] = 0xff000000u | (Uint32)(rand() & 0xffffff);
	CHECK(IMG_SavePNG(s, tmp) == 0);
	SDL_FreeSurface(s);
	char *buf;
	size_t n;
	CHECK(mk_read_file(tmp, &buf, &n) == 0 && n > 300);
	CHECK(mk_write_atomic(pic, buf, 300) == 0);
	free(buf);
}

int main(void)
{
	app a;
	SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	mk_clock_virtual(1);
	alarm(50); /* a blocking open() fails the test instead of hanging it */
	make_content();
	CHECK(open_kiosk(&a) == 0);
	CHECK(tree_has_text(&a, "Welcome"));
	CHECK(is_red(drawn(&a)));

	swapped(&a, "a FIFO", make_fifo);
	swapped(&a, "a link to a file outside", make_link);

	/* The cut PNG: the page names a .png picture, shown red first. */
	snprintf(pic, sizeof pic, "%s/images/pic.png", content_dir);
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 100, 100, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_FillRect(s, NULL, SDL_MapRGBA(s->format, 255, 0, 0, 255));
	CHECK(IMG_SavePNG(s, pic) == 0);
	SDL_FreeSurface(s);
	put("pages/main.lua", "page \"home\" {\n  title = { en = \"Welcome\" },\n"
			      "  image { \"images/pic.png\", alt = { en = \"A red square\" } },\n}\n");
	pump_for(&a, 400);
	CHECK(is_red(drawn(&a)));
	unlink(pic);
	make_cut_png();
	a.badge[0] = 0;
	pump_for(&a, 400);
	CHECK_MSG(a.badge[0] != 0, "a cut PNG: the reload did not refuse it");
	reload_fresh(&a);
	app_pump(&a);
	SDL_Color c = drawn(&a);
	CHECK_MSG(is_red(c), "a cut PNG: drawn %d,%d,%d", c.r, c.g, c.b);
	app_close(&a);
	char *cmd = mk_asprintf("rm -rf %s", root);
	CHECK(system(cmd) == 0);
	free(cmd);
	return check_done();
}
