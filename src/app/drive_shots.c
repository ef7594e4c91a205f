/* SPDX-License-Identifier: MIT */
/*
 * `shots DIR TAG`: every page of the content in every language of it, at
 * the window's size now, one PNG each: DIR/<lang>-<TAG>-<NN>.png, NN the
 * page's place in the content (01, 02, ...), and DIR/pages.txt naming the
 * page behind each NN. The collector's preview (src/collector/vet) runs
 * it once per orientation, so one kiosk process draws a whole content in
 * every language instead of one process a page; the page list is the
 * content's own, so no list of pages is kept anywhere else.
 *
 * A page is shot as a patient first sees it: scrolled to its top, no
 * dialog over it, after the new-screen guard and any picture being drawn.
 */
#include "app.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A tag names a file: letters, digits and '-' only. */
static int tag_ok(const char *t)
{
	size_t n = strlen(t);
	return n > 0 && n < 32 && strspn(t, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static int write_pages(app *a, const char *dir)
{
	size_t cap = 64 + (size_t)a->m->n_pages * 80, n = 0;
	char *text = malloc(cap), *path;
	int rc;
	if (!text)
		return mk_err(MK_ENOMEM, "shots: out of memory");
	for (int p = 0; p < a->m->n_pages; p++)
		n += (size_t)snprintf(text + n, cap - n, "%02d %.64s\n", p + 1, a->m->pages[p].id);
	path = mk_path_join(dir, "pages.txt");
	rc = path ? mk_write_atomic(path, text, n) : MK_ENOMEM;
	free(path);
	free(text);
	return rc;
}

static int shoot_page(app *a, const char *dir, const char *tag, int p)
{
	char *f = mk_asprintf("%s/%s-%s-%02d.png", dir, a->m->langs[a->lang], tag, p + 1);
	int rc;
	if (!f)
		return mk_err(MK_ENOMEM, "shots: out of memory");
	a->overlay = OVERLAY_NONE;
	app_go(a, p, 0);
	ui_scroller_reset(&a->scroll, 0);
	a->need_layout = 1;
	drive_settle(a);
	rc = app_screenshot(a, f);
	free(f);
	return rc;
}

int drive_shots(app *a, const char *arg)
{
	char dir[512], tag[64];
	int lang = a->lang, rc = 0;
	if (sscanf(arg, "%511s %63s", dir, tag) != 2 || !tag_ok(tag))
		return mk_err(MK_EINVAL, "shots wants DIR TAG (TAG: a-z, 0-9, -), got '%s'", arg);
	if (mk_mkdir_p(dir, 0755) != 0 || write_pages(a, dir) != 0)
		return -1;
	for (int l = 0; l < a->m->n_langs && rc == 0; l++) {
		if (!tag_ok(a->m->langs[l]))
			return mk_err(MK_EINVAL, "shots: the language code '%.20s' cannot name a file",
				      a->m->langs[l]);
		a->lang = l;
		ui_scroller_reset(&a->scroll, 0); /* as the language switch does */
		for (int p = 0; p < a->m->n_pages && rc == 0; p++)
			rc = shoot_page(a, dir, tag, p);
	}
	a->lang = lang;
	a->need_layout = 1;
	drive_settle(a);
	return rc;
}
