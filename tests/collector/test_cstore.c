/* SPDX-License-Identifier: MIT */
/*
 * The collector's storage, what the API and the dashboard rely on, run on
 * SQLite (no argument) and on PostgreSQL (the URI file of the collector_pg
 * fixture): a kiosk's token opens the door and nothing else does, and the
 * database holds no secret that would; heartbeats keep the latest health
 * and each event once; staff passwords and sessions behave (wrong
 * passwords, unknown names, expiry, sign-out); the audit log keeps its
 * shape; eight threads sending records at once store each exactly once;
 * and reopening keeps everything.
 */
#include "test_cstore_db.h"
#include "cstore.h"
#include "cstore_int.h" /* CSTORE_SCHEMA */
#include "store.h"
#include <pthread.h>
#include <stdint.h>
#include <sys/stat.h>


#define T0 1795000000

static test_db tdb;

static int file_contains(const char *path, const char *needle)
{
	char *buf = NULL;
	size_t n = 0;
	int found = 0;
	if (mk_read_file(path, &buf, &n) != 0)
		return 0;
	for (size_t i = 0; i + strlen(needle) <= n && !found; i++)
		found = memcmp(buf + i, needle, strlen(needle)) == 0;
	free(buf);
	return found;
}

static void test_kiosks(cstore *cs)
{
	char id[CSTORE_ID], id2[CSTORE_ID], tok[CSTORE_TOKEN], tok2[CSTORE_TOKEN], got[CSTORE_ID];
	char bad[CSTORE_TOKEN];
	CHECK_MSG(cstore_kiosk_add(cs, "Waiting room 2", id, tok) == 0, "%s", mk_err_msg());
	CHECK(cstore_kiosk_add(cs, NULL, id2, tok2) == 0);
	CHECK(strncmp(id, "kiosk-", 6) == 0 && strlen(id) == 14 && strcmp(id, id2) != 0);
	CHECK(strncmp(tok, id, strlen(id)) == 0 && tok[strlen(id)] == '.' &&
	      strlen(tok) == strlen(id) + 1 + 64);

	CHECK(cstore_kiosk_auth(cs, tok, got) == 0 && strcmp(got, id) == 0);
	CHECK(cstore_kiosk_auth(cs, tok2, got) == 0 && strcmp(got, id2) == 0);
	snprintf(bad, sizeof bad, "%s", tok);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'a' ? 'b' : 'a';
	CHECK(cstore_kiosk_auth(cs, bad, got) == MK_EPERM && got[0] == 0);
	snprintf(bad, sizeof bad, "%s%s", id2, strchr(tok, '.')); /* another kiosk's secret */
	CHECK(cstore_kiosk_auth(cs, bad, got) == MK_EPERM);
	snprintf(bad, sizeof bad, "kiosk-00000000%s", strchr(tok, '.'));
	CHECK(cstore_kiosk_auth(cs, bad, got) == MK_EPERM);
	const char *malformed[] = { "", ".", id, "nodot", "Kiosk-X.abc", "a b.cd" };
	for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++)
		CHECK_MSG(cstore_kiosk_auth(cs, malformed[i], got) == MK_EPERM, "%s", malformed[i]);
	CHECK(cstore_kiosk_auth(cs, NULL, got) == MK_EPERM);

	/* Only a hash of the secret is kept. */
	const char *secret = strchr(tok, '.') + 1;
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM kiosks WHERE secret_hash = $1", secret) == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM kiosks", NULL) == 2);
	if (!tdb.pg) {
		cstore_close(cs); /* checkpoints the WAL into the file */
		CHECK(!file_contains(tdb.spec, secret));
		CHECK(file_contains(tdb.spec, "Waiting room 2")); /* the scan can find things */
		struct stat sb;
		CHECK(stat(tdb.spec, &sb) == 0 && (sb.st_mode & 077) == 0); /* created 0600 */
	}
}

static void test_heartbeat(cstore *cs, const char *id)
{
	cstore_kiosk hb = { .queue_waiting = 3, .queue_set_aside = 1, .free_disk = 123456789,
			    .uptime = 3600, .last_success = T0 - 5 };
	cstore_event ev[3] = {
		{ .id = "e1", .at = T0 - 30, .level = "warn", .event = "content-rejected",
		  .detail = "pages.lua:12: unknown block type" },
		{ .id = "e2", .at = T0 - 20, .level = "info", .event = "crash-recovered" },
		{ .id = "e3", .at = T0 - 10, .level = "error", .event = "disk-low" },
	};
	cstore_kiosk k[4];
	cstore_event got[8];
	int n = 0;
	snprintf(hb.version, sizeof hb.version, "0.1.0");
	snprintf(hb.content_version, sizeof hb.content_version, "2026-11-01");
	CHECK_MSG(cstore_heartbeat(cs, id, &hb, ev, 2, T0) == 0, "%s", mk_err_msg());
	hb.queue_waiting = 0;
	CHECK(cstore_heartbeat(cs, id, &hb, ev, 3, T0 + 60) == 0); /* e1, e2 again, and e3 */
	CHECK(cstore_heartbeat(cs, "kiosk-nobody", &hb, ev, 3, T0) == MK_ENOTFOUND);

	CHECK(cstore_events(cs, id, got, 8, &n) == 0 && n == 3);
	CHECK(n == 3 && strcmp(got[0].id, "e3") == 0 && strcmp(got[2].id, "e1") == 0);
	CHECK(n == 3 && strcmp(got[2].detail, ev[0].detail) == 0 && got[2].at == T0 - 30 &&
	      strcmp(got[2].level, "warn") == 0 && strcmp(got[2].event, "content-rejected") == 0);
	CHECK(cstore_events(cs, NULL, got, 2, &n) == 0 && n == 2); /* all kiosks, newest 2 */

	CHECK(cstore_kiosks(cs, k, 4, &n) == 0 && n == 2);
	for (int i = 0; i < n; i++) {
		if (strcmp(k[i].id, id) != 0)
			continue;
		CHECK(strcmp(k[i].label, "Waiting room 2") == 0);
		CHECK(k[i].last_seen == T0 + 60 && strcmp(k[i].version, "0.1.0") == 0);
		CHECK(strcmp(k[i].content_version, "2026-11-01") == 0 && k[i].queue_waiting == 0);
		CHECK(k[i].queue_set_aside == 1 && k[i].free_disk == 123456789);
		CHECK(k[i].uptime == 3600 && k[i].last_success == T0 - 5 && k[i].records == 0);
		CHECK(k[i].created_at > 0);
	}
	CHECK(cstore_kiosk_seen(cs, id, T0 + 120) == 0);
	CHECK(cstore_kiosk_seen(cs, id, T0 + 90) == 0); /* never goes back */
	CHECK(cstore_kiosks(cs, k, 4, &n) == 0);
	for (int i = 0; i < n; i++)
		if (strcmp(k[i].id, id) == 0)
			CHECK(k[i].last_seen == T0 + 120);
}

static void test_users(cstore *cs)
{
	char sid[CSTORE_HEX], csrf[CSTORE_HEX], user[CSTORE_ID], c2[CSTORE_HEX];
	cstore_set_user_cost(cs, STORE_PIN_COST_TEST.ops, STORE_PIN_COST_TEST.mem);
	CHECK_MSG(cstore_user_add(cs, "ana", "correct horse") == 0, "%s", mk_err_msg());
	CHECK(cstore_user_add(cs, "ana", "another password") == MK_EEXIST);
	CHECK(cstore_user_add(cs, "ben", "short") == MK_EINVAL);
	CHECK(cstore_user_add(cs, "Ben Smith", "long enough") == MK_EINVAL);
	CHECK(cstore_user_check(cs, "ana", "correct horse") == 0);
	CHECK(cstore_user_check(cs, "ana", "correct horsE") == MK_EPERM);
	CHECK(cstore_user_check(cs, "ana", "") == MK_EPERM);
	CHECK(cstore_user_check(cs, "nobody", "correct horse") == MK_EPERM);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM users WHERE hash LIKE '$argon2id$%'", NULL) == 1);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM users WHERE hash LIKE '%correct%'", NULL) == 0);

	CHECK(cstore_session_new(cs, "ana", T0, sid, csrf) == 0);
	CHECK(strlen(sid) == 64 && strlen(csrf) == 64 && strcmp(sid, csrf) != 0);
	CHECK(cstore_session_get(cs, sid, T0 + 60, user, c2) == 0);
	CHECK(strcmp(user, "ana") == 0 && strcmp(c2, csrf) == 0);
	CHECK(cstore_session_get(cs, sid, T0 + 8 * 3600 - 1, user, c2) == 0);
	CHECK(cstore_session_get(cs, sid, T0 + 8 * 3600, user, c2) == MK_EPERM && user[0] == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM web_sessions WHERE sid_hash = $1", sid) == 0);
	CHECK(cstore_session_get(cs, "0123", T0, user, c2) == MK_EPERM);
	CHECK(cstore_session_get(cs, csrf, T0, user, c2) == MK_EPERM); /* well formed, not a sid */
	CHECK(cstore_session_new(cs, "ana", T0, sid, csrf) == 0);
	CHECK(cstore_session_end(cs, sid) == 0);
	CHECK(cstore_session_get(cs, sid, T0 + 1, user, c2) == MK_EPERM);
	CHECK(cstore_session_get(cs, NULL, T0 + 1, user, c2) == MK_EPERM);
}

static void test_audit(cstore *cs)
{
	cstore_audit_row a[8];
	int n = 0;
	CHECK(cstore_audit(cs, "ana", "view-patient", "K7MZ4Q2P", "", T0) == 0);
	CHECK(cstore_audit(cs, "cli", "export-fhir", "", "all patients, 2026-01-01..", T0) == 0);
	CHECK(cstore_audit(cs, "ana", "View Patient", "", "", T0) == MK_EINVAL);
	char long_detail[130];
	memset(long_detail, 'x', sizeof long_detail - 1);
	long_detail[sizeof long_detail - 1] = 0;
	CHECK(cstore_audit(cs, "ana", "view-patient", "", long_detail, T0) == MK_EINVAL);
	CHECK(cstore_audit(cs, "ana", "view-patient", "this subject is longer than any UUID can be", "",
			   T0) == MK_EINVAL);
	CHECK(cstore_audit_list(cs, a, 8, &n) == 0 && n == 2);
	CHECK(n == 2 && strcmp(a[0].action, "export-fhir") == 0 && strcmp(a[1].actor, "ana") == 0);
	CHECK(n == 2 && strcmp(a[1].subject, "K7MZ4Q2P") == 0 && a[1].at == T0);
}

/* ---- Eight threads at once */

#define THREADS 8
#define PER_THREAD 20
#define SHARED 10 /* every thread also sends these, racing for them */

typedef struct {
	cstore *cs;
	const char *kiosk;
	int t, fails;
} worker;

static void record_uuid(char out[CSTORE_UUID], int t, int i)
{
	snprintf(out, CSTORE_UUID, "00000000-0000-4000-8000-%06x%06x", t, i);
}

static void *work(void *arg)
{
	worker *w = arg;
	static const uint8_t blob[48] = { 1, 2, 3 };
	char reason[200];
	for (int i = 0; i < PER_THREAD + SHARED; i++) {
		cstore_record r = { .created_at = T0 + i, .session = 1 };
		int mine = i < PER_THREAD;
		record_uuid(r.uuid, mine ? w->t + 1 : 0, i);
		snprintf(r.kind, sizeof r.kind, "report");
		record_uuid(r.patient_uuid, 0xfff, mine ? w->t : 99);
		snprintf(r.patient_code, sizeof r.patient_code, "PAT%05d", mine ? w->t : 99);
		r.sealed_key = r.nonce = r.ciphertext = blob;
		r.sealed_len = r.nonce_len = r.ct_len = sizeof blob;
		if (cstore_record_put(w->cs, w->kiosk, &r, T0 + 1000, reason) != 0) {
			w->fails++;
			fprintf(stderr, "thread %d: %s\n", w->t, mk_err_msg());
		}
	}
	return NULL;
}

static void test_threads(cstore *cs, const char *kiosk)
{
	pthread_t th[THREADS];
	worker w[THREADS];
	int64_t records = -1, files = -1;
	int fails = 0;
	for (int t = 0; t < THREADS; t++) {
		w[t] = (worker){ cs, kiosk, t, 0 };
		pthread_create(&th[t], NULL, work, &w[t]);
	}
	for (int t = 0; t < THREADS; t++) {
		pthread_join(th[t], NULL);
		fails += w[t].fails;
	}
	CHECK(fails == 0);
	CHECK(cstore_counts(cs, &records, &files) == 0);
	CHECK_MSG(records == THREADS * PER_THREAD + SHARED, "records %lld", (long long)records);
	CHECK(files == 0);
	CHECK(test_db_int(&tdb, "SELECT records FROM kiosks WHERE id = $1", kiosk) ==
	      THREADS * PER_THREAD + SHARED);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM patients", NULL) == THREADS + 1);
}

/* SQLite: a write transaction longer than the 5 s busy timeout (a big
 * erasure, a slow disk) holds the database while a dashboard user's audit
 * row and a kiosk's record arrive on other connections of the pool. They
 * wait their turn and are stored: before, SQLite's busy handler gave up
 * after 5 s and the kiosk was told 500, the page failed. */
typedef struct {
	cstore *cs;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int inside;
} long_tx;

static int hold(cdb *db, void *arg)
{
	long_tx *l = arg;
	(void)db;
	pthread_mutex_lock(&l->mu);
	l->inside = 1;
	pthread_cond_signal(&l->cv);
	pthread_mutex_unlock(&l->mu);
	usleep(5600 * 1000);
	return 0;
}

static void *long_writer(void *arg)
{
	long_tx *l = arg;
	cdb *db = cs_take(l->cs);
	CHECK(cs_tx(db, hold, l) == 0);
	cs_give(l->cs, db);
	return NULL;
}

static void test_long_writer(cstore *cs, const char *kiosk)
{
	long_tx l = { .cs = cs };
	pthread_t th;
	char reason[200] = "";
	pthread_mutex_init(&l.mu, NULL);
	pthread_cond_init(&l.cv, NULL);
	pthread_create(&th, NULL, long_writer, &l);
	pthread_mutex_lock(&l.mu);
	while (!l.inside)
		pthread_cond_wait(&l.cv, &l.mu);
	pthread_mutex_unlock(&l.mu);
	CHECK_MSG(cstore_audit(cs, "ana", "view-patient", "K7MZ4Q2P", "", T0) == 0, "%s",
		  mk_err_msg());
	static const uint8_t blob[48] = { 1, 2, 3 };
	cstore_record r = { .created_at = T0, .session = 1 };
	const cstore_record *one[1] = { &r };
	char why[1][200];
	int result = -1;
	record_uuid(r.uuid, 0xabc, 1);
	record_uuid(r.patient_uuid, 0xabc, 2);
	snprintf(r.kind, sizeof r.kind, "report");
	snprintf(r.patient_code, sizeof r.patient_code, "LONG2345");
	r.sealed_key = r.nonce = r.ciphertext = blob;
	r.sealed_len = r.nonce_len = r.ct_len = sizeof blob;
	CHECK_MSG(cstore_records_put(cs, kiosk, one, 1, T0, &result, why) == 0 && result == 0,
		  "%s %s", why[0], mk_err_msg());
	CHECK_MSG(cstore_record_put(cs, kiosk, &r, T0, reason) == 0, "%s", mk_err_msg());
	pthread_join(th, NULL);
	pthread_cond_destroy(&l.cv);
	pthread_mutex_destroy(&l.mu);
}

/* PostgreSQL: the server drops every connection of the pool (as when it
 * restarts); the next calls reconnect by themselves. */
static void test_heal(cstore *cs)
{
	cdb *db = NULL;
	cstore_kiosk k[2];
	int n = 0;
	CHECK(cdb_open(&db, tdb.spec) == 0);
	CHECK(db && cdb_exec(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
			     " WHERE datname = current_database() AND pid <> pg_backend_pid()") == 0);
	cdb_close(db);
	for (int i = 0; i < 6; i++)
		CHECK_MSG(cstore_kiosks(cs, k, 2, &n) == 0 && n == 2, "%s", mk_err_msg());
	CHECK(cstore_user_check(cs, "ana", "correct horse") == 0);
}

int main(int argc, char **argv)
{
	cstore *cs = NULL;
	cstore_kiosk k[2];
	int n = 0;
	if (test_db_make(&tdb, argc, argv, "mk_cstore") != 0)
		return 1;
	CHECK_MSG(cstore_open(&cs, tdb.spec) == 0, "%s", mk_err_msg());
	if (!cs)
		return check_done();
	CHECK(strcmp(cstore_backend(cs), tdb.pg ? "postgresql" : "sqlite") == 0);
	test_kiosks(cs);
	if (!tdb.pg)
		CHECK(cstore_open(&cs, tdb.spec) == 0); /* test_kiosks closed it */
	CHECK(cstore_kiosks(cs, k, 2, &n) == 0 && n == 2);
	const char *kiosk = n == 2 ? (strcmp(k[0].label, "") ? k[0].id : k[1].id) : "";
	test_heartbeat(cs, kiosk);
	test_users(cs);
	test_audit(cs);
	test_threads(cs, kiosk);
	if (!tdb.pg)
		test_long_writer(cs, kiosk);
	if (tdb.pg)
		test_heal(cs);
	cstore_close(cs);

	/* Reopening finds everything, and the schema as it was. */
	CHECK(cstore_open(&cs, tdb.spec) == 0);
	CHECK(cs && cstore_user_check(cs, "ana", "correct horse") == 0);
	CHECK(test_db_int(&tdb, "SELECT version FROM schema_version", NULL) == CSTORE_SCHEMA);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM schema_version", NULL) == 1);
	cstore_close(cs);

	/* A database from a newer collector is left alone, with a clear message. */
	cdb *db = NULL;
	CHECK(cdb_open(&db, tdb.spec) == 0 && cdb_exec(db, "UPDATE schema_version SET version = 99") == 0);
	cs = NULL;
	CHECK(cstore_open(&cs, tdb.spec) == MK_EINVAL && !cs && strstr(mk_err_msg(), "newer"));
	/* ... and one from the collector before the patient list's indexes
	 * (schema 4) is upgraded in place, through every step since (up to
	 * the undone sessions' column, the deleted photos' table and the calls
	 * for staff, schema 9, content rollout's tables, schema 10, and
	 * software packages, schema 11). */
	CHECK(cdb_exec(db, "UPDATE schema_version SET version = 4") == 0);
	CHECK(cdb_exec(db, "DROP TABLE staff_calls;") == 0);
	CHECK(cdb_exec(db, "DROP TABLE bundles; DROP TABLE bundle_parts; DROP TABLE kiosk_software;"
		       " DROP TABLE kiosk_content; DROP TABLE shots;"
		       " ALTER TABLE users DROP COLUMN role") == 0);
	CHECK(cdb_exec(db, "DROP INDEX records_alerts; DROP INDEX records_patient_kind;"
		       " DROP INDEX patients_kiosk;"
		       " DROP INDEX patients_code; CREATE INDEX patients_code ON patients (code);"
		       " ALTER TABLE sessions DROP COLUMN undone_at;"
		       " DROP TABLE photo_deleted") == 0);
	cdb_close(db);
	CHECK(cstore_open(&cs, tdb.spec) == 0);
	CHECK(test_db_int(&tdb, "SELECT version FROM schema_version", NULL) == CSTORE_SCHEMA);
	cstore_close(cs);

	/* Content bundles stored before software packages (schema 10) stay
	 * content, with their bytes, when the bundles gain a kind (11). */
	CHECK(cdb_open(&db, tdb.spec) == 0);
	CHECK(cdb_exec(db, "UPDATE schema_version SET version = 10;"
		       " DROP TABLE bundles; DROP TABLE bundle_parts; DROP TABLE kiosk_software;"
		       " CREATE TABLE bundles (version BIGINT PRIMARY KEY, sha256 TEXT NOT NULL,"
		       " size BIGINT NOT NULL, note TEXT NOT NULL, uploaded_by TEXT NOT NULL,"
		       " uploaded_at BIGINT NOT NULL, state TEXT NOT NULL,"
		       " n_problems BIGINT NOT NULL DEFAULT 0, problems TEXT NOT NULL DEFAULT '',"
		       " approved_by TEXT NOT NULL DEFAULT '', approved_at BIGINT NOT NULL DEFAULT 0,"
		       " stage TEXT NOT NULL DEFAULT '', target TEXT NOT NULL DEFAULT '',"
		       " rolled_at BIGINT NOT NULL DEFAULT 0);"
		       " CREATE TABLE bundle_parts (version BIGINT NOT NULL, seq BIGINT NOT NULL,"
		       " bytes BLOB NOT NULL, PRIMARY KEY (version, seq));"
		       " INSERT INTO bundles (version, sha256, size, note, uploaded_by, uploaded_at,"
		       " state, stage) VALUES (7, 'ab', 3, 'old', 'ana', 1, 'approved', 'all');"
		       " INSERT INTO bundle_parts (version, seq, bytes) VALUES (7, 0, 'xyz')") == 0);
	cdb_close(db);
	CHECK(cstore_open(&cs, tdb.spec) == 0);
	CHECK(test_db_int(&tdb, "SELECT version FROM schema_version", NULL) == CSTORE_SCHEMA);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM bundles WHERE kind = 'content' AND version = 7"
			  " AND stage = 'all'", NULL) == 1);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM bundle_parts WHERE kind = 'content'"
			  " AND version = 7", NULL) == 1);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM kiosk_software", NULL) == 0);
	cstore_close(cs);
	test_db_done(&tdb);
	return check_done();
}
