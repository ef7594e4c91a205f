/* SPDX-License-Identifier: MIT */
/*
 * POST /api/v1/records: a batch of outbox items in, each one's fate out.
 * The body must be {"records": [...]} with at most API_MAX_BATCH items
 * (400 when it is not a batch at all, 413 when too many); each item is
 * checked (api_item.c), and those that pass are stored together
 * (cstore_records_put: one transaction, one sync to disk, each record in a
 * savepoint of its own), so the answer sorts every UUID into accepted (stored
 * now or before: the kiosk may forget it), rejected (never acceptable as
 * it is) or pending (a photo whose files have not all arrived). A failure
 * of the server itself answers 500 for the whole batch, and none of it
 * is stored: the kiosk's retry stores it then.
 */
#include "api_int.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
	json_t *accepted, *rejected, *pending;
} verdicts;

static void add_reason(json_t *list, const char *uuid, const char *reason)
{
	json_array_append_new(list, json_pack("{s:s, s:s}", "uuid", uuid, "reason", reason));
}

/* The items of one batch: parsed, then stored together. */
typedef struct {
	size_t n;
	api_item *it;
	int *parsed;               /* 1 when it[i] parsed */
	int *result;               /* cstore_records_put's verdict for it[i] */
	char (*reason)[CSTORE_REASON];
	const cstore_record **rec; /* the parsed ones, in order */
} items;

static void items_free(items *b)
{
	for (size_t i = 0; b->it && i < b->n; i++)
		api_item_free(&b->it[i]);
	free(b->it);
	free(b->parsed);
	free(b->result);
	free(b->reason);
	free(b->rec);
}

/* Parses each item and stores those that parse in one transaction
 * (cstore_records_put); -1 on a server failure (the batch answers 500). */
static int store_all(collector *c, const char *kiosk, json_t *list, items *b)
{
	int k = 0, rc;
	b->n = json_array_size(list);
	b->it = calloc(b->n + 1, sizeof *b->it);
	b->parsed = calloc(b->n + 1, sizeof *b->parsed);
	b->result = calloc(b->n + 1, sizeof *b->result);
	b->reason = calloc(b->n + 1, sizeof *b->reason);
	b->rec = calloc(b->n + 1, sizeof *b->rec);
	if (!b->it || !b->parsed || !b->result || !b->reason || !b->rec)
		return -1;
	for (size_t i = 0; i < b->n; i++)
		if ((b->parsed[i] = api_item_parse(json_array_get(list, i), &b->it[i],
						   b->reason[i]) == 0))
			b->rec[k++] = &b->it[i].rec;
	int *res = calloc((size_t)k + 1, sizeof *res);
	char (*why)[CSTORE_REASON] = calloc((size_t)k + 1, sizeof *why);
	rc = res && why ? cstore_records_put(c->db, kiosk, b->rec, k, c->now(), res, why) : MK_ENOMEM;
	for (size_t i = 0, j = 0; !rc && i < b->n; i++)
		if (b->parsed[i]) {
			b->result[i] = res[j];
			memcpy(b->reason[i], why[j++], sizeof *why);
		}
	free(res);
	free(why);
	if (rc)
		mk_log(MK_LOG_ERROR, "api-store-failed", "kiosk=%s rc=%d", kiosk, rc);
	return rc ? -1 : 0;
}

/* Sorts item i into accepted, rejected or pending. */
static void sort_one(const items *b, size_t i, verdicts *v, api_counts *n)
{
	const char *uuid = b->it[i].rec.uuid, *reason = b->reason[i];
	if (!b->parsed[i] || b->result[i] == MK_EINVAL) {
		add_reason(v->rejected, uuid, reason[0] ? reason : "refused by the collector");
		n->rejected++;
	} else if (b->result[i] == MK_EAGAIN) {
		add_reason(v->pending, uuid, reason);
		n->pending++;
	} else {
		json_array_append_new(v->accepted, json_string(uuid));
		n->accepted++;
	}
}

void api_records(collector *c, const char *kiosk, const creq *r, cresp *w, api_counts *n)
{
	size_t len;
	const uint8_t *body = creq_body(r, &len);
	json_error_t err;
	json_t *root, *list;
	verdicts v;
	if (len > API_MAX_BODY)
		return api_error(w, 413, "a batch takes at most 8 MiB");
	root = json_loadb((const char *)body, len, 0, &err);
	list = json_object_get(root, "records");
	if (!json_is_array(list)) {
		json_decref(root);
		return api_error(w, 400, "not a batch: expected {\"records\": [...]} in JSON");
	}
	if (json_array_size(list) > API_MAX_BATCH) {
		json_decref(root);
		return api_error(w, 413, "a batch takes at most 100 records");
	}
	v.accepted = json_array();
	v.rejected = json_array();
	v.pending = json_array();
	items b = { 0 };
	int failed = !v.accepted || !v.rejected || !v.pending || store_all(c, kiosk, list, &b);
	for (size_t i = 0; !failed && i < b.n; i++)
		sort_one(&b, i, &v, n);
	items_free(&b);
	json_decref(root);
	if (failed) {
		json_decref(v.accepted);
		json_decref(v.rejected);
		json_decref(v.pending);
		*n = (api_counts){ 0, 0, 0 };
		return api_error(w, 500, "the collector could not store the batch: send it again later");
	}
	api_json(w, 200, json_pack("{s:o, s:o, s:o}", "accepted", v.accepted, "rejected",
				   v.rejected, "pending", v.pending));
}
