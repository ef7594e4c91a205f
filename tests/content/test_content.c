/* SPDX-License-Identifier: MIT */
/*
 * Tests for the content engine: the good fixture becomes the right model,
 * callbacks ask for the right page, every way out of the sandbox fails
 * with a plain `file:line: message` (and the next load still works), and
 * each kind of staff mistake is reported at the right file and line.
 *
 * Sandbox cases are written to a temporary folder next to a copy of the
 * good manifest, strings and image, so each case is one small page file.
 */
#include "content_test.h"
#include <ftw.h>
#include <lauxlib.h>
#include <lua.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GOOD MK_FIXTURES "/good"
#define BAD MK_FIXTURES "/bad"

static const content_limits fast = { .mem_limit = 8u << 20, .load_ms = 50, .callback_ms = 20 };
static const content_limits roomy = { .mem_limit = 8u << 20, .load_ms = 5000, .callback_ms = 20 };

/* ---- Helpers. */

static void rm_in(const char *dir, const char *rel)
{
	char *p = mk_path_join(dir, rel);
	unlink(p);
	free(p);
}

static void copy_in(const char *dir, const char *rel)
{
	char *src = mk_path_join(GOOD, rel), *buf;
	size_t len;
	CHECK(mk_read_file(src, &buf, &len) == 0);
	put(dir, rel, buf, len);
	free(buf);
	free(src);
}

/* A temp content folder: the good manifest, strings and image, plus
 * pages/a.lua holding `page_src` (and the good pages unless bare). */
static char *make_content(const char *page_src, int with_good_pages)
{
	char tmpl[] = "/tmp/mk-content-XXXXXX";
	char *dir = mk_strdup(mkdtemp(tmpl));
	copy_in(dir, "manifest.lua");
	copy_in(dir, "strings.lua");
	copy_in(dir, "images/needle.svg");
	if (with_good_pages) {
		copy_in(dir, "pages/10-home.lua");
		copy_in(dir, "pages/20-more.lua");
	}
	if (page_src)
		put(dir, "pages/a.lua", page_src, strlen(page_src));
	return dir;
}

static void good_load_still_works(void)
{
	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, GOOD, NULL, &probs) == 0);
	CHECK(c && content_model_of(c)->n_pages == 3);
	if (probs.n)
		content_problems_print(&probs, stderr);
	content_free(c);
	content_problems_clear(&probs);
}

/* Loads page_src as pages/a.lua; expects failure with a problem at
 * pages/a.lua:line containing text, within max_ms. */
static void expect_load_problem_lim(const char *page_src, int line, const char *text, double max_ms,
				    const content_limits *lim)
{
	char *dir = make_content(page_src, 1);
	content_problems probs = { 0 };
	content *c = NULL;
	uint64_t t0 = mk_mono_ns();
	int rc = content_load(&c, dir, lim, &probs);
	double ms = (double)(mk_mono_ns() - t0) / 1e6;
	CHECK_MSG(rc == MK_ECONTENT && c == NULL, "load of [%s] gave %d", page_src, rc);
	EXPECT_PROBLEM(&probs, "/pages/a.lua", line, text);
	CHECK_MSG(ms < max_ms, "[%s] took %.1f ms", page_src, ms);
	content_free(c);
	content_problems_clear(&probs);
	rm_rf(dir);
	free(dir);
	good_load_still_works();
}

static void expect_load_problem(const char *page_src, int line, const char *text, double max_ms)
{
	expect_load_problem_lim(page_src, line, text, max_ms, &fast);
}

/* ---- The good fixture and its model. */

static const content_page *page(const content_model *m, const char *id)
{
	int i = content_page_index(m, id);
	CHECK_MSG(i >= 0, "page %s", id);
	return i >= 0 ? &m->pages[i] : NULL;
}

static void check_manifest(const content_model *m)
{
	CHECK(m->n_langs == 2);
	CHECK(strcmp(m->langs[0], "en") == 0 && strcmp(m->langs[1], "ar") == 0);
	CHECK(m->rtl[0] == 0 && m->rtl[1] == 1);
	CHECK(strcmp(m->lang_names[1], "العربية") == 0);
	CHECK(strcmp(m->version, "2026-11-22") == 0);
	CHECK(strcmp(m->start, "home") == 0);
	CHECK(strcmp(m->theme, "high-contrast") == 0);
	CHECK(strcmp(m->help_page, "call-clinic") == 0);
	CHECK(strcmp(content_tr(m, &m->title, 1), "دليل الميزوثيرابي") == 0);
	CHECK(content_lang_index(m, "ar") == 1 && content_lang_index(m, "fr") == -1);
	CHECK(strcmp(content_string(m, "still_there", 0), "Are you still there?") == 0);
	CHECK(strcmp(content_string(m, "back", 1), "رجوع") == 0);
	CHECK(strcmp(content_string(m, "nope", 1), "nope") == 0);
	CHECK(m->n_strings == 3);
	content_text half = { { "only english", NULL } };
	CHECK(strcmp(content_tr(m, &half, 1), "only english") == 0);
}

static void check_home(const content_page *p)
{
	static const int kinds[] = {
		CONTENT_HEADING, CONTENT_HEADING, CONTENT_PARAGRAPH, CONTENT_LIST, CONTENT_IMAGE,
		CONTENT_CALLOUT, CONTENT_BUTTON, CONTENT_BUTTON, CONTENT_COLUMNS, CONTENT_QUIZ,
	};
	static const int lines[] = { 7, 8, 9, 13, 14, 16, 18, 19, 20, 24 };
	CHECK(p->line == 4 && strstr(p->file, "/pages/10-home.lua"));
	CHECK(strcmp(p->title.s[1], "أهلا") == 0);
	CHECK(p->on_show > 0);
	CHECK(p->n_blocks == 10);
	for (int i = 0; i < p->n_blocks && i < 10; i++) {
		CHECK_MSG(p->blocks[i].kind == (content_kind)kinds[i], "block %d kind", i);
		CHECK_MSG(p->blocks[i].line == lines[i], "block %d line %d", i, p->blocks[i].line);
		CHECK(p->blocks[i].file == p->file || strcmp(p->blocks[i].file, p->file) == 0);
	}
	if (p->n_blocks != 10)
		return;
	const content_block *b = p->blocks;
	CHECK(b[0].level == 1 && b[1].level == 2 && strcmp(b[1].text.s[0], "In short") == 0);
	CHECK(strcmp(b[2].text.s[1], "حقن صغيرة في الجلد.") == 0);
	CHECK(b[3].n_items == 2 && strcmp(b[3].items[1].s[1], "اثنان") == 0);
	CHECK(b[4].image && b[4].image[0] == '/' && strstr(b[4].image, "/images/needle.svg"));
	CHECK(strcmp(b[4].alt.s[0], "A fine needle") == 0 && strcmp(b[4].caption.s[1], "الإبرة") == 0);
	CHECK(b[5].style == CONTENT_CALLOUT_WARNING && strcmp(b[5].title.s[0], "Note") == 0);
	CHECK(strcmp(b[5].text.s[0], "Results vary.") == 0);
	CHECK(strcmp(b[6].target, "what-is") == 0 && b[6].style == 1 && b[6].on_tap == 0);
	CHECK(b[7].target == NULL && b[7].on_tap > 0 && b[7].style == 0);
	CHECK(b[8].n_col[0] == 2 && b[8].n_col[1] == 1);
	CHECK(b[8].col[0][0].kind == CONTENT_PARAGRAPH && b[8].col[0][0].line == 21);
	CHECK(b[8].col[1][0].kind == CONTENT_IMAGE && b[8].col[1][0].line == 22);
	CHECK(b[8].col[1][0].caption.s[0] == NULL);
	CHECK(b[9].n_choices == 2 && !b[9].choices[0].correct && b[9].choices[1].correct);
	CHECK(strcmp(b[9].choices[1].feedback.s[1], "نعم.") == 0);
}

static void test_good(void)
{
	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, GOOD, NULL, &probs) == 0);
	CHECK(probs.n == 0);
	if (!c) {
		content_problems_print(&probs, stderr);
		return;
	}
	const content_model *m = content_model_of(c);
	check_manifest(m);
	CHECK(m->n_pages == 3);
	const content_page *home = page(m, "home");
	if (home)
		check_home(home);
	CHECK(content_mem_used(c) > 0 && content_mem_used(c) < (32u << 20));
	content_free(c);
	content_problems_clear(&probs);
}

/* ---- Callbacks. */

static void test_callbacks(void)
{
	content_problems probs = { 0 };
	content *c = NULL;
	content_action act;
	CHECK(content_load(&c, GOOD, NULL, &probs) == 0);
	if (!c)
		return;
	const content_model *m = content_model_of(c);
	const content_page *home = page(m, "home"), *what = page(m, "what-is");
	CHECK(content_call(c, home->blocks[7].on_tap, "home", 0, &act) == 0);
	CHECK(strcmp(act.go, "call-clinic") == 0);
	CHECK(content_call(c, home->on_show, "home", 0, &act) == 0 && act.go[0] == 0);
	CHECK(content_call(c, what->blocks[1].on_tap, "what-is", 1, &act) == 0);
	CHECK(strcmp(act.go, "what-is") == 0);
	CHECK(content_call(c, what->blocks[1].on_tap, "what-is", 0, &act) == 0);
	CHECK(strcmp(act.go, "home") == 0);
	/* kiosk.go to a page computed at run time that does not exist */
	int rc = content_call(c, what->blocks[2].on_tap, "what-is", 0, &act);
	CHECK(rc < 0 && act.go[0] == 0);
	CHECK_MSG(strstr(mk_err_msg(), "20-more.lua:6: kiosk.go: there is no page 'no-where'"),
		  "%s", mk_err_msg());
	CHECK(content_call(c, 9999, "home", 0, &act) == MK_EINVAL);
	content_free(c);
	content_problems_clear(&probs);
}

/* A callback that never ends is stopped within its budget; the content
 * still works afterwards. */
static void callback_budget(const char *body, int line)
{
	char src[600];
	snprintf(src, sizeof src,
		 "page \"a\" {\n"
		 "  title = { en = \"A\", ar = \"A\" },\n"
		 "  button { label = { en = \"x\", ar = \"y\" }, on_tap = function(kiosk)\n"
		 "%s\n"
		 "  end },\n"
		 "  button { label = { en = \"x\", ar = \"y\" }, on_tap = function(kiosk) kiosk.go(\"a\") end },\n"
		 "}\n", body);
	char *dir = make_content(src, 1);
	content_problems probs = { 0 };
	content *c = NULL;
	content_action act;
	CHECK(content_load(&c, dir, &fast, &probs) == 0);
	if (probs.n)
		content_problems_print(&probs, stderr);
	if (c) {
		const content_model *m = content_model_of(c);
		const content_page *p = &m->pages[content_page_index(m, "a")];
		uint64_t t0 = mk_mono_ns();
		int rc = content_call(c, p->blocks[0].on_tap, "a", 0, &act);
		double ms = (double)(mk_mono_ns() - t0) / 1e6;
		char want[64];
		snprintf(want, sizeof want, "/pages/a.lua:%d: content took too long", line);
		CHECK_MSG(rc == MK_ELIMIT && strstr(mk_err_msg(), want), "rc %d: %s", rc, mk_err_msg());
		CHECK_MSG(ms < 500, "callback took %.1f ms", ms);
		CHECK(content_call(c, p->blocks[1].on_tap, "a", 0, &act) == 0 && strcmp(act.go, "a") == 0);
	}
	content_free(c);
	content_problems_clear(&probs);
	rm_rf(dir);
	free(dir);
}

/* ---- Sandbox. */

static int dump_writer(lua_State *L, const void *p, size_t n, void *ud)
{
	(void)L;
	return fwrite(p, 1, n, ud) == n ? 0 : 1;
}

static void test_bytecode(void)
{
	lua_State *L = luaL_newstate();
	char *dir = make_content(NULL, 1);
	char *path = mk_path_join(dir, "pages/a.lua");
	FILE *f = fopen(path, "wb");
	CHECK(luaL_loadstring(L, "page 'a' { title = { en = 'x', ar = 'y' } }") == LUA_OK);
	CHECK(f && lua_dump(L, dump_writer, f, 0) == 0);
	fclose(f);
	free(path);
	lua_close(L);

	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, dir, NULL, &probs) == MK_ECONTENT && !c);
	EXPECT_PROBLEM(&probs, "/pages/a.lua", 0, "binary chunks are not allowed");
	content_problems_clear(&probs);
	rm_rf(dir);
	free(dir);
}

static void test_escapes(void)
{
	expect_load_problem("local f = io.open('/etc/passwd')", 1, "'io' is not available in kiosk content", 500);
	expect_load_problem("\nos.execute('touch /tmp/mk-pwned')", 2, "'os' is not available", 500);
	expect_load_problem("require('socket')", 1, "'require' is not available", 500);
	expect_load_problem("local f = load('return 1')", 1, "'load' is not available", 500);
	expect_load_problem("dofile('/etc/passwd')", 1, "'dofile' is not available", 500);
	expect_load_problem("loadfile('/etc/passwd')", 1, "'loadfile' is not available", 500);
	expect_load_problem("local x = 1\nlocal i = debug.getinfo(1)", 2, "'debug' is not available", 500);
	expect_load_problem("local d = string.dump(print)", 1, "'string.dump' is not available", 500);
	expect_load_problem("local d = ('x').dump", 1, "'string.dump' is not available", 500);
	expect_load_problem("collectgarbage('stop')", 1, "'collectgarbage' is not available", 500);
	expect_load_problem("rawset(string, 'rep', nil)", 1, "'rawset' is not available", 500);
	expect_load_problem("string.rep = nil", 1, "'string' cannot be changed", 500);
	expect_load_problem("table.insert = print", 1, "'table' cannot be changed", 500);
	expect_load_problem("getmetatable('').__index = {}", 1, "attempt to index a boolean", 500);
	expect_load_problem("setmetatable({}, { __gc = function() end })", 1,
			    "__gc are not allowed", 500);
	expect_load_problem("local mt = {}\nsetmetatable(mt, { __metatable = 1 })\nsetmetatable(mt, {})",
			    3, "protected metatable", 500);
	/* what stays allowed behaves, and library changes do not leak */
	char *dir = make_content("assert(type(getmetatable('')) ~= 'table')\n"
				 "assert(('x'):rep(3) == 'xxx' and string.format('%d', 7) == '7')\n"
				 "assert(math.random(1, 1000) == math.random(1, 1000) or true)\n"
				 "print('nothing')\n"
				 "local t = setmetatable({}, { __index = function() return 1 end })\n"
				 "assert(t.x == 1 and unpack({ 1, 2 }) == 1)\n"
				 "assert(select('#', pcall(error, 'x')) == 2)\n", 1);
	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, dir, NULL, &probs) == 0);
	content_problems_print(&probs, stderr);
	content_free(c);
	content_problems_clear(&probs);
	rm_rf(dir);
	free(dir);
	test_bytecode();
}

static void test_random_reproducible(void)
{
	const char *src = "page 'a' { title = { en = tostring(math.random(1, 1e9)), ar = 'x' } }";
	char *dir = make_content(src, 1);
	content_problems probs = { 0 };
	content *c1 = NULL, *c2 = NULL;
	CHECK(content_load(&c1, dir, NULL, &probs) == 0);
	content_problems_print(&probs, stderr);
	CHECK(content_load(&c2, dir, NULL, &probs) == 0);
	if (c1 && c2) {
		const content_model *m1 = content_model_of(c1), *m2 = content_model_of(c2);
		CHECK(strcmp(m1->pages[content_page_index(m1, "a")].title.s[0],
			     m2->pages[content_page_index(m2, "a")].title.s[0]) == 0);
	}
	content_free(c1);
	content_free(c2);
	content_problems_clear(&probs);
	rm_rf(dir);
	free(dir);
}

static void test_budgets(void)
{
	expect_load_problem_lim("local t = {}\nfor i = 1, 1e9 do\n  t[i] = ('x'):rep(50) .. i\nend",
				3, "too much memory", 5000, &roomy);
	expect_load_problem_lim("\nlocal s = ('x'):rep(1e9)", 2, "too much memory", 500, &roomy);
	expect_load_problem_lim("local t = {}\nwhile true do t[#t + 1] = {} end", 2, "too much memory",
				5000, &roomy);
	expect_load_problem_lim("local ok = pcall(function()\n  local s = ('x'):rep(1e9)\nend)\n"
				"while true do pcall(string.rep, 'x', 1e9) end", 2, "too much memory",
				500, &roomy);
	expect_load_problem("while true do\nend", 1, "took too long", 1000);
	expect_load_problem("while true do\n  pcall(function() while true do end end)\nend", 2,
			    "took too long", 1000);
	expect_load_problem("xpcall(function() while true do end end,\n"
			    "  function() while true do end end)", 1, "took too long", 1000);
	expect_load_problem("local co = coroutine.wrap(function()\n  while true do end\nend)\nco()",
			    2, "took too long", 1000);
	expect_load_problem("local co = coroutine.create(function()\n  while true do end\nend)\n"
			    "while true do coroutine.resume(co) end", 2, "took too long", 1000);
	static const content_limits big = { .mem_limit = 32u << 20, .load_ms = 5000, .callback_ms = 20 };
	expect_load_problem_lim("local function f() return f() + 1 end\nf()", 1, "too much memory",
				5000, &big);
	expect_load_problem("local s = string.rep('a', 30000)\nstring.find(s, '.-.-.-.-.-b')", 2,
			    "pattern is too complex", 500);
	expect_load_problem("local s = string.rep('a', 30000)\nfor w in s:gmatch('(a*)(a*)b') do end", 2,
			    "pattern is too complex", 500);
	expect_load_problem("table.move({}, 1, 1e15, 1)", 1, "range too large", 500);
	expect_load_problem("local t = setmetatable({}, { __len = function() return 1e15 end })\n"
			    "table.insert(t, 1, 'x')", 2, "table is too long", 500);
	callback_budget("while true do end", 4);
	callback_budget("while true do pcall(function() while true do end end) end", 4);
	callback_budget("coroutine.wrap(function() while true do end end)()", 4);
	callback_budget("local co = coroutine.create(function() while true do end end)\n"
			"while true do coroutine.resume(co) end", 4);
	good_load_still_works();
}

/* ---- --check problems. */

static void test_bad_fixture(void)
{
	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, BAD, NULL, &probs) == MK_ECONTENT && !c);
	EXPECT_PROBLEM(&probs, "bad/manifest.lua", 1, "missing 'ar' text in title of manifest");
	EXPECT_PROBLEM(&probs, "bad/manifest.lua", 1, "unknown field 'colour' in manifest");
	EXPECT_PROBLEM(&probs, "bad/manifest.lua", 1, "start links to missing page 'nowhere'");
	EXPECT_PROBLEM(&probs, "bad/strings.lua", 1, "missing 'ar' text for 'home'");
	EXPECT_PROBLEM(&probs, "bad/pages/a.lua", 3, "unknown block 'vidoe'");
	EXPECT_PROBLEM(&probs, "bad/pages/a.lua", 4, "unknown field 'colour' in callout");
	EXPECT_PROBLEM(&probs, "bad/pages/a.lua", 5, "the 'en' text in heading must be text in quotes");
	EXPECT_PROBLEM(&probs, "bad/pages/a.lua", 6, "button links to missing page 'missing'");
	EXPECT_PROBLEM(&probs, "bad/pages/a.lua", 7, "text in language 'fr' in paragraph, but the manifest does not list");
	EXPECT_PROBLEM(&probs, "bad/pages/a.lua", 8, "not valid UTF-8");
	EXPECT_PROBLEM(&probs, "bad/pages/a.lua", 9, "the 'en' text in paragraph is empty");
	EXPECT_PROBLEM(&probs, "bad/pages/a.lua", 10, "image 'images/missing.png' was not found");
	EXPECT_PROBLEM(&probs, "bad/pages/a.lua", 11, "must not use '..'");
	EXPECT_PROBLEM(&probs, "bad/pages/a.lua", 12, "quiz needs 2 to 6 choices");
	EXPECT_PROBLEM(&probs, "bad/pages/a.lua", 14, "columns cannot be inside columns");
	EXPECT_PROBLEM(&probs, "bad/pages/a.lua", 17, "page 'a' is already defined at");
	EXPECT_PROBLEM(&probs, "bad/pages/b.lua", 3, "kiosk.go links to missing page 'gone'");
	EXPECT_PROBLEM(&probs, "bad/pages/b.lua", 4, "missing 'ar' text in list item 1");
	EXPECT_PROBLEM(&probs, "bad/pages/b.lua", 5, "text in language 'de' in title of callout");
	content_problems_print(&probs, stdout);
	content_problems_clear(&probs);
}

static void expect_dir_problem(const char *dir, const char *suffix, int line, const char *text)
{
	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, dir, NULL, &probs) == MK_ECONTENT && !c);
	EXPECT_PROBLEM(&probs, suffix, line, text);
	content_problems_clear(&probs);
}

static void test_files(void)
{
	char *dir = make_content("page 'x' {\n  title = { en = 'x', ar = 'y' },\n"
				 "  paragraph { en = 'x' ar = 'y' },\n}\n", 1);
	put(dir, "pages/b.lua", "local x\nx.y = 1\n", 16);
	put(dir, "pages/c.lua", "error('no position', 0)\n", 24);
	expect_dir_problem(dir, "/pages/a.lua", 3, "Lua syntax error: ");
	expect_dir_problem(dir, "/pages/b.lua", 2, "attempt to index a nil value");
	expect_dir_problem(dir, "/pages/c.lua", 1, "no position");
	rm_in(dir, "pages/a.lua");
	rm_in(dir, "pages/b.lua");
	rm_in(dir, "pages/c.lua");
	/* an image that is a symlink to a file outside the folder */
	char *link = mk_path_join(dir, "images/out.png");
	CHECK(symlink("/etc/hostname", link) == 0);
	free(link);
	const char *d = "page 'd' { title = { en = 'x', ar = 'y' },\n"
			"  image { 'images/out.png', alt = { en = 'x', ar = 'y' } } }\n";
	put(dir, "pages/d.lua", d, strlen(d));
	expect_dir_problem(dir, "/pages/d.lua", 2, "points outside the content folder");
	rm_in(dir, "pages/d.lua");
	rm_in(dir, "manifest.lua");
	expect_dir_problem(dir, "/manifest.lua", 0, "missing file");
	rm_rf(dir);
	free(dir);

	dir = make_content(NULL, 0);
	expect_dir_problem(dir, "/pages", 0, "no pages");
	rm_rf(dir);
	free(dir);
	expect_dir_problem("/nonexistent/content", "/nonexistent/content", 0, "content folder not found");
}

/* Like SQLite's malloc tests: every memory limit from tiny to enough
 * either loads or fails with a problem, and never crashes or leaks. */
static void test_memory_limits(void)
{
	int ok = 0, fail = 0;
	for (size_t lim = 1024; lim < (4u << 20); lim = lim * 9 / 8 + 1024) {
		content_limits l = { .mem_limit = lim, .load_ms = 2000, .callback_ms = 20 };
		content_problems probs = { 0 };
		content *c = NULL;
		int rc = content_load(&c, GOOD, &l, &probs);
		CHECK_MSG(rc == 0 || (rc == MK_ECONTENT && probs.n > 0 && !c), "limit %zu: rc %d", lim, rc);
		ok += rc == 0;
		fail += rc != 0;
		if (c)
			CHECK(content_mem_used(c) <= lim);
		content_free(c);
		content_problems_clear(&probs);
	}
	CHECK(ok > 0 && fail > 0);
}

/* Constructors and kiosk functions refuse to run at the wrong time. */
static void test_wrong_time(void)
{
	char *dir = make_content("page 'a' { title = { en = 'x', ar = 'y' },\n"
				 "  button { label = { en = 'x', ar = 'y' },\n"
				 "    on_tap = function() paragraph { en = 'x', ar = 'y' } end },\n"
				 "  button { label = { en = 'x', ar = 'y' }, on_tap = function() nosuch() end },\n"
				 "}\n", 1);
	content_problems probs = { 0 };
	content *c = NULL;
	content_action act;
	CHECK(content_load(&c, dir, NULL, &probs) == 0);
	if (c) {
		const content_model *m = content_model_of(c);
		const content_page *p = &m->pages[content_page_index(m, "a")];
		CHECK(content_call(c, p->blocks[0].on_tap, "a", 0, &act) == MK_EINVAL);
		CHECK_MSG(strstr(mk_err_msg(), "a.lua:3: 'paragraph' can only be used while content loads"),
			  "%s", mk_err_msg());
		CHECK(content_call(c, p->blocks[1].on_tap, "a", 0, &act) == MK_EINVAL);
		CHECK_MSG(strstr(mk_err_msg(), "a.lua:4: 'nosuch' is not defined"), "%s", mk_err_msg());
	}
	content_free(c);
	content_problems_clear(&probs);
	rm_rf(dir);
	free(dir);
}

static void test_print(void)
{
	content_problems p = { 0 };
	char buf[256] = "";
	content_problems_add(&p, "a/b.lua", 3, "bad %s", "thing");
	content_problems_add(&p, "a/c.lua", 0, "whole file");
	FILE *f = fmemopen(buf, sizeof buf, "w");
	content_problems_print(&p, f);
	fclose(f);
	CHECK(strcmp(buf, "a/b.lua:3: bad thing\na/c.lua: whole file\n") == 0);
	content_problems_clear(&p);
	CHECK(p.n == 0 && p.v == NULL);
}

/* ---- Course plans (courses.lua). */

static const char good_courses[] =
	"-- two plans\n"                                                   /* 1 */
	"course_plan \"thighs-grade2\" {\n"                                /* 2 */
	"  name = { en = \"Thighs, grade 2\", ar = \"الفخذان، الدرجة 2\" },\n"
	"  area = \"thighs\", grade = 2, sessions = 12, interval_days = 7,\n"
	"  note = { en = \"Your clinician adjusts it.\", ar = \"يعدّل طبيبك الخطة.\" },\n"
	"}\n"
	"\n"                                                               /* 7 */
	"course_plan \"arms-grade3\" {\n"                                  /* 8 */
	"  name = { en = \"Arms, grade 3\", ar = \"الذراعان، الدرجة 3\" },\n"
	"  area = \"arms\", grade = 3, sessions = 20.0, interval_days = 30,\n"
	"}\n";

/* Loads `courses` as courses.lua next to the good fixture's files. */
static content *load_courses(const char *courses, content_problems *probs, char **dirp)
{
	char *dir = make_content(NULL, 1);
	content *c = NULL;
	put(dir, "courses.lua", courses, strlen(courses));
	content_load(&c, dir, NULL, probs);
	*dirp = dir;
	return c;
}

static void test_plans_good(void)
{
	content_problems probs = { 0 };
	char *dir;
	content *c = load_courses(good_courses, &probs, &dir);
	CHECK(c != NULL && probs.n == 0);
	content_problems_print(&probs, stderr);
	if (c) {
		const content_model *m = content_model_of(c);
		CHECK(m->n_plans == 2);
		CHECK(m->n_pages == 3); /* the pages still load after courses.lua */
		CHECK(content_plan_index(m, "thighs-grade2") == 0);
		CHECK(content_plan_index(m, "arms-grade3") == 1);
		CHECK(content_plan_index(m, "nope") == -1 && content_plan_index(m, NULL) == -1);
		const content_plan *p = &m->plans[0];
		CHECK(strcmp(p->id, "thighs-grade2") == 0 && p->line == 2);
		CHECK(strstr(p->file, "/courses.lua") != NULL);
		CHECK(p->area == CONTENT_AREA_THIGHS && p->grade == 2);
		CHECK(p->sessions == 12 && p->interval_days == 7);
		CHECK(strcmp(p->name.s[0], "Thighs, grade 2") == 0);
		CHECK(strcmp(p->name.s[1], "الفخذان، الدرجة 2") == 0);
		CHECK(strcmp(p->note.s[1], "يعدّل طبيبك الخطة.") == 0);
		p = &m->plans[1];
		CHECK(p->line == 8 && p->area == CONTENT_AREA_ARMS && p->grade == 3);
		CHECK(p->sessions == 20 && p->interval_days == 30);
		CHECK(p->note.s[0] == NULL && p->note.s[1] == NULL); /* note is optional */
		CHECK(strcmp(content_area_name(p->area), "arms") == 0);
		CHECK(content_area_name(CONTENT_AREA_COUNT) == NULL);
	}
	content_free(c);
	content_problems_clear(&probs);
	rm_rf(dir);
	free(dir);

	/* courses.lua is optional */
	content *g = NULL;
	CHECK(content_load(&g, GOOD, NULL, &probs) == 0);
	CHECK(g && content_model_of(g)->n_plans == 0 && content_model_of(g)->plans == NULL);
	content_free(g);
	content_problems_clear(&probs);
}

/* Loading `src` as courses.lua must fail with a problem at
 * courses.lua:line containing text. */
static void expect_plan_problem(const char *src, int line, const char *text)
{
	content_problems probs = { 0 };
	char *dir;
	content *c = load_courses(src, &probs, &dir);
	CHECK_MSG(c == NULL, "[%s] loaded", src);
	EXPECT_PROBLEM(&probs, "/courses.lua", line, text);
	content_free(c);
	content_problems_clear(&probs);
	rm_rf(dir);
	free(dir);
}

/* One plan at line 2 with `fields` after its name: a problem at line 2. */
static void plan_problem(const char *fields, const char *text)
{
	char src[600];
	snprintf(src, sizeof src,
		 "-- one plan\n"
		 "course_plan \"p\" {\n"
		 "  name = { en = \"P\", ar = \"ب\" },\n"
		 "%s\n"
		 "}\n", fields);
	expect_plan_problem(src, 2, text);
}

#define OK_NUMS "grade = 2, sessions = 12, interval_days = 7,"

static void test_plans_mistakes(void)
{
	plan_problem("  area = \"thighs\", " OK_NUMS " colour = \"red\",",
		     "unknown field 'colour' in course plan 'p'");
	plan_problem("  area = \"legs\", " OK_NUMS,
		     "course plan 'p' area must be \"thighs\", \"buttocks\", \"abdomen\", \"arms\" or \"other\"");
	plan_problem("  " OK_NUMS, "course plan 'p' needs area = \"thighs\"");
	plan_problem("  area = \"arms\", grade = 4, sessions = 12, interval_days = 7,",
		     "course plan 'p' grade must be from 1 to 3, not 4");
	plan_problem("  area = \"arms\", grade = 2, sessions = 0, interval_days = 7,",
		     "course plan 'p' sessions must be from 1 to 40, not 0");
	plan_problem("  area = \"arms\", grade = 2, sessions = 41, interval_days = 7,",
		     "sessions must be from 1 to 40, not 41");
	plan_problem("  area = \"arms\", grade = 2, sessions = 12, interval_days = 6,",
		     "interval_days must be from 7 to 30 days, not 6");
	plan_problem("  area = \"arms\", grade = 2, sessions = 12.5, interval_days = 7,",
		     "sessions must be a whole number, not 12.5");
	plan_problem("  area = \"arms\", grade = \"2\", sessions = 12, interval_days = 7,",
		     "grade must be a number from 1 to 3, not text");
	plan_problem("  area = \"arms\", grade = 2, sessions = 12,",
		     "course plan 'p' needs interval_days = a number from 7 to 30");
	plan_problem("  area = \"arms\", " OK_NUMS " note = { en = \"Note\" },",
		     "missing 'ar' text in note of course plan 'p'");
	plan_problem("  area = \"arms\", " OK_NUMS " note = { en = \"N\", ar = \"ن\", fr = \"N\" },",
		     "text in language 'fr' in note of course plan 'p'");
	expect_plan_problem("-- no name\ncourse_plan \"p\" {\n  area = \"arms\", " OK_NUMS "\n}\n",
			    2, "course plan 'p' needs name = { en = \"...\" }");
	expect_plan_problem("\n\ncourse_plan \"p\" {\n  name = { en = \"P\" },\n  area = \"arms\", "
			    OK_NUMS "\n}\n", 3, "missing 'ar' text in name of course plan 'p'");
	/* duplicate ids: reported at the second, naming the first */
	char dup[1200];
	snprintf(dup, sizeof dup, "%s\ncourse_plan \"thighs-grade2\" {\n"
		 "  name = { en = \"Again\", ar = \"مرة\" },\n  area = \"thighs\", " OK_NUMS "\n}\n",
		 good_courses);
	expect_plan_problem(dup, 13, "course plan 'thighs-grade2' is already defined at ");
	expect_plan_problem(dup, 13, "/courses.lua:2");
	/* ids, misspelt names, and plans in the wrong file */
	expect_plan_problem("course_plan \"a b\" { }\n", 1, "course plan id 'a b' may only use");
	expect_plan_problem("\ncourse_plan { name = {} }\n", 2, "a course plan needs an id in quotes");
	expect_plan_problem("course_plan \"p\" \"x\"\n", 1, "needs a table: course_plan \"p\" { ... }");
	expect_plan_problem("\ncours_plan \"p\" { }\n", 2, "unknown name 'cours_plan'");
	expect_plan_problem("page \"x\" { title = { en = \"x\", ar = \"y\" } }\n", 1,
			    "pages belong in files under pages/");
	expect_load_problem("course_plan \"p\" {\n  name = { en = \"P\", ar = \"ب\" },\n"
			    "  area = \"arms\", " OK_NUMS "\n}\n", 1,
			    "course plans belong in courses.lua", 500);
	/* a mistake in courses.lua does not hide problems in pages */
	char *dir = make_content("page 'a' { title = { en = 'x' } }\n", 1);
	put(dir, "courses.lua", "course_plan \"p\" { }\n", 20);
	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, dir, NULL, &probs) == MK_ECONTENT && !c);
	EXPECT_PROBLEM(&probs, "/courses.lua", 1, "course plan 'p' needs name");
	EXPECT_PROBLEM(&probs, "/pages/a.lua", 1, "missing 'ar' text in title of page 'a'");
	content_problems_clear(&probs);
	rm_rf(dir);
	free(dir);
}

/* The plans shipped in assets/content: one per grade and area (plus the
 * short grade 2 plan), matching the "How many sessions?" page. */
static void test_plans_shipped(void)
{
	static const char *const areas[] = { "thighs", "buttocks", "abdomen", "arms" };
	/* No grade-1 plan: a yearly "preventive" session has no evidence behind
	 * it (the clinical review removed it). */
	static const struct { const char *suffix; int grade, sessions, interval; } want[] = {
		{ "grade2", 2, 12, 7 }, { "grade2-short", 2, 4, 14 }, { "grade3", 3, 20, 7 },
	};
	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, MK_SHIPPED_CONTENT, NULL, &probs) == 0);
	content_problems_print(&probs, stderr);
	if (!c)
		return;
	const content_model *m = content_model_of(c);
	CHECK_MSG(m->n_plans == 12, "%d plans", m->n_plans);
	for (int a = 0; a < 4; a++)
		for (int k = 0; k < 3; k++) {
			char id[64];
			snprintf(id, sizeof id, "%s-%s", areas[a], want[k].suffix);
			int i = content_plan_index(m, id);
			CHECK_MSG(i >= 0, "no plan %s", id);
			if (i < 0)
				continue;
			const content_plan *p = &m->plans[i];
			CHECK_MSG(strcmp(content_area_name(p->area), areas[a]) == 0, "%s area", id);
			CHECK_MSG(p->grade == want[k].grade && p->sessions == want[k].sessions &&
				  p->interval_days == want[k].interval, "%s numbers", id);
			CHECK_MSG(p->line > 0 && strstr(p->file, "/courses.lua"), "%s line", id);
			for (int l = 0; l < m->n_langs; l++)
				CHECK_MSG(p->name.s[l] && p->note.s[l], "%s texts in %s", id, m->langs[l]);
		}
	content_free(c);
	content_problems_clear(&probs);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	mk_log_set_level(MK_LOG_ERROR);
	test_print();
	test_good();
	test_callbacks();
	test_escapes();
	test_random_reproducible();
	test_budgets();
	test_bad_fixture();
	test_files();
	test_memory_limits();
	test_wrong_time();
	test_plans_good();
	test_plans_mistakes();
	test_plans_shipped();
	return check_done();
}
