/* SPDX-License-Identifier: MIT */
/*
 * The audit log: who did what when — a patient signed in, staff reset a
 * PIN, a report was saved — so the clinic can answer "who touched this
 * patient's data" without the log itself becoming health data. The shape
 * enforces that: an actor from a fixed list, an action made of lower-case
 * words, and a subject that can only be empty, a patient code or a UUID.
 * Free text has nowhere to go. The store writes its own rows inside the
 * transaction of the action they describe, so an action and its audit row
 * are saved together or not at all.
 *
 * Staff rows name the member of staff whose PIN opened staff mode
 * ("staff:nadia", store_set_staff) when their PIN has a name, so the
 * clinic can ask the right person about a session recorded by mistake;
 * a name is a short handle of a fixed shape, so it cannot carry a
 * patient's name or code either.
 *
 * Erasure keeps the rows (that something happened stays true) but takes the
 * patient out of them: rows naming their code, records or courses are given
 * the erasure request's UUID as subject instead (store_audit_forget).
 */
#include "store_int.h"
#include "core.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define ACTION_MAX 31 /* store_audit_entry.action holds 32 */

static int name_shape(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	char code[STORE_CODE_LEN + 1];
	if (n == 0 || n > STORE_STAFF_NAME_MAX || !islower((unsigned char)name[0]) ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
		return -1;
	return store_code_norm(name, code) == 0 ? -2 : 0; /* a patient's code is no name */
}

int store_staff_name_ok(const char *name)
{
	int shape = name_shape(name);
	if (shape == -2)
		return mk_err(MK_EINVAL, "a staff name must not look like a patient code: "
			      "use a short handle such as 'nadia' or 'desk2'");
	if (shape)
		return mk_err(MK_EINVAL, "a staff name is 1 to %d lower-case letters, digits or '-',"
			      " starting with a letter (such as 'nadia' or 'desk2'), never a"
			      " patient's name or code", STORE_STAFF_NAME_MAX);
	return 0;
}

int store_set_staff(store *s, const char *name)
{
	if (name && *name && store_staff_name_ok(name) != 0)
		return MK_EINVAL;
	if (!s) /* no data folder: nothing is written in anyone's name */
		return 0;
	snprintf(s->staff, sizeof s->staff, "%s", name ? name : "");
	return 0;
}

static int actor_ok(const char *actor)
{
	if (actor && !strncmp(actor, "staff:", 6))
		return name_shape(actor + 6) == 0;
	return actor && (strcmp(actor, "patient") == 0 || strcmp(actor, "staff") == 0 ||
			 strcmp(actor, "kiosk") == 0);
}

/* "staff" becomes the member of staff who opened staff mode, if named. */
static const char *who(store *s, const char *actor, char buf[8 + STORE_STAFF_NAME_MAX])
{
	if (!actor || strcmp(actor, "staff") || !s->staff[0])
		return actor;
	snprintf(buf, 8 + STORE_STAFF_NAME_MAX, "staff:%s", s->staff);
	return buf;
}

static int action_ok(const char *action)
{
	size_t n = action ? strlen(action) : 0;
	if (n == 0 || n > ACTION_MAX)
		return 0;
	return strspn(action, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* A record UUID, lower-cased into out; 0 if it has that shape. */
static int uuid_norm(const char *in, char out[STORE_UUID_LEN + 1])
{
	if (strlen(in) != STORE_UUID_LEN)
		return -1;
	for (int i = 0; i < STORE_UUID_LEN; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? in[i] != '-' : !isxdigit((unsigned char)in[i]))
			return -1;
		out[i] = (char)tolower((unsigned char)in[i]);
	}
	out[STORE_UUID_LEN] = 0;
	return 0;
}

/* "", a patient code (upper-cased) or a UUID (lower-cased); else -1. */
static int subject_norm(const char *in, char out[STORE_UUID_LEN + 1])
{
	if (!in || !*in) {
		out[0] = 0;
		return 0;
	}
	return store_code_norm(in, out) == 0 || uuid_norm(in, out) == 0 ? 0 : -1;
}

int store_audit_at(store *s, int64_t at, const char *actor, const char *action,
		   const char *subject)
{
	static const char sql[] = "INSERT INTO audit(at, actor, action, subject) VALUES (?,?,?,?)";
	char subj[STORE_UUID_LEN + 1], named[8 + STORE_STAFF_NAME_MAX];
	sqlite3_stmt *st;
	int rc;
	actor = who(s, actor, named);
	if (!actor_ok(actor) || !action_ok(action) || subject_norm(subject, subj) != 0)
		return mk_err(MK_EINVAL, "audit: the actor must be patient, staff (staff:NAME) or"
			      " kiosk, the action lower-case words, the subject a code, a UUID or"
			      " empty");
	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return store_sql_err(s, rc, "writing the audit log");
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_text(st, 2, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, subj, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "writing the audit log");
}

int store_audit_patient(store *s, int64_t at, const char *actor, const char *action,
			int64_t id)
{
	static const char sql[] = "INSERT INTO audit(at, actor, action, subject)"
				  " SELECT ?, ?, ?, code FROM patients WHERE id=?";
	char named[8 + STORE_STAFF_NAME_MAX];
	sqlite3_stmt *st;
	int rc;
	actor = who(s, actor, named);
	if (!actor_ok(actor) || !action_ok(action))
		return mk_err(MK_EINVAL, "audit: bad actor or action");
	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return store_sql_err(s, rc, "writing the audit log");
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_text(st, 2, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "writing the audit log");
}

int store_audit_forget(store *s, int64_t patient_id, const char *request_uuid)
{
	static const char sql[] =
		"UPDATE audit SET subject=?2 WHERE subject IN"
		" (SELECT code FROM patients WHERE id=?1"
		"  UNION ALL SELECT uuid FROM records WHERE patient_id=?1"
		"  UNION ALL SELECT uuid FROM courses WHERE patient_id=?1)";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "erasing a patient");
	sqlite3_bind_int64(st, 1, patient_id);
	sqlite3_bind_text(st, 2, request_uuid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "erasing a patient");
}

int store_audit(store *s, const char *actor, const char *action, const char *subject)
{
	return store_unsaved(store_audit_at(s, (int64_t)time(NULL), actor, action, subject),
			     "the audit entry was not saved");
}

static void copy_text(sqlite3_stmt *st, int col, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

/* Newest first by insertion, not by `at`: a clock set back must not hide
 * what happened last. */
int store_audit_list(store *s, store_audit_entry *out, int max, int *n)
{
	static const char sql[] =
		"SELECT at, actor, action, subject FROM audit ORDER BY id DESC LIMIT ?";
	sqlite3_stmt *st;
	int rc;
	*n = 0;
	if (max < 0)
		return mk_err(MK_EINVAL, "audit: a negative count");
	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return store_sql_err(s, rc, "reading the audit log");
	sqlite3_bind_int(st, 1, max);
	rc = SQLITE_DONE;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_audit_entry *e = &out[(*n)++];
		memset(e, 0, sizeof *e);
		e->at = sqlite3_column_int64(st, 0);
		copy_text(st, 1, e->actor, sizeof e->actor);
		copy_text(st, 2, e->action, sizeof e->action);
		copy_text(st, 3, e->subject, sizeof e->subject);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_sql_err(s, rc, "reading the audit log");
}
