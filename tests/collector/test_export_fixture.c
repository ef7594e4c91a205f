/* SPDX-License-Identifier: MIT */
/*
 * The export tests' data, made the real way: a kiosk store (src/store)
 * enrols two patients, starts a course with one session done for the
 * first, saves a symptom report that raises a red flag, and a photo; the
 * second has one report and no course. Each record's encrypted parts and
 * the photo's two encrypted files are read from kiosk.db and <data>/photos
 * as the sync worker would send them, and put into a collector store
 * (SQLite, or PostgreSQL) with the context a kiosk sends in clear. The exports then have
 * to open them with the clinic's key pair.
 *
 * The kiosk stamps records with the real time; the collector takes the
 * kiosk's created_at as sent, so here each record is given a fixed time
 * (FX_T0...) that the date-range tests can rely on.
 */
#define _POSIX_C_SOURCE 200809L
#include "test_export.h"
#include "core.h"
#include "store_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PIN "482913"

static const char *const ITEMS[FX_ANSWERS_A] = { "breathing", "pain", "duration", "swelling",
						  "fever", "odd,\"item\"", "=1+1" };
static const int SCORES[FX_ANSWERS_A] = { 0, 2, 1, 3, 4, 1, 2 };

/* A tiny JPEG-looking image (SOI, APP0 "JFIF", filler, EOI) of n bytes. */
static void fake_jpeg(uint8_t *b, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)(seed * 31u + i * 7u);
	memcpy(b, "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11);
	b[n - 2] = 0xFF;
	b[n - 1] = 0xD9;
}

static void text_col(sqlite3_stmt *st, int col, char *out, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(out, n, "%s", t ? (const char *)t : "");
}

/* The course as the kiosk sends it: its row and sessions from kiosk.db. */
static void course_of(store *s, const char *uuid, cstore_course *c)
{
	sqlite3_stmt *st;
	memset(c, 0, sizeof *c);
	CHECK(sqlite3_prepare_v2(s->db, "SELECT plan, grade, area, sessions_planned, interval_days, "
				 "started_at FROM courses WHERE uuid=?1", -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	snprintf(c->uuid, sizeof c->uuid, "%s", uuid);
	text_col(st, 0, c->plan, sizeof c->plan);
	c->grade = sqlite3_column_int(st, 1);
	text_col(st, 2, c->area, sizeof c->area);
	c->sessions_planned = sqlite3_column_int(st, 3);
	c->interval_days = sqlite3_column_int(st, 4);
	c->started_at = sqlite3_column_int64(st, 5);
	sqlite3_finalize(st);
	CHECK(sqlite3_prepare_v2(s->db, "SELECT s.uuid, s.done_at FROM sessions s JOIN courses c "
				 "ON c.id = s.course_id WHERE c.uuid=?1 ORDER BY s.done_at, s.id",
				 -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW && c->n_sessions < CSTORE_MAX_SESSIONS) {
		text_col(st, 0, c->sessions[c->n_sessions].uuid, CSTORE_UUID);
		c->sessions[c->n_sessions++].done_at = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
}

/* Reads one encrypted file of a photo and stores it in the collector. */
static void ship_file(fixture *f, store *s, const char *uuid, int which, cstore_record *r)
{
	char *path = mk_asprintf("%s/%s%s", s->photo_dir, uuid, which ? ".thumb" : ".img");
	char *bytes = NULL;
	size_t n = 0;
	CHECK(path && mk_read_file(path, &bytes, &n) == 0);
	store_sha256_hex(bytes, n, r->sha256[which]);
	r->size[which] = (int64_t)n;
	CHECK_MSG(cstore_photo_put(f->cs, f->kiosk, uuid, which, (uint8_t *)bytes, n,
				   r->sha256[which], FX_T0) == 0, "%s", mk_err_msg());
	free(bytes);
	free(path);
}

/* Sends record uuid of the patient (context in clear, parts encrypted) to
 * the collector, as created at `at`. */
static void ship(fixture *f, store *s, const char *uuid, const char *patient_uuid,
		 const char *code, const char *course, int session, int level, int64_t at)
{
	sqlite3_stmt *st;
	cstore_record r;
	char reason[200] = "";
	memset(&r, 0, sizeof r);
	CHECK(sqlite3_prepare_v2(s->db, "SELECT kind, sealed_key, nonce, ciphertext FROM records "
				 "WHERE uuid=?1", -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	snprintf(r.uuid, sizeof r.uuid, "%s", uuid);
	text_col(st, 0, r.kind, sizeof r.kind);
	r.sealed_key = sqlite3_column_blob(st, 1);
	r.sealed_len = (size_t)sqlite3_column_bytes(st, 1);
	r.nonce = sqlite3_column_blob(st, 2);
	r.nonce_len = (size_t)sqlite3_column_bytes(st, 2);
	r.ciphertext = sqlite3_column_blob(st, 3);
	r.ct_len = (size_t)sqlite3_column_bytes(st, 3);
	r.created_at = at;
	snprintf(r.patient_uuid, sizeof r.patient_uuid, "%s", patient_uuid);
	snprintf(r.patient_code, sizeof r.patient_code, "%s", code);
	if (course) {
		r.has_course = 1;
		course_of(s, course, &r.course);
	}
	r.session = session;
	r.alert_level = level;
	if (!strcmp(r.kind, "photo")) {
		r.area = 0;
		r.width = 64;
		r.height = 48;
		ship_file(f, s, uuid, 0, &r);
		ship_file(f, s, uuid, 1, &r);
	}
	CHECK_MSG(cstore_record_put(f->cs, f->kiosk, &r, at + 60, reason) == 0, "%s %s", reason,
		  mk_err_msg());
	sqlite3_finalize(st);
}

static void uuid_of(store *s, const char *sql, int64_t id, char out[37])
{
	sqlite3_stmt *st;
	out[0] = 0;
	CHECK(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		text_col(st, 0, out, 37);
	sqlite3_finalize(st);
}

static int64_t enrol(store *s, char code[9], uint8_t key[32], char uuid[37])
{
	int64_t id = 0;
	CHECK_MSG(store_patient_enrol(s, PIN, &STORE_PIN_COST_TEST, code, &id) == 0, "%s",
		  mk_err_msg());
	CHECK(store_patient_unlock(s, code, PIN, FX_T0, key, &id) == 0);
	uuid_of(s, "SELECT uuid FROM patients WHERE id=?1", id, uuid);
	return id;
}

/* ITEMS and SCORES as JSON. */
#define ANSWERS_JSON "\"breathing\":0,\"pain\":2,\"duration\":1,\"swelling\":3,\"fever\":4," \
	"\"odd,\\\"item\\\"\":1,\"=1+1\":2"

static char *report_json(const fixture *f)
{
	return mk_asprintf("{\"v\":1,\"type\":\"symptom-report\",\"recall\":\"since-last-session\","
			   "\"content_version\":\"2026-11-01\",\"lang\":\"en\",\"course\":\"%s\","
			   "\"session\":1,\"areas\":[\"thighs\",\"arms\"],\"answers\":{" ANSWERS_JSON "},"
			   "\"note\":\"Sore, \\\"red\\\" skin\\nsince Monday\xC2\xA0now \"}",
			   f->course_a);
}

/* Patient A: course, a session, a report with an alert, a photo. */
static void patient_a(fixture *f, store *s)
{
	uint8_t key[32], img[300], thumb[120];
	char sha[65];
	int64_t id = enrol(s, f->code_a, key, f->patient_a);
	store_course c = { .plan = "standard", .grade = 2, .area = "thighs",
			   .sessions_planned = 3, .interval_days = 14, .started_at = FX_T0 - 20 * 86400 };
	CHECK(store_course_start(s, id, &c, f->course_a) == 0);
	CHECK(store_session_done(s, f->course_a, FX_T0 - 7 * 86400) == 0);
	uuid_of(s, "SELECT s.uuid FROM sessions s JOIN courses c ON c.id = s.course_id "
		   "WHERE c.patient_id=?1", id, f->session_a);
	char *json = report_json(f);
	char *alert = mk_asprintf("{\"v\":1,\"type\":\"red-flag\",\"rule\":\"fever\",\"level\":\"call\","
				  "\"patient_code\":\"%s\",\"triggers\":{\"fever\":4}}", f->code_a);
	store_report r = { .clinic_pk = f->pk, .patient_key = key, .patient_id = id,
			   .course_uuid = f->course_a, .session = 1, .json = json, .alert_level = 1,
			   .alert_json = alert };
	CHECK_MSG(store_report_add(s, &r, f->report_a) == 0, "%s", mk_err_msg());
	uuid_of(s, "SELECT uuid FROM records WHERE kind='alert' AND patient_id=?1", id, f->alert_a);
	free(json);
	free(alert);

	fake_jpeg(img, sizeof img, 1);
	fake_jpeg(thumb, sizeof thumb, 2);
	f->image_len = sizeof img;
	store_sha256_hex(img, sizeof img, sha);
	char *meta = mk_asprintf("{\"v\":1,\"type\":\"progress-photo\",\"area\":\"thighs\",\"session\":1,"
				 "\"course\":\"%s\",\"sha256\":\"%s\",\"source\":\"camera\","
				 "\"width\":64,\"height\":48}", f->course_a, sha);
	store_photo p = { .clinic_pk = f->pk, .patient_key = key, .patient_id = id,
			  .course_uuid = f->course_a, .session = 1, .area = 0, .image = img,
			  .image_len = sizeof img, .thumb = thumb, .thumb_len = sizeof thumb,
			  .width = 64, .height = 48, .meta_json = meta };
	CHECK_MSG(store_photo_add(s, &p, f->photo_a) == 0, "%s", mk_err_msg());
	free(meta);

	ship(f, s, f->alert_a, f->patient_a, f->code_a, f->course_a, 1, 1, FX_T0);
	ship(f, s, f->report_a, f->patient_a, f->code_a, f->course_a, 1, 1, FX_T0);
	ship(f, s, f->photo_a, f->patient_a, f->code_a, f->course_a, 1, 0, FX_T_PHOTO);
}

/* Patient B: no course, one report without a note. */
static void patient_b(fixture *f, store *s)
{
	uint8_t key[32];
	int64_t id = enrol(s, f->code_b, key, f->patient_b);
	const char *json = "{\"v\":1,\"type\":\"symptom-report\",\"recall\":\"since-last-session\","
			   "\"content_version\":\"2026-11-01\",\"lang\":\"ar\",\"course\":\"\","
			   "\"session\":0,\"areas\":[],\"answers\":{\"pain\":1},\"note\":\"\"}";
	store_report r = { .clinic_pk = f->pk, .patient_key = key, .patient_id = id,
			   .session = 0, .json = json };
	CHECK_MSG(store_report_add(s, &r, f->report_b) == 0, "%s", mk_err_msg());
	ship(f, s, f->report_b, f->patient_b, f->code_b, NULL, 0, 0, FX_T_B);
}

int fixture_make(fixture *f, const char *pg_uri_file, const char *name)
{
	char *argv[] = { NULL, (char *)pg_uri_file };
	store *s = NULL;
	char token[CSTORE_TOKEN];
	memset(f, 0, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/mkexportXXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	for (int i = 0; i < FX_ANSWERS_A; i++) {
		f->items_a[i] = ITEMS[i];
		f->scores_a[i] = SCORES[i];
	}
	char *kdir = mk_path_join(f->dir, "kiosk");
	CHECK(test_db_make(&f->db, pg_uri_file ? 2 : 1, argv, name) == 0);
	CHECK(store_keygen(f->pk, f->sk) == 0 && store_keygen(f->wrong_pk, f->wrong_sk) == 0);
	CHECK_MSG(store_open(&s, kdir) == 0, "%s", mk_err_msg());
	CHECK_MSG(cstore_open(&f->cs, f->db.spec) == 0, "%s", mk_err_msg());
	int ok = s && f->cs;
	if (ok)
		CHECK_MSG(cstore_kiosk_add(f->cs, "Waiting room 1", f->kiosk, token) == 0, "%s",
			  mk_err_msg());
	if (ok) {
		patient_a(f, s);
		patient_b(f, s);
	}
	store_close(s);
	free(kdir);
	return ok && check_fail == 0 ? 0 : -1;
}

void fixture_free(fixture *f)
{
	char *cmd = mk_asprintf("rm -rf '%s'", f->dir);
	cstore_close(f->cs);
	f->cs = NULL;
	test_db_done(&f->db);
	if (cmd && f->dir[0] && system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(cmd);
}
