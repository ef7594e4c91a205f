/* SPDX-License-Identifier: MIT */
/*
 * Reading for the dashboard and the exports: patients with their counts,
 * courses with sessions, records and alerts as rows (what is in clear), the
 * acknowledgement of an alert (the first acknowledger is kept: INSERT ... ON
 * CONFLICT DO NOTHING), and the counts tests and the bench compare.
 * Encrypted parts are read only by cstore_open.c, which opens them.
 */
#include "cstore_int.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>

static void patient_row(cdb_stmt *st, cstore_patient *p)
{
	memset(p, 0, sizeof *p);
	cs_copy(p->uuid, sizeof p->uuid, cdb_col_text(st, 0));
	cs_copy(p->code, sizeof p->code, cdb_col_text(st, 1));
	cs_copy(p->kiosk, sizeof p->kiosk, cdb_col_text(st, 2));
	p->first_seen = cdb_col_int64(st, 3);
	p->last_record = cdb_col_int64(st, 4);
	p->reports = (int)cdb_col_int64(st, 5);
	p->photos = (int)cdb_col_int64(st, 6);
	p->alerts = (int)cdb_col_int64(st, 7);
	p->open_alerts = (int)cdb_col_int64(st, 8);
}

int cs_patient_rows(cdb_stmt *st, cstore_patient *out, int *n)
{
	int rc;
	while ((rc = cdb_step(st)) == 1)
		patient_row(st, &out[(*n)++]);
	cdb_finalize(st);
	return rc;
}

int cstore_patients(cstore *cs, cstore_patient *out, int max, int *n)
{
	cdb_stmt *st;
	*n = 0;
	if (max <= 0)
		return 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, CS_PATIENT_COLS " FROM (SELECT * FROM patients WHERE code <> ''"
			  " ORDER BY code, uuid LIMIT $1) p ORDER BY p.code, p.uuid", "d", max);
	if (!rc)
		rc = cs_patient_rows(st, out, n);
	cs_give(cs, db);
	return rc;
}

int cstore_patient_get(cstore *cs, const char *code_or_uuid, cstore_patient *out)
{
	cdb_stmt *st;
	if (!code_or_uuid || !*code_or_uuid)
		return mk_err(MK_ENOTFOUND, "no such patient");
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, CS_PATIENT_COLS " FROM patients p WHERE p.code <> '' AND (UPPER(p.code) = UPPER($1)"
			  " OR p.uuid = LOWER($1))", "t", code_or_uuid);
	if (!rc && (rc = cdb_step(st)) == 1) {
		patient_row(st, out);
		rc = 0;
	} else if (rc == 0) {
		rc = mk_err(MK_ENOTFOUND, "no such patient");
	}
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}

static int sessions_of(cdb *db, cstore_course *c)
{
	cdb_stmt *st;
	int rc = cs_query(db, &st, "SELECT uuid, done_at FROM sessions WHERE course_uuid = $1"
			  " AND undone_at = 0 ORDER BY done_at, uuid LIMIT $2", "td", c->uuid, CSTORE_MAX_SESSIONS);
	c->n_sessions = 0;
	while (!rc && (rc = cdb_step(st)) == 1) {
		cstore_session *s = &c->sessions[c->n_sessions++];
		cs_copy(s->uuid, sizeof s->uuid, cdb_col_text(st, 0));
		s->done_at = cdb_col_int64(st, 1);
		rc = 0;
	}
	cdb_finalize(st);
	return rc;
}

int cstore_courses(cstore *cs, const char *patient_uuid, cstore_course *out, int max, int *n)
{
	cdb_stmt *st;
	*n = 0;
	if (max <= 0)
		return 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT uuid, plan, grade, area, sessions_planned, interval_days,"
			  " started_at FROM courses WHERE patient_uuid = $1"
			  " ORDER BY started_at, uuid LIMIT $2", "td", patient_uuid, max);
	while (!rc && (rc = cdb_step(st)) == 1) {
		cstore_course *c = &out[(*n)++];
		memset(c, 0, sizeof *c);
		cs_copy(c->uuid, sizeof c->uuid, cdb_col_text(st, 0));
		cs_copy(c->plan, sizeof c->plan, cdb_col_text(st, 1));
		c->grade = (int)cdb_col_int64(st, 2);
		cs_copy(c->area, sizeof c->area, cdb_col_text(st, 3));
		c->sessions_planned = (int)cdb_col_int64(st, 4);
		c->interval_days = (int)cdb_col_int64(st, 5);
		c->started_at = cdb_col_int64(st, 6);
		rc = 0;
	}
	cdb_finalize(st);
	for (int i = 0; i < *n && !rc; i++)
		rc = sessions_of(db, &out[i]);
	cs_give(cs, db);
	return rc;
}

#define ROW_COLS \
	"SELECT r.uuid, r.kind, r.kiosk_id, r.patient_uuid, p.code, r.course_uuid, r.created_at," \
	" r.received_at, r.session, r.alert_level, r.area, r.width, r.height," \
	" COALESCE(a.user_name, ''), COALESCE(a.at, 0) FROM records r" \
	" JOIN patients p ON p.uuid = r.patient_uuid" \
	" LEFT JOIN alert_acks a ON a.uuid = r.uuid"

#define RECORDS_WHERE \
	" AND ($2 = '' OR r.kind = $2) AND r.created_at >= $3 AND ($4 = 0 OR r.created_at < $4)" \
	" ORDER BY r.created_at, r.uuid LIMIT $5"

static int rows(cdb_stmt *st, cstore_row *out, int *n)
{
	int rc;
	while ((rc = cdb_step(st)) == 1) {
		cstore_row *w = &out[(*n)++];
		memset(w, 0, sizeof *w);
		cs_copy(w->uuid, sizeof w->uuid, cdb_col_text(st, 0));
		cs_copy(w->kind, sizeof w->kind, cdb_col_text(st, 1));
		cs_copy(w->kiosk, sizeof w->kiosk, cdb_col_text(st, 2));
		cs_copy(w->patient_uuid, sizeof w->patient_uuid, cdb_col_text(st, 3));
		cs_copy(w->patient_code, sizeof w->patient_code, cdb_col_text(st, 4));
		cs_copy(w->course_uuid, sizeof w->course_uuid, cdb_col_text(st, 5));
		w->created_at = cdb_col_int64(st, 6);
		w->received_at = cdb_col_int64(st, 7);
		w->session = (int)cdb_col_int64(st, 8);
		w->alert_level = (int)cdb_col_int64(st, 9);
		w->area = (int)cdb_col_int64(st, 10);
		w->width = (int)cdb_col_int64(st, 11);
		w->height = (int)cdb_col_int64(st, 12);
		cs_copy(w->acked_by, sizeof w->acked_by, cdb_col_text(st, 13));
		w->acked_at = cdb_col_int64(st, 14);
	}
	cdb_finalize(st);
	return rc;
}

int cstore_records(cstore *cs, const char *patient_uuid, const char *kind, int64_t from,
		   int64_t to, cstore_row *out, int max, int *n)
{
	cdb_stmt *st;
	*n = 0;
	if (max <= 0)
		return 0;
	cdb *db = cs_take(cs);
	/* One patient's records through the index on (patient_uuid, ...):
	 * SQLite plans "$1 = '' OR r.patient_uuid = $1" as a scan of every
	 * record, so the two cases are two statements. */
	int one = patient_uuid && *patient_uuid;
	int rc = cs_query(db, &st, one ? ROW_COLS " WHERE r.patient_uuid = $1" RECORDS_WHERE
				       : ROW_COLS " WHERE $1 = ''" RECORDS_WHERE,
			  "ttiid", one ? patient_uuid : "", kind ? kind : "", from, to, max);
	if (!rc)
		rc = rows(st, out, n);
	cs_give(cs, db);
	return rc;
}

int cstore_alerts(cstore *cs, int64_t since, cstore_row *out, int max, int *n)
{
	cdb_stmt *st;
	*n = 0;
	if (max <= 0)
		return 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, ROW_COLS " WHERE r.kind = 'alert' AND r.created_at >= $1"
			  " ORDER BY r.created_at DESC, r.uuid DESC LIMIT $2", "id", since, max);
	if (!rc)
		rc = rows(st, out, n);
	cs_give(cs, db);
	return rc;
}

int cstore_alert_ack(cstore *cs, const char *uuid, const char *user, int64_t now)
{
	int64_t v;
	if (!cs_valid_id(user))
		return mk_err(MK_EINVAL, "not a user name");
	cdb *db = cs_take(cs);
	int rc = cs_int(db, &v, "SELECT 1 FROM records WHERE uuid = $1 AND kind = 'alert'", "t",
			uuid ? uuid : "");
	if (rc == MK_ENOTFOUND)
		rc = mk_err(MK_ENOTFOUND, "no such alert");
	if (!rc)
		rc = cs_run(db, NULL, "INSERT INTO alert_acks (uuid, user_name, at) VALUES ($1, $2, $3)"
			    " ON CONFLICT (uuid) DO NOTHING", "tti", uuid, user, now);
	cs_give(cs, db);
	return rc;
}

int cstore_photo_file(cstore *cs, const char *uuid, int which, uint8_t **bytes, size_t *n)
{
	cdb_stmt *st;
	*bytes = NULL;
	*n = 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT f.bytes FROM photo_files f JOIN records r"
			  " ON r.uuid = f.uuid AND r.kiosk_id = f.kiosk_id"
			  " WHERE f.uuid = $1 AND f.part = $2",
			  "td", uuid ? uuid : "", which);
	if (!rc && (rc = cdb_step(st)) == 1) {
		size_t len = 0;
		const uint8_t *b = cdb_col_blob(st, 0, &len);
		rc = !len ? mk_err(MK_EIO, "photo %s: its file is empty or unreadable", uuid)
		     : !(*bytes = malloc(len)) ? mk_err(MK_ENOMEM, "out of memory reading a photo")
					       : 0;
		if (!rc) {
			memcpy(*bytes, b, len);
			*n = len;
		}
	} else if (rc == 0) {
		rc = mk_err(MK_ENOTFOUND, "no such photo file");
	}
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}

int cstore_counts(cstore *cs, int64_t *records, int64_t *photo_files)
{
	cdb *db = cs_take(cs);
	int rc = cs_int(db, records, "SELECT COUNT(*) FROM records", NULL);
	if (!rc)
		rc = cs_int(db, photo_files, "SELECT COUNT(*) FROM photo_files", NULL);
	cs_give(cs, db);
	return rc;
}
