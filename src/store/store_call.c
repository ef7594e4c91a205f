/* SPDX-License-Identifier: MIT */
/*
 * Calls for a member of staff: a patient on the red-flag screen asked for
 * someone to come to the kiosk. A call is an outbox item of kind "call"
 * with its own UUID, no record and nothing sealed, sent ahead of
 * everything else (STORE_PRIORITY_CALL: a person is waiting). It names
 * the signed-in patient by their UUID as subject, and its wire form
 * (store_wire.c) adds their code, read when it is sent: staff coming to
 * the kiosk need to know whom to look for, and the code is what every
 * record already carries in clear over the same authenticated channel.
 * No symptom, answer or alert level goes with it: the alert itself
 * travels as its own sealed record. A patient erased meanwhile leaves a
 * call without a patient, still worth answering.
 *
 * The outbox row and the audit row ("patient", "call-staff", the code)
 * are written in one transaction.
 */
#include "store_int.h"
#include "core.h"
#include <stdio.h>

static int queue_call(store *s, const char *norm, int64_t now, const char *uuid)
{
	static const char sql[] =
		"INSERT INTO outbox(record_uuid, kind, subject, priority, created_at)"
		" VALUES (?1, 'call', (SELECT uuid FROM patients WHERE code=?2), ?3, ?4)";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "calling staff");
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, norm, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, STORE_PRIORITY_CALL);
	sqlite3_bind_int64(st, 4, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "calling staff");
}

int store_call_add(store *s, const char *code, int64_t now, char uuid_out[STORE_UUID_LEN + 1])
{
	char norm[STORE_CODE_LEN + 1] = "";
	int rc;
	uuid_out[0] = 0;
	if (code && *code && store_code_norm(code, norm) != 0)
		return mk_err(MK_EINVAL, "calling staff: not a patient code");
	if (now < 0 || now > STORE_TIME_MAX)
		return mk_err(MK_EINVAL, "calling staff: the time is out of range");
	if ((rc = store_begin(s)) != 0)
		return rc;
	store_uuid(uuid_out);
	rc = queue_call(s, norm, now, uuid_out);
	if (!rc)
		rc = store_audit_at(s, now, "patient", "call-staff", norm);
	if (!rc)
		rc = store_commit(s);
	if (rc) {
		store_rollback(s);
		uuid_out[0] = 0;
	}
	return rc;
}
