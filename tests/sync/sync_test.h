/* SPDX-License-Identifier: MIT */
/*
 * What the sync tests share: a real kiosk store in a temporary folder with
 * patients (enrolled at the test cost, a course, two sessions), reports
 * with a note nobody may see in clear, red flags and photos; the list of
 * UUIDs waiting in its outbox, which is exactly what must reach the
 * collector; a worker pointed at a fake collector; and polling with a
 * deadline, because the worker runs in its own thread.
 */
#ifndef MK_SYNC_TEST_H
#define MK_SYNC_TEST_H

#include "../check.h"
#include "../store/photo_fake.h"
#include "fake_collector.h"
#include "store_int.h"
#include "sync.h"
#include "core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TOKEN "kiosk-0a1b2c3d.5f1e0c9a8b7d6e5f4a3b2c1d0e9f8a7b"
#define PIN "482913"
#define NOTE "NOTE-MARKER-3141"
#define VERSION "9.9.9-test"

typedef struct {
	char code[9], uuid[37], course[37];
	int64_t id;
	uint8_t key[32];
} patient;

typedef struct {
	char *dir;
	store *s;
	uint8_t pk[32], sk[32];
	char (*expect)[37]; /* the outbox when kiosk_snapshot ran */
	int n_expect;
	uint8_t img[40000], thumb[3000];
} kiosk;

static inline kiosk *kiosk_new(void)
{
	kiosk *k = calloc(1, sizeof *k);
	k->dir = strdup("/tmp/mksyncXXXXXX");
	CHECK(mkdtemp(k->dir) != NULL);
	CHECK(store_keygen(k->pk, k->sk) == 0);
	CHECK_MSG(store_open(&k->s, k->dir) == 0, "%s", mk_err_msg());
	return k;
}

static inline void kiosk_free(kiosk *k)
{
	char *cmd = mk_asprintf("rm -rf '%s'", k->dir);
	store_close(k->s);
	CHECK(system(cmd) == 0);
	free(cmd);
	free(k->expect);
	free(k->dir);
	free(k);
}

static inline patient kiosk_patient(kiosk *k)
{
	patient p = { .id = 0 };
	store_course c = { .plan = "standard", .grade = 2, .area = "thighs",
			   .sessions_planned = 8, .interval_days = 14, .started_at = 1790000000 };
	sqlite3_stmt *st;
	CHECK(store_patient_enrol(k->s, PIN, &STORE_PIN_COST_TEST, p.code, &p.id) == 0);
	CHECK(store_patient_unlock(k->s, p.code, PIN, 1790000000, p.key, &p.id) == 0);
	CHECK(store_course_start(k->s, p.id, &c, p.course) == 0);
	CHECK(store_session_done(k->s, p.course, 1790100000) == 0);
	sqlite3_prepare_v2(store_db(k->s), "SELECT uuid FROM patients WHERE id=?", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, p.id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(p.uuid, sizeof p.uuid, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return p;
}

/* A report (with a red flag when alert > 0); its UUID in uuid. */
static inline void kiosk_report(kiosk *k, const patient *p, int alert, char uuid[37])
{
	store_report r = { .clinic_pk = k->pk, .patient_key = p->key, .patient_id = p->id,
			   .course_uuid = p->course, .session = 1,
			   .json = "{\"itch\":1,\"note\":\"" NOTE "\"}", .alert_level = alert,
			   .alert_json = "{\"rule\":\"fever\"}" };
	CHECK_MSG(store_report_add(k->s, &r, uuid) == 0, "%s", mk_err_msg());
}

static inline void kiosk_photo(kiosk *k, const patient *p, unsigned seed, char uuid[37])
{
	photo_fake(k->img, sizeof k->img, seed, 1);
	photo_fake(k->thumb, sizeof k->thumb, seed + 1, 1);
	store_photo ph = { .clinic_pk = k->pk, .patient_key = p->key, .patient_id = p->id,
			   .course_uuid = p->course, .session = 1, .area = 0, .image = k->img,
			   .image_len = sizeof k->img, .thumb = k->thumb,
			   .thumb_len = sizeof k->thumb, .width = 400, .height = 300 };
	CHECK_MSG(store_photo_add(k->s, &ph, uuid) == 0, "%s", mk_err_msg());
}

/* Remembers what waits in the outbox now: what the collector must get. */
static inline void kiosk_snapshot(kiosk *k)
{
	int waiting = 0, aside = 0, n = 0;
	store_outbox_item *items;
	CHECK(store_outbox_counts(k->s, &waiting, &aside) == 0);
	items = calloc((size_t)waiting + 1, sizeof *items);
	k->expect = realloc(k->expect, ((size_t)waiting + 1) * sizeof *k->expect);
	CHECK(store_outbox_next(k->s, waiting, items, &n) == 0 && n == waiting);
	for (int i = 0; i < n; i++)
		memcpy(k->expect[i], items[i].uuid, 37);
	k->n_expect = n;
	free(items);
}

static inline int kiosk_waiting(kiosk *k)
{
	int waiting = -1, aside = 0;
	store_outbox_counts(k->s, &waiting, &aside);
	return waiting;
}

static inline int kiosk_aside(kiosk *k)
{
	int waiting = 0, aside = -1;
	store_outbox_counts(k->s, &waiting, &aside);
	return aside;
}

/* The first column of the first row of sql on the kiosk's database; -1
 * for no row. */
static inline long long kiosk_sql(kiosk *k, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(store_db(k->s), sql, -1, &st, NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static inline sync_worker *worker_start_url(kiosk *k, const char *url)
{
	sync_worker *w = NULL;
	sync_opts o = { .data_dir = k->dir, .url = url, .token = TOKEN,
			.version = VERSION, .timeout_s = 5 };
	CHECK_MSG(sync_start(&w, &o) == 0, "%s", mk_err_msg());
	return w;
}

static inline sync_worker *worker_start(kiosk *k, fake *f)
{
	return worker_start_url(k, fake_url(f));
}

/* The worker's status says sent items went and none waits (it is updated
 * just after the database, so tests wait for it too). */
static inline int worker_settled(sync_worker *w, uint64_t sent)
{
	sync_status st;
	sync_get_status(w, &st);
	return st.sent == sent && st.waiting == 0;
}

/* The file is exactly these bytes. */
static inline int same_bytes(const char *path, const unsigned char *bytes, size_t n)
{
	char *got = NULL;
	size_t len = 0;
	int same = mk_read_file(path, &got, &len) == 0 && len == n && !memcmp(got, bytes, n);
	free(got);
	return same;
}

/* A JSON string's value, "" when it is not one. */
#define JS(v) (json_string_value(v) ? json_string_value(v) : "")

static inline uint64_t now_ms(void) { return mk_mono_ns() / 1000000u; }

/* Polls cond every 10 ms until it holds or ms milliseconds have passed;
 * the test then CHECKs cond itself. */
#define WAIT_UNTIL(cond, ms) do { \
	uint64_t until_ = now_ms() + (ms); \
	while (!(cond) && now_ms() < until_) \
		usleep(10000); \
} while (0)

/* Every expected UUID is accepted by f, and nothing else. */
static inline int all_arrived(kiosk *k, fake *f)
{
	int ok = fake_accepted_count(f) == k->n_expect;
	for (int i = 0; ok && i < k->n_expect; i++)
		ok = fake_is_accepted(f, k->expect[i]);
	return ok;
}

#endif
