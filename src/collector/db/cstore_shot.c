/* SPDX-License-Identifier: MIT */
/*
 * What each kiosk says of its content, and remote screenshots
 * (cstore_content.h).
 *
 * A kiosk's content state is one row per kiosk, replaced by each
 * heartbeat that carries it: only the latest word counts. The dashboard's
 * list puts beside it the version the collector wants the kiosk on, worked
 * out in the same query as cstore_kiosk_target does for one kiosk.
 *
 * A screenshot is asked for by a user and answered once by the kiosk it
 * was asked of, with a PNG or the reason it refused (a patient signed in,
 * a staff screen). The id is random, so it names a request without
 * telling anyone else's; a kiosk answering another kiosk's id is told
 * "not found", the same as for an id that never was. Pictures are for a
 * look now, not a record: a new request removes those asked more than
 * SHOT_KEEP ago, answered or not, so they never pile up (8 MiB each).
 */
#include "cstore_int.h"
#include "cstore_content.h"
#include "core.h"
#include "crypto.h"
#include <stdlib.h>
#include <string.h>

#define SHOT_KEEP (7 * 24 * 3600)

static int state_ok(const char *s)
{
	static const char *const states[] = { "showing", "pending", "downloading", "waiting",
		"rejected" };
	for (size_t i = 0; s && i < sizeof states / sizeof states[0]; i++)
		if (!strcmp(s, states[i]))
			return 1;
	return 0;
}

int cstore_kiosk_content_put(cstore *cs, const char *kiosk_id, int64_t shown, const char *state,
			     int64_t offered, const char *problem, int64_t now)
{
	if (!problem)
		problem = "";
	if (!state_ok(state) || shown < 0 || offered < 0 ||
	    strnlen(problem, CSTORE_REASON) >= CSTORE_REASON ||
	    !mk_utf8_valid(problem, strlen(problem)))
		return mk_err(MK_EINVAL, "a kiosk's content state is showing, pending, downloading,"
			      " waiting or rejected, with versions from 0 and a short problem");
	cdb *db = cs_take(cs);
	/* A rejection is remembered past the kiosk's later words (it may
	 * say "showing" its old version again): cstore_kiosk_rejected. */
	int64_t rejected = !strcmp(state, "rejected") ? offered : 0;
	int rc = cs_run(db, NULL, "INSERT INTO kiosk_content (kiosk_id, shown, state, offered,"
			" problem, at, rejected) VALUES ($1, $2, $3, $4, $5, $6, $7)"
			" ON CONFLICT (kiosk_id) DO UPDATE SET shown = excluded.shown,"
			" state = excluded.state, offered = excluded.offered,"
			" problem = excluded.problem, at = excluded.at, rejected = CASE WHEN"
			" excluded.rejected > 0 THEN excluded.rejected ELSE kiosk_content.rejected END",
			"tititii", kiosk_id, shown, state, offered, problem, now,
			rejected);
	cs_give(cs, db);
	return rc;
}

int cstore_kiosk_rejected(cstore *cs, const char *kiosk_id, int64_t *version)
{
	cdb *db = cs_take(cs);
	int rc = cs_int(db, version, "SELECT rejected FROM kiosk_content WHERE kiosk_id = $1", "t",
			kiosk_id ? kiosk_id : "");
	cs_give(cs, db);
	if (rc == MK_ENOTFOUND) {
		*version = 0;
		rc = 0;
	}
	return rc;
}

int cstore_kiosk_contents(cstore *cs, cstore_kiosk_content *out, int max, int *n)
{
	cdb_stmt *st;
	*n = 0;
	if (max <= 0)
		return 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT k.id, k.label, k.kiosk_group,"
			  " COALESCE((SELECT MAX(b.version) FROM bundles b WHERE b.kind = 'content'"
			  " AND b.state = 'approved'"
			  " AND (b.stage = 'all' OR (b.stage = 'kiosk' AND b.target = k.id) OR"
			  " (b.stage = 'group' AND k.kiosk_group <> '' AND b.target = k.kiosk_group))),"
			  " 0), COALESCE(c.shown, 0), COALESCE(c.state, ''), COALESCE(c.offered, 0),"
			  " COALESCE(c.problem, ''), COALESCE(c.at, 0)"
			  " FROM kiosks k LEFT JOIN kiosk_content c ON c.kiosk_id = k.id"
			  " ORDER BY k.id LIMIT $1", "d", max);
	while (!rc && (rc = cdb_step(st)) == 1) {
		cstore_kiosk_content *k = &out[(*n)++];
		memset(k, 0, sizeof *k);
		cs_copy(k->kiosk, sizeof k->kiosk, cdb_col_text(st, 0));
		cs_copy(k->label, sizeof k->label, cdb_col_text(st, 1));
		cs_copy(k->group, sizeof k->group, cdb_col_text(st, 2));
		k->target = cdb_col_int64(st, 3);
		k->shown = cdb_col_int64(st, 4);
		cs_copy(k->state, sizeof k->state, cdb_col_text(st, 5));
		k->offered = cdb_col_int64(st, 6);
		cs_copy(k->problem, sizeof k->problem, cdb_col_text(st, 7));
		k->at = cdb_col_int64(st, 8);
		rc = 0;
	}
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}

int cstore_shot_request(cstore *cs, const char *kiosk_id, const char *user, int64_t now,
			char id_out[33])
{
	uint8_t r[16];
	int64_t n = 0;
	id_out[0] = 0;
	if (!cs_valid_id(kiosk_id) || !cs_valid_id(user))
		return mk_err(MK_EINVAL, "a screenshot is asked of a kiosk id by a user name");
	cdb *db = cs_take(cs);
	int rc = cs_int(db, &n, "SELECT COUNT(*) FROM kiosks WHERE id = $1", "t", kiosk_id);
	if (!rc && n == 0)
		rc = mk_err(MK_ENOTFOUND, "no kiosk %s", kiosk_id);
	if (!rc)
		rc = cs_run(db, NULL, "DELETE FROM shots WHERE asked_at < $1", "i", now - SHOT_KEEP);
	if (!rc) {
		mkc_random(r, sizeof r);
		cs_hex(r, sizeof r, id_out);
		rc = cs_run(db, NULL, "INSERT INTO shots (id, kiosk_id, by_user, asked_at)"
			    " VALUES ($1, $2, $3, $4)", "ttti", id_out, kiosk_id, user, now);
	}
	cs_give(cs, db);
	if (rc)
		id_out[0] = 0;
	return rc;
}

int cstore_shot_pending(cstore *cs, const char *kiosk_id, char id_out[33])
{
	cdb_stmt *st;
	id_out[0] = 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT id FROM shots WHERE kiosk_id = $1 AND answered_at = 0"
			  " ORDER BY asked_at DESC, id LIMIT 1", "t", kiosk_id ? kiosk_id : "");
	if (!rc && (rc = cdb_step(st)) == 1)
		cs_copy(id_out, 33, cdb_col_text(st, 0));
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}

int cstore_shot_put(cstore *cs, const char *kiosk_id, const char *id, const uint8_t *png,
		    size_t n, const char *refused, int64_t now)
{
	char why[120];
	int64_t changed = 0, mine = 0;
	if (!cs_valid_hex(id, 32))
		return mk_err(MK_ENOTFOUND, "no such screenshot request");
	if (!png && (!refused || !*refused))
		return mk_err(MK_EINVAL, "a screenshot's answer is a picture or why it was refused");
	/* The kiosk's words, cut at a character boundary to what is kept. */
	cs_copy(why, sizeof why, png ? "" : refused);
	for (size_t k = strlen(why); k > 0 && !mk_utf8_valid(why, k); k--)
		why[k - 1] = 0;
	cdb *db = cs_take(cs);
	int rc = cs_int(db, &mine, "SELECT COUNT(*) FROM shots WHERE id = $1 AND kiosk_id = $2",
			"tt", id, kiosk_id ? kiosk_id : "");
	if (!rc && !mine)
		rc = mk_err(MK_ENOTFOUND, "no such screenshot request for this kiosk");
	/* Answered once: a kiosk that sends again (its answer was lost)
	 * changes nothing. */
	if (!rc)
		rc = png ? cs_run(db, &changed, "UPDATE shots SET answered_at = $3, png = $4,"
				  " png_size = $5, refused = '' WHERE id = $1 AND kiosk_id = $2"
				  " AND answered_at = 0", "ttibi", id, kiosk_id, now, png, n,
				  (int64_t)n)
			 : cs_run(db, &changed, "UPDATE shots SET answered_at = $3, refused = $4"
				  " WHERE id = $1 AND kiosk_id = $2 AND answered_at = 0", "ttit", id,
				  kiosk_id, now, why);
	cs_give(cs, db);
	return rc;
}

int cstore_shots(cstore *cs, cstore_shot *out, int max, int *n)
{
	cdb_stmt *st;
	*n = 0;
	if (max <= 0)
		return 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT id, kiosk_id, by_user, asked_at, answered_at, refused,"
			  " png_size FROM shots ORDER BY asked_at DESC, id LIMIT $1", "d", max);
	while (!rc && (rc = cdb_step(st)) == 1) {
		cstore_shot *s = &out[(*n)++];
		memset(s, 0, sizeof *s);
		cs_copy(s->id, sizeof s->id, cdb_col_text(st, 0));
		cs_copy(s->kiosk, sizeof s->kiosk, cdb_col_text(st, 1));
		cs_copy(s->by, sizeof s->by, cdb_col_text(st, 2));
		s->asked_at = cdb_col_int64(st, 3);
		s->answered_at = cdb_col_int64(st, 4);
		cs_copy(s->refused, sizeof s->refused, cdb_col_text(st, 5));
		s->png_size = cdb_col_int64(st, 6);
		rc = 0;
	}
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}

int cstore_shot_png(cstore *cs, const char *id, uint8_t **png, size_t *n)
{
	cdb_stmt *st;
	*png = NULL;
	*n = 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT png FROM shots WHERE id = $1 AND png_size > 0", "t",
			  id ? id : "");
	if (!rc && (rc = cdb_step(st)) == 1) {
		size_t len = 0;
		const uint8_t *b = cdb_col_blob(st, 0, &len);
		if ((*png = malloc(len ? len : 1)) != NULL) {
			memcpy(*png, b, len);
			*n = len;
			rc = 0;
		} else {
			rc = mk_err(MK_ENOMEM, "out of memory reading a screenshot");
		}
	} else if (rc == 0) {
		rc = mk_err(MK_ENOTFOUND, "no picture for that screenshot");
	}
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}
