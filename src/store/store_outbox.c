/* SPDX-License-Identifier: MIT */
/*
 * The outbox: what the clinic's collector has not yet acknowledged. A row is
 * written in the same transaction as its record (store_crypto.c) or request
 * (an erasure, store_patient.c), and removed only when the collector acks
 * its UUID, so a retry never duplicates and a failure never loses. Alerts
 * carry a higher priority and leave first. A row the collector refuses for
 * good is set aside with a reason, kept for staff, and no longer sent.
 *
 * The sync worker notes each failed try on the row (attempts, last_error,
 * for staff) and acknowledges a whole batch in one transaction: one sync
 * to disk per batch instead of one per item, which is most of the time a
 * large backlog takes to drain.
 */
#include "store_int.h"
#include "core.h"
#include <stdio.h>
#include <string.h>

static void copy_text(sqlite3_stmt *st, int col, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

static void read_item(sqlite3_stmt *st, store_outbox_item *it)
{
	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	copy_text(st, 1, it->uuid, sizeof it->uuid);
	copy_text(st, 2, it->kind, sizeof it->kind);
	copy_text(st, 3, it->subject, sizeof it->subject);
	it->priority = sqlite3_column_int(st, 4);
	it->created_at = sqlite3_column_int64(st, 5);
	it->attempts = sqlite3_column_int(st, 6);
}

int store_outbox_next(store *s, int max, store_outbox_item *items, int *n)
{
	static const char sql[] =
		"SELECT id, record_uuid, kind, subject, priority, created_at, attempts"
		" FROM outbox WHERE set_aside_reason IS NULL"
		" ORDER BY priority DESC, id LIMIT ?";
	sqlite3_stmt *st;
	int rc;
	*n = 0;
	if (max < 0)
		return mk_err(MK_EINVAL, "outbox: a negative count");
	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return store_sql_err(s, rc, "reading the outbox");
	sqlite3_bind_int(st, 1, max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
		read_item(st, &items[(*n)++]);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_sql_err(s, rc, "reading the outbox");
}

/* Steps a one-row change on the outbox; MK_ENOTFOUND when nothing matched. */
static int change_one(store *s, sqlite3_stmt *st, const char *uuid, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sql_err(s, rc, what);
	return sqlite3_changes(s->db) ? 0 : mk_err(MK_ENOTFOUND, "%s: %s is not in the outbox",
						   what, uuid);
}

int store_outbox_ack(store *s, const char *uuid)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "DELETE FROM outbox WHERE record_uuid=?", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "acknowledging");
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	return change_one(s, st, uuid, "acknowledging");
}

int store_outbox_set_aside(store *s, const char *uuid, const char *reason)
{
	sqlite3_stmt *st;
	int rc;
	if (!reason || !*reason)
		return mk_err(MK_EINVAL, "setting aside %s: give a reason", uuid);
	rc = sqlite3_prepare_v2(s->db, "UPDATE outbox SET set_aside_reason=? WHERE record_uuid=?",
				-1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "setting aside");
	sqlite3_bind_text(st, 1, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, uuid, -1, SQLITE_STATIC);
	return change_one(s, st, uuid, "setting aside");
}

int store_outbox_counts(store *s, int *waiting, int *set_aside)
{
	static const char sql[] =
		"SELECT count(*) - count(set_aside_reason), count(set_aside_reason) FROM outbox";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "counting the outbox");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*waiting = sqlite3_column_int(st, 0);
		*set_aside = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : store_sql_err(s, rc, "counting the outbox");
}

/* ---- What the sync worker records, and what staff see (schema v5). */

int store_outbox_ack_list(store *s, const char *const *uuids, int n, int *acked)
{
	sqlite3_stmt *st;
	int rc;
	*acked = 0;
	if (n <= 0)
		return 0;
	if ((rc = store_begin(s)) != 0)
		return rc;
	if ((rc = sqlite3_prepare_v2(s->db, "DELETE FROM outbox WHERE record_uuid=?", -1, &st,
				     NULL)) != SQLITE_OK) {
		store_rollback(s);
		return store_sql_err(s, rc, "acknowledging");
	}
	for (int i = 0; i < n && rc == SQLITE_OK; i++) {
		sqlite3_bind_text(st, 1, uuids[i], -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) == SQLITE_DONE) {
			*acked += sqlite3_changes(s->db);
			rc = SQLITE_OK;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK && *acked > 0)
		rc = sqlite3_exec(s->db, "UPDATE sync_state SET last_sent ="
				  " CAST(strftime('%s', 'now') AS INTEGER)", NULL, NULL, NULL);
	rc = rc == SQLITE_OK ? store_commit(s) : store_sql_err(s, rc, "acknowledging");
	if (rc) {
		store_rollback(s);
		*acked = 0;
	}
	return rc;
}

int store_outbox_last_sent(store *s, int64_t *at)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT last_sent FROM sync_state", -1, &st, NULL);
	*at = 0;
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "reading when the clinic last acknowledged");
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*at = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
	       : store_sql_err(s, rc, "reading when the clinic last acknowledged");
}

int store_outbox_attempt(store *s, const char *uuid, const char *error)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "UPDATE outbox SET attempts=attempts+1, last_error=?"
				    " WHERE record_uuid=?", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "noting a failed try");
	sqlite3_bind_text(st, 1, error ? error : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, uuid, -1, SQLITE_STATIC);
	return change_one(s, st, uuid, "noting a failed try");
}

int store_outbox_aside_list(store *s, store_outbox_aside *out, int max, int *n)
{
	/* The record's own kind (report, alert, photo) says more to staff
	 * than the outbox's "record". */
	static const char sql[] =
		"SELECT o.record_uuid, coalesce(r.kind, o.kind), o.created_at, o.attempts,"
		" o.set_aside_reason FROM outbox o LEFT JOIN records r ON r.uuid = o.record_uuid"
		" WHERE o.set_aside_reason IS NOT NULL ORDER BY o.created_at DESC, o.id DESC LIMIT ?";
	sqlite3_stmt *st;
	int rc;
	*n = 0;
	if (max < 0)
		return mk_err(MK_EINVAL, "outbox: a negative count");
	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return store_sql_err(s, rc, "listing what was set aside");
	sqlite3_bind_int(st, 1, max);
	rc = SQLITE_DONE;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_outbox_aside *a = &out[(*n)++];
		memset(a, 0, sizeof *a);
		copy_text(st, 0, a->uuid, sizeof a->uuid);
		copy_text(st, 1, a->kind, sizeof a->kind);
		a->created_at = sqlite3_column_int64(st, 2);
		a->attempts = sqlite3_column_int(st, 3);
		copy_text(st, 4, a->reason, sizeof a->reason);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0
		: store_sql_err(s, rc, "listing what was set aside");
}

int store_outbox_retry_aside(store *s, int *n)
{
	int rc = store_exec(s, "UPDATE outbox SET set_aside_reason=NULL"
			    " WHERE set_aside_reason IS NOT NULL", "putting items back in the queue");
	*n = rc ? 0 : sqlite3_changes(s->db);
	return rc;
}
