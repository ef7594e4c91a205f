/* SPDX-License-Identifier: MIT */
/*
 * Real records for the dashboard's tests, made the way a kiosk makes them:
 * a temporary kiosk store (src/store) enrols a patient, starts a course,
 * enrols a second patient who consents but has not reported yet,
 * records two sessions (and a third by mistake, which staff undo),
 * saves three symptom reports (one with a note full of HTML, one meeting
 * the "breathing" red flag, so an emergency alert goes with it) and two
 * progress photos (real JPEGs drawn here), each sealed to the clinic's
 * public key. seed_each then hands every outbox item to a callback in its
 * wire form (store_outbox_wire), exactly what the sync worker would send.
 *
 * Used by test_web.c (which stores the items with cstore_record_put) and
 * by web_seed.c (which uploads them through the real API for the browser
 * test).
 */
#ifndef MK_TEST_WEB_SEED_H
#define MK_TEST_WEB_SEED_H

#include "core.h"
#include "photo.h"
#include "store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SEED_PIN "482913"
#define SEED_NOTE "<script>alert(1)</script> & \"it itched\""
#define SEED_NOTE_JSON "<script>alert(1)</script> & \\\"it itched\\\""
#define SEED_REPORTS 3
#define SEED_PHOTOS 2

typedef struct {
	char dir[32];
	store *s;
	const uint8_t *pk;
	char code[STORE_CODE_LEN + 1];
	char code2[STORE_CODE_LEN + 1]; /* enrolled, not yet reporting */
	int64_t id;
	uint8_t key[STORE_KEY_BYTES];
	char course[STORE_UUID_LEN + 1];
	char report[SEED_REPORTS][STORE_UUID_LEN + 1];
	char photo[SEED_PHOTOS][STORE_UUID_LEN + 1];
	void *thumb[SEED_PHOTOS]; /* the thumbnails in clear, to compare */
	size_t thumb_n[SEED_PHOTOS];
} seed;

/* A calm test picture: a warm gradient with a soft round shade whose place
 * depends on variant, as JPEG. */
static inline int seed_jpeg(int w, int h, int variant, void **out, size_t *n)
{
	photo_image img = { w, h, SDL_CreateRGBSurfaceWithFormat(0, w, h, 24,
								  SDL_PIXELFORMAT_RGB24) };
	int rc;
	if (!img.s)
		return MK_ENOMEM;
	for (int y = 0; y < h; y++) {
		uint8_t *row = (uint8_t *)img.s->pixels + y * img.s->pitch;
		for (int x = 0; x < w; x++) {
			double cx = w * (0.35 + 0.3 * variant), cy = h * 0.5;
			double d = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (double)(w * w / 9);
			double shade = d < 1 ? 0.18 * (1 - d) : 0;
			double g = 0.85 + 0.1 * y / h - shade;
			row[3 * x] = (uint8_t)(232 * g);
			row[3 * x + 1] = (uint8_t)(196 * g);
			row[3 * x + 2] = (uint8_t)(172 * g);
		}
	}
	rc = photo_image_encode(&img, 85, out, n);
	photo_image_free(&img);
	return rc;
}

/* words: "" (an older kiosk's report, scores only) or the "words" and
 * "names" members a kiosk now sends, with their leading comma. */
static inline int seed_report(seed *k, int session, const char *answers, const char *words,
			      const char *note, int level, const char *alert,
			      char uuid[STORE_UUID_LEN + 1])
{
	char *json = mk_asprintf("{\"v\":1,\"type\":\"symptom-report\",\"course\":\"%s\","
				 "\"session\":%d,\"areas\":[\"thighs\"],\"answers\":{%s}%s,"
				 "\"note\":\"%s\"}", k->course, session, answers, words, note);
	store_report r = { .clinic_pk = k->pk, .patient_key = k->key, .patient_id = k->id,
			   .course_uuid = k->course, .session = session, .json = json,
			   .alert_level = level, .alert_json = alert };
	int rc = json ? store_report_add(k->s, &r, uuid) : MK_ENOMEM;
	free(json);
	return rc;
}

static inline int seed_photo(seed *k, int i, int session)
{
	void *img = NULL;
	size_t img_n = 0;
	int rc = seed_jpeg(640, 480, i, &img, &img_n);
	if (rc == 0)
		rc = seed_jpeg(320, 240, i, &k->thumb[i], &k->thumb_n[i]);
	if (rc == 0) {
		store_photo p = { .clinic_pk = k->pk, .patient_key = k->key, .patient_id = k->id,
				  .course_uuid = k->course, .session = session, .area = 0,
				  .image = img, .image_len = img_n, .thumb = k->thumb[i],
				  .thumb_len = k->thumb_n[i], .width = 640, .height = 480 };
		rc = store_photo_add(k->s, &p, k->photo[i]);
	}
	free(img);
	return rc;
}

/* The kiosk, its patient and their records; 0 or the failing call's code. */
static inline int seed_make(seed *k, const uint8_t clinic_pk[STORE_KEY_BYTES])
{
	int64_t now = (int64_t)time(NULL);
	store_course c = { .plan = "standard", .grade = 2, .area = "thighs",
			   .sessions_planned = 8, .interval_days = 14, .started_at = now - 30 * 86400 };
	char *alert = NULL;
	int rc;
	memset(k, 0, sizeof *k);
	k->pk = clinic_pk;
	snprintf(k->dir, sizeof k->dir, "/tmp/mkwebXXXXXX");
	if (!mkdtemp(k->dir))
		return MK_EIO;
	if ((rc = store_open(&k->s, k->dir)) ||
	    (rc = store_patient_enrol(k->s, SEED_PIN, &STORE_PIN_COST_TEST, k->code, &k->id)) ||
	    (rc = store_patient_unlock(k->s, k->code, SEED_PIN, now, k->key, &k->id)) ||
	    (rc = store_patient_set_consent(k->s, k->id, now)) ||
	    (rc = store_course_start(k->s, k->id, &c, k->course)))
		return rc;
	int64_t id2;
	if ((rc = store_patient_enrol(k->s, SEED_PIN, &STORE_PIN_COST_TEST, k->code2, &id2)) ||
	    (rc = store_patient_set_consent(k->s, id2, now)))
		return rc;
	if ((rc = seed_report(k, 0, "\"pain\":1,\"swelling\":0,\"bruising\":2", "", "", 0, NULL,
			      k->report[0])) ||
	    (rc = store_session_done(k->s, k->course, now - 20 * 86400)) ||
	    (rc = seed_report(k, 1, "\"pain\":2,\"swelling\":1,\"bruising\":3", "",
			      SEED_NOTE_JSON, 0, NULL, k->report[1])) ||
	    (rc = seed_photo(k, 0, 1)) || (rc = store_session_done(k->s, k->course, now - 86400)))
		return rc;
	/* A second session that day, recorded by mistake and undone: its
	 * "session-undone" item goes with the rest, and the course stays at 2. */
	char again[STORE_UUID_LEN + 1];
	if ((rc = store_session_add(k->s, k->course, now - 86000, again)) ||
	    (rc = store_session_undo(k->s, again, now - 85990)))
		return rc;
	/* The last report and its alert as a kiosk sends them now: with the
	 * words of each answer and what the patient was told. */
	alert = mk_asprintf("{\"v\":1,\"type\":\"red-flag\",\"rule\":\"breathing\",\"level\":"
			    "\"emergency\",\"told\":\"Please tell the front desk now\","
			    "\"patient_code\":\"%s\",\"triggers\":{\"breathing\":4},\"words\":"
			    "{\"breathing\":\"Yes\"},\"names\":{\"breathing\":"
			    "\"Breathing or swelling now\"}}", k->code);
	rc = seed_report(k, 2, "\"breathing\":4,\"pain\":3,\"duration\":2,\"swelling\":1,"
			 "\"bruising\":1", ",\"words\":{\"breathing\":\"Yes\",\"pain\":\"Severe\","
			 "\"duration\":\"3 to 6 days\",\"swelling\":\"Mild\",\"bruising\":\"Mild\"},"
			 "\"names\":{\"breathing\":\"Breathing or swelling now\",\"duration\":"
			 "\"How long the pain lasted\"}", "", 2, alert, k->report[2]);
	free(alert);
	return rc ? rc : seed_photo(k, 1, 2);
}

/* Calls fn with every outbox item in its wire form, alerts first; stops at
 * the first nonzero answer and returns it. */
typedef int (*seed_fn)(void *ctx, const store_outbox_item *it, const char *json,
		       const store_photo_file files[2]);
static inline int seed_each(seed *k, seed_fn fn, void *ctx)
{
	store_outbox_item it[64];
	int n = 0, rc = store_outbox_next(k->s, 64, it, &n);
	for (int i = 0; rc == 0 && i < n; i++) {
		store_photo_file files[2];
		char *json = NULL;
		rc = store_outbox_wire(k->s, &it[i], &json, files);
		if (rc == 0)
			rc = fn(ctx, &it[i], json, files);
		free(json);
	}
	return rc;
}

static inline void seed_free(seed *k)
{
	char *cmd;
	store_close(k->s);
	for (int i = 0; i < SEED_PHOTOS; i++)
		free(k->thumb[i]);
	if (k->dir[0]) {
		cmd = mk_asprintf("rm -rf '%s'", k->dir);
		if (cmd && system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", k->dir);
		free(cmd);
	}
	sodium_memzero(k->key, sizeof k->key);
}

#endif
