/* SPDX-License-Identifier: MIT */
/*
 * Keeping less: what the clinic has acknowledged leaves the kiosk after the
 * retention period, except what the patient still uses here (the reports of
 * their latest course, for the charts, and their latest photo of each area,
 * for the camera's guide); nothing the clinic has not acknowledged ever
 * leaves; a photo's files go with its record; nothing younger than the
 * period goes.
 */
#include "store_test.h"
#include "photo_fake.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define PIN "482913"
#define COST (&STORE_PIN_COST_TEST)
#define DAY 86400

static uint8_t pk[32], sk[32], img[4096], thumb[1024];

static int add_photo(store *s, const uint8_t key[32], int64_t id, int area, unsigned seed, char uuid[37])
{
	photo_fake(img, sizeof img, seed, 1);
	photo_fake(thumb, sizeof thumb, seed + 1, 1);
	store_photo ph = { .clinic_pk = pk, .patient_key = key, .patient_id = id, .session = 1,
			   .area = area, .image = img, .image_len = sizeof img, .thumb = thumb,
			   .thumb_len = sizeof thumb, .width = 64, .height = 64 };
	return store_photo_add(s, &ph, uuid);
}

static int add_report(store *s, const uint8_t key[32], int64_t id, const char *course, char uuid[37])
{
	store_report r = { .clinic_pk = pk, .patient_key = key, .patient_id = id,
			   .course_uuid = course, .session = 1, .json = "{\"itch\":1}" };
	return store_report_add(s, &r, uuid);
}

static int gone(store *s, const char *uuid)
{
	char *q = mk_asprintf("SELECT count(*) FROM records WHERE uuid='%s'", uuid);
	long long n = query_int(s, q);
	free(q);
	return n == 0;
}

static int file_there(store *s, const char *uuid)
{
	struct stat st;
	char *path = store_photo_path(s, uuid, STORE_PHOTO_ORIGINAL);
	int there = path && stat(path, &st) == 0;
	free(path);
	return there;
}

int main(void)
{
	char code[9], c1[37], c2[37], old_rep[37], rep[37], old_ph[37], ph[37], ph_arms[37];
	char note[37], waiting[37], aside[37];
	uint8_t key[32];
	int64_t id = 0, now = (int64_t)time(NULL);
	int removed = -1;
	mk_log_set_level(MK_LOG_WARN);
	CHECK(store_crypto_init() == 0 && store_keygen(pk, sk) == 0);
	char *dir = tmp_dir();
	store *s = NULL;
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	if (!s)
		return check_done();
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0);
	CHECK(store_patient_unlock(s, code, PIN, now, key, &id) == 0);
	store_course a = { .plan = "p", .grade = 2, .area = "thighs", .sessions_planned = 8,
			   .interval_days = 7, .started_at = now - 400 * DAY };
	CHECK(store_course_start(s, id, &a, c1) == 0);
	CHECK(add_report(s, key, id, c1, old_rep) == 0);
	a.started_at = now - 120 * DAY;
	CHECK(store_course_start(s, id, &a, c2) == 0);
	CHECK(add_report(s, key, id, c2, rep) == 0);
	CHECK(add_photo(s, key, id, 0, 10, old_ph) == 0);
	CHECK(add_photo(s, key, id, 0, 20, ph) == 0);
	CHECK(add_photo(s, key, id, 3, 30, ph_arms) == 0);
	CHECK(store_record_add(s, pk, key, id, "note", "n", 1, note) == 0);
	CHECK(store_record_add(s, pk, key, id, "note", "w", 1, waiting) == 0);
	CHECK(store_record_add(s, pk, key, id, "note", "a", 1, aside) == 0);
	/* Everything was made 100 days ago, in this order. */
	CHECK(store_exec(s, "UPDATE records SET created_at = strftime('%s','now') - 100*86400 + id;"
			 "UPDATE photos SET created_at = (SELECT created_at FROM records r"
			 " WHERE r.id = photos.record_id)", "test") == 0);

	/* Nothing acknowledged yet: nothing goes. */
	CHECK_MSG(store_retain(s, now, 90, &removed) == 0 && removed == 0, "%s", mk_err_msg());
	const char *acked[] = { old_rep, rep, old_ph, ph, ph_arms, note };
	int n = 0;
	CHECK(store_outbox_ack_list(s, acked, 6, &n) == 0 && n == 6);
	CHECK(store_outbox_set_aside(s, aside, "refused") == 0);

	/* Younger than the period: nothing goes. */
	CHECK(store_retain(s, now, 120, &removed) == 0 && removed == 0);
	CHECK(query_int(s, "SELECT count(*) FROM audit WHERE action='records-retired'") == 0);

	CHECK(file_there(s, old_ph));
	CHECK_MSG(store_retain(s, now, 90, &removed) == 0, "%s", mk_err_msg());
	CHECK_MSG(removed == 3, "removed %d", removed);
	CHECK(gone(s, old_rep) && gone(s, old_ph) && gone(s, note));
	CHECK(!gone(s, rep) && !gone(s, ph) && !gone(s, ph_arms));
	CHECK(!gone(s, waiting) && !gone(s, aside));
	CHECK(!file_there(s, old_ph) && file_there(s, ph) && file_there(s, ph_arms));
	CHECK(query_int(s, "SELECT count(*) FROM reports") == 1);
	CHECK(query_int(s, "SELECT count(*) FROM photos") == 2);
	CHECK(query_int(s, "SELECT count(*) FROM audit WHERE action='records-retired'") == 1);
	/* What stays still opens for the patient. */
	void *plain = NULL;
	size_t len = 0;
	CHECK(store_record_read(s, key, rep, &plain, &len) == 0);
	store_plain_free(plain, len);
	store_report_info info[8];
	CHECK(store_report_list(s, id, info, 8, &n) == 0 && n == 1 && !strcmp(info[0].uuid, rep));

	CHECK(store_retain(s, now, 90, &removed) == 0 && removed == 0);
	CHECK(store_retain(s, now, 0, &removed) == MK_EINVAL);
	CHECK(store_integrity_check(s) == 0);
	store_close(s);
	free(dir);
	return check_done();
}
