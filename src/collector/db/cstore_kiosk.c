/* SPDX-License-Identifier: MIT */
/*
 * Kiosks: their tokens, heartbeats and events.
 *
 * A token is "ID.SECRET" with 256 random bits of secret; only a keyed
 * BLAKE2b hash of the secret is stored, so a copy of the database does not
 * let anyone post as a kiosk, and since the secret is random a fast hash is
 * enough. Checking a token does the same work whatever is wrong with it
 * (malformed, unknown id, wrong secret): one lookup, one hash, one
 * constant-time comparison against the stored hash or a dummy one.
 *
 * Events are deduplicated by (kiosk, event id) with ON CONFLICT DO NOTHING,
 * so a heartbeat sent twice (the answer was lost) stores each event once.
 */
#include "cstore_int.h"
#include "core.h"
#include "crypto.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

#define ID_TRIES 5

int cstore_kiosk_add(cstore *cs, const char *label, char id_out[CSTORE_ID],
		     char token_out[CSTORE_TOKEN])
{
	char secret[CSTORE_HEX], hash[CSTORE_HEX];
	uint8_t r[4];
	int rc = MK_EEXIST;
	if (!label)
		label = "";
	if (strlen(label) >= sizeof ((cstore_kiosk *)0)->label || !mk_utf8_valid(label, strlen(label)))
		return mk_err(MK_EINVAL, "a kiosk's label is text of at most 63 bytes");
	cs_random_hex(secret);
	cs_hash_hex(secret, hash);
	cdb *db = cs_take(cs);
	for (int i = 0; i < ID_TRIES && rc == MK_EEXIST; i++) {
		mkc_random(r, sizeof r);
		snprintf(id_out, CSTORE_ID, "kiosk-%02x%02x%02x%02x", r[0], r[1], r[2], r[3]);
		rc = cs_run(db, NULL, "INSERT INTO kiosks (id, label, secret_hash, created_at)"
			    " VALUES ($1, $2, $3, $4)", "ttti", id_out, label, hash,
			    (int64_t)time(NULL));
	}
	cs_give(cs, db);
	if (!rc)
		snprintf(token_out, CSTORE_TOKEN, "%s.%s", id_out, secret);
	else
		id_out[0] = 0;
	mkc_wipe(secret, sizeof secret);
	return rc;
}

/* Splits "ID.SECRET" (the secret has no '.', the id may). 1 when well
 * formed; else id and secret are left empty. */
static int split_token(const char *bearer, char id[CSTORE_ID], char secret[CSTORE_HEX])
{
	const char *dot;
	size_t n;
	id[0] = secret[0] = 0;
	if (!bearer || strnlen(bearer, CSTORE_TOKEN) >= CSTORE_TOKEN ||
	    !(dot = strrchr(bearer, '.')))
		return 0;
	n = (size_t)(dot - bearer);
	if (n == 0 || n >= CSTORE_ID || !cs_valid_hex(dot + 1, CSTORE_HEX - 1))
		return 0;
	memcpy(id, bearer, n);
	id[n] = 0;
	if (!cs_valid_id(id)) {
		id[0] = 0;
		return 0;
	}
	memcpy(secret, dot + 1, CSTORE_HEX);
	return 1;
}

int cstore_kiosk_auth(cstore *cs, const char *bearer, char id_out[CSTORE_ID])
{
	static const char dummy[CSTORE_HEX] =
		"0000000000000000000000000000000000000000000000000000000000000000";
	char id[CSTORE_ID], secret[CSTORE_HEX], got[CSTORE_HEX], want[CSTORE_HEX];
	cdb_stmt *st;
	int ok = split_token(bearer, id, secret), rc, found = 0;
	id_out[0] = 0;
	memcpy(want, dummy, sizeof want);
	cdb *db = cs_take(cs);
	rc = cs_query(db, &st, "SELECT secret_hash FROM kiosks WHERE id = $1", "t", id);
	if (!rc && (rc = cdb_step(st)) == 1) {
		const char *h = cdb_col_text(st, 0);
		found = strlen(h) == CSTORE_HEX - 1;
		if (found)
			memcpy(want, h, sizeof want);
		rc = 0;
	}
	cdb_finalize(st);
	cs_give(cs, db);
	cs_hash_hex(secret, got);
	mkc_wipe(secret, sizeof secret);
	if (rc < 0)
		return rc; /* the database failed: not the kiosk's fault */
	if (!mkc_equal(got, want, CSTORE_HEX - 1) || !ok || !found)
		return mk_err(MK_EPERM, "not a kiosk's token");
	memcpy(id_out, id, CSTORE_ID);
	return 0;
}

typedef struct {
	const char *id;
	const cstore_kiosk *hb;
	const cstore_event *ev;
	int n_ev;
	int64_t now;
} heartbeat;

static int event_ok(const cstore_event *e)
{
	return cs_terminated(e->id, sizeof e->id) && cs_terminated(e->level, sizeof e->level) &&
	       cs_terminated(e->event, sizeof e->event) &&
	       cs_terminated(e->detail, sizeof e->detail) &&
	       mk_utf8_valid(e->detail, strlen(e->detail)) && mk_utf8_valid(e->id, strlen(e->id)) &&
	       mk_utf8_valid(e->event, strlen(e->event)) && mk_utf8_valid(e->level, strlen(e->level));
}

static int heartbeat_tx(cdb *db, void *arg)
{
	heartbeat *h = arg;
	const cstore_kiosk *k = h->hb;
	int64_t changed = 0;
	int rc = cs_run(db, &changed,
			"UPDATE kiosks SET last_seen = $2, version = $3, content_version = $4,"
			" queue_waiting = $5, queue_set_aside = $6, free_disk = $7, uptime = $8,"
			" last_success = $9 WHERE id = $1", "tittddiii", h->id, h->now, k->version,
			k->content_version, k->queue_waiting, k->queue_set_aside, k->free_disk,
			k->uptime, k->last_success);
	if (!rc && changed == 0)
		rc = mk_err(MK_ENOTFOUND, "no kiosk %s", h->id);
	for (int i = 0; i < h->n_ev && !rc; i++) {
		const cstore_event *e = &h->ev[i];
		rc = cs_run(db, NULL, "INSERT INTO kiosk_events (kiosk_id, id, at, level, event,"
			    " detail, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
			    " ON CONFLICT (kiosk_id, id) DO NOTHING", "ttittti", h->id, e->id,
			    e->at, e->level, e->event, e->detail, h->now);
	}
	return rc;
}

int cstore_heartbeat(cstore *cs, const char *kiosk_id, const cstore_kiosk *hb,
		     const cstore_event *ev, int n_ev, int64_t now)
{
	heartbeat h = { kiosk_id, hb, ev, n_ev, now };
	if (!cs_terminated(hb->version, sizeof hb->version) ||
	    !cs_terminated(hb->content_version, sizeof hb->content_version) ||
	    !mk_utf8_valid(hb->version, strlen(hb->version)) ||
	    !mk_utf8_valid(hb->content_version, strlen(hb->content_version)) || n_ev < 0)
		return mk_err(MK_EINVAL, "a heartbeat with unreadable versions");
	for (int i = 0; i < n_ev; i++)
		if (!event_ok(&ev[i]))
			return mk_err(MK_EINVAL, "a heartbeat event is not text");
	cdb *db = cs_take(cs);
	int rc = cs_tx(db, heartbeat_tx, &h);
	cs_give(cs, db);
	return rc;
}

int cstore_kiosk_seen(cstore *cs, const char *kiosk_id, int64_t now)
{
	cdb *db = cs_take(cs);
	int rc = cs_run(db, NULL, "UPDATE kiosks SET last_seen = $2 WHERE id = $1 AND last_seen < $2",
			"ti", kiosk_id, now);
	cs_give(cs, db);
	return rc;
}

int cstore_kiosk_set_group(cstore *cs, const char *kiosk_id, const char *group)
{
	int64_t changed = 0;
	if (!cs_valid_id(kiosk_id) || (group[0] && !cs_valid_id(group)))
		return mk_err(MK_EINVAL, "a kiosk id and a group name are [a-z0-9._-], 1 to %d"
			      " characters", CSTORE_ID - 1);
	cdb *db = cs_take(cs);
	int rc = cs_run(db, &changed, "UPDATE kiosks SET kiosk_group = $2 WHERE id = $1", "tt",
			kiosk_id, group);
	cs_give(cs, db);
	if (!rc && changed == 0)
		rc = mk_err(MK_ENOTFOUND, "no kiosk %s", kiosk_id);
	return rc;
}

int cstore_kiosks(cstore *cs, cstore_kiosk *out, int max, int *n)
{
	cdb_stmt *st;
	*n = 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT id, label, created_at, last_seen, version,"
			  " content_version, queue_waiting, queue_set_aside, free_disk, uptime,"
			  " last_success, records FROM kiosks ORDER BY id LIMIT $1", "d", max);
	while (!rc && (rc = cdb_step(st)) == 1) {
		cstore_kiosk *k = &out[(*n)++];
		memset(k, 0, sizeof *k);
		cs_copy(k->id, sizeof k->id, cdb_col_text(st, 0));
		cs_copy(k->label, sizeof k->label, cdb_col_text(st, 1));
		k->created_at = cdb_col_int64(st, 2);
		k->last_seen = cdb_col_int64(st, 3);
		cs_copy(k->version, sizeof k->version, cdb_col_text(st, 4));
		cs_copy(k->content_version, sizeof k->content_version, cdb_col_text(st, 5));
		k->queue_waiting = (int)cdb_col_int64(st, 6);
		k->queue_set_aside = (int)cdb_col_int64(st, 7);
		k->free_disk = cdb_col_int64(st, 8);
		k->uptime = cdb_col_int64(st, 9);
		k->last_success = cdb_col_int64(st, 10);
		k->records = cdb_col_int64(st, 11);
		rc = 0;
	}
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}

int cstore_events(cstore *cs, const char *kiosk_id, cstore_event *out, int max, int *n)
{
	cdb_stmt *st;
	*n = 0;
	cdb *db = cs_take(cs);
	int rc = kiosk_id
		? cs_query(db, &st, "SELECT id, at, level, event, detail FROM kiosk_events"
			   " WHERE kiosk_id = $1 ORDER BY at DESC, seq DESC LIMIT $2", "td",
			   kiosk_id, max)
		: cs_query(db, &st, "SELECT id, at, level, event, detail FROM kiosk_events"
			   " ORDER BY at DESC, seq DESC LIMIT $1", "d", max);
	while (!rc && (rc = cdb_step(st)) == 1) {
		cstore_event *e = &out[(*n)++];
		cs_copy(e->id, sizeof e->id, cdb_col_text(st, 0));
		e->at = cdb_col_int64(st, 1);
		cs_copy(e->level, sizeof e->level, cdb_col_text(st, 2));
		cs_copy(e->event, sizeof e->event, cdb_col_text(st, 3));
		cs_copy(e->detail, sizeof e->detail, cdb_col_text(st, 4));
		rc = 0;
	}
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}
