/* SPDX-License-Identifier: MIT */
/*
 * Upgrades in place: a kiosk in a clinic keeps its kiosk.db across
 * releases, so a database left at EVERY earlier schema version must open
 * with this build, come up to STORE_SCHEMA_VERSION, keep its rows, and take
 * new data in the new tables. The old databases are built by hand from the
 * migration steps themselves (store_migration_sql), with raw SQLite, the
 * way an older build would have left them. (A database from a newer build
 * is refused: test_store.c.)
 */
#include "store_test.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>

#define CODE "ABCD2345"

/* Rows any schema from v1 on can hold, and the v2 and v3 ones when it can. */
static const char ROWS_V1[] =
	"INSERT INTO patients(uuid, code, pin_salt, pin_ops, pin_mem, wrapped_key, created_at)"
	" VALUES ('p-1', '" CODE "', x'00', 1, 1, x'00', 0);"
	"INSERT INTO courses(uuid, patient_id, plan, grade, area, sessions_planned,"
	" interval_days, started_at) VALUES ('c-1', 1, 'p', 2, 'arms', 6, 14, 5);"
	"INSERT INTO records(uuid, patient_id, kind, created_at, sealed_key, wrapped_key,"
	" nonce, ciphertext) VALUES ('r-1', 1, 'symptom', 7, x'01', x'02', x'03', x'04');"
	"INSERT INTO outbox(record_uuid, created_at) VALUES ('r-1', 7);";
static const char ROWS_V2[] =
	"INSERT INTO sessions(uuid, course_id, done_at) VALUES ('s-1', 1, 9);"
	"INSERT INTO outbox(record_uuid, kind, subject, priority, created_at)"
	" VALUES ('e-1', 'erasure', 'p-gone', 5, 8);";
static const char ROWS_V3[] =
	"INSERT INTO records(uuid, patient_id, kind, created_at, sealed_key, wrapped_key,"
	" nonce, ciphertext) VALUES ('r-2', 1, 'report', 11, x'01', x'02', x'03', x'04'),"
	" ('a-1', 1, 'alert', 11, x'01', x'02', x'03', x'04');"
	"INSERT INTO reports(record_id, course_uuid, session, alert_level)"
	" SELECT id, 'c-1', 1, 2 FROM records WHERE uuid='r-2';"
	"INSERT INTO alerts(record_id, patient_id, level, created_at)"
	" SELECT id, 1, 2, 11 FROM records WHERE uuid='a-1';"
	"INSERT INTO outbox(record_uuid, priority, created_at) VALUES ('r-2', 0, 11), ('a-1', 10, 11);"
	"INSERT INTO audit(at, actor, action, subject) VALUES (11, 'patient', 'report-saved', 'r-2');";

/* kiosk.db in a new folder as a build of schema `version` left it. */
static char *build_old(int version)
{
	char *dir = tmp_dir(), *path = mk_path_join(dir, "kiosk.db");
	char bump[64];
	sqlite3 *db = NULL;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) == SQLITE_OK);
	for (int v = 1; v <= version; v++)
		CHECK_MSG(sqlite3_exec(db, store_migration_sql(v), NULL, NULL, NULL) == SQLITE_OK,
			  "step %d: %s", v, sqlite3_errmsg(db));
	snprintf(bump, sizeof bump, "PRAGMA user_version=%d", version);
	CHECK(sqlite3_exec(db, bump, NULL, NULL, NULL) == SQLITE_OK);
	CHECK(sqlite3_exec(db, ROWS_V1, NULL, NULL, NULL) == SQLITE_OK);
	if (version >= 2)
		CHECK(sqlite3_exec(db, ROWS_V2, NULL, NULL, NULL) == SQLITE_OK);
	if (version >= 3)
		CHECK_MSG(sqlite3_exec(db, ROWS_V3, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
	free(path);
	return dir;
}

static void check_old_rows(store *s, int from)
{
	int n = -1, w = -1, a = -1;
	store_course c;
	store_patient_info p;
	CHECK(query_int(s, "SELECT count(*) FROM patients WHERE code='" CODE "'") == 1);
	CHECK(store_patient_find(s, "abcd2345", 0, &p) == 0 && p.id == 1 && !p.locked);
	CHECK(store_course_get_active(s, 1, &c) == 0 && strcmp(c.area, "arms") == 0);
	CHECK(c.sessions_done == (from >= 2 ? 1 : 0));
	CHECK(store_session_done(s, "c-1", 10) == 0);
	CHECK(store_session_count(s, "c-1", &n) == 0 && n == (from >= 2 ? 2 : 1));
	CHECK(query_int(s, "SELECT count(*) FROM records WHERE uuid='r-1' AND created_at=7") == 1);
	CHECK(query_int(s, "SELECT count(*) FROM outbox WHERE record_uuid='r-1' AND kind='record'") == 1);
	CHECK(store_outbox_counts(s, &w, &a) == 0 && w == (from >= 3 ? 4 : from >= 2 ? 2 : 1) && a == 0);
}

/* A v3 database's report, alert and audit row come through whole. */
static void check_v3_rows(store *s)
{
	store_report_info ri[4];
	store_alert_info ai[4];
	int n = 0;
	CHECK(store_report_list(s, 1, ri, 4, &n) == 0 && n == 1);
	CHECK(n == 1 && strcmp(ri[0].uuid, "r-2") == 0 && ri[0].session == 1 && ri[0].alert_level == 2);
	CHECK(n == 1 && ri[0].created_at == 11);
	CHECK(store_alerts_since(s, 0, ai, 4, &n) == 0 && n == 1);
	CHECK(n == 1 && ai[0].at == 11 && ai[0].level == 2 && strcmp(ai[0].code, CODE) == 0);
	CHECK(query_int(s, "SELECT count(*) FROM audit WHERE at=11 AND actor='patient' AND"
			" action='report-saved' AND subject='r-2'") == 1);
}

/* The v4 table takes a photo, which reads back; the old report is still listed. */
static void check_photo(store *s, const uint8_t pk[32], const uint8_t key[32], int from)
{
	static const uint8_t image[] = "not really a JPEG", thumb[] = "nor this";
	char uuid[37] = "";
	store_photo p = { .clinic_pk = pk, .patient_key = key, .patient_id = 1,
			  .course_uuid = "c-1", .session = 1, .area = 3, .image = image,
			  .image_len = sizeof image, .thumb = thumb, .thumb_len = sizeof thumb,
			  .width = 2, .height = 1, .meta_json = "{\"v\":1}" };
	store_photo_info pi[2];
	void *got = NULL;
	size_t n = 0;
	int np = 0;
	CHECK_MSG(store_photo_add(s, &p, uuid) == 0, "from v%d: %s", from, mk_err_msg());
	CHECK(store_photo_list(s, 1, 3, pi, 2, &np) == 0 && np == 1 && strcmp(pi[0].uuid, uuid) == 0);
	CHECK(store_photo_read(s, key, uuid, STORE_PHOTO_ORIGINAL, &got, &n) == 0);
	CHECK(n == sizeof image && got && memcmp(got, image, n) == 0);
	store_plain_free(got, n);
}

/* The v3 tables take a report with an alert, and the audit log works; the
 * v4 one takes a photo. */
static void check_new_tables(store *s, int from)
{
	int old = from >= 3; /* the v3 report already there */
	uint8_t pk[32], sk[32], key[32] = { 4 };
	char uuid[37] = "";
	store_report r = { .patient_id = 1, .course_uuid = "c-1", .session = 1,
			   .json = "{\"pain\":2}", .alert_level = 1, .alert_json = "{\"why\":\"x\"}" };
	store_report_info ri[4];
	store_alert_info ai[4];
	store_audit_entry ae[8];
	int n = 0;
	CHECK(store_keygen(pk, sk) == 0);
	r.clinic_pk = pk;
	r.patient_key = key;
	CHECK_MSG(store_report_add(s, &r, uuid) == 0, "%s", mk_err_msg());
	CHECK(store_report_list(s, 1, ri, 4, &n) == 0 && n == 1 + old);
	CHECK(n == 1 + old && strcmp(ri[old].uuid, uuid) == 0 && ri[old].session == 1);
	CHECK(n == 1 + old && ri[old].alert_level == 1);
	CHECK(store_alerts_since(s, 0, ai, 4, &n) == 0 && n == 1 + old && strcmp(ai[0].code, CODE) == 0);
	CHECK(store_audit(s, "kiosk", "upgraded", "") == 0);
	CHECK(store_audit_list(s, ae, 8, &n) == 0 && n >= 3);
	CHECK(n >= 1 && strcmp(ae[0].action, "upgraded") == 0);
	check_photo(s, pk, key, from);
}

static void test_from(int from)
{
	char *dir = build_old(from);
	store *s = NULL;
	CHECK_MSG(store_open(&s, dir) == 0, "from v%d: %s", from, mk_err_msg());
	if (s) {
		CHECK(store_schema_version(s) == STORE_SCHEMA_VERSION);
		CHECK(query_int(s, "PRAGMA user_version") == STORE_SCHEMA_VERSION);
		check_old_rows(s, from);
		if (from >= 3)
			check_v3_rows(s);
		check_new_tables(s, from);
		CHECK(query_int(s, "PRAGMA foreign_key_check") == -1); /* no rows */
		CHECK_MSG(store_integrity_check(s) == 0, "%s", mk_err_msg());
		store_close(s);
	}
	/* And it opens again as it is, with nothing left to do. */
	CHECK(store_open(&s, dir) == 0 && store_schema_version(s) == STORE_SCHEMA_VERSION);
	if (s)
		CHECK(query_int(s, "SELECT count(*) FROM reports") == (from >= 3 ? 2 : 1));
	if (s)
		CHECK(query_int(s, "SELECT count(*) FROM photos") == 1);
	store_close(s);
	free(dir);
}

/* A step that fails leaves the database at the version it had: a
 * half-applied step would be worse than none. */
static void test_failed_step(void)
{
	int last = 3; /* the step to 4 makes the photos table and its index */
	char *dir = build_old(last), *path = mk_path_join(dir, "kiosk.db");
	sqlite3 *db = NULL;
	store *s = NULL;
	/* A name the next step wants for an index, after creating its table,
	 * is in the way: the table must go too. */
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "CREATE TABLE photos_patient(x)", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	CHECK(store_open(&s, dir) != 0 && s == NULL);
	CHECK_MSG(strstr(mk_err_msg(), "upgrading the schema") != NULL, "%s", mk_err_msg());
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	sqlite3_stmt *st;
	CHECK(sqlite3_prepare_v2(db, "SELECT (SELECT user_version FROM pragma_user_version),"
				 " (SELECT count(*) FROM sqlite_master WHERE name='photos')",
				 -1, &st, NULL) == SQLITE_OK);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK(sqlite3_column_int(st, 0) == last && sqlite3_column_int(st, 1) == 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(path);
	free(dir);
}

/* A kiosk upgraded past schema 7 tells the clinic of each patient who had
 * consented, reported or not: one enrolment item each, a fresh UUID in the
 * kiosk's form, whose wire form names the patient. */
static void test_enrolments_queued(void)
{
	char *dir = build_old(7), *path = mk_path_join(dir, "kiosk.db"), *json = NULL;
	sqlite3 *db = NULL;
	store *s = NULL;
	store_outbox_item it[8];
	int n = 0, found = 0;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "UPDATE patients SET consent_at = 6", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	if (s) {
		CHECK(query_int(s, "SELECT count(*) FROM outbox WHERE kind = 'enrolment'"
				" AND subject = 'p-1'") == 1);
		CHECK(store_outbox_next(s, 8, it, &n) == 0);
		for (int i = 0; i < n; i++) {
			if (strcmp(it[i].kind, "enrolment"))
				continue;
			found++;
			CHECK_MSG(strlen(it[i].uuid) == 36 && it[i].uuid[8] == '-' && it[i].uuid[14] == '4' &&
				  strspn(it[i].uuid, "0123456789abcdef-") == 36, "uuid %s", it[i].uuid);
			CHECK(store_outbox_wire(s, &it[i], &json, NULL) == 0 && json &&
			      strstr(json, CODE) && strstr(json, "\"enrolment\""));
			free(json);
		}
		CHECK(found == 1);
		store_close(s);
	}
	free(path);
	free(dir);
}

int main(void)
{
	mk_log_set_level(MK_LOG_WARN);
	CHECK(store_crypto_init() == 0);
	CHECK(store_migration_sql(0) == NULL && store_migration_sql(STORE_SCHEMA_VERSION + 1) == NULL);
	for (int from = 1; from < STORE_SCHEMA_VERSION; from++)
		test_from(from);
	test_failed_step();
	test_enrolments_queued();
	return check_done();
}
