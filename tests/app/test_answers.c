/* SPDX-License-Identifier: MIT */
/*
 * Every question of the shipped questionnaire, with every answer in view:
 * each question in every language, at every size the kiosk is sold for
 * (1920x1080, 1080x1920, 1280x800) and every text size (100, 130, 160%),
 * shows the question and all its answers without scrolling. A patient
 * who cannot see "Very severe" does not know to scroll for it, and may
 * pick the last one they see. Each answer's label must also fit its
 * button: the layout may shrink spacing or use columns, never the text.
 * The sign-in code screen's keys and Next are held to the same.
 */
#include "app.h"
#include "../check.h"
#include <stdlib.h>
#include <string.h>

#define PIN "482913"

static char dir[] = "/tmp/mkanswersXXXXXX";

static const struct {
	int w, h;
} sizes[] = { { 1920, 1080 }, { 1080, 1920 }, { 1280, 800 } };

/* The kiosk with a clinic key, so patients can sign in. */
static int open_kiosk(app *a)
{
	app_config cfg;
	char *prefix = mk_asprintf("%s/clinic", dir);
	app_config_defaults(&cfg);
	cfg.headless = 1;
	cfg.win_w = 1920, cfg.win_h = 1080;
	cfg.content_dir = MK_DEFAULT_CONTENT;
	cfg.data_dir = mk_asprintf("%s/data", dir);
	CHECK(store_keys_write(prefix) == 0);
	cfg.clinic_key = mk_asprintf("%s.pub", prefix);
	free(prefix);
	int rc = app_open(a, &cfg);
	app_pump(a);
	return rc;
}

/* A patient with a course, signed in and consenting, a report begun. */
static void patient(app *a)
{
	char code[STORE_CODE_LEN + 1];
	int64_t id;
	CHECK(store_patient_enrol(a->st, PIN, &STORE_PIN_COST_TEST, code, &id) == 0);
	store_course c = { .plan = "thighs-grade2", .grade = 2, .area = "thighs", .sessions_planned = 12,
			   .interval_days = 7, .started_at = 1700000000 };
	CHECK(store_course_start(a->st, id, &c, c.uuid) == 0);
	CHECK(track_sign_in(a->tk, code, PIN, 1700000000) == 0);
	CHECK(track_give_consent(a->tk, 1700000000) == 0);
	track_report_begin(a->tk, 0);
	track_draft(a->tk)->areas = 1u << CONTENT_AREA_THIGHS;
}

static void resize(app *a, int w, int h)
{
	SDL_SetWindowSize(a->loop->win, w, h);
	app_pump(a);
	SDL_GetRendererOutputSize(a->sdl, &a->w, &a->h);
	CHECK_MSG(a->w == w && a->h == h, "the window is %dx%d, not %dx%d", a->w, a->h, w, h);
}

/* r lies wholly between the bar and the bottom of the window, the page
 * not scrolled: what a patient sees when the question comes up. */
static int in_view(const app *a, SDL_Rect r)
{
	return r.x >= 0 && r.x + r.w <= a->w && r.y >= a->vw.bar_h && r.y + r.h <= a->h;
}

static int inside(SDL_Rect in, SDL_Rect out)
{
	return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
}

/* A main button's text size on this screen at this text size. */
static int button_px(const app *a)
{
	return (int)((float)SZ_BUTTON_TEXT * wg_scale(a->w, a->h) * (float)a->scale / 100.0f + 0.5f);
}

static void check_question(app *a, int item, const char *what)
{
	const content_item *it = &a->m->q.items[item];
	int want = a->m->q.scales[it->scale].n_options, seen = 0, title = 0;
	a->sc.id = SCR_ITEM;
	a->sc.item = item;
	ui_scroller_reset(&a->scroll, 0);
	a->need_layout = 1;
	app_pump(a);
	CHECK_MSG(a->scroll.offset == 0.0f, "%s: the page is scrolled", what);
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (e->kind == EL_TEXT && !strcmp(e->role, "title")) {
			title = 1;
			CHECK_MSG(in_view(a, e->r), "%s: the question is at %d,%d %dx%d, not wholly in view", what,
				  e->r.x, e->r.y, e->r.w, e->r.h);
		}
		if (e->act != ACT_ANSWER)
			continue;
		seen++;
		CHECK_MSG(in_view(a, e->r), "%s: '%s' is at %d,%d %dx%d, not wholly in view", what, e->text,
			  e->r.x, e->r.y, e->r.w, e->r.h);
		/* Its label follows it: the text fits the button, never shrunk. */
		CHECK_MSG(i + 1 < a->vw.n && inside(a->vw.v[i + 1].r, e->r), "%s: the label of '%s' leaves its button",
			  what, e->text);
		CHECK_MSG(i + 1 < a->vw.n && a->vw.v[i + 1].st.px >= button_px(a), "%s: the label of '%s' is %d px",
			  what, e->text, a->vw.v[i + 1].st.px);
	}
	CHECK_MSG(title, "%s: no question", what);
	CHECK_MSG(seen == want, "%s: %d answers shown of %d", what, seen, want);
}

/* Every key of the code keyboard and Next in view, the code half typed. */
static void check_code_screen(app *a, const char *what)
{
	int controls = 0;
	a->sc.id = SCR_SIGNIN_CODE;
	snprintf(a->sc.entry, sizeof a->sc.entry, "%s", "WZU8");
	ui_scroller_reset(&a->scroll, 0);
	a->need_layout = 1;
	app_pump(a);
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (e->act == ACT_NONE || e->fixed)
			continue;
		controls++;
		CHECK_MSG(in_view(a, e->r), "%s: '%s' is at %d,%d %dx%d, not wholly in view", what, e->text, e->r.x,
			  e->r.y, e->r.w, e->r.h);
	}
	CHECK_MSG(controls > 30, "%s: %d keys and buttons on the code screen", what, controls);
	a->sc.entry[0] = 0;
}

int main(void)
{
	app a;
	SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	CHECK(mkdtemp(dir) != NULL);
	CHECK(open_kiosk(&a) == 0);
	CHECK(a.m->q.present && a.m->q.n_items > 0 && track_enabled(a.tk));
	patient(&a);
	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
		resize(&a, sizes[z].w, sizes[z].h);
		for (int s = 100; s <= 160; s += 30)
			for (int l = 0; l < a.m->n_langs; l++) {
				a.scale = s;
				a.lang = l;
				for (int i = 0; i < a.m->q.n_items; i++) {
					char what[128];
					snprintf(what, sizeof what, "%s, %dx%d, %d%%, %s", a.m->q.items[i].id, a.w, a.h,
						 s, a.m->langs[l]);
					check_question(&a, i, what);
				}
			}
	}
	scr_sign_out(&a); /* the code screen is for someone not signed in yet */
	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
		resize(&a, sizes[z].w, sizes[z].h);
		for (int s = 100; s <= 160; s += 30)
			for (int l = 0; l < a.m->n_langs; l++) {
				char what[64];
				a.scale = s;
				a.lang = l;
				snprintf(what, sizeof what, "sign-in code, %dx%d, %d%%, %s", a.w, a.h, s, a.m->langs[l]);
				check_code_screen(&a, what);
			}
	}
	char *key = a.cfg.clinic_key, *data = a.cfg.data_dir;
	app_close(&a);
	free(key);
	free(data);
	char *cmd = mk_asprintf("rm -rf '%s'", dir);
	CHECK(cmd && system(cmd) == 0);
	free(cmd);
	return check_done();
}
