/* SPDX-License-Identifier: MIT */
/*
 * Courses and sessions. A course is the plan staff start for a patient
 * (plan name, cellulite grade, area, sessions planned, interval); a session
 * row is one treatment done. They stay in clear (issue 4: dates, session
 * count and grade are not the sensitive part) so "session 4 of 12" shows
 * before any key is at hand. Each has a kiosk-made UUID like every record.
 * Staff do both, so each writes a staff audit row naming the patient's code
 * in the same transaction.
 *
 * A session recorded by mistake (a double tap, two receptionists) can be
 * taken back: it moves to sessions_undone, and an outbox item of its own
 * ("session-undone") carries the correction to the clinic, which may
 * have heard of the session as the context of a record already and may
 * hear nothing else from this patient for weeks.
 */
#include "store_int.h"
#include "core.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static int fits(const char *text, size_t field)
{
	return text && *text && strlen(text) < field;
}

static int insert_course(store *s, int64_t patient_id, const store_course *c,
			 const char *uuid)
{
	static const char sql[] =
		"INSERT INTO courses(uuid, patient_id, plan, grade, area, sessions_planned,"
		" interval_days, started_at) VALUES (?,?,?,?,?,?,?,?)";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "starting a course");
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, patient_id);
	sqlite3_bind_text(st, 3, c->plan, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, c->grade);
	sqlite3_bind_text(st, 5, c->area, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, c->sessions_planned);
	sqlite3_bind_int(st, 7, c->interval_days);
	sqlite3_bind_int64(st, 8, c->started_at);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "starting a course");
}

int store_course_start(store *s, int64_t patient_id, const store_course *c,
		       char uuid_out[STORE_UUID_LEN + 1])
{
	char uuid[STORE_UUID_LEN + 1];
	int rc;
	if (!fits(c->plan, sizeof c->plan) || !fits(c->area, sizeof c->area) ||
	    c->sessions_planned < 1 || c->interval_days < 1)
		return mk_err(MK_EINVAL, "a course needs a plan, an area, at least one session"
			      " and an interval of at least one day");
	if (c->grade < 0 || c->grade > STORE_GRADE_MAX || c->sessions_planned > STORE_SESSIONS_MAX ||
	    c->interval_days > STORE_INTERVAL_MAX || c->started_at < 0 ||
	    c->started_at > STORE_TIME_MAX)
		return mk_err(MK_EINVAL, "a course has a grade of 0 to %d, at most %d sessions %d days"
			      " apart at most, and a start date", STORE_GRADE_MAX, STORE_SESSIONS_MAX,
			      STORE_INTERVAL_MAX);
	store_uuid(uuid);
	if ((rc = store_begin(s)) != 0)
		return rc;
	rc = insert_course(s, patient_id, c, uuid);
	if (!rc)
		rc = store_audit_patient(s, (int64_t)time(NULL), "staff", "course-start", patient_id);
	if (!rc)
		rc = store_commit(s);
	if (rc) {
		store_rollback(s);
		return rc;
	}
	memcpy(uuid_out, uuid, sizeof uuid);
	return 0;
}

static void copy_text(sqlite3_stmt *st, int col, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

int store_course_get_active(store *s, int64_t patient_id, store_course *out)
{
	static const char sql[] =
		"SELECT uuid, plan, grade, area, sessions_planned, interval_days, started_at,"
		" (SELECT count(*) FROM sessions WHERE course_id = courses.id)"
		" FROM courses WHERE patient_id=? ORDER BY started_at DESC, id DESC LIMIT 1";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "reading the course");
	sqlite3_bind_int64(st, 1, patient_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		copy_text(st, 0, out->uuid, sizeof out->uuid);
		copy_text(st, 1, out->plan, sizeof out->plan);
		out->grade = sqlite3_column_int(st, 2);
		copy_text(st, 3, out->area, sizeof out->area);
		out->sessions_planned = sqlite3_column_int(st, 4);
		out->interval_days = sqlite3_column_int(st, 5);
		out->started_at = sqlite3_column_int64(st, 6);
		out->sessions_done = sqlite3_column_int(st, 7);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? mk_err(MK_ENOTFOUND, "this patient has no course")
				       : store_sql_err(s, rc, "reading the course");
	}
	sqlite3_finalize(st);
	return rc;
}

/* The course's row id and patient; MK_ENOTFOUND when there is none. */
static int course_ids(store *s, const char *course_uuid, int64_t *id, int64_t *patient_id)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT id, patient_id FROM courses WHERE uuid=?",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "recording a session");
	sqlite3_bind_text(st, 1, course_uuid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*patient_id = sqlite3_column_int64(st, 1);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? mk_err(MK_ENOTFOUND, "no course %s", course_uuid)
				       : store_sql_err(s, rc, "recording a session");
	}
	sqlite3_finalize(st);
	return rc;
}

static int insert_session(store *s, int64_t course_id, int64_t now, char uuid[STORE_UUID_LEN + 1])
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "INSERT INTO sessions(uuid, course_id, done_at)"
				    " VALUES (?,?,?)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "recording a session");
	store_uuid(uuid);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, course_id);
	sqlite3_bind_int64(st, 3, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "recording a session");
}

int store_session_add(store *s, const char *course_uuid, int64_t now,
		      char uuid_out[STORE_UUID_LEN + 1])
{
	char uuid[STORE_UUID_LEN + 1];
	int64_t course_id = 0, patient_id = 0;
	int rc;
	if (!course_uuid)
		return mk_err(MK_EINVAL, "recording a session: no course given");
	if (now < 0 || now > STORE_TIME_MAX)
		return mk_err(MK_EINVAL, "recording a session: the clock is wrong");
	if ((rc = store_begin(s)) != 0)
		return rc;
	rc = course_ids(s, course_uuid, &course_id, &patient_id);
	if (!rc)
		rc = insert_session(s, course_id, now, uuid);
	if (!rc)
		rc = store_audit_patient(s, now, "staff", "session-done", patient_id);
	if (!rc)
		rc = store_commit(s);
	if (rc)
		store_rollback(s);
	else if (uuid_out)
		memcpy(uuid_out, uuid, sizeof uuid);
	return rc;
}

int store_session_done(store *s, const char *course_uuid, int64_t now)
{
	return store_session_add(s, course_uuid, now, NULL);
}

/* The session's course and patient; MK_ENOTFOUND when it is not there. */
static int session_ids(store *s, const char *uuid, int64_t *course_id, int64_t *patient_id)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT s.course_id, c.patient_id FROM sessions s"
				    " JOIN courses c ON c.id = s.course_id WHERE s.uuid=?",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "undoing a session");
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*course_id = sqlite3_column_int64(st, 0);
		*patient_id = sqlite3_column_int64(st, 1);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? mk_err(MK_ENOTFOUND, "that session is not recorded (undone"
						" already?)")
				       : store_sql_err(s, rc, "undoing a session");
	}
	sqlite3_finalize(st);
	return rc;
}

/* The session leaves for its tombstone, and the clinic is told. */
static int move_session(store *s, const char *uuid, int64_t now)
{
	static const char *const sql[] = {
		"INSERT INTO sessions_undone(uuid, course_id, done_at, undone_at)"
		" SELECT uuid, course_id, done_at, ?2 FROM sessions WHERE uuid=?1",
		"DELETE FROM sessions WHERE uuid=?1",
		"INSERT INTO outbox(record_uuid, kind, subject, priority, created_at)"
		" VALUES (?3, 'session-undone', ?1, 0, ?2)",
	};
	char item[STORE_UUID_LEN + 1];
	int rc = 0;
	store_uuid(item);
	for (size_t i = 0; i < sizeof sql / sizeof sql[0] && !rc; i++) {
		sqlite3_stmt *st;
		if ((rc = sqlite3_prepare_v2(s->db, sql[i], -1, &st, NULL)) != SQLITE_OK)
			return store_sql_err(s, rc, "undoing a session");
		sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
		if (sqlite3_bind_parameter_count(st) >= 2)
			sqlite3_bind_int64(st, 2, now);
		if (sqlite3_bind_parameter_count(st) >= 3)
			sqlite3_bind_text(st, 3, item, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		rc = rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "undoing a session");
	}
	return rc;
}

int store_session_undo(store *s, const char *session_uuid, int64_t now)
{
	int64_t course_id = 0, patient_id = 0;
	int rc;
	if (!session_uuid || strlen(session_uuid) != STORE_UUID_LEN)
		return mk_err(MK_EINVAL, "undoing a session: no session given");
	if (now < 0 || now > STORE_TIME_MAX)
		return mk_err(MK_EINVAL, "undoing a session: the clock is wrong");
	if ((rc = store_begin(s)) != 0)
		return rc;
	rc = session_ids(s, session_uuid, &course_id, &patient_id);
	if (!rc)
		rc = move_session(s, session_uuid, now);
	if (!rc)
		rc = store_audit_patient(s, now, "staff", "session-undone", patient_id);
	if (!rc)
		rc = store_commit(s);
	if (rc)
		store_rollback(s);
	return rc;
}

int store_session_count(store *s, const char *course_uuid, int *n)
{
	static const char sql[] =
		"SELECT count(*) FROM sessions WHERE course_id = (SELECT id FROM courses WHERE uuid=?)";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "counting sessions");
	sqlite3_bind_text(st, 1, course_uuid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : store_sql_err(s, rc, "counting sessions");
}

int store_session_last(store *s, const char *course_uuid, int64_t *at)
{
	static const char sql[] =
		"SELECT max(done_at) FROM sessions WHERE course_id = (SELECT id FROM courses WHERE uuid=?)";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), found = 0;
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "reading the last session");
	sqlite3_bind_text(st, 1, course_uuid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*at = sqlite3_column_int64(st, 0);
		found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_sql_err(s, rc, "reading the last session");
	return found ? 0 : mk_err(MK_ENOTFOUND, "no session done yet");
}
