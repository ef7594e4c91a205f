/* SPDX-License-Identifier: MIT */
/*
 * screens: the screens beyond the content pages (sign-in, consent, course,
 * report questions, progress, photos) and the kit the screens and staff
 * mode lay themselves out with: titles, bodies, buttons, PIN pads and
 * keyboards on the kiosk's theme. The shell (src/app) routes input here
 * and gives the table of screens (a->screens); staff mode (src/staff)
 * builds on this header. Nothing here includes the shell's app.h.
 */
#ifndef MK_SCREENS_H
#define MK_SCREENS_H

#include "view_int.h"

/* What an ACT_FLOW button asks for (its arg). */
enum {
	F_SIGN_IN = 1, F_NEXT, F_BACK, F_SIGN_OUT, F_COURSE, F_CONSENT_YES, F_CONSENT_NO,
	F_REPORT, F_PROGRESS, F_SKIP_NOTE, F_CONFIRM, F_DONE,
	F_STAFF_CLOSE, F_STAFF_HOME, F_STAFF_ENROL, F_STAFF_FIND,
	F_SESS_MINUS, F_SESS_PLUS, F_INT_MINUS, F_INT_PLUS, F_PLAN_GO,
	F_P_SESSION, F_P_UNLOCK, F_P_RESET, F_P_ERASE, F_P_ERASE_YES, F_P_COURSE,
	F_PHOTO, F_PHOTO_CAMERA, F_PHOTO_TAKE, F_PHOTO_RETAKE, F_PHOTO_KEEP, F_PHOTOS,
	F_PHOTO_PICK, F_PHOTO_COMPARE, F_PHOTO_SLIDER, F_P_IMPORT, F_IMPORT_DONE,
	F_STAFF_SEND, F_SEND_RETRY, F_HOME, F_LEAVE_KEEP, F_LEAVE_GO,
	F_SESSION_KEEP, F_SESSION_ANOTHER, F_SESSION_UNDO,
	F_PHOTO_DELETE, F_PHOTO_DELETE_YES, F_PHOTO_DELETE_NO,
	F_CALL_STAFF,
};

/* ---- The router (router.c): opens the store and the patient side, routes. */
int scr_open(app *a);      /* after content is loaded */
void scr_close(app *a);
void scr_go(app *a, scr_id id);
void scr_sign_out(app *a); /* wipes everything of the patient, back to pages */
/* The high-contrast switch: on for this visitor, back to the kiosk's own
 * theme (kiosk.conf's, else the manifest's) for the next, with the text
 * size, at sign-out. */
void scr_contrast_toggle(app *a);
int scr_contrast_on(const app *a);
void scr_theme_normal(app *a);
void scr_act(app *a, const view_el *e);
/* ---- Recorded narration for Listen (narrate.c): one recording into the
 * speech stream, a little each frame. */
typedef struct narrate narrate;
/* NULL, with one log line, when it cannot be played (Listen then reads
 * the text): missing, not Opus, too large, or (for a file small enough
 * to be checked whole at once) damaged or far longer than `words` words
 * could need. */
narrate *narrate_open(const char *path, int words);
/* Checks the next slice of a large file, or moves what the stream has
 * room for (100 ms at most): 1 while there is more, 0 at its end, -1
 * when it turned out bad (logged: the voice is to say it). */
int narrate_step(narrate *n, snd *s);
uint64_t narrate_pushed(const narrate *n); /* samples at 48 kHz so far */
void narrate_close(narrate *n);
/* ---- Listen (listen.c, listen_read.c): a patient screen read aloud, from its tree. */
void listen_open(app *a);   /* a->listen stays NULL (and Listen hidden) when speech cannot start */
void listen_close(app *a);
int listen_shown(const app *a); /* 1: the bar shows Listen (or Stop) now */
int listen_on(const app *a);    /* 1 while it speaks (a reading or an announcement) */
int listen_whole(const app *a); /* 1 while it reads the screen: the bar shows Stop */
void listen_toggle(app *a);     /* ACT_LISTEN */
/* Every tap, before it acts: any tap but Listen's stops the reading. */
void listen_tap(app *a, int act);
/* Each frame: moves speech made so far to the sound, never waiting; stops
 * when what is read is no longer on screen. 1 while it reads. */
int listen_tick(app *a);
void listen_stop(app *a);
/* For the driver: the sentences queued since the last tap, in order, and
 * the speech samples the device took since that tap (or the last stop). */
int listen_n_said(const app *a);
const char *listen_said(const app *a, int i);
/* The recording sentence i starts (it says the n sentences from i), or
 * NULL when the voice says it. */
const char *listen_said_rec(const app *a, int i, int *n);
/* Samples of recordings given to the sound since the last Listen. */
uint64_t listen_rec_samples(const app *a);
/* 1 while a recording plays or one is still to come in this reading. */
int listen_rec_ahead(const app *a);
uint64_t listen_samples(const app *a);
unsigned listen_log_id(const app *a); /* changes when the sentences are forgotten */
/* Says text now in the screen's language, cutting off what was being said
 * (an announcement: the control under a finger, "digit entered"). It is
 * logged for the driver like a page's sentences and stops like them. */
void listen_say_now(app *a, const char *text);
/* Speech is in use by the person at the kiosk: they tapped Listen or
 * started the touch-only mode. Screens then speak on their own (a new
 * screen, a digit entered, the red flag); the idle reset ends it. */
void listen_set_used(app *a, int used);
int listen_used(const app *a);
/* What element i of the view says when announced, into out: a control's
 * label and its kind ("Next, button"), a text's words. 0 when it says
 * nothing (a box, a line, an empty text). */
int listen_describe(const app *a, int i, char *out, size_t n);
/* A control's words as it is announced: "Next, button", "التالي، زر". */
void listen_as_button(const app *a, const char *label, char *out, size_t n);
/* 1 when element i is read: an enabled control, a text, a picture's
 * description (not a button's own label, said with its button). */
int listen_spoken(const app *a, int i);
/* After each layout: once speech is in use, a new screen says its title
 * (a question, the red flag and the idle question are read whole), a
 * digit typed says "digit entered" and a new message is read. */
void listen_follow(app *a);
/* The view element being heard now, or -1: the shell outlines it and
 * scrolls it into view. */
int listen_reading(const app *a);
#ifdef MK_TESTING
/* Every sentence said since the last clear, one a line (the driver's
 * said-mark and expect-never-said). */
const char *listen_transcript(void);
void listen_transcript_clear(void);
#endif
int scr_text(app *a, const char *utf8); /* typed text (keyboard, scanner) */
int scr_key(app *a, SDL_Keycode k);     /* 1 when the screen used the key */
int scr_typing(const app *a);           /* 1 on a screen that types into a field */
void scr_gesture(app *a, int kind, int x, int y); /* the hidden staff corner */
/* Holding the corner shows a ring after this long, filling until staff
 * mode's PIN opens: scr_corner_pct says how far (-1: no ring yet). */
#define SCR_CORNER_RING_MS 1000
int scr_corner_pct(const app *a);
void scr_timers(app *a, uint64_t now);
uint64_t scr_next_timer(const app *a);
int scr_tap_guarded(const app *a, uint64_t t_ms); /* a tap too soon after a change */
int scr_idle_s(const app *a);   /* idle seconds for the current mode */
int scr_for_staff(const app *a); /* staff mode, or a screen for staff or a hand-over */
void scr_view(lay *L);          /* lays out the current screen */
const char *scr_back_label(const app *a); /* NULL: no Back on this screen */

/* ---- Photos on screen (pics.c), only while a patient is signed in. */
/* The texture of a photo (which: STORE_PHOTO_ORIGINAL or _THUMB), decrypted
 * on first use; NULL when it cannot be read. */
SDL_Texture *pics_get(app *a, const char *uuid, int which, int *w, int *h);
/* The camera's picture: frame (when not NULL) replaces it. */
SDL_Texture *pics_live(app *a, SDL_Surface *frame, int *w, int *h);
/* Overwrites and destroys every photo texture (sign-out). */
void pics_clear(app *a);
/* A texture of a picture's bytes (our own thumbnails), to be destroyed
 * with pics_wipe; NULL when they cannot be read. */
SDL_Texture *pics_decode(app *a, const void *bytes, size_t n, int *w, int *h);
void pics_wipe(SDL_Texture *t);
/* Overwrites and drops a photo's textures (the patient deleted it). */
void pics_forget(app *a, const char *uuid);

/* An interface string in the current language. */
const char *scr_str(const app *a, const char *key);
/* s with each "{name}" replaced by the value after it (pairs, NULL-ended);
 * the caller keeps the result with view_own. */
char *scr_fill(const char *s, ...);
/* A time in seconds as a date in the screen's language ("6 December 2026",
 * "6 décembre 2026"): content_date, with the content's month names. */
#define SCR_DATE_MAX CONTENT_DATE_MAX
void scr_date(const app *a, int64_t t, char out[SCR_DATE_MAX]);
/* The same with the month's short name ("6 Dec 2026"), where room is short. */
void scr_date_brief(const app *a, int64_t t, char out[SCR_DATE_MAX]);
/* Sets the screen's message line to the interface string `key`, shown in
 * whatever language is chosen while it is up. */
void scr_say(app *a, int bad, const char *key);
/* Sets it to text that has no translation (an error from the store). */
void scr_say_text(app *a, int bad, const char *s);
/* Time now in seconds (the virtual clock under the driver). */
int64_t scr_now(void);

/* The screens' kit (kit.c). */
/* A patient code as people read and copy it: in groups of four
 * ("WZU8 FWSQ"); a code being typed is grouped as far as it goes. Typing
 * takes it with or without the space (only code characters are kept). */
#define SCR_CODE_SHOWN (STORE_CODE_LEN + 2)
void scr_code_group(const char *code, char out[SCR_CODE_SHOWN]);
int scr_title(lay *L, const char *s, int y);
int scr_body(lay *L, const char *s, int y, SDL_Color c);
/* The screen's message. A screen that may show one while it is up lists
 * them in L->msgs (its view sets it): the room for the longest is kept,
 * up or not, so a message moves nothing. */
int scr_msg(lay *L, int y);
/* The same, showing the string `key` in the message's place while no
 * message is up (a state such as a locked code, which a message then
 * replaces without moving anything). */
int scr_msg_or(lay *L, int y, const char *key, int bad);
int scr_margin(lay *L);
int scr_left(lay *L);  /* x of the column */
int scr_width(lay *L);
int scr_button_w(lay *L); /* width of a main button */
view_el *scr_button(lay *L, const char *label, int y, int primary, act_kind act, int arg);
int scr_after(lay *L, int y, view_el *e); /* y below a button */
int scr_pin(lay *L, int y, int slots, int min); /* dots, message, PIN pad */
/* The string key with {n} = pin_length, owned by the view. */
const char *scr_pin_words(lay *L, const char *key);
int scr_osk(lay *L, int y, int codes_only);
int scr_osk_short(lay *L, int y, int codes_only); /* its keys as short as they may be */
int scr_entry(lay *L, int y, int secret, int slots);

/* ---- The table of screens (scr_table.c). */
enum { SCR_WHO_PATIENT, SCR_WHO_STAFF, SCR_WHO_HANDOVER }; /* hand-over: staff mode, the patient types */
enum {
	SCR_BACK_BUTTON = 1,  /* the bar shows Back */
	SCR_EVERY_SECOND = 2, /* laid out again each second while up (its view sets sc.send_ms) */
};
/* What may be typed on a screen. */
enum { SCR_ENTRY_NONE, SCR_ENTRY_CODE, SCR_ENTRY_PIN, SCR_ENTRY_NEW_PIN, SCR_ENTRY_STAFF_PIN,
       SCR_ENTRY_NOTE };
/* Digits of the staff PIN (SCR_ENTRY_STAFF_PIN and mesokiosk --set-staff-pin). */
#define STAFF_PIN_MIN 4
#define STAFF_PIN_MAX 12

typedef struct {
	scr_id id;
	int (*view)(lay *L, int y);  /* lays out what is under the title, returns y; NULL: pages */
	void (*enter)(app *a);       /* OK on its pad or keyboard; NULL: nothing */
	scr_id back;                 /* where Back leads; SCR_PAGE: nowhere */
	void (*back_fn)(app *a);     /* Back, when where it leads depends on state */
	const char *title;           /* string key of its title; NULL: the view writes one */
	int who;                     /* SCR_WHO_* */
	int flags;                   /* SCR_BACK_BUTTON, SCR_EVERY_SECOND */
	int entry;                   /* SCR_ENTRY_* */
	int top;                     /* space above the title, at 1920x1080 */
} scr_def;

/* What the shell gives the screens (a->screens): a row per screen, and
 * what staff mode does with the buttons the patient screens do not know.
 * The screens reach staff mode only through it, so staff/ can sit above
 * screens/ and the shell (app/scr_table.c) joins the two. */
typedef struct scr_table {
	const scr_def *rows;            /* SCR_COUNT rows, each at its id */
	void (*flow)(app *a, int f);    /* an ACT_FLOW command of staff mode */
	void (*plan)(app *a, int plan); /* ACT_PLAN: staff chose a course plan */
	void (*opened)(app *a);         /* the store is open (wrong staff PINs still count) */
} scr_table;

/* The current screen's row (the SCR_PAGE row for an unknown id, or before
 * the shell gave its table). */
const scr_def *scr_row(const app *a);

/* Patient screens' views (signin_view.c, course_view.c, report_view.c, progress_view.c). */
int scr_view_signin(lay *L, int y);
int scr_view_consent(lay *L, int y);
int scr_view_course(lay *L, int y);
int scr_view_areas(lay *L, int y);
int scr_view_item(lay *L, int y);
int scr_view_note(lay *L, int y);
int scr_view_review(lay *L, int y);
int scr_view_leave(lay *L, int y);
/* A report with answers the patient has not saved is open (report.c). */
int scr_report_unsaved(const app *a);
/* Sign out (F_SIGN_OUT) or go Home (F_HOME), asking first when answers
 * would be lost (SCR_LEAVE_ASK: its "leave" is Sign out, or the shell's
 * Home); scr_back_leave returns to the report. */
void scr_leave(app *a, int to);
void scr_back_leave(app *a);
int scr_view_flag(lay *L, int y);
int scr_view_saved(lay *L, int y);
int scr_view_progress(lay *L, int y);
/* Photos (photo_view.c). */
int scr_view_photo_area(lay *L, int y);
int scr_view_camera(lay *L, int y);
int scr_view_photos(lay *L, int y);
int scr_view_photo_view(lay *L, int y);
int scr_view_compare(lay *L, int y);
int scr_view_import(lay *L, int y);

/* Empties what is being typed (and a new PIN's first entry) for good. */
void scr_wipe_entry(app *a);
/* OK where the router's F_NEXT decides (router.c). */
void scr_enter_next(app *a);
/* Sign-in's OK on the PIN pad and its Back (signin.c). */
void scr_enter_pin(app *a);
void scr_back_pin(app *a);
/* The PIN check's answer, applied on the loop's thread (signin.c). */
void scr_signin_done(app *a, int rc, const char *why, int left, double ms);

/* ---- PIN checks on their own thread (signin_check.c). */
/* Starts it with sc.signin_code and sc.entry. */
int scr_check_start(app *a);
/* Another PIN check on the same thread and terms (the staff PIN): work
 * runs on the thread with arg and must touch nothing the loop uses; done
 * gets its answer on the loop's thread (and owns arg). */
typedef struct {
	int (*work)(void *arg);
	void (*done)(app *a, int rc, void *arg);
	void *arg;
} scr_check_job;
int scr_check_run(app *a, const scr_check_job *job);
/* The same for another patient PIN pad: the patient with code, sc.entry as
 * the PIN, the answer to done on the loop's thread (staff's photo import). */
typedef void (*scr_check_done)(app *a, int rc, const char *why, int left, double ms);
int scr_check_start_for(app *a, const char *code, scr_check_done done);
/* 1 while a check runs: the shell then drops input and runs no timer. */
int scr_checking(const app *a);
/* Each turn of the loop: applies a finished check; 1 while one runs. */
int scr_check_poll(app *a);
/* Waits for a running check and applies it (closing). */
void scr_check_end(app *a);
#ifdef MK_TESTING
/* The driver holds the next check before it starts, and lets it go. */
void scr_check_hold(int on);
int scr_check_held(void);
#endif
/* The report (report.c): begin, the next question (or the note, or back
 * to the review), an answer to the question on screen, save; and Back from
 * a question and from the note. */
void scr_report_start(app *a);
void scr_report_next(app *a);
void scr_report_answer(app *a, int option);
void scr_report_confirm(app *a);
void scr_back_item(app *a);
void scr_back_note(app *a);
/* "Call a member of staff" on the red-flag screen (report.c): queues the
 * call for the clinic, sounds the chime, and the button becomes the
 * confirmation (sc.called), so a second tap cannot call twice. */
void scr_flag_call(app *a);

/* What an ACT_PHOTO element is (its arg2). */
enum { PH_THUMB = 1, PH_ZOOM, PH_FILE };

/* The photo screens' flow (photo.c): shot_*, apart from the photo module's photo_*. */
void shot_start(app *a);
void shot_stop(app *a);
int shot_tick(app *a, uint64_t now);
int shot_countdown(const app *a);
int shot_has_camera(void);
int shot_camera_missing(void); /* "Add a photo" found none: SCR_PHOTO_AREA says so */
int shot_asking_delete(void);  /* the full view asks "Delete this photo?" */
int shot_has_still(void);
void shot_act(app *a, const view_el *e);
void shot_flow(app *a, int f);
int shot_drag(app *a, int x, int dx, int dy);
void shot_pinch(app *a, float d_dist, int x, int y);
/* Prepares and saves a picture for the signed-in patient, of sc.photo_area. */
int shot_save_bytes(app *a, const void *bytes, size_t n, const char *source);
/* After a save: sends it on, or tells the sender the disk is full. */
void shot_saved(app *a, int rc);

/* Staff's photo import (import.c): the folder's files as a list that
 * holds still, each checked and thumbnailed off the loop. */
enum { IMPORT_WAIT, IMPORT_READY, IMPORT_BAD };
typedef struct {
	const char *name;
	int state;         /* IMPORT_*: READY has a thumbnail, BAD a reason */
	const char *why;   /* IMPORT_BAD: a strings.lua key */
	int added;         /* the patient has this picture already (by content) */
	int failed;        /* tapped, and not added: the screen's message says why */
	int adding;        /* tapped: being read and prepared on a thread */
	SDL_Texture *tex;
	int w, h;
} import_info;
void import_open(app *a);   /* reads the folder once; starts the checks */
void import_close(app *a);  /* wipes the thumbnails (pics_clear does it too) */
int import_tick(app *a);    /* each turn of the loop; 1 while files are checked */
int import_busy(void);
int import_count(void);
int import_file(int i, import_info *out);
void import_tap(app *a, int i); /* imports file i, if it can be */

#endif
