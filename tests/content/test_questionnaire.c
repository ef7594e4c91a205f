/* SPDX-License-Identifier: MIT */
/*
 * Tests for the symptom questionnaire (questionnaire.lua): the fixture and
 * the shipped questionnaire become the model exactly as written, the red
 * flags fire on the answers they name and on nothing else (an emergency
 * beating a call), show_if and areas decide what is asked, and every kind
 * of staff mistake is reported at its file and line.
 *
 * fixtures/qn-good and fixtures/qn-bad hold whole content folders; the
 * smaller cases are written to a temporary folder next to a copy of
 * qn-good's manifest, strings, page and picture.
 */
#include "content_test.h"
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define QN_GOOD MK_FIXTURES "/qn-good"
#define QN_BAD MK_FIXTURES "/qn-bad"
#define QFILE "/questionnaire.lua"

/* ---- Helpers. */

static void put_s(const char *dir, const char *rel, const char *text)
{
	put(dir, rel, text, strlen(text));
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = s ? strlen(s) : 0, k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void copy_in(const char *dir, const char *rel)
{
	char *src = mk_path_join(QN_GOOD, rel), *buf;
	size_t len;
	CHECK(mk_read_file(src, &buf, &len) == 0);
	put(dir, rel, buf, len);
	free(buf);
	free(src);
}

/* A temp content folder like qn-good; questionnaire.lua holds `qsrc`
 * (none when NULL). The caller removes it with done(). */
static char *make_folder(const char *qsrc)
{
	char tmpl[] = "/tmp/mk-qn-XXXXXX";
	char *dir = mk_strdup(mkdtemp(tmpl));
	copy_in(dir, "manifest.lua");
	copy_in(dir, "strings.lua");
	copy_in(dir, "pages/10-home.lua");
	copy_in(dir, "images/body.svg");
	if (qsrc)
		put_s(dir, "questionnaire.lua", qsrc);
	return dir;
}

static void done(char *dir, content *c, content_problems *probs)
{
	content_free(c);
	content_problems_clear(probs);
	if (dir)
		rm_rf(dir);
	free(dir);
}

/* Loading `qsrc` as questionnaire.lua must fail with a problem at
 * file_suffix:line containing text. */
static void expect_problem_in(const char *qsrc, const char *file_suffix, int line,
			      const char *text)
{
	content_problems probs = { 0 };
	content *c = NULL;
	char *dir = make_folder(qsrc);
	CHECK_MSG(content_load(&c, dir, NULL, &probs) == MK_ECONTENT && !c, "[%s] loaded", qsrc);
	EXPECT_PROBLEM(&probs, file_suffix, line, text);
	done(dir, c, &probs);
}

static void expect_problem(const char *qsrc, int line, const char *text)
{
	expect_problem_in(qsrc, QFILE, line, text);
}

/* Characters (code points) in a UTF-8 string. */
static size_t chars(const char *s)
{
	size_t n = 0, len = strlen(s), k;
	uint32_t cp;
	for (; len && (k = mk_utf8_next(s, len, &cp)); s += k, len -= k)
		n++;
	return n;
}

/* Scores for n items, all `v`. */
static void fill(int *s, int n, int v)
{
	for (int i = 0; i < n; i++)
		s[i] = v;
}

/* ---- The fixture. */

static void check_good_header(const content_questionnaire *q)
{
	CHECK(q->present == 1);
	CHECK(q->file && strstr(q->file, "/qn-good/questionnaire.lua"));
	CHECK(strcmp(q->title.s[0], "Your symptoms") == 0 && strcmp(q->title.s[1], "أعراضك") == 0);
	CHECK(strcmp(q->recall.s[0], "Since your last session") == 0);
	CHECK(ends_with(q->body_image, "/qn-good/images/body.svg"));
	CHECK(strcmp(q->area_names[CONTENT_AREA_ABDOMEN].s[0], "Tummy") == 0);
	CHECK(strcmp(q->area_names[CONTENT_AREA_OTHER].s[1], "مكان آخر") == 0);
	for (int a = 0; a < CONTENT_AREA_COUNT; a++)
		CHECK(q->area_names[a].s[0] && q->area_names[a].s[1]);
	CHECK(q->n_scales == 3);
	CHECK(strcmp(q->scales[0].id, "severity") == 0 && q->scales[0].n_options == 5);
	for (int i = 0; i < 5; i++)
		CHECK(q->scales[0].scores[i] == i);
	CHECK(strcmp(q->scales[0].options[4].s[0], "Very severe") == 0);
	CHECK(strcmp(q->scales[1].id, "yesno") == 0 && q->scales[1].n_options == 2);
	CHECK(q->scales[1].scores[0] == 0 && q->scales[1].scores[1] == 4);
	CHECK(strcmp(q->scales[2].id, "amount") == 0 && q->scales[2].n_options == 3);
	CHECK(q->scales[2].scores[0] == 0 && q->scales[2].scores[2] == 2);
	CHECK(strcmp(q->scales[2].options[1].s[1], "أسبوع") == 0);
}

static void check_good_items(const content_questionnaire *q)
{
	static const struct { const char *id; int line, scale, custom; unsigned areas; } want[] = {
		{ "face", 22, 1, 1, 0 },
		{ "pain", 26, 0, 0, 1u << CONTENT_AREA_THIGHS | 1u << CONTENT_AREA_ARMS },
		{ "lasted", 30, 2, 0, 0 },
		{ "fever", 34, 1, 0, 0 },
	};
	CHECK(q->n_items == 4);
	for (int i = 0; i < 4 && i < q->n_items; i++) {
		const content_item *it = &q->items[i];
		CHECK_MSG(strcmp(it->id, want[i].id) == 0 && it->line == want[i].line, "item %d", i);
		CHECK_MSG(it->scale == want[i].scale && it->custom == want[i].custom &&
			  it->areas == want[i].areas, "item %s", want[i].id);
		CHECK(it->text.s[0] && it->text.s[1] && it->short_name.s[0] && it->short_name.s[1]);
		CHECK(strstr(it->file, "/qn-good/questionnaire.lua") != NULL);
		CHECK(content_item_index(q, want[i].id) == i);
	}
	CHECK(content_item_index(q, "nope") == -1 && content_item_index(q, NULL) == -1);
	CHECK(q->items[0].show_if_item == -1 && q->items[1].show_if_item == -1);
	CHECK(q->items[2].show_if_item == 1 && q->items[2].show_if_min == 2);
	CHECK(strcmp(q->items[1].text.s[0], "How bad was the pain?") == 0);
	CHECK(strcmp(q->items[1].short_name.s[1], "الألم") == 0);
}

static void check_good_rules(const content_questionnaire *q)
{
	CHECK(q->n_rules == 4);
	if (q->n_rules != 4)
		return;
	const content_rule *r = q->rules;
	CHECK(strcmp(r[0].id, "fever-call") == 0 && r[0].line == 39);
	CHECK(r[0].level == CONTENT_FLAG_CALL && r[0].n_all == 1);
	CHECK(r[0].all[0].item == 3 && r[0].all[0].min == 4);
	/* written lasted first, kept in item order */
	CHECK(strcmp(r[1].id, "pain-call") == 0 && r[1].n_all == 2);
	CHECK(r[1].all[0].item == 1 && r[1].all[0].min == 3);
	CHECK(r[1].all[1].item == 2 && r[1].all[1].min == 2);
	CHECK(strcmp(r[2].id, "face-now") == 0 && r[2].level == CONTENT_FLAG_EMERGENCY);
	CHECK(strcmp(r[3].id, "fever-pain-now") == 0 && r[3].line == 51 && r[3].n_all == 2);
	CHECK(strcmp(r[2].title.s[0], "Tell staff now") == 0);
	CHECK(strcmp(r[0].message.s[1], "أصبت بحمى.") == 0);
}

static void test_good(void)
{
	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, QN_GOOD, NULL, &probs) == 0);
	content_problems_print(&probs, stderr);
	if (c) {
		const content_model *m = content_model_of(c);
		check_good_header(&m->q);
		check_good_items(&m->q);
		check_good_rules(&m->q);
		CHECK(m->n_pages == 1); /* the pages still load after questionnaire.lua */
	}
	done(NULL, c, &probs);
}

/* Items: face, pain, lasted, fever. Rules: fever-call, pain-call,
 * face-now, fever-pain-now. */
static void test_flags(void)
{
	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, QN_GOOD, NULL, &probs) == 0);
	if (!c)
		return;
	const content_questionnaire *q = &content_model_of(c)->q;
	int s[4];
	fill(s, 4, 0);
	CHECK(content_flag_match(q, s) == -1);
	fill(s, 4, -1);
	CHECK(content_flag_match(q, s) == -1);
	CHECK(content_flag_match(q, NULL) == -1 && content_flag_match(NULL, s) == -1);
	fill(s, 4, 0);
	s[3] = 4;                                   /* fever */
	CHECK(content_flag_match(q, s) == 0);
	s[3] = 0, s[1] = 3, s[2] = 2;               /* pain 3 and lasted 2: both needed */
	CHECK(content_flag_match(q, s) == 1);
	s[2] = 1;
	CHECK(content_flag_match(q, s) == -1);
	s[2] = -1;                                  /* not asked never counts */
	CHECK(content_flag_match(q, s) == -1);
	s[2] = 2, s[1] = 4;
	CHECK(content_flag_match(q, s) == 1);
	fill(s, 4, 0);
	s[3] = 4, s[0] = 4;                         /* emergency beats an earlier call */
	CHECK(content_flag_match(q, s) == 2);
	s[0] = 0, s[1] = 4;                         /* fever and pain 4 */
	CHECK(content_flag_match(q, s) == 3);
	s[0] = 4;                                   /* two emergencies: the first */
	CHECK(content_flag_match(q, s) == 2);
	s[1] = 4, s[2] = 2, s[0] = 0, s[3] = 0;     /* only calls: the first that holds */
	CHECK(content_flag_match(q, s) == 1);
	done(NULL, c, &probs);
}

static void test_applies(void)
{
	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, QN_GOOD, NULL, &probs) == 0);
	if (!c)
		return;
	const content_questionnaire *q = &content_model_of(c)->q;
	const unsigned thighs = 1u << CONTENT_AREA_THIGHS, buttocks = 1u << CONTENT_AREA_BUTTOCKS;
	int s[4];
	fill(s, 4, -1);
	/* face: every area */
	CHECK(content_item_applies(q, 0, buttocks, s) == 1);
	CHECK(content_item_applies(q, 0, 0, s) == 1);
	/* pain: thighs and arms only */
	CHECK(content_item_applies(q, 1, thighs, s) == 1);
	CHECK(content_item_applies(q, 1, buttocks, s) == 0);
	CHECK(content_item_applies(q, 1, buttocks | thighs, s) == 1);
	CHECK(content_item_applies(q, 1, 1u << CONTENT_AREA_OTHER, s) == 0);
	CHECK(content_item_applies(q, 1, 0, s) == 1); /* nothing marked: asked */
	/* lasted: only once pain >= 2 */
	CHECK(content_item_applies(q, 2, thighs, s) == 0);
	s[1] = 1;
	CHECK(content_item_applies(q, 2, thighs, s) == 0);
	s[1] = 2;
	CHECK(content_item_applies(q, 2, thighs, s) == 1);
	s[1] = 4;
	CHECK(content_item_applies(q, 2, buttocks, s) == 1);
	CHECK(content_item_applies(q, 2, thighs, NULL) == 0);
	/* out of range */
	CHECK(content_item_applies(q, -1, thighs, s) == 0);
	CHECK(content_item_applies(q, 4, thighs, s) == 0);
	CHECK(content_item_applies(NULL, 0, thighs, s) == 0);
	done(NULL, c, &probs);
}

static void test_absent(void)
{
	content_problems probs = { 0 };
	content *c = NULL;
	char *dir = make_folder(NULL);
	CHECK(content_load(&c, dir, NULL, &probs) == 0);
	content_problems_print(&probs, stderr);
	if (c) {
		const content_model *m = content_model_of(c);
		const content_questionnaire *q = &m->q;
		CHECK(q->present == 0 && q->file == NULL && q->n_items == 0 && q->items == NULL);
		CHECK(q->n_rules == 0 && q->n_scales == 0 && q->body_image == NULL);
		CHECK(m->n_pages == 1);
		int s[1] = { 4 };
		CHECK(content_flag_match(q, s) == -1);
		CHECK(content_item_applies(q, 0, 0, s) == 0);
	}
	done(dir, c, &probs);
}

/* ---- Mistakes. */

/* Each line of fixtures/qn-bad/questionnaire.lua with its problems. */
static void test_bad_fixture(void)
{
	static const struct { int line; const char *text; } want[] = {
		{ 4, "unknown field 'colour' in questionnaire" },
		{ 4, "missing 'ar' text in recall of questionnaire" },
		{ 4, "questionnaire body_image 'images/missing.svg' was not found" },
		{ 4, "unknown field 'legs' in questionnaire areas" },
		{ 4, "questionnaire areas needs other = { en = \"...\" }" },
		{ 12, "questionnaire { ... } is given twice" },
		{ 14, "scale 'severity' keeps the PRO-CTCAE wording: option 3 in English must be "
		      "\"Moderate\", not \"Medium\"" },
		{ 15, "scale 'yesno' is a standard PRO-CTCAE scale: it needs 2 options, not 3" },
		{ 16, "scale 'one' needs 2 to 5 options, not 1" },
		{ 17, "scale 'six' needs 2 to 5 options, not 6" },
		{ 18, "unknown field 'label' in scale 'small'" },
		{ 18, "missing 'ar' text in option 2 of scale 'small'" },
		{ 19, "scale 'small' is already defined at " },
		{ 19, "/qn-bad/questionnaire.lua:18" },
		{ 21, "unknown field 'colour' in item 'a'" },
		{ 22, "item 'b' uses unknown scale 'sevrity'" },
		{ 23, "item 'c' needs scale = \"severity\"" },
		{ 24, "item 'd' areas: 'legs' is not an area" },
		{ 25, "item 'e' show_if names unknown item 'later' (write item \"later\" { ... } above it)" },
		{ 26, "item 'f' show_if must name one item" },
		{ 27, "item 'a' is already defined at " },
		{ 27, "/qn-bad/questionnaire.lua:21" },
		{ 28, "item 'g' custom must be true or false" },
		{ 28, "item 'g' show_if score for 'a' can never be met: item 'a' scores at most 2" },
		{ 29, "item 'h' needs text = { en = \"...\" }" },
		{ 29, "item 'h' areas is empty" },
		{ 32, "red flag 'r1' when names unknown item 'nobody'" },
		{ 33, "red flag 'r2' when score for 'later' must be a score from 0 to 4, not 5" },
		{ 34, "red flag 'r3' when score for 'later' can never be met" },
		{ 35, "red flag 'r4' level must be \"call\" or \"emergency\"" },
		{ 36, "red flag 'r5' needs when = { item = lowest score }" },
		{ 37, "red flag 'r6' when has 5 conditions; at most 4" },
		{ 39, "red flag 'r1' is already defined at " },
		{ 39, "/qn-bad/questionnaire.lua:32" },
		{ 40, "unknown field 'colour' in red flag 'r7'" },
		{ 40, "red flag 'r7' needs title = { en = \"...\" }" },
		{ 40, "red flag 'r7' when score for 'a' must be a whole number, not 1.5" },
		{ 41, "red flag 'r8' needs level = \"call\" or \"emergency\"" },
		{ 41, "red flag 'r8' when score for 'a' must be a score from 0 to 4, not -1" },
		{ 42, "red flag 'r9' when is empty" },
		{ 43, "unknown name 'itme' (questionnaire.lua holds questionnaire { ... }, scale, "
		      "item and red_flag)" },
	};
	const size_t n = sizeof want / sizeof want[0];
	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, QN_BAD, NULL, &probs) == MK_ECONTENT && !c);
	for (size_t i = 0; i < n; i++)
		EXPECT_PROBLEM(&probs, "/qn-bad/questionnaire.lua", want[i].line, want[i].text);
	/* nothing else: no problem twice, no cascade from an earlier mistake
	 * (the duplicate lines above are two checks of one problem) */
	CHECK_MSG(probs.n == (int)n - 3, "%d problems, %zu expected", probs.n, n - 3);
	done(NULL, c, &probs);
}

static const char header[] =
	"questionnaire {\n"
	"  title = { en = \"T\", ar = \"ت\" }, recall = { en = \"R\", ar = \"ر\" },\n"
	"  areas = { thighs = { en = \"a\", ar = \"ب\" }, buttocks = { en = \"a\", ar = \"ب\" },\n"
	"    abdomen = { en = \"a\", ar = \"ب\" }, arms = { en = \"a\", ar = \"ب\" },\n"
	"    other = { en = \"a\", ar = \"ب\" } },\n"
	"}\n"                                                                   /* 6 */
	"scale \"yesno\" { { en = \"No\", ar = \"لا\" }, { en = \"Yes\", ar = \"نعم\" } }\n";

#define ITEM(id) "item \"" id "\" { scale = \"yesno\", text = { en = \"Q\", ar = \"س\" }, " \
	"short = { en = \"S\", ar = \"ق\" } }\n"

/* The whole-file checks, and constructors in the wrong file. */
static void test_file_mistakes(void)
{
	expect_problem(header, 1, "the questionnaire asks nothing: add item \"id\" { ... }");
	expect_problem("-- nothing\n", 0, "the questionnaire asks nothing");
	expect_problem("scale \"yesno\" { { en = \"No\", ar = \"لا\" }, { en = \"Yes\", ar = \"نعم\" } }\n"
		       ITEM("q"), 0, "questionnaire.lua must call questionnaire {");
	expect_problem("\nquestionnaire \"x\"\n", 2, "questionnaire needs a table");
	/* a file that stops half-way: its error, and no false "asks nothing" */
	content_problems probs = { 0 };
	content *c = NULL;
	char *dir = make_folder("questionnaire {\n");
	CHECK(content_load(&c, dir, NULL, &probs) == MK_ECONTENT);
	CHECK(probs.n == 1 && strstr(probs.v[0].msg, "Lua syntax error"));
	if (probs.n != 1)
		content_problems_print(&probs, stderr);
	done(dir, c, &probs);
	/* constructors belong in questionnaire.lua */
	dir = make_folder(NULL);
	put_s(dir, "pages/20-q.lua", ITEM("q"));
	put_s(dir, "courses.lua", "\nquestionnaire { }\nred_flag \"r\" { }\n");
	CHECK(content_load(&c, dir, NULL, &probs) == MK_ECONTENT);
	EXPECT_PROBLEM(&probs, "/pages/20-q.lua", 1, "questionnaire items belong in questionnaire.lua");
	EXPECT_PROBLEM(&probs, "/courses.lua", 2, "questionnaire { ... } belongs in questionnaire.lua");
	EXPECT_PROBLEM(&probs, "/courses.lua", 3, "red flags belong in questionnaire.lua");
	done(dir, c, &probs);
	/* and pages do not belong there */
	expect_problem("page \"x\" { title = { en = \"x\", ar = \"y\" } }\n", 1,
		       "pages belong in files under pages/");
}

static void test_item_mistakes(void)
{
	char src[8192];
	/* ids */
	snprintf(src, sizeof src, "%s\nitem \"a b\" { }\n", header);
	expect_problem(src, 9, "questionnaire item id 'a b' may only use");
	snprintf(src, sizeof src, "%s\nred_flag { }\n", header);
	expect_problem(src, 9, "a red flag needs an id in quotes");
	snprintf(src, sizeof src, "%s" ITEM("q") "item \"r\" \"x\"\n", header);
	expect_problem(src, 9, "item 'r' needs a table: item \"r\" { ... }");
	/* an item referring to itself is not written above itself */
	snprintf(src, sizeof src, "%s" ITEM("q")
		 "item \"r\" { scale = \"yesno\", text = { en = \"Q\", ar = \"س\" },\n"
		 "  short = { en = \"S\", ar = \"ق\" }, show_if = { r = 4 } }\n", header);
	expect_problem(src, 9, "item 'r' show_if names unknown item 'r'");
	/* red flags name items written above them */
	snprintf(src, sizeof src, "%s\nred_flag \"r\" { level = \"call\", title = { en = \"T\", ar = \"ت\" },\n"
		 "  message = { en = \"M\", ar = \"م\" }, when = { q = 4 } }\n" ITEM("q"), header);
	expect_problem(src, 9, "red flag 'r' when names unknown item 'q'");
	/* text is one table per language; missing translations name the field */
	snprintf(src, sizeof src, "%s\nitem \"q\" { scale = \"yesno\", text = { en = \"Q\" },\n"
		 "  short = { en = \"S\", ar = \"ق\", fr = \"S\" } }\n", header);
	expect_problem(src, 9, "missing 'ar' text in text of item 'q'");
	expect_problem(src, 9, "text in language 'fr' in short of item 'q'");
	/* at most CONTENT_QUESTIONNAIRE_MAX_ITEMS */
	size_t n = (size_t)snprintf(src, sizeof src, "%s", header);
	for (int i = 0; i <= CONTENT_QUESTIONNAIRE_MAX_ITEMS; i++)
		n += (size_t)snprintf(src + n, sizeof src - n, "item \"q%d\" { scale = \"yesno\", "
				      "text = { en = \"Q\", ar = \"س\" }, short = { en = \"S\", ar = \"ق\" } }\n", i);
	CHECK(n < sizeof src);
	expect_problem(src, 8 + CONTENT_QUESTIONNAIRE_MAX_ITEMS, "is one too many: a questionnaire has at most 48 items");
}

/* any = { ... }: one of them is enough; with when = { ... } too, every
 * `when` and one `any`. */
static void test_any(void)
{
	char src[4096];
	snprintf(src, sizeof src, "%s" ITEM("a") ITEM("b") ITEM("c")
		 "red_flag \"either\" { level = \"call\", title = { en = \"T\", ar = \"ت\" },\n"
		 "  message = { en = \"M\", ar = \"م\" }, any = { a = 4, b = 4 } }\n"
		 "red_flag \"c-and-either\" { level = \"emergency\", title = { en = \"T\", ar = \"ت\" },\n"
		 "  message = { en = \"M\", ar = \"م\" }, when = { c = 4 }, any = { a = 4, b = 4 } }\n",
		 header);
	content_problems probs = { 0 };
	content *c = NULL;
	char *dir = make_folder(src);
	CHECK(content_load(&c, dir, NULL, &probs) == 0);
	content_problems_print(&probs, stderr);
	if (c) {
		const content_questionnaire *q = &content_model_of(c)->q;
		int s[3] = { 0, 0, 0 };
		CHECK(q->n_rules == 2 && q->rules[0].n_any == 2 && q->rules[0].n_all == 0);
		CHECK(content_flag_match(q, s) == -1);
		s[1] = 4;
		CHECK(content_flag_match(q, s) == 0); /* b alone */
		s[1] = 0, s[0] = 4;
		CHECK(content_flag_match(q, s) == 0); /* a alone */
		s[2] = 4;
		CHECK(content_flag_match(q, s) == 1); /* c and a: the emergency one */
		s[0] = 0;
		CHECK(content_flag_match(q, s) == -1); /* c without a or b: nothing */
	}
	done(dir, c, &probs);
	snprintf(src, sizeof src, "%s" ITEM("a")
		 "red_flag \"r\" { level = \"call\", title = { en = \"T\", ar = \"ت\" },\n"
		 "  message = { en = \"M\", ar = \"م\" }, any = { } }\n", header);
	expect_problem(src, 9, "red flag 'r' any is empty");
	snprintf(src, sizeof src, "%s" ITEM("a")
		 "red_flag \"r\" { level = \"call\", title = { en = \"T\", ar = \"ت\" },\n"
		 "  message = { en = \"M\", ar = \"م\" }, any = { zz = 4 } }\n", header);
	expect_problem(src, 9, "red flag 'r' any names unknown item 'zz'");
}

/* A page's signs name red flags at their level: a sign with no flag, or in
 * the other box, is a problem at the page's line. */
static void test_signs(void)
{
	static const struct {
		const char *signs, *problem;
	} cases[] = {
		{ "signs { level = \"call\", { sign = \"a-call\", en = \"A\", ar = \"أ\" } },\n", NULL },
		{ "signs { level = \"emergency\", { sign = \"b-now\", en = \"B\", ar = \"ب\" } },\n", NULL },
		{ "signs { level = \"call\", { sign = \"nobody\", en = \"A\", ar = \"أ\" } },\n",
		  "sign 'nobody' has no red_flag \"nobody\" in questionnaire.lua" },
		{ "signs { level = \"emergency\", { sign = \"a-call\", en = \"A\", ar = \"أ\" } },\n",
		  "sign 'a-call' is in the emergency box, but red_flag 'a-call'" },
		{ "signs { level = \"call\", { sign = \"b-now\", en = \"B\", ar = \"ب\" } },\n",
		  "sign 'b-now' is in the same-day (call) box, but red_flag 'b-now'" },
		{ "signs { level = \"call\", { en = \"A\", ar = \"أ\" } },\n", "sign 1 needs sign = \"red flag id\"" },
		{ "signs { { sign = \"a-call\", en = \"A\", ar = \"أ\" } },\n", "signs needs level = " },
	};
	char qsrc[2048], page[1024];
	snprintf(qsrc, sizeof qsrc, "%s" ITEM("a") ITEM("b")
		 "red_flag \"a-call\" { level = \"call\", title = { en = \"T\", ar = \"ت\" },\n"
		 "  message = { en = \"M\", ar = \"م\" }, when = { a = 4 } }\n"
		 "red_flag \"b-now\" { level = \"emergency\", title = { en = \"T\", ar = \"ت\" },\n"
		 "  message = { en = \"M\", ar = \"م\" }, when = { b = 4 } }\n", header);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		content_problems probs = { 0 };
		content *c = NULL;
		char *dir = make_folder(qsrc);
		snprintf(page, sizeof page, "page \"call\" {\n  title = { en = \"Call\", ar = \"اتصل\" },\n  %s}\n",
			 cases[i].signs);
		put_s(dir, "pages/20-call.lua", page);
		int rc = content_load(&c, dir, NULL, &probs);
		if (!cases[i].problem) {
			CHECK_MSG(rc == 0, "[%s] refused", cases[i].signs);
			content_problems_print(&probs, stderr);
		} else {
			CHECK_MSG(rc == MK_ECONTENT, "[%s] loaded", cases[i].signs);
			EXPECT_PROBLEM(&probs, "/pages/20-call.lua", 3, cases[i].problem);
		}
		done(dir, c, &probs);
	}
}

/* {name} from the configuration: replaced when set, "contact_ask" (with a
 * warning naming the setting, once) when not, a strings.lua text for
 * "@key", and any other {word} left for the screens. */
static void test_vars(void)
{
	const content_var vars[] = {
		{ "clinic_phone", "+44 20 7946 0000", "clinic_phone in kiosk.conf", 1 },
		{ "emergency_number", NULL, "emergency_number in kiosk.conf", 1 },
		{ "regulator", "@home", "country in kiosk.conf", 0 },
	};
	content_limits lim = { .vars = vars, .n_vars = 3 };
	content_problems probs = { 0 };
	content *c = NULL;
	char *dir = make_folder(NULL);
	put_s(dir, "pages/20-call.lua",
	      "page \"call\" {\n  title = { en = \"Call\", ar = \"اتصل\" },\n"
	      "  paragraph { en = \"Clinic {clinic_phone}; 112: {emergency_number}; {n} left; {regulator}.\",\n"
	      "              ar = \"العيادة {clinic_phone}؛ {emergency_number}\" },\n"
	      "  paragraph { en = \"Again {emergency_number}.\", ar = \"{emergency_number}\" },\n}\n");
	CHECK(content_load(&c, dir, &lim, &probs) == 0);
	content_problems_print(&probs, stderr);
	if (c) {
		const content_model *m = content_model_of(c);
		const content_page *pg = &m->pages[content_page_index(m, "call")];
		CHECK_MSG(!strcmp(pg->blocks[0].text.s[0], "Clinic +44 20 7946 0000; 112: contact_ask; {n} left; Home."),
			  "got '%s'", pg->blocks[0].text.s[0]);
		/* In Arabic the number keeps its order between two LRMs; the
		 * words that stand in for a missing one need none. */
		CHECK_MSG(!strcmp(pg->blocks[0].text.s[1], "العيادة \u200e+44\u00a020\u00a07946\u00a00000\u200e؛ contact_ask"),
			  "got '%s'", pg->blocks[0].text.s[1]);
		const content_problems *w = content_warnings(c);
		CHECK_MSG(w->n == 1 && strstr(w->v[0].msg, "warning: {emergency_number} is used, but "
						  "emergency_number in kiosk.conf is not set"),
			  "%d warnings: %s", w->n, w->n ? w->v[0].msg : "");
		CHECK(w->n && strstr(w->v[0].file, "/pages/20-call.lua") && w->v[0].line == 3);
	}
	done(dir, c, &probs);
}

/* French typography is a content rule: each French text keeps its no-break
 * spaces before ? ! ; : and inside « », and the ’ apostrophe; 9:00 and
 * https:// are not punctuation. */
static void test_french(void)
{
	static const struct {
		const char *fr, *problem;
	} cases[] = {
		{ "Bonjour\u202f! Ça va\u00a0? Oui\u202f; à 9:00, sur https://x.fr, l’accueil.", NULL },
		{ "«\u202foui\u202f» (note\u202f: rien)", NULL },
		{ "Bonjour !", "the space before this mark must be a no-break space" },
		{ "Ça va?", "put a no-break space (U+202F or U+00A0) before ? ! ; and :" },
		{ "Note: rien", "put a no-break space (U+202F or U+00A0) before ? ! ; and :" },
		{ "Prévenez l'accueil", "use the French apostrophe" },
		{ "« oui\u202f»", "put a no-break space after «" },
		{ "«\u202foui »", "put a no-break space before »" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char tmpl[] = "/tmp/mk-fr-XXXXXX", page[512];
		char *dir = mk_strdup(mkdtemp(tmpl));
		content_problems probs = { 0 };
		content *c = NULL;
		put_s(dir, "manifest.lua", "manifest { title = { en = \"T\", fr = \"T\" }, version = \"1\",\n"
		      "  languages = { \"en\", \"fr\" }, start = \"home\" }\n");
		put_s(dir, "strings.lua", "strings { en = { back = \"Back\" }, fr = { back = \"Retour\" } }\n");
		snprintf(page, sizeof page, "page \"home\" {\n  title = { en = \"Home\", fr = \"Accueil\" },\n"
			 "  paragraph { en = \"x\", fr = \"%s\" },\n}\n", cases[i].fr);
		put_s(dir, "pages/home.lua", page);
		int rc = content_load(&c, dir, NULL, &probs);
		if (!cases[i].problem) {
			CHECK_MSG(rc == 0, "[%s] refused", cases[i].fr);
			content_problems_print(&probs, stderr);
		} else {
			CHECK_MSG(rc == MK_ECONTENT, "[%s] loaded", cases[i].fr);
			EXPECT_PROBLEM(&probs, "/pages/home.lua", 3, cases[i].problem);
		}
		done(dir, c, &probs);
	}
}

/* manifest reviewed_by / reviewed_on / next_review: shown through
 * {reviewed_by} ...; a due date passed is a warning, a malformed date a
 * problem. */
static void test_review(void)
{
	static const struct {
		const char *fields, *warning, *problem;
	} cases[] = {
		{ "reviewed_by = \"Dr A\", reviewed_on = \"2026-12-01\", next_review = \"2099-01-01\",", NULL, NULL },
		{ "reviewed_by = \"Dr A\", reviewed_on = \"2019-01-01\", next_review = \"2020-01-01\",",
		  "warning: the medical content was due for review on 2020-01-01", NULL },
		{ "next_review = \"2027-13-01\",", NULL, "manifest next_review must be a date like 2027-06-30" },
		{ "reviewed_on = \"soon\",", NULL, "manifest reviewed_on must be a date like" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char tmpl[] = "/tmp/mk-rv-XXXXXX", man[512];
		char *dir = mk_strdup(mkdtemp(tmpl));
		content_problems probs = { 0 };
		content *c = NULL;
		snprintf(man, sizeof man, "manifest { title = { en = \"T\", ar = \"ت\" }, version = \"1\",\n"
			 "  languages = { \"en\", \"ar\" }, start = \"home\",\n  %s }\n", cases[i].fields);
		put_s(dir, "manifest.lua", man);
		copy_in(dir, "strings.lua");
		put_s(dir, "pages/home.lua", "page \"home\" { title = { en = \"H\", ar = \"ر\" },\n"
		      "  paragraph { en = \"By {reviewed_by}, due {next_review}.\", ar = \"{reviewed_by}\" } }\n");
		int rc = content_load(&c, dir, NULL, &probs);
		if (cases[i].problem) {
			CHECK_MSG(rc == MK_ECONTENT, "[%s] loaded", cases[i].fields);
			EXPECT_PROBLEM(&probs, "/manifest.lua", 1, cases[i].problem);
		} else {
			CHECK_MSG(rc == 0, "[%s] refused", cases[i].fields);
		}
		if (!cases[i].problem && c) {
			const content_problems *w = content_warnings(c);
			const content_model *m = content_model_of(c);
			CHECK(!strncmp(m->pages[0].blocks[0].text.s[0], "By Dr A, due 20", 15));
			if (cases[i].warning)
				CHECK_MSG(w->n == 1 && strstr(w->v[0].msg, cases[i].warning), "%d: %s", w->n,
					  w->n ? w->v[0].msg : "");
			else
				CHECK_MSG(w->n == 0, "%d warnings", w->n);
		}
		done(dir, c, &probs);
	}
}

/* A lowest score of 0 means "answered at all": unanswered (-1) never is. */
static void test_min_zero(void)
{
	char src[2048];
	snprintf(src, sizeof src, "%s" ITEM("q")
		 "item \"r\" { scale = \"yesno\", text = { en = \"Q\", ar = \"س\" },\n"
		 "  short = { en = \"S\", ar = \"ق\" }, show_if = { q = 0 } }\n"
		 "red_flag \"any\" { level = \"call\", title = { en = \"T\", ar = \"ت\" },\n"
		 "  message = { en = \"M\", ar = \"م\" }, when = { q = 0 } }\n", header);
	content_problems probs = { 0 };
	content *c = NULL;
	char *dir = make_folder(src);
	CHECK(content_load(&c, dir, NULL, &probs) == 0);
	content_problems_print(&probs, stderr);
	if (c) {
		const content_questionnaire *q = &content_model_of(c)->q;
		int s[2] = { -1, -1 };
		CHECK(content_flag_match(q, s) == -1);
		CHECK(content_item_applies(q, 1, 0, s) == 0);
		s[0] = 0;
		CHECK(content_flag_match(q, s) == 0);
		CHECK(content_item_applies(q, 1, 0, s) == 1);
	}
	done(dir, c, &probs);
}

/* The standard wording is checked in English; without English it is not. */
static void test_wording(void)
{
	static const char no_en[] =
		"manifest { title = { fr = \"G\", ar = \"د\" }, version = \"1\",\n"
		"  languages = { \"fr\", \"ar\" }, start = \"home\" }\n";
	static const char q[] =
		"questionnaire { title = { fr = \"T\", ar = \"ت\" }, recall = { fr = \"R\", ar = \"ر\" },\n"
		"  areas = { thighs = { fr = \"a\", ar = \"ب\" }, buttocks = { fr = \"a\", ar = \"ب\" },\n"
		"    abdomen = { fr = \"a\", ar = \"ب\" }, arms = { fr = \"a\", ar = \"ب\" },\n"
		"    other = { fr = \"a\", ar = \"ب\" } } }\n"
		"scale \"yesno\" { { fr = \"Non\", ar = \"لا\" }, { fr = \"Oui\", ar = \"نعم\" } }\n"
		"item \"q\" { scale = \"yesno\", text = { fr = \"Q\", ar = \"س\" }, short = { fr = \"S\", ar = \"ق\" } }\n";
	content_problems probs = { 0 };
	content *c = NULL;
	char *dir = make_folder(q);
	put_s(dir, "manifest.lua", no_en);
	put_s(dir, "strings.lua", "strings { fr = { back = \"Retour\" }, ar = { back = \"رجوع\" } }\n");
	put_s(dir, "pages/10-home.lua", "page \"home\" { title = { fr = \"A\", ar = \"أ\" } }\n");
	CHECK(content_load(&c, dir, NULL, &probs) == 0);
	content_problems_print(&probs, stderr);
	CHECK(c && content_model_of(c)->q.n_items == 1);
	done(dir, c, &probs);
	/* with English, every standard scale is held to its words */
	char src[2048];
	snprintf(src, sizeof src, "%s" ITEM("q") "\nscale \"frequency\" { { en = \"Never\", ar = \"أ\" },"
		 " { en = \"Rarely\", ar = \"ن\" }, { en = \"Sometimes\", ar = \"أ\" },"
		 " { en = \"Frequently\", ar = \"ك\" }, { en = \"Almost constantly\", ar = \"د\" } }\n",
		 header);
	expect_problem(src, 10, "option 3 in English must be \"Occasionally\", not \"Sometimes\"");
	snprintf(src, sizeof src, "%s" ITEM("q") "\nscale \"interference\" { { en = \"Not at all\", ar = \"أ\" },"
		 " { en = \"A little bit\", ar = \"ن\" }, { en = \"Somewhat\", ar = \"أ\" },"
		 " { en = \"Quite a bit\", ar = \"ك\" } }\n", header);
	expect_problem(src, 10, "scale 'interference' is a standard PRO-CTCAE scale: it needs 5 options, not 4");
	snprintf(src, sizeof src, "%s" ITEM("q") "\nscale \"yn\" { { en = \"Yes\", ar = \"نعم\" } }\n"
		 "scale \"yesno\" { { en = \"Yes\", ar = \"نعم\" }, { en = \"No\", ar = \"لا\" } }\n", header);
	expect_problem(src, 10, "scale 'yn' needs 2 to 5 options, not 1");
	expect_problem(src, 11, "scale 'yesno' is already defined at");
}

/* ---- The shipped questionnaire (assets/content/questionnaire.lua). */

static const char *const shipped_items[] = {
	"breathing_now", "unwell_now", "pregnant", "thinners", "breathing", "pain", "duration",
	"swelling", "bruising", "itching", "burning", "rash", "lumps", "lumps_leak", "skin_death",
	"darkening", "pus", "worsening", "fever",
};
#define N_SHIPPED (int)(sizeof shipped_items / sizeof shipped_items[0])

/* The call page's two boxes and the questionnaire agree: every sign names a
 * red flag at the level of its box, both boxes are there, and every
 * emergency flag is listed in the emergency box. */
static void check_shipped_signs(const content_model *m)
{
	const content_questionnaire *q = &m->q;
	int page = content_page_index(m, "call-clinic"), boxes[3] = { 0 };
	int listed[CONTENT_QUESTIONNAIRE_MAX_ITEMS * 2] = { 0 };
	CHECK(page >= 0);
	if (page < 0)
		return;
	for (int i = 0; i < m->pages[page].n_blocks; i++) {
		const content_block *b = &m->pages[page].blocks[i];
		if (b->kind != CONTENT_LIST || !b->sign_level)
			continue;
		boxes[b->sign_level]++;
		for (int k = 0; k < b->n_items; k++) {
			int r = -1;
			for (int j = 0; j < q->n_rules; j++)
				if (!strcmp(q->rules[j].id, b->signs[k]))
					r = j;
			CHECK_MSG(r >= 0, "sign '%s' has no red flag", b->signs[k]);
			if (r < 0)
				continue;
			CHECK_MSG(q->rules[r].level == b->sign_level, "sign '%s' is in the wrong box", b->signs[k]);
			listed[r] = 1;
		}
	}
	CHECK(boxes[CONTENT_FLAG_EMERGENCY] == 1 && boxes[CONTENT_FLAG_CALL] == 1);
	for (int j = 0; j < q->n_rules; j++)
		if (q->rules[j].level == CONTENT_FLAG_EMERGENCY)
			CHECK_MSG(listed[j], "emergency flag '%s' is not on the call page", q->rules[j].id);
}

/* The clinical review's red flags: id, level, and the answers that raise
 * it (all of `all`; one of `any`). */
static const struct {
	const char *id;
	int level;
	const char *all[3];
	int all_min[3];
	const char *any[3];
} shipped_rules[] = {
	{ "breathing-now", CONTENT_FLAG_EMERGENCY, { "breathing_now" }, { 4 }, { NULL } },
	{ "unwell-now", CONTENT_FLAG_EMERGENCY, { "unwell_now" }, { 4 }, { NULL } },
	{ "redness-fever", CONTENT_FLAG_EMERGENCY, { "worsening", "fever" }, { 4, 4 }, { NULL } },
	{ "breathing", CONTENT_FLAG_CALL, { "breathing" }, { 4 }, { NULL } },
	{ "skin-death", CONTENT_FLAG_CALL, { "skin_death" }, { 4 }, { NULL } },
	{ "lumps", CONTENT_FLAG_CALL, { NULL }, { 0 }, { "lumps", "lumps_leak" } },
	{ "pus", CONTENT_FLAG_CALL, { "pus" }, { 4 }, { NULL } },
	{ "fever", CONTENT_FLAG_CALL, { "fever" }, { 4 }, { NULL } },
	{ "worsening", CONTENT_FLAG_CALL, { "worsening" }, { 4 }, { NULL } },
	{ "rash", CONTENT_FLAG_CALL, { "rash" }, { 4 }, { NULL } },
	{ "severe-pain", CONTENT_FLAG_CALL, { "pain" }, { 3 }, { NULL } },
	{ "severe-swelling", CONTENT_FLAG_CALL, { "swelling" }, { 3 }, { NULL } },
	{ "pregnant", CONTENT_FLAG_CALL, { "pregnant" }, { 4 }, { NULL } },
	{ "thinners", CONTENT_FLAG_CALL, { "thinners" }, { 4 }, { NULL } },
};
#define N_RULES (int)(sizeof shipped_rules / sizeof shipped_rules[0])

static const char *scale_of(const content_questionnaire *q, const char *item)
{
	int i = content_item_index(q, item);
	return i >= 0 ? q->scales[q->items[i].scale].id : "";
}

static void check_shipped_items(const content_model *m)
{
	static const char *const custom[] = {
		"breathing_now", "unwell_now", "pregnant", "thinners", "breathing", "duration",
		"burning", "lumps", "lumps_leak", "skin_death", "pus", "worsening", "fever", NULL,
	};
	const content_questionnaire *q = &m->q;
	CHECK_MSG(q->n_items == N_SHIPPED, "%d items", q->n_items);
	for (int i = 0; i < N_SHIPPED && i < q->n_items; i++) {
		const content_item *it = &q->items[i];
		int is_custom = 0;
		for (int k = 0; custom[k]; k++)
			is_custom |= strcmp(custom[k], it->id) == 0;
		CHECK_MSG(strcmp(it->id, shipped_items[i]) == 0, "item %d is %s", i, it->id);
		CHECK_MSG(it->custom == is_custom && it->areas == 0, "item %s", it->id);
		CHECK_MSG(it->line > 0 && strstr(it->file, "/questionnaire.lua"), "%s line", it->id);
		for (int l = 0; l < m->n_langs; l++) {
			CHECK_MSG(it->text.s[l] && it->short_name.s[l], "%s in %s", it->id, m->langs[l]);
			/* one screen at 160%: questions stay short */
			CHECK_MSG(it->text.s[l] && chars(it->text.s[l]) < 140, "%s too long in %s",
				  it->id, m->langs[l]);
		}
	}
	static const char *const severity[] = { "pain", "swelling", "bruising", "itching", "burning", NULL };
	static const char *const yesno[] = {
		"breathing", "rash", "lumps", "darkening", "pus", "worsening", "fever", NULL,
	};
	for (int k = 0; severity[k]; k++)
		CHECK_MSG(strcmp(scale_of(q, severity[k]), "severity") == 0, "%s scale", severity[k]);
	for (int k = 0; yesno[k]; k++)
		CHECK_MSG(strcmp(scale_of(q, yesno[k]), "yesno") == 0, "%s scale", yesno[k]);
	CHECK(strcmp(scale_of(q, "duration"), "duration") == 0);
	int d = content_item_index(q, "duration");
	CHECK(d >= 0 && q->items[d].show_if_item == content_item_index(q, "pain") &&
	      q->items[d].show_if_min == 1);
}

static void check_scale_words(const content_model *m, const char *id, const char *lang,
			      const char *const *words, int n)
{
	const content_questionnaire *q = &m->q;
	int l = content_lang_index(m, lang), s;
	for (s = 0; s < q->n_scales && strcmp(q->scales[s].id, id) != 0; s++)
		;
	CHECK_MSG(s < q->n_scales && l >= 0, "scale %s", id);
	if (s == q->n_scales || l < 0)
		return;
	CHECK_MSG(q->scales[s].n_options == n, "scale %s options", id);
	for (int i = 0; i < n && i < q->scales[s].n_options; i++)
		CHECK_MSG(strcmp(q->scales[s].options[i].s[l], words[i]) == 0, "%s %s option %d: %s",
			  id, lang, i + 1, q->scales[s].options[i].s[l]);
}

static void check_shipped_scales(const content_model *m)
{
	static const char *const sev_en[] = { "None", "Mild", "Moderate", "Severe", "Very severe" };
	static const char *const sev_fr[] = { "Aucune", "Légère", "Modérée", "Sévère", "Très sévère" };
	static const char *const fq_fr[] = {
		"Jamais", "Rarement", "Occasionnellement", "Fréquemment", "Presque constamment",
	};
	static const char *const in_fr[] = { "Pas du tout", "Un peu", "Moyennement", "Beaucoup", "Énormément" };
	static const char *const yn_en[] = { "No", "Yes" };
	check_scale_words(m, "severity", "en", sev_en, 5);
	check_scale_words(m, "severity", "fr", sev_fr, 5);
	check_scale_words(m, "frequency", "fr", fq_fr, 5);
	check_scale_words(m, "interference", "fr", in_fr, 5);
	check_scale_words(m, "yesno", "en", yn_en, 2);
}

/* Each rule fires on its own answers (every `all` answer, or any one of its
 * `any` answers) and not when one of them is lower. */
static void check_shipped_rules(const content_questionnaire *q)
{
	int s[CONTENT_QUESTIONNAIRE_MAX_ITEMS];
	CHECK_MSG(q->n_rules == N_RULES, "%d rules", q->n_rules);
	for (int r = 0; r < N_RULES && r < q->n_rules; r++) {
		const content_rule *rule = &q->rules[r];
		int n_all = 0;
		CHECK_MSG(strcmp(rule->id, shipped_rules[r].id) == 0 && rule->level == shipped_rules[r].level,
			  "rule %d is %s", r, rule->id);
		fill(s, q->n_items, 0);
		for (int k = 0; k < 3 && shipped_rules[r].all[k]; k++, n_all++)
			s[content_item_index(q, shipped_rules[r].all[k])] = shipped_rules[r].all_min[k];
		CHECK_MSG(rule->n_all == n_all, "rule %s has %d conditions", rule->id, rule->n_all);
		if (n_all) {
			CHECK_MSG(content_flag_match(q, s) == r, "rule %s does not fire", rule->id);
			for (int k = 0; k < n_all; k++) { /* each one lower: not this rule */
				int i = content_item_index(q, shipped_rules[r].all[k]);
				int keep = s[i];
				s[i] = keep == 4 ? 0 : keep - 1;
				CHECK_MSG(content_flag_match(q, s) != r, "rule %s fires without %s", rule->id,
					  shipped_rules[r].all[k]);
				s[i] = keep;
			}
		}
		for (int k = 0; k < 3 && shipped_rules[r].any[k]; k++) {
			int i = content_item_index(q, shipped_rules[r].any[k]);
			fill(s, q->n_items, 0);
			s[i] = 4;
			CHECK_MSG(content_flag_match(q, s) == r, "rule %s does not fire on %s alone", rule->id,
				  shipped_rules[r].any[k]);
		}
		for (int l = 0; l < 3; l++)
			CHECK_MSG(rule->title.s[l] && rule->message.s[l], "rule %s texts", rule->id);
	}
	fill(s, q->n_items, 0);
	CHECK(content_flag_match(q, s) == -1);
	fill(s, q->n_items, -1);
	CHECK(content_flag_match(q, s) == -1);
	/* everything at once: the first emergency, though calls hold too */
	fill(s, q->n_items, 4);
	CHECK(content_flag_match(q, s) == 0 && q->rules[0].level == CONTENT_FLAG_EMERGENCY);
	CHECK(strstr(q->rules[0].message.s[0], "call emergency services") != NULL);
}

static void test_shipped(void)
{
	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, MK_SHIPPED_CONTENT, NULL, &probs) == 0);
	content_problems_print(&probs, stderr);
	if (!c)
		return;
	const content_model *m = content_model_of(c);
	const content_questionnaire *q = &m->q;
	CHECK(q->present == 1 && m->n_langs == 3);
	CHECK(ends_with(q->body_image, "/images/body-outline.svg"));
	CHECK(strcmp(q->recall.s[0], "Since your last session") == 0);
	for (int a = 0; a < CONTENT_AREA_COUNT; a++)
		for (int l = 0; l < m->n_langs; l++)
			CHECK(q->area_names[a].s[l] != NULL);
	check_shipped_items(m);
	check_shipped_scales(m);
	check_shipped_rules(q);
	check_shipped_signs(m);
	/* the whole questionnaire is asked whatever areas are marked */
	int s[CONTENT_QUESTIONNAIRE_MAX_ITEMS];
	fill(s, q->n_items, 0);
	int d = content_item_index(q, "duration"), lk = content_item_index(q, "lumps_leak");
	for (int i = 0; i < q->n_items; i++)
		CHECK(content_item_applies(q, i, 1u << CONTENT_AREA_ARMS, s) == (i != d && i != lk));
	s[content_item_index(q, "pain")] = 1;
	CHECK(content_item_applies(q, d, 1u << CONTENT_AREA_ARMS, s) == 1);
	CHECK(content_item_applies(q, lk, 1u << CONTENT_AREA_ARMS, s) == 0);
	s[content_item_index(q, "lumps")] = 4; /* a lump: is it growing or leaking? */
	CHECK(content_item_applies(q, lk, 1u << CONTENT_AREA_ARMS, s) == 1);
	done(NULL, c, &probs);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	mk_log_set_level(MK_LOG_ERROR);
	test_any();
	test_signs();
	test_vars();
	test_french();
	test_review();
	test_good();
	test_flags();
	test_applies();
	test_absent();
	test_bad_fixture();
	test_file_mistakes();
	test_item_mistakes();
	test_min_zero();
	test_wording();
	test_shipped();
	return check_done();
}
