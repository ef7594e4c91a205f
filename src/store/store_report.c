/* SPDX-License-Identifier: MIT */
/*
 * Symptom reports and red-flag alerts (schema v3). A report is an encrypted
 * record of kind "report" plus a row in `reports` that places it in the
 * course (which course, after how many sessions) and says whether it
 * raised an alert. An alert is a second encrypted record, kind "alert",
 * with its own key and content (what triggered it), queued at
 * STORE_PRIORITY_ALERT so it leaves before anything else, plus a row in
 * `alerts` that keeps in clear only who and when, so staff mode can list
 * today's alerts with no key at hand.
 *
 * Everything one report writes — both records, both outbox rows, the
 * reports and alerts rows and the audit rows — is one transaction: the
 * clinic never gets an alert for a report the kiosk lost, nor a report
 * without its alert. Erasing the patient takes all of it (the rows cascade
 * from records, and store_patient_erase deletes the records' outbox rows).
 */
#include "store_int.h"
#include "core.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static int check_report(const store_report *r)
{
	if (!r || !r->clinic_pk || !r->patient_key || !r->json)
		return mk_err(MK_EINVAL, "a report needs both keys and its content");
	if (!mk_utf8_valid(r->json, strlen(r->json)))
		return mk_err(MK_EINVAL, "a report must be UTF-8");
	if (r->session < 0 || r->alert_level < 0)
		return mk_err(MK_EINVAL, "a report's session and alert level cannot be negative");
	if (r->session > STORE_SESSION_MAX || r->alert_level > STORE_ALERT_LEVEL_MAX)
		return mk_err(MK_EINVAL, "a report follows session %d at most, with an alert level"
			      " of %d at most", STORE_SESSION_MAX, STORE_ALERT_LEVEL_MAX);
	if (r->alert_level > 0 && (!r->alert_json || !mk_utf8_valid(r->alert_json,
								      strlen(r->alert_json))))
		return mk_err(MK_EINVAL, "an alert needs its content, in UTF-8");
	return 0;
}

static int insert_report_row(store *s, int64_t record_id, const store_report *r)
{
	static const char sql[] =
		"INSERT INTO reports(record_id, course_uuid, session, alert_level) VALUES (?,?,?,?)";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "saving a report");
	sqlite3_bind_int64(st, 1, record_id);
	if (r->course_uuid)
		sqlite3_bind_text(st, 2, r->course_uuid, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int(st, 3, r->session);
	sqlite3_bind_int(st, 4, r->alert_level);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "saving a report");
}

static int insert_alert_row(store *s, int64_t record_id, const store_report *r, int64_t now)
{
	static const char sql[] =
		"INSERT INTO alerts(record_id, patient_id, level, created_at) VALUES (?,?,?,?)";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "saving an alert");
	sqlite3_bind_int64(st, 1, record_id);
	sqlite3_bind_int64(st, 2, r->patient_id);
	sqlite3_bind_int(st, 3, r->alert_level);
	sqlite3_bind_int64(st, 4, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "saving an alert");
}

/* The alert's writes; the kiosk's rule raised it, hence actor "kiosk". */
static int save_alert(store *s, const store_report *r, const store_sealed *alert, int64_t now)
{
	int64_t rec_id = 0;
	int rc = store_sealed_insert(s, alert, r->patient_id, "alert", STORE_PRIORITY_ALERT,
				     now, &rec_id);
	if (!rc)
		rc = insert_alert_row(s, rec_id, r, now);
	return rc ? rc : store_audit_at(s, now, "kiosk", "alert-raised", store_sealed_uuid(alert));
}

static int save_report(store *s, const store_report *r, const store_sealed *rep,
		       const store_sealed *alert)
{
	int64_t now = (int64_t)time(NULL), rec_id = 0;
	int rc = store_begin(s);
	if (rc)
		return rc;
	rc = store_sealed_insert(s, rep, r->patient_id, "report", STORE_PRIORITY_RECORD, now, &rec_id);
	if (!rc)
		rc = insert_report_row(s, rec_id, r);
	if (!rc)
		rc = store_audit_at(s, now, "patient", "report-saved", store_sealed_uuid(rep));
	if (!rc && alert)
		rc = save_alert(s, r, alert, now);
	if (!rc)
		rc = store_commit(s);
	if (rc)
		store_rollback(s);
	return rc;
}

int store_report_add(store *s, const store_report *r, char uuid_out[STORE_UUID_LEN + 1])
{
	static const char unsaved[] = "the report was not saved";
	store_sealed *rep = NULL, *alert = NULL;
	int rc = check_report(r);
	if (rc || (rc = store_check_space(s, unsaved)) != 0)
		return rc;
	rc = store_seal(&rep, r->clinic_pk, r->patient_key, r->json, strlen(r->json));
	if (!rc && r->alert_level > 0)
		rc = store_seal(&alert, r->clinic_pk, r->patient_key, r->alert_json,
				strlen(r->alert_json));
	if (!rc)
		rc = save_report(s, r, rep, alert);
	if (!rc)
		memcpy(uuid_out, store_sealed_uuid(rep), STORE_UUID_LEN + 1);
	store_sealed_free(rep);
	store_sealed_free(alert);
	return store_unsaved(rc, unsaved);
}

/* ---- Lists */

static void copy_text(sqlite3_stmt *st, int col, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

int store_report_list(store *s, int64_t patient_id, store_report_info *out, int max, int *n)
{
	static const char sql[] =
		"SELECT r.uuid, r.created_at, p.session, p.alert_level"
		" FROM reports p JOIN records r ON r.id = p.record_id"
		" WHERE r.patient_id=? ORDER BY r.created_at, p.id LIMIT ?";
	sqlite3_stmt *st;
	int rc;
	*n = 0;
	if (max < 0)
		return mk_err(MK_EINVAL, "reports: a negative count");
	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return store_sql_err(s, rc, "listing reports");
	sqlite3_bind_int64(st, 1, patient_id);
	sqlite3_bind_int(st, 2, max);
	rc = SQLITE_DONE;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_report_info *it = &out[(*n)++];
		memset(it, 0, sizeof *it);
		copy_text(st, 0, it->uuid, sizeof it->uuid);
		it->created_at = sqlite3_column_int64(st, 1);
		it->session = sqlite3_column_int(st, 2);
		it->alert_level = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_sql_err(s, rc, "listing reports");
}

int store_alerts_since(store *s, int64_t since, store_alert_info *out, int max, int *n)
{
	static const char sql[] =
		"SELECT p.code, a.created_at, a.level FROM alerts a JOIN patients p"
		" ON p.id = a.patient_id WHERE a.created_at >= ?"
		" ORDER BY a.created_at DESC, a.id DESC LIMIT ?";
	sqlite3_stmt *st;
	int rc;
	*n = 0;
	if (max < 0)
		return mk_err(MK_EINVAL, "alerts: a negative count");
	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return store_sql_err(s, rc, "listing alerts");
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int(st, 2, max);
	rc = SQLITE_DONE;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_alert_info *it = &out[(*n)++];
		memset(it, 0, sizeof *it);
		copy_text(st, 0, it->code, sizeof it->code);
		it->at = sqlite3_column_int64(st, 1);
		it->level = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_sql_err(s, rc, "listing alerts");
}
