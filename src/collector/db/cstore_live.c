/* SPDX-License-Identifier: MIT */
/*
 * What the live alerts page watches: a short text that changes whenever an
 * alert or a call for staff arrives, is acknowledged (answered) or is
 * erased, on any collector sharing the database. Two counts and a time from small indexed reads, so each
 * collector can ask once a second while someone has the page open (the
 * alerts' own index, records_alerts, serves the first).
 */
#include "cstore_int.h"
#include "core.h"
#include <stdio.h>
#include <string.h>

/* Calls for staff: how many arrived and how many were answered. The table
 * holds a few calls a day, so counting it whole stays small. */
static int call_version(cdb *db, char out[CSTORE_VERSION])
{
	cdb_stmt *st = NULL;
	int rc = cs_query(db, &st, "SELECT COUNT(*), COUNT(CASE WHEN answered_at > 0 THEN 1 END)"
			  " FROM staff_calls", NULL);
	if (!rc && (rc = cdb_step(st)) == 1) {
		size_t len = strlen(out);
		snprintf(out + len, CSTORE_VERSION - len, ".%lld.%lld", (long long)cdb_col_int64(st, 0),
			 (long long)cdb_col_int64(st, 1));
		rc = 0;
	} else if (rc == 0) {
		rc = mk_err(MK_EIO, "no answer counting calls");
	}
	if (st)
		cdb_finalize(st);
	return rc;
}

int cstore_alert_version(cstore *cs, char out[CSTORE_VERSION])
{
	cdb_stmt *st = NULL;
	int64_t acks = 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, CS_ALERT_VERSION, NULL);
	out[0] = 0;
	if (!rc && (rc = cdb_step(st)) == 1) {
		snprintf(out, CSTORE_VERSION, "%lld.%lld", (long long)cdb_col_int64(st, 0),
			 (long long)cdb_col_int64(st, 1));
		rc = 0;
	} else if (rc == 0) {
		rc = mk_err(MK_EIO, "no answer counting alerts");
	}
	if (st)
		cdb_finalize(st);
	if (!rc && (rc = cs_int(db, &acks, "SELECT COUNT(*) FROM alert_acks", NULL)) == 0) {
		size_t len = strlen(out);
		snprintf(out + len, CSTORE_VERSION - len, ".%lld", (long long)acks);
	}
	if (!rc)
		rc = call_version(db, out);
	cs_give(cs, db);
	return rc;
}
