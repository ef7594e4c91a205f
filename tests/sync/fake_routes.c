/* SPDX-License-Identifier: MIT */
/*
 * What the fake collector does with a request, as the real one would:
 * a batch's items are stored once by UUID and acknowledged every time,
 * unless a test made one rejected; a photo record stays pending until
 * both of its parts are stored with the hashes the record names; a photo
 * part is checked against its X-Content-SHA256; a heartbeat is kept for
 * the test to read. Everything it remembers sits under the fake's lock.
 */
#include "fake_int.h"
#include "core.h"
#include "store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

slot *fake_find(fake *f, const char *uuid, int add)
{
	uint32_t h = 2166136261u;
	for (const char *p = uuid; *p; p++)
		h = (h ^ (uint8_t)*p) * 16777619u;
	for (uint32_t i = 0; i < SLOTS; i++) {
		slot *s = &f->slots[(h + i) % SLOTS];
		if (!strcmp(s->uuid, uuid))
			return s;
		if (!s->uuid[0]) {
			if (!add)
				return NULL;
			snprintf(s->uuid, sizeof s->uuid, "%s", uuid);
			return s;
		}
	}
	return NULL;
}

static const char *rejected(fake *f, const char *uuid)
{
	for (int i = 0; i < f->n_rejects; i++)
		if (!strcmp(f->rejects[i].uuid, uuid))
			return f->rejects[i].reason;
	return NULL;
}

/* ---- Routes */

void fake_log_batch(fake *f, json_t *records, size_t bytes, int status)
{
	fake_batch *b;
	f->batches = realloc(f->batches, (size_t)(f->n_batches + 1) * sizeof *f->batches);
	b = &f->batches[f->n_batches++];
	memset(b, 0, sizeof *b);
	b->items = (int)json_array_size(records);
	b->bytes = bytes;
	b->status = status;
	b->at_ms = mk_mono_ns() / 1000000u;
	b->content_gets = f->n_gets;
	const char *u0 = json_string_value(json_object_get(json_array_get(records, 0), "uuid"));
	const char *u1 = json_string_value(json_object_get(json_array_get(records, 1), "uuid"));
	snprintf(b->first, sizeof b->first, "%s", u0 ? u0 : "");
	snprintf(b->second, sizeof b->second, "%s", u1 ? u1 : "");
}

static int photo_ready(slot *s, json_t *rec)
{
	const char *img = json_string_value(json_object_get(json_object_get(json_object_get(rec,
		"files"), "image"), "sha256"));
	const char *th = json_string_value(json_object_get(json_object_get(json_object_get(rec,
		"files"), "thumb"), "sha256"));
	return img && th && !strcmp(s->sha[0], img) && !strcmp(s->sha[1], th);
}

/* One item of a batch, under the lock: into acc, rej or pen. */
static void take_record(fake *f, json_t *rec, uint64_t seq, json_t *acc, json_t *rej, json_t *pen)
{
	const char *uuid = json_string_value(json_object_get(rec, "uuid"));
	const char *kind = json_string_value(json_object_get(rec, "kind"));
	const char *why;
	slot *s;
	if (!uuid || !kind || strlen(uuid) != 36 || !(s = fake_find(f, uuid, 1)))
		return;
	s->received++;
	if (!s->first_post)
		s->first_post = seq;
	if ((why = rejected(f, uuid)) != NULL)
		json_array_append_new(rej, json_pack("{s:s, s:s}", "uuid", uuid, "reason", why));
	else if (!strcmp(kind, "photo") && !photo_ready(s, rec))
		json_array_append_new(pen, json_pack("{s:s, s:s}", "uuid", uuid, "reason",
						     "the photo's files have not arrived"));
	else {
		s->accepted = 1;
		json_array_append_new(acc, json_string(uuid));
	}
}

int fake_records(fake *f, const req *r, uint64_t seq, char **answer)
{
	json_t *root = json_loadb(r->buf ? r->buf : "", r->n, 0, NULL);
	json_t *recs = json_object_get(root, "records"), *v;
	json_t *acc = json_array(), *rej = json_array(), *pen = json_array();
	int status = 200;
	size_t i;
	pthread_mutex_lock(&f->mu);
	if (f->limit && r->n > f->limit)
		status = 413;
	else if (!json_is_array(recs))
		status = 400;
	else
		json_array_foreach(recs, i, v)
			take_record(f, v, seq, acc, rej, pen);
	fake_log_batch(f, recs, r->n, status);
	pthread_mutex_unlock(&f->mu);
	json_t *ans = json_pack("{s:o, s:o, s:o}", "accepted", acc, "rejected", rej, "pending", pen);
	*answer = status == 200 ? json_dumps(ans, JSON_COMPACT) : strdup("{\"error\":\"no\"}");
	json_decref(ans);
	json_decref(root);
	return status;
}

int fake_photo(fake *f, struct MHD_Connection *c, const char *url, const req *r, uint64_t seq)
{
	const char *uuid = url + strlen("/api/v1/photos/");
	const char *part = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "part");
	const char *want = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Content-SHA256");
	int which = part && !strcmp(part, "image") ? 0 : part && !strcmp(part, "thumb") ? 1 : -1;
	char hex[65];
	slot *s;
	int status = 200;
	if (which < 0 || strlen(uuid) != 36 || !want)
		return 400;
	store_sha256_hex(r->buf ? r->buf : "", r->n, hex);
	if (strcmp(hex, want))
		return 400;
	pthread_mutex_lock(&f->mu);
	if ((s = fake_find(f, uuid, 1)) != NULL) {
		s->puts[which]++;
		if (!s->first_put[which])
			s->first_put[which] = seq;
		if (f->lose_parts > 0)
			f->lose_parts--;
		else if (s->sha[which][0] && strcmp(s->sha[which], hex))
			status = 409;
		else
			memcpy(s->sha[which], hex, sizeof hex);
	}
	pthread_mutex_unlock(&f->mu);
	return status;
}

int fake_heartbeat_in(fake *f, const req *r)
{
	json_t *root = json_loadb(r->buf ? r->buf : "", r->n, 0, NULL);
	int ok = json_is_object(root);
	json_decref(root);
	if (!ok)
		return 400;
	pthread_mutex_lock(&f->mu);
	f->beats = realloc(f->beats, (size_t)(f->n_beats + 1) * sizeof *f->beats);
	f->beats[f->n_beats++] = strndup(r->buf, r->n);
	pthread_mutex_unlock(&f->mu);
	return 200;
}
