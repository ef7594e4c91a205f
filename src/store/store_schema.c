/* SPDX-License-Identifier: MIT */
/*
 * The schema, as an append-only list of migrations. Step i takes the
 * database from user_version i to i+1 and runs in its own transaction
 * together with the version bump, so a power cut leaves either the old or
 * the new schema, never half of one. Never edit a step that has shipped;
 * add one.
 *
 * Patient keys, record keys and contents are stored only encrypted (see
 * store_crypto.c). Course plans may stay in clear (issue 4). The outbox
 * names a record by UUID without a foreign key, because it will also carry
 * requests that outlive their record (an erasure request).
 */
#include "store_int.h"
#include "core.h"
#include <stdio.h>

static const char *const migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE patients ("
	" id INTEGER PRIMARY KEY,"
	" uuid TEXT NOT NULL UNIQUE,"
	" code TEXT NOT NULL UNIQUE,"
	" pin_salt BLOB NOT NULL,"
	" pin_ops INTEGER NOT NULL,"
	" pin_mem INTEGER NOT NULL,"
	" wrapped_key BLOB NOT NULL,"
	" failed_pins INTEGER NOT NULL DEFAULT 0,"
	" locked_until INTEGER NOT NULL DEFAULT 0,"
	" consent_at INTEGER,"
	" created_at INTEGER NOT NULL);"
	"CREATE TABLE courses ("
	" id INTEGER PRIMARY KEY,"
	" uuid TEXT NOT NULL UNIQUE,"
	" patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
	" plan TEXT NOT NULL,"
	" grade INTEGER NOT NULL,"
	" area TEXT NOT NULL,"
	" sessions_planned INTEGER NOT NULL,"
	" interval_days INTEGER NOT NULL,"
	" started_at INTEGER NOT NULL);"
	"CREATE INDEX courses_patient ON courses(patient_id);"
	"CREATE TABLE records ("
	" id INTEGER PRIMARY KEY,"
	" uuid TEXT NOT NULL UNIQUE,"
	" patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL,"
	" created_at INTEGER NOT NULL,"
	" sealed_key BLOB NOT NULL,"
	" wrapped_key BLOB NOT NULL,"
	" nonce BLOB NOT NULL,"
	" ciphertext BLOB NOT NULL);"
	"CREATE INDEX records_patient ON records(patient_id, created_at);"
	"CREATE TABLE outbox ("
	" id INTEGER PRIMARY KEY,"
	" record_uuid TEXT NOT NULL UNIQUE,"
	" priority INTEGER NOT NULL DEFAULT 0,"
	" created_at INTEGER NOT NULL,"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" set_aside_reason TEXT);",
	/* 1 -> 2: sessions done, and outbox rows that are not records (an
	 * erasure request carries the patient's UUID as its subject). */
	"CREATE TABLE sessions ("
	" id INTEGER PRIMARY KEY,"
	" uuid TEXT NOT NULL UNIQUE,"
	" course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,"
	" done_at INTEGER NOT NULL);"
	"CREATE INDEX sessions_course ON sessions(course_id, done_at);"
	"ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'record';"
	"ALTER TABLE outbox ADD COLUMN subject TEXT;"
	"CREATE INDEX outbox_order ON outbox(priority DESC, id);",
	/* 2 -> 3: symptom reports and red-flag alerts (their contents are
	 * encrypted records; only where they sit in the course, and that an
	 * alert was raised, are in clear), and the audit log. */
	"CREATE TABLE reports ("
	" id INTEGER PRIMARY KEY,"
	" record_id INTEGER NOT NULL UNIQUE REFERENCES records(id) ON DELETE CASCADE,"
	" course_uuid TEXT,"
	" session INTEGER NOT NULL,"
	" alert_level INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE alerts ("
	" id INTEGER PRIMARY KEY,"
	" record_id INTEGER NOT NULL UNIQUE REFERENCES records(id) ON DELETE CASCADE,"
	" patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
	" level INTEGER NOT NULL,"
	" created_at INTEGER NOT NULL);"
	"CREATE INDEX alerts_time ON alerts(created_at);"
	"CREATE INDEX alerts_patient ON alerts(patient_id);" /* for the erasure cascade */
	"CREATE TABLE audit ("
	" id INTEGER PRIMARY KEY,"
	" at INTEGER NOT NULL,"
	" actor TEXT NOT NULL,"
	" action TEXT NOT NULL,"
	" subject TEXT NOT NULL DEFAULT '');",
	/* 3 -> 4: progress photos. The picture and its thumbnail are files in
	 * <data>/photos named by the photo's UUID (also its record's), encrypted
	 * under the record's key (store_photo.c); the record holds the photo's
	 * metadata. In clear: whose photo, where in the course, which body
	 * area, and its size, so the timeline can be laid out without a key. */
	"CREATE TABLE photos ("
	" id INTEGER PRIMARY KEY,"
	" uuid TEXT NOT NULL UNIQUE,"
	" record_id INTEGER NOT NULL UNIQUE REFERENCES records(id) ON DELETE CASCADE,"
	" patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
	" course_uuid TEXT,"
	" session INTEGER NOT NULL,"
	" area INTEGER NOT NULL,"
	" width INTEGER NOT NULL,"
	" height INTEGER NOT NULL,"
	" created_at INTEGER NOT NULL);"
	"CREATE INDEX photos_patient ON photos(patient_id, area, created_at);",
	/* 4 -> 5: the sync worker's last error for each item, for staff. */
	"ALTER TABLE outbox ADD COLUMN last_error TEXT;",
	/* 5 -> 6: when the collector last acknowledged anything (Unix
	 * seconds; 0: never), kept across restarts for staff and the
	 * heartbeat. One row. */
	("CREATE TABLE sync_state (id INTEGER PRIMARY KEY CHECK (id = 1), last_sent INTEGER NOT NULL);"
	 "INSERT INTO sync_state VALUES (1, 0);"),
	/* 6 -> 7: the TPM object (public and private parts) that holds the
	 * secret which, with the PIN, wraps the patient's key (store_wrap.c);
	 * NULL for a patient wrapped with the PIN alone. */
	"ALTER TABLE patients ADD COLUMN tpm_blob BLOB;",
	/* 7 -> 8: the clinic hears of each patient who consented, report or
	 * not (store_patient.c queues this at consent from now on): one
	 * "enrolment" item each, with a new UUID. */
	("INSERT INTO outbox(record_uuid, kind, subject, priority, created_at)"
	 " SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||"
	 " substr(lower(hex(randomblob(2))), 2) || '-a' || substr(lower(hex(randomblob(2))), 2) ||"
	 " '-' || lower(hex(randomblob(6))), 'enrolment', uuid, 0, consent_at"
	 " FROM patients WHERE consent_at IS NOT NULL;"),
	/* 8 -> 9: sessions staff took back (store_session_undo): the session's
	 * UUID, course and time stay, so its "session-undone" outbox item can
	 * tell the clinic which one went, until the clinic has it. */
	("CREATE TABLE sessions_undone ("
	 " uuid TEXT PRIMARY KEY,"
	 " course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,"
	 " done_at INTEGER NOT NULL,"
	 " undone_at INTEGER NOT NULL);"
	 "CREATE INDEX sessions_undone_course ON sessions_undone(course_id);"),
	/* 9 -> 10: a patient deletes a photo of theirs (store_photo_delete):
	 * the request's outbox item (kind "photo-deletion", subject the
	 * photo's UUID) needs the patient's UUID once the photo's rows are
	 * gone. UUIDs only. */
	"CREATE TABLE photo_deletions (request_uuid TEXT PRIMARY KEY, photo_uuid TEXT NOT NULL,"
	" patient_uuid TEXT NOT NULL);",
};

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
	       "one migration per schema version");

const char *store_migration_sql(int to)
{
	return to >= 1 && to <= STORE_SCHEMA_VERSION ? migrations[to - 1] : NULL;
}

static int read_version(store *s, int *version)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "reading the schema version");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : store_sql_err(s, rc, "reading the schema version");
}

static int apply_step(store *s, int to)
{
	char bump[64];
	int rc = store_begin(s);
	if (rc)
		return rc;
	snprintf(bump, sizeof bump, "PRAGMA user_version=%d", to);
	rc = store_exec(s, migrations[to - 1], "upgrading the schema");
	if (!rc)
		rc = store_exec(s, bump, "upgrading the schema");
	if (!rc)
		rc = store_commit(s);
	if (rc) {
		store_rollback(s);
		return rc;
	}
	mk_log(MK_LOG_INFO, "store_migrated", "schema=%d", to);
	return 0;
}

/* Brings the database up to STORE_SCHEMA_VERSION, refusing a newer one:
 * an older build must not write into a schema it does not understand. */
int store_migrate(store *s)
{
	int version = 0, rc = read_version(s, &version);
	if (rc)
		return rc;
	if (version > STORE_SCHEMA_VERSION)
		return mk_err(MK_EINVAL, "kiosk.db was written by a newer Mesokiosk "
			      "(schema %d, this build knows %d)", version, STORE_SCHEMA_VERSION);
	while (version < STORE_SCHEMA_VERSION) {
		if ((rc = apply_step(s, version + 1)) != 0)
			return rc;
		version++;
	}
	s->version = version;
	return 0;
}
