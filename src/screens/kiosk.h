/* SPDX-License-Identifier: MIT */
/*
 * kiosk: the state the shell (src/app) and the screens (src/screens,
 * src/staff) share. The shell owns one `app`, fills it (configuration,
 * renderer, content, store, the signed-in patient, the sender) and hands
 * it to the screens, which read it and change the screen state and the
 * patient side. The shell's own (window, input, frame times, the reload
 * thread) is behind a->loop, a type only app.h defines. This header sits
 * below both so that the screens never include the shell's: the arrows
 * run app -> staff -> screens -> widgets.
 *
 * The view is rebuilt only when something that changes layout changes
 * (page, language, text size, theme, window size, quiz answer, reload);
 * a frame only walks the list, so drawing never calls Lua and a steady
 * frame renders no text.
 */
#ifndef MK_KIOSK_H
#define MK_KIOSK_H

#include "content.h"
#include "core.h"
#include "store.h"
#include "track.h"
#include "render.h"
#include "sound.h"
#include "speech.h"
#include "ui.h"
#include "widgets.h"
#include <SDL.h>

/* ---- Configuration: kiosk.conf, then flags. */
#define APP_STAFF_PINS 32 /* named staff PINs a kiosk takes */
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
	char *content_keys;   /* content_keys: the publishers' .pub files, comma-separated */
	char *software_keys;  /* software_keys: the .pub files software packages are signed with */
	int local_edits;      /* edits of content_dir are shown: 1, 0, -1 unset (off with content_keys) */
	int heartbeat_s;      /* seconds between heartbeats (heartbeat_s) */
	int content_rate_kbps; /* bundle downloads, KiB a second (content_rate_kbps) */
	char *staff_pin_hash; /* Argon2id hash of the staff PIN ("$argon2id$..."), unnamed: "staff" */
	struct app_staff_pin { /* staff_pin_hash.NAME: a member of staff's own PIN */
		char name[STORE_STAFF_NAME_MAX + 1];
		char *hash;
	} staff_pins[APP_STAFF_PINS];
	int n_staff_pins;
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
	int sound;            /* 0: no sound at all (kiosk.conf sound) */
	int sound_volume;     /* 0..100 (kiosk.conf sound_volume) */
	int speech;           /* 0: no Listen control, espeak-ng never loaded (kiosk.conf speech) */
	int speech_rate;      /* words a minute (kiosk.conf speech_rate) */
	int speech_volume;    /* 0..100, the speech's loudness at the start of a visit (speech_volume) */
	char *audio_device;   /* SDL's name of the output device; NULL: the default (audio_device) */
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

/* Quizzes a page may hold that remember their answer while it is shown. */
#define APP_MAX_QUIZZES 64

/* ---- What a button does (view_el.act; widgets.h has the view). */
typedef enum {
	ACT_NONE, ACT_GO, ACT_CALLBACK, ACT_BACK, ACT_HOME, ACT_HELP, ACT_LANG,
	ACT_SCALE, ACT_QUIZ, ACT_STILL_HERE, ACT_START_OVER, ACT_WAKE,
	/* patient and staff screens (src/screens, src/staff) */
	ACT_FLOW,   /* arg: a flow command (scr.h) */
	ACT_KEY,    /* arg: a keypad key, or an on-screen keyboard key index */
	ACT_ANSWER, /* arg: the option chosen for the item on screen */
	ACT_AREA,   /* arg: a body area to mark or unmark */
	ACT_PLAN,   /* arg: a course plan */
	ACT_EDIT,   /* arg: a questionnaire item to answer again */
	ACT_PHOTO,  /* arg2: what (screens.h PH_*); arg: index; target: a photo's UUID */
	ACT_CONTRAST, /* the high-contrast switch in the top bar */
	ACT_LISTEN,   /* the Listen control in the top bar: read the page aloud, or stop */
	ACT_VOLUME,   /* touch reading's Quieter (arg -1) and Louder (arg 1) in the top bar */
} act_kind;

typedef struct app app;

/* The table of screens (screens.h), set by the shell. */
struct scr_table;

/* ---- Screens beyond the content pages: the patient's course and the
 * staff tools (src/screens, src/staff), one row each in app/scr_table.c.
 * The current one is sc.id; SCR_PAGE shows pages. */
typedef enum {
	SCR_PAGE, SCR_SIGNIN_CODE, SCR_SIGNIN_PIN, SCR_CONSENT, SCR_COURSE, SCR_AREAS,
	SCR_ITEM, SCR_NOTE, SCR_REVIEW, SCR_FLAG, SCR_SAVED, SCR_PROGRESS,
	SCR_STAFF_PIN, SCR_STAFF, SCR_STAFF_PLANS, SCR_STAFF_ADJUST, SCR_ENROL_PIN,
	SCR_ENROL_CODE, SCR_STAFF_FIND, SCR_STAFF_PATIENT, SCR_STAFF_ERASE, SCR_STAFF_RESET,
	SCR_PHOTO_AREA, SCR_CAMERA, SCR_PHOTOS, SCR_PHOTO_VIEW, SCR_COMPARE,
	SCR_STAFF_IMPORT_PIN, SCR_STAFF_IMPORT, SCR_STAFF_SEND, SCR_LEAVE_ASK,
	SCR_STAFF_SESSION_ASK,
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
	int called;          /* the red-flag screen called a member of staff */
	char msg[512];       /* a line for this screen: an error, or "done" */
	int msg_bad;
	int msg_key;         /* msg is a strings.lua key: it follows a language change */
	int msg_seen;        /* msg has been scrolled into view once */
	int staff;           /* staff mode is open */
	int plan, sessions, interval; /* staff: plan chosen and adjusted */
	char code[STORE_CODE_LEN + 1];  /* staff: the patient in hand */
	/* photos (photo.c) */
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
	uint64_t send_ms;    /* a SCR_EVERY_SECOND screen (Sending) was last laid out */
	int swallow_tap;     /* the tap that ends the corner hold does nothing */
	scr_id leave_from;   /* SCR_LEAVE_ASK: the report screen the patient was on */
	int leave_to;        /* SCR_LEAVE_ASK: F_SIGN_OUT or F_HOME, done on "leave" */
	struct scr_check *check; /* a PIN check on its thread (sign-in, staff), or NULL */
	uint64_t shown_ms;   /* when the screen or page on show last changed, 0 none */
	scr_id resume;       /* the staff screen a hand-over led to, opened after the staff PIN */
	/* staff: whose PIN opened staff mode ("" the unnamed one), and the
	 * session just recorded, which Undo takes back until undo_ms */
	char staff_name[STORE_STAFF_NAME_MAX + 1];
	char undo_uuid[STORE_UUID_LEN + 1];
	char undo_code[STORE_CODE_LEN + 1];
	int undo_n;          /* its number in the course */
	int64_t undo_at;     /* when it was recorded (scr_now) */
	uint64_t undo_ms;    /* Undo goes at this mk_now_ms; 0: none */
} scr_state;

/* Taps on a screen this new are ignored (router.c, scr_tap_guarded): a
 * tremor's or a double tap's second tap would answer the next question
 * unseen. 500 ms: tremor repeats every 80-250 ms (4-12 Hz) and a double
 * tap's two taps come within 500 ms (the usual double-click time), while
 * reading a new question and aiming at an answer takes well over a second,
 * so nobody waits on it. */
#define SCR_TAP_GUARD_MS 500

/* ---- App state: what the shell and the screens share. */
struct app_loop;
enum { OVERLAY_NONE, OVERLAY_IDLE, OVERLAY_ATTRACT };

struct app {
	app_config cfg;
	SDL_Renderer *sdl;
	ren *rn;
	int w, h;
	content *ct;
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
	int overlay;
	uint64_t overlay_ms;
	uint64_t trans_ms; /* start of the page transition, 0 when none */
	int need_layout, need_draw;
	char badge[256];   /* first error of a rejected content change, for staff */
	char sw_badge[256]; /* a software package refused or rolled back, for staff only */
	char sw_state[16];  /* what became of the last package (software.c), for staff */
	long long sw_version; /* the package version sw_state is about */
	store *st;         /* patient data; NULL only if it failed to open */
	track *tk;         /* the signed-in patient */
	const char *track_off; /* string id of why tracking is off, for staff; NULL when on */
	const char *tpm_off;   /* string id of why no TPM guards patients' keys; NULL: one does */
	void *pics;        /* pics.c: the signed-in patient's photos as textures */
	struct sync_worker *sync; /* sends the outbox to the clinic; NULL when not configured */
	struct snd *snd;   /* the chime and the attention tone (src/sound); NULL before open */
	struct listen *listen; /* Listen: the page read aloud (screens/listen.c); NULL: no speech */
	int touch_read;    /* the touch-only mode without seeing is on (app/touchread.c) */
	const char *sync_off; /* string id of why nothing is sent, for staff; NULL when sending */
	scr_state sc;
	const struct scr_table *screens; /* the screens' rows and staff's hooks (app/scr_table.c) */
	struct app_loop *loop; /* the shell's own: window, input, frame times, reload (app.h) */
};

#endif
