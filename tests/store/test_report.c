/* SPDX-License-Identifier: MIT */
/*
 * Reports, alerts and the audit log: what the patient and the clinic would
 * notice — a report reads back for its patient and opens for the clinic, an
 * alert leaves before everything else, staff see today's alerts with a
 * patient's code, every action leaves an audit row that never holds what
 * the patient wrote, an erasure takes reports and alerts with it and leaves
 * the audit log without the patient's code, and a note's words never reach
 * any file in the data folder in clear.
 */
#include "store_test.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PIN "482913"
#define COST (&STORE_PIN_COST_TEST)
#define MARKER "ZEBRA-MARKER-7731"
#define T0 1700000000

static uint8_t pk[32], sk[32];

typedef struct {
	char code[9];
	int64_t id;
	uint8_t key[32];
} patient;

/* count(*) of sql with ?1 = a. */
static long long count_text(store *s, const char *sql, const char *a)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return -2;
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int audit_has(store *s, const char *actor, const char *action, const char *subject)
{
	char *sql = mk_asprintf("SELECT count(*) FROM audit WHERE actor='%s' AND action='%s'"
				" AND subject=?1", actor, action);
	int n = (int)count_text(s, sql, subject);
	free(sql);
	return n;
}

static patient enrol(store *s)
{
	patient p = { .id = 0 };
	CHECK_MSG(store_patient_enrol(s, PIN, COST, p.code, &p.id) == 0, "%s", mk_err_msg());
	CHECK(store_patient_unlock(s, p.code, PIN, T0, p.key, &p.id) == 0);
	return p;
}

static store_report report(const patient *p, const char *json, int level, const char *alert)
{
	store_report r = { .clinic_pk = pk, .patient_key = p->key, .patient_id = p->id,
			   .course_uuid = NULL, .session = 0, .json = json,
			   .alert_level = level, .alert_json = alert };
	return r;
}

static int opens(store *s, int clinic, const uint8_t *key, const char *uuid, const char *want)
{
	void *plain = NULL;
	size_t n = 0;
	int rc = clinic ? store_record_open_clinic(s, pk, sk, uuid, &plain, &n)
			: store_record_read(s, key, uuid, &plain, &n);
	int ok = rc == 0 && plain && n == strlen(want) && memcmp(plain, want, n) == 0;
	store_plain_free(plain, n);
	return ok;
}

static void test_round_trip(store *s)
{
	const char *json = "{\"pain\":7,\"note\":\"bruise bigger " MARKER "\"}";
	const char *alert = "{\"rule\":\"pain>=7\",\"pain\":7}";
	patient p = enrol(s);
	char uuid[37] = "";
	store_outbox_item it[8];
	int n = 0;
	CHECK(store_exec(s, "DELETE FROM outbox", "test") == 0);
	store_report r = report(&p, json, 2, alert);
	CHECK_MSG(store_report_add(s, &r, uuid) == 0, "%s", mk_err_msg());
	CHECK(strlen(uuid) == 36);
	CHECK(opens(s, 0, p.key, uuid, json));
	CHECK(opens(s, 1, NULL, uuid, json));
	/* The alert leaves first, then the report. */
	CHECK(store_outbox_next(s, 8, it, &n) == 0 && n == 2);
	CHECK(n == 2 && it[0].priority == STORE_PRIORITY_ALERT && strcmp(it[1].uuid, uuid) == 0);
	CHECK(n == 2 && it[1].priority == STORE_PRIORITY_RECORD);
	CHECK(n == 2 && opens(s, 1, NULL, it[0].uuid, alert) && opens(s, 0, p.key, it[0].uuid, alert));
	CHECK(count_text(s, "SELECT count(*) FROM records WHERE uuid=?1 AND kind='alert'", it[0].uuid) == 1);
	CHECK(count_text(s, "SELECT count(*) FROM records WHERE uuid=?1 AND kind='report'", uuid) == 1);
	CHECK(n == 2 && audit_has(s, "kiosk", "alert-raised", it[0].uuid) == 1);
	CHECK(audit_has(s, "patient", "report-saved", uuid) == 1);

	/* No alert: one record, one outbox row, no alert row. */
	long long alerts = query_int(s, "SELECT count(*) FROM alerts");
	r = report(&p, "{\"pain\":1}", 0, NULL);
	CHECK(store_report_add(s, &r, uuid) == 0);
	CHECK(query_int(s, "SELECT count(*) FROM alerts") == alerts);
	CHECK(store_outbox_next(s, 8, it, &n) == 0 && n == 3 && strcmp(it[2].uuid, uuid) == 0);
}

/* Refused reports leave nothing behind: no record, outbox or audit row. */
static void test_refused(store *s)
{
	patient p = enrol(s);
	char uuid[37] = "";
	long long rec = query_int(s, "SELECT count(*) FROM records");
	long long out = query_int(s, "SELECT count(*) FROM outbox");
	long long aud = query_int(s, "SELECT count(*) FROM audit");
	store_report r = report(&p, "{}", 3, NULL);
	CHECK(store_report_add(s, &r, uuid) == MK_EINVAL);
	r = report(&p, "{}", 0, NULL);
	r.session = -1;
	CHECK(store_report_add(s, &r, uuid) == MK_EINVAL);
	r = report(&p, "\xff\xfe", 0, NULL);
	CHECK(store_report_add(s, &r, uuid) == MK_EINVAL);
	CHECK(store_report_add(s, NULL, uuid) == MK_EINVAL);
	r = report(&p, "{}", 1, "{}");
	r.patient_id = 99999; /* no such patient: the foreign key refuses it */
	CHECK(store_report_add(s, &r, uuid) != 0);
	CHECK(uuid[0] == 0);
	CHECK(query_int(s, "SELECT count(*) FROM records") == rec);
	CHECK(query_int(s, "SELECT count(*) FROM outbox") == out);
	CHECK(query_int(s, "SELECT count(*) FROM audit") == aud);
	CHECK(sqlite3_get_autocommit(store_db(s)) == 1); /* no transaction left open */
}

static void test_list(store *s)
{
	patient p = enrol(s), other = enrol(s);
	char u[3][37], x[37];
	store_report_info ri[8];
	int n = 0;
	for (int i = 0; i < 3; i++) {
		store_report r = report(&p, "{}", i == 1 ? 2 : 0, "{\"a\":1}");
		r.session = i;
		r.course_uuid = "c-1";
		CHECK(store_report_add(s, &r, u[i]) == 0);
	}
	store_report r = report(&other, "{}", 0, NULL);
	CHECK(store_report_add(s, &r, x) == 0);
	CHECK(store_report_list(s, p.id, ri, 8, &n) == 0 && n == 3);
	for (int i = 0; i < 3 && n == 3; i++) {
		CHECK(strcmp(ri[i].uuid, u[i]) == 0 && ri[i].session == i);
		CHECK(ri[i].alert_level == (i == 1 ? 2 : 0));
	}
	/* Oldest first by time, whatever the order of insertion. */
	char *sql = mk_asprintf("UPDATE records SET created_at = CASE uuid WHEN '%s' THEN %d"
				" WHEN '%s' THEN %d ELSE %d END WHERE patient_id=%lld",
				u[0], T0 + 30, u[1], T0 + 20, T0 + 10, (long long)p.id);
	CHECK(store_exec(s, sql, "test") == 0);
	free(sql);
	CHECK(store_report_list(s, p.id, ri, 8, &n) == 0 && n == 3);
	CHECK(n == 3 && strcmp(ri[0].uuid, u[2]) == 0 && strcmp(ri[2].uuid, u[0]) == 0);
	CHECK(n == 3 && ri[0].created_at == T0 + 10);
	CHECK(store_report_list(s, p.id, ri, 2, &n) == 0 && n == 2);
	CHECK(store_report_list(s, p.id, ri, 0, &n) == 0 && n == 0);
	CHECK(store_report_list(s, other.id, ri, 8, &n) == 0 && n == 1 && strcmp(ri[0].uuid, x) == 0);
	CHECK(store_report_list(s, 99999, ri, 8, &n) == 0 && n == 0);
}

static void test_alerts_since(store *s)
{
	patient a = enrol(s), b = enrol(s);
	char u[37];
	store_alert_info ai[8];
	int n = 0;
	CHECK(store_exec(s, "DELETE FROM alerts", "test") == 0);
	store_report r = report(&a, "{}", 1, "{}");
	CHECK(store_report_add(s, &r, u) == 0); /* yesterday */
	r = report(&b, "{}", 3, "{}");
	CHECK(store_report_add(s, &r, u) == 0); /* this morning */
	r = report(&a, "{}", 2, "{}");
	CHECK(store_report_add(s, &r, u) == 0); /* just now */
	r = report(&b, "{}", 0, NULL);
	CHECK(store_report_add(s, &r, u) == 0); /* no alert */
	CHECK(store_exec(s, "UPDATE alerts SET created_at = CASE id % 3"
			 " WHEN 1 THEN 1000 WHEN 2 THEN 5000 ELSE 9000 END", "test") == 0);
	CHECK(store_alerts_since(s, 4000, ai, 8, &n) == 0 && n == 2);
	CHECK(n == 2 && strcmp(ai[0].code, a.code) == 0 && ai[0].at == 9000 && ai[0].level == 2);
	CHECK(n == 2 && strcmp(ai[1].code, b.code) == 0 && ai[1].at == 5000 && ai[1].level == 3);
	CHECK(store_alerts_since(s, 0, ai, 8, &n) == 0 && n == 3);
	CHECK(store_alerts_since(s, 5000, ai, 8, &n) == 0 && n == 2); /* at or after */
	CHECK(store_alerts_since(s, 9001, ai, 8, &n) == 0 && n == 0);
	CHECK(store_alerts_since(s, 0, ai, 1, &n) == 0 && n == 1 && ai[0].at == 9000);
}

/* Sign-in's audit rows: a stranger's typing is never kept. */
static void test_audit_signin(store *s, char code[9], int64_t *id)
{
	char lower[9];
	uint8_t key[32];
	int64_t got = 0;
	CHECK(store_patient_enrol(s, PIN, COST, code, id) == 0);
	CHECK(audit_has(s, "staff", "enrol", code) == 1);
	for (int i = 0; i < 9; i++)
		lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32 : code[i]);
	CHECK(store_patient_unlock(s, lower, PIN, T0, key, &got) == 0);
	CHECK(audit_has(s, "patient", "sign-in", code) == 1);
	long long blank = audit_has(s, "patient", "sign-in-failed", "");
	CHECK(store_patient_unlock(s, "ZZZZZZZZ", PIN, T0, key, &got) == MK_EINVAL);
	CHECK(store_patient_unlock(s, "not a code", PIN, T0, key, &got) == MK_EINVAL);
	CHECK(audit_has(s, "patient", "sign-in-failed", "") == blank + 2);
	CHECK(count_text(s, "SELECT count(*) FROM audit WHERE subject LIKE ?1", "%ZZZZ%") == 0);
	for (int i = 0; i < STORE_MAX_FAILED_PINS; i++)
		store_patient_unlock(s, code, "000000", T0, key, &got);
	CHECK(audit_has(s, "patient", "sign-in-failed", code) == STORE_MAX_FAILED_PINS);
	CHECK(audit_has(s, "patient", "lockout", code) == 1);
	CHECK(store_patient_unlock(s, code, PIN, T0 + 1, key, &got) == MK_ELIMIT);
	CHECK(audit_has(s, "patient", "sign-in-failed", code) == STORE_MAX_FAILED_PINS + 1);
	CHECK(audit_has(s, "patient", "lockout", code) == 1);
}

/* Each action's audit row, with its actor and subject, and never what the
 * patient wrote. */
static void test_audit_rows(store *s)
{
	char code[9], rep[37], course[37];
	int64_t id = 0, got = 0;
	store_course c = { .plan = "p", .grade = 2, .area = "thighs", .sessions_planned = 6,
			   .interval_days = 7, .started_at = T0 };
	test_audit_signin(s, code, &id);
	CHECK(store_patient_staff_unlock(s, code) == 0);
	CHECK(audit_has(s, "staff", "unlock", code) == 1);
	CHECK(store_patient_reset_pin(s, code, "135790", COST) == 0);
	CHECK(audit_has(s, "staff", "reset-pin", code) == 1);
	CHECK(store_patient_set_consent(s, id, T0) == 0);
	CHECK(audit_has(s, "patient", "consent", code) == 1);
	CHECK(store_course_start(s, id, &c, course) == 0);
	CHECK(audit_has(s, "staff", "course-start", code) == 1);
	CHECK(store_session_done(s, course, T0) == 0);
	CHECK(audit_has(s, "staff", "session-done", code) == 1);
	/* Failed actions leave no row. */
	CHECK(store_patient_staff_unlock(s, "ZZZZZZZZ") == MK_ENOTFOUND);
	CHECK(store_session_done(s, "00000000-0000-4000-8000-000000000000", T0) == MK_ENOTFOUND);
	CHECK(audit_has(s, "staff", "unlock", "ZZZZZZZZ") == 0);
	CHECK(audit_has(s, "staff", "session-done", code) == 1);

	patient p = { .id = id };
	CHECK(store_patient_unlock(s, code, "135790", T0 + 2, p.key, &got) == 0);
	store_report r = report(&p, "{\"note\":\"" MARKER "\"}", 1, "{\"why\":\"" MARKER "\"}");
	CHECK(store_report_add(s, &r, rep) == 0);
	CHECK(audit_has(s, "patient", "report-saved", rep) == 1);
	CHECK(count_text(s, "SELECT count(*) FROM audit WHERE instr(actor, ?1) OR"
			 " instr(action, ?1) OR instr(subject, ?1) OR instr(at, ?1)", MARKER) == 0);
	CHECK(count_text(s, "SELECT count(*) FROM audit WHERE instr(subject, ?1)", "note") == 0);
}

static void test_audit_api(store *s)
{
	store_audit_entry e[4];
	int n = -1;
	CHECK(store_audit(s, "staff", "staff-mode", NULL) == 0);
	CHECK(store_audit(s, "kiosk", "content-reloaded", "") == 0);
	CHECK(store_audit(s, "staff", "viewed", "abcd2345") == 0);
	CHECK(store_audit_list(s, e, 4, &n) == 0 && n == 4);
	CHECK(n == 4 && strcmp(e[0].action, "viewed") == 0 && strcmp(e[0].subject, "ABCD2345") == 0);
	CHECK(n == 4 && strcmp(e[1].actor, "kiosk") == 0 && strcmp(e[1].action, "content-reloaded") == 0);
	CHECK(n == 4 && e[2].subject[0] == 0 && e[0].at >= e[3].at);
	CHECK(n == 4 && labs((long)(e[0].at - (int64_t)time(NULL))) < 60);
	CHECK(store_audit_list(s, e, 0, &n) == 0 && n == 0);
	long long before = query_int(s, "SELECT count(*) FROM audit");
	/* Free text has nowhere to go. */
	CHECK(store_audit(s, "doctor", "viewed", "") == MK_EINVAL);
	CHECK(store_audit(s, "staff", "pain is 7", "") == MK_EINVAL);
	CHECK(store_audit(s, "staff", "Viewed", "") == MK_EINVAL);
	CHECK(store_audit(s, "staff", "", "") == MK_EINVAL);
	CHECK(store_audit(s, "staff", "a-very-long-action-name-beyond-31", "") == MK_EINVAL);
	CHECK(store_audit(s, "staff", "viewed", "itchy skin") == MK_EINVAL);
	CHECK(store_audit(s, NULL, "viewed", "") == MK_EINVAL);
	CHECK(query_int(s, "SELECT count(*) FROM audit") == before);
}

static void test_erase(store *s)
{
	patient p = enrol(s), keep = enrol(s);
	char r1[37], r2[37], k1[37], req[37];
	store_report_info ri[4];
	store_alert_info ai[16];
	int n = 0;
	store_report r = report(&p, "{}", 0, NULL);
	CHECK(store_report_add(s, &r, r1) == 0);
	r = report(&p, "{}", 3, "{\"x\":1}");
	CHECK(store_report_add(s, &r, r2) == 0);
	r = report(&keep, "{}", 1, "{\"y\":1}");
	CHECK(store_report_add(s, &r, k1) == 0);
	CHECK(store_patient_set_consent(s, p.id, T0) == 0);
	long long reports = query_int(s, "SELECT count(*) FROM reports");
	long long alerts = query_int(s, "SELECT count(*) FROM alerts");
	long long audits = query_int(s, "SELECT count(*) FROM audit");
	CHECK(audit_has(s, "patient", "sign-in", p.code) == 1);

	CHECK_MSG(store_patient_erase(s, p.id, req) == 0, "%s", mk_err_msg());
	CHECK(query_int(s, "SELECT count(*) FROM reports") == reports - 2);
	CHECK(query_int(s, "SELECT count(*) FROM alerts") == alerts - 1);
	CHECK(store_report_list(s, p.id, ri, 4, &n) == 0 && n == 0);
	CHECK(store_alerts_since(s, 0, ai, 16, &n) == 0);
	for (int i = 0; i < n; i++)
		CHECK(strcmp(ai[i].code, p.code) != 0);
	/* The alert's outbox row went with the report's; the erasure is queued. */
	CHECK(query_int(s, "SELECT count(*) FROM outbox o LEFT JOIN records r ON r.uuid ="
			" o.record_uuid WHERE o.kind='record' AND r.id IS NULL") == 0);
	CHECK(count_text(s, "SELECT count(*) FROM outbox WHERE kind='erasure' AND record_uuid=?1", req) == 1);
	/* The audit keeps every row, none naming the patient or their reports. */
	CHECK(query_int(s, "SELECT count(*) FROM audit") == audits + 1);
	CHECK(count_text(s, "SELECT count(*) FROM audit WHERE subject=?1", p.code) == 0);
	CHECK(count_text(s, "SELECT count(*) FROM audit WHERE subject=?1", r1) == 0);
	CHECK(count_text(s, "SELECT count(*) FROM audit WHERE subject=?1", r2) == 0);
	CHECK(audit_has(s, "staff", "erase", req) == 1);
	CHECK(audit_has(s, "patient", "report-saved", req) == 2);
	CHECK(audit_has(s, "patient", "sign-in", keep.code) == 1);
	CHECK(audit_has(s, "patient", "report-saved", k1) == 1);
	CHECK(store_report_list(s, keep.id, ri, 4, &n) == 0 && n == 1);
	CHECK(opens(s, 0, keep.key, k1, "{}"));
	CHECK(query_int(s, "PRAGMA foreign_key_check") == -1);
}

static void test_find(store *s)
{
	patient p = enrol(s);
	char lower[9];
	store_patient_info info;
	uint8_t key[32];
	int64_t got;
	for (int i = 0; i < 9; i++)
		lower[i] = (char)(p.code[i] >= 'A' && p.code[i] <= 'Z' ? p.code[i] + 32 : p.code[i]);
	CHECK(store_patient_find(s, lower, T0, &info) == 0);
	CHECK(info.id == p.id && strcmp(info.code, p.code) == 0 && !info.locked && !info.consented);
	CHECK(labs((long)(info.created_at - (int64_t)time(NULL))) < 60);
	CHECK(store_patient_set_consent(s, p.id, T0) == 0);
	for (int i = 0; i < STORE_MAX_FAILED_PINS; i++)
		store_patient_unlock(s, p.code, "000000", T0, key, &got);
	CHECK(store_patient_find(s, p.code, T0 + 1, &info) == 0 && info.locked && info.consented);
	CHECK(store_patient_find(s, p.code, T0 + STORE_LOCK_SECONDS, &info) == 0 && !info.locked);
	CHECK(store_patient_find(s, "ZZZZZZZZ", T0, &info) == MK_ENOTFOUND);
	CHECK(store_patient_find(s, "short", T0, &info) == MK_ENOTFOUND);
	CHECK(store_patient_find(s, NULL, T0, &info) == MK_ENOTFOUND);
}

/* 1 if needle occurs in the file dir/name; 0 if not or no such file. */
static int file_has(const char *dir, const char *name, const char *needle, int *exists)
{
	char *path = mk_path_join(dir, name), *buf = NULL;
	size_t len = 0;
	int found = 0;
	*exists = mk_read_file(path, &buf, &len) == 0;
	if (*exists)
		found = memmem(buf, len, needle, strlen(needle)) != NULL;
	free(buf);
	free(path);
	return found;
}

/* Hits of needle in kiosk.db, -wal and -shm; *files counts those present. */
static int folder_has(const char *dir, const char *needle, int *files)
{
	static const char *const names[] = { "kiosk.db", "kiosk.db-wal", "kiosk.db-shm" };
	int hits = 0, exists;
	*files = 0;
	for (int i = 0; i < 3; i++) {
		hits += file_has(dir, names[i], needle, &exists);
		*files += exists;
	}
	return hits;
}

static void test_marker(void)
{
	char *dir = tmp_dir(), uuid[37];
	store *s = NULL;
	int files = 0;
	CHECK(store_open(&s, dir) == 0);
	if (!s)
		return;
	patient p = enrol(s);
	store_report r = report(&p, "{\"pain\":4,\"note\":\"" MARKER " on the left thigh\"}", 2,
				"{\"rule\":\"note\",\"text\":\"" MARKER "\"}");
	CHECK(store_report_add(s, &r, uuid) == 0);
	CHECK(folder_has(dir, MARKER, &files) == 0);
	CHECK_MSG(files == 3, "expected kiosk.db, -wal and -shm while open, found %d", files);
	CHECK(folder_has(dir, p.code, &files) > 0); /* the scan does see clear text */
	CHECK(opens(s, 0, p.key, uuid, r.json)); /* and the marker is really in there */
	store_close(s);
	CHECK(folder_has(dir, MARKER, &files) == 0);
	CHECK(files >= 1);
	CHECK(folder_has(dir, p.code, &files) > 0);
	free(dir);
}

int main(void)
{
	char *dir = tmp_dir();
	store *s = NULL;
	mk_log_set_level(MK_LOG_ERROR);
	CHECK(store_keygen(pk, sk) == 0);
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	free(dir);
	if (!s)
		return check_done();
	test_round_trip(s);
	test_refused(s);
	test_list(s);
	test_alerts_since(s);
	test_audit_rows(s);
	test_audit_api(s);
	test_erase(s);
	test_find(s);
	CHECK_MSG(store_integrity_check(s) == 0, "%s", mk_err_msg());
	store_close(s);
	test_marker();
	return check_done();
}
