/* SPDX-License-Identifier: MIT */
/* Screens internals shared by scr.c, scr_staff.c and the scr_view*.c files. */
#ifndef MK_SCR_INT_H
#define MK_SCR_INT_H

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
	F_STAFF_SEND, F_SEND_RETRY,
};

#define STAFF_PIN_MIN 4
#define STAFF_PIN_MAX 12

/* An interface string in the current language. */
const char *scr_str(const app *a, const char *key);
/* s with each "{name}" replaced by the value after it (pairs, NULL-ended);
 * the caller keeps the result with view_own. */
char *scr_fill(const char *s, ...);
/* "22/11/2026" for a time in seconds. */
void scr_date(int64_t t, char out[32]);
/* Sets the screen's message line to the interface string `key`, shown in
 * whatever language is chosen while it is up. */
void scr_say(app *a, int bad, const char *key);
/* Sets it to text that has no translation (an error from the store). */
void scr_say_text(app *a, int bad, const char *s);
/* Time now in seconds (the virtual clock under the driver). */
int64_t scr_now(void);

/* Layout helpers for screens (scr_view.c). */
int scr_title(lay *L, const char *s, int y);
int scr_body(lay *L, const char *s, int y, SDL_Color c);
int scr_msg(lay *L, int y);
int scr_margin(lay *L);
int scr_width(lay *L);
int scr_button_w(lay *L); /* width of a main button */
view_el *scr_button(lay *L, const char *label, int y, int primary, act_kind act, int arg);
int scr_after(lay *L, int y, view_el *e); /* y below a button */
int scr_pin(lay *L, int y, int slots, int min); /* dots, message, PIN pad */
/* The string key with {n} = pin_length, owned by the view. */
const char *scr_pin_words(lay *L, const char *key);
int scr_osk(lay *L, int y, int codes_only);
int scr_entry(lay *L, int y, int secret, int slots);

/* ---- The table of screens (scr_table.c). */
enum { SCR_WHO_PATIENT, SCR_WHO_STAFF, SCR_WHO_HANDOVER }; /* hand-over: staff mode, the patient types */
enum { SCR_BACK_BUTTON = 1 };                               /* the bar shows Back */
/* What may be typed on a screen. */
enum { SCR_ENTRY_NONE, SCR_ENTRY_CODE, SCR_ENTRY_PIN, SCR_ENTRY_NEW_PIN, SCR_ENTRY_STAFF_PIN,
       SCR_ENTRY_NOTE };

typedef struct {
	scr_id id;
	int (*view)(lay *L, int y);  /* lays out what is under the title, returns y; NULL: pages */
	void (*enter)(app *a);       /* OK on its pad or keyboard; NULL: nothing */
	scr_id back;                 /* where Back leads; SCR_PAGE: nowhere */
	void (*back_fn)(app *a);     /* Back, when where it leads depends on state */
	const char *title;           /* string key of its title; NULL: the view writes one */
	int who;                     /* SCR_WHO_* */
	int flags;                   /* SCR_BACK_BUTTON */
	int entry;                   /* SCR_ENTRY_* */
	int top;                     /* space above the title, at 1920x1080 */
} scr_def;

/* The row of a screen (the SCR_PAGE row for an unknown id). */
const scr_def *scr_def_of(scr_id id);

/* Patient screens' views (scr_view.c, scr_view_report.c, scr_view_progress.c). */
int scr_view_signin(lay *L, int y);
int scr_view_consent(lay *L, int y);
int scr_view_course(lay *L, int y);
int scr_view_areas(lay *L, int y);
int scr_view_item(lay *L, int y);
int scr_view_note(lay *L, int y);
int scr_view_review(lay *L, int y);
int scr_view_flag(lay *L, int y);
int scr_view_saved(lay *L, int y);
int scr_view_progress(lay *L, int y);
/* Photos (scr_view_photo.c). */
int scr_view_photo_area(lay *L, int y);
int scr_view_camera(lay *L, int y);
int scr_view_photos(lay *L, int y);
int scr_view_photo_view(lay *L, int y);
int scr_view_compare(lay *L, int y);
int scr_view_import(lay *L, int y);
/* Staff (scr_view_staff.c, scr_view_send.c). */
int scr_view_staff_pin(lay *L, int y);
int scr_view_staff_home(lay *L, int y);
int scr_view_plans(lay *L, int y);
int scr_view_adjust(lay *L, int y);
int scr_view_enrol_pin(lay *L, int y);
int scr_view_enrol_code(lay *L, int y);
int scr_view_find(lay *L, int y);
int scr_view_patient(lay *L, int y);
int scr_view_erase(lay *L, int y);
int scr_view_reset(lay *L, int y);
int scr_view_import_pin(lay *L, int y);
int scr_view_send(lay *L, int y);

/* The patient flow's OK and Back where they depend on state (scr.c). */
void scr_enter_next(app *a);
void scr_enter_pin(app *a);
void scr_back_pin(app *a);
void scr_back_item(app *a);
void scr_back_note(app *a);

/* What an ACT_PHOTO element is (its arg2). */
enum { PH_THUMB = 1, PH_ZOOM, PH_FILE };

/* The photo screens' flow (scr_photo.c): shot_*, apart from the photo module's photo_*. */
void shot_start(app *a);
void shot_stop(app *a);
int shot_tick(app *a, uint64_t now);
int shot_countdown(const app *a);
int shot_has_camera(void);
int shot_has_still(void);
void shot_act(app *a, const view_el *e);
void shot_flow(app *a, int f);
int shot_drag(app *a, int x, int dx, int dy);
void shot_pinch(app *a, float d_dist, int x, int y);
int shot_files(app *a, char ***names);
/* Prepares and saves a picture for the signed-in patient, of sc.photo_area. */
int shot_save_bytes(app *a, const void *bytes, size_t n, const char *source);
void shot_files_free(char **names, int n);

/* Staff actions (scr_staff.c). */
void staff_flow(app *a, int f);
void staff_enter(app *a); /* OK on a staff screen's pad or keyboard */
void staff_plan(app *a, int plan);
/* Back from the plans (to the patient in hand, or staff home) and from an import. */
void staff_back_plans(app *a);
void staff_import_done(app *a);
/* At start: wrong staff PINs from before a restart still count. */
void staff_restore_lock(app *a);

#endif
