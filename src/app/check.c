/* SPDX-License-Identifier: MIT */
/*
 * `mesokiosk --check DIR`: loads the content exactly as the kiosk would,
 * then lays out every page in every language at every text size, at the
 * configured screen size in landscape and portrait, with a measuring
 * renderer, so text that cannot fit its box is caught before a patient
 * sees it. Problems go to
 * stderr as `path:line: message`; exit 1 if there were any.
 */
#include "app.h"
#include <stdlib.h>
#include <string.h>

/* Interface strings the kiosk shows; content must give each of them. */
static const char *const needed_strings[] = {
	"back", "home", "text_size", "still_there", "still_there_body", "im_here",
	"start_over", "touch_to_start", "quiz_right", "quiz_wrong", "content_error",
};

int check_strings(const content_model *m, const char *dir, content_problems *probs)
{
	int n = 0;
	char *file = mk_path_join(dir, "strings.lua");
	for (size_t i = 0; i < sizeof needed_strings / sizeof needed_strings[0]; i++) {
		const char *k = needed_strings[i];
		if (content_string(m, k, 0) == k) {
			content_problems_add(probs, file, 0, "missing interface string '%s'", k);
			n++;
		}
	}
	const char *help = "help";
	if (m->help_page && content_string(m, help, 0) == help) {
		content_problems_add(probs, file, 0, "missing interface string 'help' (the manifest has a help_page)");
		n++;
	}
	free(file);
	return n;
}

/* Every page, language and text size, on the configured screen and on the
 * same screen turned a quarter (kiosks stand landscape or portrait). */
static void check_fit(app *a, content_problems *probs)
{
	static const int scales[3] = { 100, 130, 160 };
	const int sizes[2][2] = { { a->cfg.check_w, a->cfg.check_h }, { a->cfg.check_h, a->cfg.check_w } };
	for (int z = 0; z < 2; z++) {
		a->w = sizes[z][0];
		a->h = sizes[z][1];
		for (int s = 0; s < 3; s++) {
			a->scale = scales[s];
			for (int l = 0; l < a->m->n_langs; l++) {
				a->lang = l;
				for (int p = 0; p < a->m->n_pages; p++)
					view_check_page(a, p, probs);
			}
		}
	}
}

/* Length of a message up to " at " (so "... at 100% text size" and
 * "... at 160% text size" count as the same problem). */
static size_t stem(const char *m)
{
	const char *at = strstr(m, " at ");
	return at ? (size_t)(at - m) : strlen(m);
}

/* The same problem at two text sizes or in two languages is one line. */
static void dedupe(content_problems *p)
{
	int out = 0;
	for (int i = 0; i < p->n; i++) {
		int dup = 0;
		for (int j = 0; j < out && !dup; j++)
			dup = p->v[j].line == p->v[i].line && !strcmp(p->v[j].file, p->v[i].file) &&
			      stem(p->v[j].msg) == stem(p->v[i].msg) &&
			      !strncmp(p->v[j].msg, p->v[i].msg, stem(p->v[i].msg));
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
		check_strings(a.m, dir, &probs);
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
