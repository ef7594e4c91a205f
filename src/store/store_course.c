/* SPDX-License-Identifier: MIT */
/*
 * Courses and sessions. A course is the plan staff start for a patient
 * (plan name, cellulite grade, area, sessions planned, interval); a session
 * row is one treatment done. They stay in clear (issue 4: dates, session
 * count and grade are not the sensitive part) so "session 4 of 12" shows
 * before any key is at hand. Each has a kiosk-made UUID like every record.
 */
#include "store_int.h"
#include "core.h"
#include <stdio.h>
#include <string.h>

static int fits(const char *text, size_t field)
{
	return text && *text && strlen(text) < field;
}

int store_course_start(store *s, int64_t patient_id, const store_course *c,
		       char uuid_out[STORE_UUID_LEN + 1])
{
	static const char sql[] =
		"INSERT INTO courses(uuid, patient_id, plan, grade, area, sessions_planned,"
		" interval_days, started_at) VALUES (?,?,?,?,?,?,?,?)";
	char uuid[STORE_UUID_LEN + 1];
	sqlite3_stmt *st;
	int rc;
	if (!fits(c->plan, sizeof c->plan) || !fits(c->area, sizeof c->area) ||
	    c->sessions_planned < 1 || c->interval_days < 1)
		return mk_err(MK_EINVAL, "a course needs a plan, an area, at least one session"
			      " and an interval of at least one day");
	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return store_sql_err(s, rc, "starting a course");
	store_uuid(uuid);
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
	if (rc != SQLITE_DONE)
		return store_sql_err(s, rc, "starting a course");
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

int store_session_done(store *s, const char *course_uuid, int64_t now)
{
	static const char sql[] =
		"INSERT INTO sessions(uuid, course_id, done_at)"
		" SELECT ?, id, ? FROM courses WHERE uuid=?";
	char uuid[STORE_UUID_LEN + 1];
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "recording a session");
	store_uuid(uuid);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_text(st, 3, course_uuid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sql_err(s, rc, "recording a session");
	return sqlite3_changes(s->db) ? 0 : mk_err(MK_ENOTFOUND, "no course %s", course_uuid);
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
