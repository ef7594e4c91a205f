/* SPDX-License-Identifier: MIT */
/*
 * cstore: opening the collector's database, its schema, and the pool of
 * connections the HTTP server's threads share.
 *
 * The pool is cdb connections behind a mutex and a condition variable:
 * each call takes one, runs, and gives it back, so the server's threads
 * run queries side by side (PostgreSQL) or at least read while one writes
 * (SQLite in WAL mode, whose write transactions start IMMEDIATE and wait
 * for each other in turn). The command line opens CSTORE_POOL; serve
 * grows the pool to one per thread that may hold one (cstore_pool_grow),
 * so a dashboard page never waits for a connection while kiosks' batches
 * hold the others. No connection is held while Argon2id runs
 * (cstore_user.c).
 *
 * The schema is the same SQL text for both backends (cdb turns BLOB into
 * BYTEA and INTEGER PRIMARY KEY into BIGSERIAL for PostgreSQL) and carries
 * its number in schema_version, so a later build migrates in place: each
 * entry of MIGRATIONS takes the schema from its index to the next, inside
 * one transaction (PostgreSQL's DDL is transactional too) that an advisory
 * lock keeps to one collector at a time on a shared server. There are no
 * foreign keys: an erasure deletes a patient's rows explicitly, in one
 * transaction, in an order that also locks the patient (cstore_ingest.c).
 */
#include "cstore_int.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>

static const char *const MIGRATIONS[CSTORE_SCHEMA] = {
	/* 0 -> 1 */
	"CREATE TABLE kiosks ("
	" id TEXT PRIMARY KEY, label TEXT NOT NULL DEFAULT '',"
	" secret_hash TEXT NOT NULL, created_at BIGINT NOT NULL,"
	" last_seen BIGINT NOT NULL DEFAULT 0, version TEXT NOT NULL DEFAULT '',"
	" content_version TEXT NOT NULL DEFAULT '', queue_waiting BIGINT NOT NULL DEFAULT 0,"
	" queue_set_aside BIGINT NOT NULL DEFAULT 0, free_disk BIGINT NOT NULL DEFAULT 0,"
	" uptime BIGINT NOT NULL DEFAULT 0, last_success BIGINT NOT NULL DEFAULT 0,"
	" records BIGINT NOT NULL DEFAULT 0);"
	"CREATE TABLE kiosk_events ("
	" seq INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL, id TEXT NOT NULL,"
	" at BIGINT NOT NULL, level TEXT NOT NULL, event TEXT NOT NULL,"
	" detail TEXT NOT NULL, received_at BIGINT NOT NULL, UNIQUE (kiosk_id, id));"
	"CREATE INDEX kiosk_events_at ON kiosk_events (at);"
	"CREATE TABLE users ("
	" name TEXT PRIMARY KEY, hash TEXT NOT NULL, created_at BIGINT NOT NULL);"
	"CREATE TABLE web_sessions ("
	" sid_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, csrf TEXT NOT NULL,"
	" created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL);"
	"CREATE TABLE patients ("
	" uuid TEXT PRIMARY KEY, code TEXT NOT NULL, kiosk_id TEXT NOT NULL,"
	" first_seen BIGINT NOT NULL, last_record BIGINT NOT NULL);"
	"CREATE INDEX patients_code ON patients (code);"
	"CREATE TABLE courses ("
	" uuid TEXT PRIMARY KEY, patient_uuid TEXT NOT NULL, plan TEXT NOT NULL,"
	" grade BIGINT NOT NULL, area TEXT NOT NULL, sessions_planned BIGINT NOT NULL,"
	" interval_days BIGINT NOT NULL, started_at BIGINT NOT NULL);"
	"CREATE INDEX courses_patient ON courses (patient_uuid);"
	"CREATE TABLE sessions ("
	" uuid TEXT PRIMARY KEY, course_uuid TEXT NOT NULL, patient_uuid TEXT NOT NULL,"
	" done_at BIGINT NOT NULL);"
	"CREATE INDEX sessions_course ON sessions (course_uuid);"
	"CREATE INDEX sessions_patient ON sessions (patient_uuid);"
	"CREATE TABLE records ("
	" uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, patient_uuid TEXT NOT NULL,"
	" course_uuid TEXT NOT NULL DEFAULT '', kiosk_id TEXT NOT NULL,"
	" created_at BIGINT NOT NULL, received_at BIGINT NOT NULL,"
	" session BIGINT NOT NULL DEFAULT 0, alert_level BIGINT NOT NULL DEFAULT 0,"
	" area BIGINT NOT NULL DEFAULT 0, width BIGINT NOT NULL DEFAULT 0,"
	" height BIGINT NOT NULL DEFAULT 0, sealed_key BLOB NOT NULL, nonce BLOB NOT NULL,"
	" ciphertext BLOB NOT NULL);"
	"CREATE INDEX records_patient ON records (patient_uuid, created_at);"
	"CREATE INDEX records_kind ON records (kind, created_at);"
	"CREATE TABLE photo_files ("
	" uuid TEXT NOT NULL, part BIGINT NOT NULL, sha256 TEXT NOT NULL,"
	" size BIGINT NOT NULL, bytes BLOB NOT NULL, kiosk_id TEXT NOT NULL,"
	" received_at BIGINT NOT NULL, PRIMARY KEY (uuid, part));"
	"CREATE TABLE alert_acks ("
	" uuid TEXT PRIMARY KEY, user_name TEXT NOT NULL, at BIGINT NOT NULL);"
	"CREATE TABLE erased ("
	" patient_uuid TEXT PRIMARY KEY, request_uuid TEXT NOT NULL UNIQUE,"
	" kiosk_id TEXT NOT NULL, at BIGINT NOT NULL);"
	"CREATE TABLE audit ("
	" seq INTEGER PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL,"
	" action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL);"
	"CREATE INDEX audit_at ON audit (at);",
	/* 1 -> 2: sign-in throttles, per account and per address, kept here so
	 * a restart forgets nothing and collectors sharing a database share
	 * them (cstore_throttle.c). */
	"CREATE TABLE signin_throttle ("
	" key TEXT PRIMARY KEY, fails BIGINT NOT NULL, last_at BIGINT NOT NULL);"
	"CREATE INDEX signin_throttle_at ON signin_throttle (last_at);",
	/* 2 -> 3: kiosks confined to their own patients. A kiosk
	 * may share its patients with the kiosks of its group (kiosk_group,
	 * '' for none, set by staff), and a photo file belongs to the kiosk
	 * that sent it: the key gains kiosk_id, so a file another kiosk sent
	 * under the same UUID cannot stand in for, or block, the real one. */
	"ALTER TABLE kiosks ADD COLUMN kiosk_group TEXT NOT NULL DEFAULT '';"
	"CREATE TABLE photo_files_2 ("
	" uuid TEXT NOT NULL, part BIGINT NOT NULL, sha256 TEXT NOT NULL,"
	" size BIGINT NOT NULL, bytes BLOB NOT NULL, kiosk_id TEXT NOT NULL,"
	" received_at BIGINT NOT NULL, PRIMARY KEY (uuid, part, kiosk_id));"
	"INSERT INTO photo_files_2 (uuid, part, sha256, size, bytes, kiosk_id, received_at)"
	" SELECT uuid, part, sha256, size, bytes, kiosk_id, received_at FROM photo_files;"
	"DROP TABLE photo_files;"
	"ALTER TABLE photo_files_2 RENAME TO photo_files;",
	/* 3 -> 4: several collectors on one server. Periodic
	 * work is claimed in the database, not in one process's memory, so
	 * N collectors on one PostgreSQL sweep once an hour between them
	 * (cstore_ingest.c sweep_orphans). */
	("CREATE TABLE maintenance (name TEXT PRIMARY KEY, done_at BIGINT NOT NULL);"
	 "INSERT INTO maintenance (name, done_at) VALUES ('photo-sweep', 0);"),
	/* 4 -> 5: the patient list at clinic scale (10,000 patients, a million
	 * records). Each patient's counts by kind come from (patient_uuid,
	 * kind): without it a count could scan every record of that kind.
	 * The list pages by (code, uuid) and filters by kiosk; ANALYZE gives
	 * the planners what they need to pick these from the start. */
	"CREATE INDEX records_patient_kind ON records (patient_uuid, kind, created_at);"
	"DROP INDEX patients_code;"
	"CREATE INDEX patients_code ON patients (code, uuid);"
	"CREATE INDEX patients_kiosk ON patients (kiosk_id, code, uuid);"
	"ANALYZE;",
	/* 5 -> 6: every alert at once, at clinic scale. Alerts are about one
	 * record in fifty, each on a table page of its own, so what looks at
	 * all of them (the live alerts' version, the patients with an alert
	 * nobody acknowledged, and a patient's open alerts) read a page per
	 * alert through records_kind: 20,000 pages and some 200 ms on
	 * PostgreSQL for a clinic of a million records. This index holds only
	 * the alerts, with the columns those queries read, so they read it
	 * alone (an index-only scan; PostgreSQL's once vacuumed). It starts
	 * with kind, the column its condition names, or SQLite prefers
	 * records_kind's "kind = ?" to it. */
	"CREATE INDEX records_alerts ON records (kind, patient_uuid, uuid, received_at)"
	" WHERE kind = 'alert';"
	"ANALYZE records;",
	/* 6 -> 7: sessions staff took back on the kiosk ("session-undone"
	 * items, cstore_ingest.c): marked with when, not deleted, so the same
	 * session arriving again as a record's context stays undone. */
	"ALTER TABLE sessions ADD COLUMN undone_at BIGINT NOT NULL DEFAULT 0;",
	/* 7 -> 8: photos a patient deleted on the kiosk (cstore_ingest.c):
	 * the photo's record and files go, this row stays, so the request's
	 * replay is known (request_uuid) and a photo record still on its way
	 * is not stored after it (photo_uuid). UUIDs only. */
	"CREATE TABLE photo_deleted ("
	" photo_uuid TEXT PRIMARY KEY, request_uuid TEXT NOT NULL UNIQUE,"
	" patient_uuid TEXT NOT NULL, kiosk_id TEXT NOT NULL, at BIGINT NOT NULL);",
	/* 8 -> 9: calls for a member of staff from a kiosk's red-flag screen
	 * (cstore_call.c): not records (nothing sealed), one row each, with
	 * who answered it and when. */
	"CREATE TABLE staff_calls ("
	" uuid TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, patient_uuid TEXT NOT NULL DEFAULT '',"
	" patient_code TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL,"
	" received_at BIGINT NOT NULL, answered_by TEXT NOT NULL DEFAULT '',"
	" answered_at BIGINT NOT NULL DEFAULT 0);"
	"CREATE INDEX staff_calls_answered ON staff_calls (answered_at, received_at);",
	/* 9 -> 10: content rollout (cstore_bundle.c, cstore_shot.c): a role
	 * per dashboard user, the content bundles, their bytes in parts of
	 * CSTORE_BUNDLE_PART (a download reads the parts it sends, never
	 * the whole blob from its start), what each kiosk says it shows,
	 * and remote screenshots. */
	"ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'staff';"
	"CREATE TABLE bundles ("
	" version BIGINT PRIMARY KEY, sha256 TEXT NOT NULL, size BIGINT NOT NULL,"
	" note TEXT NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at BIGINT NOT NULL,"
	" state TEXT NOT NULL, n_problems BIGINT NOT NULL DEFAULT 0,"
	" problems TEXT NOT NULL DEFAULT '', approved_by TEXT NOT NULL DEFAULT '',"
	" approved_at BIGINT NOT NULL DEFAULT 0, stage TEXT NOT NULL DEFAULT '',"
	" target TEXT NOT NULL DEFAULT '', rolled_at BIGINT NOT NULL DEFAULT 0);"
	"CREATE TABLE bundle_parts ("
	" version BIGINT NOT NULL, seq BIGINT NOT NULL, bytes BLOB NOT NULL,"
	" PRIMARY KEY (version, seq));"
	"CREATE TABLE kiosk_content ("
	" kiosk_id TEXT PRIMARY KEY, shown BIGINT NOT NULL, state TEXT NOT NULL,"
	" offered BIGINT NOT NULL, problem TEXT NOT NULL, at BIGINT NOT NULL,"
	" rejected BIGINT NOT NULL DEFAULT 0);"
	"CREATE TABLE shots ("
	" id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, by_user TEXT NOT NULL,"
	" asked_at BIGINT NOT NULL, answered_at BIGINT NOT NULL DEFAULT 0,"
	" refused TEXT NOT NULL DEFAULT '', png_size BIGINT NOT NULL DEFAULT 0, png BLOB);"
	"CREATE INDEX shots_kiosk ON shots (kiosk_id, answered_at, asked_at);"
	"CREATE INDEX shots_asked ON shots (asked_at);",
	/* 10 -> 11: software packages (issue 20's last part) travel as
	 * bundles too, numbered apart from content: bundles and bundle_parts
	 * gain a kind in their key ('content' for every bundle so far) and the
	 * Debian version a package carries, and what each kiosk says of its
	 * software (running version, highest package taken, state) gets a table
	 * beside kiosk_content, with the newest package it ever refused. */
	"CREATE TABLE bundles_2 ("
	" kind TEXT NOT NULL, version BIGINT NOT NULL, sha256 TEXT NOT NULL,"
	" size BIGINT NOT NULL, note TEXT NOT NULL, uploaded_by TEXT NOT NULL,"
	" uploaded_at BIGINT NOT NULL, state TEXT NOT NULL, n_problems BIGINT NOT NULL DEFAULT 0,"
	" problems TEXT NOT NULL DEFAULT '', approved_by TEXT NOT NULL DEFAULT '',"
	" approved_at BIGINT NOT NULL DEFAULT 0, stage TEXT NOT NULL DEFAULT '',"
	" target TEXT NOT NULL DEFAULT '', rolled_at BIGINT NOT NULL DEFAULT 0,"
	" deb TEXT NOT NULL DEFAULT '', PRIMARY KEY (kind, version));"
	"INSERT INTO bundles_2 (kind, version, sha256, size, note, uploaded_by, uploaded_at, state,"
	" n_problems, problems, approved_by, approved_at, stage, target, rolled_at)"
	" SELECT 'content', version, sha256, size, note, uploaded_by, uploaded_at, state,"
	" n_problems, problems, approved_by, approved_at, stage, target, rolled_at FROM bundles;"
	"DROP TABLE bundles;"
	"ALTER TABLE bundles_2 RENAME TO bundles;"
	"CREATE TABLE bundle_parts_2 ("
	" kind TEXT NOT NULL, version BIGINT NOT NULL, seq BIGINT NOT NULL, bytes BLOB NOT NULL,"
	" PRIMARY KEY (kind, version, seq));"
	"INSERT INTO bundle_parts_2 (kind, version, seq, bytes)"
	" SELECT 'content', version, seq, bytes FROM bundle_parts;"
	"DROP TABLE bundle_parts;"
	"ALTER TABLE bundle_parts_2 RENAME TO bundle_parts;"
	"CREATE TABLE kiosk_software ("
	" kiosk_id TEXT PRIMARY KEY, running TEXT NOT NULL, taken BIGINT NOT NULL,"
	" state TEXT NOT NULL, offered BIGINT NOT NULL, problem TEXT NOT NULL, at BIGINT NOT NULL,"
	" refused BIGINT NOT NULL DEFAULT 0);",
};

static int migrate(cdb *db, void *arg)
{
	int64_t v = 0;
	int rc, existing = arg != NULL;
	/* Two collectors starting at once on one server: one migrates, the
	 * other waits here and then finds the schema current. */
	if (cdb_is_pg(db) && (rc = cs_run(db, NULL, "SELECT pg_advisory_xact_lock(73707265)",
					   NULL)) != 0)
		return rc;
	if ((rc = cdb_exec(db, "CREATE TABLE IF NOT EXISTS schema_version"
			       " (version BIGINT NOT NULL)")) != 0)
		return rc;
	rc = cs_int(db, &v, "SELECT version FROM schema_version", NULL);
	if (rc && rc != MK_ENOTFOUND)
		return rc;
	if (v > CSTORE_SCHEMA)
		return mk_err(MK_EINVAL, "the database was written by a newer collector (schema %lld;"
			      " this one knows up to %d)", (long long)v, CSTORE_SCHEMA);
	if (v == CSTORE_SCHEMA)
		return 0;
	if (v == 0 && existing) /* rolled back: the database is left as it was */
		return mk_err(MK_ENOTFOUND, "the database holds no collector data");
	for (int64_t i = v; i < CSTORE_SCHEMA; i++)
		if ((rc = cdb_exec(db, MIGRATIONS[i])) != 0)
			return mk_err(rc, "cannot upgrade the database to schema %lld: %s",
				      (long long)i + 1, mk_err_msg());
	if ((rc = cs_run(db, NULL, "DELETE FROM schema_version", NULL)) != 0)
		return rc;
	return cs_run(db, NULL, "INSERT INTO schema_version (version) VALUES ($1)", "d",
		      CSTORE_SCHEMA);
}

static int open_pool(cstore **out, const char *spec, int existing)
{
	cstore *cs = calloc(1, sizeof *cs);
	int rc = mkc_init();
	*out = NULL;
	if (!cs)
		return mk_err(MK_ENOMEM, "out of memory opening the collector's database");
	pthread_mutex_init(&cs->mu, NULL);
	pthread_cond_init(&cs->cv, NULL);
	cs->user_cost = MKC_COST;
	if (!(cs->spec = mk_strdup(spec)))
		rc = mk_err(MK_ENOMEM, "out of memory opening the collector's database");
	for (int i = 0; i < CSTORE_POOL && !rc; i++) {
		if ((rc = existing ? cdb_open_existing(&cs->db[i], spec)
				   : cdb_open(&cs->db[i], spec)) == 0)
			cs->n++;
		if (!rc && i == 0) {
			cs->pg = cdb_is_pg(cs->db[0]);
			rc = cs_tx(cs->db[0], migrate, existing ? cs : NULL);
		}
	}
	if (rc) {
		cstore_close(cs);
		return rc;
	}
	*out = cs;
	return 0;
}

int cstore_open(cstore **out, const char *spec)
{
	return open_pool(out, spec, 0);
}

int cstore_open_existing(cstore **out, const char *spec)
{
	return open_pool(out, spec, 1);
}

int cstore_pool_grow(cstore *cs, int n)
{
	int rc = 0;
	if (n > CSTORE_POOL_MAX)
		n = CSTORE_POOL_MAX;
	pthread_mutex_lock(&cs->mu);
	while (cs->n < n && !rc) {
		cdb *db = NULL;
		if ((rc = cdb_open_existing(&db, cs->spec)) == 0) {
			cs->busy[cs->n] = 0;
			cs->db[cs->n++] = db;
		}
	}
	pthread_cond_broadcast(&cs->cv);
	pthread_mutex_unlock(&cs->mu);
	return rc;
}

void cstore_close(cstore *cs)
{
	if (!cs)
		return;
	for (int i = 0; i < cs->n; i++)
		cdb_close(cs->db[i]);
	if (cs->spec)
		explicit_bzero(cs->spec, strlen(cs->spec)); /* a URI may hold a password */
	free(cs->spec);
	pthread_cond_destroy(&cs->cv);
	pthread_mutex_destroy(&cs->mu);
	free(cs);
}

const char *cstore_backend(const cstore *cs)
{
	return cs->pg ? "postgresql" : "sqlite";
}

void cstore_set_user_cost(cstore *cs, unsigned long long ops, size_t mem)
{
	pthread_mutex_lock(&cs->mu);
	cs->user_cost.ops = ops;
	cs->user_cost.mem = mem;
	cs->dummy_hash[0] = 0;
	pthread_mutex_unlock(&cs->mu);
}

cdb *cs_take(cstore *cs)
{
	cdb *db = NULL;
	pthread_mutex_lock(&cs->mu);
	while (!db) {
		for (int i = 0; i < cs->n && !db; i++)
			if (!cs->busy[i]) {
				cs->busy[i] = 1;
				db = cs->db[i];
			}
		if (!db)
			pthread_cond_wait(&cs->cv, &cs->mu);
	}
	pthread_mutex_unlock(&cs->mu);
	return db;
}

void cs_give(cstore *cs, cdb *db)
{
	pthread_mutex_lock(&cs->mu);
	for (int i = 0; i < cs->n; i++)
		if (cs->db[i] == db)
			cs->busy[i] = 0;
	pthread_cond_signal(&cs->cv);
	pthread_mutex_unlock(&cs->mu);
}
