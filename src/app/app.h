/* SPDX-License-Identifier: MIT */
/*
 * app: the kiosk program. Private header shared by the files of this
 * folder: the configuration, the theme, the laid-out view of a page (a flat
 * list of elements that is both what we draw and the semantic tree that
 * tests and the driver read), and the app state that ties them together.
 *
 * The view is rebuilt only when something that changes layout changes
 * (page, language, text size, theme, window size, quiz answer, reload);
 * a frame only walks the list, so drawing never calls Lua and a steady
 * frame renders no text.
 */
#ifndef MK_APP_H
#define MK_APP_H

#include "content.h"
#include "core.h"
#include "store.h"
#include "track.h"
#include "render.h"
#include "ui.h"
#include "widgets.h"
#include <SDL.h>

/* ---- Configuration: kiosk.conf, then flags. */
typedef struct {
	char *content_dir;
	char *data_dir;
	char *config_file; /* the file read, or NULL */
	char *drive;       /* --drive SCRIPT */
	char *language;    /* default language code, or NULL for the manifest's */
	char *theme;       /* NULL: the manifest's */
	int win_w, win_h;  /* window size; 0 = fullscreen */
	int headless;
	int lockdown;
	int idle_s, countdown_s;
	int text_scale;    /* 100, 130 or 160 */
	int check_w, check_h;
	char *clinic_key;     /* clinic_public_key: file with the clinic's public key */
	char *staff_pin_hash; /* Argon2id hash of the staff PIN ("$argon2id$...") */
	int staff_idle_s;     /* staff mode closes itself after this long idle */
	int pin_len;          /* digits of a new patient PIN (pin_length, 6 to 12) */
	int retention_days;   /* acknowledged records leave after this (kiosk_retention_days) */
	char *camera;         /* camera device; NULL: the first; "test:yuyv:WxH" the test source */
	char *import_dir;     /* folder staff import photos from (a USB stick's mount) */
	char *tpm;            /* "auto" (NULL), "off" or a tpm2-tss TCTI (store_tpm_use) */
	char *collector_url;  /* the clinic's collector, "https://host:port"; NULL: no sync */
	char *collector_token; /* "KIOSK-ID.SECRET" from mesokiosk-collector add-kiosk */
	char *collector_ca;   /* PEM of the collector's certificate or CA; NULL: system CAs */
	int collector_timeout_s; /* one request to the collector gives up after this */
	int rotation;         /* the screen turned clockwise: 0, 90, 180 or 270 (applied by cage) */
	int outputs_last;     /* several screens: 1 shows the last one only, 0 extends */
	int screen_off_from, screen_off_to; /* nightly black screen, minutes after midnight; -1: none */
	const char *content_from; /* where content_dir came from, for the start line */
	/* The clinic's contacts, which content writes as {clinic_phone} ... */
	char *clinic_name, *clinic_phone, *clinic_hours, *out_of_hours_phone, *emergency_number;
	char country[3];      /* ISO 3166 code, "" when not set: the side-effect regulator */
	int renderer;         /* RENDERER_AUTO, _GL or _SOFTWARE (kiosk.conf renderer) */
	const char *present;  /* the path taken: "gl", "software" or "headless" (present.c) */
	const char *present_why;
	char present_driver[64]; /* the render node's kernel driver, or "none" */
} app_config;

enum { RENDERER_AUTO, RENDERER_GL, RENDERER_SOFTWARE };
/* Chooses how frames reach the screen, before SDL starts (present.c). */
void present_choose(app_config *c);
/* The window flag that makes the kiosk fullscreen on that path. */
Uint32 present_fullscreen_flag(const app_config *c);

void app_config_defaults(app_config *c);
void app_config_free(app_config *c);
/* Reads `key = value` lines; unknown keys and bad values are errors that
 * name file:line (message in mk_err_msg). */
int app_config_load(app_config *c, const char *path);
/* Applies one setting by key (shared by the file and by flags). */
int app_config_set(app_config *c, const char *key, const char *val);
/* The {names} content may use, with this configuration's values; returns
 * how many were written into out (at most APP_CONTENT_VARS). The values
 * point into cfg. */
#define APP_CONTENT_VARS 8
/* Quizzes a page may hold that remember their answer while it is shown. */
#define APP_MAX_QUIZZES 64
int app_content_vars(const app_config *cfg, content_var out[APP_CONTENT_VARS], char regulator[16]);
/* content_limits carrying them, for content_load. */
content_limits app_content_limits(const app_config *cfg, content_var vars[APP_CONTENT_VARS],
				  char regulator[16]);
/* Fills content_dir when nothing set it: the checkout's assets/content when
 * this binary runs from its build tree, else the installed data folder
 * next to the binary (PREFIX/share/mesokiosk/content), else the prefix it
 * was built for. Sets content_from to flag, config, checkout or installed. */
void app_config_default_content(app_config *c);
/* The documented default path, or NULL when none exists. */
const char *app_config_default_path(void);
/* Where a new per-user configuration goes ($XDG_CONFIG_HOME/mesokiosk/kiosk.conf). */
const char *app_config_user_path(void);
/* mesokiosk --set-staff-pin: asks for the new staff PIN twice (or reads
 * one line from a pipe) and writes its Argon2id hash into the config file. */
int app_set_staff_pin(const char *config_path);

/* ---- What a button does (view_el.act; widgets.h has the view). */
typedef enum {
	ACT_NONE, ACT_GO, ACT_CALLBACK, ACT_BACK, ACT_HOME, ACT_HELP, ACT_LANG,
	ACT_SCALE, ACT_QUIZ, ACT_STILL_HERE, ACT_START_OVER, ACT_WAKE,
	/* patient and staff screens (scr*.c) */
	ACT_FLOW,   /* arg: a flow command (scr.h) */
	ACT_KEY,    /* arg: a keypad key, or an on-screen keyboard key index */
	ACT_ANSWER, /* arg: the option chosen for the item on screen */
	ACT_AREA,   /* arg: a body area to mark or unmark */
	ACT_PLAN,   /* arg: a course plan */
	ACT_EDIT,   /* arg: a questionnaire item to answer again */
	ACT_PHOTO,  /* arg2: what (scr_int.h PH_*); arg: index; target: a photo's UUID */
} act_kind;

typedef struct app app;

/* Builds the whole screen for the current state. */
int view_build(app *a);
/* Lays out one page's blocks for --check: appends fit problems. */
void view_check_page(app *a, int page, content_problems *probs);

/* ---- Screens beyond the content pages: the patient's course and the
 * staff tools (scr*.c), one row each in scr_table.c. The current one is
 * sc.id; SCR_PAGE shows pages. */
typedef enum {
	SCR_PAGE, SCR_SIGNIN_CODE, SCR_SIGNIN_PIN, SCR_CONSENT, SCR_COURSE, SCR_AREAS,
	SCR_ITEM, SCR_NOTE, SCR_REVIEW, SCR_FLAG, SCR_SAVED, SCR_PROGRESS,
	SCR_STAFF_PIN, SCR_STAFF, SCR_STAFF_PLANS, SCR_STAFF_ADJUST, SCR_ENROL_PIN,
	SCR_ENROL_CODE, SCR_STAFF_FIND, SCR_STAFF_PATIENT, SCR_STAFF_ERASE, SCR_STAFF_RESET,
	SCR_PHOTO_AREA, SCR_CAMERA, SCR_PHOTOS, SCR_PHOTO_VIEW, SCR_COMPARE,
	SCR_STAFF_IMPORT_PIN, SCR_STAFF_IMPORT, SCR_STAFF_SEND,
	SCR_COUNT
} scr_id;

typedef struct {
	scr_id id;
	char entry[TRACK_NOTE_MAX + 1]; /* what is being typed: code, PIN, note */
	char pin1[STORE_PIN_MAX + 1]; /* the first entry of a new PIN */
	char signin_code[STORE_CODE_LEN + 1]; /* the code typed before the PIN */
	int osk_mode;        /* on-screen keyboard: letters, shifted, digits */
	int item;            /* the questionnaire item on screen */
	int from_review;     /* answering again from the review screen */
	int rule;            /* the red flag on screen */
	char msg[512];       /* a line for this screen: an error, or "done" */
	int msg_bad;
	int msg_key;         /* msg is a strings.lua key: it follows a language change */
	int msg_seen;        /* msg has been scrolled into view once */
	int staff;           /* staff mode is open */
	int plan, sessions, interval; /* staff: plan chosen and adjusted */
	char code[STORE_CODE_LEN + 1];  /* staff: the patient in hand */
	/* photos (scr_photo.c) */
	int photo_area;      /* the area being photographed or imported, -1 none */
	int picking;         /* the timeline is choosing two photos to compare */
	char pick[2][STORE_UUID_LEN + 1];
	int n_pick;
	char view_uuid[STORE_UUID_LEN + 1]; /* the photo shown full screen */
	float zoom;          /* full view: 1 = fitted */
	int zoom_x, zoom_y;  /* the point zoomed on (screen) */
	float wipe;          /* compare slider: 0..1 across the picture */
	int slider;          /* compare: one over the other (1) or side by side */
	SDL_Rect cmp;        /* compare: where the pictures are (screen) */
	int tap_x, tap_y;    /* where the last tap landed */
	uint64_t corner_ms;  /* when a press began in the hidden corner, or 0 */
	uint64_t send_ms;    /* the sending screen was last laid out (it refreshes) */
	int swallow_tap;     /* the tap that ends the corner hold does nothing */
} scr_state;

/* ---- App state. */
enum { OVERLAY_NONE, OVERLAY_IDLE, OVERLAY_ATTRACT };

struct app {
	app_config cfg;
	SDL_Window *win;
	SDL_Renderer *sdl;
	ren *rn;
	ui_input *in;
	int w, h;
	content *ct;
	ren_pins *pins;    /* the pictures of ct, as checked (drawn from these) */
	const content_model *m;
	const theme *th;
	int lang;
	int scale;       /* text scale in percent */
	int page;
	int history[32];
	int n_history;
	int quiz_sel[APP_MAX_QUIZZES]; /* selected choice + 1 per quiz on the page, 0 none */
	view vw;
	ui_scroller scroll;
	int pressed;     /* index of the pressed element, or -1 */
	int overlay;
	int interacted;  /* input since the last reset */
	uint64_t last_input_ms;
	uint64_t overlay_ms;
	uint64_t trans_ms; /* start of the page transition, 0 when none */
	int need_layout, need_draw;
	int dark;          /* the nightly screen-off window: black, not drawing (dark.c) */
	int quit;
	char badge[256];   /* first error of a rejected content change, for staff */
	uint64_t frames;
	uint64_t first_frame_ns;
	uint64_t t_open[5];   /* app_open's steps done (mono ns): SDL, window, fonts, content, store */
	uint32_t input_ticks; /* SDL time of the oldest touch or click not yet on screen, 0: none */
	float tap_ms[256];    /* touch or click to the next presented frame, the last 256 */
	int n_tap;
	float frame_ms[1024]; /* draw times since the last driver `mark` */
	int n_frame_ms;
	int announce_content; /* log when new content reaches the screen */
	int fit_next;      /* next page whose text fit is checked, -1 when done */
	content_problems fit_probs;
	int ready_sent;
	void *reload;      /* reload.c state */
	char *own_data_dir; /* the default data folder, when we made its name */
	store *st;         /* patient data; NULL only if it failed to open */
	track *tk;         /* the signed-in patient */
	const char *track_off; /* string id of why tracking is off, for staff; NULL when on */
	const char *tpm_off;   /* string id of why no TPM guards patients' keys; NULL: one does */
	void *pics;        /* pics.c: the signed-in patient's photos as textures */
	struct sync_worker *sync; /* sends the outbox to the clinic; NULL when not configured */
	const char *sync_off; /* string id of why nothing is sent, for staff; NULL when sending */
	scr_state sc;
};

int app_open(app *a, const app_config *cfg);
void app_close(app *a);
/* Runs until quit; returns the exit status. */
int app_run(app *a);
/* One turn of the loop without blocking: handles queued events, timers and
 * animation, draws if needed. Returns 1 while something is animating. */
int app_pump(app *a);
void app_handle_event(app *a, const SDL_Event *ev);
/* Takes the renderer's output size if it changed (then lays out again);
 * returns 1 when it did. */
int app_sync_size(app *a);
void app_draw(app *a);
void app_go(app *a, int page, int push);
void app_reset(app *a); /* idle: start page, default language, all state */
void app_callback(app *a, int handle);
int app_content_swap(app *a, content *c, ren_pins *pins);
/* Idle and countdown timers (act.c). */
void app_timers(app *a, uint64_t now);
/* The nightly screen-off window (dark.c): goes dark when nobody uses the
 * kiosk inside it, wakes on a touch (returns 1 then) or when it ends. */
void dark_tick(app *a, uint64_t now);
int dark_wake(app *a);
uint64_t dark_next_timer(const app *a); /* mk_now_ms of the next window edge, or 0 */
/* Sleeps until an event arrives or ms pass (reload.c wakes it). */
void app_wait(app *a, int ms);
/* Next time (mk_now_ms) a timer needs the loop, or 0 when none. */
uint64_t app_next_timer(const app *a);

/* ---- Screens (scr.c): open the store and the patient side, route. */
int scr_open(app *a);      /* after content is loaded */
void scr_close(app *a);
void scr_go(app *a, scr_id id);
void scr_sign_out(app *a); /* wipes everything of the patient, back to pages */
void scr_act(app *a, const view_el *e);
int scr_text(app *a, const char *utf8); /* typed text (keyboard, scanner) */
int scr_key(app *a, SDL_Keycode k);     /* 1 when the screen used the key */
void scr_gesture(app *a, int kind, int x, int y); /* the hidden staff corner */
void scr_timers(app *a, uint64_t now);
uint64_t scr_next_timer(const app *a);
int scr_idle_s(const app *a);   /* idle seconds for the current mode */
int scr_for_staff(const app *a); /* staff mode, or a screen for staff or a hand-over */
void scr_view(void *lay);       /* lays out the current screen (view_int.h) */
const char *scr_back_label(const app *a); /* NULL: no Back on this screen */

/* ---- Sending to the clinic (send.c): the outbox worker. */
void send_start(app *a); /* after scr_open; sets a->sync_off when not sending */
void send_stop(app *a);
void send_kick(app *a);  /* a record was just saved */
/* An operational event for the heartbeat; never patient data. */
void send_event(app *a, const char *level, const char *event, const char *detail);
void send_content(app *a); /* the content (and its version) changed */
/* Waits (real time, up to seconds) until the outbox has nothing waiting:
 * the driver's `wait-sent`. */
int send_wait(app *a, int seconds);
/* For the driver: waits (real time) until the sender reports a problem;
 * MK_ELIMIT when none came within seconds. */
int send_wait_problem(app *a, int seconds);

/* ---- Photos on screen (pics.c), only while a patient is signed in. */
/* The texture of a photo (which: STORE_PHOTO_ORIGINAL or _THUMB), decrypted
 * on first use; NULL when it cannot be read. */
SDL_Texture *pics_get(app *a, const char *uuid, int which, int *w, int *h);
/* The camera's picture: frame (when not NULL) replaces it. */
SDL_Texture *pics_live(app *a, SDL_Surface *frame, int *w, int *h);
/* Overwrites and destroys every photo texture (sign-out). */
void pics_clear(app *a);

/* ---- Content loading with crash guard and last-good snapshot (reload.c). */
int reload_start(app *a);
void reload_stop(app *a);
/* Loads the configured content at start (live, else last good, else shipped). */
int reload_initial(app *a);
/* Starts the first content load on a thread (reload_initial takes it). */
int reload_prefetch(app *a);
/* Handles a content-changed event: load on the side, swap when clean. */
int reload_now(app *a);
/* Idle reset: reloads the content shown into a fresh Lua state. */
void reload_fresh(app *a);
/* While the loop is idle, checks the text fit of the content on screen a
 * page at a time (reload.c); returns 1 while work remains. */
int reload_fit_step(app *a);
/* Called after frames: marks trial content good once it has run a while. */
void reload_tick(app *a);
/* A callback of the content shown hung or ran over its budget (why:
 * file:line: message): reload_tick sets that content aside. */
void reload_set_aside(app *a, const char *why);
extern Uint32 reload_event_type;

/* ---- Drawing (paint.c), tree (tree.c), driver (drive.c), check (check.c). */
void paint_view(app *a);
int tree_dump(app *a, const char *path);
int tree_find(app *a, const char *text, int interactive_only);
int tree_has_text(app *a, const char *text);
int tree_visible(app *a, int i, SDL_Rect *screen);
/* How the view is on screen now, for hit testing and the tree (tree.c). */
wg_frame app_frame(const app *a);
int drive_run(app *a, const char *script);
int check_run(const app_config *cfg, const char *dir);
/* Checks loaded content beyond the loader: interface strings, pictures
 * (readable, not too large: pinned into pins, which is what the kiosk will
 * draw), and text fit on each screen size at every text size. Returns how
 * many problems it added. */
int check_loaded(ren *rn, ren_pins *pins, const content_model *m, const char *dir,
		 const int sizes[][2], int n_sizes, content_problems *probs);
/* Text fit of every page and language at one text size, at w x h. */
int check_fit_at(ren *rn, const content_model *m, int w, int h, int scale, content_problems *probs);
/* Text fit of one page, every language and text size, at w x h. */
int check_fit_page(ren *rn, const content_model *m, int page, int w, int h, content_problems *probs);
/* Adds a problem for each interface string the content lacks; returns how many. */
int check_strings(const content_model *m, const char *dir, content_problems *probs);
int app_screenshot(app *a, const char *path);

/* ---- systemd (notify.c): no-ops without libsystemd or outside a unit. */
/* `mesokiosk session`: runs cage with the app, stops it cleanly (session.c). */
int session_run(const app_config *cfg, int argc, char **argv);
/* Shows why the kiosk cannot start until SIGTERM (fatal.c); 0 after a stop. */
int fatal_screen_run(const char *msg);
/* 1 when the system clock is synchronised (network time), else 0 (timesync.c);
 * timesync_log says which at start. */
int timesync_state(void);
void timesync_log(void);
void notify_ready(void);
void notify_watchdog(void);
uint64_t notify_watchdog_interval_ms(void);

#endif
