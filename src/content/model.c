/* SPDX-License-Identifier: MIT */
/*
 * model.c: the memory that owns the content model, the problem list, and
 * the read-only lookups other modules call every frame.
 *
 * The model is built once and never changed, so a bump arena fits: blocks,
 * texts and strings are carved from a few large chunks and all freed
 * together by content_free(). The arena counts its bytes into the same
 * total as the Lua allocator, so a page file that makes a million blocks
 * runs into the same memory cap as one that makes a million tables. A
 * constructor that long-jumps out (a Lua error) never leaks: whatever it
 * took from the arena is still owned by the content.
 */
#include "content_int.h"
#include "core.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK (64u * 1024u)
#define ARENA_ALIGN 16u

struct arena_chunk {
	arena_chunk *next;
	size_t size, used;
	_Alignas(16) unsigned char mem[];
};

void *content_arena_alloc(content *c, size_t n)
{
	arena_chunk *a = c->arena;
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (!a || a->size - a->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		size_t total = sizeof(*a) + size;
		if (n > c->lim.mem_limit || c->used + total > c->lim.mem_limit)
			return NULL;
		sandbox_unsafe_begin();
		a = malloc(total);
		sandbox_unsafe_end();
		if (!a)
			return NULL;
		c->used += total;
		a->size = size;
		a->used = 0;
		a->next = c->arena;
		c->arena = a;
	}
	void *p = a->mem + a->used;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *content_arena_strdup(content *c, const char *s, size_t len)
{
	char *d = content_arena_alloc(c, len + 1);
	if (d) {
		memcpy(d, s, len);
		d[len] = 0;
	}
	return d;
}

void content_arena_free(content *c)
{
	while (c->arena) {
		arena_chunk *a = c->arena;
		c->arena = a->next;
		c->used -= sizeof(*a) + a->size;
		free(a);
	}
}

/* ---- Problems. */

static void problems_vadd(content_problems *p, const char *file, int line,
			  const char *fmt, va_list ap)
{
	char buf[1024];
	if (p->n == p->cap) {
		int cap = p->cap ? p->cap * 2 : 16;
		content_problem *v = realloc(p->v, (size_t)cap * sizeof(*v));
		if (!v)
			return;
		p->v = v;
		p->cap = cap;
	}
	vsnprintf(buf, sizeof buf, fmt, ap);
	/* Problems quote content (an error's text, a page id): no control
	 * character reaches --check's output, the log or the staff badge. */
	for (char *q = buf; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			*q = '?';
	content_problem *e = &p->v[p->n];
	e->file = mk_strdup(file ? file : "");
	e->msg = mk_strdup(buf);
	e->line = line;
	if (!e->file || !e->msg) {
		free(e->file);
		free(e->msg);
		return;
	}
	p->n++;
}

void content_problems_add(content_problems *p, const char *file, int line,
			  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sandbox_unsafe_begin(); /* malloc while content may be running */
	problems_vadd(p, file, line, fmt, ap);
	sandbox_unsafe_end();
	va_end(ap);
}

void content_problems_clear(content_problems *p)
{
	for (int i = 0; i < p->n; i++) {
		free(p->v[i].file);
		free(p->v[i].msg);
	}
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

void content_problems_print(const content_problems *p, FILE *f)
{
	for (int i = 0; i < p->n; i++) {
		const content_problem *e = &p->v[i];
		if (e->line > 0)
			fprintf(f, "%s:%d: %s\n", e->file, e->line, e->msg);
		else
			fprintf(f, "%s: %s\n", e->file, e->msg);
	}
}

/* Content can make problems in a loop; past the cap only one more line is
 * added, so a bad file cannot grow the list (which lives outside the Lua
 * memory cap) without bound. */
void content_report(content *c, cloc at, const char *fmt, ...)
{
	va_list ap;
	if (!at.file)
		at.file = c->dir ? c->dir : "";
	c->n_probs++;
	if (c->n_probs > CONTENT_MAX_PROBLEMS + 1)
		return;
	if (c->n_probs == CONTENT_MAX_PROBLEMS + 1) {
		content_problems_add(c->probs, at.file, at.line,
				     "too many problems; fix these first");
		return;
	}
	va_start(ap, fmt);
	problems_vadd(c->probs, at.file, at.line, fmt, ap);
	va_end(ap);
}

/* ---- Lookups. */

const content_model *content_model_of(const content *c)
{
	return &c->model;
}

int content_page_index(const content_model *m, const char *id)
{
	for (int i = 0; id && i < m->n_pages; i++)
		if (strcmp(m->pages[i].id, id) == 0)
			return i;
	return -1;
}

int content_plan_index(const content_model *m, const char *id)
{
	for (int i = 0; id && i < m->n_plans; i++)
		if (strcmp(m->plans[i].id, id) == 0)
			return i;
	return -1;
}

int content_lang_index(const content_model *m, const char *code)
{
	for (int i = 0; code && i < m->n_langs; i++)
		if (strcmp(m->langs[i], code) == 0)
			return i;
	return -1;
}

const char *content_tr(const content_model *m, const content_text *t, int lang)
{
	if (t && lang >= 0 && lang < m->n_langs && lang < CONTENT_MAX_LANGS && t->s[lang])
		return t->s[lang];
	return (t && t->s[0]) ? t->s[0] : "";
}

const char *content_string(const content_model *m, const char *key, int lang)
{
	for (int i = 0; i < m->n_strings; i++)
		if (strcmp(m->string_keys[i], key) == 0)
			return content_tr(m, &m->strings[i], lang);
	return key;
}

size_t content_mem_used(const content *c)
{
	return c->used;
}

int content_dead(const content *c)
{
	return c && c->dead;
}
