/* SPDX-License-Identifier: MIT */
/*
 * track: the patient's side of the kiosk, without any drawing. One signed-in
 * patient at a time: sign-in with code and PIN, consent, their course, the
 * symptom report being filled in (areas, one score per questionnaire item, a
 * note), its red-flag check and durable save, and their past reports read
 * back for the progress charts.
 *
 * Everything patient-derived lives in the track object and is wiped (not
 * just freed) by track_sign_out; the app calls it on the button and on idle.
 * The screens in app/ only read what is here. No SDL, so it is tested
 * without a display.
 */
#ifndef MK_TRACK_H
#define MK_TRACK_H

#include "content.h"
#include "store.h"
#include <stdint.h>

#define TRACK_MAX_ITEMS 48
#define TRACK_NOTE_MAX 600   /* bytes of UTF-8 in a free-text note */
#define TRACK_MAX_REPORTS 64 /* past reports shown in My progress */

typedef struct track track;

/* Opens the patient side over an open store. clinic_pk NULL means tracking
 * is off (no clinic key configured): sign-in refuses with that message. */
int track_open(track **out, store *s, const uint8_t *clinic_pk, const content_model *m);
void track_close(track *t);
/* Content was reloaded: answers of a report in progress are kept by item id. */
void track_set_model(track *t, const content_model *m);
int track_enabled(const track *t);

/* ---- Sign-in. */
/* 0 signed in; MK_EINVAL for an unknown code or a wrong PIN (the same for
 * both); MK_ELIMIT while that patient is locked; MK_EFULL/MK_EIO on disk
 * trouble. The PIN is not kept. */
int track_sign_in(track *t, const char *code, const char *pin, int64_t now);
/* Wrong PINs code may still take before it locks (0: locked), alike for
 * an unknown code (store_patient_tries_left). */
int track_tries_left(track *t, const char *code, int64_t now);
int track_signed_in(const track *t);
const char *track_code(const track *t);
/* 1 when the patient has not yet given consent (ask before recording). */
int track_needs_consent(track *t);
int track_give_consent(track *t, int64_t now);
/* Wipes the key, the code, the report in progress and the history. */
void track_sign_out(track *t);

/* The patient's course; MK_ENOTFOUND when staff have not started one. */
int track_course(track *t, store_course *out);

/* ---- The report in progress. scores[i] is -1 until item i is answered. */
typedef struct {
	unsigned areas;                 /* bits 1u << content_area */
	int scores[TRACK_MAX_ITEMS];
	char note[TRACK_NOTE_MAX + 1];
	int lang;                       /* language the patient answered in */
} track_report;

/* Starts an empty report in lang. */
void track_report_begin(track *t, int lang);
track_report *track_draft(track *t);
/* The next item to ask after item `after` (-1: the first), skipping items
 * that do not apply to the marked areas or whose show_if is not met; -1
 * when none is left. */
int track_next_item(const track *t, int after);
/* The item asked before `before` (for Back), or -1. */
int track_prev_item(const track *t, int before);
/* How many main questions the marked areas make applicable, and where i is
 * among them (1-based), for "Question 3 of 11". A follow-up question (one
 * with show_if) is not counted, and gets pos 0: the total never changes
 * while the patient answers. */
void track_item_position(const track *t, int i, int *pos, int *total);
/* Red-flag rule the draft meets (content_flag_match), or -1. */
int track_flag(const track *t);
/* Saves the report (and its alert) durably; *rule gets the red flag met or
 * -1. uuid_out gets the report's UUID. */
int track_report_save(track *t, int *rule, char uuid_out[STORE_UUID_LEN + 1]);
/* The report as JSON (what is encrypted); caller frees. */
char *track_report_json(const track *t, const store_course *c, int session);
/* The red flag's JSON for rule (an index of the questionnaire's rules) as
 * the draft stands: the rule, its level, what the patient was told (the
 * title of the screen they saw), the triggering scores and their words. */
char *track_alert_json(const track *t, int rule, const char *code);

/* ---- History: past reports decrypted with the patient's key. */
typedef struct {
	int64_t at;
	int session;
	int alert_level;
	int scores[TRACK_MAX_ITEMS]; /* by current item index; -1 not asked */
	int has_note;
} track_past;

/* Reads the patient's reports (oldest first); *n gets how many. The array
 * belongs to t and is wiped on sign-out or the next call. */
int track_history(track *t, const track_past **out, int *n);

/* ---- Photos (photo.c): the signed-in patient's progress photos, tied to
 * their course and the latest session. The image is already prepared
 * (upright, at most 4096 px, with a thumbnail) by the photo module. */
typedef struct {
	const void *image;
	size_t image_len;
	const void *thumb;
	size_t thumb_len;
	int width, height;
	const char *sha256; /* hex, of the image bytes */
	const char *source; /* "camera" or "import" */
} track_photo;

/* Saves a photo of area (content_area) durably; MK_EINVAL without consent. */
int track_photo_add(track *t, const track_photo *p, int area, char uuid_out[STORE_UUID_LEN + 1]);
/* The patient's photos of area (-1: all), oldest first. */
int track_photos(track *t, int area, store_photo_info *out, int max, int *n);
/* A photo's bytes (which: STORE_PHOTO_ORIGINAL or STORE_PHOTO_THUMB),
 * decrypted; the caller wipes and frees them with store_plain_free. */
int track_photo_bytes(track *t, const char *uuid, int which, void **bytes, size_t *n);
/* The hex SHA-256 of a photo as kept (from its encrypted metadata), to
 * know a file already imported by its content. */
int track_photo_sha256(track *t, const char *uuid, char out[65]);
/* The patient deletes a photo of theirs (store_photo_delete). */
int track_photo_delete(track *t, const char *uuid);

/* Parses the "answers" object of a report's JSON into scores by the current
 * model's item ids (exposed for tests). */
int track_parse_answers(const content_questionnaire *q, const char *json, int scores[TRACK_MAX_ITEMS]);

#endif
