/* SPDX-License-Identifier: MIT */
/*
 * Throttles for guessing, kept in the database (table signin_throttle) so
 * they survive a restart and hold across several collectors on one
 * PostgreSQL. A throttle is a key ("user:NAME", "ip:ADDR") with its count
 * of failures and the time of the last one; after rules->free failures
 * each next attempt waits 1 s, then 2, 4, 8 ... up to rules->max_wait
 * after the last failure: growing delays, never a wall that an attacker
 * could raise for everyone at once. A key without a failure for
 * rules->forget seconds starts afresh, and its row goes at the next claim
 * of a key of its kind, the part up to its first ':' (so names and
 * addresses tried once do not pile up). Only of its kind: throttles with
 * a shorter forget (a kiosk's content downloads) share the table, and
 * must not wipe a sign-in's count of failures before its hour is up.
 *
 * An attempt counts as a failure from the moment it is claimed, so many
 * attempts made at once cannot all slip through before any of them is
 * known wrong; a right password then takes its count back. The claim
 * changes each row only if nobody changed it since it was read (the
 * failures and the time in the WHERE clause, an INSERT that does nothing
 * on a conflict), and runs again when it lost that race: portable between
 * SQLite and PostgreSQL without row locks.
 */
#include "cstore_int.h"
#include "core.h"
#include <string.h>

#define MAX_KEYS 4

typedef struct {
	const char *const *keys;
	const cstore_throttle *rules;
	int n;
	int64_t now;
	int64_t wait;
} claim;

int64_t cstore_throttle_delay(const cstore_throttle *t, int64_t fails)
{
	if (fails < t->free)
		return 0;
	int64_t s = 1;
	for (int64_t i = t->free; i < fails && s < t->max_wait; i++)
		s *= 2;
	return s < t->max_wait ? s : t->max_wait;
}

/* Reads key's row: found, its failures and last time (0 when none). */
static int row(cdb *db, const char *key, int *found, int64_t *fails, int64_t *at)
{
	cdb_stmt *st;
	int rc = cs_query(db, &st, "SELECT fails, last_at FROM signin_throttle WHERE key = $1",
			  "t", key);
	*found = 0;
	*fails = *at = 0;
	if (!rc && (rc = cdb_step(st)) == 1) {
		*found = 1;
		*fails = cdb_col_int64(st, 0);
		*at = cdb_col_int64(st, 1);
		rc = 0;
	}
	cdb_finalize(st);
	return rc;
}

/* Counts one failure for key, or CSTORE_RETRY when another attempt changed
 * its row since it was read. */
static int count(cdb *db, const char *key, int found, int64_t fails, int64_t at,
		 int64_t next, int64_t now)
{
	int64_t changed = 0;
	int rc = found ? cs_run(db, &changed, "UPDATE signin_throttle SET fails = $1, last_at = $2"
				" WHERE key = $3 AND fails = $4 AND last_at = $5", "iitii",
				next, now, key, fails, at)
		       : cs_run(db, &changed, "INSERT INTO signin_throttle (key, fails, last_at)"
				" VALUES ($1, 1, $2) ON CONFLICT (key) DO NOTHING", "ti", key, now);
	if (rc)
		return rc;
	return changed == 1 ? 0 : CSTORE_RETRY;
}

/* Forgets the rows of key's kind (up to its first ':', or the whole key)
 * with no failure for forget seconds. */
static int sweep(cdb *db, const char *key, int64_t forget, int64_t now)
{
	const char *colon = strchr(key, ':');
	size_t n = colon ? (size_t)(colon - key) + 1 : strlen(key);
	char kind[64];
	if (n >= sizeof kind)
		n = sizeof kind - 1;
	memcpy(kind, key, n);
	kind[n] = 0;
	return cs_run(db, NULL, "DELETE FROM signin_throttle WHERE last_at <= $1"
		      " AND substr(key, 1, CAST($2 AS INTEGER)) = $3", "iit", now - forget,
		      (int64_t)n, kind);
}

static int claim_tx(cdb *db, void *arg)
{
	claim *c = arg;
	int found[MAX_KEYS], rc;
	int64_t fails[MAX_KEYS], at[MAX_KEYS];
	c->wait = 0;
	for (int i = 0; i < c->n; i++)
		if ((rc = sweep(db, c->keys[i], c->rules[i].forget, c->now)) != 0)
			return rc;
	for (int i = 0; i < c->n; i++) {
		if ((rc = row(db, c->keys[i], &found[i], &fails[i], &at[i])) != 0)
			return rc;
		int64_t f = c->now - at[i] >= c->rules[i].forget ? 0 : fails[i];
		int64_t until = at[i] + cstore_throttle_delay(&c->rules[i], f);
		if (f > 0 && until - c->now > c->wait)
			c->wait = until - c->now;
	}
	if (c->wait > 0)
		return 0; /* nothing counted: a refused attempt tells nothing */
	for (int i = 0; i < c->n; i++) {
		int64_t f = c->now - at[i] >= c->rules[i].forget ? 0 : fails[i];
		if ((rc = count(db, c->keys[i], found[i], fails[i], at[i], f + 1, c->now)) != 0)
			return rc;
	}
	return 0;
}

int cstore_throttle_claim(cstore *cs, const char *const keys[], const cstore_throttle rules[],
			  int n, int64_t now, int64_t *wait)
{
	claim c = { keys, rules, n, now, 0 };
	*wait = 0;
	if (n < 1 || n > MAX_KEYS)
		return mk_err(MK_EINVAL, "cstore_throttle_claim: 1 to %d keys", MAX_KEYS);
	cdb *db = cs_take(cs);
	int rc = cs_tx(db, claim_tx, &c);
	cs_give(cs, db);
	if (rc == 0)
		*wait = c.wait;
	return rc;
}

int cstore_throttle_undo(cstore *cs, const char *key, int forget)
{
	cdb *db = cs_take(cs);
	int rc = forget ? cs_run(db, NULL, "DELETE FROM signin_throttle WHERE key = $1", "t", key)
			: cs_run(db, NULL, "UPDATE signin_throttle SET fails = fails - 1"
				 " WHERE key = $1 AND fails > 0", "t", key);
	cs_give(cs, db);
	return rc;
}
