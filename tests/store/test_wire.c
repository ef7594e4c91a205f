/* SPDX-License-Identifier: MIT */
/*
 * What the sync worker sends, as the collector would see it: the wire
 * object of a report, an alert, a photo and an erasure parses as JSON with
 * the fields of the README's "Collector API"; the clinic opens the
 * ciphertext to exactly what the patient saved; a photo's files are named
 * with the size and SHA-256 of the encrypted bytes on disk; staff text in a
 * course (quotes, Arabic, a stray byte) survives as valid JSON; the
 * patient-wrapped key and any plain text never appear. Then the outbox
 * bookkeeping staff rely on: failed tries are counted with their error,
 * set-aside items are listed with their reason and can be put back, and a
 * batch is acknowledged at once.
 */
#include "store_test.h"
#include "photo_fake.h"
#include "core.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <unistd.h>

#define PIN "482913"
#define NOTE "NOTE-MARKER-5521 it itches"
#define REPORT "{\"itch\":2,\"note\":\"" NOTE "\"}"
#define ALERT "{\"rule\":\"fever\",\"note\":\"ALERT-MARKER-8812\"}"
#define META "{\"source\":\"camera\",\"orientation\":1}"
#define PLAN "plan \"B\" \\ خطة"
#define AREA_RAW "thighs\xff\n"

static uint8_t pk[32], sk[32];
static uint8_t img[50000], thumb[3000];

static const char *str(json_t *o, const char *path)
{
	char buf[64], *save = NULL, *k;
	json_t *v = o;
	snprintf(buf, sizeof buf, "%s", path);
	for (k = strtok_r(buf, ".", &save); k && v; k = strtok_r(NULL, ".", &save))
		v = json_object_get(v, k);
	return json_string_value(v) ? json_string_value(v) : "";
}

static long long num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_integer(v) ? (long long)json_integer_value(v) : -999;
}

/* Decodes a base64 field into *out (malloc'd); its length, or 0. */
static size_t b64(json_t *o, const char *key, uint8_t **out)
{
	const char *t = str(o, key);
	size_t cap = strlen(t), n = 0;
	*out = malloc(cap + 1);
	if (!*out || sodium_base642bin(*out, cap, t, strlen(t), NULL, &n, NULL,
				       sodium_base64_VARIANT_ORIGINAL) != 0)
		return 0;
	return n;
}

/* The clinic's view: opens the record in the wire object and compares. */
static int opens_to(json_t *o, const char *want)
{
	uint8_t *sealed, *nonce, *ct;
	size_t ls = b64(o, "sealed_key", &sealed), ln = b64(o, "nonce", &nonce);
	size_t lc = b64(o, "ciphertext", &ct), n = 0;
	void *plain = NULL;
	int ok = store_open_sealed(pk, sk, str(o, "uuid"), sealed, ls, nonce, ln, ct, lc,
				   &plain, &n) == 0 && n == strlen(want) && !memcmp(plain, want, n);
	store_plain_free(plain, n);
	free(sealed);
	free(nonce);
	free(ct);
	return ok;
}

static json_t *wire(store *s, const store_outbox_item *it, store_photo_file files[2], char **text)
{
	json_error_t e;
	json_t *o;
	int rc = store_outbox_wire(s, it, text, files);
	CHECK_MSG(rc == 0, "%s: %s", it->uuid, mk_err_msg());
	o = rc ? NULL : json_loads(*text, 0, &e);
	CHECK_MSG(o && json_is_object(o), "%s: %s", *text ? *text : "", e.text);
	return o;
}

/* Neither the wrapped key nor any plain text is in the text sent. */
static void nothing_private(store *s, const char *text, const char *uuid)
{
	char sql[160], *enc;
	sqlite3_stmt *st;
	CHECK(!strstr(text, "wrapped"));
	CHECK(!strstr(text, "MARKER") && !strstr(text, "itches") && !strstr(text, "camera"));
	snprintf(sql, sizeof sql, "SELECT wrapped_key FROM records WHERE uuid='%s'", uuid);
	CHECK(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	size_t n = (size_t)sqlite3_column_bytes(st, 0);
	size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	enc = malloc(len);
	sodium_bin2base64(enc, len, sqlite3_column_blob(st, 0), n, sodium_base64_VARIANT_ORIGINAL);
	enc[20] = 0; /* any long run of it */
	CHECK(n > 0 && !strstr(text, enc));
	free(enc);
	sqlite3_finalize(st);
}

static void check_context(json_t *o, const char *code, const char *course)
{
	json_t *c = json_object_get(o, "course"), *ss = json_object_get(c, "sessions");
	CHECK(strlen(str(o, "patient.uuid")) == 36);
	CHECK(!strcmp(str(o, "patient.code"), code));
	CHECK(!strcmp(str(o, "course.uuid"), course));
	CHECK(!strcmp(str(o, "course.plan"), PLAN));
	CHECK(!strcmp(str(o, "course.area"), "thighs\xef\xbf\xbd\n"));
	CHECK(num(c, "grade") == 2 && num(c, "sessions_planned") == 8);
	CHECK(num(c, "interval_days") == 14 && num(c, "started_at") == 1790000000);
	CHECK(json_array_size(ss) == 2);
	CHECK(strlen(str(json_array_get(ss, 0), "uuid")) == 36);
	CHECK(num(json_array_get(ss, 0), "done_at") == 1790100000);
	CHECK(num(json_array_get(ss, 1), "done_at") == 1790200000);
	CHECK(num(o, "session") == 2);
	CHECK(num(o, "created_at") > 1700000000);
}

static void check_photo(store *s, json_t *o, const store_photo_file f[2])
{
	static const char *const part[2] = { "files.image.sha256", "files.thumb.sha256" };
	json_t *files = json_object_get(o, "files");
	CHECK(num(o, "area") == 1 && num(o, "width") == 640 && num(o, "height") == 480);
	for (int i = 0; i < 2; i++) {
		char *bytes = NULL, hex[65];
		size_t n = 0;
		json_t *fj = json_object_get(files, i ? "thumb" : "image");
		CHECK(mk_read_file(f[i].path, &bytes, &n) == 0);
		store_sha256_hex(bytes, n, hex);
		CHECK(!strcmp(str(o, part[i]), hex) && !strcmp(f[i].sha256, hex));
		CHECK(num(fj, "size") == (long long)n && f[i].size == (int64_t)n);
		/* The clinic opens the file it is told about. */
		uint8_t *sealed;
		size_t ls = b64(o, "sealed_key", &sealed), pn = 0;
		void *plain = NULL;
		CHECK(store_open_photo_file(pk, sk, str(o, "uuid"), sealed, ls, i, (uint8_t *)bytes,
					    n, &plain, &pn) == 0);
		CHECK(pn == (i ? sizeof thumb : sizeof img) && !memcmp(plain, i ? thumb : img, pn));
		store_plain_free(plain, pn);
		free(sealed);
		free(bytes);
	}
	(void)s;
}

static void erase_one(store *s, char patient_uuid[37])
{
	char code[9], req[37];
	int64_t id;
	CHECK(store_patient_enrol(s, PIN, &STORE_PIN_COST_TEST, code, &id) == 0);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(store_db(s), "SELECT uuid FROM patients WHERE id=?", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, id);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	snprintf(patient_uuid, 37, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	CHECK(store_patient_erase(s, id, req) == 0);
}

static int find(store_outbox_item *items, int n, const char *kind, const char *rkind, store *s)
{
	for (int i = 0; i < n; i++) {
		char sql[160];
		if (strcmp(items[i].kind, kind))
			continue;
		if (!rkind)
			return i;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM records WHERE uuid='%s' AND kind='%s'",
			 items[i].uuid, rkind);
		if (query_int(s, sql) == 1)
			return i;
	}
	return -1;
}

static void test_items(store *s)
{
	char code[9], course[37], uuid[37], ph_uuid[37], erased[37], *text = NULL;
	uint8_t key[32];
	int64_t id;
	store_course c = { .plan = PLAN, .grade = 2, .area = AREA_RAW, .sessions_planned = 8,
			   .interval_days = 14, .started_at = 1790000000 };
	CHECK(store_patient_enrol(s, PIN, &STORE_PIN_COST_TEST, code, &id) == 0);
	CHECK(store_patient_unlock(s, code, PIN, 1790000000, key, &id) == 0);
	CHECK_MSG(store_course_start(s, id, &c, course) == 0, "%s", mk_err_msg());
	CHECK(store_session_done(s, course, 1790200000) == 0);
	CHECK(store_session_done(s, course, 1790100000) == 0);
	store_report r = { .clinic_pk = pk, .patient_key = key, .patient_id = id,
			   .course_uuid = course, .session = 2, .json = REPORT,
			   .alert_level = 2, .alert_json = ALERT };
	CHECK(store_report_add(s, &r, uuid) == 0);
	photo_fake(img, sizeof img, 7, 1);
	photo_fake(thumb, sizeof thumb, 8, 1);
	store_photo p = { .clinic_pk = pk, .patient_key = key, .patient_id = id,
			  .course_uuid = course, .session = 2, .area = 1, .image = img,
			  .image_len = sizeof img, .thumb = thumb, .thumb_len = sizeof thumb,
			  .width = 640, .height = 480, .meta_json = META };
	CHECK(store_photo_add(s, &p, ph_uuid) == 0);
	erase_one(s, erased);

	store_outbox_item items[8];
	store_photo_file files[2];
	int n = 0, i;
	CHECK(store_outbox_next(s, 8, items, &n) == 0 && n == 4);
	CHECK(n > 0 && find(items, 1, "record", "alert", s) == 0); /* alerts first */

	json_t *o = wire(s, &items[i = find(items, n, "record", "report", s)], files, &text);
	CHECK(i >= 0 && !strcmp(str(o, "uuid"), uuid) && !strcmp(str(o, "kind"), "report"));
	check_context(o, code, course);
	CHECK(num(o, "alert_level") == 2 && opens_to(o, REPORT));
	CHECK(!json_object_get(o, "files") && !json_object_get(o, "wrapped_key"));
	nothing_private(s, text, uuid);
	json_decref(o);
	free(text);

	o = wire(s, &items[0], files, &text);
	CHECK(!strcmp(str(o, "kind"), "alert") && num(o, "alert_level") == 2);
	check_context(o, code, course);
	CHECK(opens_to(o, ALERT));
	nothing_private(s, text, items[0].uuid);
	json_decref(o);
	free(text);

	o = wire(s, &items[i = find(items, n, "photo", "photo", s)], files, &text);
	CHECK(i >= 0 && !strcmp(str(o, "uuid"), ph_uuid) && !strcmp(str(o, "kind"), "photo"));
	check_context(o, code, course);
	CHECK(num(o, "alert_level") == 0 && opens_to(o, META));
	check_photo(s, o, files);
	nothing_private(s, text, ph_uuid);
	json_decref(o);
	free(text);

	o = wire(s, &items[i = find(items, n, "erasure", NULL, s)], NULL, &text);
	CHECK(i >= 0 && !strcmp(str(o, "kind"), "erasure"));
	CHECK(!strcmp(str(o, "uuid"), items[i].uuid) && !strcmp(str(o, "patient.uuid"), erased));
	CHECK(num(o, "created_at") == items[i].created_at && json_object_size(o) == 4);
	CHECK(json_object_size(json_object_get(o, "patient")) == 1);
	json_decref(o);
	free(text);

	/* A photo whose file went missing, and an item whose record is gone. */
	i = find(items, n, "photo", "photo", s);
	char *path = store_photo_path(s, ph_uuid, STORE_PHOTO_THUMB), *moved = mk_asprintf("%s.x", path);
	CHECK(rename(path, moved) == 0);
	CHECK(store_outbox_wire(s, &items[i], &text, files) == MK_EIO && !text);
	CHECK(rename(moved, path) == 0);
	free(path);
	free(moved);
	store_outbox_item gone = items[find(items, n, "record", "report", s)];
	store_uuid(gone.uuid);
	CHECK(store_outbox_wire(s, &gone, &text, NULL) == MK_ENOTFOUND && !text);
}

/* A report before any course: "course" is null. */
static void test_no_course(store *s)
{
	char code[9], uuid[37], *text = NULL;
	uint8_t key[32];
	int64_t id;
	CHECK(store_patient_enrol(s, PIN, &STORE_PIN_COST_TEST, code, &id) == 0);
	CHECK(store_patient_unlock(s, code, PIN, 1790000000, key, &id) == 0);
	store_report r = { .clinic_pk = pk, .patient_key = key, .patient_id = id, .json = "{}" };
	CHECK(store_report_add(s, &r, uuid) == 0);
	store_outbox_item it = { .kind = "record" };
	memcpy(it.uuid, uuid, sizeof uuid);
	json_t *o = wire(s, &it, NULL, &text);
	CHECK(json_is_null(json_object_get(o, "course")) && num(o, "session") == 0);
	CHECK(!strcmp(str(o, "patient.code"), code) && opens_to(o, "{}"));
	json_decref(o);
	free(text);
}

static int attempts_of(store *s, const char *uuid)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT attempts FROM outbox WHERE record_uuid='%s'"
		 " AND last_error='the collector answered 500'", uuid);
	return (int)query_int(s, sql);
}

static void test_bookkeeping(store *s)
{
	store_outbox_item items[8];
	store_outbox_aside aside[4];
	int n = 0, waiting = 0, set = 0, k = 0;
	CHECK(store_outbox_next(s, 8, items, &n) == 0 && n == 5);
	const char *report = items[find(items, n, "record", "report", s)].uuid;
	CHECK(store_outbox_attempt(s, report, "the collector answered 500") == 0);
	CHECK(store_outbox_attempt(s, report, "the collector answered 500") == 0);
	CHECK(attempts_of(s, report) == 2);
	CHECK(store_outbox_attempt(s, "no-such-uuid", "x") == MK_ENOTFOUND);

	CHECK(store_outbox_set_aside(s, report, "malformed: no course") == 0);
	CHECK(store_outbox_counts(s, &waiting, &set) == 0 && waiting == 4 && set == 1);
	CHECK(store_outbox_aside_list(s, aside, 4, &k) == 0 && k == 1);
	CHECK(k == 1 && !strcmp(aside[0].uuid, report) && !strcmp(aside[0].kind, "report"));
	CHECK(!strcmp(aside[0].reason, "malformed: no course") && aside[0].attempts == 2);
	CHECK(store_outbox_retry_aside(s, &k) == 0 && k == 1);
	CHECK(store_outbox_counts(s, &waiting, &set) == 0 && waiting == 5 && set == 0);
	CHECK(store_outbox_aside_list(s, aside, 4, &k) == 0 && k == 0);

	const char *acks[3] = { items[0].uuid, items[1].uuid, "not-in-the-outbox" };
	CHECK(store_outbox_ack_list(s, acks, 3, &k) == 0 && k == 2);
	CHECK(store_outbox_counts(s, &waiting, &set) == 0 && waiting == 3);
	CHECK(store_outbox_ack_list(s, acks, 3, &k) == 0 && k == 0);
}

int main(void)
{
	char *dir = tmp_dir();
	store *s = NULL;
	CHECK(store_keygen(pk, sk) == 0);
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	if (s) {
		test_items(s);
		test_no_course(s);
		test_bookkeeping(s);
	}
	store_close(s);
	char *cmd = mk_asprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	free(dir);
	return check_done();
}
