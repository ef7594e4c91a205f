/* SPDX-License-Identifier: MIT */
/*
 * The shipped education guide, as a patient meets it: every page can be
 * reached from the start page in at most two taps; the red-flag page (the
 * manifest's help page, with a danger callout) is one tap from every page;
 * every quiz answer shows feedback in every language; every interface
 * string exists in every language; the guide passes --check's layout rules.
 */
#include "app.h"
#include "../check.h"
#include <stdlib.h>
#include <string.h>

static app a;

/* Pages one tap away from page p: its buttons (callbacks run for real)
 * and the top bar's help button. */
static int next_pages(int p, int *out)
{
	int n = 0;
	a.page = p;
	scr_build(&a);
	for (int i = 0; i < a.vw.n; i++) {
		const view_el *e = &a.vw.v[i];
		int t = -1;
		if (e->act == ACT_GO)
			t = content_page_index(a.m, e->target);
		else if (e->act == ACT_HELP)
			t = content_page_index(a.m, a.m->help_page);
		else if (e->act == ACT_CALLBACK) {
			content_action act = { { 0 } };
			CHECK(content_call(a.ct, e->arg, a.m->pages[p].id, a.lang, &act) == 0);
			t = content_page_index(a.m, act.go[0] ? act.go : e->target ? e->target : "");
		}
		if (t >= 0)
			out[n++] = t;
	}
	return n;
}

static void test_reachable(void)
{
	int depth[256], queue[256], qn = 0, next[512];
	int start = content_page_index(a.m, a.m->start);
	CHECK(a.m->n_pages <= 256);
	for (int i = 0; i < a.m->n_pages; i++)
		depth[i] = -1;
	depth[start] = 0;
	queue[qn++] = start;
	for (int qi = 0; qi < qn; qi++) {
		int n = next_pages(queue[qi], next);
		for (int k = 0; k < n; k++)
			if (depth[next[k]] < 0) {
				depth[next[k]] = depth[queue[qi]] + 1;
				queue[qn++] = next[k];
			}
	}
	for (int i = 0; i < a.m->n_pages; i++)
		CHECK_MSG(depth[i] >= 0 && depth[i] <= 2, "page '%s' is %d taps from the start",
			  a.m->pages[i].id, depth[i]);
}

static void test_red_flags(void)
{
	int help = a.m->help_page ? content_page_index(a.m, a.m->help_page) : -1, danger = 0;
	CHECK(help >= 0);
	if (help < 0)
		return;
	/* The emergency box: a red signs box (or a danger callout). */
	for (int b = 0; b < a.m->pages[help].n_blocks; b++) {
		const content_block *bl = &a.m->pages[help].blocks[b];
		danger += (bl->kind == CONTENT_CALLOUT && bl->style == CONTENT_CALLOUT_DANGER) ||
			  (bl->kind == CONTENT_LIST && bl->sign_level == CONTENT_FLAG_EMERGENCY);
	}
	CHECK_MSG(danger > 0, "the help page has no emergency box");
	for (int p = 0; p < a.m->n_pages; p++) {
		int found = 0;
		a.page = p;
		scr_build(&a);
		for (int i = 0; i < a.vw.n; i++)
			found |= a.vw.v[i].act == ACT_HELP || (a.vw.v[i].act == ACT_GO &&
				 !strcmp(a.vw.v[i].target, a.m->help_page));
		CHECK_MSG(found || p == help, "page '%s' has no way to the red-flag page", a.m->pages[p].id);
	}
}

/* Taps every answer of every quiz and looks for its feedback on screen. */
static void test_quiz_feedback(void)
{
	int quizzes = 0;
	for (int l = 0; l < a.m->n_langs; l++) {
		a.lang = l;
		for (int p = 0; p < a.m->n_pages; p++) {
			a.page = p;
			memset(a.quiz_sel, 0, sizeof a.quiz_sel);
			scr_build(&a);
			for (int i = 0; i < a.vw.n; i++) {
				view_el e = a.vw.v[i];
				if (e.act != ACT_QUIZ)
					continue;
				quizzes += l == 0 && e.arg2 == 0;
				a.quiz_sel[e.arg] = e.arg2 + 1;
				scr_build(&a);
				const char *right = content_string(a.m, "quiz_right", l);
				const char *wrong = content_string(a.m, "quiz_wrong", l);
				int shown = 0;
				for (int j = 0; j < a.vw.n; j++)
					shown |= a.vw.v[j].text && (!strcmp(a.vw.v[j].text, right) ||
								    !strcmp(a.vw.v[j].text, wrong));
				CHECK_MSG(shown, "%s/%s: answer '%s' shows no feedback", a.m->pages[p].id,
					  a.m->langs[l], e.text);
				a.quiz_sel[e.arg] = 0;
				scr_build(&a);
			}
		}
	}
	CHECK_MSG(quizzes >= 5 && quizzes <= 8, "%d quiz questions", quizzes);
}

static void test_strings(void)
{
	CHECK(a.m->n_langs >= 3);
	for (int s = 0; s < a.m->n_strings; s++)
		for (int l = 0; l < a.m->n_langs; l++)
			CHECK_MSG(a.m->strings[s].s[l] && *a.m->strings[s].s[l], "string '%s' missing in %s",
				  a.m->string_keys[s], a.m->langs[l]);
	content_problems probs = { 0 };
	CHECK(check_strings(a.m, MK_DEFAULT_CONTENT, &probs) == 0);
	content_problems_clear(&probs);
	app_config cfg;
	app_config_defaults(&cfg);
	CHECK_MSG(check_run(&cfg, MK_DEFAULT_CONTENT) == 0, "--check found problems (see above)");
}

/* Pictures marked mirror = true are flipped on right-to-left pages only. */
static void test_mirror(void)
{
	int flipped[2] = { 0, 0 };
	for (int l = 0; l < a.m->n_langs; l++) {
		a.lang = l;
		for (int p = 0; p < a.m->n_pages; p++) {
			a.page = p;
			scr_build(&a);
			for (int i = 0; i < a.vw.n; i++)
				flipped[a.m->rtl[l]] += a.vw.v[i].kind == EL_IMAGE && a.vw.v[i].flip;
		}
	}
	CHECK_MSG(flipped[0] == 0, "%d pictures flipped in a left-to-right language", flipped[0]);
	CHECK_MSG(flipped[1] > 0, "no picture flipped in a right-to-left language");
	a.lang = 0;
}

int main(void)
{
	app_config cfg;
	SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	app_config_defaults(&cfg);
	cfg.headless = 1;
	cfg.win_w = 1920, cfg.win_h = 1080;
	cfg.content_dir = MK_DEFAULT_CONTENT;
	char data[] = "/tmp/mk-guide-data-XXXXXX";
	CHECK(mkdtemp(data) != NULL);
	cfg.data_dir = data;
	CHECK(app_open(&a, &cfg) == 0);
	app_pump(&a);
	test_reachable();
	test_red_flags();
	test_quiz_feedback();
	test_strings();
	test_mirror();
	app_close(&a);
	return check_done();
}
