/* SPDX-License-Identifier: MIT */
/*
 * content_int.h: what the files of the content module share and nobody
 * else sees. One `struct content` holds the Lua state, the model being
 * built, the arena that owns every string and array of the model, and the
 * budgets. The arena and the Lua allocator count into the same byte total,
 * so content cannot escape the memory cap by making the model huge.
 *
 * Only content/ includes lua.h; this header is where it comes in.
 */
#ifndef MK_CONTENT_INT_H
#define MK_CONTENT_INT_H

#include "content.h"
#include <signal.h>
#include <setjmp.h>
#include <stdint.h>
#include <lua.h>
#include <lauxlib.h>

#define CONTENT_MAX_FILES 256      /* manifest + strings + courses + questionnaire + pages */
#define CONTENT_MAX_FILE_SIZE (1u << 20)
#define CONTENT_MAX_PROBLEMS 200   /* after this, one "too many" and silence */
#define CONTENT_ID_MAX 64          /* page ids: fits content_action.go */
#define CONTENT_HOOK_COUNT 1000    /* instructions between budget checks */

enum { PHASE_LOADING, PHASE_READY };
enum { ROLE_MANIFEST, ROLE_STRINGS, ROLE_COURSES, ROLE_QUESTIONNAIRE, ROLE_PAGE };
enum { BLOWN_TIME = 1, BLOWN_MEM = 2 };

typedef struct arena_chunk arena_chunk;
typedef struct sb_blk sb_blk;
typedef struct sb_entry sb_entry;

/* A source location: file is an arena string (one of c->files). */
typedef struct {
	const char *file;
	int line;
} cloc;

/* A kiosk.go("page") found by reading the source, checked after loading. */
typedef struct go_ref {
	struct go_ref *next;
	cloc at;
	const char *target;
} go_ref;

struct content {
	lua_State *L;
	content_model model;
	content_limits lim;
	const char *dir;      /* as given (arena) */
	const char *dir_real; /* realpath of dir (arena) */

	/* memory: Lua state plus arena, against lim.mem_limit */
	size_t used;
	arena_chunk *arena;
	sb_blk *blocks;      /* every block of the Lua state (sb_alloc) */

	/* budgets */
	int phase;
	int blown;           /* BLOWN_* once a budget ran out */
	int run_failed;      /* a file did not run to its end */
	uint64_t deadline;   /* mk_mono_ns() value; 0: no budget running */
	uint64_t cpu_deadline; /* mk_thread_cpu_ns() value: what the budget counts */
	unsigned budget_ms;  /* for the message */
	volatile sig_atomic_t dead; /* stopped by force: L must not be touched */
	lua_State *volatile running; /* the coroutine resumed last, or NULL */

	/* files run so far: full path and Lua's short form of it */
	const char *files[CONTENT_MAX_FILES];
	const char *short_src[CONTENT_MAX_FILES];
	int n_files;
	int cur_file;
	int role;            /* ROLE_* of the file being run */
	cloc where;          /* last known position of running content */

	/* problems of this load */
	content_problems *probs;
	int n_probs;
	content_problems warnings;
	unsigned vars_warned; /* bit per lim.vars entry already warned about */

	/* what the model builders found */
	int pages_cap;
	int plans_cap;
	int q_scales_cap, q_items_cap, q_rules_cap;
	cloc *q_scale_at;    /* where each scale was written (for duplicates) */
	cloc q_at;           /* where questionnaire {} ran; file NULL until then */
	int first_page_file; /* index in files of the first page file */
	cloc manifest_at;    /* line 0 file NULL until manifest {} ran */
	int strings_seen;
	int n_callbacks;
	go_ref *gos;

	/* the callback being run */
	const char *call_page;
	int call_lang;
	content_action *act;
};

/* model.c: arena and problems */
void *content_arena_alloc(content *c, size_t n); /* zeroed; NULL past the cap */
char *content_arena_strdup(content *c, const char *s, size_t len);
void content_arena_free(content *c);
/* Records a problem for this load (counted, capped). */
void content_report(content *c, cloc at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* sandbox.c */
lua_State *sandbox_new(content *c);
/* Builds the environment; run under lua_pcall. Leaves nothing on the stack. */
int sandbox_setup_p(lua_State *L);
/* Pushes a fresh environment table for one file. */
void sandbox_push_env(lua_State *L);
void sandbox_arm(content *c, unsigned ms);
/* Raises the budget error if a budget ran out (or the deadline passed). */
void sandbox_check(lua_State *L, content *c);
int sandbox_over(content *c);
const char *sandbox_budget_msg(content *c, char *buf, size_t n);
/* Called from the watchdog's signal handler: the hook again, every
 * instruction, on the main state and the running coroutine. */
void sandbox_rehook(content *c);
/* Frees every block of a dead state (one stopped by force), without
 * walking it as lua_close would. */
void sandbox_free_dead(content *c);

/* watchdog.c: runs lua_pcall on c->L as one entry of content, under the
 * deadline sandbox_arm set, watched by a thread that can stop it by force
 * (see there). Returns the pcall status, or SANDBOX_ABORTED: c->dead is
 * then set and c->L must never be used again. */
#define SANDBOX_ABORTED (-100)
int sandbox_pcall(content *c, int nargs, int nres, int msgh);
/* Around C code that runs inside an entry and calls malloc, free, stdio
 * or the file system: a forced stop waits until the region ends. */
void sandbox_unsafe_begin(void);
void sandbox_unsafe_end(void);
/* Tests: how long after the deadline each strike comes (default 500,
 * 2000 and 10000 ms). */
void sandbox_watchdog_graces(unsigned hook_ms, unsigned abort_ms, unsigned stuck_ms);

/* Position of the nearest Lua code on the stack (also stored in c->where). */
cloc sandbox_where(lua_State *L, content *c, int level);
content *sandbox_content(lua_State *L);
int sandbox_file_index(content *c, const char *source);

/* lapi_content.c: page and the block constructors, and the helpers the
 * other constructors share. They record problems rather than raise, so
 * one file reports all its mistakes. */
void lapi_content_open(lua_State *L); /* sets constructors into the table on top */
content *lapi_begin(lua_State *L, const char *name, cloc *at);
void *lapi_need(lua_State *L, content *c, void *p); /* raises on NULL (memory) */
void lapi_fields(lua_State *L, content *c, int idx, const char *const *allowed,
		 int langs_ok, int array_ok, cloc at, const char *what);
/* Validates the string on top (not popped); stores a copy in *out. */
void lapi_take_string(lua_State *L, content *c, cloc at, const char *desc,
		      const char **out);
void lapi_text(lua_State *L, content *c, int idx, cloc at, const char *what,
	       content_text *out);
const char *lapi_typename(lua_State *L, int idx);
int lapi_rawfield(lua_State *L, int t, const char *name); /* pushes t[name], raw */
/* t[field] as a text table of its own; a problem if required and absent. */
void lapi_text_field(lua_State *L, content *c, int t, const char *field, cloc at,
		     const char *what, content_text *out, int required);
/* Index of t[field] in names (NULL-ended); dflt when absent or wrong. */
int lapi_choice_field(lua_State *L, content *c, int t, const char *field, cloc at,
		      const char *what, const char *const *names, int dflt);

/* Page and plan ids: letters, digits, '-' and '_', 1..CONTENT_ID_MAX. */
int lapi_valid_id(const char *s, size_t n);
/* `NAME "id" { ... }` constructors (page, course_plan), see lapi_content.c. */
int lapi_named(lua_State *L, const char *name, const char *label, int role, const char *what,
	       const char *where, const char *example, lua_CFunction body);

/* lapi_courses.c: course_plan "id" { ... } */
void lapi_courses_open(lua_State *L); /* sets the constructor into the table on top */

/* lapi_questionnaire.c: questionnaire {}, scale, item and red_flag */
void lapi_questionnaire_open(lua_State *L); /* sets the constructors into the table on top */
/* After questionnaire.lua ran: the checks that need the whole file (it
 * called questionnaire {}, it asks something). `clean`: the file ran to
 * its end, so what is missing is really missing. */
void lapi_questionnaire_finish(content *c, int file, int clean);

/* lapi_manifest.c: manifest {}, strings {} and the kiosk table */
void lapi_manifest_open(lua_State *L);
void lapi_kiosk_push(lua_State *L);   /* the table given to callbacks */

/* validate.c */
void validate_scan_go(content *c, int file, const char *buf, size_t len);
void validate_model(content *c);
/* Pops an image file name (or nil) into *out, reporting a bad one. */
void lapi_take_image(lua_State *L, content *c, cloc at, const char *what, const char **out);
int validate_image_path(content *c, const char *rel, char *out, size_t n,
			const char **why);
/* t.audio = { en = "audio/x.en.opus", ... } into *out (lapi_audio.c): a
 * path inside the content folder per language given; a missing file is
 * left to --check and the kiosk (which reads the text instead). */
void lapi_audio_field(lua_State *L, content *c, int t, cloc at, const char *what,
		      content_audio *out);
/* The path of rel inside the content folder: 0, or -1 with *why. A file
 * that does not exist is fine here (out is the folder joined with rel). */
int validate_audio_path(content *c, const char *rel, char *out, size_t n, const char **why);

/* ---- vars.c: {name} from the configuration. */
/* s with every configured {name} replaced (an arena copy), or s itself when
 * it names none. lang is the index of s's language. */
const char *content_vars_apply(content *c, cloc at, int lang, const char *s);
/* typo.c: French typography of one text (fr only); a problem when wrong. */
void content_check_french(content *c, cloc at, const char *what, const char *s);
/* A warning: printed by --check, logged by the kiosk, never a refusal. */
void content_warn(content *c, cloc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
