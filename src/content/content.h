/* SPDX-License-Identifier: MIT */
/*
 * content: the Lua content engine. Staff write a folder of Lua files
 * (manifest.lua, strings.lua, optional courses.lua, pages/NAME.lua, images/);
 * content_load() runs them once in a sandboxed Lua state and turns the tables into the
 * immutable C model below, so drawing a frame never calls Lua. The state
 * stays alive only for the optional callbacks (a page's on_show, a
 * button's on_tap), which run with a time and memory budget and can only
 * ask the kiosk to do things through a content_action.
 *
 * This is the only module that includes lua.h. The staff-facing API is
 * documented in assets/content/README.md.
 */
#ifndef MK_CONTENT_H
#define MK_CONTENT_H

#include <stddef.h>
#include <stdio.h>

#define CONTENT_MAX_LANGS 8

/* ---- Problems found while loading: `file:line: message`. */
typedef struct {
	char *file; /* path as given to content_load joined with the file name */
	int line;   /* 0 when no line applies */
	char *msg;
} content_problem;

typedef struct {
	content_problem *v;
	int n, cap;
} content_problems;

void content_problems_add(content_problems *p, const char *file, int line,
			  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void content_problems_clear(content_problems *p);
/* One line per problem, "file:line: message\n" (no ":line" when 0). */
void content_problems_print(const content_problems *p, FILE *f);

/* ---- The model. A text is one string per manifest language, in the
 * manifest's order; after a clean load every entry is non-NULL. */
typedef struct {
	const char *s[CONTENT_MAX_LANGS];
} content_text;

typedef enum {
	CONTENT_HEADING,
	CONTENT_PARAGRAPH,
	CONTENT_LIST,
	CONTENT_IMAGE,
	CONTENT_CALLOUT,
	CONTENT_BUTTON,
	CONTENT_COLUMNS,
	CONTENT_QUIZ,
} content_kind;

typedef enum { CONTENT_CALLOUT_INFO, CONTENT_CALLOUT_WARNING, CONTENT_CALLOUT_DANGER } content_callout_style;

typedef struct content_block content_block;

typedef struct {
	content_text text;
	content_text feedback;
	int correct;
} content_choice;

struct content_block {
	content_kind kind;
	const char *file; /* source location, for problems found later (text fit) */
	int line;
	content_text text;    /* heading, paragraph, callout text, button label, quiz question */
	content_text title;   /* callout title; all NULL when not given */
	int level;            /* heading: 1 (default) or 2 */
	int style;            /* callout: content_callout_style; button: 0 primary, 1 secondary */
	content_text *items;  /* list items */
	int n_items;
	const char *image;    /* image, or a button's tile picture: absolute path of the file */
	content_text caption; /* image caption (optional, all NULL when absent) */
	content_text alt;     /* image description for the semantic tree (required) */
	int mirror;           /* image: flip it for right-to-left languages */
	const char *target;   /* button: page id, or NULL when only on_tap */
	int on_tap;           /* callback handle, 0 when none */
	content_block *col[2];/* columns: blocks of the start and end column */
	int n_col[2];
	content_choice *choices; /* quiz */
	int n_choices;
};

typedef struct {
	const char *id;
	const char *file;
	int line;
	content_text title;
	content_block *blocks;
	int n_blocks;
	int on_show; /* callback handle, 0 when none */
} content_page;

/* ---- Course plans (courses.lua): a suggested course by cellulite grade
 * and body area. Staff start a patient's course from one and may adjust it. */
typedef enum {
	CONTENT_AREA_THIGHS,
	CONTENT_AREA_BUTTOCKS,
	CONTENT_AREA_ABDOMEN,
	CONTENT_AREA_ARMS,
	CONTENT_AREA_OTHER,
	CONTENT_AREA_COUNT,
} content_area;

#define CONTENT_PLAN_GRADE_MIN 1
#define CONTENT_PLAN_GRADE_MAX 3
#define CONTENT_PLAN_SESSIONS_MIN 1
#define CONTENT_PLAN_SESSIONS_MAX 40
#define CONTENT_PLAN_INTERVAL_MIN 7
#define CONTENT_PLAN_INTERVAL_MAX 30

typedef struct {
	const char *id;
	const char *file; /* where course_plan "id" was written */
	int line;
	content_text name;
	content_area area;
	int grade;         /* 1..3 */
	int sessions;      /* planned sessions, 1..40 */
	int interval_days; /* days between sessions, 7..30 */
	content_text note; /* optional: all NULL when absent */
} content_plan;

typedef struct {
	const char *version;  /* manifest version string */
	content_text title;
	int n_langs;
	const char *langs[CONTENT_MAX_LANGS]; /* codes, e.g. "en", "ar"; [0] is the default */
	int rtl[CONTENT_MAX_LANGS];           /* 1 for right-to-left languages */
	const char *lang_names[CONTENT_MAX_LANGS]; /* each language's name in itself */
	const char *start;    /* start page id */
	const char *theme;    /* "default" or "high-contrast" */
	const char *help_page;/* page reachable from every page's top bar, or NULL */
	const char *attract_image; /* picture on the attract screen, or NULL */
	content_page *pages;
	int n_pages;
	/* Interface strings (back, home, idle question ...), by key. */
	const char **string_keys;
	content_text *strings;
	int n_strings;
	/* Course plans from courses.lua (optional file), in file order. */
	const content_plan *plans;
	int n_plans;
} content_model;

/* ---- Loading. */
typedef struct {
	size_t mem_limit;      /* bytes for the whole Lua state; default 32 MiB */
	unsigned load_ms;      /* budget for running all files; default 200 */
	unsigned callback_ms;  /* budget per callback; default 20 */
} content_limits;

typedef struct content content;

/* Loads and validates the folder `dir`. On success *out is a ready content
 * and 0 is returned. On failure *out is NULL, every problem found is in
 * `probs` and MK_ECONTENT is returned. `lim` may be NULL for defaults. */
int content_load(content **out, const char *dir, const content_limits *lim,
		 content_problems *probs);
void content_free(content *c);

const content_model *content_model_of(const content *c);
/* Index of the page with this id, or -1. */
int content_page_index(const content_model *m, const char *id);
/* Index of the course plan with this id, or -1. */
int content_plan_index(const content_model *m, const char *id);
/* The staff name of an area ("thighs" ...), or NULL when out of range. */
const char *content_area_name(content_area a);
/* Index of a language code, or -1. */
int content_lang_index(const content_model *m, const char *code);
/* Text for a language, falling back to the default language, never NULL. */
const char *content_tr(const content_model *m, const content_text *t, int lang);
/* Interface string by key (e.g. "back"); the key itself when missing. */
const char *content_string(const content_model *m, const char *key, int lang);

/* ---- Callbacks. What a callback asked the kiosk to do. */
typedef struct {
	char go[128]; /* page id to show, or "" */
} content_action;

/* Runs callback `handle` (from on_show / on_tap) with the callback budget.
 * `page` and `lang` tell the callback where the patient is. Returns 0, or
 * a negative code with the message set (`file:line: message`); a failing
 * callback leaves the model untouched. */
int content_call(content *c, int handle, const char *page, int lang, content_action *act);

/* Bytes the Lua state uses now (for staff status and benchmarks). */
size_t content_mem_used(const content *c);

#endif
