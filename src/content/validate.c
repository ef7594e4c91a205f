/* SPDX-License-Identifier: MIT */
/*
 * validate.c: the checks that need the whole content at once, run after
 * every file has loaded — duplicate page and course plan ids, links to pages (buttons, the
 * manifest's start and help pages, kiosk.go("...") calls), and the image
 * and recording paths, which must stay inside the content folder.
 *
 * kiosk.go targets are found by reading the source text, not by running
 * callbacks: a literal `.go("id")` or `.go "id"` outside a comment is a
 * link we can check before a patient ever taps it. Targets computed at
 * run time are still checked by kiosk.go itself.
 *
 * Pure C, no Lua: page ids are sorted once so a content with many pages
 * and many links is checked in n log n.
 */
#include "content_int.h"
#include "core.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- Images. */

static int has_dotdot(const char *p)
{
	for (const char *s = p; *s; ) {
		size_t n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return 1;
		s += n;
		s += *s == '/';
	}
	return 0;
}

static int image_ext_ok(const char *p)
{
	static const char *const ext[] = { ".png", ".jpg", ".jpeg", ".svg", ".webp", NULL };
	const char *dot = strrchr(p, '.');
	for (int i = 0; dot && ext[i]; i++)
		if (strcasecmp(dot, ext[i]) == 0)
			return 1;
	return 0;
}

static int image_path(content *c, const char *rel, char *out, size_t n, const char **why)
{
	char full[PATH_MAX];
	size_t dn = strlen(c->dir_real);
	struct stat st;
	*why = NULL;
	if (!rel[0])
		*why = "has no file name";
	else if (rel[0] == '/' || rel[0] == '\\')
		*why = "must be a path inside the content folder, like \"images/x.png\", "
		       "not an absolute path";
	else if (has_dotdot(rel))
		*why = "must not use '..': images must stay inside the content folder";
	else if (!image_ext_ok(rel))
		*why = "must be a .png, .jpg, .svg or .webp file";
	else if ((size_t)snprintf(full, sizeof full, "%s/%s", c->dir_real, rel) >= sizeof full ||
		 n < PATH_MAX || !realpath(full, out))
		*why = "was not found in the content folder";
	else if (strncmp(out, c->dir_real, dn) != 0 || out[dn] != '/')
		*why = "points outside the content folder";
	else if (stat(out, &st) != 0 || !S_ISREG(st.st_mode))
		*why = "is not a file";
	return *why ? -1 : 0;
}

/* Runs inside content (lapi_take_image): realpath may allocate. */
int validate_image_path(content *c, const char *rel, char *out, size_t n,
			const char **why)
{
	sandbox_unsafe_begin();
	int rc = image_path(c, rel, out, n, why);
	sandbox_unsafe_end();
	return rc;
}

/* ---- Recordings: the same rules for where, but a file not there yet is
 * left to --check and the kiosk, which reads the text instead (narration/
 * checks the bytes; the name says nothing of the format). */

static int audio_path(content *c, const char *rel, char *out, size_t n, const char **why)
{
	char full[PATH_MAX];
	size_t dn = strlen(c->dir_real);
	*why = NULL;
	if (!rel[0])
		*why = "has no file name";
	else if (rel[0] == '/' || rel[0] == '\\')
		*why = "must be a path inside the content folder, like \"audio/x.en.opus\", "
		       "not an absolute path";
	else if (has_dotdot(rel))
		*why = "must not use '..': recordings must stay inside the content folder";
	else if (n < PATH_MAX || (size_t)snprintf(full, sizeof full, "%s/%s", c->dir_real, rel) >= sizeof full)
		*why = "is too long a name";
	else if (!realpath(full, out))
		snprintf(out, n, "%s", full); /* missing: reported by --check */
	else if (strncmp(out, c->dir_real, dn) != 0 || out[dn] != '/')
		*why = "points outside the content folder";
	return *why ? -1 : 0;
}

int validate_audio_path(content *c, const char *rel, char *out, size_t n, const char **why)
{
	sandbox_unsafe_begin();
	int rc = audio_path(c, rel, out, n, why);
	sandbox_unsafe_end();
	return rc;
}

/* ---- kiosk.go("...") in the source. */

static void add_go(content *c, int file, int line, const char *s, size_t n)
{
	go_ref *g = content_arena_alloc(c, sizeof(*g));
	if (!g || !(g->target = content_arena_strdup(c, s, n)))
		return;
	g->at = (cloc){ c->files[file], line };
	g->next = c->gos;
	c->gos = g;
}

/* If a call to go with a literal string starts at p, records it. */
static void scan_go_at(content *c, int file, int line, const char *p, const char *end)
{
	int paren = 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == '(')
		for (p++, paren = 1; p < end && (*p == ' ' || *p == '\t'); p++)
			;
	if (p >= end || (*p != '"' && *p != '\''))
		return;
	const char *q = p + 1, *r;
	while (q < end && *q != *p && *q != '\n' && *q != '\\')
		q++;
	if (q >= end || *q != *p)
		return;
	for (r = q + 1; paren && r < end && (*r == ' ' || *r == '\t'); r++)
		;
	if (!paren || (r < end && *r == ')')) /* a literal, not "a" .. b */
		add_go(c, file, line, p + 1, (size_t)(q - p - 1));
}

void validate_scan_go(content *c, int file, const char *buf, size_t len)
{
	const char *end = buf + len;
	int line = 1, comment = 0;
	for (const char *p = buf; p < end; p++) {
		if (*p == '\n') {
			line++, comment = 0;
		} else if (p + 1 < end && p[0] == '-' && p[1] == '-') {
			comment = 1;
		} else if (!comment && p + 2 < end && (*p == '.' || *p == ':') &&
			   p[1] == 'g' && p[2] == 'o' &&
			   (p + 3 == end || !(p[3] == '_' || (p[3] >= 'a' && p[3] <= 'z') ||
					     (p[3] >= 'A' && p[3] <= 'Z') || (p[3] >= '0' && p[3] <= '9')))) {
			scan_go_at(c, file, line, p + 3, end);
		}
	}
}

/* ---- Links and duplicates. */

static int cmp_page(const void *a, const void *b, void *arg)
{
	const content_page *pages = arg;
	int x = *(const int *)a, y = *(const int *)b;
	int r = strcmp(pages[x].id, pages[y].id);
	return r ? r : (x > y) - (x < y);
}

typedef struct {
	const content_page *pages;
	const int *order;
	int n;
} page_index;

static int has_page(const page_index *ix, const char *id)
{
	int lo = 0, hi = ix->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		int r = strcmp(ix->pages[ix->order[mid]].id, id);
		if (r == 0)
			return 1;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

static void check_duplicates(content *c, const page_index *ix)
{
	for (int i = 1; i < ix->n; i++) {
		const content_page *a = &ix->pages[ix->order[i - 1]];
		const content_page *b = &ix->pages[ix->order[i]];
		if (strcmp(a->id, b->id) == 0)
			content_report(c, (cloc){ b->file, b->line },
					"page '%s' is already defined at %s:%d", b->id, a->file, a->line);
	}
}

static void check_blocks(content *c, const page_index *ix, const content_block *v, int n)
{
	for (int i = 0; i < n; i++) {
		const content_block *b = &v[i];
		/* "@my-course" is the kiosk's own screen: sign-in, then the course. */
		if (b->kind == CONTENT_BUTTON && b->target && b->target[0] == '@' &&
		    strcmp(b->target, CONTENT_SCREEN_COURSE))
			content_report(c, (cloc){ b->file, b->line },
				       "button links to unknown kiosk screen '%s' (there is only '%s')",
				       b->target, CONTENT_SCREEN_COURSE);
		else if (b->kind == CONTENT_BUTTON && b->target && b->target[0] != '@' &&
			 !has_page(ix, b->target))
			content_report(c, (cloc){ b->file, b->line },
					"button links to missing page '%s'", b->target);
		if (b->kind == CONTENT_COLUMNS)
			for (int k = 0; k < 2; k++)
				check_blocks(c, ix, b->col[k], b->n_col[k]);
	}
}

/* Every sign on a page names a red flag of the questionnaire at the level of
 * the box that lists it: a sign the questionnaire cannot raise, or raises
 * at another level, is a page and a questionnaire that disagree about a
 * patient's safety. */
static void check_signs(content *c, const content_block *v, int n)
{
	static const char *const level_name[] = { "", "same-day (call)", "emergency" };
	const content_questionnaire *q = &c->model.q;
	for (int i = 0; i < n; i++) {
		const content_block *b = &v[i];
		if (b->kind == CONTENT_COLUMNS)
			for (int k = 0; k < 2; k++)
				check_signs(c, b->col[k], b->n_col[k]);
		if (b->kind != CONTENT_LIST || !b->sign_level || !b->signs)
			continue;
		for (int k = 0; k < b->n_items; k++) {
			const char *id = b->signs[k];
			int r = -1;
			for (int j = 0; id && j < q->n_rules; j++)
				if (!strcmp(q->rules[j].id, id))
					r = j;
			if (!id)
				continue;
			if (!q->present)
				content_report(c, (cloc){ b->file, b->line }, "sign '%s' needs questionnaire.lua "
					       "with red_flag \"%s\"", id, id);
			else if (r < 0)
				content_report(c, (cloc){ b->file, b->line }, "sign '%s' has no red_flag \"%s\" "
					       "in questionnaire.lua: the questionnaire would never raise it", id, id);
			else if (q->rules[r].level != b->sign_level)
				content_report(c, (cloc){ b->file, b->line }, "sign '%s' is in the %s box, but "
					       "red_flag '%s' (%s:%d) is %s", id, level_name[b->sign_level], id,
					       q->rules[r].file, q->rules[r].line, level_name[q->rules[r].level]);
		}
	}
}

static void check_links(content *c, const page_index *ix)
{
	const content_model *m = &c->model;
	if (m->start && !has_page(ix, m->start))
		content_report(c, c->manifest_at, "manifest start links to missing page '%s'", m->start);
	if (m->help_page && !has_page(ix, m->help_page))
		content_report(c, c->manifest_at, "manifest help_page links to missing page '%s'",
				m->help_page);
	for (int i = 0; i < m->n_pages; i++) {
		check_blocks(c, ix, m->pages[i].blocks, m->pages[i].n_blocks);
		check_signs(c, m->pages[i].blocks, m->pages[i].n_blocks);
	}
	for (const go_ref *g = c->gos; g; g = g->next)
		if (!has_page(ix, g->target))
			content_report(c, g->at, "kiosk.go links to missing page '%s'", g->target);
}

static int cmp_plan(const void *a, const void *b, void *arg)
{
	const content_plan *plans = arg;
	int x = *(const int *)a, y = *(const int *)b;
	int r = strcmp(plans[x].id, plans[y].id);
	return r ? r : (x > y) - (x < y);
}

/* Same as pages: sort the indexes, neighbours with one id are twins, and
 * the later one (in load order) is reported. */
static void check_plan_duplicates(content *c)
{
	const content_model *m = &c->model;
	int *order = malloc(sizeof(int) * (size_t)(m->n_plans + 1));
	if (!order) {
		content_report(c, (cloc){ c->dir, 0 }, "out of memory while checking course plans");
		return;
	}
	for (int i = 0; i < m->n_plans; i++)
		order[i] = i;
	qsort_r(order, (size_t)m->n_plans, sizeof(int), cmp_plan, (void *)m->plans);
	for (int i = 1; i < m->n_plans; i++) {
		const content_plan *a = &m->plans[order[i - 1]], *b = &m->plans[order[i]];
		if (strcmp(a->id, b->id) == 0)
			content_report(c, (cloc){ b->file, b->line },
					"course plan '%s' is already defined at %s:%d",
					b->id, a->file, a->line);
	}
	free(order);
}

void validate_model(content *c)
{
	const content_model *m = &c->model;
	int *order = malloc(sizeof(int) * (size_t)(m->n_pages + 1));
	if (!order) {
		content_report(c, (cloc){ c->dir, 0 }, "out of memory while checking links");
		return;
	}
	for (int i = 0; i < m->n_pages; i++)
		order[i] = i;
	qsort_r(order, (size_t)m->n_pages, sizeof(int), cmp_page, (void *)m->pages);
	page_index ix = { m->pages, order, m->n_pages };
	check_duplicates(c, &ix);
	check_links(c, &ix);
	free(order);
	check_plan_duplicates(c);
}
