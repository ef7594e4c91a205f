/* SPDX-License-Identifier: MIT */
/*
 * content: the Lua content engine. Staff write a folder of Lua files
 * (manifest.lua, strings.lua, optional courses.lua and questionnaire.lua,
 * pages/NAME.lua, images/);
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

/* Bounds on every text content gives (lapi_take_string): layout and
 * drawing stay cheap whatever staff type. The staff guide states them. */
#define CONTENT_TEXT_MAX 8000  /* bytes in one text */
#define CONTENT_WORD_MAX 60    /* letters between two spaces */
#define CONTENT_MARKS_MAX 4    /* combining marks on one letter */

/* ---- The model. A text is one string per manifest language, in the
 * manifest's order; after a clean load every entry is non-NULL. */
typedef struct {
	const char *s[CONTENT_MAX_LANGS];
} content_text;

/* Recorded narration (audio = { en = "audio/x.en.opus" }): per manifest
 * language, the file's absolute path inside the content folder and the
 * name staff wrote (for messages); NULL where synthesis reads the text.
 * The file itself is checked by --check and when it plays (narration/). */
typedef struct {
	const char *s[CONTENT_MAX_LANGS];
	const char *rel[CONTENT_MAX_LANGS];
} content_audio;

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
	int sign_level;       /* signs { level = ... }: content_flag_level of the box; 0 a plain list */
	const char **signs;   /* signs: the red_flag id each item is the sign of */
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
	content_audio audio;  /* paragraph: its recording, by language */
};

typedef struct {
	const char *id;
	const char *file;
	int line;
	content_text title;
	content_block *blocks;
	int n_blocks;
	int on_show; /* callback handle, 0 when none */
	content_audio audio; /* a recording of the whole page, by language */
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

/* ---- The symptom questionnaire (questionnaire.lua), modelled on PRO-CTCAE:
 * the recall is "since your last session", every answer is scored 0..4.
 * Scales are written in Lua (so staff translate them); the standard ones
 * must keep the exact PRO-CTCAE wordings. */
#define CONTENT_SCALE_MAX_OPTIONS 5
#define CONTENT_QUESTIONNAIRE_MAX_ITEMS 48 /* a kiosk questionnaire stays short */

typedef struct {
	const char *id;   /* "severity", "frequency", "interference", "yesno", or staff's own */
	int n_options;    /* 2..5 */
	content_text options[CONTENT_SCALE_MAX_OPTIONS];
	int scores[CONTENT_SCALE_MAX_OPTIONS]; /* 0..4; yes/no scores 0 and 4 */
} content_scale;

typedef struct {
	const char *id;    /* stable link id, e.g. "pain" (FHIR linkId later) */
	const char *file;
	int line;
	content_text text; /* the question, one screen */
	content_text short_name; /* chart and review label, e.g. "Pain" */
	int scale;         /* index into content_questionnaire.scales */
	int custom;        /* 1: not a PRO-CTCAE item (burning, lumps, fever ...) */
	unsigned areas;    /* bit (1u << content_area) per area it is asked for;
			    * 0: asked whatever areas the patient marked */
	int show_if_item;  /* -1, or an item that must score >= show_if_min first */
	int show_if_min;
} content_item;

typedef enum { CONTENT_FLAG_CALL = 1, CONTENT_FLAG_EMERGENCY = 2 } content_flag_level;

typedef struct {
	int item;          /* index into items */
	int min;           /* the condition holds when score >= min */
} content_condition;

#define CONTENT_RULE_MAX_CONDITIONS 4

typedef struct {
	const char *id;
	const char *file;
	int line;
	int level;         /* content_flag_level */
	content_text title;   /* what the calm full-screen instruction says */
	content_text message;
	int n_all;         /* every condition must hold (AND): when = {...} */
	content_condition all[CONTENT_RULE_MAX_CONDITIONS];
	int n_any;         /* and, when there are any, at least one of these (OR): any = {...} */
	content_condition any[CONTENT_RULE_MAX_CONDITIONS];
} content_rule;

typedef struct {
	int present;       /* 0 when the folder has no questionnaire.lua */
	const char *file;
	content_text title;
	content_text recall;  /* "Since your last session" */
	const char *body_image; /* absolute path of the body outline picture, or NULL */
	content_text area_names[CONTENT_AREA_COUNT]; /* what patients read for each area */
	content_scale *scales;
	int n_scales;
	content_item *items;  /* in the order they are asked */
	int n_items;
	content_rule *rules;  /* in file order; the first matching rule of the
			       * highest level is the one shown */
	int n_rules;
} content_questionnaire;

/* The red-flag rule a set of answers meets: scores has one entry per item
 * (-1: not asked or not answered). Returns the index of the rule to show,
 * the first in file order among those of the highest level that hold, or
 * -1 when none does. */
int content_flag_match(const content_questionnaire *q, const int *scores);
/* Index of an item by id, or -1. */
int content_item_index(const content_questionnaire *q, const char *id);
/* 1 when item i is to be asked, given the areas marked and the scores so
 * far (its show_if item answered high enough). An item with areas 0 is
 * asked whatever was marked; when no area is marked (areas 0), every
 * item's areas are taken to match, so nothing is skipped by mistake. */
int content_item_applies(const content_questionnaire *q, int i, unsigned areas, const int *scores);

typedef struct {
	const char *version;  /* manifest version string */
	/* Clinical review (manifest reviewed_by, reviewed_on, next_review):
	 * shown on the about page as {reviewed_by} ...; NULL when absent.
	 * reviewed_by is a name (the same in every language) or a text. */
	content_text reviewed_by;
	const char *reviewed_on, *next_review;
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
	/* The symptom questionnaire (questionnaire.lua, optional file). */
	content_questionnaire q;
} content_model;

/* ---- Loading. */

/* A value from the kiosk's configuration that content may write as {name}
 * (the clinic's phone numbers ...). value NULL or "" means not configured:
 * the text then reads the string "contact_ask" ("ask at the front desk") and
 * the load warns. A value "@key" is the strings.lua text `key`, in each
 * language (the side-effect regulator of the configured country). */
typedef struct {
	const char *name;
	const char *value;
	const char *setting; /* for the warning: where it is set, e.g. "clinic_phone in kiosk.conf" */
	int ltr;             /* always read left to right (a phone number), even in Arabic */
} content_var;

typedef struct {
	size_t mem_limit;      /* bytes for the whole Lua state; default 32 MiB */
	unsigned load_ms;      /* budget for running all files; default 200 */
	unsigned callback_ms;  /* budget per callback; default 20 */
	const content_var *vars; /* {name} values; only these names are replaced */
	int n_vars;
} content_limits;

typedef struct content content;

/* Loads and validates the folder `dir`. On success *out is a ready content
 * and 0 is returned. On failure *out is NULL, every problem found is in
 * `probs` and MK_ECONTENT is returned. `lim` may be NULL for defaults. */
int content_load(content **out, const char *dir, const content_limits *lim,
		 content_problems *probs);
void content_free(content *c);

/* What a clean load noticed but does not refuse (a contact the kiosk's
 * configuration lacks, a review date passed): --check prints them, the
 * kiosk logs them and shows staff. Never NULL. */
const content_problems *content_warnings(const content *c);

const content_model *content_model_of(const content *c);
/* A button's `to` that opens the kiosk's own patient screens (sign-in,
 * then My course) instead of a page. */
#define CONTENT_SCREEN_COURSE "@my-course"

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
/* A date as the language writes it ("6 December 2026"), from the strings
 * month_1..month_12, date_format ("{day} {month} {year}") and date_day_one
 * (French "1er"); brief takes month_short_N where there is one ("6 Dec
 * 2026"); digits, day first, when the content has no month names. Writes
 * at most n bytes into out, cut at a character; MK_EINVAL for no such date. */
#define CONTENT_DATE_MAX 64
int content_date(const content_model *m, int lang, int year, int month, int day, int brief,
		 char *out, size_t n);

/* ---- Callbacks. What a callback asked the kiosk to do. */
typedef struct {
	char go[128]; /* page id to show, or "" */
} content_action;

/* Runs callback `handle` (from on_show / on_tap) with the callback budget.
 * `page` and `lang` tell the callback where the patient is. Returns 0, or
 * a negative code with the message set (`file:line: message`); a failing
 * callback leaves the model untouched. */
int content_call(content *c, int handle, const char *page, int lang, content_action *act);

/* True once content was stopped by force (it ran past its budget where
 * the hook could not stop it): its callbacks no longer run, and it should
 * be replaced. */
int content_dead(const content *c);

/* The last resort, when content can be stopped neither by its hook nor by
 * force (see watchdog.c): fn is called from the watchdog thread with the
 * content's folder and the last place it ran. The kiosk sets the content
 * aside and exits; --check reports it and exits. Without one, the process
 * exits with status 70. */
typedef void (*content_stuck_fn)(void *ud, const char *dir, const char *file, int line);
void content_on_stuck(content_stuck_fn fn, void *ud);

/* Bytes the Lua state uses now (for staff status and benchmarks). */
size_t content_mem_used(const content *c);

#endif
