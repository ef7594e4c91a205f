/* SPDX-License-Identifier: MIT */
/*
 * One round of the outbox: take the next items (alerts first, the store's
 * order), turn each into its wire object (store_outbox_wire), upload the
 * two files of every photo among them, post the batch, and act on the
 * answer — acknowledged items leave the outbox in one transaction, rejected
 * ones are set aside with the collector's reason, pending ones stay.
 *
 * The rules that keep "exactly once, never lost": an item leaves only when
 * its UUID comes back as accepted; anything else (no answer, a broken or
 * unreadable answer, a 5xx, a wrong token) leaves every item where it was,
 * with the try and its error noted for staff, and the worker backs off.
 * Resending is always safe: the collector stores a UUID once and acks it
 * every time, and a photo part with the same hash is "already stored".
 *
 * Photo parts that went through are remembered in memory (a small table,
 * forgotten when the photo leaves the queue, or when the collector says it
 * is still pending), so a batch that fails after its uploads does not
 * upload them again; after a restart they are simply sent again.
 *
 * An item the kiosk cannot prepare (its photo file is missing) and a
 * single item the collector refuses as too large (413) or unreadable (400)
 * are set aside rather than retried forever: the queue behind them must
 * move. A 413 or 400 for a batch of several first halves the batch size,
 * down to one, to find the item at fault.
 */
#include "sync_int.h"
#include "core.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_REFUSED "the collector refused this kiosk's token"

typedef struct {
	store_outbox_item it;
	json_t *obj;
	store_photo_file files[2];
} entry;

/* ---- Photo parts already at the collector */

static sync_parts *parts_find(sync_worker *w, const char *uuid)
{
	for (int i = 0; i < w->n_parts; i++)
		if (!strcmp(w->parts[i].uuid, uuid))
			return &w->parts[i];
	return NULL;
}

static void parts_set(sync_worker *w, const char *uuid, int which)
{
	sync_parts *p = parts_find(w, uuid);
	if (!p) {
		if (w->n_parts == SYNC_PARTS_MAX) { /* forget the oldest: at worst a resend */
			memmove(w->parts, w->parts + 1, (SYNC_PARTS_MAX - 1) * sizeof *w->parts);
			w->n_parts--;
		}
		p = &w->parts[w->n_parts++];
		memset(p, 0, sizeof *p);
		snprintf(p->uuid, sizeof p->uuid, "%s", uuid);
	}
	p->parts |= 1u << which;
}

static void parts_forget(sync_worker *w, const char *uuid)
{
	sync_parts *p = parts_find(w, uuid);
	if (p) {
		*p = w->parts[--w->n_parts];
	}
}

/* ---- Outcomes for one item */

static void set_aside(sync_worker *w, const char *uuid, const char *reason)
{
	if (store_outbox_set_aside(w->db, uuid, reason) != 0)
		mk_log(MK_LOG_ERROR, "sync_set_aside_failed", "error=\"%s\"", mk_err_msg());
	parts_forget(w, uuid);
	sync_event_add(w, "warn", "sync-set-aside", reason);
}

static void attempt(sync_worker *w, const char *uuid, const char *error)
{
	store_outbox_attempt(w->db, uuid, error);
}

/* A failed batch: every item keeps its place, with the try noted. */
static int fail(sync_worker *w, entry *e, int n, int rc)
{
	char msg[200];
	snprintf(msg, sizeof msg, "%s", mk_err_msg());
	for (int i = 0; i < n && !atomic_load(&w->stopping); i++)
		attempt(w, e[i].it.uuid, msg);
	return mk_err(rc < 0 ? rc : MK_EAGAIN, "%s", msg);
}

/* ---- Preparing */

/* Fills e[] from the next items; *n receives how many go in this batch.
 * Items that cannot be prepared are set aside (*moved counts them). */
static int prepare(sync_worker *w, entry *e, int *n, int *moved, size_t *bytes)
{
	store_outbox_item items[SYNC_BATCH];
	int got = 0, rc = store_outbox_next(w->db, w->batch_max, items, &got);
	*n = 0;
	*bytes = 0;
	for (int i = 0; !rc && i < got; i++) {
		char *text = NULL;
		entry *x = &e[*n];
		x->it = items[i];
		rc = store_outbox_wire(w->db, &x->it, &text, x->files);
		if (rc == MK_ENOTFOUND || rc == MK_EIO) { /* its record or file is gone */
			char why[200];
			snprintf(why, sizeof why, "%s", mk_err_msg());
			set_aside(w, x->it.uuid, why);
			++*moved;
			rc = 0;
			continue;
		}
		if (rc)
			break;
		size_t len = strlen(text);
		if (*n > 0 && *bytes + len + 64 > SYNC_BODY_MAX) {
			free(text);
			break; /* the rest waits for the next batch */
		}
		x->obj = json_loadb(text, len, 0, NULL);
		free(text);
		if (!x->obj) { /* a bug, not a reason to block the queue */
			set_aside(w, x->it.uuid, "the kiosk could not prepare it for sending");
			++*moved;
			continue;
		}
		*bytes += len + 1;
		++*n;
	}
	return rc;
}

static void release(entry *e, int n)
{
	for (int i = 0; i < n; i++)
		json_decref(e[i].obj);
}

/* ---- Photo files */

/* 0: both parts are at the collector; 1: the photo was set aside;
 * negative: the batch fails. */
static int send_parts(sync_worker *w, const entry *x, int *puts)
{
	static const char *const part[2] = { "image", "thumb" };
	sync_parts *p = parts_find(w, x->it.uuid);
	for (int i = 0; i < 2; i++) {
		char path[128];
		sync_answer a;
		long status;
		int rc;
		if (p && (p->parts & (1u << i)))
			continue;
		snprintf(path, sizeof path, "/api/v1/photos/%s?part=%s", x->it.uuid, part[i]);
		rc = sync_http_put_file(w->http, path, x->files[i].path, x->files[i].size,
					x->files[i].sha256, &a);
		++*puts;
		if (rc)
			return rc;
		status = a.status;
		sync_answer_free(&a);
		if (status >= 200 && status < 300) {
			parts_set(w, x->it.uuid, i);
			p = parts_find(w, x->it.uuid);
			continue;
		}
		if (status == 401)
			return sync_err(SYNC_TOKEN, 401, MK_EPERM, TOKEN_REFUSED);
		if (status == 400 || status == 409 || status == 413) {
			set_aside(w, x->it.uuid, status == 400 ? "the collector found the photo's file damaged"
				  : status == 409 ? "the collector holds a different file for this photo"
				  : "the photo is too large for the collector");
			return 1;
		}
		return sync_err(SYNC_SERVER, status, MK_EAGAIN, "the collector answered %ld to a photo upload",
				status);
	}
	return 0;
}

/* Uploads the photos' files; drops set-aside photos from e[]. */
static int send_photos(sync_worker *w, entry *e, int *n, int *moved, int *puts)
{
	for (int i = 0; i < *n; i++) {
		int rc;
		if (strcmp(e[i].it.kind, "photo"))
			continue;
		if ((rc = send_parts(w, &e[i], puts)) < 0)
			return rc;
		if (rc == 1) {
			json_decref(e[i].obj);
			e[i--] = e[--*n];
			++*moved;
		}
	}
	return 0;
}

/* ---- The answer */

static entry *in_batch(entry *e, int n, json_t *uuid)
{
	const char *u = json_string_value(uuid);
	for (int i = 0; u && i < n; i++)
		if (!strcmp(e[i].it.uuid, u))
			return &e[i];
	return NULL;
}

static const char *reason_of(json_t *o, const char *otherwise)
{
	const char *r = json_string_value(json_object_get(o, "reason"));
	return r && *r ? r : otherwise;
}

typedef struct {
	int accepted, rejected, pending;
	char pending_reason[120];
} tally;

/* Acts on a 200 answer; MK_EAGAIN when it is not the expected JSON. */
static int read_answer(sync_worker *w, entry *e, int n, const sync_answer *a, tally *t)
{
	json_t *root = json_loadb(a->body, a->len, 0, NULL), *v;
	json_t *acc = json_object_get(root, "accepted"), *rej = json_object_get(root, "rejected");
	json_t *pen = json_object_get(root, "pending");
	const char *acks[SYNC_BATCH];
	int n_acks = 0, done = 0;
	size_t i;
	if (!json_is_array(acc) || (rej && !json_is_array(rej)) || (pen && !json_is_array(pen))) {
		json_decref(root);
		return sync_err(SYNC_ANSWER, 0, MK_EAGAIN, "the collector's answer was not understood");
	}
	json_array_foreach(acc, i, v) {
		entry *x = in_batch(e, n, v);
		if (x && n_acks < SYNC_BATCH) {
			acks[n_acks++] = x->it.uuid;
			parts_forget(w, x->it.uuid);
		}
	}
	if (n_acks && store_outbox_ack_list(w->db, acks, n_acks, &done) != 0) {
		/* They stay queued; the collector acks them again next time. */
		int rc = mk_err(MK_EIO, "cannot note what the collector acknowledged: %s",
				mk_err_msg());
		json_decref(root);
		return rc;
	}
	t->accepted = done;
	json_array_foreach(rej, i, v) {
		entry *x = in_batch(e, n, json_object_get(v, "uuid"));
		if (x) {
			set_aside(w, x->it.uuid, reason_of(v, "rejected by the collector"));
			t->rejected++;
		}
	}
	json_array_foreach(pen, i, v) {
		entry *x = in_batch(e, n, json_object_get(v, "uuid"));
		if (x) {
			snprintf(t->pending_reason, sizeof t->pending_reason, "%s",
				 reason_of(v, "pending at the collector"));
			attempt(w, x->it.uuid, t->pending_reason);
			parts_forget(w, x->it.uuid); /* the collector lacks them: send again */
			t->pending++;
		}
	}
	json_decref(root);
	return 0;
}

/* 413 or 400 for the whole batch: halve it, or set the single item aside. */
static int refused(sync_worker *w, entry *e, int n, long status)
{
	if (n > 1) {
		w->batch_max = n / 2;
		return SYNC_PROGRESS;
	}
	set_aside(w, e[0].it.uuid, status == 413 ? "too large for the collector"
		  : "the collector cannot read it (400)");
	return SYNC_PROGRESS;
}

static int post(sync_worker *w, entry *e, int n, tally *t, long *status)
{
	json_t *root = json_object(), *arr = json_array();
	sync_answer a;
	char *body;
	int rc;
	for (int i = 0; i < n && arr; i++)
		json_array_append(arr, e[i].obj);
	json_object_set_new(root, "records", arr);
	body = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	if (!body)
		return mk_err(MK_ENOMEM, "out of memory preparing a batch");
	rc = sync_http_post(w->http, "/api/v1/records", body, strlen(body), &a);
	free(body);
	if (rc)
		return fail(w, e, n, rc);
	*status = a.status;
	if (a.status == 200)
		rc = read_answer(w, e, n, &a, t);
	else if (a.status == 401)
		rc = sync_err(SYNC_TOKEN, 401, MK_EPERM, TOKEN_REFUSED);
	else if (a.status == 413 || a.status == 400)
		rc = refused(w, e, n, a.status);
	else
		rc = sync_err(SYNC_SERVER, a.status, MK_EAGAIN, "the collector answered %ld", a.status);
	sync_answer_free(&a);
	if (rc < 0)
		return fail(w, e, n, rc);
	if (rc == SYNC_PROGRESS)
		return rc;
	if (w->batch_max < SYNC_BATCH)
		w->batch_max = w->batch_max * 2 < SYNC_BATCH ? w->batch_max * 2 : SYNC_BATCH;
	if (t->accepted + t->rejected == 0) /* nothing moved: do not spin */
		return sync_err(SYNC_PENDING, 0, MK_EAGAIN, "the collector keeps %d item%s pending: %s",
				t->pending, t->pending == 1 ? "" : "s",
				t->pending_reason[0] ? t->pending_reason : "no answer for them");
	return SYNC_PROGRESS;
}

int sync_round(sync_worker *w, int *acked)
{
	entry *e = calloc(SYNC_BATCH, sizeof *e); /* 8 KiB each: not on the stack */
	tally t = { 0 };
	int n = 0, moved = 0, puts = 0, rc;
	long status = 0;
	size_t bytes = 0;
	uint64_t t0 = sync_now_ms();
	*acked = 0;
	if (!e)
		return mk_err(MK_ENOMEM, "out of memory preparing a batch");
	rc = prepare(w, e, &n, &moved, &bytes);
	if (!rc && n > 0 && (rc = send_photos(w, e, &n, &moved, &puts)) < 0)
		rc = fail(w, e, n, rc);
	if (!rc && n > 0)
		rc = post(w, e, n, &t, &status);
	release(e, n);
	free(e);
	if (n > 0 || puts > 0)
		mk_log(rc < 0 ? MK_LOG_WARN : MK_LOG_INFO, "sync_batch",
		       "items=%d bytes=%zu puts=%d status=%ld accepted=%d rejected=%d pending=%d"
		       " set_aside=%d batch_max=%d ms=%llu", n, bytes, puts, status, t.accepted,
		       t.rejected, t.pending, moved, w->batch_max,
		       (unsigned long long)(sync_now_ms() - t0));
	*acked = t.accepted;
	if (rc < 0)
		return rc;
	if (rc == SYNC_PROGRESS || moved > 0)
		return SYNC_PROGRESS;
	return n == 0 ? SYNC_EMPTY : SYNC_PROGRESS;
}
