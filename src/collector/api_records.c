/* SPDX-License-Identifier: MIT */
/*
 * POST /api/v1/records: a batch of outbox items in, each one's fate out.
 * The body must be {"records": [...]} with at most API_MAX_BATCH items
 * (400 when it is not a batch at all, 413 when too many); each item is
 * checked (api_item.c) and stored on its own (cstore_record_put, one
 * transaction each), so the answer sorts every UUID into accepted (stored
 * now or before: the kiosk may forget it), rejected (never acceptable as
 * it is) or pending (a photo whose files have not all arrived). A failure
 * of the server itself answers 500 for the whole batch: what was stored
 * before it is stored once, and the kiosk's retry is acknowledged then.
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

/* Stores one item; -1 on a server failure (the batch answers 500). */
static int put_one(collector *c, const char *kiosk, json_t *j, verdicts *v, api_counts *n)
{
	api_item it;
	char reason[CSTORE_REASON] = "";
	int rc = 0;
	if (api_item_parse(j, &it, reason) != 0) {
		add_reason(v->rejected, it.rec.uuid, reason);
		n->rejected++;
	} else if ((rc = cstore_record_put(c->db, kiosk, &it.rec, c->now(), reason)) == 0) {
		json_array_append_new(v->accepted, json_string(it.rec.uuid));
		n->accepted++;
	} else if (rc == MK_EINVAL) {
		add_reason(v->rejected, it.rec.uuid, reason[0] ? reason : "refused by the collector");
		n->rejected++;
		rc = 0;
	} else if (rc == MK_EAGAIN && reason[0]) { /* without a reason: the database was busy */
		add_reason(v->pending, it.rec.uuid, reason);
		n->pending++;
		rc = 0;
	} else {
		mk_log(MK_LOG_ERROR, "api-store-failed", "kiosk=%s rc=%d", kiosk, rc);
	}
	api_item_free(&it);
	return rc ? -1 : 0;
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
	int failed = !v.accepted || !v.rejected || !v.pending;
	for (size_t i = 0; !failed && i < json_array_size(list); i++)
		failed = put_one(c, kiosk, json_array_get(list, i), &v, n) != 0;
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
