/* SPDX-License-Identifier: MIT */
/*
 * What each kiosk says of its software (cstore_content.h): the Debian
 * version it runs, the highest package bundle it installed ("taken"), the
 * state of the one it is on, and why a package failed, from the
 * heartbeat's "software" object; and the package its heartbeat's answer
 * offers.
 *
 * A package a kiosk refused (its app or its helper said "rejected") or
 * took back (the helper said "rolled-back") is remembered past its later
 * heartbeats, which say "current" again: the newest such version is kept
 * in refused, and only a package above it, and above what the kiosk took,
 * is offered. Offering it again would only have the kiosk download it
 * and refuse it on every heartbeat, or worse, install a package that did
 * not start. A publisher goes on with a new version (the fix, or the
 * previous .deb re-signed as N+1), which is offered anew.
 */
#include "cstore_int.h"
#include "cstore_content.h"
#include "core.h"
#include <string.h>

int cstore_software_state_ok(const char *s)
{
	static const char *const states[] = { "current", "downloading", "waiting", "installing",
		"installed", "rejected", "rolled-back" };
	for (size_t i = 0; s && i < sizeof states / sizeof states[0]; i++)
		if (!strcmp(s, states[i]))
			return 1;
	return 0;
}

int cstore_kiosk_software_put(cstore *cs, const char *kiosk_id, const cstore_kiosk_software *s,
			      int64_t now)
{
	if (!cstore_software_state_ok(s->state) || s->taken < 0 || s->offered < 0 ||
	    !cs_text_ok(s->running, sizeof s->running) || !cs_text_ok(s->problem, sizeof s->problem))
		return mk_err(MK_EINVAL, "a kiosk's software state is current, downloading, waiting,"
			      " installing, installed, rejected or rolled-back, with versions from 0"
			      " and short text");
	int64_t refused = !strcmp(s->state, "rejected") || !strcmp(s->state, "rolled-back")
				  ? s->offered : 0;
	cdb *db = cs_take(cs);
	int rc = cs_run(db, NULL, "INSERT INTO kiosk_software (kiosk_id, running, taken, state,"
			" offered, problem, at, refused) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
			" ON CONFLICT (kiosk_id) DO UPDATE SET running = excluded.running,"
			" taken = excluded.taken, state = excluded.state, offered = excluded.offered,"
			" problem = excluded.problem, at = excluded.at, refused = CASE WHEN"
			" excluded.refused > kiosk_software.refused THEN excluded.refused"
			" ELSE kiosk_software.refused END",
			"ttititii", kiosk_id, s->running, s->taken, s->state, s->offered, s->problem,
			now, refused);
	cs_give(cs, db);
	return rc;
}

int cstore_kiosk_softwares(cstore *cs, cstore_kiosk_software *out, int max, int *n)
{
	cdb_stmt *st;
	*n = 0;
	if (max <= 0)
		return 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT k.id, k.label, k.kiosk_group,"
			  " COALESCE((SELECT MAX(b.version) FROM bundles b WHERE b.kind = 'package'"
			  " AND b.state = 'approved'"
			  " AND (b.stage = 'all' OR (b.stage = 'kiosk' AND b.target = k.id) OR"
			  " (b.stage = 'group' AND k.kiosk_group <> '' AND b.target = k.kiosk_group))),"
			  " 0), COALESCE(s.running, ''), COALESCE(s.taken, 0), COALESCE(s.state, ''),"
			  " COALESCE(s.offered, 0), COALESCE(s.problem, ''), COALESCE(s.at, 0)"
			  " FROM kiosks k LEFT JOIN kiosk_software s ON s.kiosk_id = k.id"
			  " ORDER BY k.id LIMIT $1", "d", max);
	while (!rc && (rc = cdb_step(st)) == 1) {
		cstore_kiosk_software *k = &out[(*n)++];
		memset(k, 0, sizeof *k);
		cs_copy(k->kiosk, sizeof k->kiosk, cdb_col_text(st, 0));
		cs_copy(k->label, sizeof k->label, cdb_col_text(st, 1));
		cs_copy(k->group, sizeof k->group, cdb_col_text(st, 2));
		k->target = cdb_col_int64(st, 3);
		cs_copy(k->running, sizeof k->running, cdb_col_text(st, 4));
		k->taken = cdb_col_int64(st, 5);
		cs_copy(k->state, sizeof k->state, cdb_col_text(st, 6));
		k->offered = cdb_col_int64(st, 7);
		cs_copy(k->problem, sizeof k->problem, cdb_col_text(st, 8));
		k->at = cdb_col_int64(st, 9);
		rc = 0;
	}
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}

int cstore_kiosk_package_offer(cstore *cs, const char *kiosk_id, cstore_bundle *out)
{
	int64_t above = 0;
	int rc = cstore_kiosk_target(cs, CSTORE_PACKAGE, kiosk_id, out);
	if (rc != 1)
		return rc;
	cdb *db = cs_take(cs);
	rc = cs_int(db, &above, "SELECT CASE WHEN taken > refused THEN taken ELSE refused END"
		    " FROM kiosk_software WHERE kiosk_id = $1", "t", kiosk_id);
	cs_give(cs, db);
	if (rc == MK_ENOTFOUND) {
		above = 0;
		rc = 0;
	}
	if (rc)
		return rc;
	return out->version > above ? 1 : 0;
}
