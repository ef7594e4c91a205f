/* SPDX-License-Identifier: MIT */
/*
 * load.c: content_load() and content_call() — reading the files of a
 * content folder, running each in the sandbox, and turning what went
 * wrong into `file:line: message` problems.
 *
 * Files run in a fixed order (manifest.lua, strings.lua, the optional
 * courses.lua and questionnaire.lua, then pages/NAME.lua sorted by name),
 * each with its own environment, so a load is reproducible and one file's
 * globals do not leak into the next. A file that fails does not stop the
 * others; every problem is collected. Only a spent budget stops the load,
 * since the state is then suspect.
 *
 * Every Lua call that can allocate runs under lua_pcall: a memory error
 * anywhere, even while building an environment, becomes a problem rather
 * than a panic.
 */
#include "content_int.h"
#include "core.h"
#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
	content *c;
	const char *buf;
	size_t len;
	const char *chunk;
	int status;
} run_args;

/* Message handler: remembers where the error happened, and makes sure the
 * message is a string without running any content code (no __tostring). */
static int msgh(lua_State *L)
{
	content *c = sandbox_content(L);
	if (!c->blown)
		sandbox_where(L, c, 1);
	if (lua_type(L, 1) != LUA_TSTRING)
		lua_pushfstring(L, "an error was raised with %s instead of a message",
				lapi_typename(L, 1));
	return 1;
}

/* Splits "short_src:line: text" into a location and the text; when the
 * message carries no known position, the handler's position is used. */
static const char *split_error(content *c, const char *msg, cloc *at)
{
	*at = c->where;
	for (int i = 0; msg && i < c->n_files; i++) {
		const char *s = c->short_src[i];
		size_t n = s ? strlen(s) : 0;
		if (!n || strncmp(msg, s, n) != 0 || msg[n] != ':' || !isdigit((unsigned char)msg[n + 1]))
			continue;
		char *end;
		long line = strtol(msg + n + 1, &end, 10);
		if (end[0] != ':')
			continue;
		*at = (cloc){ c->files[i], (int)line };
		return end + 1 + (end[1] == ' ');
	}
	return msg ? msg : "unknown error";
}

static void report_error(content *c, const char *msg, const char *prefix)
{
	char buf[200];
	cloc at;
	if (c->blown) {
		content_report(c, c->where, "%s", sandbox_budget_msg(c, buf, sizeof buf));
		return;
	}
	const char *text = split_error(c, msg, &at);
	content_report(c, at, "%s%s", prefix, text);
}

static int run_file_p(lua_State *L)
{
	run_args *a = lua_touserdata(L, 1);
	content *c = a->c;
	lua_Debug ar;
	lua_settop(L, 0);
	lua_pushcfunction(L, msgh);
	/* Lua's short form of the chunk name, to recognise it in messages. */
	if (luaL_loadbufferx(L, "", 0, a->chunk, "t") == LUA_OK && lua_getinfo(L, ">S", &ar))
		c->short_src[c->cur_file] = content_arena_strdup(c, ar.short_src, strlen(ar.short_src));
	lua_settop(L, 1);
	a->status = luaL_loadbufferx(L, a->buf, a->len, a->chunk, "t");
	if (a->status != LUA_OK)
		return 1;
	sandbox_push_env(L);
	lua_setupvalue(L, 2, 1);
	a->status = lua_pcall(L, 0, 0, 1);
	return a->status == LUA_OK ? 0 : 1;
}

static void run_buffer(content *c, const char *buf, size_t len)
{
	lua_State *L = c->L;
	const char *path = c->files[c->cur_file];
	char *chunk = mk_asprintf("@%s", path);
	run_args a = { c, buf, len, chunk, LUA_OK };
	if (!chunk) {
		content_report(c, (cloc){ path, 0 }, "out of memory");
		return;
	}
	c->where = (cloc){ path, 0 };
	lua_settop(L, 0);
	lua_pushcfunction(L, run_file_p);
	lua_pushlightuserdata(L, &a);
	int st = sandbox_pcall(c, 1, 1, 0);
	if (st == SANDBOX_ABORTED) {
		c->run_failed = 1;
		content_report(c, c->where, "content took too long (more than %u ms) and did not "
			       "stop: it was stopped by force. Is there a loop that never ends?",
			       c->budget_ms);
		free(chunk);
		return;
	}
	if (st == LUA_ERRMEM || a.status == LUA_ERRMEM)
		c->blown |= BLOWN_MEM;
	if (st != LUA_OK || a.status != LUA_OK)
		c->run_failed = 1;
	if (st != LUA_OK || a.status != LUA_OK)
		report_error(c, lua_tostring(L, -1),
			     a.status == LUA_ERRSYNTAX && st == LUA_OK ? "Lua syntax error: " : "");
	lua_settop(L, 0);
	free(chunk);
}

/* The file's real path must be a regular file inside the content folder
 * (a symlink pointing elsewhere is refused). */
static const char *file_problem(content *c, const char *path, char real[PATH_MAX])
{
	size_t dn = strlen(c->dir_real);
	struct stat st;
	if (!realpath(path, real) || stat(real, &st) != 0)
		return "file not found";
	if (strncmp(real, c->dir_real, dn) != 0 || real[dn] != '/')
		return "points outside the content folder";
	if (!S_ISREG(st.st_mode))
		return "is not a file";
	if (st.st_size > (off_t)CONTENT_MAX_FILE_SIZE)
		return "is too large (over 1 MiB)";
	return NULL;
}

static int add_file(content *c, const char *rel)
{
	char *p = mk_path_join(c->dir, rel);
	if (!p || c->n_files == CONTENT_MAX_FILES) {
		content_report(c, (cloc){ c->dir, 0 }, "too many files (at most %d)", CONTENT_MAX_FILES);
		free(p);
		return -1;
	}
	const char *a = content_arena_strdup(c, p, strlen(p));
	free(p);
	if (!a)
		return -1;
	c->files[c->n_files] = a;
	return c->n_files++;
}

/* The line of the first to-be-closed variable (local x <close>), or 0. Lua
 * runs __close handlers while it unwinds an error, with the hook switched
 * off for that coroutine: one that loops could never be stopped. Content
 * has no use for them, so the source is refused before it runs. A string
 * or comment that spells <close> is refused too: a clear message is worth
 * more than the rare false alarm. */
static int close_line(const char *buf, size_t len)
{
	int line = 1;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			line++;
		if (buf[i] != '<')
			continue;
		size_t j = i + 1;
		while (j < len && (buf[j] == ' ' || buf[j] == '\t'))
			j++;
		if (len - j >= 5 && !memcmp(buf + j, "close", 5)) {
			j += 5;
			while (j < len && (buf[j] == ' ' || buf[j] == '\t'))
				j++;
			if (j < len && buf[j] == '>')
				return line;
		}
	}
	return 0;
}

/* Runs one file; returns 0 when it ran (even with problems inside). */
static int run_file(content *c, const char *rel, int role, int required)
{
	int f = add_file(c, rel);
	char *buf;
	size_t len;
	if (f < 0 || c->blown)
		return -1;
	char real[PATH_MAX];
	const char *path = c->files[f], *why = file_problem(c, path, real);
	if (why) {
		if (required || strcmp(why, "file not found") != 0)
			content_report(c, (cloc){ path, 0 }, "%s", strcmp(why, "file not found")
					? why : "missing file: every content folder needs it");
		return -1;
	}
	/* checked above, but read as what it is now: a file swapped for a
	 * FIFO or a link in between must not block or lead outside */
	if (mk_read_regular(real, CONTENT_MAX_FILE_SIZE, &buf, &len) != 0) {
		content_report(c, (cloc){ path, 0 }, "cannot read: %s", mk_err_msg());
		return -1;
	}
	c->cur_file = f;
	c->role = role;
	int tbc = close_line(buf, len);
	if (len >= 4 && memcmp(buf, LUA_SIGNATURE, 4) == 0 && (c->run_failed = 1))
		content_report(c, (cloc){ path, 0 }, "binary chunks are not allowed: "
				"content must be Lua text");
	else if (tbc && (c->run_failed = 1))
		content_report(c, (cloc){ path, tbc }, "to-be-closed variables (<close>) are not "
			       "allowed in kiosk content");
	else
		run_buffer(c, buf, len);
	if (!c->blown)
		validate_scan_go(c, f, buf, len);
	free(buf);
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* pages/NAME.lua sorted by name; NULL-ended, caller frees. */
static char **list_pages(content *c, int *n)
{
	char *dir = mk_path_join(c->dir, "pages");
	DIR *d = dir ? opendir(dir) : NULL;
	char **v = NULL;
	int cap = 0;
	struct dirent *e;
	*n = 0;
	free(dir);
	while (d && (e = readdir(d)) && *n < CONTENT_MAX_FILES) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".lua") != 0)
			continue;
		if (*n + 1 >= cap) {
			cap = cap ? cap * 2 : 16;
			char **nv = realloc(v, sizeof(*v) * (size_t)cap);
			if (!nv)
				break;
			v = nv;
		}
		if ((v[*n] = mk_asprintf("pages/%s", e->d_name)))
			(*n)++;
	}
	if (d)
		closedir(d);
	if (v)
		qsort(v, (size_t)*n, sizeof(*v), cmp_name);
	return v;
}

/* questionnaire.lua is optional; when it is there, its whole-file checks
 * run only if it ran to its end (else what seems missing was never run). */
static void run_questionnaire(content *c)
{
	int failed_before = c->run_failed, f = c->n_files;
	c->run_failed = 0;
	if (run_file(c, "questionnaire.lua", ROLE_QUESTIONNAIRE, 0) == 0)
		lapi_questionnaire_finish(c, f, !c->run_failed);
	c->run_failed |= failed_before;
}

static void run_all(content *c)
{
	int n;
	if (run_file(c, "manifest.lua", ROLE_MANIFEST, 1) == 0 && !c->manifest_at.file && !c->blown)
		content_report(c, (cloc){ c->files[0], 0 }, "manifest.lua must call manifest { ... }");
	if (run_file(c, "strings.lua", ROLE_STRINGS, 1) == 0 && !c->strings_seen && !c->blown)
		content_report(c, (cloc){ c->files[1], 0 }, "strings.lua must call strings { ... }");
	run_file(c, "courses.lua", ROLE_COURSES, 0);
	run_questionnaire(c);
	c->first_page_file = c->n_files;
	char **pages = list_pages(c, &n);
	for (int i = 0; i < n; i++) {
		run_file(c, pages[i], ROLE_PAGE, 1);
		free(pages[i]);
	}
	free(pages);
	if (n == 0) {
		char *p = mk_path_join(c->dir, "pages");
		content_report(c, (cloc){ p, 0 }, "no pages: add a file like pages/home.lua "
				"with page \"home\" { ... }");
		free(p);
	} else if (c->model.n_pages == 0 && !c->run_failed) {
		content_report(c, (cloc){ c->files[c->first_page_file], 0 }, "no page is defined: write page \"home\" { ... }");
	}
}

static int start(content *c, const char *dir)
{
	char real[PATH_MAX];
	if (!realpath(dir, real) || !mk_is_dir(real)) {
		content_report(c, (cloc){ dir, 0 }, "content folder not found");
		return -1;
	}
	c->dir = content_arena_strdup(c, dir, strlen(dir));
	c->dir_real = content_arena_strdup(c, real, strlen(real));
	if (!c->dir || !c->dir_real || !(c->L = sandbox_new(c))) {
		content_report(c, (cloc){ dir, 0 }, "not enough memory to start Lua");
		return -1;
	}
	lua_pushcfunction(c->L, sandbox_setup_p);
	if (lua_pcall(c->L, 0, 0, 0) != LUA_OK) {
		content_report(c, (cloc){ dir, 0 }, "cannot start Lua: %s", lua_tostring(c->L, -1));
		return -1;
	}
	return 0;
}

static int cmp_problem(const void *x, const void *y)
{
	const content_problem *a = x, *b = y;
	int r = strcmp(a->file, b->file);
	if (!r)
		r = (a->line > b->line) - (a->line < b->line);
	return r ? r : strcmp(a->msg, b->msg);
}

int content_load(content **out, const char *dir, const content_limits *lim,
		 content_problems *probs)
{
	content *c = calloc(1, sizeof(*c));
	*out = NULL;
	if (!c)
		return mk_err(MK_ENOMEM, "content: out of memory");
	c->lim = (content_limits){ .mem_limit = 32u << 20, .load_ms = 200, .callback_ms = 20 };
	if (lim && lim->mem_limit)
		c->lim.mem_limit = lim->mem_limit;
	if (lim && lim->load_ms)
		c->lim.load_ms = lim->load_ms;
	if (lim && lim->callback_ms)
		c->lim.callback_ms = lim->callback_ms;
	if (lim) {
		c->lim.vars = lim->vars;
		c->lim.n_vars = lim->n_vars;
	}
	c->probs = probs;
	if (start(c, dir) == 0) {
		sandbox_arm(c, c->lim.load_ms);
		run_all(c);
		c->deadline = 0;
		/* Links are checked unless a file stopped half-way: its pages
		 * would be missing and every link to them a false alarm. */
		if (!c->run_failed && !c->blown)
			validate_model(c);
	}
	c->probs = NULL;
	if (c->n_probs) {
		int n = c->n_probs;
		content_free(c);
		return mk_err(MK_ECONTENT, "%s: %d problem%s in content", dir, n, n == 1 ? "" : "s");
	}
	c->phase = PHASE_READY;
	c->running = NULL;
	/* Warnings in file and line order: strings.lua's come in Lua's table
	 * order, which changes from run to run. */
	if (c->warnings.n > 1)
		qsort(c->warnings.v, (size_t)c->warnings.n, sizeof *c->warnings.v, cmp_problem);
	lua_gc(c->L, LUA_GCCOLLECT);
	*out = c;
	return 0;
}

void content_free(content *c)
{
	if (!c)
		return;
	if (c->dead)
		sandbox_free_dead(c);
	else if (c->L)
		lua_close(c->L);
	content_arena_free(c);
	content_problems_clear(&c->warnings);
	free(c);
}

/* ---- Callbacks. */

static int call_p(lua_State *L)
{
	content *c = sandbox_content(L);
	lua_Debug ar;
	int handle = (int)lua_tointeger(L, 1);
	lua_settop(L, 0);
	lua_pushcfunction(L, msgh);
	lua_getfield(L, LUA_REGISTRYINDEX, "mk.callbacks");
	lua_rawgeti(L, -1, handle);
	lua_remove(L, -2);
	lua_pushvalue(L, -1);
	lua_getinfo(L, ">S", &ar);
	int f = sandbox_file_index(c, ar.source);
	c->cur_file = f >= 0 ? f : 0;
	c->where = (cloc){ c->files[c->cur_file], ar.linedefined };
	lapi_kiosk_push(L);
	if (lua_pcall(L, 1, 0, 1) != LUA_OK)
		return 1;
	return 0;
}

static int call_failed(content *c, const char *msg)
{
	char buf[200];
	cloc at;
	if (c->blown) {
		at = c->where;
		msg = sandbox_budget_msg(c, buf, sizeof buf);
	} else {
		msg = split_error(c, msg, &at);
	}
	int code = c->blown ? MK_ELIMIT : MK_EINVAL;
	mk_log(MK_LOG_WARN, "content_callback_failed", "line=%d limit=%d", at.line, c->blown != 0);
	if (at.line > 0)
		return mk_err(code, "%s:%d: %s", at.file ? at.file : c->dir, at.line, msg);
	return mk_err(code, "%s: %s", at.file ? at.file : c->dir, msg);
}

int content_call(content *c, int handle, const char *page, int lang, content_action *act)
{
	content_action spare;
	if (!act)
		act = &spare;
	act->go[0] = 0;
	if (c && c->dead)
		return mk_err(MK_ELIMIT, "%s: this content was stopped by force; its callbacks "
			      "no longer run", c->dir);
	if (!c || c->phase != PHASE_READY || handle < 1 || handle > c->n_callbacks)
		return mk_err(MK_EINVAL, "content: no callback %d", handle);
	lua_State *L = c->L;
	c->act = act;
	c->call_page = page;
	c->call_lang = (lang >= 0 && lang < c->model.n_langs) ? lang : 0;
	sandbox_arm(c, c->lim.callback_ms);
	lua_settop(L, 0);
	lua_pushcfunction(L, call_p);
	lua_pushinteger(L, handle);
	int st = sandbox_pcall(c, 1, LUA_MULTRET, 0);
	int rc = 0;
	if (st == SANDBOX_ABORTED) {
		c->deadline = 0;
		c->act = NULL;
		c->call_page = NULL;
		act->go[0] = 0;
		mk_log(MK_LOG_WARN, "content_callback_failed", "line=%d limit=1 stopped=1", c->where.line);
		return mk_err(MK_ELIMIT, "%s:%d: content took too long (more than %u ms) and did not "
			      "stop: it was stopped by force", c->where.file ? c->where.file : c->dir,
			      c->where.line, c->budget_ms);
	}
	if (st != LUA_OK || lua_gettop(L) > 0) {
		if (st == LUA_ERRMEM)
			c->blown |= BLOWN_MEM;
		rc = call_failed(c, lua_tostring(L, -1));
		act->go[0] = 0;
	}
	lua_settop(L, 0);
	c->deadline = 0;
	c->act = NULL;
	c->call_page = NULL;
	if (c->blown)
		lua_gc(L, LUA_GCCOLLECT);
	c->blown = 0;
	return rc;
}
