/* SPDX-License-Identifier: MIT */
/*
 * Calls for a member of staff (kind "call"): a patient on a kiosk's
 * red-flag screen asked for someone to come. A call is not a record:
 * nothing sealed, no course, only the kiosk, the kiosk's time and, when a
 * patient was signed in, their UUID and code, so staff know whom to look
 * for. It has a table of its own, staff_calls, which the live alerts page
 * reads at the top and whose counts are part of the alerts' version, so a
 * call shows on every open dashboard within seconds, from whichever
 * collector took it.
 *
 * Exactly once by UUID, like a record: a resend from the same kiosk is a
 * replay and changes nothing; the same UUID from another kiosk (or one a
 * record or erasure holds) is refused. A call is never refused for its
 * patient: a person is waiting. A patient this kiosk may not write for,
 * or one erased, is left out of the call, which is still stored; one the
 * collector has not heard of yet (the call overtakes the enrolment) is
 * kept as sent. An erasure later blanks the patient of their calls.
 */
#include "cstore_int.h"
#include "core.h"
#include <string.h>

#define CALL_UUID_TAKEN "this UUID names a call another kiosk sent"

/* 1 when the call names a patient this kiosk may not name: another
 * kiosk's (outside its group), or one erased. */
static int patient_hidden(cdb *db, const char *kiosk, const char *patient_uuid)
{
	int64_t v;
	int rc = cs_int(db, &v, "SELECT 1 FROM erased WHERE patient_uuid = $1 UNION ALL"
			" SELECT 1 FROM patients p WHERE p.uuid = $1 AND p.kiosk_id <> $2 AND NOT EXISTS"
			" (SELECT 1 FROM kiosks a, kiosks b WHERE a.id = p.kiosk_id AND b.id = $2"
			" AND a.kiosk_group <> '' AND a.kiosk_group = b.kiosk_group)", "tt",
			patient_uuid, kiosk);
	return rc == 0 ? 1 : rc == MK_ENOTFOUND ? 0 : rc;
}

/* 1 when this kiosk sent this call before (a replay), 0 when new, MK_EINVAL
 * (with *foreign) when another kiosk's call or any record holds the UUID. */
static int call_seen(cdb *db, const char *kiosk, const char *uuid, char reason[CSTORE_REASON],
		     int *foreign)
{
	cdb_stmt *st;
	int rc = cs_query(db, &st, "SELECT kiosk_id, 0 FROM staff_calls WHERE uuid = $1 UNION ALL"
			  " SELECT kiosk_id, 1 FROM records WHERE uuid = $1 UNION ALL"
			  " SELECT kiosk_id, 1 FROM erased WHERE request_uuid = $1", "t", uuid);
	if (!rc && (rc = cdb_step(st)) == 1) {
		int other = strcmp(cdb_col_text(st, 0), kiosk) != 0, record = cdb_col_int64(st, 1) != 0;
		*foreign = other;
		cs_copy(reason, CSTORE_REASON, other ? CALL_UUID_TAKEN : "this UUID names a different record");
		rc = other || record ? mk_err(MK_EINVAL, "call rejected: %s", reason) : 1;
	}
	cdb_finalize(st);
	return rc;
}

int cs_call_in_tx(cdb *db, const char *kiosk, const cstore_record *r, int64_t now,
		  char reason[CSTORE_REASON], int *foreign)
{
	const char *puuid = r->patient_uuid, *code = r->patient_code;
	int64_t changed = 0;
	int rc = call_seen(db, kiosk, r->uuid, reason, foreign);
	if (rc)
		return rc == 1 ? CSTORE_REPLAY : rc;
	if (puuid[0] && (rc = patient_hidden(db, kiosk, puuid)) != 0) {
		if (rc < 0)
			return rc;
		mk_log(MK_LOG_WARN, "call-patient-left-out", "kiosk=%s call=%s", kiosk, r->uuid);
		puuid = code = "";
	}
	rc = cs_run(db, &changed, "INSERT INTO staff_calls (uuid, kiosk_id, patient_uuid, patient_code,"
		    " created_at, received_at) VALUES ($1, $2, $3, $4, $5, $6)"
		    " ON CONFLICT (uuid) DO NOTHING", "ttttii", r->uuid, kiosk, puuid, code,
		    r->created_at, now);
	if (!rc && changed == 0)
		return CSTORE_RETRY; /* another connection stored it meanwhile */
	if (!rc)
		rc = cs_run(db, NULL, "UPDATE kiosks SET last_seen = CASE WHEN last_seen < $2"
			    " THEN $2 ELSE last_seen END WHERE id = $1", "ti", kiosk, now);
	if (!rc)
		mk_log(MK_LOG_INFO, "staff-call", "kiosk=%s call=%s", kiosk, r->uuid);
	return rc;
}

int cstore_calls(cstore *cs, int64_t since, cstore_call *out, int max, int *n)
{
	cdb_stmt *st;
	*n = 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT uuid, kiosk_id, patient_code, created_at, received_at,"
			  " answered_by, answered_at FROM staff_calls WHERE answered_at = 0"
			  " OR received_at >= $1 ORDER BY answered_at = 0 DESC, received_at DESC,"
			  " uuid LIMIT $2", "id", since, max);
	while (!rc && (rc = cdb_step(st)) == 1) {
		cstore_call *c = &out[(*n)++];
		memset(c, 0, sizeof *c);
		cs_copy(c->uuid, sizeof c->uuid, cdb_col_text(st, 0));
		cs_copy(c->kiosk, sizeof c->kiosk, cdb_col_text(st, 1));
		cs_copy(c->patient_code, sizeof c->patient_code, cdb_col_text(st, 2));
		c->created_at = cdb_col_int64(st, 3);
		c->received_at = cdb_col_int64(st, 4);
		cs_copy(c->answered_by, sizeof c->answered_by, cdb_col_text(st, 5));
		c->answered_at = cdb_col_int64(st, 6);
		rc = 0;
	}
	if (st)
		cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}

int cstore_call_answer(cstore *cs, const char *uuid, const char *user, int64_t now)
{
	int64_t v;
	if (!cs_valid_id(user))
		return mk_err(MK_EINVAL, "not a user name");
	cdb *db = cs_take(cs);
	int rc = cs_int(db, &v, "SELECT 1 FROM staff_calls WHERE uuid = $1", "t", uuid ? uuid : "");
	if (rc == MK_ENOTFOUND)
		rc = mk_err(MK_ENOTFOUND, "no such call");
	if (!rc)
		rc = cs_run(db, NULL, "UPDATE staff_calls SET answered_by = $2, answered_at = $3"
			    " WHERE uuid = $1 AND answered_at = 0", "tti", uuid, user, now);
	cs_give(cs, db);
	return rc;
}
