/* SPDX-License-Identifier: MIT */
/*
 * `mesokiosk --check DIR`: loads the content exactly as the kiosk would,
 * then lays out every page in every language at the configured screen size
 * (smallest and largest text size) with a measuring renderer, so text that
 * cannot fit its box is caught before a patient sees it. Problems go to
 * stderr as `path:line: message`; exit 1 if there were any.
 */
#include "app.h"
#include <stdlib.h>
#include <string.h>

static void check_fit(app *a, content_problems *probs)
{
	static const int scales[2] = { 100, 160 };
	for (int s = 0; s < 2; s++) {
		a->scale = scales[s];
		for (int l = 0; l < a->m->n_langs; l++) {
			a->lang = l;
			for (int p = 0; p < a->m->n_pages; p++)
				view_check_page(a, p, probs);
		}
	}
}

/* The same problem at two text sizes or in two languages is one line. */
static void dedupe(content_problems *p)
{
	int out = 0;
	for (int i = 0; i < p->n; i++) {
		int dup = 0;
		for (int j = 0; j < out && !dup; j++)
			dup = p->v[j].line == p->v[i].line && !strcmp(p->v[j].file, p->v[i].file) &&
			      !strcmp(p->v[j].msg, p->v[i].msg);
		if (dup) {
			free(p->v[i].file);
			free(p->v[i].msg);
		} else {
			p->v[out++] = p->v[i];
		}
	}
	p->n = out;
}

int check_run(const app_config *cfg, const char *dir)
{
	content_problems probs = { 0 };
	content *c = NULL;
	int rc = content_load(&c, dir, NULL, &probs);
	if (rc == 0) {
		app a;
		memset(&a, 0, sizeof a);
		a.cfg = *cfg;
		a.w = cfg->check_w;
		a.h = cfg->check_h;
		a.ct = c;
		a.m = content_model_of(c);
		a.th = theme_get(cfg->theme ? cfg->theme : a.m->theme);
		if (ren_open(&a.rn, NULL, NULL) == 0) {
			check_fit(&a, &probs);
			ren_close(a.rn);
		} else {
			content_problems_add(&probs, dir, 0, "cannot measure text: %s", mk_err_msg());
		}
		view_free(&a.vw);
		content_free(c);
	}
	dedupe(&probs);
	content_problems_print(&probs, stderr);
	rc = probs.n ? 1 : 0;
	content_problems_clear(&probs);
	return rc;
}
