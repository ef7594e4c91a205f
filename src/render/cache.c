/* SPDX-License-Identifier: MIT */
/*
 * A byte-bounded LRU: a hash table of chained nodes threaded on one
 * doubly linked list, most recent first. Every render cache (text
 * textures, measurements, images, shape masks) is one of these, so a frame
 * that repeats the last frame costs a hash and a memcmp per item.
 *
 * Keys are copied byte strings compared in full, so a hash collision can
 * never show one paragraph's texture for another's text. Values are
 * opaque with a byte cost chosen by the caller (w*h*4 for a texture).
 */
#include "render_int.h"
#include <stdlib.h>
#include <string.h>

struct lru_node {
	lru_node *prev, *next; /* recency list */
	lru_node *chain;       /* bucket chain */
	uint64_t hash;
	void *val;
	size_t bytes, klen;
	unsigned char key[];
};

uint64_t lru_hash(const void *key, size_t klen)
{
	const unsigned char *p = key;
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (size_t i = 0; i < klen; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

void lru_init(lru *l, size_t limit, lru_free_fn free_val)
{
	memset(l, 0, sizeof *l);
	l->limit = limit;
	l->free_val = free_val;
}

static void list_unlink(lru *l, lru_node *n)
{
	if (n->prev)
		n->prev->next = n->next;
	else
		l->head = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		l->tail = n->prev;
	n->prev = n->next = NULL;
}

static void list_push_front(lru *l, lru_node *n)
{
	n->prev = NULL;
	n->next = l->head;
	if (l->head)
		l->head->prev = n;
	l->head = n;
	if (!l->tail)
		l->tail = n;
}

static lru_node **bucket_of(lru *l, uint64_t hash)
{
	return &l->buckets[hash & (l->nbuckets - 1)];
}

static lru_node *find(lru *l, uint64_t hash, const void *key, size_t klen)
{
	if (!l->nbuckets)
		return NULL;
	for (lru_node *n = *bucket_of(l, hash); n; n = n->chain)
		if (n->hash == hash && n->klen == klen && memcmp(n->key, key, klen) == 0)
			return n;
	return NULL;
}

static void remove_node(lru *l, lru_node *n)
{
	lru_node **pp = bucket_of(l, n->hash);
	while (*pp != n)
		pp = &(*pp)->chain;
	*pp = n->chain;
	list_unlink(l, n);
	l->bytes -= n->bytes;
	l->count--;
	if (l->free_val)
		l->free_val(n->val);
	/* A key holds the text itself (a patient's note, say): wipe it. */
	explicit_bzero(n->key, n->klen);
	free(n);
}

/* Doubles the table when it is as full as it is wide; a failed grow only
 * makes chains longer. */
static void grow(lru *l)
{
	size_t nb = l->nbuckets ? l->nbuckets * 2 : 64;
	lru_node **b = calloc(nb, sizeof *b);
	if (!b)
		return;
	for (lru_node *n = l->head; n; n = n->next) {
		n->chain = b[n->hash & (nb - 1)];
		b[n->hash & (nb - 1)] = n;
	}
	free(l->buckets);
	l->buckets = b;
	l->nbuckets = nb;
}

void *lru_get(lru *l, const void *key, size_t klen)
{
	lru_node *n = find(l, lru_hash(key, klen), key, klen);
	if (!n)
		return NULL;
	list_unlink(l, n);
	list_push_front(l, n);
	return n->val;
}

int lru_put(lru *l, const void *key, size_t klen, void *val, size_t bytes)
{
	uint64_t h = lru_hash(key, klen);
	lru_node *old = find(l, h, key, klen);
	if (old)
		remove_node(l, old);
	if (bytes > l->limit)
		goto refuse;
	while (l->tail && l->bytes + bytes > l->limit)
		remove_node(l, l->tail);
	if (l->count >= l->nbuckets)
		grow(l);
	lru_node *n = l->nbuckets ? malloc(sizeof *n + klen) : NULL;
	if (!n)
		goto refuse;
	n->hash = h;
	n->val = val;
	n->bytes = bytes;
	n->klen = klen;
	memcpy(n->key, key, klen);
	n->chain = *bucket_of(l, h);
	*bucket_of(l, h) = n;
	list_push_front(l, n);
	l->bytes += bytes;
	l->count++;
	return 0;
refuse:
	if (l->free_val)
		l->free_val(val);
	return 1;
}

void lru_clear(lru *l)
{
	while (l->tail)
		remove_node(l, l->tail);
}

void lru_fini(lru *l)
{
	lru_clear(l);
	free(l->buckets);
	l->buckets = NULL;
	l->nbuckets = 0;
}
