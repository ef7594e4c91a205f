/* SPDX-License-Identifier: MIT */
/*
 * The widgets as a patient meets them: a PIN pad and keyboards with big
 * keys that never overlap and read as printed in every language, charts
 * whose line goes up when the symptom gets worse and whose labels stay
 * readable, and a body picture whose regions sit on the body in both
 * directions. Each is laid out on a real (headless) kiosk at 1920x1080
 * and in portrait, and mirrored as scr_build mirrors a right-to-left view.
 */
#include "app.h"
#include "kiosk_test.h"
#include "../check.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static int open_kiosk(app *a)
{
	return open_kiosk_in(a, "/tmp/mk-widgets-data");
}

/* A fresh view for a screen of w x h, in one direction. */
static lay begin(app *a, int w, int h, int rtl)
{
	a->w = w, a->h = h;
	view_clear(&a->vw);
	return (lay){ .a = a, .vw = &a->vw, .k = lay_scale(a), .rtl = rtl };
}

/* What scr_build does to a right-to-left view (view.c mirror()). */
static void mirror(app *a)
{
	for (int i = 0; i < a->vw.n; i++) {
		SDL_Rect *r = &a->vw.v[i].r;
		r->x = a->w - r->x - r->w;
		if (a->vw.v[i].kind == EL_LINE)
			a->vw.v[i].flip = !a->vw.v[i].flip;
	}
}

static SDL_Rect mirrored(const app *a, SDL_Rect r)
{
	r.x = a->w - r.x - r.w;
	return r;
}

static int inside(SDL_Rect in, SDL_Rect out)
{
	return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
	       in.y + in.h <= out.y + out.h;
}

static int is(const view_el *e, el_kind k, const char *role)
{
	return e->kind == k && !strcmp(e->role, role);
}

/* Buttons of a role must not overlap one another. */
static int overlaps(const app *a, const char *role)
{
	int n = 0;
	for (int i = 0; i < a->vw.n; i++)
		for (int j = i + 1; j < a->vw.n; j++)
			if (is(&a->vw.v[i], EL_BUTTON, role) && is(&a->vw.v[j], EL_BUTTON, role) &&
			    SDL_HasIntersection(&a->vw.v[i].r, &a->vw.v[j].r))
				n++;
	return n;
}

static const view_el *key_with_arg(const app *a, int arg)
{
	for (int i = 0; i < a->vw.n; i++)
		if (is(&a->vw.v[i], EL_BUTTON, "key") && a->vw.v[i].arg == arg)
			return &a->vw.v[i];
	return NULL;
}

/* ---- PIN pad. */

static void keypad_at(app *a, int w, int h, int rtl)
{
	lay L = begin(a, w, h, rtl);
	SDL_Rect area = { (w - 800) / 2, 300, 800, 640 };
	int used = scr_keypad(&L, area, ACT_CALLBACK, 0), keys = 0;
	if (rtl)
		mirror(a), area = mirrored(a, area);
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (!is(e, EL_BUTTON, "key"))
			continue;
		keys++;
		CHECK_MSG(e->r.w >= 110 && e->r.h >= 110, "keypad key '%s' is %dx%d", e->text, e->r.w, e->r.h);
		CHECK_MSG(e->r.x >= area.x && e->r.x + e->r.w <= area.x + area.w, "key '%s' outside", e->text);
		CHECK(e->act == ACT_CALLBACK);
	}
	CHECK(keys == 12 && overlaps(a, "key") == 0);
	CHECK(used >= 4 * 110 && used <= area.h);
	const char *order = "123456789";
	for (int i = 0; i < 9; i++) {
		const view_el *k = key_with_arg(a, order[i]);
		CHECK(k && !strcmp(k->text, (char[]){ order[i], 0 }) && k->enabled);
		const view_el *prev = i % 3 ? key_with_arg(a, order[i - 1]) : NULL;
		if (k && prev) /* rows read 1 2 3 from the left, whatever the language */
			CHECK_MSG(k->r.x > prev->r.x, "rtl %d: %c", rtl, order[i]);
	}
	const view_el *del = key_with_arg(a, '\b'), *zero = key_with_arg(a, '0'), *ok = key_with_arg(a, '\n');
	CHECK(del && zero && ok && del->r.x < zero->r.x && zero->r.x < ok->r.x);
	CHECK(ok && !ok->enabled && del && del->enabled);
	lay L2 = begin(a, w, h, rtl);
	scr_keypad(&L2, area, ACT_CALLBACK, 1);
	CHECK(key_with_arg(a, '\n') && key_with_arg(a, '\n')->enabled);
}

/* ---- Keyboards. */

static int has_key(const app *a, const char *lang, int mode, int codes, const char *types)
{
	for (int i = 0; i < a->vw.n; i++)
		if (is(&a->vw.v[i], EL_BUTTON, "key") &&
		    !strcmp(scr_keyboard_key(lang, mode, codes, a->vw.v[i].arg), types))
			return 1;
	return 0;
}

/* x of the key that types s, or -1. */
static int key_xc(const app *a, const char *lang, int mode, int codes, const char *s)
{
	for (int i = 0; i < a->vw.n; i++)
		if (is(&a->vw.v[i], EL_BUTTON, "key") && !strcmp(scr_keyboard_key(lang, mode, codes, a->vw.v[i].arg), s))
			return a->vw.v[i].r.x;
	return -1;
}

static int key_x(const app *a, const char *lang, int mode, const char *s)
{
	return key_xc(a, lang, mode, 0, s);
}

static void osk_keys_ok(app *a, SDL_Rect area, const char *lang, int mode, int codes)
{
	int keys = 0;
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (!is(e, EL_BUTTON, "key"))
			continue;
		const char *t = scr_keyboard_key(lang, mode, codes, e->arg);
		keys++;
		CHECK_MSG(e->r.h >= 80 && e->r.w >= 60, "%s/%d/%d: key '%s' is %dx%d", lang, mode, codes,
			  e->text, e->r.w, e->r.h);
		CHECK_MSG(inside(e->r, area), "%s/%d/%d: key '%s' outside the keyboard", lang, mode, codes, e->text);
		CHECK_MSG(*t, "%s/%d/%d: key '%s' types nothing", lang, mode, codes, e->text);
		/* A key with a letter on it types that letter. */
		if (*t != '\b' && *t != '\n' && *t != '\t' && *t != ' ')
			CHECK_MSG(!strcmp(t, e->text), "%s: key '%s' types '%s'", lang, e->text, t);
	}
	CHECK_MSG(keys >= 30 && overlaps(a, "key") == 0, "%s/%d/%d: %d keys, overlaps", lang, mode, codes, keys);
	CHECK(has_key(a, lang, mode, codes, "\b") && has_key(a, lang, mode, codes, "\n"));
	if (!codes)
		CHECK(has_key(a, lang, mode, codes, " ") && has_key(a, lang, mode, codes, "\t"));
}

static void osk_at(app *a, int w, int h, int rtl)
{
	static const char *langs[3] = { "en", "fr", "ar" };
	int margin = w > h ? 64 : 32;
	SDL_Rect area = { margin, h - 620, w - 2 * margin, 560 };
	for (int c = 0; c < 2; c++)
		for (int l = 0; l < 3; l++)
			for (int mode = 0; mode < 3; mode++) {
				lay L = begin(a, w, h, rtl);
				int used = scr_keyboard(&L, area, langs[l], mode, c, ACT_CALLBACK);
				CHECK(used > 0 && used <= area.h);
				if (rtl)
					mirror(a);
				osk_keys_ok(a, rtl ? mirrored(a, area) : area, langs[l], mode, c);
			}
}

static void osk_maps_back(app *a)
{
	lay L = begin(a, 1920, 1080, 0);
	scr_keyboard(&L, (SDL_Rect){ 64, 460, 1792, 560 }, "en", 0, 0, ACT_CALLBACK);
	CHECK(has_key(a, "en", 0, 0, "q") && key_x(a, "en", 0, "q") < key_x(a, "en", 0, "w"));
	L = begin(a, 1920, 1080, 0);
	scr_keyboard(&L, (SDL_Rect){ 64, 460, 1792, 560 }, "en", 1, 0, ACT_CALLBACK);
	CHECK(has_key(a, "en", 1, 0, "Q") && !has_key(a, "en", 1, 0, "q"));
	L = begin(a, 1920, 1080, 0);
	scr_keyboard(&L, (SDL_Rect){ 64, 460, 1792, 560 }, "en", 2, 0, ACT_CALLBACK);
	CHECK(has_key(a, "en", 2, 0, "7") && has_key(a, "en", 2, 0, "?") && has_key(a, "en", 2, 0, "@"));
	for (int mode = 0; mode < 2; mode++) {
		static const char *accents[] = { "é", "è", "à", "ç", "ù", "ê", "â", "î", "ô", "œ" };
		L = begin(a, 1920, 1080, 0);
		scr_keyboard(&L, (SDL_Rect){ 64, 460, 1792, 560 }, "fr", mode, 0, ACT_CALLBACK);
		for (int i = 0; i < 10 && mode == 0; i++)
			CHECK_MSG(has_key(a, "fr", 0, 0, accents[i]), "fr: no key for %s", accents[i]);
		CHECK(key_x(a, "fr", mode, mode ? "A" : "a") < key_x(a, "fr", mode, mode ? "Z" : "z"));
	}
	/* Arabic, in an Arabic view: ض at the top left as printed, لا types two letters. */
	L = begin(a, 1920, 1080, 1);
	scr_keyboard(&L, (SDL_Rect){ 64, 460, 1792, 560 }, "ar", 0, 0, ACT_CALLBACK);
	mirror(a);
	CHECK(has_key(a, "ar", 0, 0, "لا") && strlen("لا") == 4);
	CHECK(key_x(a, "ar", 0, "ض") < key_x(a, "ar", 0, "ص") && key_x(a, "ar", 0, "ص") < key_x(a, "ar", 0, "د"));
	CHECK(key_x(a, "ar", 0, "ش") < key_x(a, "ar", 0, "ط"));
	L = begin(a, 1920, 1080, 1);
	scr_keyboard(&L, (SDL_Rect){ 64, 460, 1792, 560 }, "ar", 2, 0, ACT_CALLBACK);
	mirror(a);
	CHECK(has_key(a, "ar", 2, 0, "٣") && has_key(a, "ar", 2, 0, "3") && has_key(a, "ar", 2, 0, "؟"));
	CHECK(key_x(a, "ar", 2, "١") < key_x(a, "ar", 2, "٢") && key_x(a, "ar", 2, "1") < key_x(a, "ar", 2, "2"));
	/* A Latin keyboard in an Arabic view still reads q w e. */
	L = begin(a, 1920, 1080, 1);
	scr_keyboard(&L, (SDL_Rect){ 64, 460, 1792, 560 }, "en", 0, 0, ACT_CALLBACK);
	mirror(a);
	CHECK(key_x(a, "en", 0, "q") < key_x(a, "en", 0, "w") && key_x(a, "en", 0, "a") < key_x(a, "en", 0, "s"));
}

static void osk_codes(app *a)
{
	lay L = begin(a, 1920, 1080, 0);
	int letters = 0;
	scr_keyboard(&L, (SDL_Rect){ 64, 460, 1792, 560 }, "fr", 0, 1, ACT_CALLBACK);
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		const char *t = is(e, EL_BUTTON, "key") ? scr_keyboard_key("fr", 0, 1, e->arg) : "";
		if (strlen(t) != 1 || *t == '\b' || *t == '\n')
			continue;
		letters++;
		CHECK_MSG(strchr(STORE_CODE_ALPHABET, *t) && !strchr("0O1IL", *t), "code key '%s'", t);
		CHECK(e->r.w >= 110 && e->r.h >= 80);
	}
	CHECK(letters == (int)strlen(STORE_CODE_ALPHABET));
	CHECK(key_xc(a, "fr", 0, 1, "2") < key_xc(a, "fr", 0, 1, "9"));
	CHECK(key_xc(a, "fr", 0, 1, "A") < key_xc(a, "fr", 0, 1, "H"));
	CHECK(!*scr_keyboard_key("fr", 0, 1, -1) && !*scr_keyboard_key("fr", 0, 1, 9999));
}

/* ---- Charts. */

static void line_ends(const view_el *e, int *x0, int *y0, int *x1, int *y1)
{
	*x0 = e->r.x, *x1 = e->r.x + e->r.w;
	*y0 = e->flip ? e->r.y + e->r.h : e->r.y;
	*y1 = e->flip ? e->r.y : e->r.y + e->r.h;
}

static int near(int a, int b)
{
	return abs(a - b) <= 2;
}

/* Some line segment joins the centres of two dots. */
static int joined(const app *a, SDL_Point p, SDL_Point q)
{
	for (int i = 0; i < a->vw.n; i++) {
		int x0, y0, x1, y1;
		if (a->vw.v[i].kind != EL_LINE)
			continue;
		line_ends(&a->vw.v[i], &x0, &y0, &x1, &y1);
		if ((near(x0, p.x) && near(y0, p.y) && near(x1, q.x) && near(y1, q.y)) ||
		    (near(x1, p.x) && near(y1, p.y) && near(x0, q.x) && near(y0, q.y)))
			return 1;
	}
	return 0;
}

static void chart_checks(app *a, SDL_Rect area, int used, int rtl, const int *score)
{
	SDL_Point pt[32];
	int n = 0, lines = 0, ticks = 0;
	const view_el *tk[32], *box = NULL;
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		lines += e->kind == EL_LINE;
		if (is(e, EL_BOX, "chart-point") && n < 32)
			pt[n++] = (SDL_Point){ e->r.x + e->r.w / 2, e->r.y + e->r.h / 2 };
		if (is(e, EL_TEXT, "axis-label") && e->text[0] >= '0' && e->text[0] <= '9' && ticks < 32)
			tk[ticks++] = e;
		if (is(e, EL_BOX, "chart"))
			box = e;
		if (e->kind == EL_TEXT)
			CHECK_MSG(e->st.px >= 28, "chart text '%s' is %d px", e->text, e->st.px);
		CHECK_MSG(inside(e->r, (SDL_Rect){ area.x, area.y, area.w, used }) || e->kind == EL_TEXT,
			  "chart element %s outside the chart", e->role);
	}
	CHECK_MSG(n == 25 && lines == 24, "%d points, %d lines", n, lines);
	for (int i = 1; i < n; i++) {
		/* Time runs with the reading direction. */
		CHECK_MSG(rtl ? pt[i].x < pt[i - 1].x : pt[i].x > pt[i - 1].x, "rtl %d: point %d", rtl, i);
		/* Worse is higher. */
		if (score[i] != score[i - 1])
			CHECK((score[i] > score[i - 1]) == (pt[i].y < pt[i - 1].y));
		CHECK_MSG(joined(a, pt[i - 1], pt[i]), "rtl %d: no line from point %d to %d", rtl, i - 1, i);
	}
	CHECK_MSG(ticks >= 5, "%d session numbers", ticks);
	CHECK(ticks > 0 && !strcmp(tk[ticks - 1]->text, "25"));
	for (int i = 0; i < ticks; i++)
		for (int j = i + 1; j < ticks; j++)
			CHECK_MSG(!SDL_HasIntersection(&tk[i]->r, &tk[j]->r), "session labels %s and %s overlap",
				  tk[i]->text, tk[j]->text);
	CHECK(box && strlen(box->text) <= 300 && !strncmp(box->text, "Pain:", 5));
	CHECK(box && strstr(box->text, "25 Mild") && strstr(box->text, "…"));
}

static void chart_at(app *a, int w, int h, int rtl)
{
	/* Sessions 1..25, session 3 answered twice (the last answer counts). */
	static const int want[25] = { 0, 1, 2, 2, 3, 4, 3, 2, 1, 0, 1, 1, 2, 3, 3, 2, 1, 0, 0, 1, 2, 2, 1, 0, 1 };
	int sess[26], score[26];
	for (int i = 0; i < 25; i++)
		sess[i] = i + 1, score[i] = want[i];
	score[2] = 4, sess[25] = 3, score[25] = want[2];
	scr_chart_data d = { .title = "Pain", .ylabels = { "None", "Mild", "Moderate", "Severe", "Very severe" },
			      .xlabel = "Session", .n_sessions = 25, .n = 26, .session = sess, .score = score };
	SDL_Rect area = { 64, 200, w > h ? 860 : w - 128, 420 };
	lay L = begin(a, w, h, rtl);
	int used = scr_chart(&L, area, &d);
	CHECK_MSG(used >= 300 && used <= 520, "chart is %d px tall", used);
	if (rtl)
		mirror(a), area = mirrored(a, area);
	chart_checks(a, area, used, rtl, want);
	/* Very severe is written above None. */
	int y_none = -1, y_worst = -1;
	for (int i = 0; i < a->vw.n; i++)
		if (is(&a->vw.v[i], EL_TEXT, "axis-label")) {
			if (!strcmp(a->vw.v[i].text, "None"))
				y_none = a->vw.v[i].r.y;
			if (!strcmp(a->vw.v[i].text, "Very severe"))
				y_worst = a->vw.v[i].r.y;
		}
	CHECK(y_worst >= 0 && y_worst < y_none);
}

/* ---- Body picture. */

static const char *body_image(void)
{
	static const char *path = MK_DEFAULT_CONTENT "/images/body-outline.svg";
	static char stand_in[64];
	snprintf(stand_in, sizeof stand_in, "/tmp/mk-widgets-body-%d.svg", (int)getpid());
	FILE *f;
	if (mk_is_file(path))
		return path;
	if ((f = fopen(stand_in, "w"))) {
		fputs("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1000\" height=\"1000\" "
		      "viewBox=\"0 0 1000 1000\"><rect width=\"1000\" height=\"1000\" fill=\"#eee\"/></svg>\n", f);
		fclose(f);
	}
	return stand_in;
}

static const view_el *find_image(const app *a)
{
	for (int i = 0; i < a->vw.n; i++)
		if (a->vw.v[i].kind == EL_IMAGE)
			return &a->vw.v[i];
	return NULL;
}

/* The areas on the outline (viewBox 0 0 1000 1000, front figure left). */
static const struct { int area; float x, y, w, h; } outline[] = {
	{ CONTENT_AREA_ARMS, 0.08f, 0.22f, 0.10f, 0.30f }, { CONTENT_AREA_ARMS, 0.32f, 0.22f, 0.10f, 0.30f },
	{ CONTENT_AREA_ARMS, 0.58f, 0.22f, 0.10f, 0.30f }, { CONTENT_AREA_ARMS, 0.82f, 0.22f, 0.10f, 0.30f },
	{ CONTENT_AREA_ABDOMEN, 0.18f, 0.30f, 0.14f, 0.14f }, { CONTENT_AREA_BUTTOCKS, 0.68f, 0.42f, 0.14f, 0.12f },
	{ CONTENT_AREA_THIGHS, 0.18f, 0.50f, 0.14f, 0.20f }, { CONTENT_AREA_THIGHS, 0.68f, 0.55f, 0.14f, 0.18f },
};

/* The region's centre, in the coordinates of the picture as drawn (a
 * flipped picture counts from its right edge), lies on its area. */
static int on_its_area(const view_el *img, const view_el *e)
{
	float fx = ((float)e->r.x + (float)e->r.w / 2 - (float)img->r.x) / (float)img->r.w;
	float fy = ((float)e->r.y + (float)e->r.h / 2 - (float)img->r.y) / (float)img->r.h;
	if (img->flip)
		fx = 1.0f - fx;
	for (size_t i = 0; i < sizeof outline / sizeof outline[0]; i++)
		if (outline[i].area == e->arg && fx > outline[i].x && fx < outline[i].x + outline[i].w &&
		    fy > outline[i].y && fy < outline[i].y + outline[i].h)
			return 1;
	return 0;
}

static void body_at(app *a, int w, int h, int rtl)
{
	static const char *const labels[CONTENT_AREA_COUNT] = { "Thighs", "Buttocks", "Abdomen", "Arms", "Other" };
	unsigned sel = 1u << CONTENT_AREA_THIGHS | 1u << CONTENT_AREA_OTHER;
	SDL_Rect area = { 64, 240, w - 128, h - 240 - 64 };
	int regions[CONTENT_AREA_COUNT] = { 0 }, toggles[CONTENT_AREA_COUNT] = { 0 };
	lay L = begin(a, w, h, rtl);
	int used = scr_body_map(&L, area, body_image(), sel, labels, ACT_CALLBACK);
	CHECK_MSG(used > 0 && used <= area.h, "body is %d px tall in %d", used, area.h);
	if (rtl)
		mirror(a);
	const view_el *img = find_image(a);
	CHECK(img && img->flip == rtl && img->text && *img->text);
	if (!img)
		return;
	CHECK_MSG(img->r.w >= 480 && img->r.w == img->r.h, "picture %dx%d", img->r.w, img->r.h);
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (!is(e, EL_BUTTON, "area"))
			continue;
		CHECK(e->act == ACT_CALLBACK && e->arg >= 0 && e->arg < CONTENT_AREA_COUNT);
		CHECK_MSG(e->r.w >= 80 && e->r.h >= 80, "area '%s' is %dx%d", e->text, e->r.w, e->r.h);
		CHECK(!strcmp(e->text, labels[e->arg]));
		if (SDL_HasIntersection(&e->r, &img->r)) {
			CHECK_MSG(inside(e->r, img->r), "region '%s' leaves the picture", e->text);
			regions[e->arg]++;
			CHECK(((sel >> e->arg) & 1) == (e->fill.a > 0));
			CHECK_MSG(on_its_area(img, e), "rtl %d, %dx%d: region '%s' is off the %s", rtl, w, h,
				  e->text, e->text);
		} else {
			toggles[e->arg]++;
			CHECK(((sel >> e->arg) & 1) == (e->fill.r == a->th->primary.r && e->fill.b == a->th->primary.b));
		}
	}
	for (int i = 0; i < CONTENT_AREA_COUNT; i++) {
		CHECK_MSG(toggles[i] == 1, "area %d: %d toggles", i, toggles[i]);
		CHECK_MSG(i == CONTENT_AREA_OTHER ? regions[i] == 0 : regions[i] >= 1, "area %d: %d regions", i,
			  regions[i]);
	}
}

/* ---- Drawing a line. */

static int red_at(app *a, int x, int y)
{
	Uint32 px = 0;
	SDL_Rect r = { x, y, 1, 1 };
	SDL_RenderReadPixels(a->sdl, &r, SDL_PIXELFORMAT_ARGB8888, &px, 4);
	return (px >> 16 & 0xFF) > 200 && (px >> 8 & 0xFF) < 60;
}

static void line_draws(app *a)
{
	SDL_Color red = { 255, 0, 0, 255 };
	a->w = 1920, a->h = 1080;
	view_clear(&a->vw);
	a->overlay = OVERLAY_NONE;
	view_el *e = view_add(&a->vw, EL_LINE, "chart-line");
	e->r = (SDL_Rect){ 100, 100, 200, 200 };
	e->edge = red;
	e->edge_w = 8;
	e->fixed = 1;
	e->flip = 1; /* bottom-left to top-right */
	paint_view(a);
	CHECK(red_at(a, 200, 200) && red_at(a, 110, 290) && red_at(a, 290, 110));
	CHECK(!red_at(a, 110, 110) && !red_at(a, 290, 290) && !red_at(a, 200, 220));
	ren_fill_rect(a->rn, (SDL_Rect){ 0, 0, 400, 400 }, a->th->bg);
	ren_set_alpha(a->rn, 0);
	ren_line(a->rn, 100, 100, 300, 300, 8, red);
	ren_set_alpha(a->rn, 255);
	CHECK(!red_at(a, 200, 200)); /* a faded-out line draws nothing */
	SDL_RenderPresent(a->sdl);
	view_clear(&a->vw);
}

int main(void)
{
	app a;
	SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	CHECK(open_kiosk(&a) == 0);
	for (int rtl = 0; rtl < 2; rtl++) {
		keypad_at(&a, 1920, 1080, rtl);
		keypad_at(&a, 1080, 1920, rtl);
		osk_at(&a, 1920, 1080, rtl);
		osk_at(&a, 1080, 1920, rtl);
		chart_at(&a, 1920, 1080, rtl);
		chart_at(&a, 1080, 1920, rtl);
		body_at(&a, 1920, 1080, rtl);
		body_at(&a, 1080, 1920, rtl);
	}
	osk_maps_back(&a);
	osk_codes(&a);
	line_draws(&a);
	a.w = 1920, a.h = 1080;
	app_close(&a);
	return check_done();
}
