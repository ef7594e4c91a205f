/* SPDX-License-Identifier: MIT */
/*
 * Keeping less. A kiosk is easier to steal than the clinic's server, so
 * what the clinic already has does not need to stay on it: a record the
 * collector has acknowledged (its outbox row is gone) leaves the kiosk once
 * it is older than the retention period (kiosk.conf kiosk_retention_days,
 * 90 by default). Two kinds of record stay, because patients use them on
 * the kiosk: the reports of each patient's latest course (their charts and
 * report list are drawn from them) and each patient's latest photo of each
 * body area (laid over the camera's picture so the next photo is taken
 * the same way). A record still waiting to be sent, or set aside, never
 * leaves: only the clinic's acknowledgement makes a record safe to drop.
 *
 * One transaction deletes the records (their reports, alerts and photos
 * rows go with them by foreign key) and writes one audit row; the photos'
 * files are removed after it commits, as for an erasure (a crash first
 * leaves files no row names, which store_open removes).
 */
#include "store_int.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>

/* The records that may go: ?1 is the cutoff time. */
#define GOING \
	" FROM records r WHERE r.created_at < ?1" \
	" AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.record_uuid = r.uuid)" \
	" AND NOT EXISTS (SELECT 1 FROM reports p WHERE p.record_id = r.id AND p.course_uuid =" \
	"  (SELECT c.uuid FROM courses c WHERE c.patient_id = r.patient_id" \
	"   ORDER BY c.started_at DESC, c.id DESC LIMIT 1))" \
	" AND NOT EXISTS (SELECT 1 FROM photos ph WHERE ph.record_id = r.id AND ph.id =" \
	"  (SELECT p2.id FROM photos p2 WHERE p2.patient_id = ph.patient_id AND p2.area = ph.area" \
	"   ORDER BY p2.created_at DESC, p2.id DESC LIMIT 1))"

/* The UUIDs of the photos among them, for their files; *out is the
 * caller's to free. */
static int going_photos(store *s, int64_t cutoff, char (**out)[STORE_UUID_LEN + 1], int *n)
{
	sqlite3_stmt *st;
	int cap = 0, rc = sqlite3_prepare_v2(s->db, "SELECT r.uuid" GOING " AND r.kind = 'photo'", -1,
					     &st, NULL);
	*out = NULL;
	*n = 0;
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "removing old records");
	sqlite3_bind_int64(st, 1, cutoff);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_bytes(st, 0) != STORE_UUID_LEN)
			continue;
		if (*n == cap) {
			void *more = realloc(*out, (size_t)(cap = cap ? 2 * cap : 16) * sizeof **out);
			if (!more) {
				sqlite3_finalize(st);
				return mk_err(MK_ENOMEM, "out of memory removing old records");
			}
			*out = more;
		}
		memcpy((*out)[(*n)++], sqlite3_column_text(st, 0), STORE_UUID_LEN + 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "removing old records");
}

static int delete_going(store *s, int64_t cutoff, int *removed)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "DELETE FROM records WHERE id IN (SELECT r.id" GOING ")",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "removing old records");
	sqlite3_bind_int64(st, 1, cutoff);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sql_err(s, rc, "removing old records");
	*removed = sqlite3_changes(s->db);
	return 0;
}

int store_retain(store *s, int64_t now, int days, int *removed)
{
	char (*photos)[STORE_UUID_LEN + 1] = NULL;
	int n_photos = 0, rc;
	int64_t cutoff = now - (int64_t)days * 86400;
	*removed = 0;
	if (days < 1)
		return mk_err(MK_EINVAL, "the retention period must be at least a day");
	if ((rc = store_begin(s)) != 0)
		return rc;
	rc = going_photos(s, cutoff, &photos, &n_photos);
	if (!rc)
		rc = delete_going(s, cutoff, removed);
	if (!rc && *removed)
		rc = store_audit_at(s, now, "kiosk", "records-retired", "");
	if (!rc)
		rc = store_commit(s);
	if (rc) {
		store_rollback(s);
		free(photos);
		*removed = 0;
		return rc;
	}
	store_photo_unlink(s, photos, n_photos);
	free(photos);
	if (*removed)
		mk_log(MK_LOG_INFO, "records_retired", "records=%d photos=%d days=%d", *removed,
		       n_photos, days);
	return 0;
}
