/* SPDX-License-Identifier: MIT */
/*
 * Patient, course and outbox tests: the promises a patient and the clinic
 * rely on — a code that can be copied without doubt, a PIN that opens only
 * its own key, a lock after five wrong tries that a stranger cannot use to
 * learn which codes exist, a PIN reset that keeps the history for the
 * clinic only, an erasure that leaves nothing of the patient but a request,
 * and a staff PIN hash that opens for its PIN only. Time is moved with the
 * `now` argument. (Upgrades from old schemas: test_migrate.c.)
 */
#include "store_test.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>

#define T0 1700000000
#define PIN "482913"
#define COST (&STORE_PIN_COST_TEST)

static store *open_new(void)
{
	char *dir = tmp_dir();
	store *s = NULL;
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	free(dir);
	return s;
}

static void test_enrol(store *s)
{
	char code[9], code2[9];
	int64_t id = 0, id2 = 0;
	CHECK_MSG(store_patient_enrol(s, PIN, COST, code, &id) == 0, "%s", mk_err_msg());
	CHECK(strlen(code) == 8 && strspn(code, STORE_CODE_ALPHABET) == 8);
	CHECK(strpbrk(code, "0O1IL") == NULL);
	CHECK(store_patient_enrol(s, PIN, COST, code2, &id2) == 0);
	CHECK(id2 != id && strcmp(code, code2) != 0);
	const char *bad[] = { "12345", "1234567890123", "12a456", "", "12 456", "4829130000a" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK(store_patient_enrol(s, bad[i], COST, code2, &id2) == MK_EINVAL);
		CHECK(strcmp(mk_err_msg(), "the PIN must be 6 to 12 digits") == 0);
	}
	CHECK(query_int(s, "SELECT count(*) FROM patients") == 2);
	CHECK(query_int(s, "SELECT count(*) FROM patients WHERE length(wrapped_key) = 72"
			" AND length(pin_salt) = 16") == 2);
}

/* Longer PINs (kiosk.conf pin_length): any length from 6 to 12 digits, and
 * only the whole PIN opens, not the 6 digits it starts with. */
static void test_long_pin(store *s)
{
	static const char *const pins[] = { "1234567", "4829130517", "482913051776" };
	char code[9];
	uint8_t key[32];
	int64_t id = 0, got = 0;
	for (size_t i = 0; i < sizeof pins / sizeof pins[0]; i++) {
		CHECK_MSG(store_patient_enrol(s, pins[i], COST, code, &id) == 0, "%s", mk_err_msg());
		CHECK(store_patient_unlock(s, code, pins[i], T0, key, &got) == 0 && got == id);
		char shorter[16];
		snprintf(shorter, sizeof shorter, "%.*s", (int)strlen(pins[i]) - 1, pins[i]);
		CHECK(store_patient_unlock(s, code, shorter, T0, key, &got) == MK_EINVAL);
	}
	CHECK(store_patient_unlock(s, code, "482913", T0, key, &got) == MK_EINVAL);
	CHECK(store_patient_reset_pin(s, code, "73915508", COST) == 0);
	CHECK(store_patient_unlock(s, code, "73915508", T0, key, &got) == 0);
}

static void test_unlock(store *s)
{
	char code[9], lower[9];
	uint8_t key[32], key2[32];
	int64_t id = 0, got = 0;
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0);
	CHECK_MSG(store_patient_unlock(s, code, PIN, T0, key, &got) == 0, "%s", mk_err_msg());
	CHECK(got == id);
	for (int i = 0; i < 9; i++)
		lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32 : code[i]);
	CHECK(store_patient_unlock(s, lower, PIN, T0, key2, &got) == 0);
	CHECK(memcmp(key, key2, 32) == 0);
	CHECK(store_patient_unlock(s, code, "000000", T0, key2, &got) == MK_EINVAL);
}

/* An unknown code and a wrong PIN must look exactly the same. */
static void test_no_oracle(store *s)
{
	char code[9], msg_wrong[256], msg_unknown[256];
	uint8_t key[32];
	int64_t id = 0, got = -7;
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0);
	int rc_wrong = store_patient_unlock(s, code, "111111", T0, key, &got);
	snprintf(msg_wrong, sizeof msg_wrong, "%s", mk_err_msg());
	int rc_unknown = store_patient_unlock(s, "ZZZZZZZZ", "111111", T0, key, &got);
	snprintf(msg_unknown, sizeof msg_unknown, "%s", mk_err_msg());
	CHECK(rc_wrong == MK_EINVAL && rc_unknown == rc_wrong);
	CHECK_MSG(strcmp(msg_wrong, msg_unknown) == 0, "'%s' vs '%s'", msg_wrong, msg_unknown);
	CHECK(strstr(msg_wrong, "ZZZZ") == NULL && strstr(msg_wrong, code) == NULL);
	CHECK(store_patient_unlock(s, "short", "111111", T0, key, &got) == rc_wrong);
	CHECK(strcmp(mk_err_msg(), msg_wrong) == 0);
	CHECK(got == -7);
}

/* An unknown code locks like a real one: the same answers and the same
 * tries left, attempt after attempt, and both open again after the lock. */
static void test_stranger_locks(store *s)
{
	char code[9], msg[2][256];
	uint8_t key[32];
	int64_t id = 0, got = 0;
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0);
	const char *codes[2] = { code, "QQQQ2222" };
	CHECK(store_patient_tries_left(s, codes[1], T0) == STORE_MAX_FAILED_PINS);
	for (int i = 0; i < STORE_MAX_FAILED_PINS + 1; i++) {
		int rc[2], left[2];
		for (int k = 0; k < 2; k++) {
			rc[k] = store_patient_unlock(s, codes[k], "999999", T0 + i, key, &got);
			snprintf(msg[k], sizeof msg[k], "%s", mk_err_msg());
			left[k] = store_patient_tries_left(s, codes[k], T0 + i);
		}
		CHECK_MSG(rc[0] == rc[1] && left[0] == left[1], "try %d: %d/%d left %d/%d", i + 1,
			  rc[0], rc[1], left[0], left[1]);
		CHECK(strcmp(msg[0], msg[1]) == 0);
		CHECK(rc[0] == (i < STORE_MAX_FAILED_PINS - 1 ? MK_EINVAL : MK_ELIMIT));
		CHECK(left[0] == (i < STORE_MAX_FAILED_PINS - 1 ? STORE_MAX_FAILED_PINS - 1 - i : 0));
	}
	/* The right PIN while locked: refused as locked, not as wrong. */
	CHECK(store_patient_unlock(s, code, PIN, T0 + 10, key, &got) == MK_ELIMIT);
	int64_t after = T0 + STORE_MAX_FAILED_PINS + STORE_LOCK_SECONDS;
	CHECK(store_patient_tries_left(s, codes[0], after) == STORE_MAX_FAILED_PINS);
	CHECK(store_patient_tries_left(s, codes[1], after) == STORE_MAX_FAILED_PINS);
	CHECK(store_patient_unlock(s, codes[1], "999999", after, key, &got) == MK_EINVAL);
	CHECK(store_patient_unlock(s, code, PIN, after, key, &got) == 0);
	CHECK(store_patient_tries_left(s, "short", T0) == STORE_MAX_FAILED_PINS);
}

/* The unknown codes' table is bounded, and a stranger who floods it with
 * one try at each of many made-up codes does not wash out a code that is
 * nearly (or wholly) locked: the fewest tries make room first. */
static void test_strangers_bounded(store *s)
{
	char c[9];
	int failed;
	int64_t until;
	store_strangers_set(s, "AAAA2222", 4, 0, T0);
	store_strangers_set(s, "BBBB2222", 0, T0 + 900, T0);
	for (int i = 0; i < 3000; i++) {
		snprintf(c, sizeof c, "C%07d", i);
		for (int k = 1; k < 8; k++) /* code characters only: 0 and 1 are not */
			c[k] = STORE_CODE_ALPHABET[(c[k] - '0') + 2];
		store_strangers_set(s, c, 1, 0, T0);
	}
	store_strangers_get(s, "AAAA2222", &failed, &until);
	CHECK(failed == 4);
	store_strangers_get(s, "BBBB2222", &failed, &until);
	CHECK(until == T0 + 900);
	store_strangers_get(s, "C4444444", &failed, &until); /* the oldest single try went */
	CHECK(failed == 0);
	store_strangers_set(s, "AAAA2222", 0, 0, T0);
	store_strangers_get(s, "AAAA2222", &failed, &until);
	CHECK(failed == 0 && until == 0);
}

static void test_lockout(store *s)
{
	char code[9];
	uint8_t key[32];
	int64_t id = 0, got = 0;
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0);
	for (int i = 0; i < 4; i++)
		CHECK(store_patient_unlock(s, code, "999999", T0 + i, key, &got) == MK_EINVAL);
	CHECK(store_patient_unlock(s, code, "999999", T0 + 4, key, &got) == MK_ELIMIT);
	CHECK(strstr(mk_err_msg(), "locked for 15 minutes") != NULL);
	CHECK(store_patient_unlock(s, code, PIN, T0 + 10, key, &got) == MK_ELIMIT);
	CHECK(store_patient_unlock(s, code, PIN, T0 + 4 + 15 * 60 - 1, key, &got) == MK_ELIMIT);
	CHECK(store_patient_unlock(s, code, PIN, T0 + 4 + 15 * 60, key, &got) == 0);
	CHECK(got == id);

	/* Lock again, then staff unlock opens it at once. */
	for (int i = 0; i < 5; i++)
		store_patient_unlock(s, code, "999999", T0 + 2000, key, &got);
	CHECK(store_patient_unlock(s, code, PIN, T0 + 2001, key, &got) == MK_ELIMIT);
	CHECK(store_patient_staff_unlock(s, code) == 0);
	CHECK(store_patient_unlock(s, code, PIN, T0 + 2002, key, &got) == 0);
	CHECK(store_patient_staff_unlock(s, "ZZZZZZZZ") == MK_ENOTFOUND);
	/* A success clears the count: four wrong tries do not lock. */
	for (int i = 0; i < 4; i++)
		store_patient_unlock(s, code, "999999", T0 + 3000, key, &got);
	CHECK(store_patient_unlock(s, code, PIN, T0 + 3000, key, &got) == 0);
	for (int i = 0; i < 4; i++)
		store_patient_unlock(s, code, "999999", T0 + 3000, key, &got);
	CHECK(store_patient_unlock(s, code, PIN, T0 + 3000, key, &got) == 0);
}

static void test_consent(store *s)
{
	char code[9];
	int64_t id = 0;
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0);
	CHECK(store_patient_has_consent(s, id) == 0);
	CHECK(store_patient_set_consent(s, id, T0) == 0);
	CHECK(store_patient_has_consent(s, id) == 1);
	CHECK(store_patient_has_consent(s, 99999) == MK_ENOTFOUND);
	CHECK(store_patient_set_consent(s, 99999, T0) == MK_ENOTFOUND);
}

static void test_reset_pin(store *s, const uint8_t pk[32], const uint8_t sk[32])
{
	char code[9], rec[37];
	uint8_t key[32], key2[32];
	int64_t id = 0, got = 0;
	void *plain = NULL;
	size_t n = 0;
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0);
	CHECK(store_patient_unlock(s, code, PIN, T0, key, &got) == 0);
	CHECK(store_record_add(s, pk, key, id, "symptom", "itch=2", 6, rec) == 0);
	CHECK(store_patient_reset_pin(s, code, "12345", COST) == MK_EINVAL);
	CHECK(store_patient_reset_pin(s, "ZZZZZZZZ", "135790", COST) == MK_ENOTFOUND);
	CHECK_MSG(store_patient_reset_pin(s, code, "135790", COST) == 0, "%s", mk_err_msg());
	CHECK(store_patient_unlock(s, code, PIN, T0, key2, &got) == MK_EINVAL);
	CHECK(store_patient_unlock(s, code, "135790", T0, key2, &got) == 0 && got == id);
	CHECK(memcmp(key, key2, 32) != 0);
	CHECK(store_record_read(s, key2, rec, &plain, &n) == MK_EINVAL && !plain);
	CHECK(store_record_open_clinic(s, pk, sk, rec, &plain, &n) == 0);
	CHECK(plain && strcmp(plain, "itch=2") == 0);
	store_plain_free(plain, n);
}

/* 1 if any row of any patient table still holds text */
static int anywhere(store *s, const char *text)
{
	static const char *const sql[] = {
		"SELECT count(*) FROM patients WHERE uuid=?1 OR code=?1",
		"SELECT count(*) FROM records WHERE uuid=?1",
		"SELECT count(*) FROM courses WHERE uuid=?1",
		"SELECT count(*) FROM outbox WHERE record_uuid=?1 OR subject=?1",
	};
	int hits = 0;
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(store_db(s), sql[i], -1, &st, NULL) != SQLITE_OK)
			return -1;
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			hits += sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return hits;
}

static void test_erase(store *s, const uint8_t pk[32])
{
	char code[9], keep[9], rec[37], rec2[37], kept[37], course[37], req[37] = "";
	uint8_t key[32];
	int64_t id = 0, kid = 0, got = 0;
	store_course c = { .plan = "grade2-thighs", .grade = 2, .area = "thighs",
			   .sessions_planned = 8, .interval_days = 7, .started_at = T0 };
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0);
	CHECK(store_patient_enrol(s, PIN, COST, keep, &kid) == 0);
	CHECK(store_patient_unlock(s, code, PIN, T0, key, &got) == 0);
	CHECK(store_record_add(s, pk, key, id, "symptom", "a", 1, rec) == 0);
	CHECK(store_record_add(s, pk, key, id, "note", "b", 1, rec2) == 0);
	CHECK(store_record_add(s, pk, key, kid, "note", "c", 1, kept) == 0);
	CHECK(store_course_start(s, id, &c, course) == 0);
	CHECK(store_session_done(s, course, T0) == 0);
	char *puuid = NULL;
	sqlite3_stmt *st;
	CHECK(sqlite3_prepare_v2(store_db(s), "SELECT uuid FROM patients WHERE id=?", -1, &st, NULL) == 0);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		puuid = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	CHECK(puuid != NULL);
	if (!puuid)
		return;
	long long outbox_before = query_int(s, "SELECT count(*) FROM outbox");

	CHECK_MSG(store_patient_erase(s, id, req) == 0, "%s", mk_err_msg());
	CHECK(strlen(req) == 36);
	CHECK(anywhere(s, code) == 0 && anywhere(s, rec) == 0 && anywhere(s, rec2) == 0);
	CHECK(anywhere(s, course) == 0);
	CHECK(query_int(s, "SELECT count(*) FROM sessions") == 0);
	char *q = mk_asprintf("SELECT count(*) FROM records WHERE patient_id=%lld", (long long)id);
	CHECK(query_int(s, q) == 0);
	free(q);
	/* The patient's UUID survives only as the subject of one request. */
	CHECK(anywhere(s, puuid) == 1);
	CHECK(query_int(s, "SELECT count(*) FROM outbox WHERE kind='erasure'") == 1);
	CHECK(query_int(s, "SELECT count(*) FROM outbox") == outbox_before - 2 + 1);
	CHECK(anywhere(s, kept) == 2); /* record + its outbox row */
	store_outbox_item it[16];
	int n = 0;
	CHECK(store_outbox_next(s, 16, it, &n) == 0 && n >= 1);
	CHECK(n >= 1 && strcmp(it[0].kind, "erasure") == 0 && strcmp(it[0].uuid, req) == 0 &&
	      strcmp(it[0].subject, puuid) == 0);
	CHECK(store_patient_unlock(s, code, PIN, T0, key, &got) == MK_EINVAL);
	CHECK(store_patient_erase(s, id, req) == MK_ENOTFOUND);
	CHECK(query_int(s, "SELECT count(*) FROM outbox WHERE kind='erasure'") == 1);
	free(puuid);
}

static void test_course(store *s)
{
	char code[9], u1[37], u2[37];
	int64_t id = 0;
	int n = -1;
	store_course c = { .plan = "grade3-buttocks", .grade = 3, .area = "buttocks",
			   .sessions_planned = 12, .interval_days = 10, .started_at = T0 };
	store_course got;
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0);
	CHECK(store_course_get_active(s, id, &got) == MK_ENOTFOUND);
	CHECK(store_course_start(s, id, &c, u1) == 0);
	c.started_at = T0 + 86400;
	c.sessions_planned = 10;
	CHECK(store_course_start(s, id, &c, u2) == 0);
	CHECK(store_session_done(s, u2, T0 + 86400) == 0);
	CHECK(store_session_done(s, u2, T0 + 10 * 86400) == 0);
	CHECK(store_session_done(s, "00000000-0000-4000-8000-000000000000", T0) == MK_ENOTFOUND);
	CHECK(store_course_get_active(s, id, &got) == 0);
	CHECK(strcmp(got.uuid, u2) == 0 && strcmp(got.plan, "grade3-buttocks") == 0);
	CHECK(got.grade == 3 && strcmp(got.area, "buttocks") == 0 && got.sessions_planned == 10);
	CHECK(got.interval_days == 10 && got.started_at == T0 + 86400 && got.sessions_done == 2);
	CHECK(store_session_count(s, u2, &n) == 0 && n == 2);
	CHECK(store_session_count(s, u1, &n) == 0 && n == 0);
	int64_t last = -1;
	CHECK(store_session_last(s, u2, &last) == 0 && last == T0 + 10 * 86400);
	CHECK(store_session_last(s, u1, &last) == MK_ENOTFOUND && last == T0 + 10 * 86400);
	CHECK(store_session_last(s, "00000000-0000-4000-8000-000000000000", &last) == MK_ENOTFOUND);
	CHECK(store_course_start(s, 99999, &c, u1) != 0); /* foreign key */
	c.plan[0] = 0;
	CHECK(store_course_start(s, id, &c, u1) == MK_EINVAL);
}

static void test_outbox(store *s, const uint8_t pk[32])
{
	char code[9], r[4][37];
	uint8_t key[32] = { 3 };
	int64_t id = 0;
	int w = -1, a = -1, n = 0;
	store_outbox_item it[8];
	CHECK(store_exec(s, "DELETE FROM outbox", "test") == 0);
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0);
	for (int i = 0; i < 4; i++)
		CHECK(store_record_add(s, pk, key, id, "symptom", "x", 1, r[i]) == 0);
	char *sql = mk_asprintf("UPDATE outbox SET priority=%d WHERE record_uuid='%s'",
				STORE_PRIORITY_ALERT, r[2]);
	CHECK(store_exec(s, sql, "test") == 0);
	free(sql);
	CHECK(store_outbox_next(s, 8, it, &n) == 0 && n == 4);
	CHECK(n == 4 && strcmp(it[0].uuid, r[2]) == 0 && strcmp(it[1].uuid, r[0]) == 0 &&
	      strcmp(it[2].uuid, r[1]) == 0 && strcmp(it[3].uuid, r[3]) == 0);
	CHECK(strcmp(it[1].kind, "record") == 0 && it[1].subject[0] == 0);
	CHECK(store_outbox_next(s, 2, it, &n) == 0 && n == 2);
	CHECK(store_outbox_ack(s, r[2]) == 0);
	CHECK(store_outbox_ack(s, r[2]) == MK_ENOTFOUND);
	CHECK(store_outbox_set_aside(s, r[0], "collector refused: unknown kind") == 0);
	CHECK(store_outbox_set_aside(s, r[1], "") == MK_EINVAL);
	CHECK(store_outbox_set_aside(s, "nope", "x") == MK_ENOTFOUND);
	CHECK(store_outbox_counts(s, &w, &a) == 0 && w == 2 && a == 1);
	CHECK(store_outbox_next(s, 8, it, &n) == 0 && n == 2);
	CHECK(n == 2 && strcmp(it[0].uuid, r[1]) == 0 && strcmp(it[1].uuid, r[3]) == 0);
	CHECK(query_int(s, "SELECT count(*) FROM records") >= 4); /* ack keeps records */
}

/* The staff PIN's hash for kiosk.conf: Argon2id at the cost asked for,
 * salted (two hashes of one PIN differ), and a damaged hash is told apart
 * from a wrong PIN. */
/* The clinic hears of a patient once they consent, before any report: one
 * "enrolment" item with the patient's UUID and code, queued once; erased
 * before it left, it goes and the erasure alone is sent. */
static void test_enrolment_sent(void)
{
	store *s = open_new();
	store_outbox_item it[4];
	char code[9], req[STORE_UUID_LEN + 1], *json = NULL;
	int64_t id = 0;
	int n = 0;
	if (!s)
		return;
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0);
	CHECK_MSG(query_int(s, "SELECT count(*) FROM outbox") == 0, "nothing is queued before consent");
	CHECK(store_patient_set_consent(s, id, T0) == 0);
	CHECK(store_outbox_next(s, 4, it, &n) == 0);
	CHECK_MSG(n == 1 && !strcmp(it[0].kind, "enrolment"), "consent queues the enrolment");
	if (n == 1 && store_outbox_wire(s, &it[0], &json, NULL) == 0) {
		CHECK(strstr(json, "\"kind\":\"enrolment\"") && strstr(json, code) &&
		      strstr(json, it[0].subject) && strstr(json, it[0].uuid));
		CHECK(!strstr(json, "ciphertext"));
		free(json);
	}
	CHECK(store_patient_set_consent(s, id, T0 + 60) == 0);
	CHECK(query_int(s, "SELECT count(*) FROM outbox WHERE kind = 'enrolment'") == 1);
	CHECK(store_patient_erase(s, id, req) == 0);
	CHECK(query_int(s, "SELECT count(*) FROM outbox WHERE kind = 'enrolment'") == 0);
	CHECK(query_int(s, "SELECT count(*) FROM outbox WHERE kind = 'erasure'") == 1);
	store_close(s);
}

static void test_secret(void)
{
	char h[STORE_HASH_MAX], h2[STORE_HASH_MAX], cut[STORE_HASH_MAX];
	CHECK_MSG(store_secret_hash("7391", COST, h) == 0, "%s", mk_err_msg());
	CHECK(strncmp(h, "$argon2id$", 10) == 0);
	CHECK_MSG(strstr(h, "$m=8,t=1,") != NULL, "%s", h); /* MEMLIMIT_MIN is 8 KiB */
	CHECK(store_secret_hash("7391", COST, h2) == 0 && strcmp(h, h2) != 0);
	CHECK(store_secret_verify(h, "7391") == 0);
	CHECK(store_secret_verify(h2, "7391") == 0);
	CHECK(store_secret_verify(h, "7392") == MK_EINVAL);
	CHECK(strcmp(mk_err_msg(), "that PIN is not right") == 0);
	CHECK(store_secret_verify(h, "") == MK_EINVAL);
	snprintf(cut, sizeof cut, "%.*s", (int)strlen(h) - 30, h);
	const char *bad[] = { "", "7391", "$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA", cut,
			      "$argon2id$v=19$m=8,t=1,p=1$!!!!$????" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_MSG(store_secret_verify(bad[i], "7391") == MK_EINVAL, "%s", bad[i]);
		CHECK_MSG(strstr(mk_err_msg(), "malformed") != NULL, "%s: %s", bad[i], mk_err_msg());
	}
	CHECK(store_secret_verify(NULL, "7391") == MK_EINVAL);
	CHECK(store_secret_hash("", COST, h2) == MK_EINVAL);
	/* NULL is the kiosk's own cost: 128 MiB, 3 passes. */
	CHECK_MSG(store_secret_hash("7391", NULL, h2) == 0, "%s", mk_err_msg());
	CHECK_MSG(strstr(h2, "$m=131072,t=3,") != NULL, "%s", h2);
	CHECK(store_secret_verify(h2, "7391") == 0);
}

int main(void)
{
	uint8_t pk[32], sk[32];
	mk_log_set_level(MK_LOG_WARN);
	CHECK(store_crypto_init() == 0);
	CHECK(store_keygen(pk, sk) == 0);
	store *s = open_new();
	if (!s)
		return check_done();
	test_enrol(s);
	test_unlock(s);
	test_long_pin(s);
	test_no_oracle(s);
	test_lockout(s);
	test_stranger_locks(s);
	test_strangers_bounded(s);
	test_consent(s);
	test_reset_pin(s, pk, sk);
	test_erase(s, pk);
	test_course(s);
	test_outbox(s, pk);
	store_close(s);
	test_secret();
	test_enrolment_sent();
	return check_done();
}
