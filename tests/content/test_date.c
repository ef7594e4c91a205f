/* SPDX-License-Identifier: MIT */
/*
 * Dates as each language writes them (content_date), with the shipped
 * content's own month names: what a patient reads on My course, their
 * progress and their photos (briefly under a thumbnail), and staff on
 * "Sending to the clinic". Before,
 * every language read 06/12/2026. Content without month names keeps the
 * digits, and a short buffer is cut at a character, never inside one.
 */
#include "content_test.h"

static const content_model *shipped(content **c)
{
	content_problems probs = { 0 };
	CHECK(content_load(c, MK_SHIPPED_CONTENT, NULL, &probs) == 0);
	content_problems_print(&probs, stderr);
	content_problems_clear(&probs);
	return *c ? content_model_of(*c) : NULL;
}

static void expect_at(const content_model *m, const char *lang, int brief, int y, int mo, int d,
		      const char *want)
{
	char out[CONTENT_DATE_MAX];
	int l = content_lang_index(m, lang);
	CHECK_MSG(l >= 0, "no language %s", lang);
	CHECK(content_date(m, l, y, mo, d, brief, out, sizeof out) == 0);
	CHECK_MSG(!strcmp(out, want), "%s: '%s', want '%s'", lang, out, want);
}

static void expect_date(const content_model *m, const char *lang, int y, int mo, int d, const char *want)
{
	expect_at(m, lang, 0, y, mo, d, want);
}

/* Under a photo's thumbnail, where room is short. */
static void expect_brief(const content_model *m, const char *lang, int y, int mo, int d, const char *want)
{
	expect_at(m, lang, 1, y, mo, d, want);
}

static void test_en(const content_model *m)
{
	expect_date(m, "en", 2026, 12, 6, "6 December 2026");
	expect_date(m, "en", 2027, 1, 1, "1 January 2027");
	expect_date(m, "en", 2027, 5, 31, "31 May 2027");
	expect_brief(m, "en", 2026, 12, 6, "6 Dec 2026");
	expect_brief(m, "en", 2027, 9, 1, "1 Sep 2027");
}

static void test_fr(const content_model *m)
{
	expect_date(m, "fr", 2026, 12, 6, "6 décembre 2026");
	expect_date(m, "fr", 2027, 1, 1, "1er janvier 2027"); /* the first of a month */
	expect_date(m, "fr", 2027, 8, 15, "15 août 2027");
	expect_brief(m, "fr", 2026, 12, 6, "6 déc. 2026");
	expect_brief(m, "fr", 2027, 5, 1, "1er mai 2027");
}

/* Arabic month names, with the Western digits the content writes every
 * other number in ("8 من 8 أحرف"). */
static void test_ar(const content_model *m)
{
	expect_date(m, "ar", 2026, 12, 6, "6 ديسمبر 2026");
	expect_date(m, "ar", 2027, 1, 1, "1 يناير 2027");
	expect_date(m, "ar", 2027, 9, 20, "20 سبتمبر 2027");
	expect_brief(m, "ar", 2026, 12, 6, "6 ديسمبر 2026"); /* its names are short already */
}

/* Content written before the month names: the date still shows, as digits. */
static void test_no_names(void)
{
	content_problems probs = { 0 };
	content *c = NULL;
	char out[CONTENT_DATE_MAX];
	CHECK(content_load(&c, MK_FIXTURES "/good", NULL, &probs) == 0);
	content_problems_clear(&probs);
	if (!c)
		return;
	CHECK(content_date(content_model_of(c), 0, 2026, 12, 6, 1, out, sizeof out) == 0);
	CHECK_MSG(!strcmp(out, "06/12/2026"), "'%s'", out);
	content_free(c);
}

static void test_limits(const content_model *m)
{
	char out[CONTENT_DATE_MAX], small[9];
	int ar = content_lang_index(m, "ar");
	CHECK(content_date(m, 0, 2026, 13, 1, 0, out, sizeof out) == MK_EINVAL);
	CHECK(content_date(m, 0, 2026, 0, 1, 0, out, sizeof out) == MK_EINVAL);
	CHECK(content_date(m, 0, 2026, 1, 0, 0, out, sizeof out) == MK_EINVAL);
	/* "6 ديسمبر": two-byte letters, cut between them. */
	CHECK(content_date(m, ar, 2026, 12, 6, 0, small, sizeof small) == 0);
	CHECK_MSG(strlen(small) < sizeof small && !strncmp(small, "6 \xd8\xaf\xd9\x8a\xd8\xb3", 8) &&
		  mk_utf8_valid(small, strlen(small)), "'%s'", small);
}

int main(void)
{
	content *c = NULL;
	const content_model *m = shipped(&c);
	if (m) {
		test_en(m);
		test_fr(m);
		test_ar(m);
		test_limits(m);
	}
	test_no_names();
	content_free(c);
	return check_done();
}
