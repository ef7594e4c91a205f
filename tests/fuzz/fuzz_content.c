/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target `content`: the input is one page file, pages/50-input.lua, in
 * a content folder made once at start: the shipped images, a small
 * manifest (English, Arabic, French; start page "home"), the interface
 * strings --check asks for and pages/00-home.lua. Each input goes through what `mesokiosk --check`
 * does: content_load with the kiosk's {name} values, then, when it loads,
 * its callbacks (on_show, on_tap) in every language and check_loaded (the
 * interface strings, every image decoded, every page laid out in every
 * language and text size, here on one portrait screen).
 *
 * Besides crashes, it holds content to what the rest of the kiosk relies
 * on: every problem names a file in the folder and carries no control
 * character; a clean load has every text in every language, valid UTF-8
 * within CONTENT_TEXT_MAX, links to pages that exist and images inside
 * the folder; a callback's kiosk.go names a page.
 */
#include "fuzz.h"
#include "app.h"

static char *dir, *input;
static ren *rn;
static content_limits lim;
static content_var vars[APP_CONTENT_VARS];
static char regulator[16];
static app_config cfg;

static const char manifest[] =
	"manifest {\n"
	"  title = { en = \"Fuzz\", ar = \"\xd8\xaa\xd8\xac\xd8\xb1\xd8\xa8\xd8\xa9\", fr = \"Essai\" },\n"
	"  version = \"1\",\n"
	"  languages = { \"en\", \"ar\", \"fr\" },\n"
	"  language_names = { en = \"English\", ar = \"\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9\", fr = \"Fran\xc3\xa7" "ais\" },\n"
	"  start = \"home\",\n"
	"  attract_image = \"images/welcome.svg\",\n"
	"  reviewed_by = \"Dr A. Name\", reviewed_on = \"2026-12-06\", next_review = \"2099-12-06\",\n"
	"}\n";

static const char home[] =
	"page \"home\" {\n"
	"  title = { en = \"Welcome\", ar = \"\xd8\xa3\xd9\x87\xd9\x84\xd9\x8b\xd8\xa7\", fr = \"Bienvenue\" },\n"
	"  paragraph { en = \"Hello\", ar = \"\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd9\x8b\xd8\xa7\", fr = \"Bonjour\" },\n"
	"}\n";

/* The interface strings --check insists on (check.c), and the two the
 * {names} fall back on; the shipped strings.lua would cost most of a run. */
static void write_strings(void)
{
	static const char *const keys[] = {
		"back", "home", "help", "text_size", "still_there", "still_there_body", "im_here",
		"start_over", "touch_to_start", "quiz_right", "quiz_wrong", "content_error",
		"contact_ask", "regulator_gb",
	};
	static const char *const langs[] = { "en", "ar", "fr" };
	char text[4096], *p;
	size_t n = 0;
	n += (size_t)snprintf(text + n, sizeof text - n, "strings {\n");
	for (int l = 0; l < 3; l++) {
		n += (size_t)snprintf(text + n, sizeof text - n, "  %s = {\n", langs[l]);
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			n += (size_t)snprintf(text + n, sizeof text - n, "    %s = \"%s %s\",\n",
					      keys[k], keys[k], langs[l]);
		n += (size_t)snprintf(text + n, sizeof text - n, "  },\n");
	}
	n += (size_t)snprintf(text + n, sizeof text - n, "}\n");
	FUZZ_CHECK(n < sizeof text, "strings.lua too long");
	fuzz_write((p = fuzz_path("content/strings.lua")), text, n);
	free(p);
}

static void copy_file(const char *from, const char *to)
{
	char *buf;
	size_t n;
	if (mk_read_file(from, &buf, &n) != 0) {
		fprintf(stderr, "fuzz_content: %s\n", mk_err_msg());
		abort();
	}
	fuzz_write(to, buf, n);
	free(buf);
}

static void make_folder(void)
{
	static const char *const images[] = {
		"about.svg", "aftercare.svg", "body-areas.svg", "body-outline.svg", "calendar.svg",
		"call.svg", "cellulite.svg", "cost.svg", "how-it-works.svg", "options.svg",
		"procedure.svg", "questions.svg", "quiz.svg", "side-effects.svg", "skin-layers.svg",
		"welcome.svg",
	};
	char *p;
	dir = fuzz_path("content");
	input = fuzz_path("content/pages/50-input.lua");
	p = fuzz_path("content/pages");
	mk_mkdir_p(p, 0700);
	free(p);
	p = fuzz_path("content/images");
	mk_mkdir_p(p, 0700);
	free(p);
	write_strings();
	for (size_t i = 0; i < sizeof images / sizeof images[0]; i++) {
		char from[512], to[64];
		snprintf(from, sizeof from, "%s/assets/content/images/%s", MK_SOURCE_DIR, images[i]);
		snprintf(to, sizeof to, "content/images/%s", images[i]);
		copy_file(from, (p = fuzz_path(to)));
		free(p);
	}
	fuzz_write((p = fuzz_path("content/manifest.lua")), manifest, sizeof manifest - 1);
	free(p);
	fuzz_write((p = fuzz_path("content/pages/00-home.lua")), home, sizeof home - 1);
	free(p);
}

static void done(void)
{
	ren_close(rn);
	app_config_free(&cfg);
	free(dir);
	free(input);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	ren_config rcfg = { 0 };
	(void)argc, (void)argv;
	mk_log_set_level(MK_LOG_ERROR);
	make_folder();
	app_config_defaults(&cfg);
	cfg.clinic_name = mk_strdup("Example Clinic");
	cfg.clinic_phone = mk_strdup("+44 20 7946 0000");
	cfg.clinic_hours = mk_strdup("Mon-Fri 9:00-18:00");
	cfg.out_of_hours_phone = mk_strdup("+44 20 7946 0999");
	cfg.emergency_number = mk_strdup("999");
	snprintf(cfg.country, sizeof cfg.country, "GB");
	lim = app_content_limits(&cfg, vars, regulator);
	if (ren_open(&rn, NULL, &rcfg) != 0) {
		fprintf(stderr, "fuzz_content: cannot measure text: %s\n", mk_err_msg());
		abort();
	}
	atexit(done);
	return 0;
}

static int clean_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') || s[i] == 0x7f)
			return 0;
	return 1;
}

/* Every problem is in the folder, at a line >= 0, in printable words. */
static void check_problems(const content_problems *p)
{
	for (int i = 0; i < p->n; i++) {
		const content_problem *q = &p->v[i];
		FUZZ_CHECK(q->file && !strncmp(q->file, dir, strlen(dir)), "problem file %s", q->file);
		FUZZ_CHECK(q->line >= 0, "line %d", q->line);
		FUZZ_CHECK(q->msg && !strpbrk(q->msg, "\n\t") && clean_text(q->msg, strlen(q->msg)),
			   "problem message with a control character: %s", q->msg);
	}
}

static void check_text(const content_model *m, const content_text *t, int required, const char *what)
{
	for (int l = 0; l < m->n_langs; l++) {
		const char *s = t->s[l];
		if (!s) {
			FUZZ_CHECK(!required && !t->s[0], "%s: no text in %s", what, m->langs[l]);
			continue;
		}
		size_t n = strlen(s);
		FUZZ_CHECK(n > 0 && n <= CONTENT_TEXT_MAX, "%s: %zu bytes", what, n);
		FUZZ_CHECK(mk_utf8_valid(s, n) && clean_text(s, n), "%s: bad text", what);
	}
}

static void check_blocks(const content_model *m, const content_block *b, int n, int depth)
{
	const size_t dn = strlen(dir);
	FUZZ_CHECK(depth < 2, "columns inside columns");
	for (int i = 0; i < n; i++, b++) {
		FUZZ_CHECK(b->file && b->line > 0, "block without a place");
		switch (b->kind) {
		case CONTENT_LIST:
			FUZZ_CHECK(b->n_items > 0, "empty list");
			for (int k = 0; k < b->n_items; k++)
				check_text(m, &b->items[k], 1, "list item");
			break;
		case CONTENT_IMAGE:
			FUZZ_CHECK(b->image, "image without a file");
			check_text(m, &b->alt, 1, "alt");
			check_text(m, &b->caption, 0, "caption");
			break;
		case CONTENT_COLUMNS:
			for (int c = 0; c < 2; c++)
				check_blocks(m, b->col[c], b->n_col[c], depth + 1);
			break;
		case CONTENT_QUIZ:
			check_text(m, &b->text, 1, "quiz");
			FUZZ_CHECK(b->n_choices > 0, "quiz without choices");
			for (int k = 0; k < b->n_choices; k++)
				check_text(m, &b->choices[k].text, 1, "choice");
			break;
		case CONTENT_BUTTON:
			check_text(m, &b->text, 1, "button");
			FUZZ_CHECK(b->target || b->on_tap, "a button that goes nowhere");
			FUZZ_CHECK(!b->target || !strcmp(b->target, CONTENT_SCREEN_COURSE) ||
				   content_page_index(m, b->target) >= 0, "link to '%s'", b->target);
			break;
		default:
			check_text(m, &b->text, 1, "text");
			check_text(m, &b->title, 0, "title");
		}
		if (b->image) /* inside the folder, whatever the path said */
			FUZZ_CHECK(b->image[0] == '/' && mk_is_file(b->image) &&
				   !strstr(b->image, "/../") && strlen(b->image) > dn,
				   "image %s", b->image);
	}
}

/* Runs one callback in every language, as a tap or a page shown would. */
static void run_callback(content *c, const content_model *m, const char *page, int handle)
{
	for (int l = 0; handle && l < m->n_langs; l++) {
		content_action act;
		int rc = content_call(c, handle, page, l, &act);
		FUZZ_CHECK(rc != 0 || !act.go[0] || content_page_index(m, act.go) >= 0,
			   "kiosk.go to '%s'", act.go);
		FUZZ_CHECK(rc == 0 || !act.go[0], "a failed callback still goes somewhere");
	}
}

static void run_taps(content *c, const content_model *m, const char *page, const content_block *b,
		     int n)
{
	for (int i = 0; i < n; i++) {
		run_callback(c, m, page, b[i].on_tap);
		if (b[i].kind == CONTENT_COLUMNS)
			for (int k = 0; k < 2; k++)
				run_taps(c, m, page, b[i].col[k], b[i].n_col[k]);
	}
}

static void check_model(content *c, const content_model *m)
{
	FUZZ_CHECK(m->n_langs == 3 && m->n_pages >= 1, "%d languages, %d pages", m->n_langs,
		   m->n_pages);
	for (int p = 0; p < m->n_pages; p++) {
		const content_page *pg = &m->pages[p];
		FUZZ_CHECK(pg->id && strlen(pg->id) < sizeof ((content_action *)0)->go, "page id");
		FUZZ_CHECK(content_page_index(m, pg->id) == p, "page '%s' twice", pg->id);
		check_text(m, &pg->title, 1, "page title");
		check_blocks(m, pg->blocks, pg->n_blocks, 0);
	}
	for (int p = 0; p < m->n_pages; p++) {
		run_callback(c, m, m->pages[p].id, m->pages[p].on_show);
		run_taps(c, m, m->pages[p].id, m->pages[p].blocks, m->pages[p].n_blocks);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int sizes[1][2] = { { 1080, 1920 } };
	content_problems probs = { 0 };
	content *c = NULL;
	fuzz_write(input, data, size);
	int rc = content_load(&c, dir, &lim, &probs);
	FUZZ_CHECK((rc == 0) == (c != NULL) && (rc == 0 || probs.n > 0), "rc %d, %d problems", rc,
		   probs.n);
	check_problems(&probs);
	if (c) {
		const content_model *m = content_model_of(c);
		check_problems(content_warnings(c));
		check_model(c, m);
		ren_pins *pins = ren_pins_new();
		FUZZ_CHECK(pins != NULL, "out of memory");
		check_loaded(rn, pins, m, dir, sizes, 1, &probs);
		check_problems(&probs);
		ren_pins_free(pins);
	}
	if (getenv("MK_FUZZ_VERBOSE")) /* what each input did, when replaying by hand */
		content_problems_print(&probs, stderr);
	content_free(c);
	content_problems_clear(&probs);
	return 0;
}
