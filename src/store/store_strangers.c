/* SPDX-License-Identifier: MIT */
/*
 * Wrong tries at codes that no patient has. A real code counts its wrong
 * PINs in its row and locks after STORE_MAX_FAILED_PINS; if an unknown code
 * never did, a stranger could tell a real code from a made-up one by
 * trying it five times. So unknown codes count here too, the same way.
 *
 * The codes themselves are never kept: each is a BLAKE2b hash keyed with a
 * random key made when the first one is counted, which lives only in this
 * process's memory (a code has only 40 bits, so an unkeyed hash would be a
 * plain text). The table lives in memory too and is bounded
 * (STRANGERS_MAX): when it is full, the entry with the fewest tries (the
 * oldest among equals) makes room, and a running lock goes last, so a
 * stranger must spend that many slow PIN checks to flush one code's count.
 * A restart forgets every count; a real code's count survives it (see the
 * README's sign-in paragraph).
 */
#include "store_int.h"
#include <stdlib.h>
#include <string.h>

#define STRANGERS_MAX 1024
#define HASH_BYTES 16

typedef struct {
	uint8_t h[HASH_BYTES];
	int failed;
	int64_t locked_until;
	uint64_t seen; /* when it was last counted, in counts */
	int used;
} stranger;

struct store_strangers {
	uint8_t key[32];
	uint64_t tick;
	stranger v[STRANGERS_MAX];
};

static store_strangers *table(store *s)
{
	if (!s->strangers && (s->strangers = calloc(1, sizeof *s->strangers)) != NULL)
		mkc_random(s->strangers->key, sizeof s->strangers->key);
	return s->strangers;
}

static void hash(const store_strangers *t, const char *norm, uint8_t out[HASH_BYTES])
{
	mkc_hash(out, HASH_BYTES, norm, strlen(norm), t->key, sizeof t->key);
}

static stranger *find(store_strangers *t, const uint8_t h[HASH_BYTES])
{
	for (int i = 0; i < STRANGERS_MAX; i++)
		if (t->v[i].used && mkc_equal(t->v[i].h, h, HASH_BYTES))
			return &t->v[i];
	return NULL;
}

/* A free slot, or the one that tells a stranger least when forgotten. */
static stranger *room(store_strangers *t, int64_t now)
{
	stranger *best = NULL;
	for (int i = 0; i < STRANGERS_MAX; i++) {
		stranger *e = &t->v[i];
		if (!e->used)
			return e;
		int score = e->locked_until > now ? STORE_MAX_FAILED_PINS + 1 : e->failed;
		int best_score = best ? (best->locked_until > now ? STORE_MAX_FAILED_PINS + 1 : best->failed) : 0;
		if (!best || score < best_score || (score == best_score && e->seen < best->seen))
			best = e;
	}
	return best;
}

void store_strangers_get(store *s, const char *norm, int *failed, int64_t *locked_until)
{
	store_strangers *t = table(s);
	uint8_t h[HASH_BYTES];
	stranger *e = NULL;
	if (t) {
		hash(t, norm, h);
		e = find(t, h);
	}
	*failed = e ? e->failed : 0;
	*locked_until = e ? e->locked_until : 0;
}

void store_strangers_set(store *s, const char *norm, int failed, int64_t locked_until, int64_t now)
{
	store_strangers *t = table(s);
	uint8_t h[HASH_BYTES];
	if (!t)
		return; /* out of memory: the code counts as unseen, as after a restart */
	hash(t, norm, h);
	stranger *e = find(t, h);
	if (!failed && !locked_until) {
		if (e)
			mkc_wipe(e, sizeof *e);
		return;
	}
	if (!e) {
		e = room(t, now);
		memcpy(e->h, h, HASH_BYTES);
		e->used = 1;
	}
	e->failed = failed;
	e->locked_until = locked_until;
	e->seen = ++t->tick;
}

void store_strangers_free(store_strangers *t)
{
	if (!t)
		return;
	mkc_wipe(t, sizeof *t);
	free(t);
}
