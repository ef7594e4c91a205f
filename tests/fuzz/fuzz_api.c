/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target `api`: the input is the body of a kiosk's request to the
 * collector, handed to both JSON routes as an authenticated kiosk's:
 * POST /api/v1/records (api_records: the batch, every item checked by
 * api_item_parse and stored in SQLite) and POST /api/v1/heartbeat. The
 * store is a real one, in the scratch folder, and keeps what earlier
 * inputs stored, as a collector does.
 *
 * Besides crashes: every answer is JSON; a body is never a server failure
 * (500: the kiosk would send it again for ever) but 200, 400 or 413; a
 * batch answered 200 sorts each of its items into exactly one of
 * accepted, rejected and pending, by the UUID the kiosk sent.
 */
#include "fuzz.h"
#include "api_int.h"
#include "chttp_int.h"
#include <jansson.h>

#define T_NOW 1795000000

static collector col;
static char kiosk[CSTORE_ID];

static int64_t fixed_now(void)
{
	return T_NOW;
}

static void done(void)
{
	cstore_close(col.db);
	pthread_mutex_destroy(&col.lock);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char token[CSTORE_TOKEN], *db = fuzz_path("collector.db");
	(void)argc, (void)argv;
	mk_log_set_level(MK_LOG_ERROR);
	if (cstore_open(&col.db, db) != 0 || cstore_kiosk_add(col.db, "fuzz", kiosk, token) != 0) {
		fprintf(stderr, "fuzz_api: %s\n", mk_err_msg());
		abort();
	}
	free(db);
	col.now = fixed_now;
	pthread_mutex_init(&col.lock, NULL);
	atexit(done);
	return 0;
}

/* The answer, parsed; aborts unless it is JSON with a known status. */
static json_t *answer(const cresp *w, const char *route)
{
	json_error_t e;
	json_t *j;
	if (getenv("MK_FUZZ_VERBOSE"))
		fprintf(stderr, "%s: %d %.*s\n", route, w->status, (int)w->len, (const char *)w->body);
	FUZZ_CHECK(w->status == 200 || w->status == 400 || w->status == 413, "%s answered %d: %.*s",
		   route, w->status, (int)w->len, w->body ? (const char *)w->body : "");
	j = json_loadb((const char *)w->body, w->len, 0, &e);
	FUZZ_CHECK(json_is_object(j), "%s: not JSON: %s", route, e.text);
	FUZZ_CHECK(w->status == 200 || json_is_string(json_object_get(j, "error")), "%s: no error",
		   route);
	return j;
}

/* How often uuid appears across the three lists. */
static int sorted(json_t *ans, const char *uuid)
{
	static const char *const lists[] = { "accepted", "rejected", "pending" };
	int n = 0;
	for (int l = 0; l < 3; l++) {
		json_t *list = json_object_get(ans, lists[l]), *v;
		size_t i;
		json_array_foreach(list, i, v) {
			const char *u = json_is_string(v) ? json_string_value(v)
				: json_string_value(json_object_get(v, "uuid"));
			n += u && !strcmp(u, uuid);
		}
	}
	return n;
}

static void check_batch(const uint8_t *data, size_t size, json_t *ans, const api_counts *n)
{
	json_t *sent = json_loadb((const char *)data, size, 0, NULL);
	json_t *list = json_object_get(sent, "records"), *item;
	size_t i;
	FUZZ_CHECK(json_is_array(list), "200 for a body without records");
	FUZZ_CHECK((size_t)(n->accepted + n->rejected + n->pending) == json_array_size(list),
		   "%d + %d + %d for %zu items", n->accepted, n->rejected, n->pending,
		   json_array_size(list));
	json_array_foreach(list, i, item) {
		json_t *uj = json_object_get(item, "uuid");
		const char *u = json_string_value(uj);
		/* Only a well-formed UUID is echoed; items may share one. */
		if (u && json_string_length(uj) == strlen(u) && api_uuid_ok(u))
			FUZZ_CHECK(sorted(ans, u) >= 1, "item %zu (%s) in no list", i, u);
	}
	json_decref(sent);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	creq r;
	cresp w;
	api_counts n = { 0, 0, 0 };
	json_t *ans;
	memset(&r, 0, sizeof r);
	/* As chttp.c hands a body over: its own buffer, NUL after the end. */
	r.body = malloc(size + 1);
	if (!r.body)
		return 0;
	memcpy(r.body, data, size);
	r.body[size] = 0;
	r.len = size;
	r.cap = size + 1;
	snprintf(r.method, sizeof r.method, "POST");

	memset(&w, 0, sizeof w);
	api_records(&col, kiosk, &r, &w, &n);
	ans = answer(&w, "records");
	if (w.status == 200)
		check_batch(data, size, ans, &n);
	json_decref(ans);
	chttp_body_free(w.body, w.len);

	memset(&w, 0, sizeof w);
	api_heartbeat(&col, kiosk, &r, &w);
	ans = answer(&w, "heartbeat");
	FUZZ_CHECK(w.status != 200 || json_is_true(json_object_get(ans, "ok")), "heartbeat ok");
	json_decref(ans);
	chttp_body_free(w.body, w.len);

	chttp_body_free(r.body, r.cap);
	return 0;
}
