/* SPDX-License-Identifier: MIT */
/*
 * app: the kiosk program's shell. Private header shared by the files of
 * this folder: configuration, the loop, reload, the crash guard, drawing,
 * the semantic tree, the driver and --check. The state it shares with the
 * screens (the `app` struct, its configuration, the screen ids and button
 * kinds) is in src/screens/kiosk.h; the screens and staff mode are the
 * modules below this one (screens.h, staff.h), and the table that joins
 * them is scr_table.c.
 */
#ifndef MK_APP_H
#define MK_APP_H

#include "kiosk.h"
#include "screens.h"
#include "staff.h"

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
/* mesokiosk --set-staff-pin [NAME]: asks for the new staff PIN twice (or
 * reads one line from a pipe) and writes its Argon2id hash into the config
 * file: staff_pin_hash, or staff_pin_hash.NAME for a member of staff's own
 * PIN (a bad NAME is refused before the PIN is asked). */
int app_set_staff_pin(const char *config_path, const char *name);
/* `mesokiosk keygen --content PREFIX`, `bundle DIR OUT --key K [--version N]`
 * and `bundle-check FILE [--keys ...] [--shown N] [--into DIR]`: the exit
 * status, or -1 when argv is none of them (bundle_cli.c). */
int app_bundle_main(int argc, char **argv);
/* `sheet` and `sheet-diff` (sheet.c): the collector's preview pictures,
 * made in the kiosk's process so only it decodes them; -1: not one of them. */
int app_sheet_main(int argc, char **argv);


/* The shell's own state (a->loop), which the screens never see: the
 * window and input, the frame and tap times, the text-fit pass and the
 * reload thread. app_open makes it, app_close frees it. */
struct app_loop {
	SDL_Window *win;
	ui_input *in;
	ren_pins *pins;    /* the pictures of ct, as checked (drawn from these) */
	int pressed;     /* index of the pressed element, or -1 */
	int reload_held; /* new content arrived during a PIN check: swapped in after it */
	int interacted;  /* input since the last reset */
	uint64_t last_input_ms;
	int dark;          /* the nightly screen-off window: black, not drawing (dark.c) */
	int quit;
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
	/* The keyboard's focus (focus.c), kept as the control's meaning. */
	int focus_shown;   /* the ring: shown after a focus key, hidden on a touch */
	int focus_act, focus_arg, focus_arg2;
	char focus_label[128];
	int focus_nth;         /* which of the controls meaning the same, in order */
	uint64_t focus_screen; /* the screen it was on */
	int heard_el;          /* the element Listen was reading at the last look (heard.c) */
	int walking;           /* the driver's walk-every: its keys neither stop nor start speech */
	struct touchread *touch; /* touchread.c */
	struct rollout *roll;    /* rollout.c: signed bundles, remote screenshots */
	struct software *soft;   /* software.c: package updates through the helper */
};

/* The table of screens (scr_table.c), which app_open gives the screens. */
extern const scr_table app_screens;
/* The row of a screen (the SCR_PAGE row for an unknown id). */
const scr_def *scr_def_of(scr_id id);

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

/* ---- Sending to the clinic (send.c): the outbox worker. */
void send_start(app *a); /* after scr_open; sets a->sync_off when not sending */
void send_stop(app *a);
void send_content(app *a); /* the content (and its version) changed */
/* Waits (real time, up to seconds) until the outbox has nothing waiting:
 * the driver's `wait-sent`. */
int send_wait(app *a, int seconds);
/* For the driver: waits (real time) until the sender reports a problem;
 * MK_ELIMIT when none came within seconds. */
int send_wait_problem(app *a, int seconds);

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
/* Loads dir (an unpacked bundle) on the side and, when clean, shows it
 * on trial, as reload_now does an edit; else why gets the first problem
 * as file:line: message and MK_ECONTENT is returned. */
int reload_switch(app *a, const char *dir, char *why, size_t cap);
extern Uint32 reload_event_type;

/* ---- Signed content bundles on the kiosk (rollout.c): the bundle the
 * sender downloaded is checked against content_keys, unpacked into
 * <data>/content-bundles/N/ and shown from the attract screen. */
int rollout_open(app *a);   /* reads content_keys and what was shown; before reload_prefetch */
void rollout_close(app *a);
/* Each turn of the loop: a new bundle, one waiting for the attract screen,
 * a screenshot request (cheap: the sender is asked once a second). */
void rollout_tick(app *a);
/* The folder to show at start (the newest bundle shown), NULL: the configured one. */
const char *rollout_start_dir(app *a);
/* The bundle shown before the one on screen, or NULL: the first fallback. */
const char *rollout_prev_dir(app *a);
/* 1 when edits of the configured folder may be shown (local_edits). */
int rollout_edits_allowed(const app *a);
/* An edit of the configured folder is on screen (no bundle any more). */
void rollout_local_shown(app *a);
/* The content from dir was set aside (a callback hung): a bundle ends rejected. */
void rollout_set_aside(app *a, const char *dir, const char *why);
/* ---- Software updates (software.c): the package the sender downloaded
 * is checked against software_keys and handed to the root helper through
 * <data>/software/ when the kiosk is at rest. */
int software_open(app *a);  /* reads software_keys and what was taken */
void software_close(app *a);
/* Each turn of the loop: started written after the first frame, a package
 * handed over at rest, the helper's status and a new package once a second. */
void software_tick(app *a);
#ifdef MK_TESTING
void software_test_offer(app *a, const char *path, long long version);
void software_test_now(app *a);
void software_test_state(app *a, char state[16], long long *taken, long long *offered,
			 char problem[201]);
int drive_package_offer(app *a, const char *arg);
int drive_expect_software_state(app *a, const char *arg);
int drive_software_status(app *a, const char *arg);
#endif
/* Nobody is using the kiosk: the attract screen, or the start page as the
 * kiosk started, with no patient signed in, nothing open, no staff, not
 * dark. A new bundle or package is taken only then. */
int app_at_rest(const app *a);
/* What is kept of versions refused for good, in dir/rejected ("N reason"
 * lines): the reason into why, or NULL when n was never refused. */
char *rollout_rejected_before(const char *dir, long long n, char *why, size_t cap);
void rollout_remember_rejected(const char *dir, long long n, const char *why);
/* bundle_check's message without the download's path and "refused: ":
 * the version already says which bundle, and the heartbeat keeps 200 bytes. */
const char *rollout_reason(const char *msg, const char *path);
/* Answers the sender's screenshot request, once a second (rollout_shot.c). */
void rollout_shot_tick(app *a);
/* A picture of what is on screen as PNG bytes in memory (app.c), for a
 * remote screenshot; the caller frees *png. */
int app_screenshot_png(app *a, unsigned char **png, size_t *n);
#ifdef MK_TESTING
/* The driver's stand-ins for the sender (drive_rollout.c). */
void rollout_test_offer(app *a, const char *path, long long version);
void rollout_test_shot(app *a);
void rollout_test_now(app *a); /* the next turn of the loop looks at once */
/* The content state as the next heartbeat would say it; the test
 * screenshot's answer: 0 none yet, 1 a picture (bytes, w x h), 2 refused. */
void rollout_test_state(app *a, char state[16], long long *shown, long long *offered,
			char problem[201]);
int rollout_test_answer(app *a, size_t *bytes, char why[100]);
/* The driver's commands for them (drive_rollout.c). */
int drive_bundle_offer(app *a, const char *arg);
int drive_expect_content_state(app *a, const char *arg);
int drive_screenshot_request(app *a, const char *arg);
int drive_expect_screenshot_answer(app *a, const char *arg);
int drive_crash(app *a, const char *arg);
int drive_wait_content(app *a, const char *arg);
#endif

/* ---- The keyboard's focus (focus.c). */
/* Handles Tab, the arrows, Enter, Space and Escape; 1 when it used the key. */
int focus_key(app *a, const SDL_KeyboardEvent *ev);
void focus_hide(app *a); /* a touch, or typing: the ring goes */
/* A control was tapped: the focus moves there (shown at the next key). */
void focus_note(app *a, const view_el *e);
void focus_paint(app *a);
/* The ring around view element i, wherever it is on screen (the focus,
 * or the element Listen is reading). */
void focus_ring(app *a, int i);
/* Where that ring goes around: the element on screen, and a little
 * clear of it when it is words or a picture; 0 when it is off screen. */
int focus_ring_box(app *a, int i, SDL_Rect *r);
/* Scrolls page element i wholly into view below the bar. */
void focus_into_view(app *a, int i);
int focus_ring_px(const app *a);
/* ---- What Listen is reading (heard.c): outlined, kept in view. */
void heard_follow(app *a); /* after each layout */
void heard_paint(app *a);
/* The view's index of the focused control (the screen's first when the
 * focus is on another screen), -1 when the screen has no control. */
int focus_current(app *a);
/* The first view element a key may reach: the one after a dialog's dim. */
int focus_first_el(const app *a);
/* The controls a key reaches, in reading order; returns how many. */
int focus_order(const app *a, int *out, int max);
/* A tap in the middle of view element i, through the touch path (act.c). */
void app_tap_el(app *a, int i);
/* Element i takes the focus, its ring shown and scrolled into view. */
void focus_show(app *a, int i);
/* The screen the focus belongs to now (a new page, screen or overlay is
 * another); a->loop->focus_screen is the one it was set on. */
uint64_t focus_screen_key(const app *a);

/* ---- Touch reading (touchread.c): the touch-only mode without seeing. */
int touchread_open(app *a);
void touchread_close(app *a);
/* A pointer event: 1 when the mode took it (ui/ never sees it). */
int touchread_event(app *a, const SDL_Event *ev);
/* Each turn of the loop: holds, a lone tap's wait, exploring a resting finger. */
void touchread_tick(app *a, uint64_t now);
uint64_t touchread_next_timer(const app *a); /* mk_now_ms it needs the loop at, 0: none */
/* The idle reset: the mode ends, the speech volume back to kiosk.conf's. */
void touchread_end(app *a);
/* Quieter (-1) and Louder (+1): a step of 10, said. */
void touchread_volume(app *a, int dir);
/* The idle question just appeared: in the mode it is read out. */
void touchread_idle_asked(app *a);

/* ---- Drawing (paint.c), tree (tree.c), driver (drive.c), check (check.c). */
void paint_view(app *a);
int tree_dump(app *a, const char *path);
int tree_find(app *a, const char *text, int interactive_only);
int tree_has_text(app *a, const char *text);
int tree_has_role(app *a, const char *role); /* a visible element with that role */
int tree_visible(app *a, int i, SDL_Rect *screen);
/* How the view is on screen now, for hit testing and the tree (tree.c). */
wg_frame app_frame(const app *a);
int drive_run(app *a, const char *script);
/* The controls before a tap at (x, y) or typing (-1, -1), and the check
 * that none moved or changed meaning since (drive_steady.c). */
void drive_steady_note(app *a, int x, int y);
int drive_expect_steady(app *a, const char *arg);
/* Lets animations and checks on threads finish; a reader's wait before a
 * tap on a screen just shown (drive.c). */
void drive_settle(app *a);
void drive_wait_guard(app *a);
/* The keyboard (drive_keys.c): `key NAME`, `expect-focus LABEL`,
 * `focus-walk`, `expect-ring [none]`. */
int drive_key(app *a, const char *arg);
int drive_expect_focus(app *a, const char *arg);
int drive_focus_walk(app *a, const char *arg);
/* focus-walk's check; quick: the Tabs go straight to the focus, no frame. */
int drive_walk_screen(app *a, int quick);
int drive_expect_ring(app *a, const char *arg);
/* `walk-every [on|off]` (drive_every.c): each screen reached is walked
 * with the keyboard before the script acts on it; drive_walk_pending
 * walks the screen shown now if it is new. */
int drive_walk_every(app *a, const char *arg);
void drive_walk_init(void); /* MK_DRIVE_WALK_EVERY=1: on from the script's start */
int drive_walk_pending(app *a);
/* `shots DIR TAG`: every page in every language, one PNG each (drive_shots.c). */
int drive_shots(app *a, const char *arg);
/* From the screen's first control (next shows it) through every enabled
 * one with next, checking each (check may be NULL), in reading order,
 * and back to the first: focus-walk's and swipe-walk's walk. */
int drive_walk(app *a, const char *what, void (*next)(app *a), int (*check)(app *a, int i));
/* Fingers for touch reading (drive_touch.c). */
int drive_fingers(app *a, const char *arg);
int drive_explore(app *a, const char *arg);
int drive_finger_tap(app *a, const char *arg);
int drive_finger_double_tap(app *a, const char *arg);
int drive_finger_swipe(app *a, const char *arg);
int drive_finger_scroll(app *a, const char *arg);
int drive_swipe_walk(app *a, const char *arg);
int drive_speech_peak(app *a, const char *arg);
int drive_hush(app *a, const char *arg);
int drive_expect_scrolled(app *a, const char *arg);
int drive_expect_unsaid(app *a, const char *arg);
int drive_expect_speech_peak(app *a, const char *arg);
/* The script's checks of what is on screen (drive_expect.c). */
int drive_expect(app *a, const char *arg);
int drive_expect_not(app *a, const char *arg);
int drive_expect_in_view(app *a, const char *arg);
int drive_expect_disabled(app *a, const char *arg);
int drive_remember_place(app *a, const char *arg);
int drive_expect_same_place(app *a, const char *arg);
int drive_expect_scale(app *a, const char *arg);
int drive_expect_theme(app *a, const char *arg);
int drive_expect_dir(app *a, const char *arg);
int drive_expect_code(app *a, const char *arg);
int drive_expect_role(app *a, const char *arg);
int drive_expect_no_role(app *a, const char *arg);
/* What Listen says and plays (drive_say.c). */
int drive_say_log(app *a, const char *arg);
int drive_expect_said(app *a, const char *arg);
int drive_expect_speech(app *a, const char *arg); /* `expect-sound speech N` */
int drive_expect_recording(app *a, const char *arg); /* `expect-sound recording N` */
int drive_expect_all_spoken(app *a, const char *arg); /* drive_spoken.c */
int drive_expect_reading(app *a, const char *arg);
int drive_said_mark(app *a, const char *arg);
int drive_expect_never_said(app *a, const char *arg);
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
/* --check only (check_narration.c): every recording the content names is
 * there, Opus, whole, and not far longer than its text; one problem each,
 * at the line of its paragraph or page. Returns how many it added. */
int check_narration(const content_model *m, content_problems *probs);
/* Adds a problem for each interface string the content lacks; returns how many. */
int check_strings(const content_model *m, const char *dir, content_problems *probs);
int app_screenshot(app *a, const char *path);

/* ---- systemd (notify.c): no-ops without libsystemd or outside a unit. */
/* `mesokiosk session`: runs cage with the app, stops it cleanly (session.c). */
int session_run(const app_config *cfg, int argc, char **argv);
/* Shows why the kiosk cannot start until SIGTERM (fatal.c); 0 after a stop. */
int fatal_screen_run(const char *msg);
void notify_ready(void);
void notify_watchdog(void);
uint64_t notify_watchdog_interval_ms(void);

#endif
